"""The story view: the chronology (schema.CHRONOLOGY_COLUMNS, one row per real-world event) as
the chart that opens the dashboard.

- one mark per event, its area growing with the number of articles that report it; filled when
  it happened, hollow when planned (postponed and cancelled have their own symbols);
- the key events (the most salient) labelled "3 Feb 2016 · UN suspends Geneva talks" in a band of
  aligned rows above the lanes, with leader lines (`label_layout.place_labels`: no two labels
  overlap, none covers a mark);
- an event whose plan changed shows its history: a dotted line from each earlier reported date
  to the date it has now;
- the x axis opens on the span of the key events (far ones left out, padded), never on the extent
  of every mention; long or vague intervals are thin background spans that never set it; an
  overview strip (Plotly's range slider) shows the density of events over the whole corpus and
  pans and zooms the view;
- lanes by event type, actor or article (`lanes.chronology_lane_rows`);
- optional publication-day ticks, and a "now" line when planned events lie ahead of it.

Pure: no Streamlit. Every string from articles (headlines, actors, titles) is escaped.
"""
from __future__ import annotations

import functools
import json
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline import schema
from timeline.present.charts import lanes as lanes_mod
from timeline.present.charts.activity import auto_freq, empty_figure
from timeline.present.charts.label_layout import place_labels, text_size
from timeline.present.charts.reference_band import ReferenceBand, reference_traces
from timeline.present.rows import records as row_records
from timeline.present.charts.style import chart_style, escape, light_template
from timeline.present.describe import as_date, event_type_label, plain, snippet

LANE_TITLES: Final = {"actor": "actor", "event_type": "event type", "doc_id": "article"}
_DAY: Final = pd.Timedelta(days=1)
_HALF_DAY: Final = pd.Timedelta(hours=12)
MIN_VIEW: Final = pd.Timedelta(days=14)   # the narrowest span the view opens on
FENCE_MIN: Final = pd.Timedelta(days=30)  # key events this near the others are never outliers
# Fixed page geometry (pixels): margins are not auto-expanded, so the label layout, computed
# here, is where the browser draws it.
TOP_PX: Final = 56
RIGHT_PX: Final = 16
LEGEND_PX: Final = 84            # under the overview strip: the legend, in rows
TICKS_PX: Final = 34
SLIDER_PX: Final = 70
LANE_LABEL_CHARS: Final = 20
DENSITY_ROWS: Final = 1.6        # height of the density strip under the lanes, in sub-rows
DENSITY_NAME: Final = "events per period"  # the trace the overview strip shows
BAND_GAP_PX: Final = 10
REFERENCE_ROWS: Final = 1.4      # height of the reference band under the lanes, in sub-rows
REFERENCE_LABEL: Final = "Reference"  # the band's lane label
# What the story reads of each event row by row (hovers, plan lines, spans, labels).
_RECORD_COLUMNS: Final = (
    schema.EVENT_KEY, schema.DATE_START, schema.DATE_END, schema.GRANULARITY, schema.EVENT_TYPE,
    schema.STATUS, schema.HEADLINE, schema.ACTORS, schema.LOCATIONS, schema.N_MENTIONS,
    schema.N_ARTICLES, schema.STATUS_HISTORY)
PLAN_STATUSES: Final = ("planned", "postponed", "cancelled")  # history steps that are plans
MIN_ROW_PX: Final = 8           # the flattest a row of marks gets in a chart of fixed height
MAX_SUB_ROWS: Final = 8         # rows of marks in a lane; beyond, marks may touch
MAX_LABEL_SHIFT: Final = 0.3     # a label stays within this fraction of the plot from its mark
VALIDATE = False  # Plotly's checks of each property as the figure is made (see _scatter)


@dataclass(frozen=True)
class HistoryStep:
    """One report of an event's status: what an article said, and when it was published."""

    status: str
    date_start: pd.Timestamp | None
    date_end: pd.Timestamp | None
    doc_id: str
    published: pd.Timestamp | None
    event_id: str


def status_history(value: object) -> list[HistoryStep]:
    """The steps of a status_history cell (a JSON list); [] for a missing or unreadable cell."""
    text = plain(value)
    if not text:
        return []
    return list(_parsed_history(text))


# The story is made again for every filter change, mostly of the same salient events: their
# histories (JSON, a dozen steps each on a big store) are parsed once. Steps are frozen.
@functools.lru_cache(maxsize=8_192)
def _parsed_history(text: str) -> tuple[HistoryStep, ...]:
    try:
        items = json.loads(text)
    except (ValueError, TypeError):
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(HistoryStep(
        status=plain(item.get("status")),
        date_start=_timestamp(item.get("date_start")),
        date_end=_timestamp(item.get("date_end")),
        doc_id=plain(item.get("doc_id")),
        published=_timestamp(item.get("published")),
        event_id=plain(item.get("event_id")),
    ) for item in items if isinstance(item, dict))


def chronology_for_mentions(chronology: pd.DataFrame, event_ids: Iterable[str]) -> pd.DataFrame:
    """The events of `chronology` that at least one of the mentions `event_ids` reports: the
    chronology under the filters that chose those mentions (one pass over the mention lists)."""
    wanted = set(event_ids)
    keep = [any(m in wanted for m in ids) for ids in schema.list_cells(chronology[schema.MENTION_IDS])]
    return chronology[np.asarray(keep, dtype=bool)].reset_index(drop=True) if len(chronology) else chronology


def story_event_label(row: Any) -> str:
    """One line naming an event in the picker: "3 Feb 2016 · UN suspends talks · 20 articles"
    (plain text)."""
    day = event_date_label(row[schema.DATE_START], row[schema.DATE_END], row[schema.GRANULARITY])
    what = snippet(plain(row[schema.HEADLINE]) or event_type_label(row[schema.EVENT_TYPE]), 90)
    return f"{day} · {what} · {_count(row[schema.N_ARTICLES], 'article')}"


def event_date_label(start: Any, end: Any, granularity: Any) -> str:
    """"3 Feb 2016"; "Feb 2016" for a month; "3–5 Feb 2016" for a few days; "2015" for a year."""
    try:
        return _date_label(start, end, granularity)
    except TypeError:  # a cell that cannot be a memo's key (a list): made without it
        return _date_label.__wrapped__(start, end, granularity)


