"""Headlines: a short "who does what" line for an event, built from its own sentences.

The actor is the gazetteers' canonical name the mentions carry; the verb is the first verb of
`resources/chronology/headlines.yaml` found in the sentence (any form), written in the third
person for what happened ("United Nations suspends peace talks in Geneva") and as "to" + base
for a plan ("ISSG to meet in Munich"); its object is the words that follow it in the sentence,
up to a preposition. Nothing is invented: every word comes from the sentence, the verb table
or the gazetteers. Without a known verb, the line is the actor and the event type.
"""

from __future__ import annotations

import dataclasses

from timeline.corpus.headlines.phrases import (_after_relative, _conjoined, _leading_happening, _noun_subject,
                                              _antecedent, _names_actor, _numbered, _object_of_preposition,
                                              _phrase_before, _phrase_subject, _plural, _qualified_head,
                                              _relative_object)
from timeline.corpus.headlines.lexicon import is_noun, past_verb
from timeline.corpus.headlines.rules import RESOURCE, HeadlineRules, rules
from timeline.corpus.headlines.speech import _QUOTES, _quoted_line, _reported_line
from timeline.corpus.headlines.subject import (_coordinated, _is_state, _name_words, _named_before, _named_in,
                                              _subject)
from timeline.corpus.headlines.tokens import _adverb_before_verb, _clause, _skippable, _tokens, _unbracketed_acronyms

__all__ = ["RESOURCE", "HeadlineRules", "headline", "rules"]


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


def _told_apart(tokens: list[str], lows: list[str], place: str, verb_at: int, reach: int, date_at: int | None,
                r: HeadlineRules) -> bool:
    """Whether the sentence names `place` only in another clause after the verb, beyond the verb's
    reach and after a clause opener or a relative pronoun ("The talks began in late January, a
    month after | the tsunami ... killed 120,000 people in Aceh"): there it is where something
    else happened, not a place for the line (a comma alone ends no clause: "ousted his
    co-premier, Prince Norodom Ranariddh, in fighting in Phnom Penh"; nor does a clause after the
    date's comma that tells what happened then: "The war began on 1 October, when rebels crossed
    into Rwanda"; nor an opener with no words after it: "signed such agreements before, in
    Tripoli"). A
    place the sentence names before the verb ("moved to Accra, where the two sides signed"), or
    not at all (the article's, the dateline's), is kept."""
    first = place.split()[0]
    if verb_at < 0 or first not in tokens:   # (searches in C: most places are named nowhere, or before)
        return False
    named = tokens.index(first)
    if named <= verb_at + reach:
        return False
    return any(((lows[k] in r.clause_openers or lows[k] in r.relative_pronouns) and tokens[k + 1][:1].isalnum()
                and not (lows[k] in r.date_clauses and date_at is not None and k == date_at + 2
                         and tokens[date_at + 1] == ","))
               or (lows[k] in r.predicate_joiners and _second_predicate(tokens, lows, k + 1, r))
               for k in range(verb_at + 1, named))


def _after_preposition(lows: list[str], phrase: str, verb_at: int, lo: int, r: HeadlineRules) -> bool:
    """Whether the noun phrase right before the verb follows a preposition or a conjunction (its
    determiner between): it may then be inside another noun's qualifier ("Fighting between the
    army and | the rebels | broke out"). Bounded: a few words back."""
    first = phrase.split()[0].lower()
    for k in range(verb_at - 1, max(lo, verb_at - r.subject_words - 4) - 1, -1):
        if lows[k] == first:
            before = k - 1
            if before >= lo and lows[before] in r.determiners:
                before -= 1
            return before >= lo and (lows[before] in r.prepositions or lows[before] in r.conjunctions)
    return False   # (a phrase longer than the bound: not one a qualifier ends with)


def _done_to_plural(lows: list[str], subject_end: int, phrase: str, verb_at: int, r: HeadlineRules) -> bool:
    """Whether a plural noun phrase before a participle is what was done ("two agreements signed by
    Sadat and Begin", "the Accords were two agreements signed at"), not who did it ("the mediators
    announced"): an agent follows the participle, or a copula stands before the phrase."""
    if verb_at + 1 < len(lows) and lows[verb_at + 1] in r.agent_markers:
        return True
    start = subject_end - len(phrase.split()) - 1
    if start >= 0 and lows[start] in r.determiners:
        start -= 1
    return start >= 0 and lows[start] in r.passive


def _preposition(tokens: list[str], lows: list[str], place: str, verb_at: int, r: HeadlineRules) -> str:
    """The word that joins `place` to the line: the sentence's own preposition before it when the
    place is named within place_reach words after the verb, in its phrase ("travel to Sanaa",
    "flew back to Nicosia", "announced the deal in an address from Bogotá") and the word is one
    of `place_prepositions`; else "in" (a place of another clause: "moved to Accra, where the
    two sides signed" -> "sign ... in Accra")."""
    first = place.split()[0]
    for i in range(verb_at + 1, min(len(tokens), verb_at + 1 + r.place_reach)) if verb_at >= 0 else ():
        if not tokens[i][:1].isalnum():
            break   # a comma, a dash: the place belongs to another phrase
        if tokens[i] == first:
            before = i - 1
            if before > verb_at and lows[before] in r.determiners:
                before -= 1   # "to the Hague"
            if before > verb_at and lows[before] in r.place_prepositions:
                return lows[before]
            break
    return "in"


