"""Sentence and paragraph splitting: what the events helper and the evidence panel rely on."""
from __future__ import annotations

import pytest

from timeline.errors import ResourceError
from timeline.extract.sentences import (
    Sentence,
    build_credit_rules,
    build_rules,
    credit_rules,
    credit_spans,
    paragraph_span,
    rules,
    sentence_at,
    split_paragraphs,
    split_sentences,
)
from timeline.datafiles import load_yaml


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"), rules().examples, ids=[t[:40] for t, _ in rules().examples]
)
def test_every_example_in_the_data_file_splits_as_written(text, expected):
    assert texts(text) == list(expected)


def assert_offsets_hold(text: str, sentences: list[Sentence]) -> None:
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


def test_offsets_point_at_the_sentence_text_in_the_seed(seed_text):
    sentences = split_sentences(seed_text)
    assert_offsets_hold(seed_text, sentences)
    assert sentences[0].text == "Syria Talks Go off the Rails as Russia Ignores Cease-Fire Call"
    assert "The ISSG is scheduled to meet in Munich on Feb. 11." in [s.text for s in sentences]


def test_only_whitespace_lies_between_sentences(seed_text):
    sentences = split_sentences(seed_text)
    for before, after in zip(sentences, sentences[1:]):
        assert seed_text[before.end:after.start].strip() == ""


@pytest.mark.parametrize("text", ["", "   \n\n\t  "])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Talks stalled... Then the envoy left.", ["Talks stalled...", "Then the envoy left."]),
    ("Will they sign?! Nobody knows.", ["Will they sign?!", "Nobody knows."]),
    ('He said: "We are done!" The talks ended.', ['He said: "We are done!"', "The talks ended."]),
    ("It ended…  A truce began on Monday.", ["It ended…", "A truce began on Monday."]),
])
def test_a_run_of_terminators_and_its_closing_quote_end_one_sentence(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_a_credit_in_brackets_inside_a_credit_line_is_part_of_that_line():
    text = "Talks resumed on Monday.\n\nContact: press office (Reporting by Jim Muir in Beirut)\n\nThe envoy left."
    line = "Contact: press office (Reporting by Jim Muir in Beirut)"
    assert credit_spans(text) == [(text.index(line), text.index(line) + len(line))]


def test_a_blank_line_ends_a_sentence_even_before_lower_case():
    assert texts("talks ended in\n\nthe capital on Monday.") == [
        "talks ended in", "the capital on Monday."]


def test_windows_line_endings_keep_offsets_right():
    text = "Talks Stall\r\n\r\nThe envoy left Vienna on Monday. Aid stopped.\r\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Talks Stall", "The envoy left Vienna on Monday.", "Aid stopped."]
    assert_offsets_hold(text, sentences)


def test_a_wrapped_line_that_starts_like_a_number_is_not_a_list_item():
    text = ("The parties agreed to meet again in the first week of Feb.\n"
            "15. The agenda was not made public and officials declined to comment.")
    # "Feb.\n15." is a wrapped date, so the first sentence runs on to "15."
    assert texts(text)[0].endswith("Feb.\n15.")


def test_sentences_carry_their_paragraph_index():
    text = "Headline Here\n\nFirst para one. First para two.\n\nSecond para."
    assert [(s.text, s.paragraph) for s in split_sentences(text)] == [
        ("Headline Here", 0), ("First para one.", 1), ("First para two.", 1), ("Second para.", 2)]


def test_long_lines_pasted_from_a_web_page_are_paragraphs_of_their_own(seed_text):
    pasted = seed_text.replace("\n\n", "\n")
    assert [(s.text, s.paragraph) for s in split_sentences(pasted)] == [
        (s.text, s.paragraph) for s in split_sentences(seed_text)]


def test_a_hard_wrapped_paragraph_stays_one_paragraph():
    text = ("The envoys met for six hours in the capital on Monday and agreed to\n"
            "meet again. Officials from both sides said the talks had gone well and\n"
            "that a ceasefire could be signed before the end of the month.")
    assert {s.paragraph for s in split_sentences(text)} == {0}
    assert len(split_paragraphs(text)) == 1


def test_paragraph_span_gives_the_paragraph_around_a_sentence(seed_text):
    sentences = split_sentences(seed_text)
    munich = next(s for s in sentences if "Munich on Feb. 11" in s.text)
    start, end = paragraph_span(seed_text, munich)
    paragraph = seed_text[start:end]
    assert start <= munich.start and munich.end <= end
    assert "\n\n" not in paragraph and paragraph == paragraph.strip()
    assert paragraph.startswith("The decision to halt the talks")


def test_split_paragraphs_matches_sentence_paragraph_indexes(seed_text):
    paragraphs = split_paragraphs(seed_text)
    for sentence in split_sentences(seed_text):
        paragraph = paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start and sentence.end <= paragraph.end
        assert seed_text[paragraph.start:paragraph.end] == paragraph.text


def test_sentence_at_finds_the_sentence_holding_an_offset():
    text = "First one here. Second one here."
    sentences = split_sentences(text)
    assert sentence_at(sentences, text.index("Second") + 3) == sentences[1]
    assert sentence_at(sentences, 0) == sentences[0]
    assert sentence_at(sentences, text.index(" Second")) is None  # the space between
    assert sentence_at([], 5) is None


