"""Who acts in the news: canonical actor names from a gazetteer, and people found from context.

`resources/actors.yaml` lists states (with the capitals that stand for them and their
demonyms), organisations, armed groups and people with the state or organisation they speak
for. A person mention brings that state or organisation too ("Sergei Lavrov" -> Russia).
People the gazetteer does not know are found from the words around a capitalised name: a title
before it ("spokesman X"), an apposition ("X, the HNC's chief coordinator"), a verb of saying
("X said", "said X"), the side they speak for ("X of Peru", "UNITA's X"). Their surname alone
then resolves to them within the same document. Organisations it does not know are found from
their names ("the Sudanese Doctors' Union", "the Minsk Group", "the Boundary Tribunal").
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from timeline.datafiles import load_yaml, require
from timeline.extract.phrases import POSSESSIVE_ENDINGS, TOKEN_RE, Match, PhraseIndex, Token, capitalised, phrase_key, tokenize
from timeline.extract.places import dateline_city, datelines
from timeline.extract.places import gazetteer as place_gazetteer
from timeline.extract.sentences import credit_spans
from timeline.searchfold import one_spelling_per_name, without_accents
from timeline.temporal.rulebook import load_lexicon

RESOURCE = "actors.yaml"
GROUPS = {"states": "state", "organisations": "organisation", "armed_groups": "armed_group", "people": "person"}
_CONTEXT_LISTS = ("titles", "role_nouns", "speech_verbs", "name_particles", "not_names", "demonym_non_actor_heads")
_APPOSITION_WINDOW = 9   # words after "X," (or before ", X") in which a role noun makes X a person
_NAME_GAPS = (" ", "-", "' ", "’ ")
_ORG_CONNECTORS = {"of", "for", "and", "de", "al", "el", "on"}   # with the definite articles (discourse.yaml)
_MAX_ORGANISATION_WORDS = 8
_TITLE_REACH = 4         # words before a title in which the state or organisation is named
_CLAUSE_STOPS = {".", ";", ":", "?", "!", "(", ")", "“", "”", '"'}
# A dash between spaces opens an entry of a key-dates list or a live blog ("Nov. 15, 2002 - Kofi
# Annan meets ...", "18:30 - X said"), not a hyphenated word.
_SPACED_DASHES = {" - ", " – ", " — "}
_OPENING_MARKS = {"", ".", "!", "?", '"', "“", "”", "(", "/", ":", "|"}   # what may stand before a sentence
_ALIAS_REACH = 80     # characters from a person's name to the end of an alias (", who goes by the nom de guerre X")
_ACRONYM_MAX = 6      # letters of an acronym defined in brackets: "(NLA)", "(CMA)"
_CAPTION_MARKS = {"/", "|", "\\/"}   # a photo credit or a comment's header just before a name
_RECIPIENT_REACH = 8   # words from a verb of transfer to the "to" of its recipient ("hand sovereignty over the islands to X")
# Readings of an article's name runs: a list's names are found one a reading, from its end.
_LIST_READINGS = 5
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z]){0,2}")   # a name's initials as tokenized: "F", "B.N" (each with its dot)
_OF_SIDE_WORDS = 3    # at most this many words of a name introduced by its side alone ("X Y of Peru")


@dataclass(frozen=True, slots=True)
class Affiliation:
    actor: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str                               # state, organisation, armed_group, person
    affiliations: tuple[Affiliation, ...] = ()

    def speaks_for(self, day: dt.date | None, former_after: dt.timedelta | None = None) -> tuple[str, ...]:
        """The states or organisations this actor speaks for on `day`: the offices held that day
        (every office when no day is known). With none held, an office that starts later is not
        yet theirs (a guerrilla leader in 1979 is not the government he leads from 1980), and one
        that ended is theirs no more ("Kofi Annan" mediating for the African Union in 2008 speaks
        for the United Nations no longer), except the most recent one when it ended at most
        `former_after` before `day` (actors.yaml former_after_days: a story of the weeks after a
        term still tells it)."""
        current = tuple(a.actor for a in self.affiliations if a.holds_on(day))
        if current or day is None or former_after is None:
            return current
        ended = [(a.end, a.actor) for a in self.affiliations if a.end is not None and a.end < day]
        if not ended:
            return ()
        last_end, last = max(ended)
        return (last,) if day - last_end <= former_after else ()


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    actors: tuple[str, ...]   # canonical names: the person first, then who they speak for
    how: str                  # gazetteer, capital, demonym, context, surname, organisation
    first_token: int = -1
    last_token: int = -1
    person: bool = False      # the first actor is a person (pronouns may refer to them)
    office: bool = False      # titled with a state office and no state named ("President X")
    place_too: bool = False   # a state something is handed to ("to Mauritius"): the place finder's too


@dataclass(frozen=True, slots=True)
class _Entry:
    role: str        # "name", "chamber", "capital", "demonym", "ignore"
    actor: Actor


_NOBODY = Actor("", "none")


def _optional_words(context: dict[str, Any], key: str) -> frozenset[str]:
    """The lower-cased words of an optional list `context.key` of actors.yaml (validated)."""
    words = context.get(key, [])
    require(isinstance(words, list) and all(isinstance(w, str) for w in words), RESOURCE,
            f"context.{key}", "must be a list of words")
    return frozenset(w.lower() for w in words)


class ActorGazetteer:
    """Built once from actors.yaml; `find` scans one document."""

    def __init__(self, data: Any) -> None:
        require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
        self.actors: dict[str, Actor] = {}
        self._names_of: dict[str, frozenset[str]] = {}   # each actor's name, aliases and short forms
        self._demonyms_of: dict[str, tuple[str, ...]] = {}   # each state's demonyms ("Indonesian")
        self.surnames: dict[str, str] = {}   # when the family name is not the last word ("Xi Jinping")
        self.capitals: dict[str, str] = {}   # a state's first capital: "the Angolan capital" is Luanda
        self.capital_states: dict[str, str] = {}   # a capital -> its state ("visited Khartoum": Sudan hosts)
        pairs: list[tuple[str, _Entry]] = []
        for group, kind in GROUPS.items():
            entries = data.get(group)
            require(isinstance(entries, list) and entries, RESOURCE, group, "must be a non-empty list")
            for i, entry in enumerate(entries):
                pairs.extend(self._read_entry(group, i, entry, kind))
        for actor in self.actors.values():
            for aff in actor.affiliations:
                require(aff.actor in self.actors, RESOURCE, f"people ({actor.name})",
                        f"speaks for unknown actor {aff.actor!r}")
        # Each surname of the people whose offices the gazetteer dates: "President Clinton" in
        # 1994 is the one Clinton in office then (see _in_office).
        self._office_surnames: dict[str, tuple[str, ...]] = {}
        for actor in self.actors.values():
            if actor.kind == "person" and any(a.start or a.end for a in actor.affiliations):
                forms = [self.surnames[actor.name]] if actor.name in self.surnames \
                    else _surname_forms(actor.name, set(), frozenset())
                for form in forms:
                    self._office_surnames[form] = (*self._office_surnames.get(form, ()), actor.name)
        not_actors = data.get("not_actors", [])
        require(isinstance(not_actors, list) and all(isinstance(n, str) for n in not_actors), RESOURCE,
                "not_actors", "must be a list of names")
        # Names that contain an actor's name but are not that actor ("Washington Post").
        self.index: PhraseIndex[_Entry] = PhraseIndex([*((n, _Entry("ignore", _NOBODY)) for n in not_actors), *pairs])
        context = data.get("context")
        require(isinstance(context, dict), RESOURCE, "context", "must be a mapping")
        for key in _CONTEXT_LISTS:
            require(isinstance(context.get(key), list) and context[key], RESOURCE, f"context.{key}",
                    "must be a non-empty list of words")
        self.titles = {phrase_key(t).lower() for t in context["titles"]}
        self.longest_title = max(t.count(" ") + 1 for t in self.titles)
        self.role_nouns = {w.lower() for w in context["role_nouns"]}
        self.speech_verbs = {w.lower() for w in context["speech_verbs"]}
        self.person_verbs = _optional_words(context, "person_verbs")
        # Titles only one state's officers bear ("Secretary of State X", "Taoiseach X"): the
        # state a person so titled speaks for when the article names no other beside them.
        title_states = context.get("title_states", {})
        require(isinstance(title_states, dict) and all(
            isinstance(t, str) and phrase_key(t).lower() in self.titles and v in self.actors
            and self.actors[v].kind == "state" for t, v in title_states.items()), RESOURCE,
            "context.title_states", "must map titles of context.titles to states")
        self.title_states: dict[str, str] = {phrase_key(t).lower(): v for t, v in title_states.items()}
        self.owned_by_people = _optional_words(context, "owned_by_people")
        self.clause_openers = _optional_words(context, "person_verb_openers")
        self.passive_auxiliaries = _optional_words(context, "person_passive_auxiliaries")
        self.passive_verbs = _optional_words(context, "person_passive_verbs")
        self.particles = {w.lower() for w in context["name_particles"]}
        # "Benigno Aquino III" is "Aquino" on second mention: a generational suffix is no surname.
        self.suffixes = _optional_words(context, "name_suffixes")
        self.not_names = frozenset(context["not_names"])
        inner = context.get("inner_name_words", [])
        require(isinstance(inner, list) and all(isinstance(w, str) and w in self.not_names for w in inner),
                RESOURCE, "context.inner_name_words", "must be a list of words of context.not_names")
        self.inner_name_words = frozenset(inner)
        self.month_date_openers = _optional_words(context, "month_date_openers")
        endings = context.get("day_ordinal_endings", [])
        require(isinstance(endings, list) and all(isinstance(e, str) and e.isalpha() and e.islower() for e in endings),
                RESOURCE, "context.day_ordinal_endings", "must be a list of lower-case endings")
        self.ordinal_letters = "".join(sorted(set("".join(endings))))
        self.past_office = _optional_words(context, "past_office_words")
        days = context.get("former_after_days", 0)
        require(isinstance(days, int) and not isinstance(days, bool) and days >= 0, RESOURCE,
                "context.former_after_days", "must be a whole number of days")
        self.former_after = dt.timedelta(days=days)
        self.non_actor_heads = {w.lower() for w in context["demonym_non_actor_heads"]}
        self.portfolio_nouns = _optional_words(context, "portfolio_nouns")
        self.portfolio_prepositions = _optional_words(context, "portfolio_prepositions")
        self.side_prepositions = _optional_words(context, "side_prepositions") or frozenset({"of"})
        self.land_heads = _optional_words(context, "possessive_land_heads")
        self.people_markers = _optional_words(context, "people_markers")
        self.capital_named_heads = _optional_words(context, "capital_named_heads")
        self.capital_targets = _optional_words(context, "capital_targets")
        self.transfer_verbs = _optional_words(context, "transfer_verbs")
        self.recipient_prepositions = _optional_words(context, "recipient_prepositions")
        self.recipient_stops = _optional_words(context, "recipient_stops")
        self.chamber_objects = _optional_words(context, "chamber_object_words")
        self.chamber_openers = _optional_words(context, "chamber_name_openers")
        self.apposition_ends = _optional_words(context, "apposition_ends")
        self.person_relatives = _optional_words(context, "person_relatives")
        self.person_joiners = _optional_words(context, "person_joiners")
        self.pair_closers = _optional_words(context, "person_pair_closers")
        self.list_separators = _optional_words(context, "person_list_separators")
        # "Pushpa Kamal Dahal, who goes by the nom de guerre Prachanda": the one capitalised word
        # after one of these phrases, in an aside right after a person's name, is that person.
        cues = context.get("alias_cues", [])
        require(isinstance(cues, list) and all(isinstance(c, str) and c.strip() for c in cues), RESOURCE,
                "context.alias_cues", "must be a list of phrases")
        self.alias_cue = re.compile(
            r"[ ]{0,2}[,(][ ]{0,3}(?:[a-z]+[ ]{1,3}){0,4}?(?:"
            + "|".join(r"[ ]{1,3}".join(map(re.escape, c.split())) for c in sorted(cues, key=len, reverse=True))
            + r")[ ]{1,3}(?:the[ ]{1,3})?([A-Z][\w'’-]{1,30})(?![\w-])(?![ ]{1,3}[A-Z])" if cues else "(?!)")
        for key in ("organisation_heads", "function_words"):
            require(isinstance(context.get(key), list) and context[key], RESOURCE, f"context.{key}",
                    "must be a non-empty list of words")
        self.organisation_heads = frozenset(context["organisation_heads"])
        groups = context.get("group_heads", [])
        require(isinstance(groups, list) and all(isinstance(w, str) and w[:1].isupper() and " " not in w for w in groups),
                RESOURCE, "context.group_heads", "must be a list of capitalised words")
        self.group_heads = frozenset(groups)
        armed = context.get("armed_group_heads", [])
        require(isinstance(armed, list) and all(isinstance(w, str) and w in self.organisation_heads for w in armed),
                RESOURCE, "context.armed_group_heads", "must be a list of words of context.organisation_heads")
        self.armed_group_heads = frozenset(armed)
        self.function_words = frozenset(context["function_words"])
        pronouns = context.get("subject_pronouns")
        require(isinstance(pronouns, list) and pronouns, RESOURCE, "context.subject_pronouns", "must be a list")
        self.subject_pronouns = frozenset(pronouns)
        possessives = context.get("possessive_openers")
        require(isinstance(possessives, list) and possessives, RESOURCE, "context.possessive_openers",
                "must be a list")
        self.possessive_openers = frozenset(possessives)
        for key in ("subject_openers", "expletive_followers", "honorifics"):
            require(isinstance(context.get(key), list) and context[key], RESOURCE, f"context.{key}",
                    "must be a non-empty list of words")
        self.subject_openers = frozenset(context["subject_openers"])
        self.expletive_followers = frozenset(w.lower() for w in context["expletive_followers"])
        self.honorifics = frozenset(w.lower() for w in context["honorifics"])
        surname_titles = context.get("surname_titles", [])
        require(isinstance(surname_titles, list) and all(isinstance(w, str) and w.lower() in self.titles
                                                          for w in surname_titles), RESOURCE,
                "context.surname_titles", "must be a list of words listed in context.titles")
        self.surname_titles = frozenset(w.lower() for w in surname_titles)
        cue_phrases = context.get("person_cue_phrases", [])
        require(isinstance(cue_phrases, list) and all(isinstance(w, str) and len(w.split()) == 2 for w in cue_phrases),
                RESOURCE, "context.person_cue_phrases", "must be a list of two-word phrases")
        self.cue_phrases = frozenset(w.lower() for w in cue_phrases)
        blocs = context.get("bloc_nouns")
        require(isinstance(blocs, list) and blocs and all(isinstance(b, str) for b in blocs), RESOURCE,
                "context.bloc_nouns", "must be a non-empty list of phrases")
        back = _optional_words(context, "body_back_nouns")
        # "the tribunal": the definite article is discourse.yaml's, read through the discourse
        # rules' loader; imported here, not at the top, as the discourse package sits above
        # this module (it reads the actors' mentions).
        from timeline.extract.discourse.rules import articles, definite_articles

        # A person's name takes no article; an organisation's name may hold a definite one
        # between capitalised words ("Organisation of the Islamic Cooperation").
        self.articles = articles()
        self.org_connectors = frozenset(_ORG_CONNECTORS) | definite_articles()
        definite = "|".join(map(re.escape, sorted(definite_articles(), key=lambda w: (-len(w), w))))
        self.body_back_nouns = re.compile(r"(?<![\w-])(?:" + definite + r")[ ]{1,3}(" + "|".join(map(re.escape, sorted(back)))
                                          + r")(?![\w-])" if back else "(?!)", re.IGNORECASE)
        short = context.get("body_short_names", {})
        require(isinstance(short, dict) and all(isinstance(k, str) and isinstance(v, str) and k == k.lower()
                                                 and v.lower() in k.split() for k, v in short.items()), RESOURCE,
                "context.body_short_names", "must map lower-case phrases to one of their own words")
        self.body_short_names = {phrase_key(k): v.lower() for k, v in short.items()}
        self._short_name_re = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(short, key=len, reverse=True)))
                                         + r")(?![\w-])" if short else "(?!)", re.IGNORECASE)
        self._short_name_words = frozenset(self.body_short_names.values())
        # What goes on a name after a body's short name ("the Court of Arbitration", "the Court of
        # the European Union", "the Tribunal Supremo"): a capitalised word, after one of
        # body_name_links or none ("notified the Court of this accord" goes on with no name).
        # Case-sensitive: the capital is the sign of a name.
        links = sorted(_optional_words(context, "body_name_links"), key=len, reverse=True)
        self._name_goes_on = re.compile(r"[ ]{1,3}(?:(?:" + "|".join(r"[ ]{1,3}".join(map(re.escape, link.split()))
                                                                 for link in links)
                                        + r")[ ]{1,3})?[A-Z]" if links else r"[ ]{1,3}[A-Z]")
        self.bloc_nouns = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(b) for b in blocs) + r")(?!\w)", re.IGNORECASE)
        for key in ("office_words", "office_not_with", "government_nouns", "government_modifiers"):
            require(isinstance(context.get(key), list) and context[key] and all(isinstance(w, str) for w in context[key]),
                    RESOURCE, f"context.{key}", "must be a non-empty list of words")
        self.office_words = frozenset(w.lower() for w in context["office_words"])
        self.office_not_with = frozenset(w.lower() for w in context["office_not_with"])
        self.office_owners = _optional_words(context, "office_owners")
        nouns = "|".join(map(re.escape, context["government_nouns"]))
        modifiers = "|".join(map(re.escape, context["government_modifiers"]))
        # "Sri Lanka's government", "the Philippine government", "Ethiopia's federal government"
        # (right after a state's name or demonym), "the government of El Salvador" (right before).
        self.government_after = re.compile(r"(?:['’]s)?[ ]{1,3}(?:(?:" + modifiers + r")[ ]{1,3})?(?:" + nouns + r")(?![\w-])",
                                           re.IGNORECASE)
        self.government_before = re.compile(r"(?<![\w-])(?:" + nouns + r")[ ]{1,3}of[ ]{1,3}(?:the[ ]{1,3})?$", re.IGNORECASE)
        self.government_named = re.compile(r"(?<![\w-])(?:" + nouns + r")(?![\w-])", re.IGNORECASE)

    def _read_entry(self, group: str, i: int, entry: Any, kind: str) -> list[tuple[str, _Entry]]:
        where = f"{group}[{i}] ({entry.get('name', '?') if isinstance(entry, dict) else entry!r})"
        require(isinstance(entry, dict), RESOURCE, where, "must be a mapping")
        name = entry.get("name")
        require(isinstance(name, str) and name.strip() != "", RESOURCE, where, "needs a name")
        require(name not in self.actors, RESOURCE, where, "duplicate actor name")
        lists = {}
        for key in ("aliases", "capitals", "demonyms", "short", "chambers"):
            value = entry.get(key, [])
            require(isinstance(value, list) and all(isinstance(v, str) and v for v in value),
                    RESOURCE, where, f"{key} must be a list of strings")
            lists[key] = value
        affiliations = tuple(_affiliation(a, where) for a in entry.get("for", []))
        require(kind == "person" or not affiliations, RESOURCE, where, "only people speak for others")
        surname = entry.get("surname")
        require(surname is None or (kind == "person" and isinstance(surname, str) and surname in name),
                RESOURCE, where, "surname must be part of a person's name")
        if surname:
            self.surnames[name] = surname
        actor = Actor(name, kind, affiliations)
        self.actors[name] = actor
        names = [name, *lists["aliases"], *lists["short"]]
        # "Perez de Cuellar", "Tudman" aside: news often drops the accents of a name. A one-word
        # name that loses its accents into an English word ("Støre" -> "Store") is not a name on
        # its own; after the person's full name it is still their surname (_surnames).
        names += [f for f in (without_accents(n) for n in names)
                  if f not in names and (" " in f or not _english_word(f))]
        pairs = [(alias, _Entry("name", actor)) for alias in dict.fromkeys(names)]
        self._names_of[name] = frozenset(names)
        pairs += [(c, _Entry("capital", actor)) for c in lists["capitals"]]
        if lists["capitals"]:
            self.capitals[name] = lists["capitals"][0]
        for c in lists["capitals"]:
            self.capital_states.setdefault(c, name)
        pairs += [(d, _Entry("demonym", actor)) for d in lists["demonyms"]]
        require(kind == "state" or not lists["chambers"], RESOURCE, where, "only states have chambers")
        pairs += [(c, _Entry("chamber", actor)) for c in lists["chambers"]]
        self._demonyms_of[name] = tuple(lists["demonyms"])
        return pairs

    # Finding ----------------------------------------------------------------------------------
    def find(self, text: str, published: dt.date | None = None,
             tokens: list[Token] | None = None) -> list[ActorMention]:
        """Every actor mention in the document `text`, in order."""
        tokens = tokenize(text) if tokens is None else tokens
        places = place_gazetteer()
        mentions: list[ActorMention] = []
        # Bylines and credit lines name reporters, not actors ("By Jim Muir", "(Reporting by ...)").
        credited_tokens, reporters = self._credits(text, tokens)
        # A dateline says where and by whom a story was filed ("GUATEMALA CITY, 29 December (UN
        # Information Service) --", "DOHA, Qatar (Nov 22) —"): no one acting.
        credited_tokens |= _dateline_tokens(text, tokens)
        blocked: set[int] = set(credited_tokens)
        common: _CommonWords | None = None
        adjectives: set[int] = set()
        # A past office ("Former President X", "X, a former South African deputy president"),
        # whether the gazetteer knows the person or the context finds them: the person speaks for
        # no one anywhere in the article, and no state, demonym or organisation in the title acts.
        formerly: set[str] = set()       # the people titled so
        former_words: set[int] = set()   # the words of those titles
        # A water named after a state or city ("the Sea of Japan", "the Gulf of Mexico", "Lake
        # Geneva") names no one acting.
        waters = places.water_tokens(text, tokens)
        for m in self.index.find(text, tokens):
            if m.first_token in credited_tokens:
                continue
            if waters and any(k in waters for k in range(m.first_token, m.last_token)):
                blocked.update(range(m.first_token, m.last_token))
                continue
            if m.last_token - m.first_token == 1 and m.value.role == "name":
                common = common or _CommonWords(text, tokens)
                if common.in_title_case(m.first_token):
                    blocked.add(m.first_token)   # (nor part of a person's name)
                    continue   # "Rebels Win Amnesty" under "... won a blanket amnesty": not Amnesty International
            if m.value.role == "name" and m.value.actor.kind == "person" and self._another_bearer(m, tokens, text):
                continue   # "Mohammed al-Bashir": someone else of that surname, left to the people found from context
            blocked.update(range(m.first_token, m.last_token))
            mention = self._resolve(m, tokens, text, published, places)
            if mention is not None and mention.person and \
                    (lo := self._formerly_titled(tokens, m.first_token)) is not None:
                formerly.add(mention.actors[0])   # "Former President Álvaro Uribe"
                former_words.update(range(lo, m.first_token))
                mention = replace(mention, actors=mention.actors[:1])   # (as the context finder gives one)
            elif mention is not None and mention.person:
                # "Thabo Mbeki, former President of the Republic of South Africa": the office's
                # state does not act; whom the person speaks for now is the gazetteer's dates' to say.
                former_words.update(self._former_apposition(text, tokens, m.last_token))
            if mention is not None:
                mentions.append(mention)
            elif m.value.role == "demonym":   # "the Tajik opposition": no state, but may open a name
                adjectives.update(range(m.first_token, m.last_token))
        # Places block names too: "talks in Geneva" has no person "Geneva".
        place_words: set[int] = set()
        for p in places.index.find(text, tokens):
            place_words.update(k for k in range(p.first_token, p.last_token) if k not in blocked)
        blocked |= place_words
        # And so do places found from context: "the resort of Crans-Montana", a dateline city.
        blocked.update(places.context_tokens(text, tokens, blocked, self.not_names))
        # States, demonyms and places may begin an organisation's name ("the Kosovo Liberation
        # Army", "the Bougainville Revolutionary Army"), not be all of its own words.
        state_words = {k for m in mentions if m.how in ("demonym", "capital") or self._is_state(m)
                       for k in range(m.first_token, m.last_token)} | adjectives | place_words
        organisations = self._organisations_from_context(text, tokens, blocked - state_words, state_words)
        # A body named after an organisation the gazetteer knows ("the U.N. Transitional Authority
        # in Cambodia", "the United Nations Verification Mission") is that organisation's.
        known_ends = {m.last_token for m in mentions if not m.person and not self._is_state(m) and m.how == "gazetteer"}
        # (a group of an organisation's too: "the OSCE Minsk Group")
        named_words = {k for m in organisations if tokens[m.last_token - 1].text in self.group_heads
                       for k in range(m.first_token, m.last_token)}
        organisations = [m for m in organisations if m.first_token not in known_ends]
        in_organisations = {k for m in organisations for k in range(m.first_token, m.last_token)}
        named_words |= in_organisations
        # "Sudanese" in "the Sudanese Doctors' Union" is part of the name, not Sudan; nor is
        # "Minsk" in "the Minsk Group" Belarus.
        mentions = [m for m in mentions if not (m.first_token in named_words
                                                and (m.how in ("demonym", "capital") or self._is_state(m)))]
        mentions.extend(organisations)
        blocked.update(in_organisations)
        mentions.sort(key=lambda x: x.start)
        # "Yemen's Houthi movement": the state before a group's name is its land.
        groups_at = {m.first_token for m in mentions if self._kind_of(m.actors[0]) == "armed_group"}
        mentions = [m for m in mentions if not (self._is_state(m) and text[m.end:m.end + 2] in POSSESSIVE_ENDINGS
                                                and m.last_token + 1 in groups_at)]
        acronyms = self._acronyms(text, tokens, mentions, blocked)
        mentions = [acronyms[0].get(m.start, m) for m in mentions]
        mentions.extend(acronyms[1])
        blocked.update(k for m in acronyms[1] for k in range(m.first_token, m.last_token))
        people = self._people_from_context(text, tokens, blocked, mentions, published, formerly, former_words)
        mentions = [m for m in mentions if m.person or m.first_token not in former_words]
        # A reporter named in the credits is no actor where the story names them again ("Muir says").
        mentions.extend(m for m in people if m.actors[0] not in reporters)
        mentions = self._in_office(mentions, published)
        mentions = self._one_name_per_person(mentions)
        mentions.extend(self._surnames(text, tokens, mentions, published))
        mentions.extend(self._aliases_given(text, tokens, mentions))
        mentions.extend(self._short_names(text, tokens, mentions))
        # An office holder whose state is not named speaks for the article's government.
        home = self.home_government(text, mentions)
        if home is not None:
            mentions = [replace(m, actors=(m.actors[0], home)) if m.office and len(m.actors) == 1 else m
                        for m in mentions]
        # One person, one affiliation in a document: whom they speak for anywhere holds everywhere.
        affiliated: dict[str, tuple[str, ...]] = {}
        for m in mentions:
            if m.person:
                _add_owner(affiliated, m.actors)
        for name in formerly & affiliated.keys():   # (whatever another mention of theirs says)
            affiliated[name] = (name,)
        mentions = [replace(m, actors=affiliated[m.actors[0]]) if m.person and affiliated[m.actors[0]] != m.actors
                    else m for m in mentions]
        mentions.sort(key=lambda x: x.start)
        return mentions

    def _acronyms(self, text: str, tokens: list[Token], mentions: list[ActorMention], blocked: set[int]
                  ) -> tuple[dict[int, ActorMention], list[ActorMention]]:
        """Acronyms an article defines after an organisation's or group's name ("the Coordination
        of Azawad Movements (CMA)", "the ethnic Albanian National Liberation Army (NLA)"): each later
        use of the acronym is that actor. A gazetteer name defined by an acronym its entry does not
        know is another bearer of the name (Macedonia's NLA is not Colombia's ELN, whose English
        name it shares): it becomes the actor of the name as written. Returns the mentions renamed
        so (by start) and the acronym's mentions."""
        defined: dict[str, tuple[tuple[str, ...], int]] = {}   # acronym -> (actor, where defined)
        renamed: dict[int, ActorMention] = {}
        for m in mentions:
            if m.person or m.how in ("demonym", "capital") or m.last_token >= len(tokens):
                continue
            word = tokens[m.last_token].text
            if not (2 <= len(word) <= _ACRONYM_MAX and word.isupper() and word.isalpha()) or \
                    text[m.end:tokens[m.last_token].start].strip() != "(" or text[tokens[m.last_token].end:tokens[m.last_token].end + 1] != ")":
                continue
            actor = self.actors.get(m.actors[0])
            written = text[m.start:m.end]
            if actor is not None and written != actor.name and word not in self._aliases_of(actor.name):
                m = replace(m, actors=(written,), how="organisation")
                renamed[m.start] = m
            defined.setdefault(word, (m.actors[:1], m.end))
            blocked.add(m.last_token)   # (the definition itself is the name's)
        if not defined:
            return renamed, []
        covered = {k for m in mentions for k in range(m.first_token, m.last_token)}
        out = [ActorMention(t.start, t.end, defined[t.text][0], "acronym", k, k + 1)
               for k, t in enumerate(tokens) if t.text in defined and t.start > defined[t.text][1]
               and k not in covered and k not in blocked]
        return renamed, out

    def _aliases_given(self, text: str, tokens: list[Token], mentions: list[ActorMention]) -> list[ActorMention]:
        """Later uses of the name a person is said to go by ("Pushpa Kamal Dahal, who goes by the
        nom de guerre Prachanda. ... Prachanda told reporters"): context.alias_cues within a few
        words after the person's name, then one capitalised word that no capitalised word follows."""
        aliases: dict[str, tuple[str, ...]] = {}
        for m in mentions:
            if m.person and " " in m.actors[0]:
                found = self.alias_cue.match(text, m.end, min(len(text), m.end + _ALIAS_REACH))
                if found and found.group(1) not in self.not_names:
                    _add_owner(aliases, (found.group(1), *m.actors))
        if not aliases:
            return []
        covered = {k for m in mentions for k in range(m.first_token, m.last_token)}
        return [ActorMention(t.start, t.end, aliases[t.text][1:], "surname", k, k + 1, person=True)
                for k, t in enumerate(tokens) if t.text in aliases and k not in covered]

    def _short_names(self, text: str, tokens: list[Token], mentions: list[ActorMention]) -> list[ActorMention]:
        """Later uses of a body's short name ("the International Court of Justice ... the court
        ruled"): each phrase of context.body_short_names is the body the article last named before
        it by a name holding the phrase's word. Not a phrase inside a name ("the Court of
        Arbitration": body_name_links), nor one a found name covers; "the Supreme Court" holds no
        phrase ("the" must come right before the word)."""
        hits = list(self._short_name_re.finditer(text))
        if not hits:
            return []
        starts = [t.start for t in tokens]
        covered = {k for m in mentions for k in range(m.first_token, m.last_token)}
        bodies = sorted((m for m in mentions if not m.person and m.how != "demonym" and not self._is_state(m)),
                        key=lambda m: m.start)
        out: list[ActorMention] = []
        last: dict[str, tuple[str, ...]] = {}   # word -> the latest body named with it
        k = 0
        for hit in hits:
            while k < len(bodies) and bodies[k].end <= hit.start():
                words = {w.lower() for w in TOKEN_RE.findall(text[bodies[k].start:bodies[k].end])}
                words |= {w.lower() for w in TOKEN_RE.findall(bodies[k].actors[0])}
                for word in words & self._short_name_words:
                    last[word] = bodies[k].actors[:1]
                k += 1
            word = self.body_short_names[phrase_key(hit.group().lower())]
            first, end = bisect.bisect_left(starts, hit.start()), bisect.bisect_left(starts, hit.end())
            if word not in last or not covered.isdisjoint(range(first, end)) or self._name_goes_on.match(text, hit.end()) is not None:
                continue
            out.append(ActorMention(hit.start(), hit.end(), last[word], "short_name", first, end))
        return out

    def _in_office(self, mentions: list[ActorMention], published: dt.date | None) -> list[ActorMention]:
        """A person named by a title and a surname alone ("Mr. Boutros-Ghali", "President
        Clinton"): the one person of that surname the article names in full, else the one person
        of the gazetteer with that surname whose dated office holds on the article's day, with
        whom they speak for then. Not when several could be meant, nor no one."""
        named: dict[str, set[tuple[str, ...]]] = {}
        for m in mentions:
            if m.person and " " in m.actors[0]:
                person = m.actors[0]
                forms = [self.surnames[person]] if person in self.surnames \
                    else _surname_forms(person, self.particles, self.suffixes)
                for form in forms:
                    named.setdefault(phrase_key(form), set()).add(m.actors)
        out = []
        for m in mentions:
            name = m.actors[0]
            if m.person and m.how == "context" and " " not in name and name not in self.actors:
                key = phrase_key(name)
                if key in named:
                    owners = {actors[0]: actors for actors in named[key]}
                    if len(owners) == 1:   # (whom either mention says they speak for)
                        best = max(named[key], key=len)
                        m = replace(m, actors=(best[0], *max(best[1:], m.actors[1:], key=len)))
                elif published is not None:
                    holders = [p for p in self._office_surnames.get(key, ())
                               if any((a.start or a.end) and a.holds_on(published) for a in self.actors[p].affiliations)]
                    if len(holders) == 1:
                        person = self.actors[holders[0]]
                        m = replace(m, actors=(person.name, *person.speaks_for(published, self.former_after)))
            out.append(m)
        return out

    def _kind_of(self, name: str) -> str:
        actor = self.actors.get(name)
        return actor.kind if actor is not None else ""

    def _aliases_of(self, name: str) -> frozenset[str]:
        return self._names_of.get(name, frozenset())

    def written_forms(self, name: str, demonyms: bool = True) -> frozenset[str]:
        """Every way the gazetteer knows `name` is written in a text: its name, aliases, short
        forms and (with `demonyms`) demonyms ("Indonesia", "Indonesian"); empty for an actor it
        does not know."""
        names = self._names_of.get(name, frozenset())
        return names | frozenset(self._demonyms_of.get(name, ())) if demonyms else names

    def home_government(self, text: str, mentions: list[ActorMention]) -> str | None:
        """The state whose government the article names ("Sri Lanka's government", "the
        Philippine government", "the government of El Salvador"), most often and more often
        than any other: the government a bare "President X" or "the Prime Minister" belongs to."""
        counts: Counter[str] = Counter()
        for m in mentions:
            if m.person or m.how not in ("gazetteer", "demonym") or not self._state(m.actors[0]):
                continue
            if (self.government_named.search(text, m.start, m.end) or self.government_after.match(text, m.end)
                    or self.government_before.search(text, max(0, m.start - 30), m.start)):
                counts[m.actors[0]] += 1
        top = counts.most_common(2)
        return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None

    def _state(self, name: str) -> bool:
        actor = self.actors.get(name)
        return actor is not None and actor.kind == "state"

    def _credits(self, text: str, tokens: list[Token]) -> tuple[frozenset[int], frozenset[str]]:
        """The tokens of the document's bylines and credit lines, and the reporters they name
        (each full name, runs of capitalised words, with its surname forms)."""
        spans = credit_spans(text)
        if not spans:
            return frozenset(), frozenset()
        starts = [t.start for t in tokens]
        inside: set[int] = set()
        reporters: set[str] = set()
        for a, b in spans:
            run: list[int] = []
            for k in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
                inside.add(k)
                if self._name_word(tokens[k].text, set(), k) and (not run or text[tokens[run[-1]].end:tokens[k].start] == " "):
                    run.append(k)
                    continue
                self._add_reporter(text, tokens, run, reporters)
                run = [k] if self._name_word(tokens[k].text, set(), k) else []
            self._add_reporter(text, tokens, run, reporters)
        return frozenset(inside), frozenset(reporters)

    def _add_reporter(self, text: str, tokens: list[Token], run: list[int], reporters: set[str]) -> None:
        if len(run) >= 2:
            name = text[tokens[run[0]].start:tokens[run[-1]].end]
            reporters.update([name, *_surname_forms(name, self.particles, self.suffixes)])

    def _is_state(self, m: ActorMention) -> bool:
        return m.how == "gazetteer" and m.actors[0] in self.actors and self.actors[m.actors[0]].kind == "state"

    def capital_phrases(self, text: str, tokens: list[Token]) -> list[tuple[int, int, str]]:
        """(start, end, capital) of each "the <demonym> capital" ("the Angolan capital" -> Luanda):
        a place, though the capital is not named."""
        out = []
        for m in self.index.find(text, tokens):
            if m.value.role != "demonym" or m.last_token >= len(tokens):
                continue
            capital = self.capitals.get(m.value.actor.name)
            if capital is not None and tokens[m.last_token].text == "capital":
                out.append((m.start, tokens[m.last_token].end, capital))
        return out

    def not_actor_tokens(self, text: str, tokens: list[Token]) -> frozenset[int]:
        """Token indices of names listed as no actor ("Washington Post"): no place either."""
        return frozenset(k for m in self.index.find(text, tokens) if m.value.role == "ignore"
                         for k in range(m.first_token, m.last_token))

    def adjective_tokens(self, text: str, tokens: list[Token]) -> frozenset[int]:
        """Token indices of a state's adjective ("Serbian"), whether or not it names a party there
        ("the former Serbian province"): no place's name."""
        return frozenset(k for m in self.index.find(text, tokens) if m.value.role == "demonym"
                         for k in range(m.first_token, m.last_token))

    def not_actor_spans(self, text: str, tokens: list[Token] | None = None) -> list[tuple[int, int]]:
        """Character spans of the names listed as no actor: "The Sunday Times", "the Good Friday
        Agreement" hold no date either."""
        tokens = tokenize(text) if tokens is None else tokens
        return [(m.start, m.end) for m in self.index.find(text, tokens) if m.value.role == "ignore"]

    def _resolve(self, m: Match[_Entry], tokens: list[Token], text: str,
                 published: dt.date | None, places: Any) -> ActorMention | None:
        actor, role = m.value.actor, m.value.role
        if role == "ignore":
            return None
        if role == "chamber" and self._addressed(tokens, m.first_token):
            return None   # "he addressed the Knesset", "the approval of the German Bundestag"
        if role == "capital" or (actor.kind == "state" and role == "name" and places.lookup(actor.name)):
            # A city that stands for a state, or a country's name: a place where introduced as one.
            if places.is_locative(tokens, m.first_token, text) and not self._office_owner(text, tokens, m):
                if not self._recipient(text, tokens, m.first_token):
                    return None
                return ActorMention(m.start, m.end, (actor.name, *actor.speaks_for(published, self.former_after)),
                                    "capital" if role == "capital" else "gazetteer", m.first_token, m.last_token,
                                    place_too=True)
        if role == "capital" and m.first_token > 0 and tokens[m.first_token - 1].text.lower() in self.capital_targets:
            return None   # "The war reached Freetown", "rebels seized Bangui": the city, not its state acting
        if role == "capital" and places.is_taken(tokens, m.first_token):
            return None   # "the fall of Kabul", "the siege of Sarajevo": the city taken (places.yaml taking_words)
        if role == "capital" and m.last_token < len(tokens) \
                and (tokens[m.last_token].text.lower() in self.capital_named_heads
                     or places.names_happening(tokens, m.last_token, titles=True)):
            return None  # "the Minsk Protocol", "the Astana process", "a Sarajevo market": where it was made or is
        if role == "demonym":
            nxt = tokens[m.last_token].text if m.last_token < len(tokens) else ""
            if nxt.lower() in self.non_actor_heads:
                return None
            if m.first_token > 0 and tokens[m.first_token - 1].text.lower() in self.people_markers:
                return None   # "ethnic Albanian": a people
        if actor.kind == "state" and role == "name":
            k = m.first_token
            if k >= 2 and tokens[k - 1].text.lower() in self.portfolio_prepositions \
                    and tokens[k - 2].text.lower() in self.portfolio_nouns:
                return None   # "the U.N. special envoy for Yemen"
            if text[m.end:m.end + 2] in POSSESSIVE_ENDINGS and m.last_token + 1 < len(tokens) \
                    and tokens[m.last_token + 1].text.lower() in self.land_heads:
                return None   # "Yemen's warring parties"

        how = {"name": "gazetteer", "chamber": "gazetteer", "capital": "capital", "demonym": "demonym"}[role]
        return ActorMention(m.start, m.end, (actor.name, *actor.speaks_for(published, self.former_after)), how,
                            m.first_token, m.last_token, person=actor.kind == "person")

    def _recipient(self, text: str, tokens: list[Token], first: int) -> bool:
        """Whether the state named at tokens[first] is whom something is handed, ceded or given
        to ("hand sovereignty over the islands to Mauritius", "the award gave the islands to
        Chile"): "to" (context.recipient_prepositions) right before it and a verb of transfer
        (context.transfer_verbs) at most _RECIPIENT_REACH words before that, in the same clause
        and with no word of context.recipient_stops ("and") between. A recipient takes part."""
        to = first - 1
        if to < 1 or tokens[to].text.lower() not in self.recipient_prepositions:
            return False
        for k in range(to - 1, max(-1, to - 1 - _RECIPIENT_REACH), -1):
            if any(c in _CLAUSE_STOPS or c == "," for c in text[tokens[k].end:tokens[k + 1].start]):
                return False
            if tokens[k].text.lower() in self.transfer_verbs:
                return True
            if tokens[k].text.lower() in self.recipient_stops:
                return False   # "ceded the fort and the delegates flew to Morocco": another clause's verb
        return False

    def _addressed(self, tokens: list[Token], first: int) -> bool:
        """Whether the words before a chamber's name (past context.chamber_name_openers and
        capitalised words: "the Israeli Knesset") make it what is spoken to, asked or named, not who
        acts: "addressed", "to", "of", "an" (context.chamber_object_words)."""
        k = first - 1
        while k >= 0 and first - k <= 3 and (tokens[k].text.lower() in self.chamber_openers
                                             or tokens[k].text[:1].isupper()):
            k -= 1
        return k >= 0 and tokens[k].text.lower() in self.chamber_objects

    def _formerly_titled(self, tokens: list[Token], first: int) -> int | None:
        """Where the words right before a person's name begin, when they give an office past
        ("former Irish prime minister X", "Former President X"): back to the clause's start and
        at most a title's length plus a demonym and "former"; None when no past office."""
        lo = first
        while lo > 0 and first - lo < self.longest_title + 2 and tokens[lo - 1].text not in _CLAUSE_STOPS \
                and tokens[lo - 1].text != ",":
            lo -= 1
        return lo if lo < first and self._past_office(tokens, lo, first, titled=True) else None

    def _former_apposition(self, text: str, tokens: list[Token], last: int) -> range:
        """The tokens of an apposition right after a person's name that gives an office past ("X,
        former President of the Republic of South Africa", "X, the former South African
        president"), as the context finder reads one; empty when there is none."""
        if last < len(tokens) and text[tokens[last - 1].end:tokens[last].start].strip() == ",":
            window = self._clause(text, tokens, last, min(len(tokens), last + _APPOSITION_WINDOW))
            # (up to a relative clause: "X, a former Ukrainian president who represents Kiev")
            window = list(itertools.takewhile(lambda k: tokens[k].text.lower() not in self.apposition_ends, window))
            if window and self._past_office(tokens, window[0], window[-1] + 1):
                return range(window[0], window[-1] + 1)
        return range(0)

    def _another_bearer(self, m: Match[_Entry], tokens: list[Token], text: str) -> bool:
        """Whether a known person's one-word name stands after another person's given name
        ("Mohammed al-Bashir" is not Omar al-Bashir; "Sudan's President Bashir" and "Omar Hassan
        al-Bashir" are him): the capitalised word before it (past a name particle) is not one of
        his own names' words, not a title, not a word that starts sentences (not_names), and not
        an English word (lemminflect's lexicon: "Yesterday Bashir said")."""
        if m.last_token - m.first_token != 1:
            return False
        k = m.first_token - 1
        if k >= 0 and tokens[k].text.lower() in self.particles and text[tokens[k].end:tokens[k + 1].start] in ("-", " "):
            k -= 1
        if k < 0 or text[tokens[k].end:tokens[k + 1].start] not in (" ", "-"):
            return False
        word = tokens[k].text
        if not word[:1].isupper() or word.isupper() or word in self.not_names or word.lower() in self.titles:
            return False
        if any(word in name.split() for name in self._names_of.get(m.value.actor.name, ())):
            return False
        return not _english_word(word)

    def _office_owner(self, text: str, tokens: list[Token], m: Match[_Entry]) -> bool:
        """Whether the name `m` is the possessive of an office or role ("wrote to Iran's president",
        "met Russia's foreign minister"): whose office it is, not a place after "to" or "in"."""
        k = m.last_token
        if k + 1 >= len(tokens) or tokens[k].text != "s" or text[m.end:tokens[k].start] not in ("'", "’"):
            return False
        words = [t.text.lower() for t in tokens[k + 1:k + 1 + self.longest_title]]
        return any(" ".join(words[:n]) in self.titles for n in range(1, len(words) + 1))

    def _people_from_context(self, text: str, tokens: list[Token], blocked: set[int],
                             known: list[ActorMention], published: dt.date | None,
                             formerly: set[str], former_words: set[int]) -> list[ActorMention]:
        """People named with a title, an apposition, a verb of saying or a cue phrase; those
        titled with a past office join `formerly`, and the first tokens of the states and
        organisations in that title join `former_words`."""
        out = []
        common: _CommonWords | None = None
        # Single names that speak somewhere in the article ("Machado told supporters ..."): a full
        # name ending in one of them is a person even where nothing around it says so.
        speaking = {tokens[k].text for k in capitalised(tokens)
                    if k < len(tokens) - 1 and k not in blocked and tokens[k].text not in self.not_names
                    and tokens[k + 1].text.lower() in self.speech_verbs
                    and text[tokens[k].end:tokens[k + 1].start] == " "}
        speaking |= self._single_names(text, tokens, blocked, known, speaking)
        # The states and organisations named, by first token, to find those in a cue's window by
        # bisection (each person costs their window, not the whole article).
        others = sorted((m.first_token, order, m) for order, m in enumerate(known) if not m.person)
        other_starts = [first for first, _, _ in others]
        owner_ending = {m.last_token: m for _, _, m in reversed(others)}   # "UNITA's X": the side before "'s"
        named_people = sorted((m.first_token, m) for m in known if m.person and len(m.actors) > 1)
        named_starts = [first for first, _ in named_people]
        # Where people already found end and start (token after the last, first token), for a
        # name joined to one of them by "and" ("Presidents Carlos Menem and Patricio Aylwin").
        person_ends = {m.last_token for m in known if m.person}
        person_starts = {m.first_token for m in known if m.person}
        runs = self._name_runs(text, tokens, blocked)
        paired = self._paired_names(text, tokens, runs)
        # Read again while names are found: a name joined by "and" to a person found only after it
        # ("Robert Mugabe and Joshua Nkomo, the two leaders") is found on the second reading, each
        # name of a list one reading after the name after it ("Michael Collins, Robert Barton,
        # Eamonn Duggan and George Gavan Duffy").
        listed = {i for i, _ in paired}   # first tokens of people found in a list or a pair
        unread = runs
        for _ in range(_LIST_READINGS):
            unfound: list[tuple[int, int]] = []
            found_before = len(out)
            for i, j in unread:
                cue = self._person_cue(text, tokens, i, j)
                if cue is None and (start := self._joined_to_person(text, tokens, i, j, person_ends, person_starts,
                                                                    listed)) is not None:
                    i, cue = start, (start, start, False)
                    listed.add(start)
                if cue is None and (i, j) in paired:
                    cue = (i, i, False)
                if cue is None and j - i >= 2 and tokens[j - 1].text in speaking and self._plain_name(text, tokens, i, j):
                    # No words around say so: a long run's first word may be a sentence's opening
                    # word or follow "the" ("Certainly Saddam Hussein", "the Exchequer Nigel Lawson").
                    while j - i >= 3 and tokens[i + 1].text[:1].isupper() and self._opens(text, tokens, i):
                        i += 1
                    if j - i == 2 and text[max(0, tokens[i].start - 2):tokens[i].start].strip() in _CAPTION_MARKS:
                        continue   # "| Reply Gadaffi is ...", "/Getty Howard": a caption or a comment's header
                    cue = (i, i, False)
                if cue is None:
                    cue = self._of_side_cue(text, tokens, i, j, others, other_starts)
                if cue is None:
                    cue = self._possessive_side_cue(text, tokens, i, owner_ending)
                    common = common or _CommonWords(text, tokens)
                    if cue is not None and common.title_case_line(tokens[i].start):
                        cue = None   # "Sudan's Generals Agree Truce": a headline capitalises every word
                if cue is None:
                    unfound.append((i, j))
                    continue
                # "Secretary-General Witnesses Signing of Final Guatemala Peace Accord": in a title-case
                # headline a word the article writes in lower case elsewhere ("the signing") is no name's.
                common = common or _CommonWords(text, tokens)
                if any(common.in_title_case(k) for k in range(i, j)):
                    continue
                name = text[tokens[i].start:tokens[j - 1].end]
                lo, hi, nearest = cue
                window = others[bisect.bisect_left(other_starts, lo):bisect.bisect_left(other_starts, hi)]
                speaks_for = [m.actors[-1] for _, _, m in sorted(window, key=lambda w: w[1])]   # in the order known
                # Before a title the nearest state counts ("NATO ally Polish Foreign Minister X");
                # in an apposition the first ("the U.N. special envoy for Syria, X").
                affiliation = (speaks_for[-1] if nearest else speaks_for[0]) if speaks_for else None
                if affiliation is None and lo < hi:
                    # "X, Yeltsin's security adviser": the side of the person whose aide they are
                    at = bisect.bisect_left(named_starts, lo)
                    if at < len(named_people) and named_people[at][1].last_token <= hi:
                        affiliation = named_people[at][1].actors[1]
                # "President X of Mexico": the state right after the name, before any named ahead of a
                # title ("signed by President Sadat of Egypt and Prime Minister Begin of Israel"; "led
                # by Omar Said of the Free Valley Movement").
                after = self._of_after(text, tokens, j, others, other_starts)
                affiliation = after or affiliation
                if self._past_office(tokens, lo, hi, titled=cue[0] < cue[1] and nearest):
                    affiliation = None   # "a former South African deputy president": speaks for no one now
                    # nor does the state or demonym of the former office act ("former Irish prime
                    # minister Bertie Ahern", "former United States Senator George Mitchell"); up to a
                    # relative clause, as for a known person ("X, a former Ukrainian minister who
                    # represents Kiev": Kiev still acts)
                    ends = next((k for k in range(lo, hi) if tokens[k].text.lower() in self.apposition_ends), hi)
                    former_words.update(m.first_token for _, _, m in window if m.first_token < ends)
                    formerly.add(name)
                if affiliation is None and cue[2] and cue[0] < cue[1]:
                    affiliation = self._title_state(tokens, i)   # "Secretary of State John Kerry"
                actors = (name,) if affiliation is None else (name, affiliation)
                # "President X", "X, the Home Minister": an office of a state that is not named.
                office = affiliation is None and self._home_office(text, tokens, lo, hi)
                out.append(ActorMention(tokens[i].start, tokens[j - 1].end, actors, "context", i, j, person=True,
                                        office=office))
                person_ends.add(j)
                person_starts.add(i)
            if len(out) == found_before:
                break
            unread = unfound
        out.sort(key=lambda m: m.start)
        # One person, one name: "José Ramos" and "Jose Ramos" (news often drops accents) are one.
        spelling = one_spelling_per_name(m.actors[0] for m in out)
        out = [replace(m, actors=(spelling[m.actors[0]], *m.actors[1:])) for m in out]
        # One person, one affiliation in a document: the first one found holds for every mention.
        first: dict[str, tuple[str, ...]] = {}
        for m in out:
            if len(m.actors) > len(first.get(m.actors[0], ())):
                first[m.actors[0]] = m.actors
        return [replace(m, actors=first[m.actors[0]]) for m in out]

    def _title_state(self, tokens: list[Token], i: int) -> str | None:
        """The state whose officers alone bear the title written right before tokens[i]."""
        for size in range(self.longest_title, 0, -1):
            if i - size >= 0 and (state := self.title_states.get(" ".join(t.text for t in tokens[i - size:i]).lower())):
                return state
        return None

    def _paired_names(self, text: str, tokens: list[Token], runs: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """The name runs that are two full names joined by a bare "and" (context.person_joiners)
        as the subject of a verb ("Hugo Banzer and Augusto Pinochet met at Charana", "Kakuei
        Tanaka and Zhou Enlai had established") or closed by a mark of context.person_pair_closers
        ("the two foreign secretaries, Nirupama Rao and Salman Bashir, met"): two people, though
        nothing else says so. Each two or three plain words, not all English words."""
        starts = {i: j for i, j in runs}
        out: set[tuple[int, int]] = set()
        for i, j in runs:
            k = j + 1
            if k not in starts or tokens[j].text not in self.person_joiners \
                    or text[tokens[j - 1].end:tokens[k].start] != f" {tokens[j].text} ":
                continue
            end = starts[k]
            if end >= len(tokens):
                continue
            gap = text[tokens[end - 1].end:tokens[end].start]
            if not (gap == " " and tokens[end].text.islower()) and gap.rstrip(" ") not in self.pair_closers:
                continue
            if all(2 <= b - a <= 3 and self._plain_name(text, tokens, a, b)
                   and not all(_english_word(tokens[x].text.lower()) for x in range(a, b)) for a, b in ((i, j), (k, end))):
                out.update({(i, j), (k, end)})
        return out

    def _joined_to_person(self, text: str, tokens: list[Token], i: int, j: int, person_ends: set[int],
                          person_starts: set[int], listed: set[int]) -> int | None:
        """Where the name tokens[i:j] starts when it is joined by a bare "and"
        (context.person_joiners, one space either side) to a person found before it or right after
        it ("Presidents Carlos Menem and Patricio Aylwin", "Robert Mugabe and Joshua Nkomo, the two
        leaders", "Ellsworth Bunker and Sol Linowitz"): two people named as one subject. Two or
        three plain words, not all of them English words ("Golden Harvest" beside a person is a
        firm's name), or by a list's separator (context.person_list_separators) to a person of a
        list or pair right after it (`listed`: "Robert Barton, Eamonn Duggan and George Gavan
        Duffy"). None when it is not joined; an English word opening the sentence is not the
        name's, so the name may start one token after `i` ("Yesterday Ana Vela and X")."""
        if j - i >= 3 and self._opens(text, tokens, i) and _english_word(tokens[i].text.lower()):
            i += 1
        if not 2 <= j - i <= 3 or not self._plain_name(text, tokens, i, j) \
                or all(_english_word(tokens[k].text.lower()) for k in range(i, j)):
            return None
        before = i >= 2 and i - 1 in person_ends and tokens[i - 1].text in self.person_joiners \
            and text[tokens[i - 2].end:tokens[i].start] == f" {tokens[i - 1].text} "
        after = j + 1 < len(tokens) and j + 1 in person_starts and tokens[j].text in self.person_joiners \
            and text[tokens[j - 1].end:tokens[j + 1].start] == f" {tokens[j].text} "
        listing = j < len(tokens) and j in listed \
            and text[tokens[j - 1].end:tokens[j].start].rstrip(" ") in self.list_separators
        return i if before or after or listing else None

    def _of_after(self, text: str, tokens: list[Token], j: int, others: list[tuple[int, int, ActorMention]],
                  other_starts: list[int]) -> str | None:
        """The state or organisation named right after a titled name with "of" (or another of
        context.side_prepositions) between: "President Carlos Salinas de Gortari of Mexico",
        "President Bill Clinton of the United States", "Franjo Tudjman for Croatia"."""
        if j + 1 >= len(tokens) or tokens[j].text not in self.side_prepositions \
                or text[tokens[j - 1].end:tokens[j].start] != " ":
            return None
        k = j + 2 if tokens[j + 1].text == "the" else j + 1
        at = bisect.bisect_left(other_starts, k)
        return others[at][2].actors[-1] if at < len(others) and other_starts[at] == k else None

    def _of_side_cue(self, text: str, tokens: list[Token], i: int, j: int,
                     others: list[tuple[int, int, ActorMention]], other_starts: list[int]) -> tuple[int, int, bool] | None:
        """The cue of a person introduced by the side they speak for and no title: two or three
        plain capitalised words, then "of" and a state, organisation or group the article names
        ("the foreign ministers Ana Duarte of Peru and Luis Vega of Chile"; "led by Omar Said of
        the Free Valley Movement"). The window is the "of" (no state before the name counts):
        the side after it is the person's (see _of_after). Not a name holding a title, a role or
        an organisation's head word ("Armed Forces of Colombia", "Special Envoy of ..."), nor
        one after an article: a person's name takes none ("the Federal Republic of Yugoslavia",
        "the East Room of the White House")."""
        if not 2 <= j - i <= _OF_SIDE_WORDS or not self._plain_name(text, tokens, i, j):
            return None
        if i > 0 and tokens[i - 1].text.lower() in self.articles:
            return None
        words = [tokens[k].text for k in range(i, j)]
        if any(w in self.organisation_heads or w.lower() in self.titles or w.lower() in self.role_nouns for w in words):
            return None
        if self._of_after(text, tokens, j, others, other_starts) is None:
            return None
        return (j, j + 1, False)

    @staticmethod
    def _possessive_side_cue(text: str, tokens: list[Token], i: int,
                             owner_ending: dict[int, ActorMention]) -> tuple[int, int, bool] | None:
        """The cue of a person named right after the possessive of the state, organisation or
        group they speak for ("UNITA's Jonas Savimbi", "Peru's Ana Duarte"): the window is that
        name (`owner_ending`: the states, organisations and groups by their last token), whose
        side is the person's."""
        if i < 2 or tokens[i - 1].text != "s" or text[tokens[i - 2].end:tokens[i - 1].start] not in ("'", "’") \
                or text[tokens[i - 1].end:tokens[i].start] != " ":
            return None
        owner = owner_ending.get(i - 1)
        return (owner.first_token, i, True) if owner is not None else None

    def _past_office(self, tokens: list[Token], lo: int, hi: int, titled: bool = False) -> bool:
        """Whether the cue words tokens[lo:hi] give an office the person no longer holds ("the
        former president of Kenya", "a former South African deputy president"): past_office_words
        and an office word, or (`titled`: the cue is a title right before the name) any title
        ("former United States Senator X"; not "X, leader of the former rebel movement")."""
        words = {tokens[k].text.lower() for k in range(lo, hi)}
        return not self.past_office.isdisjoint(words) and not (self.office_words.isdisjoint(words)
                                                              and not (titled and not self.titles.isdisjoint(words)))

    def _home_office(self, text: str, tokens: list[Token], lo: int, hi: int) -> bool:
        """Whether the cue words tokens[lo:hi] give a person an office of a state they do not name
        ("President", "the Home Minister", "the President's chief of staff"), and not someone
        else's ("its foreign minister", "the movement's prime minister", "hosted by President")."""
        words = [tokens[k].text.lower() for k in range(lo, hi)]
        if self.office_words.isdisjoint(words) or not self.office_not_with.isdisjoint(words):
            return False
        # A possessive names the office's owner: only the government's or an office's own will do.
        return all(tokens[k - 1].text.lower() in self.office_owners for k in range(max(lo, 1), hi)
                   if tokens[k].text == "s" and text[tokens[k - 1].end:tokens[k].start] in ("'", "’"))

    def _single_names(self, text: str, tokens: list[Token], blocked: set[int], known: list[ActorMention],
                      speaking: set[str]) -> set[str]:
        """More single names that are people's: after an honorific or a title ("Mr. Muir",
        "President Tudjman"), and beside a person of the gazetteer with "and" between
        ("Tudjman and Kofi Annan"). Not beside a name that speaks: organisations speak too
        ("... Control and Prevention said")."""
        n = len(tokens)
        people: set[str] = set()
        person_ends = {m.last_token - 1 for m in known if m.person}
        person_starts = {m.first_token for m in known if m.person}
        for k in capitalised(tokens):
            if k in blocked or not self._name_word(tokens[k].text, blocked, k):
                continue
            if k > 0 and self._titled(text, tokens, k):
                people.add(tokens[k].text)
            # "<name> and <person>" or "<person> and <name>", single spaces between
            elif k + 2 < n and tokens[k + 1].text == "and" and text[tokens[k].end:tokens[k + 2].start] == " and " \
                    and k + 2 in person_starts:
                people.add(tokens[k].text)
            elif k >= 2 and tokens[k - 1].text == "and" and text[tokens[k - 2].end:tokens[k].start] == " and " \
                    and k - 2 in person_ends:
                people.add(tokens[k].text)
        return people

    def _organisations_from_context(self, text: str, tokens: list[Token], blocked: set[int],
                                    demonyms: set[int]) -> list[ActorMention]:
        """Organisations the gazetteer does not know: a capitalised name that ends in a word like
        Union, Council or Front ("the Sudanese Doctors' Union"), with at least one word of its own
        (not "the Foreign Ministry", not "the Russian Defence Ministry": those are the state's)."""
        out, i, n = [], 0, len(tokens)
        caps = capitalised(tokens)
        while i < n:
            if not tokens[i].text[:1].isupper():
                k = bisect.bisect_left(caps, i)   # on to the next capitalised word
                if k == len(caps):
                    break
                i = caps[k]
                continue
            if i in blocked or tokens[i].text in self.function_words:
                i += 1
                continue
            j, last_head = i + 1, -1
            if tokens[i].text in self.organisation_heads:
                last_head = i
            while j < n and j not in blocked and text[tokens[j - 1].end:tokens[j].start] in _NAME_GAPS:
                word = tokens[j].text
                if word[:1].isupper():
                    if word in self.organisation_heads or word in self.group_heads:
                        last_head = j
                elif not (word in self.org_connectors and j + 1 < n and tokens[j + 1].text[:1].isupper()):
                    break
                j += 1
            if last_head > i:
                words = [tokens[k].text for k in range(i, last_head + 1)]
                # A group of states is often named after where it first met or what it is
                # for ("the Minsk Group", "the Contact Group"): a place's word is its own there.
                grouped = tokens[last_head].text in self.group_heads
                own = [k for k in range(i, last_head + 1) if tokens[k].text not in self.not_names
                       and tokens[k].text not in self.organisation_heads and (grouped or k not in demonyms)
                       and tokens[k].text[:1].isupper() and tokens[k].text not in self.group_heads]
                if own and len(words) <= _MAX_ORGANISATION_WORDS:
                    name = text[tokens[i].start:tokens[last_head].end]
                    out.append(ActorMention(tokens[i].start, tokens[last_head].end, (name,), "organisation",
                                            i, last_head + 1))
                i = last_head + 1
            else:
                i = j
        return out

    def _name_runs(self, text: str, tokens: list[Token], blocked: set[int]) -> list[tuple[int, int]]:
        """Token ranges [i, j) that look like a person's name: 2-5 capitalised words, with
        lower-case particles inside ("Bashar al-Jaafari"), none of them a known actor or place."""
        runs, i, n = [], 0, len(tokens)
        caps = capitalised(tokens)
        while i < n:
            if not tokens[i].text[:1].isupper():
                k = bisect.bisect_left(caps, i)   # on to the next capitalised word
                if k == len(caps):
                    break
                i = caps[k]
                continue
            if not (self._name_word(tokens[i].text, blocked, i) or self._initial(text, tokens, i, blocked)):
                i += 1
                continue
            j = i + 1
            while j < n and (text[tokens[j - 1].end:tokens[j].start] in (" ", "-")
                             or self._initial(text, tokens, j - 1, blocked, inside=j - 1 > i)):
                word = tokens[j].text
                if self._name_word(word, blocked, j) or self._initial(text, tokens, j, blocked, inside=True):
                    j += 1
                elif word in self.inner_name_words and j not in blocked and not self._two_names_after(text, tokens, j, blocked):
                    # a title's word after a given name is a name's: "Julie Bishop", "Hassan Sheikh
                    # Mohamud"; not one that opens a full name ("Bangabandhu Sheikh Mujibur Rahman")
                    j += 1
                elif word.lower() in self.particles and j + 1 < n and (
                        self._name_word(tokens[j + 1].text, blocked, j + 1)
                        or (tokens[j + 1].text.lower() in self.particles and j + 2 < n   # "de la Calle", "von der Leyen"
                            and self._name_word(tokens[j + 2].text, blocked, j + 2))):
                    j += 1
                elif text[tokens[j - 1].end:tokens[j].start] == "-" and word.isalpha() and word.islower():
                    j += 1  # a hyphenated given name: "Im Jong-seok", "Moon Jae-in"
                    break
                else:
                    break
            while j > i and self._initial(text, tokens, j - 1, blocked, inside=j - 1 > i):
                j -= 1   # initials end no name ("in Washington D.C. Then ...")
            if j == i:
                i += 1
                continue
            if j < n and tokens[j].text.lower() in self.suffixes and text[tokens[j - 1].end:tokens[j].start] == " " \
                    and not (j + 1 < n and tokens[j + 1].text[:1].isupper()):
                j += 1   # a generational suffix is the name's: "Benigno Aquino III", "Pope John Paul II"
            capitals = sum(1 for k in range(i, j) if tokens[k].text[:1].isupper())
            if capitals >= 3 and tokens[i].text.lower() in self.titles:
                # "Prosecutor Fatou Bensouda": a capitalised title opens the run, not the name.
                i, capitals = i + 1, capitals - 1
            # "Dr. Sasa", "Mr. Akar", "Minister Cavusoglu": one name after an honorific or a
            # capitalised title is a person's too (not "Chief Negotiator": a title itself).
            honorific = capitals == 1 and i > 0 and j - i == 1 and self._titled(text, tokens, i)
            if 2 <= capitals <= 5 or honorific:
                runs.append((i, j))
            i = j
        return runs

    @staticmethod
    def _opens(text: str, tokens: list[Token], i: int) -> bool:
        """Whether tokens[i] opens a sentence, a line or a caption, or follows "the": a
        capitalised word there need not be a name's."""
        before = text[max(0, tokens[i].start - 3):tokens[i].start]
        return ("\n" in before or before.rstrip()[-1:] in _OPENING_MARKS or before in _SPACED_DASHES
                or (i > 0 and tokens[i - 1].text.lower() == "the"))

    def _titled(self, text: str, tokens: list[Token], i: int) -> bool:
        """Whether the one name tokens[i] follows an honorific ("Mr. Akar") or a capitalised
        title that goes with a surname ("Minister Cavusoglu", not "General Mills"), and no
        capitalised word follows it ("Chairman William E. LaMothe": the name goes on)."""
        before, word = tokens[i - 1].text, tokens[i].text.lower()
        gap = text[tokens[i - 1].end:tokens[i].start]
        if before.lower() in self.honorifics:
            return gap in (" ", ". ")
        # Right before the name: not "... elected President.\nWell, this is ..."
        if gap != " " or not (before[:1].isupper() and before.lower() in self.surname_titles) or word in self.titles:
            return False
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        return after is None or not (after.text[:1].isupper() and text[tokens[i].end:after.start].strip(" .'’") == "")

    def _plain_name(self, text: str, tokens: list[Token], i: int, j: int) -> bool:
        """Words joined by spaces, not opening with a verb in -ing: "Maria Ferrer", not
        "Hewlett-Packard" nor "Making Juan Gonzalez" (the weak evidence of a surname that speaks).
        A particle's hyphen and an initial's dot join words too: "Omar al-Bashir", "K. Raghunath"."""
        return (all(self._name_gap(text, tokens, k) for k in range(i + 1, j))
                and not tokens[i].text.endswith("ing"))

    def _name_gap(self, text: str, tokens: list[Token], k: int) -> bool:
        """Whether what stands between tokens[k - 1] and tokens[k] joins two words of one name."""
        gap = text[tokens[k - 1].end:tokens[k].start]
        return gap == " " or (gap == "-" and tokens[k - 1].text in self.particles) \
            or (gap == ". " and _INITIALS.fullmatch(tokens[k - 1].text) is not None)

    def _initial(self, text: str, tokens: list[Token], k: int, blocked: set[int], inside: bool = False) -> bool:
        """Whether tokens[k] is a person's initial or initials, each letter with its dot, before
        the rest of the name: "F." and "W." in "F. W. de Klerk", "P." in "George P. Shultz",
        "B.N." in "B.N. Yeltsin". (A known name's letters, "U.S." or "U.N.", are blocked.) Inside
        a name (`inside`) a letter that opens sentences is an initial too: "Eduard A. Shevardnadze"."""
        word = tokens[k].text
        return (k not in blocked and (inside or word not in self.not_names) and _INITIALS.fullmatch(word) is not None
                and text[tokens[k].end:tokens[k].end + 2] == ". ")

    def _two_names_after(self, text: str, tokens: list[Token], k: int, blocked: set[int]) -> bool:
        """Whether two name words follow tokens[k], each after one space."""
        return k + 2 < len(tokens) and all(self._name_word(tokens[x].text, blocked, x) and text[tokens[x - 1].end:tokens[x].start] == " "
                                           for x in (k + 1, k + 2))

    def _name_word(self, word: str, blocked: set[int], k: int) -> bool:
        return (k not in blocked and word[:1].isupper() and word not in self.not_names
                and not word.isupper() and word[1:2].islower())

    def _person_cue(self, text: str, tokens: list[Token], i: int, j: int) -> tuple[int, int, bool] | None:
        """The token window holding the evidence that tokens[i:j] name a person, and whether the
        state or organisation nearest the name is the one they speak for; None without evidence."""
        n = len(tokens)
        # A title just before: "spokesman X", "Foreign Minister X", "Russian Foreign Minister X".
        for size in range(self.longest_title, 0, -1):
            if i - size >= 0 and " ".join(t.text for t in tokens[i - size:i]).lower() in self.titles:
                window = self._clause(text, tokens, max(0, i - size - _TITLE_REACH), i, backwards=True)
                return (window[0] if window else i - size, i, True)
        after = text[tokens[j - 1].end:tokens[j].start] if j < n else ""
        before = text[tokens[i - 1].end:tokens[i].start] if i > 0 else ""
        # An apposition with a role noun: "X, the HNC's chief coordinator", "its top envoy, X"
        # (first: it also says whom they speak for).
        if after.strip() == ",":
            window = self._clause(text, tokens, j, min(n, j + _APPOSITION_WINDOW))
            if any(tokens[k].text.lower() in self.role_nouns for k in window):
                return (window[0], window[-1] + 1, False)
        if before.strip() == ",":
            window = self._clause(text, tokens, max(0, i - _APPOSITION_WINDOW), i, backwards=True)
            if any(tokens[k].text.lower() in self.role_nouns for k in window):
                return (window[0], window[-1] + 1, False)
        # A relative pronoun of people right after the comma: "Charles Taylor, whose fighters ...",
        # "X, Who Led the Rebels, Dies" (a headline's title case); "WHO" in capitals is an acronym.
        if j < n and after == ", " and tokens[j].text.lower() in self.person_relatives and not tokens[j].text.isupper() \
                and not all(_english_word(tokens[k].text.lower()) for k in range(i, j)):
            return (i, i, False)
        # A verb of saying right after or right before: "X said", "said X".
        if j < n and after.strip() == "" and tokens[j].text.lower() in self.speech_verbs:
            return (i, i, False)
        # A full name owning what only people have: "Yitzhak Shamir's government", "Amin Gemayel's
        # term ended", "Violeta Chamorro's opposition alliance" (at most one word between).
        if j + 1 < n and text[tokens[j - 1].end:tokens[j - 1].end + 2] in POSSESSIVE_ENDINGS and j - i >= 2 \
                and self.owned_by_people and not all(_english_word(tokens[k].text.lower()) for k in range(i, j)):
            k = j + 1 if tokens[j].text == "s" else j
            if any(tokens[x].text in self.owned_by_people for x in range(k, min(n, k + 2))):
                return (i, i, False)
        # A verb only people do right after a full name opening its sentence or clause: "Nelson
        # Mandela walks out of prison", "Raul Alfonsin took office", "Deng Xiaoping came to Tokyo".
        if j < n and after == " " and self._person_verb_at(text, tokens, j) and j - i >= 2 \
                and (i == 0 or self._opens(text, tokens, i) or text[tokens[i - 1].end:tokens[i].start].startswith(",")
                     or tokens[i - 1].text.lower() in self.clause_openers)\
                and not all(_english_word(tokens[k].text.lower()) for k in range(i, j)):
            return (i, i, False)
        if i > 0 and before.strip() in ("", ",") and tokens[i - 1].text.lower() in self.speech_verbs:
            return (i, i, False)
        if i > 1 and f"{tokens[i - 2].text} {tokens[i - 1].text}".lower() in self.cue_phrases \
                and text[tokens[i - 2].start:tokens[i].start].count(" ") == 2:
            return (i, i, False)   # "according to X", "led by X", "the death of X"
        return None

    def _person_verb_at(self, text: str, tokens: list[Token], j: int) -> bool:
        """Whether tokens[j] opens a verb only people do: one of context.person_verbs ("took"), or
        up to two of context.person_passive_auxiliaries and one of context.person_passive_verbs
        ("was sworn in", "had been deposed"), a single space apart."""
        if tokens[j].text in self.person_verbs:
            return True
        k = j
        while k < min(len(tokens), j + 2) and tokens[k].text in self.passive_auxiliaries:
            k += 1
        return j < k < len(tokens) and tokens[k].text in self.passive_verbs \
            and all(text[tokens[x - 1].end:tokens[x].start] == " " for x in range(j + 1, k + 1))

    @staticmethod
    def _clause(text: str, tokens: list[Token], lo: int, hi: int, backwards: bool = False) -> list[int]:
        """Token indices in [lo, hi) up to the first clause break, read from the name outward."""
        order = range(hi - 1, lo - 1, -1) if backwards else range(lo, hi)
        out = []
        prev = None
        for k in order:
            gap = (text[tokens[k].end:tokens[prev].start] if backwards else text[tokens[prev].end:tokens[k].start]) \
                if prev is not None else ""
            if prev is not None and "." in tokens[min(k, prev)].text and gap.startswith(". "):
                gap = gap[1:]   # the closing dot of an acronym ("U.N. envoy X") ends no clause
            if any(c in _CLAUSE_STOPS for c in gap) or (prev is not None and "," in gap):
                break
            out.append(k)
            prev = k
        return sorted(out)

    def _one_name_per_person(self, mentions: list[ActorMention]) -> list[ActorMention]:
        """A person found from context by one name only ("Ms Osei", "Ekberg said") is the one
        person of the document whose full name ends in that name, not a new person: the mention
        takes that person's actors. Two people of that surname leave it as it is."""
        owners: dict[str, dict[str, tuple[str, ...]]] = {}
        for m in mentions:
            if m.person:
                person = m.actors[0]
                forms = [self.surnames[person]] if person in self.surnames else _surname_forms(person, self.particles, self.suffixes)
                for form in _with_unaccented(forms):   # "Ramirez said" for "José Ramírez" too
                    _add_owner(owners.setdefault(form, {}), m.actors)
        # ... or, where no full name ends in it, the one whose full name begins with it: a family
        # name written first ("Xi Jinping ... Mr. Xi", "Kim Jong Un ... Kim said") or a name
        # that goes by the given name ("Abiy Ahmed ... Abiy said").
        firsts: dict[str, dict[str, tuple[str, ...]]] = {}
        for m in mentions:
            if m.person and " " in m.actors[0]:
                first_word = m.actors[0].split(" ", 1)[0]
                if first_word.lower() not in self.particles:
                    for form in _with_unaccented([first_word]):
                        _add_owner(firsts.setdefault(form, {}), m.actors)
        out = []
        for m in mentions:
            full = owners.get(m.actors[0], owners.get(without_accents(m.actors[0]))) if m.how == "context" else None
            if full is None and m.how == "context" and " " not in m.actors[0]:
                full = firsts.get(m.actors[0], firsts.get(without_accents(m.actors[0])))
            if full is not None and len(full) == 1:
                owner = next(iter(full.values()))
                m = replace(m, actors=tuple(dict.fromkeys([*owner, *m.actors[1:]])), how="surname")
            out.append(m)
        return out

    def _surnames(self, text: str, tokens: list[Token], mentions: list[ActorMention],
                  published: dt.date | None) -> list[ActorMention]:
        """Mentions of people named elsewhere in the document: their surname alone, or their
        full name where no words around it said it was a person."""
        by_surname: dict[str, dict[str, tuple[str, ...]]] = {}
        first_seen: dict[str, int] = {}   # where each person is first named
        named_at: dict[str, list[int]] = {}   # where each person is named, in order
        for m in sorted(mentions, key=lambda x: x.start):
            person = m.actors[0]
            if m.how in ("demonym", "capital") or (person in self.actors and self.actors[person].kind != "person"):
                continue
            first_seen[person] = min(first_seen.get(person, m.start), m.start)
            named_at.setdefault(person, []).append(m.start)
            surnames = [self.surnames[person]] if person in self.surnames else _surname_forms(person, self.particles, self.suffixes)
            for form in _with_unaccented([person, *surnames]):   # "Ramirez" for "José Ramírez" too
                _add_owner(by_surname.setdefault(form, {}), m.actors)
        if not by_surname:
            return []
        covered = {k for m in mentions for k in range(m.first_token, m.last_token)}
        index: PhraseIndex[str] = PhraseIndex([(form, form) for form in by_surname])
        out = []
        for m in index.find(text, tokens):
            if any(k in covered for k in range(m.first_token, m.last_token)) or self._month_as_date(text, tokens, m):
                continue
            # Two people of one surname ("Kim Jong Un", later "Kim Sung-tae"): the surname is the
            # one named in full before it; when both were, the one named more often before it
            # ("the government of Joseph Kabila ... the assassination of Laurent-Désiré Kabila ...
            # Joseph Kabila would remain president ... Kabila and Kagame signed": the son, the
            # story's); named as often, it stays unresolved.
            before = {p: actors for p, actors in by_surname[m.value].items() if first_seen[p] < m.start}
            if len(before) > 1:
                times = Counter({p: bisect.bisect_left(named_at[p], m.start) for p in before}).most_common(2)
                before = {times[0][0]: before[times[0][0]]} if times[0][1] > times[1][1] else before
            owners = list(before.values())
            if len(by_surname[m.value]) == 1:
                owners = list(by_surname[m.value].values())
            if len(owners) == 1:
                out.append(ActorMention(m.start, m.end, owners[0], "surname", m.first_token, m.last_token, person=True))
        return out

    def _month_as_date(self, text: str, tokens: list[Token], m: Match[str]) -> bool:
        """Whether a one-word surname that is a month name ("May") is written as a date there:
        after a word of time ("in May", "since May", "early May"), after a day ("14 May") or
        before a day or a year ("May 14", "May 2019")."""
        if m.last_token - m.first_token != 1 or text[m.start:m.end] not in _month_names():
            return False
        k = m.first_token
        if k > 0 and not text[tokens[k - 1].end:m.start].strip():
            before = tokens[k - 1].text
            if before.lower() in self.month_date_openers or self._day_or_year(before):
                return True
        if k + 1 < len(tokens) and not text[m.end:tokens[k + 1].start].strip():
            return self._day_or_year(tokens[k + 1].text)
        return False

    def _day_or_year(self, word: str) -> bool:
        """A day of a month ("14", "14th": context.day_ordinal_endings) or a year ("2019") next to
        a month name."""
        digits = word.rstrip(self.ordinal_letters) if word[:1].isdigit() else ""
        return digits.isdigit() and (1 <= int(digits) <= 31 and len(digits) <= 2 or len(digits) == 4)


@functools.lru_cache(maxsize=1)
def _month_names() -> frozenset[str]:
    """The month names of the temporal patterns, capitalised as a surname would be ("May")."""
    return frozenset(name.rstrip(".").capitalize() for name in load_lexicon().values["month"])


@functools.lru_cache(maxsize=4096)
def _english_word(word: str) -> bool:
    """Whether lemminflect's lexicon knows `word` (lower-cased) as an English word."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower()))


class _CommonWords:
    """Whether a one-word name stands in a title-case line ("Sierra Leone Rebels Win Amnesty and
    Cabinet Posts") as a common word the article writes in lower case elsewhere ("a blanket
    amnesty"): there, a capital says nothing. Built once per article on first use; each line's
    case is read once."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self._text, self._tokens = text, tokens
        self._lower: frozenset[str] | None = None   # the article's lower-case words, once a title-case line asks
        self._lines: dict[int, bool] = {}

    def in_title_case(self, k: int) -> bool:
        word = self._tokens[k].text
        if word.isupper() or not self._title_case_line(self._tokens[k].start):
            return False
        if self._lower is None:
            self._lower = frozenset(t.text for t in self._tokens if t.text[:1].islower())
        return word.lower() in self._lower

    def title_case_line(self, at: int) -> bool:
        """Whether the line holding offset `at` is a title-case headline."""
        return self._title_case_line(at)

    def _title_case_line(self, at: int) -> bool:
        start = self._text.rfind("\n", 0, at) + 1
        if start not in self._lines:
            end = self._text.find("\n", start)
            end = len(self._text) if end < 0 else end
            if end - start > _TITLE_LINE_MAX:   # a paragraph, not a headline: no need to read its words
                self._lines[start] = False
                return False
            lo = bisect.bisect_left(self._tokens, start, key=lambda t: t.start)
            hi = bisect.bisect_left(self._tokens, end, lo, key=lambda t: t.start)
            words = [t.text for t in self._tokens[lo:hi] if len(t.text) > 3 and t.text.isalpha()]
            # A headline capitalises its content words: most words of four letters or more.
            self._lines[start] = len(words) >= 3 and sum(w[:1].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words)
        return self._lines[start]


_TITLE_CASE_SHARE = 0.8
_TITLE_LINE_MAX = 200   # characters: a longer line is a paragraph (discourse's headline limit too)


def _with_unaccented(names: list[str]) -> list[str]:
    """`names`, then each without its accents where that differs ("Ramírez", "Ramirez")."""
    return list(dict.fromkeys([*names, *map(without_accents, names)]))


def _dateline_tokens(text: str, tokens: list[Token]) -> frozenset[int]:
    """The tokens of the article's datelines after their city (extract.places.datelines): the
    city itself is read as before ("UNITED NATIONS, Aug. 8 —" is a place, "MOSCOW —" no actor)."""
    spans = datelines(text)
    if not spans:
        return frozenset()
    out: set[int] = set()
    for a, b in spans:
        city = dateline_city(text, a)
        lo = bisect.bisect_left(tokens, city[1] if city else a, key=lambda t: t.start)
        hi = bisect.bisect_left(tokens, b, lo, key=lambda t: t.start)
        out.update(range(lo, hi))
    return frozenset(out)


def _add_owner(owners: dict[str, tuple[str, ...]], actors: tuple[str, ...]) -> None:
    """Record `actors` (a person, then whom they speak for) under the person's name: one
    person seen with and without an affiliation is still one person, with the affiliation."""
    if len(actors) > len(owners.get(actors[0], ())):
        owners[actors[0]] = actors


def refers_back(sentence: str, inside: list[ActorMention], before: list[ActorMention],
                subject: ActorMention | None = None, profile: ActorMention | None = None) -> tuple[str, ...]:
    """The person a subject pronoun of `sentence` refers to: the last person of `before` (the
    mentions shortly before it), when the sentence names no person or opens with the pronoun
    ("By Monday, he had shifted gears"; "He met John Kerry in Bogotá"). `inside` are the
    sentence's own mentions. An opening pronoun continues the previous sentence's `subject`, a
    person named first in it, whoever it named after ("Clinton flew in after talks with Mubarak
    and Arafat. He is to address ..."). With no such subject, in a piece about one person
    (`profile`: an obituary, a profile) the pronoun is that person, whoever was named last ("...,
    he joined the crowds defending Boris Yeltsin. He returned as foreign minister ...")."""
    pronouns = gazetteer().subject_pronouns
    words = [m.group() for m in TOKEN_RE.finditer(sentence)]
    if pronouns.isdisjoint(words):
        return ()
    if any(m.person for m in inside) and words[0] not in pronouns:
        return ()  # a person is named, and the pronoun is not the sentence's opening subject
    if subject is not None and words[0] in pronouns:
        return subject.actors   # "Clinton flew in ... with Mubarak and Arafat. He is to address ...": the subject
    if profile is not None:
        return profile.actors
    people = [m for m in before if m.person]
    return people[-1].actors if people else ()


def refers_back_to_owner(sentence: str, previous: list[ActorMention]) -> tuple[str, ...]:
    """Whom an opening possessive ("Its president, ...", "Their spokesman said ...") or "It"
    ("It resumed fighting late last year") refers to:
    the first state, organisation or group of the previous sentence (`previous`, its mentions),
    which is most often that sentence's subject."""
    g = gazetteer()
    words = [m.group() for m in itertools.islice(TOKEN_RE.finditer(sentence), 2)]  # the opening two
    if not words:
        return ()
    opens_with_it = (words[0] in g.subject_openers and len(words) > 1
                     and words[1].lower() not in g.expletive_followers)  # not "It is unclear ..."
    if words[0] not in g.possessive_openers and not opens_with_it:
        return ()
    # Named, not inferred from an adjective: after "British officials said ...", "It" is rarely Britain.
    owners = [m for m in previous if not m.person and m.how != "demonym"]
    return owners[0].actors[:1] if owners else ()


def refers_back_to_bloc(sentence: str, before: list[ActorMention]) -> tuple[str, ...]:
    """The organisation that "the bloc" or "the alliance" of `sentence` refers to: the last
    organisation named in `before` (the mentions shortly before the sentence), of the gazetteer
    or a group of states found by its name ("the Contact Group ... The bloc's ministers")."""
    g = gazetteer()
    body = g.body_back_nouns.search(sentence)
    if body is not None:
        # "the tribunal", "the panel": the last body named with that head word ("the Boundary
        # Tribunal ... The tribunal ruled in April"), as a surname is its person
        head = body.group(1).lower()
        for m in reversed(before):
            if not m.person and m.how != "demonym" and m.actors[0].rsplit(" ", 1)[-1].lower() == head:
                return m.actors[:1]
    if g.bloc_nouns.search(sentence) is None:
        return ()
    for m in reversed(before):
        actor = g.actors.get(m.actors[0])
        if actor is not None and actor.kind == "organisation":
            return (actor.name,)
        if actor is None and m.how == "organisation" and m.actors[0].rsplit(" ", 1)[-1] in g.group_heads:
            return m.actors[:1]
    return ()


def _surname_forms(name: str, particles: set[str], suffixes: frozenset[str] = frozenset()) -> list[str]:
    """"Staffan de Mistura" -> ["de Mistura", "Mistura"]; "Bashar al-Jaafari" -> ["al-Jaafari",
    "Jaafari"]; "Ana María López Obrador" -> ["Obrador", "López Obrador"]; a Korean name with a hyphenated given name puts the family name first:
    "Im Jong-seok" -> ["Im"]."""
    words = phrase_key(name).split(" ")
    while len(words) > 2 and words[-1].lower().rstrip(".") in suffixes:   # "III", "Jr."
        words.pop()
    if len(words) < 2:
        return []
    if words[-1].islower():
        return [words[0]] if words[0][:1].isupper() else []
    forms = [words[-1]]
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in particles:
        k -= 1
        forms.append(" ".join(words[k:]))
    if len(words) >= 3 and k == len(words) - 1 and words[-2][:1].isupper():
        forms.append(" ".join(words[-2:]))   # two family names: "Andrés Manuel López Obrador"
    return forms


def _affiliation(value: Any, where: str) -> Affiliation:
    if isinstance(value, str):
        return Affiliation(value)
    require(isinstance(value, dict) and isinstance(value.get("actor"), str), RESOURCE, where,
            "each 'for' entry is an actor name or {actor, from, to}")
    dates = []
    for key in ("from", "to"):
        day = value.get(key)
        require(day is None or isinstance(day, dt.date), RESOURCE, where, f"'{key}' must be an ISO date")
        dates.append(day)
    return Affiliation(value["actor"], dates[0], dates[1])


@functools.cache
def gazetteer() -> ActorGazetteer:
    """The actor gazetteer, built once from resources/actors.yaml."""
    return ActorGazetteer(load_yaml(RESOURCE))


def find_actors(text: str, published: dt.date | None = None) -> list[str]:
    """Canonical names of the actors in `text`, in order of first mention."""
    names = (name for m in gazetteer().find(text, published) for name in m.actors)
    return list(dict.fromkeys(names))
