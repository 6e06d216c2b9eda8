"""Where each event goes on the timeline: its lane (actor, event type or article) and, inside the
lane, a sub-row chosen so that events whose marks overlap never cover each other.

Pure pandas/numpy; the figure builders in `timeline_chart` draw what this module lays out.
"""
from __future__ import annotations

from typing import Final, Literal

import numpy as np
import pandas as pd

from timeline import schema
from timeline.searchfold import one_spelling_per_name
from timeline.present.describe import event_type_label, plain, snippet

Lane = Literal["actor", "event_type", "doc_id"]
LANES: Final[tuple[str, ...]] = ("actor", "event_type", "doc_id")

NO_ACTOR: Final = "(no actor named)"
OTHER_LANE: Final = "Others"
LANE_GAP: Final = 0.8          # empty space between two lanes, in sub-row units
DEFAULT_MAX_SUB_ROWS: Final = 12
DAY_NS: Final = 86_400_000_000_000

# Columns of the layout table.
ROW: Final = "row"              # position of the event in the events table
LANE_KEY: Final = "lane_key"    # the actor / event type / doc_id
LANE_LABEL: Final = "lane_label"  # what the y axis says (plain text, escape before drawing)
LANE_CODE: Final = "lane_code"  # position of the lane in display order (0 = top)
SUB_ROW: Final = "sub_row"
Y: Final = "y"


