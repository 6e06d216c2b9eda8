"""The evidence panel: where an event comes from. Its sentence inside its paragraph (time
expression and actors highlighted), how its date was resolved, and the article's title,
source and publication date. The HTML is built, fully escaped, by `timeline.evidence`."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from timeline import schema
from timeline.evidence import actor_surface_terms, evidence_html
from timeline.ui.data import Corpus


def _offsets(row: pd.Series, start: str, end: str) -> tuple[int, int] | None:
    if pd.isna(row[start]) or pd.isna(row[end]):
        return None
    return int(row[start]), int(row[end])


def _text(value: object, missing: str = "") -> str:
    """A cell as text; NA/None (a document without source, say) reads as `missing`."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return missing
    return str(value) or missing


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _resolved(row: pd.Series) -> str:
    start, end = _day(row[schema.DATE_START]), _day(row[schema.DATE_END])
    span = start if start == end else f"{start} – {end}"
    return f"{span} ({_text(row[schema.GRANULARITY], 'undated')})"


def _actor_aliases() -> dict[str, list[str]]:
    try:
        from timeline.actors import actor_aliases
    except ImportError:  # the gazetteer's alias lookup is optional for highlighting
        return {}
    return actor_aliases()


def event_facts(row: pd.Series, document: pd.Series | None) -> list[tuple[str, str]]:
    """The panel's (label, value) lines for one event."""
    facts = [
        ("Date as written", _text(row[schema.TIMEX_TEXT], "—")),
        ("Resolved to", _resolved(row)),
        ("How", _text(row[schema.DATE_RULE], "—")),
        ("Type", _text(row[schema.EVENT_TYPE], "—")),
        ("Status", "planned" if row[schema.STATUS] == "planned" else "happened"),
        ("Actors", ", ".join(schema.as_str_list(row[schema.ACTORS])) or "—"),
        ("Places", ", ".join(schema.as_str_list(row[schema.LOCATIONS])) or "—"),
    ]
    if document is not None:
        facts += [
            ("Article", _text(document[schema.TITLE], _text(document[schema.DOC_ID]))),
            ("Source", _text(document[schema.SOURCE], "—")),
            ("Published", _day(document[schema.PUBLISHED]) or "—"),
        ]
    return facts


def render_evidence(corpus: Corpus, event_id: str | None) -> None:
    """Show the evidence of `event_id` (a hint when no event is selected)."""
    if not event_id:
        st.info("Select an event on the chart, in the list above or in the chronology table "
                "to see the sentence it comes from.")
        return
    rows = corpus.events[corpus.events[schema.EVENT_ID] == event_id]
    if rows.empty:
        st.info("The selected event is no longer in the store.")
        return
    row = rows.iloc[0]
    document = corpus.document(row[schema.DOC_ID])
    text = "" if document is None else _text(document[schema.TEXT])
    sentence = _offsets(row, schema.CHAR_START, schema.CHAR_END)
    if document is None or sentence is None or sentence[1] > len(text):
        text = _text(row[schema.SENTENCE])
        sentence = (0, len(text))
        timex = None
    else:
        timex = _offsets(row, schema.TIMEX_START, schema.TIMEX_END)
    terms = actor_surface_terms(schema.as_str_list(row[schema.ACTORS]), _actor_aliases())
    st.html(evidence_html(text, sentence, timex, terms, event_facts(row, document)))
