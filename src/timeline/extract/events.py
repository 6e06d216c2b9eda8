"""From an article to its events table: one row per dated event mention.

documents -> sentences + time expressions -> (actors, places, event type, status) -> DataFrame.
Each dated time expression is one row (type "other", with a lower confidence, when its sentence
has no event word); durations, sets and "now" date nothing. A sentence that clearly continues a dated
one ("He also urged ...") may take its date, marked `date_inherited`.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import re
import dataclasses
from dataclasses import dataclass
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline import schema
from timeline.extract.actors import ActorMention, refers_back, refers_back_to_bloc, refers_back_to_owner
from timeline.extract.actors import gazetteer as actor_gazetteer
from timeline.extract.clauses import clause_reader
from timeline.extract.discourse import Discourse
from timeline.extract.discourse import rules as discourse_rules
from timeline.extract.discourse.participants import Candidate, ParticipantReader, rank_rows
from timeline.extract.discourse.participants import model as participant_model
from timeline.datafiles import freeze_loaded, load_yaml, require
from timeline.errors import InputError
from timeline.extract import type_model
from timeline.extract.event_types import FALLBACK, Classification, classify, vocabulary
from timeline.extract.lede import dates_a_lede, lede_rows
from timeline.extract.phrases import TOKEN_RE, Token, tokenize
from timeline.extract.places import KINDS as PLACE_KINDS
from timeline.extract.places import Place, PlaceMention, datelines, filing_day_rules
from timeline.extract.places import gazetteer as place_gazetteer
from timeline.extract.sentences import Sentence, credit_spans, merged_spans, split_sentences
from timeline.extract.status import OCCURRED, PLANNED, decide_status
from timeline.temporal.rulebook import WORD_GAP, rulebook
from timeline.temporal.tagger import parse_published, tag_times
from timeline.temporal.types import TimeExpression

if TYPE_CHECKING:
    import pandas as pd

    from timeline.documents import Document

# How sure a date of each width is, as an event date (a day is sharper than "late last year").
_GRANULARITY_CONFIDENCE = {"time": 0.9, "day": 0.9, "week": 0.8, "month": 0.75, "season": 0.7, "quarter": 0.7,
                           "half": 0.65, "year": 0.65, "decade": 0.5, "century": 0.4, "fuzzy": 0.6}
_NO_CUE_FACTOR = 0.6       # no event word: the date may belong to background, not an event
_NO_ACTOR_FACTOR = 0.8     # and no actor either: kept ("the group began to fall apart in mid-1996"), but less sure
_INHERITED_FACTOR = 0.6    # the date came from the previous sentence
_CUE_STATUS_FACTOR = 0.9   # the status came from words, not from the date
# The table's dates are datetime64[ns]: pandas holds 1677-09-22 .. 2262-04-11.
_FIRST_DAY, _LAST_DAY = dt.date(1678, 1, 1), dt.date(2261, 12, 31)
_TITLE_CHARS = 40          # at most this long, what opens a sentence before its subject's name is a title
_PRONOUN_LOOKBACK = 600    # characters before a sentence in which "he"/"she" finds its person
# A piece about one person (an obituary, a profile) names them in its headline and more often
# than anyone else, at least this many times: a bare "he" of it is them, not the last person named.
_PROFILE_MENTIONS = 3
_HEADLINE_CHARS = 200      # a longer first line is a paragraph, not a headline (discourse's limit too)
# What one event may cost. News sentences run under ~600 characters (the longest of the 256
# TimeBank/AQUAINT documents and our test articles has 606), and the words that type an event
# stand near its date (cue distance is capped at max_distance words). A longer "sentence" is a
# run-on (a paste without full stops, a table): it is cut into blocks of _BLOCK characters, and
# each of its dates is read (and shown) in its own block and the blocks on either side, at
# least _BLOCK characters of context each way, at most 3 x _BLOCK characters. Dates in the same
# block share that window, so its cues are found once and the whole text costs linear time.
_LONG_SENTENCE = 1000
_BLOCK = 400


class Mentions:
    """Actors and places of one document, found once and shared by its sentences (looked up by
    offset, so a long article costs linear time)."""

    def __init__(self, actors: list[ActorMention], places: list[PlaceMention], profile: ActorMention | None = None) -> None:
        self.actors = sorted(actors, key=lambda m: m.start)
        self.profile = profile   # the person the piece is about, if it is about one (_profile_subject)
        self.places = sorted(places, key=lambda m: m.start)
        self._actor_starts = [m.start for m in self.actors]
        self._place_starts = [m.start for m in self.places]
        self.place_named = {m.place.name: m.place for m in self.places}   # a canonical name -> its place

    def actor_mentions(self, start: int, end: int) -> list[ActorMention]:
        return self.actors[bisect.bisect_left(self._actor_starts, start):bisect.bisect_left(self._actor_starts, end)]

    def actors_in(self, start: int, end: int) -> list[str]:
        return list(dict.fromkeys(n for m in self.actor_mentions(start, end) for n in m.actors))

    def actors_of(self, sentence: Sentence, previous: Sentence | None = None) -> list[str]:
        """The sentence's actors; with no person named, a subject pronoun brings the last person,
        and an opening "Its" the subject of the previous sentence ("Its president, X, met ...")."""
        inside = self.actor_mentions(sentence.start, sentence.end)
        before = self.actor_mentions(sentence.start - _PRONOUN_LOOKBACK, sentence.start)
        said_before = self.actor_mentions(previous.start, previous.end) if previous is not None else []
        owner = refers_back_to_owner(sentence.text, said_before) if previous is not None else ()
        # The previous sentence's subject, when it opens with a person's name (after a title:
        # capitalised words only, "President Ana Moreno flew in ...").
        subject = said_before[0] if said_before and said_before[0].person and previous is not None \
            and _title_only(previous.text[:said_before[0].start - previous.start]) else None
        names = [*owner, *refers_back(sentence.text, inside, before, subject, self.profile),
                 *(n for m in inside for n in m.actors),
                 *refers_back_to_bloc(sentence.text, before)]
        return list(dict.fromkeys(names))

    def place_mentions(self, start: int, end: int) -> list[PlaceMention]:
        return self.places[bisect.bisect_left(self._place_starts, start):bisect.bisect_left(self._place_starts, end)]

    def places_in(self, start: int, end: int, kinds: tuple[str, ...] | None = None) -> list[str]:
        found = self.place_mentions(start, end)
        return list(dict.fromkeys(m.place.name for m in found if kinds is None or m.place.kind in kinds))


def _title_only(words: str) -> bool:
    """Whether `words` (what a sentence says before its first name) is nothing or a title: a few
    capitalised words ("President", "U.S. Secretary of State"), at most a quotation mark."""
    words = words.strip(" \"“'‘")
    function_words = actor_gazetteer().function_words   # "On Monday, President X ...": no title
    return len(words) <= _TITLE_CHARS and "," not in words and \
        all((w[:1].isupper() and w not in function_words) or w == "of" for w in words.split())


def find_mentions(text: str, published: dt.date | None = None, tokens: list[Token] | None = None) -> Mentions:
    """Actors and places of `text` (`tokens`: its tokens, when already cut). A capital standing
    for its state ("Moscow said") is an actor and not a place; "talks in Moscow" is a place; so is
    "the Angolan capital" (Luanda)."""
    tokens = tokenize(text) if tokens is None else tokens
    actors = actor_gazetteer().find(text, published, tokens)
    acting = frozenset(k for m in actors if m.how in ("capital", "gazetteer", "context", "surname", "organisation")
                       and not m.place_too for k in range(m.first_token, m.last_token)) | actor_gazetteer().not_actor_tokens(text, tokens)
    demonyms = frozenset(k for m in actors if m.how == "demonym" for k in range(m.first_token, m.last_token))
    places = place_gazetteer().find(text, tokens, skip=acting, not_names=actor_gazetteer().not_names, demonyms=demonyms,
                                    adjectives=actor_gazetteer().adjective_tokens(text, tokens))
    credits = credit_spans(text)   # "Jim Muir, BBC News, Beirut": where the reporter is, not an event
    places = [p for p in places if not any(a <= p.start < b for a, b in credits)]
    for start, end, capital in actor_gazetteer().capital_phrases(text, tokens):
        place = place_gazetteer().lookup(capital)
        places.append(PlaceMention(start, end, place or Place(capital, "city", None, None), "context"))
    return Mentions(actors, places, _profile_subject(text, actors))


def _profile_subject(text: str, actors: list[ActorMention]) -> ActorMention | None:
    """The person a piece is about: the first person its headline names, when the article names
    them at least _PROFILE_MENTIONS times and more often than anyone else ("Eduard Shevardnadze,
    Soviet foreign minister ..., dies at 86"); their mention that tells the most (with their side)."""
    headline_end = text.find("\n")
    if not 0 < headline_end <= _HEADLINE_CHARS:
        return None
    people = [m for m in actors if m.person]
    first = next((m for m in people if m.start < headline_end), None)
    if first is None:
        return None
    counts: dict[str, int] = {}
    for m in people:
        counts[m.actors[0]] = counts.get(m.actors[0], 0) + 1
    name = first.actors[0]
    if counts[name] < _PROFILE_MENTIONS or any(c >= counts[name] for n, c in counts.items() if n != name):
        return None
    return max((m for m in people if m.actors[0] == name), key=lambda m: len(m.actors))


@dataclass(frozen=True, slots=True)
class HeadingStates:
    """event_types.yaml date_headings.states: the words by which a line of no event word under a
    date heading tells a state ("The room was cold.") or a view ("Everyone expected delays."),
    not the day's event."""
    copulas: frozenset[str]
    adverb_ending: str
    participle_endings: tuple[str, ...]
    participles: frozenset[str]
    views: frozenset[str]

    def told_by(self, text: str) -> bool:
        """Whether `text` holds a view verb, or a copula followed (past adverbs in -ly) by a word
        that is no participle ("was cold", "were in Paris"; not "was sworn in"). One pass over
        the words."""
        after_copula = False
        for word in _WORD.findall(text.lower()):
            if word in self.views:
                return True
            if after_copula:
                if word.endswith(self.adverb_ending):
                    continue
                if not (word in self.participles or word.endswith(self.participle_endings)):
                    return True
            after_copula = word in self.copulas
        return False


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class EventRules:
    non_event_values: frozenset[str]
    non_event_texts: frozenset[str]
    inherit_openers: tuple[str, ...]
    # "The agreement was signed ..." continues a sentence whose event is of one of these types.
    inherit_anaphors: dict[str, frozenset[str]]
    inherit_speech_verbs: frozenset[str]
    # A sentence whose event is of the same type as the one before (one of these) continues it,
    # unless a word shows another time ("had", "would", "earlier").
    inherit_same_types: frozenset[str]
    inherit_blockers: re.Pattern[str]
    # "Chancellor X, who hosted the one-day conference, said ...": the subject's part in the event just told.
    inherit_role_clause: re.Pattern[str]
    # "now, not next month": a date right after one of these is a contrast, not an event.
    contrast_before: re.Pattern[str]
    # A chronology's or diary's date headings (date_headings): how many make one, what opens an
    # entry after its date ("12 March 2003: ..."), words of background under a heading, and how a
    # heading writes its year (one without it is in the year of the last heading that writes one).
    heading_minimum: int
    heading_entry: re.Pattern[str]
    heading_background: re.Pattern[str]
    heading_year: re.Pattern[str]
    # ... and an undated sentence with no event word under a heading is the day's entry, unless
    # it opens with the writer's own first person ("We read the news with disbelief": an aside)
    heading_aside: re.Pattern[str]
    # ... or when it tells a state or a view, not a happening ("The room was cold.")
    heading_states: HeadingStates
    # "Bahrain followed last Friday": a sentence without a cue of its own that does what the one
    # before did takes its event type.
    follow_words: re.Pattern[str] | None = None
    # "During that offensive, ...": an opening demonstrative and the noun it points back with.
    inherit_demonstrative: re.Pattern[str] | None = None
    # Rules whose non-event value ("in the coming weeks": FUTURE_REF) dates an event by its stretch.
    vague_event_rules: frozenset[str] = frozenset()
    # "at the close of the meeting": a sentence placing itself in the time of the meeting just told.
    inherit_time_phrase: re.Pattern[str] | None = None
    # The types of the event just told that a role clause ("who hosted the ceremony") continues.
    inherit_role_types: frozenset[str] = frozenset({"meeting", "talks"})
    # "Ban Ki-moon welcomed the signature", "told the signing ceremony": a reaction to the
    # article's latest signing (or truce) of one of these types, on its day.
    inherit_reaction: re.Pattern[str] | None = None
    inherit_reaction_types: frozenset[str] = frozenset()
    # "The accords were signed by ...": the story's signing told again (inherit_retold)
    inherit_retold: re.Pattern[str] | None = None
    # '"The war is over," the envoy said.': a quotation attributed after it (inherit_quote_verbs)
    inherit_quote: re.Pattern[str] | None = None
    # "Kerry said at a briefing that ... would ... in January": a speaker and a verb of saying
    # opening the sentence, before any date (inherit_saying_verbs)
    inherit_saying: re.Pattern[str] | None = None
    # "is expected to fly to Nairobi for the signing": a coming occasion told before (inherit_coming_occasion)
    inherit_coming_occasion: re.Pattern[str] | None = None
    inherit_coming_types: frozenset[str] = frozenset()
    # "Both men spoke afterwards ...", "In a joint statement, they agreed ...": a sentence whose
    # subject points back to the actors of the scene just told, with its verb right after
    # (group "verb"); or one with a word placing it just after that scene (inherit_scene).
    inherit_scene_subject: re.Pattern[str] | None = None
    inherit_scene_connective: re.Pattern[str] | None = None
    # "... did not sign", "refused to attend": an act of the scene just told that some stayed out
    # of (group "verb"), and the event types that are one act (inherit_scene refusals, same_acts).
    inherit_scene_refusal: re.Pattern[str] | None = None
    inherit_scene_same_acts: tuple[frozenset[str], ...] = ()
    # "In Washington, the White House said ...": an opening place (group "place") set off by a
    # comma, perhaps with an aside ("In Lima, however, ..."), of one of the place kinds: the same
    # day elsewhere (inherit_elsewhere).
    inherit_elsewhere: re.Pattern[str] | None = None
    inherit_elsewhere_kinds: tuple[str, ...] = ("city",)
    # "he says", "she warns": the ending of a verb in the present after a singular subject, and the
    # endings that are not it ("discuss", "the press") (present_tense)
    present_ending: str = "s"
    present_not_endings: tuple[str, ...] = ()



def _phrases(phrases: list[str]) -> str:
    """The phrases as one regex alternation, any run of spaces between their words."""
    return "|".join(WORD_GAP.join(map(re.escape, phrase.split())) for phrase in phrases)


def _word_lists(data: dict[str, Any], key: str, names: tuple[str, ...], where: str) -> dict[str, list[str]]:
    """event_types.yaml's mapping `key` of non-empty word lists `names`, checked."""
    value = data.get(key)
    require(isinstance(value, dict) and all(isinstance(value.get(k), list) and value[k]
                                             and all(isinstance(w, str) and w.strip() for w in value[k])
                                             for k in names),
            "event_types.yaml", f"{where}.{key}", "needs non-empty word lists " + ", ".join(f"'{k}'" for k in names))
    return value

@functools.cache
def rules() -> EventRules:
    data = load_yaml("event_types.yaml").get("events")
    where = "events"
    require(isinstance(data, dict), "event_types.yaml", where, "must be a mapping")
    lists = {}
    for key in ("non_event_values", "non_event_texts", "inherit_openers", "vague_event_rules"):
        value = data.get(key)
        require(isinstance(value, list) and all(isinstance(v, str) for v in value), "event_types.yaml",
                f"{where}.{key}", "must be a list of strings")
        lists[key] = value
    anaphors = data.get("inherit_anaphors")
    require(isinstance(anaphors, dict) and all(isinstance(k, str) and isinstance(v, list) and v
                                                for k, v in anaphors.items()),
            "event_types.yaml", f"{where}.inherit_anaphors", "must map an opening to a list of event types")
    verbs = data.get("inherit_speech_verbs")
    require(isinstance(verbs, list) and all(isinstance(v, str) for v in verbs), "event_types.yaml",
            f"{where}.inherit_speech_verbs", "must be a list of words")
    contrast = data.get("contrast_words")
    require(isinstance(contrast, list) and contrast and all(isinstance(v, str) and v.strip() for v in contrast),
            "event_types.yaml", f"{where}.contrast_words", "must be a non-empty list of words")
    preps = data.get("contrast_prepositions")
    require(isinstance(preps, list) and all(isinstance(v, str) and v.isalpha() for v in preps),
            "event_types.yaml", f"{where}.contrast_prepositions", "must be a list of words")
    contrast_re = re.compile(r"(?<!\w)(?:" + _phrases(contrast)
                             + r")\s{1,3}(?:(?:" + "|".join(map(re.escape, preps)) + r")\s{1,3})?$", re.IGNORECASE)
    same, blockers = data.get("inherit_same_types"), data.get("inherit_blockers")
    for key, value in (("inherit_same_types", same), ("inherit_blockers", blockers)):
        require(isinstance(value, list) and value and all(isinstance(v, str) for v in value), "event_types.yaml",
                f"{where}.{key}", "must be a non-empty list of words")
    blockers_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, blockers)) + r")(?!\w)", re.IGNORECASE)
    role = data.get("inherit_role_clause")
    require(isinstance(role, dict) and all(isinstance(role.get(k), list) and role[k] for k in ("verbs", "events"))
            and isinstance(role.get("types", []), list), "event_types.yaml", f"{where}.inherit_role_clause",
            "needs lists 'verbs' and 'events' (and 'types' of the event just told)")
    # An opening name (up to 80 characters), then ", who <verb> the [two words] <event>".
    role_re = re.compile(r"^[^,.;]{1,80}, who (?:" + "|".join(map(re.escape, role["verbs"])) + r") the (?:[\w-]+ ){0,2}(?:"
                         + "|".join(map(re.escape, role["events"])) + r")\b", re.IGNORECASE)
    follow = data.get("follow_words", [])
    require(isinstance(follow, list) and all(isinstance(v, str) and v.strip() for v in follow), "event_types.yaml",
            f"{where}.follow_words", "must be a list of phrases")
    follow_re = re.compile(r"(?<!\w)(?:" + _phrases(follow)
                           + r")(?!\w)", re.IGNORECASE) if follow else None
    demonstratives = data.get("inherit_demonstratives", [])
    require(isinstance(demonstratives, list) and all(isinstance(v, str) and v.strip() for v in demonstratives),
            "event_types.yaml", f"{where}.inherit_demonstratives", "must be a list of phrases")
    demonstrative_re = re.compile(r"(?:" + _phrases(demonstratives)
                                  + r")\s{1,3}(?P<noun>[^\W\d_]{3,30})\b", re.IGNORECASE) if demonstratives else None
    phrase = _word_lists(data, "inherit_time_phrase", ("positions", "events"), where)
    phrase_re = re.compile(r"(?<!\w)(?:at|on|by)\s{1,3}the\s{1,3}(?:" + "|".join(map(re.escape, phrase["positions"]))
                           + r")\s{1,3}of\s{1,3}the\s{1,3}(?:[\w'’-]+\s{1,3}){0,2}?(?:" + "|".join(map(re.escape, phrase["events"]))
                           + r")(?!\w)", re.IGNORECASE)
    reaction = _word_lists(data, "inherit_reaction", ("verbs", "nouns", "types"), where)
    # ... or said at the occasion itself: "in a declaration to the press after the ceremony"
    occasions = reaction.get("occasions") or {}
    require(isinstance(occasions, dict) and all(isinstance(occasions.get(k, []), list) for k in ("words", "nouns")),
            "event_types.yaml", f"{where}.inherit_reaction.occasions", "needs word lists 'words' and 'nouns'")
    occasion = (r"|(?:" + "|".join(map(re.escape, occasions["words"])) + r")\s{1,3}the\s{1,3}(?:"
                + _phrases(occasions["nouns"]) + r")"
                ) if occasions.get("words") and occasions.get("nouns") else ""
    reaction_re = re.compile(r"(?<!\w)(?:(?:" + "|".join(map(re.escape, reaction["verbs"])) + r")\s{1,3}the\s{1,3}(?:[\w'’-]+\s{1,3})?(?:"
                             + _phrases(reaction["nouns"]) + r")"
                             + occasion + r")(?!\w)", re.IGNORECASE)
    retold = _word_lists(data, "inherit_retold", ("nouns", "verbs"), where)
    retold_re = re.compile(r"The\s{1,3}(?:[\w'’-]+\s{1,3})?(?:" + "|".join(map(re.escape, retold["nouns"]))
                           + r")\s{1,3}(?:was|were)\s{1,3}(?:[a-z]+ly\s{1,3})?(?:" + "|".join(map(re.escape, retold["verbs"]))
                           + r")(?!\w)")
    quote_verbs = data.get("inherit_quote_verbs", [])
    require(isinstance(quote_verbs, list) and all(isinstance(v, str) and v.isalpha() for v in quote_verbs),
            "event_types.yaml", f"{where}.inherit_quote_verbs", "must be a list of words")
    # An opening quotation (no quote mark inside, bounded), its closing mark, then up to 80
    # characters of attribution (no full stop) and a verb of saying.
    quote_re = re.compile(r'["“][^"“”\n]{1,600}["”]\s{0,3}(?:[^.;:"“”\n]{1,80}?\s)?(?:'
                          + "|".join(map(re.escape, quote_verbs)) + r")(?!\w)") if quote_verbs else None
    saying_verbs = data.get("inherit_saying_verbs", [])
    require(isinstance(saying_verbs, list) and all(isinstance(v, str) and v.isalpha() for v in saying_verbs),
            "event_types.yaml", f"{where}.inherit_saying_verbs", "must be a list of words")
    # An opening subject (up to 80 characters, no punctuation or quotation), then the verb; not
    # a perfect ("The military has said it will ..."): no one day's saying.
    saying_re = re.compile(r'[A-Z][^,.;:"“”\n]{0,80}?(?<!\shas)(?<!\shave)(?<!\shad)\s(?:'
                           + "|".join(map(re.escape, saying_verbs))
                           + r")(?!\w)") if saying_verbs else None
    coming = _word_lists(data, "inherit_coming_occasion", ("words", "nouns", "types"), where)
    coming_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, coming["words"])) + r")\s{1,3}(?:"
                           + _phrases(coming["nouns"]) + r")(?!\w)", re.IGNORECASE)
    scene = _word_lists(data, "inherit_scene", ("subjects", "between", "connectives"), where)
    # An opening phrase set off by a comma (up to 80 characters, no quotation), then the subject,
    # perhaps a word or two between ("also", "did not"), then the verb.
    scene_subject_re = re.compile(r'^(?:[^,.;:"“”\n]{1,80},\s{1,3})?(?:' + _phrases(scene["subjects"]) + r")\s{1,3}(?:(?:"
                                  + _phrases(scene["between"]) + r")\s{1,3})?(?P<verb>[a-z]+)\b", re.IGNORECASE)
    refusals = scene.get("refusals") or []
    acts = scene.get("same_acts") or []
    known_types = vocabulary().priority
    require(isinstance(refusals, list) and all(isinstance(w, str) and w.strip() for w in refusals)
            and isinstance(acts, list) and all(isinstance(a, list) and a and all(t in known_types for t in a) for a in acts),
            "event_types.yaml", f"{where}.inherit_scene", "'refusals' must be phrases, 'same_acts' lists of event types")
    # the refusal, then the verb, in the sentence's first clause (no comma or semicolon before)
    scene_refusal_re = re.compile(r"^[^,;:\n]{0,200}?(?<!\w)(?:" + _phrases(refusals) + r")\s{1,3}(?P<verb>[a-z]+)\b",
                                  re.IGNORECASE) if refusals else None
    scene_connective_re = re.compile(r"(?<!\w)(?:" + _phrases(scene["connectives"]) + r")(?!\w)", re.IGNORECASE)
    elsewhere = _word_lists(data, "inherit_elsewhere", ("openers", "asides", "kinds"), where)
    require(set(elsewhere["kinds"]) <= set(PLACE_KINDS), "event_types.yaml", f"{where}.inherit_elsewhere.kinds",
            f"must be place kinds ({', '.join(PLACE_KINDS)})")
    present = data.get("present_tense")
    require(isinstance(present, dict) and isinstance(present.get("ending"), str) and present["ending"].isalpha()
            and present["ending"].islower() and isinstance(present.get("not_endings", []), list)
            and all(isinstance(e, str) and e.isalpha() and e.islower() and e.endswith(present["ending"])
                    for e in present.get("not_endings", [])),
            "event_types.yaml", f"{where}.present_tense",
            "needs a lower-case 'ending' and 'not_endings' that end with it")
    # The opener, a capitalised name of up to four words, a comma, perhaps an aside and a comma.
    elsewhere_re = re.compile(r"(?:" + "|".join(map(re.escape, elsewhere["openers"]))
                              + r")\s{1,3}(?P<place>[A-Z][\w'’.-]*(?:\s{1,3}[A-Z][\w'’.-]*){0,3}),\s{1,3}(?:(?:"
                              + _phrases(elsewhere["asides"]) + r"),\s{1,3})?")
    return EventRules(frozenset(lists["non_event_values"]), frozenset(t.lower() for t in lists["non_event_texts"]),
                      tuple(lists["inherit_openers"]), {k: frozenset(v) for k, v in anaphors.items()},
                      frozenset(v.lower() for v in verbs), frozenset(same), blockers_re, role_re, contrast_re,
                      *_heading_rules(data, where),
                      follow_re, demonstrative_re, frozenset(lists["vague_event_rules"]), phrase_re,
                      frozenset(role.get("types") or ("meeting", "talks")), reaction_re, frozenset(reaction["types"]),
                      retold_re, quote_re, saying_re, coming_re, frozenset(coming["types"]),
                      scene_subject_re, scene_connective_re, scene_refusal_re,
                      tuple(frozenset(a) for a in acts), elsewhere_re, tuple(elsewhere["kinds"]),
                      present["ending"], tuple(present.get("not_endings", [])))


