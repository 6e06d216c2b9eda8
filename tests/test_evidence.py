"""The evidence card: the sentence in its paragraph, highlights, and article text always escaped."""
import pytest

from timeline.evidence import (
    ACTOR,
    TIME,
    Highlight,
    actor_surface_terms,
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
    sentence = offsets(ARTICLE, "Talks between Norway and the rebels resumed at once, officials said.")
    start, end = paragraph_bounds(ARTICLE, *sentence)
    assert ARTICLE[start:end].startswith("The envoy arrived")
    assert ARTICLE[start:end].endswith("officials said.")


def test_a_paragraph_without_blank_lines_is_cut_around_the_sentence():
    text = "word " * 2000 + "The key sentence. " + "word " * 2000
    start, end = paragraph_bounds(text, *offsets(text, "The key sentence."))
    assert end - start < 1400
    assert "The key sentence." in text[start:end]


def test_evidence_marks_the_sentence_the_time_expression_and_the_actors():
    sentence = offsets(ARTICLE, "The envoy arrived in Oslo on Tuesday.")
    timex = offsets(ARTICLE, "on Tuesday")
    html = evidence_html(ARTICLE, sentence, timex, ["Norway", "Oslo"], [("How", "Tuesday -> x")])
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
    html = evidence_html(text, sentence, offsets(text, "On Monday"), ["Geneva"],
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


def test_actor_terms_include_the_gazetteers_aliases():
    terms = actor_surface_terms(["Russia", "Sergei Lavrov"], {"Russia": ["Moscow", "Kremlin"]})
    assert {"Russia", "Moscow", "Kremlin", "Sergei Lavrov"} <= set(terms)
