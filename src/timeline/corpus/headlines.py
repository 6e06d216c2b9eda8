"""Headlines: a short "who does what" line for an event, built from its own sentences.

The actor is the gazetteers' canonical name the mentions carry; the verb is the first verb of
`resources/chronology/headlines.yaml` found in the sentence (any form), written in the third
person for what happened ("United Nations suspends peace talks in Geneva") and as "to" + base
for a plan ("ISSG to meet in Munich"); its object is the words that follow it in the sentence,
up to a preposition. Nothing is invented: every word comes from the sentence, the verb table
or the gazetteers. Without a known verb, the line is the actor and the event type.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require
from timeline.temporal.rulebook import load_lexicon

RESOURCE = "chronology/headlines.yaml"
# A number with thousands separators is one word ("120,000 people"), not "120" and a comma.
_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+|,\d{3}(?!\d))*|[,;:()“”\"—–]")
# _TOKEN on ASCII text (letters and digits are a-z, A-Z, 0-9 there): the same tokens, faster
_ASCII_TOKEN = re.compile(r"[a-zA-Z0-9]+(?:[-'.][a-zA-Z0-9]+|,[0-9]{3}(?![0-9]))*|[,;:()\"]")
_CLAUSE_BREAKS = frozenset({"—", "–", ";"})


@dataclass(frozen=True, slots=True)
class HeadlineRules:
    forms: dict[str, tuple[str, str]]    # past and participle forms, lower case -> (base, third person)
    participles: frozenset[str]          # past participles, lower case ("held", "begun", not "began")
    bases: dict[str, tuple[str, str]]    # base forms: a verb only after one of `modals`
    modals: frozenset[str]
    passive: frozenset[str]
    object_stops: frozenset[str]
    object_trailing: frozenset[str]   # words an object does not end on ("the", "of")
    place_reach: int                  # a place this many words after the verb is the event's
    subject_nouns: frozenset[str]     # happenings that are a verb's subject ("the talks resumed")
    determiners: frozenset[str]
    type_subjects: dict[str, tuple[str, frozenset[str]]]  # event type -> (subject, the verbs it does)
    passive_subjects: dict[str, tuple[str, frozenset[str]]]  # event type -> (subject, the verbs done to it)
    adverb_suffix: str
    subject_words: int
    name_connectors: frozenset[str]   # lower-case words inside a name ("Cessation of Hostilities")
    pronouns: frozenset[str]
    acts_without_object: frozenset[str]  # base forms
    happening_verbs: frozenset[str]   # what a happening opening its clause does ("the truce expired")
    complements: dict[str, frozenset[str]]   # base -> the prepositions that open its object ("agree on")
    complement_after: frozenset[str]  # a place phrase may stand between verb and complement ("in Geneva")
    predicate_joiners: frozenset[str]  # "began ... but stalled": a second predicate of one subject
    date_prepositions: frozenset[str]
    relative_pronouns: frozenset[str]
    prepositions: frozenset[str]
    time_words: frozenset[str]        # single words of the tagger's time vocabulary ("evening")
    number_words: frozenset[str]      # "three": an object does not end on a number
    ordinals: frozenset[str]          # "second": a time unit too, but not after "a", "the"
    singular_numbers: frozenset[str]  # the number words of 1 ("one")
    purpose_nouns: frozenset[str]     # "the chief aim was to make": no subject of "make"
    clause_verbs: frozenset[str]      # "diplomats said officials would meet": no noun phrase across them
    gerund_suffix: str
    clause_openers: frozenset[str]    # "since talks began": a clause's subject follows
    no_subject_words: frozenset[str]  # time words and clause verbs: a phrase holding one is no subject
    skip_words: frozenset[str]        # modals, passive auxiliaries and the words between subject and verb
    object_enders: frozenset[str]     # object_stops and time words: an object ends before one
    singular_endings: tuple[str, ...]
    plural_endings: tuple[str, ...]      # "militiamen", "people": plural without an "s"
    conjunctions: frozenset[str]      # joining two actors into one subject ("Israel and Hamas")
    possessive: tuple[str, ...]       # the endings of a possessive ("Azerbaijan's")
    agent_markers: frozenset[str]     # ", mediated by": the participle tells of the noun before
    object_words: int
    max_words: int
    speech_verbs: dict[str, tuple[str, str]]   # a past verb of saying -> (base, third person)
    complementizers: frozenset[str]            # "that": what follows was said
    need_complementizer: frozenset[str]        # "announced": what was said only after "that"
    reported_present: dict[str, str]           # "would" -> "will": what was said, in the present
    plural_present: dict[str, str]             # "had" -> "have" after a plural subject
    reported_words: int
    past_suffix: str                           # "needed": a verb of what was said
    speech_types: frozenset[str]
    examples: tuple[dict[str, Any], ...]
    verbish: frozenset[str]              # every word that can be read as a verb: forms and bases
    presents: dict[str, tuple[str, str]]  # third person -> (base, third person): a dated entry's tense
    verbish_or_present: frozenset[str]    # verbish and the third persons: the verbs of a dated entry


@functools.cache
def rules() -> HeadlineRules:
    data: Any = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    forms: dict[str, tuple[str, str]] = {}
    bases: dict[str, tuple[str, str]] = {}
    presents: dict[str, tuple[str, str]] = {}
    for i, entry in enumerate(data.get("verbs") or []):
        require(isinstance(entry, list) and len(entry) == 4 and all(isinstance(w, str) for w in entry),
                RESOURCE, f"verbs[{i}]", "must be [base, third person, past, past participle]")
        # "signs", "talks", "strikes" are nouns as often as verbs: only the past forms, and the
        # base after a modal ("will meet"), are read as the verb.
        for form in entry[2:]:
            forms.setdefault(form.lower(), (entry[0], entry[1]))
        bases.setdefault(entry[0].lower(), (entry[0], entry[1]))
        presents.setdefault(entry[1].lower(), (entry[0], entry[1]))
    modals = data.get("modals")
    require(isinstance(modals, list) and all(isinstance(w, str) for w in modals), RESOURCE, "modals",
            "must be a list of words")
    stops = data.get("object_stops")
    require(isinstance(stops, list) and all(isinstance(w, str) for w in stops), RESOURCE, "object_stops",
            "must be a list of words")
    trailing = data.get("object_trailing")
    require(isinstance(trailing, list) and all(isinstance(w, str) for w in trailing), RESOURCE,
            "object_trailing", "must be a list of words")
    subjects: dict[str, dict[str, tuple[str, frozenset[str]]]] = {"type_subjects": {}, "passive_subjects": {}}
    for key, table in subjects.items():
        for event_type, entry in (data.get(key) or {}).items():
            require(isinstance(entry, dict) and isinstance(entry.get("subject"), str) and entry["subject"].strip()
                    and isinstance(entry.get("verbs"), list) and all(v in bases for v in entry["verbs"]),
                    RESOURCE, f"{key}.{event_type}", "needs a 'subject' and 'verbs' (base forms of the verb table)")
            table[str(event_type)] = (entry["subject"], frozenset(entry["verbs"]))
    for name in ("subject_nouns", "determiners", "between_subject_and_verb", "name_connectors", "pronouns",
                 "acts_without_object", "date_prepositions", "relative_pronouns", "prepositions",
                 "time_word_lists", "singular_endings", "plural_endings", "conjunctions", "agent_markers",
                 "purpose_nouns", "clause_verbs", "clause_openers", "happening_verbs", "predicate_joiners"):
        require(isinstance(data.get(name), list) and all(isinstance(w, str) for w in data[name]), RESOURCE,
                name, "must be a list of words")
    require(isinstance(data.get("possessive"), list) and all(isinstance(w, str) and w for w in data["possessive"]),
            RESOURCE, "possessive", "must be a list of word endings")
    for name in ("adverb_suffix", "gerund_suffix"):
        require(isinstance(data.get(name), str) and data[name], RESOURCE, name, "must be a word ending")
    for name in ("object_words", "max_words", "place_reach", "subject_words"):
        require(isinstance(data.get(name), int) and data[name] > 0, RESOURCE, name, "must be a whole number > 0")
    participles = frozenset(entry[3].lower() for entry in data.get("verbs") or [])
    complements = data.get("complements")
    require(isinstance(complements, dict) and isinstance(complements.get("verbs"), dict)
            and isinstance(complements.get("after_place"), list), RESOURCE, "complements",
            "needs 'verbs' (base form -> prepositions) and 'after_place' (a list of words)")
    for base, words in complements["verbs"].items():
        require(base in bases and isinstance(words, list) and all(isinstance(w, str) for w in words), RESOURCE,
                f"complements.verbs.{base}", "must be a base form of the verb table with a list of prepositions")
    for name in ("acts_without_object", "happening_verbs"):
        require(all(v in bases for v in data[name]), RESOURCE, name, "must be base forms of the verb table")
    speech = data.get("reported_speech")
    require(isinstance(speech, dict) and isinstance(speech.get("verbs"), dict) and all(
        isinstance(v, list) and len(v) == 2 and all(isinstance(w, str) for w in v) for v in speech["verbs"].values()),
        RESOURCE, "reported_speech.verbs", "must map each past form to [base, third person]")
    for name in ("complementizers", "need_complementizer", "types"):
        require(isinstance(speech.get(name), list) and all(isinstance(w, str) for w in speech[name]), RESOURCE,
                f"reported_speech.{name}", "must be a list of words")
    require(set(speech["need_complementizer"]) <= set(speech["verbs"]), RESOURCE,
            "reported_speech.need_complementizer", "must be past forms of reported_speech.verbs")
    for name in ("present", "plural_present"):
        require(isinstance(speech.get(name), dict) and all(isinstance(k, str) and isinstance(v, str)
                                                            for k, v in speech[name].items()),
                RESOURCE, f"reported_speech.{name}", "must map a word to its present form")
    require(isinstance(speech.get("words"), int) and speech["words"] > 1, RESOURCE, "reported_speech.words",
            "must be a whole number > 1")
    require(isinstance(speech.get("past_suffix"), str) and speech["past_suffix"], RESOURCE,
            "reported_speech.past_suffix", "must be a word ending")
    vocabulary = load_lexicon().values
    require(all(name in vocabulary for name in data["time_word_lists"]), RESOURCE, "time_word_lists",
            f"must name word lists of the time vocabulary ({', '.join(sorted(vocabulary))})")
    time_words = frozenset(w for name in data["time_word_lists"] for w in vocabulary[name] if " " not in w)
    return HeadlineRules(forms=forms, participles=participles, bases=bases, modals=frozenset(w.lower() for w in modals),
                         passive=frozenset(w.lower() for w in data.get("passive") or ()), object_stops=frozenset(w.lower() for w in stops),
                         object_trailing=frozenset(w.lower() for w in trailing),
                         object_words=data["object_words"], max_words=data["max_words"],
                         place_reach=data["place_reach"],
                         subject_nouns=frozenset(w.lower() for w in data["subject_nouns"]),
                         determiners=frozenset(w.lower() for w in data["determiners"]),
                         type_subjects=subjects["type_subjects"], passive_subjects=subjects["passive_subjects"],
                         adverb_suffix=data["adverb_suffix"], subject_words=data["subject_words"],
                         name_connectors=frozenset(w.lower() for w in data["name_connectors"]),
                         pronouns=frozenset(w.lower() for w in data["pronouns"]),
                         acts_without_object=frozenset(data["acts_without_object"]),
                         happening_verbs=frozenset(data["happening_verbs"]),
                         complements={base: frozenset(w.lower() for w in words)
                                      for base, words in data["complements"]["verbs"].items()},
                         complement_after=frozenset(w.lower() for w in data["complements"]["after_place"]),
                         predicate_joiners=frozenset(w.lower() for w in data["predicate_joiners"]),
                         date_prepositions=frozenset(w.lower() for w in data["date_prepositions"]),
                         relative_pronouns=frozenset(w.lower() for w in data["relative_pronouns"]),
                         prepositions=frozenset(w.lower() for w in data["prepositions"]),
                         time_words=time_words,
                         number_words=frozenset(w for w, v in vocabulary.get("number_word", {}).items()
                                                if " " not in w and v != 1),
                         singular_numbers=frozenset(w for w, v in vocabulary.get("number_word", {}).items()
                                                    if v == 1),
                         ordinals=frozenset(w for w in vocabulary.get("ordinal", {}) if " " not in w),
                         singular_endings=tuple(data["singular_endings"]),
                         plural_endings=tuple(data["plural_endings"]),
                         conjunctions=frozenset(w.lower() for w in data["conjunctions"]),
                         purpose_nouns=frozenset(w.lower() for w in data["purpose_nouns"]),
                         clause_verbs=frozenset(w.lower() for w in data["clause_verbs"]),
                         gerund_suffix=data["gerund_suffix"],
                         clause_openers=frozenset(w.lower() for w in data["clause_openers"]),
                         no_subject_words=time_words | frozenset(w.lower() for w in data["clause_verbs"]),
                         object_enders=frozenset(w.lower() for w in stops) | time_words,
                         skip_words=frozenset(w.lower() for w in [*modals, *(data.get("passive") or ()),
                                                                   *data["between_subject_and_verb"]]),
                         possessive=tuple(data["possessive"]),
                         agent_markers=frozenset(w.lower() for w in data["agent_markers"]),
                         speech_verbs={k.lower(): (v[0], v[1]) for k, v in speech["verbs"].items()},
                         complementizers=frozenset(w.lower() for w in speech["complementizers"]),
                         need_complementizer=frozenset(w.lower() for w in speech["need_complementizer"]),
                         reported_present={k.lower(): v for k, v in speech["present"].items()},
                         plural_present={k.lower(): v for k, v in speech["plural_present"].items()},
                         reported_words=speech["words"], speech_types=frozenset(speech["types"]),
                         past_suffix=speech["past_suffix"],
                         examples=tuple(data.get("examples") or ()),
                         verbish=frozenset(forms) | frozenset(bases),
                         presents=presents,
                         verbish_or_present=frozenset(forms) | frozenset(bases) | frozenset(presents))


@functools.lru_cache(maxsize=100_000)
def _name_words(actor: str) -> tuple[str, ...]:
    """The words of a canonical name that can stand for it in a text (longer than 2 letters)."""
    return tuple(w for w in actor.split() if len(w) > 2)


def _named_in(tokens: list[str], actor: str) -> bool:
    words = _name_words(actor)
    return bool(words) and not set(words).isdisjoint(tokens)


@functools.lru_cache(maxsize=4096)
def _forms(actor: str, modifiers: bool) -> tuple[tuple[str, ...], ...]:
    """The token sequences that name `actor` in a text: each word of its canonical name longer
    than two letters ("Kibaki") and each one-word name the actor gazetteer knows ("GAM"); with
    `modifiers` also its longer names, whole ("Free Aceh Movement"; "State Department", never
    "State" alone), and its demonyms ("Indonesian")."""
    from timeline.extract.actors import gazetteer

    names = {tuple(_tokens(form)) for form in (actor, *gazetteer().written_forms(actor, modifiers))}
    return tuple({*((w,) for w in _name_words(actor)),
                  *(f for f in names if f and f[0][:1].isupper() and (modifiers or len(f) == 1))})


@functools.lru_cache(maxsize=4096)
def _forms_by_end(actors: tuple[str, ...], modifiers: bool) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Each actor's forms (`_forms`) by their last word: the words a scan of a sentence stops at."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for actor in actors:
        for form in _forms(actor, modifiers):
            out.setdefault(form[-1], []).append((actor, form))
    return {word: tuple(found) for word, found in out.items()}


def _name_spans(before: list[str], actors: list[str], r: HeadlineRules | None,
                modifiers: bool = False) -> dict[int, tuple[str, int]]:
    """Where `before` names each actor: token index of a name's last word -> (the actor, the
    index of its first word), the longest name ending there. A longer name, a demonym or a
    possessive names its actor only when asked (`modifiers`): in "Sergei Lavrov, the Russian
    foreign minister, invited" and "Mikhail Ulyanov, Russia's envoy, struck" the person acts,
    but "the Indonesian government and the Free Aceh Movement" and "Ethiopia's federal
    government and the TPLF" are two."""
    bare = before
    if modifiers and r is not None:
        bare = [next((t[:-len(e)] for e in r.possessive if t.endswith(e)), t) for t in before]
    by_end = _forms_by_end(tuple(actors), modifiers)
    spans: dict[int, tuple[str, int]] = {}
    for end in [i for i, token in enumerate(bare) if token in by_end]:
        for actor, form in by_end[bare[end]]:
            start = end - len(form) + 1
            if start >= 0 and (len(form) == 1 or tuple(bare[start:end + 1]) == form) \
                    and (end not in spans or start < spans[end][1]):
                spans[end] = (actor, start)
    return spans


