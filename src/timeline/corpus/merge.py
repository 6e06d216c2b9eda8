"""Merging mentions into events: which dated sentences of a corpus tell the same happening.

Precise before eager. Candidates are only compared inside a small date window (blocking by day
and type family, at most `candidates` recent events per block: the cost is linear in the
mentions and bounded per mention), and they join only when their evidence agrees: compatible
event types, shared actors and places, shared content words, the same article. The weights are
data (`resources/chronology/merge.yaml`).

Three passes:
1. day-level mentions (a day, or a few days) merge greedily, oldest day first;
2. coarse mentions (a week, a month: "last month's truce", "next week's meeting") join the one
   day-level event inside their interval that fits them clearly, else merge among themselves;
3. a plan that was moved ("due to open on the 8th, opened on the 23rd") joins the event of the
   other date of its sentence as a postponed plan, and so do plans for the old day that the
   corpus holds with the same evidence.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from timeline import schema
from timeline.datafiles import load_yaml, require
from timeline.extract.actors import gazetteer as actor_gazetteer
from timeline.extract.discourse import COUNTRY_PLACE

RESOURCE = "chronology/merge.yaml"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# _WORD on ASCII text, where its letters are a-z and A-Z: the same words, found faster (a plain
# range is cheaper for the regex engine than a Unicode category; most sentences are ASCII)
_ASCII_WORD = re.compile(r"[a-zA-Z]+(?:'[a-zA-Z]+)?")
_EPOCH = np.datetime64("1970-01-01", "D")
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class MergeRules:
    family_of: dict[str, int]
    related: frozenset[tuple[int, int]]   # pairs of families that can tell one happening
    wildcard: str
    score: dict[str, float]
    days_apart: int
    day_level_span: int
    coarse_span: int
    candidates: int
    scored: int
    min_word_length: int
    stopwords: frozenset[str]
    plan_cues: frozenset[str]
    span_end_cues: frozenset[str]
    span_days: int
    plan_cue_reach: int
    plan_examples: tuple[tuple[str, str, str], ...]
    span_start_cues: frozenset[str] = frozenset()
    head_reach: int = 2
    plan_after_cues: frozenset[str] = frozenset()
    distinct_cues: frozenset[str] = frozenset()
    distinct_after_cues: tuple[str, ...] = ()
    time_of_day_cues: frozenset[str] = frozenset()
    # what a row's context_rule says when the discourse lent it actors or places (its sentence
    # may not name them), and how much a lent name weighs against a named one
    lent_actor_reasons: tuple[str, ...] = ()
    lent_place_reasons: tuple[str, ...] = ()
    lent_weight: float = 1.0

    def compatible(self, a: str, b: str) -> bool:
        if a == b or a == self.wildcard or b == self.wildcard:
            return True
        fa, fb = self.family_of.get(a), self.family_of.get(b)
        return fa is not None and fb is not None and (fa == fb or (min(fa, fb), max(fa, fb)) in self.related)

    def family(self, event_type: str) -> str:
        return f"family:{self.family_of[event_type]}" if event_type in self.family_of else event_type


@functools.cache
def rules() -> MergeRules:
    data: Any = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    family_of: dict[str, int] = {}
    for i, fam in enumerate(data.get("families") or []):
        require(isinstance(fam, list) and all(isinstance(t, str) for t in fam), RESOURCE,
                f"families[{i}]", "must be a list of event types")
        for t in fam:
            require(t not in family_of, RESOURCE, f"families[{i}]", f"{t!r} is in two families")
            family_of[t] = i
    related = set()
    for i, pair in enumerate(data.get("related_families") or []):
        require(isinstance(pair, list) and len(pair) == 2 and all(t in family_of for t in pair), RESOURCE,
                f"related_families[{i}]", "must be two event types listed in families")
        a, b = family_of[pair[0]], family_of[pair[1]]
        related.add((min(a, b), max(a, b)))
    score = data.get("score") or {}
    for name in ("same_type", "same_family", "shared_actors", "actor_conflict", "shared_places",
                 "place_conflict", "shared_words", "same_article", "same_day", "threshold", "coarse_margin",
                 "sole_event", "coarse_floor", "overnight", "shared_head", "lent_weight"):
        require(isinstance(score.get(name), (int, float)), RESOURCE, f"score.{name}", "must be a number")
    ints = {}
    for name in ("days_apart", "day_level_span", "coarse_span", "candidates", "scored", "min_word_length",
                 "plan_cue_reach", "span_days", "head_reach"):
        require(isinstance(data.get(name), int) and data[name] >= 0, RESOURCE, name, "must be a whole number >= 0")
        ints[name] = data[name]
    for name in ("stopwords", "plan_cues", "plan_after_cues", "span_end_cues", "span_start_cues", "distinct_cues",
                 "distinct_after_cues", "time_of_day_cues", "lent_actor_reasons", "lent_place_reasons"):
        require(isinstance(data.get(name), list) and all(isinstance(w, str) for w in data[name]),
                RESOURCE, name, "must be a list of words")
    examples = data.get("plan_examples") or []
    for i, ex in enumerate(examples):
        require(isinstance(ex, list) and len(ex) == 3 and all(isinstance(x, str) for x in ex), RESOURCE,
                f"plan_examples[{i}]", "must be [sentence, planned date as written, actual date as written]")
    return MergeRules(
        family_of=family_of, related=frozenset(related), wildcard=str(data.get("wildcard_type", "other")),
        score={k: float(v) for k, v in score.items()}, stopwords=frozenset(w.lower() for w in data["stopwords"]),
        plan_cues=frozenset(w.lower() for w in data["plan_cues"]),
        span_end_cues=frozenset(w.lower() for w in data["span_end_cues"]),
        span_start_cues=frozenset(w.lower() for w in data["span_start_cues"]),
        plan_after_cues=frozenset(w.lower() for w in data["plan_after_cues"]),
        distinct_cues=frozenset(w.lower() for w in data["distinct_cues"]),
        distinct_after_cues=tuple(w.lower() for w in data["distinct_after_cues"]),
        time_of_day_cues=frozenset(w.lower() for w in data["time_of_day_cues"]),
        lent_actor_reasons=tuple(data["lent_actor_reasons"]), lent_place_reasons=tuple(data["lent_place_reasons"]),
        lent_weight=float(score["lent_weight"]),
        plan_examples=tuple(tuple(ex) for ex in examples), **ints)


# --- features of one mention ----------------------------------------------------------------------
@dataclass(slots=True)
class Mention:
    index: int                # row in the mentions table
    event_id: str
    doc_id: str
    start: int                # days since 1970-01-01
    end: int
    event_type: str
    status: str
    actors: frozenset[str]
    places: frozenset[str]
    words: frozenset[str]
    sentence_key: tuple[str, int]   # (doc_id, char_start): mentions of one sentence
    timex_offset: int               # where the time expression starts inside the sentence
    sentence: str
    # words, "@actor", "#place", "%doc": what the candidate index holds. Each group is sorted:
    # the merge breaks ties between equally good events in the order it meets them through
    # these tokens, and a set's order follows string hashing, which differs between processes.
    tokens: tuple[str, ...] = ()
    # the actors and places the discourse lent the row and its sentence does not name
    lent_actors: frozenset[str] = frozenset()
    lent_places: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """A crude, cheap lemma so that "suspended", "suspends" and "suspension" meet: lower case,
    common English endings cut."""
    w = word.lower().replace("’", "'")
    for suffix, keep in (("'s", ""), ("ies", "y"), ("sion", "d"), ("tion", "t"), ("ing", ""), ("ed", ""),
                         ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: len(w) - len(suffix)] + keep
    return w


def content_words(sentence: str, r: MergeRules) -> frozenset[str]:
    """The content words of a text, lemma-ish, without stopwords and short words."""
    n, stop = r.min_word_length, r.stopwords
    text = sentence.lower()
    words = (_ASCII_WORD if text.isascii() else _WORD).findall(text)
    return frozenset([lemma(w) for w in words if len(w) >= n and w not in stop])


def mention_features(mentions: pd.DataFrame, r: MergeRules | None = None) -> list[Mention]:
    """One Mention per dated row of the (validated) mentions table; undated rows are skipped."""
    r = r or rules()
    starts = mentions[schema.DATE_START].to_numpy(dtype="datetime64[D]")
    ends = mentions[schema.DATE_END].to_numpy(dtype="datetime64[D]")
    ok = ~(np.isnat(starts) | np.isnat(ends))
    start_days = np.where(ok, (starts - _EPOCH).astype("int64", copy=False), 0).tolist()
    end_days = np.where(ok, (ends - _EPOCH).astype("int64", copy=False), 0).tolist()
    sentences = mentions[schema.SENTENCE].fillna("").astype(str).tolist()
    char_starts = mentions[schema.CHAR_START].fillna(-1).astype("int64").tolist()
    timex_starts = mentions[schema.TIMEX_START].fillna(-1).astype("int64").tolist()
    timex_ends = mentions[schema.TIMEX_END].fillna(-1).astype("int64").tolist()
    types = mentions[schema.EVENT_TYPE].fillna(r.wildcard).astype(str).tolist()
    statuses = mentions[schema.STATUS].fillna("occurred").astype(str).tolist()
    docs = mentions[schema.DOC_ID].fillna("").astype(str).tolist()
    ids = mentions[schema.EVENT_ID].fillna("").astype(str).tolist()
    actors = mentions[schema.ACTORS].tolist()
    places = mentions[schema.LOCATIONS].tolist()
    # A place guessed from the country the whole article is about is too coarse to tell two
    # happenings apart (a truce recalled "in Afghanistan" is the one announced from talks in Qatar).
    reasons = mentions[schema.CONTEXT_RULE].fillna("").astype(str).tolist() \
        if schema.CONTEXT_RULE in mentions.columns else [""] * len(mentions)
    guessed = [COUNTRY_PLACE in why for why in reasons]
    sentence_words: dict[str, frozenset[str]] = {}   # a sentence with several dates is read once
    date_words: dict[str, frozenset[str]] = {}       # "on Tuesday", "in February": few distinct ones
    # Most rows name one of a few actor and place lists: each distinct list is made a set (and
    # its index tokens) once.
    names: dict[tuple[str, tuple[str, ...]], tuple[frozenset[str], tuple[str, ...]]] = {}

    def named(prefix: str, value: object) -> tuple[frozenset[str], tuple[str, ...]]:
        key = (prefix, tuple(value) if type(value) is list else tuple(schema.as_str_list(value)))
        found = names.get(key)
        if found is None:
            values = frozenset(schema.as_str_list(value))
            found = names[key] = (values, tuple(sorted(prefix + v for v in values)))
        return found

    unnamed: dict[tuple[str, frozenset[str]], frozenset[str]] = {}   # a sentence's rows lent the same names

    def not_named(sentence: str, values: frozenset[str], forms: Any) -> frozenset[str]:
        key = (sentence, values)
        found = unnamed.get(key)
        if found is None:
            written = sentence.__contains__
            lent = [name for name in values if not any(map(written, forms(name)))]
            found = unnamed[key] = frozenset(lent) if lent else _NONE
        return found

    lends: dict[str, tuple[bool, bool]] = {}   # context_rule -> (lent actors, lent places): few distinct ones

    out = []
    for i in np.flatnonzero(ok).tolist():
        sent, cs = sentences[i], char_starts[i]
        span = (timex_starts[i] - cs, timex_ends[i] - cs) if cs >= 0 and timex_starts[i] >= 0 else None
        words = sentence_words.get(sent)
        if words is None:
            words = sentence_words[sent] = content_words(sent, r)
        if span is not None and 0 <= span[0] < span[1] <= len(sent):
            when = sent[span[0]:span[1]]
            own = date_words.get(when)
            if own is None:
                own = date_words[when] = content_words(when, r)
            if own:
                words = words - own  # its own date is no content
        acts, act_tokens = named("@", actors[i])
        plcs, place_tokens = named("#", [] if guessed[i] else places[i])
        doc, why = docs[i], reasons[i]
        lent_actors = lent_places = _NONE
        if why:
            lend = lends.get(why)
            if lend is None:
                lend = lends[why] = (any(x in why for x in r.lent_actor_reasons),
                                     any(x in why for x in r.lent_place_reasons))
            if acts and lend[0]:
                lent_actors = not_named(sent, acts, _actor_forms)
            if plcs and lend[1]:
                lent_places = not_named(sent, plcs, _place_forms)
        out.append(Mention(
            index=i, event_id=ids[i], doc_id=doc, start=start_days[i], end=end_days[i], event_type=types[i],
            status=statuses[i], actors=acts, places=plcs, words=words, sentence_key=(doc, cs),
            timex_offset=span[0] if span else -1, sentence=sent,
            tokens=(*sorted(words), *act_tokens, *place_tokens, "%" + doc),
            lent_actors=lent_actors, lent_places=lent_places))
    return out


@functools.lru_cache(maxsize=4096)
def _actor_forms(name: str) -> tuple[str, ...]:
    """How a sentence names an actor: its name, the gazetteer's aliases and demonyms ("Irish"),
    and a person's surname ("Hamdok" of "Abdalla Hamdok"). Found as they are written (a plain
    search, in C: the capital letter keeps "UN" out of "until")."""
    g = actor_gazetteer()
    forms = {name, *g.written_forms(name)}
    known = g.actors.get(name)
    if " " in name and (known is None or known.kind == "person"):
        forms.add(g.surnames.get(name) or name.rsplit(" ", 1)[1])
    return tuple(sorted(forms))


@functools.lru_cache(maxsize=4096)
def _place_forms(name: str) -> tuple[str, ...]:
    """How a sentence names a place: its name, or in capitals (a dateline's "BAKU")."""
    return (name, name.upper())


# --- events being built ---------------------------------------------------------------------------
# eq=False: an event is itself, hashed by identity (a Counter of candidate events counts in C;
# two events with equal contents are still two events)
@dataclass(slots=True, eq=False)
class Cluster:
    members: list[Mention] = field(default_factory=list)
    types: dict[str, int] = field(default_factory=dict)
    actors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    # the actors and places some member's sentence names (the others were only lent)
    named_actors: set[str] = field(default_factory=set)
    named_places: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    days: dict[int, int] = field(default_factory=dict)
    postponed: list[Mention] = field(default_factory=list)   # "due on the 8th" of "..., opened on the 23rd"
    old_plans: list[Mention] = field(default_factory=list)   # plans for the old date, from any article
    merged_into: Cluster | None = None
    kind: str = ""            # the main event type, kept up to date by `add`
    wildcard: str = "other"
    # what the decision rules read: the date intervals each sentence gave the event, and the
    # places and days each article gave it
    sentence_spans: dict[tuple[str, int], list[tuple[int, int]]] = field(default_factory=dict)
    doc_places: dict[str, set[str]] = field(default_factory=dict)
    doc_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)   # day-level ones
    covered: set[int] = field(default_factory=set)   # the days its day-level mentions cover
    timed_docs: set[str] = field(default_factory=set)   # articles that told it with a time of day
    day_level_span: int = 3   # the rules' day_level_span: which mentions date it to the day

    def add(self, m: Mention) -> None:
        self.members.append(m)
        t = m.event_type
        n = self.types[t] = self.types.get(t, 0) + 1
        kind = self.kind
        # the most frequent typed kind (ties: the greater name, as main_type)
        if t != self.wildcard and (not kind or kind == self.wildcard or n > self.types[kind]
                                   or (n == self.types[kind] and t > kind)):
            self.kind = t
        elif not kind:
            self.kind = t
        if m.actors:
            self.actors |= m.actors
            self.named_actors |= m.actors - m.lent_actors if m.lent_actors else m.actors
        if m.places:
            self.places |= m.places
            self.named_places |= m.places - m.lent_places if m.lent_places else m.places
        self.words |= m.words
        self.docs.add(m.doc_id)
        self.days[m.start] = self.days.get(m.start, 0) + 1
        if m.sentence_key[1] >= 0:
            self.sentence_spans.setdefault(m.sentence_key, []).append((m.start, m.end))
        self.doc_places.setdefault(m.doc_id, set()).update(m.places)
        if m.end - m.start < self.day_level_span:
            self.doc_spans.setdefault(m.doc_id, []).append((m.start, m.end))
            self.covered.update(range(m.start, m.end + 1))

    def main_type(self, wildcard: str) -> str:
        typed = [(n, t) for t, n in self.types.items() if t != wildcard]
        return max(typed, key=lambda x: (x[0], x[1]))[1] if typed else wildcard

    def root(self) -> Cluster:
        c = self
        while c.merged_into is not None:
            c = c.merged_into
        return c


