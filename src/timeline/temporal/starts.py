"""Which characters a match of a regex can begin with: a conservative reading of its source.

The tagger's rules all begin with `(?<!\\w)`, which keeps Python's regex engine from skipping
ahead in C to the characters a match can start with: `finditer` enters the matcher at every
position of the text, for every rule. Knowing a rule's first characters, the tagger tries it
only at word starts that begin with one of them (`tagger._candidates`), with the same results.

The reading is conservative: any construct it does not know (a back-reference, a conditional,
an inline global flag), or a pattern that can match the empty string, gives None ("any
character"), and the caller falls back to scanning every position. Each leaf (a literal, an
escape, a character class) is compiled on its own with the flags in force and tried on every
ASCII character, so case-insensitivity and classes mean exactly what the engine makes of them;
a non-ASCII character is always a possible start (callers check `str.isascii`).
"""
from __future__ import annotations

import functools
import re

_ASCII = tuple(chr(c) for c in range(128))
_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,(\d*))?\}")
_GROUP = re.compile(r"\(\?(?:(?P<plain>:|>|P<\w+>)|(?P<look>=|!|<=|<!)|(?P<on>[imsx]*)(?:-(?P<off>[imsx]*))?:)")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")


class _Unknown(Exception):
    """A construct this reading does not follow: the answer is "any character"."""


def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The ASCII characters a match of `pattern` can begin with; None when that is not known
    or the pattern can match the empty string."""
    if pattern.flags & ~(re.IGNORECASE | re.UNICODE):
        return None   # multiline, dotall, verbose: not followed
    try:
        found, nullable, end = _alternation(pattern.pattern, 0, bool(pattern.flags & re.IGNORECASE))
    except (_Unknown, IndexError):
        return None
    if end != len(pattern.pattern) or nullable:
        return None
    return frozenset(found)


@functools.cache
def _leaf(source: str, ignorecase: bool) -> frozenset[str]:
    """The ASCII characters one leaf of a pattern matches, as the engine matches them."""
    try:
        leaf = re.compile(source, re.IGNORECASE if ignorecase else 0)
    except re.error:
        raise _Unknown(source) from None
    return frozenset(c for c in _ASCII if leaf.fullmatch(c))


# Each reader returns (first characters, can it match the empty string, where it ends).
def _alternation(s: str, i: int, ci: bool) -> tuple[set[str], bool, int]:
    found, nullable = set(), False
    while True:
        first, empty, i = _sequence(s, i, ci)
        found |= first
        nullable |= empty
        if i < len(s) and s[i] == "|":
            i += 1
            continue
        return found, nullable, i


def _sequence(s: str, i: int, ci: bool) -> tuple[set[str], bool, int]:
    found, nullable = set(), True   # nullable: every item so far can be empty
    while i < len(s) and s[i] not in "|)":
        first, empty, i = _atom(s, i, ci)
        quantifier = _QUANTIFIER.match(s, i)
        if quantifier:
            q = quantifier.group(0)
            if q in ("?", "*") or (q.startswith("{") and (quantifier.group(1) or "0") == "0"):
                empty = True
            i = quantifier.end()
            if i < len(s) and s[i] in "?+":   # lazy or possessive
                i += 1
        if nullable:
            found |= first
            nullable = empty
    return found, nullable, i


def _atom(s: str, i: int, ci: bool) -> tuple[set[str], bool, int]:
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
        first, empty, j = _alternation(s, start, inner_ci)
        if s[j] != ")":
            raise _Unknown("unbalanced group")
        return (set(), True, j + 1) if look else (first, empty, j + 1)
    if c == "[":
        j = i + 1
        if s[j] == "^":
            j += 1
        if s[j] == "]":
            j += 1
        while s[j] != "]":
            j += 2 if s[j] == "\\" else 1
        return set(_leaf(s[i:j + 1], ci)), False, j + 1
    if c == "\\":
        escaped = s[i + 1]
        if escaped in _ZERO_WIDTH_ESCAPES:
            return set(), True, i + 2
        if escaped.isdigit() or escaped in "gN":
            raise _Unknown("back-reference or named character")
        j = i + 2 + {"x": 2, "u": 4, "U": 8}.get(escaped, 0)
        return set(_leaf(s[i:j], ci)), False, j
    if c in "^$":
        return set(), True, i + 1
    if c in "*+?{":
        raise _Unknown("quantifier with nothing to repeat")
    return set(_leaf("." if c == "." else re.escape(c), ci)), False, i + 1
