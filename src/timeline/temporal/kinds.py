"""Every normaliser kind a rule may name in rules.yaml, and the checks some kinds make on a
match's words before the longest match is chosen."""
from __future__ import annotations

import re
from typing import Callable

from timeline.temporal.normalise import (
    anaphoric, calendar_date, century, clock_time, day_offset, day_only, decade, holiday, named_day,
    numeric_date, offset, period_reference, quarter, relative, relative_month, season, weekday, weekend, year,
)
from timeline.temporal.resolution import Context, Resolution
from timeline.temporal.rulebook import Lexicon, Rule
from timeline.temporal.spans import (
    count_before_reference, day_range, in_count, short_range, week_of_month, weekday_pair_ok, weekday_range, within_count, year_range,
    year_range_ok,
)
from timeline.temporal.vague import duration, fixed, ignore, recurrence

KINDS: dict[str, Callable[[re.Match[str], Rule, Context], Resolution | None]] = {
    "calendar_date": calendar_date,
    "numeric_date": numeric_date,
    "year": year,
    "decade": decade,
    "year_range": year_range,
    "century": century,
    "weekday": weekday,
    "clock_time": clock_time,
    "relative": relative,
    "relative_month": relative_month,
    "season": season,
    "weekend": weekend,
    "day_range": day_range,
    "named_day": named_day,
    "week_of_month": week_of_month,
    "weekday_range": weekday_range,
    "day_only": day_only,
    "holiday": holiday,
    "quarter": quarter,
    "period_reference": period_reference,
    "offset": offset,
    "in_count": in_count,
    "within_count": within_count,
    "count_before_reference": count_before_reference,
    "anaphoric": anaphoric,
    "day_offset": day_offset,
    "fixed": fixed,
    "duration": duration,
    "recurrence": recurrence,
    "ignore": ignore,
}


# Checks a kind makes on the words of a match alone, before the longest match is chosen: a
# match that fails one is no candidate, so that shorter matches inside it can win.
ACCEPTS: dict[str, Callable[[re.Match[str], Rule, Lexicon], bool]] = {
    "day_range": short_range,
    "year_range": year_range_ok,
    "weekday_range": weekday_pair_ok,
}


def resolve(rule: Rule, m: re.Match[str], ctx: Context) -> Resolution | None:
    """Resolve a match with its rule's kind; None when the match is not a valid date."""
    return KINDS[rule.kind](m, rule, ctx)
