"""Exports for reports: the chart as on screen (PNG, SVG, offline HTML) and the filtered
events (CSV, JSON, TimelineJS JSON, Markdown chronology with sources).

Every file is made only when its button is clicked (deferred download data), so drawing
the page never waits for kaleido or for serialising thousands of events.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline.present import exports
from timeline.ui import keys
from timeline.ui.data import Corpus

FILE_STEM = "timeline"


def _button(label: str, make: Callable[[], str | bytes], suffix: str, mime: str, key: str,
            disabled: bool = False) -> None:
    st.download_button(label, data=make, file_name=f"{FILE_STEM}.{suffix}", mime=mime,
                       key=key, on_click="ignore", disabled=disabled, width="stretch")


def render_exports(corpus: Corpus, events: pd.DataFrame, fig: go.Figure | None) -> None:
    """Download buttons for the chart on screen (if it could be drawn) and for the filtered
    events."""
    documents = corpus.documents
    no_chart = fig is None or events.empty
    st.caption(f"The chart as it is on the Timeline tab, and the {len(events):,} events "
               "that pass the filters.")
    chart, data = st.columns(2)
    with chart:
        st.subheader("Chart")
        _button("PNG image", lambda: exports.figure_to_image(fig, "png"), "png", "image/png",
                keys.EXPORT_PNG, no_chart)
        _button("SVG image", lambda: exports.figure_to_image(fig, "svg"), "svg",
                "image/svg+xml", keys.EXPORT_SVG, no_chart)
        _button("HTML page (works offline)", lambda: exports.figure_to_html(fig), "html",
                "text/html", keys.EXPORT_HTML, no_chart)
    with data:
        st.subheader("Events")
        _button("CSV table", lambda: exports.events_to_csv(events, documents), "csv",
                "text/csv", keys.EXPORT_CSV)
        _button("JSON", lambda: exports.events_to_json(events), "json",
                "application/json", keys.EXPORT_JSON)
        _button("TimelineJS JSON", lambda: exports.events_to_timelinejs(events, documents),
                "timelinejs.json", "application/json", keys.EXPORT_TIMELINEJS)
        _button("Markdown chronology with sources",
                lambda: exports.events_to_markdown(events, documents), "md", "text/markdown",
                keys.EXPORT_MARKDOWN)
