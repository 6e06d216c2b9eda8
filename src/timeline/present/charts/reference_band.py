"""A reference chronology as context: the entries of a reference file (e.g. the Syria peace
process, `resources/reference/`) as a thin band of marks on the same time axis as the story,
so a reader sees where the extracted events sit among the milestones of the process.

Pure: takes the table `timeline.corpus.reference.reference_table` makes and the time window to
show; returns a Plotly figure (no Streamlit). Every text is escaped (a reference file can be
uploaded by anyone); links are shown as text in the hover, never as markup.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd
import plotly.graph_objects as go

from timeline import schema
from timeline.present.charts.style import escape

BAND_HEIGHT: Final = 150
_KEY_COLOUR: Final = "#4d4d4d"
_OTHER_COLOUR: Final = "#a6a6a6"


def reference_band_figure(entries: pd.DataFrame, view: Sequence[object] | None = None, *,
                          title: str = "", linked: Sequence[str] = ()) -> go.Figure:
    """One mark per entry at the middle of its date (a month or year entry as a thin line over
    its span), key entries darker and larger, entries an extracted event is linked to ringed.
    `view`: (start, end) of the x axis, e.g. the story chart's, so both line up."""
    fig = go.Figure()
    linked_ids = set(linked)
    starts = pd.to_datetime(entries[schema.DATE_START]) if len(entries) else pd.Series([], dtype="datetime64[ns]")
    ends = pd.to_datetime(entries[schema.DATE_END]) if len(entries) else starts
    middles = starts + (ends - starts) / 2
    for is_key, colour, size in ((False, _OTHER_COLOUR, 7), (True, _KEY_COLOUR, 11)):
        mask = (entries["key"].astype(bool) == is_key).to_numpy() if len(entries) else []
        part = entries[mask]
        if part.empty:
            continue
        hover = [f"<b>{escape(h)}</b><br>{escape(d)} · {escape(t)}<br>{escape(s)}<br>{escape(link)}"
                 for h, d, t, s, link in zip(part[schema.HEADLINE], part["date_text"] if "date_text" in part
                                             else part[schema.DATE_START].astype(str).str[:10],
                                             part[schema.EVENT_TYPE], part["summary"], part["link"])]
        fig.add_trace(go.Scatter(
            x=middles[mask], y=[0] * len(part), mode="markers", name="key entries" if is_key else "entries",
            marker={"size": size, "color": colour, "symbol": "diamond",
                    "line": {"width": [2 if i in linked_ids else 0 for i in part["id"]],
                             "color": "#0072B2"}},
            customdata=list(part["id"]), hovertext=hover, hoverinfo="text", showlegend=False))
    spans = entries[(ends > starts).to_numpy()] if len(entries) else entries
    for start, end in zip(pd.to_datetime(spans[schema.DATE_START]) if len(spans) else [],
                          pd.to_datetime(spans[schema.DATE_END]) if len(spans) else []):
        fig.add_shape(type="line", x0=start, x1=end, y0=0, y1=0, line={"color": _OTHER_COLOUR, "width": 2},
                      layer="below")
    xaxis: dict[str, object] = {"type": "date", "showgrid": True, "title": None}
    if view is not None and len(view) == 2:
        xaxis["range"] = [pd.Timestamp(view[0]), pd.Timestamp(view[1])]
    fig.update_layout(
        height=BAND_HEIGHT, margin={"l": 10, "r": 10, "t": 30, "b": 30},
        title={"text": escape(title), "font": {"size": 13}, "x": 0.01},
        xaxis=xaxis, yaxis={"visible": False, "range": [-1, 1], "fixedrange": True},
        plot_bgcolor="white", hovermode="closest",
        meta={"reference_entries": len(entries), "linked": len(linked_ids & set(entries.get("id", [])))},
    )
    return fig