def evidence(m: Mention, c: Cluster, r: MergeRules, *, day_level: bool = True, conflicts: bool = True) -> float:
    """How strongly mention `m` and event `c` are the same happening (points, see merge.yaml).
    Without `conflicts`, other actors and places cost nothing (a coarse mention recalled in a
    clause: its sentence's actors and places are those of the main clause)."""
    if not may_join(m, c, r):
        return float("-inf")
    s = r.score
    ctype = c.kind
    if m.event_type == ctype and ctype != r.wildcard:
        points = s["same_type"]
    elif r.compatible(m.event_type, ctype):
        same = r.family_of.get(m.event_type) == r.family_of.get(ctype) and r.wildcard not in (m.event_type, ctype)
        points = s["same_family"] if same else 0.0
    else:
        return float("-inf")
    # A coarse recall ("last month's truce") picks its event among those of its interval by what
    # its own sentence names: its lent names weigh less, the events' names all count.
    named_actors, named_places = (c.named_actors, c.named_places) if day_level else (c.actors, c.places)
    if m.actors and c.actors:
        points += _names_evidence(m.actors, m.lent_actors, c.actors, named_actors, r.lent_weight,
                                  s["shared_actors"], s["actor_conflict"] * conflicts)
    if m.places and c.places:
        points += _names_evidence(m.places, m.lent_places, c.places, named_places, r.lent_weight,
                                  s["shared_places"], s["place_conflict"] * conflicts)
    if m.words:
        points += s["shared_words"] * (len(m.words & c.words) / max(len(m.words), 3))
    if day_level:
        if m.doc_id in c.docs:
            points += s["same_article"]
        if m.start in c.days:
            points += s["same_day"]
    return points


