"""Undated main events of ledes and headlines, dated to the publication day (inferred).

News ledes often tell the article's main event without a date ("Russia has ignored calls for a
cease-fire", "The opposition walked out of the talks"). A lede with an event cue in the present
perfect or the simple past, no time expression and no mention of its own becomes one row dated
to the publication day (`resources/lede.yaml` says which day per tense and why), marked
inferred in its date rule, with a low confidence and status occurred. The headline does the same
only when the lede has no event word at all. Never without a publication date, never for a
plan, a possibility, a denial, a question or a quotation (`blockers`), never when the lede
already has a dated mention of the same kind of event. When the body dates an event of the same
kind, with the same cue word or a name in common, in the `same_event_days` before publication,
that is the lede's event told again: the lede takes its day.

Reads at most the heading lines and `lede_sentences` sentences of `lede_max_chars` each: its
cost does not grow with the article.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from timeline import schema
from timeline.datafiles import load_yaml, require
from timeline.extract.event_types import classify
from timeline.extract.sentences import Sentence
from timeline.temporal.rulebook import WORD_GAP
from timeline.temporal.types import TimeExpression

RESOURCE = "lede.yaml"
KINDS = ("present_perfect", "simple_past", "headline")
SAME_EVENT = "same_event"   # the lede's event told again, with a date, later in the article
_HEADINGS_MAX = 4      # heading lines (headline, subtitle, byline, dateline) read before the body
_ADVERBS_MAX = 2       # adverbs between an auxiliary and its participle
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_QUOTED = re.compile(r"“[^”]{0,600}”?|\"[^\"]{0,600}\"?|``.{0,600}?(?:''|$)")
_OPENING_QUOTE = re.compile(r"\s{0,3}(?:[“\"‘']|``)")  # (a sentence's text is stripped)
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_QUESTION = re.compile(r"\?[\"'”’»)\]]*$")
# "Rebels to Sign Deal": a word, "to", a capitalised word.
_HEADLINE_TO = re.compile(r"([^\W\d_]+)\s{1,3}to\s{1,3}[A-Z]")


@dataclass(frozen=True, slots=True)
class LedeRules:
    lede_sentences: int
    lede_max_chars: int
    heading_max_chars: int
    same_event_days: int
    offset_days: dict[str, int]
    confidence: dict[str, float]
    rule_text: dict[str, str]
    perfect_auxiliaries: frozenset[str]
    past_auxiliaries: frozenset[str]
    adverbs: frozenset[str]
    present_forms: frozenset[str]
    participle_followers: frozenset[str]
    passive_auxiliaries: frozenset[str]
    irregular_past: frozenset[str]
    irregular_participles: frozenset[str]
    not_past: frozenset[str]
    determiners: frozenset[str]
    blockers: re.Pattern[str]
    relative_opener: re.Pattern[str]
    saying_verbs: frozenset[str]
    headline_to_after: frozenset[str]
    cohesion_sentences: int
    cohesion_min_following: int
    cohesion_prefix: int
    cohesion_stopwords: frozenset[str]
    examples: tuple[tuple[str, str, str | None], ...]


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    require(isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value),
            RESOURCE, key, "must be a non-empty list of words")
    return frozenset(v.lower().replace("’", "'") for v in value)


def _per_kind(data: dict[str, Any], key: str, kind: type, kinds: tuple[str, ...] = KINDS) -> dict[str, Any]:
    value = data.get(key)
    require(isinstance(value, dict) and set(value) == set(kinds)
            and all(isinstance(v, kind) and not isinstance(v, bool) for v in value.values()),
            RESOURCE, key, f"must give a {kind.__name__} for each of {', '.join(kinds)}")
    return dict(value)


def _phrase_pattern(phrases: frozenset[str], endings: frozenset[str]) -> re.Pattern[str]:
    """Whole words or phrases (longest first), or words with one of `endings` ("hasn't")."""
    def body(p: str) -> str:
        return WORD_GAP.join(re.escape(w).replace("'", "['’]") for w in p.split())
    whole = r"(?<![\w'’])(?:" + "|".join(body(p) for p in sorted(phrases, key=len, reverse=True)) + ")"
    ends = r"(?<=\w)(?:" + "|".join(body(e) for e in sorted(endings, key=len, reverse=True)) + ")"
    return re.compile(r"(?:" + whole + "|" + ends + r")(?![\w'’])", re.IGNORECASE)


@functools.cache
def rules() -> LedeRules:
    data = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    numbers = {}
    for key in ("lede_sentences", "lede_max_chars", "heading_max_chars", "same_event_days"):
        require(isinstance(data.get(key), int) and data[key] >= 0, RESOURCE, key, "must be a whole number >= 0")
        numbers[key] = data[key]
    offsets = _per_kind(data, "offset_days", int)
    require(all(0 <= v <= 1 for v in offsets.values()), RESOURCE, "offset_days", "must be 0 or 1 (days before publication)")
    confidence = {k: float(v) for k, v in _per_kind(data, "confidence", float, (*KINDS, SAME_EVENT)).items()}
    require(all(0 < v < 0.5 for v in confidence.values()), RESOURCE, "confidence",
            "must lie between 0 and 0.5: an inferred date is weaker than any dated row")
    texts = _per_kind(data, "rule_text", str, (*KINDS, SAME_EVENT))
    require(all("{day}" in t and "inferred" in t for t in texts.values()), RESOURCE, "rule_text",
            "each must hold {day} and say 'inferred'")
    examples = []
    for i, ex in enumerate(data.get("examples") or []):
        require(isinstance(ex, list) and len(ex) == 3 and isinstance(ex[0], str) and isinstance(ex[1], str)
                and (ex[2] is None or (isinstance(ex[2], str) and len(ex[2].split()) == 2)),
                RESOURCE, f"examples[{i}]", "must be [text, published YYYY-MM-DD, none or '<type> <YYYY-MM-DD>']")
        examples.append((ex[0], ex[1], ex[2]))
    require(bool(examples), RESOURCE, "examples", "needs examples")
    cohesion = data.get("cohesion")
    require(isinstance(cohesion, dict) and all(isinstance(cohesion.get(k), int) and cohesion[k] > 0
                                               for k in ("sentences", "min_following", "prefix")),
            RESOURCE, "cohesion", "needs whole numbers sentences, min_following and prefix, and stopwords")
    return LedeRules(
        lede_sentences=numbers["lede_sentences"], lede_max_chars=numbers["lede_max_chars"],
        heading_max_chars=numbers["heading_max_chars"], same_event_days=numbers["same_event_days"],
        offset_days=offsets, confidence=confidence, rule_text=texts,
        perfect_auxiliaries=_words(data, "perfect_auxiliaries"), past_auxiliaries=_words(data, "past_auxiliaries"),
        adverbs=_words(data, "adverbs"), present_forms=_words(data, "present_forms"),
        participle_followers=_words(data, "participle_followers"),
        passive_auxiliaries=_words(data, "passive_auxiliaries"), irregular_past=_words(data, "irregular_past"),
        irregular_participles=_words(data, "irregular_participles"), not_past=_words(data, "not_past"),
        determiners=_words(data, "determiners"), blockers=_phrase_pattern(_words(data, "blockers"), _words(data, "blocker_endings")),
        relative_opener=re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(_words(data, "relative_openers"))))
                                   + r")(?!\w)", re.IGNORECASE),
        saying_verbs=_words(data, "saying_verbs"),
        headline_to_after=_words(data, "headline_to_after"), cohesion_sentences=cohesion["sentences"],
        cohesion_min_following=cohesion["min_following"], cohesion_prefix=cohesion["prefix"],
        cohesion_stopwords=_words(cohesion, "stopwords"), examples=tuple(examples))


# Reading one sentence ----------------------------------------------------------------------------
def _unquoted(text: str) -> str:
    """`text` with its quotations blanked (same length): what was said is not the lede's event."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def tense(text: str, r: LedeRules | None = None) -> str | None:
    """ "present_perfect", "simple_past" or None: the tense of the first finite verb form of
    `text`, when it tells a completed event ("has formally suspended", "was expelled", "walked
    out", "met"); None when it is a present form or a state ("is", "has no", "was so")."""
    found = _verb(text, r or rules())
    return None if found is None else found[0]