# Tens of thousands of labels per story on a big store (hovers and histories), of a few
# thousand distinct days: memoised.
@functools.lru_cache(maxsize=65_536)
def _date_label(start: Any, end: Any, granularity: Any) -> str:
    first, last = as_date(start), as_date(end) or as_date(start)
    if first is None:
        return "undated"
    grain = plain(granularity)
    if grain == "year" or grain == "decade":
        return str(first.year) if grain == "year" else f"{first.year}s"
    if grain == "month":
        return f"{first:%b %Y}"
    if last is None or last == first:
        return f"{first.day} {first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {first:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def key_event_order(chronology: pd.DataFrame) -> np.ndarray:
    """Positions of the rows, most salient first (then most reported, earliest, by key)."""
    frame = pd.DataFrame({
        "s": chronology[schema.SALIENCE].fillna(0.0).to_numpy(dtype=float),
        "n": chronology[schema.N_ARTICLES].fillna(0).to_numpy(dtype=np.int64),
        "d": chronology[schema.DATE_START].to_numpy(dtype="datetime64[ns]"),
        "k": chronology[schema.EVENT_KEY].astype(object).map(plain).to_numpy(),
    })
    return frame.sort_values(["s", "n", "d", "k"], ascending=[False, False, True, True],
                             kind="stable").index.to_numpy()