def _heading_rules(data: dict[str, Any], where: str) -> tuple[int, re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                                              re.Pattern[str], HeadingStates]:
    """event_types.yaml's date_headings, checked: the least number of headings that make a
    chronology, the entry separators, the background words, the shape of a written year, the
    openings of a writer's aside and the words of a state or a view."""
    headings = data.get("date_headings")
    require(isinstance(headings, dict) and isinstance(headings.get("minimum"), int) and headings["minimum"] >= 2
            and isinstance(headings.get("year_digits"), int) and headings["year_digits"] > 0,
            "event_types.yaml", f"{where}.date_headings", "needs 'minimum' (at least 2) and 'year_digits' (a whole number)")
    words = _word_lists(data, "date_headings", ("entry_separators", "background_words", "aside_openers"), where)
    # What follows an entry's date at the start of its line: a few blanks (a word gap), a separator, then a space.
    entry_re = re.compile(r"[ \t]{0,3}(?:" + "|".join(map(re.escape, words["entry_separators"])) + r")[ \t]")
    background_re = re.compile(r"(?<!\w)(?:" + _phrases(words["background_words"]) + r")(?!\w)", re.IGNORECASE)
    year_re = re.compile(r"(?<!\d)\d{%d}(?!\d)" % headings["year_digits"])
    aside_re = re.compile(r"(?:" + _phrases(words["aside_openers"]) + r")(?!\w)", re.IGNORECASE)
    states = _word_lists(headings, "states", ("copulas", "participle_endings", "participles", "views"),
                         f"{where}.date_headings")
    require(isinstance(states.get("adverb_ending"), str) and states["adverb_ending"].isalpha(), "event_types.yaml",
            f"{where}.date_headings.states", "needs 'adverb_ending' (letters)")
    lower = {k: [w.lower() for w in states[k]] for k in ("copulas", "participle_endings", "participles", "views")}
    return (headings["minimum"], entry_re, background_re, year_re, aside_re,
            HeadingStates(frozenset(lower["copulas"]), states["adverb_ending"].lower(), tuple(lower["participle_endings"]),
                          frozenset(lower["participles"]), frozenset(lower["views"])))