def _verb(text: str, r: LedeRules) -> tuple[str, int] | None:
    """(tense, offset of the verb) of `tense`."""
    matches = list(_WORD.finditer(text))
    words = [m.group() for m in matches]
    lows = [w.lower().replace("’", "'") for w in words]
    for i, low in enumerate(lows):
        aux_perfect = low in r.perfect_auxiliaries or low.endswith("'ve")
        if aux_perfect or low in r.past_auxiliaries:
            j = i + 1
            while j < len(lows) and j - i <= _ADVERBS_MAX and lows[j] in r.adverbs:
                j += 1
            if j < len(lows) and lows[j] in r.passive_auxiliaries:
                j += 1   # "has been killed": the participle after "been" decides
            if j < len(lows) and _participle(lows[j], r):
                return ("present_perfect" if aux_perfect else "simple_past"), matches[j].start()
            return None
        if low in r.present_forms:
            return None
        if (_past_form(low, r) and "-" not in low and (i == 0 or not words[i][0].isupper())
                and (i == 0 or lows[i - 1] not in r.determiners) and not _modifier(lows, i, r)):
            return "simple_past", matches[i].start()
    return None


def _modifier(lows: list[str], i: int, r: LedeRules) -> bool:
    """Whether the past form at i is a participle describing a noun, not the verb: a verb or
    "by" follows it ("The opinions expressed are ...", "Zlitan, controlled by Gaddafi, ...")."""
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    return nxt in r.participle_followers or nxt in r.present_forms or nxt in r.past_auxiliaries \
        or nxt in r.perfect_auxiliaries


