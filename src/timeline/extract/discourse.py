"""Who and where from the article's discourse, for events whose own sentence does not say.

Real reporting names the participants once and then refers to "the talks", "the truce", "the
envoy", "both sides": the sentence with the date often names no one ("The talks are to resume
no later than 25 February."). Reading the article in order, `Discourse` keeps the happenings it
has named (talks, meetings, truces, agreements, offensives: resources/discourse.yaml) with their
participants and venue, and the people named beside a role word ("envoy", "spokesman"). A row
whose sentence names no actor takes those of the happening or role its sentence refers to; one
whose sentence names no place takes the happening's venue (the same happening earlier, the
headline's, the dateline's) or, for a truce or an offensive, the country the article is about.
What came from where is written in the row's `context_rule`. A row whose sentence names its
actors (or places) keeps exactly those.

Each kind and role keeps only its latest few holders, so reading a sentence and completing a
row cost the same whatever the article's length.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
from collections import Counter, deque
from collections.abc import Iterable
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from timeline import schema
from timeline.datafiles import load_yaml, require
from timeline.extract.phrases import PhraseIndex, Token, phrase_key, tokenize
from timeline.extract.places import country_at, datelines
from timeline.extract.places import gazetteer as place_gazetteer
from timeline.extract.sentences import Sentence, credit_spans
from timeline.temporal.rulebook import phrase_tree

if TYPE_CHECKING:
    from timeline.extract.actors import ActorMention
    from timeline.extract.events import Mentions

RESOURCE = "discourse.yaml"
TAKES = ("person", "any", "parties", "armed_group", "home_state")
PLACE_FROM = ("venue", "country")
_DATELINE_PARAGRAPHS = 2   # paragraphs after the lede in which a dateline may still open the story
_RECENT = 8            # the latest mentions of each happening kind that are kept
_LEDE_KEPT = 8         # the headline's and lede's mentions kept for the whole article
_PARTIES_KEPT = 12     # the latest states, organisations and groups named
_HEADLINE_MAX = 200    # a first line longer than this is a paragraph, not a headline
_COUNTRY_KINDS = ("country", "region")
_VENUE_KINDS = ("city", "site", "region")   # a country is where talks are, not their venue
_LIST_BEFORE = re.compile(r"\s{0,3},\s{0,3}(?:the\s{1,3})?")   # "X, the Y and Z": Y and Z end a longer list
_LIST_GAP = re.compile(r"\s{0,3}(?:,\s{0,3}(?:and\s{1,3})?|and\s{1,3}|&\s{1,3})")   # "X, Y and Z"
_OWNER_GAP = re.compile(r"(?:['’]s)?\s{1,3}(?:[a-z][a-z-]{1,20}\s{1,3})?")   # "Israel's (new) cabinet"
_SAYS_AFTER = 30    # characters after a name in which a verb of saying makes it the source ("X said")
_BROKER_AFTER = 25   # characters after a name in which a broker word still describes it ("Qatar, the mediator")
_LASTING = ("home_state", "armed_group")   # roles that hold for the background too
_HAPPENING, _ROLE, _COMMENT = "happening", "role word", "commentator"
# What ends a stretch of a sentence (share_places): a comma (not one inside a number: "8,000"),
# other punctuation, a dash, a sentence's end; and right after a date, one of discourse.yaml's
# stretch_joiners ("signed in Brazzaville in July 2014 and the agreement reached in Rome ...").
_STRETCH_STOP = re.compile(r",(?!\d)|[;:()\[\]\"“”—–\n]|\s-{1,2}\s|(?<=[.!?])\s")
ABOUT = "the country the article is about"
# In a row's context_rule: its place is the country (or region) the whole article is about, a
# guess too coarse to tell two happenings apart (timeline.corpus.merge reads it so).
COUNTRY_PLACE = f"place from {ABOUT}"


@dataclass(frozen=True, slots=True)
class Role:
    phrases: tuple[str, ...]
    takes: str
    near: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class DiscourseRules:
    reach: int
    max_participants: int
    venue_window: int
    role_window: int
    happenings: re.Pattern[str]
    kind_of: dict[str, str]          # a happening's words (lower case) -> its kind
    place_from: dict[str, str]       # kind -> "venue" | "country"
    types_of: dict[str, frozenset[str]]   # kind -> the event types of a row that is such a happening
    lends_participants: frozenset[str]    # the kinds whose participants a row may take
    from_dateline: frozenset[str]         # the kinds that take the dateline's city as venue
    inferred_dateline: frozenset[str]     # ... also for a row inferred to be one (no noun named)
    background_days: int
    present_days: int
    coming_days: int
    headline_weight: int
    place_weight: int
    country_lead: float
    country_types: frozenset[str]    # rows of these types without a place take the article's country
    venue_also: dict[str, tuple[str, ...]]   # kind -> other kinds whose venue it takes ("the deal": the talks')
    elsewhere: dict[str, re.Pattern[str]]    # kind -> words saying this row was not at its venue
    type_kind: dict[str, str]        # a row type -> the happening kind a row of it is without naming one
    new_markers: frozenset[str]
    object_markers: frozenset[str]   # a role phrase after one of these is not who acts
    roles: tuple[Role, ...]
    role_phrases: re.Pattern[str]
    role_of: dict[str, int]          # a role phrase (lower case) -> its index in `roles`
    near_roles: dict[str, tuple[int, ...]]   # a role word (lower case) -> the roles it marks
    venue_before: re.Pattern[str]    # the words that introduce a venue, at the end of a text
    briefings: re.Pattern[str]       # "told reporters": said where the story was filed
    place_adverbs: re.Pattern[str]   # "met there": the place named just before
    briefing_reach: int
    there_reach: int
    pair_gap: re.Pattern[str]        # between two parties named together: "'s army and the paramilitary"
    site_city_km: float              # a site this near a city the article names is in that city
    city_weight: int                 # points a city or site named gives the country it is in
    country_venue_gap: int           # a country this close after a happening's noun is its venue
    region_share: float              # a region with this share of its country's points is chosen
    region_mentions: int             # ... named as a place at least this many times
    # Happenings, role words and commentators, found in one pass over the article's tokens:
    # each phrase -> (_HAPPENING, _ROLE or _COMMENT, its key).
    words: PhraseIndex[tuple[str, str]]
    # The kinds whose participants are the article's two sides ("the war", "fighting resumed"),
    # for background too, and added to a sentence that names one side only.
    belligerent_kinds: frozenset[str] = frozenset()
    # "They seized Bangui on 24 March", "On Dec. 15, they reached a deal": a plural subject
    # pronoun opening the sentence (after at most a short opening phrase) stands for the states,
    # organisations and groups the previous sentence named.
    plural_subject: re.Pattern[str] | None = None
    participants_also: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    between_markers: frozenset[str] = frozenset()   # object markers after which parties still act
    lede_detail_paragraphs: int = 2
    # "Kirby said on Friday that ... the war in Yemen": a person's words are placed where he spoke,
    # not where what he speaks of happened (places_of_speech).
    speech_verbs: re.Pattern[str] | None = None    # the verb before the date, at the end of a text
    reported_opener: re.Pattern[str] | None = None   # the words after the date that open what was said
    speech_types: frozenset[str] = frozenset()
    speech_reach: int = 0
    # "a castle north of Stockholm", "Sarpsborg, south-east of Oslo": a place after a bearing and
    # "of" is a reference point, not where the event is (reference_bearings).
    bearing: re.Pattern[str] = re.compile(r"(?!)")
    owned_kinds: frozenset[str] = frozenset()   # kinds held at home by a state named as owner ("Israel's cabinet")
    lede_venue_paragraphs: int = 0   # paragraphs after the lede that may say where its event was
    agent_markers: frozenset[str] = frozenset()   # object markers that introduce who acts ("signed by X")
    brokering: re.Pattern[str] | None = None   # "brokered", "guarantors": who made the lede's event happen
    visiting: re.Pattern[str] | None = None    # "visited", "flew to": the capital after it hosts
    # Right after a date, words that end its stretch of the sentence ("... in July 2014 and the
    # agreement reached in Rome ..."): share_places.
    stretch_joiner: re.Pattern[str] = re.compile(r"(?!)")
    ahead_sentences: int = 0            # how many next sentences of its paragraph say who held talks
    ahead_types: frozenset[str] = frozenset()
    ahead_kinds: frozenset[str] = frozenset()
    group_heads: re.Pattern[str] | None = None   # "powers", "guarantors": a group the article may list
    group_defined: re.Pattern[str] | None = None   # "The six powers are ...": where it lists them
    agreed_types: frozenset[str] = frozenset()
    # "talks outside Washington": a place after one of these words is the area around, not away
    # from a dateline's city near it ("ARLINGTON, Virginia —").
    around_words: re.Pattern[str] = re.compile(r"(?!)")   # row types of an agreement made by parties (sides_agreed)
    witnessing: re.Pattern[str] | None = None   # "in the presence of": who watched the lede's event, no side
    host_words: re.Pattern[str] | None = None   # "Iraq and Oman hosted ...": the states' lands are the place
    party_heads: re.Pattern[str] | None = None   # " government", " army": after a demonym, a party acting
    # A statement's actors are who speaks, not whom the reported words are about ("Saakashvili
    # said on Wednesday that Russia ..."): the row types read so (reported_speech).
    speaker_types: frozenset[str] = frozenset()
    # "The delegations were headed by X for A, Y for B": where an account says who took part in
    # its talks, wherever that is (participants_ahead).
    participants_intro: re.Pattern[str] | None = None
    participants_paragraphs: int = 0
    participants_types: frozenset[str] = frozenset()
    reported_keep: re.Pattern[str] | None = None   # "called on X", "urged X": an addressee, still a party
    reported_self: re.Pattern[str] | None = None   # "said that they would ...": the speaker tells its own act
    opinion_verbs: frozenset[str] = frozenset()    # "said", "warned": not "announced" (an event's news)


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-blind alternation of literal phrases (longest first; no nested
    repetition, so the scan is linear). ASCII phrases as a prefix tree (rulebook.phrase_tree:
    the same matches, a branch per letter instead of per phrase; 2.5-4x faster to scan)."""
    keys = {_key(p) for p in phrases}
    if all(k.isascii() for k in keys):
        body = phrase_tree(keys)
    else:   # (non-ASCII case folding: kept as a plain list)
        body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(keys, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.IGNORECASE)


def _words(value: Any, where: str) -> list[str]:
    require(isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value),
            RESOURCE, where, "must be a non-empty list of phrases")
    return value