def _subject(before: list[str], actors: list[str], r: HeadlineRules | None = None,
             after: list[str] | None = None) -> str:
    """The actor named last before the verb (a word of its canonical name, or a form the
    gazetteer knows, in the text), else the event's first actor unless `after` the verb names it
    ("opposition groups formed a High Negotiations Committee": the committee did not form
    itself). Given the rules `r`, actors joined right before the verb are all the subject:
    "Israel and Hamas agreed", "Egypt and Israel had fought", "President Kibaki and his rival
    Raila Odinga signed", "the Indonesian government and the separatist Free Aceh Movement agreed"."""
    if not actors:
        return ""
    spans = _name_spans(before, actors, r)
    if not spans:
        return actors[0] if after is None or not _named_in(after, actors[0]) else ""
    best_at = max(spans)
    best = spans[best_at][0]
    if r is None:
        return best
    end = len(before) - 1
    if end > best_at and before[end] == ",":
        end -= 1   # the comma closing an apposition: "the leader of the opposition, Sayid Abdullo Nuri,"
    while end > best_at and _skippable(before[end].lower(), r):
        end -= 1   # "Egypt and Israel had fought"
    modified = _name_spans(before, actors, r, modifiers=True) if best_at < end else {}
    last = max(modified, default=-1)
    if best_at < last < end and end - last <= 2 and "," not in before[best_at + 1:last] and all(
            before[k].islower() and before[k] not in r.verbish for k in range(last + 1, end + 1)):
        # (not an apposition: "Nikos Kotzias, the Greek foreign minister, blamed")
        # "the US and Russian foreign ministers met": the names before a head noun are who met
        return _joined(before, actors, modified | spans, last, r)
    if best_at != end:
        return best
    return _joined(before, actors, spans, best_at, r)


