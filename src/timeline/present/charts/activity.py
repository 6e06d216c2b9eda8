"""Activity over time: how many events each actor (or event type, or article) has per period,
as a heat strip. Also the aggregation the timeline falls back to for very large corpora.

An event counts in every period it covers (a month-long event in each week of it). Spans are
measured on calendar dates, not nanosecond timestamps, so centuries of dates never overflow;
a period so fine that the strip would need more than MAX_PERIODS columns gives way to the next
coarser one, which the title names.
"""
from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline import schema
from timeline.present.charts import lanes as lanes_mod
from timeline.present.charts.style import chart_style, escape

# Period codes accepted from callers, normalised to pandas Period frequencies (pandas 3 spells
# month-end "ME" for date ranges but "M" for periods; people write either).
_FREQ_ALIASES: Final = {
    "D": "D", "W": "W", "M": "M", "ME": "M", "MS": "M", "Q": "Q", "QE": "Q", "QS": "Q",
    "Y": "Y", "YE": "Y", "YS": "Y", "A": "Y",
}
FREQ_NAMES: Final = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
DEFAULT_TOP: Final = 15
MAX_PERIODS: Final = 2_000  # columns of one strip: more cannot be told apart on a screen
MAX_TICKS: Final = 24  # period names written under the strip (every k-th period beyond this)
_COARSER: Final = {"D": "W", "W": "M", "M": "Q", "Q": "Y"}


def normalise_freq(freq: str) -> str:
    """"M", "ME", "MS" -> "M"; raises ValueError naming the accepted codes otherwise."""
    code = _FREQ_ALIASES.get(str(freq).upper())
    if code is None:
        raise ValueError(f"freq must be one of {', '.join(FREQ_NAMES)}, not {freq!r}")
    return code


