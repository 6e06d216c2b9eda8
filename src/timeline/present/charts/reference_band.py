"""A reference chronology as context: the entries of a reference file (e.g. the Syria peace
process, `resources/reference/`) as a thin band of marks under the story's lanes, on the
story's own time axis, so a reader sees where the extracted events sit among the milestones of
the process.

The band is part of the story figure (`story_figure(..., reference=ReferenceBand(...))`), not a
chart of its own: one figure is drawn once in the browser, and panning or zooming the story
moves the band with it.

Pure: takes the table `timeline.corpus.reference.reference_table` makes; returns Plotly traces
(no Streamlit). Every text is escaped (a reference file can be uploaded by anyone); links are
shown as text in the hover, never as markup.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go

from timeline import schema
from timeline.present.charts.style import escape

KEY_COLOUR: Final = "#4d4d4d"
OTHER_COLOUR: Final = "#a6a6a6"
LINK_COLOUR: Final = "#0072B2"
KEY_NAME: Final = "reference: key entries"
OTHER_NAME: Final = "reference: entries"
SPAN_NAME: Final = "reference: months and years"


@dataclass(frozen=True, eq=False)
class ReferenceBand:
    """What the story draws of a reference chronology: its entries (reference_table), the ids
    of the entries an extracted event is linked to (ringed), and the band's title (the
    reference's own, escaped when drawn)."""

    entries: pd.DataFrame
    linked: frozenset[str] = field(default_factory=frozenset)
    title: str = ""

    @property
    def n_linked(self) -> int:
        return len(self.linked & set(self.entries["id"])) if len(self.entries) else 0


def reference_traces(band: ReferenceBand, y: float,
                     make: Callable[..., go.Scatter] = go.Scatter) -> list[go.Scatter]:
    """The band's traces at height `y`: one mark per entry at the middle of its date (a month
    or year entry also as a thin line over its span), key entries darker and larger, entries
    an extracted event is linked to ringed. An entry's id is the point's `ids` (not its
    customdata: a click on the band selects no extracted event)."""
    entries = band.entries
    if not len(entries):
        return []
    starts = pd.to_datetime(entries[schema.DATE_START])
    ends = pd.to_datetime(entries[schema.DATE_END]).fillna(starts)
    ends = ends.where(ends >= starts, starts)
    middles = starts + (ends - starts) / 2
    traces: list[go.Scatter] = []
    spans = (ends > starts).to_numpy()
    if spans.any():
        xs: list[Any] = []
        for start, end in zip(starts[spans], ends[spans]):
            xs += [start, end, None]
        traces.append(make(x=xs, y=[y if x is not None else None for x in xs], mode="lines",
                           name=SPAN_NAME, showlegend=False, hoverinfo="skip",
                           line={"color": OTHER_COLOUR, "width": 2}))
    keys = entries["key"].astype(bool).to_numpy()
    for is_key, colour, size, name in ((False, OTHER_COLOUR, 7, OTHER_NAME),
                                       (True, KEY_COLOUR, 11, KEY_NAME)):
        mask = keys == is_key
        if not mask.any():
            continue
        part = entries[mask]
        days = (part["date_text"] if "date_text" in part
                else part[schema.DATE_START].astype(str).str[:10])
        hover = [f"<b>{escape(h)}</b><br>{escape(d)} · {escape(t)}<br>{escape(s)}<br>{escape(link)}"
                 for h, d, t, s, link in zip(part[schema.HEADLINE], days, part[schema.EVENT_TYPE],
                                             part["summary"], part["link"])]
        ids = [str(i) for i in part["id"]]
        traces.append(make(
            x=list(middles[mask]), y=[y] * len(part), mode="markers", name=name,
            marker={"size": size, "color": colour, "symbol": "diamond",
                    "line": {"width": [2 if i in band.linked else 0 for i in ids],
                             "color": LINK_COLOUR}},
            ids=ids, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False))
    return traces


def band_entry_ids(traces: Iterable[Any]) -> list[str]:
    """The entry ids a figure's band draws (for tests and the figure's meta)."""
    return [i for t in traces if getattr(t, "name", None) in (KEY_NAME, OTHER_NAME)
            for i in (t.ids or ())]
