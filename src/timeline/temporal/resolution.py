"""What resolving a time expression needs and gives: the `Context` (publication date, tense,
the reference time of the discourse) and the `Resolution`, with the helpers every normaliser
kind shares (year inference for month-days, early/mid/late parts, unresolved values)."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Protocol

from timeline.temporal.calendar import Point
from timeline.temporal.rulebook import Lexicon, Rule

# A reference more than this many characters back is too far to anchor "that year" or
# "On 28 January" (beyond a paragraph or two, news text returns to the publication date).
REFERENCE_REACH = 600
GRAN_ORDER = ["day", "weekend", "week", "month", "quarter", "season", "half", "year", "decade", "century"]
_SOON = dt.timedelta(days=75)
_LONG_AGO = dt.timedelta(days=240)
_JUST_PAST = dt.timedelta(days=7)
_PREPOSITION_REACH = 24  # characters before a period searched for its preposition
UNIT_GRAN = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade", "CE": "century",
             "Q": "quarter"}


def in_weeks(code: str | None, count: object) -> tuple[str | None, object]:
    """A count of fortnights (unit code FN) as weeks: "a fortnight" is P2W."""
    if code == "FN":
        return "W", count * 2 if isinstance(count, int) else count
    return code, count


class TenseAt(Protocol):
    """The tense of the expression at [start, end) (the tagger's `_Tense`): with `clause`, from
    cues of its own clause only; with `plans`, a plan told in the past is "past plan"."""

    def __call__(self, start: int, end: int, clause: bool = False, plans: bool = False) -> str | None: ...


@dataclass
class Context:
    """What resolution needs besides the match; updated as the tagger walks the text."""

    published: dt.date | None
    lexicon: Lexicon
    tense_at: TenseAt
    past_verb_before: Callable[[int], bool] = lambda start: False
    opens_sentence: Callable[[int], bool] = lambda start: False
    same_sentence: Callable[[int, int], bool] = lambda a, b: False
    clause_tense_at: Callable[[int, int], str | None] = lambda start, end: None  # tense_at within its clause
    ref: Point | None = None          # last resolved date
    ref_start: int = -1               # where it was written
    ref_end: int = -1
    ref_since: bool = False           # the last date was read after "since" ("since the revolution of 1949")
    day_ref: Point | None = None      # last resolved day ("that day" never means a month)
    day_ref_end: int = -1
    past_ref: Point | None = None     # last resolved date not after publication (told as happened)
    past_ref_end: int = -1
    year_ref: Point | None = None     # last date written out with its year ("October 2012")
    year_ref_end: int = -1
    year_ref_carried: bool = False    # year_ref stands in an earlier paragraph
    narrative_reach: int = 0          # how far a narrative carries (narrative.yaml)
    recent_days: int = 0              # news of the last days, not the narrative (narrative.yaml)
    year_ref_left: bool = False       # a date in another year has been read since year_ref
    account_told_on: bool = False     # a date without its year has carried year_ref's account on
    present_seen: bool = False        # the text has spoken of the publication's year
    news_day_seen: bool = False       # the text has told the publication day itself ("today signed")
    years_read: list[int] = field(default_factory=list)  # the last distinct years written out, the latest last
    # (day resolved, first day of its stretch) of the last "on the eleventh day": the next one
    # ("on the thirteenth day") counts from the same first day, not from the eleventh
    stretch: tuple[Point, Point] | None = None

    def recent_ref(self, start: int) -> Point | None:
        return self.ref if self.ref and start - self.ref_end <= REFERENCE_REACH else None

    def recent_day(self, start: int) -> Point | None:
        return self.day_ref if self.day_ref and start - self.day_ref_end <= REFERENCE_REACH else None

    def anaphora_ref(self, start: int) -> Point | None:
        """What "that spring", "that April" point back at: the date just read, except a year told
        alone after "since" while a past narrative of another year goes on ("Fifty years ago today
        [1971] ... allowed in since the revolution of 1949. ... at the world championships that
        spring"): then the narrative's date."""
        ref = self.recent_ref(start)
        account = self.year_ref
        if ref is not None and ref.gran == "year" and self.ref_since and account is not None and account.first.year != ref.first.year \
                and start - self.year_ref_end <= self.narrative_reach \
                and (self.published is None or account.first.year < self.published.year):
            return account
        return ref

    def recent_year(self, start: int) -> Point | None:
        if self.year_ref_carried:
            return None
        return self.year_ref if self.year_ref and start - self.year_ref_end <= REFERENCE_REACH else None

    def narrative_ref(self, start: int, despite_present: bool = False) -> Point | None:
        """The date of the narrative going on at `start`, in this paragraph or an earlier one.
        A date read in another year since ends it ("On May 22, 1995 ... the following year ...
        in December"); in a text that has spoken of the present, so does a paragraph break,
        unless `despite_present` (the publication's time cannot be meant: normalise.py)."""
        if self.year_ref_left or (self.year_ref_carried and self.present_seen and not despite_present):
            return None
        return self.year_ref if self.year_ref and start - self.year_ref_end <= self.narrative_reach else None


@dataclass(frozen=True)
class Resolution:
    value: str
    type: str
    explanation: str
    mod: str | None = None
    point: Point | None = None                     # the period, when it is on the calendar
    interval: tuple[dt.date, dt.date] | None = None  # an explicit interval (fuzzy refs, clipping)
    explicit_year: Point | None = None             # a date with its year written out, for anaphora
    granularity: str | None = None                 # says how precise an explicit interval is
    background: bool = False                       # a period as setting ("the 21st century"): no date
    narrative: bool = False                        # its year is the narrative's: it carries the narrative on
    from_publication: bool = False                 # its year is said from publication ("last year")
    year_by_default: bool = False                  # no year told: the publication's taken by tense ("in March")


@functools.cache
def _ending_with(source: str) -> re.Pattern[str]:
    """A regex for text that ends with the pattern `source` and blank space (compiled once)."""
    return re.compile(rf"(?<!\w)(?:{source})\s{{1,3}}$", re.IGNORECASE)


def after_preposition(m: re.Match[str], ctx: Context, lexicon_entry: str) -> bool:
    """Whether the text right before `m` ends with a preposition of the lexicon's entry."""
    before = m.string[max(0, m.start() - _PREPOSITION_REACH):m.start()]
    return _ending_with(ctx.lexicon.sources[lexicon_entry]).search(before) is not None


def happens_then(m: re.Match[str], ctx: Context) -> bool:
    """Whether the text says something happens in the period matched by `m`: the period follows
    a preposition of time (patterns.yaml `period_preposition`) in a sentence with a past or
    future verb, or opens the sentence ("In the 1990s, ..."). Otherwise a century or decade
    is the setting ("the challenges of the 21st century"), not an event's date."""
    if not after_preposition(m, ctx, "period_preposition"):
        return False
    return ctx.opens_sentence(m.start()) or ctx.tense_at(m.start(), m.end()) is not None


def said(m: re.Match[str]) -> str:
    """The words of the expression itself (without the context words around group "t")."""
    return group(m, "t") or m.group(0)


def group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def part_of(m: re.Match[str], ctx: Context) -> str | None:
    """The part of its period a match names ("early" START, "late" END, "earlier" BEFORE_PUB)."""
    part = group(m, "part")
    return ctx.lexicon.value("part", part) if part else None


def dated(point: Point, explanation: str, m: re.Match[str], ctx: Context, rule: Rule,
           typ: str | None = None, explicit_year: Point | None = None, suffix: str = "") -> Resolution:
    """A Resolution for a calendar period, with mod (early/mid/late) and clipping (earlier/later)."""
    part = part_of(m, ctx)
    mod, interval = rule.params.get("mod"), None
    if part in ("START", "MID", "END"):
        mod = part
    elif part in ("BEFORE_PUB", "AFTER_PUB") and ctx.published:
        # "earlier this year": the part of the period before the publication day; "later this
        # month" the part after it (the day itself is "today"). On the first or last day of the
        # period nothing is left on that side: the publication day stands in.
        pub = ctx.published
        if point.first <= pub <= point.last:
            one = dt.timedelta(days=1)
            if part == "BEFORE_PUB":
                interval = (point.first, max(point.first, pub - one))
            else:
                interval = (min(point.last, pub + one), point.last)
    value = point.value + suffix
    return Resolution(value, typ or rule.type, explanation, mod, point, interval, explicit_year)


def unresolved(gran: str, rule: Rule, what: str, month: int | None = None, day: int | None = None) -> Resolution:
    value = {"day": f"XXXX-{month or 0:02d}-{day or 0:02d}" if month and day else "XXXX-XX-XX",
             "month": f"XXXX-{month:02d}" if month else "XXXX-XX", "week": "XXXX-WXX"}.get(gran, "XXXX")
    return Resolution(value, rule.type, f"{what} -> no publication date to resolve it against")


def same_date_around(year: int, gran: str, month: int, day: int | None) -> list[Point]:
    """The month (or month-day) in the year before, the year itself and the year after;
    29 February only where it exists."""
    out = []
    for y in range(year - 1, year + 2):
        try:
            out.append(Point(gran, dt.date(y, month, day or 1)))
        except ValueError:
            continue
    return out


def days_between(c: Point, ref: Point) -> int:
    """Days between two periods (0 if they overlap)."""
    if c.last < ref.first:
        return (ref.first - c.last).days
    if c.first > ref.last:
        return (c.first - ref.last).days
    return 0


def pick_by_tense(candidates: list[Point], pub: dt.date, tense: str | None) -> Point:
    """Past: the latest period that has begun by the publication day; future: the earliest
    that has not ended; otherwise the nearest (for a bare month, news speaks of the past).
    "sure past" (a past verb right before: "met on March 3") is past even when far back."""
    if tense is None and candidates[0].gran == "month":
        tense = "past"
    if tense == "sure past":
        begun = [c for c in candidates if c.first <= pub]
        if begun:
            return begun[-1]
    if tense == "past":
        begun = [c for c in candidates if c.first <= pub]
        soon = [c for c in candidates if pub < c.first <= pub + _SOON]
        # Tense cues are noisy; news rarely gives a month-day without its year for a day
        # most of a year back when the same day is just weeks ahead.
        if begun and not (soon and (pub - begun[-1].first) > _LONG_AGO):
            return begun[-1]
    if tense == "future":
        ahead = [c for c in candidates if c.last >= pub]
        just_past = [c for c in candidates if c.gran == "day" and c.last < pub and pub - c.last <= _JUST_PAST]
        # ... nor a day a year ahead when the same day was days ago: "would look for ways to get
        # around the ruling to repatriate the child by Jan. 14" of 15 January is that deadline.
        if ahead and not (just_past and ahead[0].first - pub > _LONG_AGO):
            return ahead[0]
        if just_past:
            return just_past[-1]

    def distance(c: Point) -> int:
        return 0 if c.first <= pub <= c.last else min(abs((c.first - pub).days), abs((c.last - pub).days))
    return min(candidates, key=distance)
