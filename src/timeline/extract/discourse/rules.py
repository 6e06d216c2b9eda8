"""The discourse rules: resources/discourse.yaml read, validated and compiled once."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
import dataclasses
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require
from timeline.extract.event_types import require_known_types
from timeline.extract.phrases import PhraseIndex, phrase_key
from timeline.temporal.rulebook import WORD_GAP, phrase_tree



RESOURCE = "discourse.yaml"
TAKES = ("person", "any", "parties", "armed_group", "home_state")
PLACE_FROM = ("venue", "country", "court_seat")
_DATELINE_PARAGRAPHS = 2   # paragraphs after the lede in which a dateline may still open the story
_RECENT = 8            # the latest mentions of each happening kind that are kept
_LEDE_KEPT = 8         # the headline's and lede's mentions kept for the whole article
_PARTIES_KEPT = 12     # the latest states, organisations and groups named
_HEADLINE_MAX = 200    # a first line longer than this is a paragraph, not a headline
_COUNTRY_KINDS = ("country", "region")
_VENUE_KINDS = ("city", "site", "region")   # a country is where talks are, not their venue
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
    # Only as the subject of its sentence or of reported words, before a verb: the words that
    # may stand right before the phrase (after the sentence's opening), and those that may not
    # follow it (they make it part of a longer noun phrase: "the parliament building").
    subject_after: frozenset[str] | None = None
    not_before: frozenset[str] = frozenset()
    # An office named alone ("the Emir met Sisi in Baghdad"): its holder takes part whoever else
    # the sentence names (roles marked `alone` in discourse.yaml).
    alone: bool = False
    # A definite armed group ("the rebels") takes part whoever else the sentence names
    # ("Prachanda told reporters the rebels would join ..."): roles marked `beside_names`.
    beside_names: bool = False
    # Also in a row of the background (dated long before publication), as the lasting roles are:
    # roles marked `background` ("The two leaders first met in Geneva in 1985").
    background: bool = False


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
    headline_venue_days: int
    headline_weight: int
    place_weight: int
    country_lead: float
    country_types: frozenset[str]    # rows of these types without a place take the article's country
    mediated_types: frozenset[str]   # rows of these types (talks, a truce) take parties beside a mediating body
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
    briefing_types: frozenset[str]   # rows of these types dated by the sentence before: said there too
    home_statement_types: frozenset[str]   # a statement of the dateline capital's own state: said there
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
    # "the three presidents", "all four countries": group 1 the number word, group 2 the noun.
    numbered: re.Pattern[str] | None = None
    numbered_value: dict[str, int] = dataclasses.field(default_factory=dict)   # number word -> its number
    numbered_people: frozenset[str] = frozenset()   # nouns that stand for people ("presidents")
    numbered_counts: frozenset[int] = frozenset()   # the numbers numbered_value gives
    signing: re.Pattern[str] | None = None          # lede_signers: "signed", "initialled"
    participants_also: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    between_markers: frozenset[str] = frozenset()   # object markers after which parties still act
    lede_detail_paragraphs: int = 2
    nearest_new_lends_nothing: bool = False   # a row nearest "a previous round" is that round
    elsewhere_lends_no_one: bool = False      # "the parliament will ratify the agreement": not its signers
    frame_words: re.Pattern[str] | None = None   # "under the accord": the happening is a frame, lends no one
    # "A deal on oil followed in January": a new happening of a kind made in the course of
    # another kind's process (kind -> that kind, `made_during`) takes the dateline's city in
    # the story's year too; not after an absence word ("passed without a treaty").
    made_during: dict[str, str] = dataclasses.field(default_factory=dict)
    # "Negotiators now have until June 30 to turn it into a full agreement": a coming row that
    # names no happening (inferred from its type) takes no dateline's city.
    coming_needs_a_name: bool = False
    absent_markers: frozenset[str] = frozenset()
    # "Kirby said on Friday that ... the war in Yemen": a person's words are placed where he spoke,
    # not where what he speaks of happened (places_of_speech).
    speech_verbs: re.Pattern[str] | None = None    # the verb before the date, at the end of a text
    reported_opener: re.Pattern[str] | None = None   # the words after the date that open what was said
    speech_types: frozenset[str] = frozenset()
    speech_reach: int = 0
    # "a castle north of Stockholm", "Sarpsborg, south-east of Oslo": a place after a bearing and
    # "of" is a reference point, not where the event is (reference_bearings).
    bearing: re.Pattern[str] = re.compile(r"(?!)")
    # "After 23 Days in Taif", "the deputies gathered in Taif": a stay or a gathering right before
    # the place names where the parties sat (stay_venues); "to The Hague": a court's seat (court_seats).
    stay_venue: re.Pattern[str] = re.compile(r"(?!)")
    court_seats: frozenset[str] = frozenset()
    # "The court ruled": the articles (lower case) that may open a sentence before a common noun.
    articles: frozenset[str] = frozenset()
    # "the talks opened": those of them that point back to something named (definite_articles).
    definite_articles: frozenset[str] = frozenset()
    # "X, the Y and Z": what stands before Y when Y and Z end a longer list (list_before), and
    # what joins the names of a list (list_join); the article is one of definite_articles.
    list_before: re.Pattern[str] = re.compile(r"(?!)")
    list_join: re.Pattern[str] = re.compile(r"(?!)")
    # "agreed on a charter here": in a story with a dateline, the dateline's city (dateline_adverbs).
    dateline_adverbs: re.Pattern[str] | None = None
    # "signed an agreement on Governors Island": "on" before an island or a site (venue_on), and
    # a verb of signing or meeting before it in the sentence.
    venue_on: re.Pattern[str] = re.compile(r"(?!)")
    venue_on_verb: re.Pattern[str] = re.compile(r"(?!)")
    venue_on_islands: frozenset[str] = frozenset()
    # "the defence ministry in Yerevan said": the place of who reports, before a reporting verb
    # (source_seats): the words before the place, and the verb right after it.
    source_before: re.Pattern[str] = re.compile(r"(?!)")
    source_verb: re.Pattern[str] = re.compile(r"(?!)")
    # "talks on the fate of Idlib", "meet ... to discuss an end to the war in Ukraine": what a
    # happening is about (place_topics): the marker right after a happening's noun, the verbs
    # anywhere, and the event types whose rows do not take such a place.
    topic_marker: re.Pattern[str] | None = None
    topic_verbs: re.Pattern[str] | None = None
    topic_types: frozenset[str] = frozenset()
    owned_kinds: frozenset[str] = frozenset()   # kinds held at home by a state named as owner ("Israel's cabinet")
    lede_venue_paragraphs: int = 0   # paragraphs after the lede that may say where its event was
    agent_markers: frozenset[str] = frozenset()   # object markers that introduce who acts ("signed by X")
    brokering: re.Pattern[str] | None = None   # "brokered", "guarantors": who made the lede's event happen
    visiting: re.Pattern[str] | None = None    # "visited", "flew to": the capital after it hosts
    planned_visit: re.Pattern[str] | None = None   # "will", "is to": before a visit word, one not made yet
    # A bulletin of briefs: a title paragraph has at most brief_title_lines lines of at most
    # brief_title_chars characters, no digit and no closing punctuation; an article with at least
    # brief_titles of them naming a place or a state is a bulletin, each brief its own country.
    brief_title_lines: int = 0
    brief_title_chars: int = 0
    brief_titles: int = 0
    # Right after a date, words that end its stretch of the sentence ("... in July 2014 and the
    # agreement reached in Rome ..."): share_places.
    stretch_joiner: re.Pattern[str] = re.compile(r"(?!)")
    # At the start of a stretch, a relative word that stands for the place named right before it
    # ("in Luena, where ..."): share_places.
    place_relative: re.Pattern[str] = re.compile(r"(?!)")
    place_relative_intensives: frozenset[str] = frozenset()   # "in Bukavu itself, where ...": share_places
    ahead_sentences: int = 0            # how many next sentences of its paragraph say who held talks
    ahead_types: frozenset[str] = frozenset()
    ahead_kinds: frozenset[str] = frozenset()
    group_heads: re.Pattern[str] | None = None   # "powers", "guarantors": a group the article may list
    # country_types rows of these types whose actors hold the article's country take no place
    # from it: a state's own act ("North Korea tested a missile") may be anywhere.
    own_act_types: frozenset[str] = frozenset()
    # "which tested a missile in October": a weapons test is placed at the site the article
    # names, else nowhere (docs/gold_conventions.md), never in the article's country
    weapons_tests: re.Pattern[str] | None = None
    # A venue said with a date lends itself only to rows within this many days of that date: the
    # same happening told again, not another of its kind ("signed in Oslo in 1994" is not where
    # "today's signing" is).
    venue_days: int = 0
    venue_days_kinds: frozenset[str] = frozenset()   # the one-time happenings it holds for (not talks)
    arriving: re.Pattern[str] | None = None   # "flew in", "arrived": came to where the story is
    office: re.Pattern[str] | None = None     # "was sworn in", "took office": in the office's state
    recipient_marker: re.Pattern[str] | None = None   # "to", "to the" at the end of a text
    recipient_opener: re.Pattern[str] | None = None   # a marker's first word ("to") anywhere
    recipient_words: re.Pattern[str] | None = None    # "handed ... to", "belongs to": a recipient
    recipient_reach: int = 0
    recipient_marker_chars: int = 0   # how far before a place a recipient marker can start
    subordinators: re.Pattern[str] | None = None   # "before", "after": a new clause, a new stretch
    remote: re.Pattern[str] | None = None   # "in a telephone call": held at no one place
    appeal: re.Pattern[str] | None = None   # "demanded", "appealed for": said about a happening, not at it
    # "The talks opened in June 1996": kinds whose happening, named definitely, is one process
    # the article tells, held at its venue whenever it began (background too).
    ongoing_kinds: frozenset[str] = frozenset()
    # "told the signing ceremony", "on the sidelines of the summit": the row happened at that
    # happening (group `noun`), whose kind is `attending_kind[noun]` (happenings_attended).
    attending: re.Pattern[str] | None = None
    attending_kind: dict[str, str] = dataclasses.field(default_factory=dict)
    land: re.Pattern[str] | None = None   # "the island", "the peninsula": the land the article is about
    capital: re.Pattern[str] | None = None   # "the capital": the capital of the country the article is about
    capital_owners: tuple[str, ...] = ()     # "the capital of ...": its own country named after it
    # "Namibia became independent", "Kosovo's declaration of independence": the state is the place
    independence_after_name: re.Pattern[str] | None = None
    independence_relatives: tuple[str, ...] = ()   # ", which": a relative clause on the state
    independence_after_possessive: re.Pattern[str] | None = None
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
    # "His security cabinet met on Friday": a possessive before a party's head noun, and how many
    # characters before the sentence its owner may be named (possessive_owners).
    possessive_owner: re.Pattern[str] | None = None
    possessive_reach: int = 0
    # "had hosted the negotiations": a verb of conducting right before a happening (conducting_words).
    conducting: re.Pattern[str] | None = None
    # The article's two sides (two_sides): its two most named parties of these kinds, each named
    # at least this often, the second `margin` times the third.
    two_sides_kinds: frozenset[str] = frozenset()
    two_sides_mentions: int = 0
    two_sides_margin: float = 1.0
    two_sides_balance: float = 1.0   # ... and the second this share of the first at least


def _attending(data: Any, kinds: frozenset[str]) -> dict[str, Any]:
    """happenings_attended: the words that put a row at a happening ("told the", "on the
    sidelines of the"), at most one word ("signing", "closing"), then the happening's noun."""
    if data is None:
        return {}
    where = "happenings_attended"
    require(isinstance(data, dict), RESOURCE, where, "must be a mapping with leads and nouns")
    leads = _words(data.get("leads"), f"{where}.leads")
    nouns = data.get("nouns")
    require(isinstance(nouns, dict) and nouns and all(isinstance(k, str) and v in kinds for k, v in nouns.items()),
            RESOURCE, f"{where}.nouns", "must map each noun to a happening kind")
    phrase = lambda p: r"\s{1,3}".join(map(re.escape, p.split()))   # noqa: E731
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(phrase, sorted(leads, key=len, reverse=True)))
                         + r")\s{1,3}(?:[\w'’-]{1,20}\s{1,3})?(?P<noun>" + "|".join(map(phrase, sorted(nouns, key=len, reverse=True)))
                         + r")(?![\w-])", re.IGNORECASE)
    return {"attending": pattern, "attending_kind": {_key(k): v for k, v in nouns.items()}}


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _adverbs(data: dict[str, Any], key: str) -> re.Pattern[str]:
    """`key`'s adverbs of place ("there", "here") as whole words, case-blind, but not one followed
    by one of not_after_adverb ("there is", "here are": no place of an event)."""
    adverbs = "|".join(map(re.escape, _words(data.get(key), key)))
    not_after = "|".join(map(re.escape, _words(data.get("not_after_adverb"), "not_after_adverb")))
    return re.compile(r"(?<![\w-])(?:" + adverbs + r")(?![\w-])(?!\s{1,3}(?:" + not_after + r")\b)", re.IGNORECASE)


