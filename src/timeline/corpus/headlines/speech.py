"""A statement's headline: its speaker, the verb of saying and what was said, in the present."""

from __future__ import annotations

from timeline.corpus.headlines.lexicon import past_verb
from timeline.corpus.headlines.phrases import _phrase_subject, _plural
from timeline.corpus.headlines.rules import HeadlineRules
from timeline.corpus.headlines.subject import _named_in, _subject
from timeline.corpus.headlines.tokens import _skippable

# Bounds, in tokens: the subject of what was said may run a few words past subject_words ("the
# people of East Timor have"); what was said before a speaker's comma is three words at least ("Talks
# failed, he said" is not a sentence told); a quotation opens within a clause's first three tokens
# (a dash or a bullet may come first).
_VERB_SLACK = 3
_SAID_MIN_WORDS = 3
_QUOTE_OPENS_WITHIN = 3
_QUOTES = frozenset('"“”')


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
    stop, speaker_at = hi, _speaker_after_said(tokens, lows, lo, hi, verb_at, date_at, r)
    k = verb_at + 1
    while k < hi and lows[k] not in r.complementizers and (
            k == date_at or _skippable(lows[k], r) or lows[k] in r.time_words
            or (lows[k] in r.date_prepositions and k + 1 == date_at)):
        k += 1   # "said on Friday", "said late on Monday"
    # "told reporters on Friday that", "said in a statement that": what was said follows "that"
    # (whom it was told, up to ten words, holding no verb and no quotation: not the "that" of
    # 'said he had seen "nothing that suggests ..."')
    that = None
    for j in range(k, min(hi, k + 10)):
        if lows[j] in r.complementizers:
            that = j
            break
        if lows[j] in r.verbish or not tokens[j][:1].isalnum() and tokens[j] != ",":
            break
    quoted_after_colon = that is None and k + 2 < hi and tokens[k] == ":" and tokens[k + 1] in _QUOTES
    subject_end = -1
    if speaker_at is not None:
        # "The people of East Timor have rejected ..., Kofi Annan announced": what was said
        # stands before the speaker's comma, its subject whole ("of" ends no subject)
        k, stop = lo, speaker_at
        reach = min(stop, lo + r.subject_words + _VERB_SLACK)
        subject_end = next((j for j in range(lo, reach) if tokens[j].islower() and (
            lows[j] in r.verbish_or_present or lows[j] in r.reported_present or lows[j] in r.plural_present
            or lows[j] in r.passive or lows[j] in r.modals or _skippable(lows[j], r))), -1)
        if subject_end < 0:
            return ""   # no verb near the start: not a clause told
    elif that is not None:
        k = that + 1
    elif quoted_after_colon:
        # 'added Wednesday: "It is difficult in the extreme to see ..."': the quotation's first
        # words are what was said
        k += 2
    elif lows[verb_at] in r.need_complementizer and not (
            k + 1 < hi and lows[k] in r.pronouns and (_skippable(lows[k + 1], r) or lows[k + 1] in r.verbish)):
        return ""   # "announced the deal" tells no words; "announced it had taken back" does
    clause: list[str] = []
    limit = r.reported_words + max(0, subject_end - lo + 1)
    while k < stop and len(clause) < limit and k != date_at:
        if clause and tokens[k] in _QUOTES:
            # 'had made "painful concessions"': a quotation is what was said too, whole or not at all
            end = next((j for j in range(k + 1, min(hi, k + 2 + r.reported_words)) if tokens[j] in _QUOTES), None)
            quoted = tokens[k + 1:end] if end is not None else []
            if not quoted or len(clause) + len(quoted) > r.reported_words \
                    or not all(t[:1].isalnum() for t in quoted):
                break
            clause += quoted
            k = end + 1
            continue
        if clause and lows[k] in r.purpose_markers and clause[-1].lower() in r.passive and k + 1 < hi \
                and tokens[k + 1].islower():
            # an infinitive after a copula is what the subject is ("the aim was to make progress"):
            # told with its verb and a word of its object, not cut at "to"
            limit = max(limit, len(clause) + 4)
        elif clause and lows[k] in r.purpose_markers and k + 1 < stop and tokens[k + 1].islower() \
                and (clause[-1].lower() in r.forms or past_verb(clause[-1].lower()) is not None) \
                and (k + 2 >= stop or not tokens[k + 2][:1].isalnum() or lows[k + 2] in r.object_enders):
            # an infinitive with no object after a past verb is its object ("soldiers had begun to
            # arrive"), kept with its verb (not "agreed to hold | direct talks": cut, it tells less)
            limit = max(limit, len(clause) + 2)
        elif not tokens[k][:1].isalnum() or (clause and k > subject_end and (lows[k] in r.object_enders
                                                                             or lows[k] in r.clause_openers)):
            break
        word = r.reported_present.get(lows[k], tokens[k])
        if not clause and quoted_after_colon and (lows[k] in r.pronouns or lows[k] in r.determiners):
            word = lows[k]   # the quotation's capital is no name's: "says it is difficult"
        # (a name is one: "the United States")
        plural = bool(clause) and (clause[-1].lower() in r.plural_pronouns or (
            not clause[-1][:1].isupper() and _plural(" ".join(clause), r)))
        if lows[k] in r.plural_present and plural:
            word = r.plural_present[lows[k]]   # "fighters had looted" -> "have looted"
        elif lows[k] in r.forms and clause and not _skippable(clause[-1].lower(), r) \
                and clause[-1].lower() not in r.determiners:   # ("the proposed autonomy": an adjective)
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
    opening = _apposition_opening(tokens, lows, lo, verb_at, r) if speaker_at is None else None
    if speaker_at is not None:
        speaker = tokens[speaker_at + 1:verb_at]
        if len(speaker) > 1 and speaker[0].lower() in r.determiners:
            speaker = speaker[1:]   # "the mediator announced": "Mediator announces", as subjects are told
        named = [a for a in actors if _named_in(speaker, a)]
        who = _subject(speaker, named, r) if named else " ".join(speaker)
        who = who[:1].upper() + who[1:]
        # "Officials in Seoul said": the head before its qualifier tells the number
        head = next((j for j in range(1, len(speaker)) if speaker[j].lower() in r.prepositions), len(speaker))
        speaker_plural = not named and _plural(" ".join(speaker[:head]), r)
    elif opening is not None:
        # "Hikmet Hajiyev, an adviser to the president, Ilham Aliyev, said": the speaker is named
        # before the apposition; a name inside it is whom the speaker serves
        who = _subject(tokens[:opening], actors, r)
    else:
        phrase = _phrase_subject(tokens, lows, verb_at, lo, date_at, actors, locations, r)
        who = phrase or _subject(tokens[:verb_at], actors, r)
    if not who:
        return ""
    base, third = r.speech_verbs[lows[verb_at]]
    if speaker_at is not None and clause[0].lower() in r.determiners:
        clause[0] = clause[0].lower()   # "says the people of East Timor have rejected"
    plural = (speaker_at is not None and speaker_plural) or who in r.plural_actors or (
        who not in actors and (_plural(who, r) or not r.conjunctions.isdisjoint(who.lower().split())))
    return " ".join([who, base if plural else third, *clause])


