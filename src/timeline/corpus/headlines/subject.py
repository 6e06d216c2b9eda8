"""A headline's subject when it is an actor: the canonical names before the verb, joined
("Israel and Hamas agree") and read with their modifiers ("the US and Russian foreign ministers")."""

from __future__ import annotations

import functools

from timeline.corpus.headlines.lexicon import past_verb
from timeline.corpus.headlines.rules import HeadlineRules, rules
from timeline.corpus.headlines.tokens import _skippable, _tokens


@functools.lru_cache(maxsize=100_000)
def _name_words(actor: str) -> tuple[str, ...]:
    """The words of a canonical name that can stand for it in a text: longer than 2 letters, and
    none of the rules' `name_connectors` ("and" of "Bosnia and Herzegovina" names no one: "the
    Serbian and Bosniak parties" are not Bosnia's)."""
    connectors = rules().name_connectors
    return tuple(w for w in actor.split() if len(w) > 2 and w.lower() not in connectors)


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
        joined = _joined_adjectives(before, actors, r) if r is not None else ""
        if joined:
            return joined   # "the Greek and Turkish foreign ministers met": both parties met
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


def _joined_adjectives(before: list[str], actors: list[str], r: HeadlineRules) -> str:
    """Two or more actors named only by their adjectives, joined before one head noun that ends
    the words before the verb ("the Greek and Turkish foreign ministers | met", "the main
    Macedonian and Albanian parties | formed"): the words from the first adjective to the noun,
    which name both parties and what they are ("Macedonian and Albanian parties", not "Albania":
    the adjective may name a people, not its state); "" otherwise (one adjective, "Kenyan
    soldiers", keeps its noun phrase)."""
    if r.conjunctions.isdisjoint(before[-2 * r.subject_words:]):
        return ""   # (most subjects: one check in C)
    end = len(before) - 1
    while end >= 0 and _skippable(before[end].lower(), r):
        end -= 1   # "were due to"
    modified = _name_spans(before, actors, r, modifiers=True)
    if end - max(modified, default=end) > 2 or not modified:
        # a qualifier after the head noun: "the Greek and Turkish ministers | in Geneva | agreed"
        qualifier = next((k for k in range(end, max(0, end - r.subject_words) - 1, -1)
                          if before[k].lower() in r.prepositions), -1)
        if qualifier > 0 and all(t[:1].isalnum() and t.lower() not in r.verbish for t in before[qualifier:end + 1]):
            end = qualifier - 1
    # the head: one or two lower-case words ("foreign ministers", "parties")
    head = end + 1
    while head > 0 and end - head < 1 and before[head - 1].isalpha() and before[head - 1].islower() \
            and before[head - 1] not in r.verbish and before[head - 1] not in r.conjunctions \
            and before[head - 1] not in r.determiners and before[head - 1] not in r.prepositions:
        head -= 1
    if head > end:
        return ""
    # the adjectives before it: capitalised words joined by conjunctions or commas ("Serbian and
    # Bosniak": an adjective may name a people that no actor of the row is, nor any actor)
    start = head
    while start > 0 and head - start < 2 * r.subject_words:
        word, low = before[start - 1], before[start - 1].lower()
        if word[:1].isupper() and low not in r.determiners and low not in r.prepositions \
                and low not in r.pronouns and low not in r.no_subject_words:
            start -= 1
        elif (low in r.conjunctions or word == ",") and start < head and start >= 2 and before[start - 2][:1].isupper():
            start -= 1
        else:
            break
    while start < head and not before[start][:1].isupper():
        start += 1
    if start == head or r.conjunctions.isdisjoint(w.lower() for w in before[start:head]):
        return ""
    return " ".join(before[start:end + 1])


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