def lane_rows(
    events: pd.DataFrame,
    lane: str,
    documents: pd.DataFrame | None = None,
    max_lanes: int | None = None,
    *,
    split: bool = True,
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """One row per (event, lane) it belongs to, and the lanes in display order.

    An event with several actors is in each actor's lane (without `split`: only in the lane of
    its actor that the most events name, as the chronology's); one with none is in NO_ACTOR.
    Lanes are ordered by number of events (articles: by publication date). With `max_lanes`,
    the less busy lanes are merged into one OTHER_LANE. Returns (table with ROW, LANE_KEY,
    LANE_LABEL, LANE_CODE; lane keys in order; lane labels in order).
    """
    if lane not in LANES:
        raise ValueError(f"lane must be one of {', '.join(LANES)}, not {lane!r}")
    if lane == "actor":
        keys = _one_spelling([v or [NO_ACTOR] for v in schema.list_cells(events[schema.ACTORS])])
        if not split:
            keys = _primary_keys(keys)
        rows = np.repeat(np.arange(len(events)), [len(k) for k in keys])
        flat = [k for ks in keys for k in ks]
        table = pd.DataFrame({ROW: rows, LANE_KEY: pd.Series(flat, dtype=object)})
    else:
        column = schema.EVENT_TYPE if lane == "event_type" else schema.DOC_ID
        values = events[column].astype(object).map(plain).replace("", "(none)")
        table = pd.DataFrame({ROW: np.arange(len(events)), LANE_KEY: values.to_numpy()})

    return _ordered_lanes(table, lane, documents, max_lanes)


def chronology_lane_rows(
    chronology: pd.DataFrame,
    lane: str,
    documents: pd.DataFrame | None = None,
    *,
    split: bool = False,
    max_lanes: int | None = None,
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """`lane_rows` for the chronology (schema.CHRONOLOGY_COLUMNS): one row per (event, lane).

    An event is in ONE lane unless `split`: by actor, the lane of its actor that the most
    events name (its other actors are named in its hover and label); by article, the first
    article that reports it. With `split`, it is in the lane of each of its actors (articles).
    """
    if lane not in LANES:
        raise ValueError(f"lane must be one of {', '.join(LANES)}, not {lane!r}")
    if lane == "event_type":
        keys = [[plain(t) or "(none)"] for t in chronology[schema.EVENT_TYPE].astype(object)]
    else:
        column = schema.ACTORS if lane == "actor" else schema.DOC_IDS
        empty = NO_ACTOR if lane == "actor" else "(none)"
        keys = [v or [empty] for v in schema.list_cells(chronology[column])]
        if lane == "actor":
            keys = _one_spelling(keys)
        if not split:
            keys = _primary_keys(keys) if lane == "actor" else [k[:1] for k in keys]
    rows = np.repeat(np.arange(len(chronology)), [len(k) for k in keys])
    flat = [k for ks in keys for k in ks]
    table = pd.DataFrame({ROW: rows, LANE_KEY: pd.Series(flat, dtype=object)})
    return _ordered_lanes(table.drop_duplicates([ROW, LANE_KEY]), lane, documents, max_lanes)


def _one_spelling(keys: list[list[str]]) -> list[list[str]]:
    """Each event's actors, one spelling per person: an article that wrote "Jose Ramos" puts
    its events in the lane of "José Ramos" (searchfold.one_spelling_per_name). Costs the
    distinct names, not the events."""
    spelling = one_spelling_per_name({k for ks in keys for k in ks})
    return [list(dict.fromkeys(spelling[k] for k in ks)) for ks in keys]


def _primary_keys(keys: list[list[str]]) -> list[list[str]]:
    """Each event's one lane: of its keys, the one that the most events have (then by name)."""
    counts: dict[str, int] = {}
    for ks in keys:
        for k in ks:
            counts[k] = counts.get(k, 0) + 1
    return [[min(ks, key=lambda k: (k == NO_ACTOR, -counts[k], k))] for ks in keys]


def _ordered_lanes(
    table: pd.DataFrame, lane: str, documents: pd.DataFrame | None, max_lanes: int | None
) -> tuple[pd.DataFrame, list[str], list[str]]:
    order = _lane_order(table, lane, documents)
    if max_lanes is not None and len(order) > max_lanes >= 2:
        kept = set(order[: max_lanes - 1])
        table.loc[~table[LANE_KEY].isin(kept), LANE_KEY] = OTHER_LANE
        # An event in several merged lanes appears once in OTHER_LANE.
        table = table.drop_duplicates([ROW, LANE_KEY])
        order = order[: max_lanes - 1] + [OTHER_LANE]
    labels = [_lane_label(key, lane, documents) for key in order]
    table[LANE_LABEL] = table[LANE_KEY].map(dict(zip(order, labels)))
    table[LANE_CODE] = table[LANE_KEY].map({key: i for i, key in enumerate(order)}).astype("int64")
    return table.reset_index(drop=True), order, labels


def assign_sub_rows(
    lane_codes: np.ndarray,
    occupy_start: np.ndarray,
    occupy_end: np.ndarray,
    max_sub_rows: int = DEFAULT_MAX_SUB_ROWS,
) -> np.ndarray:
    """The sub-row of each mark: marks in the same lane whose [start, end) overlap get different
    sub-rows (first fit, so a lane stays as compact as it can). Beyond `max_sub_rows` a mark
    shares the sub-row that frees up first (overlap is then unavoidable but minimal).

    All three arrays are aligned; times are int64 nanoseconds.
    """
    n = len(lane_codes)
    sub = np.zeros(n, dtype=np.int64)
    order = np.lexsort((occupy_start, lane_codes))
    current_lane = None
    row_ends: list[int] = []
    for i in order:
        code = lane_codes[i]
        if code != current_lane:
            current_lane, row_ends = code, []
        start, end = occupy_start[i], occupy_end[i]
        for k, busy_until in enumerate(row_ends):
            if busy_until <= start:
                row_ends[k] = end
                sub[i] = k
                break
        else:
            if len(row_ends) < max_sub_rows:
                row_ends.append(end)
                sub[i] = len(row_ends) - 1
            else:
                k = int(np.argmin(row_ends))
                row_ends[k] = max(row_ends[k], end)
                sub[i] = k
    return sub


def layout_lanes(
    table: pd.DataFrame,
    n_lanes: int,
    occupy_start: np.ndarray,
    occupy_end: np.ndarray,
    max_sub_rows: int = DEFAULT_MAX_SUB_ROWS,
) -> tuple[pd.DataFrame, list[float], list[tuple[float, float]]]:
    """Add SUB_ROW and Y to `table` (from `lane_rows`), given each row's occupied interval. Returns the table, the y of each lane's
    centre (for tick labels) and each lane's (top, bottom) band (for shading)."""
    codes = table[LANE_CODE].to_numpy()
    sub = assign_sub_rows(codes, occupy_start, occupy_end, max_sub_rows)
    heights = np.ones(n_lanes, dtype=np.int64)
    if len(sub):
        np.maximum.at(heights, codes, sub + 1)
    bases = np.concatenate([[0.0], np.cumsum(heights + LANE_GAP)[:-1]])
    out = table.assign(**{SUB_ROW: sub, Y: bases[codes] + sub})
    centres = [float(b + (h - 1) / 2) for b, h in zip(bases, heights)]
    bands = [(float(b - 0.5), float(b + h - 0.5)) for b, h in zip(bases, heights)]
    return out, centres, bands


def occupied_interval(
    start_ns: np.ndarray, end_ns: np.ndarray, min_width_ns: int
) -> tuple[np.ndarray, np.ndarray]:
    """The stretch of time a mark covers on screen: the event's days [start, end + 1 day),
    widened around its middle to `min_width_ns` (a marker's visible width at this zoom)."""
    stop = end_ns + DAY_NS
    middle = (start_ns + stop) // 2
    half = np.maximum((stop - start_ns) // 2, min_width_ns // 2)
    return middle - half, middle + half


def _lane_order(table: pd.DataFrame, lane: str, documents: pd.DataFrame | None) -> list[str]:
    counts = table[LANE_KEY].value_counts()
    by_count = sorted(counts.index, key=lambda k: (k == NO_ACTOR, -counts[k], str(k)))
    if lane != "doc_id" or documents is None or documents.empty:
        return by_count
    published = dict(zip(documents[schema.DOC_ID].astype(str), documents[schema.PUBLISHED]))
    far = pd.Timestamp.max
    return sorted(counts.index, key=lambda k: (_or(published.get(k), far), str(k)))


def _lane_label(key: str, lane: str, documents: pd.DataFrame | None) -> str:
    if lane == "event_type" and key not in ("(none)", OTHER_LANE):
        return event_type_label(key)
    if lane == "doc_id" and documents is not None and key != OTHER_LANE:
        titles = documents.loc[documents[schema.DOC_ID].astype(str) == key, schema.TITLE]
        if len(titles) and plain(titles.iloc[0]):
            return snippet(titles.iloc[0], 40)
    return key


def _or(value: object, default: pd.Timestamp) -> pd.Timestamp:
    return default if value is None or pd.isna(value) else pd.Timestamp(value)  # type: ignore[arg-type]

