"""The temporal tagger: `tag_times(text, published)` finds time expressions and resolves them.

Each rule of rules.yaml is one compiled regex; all rules run over the text, the longest
non-overlapping matches win (ties: the rule listed first), and the winners are resolved in
text order so that each can serve as the reference time of the next ("October 2012 ... the
following month").

Without a publication date, expressions are still found; relative ones keep X placeholders
("XXXX-02-11", "XXXX-WXX-3") and get no interval: is_dated is False for them.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator

from timeline.errors import InputError
from timeline.temporal.calendar import Point, interval_of
from timeline.temporal.kinds import ACCEPTS, resolve
from timeline.temporal.resolution import GRAN_ORDER, Context, Resolution
from timeline.temporal.rulebook import Rule, Rulebook, abbreviations, clause_patterns, rulebook, tense_subset
from timeline.temporal.narrative import (coordinated_joiner, since_before, date_line_words, flashback_before, narrative_reach,
                                         heading_words, present_opener, question_chars, recent_days,
                                         relative_aside_opener, reporter_frame, weekday_years)
from timeline.temporal.speech import Utterance, speech_rules, utterances
from timeline.temporal.starts import HEAD, Starts, canonical
from timeline.temporal.types import TimeExpression

# A full stop (or ! ?) before a capital, or a blank line. It opens with one character class so
# that the engine skips in C to the places where it can match.
_END_CANDIDATE = re.compile(r"[.!?\n](?:(?<=[.!?])[\"”’')]?\s+(?=[\"“‘'(]?[A-Z])|(?<=\n)\s*\n)")
_TOKEN_BEFORE = re.compile(r"[^\s\"“‘'(]{1,12}$")  # the word a full stop closes ("U.N", "Mr")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")   # U.S, D.C (final dot already gone)
_NEXT_WORD = re.compile(r"[\"“‘'(]?([\w'’-]+)")


class _SentenceEnds:
    """Full stops (or ! ?) before a capital, and blank lines, that end a sentence: not the stop
    of a title ("Gen. Lazaro Sumbeiywo") nor, unless a usual sentence starter follows, of an
    acronym or initial ("the U.N. General Assembly on Tuesday", "John F. Kennedy"), as the
    sentence splitter reads them (resources/sentences.yaml). `search` and `finditer` as a regex's."""

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        endpos = len(text) if endpos is None else endpos
        for m in _END_CANDIDATE.finditer(text, pos, endpos):
            if m.group(0)[0] != "." or self._ends(text, m):
                yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    @staticmethod
    def _ends(text: str, m: re.Match[str]) -> bool:
        token = _TOKEN_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if token is None:
            return True
        word, known = token.group(0), abbreviations()
        if word in known.titles:
            return False
        if word in known.may_end or _ACRONYM.fullmatch(word) or (len(word) == 1 and word.isupper()):
            following = _NEXT_WORD.match(text, m.end())
            return following is not None and following.group(1) in known.starters
        return True


_SENTENCE_END = _SentenceEnds()
_WINDOW_REACH = 48  # rules run within this many characters of a trigger word
# Tense cues are found chunk by chunk (a cue and the text it looks ahead at are < 200 characters).
_CUE_CHUNK, _CUE_OVERLAP = 512, 200
_TENSE_REACH = 160  # characters either side of an expression searched for tense cues
_WEAK_CUE_PENALTY = 20  # a weak cue counts as if it stood this much further away
_WEAK_CUE_REACH = 40  # and only counts when this close
_MODAL_REACH = 12  # a past form this close after "will"/"would" belongs to the modal
# A dated list entry: its date opens the line (after at most a bullet) and a dash or colon follows.
_ENTRY_INDENT = 6
_ENTRY_BULLETS = " \t-*•–—·"
_ENTRY_SEPARATOR = re.compile(r"[ \t]{0,3}(?:[-–—:](?!\d)|\.[ \t]{0,3}[-–—])")
_ENTRY_CLOSING = re.compile(r"\)[ \t]{0,3}(?:\n|\Z)")  # "... commission (Dec. 23)" ending its line
_ATTRIBUTIVE = re.compile(r",?\s+(?-i:[a-z])")  # "the August 1988 cease-fire", "the Dec. 21, 1988, bombing"
# The clause words (sentence openers, reporting verbs, relative pronouns, ...) are tense.yaml's
# `clauses`: rulebook.clause_patterns().
_VERB_REACH = 24  # how far before an expression its own verb is looked for
_BACKSHIFT_REACH = 40  # how far before "was"/"were" a reporting verb makes it reported speech
_SENTENCE_REACH = 600  # how far a sentence's start or end is looked for (speech acts)
_LOGGED_MATCH = 60  # characters of a failing match quoted in the log
_SHOWN_MAX = 80  # characters of a bad argument quoted back in an error message

log = logging.getLogger(__name__)


