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
    parts = [lexicon.value("number_word", p) for p in _number_words(text)]
    if parts and all(isinstance(p, int) for p in parts):
        return sum(parts)
    return None


def clock(text: str | None) -> str:
    """ "10 p.m." -> "T22:00", "noon" -> "T12:00", "7:15 am" -> "T07:15", "1751" -> "T17:51";
    "" if none."""
    if not text:
        return ""
    low = text.lower()
    if low == "noon":
        return "T12:00"
    if low == "midnight":
        return "T24:00"
    m = re.match(r"(\d{1,2})(?:[:.]?(\d\d))?", low)
    if not m:
        return ""
    hour, minute = int(m[1]), m[2] or "00"
    meridiem = low[m.end():]
    if "a" in meridiem or "p" in meridiem:  # a 12-hour time; without am/pm a 24-hour one ("1751")
        hour %= 12
        if "p" in meridiem:
            hour += 12
    return f"T{hour:02d}:{minute}"


def year_number(text: str, lexicon: Lexicon) -> int | None:
    """ "1996" 1996, "nineteen ninety-six" 1996, "two thousand (and) one" 2001; the number
    words come from the lexicon's `number_word` list."""
    if text.isdigit():
        return int(text)
    words = _number_words(text.lower())
    if "thousand" in words:  # "two thousand (and) one"
        at = words.index("thousand")
        return _word_sum(words[:at], lexicon) * 1000 + _word_sum(words[at + 1:], lexicon)
    counts = _word_counts(words, lexicon)
    if counts and 10 < counts[0] < 100:  # "nineteen ninety-six": the century, then the rest
        return counts[0] * 100 + sum(counts[1:])
    return None


def _number_words(text: str) -> list[str]:
    """The words of a number phrase, split at blank space and hyphens ("twenty-four", "twenty
    four"): str.split needs no regex, so no repeat to bound."""
    return text.replace("-", " ").split()


def _word_counts(words: list[str], lexicon: Lexicon) -> list[int]:
    """The whole-number values of `words`, skipping words that are not numbers ("and", "the")."""
    values = (lexicon.value("number_word", w) for w in words)
    return [v for v in values if isinstance(v, int)]


def _word_sum(words: list[str], lexicon: Lexicon) -> int:
    return sum(_word_counts(words, lexicon))