def _lexicon_verbs(tokens: list[str], lows: list[str], lo: int, hi: int, r: HeadlineRules, start: int | None = None
                   ) -> tuple[dict[str, tuple[str, str, bool, bool]], frozenset[str]]:
    """The clause's words that lemminflect's lexicon knows as past forms of a verb outside the
    table, and those of them read as participles. Not inside quotation marks nor after a verb of
    saying: the reported words tell what someone said, not the event ("said that the junta chief
    should not be treated"). A form that is past tense and participle alike ("stopped") is a
    participle only after a passive auxiliary or in a reduced clause, after a comma or before its
    agent (", founded in 1964 by"); after its subject it is the past ("The fighting stopped in
    June"). Given `start`, only the words from there on, read as if from `lo`."""
    found: dict[str, tuple[str, str, bool, bool]] = {}
    reduced: set[str] = set()
    past_only: set[str] = set()
    quoted = False
    start = lo if start is None else start
    if start > lo:
        before = lows[lo:start]
        if not r.clause_verbs.isdisjoint(before) or not r.speech_verbs.keys().isdisjoint(before):
            return found, frozenset()
        quoted = sum(before.count(q) for q in _QUOTES) % 2 == 1
    for k in range(start, hi):
        low = lows[k]
        if tokens[k] in _QUOTES:
            quoted = not quoted
            continue
        if low in r.clause_verbs or low in r.speech_verbs:
            break
        if quoted or not tokens[k].islower() or not tokens[k].isalpha() or low in r.verbish or low in r.modals:
            continue
        forms = past_verb(low)
        if forms is None or forms[0] in r.lexicon_excluded or forms[0] in r.modals:
            continue
        found[low] = forms
        if forms[2]:
            aux = k - 1
            while aux > lo and _skippable(lows[aux], r) and lows[aux] not in r.passive:
                aux -= 1   # "were jointly awarded"
            if not forms[3] or (k > lo and tokens[k - 1] == ",") \
                    or (k + 1 < hi and lows[k + 1] in r.agent_markers) or (aux >= lo and lows[aux] in r.passive) \
                    or (k > lo and tokens[k - 1].islower() and _object_of_preposition(tokens, lows, k, lo, r)):
                reduced.add(low)
            else:
                past_only.add(low)
    return found, frozenset(reduced - past_only)


def _without_object_pronoun(words: list[str], tokens: list[str], lows: list[str], lo: int, verb_at: int,
                            r: HeadlineRules) -> list[str]:
    """The line's verb and object with no pronoun a reader cannot resolve: an object pronoun first
    ("adopted it") becomes what it stands for in the sentence (`_antecedent`), else it and the
    words after it are left out, or only it before a second object ("handed it a list"); a
    pronoun after the object's words opens a clause of its own ("all the sanctions | it had
    imposed") and ends the object. Not a pronoun that is the subject of what was said
    ("announced it would suspend")."""
    if r.object_pronoun_words.isdisjoint(words):   # (most objects: one check in C)
        return words
    pronouns = r.object_pronouns
    for at, word in enumerate(words[1:], 1):
        low = word.lower()
        if not any(low in group for group in pronouns.values()):
            continue
        if at > 1:
            return words[:at]
        after = words[2].lower() if len(words) > 2 else ""
        if after in r.modals or after in r.verbish or after in r.skip_words:
            return words   # "announced it would suspend": the subject of what was said
        if after in r.determiners:
            return words[:1] + words[2:]   # "handed it a list": the list is the object
        if low in pronouns["person"]:
            return words[:1]
        return words[:1] + _antecedent(tokens, lows, lo, verb_at, low in pronouns["plural"], r)
    return words


def _without_dateline(sentence: str, timex: str) -> str:
    """The sentence after its dateline ("DOHA, Qatar, Sept. 18 - Five Americans held for years in
    Iran walked off"): the dateline's names tell where the story was filed, not who acted (not
    "Iran walks off"). Kept whole when the event's date is the dateline's own."""
    from timeline.extract.places import dateline_patterns

    for pattern in dateline_patterns():
        found = pattern.match(sentence)   # (anchored at the start: no scan of the sentence)
        if found:
            end = found.end()
            return sentence if timex and sentence.find(timex) < end else sentence[end:]
    return sentence


def _opening_quote(tokens: list[str], at: int) -> bool:
    """Whether the quotation mark at `at` opens a quotation (a curly opening mark, or a straight
    one after an even number of them)."""
    return tokens[at] == "“" or (tokens[at] == '"' and tokens[:at].count('"') % 2 == 0)


def _without_aside(sentence: str, timex: str, r: HeadlineRules) -> str:
    """The sentence without its first aside between two dashes (`asides` in the rules): "The two
    presidents — who had not met in a decade — signed the treaty" reads "The two presidents
    signed the treaty", one clause with its subject. Kept whole when the date is before the
    aside's end (the dashes then part the date's clause from another: "negotiated since June with
    the powers — A, B and C — while the EU attended"), when the aside is long, or when no
    lower-case word stands before it (a dateline)."""
    for mark in r.aside_marks:
        opened = sentence.find(mark)
        if opened < 0:
            continue
        closed = sentence.find(mark, opened + len(mark))
        if closed < 0:
            continue
        dated = sentence.find(timex) if timex else -1
        aside = sentence[opened + len(mark):closed]
        if 0 <= dated < closed + len(mark) or len(aside.split()) > r.aside_words \
                or not any(t.islower() for t in _tokens(sentence[:opened])) \
                or not any(c.isalnum() for c in sentence[closed + len(mark):]):
            return sentence
        return sentence[:opened].rstrip() + " " + sentence[closed + len(mark):].lstrip()
    return sentence


