"""The year of a past narrative: how far a date read in a narrative carries it on, and the
examples that show it (rules and reasons: resources/temporal/narrative.yaml)."""
from __future__ import annotations

import functools
import re

from timeline.datafiles import load_yaml, require
from timeline.temporal.rulebook import clause_patterns
from timeline.temporal.speech import Example

NARRATIVE_FILE = "temporal/narrative.yaml"


def _whole_number(key: str, low: int, high: int, unit: str) -> int:
    """narrative.yaml's `key`, validated: a whole number of `unit` from `low` to `high`."""
    number = load_yaml(NARRATIVE_FILE).get(key)
    require(isinstance(number, int) and low <= number <= high, NARRATIVE_FILE, key,
            f"must be a whole number of {unit} between {low} and {high}")
    return number


@functools.cache
def narrative_reach() -> int:
    """Characters after a narrative's last date within which a day-month continues it."""
    return _whole_number("narrative_reach", 1, 5000, "characters")


@functools.cache
def recent_days() -> int:
    """Days before publication within which a day-month in a new paragraph is the news's own."""
    return _whole_number("recent_days", 0, 366, "days")


@functools.cache
def story_step_days() -> int:
    """Days either side of a narrative's day within which a day-month goes on the account, though
    it falls in the last weeks before publication."""
    return _whole_number("story_step_days", 0, 60, "days")


@functools.cache
def question_chars() -> int:
    """Characters after a year told alone within which its sentence may end in a question mark."""
    return _whole_number("question_chars", 1, 400, "characters")


@functools.cache
def heading_words() -> int:
    """Words at most on a line of its own that is a heading ("Madrid, 1991")."""
    return _whole_number("heading_words", 1, 30, "words")


@functools.cache
def weekday_years() -> int:
    """How many of the last years written out a day-month told with its weekday is tried in."""
    return _whole_number("weekday_years", 1, 20, "years")


@functools.cache
def year_in_sentence_chars() -> int:
    """Characters after a year told alone within which a day-month of the same sentence is in it."""
    return _whole_number("year_in_sentence_chars", 1, 200, "characters")


def _phrases(key: str) -> str:
    """narrative.yaml's `key`, validated (a non-empty list of phrases), as a regex alternation of
    the phrases, any run of white space between their words."""
    phrases = load_yaml(NARRATIVE_FILE).get(key)
    require(isinstance(phrases, list) and phrases and all(isinstance(p, str) and p.strip() == p and p for p in phrases),
            NARRATIVE_FILE, key, "must be a non-empty list of phrases")
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)


@functools.cache
def present_opener() -> re.Pattern[str]:
    """A phrase that brings a past narrative up to the present (`present_openers`): "Since then"."""
    return re.compile(r"(?<!\w)(?:" + _phrases("present_openers") + r")(?!\w)", re.IGNORECASE)


@functools.cache
def reporter_frame() -> re.Pattern[str]:
    """Text ending in the reporter's own frame (`reporter_frame`: "told me", "told us") and
    blank space: a date right after it says when the reporter worked, not the account's time."""
    return re.compile(r"(?<!\w)(?:" + _phrases("reporter_frame") + r")\s+$", re.IGNORECASE)


@functools.cache
def date_line_words() -> int:
    """Words at most on a line that holds the publication day and is the text's date line."""
    return _whole_number("date_line_words", 1, 12, "words")


def _auxiliary_then_words(words_key: str, auxiliaries_key: str) -> tuple[str, int]:
    """An alternation of the auxiliaries under `auxiliaries_key` and the number of words under
    `words_key` (1..6) that may follow them: the parts of the patterns below."""
    data = load_yaml(NARRATIVE_FILE)
    words, aux = data.get(words_key), data.get(auxiliaries_key)
    require(isinstance(words, int) and 1 <= words <= 6, NARRATIVE_FILE, words_key,
            "must be a whole number of words between 1 and 6")
    require(isinstance(aux, list) and aux and all(isinstance(a, str) and a.isalpha() for a in aux),
            NARRATIVE_FILE, auxiliaries_key, "must be a non-empty list of words")
    return "|".join(map(re.escape, aux)), words


