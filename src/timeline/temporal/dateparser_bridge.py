"""The one place that talks to dateparser.

dateparser reads numeric dates well ("2016-02-11", "2/11/2016", "11.02.2016") and knows the
calendar (it rejects "2016-02-30"). It is only ever called on a span our rules found, with
languages=["en"] and settings passed per call (no process-wide settings are mutated, which
matters in a Streamlit server running many sessions). We do not use it to *find* dates
(`search_dates` over a whole article is slow and reports "May would decide" or "March on" as
dates), nor for relative words: at ~0.1 ms per call and with today's date filling in missing
parts, it is both slower and less exact than our table-driven resolution for "last week" or
"Feb. 11" (it cannot infer the year of "Feb. 11" from tense).
"""
from __future__ import annotations

import datetime as dt
import functools


@functools.lru_cache(maxsize=4096)
def parse_full_date(text: str, date_order: str = "MDY") -> dt.date | None:
    """The calendar day of a fully specified date span, or None if dateparser rejects it."""
    settings = {
        "DATE_ORDER": date_order,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
        # A fixed base: with all parts required it is never used, and the result never
        # depends on today's date.
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    import dateparser  # imported on first use: it takes a while, and most texts need none

    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None
