"""Kinds whose value is no calendar period: durations ("five years" P5Y), sets ("every
Friday"), vague references (PRESENT_REF, PAST_REF, FUTURE_REF, "in recent days" with a short
interval) and look-alikes that are no time at all ("$300 million a year")."""
from __future__ import annotations

import datetime as dt
import re

from timeline.temporal.numbers import number
from timeline.temporal.resolution import Context, Resolution, group, in_weeks, said
from timeline.temporal.rulebook import Rule


def fixed(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """PRESENT_REF, PAST_REF, FUTURE_REF ("now", "recently", "in the future"); with
    params.lookback (unit -> days) a short fuzzy interval ending on publication day ("in recent
    days"), with params.lookahead one starting on it ("in the coming days")."""
    value = rule.params["value"]
    interval = None
    reach = rule.params.get("lookback") or rule.params.get("lookahead")
    if reach and ctx.published:
        said_unit = group(m, "unit") or group(m, "unit2") or ""
        unit = ctx.lexicon.value("cal_unit", said_unit.rstrip("sS")) or rule.params.get("unit")
        days = reach.get(unit)
        if days:
            span = dt.timedelta(days=int(days))
            pub = ctx.published
            interval = (pub - span, pub) if rule.params.get("lookback") else (pub, pub + span)
    how = f", about {interval[0]}..{interval[1]}" if interval else ""
    return Resolution(value, rule.type, f"{said(m)} -> {value}{how}", rule.params.get("mod"),
                      interval=interval)


def duration(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "five years" P5Y, "60 days" P60D, "16-hour" PT16H, "years" PXY."""
    code = ctx.lexicon.value("unit", group(m, "unit")) if group(m, "unit") else rule.params["unit"]
    count = number(group(m, "num"), ctx.lexicon) if group(m, "num") else rule.params.get("count", "X")
    if count is None:
        return None
    code, count = in_weeks(code, count)
    if isinstance(count, float):
        count = f"{count:g}"
    if code in ("DE", "CE") and isinstance(count, int):
        # TimeML counts decades and centuries in years: "two decades" P20Y.
        count, code = count * (10 if code == "DE" else 100), "Y"
    elif code in ("DE", "CE"):
        code = "Y"
    if code.startswith("T"):
        value = f"PT{count}{code[1:]}"
    else:
        value = f"P{count}{code}"
    return Resolution(value, "DURATION", f"{said(m)} -> {value}", rule.params.get("mod"))


def recurrence(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "every Friday" XXXX-WXX-5, "every two weeks" P2W, "daily" P1D (params.value)."""
    if group(m, "month"):
        value = f"XXXX-{ctx.lexicon.value('month', group(m, 'month')):02d}"
    elif group(m, "weekday") or group(m, "weekdays"):
        day = ctx.lexicon.value("weekday", group(m, "weekday") or "") or ctx.lexicon.value(
            "weekday_plural", group(m, "weekdays") or "")
        value = f"XXXX-WXX-{day}"
    elif group(m, "unit"):
        code, count = in_weeks(ctx.lexicon.value("unit", group(m, "unit")),
                               number(group(m, "num"), ctx.lexicon) if group(m, "num") else 1)
        value = f"PT{count}{code[1:]}" if code.startswith("T") else f"P{count}{code}"
    else:
        value = ctx.lexicon.value("frequency", m.group(0)) or rule.params["value"]
    return Resolution(value, "SET", f"{said(m)} -> recurring {value}")


def ignore(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Looks like time, is not ("$500 million a year", "a second group"): nothing."""
    return None