@functools.cache
def flashback_before() -> re.Pattern[str]:
    """Text ending in a pluperfect auxiliary and at most `flashback_words` words: a date right
    after it is a flashback ("he had seized in February 2005")."""
    aux, words = _auxiliary_then_words("flashback_words", "flashback_auxiliaries")
    return re.compile(r"(?<![\w-])(?:" + aux + r")\s+(?:[\w'’-]+\s+){1,%d}$" % words, re.IGNORECASE)


@functools.cache
def relative_aside_opener() -> re.Pattern[str]:
    """Text ending in a comma, a relative pronoun (`aside_pronouns`) and up to 100 characters of
    its clause: a date there is the noun's background ("The coalition, which intervened in
    March 2015, ..."), not the time the sentence goes on in. Bounded: no backtracking beyond it."""
    pronouns = load_yaml(NARRATIVE_FILE).get("aside_pronouns")
    require(isinstance(pronouns, list) and pronouns and all(isinstance(p, str) and p.isalpha() for p in pronouns),
            NARRATIVE_FILE, "aside_pronouns", "must be a non-empty list of words")
    return re.compile(r",\s+(?:" + "|".join(map(re.escape, pronouns)) + r")\s+[^,.;:!?\n]{0,100}$", re.IGNORECASE)


@functools.cache
def since_before() -> re.Pattern[str]:
    """Text ending in a looking-back word (tense.yaml clauses.looking_back: "since") and at most
    `since_words` words: a date right after it starts a span up to a later time ("since the
    revolution of 1949"), it is not where the account stands."""
    words = load_yaml(NARRATIVE_FILE).get("since_words")
    require(isinstance(words, int) and 0 <= words <= 6, NARRATIVE_FILE, "since_words",
            "must be a whole number of words between 0 and 6")
    back = "|".join(re.escape(w.strip()) for w in clause_patterns().looking_back)
    return re.compile(r"(?<![\w-])(?:" + back + r")\s+(?:[\w'’-]+\s+){0,%d}$" % words, re.IGNORECASE)


@functools.cache
def coordinated_joiner() -> re.Pattern[str]:
    """What may stand between a date without its year and a date that says it (`coordinated_year_joiners`)."""
    words = load_yaml(NARRATIVE_FILE).get("coordinated_year_joiners")
    require(isinstance(words, list) and words and all(isinstance(w, str) and w.strip() == w and w for w in words),
            NARRATIVE_FILE, "coordinated_year_joiners", "must be a non-empty list of words")
    return re.compile(r",?\s*(?:" + "|".join(map(re.escape, words)) + r")\s*", re.IGNORECASE)


@functools.cache
def present_perfect_since() -> re.Pattern[str]:
    """Text ending in a present perfect auxiliary, at most `present_perfect_words` words and
    "since": a date right after it counts back from publication ("has held since May 15")."""
    aux, words = _auxiliary_then_words("present_perfect_words", "present_perfect_auxiliaries")
    return re.compile(r"(?<![\w-])(?:" + aux + r")\s+(?:[\w'’-]+\s+){0,%d}since\s+$" % words, re.IGNORECASE)


@functools.cache
def past_perfect_since() -> re.Pattern[str]:
    """Text ending in a past perfect auxiliary, at most `past_perfect_words` words, "since" and at
    most as many words again: a date right after it counts back from the narrative's date ("who had
    chaired the conference since it opened on 10 September", after "21 December 1979")."""
    aux, words = _auxiliary_then_words("past_perfect_words", "past_perfect_auxiliaries")
    return re.compile(r"(?<![\w-])(?:" + aux + r")\s+(?:[\w'’-]+\s+){0,%d}since\s+(?:[\w'’-]+\s+){0,%d}$"
                      % (words, words), re.IGNORECASE)


def examples() -> list[Example]:
    """The examples of narrative.yaml, each a test."""
    out = []
    for i, ex in enumerate(load_yaml(NARRATIVE_FILE).get("examples") or []):
        require(isinstance(ex, dict) and all(isinstance(ex.get(k), str) for k in ("text", "expression"))
                and ex.get("value") is not None and ex.get("published") is not None,
                NARRATIVE_FILE, f"example {i + 1}", "needs text, published, expression and value")
        out.append(Example(ex["text"], str(ex["published"]), ex["expression"], str(ex["value"])))
    return out
