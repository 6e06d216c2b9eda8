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

RESOURCE = "chronology/headlines.yaml"
_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*|[,;:()“”\"—–]")
# _TOKEN on ASCII text (letters and digits are a-z, A-Z, 0-9 there): the same tokens, faster
_ASCII_TOKEN = re.compile(r"[a-zA-Z0-9]+(?:[-'.][a-zA-Z0-9]+)*|[,;:()\"]")
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
    object_words: int
    max_words: int
    examples: tuple[dict[str, Any], ...]
    verbish: frozenset[str]              # every word that can be read as a verb: forms and bases


@functools.cache
def rules() -> HeadlineRules:
    data: Any = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    forms: dict[str, tuple[str, str]] = {}
    bases: dict[str, tuple[str, str]] = {}
    for i, entry in enumerate(data.get("verbs") or []):
        require(isinstance(entry, list) and len(entry) == 4 and all(isinstance(w, str) for w in entry),
                RESOURCE, f"verbs[{i}]", "must be [base, third person, past, past participle]")
        # "signs", "talks", "strikes" are nouns as often as verbs: only the past forms, and the
        # base after a modal ("will meet"), are read as the verb.
        for form in entry[2:]:
            forms.setdefault(form.lower(), (entry[0], entry[1]))
        bases.setdefault(entry[0].lower(), (entry[0], entry[1]))
    modals = data.get("modals")
    require(isinstance(modals, list) and all(isinstance(w, str) for w in modals), RESOURCE, "modals",
            "must be a list of words")
    stops = data.get("object_stops")
    require(isinstance(stops, list) and all(isinstance(w, str) for w in stops), RESOURCE, "object_stops",
            "must be a list of words")
    trailing = data.get("object_trailing")
    require(isinstance(trailing, list) and all(isinstance(w, str) for w in trailing), RESOURCE,
            "object_trailing", "must be a list of words")
    type_subjects: dict[str, tuple[str, frozenset[str]]] = {}
    for event_type, entry in (data.get("type_subjects") or {}).items():
        require(isinstance(entry, dict) and isinstance(entry.get("subject"), str) and entry["subject"].strip()
                and isinstance(entry.get("verbs"), list) and all(v in bases for v in entry["verbs"]),
                RESOURCE, f"type_subjects.{event_type}", "needs a 'subject' and 'verbs' (base forms of the verb table)")
        type_subjects[str(event_type)] = (entry["subject"], frozenset(entry["verbs"]))
    for name in ("subject_nouns", "determiners"):
        require(isinstance(data.get(name), list) and all(isinstance(w, str) for w in data[name]), RESOURCE,
                name, "must be a list of words")
    for name in ("object_words", "max_words", "place_reach"):
        require(isinstance(data.get(name), int) and data[name] > 0, RESOURCE, name, "must be a whole number > 0")
    participles = frozenset(entry[3].lower() for entry in data.get("verbs") or [])
    return HeadlineRules(forms=forms, participles=participles, bases=bases, modals=frozenset(w.lower() for w in modals),
                         passive=frozenset(w.lower() for w in data.get("passive") or ()), object_stops=frozenset(w.lower() for w in stops),
                         object_trailing=frozenset(w.lower() for w in trailing),
                         object_words=data["object_words"], max_words=data["max_words"],
                         place_reach=data["place_reach"],
                         subject_nouns=frozenset(w.lower() for w in data["subject_nouns"]),
                         determiners=frozenset(w.lower() for w in data["determiners"]),
                         type_subjects=type_subjects,
                         examples=tuple(data.get("examples") or ()),
                         verbish=frozenset(forms) | frozenset(bases))


@functools.lru_cache(maxsize=100_000)
def _name_words(actor: str) -> tuple[str, ...]:
    """The words of a canonical name that can stand for it in a text (longer than 2 letters)."""
    return tuple(w for w in actor.split() if len(w) > 2)


