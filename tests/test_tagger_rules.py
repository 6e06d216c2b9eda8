"""Every example of every temporal rule (resources/temporal/rules.yaml) is a test case, and the
rule files validate with errors that name the file and the rule."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline import tag_times
from timeline.errors import ResourceError
from timeline.temporal import rulebook as rulebook_module
from timeline.temporal.rulebook import rulebook

CASES = [(rule, example) for rule in rulebook().rules for example in rule.examples]


def case_id(case: tuple) -> str:
    rule, example = case
    return f"{rule.name}:{example.text[:40]}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_rule_example_resolves_as_documented(case):
    rule, example = case
    found = tag_times(example.text, published=example.published)
    if example.value is None:
        assert [e for e in found if e.rule == rule.name] == [], f"{rule.name} must not fire here"
        if example.expression:
            assert example.expression not in [e.text for e in found]
        return
    if example.expression:
        matches = [e for e in found if e.text == example.expression]
    else:
        matches = [e for e in found if e.rule == rule.name]
    assert matches, f"{rule.name} found nothing in {example.text!r}: {found}"
    expr = matches[0]
    assert expr.rule == rule.name
    assert expr.value == example.value, expr.explanation
    assert expr.text == example.text[expr.start:expr.end]
    if example.type:
        assert expr.type == example.type
    if example.mod:
        assert expr.mod == example.mod
    if example.dated is not None:
        assert expr.is_dated == example.dated, expr.explanation
    if example.interval:
        assert (expr.interval_start, expr.interval_end) == tuple(dt.date.fromisoformat(d) for d in example.interval)


def test_every_rule_has_examples_that_fire():
    """Every rule shows what it finds; rules that block look-alikes ("$5 a year") show what
    they block."""
    firing = {rule.name for rule, example in CASES if example.value is not None}
    blocking = {rule.name for rule, example in CASES if example.value is None and rule.kind == "ignore"}
    assert firing | blocking == {rule.name for rule in rulebook().rules}
    assert not firing & {rule.name for rule in rulebook().rules if rule.kind == "ignore"}


@pytest.mark.parametrize(
    "patch, message",
    [
        ({"rules": [{"name": "a", "kind": "year", "pattern": "{year4:year}", "examples": [{"text": "1990", "value": "1990"}]},
                    {"name": "a", "kind": "year", "pattern": "{year4:year}", "examples": [{"text": "1990", "value": "1990"}]}]},
         "rule 'a': duplicate rule name"),
        ({"rules": [{"name": "b", "kind": "year", "pattern": "{no_such_list}", "examples": [{"text": "x", "value": "1"}]}]},
         "rule 'b': unknown pattern {no_such_list}"),
        ({"rules": [{"name": "c", "kind": "year", "pattern": "(unclosed", "examples": [{"text": "x", "value": "1"}]}]},
         "rule 'c': bad regex"),
        ({"rules": [{"name": "d", "kind": "year", "pattern": "{year4:year}"}]},
         "rule 'd': every rule needs 'examples'"),
        ({"rules": [{"name": "e", "kind": "guess", "pattern": "x", "examples": [{"text": "x", "value": "1"}]}]},
         "rule 'e': unknown kind 'guess'"),
    ],
)
def test_broken_rule_file_names_file_and_rule(monkeypatch, patch, message):
    def fake_load_yaml(name):
        assert name == rulebook_module.RULES_FILE
        return patch

    monkeypatch.setattr(rulebook_module, "load_yaml", fake_load_yaml)
    with pytest.raises(ResourceError) as info:
        rulebook_module.load_rules(rulebook().lexicon, {"year"})
    assert "resources/temporal/rules.yaml" in str(info.value)
    assert message in str(info.value)


def test_the_clause_words_are_data_and_a_broken_list_is_refused_with_the_file_named(monkeypatch):
    from timeline.datafiles import load_yaml

    clauses = rulebook_module.clause_patterns()
    assert clauses.reporting.fullmatch("said") and clauses.relative.search("the deal, which")
    broken = load_yaml(rulebook_module.TENSE_FILE)
    broken = {**broken, "clauses": {**broken["clauses"], "reporting_verbs": ["said", "3 words"]}}
    _assert_refused(monkeypatch, rulebook_module.clause_patterns, broken, r"temporal/tense\.yaml: clauses\.reporting_verbs")


def _assert_refused(monkeypatch, loader, broken: dict, message: str) -> None:
    """`loader` (a cached reader of temporal/tense.yaml) refuses `broken` with `message`; its
    cache is cleared before and after, so neither the good file nor the broken one leaks."""
    monkeypatch.setattr(rulebook_module, "load_yaml", lambda name: broken)
    loader.cache_clear()
    try:
        with pytest.raises(ResourceError, match=message):
            loader()
    finally:
        loader.cache_clear()


@pytest.mark.parametrize("phrase", rulebook_module.timetable_present())
def test_the_present_of_a_timetable_is_one_list_read_as_a_future_and_as_a_plan(phrase):
    from timeline.extract.status import decide_status

    # Published on a Wednesday: the tagger takes the coming Friday, not the one just gone ...
    friday = next(t for t in tag_times(f"The envoy {phrase} Geneva on Friday.", "2015-02-11") if t.text == "Friday")
    assert friday.value == "2015-02-13", friday.explanation
    # ... and "today" in that day's dispatch is a plan by the same word.
    sentence = f"The envoy {phrase} Geneva today."
    at = sentence.index("today")
    wednesday = dt.date(2015, 2, 11)
    decision = decide_status(sentence, at, at + len("today"), (wednesday, wednesday), wednesday)
    assert (decision.status, decision.reason) == ("planned", f"cue {phrase!r}")


@pytest.mark.parametrize("gap, expression", [
    (" ", "the last{gap}months of 2014"),
    ("\n  ", "the last{gap}months of 2014"),    # a line break and an indent still join a phrase's words
    (" " * 40, "2014"),                          # a gap this wide is layout: bounded, the house form
])
def test_the_words_of_a_listed_phrase_are_joined_across_a_line_break_but_not_a_wide_gap(gap, expression):
    found = [t.text for t in tag_times(f"Talks began in the last{gap}months of 2014.", "2015-02-11")]
    assert found == [expression.format(gap=gap)]


@pytest.mark.parametrize("gap, found", [
    (" ", [("March 5, 2001", "2001-03-05"), ("nineteen ninety-six", "1996")]),
    ("\n  ", [("March\n  5, 2001", "2001-03-05"), ("nineteen\n  ninety-six", "1996")]),
    # a gap this wide is layout, not one expression (rules.yaml's blank space is bounded)
    (" " * 40, [("March", "2001-03"), ("2001", "2001")]),
])
def test_a_rules_words_are_joined_across_a_line_break_but_not_a_wide_gap(gap, found):
    text = f"They signed it on March{gap}5, 2001. The first draft dates from nineteen{gap}ninety-six."
    assert [(t.text, t.value) for t in tag_times(text, "2001-03-10")] == found


def test_a_broken_timetable_present_is_refused_with_the_file_named(monkeypatch):
    from timeline.datafiles import load_yaml

    broken = {**load_yaml(rulebook_module.TENSE_FILE), "timetable_present": ["opens", r"meets\s+in"]}
    _assert_refused(monkeypatch, rulebook_module.timetable_present, broken, r"temporal/tense\.yaml: timetable_present")