def _number(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    require(isinstance(value, int) and not isinstance(value, bool) and value > 0, RESOURCE, key,
            "must be a positive whole number")
    return value


def _ratio(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    require(isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1, RESOURCE, key,
            "must be a number of at least 1")
    return float(value)


def _share(data: dict[str, Any], key: str) -> float:
    value = data.get(key)
    require(isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 1, RESOURCE, key,
            "must be a number above 0, at most 1")
    return float(value)


def build_rules(data: Any) -> DiscourseRules:
    """The rules of a parsed discourse.yaml, validated (errors name the file and entry)."""
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    happenings = data.get("happenings")
    require(isinstance(happenings, dict) and happenings, RESOURCE, "happenings", "must be a non-empty mapping")
    kind_of: dict[str, str] = {}
    place_from: dict[str, str] = {}
    types_of: dict[str, frozenset[str]] = {}
    lends: set[str] = set()
    dated: set[str] = set()
    inferred_dated: set[str] = set()
    belligerent: set[str] = set()
    owned: set[str] = set()
    venue_also: dict[str, tuple[str, ...]] = {}
    participants_also: dict[str, tuple[str, ...]] = {}
    elsewhere: dict[str, re.Pattern[str]] = {}
    type_kind: dict[str, str] = {}
    for kind, entry in happenings.items():
        where = f"happenings.{kind}"
        require(isinstance(entry, dict), RESOURCE, where, "must be a mapping")
        for noun in _words(entry.get("nouns"), f"{where}.nouns"):
            require(_key(noun) not in kind_of, RESOURCE, where, f"{noun!r} is already in {kind_of.get(_key(noun))}")
            kind_of[_key(noun)] = kind
        require(entry.get("place") in PLACE_FROM, RESOURCE, f"{where}.place", f"must be one of {', '.join(PLACE_FROM)}")
        place_from[kind] = entry["place"]
        types_of[kind] = frozenset(_words(entry.get("event_types"), f"{where}.event_types"))
        for flag, default, kinds in (("participants", True, lends), ("from_dateline", True, dated),
                                     ("infer_dateline", True, inferred_dated),
                                     ("belligerents", False, belligerent), ("owner_place", False, owned)):
            require(isinstance(entry.get(flag, default), bool), RESOURCE, f"{where}.{flag}",
                    "must be true or false")
            if entry.get(flag, default):
                kinds.add(kind)
        venue_also[kind] = tuple(entry.get("venue_also", []))
        if "participants_also" in entry:
            participants_also[kind] = tuple(_words(entry["participants_also"], f"{where}.participants_also"))
        if "elsewhere" in entry:
            elsewhere[kind] = _alternation(_words(entry["elsewhere"], f"{where}.elsewhere"))
        for row_type in entry.get("infer_for", []):
            require(row_type in types_of[kind], RESOURCE, f"{where}.infer_for",
                    f"{row_type!r} must be one of its event_types")
            type_kind.setdefault(row_type, kind)
    for key, table in (("venue_also", venue_also), ("participants_also", participants_also)):
        for kind, others in table.items():
            require(all(o in happenings for o in others), RESOURCE, f"happenings.{kind}.{key}",
                    "must name happening kinds")
    roles, role_of, near_roles = [], {}, {}
    entries = data.get("roles")
    require(isinstance(entries, list) and entries, RESOURCE, "roles", "must be a non-empty list")
    for i, entry in enumerate(entries):
        where = f"roles[{i}]"
        require(isinstance(entry, dict), RESOURCE, where, "must be a mapping")
        phrases = _words(entry.get("phrases"), f"{where}.phrases")
        takes = entry.get("takes")
        require(takes in TAKES, RESOURCE, f"{where}.takes", f"must be one of {', '.join(TAKES)}")
        near = entry.get("near", [])
        if takes in ("person", "any"):
            near = _words(near, f"{where}.near")
        count = _number(entry, "count") if "count" in entry else 1
        for p in phrases:
            require(_key(p) not in role_of, RESOURCE, where, f"{p!r} is listed twice")
            role_of[_key(p)] = i
        for w in near:
            near_roles.setdefault(_key(w), ())
            near_roles[_key(w)] += (i,)
        roles.append(Role(tuple(phrases), takes, tuple(near), count))
    commentators = _words(data.get("commentators"), "commentators")
    word_kind: dict[str, str] = {}
    for kind, phrases in ((_HAPPENING, kind_of), (_ROLE, near_roles), (_COMMENT, commentators)):
        for p in phrases:
            require(word_kind.setdefault(_key(p), kind) == kind, RESOURCE, kind,
                    f"{p!r} is both a {word_kind[_key(p)]} and a {kind} word")
            require(phrase_key(p).lower() == _key(p).replace("-", " "), RESOURCE, kind,
                    f"{p!r}: write it in lower case, words apart")
    markers = data.get("new_markers", [])
    require(isinstance(markers, list) and all(isinstance(m, str) for m in markers), RESOURCE, "new_markers",
            "must be a list of words")
    return DiscourseRules(
        reach=_number(data, "reach_paragraphs"), max_participants=_number(data, "max_participants"),
        venue_window=_number(data, "venue_window"), role_window=_number(data, "role_window"),
        happenings=_alternation(kind_of), kind_of=kind_of, place_from=place_from, types_of=types_of,
        lends_participants=frozenset(lends), from_dateline=frozenset(dated),
        inferred_dateline=frozenset(inferred_dated), background_days=_number(data, "background_days"),
        present_days=_number(data, "present_days"), coming_days=_number(data, "coming_days"), headline_weight=_number(data, "headline_weight"),
        place_weight=_number(data, "place_weight"),
        country_lead=_ratio(data, "country_lead"),
        country_types=frozenset(_words(data.get("country_types"), "country_types")),
        venue_also=venue_also, elsewhere=elsewhere, type_kind=type_kind,
        new_markers=frozenset(m.lower() for m in markers),
        object_markers=frozenset(w.lower() for w in _words(data.get("object_markers"), "object_markers")), roles=tuple(roles),
        role_phrases=_alternation(role_of), role_of=role_of,
        near_roles=near_roles,
        briefings=_alternation(_words(data.get("briefings"), "briefings")),
        place_adverbs=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _words(data.get("place_adverbs"), "place_adverbs")))
                                 + r")(?![\w-])(?!\s+(?:" + "|".join(map(re.escape, _words(data.get("not_after_adverb"), "not_after_adverb")))
                                 + r")\b)", re.IGNORECASE),
        there_reach=_number(data, "there_reach"), briefing_reach=_number(data, "briefing_reach"),
        site_city_km=float(_number(data, "site_city_km")), city_weight=_number(data, "city_weight"),
        country_venue_gap=_number(data, "country_venue_gap"),
        region_share=_share(data, "region_share"), region_mentions=_number(data, "region_mentions"),
        # "the Philippine government and the MILF", "Sudan's army and the paramilitary RSF":
        # a head noun after the first, "the" and one lower-case word before the second.
        pair_gap=re.compile(r"(?:['’]s)?\s{1,3}(?:(?:" + "|".join(map(re.escape, _words(data.get("pair_heads"), "pair_heads")))
                            + r")\s{0,3})?,?\s{0,3}and\s{1,3}(?:the\s{1,3})?(?:[a-z][a-z-]{1,20}\s{1,3})?"
                            # "... and the ethnic Albanian National Liberation Army": a people's name too
                            + r"(?:[A-Z][a-z]{2,20}\s{1,3})?"),
        # Title case too: "Prime Minister X", "Peace Talks" in a headline.
        words=PhraseIndex([(form, (kind, p)) for p, kind in word_kind.items() for form in (p, p.title())]),
        venue_before=re.compile(r"(?<![\w-])(?:" + "|".join(
            r"\s+".join(map(re.escape, p.split())) for p in sorted(_words(data.get("venue_prepositions"),
                                                                           "venue_prepositions"), key=len, reverse=True))
            + r")\s+(?:(?:the|a|an)\s+)?(?:(?:[\w'’-]+\s+){1,3}of\s+(?:the\s+)?)?$", re.IGNORECASE),
        # "the Indonesian government", "Russian-backed separatists": a nationality that acts.
        party_heads=re.compile(r"(?:\s{1,3}(?:" + "|".join(map(re.escape, _words(data.get("party_heads"), "party_heads")))
                               + r")|-(?:" + "|".join(map(re.escape, _words(data.get("party_compounds"), "party_compounds")))
                               + r"))(?![\w-])", re.IGNORECASE),
        agreed_types=frozenset(data.get("sides_agreed", [])),
        around_words=re.compile(r"(?<![\w-])(?:" + "|".join(r"\s{1,3}".join(map(re.escape, p.split())) for p in
                                                          _words(data.get("around_words"), "around_words"))
                                + r")\s{1,3}(?:the\s{1,3})?$", re.IGNORECASE),
        group_heads=_alternation(_words(data.get("groups", {}).get("heads"), "groups.heads")),
        # "The six powers are Britain, China, ...": a group's head noun, then one of the verbs.
        group_defined=re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, _words(data.get("groups", {}).get("heads"), "groups.heads")))
                                 + r")\s{1,3}(?:" + "|".join(map(re.escape, _words(data.get("groups", {}).get("verbs"), "groups.verbs")))
                                 + r")\s", re.IGNORECASE),
        ahead_sentences=int(data.get("ahead", {}).get("sentences", 0)),
        ahead_types=frozenset(data.get("ahead", {}).get("event_types", [])),
        ahead_kinds=frozenset(data.get("ahead", {}).get("kinds", [])),
        witnessing=_alternation(_words(data.get("lede_witnesses"), "lede_witnesses")),
        belligerent_kinds=frozenset(belligerent), participants_also=participants_also,
        between_markers=frozenset(w.lower() for w in data.get("between_markers", [])),
        lede_detail_paragraphs=_number(data, "lede_detail_paragraphs"),
        lede_venue_paragraphs=_number(data, "lede_venue_paragraphs"), owned_kinds=frozenset(owned),
        # "said", "told reporters", "told a rally in the southern town of Arba Minch": the verb,
        # then at most `reach` characters without a sentence stop up to the date.
        speech_verbs=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _words(
            data.get("places_of_speech", {}).get("verbs"), "places_of_speech.verbs")))
            + r")(?![\w-])[^.;:\"“”]{0,%d}$" % _number(data.get("places_of_speech", {}), "reach"), re.IGNORECASE),
        reported_opener=re.compile(r"[^.;:\"“”]{0,%d}?(?<![\w-])(?:" % _number(data.get("places_of_speech", {}), "reach")
                                   + "|".join(map(re.escape, _words(data.get("places_of_speech", {}).get("openers"),
                                                                     "places_of_speech.openers"))) + r")(?![\w-])",
                                   re.IGNORECASE),
        speech_types=frozenset(_words(data.get("places_of_speech", {}).get("event_types"), "places_of_speech.event_types")),
        speech_reach=_number(data.get("places_of_speech", {}), "reach"),
        bearing=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _words(data.get("reference_bearings"), "reference_bearings")))
                           + r")\s{1,3}of\s{1,3}(?:the\s{1,3})?$", re.IGNORECASE),
        agent_markers=frozenset(w.lower() for w in data.get("agent_markers", [])),
        brokering=_alternation(_words(data.get("lede_brokers"), "lede_brokers")),
        # "visited Khartoum", "travelled secretly to Pyongyang": a visit word, then at most one
        # adverb and "to"/"in" for a travel word, right before the place.
        visiting=re.compile(r"(?<![\w-])(?:(?:" + "|".join(map(re.escape, _words(data.get("visit_words"), "visit_words")))
                            + r")|(?:" + "|".join(map(re.escape, _words(data.get("travel_words"), "travel_words")))
                            + r")(?:\s{1,3}[a-z]{2,20}ly)?\s{1,3}(?:to|in))\s{1,3}$", re.IGNORECASE),
        host_words=_alternation(_words(data.get("host_words"), "host_words")),
        stretch_joiner=re.compile(r"\s{1,3}(?:" + "|".join(r"\s{1,3}".join(map(re.escape, p.split())) for p in
                                                        _words(data.get("stretch_joiners"), "stretch_joiners"))
                                  + r")(?![\w-])", re.IGNORECASE),
        participants_intro=_alternation(_words(data["participants_ahead"]["intros"], "participants_ahead.intros"))
        if "participants_ahead" in data else None,
        participants_paragraphs=int(data.get("participants_ahead", {}).get("paragraphs", 0)),
        participants_types=frozenset(data.get("participants_ahead", {}).get("event_types", [])),
        opinion_verbs=frozenset(w.lower() for w in _words(data["reported_speech"]["verbs"], "reported_speech.verbs"))
        if "reported_speech" in data else frozenset(),
        speaker_types=frozenset(data.get("reported_speech", {}).get("event_types", [])),
        reported_keep=_alternation(_words(data["reported_speech"]["addressed"], "reported_speech.addressed"))
        if "reported_speech" in data else None,
        # The first words of the reported clause (after at most a few words: "on Monday that they")
        # are a subject pronoun: no backtracking, the gap is bounded and made of plain words.
        reported_self=re.compile(r"(?:\s{1,3}[\w.,]{1,20}){0,4}?\s{1,3}(?:that\s{1,3})?(?:" + "|".join(
            map(re.escape, _words(data["reported_speech"]["own_act"], "reported_speech.own_act"))) + r")(?![\w-])")
        if "reported_speech" in data else None,
        plural_subject=re.compile(r"^(?:[^,.;:]{1,40},\s{1,3})?(?:" + "|".join(
            map(re.escape, _words(data.get("plural_subjects"), "plural_subjects"))) + r")(?![\w-])", re.IGNORECASE),
    )


