"""A headline's subject when it is a noun phrase: a happening ("the talks resumed"), what was
done to something ("the Minsk Protocol, signed ..."), a relative clause's object."""

from __future__ import annotations

from timeline.corpus.headlines.lexicon import is_verb_base, past_verb
from timeline.corpus.headlines.rules import HeadlineRules
from timeline.corpus.headlines.subject import _name_spans, _name_words
from timeline.corpus.headlines.tokens import _CLAUSE_BREAKS, _adverb_before_verb, _skippable


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


def _head_noun(tokens: list[str], lows: list[str], start: int, verb_at: int, r: HeadlineRules) -> int:
    """The head of the noun phrase that opens at `start` after its determiner ("the last Cuban
    troops | left", "the commission | that investigated"): the word before the first preposition,
    comma, relative pronoun, clause opener or verb, within subject_words words; -1 when it is no
    noun (a pronoun, a number, a time)."""
    k = start
    while k < min(verb_at, start + r.subject_words):
        low = lows[k]
        if not tokens[k][:1].isalpha() or low in r.prepositions or low in r.relative_pronouns \
                or low in r.verbish or low in r.clause_openers or low in r.conjunctions or low in r.skip_words \
                or low in r.clause_verbs:
            break
        k += 1
    head = k - 1
    if head < start or lows[head] in r.pronouns or lows[head] in r.no_subject_words or lows[head] in r.purpose_nouns \
            or any(_count(w, r) for w in tokens[start:k]):
        return -1
    return head


def _leading_happening(tokens: list[str], lows: list[str], lo: int, verb_at: int, r: HeadlineRules,
                       any_noun: bool = False) -> str:
    """The happening its clause opens with ("A truce in Yemen, brokered by ..., expired" -> "Truce",
    "Talks to reunify Cyprus collapsed" -> "Talks"), when it is the subject of the verb at
    `verb_at` (one of happening_verbs): a few modifiers before its noun, and no other verb of its
    own between it and that verb (participles and infinitives qualify it; "the talks produced a
    deal that ... broke" does not)."""
    if lows[verb_at] not in r.verbish and lows[verb_at] not in r.presents:
        return ""
    while lo < verb_at and not tokens[lo][:1].isalnum():
        lo += 1   # the comma where the date was, a list entry's colon
    if lo < verb_at and lows[lo] in r.conjunctions:
        lo += 1   # ", and the border crossings between them reopened"
    start = lo + 1 if lo < verb_at and lows[lo] in r.determiners else lo
    noun = next((k for k in range(start, min(verb_at, start + r.subject_words)) if lows[k] in r.subject_nouns), -1)
    if noun < 0 and any_noun and start > lo:
        noun = _head_noun(tokens, lows, start, verb_at, r)   # any noun phrase, after its determiner
    if noun < 0 or any(not tokens[k][:1].isalnum() or lows[k] in r.prepositions or lows[k] in r.pronouns
                       or lows[k] in r.clause_openers or lows[k] in r.conjunctions
                       or (lows[k] in r.verbish and lows[k] not in r.participles) for k in range(start, noun)):
        return ""   # "Diplomats say talks ...": the happening opens no clause there
    if verb_at == noun + 2 and tokens[noun + 1] == "," and lows[verb_at] in r.participles:
        return ""   # "The rounds, held between April and June,": a participle telling of the noun
    after = noun + 1
    if after + 1 < verb_at and tokens[after] == "," and lows[after + 1] in r.participles:
        # "The negotiations, brokered by the African Union and Ethiopia, had resumed": the
        # participle's clause between its commas tells of the noun; the verb follows it
        close = next((k for k in range(after + 2, verb_at) if tokens[k] == ","), -1)
        if close < 0:
            return ""
        after = close
    join = verb_at - 1
    while join > noun and _skippable(lows[join], r):
        join -= 1
    if lows[join] in r.predicate_joiners:
        # "The negotiations began in Mexico City in August but stalled": a second predicate of the
        # same subject, whatever verbs the first has; not when a clause opener or another
        # happening comes between ("the talks began and the truce collapsed")
        return "" if any(lows[k] in r.clause_openers or lows[k] in r.relative_pronouns
                         or (lows[k] in r.subject_nouns and tokens[k][:1].islower())
                         for k in range(after, join)) else _phrase_of(tokens, start, noun)
    for k in range(after + 1 if after > noun + 1 else after, verb_at):
        low = lows[k]
        if low in r.relative_pronouns or low in r.clause_openers or low in r.clause_verbs \
                or low in r.conjunctions or (low in r.subject_nouns and tokens[k][:1].islower()):
            return ""   # another clause, or another happening nearer the verb (a name is an apposition)
        if low in r.forms and low not in r.participles and lows[k - 1] not in r.modals:
            return ""   # a finite verb of its own: the happening is its subject
        if low in r.modals and k - 1 != noun and k + 1 != verb_at:
            return ""   # "talks on how the court will work could resume": a clause inside
        if any_noun and k <= join and lows[noun] not in r.subject_nouns and (low in r.verbish or low in r.passive):
            return ""   # "the ballot was held under the agreements signed": any verb between is its own
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
    """A number that counts ("three", "180,000"), not a year ("the 2015 deal") nor a measure joined
    to its unit ("a 44-day war": one war)."""
    if word.lower() in r.number_words:
        return True
    return word[:1].isdigit() and not (len(word) == 4 and word.isdigit()) and "-" not in word


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


