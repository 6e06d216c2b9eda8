"""Normalisers: from a rule's match to a TimeML value, one function per rule kind (the calendar
kinds here; stretches of time in spans.py, durations, sets and vague references in vague.py,
the table of all kinds in kinds.py).

A rule names its kind in rules.yaml; the kind reads the rule's named groups (month, day, year,
weekday, rel, unit, num, part, daypart, ...) and parameters, and resolves them in a `Context`
(see resolution.py): the publication date, the tense near the expression, and the reference
time of the discourse (the last date resolved, for "the following month"; the last explicit
year, for "On 28 January").
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from timeline.temporal import dateparser_bridge
from timeline.temporal.calendar import SEASON_START_MONTH, Point, add_months, anchor, interval_of
from timeline.temporal.numbers import clock, number, year_number
from timeline.temporal.resolution import (
    GRAN_ORDER, REFERENCE_REACH, UNIT_GRAN, Context, Resolution, after_preposition, dated, days_between, group,
    happens_then, in_weeks,
    part_of, pick_by_tense,
    said, same_date_around, unresolved,
)
from timeline.temporal.narrative import (past_perfect_since, present_perfect_since, story_step_days,
                                         year_in_sentence_chars)
from timeline.temporal.rulebook import Rule, clause_patterns


def clock_time(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "at 3 p.m." on the publication day (or the day of the reference time, or the last day
    told if the reference is coarser, if recent)."""
    suffix = clock(group(m, "clock"))
    # A live blog's entry stamp (params.anchor: publication) is of its day, whatever came before.
    base = None if rule.params.get("anchor") == "publication" else ctx.recent_ref(m.start())
    if base is not None and base.gran != "day" and rule.params.get("anchor") != "publication":
        # "on Thursday ... the sanctions imposed since 2016 ... Around midnight": the last day told
        base = ctx.recent_day(m.start())
    if base is None or base.gran != "day":
        if not ctx.published:
            return Resolution("XXXX-XX-XX" + suffix, "TIME", f"{said(m)} -> no publication date")
        base = Point("day", ctx.published)
    if suffix == "T24:00" and rule.params.get("past_midnight"):   # "after midnight": the next day's small hours
        base, suffix = Point("day", base.first + dt.timedelta(days=1)), "T00:00"
    return Resolution(base.value + suffix, "TIME", f"{said(m)} -> {base.value}{suffix}",
                      point=base, explicit_year=None)


# A bare date this close to the narrative's date continues it wherever it stands.
_NARRATIVE_STEP_DAYS = 45
_PERFECT_REACH = 80  # characters before a date searched for "has ... since"

# ---------------------------------------------------------------------------- kinds