def _names_evidence(mine: frozenset[str], lent: frozenset[str], theirs: set[str], named: set[str],
                    lent_weight: float, shared: float, conflict: float) -> float:
    """The points of two sets of names (actors, or places): `shared` times the share of the
    smaller set found in the other, else `conflict`. A name the discourse lent (its sentence
    does not name it: the mention's `lent`, the names of the event outside `named`) weighs
    `lent_weight` of a named one, for and against: an article lending its story's country to
    one telling of a happening and not to another is no evidence they differ."""
    common = mine & theirs
    if common:
        if not lent and len(named) == len(theirs):   # all named: the plain share
            return shared * (len(common) / min(len(mine), len(theirs)))
        weight = len(common) - (1.0 - lent_weight) * sum(1 for n in common if n in lent or n not in named)
        return shared * weight / min(len(mine), len(theirs))
    if (lent and not mine - lent) or not named:   # one side names none of its own
        return conflict * lent_weight
    return conflict


def may_join(m: Mention, c: Cluster, r: MergeRules) -> bool:
    """What the writing of the mention's own article rules out, whatever the other evidence:
    - one sentence dating two happenings ("signed late on Monday, after forces took Shusha on
      Sunday"): a mention does not join an event its sentence gave a date that does not overlap
      its own (a span's end and a moved plan are linked before, by their cues);
    - a day-level mention does not join an event of the day before or after unless its sentence,
      or its article's telling of that event, names a time of day (talks "late on Monday night",
      a statement "at 1 a.m. on Tuesday": overnight); a statement "on March 1" is not the signing
      "on Feb. 29", nor Friday's visit Thursday's press conference;
    - an article telling a second happening of a day ("Separately on Tuesday, ...", "... on Monday
      as well") or placing it elsewhere ("In Kabul on Saturday" after a signing in Doha): the
      mention does not join the event that article already dated that day."""
    if m.sentence_key[1] >= 0:
        spans = c.sentence_spans.get(m.sentence_key)
        if spans and all(e < m.start or s > m.end for s, e in spans):
            return False
    if not _is_day_level(m, r):
        return True
    if c.covered and not any(d in c.covered for d in range(m.start, m.end + 1)) \
            and m.doc_id not in c.timed_docs and not time_of_day(m, r):
        return False   # the day before or after, and neither it nor its article ran past midnight
    spans = c.doc_spans.get(m.doc_id)
    if not spans or all(e < m.start or s > m.end for s, e in spans):
        return True
    if distinct_cue(m, r):
        return False
    places = c.doc_places.get(m.doc_id)
    return not (m.places and places and m.places.isdisjoint(places))