def _phrase_before(tokens: list[str], lows: list[str], j: int, lo: int, r: HeadlineRules) -> tuple[int, int, bool]:
    """The words ending at token `j` that can make a noun phrase: (end, the index before its first
    word, whether a determiner stands there)."""
    end, k = j + 1, j
    while k >= lo and end - k <= r.subject_words and tokens[k][:1].isalnum():
        low = lows[k]
        if low in r.determiners or low in r.clause_openers:
            if low in r.relative_pronouns and k > lo and tokens[k - 1][:1].isalnum():
                break  # "the commission that investigated": a clause, not "that commission"
                # (a clause's first word is a determiner: "That government was elected")
            return end, k, True  # "the talks", "since talks began"
        inside_name = (low in r.name_connectors and k > lo and tokens[k - 1][:1].isupper()
                       and tokens[k + 1][:1].isupper())
        after_determiner = k > lo and lows[k - 1] in r.determiners and low in r.object_stops \
            and low not in r.prepositions   # "the last political issues", "the next round"
        if (low in r.object_stops or low in r.verbish or low in r.pronouns or low in r.clause_verbs
                or low in r.passive) and not inside_name and not after_determiner:   # "are": no noun phrase runs across a copula
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
                   actors: list[str], locations: list[str], relative: bool, r: HeadlineRules,
                   reduced: bool = False) -> list[str] | None:
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
    if before >= 0 and ((lows[before] in r.prepositions and not reduced) or lows[before] in r.verbish) \
            and not relative:
        return None  # "elections under the agreement were held", "that ended the war was signed"
        # (a participle right after the phrase tells what was done to it, wherever it stands:
        # "under the agreements signed in New York": `reduced`)
    if not determined and relative and lows[end - 1] in r.subject_nouns:
        return words[-1:]  # "to revive peace talks that collapsed": the talks
    if not determined and k >= 1 and lows[k] in r.conjunctions and tokens[k - 1].isalpha() \
            and tokens[k - 1].islower() and (k < 2 or not tokens[k - 2][:1].isalnum()):
        words, k = tokens[k - 1:end], k - 2   # "government and armed opposition delegations met"
    if not determined and not all(w[:1].isupper() or w.lower() in r.name_connectors for w in words) \
            and not any(_count(w, r) for w in words) \
            and not (_opens_clause(tokens, lows, k, r) and _plural(" ".join(words), r)
                     and r.verbish.isdisjoint(lows[k + 1:end])):
        return None  # "signed in Geneva on Monday by envoys": no phrase of its own before the verb
        # ("more than 100,000 people fled", a counted phrase, is one; so is a bare plural that
        # opens its clause: "On Sunday, rebels entered Damascus", "..., and embassies are to
        # open", "said mediators would meet")
    return [] if _names_actor(words, actors, r) else words


