"""The tagger's rules as data: loading, validating and compiling `resources/temporal/*.yaml`.

patterns.yaml holds named word lists and regexes; rules.yaml holds the rules, each a pattern
built from named patterns ({month} is a group named "month", {number:count} a group named
"count" using the list "number"), a normaliser kind, parameters and examples; tense.yaml
holds past/future cue words. Everything is validated once, at first use, and errors name the
file and the entry.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from timeline.datafiles import load_yaml, require
from timeline.temporal.starts import Starts, first_characters

PATTERNS_FILE = "temporal/patterns.yaml"
RULES_FILE = "temporal/rules.yaml"
TENSE_FILE = "temporal/tense.yaml"

_REFERENCE = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}")
# The blank space between two words of a phrase: a space, two after a full stop, or a line
# break with a short indent (hard-wrapped text). Bounded, the house form: a wider gap is layout,
# not one phrase, and no repeat may run on without limit.
WORD_GAP = r"\s{1,3}"
# What may stand before the first word of a sentence: its opening quotation marks and
# parentheses, and blank space (sentences are found past the blank space that ends the one
# before: a few characters).
OPENING_MARKS = r"[\s\"“‘'(]{0,10}"
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Lexicon:
    """Named patterns: regex sources, and surface -> value maps for word lists."""

    sources: dict[str, str]
    values: dict[str, dict[str, Any]]

    def value(self, name: str, surface: str) -> Any:
        """The normalised value of `surface` in the word list `name` (None if absent)."""
        table = self.values.get(name, {})
        key = " ".join(surface.lower().split())
        if key in table:
            return table[key]
        return table.get(key.rstrip("."))


@dataclass(frozen=True)
class Example:
    text: str
    published: str | None
    value: str | None          # None: the rule must find nothing in this text
    expression: str | None = None
    type: str | None = None
    mod: str | None = None
    interval: tuple[str, str] | None = None
    dated: bool | None = None  # False: found, but no date of an event (background)


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    type: str
    regex: re.Pattern[str]
    params: dict[str, Any] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    order: int = 0
    needs: frozenset[str] | None = None  # trigger categories one of which every match contains
    # How a match can begin (None: anywhere), read from the regex: the tagger tries the rule
    # only at word starts that fit.
    starts: Starts | None = None


@dataclass(frozen=True)
class Rulebook:
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    tense_cues: re.Pattern[str]
    triggers: re.Pattern[str]
    trigger_starts: Starts | None = None   # how a trigger can begin (None: anywhere)
    tense_starts: Starts | None = None     # how a tense cue can begin
    # The tense cues one by one, in the order the alternation of `tense_cues` tries them:
    # (group, regex source, how it can begin); the tagger tries at a word start only those
    # that can begin there (tagger._tense_matcher).
    tense_alternatives: tuple[tuple[str, str, Starts | None], ...] = ()
    # The tagger's lookup tables, filled as texts need them (see tagger._dispatch).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def _word_alternation(words: dict[str, Any], case_sensitive: bool) -> str:
    """A regex for the word list: any form, longest first (spaces match any whitespace run)."""
    forms = set()
    for surface in words:
        forms.add(surface)
        if case_sensitive:
            forms.add(surface.upper())
    if case_sensitive or all(f.isascii() for f in forms):
        body = phrase_tree(forms if case_sensitive else {f.lower() for f in forms})
    else:  # (non-ASCII case folding can make two letters match one character: keep it plain)
        body = "|".join(re.escape(f).replace(r"\ ", WORD_GAP) for f in sorted(forms, key=lambda s: (-len(s), s)))
    return f"(?-i:{body})" if case_sensitive else body


def phrase_tree(forms: set[str]) -> str:
    """The forms as a prefix tree ("Sept(?:ember|\\.|)" rather than "September|Sept\\.|Sept"):
    Python's regex engine tries the branches of an alternation one by one at every position,
    so a list of hundreds of words cost hundreds of attempts; the tree costs one per letter.
    It matches the same text as the list sorted longest first: the forms that fit the text at
    one position are prefixes of each other (siblings differ in their next letter), and each
    node tries its longer continuations before ending, so the longest fitting form wins."""
    tree: dict[str, dict] = {}
    for form in forms:
        node = tree
        for token in re.findall(r" |[^ ]", form):
            node = node.setdefault(WORD_GAP if token == " " else re.escape(token), {})
        node[""] = {}  # a form ends here

    def emit(node: dict[str, dict]) -> str:
        branches = [token + emit(child) for token, child in sorted(node.items()) if token]
        if "" in node:
            branches.append("")  # ending here is tried last: longer forms first
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(tree)


def load_lexicon() -> Lexicon:
    data = load_yaml(PATTERNS_FILE)
    require(isinstance(data, dict) and data, PATTERNS_FILE, "top level", "expected a mapping of named patterns")
    raw: dict[str, str] = {}
    values: dict[str, dict[str, Any]] = {}
    for name, entry in data.items():
        where = f"pattern {name!r}"
        require(re.fullmatch(r"[a-z_][a-z0-9_]*", str(name)) is not None, PATTERNS_FILE, where,
                "names are lower_case_with_underscores")
        require(isinstance(entry, dict) and (("words" in entry) != ("regex" in entry)), PATTERNS_FILE,
                where, "needs exactly one of 'words' or 'regex'")
        if "words" in entry:
            words = entry["words"]
            require(isinstance(words, dict) and words, PATTERNS_FILE, where, "'words' must be a non-empty mapping")
            raw[name] = _word_alternation({str(k): v for k, v in words.items()}, bool(entry.get("case_sensitive")))
            values[name] = {" ".join(str(k).lower().split()): v for k, v in words.items()}
        else:
            require(isinstance(entry["regex"], str), PATTERNS_FILE, where, "'regex' must be a string")
            raw[name] = entry["regex"]
    sources: dict[str, str] = {}

    def expand(name: str, depth: int = 0) -> str:
        require(depth < 8, PATTERNS_FILE, f"pattern {name!r}", "patterns refer to each other in a cycle")
        if name not in sources:
            def sub(m: re.Match[str]) -> str:
                require(m[1] in raw, PATTERNS_FILE, f"pattern {name!r}", f"unknown pattern {{{m[1]}}}")
                return f"(?:{expand(m[1], depth + 1)})"
            sources[name] = _REFERENCE.sub(sub, raw[name])
            try:
                re.compile(sources[name])
            except re.error as exc:
                require(False, PATTERNS_FILE, f"pattern {name!r}", f"bad regex: {exc}")
        return sources[name]

    for name in raw:
        expand(name)
    return Lexicon(sources, values)


def _compile_rule(pattern: str, lexicon: Lexicon, where: str) -> re.Pattern[str]:
    def sub(m: re.Match[str]) -> str:
        require(m[1] in lexicon.sources, RULES_FILE, where, f"unknown pattern {{{m[1]}}}")
        return f"(?P<{m[2] or m[1]}>{lexicon.sources[m[1]]})"

    source = _REFERENCE.sub(sub, pattern)
    # Rules match whole words; the lookarounds keep "Mayor" from being "May".
    return _compile(rf"(?<!\w)(?:{source})(?!\w)", RULES_FILE, where)


def _examples(raw: Any, where: str) -> tuple[Example, ...]:
    require(isinstance(raw, list) and raw, RULES_FILE, where, "every rule needs 'examples'")
    out = []
    for i, ex in enumerate(raw):
        at = f"{where} example {i + 1}"
        require(isinstance(ex, dict) and isinstance(ex.get("text"), str), RULES_FILE, at, "needs 'text'")
        require("value" in ex, RULES_FILE, at, "needs 'value' (null: nothing must be found)")
        interval = ex.get("interval")
        require(interval is None or (isinstance(interval, list) and len(interval) == 2), RULES_FILE, at,
                "'interval' is [first_day, last_day]")
        require(ex.get("dated") in (None, True, False), RULES_FILE, at, "'dated' is true or false")
        out.append(Example(
            text=ex["text"], published=None if ex.get("published") is None else str(ex["published"]),
            value=None if ex["value"] is None else str(ex["value"]), expression=ex.get("expression"),
            type=ex.get("type"), mod=ex.get("mod"),
            interval=tuple(str(d) for d in interval) if interval else None, dated=ex.get("dated")))
    return tuple(out)


def load_rules(lexicon: Lexicon, kinds: set[str], trigger_names: frozenset[str] = frozenset()) -> tuple[Rule, ...]:
    data = load_yaml(RULES_FILE)
    require(isinstance(data, dict) and isinstance(data.get("rules"), list), RULES_FILE, "top level",
            "expected 'rules:' followed by a list")
    rules, seen = [], set()
    for i, entry in enumerate(data["rules"]):
        where = f"rule {i + 1}"
        require(isinstance(entry, dict) and isinstance(entry.get("name"), str), RULES_FILE, where, "needs a 'name'")
        name = entry["name"]
        where = f"rule {name!r}"
        require(name not in seen, RULES_FILE, where, "duplicate rule name")
        seen.add(name)
        require(entry.get("kind") in kinds, RULES_FILE, where,
                f"unknown kind {entry.get('kind')!r} (known: {', '.join(sorted(kinds))})")
        require(isinstance(entry.get("pattern"), str), RULES_FILE, where, "needs a 'pattern'")
        typ = entry.get("type", "DATE")
        require(typ in TYPES, RULES_FILE, where, f"type must be one of {TYPES}")
        params = entry.get("params") or {}
        require(isinstance(params, dict), RULES_FILE, where, "'params' must be a mapping")
        needs = entry.get("needs")
        require(needs is None or (isinstance(needs, list) and set(needs) <= trigger_names), RULES_FILE, where,
                f"'needs' lists trigger categories ({', '.join(sorted(trigger_names))})")
        regex = _compile_rule(entry["pattern"], lexicon, where)
        rules.append(Rule(name=name, kind=entry["kind"], type=typ, regex=regex,
                          params=params, examples=_examples(entry.get("examples"), where), order=i,
                          needs=frozenset(needs) if needs else None, starts=first_characters(regex)))
    return tuple(rules)


def load_triggers(lexicon: Lexicon) -> re.Pattern[str]:
    data = load_yaml(RULES_FILE).get("triggers")
    require(isinstance(data, dict), RULES_FILE, "triggers", "expected 'patterns' and 'regex' lists")
    # One named group per category, so that a window knows which rules can match in it.
    parts = []
    for name in data.get("patterns") or []:
        require(name in lexicon.sources, RULES_FILE, "triggers", f"unknown pattern {name!r}")
        parts.append(f"(?P<{name}>{lexicon.sources[name]})")
    parts.append(f"(?P<words>{'|'.join(str(r) for r in data.get('regex') or [])})")
    return _compile(rf"(?<!\w)(?:{'|'.join(parts)})", RULES_FILE, "triggers")


def _compile(source: str, name: str, where: str) -> re.Pattern[str]:
    """A case-insensitive regex, or a ResourceError naming the file and entry."""
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        require(False, name, where, f"bad regex: {exc}")
        raise  # unreachable: require raised


TENSE_GROUPS = ("future", "past_auxiliary", "past", "weak_past")


@functools.cache
def timetable_present() -> tuple[str, ...]:
    """tense.yaml's `timetable_present`: the present of a timetable ("opens", "heads to"), phrases
    of whole words read as future cues by the tagger and as planned cues by an event's status."""
    data = load_yaml(TENSE_FILE)
    require(isinstance(data, dict), TENSE_FILE, "top level", "expected a mapping")
    phrases = data.get("timetable_present")
    require(isinstance(phrases, list) and phrases
            and all(isinstance(p, str) and re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", p) for p in phrases),
            TENSE_FILE, "timetable_present", "must be a non-empty list of phrases of words")
    return tuple(phrases)


def load_tense_cues() -> tuple[re.Pattern[str], tuple[tuple[str, str, Starts | None], ...]]:
    """The tense cues as one regex (a named group per tense, each cue a whole word or words),
    and the cues one by one in the order that regex tries them, each with how it can begin."""
    data = load_yaml(TENSE_FILE)
    require(isinstance(data, dict), TENSE_FILE, "top level", "expected a mapping")
    groups, alternatives = [], []
    for tense in TENSE_GROUPS:
        cues = data.get(tense)
        require(isinstance(cues, list) and cues and all(isinstance(c, str) for c in cues), TENSE_FILE,
                tense, "expected a non-empty list of cue patterns")
        if tense == "future":
            cues = cues + [WORD_GAP.join(map(re.escape, p.split())) for p in timetable_present()]
        ordered = sorted(cues, key=len, reverse=True)
        groups.append(f"(?P<{tense}>{'|'.join(ordered)})")
        for cue in ordered:
            alone = _compile(rf"(?<!\w)(?:{cue})(?!\w)", TENSE_FILE, f"{tense}: {cue}")
            alternatives.append((tense, cue, first_characters(alone)))
    return _compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", TENSE_FILE, "cues"), tuple(alternatives)


def tense_subset(alternatives: tuple[tuple[str, str, Starts | None], ...], chosen: tuple[int, ...]) -> re.Pattern[str]:
    """The tense-cue regex with only the `chosen` alternatives (indices into `alternatives`),
    in their order and groups; a group left without one never matches. Where the others
    cannot begin, it matches what the whole regex matches, with the same groups."""
    groups = []
    for tense in TENSE_GROUPS:
        cues = [alternatives[k][1] for k in chosen if alternatives[k][0] == tense]
        groups.append(f"(?P<{tense}>{'|'.join(cues) if cues else '(?!)'})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE)


SENTENCES_FILE = "sentences.yaml"


@dataclass(frozen=True)
class Abbreviations:
    """The sentence splitter's abbreviations (resources/sentences.yaml, which
    extract/sentences.py validates in full): the tagger reads a date's tense within its
    sentence, and "U.N." in "address the U.N. General Assembly on Tuesday" ends none."""

    titles: frozenset[str]      # never end a sentence ("Mr", "Gen")
    may_end: frozenset[str]     # end one only before a usual sentence starter ("U.S", "a.m")
    starters: frozenset[str]    # capitalised words that usually open a sentence


@functools.cache
def abbreviations() -> Abbreviations:
    """sentences.yaml's titles, may_end abbreviations and sentence starters, read once."""
    data = load_yaml(SENTENCES_FILE)
    require(isinstance(data, dict), SENTENCES_FILE, "top level", "must be a mapping")
    groups = data.get("abbreviations")
    require(isinstance(groups, dict), SENTENCES_FILE, "abbreviations", "must be a mapping")

    def words(values: Any, where: str) -> frozenset[str]:
        require(isinstance(values, list) and all(isinstance(v, str) and v for v in values),
                SENTENCES_FILE, where, "must be a list of words")
        return frozenset(values)
    return Abbreviations(titles=words(groups.get("titles"), "abbreviations.titles"),
                         may_end=words(groups.get("may_end"), "abbreviations.may_end"),
                         starters=words(data.get("sentence_starters"), "sentence_starters"))


@dataclass(frozen=True)
class ClausePatterns:
    """The tagger's patterns for reading a sentence's clauses, built from tense.yaml's `clauses`
    word lists (each compiled once; none can backtrack beyond its few words)."""

    sentence_opening: re.Pattern[str]   # what may open a sentence before a narrative date
    reporting: re.Pattern[str]          # a verb of reporting
    clause_opener: re.Pattern[str]      # text ending where another clause opens
    coordination: re.Pattern[str]       # text ending in a coordinator
    relative: re.Pattern[str]           # a relative pronoun
    concession: re.Pattern[str]         # a comma and a conjunction opening a clause of contrast
    verb_gap: re.Pattern[str]           # between a verb and its date
    present_passive: re.Pattern[str]    # text ending in a present passive's auxiliary
    attributive: tuple[str, ...]        # "the " before a date that names an event
    looking_back: tuple[str, ...]       # "since " before a date seen from the present


@functools.cache
def clause_patterns() -> ClausePatterns:
    """tense.yaml's `clauses`, read, validated and compiled once."""
    data = load_yaml(TENSE_FILE).get("clauses")
    require(isinstance(data, dict), TENSE_FILE, "clauses", "must be a mapping of word lists")

    def words(key: str) -> str:
        value = data.get(key)
        require(isinstance(value, list) and value and all(isinstance(w, str) and re.fullmatch(r"[^\W\d_]+", w)
                                                          for w in value),
                TENSE_FILE, f"clauses.{key}", "must be a non-empty list of words")
        return "|".join(map(re.escape, value))

    suffix = data.get("adverb_suffix")
    require(isinstance(suffix, str) and suffix.isalpha(), TENSE_FILE, "clauses.adverb_suffix", "must be a word ending")
    return ClausePatterns(
        sentence_opening=re.compile(OPENING_MARKS + r"(?:(?:" + words("sentence_openers") + r")\s{1,3})?", re.IGNORECASE),
        reporting=re.compile(words("reporting_verbs"), re.IGNORECASE),
        clause_opener=re.compile(
            r"(?<!\w)(?:" + words("clause_openers") + r")\s{1,3}(?:(?:" + words("subject_pronouns") + r"|(?:"
            + words("determiners") + r")\s{1,3}\w+|(?-i:[A-Z][\w'-]+))\s{1,3})?$", re.IGNORECASE),
        coordination=re.compile(r"(?<!\w)(?:" + words("coordinators") + r")\s{1,3}$", re.IGNORECASE),
        relative=re.compile(r"(?<!\w)(?:" + words("relative_pronouns") + r")(?!\w)", re.IGNORECASE),
        # ", though no meeting had been set" (not the adverb: "In April, though, ...")
        concession=re.compile(r",\s{0,3}(?:" + words("concessive_conjunctions") + r")\s{1,3}(?=[^\W\d_])", re.IGNORECASE),
        verb_gap=re.compile(r"\s{1,3}(?:" + words("verb_gap_prepositions") + r")\s{1,3}(?:(?:"
                            + words("verb_gap_determiners") + r")\s{1,3})?", re.IGNORECASE),
        present_passive=re.compile(r"(?<!\w)(?:" + words("present_passive") + r")\s{1,3}(?:[a-z]+"
                                   + re.escape(suffix) + r"\s{1,3})?$", re.IGNORECASE),
        attributive=tuple(w.lower() + " " for w in words("attributive_determiners").split("|")),
        looking_back=tuple(w.lower() + " " for w in words("looking_back").split("|")),
    )


@functools.cache
def rulebook() -> Rulebook:
    """The validated, compiled rules (built once per process)."""
    from timeline.temporal.kinds import KINDS  # the kinds a rule may name

    lexicon = load_lexicon()
    triggers = load_triggers(lexicon)
    rules = load_rules(lexicon, set(KINDS), frozenset(triggers.groupindex))
    tense, alternatives = load_tense_cues()
    return Rulebook(lexicon, rules, tense, triggers, first_characters(triggers), first_characters(tense),
                    alternatives)