def _segment(tokens: list[str], lows: list[str], lo: int, hi: int, date_at: int, r: HeadlineRules
             ) -> tuple[int, int, bool]:
    """The part of the clause [lo, hi) that holds the date: between the subordinate or joined
    clauses around it, which open with a clause opener or a relative pronoun ("where soldiers
    overthrew", "which analysts said") or with a comma and a conjunction (", and", ", but"). Not
    a word that is the date's own preposition or one with no verb before the date ("after five
    rounds in May"), nor a clause right after the date that tells what happened then ("a year
    after the Council adopted it", "in January 1994, when the parties signed"). The third value
    says whether the part is a relative clause between commas that holds the date."""
    words = lows[lo:hi]
    openers, joiners = r.segment_openers, r.predicate_joiners
    if openers.isdisjoint(words) and (joiners.isdisjoint(words) or "," not in words):
        return lo, hi, False   # (most clauses: two checks in C)
    start = lo
    if not joiners.isdisjoint(words):
        # a predicate joined without a comma ("began in August 2021 but stalled", "refused to
        # disarm in June 1992 and boycotted the vote"): the date's own predicate, when the joiner
        # is followed by a verb of that subject (no subject of its own between)
        joined = [k for k in range(lo + 1, hi - 1) if lows[k] in joiners and (tokens[k - 1] != "," or k - 1 == date_at)
                  and _second_predicate(tokens, lows, k + 1, r)]   # (", and" is below; the date stands as ",")
        lo_joined = [k for k in joined if k < date_at]
        hi_joined = [k for k in joined if k > date_at]
        if lo_joined:
            start = lo = lo_joined[-1]
        if hi_joined:
            hi = hi_joined[0]
    # (the openers and commas first, in one pass: most words are neither)
    for k in reversed([k for k in range(lo, date_at - 1) if lows[k] in openers or lows[k] == ","]):
        low = lows[k]
        if low == ",":
            if lows[k + 1] in joiners:
                start = k
                break
        elif low not in r.date_prepositions or any(
                tokens[j].islower() and (lows[j] in r.verbish or past_verb(lows[j]) is not None)
                for j in range(k + 1, date_at)):
            start = k
            break
    after = date_at + 2 if date_at + 2 < hi and tokens[date_at + 1] == "," and lows[date_at + 2] in r.date_clauses \
        else date_at + 1
    end = next((k for k in range(after + 1, hi) if lows[k] in openers
                or (lows[k] == "," and k + 1 < hi and lows[k + 1] in joiners)), hi)
    relative = _relative_between_commas(tokens, lows, lo, start, date_at, r)
    if relative:
        # a relative clause between commas that holds the date ("Norway, which has facilitated
        # the talks since 2021, called the deal ..."): it ends at its closing comma
        end = next((k for k in range(date_at + 1, end) if tokens[k] == ","), end)
    return start, end, relative


def _said_at(lows: list[str], lo: int, date_at: int, r: HeadlineRules) -> int:
    """Where the verb of saying that the date follows stands ("Rabin said yesterday that ...",
    "officials said on Monday"), or -1: a statement dated so is that saying, not a verb of the
    clause around it ("A bomb killed 22 people a week ago, and Rabin said yesterday")."""
    k = date_at - 1
    while k >= lo and (lows[k] in r.date_prepositions or lows[k] in r.time_words):
        k -= 1   # "said late on Monday"
    return k if k >= lo and lows[k] in r.speech_verbs else -1


def _second_predicate(tokens: list[str], lows: list[str], at: int, r: HeadlineRules) -> bool:
    """Whether the word at `at` (after "and", "but") opens a second predicate of the subject
    before: a past form, of the table or the lexicon, in lower case ("but stalled", "and flew").
    A past that is also the base ("and spread") is not one (it may be a present), and a
    participle before a noun ("and signed agreements") is taken for one too."""
    if at >= len(tokens) or not tokens[at].islower():
        return False
    low = lows[at]
    return low in r.forms or past_verb(low) is not None


def _relative_between_commas(tokens: list[str], lows: list[str], lo: int, start: int, date_at: int,
                             r: HeadlineRules) -> bool:
    """Whether the date's segment opening at `start` is a relative clause after a comma that
    holds the date ("Norway, | which has facilitated the talks since 2021, | called"), not
    one closed before it ("a constituent assembly, which will write a constitution, | by June")."""
    return lo < start < date_at and lows[start] in r.relative_pronouns and tokens[start - 1] == "," \
        and "," not in tokens[start + 1:date_at]


def _relative_asides(tokens: list[str], lows: list[str], lo: int, hi: int, date_at: int, r: HeadlineRules
                     ) -> list[tuple[int, int]]:
    """The relative clauses between commas that do not hold the date ("Anastasiades, | who flew
    back on Friday, | is expected to brief the council on Monday"): (opening comma, closing comma
    or the clause's end). Their verbs tell another event than the date's."""
    if r.relative_openers.isdisjoint(lows[lo:hi]) or "," not in tokens[lo:hi]:   # (most sentences: two scans in C)
        return []
    spans = []
    for k in range(lo, hi - 1):
        if tokens[k] == "," and lows[k + 1] in r.relative_openers:
            close = next((j for j in range(k + 2, hi) if tokens[j] == "," and j != date_at), hi)
            if not k < date_at < close:
                spans.append((k, close))
    return spans


def _relative_head(tokens: list[str], lows: list[str], lo: int, end: int, who: str, actors: list[str],
                   r: HeadlineRules) -> str:
    """The noun phrase a relative clause qualifies when the actor `who`, named last before the
    verb, is inside that clause after its own verb ("the rebel commanders | who survived Savimbi |
    agreed", "Sarkozy, | whose country holds the presidency of the EU, | agreed"): the phrase
    ("Rebel commanders"), or the actor it names; "" otherwise. Bounded: subject_words * 2 words
    back from the name."""
    names = _name_words(who)
    named = next((j for j in range(end - 1, max(lo, end - 2 * r.subject_words) - 1, -1) if tokens[j] in names), -1)
    for k in range(named - 1, max(lo, named - 2 * r.subject_words) - 1, -1):
        low = lows[k]
        if low in r.relative_pronouns:
            if not any(tokens[m].islower() and (lows[m] in r.verbish or lows[m] in r.presents
                                                or past_verb(lows[m]) is not None) for m in range(k + 1, named)) \
                    or not r.clause_openers.isdisjoint(lows[k + 1:named]):
                return ""   # "said that Savimbi agreed": what follows is a clause of its own (so is
                # "a thaw that began | when North Korea sent")
            head_end = k - 2 if k - 1 > lo and tokens[k - 1] == "," else k - 1
            if head_end < lo or not tokens[head_end][:1].isalnum():
                return ""
            stop, start, _ = _phrase_before(tokens, lows, head_end, lo, r)
            words = tokens[start + 1:stop]
            if not words or lows[start + 1] in r.pronouns or lows[start + 1] in r.clause_verbs:
                return ""
            if _names_actor(words, actors, r):
                return _subject(words, actors, r) or ""
            if not (words[-1][:1].isupper() or is_noun(words[-1].lower())):
                return ""
            phrase = " ".join(words)
            return phrase[:1].upper() + phrase[1:]
        if not tokens[k][:1].isalnum() and tokens[k] != ",":
            return ""
    return ""


