"""The other views of the filtered events: the chronology table (sortable, with sentences;
selecting a row selects the event), actor activity over time, and the map of places."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from timeline.present import charts
from timeline import schema
from timeline.ui import keys
from timeline.ui.data import Corpus
from timeline.ui.evidence_panel import render_evidence
from timeline.ui.sidebar import STATUS_LABELS

ARTICLE = "article"  # display-only column: the article's title
ACTIVITY_ROWS = {"actor": "Actor", "event_type": "Event type", "doc_id": "Article"}
PERIODS = {"W": "Week", "M": "Month", "Q": "Quarter", "Y": "Year"}

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


def render_chronology(corpus: Corpus, events: pd.DataFrame) -> None:
    """The sortable chronology; a selected row shows its evidence below."""
    table = chronology_frame(events, corpus.titles())
    event_ids = list(table.index)
    st.dataframe(
        table, key=keys.CHRONOLOGY_TABLE, column_config=TABLE_COLUMNS, hide_index=True,
        on_select=lambda: _select_from_table(event_ids), selection_mode="single-row",
        height=min(600, 40 + 35 * max(len(table), 1)),
    )
    render_evidence(corpus, st.session_state.get(keys.SELECTED_EVENT))


def render_activity(corpus: Corpus, events: pd.DataFrame) -> None:
    """Events per actor (or type, or article) per period, as a heat strip."""
    by_column, freq_column = st.columns(2)
    by = by_column.segmented_control("Rows", list(ACTIVITY_ROWS), format_func=ACTIVITY_ROWS.get,
                                     key=keys.ACTIVITY_BY, default="actor", required=True)
    freq = freq_column.segmented_control("Period", list(PERIODS), format_func=PERIODS.get,
                                         key=keys.ACTIVITY_FREQ, default="M", required=True)
    figure = charts.activity_figure(events, by=by or "actor", freq=freq or "M",
                                    documents=corpus.documents)
    st.plotly_chart(figure, key=keys.ACTIVITY_CHART)


def render_map(events: pd.DataFrame) -> None:
    st.caption("Places named in the events, from the gazetteer's coordinates (no map tiles: "
               "works offline).")
    st.plotly_chart(charts.map_figure(events), key=keys.MAP_CHART)