def _alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    """Whole-word, case-blind alternation of literal phrases (longest first; no nested
    repetition, so the scan is linear). ASCII phrases as a prefix tree (rulebook.phrase_tree:
    the same matches, a branch per letter instead of per phrase; 2.5-4x faster to scan)."""
    keys = {_key(p) for p in phrases}
    if all(k.isascii() for k in keys):
        body = phrase_tree(keys)
    else:   # (non-ASCII case folding: kept as a plain list)
        body = "|".join(WORD_GAP.join(map(re.escape, p.split())) for p in sorted(keys, key=len, reverse=True))
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


def _flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    require(isinstance(value, bool), RESOURCE, key, "must be true or false")
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
    # every `event_types` and `*_types` list, and `sides_agreed`, names types of event_types.yaml
    require_known_types(data, RESOURCE, also=("sides_agreed",))
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
    ongoing: set[str] = set()
    venue_also: dict[str, tuple[str, ...]] = {}
    made_during: dict[str, str] = {}
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
                                     ("belligerents", False, belligerent), ("owner_place", False, owned),
                                     ("ongoing", False, ongoing)):
            require(isinstance(entry.get(flag, default), bool), RESOURCE, f"{where}.{flag}",
                    "must be true or false")
            if entry.get(flag, default):
                kinds.add(kind)
        venue_also[kind] = tuple(entry.get("venue_also", []))
        if "made_during" in entry:
            require(entry["made_during"] in happenings and entry["made_during"] in entry.get("venue_also", []),
                    RESOURCE, f"{where}.made_during", "must name one of its venue_also kinds")
            made_during[kind] = entry["made_during"]
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
        subject = entry.get("subject_only")
        require(subject is None or (isinstance(subject, dict) and set(subject) == {"after", "not_before"}), RESOURCE,
                f"{where}.subject_only", "must be a mapping of two word lists, 'after' and 'not_before'")
        after, not_before = (None, frozenset()) if subject is None else (
            frozenset(w.lower() for w in _words(subject["after"], f"{where}.subject_only.after")),
            frozenset(_words(subject["not_before"], f"{where}.subject_only.not_before")))
        alone = entry.get("alone", False)
        require(isinstance(alone, bool) and (not alone or (takes == "person" and count == 1)), RESOURCE,
                f"{where}.alone", "must be true or false, and true only for one person")
        beside = entry.get("beside_names", False)
        require(isinstance(beside, bool) and (not beside or takes == "armed_group"), RESOURCE,
                f"{where}.beside_names", "must be true or false, and true only for an armed group")
        background = entry.get("background", False)
        require(isinstance(background, bool), RESOURCE, f"{where}.background", "must be true or false")
        roles.append(Role(tuple(phrases), takes, tuple(near), count, after, not_before, alone, beside, background))
    articles = _articles(data)
    definite = _definite_articles(data)
    definite_group = _alternatives(definite)
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
        present_days=_number(data, "present_days"), coming_days=_number(data, "coming_days"),
        headline_venue_days=_number(data, "headline_venue_days"), headline_weight=_number(data, "headline_weight"),
        place_weight=_number(data, "place_weight"),
        country_lead=_ratio(data, "country_lead"),
        **_briefs(data.get("briefs")),
        country_types=frozenset(_words(data.get("country_types"), "country_types")),
        mediated_types=frozenset(_words(data.get("mediated_types"), "mediated_types")),
        own_act_types=frozenset(_words(data["own_act_types"], "own_act_types") if "own_act_types" in data else ()),
        weapons_tests=_alternation(_words(data["weapons_test_words"], "weapons_test_words"))
        if "weapons_test_words" in data else None,
        venue_also=venue_also, elsewhere=elsewhere, type_kind=type_kind,
        new_markers=frozenset(m.lower() for m in markers), made_during=made_during,
        absent_markers=frozenset(w.lower() for w in _words(data.get("absent_markers", []), "absent_markers")),
        nearest_new_lends_nothing=_flag(data, "nearest_new_lends_nothing"),
        coming_needs_a_name=_flag(data, "coming_needs_a_name"),
        elsewhere_lends_no_one=_flag(data, "elsewhere_lends_no_one"),
        frame_words=re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _words(data["frame_words"], "frame_words"))
                               + r")\s{1,3}" + _alternatives(_lower_words(data, "frame_determiners"))
                               + r"\s{1,3}(?:[\w-]{1,30}\s{1,3})?$", re.IGNORECASE)
        if "frame_words" in data else None,
        object_markers=frozenset(w.lower() for w in _words(data.get("object_markers"), "object_markers")), roles=tuple(roles),
        role_phrases=_alternation(role_of), role_of=role_of,
        near_roles=near_roles,
        briefings=_alternation(_words(data.get("briefings"), "briefings")),
        briefing_types=frozenset(_words(data["briefing_types"], "briefing_types") if "briefing_types" in data else ()),
        home_statement_types=frozenset(_words(data["home_statement_types"], "home_statement_types")
                                       if "home_statement_types" in data else ()),
        place_adverbs=_adverbs(data, "place_adverbs"),
        there_reach=_number(data, "there_reach"), briefing_reach=_number(data, "briefing_reach"),
        site_city_km=float(_number(data, "site_city_km")), city_weight=_number(data, "city_weight"),
        country_venue_gap=_number(data, "country_venue_gap"),
        region_share=_share(data, "region_share"), region_mentions=_number(data, "region_mentions"),
        # "the Philippine government and the MILF", "Sudan's army and the paramilitary RSF":
        # a head noun after the first, "the" and one lower-case word before the second.
        pair_gap=re.compile(r"(?:['’]s)?\s{1,3}(?:(?:" + "|".join(map(re.escape, _words(data.get("pair_heads"), "pair_heads")))
                            + r")\s{0,3})?,?\s{0,3}and\s{1,3}(?:" + definite_group + r"\s{1,3})?(?:[a-z][a-z-]{1,20}\s{1,3})?"
                            # "... and the ethnic Albanian National Liberation Army": a people's name too
                            + r"(?:[A-Z][a-z]{2,20}\s{1,3})?"),
        # Title case too: "Prime Minister X", "Peace Talks" in a headline.
        words=PhraseIndex([(form, (kind, p)) for p, kind in word_kind.items() for form in (p, p.title())]),
        venue_before=re.compile(r"(?<![\w-])(?:" + "|".join(
            r"\s{1,3}".join(map(re.escape, p.split())) for p in sorted(_words(data.get("venue_prepositions"),
                                                                           "venue_prepositions"), key=len, reverse=True))
            + r")\s{1,3}(?:" + _alternatives(frozenset(articles)) + r"\s{1,3})?(?:(?:[\w'’-]{1,30}\s{1,3}){1,3}of\s{1,3}(?:"
            + definite_group + r"\s{1,3})?)?$", re.IGNORECASE),
        # "the Indonesian government", "Russian-backed separatists": a nationality that acts.
        party_heads=re.compile(r"(?:\s{1,3}(?:" + "|".join(map(re.escape, _words(data.get("party_heads"), "party_heads")))
                               + r")|-(?:" + "|".join(map(re.escape, _words(data.get("party_compounds"), "party_compounds")))
                               + r"))(?![\w-])", re.IGNORECASE),
        agreed_types=frozenset(data.get("sides_agreed", [])),
        around_words=re.compile(r"(?<![\w-])(?:" + "|".join(r"\s{1,3}".join(map(re.escape, p.split())) for p in
                                                          _words(data.get("around_words"), "around_words"))
                                + r")\s{1,3}(?:" + definite_group + r"\s{1,3})?$", re.IGNORECASE),
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
        ongoing_kinds=frozenset(ongoing),
        venue_days=_number(data.get("venue_days", {}), "days"),
        venue_days_kinds=frozenset(_words(data.get("venue_days", {}).get("kinds"), "venue_days.kinds")),
        arriving=_alternation(_words(data.get("arrival_words"), "arrival_words")),
        subordinators=_alternation(_words(data.get("stretch_subordinators"), "stretch_subordinators")),
        remote=_alternation(_words(data.get("remote_words"), "remote_words")),
        appeal=_alternation(_words(data.get("appeal_words"), "appeal_words")),
        **_attending(data.get("happenings_attended"), frozenset(happenings)),
        office=_alternation(_words(data.get("office_words"), "office_words")) if "office_words" in data else None,
        land=_alternation(_words(data.get("land_nouns"), "land_nouns")) if "land_nouns" in data else None,
        capital=_alternation(_words(data.get("capital_nouns"), "capital_nouns")) if "capital_nouns" in data else None,
        capital_owners=tuple(_words(data.get("capital_owner_words"), "capital_owner_words"))
        if "capital_owner_words" in data else (),
        **_independence(data.get("independence")),
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
        **_source_seats(data.get("source_seats")),
        **_place_topics(data.get("place_topics")),
        **_recipients(data.get("recipients")),
        stay_venue=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _words(data.get("stay_venues", {}).get("words"), "stay_venues.words")))
                              + r")\s{1,3}(?:" + "|".join(map(re.escape, _words(data.get("stay_venues", {}).get("prepositions"),
                                                                                "stay_venues.prepositions")))
                              + r")\s{1,3}(?:" + definite_group + r"\s{1,3})?$", re.IGNORECASE),
        court_seats=frozenset(_words(data.get("court_seats"), "court_seats")),
        articles=frozenset(articles),
        definite_articles=definite,
        list_before=re.compile(r"\s{0,3},\s{0,3}(?:" + definite_group + r"\s{1,3})?"),
        list_join=re.compile(r"\s{0,3}(?:,\s{0,3}(?:and\s{1,3})?|and\s{1,3})(?:" + definite_group + r"\s{1,3})?"),
        dateline_adverbs=_adverbs(data, "dateline_adverbs") if "dateline_adverbs" in data else None,
        venue_on=re.compile(r"(?<![\w-])(?:" + "|".join(
            r"\s{1,3}".join(map(re.escape, p.split())) for p in sorted(_words(data.get("venue_on", {}).get("prepositions"),
                                                                             "venue_on.prepositions"), key=len, reverse=True))
            + r")\s{1,3}$", re.IGNORECASE),
        venue_on_islands=frozenset(_words(data.get("venue_on", {}).get("island_heads"), "venue_on.island_heads")),
        venue_on_verb=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _words(data.get("venue_on", {}).get("verbs"),
                                                                                 "venue_on.verbs"))) + r")(?![\w-])",
                                 re.IGNORECASE),
        bearing=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _words(data.get("reference_bearings"), "reference_bearings")))
                           + r")\s{1,3}of\s{1,3}(?:" + definite_group + r"\s{1,3})?$", re.IGNORECASE),
        agent_markers=frozenset(w.lower() for w in data.get("agent_markers", [])),
        brokering=_alternation(_words(data.get("lede_brokers"), "lede_brokers")),
        signing=_alternation(_words(data["lede_signers"], "lede_signers")) if "lede_signers" in data else None,
        # "visited Khartoum", "travelled secretly to Pyongyang": a visit word, then at most one
        # adverb and "to"/"in" for a travel word, right before the place.
        visiting=re.compile(r"(?<![\w-])(?:(?:" + "|".join(map(re.escape, _words(data.get("visit_words"), "visit_words")))
                            + r")|(?:" + "|".join(map(re.escape, _words(data.get("travel_words"), "travel_words")))
                            + r")(?:\s{1,3}[a-z]{2,20}ly)?\s{1,3}(?:to|in))\s{1,3}$", re.IGNORECASE),
        planned_visit=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _words(data["planned_visit"], "planned_visit")))
                                 + r")\s{1,3}(?:[a-z]{2,20}ly\s{1,3})?$", re.IGNORECASE) if "planned_visit" in data else None,
        host_words=_alternation(_words(data.get("host_words"), "host_words")),
        stretch_joiner=re.compile(r"\s{1,3}(?:" + "|".join(r"\s{1,3}".join(map(re.escape, p.split())) for p in
                                                        _words(data.get("stretch_joiners"), "stretch_joiners"))
                                  + r")(?![\w-])", re.IGNORECASE),
        place_relative=re.compile(r"[\s,]{0,4}(?:" + "|".join(map(re.escape, _words(data.get("place_relatives"), "place_relatives")))
                                  + r")(?![\w-])", re.IGNORECASE),
        place_relative_intensives=frozenset(w.lower() for w in _words(data.get("place_relative_intensives"),
                                                                      "place_relative_intensives")),
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
        **_possessive_owners(data.get("possessive_owners")),
        conducting=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _words(data["conducting_words"], "conducting_words")))
                              + r")\s{1,3}(?:" + definite_group + r"\s{1,3})?$", re.IGNORECASE) if "conducting_words" in data else None,
        **_numbered(data.get("numbered_references")),
        **_two_sides(data.get("two_sides")),
        plural_subject=re.compile(r"^(?:[^,.;:]{1,40},\s{1,3})?(?:" + "|".join(
            map(re.escape, _words(data.get("plural_subjects"), "plural_subjects"))) + r")(?![\w-])", re.IGNORECASE),
    )


