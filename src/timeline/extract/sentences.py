"""Sentences and paragraphs of a news article, with character offsets into its text.

Written here rather than taken from pysbd (the obvious library): pysbd 0.3.4, unmaintained
since 2021, needs 45 s for 60 KB of "a. a. a. ..." (its regexes backtrack, so untrusted text
can stall the app), ends a sentence at every single newline (hard-wrapped articles fall
apart), and splits quote attributions ("... stopped.” Lavrov said"). nltk's punkt needs
downloaded model data. The rules here are few and news-specific, and run in linear time: one
pass of a possessive regex finds the candidate sentence ends, each decided from a bounded
look at its neighbours. The word lists (abbreviations, sentence starters, verbs of speech,
bullet marks) are data: `resources/sentences.yaml`.

Rules, in order:
- a blank line ends a paragraph and a sentence; so does a line break among lines too long
  to be hard-wrapped text (paragraphs pasted from a web page, one per line);
- inside a paragraph, a line break ends a sentence before and after a list item, and after a
  line much shorter than the paragraph's longest one (a headline above its text), unless the
  next line starts in lower case; in hard-wrapped text the line break is just a space;
- `.`, `!`, `?`, `…` followed by space end a sentence, unless lower case or a dash follows,
  an abbreviation or an initial comes before, the period follows a space (". . ."), the
  sentence so far is a dateline ("INDEPENDENCE, MO. (AP)--"), or a quotation closes and its
  attribution follows;
- a fragment with no letter or digit (a lone "...") joins the sentence before it;
- a reporter's byline or credit line ("By Jim Muir", "(Reporting by ...; Editing by ...)",
  patterns in `resources/credits.yaml`) is a sentence of its own, never part of an event's.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require

RESOURCE = "sentences.yaml"
CREDITS = "credits.yaml"

# A run of sentence-final punctuation, then closing quotes/brackets, then space or the end.
# Possessive quantifiers and the look-behind (the run starts at its first character) keep the
# scan linear even over long runs of dots.
# A run of terminators (not one begun earlier: the look-behind after its first character), its
# closing quotes or brackets, then a space. The character class comes first so that the engine
# skips in C to the next terminator instead of trying every position.
_TERMINATOR = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+(?P<close>[\"'”’»)\]]*+)(?=\s|\Z)")
_OPENERS = "\"'“‘«([{"
_CLOSERS_AT_END = "\"'”’»)]"
_FINAL_PUNCTUATION = (".", "!", "?", "…")
_WORD = re.compile(r"[^\W\d_]+")  # letters only: "That's" -> "That"
_LAST_WORD = re.compile(r"[^\W\d_]{1,40}$")  # the letters that end a line
_NUMBERED_ITEM = re.compile(r"(?:\d{1,2}|[ivx]{1,4})[.)]\s{1,3}\S")  # (read on a line without its indent)
_ITEM_NUMBER = re.compile(r"(?:\d{1,2}|[ivx]{1,4})[.)]")  # "1." of an item ends no sentence
_DASHES = "—–-_"
_DATELINE_MAX = 40
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, D.C, e.g (final dot already gone)
_LOOK_BACK = 40     # characters examined before a terminator for the abbreviation
_LOOK_AHEAD = 120   # characters examined after it (next word, attribution)
_ATTRIBUTION_WORDS = 6
_WRAP_MIN_WIDTH = 50   # a paragraph whose lines are all shorter is not hard-wrapped text
_SHORT_LINE = 0.7      # a line shorter than this share of the paragraph's width ends early
_UNWRAPPED_LINE = 200  # no one hard-wraps this wide: such lines are whole paragraphs
# Room by which the next line's first word must fit on a line for the break to be deliberate:
# a doubled space or a wrapper's own margin can cost a character or two.
_FIT_MARGIN = 3
_LABEL_REACH = 40      # characters at a line's start where a label ("Read more:") is looked for


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: `text == document_text[start:end]`, without surrounding whitespace."""

    start: int
    end: int
    text: str
    paragraph: int  # index of its paragraph, 0-based


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: `text == document_text[start:end]`, without surrounding whitespace."""

    start: int
    end: int
    text: str
    index: int


@dataclass(frozen=True)
class SplitterRules:
    """The validated content of resources/sentences.yaml."""

    titles: frozenset[str]
    before_number: frozenset[str]
    may_end: frozenset[str]
    sentence_starters: frozenset[str]
    attribution_verbs: frozenset[str]
    bullet_marks: frozenset[str]
    examples: tuple[tuple[str, tuple[str, ...]], ...]
    # lower-case words that, ending a line, show the sentence goes on ("... met in\nGeneva")
    line_continuers: frozenset[str] = frozenset()
    # labels that open a line of their own ("Read more:", "Related:"), lower-cased
    line_labels: tuple[str, ...] = ()


def _words(data: dict[str, Any], key: str, where: str) -> frozenset[str]:
    values = data.get(key)
    require(isinstance(values, list) and bool(values), RESOURCE, where, "must be a non-empty list")
    assert isinstance(values, list)  # for the type checker: `require` raised otherwise
    for value in values:
        require(isinstance(value, str) and value.strip() == value and value != "", RESOURCE,
                f"{where}: {value!r}", "must be a non-empty word without surrounding spaces")
        require(" " not in value, RESOURCE, f"{where}: {value!r}", "must be a single word")
    return frozenset(str(value) for value in values)


@functools.cache
def rules() -> SplitterRules:
    """The splitter's word lists, loaded once and validated (ResourceError names the entry)."""
    return build_rules(load_yaml(RESOURCE))


