"""The chronology: one row per real-world event, merged from the mentions of many articles.

`chronology(mentions, documents=None)` merges the mention rows (the tables `extract_events`
returns, concatenated) into events (`corpus/merge.py`), dates each event by what its mentions
say happened, writes its headline (`corpus/headlines/`), its status history (what was said
when, in publication order) and its salience (`corpus/salience.py`). The documents table adds
outlets and publication dates; without it, an article's publication day is read from how its
relative dates were resolved.

`update_chronology(previous, mentions, new_mentions, documents)` adds articles to a chronology
without recomputing it: only the events whose mentions lie in the date windows the new mentions
touch are merged again; the others keep their rows and keys. Salience, which compares events
across the corpus, is recomputed for all rows (it is cheap).

Keys are stable: an event's key is made from the smallest mention id it holds, so the same
corpus gives the same keys and adding an article keeps the keys of the events it does not touch.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import json
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

from timeline import schema
from timeline.corpus import headlines, merge, salience
from timeline.errors import InputError
from timeline.extract.actors import gazetteer as actor_gazetteer
from timeline.searchfold import one_spelling_per_name

KEY_PREFIX = "ev-"
SPAN_SHARE = 1.0  # a neighbouring day named as often as the event's day widens it (overnight talks)
_EPOCH = pd.Timestamp("1970-01-01")
# "... publication day 2016-02-03", "(+1 month from publication 2011-01-30)": how the extractor
# says a relative date was resolved; the date after "publication" is the article's day.
_PUBLICATION_RE = re.compile(r"publication(?: day)?\s{1,3}(\d{4}-\d{2}-\d{2})")


def chronology(mentions: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per real-world event of `mentions` (schema.CHRONOLOGY_COLUMNS), most salient
    first is not implied: rows are in date order; sort by `salience` for the key events."""
    mentions = schema.validate(mentions)
    if mentions.empty:
        return schema.empty_chronology()
    with _lazy_gc():
        context = _Context(mentions, documents)
        clusters = merge.cluster_mentions(context.features)
        rows = [context.row(c) for c in clusters]
        del clusters
        table = context.finish(rows)
        # freed while the collector is still lazy: restoring its thresholds with these alive
        # would make its next young collection walk them all (a million objects) for nothing
        del context, rows
    return table


_GC_LOCK = threading.Lock()
_gc_users = 0
_gc_saved: tuple[int, ...] = ()
# Allocations between collections of the youngest generation while a chronology is built (the
# default is 700): hundreds of thousands of small objects that all stay alive (features, events,
# rows) would otherwise make the collector walk them again and again: a fifth of the time on
# 50,000 mentions at 700, 0.6-0.9 s of CPU at 500,000 (3-4 young and a middle collection). A
# build of 50,000 mentions holds about 1.1 million tracked objects at its peak: at 2,000,000 it
# runs without a collection (0.08 s of collecting instead of 0.6-0.9 s), and its temporaries
# are freed before the thresholds come back, so the next collection walks only the table.
GC_GEN0_THRESHOLD = 2_000_000


@contextlib.contextmanager
def _lazy_gc() -> Iterator[None]:
    """The cyclic garbage collector made lazier, never switched off: a Streamlit server shares
    the process, so cycles elsewhere are still collected, only less often, and the thresholds are
    put back when the last chronology being built (in any thread) is done."""
    global _gc_users, _gc_saved
    with _GC_LOCK:
        if _gc_users == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(max(GC_GEN0_THRESHOLD, _gc_saved[0]), *_gc_saved[1:])
        _gc_users += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _gc_users -= 1
            if _gc_users == 0:
                gc.set_threshold(*_gc_saved)