def calendar_date(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Dates written with a month name: "Feb. 11", "11 February 2016", "October 2012",
    "early January", "January this year"; the year inferred when missing."""
    lex = ctx.lexicon
    month = lex.value("month", group(m, "month") or "")
    day_text = group(m, "day")
    day = int(re.match(r"\d+", day_text)[0]) if day_text else None
    year_text, rel = group(m, "year"), group(m, "rel")
    gran = "day" if day else "month"
    text = said(m)
    narrative = stepped = None
    by_default = False  # the year taken from publication for want of one told (narrative.yaml)
    if year_text:
        year, how = year_number(year_text, lex), "year as written"
    elif rel and ctx.published:
        year = ctx.published.year + int(lex.value("rel", rel))
        how = f"{rel} year from publication {ctx.published.year}"
    elif (stepped := _from_reference(m, rule, ctx, gran, month, day)) is not None:
        year, how = stepped
    elif (narrative := _narrative(m, ctx, gran, month, day)) is not None:
        year, how = narrative[0].first.year, narrative[1]
    elif ctx.published:
        tense = ctx.tense_at(m.start(), m.end())
        if ctx.past_verb_before(m.start("t") if group(m, "t") else m.start()):
            tense = "sure past"  # "met on March 3", "since April"
        elif not day and tense == "past" and ctx.opens_sentence(m.start()):
            # "In April, troops began ...", published in March: a month opening a past sentence is
            # the last one begun, however near the coming one is
            tense = "sure past"
        elif tense is None and after_preposition(m, ctx, "deadline_preposition"):
            # "asks them to act within six months, that is, by the end of December": a deadline
            # in a sentence of no tense lies ahead, not in the past a bare month defaults to
            tense = "future"
        candidates = same_date_around(ctx.published.year, gran, month, day)
        if not candidates:
            return None
        point = pick_by_tense(candidates, ctx.published, tense)
        ahead = point
        part = part_of(m, ctx)
        # (the part of the period it names: "mid-July" in a paper of 8 July is still ahead)
        said_first = (interval_of(point.value, part) or (point.first,))[0] if part in ("START", "MID", "END") \
            else point.first
        if tense in ("past", "sure past") and said_first > ctx.published and \
                (narrative := _narrative_onwards(m, ctx, gran, month, day, despite_present=True)) is not None:
            # told as past yet ahead of publication: the past account read paragraphs before
            # goes on, though the text has spoken of the present since (narrative.yaml)
            point = narrative[0]
        if day and tense != "future" and point.first > ctx.published:
            point = _with_past_date(point, candidates, ctx, m.start())
        story_year = _story_year(ctx) if tense in ("past", "sure past") and point.first > ctx.published \
            and _told_as_past(m, ctx) else None
        if story_year is not None:
            # told as past, yet ahead of publication, in a text whose last year written out is an
            # earlier one: the story's year ("Oyster Bay, 1905 ... came ashore on 8 August",
            # published in June 2005), not the coming day a noisy tense cue would allow
            point = Point(gran, dt.date(story_year, month, day or 1)) if (day or 1) <= 28 or _valid(story_year, month, day) \
                else point
        # Taken before the "has begun by publication" step below, which moves the year for a
        # reason of its own: only a move made near the past date is explained by that date.
        near_past_date = point is not ahead and ctx.past_ref is not None
        begun_by_publication = False
        if (tense in ("past", "sure past") and not day and part in ("START", "MID", "END")
                and ctx.clause_tense_at(m.start(), m.end()) in ("past", "sure past")
                and not after_preposition(m, ctx, "deadline_preposition")):
            # A past tense has begun by publication: "was appointed at the end of March",
            # published on 4 March, is last year's end of March, though this March has begun.
            first = interval_of(point.value, part)[0]
            begun = [c for c in candidates if interval_of(c.value, part)[0] <= ctx.published]
            if first > ctx.published and begun:
                point, begun_by_publication = begun[-1], True
        year, by_default = point.first.year, narrative is None
        how = f"year from publication {ctx.published} ({tense or 'no'} tense)" + \
            (f", the year before, near the past {ctx.past_ref.value}" if near_past_date else "") + \
            (", the latest one begun by publication" if begun_by_publication else "")
        if story_year is not None and year == story_year:
            how, by_default = f"told as past, ahead of publication {ctx.published}: the story's year, {story_year}", False
    else:
        return unresolved(gran, rule, text, month, day)
    if narrative is not None:   # (the narrative's year, however it was come to)
        how = narrative[1]
    if day and not year_text and group(m, "weekday") and ctx.published \
            and (told := _year_of_weekday(year, month, day, int(lex.value("weekday", group(m, "weekday"))), ctx)):
        year, how = told
        by_default = False
    try:
        point = Point(gran, dt.date(year, month, day or 1))
    except ValueError:
        return None  # "Feb. 30"
    suffix = clock(group(m, "clock"))  # "10 a.m. on March 3" is a time of that day
    daypart = group(m, "daypart")
    if daypart and not suffix:
        suffix = "T" + lex.value("daypart", daypart)
    # A year pointed at from a date just read ("that December") is as explicit as one written
    # out: a later bare month continues it. One said from publication ("July 20 last year")
    # brings the account back to the publication's time, as a date in its year does.
    res = dated(point, f"{text} -> {point.value}{suffix} ({how})", m, ctx, rule,
                typ="TIME" if suffix else None,
                explicit_year=point if (year_text or stepped) and month else None, suffix=suffix)
    if rel and not year_text:
        res = dataclasses.replace(res, from_publication=True)
    if by_default:
        res = dataclasses.replace(res, year_by_default=True)
    return dataclasses.replace(res, narrative=True) if narrative is not None else res


def _year_of_weekday(year: int, month: int, day: int, weekday: int, ctx: Context) -> tuple[int, str] | None:
    """A day-month told with its weekday that the year inferred does not fit ("Wednesday, 30
    October" read in 2021, a Saturday): the year the text last wrote out in which it fits,
    among the last narrative.yaml weekday_years distinct years read (Context.years_read); None if
    it fits or none does."""
    def fits(y: int) -> bool:
        try:
            return dt.date(y, month, day).isoweekday() == weekday
        except ValueError:
            return False
    if fits(year):
        return None
    told = next((y for y in reversed(ctx.years_read) if fits(y)), None)
    return None if told is None else (told, f"the year read before whose {dt.date(told, month, day):%A} it is, {told}")


def _story_year(ctx: Context) -> int | None:
    """The story's year: the latest of the last years the text wrote out (Context.years_read),
    when the last one written is before the publication's ("in 1905 ... at war since February
    1904" is a story of 1905)."""
    if not ctx.years_read or ctx.published is None or ctx.years_read[-1] >= ctx.published.year:
        return None
    return max(y for y in ctx.years_read if y < ctx.published.year)


def _told_as_past(m: re.Match[str], ctx: Context) -> bool:
    """Whether the date's own clause tells it as past, not as a plan made then ("rescheduled the
    vote for 8 May", "due to travel on 25 July") nor a deadline ("by 8 May")."""
    return ctx.clause_tense_at(m.start(), m.end()) in ("past", "sure past") \
        and ctx.tense_at(m.start(), m.end(), plans=True) != "past plan" \
        and not after_preposition(m, ctx, "deadline_preposition") and not after_preposition(m, ctx, "target_preposition")


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True


def _with_past_date(point: Point, candidates: list[Point], ctx: Context, start: int) -> Point:
    """A bare day-month that would fall after publication, said near a date told as past: "The
    quarrel began on New Year's Day ... and on 6 January the president signed a law" (published
    in December) is the 6 January after that New Year's Day, not the coming one. The same day a
    year earlier is taken when it lies within _NARRATIVE_STEP_DAYS of that past date (the last
    resolved date not after publication, read within REFERENCE_REACH characters before)."""
    past = ctx.past_ref if ctx.past_ref is not None and start - ctx.past_ref_end <= REFERENCE_REACH else None
    earlier = [c for c in candidates if c.last < point.first and c.first <= ctx.published]
    if past is None or not earlier or days_between(earlier[-1], past) > _NARRATIVE_STEP_DAYS:
        return point
    return earlier[-1]


def _from_reference(m: re.Match[str], rule: Rule, ctx: Context, gran: str, month: int,
                    day: int | None) -> tuple[int, str] | None:
    """The year of a month pointed at from the date just read (rules.yaml params.from_reference):
    0 the same year ("April 1998 ... that December"), 1 the first such month after it ("Nov. 14,
    1991 ... the following February"), -1 the last one before it ("the previous March")."""
    step = rule.params.get("from_reference")
    ref = ctx.anaphora_ref(m.start()) if step is not None else None
    if ref is None:
        return None
    candidates = same_date_around(ref.first.year, gran, month, day)
    if step == 0:
        chosen = [c for c in candidates if c.first.year == ref.first.year]
    elif step > 0:
        chosen = [c for c in candidates if c.first > ref.last][:1]
    else:
        chosen = [c for c in candidates if c.last < ref.first][-1:]
    if not chosen:
        return None
    return chosen[0].first.year, f"year from the date just read, {ref.value}"


def _narrative(m: re.Match[str], ctx: Context, gran: str, month: int,
               day: int | None) -> tuple[Point, str] | None:
    """The month(-day) in the year of a narrative, if the expression continues one.

    A date written out with its year ("December 1994") sets the time of a narrative: "On 19
    January" opening the next sentence is the nearest 19 January, in 1995; so is a date in the
    same sentence, or one just after it ("March 3, 2014 ... March 5"). A date later in another
    sentence ("The war began on Nov. 4, 2020. A truce declared in March collapsed") and a plan
    ("... in July 1997, will join NATO on March 12") are back in the publication's time, unless
    they go on the narrative (`_narrative_onwards`)."""
    if present_perfect_since().search(m.string, max(0, m.start() - _PERFECT_REACH), m.start()):
        return None  # "has held since May 15": up to now, from publication
    if (told := _year_of_the_sentence(m, ctx, gran, month, day)) is not None:
        return told
    ref = ctx.recent_year(m.start())
    if ref is None or ref.first.year == (ctx.published or dt.date.min).year:
        return _narrative_onwards(m, ctx, gran, month, day)
    candidates = same_date_around(ref.first.year, gran, month, day)
    if not candidates:
        return None
    nearest = min(candidates, key=lambda c: days_between(c, ref))
    how = f"year from the preceding {ref.value}"
    if ctx.published is None:
        return nearest, how
    if ctx.tense_at(m.start(), m.end()) == "future":
        return None
    if nearest.last < ref.first and past_perfect_since().search(m.string, max(0, m.start() - _PERFECT_REACH), m.start()):
        # "had chaired the conference since it opened on 10 September": back from the narrative's date
        return nearest, f"{how}, counted back by a past perfect with 'since'"
    if nearest.last < ref.first and _just_before_publication(ctx.published, gran, month, day, ctx.recent_days) \
            and not _story_step(nearest, ref):
        # "resolution 1559, adopted on 2 September 2004, ... the decision of the Cabinet on
        # 7 August" (published 11 August 2006): back before the old date, the news's own days,
        # unless it goes on the narrative ("January 1993 ... on 20 August" in September 2018)
        return _narrative_onwards(m, ctx, gran, month, day)
    if (days_between(nearest, ref) <= _NARRATIVE_STEP_DAYS or ctx.opens_sentence(m.start())
            or ctx.same_sentence(ctx.year_ref_end, m.start())):
        return nearest, how
    return _narrative_onwards(m, ctx, gran, month, day)


def _year_of_the_sentence(m: re.Match[str], ctx: Context, gran: str, month: int,
                          day: int | None) -> tuple[Point, str] | None:
    """The month(-day) in the year the same sentence has just told alone, within
    narrative.yaml's `year_in_sentence_chars`: "Four accords were signed in 1991, the last on 30
    October" is 30 October 1991. Not a year looked back to from the present ("since 2016")."""
    ref = ctx.ref
    if ref is None or ref.gran != "year" or not 0 <= m.start() - ctx.ref_end <= year_in_sentence_chars() \
            or not ctx.same_sentence(ctx.ref_end, m.start()):
        return None
    if any(m.string[max(0, ctx.ref_start - len(w)):ctx.ref_start].lower() == w for w in clause_patterns().looking_back):
        return None
    try:
        point = Point(gran, dt.date(ref.first.year, month, day or 1))
    except ValueError:
        return None
    return point, f"year told just before in the sentence, {ref.value}"


def _narrative_onwards(m: re.Match[str], ctx: Context, gran: str, month: int,
                       day: int | None, despite_present: bool = False) -> tuple[Point, str] | None:
    """The month(-day) later in the year of a past narrative (narrative.yaml): "January 1993 ...
    initialled a text on 20 August" is 20 August 1993, also a paragraph or two on. A day before
    the narrative's date, a plan, or a narrative in the publication's year are not continued.
    `despite_present`: across paragraphs even in a text that has spoken of the present."""
    ref = ctx.narrative_ref(m.start(), despite_present)
    if ref is None or ctx.published is None or ref.first.year == ctx.published.year:
        return None
    if ctx.tense_at(m.start(), m.end()) == "future":
        return None
    try:
        point = Point(gran, dt.date(ref.first.year, month, day or 1))
    except ValueError:
        return None
    if point.first <= ref.first:
        return None
    if ctx.year_ref_carried and not ctx.account_told_on \
            and _just_before_publication(ctx.published, gran, month, day, ctx.recent_days, part_of(m, ctx)) \
            and not (ref.gran == "month" and ref.first.month == month) and not _story_step(point, ref):
        # a new paragraph reporting the news of the last weeks, not the old date told in passing;
        # but a day of the month the account has reached ("in December" 1979 ... "on 12
        # December") goes on it, and so does an account already told on by a date without its
        # year ("On 26 July 1956 ... in August ...\n\n... on 24 October"): told in its own voice
        return None
    where = "an earlier paragraph" if ctx.year_ref_carried else "this paragraph"
    return point, f"year of the narrative, {ref.first.year} (from {ref.value} in {where})"


def _story_step(point: Point, ref: Point) -> bool:
    """Whether `point` lies within narrative.yaml's story_step_days of the narrative's day `ref`:
    an account told day by day ("On 18 October [1962] ... On 22 October"), however near the
    publication's own days its calendar falls (an anniversary piece, an essay of November)."""
    return ref.gran == "day" and days_between(point, ref) <= story_step_days()


def _onward_season(m: re.Match[str], ctx: Context, start_month: int) -> Point | None:
    """The season after an onward preposition ("into the spring", patterns.yaml
    onward_preposition) in a past narrative: the first one that begins after the narrative's
    date, in its year or the next; None with no narrative in another year than publication's."""
    onward = re.compile(rf"(?:{ctx.lexicon.sources['onward_preposition']})\s", re.IGNORECASE)
    # the preposition stands before the match or opens it (season_after_preposition holds it)
    if not (after_preposition(m, ctx, "onward_preposition") or onward.match(m.group(0))) or ctx.published is None:
        return None
    ref = ctx.narrative_ref(m.start())
    if ref is None or ref.first.year == ctx.published.year:
        return None
    later = [c for y in (ref.first.year, ref.first.year + 1)
             if (c := Point("season", dt.date(y, start_month, 1))).first > ref.first]
    return later[0] if later else None


def _just_before_publication(pub: dt.date, gran: str, month: int, day: int | None, days: int,
                             part: str | None = None) -> bool:
    """Whether the month(-day) in the publication's year ends at most `days` before publication
    (of a month, the part named: "mid-July" in a paper of 8 July has not begun)."""
    try:
        own = Point(gran, dt.date(pub.year, month, day or 1))
    except ValueError:
        return False
    first = (interval_of(own.value, part) or (own.first,))[0] if part in ("START", "MID", "END") else own.first
    return first <= pub and (pub - own.last).days <= days


def day_only(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "on the 25th": that day in the month of the date just before ("On March 3 ... on the
    5th"), else near publication by tense (past: the last 25th by then, future: the next)."""
    day = int(re.match(r"\d+", group(m, "day"))[0])
    ref = ctx.recent_ref(m.start())
    if ref is not None and ref.gran not in ("day", "week", "month"):
        ref = None
    if ref is None and not ctx.published:
        return Resolution(f"XXXX-XX-{day:02d}", rule.type, f"{said(m)} -> no month to place it in")
    around = ref.first if ref is not None else ctx.published
    candidates = []
    for step in (-1, 0, 1):
        month = Point("month", around.replace(day=1)).shift(step)
        if day <= month.last.day:
            candidates.append(Point("day", month.first.replace(day=day)))
    if not candidates:
        return None
    if ref is not None:
        point = min(candidates, key=lambda c: days_between(c, ref))
        how = f"in the month of the preceding {ref.value}"
    else:
        tense = ctx.tense_at(m.start(), m.end())
        point = pick_by_tense(candidates, ctx.published, tense or "past")
        how = f"near publication {ctx.published} ({tense or 'no'} tense)"
    return dated(point, f"{said(m)} -> {point.value} ({how})", m, ctx, rule)


def numeric_date(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """Numeric dates ("2016-02-11", "2/11/2016"), read by dateparser; with a clock time
    ("2016-02-11T10:00", "2016-02-11 10:00") a TIME on that day."""
    day = dateparser_bridge.parse_full_date(group(m, "date") or m.group(0), rule.params.get("date_order", "MDY"))
    if day is None:
        return None
    point = Point("day", day)
    hour_minute = group(m, "hm")
    suffix = f"T{int(hour_minute[:-3]):02d}:{hour_minute[-2:]}" if hour_minute else ""
    return dated(point, f"{said(m)} -> {day}{suffix} (numeric date)", m, ctx, rule, explicit_year=point,
                  typ="TIME" if suffix else None, suffix=suffix)


def year(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """A year written out: "2012", "fiscal 1989", "mid-1996", "nineteen ninety-six"."""
    y = year_number(group(m, "year") or group(m, "year2"), ctx.lexicon)
    if y is None:
        return None
    point = Point("year", dt.date(y, 1, 1))
    return dated(point, f"{said(m)} -> {y}", m, ctx, rule)


def decade(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "the 1990s" 199, "the '80s" and "the eighties" 198 (the century that puts it before
    publication)."""
    if group(m, "decade_word"):
        digits = f"{ctx.lexicon.value('decade_word', group(m, 'decade_word'))}0"
    else:
        digits = re.search(r"\d+", group(m, "decade"))[0]
    if len(digits) == 2:
        pub_year = (ctx.published or dt.date(2000, 1, 1)).year
        century = pub_year // 100 * 100
        y = century + int(digits)
        if y > pub_year:
            y -= 100
    else:
        y = int(digits)
    point = Point("decade", dt.date(y, 1, 1))
    return _setting_or_date(dated(point, f"{said(m)} -> {point.value} (decade)", m, ctx, rule), m, rule, ctx)


def century(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "the 20th century" 19."""
    text = group(m, "century")
    n = ctx.lexicon.value("ordinal_word_century", text) or int(re.match(r"\d+", text)[0])
    point = Point("century", dt.date(max((n - 1) * 100, 1), 1, 1))
    return _setting_or_date(dated(point, f"{said(m)} -> {point.value} (century)", m, ctx, rule), m, rule, ctx)


def _setting_or_date(res: Resolution, m: re.Match[str], rule: Rule, ctx: Context) -> Resolution:
    """With params.background, a period nothing is said to happen in stays undated: it is the
    setting of the text ("the 21st century"), never an event lasting a hundred years."""
    if not rule.params.get("background") or happens_then(m, ctx):
        return res
    return dataclasses.replace(res, point=None, interval=None, background=True,
                               explanation=res.explanation + "; the setting, no event is said to happen then")


def weekday(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """A weekday by tense: the publication day itself, the last one (past) or the next (future)."""
    lex = ctx.lexicon
    wd = int(lex.value("weekday", group(m, "weekday")))
    # "10 p.m. Wednesday" and "Friday night" are times of that day (TimeML: T22:00, TNI); a
    # clock time is a TIME, a part of a day stays a DATE, as TimeBank and AQUAINT mostly type it.
    suffix = clock(group(m, "clock"))
    typ = "TIME" if suffix else None
    if not suffix and group(m, "daypart"):
        suffix = "T" + lex.value("daypart", group(m, "daypart"))
    if not ctx.published:
        return Resolution(f"XXXX-WXX-{wd}", rule.type, f"{said(m)} -> weekday {wd}, no publication date")
    pub = ctx.published
    rel = group(m, "rel")
    back = (pub.isoweekday() - wd) % 7
    step = group(m, "step")
    if rule.params.get("near_reference") and (near := _weekday_near_reference(wd, ctx, m.start())) is not None:
        day, how = near
    elif step:
        # "the following Monday", "the previous Friday": from the date just before, if a day.
        ref = ctx.recent_ref(m.start())
        base, source = (ref.first, ref.value) if ref is not None and ref.gran == "day" else (pub, "publication")
        if int(lex.value("step", step)) > 0:
            day = base + dt.timedelta(days=(wd - base.isoweekday()) % 7 or 7)
        else:
            day = base - dt.timedelta(days=(base.isoweekday() - wd) % 7 or 7)
        how = f"'{step}': from {source}"
    elif rel:
        offset = int(lex.value("rel", rel))
        if offset < 0:
            day, how = pub - dt.timedelta(days=back or 7), f"'{rel}': the one before publication"
        elif offset > 0:
            day, how = pub + dt.timedelta(days=(wd - pub.isoweekday()) % 7 or 7), f"'{rel}': the one after publication"
        else:
            day, how = anchor("week", pub) + dt.timedelta(days=wd - 1), "in the publication week"
            # "will visit this Tuesday" on a Wednesday is the coming one, as "met this
            # Friday" on a Monday is the one just past.
            tense = ctx.tense_at(m.start(), m.end())
            if tense == "future" and day < pub:
                day, how = day + dt.timedelta(days=7), "future tense: the coming one"
            elif tense == "past" and day > pub:
                day, how = day - dt.timedelta(days=7), "past tense: the one just past"
    elif back == 0:
        day, how = pub, "publication day"
    else:
        # params.tense fixes it: "Wednesday's ruling" names a ruling made, "ahead of Sunday's
        # vote" and "Sunday's planned vote" one to come (groups "ahead", "planned"); a scheduled
        # event (group "event") follows the tense nearest to it in its clause: "said Sunday's
        # vote will go ahead", not "Judging by Thursday's meetings, none will emerge soon".
        if group(m, "ahead") or group(m, "planned"):
            tense = "future"
        elif group(m, "event") and ctx.clause_tense_at(m.start("event"), m.end("event")) == "future":
            tense = "future"
        else:
            tense = rule.params.get("tense") or ctx.tense_at(m.start(), m.end(), plans=True)
        made = ctx.recent_day(m.start()) if tense == "past plan" else None
        if tense == "past plan" and (made is None or made.first > pub):
            tense, made = "past", None   # no day the plan was made known: the last one
        if tense == "future":
            day, how = pub + dt.timedelta(days=7 - back), "future tense: the next one"
        elif made is not None:
            # a plan lies after the day it was made: "were greeted on Monday and were expected to
            # go on to Washington on Tuesday" is the Tuesday after that Monday
            day = made.first + dt.timedelta(days=(wd - made.first.isoweekday()) % 7 or 7)
            how = f"a plan told in the past: the first one after {made.value}"
        else:
            day, how = pub - dt.timedelta(days=back), f"{tense or 'no'} tense: the last one"
    if weeks := int(rule.params.get("weeks_after", 0)):
        # British "Thursday week": a week after the coming Thursday.
        day, how = day + dt.timedelta(weeks=weeks), f"{how}, then {weeks} week(s) on"
    point = Point("day", day)
    return dated(point, f"{said(m)} -> {how} {day}{suffix}", m, ctx, rule, typ=typ, suffix=suffix)


def _weekday_near_reference(wd: int, ctx: Context, start: int) -> tuple[dt.date, str] | None:
    """ "That Saturday" after a day read in another week than publication's ("The next morning
    [27 October 1962] ... That Saturday"): the weekday within three days of that day; None with
    no such day in reach (then the weekday is read as any other: "said that Monday ...")."""
    ref = ctx.recent_day(start)
    if ref is None or ctx.published is None or anchor("week", ref.first) == anchor("week", ctx.published):
        return None
    day = next(ref.first + dt.timedelta(days=d) for d in (0, -1, 1, -2, 2, -3, 3)
               if (ref.first + dt.timedelta(days=d)).isoweekday() == wd)
    return day, f"'that': the one nearest the day just read, {ref.value}:"


def relative(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "last week", "this year", "next month", "late last year", "earlier this month"."""
    lex = ctx.lexicon
    unit = lex.value("cal_unit", group(m, "unit")) if group(m, "unit") else rule.params["unit"]
    n = int(lex.value("rel", group(m, "rel"))) if group(m, "rel") else int(rule.params.get("offset", 0))
    if not ctx.published:
        return unresolved(unit, rule, said(m))
    ref = ctx.recent_ref(m.start()) if group(m, "the") else None
    if (ref is not None and ref.first.year != ctx.published.year
            and GRAN_ORDER.index(ref.gran) <= GRAN_ORDER.index(unit) and ctx.tense_at(m.start(), m.end()) != "future"):
        # "in March 2014. By the end of the month, ...": the month of the story, not of publication.
        point = ref.at(unit)
        return dated(point, f"{said(m)} -> {point.value} (the {unit} of the preceding {ref.value})", m, ctx, rule)
    point = Point(unit, anchor(unit, ctx.published)).shift(n)
    return dated(point, f"{said(m)} -> {point.value} ({n:+d} {unit} from publication {ctx.published})",
                  m, ctx, rule)


def relative_month(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "last September": the last September before the publication month; "next May"."""
    lex = ctx.lexicon
    month = int(lex.value("month", group(m, "month")))
    n = int(lex.value("rel", group(m, "rel")))
    if not ctx.published:
        return unresolved("month", rule, said(m), month)
    pub = ctx.published
    # "last April" is the most recent April before the publication month, "next May" the
    # first May after it; "this June" is this year's.
    y = pub.year
    if n < 0:
        y = pub.year if month < pub.month else pub.year - 1
    elif n > 0:
        y = pub.year if month > pub.month else pub.year + 1
    point = Point("month", dt.date(y, month, 1))
    return dated(point, f"{said(m)} -> {point.value} (relative to publication {pub})", m, ctx, rule)


def holiday(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "Christmas", "Thanksgiving Day", "Easter": the date in the year written, else the
    occurrence nearest the publication date (by tense, like "Feb. 11")."""
    from dateutil.easter import easter  # dateutil comes with pandas; only imported when needed

    name = group(m, "holiday")
    spec = str(ctx.lexicon.value("holiday", name))

    def day_in(year: int) -> dt.date:
        if spec.startswith("easter"):
            return easter(year) + dt.timedelta(days=int(spec[6:]))
        if "/" in spec:
            nth, wd, month = (int(x) for x in spec.split("/"))
            if nth > 0:
                first = dt.date(year, month, 1)
                return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
            last = Point("month", dt.date(year, month, 1)).last
            return last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
        month, day = (int(x) for x in spec.split("-"))
        return dt.date(year, month, day)

    if group(m, "year"):
        point, how = Point("day", day_in(int(group(m, "year")))), "year as written"
    elif ctx.published:
        pub = ctx.published
        candidates = [Point("day", day_in(y)) for y in range(pub.year - 1, pub.year + 2)]
        tense = ctx.tense_at(m.start(), m.end())
        if ctx.past_verb_before(m.start("t") if group(m, "t") else m.start()):
            tense = "sure past"  # "signed before Christmas", "began on New Year's Day": the last one
        point = pick_by_tense(candidates, pub, tense)
        how = f"nearest to publication {pub}" + (" (a past verb before it)" if tense == "sure past" else "")
    else:
        fixed_day = re.fullmatch(r"\d\d-\d\d", spec)  # "Christmas" is XXXX-12-25 in any year
        return Resolution(f"XXXX-{spec}" if fixed_day else "XXXX-XX-XX", rule.type,
                          f"{said(m)} -> no publication date")
    res = dated(point, f"{said(m)} -> {point.value} ({how})", m, ctx, rule)
    pub = ctx.published
    if rule.params.get("before") and pub is not None and point.first > pub:
        # "announce the result before Christmas": the days from now up to its eve, not the day
        eve = point.first - dt.timedelta(days=1)
        res = dataclasses.replace(res, interval=(pub, eve), granularity="fuzzy",
                                  explanation=f"{res.explanation}, the days up to {eve.isoformat()}")
    return res


def named_day(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """A day that names a well-known event, whatever the publication date: "the Sept. 11
    attacks", "9/11" (the list named_day)."""
    day = dt.date.fromisoformat(str(ctx.lexicon.value("named_day", group(m, "named"))))
    point = Point("day", day)
    return dated(point, f"{said(m)} -> {day} (the day of a well-known event)", m, ctx, rule)


def weekend(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "the weekend": the last one before publication (the next one in the future tense)."""
    if not ctx.published:
        return Resolution("XXXX-WXX-WE", rule.type, f"{said(m)} -> no publication date")
    pub = ctx.published
    this_weekend = Point("weekend", anchor("weekend", pub))
    text = m.group(0).lower()  # "next"/"last" stand before the span
    if text.startswith("next") or (ctx.tense_at(m.start(), m.end()) == "future" and not text.startswith("last")):
        point = this_weekend if pub < this_weekend.first else this_weekend.shift(1)
    elif text.startswith("this") and pub >= this_weekend.first:
        point = this_weekend
    else:
        point = this_weekend if pub > this_weekend.first else this_weekend.shift(-1)
    return dated(point, f"{said(m)} -> {point.value} (weekend near publication {pub})", m, ctx, rule)


def season(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "last fall", "this summer", "the summer of 2012"."""
    lex = ctx.lexicon
    code = lex.value("season", group(m, "season"))
    start_month = SEASON_START_MONTH[code]
    if group(m, "year") or group(m, "year2"):
        point = Point("season", dt.date(year_number(group(m, "year") or group(m, "year2"), lex), start_month, 1))
        return dated(point, f"{said(m)} -> {point.value}", m, ctx, rule, explicit_year=point)
    if not ctx.published:
        return Resolution(f"XXXX-{code}", rule.type, f"{said(m)} -> no publication date")
    pub = ctx.published
    candidates = [Point("season", dt.date(y, start_month, 1)) for y in range(pub.year - 2, pub.year + 2)]
    n = int(lex.value("rel", group(m, "rel"))) if group(m, "rel") else None
    by_default = False
    ref = ctx.anaphora_ref(m.start()) if rule.params.get("from_reference") == 0 else None
    if ref is not None and ref.gran == "day" and ref.first == pub:
        # "... where it remains today. London gave way that winter": "that" points back at the
        # account, never at the publication day; with no account in view it is left unresolved
        return None
    if ref is not None:
        # "On 17 October [1983] ... that winter": the season of the year of the date just read (a
        # winter is named by the year it begins in: after a January, the one it belongs to)
        season_year = ref.first.year - 1 if code == "WI" and ref.first.month <= 2 else ref.first.year
        point = Point("season", dt.date(season_year, start_month, 1))
        return dated(point, f"{said(m)} -> {point.value} (year from the date just read, {ref.value})", m, ctx, rule,
                     explicit_year=point)
    if n is not None and group(m, "rel").lower().startswith("this past"):
        # "this past spring": the last one over by publication, this year's if it is.
        point = [c for c in candidates if c.last < pub][-1]
    elif n is None and (onward := _onward_season(m, ctx, start_month)) is not None:
        # "went on all winter and into the spring" after 22 November 1972: spring 1973
        return dataclasses.replace(dated(onward, f"{said(m)} -> {onward.value} (the first after the narrative's"
                                                 f" {ctx.narrative_ref(m.start()).value})", m, ctx, rule), narrative=True)
    elif n is None and (narrative := _narrative(m, ctx, "season", start_month, None)) is not None:
        # "in May 1993, ... and a government took office in the autumn": the narrative's autumn
        point, how = narrative
        return dataclasses.replace(dated(point, f"{said(m)} -> {point.value} ({how})", m, ctx, rule), narrative=True)
    elif n is None:
        point = pick_by_tense(candidates, pub, ctx.tense_at(m.start(), m.end()))
        by_default = True  # the publication's year, for want of one told (narrative.yaml)
    elif n != 0:
        # "last spring" is last year's spring; "next summer" next year's. A winter is named
        # by the year it begins in: in January 2023 this winter is 2022-WI, last winter 2021-WI.
        season_year = pub.year - 1 if code == "WI" and pub.month <= 2 else pub.year
        point = Point("season", dt.date(season_year + n, start_month, 1))
    else:
        point = pick_by_tense(candidates, pub, None)
    return dataclasses.replace(dated(point, f"{said(m)} -> {point.value} (relative to publication {pub})", m, ctx, rule),
                               year_by_default=by_default)


def quarter(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "the third quarter" 1997-Q3, "fourth-quarter", "the first half" H1; year from context."""
    lex = ctx.lexicon
    unit = rule.params.get("unit", "quarter")
    n = int(lex.value("ordinal", group(m, "ordinal")))
    if unit == "half" and n > 2:
        return None
    size = 3 if unit == "quarter" else 6
    if group(m, "year") or group(m, "year2"):
        y, how = int(group(m, "year") or group(m, "year2")), "year as written"
    elif (group(m, "rel") or group(m, "rel2")) and ctx.published:
        rel = group(m, "rel") or group(m, "rel2")
        y, how = ctx.published.year + int(lex.value("rel", rel)), "relative year"
    elif ctx.published:
        pub = ctx.published
        current = (pub.month - 1) // size + 1
        # Results are reported after a quarter closes: a later quarter is last year's unless
        # the sentence speaks of the future.
        y = pub.year - 1 if n > current and ctx.tense_at(m.start(), m.end()) != "future" else pub.year
        how = f"from publication {pub}"
    else:
        return Resolution(f"XXXX-{'Q' if unit == 'quarter' else 'H'}{n}", rule.type, f"{said(m)} -> no year")
    point = Point(unit, dt.date(y, size * (n - 1) + 1, 1))
    return dated(point, f"{said(m)} -> {point.value} ({how})", m, ctx, rule)


def period_reference(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "the quarter", "the latest quarter": the quarter under discussion, else the last one
    completed before publication (params: unit, offset from the publication period)."""
    unit = rule.params.get("unit", "quarter")
    ref = ctx.recent_ref(m.start())
    if ref is not None and ref.gran == unit and unit != "year":  # "the year": the current one
        return dated(ref, f"{said(m)} -> {ref.value} (the {unit} under discussion)", m, ctx, rule)
    if not ctx.published:
        return None
    point = Point(unit, anchor(unit, ctx.published)).shift(int(rule.params.get("offset", 0)))
    return dated(point, f"{said(m)} -> {point.value} (from publication {ctx.published})", m, ctx, rule)


def offset(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "two weeks ago", "a year ago", "three days later", "a year earlier": a count of units
    from the publication date (params.anchor: publication) or from the reference time
    (params.anchor: reference), in the direction of `dir` (patterns.yaml direction; none: the
    direction params.direction gives, else back)."""
    lex = ctx.lexicon
    count = number(group(m, "num"), lex) if group(m, "num") else rule.params.get("count", 1)
    code, count = in_weeks(lex.value("unit", group(m, "unit")), count)
    way = group(m, "dir") or group(m, "dir2")   # dir2: "before that", "after that"
    if way:
        direction = -1 if lex.value("direction", way) == -1 else 1   # patterns.yaml direction
    else:
        direction = int(rule.params.get("direction", -1))
    use_reference = rule.params.get("anchor") == "reference"
    if count == "X" or count is None or isinstance(count, float):
        if code and code.startswith("T"):
            return None
        reach = (rule.params.get("vague_reach") or {}).get(code)
        ref = ctx.recent_ref(m.start()) if use_reference else None
        if reach and ref is not None:
            return _vague_offset(ref, direction, reach, m, rule)
        return Resolution("PAST_REF" if direction < 0 else "FUTURE_REF", rule.type,
                          f"{said(m)} -> vague {'past' if direction < 0 else 'future'}")
    base = ctx.recent_ref(m.start()) if use_reference else None
    if base is None:
        if not ctx.published:
            return None
        base = Point("day", ctx.published)
        recent = ctx.recent_ref(m.start())
        # "a year ago" in a report on quarterly results is that quarter a year before.
        if recent is not None and recent.gran in ("quarter", "half") and code == "Y":
            base = recent
    if group(m, "weekday") and not use_reference and base.gran == "day":
        # "Fifty years ago on Sunday": the anniversary falls on the nearest such weekday (an
        # anniversary piece runs a day or three before it or after it)
        ahead = (int(lex.value("weekday", group(m, "weekday"))) - base.first.isoweekday()) % 7
        base = Point("day", base.first + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7))
    gran = UNIT_GRAN.get(code or "", "day")
    clock_unit = bool(code and code.startswith("T"))
    # "last September ... two days later": the reference says only the month, so the offset
    # from it does too (2022-09, not an invented day).
    coarser_ref = use_reference and GRAN_ORDER.index(base.gran) > GRAN_ORDER.index("day" if clock_unit else gran)
    if clock_unit and coarser_ref and (day := ctx.recent_day(m.start())) is not None:
        # "offered on Thursday to lift the sanctions imposed since 2016 ... told reporters an
        # hour later": hours count from the last day told, not from a year read in between
        base, coarser_ref = day, False
    if clock_unit:
        days = int(count) // 24 if code == "TH" else 0  # "48 hours later": two days on
        if coarser_ref:
            point = base.shift(direction * days, "day")
            return dated(point, f"{said(m)} -> {point.value} (within the preceding {base.value})", m, ctx, rule)
        point = base.at("day") if base.gran == "day" else Point("day", ctx.published or base.first)
        point = point.shift(direction * days, "day")
        return dated(point, f"{said(m)} -> {point.value} ({direction * days:+d} day)", m, ctx, rule)
    unit = gran
    if gran in ("decade", "century"):
        count, unit = count * (10 if gran == "decade" else 100), "year"
        gran = "year"
    if coarser_ref:
        gran = base.gran
    elif base.gran in ("quarter", "half", "month") and gran == "year" and use_reference:
        gran = base.gran  # "a year earlier" after "the third quarter" is that quarter last year
    elif base.gran in ("quarter", "half") and gran == "year":
        gran = base.gran
    grain = _grain(m, rule)
    if grain is not None and GRAN_ORDER.index(grain) < GRAN_ORDER.index(gran) and not use_reference:
        gran = grain  # "25 years ago today": that day 25 years back, not the whole year
    point = base.at(gran) if base.gran != gran else base
    point = point.shift(direction * int(count), unit)
    res = dated(point, f"{said(m)} -> {point.value} ({direction * int(count):+d} {unit} from {base.value})",
                m, ctx, rule)
    if gran == "week" and base.gran == "day" and rule.params.get("weeks_as_days") and res.interval is None:
        # "a week ago", "two weeks later" from a known day: a reader gives the day so many weeks
        # on (TimeML's value stays the week).
        day = base.first + dt.timedelta(weeks=direction * int(count))
        res = dataclasses.replace(res, interval=(day, day), granularity="day",
                                  explanation=f"{res.explanation}, the day {day.isoformat()}")
    if grain == "weekend" and unit == "year" and base.gran == "day":
        # "thirty years ago this weekend": the days of this weekend so many years back, as an
        # anniversary counts them (the same dates), not the weekend of that year's week
        # (TimeML's value stays that year's weekend)
        days = [add_months(anchor("weekend", base.first) + dt.timedelta(days=k), 12 * direction * int(count))
                for k in (0, 1)]
        res = dataclasses.replace(res, interval=(days[0], days[1]), granularity="fuzzy",
                                  explanation=f"{res.explanation}, the days {days[0].isoformat()} to {days[1].isoformat()}")
    reach = rule.params.get("one_year_as_days")
    if gran == "year" and int(count) == 1 and base.gran == "day" and reach and res.interval is None \
            and not use_reference and not group(m, "bound"):
        # "came together a year ago" in the paper of 22 November: about 22 November a year
        # back, an anniversary, not the whole of that year (TimeML's value stays the year);
        # "three years ago" is a round number, the whole year.
        day = add_months(base.first, 12 * direction * int(count))
        span = dt.timedelta(days=int(reach))
        res = dataclasses.replace(res, interval=(day - span, day + span), granularity="fuzzy",
                                  explanation=f"{res.explanation}, about {day.isoformat()}")
    return res


def _grain(m: re.Match[str], rule: Rule) -> str | None:
    """The granularity a trailing "today" / "this week" / "this month" gives an offset
    (params.grains maps the words, spaces folded, to a granularity)."""
    said_grain = group(m, "grain")
    if not said_grain:
        return None
    if group(m, "weekday"):
        return "day"  # "on Sunday"
    return (rule.params.get("grains") or {}).get(" ".join(said_grain.lower().split()))


def _step_date(day: dt.date, step: int, unit: str) -> dt.date:
    """The day `step` units (day, week, month, quarter, year ...) after `day`."""
    if unit in ("day", "week", "weekend"):
        return day + dt.timedelta(days=step * (1 if unit == "day" else 7))
    return add_months(day, step * {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12,
                                   "decade": 120, "century": 1200}[unit])


def _vague_offset(ref: Point, direction: int, reach: list[int], m: re.Match[str], rule: Rule) -> Resolution:
    """ "days later", "a few weeks earlier" after a date: the stretch `reach` ([nearest,
    farthest] days) beyond the reference, valued as the month or year that holds it (TimeML
    has no value for "some days after"); the interval says more than the value."""
    near, far = (dt.timedelta(days=int(d)) for d in reach)
    # (after "in March", "days later" may still be in March: from its first day on)
    if direction > 0:
        first, last = ref.first + near, ref.last + far
    else:
        first, last = ref.first - far, ref.last - near
    holder = next((p for p in (Point("month", first.replace(day=1)), Point("year", first.replace(month=1, day=1)))
                   if last <= p.last), None)
    if holder is None:  # across a new year: the year holding most of it
        middle = first + (last - first) / 2
        holder = Point("year", middle.replace(month=1, day=1))
    return Resolution(holder.value, rule.type, f"{said(m)} -> about {first}..{last} (from {ref.value})",
                      interval=(first, last), granularity="fuzzy")


def anaphoric(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "the following month", "the next day", "that year", "the year-earlier period": a step
    from the reference time (the last date resolved), else from the publication date."""
    lex = ctx.lexicon
    unit = lex.value("cal_unit", group(m, "unit")) if group(m, "unit") else rule.params.get("unit")
    step = int(rule.params.get("offset", 0))
    if rule.params.get("ordinal_offset"):   # "the eleventh day": ten days on from the first
        step = int(lex.value("day_count_ordinal", group(m, "ord"))) - 1
    base = ctx.recent_ref(m.start())
    source, base_end = "the preceding date", ctx.ref_end
    if rule.params.get("day_reference_only") and (base is None or base.gran != "day"):
        return None   # "on the third day" of what began on an unknown day: no date
    if rule.params.get("reference_only") and base is None:
        return None   # "accepted it at the time" with no time told near: no date, not the writing's
    if rule.params.get("ordinal_offset") and base is not None:
        if ctx.stretch is not None and ctx.stretch[0] == base:
            base = ctx.stretch[1]   # "on the thirteenth day" after "on the eleventh day": the same first day
        ctx.stretch = (base.shift(step), base)
    if rule.params.get("keep_granularity") and base is not None and ctx.published \
            and base.last.year < ctx.published.year:
        # "the year-ago results" after "the 1988 period": the reference is already the
        # earlier period; compare with the current one instead.
        base = None
    if (rule.params.get("from_past_when_past") and base is not None and ctx.published
            and base.first > ctx.published and ctx.tense_at(m.start(), m.end()) == "past"):
        # "Negotiators have until June 30. Speaking hours later, Kerry said ...": what is told
        # as done counts from the last date that had come, not from a deadline still ahead, and
        # never from the writing ("hours later" always follows an event told), however far back.
        base, source, base_end = ctx.past_ref, "the preceding past date", ctx.past_ref_end
    if (rule.params.get("news_day_after_paragraph") and base is not None and ctx.published
            and ctx.news_day_seen and "\n" in m.string[base_end:m.start()]):
        # "... today signed an agreement. The talks opened on 27 June. <new paragraph> General
        # Cédras signed the text earlier in the day": in a report of the day's news, a new
        # paragraph's "day" is the news's own, not a date told in a paragraph before.
        base = None
    if (base is None and rule.params.get("day_told_reach") and ctx.day_ref is not None
            and m.start() - ctx.day_ref_end <= int(rule.params["day_told_reach"])):
        # "Britain said on Thursday ... <two paragraphs> ... Biden welcomed it the same day":
        # "the same day" points back to a day told, however many sentences lie between, never
        # to the writing (which would be "today")
        base, source = ctx.day_ref, "the last day told"
    if base is None:
        if not ctx.published:
            return None
        base, source = Point("day", ctx.published), "publication"
    if (rule.params.get("day_told") and base.gran != "day" and source != "publication"
            and (day := ctx.recent_day(m.start())) is not None):
        # "signed on 22 December 1988 ... Resolution 435, adopted in September 1978 ... signed
        # the same day": a month or a year has no same day; the day told before it has.
        base, source = day, "the preceding day"
    if rule.params.get("same_grain"):
        unit = base.gran   # "at the time" after "in October": that October, not a day in it
    if GRAN_ORDER.index(base.gran) > GRAN_ORDER.index(unit) and not rule.params.get("keep_granularity"):
        # "that day" after "1987": which day is unknown, but it lies in 1987 ("the next day"
        # after "March 2019": in March 2019 moved on by a day).
        if base.gran == "year" and unit in ("month", "day"):
            value = base.value + ("-XX" if unit == "month" else "-XX-XX")
        elif base.gran == "month" and unit == "day":
            value = base.value + "-XX"
        else:
            value = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX")
        interval = (_step_date(base.first, step, unit), _step_date(base.last, step, unit))
        granularity = base.gran if step == 0 and base.gran != "weekend" else "fuzzy"
        return Resolution(value, rule.type, f"{said(m)} -> a {unit} in {base.value}, {interval[0]}..{interval[1]}",
                          interval=interval, granularity=granularity)
    if rule.params.get("keep_granularity"):
        if base.gran in ("day", "week"):
            # "the year-ago quarter" after "the quarter ended Sept. 30"
            base = base.at("quarter" if "quarter" in m.group(0).lower() else "year")
        point = base.shift(step, unit)
    else:
        point = base.at(unit).shift(step) if base.gran != unit else base.shift(step)
    suffix = "T" + lex.value("daypart", group(m, "daypart")) if group(m, "daypart") else ""
    explanation = f"{said(m)} -> {point.value}{suffix} ({step:+d} {unit} from {source} {base.value})"
    part = lex.value("part", group(m, "part")) if group(m, "part") else None
    if part in ("BEFORE_PUB", "AFTER_PUB") and point.first <= base.first <= point.last and source != "publication":
        # "Later that year" after "March 3, 2014": the rest of 2014 after that day.
        interval = ((point.first, base.first - dt.timedelta(days=1)) if part == "BEFORE_PUB"
                    else (base.last + dt.timedelta(days=1), point.last))
        if interval[0] <= interval[1]:
            return Resolution(point.value, rule.type, f"{explanation}, {interval[0]}..{interval[1]}", point=point,
                              interval=interval)
    return dated(point, explanation, m, ctx, rule, suffix=suffix)


def day_offset(m: re.Match[str], rule: Rule, ctx: Context) -> Resolution | None:
    """ "today", "yesterday", "tomorrow", "tonight", "this morning" (params: offset, daypart;
    future_offset: the offset in a sentence about the future, "will be moved overnight")."""
    n = int(rule.params.get("offset", 0))
    if "future_offset" in rule.params and ctx.tense_at(m.start(), m.end()) == "future":
        n = int(rule.params["future_offset"])
    code = rule.params.get("daypart")
    if group(m, "daypart"):
        code = ctx.lexicon.value("daypart", group(m, "daypart"))
    suffix = f"T{code}" if code else ""
    if not ctx.published:
        return Resolution("XXXX-XX-XX" + suffix, rule.type, f"{said(m)} -> no publication date")
    point = Point("day", ctx.published + dt.timedelta(days=n))
    return dated(point, f"{said(m)} -> {point.value}{suffix} ({n:+d} day from publication)",
                  m, ctx, rule, suffix=suffix)
