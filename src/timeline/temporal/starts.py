"""How a match of a regex can begin (first character, first two): a conservative reading of its source.

The tagger's rules all begin with `(?<!\\w)`, which keeps Python's regex engine from skipping
ahead in C to the characters a match can start with: `finditer` enters the matcher at every
position of the text, for every rule. Knowing how a rule's matches begin, the tagger tries it
only at the word starts that fit (`tagger._candidates`), with the same results.

The reading is conservative: what it cannot follow (a back-reference, a named character) counts
as "anything", a construct it does not know (a conditional, a flag other than i) or a pattern
that can match the empty string gives None ("may begin anywhere"), and too many first pairs are
not listed. Each leaf (a literal, an escape, a character class) is compiled on its own with the
flags in force and tried on every ASCII character, so case-insensitivity and classes mean
exactly what the engine makes of them; a non-ASCII character may begin anything.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_ASCII = tuple(chr(c) for c in range(128))
_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,(\d*))?\}")
_GROUP = re.compile(r"\(\?(?:(?P<plain>:|>|P<\w+>)|(?P<look>=|!|<=|<!)|(?P<on>[imsx]*)(?:-(?P<off>[imsx]*))?:)")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")


class _Unknown(Exception):
    """A construct this reading does not follow: the answer is "any character"."""


@dataclass(frozen=True, slots=True)
class Starts:
    """How a match can begin: its first ASCII character (`first`); its first two characters when
    they are few enough to list (`pairs`, else None), and the one-character matches (`singles`)."""

    first: frozenset[str]
    pairs: frozenset[str] | None
    singles: frozenset[str] | None

    def may_begin(self, head: str) -> bool:
        """Whether a match can begin at text that starts with `head` (its next two characters,
        or one at the end). A non-ASCII character may begin anything."""
        c = head[:1]
        if not c.isascii():
            return True
        if c not in self.first:
            return False
        if self.singles is None or c in self.singles:
            return True   # the match may be this one character
        if len(head) < 2:
            return False  # the text ends here
        return self.pairs is None or not head[1].isascii() or head in self.pairs


_MAX_PAIRS = 4096   # beyond this many first-two-character strings, only the first character is used


def first_characters(pattern: re.Pattern[str]) -> Starts | None:
    """How a match of `pattern` can begin (ASCII characters); None when that is not known or
    the pattern can match the empty string."""
    if pattern.flags & ~(re.IGNORECASE | re.UNICODE):
        return None   # multiline, dotall, verbose: not followed
    try:
        found, end = _alternation(pattern.pattern, 0, bool(pattern.flags & re.IGNORECASE))
    except (_Unknown, IndexError):
        return None
    if end != len(pattern.pattern) or found.nullable or found.first is None:
        return None
    return Starts(frozenset(found.first), None if found.pairs is None else frozenset(found.pairs),
                  None if found.singles is None else frozenset(found.singles))


@functools.cache
def _leaf(source: str, ignorecase: bool) -> frozenset[str]:
    """The ASCII characters one leaf of a pattern matches, as the engine matches them."""
    try:
        leaf = re.compile(source, re.IGNORECASE if ignorecase else 0)
    except re.error:
        raise _Unknown(source) from None
    return frozenset(c for c in _ASCII if leaf.fullmatch(c))


@dataclass(slots=True)
class _Reading:
    """What a piece of pattern can match, as far as its beginning goes. None: not known (any)."""

    first: set[str] | None       # first characters of its non-empty matches
    singles: set[str] | None     # its one-character matches
    pairs: set[str] | None       # the first two characters of its longer matches
    nullable: bool               # it can match the empty string

    @staticmethod
    def leaf(chars: frozenset[str]) -> _Reading:
        return _Reading(set(chars), set(chars), set(), False)

    @staticmethod
    def empty() -> _Reading:
        return _Reading(set(), set(), set(), True)

    @staticmethod
    def anything() -> _Reading:
        return _Reading(None, None, None, True)

    def then(self, other: _Reading) -> _Reading:
        """This piece followed by `other`."""
        first = _union(self.first, other.first if self.nullable else set())
        pairs = _union(self.pairs, _product(self.singles, other.first))
        if self.nullable:
            pairs = _union(pairs, other.pairs)
        singles = _union(self.singles if other.nullable else set(), other.singles if self.nullable else set())
        return _Reading(first, singles, pairs, self.nullable and other.nullable)

    def either(self, other: _Reading) -> _Reading:
        return _Reading(_union(self.first, other.first), _union(self.singles, other.singles),
                        _union(self.pairs, other.pairs), self.nullable or other.nullable)

    def repeated(self, least: int, most: int | None) -> _Reading:
        pairs = self.pairs if most == 1 else _union(self.pairs, _product(self.singles, self.first))
        singles = self.singles if least <= 1 or self.nullable else set()
        return _Reading(self.first, singles, pairs, self.nullable or least == 0)


def _union(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    return None if a is None or b is None else a | b


def _product(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """Each string of `a` followed by each of `b`."""
    if (a is not None and not a) or (b is not None and not b):
        return set()
    if a is None or b is None or len(a) * len(b) > _MAX_PAIRS:
        return None
    return {x + y for x in a for y in b}


# Each reader returns what the piece can match and where it ends in the source.
def _alternation(s: str, i: int, ci: bool) -> tuple[_Reading, int]:
    found: _Reading | None = None
    while True:
        branch, i = _sequence(s, i, ci)
        found = branch if found is None else found.either(branch)
        if i < len(s) and s[i] == "|":
            i += 1
            continue
        return found, i


def _sequence(s: str, i: int, ci: bool) -> tuple[_Reading, int]:
    found = _Reading.empty()
    while i < len(s) and s[i] not in "|)":
        item, i = _atom(s, i, ci)
        quantifier = _QUANTIFIER.match(s, i)
        if quantifier:
            q = quantifier.group(0)
            if q == "?":
                item = item.repeated(0, 1)
            elif q in ("*", "+"):
                item = item.repeated(0 if q == "*" else 1, None)
            else:
                least, most = quantifier.group(1), quantifier.group(2)
                most = least if "," not in q else most
                item = item.repeated(int(least or 0), int(most) if most else None)
            i = quantifier.end()
            if i < len(s) and s[i] in "?+":   # lazy or possessive
                i += 1
        found = found.then(item)
    return found, i


def _atom(s: str, i: int, ci: bool) -> tuple[_Reading, int]:
    c = s[i]
    if c == "(":
        inner_ci, look, start = ci, False, i + 1
        if s.startswith("(?", i):
            group = _GROUP.match(s, i)
            if group is None:
                raise _Unknown(s[i:i + 8])
            flags = (group.group("on") or "") + (group.group("off") or "")
            if flags.strip("i"):
                raise _Unknown("a flag other than i")
            if "i" in (group.group("on") or ""):
                inner_ci = True
            if "i" in (group.group("off") or ""):
                inner_ci = False
            look, start = group.group("look") is not None, group.end()
        inner, j = _alternation(s, start, inner_ci)
        if s[j] != ")":
            raise _Unknown("unbalanced group")
        return (_Reading.empty() if look else inner), j + 1
    if c == "[":
        j = i + 1
        if s[j] == "^":
            j += 1
        if s[j] == "]":
            j += 1
        while s[j] != "]":
            j += 2 if s[j] == "\\" else 1
        return _Reading.leaf(_leaf(s[i:j + 1], ci)), j + 1
    if c == "\\":
        escaped = s[i + 1]
        if escaped in _ZERO_WIDTH_ESCAPES:
            return _Reading.empty(), i + 2
        if escaped.isdigit():
            return _Reading.anything(), i + 2 + (s[i + 2:i + 3].isdigit())   # a back-reference
        if escaped in "gN":
            raise _Unknown("named character")
        j = i + 2 + {"x": 2, "u": 4, "U": 8}.get(escaped, 0)
        return _Reading.leaf(_leaf(s[i:j], ci)), j
    if c in "^$":
        return _Reading.empty(), i + 1
    if c in "*+?{":
        raise _Unknown("quantifier with nothing to repeat")
    return _Reading.leaf(_leaf("." if c == "." else re.escape(c), ci)), i + 1