def _possessive_owners(data: Any) -> dict[str, Any]:
    """possessive_owners, validated: one pattern of "<pronoun> [one word] <head>" (literal
    alternations, one bounded optional word: no backtracking), and the look-back in characters."""
    if data is None:
        return {}
    where = "possessive_owners"
    require(isinstance(data, dict) and set(data) == {"pronouns", "heads", "reach"}, RESOURCE, where,
            "must be a mapping of 'pronouns', 'heads' and 'reach'")
    pronouns = _words(data["pronouns"], f"{where}.pronouns")
    heads = _words(data["heads"], f"{where}.heads")
    alternation = "|".join(map(re.escape, sorted(heads, key=len, reverse=True)))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, pronouns)) + r")\s{1,3}(?:[a-z-]{1,20}\s{1,3})?(?:"
                         + alternation + r")(?![\w-])", re.IGNORECASE)
    reach = data["reach"]
    require(isinstance(reach, int) and not isinstance(reach, bool) and reach > 0, RESOURCE, f"{where}.reach",
            "must be a positive whole number of characters")
    return {"possessive_owner": pattern, "possessive_reach": reach}


def _two_sides(data: Any) -> dict[str, Any]:
    """two_sides, validated: the kinds of party counted, the least mentions, the margin over a
    third, the balance of the second to the first."""
    if data is None:
        return {}
    where = "two_sides"
    require(isinstance(data, dict) and set(data) == {"kinds", "mentions", "margin", "balance"}, RESOURCE,
            where, "must be a mapping of 'kinds', 'mentions', 'margin' and 'balance'")
    kinds = _words(data["kinds"], f"{where}.kinds")
    require(set(kinds) <= {"state", "organisation", "armed_group"}, RESOURCE, f"{where}.kinds",
            "must name kinds of party: state, organisation, armed_group")
    return {"two_sides_kinds": frozenset(kinds), "two_sides_mentions": _number(data, "mentions"),
            "two_sides_margin": _ratio(data, "margin"), "two_sides_balance": _share(data, "balance")}