def parse_published(published: dt.date | dt.datetime | str | None) -> dt.date | None:
    """The publication date as a date; InputError for anything that is not a real date."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    if isinstance(published, str):
        try:
            return dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            shown = repr(published[:_SHOWN_MAX]) + ("…" if len(published) > _SHOWN_MAX else "")
            raise InputError(f"publication date {shown} is not a date of the form YYYY-MM-DD") from None
    raise InputError(f"publication date must be a date or a YYYY-MM-DD string, not {type(published).__name__}")


def _check_text(text: object) -> str:
    if isinstance(text, (bytes, bytearray)):
        raise InputError("tag_times needs text (str), got bytes: decode the file first (e.g. as UTF-8)")
    if not isinstance(text, str):
        raise InputError(f"tag_times needs text (str), got {type(text).__name__}")
    return text


def _word_starts(text: str) -> list[int]:
    """The offsets at which a rule or trigger can match: the start of the text and each offset
    after a non-word character (all of them open with `(?<!\\w)`)."""
    starts = [m.end() for m in _NON_WORD.finditer(text)]
    if starts and starts[-1] == len(text):
        starts.pop()
    return [0, *starts] if text else []


def _windows(text: str, book: Rulebook, starts: list[int]) -> list[tuple[int, int, set[str]]]:
    """Stretches of text around trigger words, merged, ending on whitespace (so that rules
    see real word boundaries) when there is some within reach, with the trigger categories
    found in each. Rules only run there: most of a text holds no time. Each window reaches at
    most 2 * _WINDOW_REACH past its trigger, whatever the text (a page of "2015------..."
    without a space once stretched every window to the end of the text: quadratic)."""
    windows: list[list] = []
    n = len(text)
    for m in _matches(text, book.triggers, book.trigger_starts, book.memo.setdefault("triggers", {}), starts):
        lo, hi = max(0, m.start() - _WINDOW_REACH), _window_end(text, m.end(), min(n, m.end() + _WINDOW_REACH))
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
            windows[-1][2].add(m.lastgroup)
        else:
            windows.append([lo, hi, {m.lastgroup}])
    return [(lo, hi, kinds) for lo, hi, kinds in windows]


def _matches(text: str, pattern: re.Pattern[str], begins: Starts | None, fits: dict[str, bool],
             starts: list[int], lo: int = 0, hi: int | None = None,
             until: int | None = None) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text, lo, hi)` gives for a pattern that opens with `(?<!\\w)`,
    trying it only at the word starts (`starts`, sorted) whose first characters can begin a
    match (`begins`; `fits` remembers the answers). With `until`, only the matches that start
    before it (those after it are not looked for: they may still end up to `hi`)."""
    hi = len(text) if hi is None else hi
    until = hi if until is None else min(until, hi)
    if begins is None:
        for m in pattern.finditer(text, lo, hi):
            if m.start() >= until:
                return
            yield m
        return
    match, reached = pattern.match, 0
    for p in starts[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, until)]:
        if p < reached:
            continue
        head = text[p:p + HEAD]
        fit = fits.get(head)
        if fit is None:
            if len(fits) >= _HEADS_MAX:
                fits.clear()
            fit = fits[head] = begins.may_begin(head)
        if fit and (m := match(text, p, hi)) is not None:
            reached = m.end()
            yield m


def _tense_cues(text: str, book: Rulebook, starts: list[int], lo: int, hi: int,
                until: int) -> Iterator[re.Match[str]]:
    """What `book.tense_cues.finditer(text, lo, hi)` gives, the matches starting before
    `until`. At each word start only the cues that can begin there are tried (a regex of those
    alone, _tense_matcher): Python's engine enters every branch of an alternation in turn, and
    the cues are some hundred branches of which a word start fits a few."""
    table = book.memo.setdefault("tense matchers", {})
    reached = 0
    for p in starts[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, min(until, hi))]:
        if p < reached:
            continue
        head = text[p:p + HEAD]
        match = table.get(head, _UNSEEN)
        if match is _UNSEEN:
            match = _tense_matcher(book, table, head)
        if match is not None and (m := match(text, p, hi)) is not None:
            reached = m.end()
            yield m


_UNSEEN = object()
_SUBSETS_MAX = 4096   # regexes of some tense cues remembered (~300 occur in 256 news articles)


def _tense_matcher(book: Rulebook, table: dict[str, object], head: str) -> Callable[..., re.Match[str] | None] | None:
    """The `match` of a regex of the tense cues that can begin with `head` (None: none can),
    remembered in `table`; the same regex for the same cues."""
    alternatives = book.tense_alternatives
    if len(table) >= _HEADS_MAX:
        table.clear()
    index, anywhere = book.memo.get("tense beginnings") or _tense_beginnings(book)
    key = canonical(head)
    if key.isascii():
        chosen = tuple(sorted(anywhere.union(index.get(key[:1], ()), index.get(key[:2], ()), index.get(key[:3], ()))))
    else:
        chosen = tuple(range(len(alternatives)))   # a non-ASCII character may begin anything
    match = None
    if chosen:
        regexes = book.memo.setdefault("tense regexes", {})
        regex = regexes.get(chosen)
        if regex is None:
            if len(regexes) >= _SUBSETS_MAX:
                regexes.clear()
            whole = len(chosen) == len(alternatives)
            regex = regexes[chosen] = book.tense_cues if whole else tense_subset(alternatives, chosen)
        match = regex.match
    table[head] = match
    return match


def _tense_beginnings(book: Rulebook) -> tuple[dict[str, frozenset[int]], frozenset[int]]:
    """Which tense cues (by index) each beginning begins, and those that may begin anywhere."""
    index: dict[str, set[int]] = {}
    for k, (_, _, begins) in enumerate(book.tense_alternatives):
        if begins is not None:
            for beginning in begins.heads:
                index.setdefault(beginning, set()).add(k)
    found = ({h: frozenset(v) for h, v in index.items()},
             frozenset(k for k, (_, _, begins) in enumerate(book.tense_alternatives) if begins is None))
    book.memo["tense beginnings"] = found
    return found


_SPACE = re.compile(r"\s")
_NON_WORD = re.compile(r"\W")