def _opens_clause(tokens: list[str], lows: list[str], k: int, r: HeadlineRules) -> bool:
    """Whether the words after token `k` open a clause: the sentence's start, punctuation, a verb
    of saying or a complementizer ("said | mediators would meet"), or ", and" ("..., and |
    embassies are to open")."""
    return k < 0 or not tokens[k][:1].isalnum() or lows[k] in r.clause_verbs or lows[k] in r.complementizers \
        or (lows[k] in r.predicate_joiners and k >= 1 and tokens[k - 1] == ",")


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
    for m in range(comma - 2, max(lo, comma - r.apposition_words - 1) - 1, -1):
        if tokens[m] == ",":
            opens = lows[m + 1] in r.determiners or lows[m + 1] in r.participles  # ", sworn in on ...,"
            return m if opens and m > lo else None
    return None


def _relative_object(tokens: list[str], lows: list[str], verb_at: int, lo: int, r: HeadlineRules) -> list[str]:
    """The noun phrase a relative clause's verb is done to: "the Geneva talks, which de Mistura
    suspended", "the border that Turkey closed" -> "the Geneva talks", "the border" (a few words
    back, determiner kept); else nothing."""
    for m in range(verb_at - 1, max(lo, verb_at - r.subject_words - 3), -1):
        if lows[m] in r.relative_pronouns:
            if m - 1 <= lo or all(_skippable(low, r) for low in lows[m + 1:verb_at]):
                return []  # "the conflict, which began": the clause's subject is the noun itself
            noun_end = m - 2 if tokens[m - 1] == "," else m - 1
            if not tokens[noun_end][:1].isalnum():
                return []
            end, k, determined = _phrase_before(tokens, lows, noun_end, lo, r)
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
                    actors: list[str], locations: list[str], r: HeadlineRules, passive: bool = False,
                    reduced: bool = False) -> str | None:
    """The noun phrase that is the verb's subject ("the Indian Ocean tsunami killed" -> "Indian
    Ocean tsunami", "the accord was formally signed" -> "Accord", "Parliament, which is due to
    reconvene" -> "Parliament"), when it names no actor (then the actor is the subject) and is
    no pronoun: after a determiner, or a run of capitalised words. Bounded: a few words back.
    None when the words before the verb name an actor ("Momade is elected": Momade is)."""
    j, relative, apposition = verb_at - 1, False, (0, 0)
    while j >= lo:
        low = lows[j]
        if _skippable(low, r) or (j == verb_at - 1 and _adverb_before_verb(lows, j, r)):
            relative = relative or low in r.relative_pronouns
            j -= 1
        elif j > lo and lows[j - 1] in r.passive and not relative \
                and (lows[j] in r.participles or lows[j].endswith(r.past_suffix)):
            # "Parliament will be recalled [next week] to pass", "was forced to sign": the subject
            # of the passive is the one that passes, signs (the words after were skipped: a modal)
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
    words = _usable_phrase(tokens, lows, end, k, determined, actors, locations, relative, r, reduced)
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
            after_relative = determined and k - 1 >= lo and lows[k - 1] in r.relative_pronouns
            if words and not (k < lo or after_relative or all(w[:1].isupper() for w in words)):
                words = None  # mid-sentence, "to revive the 2015 deal between ...": an object, maybe
                # (not after a relative pronoun: "a truce that | the leaders of both parties | signed")
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