@functools.cache
def rules() -> DiscourseRules:
    """The discourse rules, built once from resources/discourse.yaml."""
    return build_rules(load_yaml(RESOURCE))


@dataclass(frozen=True, slots=True)
class _Said:
    """One mention of a happening: where, who took part, where it was held."""

    paragraph: int
    names: tuple[str, ...]
    venue: tuple[str, ...]


class Discourse:
    """What an article has said so far, read sentence by sentence in order (`read`), and the
    completion of a row whose sentence names no one or no place from it (`complete`)."""

    def __init__(self, text: str, sentences: list[Sentence], mentions: Mentions,
                 published: dt.date | None = None, tokens: list[Token] | None = None) -> None:
        self.rules = rules()
        self._text, self._mentions, self._published = text, mentions, published
        self._scanned: dict[tuple[int, str], list[re.Match[str]]] = {}   # _nearest's scans of a view
        self._place_starts = [m.start for m in mentions.places]
        self._actor_starts = [m.start for m in mentions.actors]
        self._sentence_starts = [s.start for s in sentences]
        self.dated: frozenset[int] = frozenset()   # the starts of the sentences with a date of their own
        self.dates: list[tuple[int, dt.date | None]] = []   # (start, first day) of each event date, in order
        # (start, end, what, key) of each happening, role word and commentator of the article.
        self._words = [(m.start, m.end, *m.value) for m in
                       self.rules.words.find(text, tokenize(text) if tokens is None else tokens)]
        self._word_starts = [w[0] for w in self._words]
        first = sentences[0] if sentences else None
        self._headline = (first is not None and first.paragraph == 0 and "\n" not in first.text
                          and len(first.text) <= _HEADLINE_MAX and first.text[-1:] not in ".!?\"”:;,"
                          and (len(sentences) == 1 or sentences[1].paragraph != first.paragraph))
        self._lede = (first.paragraph if first else 0) + (1 if self._headline else 0)   # its last paragraph
        # A byline between the headline and the lede ("By our diplomatic correspondent") is no lede.
        credits = credit_spans(text)
        bylines = {s.paragraph for s in sentences if any(a <= s.start < b for a, b in credits)}
        while self._lede in bylines:
            self._lede += 1
        self._headline_end = first.end if first is not None and self._headline else 0
        # The paragraphs that tell the lede's event in detail: who signed, chaired, spoke for each side.
        detail = [s for s in sentences if self._lede < s.paragraph <= self._lede + self.rules.lede_detail_paragraphs]
        self._detail = (detail[0].start, detail[-1].end) if detail else (0, 0)
        # A dateline opens one of the article's first paragraphs (after a headline, a standfirst
        # or a byline): it must start before this offset.
        self._dateline_end = 0
        for s in sentences:
            if s.paragraph > self._lede + _DATELINE_PARAGRAPHS:
                break
            self._dateline_end = s.end
        self._recent: dict[str, deque[_Said]] = {k: deque(maxlen=_RECENT) for k in self.rules.place_from}
        self._opening: dict[str, list[_Said]] = {k: [] for k in self.rules.place_from}
        self._holders: list[deque[tuple[int, tuple[str, ...]]]] = [deque(maxlen=r.count + 4) for r in self.rules.roles]
        self._parties: deque[tuple[int, str]] = deque(maxlen=_PARTIES_KEPT)
        # The latest armed groups named ("the rebels").
        self._armed: deque[tuple[int, str]] = deque(maxlen=4)
        # The latest two people, and two states, organisations or groups, named together ("Kiir
        # and Machar", "India and Pakistan"): "the two leaders", "both sides".
        self._pairs: dict[bool, deque[tuple[int, tuple[str, ...]]]] = {True: deque(maxlen=4), False: deque(maxlen=4)}
        self._country: tuple[str, ...] | None = None
        self._home: str | None = None
        self._previous: tuple[int, tuple[str, ...]] | None = None
        self._filed_from: tuple[str, ...] | None = None
        self._filed_country: frozenset[str] = frozenset()   # "PRETORIA, South Africa —": South Africa
        self._filed_span = (0, 0)   # the dateline's (start, end)
        self._told_venue: tuple[Any, ...] | None = None   # _lede_venue's, once found
        self._lent: dict[int, str] = {}   # id(row) -> how a place was given before `complete` (its reason)
        # The cities the article names, and the city each site it names is in (found once a site).
        self._cities = {m.place.name: m.place for m in mentions.places
                        if m.place.kind == "city" and m.place.lat is not None}
        self._sites = {m.place.name: m.place for m in mentions.places
                       if m.place.kind == "site" and m.place.lat is not None}
        self._city_of: dict[str, str | None] = {}
        # "at the base": the sites named so far by the last word of their name (a venue word).
        self._sites_by_word: dict[str, list[tuple[int, str]]] = {}
        for m in mentions.places:
            if m.place.kind == "site":
                word = m.place.name.rsplit(" ", 1)[-1].lower()
                if word in _site_words():
                    self._sites_by_word.setdefault(word, []).append((m.start, m.place.name))
        self._sentences = sentences
        # Where the text is cut into stretches (share_places): each comma, dash, bracket, quote.
        self._stops = [m.end() for m in _STRETCH_STOP.finditer(text)]

    # Reading -----------------------------------------------------------------------------------
    def read(self, sentence: Sentence) -> None:
        """Take note of the happenings, role holders and parties `sentence` names."""
        r, text, para = self.rules, sentence.text, sentence.paragraph
        inside = self._mentions.actor_mentions(sentence.start, sentence.end)
        found = self._words[bisect.bisect_left(self._word_starts, sentence.start):
                            bisect.bisect_left(self._word_starts, sentence.end)]
        # What "They" of the next sentence may stand for: this one's happenings, then its parties.
        self._previous = (para, tuple(dict.fromkeys(m.actors[0] for m in inside if not m.person and m.how != "demonym")))
        if not inside and bisect.bisect_left(self._place_starts, sentence.start) == \
                bisect.bisect_left(self._place_starts, sentence.end):
            return   # no one and no place: nothing to lend
        comments = [start for start, _, what, _ in found if what == _COMMENT]
        if inside:
            for start, end, what, key in found:
                if what == _ROLE:
                    self._note_role(key, start, end, sentence, inside, comments)
        # A nationality describing a place or a thing ("the Swiss resort") takes no part.
        speakers = () if comments else tuple(dict.fromkeys(n for m in inside if self._acting(m) for n in m.actors))
        for m in inside:
            if not m.person and not comments:
                self._parties.append((para, m.actors[0]))
                if _kind(m.actors[0]) == "armed_group" and (not self._armed or self._armed[-1][1] != m.actors[0]):
                    self._armed.append((para, m.actors[0]))
        if not comments:
            for k, (a, b) in enumerate(zip(inside, inside[1:])):
                # Not the last two of a longer list ("Israel, the United Arab Emirates and Bahrain").
                listed = k > 0 and _LIST_BEFORE.fullmatch(self._text, inside[k - 1].end, a.start) is not None
                if a.person == b.person and a.actors[0] != b.actors[0] and (a.how, b.how) != ("demonym", "demonym") and \
                        (_LIST_GAP.fullmatch(self._text, a.end, b.start) or r.pair_gap.fullmatch(self._text, a.end, b.start)) \
                        and not _LIST_GAP.match(self._text, b.end) and not listed:
                    names = (*a.actors, *b.actors) if a.person else (a.actors[0], b.actors[0])
                    self._pairs[a.person].append((para, tuple(dict.fromkeys(names))))
        opinion = self._opinion_at(sentence, inside) if speakers and any(w[2] == _HAPPENING for w in found) else None
        for start, end, what, key in found:
            if what != _HAPPENING:
                continue
            venue = self._venue(sentence, start, end)
            # "Netanyahu told Obama that a deal based on the framework would threaten Israel": who
            # speaks of a happening in reported words takes no part in it for that.
            talkers = () if opinion is not None and start > opinion else speakers
            if talkers or venue:
                said = _Said(para, talkers, venue)
                happening = r.kind_of[key]
                self._recent[happening].append(said)
                if para <= self._lede and len(self._opening[happening]) < _LEDE_KEPT:
                    self._opening[happening].append(said)

    def _opinion_at(self, sentence: Sentence, inside: list[ActorMention]) -> int | None:
        """Where the first verb of opinion (reported_speech.verbs) of `sentence` ends, when the
        sentence names someone before it (its speaker); None otherwise."""
        verbs = self.rules.opinion_verbs
        if not verbs:
            return None
        for w in _WORD.finditer(self._text, sentence.start, sentence.end):
            if w.group().lower() in verbs:
                return w.end() if inside and inside[0].end <= w.start() else None
        return None

    def _acting(self, m: ActorMention) -> bool:
        """Whether the mention names who acts: not a nationality as an adjective ("the Swiss
        resort", "a Dutch cameraman"), only before a head noun of a party ("the Indonesian
        government", "Syrian forces")."""
        r = self.rules
        if m.how != "demonym" or r.party_heads is None:
            return True
        # "Russian and Ukrainian delegations": the head noun of the last of a list of nationalities.
        actors = self._mentions.actors
        for _ in range(4):
            if r.party_heads.match(self._text, m.end) is not None:
                return True
            k = bisect.bisect_right(self._actor_starts, m.start)
            if k >= len(actors) or actors[k].how != "demonym" or not _LIST_GAP.fullmatch(self._text, m.end, actors[k].start):
                return False
            m = actors[k]
        return False

    def _venue(self, sentence: Sentence, start: int, end: int) -> tuple[str, ...]:
        """The places `sentence` gives as the venue of the happening named at [start, end):
        "the Geneva talks", "talks in Geneva" (see venue_prepositions)."""
        r = self.rules
        lo = bisect.bisect_left(self._place_starts, max(sentence.start, start - r.venue_window))
        hi = bisect.bisect_left(self._place_starts, min(sentence.end, end + r.venue_window))
        found, countries = [], []
        for m in self._mentions.places[lo:hi]:
            if m.place.kind not in _VENUE_KINDS:
                # A country is a venue only right after the noun, when no city is given ("talks,
                # possibly in Thailand"): "talks to end the war in Yemen" are about Yemen.
                if m.start >= end and m.start - end <= r.country_venue_gap and r.venue_before.search(
                        self._text[end:m.start]) is not None:
                    countries.append(m.place.name)
                continue
            if m.end <= start and self._text[m.end:start].strip(" -") == "":
                found.append(m.place.name)          # "the Geneva talks"
            elif m.start >= end and r.venue_before.search(
                    self._text[max(end, m.start - 40):m.start]) is not None:
                found.append(m.place.name)          # "talks in Geneva"
        return tuple(dict.fromkeys(found or countries))

    def _note_role(self, key: str, at: int, end: int, sentence: Sentence, inside: list[ActorMention],
                   comments: list[int]) -> None:
        """The actor named nearest the role word `key` (at [at, end)) holds the roles it marks."""
        r = self.rules
        if self._text[end:end + 2] in ("'s", "’s"):
            return   # "the president's spokesman, X": X is not the president
        for index in r.near_roles[key]:
            role = r.roles[index]
            fits = [m for m in inside if (m.person or role.takes == "any")
                    and max(m.start - end, at - m.end) <= r.role_window]
            if not fits:
                continue
            nearest = min(fits, key=lambda m: max(m.start - end, at - m.end))
            if any(abs(c - nearest.start) <= r.role_window for c in comments):
                continue   # "John Doe, an analyst at ...": a commentator holds no part
            holders = self._holders[index]
            for m in self._coordinated(nearest, inside, before=nearest.end <= at) if role.count > 1 else [nearest]:
                if not holders or holders[-1][1][0] != m.actors[0]:
                    holders.append((sentence.paragraph, m.actors))

    def _coordinated(self, nearest: ActorMention, inside: list[ActorMention], before: bool) -> list[ActorMention]:
        """`nearest` and the actors listed with it, away from the role word ("Qatar and Egypt,
        the mediators": Egypt, then Qatar), in the article's order."""
        k = inside.index(nearest)
        step = -1 if before else 1
        out = [nearest]
        while 0 <= k + step < len(inside):
            a, b = (inside[k + step], inside[k]) if before else (inside[k], inside[k + step])
            if not _LIST_GAP.fullmatch(self._text[a.end:b.start]):
                break
            k += step
            out.append(inside[k])
        return sorted(out, key=lambda m: m.start)

    # Completing ---------------------------------------------------------------------------------
    def share_places(self, rows: list[dict[str, Any]]) -> None:
        """Give each of a sentence's dated rows the places of its own stretch of the sentence: a
        place named between the same punctuation marks (commas, dashes, brackets, quotation
        marks) as another row's date belongs to that row alone ("the cessation of hostilities
        signed in Brazzaville in July 2014, and the agreement reached in Rome on 19 June 2017":
        Brazzaville is July 2014's, Rome June 2017's). A place in a stretch with no date ("In
        Jaffna, ...") stays with every row, and a sentence with one date keeps all its places."""
        dated = [r for r in rows if not r[schema.DATE_INHERITED] and r[schema.TIMEX_START] is not None]
        self.filed_from()   # (sets _filed_span)
        if len({int(r[schema.TIMEX_START]) for r in dated}) >= 2:
            self._share_stretches(dated)
        self._dateline_to_lede(dated)

    def _share_stretches(self, dated: list[dict[str, Any]]) -> None:
        # The stops of this sentence only (and the one before it), so a sentence costs its own length.
        lo = min(int(r[schema.CHAR_START]) for r in dated)
        hi = max(int(r[schema.CHAR_END]) for r in dated)
        near = self._stops[max(0, bisect.bisect_left(self._stops, lo) - 1):bisect.bisect_right(self._stops, hi) + 1]
        cuts = sorted({*near, *(m.end() for r in dated
                                if (m := self.rules.stretch_joiner.match(self._text, int(r[schema.TIMEX_END]))))})
        stretch = {id(r): self._stretch(cuts, int(r[schema.TIMEX_START]), int(r[schema.TIMEX_END])) for r in dated}
        owners = set(stretch.values())
        for row in dated:
            lo = bisect.bisect_left(self._place_starts, int(row[schema.CHAR_START]))
            hi = bisect.bisect_left(self._place_starts, int(row[schema.CHAR_END]))
            others = {self._stretch(cuts, m.start) for m in self._mentions.places[lo:hi]} & owners - {stretch[id(row)]}
            if not others:
                continue
            away = {m.place.name for m in self._mentions.places[lo:hi] if self._stretch(cuts, m.start) in others}
            # (the dateline's places are the lede's event's: _dateline_to_lede)
            mine = {m.place.name for m in self._mentions.places[lo:hi] if self._stretch(cuts, m.start) not in others
                    and not self._filed_span[0] <= m.start < self._filed_span[1]}
            row[schema.LOCATIONS] = [p for p in row[schema.LOCATIONS] if p in mine or p not in away]

    def _dateline_to_lede(self, dated: list[dict[str, Any]]) -> None:
        """The dateline ("ACCRA, Aug 19 -") places the lede's event: of the dated rows of the
        sentence it opens, the first keeps its city, unless the row's own words name a city or
        site away from it ("KIEV - Fighting raged around Debaltseve": not "talks outside
        Washington" under "ARLINGTON -", `around_words`); the later ones ("... signed an agreement
        on Monday and agreed to hold elections in October") keep only the places their own words
        name, and take the rest from the discourse."""
        if not dated or not self.filed_from():
            return
        a, b = self._filed_span
        first = min(dated, key=lambda r: int(r[schema.TIMEX_START]))
        filed = {*self.filed_from(), *self._filed_country}
        home = self._cities.get(self.filed_from()[0])
        for row in dated:
            start, end = int(row[schema.CHAR_START]), int(row[schema.CHAR_END])
            if not start <= a < end:
                continue
            lo, hi = bisect.bisect_left(self._place_starts, start), bisect.bisect_left(self._place_starts, end)
            words = [m for m in self._mentions.places[lo:hi] if not a <= m.start < b]
            # (a dateline city GeoNames does not place, "RIMBO, Sweden", cannot be told away from)
            if row is first and not any(
                    m.place.kind in ("city", "site") and m.place.name not in filed and m.place.name in row[schema.LOCATIONS]
                    and home is not None and m.place.lat is not None and _km(m.place, home) > self.rules.site_city_km
                    and not self.rules.around_words.search(self._text, max(0, m.start - 24), m.start) for m in words):
                if self.filed_from()[0] not in row[schema.LOCATIONS]:
                    row[schema.LOCATIONS] = [*self.filed_from(), *row[schema.LOCATIONS]]
                told = self._lede_venue() if row[schema.EVENT_TYPE] in self._participant_types \
                    and not any(m.place.name not in filed for m in words) else None
                where = (self._cities.get(told[0][0]) or self._sites.get(told[0][0])) if told else None
                # (a venue that cannot be placed, "Malacañang Palace", may be in the dateline's city)
                if told and where is not None and home is not None and _km(where, home) > self.rules.site_city_km \
                        and not self._other_date(told[2], told[3], row[schema.DATE_START]):
                    # "DUBAI — Iran and Saudi Arabia agreed on Friday ... / The agreement was
                    # announced in Beijing ...": the paragraph after the lede says where it was.
                    row[schema.LOCATIONS] = [*told[0], *(p for p in row[schema.LOCATIONS] if p not in filed)]
                    self._lent[id(row)] = f"place from {told[1]}"
                continue
            named = {m.place.name for m in words}
            # "DOHA — ... opening talks in Qatar that were originally scheduled for March 10": a
            # row that names the dateline city's country keeps the city, the nearer place.
            if home is not None and home.lat is not None and country_at(home.lat, home.lon) in \
                    named.intersection(row[schema.LOCATIONS]):
                named.add(home.name)
            row[schema.LOCATIONS] = [p for p in row[schema.LOCATIONS] if p not in filed or p in named]

    def _other_date(self, start: int, end: int, day: Any) -> bool:
        """Whether an event date other than `day` lies in [start, end) ("the agreement they
        endorsed in Brussels on 27 February": another happening)."""
        k = bisect.bisect_left(self.dates, (start,))
        while k < len(self.dates) and self.dates[k][0] < end:
            if self.dates[k][1] != day:
                return True
            k += 1
        return False

    def _lede_venue(self) -> tuple[tuple[str, ...], str, int, int] | None:
        """The venue the paragraphs right after the lede give its happening, when they tell it
        again with a place ("The agreement was announced in Beijing after four days of talks",
        "... signed the memorandum in the northern town of Vavuniya, while ..."): not a new one
        ("an earlier accord"). With its reason and the span from the happening's noun to the end
        of the venue's stretch of the sentence; found once."""
        if self._told_venue is None:
            r, self._told_venue = self.rules, ()
            for s in self._sentences:
                if s.paragraph <= self._lede:
                    continue
                if s.paragraph > self._lede + r.lede_venue_paragraphs:
                    break
                lo, hi = bisect.bisect_left(self._word_starts, s.start), bisect.bisect_left(self._word_starts, s.end)
                for start, end, what, key in self._words[lo:hi]:
                    if what != _HAPPENING or r.place_from[r.kind_of[key]] != "venue":
                        continue
                    before = self._text[max(s.start, start - 40):start].split()[-3:]
                    if any(w.lower() in r.new_markers or any(c.isdigit() for c in w) for w in before):
                        continue
                    venue = self._venue(s, start, end)
                    if venue:
                        k = bisect.bisect_left(self._place_starts, start)
                        at = next((m.start for m in self._mentions.places[k:] if m.place.name == venue[0]), end)
                        stop = self._stops[bisect.bisect_right(self._stops, at)] \
                            if bisect.bisect_right(self._stops, at) < len(self._stops) else s.end
                        self._told_venue = (venue, f"{self._where(s.paragraph)} ({self._text[start:end].lower()})",
                                            min(start, at), stop)
                        break
                if self._told_venue:
                    break
        return self._told_venue or None

    def _stretch(self, stops: list[int], offset: int, end: int | None = None) -> int:
        """The start of the stretch of text between punctuation marks that holds `offset`; for a
        date [offset, end) that is all of its stretch but a word ("On Sunday, residents of
        Harib reported ..."), the stretch after it, which the date opens."""
        k = bisect.bisect_right(stops, offset)
        if end is not None and k < len(stops) and \
                len(self._text[stops[k - 1] if k else 0:offset].split()) <= 1 and \
                self._text[end:stops[k]].strip(" ,") == "":
            return stops[k]
        return stops[k - 1] if k else 0

    def complete(self, row: dict[str, Any], sentence: Sentence) -> None:
        """Fill the empty actors or places of `row` (an event of `sentence`) from the discourse,
        and say how in its context_rule."""
        why: list[str] = [self._lent.pop(id(row))] if id(row) in self._lent else []
        # Background ("the 2001 security pact"): not the happening the article tells, so it
        # takes neither its participants nor its venue; only the country the story is about.
        background = self._days_before_publication(row[schema.DATE_END]) > self.rules.background_days
        view = row[schema.SENTENCE]
        at = max(0, int(row[schema.TIMEX_START]) - int(row[schema.CHAR_START])) \
            if not row[schema.DATE_INHERITED] and row[schema.TIMEX_START] is not None else 0
        para, kind = sentence.paragraph, row[schema.EVENT_TYPE]
        # Where the sentence names its own actors (offsets in `view`), before any is lent.
        lo = int(row[schema.CHAR_START])
        own = [m.start - lo for m in self._mentions.actor_mentions(lo, int(row[schema.CHAR_END]))
               if m.actors[0] in row[schema.ACTORS]]
        topics = self._reported_actors(row) if kind in self.rules.speaker_types else ()
        if topics:
            row[schema.ACTORS] = [a for a in row[schema.ACTORS] if a not in topics]
            own = [m.start - lo for m in self._mentions.actor_mentions(lo, int(row[schema.CHAR_END]))
                   if m.actors[0] in row[schema.ACTORS]]
            why.append("actors: the speaker, not whom the reported words name (" + ", ".join(topics) + ")")
        if not row[schema.ACTORS]:
            found = self._actors(view, at, para, kind, background)
            if found:
                row[schema.ACTORS], reason = list(found[0]), found[1]
                why.append(f"actors from {reason}")
        # "They resumed ..., when the two sides signed ... managed by the United Nations": the
        # subject is who the pronoun stands for, whoever else the sentence names.
        they = self._they() if self.rules.plural_subject is not None and self.rules.plural_subject.match(view) else None
        if they and not set(they[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*they[0], *row[schema.ACTORS]]))
            why.append(f"actors from {they[1]}")
        named = self._sides_named(view, at, para) if row[schema.ACTORS] else None
        if named and not set(named[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *named[0]]))
            why.append(f"actors from {named[1]}")
        people = self._lede_people(row[schema.ACTORS]) if para <= self._lede and not background \
            and kind in self._participant_types else ()
        if people:
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *people]))
            why.append("actors from the paragraphs after the lede")
        hosts = self._hosts(int(row[schema.CHAR_START]), int(row[schema.CHAR_END]), row[schema.ACTORS])
        if hosts:
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *hosts]))
            why.append("actors from the capital visited (" + ", ".join(hosts) + ")")
        sides = self._belligerents(view, at, para, kind)
        if sides and not set(sides[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *sides[0]]))
            why.append(f"actors from {sides[1]}")
        ahead = self._named_next(sentence, view, at, kind) if not own else None
        if ahead and not set(ahead[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *ahead[0]]))
            why.append(f"actors from {ahead[1]}")
        group = self._group(view)
        if group and not set(group[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *group[0]]))
            why.append(f"actors from {group[1]}")
        forces = self._home_forces(view, at, kind) if row[schema.ACTORS] else None
        if forces and not set(forces[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *forces[0]]))
            why.append(f"actors from {forces[1]}")
        held = self._held_by_story(view, at, kind, background, own, not row[schema.ACTORS])
        if held and not set(held[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *held[0]]))
            why.append(f"actors from {held[1]}")
        listed = self._listed_participants(view, at, para, kind, row[schema.ACTORS],
                                           self.rules.plural_subject is not None and self.rules.plural_subject.match(view) is not None)
        if listed:
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *listed[0]]))
            why.append(f"actors from {listed[1]}")
        told = self._reported_places(row) | self._references(row)
        if told:
            row[schema.LOCATIONS] = [p for p in row[schema.LOCATIONS] if p not in told]
        if not row[schema.LOCATIONS]:
            # The story's present: a month either side of publication, or a coming event within
            # `coming_days` ("the deadline for signing, 23 March").
            before = self._days_before_publication(row[schema.DATE_END])
            present = -self.rules.coming_days <= before and self._days_before_publication(row[schema.DATE_START]) \
                <= self.rules.present_days
            found = self._hosting(int(row[schema.CHAR_START]), int(row[schema.CHAR_END])) or \
                self._there(view, int(row[schema.CHAR_START])) or \
                self._the_site(view, int(row[schema.CHAR_START])) or \
                self._place(view, at, para, kind, present, background, bool(row[schema.DATE_INHERITED]),
                            int(row[schema.CHAR_START]))
            if found:
                row[schema.LOCATIONS], reason = list(found[0]), found[1]
                why.append(f"place from {reason}")
        # "PRETORIA, South Africa —": the dateline's country only says where its city is; a row
        # placed in that city is not also placed in the whole country.
        if self.filed_from() and any(p in self._filed_country for p in row[schema.LOCATIONS]) \
                and any(p in self.filed_from() for p in row[schema.LOCATIONS]):
            row[schema.LOCATIONS] = [p for p in row[schema.LOCATIONS] if p not in self._filed_country]
        # A site is in its city: not lent by the discourse but a fact about the place (like an
        # alias), so the context_rule says nothing more (the lede's event, told again at the site,
        # shares the dateline's city with it).
        for site in [p for p in row[schema.LOCATIONS] if p in self._sites]:
            city = self._city_around(site)
            if city is not None and city not in row[schema.LOCATIONS]:
                row[schema.LOCATIONS] = [*row[schema.LOCATIONS], city]
        # ... and a city holds the site the article gives as a venue of its happenings ("held
        # at Wright-Patterson Air Force Base near Dayton"): an event placed in Dayton by the
        # agreement's name was at the base.
        for city in [p for p in row[schema.LOCATIONS] if p in self._cities]:
            for site in self._sites_in(city):
                if site not in row[schema.LOCATIONS]:
                    row[schema.LOCATIONS] = [*row[schema.LOCATIONS], site]
        # A town just outside the dateline's city is in its area ("a manor house in Vantaa,
        # outside the capital" under "HELSINKI —"): a reader places the event in both.
        suburb = self._dateline_city_around(row[schema.LOCATIONS])
        if suburb is not None:
            row[schema.LOCATIONS] = [*row[schema.LOCATIONS], suburb]
        row[schema.CONTEXT_RULE] = "; ".join(why)

    def _listed_participants(self, view: str, at: int, para: int, event_type: str, actors: list[str],
                             they: bool) -> tuple[tuple[str, ...], str] | None:
        """Who the article says took part in its talks ("The delegations were headed by Alija
        Izetbegović for Bosnia and Herzegovina, Franjo Tuđman for Croatia ..."), for a row that is
        those talks or their agreement, referred to as known ("They opened on 1 November", "The
        agreement was formally signed in Paris") and still naming no person and at most one party:
        the sentence introduced by one of participants_intro nearest it, within
        participants_paragraphs paragraphs either way (an encyclopedic account says when before who)."""
        r = self.rules
        if r.participants_intro is None or event_type not in r.participants_types:
            return None
        if any(_kind(a) == "person" for a in actors) or \
                sum(1 for a in actors if _kind(a) in ("state", "organisation", "armed_group")) > 1:
            return None
        # Known, and the sentence's subject: "The talks opened", "The agreement was signed" (not
        # "a meeting", not "the Washington Agreement", not "Elections under the agreement"), or "They".
        if not they:
            named = [m for m in self._nearest(r.happenings, view, at, new_too=True)
                     if view[:m.start()].strip().lower() == "the" and m.group()[:1].islower()
                     and r.kind_of[_key(m.group())] in r.lends_participants]
            if not named:
                return None
        best = None
        for sentence_para, names in self._intros:
            if abs(sentence_para - para) <= r.participants_paragraphs and \
                    (best is None or abs(sentence_para - para) < abs(best[0] - para)):
                best = (sentence_para, names)
        if best is None:
            return None
        return best[1], f"the participants {self._where(best[0])} names"

    @functools.cached_property
    def _intros(self) -> list[tuple[int, tuple[str, ...]]]:
        """(paragraph, actors) of each sentence that says who took part ("The delegations were
        headed by ..."): its states, organisations, groups and people who act. Found once, by one
        scan of the article, the first time a row asks."""
        r = self.rules
        out: list[tuple[int, tuple[str, ...]]] = []
        if r.participants_intro is None:
            return out
        starts = self._sentence_starts
        for m in r.participants_intro.finditer(self._text):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k < 0:
                continue
            s = self._sentences[k]
            names = tuple(dict.fromkeys(n for a in self._mentions.actor_mentions(s.start + (m.end() - s.start), s.end)
                                        if self._acting(a) for n in a.actors))
            if names:
                out.append((s.paragraph, names[:r.max_participants]))
        return out

    def _reported_actors(self, row: dict[str, Any]) -> tuple[str, ...]:
        """The actors a statement's sentence names only in the words it reports ("Saakashvili said
        on Wednesday that Russia had broken the truce": Russia is spoken of, not speaking): those
        named after the first verb of saying whose subject the sentence names before it (or a
        pronoun stands for), except one addressed by the speaker ("called on the United States")."""
        from timeline.extract.actors import gazetteer

        lo, hi = int(row[schema.CHAR_START]), int(row[schema.CHAR_END])
        inside = self._mentions.actor_mentions(lo, hi)
        if not inside:
            return ()
        verbs = self.rules.opinion_verbs
        for w in _WORD.finditer(self._text, lo, hi):
            if w.group().lower() not in verbs:
                continue
            speakers = [m for m in inside if m.end <= w.start()]
            named = {n for m in speakers for n in m.actors}
            # The speaker: named before the verb, or a pronoun's referent (named in no mention here).
            others = {n for m in inside for n in m.actors}
            referents = [a for a in row[schema.ACTORS] if a not in others]
            if not named and not referents:
                return ()
            # Whom the speaker speaks for stays, wherever it is named ("he said Serbia would ...").
            for name in [*named, *referents]:
                actor = gazetteer().actors.get(name)
                named.update(actor.speaks_for(row[schema.DATE_START], gazetteer().former_after) if actor is not None else ())
            # "The Taliban said on Monday that they would resume operations against ...": the
            # speaker tells its own act, whose other side takes part.
            if self.rules.reported_self is not None and self.rules.reported_self.match(self._text, w.end(), min(hi, w.end() + 60)):
                return ()
            keep = self.rules.reported_keep
            spoken = [m.start >= w.end() and not (keep is not None and keep.search(self._text, max(w.end(), m.start - 20), m.start))
                      for m in inside]
            # (A name also named outside the reported words stays: "wrote to Rabin ... Rabin signed".)
            named.update(n for m, said in zip(inside, spoken) if not said for n in m.actors)
            return tuple(dict.fromkeys(n for m, said in zip(inside, spoken) if said for n in m.actors
                                       if n not in named and n in row[schema.ACTORS]))
        return ()

    def _references(self, row: dict[str, Any]) -> set[str]:
        """The places the row's words name only as a reference point ("talks at a castle north of
        Stockholm", "a manor house near Sarpsborg, south-east of Oslo"): not where it happened."""
        if not row[schema.LOCATIONS]:
            return set()
        start, end = int(row[schema.CHAR_START]), int(row[schema.CHAR_END])
        lo, hi = bisect.bisect_left(self._place_starts, start), bisect.bisect_left(self._place_starts, end)
        named: dict[str, bool] = {}
        for m in self._mentions.places[lo:hi]:
            reference = self.rules.bearing.search(self._text, max(start, m.start - 24), m.start) is not None
            named[m.place.name] = named.get(m.place.name, True) and reference
        return {name for name, reference in named.items() if reference}

    def _reported_places(self, row: dict[str, Any]) -> set[str]:
        """The places only named in what a person said, when the row is the saying ("Kirby said
        on Friday that the United States welcomed any effort to end the war in Yemen": Yemen is
        not where Kirby spoke; "Abiy told a rally in Arba Minch on Wednesday that ... in
        Pretoria": Arba Minch is). Not an agency's or a group's report of events on the ground
        ("The World Food Programme said on Monday that convoys had reached Tigray"): the person
        is named before the verb, the verb before the date, "that" after it (places_of_speech)."""
        r = self.rules
        if r.speech_verbs is None or r.reported_opener is None or not row[schema.LOCATIONS] \
                or row[schema.EVENT_TYPE] not in r.speech_types or row[schema.DATE_INHERITED] \
                or row[schema.TIMEX_START] is None:
            return set()
        start, end = int(row[schema.CHAR_START]), int(row[schema.CHAR_END])
        at, after = int(row[schema.TIMEX_START]), int(row[schema.TIMEX_END])
        verb = r.speech_verbs.search(self._text, max(start, at - r.speech_reach - 16), at)   # (the longest verb)
        said = r.reported_opener.match(self._text, after, end)
        if verb is None or said is None:
            return set()
        if not any(m.person for m in self._mentions.actor_mentions(start, verb.start())):
            return set()
        lo, hi = bisect.bisect_left(self._place_starts, start), bisect.bisect_left(self._place_starts, end)
        before = {m.place.name for m in self._mentions.places[lo:hi] if m.start < said.end()}
        return {m.place.name for m in self._mentions.places[lo:hi] if m.start >= said.end()} - before

    def _sites_in(self, city: str) -> list[str]:
        """The sites the article gives as venues that lie in `city` (within site_city_km)."""
        return [site for site in self._sites if site in self._venue_names and self._city_around(site) == city]

    def _hosting(self, start: int, end: int) -> tuple[tuple[str, ...], str] | None:
        """The states named right before a host word in [start, end) ("Iraq and Oman hosted
        several rounds of talks"), as the lands where the events happened."""
        r = self.rules
        if r.host_words is None:
            return None
        for m in r.host_words.finditer(self._text, start, end):
            inside = self._mentions.actor_mentions(start, m.start())
            hosts: list[str] = []
            k, at = len(inside) - 1, m.start()
            # The last state before the word, and those listed with it ("Iraq and Oman").
            while k >= 0 and not inside[k].person and inside[k].actors[0] in _states() and (
                    self._text[inside[k].end:at].strip() == "" if not hosts else
                    _LIST_GAP.fullmatch(self._text, inside[k].end, at) is not None):
                hosts.insert(0, inside[k].actors[0])
                at = inside[k].start
                k -= 1
            if hosts:
                return tuple(dict.fromkeys(hosts)), "the states hosting (" + ", ".join(dict.fromkeys(hosts)) + ")"
        return None

    def _dateline_city_around(self, places: list[str]) -> str | None:
        """The dateline's city, when one of `places` is another city within `site_city_km` of it
        and it is not among them already."""
        filed = [self._cities[c] for c in self.filed_from() if c in self._cities]
        if not filed or filed[0].name in places:
            return None
        home = filed[0]
        for name in places:
            city = self._cities.get(name)
            if city is not None and _km(city, home) <= self.rules.site_city_km:
                return home.name
        return None

    def _city_around(self, site: str) -> str | None:
        """The city the article names that `site` ("Wright-Patterson Air Force Base", "Chapultepec
        Castle") lies in: the nearest within `site_city_km`, if any."""
        if site not in self._city_of:
            p = self._sites[site]
            near = [(_km(p, c), c.name) for c in self._cities.values()]
            best = min(near, default=None)
            self._city_of[site] = best[1] if best is not None and best[0] <= self.rules.site_city_km else None
        return self._city_of[site]

    def _nearest(self, pattern: re.Pattern[str], view: str, at: int, event_type: str | None = None,
                 new_too: bool = False) -> list[re.Match[str]]:
        """The matches of `pattern` in `view`, nearest the date at `at` first, leaving out a
        happening introduced as a new one ("a meeting", "another round") and, given the row's
        `event_type`, happenings of kinds a row of that type is not (`new_too`: keep new ones)."""
        found = []
        scanned = self._scanned.get((id(pattern), view))
        if scanned is None:   # (each row's view is scanned for happenings and roles several times)
            scanned = self._scanned[(id(pattern), view)] = list(pattern.finditer(view))
        for m in scanned:
            if not new_too and self._is_new(view, m):
                continue
            if event_type is not None and event_type not in self.rules.types_of[self.rules.kind_of[_key(m.group())]]:
                continue
            found.append(m)
        return sorted(found, key=lambda m: abs(m.start() - at))

    def _is_new(self, view: str, m: re.Match[str]) -> bool:
        """Whether the happening `m` is introduced as another one ("a meeting", "the 2015 deal")."""
        before = view[max(0, m.start() - 40):m.start()].split()[-3:]
        return any(w.lower() in self.rules.new_markers or any(c.isdigit() for c in w) for w in before)

    def _is_headline(self, said: _Said) -> bool:
        return self._headline and said.paragraph == 0

    def _in_reach(self, said_at: int, para: int) -> bool:
        return said_at <= self._lede or para - self.rules.reach <= said_at

    def _where(self, paragraph: int) -> str:
        if self._headline and paragraph == 0:
            return "the headline"
        return f"paragraph {paragraph + (0 if self._headline else 1)}"

    def _actors(self, view: str, at: int, para: int, event_type: str, background: bool = False
                ) -> tuple[tuple[str, ...], str] | None:
        """Who the sentence's role phrase ("the rebels", "both sides") and the happening it is
        ("the ceasefire": of a kind its event type is) stand for: the nearest of each, together.
        For background only the lasting roles count ("the government", "the rebels")."""
        r = self.rules
        names: dict[str, None] = {}
        whence = []
        # Role phrases are definite ("the two delegations"): a number before one is a date's
        # ("On 11 May, the two delegations ..."), not another happening's.
        for m in self._nearest(r.role_phrases, view, at, new_too=True):
            index = r.role_of[_key(m.group())]
            if self._not_acting(view, m, index) or _qualified(view, m):
                continue   # "talks with the envoy", "marched against both sides": not who acts
            if background and r.roles[index].takes not in _LASTING:
                continue
            found = self._role(index, view, at, para)
            if found:
                names.update(dict.fromkeys(found[0]))
                whence.append(f"{found[1]} ({_key(m.group())})")
                break
        for m in [] if background else self._nearest(r.happenings, view, at, event_type):
            if r.kind_of[_key(m.group())] not in r.lends_participants:
                continue
            found = self._participants(r.kind_of[_key(m.group())], para, also=True)
            if found:
                for n in found[0]:
                    if len(names) < r.max_participants:
                        names.setdefault(n)
                whence.append(f"{self._where(found[1])} ({_phrase(m)})")
                break
        return (tuple(names), " and ".join(whence)) if names else None

    @functools.cached_property
    def _participant_types(self) -> frozenset[str]:
        """The event types of happenings that have participants (talks, agreements, truces)."""
        return frozenset(t for k in self.rules.lends_participants for t in self.rules.types_of[k])

    def _home_forces(self, view: str, at: int, event_type: str) -> tuple[tuple[str, ...], str] | None:
        """The state the article is about, for fighting whose sentence names the other side and its
        forces by a role phrase ("Renamo fighters clash with the army again", "clashed with army
        troops in the town of Datu Piang"): in a clash, who is fought with takes part too. Not
        forces named with a nationality ("Kenyan troops")."""
        r = self.rules
        if event_type not in r.country_types:
            return None
        for m in self._nearest(r.role_phrases, view, at, new_too=True):
            index = r.role_of[_key(m.group())]
            if r.roles[index].takes == "home_state" and not _qualified(view, m):
                found = self._role(index, view, at, 0)
                if found:
                    return found[0], f"{found[1]} ({_key(m.group())})"
        return None

    @functools.cached_property
    def _groups(self) -> dict[str, tuple[str, ...]]:
        """(Read once, the first time a sentence names a group by its head noun.)"""
        return self._group_members(self._sentences)

    def _group_members(self, sentences: list[Sentence]) -> dict[str, tuple[str, ...]]:
        """The groups the article lists by name anywhere ("The six powers are Britain, China,
        France, Germany, Russia and the United States."): head noun -> the states and
        organisations named after the verb in that sentence (at least two)."""
        r = self.rules
        out: dict[str, tuple[str, ...]] = {}
        if r.group_defined is None:
            return out
        for sentence in sentences:
            m = r.group_defined.search(sentence.text)
            if m is None:
                continue
            start = sentence.start + m.end()
            names = tuple(dict.fromkeys(a.actors[0] for a in self._mentions.actor_mentions(start, sentence.end)
                                        if not a.person and self._acting(a)))
            if len(names) >= 2:
                out.setdefault(m.group(1).lower(), names[:r.max_participants])
        return out

    def _group(self, view: str) -> tuple[tuple[str, ...], str] | None:
        """The members of a group the sentence names by its head noun ("Iran and six world powers
        agreed"), when the article lists them somewhere."""
        if self.rules.group_heads is None:
            return None
        for m in self.rules.group_heads.finditer(view):
            members = self._groups.get(m.group().lower())
            if members:
                return members, f"the article's list of the {m.group().lower()}"
        return None

    def _named_next(self, sentence: Sentence, view: str, at: int, event_type: str) -> tuple[tuple[str, ...], str] | None:
        """Who the next sentences of the paragraph name, for talks or a meeting its own sentence
        names no one for ("The talks opened on Oct. 25 at a government guesthouse. Obasanjo was
        joined by Uhuru Kenyatta ..., with observers from the United States"): news often gives
        who took part right after saying when. At most `ahead_sentences` sentences; no one named
        beside a commentator's word."""
        r = self.rules
        if r.ahead_sentences == 0 or event_type not in r.ahead_types:
            return None
        named = [m for m in self._nearest(r.happenings, view, at, event_type)
                 if r.kind_of[_key(m.group())] in r.ahead_kinds]
        if not named and not (event_type in r.type_kind and not self._nearest(r.happenings, view, at, new_too=True)):
            return None
        k = bisect.bisect_right(self._sentence_starts, sentence.start)
        found: dict[str, None] = {}
        for nxt in self._sentences[k:k + r.ahead_sentences]:
            if nxt.paragraph != sentence.paragraph or nxt.start in self.dated:
                break   # a dated sentence tells its own event ("That meeting ... said on the following day")
            words = self._words[bisect.bisect_left(self._word_starts, nxt.start):bisect.bisect_left(self._word_starts, nxt.end)]
            comments = [w[0] for w in words if w[2] == _COMMENT]
            for m in self._mentions.actor_mentions(nxt.start, nxt.end):
                # Not "John Doe, an analyst at ..." beside a commentator's word.
                if self._acting(m) and not any(abs(c - m.start) <= r.role_window for c in comments):
                    found.update(dict.fromkeys(m.actors))
        if not found:
            return None
        return tuple(found)[:r.max_participants], f"the next sentence of {self._where(sentence.paragraph)}"

    def _held_by_story(self, view: str, at: int, event_type: str, background: bool, own: list[int],
                       nobody: bool) -> tuple[tuple[str, ...], str] | None:
        """The parties of the story's own talks, agreement or truce, for a row that is one of them
        ("The round opened on Tuesday", "The talks began in late January", "They resumed in
        November") whoever else its sentence names (the mediators who "facilitated the talks"):
        the sides the lede names with that happening (`_story_sides`). Not for a happening named
        as another one ("a previous round"), nor for background."""
        r = self.rules
        if event_type not in self._participant_types:
            return None
        # An agreement or truce no one is named with ("The framework itself was signed in October
        # 2012", "an earlier accord signed in Geneva in 2002"): the story's sides, in the background too.
        if not own and nobody and event_type in r.agreed_types and len(self._story_sides) >= 2:
            named = self._nearest(r.happenings, view, at, event_type, new_too=True)
            label = _phrase(named[0]) if named else f"the {event_type}"
            return self._story_sides, f"the lede (the parties to {label})"
        if background:
            return None
        named = [m for m in self._nearest(r.happenings, view, at, event_type)
                 if r.kind_of[_key(m.group())] in r.lends_participants]
        if named:
            # The happening is what the sentence tells of ("The talks began in late January"), not
            # what someone named before it joined, discussed or pushed for ("Guterres had joined
            # the conference on 30 June").
            if own and named[0].start() > own[0]:
                return None
            label = _phrase(named[0])
        elif own:
            return None
        elif event_type in r.type_kind and not self._nearest(r.happenings, view, at, new_too=True):
            label = f"the {r.type_kind[event_type]}"
        else:
            return None
        sides = self._story_sides
        return (sides, f"the lede (the parties to {label})") if len(sides) >= 2 else None

    @functools.cached_property
    def _story_sides(self) -> tuple[str, ...]:
        """The states, organisations and groups the headline and the lede name as holding the
        story's talks, agreement or truce ("The Indonesian government and the separatist Free Aceh
        Movement agreed on Sunday on the full text of a peace accord ..."), and those the people
        named there speak for; not who brokered or mediated it ("the Finnish mediator said"), nor
        in a sentence with a commentator."""
        r = self.rules
        window = r.role_window
        found: dict[str, None] = {}
        # The lede: the first paragraph (of the lede's and the two after it) whose sentence names
        # such a happening; a line of the release ("Press Release SG/SM/96-GUA") is no lede.
        lede, named = None, -1
        for s in self._sentences:
            if (self._headline and s.paragraph == 0) or s.paragraph < self._lede:
                continue
            if s.paragraph > self._lede + _DATELINE_PARAGRAPHS or -1 < named < s.paragraph:
                break   # (a paragraph that names actors but no such happening: the lede gives no sides)
            if self._names_happening(s):
                lede = s.paragraph
                break
            if self._mentions.actor_mentions(s.start, s.end):
                named = s.paragraph
        if lede is None:
            return ()
        for s in self._sentences:
            # The lede; when it names one state only ("The government of El Salvador and leftist
            # guerrillas have signed a peace treaty"), the armed group the paragraphs that tell it
            # in detail name ("President Alfredo Cristiani and five commanders of the FMLN put
            # their names to the accord").
            if s.paragraph < lede:
                continue
            detail = s.paragraph > lede
            one_state = len(found) == 1 and _kind(next(iter(found))) == "state"
            if s.paragraph > lede + (r.lede_detail_paragraphs if one_state else 0):
                break
            words = self._words[bisect.bisect_left(self._word_starts, s.start):bisect.bisect_left(self._word_starts, s.end)]
            if any(w[2] == _COMMENT for w in words) or not self._names_happening(s):
                continue
            brokers = [m.start() + s.start for m in r.brokering.finditer(s.text)] if r.brokering is not None else []
            # "... in the presence of President X, representatives of the AU and the UN": the rest
            # of the sentence watched.
            watched = min((m.start() + s.start for m in r.witnessing.finditer(s.text)), default=s.end) \
                if r.witnessing is not None else s.end
            for m in self._mentions.actor_mentions(s.start, s.end):
                # "brokered by Qatar", "Qatar, the mediator": the broker word before the name, or
                # just after it ("X agreed on a peace accord, the Finnish mediator said" is a side).
                if m.start >= watched or any(0 <= m.start - b <= window or 0 <= b - m.end <= _BROKER_AFTER for b in brokers):
                    continue
                if not self._acting(m) or self._says(m):
                    continue   # (who says so is the source: "..., the US secretary of state, Antony Blinken, said")
                for n in (m.actors[1:] if m.person else m.actors[:1]):
                    if _kind(n) == "armed_group" or (not detail and _kind(n) in ("state", "organisation")):
                        found.setdefault(n)
            group = self._group(s.text) if not detail else None   # "Iran and six world powers agreed"
            found.update(dict.fromkeys(group[0] if group else ()))
            if detail and len(found) > 1:
                break
        return tuple(found)[:_PARTIES_KEPT]

    def _says(self, m: ActorMention) -> bool:
        """Whether a verb of saying follows the mention within its clause ("Antony Blinken, said on
        Thursday", "Qatar said"): the source of the sentence."""
        from timeline.extract.actors import gazetteer

        after = re.split(r"[.;:\n\"“”(]", self._text[m.end:m.end + _SAYS_AFTER])[0]
        words = [w.strip(",").lower() for w in after.split()[:2]]
        return any(w in gazetteer().speech_verbs for w in words)

    def _names_happening(self, s: Sentence) -> bool:
        """Whether sentence `s` names a talks, agreement or truce (a happening with participants)."""
        words = self._words[bisect.bisect_left(self._word_starts, s.start):bisect.bisect_left(self._word_starts, s.end)]
        return any(w[2] == _HAPPENING and self.rules.kind_of[w[3]] in self.rules.lends_participants for w in words)

    def _lede_people(self, parties: list[str]) -> tuple[str, ...]:
        """The people the paragraphs after the lede name as speaking for one of the lede event's
        `parties` ("Prime Minister Ranil Wickremesinghe signed the memorandum ...", "Kosovo's
        prime minister, Albin Kurti, said ..."), not beside a commentator's word: news tells who
        acted for each side just after the lede."""
        wanted = set(parties)
        comments = [w[0] for w in self._words if w[2] == _COMMENT]
        window = self.rules.role_window
        detail = self._mentions.actor_mentions(*self._detail)
        found = [m.actors[0] for m in detail
                 if m.person and not wanted.isdisjoint(m.actors[1:]) and not self._object(m.start)
                 and not any(abs(c - m.start) <= window for c in comments)]
        # And who brokered, mediated or guaranteed it ("The agreement, brokered by Qatar with help
        # from Egypt and the United States, ..."; "Cuban and Norwegian diplomats who act as guarantors").
        brokers = [m.start() + self._detail[0] for m in self.rules.brokering.finditer(self._text[self._detail[0]:self._detail[1]])] \
            if self.rules.brokering is not None else []
        near = [(m.start, m.end, m.actors) for m in detail]
        # A state read as a place ("with help from Egypt and the United States") still brokers.
        lo, hi = bisect.bisect_left(self._place_starts, self._detail[0]), bisect.bisect_left(self._place_starts, self._detail[1])
        near += [(p.start, p.end, (p.place.name,)) for p in self._mentions.places[lo:hi]
                 if p.place.kind == "country" and p.place.name in _states()]
        found += [n for start, end, names in sorted(near)
                  if any(-window <= b - end <= window or -window <= start - b <= window for b in brokers)
                  and not any(abs(c - start) <= window for c in comments) for n in names]
        return tuple(dict.fromkeys(found))[:self.rules.max_participants]

    def _object(self, start: int) -> bool:
        """Whether the name at `start` is the object of a preposition, past its title ("military
        assistance to Syrian President Bashar al-Assad"): someone spoken of, not who acts. Not
        "signed by X": the agent."""
        words = re.split(r"[.!?;:\n\"“”(]", self._text[max(0, start - 60):start])[-1].split()   # this clause only
        title_words = _title_words()
        while words and (words[-1][:1].isupper() or words[-1].lower().strip(",") in title_words):
            words.pop()
        return bool(words) and words[-1].lower() in self.rules.object_markers and words[-1].lower() not in self.rules.agent_markers

    def _hosts(self, start: int, end: int, actors: list[str]) -> tuple[str, ...]:
        """The states whose capital a visitor of the sentence goes to ("Secretary of State Mike
        Pompeo visited Khartoum": Sudan hosts the visit), when someone else is named as visiting."""
        if self.rules.visiting is None or not actors:
            return ()
        from timeline.extract.actors import gazetteer

        states = gazetteer().capital_states
        lo, hi = bisect.bisect_left(self._place_starts, start), bisect.bisect_left(self._place_starts, end)
        found = [states[p.place.name] for p in self._mentions.places[lo:hi]
                 if p.place.name in states and states[p.place.name] not in actors
                 and self.rules.visiting.search(self._text, max(start, p.start - 40), p.start)]
        return tuple(dict.fromkeys(found))

    def _not_acting(self, view: str, m: re.Match[str], index: int) -> bool:
        """Whether the role phrase `m` (of roles[index]) follows a word that makes it no one who
        acts ("talks with the envoy", "marched against both sides"); the parties of "talks
        between the two countries" are who holds them."""
        before = view[max(0, m.start() - 20):m.start()].split()[-1:]
        if not before or before[0].lower() not in self.rules.object_markers:
            return False
        return not (self.rules.roles[index].takes == "parties" and before[0].lower() in self.rules.between_markers)

    def _sides_named(self, view: str, at: int, para: int) -> tuple[tuple[str, ...], str] | None:
        """The parties a "both sides", "the two delegations" of the sentence stands for, whoever
        else the sentence names ("The two sides reached the agreement in New York before Javier
        Pérez de Cuéllar stepped down")."""
        r = self.rules
        for m in self._nearest(r.role_phrases, view, at, new_too=True):
            index = r.role_of[_key(m.group())]
            role = r.roles[index]
            # "Carter invited both leaders to Maryland": two or more people, whoever else is named.
            if not (role.takes == "parties" or (role.takes == "person" and role.count >= 2)) \
                    or self._not_acting(view, m, index):
                continue
            found = self._role(index, view, at, para)
            if found:
                return found[0], f"{found[1]} ({_key(m.group())})"
        return None

    def _they(self) -> tuple[tuple[str, ...], str] | None:
        """Who an opening "They" stands for: the states, organisations and groups the previous
        sentence named ("... when the Seleka rebels launched an offensive. They seized Bangui
        ..."). Not a happening's participants: those gather everyone named beside it."""
        if self._previous is None or not self._previous[1]:
            return None
        return self._previous[1], f"{self._where(self._previous[0])} (they)"

    def _belligerents(self, view: str, at: int, para: int, event_type: str) -> tuple[tuple[str, ...], str] | None:
        """The article's two sides, for a row that is a war, a rebellion or fighting ("The war
        began in 1980", "fighting resumed"): the latest two parties named together in reach of
        which one is the state the article is about or an armed group ("the Philippine
        government and the MILF", "Armenia and Azerbaijan"); else that state and the armed group
        the article names most."""
        r = self.rules
        named = [m for m in self._nearest(r.happenings, view, at, event_type, new_too=True)
                 if r.kind_of[_key(m.group())] in r.belligerent_kinds]
        if not named:
            return None
        label = _phrase(named[0])
        home = self._home_state()
        for at_para, names in reversed(self._pairs[False]):
            if self._in_reach(at_para, para) and any(n == home or _kind(n) == "armed_group" for n in names):
                return names, f"{self._where(at_para)} (the two sides of {label})"
        groups = Counter(m.actors[0] for m in self._mentions.actors if not m.person and _kind(m.actors[0]) == "armed_group")
        if home and groups:
            return (home, groups.most_common(1)[0][0]), f"the article's state and armed group ({label})"
        return None

    def _home_state(self) -> str | None:
        """The state whose government the article names, else the country it is about if a state."""
        if self._home is None:
            from timeline.extract.actors import gazetteer

            government = gazetteer().home_government(self._text, self._mentions.actors)
            self._home = government or self._country_state() or ""
        return self._home or None

    def _country_state(self) -> str | None:
        """The state the article is about: its country, or the country of its region (Aceh:
        Indonesia's government)."""
        country = self.country()
        if not country:
            return None
        name = place_gazetteer().country_of.get(country[0], country[0])
        return name if name in _states() else None

    def _participants(self, kind: str, para: int, also: bool = False) -> tuple[tuple[str, ...], int] | None:
        """Who took part in the latest happenings of `kind` in reach (the most recent first, at
        most max_participants), and the paragraph of the latest; with `also`, when those name
        fewer than two parties, then those of the kinds it shares them with ("the talks": the
        parties of the deal the story tells)."""
        names: dict[str, None] = {}
        latest = None
        kinds = (kind, *self.rules.participants_also.get(kind, ())) if also else (kind,)
        for i, k in enumerate(kinds):
            if i and sum(1 for n in names if _kind(n) in ("state", "organisation", "armed_group")) >= 2:
                break
            for said in reversed([*self._opening[k], *self._recent[k]]):
                if not said.names or not self._in_reach(said.paragraph, para):
                    continue
                latest = said.paragraph if latest is None else max(latest, said.paragraph)
                for n in said.names:
                    if len(names) < self.rules.max_participants:
                        names.setdefault(n)
        return (tuple(names), latest) if latest is not None else None

    def _role(self, index: int, view: str, at: int, para: int) -> tuple[tuple[str, ...], str] | None:
        """Who the role phrase of roles[index] stands for, and where the article said so."""
        role = self.rules.roles[index]
        if role.takes == "home_state":   # "the government", "the army": of the country the story is about
            # The state whose government the article names first ("The Philippine government and
            # the MILF ... the military launched an offensive"), else the country it is about.
            home = self._home_state()
            if home is None:
                return None
            why = f"the government the article names ({home})" if home != self._country_state() \
                else f"{ABOUT} ({home})"
            return (home,), why
        if role.takes == "armed_group":
            groups = [g for g in self._armed if self._in_reach(g[0], para)]
            return ((groups[-1][1],), self._where(groups[-1][0])) if groups else None
        if role.count == 2:
            pairs = [p for p in self._pairs[role.takes == "person"] if self._in_reach(p[0], para)]
            # Two parties: those of the story's war or dispute (one of them the article's state
            # or an armed group) before two mediators named together since.
            sides = [p for p in pairs if any(n == self._home_state() or _kind(n) == "armed_group" for n in p[1])] \
                if role.takes == "parties" else []
            if sides or pairs:
                pair = (sides or pairs)[-1]
                return pair[1], self._where(pair[0])
        if role.takes == "parties":
            found = self._sides(view, at, para, role.count)
            return (found[0], self._where(found[1])) if found else None
        holders = [h for h in self._holders[index] if self._in_reach(h[0], para)][-role.count:]
        if not holders:
            return None
        return tuple(dict.fromkeys(n for _, actors in holders for n in actors)), self._where(holders[-1][0])

    def _sides(self, view: str, at: int, para: int, count: int) -> tuple[tuple[str, ...], int] | None:
        """The parties to the happening the sentence names (or to the latest one named): its
        states, organisations and groups, when there are at least `count` of them."""
        kinds = [self.rules.kind_of[_key(m.group())] for m in self._nearest(self.rules.happenings, view, at)]
        # Else "Both sides agreed ...": the parties to the latest happening named.
        latest = [(said.paragraph, i, kind) for kind, recent in self._recent.items()
                  for i, said in enumerate(recent) if said.names and kind in self.rules.lends_participants]
        if latest:
            kinds.append(max(latest)[2])
        parties = self._party_names
        for kind in kinds:
            found = self._participants(kind, para)
            if found:
                sides = tuple(n for n in found[0] if n in parties)
                if len(sides) == count:   # more, and which are the sides is not known
                    return sides, found[1]
        return None

    @property
    def _party_names(self) -> set[str]:
        return {name for _, name in self._parties}

    def _the_site(self, view: str, start: int) -> tuple[tuple[str, ...], str] | None:
        """ "initialled the agreement at the base": the site named last before the sentence
        whose name ends in that venue word ("Wright-Patterson Air Force Base")."""
        if not self._sites_by_word:
            return None
        for m in _SITE_ANAPHOR.finditer(view):
            named = self._sites_by_word.get(m.group(1).lower())
            if named:
                k = bisect.bisect_left(named, (start, ""))
                if k > 0:
                    return (named[k - 1][1],), f"the site named before ({m.group().lower()})"
        return None

    def _there(self, view: str, start: int) -> tuple[tuple[str, ...], str] | None:
        """ "The two leaders last met there in August": the place named last before the sentence
        (within `there_reach` characters), for a place adverb that is not "there is/was ..."."""
        r = self.rules
        m = r.place_adverbs.search(view)
        if m is None:
            return None
        k = bisect.bisect_left(self._place_starts, start)
        while k > 0 and self._mentions.places[k - 1].start >= start - r.there_reach:
            place = self._mentions.places[k - 1].place
            if place.kind in _VENUE_KINDS:
                return (place.name,), f"the place named before ({m.group().lower()})"
            k -= 1
        return None

    def _days_before_publication(self, day: dt.date) -> int:
        return 0 if self._published is None else (self._published - day).days

    def _place(self, view: str, at: int, para: int, event_type: str, present: bool, background: bool = False,
               inherited: bool = False, offset: int = 0) -> tuple[tuple[str, ...], str] | None:
        """The place of the happening the sentence names: its venue given earlier (the
        headline's and the dateline's only for a row of the story's present), or the country the
        article is about."""
        r = self.rules
        named: list[tuple[str, re.Match[str] | None]] = [
            (r.kind_of[_key(m.group())], m) for m in self._nearest(r.happenings, view, at, event_type, new_too=True)]
        if not named and not background and event_type in r.type_kind:
            named = [(r.type_kind[event_type], None)]   # "Delegates presented two documents on Wednesday"
        # The happening that opens the sentence is its subject, whatever is named nearer the date
        # ("The truce can be renewed with the agreement of both parties when it expires on June 2").
        named.sort(key=lambda n: n[1] is None or view[:n[1].start()].strip().lower() not in ("", "the"))
        for kind, m in named:
            label = _phrase(m) if m is not None else f"the {kind}"
            if r.place_from[kind] == "country":   # a new truce holds in the same country
                owner = self._owner(offset + m.start()) if m is not None and kind in r.owned_kinds else None
                if owner is not None and owner not in self.country():
                    continue   # "Israel's cabinet", "the Serbian parliament": held at home, not here
                country = self.country()
                if country:
                    return country, f"{ABOUT} ({country[0]})"
                continue
            if background or (kind in r.elsewhere and r.elsewhere[kind].search(view)):
                continue
            # A new happening ("a meeting") is not the one named before; a new agreement ("they
            # reached a deal") is still made where the talks are.
            kinds = r.venue_also[kind] if m is not None and self._is_new(view, m) else (kind, *r.venue_also[kind])
            if not kinds:
                continue
            for said in reversed([s for k in kinds for s in (*self._opening[k], *self._recent[k])]):
                if said.venue and self._in_reach(said.paragraph, para) and (present or not self._is_headline(said)):
                    return said.venue, f"{self._where(said.paragraph)} ({label})"
            filed = self.filed_from() if present and kind in r.from_dateline and \
                (m is not None or kind in r.inferred_dateline) else ()
            if filed:
                return filed, "the dateline"
        if event_type in r.country_types and self.country():
            return self.country(), f"{ABOUT} ({self.country()[0]})"
        # "told reporters on Monday", or anywhere in a sentence whose date came from the one before
        # ("Guterres told reporters that the conference had closed").
        if present and not background and self.filed_from() and any(
                inherited or 0 <= at - b.end() <= r.briefing_reach for b in r.briefings.finditer(view)):
            return self.filed_from(), "the dateline (where reporters were told)"
        return None

    def _owner(self, start: int) -> str | None:
        """The state named right before the noun at `start` as its owner ("Israel's cabinet",
        "the Serbian parliament"), when it is a country."""
        k = bisect.bisect_left(self._actor_starts, start) - 1
        if k < 0:
            return None
        m = self._mentions.actors[k]
        if m.person or m.actors[0] not in _states() or _OWNER_GAP.fullmatch(self._text, m.end, start) is None:
            return None
        return m.actors[0]

    def country(self) -> tuple[str, ...]:
        """The country or region the article is about: the one it names most often, as a place
        (`place_weight` times) or as a state acting (once), a mention in the headline counting
        `headline_weight` times more, when that is `country_lead` times as often as any other
        (and more than once). A city or site counts for the country it is in, a region for
        itself and its country; a country and a region inside it are no rivals, and the region
        is chosen when it holds `region_share` of its country's place points (Tigray, not Ethiopia).
        When none leads so, the one leading as a place alone (two sides acting, one land)."""
        if self._country is None:
            r = self.rules
            head_end = self._headline_end
            places: Counter[str] = Counter()
            acting: Counter[str] = Counter()
            home: dict[str, str | None] = {}   # a region -> the country it lies in
            # Where talks or meetings were held is neutral ground, a country too ("Liberia's
            # Warring Factions Sign Peace Deal in Ghana"): not what the article is about.
            venues = self._venues()
            for m in self._mentions.places:
                if m.place.kind in _COUNTRY_KINDS and not (m.place.kind == "country" and m.place.name in venues):
                    # named as where things happen: counts more
                    points = (r.headline_weight if m.start < head_end else 1) * r.place_weight
                    places[m.place.name] += points
                    home[m.place.name] = place_gazetteer().country_of.get(m.place.name)
                    if home[m.place.name] is not None:
                        places[home[m.place.name]] += points
            for m in self._mentions.actors:
                # A nationality counts where it names a party ("Albanian rebels"), not a people or
                # a thing ("the ethnic Albanian minority", "an Albanian-majority town").
                if not m.person and m.how in ("gazetteer", "demonym") and m.actors[0] in _states() \
                        and self._acting(m):
                    acting[m.actors[0]] += r.headline_weight if m.start < head_end else 1
            # A city or site named is in its country ("in the northern town of Vavuniya": Sri
            # Lanka), unless it is where talks or meetings were held: venues abroad are neutral ground.
            for m in self._mentions.places:
                if m.place.kind in ("city", "site") and m.place.lat is not None and m.place.name not in venues:
                    country = country_at(m.place.lat, m.place.lon)
                    if country is not None:
                        places[country] += (r.headline_weight if m.start < head_end else 1) * r.city_weight
            self._country = self._leading(places + acting, home, places) or self._leading(places, home, places)
        return self._country

    def _leading(self, counts: Counter[str], home: dict[str, str | None], places: Counter[str]) -> tuple[str, ...]:
        """The name leading `counts` by `country_lead` over any other that is not inside it or
        around it (or the region inside it holding `region_share` of its points as a place: a
        state acting, "Azerbaijan said", does not make the war's region less its subject), if any."""
        ranked = counts.most_common()
        if not ranked or ranked[0][1] < 2:
            return ()
        top, points = ranked[0]
        rivals = [n for name, n in ranked[1:] if home.get(name) != top and home.get(top) != name]
        if rivals and points < self.rules.country_lead * rivals[0]:
            return ()
        inside = [name for name, n in ranked if home.get(name) == top and n >= self.rules.region_share * places[top]
                  and places[name] >= self.rules.region_mentions * self.rules.place_weight]
        return (inside[0],) if inside else (top,)

    @functools.cached_property
    def _venue_names(self) -> frozenset[str]:
        return frozenset(self._venues())

    def _venues(self) -> set[str]:
        """The places the article gives as the venue of a happening ("talks in Geneva")."""
        starts = [s.start for s in self._sentences]
        out: set[str] = set()
        for start, end, what, key in self._words:
            if what != _HAPPENING or self.rules.place_from[self.rules.kind_of[key]] != "venue":
                continue
            k = bisect.bisect_right(starts, start) - 1
            if k >= 0:
                out.update(self._venue(self._sentences[k], start, end))
        return out

    def filed_from(self) -> tuple[str, ...]:
        """The place of the article's dateline, if its opening has one."""
        if self._filed_from is None:
            spans = [s for s in datelines(self._text) if s[0] < self._dateline_end]
            # Its first place is the city the story was filed from; what follows ("ARLINGTON,
            # Virginia —", "PRETORIA, South Africa —") only says where that city lies.
            self._filed_span = spans[0] if spans else (0, 0)
            self._filed_from = tuple(self._mentions.places_in(*spans[0], _VENUE_KINDS)[:1]) if spans else ()
            self._filed_country = frozenset(self._mentions.places_in(*spans[0]) if spans else ()) - \
                set(self._filed_from)
        return self._filed_from


