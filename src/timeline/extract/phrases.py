"""Finding gazetteer phrases (names of actors and places) in text, fast and linear.

Text is cut into word tokens; a phrase is a sequence of tokens. Matching is greedy longest-first
from each token, through a dict keyed by the joined tokens, so the cost is tokens x longest
phrase, whatever the size of the gazetteer. Hyphens and apostrophes separate tokens, so
"al-Assad" and "al Assad", "cease-fire" and "cease fire", "Russian-backed" and "Russian" agree.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

# A word: letters/digits, with inner dots kept ("U.S", "U.N"); a trailing dot is punctuation.
TOKEN_RE = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: its tokens joined by one space."""
    return " ".join(t.text for t in tokenize(phrase))


def case_variants(key: str) -> set[str]:
    """The key as written, plus sentence-initial capitalisation of a lower-case first word
    ("the Assad regime" -> "The Assad regime")."""
    variants = {key}
    if key[:1].islower():
        variants.add(key[:1].upper() + key[1:])
    return variants


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    start: int          # character offsets in the text
    end: int
    first_token: int    # token indices [first_token, last_token)
    last_token: int
    value: T


class PhraseIndex(Generic[T]):
    """Case-sensitive phrase lookup built once from (phrase, value) pairs."""

    def __init__(self, pairs: Iterable[tuple[str, T]]) -> None:
        self._table: dict[str, T] = {}
        self._first_words: set[str] = set()
        self.longest = 1
        for phrase, value in pairs:
            key = phrase_key(phrase)
            if not key:
                continue
            for variant in case_variants(key):
                self._table.setdefault(variant, value)
                self._first_words.add(variant.split(" ", 1)[0])
            self.longest = max(self.longest, key.count(" ") + 1)

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self._table

    def get(self, phrase: str) -> T | None:
        return self._table.get(phrase_key(phrase))

    def find(self, text: str, tokens: list[Token] | None = None) -> Iterator[Match[T]]:
        """Non-overlapping matches, leftmost then longest. ALL-CAPS words (datelines,
        headlines) also match their title-case form ("GENEVA" -> "Geneva")."""
        tokens = tokenize(text) if tokens is None else tokens
        words = [t.text for t in tokens]
        i, n = 0, len(tokens)
        while i < n:
            found = self._match_at(words, i, n)
            if found is None:
                i += 1
                continue
            j, value = found
            yield Match(tokens[i].start, tokens[j - 1].end, i, j, value)
            i = j

    def _match_at(self, words: list[str], i: int, n: int) -> tuple[int, T] | None:
        first = words[i]
        if first not in self._first_words:
            if not (first.isupper() and len(first) > 3 and first.title() in self._first_words):
                return None
        for j in range(min(n, i + self.longest), i, -1):
            key = " ".join(words[i:j])
            value = self._table.get(key)
            if value is None and key.isupper():
                value = self._table.get(key.title())
            if value is not None:
                return j, value
        return None
