"""The headline rules: the verb table and the word lists of `resources/chronology/headlines.yaml`,
loaded once and validated."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require
from timeline.extract.event_types import require_known_types
from timeline.temporal.rulebook import load_lexicon

RESOURCE = "chronology/headlines.yaml"


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
    place_prepositions: frozenset[str]  # the sentence's words that may join the place to the line
    subject_nouns: frozenset[str]     # happenings that are a verb's subject ("the talks resumed")
    determiners: frozenset[str]
    acting_heads: frozenset[str]      # "ministers of the ISSG met": people acting for the name after them
    object_pronouns: dict[str, frozenset[str]]  # "singular", "plural", "person" -> pronouns an object cannot keep
    object_pronoun_words: frozenset[str]         # all of them
    type_subjects: dict[str, tuple[str, frozenset[str]]]  # event type -> (subject, the verbs it does)
    passive_subjects: dict[str, tuple[str, frozenset[str]]]  # event type -> (subject, the verbs done to it)
    adverb_suffix: str
    subject_words: int
    apposition_words: int             # words of an apposition between a subject and its verb
    name_connectors: frozenset[str]   # lower-case words inside a name ("Cessation of Hostilities")
    pronouns: frozenset[str]
    acts_without_object: frozenset[str]  # base forms
    happening_verbs: frozenset[str]   # what a happening opening its clause does ("the truce expired")
    complements: dict[str, frozenset[str]]   # base -> the prepositions that open its object ("agree on")
    complement_after: frozenset[str]  # a place phrase may stand between verb and complement ("in Geneva")
    particles: frozenset[str]         # complements kept with nothing after them ("took over")
    predicate_joiners: frozenset[str]  # "began ... but stalled": a second predicate of one subject
    date_prepositions: frozenset[str]
    relative_pronouns: frozenset[str]
    relative_openers: frozenset[str]  # relative pronouns but the complementizers ("that" opens what was said too)
    prepositions: frozenset[str]
    time_words: frozenset[str]        # single words of the tagger's time vocabulary ("evening")
    number_words: frozenset[str]      # "three": an object does not end on a number
    ordinals: frozenset[str]          # "second": a time unit too, but not after "a", "the"
    time_parts: frozenset[str]        # "earlier", "late": a time, but an adjective after "an", "the"
    reflexive_pronouns: frozenset[str]  # "themselves": the object of a participle ("committing themselves")
    singular_numbers: frozenset[str]  # the number words of 1 ("one")
    purpose_nouns: frozenset[str]     # "the chief aim was to make": no subject of "make"
    clause_verbs: frozenset[str]      # "diplomats said officials would meet": no noun phrase across them
    lexicon_excluded: frozenset[str]  # base forms never read from the lexicon's past forms ("said")
    gerund_suffix: str
    clause_openers: frozenset[str]    # "since talks began": a clause's subject follows
    no_subject_words: frozenset[str]  # time words and clause verbs: a phrase holding one is no subject
    skip_words: frozenset[str]        # modals, passive auxiliaries and the words between subject and verb
    negations: frozenset[str]         # "not", "never": kept in the line when before its verb
    purpose_markers: frozenset[str]   # "to": an infinitive right after the date tells a purpose
    thing_pronouns: frozenset[str]    # "it", "they": a subject the row's first actor is not
    person_pronouns: frozenset[str]   # "he", "she": a subject no state or group is
    verb_adverbs: frozenset[str]      # "first", "last" right before a verb ("the two leaders last met")
    date_clauses: frozenset[str]      # "when": a clause after the date's comma that tells what happened then
    segment_openers: frozenset[str]   # clause openers and relative pronouns but "that": a date's clause ends there
    denying_determiners: frozenset[str]   # "no": "had no mandate to negotiate" denies "negotiate"
    object_enders: frozenset[str]     # object_stops and time words: an object ends before one
    singular_endings: tuple[str, ...]
    plural_endings: tuple[str, ...]      # "militiamen", "people": plural without an "s"
    conjunctions: frozenset[str]      # joining two actors into one subject ("Israel and Hamas")
    possessive: tuple[str, ...]       # the endings of a possessive ("Azerbaijan's")
    agent_markers: frozenset[str]     # ", mediated by": the participle tells of the noun before
    object_words: int
    max_words: int
    aside_marks: tuple[str, ...]      # the dashes that enclose an aside ("—", " - ")
    aside_words: int                  # an aside longer than this is a clause of its own
    speech_verbs: dict[str, tuple[str, str]]   # a past verb of saying -> (base, third person)
    complementizers: frozenset[str]            # "that": what follows was said
    need_complementizer: frozenset[str]        # "announced": what was said only after "that"
    reported_present: dict[str, str]           # "would" -> "will": what was said, in the present
    plural_present: dict[str, str]             # "had" -> "have" after a plural subject
    plural_pronouns: frozenset[str]            # "they": a plural subject of what was said
    reported_words: int
    past_suffix: str                           # "needed": a verb of what was said
    speech_types: frozenset[str]
    examples: tuple[dict[str, Any], ...]
    verbish: frozenset[str]              # every word that can be read as a verb: forms and bases
    presents: dict[str, tuple[str, str]]  # third person -> (base, third person): a dated entry's tense
    plural_actors: frozenset[str]     # canonical names that take a plural verb ("Houthis fire")
    plan_presents: dict[str, tuple[str, str]]  # the third persons read as a plan's verb ("opens tomorrow")
    verbish_or_plan_present: frozenset[str]    # verbish and plan_presents: the verbs of a plan
    verbish_or_present: frozenset[str]    # verbish and the third persons: the verbs of a dated entry
    # the words before a pronoun subject that make it no contact clause's ("and they", "said they",
    # "in it"): joiners, openers, verbs and prepositions, in one set
    not_contact_heads: frozenset[str] = frozenset()


@functools.cache
def rules() -> HeadlineRules:
    return build_rules(load_yaml(RESOURCE))


def build_rules(data: Any) -> HeadlineRules:
    """The rules of headlines.yaml's parsed `data`, validated (ResourceError names the entry)."""
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    # the reported speech's types, the types that are a line's subject, the examples' types
    require_known_types(data, RESOURCE, also=("types",), keyed=("type_subjects", "passive_subjects"))
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
                 "acts_without_object", "date_prepositions", "place_prepositions", "relative_pronouns", "prepositions",
                 "time_word_lists", "singular_endings", "plural_endings", "conjunctions", "agent_markers",
                 "purpose_nouns", "clause_verbs", "lexicon_excluded", "clause_openers", "happening_verbs", "predicate_joiners",
                 "negations", "acting_heads", "denying_determiners", "purpose_markers", "thing_pronouns", "person_pronouns", "verb_adverbs", "date_clauses", "reflexive_pronouns"):
        require(isinstance(data.get(name), list) and all(isinstance(w, str) for w in data[name]), RESOURCE,
                name, "must be a list of words")
    require(isinstance(data.get("possessive"), list) and all(isinstance(w, str) and w for w in data["possessive"]),
            RESOURCE, "possessive", "must be a list of word endings")
    object_pronouns = data.get("object_pronouns")
    require(isinstance(object_pronouns, dict) and set(object_pronouns) == {"singular", "plural", "person"}
            and all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in object_pronouns.values()),
            RESOURCE, "object_pronouns", "must map singular, plural and person to lists of pronouns")
    for name in ("adverb_suffix", "gerund_suffix"):
        require(isinstance(data.get(name), str) and data[name], RESOURCE, name, "must be a word ending")
    for name in ("object_words", "max_words", "place_reach", "subject_words", "apposition_words"):
        require(isinstance(data.get(name), int) and data[name] > 0, RESOURCE, name, "must be a whole number > 0")
    asides = data.get("asides")
    require(isinstance(asides, dict) and isinstance(asides.get("marks"), list)
            and all(isinstance(m, str) and m.strip() for m in asides["marks"])
            and isinstance(asides.get("words"), int) and asides["words"] > 0, RESOURCE, "asides",
            "needs 'marks' (a list of dashes) and 'words' (a whole number > 0)")
    participles = frozenset(entry[3].lower() for entry in data.get("verbs") or [])
    complements = data.get("complements")
    require(isinstance(complements, dict) and isinstance(complements.get("verbs"), dict)
            and isinstance(complements.get("after_place"), list) and isinstance(complements.get("particles"), list),
            RESOURCE, "complements",
            "needs 'verbs' (base form -> prepositions), 'after_place' and 'particles' (lists of words)")
    require(set(complements["particles"]) <= {w for words in complements["verbs"].values() for w in words},
            RESOURCE, "complements.particles", "must be prepositions of complements.verbs")
    for base, words in complements["verbs"].items():
        require(base in bases and isinstance(words, list) and all(isinstance(w, str) for w in words), RESOURCE,
                f"complements.verbs.{base}", "must be a base form of the verb table with a list of prepositions")
    for name in ("acts_without_object", "happening_verbs"):
        require(all(v in bases for v in data[name]), RESOURCE, name, "must be base forms of the verb table")
    speech = data.get("reported_speech")
    require(isinstance(speech, dict) and isinstance(speech.get("verbs"), dict) and all(
        isinstance(v, list) and len(v) == 2 and all(isinstance(w, str) for w in v) for v in speech["verbs"].values()),
        RESOURCE, "reported_speech.verbs", "must map each past form to [base, third person]")
    for name in ("complementizers", "need_complementizer", "types", "plural_pronouns"):
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
    plural_actors = data.get("plural_actors")
    require(isinstance(plural_actors, list) and all(isinstance(w, str) and w.strip() for w in plural_actors),
            RESOURCE, "plural_actors", "must be a list of canonical actor names")
    plan_presents = data.get("plan_presents")
    require(isinstance(plan_presents, list) and all(isinstance(w, str) and w.lower() in presents for w in plan_presents),
            RESOURCE, "plan_presents", "must be a list of third-person forms of the verb table")
    vocabulary = load_lexicon().values
    require(all(name in vocabulary for name in data["time_word_lists"]), RESOURCE, "time_word_lists",
            f"must name word lists of the time vocabulary ({', '.join(sorted(vocabulary))})")
    time_words = frozenset(w for name in data["time_word_lists"] for w in vocabulary[name] if " " not in w)
    built = HeadlineRules(forms=forms, participles=participles, bases=bases, modals=frozenset(w.lower() for w in modals),
                         passive=frozenset(w.lower() for w in data.get("passive") or ()), object_stops=frozenset(w.lower() for w in stops),
                         object_trailing=frozenset(w.lower() for w in trailing),
                         object_words=data["object_words"], max_words=data["max_words"],
                         aside_marks=tuple(asides["marks"]), aside_words=asides["words"],
                         place_reach=data["place_reach"],
                         place_prepositions=frozenset(w.lower() for w in data["place_prepositions"]),
                         subject_nouns=frozenset(w.lower() for w in data["subject_nouns"]),
                         determiners=frozenset(w.lower() for w in data["determiners"]),
                         acting_heads=frozenset(w.lower() for w in data["acting_heads"]),
                         object_pronouns={k: frozenset(w.lower() for w in v) for k, v in object_pronouns.items()},
                         object_pronoun_words=frozenset(w.lower() for v in object_pronouns.values() for w in v),
                         type_subjects=subjects["type_subjects"], passive_subjects=subjects["passive_subjects"],
                         adverb_suffix=data["adverb_suffix"], subject_words=data["subject_words"],
                         apposition_words=data["apposition_words"],
                         name_connectors=frozenset(w.lower() for w in data["name_connectors"]),
                         pronouns=frozenset(w.lower() for w in data["pronouns"]),
                         acts_without_object=frozenset(data["acts_without_object"]),
                         happening_verbs=frozenset(data["happening_verbs"]),
                         complements={base: frozenset(w.lower() for w in words)
                                      for base, words in data["complements"]["verbs"].items()},
                         complement_after=frozenset(w.lower() for w in data["complements"]["after_place"]),
                         particles=frozenset(w.lower() for w in data["complements"]["particles"]),
                         predicate_joiners=frozenset(w.lower() for w in data["predicate_joiners"]),
                         date_prepositions=frozenset(w.lower() for w in data["date_prepositions"]),
                         relative_pronouns=frozenset(w.lower() for w in data["relative_pronouns"]),
                         relative_openers=frozenset(w.lower() for w in data["relative_pronouns"])
                         - frozenset(w.lower() for w in speech["complementizers"]),
                         prepositions=frozenset(w.lower() for w in data["prepositions"]),
                         time_words=time_words,
                         number_words=frozenset(w for w, v in vocabulary.get("number_word", {}).items()
                                                if " " not in w and v != 1),
                         singular_numbers=frozenset(w for w, v in vocabulary.get("number_word", {}).items()
                                                    if v == 1),
                         ordinals=frozenset(w for w in vocabulary.get("ordinal", {}) if " " not in w),
                         time_parts=frozenset(w for w in vocabulary.get("part", {}) if w.isalpha()),
                         reflexive_pronouns=frozenset(w.lower() for w in data["reflexive_pronouns"]),
                         singular_endings=tuple(data["singular_endings"]),
                         plural_endings=tuple(data["plural_endings"]),
                         conjunctions=frozenset(w.lower() for w in data["conjunctions"]),
                         purpose_nouns=frozenset(w.lower() for w in data["purpose_nouns"]),
                         clause_verbs=frozenset(w.lower() for w in data["clause_verbs"]),
                         lexicon_excluded=frozenset(w.lower() for w in data["lexicon_excluded"]),
                         gerund_suffix=data["gerund_suffix"],
                         clause_openers=frozenset(w.lower() for w in data["clause_openers"]),
                         no_subject_words=time_words | frozenset(w.lower() for w in data["clause_verbs"]),
                         object_enders=frozenset(w.lower() for w in stops) | time_words,
                         skip_words=frozenset(w.lower() for w in [*modals, *(data.get("passive") or ()),
                                                                   *data["between_subject_and_verb"],
                                                                   *data["negations"]]),
                         negations=frozenset(w.lower() for w in data["negations"]),
                         purpose_markers=frozenset(w.lower() for w in data["purpose_markers"]),
                         thing_pronouns=frozenset(w.lower() for w in data["thing_pronouns"]),
                         person_pronouns=frozenset(w.lower() for w in data["person_pronouns"]),
                         verb_adverbs=frozenset(w.lower() for w in data["verb_adverbs"]),
                         date_clauses=frozenset(w.lower() for w in data["date_clauses"]),
                         segment_openers=frozenset(w.lower() for w in [*data["clause_openers"], *data["relative_pronouns"]])
                         - frozenset(w.lower() for w in speech["complementizers"]),
                         denying_determiners=frozenset(w.lower() for w in data["denying_determiners"]),
                         possessive=tuple(data["possessive"]),
                         agent_markers=frozenset(w.lower() for w in data["agent_markers"]),
                         speech_verbs={k.lower(): (v[0], v[1]) for k, v in speech["verbs"].items()},
                         complementizers=frozenset(w.lower() for w in speech["complementizers"]),
                         need_complementizer=frozenset(w.lower() for w in speech["need_complementizer"]),
                         reported_present={k.lower(): v for k, v in speech["present"].items()},
                         plural_present={k.lower(): v for k, v in speech["plural_present"].items()},
                         plural_pronouns=frozenset(w.lower() for w in speech["plural_pronouns"]),
                         reported_words=speech["words"], speech_types=frozenset(speech["types"]),
                         past_suffix=speech["past_suffix"],
                         examples=tuple(data.get("examples") or ()),
                         verbish=frozenset(forms) | frozenset(bases),
                         presents=presents,
                         plural_actors=frozenset(plural_actors),
                         plan_presents={w.lower(): presents[w.lower()] for w in plan_presents},
                         verbish_or_plan_present=frozenset(forms) | frozenset(bases)
                         | frozenset(w.lower() for w in plan_presents),
                         verbish_or_present=frozenset(forms) | frozenset(bases) | frozenset(presents))
    return dataclasses.replace(built, not_contact_heads=frozenset().union(
        built.conjunctions, built.predicate_joiners, built.clause_openers, built.relative_pronouns,
        built.complementizers, built.speech_verbs, built.clause_verbs, built.prepositions, built.verbish,
        built.modals, built.passive, built.object_stops))