@pytest.mark.parametrize(
    "text",
    [
        "word " * 4000,                 # a 20,000-char line with no punctuation
        "a. " * 20000,                  # the input that takes pysbd 45 s
        "." * 20000 + "a",
        "…" * 20000,
        "U.S. " * 5000,
        ("x" * 99 + "\n") * 2000,       # one long hard-wrapped paragraph
        "U.S. " * 200_000,              # 1 MB of one sentence with a candidate end every 5 chars
    ],
    ids=["no-punctuation", "dots", "dot-run", "ellipses", "acronyms", "wrapped", "long-sentence"],
)
def test_adversarial_text_is_split_without_stalling(text):
    sentences = split_sentences(text)
    assert_offsets_hold(text, sentences)


def test_a_five_megabyte_text_is_split(seed_text):
    text = seed_text * (5_000_000 // len(seed_text) + 1)
    sentences = split_sentences(text)
    assert len(sentences) > 10_000
    assert sentences[-1].text == "Photo credit: Fabrice Coffrini/Getty Images"


def broken(path: str, value: object) -> dict:
    data = dict(load_yaml("sentences.yaml"))
    data["abbreviations"] = dict(data["abbreviations"])
    section, _, key = path.partition(".")
    if key:
        data[section][key] = value
    else:
        data[section] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("abbreviations.titles", ["Gen."], "abbreviations.titles: 'Gen.'"),
        ("abbreviations.titles", ["Gen", "Feb"], "already listed"),
        ("abbreviations.may_end", [], "must be a non-empty list"),
        ("sentence_starters", ["The", False], "sentence_starters: False"),
        ("bullet_marks", ["ab"], "bullet_marks: 'ab'"),
        ("examples", [{"text": "x"}], "examples #1"),
    ],
)
def test_a_broken_rule_file_is_refused_naming_the_entry(path, value, message):
    with pytest.raises(ResourceError, match="sentences.yaml") as caught:
        build_rules(broken(path, value))
    assert message in str(caught.value)


@pytest.mark.parametrize(("name", "text", "is_credit"), credit_rules().examples,
                         ids=[f"{n}: {t[:30]}" for n, t, _ in credit_rules().examples])
def test_every_credit_example_in_the_data_file_is_found_as_written(name, text, is_credit):
    assert credit_spans(text) == ([(0, len(text))] if is_credit else [])


def test_a_credit_in_brackets_is_not_part_of_the_sentence_before_it():
    text = "The envoys met on Monday and agreed to meet again (Reporting by Ana Ruiz in Geneva; Editing by Tom Lee)"
    assert texts(text) == ["The envoys met on Monday and agreed to meet again",
                           "(Reporting by Ana Ruiz in Geneva; Editing by Tom Lee)"]


def test_a_signature_line_among_long_lines_is_a_sentence_of_its_own():
    body = "The delegations met again on Monday in the Swiss city and agreed on a prisoner exchange"
    text = f"Jim Muir, Middle East correspondent\n{body}\n"
    assert texts(text) == ["Jim Muir, Middle East correspondent", body]


def test_credit_lines_inside_prose_are_found_where_they_stand():
    text = "Talks resumed on Monday.\nReporting by Ana Ruiz; Editing by Tom Lee\nMore talks are planned."
    start = text.index("Reporting")
    assert credit_spans(text) == [(start, text.index("\nMore"))]


def test_credit_lines_are_found_in_linear_time_on_name_like_lines():
    text = ("By " + "Ab Cd, " * 33 + "x\n") * 2_000   # long lists of names that are no byline
    assert credit_spans(text) == []


def broken_credits(key: str, value: object) -> dict:
    data = dict(load_yaml("credits.yaml"))
    data["patterns"] = [dict(p) for p in data["patterns"]]
    if key.startswith("patterns."):
        data["patterns"][0][key.split(".", 1)[1]] = value
    else:
        data[key] = value
    return data


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("patterns.pattern", "By {nmae}", "unknown placeholder {nmae}"),
        ("patterns.pattern", "By (", "not a valid regular expression"),
        ("patterns.kind", "sometimes", "kind"),
        ("patterns.examples", [], "every pattern needs examples"),
        ("outlets", [], "outlets"),
        ("max_line", 0, "max_line"),
    ],
)
def test_a_broken_credits_file_is_refused_naming_the_entry(key, value, message):
    with pytest.raises(ResourceError, match="credits.yaml") as caught:
        build_credit_rules(broken_credits(key, value))
    assert message in str(caught.value)


PROSE = ("The foreign ministers of the two countries met in Geneva on Monday with United Nations "
         "mediators and agreed to meet again after the elections in March. Officials from both "
         "delegations said the talks had gone well, although the Russian and Ukrainian positions on "
         "the sequencing of a ceasefire remained far apart. A third round is expected in Vienna "
         "before the summer, the mediators' spokesman Halima Osei told reporters on Tuesday.")


@pytest.mark.parametrize("width", [40, 55, 60, 66, 72, 80, 100])
def test_wrapped_prose_splits_like_the_same_prose_unwrapped(width):
    import textwrap

    wrapped = "\n".join(textwrap.wrap(PROSE, width))
    assert [" ".join(t.split()) for t in texts(wrapped)] == texts(PROSE)


def test_each_line_of_a_headline_list_is_a_sentence_whatever_its_length():
    lines = ["Talks collapse in the capital",
             "Envoys blame each other as the second round of negotiations ends without a date for a third",
             "Truce holds in the north",
             "Mediators to visit both capitals next week"]
    assert texts("\n".join(lines)) == lines


def test_a_broken_line_label_is_refused_naming_the_entry():
    data = dict(load_yaml("sentences.yaml"))
    data["line_labels"] = ["Read more"]
    with pytest.raises(ResourceError, match="line_labels: 'Read more'"):
        build_rules(data)
