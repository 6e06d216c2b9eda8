"""A headline's tokens and the clause of its date."""

from __future__ import annotations

import re

from timeline.corpus.headlines.rules import HeadlineRules

# A number with thousands separators is one word ("120,000 people"), not "120" and a comma.
_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+|,\d{3}(?!\d))*|[,;:()“”\"—–]")
# _TOKEN on ASCII text (letters and digits are a-z, A-Z, 0-9 there): the same tokens, faster
_ASCII_TOKEN = re.compile(r"[a-zA-Z0-9]+(?:[-'.][a-zA-Z0-9]+|,[0-9]{3}(?![0-9]))*|[,;:()\"]")
_CLAUSE_BREAKS = frozenset({"—", "–", ";"})


def _tokens(text: str) -> list[str]:
    return (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)


def _unbracketed_acronyms(tokens: list[str]) -> list[str]:
    """The tokens without the brackets of an acronym after a name ("the Free Aceh Movement
    (GAM) agreed"): the acronym names the actor right before the verb, as the name does."""
    at = tokens.index("(") if "(" in tokens else -1   # (list scans in C: most brackets hold no acronym)
    while at >= 0:
        if at + 2 < len(tokens) and tokens[at + 2] == ")" and tokens[at + 1].isupper() \
                and at > 0 and tokens[at - 1][:1].isupper():
            tokens = [*tokens[:at], tokens[at + 1], *tokens[at + 3:]]
        at = tokens.index("(", at + 1) if "(" in tokens[at + 1:] else -1
    return tokens


def _clause(tokens: list[str], at: int) -> tuple[int, int]:
    """The clause around token `at`: bounded by dashes and semicolons."""
    if _CLAUSE_BREAKS.isdisjoint(tokens):   # most sentences: one clause (checked in C)
        return 0, len(tokens)
    lo = max((i + 1 for i in range(at) if tokens[i] in _CLAUSE_BREAKS), default=0)
    hi = next((i for i in range(at, len(tokens)) if tokens[i] in _CLAUSE_BREAKS), len(tokens))
    return lo, hi


def _skippable(low: str, r: HeadlineRules) -> bool:
    return low in r.skip_words or (len(low) > len(r.adverb_suffix) + 2 and low.endswith(r.adverb_suffix))


def _adverb_before_verb(lows: list[str], k: int, r: HeadlineRules) -> bool:
    """Whether the word at `k` is one of `verb_adverbs` used as an adverb before a verb ("the two
    leaders | last | met", "the presidents had | first | met"), not as an adjective after a
    determiner ("the | last | attempt", "the | first | direct meeting")."""
    return lows[k] in r.verb_adverbs and k > 0 and lows[k - 1] not in r.determiners \
        and not lows[k - 1].endswith(r.possessive)
