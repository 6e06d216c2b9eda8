"""A headline's subject when it is an actor: the canonical names before the verb, joined
("Israel and Hamas agree") and read with their modifiers ("the US and Russian foreign ministers")."""

from __future__ import annotations

import functools

from timeline.corpus.headlines.rules import HeadlineRules
from timeline.corpus.headlines.tokens import _skippable, _tokens


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
    named = _before_apposition(before, spans, r)
    if named is not None and named < best_at:
        # "Abdalla Hamdok, a former United Nations economist, is due to": the person before the
        # apposition acts, not a name inside it
        return _joined(before, actors, spans, named, r)
    end = len(before) - 1
    if end > best_at and before[end] == ",":
        end -= 1   # the comma closing an apposition: "the leader of the opposition, Sayid Abdullo Nuri,"
    while end > best_at and _skippable(before[end].lower(), r):
        end -= 1   # "Egypt and Israel had fought"
    if end > best_at and before[end] == "," and end - 1 == best_at:
        end -= 1   # a relative clause's: "Kosygin of the Soviet Union, who had offered"
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


def _before_apposition(before: list[str], spans: dict[int, tuple[str, int]], r: HeadlineRules) -> int | None:
    """Where the name ends that an apposition right before the verb qualifies ("Abdalla Hamdok,
    | a former United Nations economist, | is due"): the apposition opens with a determiner after
    a comma and closes with a comma, at most subject_words * 2 words long; None when there is none."""
    end = len(before) - 1
    while end >= 0 and _skippable(before[end].lower(), r):
        end -= 1
    if end < 2 or before[end] != ",":
        return None
    for k in range(end - 1, max(0, end - 1 - 2 * r.subject_words), -1):
        if before[k] == ",":
            return k - 1 if before[k + 1].lower() in r.determiners and k - 1 in spans else None
        if not before[k][:1].isalnum():
            return None
    return None


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
    at = start
    if start > 1 and before[start - 1].lower() in r.determiners and _is_state(name):
        at = start - 1   # "Premier Aleksei N. Kosygin of the Soviet Union" (not "the Security Council
        # of the United Nations": a body of a body)
    connector = before[at - 1].lower() if at > 0 else ""
    if at >= 2 and connector in r.name_connectors and connector not in r.conjunctions \
            and connector not in r.determiners and at - 2 in spans and spans[at - 2][0] != name:
        return spans[at - 2]
    return name, start


@functools.lru_cache(maxsize=4096)
def _is_state(actor: str) -> bool:
    from timeline.extract.actors import gazetteer

    known = gazetteer().actors.get(actor)
    return known is not None and known.kind == "state"


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