def build_rules(data: Any) -> SplitterRules:
    """Validate the parsed content of resources/sentences.yaml into SplitterRules."""
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    abbreviations = data.get("abbreviations")
    require(isinstance(abbreviations, dict), RESOURCE, "abbreviations", "must be a mapping")
    groups = {key: _words(abbreviations, key, f"abbreviations.{key}")
              for key in ("titles", "before_number", "may_end")}
    for key, words in groups.items():
        for word in words:
            require(not word.endswith("."), RESOURCE, f"abbreviations.{key}: {word!r}",
                    "write abbreviations without their final period")
    seen: dict[str, str] = {}
    for key, words in groups.items():
        for word in words:
            require(word not in seen, RESOURCE, f"abbreviations.{key}: {word!r}",
                    f"already listed under abbreviations.{seen.get(word)}")
            seen[word] = key
    bullets = _words(data, "bullet_marks", "bullet_marks")
    for mark in bullets:
        require(len(mark) == 1 and not mark.isalnum(), RESOURCE, f"bullet_marks: {mark!r}",
                "must be one non-alphanumeric character")
    raw_examples = data.get("examples")
    require(isinstance(raw_examples, list) and bool(raw_examples), RESOURCE, "examples",
            "must be a non-empty list")
    examples = []
    for number, example in enumerate(raw_examples, 1):
        where = f"examples #{number}"
        require(isinstance(example, dict) and isinstance(example.get("text"), str)
                and isinstance(example.get("sentences"), list)
                and all(isinstance(s, str) for s in example["sentences"]),
                RESOURCE, where, "needs `text` (a string) and `sentences` (a list of strings)")
        examples.append((example["text"], tuple(example["sentences"])))
    return SplitterRules(
        titles=groups["titles"],
        before_number=groups["before_number"],
        may_end=groups["may_end"],
        sentence_starters=_words(data, "sentence_starters", "sentence_starters"),
        attribution_verbs=_words(data, "attribution_verbs", "attribution_verbs"),
        bullet_marks=bullets,
        examples=tuple(examples),
        line_continuers=_words(data, "line_continuers", "line_continuers"),
        line_labels=_labels(data),
    )