_MAX_JOINED = 4   # "A, B, C and D cut ties": a longer list is no headline's subject


def _joined(before: list[str], actors: list[str], spans: dict[int, tuple[str, int]], best_at: int,
            r: HeadlineRules) -> str:
    """The actor named at `best_at` (last before the verb) and the actors joined to it by a
    conjunction and commas, in the text's order: "Egypt and Israel", "The United States,
    Britain and India". The second conjunct may open with a few words of its own ("his rival",
    "the separatist", "the leader of the opposition,"), each earlier one end with a head noun or
    a qualifier ("the Indonesian government", "President Rakhmonov of Tajikistan"). Bounded: a
    few words each way; the last actor alone when the list is longer than _MAX_JOINED or is none."""
    head, start = _head(before, spans, best_at, r)
    spans = _name_spans(before, actors, r, modifiers=True) | spans   # "the Indonesian government and"
    k = start - 1
    while k > 0 and start - k <= r.subject_words + 2 and before[k].lower() not in r.conjunctions:
        low = before[k].lower()
        if (low in r.verbish and before[k].islower()) or low in r.pronouns or low in r.clause_openers or \
                (low in r.prepositions and low not in r.name_connectors) or \
                (not before[k][:1].isalnum() and before[k] != ","):
            return head   # a verb, a clause or a preposition between ("..., after Pompeo met"): not one subject
        k -= 1
    if k <= 0 or before[k].lower() not in r.conjunctions:
        return head
    names = [head]
    while True:
        found = _conjunct_before(before, spans, k, names, r)
        if found is None:
            return _listed(names)
        if len(names) == _MAX_JOINED:
            return head   # "Austria, Norway, Sweden, Denmark and Finland": too many to name
        name, start = found
        names.insert(0, name)
        k = start - 1
        if k >= 0 and before[k].lower() in r.determiners:
            k -= 1
        if k < 1 or before[k] != ",":
            return _listed(names)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _head(before: list[str], spans: dict[int, tuple[str, int]], end: int, r: HeadlineRules) -> tuple[str, int]:
    """The actor of the name ending at `end` and where its words begin: that name's, or the
    person's it qualifies ("Jeyhun Bayramov of Azerbaijan", "President Rakhmonov of Tajikistan")."""
    name, start = spans[end]
    while start > 0 and start - 1 in spans and spans[start - 1][0] == name:
        start = spans[start - 1][1]   # "Free Aceh Movement GAM": one name, written twice
    connector = before[start - 1].lower() if start > 0 else ""
    if start >= 2 and connector in r.name_connectors and connector not in r.conjunctions \
            and connector not in r.determiners and start - 2 in spans and spans[start - 2][0] != name:
        return spans[start - 2]
    return name, start


