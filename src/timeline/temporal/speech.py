"""Reported speech and announcements: the day words were said, as the "now" of the time
expressions they hold (rules and reasons: resources/temporal/speech.yaml).

1. A quotation whose attribution dates its speech act ('X said on Saturday: "... yesterday ..."')
   speaks from that day. Indirect speech keeps the article's anchor.
2. A count to come ("in two weeks", "within 10 days") counts from the dated announcement of its
   sentence.

`utterances` reads the expressions the tagger resolved against the publication date and returns
the stretches of text whose "now" is another day; the tagger then resolves those again. Each
quotation and each count reads a bounded stretch around it: the cost is linear in the text.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from timeline.datafiles import load_yaml, require
from timeline.temporal.types import TimeExpression

SPEECH_FILE = "temporal/speech.yaml"
_BLANK_LINE = r"\n[ \t]*\n"
_SAID_MAX = 60  # characters of the attribution quoted in an explanation
_REACHES = ("attribution_reach", "introduction_reach", "verb_date_reach", "sentence_reach", "quotation_max_chars")


@dataclass(frozen=True)
class SpeechRules:
    marks: re.Pattern[str]            # every quotation mark, and blank lines (group "blank")
    closing: dict[str, frozenset[str]]  # opening mark -> the marks that close it
    speech_verbs: re.Pattern[str]
    dating_verbs: re.Pattern[str]     # verbs of saying and of announcing
    counted: frozenset[str]           # rules whose expressions count from an announcement
    attribution_reach: int
    introduction_reach: int
    verb_date_reach: int
    sentence_reach: int
    quotation_max_chars: int


@dataclass(frozen=True)
class Example:
    text: str
    published: str
    expression: str
    value: str
    interval: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Utterance:
    """Text in [start, end) was said on `day` (`said`: the words that tell so)."""

    start: int
    end: int
    day: dt.date
    said: str


def _words(data: dict, key: str) -> list[str]:
    words = data.get(key)
    require(isinstance(words, list) and words and all(isinstance(w, str) and re.fullmatch(r"[a-z]+", w)
                                                      for w in words),
            SPEECH_FILE, key, "must be a non-empty list of lower-case words")
    return words


def _alternation(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")(?!\w)",
                      re.IGNORECASE)


@functools.cache
def speech_rules() -> SpeechRules:
    """The validated rules of speech.yaml (read once)."""
    data = load_yaml(SPEECH_FILE)
    require(isinstance(data, dict), SPEECH_FILE, "top level", "expected a mapping")
    pairs = data.get("quotation_marks")
    require(isinstance(pairs, list) and pairs and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x and not x.isalnum() for x in p)
        for p in pairs), SPEECH_FILE, "quotation_marks", "must be a list of [opening, closing] marks")
    closing: dict[str, set[str]] = {}
    for opening, close in pairs:
        closing.setdefault(opening, set()).add(close)
    marks = {m for p in pairs for m in p}
    marks_re = re.compile("|".join(sorted(map(re.escape, marks), key=len, reverse=True)) + f"|(?P<blank>{_BLANK_LINE})")
    for key in _REACHES:
        require(isinstance(data.get(key), int) and data[key] > 0, SPEECH_FILE, key, "must be a positive number")
    speech = _words(data, "speech_verbs")
    announcing = _words(data, "announcement_verbs")
    counted = data.get("counted_from_announcement")
    require(isinstance(counted, list) and all(isinstance(c, str) for c in counted), SPEECH_FILE,
            "counted_from_announcement", "must be a list of rule names")
    return SpeechRules(marks_re, {k: frozenset(v) for k, v in closing.items()}, _alternation(speech),
                       _alternation([*speech, *announcing]), frozenset(counted),
                       **{key: int(data[key]) for key in _REACHES})


def examples() -> list[Example]:
    """The examples of speech.yaml, each a test."""
    out = []
    for i, ex in enumerate(load_yaml(SPEECH_FILE).get("examples") or []):
        where = f"example {i + 1}"
        require(isinstance(ex, dict) and all(isinstance(ex.get(k), str) for k in ("text", "expression"))
                and ex.get("value") is not None and ex.get("published") is not None,
                SPEECH_FILE, where, "needs text, published, expression and value")
        interval = ex.get("interval")
        out.append(Example(ex["text"], str(ex["published"]), ex["expression"], str(ex["value"]),
                           tuple(str(d) for d in interval) if interval else None))
    return out


def quotations(text: str) -> list[tuple[int, int, int, int]]:
    """The quotations of `text`, as (opening mark start, words start, words end, closing mark
    end), in text order. A quotation ends at a closing mark of its opening one; a blank line or
    more than quotation_max_chars of words make its opening mark a stray one."""
    r = speech_rules()
    out = []
    current: tuple[int, int, frozenset[str]] | None = None
    for m in r.marks.finditer(text):
        if current is not None and m.start() - current[1] > r.quotation_max_chars:
            current = None
        if m.group("blank"):
            current = None
        elif current is not None and m.group() in current[2]:
            out.append((current[0], current[1], m.start(), m.end()))
            current = None
        elif current is None and m.group() in r.closing:
            current = (m.start(), m.end(), r.closing[m.group()])
    return out


class _Reader:
    """What the search for speech acts reads: the quotations, the dated days outside them, the
    verbs near a place (each stretch searched once per question, bounded)."""

    def __init__(self, text: str, days: list[TimeExpression], sentence_of: Callable[[int], tuple[int, int]]) -> None:
        self.text, self.sentence_of, self.rules = text, sentence_of, speech_rules()
        self.quotes = quotations(text)
        self.quote_starts = [q[0] for q in self.quotes]
        self.days = [e for e in days if self.quoted(e.start) is None]  # told outside quotation marks
        self.day_starts = [e.start for e in self.days]

    def near_day(self, lo: int, hi: int) -> bool:
        """Whether a day that can date a speech act lies in [lo, hi) (a cheap first look)."""
        k = bisect.bisect_left(self.day_starts, lo)
        return k < len(self.days) and self.days[k].start < hi

    def quoted(self, at: int) -> tuple[int, int, int, int] | None:
        """The quotation whose words hold offset `at`, if any."""
        k = bisect.bisect_right(self.quote_starts, at) - 1
        if k >= 0 and self.quotes[k][1] <= at < self.quotes[k][2]:
            return self.quotes[k]
        return None

    def speech_act(self, lo: int, hi: int, verbs: re.Pattern[str]) -> Utterance | None:
        """The dated speech act told in text[lo:hi] outside quotations: a verb and a day date
        at most verb_date_reach apart (the closest pair)."""
        if hi <= lo:
            return None
        days = self.days[bisect.bisect_left(self.day_starts, lo):bisect.bisect_left(self.day_starts, hi)]
        if not days:
            return None
        best: tuple[int, TimeExpression, re.Match[str]] | None = None
        reach = self.rules.verb_date_reach
        for verb in verbs.finditer(self.text, lo, hi):
            if self.quoted(verb.start()) is not None:
                continue
            for day in days:
                gap = day.start - verb.end() if day.start >= verb.end() else verb.start() - day.end
                if 0 <= gap <= reach and day.end <= hi and (best is None or gap < best[0]):
                    best = (gap, day, verb)
        if best is None:
            return None
        _, day, verb = best
        a, b = min(day.start, verb.start()), max(day.end, verb.end())
        said = " ".join(self.text[a:b].split())
        return Utterance(lo, hi, day.interval_start, said[:_SAID_MAX])

    def attribution(self, quote: tuple[int, int, int, int]) -> Utterance | None:
        """The dated speech act of a quotation: in the rest of its sentence after it ('...," he
        said on Saturday'), before it ('said on Saturday: "...'), or, for a quotation opening its
        sentence, in the sentence before ('X spoke on Saturday. "..." he said')."""
        opening, words_start, words_end, closing = quote
        text, r = self.text, self.rules
        found = None
        # after: unless the quotation ended its sentence ('... they left." The talks ...')
        rest = text[closing:closing + 3].lstrip()
        if not (text[words_start:words_end].rstrip().endswith(".") and rest[:1].isupper()):
            hi = min(self.sentence_of(closing)[1], closing + r.attribution_reach, len(text))
            k = bisect.bisect_left(self.quote_starts, closing)
            if k < len(self.quotes):
                hi = min(hi, self.quotes[k][0])
            found = self.speech_act(closing, hi, r.speech_verbs)
        start = self.sentence_of(opening)[0]
        if found is None:
            found = self.speech_act(max(start, opening - r.attribution_reach), opening, r.speech_verbs)
        if found is None and not text[start:opening].strip() and start > 0:
            before = self.sentence_of(start - 1)[0]
            found = self.speech_act(max(before, start - r.introduction_reach), start, r.speech_verbs)
        return found


def utterances(text: str, found: list[TimeExpression], published: dt.date | None,
               sentence_of: Callable[[int], tuple[int, int]]) -> list[Utterance]:
    """The stretches of `text` spoken on another day than `published`, sorted and apart: each
    quotation with a dated attribution, and each count to come ("in two weeks", expressions of
    the rules in counted_from_announcement) outside them whose sentence dates its announcement.
    `found`: the expressions resolved against `published`; `sentence_of(at)`: the (start, end)
    of the sentence holding offset `at`."""
    if published is None:
        return []
    # A speech act happened on one day other than publication, by then.
    days = [e for e in found if e.type in ("DATE", "TIME") and e.interval_start is not None
            and e.interval_start == e.interval_end and e.interval_start < published]
    if not days:
        return []
    r = speech_rules()
    reader = _Reader(text, days, sentence_of)
    out: list[Utterance] = []
    starts = [e.start for e in found]
    reach = r.attribution_reach + r.introduction_reach
    for quote in reader.quotes:
        k = bisect.bisect_left(starts, quote[1])
        if k == len(found) or found[k].start >= quote[2]:
            continue  # no time expression in its words
        if not (reader.near_day(quote[0] - reach, quote[0]) or reader.near_day(quote[3], quote[3] + reach)):
            continue  # no day nearby to date its speech act
        act = reader.attribution(quote)
        if act is not None:
            out.append(Utterance(quote[1], quote[2], act.day, act.said))
    for count in (e for e in found if e.rule in r.counted):
        if reader.quoted(count.start) is not None:
            continue  # a quotation speaks for its words (above)
        lo, hi = sentence_of(count.start)
        act = reader.speech_act(max(lo, count.start - r.sentence_reach), min(hi, count.end + r.sentence_reach),
                                r.dating_verbs)
        if act is not None:
            out.append(Utterance(count.start, count.end, act.day, act.said))
    out.sort(key=lambda u: u.start)
    return out
