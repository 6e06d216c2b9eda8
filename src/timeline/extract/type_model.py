"""A learned second reading of a dated sentence's event type, over general features of the
date's clause: the type the cues gave, the lemma of the verb nearest the date and of the noun
after it, and the lemmas of the words around the date, capped to the lemmas seen in enough
training articles.

`resources/type_model.yaml` holds a multinomial logistic regression's coefficients, fitted by
bench/type_fit.py (scikit-learn, the `train` extra); the tool reads them in plain Python. A row's
type changes only when the model gives another type at least `threshold` probability.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require

RESOURCE = "type_model.yaml"
_WORD = re.compile(r"[^\W\d_][\w'’-]{0,40}")
_SENTENCE_STOP = re.compile(r"[;:]|\s[\u2013\u2014-]\s")   # the date's clause stops at these
WINDOW = 8          # words read either side of the date
OBJECT_GAP = 3      # words skipped after the verb to reach its object's noun ("signed a new accord")
# Words that carry no event: auxiliaries and the like are never the clause's verb.
_NOT_VERBS = frozenset("be is was were are been being am have has had having do does did will would shall should "
                       "can could may might must to of the a an and or but that which who this these those it its "
                       "he she they we i you his her their our".split())
_DETERMINERS = frozenset("a an the its his her their our this that these those new first second last final "
                         "two three".split())


@functools.cache
def _lemmas(word: str) -> tuple[str, str]:
    """(its lemma as a verb or "", its lemma as a noun or else the word) of a lower-case word."""
    from lemminflect import getAllLemmas

    found = getAllLemmas(word)
    # A verb for certain: no noun reads the same, or a past form ("accord" and "talks" are read
    # as nouns, "signed" and "met" as verbs).
    verb = (found.get("VERB", ("",))[0] if word not in _NOT_VERBS and ("NOUN" not in found or word.endswith("ed"))
            else "")
    noun = (found.get("NOUN") or found.get("VERB") or found.get("ADJ") or (word,))[0]
    return verb, noun


def features(sentence: str, timex_start: int, timex_end: int, cue_type: str | None, cue: str | None = None
             ) -> list[str]:
    """The model's features of the date at [timex_start, timex_end) of `sentence`: the type its
    cues gave (None: no cue) and the cue that decided, the types of the sentence's other cues, and
    the words of its clause around it, as lemmas."""
    lo = max((m.end() for m in _SENTENCE_STOP.finditer(sentence, 0, timex_start)), default=0)
    stop = _SENTENCE_STOP.search(sentence, timex_end)
    hi = stop.start() if stop else len(sentence)
    before = [m for m in _WORD.finditer(sentence, lo, timex_start)][-WINDOW:]
    after = [m for m in _WORD.finditer(sentence, timex_end, hi)][:WINDOW]
    out = [f"cue={cue_type or 'none'}"]
    if cue:
        out.append("cw=" + " ".join(_lemmas(w)[1] for w in cue.lower().replace("’", "'").split()))
    # Only the date's own words, as the cues read them: not a quotation, what a verb reports, a
    # purpose or a consequence after the date ("until June 30 to turn it into a full agreement").
    from timeline.extract.event_types import cue_matches, vocabulary

    others = vocabulary().not_the_dates_own(sentence, timex_start, timex_end)
    own = lambda start: not any(a <= start < b for a, b in others)  # noqa: E731
    out.extend(f"also={m[3]}" for m in cue_matches(sentence, vocabulary()) if m[3] != cue_type and own(m[0]))
    read = [m for m in [*before, *after] if own(m.start())]
    lowered = [(m.start(), m.group().lower().replace("’", "'")) for m in read]
    out.extend(f"w={_lemmas(w)[1]}" for _, w in lowered)
    # The verb nearest the date (before it first: "signed ... on Monday"), and the word after it
    # (past its determiners: "signed a new accord", "came to Helsinki"). A capitalised word is a
    # name's ("the White House"), no verb.
    verbs = [(abs(start - timex_start) + (0 if start < timex_start else 1000), i)
             for i, (start, w) in enumerate(lowered) if _lemmas(w)[0] and not read[i].group()[:1].isupper()]
    if verbs:
        _, i = min(verbs)
        out.append(f"v={_lemmas(lowered[i][1])[0]}")
        following = [w for _, w in lowered[i + 1:i + 1 + OBJECT_GAP + 1] if w not in _DETERMINERS]
        if following:
            out.append(f"o={_lemmas(following[0])[1]}")
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class TypeModel:
    threshold: float
    only_other: bool                         # retype only dates the cues left at "other"
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]   # feature -> one weight per class

    def probabilities(self, found: list[str]) -> dict[str, float]:
        scores = list(self.intercepts)
        for feature in found:
            for k, w in enumerate(self.weights.get(feature, ())):
                scores[k] += w
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}

    def retype(self, sentence: str, timex_start: int, timex_end: int, cue_type: str | None,
               cue: str | None = None) -> str | None:
        """The type the model gives the date when it differs from the cues' (`cue_type`, None when
        no cue decided, and the `cue` that did) with at least `threshold` probability, else None
        (the cues' type stands)."""
        if self.only_other and cue_type not in (None, "other"):
            return None
        p = self.probabilities(features(sentence, timex_start, timex_end, cue_type, cue))
        best = max(p, key=p.__getitem__)
        return best if best != (cue_type or "other") and p[best] >= self.threshold else None


def build_model(data: Any) -> TypeModel | None:
    """The model of `data` (type_model.yaml's content), None when it is switched off (a file
    switched off is still checked, so switching it on cannot reveal a broken file)."""
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    classes = data.get("classes")
    require(isinstance(classes, list) and classes and all(isinstance(c, str) for c in classes), RESOURCE,
            "classes", "must be a list of event types")
    from timeline.extract.event_types import require_known_types

    require_known_types({"event_types": classes}, RESOURCE)
    intercepts = data.get("intercepts")
    require(isinstance(intercepts, list) and len(intercepts) == len(classes), RESOURCE, "intercepts",
            "must hold one number per class")
    weights = data.get("weights")
    require(isinstance(weights, dict), RESOURCE, "weights", "must map features to one weight per class")
    for feature, row in weights.items():
        require(isinstance(row, list) and len(row) == len(classes)
                and all(isinstance(w, (int, float)) for w in row), RESOURCE, f"weights.{feature}",
                "must hold one number per class")
    threshold = data.get("threshold")
    require(isinstance(threshold, (int, float)) and 0 < threshold <= 1, RESOURCE, "threshold",
            "must be a probability")
    require(data.get("scope") in ("all", "other"), RESOURCE, "scope", "must be all or other")
    if not data.get("active"):
        return None
    return TypeModel(float(threshold), data["scope"] == "other", tuple(classes), tuple(map(float, intercepts)),
                     {str(f): tuple(map(float, row)) for f, row in weights.items()})


@functools.cache
def model() -> TypeModel | None:
    """The shipped model, read once; None when type_model.yaml switches it off."""
    return build_model(load_yaml(RESOURCE))