def _source_seats(data: Any) -> dict[str, re.Pattern[str]]:
    """source_seats, validated: a lower-case noun (who reports) and one of the prepositions
    before a place, at the end of a text; one of the verbs right after the place. Single bounded
    gaps: no backtracking."""
    if data is None:
        return {}
    where = "source_seats"
    require(isinstance(data, dict), RESOURCE, where, "must be a mapping with prepositions and verbs")
    prepositions = _words(data.get("prepositions"), f"{where}.prepositions")
    verbs = _words(data.get("verbs"), f"{where}.verbs")
    return {"source_before": re.compile(r"(?<![\w-])[a-z][a-z-]{1,30}\s{1,3}(?:"
                                        + "|".join(map(re.escape, prepositions)) + r")\s{1,3}$"),
            "source_verb": re.compile(r"\s{0,3}(?:" + "|".join(map(re.escape, verbs)) + r")(?![\w-])")}


def _briefs(data: Any) -> dict[str, int]:
    """briefs, validated: the title paragraphs that make an article a bulletin of briefs."""
    if data is None:
        return {}
    require(isinstance(data, dict) and set(data) == {"title_lines", "title_chars", "titles"}, RESOURCE, "briefs",
            "must be a mapping of title_lines, title_chars and titles")
    return {"brief_title_lines": _number(data, "title_lines"), "brief_title_chars": _number(data, "title_chars"),
            "brief_titles": _number(data, "titles")}