def _conjunct_before(before: list[str], spans: dict[int, tuple[str, int]], k: int, taken: list[str],
                     r: HeadlineRules) -> tuple[str, int] | None:
    """The actor named within a few words before the conjunction or comma at `k` (its head
    noun may follow it: "the Indonesian government and"), with where its words begin."""
    for j in range(k - 1, max(-1, k - 4), -1):
        if j in spans and spans[j][0] not in taken:
            found = _head(before, spans, j, r)
            return found if found[0] not in taken else None
        low = before[j].lower()
        if not before[j][:1].isalnum() or low in r.verbish or low in r.pronouns:
            return None
    return None


def _named_before(tokens: list[str], verb_at: int, actors: list[str], r: HeadlineRules) -> bool:
    """Whether a word of an actor's name stands before the verb other than as the agent of a
    participle ("a truce brokered by the United States took hold": the truce did)."""
    names = {w for actor in actors for w in _name_words(actor)}
    return any(tokens[k] in names and not _agent_run(tokens, k, names, r) for k in range(max(0, verb_at)))


def _agent_run(tokens: list[str], k: int, names: set[str], r: HeadlineRules) -> bool:
    """Whether the run of name words ending at `k` follows an agent marker ("by the United Nations")."""
    while k and tokens[k - 1] in names:
        k -= 1
    before = k - 1
    if before >= 0 and tokens[before].lower() in r.determiners:
        before -= 1
    return before >= 0 and tokens[before].lower() in r.agent_markers


def _tokens(text: str) -> list[str]:
    return (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)


def _unbracketed_acronyms(tokens: list[str]) -> list[str]:
    """The tokens without the brackets of an acronym after a name ("the Free Aceh Movement
    (GAM) agreed"): the acronym names the actor right before the verb, as the name does."""
    at = tokens.index("(") if "(" in tokens else -1   # (list scans in C: most brackets hold no acronym)
    while at >= 0:
        if at + 2 < len(tokens) and tokens[at + 2] == ")" and tokens[at + 1].isupper() \
                and at > 0 and tokens[at - 1][:1].isupper():
            tokens = [*tokens[:at], tokens[at + 1], *tokens[at + 3:]]
        at = tokens.index("(", at + 1) if "(" in tokens[at + 1:] else -1
    return tokens


def _clause(tokens: list[str], at: int) -> tuple[int, int]:
    """The clause around token `at`: bounded by dashes and semicolons."""
    if _CLAUSE_BREAKS.isdisjoint(tokens):   # most sentences: one clause (checked in C)
        return 0, len(tokens)
    lo = max((i + 1 for i in range(at) if tokens[i] in _CLAUSE_BREAKS), default=0)
    hi = next((i for i in range(at, len(tokens)) if tokens[i] in _CLAUSE_BREAKS), len(tokens))
    return lo, hi


def _noun_subject(tokens: list[str], lows: list[str], verb_at: int, r: HeadlineRules) -> str:
    """The happening that is the verb's own subject ("the peace talks would resume" -> "Peace
    talks"), when a noun of `subject_nouns` stands right before the verb (or its modal) after a
    determiner: then it, not a person named elsewhere in the sentence, does what the verb says."""
    end = verb_at
    while end > 0 and lows[end - 1] in r.modals:
        end -= 1
    if end == 0 or lows[end - 1] not in r.subject_nouns:
        return ""
    if end == verb_at and lows[verb_at] in r.participles:
        return ""  # "the vote held on Friday" may be a vote someone held: only "began", "will meet"
    start = end - 1
    while start > 0 and end - start < 3 and tokens[start - 1][:1].isalpha() \
            and lows[start - 1] not in r.determiners:
        start -= 1
    if start == 0 or lows[start - 1] not in r.determiners:
        return ""
    phrase = " ".join(tokens[start:end])
    return phrase[:1].upper() + phrase[1:]


def _leading_happening(tokens: list[str], lows: list[str], lo: int, verb_at: int, r: HeadlineRules) -> str:
    """The happening its clause opens with ("A truce in Yemen, brokered by ..., expired" -> "Truce",
    "Talks to reunify Cyprus collapsed" -> "Talks"), when it is the subject of the verb at
    `verb_at` (one of happening_verbs): a few modifiers before its noun, and no other verb of its
    own between it and that verb (participles and infinitives qualify it; "the talks produced a
    deal that ... broke" does not)."""
    if lows[verb_at] not in r.verbish and lows[verb_at] not in r.presents:
        return ""
    while lo < verb_at and not tokens[lo][:1].isalnum():
        lo += 1   # the comma where the date was, a list entry's colon
    start = lo + 1 if lo < verb_at and lows[lo] in r.determiners else lo
    noun = next((k for k in range(start, min(verb_at, start + r.subject_words)) if lows[k] in r.subject_nouns), -1)
    if noun < 0 or any(not tokens[k][:1].isalnum() or lows[k] in r.prepositions or lows[k] in r.pronouns
                       or lows[k] in r.clause_openers or lows[k] in r.conjunctions
                       or (lows[k] in r.verbish and lows[k] not in r.participles) for k in range(start, noun)):
        return ""   # "Diplomats say talks ...": the happening opens no clause there
    if verb_at == noun + 2 and tokens[noun + 1] == "," and lows[verb_at] in r.participles:
        return ""   # "The rounds, held between April and June,": a participle telling of the noun
    join = verb_at - 1
    while join > noun and _skippable(lows[join], r):
        join -= 1
    if lows[join] in r.predicate_joiners:
        # "The negotiations began in Mexico City in August but stalled": a second predicate of the
        # same subject, whatever verbs the first has; not when a clause opener or another
        # happening comes between ("the talks began and the truce collapsed")
        return "" if any(lows[k] in r.clause_openers or lows[k] in r.relative_pronouns
                         or (lows[k] in r.subject_nouns and tokens[k][:1].islower())
                         for k in range(noun + 1, join)) else _phrase_of(tokens, start, noun)
    for k in range(noun + 1, verb_at):
        low = lows[k]
        if low in r.relative_pronouns or low in r.clause_openers or low in r.clause_verbs \
                or low in r.conjunctions or (low in r.subject_nouns and tokens[k][:1].islower()):
            return ""   # another clause, or another happening nearer the verb (a name is an apposition)
        if low in r.forms and low not in r.participles and lows[k - 1] not in r.modals:
            return ""   # a finite verb of its own: the happening is its subject
        if low in r.modals and k - 1 != noun and k + 1 != verb_at:
            return ""   # "talks on how the court will work could resume": a clause inside
    return _phrase_of(tokens, start, noun)


def _phrase_of(tokens: list[str], start: int, noun: int) -> str:
    phrase = " ".join(tokens[start:noun + 1])
    return phrase[:1].upper() + phrase[1:]


