"""The timeline: time on x, one lane per actor (or event type, or article) on y.

- A day event is a marker; a week, month, season, year or fuzzy date is a bar over its whole
  interval (the inclusive end date is drawn to the end of that day).
- Planned events are hollow markers and hatched, translucent bars; the legend says
  "<type> · planned" / "<type> · happened". Colours follow the event type (chart_style.yaml).
- Marks that would overlap in a lane go to different sub-rows, so none hides another.
- Every mark carries its event_id in `customdata` (the app maps a selection back to the event).
- All article text is escaped for Plotly's HTML subset (hover, labels, ticks, legend).
- Traces are grouped (type x status x marker/bar), never one per event; markers are WebGL.
  Beyond `max_points` marks the figure becomes a heat strip of counts per lane per period and
  its title says so; `fig.layout.meta["aggregated"]` tells the app which one it got.
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline import schema
from timeline.present.charts import lanes as lanes_mod
from timeline.present.charts.activity import FREQ_NAMES, auto_freq, empty_figure, heat_strip, period_counts
from timeline.present.charts.style import chart_style, escape, light_template
from timeline.present.describe import event_type_label, headline, plain, resolved_date, snippet

DEFAULT_MAX_POINTS: Final = 4000   # marks (event x lane) drawn one by one; beyond: aggregated
DEFAULT_MAX_LANES: Final = 40
DEFAULT_KEY_LABELS: Final = 5      # label_key_events=True labels this many
MARKER_SIZE: Final = 11
BAR_THICKNESS: Final = 0.72        # in sub-row units
HOVER_WRAP: Final = 64             # characters per hover line for the sentence
LANE_TITLES: Final = {"actor": "actor", "event_type": "event type", "doc_id": "article"}
_HALF_DAY: Final = pd.Timedelta(hours=12)
_DAY: Final = pd.Timedelta(days=1)


def timeline_figure(
    events: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    lane: str = "actor",
    label_key_events: bool | int = False,
    key_event_ids: Iterable[str] = (),
    max_points: int = DEFAULT_MAX_POINTS,
    max_lanes: int = DEFAULT_MAX_LANES,
    title: str | None = None,
    split: bool = True,
) -> go.Figure:
    """The interactive timeline of `events` (an events table, schema.EVENT_COLUMNS).

    documents: the documents table (schema.DOCUMENT_COLUMNS), optional: article titles in
        the hover and as lane names when lane="doc_id" (lanes then ordered by publication date).
    lane: "actor" (an event is in each of its actors' lanes; without `split`, once, in the
        lane of its actor that the most events name, its other actors named in its hover),
        "event_type" or "doc_id".
    label_key_events: True labels the DEFAULT_KEY_LABELS most confident events on the chart,
        an int labels that many; `key_event_ids` are labelled as well.
    max_points: marks (events x lanes) above which the figure is an aggregated heat strip.
    max_lanes: lanes beyond this many are merged into one "Others" lane.
    title: our own title text (NOT escaped: do not pass article text); default describes it.

    Undated events (no date_start) are left out and the title counts them.
    Raises ValueError for an unknown lane.
    """
    if lane not in lanes_mod.LANES:
        raise ValueError(f"lane must be one of {', '.join(lanes_mod.LANES)}, not {lane!r}")
    events = schema.validate(events)
    dated = events[events[schema.DATE_START].notna()].reset_index(drop=True)
    # A missing or inverted end is drawn as a one-day event at the start (never a negative bar).
    ends = dated[schema.DATE_END].fillna(dated[schema.DATE_START])
    dated[schema.DATE_END] = ends.where(ends >= dated[schema.DATE_START], dated[schema.DATE_START])
    undated = len(events) - len(dated)
    what = LANE_TITLES[lane]
    heading = title or f"Timeline by {what}: {len(dated):,} event{'s' * (len(dated) != 1)}"
    if undated:
        heading += f" ({undated:,} undated not shown)"
    if dated.empty:
        return empty_figure(heading, "No dated events match the filters")

    table, order, labels = lanes_mod.lane_rows(dated, lane, documents, max_lanes=max_lanes,
                                               split=split)
    if len(table) > max_points:
        return _aggregated(dated, table, labels, heading)

    starts = dated[schema.DATE_START].to_numpy(dtype="datetime64[ns]")
    ends = dated[schema.DATE_END].to_numpy(dtype="datetime64[ns]")
    rows = table[lanes_mod.ROW].to_numpy()
    start_ns, end_ns = starts.astype(np.int64)[rows], ends.astype(np.int64)[rows]
    span_ns = int(end_ns.max() + lanes_mod.DAY_NS - start_ns.min())
    min_width = max(lanes_mod.DAY_NS, span_ns // 80)  # a marker is ~1/80 of the plot wide
    occupy_start, occupy_end = lanes_mod.occupied_interval(start_ns, end_ns, min_width)
    table, centres, bands = lanes_mod.layout_lanes(table, len(order), occupy_start, occupy_end)

    hover = np.asarray(_hover_texts(dated, documents), dtype=object)
    is_marker = _is_point_event(dated)
    fig = go.Figure()
    _add_traces(fig, dated, table, hover, is_marker)
    _add_labels(fig, dated, table, is_marker, label_key_events, key_event_ids)
    _style_layout(fig, heading, labels, centres, bands, dated, lane, len(table))
    return fig


def event_ids_from_selection(selection: Any) -> list[str]:
    """The event ids of the marks a user selected, in order, without repeats.

    Accepts what `st.plotly_chart(..., on_select="rerun")` returns (an object or dict with
    ["selection"]["points"]), that "selection" mapping, or the list of points. A point's
    customdata may be the id itself or a list whose first item is the id.
    """
    points: Any = selection
    for key in ("selection", "points"):
        if isinstance(points, Mapping) or hasattr(points, "get"):
            try:
                inner = points.get(key)  # type: ignore[union-attr]
            except Exception:
                inner = None
            if inner is not None:
                points = inner
    if not isinstance(points, Sequence) or isinstance(points, str):
        return []
    ids: dict[str, None] = {}
    for point in points:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, Sequence) and not isinstance(data, str):
            data = data[0] if len(data) else None
        if isinstance(data, str) and data:
            ids[data] = None
    return list(ids)


def _is_point_event(events: pd.DataFrame) -> np.ndarray:
    same_day = (events[schema.DATE_END] == events[schema.DATE_START]).to_numpy(dtype=bool)
    day = events[schema.GRANULARITY].astype("string").fillna("day").eq("day").to_numpy(dtype=bool)
    return same_day & day


def _add_traces(
    fig: go.Figure, events: pd.DataFrame, table: pd.DataFrame, hover: np.ndarray, is_marker: np.ndarray
) -> None:
    style = chart_style()
    rows = table[lanes_mod.ROW].to_numpy()
    y = table[lanes_mod.Y].to_numpy(dtype=float)
    types = events[schema.EVENT_TYPE].astype(object).map(plain).to_numpy()[rows]
    statuses = events[schema.STATUS].astype(object).map(plain).to_numpy()[rows]
    ids = events[schema.EVENT_ID].astype(object).map(plain).to_numpy()[rows]
    starts = events[schema.DATE_START].to_numpy(dtype="datetime64[ns]")[rows]
    stops = (events[schema.DATE_END] + _DAY).to_numpy(dtype="datetime64[ns]")[rows]
    marker_rows = is_marker[rows]
    groups = pd.DataFrame({"t": types, "s": statuses, "m": marker_rows}).groupby(
        ["t", "s", "m"], sort=False
    ).indices
    # Legend order: by event type, "happened" before "planned".
    status_rank = {s: i for i, s in enumerate(schema.STATUSES)}
    shown_in_legend: set[tuple[str, str]] = set()
    for (etype, status, marker) in sorted(groups, key=lambda g: (g[0], status_rank.get(g[1], 9), not g[2])):
        idx = groups[(etype, status, marker)]
        color = style.color_for(etype)
        look = style.status_style(status)
        group = (etype, status)
        common: dict[str, Any] = {
            "name": f"{escape(event_type_label(etype))} · {escape(look.label)}",
            "legendgroup": f"{etype}|{status}",
            "showlegend": group not in shown_in_legend,
            "customdata": ids[idx],
            "hovertext": hover[rows[idx]],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "y": y[idx],
        }
        shown_in_legend.add(group)
        if marker:
            fig.add_trace(go.Scattergl(
                x=starts[idx] + np.timedelta64(12, "h"),
                mode="markers",
                marker={"size": MARKER_SIZE, "color": color, "symbol": look.marker_symbol,
                        "line": {"color": color, "width": 2}},
                **common,
            ))
        else:
            width_ms = (stops[idx] - starts[idx]) / np.timedelta64(1, "ms")
            fig.add_trace(go.Bar(
                orientation="h",
                base=starts[idx],
                x=width_ms,
                width=BAR_THICKNESS,
                marker={"color": _rgba(color, look.bar_opacity),
                        "line": {"color": color, "width": 1.5},
                        "pattern": {"shape": look.bar_pattern, "fgcolor": color, "solidity": 0.25}},
                **common,
            ))


def _hover_texts(events: pd.DataFrame, documents: pd.DataFrame | None) -> list[str]:
    titles = _document_titles(documents)
    out = []
    for row in events.to_dict("records"):
        actors = schema.as_str_list(row.get(schema.ACTORS))
        places = schema.as_str_list(row.get(schema.LOCATIONS))
        written = plain(row.get(schema.TIMEX_TEXT))
        lines = [
            f"<b>{escape(headline(row))}</b>",
            f"Date as written: “{escape(written)}”" if written else "Date as written: (none)",
            f"Resolved: {escape(resolved_date(row))}",
            f"Type: {escape(event_type_label(row.get(schema.EVENT_TYPE)))} · "
            f"{escape(chart_style().status_style(plain(row.get(schema.STATUS))).label)}",
        ]
        if actors:
            lines.append("Actors: " + escape(", ".join(actors)))
        if places:
            lines.append("Where: " + escape(", ".join(places)))
        sentence = snippet(row.get(schema.SENTENCE))
        if sentence:
            wrapped = textwrap.wrap(sentence, HOVER_WRAP) or [sentence]
            lines.append("<i>" + "<br>".join(escape(part) for part in wrapped) + "</i>")
        title = titles.get(plain(row.get(schema.DOC_ID)))
        if title:
            lines.append("Article: " + escape(snippet(title, 80)))
        out.append("<br>".join(lines))
    return out


def _document_titles(documents: pd.DataFrame | None) -> dict[str, str]:
    if documents is None or documents.empty or schema.TITLE not in documents.columns:
        return {}
    return {plain(d): plain(t) for d, t in zip(documents[schema.DOC_ID], documents[schema.TITLE]) if plain(t)}


def _add_labels(
    fig: go.Figure,
    events: pd.DataFrame,
    table: pd.DataFrame,
    is_marker: np.ndarray,
    label_key_events: bool | int,
    key_event_ids: Iterable[str],
) -> None:
    chosen = _key_event_positions(events, label_key_events, key_event_ids)
    if not chosen:
        return
    first_mark = table.drop_duplicates(lanes_mod.ROW).set_index(lanes_mod.ROW)[lanes_mod.Y]
    records = events.to_dict("records")
    first = events[schema.DATE_START].min()
    span = max(events[schema.DATE_END].max() + _DAY - first, _DAY)
    for position in chosen:
        if position not in first_mark.index:
            continue
        start, end = events[schema.DATE_START].iloc[position], events[schema.DATE_END].iloc[position]
        x = start + _HALF_DAY if is_marker[position] else start + (end + _DAY - start) / 2
        # Near an edge the label extends inwards, so it stays over the plot (not the legend).
        where = (x - first) / span
        anchor = "left" if where < 0.25 else "right" if where > 0.75 else "center"
        fig.add_annotation(
            x=x, y=float(first_mark[position]), text=escape(snippet(headline(records[position]), 48)),
            showarrow=True, arrowhead=0, ax=0, ay=-26, xanchor=anchor, font={"size": 11},
            # Translucent, so a mark under a label still shows through.
            bgcolor="rgba(255,255,255,0.6)", bordercolor="rgba(0,0,0,0.35)", borderwidth=1,
        )


def _key_event_positions(
    events: pd.DataFrame, label_key_events: bool | int, key_event_ids: Iterable[str]
) -> list[int]:
    wanted = {str(i) for i in key_event_ids}
    positions = [i for i, e in enumerate(events[schema.EVENT_ID].astype(object).map(plain)) if e in wanted]
    count = DEFAULT_KEY_LABELS if label_key_events is True else int(label_key_events or 0)
    if count > 0:
        ranked = events.assign(_pos=np.arange(len(events))).sort_values(
            [schema.CONFIDENCE, schema.DATE_START], ascending=[False, True], na_position="last", kind="stable"
        )
        positions += [p for p in ranked["_pos"].tolist() if p not in positions][:count]
    return positions


def _style_layout(
    fig: go.Figure,
    heading: str,
    labels: list[str],
    centres: list[float],
    bands: list[tuple[float, float]],
    events: pd.DataFrame,
    lane: str,
    n_marks: int,
) -> None:
    first = events[schema.DATE_START].min()
    last = events[schema.DATE_END].max() + _DAY
    pad = max((last - first) * 0.03, _DAY)
    bottom = bands[-1][1] if bands else 0.5
    shapes = [
        {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": top - 0.3, "y1": low + 0.3,
         "fillcolor": "rgba(0,0,0,0.035)", "line": {"width": 0}, "layer": "below"}
        for i, (top, low) in enumerate(bands) if i % 2 == 0
    ] if len(bands) <= 80 else []
    fig.update_layout(
        title={"text": heading},
        template=light_template("bar", "scattergl"),
        barmode="overlay",
        hovermode="closest",
        xaxis={"type": "date", "range": [first - pad, last + pad], "showgrid": True, "title": None},
        yaxis={"tickmode": "array", "tickvals": centres, "ticktext": [escape(x) for x in labels],
               "range": [bottom + 0.5, -1.0], "showgrid": False, "zeroline": False, "title": None},
        legend={"title": {"text": "event type · status"}, "groupclick": "togglegroup"},
        shapes=shapes,
        height=int(min(2000, max(320, 150 + 24 * (bottom + 1)))),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        # For the app and tests: which lane spans which rows (labels are plain, not rendered).
        meta={"aggregated": False, "lane": lane, "marks": n_marks,
              "lanes": [[label, top, low] for label, (top, low) in zip(labels, bands)]},
    )


def _aggregated(events: pd.DataFrame, table: pd.DataFrame, labels: list[str], heading: str) -> go.Figure:
    starts = events[schema.DATE_START].to_numpy()[table[lanes_mod.ROW].to_numpy()]
    freq = auto_freq(events[schema.DATE_START].min(), events[schema.DATE_END].max())
    periods, z = period_counts(pd.Series(starts), table[lanes_mod.LANE_CODE].to_numpy(), len(labels), freq)
    heading += f" — too many to draw one by one: mentions per {FREQ_NAMES[freq]} (filter to see each one)"
    fig = heat_strip(periods, labels, z, freq, heading)
    fig.update_layout(meta={"aggregated": True, "freq": freq, "marks": len(table)})
    return fig


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:.2f})"