def _window_end(text: str, floor: int, hi: int) -> int:
    """`hi` moved on to the next whitespace within _WINDOW_REACH; failing that, back to the
    end of the last whole word or number after `floor` (the trigger's end), so that no
    number is cut in two."""
    stop = min(len(text), hi + _WINDOW_REACH)
    space = _SPACE.search(text, hi, stop)
    if space is not None:
        return space.start()
    if stop == len(text):
        return stop
    end = stop
    while end > floor and text[end - 1].isalnum():
        end -= 1
    return end


def _candidates(text: str, book: Rulebook, work: Counter[str],
                starts: list[int] | None = None) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Every rule's matches in the windows, as `rule.regex.finditer(text, lo, hi)` gives them
    for each window [lo, hi): a rule is tried only at the word starts of a window whose first
    three characters can begin it (rulebook: Rule.starts), and, like finditer, not again before
    the end of its last match there. Python's engine cannot skip ahead by itself (every rule
    opens with a look-behind), so this tries each rule at a few places instead of everywhere."""
    found = []
    starts = _word_starts(text) if starts is None else starts
    windows = _windows(text, book, starts)
    work["windows"] += len(windows)
    tries = 0
    for lo, hi, kinds in windows:
        dispatch = _dispatch(book, kinds)
        reached = [0] * len(book.rules)   # per rule: the end of its last match in this window
        work["rule_chars"] += hi - lo
        for p in starts[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]:
            head = text[p:p + HEAD]
            entries = dispatch.get(head)
            if entries is None:
                entries = _fitting(book, dispatch, head)
            for order, match, rule, has_t, accepts in entries:
                if p < reached[order]:
                    continue
                tries += 1
                m = match(text, p, hi)
                if m is None:
                    continue
                reached[order] = m.end()
                if accepts is not None and not _guarded(accepts, m, rule, book.lexicon):
                    continue
                start, end = m.span("t") if has_t and m.group("t") else m.span()
                found.append((start, end, rule, m))
    work["rule_tries"] += tries
    return found


# A rule as the window loop uses it: (order, regex.match, rule, has a "t" group, its check).
_Entry = tuple[int, Callable[..., "re.Match[str] | None"], Rule, bool, object]
_DISPATCH_MAX = 128     # sets of trigger categories remembered (70 occur in 256 news articles)
# Text beginnings remembered, in all the sets together and for triggers and tense cues each
# (15,000, 5,000 and 4,000 for those 256 articles): a few MiB at most, then they start over.
_HEADS_MAX = 32_768


def _dispatch(book: Rulebook, kinds: set[str]) -> dict[str, tuple[_Entry, ...]]:
    """The rules a window with these trigger categories runs (those whose `needs` it meets), in
    rule order, by the first characters a match would begin with (starts.HEAD); filled as they
    occur, once per process. Under "" all of them."""
    tables = book.memo.setdefault("rules", {})
    key = frozenset(kinds)
    table = tables.get(key)
    if table is None:
        if len(tables) >= _DISPATCH_MAX:
            tables.clear()
        every = tuple((rule.order, rule.regex.match, rule, "t" in rule.regex.groupindex, ACCEPTS.get(rule.kind))
                      for rule in book.rules if rule.needs is None or not rule.needs.isdisjoint(kinds))
        table = tables[key] = {"": every}
    return table


def _fitting(book: Rulebook, dispatch: dict[str, tuple[_Entry, ...]], head: str) -> tuple[_Entry, ...]:
    """The rules of `dispatch` whose matches can begin with `head`, remembered in it (the same
    tuple for the same rules: most beginnings share a few). Found through an index of every
    rule's beginnings (`Starts.heads`, built once): a rule fits when one of its beginnings
    begins `head`, as `Starts.may_begin` says, without asking each rule.

    The tables of all the sets together start over when full (a batch of new articles fills
    them every few hundred articles), so what refills them is remembered apart and costs two
    lookups: the rules each head fits whatever the set ("head rules"), and the rules of a set
    that fit those ("set lists")."""
    shared = book.memo.setdefault("rule lists", {})
    if len(shared) >= _HEADS_MAX or book.memo.get("rule heads", 0) >= _HEADS_MAX:
        for table in list(book.memo["rules"].values()):   # (a copy: another thread may add a set)
            every = table[""]
            table.clear()
            table[""] = every
        shared.clear()
        book.memo["rule heads"] = 0
    heads = book.memo.setdefault("head rules", {})
    orders = heads.get(head, _UNSEEN)
    if orders is _UNSEEN:
        if len(heads) >= _HEADS_MAX:
            heads.clear()
        index, anywhere = book.memo.get("beginnings") or _beginnings(book)
        key = canonical(head)
        # (None: a non-ASCII character may begin anything)
        orders = heads[head] = anywhere.union(index.get(key[:1], ()), index.get(key[:2], ()), index.get(key[:3], ())) \
            if key.isascii() else None
    every = dispatch[""]
    if orders is None:
        entries = every
    else:
        # Keyed by the set's list itself (its id, the list kept in the value so that the id
        # stays its own), and the head's rules.
        lists = book.memo.setdefault("set lists", {})
        known = lists.get((id(every), orders))
        if known is None:
            if len(lists) >= _HEADS_MAX:
                lists.clear()
            chosen = tuple(e for e in every if e[0] in orders)
            known = lists[(id(every), orders)] = (every, shared.setdefault(tuple(e[0] for e in chosen), chosen))
        entries = known[1]
    dispatch[head] = entries
    book.memo["rule heads"] = book.memo.get("rule heads", 0) + 1
    return entries


def _beginnings(book: Rulebook) -> tuple[dict[str, tuple[int, ...]], frozenset[int]]:
    """Which rules (by order) each beginning of a match begins, and the rules that may begin
    anywhere (their beginnings unknown)."""
    index: dict[str, list[int]] = {}
    for rule in book.rules:
        if rule.starts is not None:
            for beginning in rule.starts.heads:
                index.setdefault(beginning, []).append(rule.order)
    found = ({k: tuple(v) for k, v in index.items()},
             frozenset(rule.order for rule in book.rules if rule.starts is None))
    book.memo["beginnings"] = found
    return found


def _guarded(check, m: re.Match[str], rule: Rule, *args) -> object:
    """`check(m, rule, *args)`, or None when the rule's code fails on this match: the match
    is skipped and logged with the rule's name, the rest of the document goes on."""
    try:
        return check(m, rule, *args)
    except (ValueError, OverflowError):
        return None  # off the calendar: "last year" published in year 1, "this week" in 9999
    except Exception:  # noqa: BLE001 - one odd match must never cost the whole article
        log.warning("temporal rule %s could not resolve %r; the match is skipped",
                    rule.name, m.group(0)[:_LOGGED_MATCH], exc_info=True)
        return None