def _numbered(obj: list[str], r: HeadlineRules) -> bool:
    """Whether the object's last word is the number of the noun before it ("adopted resolution
    2042"), not a count or a year cut from its noun ("ended three", "signed the 2015")."""
    if len(obj) < 2:
        return False
    noun = obj[-2].lower()
    return noun.isalpha() and noun not in r.object_trailing and noun not in r.number_words \
        and noun not in r.determiners


def _count(word: str, r: HeadlineRules) -> bool:
    """A number that counts ("three", "180,000"), not a year ("the 2015 deal")."""
    if word.lower() in r.number_words:
        return True
    return word[:1].isdigit() and not (len(word) == 4 and word.isdigit())


def _plural(phrase: str, r: HeadlineRules) -> bool:
    """Whether a subject is plural: counted ("more than 180,000 people"), or by its head noun
    ("Cessation of hostilities" is one)."""
    words = phrase.split()
    cut = next((i for i in range(1, len(words)) if words[i].lower() in r.name_connectors
                and words[i].lower() not in r.conjunctions), len(words))
    words = words[:cut]  # the head's part: "Support group [of seventeen nations]"
    if any(_count(w, r) for w in words) and words[-1][-1:].isalpha() \
            and not any(w == "1" or w.lower() in r.singular_numbers for w in words):
        return True  # "more than 180,000 people", "three presidents"
    head = words[-1] if words else ""
    return (head.endswith("s") and not head.endswith(r.singular_endings)) or head.lower().endswith(r.plural_endings)


def _skippable(low: str, r: HeadlineRules) -> bool:
    return low in r.skip_words or (len(low) > len(r.adverb_suffix) + 2 and low.endswith(r.adverb_suffix))


def _phrase_before(tokens: list[str], lows: list[str], j: int, lo: int, r: HeadlineRules) -> tuple[int, int, bool]:
    """The words ending at token `j` that can make a noun phrase: (end, the index before its first
    word, whether a determiner stands there)."""
    end, k = j + 1, j
    while k >= lo and end - k <= r.subject_words and tokens[k][:1].isalnum():
        low = lows[k]
        if low in r.determiners or low in r.clause_openers:
            if low in r.relative_pronouns:
                break  # "the commission that investigated": a clause, not "that commission"
            return end, k, True  # "the talks", "since talks began"
        inside_name = (low in r.name_connectors and k > lo and tokens[k - 1][:1].isupper()
                       and tokens[k + 1][:1].isupper())
        if (low in r.object_stops or low in r.verbish or low in r.pronouns or low in r.clause_verbs) \
                and not inside_name:
            break
        k -= 1
    # a phrase that opens the sentence is its subject as surely as one after "the"
    return end, k, k < lo and lo == 0 and end > 0


def _names_actor(words: list[str], actors: list[str], r: HeadlineRules) -> bool:
    """Whether the words name one of the actors: its last name word ("Müller's envoys", "the ISSG"),
    all of them, or any in a name ("Abiy", "Kim", "Tigers"); one word in common with a phrase
    that is no name ("International sanctions", "International Atomic Energy Agency") is not."""
    bare = set(words)
    for w in words:
        if w.endswith(r.possessive):
            bare.add(next(w[:-len(e)] for e in r.possessive if w.endswith(e)))
    a_name = all(w[:1].isupper() or w.lower() in r.name_connectors for w in words)
    if a_name:
        # "the Action Group for Syria": a body named for an actor, not the actor, when the words
        # before its connector name no one
        cut = next((i for i, w in enumerate(words) if i and w.lower() in r.name_connectors
                    and w.lower() not in r.conjunctions), 0)
        if cut and not any(_names_actor(words[:cut], [actor], r) for actor in actors) \
                and any(tuple(words[cut + 1:]) == _name_words(actor) for actor in actors):
            return False   # (not "Secretary of State Mike Pompeo": a title before the name)
    for actor in actors:
        name = _name_words(actor)
        if name and (name[-1] in bare or all(w in bare for w in name)
                     or (a_name and not bare.isdisjoint(name))):
            return True
    return False


def _usable_phrase(tokens: list[str], lows: list[str], end: int, k: int, determined: bool,
                   actors: list[str], locations: list[str], relative: bool, r: HeadlineRules) -> list[str] | None:
    """The phrase's words when they can be a subject line's subject; [] when they name an actor
    (the actor is then the subject, by its canonical name); None when they are no subject: a
    pronoun, a time ("this evening"), a place of the event, the object of a preposition."""
    words = tokens[k + 1:end]
    if not words or end - k > r.subject_words + 1 or lows[k + 1] in r.pronouns \
            or lows[k + 1] in r.name_connectors:
        return None
    if not r.no_subject_words.isdisjoint(lows[k + 1:end]) \
            or " ".join(words) in locations or lows[end - 1] in r.purpose_nouns:
        return None
    before = k - 1 if determined else k
    if before >= 0 and (lows[before] in r.prepositions or lows[before] in r.verbish) and not relative:
        return None  # "elections under the agreement were held", "that ended the war was signed"
    if not determined and relative and lows[end - 1] in r.subject_nouns:
        return words[-1:]  # "to revive peace talks that collapsed": the talks
    if not determined and k >= 1 and lows[k] in r.conjunctions and tokens[k - 1].isalpha() \
            and tokens[k - 1].islower() and (k < 2 or not tokens[k - 2][:1].isalnum()):
        words, k = tokens[k - 1:end], k - 2   # "government and armed opposition delegations met"
    if not determined and not all(w[:1].isupper() or w.lower() in r.name_connectors for w in words) \
            and not any(_count(w, r) for w in words) \
            and not ((k < 0 or not tokens[k][:1].isalnum()) and _plural(" ".join(words), r)
                     and r.verbish.isdisjoint(lows[k + 1:end])):
        return None  # "signed in Geneva on Monday by envoys": no phrase of its own before the verb
        # ("more than 100,000 people fled", a counted phrase, is one; so is a bare plural that
        # opens its clause: "On Sunday, rebels entered Damascus")
    return [] if _names_actor(words, actors, r) else words


def _after_relative(lows: list[str], verb_at: int, phrase: str, r: HeadlineRules) -> bool:
    """True when a relative pronoun stands right before the phrase (or its determiner): "which the
    two leaders signed" says the leaders signed, not that they were signed."""
    start = verb_at - len(phrase.split()) - 1
    if start >= 0 and lows[start] in r.determiners:
        start -= 1
    return start >= 0 and lows[start] in r.relative_pronouns


def _conjoined(lows: list[str], verb_at: int, phrase: str, r: HeadlineRules) -> bool:
    """True when a conjunction stands right before the phrase (or its determiner): "the generals
    and the pro-democracy movement agreed" is a joined subject that agreed, not a movement agreed on."""
    start = verb_at - len(phrase.split()) - 1
    if start >= 0 and lows[start] in r.determiners:
        start -= 1
    if start < 0 or lows[start] not in r.conjunctions:
        return False
    # "the ceasefire signed in July, and the agreement reached in Rome": two participle phrases
    for j in range(start - 1, max(0, start - 12) - 1, -1):
        if lows[j] in _CLAUSE_BREAKS or lows[j] == ":":
            break
        if lows[j] in r.participles and j > 0 and lows[j - 1] not in r.determiners:
            return False
    return True