def update_chronology(previous: pd.DataFrame, mentions: pd.DataFrame, new_mentions: pd.DataFrame,
                      documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """`previous` (the chronology of the corpus before) with `new_mentions` added: `mentions`
    is the whole corpus's mentions, new ones included. Only the events near the new mentions'
    dates are merged again; the other rows keep their keys and values."""
    removed, added = update_chronology_rows(previous, mentions, new_mentions, documents)
    kept = previous[~previous[schema.EVENT_KEY].isin(removed)]
    table = pd.concat([t for t in (kept, added) if not t.empty], ignore_index=True) if len(kept) or len(added) \
        else schema.empty_chronology()
    return schema.validate_chronology(table).sort_values(
        [schema.DATE_START, schema.DATE_END, schema.EVENT_KEY], kind="stable").reset_index(drop=True)


def update_chronology_rows(previous: pd.DataFrame, mentions: pd.DataFrame, new_mentions: pd.DataFrame,
                           documents: pd.DataFrame | None = None, *,
                           touched: Iterable[str] | None = None,
                           previous_last: int | None = None) -> tuple[list[str], pd.DataFrame]:
    """The keys of `previous` that adding `new_mentions` replaces, and the rows that replace them
    (what a store's `replace_chronology_rows(removed_keys, added_rows)` takes).

    The events replaced are those holding a mention dated near a new mention (the days it names,
    `days_apart` either side; a coarse one's whole interval), or, given `touched` (mention ids:
    what corpus/sync.py found a new mention could join, in SQL), those holding one of `touched`;
    then `mentions` is the context the store read for them (`EventStore.update_context`) and
    all of it is read for scoring. Salience is absolute (see salience.yaml), so the rows kept
    need no rescoring, but for the recent days (salience.py): when the new articles move the
    corpus's last publication day, the events of the days that stop or start being recent are
    replaced too. `previous_last`: that day before the update (days since 1970), when `previous`
    is not the whole chronology (its latest `last_reported` otherwise); with `touched`, the
    mentions dated on those days must be among `mentions` (`recency_windows`)."""
    missing = [c for c in (schema.EVENT_KEY, schema.MENTION_IDS) if c not in previous.columns]
    if missing:
        raise InputError(f"the previous chronology lacks the columns: {', '.join(missing)}")
    mentions = schema.validate(mentions)
    new_mentions = schema.validate(new_mentions)
    r = merge.rules()
    new_ids = set(new_mentions[schema.EVENT_ID].astype(str))
    start = mentions[schema.DATE_START].to_numpy(dtype="datetime64[D]").astype("int64")
    end = mentions[schema.DATE_END].to_numpy(dtype="datetime64[D]").astype("int64")
    dated = ~(np.isnat(mentions[schema.DATE_START].to_numpy()) | np.isnat(mentions[schema.DATE_END].to_numpy()))
    near = np.zeros(len(mentions), dtype=bool)
    ids = mentions[schema.EVENT_ID].astype(str)
    if previous_last is None:
        previous_last = _latest_day(previous[schema.LAST_REPORTED]) if schema.LAST_REPORTED in previous else None
    last = latest_publication(previous_last, new_mentions, documents)
    rescored = np.zeros(len(mentions), dtype=bool)   # dated on days that stop or start being recent
    for lo, hi in recency_windows(previous_last, last):
        rescored |= dated & (start <= hi) & (end >= lo)
    if touched is None:
        for lo, hi in _touched_days(new_mentions, r):
            near |= dated & (start <= hi) & (end >= lo)
        near |= rescored
        touched_ids = set(ids[near]) | new_ids
    else:
        touched_ids = set(map(str, touched)) | new_ids | set(ids[rescored])
        near[:] = True   # the store read the context: all of it is read for scoring
    removed: list[str] = []
    regroup: set[str] = set(touched_ids)
    # A reaction and the happenings of its days are scored together (salience.py): when one of
    # them is replaced, the others of the same days are replaced too.
    sr = salience.rules()
    paired = sr.reaction_kinds | sr.happening_kinds
    kinds_on: dict[tuple[int, int], set[str]] = defaultdict(set)
    replaced_days: set[tuple[int, int]] = set()
    kept: list[tuple[str, list[str], tuple[int, int]]] = []
    for key, members, days, kind in zip(previous[schema.EVENT_KEY], previous[schema.MENTION_IDS],
                                        _day_spans(previous, r), previous[schema.EVENT_TYPE].astype(object)):
        members = schema.as_str_list(members)
        if days is not None and kind in paired:
            kinds_on[days].add(kind)
        if any(m in touched_ids for m in members):
            removed.append(str(key))
            regroup.update(members)
            if days is not None and kind in paired:
                replaced_days.add(days)
        elif days is not None and kind in paired:
            kept.append((str(key), members, days))
    for key, members, days in kept:
        if days in replaced_days and kinds_on[days] & sr.reaction_kinds and kinds_on[days] & sr.happening_kinds:
            removed.append(key)
            regroup.update(members)
    in_regroup = ids.isin(regroup).to_numpy()
    subset = mentions[in_regroup].reset_index(drop=True)
    if subset.empty:
        return removed, schema.empty_chronology()
    # What scoring reads: every mention of the articles involved (their leads) and of the days involved.
    docs = set(subset[schema.DOC_ID].astype(str))
    context_rows = mentions[in_regroup | near | mentions[schema.DOC_ID].astype(str).isin(docs).to_numpy()]
    with _lazy_gc():
        context = _Context(context_rows.reset_index(drop=True), documents, subset=subset, last_published=last)
        clusters = merge.cluster_mentions(context.features)
        return removed, context.finish([context.row(c) for c in clusters])


def latest_publication(previous_last: int | None, new_mentions: pd.DataFrame,
                       documents: pd.DataFrame | None) -> int | None:
    """The corpus's last publication day (days since 1970) once `new_mentions` are added to a
    corpus whose last article was published on `previous_last`."""
    published = _publication_days(new_mentions, documents) if len(new_mentions) else {}
    days = [published[d] for d in set(new_mentions[schema.DOC_ID].astype(str)) if d in published]
    days += [previous_last] if previous_last is not None else []
    return max(days) if days else None


def recency_windows(previous_last: int | None, last: int | None) -> list[tuple[int, int]]:
    """The days (first, last, days since 1970) that stop or start being recent (salience.py)
    when the corpus's last publication day moves from `previous_last` to `last`: the events
    dated on them are scored again."""
    if previous_last is None or last is None or previous_last == last:
        return []
    span = salience.rules().recall_after_days
    before, after = (previous_last - span, previous_last), (last - span, last)
    if before[1] < after[0] or after[1] < before[0]:
        return [before, after]
    low, high = sorted((before, after))
    return [w for w in ((low[0], high[0] - 1), (low[1] + 1, high[1])) if w[0] <= w[1]]


# --- building rows ---------------------------------------------------------------------------------
class _Context:
    """What rows are built from: the mentions' features, publication days and outlets."""

    def __init__(self, mentions: pd.DataFrame, documents: pd.DataFrame | None,
                 subset: pd.DataFrame | None = None, last_published: int | None = None) -> None:
        self.mentions = mentions
        self.last_published = last_published   # the corpus's, when `mentions` is not all of it
        self.merge_rules = merge.rules()
        self.published = _publication_days(mentions, documents)
        self.sources: dict[str, str] = {}
        if documents is not None and not documents.empty and schema.SOURCE in documents.columns:
            for doc, src in zip(documents[schema.DOC_ID].astype(str), documents[schema.SOURCE]):
                if isinstance(src, str) and src.strip():
                    self.sources[doc] = src.strip()
        table = subset if subset is not None else mentions
        self.features = merge.mention_features(table, self.merge_rules)
        self.table = table
        self.confidence = table[schema.CONFIDENCE].fillna(0.0).astype(float).tolist()
        self.granularity = table[schema.GRANULARITY].fillna("").astype(str).tolist()
        self.timex = table[schema.TIMEX_TEXT].fillna("").astype(str).tolist()

    def row(self, c: merge.Cluster) -> tuple[object, ...]:
        """The event of cluster `c`: its values in the order of `_ROW_COLUMNS` (days as day
        numbers; `finish` makes the table)."""
        r = self.merge_rules
        members = c.members
        if len(members) == 1 and not c.postponed and not c.old_plans:
            return self._single_row(c.kind, members[0])
        day_level = [m for m in members if m.end - m.start < r.day_level_span]
        occurred = [m for m in day_level if m.status == "occurred"]
        dating = occurred or day_level
        if dating:
            start, end = _event_days(dating)
            granularity = "day"
        else:
            (start, end), _ = Counter((m.start, m.end) for m in members).most_common(1)[0]
            granularity = Counter(self.granularity[m.index] for m in members
                                  if (m.start, m.end) == (start, end)).most_common(1)[0][0]
        event_type = c.kind
        # What happened decides; a plan moved to this date does not make it happen.
        status = "occurred" if any(m.status == "occurred" for m in (day_level or members)) else "planned"
        if len(members) == 1:
            rep = members[0]
            actors, places = sorted(rep.actors), sorted(rep.places)
            rep_actors = list(rep.actors)
        else:
            on_day = [m for m in (dating or members) if start <= m.start <= end] or members
            rep = max(on_day, key=lambda m: (self.confidence[m.index], -self._pub(m.doc_id, 10**9),
                                             m.doc_id == "", -m.sentence_key[1]))
            rep_actors = list(rep.actors)
            actors = _ordered([rep.actors] + [m.actors for m in members])
            places = _ordered([rep.places] + [m.places for m in members])
            if not all(a.isascii() for a in actors):   # "José Ramos" and "Jose Ramos": one name
                spelling = one_spelling_per_name(actors)
                actors = list(dict.fromkeys(spelling[a] for a in actors))
                rep_actors = [spelling[a] for a in rep_actors]
            full = _full_names(actors)
            if full:
                actors = [a for a in actors if a not in full]
                rep_actors = [full.get(a, a) for a in rep.actors]
        moved = {id(m) for m in c.postponed}
        everything = members + c.postponed + c.old_plans
        everything.sort(key=lambda m: (self._pub(m.doc_id, 10**9), m.doc_id, m.start, m.sentence_key[1], m.event_id))
        docs = list(dict.fromkeys(m.doc_id for m in everything))
        pubs = [self.published.get(d) for d in docs]
        pubs = [p for p in pubs if p is not None]
        history = [_history_entry("postponed" if id(m) in moved else m.status, m.start, m.end, m.doc_id,
                                  self.published.get(m.doc_id), m.event_id) for m in everything]
        return (
            KEY_PREFIX + min(m.event_id for m in everything), start, end, granularity, event_type, status,
            headlines.headline(rep.sentence, sorted(set(rep_actors), key=actors.index) or actors,
                               sorted(rep.places, key=places.index) or places, status,
                               event_type, self.timex[rep.index]),
            actors, places, [m.event_id for m in everything], docs, len(everything), len(docs),
            list(dict.fromkeys(self.sources[d] for d in docs if d in self.sources)),
            min(pubs) if pubs else None, max(pubs) if pubs else None,
            "[" + ", ".join(history) + "]", rep.event_id)

    def _single_row(self, event_type: str, m: merge.Mention) -> tuple[object, ...]:
        """`row` of an event told by one mention (most events): the same values, without the
        counting and ordering that several mentions need."""
        if m.end - m.start < self.merge_rules.day_level_span:
            granularity, end = "day", max(m.start, m.end)   # as _event_days of one mention
        else:
            granularity, end = self.granularity[m.index], m.end
        status = "occurred" if m.status == "occurred" else "planned"
        actors, places = sorted(m.actors), sorted(m.places)
        doc = m.doc_id
        pub = self.published.get(doc)
        source = self.sources.get(doc)
        return (
            KEY_PREFIX + m.event_id, m.start, end, granularity, event_type, status,
            headlines.headline(m.sentence, actors, places, status, event_type, self.timex[m.index]),
            actors, places, [m.event_id], [doc], 1, 1, [source] if source is not None else [],
            pub, pub, "[" + _history_entry(m.status, m.start, m.end, doc, pub, m.event_id) + "]", m.event_id)

    def _pub(self, doc: str, default: int) -> int:
        return self.published.get(doc, default)

    def finish(self, rows: list[tuple[object, ...]]) -> pd.DataFrame:
        """The rows as a chronology table, scored, in date order."""
        if not rows:
            return schema.empty_chronology()
        table = _table(rows)
        table = score(table, self.mentions, self.published, self.last_published)
        return table.sort_values([schema.DATE_START, schema.DATE_END, schema.EVENT_KEY],
                                 kind="stable").reset_index(drop=True)


# What `_Context.row` returns, in order; the other columns of the schema are filled by `_table`.
_ROW_COLUMNS = (schema.EVENT_KEY, schema.DATE_START, schema.DATE_END, schema.GRANULARITY, schema.EVENT_TYPE,
                schema.STATUS, schema.HEADLINE, schema.ACTORS, schema.LOCATIONS, schema.MENTION_IDS,
                schema.DOC_IDS, schema.N_MENTIONS, schema.N_ARTICLES, schema.SOURCES, schema.FIRST_REPORTED,
                schema.LAST_REPORTED, schema.STATUS_HISTORY, schema.REPRESENTATIVE_ID)
_DAY_COLUMNS = frozenset({schema.DATE_START, schema.DATE_END, schema.FIRST_REPORTED, schema.LAST_REPORTED})


def _table(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    """The chronology table of `rows` (`_Context.row`), each column made once with its schema
    dtype: what schema.validate_chronology would return (a test holds them equal), without
    copying every list cell again. Salience is left for `score`."""
    n = len(rows)
    values = dict(zip(_ROW_COLUMNS, zip(*rows)))
    columns: dict[str, object] = {}
    for col, dtype in schema.CHRONOLOGY_COLUMNS.items():
        if col in _DAY_COLUMNS:   # day numbers (None: unknown) -> timestamps
            days = np.array([_NAT_DAY if d is None else d for d in values[col]], dtype="int64")
            columns[col] = pd.Series(days.view("datetime64[D]").astype(dtype))
        elif col in schema.CHRONOLOGY_LIST_COLUMNS:
            columns[col] = pd.Series(list(values[col]) if col in values else [[] for _ in range(n)], dtype=object)
        elif col == schema.SALIENCE:
            columns[col] = pd.Series(np.zeros(n), dtype=dtype)
        elif col == schema.SALIENCE_REASON:
            columns[col] = pd.Series([""] * n, dtype=dtype)
        else:
            columns[col] = pd.Series(list(values[col]), dtype=dtype)
    return pd.DataFrame(columns)


_NAT_DAY = np.iinfo(np.int64).min   # NaT as a day number
_JSON = json.JSONEncoder(ensure_ascii=False)   # what json.dumps(..., ensure_ascii=False) makes


def _json_str(text: str) -> str:
    """`text` as a JSON string, as json.dumps(..., ensure_ascii=False) writes it: quoted as it
    is when nothing in it needs escaping (ids, statuses: the common case, checked in C)."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return _JSON.encode(text)


def _history_entry(status: str, start: int, end: int, doc: str, published: int | None, event_id: str) -> str:
    """One step of a status history as JSON text, as json.dumps writes the dict
    {status, date_start, date_end, doc_id, published, event_id} (the ISO days need no escaping)."""
    pub = f'"{_iso(published)}"' if published is not None else "null"
    return (f'{{"status": {_json_str(status)}, "date_start": "{_iso(start)}", "date_end": "{_iso(end)}", '
            f'"doc_id": {_json_str(doc)}, "published": {pub}, "event_id": {_json_str(event_id)}}}')


def score(table: pd.DataFrame, mentions: pd.DataFrame, published: dict[str, int],
          last_published: int | None = None) -> pd.DataFrame:
    """`table` with its salience and reason computed against the whole corpus of `mentions`
    (see corpus/salience.py for what counts and why). `last_published`: the day the corpus's
    last article was published (days since 1970), when `mentions` is not the whole corpus."""
    sr = salience.rules()
    r = merge.rules()
    docs = mentions[schema.DOC_ID].astype(str).tolist()
    last = last_published if last_published is not None else _last_published(docs, published)
    char_starts = mentions[schema.CHAR_START].fillna(-1).astype("int64").tolist()
    ids = mentions[schema.EVENT_ID].astype(str).tolist()
    doc_of = dict(zip(ids, docs))
    # A mention dated by no time expression of its own (a lede's undated event, extract/lede.py)
    # is weaker evidence: it names no day and is no dated lead sentence.
    inferred = (mentions[schema.TIMEX_START].isna() & ~mentions[schema.DATE_INHERITED].fillna(False).astype(bool)
                ).tolist()
    # Leads: the first dated sentences of each article.
    firsts: dict[str, list[int]] = defaultdict(list)
    for d, cs in sorted({(d, cs) for d, cs, no in zip(docs, char_starts, inferred) if not no}):
        if len(firsts[d]) < sr.lead_sentences:
            firsts[d].append(cs)
    lead_ids = {i for i, d, cs in zip(ids, docs, char_starts) if cs in firsts[d]}
    # The days each article names (a day is named by a mention of that one day), and those it
    # lists as the entries of a chronology (sentences that open with their date).
    named: dict[str, set[int]] = defaultdict(set)
    entries: dict[str, set[int]] = defaultdict(set)
    offsets = (mentions[schema.TIMEX_START] - mentions[schema.CHAR_START]).fillna(-1).astype("int64").tolist()
    granularities = mentions[schema.GRANULARITY].fillna("").astype(str).tolist()
    for d, s, e, off, g, no in zip(docs, _days(mentions[schema.DATE_START]), _days(mentions[schema.DATE_END]),
                                   offsets, granularities, inferred):
        if s is not None and e == s and not no:
            named[d].add(s)
            if g == "day" and 0 <= off <= sr.entry_offset:
                entries[d].add(s)
    chronologies = {d: days for d, days in entries.items() if len(days) >= sr.chronology_entries}

    # How many articles name each day: a recent day is news only when enough of them do (salience.py).
    named_by = Counter(day for days in named.values() for day in days)

    def recent(s: int | None, e: int | None) -> bool:
        return s is not None and sr.in_last_days(e, last) and sr.recent(
            e, last, max(named_by.get(day, 0) for day in range(s, e + 1)))

    def word(d: str, p: int | None, s: int | None, e: int | None) -> float:
        """How much article `d` (published on `p`) naming the days s..e counts."""
        listed = chronologies.get(d, ())
        entry = bool(listed) and s is not None and e is not None and e - s < r.day_level_span and any(
            day in listed for day in range(s, e + 1))
        return sr.word(p, e, entry, recent(s, e))

    # The news of each day: its attention, the articles that name it, those of them that recall
    # it later, and the chronologies that list it.
    attention: dict[int, float] = defaultdict(float)
    naming: dict[int, set[str]] = defaultdict(set)
    recalling: dict[int, set[str]] = defaultdict(set)
    listing: dict[int, set[str]] = defaultdict(set)
    for d, days in named.items():
        p = published.get(d)
        for day in days:
            attention[day] += word(d, p, day, day)
            naming[day].add(d)
            if p is not None and p - day > sr.recall_after_days:
                recalling[day].add(d)
            if day in chronologies.get(d, ()):
                listing[day].add(d)
    raws, reasons = [], []
    # What depends on an event's days alone is counted once per distinct date interval (many
    # events share one); columns are read as lists (a string column iterates slowly).
    day_counts: dict[tuple[int, int], tuple[float, int, int, int]] = {}
    nothing = (0, 0, 0, 0)   # the sums and unions over no day
    starts, ends = _days(table[schema.DATE_START]), _days(table[schema.DATE_END])
    types = table[schema.EVENT_TYPE].astype(object).tolist()
    statuses = table[schema.STATUS].astype(object).tolist()
    # Reactions (salience.py): a saying whose days are those of an occurred happening of the
    # table. The events of the same days are always scored together (update_chronology_rows).
    happened = {(s, e) for s, e, t, st in zip(starts, ends, types, statuses)
                if s is not None and e - s < r.day_level_span and st == "occurred" and t in sr.happening_kinds}
    reaction_raw: dict[tuple[int, int], float] = {}   # the highest raw of a reaction on those days, unweighted
    top_happening: dict[tuple[int, int], tuple[float, str, int]] = {}   # its (raw, key, row)
    keys = table[schema.EVENT_KEY].astype(str).tolist()
    for row, (s, e, doc_ids, sources, members, event_type, status) in enumerate(zip(
            starts, ends, table[schema.DOC_IDS].tolist(), table[schema.SOURCES].tolist(),
            table[schema.MENTION_IDS].tolist(), types, statuses)):
        pubs = [published.get(d) for d in doc_ids]
        if s is not None and e - s < r.day_level_span:
            day = day_counts.get((s, e))
            if day is None:
                days = range(s, e + 1)
                day = day_counts[(s, e)] = (
                    sum(attention.get(day, 0.0) for day in days),
                    len(set().union(*(naming.get(day, ()) for day in days))),
                    len(set().union(*(recalling.get(day, ()) for day in days))),
                    len(set().union(*(listing.get(day, ()) for day in days))))
        else:
            day = nothing
        counts: dict[str, float] = {
            "articles": len(doc_ids),
            "outlets": len(sources),
            "news_of_day": sum(1 for p in pubs if p is not None and s is not None and s <= p <= e + sr.news_window_days),
            "recalls": sum(1 for p in pubs if p is not None and e is not None and p - e > sr.recall_after_days),
            "leads": len({doc_of.get(m) for m in members if m in lead_ids}),
            "attention": sum(word(d, p, s, e) for d, p in zip(doc_ids, pubs)),
            "day_attention": day[0],
            "day_articles": day[1],
            "day_recalls": day[2],
            "day_chronologies": day[3],
            "reacts": int(event_type in sr.reaction_kinds and (s, e) in happened),
            "recent": int(recent(s, e)),
        }
        raw = salience.raw_score(counts, str(event_type), str(status) != "occurred", sr)
        if counts["reacts"]:
            reaction_raw[(s, e)] = max(reaction_raw.get((s, e), 0.0), raw / sr.reaction_factor)
        elif (s, e) in happened and status == "occurred" and event_type in sr.happening_kinds:
            mine = (raw, keys[row], row)
            best = top_happening.get((s, e), mine)
            top_happening[(s, e)] = mine if (-mine[0], mine[1]) < (-best[0], best[1]) else best
        raws.append(raw)
        reasons.append(salience.reason(counts))
    # The most salient happening of those days takes the score of its reactions when that is more:
    # the articles quoting the spokesman on the suspension's day are covering the suspension, and
    # the days rank as before (their most salient event scores what it did).
    for days, lent in reaction_raw.items():
        raw, _, row = top_happening[days]
        if lent > raw:
            raws[row] = lent
            reasons[row] += "; " + salience.LENT_REASON
    out = table.copy()
    out[schema.SALIENCE] = [round(salience.squash(x, sr), 6) for x in raws]
    out[schema.SALIENCE_REASON] = pd.array(reasons, dtype="string")
    return out


# --- helpers --------------------------------------------------------------------------------------
def _last_published(docs: Iterable[str], published: dict[str, int]) -> int | None:
    """The day the last of the articles `docs` was published (what every event's last_reported
    is at most), None when no day is known."""
    days = [published[d] for d in set(docs) if d in published]
    return max(days) if days else None


def _day_spans(table: pd.DataFrame, r: merge.MergeRules) -> list[tuple[int, int] | None]:
    """Each event's days (first, last, in days since 1970) when dated to the day, else None."""
    return [(s, e) if s is not None and e is not None and e - s < r.day_level_span else None
            for s, e in zip(_days(table[schema.DATE_START]), _days(table[schema.DATE_END]))]


def _event_days(dating: list[merge.Mention]) -> tuple[int, int]:
    """The event's days: the day most mentions name, widened to the neighbouring days that at
    least half as many name (overnight talks reported on both days), and to the end of a
    multi-day mention starting on it ("a three-day round")."""
    days: dict[int, int] = {}
    for m in dating:
        days[m.start] = days.get(m.start, 0) + 1
    top_day, top = max(days.items(), key=lambda x: (x[1], -x[0]))
    start = end = top_day
    while days.get(start - 1, 0) >= top * SPAN_SHARE and days.get(start - 1, 0) > 0:
        start -= 1
    while days.get(end + 1, 0) >= top * SPAN_SHARE and days.get(end + 1, 0) > 0:
        end += 1
    end = max([end] + [m.end for m in dating if start <= m.start <= end])
    return start, end


def _full_names(actors: list[str]) -> dict[str, str]:
    """One person, one name across articles: a surname alone ("Annan", from an article that
    never gave the full name) is the one person of the event named in full ("Kofi Annan"), when
    no other of its actors has that surname. Maps each such surname to the full name. Names the
    gazetteer knows as states or organisations are never surnames ("Sudan" of "South Sudan")."""
    singles = [a for a in actors if " " not in a]
    if not singles or len(singles) == len(actors):
        return {}
    known = actor_gazetteer().actors
    by_surname: dict[str, list[str]] = {}
    for name in actors:
        actor = known.get(name)
        if " " in name and (actor is None or actor.kind == "person"):
            surname = actor_gazetteer().surnames.get(name) or name.rsplit(" ", 1)[1]
            by_surname.setdefault(surname, []).append(name)
    return {a: by_surname[a][0] for a in singles
            if len(by_surname.get(a, ())) == 1 and (a not in known or known[a].kind == "person")}


def _ordered(sets: list[frozenset[str]]) -> list[str]:
    counts: dict[str, float] = {}
    for i, s in enumerate(sets):
        for x in s:
            counts[x] = counts.get(x, 0) + (1 if i else 0.5)  # the representative's names first on ties
    return [x for x, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _touched_days(new_mentions: pd.DataFrame, r: merge.MergeRules) -> list[tuple[int, int]]:
    out = []
    for s, e in zip(_days(new_mentions[schema.DATE_START]), _days(new_mentions[schema.DATE_END])):
        if s is None:
            continue
        if e - s < r.day_level_span:
            out.append((s - r.days_apart, e + r.days_apart))
        else:
            out.append((s, e))
    return out


def _days(values: pd.Series) -> list[int | None]:
    """Days since 1970 of a datetime column; None for missing values."""
    arr = values.to_numpy(dtype="datetime64[D]")
    missing = np.isnat(arr).tolist()
    days = arr.astype("int64").tolist()
    return [None if miss else d for d, miss in zip(days, missing)]


def _latest_day(values: pd.Series) -> int | None:
    days = [d for d in _days(values) if d is not None]
    return max(days) if days else None


def _day(value: object) -> int | None:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return None
    return int((pd.Timestamp(value).normalize() - _EPOCH).days)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=100_000)
def _iso(day: int) -> str:
    """"2016-02-03" of a day number (cached: a corpus names few distinct days)."""
    return str(np.datetime64(int(day), "D"))


def _publication_days(mentions: pd.DataFrame, documents: pd.DataFrame | None) -> dict[str, int]:
    """doc_id -> publication day (days since 1970): from the documents table when given, else
    from how the article's relative dates were resolved, else its latest day-level date that it
    reports as past."""
    out: dict[str, int] = {}
    if documents is not None and not documents.empty and schema.PUBLISHED in documents.columns:
        for doc, day in zip(documents[schema.DOC_ID].astype(str), _days(pd.to_datetime(documents[schema.PUBLISHED]))):
            if day is not None:
                out[doc] = day
    missing = mentions[~mentions[schema.DOC_ID].astype(str).isin(out)]
    if missing.empty:
        return out
    # Every rule that names the publication day names the same day: the first one is enough.
    for doc, rule in zip(missing[schema.DOC_ID].astype(str).tolist(), missing[schema.DATE_RULE].tolist()):
        if doc in out or not isinstance(rule, str) or "publication" not in rule:
            continue
        found = _PUBLICATION_RE.search(rule)
        if found:
            out[doc] = int((np.datetime64(found.group(1), "D") - np.datetime64("1970-01-01", "D")).astype(int))
    rest = missing[~missing[schema.DOC_ID].astype(str).isin(out)]
    if not rest.empty:
        past = rest[(rest[schema.STATUS] == "occurred")
                    & ((rest[schema.DATE_END] - rest[schema.DATE_START]).dt.days < 1)]
        for doc, day in past.groupby(schema.DOC_ID)[schema.DATE_END].max().items():
            if pd.notna(day):
                out[str(doc)] = _day(day)  # type: ignore[assignment]
    return out
