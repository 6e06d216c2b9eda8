"""Kinds for stretches of time built on the day, weekday and month kinds: day ranges ("Feb. 11-12",
"Feb. 28 to March 2"), weekday ranges ("from Monday to Wednesday"), year ranges ("2015-16"),
weeks and halves of a month ("the first week of March"), "in two weeks" and "within a week". The
value is the first period, TimeML-style; the interval covers the whole stretch.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from timeline.temporal.calendar import Point, add_months
from timeline.temporal.normalise import calendar_date, offset, relative, weekday
from timeline.temporal.numbers import number
from timeline.temporal.resolution import UNIT_GRAN, Context, Resolution, group, in_weeks, said
from timeline.temporal.rulebook import Lexicon, Rule
from timeline.temporal.vague import duration


def day_range(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "Feb. 11-12", "11 to 13 February 2016", "from Feb. 28 to March 2": the first day as
    the value, the days from first to last as the interval (TimeML has no value for a range).
    (A span longer than params.max_days never gets here: see `short_range`.)"""
    first = calendar_date(m, rule, ctx)
    if first is None or first.point is None:
        return first
    day2 = int(re.match(r"\d+", group(m, "day2"))[0])
    month2 = ctx.lexicon.value("month", group(m, "month2")) if group(m, "month2") else first.point.first.month
    try:
        last = dt.date(first.point.first.year, month2, day2)
        if last <= first.point.first and group(m, "month2"):
            last = last.replace(year=last.year + 1)  # "Dec. 30 to Jan. 2"
    except ValueError:
        return None
    if last <= first.point.first:
        return None
    return Resolution(first.value, first.type, f"{said(m)} -> {first.point.first}..{last}", first.mod,
                      first.point, (first.point.first, last), first.explicit_year, "day")


def short_range(m: re.Match[str], rule: Rule, lexicon: Lexicon) -> bool:
    """Whether a day range spans at most params.max_days (counted in a leap year); a longer
    one ("from Aug. 26 to Oct. 20") is no range rule's match but two dates."""
    limit = rule.params.get("max_days")
    if limit is None or not group(m, "month2"):
        return True
    first = dt.date(2000, lexicon.value("month", group(m, "month")), 1)
    last = dt.date(2000, lexicon.value("month", group(m, "month2")), 1)
    if last < first:
        last = last.replace(year=2001)
    days = (last - first).days + int(re.match(r"\d+", group(m, "day2"))[0]) - int(re.match(r"\d+", group(m, "day"))[0])
    return 0 < days <= int(limit)


