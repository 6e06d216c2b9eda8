"""What kind of event a dated sentence describes, from cue words kept as data.

`resources/event_types.yaml` gives each type a priority and its cues. In a sentence, every cue
scores its type's priority minus its distance in words from the time expression (capped), a
cue inside a quotation scores less (what was said is not the event of the date: the saying is),
and the best score wins. "suspended ... talks" is a suspension, not talks; "said the talks
would resume on Feb. 25" is a resumption; "Last week, X said that ... a cease-fire" a statement.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require
from timeline.extract.sentences import rules as splitter_rules
from timeline.temporal.rulebook import phrase_tree

RESOURCE = "event_types.yaml"
REQUIRED_TYPES = ("talks", "suspension", "resumption", "meeting", "agreement", "ceasefire", "resolution",
                  "statement", "military", "attack", "casualties", "humanitarian", "other")
FALLBACK = "other"
_WORD = re.compile(r"\w+")
_CUE_WORD = re.compile(r"^[\w'’.+]+\*?,?$")   # a comma after a word: "war, which began"
# ", <a few words> said|told reporters ..." up to the end of its clause.
_ATTRIBUTION = re.compile(r",(?P<tail>[^,;.!?]{0,80}?\b(?:said|says|told|added|according)\b[^,;.!?]{0,40})(?=[,.;!?]|$)")
_VERB_TO_DATE = 2        # words between a verb of saying and the date it governs ("told reporters on Monday")
_VERB_TO_DATE_THAT = 6   # ... when "that" follows the date ("said in a televised address late on Tuesday that")
_VERB_WINDOW = 50        # characters before the date searched for that verb
_OBJECT_WORDS = 8        # words between a verb of judging and the date for its object to be a topic
_ATTRIBUTION_REACH = 60  # characters from the comma to the verb of ", Turkish officials said"
_THAT = re.compile(r"\s{0,3},?\s{0,3}that\b")
_LIST_ITEM_WORDS = 3     # an item of a list ("Geneva, Vienna, and Paris") has at most this many words
_THAT_WORD = re.compile(r"\bthat\b", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[,;:()\u2013\u2014]")
# The end of a clause: not the dots of "U.S." or "U.N.", nor a title's dot ({titles}). This and
# the two patterns below are templates, compiled once at load with the data's words
# (EventTypeVocabulary: sentences.yaml titles; event_types.yaml relative_prepositions,
# relative_pronouns and aside_participle_endings).
_CLAUSE_END_TEMPLATE = r";|(?<!\b[^\W\d_]){titles}[.!?](?=\s|$)"
# ", who won the prize in 2019," / ", which has mediated since 2021,": a relative clause set off by
# commas; a date inside it dates the clause's own event, not the sentence's. Its pronoun may follow
# a preposition (", with whom ...", ", through which ..."): the prepositions are event_types.yaml's.
_RELATIVE_TEMPLATE = r",\s{{1,3}}(?:{preposition}(?:{pronoun}))\b(?:[^,;.!?]|{dot}){{0,300}}"
# An aside set off by commas, opened by a relative pronoun or by a lower-case word with one of
# aside_participle_endings: a participle (", hammered out overnight,", ", meeting in Geneva,") or
# a word in -ing that opens a circumstance (", during the state visit,", ", including the
# capital,"): it describes its noun or the setting, not the event.
_ASIDE_TEMPLATE = r"(?<=\w),\s{{1,3}}(?:{preposition}(?:{pronoun})|{participle})\b(?:[^,;.!?]|{dot}){{0,200}},"
_QUOTES = re.compile(r"“[^”]{0,2000}(?:”|$)|\"[^\"]{0,2000}(?:\"|$)|^[^“”]{0,2000}”")
_QUOTE_MARKS = re.compile(r"[“”\"]")   # every quotation of _QUOTES holds one


# A cue found in a sentence: (start, end, words as written, event type, priority).
CueMatch = tuple[int, int, str, str, float]
_CUE_CACHE = 32   # sentences whose cues are kept: a sentence with several dates is read once


@functools.lru_cache(maxsize=_CUE_CACHE)
def _sentence_spans(sentence: str, vocabulary: EventTypeVocabulary) -> tuple[
        list[int], tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """What classifying any date of `sentence` reads whatever the date: where its words start,
    its quotations, relative clauses and asides (each needs a quote mark or a comma: without
    one the scan is skipped)."""
    words = [m.start() for m in _WORD.finditer(sentence)]
    quotes = tuple(m.span() for m in _QUOTES.finditer(sentence)) if _QUOTE_MARKS.search(sentence) else ()
    if "," not in sentence:
        return words, quotes, (), ()
    return (words, quotes, tuple(m.span() for m in vocabulary.relative.finditer(sentence)),
            tuple(m.span() for m in vocabulary.aside.finditer(sentence))
            + (tuple(m.span(1) for m in vocabulary.apposition.finditer(sentence)) if vocabulary.apposition else ()))


@functools.lru_cache(maxsize=_CUE_CACHE)
def _cached_cue_matches(sentence: str, vocabulary: EventTypeVocabulary) -> tuple[CueMatch, ...]:
    return tuple(vocabulary.cue_matches(sentence))


def cue_matches(sentence: str, vocabulary: EventTypeVocabulary) -> tuple[CueMatch, ...]:
    """The cues of `sentence`, found once however many of its dates are classified."""
    return _cached_cue_matches(sentence, vocabulary)


@dataclass(frozen=True, slots=True)
class Classification:
    event_type: str
    cue: str | None       # the words that decided, None for "other"
    score: float


def cue_pattern(cue: str) -> str:
    """A cue as a regex: "suspend*" -> suspend\\w*, "cease fire" -> cease[\\s-]{1,3}fire."""
    parts = []
    for word in cue.split():
        comma = "," if word.endswith(",") else ""
        word = word.rstrip(",")
        stem = re.escape(word.rstrip("*").replace("’", "'")).replace("'", "['’]")
        parts.append(stem + (r"\w*" if word.endswith("*") else "") + comma)
    return r"[\s-]{1,3}".join(parts)   # "cease-fire", "cease fire", "cease - fire": bounded, the house form


class EventTypeVocabulary:
    """Built once from event_types.yaml; `classify` scores one sentence."""

    def __init__(self, data: Any) -> None:
        require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
        # The articles are discourse.yaml's ("the elections of September 1992", "to a truce"), read
        # through the discourse rules' loader; imported here, not at the top, as the discourse
        # package sits above this module (it reads the event types).
        from timeline.extract.discourse.rules import articles, definite_articles

        self.distance_weight = float(data.get("distance_weight", 1.0))
        self.max_distance = int(data.get("max_distance", 25))
        self.quoted_factor = float(data.get("quoted_factor", 0.4))
        self._reporting = _word_list(data, "content_introducers")
        # A title's dot ("Mr. Aliyev called the agreement ...") ends no clause: the titles are the
        # sentence splitter's (sentences.yaml), which never ends a sentence after one either.
        titles = "".join(rf"(?<!\b{re.escape(t)})" for t in sorted(splitter_rules().titles))
        self._clause_end = re.compile(_CLAUSE_END_TEMPLATE.format(titles=titles))
        # "five days after he was sworn in": the units of a span of time and the words that count it
        # from an event.
        offsets = data.get("offset_anchors")
        self._offset_units = self._offset_counts = self._offset_words = None
        if offsets:
            require(isinstance(offsets, dict), RESOURCE, "offset_anchors", "must be a mapping with units and words")
            self._offset_units = _word_list(offsets, "units")
            self._offset_counts = _word_list(offsets, "counts")
            self._offset_words = re.compile(r"\s{1,3}(?:" + _word_list(offsets, "words").pattern + r")", re.IGNORECASE)
        # "the elections of September 1992": the noun before "of" and a date is that date's event.
        heads = data.get("head_of_date")
        self._head_of_date_words = None
        self.head_of_date_gap = 0
        if heads:
            require(isinstance(heads, dict) and isinstance(heads.get("gap"), int)
                    and not isinstance(heads["gap"], bool) and heads["gap"] >= 0, RESOURCE, "head_of_date",
                    "must be a mapping with words and gap (a number of words)")
            self._head_of_date_words = re.compile(r"(?<!\w)(?:" + _word_list(heads, "words").pattern
                                                  + r")\s{1,3}(?:" + _alternation(definite_articles())
                                                  + r"\s{1,3})?$", re.IGNORECASE)
            self.head_of_date_gap = heads["gap"]
        # ", with whom ...", ", through which ...": a relative clause opened by a preposition.
        prepositions = data.get("relative_prepositions") or []
        require(isinstance(prepositions, list) and all(isinstance(w, str) and w.isalpha() for w in prepositions),
                RESOURCE, "relative_prepositions", "must be a list of words")
        preposition = ("(?:(?:" + "|".join(map(re.escape, prepositions)) + r")\s{1,3})?") if prepositions else ""
        # ... and the pronouns that open one, and the endings of the participles that open an aside
        # (", hammered out overnight,", ", meeting in Geneva,"): lower-case words, matched as written,
        # since a capitalised "Which" or "Meeting" after a comma opens no clause.
        pronoun = "|".join(map(re.escape, _lower_words(data, "relative_pronouns")))
        participle = "|".join(r"[a-z]+" + re.escape(ending) for ending in _lower_words(data, "aside_participle_endings"))
        # ... which a dot of an initial or a title does not end ("which President John F. Kennedy imposed")
        dot = r"(?<=\b[A-Z])\.|" + "|".join(rf"(?<=\b{re.escape(t)})\." for t in sorted(splitter_rules().titles))
        self.relative = re.compile(_RELATIVE_TEMPLATE.format(preposition=preposition, pronoun=pronoun, dot=dot))
        self.aside = re.compile(_ASIDE_TEMPLATE.format(preposition=preposition, pronoun=pronoun,
                                                       participle=participle, dot=dot))
        # "Vladimir Medinsky, the head of Russia's delegation, said ...": an apposition after a name
        # (a capitalised word), opened by one of `openers` and closed by a comma within `words` words,
        # describes the person, not the event: an aside too.
        apposition = data.get("apposition") or {}
        require(isinstance(apposition, dict), RESOURCE, "apposition", "must be a mapping with openers and words")
        self.apposition = None
        if apposition:
            # (the opener and at least one word: the pattern repeats `words` - 2 words before the
            # last, and a bound below 0 would make a pattern that silently matches nothing)
            require(isinstance(apposition.get("words"), int) and not isinstance(apposition["words"], bool)
                    and apposition["words"] >= 2, RESOURCE,
                    "apposition.words", "must be a number of words, 2 or more (the opener counted)")
            self.apposition = re.compile(r"\b[A-Z][\w'’-]{0,30}(,\s{1,3}" + _word_list(apposition, "openers").pattern
                                         + r"\s{1,3}(?:[\w'’-]+\s{1,3}){0,%d}[\w'’-]+,)" % (apposition["words"] - 2))
        # Of those, the ones that open a subordinate clause: what they introduce ends at a comma.
        subordinators = data.get("subordinators") or []
        require(isinstance(subordinators, list) and all(isinstance(w, str) for w in subordinators)
                and {w.lower() for w in subordinators} <= {w.lower() for w in data["content_introducers"]},
                RESOURCE, "subordinators", "must be a list of words of content_introducers")
        self._subordinators = frozenset(w.lower() for w in subordinators)
        self._that_verbs = _word_list(data, "that_clause_verbs")
        self._consequences = _word_list(data, "consequence_words")
        self._object_verbs = _word_list(data, "object_verbs")
        self._undated_object_verbs = (_word_list(data, "undated_object_verbs")
                                      if data.get("undated_object_verbs") else None)
        # ... a subset of object_verbs: a verb whose object is the topic with a date has it without one
        require(not {w.lower() for w in data.get("undated_object_verbs") or ()}
                - {w.lower() for w in data["object_verbs"]}, RESOURCE, "undated_object_verbs",
                "must name only verbs of object_verbs")
        # "Under the accord, the cabinet will take office on Oct. 14": the text named after these is
        # the source of what the sentence tells, not its event.
        self._source_openers = _phrase_list(data, "source_openers") if data.get("source_openers") else None
        self.source_words = int(data.get("source_words", 3))
        # "agreed to hand power to a new cabinet in October": a date inside what was agreed (a verb
        # after "to") dates that content, not the agreeing.
        complement = data.get("complement_verbs") or []
        require(isinstance(complement, list) and all(isinstance(w, str) and w.isalpha() for w in complement),
                RESOURCE, "complement_verbs", "must be a list of words")
        self._complement = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, complement))
                                       + r")\s{1,3}to\s{1,3}(?!" + _alternation(_lower_words(data, "complement_determiners")) + r"\b)\w",
                                       re.IGNORECASE) if complement else None)
        self.source_date_words = int(data.get("source_date_words", 2))
        self.attribution_words = int(data.get("attribution_words", 7))
        # ", and" joins two clauses, each with its own event: the date's clause is read alone.
        coordinators = data.get("coordinators") or []
        require(isinstance(coordinators, list) and all(isinstance(w, str) and w.isalpha() for w in coordinators),
                RESOURCE, "coordinators", "must be a list of words")
        self._coordination = (re.compile(r",\s{1,3}(?:" + "|".join(map(re.escape, coordinators)) + r")\s{1,3}", re.IGNORECASE)
                              if coordinators else None)
        self.coordinated_date_words = int(data.get("coordinated_date_words", 2))
        # "meeting in Brussels on Wednesday to endorse the plan": what follows is the purpose.
        purpose = data.get("purpose_after") or []
        require(isinstance(purpose, list) and all(isinstance(w, str) and w.isalpha() for w in purpose),
                RESOURCE, "purpose_after", "must be a list of words")
        self._purpose = (re.compile(r",?\s{1,3}(?:" + "|".join(map(re.escape, purpose)) + r")\s{1,3}(?!" + _alternation(articles()) + r"\b)",
                                    re.IGNORECASE) if purpose else None)
        # "But" after the date opens another event: "talks began in 2021 but stalled two months later".
        self._contrasts = _word_list(data, "contrast_after") if data.get("contrast_after") else None
        planned = data.get("planned_not_saying", {"words": []})
        require(isinstance(planned, dict) and isinstance(planned.get("words"), list), RESOURCE,
                "planned_not_saying", "needs a list 'words' (and 'examples')")
        if planned["words"]:
            _word_list(planned, "words")  # validates
        self._planned_not_cues = frozenset(w.lower() for w in planned["words"])
        self.planned_examples: list[tuple[str, str, str, str]] = []
        for ex in planned.get("examples") or []:
            require(isinstance(ex, list) and len(ex) == 4 and ex[1] in ex[0], RESOURCE, "planned_not_saying.examples",
                    f"example {ex!r} must be [sentence, time expression in it, publication date, type]")
            self.planned_examples.append(tuple(ex))
        types = data.get("types")
        require(isinstance(types, list) and types, RESOURCE, "types", "must be a non-empty list")
        self.priority: dict[str, float] = {}
        self.examples: list[tuple[str, str, str]] = []
        branches: list[tuple[int, str, str, str, float]] = []
        # Cues that only name who acts ("the two sides"): they give a compound its type (a
        # meeting verb beside them), never the sentence's alone.
        compound_only: set[str] = set()
        own_clause_only: set[str] = set()
        # Every cue written out, in any type: an inflected form (below) never overrides one.
        written = {_cue_key(item.get("cue") if isinstance(item, dict) else item)
                   for entry in types if isinstance(entry, dict) for item in entry.get("cues") or []
                   if isinstance(item if not isinstance(item, dict) else item.get("cue"), str)}
        stems = tuple(w[:-1] for w in written if w.endswith("*") and " " not in w)
        for i, entry in enumerate(types):
            where = f"types[{i}] ({entry.get('name', '?') if isinstance(entry, dict) else entry!r})"
            require(isinstance(entry, dict), RESOURCE, where, "must be a mapping")
            name = entry.get("name")
            require(isinstance(name, str) and name.isidentifier(), RESOURCE, where, "needs a name (a word)")
            require(name not in self.priority, RESOURCE, where, "duplicate type")
            require(isinstance(entry.get("priority"), (int, float)), RESOURCE, where, "needs a numeric priority")
            self.priority[name] = float(entry["priority"])
            cues = entry.get("cues", [])
            require(isinstance(cues, list), RESOURCE, where, "cues must be a list")
            for item in cues:
                # A cue is words, or {cue: words, priority: N} for a weaker or stronger cue.
                cue, priority = (item.get("cue"), item.get("priority")) if isinstance(item, dict) else (item, None)
                require(isinstance(cue, str) and all(_CUE_WORD.match(w) for w in cue.split()),
                        RESOURCE, where, f"cue {cue!r} must be words, '*' only at a word's end")
                require(priority is None or isinstance(priority, (int, float)), RESOURCE, where,
                        f"cue {cue!r}: priority must be a number")
                if isinstance(item, dict) and item.get("compound_only") is not None:
                    require(item["compound_only"] is True, RESOURCE, where, f"cue {cue!r}: compound_only must be true")
                    require("*" not in cue, RESOURCE, where, f"cue {cue!r}: a compound_only cue has no stem")
                    compound_only.add(_cue_key(cue))   # compared by the same key as found
                # A background noun ("war") names the date's event only in the date's own words:
                # inside a quotation, an aside or reported content it is no cue at all.
                if isinstance(item, dict) and item.get("own_clause_only") is not None:
                    require(item["own_clause_only"] is True, RESOURCE, where,
                            f"cue {cue!r}: own_clause_only must be true")
                    require("*" not in cue, RESOURCE, where, f"cue {cue!r}: an own_clause_only cue has no stem")
                    own_clause_only.add(_cue_key(cue))
                branches.append((len(cue), name, cue_pattern(cue), cue.split()[0],
                                 float(entry["priority"] if priority is None else priority)))
            # A word of `inflect` is a cue in every form a lemmatiser gives it as a verb or a noun
            # ("withdraw": withdraws, withdrew, withdrawn, withdrawing; "trip": trips), at the
            # priority the type's cue of that very word has (else the type's); a form written out
            # as a cue of any type (or matched by a stem cue) keeps that cue's type and priority.
            inflect = entry.get("inflect") or []
            require(isinstance(inflect, list) and all(isinstance(w, str) and w.isalpha() and w.islower()
                                                      for w in inflect), RESOURCE, where,
                    "inflect must be a list of lower-case words")
            own = {_cue_key(item["cue"] if isinstance(item, dict) else item):
                   item.get("priority") if isinstance(item, dict) else None for item in cues}
            for word in inflect:
                forms = word_forms(word)
                require(len(forms) > 1, RESOURCE, where, f"inflect: {word!r} is no verb or noun lemminflect knows")
                priority = float(own.get(word) or entry["priority"])
                for form in sorted(forms - written):
                    if not form.startswith(stems):
                        branches.append((len(form), name, cue_pattern(form), form, priority))
                        written.add(form)
            examples = entry.get("examples")
            require(isinstance(examples, list) and examples, RESOURCE, where, "needs examples")
            for ex in examples:
                require(isinstance(ex, list) and len(ex) == 2 and ex[1] in ex[0], RESOURCE, where,
                        f"example {ex!r} must be [sentence, time expression in it]")
                self.examples.append((ex[0], ex[1], name))
        self._compound_only = frozenset(compound_only)
        self._own_clause_only = frozenset(own_clause_only)
        missing = [t for t in REQUIRED_TYPES if t not in self.priority]
        require(not missing, RESOURCE, "types", f"lacks the types {', '.join(missing)}")
        # Two cues of given types a few words apart name one event of a third type ("signed a
        # ceasefire agreement", "agreed to a cessation of hostilities": a ceasefire).
        self.compounds: list[tuple[frozenset[str], int, str, frozenset[str], bool, bool, bool]] = []
        for i, entry in enumerate(data.get("compounds") or []):
            where = f"compounds[{i}]"
            require(isinstance(entry, dict) and isinstance(entry.get("cues_of"), list) and len(entry["cues_of"]) == 2
                    and all(t in self.priority for t in entry["cues_of"]) and entry.get("type") in self.priority
                    and isinstance(entry.get("within"), int), RESOURCE, where,
                    "needs cues_of (two known types), within (words) and type (a known type)")
            unless = entry.get("not_cues") or []
            require(isinstance(unless, list) and all(isinstance(w, str) for w in unless), RESOURCE, where,
                    "not_cues must be a list of cue words")
            first_only = entry.get("not_cues_first_only", False)
            require(isinstance(first_only, bool), RESOURCE, where, "not_cues_first_only must be true or false")
            # "agreed on Thursday to a truce" dates the truce; "have agreed to a truce" without a
            # date is the agreement the article tells later.
            undated_only = entry.get("not_cues_undated_only", False)
            require(isinstance(undated_only, bool), RESOURCE, where, "not_cues_undated_only must be true or false")
            # With `one_phrase`, no comma or other clause mark between the two cues: "the adviser for
            # negotiations, will travel" is an apposition, not travel for negotiations.
            one_phrase = entry.get("one_phrase", False)
            require(isinstance(one_phrase, bool), RESOURCE, where, "one_phrase must be true or false")
            self.compounds.append((frozenset(entry["cues_of"]), entry["within"], entry["type"],
                                   frozenset(w.lower() for w in unless), first_only, undated_only, one_phrase))
            for ex in entry.get("examples") or []:
                # [sentence, time expression] is the compound's type; a third item, another type
                # (a near miss that is no compound).
                require(isinstance(ex, list) and len(ex) in (2, 3) and ex[1] in ex[0]
                        and (len(ex) == 2 or ex[2] in self.priority), RESOURCE, where,
                        f"example {ex!r} must be [sentence, time expression in it, optional type]")
                self.examples.append((ex[0], ex[1], ex[2] if len(ex) == 3 else entry["type"]))
        for key in ("source_examples", "complement_examples", "relative_examples", "offset_examples",
                    "head_of_date_examples", "apposition_examples"):
            for ex in data.get(key) or []:
                require(isinstance(ex, list) and len(ex) == 3 and ex[1] in ex[0] and ex[2] in self.priority, RESOURCE,
                        key, f"example {ex!r} must be [sentence, time expression in it, a known type]")
                self.examples.append((ex[0], ex[1], ex[2]))
        # Cues indexed by their first word (or its stem, for "suspend*"), longest cue first, so a
        # sentence is read once, word by word: "cease-fire" wins over "fire".
        branches.sort(key=lambda b: -b[0])
        self._by_word: dict[str, list[tuple[re.Pattern[str], str, float]]] = {}
        self._by_stem: dict[str, list[tuple[re.Pattern[str], str, float]]] = {}
        for _, name, pattern, first, priority in branches:
            first = first.rstrip(",")
            compiled = re.compile(pattern + r"(?!\w)", re.IGNORECASE)
            table = self._by_stem if first.endswith("*") else self._by_word
            # ... the first word as a sentence is read (_WORD): a possessive ("donors' conference")
            # is found at its word "donors"
            head = first.rstrip("*").lower().replace("’", "'")
            word = _WORD.match(head)
            table.setdefault(word.group() if word else head, []).append((compiled, name, priority))
        self._stem_lengths = sorted({len(stem) for stem in self._by_stem})
        # The first letters of every stem: most words of a sentence begin no cue, and this one
        # set lookup tells them apart.
        self._shortest_stem = self._stem_lengths[0] if self._stem_lengths else 0
        self._stem_heads = frozenset(stem[:self._shortest_stem] for stem in self._by_stem)

    def _reported_content(self, sentence: str, timex_start: int, timex_end: int) -> list[tuple[int, int]]:
        """What a reporting verb after the date introduces ("Last week, X said that ..."), to the
        end of its clause: its cues describe what was said, not the event of the date."""
        spans = []
        m = self._reporting.search(sentence, timex_start)
        start = m.end() if m else None
        # In a sentence read without a date of its own, a subordinate clause ends at its comma
        # ("Speaking after the ceremony, the minister said ..."); a dated sentence's may hold a
        # list ("hours after the leaders of Russia, Azerbaijan and Armenia signed").
        subordinate = timex_end == timex_start and m is not None and m.group().lower() in self._subordinators
        # "X said Wednesday that ...", "reported on Wednesday that ...": the verb right before
        # the date governs what follows it.
        window = sentence[max(0, timex_start - _VERB_WINDOW):timex_start]
        that_follows = _THAT.match(sentence, timex_end) is not None
        offset = max(0, timex_start - _VERB_WINDOW)
        # With "that" after the date the verb may stand further back: "telling reporters in
        # Athens on Saturday that ...".
        reach = _VERB_TO_DATE_THAT if that_follows else _VERB_TO_DATE
        for verb in [*self._reporting.finditer(window), *self._that_verbs.finditer(window)]:
            if len(_WORD.findall(window[verb.end():])) > reach:
                continue
            if self._reporting.fullmatch(verb.group()) or that_follows:
                start = timex_start
            # "The sides are close to a deal, officials said on Monday", "..., the White House
            # confirmed last week": what comes before the attribution is what was said.
            comma = sentence.rfind(",", 0, offset + verb.start())
            if comma > 0 and offset + verb.start() - comma < _ATTRIBUTION_REACH:
                spans.append((0, comma))
        if start is not None:
            spans.append((start, self._content_end(sentence, start, subordinate and start == m.end())))
            # A sentence read without a date of its own has no clause of the date to pick: every
            # introducer opens what it introduces ("Speaking after the ceremony, the minister said
            # the treaty ...": the treaty is what was said, the saying is the event). Each clause
            # is searched once: an introducer inside a span already found is skipped.
            end = spans[-1][1]
            for later in self._reporting.finditer(sentence, end) if timex_end == timex_start else ():
                if later.start() < end:
                    continue
                end = self._content_end(sentence, later.end(), later.group().lower() in self._subordinators)
                spans.append((later.end(), end))
        # "welcomed the agreement on Wednesday": the object of a verb of judging is its topic.
        clause_start = max((m.end() for m in self._clause_end.finditer(sentence, 0, timex_start)), default=0)
        for verb in self._object_verbs.finditer(sentence, clause_start, timex_start):
            if len(_WORD.findall(sentence[verb.end():timex_start])) <= _OBJECT_WORDS:
                spans.append((verb.end(), timex_start))
        # ... and after the date ("16:20 The United States welcomed the agreement."): its object,
        # up to _OBJECT_WORDS words in its clause. In a sentence read without a date of its own
        # only the verbs that are never nouns ("welcomed the accord as a step" is a statement;
        # an undated lede's "Russia has ignored calls for a cease-fire" is no calling).
        clause_end = self._clause_end.search(sentence, timex_end)
        limit = clause_end.start() if clause_end else len(sentence)
        verbs = self._object_verbs if timex_end > timex_start else self._undated_object_verbs
        verb = verbs.search(sentence, timex_end, limit) if verbs is not None else None
        if verb is not None:
            ends = [w.end() for w in _WORD.finditer(sentence, verb.end(), limit)][:_OBJECT_WORDS]
            if ends:
                spans.append((verb.end(), ends[-1]))
        # "Elections under the agreement were held in 1996": the source named after "under the" is
        # no event of the date, its noun and the words right after it count as quoted. Not in a
        # sentence read without a date (an undated lede's "won power under a peace agreement"
        # tells that agreement).
        if self._source_openers is not None and timex_end > timex_start:
            for opener in self._source_openers.finditer(sentence):
                stop = _CLAUSE_MARK.search(sentence, opener.end())
                limit = stop.start() if stop else len(sentence)
                starts = [w.start() for w in _WORD.finditer(sentence, opener.end(), limit)][:self.source_words]
                # Only the source's own noun, its first cue: "under a deal signed in May" is the signing.
                noun = next((m for m in cue_matches(sentence, self) if starts and starts[0] <= m[0] <= starts[-1]), None)
                # ... unless the date is the source's own: "under the accord of 19 April", "under
                # the deal signed in May" date that text.
                if noun is not None and not (opener.start() <= timex_start and len(
                        _WORD.findall(sentence[noun[1]:timex_start])) <= self.source_date_words):
                    spans.append((opener.start(), noun[1]))
        # The date inside the content of a verb of agreeing ("agreed to hold elections by June"):
        # that verb is no event of the date. Only in the date's own clause.
        if self._complement is not None and timex_end > timex_start:
            for verb in self._complement.finditer(sentence, clause_start, timex_start):
                spans.append((verb.start(), verb.end() - 1))
        # A consequence after the date is not its event: "struck the port on Sunday, killing two".
        consequence = self._consequences.search(sentence, timex_end)
        if consequence is not None:
            stop = self._clause_end.search(sentence, consequence.start())
            spans.append((consequence.start(), stop.start() if stop else len(sentence)))
        # A purpose right after the date ("on Wednesday to endorse the plan") is not its event.
        purpose = self._purpose.match(sentence, timex_end) if self._purpose else None
        if purpose is not None:
            stop = self._clause_end.search(sentence, purpose.start())
            spans.append((purpose.start(), stop.start() if stop else len(sentence)))
        # A contrast after the date tells another event: "began in August 2021 but stalled later".
        contrast = self._contrasts.search(sentence, timex_end) if self._contrasts else None
        if contrast is not None:
            stop = self._clause_end.search(sentence, contrast.start())
            spans.append((contrast.start(), stop.start() if stop else len(sentence)))
        # A trailing attribution after the date: "..., officials at the airport said."
        for attribution in _ATTRIBUTION.finditer(sentence, timex_end):
            if len(_WORD.findall(attribution.group("tail"))) <= self.attribution_words:
                spans.append((attribution.start(), attribution.end()))
        return spans

    def _content_end(self, sentence: str, start: int, subordinate: bool) -> int:
        """Where the content an introducer opens at `start` ends: its clause's end, or for a
        subordinator ("after the ceremony, the minister said ...") the comma that closes it."""
        stop = self._clause_end.search(sentence, start)
        end = stop.start() if stop else len(sentence)
        if subordinate:
            comma = sentence.find(",", start, end)
            end = comma if comma >= 0 else end
        return end

    def not_the_dates_own(self, sentence: str, timex_start: int, timex_end: int) -> list[tuple[int, int]]:
        """The spans whose cues `classify` discounts for the date at [timex_start, timex_end):
        quotations and what a verb reports, a purpose, a consequence, a contrast or an attribution
        after the date (the words that tell another event than the date's)."""
        quotes = list(_sentence_spans(sentence, self)[1])
        if not any(a <= timex_start < b for a, b in quotes):
            quotes.extend(self._reported_content(sentence, timex_start, timex_end))
        return quotes

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(self.priority)

    def classify(self, sentence: str, timex_start: int, timex_end: int, by_distance: bool = True,
                 planned: bool = False) -> Classification:
        """The event type of `sentence` for the time expression at [timex_start, timex_end)
        (offsets in the sentence). Without `by_distance` (a sentence that has no date of its own,
        read as if its date stood at its start), cues count by priority alone. A `planned` date is
        not the date of a saying in the past tense ("said it would ... next week")."""
        words, quoted, relatives, asides = _sentence_spans(sentence, self)
        quotes = list(quoted)
        timex_quoted = any(a <= timex_start < b for a, b in quotes)
        if not timex_quoted:
            quotes.extend(self._reported_content(sentence, timex_start, timex_end))
        clause = next(((a, b) for a, b in relatives if a < timex_start and timex_end <= b), None)
        if not timex_quoted:
            # An aside set off by commas ("The truce, hammered out during overnight talks, is to
            # begin on Sunday"; "the ministers, meeting in Geneva, accepted the plan on Monday")
            # describes its noun, not the event of a date outside it.
            quotes.extend((a, b) for a, b in asides if not a < timex_start < b)
        outside: list[tuple[int, int]] = []
        if by_distance and not timex_quoted:
            after, outside = self._other_clauses(sentence, timex_start, timex_end)
            quotes.extend(after)
            # "five days after he was sworn in": a span of time counted from an event dates that
            # event, told after the word; the rest of the sentence is what happened then.
            anchor = self._offset_anchor(sentence, timex_start, timex_end)
            if anchor is not None:
                quotes = [(a, b) for a, b in quotes if (a, b) in quoted or not anchor[0] <= a < anchor[1]]
                quotes.extend(((0, timex_start), (anchor[1], len(sentence))))
        best = Classification(FALLBACK, None, float("-inf"))
        matches = cue_matches(sentence, self)
        if self.compounds:
            matches = self._compounded(sentence, matches, words, timex_start, timex_end)
        head = self._head_of_date(sentence, matches, timex_start) if by_distance else None
        if head is not None:
            return Classification(head[3], head[2], head[4])
        for start, end, cue, event_type, priority in matches:
            if end > timex_start and start < timex_end:
                continue  # the time expression itself ("Cease-fire Day") is no cue
            if planned and cue.lower() in self._planned_not_cues:
                continue
            if self._compound_only and _cue_key(cue) in self._compound_only:
                continue   # it named who met; the verb beside it carries the compound's type
            lo, hi = (end, timex_start) if end <= timex_start else (timex_end, start)
            distance = min(self.max_distance, bisect.bisect_left(words, hi) - bisect.bisect_left(words, lo))
            score = priority
            if clause is not None and not (clause[0] <= start < clause[1] or start < clause[0] <= end):
                continue   # the main clause around a relative clause that holds the date (a cue
                # that runs into the clause, "the war, which began in 1992", reads the clause, and
                # so does the noun the clause is about: "The truce, which took effect on Monday")
            if any(a <= start < b for a, b in outside):
                continue   # another clause of a coordination: its own event
            if not timex_quoted and any(a <= start < b for a, b in quotes):
                if self._own_clause_only and _cue_key(cue) in self._own_clause_only:
                    continue
                score *= self.quoted_factor
            score -= self.distance_weight * distance if by_distance else 0.0
            if score > best.score:
                best = Classification(event_type, cue, score)
        if best.cue is None:
            return Classification(FALLBACK, None, 0.0)
        return best


    def _head_of_date(self, sentence: str, matches: tuple[CueMatch, ...], timex_start: int) -> CueMatch | None:
        """The cue a date right after "of" belongs to ("the elections of September 1992", "the
        Good Friday Agreement of 1998"): at most `head_of_date_gap` words between it and the "of"."""
        if self._head_of_date_words is None:
            return None
        lead = self._head_of_date_words.search(sentence, max(0, timex_start - _VERB_WINDOW), timex_start)
        if lead is None:
            return None
        for cue in reversed(matches):
            if cue[1] <= lead.start():
                gap = _WORD.findall(sentence, cue[1], lead.start())
                return cue if len(gap) <= self.head_of_date_gap and not _CLAUSE_MARK.search(
                    sentence, cue[1], lead.start()) else None
        return None

    def _offset_anchor(self, sentence: str, timex_start: int, timex_end: int) -> tuple[int, int] | None:
        """Where the event a span of time is counted from is told ("three months after he took
        office": "he took office", up to its clause's end or a comma), or None when the date is no
        span (a count and a unit) followed by a word of offset_anchors."""
        if self._offset_units is None:
            return None
        *count, unit = _WORD.findall(sentence, timex_start, timex_end) or [""]
        if not count or self._offset_units.fullmatch(unit) is None or not all(
                w.isdigit() or self._offset_counts.fullmatch(w) for w in count):
            return None
        word = self._offset_words.match(sentence, timex_end)
        # ... up to the comma that closes it: "two years after independence, has caused ..."
        return None if word is None else (word.end(), self._content_end(sentence, word.end(), True))

    def _other_clauses(self, sentence: str, timex_start: int, timex_end: int
                       ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The clauses coordinated with the date's own by ", and": the one after the date, whose
        cues count as quoted (it may share the date's subject: "declared martial law on May 19,
        and launched an offensive"), and the one before a date that opens its own clause, whose
        cues are none of the date's ("... signed the accord in May, and that July he returned")."""
        if self._coordination is None or "," not in sentence:
            return [], []
        after_spans, before_spans = [], []
        after = self._coordination.search(sentence, timex_end)
        if after is not None:
            stop = self._clause_end.search(sentence, after.start())
            after_spans.append((after.start(), stop.start() if stop else len(sentence)))
        before = None
        for m in self._coordination.finditer(sentence, 0, timex_start):
            before = m
        if before is not None and len(_WORD.findall(sentence[before.end():timex_start])) <= self.coordinated_date_words:
            # "in Geneva, Vienna, and Paris on Monday": a comma a few words back makes it a list.
            previous = sentence.rfind(",", 0, before.start())
            if previous < 0 or len(_WORD.findall(sentence[previous:before.start()])) > _LIST_ITEM_WORDS:
                clause_start = max((m.end() for m in self._clause_end.finditer(sentence, 0, before.start())), default=0)
                before_spans.append((clause_start, before.start()))
        return after_spans, before_spans

    def _compounded(self, sentence: str, matches: tuple[CueMatch, ...], words: list[int], timex_start: int,
                    timex_end: int) -> tuple[CueMatch, ...]:
        """Each cue next to a cue it forms a compound with (at most `within` words between, not
        counting the date's, and no "that": "agreed that a truce should ..." is an agreement)
        takes the compound's type and the stronger priority of the two."""
        out = list(matches)
        timex_words = bisect.bisect_left(words, timex_end) - bisect.bisect_left(words, timex_start)
        dated = timex_end > timex_start   # a sentence read without a date of its own has an empty one
        for i in range(len(matches) - 1):
            a, b = out[i], matches[i + 1]   # a compound runs on: "ceasefire agreement signed"
            gap = bisect.bisect_left(words, b[0]) - bisect.bisect_left(words, a[1])
            if a[0] < timex_start and timex_end <= b[0]:
                gap -= timex_words
            for pair, within, kind, all_unless, first_only, undated_only, one_phrase in self.compounds:
                unless = frozenset() if undated_only and dated else all_unless
                if ({a[3], b[3]} == pair and a[3] != b[3] and gap <= within
                        and a[2].lower() not in unless and (first_only or b[2].lower() not in unless)
                        and _THAT_WORD.search(sentence, a[1], b[0]) is None
                        and not (one_phrase and _CLAUSE_MARK.search(sentence, a[1], b[0]))):
                    priority = max(a[4], b[4])
                    out[i] = (a[0], a[1], a[2], kind, max(priority, out[i][4]))
                    out[i + 1] = (b[0], b[1], b[2], kind, max(priority, out[i + 1][4]))
        return tuple(out)

    def cue_matches(self, sentence: str) -> list[CueMatch]:
        """Every cue of the sentence with its type and priority, leftmost then longest, not overlapping."""
        found: list[CueMatch] = []
        covered = 0
        for word in _WORD.finditer(sentence):
            if word.start() < covered:
                continue
            key = word.group().lower()
            if key not in self._by_word and key[:self._shortest_stem] not in self._stem_heads:
                continue
            candidates = list(self._by_word.get(key, ()))
            for size in self._stem_lengths:
                if size > len(key):
                    break
                candidates.extend(self._by_stem.get(key[:size], ()))
            best: CueMatch | None = None
            for pattern, event_type, priority in candidates:
                m = pattern.match(sentence, word.start())
                if m and (best is None or m.end() > best[1]):
                    best = (m.start(), m.end(), m.group(), event_type, priority)
            if best is not None:
                found.append(best)
                covered = best[1]
        return found


@functools.cache
def word_forms(word: str) -> frozenset[str]:
    """`word` and every inflection lemminflect's lexicon gives it as a verb or a noun, lower case."""
    from lemminflect import getAllInflections

    return frozenset({word} | {form.lower() for upos in ("VERB", "NOUN")
                               for forms in getAllInflections(word, upos=upos).values()
                               for form in forms if form.isalpha()})


def _cue_key(words: str) -> str:
    """Cue words as found in a sentence, compared with the file's: lower case, one space."""
    return " ".join(words.lower().replace("’", "'").replace("-", " ").split())


def _word_list(data: dict[str, Any], key: str) -> re.Pattern[str]:
    words = data.get(key)
    require(isinstance(words, list) and words and all(isinstance(w, str) and w.isalpha() for w in words),
            RESOURCE, key, "must be a non-empty list of words")
    # Whole words, so any order of the alternatives finds the same: ASCII ones as a prefix tree
    # (a branch per letter instead of per word: Python's engine tries the branches in turn).
    lowered = {w.lower() for w in words}
    body = phrase_tree(lowered) if all(w.isascii() for w in lowered) else "|".join(map(re.escape, words))
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)


def require_known_types(data: Any, resource: str, also: tuple[str, ...] = (),
                        keyed: tuple[str, ...] = ()) -> None:
    """Every event type another resource file names, at any depth of its parsed `data`, is a
    type of event_types.yaml: a misspelt type would match no row and switch its rule off
    without a word. A type is named by the items of a list under a key `event_types`, a key
    ending in `_types` or one of `also` (an item may be a group: a list of types), by the keys
    of a mapping under one of `keyed`, and by a string under a key `event_type`. The error
    names the file, the entry and the type. Linear in the size of `data`."""
    known = vocabulary().types

    def check(name: Any, path: str) -> None:
        require(isinstance(name, str) and name in known, resource, path,
                f"{name!r} is not a type of {RESOURCE} (one of {', '.join(known)})")

    pending: list[tuple[str, Any]] = [("", data)]
    while pending:
        where, value = pending.pop()
        if isinstance(value, dict):
            for key, inner in value.items():
                path = f"{where}.{key}" if where else str(key)
                if isinstance(inner, list) and (key == "event_types" or str(key).endswith("_types") or key in also):
                    for i, name in enumerate(inner):
                        for member in (name if isinstance(name, list) else [name]):
                            check(member, path if member is name else f"{path}[{i}]")
                elif key in keyed and isinstance(inner, dict):
                    for name in inner:
                        check(name, path)
                elif key == "event_type" and isinstance(inner, str):
                    check(inner, path)
                pending.append((path, inner))
        elif isinstance(value, list):
            pending.extend((f"{where}[{i}]", inner) for i, inner in enumerate(value))


def _alternation(words: Iterable[str]) -> str:
    """A regex group of whole `words` (the caller bounds them), longest first."""
    return "(?:" + "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))) + ")"


def _lower_words(data: dict[str, Any], key: str) -> list[str]:
    """`key`'s non-empty list of lower-case ASCII words, in the file's order (a pattern's words)."""
    words = data.get(key)
    require(isinstance(words, list) and words and all(isinstance(w, str) and w.isascii() and w.isalpha()
                                                      and w.islower() for w in words),
            RESOURCE, key, "must be a non-empty list of lower-case words")
    return words


def _phrase_list(data: dict[str, Any], key: str) -> re.Pattern[str]:
    """Phrases of whole words ("under the"), any of them matched, longest first."""
    phrases = data.get(key)
    require(isinstance(phrases, list) and phrases and all(isinstance(p, str) and p.split()
                                                          and all(w.isalpha() for w in p.split()) for p in phrases),
            RESOURCE, key, "must be a non-empty list of phrases of words")
    lowered = {" ".join(p.lower().split()) for p in phrases}
    body = phrase_tree(lowered) if all(p.isascii() for p in lowered) else "|".join(
        r"\s{1,3}".join(map(re.escape, p.split())) for p in sorted(lowered, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)


@functools.cache
def vocabulary() -> EventTypeVocabulary:
    """The event-type vocabulary, built once from resources/event_types.yaml."""
    return EventTypeVocabulary(load_yaml(RESOURCE))


def classify(sentence: str, timex_start: int, timex_end: int, by_distance: bool = True,
             planned: bool = False) -> Classification:
    return vocabulary().classify(sentence, timex_start, timex_end, by_distance, planned)