def _apposition_start(tokens: list[str], lows: list[str], comma: int, lo: int, r: HeadlineRules) -> int | None:
    """The comma opening an apposition that ends at `comma` (", the Home Minister,", ", sworn in
    on [date],"): a determiner or a participle right after it and a few words between, else None."""
    for m in range(comma - 2, max(lo, comma - r.subject_words - 2) - 1, -1):
        if tokens[m] == ",":
            opens = lows[m + 1] in r.determiners or lows[m + 1] in r.participles  # ", sworn in on ...,"
            return m if opens and m > lo else None
    return None


def _relative_object(tokens: list[str], lows: list[str], verb_at: int, lo: int, r: HeadlineRules) -> list[str]:
    """The noun phrase a relative clause's verb is done to: "the Geneva talks, which de Mistura
    suspended" -> "the Geneva talks" (a few words back, determiner kept); else nothing."""
    for m in range(verb_at - 1, max(lo, verb_at - r.subject_words - 3), -1):
        if lows[m] in r.relative_pronouns:
            if m - 1 <= lo or tokens[m - 1] != "," or all(_skippable(low, r) for low in lows[m + 1:verb_at]):
                return []  # "the conflict, which began": the clause's subject is the noun itself
            end, k, determined = _phrase_before(tokens, lows, m - 2, lo, r)
            words = tokens[k + 1:end]
            if not words or lows[k + 1] in r.pronouns or any(low in r.time_words for low in lows[k + 1:end]):
                return []
            if determined:
                return [lows[k], *words][: r.object_words]
            return words[: r.object_words] if all(w[:1].isupper() for w in words) else []
        if not tokens[m][:1].isalnum():
            return []
    return []


def _phrase_subject(tokens: list[str], lows: list[str], verb_at: int, lo: int, date_at: int | None,
                    actors: list[str], locations: list[str], r: HeadlineRules, passive: bool = False) -> str | None:
    """The noun phrase that is the verb's subject ("the Indian Ocean tsunami killed" -> "Indian
    Ocean tsunami", "the accord was formally signed" -> "Accord", "Parliament, which is due to
    reconvene" -> "Parliament"), when it names no actor (then the actor is the subject) and is
    no pronoun: after a determiner, or a run of capitalised words. Bounded: a few words back.
    None when the words before the verb name an actor ("Momade is elected": Momade is)."""
    j, relative, apposition = verb_at - 1, False, (0, 0)
    while j >= lo:
        low = lows[j]
        if _skippable(low, r):
            relative = relative or low in r.relative_pronouns
            j -= 1
        elif j == date_at and tokens[j] == ",":  # where the date was: "the tsunami of [date] killed"
            j -= 1
            if j >= lo and lows[j] in r.date_prepositions:
                j -= 1
        elif tokens[j] == "," and j + 1 < verb_at and lows[j + 1] in r.relative_pronouns:
            j -= 1  # "Parliament, which is due to reconvene"
            relative = True
        elif tokens[j] == "," and (opening := _apposition_start(tokens, lows, j, lo, r)) is not None:
            if lows[opening + 1] in r.determiners:   # (not ", brokered by Russia and Turkey,")
                apposition = (opening + 1, j)
            j = opening - 1  # "Gulzarilal Nanda, the Home Minister, was sworn in"
        else:
            break
    if j >= lo and actors:  # the common case, cheaply: an actor named right before the verb
        names = {w for actor in actors for w in _name_words(actor)}
        if tokens[j] in names:
            first = j
            while first > lo and tokens[first - 1] in names:
                first -= 1
            before = first - 1
            if before >= lo and lows[before] in r.determiners:
                before -= 1  # "the United Nations suspended": unless "of the ISSG", a qualifier
            if before < lo or (lows[before] not in r.prepositions and not tokens[before][:1].isupper()):
                return None
    end, k, determined = _phrase_before(tokens, lows, j, lo, r)
    words = _usable_phrase(tokens, lows, end, k, determined, actors, locations, relative, r)
    if words is None and k > lo and lows[k] in r.object_stops:
        # "a peace agreement signed in August 2015 collapsed": the subject stands before the
        # participle phrase that qualifies it
        participle = next((m for m in range(k - 1, max(lo, k - 3) - 1, -1) if lows[m] in r.participles
                           or (len(lows[m]) > 5 and lows[m].endswith(r.gerund_suffix)
                               and (lows[m + 1] not in r.object_stops or tokens[m + 2][:1].isupper()))), None)
        if participle is not None:
            end, k, determined = _phrase_before(tokens, lows, participle - 1, lo, r)
            words = _usable_phrase(tokens, lows, end, k, determined, actors, locations, relative, r)
    if words is None and k > lo:
        # "senior commanders from both sides are due to meet": the subject stands before the
        # prepositional phrase that qualifies it
        preposition = next((m for m in range(k, max(lo, k - 2) - 1, -1) if lows[m] in r.prepositions), None)
        if preposition is not None and preposition > lo:
            qualifier = tokens[preposition + 1:end]
            end, k, determined = _phrase_before(tokens, lows, preposition - 1, lo, r)
            words = _usable_phrase(tokens, lows, end, k, determined, actors, locations, relative, r)
            if words and not (k < lo or all(w[:1].isupper() for w in words)):
                words = None  # mid-sentence, "to revive the 2015 deal between ...": an object, maybe
            elif words and not passive and _names_actor(qualifier, actors, r):
                words = []  # "foreign ministers of the ISSG will meet": the ISSG, by name
    if words is None:
        return ""
    if not words:
        return None
    if apposition[1] and not all(w[:1].isupper() for w in words) and \
            _name_spans(tokens[apposition[0]:apposition[1]], actors, r):
        return None   # "Its larger rival, the Revolutionary Armed Forces of Colombia, signed": the name
    phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:]


