"""Past forms of English verbs the headline table does not list, from lemminflect's lexicon.

The verb table (resources/chronology/headlines.yaml) holds the verbs of diplomacy news with the
readings that matter for them; a sentence whose date belongs to another verb ("Oil prices rose
slightly on Friday", "the deadline expired on 2 August") would otherwise get no verb at all and
a line of its actor and event type. Only unambiguous past forms are read this way: a past that
is also the base ("set", "hit", "cut") or a noun ("talks") is no verb without the table.
"""

from __future__ import annotations

import functools

from lemminflect import getAllInflections, getAllLemmas

# Bounded: one entry per distinct lower-case word of the sentences that reach the fallback.
_CACHE_WORDS = 1 << 16


@functools.lru_cache(maxsize=_CACHE_WORDS)
def past_verb(word: str) -> tuple[str, str, bool, bool] | None:
    """(base, third person, whether a past participle, whether also the past tense: "stopped",
    "founded", not "taken") when lower-case `word` is the past tense or past participle of an
    English verb and cannot be its base; else None."""
    lemmas = getAllLemmas(word, upos="VERB").get("VERB")
    if not lemmas or word in lemmas:
        return None   # no verb, or also the base ("set", "shed", "need")
    base = lemmas[0]
    forms = getAllInflections(base, upos="VERB")
    past, participle = forms.get("VBD", ()), forms.get("VBN") or forms.get("VBD", ())
    if word not in past and word not in participle:
        return None   # "fighting", "talks": other forms
    return base, forms.get("VBZ", (base + "s",))[0], word in participle, word in past


@functools.lru_cache(maxsize=_CACHE_WORDS)
def is_noun(word: str) -> bool:
    """Whether lower-case `word` is an English noun in lemminflect's lexicon ("meeting", "bombing";
    not "calling", "committing")."""
    return bool(getAllLemmas(word, upos="NOUN").get("NOUN"))


@functools.lru_cache(maxsize=_CACHE_WORDS)
def is_verb_base(word: str) -> bool:
    """Whether lower-case `word` is the base form of an English verb in lemminflect's lexicon
    ("revive", "end"; not "talks", "peace")."""
    return word in (getAllLemmas(word, upos="VERB").get("VERB") or ())
