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
from timeline.temporal.rulebook import OPENING_MARKS, rulebook
from timeline.temporal.types import TimeExpression

SPEECH_FILE = "temporal/speech.yaml"
_SAID_MAX = 60  # characters of the attribution quoted in an explanation
# The spaces and tabs a blank line may hold, which ends a quotation (the width of a line: wider
# is no blank line an editor or a web page leaves, and no repeat may run on without limit).
_BLANK_LINE_WIDTH = 80
_REACHES = ("attribution_reach", "attribution_verb_reach", "introduction_reach", "verb_date_reach", "verb_date_words",
            "sentence_reach", "quotation_max_chars")
_WORD_LISTS = ("clause_openers", "pronouns", "not_speech_date_after", "deictic_kinds", "day_openers")
# Punctuation between a verb and a day puts them in different clauses ("clashed last Friday, said").
_PUNCTUATION = re.compile(r"[,;:.!?()\[\]\"“”‘’«»—–]|\s-\s|``|''")


@dataclass(frozen=True)
class SpeechRules:
    quotation: re.Pattern[str]        # a whole quotation (quotations())
    speech_verbs: re.Pattern[str]
    dating_verbs: re.Pattern[str]     # verbs of saying and of announcing
    counted: frozenset[str]           # rules whose expressions count from an announcement
    deictic: frozenset[str]           # kinds of expression a quotation's day re-anchors
    clause_openers: frozenset[str]    # words that open a reported clause: a day after them is its own
    pronouns: frozenset[str]          # subjects that refer to the speaker named before
    not_speech_date_after: frozenset[str]  # "since", "until": the day they lead is no speech act's
    sentence_opening: re.Pattern[str]  # what may stand before a day opening its sentence ("On Saturday, ...")
    verb_date_words: int
    attribution_verb_reach: int
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
    require(isinstance(words, list) and words and all(isinstance(w, str) and re.fullmatch(r"[a-z_]+", w)
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
    for key in _REACHES:
        require(isinstance(data.get(key), int) and data[key] > 0, SPEECH_FILE, key, "must be a positive number")
    speech = _words(data, "speech_verbs")
    announcing = _words(data, "announcement_verbs")
    counted = data.get("counted_from_announcement")
    require(isinstance(counted, list) and all(isinstance(c, str) for c in counted), SPEECH_FILE,
            "counted_from_announcement", "must be a list of rule names")
    lists = {key: frozenset(_words(data, key)) for key in _WORD_LISTS}
    from timeline.temporal.kinds import KINDS  # (kinds imports the normalisers, which import nothing of this)
    unknown = set(counted) - {rule.name for rule in rulebook().rules}
    require(not unknown, SPEECH_FILE, "counted_from_announcement", f"no such rule in rules.yaml: {sorted(unknown)}")
    unknown = lists["deictic_kinds"] - set(KINDS)
    require(not unknown, SPEECH_FILE, "deictic_kinds", f"no such kind: {sorted(unknown)}")
    return SpeechRules(_quotation([(o, c) for o, c in pairs], int(data["quotation_max_chars"])), _alternation(speech),
                       _alternation([*speech, *announcing]), frozenset(counted), lists["deictic_kinds"],
                       lists["clause_openers"], lists["pronouns"], lists["not_speech_date_after"],
                       re.compile(OPENING_MARKS + r"(?:(?:" + "|".join(map(re.escape, _words(data, "day_openers")))
                                  + r")\s{1,3})?", re.IGNORECASE),
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
    end), in text order. A quotation ends at the first closing mark of its opening one that no
    letter or digit follows ("don’t" holds an apostrophe); a blank line or more than
    quotation_max_chars of words make its opening mark a stray one. (One regex, `_quotation`:
    its branches exclude each other, so a failing start costs at most quotation_max_chars.)"""
    out = []
    for m in speech_rules().quotation.finditer(text):
        words = m.lastgroup
        out.append((m.start(), m.start(words), m.end(words), m.end()))
    return out


def _quotation(pairs: list[tuple[str, str]], limit: int) -> re.Pattern[str]:
    """A regex for a whole quotation between any pair of marks (group q<i>: its words)."""
    branches = []
    for i, (opening, closing) in enumerate(pairs):
        close = f"{re.escape(closing)}(?!\\w)"
        first = re.escape(closing[0])
        # a character of the words: not the closing mark's first one nor a line break, a line
        # break that is no blank line, or the closing mark's first character not closing here
        char = f"[^{first}\\n]|\\n(?![ \\t]{{0,{_BLANK_LINE_WIDTH}}}\\n)|(?!{close}){first}"
        branches.append(f"{re.escape(opening)}(?P<q{i}>(?:{char}){{0,{limit}}}){close}")
    return re.compile("|".join(branches))


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

    def speech_act(self, lo: int, hi: int, verbs: re.Pattern[str],
                   verb_within: tuple[int, int] | None = None) -> tuple[Utterance | None, re.Match[str] | None]:
        """The dated speech act told in text[lo:hi] outside quotations: a verb (starting within
        `verb_within`, if given) and a day date that belongs to it (`_dates`), the closest pair;
        and, when no pair is found, the verb nearest `verb_within` (an attribution without a date)."""
        if hi <= lo:
            return None, None
        days = self.days[bisect.bisect_left(self.day_starts, lo):bisect.bisect_left(self.day_starts, hi)]
        best: tuple[int, TimeExpression, re.Match[str]] | None = None
        undated = None
        for verb in verbs.finditer(self.text, lo, hi):
            if self.quoted(verb.start()) is not None:
                continue
            if verb_within is not None and not verb_within[0] <= verb.start() < verb_within[1]:
                continue
            undated = undated or verb
            for day in days:
                gap = self._dates(verb, day, lo)
                if gap is not None and day.end <= hi and (best is None or gap < best[0]):
                    best = (gap, day, verb)
        if best is None:
            return None, undated
        _, day, verb = best
        a, b = min(day.start, verb.start()), max(day.end, verb.end())
        said = " ".join(self.text[a:b].split())
        return Utterance(lo, hi, day.interval_start, said[:_SAID_MAX]), verb

    def _dates(self, verb: re.Match[str], day: TimeExpression, lo: int) -> int | None:
        """How far apart a verb and a day that dates it stand, or None if the day belongs to
        something else: the day follows the verb within a few words ("said in a statement on
        Friday"), with no punctuation, no "that" or subject pronoun opening a reported clause
        ("said they mounted a raid on Wednesday") and no "since"-like word before it; or it
        stands right before the verb ("X on Saturday said") or opens the sentence ("On
        Saturday, the minister said")."""
        text, r = self.text, self.rules
        if day.start >= verb.end():
            between = text[verb.end():day.start]
        else:
            between = text[day.end:verb.start()]
        if len(between) > r.verb_date_reach:
            return None
        words = between.split()
        if day.start >= verb.end():
            if _PUNCTUATION.search(between) or len(words) > r.verb_date_words \
                    or any(w.lower() in r.clause_openers for w in words) \
                    or (words and words[-1].lower() in r.not_speech_date_after):
                return None
            return len(between)
        if not _PUNCTUATION.search(between) and len(words) <= r.verb_date_words \
                and not any(w.lower() in r.clause_openers for w in words):
            return len(between)
        opening = text[max(lo, self.sentence_of(day.start)[0]):day.start]
        if r.sentence_opening.fullmatch(opening) and not _PUNCTUATION.sub("", between).strip() == "":
            return len(between)
        return None

    def attribution(self, quote: tuple[int, int, int, int]) -> Utterance | None:
        """The dated speech act of a quotation: its attribution right after it ('...," he said
        on Saturday') or right before it ('said on Saturday: "...'); failing that, when the
        quotation has no attribution of its own or a pronoun one ('he said'), the sentence
        before ('X spoke on Saturday. "...," he said')."""
        opening, words_start, words_end, closing = quote
        text, r = self.text, self.rules
        found = verb = None
        # after: unless the quotation ended its sentence ('... they left." The talks ...')
        rest = text[closing:closing + 3].lstrip()
        if not (text[words_start:words_end].rstrip().endswith(".") and rest[:1].isupper()):
            hi = min(self.sentence_of(closing)[1], closing + r.attribution_reach, len(text))
            k = bisect.bisect_left(self.quote_starts, closing)
            if k < len(self.quotes):
                hi = min(hi, self.quotes[k][0])
            found, verb = self.speech_act(closing, hi, r.speech_verbs, (closing, closing + r.attribution_verb_reach))
        start = self.sentence_of(opening)[0]
        if found is None:
            found, before = self.speech_act(max(start, opening - r.attribution_reach), opening, r.speech_verbs,
                                            (opening - r.attribution_verb_reach, opening))
            verb = verb or before
        if found is None and start > 0 and (verb is None or self._pronoun_attribution(verb)) \
                and not text[start:opening].strip():
            before = self.sentence_of(start - 1)[0]
            found, _ = self.speech_act(max(before, start - r.introduction_reach), start, r.speech_verbs)
        return found

    def _pronoun_attribution(self, verb: re.Match[str]) -> bool:
        """Whether a verb of saying has a pronoun for its subject ("he said", "said she"): the
        speaker named before."""
        text, pronouns = self.text, self.rules.pronouns
        before = text[max(0, verb.start() - 12):verb.start()].split()
        after = text[verb.end():verb.end() + 8].split()
        return bool((before and before[-1].lower() in pronouns)
                    or (after and after[0].strip(".,;").lower() in pronouns))


@functools.cache
def _deictic_rules() -> frozenset[str]:
    """The names of the rules whose expressions a speech act's day re-anchors."""
    deictic = speech_rules().deictic
    return frozenset(rule.name for rule in rulebook().rules if rule.kind in deictic)


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
    r = speech_rules()
    if not days or not any(e.rule in _deictic_rules() for e in found):
        return []
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
    ahead = [e for e in found if e.rule in r.counted and e.interval_end is not None and e.interval_end >= published]
    for count in ahead:
        if reader.quoted(count.start) is not None:
            continue  # a quotation speaks for its words (above)
        lo, hi = sentence_of(count.start)
        act, _ = reader.speech_act(max(lo, count.start - r.sentence_reach), min(hi, count.end + r.sentence_reach),
                                   r.dating_verbs)
        if act is not None:
            out.append(Utterance(count.start, count.end, act.day, act.said))
    out.extend(_entries(text, days, out))
    out.sort(key=lambda u: u.start)
    return out


def _entries(text: str, days: list[TimeExpression], said: list[Utterance]) -> list[Utterance]:
    """A diary's or a log's entries: a paragraph opening with a day before publication and a
    full stop ("Saturday, 20 June. General Nam Il's reply came across this morning") is written
    on that day; its "this morning", "yesterday", "today" are of it. Entries holding a quotation
    dated above are left to it."""
    out = []
    for e in days:
        if e.granularity != "day" or (e.start > 0 and text[e.start - 1] != "\n") \
                or not text.startswith(". ", e.end):
            continue
        end = text.find("\n", e.end)
        end = len(text) if end < 0 else end
        if any(u.start < end and e.end < u.end for u in said):
            continue
        out.append(Utterance(e.end, end, e.interval_start, f"the entry dated {e.text}"))
    return out
