"""Reading numbers in time expressions: counts ("twenty-four", "a couple of"), years said in
words ("nineteen ninety-six") and clock times ("10 p.m.", "noon")."""
from __future__ import annotations

import re

from timeline.temporal.rulebook import Lexicon


def number(text: str | None, lexicon: Lexicon) -> int | float | str | None:
    """The count a number phrase says: 60, "twenty-four" 24, "a couple of" 2, "several" "X"."""
    if text is None:
        return None
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if re.fullmatch(r"\d+\.\d+", digits):
        return float(digits)
    whole = lexicon.value("number_word", text)
    if whole is not None:
        return whole
    parts = [lexicon.value("number_word", p) for p in re.split(r"[\s-]+", text.strip())]
    if parts and all(isinstance(p, int) for p in parts):
        return sum(parts)
    return None


def clock(text: str | None) -> str:
    """ "10 p.m." -> "T22:00", "noon" -> "T12:00", "7:15 am" -> "T07:15"; "" if none."""
    if not text:
        return ""
    low = text.lower()
    if low == "noon":
        return "T12:00"
    if low == "midnight":
        return "T24:00"
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?", low)
    if not m:
        return ""
    hour, minute = int(m[1]) % 12, m[2] or "00"
    if "p" in low[m.end():]:
        hour += 12
    return f"T{hour:02d}:{minute}"


_WORD_DIGITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90}


def year_number(text: str) -> int | None:
    """ "1996" 1996, "nineteen ninety-six" 1996, "two thousand (and) one" 2001."""
    if text.isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "the", "year")]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_DIGITS.get(w, 0) for w in words[2:])
    if words and words[0] in ("eighteen", "nineteen", "twenty"):
        return _WORD_DIGITS[words[0]] * 100 + sum(_WORD_DIGITS.get(w, 0) for w in words[1:])
    return None