_CONTRAST_REACH = 20   # characters before a time expression searched for a contrast word


def is_contrasted(text: str, timex: TimeExpression) -> bool:
    """ "Aid has to move now, not next month": the time expression is what does not happen."""
    return rules().contrast_before.search(text[max(0, timex.start - _CONTRAST_REACH):timex.start]) is not None


def is_event_date(timex: TimeExpression) -> bool:
    """A time expression that can date an event: on the calendar, not a duration or set,
    not "now", and within the years the events table can hold ("the 11th century" cannot)."""
    r = rules()
    return (timex.is_dated and (timex.value not in r.non_event_values or timex.rule in r.vague_event_rules)
            and timex.text.lower() not in r.non_event_texts
            and _FIRST_DAY <= timex.interval_start and (timex.interval_end or timex.interval_start) <= _LAST_DAY)


# Extraction -----------------------------------------------------------------------------------
def extract_events(text: str, published: dt.date | dt.datetime | str | None = None,
                   doc_id: str | None = None) -> pd.DataFrame:
    """The events of one article as a DataFrame with the columns of `timeline.schema`.

    `published` anchors relative dates ("Wednesday", "last week"); without it only absolute
    dates are placed. `doc_id` defaults to a hash of the text.
    """
    pub, doc_id = _article("extract_events", text, published, doc_id)
    fitted = participant_model()
    keep: dict[str, Any] | None = {} if fitted.active else None
    rows = list(_rows(text, pub, doc_id, keep))
    if keep:   # who takes part: the rules' candidates, ranked by the learned model
        reader = ParticipantReader(text, keep["sentences"], keep["context"], rows)
        rank_rows([(row, reader.candidates(row, decisive=True)) for row in rows if reader.may_change(row, fitted)], fitted,
                  reader.where_named)
        for row in rows:   # the model reads the mentions on the article's day: not on the row's (Actor.speaks_for)
            _offices_on_the_day(row, keep["mentions"], pub, add=False)
    table = _finish(rows)
    _loaded_once()
    return table


@functools.cache
def _loaded_once() -> None:
    """After the process's first article, what it loaded (rules, gazetteers, the imports) is
    left out of garbage collection (datafiles.freeze_loaded); GeoNames, loaded when an article
    first needs it, does the same."""
    freeze_loaded()


def participant_candidates(text: str, published: dt.date | dt.datetime | str | None = None,
                           doc_id: str | None = None,
                           decisive: bool = False) -> tuple[pd.DataFrame, list[list[Candidate]]]:
    """The events of one article (as extract_events gives them) and, for each row in order, the
    candidate actors the participant model ranks, with their features (for fitting the model:
    bench/participant_features.py). Rows of an article with no event date have none. With
    `decisive`, only the candidates that can change a row, as extract_events reads them."""
    pub, doc_id = _article("participant_candidates", text, published, doc_id)
    keep: dict[str, Any] = {}
    rows = list(_rows(text, pub, doc_id, keep))
    reader = ParticipantReader(text, keep["sentences"], keep["context"], rows) if keep else None
    candidates = [reader.candidates(row, decisive) if reader is not None else [] for row in rows]
    return _finish(rows), candidates