def _participle(low: str, r: LedeRules) -> bool:
    return low in r.irregular_participles or (len(low) >= 4 and low.endswith("ed") and "-" not in low)


def _past_form(low: str, r: LedeRules) -> bool:
    return low in r.irregular_past or (len(low) >= 5 and low.endswith("ed") and low not in r.not_past)


def _plan_headline(text: str, r: LedeRules) -> bool:
    """ "Rebels to Sign Deal This Week": a headline's "Name to Verb" tells a plan."""
    return any(m.group(1).lower() not in r.headline_to_after for m in _HEADLINE_TO.finditer(text))


def reading(text: str, headline: bool = False, r: LedeRules | None = None) -> tuple[str, str, str] | None:
    """(kind, event type, cue) of a lede (or headline) sentence without a date, or None when it tells
    no completed event: no event cue outside quotations, a blocker, a question, a quotation."""
    r = r or rules()
    if _OPENING_QUOTE.match(text) or _QUESTION.search(text.rstrip()):
        return None
    plain = _unquoted(text)
    if headline:
        if r.blockers.search(plain) or _plan_headline(plain, r):
            return None
        kind = classify(plain, 0, 0, by_distance=False)
        return None if kind.cue is None else ("headline", kind.event_type, kind.cue)
    found = _verb(plain, r)
    if found is None or r.blockers.search(plain, 0, _main_clause_end(plain, found[1], r)):
        return None
    # The event is what the verb does: cues score by their distance from it, as from a date
    # ("have accepted a plan ..., although sporadic fighting" is an agreement).
    kind = classify(plain, found[1], found[1])
    return None if kind.cue is None else (found[0], kind.event_type, kind.cue)


def _main_clause_end(text: str, verb_at: int, r: LedeRules) -> int:
    """Where a relative clause after the verb at `verb_at` begins (lede.yaml relative_openers),
    or the end of `text`: "that" after a verb of saying opens what was said, not a relative."""
    for m in r.relative_opener.finditer(text, verb_at):
        before = text[max(0, m.start() - 30):m.start()].split()
        if not before or before[-1].lower().strip(",") not in r.saying_verbs:
            return m.start()
    return len(text)


def has_cue(text: str) -> bool:
    return classify(_unquoted(text), 0, 0, by_distance=False).cue is not None


_OF = re.compile(r"\s{1,3}of\b")


def dates_a_lede(text: str, timex: TimeExpression) -> bool:
    """Whether a time expression in a lede says when (then the lede is not undated): any does
    ("for five years", "now"), except a length that describes a noun: "seven years of war"."""
    return not (timex.type == "DURATION" and _OF.match(text, timex.end))


# The article's top ---------------------------------------------------------------------------------
def top(text: str, sentences: Sequence[Sentence], r: LedeRules | None = None) -> tuple[int | None, list[int]]:
    """(index of the headline or None, indices of the lede sentences): heading lines (short lines
    of their own without a full stop: headline, subtitle, byline, dateline) come first; the
    first of them is the headline when it opens the text."""
    r = r or rules()
    i = 0
    while i < min(len(sentences) - 1, _HEADINGS_MAX):
        s = sentences[i]
        line_of_its_own = text[s.end:s.end + 1] in ("\n", "") and (s.start == 0 or text[s.start - 1] == "\n")
        if not line_of_its_own or len(s.text) > r.heading_max_chars or _TERMINAL.search(s.text) or "\n" in s.text:
            break
        i += 1
    headline = 0 if i > 0 and not text[:sentences[0].start].strip() else None
    return headline, list(range(i, min(len(sentences), i + r.lede_sentences)))