def distinct_cue(m: Mention, r: MergeRules) -> bool:
    """Whether the sentence says it tells another happening than the one before it: a cue
    ("separately", "meanwhile") opening the sentence or just before the date, or one just after
    the date ("on Monday as well")."""
    return _distinct_cue(m.sentence, m.timex_offset, r.distinct_cues, r.distinct_after_cues, r.plan_cue_reach)


@functools.lru_cache(maxsize=100_000)
def _distinct_cue(sentence: str, offset: int, cues: frozenset[str], after_cues: tuple[str, ...],
                  reach: int) -> bool:
    if cues:
        opening = [w.lower() for w in _WORD.findall(sentence[:80])[:2]]
        if any(w in cues for w in opening) or _cue_before(sentence, offset, cues, reach):
            return True
    if after_cues and offset >= 0:
        after = " ".join(w.lower() for w in _WORD.findall(sentence[offset:offset + 60])[:5])
        return any(f" {cue} " in f" {after} " for cue in after_cues)
    return False


def time_of_day(m: Mention, r: MergeRules) -> bool:
    """Whether the mention's sentence names a time of day ("late on Monday night", "early on
    Friday", "at 3 a.m."): what tells a happening that ran past midnight."""
    return _time_of_day(m.sentence, r.time_of_day_cues)