def _coordinated(tokens: list[str], lows: list[str], lo: int, end: int, date_at: int | None,
                 actors: list[str], r: HeadlineRules) -> str:
    """Two parties joined by a conjunction right before the verb at `end`: both are the subject,
    each by its actor's name when it names one ("Nepal's government and Maoist rebels signed" ->
    "Nepal and Maoists"; "Laurent Gbagbo and the rebel leader Guillaume Soro signed" -> "Laurent
    Gbagbo and Guillaume Soro"; "the government and the rebels accepted" -> "Government and
    rebels"), a person named in an apposition by that name ("Ethiopia's prime minister, Abiy
    Ahmed, and Somalia's president, Hassan Sheikh Mohamud, shook hands"). "" when the words
    before the conjunction are no subject: the object of a preposition or of a verb ("fighting
    between the army and the rebels broke out"), a clause of their own (", and"), or hold a verb
    or a pronoun. Bounded: a few words each way."""
    while end > lo and (_skippable(lows[end - 1], r) or lows[end - 1] in r.modals or end - 1 == date_at):
        end -= 1   # "are due to", "were jointly", "[today] signed"
    closed = end > lo and tokens[end - 1] == ","
    if closed:
        end -= 1   # the comma closing an apposition
    reach = 3 * r.subject_words + 2   # (an apposition: "Abdelaziz al-Hilu, leader of the northern wing of ...")
    window = lows[max(lo, end - 1 - reach) + 1:end]
    if r.conjunctions.isdisjoint(window):   # (most clauses: one check in C)
        return ""
    joint = next(k for k in range(end - 1, max(lo, end - 1 - reach), -1) if lows[k] in r.conjunctions)
    if joint <= lo or joint == end - 1:
        return ""
    first_end = joint - 1 if tokens[joint - 1] == "," else joint
    start, commas = first_end, 0
    while start > lo and first_end - start < reach:
        k = start - 1
        if k == date_at or lows[k] in r.clause_openers or lows[k] in r.relative_pronouns or lows[k] in r.conjunctions:
            break   # the clause opens here: "when the two sides", "that the government and"
        if tokens[k] == ",":
            commas += 1
            if first_end == joint or commas > 1:
                break   # (one comma inside only in "the Shah of Iran, Mohammad Reza Pahlavi, and")
        elif not tokens[k][:1].isalnum():
            break
        elif lows[k] in r.prepositions and not commas and not (k - 1 > lo and _inside_name(tokens, lows, k, r)):
            return ""   # the object of a preposition ("between the army and the rebels"; not in a
            # title before its name: "the president of Ruritania, Anna Berg, and")
        elif tokens[k].islower() and (lows[k] in r.forms or lows[k] in r.bases or lows[k] in r.clause_verbs):
            return ""   # the object of a verb ("met Sadat and Begin")
        start = k
    if start > lo and first_end - start >= reach:
        return ""
    if first_end == joint and start > lo and tokens[start - 1] == "," and start - 1 != date_at \
            and _in_qualifier(tokens, lows, lo, start - 1, r):
        return ""   # a list after the subject's noun: "the contact group of Ukraine, Russia and the OSCE met"
    if closed and start > lo + 1 and tokens[start - 1] == "," and first_end == joint \
            and tokens[start - 2][:1].isupper() and start - 2 != date_at:
        return ""   # an apposition of its own: "Jared Kushner, the president's son-in-law and adviser,"
    if (first_end < joint) != ("," in tokens[start:first_end]):
        return ""   # ", and" joins two clauses, unless a name's apposition ends there
    first = _party(tokens, lows, start, first_end, actors, r)
    if not first:
        return ""
    last = first_end - 1 - start
    if first_end == joint and last in _name_spans(tokens[start:first_end], actors, r, modifiers=True) \
            and last not in _name_spans(tokens[start:first_end], actors, r) and not tokens[first_end - 1].endswith(r.possessive):
        return ""   # two adjectives of one noun: "the main Macedonian and Albanian parties"
    second = _party(tokens, lows, joint + 1, end, actors, r)
    if not second or first == second:
        return ""
    return f"{first[:1].upper()}{first[1:]} and {second}"


def _inside_name(tokens: list[str], lows: list[str], k: int, r: HeadlineRules) -> bool:
    """Whether the preposition at `k` joins the words of one name ("The Government of the
    Central African Republic", "the Shah of Iran")."""
    nxt = k + 1
    while nxt < len(tokens) and lows[nxt] in r.determiners:
        nxt += 1
    return k > 0 and tokens[k - 1][:1].isupper() and nxt < len(tokens) and tokens[nxt][:1].isupper()


