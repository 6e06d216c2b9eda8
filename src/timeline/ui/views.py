"""The other views of the filtered events: the chronology table (sortable, with sentences;
selecting a row selects the event; a page at a time), actor activity over time (counted in
SQL), and the map of places (from the matching mentions, an even sample of a large match)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline.corpus.query import MentionQuery
from timeline.present import charts
from timeline.present.charts import lanes as lanes_mod
from timeline.present.charts.activity import (
    DEFAULT_TOP, FREQ_NAMES, activity_title, empty_figure, fitting_freq, heat_strip,
    normalise_freq)
from timeline.present.describe import event_type_label, plain, snippet
from timeline import schema
from timeline.ui import keys
from timeline.ui.choices import segmented_choice
from timeline.ui.data import Corpus
from timeline.ui.errors import shown_as_message
from timeline.ui.evidence_panel import render_evidence
from timeline.ui.sidebar import STATUS_LABELS
from timeline.ui.timeline_view import restore_selected_event, write_selected_event

ARTICLE = "article"  # display-only column: the article's title
ACTIVITY_ROWS = {"actor": "Actor", "event_type": "Event type", "doc_id": "Article"}
PERIODS = {"W": "Week", "M": "Month", "Q": "Quarter", "Y": "Year"}
SQL_PERIODS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
PAGE_ROWS = 200            # rows of the chronology table sent at once
MAP_MENTIONS = 5_000       # mentions the map reads; beyond, an even sample, said in a caption

TABLE_COLUMNS = {
    schema.DATE_START: st.column_config.DateColumn("From", format="YYYY-MM-DD"),
    schema.DATE_END: st.column_config.DateColumn("To", format="YYYY-MM-DD"),
    schema.TIMEX_TEXT: st.column_config.TextColumn("As written"),
    schema.EVENT_TYPE: st.column_config.TextColumn("Type"),
    schema.STATUS: st.column_config.TextColumn("Status"),
    schema.ACTORS: st.column_config.ListColumn("Actors"),
    schema.LOCATIONS: st.column_config.ListColumn("Places"),
    schema.SENTENCE: st.column_config.TextColumn("Sentence", width="large"),
    ARTICLE: st.column_config.TextColumn("Article"),
}


def chronology_frame(events: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """The table's rows: the events' readable columns, the article title, indexed by event_id."""
    table = events.loc[:, [c for c in TABLE_COLUMNS if c != ARTICLE]].copy()
    table[schema.STATUS] = table[schema.STATUS].map(STATUS_LABELS).fillna(table[schema.STATUS])
    table[ARTICLE] = [titles.get(d, d) for d in events[schema.DOC_ID]]
    table.index = pd.Index(events[schema.EVENT_ID], name=schema.EVENT_ID)
    return table


def _select_from_table(event_ids: list[str]) -> None:
    state = st.session_state.get(keys.CHRONOLOGY_TABLE)
    rows = state.selection.rows if state and state.selection else []
    if rows and rows[0] < len(event_ids):
        st.session_state[keys.SELECTED_EVENT] = event_ids[rows[0]]


# Fragments: turning the table's page, choosing a row or the activity's rows and period rerun
# their own tab only, with the corpus and filters of the page's last run.
@st.fragment
def render_chronology(corpus: Corpus, where: MentionQuery) -> None:
    """The sortable chronology, a page of PAGE_ROWS at a time; a selected row shows its
    evidence below."""
    with shown_as_message("The chronology"):
        _chronology_page(corpus, where)


def _chronology_page(corpus: Corpus, where: MentionQuery) -> None:
    matching = corpus.count(where)
    pages = max(1, -(-matching // PAGE_ROWS))
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1,
                                   key=keys.CHRONOLOGY_PAGE))
    rows = corpus.mentions(where, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)
    if pages > 1:
        first = (page - 1) * PAGE_ROWS + 1
        st.caption(f"Showing {first:,}–{first + len(rows) - 1:,} of {matching:,} events, by "
                   "date; turn the page or narrow the filters for the others.")
    restore_selected_event(corpus, where)
    titles = corpus.titles()
    table = chronology_frame(rows, titles)
    event_ids = list(table.index)
    st.dataframe(
        table, key=keys.CHRONOLOGY_TABLE, column_config=TABLE_COLUMNS, hide_index=True,
        on_select=lambda: _select_from_table(event_ids), selection_mode="single-row",
        height=min(600, 40 + 35 * max(len(table), 1)),
    )
    write_selected_event()
    render_evidence(corpus, st.session_state.get(keys.SELECTED_EVENT))


@st.fragment
def render_activity(corpus: Corpus, where: MentionQuery) -> None:
    """Events per actor (or type, or article) per period, as a heat strip, counted in SQL."""
    with shown_as_message("The activity chart"):
        _activity_view(corpus, where)


def _activity_view(corpus: Corpus, where: MentionQuery) -> None:
    by_column, freq_column = st.columns(2)
    by = segmented_choice(by_column, "Rows", list(ACTIVITY_ROWS), format_func=ACTIVITY_ROWS.get,
                          key=keys.ACTIVITY_BY, initial="actor")
    freq = segmented_choice(freq_column, "Period", list(PERIODS), format_func=PERIODS.get,
                            key=keys.ACTIVITY_FREQ, initial="M")
    figure = _activity(corpus.store_path, corpus.version, where, by, freq, corpus)
    st.plotly_chart(figure, key=keys.ACTIVITY_CHART)


# The charts of a filter state are shared by the sessions until the store changes (a rerun
# that changes no filter, or another visitor, reads them again for nothing). Never modified.
@st.cache_resource(show_spinner=False, max_entries=8)
def _activity(path: str, version: tuple, where: MentionQuery, by: str, freq: str,
              _corpus: Corpus) -> go.Figure:
    return activity_from_store(_corpus, where, by=by, freq=freq)


def activity_from_store(corpus: Corpus, where: MentionQuery, by: str = "actor",
                        freq: str = "M", top: int = DEFAULT_TOP) -> go.Figure:
    """`charts.activity_figure` from an aggregate: the store counts the matching mentions per
    (first period, last period, row); each count is spread over the periods it covers here.
    The same chart (an event counts in every period it covers, in every actor's row; the
    busiest `top` rows, the rest summed into "Others"), whatever the number of mentions."""
    what = {"actor": "actor", "event_type": "event type", "doc_id": "article"}.get(by, by)
    low, high = corpus.store.date_span(where)
    code = normalise_freq(freq)
    if low is None:
        return empty_figure(f"Activity by {what}", "No events to show")
    used = fitting_freq(low, max(high, low), code)
    column = schema.ACTORS if by == "actor" else by
    table = corpus.store.interval_counts(column, SQL_PERIODS[used], where)
    if table.empty:
        return empty_figure(f"Activity by {what}", "No events to show")
    none = lanes_mod.NO_ACTOR if by == "actor" else "(none)"
    groups = table["group"].astype(object).map(plain).replace("", none)
    weights = table["n"].to_numpy(dtype=np.int64)
    totals = pd.Series(weights).groupby(groups.to_numpy()).sum()
    if by == "doc_id":
        published = dict(zip(corpus.documents[schema.DOC_ID].astype(str),
                             corpus.documents[schema.PUBLISHED]))
        order = sorted(totals.index, key=lambda k: (_or_far(published.get(k)), str(k)))
    else:
        order = sorted(totals.index, key=lambda k: (k == none, -totals[k], str(k)))
    if len(order) > top + 1:
        # The rest folded into one row, where an event counts once (as activity_figure does).
        order = order[:top] + [lanes_mod.OTHER_LANE]
        kept = [k for k in order[:top] if k != none]
        table = corpus.store.interval_counts(column, SQL_PERIODS[used], where, keep=kept,
                                             other=lanes_mod.OTHER_LANE)
        groups = table["group"].astype(object).map(plain).replace("", none)
        if none in order[:top]:  # no actor named stays its own row
            groups = groups.where(table["group"].notna(), none)
        weights = table["n"].to_numpy(dtype=np.int64)
    code_of = {key: i for i, key in enumerate(order)}
    other = code_of.get(lanes_mod.OTHER_LANE, -1)
    codes = np.array([code_of.get(g, other) for g in groups], dtype=np.int64)
    first = pd.to_datetime(table["first"]).dt.to_period(used).array.asi8
    last = np.maximum(first, pd.to_datetime(table["last"]).dt.to_period(used).array.asi8)
    origin = int(first.min())
    periods = pd.period_range(pd.Period(ordinal=origin, freq=used),
                              pd.Period(ordinal=int(last.max()), freq=used), freq=used)
    steps = np.zeros((len(order), len(periods) + 1), dtype=np.int64)
    np.add.at(steps, (codes, first - origin), weights)
    np.add.at(steps, (codes, last - origin + 1), -weights)
    z = np.cumsum(steps, axis=1)[:, :-1]
    titles = corpus.titles()
    labels = [event_type_label(k) if by == "event_type" and k not in (none, lanes_mod.OTHER_LANE)
              else snippet(titles.get(k, k), 40) if by == "doc_id" and k != lanes_mod.OTHER_LANE
              else k for k in order]
    n_events = corpus.count(where)
    title = activity_title(what, used, n_events)
    if used != code:
        title += (f" — per {FREQ_NAMES[used]}, as the dates span too long for one column per "
                  f"{FREQ_NAMES[code]}")
    return heat_strip(periods, labels, z, used, title)


def _or_far(value: object) -> pd.Timestamp:
    return pd.Timestamp.max if value is None or pd.isna(value) else pd.Timestamp(value)


def render_map(corpus: Corpus, where: MentionQuery) -> None:
    figure, caption = _map(corpus.store_path, corpus.version, where, MAP_MENTIONS, corpus)
    st.caption("Places named in the events, from the gazetteer's coordinates (no map tiles: "
               "works offline)." + caption)
    st.plotly_chart(figure, key=keys.MAP_CHART)


@st.cache_resource(show_spinner=False, max_entries=8)
def _map(path: str, version: tuple, where: MentionQuery, most: int,
         _corpus: Corpus) -> tuple[go.Figure, str]:
    """The map of the matching mentions (an even sample of `most` of a larger match, said in
    the caption returned with it)."""
    matching = _corpus.count(where)
    sampled = matching > most
    query = dataclasses.replace(where, sample_every=-(-matching // most)) if sampled else where
    events = _corpus.mentions(query, limit=most)
    caption = (f" Sizes from an even sample of {len(events):,} of the {matching:,} events."
               if sampled else "")
    return charts.map_figure(events), caption