def _independence(data: Any) -> dict[str, re.Pattern[str]]:
    """independence, validated: the words after a state's name, and after its possessive, that
    say it became independent."""
    if data is None:
        return {}
    where = "independence"
    require(isinstance(data, dict) and {"after_name", "after_possessive"} <= set(data)
            <= {"after_name", "after_possessive", "relatives"}, RESOURCE, where,
            "must be a mapping of after_name, after_possessive and perhaps relatives")
    return {"independence_after_name": _alternation(_words(data["after_name"], f"{where}.after_name")),
            "independence_after_possessive": _alternation(_words(data["after_possessive"], f"{where}.after_possessive")),
            "independence_relatives": tuple(_words(data["relatives"], f"{where}.relatives"))
            if "relatives" in data else ()}


_MARKER_SPACES = 3   # a recipient marker's words are parted, and followed, by one to this many spaces


def _recipients(data: Any) -> dict[str, Any]:
    """recipients, validated: the markers right before a place given something (matched at the
    end of a text, each a literal: no backtracking), the words of giving and their reach."""
    if data is None:
        return {}
    require(isinstance(data, dict), RESOURCE, "recipients", "must be a mapping")
    markers = _words(data.get("markers"), "recipients.markers")
    return {"recipient_marker": re.compile(r"(?<![\w-])(?:" + "|".join(
                rf"\s{{1,{_MARKER_SPACES}}}".join(map(re.escape, m.split())) for m in sorted(markers, key=len, reverse=True))
                + rf")\s{{1,{_MARKER_SPACES}}}$", re.IGNORECASE),
            # the longest marker as widely spaced as its pattern allows (its letters, and up to
            # _MARKER_SPACES spaces after each word), and one character more for its look-behind
            "recipient_marker_chars": max(len("".join(m.split())) + _MARKER_SPACES * len(m.split()) + 1
                                          for m in markers),
            "recipient_opener": _alternation({m.split()[0] for m in markers}),
            "recipient_words": _alternation(_words(data.get("words"), "recipients.words")),
            "recipient_reach": _number(data, "reach")}