@functools.lru_cache(maxsize=100_000)
def _time_of_day(sentence: str, cues: frozenset[str]) -> bool:
    lower = sentence.lower()
    found = [cue for cue in cues if cue in lower]   # most sentences name none: no tokenizing
    if not found:
        return False
    if any(not cue.isalpha() for cue in found):   # "3 a.m."
        return True
    return any(w in cues for w in _WORD.findall(lower))   # "early", not "nearly"


def _is_day_level(m: Mention, r: MergeRules) -> bool:
    return m.end - m.start < r.day_level_span


def plan_cue_before(m: Mention, r: MergeRules) -> bool:
    """Whether a plan cue ("due to open on", "scheduled for") stands just before the mention's
    date, or a deadline word just after it ("two days past their March 31 deadline")."""
    return cue_before(m, r.plan_cues, r) or cue_after(m, r.plan_after_cues, r)


def cue_after(m: Mention, cues: frozenset[str], r: MergeRules) -> bool:
    """Whether one of `cues` is among the first words from the mention's date on (the date's
    own words, then at most a word or two: "their March 31 deadline")."""
    if m.timex_offset < 0 or not cues:
        return False
    return any(w.lower() in cues for w in _WORD.findall(m.sentence[m.timex_offset:m.timex_offset + 40])[:4])


def cue_before(m: Mention, cues: frozenset[str], r: MergeRules) -> bool:
    """Whether one of `cues` stands at most `plan_cue_reach` words before the mention's date."""
    return _cue_before(m.sentence, m.timex_offset, cues, r.plan_cue_reach)


def _cue_before(sentence: str, offset: int, cues: frozenset[str], reach: int) -> bool:
    return bool(cues) and any(w in cues for w in _words_before(sentence, offset, reach))


@functools.lru_cache(maxsize=200_000)
def _words_before(sentence: str, offset: int, reach: int) -> tuple[str, ...]:
    """The last `reach` + 1 words before `offset`, lower case (read once for every cue list)."""
    if offset <= 0:
        return ()
    return tuple(w.lower() for w in _WORD.findall(sentence[max(0, offset - 200):offset])[-(reach + 1):])


_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[,;:()!?\"“”—–]|\.")


