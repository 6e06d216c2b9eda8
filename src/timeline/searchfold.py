"""How a search folds text, in one place for both searches: the pandas filter
(`timeline.present.filters`) and the store's SQL (`timeline.corpus.query`), which sit side by side
and may not import each other.

A search compares folded forms: lower case, compatibility characters decomposed ("ﬁ" is "fi",
full-width "Ｇ" is "G") with their combining marks removed ("é" is "e"), the letters that have no
decomposition written as resources/letters.yaml says ("ø" is "o", "ł" is "l": the table the
extractor's `without_accents` reads, so "Store" finds "Støre" as the extractor matches it), the
spelling variants of resources/search_variants.yaml made one ("cease-fire" is "ceasefire"), then
spaces and dashes removed (other punctuation stays: "U.S." is not "us"). All of it is vectorised
in Arrow with RE2 patterns (linear time, no backtracking), so a search over a million sentences
stays fast. Nothing folded is stored: the store's SQL folds with these functions at query time,
so a store made before a change of these rules needs no rebuild.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

import pyarrow as pa
import pyarrow.compute as pc

from timeline.datafiles import load_yaml, require

VARIANTS_FILE: Final = "search_variants.yaml"
LETTERS_FILE: Final = "letters.yaml"
SEPARATORS: Final = r"[\s\p{Pd}]"   # what folding removes (RE2 classes, also used in the store's SQL)
_COMBINING_MARKS: Final = r"\p{Mn}+"


def fold_compatibility(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Compatibility decomposition with the combining marks removed and the letters that have
    no decomposition spelled as resources/letters.yaml says: "ﬁ" is "fi", "Ｇ" is "G", "é" is
    "e", "ø" is "o". (DuckDB has no NFKD: the store registers this function for its SQL.)"""
    bare = pc.replace_substring_regex(pc.utf8_normalize(values, "NFKD"), _COMBINING_MARKS, "")
    letters = _unaccented_letter_pairs()
    # One scan decides: most text holds none of these letters and skips the replacements.
    if not pc.any(pc.match_substring_regex(bare, _unaccented_letter_class())).as_py():
        return bare
    for letter, plain in letters:
        bare = pc.replace_substring(bare, letter, plain)
    return bare


@functools.cache
def spelling_variants() -> tuple[tuple[str, str], ...]:
    """(whole-word RE2 pattern, canonical form) per group of resources/search_variants.yaml:
    each pattern matches the group's variants, literals only (loaded once, validated)."""
    data = load_yaml(VARIANTS_FILE)
    require(isinstance(data, dict) and isinstance(data.get("groups"), list), VARIANTS_FILE,
            "top level", "needs a list under 'groups'")
    seen: dict[str, int] = {}
    out = []
    for index, group in enumerate(data["groups"], start=1):
        require(isinstance(group, list) and len(group) >= 2
                and all(isinstance(w, str) and w.strip() for w in group),
                VARIANTS_FILE, f"group {index}", "needs two or more words")
        forms = [unicodedata.normalize("NFKD", w.strip().casefold()) for w in group]
        for form in forms:
            require(seen.setdefault(form, index) == index, VARIANTS_FILE, f"group {index}",
                    f"{form!r} is already in group {seen[form]}")
        variants = "|".join(re.escape(f) for f in sorted(forms[1:], key=len, reverse=True))
        out.append((rf"\b(?:{variants})\b", forms[0]))
    return tuple(out)


def fold(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """`values` folded as a search compares them (see the module's docstring)."""
    folded = fold_compatibility(pc.utf8_lower(values))
    for pattern, canonical in spelling_variants():
        folded = pc.replace_substring_regex(folded, pattern, canonical)
    return pc.replace_substring_regex(folded, f"{SEPARATORS}+", "")


def search_key(text: str) -> str:
    """The form a search compares: what `ceasefire`, `Cease-fire` and `cease fire` share."""
    return str(fold(pa.array([text], pa.string()))[0])


def one_spelling_per_name(names: Iterable[str]) -> dict[str, str]:
    """Each of `names` -> the one spelling of all of them written with the same letters once
    accents are dropped: "Jose Ramos" and "José Ramos" are one person, one lane and one filter
    entry. The spelling kept has the most accents, as the person writes their name (news often
    drops accents, never adds them), then comes first in code-point order: a choice made from
    the set of spellings alone, so one article and a whole corpus choose alike, in any order."""
    letters = {name: without_accents(name) for name in names}
    chosen: dict[str, str] = {}
    for name, key in letters.items():
        held = chosen.get(key)
        if held is None or (_accents(name), held) > (_accents(held), name):   # more accents, then first
            chosen[key] = name
    return {name: chosen[key] for name, key in letters.items()}


def without_accents(name: str) -> str:
    """`name` without its accents ("Pérez de Cuéllar" -> "Perez de Cuellar"), the letters that
    have no decomposition written as resources/letters.yaml says ("Støre" -> "Store")."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bare.translate(_unaccented_letters())


@functools.cache
def _unaccented_letters() -> dict[int, str]:
    """resources/letters.yaml's letters that decomposition leaves, as a str.translate table."""
    return str.maketrans(dict(_unaccented_letter_pairs()))


@functools.cache
def _unaccented_letter_class() -> str:
    """An RE2 class of resources/letters.yaml's letters (by code point: nothing to escape)."""
    letters = "".join(f"\\x{{{ord(letter):x}}}" for letter, _ in _unaccented_letter_pairs())
    return f"[{letters}]"


@functools.cache
def _unaccented_letter_pairs() -> tuple[tuple[str, str], ...]:
    """resources/letters.yaml's (letter, ASCII spelling) pairs, for letters that decomposition
    leaves as they are (loaded once, validated): one table for the extractor's names and the
    search."""
    data = load_yaml(LETTERS_FILE)
    letters = data.get("unaccented_letters") if isinstance(data, dict) else None
    require(isinstance(letters, dict) and letters, LETTERS_FILE, "unaccented_letters",
            "needs a mapping of letters to their ASCII spelling")
    for letter, plain in letters.items():
        require(isinstance(letter, str) and len(letter) == 1 and not letter.isascii()
                and unicodedata.normalize("NFKD", letter) == letter, LETTERS_FILE, f"unaccented_letters.{letter}",
                "a key is one non-ASCII letter that decomposition leaves as it is")
        require(isinstance(plain, str) and 1 <= len(plain) <= 3 and plain.isascii() and plain.isalpha(),
                LETTERS_FILE, f"unaccented_letters.{letter}", "a value is one to three ASCII letters")
    return tuple(letters.items())


def _accents(name: str) -> int:
    """How many combining marks `name` carries once decomposed ("José" 1, "Nguyễn" 2)."""
    return sum(1 for c in unicodedata.normalize("NFKD", name) if unicodedata.combining(c))