def _reported_line(tokens: list[str], lows: list[str], lo: int, hi: int, date_at: int | None,
                   actors: list[str], locations: list[str], r: HeadlineRules) -> str:
    """A statement's line: its speaker, the verb of saying nearest the date in the present, and
    the first words of what was said, moved back to the present ("Kofi Annan said on 2 August
    he would not continue as envoy" -> "Kofi Annan says he will not continue"); "" when the
    clause has none, or what was said cannot be told apart ("told reporters" and no "that", a
    verb after its quotation: '"...," said one trader')."""
    found = [(abs(i - date_at) if date_at is not None else i, i) for i in range(lo, hi) if lows[i] in r.speech_verbs]
    if not found:
        return ""
    verb_at = min(found)[1]
    if verb_at == lo or (not tokens[verb_at - 1][:1].isalnum() and tokens[verb_at - 1] not in (",", ")")):
        return ""   # '"We have waited," said one trader': the speaker follows the quotation
    k = verb_at + 1
    while k < hi and lows[k] not in r.complementizers and (
            k == date_at or _skippable(lows[k], r) or lows[k] in r.time_words
            or (lows[k] in r.date_prepositions and k + 1 == date_at)):
        k += 1   # "said on Friday", "said late on Monday"
    # "told reporters on Friday that", "said in a statement that": what was said follows "that"
    that = next((j for j in range(k, min(hi, k + 5)) if lows[j] in r.complementizers), None)
    if that is not None:
        k = that + 1
    elif lows[verb_at] in r.need_complementizer:
        return ""
    clause: list[str] = []
    while k < hi and len(clause) < r.reported_words and tokens[k][:1].isalnum() and k != date_at \
            and not (clause and (lows[k] in r.object_enders or lows[k] in r.clause_openers)):
        word = r.reported_present.get(lows[k], tokens[k])
        # (a name is one: "the United States")
        plural = bool(clause) and not clause[-1][:1].isupper() and _plural(" ".join(clause), r)
        if lows[k] in r.plural_present and plural:
            word = r.plural_present[lows[k]]   # "fighters had looted" -> "have looted"
        elif lows[k] in r.forms and clause and not _skippable(clause[-1].lower(), r):
            # a simple past of the verb table: "the United States welcomed" -> "welcomes" (not
            # the participle after "have", "was")
            word = r.forms[lows[k]][0 if plural else 1]
        clause.append(word)
        k += 1
    while clause and (clause[-1].lower() in r.object_trailing or clause[-1].lower() in r.number_words
                      or _skippable(clause[-1].lower(), r)):
        clause.pop()   # "the summit had" -> "the summit": no verb left, no line
    told = {w.lower() for w in clause}
    if len(clause) < 2 or (told.isdisjoint(r.verbish_or_present) and told.isdisjoint(r.reported_present.values())
                           and told.isdisjoint(r.plural_present.values())
                           and not any(w.endswith(r.past_suffix) for w in told)):
        return ""   # no verb: not what was said ("said in a statement")
    phrase = _phrase_subject(tokens, lows, verb_at, lo, date_at, actors, locations, r)
    who = phrase or _subject(tokens[:verb_at], actors, r)
    if not who:
        return ""
    base, third = r.speech_verbs[lows[verb_at]]
    plural = who not in actors and (_plural(who, r) or not r.conjunctions.isdisjoint(who.lower().split()))
    return " ".join([who, base if plural else third, *clause])


def _place(tokens: list[str], locations: list[str], verb_at: int, reach: int) -> str:
    """The event's place: one named just after its verb ("suspended talks in Geneva", not the
    "assault on rebels in Aleppo" before it), else the first of the event's places."""
    best, best_at = (locations[0] if locations else ""), verb_at + reach + 1
    for place in locations:
        first = place.split()[0]
        for i in range(verb_at + 1, min(best_at, len(tokens))):
            if tokens[i] == first:
                best, best_at = place, i
                break
    return best


