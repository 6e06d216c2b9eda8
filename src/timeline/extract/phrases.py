"""Finding gazetteer phrases (names of actors and places) in text, fast and linear.

Text is cut into word tokens; a phrase is a sequence of tokens. Matching is greedy longest-first
from each token, through a dict keyed by the joined tokens, so the cost is tokens x longest
phrase, whatever the size of the gazetteer. Hyphens and apostrophes separate tokens, so
"al-Assad" and "al Assad", "cease-fire" and "cease fire", "Russian-backed" and "Russian" agree.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

# A word: letters/digits, with inner dots kept ("U.S", "U.N"); a trailing dot is punctuation.
TOKEN_RE = re.compile(r"[^\W_]+(?:\.[^\W_]+)*")
# The possessive's two spellings ("Kosovo's", "Kosovo’s"): a name followed by one owns what follows.
POSSESSIVE_ENDINGS = ("'s", "’s")

T = TypeVar("T")


class Token(NamedTuple):
    """A word of the text (a tuple: an article has thousands, made in one pass)."""

    start: int
    end: int
    text: str


def tokenize(text: str) -> list[Token]:
    # tuple.__new__ skips the named tuple's Python-level constructor: half the cost of a whole
    # article's tokens; one span() per match and a slice cost less than start(), end(), group().
    make = tuple.__new__
    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    return [make(Token, (start, end, text[start:end])) for start, end in spans]


@dataclass(frozen=True, slots=True)
class WordIndex:
    """Where each word of a document stands, built once per document: the passes over it (each
    gazetteer, people, organisations and places from context) jump to the tokens that can
    matter instead of reading every token."""

    words: list[str]                  # the tokens' texts
    positions: dict[str, list[int]]   # word -> its token indices, in order
    capitalised: list[int]            # indices of tokens that begin with a capital
    shouting: list[int]               # ALL-CAPS words of more than three letters (headlines)
    lower: frozenset[str]             # the distinct words, lower-cased


_last_index: tuple[list[Token], WordIndex] | None = None


def word_index(tokens: list[Token]) -> WordIndex:
    """The WordIndex of `tokens`; the last document's is kept, as several passes ask for it."""
    global _last_index
    last = _last_index   # read once: another thread may replace it
    if last is not None and last[0] is tokens:
        return last[1]
    words = [t.text for t in tokens]
    positions: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        positions.setdefault(w, []).append(i)
    capital = [i for w in positions if w[:1].isupper() for i in positions[w]]
    shouting = [i for w in positions if len(w) > 3 and w.isupper() for i in positions[w]]
    index = WordIndex(words, positions, sorted(capital), sorted(shouting), frozenset(w.lower() for w in positions))
    _last_index = (tokens, index)
    return index


def capitalised(tokens: list[Token]) -> list[int]:
    """Indices of the tokens that begin with a capital: names start there."""
    return word_index(tokens).capitalised


@functools.lru_cache(maxsize=8192)
def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: its tokens joined by one space. Remembered: the same names
    are looked up again and again (each place of each article), and cutting them into tokens
    cost more than the lookup."""
    return " ".join(TOKEN_RE.findall(phrase))


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
    """Case-sensitive phrase lookup built once from (phrase, value) pairs.

    A dict keyed by joined tokens rather than a character-level automaton (pyahocorasick was
    considered): matches must start and end on token boundaries, "cease-fire" must match
    "cease fire", and ALL-CAPS headline words match their title-case form, all of which a
    token-level table gives for free. Only tokens that begin some phrase are tried (a set
    lookup each), and only up to the longest phrase that begins with that word, so a scan is
    one pass over the tokens. The last document's matches are kept: the extractor asks for
    them several times (actors, names that are no actors, capitals) over the same tokens.
    """

    def __init__(self, pairs: Iterable[tuple[str, T]]) -> None:
        self._table: dict[str, T] = {}
        self._first_words: set[str] = set()
        self._longest_from: dict[str, int] = {}   # first word -> words in its longest phrase
        self.longest = 1
        for phrase, value in pairs:
            key = phrase_key(phrase)
            if not key:
                continue
            size = key.count(" ") + 1
            for variant in case_variants(key):
                self._table.setdefault(variant, value)
                first = variant.split(" ", 1)[0]
                self._first_words.add(first)
                self._longest_from[first] = max(self._longest_from.get(first, 1), size)
            self.longest = max(self.longest, size)
        self._last: tuple[list[Token], list[Match[T]]] | None = None

    def __contains__(self, phrase: str) -> bool:
        return phrase_key(phrase) in self._table

    def get(self, phrase: str) -> T | None:
        return self._table.get(phrase_key(phrase))

    def find(self, text: str, tokens: list[Token] | None = None) -> Iterator[Match[T]]:
        """Non-overlapping matches, leftmost then longest. ALL-CAPS words (datelines,
        headlines) also match their title-case form ("GENEVA" -> "Geneva")."""
        if tokens is None:
            return iter(self._scan(tokenize(text)))
        last = self._last   # read once: another thread may replace it
        if last is not None and last[0] is tokens:
            return iter(last[1])
        found = self._scan(tokens)
        self._last = (tokens, found)
        return iter(found)

    def _scan(self, tokens: list[Token]) -> list[Match[T]]:
        index = word_index(tokens)
        words, n = index.words, len(tokens)
        # Where a phrase may begin: words that begin one, and ALL-CAPS words (title case may).
        first, where = self._first_words, index.positions
        begin = where.keys() & first   # (in C, over the smaller of the two)
        starts = [i for w in begin for i in where[w]]
        starts = sorted({*starts, *index.shouting})
        found: list[Match[T]] = []
        covered = 0
        for i in starts:
            if i < covered:
                continue
            hit = self._match_at(words, i, n)
            if hit is not None:
                j, value = hit
                found.append(Match(tokens[i].start, tokens[j - 1].end, i, j, value))
                covered = j
        return found

    def _match_at(self, words: list[str], i: int, n: int) -> tuple[int, T] | None:
        first = words[i]
        reach = self._longest_from.get(first, 0)
        if first.isupper():   # an ALL-CAPS key may also match its title-case form
            if not reach and not (len(first) > 3 and first.title() in self._first_words):
                return None
            reach = max(reach, self._longest_from.get(first.title(), 0))
        elif not reach:
            return None
        for j in range(min(n, i + reach), i, -1):
            key = " ".join(words[i:j])
            value = self._table.get(key)
            if value is None and key.isupper():
                value = self._table.get(key.title())
            if value is not None:
                return j, value
        return None