def _labels(data: dict[str, Any]) -> tuple[str, ...]:
    labels = data.get("line_labels")
    require(isinstance(labels, list) and bool(labels), RESOURCE, "line_labels", "must be a non-empty list")
    for label in labels:
        require(isinstance(label, str) and label.endswith(":") and label.strip() == label and len(label) > 1,
                RESOURCE, f"line_labels: {label!r}", "must be a phrase ending in a colon")
    return tuple(label.lower() for label in labels)


# Bylines and credit lines -----------------------------------------------------------------------

# What the placeholders of credits.yaml stand for. Every repeat is bounded, and a line pattern
# is tried only on a line of at most `max_line` characters, so a match costs bounded time.
_NAME = r"[A-Z][\w'’-]{0,30}\.?(?: (?:[a-z]{1,4} ){0,2}[A-Z][\w'’-]{0,30}\.?){1,3}"
_NAMES = rf"{_NAME}(?:(?:, | and | & ){_NAME}){{0,4}}"
_TAIL = r"(?:\s?(?:,|\||—|–| -)\s?[A-Z0-9][\w'’/-]{0,30}(?: [A-Z0-9][\w'’/-]{0,30}){0,4}){0,3}"


@dataclass(frozen=True)
class CreditRules:
    """The validated content of resources/credits.yaml."""

    line: tuple[re.Pattern[str], ...]     # each must match a whole line
    inline: tuple[re.Pattern[str], ...]   # each may match inside a line
    max_line: int
    # (pattern name, text, whether the whole text is a credit) for each example
    examples: tuple[tuple[str, str, bool], ...]
    # The line credits in one pattern, so that a text is scanned in one pass of the regex engine
    # (no Python work per line): a line credit is a whole line of at most max_line characters.
    scan: re.Pattern[str] = re.compile(r"(?!)")
    scan_inline: re.Pattern[str] | None = None   # the inline ones, in one pattern


@functools.cache
def credit_rules() -> CreditRules:
    """The byline and credit-line patterns, loaded once and validated."""
    return build_credit_rules(load_yaml(CREDITS))


def build_credit_rules(data: Any) -> CreditRules:
    """Validate the parsed content of resources/credits.yaml into CreditRules."""
    require(isinstance(data, dict), CREDITS, "top level", "must be a mapping")
    max_line = data.get("max_line")
    require(isinstance(max_line, int) and 0 < max_line <= 1000, CREDITS, "max_line", "must be 1..1000 characters")
    words = {}
    for key in ("outlets", "roles"):
        values = data.get(key)
        require(isinstance(values, list) and bool(values) and all(isinstance(v, str) and v.strip() for v in values),
                CREDITS, key, "must be a non-empty list of names")
        # longest first, so "BBC News" wins over "BBC"
        words[key] = "(?:" + "|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)) + ")"
    slots = {"{name}": _NAME, "{names}": _NAMES, "{tail}": _TAIL, "{outlet}": words["outlets"],
             "{role}": words["roles"]}
    patterns = data.get("patterns")
    require(isinstance(patterns, list) and bool(patterns), CREDITS, "patterns", "must be a non-empty list")
    line, inline, examples = [], [], []
    for number, entry in enumerate(patterns, 1):
        where = f"patterns #{number} ({entry.get('name', '?') if isinstance(entry, dict) else entry!r})"
        require(isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("pattern"), str),
                CREDITS, where, "needs a `name` and a `pattern`")
        require(entry.get("kind") in ("line", "inline"), CREDITS, where, "`kind` must be line or inline")
        source = entry["pattern"]
        for slot, value in slots.items():
            source = source.replace(slot, value)
        unknown = re.search(r"\{[a-z]+\}", source)
        require(unknown is None, CREDITS, where, f"unknown placeholder {unknown.group() if unknown else ''}")
        try:
            compiled = re.compile(source)
        except re.error as exc:
            require(False, CREDITS, where, f"not a valid regular expression: {exc}")
            raise  # unreachable: `require` raised
        (line if entry["kind"] == "line" else inline).append(compiled)
        for key, is_credit in (("examples", True), ("not", False)):
            texts = entry.get(key)
            require(isinstance(texts, list) and (bool(texts) or not is_credit)
                    and all(isinstance(t, str) and t for t in texts), CREDITS, f"{where}: {key}",
                    "must be a list of texts (every pattern needs examples)")
            examples.extend((entry["name"], t, is_credit) for t in texts)
    whole_line = "|".join(f"(?:{p.pattern})" for p in line)
    anywhere = "|".join(f"(?:{p.pattern})" for p in inline)
    # (the blanks around a credit line are bounded by the width of the line itself)
    scan = re.compile(rf"^[^\S\n]{{0,{max_line}}}(?=[^\n]{{1,{max_line}}}$)(?P<line>{whole_line})[^\S\n]{{0,{max_line}}}$",
                      re.MULTILINE)
    # Inline credits apart: a regex of its own lets the engine skip to their opening bracket.
    # An inline credit lies within one line, so within a credit line it only merges into it.
    scan_inline = re.compile(anywhere) if anywhere else None
    return CreditRules(tuple(line), tuple(inline), max_line, tuple(examples), scan, scan_inline)


