"""Who takes part in a row's event, as candidates with features: every actor named in a wide,
bounded look-back around the row (its own words, its sentence, the three sentences before, the
next one, its paragraph, the headline and lede, what the discourse rules gave it) and the
article's most named actors, each with general features (where it came from, its kind, its role in
its own sentence, how far from the row and how much and how early the article names it, whether
it is named beside rows of the row's type or date). A learned model
(resources/participant_model.yaml, fitted by bench/participant_fit.py on the gold of the training
articles) scores each candidate: boosted trees over those features, no word identities beyond the
role vocabularies the rules already keep.

The look-back is bounded in sentences and names, so a row costs the same whatever the article's
length; the article-wide facts are found once per document.
"""
from __future__ import annotations

import bisect
import functools
import math
import operator
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from timeline import schema
from timeline.datafiles import load_yaml, require
from timeline.extract.clauses import clause_reader
from timeline.extract.sentences import Sentence, list_line

from timeline.extract.discourse.rules import _COMMENT
from timeline.extract.discourse.reading import _WORD, _kind, _title_words

if TYPE_CHECKING:
    from timeline.extract.actors import ActorMention
    from timeline.extract.discourse import Discourse

# Where a candidate was found, nearest first. "rules" is what the discourse rules gave the row.
SOURCES = ("span", "sentence", "prev1", "prev2", "prev3", "next", "paragraph", "headline", "lede", "top", "rules",
           "happening", "story_sides", "pair", "home", "article")
# The completion step of who.py that gave the row a name ("own": the row's own words before any).
STEPS = ("own", "reported_out", "happening_or_role", "they", "sides_named", "lede_people", "hosts", "belligerents",
         "named_next", "group", "home_forces", "held_by_story", "listed")
KINDS = ("person", "state", "organisation", "armed_group")
# The role of the candidate's nearest mention in its own sentence (words from discourse.yaml and
# actors.yaml: object_markers, between_markers, opinion verbs, speech verbs, commentators).
ROLES = ("opens_clause", "after_object", "after_between", "speaker", "quoted", "commentator", "reported")
# What a reader knows of a candidate from the whole article ("article": any of the article's
# _ARTICLE_NAMES most named actors is a candidate of every row): how far before and after the row
# (in sentences, log) and in paragraphs it is named, how much and how early the article names it,
# whether it is one of the two or three most named parties, named in the headline or lede, the
# subject of its sentences; whether it is named beside other rows of the row's type or date, and
# whether the rules gave it to other rows of the row's type (it takes part in such events
# elsewhere); whether a person it speaks for, or who speaks for it, is already the row's.
ARTICLE_FEATURES = ("gap_before", "gap_after", "gap_paragraphs", "share", "rank2", "rank3", "first_position",
                    "named_early", "subject_share", "same_type_named", "same_date_named", "same_type_rules",
                    "other_rules", "side_kept", "row_unnamed", "article_only", "article_unnamed")
# Every feature the model may weigh, in a fixed order (the data file names them).
# Besides: how near the row's date its mention is (its clause, its distance), how many the row's
# words name, and a few products a linear model cannot form itself (a story's side in a row of
# talks; a name just before a row that names no one). "beyond": found only outside the row's own
# sentence; "background": the row is dated more than discourse.yaml's background_days before
# publication; "row_new": the happening the row's sentence names is introduced as another one
# ("a previous round", "an earlier meeting": discourse.yaml new_markers); "row_body": the row's own
# words name an organisation the rules keep ("the bloc's ministers", "the Security Council");
# "type_mediated": the row is a sitting of talks or a truce (discourse.yaml mediated_types), where
# such an organisation is most often the mediator and the parties take part beside it.
FEATURES = (*(f"src_{s}" for s in SOURCES), *(f"step_{s}" for s in STEPS), "only_rules", "affiliation_only", "adjective",
            *(f"kind_{k}" for k in KINDS), "log_count", "top1", "row_named", "row_rules_many",
            "type_participants", "type_speech", "type_country", "type_mediated", *(f"role_{r}" for r in ROLES),
            "date_clause", "date_distance", "span_names", "story_side", "story_side_participants",
            "story_side_unnamed", "near_unnamed", "rules_count", "first_own", "speaks_for_kept",
            "background", "row_new", "row_body", "beyond", "beyond_named", "beyond_background", "beyond_new",
            "beyond_body", *ARTICLE_FEATURES)

_REACH = 400         # characters of a sentence read around the row (or from its end or start)
_BACK = 3            # sentences looked back
_PARAGRAPH = 6       # sentences either way within the paragraph
_LEDE_SENTENCES = 4  # sentences of the headline and lede read
_TOP = 4             # the article's most named actors
_QUOTES = re.compile("[\"“”]")
_CLAUSE = re.compile(r"[,;:(\"“”—–]")   # punctuation that ends a clause (the rules' clause breaks too)
_ARTICLE_NAMES = 24  # the article's most named actors, candidates of every row (bounds the cost per row)
_FAR = 4.0           # log1p of sentences: "not named on that side" reads as this far
_SUBJECT_REACH = 80  # characters before a mention read to tell whether it opens its sentence
MODEL_FILE = "participant_model.yaml"
_SOURCE_FEATURE = {s: f"src_{s}" for s in SOURCES}
_ROLE_FEATURE = {r: f"role_{r}" for r in ROLES}
_RULES_ONLY, _ARTICLE_ONLY = {"rules"}, {"article"}
_EARLY_SOURCES = frozenset(("headline", "lede"))
_NEAR_SOURCES = frozenset(("sentence", "prev1", "next"))
_ROW_SOURCES = frozenset(("span", "sentence"))


