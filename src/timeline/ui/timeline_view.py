"""The timeline tab: lane chooser, the Plotly timeline, an accessible event picker, and the
evidence panel of the selected event.

Selection has one home, `st.session_state[keys.SELECTED_EVENT]` (the picker's key): a click on
the chart or a row of the chronology table writes it through a callback, and tests set it.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline.present import charts
from timeline import schema
from timeline.ui import keys
from timeline.ui.data import Corpus
from timeline.ui.evidence_panel import render_evidence

LANES = {"actor": "Actor", "event_type": "Event type", "doc_id": "Article"}  # charts' lanes


def _select_from_chart() -> None:
    """The chart's on_select callback: the first clicked event becomes the selected one."""
    selected = charts.event_ids_from_selection(st.session_state.get(keys.CHART))
    if selected:
        st.session_state[keys.SELECTED_EVENT] = selected[0]


def event_labels(events: pd.DataFrame, titles: dict[str, str]) -> dict[str, str]:
    """event_id -> one line naming the event in the picker: date, type, actors, article."""
    days = events[schema.DATE_START].dt.strftime("%Y-%m-%d")
    actors = [", ".join(schema.as_str_list(a)[:3]) or "no actor" for a in events[schema.ACTORS]]
    docs = [titles.get(d, d) for d in events[schema.DOC_ID]]
    return {
        event_id: f"{day} · {kind} · {who} · {title}"[:160]
        for event_id, day, kind, who, title in zip(
            events[schema.EVENT_ID], days, events[schema.EVENT_TYPE], actors, docs)
    }


def restore_view_from_url(events: pd.DataFrame) -> None:
    """On a session's first run, take the lane and the selected event from the URL."""
    event_ids = set(events[schema.EVENT_ID])
    lane = st.query_params.get(keys.URL_LANE)
    if lane in LANES and keys.LANE not in st.session_state:
        st.session_state[keys.LANE] = lane
    event = st.query_params.get(keys.URL_EVENT)
    if event in event_ids and keys.SELECTED_EVENT not in st.session_state:
        st.session_state[keys.SELECTED_EVENT] = event


def _write_view_to_url(lane: str, event_id: str | None) -> None:
    lane_param = lane if lane != "actor" else None  # the default lane needs no parameter
    for name, value in ((keys.URL_LANE, lane_param), (keys.URL_EVENT, event_id)):
        if value and st.query_params.get(name) != value:
            st.query_params[name] = value
        elif not value and name in st.query_params:
            del st.query_params[name]


def render_chart_options() -> tuple[str, bool]:
    """The lane chooser and the key-event labels switch: (lane, label key events)."""
    st.session_state.setdefault(keys.LANE, "actor")
    lanes, labels = st.columns([3, 1], vertical_alignment="bottom")
    lane = lanes.segmented_control("Lanes", list(LANES), format_func=LANES.get, key=keys.LANE,
                                   required=True)
    label = labels.toggle("Label key events", value=True, key=keys.LABEL_KEY_EVENTS)
    return lane or "actor", label


def render_timeline(corpus: Corpus, events: pd.DataFrame) -> go.Figure:
    """The lane chooser, the chart, the event picker and the evidence panel; the figure
    drawn (the exports offer it as it is on screen)."""
    restore_view_from_url(events)
    lane, label = render_chart_options()
    fig = charts.timeline_figure(events, corpus.documents, lane=lane, label_key_events=label)
    st.caption(f"{len(events):,} of {len(corpus.events):,} events. Filled marks happened; "
               "hollow marks and hatched bars are planned. Click an event to see where it comes from.")
    st.plotly_chart(fig, key=keys.CHART, on_select=_select_from_chart,
                    selection_mode="points", config={"displaylogo": False})
    render_event_picker(corpus, events)
    selected = st.session_state.get(keys.SELECTED_EVENT)
    _write_view_to_url(lane, selected)
    render_evidence(corpus, selected)
    return fig


def render_event_picker(corpus: Corpus, events: pd.DataFrame) -> None:
    """A select box of the shown events: the chart's selection, without the chart."""
    options = list(events[schema.EVENT_ID])
    if st.session_state.get(keys.SELECTED_EVENT) not in options:
        st.session_state[keys.SELECTED_EVENT] = None
    labels = event_labels(events, corpus.titles())
    st.selectbox("Event", options, key=keys.SELECTED_EVENT,
                 format_func=lambda e: labels.get(e, e), placeholder="Choose an event…")