# Rows --------------------------------------------------------------------------------------------
def lede_rows(text: str, sentences: Sequence[Sentence], timed_sentences: set[int],
              rows_by_sentence: dict[int, list[dict[str, Any]]], dated_rows: Sequence[dict[str, Any]],
              published: dt.date | None, doc_id: str,
              who: Callable[[int], tuple[list[str], list[str]]]) -> list[dict[str, Any]]:
    """The inferred rows of an article's lede or headline (at most one).

    `timed_sentences`: indices of sentences holding a time expression that says when (see
    `dates_a_lede`; datelines aside); `rows_by_sentence`: the rows made for each sentence;
    `dated_rows`: every row of the article (the same event told again with its date); `who(i)`:
    the actors and places of sentence i."""
    if published is None or not sentences:
        return []
    r = rules()
    headline, lede = top(text, sentences, r)
    candidates: list[tuple[int, bool]] = []
    for i in lede:
        s = sentences[i]
        if rows_by_sentence.get(i) or i in timed_sentences or len(s.text) > r.lede_max_chars:
            break   # the lede is dated (or inherited): the main event is on the timeline
        if has_cue(s.text):
            candidates.append((i, False))
            break
        # A first sentence without an event word (a scene, a dateline): the lede goes on.
    else:
        if headline is not None and headline not in timed_sentences and not rows_by_sentence.get(headline):
            candidates.append((headline, True))
    for i, is_headline in candidates:
        s = sentences[i]
        found = reading(s.text, headline=is_headline, r=r)
        if found is None or not _coheres(sentences, i, r):
            return []
        kind, event_type, cue = found
        actors, places = who(i)
        told = _told_later(dated_rows, event_type, cue, set(actors) | set(places), published, r.same_event_days)
        if told is not None:
            kind, day = SAME_EVENT, schema.as_day(told[schema.DATE_START])
            # The same event told again where the article says where ("have agreed to a ceasefire"
            # ... "signed the declaration on Wednesday evening in the Sudanese capital").
            places = places or list(told[schema.LOCATIONS])
        else:
            day = published - dt.timedelta(days=r.offset_days[kind])
        return [_row(s, kind, event_type, day, actors, places, doc_id, r)]
    return []


def _coheres(sentences: Sequence[Sentence], i: int, r: LedeRules) -> bool:
    """Whether sentence i shares a word with one of the next few sentences (or too few follow
    to tell): a lede introduces what the article goes on about."""
    following = sentences[i + 1:i + 1 + r.cohesion_sentences]
    if len(following) < r.cohesion_min_following:
        return True
    own = _stems(sentences[i].text[:r.lede_max_chars], r)
    return any(own & _stems(s.text[:r.lede_max_chars], r) for s in following)


def _stems(text: str, r: LedeRules) -> set[str]:
    n = r.cohesion_prefix
    return {w[:n] for w in (m.group().lower() for m in _WORD.finditer(text))
            if len(w) >= n and w not in r.cohesion_stopwords}


def _told_later(rows: Sequence[dict[str, Any]], event_type: str, cue: str, names: set[str],
                published: dt.date, days: int) -> dict[str, Any] | None:
    """The first occurred event of this type the article dates to a day (or a time
    of day) in the `days` before publication (or on it), with the lede's cue word or one of its
    actors or places: the lede's event told again with its date ("have agreed to a ceasefire"
    ... "signed the declaration on Wednesday evening"). The troops' withdrawal to Gao on Monday
    is not the rebels' capture of Kidal."""
    first = published - dt.timedelta(days=days)
    cue_re = re.compile(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", re.IGNORECASE)
    for row in rows:
        if (row[schema.EVENT_TYPE] == event_type and row[schema.STATUS] == "occurred"
                and row[schema.GRANULARITY] in ("day", "time")
                and first <= schema.as_day(row[schema.DATE_START]) <= published
                # Names the row's own sentence gave: not those the discourse lent it (context_rule).
                and ((not row.get(schema.CONTEXT_RULE) and names & {*row[schema.ACTORS], *row[schema.LOCATIONS]})
                     or cue_re.search(row[schema.SENTENCE]))):
            return row
    return None


def _row(s: Sentence, kind: str, event_type: str, day: dt.date, actors: list[str], places: list[str],
         doc_id: str, r: LedeRules) -> dict[str, Any]:
    key = f"{doc_id}|lede|{s.start}|{day.isoformat()}"
    return {
        schema.DOC_ID: doc_id,
        schema.EVENT_ID: hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        schema.DATE_START: day,
        schema.DATE_END: day,
        schema.GRANULARITY: "day",
        schema.TIMEX_TEXT: "",          # no time expression: the date is inferred
        schema.TIMEX_VALUE: day.isoformat(),
        schema.TIMEX_START: None,
        schema.TIMEX_END: None,
        schema.DATE_RULE: r.rule_text[kind].format(day=day.isoformat()),
        schema.DATE_INHERITED: False,
        schema.EVENT_TYPE: event_type,
        schema.STATUS: "occurred",
        schema.ACTORS: list(actors),
        schema.LOCATIONS: list(places),
        schema.SENTENCE: s.text,
        schema.CHAR_START: s.start,
        schema.CHAR_END: s.end,
        schema.CONFIDENCE: r.confidence[kind],
    }