@dataclass(slots=True)
class Candidate:
    """One actor a row might take, with its features (FEATURES' names -> values)."""

    name: str
    features: dict[str, float]


class ParticipantReader:
    """The article-wide facts candidates need, found once per document."""

    def __init__(self, text: str, sentences: list[Sentence], discourse: Discourse,
                 rows: list[dict[str, Any]] | None = None) -> None:
        self._text, self._sentences, self._d = text, sentences, discourse
        self._mentions = discourse._mentions
        self._starts = [s.start for s in sentences]
        counts: Counter[str] = Counter()
        for m in self._mentions.actors:
            for n in dict.fromkeys(m.actors):   # (in the article's order: ties rank the first named first, every run)
                counts[n] += 1
        self._counts = counts
        self._top = [n for n, _ in counts.most_common(_TOP)]
        self._comments = [w[0] for w in discourse._words if w[2] == _COMMENT]
        lede = discourse._lede
        self._lede_ids = [k for k, s in enumerate(sentences) if s.paragraph <= lede][:_LEDE_SENTENCES]
        self._headline = 0 if discourse._headline else None
        r = discourse.rules
        self._participant_types = discourse._participant_types
        self._speaker_types = r.speaker_types
        self._country_types = r.country_types
        self._mediated_types = r.mediated_types
        self._object, self._between = r.object_markers, r.between_markers
        self._opinion = r.opinion_verbs
        from timeline.extract.actors import gazetteer

        self._speech = gazetteer().speech_verbs
        # Where the rules cut a sentence into clauses ("but", ", while", "; ": clauses.yaml breaks_between_dates).
        self._breaks = clause_reader().dated_breaks
        self._window = r.role_window
        self._role_cache: dict[tuple[int, int], list[str]] = {}
        self._kinds: dict[str, str] = {}   # name -> its kind, found once per article
        self._facts: dict[str, dict[str, float]] = {}   # name -> its features from the article alone
        self._acting: dict[int, bool] = {}   # id of a mention -> whether it names who acts (Discourse._acting)
        self._read_article(rows or [])

    def _read_article(self, rows: list[dict[str, Any]]) -> None:
        """Where the article names each of its most named actors, and what the rules gave the
        other rows (before the model changes any): once per article, linear in its mentions and rows."""
        sentences, text = self._sentences, self._text
        named_in: dict[str, list[int]] = {}
        subject: Counter[str] = Counter()
        sides: dict[str, set[str]] = {}
        for m in self._mentions.actors:
            k = self.sentence_of(m.start)
            s = sentences[k]
            opens = not any(w[:1].islower() for w in text[max(s.start, m.start - _SUBJECT_REACH):m.start].split())
            for n in dict.fromkeys(m.actors):
                at = named_in.setdefault(n, [])
                if not at or at[-1] != k:
                    at.append(k)
                subject[n] += opens
            if m.person and len(m.actors) > 1:   # a person and whom they speak for
                for n in m.actors[1:]:
                    sides.setdefault(m.actors[0], set()).add(n)
                    sides.setdefault(n, set()).add(m.actors[0])
        self._named_in = named_in
        self._subject = subject
        self._sides = sides
        self._article_names = [n for n, _ in self._counts.most_common(_ARTICLE_NAMES)]
        self._rank = {n: i for i, n in enumerate(n for n, _ in self._counts.most_common())}
        self._total = max(1, sum(self._counts.values()))
        early = set(self._lede_ids) | ({self._headline} if self._headline is not None else set())
        self._early = {n for n, at in named_in.items() if any(k in early for k in at[:len(early) + 1])}
        # Per event type and per date: how many sentences of such rows name each actor, and to how
        # many such rows the rules gave it.
        sentences_named: list[set[str]] = [set() for _ in sentences]
        for n, at in named_in.items():
            for k in at:
                sentences_named[k].add(n)
        self._sentences_named = sentences_named
        type_sentences: dict[str, set[int]] = {}
        date_sentences: dict[Any, set[int]] = {}
        self._type_rules: dict[str, Counter[str]] = {}
        self._rules_rows: Counter[str] = Counter()
        self._row_facts: dict[int, tuple[str, Any, frozenset[str]]] = {}
        for row in rows:
            k = self.sentence_of(int(row[schema.CHAR_START]))
            kind, date = row[schema.EVENT_TYPE], (row[schema.DATE_START], row[schema.DATE_END])
            given = frozenset(row[schema.ACTORS])
            self._row_facts[id(row)] = (kind, date, given)
            type_sentences.setdefault(kind, set()).add(k)
            date_sentences.setdefault(date, set()).add(k)
            self._type_rules.setdefault(kind, Counter()).update(given)
            self._rules_rows.update(given)
        self._type_named = {kind: Counter(n for k in at for n in sentences_named[k]) for kind, at in type_sentences.items()}
        self._date_named = {date: Counter(n for k in at for n in sentences_named[k]) for date, at in date_sentences.items()}
        self._type_sentences, self._date_sentences = type_sentences, date_sentences

    def where_named(self, row: dict[str, Any], name: str) -> str:
        """Where the article names `name` nearest `row` ("the headline", "paragraph 3"), for the
        evidence of a name the model adds."""
        k = self.sentence_of(int(row[schema.CHAR_START]))
        at = self._named_in.get(name, ())
        if not at:
            return "the row's context"
        i = bisect.bisect_left(at, k)
        near = min((j for j in (at[i - 1] if i else None, at[i] if i < len(at) else None) if j is not None),
                   key=lambda j: (abs(j - k), -j))
        return self._d._where(self._sentences[near].paragraph)

    def _name_facts(self, name: str) -> dict[str, float]:
        """The features of candidate `name` that depend on the article alone (its kind, how much and
        how early the article names it): found once per article, copied into each row's candidate."""
        facts = self._facts.get(name)
        if facts is None:
            facts = {}
            kind = self._kinds.get(name)
            if kind is None:
                kind = self._kinds[name] = _kind(name)
            if kind in KINDS:
                facts[f"kind_{kind}"] = 1.0
            count = self._counts.get(name, 0)
            facts["log_count"] = math.log1p(count)
            facts["top1"] = float(bool(self._top) and name == self._top[0])
            at = self._named_in.get(name, ())
            facts["share"] = count / self._total
            rank = self._rank.get(name, _ARTICLE_NAMES)
            facts["rank2"] = float(rank < 2)
            facts["rank3"] = float(rank < 3)
            facts["first_position"] = at[0] / len(self._sentences) if at else 1.0
            facts["named_early"] = float(name in self._early)
            facts["subject_share"] = self._subject[name] / count if count else 0.0
            self._facts[name] = facts
        return facts

    def _row_article(self, row: dict[str, Any], k: int) -> Callable[[str, dict[str, float]], None]:
        """For `row`, whose sentence is `k`: a function setting a candidate's ARTICLE_FEATURES that
        depend on the row (how far from it the article names the candidate, whether it is named
        or given beside rows of its type or date), the row's facts looked up once."""
        sentences, named_in = self._sentences, self._named_in
        para = sentences[k].paragraph
        here_names = self._sentences_named[k]   # (the row's own sentence is not "elsewhere")
        facts = self._row_facts.get(id(row))
        if facts is not None:
            kind, date, given = facts
            type_named, date_named = self._type_named[kind], self._date_named[date]
            type_here, date_here = k in self._type_sentences[kind], k in self._date_sentences[date]
            type_rules, rules_rows = self._type_rules[kind], self._rules_rows
        actors = row[schema.ACTORS]
        sides_of = self._sides

        def set_features(name: str, f: dict[str, float]) -> None:
            at = named_in.get(name)
            if at:
                i = bisect.bisect_left(at, k)
                paragraphs = None
                if i > 0:
                    before = at[i - 1]
                    f["gap_before"] = math.log1p(k - before)
                    paragraphs = math.log1p(abs(sentences[before].paragraph - para))
                else:
                    f["gap_before"] = _FAR
                if i < len(at):   # (k itself: named in the row's sentence)
                    after = at[i]
                    f["gap_after"] = math.log1p(after - k)
                    later = math.log1p(abs(sentences[after].paragraph - para))
                    paragraphs = later if paragraphs is None else min(paragraphs, later)
                else:
                    f["gap_after"] = _FAR
                f["gap_paragraphs"] = _FAR if paragraphs is None else paragraphs
            else:
                f["gap_before"] = f["gap_after"] = f["gap_paragraphs"] = _FAR
            if facts is not None:
                here = name in here_names
                f["same_type_named"] = float(type_named[name] - (here and type_here) > 0)
                f["same_date_named"] = float(date_named[name] - (here and date_here) > 0)
                own = name in given
                f["same_type_rules"] = math.log1p(type_rules[name] - own)
                f["other_rules"] = math.log1p(rules_rows[name] - own)
            sides = sides_of.get(name)
            f["side_kept"] = float(bool(sides) and not sides.isdisjoint(actors))

        return set_features

    def may_change(self, row: dict[str, Any], fitted: ParticipantModel) -> bool:
        """Whether the model may change `row` at all: a model that only adds adds no one to a
        statement (`may_add`), so its candidates need not be read."""
        return fitted.drop_threshold is not None or row[schema.EVENT_TYPE] not in self._speaker_types

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def candidates(self, row: dict[str, Any], decisive: bool = False) -> list[Candidate]:
        """The candidate actors of `row` (an extracted event) with their features. With
        `decisive`, only those that can change the row (`decide`): the rules' names and the names
        `may_add` allows; the others' features are not computed (a third of all candidates)."""
        lo, hi = int(row[schema.CHAR_START]), int(row[schema.CHAR_END])
        k = self.sentence_of(lo)
        sentences = self._sentences
        s = sentences[k]
        found: dict[str, dict[str, Any]] = {}

        def note(source: str, mentions: list[ActorMention], sentence: Sentence | None) -> None:
            for m in mentions:
                acting = self._acting.get(id(m))   # (a mention is read by every row near it)
                if acting is None:
                    acting = self._acting[id(m)] = self._d._acting(m)
                for j, n in enumerate(m.actors):
                    c = found.get(n)
                    if c is None:
                        c = found[n] = {"src": set(), "direct": False, "acting": False, "m": None, "s": None}
                    c["src"].add(source)
                    c["direct"] |= j == 0
                    c["acting"] |= acting
                    if c["m"] is None and sentence is not None:
                        c["m"], c["s"] = m, sentence

        def add(name: str, source: str) -> None:
            """A candidate found with no mention of its own (the article's, the rules', the discourse's)."""
            c = found.get(name)
            if c is None:
                c = found[name] = {"src": set(), "direct": True, "acting": True, "m": None, "s": None}
            c["src"].add(source)

        span = self._mentions.actor_mentions(lo, hi)
        note("span", span, s)
        # A sentence is read within _REACH characters of the row (a run-on sentence of many dates
        # costs each row the same), the ones before by their end, the others by their start.
        s_lo, s_hi = max(s.start, lo - _REACH), min(s.end, hi + _REACH)
        note("sentence", [m for m in self._mentions.actor_mentions(s_lo, s_hi) if not lo <= m.start < hi], s)
        for back in range(1, _BACK + 1):
            if k - back >= 0:
                p = sentences[k - back]
                note(f"prev{back}", self._tail(p), p)
        if k + 1 < len(sentences) and sentences[k + 1].paragraph == s.paragraph:
            n = sentences[k + 1]
            note("next", self._head(n), n)
        for j in range(max(0, k - _PARAGRAPH), min(len(sentences), k + _PARAGRAPH + 1)):
            p = sentences[j]
            if p.paragraph == s.paragraph and abs(j - k) > 1:
                note("paragraph", self._tail(p) if j < k else self._head(p), p)
        if self._headline is not None and self._headline != k:   # (the row's own sentence is read above)
            h = sentences[self._headline]
            note("headline", self._head(h), h)
        for j in self._lede_ids:
            if j != self._headline and j != k:
                p = sentences[j]
                note("lede", self._head(p), p)
        own_sentence = Counter(n for m in self._mentions.actor_mentions(s_lo, s_hi) for n in set(m.actors))
        for n in self._top:
            if self._counts[n] <= own_sentence[n]:
                continue   # named in the row's own sentence only: not the article's subject for it
            add(n, "top")
        for n in self._article_names:
            add(n, "article")
        kept = list(row[schema.ACTORS])
        for n in kept:
            add(n, "rules")
        for n, source in self._d.offered.get(id(row), {}).items():
            add(n, source)
        lent = self._d.lenders.get(id(row), {})
        own = [n for n in kept if lent.get(n, "own") == "own"]
        # Whom the people the row keeps speak for ("Sergei Lavrov" -> Russia).
        carried = {n for m in span if m.person and m.actors[0] in kept for n in m.actors[1:]}
        kind = row[schema.EVENT_TYPE]
        participants_type = kind in self._participant_types
        timex = row[schema.TIMEX_START]
        timex = int(timex) if timex is not None and not row[schema.DATE_INHERITED] and lo <= int(timex) < hi else None
        row_level = {
            "span_names": math.log1p(len({m.actors[0] for m in span})),
            "row_named": float(bool(span)),
            "row_rules_many": float(len(kept) > 2),
            "rules_count": math.log1p(len(kept)),
            "type_participants": float(participants_type),
            "type_speech": float(kind in self._speaker_types),
            "type_country": float(kind in self._country_types),
            "type_mediated": float(kind in self._mediated_types),
        }
        background = (row[schema.DATE_END] is not None
                      and self._d._days_before_publication(row[schema.DATE_END]) > self._d.rules.background_days)
        new = self._introduced_as_another(row)
        row_level["background"] = float(background)
        row_level["row_new"] = float(new)
        body = any(_kind(n) == "organisation" for n in own)   # (own: as the rules read the row's words, "the bloc" too)
        row_level["row_body"] = float(body)
        listed = list_line(sentences, k)
        base = dict.fromkeys(FEATURES, 0.0)   # (copied for each candidate: the keys in FEATURES' order)
        base.update(row_level)
        base["row_unnamed"] = float(not span)

        def found_features(c: dict[str, Any]) -> dict[str, float]:
            """The features of a candidate that depend on where it was found (not on its name)."""
            src, m = c["src"], c["m"]
            f = base.copy()
            for source in src:
                f[_SOURCE_FEATURE[source]] = 1.0
            f["only_rules"] = float(src == _RULES_ONLY)
            f["affiliation_only"] = float(not c["direct"])
            f["adjective"] = float(m is not None and not c["acting"])
            if m is not None:
                if m.person and c["direct"]:
                    f["kind_person"] = 1.0
                for role in self._roles(m, c["s"]):
                    f[_ROLE_FEATURE[role]] = 1.0
            f["date_distance"] = 3.0
            if timex is not None and "span" in src:
                gap = m.end - timex if m.start < timex else m.start - timex
                f["date_distance"] = min(3.0, max(0, gap) / 100)
                a, b = sorted((m.end, timex))
                f["date_clause"] = float(_CLAUSE.search(self._text, a, b) is None
                                         and self._breaks.search(self._text, a, b) is None)
            side = not src.isdisjoint(_EARLY_SOURCES) and "top" in src
            f["story_side"] = float(side)
            f["story_side_participants"] = float(side and participants_type)
            f["story_side_unnamed"] = float(side and not span)
            f["near_unnamed"] = float(not span and not src.isdisjoint(_NEAR_SOURCES))
            beyond = src.isdisjoint(_ROW_SOURCES)
            f["beyond"] = float(beyond)
            f["beyond_list_line"] = float(beyond and listed)
            f["beyond_named"] = float(beyond and bool(span))
            f["beyond_background"] = float(beyond and background)
            f["beyond_new"] = float(beyond and new)
            f["beyond_body"] = float(beyond and body)
            article_only = src == _ARTICLE_ONLY
            f["article_only"] = float(article_only)
            f["article_unnamed"] = float(article_only and not span)
            return f

        article_features = self._row_article(row, k)
        # Candidates found with no mention of their own (the article's most named, the rules',
        # what the discourse offered) share these features when found the same ways: most of a row's.
        shared: dict[tuple[frozenset[str], bool, bool], dict[str, float]] = {}
        out = []
        speech = kind in self._speaker_types
        acting_body = body and kind not in self._mediated_types
        for name, c in found.items():
            if decisive and name not in kept and refused_by_row(
                    speech, bool(self._counts.get(name)), "span" in c["src"], "sentence" in c["src"], acting_body,
                    listed):
                continue   # may_add refuses it whatever its features: left unread
            if c["m"] is None:
                key = (frozenset(c["src"]), c["direct"], c["acting"])
                f = shared.get(key)
                if f is None:
                    f = shared[key] = found_features(c)
                f = f.copy()
            else:
                f = found_features(c)
            f.update(self._facts.get(name) or self._name_facts(name))
            step = lent.get(name, "own" if name in kept else None)
            if step is not None:
                f[f"step_{step}"] = 1.0
            f["first_own"] = float(bool(own) and name == own[0])
            f["speaks_for_kept"] = float(name in carried)
            article_features(name, f)
            out.append(Candidate(name, f))
        return out

    def _head(self, s: Sentence) -> list[ActorMention]:
        """The mentions of sentence `s` within its first _REACH characters."""
        return self._mentions.actor_mentions(s.start, min(s.end, s.start + _REACH))

    def _tail(self, s: Sentence) -> list[ActorMention]:
        """The mentions of sentence `s` within its last _REACH characters."""
        return self._mentions.actor_mentions(max(s.start, s.end - _REACH), s.end)

    def _introduced_as_another(self, row: dict[str, Any]) -> bool:
        """Whether the happening the row's sentence tells of (the last one named before its date,
        else the first after it) is introduced as another one than the story's ("A previous round
        of talks ended in March", "an earlier meeting", "the 2015 agreement")."""
        view = row[schema.SENTENCE]
        at = max(0, int(row[schema.TIMEX_START]) - int(row[schema.CHAR_START])) \
            if not row[schema.DATE_INHERITED] and row[schema.TIMEX_START] is not None else 0
        found = self._d._nearest(self._d.rules.happenings, view, at, new_too=True)
        before = [m for m in found if m.start() < at]
        told = max(before, key=lambda m: m.start()) if before else min(found, key=lambda m: m.start(), default=None)
        return told is not None and self._d._is_new(view, told)

    def _roles(self, m: ActorMention, s: Sentence) -> list[str]:
        """The roles of mention `m` in its sentence `s` (found once: a mention is a candidate of
        every row near it)."""
        key = (m.start, s.start)
        if key not in self._role_cache:
            self._role_cache[key] = self._read_roles(m, s)
        return self._role_cache[key]

    def _read_roles(self, m: ActorMention, s: Sentence) -> list[str]:
        """The roles of mention `m` in its sentence `s`, read from the words around it."""
        text = self._text
        roles = []
        start = max(s.start, m.start - _REACH)   # (bounded: a run-on sentence's mentions cost the same)
        before = text[start:m.start]
        clause = _CLAUSE.split(before)[-1]
        words = [w.lower() for w in _WORD.findall(clause)]
        titles = _title_words()
        # The last word before the name, past its title ("talks with President X").
        while words and words[-1] in titles:
            words.pop()
        if words and words[-1] in self._object:
            roles.append("after_between" if words[-1] in self._between else "after_object")
        # Opens its clause: only capitalised words (a title, "On Monday") before it.
        if all(not w[:1].islower() for w in clause.split()):
            roles.append("opens_clause")
        after = [w.lower() for w in _WORD.findall(text, m.end, min(s.end, m.end + 40))][:3]
        if any(w in self._speech for w in after[:2]):
            roles.append("speaker")
        if len(_QUOTES.findall(before)) % 2 == 1:
            roles.append("quoted")
        if any(abs(c - m.start) <= self._window for c in self._comments[bisect.bisect_left(self._comments, m.start - self._window):
                                                                          bisect.bisect_right(self._comments, m.start + self._window)]):
            roles.append("commentator")
        if not self._opinion.isdisjoint(map(str.lower, _WORD.findall(text, start, m.start))):
            roles.append("reported")
        return roles