_last_credits: tuple[str, list[tuple[int, int]]] | None = None


def credit_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each byline or credit line of `text`, sorted, not overlapping: "By Jim
    Muir", "Jim Muir, BBC News, Beirut", "(Reporting by ... in Geneva)", "Contact: ...". Their
    names are not actors, their places not where events happened, their dates no events'.
    The last document's answer is kept: sentences, actors and events all ask for it."""
    global _last_credits
    last = _last_credits   # read once: another thread may replace it
    if last is not None and last[0] is text:
        return list(last[1])
    spans = _credit_spans(text)
    _last_credits = (text, spans)
    return list(spans)


def _credit_spans(text: str) -> list[tuple[int, int]]:
    found = credit_rules()
    spans = [m.span("line") for m in found.scan.finditer(text)]
    if found.scan_inline is not None:
        spans.extend(m.span() for m in found.scan_inline.finditer(text))
    return merged_spans(spans)


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) spans sorted, overlapping or touching ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _around(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> Iterator[tuple[int, int]]:
    """[start, end) cut at the edges of the `spans` (sorted; `starts` their starts) inside it."""
    k = max(0, bisect.bisect_right(starts, start) - 1)
    while k < len(spans) and spans[k][0] < end:
        a, b = spans[k]
        if b > start:
            if a > start:
                yield start, a
            start = max(start, a)
            yield start, min(b, end)
            start = min(b, end)
        k += 1
    if start < end:
        yield start, end


# Public API ------------------------------------------------------------------------------------

def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, with offsets into `text`."""
    splitter_rules = rules()
    sentences: list[Sentence] = []
    credits = credit_spans(text)
    credit_starts = [a for a, _ in credits]
    for segment_start, segment_end, paragraph in _segments(text, splitter_rules):
        for start, end in _around(credits, credit_starts, segment_start, segment_end):
            cut = start
            number = _ITEM_NUMBER.match(text, start, end)
            for match in _TERMINATOR.finditer(text, number.end() if number else start, end):
                if _ends_sentence(text, match, cut, end, splitter_rules):
                    _append(sentences, text, cut, match.end(), paragraph)
                    cut = match.end()
            _append(sentences, text, cut, end, paragraph)
    return sentences


def split_paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of `text` (blank lines between them, or one per long unwrapped line),
    with offsets into `text`; `Sentence.paragraph` indexes this list."""
    paragraphs = []
    for index, lines in enumerate(_paragraph_lines(text)):
        start, end = lines[0][0], lines[-1][1]
        paragraphs.append(Paragraph(start, end, text[start:end], index))
    return paragraphs


def paragraph_span(text: str, sentence: Sentence) -> tuple[int, int]:
    """Offsets (start, end) in `text` of the paragraph that holds `sentence`."""
    for index, lines in enumerate(_paragraph_lines(text)):
        if index == sentence.paragraph:
            return lines[0][0], lines[-1][1]
    raise IndexError(f"the text has no paragraph {sentence.paragraph}")


def sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    """The sentence (from `split_sentences`) that contains character `offset`, if any."""
    index = bisect.bisect_right([s.start for s in sentences], offset) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    return None


# Paragraphs and hard line breaks --------------------------------------------------------------

def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    """Add text[start:end] without its surrounding whitespace, unless it is blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if out and out[-1].paragraph == paragraph and not any(c.isalnum() for c in text[start:end]):
        # a lone "..." between two sentences belongs to the one before it
        start = out.pop().start
    out.append(Sentence(start, end, text[start:end], paragraph))


def _paragraph_lines(text: str) -> Iterator[list[tuple[int, int]]]:
    """Each paragraph as its non-blank lines: (start, end) without indentation or newline.
    Blank lines separate paragraphs; in a block of long unwrapped lines (text pasted from a
    web page), each line is a paragraph."""
    lines: list[tuple[int, int]] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        content = raw.splitlines()[0] if raw else raw
        stripped = content.strip()
        if stripped:
            lead = len(content) - len(content.lstrip())
            lines.append((position + lead, position + lead + len(stripped)))
        elif lines:
            yield from _unwrapped(lines)
            lines = []
        position += len(raw)
    if lines:
        yield from _unwrapped(lines)


def _unwrapped(lines: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    if len(lines) > 1 and max(end - start for start, end in lines) > _UNWRAPPED_LINE:
        for line in lines:
            yield [line]
    else:
        yield lines


def _segments(text: str, splitter_rules: SplitterRules) -> Iterator[tuple[int, int, int]]:
    """Stretches of text that no sentence crosses: (start, end, paragraph index)."""
    for paragraph, lines in enumerate(_paragraph_lines(text)):
        width = max(end - start for start, end in lines)
        bullets = _list_items(text, lines, splitter_rules)
        block = _Block(text, lines, splitter_rules) if len(lines) > 1 else None
        segment_start = lines[0][0]
        for i in range(len(lines) - 1):
            if _hard_break(text, lines, i, width, bullets, splitter_rules) or (block is not None and block.stands_alone(i)):
                yield segment_start, lines[i][1], paragraph
                segment_start = lines[i + 1][0]
        yield segment_start, lines[-1][1], paragraph


class _Block:
    """The lines of one paragraph, to tell a list of lines without final punctuation (a fact
    box, a list of headlines, "Key dates") from hard-wrapped prose.

    A line that opens with a label of `line_labels` ("Read more:", "Related:") is a sentence
    of its own. Otherwise a line break ends a sentence when the line before does not visibly go on (it ends in a
    comma, a dash or a word like "the", "of", "and": `line_continuers`) and the next line
    begins with a capital, a digit, a bullet or a quotation mark, and either
    - the next line's first word would have fitted on the line before within the paragraph's
      width (its longest line after the first, which may be a headline): a wrapping program
      would have put it there, so the break was made on purpose; or
    - the paragraph is a list: three lines or more, every one begins that way and the last one
      ends without final punctuation (wrapped prose ends its paragraph with a full stop).
    """

    def __init__(self, text: str, lines: list[tuple[int, int]], splitter_rules: SplitterRules) -> None:
        self._text, self._lines, self._rules = text, lines, splitter_rules
        # A headline may top wrapped prose, longer than its lines: the width is read below it,
        # unless the paragraph is two lines only.
        self._width = max(end - start for start, end in (lines[1:] if len(lines) > 2 else lines))
        self._standing = [self._starts_alone(start) for start, _ in lines]
        last = text[lines[-1][0]:lines[-1][1]].rstrip(_CLOSERS_AT_END)
        # Three lines at least: a title-case headline wrapped once has two.
        self._list = len(lines) > 2 and all(self._standing) and not last.endswith(_FINAL_PUNCTUATION)

    def _starts_alone(self, start: int) -> bool:
        first = self._text[start]
        if first in _OPENERS:
            first = self._text[start + 1:start + 2] or " "
        return first.isupper() or first.isdigit() or first in self._rules.bullet_marks

    def _labelled(self, k: int) -> bool:
        start, end = self._lines[k]
        return self._text[start:min(end, start + _LABEL_REACH)].lower().startswith(self._rules.line_labels)

    def stands_alone(self, i: int) -> bool:
        """Whether the break after line `i` ends a sentence (see the class)."""
        if not self._standing[i + 1]:
            return False
        start, end = self._lines[i]
        line = self._text[start:end]
        if (self._labelled(i) or self._labelled(i + 1)) and not line.endswith((",", "-", "—", "–")):
            return True   # "Read more: ...", "Related: ...": a line of its own
        if _goes_on(line, self._rules) or line.rstrip(_CLOSERS_AT_END).endswith(_FINAL_PUNCTUATION):
            return False   # final punctuation: the sentence-end rules decide ("... week of Feb.\n15.")
        if self._list:
            return True
        next_start, next_end = self._lines[i + 1]
        space = self._text.find(" ", next_start, next_end)
        first_word = (space if space >= 0 else next_end) - next_start
        return (end - start) + 1 + first_word + _FIT_MARGIN <= self._width


def list_line(sentences: Sequence[Sentence], k: int) -> bool:
    """Whether sentence `k` is a line of a list (a fact box, a list of headlines): it and a
    neighbour of its paragraph both end without final punctuation, each an item of its own."""
    def bare(s: Sentence) -> bool:
        return not s.text.rstrip(_CLOSERS_AT_END).endswith(_FINAL_PUNCTUATION)

    s = sentences[k]
    return bare(s) and any(0 <= j < len(sentences) and sentences[j].paragraph == s.paragraph and bare(sentences[j])
                           for j in (k - 1, k + 1))


def _list_items(text: str, lines: list[tuple[int, int]], splitter_rules: SplitterRules) -> list[bool]:
    """Which lines are list items. A line that merely starts with "- " or "15. " inside
    wrapped text is not: an item comes first in its paragraph, or after another item, or after
    a line that opens a list with ":" (or, for "- " items, one that ends a sentence)."""
    items: list[bool] = []
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        marked = len(line) > 2 and line[0] in splitter_rules.bullet_marks and line[1] in " \t"
        numbered = not marked and _NUMBERED_ITEM.match(line) is not None
        if (marked or numbered) and i > 0 and not items[-1]:
            previous = text[lines[i - 1][0]:lines[i - 1][1]].rstrip(_CLOSERS_AT_END)
            # "15." after a line ending in "Feb." is a wrapped date: numbers need a ":" first
            marked = marked and previous.endswith((":", ".", "!", "?", "…"))
            numbered = numbered and previous.endswith(":")
        items.append(marked or numbered)
    return items


def _hard_break(text: str, lines: list[tuple[int, int]], i: int, width: int,
                bullets: list[bool], splitter_rules: SplitterRules) -> bool:
    """Whether the line break after line `i` of a paragraph ends a sentence."""
    if bullets[i + 1]:
        return True
    next_start = lines[i + 1][0]
    if bullets[i]:
        # the item goes on only on an indented line
        line_start = text.rfind("\n", 0, next_start) + 1
        return next_start == line_start
    if text[next_start].islower() or _goes_on(text[lines[i][0]:lines[i][1]], splitter_rules):
        return False
    length = lines[i][1] - lines[i][0]
    return width < _WRAP_MIN_WIDTH or length < _SHORT_LINE * width


def _goes_on(line: str, splitter_rules: SplitterRules) -> bool:
    """Whether `line` visibly goes on to the next: it ends in a comma or a dash, or in a word
    like "the", "of", "and" ("... met in\nGeneva on Monday")."""
    if line.endswith((",", ";", "-", "—", "–", "/", "&")):
        return True
    word = _LAST_WORD.search(line)
    return word is not None and word.group(0) in splitter_rules.line_continuers


# Sentence ends --------------------------------------------------------------------------------

def _ends_sentence(text: str, match: re.Match[str], sentence_start: int, limit: int,
                   splitter_rules: SplitterRules) -> bool:
    """Whether the terminator `match` ends a sentence, from what surrounds it."""
    if match.start() > 0 and text[match.start() - 1].isspace():
        return False  # ". . ." or a stray " ." : a period after a space ends nothing
    if _is_dateline(text, sentence_start, match.start()):
        return False
    position = match.end()
    window_end = min(limit, position + _LOOK_AHEAD)
    while position < window_end and text[position].isspace():
        position += 1
    if position >= limit:
        return True
    ahead = text[position:window_end]
    first = ahead.lstrip(_OPENERS)[:1]
    if not first or first.islower() or ahead[0] in _DASHES:
        return False  # lower case, or a dash that goes on ("INDEPENDENCE, Mo. _ The ...")
    punctuation = match.group(0)[: len(match.group(0)) - len(match.group("close"))]
    quoted = bool(match.group("close"))
    if quoted and _attribution_follows(ahead, splitter_rules):
        return False
    next_word = _next_word(ahead)
    if "…" in punctuation or ".." in punctuation:
        # an ellipsis with a space before it marks an omission inside a sentence
        attached = match.start() > 0 and not text[match.start() - 1].isspace()
        return attached or next_word in splitter_rules.sentence_starters
    if punctuation[-1] in "!?" or quoted:
        return True
    token = _token_before(text, match.start())
    if token in splitter_rules.titles:
        return False
    if token in splitter_rules.before_number:
        return not first.isdigit()
    if (token in splitter_rules.may_end or _ACRONYM.fullmatch(token)
            or (len(token) == 1 and token.isupper())):
        return next_word in splitter_rules.sentence_starters
    return True


def _is_dateline(text: str, sentence_start: int, dot: int) -> bool:
    """Whether the sentence so far is a dateline such as "INDEPENDENCE, MO." (short, capitals,
    a comma): its period does not end the sentence that follows it on the line."""
    if dot - sentence_start > _DATELINE_MAX:  # checked before slicing: keeps the scan linear
        return False
    head = text[sentence_start:dot]
    return ("," in head and not any(c.islower() for c in head)
            and any(c.isalpha() for c in head))


def _token_before(text: str, dot: int) -> str:
    """The word that the period at `dot` closes ("U.S" for "the U.S."), opening marks removed."""
    start = dot
    floor = max(0, dot - _LOOK_BACK)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    return text[start:dot].lstrip(_OPENERS)


def _next_word(ahead: str) -> str:
    match = _WORD.match(ahead.lstrip(_OPENERS))
    return match.group(0) if match else ""


def _attribution_follows(ahead: str, splitter_rules: SplitterRules) -> bool:
    """Whether `ahead` begins like “...” Lavrov said / Foreign Minister Sergei Lavrov told.
    Not when it starts with a usual sentence starter (“...” He added, “...”: a new sentence),
    nor when "that" soon follows the verb (... Eitan said Sunday that ...: reported speech)."""
    words = ahead.split()
    if not words or _next_word(words[0]) in splitter_rules.sentence_starters:
        return False
    for count, word in enumerate(words[:_ATTRIBUTION_WORDS], 1):
        bare = word.rstrip(".,;:!?")
        if bare in splitter_rules.attribution_verbs:
            following = [w.strip(".,;:!?").lower() for w in words[count:count + 3]]
            return bare != word or "that" not in following
        if bare != word or not bare[:1].isalpha():
            return False
    return False
