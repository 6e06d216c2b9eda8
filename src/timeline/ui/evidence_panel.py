"""The evidence panels: where an event comes from.

- `render_evidence`: one mention, its sentence inside its paragraph (time expression and actors
  highlighted), how its date was resolved, and the article's title, source and publication date.
  The HTML is built, fully escaped, by `timeline.present.evidence`.
- `render_story_evidence`: one real-world event of the chronology: its headline, why it counts
  (salience_reason), its status history, and the evidence of every article that reports it.
"""
from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable

import pandas as pd
import streamlit as st

from timeline import schema
from timeline.present.charts.story import HistoryStep, event_date_label, status_history
from timeline.present.describe import event_type_label, plain
from timeline.present.evidence import event_evidence_html
from timeline.ui.data import Corpus

SHOWN_REPORTS = 3     # reports shown at once; the others are one click away
HISTORY_SHOWN = 5  # status-history steps shown before the rest are folded
MAX_REPORTS = 50      # reports drawn at all (the count says how many there are)
# How a report's status reads before its date ("happened on 3 Feb 2016", "planned for 11 Feb
# 2016"); the sidebar's word for "occurred" is "happened".
STATUS_WORDS = {"occurred": ("happened", "on"), "planned": ("planned", "for"),
                "postponed": ("postponed", "for"), "cancelled": ("cancelled", "for")}


def render_evidence(corpus: Corpus, event_id: str | None) -> None:
    """Show the evidence of `event_id` (a hint when no event is selected)."""
    if not event_id:
        st.info("Select an event on the chart, in the list above or in the chronology table "
                "to see the sentence it comes from.")
        return
    rows = corpus.mentions(dataclasses.replace(corpus.query(), event_ids=(str(event_id),)))
    if rows.empty:
        st.info("The selected event is no longer in the store.")
        return
    event = rows.iloc[0]
    st.html(event_evidence_html(event, corpus.document(event[schema.DOC_ID])))


def story_header_html(event: pd.Series, titles: dict[str, str],
                      sources: dict[str, str] | None = None) -> str:
    """The drill-down's head as escaped HTML: headline, date, type and status, number of
    reports, why it counts, and its status history (one line per report of its status, with
    the article's title and outlet from `titles` and `sources`, doc_id -> text: wires give
    one story the same title in many outlets)."""
    sources = sources or {}
    esc = lambda value: html.escape(plain(value), quote=True)  # noqa: E731 - local shorthand
    day = event_date_label(event[schema.DATE_START], event[schema.DATE_END], event[schema.GRANULARITY])
    n_articles = int(event[schema.N_ARTICLES]) if pd.notna(event[schema.N_ARTICLES]) else 0
    n_mentions = int(event[schema.N_MENTIONS]) if pd.notna(event[schema.N_MENTIONS]) else 0
    actors = ", ".join(schema.as_str_list(event[schema.ACTORS])) or "—"
    places = ", ".join(schema.as_str_list(event[schema.LOCATIONS])) or "—"
    parts = [
        f'<div class="tl-story"><h4 class="tl-headline">{esc(event[schema.HEADLINE]) or "Event"}</h4>',
        f"<p>{esc(day)} · {esc(event_type_label(event[schema.EVENT_TYPE]))} · "
        f"{esc(_status_word(plain(event[schema.STATUS])))} · reported by {n_articles:,} article{'s' * (n_articles != 1)} "
        f"({n_mentions:,} mention{'s' * (n_mentions != 1)})</p>",
        f"<p>Actors: {esc(actors)}<br>Places: {esc(places)}</p>",
    ]
    reason = plain(event[schema.SALIENCE_REASON])
    if reason:
        parts.append(f'<p class="tl-salience">Why it counts: {esc(reason)}</p>')
    steps = _reports(status_history(event[schema.STATUS_HISTORY]))
    if steps:
        items = [
            f"<li>{esc(_status_phrase(step.status))} {esc(event_date_label(step.date_start, step.date_end, 'day'))}"
            + (f", in “{esc(titles.get(step.doc_id, step.doc_id))}”" if step.doc_id else "")
            + _published(sources.get(step.doc_id, ""), step.published, esc)
            + "</li>"
            for step in steps]
        shown, folded = items[:HISTORY_SHOWN], items[HISTORY_SHOWN:]
        parts.append(f'<p>Status history:</p><ol class="tl-history">{"".join(shown)}</ol>')
        if folded:  # an event reported by dozens of articles: the rest on request
            parts.append(f"<details><summary>{len(folded):,} more reports</summary>"
                         f'<ol class="tl-history" start="{HISTORY_SHOWN + 1}">{"".join(folded)}'
                         "</ol></details>")
    parts.append("</div>")
    return "".join(parts)