# The model --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Forest:
    """Boosted decision trees over FEATURES, their nodes in flat arrays (tree by tree, `width`
    nodes each): a candidate goes down each tree to the left while its feature is at most the
    node's threshold. `children[2 * node + 1]` is a node's left child and `children[2 * node]`
    its right one (flat indices too: the step is one look-up), a leaf's both itself. Its score is
    the logistic of `baseline` plus the sum of the leaves' values."""

    baseline: float
    depth: int
    used: tuple[str, ...]   # the features the trees read; `feature` indexes into it
    width: int       # nodes a tree (the longest tree's; shorter ones padded)
    feature: Any     # numpy arrays, shape (trees * width,)
    threshold: Any
    children: Any    # shape (2 * trees * width,)
    value: Any

    def raw(self, x: Any) -> Any:
        """The raw scores of the rows of matrix `x` (candidates by `used`): all trees at once, one
        step of depth at a time, every look-up a `take` from a flat array (a fancy index over two
        axes costs several times more)."""
        import numpy as np

        roots = np.arange(len(self.feature) // self.width, dtype=np.intp) * self.width
        # The first step reads the same node of every row: the roots' columns at once.
        at = self.children.take(2 * roots + (x[:, self.feature[roots]] <= self.threshold[roots]))
        cells = x.ravel()
        row_start = (np.arange(x.shape[0], dtype=np.intp) * x.shape[1])[:, None]
        for _ in range(self.depth - 1):
            go_left = cells.take(row_start + self.feature.take(at)) <= self.threshold.take(at)
            at = self.children.take(2 * at + go_left)
        return self.baseline + self.value.take(at).sum(axis=1)


@dataclass(frozen=True, slots=True)
class ParticipantModel:
    """Version 1: a logistic model over FEATURES that only adds a candidate scoring `threshold`
    (and with `drop_threshold`, drops a rule's name under it). Version 2: boosted trees
    (`forest`) that choose among all candidates, the rules' names included (a rule's name
    scoring under `threshold` is dropped unless the row's own words give it)."""

    version: int
    active: bool
    weights: tuple[float, ...]   # in FEATURES' order (version 1)
    bias: float
    threshold: float
    drop_threshold: float | None = None   # the model drops a rule's name scoring under it (None: never)
    terms: tuple[tuple[str, float], ...] = ()   # (feature, weight) of the weights that are not 0
    forest: Forest | None = None

    def score(self, features: dict[str, float]) -> float:
        return self.scores([features])[0]

    def scores(self, candidates: list[dict[str, float]]) -> list[float]:
        """The probability that each candidate (its features) takes part in the row."""
        if self.forest is None:
            out = []
            for features in candidates:
                z = self.bias
                for f, w in self.terms:
                    z += w * features[f]
                out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
            return out
        if not candidates:
            return []
        import numpy as np

        used = self.forest.used
        row = operator.itemgetter(*used)   # (one feature: a number rather than a tuple; reshaped below)
        x = np.array([row(c) for c in candidates], dtype=float).reshape(-1, len(used))
        return (1.0 / (1.0 + np.exp(-np.clip(self.forest.raw(x), -30.0, 30.0)))).tolist()


def build_model(data: Any) -> ParticipantModel:
    """The model of participant_model.yaml, validated: every feature named is one of FEATURES;
    a forest's trees are well formed (children inside the tree, thresholds numbers)."""
    require(isinstance(data, dict), MODEL_FILE, "top level", "must be a mapping")
    require(data.get("version") in (1, 2), MODEL_FILE, "version", "must be 1 (logistic) or 2 (trees)")
    if data["version"] == 2:
        return _build_forest(data)
    for key in ("version", "active", "features", "bias", "threshold"):
        require(key in data, MODEL_FILE, f"{key}", "is required")
    weights = data["features"]
    require(isinstance(weights, dict) and all(isinstance(v, (int, float)) for v in weights.values()),
            MODEL_FILE, "features", "must map feature names to numbers")
    unknown = sorted(set(weights) - set(FEATURES))
    require(not unknown, MODEL_FILE, "features", f"unknown features {unknown}")
    require(isinstance(data["active"], bool), MODEL_FILE, "active", "must be true or false")
    threshold = data["threshold"]
    require(isinstance(threshold, (int, float)) and 0 < threshold < 1, MODEL_FILE,
            "threshold", "must be between 0 and 1")
    drop = data.get("drop_threshold")
    require(drop is None or (isinstance(drop, (int, float)) and 0 < drop < 1), MODEL_FILE,
            "drop_threshold", "must be between 0 and 1 (or left out: the model never drops)")
    values = tuple(float(weights.get(f, 0.0)) for f in FEATURES)
    return ParticipantModel(int(data["version"]), data["active"], values, float(data["bias"]), float(threshold),
                            None if drop is None else float(drop), tuple((f, w) for f, w in zip(FEATURES, values) if w))


def _build_forest(data: dict[str, Any]) -> ParticipantModel:
    """Version 2: `features` lists the feature names the trees use (indices into it); each tree is
    a list of nodes, a split [feature index, threshold, left, right] (children: later nodes of the
    tree) or a leaf [value]. (Leaves of one number: half the numbers a node of five held, and
    half the time to load the file.)"""
    import numpy as np

    for key in ("active", "features", "baseline", "depth", "threshold", "trees"):
        require(key in data, MODEL_FILE, key, "is required")
    require(isinstance(data["active"], bool), MODEL_FILE, "active", "must be true or false")
    threshold = data["threshold"]
    require(isinstance(threshold, (int, float)) and 0 < threshold < 1, MODEL_FILE,
            "threshold", "must be between 0 and 1")
    names = data["features"]
    require(isinstance(names, list) and all(isinstance(n, str) for n in names), MODEL_FILE, "features",
            "must list feature names")
    unknown = sorted(set(names) - set(FEATURES))
    require(not unknown, MODEL_FILE, "features", f"unknown features {unknown}")
    require(len(set(names)) == len(names), MODEL_FILE, "features", "names a feature twice")
    depth, trees = data["depth"], data["trees"]
    require(isinstance(depth, int) and 0 < depth <= 8, MODEL_FILE, "depth", "must be a whole number from 1 to 8")
    require(isinstance(trees, list) and trees, MODEL_FILE, "trees", "must be a list of trees")
    width = max(len(t) if isinstance(t, list) else 0 for t in trees)
    arrays = {k: np.zeros(len(trees) * width * (2 if k == "children" else 1),
                          dtype=np.intp if k in ("feature", "children") else float)
              for k in ("feature", "threshold", "children", "value")}
    for i, tree in enumerate(trees):
        require(isinstance(tree, list) and tree, MODEL_FILE, f"trees[{i}]", "must be a list of nodes")
        root = i * width
        for j, node in enumerate(tree):
            where = f"trees[{i}][{j}]"
            require(isinstance(node, list) and len(node) in (1, 4) and all(isinstance(v, (int, float)) for v in node),
                    MODEL_FILE, where, "must be a split [feature index, threshold, left, right] or a leaf [value]")
            if len(node) == 1:   # a leaf: stays where it is
                f, cut, left, right, value = 0, 0.0, j, j, node[0]
            else:
                f, cut, left, right = node
                value = 0.0
                require(isinstance(f, int) and 0 <= f < len(names), MODEL_FILE, where, "feature index out of range")
                require(all(isinstance(c, int) and j < c < len(tree) for c in (left, right)), MODEL_FILE, where,
                        "children must be later nodes of the same tree")
            arrays["feature"][root + j] = f
            arrays["threshold"][root + j] = cut
            arrays["children"][2 * (root + j)] = root + right
            arrays["children"][2 * (root + j) + 1] = root + left
            arrays["value"][root + j] = value
    forest = Forest(float(data["baseline"]), depth, tuple(names), width, **arrays)
    return ParticipantModel(2, data["active"], (), 0.0, float(threshold), float(threshold), (), forest)


@functools.cache
def model() -> ParticipantModel:
    """The fitted model, loaded once and validated."""
    return build_model(load_yaml(MODEL_FILE))


def rank_rows(rows: list[tuple[dict[str, Any], list[Candidate]]], fitted: ParticipantModel,
              where: Callable[[dict[str, Any], str], str] | None = None) -> None:
    """`rank` each (row, its candidates) of an article, scoring every candidate of the article in
    one call (the trees run once over one matrix rather than once a row); `where(row, name)` says
    where the article names an added name, for the evidence."""
    wanted = [[c for c in candidates if _to_score(c, row, fitted)] for row, candidates in rows]
    flat = fitted.scores([c.features for cs in wanted for c in cs]) if any(wanted) else []
    at = 0
    for (row, candidates), cs in zip(rows, wanted):
        _apply(row, candidates, dict(zip((c.name for c in cs), flat[at:at + len(cs)])), fitted, where)
        at += len(cs)


def rank(row: dict[str, Any], candidates: list[Candidate], fitted: ParticipantModel) -> None:
    """Give `row` the candidates the model keeps (`decide`): those the rules gave first, in their
    order, then the others by score; say in its context_rule what the model added or dropped."""
    wanted = [c for c in candidates if _to_score(c, row, fitted)]
    _apply(row, candidates, dict(zip((c.name for c in wanted), fitted.scores([c.features for c in wanted]))), fitted)


def _to_score(c: Candidate, row: dict[str, Any], fitted: ParticipantModel) -> bool:
    """Only what `decide` can use is scored: a name it may add, or with a drop threshold a rule's name."""
    return fitted.drop_threshold is not None if c.name in row[schema.ACTORS] else may_add(c.features)


def _apply(row: dict[str, Any], candidates: list[Candidate], scores: dict[str, float], fitted: ParticipantModel,
           where: Callable[[dict[str, Any], str], str] | None = None) -> None:
    if not candidates:
        return
    before = list(row[schema.ACTORS])
    scored = [(c.name, c.features, scores.get(c.name, 0.0)) for c in candidates]
    kept, added = decide(before, scored, fitted.threshold, fitted.drop_threshold)
    dropped = [n for n in before if n not in kept]
    row[schema.ACTORS] = [*kept, *added]
    why = [row.get(schema.CONTEXT_RULE) or ""]
    if added:
        named = [f"{n}: {where(row, n)}" if where is not None else n for n in added]
        why.append("actors the participant model adds (" + "; ".join(named) + ")")
    if dropped:
        why.append("actors the participant model drops (" + ", ".join(dropped) + ")")
    row[schema.CONTEXT_RULE] = "; ".join(w for w in why if w)


def decide(before: list[str], scored: list[tuple[str, dict[str, float], float]], threshold: float,
           drop_threshold: float | None = None) -> tuple[list[str], list[str]]:
    """(the rules' names kept, the names added) for a row the rules gave `before`, from its
    candidates (name, features, score). The model adds a candidate scoring `threshold` or more
    that `may_add` allows; it drops a rule's name only when it is sure (`drop_threshold`, none: it
    never drops) and the name is not the row's own words'. bench/participant_fit.py measures this
    very function."""
    by_name = {n: (f, p) for n, f, p in scored}
    kept = [n for n in before
            if drop_threshold is None or n not in by_name or by_name[n][1] >= drop_threshold or _own(by_name[n][0])]
    added = [n for n, f, p in sorted(scored, key=lambda c: -c[2])
             if n not in before and p >= threshold and may_add(f)]
    return kept, added


def _own(features: dict[str, float]) -> bool:
    """A name the row's own words give is never dropped by the model."""
    return features.get("src_span", 0.0) > 0


def may_add(features: dict[str, float]) -> bool:
    """The limits on what the model may add, each a principle of reading:
    - a commentator, or a name inside a quotation, speaks about the event and takes no part in it;
    - a statement is its speaker's (discourse.yaml reported_speech event_types): whom else it
      concerns does not take part in it;
    - a name of the row's sentence in another clause than the row's date (cut at punctuation or
      at the rules' clause breaks: "but", ", while", "; ") belongs to that clause's event;
    - a name of the row's sentence outside the row's own words belongs to another event of it;
    - an organisation the row's own words name acts as itself ("the bloc's ministers will meet"):
      its chair, its hosts or its members named elsewhere are not added to it; except in a sitting
      of talks or a truce (discourse.yaml mediated_types), where it is most often the mediator and
      the parties named elsewhere take part beside it ("a ceasefire brokered by the United
      Nations": docs/gold_conventions.md gives talks and a truce their parties and their mediator);
    - a line of a list (a fact box, a list of headlines) is an item of its own: nothing from
      beyond its sentence is added to it;
    - a name the article never gives as an actor (a state known only from a place: the dateline's
      country, the venue's, the land the article is about) is where things happen, not who acts.
    The rest the model weighs itself: a row dated long before publication, a happening introduced
    as another one ("a previous round") and a row naming no one are features it reads (background,
    row_new, row_unnamed); as limits they lowered recall on the validation batches and left
    precision where it was (docs/measurements.md, session 20).
    The limits that the row and the name alone decide are `refused_by_row`, which
    ParticipantReader.candidates(decisive=True) calls too, to leave those candidates unread."""
    if features.get("role_commentator", 0.0) or features.get("role_quoted", 0.0):
        return False
    # (beyond_list_line for the row's being a list's line: refused_by_row reads it only for a
    # name found beyond the row's sentence, where the two are one)
    if refused_by_row(bool(features.get("type_speech", 0.0)), bool(features.get("share", 0.0)),
                      bool(features.get("src_span", 0.0)), bool(features.get("src_sentence", 0.0)),
                      bool(features.get("row_body", 0.0)) and not features.get("type_mediated", 0.0),
                      bool(features.get("beyond_list_line", 0.0))):
        return False
    return not features.get("src_span", 0.0) or bool(features.get("date_clause", 0.0))


def refused_by_row(statement: bool, named_in_article: bool, in_row_words: bool, in_row_sentence: bool,
                   organisation_row: bool, list_line: bool) -> bool:
    """`may_add`'s limits that the row and the name alone decide, before any feature is read:
    nothing is added to a statement, nor a name the article never gives as an actor; a name
    outside the row's own words is not added from the row's sentence (another clause's), to a
    row whose own words name an organisation acting as itself (`organisation_row`: not in a
    sitting of talks or a truce, see `may_add`), nor to a list's line."""
    if statement or not named_in_article:
        return True
    return not in_row_words and (in_row_sentence or organisation_row or list_line)