def _speaker_after_said(tokens: list[str], lows: list[str], lo: int, hi: int, verb_at: int, date_at: int | None,
                        r: HeadlineRules) -> int | None:
    """The comma before a speaker that follows what was said ("Russia and Ukraine are close to
    an agreement, Turkish officials said on Monday"), or None: the speaker is a few words
    between that comma and the verb of saying (no verb, no pronoun), what was said opens the
    clause with at least three words, and nothing is said after the verb (it ends the clause,
    or its date, a comma or a preposition follows: "announced this evening to the Council")."""
    comma = verb_at - 1
    while comma > lo and tokens[comma][:1].isalnum() and verb_at - comma <= r.subject_words + 1:
        comma -= 1
    if tokens[comma] != "," or comma - lo < _SAID_MIN_WORDS or comma == verb_at - 1:
        return None
    speaker = range(comma + 1, verb_at)
    if any(lows[j] in r.pronouns or lows[j] in r.verbish or lows[j] in r.complementizers for j in speaker):
        return None   # ", he said": no one to name; ", which the envoy announced": no speaker
    k = verb_at + 1
    while k < hi and (k == date_at or lows[k] in r.date_prepositions or lows[k] in r.time_words):
        k += 1
    if k < hi and tokens[k][:1].isalnum() and lows[k] not in r.prepositions:
        return None   # "said he would", "told reporters": what was said or whom it was told follows
    if any(t in _QUOTES for t in tokens[lo:comma]):
        return None   # a quotation: _quoted_line tells it
    return comma