def _subject(before: list[str], actors: list[str]) -> str:
    """The actor named last before the verb (a word of its canonical name in the text), else the
    event's first actor."""
    if not actors:
        return ""
    best, best_at = "", -1
    last = dict(zip(before, range(len(before))))   # each token's last position, made in C
    for actor in actors:
        at = max([last.get(w, -1) for w in _name_words(actor)], default=-1)
        if at > best_at:
            best, best_at = actor, at
    return best or actors[0]


def _tokens(text: str) -> list[str]:
    return (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)


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
    if at >= 0:
        head = _tokens(sentence[:at])
        tokens = [*head, ",", *_tokens(sentence[at + len(timex):])]  # the date is no part of the object
        date_at: int | None = len(head)
    else:
        tokens, date_at = _tokens(sentence), None
    lows = " ".join(tokens).lower().split(" ")  # tokens hold no spaces: one lower() per sentence
    if len(lows) != len(tokens):  # a character whose lower case is a space (never in practice)
        lows = [t.lower() for t in tokens]
    lo, hi = _clause(tokens, date_at) if date_at is not None else (0, len(tokens))
    words: list[str] = []
    verb_at, verb_gap, base = -1, float("inf"), ""
    forms_of, bases, modals, passive = r.forms, r.bases, r.modals, r.passive
    verbish = r.verbish
    for i in [i for i in range(lo, hi) if lows[i] in verbish]:  # the few words that can be verbs
        if date_at is not None and i > date_at and 2 * (i - date_at) >= verb_gap:
            break  # no verb further on can be nearer the date
        low = lows[i]
        forms = forms_of.get(low)
        if forms is None:
            if not i or lows[i - 1] not in modals:
                continue
            forms = bases.get(low)
            if forms is None:
                continue
        if i and lows[i - 1] in passive:
            continue  # "were killed" does not say who killed
        # News puts the date after its verb ("signed ... on Tuesday"): a verb after the date
        # counts twice as far.
        gap = (date_at - i if i < date_at else 2 * (i - date_at)) if date_at is not None else 0
        if gap >= verb_gap:
            continue  # the verb nearest the date tells its event
        verb = f"to {forms[0]}" if status == "planned" else forms[1]
        obj: list[str] = []
        for nxt, nxt_low in zip(tokens[i + 1:hi], lows[i + 1:hi]):
            if nxt_low in r.object_stops or not nxt[0].isalnum() or len(obj) >= r.object_words:
                break
            obj.append(nxt)
        while obj and obj[-1].lower() in r.object_trailing:
            obj.pop()  # "approved the release of the" -> "approved the release"
        words, verb_at, verb_gap, base = [verb, *obj], i, gap, forms[0]
        if date_at is None:
            break
    happening = _noun_subject(tokens, lows, verb_at, r) if verb_at >= 0 else ""
    if happening and status != "planned" and happening.endswith("s") and not happening.endswith("ss"):
        words[0] = base  # "Talks open", "Negotiations begin"
    who = happening or _subject(tokens[:verb_at] if verb_at >= 0 else tokens, actors)
    subject, verbs = r.type_subjects.get(event_type, ("", frozenset()))
    if not who and words and base in verbs:
        who = subject  # "Attack kills dozens of people in Idlib", not "kills ..."
        if status != "planned" and who.endswith("s") and not who.endswith("ss"):
            words[0] = base
    place = _place(tokens, locations, verb_at, r.place_reach) if words else (locations[0] if locations else "")
    if words:
        line = " ".join(([who] if who else []) + words).split()[: r.max_words]
        if place and place not in " ".join(words) and len(line) + 2 + place.count(" ") <= r.max_words:
            line += ["in", place]
        return " ".join(line)
    label = event_type.replace("_", " ")
    if status == "planned":
        label += " planned"
    parts = [p for p in (who, label) if p]
    line = ": ".join(parts) if who else label[:1].upper() + label[1:]
    return line + (f" in {place}" if place else "")