def headline(sentence: str, actors: list[str], locations: list[str], status: str, event_type: str,
             timex: str = "") -> str:
    """The "who does what" line of one event from its representative sentence: the verb of the
    clause of its date (a sentence can tell two events: "activists reported airstrikes in recent
    days - the most since Russia opened its campaign last September")."""
    r = rules()
    at = sentence.find(timex) if timex else -1
    date_after_verb = False   # whether the date may stand between a verb and its object
    plain = (lambda t: t) if "(" not in sentence else _unbracketed_acronyms
    if at >= 0:
        date_after_verb = sentence[at + len(timex):at + len(timex) + 2] not in r.possessive
        head = plain(_tokens(sentence[:at]))
        tokens = [*head, ",", *plain(_tokens(sentence[at + len(timex):]))]  # the date is no part of the object
        date_at: int | None = len(head)
    else:
        tokens, date_at = plain(_tokens(sentence)), None
    lows = " ".join(tokens).lower().split(" ")  # tokens hold no spaces: one lower() per sentence
    if len(lows) != len(tokens):  # a character whose lower case is a space (never in practice)
        lows = [t.lower() for t in tokens]
    lo, hi = _clause(tokens, date_at) if date_at is not None else (0, len(tokens))
    if date_at is not None and date_at + 2 < hi and tokens[date_at + 1] == ":":
        lo = date_at + 2   # "what happened last Wednesday: the Security Council gave ...": the event follows
    words: list[str] = []
    verb_at, verb_gap, base, passive_verb = -1, float("inf"), "", False
    forms_of, bases, modals, passive = r.forms, r.bases, r.modals, r.passive
    verbish, participles, object_enders = r.verbish, r.participles, r.object_enders
    # A sentence that opens with its date is a chronology's entry, told in the present ("- 1977:
    # Civil war breaks out", "Oct 4, 1992: Frelimo and Renamo sign a General Peace Agreement").
    entry = date_at is not None and not any(t[:1].isalnum() for t in tokens[:date_at])
    presents = r.presents if entry else {}
    candidates = r.verbish_or_present if entry else verbish
    for i in [i for i in range(lo, hi) if lows[i] in candidates]:  # the few words that can be verbs
        if date_at is not None and i > date_at and 2 * (i - date_at) >= verb_gap:
            break  # no verb further on can be nearer the date
        low = lows[i]
        forms = forms_of.get(low)
        if forms is None and entry and i + 1 < len(lows) and (lows[i + 1] in verbish or lows[i + 1] in presents):
            continue  # "Peace talks open": a noun before its verb
        if forms is None and entry and i > lo and tokens[i - 1][:1].isalnum() and lows[i - 1] not in modals:
            forms = presents.get(low) or bases.get(low)   # "Mozambique holds", "Frelimo and Renamo sign"
        if forms is None:
            if not i or lows[i - 1] not in modals:
                continue
            forms = bases.get(low)
            if forms is None:
                continue
        # News puts the date after its verb ("signed ... on Tuesday"): a verb after the date
        # counts twice as far.
        gap = (date_at - i if i < date_at else 2 * (i - date_at)) if date_at is not None else 0
        if gap >= verb_gap:
            continue  # the verb nearest the date tells its event
        is_passive = False
        if low in participles:
            aux = i - 1
            while aux >= 0 and lows[aux] not in passive and _skippable(lows[aux], r):
                aux -= 1  # "was formally signed"
            is_passive = aux >= 0 and lows[aux] in passive
            if not is_passive and aux >= 0 and (
                    lows[aux] in r.determiners or lows[aux].endswith(r.possessive)
                    or (tokens[aux] == "," and i + 1 < len(lows) and lows[i + 1] in r.agent_markers)):
                continue  # an adjective ("Azerbaijan's internationally recognised borders", "the
                # disputed election") or a clause about a noun (", mediated by Sant'Egidio")
        if is_passive:  # what was done is the subject: "Agreement signed", "Accord to be signed"
            verb = f"to be {tokens[i]}" if status == "planned" else tokens[i]
        else:
            verb = f"to {forms[0]}" if status == "planned" else forms[1]
        obj: list[str] = []
        first = i + 1
        if date_after_verb and i < date_at < hi - 1 and lows[date_at + 1] not in verbish and all(
                lows[k] in r.date_prepositions or lows[k] in r.time_words or _skippable(lows[k], r)
                for k in range(i + 1, date_at)):
            # "agreed (early) on [Sunday] on a framework": the object after the date; not "the
            # agreements reached since [1994] enter", "held since [last autumn]'s war"
            first = date_at + 1
        complements = r.complements.get(forms[0])
        if complements and first < hi:
            at = first
            if lows[at] in r.complement_after and at + 1 < hi and tokens[at + 1][:1].isupper():
                at += 1   # "agreed in Geneva on principles": the place, then what was agreed
                while at < hi and tokens[at][:1].isupper():
                    at += 1
            if at < hi and lows[at] in complements:
                obj, first = [tokens[at]], at + 1   # "agreed on principles", "fired on protesters"
        for k in range(first, min(hi, first + r.object_words)):  # bounded: no copy of the rest per verb
            nxt = tokens[k]
            if not nxt[0].isalnum() or (lows[k] in object_enders and not (
                    lows[k] in r.ordinals and obj and obj[-1].lower() in r.determiners)):
                break   # (after a determiner an ordinal is no time: "a second draft resolution")
            obj.append(nxt)
        while obj and (obj[-1].lower() in r.object_trailing or obj[-1].lower() in r.number_words
                       or (obj[-1][:1].isdigit() and not _numbered(obj, r))):
            obj.pop()  # "approved the release of the" -> "approved the release"
        if obj and complements and obj[-1].lower() in complements:
            obj.pop()   # a complement with nothing after it
        words, verb_at, verb_gap, base, passive_verb = [verb, *obj], i, gap, forms[0], is_passive
        if date_at is None:
            break
    if status != "planned" and event_type in r.speech_types and (
            verb_at < 0 or (len(words) == 1 and lows[verb_at] in r.need_complementizer)
            or any(lows[k] in r.speech_verbs for k in range(lo, verb_at))):
        # a statement's verb of saying, or a verb of the table inside what was said ("said he
        # would not continue once his mandate ended")
        said = _reported_line(tokens, lows, lo, hi, date_at, actors, locations, r)
        if said:
            return said
    verb_subject_end, reduced, done_to = verb_at, False, None
    if verb_at >= 0 and not passive_verb and lows[verb_at] in r.participles \
            and base not in r.acts_without_object and len(words) == 1:
        # a participle without an object after a noun phrase, or after its comma ("the Minsk
        # Protocol, signed on 5 September"): what was done to it
        after_comma = verb_at > 1 and tokens[verb_at - 1] == ","
        subject_end = verb_at - 1 if after_comma else verb_at
        done_to = _phrase_subject(tokens, lows, subject_end, lo, date_at, actors, locations, r, True)
        followed = lows[verb_at + 1] if verb_at + 1 < len(lows) else ""
        clause_before = after_comma and bool(done_to) and len(done_to.split()) > 3
        if clause_before:
            done_to = ""  # "The text recalls resolution 1559, adopted ...": a clause, not a name
        if done_to and verb_at and tokens[subject_end - 1][:1].isalnum() and (after_comma or not _plural(done_to, r)) \
                and not _after_relative(lows, subject_end, done_to, r) and followed not in r.relative_pronouns \
                and (after_comma or not _conjoined(lows, subject_end, done_to, r)):
            passive_verb = reduced = True
            words[0] = f"to be {tokens[verb_at]}" if status == "planned" else tokens[verb_at]
            verb_subject_end = subject_end
        elif clause_before:
            words = []  # ", adopted on ...": a participle telling of what stands before its comma
    happening = _noun_subject(tokens, lows, verb_at, r) if verb_at >= 0 and not passive_verb else ""
    if happening or verb_at < 0:
        phrase: str | None = ""
    elif reduced:
        phrase = done_to  # found above, with the same words and reading
    else:
        phrase = _phrase_subject(tokens, lows, verb_subject_end, lo, date_at, actors, locations, r, passive_verb)
    if not happening and not phrase and verb_at >= 0 and not passive_verb and base in r.happening_verbs:
        # no happening right before the verb, and no noun phrase there but a name, or none
        happening = _leading_happening(tokens, lows, lo, verb_at, r)
        phrase = "" if happening else phrase
    names_actor = phrase is None
    phrase = phrase or ""
    subject_phrase = happening or phrase
    if subject_phrase and not passive_verb and status != "planned" and (
            _plural(subject_phrase, r) or (subject_phrase not in actors
                                           and not r.conjunctions.isdisjoint(subject_phrase.lower().split()))):
        words[0] = base  # "Talks open", "Negotiations begin", "Ministers take their oaths"
    if passive_verb:  # what was done to someone or something: the line's subject is them
        who = phrase or (_subject(tokens[:verb_at], actors) if names_actor else "") \
            or (r.passive_subjects[event_type][0] if base in r.passive_subjects.get(event_type, ("", ()))[1] else "")
        if not who:  # "They were broken off": nothing to say who or what
            words = []
            who = _subject(tokens[:verb_at], actors)
    elif not (happening or phrase) and words and base in r.type_subjects.get(event_type, ("", ()))[1] \
            and not _named_before(tokens, verb_at, actors, r):
        who = ""  # "It collapsed within days as the rebels pushed in": the happening did it (below)
    else:
        who = happening or phrase or _subject(tokens[:verb_at] if verb_at >= 0 else tokens, actors, r,
                                              tokens[verb_at + 1:hi] if verb_at >= 0 else None)
        if who and who not in actors and not happening and not phrase and words and status != "planned":
            words[0] = base  # two actors joined: "Israel and Hamas agree"
    subject, verbs = r.type_subjects.get(event_type, ("", frozenset()))
    if not who and words and base in verbs:
        who = subject  # "Attack kills dozens of people in Idlib", not "kills ..."
        if status != "planned" and _plural(who, r):
            words[0] = base
    if len(words) == 1 and not passive_verb and not r.relative_pronouns.isdisjoint(lows[max(lo, verb_at - 8):verb_at]):
        words += _relative_object(tokens, lows, verb_at, lo, r)  # "the Geneva talks, which de Mistura suspended"
    place = _place(tokens, locations, verb_at, r.place_reach) if words else (locations[0] if locations else "")
    if words:
        # Never cut: the subject (a phrase of subject_words, or at most _MAX_JOINED names) and the
        # object (object_words) are bounded already, and a cut line ends mid-phrase ("to sign a
        # final"); only the place is left out when the line is longer than max_words.
        line = " ".join(([who] if who else []) + words).split()
        told = " ".join([who, *words])
        if place and not any(p in told for p in locations) \
                and len(line) + 2 + place.count(" ") <= r.max_words:
            line += ["in", place]
        return " ".join(line)
    label = event_type.replace("_", " ")
    if status == "planned":
        label += " planned"
    parts = [p for p in (who, label) if p]
    line = ": ".join(parts) if who else label[:1].upper() + label[1:]
    return line + (f" in {place}" if place else "")
