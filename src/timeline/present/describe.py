"""Short plain-text descriptions of an event, shared by the charts and the exports so that a
hover, a TimelineJS slide and a Markdown line say the same thing the same way.

Everything here returns PLAIN text: each caller escapes for its own medium (HTML for Plotly
and TimelineJS, Markdown for the chronology). Works on one row of the events table (a Mapping
or a pandas Series with schema.EVENT_COLUMNS).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

import pandas as pd

from timeline import schema

HEADLINE_MAX_ACTORS: Final = 3
SNIPPET_LENGTH: Final = 160


def as_date(value: Any) -> dt.date | None:
    """A date from a Timestamp/datetime/date/ISO string; None for missing values."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def resolved_date(row: Mapping[str, Any]) -> str:
    """The resolved interval: "2016-02-03" for one day, "2015-09-01 – 2015-09-30 (month)"."""
    start, end = as_date(row.get(schema.DATE_START)), as_date(row.get(schema.DATE_END))
    granularity = plain(row.get(schema.GRANULARITY))
    if start is None:
        return "undated"
    if end is None or end == start:
        shown = start.isoformat()
    else:
        shown = f"{start.isoformat()} – {end.isoformat()}"
    if granularity and granularity != "day":
        shown += f" ({granularity})"
    return shown


def event_type_label(value: Any) -> str:
    """"talks_suspended" -> "Talks suspended"; empty -> "Event"."""
    text = plain(value).replace("_", " ").strip()
    return text[:1].upper() + text[1:] if text else "Event"


def headline(row: Mapping[str, Any]) -> str:
    """"Meeting — ISSG" / "Statement — John Kirby, United States" (planned ones say so)."""
    actors = schema.as_str_list(row.get(schema.ACTORS))
    who = ", ".join(actors[:HEADLINE_MAX_ACTORS])
    if len(actors) > HEADLINE_MAX_ACTORS:
        who += f" +{len(actors) - HEADLINE_MAX_ACTORS}"
    title = event_type_label(row.get(schema.EVENT_TYPE))
    if plain(row.get(schema.STATUS)) == "planned":
        title += " (planned)"
    return f"{title} — {who}" if who else title


def snippet(text: Any, length: int = SNIPPET_LENGTH) -> str:
    """The start of `text` on one line, cut at a word boundary with "…" when longer."""
    flat = " ".join(plain(text).split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0] or flat[:length]
    return cut + "…"


def plain(value: Any) -> str:
    """`value` as str; None and missing values (NA, NaN, NaT) become ""."""
    if type(value) is str:  # the common case, first: the charts call this per cell
        return value
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)