def _article(caller: str, text: Any, published: dt.date | dt.datetime | str | None,
             doc_id: str | None) -> tuple[dt.date | None, str]:
    """The checked text's publication day and doc_id (a hash of the text when none is given)."""
    if not isinstance(text, str):
        raise InputError(f"{caller} needs text (str), got {type(text).__name__}")
    return (parse_published(published),
            doc_id or "doc-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:12])


def _finish(rows: list[dict[str, Any]]) -> pd.DataFrame:
    for row in rows:   # rows made by other rules than _row's (an inferred lede event) took nothing from context
        row.setdefault(schema.CONTEXT_RULE, "")
    if not rows:
        return _empty().copy()
    return _table(rows)


@functools.cache
def _empty() -> pd.DataFrame:
    return schema.empty_events()


def _table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows as a table already in the schema's dtypes, built column by column from arrays
    of the final types (pandas' row-wise construction and casting cost more than the rest of
    extraction did); tests check that `schema.validate` finds nothing to change in it. The
    string columns are one Arrow array cut in slices, the integer columns rows of one numpy
    array: one conversion each instead of one per column."""
    import numpy as np
    import pandas as pd

    n = len(rows)
    strings, integers = _column_groups()
    texts = _string_array()([row[name] for name in strings for row in rows])
    ints = np.array([[row[name] for row in rows] for name in integers], dtype=np.int64) \
        if not any(row[name] is None for name in integers for row in rows) else None
    columns: list[Any] = []
    for name, dtype in schema.EVENT_COLUMNS.items():
        if name in strings:
            k = strings[name]
            columns.append(texts[k * n:(k + 1) * n])
        elif ints is not None and name in integers:
            columns.append(pd.arrays.IntegerArray(ints[integers[name]], np.zeros(n, dtype=bool)))
        elif name in schema.LIST_COLUMNS:
            cells = np.empty(n, dtype=object)
            cells[:] = [list(row[name]) for row in rows]
            columns.append(cells)
        elif dtype.startswith("datetime64"):
            columns.append(_datetimes([row[name] for row in rows], dtype))
        elif dtype in ("bool", "float64"):
            columns.append(np.array([row[name] for row in rows], dtype=dtype))
        else:
            columns.append(pd.array([row[name] for row in rows], dtype=dtype))
    return _frame()(columns, n)


@functools.cache
def _column_groups() -> tuple[dict[str, int], dict[str, int]]:
    """The string columns and the integer columns of the events table, each numbered."""
    strings = [c for c, t in schema.EVENT_COLUMNS.items() if t == "string"]
    integers = [c for c, t in schema.EVENT_COLUMNS.items() if t == "Int64"]
    return {c: k for k, c in enumerate(strings)}, {c: k for k, c in enumerate(integers)}


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _datetimes(values: list[Any], dtype: str) -> Any:
    """Dates as a datetime64 array: through their day numbers when all are plain dates (numpy
    reads date objects one by one, several times slower), otherwise as numpy reads them."""
    import numpy as np

    if all(type(v) is dt.date for v in values):
        days = np.array([v.toordinal() for v in values], dtype=np.int64) - _EPOCH_ORDINAL
        return days.astype("datetime64[D]").astype(dtype)
    return np.array(values, dtype=dtype)


@functools.cache
def _frame() -> Callable[[list[Any], int], pd.DataFrame]:
    """How the columns become a DataFrame. They are already the arrays pandas stores, so its
    constructor's per-column checks (a third of the table's cost) are skipped where pandas
    offers that (`DataFrame._from_arrays(verify_integrity=False)`, pandas >= 1.0); otherwise,
    or if a pandas release drops it, the public constructor does the same."""
    import pandas as pd

    names = pd.Index(list(schema.EVENT_COLUMNS))   # immutable, shared by every table
    from_arrays = getattr(pd.DataFrame, "_from_arrays", None)
    if from_arrays is not None:
        def build(columns: list[Any], length: int) -> pd.DataFrame:
            return from_arrays(columns, columns=names, index=pd.RangeIndex(length), verify_integrity=False)
        return build
    return lambda columns, length: pd.DataFrame(dict(zip(names, columns)), copy=False)


@functools.cache
def _string_array() -> Callable[[list[str | None]], Any]:
    """How a string column is made: straight from an Arrow array when pandas keeps its strings
    in Arrow (its default), which skips pandas' per-value checks. Slicing the result gives
    the columns (a slice of an Arrow array shares its buffers)."""
    import pandas as pd
    import pyarrow as pa

    if pd.StringDtype().storage == "pyarrow":
        return lambda values: pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
    return lambda values: pd.array(values, dtype="string")


def extract_document(doc: Document) -> pd.DataFrame:
    """The events of a loaded Document."""
    return extract_events(doc.text, published=doc.published, doc_id=doc.doc_id)


def extract_file(path: str | Path, published: dt.date | dt.datetime | str | None = None) -> pd.DataFrame:
    """The events of the article at `path` (text, Markdown or HTML; metadata from the file or a
    sidecar; `published` when the file has none)."""
    from timeline.documents import load_document

    return extract_document(load_document(path, published=parse_published(published)))


def _inside_any(spans: list[tuple[int, int]], ends: list[int], offset: int) -> bool:
    """Whether `offset` lies in one of `spans` (sorted by start, not overlapping; `ends` their ends)."""
    k = bisect.bisect_right(ends, offset)
    return k < len(spans) and spans[k][0] <= offset


def _view(sentence: str, start: int, end: int) -> tuple[str, int]:
    """The part of `sentence` read for the time expression at [start, end) (offsets in it), and
    its offset in the sentence: all of it, or in a run-on sentence the window of its block (see
    _LONG_SENTENCE), cut at spaces."""
    if len(sentence) <= _LONG_SENTENCE:
        return sentence, 0
    block = start // _BLOCK
    lo, hi = max(0, (block - 1) * _BLOCK), max(end, min(len(sentence), (block + 2) * _BLOCK))
    if lo > 0:
        space = sentence.find(" ", lo, start)
        lo = space + 1 if space >= 0 else start
    if hi < len(sentence):
        space = sentence.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return sentence[lo:hi], lo


def _rows(text: str, published: dt.date | None, doc_id: str, keep: dict[str, Any] | None = None) -> Any:
    # `keep`, when given, receives the sentences and the discourse read (participant_candidates).
    # A dateline's date ("GENEVA, 8 July 2017 —") is when the story was filed, not an event.
    # Nor is a date inside a name ("The Sunday Times", "the Good Friday Agreement").
    tokens = tokenize(text)   # once: every gazetteer scan of the article shares them
    # Nor is a date in a byline or credit line.
    lines = datelines(text)
    filed = merged_spans([*lines, *actor_gazetteer().not_actor_spans(text, tokens), *credit_spans(text)])
    filed_ends = [b for _, b in filed]
    every = tag_times(text, published)
    written = _filing_day(lines, every, published)
    if written is not None:   # the article counts its "today" from the day it was written
        published, every = written, tag_times(text, written)
    tagged = [t for t in every if not _inside_any(filed, filed_ends, t.start)]
    timexes = [t for t in tagged if is_event_date(t) and not is_contrasted(text, t)]
    if not timexes:
        if published is not None:   # an undated lede may still tell the main event
            yield from _lede_rows(text, split_sentences(text), tagged, {}, [], published, doc_id, tokens, None)
        return
    mentions = find_mentions(text, published, tokens)
    sentences = split_sentences(text)
    by_sentence: dict[int, list[TimeExpression]] = {}
    k = 0
    for i, s in enumerate(sentences):
        while k < len(timexes) and timexes[k].start < s.start:
            k += 1
        j = k
        while j < len(timexes) and timexes[j].start < s.end:
            by_sentence.setdefault(i, []).append(timexes[j])
            j += 1
        k = j
    # A live blog's entry stamp ("15:05 It is done.") dates the entry's events that have no date
    # of their own, and nothing where the sentence gives one ("12:10 ... suspended on Tuesday").
    # A stamp's own sentence that gives only the stamp's day ("18:45 We leave our coverage for
    # today.") keeps the stamp for the rest of its entry.
    same_day: dict[int, TimeExpression] = {}
    for i, found in list(by_sentence.items()):
        if len(found) > 1 and any(t.rule in _STAMP_RULES for t in found):
            by_sentence[i] = [t for t in found if t.rule not in _STAMP_RULES]
            entry = next(t for t in found if t.rule in _STAMP_RULES)
            if all(t.interval_start == t.interval_end == entry.interval_start for t in by_sentence[i]):
                same_day[i] = entry
    stamp: tuple[int, TimeExpression] | None = None   # (paragraph, stamp) of the entry being read
    asked: tuple[int, TimeExpression] | None = None   # (paragraph, date) of a Q&A's dated question
    seen: list[Any] = [None, 0]   # the story's signing for reactions, once found; rows looked at so far
    previous: list[dict[str, Any]] = []
    context = Discourse(text, sentences, mentions, published, tokens)   # who and where, for sentences that do not say
    context.noting = keep is not None
    context.dated = frozenset(sentences[i].start for i in by_sentence)
    context.dates = sorted((t.start, t.interval_start) for t in timexes)
    if keep is not None:
        keep.update(sentences=sentences, context=context, mentions=mentions)
    made: list[dict[str, Any]] = []
    by_index: dict[int, list[dict[str, Any]]] = {}
    said: tuple[int, dict[str, Any]] | None = None   # (paragraph, row) of the last event told on a known day
    story: dict[str, Any] | None = None   # the first event told on a known day: the story's own
    # A chronology's or diary's date headings ("3 March 2031" on a line, "12 March 2003: ..."):
    # each dates the undated event sentences under it, up to the next.
    headings = _date_headings(text, sentences, by_sentence, published)
    heading: TimeExpression | None = None
    _in_heading_years(headings, by_sentence, published)
    for i, sentence in enumerate(sentences):
        before = sentences[i - 1] if i else None
        heading = headings.get(i, heading)
        # Found once per sentence, however many dates it holds, and only if it needs them.
        who = _Who(mentions, sentence, before)
        own = by_sentence.get(i, [])
        rows = [r for t in own if (r := _row(sentence, t, who, published, doc_id, dates=own))
                and (t.rule not in _STAMP_RULES or _tells_an_act(r))]
        if own and _only_dates(sentence, own):
            rows = []   # a date line under the headline ("17 January 2016") tells no event
        if _is_question_line(text, sentence):
            # A Q&A's question on a line of its own ("What happened on Saturday?") tells no event:
            # its date is the time of the answer below it, as an entry stamp is of its entry.
            asked = (sentence.paragraph, own[0]) if len(own) == 1 else None
            if asked is not None:
                rows = []
        elif (own and not _within_asked(own, asked)) or (asked is not None and sentence.paragraph > asked[0] + 1):
            # the answer's own date, or a paragraph after the answer's, ends its reach; a time of
            # the day asked about ("Late in the evening" after "What happened on Saturday?") does not
            asked = None
        if own and own[0].rule in _STAMP_RULES:
            stamp = (sentence.paragraph, own[0])
        elif i in same_day:
            stamp = (sentence.paragraph, same_day[i])
        elif own or (stamp is not None and stamp[0] != sentence.paragraph):
            stamp = None   # a sentence dated by its own words, or a new paragraph, ends the entry's reach
        given = stamp[1] if stamp is not None else asked[1] if asked is not None and sentence.start > asked[1].end else None
        if not rows and not own and given is not None:
            row = _row(sentence, given, who, published, doc_id, inherited=True, keep_untyped=True)
            rows = [row] if row is not None and _tells_an_act(row) else []
        elif not rows and i not in by_sentence:
            rows = _reaction(sentence, made, seen, who, published, doc_id)
            if not rows and previous:
                rows = _inherited(sentence, previous, sentences[i - 1], mentions, who, published, doc_id)
            if not rows:   # "The accords were signed by ...": the story's signing told again
                rows = _reaction(sentence, made, seen, who, published, doc_id, retold=True)
            if not rows and said is not None and said[0] >= sentence.paragraph - 1:
                rows = _quoted(sentence, said[1], story, who, published, doc_id)
            elif not rows and said is not None and _at_story_day(made, story):
                # further on, while the story is at its day: one of the story's own actors speaking
                rows = [row for row in _quoted(sentence, said[1], story, who, published, doc_id)
                        if set(row[schema.ACTORS]) & set(story[schema.ACTORS])]
            if not rows and said is not None and story is not None and said[1][schema.DATE_START] >= story[schema.DATE_START]:
                rows = _elsewhere(sentence, story, mentions, who, published, doc_id)
            if not rows:   # "... is expected to fly in for the signing": the coming signing's day
                rows = _coming_occasion(sentence, made, who, published, doc_id)
            if heading is not None and not _within_heading(rows, heading):
                # the heading dates what the older carry-over rules leave undated or carry from
                # outside its day, month or year (another entry's); a day they find inside stays
                rows = _under_heading(sentence, heading, who, published, doc_id) or rows
        elif previous and rules().follow_words is not None and rules().follow_words.search(sentence.text):
            for row in rows:
                if row[schema.EVENT_TYPE] == FALLBACK:
                    row[schema.EVENT_TYPE] = previous[-1][schema.EVENT_TYPE]
        if rows and own and said is not None and said[0] >= sentence.paragraph - 1:
            rows = [*_saying(sentence, own, rows, said[1], who, published, doc_id), *rows]
        if len(rows) > 1:
            _actors_by_clause(sentence, rows, who)
        context.share_places(rows)
        for row in rows:
            named = list(row[schema.LOCATIONS])
            aside = _set_aside_places(row, mentions)
            context.complete(row, sentence)
            if aside:
                _take_back(row, named, aside, mentions)
            _offices_on_the_day(row, mentions, published)
        context.read(sentence)
        yield from rows
        if rows:
            made.extend(rows)
            by_index[i] = rows
            # the latest of them: "began flying on Tuesday, hours after ... signed late on Monday"
            known = [r for r in rows if r[schema.STATUS] == OCCURRED and r[schema.GRANULARITY] in ("day", "time")]
            if known:
                said = (sentence.paragraph, max(known, key=lambda r: r[schema.DATE_START]))
                story = story or min(known, key=lambda r: r[schema.TIMEX_START])
        previous = rows if rows or i in by_sentence else []
    yield from _lede_rows(text, sentences, tagged, by_index, made, published, doc_id, tokens, mentions)


def _offices_on_the_day(row: dict[str, Any], mentions: Mentions, published: dt.date | None, add: bool = True) -> None:
    """A person of the gazetteer with dated offices speaks for those held on the row's day, not
    on the article's (Actor.speaks_for; a mention is read on the article's day): "His successor,
    X, takes office on 1 January" in a story of December is the office's; a leader recalled as
    the guerrilla he was before he governed is not yet his state's. Only what differs between the
    two days changes, and an office the sentence names by another mention stays; without `add`,
    offices are only taken away (after the participant model, which reads the mentions again)."""
    day = row[schema.DATE_START]
    if day is None or published is None or not row[schema.ACTORS]:
        return
    day = schema.as_day(day)
    gazetteer = actor_gazetteer()
    names = list(row[schema.ACTORS])
    inside = mentions.actor_mentions(row[schema.CHAR_START], row[schema.CHAR_END])
    for name in row[schema.ACTORS]:
        person = gazetteer.actors.get(name)
        if person is None or person.kind != "person" or not any(a.start or a.end for a in person.affiliations):
            continue
        told = person.speaks_for(published, gazetteer.former_after)
        then = person.speaks_for(day, gazetteer.former_after)
        named_apart = {n for m in inside if m.actors[0] != name for n in m.actors}
        stale = set(told) - set(then) - named_apart
        names = [n for n in names if n not in stale]
        if add:
            at = names.index(name) + 1
            names[at:at] = [n for n in then if n not in told and n not in names]
    row[schema.ACTORS] = names


def _set_aside_places(row: dict[str, Any], mentions: Mentions) -> list[str]:
    """Take from `row` the places its happening was not at (PlaceGazetteer.idle_places: a water
    named where nothing happened on water, or beside a city), so that the discourse may lend a
    better one; returns them."""
    names = row[schema.LOCATIONS]
    if not names:
        return []
    known = mentions.place_named
    places = [known.get(n) or Place(n, "city", None, None) for n in names]
    aside, _ = place_gazetteer().idle_places(places, row[schema.SENTENCE])
    if aside:
        dropped = {p.name for p in aside}
        row[schema.LOCATIONS] = [n for n in names if n not in dropped]
    return [p.name for p in aside]


def _take_back(row: dict[str, Any], named: list[str], aside: list[str], mentions: Mentions) -> None:
    """Give `row` back the places set aside (`_set_aside_places`) from those its sentence `named`
    when no better place was found: no city or site of its own nor lent by the discourse (a
    country the article is about is no better than the river its sentence names)."""
    places = place_gazetteer()
    now = row[schema.LOCATIONS]
    if any((p := mentions.place_named.get(n) or places.lookup(n)) is None or p.kind in ("city", "site") for n in now):
        return   # (a name no gazetteer knows is a site or town found from context)
    own = [n for n in named if n not in aside]
    if own:
        row[schema.LOCATIONS] = [n for n in named if n in now or n in aside]
    else:
        row[schema.LOCATIONS] = aside
        if now:   # what the discourse lent is not kept: nor its reason
            row[schema.CONTEXT_RULE] = "; ".join(w for w in row[schema.CONTEXT_RULE].split("; ")
                                                  if not w.startswith("place from"))


# Rules of temporal/rules.yaml whose expression stamps a live blog's entry ("15:05 ...").
_STAMP_RULES = frozenset({"entry_clock"})


def _tells_an_act(row: dict[str, Any]) -> bool:
    """Whether a row dated by a live blog's entry stamp (or a Q&A's question) tells an act: an
    event word, or, with none, a name of who acted ("18:30 - Humberto de la Calle ... spoke
    first"); the blog's own housekeeping ("Good morning.", "More soon.") names no one."""
    return row[schema.EVENT_TYPE] != FALLBACK or bool(row[schema.ACTORS])


def _only_dates(sentence: Sentence, own: list[TimeExpression]) -> bool:
    """Whether the sentence is nothing but its time expressions and punctuation ("Thursday,
    December 18, 2014"; "Tuesday 29 March 2022."): a date line, not a sentence that tells."""
    rest, at = [], sentence.start
    for t in own:
        rest.append(sentence.text[at - sentence.start:max(at, t.start) - sentence.start])
        at = max(at, t.end)
    rest.append(sentence.text[at - sentence.start:])
    return not any(ch.isalnum() for part in rest for ch in part)


def _date_headings(text: str, sentences: list[Sentence], by_sentence: dict[int, list[TimeExpression]],
                   published: dt.date | None) -> dict[int, TimeExpression]:
    """The date headings of a chronology, diary or log (sentence index -> its date): a line that
    is only a date ("3 March 2031", "1989", "Tuesday 14 May."), or a line that opens with a date
    and a separator ("12 March 2003: ...", "Tuesday 14 May - ..."; event_types.yaml
    date_headings). None unless there are at least `minimum` of them: one date line under a
    headline is the day of publication, not a heading over the story. A heading that writes no
    year ("Sunday 18 March." after "Tuesday 13 February 1990.") is in the year of the last heading
    that writes one, as a diary's reader takes it, when the date reader put it in the year of
    publication for want of one."""
    r = rules()
    found: dict[int, TimeExpression] = {}
    for i, own in sorted(by_sentence.items()):
        sentence = sentences[i]
        first = own[0]
        if first.rule in _STAMP_RULES:
            continue   # a live blog's entry stamp reaches over its own entry only (see _rows)
        if first.start != sentence.start or text[text.rfind("\n", 0, sentence.start) + 1:sentence.start].strip():
            continue   # not at the start of its line
        line_end = text.find("\n", sentence.end)
        whole_line = not text[sentence.end:len(text) if line_end < 0 else line_end].strip()
        if (whole_line and _only_dates(sentence, own)) or \
                r.heading_entry.match(text, first.end):
            found[i] = first
    if len(found) < r.heading_minimum:
        return {}
    year: int | None = None
    for i, first in found.items():
        writes_year = bool(r.heading_year.search(first.text))
        if not writes_year and year is not None and published is not None \
                and first.interval_start is not None and first.interval_start.year == published.year:
            found[i] = _in_year(first, year)
        elif writes_year and first.interval_start is not None:
            # only a written year carries on: a week-ahead calendar's "8-9 December", which the
            # date reader put in the year of a date told just before, must not carry that year on
            year = first.interval_start.year
    return found


def _in_heading_years(headings: dict[int, TimeExpression], by_sentence: dict[int, list[TimeExpression]],
                      published: dt.date | None) -> None:
    """Read the dates under each heading in its year (in place): the heading's own, corrected
    by _date_headings; and a date under it that writes no year ("on the night of 17 June" under
    "June 1992", "that night" under "Tuesday 11 September") and that the date reader put in the
    year of publication or of the heading as first read, as a reader of a chronology takes it.
    A date that crossed into another year on its own ("the next day" after 31 December) stays."""
    if not headings:
        return
    year_re = rules().heading_year
    read = {i: by_sentence[i][0].interval_start.year for i in headings if by_sentence[i][0].interval_start}
    current: TimeExpression | None = None
    first_read: int | None = None
    for i in sorted(by_sentence):
        if i in headings:
            current, first_read = headings[i], read.get(i)
            by_sentence[i] = [current, *by_sentence[i][1:]]
            continue
        if current is None or current.interval_start is None:
            continue
        year = current.interval_start.year
        stray = {y for y in (first_read, published.year if published else None) if y is not None and y != year}
        # a date counted from the one before ("the following month" under "December 2003") is
        # wrong only when counted from the heading as first read, not for being in the year of
        # publication: it may cross into the next year on its own
        counted_stray = {first_read} - {year}
        by_sentence[i] = [_in_year(t, year) if t.interval_start is not None and not year_re.search(t.text)
                          and t.interval_start.year in (counted_stray if t.rule in _counted_rules() else stray)
                          else t for t in by_sentence[i]]


@functools.cache
def _counted_rules() -> frozenset[str]:
    """The date reader's rules that count a date from the one before (kind anaphoric:
    "the following month", "that night"), by name."""
    return frozenset(rule.name for rule in rulebook().rules if rule.kind == "anaphoric")


def _in_year(timex: TimeExpression, year: int) -> TimeExpression:
    """`timex`, a date that writes no year, moved into `year` (the chronology's), when its value
    begins with a year; unchanged otherwise (or when the day does not exist in that year)."""
    written = timex.value[:4]
    if not written.isdigit() or int(written) == year:
        return timex
    value = f"{year:04d}{timex.value[4:]}"
    try:
        start = timex.interval_start.replace(year=year) if timex.interval_start else None
        end = timex.interval_end.replace(year=year + (timex.interval_end.year - timex.interval_start.year)) \
            if timex.interval_end and timex.interval_start else None
    except ValueError:   # 29 February
        return timex
    return dataclasses.replace(timex, value=value, interval_start=start, interval_end=end,
                               explanation=f"{timex.text} -> {value} (the chronology's year, {year}, from its headings)")


def _within_heading(rows: list[dict[str, Any]], heading: TimeExpression) -> bool:
    """Whether `rows` are dated, all inside the heading's span (a day within a month heading)."""
    return bool(rows) and heading.interval_start is not None and all(
        schema.as_day(r[schema.DATE_START]) >= heading.interval_start
        and schema.as_day(r[schema.DATE_END]) <= (heading.interval_end or heading.interval_start) for r in rows)


def _under_heading(sentence: Sentence, heading: TimeExpression, who: _Who, published: dt.date | None,
                   doc_id: str) -> list[dict[str, Any]]:
    """The row of an undated sentence under a date heading: the heading's date and granularity,
    unless the sentence tells background ("The war had killed 100,000 people": date_headings
    background_words). A chronology's entry is the day's event whether or not it has an event
    word ("Mandela is sworn in", "The treaty came into force"): then it is of no type, and not
    when it is the writer's aside in the first person ("We read the news with disbelief") or tells
    a state or a view ("The room was cold.", "Everyone expected delays": date_headings states)."""
    r = rules()
    if r.heading_background.search(sentence.text):
        return []
    row = _row(sentence, heading, who, published, doc_id, inherited=True, keep_untyped=True,
               evidence=f"dated by the heading '{heading.text}'")
    if row is None or (row[schema.EVENT_TYPE] == FALLBACK and (r.heading_aside.match(sentence.text)
                                                                or r.heading_states.told_by(sentence.text))):
        return []
    return [row]


def _within_asked(own: list[TimeExpression], asked: tuple[int, TimeExpression] | None) -> bool:
    """Whether every date of the sentence lies within the day (or period) a Q&A's question asked
    about: the answer still tells of that day, and its undated sentences keep its date."""
    if asked is None or asked[1].interval_start is None or asked[1].interval_end is None:
        return False
    first, last = asked[1].interval_start, asked[1].interval_end
    return all(t.interval_start is not None and t.interval_end is not None
               and first <= t.interval_start and t.interval_end <= last for t in own)


def _is_question_line(text: str, sentence: Sentence) -> bool:
    """Whether the sentence is a question that is a whole line: a Q&A explainer's heading, not a
    question asked within the story's prose."""
    before = text.rfind("\n", 0, sentence.start)
    after = text.find("\n", sentence.end)
    return (sentence.text.rstrip().endswith("?") and not text[before + 1:sentence.start].strip()
            and not text[sentence.end:len(text) if after < 0 else after].strip())


def _filing_day(lines: tuple[tuple[int, int], ...], tagged: list[TimeExpression],
                published: dt.date | None) -> dt.date | None:
    """The day the opening dateline names ("UNITED NATIONS, Aug. 8 -"), when it is one of the
    few days before publication (datelines.yaml, `filing_day`); otherwise None."""
    if published is None or not lines:
        return None
    rules_ = filing_day_rules()
    start, end = lines[0]
    if start > rules_.opening_chars:
        return None
    k = bisect.bisect_left([t.start for t in tagged], start)
    for timex in tagged[k:]:
        if timex.start >= end:
            break
        day = timex.interval_start
        if timex.granularity == "day" and day is not None and day == timex.interval_end and \
                0 < (published - day).days <= rules_.days_before:
            return day
    return None


def _lede_rows(text: str, sentences: list[Sentence], tagged: list[TimeExpression],
               by_index: dict[int, list[dict[str, Any]]], made: list[dict[str, Any]], published: dt.date | None,
               doc_id: str, tokens: list[Token], mentions: Mentions | None) -> list[dict[str, Any]]:
    """The lede's (or headline's) undated main event, dated to publication (extract/lede.py);
    the article's names are looked up only if there is one."""
    if published is None or not sentences:
        return []
    starts = [s.start for s in sentences]
    timed = {bisect.bisect_right(starts, t.start) - 1 for t in tagged if dates_a_lede(text, t)}
    found = [mentions]

    def who(i: int) -> tuple[list[str], list[str]]:
        if found[0] is None:
            found[0] = find_mentions(text, published, tokens)
        s = sentences[i]
        return _Who(found[0], s, sentences[i - 1] if i else None).of(0, len(s.text))
    # Like a time expression (is_event_date), an inferred day must be one the table can hold:
    # a publication date of 1600 would otherwise wrap around to a garbled one.
    rows = [row for row in lede_rows(text, sentences, timed, by_index, made, published, doc_id, who)
            if _FIRST_DAY <= row[schema.DATE_START] and row[schema.DATE_END] <= _LAST_DAY]
    for row in rows:
        # Who and where the lede's event has from the article, as a dated row of that sentence
        # would: the discourse as read up to the lede (a few sentences), then completed.
        i = bisect.bisect_right(starts, int(row[schema.CHAR_START])) - 1
        if found[0] is None:
            found[0] = find_mentions(text, published, tokens)
        context = Discourse(text, sentences, found[0], published, tokens)
        context.dated = frozenset(sentences[k].start for k in timed)
        for sentence in sentences[:i]:
            context.read(sentence)
        context.complete(row, sentences[i])
    return rows


class _Who:
    """The actors and places of one sentence, or of the window of a run-on sentence read for
    a date (so that a row never lists the whole run-on's names), each found when first asked for."""

    def __init__(self, mentions: Mentions, sentence: Sentence, before: Sentence | None) -> None:
        self._mentions, self._sentence, self._before = mentions, sentence, before
        self._found: dict[tuple[int, int], tuple[list[str], list[str]]] = {}

    def of(self, shift: int, length: int) -> tuple[list[str], list[str]]:
        """(actors, places) of sentence.text[shift:shift + length]."""
        key = (shift, length)
        if key not in self._found:
            s = self._sentence
            part = s if length == len(s.text) else \
                Sentence(s.start + shift, s.start + shift + length, s.text[shift:shift + length], s.paragraph)
            self._found[key] = (self._mentions.actors_of(part, self._before),
                                self._mentions.places_in(part.start, part.end))
        return self._found[key]

    def in_clause(self, shift: int, view: str, date_start: int, date_end: int,
                  other_dates: list[tuple[int, int]] | None = None) -> tuple[list[str], list[str]]:
        """(actors, places) of the window `view` (at `shift` in the sentence) for the date at
        [date_start, date_end) of it, without the names told only in the window's other clauses
        (extract/clauses.py); `other_dates` are the sentence's other time expressions, offsets
        in `view`. When that leaves the date's clause without actors (or without places), the
        window's are kept: the clause then says nothing against them."""
        actors, places = self.of(shift, len(view))
        others = clause_reader().other_clauses(view, date_start, date_end)
        if not others or not (actors or places):
            return actors, places
        base = self._sentence.start + shift
        lo, hi = base, base + len(view)
        kinds = clause_reader().by_name

        def holds(key: str, a: int, b: int, kind: str) -> bool:
            # A clause holding another date of the sentence tells that date's event: all its names.
            return key in kinds[kind].holds or (kinds[kind].dated_holds_all
                                                and any(a <= x < b for x, _ in other_dates or ()))

        def kept(key: str, names: list[str], mentions: list[tuple[int, tuple[str, ...]]]) -> list[str]:
            held = [(base + a, base + b) for a, b, k in others if holds(key, a, b, k)]
            in_date_clause: dict[str, bool] = {}   # name -> told outside the other clauses at least once
            for at, named in mentions:
                inside = any(a <= at < b for a, b in held)
                for n in named:
                    in_date_clause[n] = in_date_clause.get(n, False) or not inside
            # A name without a mention here (a pronoun's person) stays.
            return [n for n in names if in_date_clause.get(n, True)] or names
        return (kept("actors", actors, [(m.start, m.actors) for m in self._mentions.actor_mentions(lo, hi)]),
                kept("places", places, [(m.start, (m.place.name,)) for m in self._mentions.place_mentions(lo, hi)]))


def _actors_by_clause(sentence: Sentence, rows: list[dict[str, Any]], who: _Who) -> None:
    """A sentence that tells several dated events in coordinated clauses ("The talks opened in
    June 1996 but made little progress until the IRA restored its ceasefire on July 20") gives
    each row the actors of its own clause (ClauseReader.dated_clauses), read within the row's
    window; a clause without its own subject ("... and signed it on Tuesday") keeps those of the
    clause before. A row whose clause names no one is left for the discourse to complete."""
    points = sorted({(int(r[schema.TIMEX_START]) - sentence.start, int(r[schema.TIMEX_END]) - sentence.start)
                     for r in rows})
    if len(points) < 2:
        return
    spans = clause_reader().dated_clauses(sentence.text, points)
    if len({(a, b) for a, b, _ in spans}) < 2:
        return
    clause_of = dict(zip((start for start, _ in points), spans))
    carried: dict[int, list[str]] = {}
    for start, _ in points:   # in reading order, so a clause may keep the subject of the one before
        lo, hi, own = clause_of[start]
        found = list(who.of(lo, hi - lo)[0])
        before = [carried[s] for s in carried if clause_of[s][1] <= lo]
        # A clause that names no one but refers back by a role ("..., and a previous truce ended
        # when the rebels sank two gunboats") is about those the sentence named before it.
        refers = not found and discourse_rules().role_phrases.search(sentence.text, lo, hi) is not None
        carried[start] = found if (own and not refers) or not before else list(dict.fromkeys([*before[-1], *found]))
    for row in rows:
        row[schema.ACTORS] = carried[int(row[schema.TIMEX_START]) - sentence.start]


def _other_dates_in_view(dates: list[TimeExpression], timex: TimeExpression, lo: int,
                         length: int) -> list[tuple[int, int]]:
    """The time expressions of `dates` (sorted by start) other than `timex` that start inside the
    window [lo, lo + length), as offsets in it. Only the window's: a run-on sentence holds ever
    more dates, and every row reading all of them made its cost quadratic in the sentence."""
    first = bisect.bisect_left(dates, lo, key=lambda t: t.start)
    last = bisect.bisect_left(dates, lo + length, lo=first, key=lambda t: t.start)
    return [(t.start - lo, t.end - lo) for t in dates[first:last] if t is not timex]


_INHERITED = "inherited from the previous sentence"


def _row(sentence: Sentence, timex: TimeExpression, who: _Who, published: dt.date | None,
         doc_id: str, inherited: bool = False, default_type: str | None = None,
         dates: list[TimeExpression] | None = None, keep_untyped: bool = False,
         evidence: str = _INHERITED) -> dict[str, Any] | None:
    """The row of `timex` in `sentence`; `dates` are all the sentence's time expressions (a
    clause holding another of them is that date's event). An inherited date with no event word
    gives no row unless `keep_untyped`; `evidence` says where an inherited date came from."""
    if inherited:
        # The cue words of this sentence, scored as if its date stood at its start.
        rel_start = rel_end = 0
    else:
        rel_start, rel_end = timex.start - sentence.start, timex.end - sentence.start
    interval = (timex.interval_start, timex.interval_end)
    view, shift = _view(sentence.text, rel_start, rel_end)
    rel_start, rel_end = rel_start - shift, rel_end - shift
    status = decide_status(view, rel_start, rel_end, interval, published)  # type: ignore[arg-type]
    kind = classify(view, rel_start, rel_end, by_distance=not inherited, planned=status.status == PLANNED)
    # How sure the row is of telling an event stays the cues' call: the model below was fitted
    # on gold events, to tell their kinds apart, not events from background.
    cued = kind.event_type != FALLBACK or default_type not in (None, FALLBACK)
    learned = type_model.model()
    if learned is not None and not inherited:
        # The learned second reading of the date's clause (type_model.yaml): it overrules the
        # cues only when sure of another type; a date read from another sentence has no clause.
        retyped = learned.retype(view, rel_start, rel_end, None if kind.cue is None else kind.event_type, kind.cue)
        if retyped is not None:
            kind = dataclasses.replace(kind, event_type=retyped)
    if kind.event_type == FALLBACK and default_type is not None:
        kind = dataclasses.replace(kind, event_type=default_type)
    if inherited and kind.event_type == FALLBACK and not keep_untyped:
        return None
    # Names told only in another clause of the sentence are that clause's (a date read from
    # another sentence has no clause here: the whole sentence's names).
    others = _other_dates_in_view(dates or [], timex, sentence.start + shift, len(view))
    found_actors, found_places = who.of(shift, len(view)) if inherited else \
        who.in_clause(shift, view, rel_start, rel_end, others)
    actors = list(found_actors)
    confidence = _GRANULARITY_CONFIDENCE.get(timex.granularity or "", 0.6)
    if not cued:
        confidence *= _NO_CUE_FACTOR if actors else _NO_CUE_FACTOR * _NO_ACTOR_FACTOR
    if status.reason.startswith("cue") or status.reason.startswith("no cue"):
        confidence *= _CUE_STATUS_FACTOR
    rule = timex.explanation or f"{timex.text} -> {timex.value}"
    if inherited:
        confidence *= _INHERITED_FACTOR
        rule = f"{evidence}: {rule}"
    key = f"{doc_id}|{timex.start}|{timex.end}|{timex.value}" + (f"|{sentence.start}" if inherited else "")
    return {
        schema.DOC_ID: doc_id,
        schema.EVENT_ID: hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        schema.DATE_START: timex.interval_start,
        schema.DATE_END: timex.interval_end or timex.interval_start,
        schema.GRANULARITY: timex.granularity or "day",
        schema.TIMEX_TEXT: timex.text,
        schema.TIMEX_VALUE: timex.value,
        schema.TIMEX_START: timex.start,
        schema.TIMEX_END: timex.end,
        schema.DATE_RULE: rule,
        schema.DATE_INHERITED: inherited,
        schema.EVENT_TYPE: kind.event_type,
        schema.STATUS: status.status,
        schema.ACTORS: actors,
        schema.LOCATIONS: list(found_places),
        schema.SENTENCE: view,
        schema.CHAR_START: sentence.start + shift,
        schema.CHAR_END: sentence.start + shift + len(view),
        schema.CONFIDENCE: round(min(1.0, confidence), 3),
        schema.CONTEXT_RULE: "",
    }


def _inherited(sentence: Sentence, previous: list[dict[str, Any]], before: Sentence, mentions: Mentions,
               who: _Who, published: dt.date | None, doc_id: str) -> list[dict[str, Any]]:
    """The previous sentence's date for a sentence that continues it, when that one holds one
    dated event that occurred on a day or in a week (and perhaps planned ones: "agreed on
    Wednesday that a truce would begin on Friday"); see `_continues`."""
    occurred = [r for r in previous if r[schema.STATUS] == OCCURRED]
    prev = _demonstrative_referent(sentence, before, occurred)
    if prev is None and len(occurred) > 1 and rules().inherit_role_clause.match(sentence.text):
        # "X, who hosted the ceremony, said ..." after a sentence that also recalls a past
        # ("signed on Friday, ending a war that has killed thousands since 1992"): the signing's day
        roles = rules().inherit_role_types
        told = [r for r in occurred if r[schema.EVENT_TYPE] in roles and r[schema.GRANULARITY] in ("day", "week")]
        prev = told[0] if len(told) == 1 else None
    own_speaker = False   # the sentence names who acted: not the scene's actors ("The rebels did not sign")
    if prev is None:
        single = occurred[0] if len(occurred) == 1 and occurred[0][schema.GRANULARITY] in ("day", "week") else None
        if single is not None and _continues(sentence, before, single, mentions):
            prev = single
        else:
            scene = _scene(sentence, before, previous, mentions)
            if scene is None:
                return []
            prev, own_speaker = scene
    # A sentence opening with a name for the event just told ("The ceremony took place in the
    # presence of ...") tells that event, whatever its own words: it keeps that event's type.
    named = prev[schema.EVENT_TYPE] if _names_the_event(sentence.text, prev) else None
    row = _row(sentence, _date_of(prev), who, published, doc_id, inherited=True, default_type=named)
    if row is None or row[schema.EVENT_TYPE] == FALLBACK:
        return []
    # The pronoun's referent: the actors of the sentence it continues (a sentence that names its
    # own subject and only places itself in that time, "at the close of the meeting", keeps its own).
    phrase = rules().inherit_time_phrase
    own_subject = (phrase is not None and phrase.search(sentence.text)) or rules().inherit_role_clause.match(sentence.text)
    if not (row[schema.ACTORS] and (own_subject or own_speaker)):
        row[schema.ACTORS] = list(dict.fromkeys([*prev[schema.ACTORS], *row[schema.ACTORS]]))
    return [row]


def _coming_occasion(sentence: Sentence, made: list[dict[str, Any]], who: _Who, published: dt.date | None,
                     doc_id: str) -> list[dict[str, Any]]:
    """A sentence with no date of its own that looks ahead to an occasion named with "the"
    ("Powell is expected to fly to Nairobi for the signing", "leaders will attend the ceremony"):
    on the day of the last planned event of such a type told before on a known day
    (event_types.yaml inherit_coming_occasion). Kept only as a plan: it keeps its own actors."""
    r = rules()
    if r.inherit_coming_occasion is None or not r.inherit_coming_occasion.search(sentence.text):
        return []
    coming = next((p for p in reversed(made) if p[schema.STATUS] == PLANNED and p[schema.GRANULARITY] in ("day", "time")
                   and p[schema.EVENT_TYPE] in r.inherit_coming_types), None)
    if coming is None:
        return []
    row = _row(sentence, _date_of(coming), who, published, doc_id, inherited=True, default_type=coming[schema.EVENT_TYPE])
    return [row] if row is not None and row[schema.STATUS] == PLANNED else []


def _at_story_day(made: list[dict[str, Any]], story: dict[str, Any] | None) -> bool:
    """Whether the story is still at its own day: the last event told (`made`) is not before the
    story's first event told on a known day (plans after it do not leave it; a recalled past does)."""
    return story is not None and bool(made) and made[-1][schema.DATE_START] >= story[schema.DATE_START]


def _quoted(sentence: Sentence, said: dict[str, Any], story: dict[str, Any] | None, who: _Who,
            published: dt.date | None, doc_id: str) -> list[dict[str, Any]]:
    """A quotation with no date of its own, attributed after it ('"The war is over," the envoy
    said.', '"We are not closing the door," he said'), in the paragraph of the last saying told
    on a known day or the next: said on that day (event_types.yaml inherit_quote_verbs). It keeps
    its own actors: the attribution names the speaker. Its act is the saying, whatever the reported
    words name, while the story is at its own day (`said` not before the `story`'s first event
    told on a known day); in a paragraph recalling the past, only a sentence read as a saying."""
    pattern = rules().inherit_quote
    if pattern is None or not pattern.match(sentence.text):
        return []
    row = _row(sentence, _date_of(said), who, published, doc_id, inherited=True, keep_untyped=True)
    if row is None:
        return []
    if row[schema.EVENT_TYPE] != _SAYING:
        if story is None or said[schema.DATE_START] < story[schema.DATE_START]:
            return []
        # '"We are not closing the door," he said, adding that Yerevan would ratify ...': said then
        row[schema.EVENT_TYPE], row[schema.STATUS] = _SAYING, OCCURRED
    return [row]


def _saying(sentence: Sentence, own: list[TimeExpression], rows: list[dict[str, Any]], said: dict[str, Any],
            who: _Who, published: dt.date | None, doc_id: str) -> list[dict[str, Any]]:
    """The saying of a sentence that opens with its speaker and a verb of saying, before any of
    its dates, when every row of the sentence is a plan its reported words tell ("Kerry said at
    a briefing that a delegation would go to Havana in January"): said on the day of the last
    event told on a known day (`said`, in this paragraph or the one before), an occurred
    statement (event_types.yaml inherit_saying_verbs). Its names are the sentence's."""
    pattern = rules().inherit_saying
    if pattern is None or any(r[schema.STATUS] != PLANNED for r in rows):
        return []
    opening = pattern.match(sentence.text)
    if opening is None or any(t.start < sentence.start + opening.end() for t in own):
        return []
    row = _row(sentence, _date_of(said), who, published, doc_id, inherited=True, default_type=_SAYING)
    if row is None:
        return []
    row[schema.EVENT_TYPE], row[schema.STATUS] = _SAYING, OCCURRED   # the saying, done that day
    return [row]


_SAYING = "statement"


def _date_of(row: dict[str, Any]) -> TimeExpression:
    """The time expression that dated `row`, for a sentence that takes its date."""
    return TimeExpression(
        start=row[schema.TIMEX_START], end=row[schema.TIMEX_END], text=row[schema.TIMEX_TEXT], type="DATE",
        value=row[schema.TIMEX_VALUE], interval_start=row[schema.DATE_START], interval_end=row[schema.DATE_END],
        granularity=row[schema.GRANULARITY], explanation=row[schema.DATE_RULE],
    )


def _reaction(sentence: Sentence, made: list[dict[str, Any]], seen: list[Any], who: _Who,
              published: dt.date | None, doc_id: str, retold: bool = False) -> list[dict[str, Any]]:
    """A reaction to the article's signing told earlier ("Ban Ki-moon welcomed the signature",
    "Kufuor told the signing ceremony that ..."), with no date of its own: on the day of the
    first signing or truce told that occurred on a known day (event_types.yaml inherit_reaction).
    The sentence names who reacted: it keeps its own actors. With `retold`, that signing told
    again ("The accords were signed by ...": inherit_retold), when the sentence before gave no date."""
    r = rules()
    pattern = r.inherit_retold if retold else r.inherit_reaction
    if pattern is None or not (pattern.match if retold else pattern.search)(sentence.text):
        return []
    # The first such event told is the story's own (its lede), not one of its background. Each
    # row is looked at once in the whole article (`seen`: the one found, rows looked at).
    if seen[0] is None:
        seen[0] = next((p for p in made[seen[1]:] if p[schema.STATUS] == OCCURRED and p[schema.GRANULARITY] in ("day", "time")
                        and p[schema.EVENT_TYPE] in r.inherit_reaction_types), None)
        seen[1] = len(made)
    prev = seen[0]
    if prev is None:
        return []
    row = _row(sentence, _date_of(prev), who, published, doc_id, inherited=True)
    return [row] if row is not None and row[schema.EVENT_TYPE] != FALLBACK else []


_DEMONSTRATIVE_REACH = 150  # characters between the pointed-back noun and the date it takes


def _demonstrative_referent(sentence: Sentence, before: Sentence,
                            occurred: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event of `before` that an opening "During that offensive" points back to: the one
    whose date is nearest a mention of that noun in `before` (within _DEMONSTRATIVE_REACH)."""
    pattern = rules().inherit_demonstrative
    opening = pattern.match(sentence.text) if pattern is not None and occurred else None
    if opening is None:
        return None
    noun = re.compile(r"(?<!\w)" + re.escape(opening.group("noun")) + r"(?!\w)", re.IGNORECASE)
    best: tuple[int, dict[str, Any]] | None = None
    for hit in noun.finditer(before.text):
        at = before.start + hit.start()
        for row in occurred:
            distance = max(row[schema.TIMEX_START] - at, at - row[schema.TIMEX_END], 0)
            if distance <= _DEMONSTRATIVE_REACH and (best is None or distance < best[0]):
                best = (distance, row)
    return None if best is None else best[1]


def _elsewhere(sentence: Sentence, story: dict[str, Any], mentions: Mentions, who: _Who,
               published: dt.date | None, doc_id: str) -> list[dict[str, Any]]:
    """A sentence with no date of its own that opens with another city ("In Washington, the
    White House said ...", "In Lima, however, some hundred people protested ..."), told while the
    story is at its own day (the caller: the last event told on a known day is not before the
    story's, so not in a paragraph recalling the past): the story's day seen from elsewhere, as
    news tells the reactions to its event (event_types.yaml inherit_elsewhere). Only for an event
    word told in the past before any word of another time: the clause up to it holds no blocker
    ("had", "will", "since"), and it is no present ("says"). It keeps its own actors and places."""
    r = rules()
    opening = r.inherit_elsewhere.match(sentence.text) if r.inherit_elsewhere is not None else None
    if opening is None:
        return []
    start, end = sentence.start + opening.start("place"), sentence.start + opening.end("place")
    if not mentions.places_in(start, end, r.inherit_elsewhere_kinds):
        return []
    text = sentence.text
    kind = _undated_kind(text)
    if kind.cue is None:   # (an event word typed as no kind of its own, "protested", still tells an act)
        return []
    at = text.find(kind.cue, opening.end())
    if at < 0 or r.inherit_blockers.search(text, 0, at + len(kind.cue)) or \
            _present_tense(kind.cue.split()[-1].lower()):
        return []
    row = _row(sentence, _date_of(story), who, published, doc_id, inherited=True, keep_untyped=True,
               evidence="the story's day, seen from elsewhere")
    return [row] if row is not None else []


_SCENE_GRANULARITIES = ("time", "day", "week")


def _scene(sentence: Sentence, before: Sentence, told: list[dict[str, Any]],
           mentions: Mentions) -> tuple[dict[str, Any], bool] | None:
    """The scene `sentence` goes on telling, when it is the next sentence of the same paragraph as
    `before` and says so (event_types.yaml inherit_scene): its subject points back to the scene's
    actors with its event's verb right after ("Both men spoke ...", "In a joint statement, they
    agreed ...", "Neither delegation signed it"), or a word places it just after ("afterwards"),
    or, after a saying, another speaker opens it and speaks ("Yeltsin said ... . Snegur said ...":
    the speakers of one occasion).
    The scene is the first event `told` in `before` (its main clause, not a date recalled after
    it: "met ... on Sunday, five days after he was sworn in"), when it occurred on a known day
    and `before` tells no plan ("will pull back to the positions held before 5 August": a
    sentence of plans is no scene). None when the sentence tells no event of its own (the verb
    is no event word), tells it in the present ("He says ..."), or shows another time; else the
    scene's event and whether the sentence names who acted (another speaker, who stayed out)."""
    r = rules()
    if sentence.paragraph != before.paragraph or r.inherit_scene_subject is None or not told:
        return None
    first = min(told, key=lambda row: row[schema.TIMEX_START])
    if first[schema.GRANULARITY] not in _SCENE_GRANULARITIES or any(row[schema.STATUS] != OCCURRED for row in told):
        return None
    text = sentence.text
    kind = _undated_kind(text)
    if kind.cue is None:   # no event word: background (a word typed as no kind is refused by _row)
        return None
    subject = r.inherit_scene_subject.match(text)
    if subject is not None:
        verb = subject.group("verb").lower()
        if kind.cue.lower().split()[0] == verb and not _present_tense(verb):
            return first, False
    connective = r.inherit_scene_connective
    if connective is not None and connective.search(text) and not r.inherit_blockers.search(text):
        return first, False
    refusal = r.inherit_scene_refusal.match(text) if r.inherit_scene_refusal is not None else None
    if refusal is not None and kind.cue.lower().split()[0] == refusal.group("verb").lower() and \
            _one_act(kind.event_type, first[schema.EVENT_TYPE]):
        return first, True
    if first[schema.EVENT_TYPE] == _SAYING:
        # the speaker's name, perhaps after a title or initials ("M.I. Snegur", "President Lind")
        opening = mentions.actor_mentions(sentence.start, sentence.start + _TITLE_CHARS)
        if opening and opening[0].person and _title_only(text[:opening[0].start - sentence.start]):
            verb = TOKEN_RE.search(text, opening[0].end - sentence.start)
            if verb is not None and verb.group().lower() in r.inherit_speech_verbs and not _present_tense(verb.group().lower()):
                return first, True
    return None


def _undated_kind(text: str) -> Classification:
    """The event word of a sentence with no date of its own, read as if its date stood at its
    start: cues count by priority alone (EventTypeVocabulary.classify without by_distance)."""
    return classify(_view(text, 0, 0)[0], 0, 0, by_distance=False)


def _one_act(kind: str, other: str) -> bool:
    """Whether event types `kind` and `other` tell one act (inherit_scene same_acts: a signed
    truce is an agreement signed)."""
    return kind == other or any(kind in act and other in act for act in rules().inherit_scene_same_acts)


def _present_tense(verb: str) -> bool:
    """Whether `verb`, after a singular subject, is in the present tense ("he says", "she
    warns"): a live blog's or an analysis's now, not the scene told before (event_types.yaml
    events.present_tense)."""
    r = rules()
    return verb.endswith(r.present_ending) and not verb.endswith(r.present_not_endings)


def _names_the_event(text: str, prev: dict[str, Any]) -> bool:
    """Whether `text` opens with a definite name for `prev`'s event ("The agreement", "The
    ceremony": event_types.yaml events.inherit_anaphors)."""
    return any(text.startswith(opener) and text[len(opener):len(opener) + 1] in (" ", ",")
               and prev[schema.EVENT_TYPE] in types for opener, types in rules().inherit_anaphors.items())


def _continues(sentence: Sentence, before: Sentence, prev: dict[str, Any], mentions: Mentions) -> bool:
    """Whether `sentence` (without a date of its own) continues `before`, the dated sentence just
    before it: a pronoun opening in the same paragraph ("He also urged ..."); or, even in the next
    paragraph as news paragraphs are short, a definite name for the event just told ("The agreement
    was signed ..." after "agreed on Wednesday to a truce"), the same speaker going on ("Guterres
    told reporters ..." after "Guterres announced on Friday ..."), or the same kind of event told
    again in the past tense with no word of another time (rules: event_types.yaml, events.inherit_*)."""
    r = rules()
    text = sentence.text
    if sentence.paragraph == before.paragraph and any(text.startswith(o) and text[len(o):len(o) + 1] in (" ", ",")
                                                      for o in r.inherit_openers):
        return True
    if _names_the_event(text, prev):
        return True
    if prev[schema.EVENT_TYPE] in r.inherit_role_types and r.inherit_role_clause.match(text):
        return True
    if r.inherit_time_phrase is not None and r.inherit_time_phrase.search(text):
        return True
    opening = mentions.actor_mentions(sentence.start, sentence.start + 1)
    if opening and opening[0].person and opening[0].actors[0] in prev[schema.ACTORS]:
        nxt = TOKEN_RE.search(text, opening[0].end - sentence.start)
        if nxt and nxt.group().lower() in r.inherit_speech_verbs:
            return True
    # The same kind of event told again in more detail: "X and Y signed an agreement on Tuesday.
    # / A and B signed the accord at a ceremony in Bridgetown hosted by ...".
    return (prev[schema.EVENT_TYPE] in r.inherit_same_types and not r.inherit_blockers.search(text)
            and _undated_kind(text).event_type == prev[schema.EVENT_TYPE])