def year_range(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "2015-2016", "1939-45", "the 2014/15 season": the first year as the value, both years
    as the interval."""
    first, last = _range_years(m)
    point = Point("year", dt.date(first, 1, 1))
    return Resolution(point.value, rule.type, f"{said(m)} -> {first}..{last}", point=point,
                      interval=(point.first, dt.date(last, 12, 31)), granularity="year")


def _range_years(m: re.Match[str]) -> tuple[int, int]:
    first, second = int(group(m, "year")), group(m, "year2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    return first, last


def year_range_ok(m: re.Match[str], rule: Rule, lexicon: Lexicon) -> bool:
    """A year range runs forward by at most params.max_years ("2015-02" is no range)."""
    first, last = _range_years(m)
    return first < last <= first + int(rule.params.get("max_years", 30))


def weekday_pair_ok(m: re.Match[str], rule: Rule, lexicon: Lexicon) -> bool:
    """ "Thursday and Friday" is one stretch only when the days follow each other; "Monday and
    Wednesday" are two dates."""
    if not group(m, "pair"):
        return True
    first, second = lexicon.value("weekday", group(m, "weekday")), lexicon.value("weekday", group(m, "weekday2"))
    return (int(second) - int(first)) % 7 == 1


def week_of_month(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "the week of March 6": the ISO week holding that day; "the first week of March": days
    1-7 ("second": 8-14, ..., "last": the last seven), valued as the ISO week holding the
    middle one of them (as ISO's first week of a year is the one holding 4 January). With
    params.unit "half": "the second half of June", days 16 to the end, valued as the month."""
    base = calendar_date(m, rule, ctx) if group(m, "month") else relative(m, rule, ctx)
    if base is None or base.point is None:
        return base if base is None else Resolution("XXXX-WXX", rule.type, base.explanation)
    month = base.point
    if month.gran == "day":
        week = month.at("week")
        return Resolution(week.value, rule.type, f"{said(m)} -> {week.value} (the week of {month.value})",
                          point=week, explicit_year=base.explicit_year and week)
    nth = ctx.lexicon.value("week_ordinal", group(m, "nth"))
    if rule.params.get("unit") == "half":
        # "the second half of June": days 16 to the end; valued as the month, mod START/END.
        if nth == 1:
            first, last, mod = month.first, month.first.replace(day=15), "START"
        elif nth in (2, -1):
            first, last, mod = month.first.replace(day=16), month.last, "END"
        else:
            return None
        return Resolution(month.value, rule.type, f"{said(m)} -> {first}..{last}", mod, month, (first, last),
                          base.explicit_year)
    if nth > 0:
        first = month.first + dt.timedelta(days=7 * (nth - 1))
    else:
        first = month.last - dt.timedelta(days=6)
    last = first + dt.timedelta(days=6)
    week = Point("day", first + dt.timedelta(days=3)).at("week")
    return Resolution(week.value, rule.type, f"{said(m)} -> {first}..{last} ({week.value})", point=week,
                      interval=(first, last), explicit_year=base.explicit_year and week, granularity="week")


def weekday_range(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "from Monday to Wednesday": the first weekday as `weekday` resolves it, the interval
    on to the next second weekday after it."""
    first = weekday(m, rule, ctx)
    if first is None or first.point is None:
        return first
    start = first.point.first
    wd2 = int(ctx.lexicon.value("weekday", group(m, "weekday2")))
    last = start + dt.timedelta(days=(wd2 - start.isoweekday()) % 7 or 7)
    return Resolution(first.value, first.type, f"{first.explanation} .. {last}", point=first.point,
                      interval=(start, last), granularity="day")


_SUPERLATIVE_REACH = 48


@functools.cache
def _superlative(source: str) -> re.Pattern[str]:
    """A superlative of patterns.yaml's list, as a whole word."""
    return re.compile(rf"(?i)(?<!\w)(?:{source})(?!\w)")


def _ahead(m: re.Match[str], ctx: Context, superlative: bool = True) -> bool:
    """Whether a count ("in two weeks", "within a week") lies ahead of the moment of speaking:
    the sentence speaks of the future, and (with `superlative`) no superlative makes it a
    stretch ("the first flight in six years"). "Within" never makes one: "is to hold its first
    meeting within weeks" is due in the weeks ahead."""
    if ctx.published is None or ctx.tense_at(m.start(), m.end()) != "future":
        return False
    if not superlative:
        return True
    before = m.string[max(0, m.start() - _SUPERLATIVE_REACH):m.start()]
    before = before[before.rfind(". ") + 1:]  # this sentence only
    return not _superlative(ctx.lexicon.sources["superlative"]).search(before)


_DIRECTIVE_REACH = 120  # characters before a count searched for the task it belongs to


def _this_sentence(before: str) -> str:
    """The end of `before` from the start of its last sentence. The dot of an initial ("U.N.
    monitors", "John F. Kennedy") ends no sentence: a dot after a single letter is skipped."""
    end = len(before)
    while (cut := before.rfind(". ", 0, end)) >= 0:
        if cut >= 1 and before[cut - 1].isupper() and (cut == 1 or not before[cut - 2].isalpha()):
            end = cut   # "U.N. monitors": the dot of an initial
            continue
        return before[cut + 1:]
    return before


@functools.cache
def _directive(source: str) -> re.Pattern[str]:
    """patterns.yaml's directed_task: a task ahead ("requested the Secretary-General to report")."""
    return re.compile(source, re.IGNORECASE)


def _tasked(m: re.Match[str], ctx: Context) -> bool:
    """Whether the count belongs to a task set in its sentence ("requested the Secretary-General
    to report within one week") or to an act expected in it ("said he expected them to sign
    within a week"): ahead of the request or the expectation, whatever their tense."""
    if ctx.published is None:
        return False
    before = _this_sentence(m.string[max(0, m.start() - _DIRECTIVE_REACH):m.start()])
    return any(_directive(ctx.lexicon.sources[name]).search(before) is not None
               for name in ("directed_task", "expected_act"))


def in_count(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "will resume in two weeks", "in 10 days' time": that many units after publication (or
    after the announcement of its sentence: speech.py) when the sentence speaks of the future;
    otherwise a duration ("built in five years")."""
    if not _ahead(m, ctx):
        return duration(m, rule, ctx)  # "the first flight in six years": a stretch of time
    return offset(m, rule, ctx)


_WITHIN_MONTHS = {"M": 1, "Q": 3, "Y": 12}


def within_count(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "must withdraw within a week": the duration (P1W, as TimeML has it) and, in a sentence
    about the future, the stretch from the announcement (publication, or the day of its
    sentence's speech act: speech.py) up to the day the count ends, as its interval."""
    res = duration(m, rule, ctx)
    if res is None:
        return res
    count = number(group(m, "num"), ctx.lexicon) if group(m, "num") else rule.params.get("count")
    code, count = in_weeks(ctx.lexicon.value("unit", group(m, "unit")), count)
    # "within days", "within a few weeks": no end to count to but the farthest such a count
    # reaches (params.vague_reach, [nearest, farthest] days)
    reach = None if isinstance(count, int) else (rule.params.get("vague_reach") or {}).get(code)
    if not (_ahead(m, ctx, superlative=False) or _tasked(m, ctx)):
        ref = ctx.recent_ref(m.start()) if rule.params.get("past_after_reference") else None
        if ref is not None and reach is None and isinstance(count, int) and ref.gran == "day" \
                and (days := _count_days(code, count)) is not None:
            # "Fighting broke out the next day, and within 48 hours the rebels held the west":
            # from that day up to the count's end
            first, last = ref.first, ref.first + dt.timedelta(days=days)
            return dataclasses.replace(res, interval=(first, last), granularity="fuzzy",
                                       explanation=f"{res.explanation}, from {ref.value} up to {last}")
        if ref is None or reach is None:
            return res
        # "The truce was signed on June 17. It collapsed within days": the days after it
        first, last = ref.first + dt.timedelta(days=reach[0]), ref.last + dt.timedelta(days=reach[1])
        if ctx.published is not None and first <= ctx.published < last:
            # told as past, it happened by the writing: "wrote at 1 a.m. [on the day of
            # publication]. Within hours, protesters stormed ..." is that day, not the next
            last = ctx.published
        return dataclasses.replace(res, interval=(first, last), granularity="fuzzy",
                                   explanation=f"{res.explanation}, after {ref.value}: {first} to {last}")
    if reach is not None and ctx.published is not None:
        first = ctx.published
        last = first + dt.timedelta(days=reach[1])
        return dataclasses.replace(res, interval=(first, last), granularity="fuzzy",
                                   explanation=f"{res.explanation}, from {first} up to {last}")
    if not isinstance(count, int) or code is None:
        return res  # "within a few days" (without params.vague_reach): no end to count to
    first = ctx.published
    if rule.params.get("anchor") == "reference":
        # "within 72 hours of the signing": from the day of the event just told
        ref = ctx.recent_ref(m.start())
        if ref is None or ref.gran != "day":
            return res
        first = ref.first
    if code in ("D", "W"):
        last = first + dt.timedelta(days=count * (7 if code == "W" else 1))
    elif code in _WITHIN_MONTHS:
        last = add_months(first, count * _WITHIN_MONTHS[code])
    elif code == "TH":
        last = first + dt.timedelta(days=count // 24)
    else:
        return res
    return dataclasses.replace(res, interval=(first, last), granularity="fuzzy",
                               explanation=f"{res.explanation}, from {first} up to {last}")


def _count_days(code: str | None, count: int) -> int | None:
    """Days a count of days, weeks or hours spans ("48 hours" 2 days), or None."""
    if code in ("D", "W"):
        return count * (7 if code == "W" else 1)
    if code == "TH":
        return count // 24
    return None


def count_before_reference(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "killed the president in October 1993, three months after he took office": the duration
    (P3M, as TimeML has it) and, in a sentence not about the future, the period that many units
    before the date just read as its interval: what follows "after" happened then."""
    res = duration(m, rule, ctx)
    if res is None or ctx.published is None or ctx.tense_at(m.start(), m.end()) == "future":
        return res
    code, count = in_weeks(ctx.lexicon.value("unit", group(m, "unit")), number(group(m, "num"), ctx.lexicon))
    unit = UNIT_GRAN.get(code or "")
    ref = ctx.recent_ref(m.start())
    if ref is None or not isinstance(count, int) or unit not in ("day", "week", "month", "year"):
        return res
    present = rule.params.get("present_words") or ()
    if any(w.lower() in present for w in (group(m, "after") or "").split()):
        return res   # "after amendments are passed": not yet, so no date
    point = ref.shift(-count, unit)
    if unit in ("month", "year") and not group(m, "exact") and point.gran in ("day", "week"):
        point = point.at("month")   # "nine months after", "a year after": that month, not that day
    return dataclasses.replace(res, interval=(point.first, point.last), granularity=point.gran,
                               explanation=f"{res.explanation}, {count} {unit}(s) before {ref.value}: {point.value}")