def _select(found: list[tuple[int, int, Rule, re.Match[str]]]) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Longest match first (ties: rule order), keeping only matches that overlap no winner.

    A not-a-time match (kind ignore) vetoes readings of its own words only: a date that
    starts before it and reaches into it ("on 27 March 2016 government troops": the month
    makes 2016 a year, whatever follows) drops the veto."""
    found = _without_overridden_vetoes(found)
    found.sort(key=lambda c: (c[0] - c[1], c[2].order, c[0]))
    taken = bytearray(max((c[1] for c in found), default=0))  # 1 where a winner lies
    chosen = []
    for cand in found:
        start, end = cand[0], cand[1]
        if 1 in taken[start:end]:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    return chosen


def _without_overridden_vetoes(
        found: list[tuple[int, int, Rule, re.Match[str]]]) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """`found` without the ignore matches whose first character lies inside a time
    candidate that starts before it (sorted starts and running maximum ends: n log n in
    the candidates, whatever the text's length)."""
    if not any(c[2].kind == "ignore" for c in found):
        return found
    times = sorted((c[0], c[1]) for c in found if c[2].kind != "ignore")
    starts, reach, furthest = [t[0] for t in times], [], -1
    for _, end in times:
        furthest = max(furthest, end)
        reach.append(furthest)  # the furthest end of the candidates starting up to here

    def overridden(at: int) -> bool:
        i = bisect.bisect_left(starts, at)  # candidates starting strictly before `at`
        return i > 0 and reach[i - 1] > at
    return [c for c in found if c[2].kind != "ignore" or not overridden(c[0])]


def _sentence_start(text: str, lo: int, at: int) -> int:
    """Where the sentence holding offset `at` starts, or `lo` if it starts before `lo`."""
    # (a little past `at`, so that the boundary's look-ahead sees the capital letter)
    for boundary in _SENTENCE_END.finditer(text, lo, min(len(text), at + 2)):
        if boundary.end() <= at:
            lo = boundary.end()
    return lo


class _Tense:
    """Past or future, from the cue word nearest to an expression within its sentence."""

    def __init__(self, text: str, book: Rulebook, work: Counter[str], starts: list[int]) -> None:
        self.text = text
        self.cues = book.tense_cues
        self.book, self.starts = book, starts
        self.work = work
        self._chunks: dict[int, tuple[list[int], list[re.Match[str]]]] = {}

    def _cues(self, lo: int, hi: int) -> list[re.Match[str]]:
        """The cue words lying within [lo, hi), each chunk of the text scanned once (dense
        texts ask about the same stretches again and again)."""
        out: list[re.Match[str]] = []
        for c in range(lo // _CUE_CHUNK, max(lo, hi - 1) // _CUE_CHUNK + 1):
            if c not in self._chunks:
                self.work["cue_chars"] += _CUE_CHUNK + _CUE_OVERLAP
                a = c * _CUE_CHUNK
                # A cue starting in the chunk may run on into the overlap; one starting
                # there belongs to the next chunk, and is not looked for.
                found = list(_tense_cues(self.text, self.book, self.starts, a,
                                         min(len(self.text), a + _CUE_CHUNK + _CUE_OVERLAP), a + _CUE_CHUNK))
                self._chunks[c] = ([m.start() for m in found], found)
            starts, found = self._chunks[c]
            for m in found[bisect.bisect_left(starts, lo):]:
                if m.start() >= hi:
                    break
                if m.end() <= hi:
                    out.append(m)
        return out

    def __call__(self, start: int, end: int, clause: bool = False, plans: bool = False) -> str | None:
        """The tense of the expression at [start, end); with `clause`, from cues of its own
        clause only (none beyond a comma: "Judging by Thursday's meetings, none will emerge").
        With `plans`, a plan told in the past ("were expected to ... on Tuesday") is "past plan",
        not "past"."""
        text = self.text
        lo, hi = max(0, start - _TENSE_REACH), min(len(text), end + _TENSE_REACH)
        lo = _sentence_start(text, lo, start)
        after = _SENTENCE_END.search(text, end, hi)
        if after:
            hi = after.start() + 1
        best, best_key = None, None
        last_future_end = last_past_end = -1_000
        verb_after = False  # a past verb seen after the expression
        for cue in self._cues(lo, hi):
            own = start <= cue.start() < end  # the expression's own words ("last") are not verbs
            if cue.group("future"):
                # "had been due to expire Friday": a plan that lay in the past.
                tense = ("past plan" if plans else "past") if cue.start() - last_past_end <= _MODAL_REACH else "future"
                last_future_end = cue.end()
                if verb_after:
                    continue  # "On Saturday, Pyongyang announced it would ...": reported, not ours
                if cue.start() >= end and clause_patterns().clause_opener.search(text, max(0, cue.start() - 24), cue.start()):
                    continue  # "on Sunday by rejecting a clause that would free ..."
            else:
                # "will be held", "would have met": a participle after a modal is future.
                tense = "future" if cue.start() - last_future_end <= _MODAL_REACH else "past"
                if tense == "future" and verb_after:
                    continue  # "... on Wednesday, the minister said the treaty would be held ...": reported, as its modal
                if tense == "past" and clause_patterns().present_passive.search(text, max(0, cue.start() - 16), cue.start()):
                    continue  # "when the case is heard in May": a present passive, no past
                if cue.group("past_auxiliary") and not _backshifted(text, cue):
                    last_past_end = cue.end()
            if own:
                continue
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            if cue.start() >= end and tense == "past" and distance <= _WEAK_CUE_REACH:
                verb_after = True
            if cue.group("weak_past"):
                if distance > _WEAK_CUE_REACH:
                    continue
                # "announced Friday", "agreed on Wednesday": right before it, as good as "said"
                if distance > 2 and not (cue.end() <= start and clause_patterns().verb_gap.fullmatch(text, cue.end(), start)):
                    distance += _WEAK_CUE_PENALTY
            between = text[cue.end():start] if cue.end() <= start else text[end:cue.start()]
            if cue.start() >= end and "," in between and clause_patterns().reporting.fullmatch(cue.group(0)):
                continue  # "... on Thursday and Friday, diplomats said": the attribution, not the event
            if clause and "," in between:
                continue
            if cue.start() >= end and clause_patterns().concession.search(between):
                continue  # "... in April, though no meeting had been scheduled": another clause's tense
            # "X, who flew home on Friday evening, is expected to ...", "would see them on
            # Thursday and hoped ...", "had met him on Friday, and travels on to ...": the verb of
            # the expression's own clause comes first, however far before it; a cue beyond a
            # comma or in a clause joined after it counts only when the own clause has none.
            crossed = "," in between or (cue.start() >= end and bool(clause_patterns().coordination.search(between)
                                                                      or clause_patterns().relative.search(between)))
            if best_key is None or (crossed, distance) < best_key:
                best, best_key = tense, (crossed, distance)
        if best is None and _list_entry(text, start, end):
            return "past"
        return best

    def past_verb_before(self, start: int) -> bool:
        """A past verb right before the expression ("met on", "was signed on") or "since":
        the surest cues; not a present passive ("is expected in December")."""
        lo = max(0, start - _VERB_REACH)
        cues = self._cues(lo, start)
        if not cues or cues[-1].group("future"):
            return False
        found = cues[-1]
        gap = self.text[found.end():start]
        if found.group(0).lower() == "since":
            return gap.isspace()
        before = cues[-2] if len(cues) > 1 else None
        if before is not None and found.start() - before.end() <= _MODAL_REACH and before.group("future"):
            return False  # "will be held in June"
        if clause_patterns().present_passive.search(self.text, max(0, found.start() - 16), found.start()):
            return False  # "is expected in December", "to be published in early November"
        return clause_patterns().verb_gap.fullmatch(gap) is not None


def _backshifted(text: str, cue: re.Match[str]) -> bool:
    """Whether a past auxiliary is the backshift of reported speech ("Gillerman said the Cabinet
    was expected to take up the text on Sunday": it is expected, the plan lies ahead): "was" or
    "were" shortly after a reporting verb ("had" stays a past plan: "said the truce had been
    due to expire Friday")."""
    if cue.group(0).lower() not in ("was", "were"):
        return False
    lo = max(0, cue.start() - _BACKSHIFT_REACH)
    reporting = None
    for reporting in clause_patterns().reporting.finditer(text, lo, cue.start()):
        pass  # the last one before the auxiliary
    return reporting is not None and _SENTENCE_END.search(text, reporting.end(), cue.start()) is None


def _list_entry(text: str, start: int, end: int) -> bool:
    """Whether the expression heads an entry of a dated list ("Feb. 24 - Rebels take Misrata",
    "March 3: talks resume"): a line opening with its date and a dash or colon; or closes one
    in brackets, as a list of earlier stories dates its headlines ("Related: ... Rebels agree to
    form commission (Dec. 23)"). Timelines and factboxes tell the past in the present tense, so
    with no cue of their own such entries are past, not the nearest occurrence (which for a
    date months back is next year's)."""
    if _ENTRY_CLOSING.match(text, end) and text[max(0, start - 1):start] == "(":
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > _ENTRY_INDENT or text[line_start:start].strip(_ENTRY_BULLETS):
        return False
    return _ENTRY_SEPARATOR.match(text, end) is not None


class _Sentences:
    """Where sentences start, for narrative dates ("On 19 January, the palace fell")."""

    def __init__(self, text: str) -> None:
        self.text = text

    def opens_sentence(self, start: int) -> bool:
        """Whether only an opening word ("On", "In", "By") stands between the sentence start and `start`."""
        reach = max(0, start - _TENSE_REACH)
        begin = _sentence_start(self.text, reach, start)
        if begin == reach and reach > 0:
            return False  # no sentence start within reach
        return clause_patterns().sentence_opening.fullmatch(self.text, begin, start) is not None

    def same_sentence(self, a: int, b: int) -> bool:
        """Whether no sentence ends between offsets a <= b."""
        return 0 <= a <= b and _SENTENCE_END.search(self.text, a, min(len(self.text), b + 2)) is None

    def bounds(self, at: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding offset `at`, each at most _SENTENCE_REACH away."""
        start = _sentence_start(self.text, max(0, at - _SENTENCE_REACH), at)
        hi = min(len(self.text), at + _SENTENCE_REACH)
        after = _SENTENCE_END.search(self.text, at, hi)
        return start, after.start() + 1 if after else hi


def _expression(start: int, end: int, text: str, rule: Rule, res: Resolution) -> TimeExpression:
    interval_start = interval_end = granularity = None
    if res.type == "DURATION" and res.interval is not None:
        # a duration anchored on the calendar: "within a week" from its announcement
        interval_start, interval_end = res.interval
        granularity = res.granularity or "fuzzy"
    elif res.type in ("DATE", "TIME") and not res.background:
        if res.interval is not None:
            interval_start, interval_end = res.interval
            whole = interval_of(res.value, res.mod) if res.point else None
            granularity = res.granularity or ("fuzzy" if whole is None or whole[:2] != res.interval else whole[2])
        else:
            covered = interval_of(res.value, res.mod)
            if covered is not None:
                interval_start, interval_end, granularity = covered
    return TimeExpression(start=start, end=end, text=text[start:end], type=res.type, value=res.value,
                          mod=res.mod, interval_start=interval_start, interval_end=interval_end,
                          granularity=granularity, rule=rule.name, explanation=res.explanation)


def _resolved(m: re.Match[str], rule: Rule, ctx: Context, start: int, end: int,
              text: str) -> tuple[Resolution, TimeExpression] | None:
    res = resolve(rule, m, ctx)
    return None if res is None else (res, _expression(start, end, text, rule, res))


def tag_times(text: str, published: dt.date | dt.datetime | str | None = None, *,
              work: Counter[str] | None = None) -> list[TimeExpression]:
    """The time expressions of `text`, sorted by start and non-overlapping.

    `published` (a date, datetime or "YYYY-MM-DD") anchors relative expressions; without it
    they are found but left unresolved. Raises InputError for text that is not a str or a
    publication date that is not a date. `work`, if given, is filled with counts of the work
    done (characters scanned by rules and tense cues, candidates, resolutions, characters
    searched for paragraph breaks), for tests and benchmarks that check the cost is linear.
    """
    work = Counter() if work is None else work
    text = _check_text(text)
    pub = parse_published(published)
    if not text.strip():
        return []
    book = rulebook()
    starts = _word_starts(text)
    tense, sentences = _Tense(text, book, work, starts), _Sentences(text)
    ctx = Context(published=pub, lexicon=book.lexicon, tense_at=tense, past_verb_before=tense.past_verb_before,
                  narrative_reach=narrative_reach(), recent_days=recent_days(),
                  opens_sentence=sentences.opens_sentence, same_sentence=sentences.same_sentence,
                  clause_tense_at=functools.partial(tense, clause=True))
    candidates = _candidates(text, book, work, starts)
    work["candidates"] += len(candidates)
    selected = _select(candidates)
    out, placed = _resolve_all(text, selected, ctx, work)
    _coordinated_years(text, out)
    said = utterances(text, out, pub, sentences.bounds)
    if said:
        _reanchor(text, selected, out, placed, ctx, work, said)
    return out


_CALENDAR_VALUE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_SAYS_YEAR = re.compile(r"\d{4}|\byear\b", re.IGNORECASE)


def _coordinated_years(text: str, out: list[TimeExpression]) -> None:
    """A month or day written without its year, joined by "and", "or", "to" ... (narrative.yaml)
    to the next expression that says its year, takes that year, in place: "between September
    and November next year" is September of next year, not last September; "December or
    January 2013" the December before. One look at each neighbouring pair: linear."""
    joiner = coordinated_joiner()
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.type != "DATE" or a.granularity not in ("month", "day") or _SAYS_YEAR.search(a.text):
            continue
        own, other = _CALENDAR_VALUE.fullmatch(a.value), _CALENDAR_VALUE.fullmatch(b.value)
        if own is None or other is None or not _SAYS_YEAR.search(b.text) or b.start - a.end > 12 \
                or not joiner.fullmatch(text, a.end, b.start):
            continue
        later = (int(own.group(2)), int(own.group(3) or 0)) > (int(other.group(2)), int(other.group(3) or 1))
        year = int(other.group(1)) - later
        if year == int(own.group(1)):
            continue
        value = f"{year:04d}" + a.value[4:]
        covered = interval_of(value, a.mod)
        if covered is None:
            continue
        out[i] = dataclasses.replace(a, value=value, interval_start=covered[0], interval_end=covered[1],
                                     explanation=f"{a.explanation}; the year of the date joined to it, {b.text}")


# The discourse state a match was resolved in: (ref, ref_start, ref_end, year_ref, year_ref_end, year_ref_carried).
_State = tuple[Point | None, int, int, Point | None, int, bool]


def _resolve_all(text: str, selected: list[tuple[int, int, Rule, re.Match[str]]], ctx: Context,
                 work: Counter[str]) -> tuple[list[TimeExpression], list[tuple[int, _State]]]:
    """The selected matches resolved in text order, each the reference time of the next; and
    for each expression, the index of its match and the discourse state it was resolved in."""
    pub = ctx.published
    out, placed = [], []
    searched = 0  # text before this offset has been searched for paragraph breaks
    for i, (start, end, rule, m) in enumerate(selected):
        if ctx.year_ref is not None:
            # A written-out year sets the time of its own paragraph only. Each stretch of text
            # is searched once (a whole page without a break once cost a search per date).
            since = max(ctx.year_ref_end, searched)
            work["break_chars"] += max(0, start - since)
            if "\n" in text[since:start]:
                # ... though a past narrative goes on (narrative.yaml: only onwards, within its reach)
                ctx.year_ref_carried = True
            if present_opener().search(text, since, start):
                # "Since then, ... and in August": the account is brought up to the present
                ctx.year_ref = None
        searched = max(searched, start)
        work["resolved"] += 1
        state = (ctx.ref, ctx.ref_start, ctx.ref_end, ctx.year_ref, ctx.year_ref_end, ctx.year_ref_carried)
        res = _guarded(_resolved, m, rule, ctx, start, end, text)
        if res is None:
            continue
        res, expression = res
        out.append(expression)
        placed.append((i, state))
        if _flashback(text, start, res, ctx):
            continue  # "(in April) ... he had seized in February 2005": the account stays in April
        if res.point is not None and not rule.params.get("no_reference"):
            ctx.ref, ctx.ref_start, ctx.ref_end = res.point, start, end
            ctx.ref_since = since_before().search(text, max(0, start - _SINCE_CHARS), start) is not None
            if res.point.gran == "day":
                ctx.day_ref, ctx.day_ref_end = res.point, end
            if pub is None or res.point.first <= pub:
                ctx.past_ref, ctx.past_ref_end = res.point, end
        # "the August 1988 cease-fire" names an event and "the first talks since October 2016"
        # look back from the present: neither moves the narrative to that year.
        clauses = clause_patterns()
        attributive = any(text[max(0, start - len(w)):start].lower() == w for w in clauses.attributive) \
            and _ATTRIBUTIVE.match(text, end)
        looking_back = any(text[max(0, start - len(w)):start].lower() == w for w in clauses.looking_back)
        if reporter_frame().search(text, max(0, start - _FRAME_CHARS), start):
            continue  # "a delegate told me last month": when the reporter worked, as a date line
        # A day or month whose year no one told took the publication's by default: no sign the text
        # speaks of its present (narrative.yaml), so a date written out in the account's year later
        # takes the account up again across paragraphs.
        if res.point is not None and pub is not None and res.point.first.year == pub.year \
                and not res.year_by_default and not _date_line(text, start, end, res.point, pub):
            ctx.present_seen = True
            ctx.news_day_seen = ctx.news_day_seen or (res.point.gran == "day" and res.point.first == pub)
        if res.explicit_year is not None:
            # the last weekday_years distinct years written out (narrative.yaml), the latest last
            year = res.explicit_year.first.year
            ctx.years_read = ([y for y in ctx.years_read if y != year] + [year])[-weekday_years():]
        if res.explicit_year is not None and not attributive and not looking_back \
                and not _relative_aside(text, start, end):
            ctx.year_ref, ctx.year_ref_end, ctx.year_ref_carried = res.explicit_year, end, False
            ctx.year_ref_left = ctx.account_told_on = False
        elif res.narrative and res.point is not None:
            # "On 8 September" read in 1995 is where the account has got to: "12 October" follows it
            ctx.year_ref, ctx.year_ref_end, ctx.year_ref_carried = res.point, end, False
            ctx.year_ref_left = False
            ctx.present_seen = False  # the text tells the past in its own voice again
            ctx.account_told_on = True
        elif res.point is not None and pub is not None and res.point.first.year < pub.year \
                and (frame := _narrative_frame(text, start, end, rule, res.point, ctx)) is not None \
                and not attributive and not looking_back and not _relative_aside(text, start, end):
            # a year the account is told in (narrative.yaml): "Thirty years ago this weekend",
            # "Where was the region in 1991?", "In 1991, ..."
            ctx.year_ref, ctx.year_ref_end, ctx.year_ref_carried = res.point, end, False
            ctx.year_ref_left = ctx.account_told_on = False
            # an anniversary or a question sets what follows, as a text's own past narrative does
            ctx.present_seen = ctx.present_seen and frame == "opening"
        elif res.point is not None and ctx.year_ref is not None and pub is not None and not res.from_publication \
                and res.point.first.year == ctx.year_ref.first.year < pub.year and res.point.first >= ctx.year_ref.first \
                and GRAN_ORDER.index(res.point.gran) <= GRAN_ORDER.index("month"):
            # "The next morning", "That Saturday" counted on in the account's year: where it has got to
            ctx.year_ref, ctx.year_ref_end = res.point, end
        elif res.point is not None and pub is not None and not res.year_by_default \
                and (res.point.first.year == pub.year or res.from_publication):
            # back to the present ("Wednesday", "last week", "on July 20 last year"); a year taken
            # by default is not told of the present: it only leaves the account (below)
            ctx.year_ref = None
        elif res.point is not None and ctx.year_ref is not None and res.point.first.year != ctx.year_ref.first.year:
            ctx.year_ref_left = True
    return out, placed


_SENTENCE_CLOSE = re.compile(r"[.!?\n]")


def _narrative_frame(text: str, start: int, end: int, rule: Rule, point: Point, ctx: Context) -> str | None:
    """How a date in a past year that is no written-out month sets the year of the account that
    follows (narrative.yaml), or None: "anniversary" (a rule with params.sets_narrative: "Fifty
    years ago today"), "question" (a year alone in a question: "Where was the region in 1991?",
    its end within question_chars), "heading" (a year alone on a heading: "Madrid, 1991"),
    "opening" (a year alone, or a count of years back (params.opens_narrative), opening its
    sentence: "In 1991, ...", "Thirty years ago, ...")."""
    if rule.params.get("sets_narrative"):
        return "anniversary"
    if rule.kind == "year":
        close = _SENTENCE_CLOSE.search(text, end, end + question_chars())
        if close is not None and close.group() == "?":
            return "question"
        if _heading(text, start, end):
            return "heading"
    elif not (rule.params.get("opens_narrative") and point.gran == "year"):
        return None
    return "opening" if ctx.opens_sentence(start) else None


_HEADING_CHARS = 100  # characters searched either side of a year for the ends of its line
_HEADING_END = re.compile(r"[.!?:;,]\s*$")


def _heading(text: str, start: int, end: int) -> bool:
    """Whether the expression at [start, end) stands on a heading: a line of its own, followed by
    more text, of at most narrative.yaml heading_words words and no closing punctuation ("Madrid,
    1991", "The New York Accords (1988)")."""
    lo = text.rfind("\n", max(0, start - _HEADING_CHARS), start)
    hi = text.find("\n", end, end + _HEADING_CHARS)
    if (lo < 0 and start > _HEADING_CHARS) or hi < 0:
        return False
    line = text[lo + 1:hi]
    return _HEADING_END.search(line) is None and len(_WORD.findall(line)) <= heading_words()


_DATE_LINE_CHARS = 80  # characters searched either side of a date for the ends of its line
_FRAME_CHARS = 30      # characters before a date searched for the reporter's own frame
_SINCE_CHARS = 60      # characters before a date searched for "since" and a few words
_WORD = re.compile(r"[^\W\d_]+|\d+")


def _date_line(text: str, start: int, end: int, point: Point, published: dt.date) -> bool:
    """Whether the date at `start` is the publication day on a short line of its own (the text's
    date line, narrative.yaml date_line_words): when it was written, not the present it tells of."""
    if point.gran != "day" or point.first != published:
        return False
    lo = text.rfind("\n", max(0, start - _DATE_LINE_CHARS), start)
    if lo < 0 and start > _DATE_LINE_CHARS:
        return False
    hi = text.find("\n", end, end + _DATE_LINE_CHARS)
    if hi < 0 and len(text) - end > _DATE_LINE_CHARS:
        return False
    before, after = text[lo + 1:start], text[end:hi if hi >= 0 else len(text)]
    others = _WORD.findall(before) + _WORD.findall(after)
    # a place or a weekday beside the date, no sentence ("The minister spoke on Friday.")
    return (all(w[0].isupper() or w.isdigit() for w in others)
            and len(others) + len(_WORD.findall(text[start:end])) <= date_line_words())


_ASIDE_CLOSER = re.compile(r"[^,.;:!?\n]{0,100},")


def _relative_aside(text: str, start: int, end: int) -> bool:
    """Whether the date stands in a relative clause set off by commas ("The coalition, which
    intervened in March 2015 to restore the government, had launched an offensive in June"):
    the noun's background, not the time the sentence goes on in."""
    return (relative_aside_opener().search(text, max(0, start - 110), start) is not None
            and _ASIDE_CLOSER.match(text, end) is not None)


_FLASHBACK_CHARS = 60  # characters before a date searched for a pluperfect


def _flashback(text: str, start: int, res: Resolution, ctx: Context) -> bool:
    """Whether the date at `start` is a flashback within its sentence: after a pluperfect
    (narrative.yaml), earlier than a date the same sentence already told."""
    ref = ctx.ref
    return (ref is not None and res.point is not None and res.point.last < ref.first
            and ctx.same_sentence(ctx.ref_end, start)
            and flashback_before().search(text, max(0, start - _FLASHBACK_CHARS), start) is not None)


def _reanchor(text: str, selected: list[tuple[int, int, Rule, re.Match[str]]], out: list[TimeExpression],
              placed: list[tuple[int, _State]], ctx: Context, work: Counter[str], said: list[Utterance]) -> None:
    """Resolve again, in place in `out`, the deictic expressions ("yesterday", "last week", "in
    two weeks": speech.yaml deictic_kinds) in the stretches of `said`, against the day their
    words were said instead of the publication date, each in the discourse state it first had
    (speech.py). Only they are resolved again: the cost follows their number."""
    pub, deictic = ctx.published, speech_rules().deictic
    said_starts = [u.start for u in said]
    for k, (i, state) in enumerate(placed):
        start, end, rule, m = selected[i]
        j = bisect.bisect_right(said_starts, start) - 1
        if rule.kind not in deictic or j < 0 or start >= said[j].end:
            continue
        spoken = said[j]
        ctx.ref, ctx.ref_start, ctx.ref_end, ctx.year_ref, ctx.year_ref_end, ctx.year_ref_carried = state
        ctx.published = spoken.day
        work["resolved"] += 1
        res = _guarded(_resolved, m, rule, ctx, start, end, text)
        if res is not None:
            expression = res[1]
            # (the kinds word it as counted from publication: here the day of the speech act)
            told = expression.explanation.replace("publication day", "publication").replace(
                "publication", "the day the words were said")
            out[k] = dataclasses.replace(
                expression, explanation=f"{told}; the words were said on {spoken.day} ('{spoken.said}')")
    ctx.published = pub