def _joined_clause(tokens: list[str], lows: list[str], lo: int, verb_at: int, r: HeadlineRules) -> int:
    """Where the verb's own clause begins when ", and" (or ", but", "; and") joins it to a clause
    before: "The Council endorsed it, and | it took effect": a pronoun there is that clause's
    subject, whoever the clause before names. `lo` when there is none. Bounded: a subject's
    length back from the verb."""
    for k in range(verb_at - 2, max(lo, verb_at - 2 * r.subject_words - 2) - 1, -1):
        if tokens[k] in (",", ";") and lows[k + 1] in r.predicate_joiners:
            return k + 2
    return lo


def _contact_clause(tokens: list[str], lows: list[str], lo: int, verb_at: int, r: HeadlineRules) -> bool:
    """Whether the verb's subject is a pronoun right after a noun, a relative clause with no
    relative pronoun ("the agreement | they endorsed"): the pronoun stands for someone the
    sentence names elsewhere, not for the name nearest the verb."""
    k = verb_at - 1
    while k > lo and (_skippable(lows[k], r) or lows[k] in r.modals):
        k -= 1
    if k <= lo or not (lows[k] in r.thing_pronouns or lows[k] in r.person_pronouns):
        return False
    before = lows[k - 1]
    return tokens[k - 1].isalpha() and tokens[k - 1].islower() and not (
        before in r.not_contact_heads or _skippable(before, r))


def _first_predicate(tokens: list[str], lows: list[str], lo: int, verb_at: int, r: HeadlineRules) -> int:
    """Where the actors before the verb end: at the verb, or, for a second predicate joined to a
    first ("EU leaders agreed to keep sanctions on Russia and will review them"), at the first
    predicate's verb, whose subject both share (not Russia, named between the two)."""
    join = verb_at - 1
    while join > lo and (_skippable(lows[join], r) or lows[join] in r.modals or lows[join] in r.passive):
        join -= 1
    if join <= lo or lows[join] not in r.predicate_joiners or tokens[join - 1] == ",":
        return verb_at   # (", and" joins a clause of its own, with its own subject)
    first = next((k for k in range(lo, join) if tokens[k].islower() and (
        lows[k] in r.forms or (lows[k] in r.bases and k > lo and lows[k - 1] in r.modals))), None)
    if first is None or any(lows[k] in r.clause_openers or lows[k] in r.relative_pronouns or lows[k] in r.clause_verbs
                            for k in range(lo, join)):
        return verb_at   # no first predicate, or another clause between: the nearest name
    return first