def is_background(chronology: pd.DataFrame, long_days: int | None = None,
                  granularities: Iterable[str] | None = None) -> np.ndarray:
    """Which events are long or vague intervals, drawn as background spans: a granularity in
    `granularities` or longer than `long_days` (defaults from chart_style.yaml)."""
    story = chart_style().story
    long_days = story.long_days if long_days is None else long_days
    grains = set(story.background_granularities if granularities is None else granularities)
    starts, ends = chronology[schema.DATE_START], chronology[schema.DATE_END].fillna(
        chronology[schema.DATE_START])
    # In whole days (numpy day units): an interval over 292 years overflows nanoseconds.
    days = (ends.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
            - starts.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")).astype(np.int64) + 1
    vague = chronology[schema.GRANULARITY].astype(object).map(plain).isin(grains).to_numpy(bool)
    return vague | (days > long_days)


def focus_range(middles: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The span the view opens on, from `middles` (the key events' dates): from the first to
    the last, once dates beyond the quartiles' fences (3 interquartile ranges, at least
    FENCE_MIN) are left out, padded by 8% on each side and at least MIN_VIEW wide. A few far
    key events do not stretch it."""
    values = pd.Series(pd.to_datetime(middles)).dropna().astype("datetime64[ns]").astype("int64")
    if values.empty:
        raise ValueError("no dates to focus on")
    q1, q3 = values.quantile(0.25), values.quantile(0.75)
    fence = max(3 * (q3 - q1), FENCE_MIN.value)
    values = values[(values >= q1 - fence) & (values <= q3 + fence)]
    # Python ints of nanoseconds: dates centuries apart would overflow a Timedelta.
    low, high = int(values.min()), int(values.max())
    pad = max(int((high - low) * 0.08), 2 * _DAY.value)
    low, high = low - pad, high + pad
    if high - low < MIN_VIEW.value:
        middle = (low + high) // 2
        low, high = middle - MIN_VIEW.value // 2, middle + MIN_VIEW.value // 2
    return _clamped(low), _clamped(high)


def _clamped(ns: int) -> pd.Timestamp:
    return pd.Timestamp(min(max(ns, pd.Timestamp.min.value), pd.Timestamp.max.value))


class StoryFigure(go.Figure):
    """What `story_figure` returns: a Plotly figure that can draw itself again at another size
    (`at_size`), its labels laid out anew for that size. The story places its labels in pixels
    for one size; stretching the finished figure moves the marks under labels that stay put.
    What it redraws from is kept in memory only: a copy, a pickle or the JSON of it is a
    plain figure (`can_redraw` is then False)."""

    _redraw: Callable[..., go.Figure] | None = None

    @property
    def can_redraw(self) -> bool:
        return self._redraw is not None

    def at_size(self, width: int, height: int, *, overview: bool = True) -> go.Figure:
        """The same story drawn `width` × `height` pixels, labels placed for that size (without
        the overview strip when not `overview`, as on paper).
        Raises ValueError when this figure cannot be redrawn (see the class)."""
        if self._redraw is None:
            raise ValueError("this figure cannot be redrawn: make it with story_figure")
        return self._redraw(width=int(width), height=int(height), overview=overview)


def story_figure(
    chronology: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    lane: str = "event_type",
    split: bool = False,
    key_events: int | None = None,
    show_publications: bool = False,
    now: pd.Timestamp | None = None,
    width: int | None = None,
    height: int | None = None,
    max_lanes: int | None = None,
    title: str | None = None,
    reference: ReferenceBand | None = None,
    overview: bool = True,
) -> go.Figure:
    """The chronology as a story (see the module's doc).

    chronology: a chronology table (schema.CHRONOLOGY_COLUMNS); undated events are left out and
        the title counts them.
    documents: the documents table, optional: article lanes take their titles, publication
        ticks their dates.
    lane: "event_type" (default), "actor" or "doc_id"; `split` puts an event in the lane of each
        of its actors (articles) instead of one.
    key_events: how many of the most salient events to label (default from chart_style.yaml);
        fewer are labelled when their labels do not fit.
    now: draws a "now" line when planned events lie after it.
    width, height: the figure's size in pixels (labels are laid out for it, so draw it at this
        size); by default chart_style.yaml's width, and as tall as the lanes need. With a
        height (a report's size), the lanes are squeezed or stretched to fit; a row of
        marks is never flatter than MIN_ROW_PX, so marks then share fewer rows and the
        smaller lanes fold under "Others" (only two lanes that still do not fit make the
        chart taller).
    title: our own text (NOT escaped: never pass article text).
    reference: a reference chronology drawn as a band of its entries under the lanes, on the
        same time axis (it never sets the axis).
    overview: the overview strip (a range slider to pan and zoom) under the axis; a chart for
        paper (an exported image) has none: it does nothing there and takes its height.
    Returns a StoryFigure (a go.Figure that `at_size` draws again at another size, as a
    report's export does); with no dated event, a plain figure that says so.
    Raises ValueError for an unknown lane.
    """
    story = chart_style().story
    if lane not in lanes_mod.LANES:
        raise ValueError(f"lane must be one of {', '.join(lanes_mod.LANES)}, not {lane!r}")
    chron = chronology if conforms(chronology) else schema.validate_chronology(chronology)
    dated = chron[chron[schema.DATE_START].notna()].reset_index(drop=True)
    ends = dated[schema.DATE_END].fillna(dated[schema.DATE_START])
    dated[schema.DATE_END] = ends.where(ends >= dated[schema.DATE_START], dated[schema.DATE_START])
    n_events = len(dated)
    heading = title or f"Chronology by {LANE_TITLES[lane]}: {n_events:,} event{'s' * (n_events != 1)}"
    if len(chron) > n_events:
        heading += f" ({len(chron) - n_events:,} undated not shown)"
    if dated.empty:
        return empty_figure(heading, "No dated events match the filters")
    if n_events > story.max_marks:
        keep = np.sort(key_event_order(dated)[: story.max_marks])
        dated = dated.iloc[keep].reset_index(drop=True)
        heading += f": the {story.max_marks:,} most salient drawn (filter to see the others)"

    background = is_background(dated)
    layout = _Layout.build(dated, background, documents, lane, split,
                           max_lanes or story.max_lanes, width or story.width,
                           story.key_events if key_events is None else key_events, height,
                           reference_rows=REFERENCE_ROWS if reference is not None else 0.0,
                           overview=overview)
    # once, and only the columns the row loops below read (not the mention and article lists)
    records = row_records(dated, _RECORD_COLUMNS)
    # Each event's status history, read once (memoised by text: the hovers read it again).
    histories = [status_history(r[schema.STATUS_HISTORY]) for r in records]
    fig = _Assembly()  # the traces and the layout, made into a StoryFigure once, below
    _add_background(fig, records, layout)
    _add_history(fig, records, histories, layout)
    _add_marks(fig, dated, records, layout)
    _add_density(fig, dated, layout)
    if reference is not None:
        _add_reference(fig, reference, layout)
    if show_publications:
        _add_publications(fig, documents, layout)
    labelled = _add_labels(fig, records, layout)
    _add_now(fig, dated, layout, now)
    _style(fig, heading, layout, lane, labelled, reference)
    _off_the_overview(fig)
    story = StoryFigure(data=fig.data, layout=fig.layout, _validate=VALIDATE)  # see _scatter
    story._redraw = functools.partial(
        story_figure, chronology, documents, lane=lane, split=split, key_events=key_events,
        show_publications=show_publications, now=now, max_lanes=max_lanes, title=title,
        reference=reference)
    return story


class _Assembly:
    """The story's traces, shapes, labels and layout as they are added, made into a figure
    once (story_figure). Plotly's Figure.add_trace makes each trace again from its properties
    with every check on (whatever the figure's own _validate says), turning its arrays into
    lists, and deep-copies it; its add_shape and add_annotation check each property too. A
    figure made from the finished list and layout checks only when VALIDATE asks."""

    def __init__(self) -> None:
        self.data: list[go.Scatter] = []
        self.layout: dict[str, Any] = {}

    def add_trace(self, trace: go.Scatter) -> None:
        self.data.append(trace)

    def add_shape(self, **shape: Any) -> None:
        self.layout.setdefault("shapes", []).append(shape)

    def add_annotation(self, **annotation: Any) -> None:
        self.layout.setdefault("annotations", []).append(annotation)

    def update_layout(self, **changes: Any) -> None:
        """As Figure.update_layout: a dict merges into the dict it updates, the rest replaces."""
        _merge(self.layout, changes)


def _merge(into: dict[str, Any], changes: dict[str, Any]) -> None:
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _add_reference(fig: _Assembly, reference: ReferenceBand, layout: _Layout) -> None:
    """The reference chronology's entries in their band under the lanes."""
    assert layout.reference_band is not None
    top, low = layout.reference_band
    for trace in reference_traces(reference, -(top + low) / 2, make=_scatter):
        fig.add_trace(trace)


def _off_the_overview(fig: _Assembly) -> None:
    """Put every trace but the density on a twin of the x axis (hidden, matched to x, over the
    same plot). Plotly's range slider draws every trace of its axis again, clipped to the
    strip where only the density shows: on 3,000 events that doubled the chart's drawing in
    the browser (newPlot ~1.0 -> ~0.5 s in Chromium). Panning, zooming and the slider move
    both axes as one."""
    for trace in fig.data:
        if trace.name != DENSITY_NAME:
            trace.xaxis = "x2"
    fig.update_layout(xaxis2={"type": "date", "overlaying": "x", "matches": "x",
                              "visible": False})


def _scatter(**properties: Any) -> go.Scatter:
    """A scatter trace of the story, made without Plotly's property by property validation
    unless VALIDATE (the story's own code sets every property from known values; validation
    and the copies it makes were a fifth of the figure's making on a filter change).
    tests/test_story.py checks that the figure's JSON is the validated figure's."""
    return go.Scatter(_validate=VALIDATE, **properties)


# --- Layout ----------------------------------------------------------------------------------

@dataclass
class _Layout:
    """Where everything goes: lanes and sub-rows of the marks, the pixel geometry of the page,
    and the view's time range."""

    table: pd.DataFrame              # lanes_mod table (ROW, LANE_*, SUB_ROW, Y) of every event
    labels: list[str]                # lane labels, top first
    centres: list[float]
    bands: list[tuple[float, float]]
    middles: np.ndarray              # datetime64 middle of each event's interval
    sizes: np.ndarray                # marker diameter (px) of each event
    background: np.ndarray           # bool per event
    key_rows: list[int]              # rows of the events to label, most salient first
    view: tuple[pd.Timestamp, pd.Timestamp]
    extent: tuple[pd.Timestamp, pd.Timestamp]
    width: int
    left_px: int
    plot_width: int
    band_px: float
    row_px: float
    top_value: float                 # the y at the top of the plot (y grows upwards)
    density_base: float              # the y of the density strip's baseline
    height: int
    slider_thickness: float
    slider_px: int                   # the overview strip's height (0: none, as on paper)
    fixed_height: bool               # the caller chose the height: it never changes
    reference_band: tuple[float, float] | None = None  # (top, low) of the reference band, as lanes'

    @classmethod
    def build(cls, dated: pd.DataFrame, background: np.ndarray, documents: pd.DataFrame | None,
              lane: str, split: bool, max_lanes: int, width: int, n_keys: int,
              fixed_height: int | None = None, reference_rows: float = 0.0,
              overview: bool = True) -> _Layout:
        story = chart_style().story
        starts = dated[schema.DATE_START].to_numpy(dtype="datetime64[ns]")
        stops = (dated[schema.DATE_END] + _DAY).to_numpy(dtype="datetime64[ns]")
        # Halves added, not a difference halved: no overflow for intervals of centuries.
        middles = (starts.astype(np.int64) // 2 + stops.astype(np.int64) // 2).astype("datetime64[ns]")
        n_articles = dated[schema.N_ARTICLES].fillna(1).to_numpy(dtype=float).clip(min=1)
        # Area grows with the number of articles: the diameter with its square root, from
        # marker_min (one article) to marker_max (the most reported event).
        spread = np.sqrt(n_articles.max()) - 1
        grow = (np.sqrt(n_articles) - 1) / spread if spread > 0 else np.zeros(len(n_articles))
        sizes = story.marker_min + (story.marker_max - story.marker_min) * grow

        points = np.flatnonzero(~background)
        order = [int(i) for i in key_event_order(dated) if not background[i]]
        keys = order[: max(0, n_keys)]
        focus = middles[keys] if keys else (middles[points] if len(points) else middles)
        view = focus_range(pd.Series(focus))
        marks_for_extent = middles[points] if len(points) else middles
        lo, hi = pd.Timestamp(marks_for_extent.min()), pd.Timestamp(marks_for_extent.max())
        pad = max(int((hi.value - lo.value) * 0.03), 3 * _DAY.value)
        extent = (min(_clamped(lo.value - pad), view[0]), max(_clamped(hi.value + pad), view[1]))

        left_px = 16 + int(7 * LANE_LABEL_CHARS)
        plot_width = max(200, width - left_px - RIGHT_PX)
        ns_per_px = (view[1].value - view[0].value) / plot_width
        band_px = story.label_rows * _label_row_height() + BAND_GAP_PX + story.marker_max / 2
        slider_px = SLIDER_PX if overview else 0
        around = TOP_PX + TICKS_PX + slider_px + 16 + LEGEND_PX  # everything but the plot

        def arrange(lanes_cap: int, sub_rows: int) -> tuple[pd.DataFrame, list[str], list[float],
                                                             list[tuple[float, float]], float]:
            table, order_keys, labels = lanes_mod.chronology_lane_rows(
                dated, lane, documents, split=split, max_lanes=lanes_cap)
            rows = table[lanes_mod.ROW].to_numpy()
            mid_ns = middles.astype(np.int64)[rows]
            half = (sizes[rows] / 2 + 3) * ns_per_px
            # A background span takes no room of its own: it is drawn under the lane.
            half = np.where(background[rows], 0, half).astype(np.int64)
            occ_start = np.where(background[rows], np.iinfo(np.int64).min // 2, mid_ns - half)
            occ_end = np.where(background[rows], np.iinfo(np.int64).min // 2, mid_ns + half)
            table, centres, bands = lanes_mod.layout_lanes(table, len(order_keys), occ_start,
                                                            occ_end, max_sub_rows=sub_rows)
            bottom = bands[-1][1] if bands else 0.5
            # The reference band, if any, between the lanes and the density strip.
            return table, labels, centres, bands, -(bottom + 0.3 + reference_rows + DENSITY_ROWS)

        # A chart of a given height (a report's preset) keeps that height: when its lanes do
        # not fit with rows of MIN_ROW_PX, marks share fewer rows (they may touch), then the
        # smaller lanes fold under "Others", so the labels are laid out for the size drawn.
        for lanes_cap, sub_rows in _arrangements(max_lanes, fit=bool(fixed_height)):
            table, labels, centres, bands, density_base = arrange(lanes_cap, sub_rows)
            if not fixed_height or (fixed_height - around - band_px) / (0.7 - density_base) >= MIN_ROW_PX:
                break
        row_px: float = story.row_px
        if fixed_height:
            row_px = max(MIN_ROW_PX, (fixed_height - around - band_px) / (0.7 - density_base))
            sizes = np.minimum(sizes, max(4.0, row_px - 2))  # marks stay inside their rows
        top_value = 0.5 + band_px / row_px
        plot_height = int(round((top_value - (density_base - 0.2)) * row_px))
        slider_thickness = round(slider_px / plot_height, 4)
        height = around + plot_height
        bottom = bands[-1][1] if bands else 0.5
        reference_band = (bottom + 0.3, bottom + 0.3 + reference_rows) if reference_rows else None
        return cls(table=table, labels=labels, centres=centres, bands=bands, middles=middles,
                   sizes=sizes, background=background, key_rows=keys, view=view, extent=extent,
                   width=width, left_px=left_px, plot_width=plot_width, band_px=band_px,
                   row_px=row_px, top_value=top_value, density_base=density_base,
                   height=height, slider_thickness=slider_thickness, slider_px=slider_px,
                   fixed_height=bool(fixed_height), reference_band=reference_band)

    def x_px(self, t: np.datetime64 | pd.Timestamp) -> float:
        low, high = self.view
        return self.left_px + (pd.Timestamp(t).value - low.value) / (high.value - low.value) * self.plot_width

    def y_px(self, y: float) -> float:
        return TOP_PX + (self.top_value - y) * self.row_px

    @property
    def bottom_margin(self) -> int:
        return self.height - TOP_PX - int(round((self.top_value - (self.density_base - 0.2)) * self.row_px))


def _arrangements(max_lanes: int, fit: bool) -> list[tuple[int, int]]:
    """(lanes, sub-rows per lane) to try, roomiest first: all the lanes with up to
    MAX_SUB_ROWS rows of marks, then fewer rows, then fewer lanes (the rest under "Others").
    Without `fit` (a chart as tall as it needs), only the first."""
    if not fit:
        return [(max_lanes, MAX_SUB_ROWS)]
    tries = [(max_lanes, rows) for rows in (MAX_SUB_ROWS, 4, 2, 1)]
    lanes = max_lanes
    while lanes > 2:
        lanes = max(2, lanes // 2)
        tries.append((lanes, 1))
    return tries


def _label_row_height() -> float:
    story = chart_style().story
    return text_size(["x"] * story.label_lines, story.label_font_size)[1] + 4


# --- Traces ----------------------------------------------------------------------------------

def _first_marks(layout: _Layout) -> pd.DataFrame:
    """One row of the lanes table per event (its first lane): where its mark is."""
    return layout.table.drop_duplicates(lanes_mod.ROW).set_index(lanes_mod.ROW)


# A mark's hover is a template shared by its trace (the words, the line breaks, the event type
# and status, said once) filled from the mark's customdata row [key, headline, date, counts,
# actors, places, history]: a full HTML string per mark repeated all of it, and Plotly's JSON
# writes each "<", ">" and "/" as six bytes ("<br>" is 14), so the hovers were 0.50 of the
# figure's 0.80 MB on a filter change at 1,000,000 mentions. Every field is escaped text.
KEY, HEADLINE, DATE, COUNTS, ACTORS, PLACES, HISTORY = range(7)  # the customdata columns
_SAID: Final = {ACTORS: "Actors: ", PLACES: "Where: ", HISTORY: "History: "}


def _hover(row: dict[str, Any], history: bool = True) -> tuple[str, ...]:
    """The hover fields of an event's mark (escaped text), customdata's columns after the key
    (see KEY..HISTORY). Memoised on what they show: a filter change draws again many of the
    events it drew before. Keyed by the history's text, not its parsed steps (hashing a dozen
    steps of dates per event cost more than the text); without `history`, no history (a
    background span's)."""
    return _hover_fields(
        plain(row.get(schema.HEADLINE)), row[schema.DATE_START], row[schema.DATE_END],
        plain(row[schema.GRANULARITY]), _as_int(row.get(schema.N_ARTICLES)),
        _as_int(row.get(schema.N_MENTIONS)), tuple(schema.as_str_list(row.get(schema.ACTORS))),
        tuple(schema.as_str_list(row.get(schema.LOCATIONS))),
        plain(row.get(schema.STATUS_HISTORY)) if history else "")


def _as_int(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=8_192)
def _hover_fields(headline: str, start: pd.Timestamp, end: pd.Timestamp, granularity: str,
                  n_art: int, n_men: int, actors: tuple[str, ...], places: tuple[str, ...],
                  history: str) -> tuple[str, ...]:
    said = [f"{s.status} {event_date_label(s.date_start, s.date_end, 'day')}"
            for s in status_history(history)]
    # Each status and date once, in the order first reported: wires that alternate between
    # two days, or copies of one report, said "23 Nov → 24 Nov → 23 Nov → 24 Nov → …" (a
    # third of a big store's hover bytes); the drill-down lists every report.
    changes = list(dict.fromkeys(said))
    # the same status and date reported again is no change
    steps = (" → ".join(changes[:6]) + (" → …" if len(changes) > 6 else "")) if len(changes) > 1 else ""
    # Why the event counts (its salience reason) is the drill-down's, a click away (the caption
    # says so): in every hover it was two fifths of the page's data (0.5 MB of 2.2 MB for the
    # 3,000 events of a big store).
    return (escape(snippet(headline, 90)), escape(event_date_label(start, end, granularity)),
            f"{_count(n_art, 'article')} ({_count(n_men, 'mention')})",
            escape(snippet(", ".join(actors), 120)), escape(snippet(", ".join(places), 120)),
            escape(steps))


def _hover_columns(keys: Iterable[str], fields: Iterable[tuple[str, ...]],
                   kind: str) -> tuple[np.ndarray, str]:
    """customdata rows [key, field, ...] and the hovertemplate that shows them under `kind`
    (escaped: "Meeting · happened"; None for no kind line but the date). An optional line
    (actors, places, history) is in the template when every mark of the trace has one, its
    words said once; else each mark that has one carries the whole line."""
    rows = [[k, *f] for k, f in zip(keys, fields)]
    template = ["<b>%{customdata[1]}</b><br>%{customdata[2]}"
                + (f" · {_template_text(kind)}" if kind else ""),
                "<br>Reported by %{customdata[3]}"]
    for column in (ACTORS, PLACES, HISTORY):
        if rows and all(row[column] for row in rows):
            template.append(f"<br>{_SAID[column]}%{{customdata[{column}]}}")
            continue
        template.append(f"%{{customdata[{column}]}}")
        for row in rows:
            if row[column]:
                row[column] = f"<br>{_SAID[column]}{row[column]}"
    # Trailing empty columns (no mark of the trace has the line) are not sent.
    width = len(rows[0]) if rows else 0
    while width > COUNTS + 1 and not any(row[width - 1] for row in rows):
        width -= 1
        template.pop()
    table = np.empty((len(rows), width), dtype=object)
    for i, row in enumerate(rows):
        table[i] = row[:width]
    return table, "".join(template) + "<extra></extra>"


def _template_text(text: str) -> str:
    """Our own words (escaped) inside a hovertemplate, where "%{" would start a field."""
    return text.replace("%{", "%\u200b{")


def _count(value: object, noun: str) -> str:
    n = 0 if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]
    return f"{n:,} {noun}{'s' * (n != 1)}"


def _add_marks(fig: _Assembly, dated: pd.DataFrame, records: list[dict[str, Any]],
               layout: _Layout) -> None:
    style = chart_style()
    table = layout.table[~layout.background[layout.table[lanes_mod.ROW].to_numpy()]]
    if table.empty:
        return
    rows = table[lanes_mod.ROW].to_numpy()
    hovers: dict[int, tuple[str, ...]] = {r: _hover(records[r]) for r in set(rows.tolist())}
    types = dated[schema.EVENT_TYPE].astype(object).map(plain).to_numpy()[rows]
    statuses = dated[schema.STATUS].astype(object).map(plain).to_numpy()[rows]
    keys = dated[schema.EVENT_KEY].astype(object).map(plain).to_numpy()[rows]
    y = -table[lanes_mod.Y].to_numpy(dtype=float)
    groups = pd.DataFrame({"t": types, "s": statuses}).groupby(["t", "s"], sort=True).indices
    for (etype, status), idx in groups.items():
        color = style.color_for(etype)
        look = style.status_style(status)
        name = f"{escape(event_type_label(etype))} · {escape(look.label)}"
        customdata, template = _hover_columns(keys[idx], (hovers[r] for r in rows[idx]), name)
        fig.add_trace(_scatter(
            x=_minutes(layout.middles[rows[idx]]), y=_screen(y[idx]), mode="markers",
            name=name, legendgroup=f"type:{etype}", showlegend=False,
            marker={"size": _pixels(layout.sizes[rows[idx]]), "color": color,
                    "symbol": look.marker_symbol,
                    "line": {"color": color, "width": 2}, "opacity": 0.9},
            customdata=customdata, hovertemplate=template,
        ))
    # An event of a week or a month: a thin line over its days, behind its mark.
    starts = dated[schema.DATE_START].to_numpy(dtype="datetime64[ns]")[rows]
    stops = (dated[schema.DATE_END] + _DAY).to_numpy(dtype="datetime64[ns]")[rows]
    spread = np.flatnonzero(stops - starts > np.timedelta64(1, "D"))
    for etype in sorted(set(types[spread])):
        idx = spread[types[spread] == etype]
        xs = [v for i in idx for v in (starts[i], stops[i], None)]
        ys = [v for i in idx for v in (y[i], y[i], None)]
        fig.add_trace(_scatter(  # days as text: unchecked, a datetime64 is written as a number
            x=_dates(xs), y=ys, mode="lines", line={"width": 2, "color": style.color_for(etype)},
            opacity=0.45, name=f"{escape(event_type_label(etype))} · days covered",
            legendgroup=f"type:{etype}", showlegend=False, hoverinfo="skip"))
    # The legend: one entry per event type (filled), then one per status (grey).
    for etype in sorted(set(types)):
        fig.add_trace(_scatter(
            x=[None], y=[None], mode="markers", name=escape(event_type_label(etype)),
            legendgroup=f"type:{etype}", showlegend=True, hoverinfo="skip",
            marker={"size": 10, "color": style.color_for(etype), "symbol": "circle"}))
    for status in dict.fromkeys(schema.CHRONOLOGY_STATUSES):
        if status not in set(statuses):
            continue
        look = style.status_style(status)
        fig.add_trace(_scatter(
            x=[None], y=[None], mode="markers", name=escape(look.label),
            legendgroup=f"status:{status}", showlegend=True, hoverinfo="skip",
            marker={"size": 10, "color": "#555555", "symbol": look.marker_symbol,
                    "line": {"color": "#555555", "width": 2}}))


def _add_background(fig: _Assembly, records: list[dict[str, Any]], layout: _Layout) -> None:
    """Long or vague intervals: a thin line along the top of their lane, under the marks."""
    style = chart_style()
    table = layout.table[layout.background[layout.table[lanes_mod.ROW].to_numpy()]]
    if table.empty:
        return
    xs: list[Any] = []
    ys: list[Any] = []
    keys: list[str] = []
    fields: list[tuple[str, ...]] = []
    band_top = {code: top for code, (top, _low) in enumerate(layout.bands)}
    for row, code in zip(table[lanes_mod.ROW], table[lanes_mod.LANE_CODE]):
        record = records[row]
        y = -(band_top[code] + 0.12)
        xs += [record[schema.DATE_START], record[schema.DATE_END] + _DAY, None]
        ys += [y, y, None]
        keys.append(plain(record[schema.EVENT_KEY]))
        # The spans of a trace are of any type and status: each says its own.
        kind = (f"{escape(event_type_label(plain(record[schema.EVENT_TYPE])))}"
                f" · {escape(style.status_style(plain(record[schema.STATUS])).label)}")
        headline, day, *rest = _hover(record, history=False)
        fields.append((headline, f"{day} · {kind}", *rest))
    spans, template = _hover_columns(keys, fields, "")
    # Both ends of a span hover alike; the gap between spans has no row.
    customdata = np.empty((3 * len(spans), spans.shape[1]), dtype=object)
    customdata[0::3] = spans
    customdata[1::3] = spans
    fig.add_trace(_scatter(
        x=xs, y=ys, mode="lines", name="long or vague dates", legendgroup="background",
        showlegend=True, line={"width": 3, "color": style.unknown_color}, opacity=0.45,
        customdata=customdata, hovertemplate=template,
    ))


def _add_history(fig: _Assembly, records: list[dict[str, Any]],
                 histories: list[list[HistoryStep]], layout: _Layout) -> None:
    """A dotted line from each date a plan was reported for to the date the event has now.
    A date reported by several articles is drawn once (the first report's): on a big store
    an event's plan is reported again and again, and each report drew the same mark and line
    (4,274 marks for 1,040 distinct ones under one actor of 1,000,000 mentions)."""
    first = _first_marks(layout)
    xs: list[Any] = []
    ys: list[Any] = []
    old_x: list[Any] = []
    old_y: list[Any] = []
    old_text: list[str] = []
    lane_y = dict(zip(first.index.tolist(), first[lanes_mod.Y].tolist()))
    for row, record in enumerate(records):
        if layout.background[row] or row not in lane_y or len(plain(record[schema.STATUS_HISTORY])) < 3:
            continue
        now_start = record[schema.DATE_START]
        y = -float(lane_y[row])
        now_end = record[schema.DATE_END]
        drawn: set[pd.Timestamp] = set()
        for step in histories[row]:
            # A plan for another date; not a vaguer report of the same days ("in March").
            if (step.date_start is None or step.status not in PLAN_STATUSES
                    or step.date_start <= now_start <= (step.date_end or step.date_start)
                    or now_start <= step.date_start <= now_end):
                continue
            then = step.date_start + ((step.date_end or step.date_start) + _DAY - step.date_start) / 2
            if then in drawn:
                continue
            drawn.add(then)
            xs += [then, layout.middles[row], None]
            ys += [y, y, None]
            old_x.append(then)
            old_y.append(y)
            said = f" (reported {step.published:%d %b %Y})" if step.published is not None else ""
            old_text.append(escape(f"{step.status or 'reported'} for "
                                   f"{event_date_label(step.date_start, step.date_end, 'day')}{said}: "
                                   f"{snippet(record[schema.HEADLINE], 80)}"))
    if not xs:
        return
    # Arrays, not lists: Plotly checks a list element by element (most of this trace's cost).
    fig.add_trace(_scatter(x=_dates(xs), y=np.array(ys, dtype=object), mode="lines",
                             name="plan changed", legendgroup="history",
                             showlegend=True, hoverinfo="skip",
                             line={"dash": "dot", "width": 1.5, "color": "#555555"}))
    fig.add_trace(_scatter(x=_dates(old_x), y=np.array(old_y), mode="markers", name="earlier date",
                             legendgroup="history", showlegend=False,
                             marker={"size": 7, "symbol": "circle-open", "color": "#555555"},
                             hovertext=np.array(old_text, dtype=object),
                             hovertemplate="%{hovertext}<extra></extra>"))


# What a mark's position and size are sent as: what a screen can show, not float64 and
# nanoseconds. A day is hundreds of minutes wide at the closest zoom; a row of marks is tens
# of pixels tall (y to a thousandth of a row); a diameter is a whole pixel.
def _minutes(values: np.ndarray) -> np.ndarray:
    """datetime64 values as "2016-02-03T12:00" (Plotly read "2016-02-03T12:00:00.000000000")."""
    return np.datetime_as_string(np.asarray(values, dtype="datetime64[ns]"), unit="m").astype(object)


def _screen(y: np.ndarray) -> np.ndarray:
    """Lane positions to a thousandth of a row, sent as float32 (half of float64's bytes)."""
    return np.round(np.asarray(y, dtype=float), 3).astype(np.float32)


def _pixels(sizes: np.ndarray) -> np.ndarray:
    """Marker diameters in whole pixels (sent as one byte each)."""
    return np.clip(np.rint(np.asarray(sizes, dtype=float)), 1, 255).astype(np.uint8)


def _dates(values: list[Any]) -> np.ndarray:
    """Timestamps (None between line pieces) as the ISO strings Plotly would send, in an
    array."""
    stamps = pd.to_datetime(pd.Series(values, dtype=object))
    text = stamps.dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object)
    return text.where(stamps.notna(), None).to_numpy(dtype=object)


def _add_density(fig: _Assembly, dated: pd.DataFrame, layout: _Layout) -> None:
    """Events per period over the whole extent, as a filled step line under the lanes: the
    overview strip (the range slider) shows only this."""
    middles = pd.Series(layout.middles[~layout.background] if (~layout.background).any()
                        else layout.middles)
    freq = auto_freq(layout.extent[0], layout.extent[1])
    periods = middles.dt.to_period(freq)
    counts = periods.value_counts()
    span = pd.period_range(layout.extent[0].to_period(freq), layout.extent[1].to_period(freq))
    values = counts.reindex(span, fill_value=0).to_numpy(dtype=float)
    top = max(1.0, float(values.max()))
    # A step outline closed along the baseline, filled.
    starts, stops = list(span.start_time), list(span.end_time)
    heights = layout.density_base + values / top * DENSITY_ROWS
    x = [v for a, b in zip(starts, stops) for v in (a, b)] + [stops[-1], starts[0]]
    y = [v for h in heights for v in (h, h)] + [layout.density_base, layout.density_base]
    fig.add_trace(_scatter(
        x=x, y=y, mode="lines", fill="toself", line={"width": 1, "color": "#4a6fa5"},
        fillcolor="rgba(74,111,165,0.3)", name=DENSITY_NAME, showlegend=False,
        hoverinfo="skip"))


def _add_publications(fig: _Assembly, documents: pd.DataFrame | None, layout: _Layout) -> None:
    if documents is None or documents.empty:
        return
    published = pd.to_datetime(documents[schema.PUBLISHED], errors="coerce")
    keep = published.notna().to_numpy()
    if not keep.any():
        return
    titles = documents[schema.TITLE].astype(object).map(plain).to_numpy()[keep]
    days = published[keep]
    fig.add_trace(_scatter(
        x=days + _HALF_DAY, y=[layout.density_base + DENSITY_ROWS + 0.25] * int(keep.sum()),
        mode="markers", name="article published", legendgroup="published", showlegend=True,
        marker={"symbol": "line-ns-open", "size": 10, "color": "#888888", "line": {"width": 1}},
        hovertext=[f"Published {d:%d %b %Y}: {escape(snippet(t, 80))}" for d, t in zip(days, titles)],
        hovertemplate="%{hovertext}<extra></extra>",
    ))


def _add_labels(fig: _Assembly, records: list[dict[str, Any]], layout: _Layout) -> list[str]:
    """Label the key events in view; returns the event keys labelled."""
    story = chart_style().story
    first = _first_marks(layout)
    low, high = layout.view
    wanted = [r for r in layout.key_rows if low <= pd.Timestamp(layout.middles[r]) <= high]
    texts, anchors, sizes = [], [], []
    for r in wanted:
        record = records[r]
        line = (f"{event_date_label(record[schema.DATE_START], record[schema.DATE_END], record[schema.GRANULARITY])}"
                f" · {plain(record[schema.HEADLINE]) or event_type_label(record[schema.EVENT_TYPE])}")
        lines = textwrap.wrap(line, story.label_chars, max_lines=story.label_lines,
                              placeholder=" …") or [line[: story.label_chars]]
        texts.append(lines)
        mark_y = -float(first.at[r, lanes_mod.Y])
        # The anchor is the top of the mark: the leader line stops there.
        anchors.append((layout.x_px(layout.middles[r]),
                        layout.y_px(mark_y) - layout.sizes[r] / 2))
        sizes.append(text_size(lines, story.label_font_size))
    # Every mark drawn (an event in several lanes has a mark in each): a leader line passes over none.
    drawn = layout.table[~layout.background[layout.table[lanes_mod.ROW].to_numpy()]]
    rows = drawn[lanes_mod.ROW].to_numpy()
    low_ns, high_ns = low.value, high.value
    x_ns = layout.middles[rows].astype("datetime64[ns]").astype(np.int64)
    obstacles = np.column_stack([
        layout.left_px + (x_ns - low_ns) / (high_ns - low_ns) * layout.plot_width,
        [layout.y_px(-float(y)) for y in drawn[lanes_mod.Y]], layout.sizes[rows] / 2])
    boxes = place_labels(
        anchors, sizes, left=layout.left_px, right=layout.left_px + layout.plot_width,
        band_top=TOP_PX + 4, row_height=_label_row_height(), n_rows=story.label_rows,
        max_shift=layout.plot_width * MAX_LABEL_SHIFT, obstacles=obstacles)
    labelled = []
    for r, lines, (ax, ay), box in zip(wanted, texts, anchors, boxes):
        if box is None:
            continue
        mark_y = -float(first.at[r, lanes_mod.Y])
        fig.add_annotation(
            x=pd.Timestamp(layout.middles[r]), y=mark_y, xref="x", yref="y",
            text="<br>".join(escape(line) for line in lines),
            showarrow=True, arrowhead=0, arrowwidth=1, arrowcolor="#777777",
            standoff=layout.sizes[r] / 2,
            ax=box.cx - layout.x_px(layout.middles[r]), ay=box.cy - layout.y_px(mark_y),
            xanchor="center", yanchor="middle", align="left",
            font={"size": story.label_font_size, "color": "#222222"},
            bgcolor="rgba(255,255,255,0.92)", bordercolor="#bbbbbb", borderwidth=1, borderpad=3,
            name=f"key:{plain(records[r][schema.EVENT_KEY])}",
        )
        labelled.append(plain(records[r][schema.EVENT_KEY]))
    _drop_empty_label_rows(layout, [b for b in boxes if b is not None])
    return labelled


def _drop_empty_label_rows(layout: _Layout, boxes: list[Any]) -> None:
    """Take the label rows that stayed empty off the top of the figure. Rows fill from the
    bottom (nearest the marks), so the empty ones are on top; labels and marks move up
    together and a label keeps its offset from its mark."""
    row_height = _label_row_height()
    band_top = TOP_PX + 4
    used = min((int((b.y0 - band_top) // row_height) for b in boxes),
               default=chart_style().story.label_rows)
    cut = used * row_height
    if cut <= 0 or layout.fixed_height:
        return
    layout.top_value -= cut / layout.row_px
    layout.height = int(round(layout.height - cut))
    plot_height = layout.height - TOP_PX - layout.bottom_margin
    layout.slider_thickness = round(layout.slider_px / plot_height, 4)


def _add_now(fig: _Assembly, dated: pd.DataFrame, layout: _Layout, now: pd.Timestamp | None) -> None:
    if now is None or pd.isna(now):
        return
    now = pd.Timestamp(now)
    ahead = (dated[schema.STATUS].astype(object).map(plain) == "planned") & (dated[schema.DATE_END] >= now.normalize())
    if not ahead.any():
        return
    fig.add_shape(type="line", x0=now, x1=now, xref="x", yref="y",
                  y0=layout.density_base, y1=0.5, line={"dash": "dash", "width": 1.5, "color": "#B2182B"})
    fig.add_trace(_scatter(x=[None], y=[None], mode="lines", name=f"now: {now:%d %b %Y}",
                             line={"dash": "dash", "width": 1.5, "color": "#B2182B"}, hoverinfo="skip"))


def _style(fig: _Assembly, heading: str, layout: _Layout, lane: str, labelled: list[str],
           reference: ReferenceBand | None = None) -> None:
    bands = layout.bands
    shapes = [
        {"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": -(top - 0.3) + 0.0,
         "y1": -(low + 0.3), "fillcolor": "rgba(0,0,0,0.035)", "line": {"width": 0}, "layer": "below"}
        for i, (top, low) in enumerate(bands) if i % 2 == 0
    ] if len(bands) <= 80 else []
    tickvals = [-c for c in layout.centres]
    ticktext = [escape(snippet(label, LANE_LABEL_CHARS)) for label in layout.labels]
    meta_reference = None
    if reference is not None and layout.reference_band is not None:
        top, low = layout.reference_band
        shapes.append({"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y",
                       "y0": -top + 0.05, "y1": -low, "fillcolor": "rgba(0,114,178,0.06)",
                       "line": {"width": 0}, "layer": "below"})
        tickvals.append(-(top + low) / 2)
        ticktext.append(REFERENCE_LABEL)
        meta_reference = {"title": escape(reference.title), "entries": len(reference.entries),
                          "linked": reference.n_linked, "band": [top, low]}
    for shape in shapes:
        fig.add_shape(**shape)
    slider_low = layout.density_base
    fig.update_layout(
        title={"text": heading, "x": 0, "xanchor": "left", "y": 1 - 18 / layout.height, "yanchor": "middle"},
        template=light_template("scatter"),
        hovermode="closest",
        showlegend=True,
        width=layout.width,
        height=layout.height,
        margin={"l": layout.left_px, "r": RIGHT_PX, "t": TOP_PX, "b": layout.bottom_margin,
                "autoexpand": False},
        xaxis={"type": "date", "range": list(layout.view), "showgrid": True,
               "rangeslider": {"visible": layout.slider_px > 0, "range": list(layout.extent),
                               "thickness": layout.slider_thickness,
                               "yaxis": {"rangemode": "fixed",
                                         "range": [slider_low - 0.05, slider_low + DENSITY_ROWS + 0.1]}}},
        yaxis={"tickmode": "array", "tickvals": tickvals, "ticktext": ticktext,
               "range": [layout.density_base - 0.2, layout.top_value], "fixedrange": True,
               "showgrid": False, "zeroline": False, "automargin": False},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "yanchor": "top",
                "y": -(TICKS_PX + layout.slider_px + 12) / (layout.height - TOP_PX - layout.bottom_margin),
                "font": {"size": 11}, "entrywidth": 0, "title": {"text": ""}},
        dragmode="pan",
        meta={"story": True, "aggregated": False, "lane": lane,
              "marks": int((~layout.background).sum()),
              "background": int(layout.background.sum()),
              "labelled": labelled,
              "view": [str(layout.view[0]), str(layout.view[1])],
              "lanes": [[label, top, low] for label, (top, low) in zip(layout.labels, bands)],
              "reference": meta_reference},
    )


def conforms(df: pd.DataFrame) -> bool:
    """Whether `df` already has the chronology's columns in order with their dtypes (the
    dashboard passes a validated table: validating 50,000 rows again on every rerun costs
    seconds)."""
    return (list(df.columns) == list(schema.CHRONOLOGY_COLUMNS)
            and all(str(df[c].dtype) == t for c, t in schema.CHRONOLOGY_COLUMNS.items()))


def _timestamp(value: object) -> pd.Timestamp | None:
    text = plain(value)
    if not text:
        return None
    return _parsed_timestamp(text)


@functools.lru_cache(maxsize=16_384)
def _parsed_timestamp(text: str) -> pd.Timestamp | None:
    """A history's date (the same few days recur across its steps and events: memoised)."""
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else stamp.tz_localize(None) if stamp.tzinfo else stamp
