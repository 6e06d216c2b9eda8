"""How a match of a regex can begin (its first three characters): a conservative reading of its source.

The tagger's rules all begin with `(?<!\\w)`, which keeps Python's regex engine from skipping
ahead in C to the characters a match can start with: `finditer` enters the matcher at every
position of the text, for every rule. Knowing how a rule's matches begin, the tagger tries it
only at the word starts that fit (`tagger._candidates`), with the same results.

The reading is conservative: what it cannot follow (a back-reference) counts as "anything", a
construct it does not know (a conditional, a flag other than i) or a pattern that can match the
empty string gives None ("may begin anywhere"), repetitions may be counted more often than
allowed, and when the beginnings are too many to list fewer characters are read (two, then
one). Each leaf (a literal, an escape, a character class) is compiled on its own with the flags
in force and tried on every ASCII character, so case-insensitivity and classes mean exactly what
the engine makes of them; a non-ASCII character may begin anything.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_ASCII = tuple(chr(c) for c in range(128))
# Digits are read as one: "1998" and "2016" begin alike. Rules that read numbers list
# thousands of beginnings otherwise, for little gain (digits seldom begin a word).
_DIGITS = str.maketrans("123456789", "000000000")
_QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,(\d*))?\}")
_GROUP = re.compile(r"\(\?(?:(?P<plain>:|>|P<\w+>)|(?P<look>=|!|<=|<!)|(?P<on>[imsx]*)(?:-(?P<off>[imsx]*))?:)")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")


class _Unknown(Exception):
    """A construct this reading does not follow: the answer is "any character"."""


@dataclass(frozen=True, slots=True)
class Starts:
    """How a match can begin: the first `width` characters of its matches (`heads`; a shorter
    string is a whole match), ASCII only."""

    width: int
    heads: frozenset[str]

    @property
    def first(self) -> frozenset[str]:
        """The characters a match can begin with."""
        return frozenset(h[0] for h in self.heads)

    def may_begin(self, head: str) -> bool:
        """Whether a match can begin at text that starts with `head` (its next HEAD characters
        or more, fewer at its end): when one of `heads` begins it (digits as "0"; tagger._fitting
        answers this for many rules at once). A non-ASCII character there may begin anything:
        the reading only follows ASCII characters."""
        head = canonical(head[:self.width])
        if not head.isascii():
            return True
        for size in range(1, min(len(head), self.width - 1) + 1):
            if head[:size] in self.heads:
                return True   # a whole match of `size` characters
        return len(head) == self.width and head in self.heads


_MAX_HEADS = 8192   # beyond this many beginnings a shorter width is read
_WIDTHS = (3, 2, 1)
HEAD = _WIDTHS[0]   # how many characters of the text callers give `Starts.may_begin`


def first_characters(pattern: re.Pattern[str]) -> Starts | None:
    """How a match of `pattern` can begin (its first three ASCII characters, or two, or one
    when there are too many to list); None when that is not known or the pattern can match
    the empty string."""
    if pattern.flags & ~(re.IGNORECASE | re.UNICODE):
        return None   # multiline, dotall, verbose: not followed
    for width in _WIDTHS:
        try:
            found, end = _alternation(pattern.pattern, 0, bool(pattern.flags & re.IGNORECASE), width)
        except (_Unknown, IndexError):
            return None
        if end != len(pattern.pattern) or found.full is None:
            continue
        if "" in found.short:
            return None   # it can match the empty string: anywhere
        return Starts(width, found.full | found.short)
    return None


@functools.cache
def _leaf(source: str, ignorecase: bool) -> frozenset[str]:
    """The ASCII characters one leaf of a pattern matches, as the engine matches them."""
    try:
        leaf = re.compile(source, re.IGNORECASE if ignorecase else 0)
    except re.error:
        raise _Unknown(source) from None
    return frozenset(c.translate(_DIGITS) for c in _ASCII if leaf.fullmatch(c))


@dataclass(frozen=True, slots=True)
class _Reading:
    """The beginnings of what a piece of pattern matches, cut to `width` characters: `full`
    (matches at least that long), `short` (whole matches shorter than it; "" the empty one).
    `full` None: not known (anything)."""

    width: int
    full: frozenset[str] | None
    short: frozenset[str] = frozenset()

    def then(self, other: _Reading) -> _Reading:
        """This piece followed by `other`."""
        if self.full is None or not self.short:
            return self   # not known, or every match is already `width` long
        if other.full is None:
            return other
        tails: dict[int, tuple[set[str], set[str]]] = {}   # room left -> how `other` begins, cut to it
        size = len(self.full)
        for h in self.short:
            room = self.width - len(h)
            if room not in tails:
                cut = {t[:room] for t in other.full} | {t[:room] for t in other.short if len(t) >= room}
                tails[room] = (cut, {t for t in other.short if len(t) < room})
            size += len(tails[room][0]) + len(tails[room][1])
        if size > _MAX_HEADS:
            return _Reading(self.width, None)   # too many to list (counted before they are made)
        full, short = set(self.full), set()
        for h in self.short:
            longer, shorter = tails[self.width - len(h)]
            full.update(h + t for t in longer)
            short.update(h + t for t in shorter)
        return _Reading(self.width, frozenset(full), frozenset(short))

    def either(self, other: _Reading) -> _Reading:
        if self.full is None or other.full is None:
            return _Reading(self.width, None)
        return _Reading(self.width, self.full | other.full, self.short | other.short)

    def repeated(self, least: int, most: int | None) -> _Reading:
        """Repeated `least` to `most` times (at least the beginnings of that: more is safe)."""
        found = self
        if self.full is not None and "" not in self.short:
            # Every repetition takes a character: `width` of them decide the beginning.
            for _ in range(min(least, self.width) - 1):
                found = found.then(self)
        if least == 0:
            found = found.either(_Reading(self.width, frozenset(), frozenset({""})))
        if most is not None and most <= max(least, 1):
            return found
        fresh = found.short   # one more repetition after what is new, until nothing is
        while found.full is not None and fresh:
            step = _Reading(self.width, frozenset(), fresh).then(self)
            if step.full is None:
                return step
            fresh = step.short - found.short
            found = _Reading(self.width, found.full | step.full, found.short | fresh)
            if len(found.full) + len(found.short) > _MAX_HEADS:
                return _Reading(self.width, None)
        return found


# Each reader returns what the piece can match and where it ends in the source.
def _alternation(s: str, i: int, ci: bool, width: int) -> tuple[_Reading, int]:
    found: _Reading | None = None
    while True:
        branch, i = _sequence(s, i, ci, width)
        found = branch if found is None else found.either(branch)
        if i < len(s) and s[i] == "|":
            i += 1
            continue
        return found, i


def _sequence(s: str, i: int, ci: bool, width: int) -> tuple[_Reading, int]:
    found = _Reading(width, frozenset(), frozenset({""}))
    while i < len(s) and s[i] not in "|)":
        item, i = _atom(s, i, ci, width)
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


def _atom(s: str, i: int, ci: bool, width: int) -> tuple[_Reading, int]:
    if s[i] == "(":
        # Named patterns recur in many rules ({number}, {month}): each group is read once.
        end = _group_end(s, i)
        key = (s[i:end], ci, width)
        if key in _GROUPS:
            return _GROUPS[key], end
        reading, j = _group(s, i, ci, width)
        if len(_GROUPS) < _GROUPS_MAX:
            _GROUPS[key] = reading
        return reading, j
    return _plain_atom(s, i, ci, width)


def _group(s: str, i: int, ci: bool, width: int) -> tuple[_Reading, int]:
    """The group opening at s[i]: a look-around consumes nothing, a flag group sets case."""
    empty = _Reading(width, frozenset(), frozenset({""}))
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
    inner, j = _alternation(s, start, inner_ci, width)
    if s[j] != ")":
        raise _Unknown("unbalanced group")
    return (empty if look else inner), j + 1


def _plain_atom(s: str, i: int, ci: bool, width: int) -> tuple[_Reading, int]:
    empty = _Reading(width, frozenset(), frozenset({""}))
    c = s[i]
    if c == "[":
        j = _class_end(s, i)
        return _leaf_reading(_leaf(s[i:j + 1], ci), width), j + 1
    if c == "\\":
        escaped = s[i + 1]
        if escaped in _ZERO_WIDTH_ESCAPES:
            return empty, i + 2
        if escaped.isdigit():
            return _Reading(width, None), i + 2 + (s[i + 2:i + 3].isdigit())   # a back-reference
        if escaped in "gN":
            raise _Unknown("named character")
        j = i + 2 + {"x": 2, "u": 4, "U": 8}.get(escaped, 0)
        return _leaf_reading(_leaf(s[i:j], ci), width), j
    if c in "^$":
        return empty, i + 1
    if c in "*+?{":
        raise _Unknown("quantifier with nothing to repeat")
    return _leaf_reading(_leaf("." if c == "." else re.escape(c), ci), width), i + 1


def _leaf_reading(chars: frozenset[str], width: int) -> _Reading:
    """One character of `chars`."""
    return _Reading(width, chars, frozenset()) if width == 1 else _Reading(width, frozenset(), chars)


_GROUPS: dict[tuple[str, bool, int], _Reading] = {}
_GROUPS_MAX = 20_000


def _class_end(s: str, i: int) -> int:
    """Where the character class opening at s[i] closes (the index of its "]"; a "]" first in
    the class, after an optional "^", is a member)."""
    j = i + 1
    if s[j] == "^":
        j += 1
    if s[j] == "]":
        j += 1
    while s[j] != "]":
        j += 2 if s[j] == "\\" else 1
    return j


def _group_end(s: str, i: int) -> int:
    """Where the group opening at s[i] ends (after its ")")."""
    depth, j = 0, i
    while True:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(s, j)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1


def canonical(head: str) -> str:
    """`head` as `Starts.heads` spell it: every digit as "0"."""
    return head.translate(_DIGITS)
