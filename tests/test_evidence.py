"""The evidence card: the sentence in its paragraph, highlights, and article text always escaped."""
import pandas as pd
import pytest

from timeline import schema
from timeline.present.evidence import (
    ACTOR,
    TIME,
    Highlight,
    actor_spans,
    event_evidence_html,
    evidence_html,
    find_mentions,
    highlight_html,
    paragraph_bounds,
)

ARTICLE = (
    "Headline of the piece\n\n"
    "The envoy arrived in Oslo on Tuesday. Talks between Norway and the rebels resumed "
    "at once, officials said.\n\n"
    "A later paragraph that is not part of the evidence."
)


def offsets(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_paragraph_bounds_stop_at_blank_lines():
    sentence = offsets(ARTICLE, "Talks between Norway and the rebels resumed at once, "
                                "officials said.")
    start, end = paragraph_bounds(ARTICLE, *sentence)
    assert ARTICLE[start:end].startswith("The envoy arrived")
    assert ARTICLE[start:end].endswith("officials said.")


def test_a_line_holding_only_spaces_and_tabs_still_ends_a_paragraph():
    text = "First paragraph ends here.\n  \t \nThe key sentence. And its paragraph."
    start, end = paragraph_bounds(text, *offsets(text, "The key sentence."))
    assert text[start:end] == "The key sentence. And its paragraph."


def test_a_paragraph_without_blank_lines_is_cut_around_the_sentence():
    text = "word " * 2000 + "The key sentence. " + "word " * 2000
    start, end = paragraph_bounds(text, *offsets(text, "The key sentence."))
    assert end - start < 1400
    assert "The key sentence." in text[start:end]


def test_evidence_marks_the_sentence_the_time_expression_and_the_actors():
    sentence = offsets(ARTICLE, "The envoy arrived in Oslo on Tuesday.")
    timex = offsets(ARTICLE, "on Tuesday")
    actors = [offsets(ARTICLE, "Oslo"), offsets(ARTICLE, "Norway")]
    html = evidence_html(ARTICLE, sentence, timex, actors, [("How", "Tuesday -> x")])
    assert '<mark class="tl-time">on Tuesday</mark>' in html
    assert '<mark class="tl-actor">Oslo</mark>' in html
    assert '<mark class="tl-actor">Norway</mark>' in html  # elsewhere in the paragraph
    assert '<span class="tl-sentence">The envoy arrived in <mark class="tl-actor">Oslo</mark> ' \
        '<mark class="tl-time">on Tuesday</mark>.</span>' in html
    assert "A later paragraph" not in html
    assert "<dt>How</dt><dd>Tuesday -&gt; x</dd>" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<a href='javascript:alert(1)'>link</a>",
        "\"><svg onload=alert(1)>",
    ],
)
def test_article_text_and_facts_are_escaped(hostile):
    text = f"Before. On Monday {hostile} the talks began in Geneva. After."
    sentence = offsets(text, f"On Monday {hostile} the talks began in Geneva.")
    html = evidence_html(text, sentence, offsets(text, "On Monday"), [offsets(text, "Geneva")],
                         [("Article", hostile)])
    assert hostile not in html
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert "<a " not in html
    assert "&lt;" in html


def test_mentions_are_whole_words_and_case_sensitive():
    text = "Russian jets; Russia said; russia; Russias"
    found = find_mentions(text, ["Russia"], 0, len(text))
    assert [text[h.start:h.end] for h in found] == ["Russia"]
    assert found[0].start == text.index("Russia said")


def test_overlapping_highlights_keep_the_first_and_nothing_is_lost():
    text = "Sergei Lavrov spoke on Monday."
    marks = [Highlight(0, 13, ACTOR), Highlight(7, 13, ACTOR), Highlight(20, 29, TIME)]
    html = highlight_html(text, 0, len(text), (0, len(text)), marks)
    assert html.count("<mark") == 2
    assert "Sergei Lavrov" in html and "Monday" in html


def test_mention_search_is_linear_on_a_long_line_without_punctuation():
    text = "a" * 20_000
    assert find_mentions(text, ["a a", "aa" * 50], 0, len(text)) == []