def auto_freq(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A period that gives a readable number of columns for the span [start, end] (any span:
    counted in calendar days, as timestamps more than 292 years apart cannot be subtracted)."""
    if pd.isna(start) or pd.isna(end):
        return "M"
    days = abs((pd.Timestamp(end).date() - pd.Timestamp(start).date()).days)
    if days <= 120:
        return "D"
    if days <= 3 * 366:
        return "W"
    if days <= 40 * 366:
        return "M"
    return "Y"


def period_counts(
    starts: pd.Series, lane_codes: np.ndarray, n_lanes: int, freq: str,
    ends: pd.Series | None = None,
) -> tuple[pd.PeriodIndex, np.ndarray]:
    """Counts per (lane, period) of marks: each mark counts in every period from the one it
    starts in to the one it ends in (`ends`; without it, or where it is missing or before the
    start, only the start's period). Every period between the first and last is present (empty
    columns too). Linear in marks plus cells. Returns (periods, n_lanes x periods)."""
    code = normalise_freq(freq)
    first = _ordinals(starts, code)
    last = first if ends is None else np.maximum(first, _ordinals(ends, code, default=first))
    origin = int(first.min())
    span = pd.period_range(pd.Period(ordinal=origin, freq=code),
                           pd.Period(ordinal=int(last.max()), freq=code), freq=code)
    # +1 where a mark's periods begin, -1 just after they end; a running sum gives the counts.
    steps = np.zeros((n_lanes, len(span) + 1), dtype=np.int64)
    np.add.at(steps, (lane_codes, first - origin), 1)
    np.add.at(steps, (lane_codes, last - origin + 1), -1)
    return span, np.cumsum(steps, axis=1)[:, :-1]


def _ordinals(dates: pd.Series, code: str, default: np.ndarray | None = None) -> np.ndarray:
    """Period ordinals of `dates` (missing ones take `default`)."""
    periods = pd.Series(pd.DatetimeIndex(dates)).dt.to_period(code)
    ordinals = np.asarray(periods.array.asi8, dtype=np.int64)
    missing = periods.isna().to_numpy()
    if default is not None and missing.any():
        ordinals = np.where(missing, default, ordinals)
    return ordinals


def fitting_freq(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> str:
    """`freq`, or the finest coarser period that keeps [start, end] within MAX_PERIODS columns."""
    code = normalise_freq(freq)
    while code in _COARSER and (pd.Period(end, code).ordinal - pd.Period(start, code).ordinal) >= MAX_PERIODS:
        code = _COARSER[code]
    return code


_PERIOD_FORMATS: Final = {"D": "%Y-%m-%d", "W": "week of %Y-%m-%d", "M": "%B %Y", "Y": "%Y"}


def heat_strip(
    periods: pd.PeriodIndex, labels: list[str], z: np.ndarray, freq: str, title: str
) -> go.Figure:
    """Counts per lane per period as a heatmap: one cell per period, centred on it, labelled
    with the period in the hover (lane labels escaped; empty cells left blank)."""
    code = normalise_freq(freq)
    middles = periods.start_time + (periods.end_time - periods.start_time) / 2
    names = [f"Q{p.quarter} {p.year}" if code == "Q" else p.start_time.strftime(_PERIOD_FORMATS[code])
             for p in periods]
    # Ticks name the periods themselves (Plotly's own date ticks fall on month starts or
    # days whatever the period): every k-th period when there are many.
    every = max(1, -(-len(periods) // MAX_TICKS))
    fig = go.Figure(
        go.Heatmap(
            x=middles,
            y=[escape(label) for label in labels],
            z=np.where(z > 0, z, np.nan),
            # From 0 (both ends needed, or Plotly rescales): one event is a visible colour,
            # not the scale's white end.
            zmin=0,
            zmax=max(1, int(z.max(initial=0))),
            # Period names in `text` (hover only), not `customdata`: a selection's customdata
            # is read as event ids (event_ids_from_selection), and cells are not events.
            text=np.tile(np.asarray(names, dtype=object), (len(labels), 1)),
            colorscale=chart_style().heat_colorscale,
            colorbar={"title": {"text": "mentions"}},
            hovertemplate="%{y}<br>%{text}: %{z} mentions<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(
        title={"text": title},
        template="plotly_white",
        yaxis={"autorange": "reversed", "type": "category"},
        xaxis={"type": "date", "tickmode": "array", "tickvals": list(middles[::every]),
               "ticktext": names[::every]},
        height=min(1600, max(300, 120 + 26 * len(labels))),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        meta={"aggregated": True, "freq": code},
    )
    return fig


def activity_title(what: str, freq: str, n_mentions: int) -> str:
    """"Activity by actor: mentions per month (855 mentions)". The cells count mentions (each
    article's report of an event), the word the Timeline's caption uses for them ("156 events,
    from 855 mentions"): called events here, they read as six times the chronology's events."""
    return f"Activity by {what}: mentions per {FREQ_NAMES[freq]} ({n_mentions:,} mentions)"


def activity_figure(
    events: pd.DataFrame,
    by: str = "actor",
    freq: str = "M",
    *,
    documents: pd.DataFrame | None = None,
    top: int = DEFAULT_TOP,
) -> go.Figure:
    """Events per `by` ("actor", "event_type" or "doc_id") per period `freq` ("D", "W", "M",
    "Q", "Y"; pandas' "ME"/"MS" too), as a heat strip; an event counts in every period it
    covers, in every actor's row it names. Only the `top` busiest rows are shown, the rest are
    summed into "Others". A period too fine for the span (more than MAX_PERIODS columns) gives
    way to a coarser one, named in the title. An empty table gives an empty figure that says so.
    """
    events = schema.validate(events)
    events = events[events[schema.DATE_START].notna()].reset_index(drop=True)
    code = normalise_freq(freq)
    what = {"actor": "actor", "event_type": "event type", "doc_id": "article"}.get(by, by)
    if events.empty:
        return empty_figure(f"Activity by {what}", "No events to show")
    table, _, labels = lanes_mod.lane_rows(events, by, documents, max_lanes=top + 1)
    rows = table[lanes_mod.ROW].to_numpy()
    starts = events[schema.DATE_START].to_numpy()[rows]
    ends = events[schema.DATE_END].to_numpy()[rows]
    used = fitting_freq(events[schema.DATE_START].min(),
                        max(events[schema.DATE_START].max(), events[schema.DATE_END].max()), code)
    periods, z = period_counts(pd.Series(starts), table[lanes_mod.LANE_CODE].to_numpy(), len(labels), used,
                               ends=pd.Series(ends))
    title = activity_title(what, used, len(events))
    if used != code:
        title += f" — per {FREQ_NAMES[used]}, as the dates span too long for one column per {FREQ_NAMES[code]}"
    return heat_strip(periods, labels, z, used, title)


def empty_figure(title: str, message: str) -> go.Figure:
    """A figure with no data and `message` in its middle (our own text, not article text)."""
    fig = go.Figure()
    fig.update_layout(
        title={"text": title},
        template="plotly_white",
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": message, "showarrow": False, "xref": "paper", "yref": "paper",
                      "x": 0.5, "y": 0.5, "font": {"size": 16}}],
        height=300,
        meta={"aggregated": False, "empty": True},
    )
    return fig