def head_words(m: Mention, r: MergeRules) -> frozenset[str]:
    """The content words next to the mention's date, in its clause: what the date modifies
    ("the December election", "last month's truce") or follows ("signed in July", "opened in
    late January"): up to `head_reach` content words before it and the first one after it.
    Words of the date itself and stopwords are skipped (they are not in `m.words`)."""
    if m.timex_offset < 0 or not m.words:
        return frozenset()
    heads: list[str] = []
    before = _TOKEN.findall(m.sentence[max(0, m.timex_offset - 120):m.timex_offset])
    for tok in reversed(before[-(2 * r.head_reach + 2):]):
        if not tok[0].isalpha():
            if tok != "." or not heads:
                break
            continue
        w = lemma(tok)
        if w in m.words and w not in r.stopwords:
            heads.append(w)
            if len(heads) >= r.head_reach:
                break
    after = _TOKEN.findall(m.sentence[m.timex_offset:m.timex_offset + 80])
    prev = ""
    for tok in after[:8]:
        if not tok[0].isalpha():
            if tok == "." and len(prev) <= 4 and lemma(prev) not in m.words:   # "Feb. 29"
                continue
            break
        w = lemma(tok)
        if w in m.words and w not in r.stopwords:   # "last month's truce": the truce
            heads.append(w)
            break
        prev = tok
    return frozenset(heads)


def _coarse_candidates(m: Mention, by_token: dict[str, tuple[list[int], list[Cluster]]],
                       r: MergeRules,
                       recalled: dict[str, list[tuple[int, Cluster]]] | None = None) -> list[Cluster]:
    """The day-level events inside a coarse mention's interval that share the most tokens with it
    (at most `scored`; each token's list read for at most `candidates` events). `recalled`: the
    tokens that coarse mentions brought to the events they joined (token -> (day, event)), read
    for the last `candidates` entries."""
    found: list[Cluster] = []
    n = r.candidates
    lo, hi = m.start, m.end
    left, right, get = bisect.bisect_left, bisect.bisect_right, by_token.get
    more_of = recalled.get if recalled else None
    for t in m.tokens:
        entry = get(t)
        if entry is not None:
            days, events = entry
            b = right(days, hi)
            if b:
                found += events[max(left(days, lo, 0, b), b - n):b]
        if more_of is not None:
            more = more_of(t)
            if more:
                for d, c in more[-n:]:
                    if lo <= d <= hi:
                        found.append(c)
    # Counted in C (Counter); the events are those of day-level mentions, none merged into
    # another yet (that happens after the coarse pass), so each is its own root.
    hits = Counter(found)
    return sorted(hits, key=lambda c: (-hits[c], c.members[0].start, c.members[0].index))[: r.scored]


def _sole_event_of_day(m: Mention, same_day: list[Cluster], r: MergeRules,
                       floor: str = "sole_event") -> Cluster | None:
    """The one event of the mention's day it could be, when there is exactly one and nothing
    contradicts it (another place, another kind): what "the same date" means when a corpus
    holds a single happening that day. Two events that day, and the mention stays apart."""
    fits = {id(c): c for c in same_day if r.compatible(m.event_type, c.kind)}
    if len(fits) != 1:
        return None
    (c,) = fits.values()
    if m.places and c.places and m.places.isdisjoint(c.places):
        return None   # another place: another happening that day
    return c if evidence(m, c, r) >= r.score[floor] else None


def _type_of(family: str, r: MergeRules) -> str:
    """An event type of a block key (a family key "f3" or a type outside the families)."""
    if family.startswith("family:"):
        n = int(family.removeprefix("family:"))
        return next(t for t, i in r.family_of.items() if i == n)
    return family