def _published(source: str, published: pd.Timestamp | None, esc: Callable[[object], str]) -> str:
    """" (Levant Wire, published 04 Apr 2017)"; the parts there are."""
    parts = [esc(source)] if source else []
    if published is not None:
        parts.append(f"published {published:%d %b %Y}")
    return f" ({', '.join(parts)})" if parts else ""


def _status_word(status: str) -> str:
    return STATUS_WORDS.get(status, (status, ""))[0]


def _status_phrase(status: str) -> str:
    """What a report said, before its date: "happened on", "planned for"."""
    word, preposition = STATUS_WORDS.get(status, (status or "reported", "for"))
    return f"{word} {preposition}"


def _reports(steps: list[HistoryStep]) -> list[HistoryStep]:
    """The steps in order, each article's once for what it said: an article that names the
    event twice (in its first paragraph and again further down) is one report."""
    seen: set[tuple] = set()
    kept = []
    for step in steps:
        said = (step.status, step.date_start, step.date_end, step.doc_id)
        if said not in seen:
            seen.add(said)
            kept.append(step)
    return kept


def render_story_evidence(corpus: Corpus, event: pd.Series | None) -> None:
    """The drill-down of one chronology event (a hint when none is chosen)."""
    if event is None:
        st.info("Select an event on the chart or in the list above to see every article that "
                "reports it.")
        return
    docs = corpus.documents
    outlets = docs[docs[schema.DOC_ID].isin(schema.as_str_list(event[schema.DOC_IDS]))]
    sources = {str(d): plain(s) for d, s in zip(outlets[schema.DOC_ID], outlets[schema.SOURCE])}
    st.html(story_header_html(event, corpus.titles(), sources))
    mention_ids = schema.as_str_list(event[schema.MENTION_IDS])
    mentions = corpus.mentions(dataclasses.replace(corpus.query(),
                                                   event_ids=tuple(sorted(set(mention_ids)))))
    if mentions.empty:
        st.info("The articles of this event are no longer in the store.")
        return
    # The representative mention first, then in order of publication of their articles.
    order = {m: i for i, m in enumerate(mention_ids)}
    first = plain(event[schema.REPRESENTATIVE_ID])
    ranked = sorted(mentions.to_dict("records"),
                    key=lambda m: (m[schema.EVENT_ID] != first, order.get(m[schema.EVENT_ID], 0)))
    reports = ranked[:MAX_REPORTS]
    articles = corpus.documents_by_id(m[schema.DOC_ID] for m in reports)
    cards = [event_evidence_html(m, articles.get(str(m[schema.DOC_ID]))) for m in reports]
    for card in cards[:SHOWN_REPORTS]:
        st.html(card)
    if len(cards) > SHOWN_REPORTS:
        with st.expander(f"{len(ranked) - SHOWN_REPORTS:,} more reports"):
            for card in cards[SHOWN_REPORTS:]:
                st.html(card)
            if len(ranked) > MAX_REPORTS:
                st.caption(f"The first {MAX_REPORTS} reports are shown.")