def _place_topics(data: Any) -> dict[str, Any]:
    """place_topics, validated: the markers that open what a happening is about right after its
    noun ("talks on"), the verbs that open it anywhere ("to discuss"), the event types concerned."""
    if data is None:
        return {}
    where = "place_topics"
    require(isinstance(data, dict), RESOURCE, where, "must be a mapping with markers, verbs and event_types")
    markers = _words(data.get("markers"), f"{where}.markers")
    return {"topic_marker": re.compile(r"\s{1,3}(?:" + "|".join(map(re.escape, markers)) + r")\s{1,3}", re.IGNORECASE),
            "topic_verbs": _alternation(_words(data.get("verbs"), f"{where}.verbs")),
            "topic_types": frozenset(_words(data.get("event_types"), f"{where}.event_types"))}


def _numbered(data: Any) -> dict[str, Any]:
    """numbered_references, validated: the pattern of "<opener> <number word> <noun>" (one literal
    alternation per slot, single bounded gaps: no backtracking), each number word's value, and
    the nouns that stand for people."""
    if data is None:
        return {}
    where = "numbered_references"
    require(isinstance(data, dict), RESOURCE, where, "must be a mapping with numbers, openers, people and parties")
    numbers = data.get("numbers")
    require(isinstance(numbers, dict) and numbers and all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 3 for k, v in numbers.items()),
        RESOURCE, f"{where}.numbers", "must map number words to whole numbers of at least 3 (two is a role's)")
    openers = _words(data.get("openers"), f"{where}.openers")
    people = _words(data.get("people"), f"{where}.people")
    parties = _words(data.get("parties"), f"{where}.parties")
    require(not {_key(p) for p in people} & {_key(p) for p in parties}, RESOURCE, where,
            "a noun is either people's or parties'")

    def slot(phrases: Iterable[str]) -> str:
        return "|".join(r"\s{1,3}".join(map(re.escape, p.split())) for p in sorted({_key(p) for p in phrases}, key=len, reverse=True))

    return {"numbered": re.compile(r"(?<![\w-])(?:" + slot(openers) + r")\s{1,3}(" + slot(numbers) + r")\s{1,3}("
                                   + slot([*people, *parties]) + r")(?![\w-])", re.IGNORECASE),
            "numbered_value": {_key(k): v for k, v in numbers.items()},
            "numbered_people": frozenset(_key(p) for p in people), "numbered_counts": frozenset(numbers.values())}