@functools.cache
def _site_words() -> frozenset[str]:
    """The last words of the venue words of places.yaml ("Air Force Base" -> "base")."""
    from timeline.extract.places import gazetteer

    return frozenset(v.rsplit(" ", 1)[-1].lower() for v in gazetteer().venue_suffixes)


# "the base", "the castle": a definite venue word (the words themselves are checked against
# _site_words; the pattern only finds "the" and the next word, so it stays linear).
_WORD = re.compile(r"[A-Za-z]+")

_SITE_ANAPHOR = re.compile(r"(?<![\w-])the\s{1,3}([a-z]{3,12})(?![\w-])", re.IGNORECASE)


@functools.cache
def _title_words() -> frozenset[str]:
    """The words of the actor gazetteer's titles ("foreign", "minister"): skipped when looking
    for the word before a titled name."""
    from timeline.extract.actors import gazetteer

    return frozenset(w for t in gazetteer().titles for w in t.split())


@functools.cache
def _states() -> frozenset[str]:
    """The states of the actor gazetteer that are places too (a state acting is its country)."""
    from timeline.extract.actors import gazetteer
    from timeline.extract.places import gazetteer as places

    return frozenset(a.name for a in gazetteer().actors.values()
                     if a.kind == "state" and (p := places().lookup(a.name)) is not None and p.kind == "country")


