"""The evidence of an event as safe HTML: its sentence inside its paragraph, with the time
expression and the actors' mentions highlighted, how its date was resolved, and the article
it comes from (`event_evidence_html`).

Article text is untrusted: every piece of it is passed through `html.escape` before the
few tags of our own (<mark>, <span>, <dl>) are put around it. Pure: no Streamlit here.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from timeline import schema
from timeline.present.describe import as_date, event_type_label, plain, resolved_date

if TYPE_CHECKING:
    from timeline.extract.actors import ActorGazetteer

TIME: Final = "time"
ACTOR: Final = "actor"

# A paragraph ends at a blank line (its blanks at most a line's width, the house bound); an
# over-long "paragraph" (a file without blank lines) is cut to this many characters on each
# side of the sentence.
_PARAGRAPH_BREAK: Final = re.compile(r"\n[ \t\r\f\v]{0,80}\n")
_MAX_CONTEXT: Final = 600

STYLE: Final = """
<style>
.tl-evidence { line-height: 1.6; }
.tl-evidence .tl-paragraph { color: #555; }
.tl-evidence .tl-sentence { color: #111; background: #fff7d6; }
.tl-evidence mark.tl-time { background: #ffd166; padding: 0 .1em; }
.tl-evidence mark.tl-actor { background: #a8dadc; padding: 0 .1em; }
.tl-evidence .tl-context { color: #555; font-style: italic; margin: .3em 0 0 0; }
.tl-evidence dl { margin: .5em 0 0 0; }
.tl-evidence dt { font-weight: 600; float: left; clear: left; width: 9em; }
.tl-evidence dd { margin-left: 9.5em; }
</style>
""".strip()


@dataclass(frozen=True)
class Highlight:
    """A span of the document text to mark: `kind` is TIME or ACTOR."""

    start: int
    end: int
    kind: str


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the paragraph around text[start:end], bounded to a readable length."""
    para_start, para_end = 0, len(text)
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.end() <= start:
            para_start = match.end()
        elif match.start() >= end:
            para_end = match.start()
            break
    para_start = max(para_start, start - _MAX_CONTEXT)
    para_end = min(para_end, end + _MAX_CONTEXT)
    return para_start, para_end


def find_mentions(
    text: str, terms: Iterable[str], start: int, end: int, kind: str = ACTOR
) -> list[Highlight]:
    """Whole-word, case-sensitive occurrences of `terms` within text[start:end]."""
    words = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not words:
        return []
    # An alternation of escaped literals between word boundaries: matched in linear time.
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    return [Highlight(m.start(), m.end(), kind) for m in pattern.finditer(text, start, end)]


def _non_overlapping(highlights: Iterable[Highlight], start: int, end: int) -> list[Highlight]:
    """Highlights clipped to [start, end), earliest first; of two overlapping, the first wins."""
    kept: list[Highlight] = []
    for h in sorted(highlights, key=lambda h: (h.start, -(h.end - h.start))):
        h_start, h_end = max(h.start, start), min(h.end, end)
        if h_start >= h_end or (kept and h_start < kept[-1].end):
            continue
        kept.append(Highlight(h_start, h_end, h.kind))
    return kept


def highlight_html(
    text: str,
    start: int,
    end: int,
    sentence: tuple[int, int],
    highlights: Sequence[Highlight] = (),
) -> str:
    """text[start:end] as escaped HTML: the sentence in a span, highlights in <mark>s."""
    marks = _non_overlapping(highlights, start, end)
    cuts = {start, end, max(start, min(sentence[0], end)), max(start, min(sentence[1], end))}
    for m in marks:
        cuts.update((m.start, m.end))
    points = sorted(cuts)
    parts: list[str] = []
    in_sentence = False
    for seg_start, seg_end in zip(points, points[1:]):
        inside = sentence[0] <= seg_start and seg_end <= sentence[1]
        if inside != in_sentence:
            parts.append('<span class="tl-sentence">' if inside else "</span>")
            in_sentence = inside
        piece = html.escape(text[seg_start:seg_end], quote=True)
        mark = next((m for m in marks if m.start <= seg_start and seg_end <= m.end), None)
        if mark is not None:
            piece = f'<mark class="tl-{mark.kind}">{piece}</mark>'
        parts.append(piece)
    if in_sentence:
        parts.append("</span>")
    prefix = "… " if start > 0 and text[start - 1] not in "\n" else ""
    suffix = " …" if end < len(text) and text[end] not in "\n" else ""
    return prefix + "".join(parts) + suffix


def evidence_html(
    text: str,
    sentence: tuple[int, int],
    timex: tuple[int, int] | None,
    actors: Iterable[tuple[int, int]] = (),
    facts: Sequence[tuple[str, str]] = (),
    context: str = "",
) -> str:
    """The evidence card: the paragraph around `sentence` with the time expression and the
    actors' mentions (`actors`: offsets, e.g. from `actor_spans`) highlighted, then `context`
    (what the article around the sentence gave: "actors from paragraph 2 (the talks)"), then
    `facts` (label, value) as a definition list.

    Offsets index `text`; every string from the article or the facts is escaped.
    """
    para_start, para_end = paragraph_bounds(text, *sentence)
    highlights = [Highlight(start, end, ACTOR) for start, end in actors]
    if timex is not None and timex[0] < timex[1]:
        highlights = [Highlight(timex[0], timex[1], TIME), *highlights]
    body = highlight_html(text, para_start, para_end, sentence, highlights)
    rows = "".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" for label, value in facts
    )
    note = (f'<p class="tl-context">Also from the article: {html.escape(context, quote=True)}</p>'
            if context else "")
    return (
        f'{STYLE}<div class="tl-evidence"><blockquote class="tl-paragraph">{body}</blockquote>'
        f"{note}<dl>{rows}</dl></div>"
    )


def actor_spans(
    text: str, actors: Iterable[str], published: dt.date | None = None
) -> list[tuple[int, int]]:
    """Offsets of the mentions in `text` of the canonical `actors`, as the actor gazetteer
    finds them ("Moscow" and "Russian" for Russia, "Lavrov" once named in full), and of the
    canonical names themselves (an actor the gazetteer does not know)."""
    wanted = set(actors)
    if not wanted:
        return []
    spans = {(m.start, m.end) for m in _actor_gazetteer().find(text, published)
             if wanted.intersection(m.actors)}
    spans.update((h.start, h.end) for h in find_mentions(text, wanted, 0, len(text)))
    return sorted(spans)


# One build of the gazetteers: a card shown while `prepare`'s thread builds them waits for it
# rather than building a second copy beside it.
_GAZETTEERS_BUILT = threading.Lock()


def _actor_gazetteer() -> ActorGazetteer:
    """The actor gazetteer, with the place gazetteer its `find` reads (built together, the
    first time: ~3 s idle, twice that under load)."""
    from timeline.extract import actors, places

    with _GAZETTEERS_BUILT:
        places.gazetteer()
        return actors.gazetteer()


@functools.cache
def prepare() -> threading.Thread:
    """Build the gazetteers the first evidence card reads in the background, once per process
    (the dashboard calls it as it starts), so that the first card shown does not wait for them."""
    thread = threading.Thread(target=_actor_gazetteer, name="timeline-evidence-gazetteers",
                              daemon=True)
    thread.start()
    return thread


def _offsets(row: Mapping[str, Any], start: str, end: str) -> tuple[int, int] | None:
    if pd.isna(row[start]) or pd.isna(row[end]):
        return None
    return int(row[start]), int(row[end])


def event_facts(event: Mapping[str, Any], document: Mapping[str, Any] | None
                ) -> list[tuple[str, str]]:
    """The (label, value) lines shown under an event's evidence: the date as written and as
    resolved, how it was resolved, type, status, actors, places, and the article."""
    facts = [
        ("Date as written", plain(event[schema.TIMEX_TEXT]) or "—"),
        ("Resolved to", resolved_date(event)),
        ("How", plain(event[schema.DATE_RULE]) or "—"),
        ("Type", event_type_label(event[schema.EVENT_TYPE])),
        ("Status", "planned" if event[schema.STATUS] == "planned" else "happened"),
        ("Actors", ", ".join(schema.as_str_list(event[schema.ACTORS])) or "—"),
        ("Places", ", ".join(schema.as_str_list(event[schema.LOCATIONS])) or "—"),
    ]
    if document is not None:
        published = as_date(document[schema.PUBLISHED])
        facts += [
            ("Article", plain(document[schema.TITLE]) or plain(document[schema.DOC_ID])),
            ("Source", plain(document[schema.SOURCE]) or "—"),
            ("Published", published.isoformat() if published else "—"),
        ]
    return facts


def event_evidence_html(event: Mapping[str, Any], document: Mapping[str, Any] | None) -> str:
    """The evidence card of one row of the events table, given its row of the documents
    table (None when the article is not stored: then the sentence alone is shown)."""
    text = "" if document is None else plain(document[schema.TEXT])
    sentence = _offsets(event, schema.CHAR_START, schema.CHAR_END)
    timex = _offsets(event, schema.TIMEX_START, schema.TIMEX_END)
    if document is None or sentence is None or sentence[1] > len(text):
        text = plain(event[schema.SENTENCE])
        sentence, timex = (0, len(text)), None
    published = None if document is None else as_date(document[schema.PUBLISHED])
    actors = actor_spans(text, schema.as_str_list(event[schema.ACTORS]), published)
    context = plain(event.get(schema.CONTEXT_RULE))
    return evidence_html(text, sentence, timex, actors, event_facts(event, document), context)
