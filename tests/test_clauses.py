"""The clause reader: which stretches of a sentence are other clauses than its date's, run on
the examples of resources/clauses.yaml, and what a reader of the table sees: an event does not
take the place of another clause of its sentence."""
from __future__ import annotations

import copy

import pytest

from timeline.datafiles import load_yaml
from timeline.errors import ResourceError
from timeline.extract.clauses import ClauseReader, clause_reader
from timeline.extract.events import extract_events

EXAMPLES = [(kind.name, e) for kind in clause_reader().kinds for e in kind.examples]


@pytest.mark.parametrize("kind, example", EXAMPLES, ids=lambda x: x if isinstance(x, str) else x.sentence[:40])
def test_clause_examples_of_the_data_file(kind, example):
    s = example.sentence
    at = s.index(example.date)
    others = clause_reader().other_clauses(s, at, at + len(example.date))
    assert [s[a:b] for a, b, _ in others] == list(example.other)
    for words in example.same:   # the date's own clause keeps these
        start = s.index(words)
        assert not any(a <= start < b or a < start + len(words) <= b for a, b, _ in others), words


def _places(text: str, published: str) -> list[list[str]]:
    return [list(r) for r in extract_events(text, published=published, doc_id="t")["locations"]]


def test_the_place_of_a_speaker_after_the_report_is_not_the_events():
    text = ("Talks between the two delegations collapsed in Vienna on Tuesday, "
            "the foreign ministry in Ankara said.")
    assert _places(text, "2024-03-06") == [["Vienna"]]


def test_the_speakers_place_stays_when_the_date_is_the_saying():
    # The date is the frame's own: the saying in Ankara is the event.
    text = "The talks had collapsed, the foreign ministry in Ankara said on Tuesday."
    assert _places(text, "2024-03-06") == [["Ankara"]]


def test_the_speakers_place_stays_when_the_event_names_no_place():
    # The event's clause names no place: the clause says nothing against the sentence's.
    text = "The talks collapsed on Tuesday, the foreign ministry in Ankara said."
    assert _places(text, "2024-03-06") == [["Ankara"]]


def test_a_kind_without_a_principle_is_refused_by_name():
    data = copy.deepcopy(load_yaml("clauses.yaml"))
    name = next(iter(data["kinds"]))
    del data["kinds"][name]["principle"]
    with pytest.raises(ResourceError, match=rf"clauses\.yaml: kinds\.{name}\.principle"):
        ClauseReader(data)


def test_an_example_whose_stretch_is_not_in_its_sentence_is_refused():
    data = copy.deepcopy(load_yaml("clauses.yaml"))
    kind = next(iter(data["kinds"].values()))
    kind["examples"][0]["other"] = ["words the sentence does not hold"]
    with pytest.raises(ResourceError, match=r"examples\[0\]\.other"):
        ClauseReader(data)


def test_a_place_of_a_clause_joined_with_its_own_subject_is_not_the_events():
    text = "Rebels shelled Mogadishu, but the talks in Nairobi resumed on Monday."
    assert _places(text, "2024-03-06") == [["Nairobi"]]
    text = "The talks in Nairobi resumed on Monday, while the rebels shelled Mogadishu."
    assert _places(text, "2024-03-06") == [["Nairobi"]]
    text = "Troops retook Mogadishu on Sunday, and the rebels withdrew to Nairobi."
    assert _places(text, "2024-03-06") == [["Mogadishu"]]
    # Without its own subject the joined clause goes on about the dated event.
    text = "The delegations met in Nairobi on Monday but failed to agree on a truce in Mogadishu."
    assert _places(text, "2024-03-06") == [["Nairobi", "Mogadishu"]]


def test_the_place_of_an_after_clause_is_not_the_events():
    text = "After fighting in Mogadishu stopped, the accord was signed in Nairobi on Tuesday."
    assert _places(text, "2024-03-06") == [["Nairobi"]]
    # "a week after ...": the clause has its own date, and its own row with its place.
    text = "The accord was signed in Nairobi on Tuesday, a week after fighting in Mogadishu stopped."
    assert _places(text, "2024-03-06") == [["Nairobi"], ["Mogadishu"]]
    text = "The envoy reached Nairobi on Monday, the first visit since the war in Mogadishu began."
    assert _places(text, "2024-03-06") == [["Nairobi"]]
    # Right after the date, the clause tells how the dated event came about.
    text = "The accord was signed on Tuesday after six weeks of talks in Nairobi."
    assert _places(text, "2024-03-06") == [["Nairobi"]]


def test_the_place_of_a_relative_clause_is_not_the_events():
    text = "The envoy, who had flown in from Nairobi, opened the talks on Tuesday in Mogadishu."
    assert _places(text, "2024-03-06") == [["Mogadishu"]]


def test_the_actors_of_an_after_clause_with_its_own_date_are_that_dates():
    text = ("The United Nations opened the talks in Nairobi on Tuesday, weeks after Kenya and Ethiopia "
            "had signed a truce in March.")
    rows = {r["timex_text"]: r for r in extract_events(text, published="2024-06-06", doc_id="t").to_dict("records")}
    assert list(rows["Tuesday"]["actors"]) == ["United Nations"]
    # ... and the March row has the clause's own names, not the talks' around it.
    assert list(rows["March"]["actors"]) == ["Kenya", "Ethiopia"]
    # Without a date of its own, the clause's actors stay: they may be parties to the talks.
    text = "The United Nations opened the talks in Nairobi on Tuesday, weeks after Kenya and Ethiopia had signed a truce."
    rows = extract_events(text, published="2024-06-06", doc_id="t").to_dict("records")
    assert [list(r["actors"]) for r in rows] == [["United Nations", "Kenya", "Ethiopia"]]