def _kind(name: str) -> str:
    """The kind of a gazetteer actor (state, organisation, armed_group, person); "" if unknown."""
    from timeline.extract.actors import gazetteer

    g = gazetteer()
    actor = g.actors.get(name)
    if actor is not None:
        return actor.kind
    # A group the article names that the gazetteer does not know: an army or front is armed
    # ("the ethnic Albanian National Liberation Army (NLA)", "the Kosovo Liberation Army").
    return "armed_group" if name.rsplit(" ", 1)[-1] in g.armed_group_heads else ""


def _km(a: Any, b: Any) -> float:
    """Great-circle distance between two places with coordinates, in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _qualified(view: str, m: re.Match[str]) -> bool:
    """Whether the role phrase `m` follows a name or nationality that says whose it is ("Kenyan
    troops", "the Tigrayan forces", "Renamo fighters"): a capitalised word right before it that
    does not open the sentence."""
    words = view[max(0, m.start() - 60):m.start()].split()
    if not words or words[-1][-1:] in ",;:—(\"“":
        return False   # "On Tuesday, soldiers fired ...": the phrase opens a clause
    return words[-1][:1].isupper() and (len(words) > 1 or m.start() > len(words[-1]) + 1)


def _phrase(m: re.Match[str]) -> str:
    return "the " + _key(m.group())


__all__ = ["ABOUT", "COUNTRY_PLACE", "Discourse", "DiscourseRules", "Role", "build_rules", "rules"]