def _qualified_head(tokens: list[str], lows: list[str], lo: int, verb_at: int, actors: list[str],
                    r: HeadlineRules) -> tuple[str, str]:
    """The noun phrase its clause opens with when a qualifier runs from its head to the verb (a
    preposition's phrase, or a participle's: "An International Conference on Vietnam | met",
    "The deadline originally set by the Security Council | expired", "A deal on sharing oil
    wealth | followed"): that phrase, not a name inside the qualifier, is the verb's subject.
    The qualifier is kept when the whole phrase is short ("International Conference on
    Vietnam"); with the phrase, its head noun (its number is the verb's). ("", "") when the
    clause opens otherwise, when the head names an actor itself or is one of `acting_heads`
    ("Foreign ministers of the ISSG met": the ISSG's ministers), or when the words between hold
    a clause of their own (a comma, a relative pronoun, a finite verb). Bounded: subject_words
    words of head, twice as many of qualifier."""
    k = lo
    while k < verb_at and not tokens[k][:1].isalnum():
        k += 1   # the comma where the date was
    if k < verb_at and lows[k] in r.determiners:
        k += 1
    m = k
    while m < min(verb_at, k + r.subject_words) and tokens[m][:1].isalpha() and not (
            lows[m] in r.prepositions or lows[m] in r.verbish or lows[m] in r.relative_pronouns
            or lows[m] in r.clause_openers or lows[m] in r.conjunctions or lows[m] in r.pronouns
            or _skippable(lows[m], r) or (tokens[m].islower() and past_verb(lows[m]) is not None)
            or (m > k and tokens[m].islower() and lows[m].endswith(r.gerund_suffix) and _plural(tokens[m - 1], r))):
        m += 1   # (a gerund after a plural noun opens a clause of its own: "opposition groups | meeting in")
    head = m - 1
    if head < k or m >= verb_at or lows[head] in r.acting_heads or lows[head] in r.no_subject_words \
            or lows[head] in r.purpose_nouns or any(_count(w, r) for w in tokens[k:m]) \
            or tokens[k].endswith(r.possessive) or _names_actor(tokens[k:m], actors, r):
        return "", ""
    end = verb_at
    while end > m and (_skippable(lows[end - 1], r) or lows[end - 1] in r.modals):
        end -= 1   # "is due to", "had"
    q = m
    while q < end and _skippable(lows[q], r) and not _purpose(lows, q, end, r):
        q += 1   # "originally set by"
    prepositional = lows[q] in r.prepositions
    if q >= end or end - m > 2 * r.subject_words + 2 or not (
            prepositional or _participle(lows[q]) or (q + 1 < end and lows[q + 1] in r.agent_markers)):
        return "", ""
    for j in range(m, end):
        low = lows[j]
        if tokens[j] == "," and 0 < j < end - 1 and tokens[j - 1][:1].isupper() and tokens[j + 1][:1].isupper():
            continue   # a list of names: "talks between Egypt, Israel and the United States"
        if j == q and _purpose(lows, j, end, r):
            continue   # an infinitive that tells the head's purpose: "Talks | to revive the deal | stalled"
        if not tokens[j][:1].isalnum() or low in r.relative_pronouns or low in r.clause_openers \
                or low in r.clause_verbs or low in r.modals or low in r.passive \
                or (low in r.forms and low not in r.participles and j != q):
            return "", ""
    words = tokens[k:end] if prepositional and end - k <= r.subject_words + 1 else tokens[k:m]
    phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:], tokens[head]


def _purpose(lows: list[str], at: int, end: int, r: HeadlineRules) -> bool:
    """Whether an infinitive opens at `at` ("to" and the base form of a verb) before `end`."""
    return lows[at] in r.purpose_markers and at + 1 < end and (lows[at + 1] in r.bases or (
        lows[at + 1].isalpha() and is_verb_base(lows[at + 1])))


def _participle(low: str) -> bool:
    """Whether a lower-case word is an English verb's past participle (lemminflect's lexicon)."""
    forms = past_verb(low)
    return forms is not None and forms[2]