def _apposition_opening(tokens: list[str], lows: list[str], lo: int, verb_at: int, r: HeadlineRules) -> int | None:
    """The comma that opens an apposition between a speaker and the verb of saying ("X, a
    spokesman for Y, said"): the first comma of the clause followed by a determiner, when the
    verb follows a comma too; else None."""
    if verb_at < 2 or tokens[verb_at - 1] != ",":
        return None
    for m in range(lo + 1, verb_at - 2):
        if tokens[m] == ",":
            return m if lows[m + 1] in r.determiners else None
    return None


_OPENING = frozenset('"“')
_CLOSING = frozenset('"”')


def _quoted_line(tokens: list[str], lows: list[str], lo: int, hi: int, actors: list[str], r: HeadlineRules) -> str:
    """A statement told as its quotation and then its speaker ('"Nobody should expect miracles,"
    one Western diplomat said.'): the speaker, a colon and the quotation's first words, quoted as
    written ('One Western diplomat: “Nobody should expect miracles”'); "" when the clause is not
    a quotation followed by a verb of saying and a speaker named in a few words."""
    start = next((k for k in range(lo, min(hi, lo + _QUOTE_OPENS_WITHIN)) if tokens[k] in _OPENING), None)
    if start is None:
        return ""
    close = next((k for k in range(start + 1, hi) if tokens[k] in _CLOSING), None)
    if close is None or close + 2 >= hi:
        return ""
    k = close + 1
    if tokens[close - 1] != "," and tokens[k] != ",":
        return ""   # '"..." is what he said': the quotation is no opening of a statement
    if tokens[k] == ",":
        k += 1
    verb = next((j for j in range(k, min(hi, k + r.subject_words + 2)) if lows[j] in r.speech_verbs), None)
    if verb is None:
        return ""
    if verb > k:
        speaker = tokens[k:verb]                      # ', one Western diplomat said'
    else:
        end = next((j for j in range(verb + 1, hi) if not tokens[j][:1].isalnum() or lows[j] in r.object_enders), hi)
        speaker = tokens[verb + 1:end]                # ', said one trader'
    if not speaker or len(speaker) > r.subject_words or not all(t[:1].isalnum() for t in speaker) \
            or speaker[0].lower() in r.pronouns - r.singular_numbers:
        return ""   # "he said": no one to name
    named = [a for a in actors if _named_in(speaker, a)]
    who = _subject(speaker, named) if named else " ".join(speaker)
    who = who[:1].upper() + who[1:]
    quoted = tokens[start + 1:close]
    words: list[str] = []
    for t in quoted:
        if not t[:1].isalnum() or len(words) == r.reported_words:
            break
        words.append(t)
    if len(words) < 2:
        return ""
    cut = len(words) < len(quoted) and quoted[len(words)][:1].isalnum()
    return f"{who}: “{' '.join(words)}{'…' if cut else ''}”"