def test_actor_spans_find_how_the_article_names_the_actor():
    text = ("Russian Foreign Minister Sergei Lavrov spoke in Muscat. Moscow will not stop, "
            "Lavrov said. Norway disagreed.")
    found = [text[a:b] for a, b in actor_spans(text, ["Russia"], None)]
    assert "Moscow" in found and "Norway" not in found
    assert any(word in found for word in ("Russian", "Sergei Lavrov", "Lavrov"))


def test_an_actor_the_gazetteer_does_not_know_is_found_by_its_name():
    text = "The Zorlandian Liberation Front said on Monday it would talk."
    assert [text[a:b] for a, b in actor_spans(text, ["Zorlandian Liberation Front"])] == [
        "Zorlandian Liberation Front"]


def event_row(text: str, sentence: str, timex: str, **extra) -> dict:
    s_start, s_end = offsets(text, sentence)
    t_start, t_end = offsets(text, timex)
    row = {
        schema.DOC_ID: "d1", schema.EVENT_ID: "d1:1",
        schema.DATE_START: pd.Timestamp("2021-03-08"), schema.DATE_END: pd.Timestamp("2021-03-08"),
        schema.GRANULARITY: "day", schema.TIMEX_TEXT: timex, schema.TIMEX_VALUE: "2021-03-08",
        schema.TIMEX_START: t_start, schema.TIMEX_END: t_end,
        schema.DATE_RULE: "Monday -> the Monday before publication", schema.DATE_INHERITED: False,
        schema.EVENT_TYPE: "meeting", schema.STATUS: "occurred", schema.ACTORS: ["Norway"],
        schema.LOCATIONS: ["Oslo"], schema.SENTENCE: sentence, schema.CHAR_START: s_start,
        schema.CHAR_END: s_end, schema.CONFIDENCE: 0.9, schema.CONTEXT_RULE: "",
    }
    return {**row, **extra}


def test_event_card_shows_how_the_date_was_resolved_and_the_article():
    text = "Title\n\nNorway hosted talks on Monday. Nothing else."
    event = event_row(text, "Norway hosted talks on Monday.", "on Monday")
    document = {schema.DOC_ID: "d1", schema.TITLE: "Talks in <Oslo>", schema.SOURCE: pd.NA,
                schema.PUBLISHED: pd.Timestamp("2021-03-10"), schema.TEXT: text}
    card = event_evidence_html(event, document)
    assert '<mark class="tl-time">on Monday</mark>' in card
    assert '<mark class="tl-actor">Norway</mark>' in card
    assert "Monday -&gt; the Monday before publication" in card
    assert "Talks in &lt;Oslo&gt;" in card and "2021-03-10" in card
    assert "<dt>Source</dt><dd>—</dd>" in card


def test_event_card_without_its_article_shows_the_sentence_alone():
    text = "Norway hosted talks on Monday."
    card = event_evidence_html(event_row(text, text, "on Monday"), None)
    assert "Norway" in card and "hosted talks" in card and "<dt>Article</dt>" not in card


def test_event_card_says_under_the_sentence_what_came_from_the_rest_of_the_article():
    text = "Title\n\nNorway hosted talks on Monday. Nothing else."
    event = event_row(text, "Norway hosted talks on Monday.", "on Monday",
                      **{schema.CONTEXT_RULE: "actors from paragraph 2 (the talks); place from the <dateline>"})
    card = event_evidence_html(event, None)
    sentence_at = card.index("hosted talks")
    note_at = card.index("actors from paragraph 2 (the talks); place from the &lt;dateline&gt;")
    assert sentence_at < note_at < card.index("<dl>")
    assert "<dateline>" not in card


def test_event_card_has_no_context_line_when_all_came_from_the_sentence():
    text = "Title\n\nNorway hosted talks on Monday. Nothing else."
    card = event_evidence_html(event_row(text, "Norway hosted talks on Monday.", "on Monday"), None)
    assert "tl-context\">" not in card and "Also from the article" not in card