def cluster_mentions(mentions: Sequence[Mention], r: MergeRules | None = None) -> list[Cluster]:
    """The events of `mentions`, each a Cluster of the mentions that tell it."""
    r = r or rules()
    # A plan moved to another date of the same sentence: kept aside, joins that date's event.
    by_sentence: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence_key].append(m)
    moved: dict[int, tuple[Mention, Mention]] = {}   # index -> (the moved plan, the mention of the actual date)
    ends: dict[int, tuple[Mention, Mention]] = {}    # index -> (the end of a span, the mention of its start)
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        for m in group:
            if not plan_cue_before(m, r):
                continue
            # the happening came after its planned date: "due on Nov. 15, took place on Nov. 25"
            # ("the May 1 deadline set in the agreement signed on Feb. 29" is not moved)
            others = [o for o in group if o is not m and o.start > m.start and _is_day_level(o, r)
                      and r.compatible(o.event_type, m.event_type) and not plan_cue_before(o, r)]
            if others:
                moved[m.index] = (m, min(others, key=lambda o: abs(o.timex_offset - m.timex_offset)))
        for m in group:
            if m.index in moved or not cue_before(m, r.span_end_cues, r):
                continue
            # "began on Tuesday and ended on Friday": the end of the happening of the earlier date
            earlier = [o for o in group if o is not m and o.index not in moved and o.index not in ends
                       and 0 < m.start - o.start <= r.span_days and _is_day_level(o, r)
                       and r.compatible(o.event_type, m.event_type)]
            if earlier:
                ends[m.index] = (m, min(earlier, key=lambda o: abs(o.timex_offset - m.timex_offset)))
        for m in group:
            if m.index in moved or m.index in ends or not cue_before(m, r.span_start_cues, r):
                continue
            # "agreed early on Friday, after talks that began on Thursday evening": the start of
            # the happening of the later date
            later = [o for o in group if o is not m and o.index not in moved and o.index not in ends
                     and 0 < o.start - m.start <= r.span_days and _is_day_level(o, r)
                     and r.compatible(o.event_type, m.event_type) and not cue_before(o, r.span_start_cues, r)]
            if later:
                ends[m.index] = (m, min(later, key=lambda o: abs(o.timex_offset - m.timex_offset)))
    # ... and across the sentences of one article, when both ends say so: "ended three days of
    # talks on Wednesday. The round, which opened on Monday, ..."
    starts_of: dict[str, list[Mention]] = defaultdict(list)
    closing: list[Mention] = []
    for m in mentions:
        if m.index in moved or m.index in ends or not _is_day_level(m, r):
            continue
        if cue_before(m, r.span_start_cues, r):
            starts_of[m.doc_id].append(m)
        elif cue_before(m, r.span_end_cues, r):
            closing.append(m)
    for m in closing:
        opening = [o for o in starts_of.get(m.doc_id, ()) if o.sentence_key != m.sentence_key
                   and 0 < m.start - o.start <= r.span_days and r.compatible(o.event_type, m.event_type)]
        if opening:
            ends[m.index] = (m, min(opening, key=lambda o: abs(o.sentence_key[1] - m.sentence_key[1])))

    order = sorted((m for m in mentions if m.index not in moved and m.index not in ends),
                   key=lambda m: (m.start, m.end, m.doc_id, m.sentence_key[1], m.event_id))
    day_level = [m for m in order if _is_day_level(m, r)]
    # the narrowest first: "at the end of February" lends its words to "the February accord"
    coarse = sorted((m for m in order if not _is_day_level(m, r)), key=lambda m: m.end - m.start)
    blocks: dict[int, dict[str, list[Cluster]]] = {}
    clusters: list[Cluster] = []
    home: dict[int, Cluster] = {}
    n_candidates = r.candidates
    threshold = r.score["threshold"]

    families = sorted({r.family(t) for t in r.family_of} | {m.event_type for m in mentions})
    # Day-level candidates come from an index of day -> token -> events, tokens being the
    # mentions' content words, actors, places and article: an event sharing nothing with a
    # mention is never compared with it. Each list is read from its end (the latest events)
    # for at most `candidates` entries, and the `scored` events sharing most are scored: bounded.
    index: dict[int, dict[str, list[Cluster]]] = {}
    # token -> (days, events) in day order: what a coarse mention looks up over its interval
    by_token: dict[str, tuple[list[int], list[Cluster]]] = {}

    compatible_families = {t: [f for f in families if r.compatible(t, _type_of(f, r))]
                           for t in {m.event_type for m in mentions}}

    def candidate_blocks(m: Mention, span: range) -> list[Cluster]:
        fams = compatible_families[m.event_type]
        out: list[Cluster] = []
        for day in span:
            on_day = blocks.get(day)
            if on_day:
                for fam in fams:
                    lst = on_day.get(fam)
                    if lst:
                        out.extend(lst[-r.candidates:])
        return out

    # 1. day-level mentions
    compatible: dict[tuple[str, str], bool] = {}
    for m in day_level:
        found: list[Cluster] = []
        toks = m.tokens
        for day in range(m.start - r.days_apart, m.start + 1):
            on_day = index.get(day)
            if not on_day:
                continue
            for lst in filter(None, map(on_day.get, toks)):
                found += lst if len(lst) <= n_candidates else lst[-n_candidates:]
        best, best_score = None, threshold
        hits = Counter(found)   # counted in C
        # ties broken by the events' first rows, not by the order of the tokens (a set's order,
        # which changes with the hash seed): the same corpus gives the same events
        ranked = sorted(hits, key=lambda c: (-hits[c], c.members[0].index))[: r.scored]
        # on equal evidence, the event more mentions tell: a recalled happening is more likely
        # the one the corpus reports most than a side event of its day
        for c in sorted(ranked, key=lambda c: -len(c.members)):
            pair = (m.event_type, c.kind)
            ok = compatible.get(pair)
            if ok is None:
                ok = compatible[pair] = r.compatible(*pair)
            if not ok:
                continue
            sc = evidence(m, c, r)
            if sc > best_score or (sc == best_score and best is None):
                best, best_score = c, sc
        if best is None and m.status != "planned":   # a plan may yet move: not on the day alone
            best = _sole_event_of_day(m, candidate_blocks(m, range(m.start, m.start + 1)), r)
        if best is None and r.days_apart:
            # overnight: the article's one fitting event of the day before ("talks went on through
            # Thursday night; the deal came early on Friday"), when one of the two has a kind
            # a time of day named by one of the two: "said on March 1" after "the Feb. 29 signing" is
            # the next day's happening
            best = _sole_event_of_day(m, [c for c in candidate_blocks(m, range(m.start - 1, m.start))
                                          if m.doc_id in c.docs
                                          and not c.kind == m.event_type == r.wildcard
                                          and (m.doc_id in c.timed_docs or time_of_day(m, r))],
                                      r, "overnight")
        if best is None:
            best = Cluster(wildcard=r.wildcard, day_level_span=r.day_level_span)
            clusters.append(best)
        best.add(m)
        if time_of_day(m, r):
            best.timed_docs.add(m.doc_id)
        home[m.index] = best
        on_day = index.setdefault(m.start, {})
        for t in toks:
            lst = on_day.get(t)
            if lst is None:
                on_day[t] = [best]
            elif lst[-1] is not best:
                lst.append(best)
            else:
                continue
            entry = by_token.get(t)
            if entry is None:
                by_token[t] = ([m.start], [best])
            else:
                entry[0].append(m.start)
                entry[1].append(best)
        fam = r.family(best.kind) if best.kind != r.wildcard else r.wildcard
        block = blocks.setdefault(m.start, {}).setdefault(fam, [])
        if not block or block[-1] is not best:
            block.append(best)

    # 2. coarse mentions: the one day-level event inside their interval, else apart
    coarse_blocks: dict[tuple[int, int, str], list[Cluster]] = defaultdict(list)
    recalled: dict[str, list[tuple[int, Cluster]]] = defaultdict(list)
    for m in coarse:
        target = None
        if m.end - m.start <= r.coarse_span:
            # A coarse date is mostly a recall in a clause ("the deal, signed in July, ..."): the
            # words next to it name the happening, and the rest of the sentence is about another
            # one (no conflict from its actors or places). A mention with no kind of its own needs
            # such a word in the event.
            heads = head_words(m, r)
            scored: list[tuple[float, Cluster]] = []
            for c in _coarse_candidates(m, by_token, r, recalled):
                if not r.compatible(m.event_type, c.kind):
                    continue
                head = not heads.isdisjoint(c.words)
                if m.event_type == r.wildcard and not head:
                    continue
                scored.append((evidence(m, c, r, day_level=False, conflicts=False)
                               + r.score["shared_head"] * head, c))
            if scored:
                best_sc, best_c = max(scored, key=lambda x: x[0])
                # the one event of its interval that fits it clearly: enough evidence, and no
                # other compatible event within the margin (then it is ambiguous and stays apart)
                if best_sc >= r.score["coarse_floor"] and sum(
                        1 for sc, _ in scored if sc > best_sc - r.score["coarse_margin"]) == 1:
                    target = best_c
                    for t in m.tokens:   # what it brings, for wider recalls read after it
                        recalled[t].append((best_c.members[0].start, best_c))
        if target is None:
            key = (m.start, m.end, r.family(m.event_type))
            for c in coarse_blocks[key][-r.candidates:]:
                if evidence(m, c, r) >= threshold:
                    target = c
                    break
            if target is None:
                target = Cluster(wildcard=r.wildcard, day_level_span=r.day_level_span)
                clusters.append(target)
                coarse_blocks[key].append(target)
        target.add(m)
        home[m.index] = target

    # 3. the ends of spans join the event of their start, and their starts that of their end (the
    # other end is never itself an end or a start: no chain);
    # moved plans: into the event of the actual date, with plans of the old day that fit
    for _, (m, first) in sorted(ends.items(), key=lambda kv: kv[0]):
        start = home.get(first.index)
        if start is None:
            continue
        start = start.root()
        start.add(m)
        if time_of_day(m, r):
            start.timed_docs.add(m.doc_id)
        home[m.index] = start
    for _, (m, real) in sorted(moved.items(), key=lambda kv: kv[0]):
        actual = home.get(real.index)
        if actual is None:
            continue
        actual = actual.root()
        actual.postponed.append(m)
        # the plans of the old day: those with the evidence, or the only event of plans alone
        # that day (nothing was reported to happen then: "to be written by June 30")
        plans = {id(c): c for c in (c.root() for c in candidate_blocks(m, range(m.start, m.start + 1)))
                 if c is not actual and c.members
                 and all(x.status == "planned" or plan_cue_before(x, r) for x in c.members)}
        scored = [(evidence(m, c, r, day_level=False), c) for c in plans.values()]
        sole = len(scored) == 1 and scored[0][0] >= r.score["sole_event"] and not (
            m.places and scored[0][1].places and m.places.isdisjoint(scored[0][1].places))
        for sc, c in scored:
            if sole or sc >= threshold:
                actual.old_plans.extend(c.members)
                c.merged_into = actual
                c.members = []
    return [c for c in clusters if c.merged_into is None and (c.members or c.postponed)]