def _articles(data: dict[str, Any]) -> list[str]:
    articles = _words(data.get("articles"), "articles")
    require(all(a == a.lower() for a in articles), RESOURCE, "articles", "must be lower-case words")
    return articles


def _definite_articles(data: dict[str, Any]) -> frozenset[str]:
    words = data.get("definite_articles")
    require(isinstance(words, list) and words and all(isinstance(w, str) and w.isalpha() and w == w.lower()
                                                      and w in (data.get("articles") or ()) for w in words),
            RESOURCE, "definite_articles", "must be a non-empty list of lower-case words, each one of `articles`")
    return frozenset(words)


def _lower_words(data: dict[str, Any], key: str) -> frozenset[str]:
    words = data.get(key)
    require(isinstance(words, list) and words and all(isinstance(w, str) and w.isalpha() and w == w.lower()
                                                      for w in words),
            RESOURCE, key, "must be a non-empty list of lower-case words")
    return frozenset(words)


def _alternatives(words: frozenset[str]) -> str:
    """A regex group of `words` (whole words are for the caller to bound), longest first."""
    return "(?:" + "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))) + ")"


@functools.cache
def articles() -> frozenset[str]:
    """discourse.yaml's articles, validated, without building the discourse rules (the actors'
    reader needs them: a person's name takes none, "the Federal Republic of Yugoslavia")."""
    return frozenset(_articles(load_yaml(RESOURCE)))


@functools.cache
def definite_articles() -> frozenset[str]:
    """discourse.yaml's definite_articles, validated, without building the discourse rules (the
    actors' reader needs them: "the tribunal" is the tribunal named before)."""
    return _definite_articles(load_yaml(RESOURCE))


@functools.cache
def rules() -> DiscourseRules:
    """The discourse rules, built once from resources/discourse.yaml."""
    return build_rules(load_yaml(RESOURCE))
