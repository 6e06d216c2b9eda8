"""Whether a dated event occurred or is planned, as of the article's publication.

The date decides first: an interval that ends before the publication day occurred, one that
starts after it is planned. When the interval holds the publication day ("Wednesday" in an
article of that Wednesday, "this week"), or there is no publication date, the words near the
time expression decide (`resources/status.yaml`): the nearest cue, planned ("will", "is
scheduled to", "would resume") or past ("was", "had"), within a few words in the same clause.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require
from timeline.extract.event_types import cue_pattern
from timeline.schema import STATUSES
from timeline.temporal.rulebook import timetable_present

RESOURCE = "status.yaml"
OCCURRED, PLANNED = "occurred", "planned"
_CLAUSE_BREAK = re.compile(r"[;:—–]|[.!?](?=\s)")
_WORD = re.compile(r"\w+")
PRECEDER_REACH = 40  # characters before a time expression read for a planned_timex_preceder
MODAL_REACH = 16  # characters before a past cue read for a modal_passive ("are to be")


@dataclass(frozen=True, slots=True)
class StatusDecision:
    status: str
    reason: str


class StatusCues:
    def __init__(self, data: Any) -> None:
        require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
        self.window = data.get("window", 8)
        require(isinstance(self.window, int) and self.window > 0, RESOURCE, "window", "must be a positive integer")
        self.plan_reach = data.get("plan_reach", self.window)
        require(isinstance(self.plan_reach, int) and self.plan_reach >= self.window, RESOURCE, "plan_reach",
                "must be a whole number of words at least the window")
        patterns = {}
        for key in ("planned_cues", "past_cues"):
            cues = data.get(key)
            require(isinstance(cues, list) and cues and all(isinstance(c, str) for c in cues),
                    RESOURCE, key, "must be a non-empty list of phrases")
            patterns[key] = "|".join(cue_pattern(c) for c in sorted(cues, key=len, reverse=True))
        # the tagger's list, which reads the same present as a future tense
        patterns["timetable_present"] = "|".join(
            cue_pattern(c) for c in sorted(timetable_present(), key=len, reverse=True))
        self._cues = re.compile(rf"(?<!\w)(?:(?P<planned>{patterns['planned_cues']})|"
                                rf"(?P<timetable>{patterns['timetable_present']})|(?P<past>{patterns['past_cues']}))(?!\w)",
                                re.IGNORECASE)
        stamp = data.get("live_stamp")
        require(isinstance(stamp, str) and stamp, RESOURCE, "live_stamp", "must be a regular expression")
        try:
            self._live_stamp = re.compile(rf"(?:{stamp})\Z")
        except re.error as err:
            require(False, RESOURCE, "live_stamp", f"is not a regular expression: {err}")
        openers = data.get("planned_timex_openers", [])
        require(isinstance(openers, list) and all(isinstance(c, str) for c in openers), RESOURCE,
                "planned_timex_openers", "must be a list of phrases")
        self._planned_timex = re.compile(r"(?:" + "|".join(cue_pattern(c) for c in openers) + r")(?!\w)",
                                         re.IGNORECASE) if openers else None
        preceders = data.get("planned_timex_preceders", [])
        require(isinstance(preceders, list) and all(isinstance(c, str) for c in preceders), RESOURCE,
                "planned_timex_preceders", "must be a list of phrases")
        # matched against the words just before the time expression: "within" + one to three spaces, at the end
        self._planned_preceder = re.compile(r"(?<!\w)(?:" + "|".join(cue_pattern(c) for c in preceders)
                                            + r")\s{1,3}\Z", re.IGNORECASE) if preceders else None
        # "queued on Saturday as rumours spread that the road would reopen": a clause opened by
        # one of these words after the date has its own event and its own tense.
        after = data.get("clause_openers_after", [])
        require(isinstance(after, list) and all(isinstance(c, str) and c.isalpha() for c in after), RESOURCE,
                "clause_openers_after", "must be a list of words")
        self._opener_after = re.compile(r"(?<!\w)(?:" + "|".join(after) + r")(?!\w)", re.IGNORECASE) if after else None
        changed = data.get("changed_plan_preceders", [])
        require(isinstance(changed, list) and all(isinstance(c, str) for c in changed), RESOURCE,
                "changed_plan_preceders", "must be a list of phrases")
        # matched against the words just before the time expression, like the planned preceders
        self._changed_plan = re.compile(r"(?<!\w)(?:" + "|".join(cue_pattern(c) for c in changed)
                                        + r")\s{1,3}\Z", re.IGNORECASE) if changed else None
        cancelled = data.get("cancelled_plan_cues", [])
        auxiliaries = data.get("cancelled_plan_auxiliaries", [])
        for key, value in (("cancelled_plan_cues", cancelled), ("cancelled_plan_auxiliaries", auxiliaries)):
            require(isinstance(value, list) and all(isinstance(c, str) and c.strip() for c in value), RESOURCE,
                    key, "must be a list of phrases")
        require(not cancelled or bool(auxiliaries), RESOURCE, "cancelled_plan_auxiliaries",
                "must not be empty when cancelled_plan_cues are given")
        # searched in the clause after the time expression: "was" + one to three spaces + "scrapped"
        self._cancelled_plan = re.compile(
            r"(?<!\w)(?:" + "|".join(cue_pattern(a) for a in sorted(auxiliaries, key=len, reverse=True))
            + r")\s{1,3}(?:" + "|".join(cue_pattern(c) for c in sorted(cancelled, key=len, reverse=True)) + r")(?!\w)",
            re.IGNORECASE) if cancelled else None
        # "which were scheduled to begin on Monday, were postponed": a schedule before the date,
        # within the window, and a postponement told after it (with the auxiliaries of a plan
        # called off)
        schedules = data.get("postponed_plan_schedules", [])
        postponed = data.get("postponed_plan_cues", [])
        for key, value in (("postponed_plan_schedules", schedules), ("postponed_plan_cues", postponed)):
            require(isinstance(value, list) and all(isinstance(c, str) and c.strip() for c in value), RESOURCE,
                    key, "must be a list of phrases")
        require(bool(schedules) == bool(postponed) and (not postponed or bool(auxiliaries)), RESOURCE,
                "postponed_plan_cues", "go with postponed_plan_schedules and cancelled_plan_auxiliaries")
        self._schedule = re.compile(r"(?<!\w)(?:" + "|".join(cue_pattern(c) for c in sorted(schedules, key=len, reverse=True))
                                    + r")(?!\w)", re.IGNORECASE) if schedules else None
        self._postponed_plan = re.compile(
            r"(?<!\w)(?:" + "|".join(cue_pattern(a) for a in sorted(auxiliaries, key=len, reverse=True))
            + r")\s{1,3}(?:" + "|".join(cue_pattern(c) for c in sorted(postponed, key=len, reverse=True)) + r")(?!\w)",
            re.IGNORECASE) if postponed else None
        modal = data.get("modal_passive", [])
        require(isinstance(modal, list) and all(isinstance(c, str) for c in modal), RESOURCE,
                "modal_passive", "must be a list of phrases")
        # matched against the words just before a past cue: "will be" + one to three spaces, at the end
        self._modal_passive = re.compile(r"(?<!\w)(?:" + "|".join(cue_pattern(c) for c in modal)
                                         + r")\s{1,3}\Z", re.IGNORECASE) if modal else None
        after_participle = data.get("participle_followers", [])
        require(isinstance(after_participle, list) and all(isinstance(c, str) and c.isalpha() for c in after_participle),
                RESOURCE, "participle_followers", "must be a list of words")
        # matched right after a one-word past cue: "held by", "signed by" (no auxiliary before)
        self._participle_after = re.compile(r"\s{1,3}(?:" + "|".join(after_participle) + r")(?!\w)",
                                            re.IGNORECASE) if after_participle else None
        determiners = data.get("adjective_determiners", [])
        require(isinstance(determiners, list) and all(isinstance(c, str) and c.isalpha() for c in determiners),
                RESOURCE, "adjective_determiners", "must be a list of words")
        # matched against the words just before a one-word past cue: "the" + one to three spaces, at the end
        self._adjective_before = re.compile(r"(?<!\w)(?:" + "|".join(determiners) + r")\s{1,3}\Z",
                                            re.IGNORECASE) if determiners else None
        self.examples = []
        for i, ex in enumerate(data.get("examples") or []):
            require(isinstance(ex, list) and len(ex) == 3 and ex[2] in STATUSES, RESOURCE, f"examples[{i}]",
                    "must be [sentence, published YYYY-MM-DD, occurred|planned]")
            self.examples.append((ex[0], dt.date.fromisoformat(str(ex[1])), ex[2]))
        require(bool(self.examples), RESOURCE, "examples", "needs examples")

    def decide(self, sentence: str, timex_start: int, timex_end: int, interval: tuple[dt.date, dt.date] | None,
               published: dt.date | None) -> StatusDecision:
        """The status of the event dated by the time expression at [timex_start, timex_end) of `sentence`."""
        if self._changed_plan is not None and self._changed_plan.search(
                sentence, max(0, timex_start - PRECEDER_REACH), timex_start):
            return StatusDecision(PLANNED, "a plan since changed (its date never came to pass)")
        if self._cancelled_plan is not None:
            _, clause_end = _clause(sentence, timex_start, timex_end)
            if self._cancelled_plan.search(sentence, timex_end, clause_end):
                return StatusDecision(OCCURRED, "a plan called off (the calling off is told as done)")
        if self._postponed_plan is not None and self._schedule is not None:
            clause_start, clause_end = _clause(sentence, timex_start, timex_end)
            if self._postponed_plan.search(sentence, timex_end, clause_end) and \
                    self._scheduled_before(sentence, clause_start, timex_start):
                return StatusDecision(PLANNED, "a plan put off (its first date never came to pass)")
        if interval is not None and published is not None:
            first, last = interval
            if last < published:
                return StatusDecision(OCCURRED, "date before publication")
            if first > published:
                return StatusDecision(PLANNED, "date after publication")
        if self._planned_timex is not None and self._planned_timex.match(sentence, timex_start, timex_end):
            return StatusDecision(PLANNED, "the time expression looks ahead")
        # (a span that ends on the day of writing reaches nothing ahead: "wrote at 1 a.m. Within
        # hours, protesters stormed ..." is told by its verb, like any date of that day)
        reaches_ahead = interval is None or published is None or interval[1] > published
        if self._planned_preceder is not None and reaches_ahead and self._planned_preceder.search(
                sentence, max(0, timex_start - PRECEDER_REACH), timex_start):
            return StatusDecision(PLANNED, "a span counted forward from when it was said")
        cue = self.nearest_cue(sentence, timex_start, timex_end, live=self.is_live_stamp(sentence, timex_start, timex_end))
        if cue is None:
            return StatusDecision(OCCURRED, "no cue of a plan")
        kind, words = cue
        return StatusDecision(PLANNED if kind == "planned" else OCCURRED, f"cue {words!r}")

    def _scheduled_before(self, sentence: str, clause_start: int, timex_start: int) -> bool:
        """Whether a postponed plan's schedule ("were scheduled to") ends at most `window` words
        before the time expression, in its clause."""
        last = None
        for m in self._schedule.finditer(sentence, clause_start, timex_start):  # type: ignore[union-attr]
            last = m
        return last is not None and len(_WORD.findall(sentence, last.end(), timex_start)) <= self.window

    def is_live_stamp(self, sentence: str, timex_start: int, timex_end: int) -> bool:
        """Whether the time expression is a live blog's time stamp: a clock time opening the sentence."""
        return not sentence[:timex_start].strip() and self._live_stamp.match(sentence, timex_start, timex_end) is not None

    def nearest_cue(self, sentence: str, timex_start: int, timex_end: int,
                    live: bool = False) -> tuple[str, str] | None:
        """(planned|past, cue) nearest the time expression in its clause, within the window; the
        present of a timetable is a plan, but under a live stamp (`live`) it tells what happened."""
        lo, hi = _clause(sentence, timex_start, timex_end)
        opener = self._opener_after.search(sentence, timex_end, hi) if self._opener_after else None
        if opener is not None:
            hi = opener.start()
        best: tuple[int, str, str] | None = None
        farther_plan: tuple[int, str, str] | None = None  # a plan's auxiliary beyond the window, before
        for m in self._cues.finditer(sentence, lo, hi):
            if m.end() > timex_start and m.start() < timex_end:
                continue
            gap = sentence[m.end():timex_start] if m.end() <= timex_start else sentence[timex_end:m.start()]
            distance = len(_WORD.findall(gap))
            kind = "planned" if m.group("planned") or (m.group("timetable") and not live) else "past"
            if kind == "past" and " " not in m.group() and self._participle_after is not None and \
                    self._participle_after.match(sentence, m.end()):
                continue   # "the last province held by rebels": a participle naming a noun, no tense
            if kind == "past" and " " not in m.group() and self._adjective_before is not None and \
                    self._adjective_before.search(sentence, max(lo, m.start() - MODAL_REACH), m.start()):
                continue   # "the last province", "the signed text": an adjective, no tense
            if kind == "past" and self._modal_passive is not None and \
                    self._modal_passive.search(sentence, max(lo, m.start() - MODAL_REACH), m.start()):
                kind = "planned"   # "will be signed today": the participle of a plan
            if distance > self.window:
                if m.end() <= timex_start and distance <= self.plan_reach:
                    # the nearest cue before the date beyond the window: a plan only if it is one
                    farther_plan = (distance, kind, m.group())
                continue
            if best is None or distance < best[0]:
                best = (distance, kind, m.group())
        if best is None and farther_plan is not None and farther_plan[1] == "planned":
            best = farther_plan
        return None if best is None else (best[1], best[2])


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): bounded by ; : dashes or sentence ends."""
    lo = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        lo = m.end()
    m = _CLAUSE_BREAK.search(sentence, end)
    return lo, (m.start() if m else len(sentence))


@functools.cache
def cues() -> StatusCues:
    """The status cues, built once from resources/status.yaml."""
    return StatusCues(load_yaml(RESOURCE))


def decide_status(sentence: str, timex_start: int, timex_end: int,
                  interval: tuple[dt.date, dt.date] | None, published: dt.date | None) -> StatusDecision:
    return cues().decide(sentence, timex_start, timex_end, interval, published)