def _party(tokens: list[str], lows: list[str], start: int, end: int, actors: list[str], r: HeadlineRules) -> str:
    """One party of a coordinated subject, tokens [start, end): an actor's name when it names one
    ("Nepal's government", "the rebel leader Guillaume Soro"); else its words without their
    determiner; in an apposition the part that is a name ("Iraq's vice-president, Saddam
    Hussein"). "" when it holds a verb, a pronoun or a time."""
    if start >= end:
        return ""
    cut = next((k for k in range(start, end) if tokens[k] == ","), end)
    if "," in tokens[cut + 1:end]:
        return ""
    named: list[tuple[str, bool]] = []   # (its name, whether it is a name and nothing else)
    for a, b in [(start, cut)] if cut == end else [(start, cut), (cut + 1, end)]:
        while a < b and lows[a] in r.determiners:
            a += 1
        words = tokens[a:b]
        if not words or len(words) > 2 * r.subject_words + 2 or lows[a] in r.prepositions or words[0][:1].isdigit():
            return ""   # (not "... and of the Bosnian Croats", "2012 and")
        if any(_verb_or_pronoun(tokens, lows, a + i, b, r) for i in range(len(words))):
            return ""
        spans = _name_spans(words, actors, r, modifiers=True)
        last = len(words) - 1
        if spans:
            # the person a name qualifies ("President Jean-Bertrand Aristide of Haiti"), one name
            # written twice as one ("National Liberation Army ELN")
            actor, begin = _head(words, spans, last if last in spans else max(spans), r)
            # a name and nothing else, or after titles ("H.E. Omar Hassan al-Bashir", "President")
            # a name and nothing else, after titles or not ("H.E. Omar Hassan al-Bashir")
            named.append((actor, all(w[:1].isupper() for w in words)
                          or (last in spans and all(w[:1].isupper() for w in words[:begin]))))
        else:
            named.append((" ".join(words), all(w[:1].isupper() for w in words)))
    if len(named) == 2:
        # an apposition: the part that is a name, an actor's first ("the Shah of Iran, Mohammad
        # Reza Pahlavi"); none when neither is one
        whole = [name for name, wholly in named if wholly]
        known = [name for name in whole if name in actors]
        return (known or whole or [""])[0] if len(whole) < 2 or known else ""
    name = named[0][0]
    return name if len(name.split()) <= r.subject_words or name in actors else ""


def _verb_or_pronoun(tokens: list[str], lows: list[str], k: int, end: int, r: HeadlineRules) -> bool:
    """Whether token `k` of a party [.., end) makes it no noun phrase: a verb (of the table, an
    auxiliary, or a past tense of the lexicon before its object: "asked the United Nations", not
    "armed groups"), a pronoun, a relative pronoun, a time."""
    low = lows[k]
    if low in r.pronouns or low in r.no_subject_words or low in r.passive or low in r.modals \
            or low in r.relative_pronouns or not tokens[k][:1].isalnum():
        return True
    if not tokens[k].islower():
        return False
    if low in r.verbish or low in r.clause_verbs:
        return True
    return k + 1 < end and (lows[k + 1] in r.determiners or lows[k + 1] in r.prepositions
                            or tokens[k + 1][:1].isupper()) and past_verb(low) is not None


def _in_qualifier(tokens: list[str], lows: list[str], lo: int, comma: int, r: HeadlineRules) -> bool:
    """Whether the words before the comma at `comma` end a list inside the qualifier of the
    clause's first noun ("Peace talks between Ruritania, | the rebels and the army resumed"): a
    preposition a few words back, and none before it in the clause (not "in the presidential
    palace of Burkina Faso, | Laurent Gbagbo and ...": an adverbial first)."""
    for k in range(comma - 1, max(lo - 1, comma - 2 - r.subject_words), -1):
        if not tokens[k][:1].isalnum():
            return False
        if lows[k] in r.prepositions and not (k - 1 > lo and _inside_name(tokens, lows, k, r)):
            return not any(lows[j] in r.prepositions or lows[j] in r.clause_openers for j in range(lo, k))
    return False