def _object_of_preposition(tokens: list[str], lows: list[str], end: int, lo: int, r: HeadlineRules) -> bool:
    """Whether the noun phrase right before token `end` is the object of a preposition that
    follows its clause's verb ("talks foundered over the future of some 35,000 troops |
    stationed", "the ballot was held under the agreements | signed"): such a phrase is no verb's
    subject, so a participle after it tells what was done to it. Not a phrase inside a subject
    ("thousands of people | poured", "Fighting in the east | turned": no verb before), nor in a
    relative clause ("a ceasefire that the commanders of the two sides | signed"). Bounded: a
    few words back to the preposition, then to the verb before it."""
    j = end - 1
    while j > lo and end - j <= r.subject_words and tokens[j][:1].isalnum() and lows[j] not in r.prepositions \
            and lows[j] not in r.determiners and lows[j] not in r.verbish and lows[j] not in r.pronouns \
            and lows[j] not in r.relative_pronouns and lows[j] not in r.clause_openers:
        j -= 1
    if j < end - 1 and (lows[j] in r.determiners or lows[j] in r.pronouns):
        j -= 1   # "under | the agreements", "of | some 35,000 troops"
    if j <= lo or j >= end - 1 or lows[j] not in r.prepositions:
        return False
    for k in range(j - 1, max(lo, j - 3 * r.subject_words) - 1, -1):
        low = lows[k]
        if not tokens[k][:1].isalnum() or low in r.relative_pronouns or low in r.clause_openers \
                or low in r.conjunctions or low in r.clause_verbs:
            return False
        if tokens[k].islower() and (low in r.forms or _past_tense(low)):
            return True
    return False


def _past_tense(low: str) -> bool:
    """Whether a lower-case word is an English verb's past tense (lemminflect's lexicon)."""
    forms = past_verb(low)
    return forms is not None and forms[3]


def _antecedent(tokens: list[str], lows: list[str], lo: int, verb_at: int, plural: bool,
                r: HeadlineRules) -> list[str]:
    """What an object pronoun of the verb at `verb_at` stands for: the nearest earlier object in
    its sentence, in the pronoun's number: the noun phrase right after an earlier verb ("accepted
    resolution 598 ... adopted it"; "stationed observers ..., but withdrew them") or after a word
    that is no preposition nor clause opener before a determiner ("set up the mission and expanded
    it"). A noun phrase: a determiner, a name or a bare plural first; up to object_words words,
    ended as objects end. [] when there is none. Bounded: the clause before the verb."""
    for k in range(verb_at - 1, lo, -1):
        low = lows[k]
        after_verb = tokens[k].islower() and (low in r.forms or _past_tense(low) or (
            low in r.bases and lows[k - 1] in r.modals))
        before_determiner = k + 1 < verb_at and lows[k + 1] in r.determiners and tokens[k].isalpha() \
            and tokens[k].islower() and low not in r.prepositions and low not in r.clause_openers \
            and low not in r.conjunctions and low not in r.relative_pronouns and low not in r.determiners
        if not (after_verb or before_determiner):
            continue
        words: list[str] = []
        for j in range(k + 1, min(verb_at, k + 1 + r.object_words)):
            ender = lows[j] in r.object_enders and not (j == k + 1 and lows[j] in r.determiners)
            if not tokens[j][:1].isalnum() or ender or lows[j] in r.verbish or lows[j] in r.pronouns:
                break
            words.append(tokens[j])
        while words and (words[-1].lower() in r.object_trailing or words[-1].lower() in r.number_words):
            words.pop()
        if not words:
            continue
        noun = [w for w in words if w.lower() not in r.determiners]
        if not noun or not (words[0].lower() in r.determiners or words[0][:1].isupper() or _plural(noun[-1], r)):
            continue
        if _plural(noun[-1], r) == plural:
            return words
    return []
