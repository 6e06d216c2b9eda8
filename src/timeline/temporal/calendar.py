"""Calendar arithmetic for TimeML values: points at a granularity, shifting them, and the
inclusive interval of days a value (with its mod) covers.

A `Point` is a granularity plus the first day of the period it names, so "2016-W04" is
Point("week", 2016-01-25) and "2015-Q4" is Point("quarter", 2015-10-01).
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from dataclasses import dataclass

MIN_YEAR, MAX_YEAR = 1, 9998  # datetime.date bounds, with room for shifting by a year

SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                   6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar period: its granularity and its first day."""

    gran: str
    first: dt.date

    @property
    def value(self) -> str:
        d = self.first
        if self.gran == "day":
            return d.isoformat()
        if self.gran == "week":
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if self.gran == "weekend":
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}-WE"
        if self.gran == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
        if self.gran == "season":
            return f"{d.year:04d}-{SEASON_OF_MONTH[d.month]}"
        if self.gran == "year":
            return f"{d.year:04d}"
        if self.gran == "decade":
            return f"{d.year // 10:03d}"
        if self.gran == "century":
            return f"{d.year // 100:02d}"
        raise ValueError(f"unknown granularity {self.gran!r}")

    @property
    def last(self) -> dt.date:
        """The last day of the period."""
        d = self.first
        if self.gran == "day":
            return d
        if self.gran == "week":
            return d + dt.timedelta(days=6)
        if self.gran == "weekend":
            return d + dt.timedelta(days=1)
        months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12,
                  "decade": 120, "century": 1200}[self.gran]
        return add_months(d, months) - dt.timedelta(days=1)

    def shift(self, n: int, unit: str | None = None) -> "Point":
        """The period n units later (earlier if n < 0); unit defaults to the granularity."""
        unit = unit or self.gran
        d = self.first
        if unit == "day":
            return Point(self.gran, anchor(self.gran, d + dt.timedelta(days=n)))
        if unit in ("week", "weekend"):
            return Point(self.gran, anchor(self.gran, d + dt.timedelta(weeks=n)))
        months = {"month": 1, "quarter": 3, "half": 6, "season": 12, "year": 12,
                  "decade": 120, "century": 1200}[unit]
        return Point(self.gran, anchor(self.gran, add_months(d, months * n)))

    def at(self, gran: str) -> "Point":
        """The period of granularity `gran` that contains this period's first day."""
        return Point(gran, anchor(gran, self.first))


def add_months(d: dt.date, months: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    if not MIN_YEAR <= year <= MAX_YEAR + 1:
        raise ValueError(f"year {year} is off the calendar")
    day = min(d.day, _cal.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def anchor(gran: str, d: dt.date) -> dt.date:
    """The first day of the period of granularity `gran` containing d."""
    if gran == "day":
        return d
    if gran == "week":
        return d - dt.timedelta(days=d.weekday())
    if gran == "weekend":
        return d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5)
    if gran == "month":
        return d.replace(day=1)
    if gran == "quarter":
        return dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    if gran == "half":
        return dt.date(d.year, (d.month - 1) // 6 * 6 + 1, 1)
    if gran == "season":
        if d.month in (1, 2):
            return dt.date(d.year - 1, 12, 1) if d.year > MIN_YEAR else dt.date(d.year, 1, 1)
        return dt.date(d.year, SEASON_START_MONTH[SEASON_OF_MONTH[d.month]], 1)
    if gran == "year":
        return dt.date(d.year, 1, 1)
    if gran == "decade":
        return dt.date(max(d.year // 10 * 10, MIN_YEAR), 1, 1)
    if gran == "century":
        return dt.date(max(d.year // 100 * 100, MIN_YEAR), 1, 1)
    raise ValueError(f"unknown granularity {gran!r}")


_VALUE_FORMS = [
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?"), "day"),
    (re.compile(r"(\d{4})-W(\d\d)-WE"), "weekend"),
    (re.compile(r"(\d{4})-W(\d\d)"), "week"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"(\d{4})-(\d\d)"), "month"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{3})"), "decade"),
    (re.compile(r"(\d{2})"), "century"),
]


def point_of(value: str) -> Point | None:
    """The Point a TimeML date value names, or None (PRESENT_REF, XXXX-..., impossible dates)."""
    for form, gran in _VALUE_FORMS:
        m = form.fullmatch(value)
        if not m:
            continue
        try:
            if gran == "day":
                first = dt.date(int(m[1]), int(m[2]), int(m[3]))
            elif gran in ("week", "weekend"):
                first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 6 if gran == "weekend" else 1)
            elif gran == "quarter":
                first = dt.date(int(m[1]), 3 * int(m[2]) - 2, 1)
            elif gran == "half":
                first = dt.date(int(m[1]), 6 * int(m[2]) - 5, 1)
            elif gran == "season":
                first = dt.date(int(m[1]), SEASON_START_MONTH[m[2]], 1)
            elif gran == "month":
                first = dt.date(int(m[1]), int(m[2]), 1)
            elif gran == "year":
                first = dt.date(int(m[1]), 1, 1)
            elif gran == "decade":
                first = dt.date(int(m[1]) * 10, 1, 1)
            else:
                first = dt.date(int(m[1]) * 100, 1, 1)
        except ValueError:
            return None
        return Point(gran, first)
    return None


# Which share of a period "early", "mid" and "late" cover, as fractions of its length.
_PART_FRACTIONS = {"START": (0.0, 1 / 3), "MID": (1 / 3, 2 / 3), "END": (2 / 3, 1.0)}
_PUBLIC_GRAN = {"weekend": "day"}


def interval_of(value: str, mod: str | None = None) -> tuple[dt.date, dt.date, str] | None:
    """The inclusive interval of days a TimeML date value covers, and its granularity.

    early/mid/late (mod START/MID/END) cover the first/middle/last third of the period
    (for a year: Jan-Apr, May-Aug, Sep-Dec) and are "fuzzy".
    """
    point = point_of(value)
    if point is None:
        return None
    first, last = point.first, point.last
    gran = "time" if "T" in value else _PUBLIC_GRAN.get(point.gran, point.gran)
    if mod in _PART_FRACTIONS and point.gran not in ("day", "weekend"):
        lo, hi = _PART_FRACTIONS[mod]
        if point.gran in ("year", "decade", "century", "half", "quarter", "season"):
            months = (last.year - first.year) * 12 + last.month - first.month + 1
            first, last = (add_months(point.first, round(months * lo)),
                           add_months(point.first, round(months * hi)) - dt.timedelta(days=1))
        elif point.gran == "month":
            # Early/mid/late month: days 1-10, 11-20, 21 to the end (the usual reading).
            first, last = {"START": (first, first.replace(day=10)), "MID": (first.replace(day=11), first.replace(day=20)),
                           "END": (first.replace(day=21), last)}[mod]
        else:
            days = (last - first).days + 1
            first, last = (point.first + dt.timedelta(days=round(days * lo)),
                           point.first + dt.timedelta(days=round(days * hi) - 1))
        gran = "fuzzy"
    return first, last, gran
