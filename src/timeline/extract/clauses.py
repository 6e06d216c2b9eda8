"""Which clause of a sentence a time expression dates: the stretches of the sentence that are
other clauses than the date's (resources/clauses.yaml), read without a parser.

A row's actors and places are those of its date's clause: a name told only inside another
clause is that clause's (events._Who.in_clause). Each clause kind of the data file has the words
that open it and says which names it holds back (actors, places or both). Read in one pass per
kind over the sentence, linear in its length: the patterns are alternations of fixed words with
bounded gaps and cannot backtrack without limit.

A spaCy dependency parse would find clauses better, but its English models are not maintained on
PyPI and its small model costs about three times our whole extraction (docs/measurements.md).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require

RESOURCE = "clauses.yaml"
NAMES = ("actors", "places")
_FRAME_REACH = 80   # characters from a comma to a frame's verb of saying
_ADJACENT = re.compile(r"[ ]{0,3}")   # nothing but spaces between a date and what follows
_FIRST_WORD = re.compile(r"[ ]{0,3}([\w'’-]+)")


@dataclass(frozen=True, slots=True)
class ClauseExample:
    sentence: str
    date: str
    other: tuple[str, ...]   # stretches read as other clauses, in order
    same: tuple[str, ...]    # stretches that stay in the date's clause


@dataclass(frozen=True, slots=True)
class ClauseKind:
    name: str
    principle: str
    opener: re.Pattern[str]   # its "clause" group is the clause's words
    holds: frozenset[str]     # which of a row's names the clause keeps from it (NAMES)
    examples: tuple[ClauseExample, ...]
    joined: bool = False   # a coordination: clauses joined by its breaks
    # An opened clause's: the words after its opener that make it an adverb ("soon after and").
    adverb_followers: frozenset[str] = frozenset()
    opened: bool = False   # runs from its opener to the next stop
    dated_holds_all: bool = False   # holding another date of the sentence, it holds back every name


class ClauseReader:
    """The clause kinds of clauses.yaml, compiled once."""

    def __init__(self, data: Any) -> None:
        require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
        stops = data.get("stops")
        require(isinstance(stops, list) and stops and all(isinstance(s, str) and len(s) == 1 for s in stops),
                RESOURCE, "stops", "must be a non-empty list of single marks")
        self._stops = "".join(sorted(re.escape(s) for s in stops))
        self._stop = re.compile(f"[{self._stops}]")
        subjects = data.get("subject_words")
        require(isinstance(subjects, list) and subjects and all(isinstance(w, str) and w.isalpha() for w in subjects),
                RESOURCE, "subject_words", "must be a non-empty list of words")
        self._subjects = frozenset(w.lower() for w in subjects)
        self.dated_breaks = _break_pattern(data.get("breaks_between_dates"), "breaks_between_dates")
        kinds = data.get("kinds")
        require(isinstance(kinds, dict) and kinds, RESOURCE, "kinds", "must be a mapping of clause kinds")
        self.kinds: tuple[ClauseKind, ...] = tuple(self._kind(name, spec) for name, spec in kinds.items())
        self.by_name = {k.name: k for k in self.kinds}

    def _kind(self, name: str, spec: Any) -> ClauseKind:
        where = f"kinds.{name}"
        require(isinstance(spec, dict), RESOURCE, where, "must be a mapping")
        principle = spec.get("principle")
        require(isinstance(principle, str) and principle.strip(), RESOURCE, f"{where}.principle", "must say why")
        holds = spec.get("holds", list(NAMES))
        require(isinstance(holds, list) and holds and set(holds) <= set(NAMES), RESOURCE, f"{where}.holds",
                f"must be a list of {', '.join(NAMES)}")
        examples = spec.get("examples")
        require(isinstance(examples, list) and examples, RESOURCE, f"{where}.examples", "must give examples")
        read = tuple(self._example(f"{where}.examples[{i}]", e) for i, e in enumerate(examples))
        if "breaks" in spec:
            return self._coordination(name, where, spec, principle.strip(), frozenset(holds), read)
        if "openers" in spec:
            return self._opened(name, where, spec, principle.strip(), frozenset(holds), read)
        verbs = spec.get("frame_verbs")
        require(isinstance(verbs, list) and verbs and all(isinstance(w, str) and re.fullmatch(r"[a-z]+", w)
                                                          for w in verbs),
                RESOURCE, f"{where}.frame_verbs", "must be a non-empty list of lower-case words")
        # ", the ministry in Yerevan said": from a comma, a few words and a verb of saying before
        # the clause's next stop; the clause is those words up to the verb.
        alternation = "|".join(sorted(verbs, key=len, reverse=True))
        opener = re.compile(rf",[ ]{{1,3}}(?P<clause>[^{self._stops}]{{0,{_FRAME_REACH}}}?(?<![\w'’-])"
                            rf"(?:{alternation}))(?![\w'’-])", re.IGNORECASE)
        return ClauseKind(name, principle.strip(), opener, frozenset(holds), read)

    @staticmethod
    def _coordination(name: str, where: str, spec: dict[str, Any], principle: str, holds: frozenset[str],
                      examples: tuple[ClauseExample, ...]) -> ClauseKind:
        return ClauseKind(name, principle, _break_pattern(spec.get("breaks"), f"{where}.breaks"), holds, examples,
                          joined=True)

    @staticmethod
    def _opened(name: str, where: str, spec: dict[str, Any], principle: str, holds: frozenset[str],
                examples: tuple[ClauseExample, ...]) -> ClauseKind:
        words = spec.get("openers")
        require(isinstance(words, list) and words and all(isinstance(w, str) and re.fullmatch(r"[a-z]+", w)
                                                          for w in words),
                RESOURCE, f"{where}.openers", "must be a non-empty list of lower-case words")
        followers = spec.get("adverb_followers", [])
        require(isinstance(followers, list) and all(isinstance(w, str) and w.isalpha() for w in followers), RESOURCE,
                f"{where}.adverb_followers", "must be a list of words")
        alternation = "|".join(sorted(words, key=len, reverse=True))
        comma = spec.get("after_comma_only", False)
        require(isinstance(comma, bool), RESOURCE, f"{where}.after_comma_only", "must be true or false")
        lead = r",[ ]{1,3}" if comma else r"(?<![\w'’-])"
        opener = re.compile(rf"{lead}(?P<clause>{alternation})(?![\w'’-])", re.IGNORECASE)
        dated = spec.get("dated_holds_all", False)
        require(isinstance(dated, bool), RESOURCE, f"{where}.dated_holds_all", "must be true or false")
        return ClauseKind(name, principle, opener, holds, examples,
                          adverb_followers=frozenset(w.lower() for w in followers), opened=True, dated_holds_all=dated)

    def _opened_clauses(self, kind: ClauseKind, sentence: str, date_start: int,
                        date_end: int) -> list[tuple[int, int, str]]:
        """Clauses opened by one of the kind's words up to the next stop, without the date: not
        one right after the date ("two days after the sides signed": the date is counted from
        it; "signed on Wednesday after six weeks of talks in Lome": how the row came about), nor
        an opener standing alone as an adverb ("soon after, ...")."""
        out = []
        for m in kind.opener.finditer(sentence):
            stop = self._stop.search(sentence, m.end())
            start, end = m.start("clause"), stop.start() if stop else len(sentence)
            if start <= date_start < end:
                if _ADJACENT.fullmatch(sentence, m.end(), date_start):
                    continue   # "until 7 December", "after 1990": the word is the date's preposition
                if kind.dated_holds_all:   # the date's own clause: the rest of the sentence is another
                    rest = [(0, len(sentence[:start].rstrip(" ,"))), (end, len(sentence))]
                    out.extend((a, b, kind.name) for a, b in rest if _FIRST_WORD.search(sentence, a, b))
                continue
            if date_end <= start and _ADJACENT.fullmatch(sentence, date_end, start):
                continue
            word = _FIRST_WORD.match(sentence, m.end(), end)
            if word is None or word.group(1).lower() in kind.adverb_followers:
                continue
            out.append((start, end, kind.name))
        return out

    def _joined(self, kind: ClauseKind, sentence: str, date_start: int, date_end: int) -> list[tuple[int, int, str]]:
        """Clauses joined by a break ("; ", "but") of which the later names its own subject (a
        word of subject_words, a capitalised word or a number right after the break): a later
        clause with its own subject than the date's, and all before a date's clause that opens
        with its own subject, are other clauses."""
        cuts = []   # (break start, next word's start, opens a clause with its own subject)
        for m in kind.opener.finditer(sentence):
            word = _FIRST_WORD.match(sentence, m.end())
            cuts.append((m.start(), word.start(1) if word else m.end(), self._opens_subject(sentence, m.end())))
        before = [c for c in cuts if c[1] <= date_start]
        out = []
        if before and before[-1][2]:
            out.append((0, len(sentence[:before[-1][0]].rstrip(" ,")), kind.name))
        after = next((c for c in cuts if c[0] >= date_end and c[2]), None)
        if after is not None:
            out.append((after[1], len(sentence), kind.name))
        return out

    @staticmethod
    def _example(where: str, e: Any) -> ClauseExample:
        require(isinstance(e, dict) and isinstance(e.get("sentence"), str) and isinstance(e.get("date"), str)
                and e["date"] in e["sentence"], RESOURCE, where, "needs a sentence and its date's words in it")
        parts = {}
        for key in ("other", "same"):
            value = e.get(key, [])
            require(isinstance(value, list) and all(isinstance(v, str) and v in e["sentence"] for v in value),
                    RESOURCE, f"{where}.{key}", "must be a list of stretches of the sentence")
            parts[key] = tuple(value)
        return ClauseExample(e["sentence"], e["date"], parts["other"], parts["same"])

    def _opens_subject(self, sentence: str, at: int) -> bool:
        """Whether the words at `at` (after a clause break) name the joined clause's own subject:
        a word of subject_words, a capitalised word or a number ("and the rebels left"); any
        other word goes on about the subject before ("and signed it", "and its army")."""
        word = _FIRST_WORD.match(sentence, at, at + 40)
        w = word.group(1) if word else ""
        return bool(w) and (w.lower() in self._subjects or w[0].isupper() or w[0].isdigit())

    def dated_clauses(self, sentence: str, points: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
        """For the time expressions at `points` ((start, end) offsets in `sentence`, in order),
        the clause each lies in, as (start, end, has its own subject): between two of them, the
        last of breaks_between_dates ("; ", ", and ", " but ") opens the second one's clause;
        with none between them they share one. A clause whose break is followed by its own
        subject ("and the rebels left") names its own; otherwise it continues the clause before
        ("and signed on Tuesday")."""
        cuts: list[tuple[int, int]] = []
        for (_, prev_end), (start, _) in zip(points, points[1:]):
            found = [m for m in self.dated_breaks.finditer(sentence, prev_end, start) if m.end() <= start]
            if found:
                cuts.append((found[-1].start(), found[-1].end()))
        if not cuts:
            return [(0, len(sentence), True)] * len(points)
        bounds = [0, *(a for a, _ in cuts), len(sentence)]
        opens = [True, *(self._opens_subject(sentence, end) for _, end in cuts)]
        spans = [(bounds[k], bounds[k + 1], opens[k]) for k in range(len(bounds) - 1)]
        out = []
        for start, _ in points:
            k = next(i for i, (a, b, _) in enumerate(spans) if start < b or i == len(spans) - 1)
            out.append(spans[k])
        return out

    def other_clauses(self, sentence: str, date_start: int, date_end: int) -> list[tuple[int, int, str]]:
        """The clauses of `sentence` other than the one of the date at [date_start, date_end)
        (offsets in it): (start, end, kind name) of each, in order of start, none inside another."""
        out: list[tuple[int, int, str]] = []
        for kind in self.kinds:
            if kind.joined:
                out.extend(self._joined(kind, sentence, date_start, date_end))
                continue
            if kind.opened:
                out.extend(self._opened_clauses(kind, sentence, date_start, date_end))
                continue
            for m in kind.opener.finditer(sentence):
                start, end = m.span("clause")
                stop = self._stop.search(sentence, end)
                if start <= date_start < (stop.start() if stop else len(sentence)):
                    continue   # the date is the frame's own ("the envoy said on Sunday")
                out.append((start, end, kind.name))
        out.sort()
        kept: list[tuple[int, int, str]] = []
        for span in out:   # one inside another adds nothing; one reaching past it does
            if not kept or span[1] > kept[-1][1]:
                kept.append(span)
        return kept


def _break_pattern(breaks: Any, where: str) -> re.Pattern[str]:
    """One alternation of clause breaks, each its words bounded where they start or end with a
    letter ("but" is not "rebuttal")."""
    require(isinstance(breaks, list) and breaks and all(isinstance(b, str) and b.strip(" ") for b in breaks), RESOURCE,
            where, "must be a non-empty list of phrases")
    return re.compile("|".join(
        ("(?<![\\w-])" if b.strip()[:1].isalpha() else "") + r"[ ]{1,3}".join(map(re.escape, b.split()))
        + ("(?![\\w-])" if b.strip()[-1:].isalpha() else "")
        for b in sorted(breaks, key=len, reverse=True)))


@functools.cache
def clause_reader() -> ClauseReader:
    return ClauseReader(load_yaml(RESOURCE))