def headline(sentence: str, actors: list[str], locations: list[str], status: str, event_type: str,
             timex: str = "") -> str:
    """The "who does what" line of one event from its representative sentence: the verb of the
    clause of its date (a sentence can tell two events: "activists reported airstrikes in recent
    days - the most since Russia opened its campaign last September")."""
    r = rules()
    if sentence[:3].isupper() and sentence[:3].isalpha():
        # (a dateline opens with its city in capitals: most sentences do not)
        sentence = _without_dateline(sentence, timex)
    sentence = _without_aside(sentence, timex, r)   # (a find per dash, in C: most sentences have none)
    at = sentence.find(timex) if timex else -1
    date_after_verb = False   # whether the date may stand between a verb and its object
    plain = (lambda t: t) if "(" not in sentence else _unbracketed_acronyms
    if at >= 0:
        date_after_verb = sentence[at + len(timex):at + len(timex) + 2] not in r.possessive
        head = plain(_tokens(sentence[:at]))
        tail = plain(_tokens(sentence[at + len(timex):]))
        # the date is no part of the object, but for a year between a determiner and its noun: the
        # noun's modifier ("accept its [2002] ruling", "the [2020] truce"), kept as a word
        modifier = timex.isdigit() and head and head[-1].lower() in r.determiners and tail and tail[0].isalpha() \
            and tail[0].islower()
        tokens = [*head, timex if modifier else ",", *tail]
        date_at: int | None = len(head)
    else:
        tokens, date_at = plain(_tokens(sentence)), None
    lows = " ".join(tokens).lower().split(" ")  # tokens hold no spaces: one lower() per sentence
    if len(lows) != len(tokens):  # a character whose lower case is a space (never in practice)
        lows = [t.lower() for t in tokens]
    lo, hi = _clause(tokens, date_at) if date_at is not None else (0, len(tokens))
    if date_at is not None and date_at + 2 < hi and tokens[date_at + 1] == ":" \
            and not (date_at and lows[date_at - 1] in r.speech_verbs):
        # "what happened last Wednesday: the Security Council gave ...": the event follows (not
        # 'John Kirby added Wednesday: "..."', what he said)
        lo = date_at + 2
    # where the clause's words begin after a date that opens it ("Within weeks | the uprising led by
    # ... collapsed", "On 20 December | a NATO-led force took over"): its first noun phrase there
    opens = date_at + 1 if date_at is not None and lo <= date_at <= lo + 1 \
        and all(lows[k] in r.date_prepositions for k in range(lo, date_at)) else lo
    words: list[str] = []
    verb_at, verb_gap, base, third, passive_verb, negated = -1, float("inf"), "", "", False, False
    forms_of, bases, modals, passive = r.forms, r.bases, r.modals, r.passive
    verbish, participles, object_enders = r.verbish, r.participles, r.object_enders
    # A sentence that opens with its date is a chronology's entry, told in the present ("- 1977:
    # Civil war breaks out", "Oct 4, 1992: Frelimo and Renamo sign a General Peace Agreement").
    entry = date_at is not None and not any(t[:1].isalnum() for t in tokens[:date_at])
    presents = r.presents if entry else {}
    plan_presents = r.plan_presents if status == "planned" and not entry else {}
    candidates = r.verbish_or_present if entry else r.verbish_or_plan_present if plan_presents else verbish
    # The verbs of the table first; only a clause with none of them reads the past forms of any
    # other verb (lemminflect's lexicon): "the deadline expired on 2 August".
    lexicon: dict[str, tuple[str, str, bool, bool]] = {}
    reduced_forms: frozenset[str] = frozenset()
    # The date's own part of the clause first ("Ten days later he landed at the airport, | and on
    # 20 November he addressed the Knesset"), both passes; then the whole clause.
    segment_lo, segment_hi, relative = _segment(tokens, lows, lo, hi, date_at, r) if date_at is not None \
        else (lo, hi, False)
    segment = (segment_lo, segment_hi)
    scans = ((segment, 0), (segment, 1), ((lo, hi), 0), ((lo, hi), 1)) if segment != (lo, hi) \
        else (((lo, hi), 0), ((lo, hi), 1))
    if relative:
        scans = scans[:2]   # a relative clause between commas holds the date: a verb outside it is another event's
    asides = _relative_asides(tokens, lows, lo, hi, date_at, r) if date_at is not None else []
    for (scan_lo, scan_hi), verb_pass in scans:
        if verb_at >= 0:
            break
        lexicon = {}
        if verb_pass:
            if entry or status == "planned" or event_type in r.speech_types:
                continue   # (a dated entry tells its happening in the present: "Government declares ...";
                # a past form tells no plan; a statement is told by its verb of saying, below)
            # (read as from the clause's start: a quotation or a verb of saying before the segment counts)
            lexicon, reduced_forms = _lexicon_verbs(tokens, lows, lo, scan_hi, r, scan_lo)
            if not lexicon:
                continue
            # the lexicon's participles read as the table's do, for this sentence only
            if not reduced_forms <= r.participles:   # (a copy of the rules costs: only when needed)
                r = dataclasses.replace(r, participles=r.participles | reduced_forms)
                participles = r.participles
        for i in [i for i in range(scan_lo, scan_hi) if (lows[i] in lexicon if verb_pass else lows[i] in candidates)]:
            if asides and any(a < i < b for a, b in asides):
                continue   # a verb of a relative clause that does not hold the date tells another event
            if date_at is not None and i > date_at and 2 * (i - date_at) >= verb_gap:
                break  # no verb further on can be nearer the date
            if 0 <= verb_at < date_at and i == date_at + 2 and lows[i - 1] in r.purpose_markers \
                    and status != "planned" and "," not in tokens[verb_at:date_at]:
                break  # "signed an accord on Friday | to end the war": the purpose of the verb before
                # (not of a plan: "will cross into the zone on Friday to meet Kim" tells the meeting)
            low = lows[i]
            forms = forms_of.get(low) or (lexicon[low][:2] if verb_pass else None)
            if forms is None and entry and i + 1 < len(lows) and (lows[i + 1] in verbish or lows[i + 1] in presents):
                continue  # "Peace talks open": a noun before its verb
            if forms is None and entry and i > lo and tokens[i - 1][:1].isalnum() and lows[i - 1] not in modals \
                    and lows[i - 1] not in r.determiners:   # (not "watched the return match")
                forms = presents.get(low) or bases.get(low)   # "Mozambique holds", "Frelimo and Renamo sign"
            if forms is None and low in plan_presents and i > lo and tokens[i - 1][:1].isalnum() \
                    and lows[i - 1] not in modals and lows[i - 1] not in r.determiners and lows[i - 1] not in r.pronouns \
                    and r.clause_openers.isdisjoint(lows[max(lo, i - r.subject_words):i]):
                # "The General Assembly opens its week tomorrow": a plan; not "before it expires",
                # "before Pope Francis arrives" (a clause that only dates another event)
                forms = plan_presents[low]
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
                if aux > 0 and _adverb_before_verb(lows, aux, r):
                    aux -= 1  # "were first imposed"
                while aux >= 0 and lows[aux] not in passive and _skippable(lows[aux], r):
                    aux -= 1  # "was formally signed"
                is_passive = aux >= 0 and lows[aux] in passive
                if not is_passive and aux >= 0 and (
                        lows[aux] in r.determiners or lows[aux].endswith(r.possessive)
                        or (aux == i - 1 and lows[aux] in r.prepositions and i + 1 < len(tokens)
                            and tokens[i + 1][:1].isalpha() and lows[i + 1] not in r.prepositions)
                        or (tokens[aux] == "," and i + 1 < len(lows) and lows[i + 1] in r.agent_markers)):
                    continue  # an adjective ("Azerbaijan's internationally recognised borders", "the
                    # disputed election", "formed by ousted lawmakers") or a clause about a noun
                    # (", mediated by Sant'Egidio")
            if is_passive:  # what was done is the subject: "Agreement signed", "Accord to be signed"
                verb = f"to be {tokens[i]}" if status == "planned" else tokens[i]
            else:
                verb = f"to {forms[0]}" if status == "planned" else forms[1]
            obj: list[str] = []
            first = i + 1
            after_obj = first   # the token after the object's last word
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
            # quoted words that open the object are its words ('made "tangible progress"', 'agreed to
            # a "permanent cessation of hostilities"'): the opening quote is passed over
            quote = next((k for k in (first, first + 1) if k + 1 < hi and tokens[k] in _QUOTES
                          and tokens[k + 1][:1].isalnum() and _opening_quote(tokens, k)
                          and (k == first or lows[first] in r.determiners)), -1)
            for k in range(first, min(hi, first + r.object_words + (quote >= 0))):  # bounded: no copy of the rest per verb
                nxt = tokens[k]
                if k == quote:
                    continue
                if quote >= 0 and nxt[0].isalnum() and lows[k] not in r.prepositions:
                    obj.append(nxt)   # inside the quotation, up to its closing mark ("immediate and lasting truce")
                    after_obj = k + 1
                    continue
                if quote < 0 and nxt in _QUOTES and 0 < len(obj) <= 2 and obj[0].lower() in r.determiners \
                        and _opening_quote(tokens, k):
                    # what the object is called ('called the deal "a serious and dangerous
                    # development"'): the quotation, when short, completes the object
                    close = next((j for j in range(k + 1, min(hi, k + 2 + r.reported_words)) if tokens[j] in _QUOTES), -1)
                    if close > k + 1 and all(t[:1].isalnum() for t in tokens[k + 1:close]):
                        obj += tokens[k + 1:close]
                        after_obj = close + 1
                    break
                if not nxt[0].isalnum() or lows[k] in r.reflexive_pronouns or (lows[k] in object_enders and not (
                        obj and obj[-1].lower() in r.determiners and (lows[k] in r.ordinals or lows[k] in r.verb_adverbs or (
                            lows[k] in r.time_parts and k + 1 < hi and tokens[k + 1].isalpha()
                            and tokens[k + 1].islower() and lows[k + 1] not in object_enders)))):
                    break   # (after a determiner an ordinal is no time, nor a time word before its
                    # noun: "a second draft resolution", "an earlier draft"; not "this morning")
                if lows[k] in participles and obj and obj[-1][:1].isalpha() and obj[-1].lower() not in r.determiners \
                        and obj[-1].lower() not in r.pronouns and obj[-1].lower() not in r.prepositions \
                        and not _skippable(obj[-1].lower(), r) \
                        and not obj[-1].endswith(r.possessive) and not obj[-1].lower().endswith(r.adverb_suffix):
                    break   # a participle after a noun tells of it: "accepted a ceasefire | negotiated by"
                obj.append(nxt)
                after_obj = k + 1
            else:
                # cut by the bound, mid-phrase ("named the new joint special | representative for",
                # "voted to send a new observer | mission"): a noun phrase (a determiner in the
                # object) that ends within two more plain words is kept whole
                end = first + r.object_words + (quote >= 0)
                if len(obj) >= r.object_words and not r.determiners.isdisjoint(w.lower() for w in obj):
                    more = next((j for j in range(end, min(hi, end + 3))
                                 if not tokens[j][:1].isalnum() or lows[j] in object_enders), None)
                    if more is not None and more > end and all(
                            tokens[j].islower() and lows[j] not in verbish and not lows[j].endswith(r.gerund_suffix)
                            for j in range(end, more)):   # (not "principles | committing them")
                        obj += tokens[end:more]
                        after_obj = more
                if after_obj == end and obj and obj[-1][:1].isdigit() and end < hi and tokens[end].isalpha() \
                        and tokens[end].islower() and lows[end] not in object_enders and lows[end] not in verbish:
                    obj.append(tokens[end])   # a number cut from what it counts ("lists of about 15,000 | detainees")
                    after_obj = end + 1
                if after_obj == end and obj and obj[-1][:1].isupper():
                    # a name cut by the bound ("created the United Nations Assistance | Mission"):
                    # kept whole when it ends within three more capitalised words
                    more = next((j for j in range(end, min(hi, end + 4)) if not tokens[j][:1].isupper()), None)
                    if more is not None and more > end:
                        obj += tokens[end:more]
                        after_obj = more
            while obj and (obj[-1].lower() in r.object_trailing or obj[-1].lower() in r.number_words
                           or (obj[-1][:1].isdigit() and not _numbered(obj, r))):
                obj.pop()  # "approved the release of the" -> "approved the release"
                after_obj -= 1
            if len(obj) > 2 and obj[-1].islower() and obj[-1].endswith(r.gerund_suffix) \
                    and obj[-2][:1].isalpha() and obj[-2].lower() not in r.determiners \
                    and obj[-2].lower() not in r.prepositions and after_obj < hi and (
                        lows[after_obj] in r.determiners or tokens[after_obj][:1].isupper()
                        or tokens[after_obj].endswith(r.possessive) or (
                            (tokens[after_obj] in _QUOTES or lows[after_obj] in r.prepositions
                             or lows[after_obj] in r.reflexive_pronouns)
                            and obj[-1].lower() not in r.subject_nouns and not is_noun(obj[-1].lower()))):
                # a participle's clause cut after its verb: "signed a letter | recognising the PLO",
                # "issued statements calling | for a ceasefire", "a declaration committing | themselves"
                # (not a noun: "held a closed-door meeting | in Geneva")
                obj.pop()
            if obj and complements and obj[-1].lower() in complements and not (
                    len(obj) == 1 and obj[0].lower() in r.particles):
                obj.pop()   # a complement with nothing after it (not a particle: "took over")
            words, verb_at, verb_gap, base, third, passive_verb = [verb, *obj], i, gap, forms[0], forms[1], is_passive
            aux = i - 1
            while aux >= lo and lows[aux] not in r.negations and (_skippable(lows[aux], r) or lows[aux] in passive):
                aux -= 1   # "has not signed", "was never formally invited"
            negated = aux >= lo and lows[aux] in r.negations
            # "had no mandate to negotiate": the verb of a denied noun's purpose is denied too
            negated = negated or (i - 3 >= lo and lows[i - 1] == "to" and lows[i - 3] in r.denying_determiners)
            if date_at is None:
                break
    said_at = _said_at(lows, lo, date_at, r) if date_at is not None else -1
    # (set only when the reasons before it do not hold: then the verb found is not that saying)
    said_on_date = False
    if status != "planned" and event_type in r.speech_types and (
            verb_at < 0 or (lows[verb_at] in r.need_complementizer and (len(words) == 1 or lows[verb_at + 1] in r.pronouns))
            or any(lows[k] in r.speech_verbs for k in range(lo, verb_at))
            or (said_on_date := 0 <= said_at != verb_at)):
        # a statement's verb of saying, or a verb of the table inside what was said ("said he
        # would not continue once his mandate ended")
        said = _reported_line(tokens, lows, lo, hi, date_at, actors, locations, r) \
            or _quoted_line(tokens, lows, lo, hi, actors, r)
        if said:
            return said
        if said_on_date and (verb_at > said_at or any(tokens[k] == "," and lows[k + 1] in r.predicate_joiners
                                                      for k in range(verb_at, said_at))):
            # the saying of that date, its words not told, and the verb found is of another clause
            # ("A bomb killed 22 people a week ago, ..., and Rabin said yesterday"): no line of it
            verb_at, words = -1, []
    verb_subject_end, reduced, done_to = verb_at, False, None
    if verb_at >= 0 and not passive_verb and lows[verb_at] in r.participles \
            and base not in r.acts_without_object and len(words) == 1 \
            and not (verb_at > lo and lows[verb_at - 1] in r.predicate_joiners):   # ("opened and moved": active)
        # a participle without an object after a noun phrase, or after its comma ("the Minsk
        # Protocol, signed on 5 September"): what was done to it
        after_comma = verb_at > 1 and tokens[verb_at - 1] == "," and verb_at - 1 != date_at  # (not the date's place)
        subject_end = verb_at - 1 if after_comma else verb_at
        # ("under the agreements signed": the object of a preposition is no verb's subject)
        prepositional = not after_comma and _object_of_preposition(tokens, lows, subject_end, lo, r)
        done_to = _phrase_subject(tokens, lows, subject_end, lo, date_at, actors, locations, r, True, prepositional)
        if not done_to and after_comma:
            # after its comma a participle tells of the noun before, a preposition's object too ("the
            # details were settled in the Brazzaville Protocol, signed in ..."), unless the noun ends
            # a longer name ("the Agreement on the Basis for the Legal Integration of the URNG, signed")
            done_to = _phrase_subject(tokens, lows, subject_end, lo, date_at, actors, locations, r, True, True)
            start = subject_end - len(done_to.split()) - 1 if done_to else -1
            if start > 0 and lows[start] in r.determiners:
                start -= 1
            if start > 0 and lows[start] in r.prepositions and tokens[start - 1][:1].isupper():
                done_to = ""
        followed = lows[verb_at + 1] if verb_at + 1 < len(lows) else ""
        clause_before = after_comma and bool(done_to) and len(done_to.split()) > 3 and not all(
            w[:1].isupper() or w.lower() in r.name_connectors for w in done_to.split())   # (a name is none)
        if clause_before:
            done_to = ""  # "The text recalls resolution 1559, adopted ...": a clause, not a name
        if done_to and verb_at and tokens[subject_end - 1][:1].isalnum() \
                and (after_comma or prepositional or not _plural(done_to, r)
                     or _done_to_plural(lows, subject_end, done_to, verb_at, r)) \
                and not _after_relative(lows, subject_end, done_to, r) and followed not in r.relative_pronouns \
                and (after_comma or prepositional or not _conjoined(lows, subject_end, done_to, r)):
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
        happening = _leading_happening(tokens, lows, opens, verb_at, r)
        phrase = "" if happening else phrase
    names_actor = phrase is None
    phrase = phrase or ""
    subject_phrase = happening or phrase
    if subject_phrase and not passive_verb and status != "planned" and (
            _plural(subject_phrase, r) or (subject_phrase not in actors
                                           and not r.conjunctions.isdisjoint(subject_phrase.lower().split()))):
        words[0] = base  # "Talks open", "Negotiations begin", "Ministers take their oaths"
    if passive_verb:  # what was done to someone or something: the line's subject is them
        who = phrase or (_coordinated(tokens, lows, lo, verb_at, date_at, actors, r) if names_actor else "") \
            or (_subject(tokens[:verb_at], actors) if names_actor else "") \
            or (r.passive_subjects[event_type][0] if base in r.passive_subjects.get(event_type, ("", ()))[1] else "")
        if not who:  # "They were broken off": nothing to say who or what
            words = []
            who = _subject(tokens[:verb_at], actors)
    elif not (happening or phrase) and words and base in r.type_subjects.get(event_type, ("", ()))[1] \
            and not _named_before(tokens, verb_at, actors, r):
        who = ""  # "It collapsed within days as the rebels pushed in": the happening did it (below)
    else:
        subject_end = _first_predicate(tokens, lows, lo, verb_at, r) if verb_at >= 0 else len(tokens)
        who = happening or phrase or _subject(tokens[:subject_end], actors, r,
                                              tokens[verb_at + 1:hi] if verb_at >= 0 else None)
        if who in actors and not happening and not phrase and verb_at >= 0 and status != "planned":
            # "the rebel commanders who survived Savimbi agreed": the name is the relative clause's
            # object; the noun phrase it qualifies did what the verb says
            qualifies = _relative_head(tokens, lows, lo, subject_end, who, actors, r)
            if qualifies:
                who = phrase = qualifies
                if words and not passive_verb and qualifies not in actors and _plural(qualifies, r):
                    words[0] = base
        qualified, head_noun = "", ""
        if who and not happening and verb_at >= 0 and not r.prepositions.isdisjoint(lows[lo:verb_at]) \
                and (not phrase or _after_preposition(lows, phrase, verb_at, lo, r)):
            # (a qualifier holds a preposition: "on Vietnam", "set by the Council"; a noun phrase
            # inside it is no subject either: "Fighting between the army and the rebels broke out")
            qualified, head_noun = _qualified_head(tokens, lows, opens, verb_at, actors, r)
            before_verb = tokens[opens + 1:verb_at] if not qualified else []
            if "," in before_verb:   # (one check in C: most subjects hold no comma)
                # the noun phrase after the clause's last comma: "Under the last of these, | the
                # withdrawal of foreign troops from Afghanistan will begin" (not the date's)
                comma = verb_at - 1 - before_verb[::-1].index(",")
                if comma != date_at and not r.prepositions.isdisjoint(lows[comma + 1:verb_at]):
                    qualified, head_noun = _qualified_head(tokens, lows, comma + 1, verb_at, actors, r)
            if phrase and phrase.split()[-1] == head_noun:
                qualified, head_noun = "", ""   # the phrase is the head itself ("Washington in turn sent")
        if not qualified and who in actors and len(words) > 1 and verb_at >= 0 and not _named_in(tokens[:verb_at], who):
            # the actor is named nowhere before the verb (the row's, not the sentence's): the noun
            # phrase its clause opens with did it, when the verb has an object (then it is active:
            # "The war began in 1980 and reached the capital" -> "War reaches the capital")
            opening = _leading_happening(tokens, lows, opens, verb_at, r, any_noun=True)
            if opening:
                qualified, head_noun = opening, opening.split()[-1]
        if qualified:
            # "An International Conference on Vietnam met": the conference met, not Vietnam
            who = qualified
            if status != "planned" and words and not words[0].startswith("to "):
                words[0] = base if _plural(head_noun, r) else third
        both = _coordinated(tokens, lows, lo, subject_end, date_at, actors, r) \
            if who and not happening and not qualified and verb_at >= 0 and " and " not in who else ""
        if both:
            who, phrase = both, ""   # "Nepal's government and Maoist rebels signed": both sign
        elif who in actors and verb_at >= 0 and not qualified \
                and not _named_in(tokens[(own := _joined_clause(tokens, lows, lo, verb_at, r)):verb_at], who):
            opening = _leading_happening(tokens, lows, own, verb_at, r, any_noun=True) if own > lo else ""
            if opening and not passive_verb:
                # "..., and fighting resumed within weeks": the joined clause's own noun phrase
                # did it, not an actor of the clause before
                who = phrase = opening
                if status != "planned" and words and not words[0].startswith("to ") and _plural(opening, r):
                    words[0] = base
            pronoun = min(subject_end, verb_at) - 1   # (a second predicate's subject is the first's: "They opened ... and ended")
            while pronoun > lo and (_skippable(lows[pronoun], r) or lows[pronoun] in r.modals):
                pronoun -= 1
            said = pronoun - 1 if pronoun - 1 >= lo and lows[pronoun - 1] in r.complementizers else pronoun
            if pronoun >= lo and (lows[pronoun] in r.thing_pronouns or (
                    lows[pronoun] in r.person_pronouns and _is_state(who))) \
                    and not (said - 1 >= lo and (lows[said - 1] in r.speech_verbs or lows[said - 1] in r.clause_verbs)):
                who = ""   # "They opened on 1 November", "It collapsed", "He met Kerry" (a state's row):
                # not the row's first actor (but "the government said it would host": the speaker's)
        if who in actors and verb_at >= 0 and not (happening or phrase or qualified) \
                and _contact_clause(tokens, lows, lo, verb_at, r):
            who = ""   # "the agreement they endorsed in Brussels": the pronoun's, not a name before it
        if who and who not in actors and not happening and not phrase and not qualified and words \
                and status != "planned":
            words[0] = base  # two actors joined: "Israel and Hamas agree"
    if who in actors and words and not passive_verb and status != "planned" and who in r.plural_actors:
        words[0] = base   # a group named in the plural: "Houthis fire", "Maoists declare"
    subject, verbs = r.type_subjects.get(event_type, ("", frozenset()))
    if not who and words and base in verbs and not (
            base in r.acts_without_object and len(words) > 1 and words[1].lower() in r.determiners):
        # "Attack kills dozens of people in Idlib", not "kills ...": but a happening opens
        # nothing ("they opened a border crossing" is no line of talks that open)
        who = subject
        if status != "planned" and _plural(who, r):
            words[0] = base
    if not who and words and verb_at >= 0 and not passive_verb:
        # no actor, happening or noun phrase right before the verb: the noun phrase its clause
        # opens with, when nothing between makes it another verb's subject ("The last Cuban
        # troops left Angola" -> "Last Cuban troops leave Angola")
        who = _leading_happening(tokens, lows, opens, verb_at, r, any_noun=True)
        joined = next((k for k in range(verb_at - 1, max(lo, verb_at - 2 * r.subject_words - 2), -1)
                       if tokens[k] in (",", ";") and k != date_at), -1)
        if not who and joined > lo:
            # the clause joined by ", and" that holds the verb: "..., and the border crossings
            # between them reopened" -> "Border crossings reopen"
            who = _leading_happening(tokens, lows, joined, verb_at, r, any_noun=True)
        if who and status != "planned" and _plural(who, r) and not words[0].startswith("to "):
            words[0] = base
    if lexicon and verb_at >= 0 and lows[verb_at] in lexicon and (
            not (who and words) or (lows[verb_at] in reduced_forms and not passive_verb)
            or any(lows[k] in r.relative_pronouns for k in range(max(lo, verb_at - 3), verb_at))):
        # a verb known only to the lexicon tells a line only with its own subject: not without
        # one ("We have waited too long"), not in a reduced clause read as active (", founded in
        # 1964 by students"), not in a relative clause (", which has patrolled the buffer zone"):
        # the actor and event type, as without a verb
        words, who = [], _subject(tokens, actors, r, None)
    if words and not who:
        # no subject found ("They resumed briefly", "It is due to review the mandate"): a line that
        # opens with its verb tells no one; the actor and event type, as without a verb
        words, who = [], _subject(tokens, actors, r, None)
    if len(words) > 1:
        words = _without_object_pronoun(words, tokens, lows, lo, verb_at, r)
    if len(words) == 1 and not passive_verb and not r.relative_pronouns.isdisjoint(lows[max(lo, verb_at - 8):verb_at]):
        words += _relative_object(tokens, lows, verb_at, lo, r)  # "the Geneva talks, which de Mistura suspended"
    if negated and words:
        # what did not happen is told as such: "not invited", "not to be signed", "does not sign"
        if passive_verb or words[0].startswith("to "):
            words[0] = f"not {words[0]}"
        else:
            words[0] = f"{'do' if words[0] == base else 'does'} not {base}"
    place = _place(tokens, locations, verb_at, r.place_reach) if words else (locations[0] if locations else "")
    if words and place and _told_apart(tokens, lows, place, verb_at, r.place_reach, date_at, r):
        place = ""
    if words:
        # Never cut: the subject (a phrase of subject_words, or at most _MAX_JOINED names) and the
        # object (object_words) are bounded already, and a cut line ends mid-phrase ("to sign a
        # final"); only the place is left out when the line is longer than max_words.
        line = " ".join(([who] if who else []) + words).split()
        told = " ".join([who, *words])
        if place and not any(p in told for p in locations) \
                and len(line) + 2 + place.count(" ") <= r.max_words:
            line += [_preposition(tokens, lows, place, verb_at, r), place]
        return " ".join(line)
    label = event_type.replace("_", " ")
    if status == "planned":
        label += " planned"
    parts = [p for p in (who, label) if p]
    line = ": ".join(parts) if who else label[:1].upper() + label[1:]
    return line + (f" in {place}" if place else "")
