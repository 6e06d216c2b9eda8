"""The dashboard's data: the event store (seeded from the bundled corpus on first start) and
the questions the views ask it.

- One `EventStore` per server process (it is thread-safe), opened, refreshed and seeded once;
  a read-only store is shown as it is, with a note, and nothing tries to write to it.
- Views ask for what they show: the sidebar's filters become a `MentionQuery` that DuckDB
  evaluates (`Corpus.query`), and each view reads a count, a page, an aggregate or the most
  salient events of the chronology under it. No view holds every mention: the server's
  memory does not grow with the store's mentions.
- What is cached is keyed by the store's version (an article added in one session or by
  `timeline ingest` in another terminal shows in every session on its next rerun) and bounded:
  the article list (without texts), the filter options, counts, and the curated rows of the
  events the user's edits touch.
- An article's text is read when its evidence is shown (`Corpus.document`), one at a time.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from timeline import schema
from timeline.corpus.curation import Curation, curate, edit_footprint
from timeline.corpus.ingest import repair_store, seed_store
from timeline.corpus.query import MentionQuery
from timeline.corpus.store import ENV_VAR, EventStore
from timeline.corpus.sync import read_only_lag, sync_chronology
from timeline.present import evidence
from timeline.present.charts.story import chronology_for_mentions, key_event_order
from timeline.present.filters import EventFilter, Facets, search_key, spelling_variants
from timeline.searchfold import one_spelling_per_name
from timeline.ui.errors import as_plain_markdown

# A store without a stored chronology (read-only, made before there was one) gets one merged
# from its mentions only up to this size; beyond, the mentions view is shown.
MAX_MERGED_MENTIONS = 50_000


@dataclass(frozen=True)
class Corpus:
    """What the views read: the article list (titles, sources, dates; no texts), the store
    they ask for mentions and events, and notes about it (read-only, damage found).

    `chronology` is a chronology table given as it is (tests, a hand-made one); without it the
    views read the store's chronology in SQL with the user's corrections laid over it:
    `curated` holds the curated rows of the events the edits touch and `replaced` the stored
    keys those rows stand for. `hidden` and `deleted` are the mentions and articles the user
    removed: every mention query leaves them out.
    """

    documents: pd.DataFrame
    store_path: str
    store: EventStore | None = field(default=None, compare=False, repr=False)
    notes: tuple[str, ...] = ()
    chronology: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    curation: Curation | None = field(default=None, compare=False, repr=False)
    curated: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    replaced: frozenset[str] = frozenset()
    hidden: frozenset[str] = frozenset()
    deleted: frozenset[str] = frozenset()

    @property
    def writable(self) -> bool:
        return self.store is None or self.store.writable

    @property
    def version(self) -> tuple:
        return self.store.version() if self.store is not None else ()

    @property
    def events(self) -> pd.DataFrame:
        """Every mention (the removed ones left out), read from the store when asked. For
        tests and small tools: the dashboard's views never read it."""
        if self.store is None:
            return schema.empty_events()
        return self.store.mentions(self.query())

    def query(self, flt: EventFilter | None = None) -> MentionQuery:
        """The mentions `flt` lets through, as a query the store evaluates (the same
        semantics as `EventFilter.apply`, search folding included), without the mentions the
        user hid and the articles they deleted."""
        flt = flt or EventFilter()
        needle = search_key(flt.query) if flt.query else ""
        actors = flt.actors
        if actors and self.store is not None:
            # A name chosen finds its other spellings too ("José Ramos" finds "Jose Ramos").
            _STORES.setdefault(self.store_path, self.store)
            written = _spellings(self.store_path, self.version)[1]
            actors = tuple(dict.fromkeys(w for a in actors for w in written.get(a, (a,))))
        return MentionQuery(
            actors=actors, event_types=flt.event_types, statuses=flt.statuses,
            doc_ids=flt.doc_ids, date_from=flt.date_from, date_to=flt.date_to,
            search=needle, variants=spelling_variants() if needle else (),
            hidden_ids=tuple(sorted(self.hidden)), deleted_docs=tuple(sorted(self.deleted)))

    def mentions(self, where: MentionQuery, **kwargs: object) -> pd.DataFrame:
        """A page of the mentions matching `where` (see EventStore.mentions)."""
        return self.store.mentions(where, **kwargs)  # type: ignore[arg-type, union-attr]

    def count(self, where: MentionQuery) -> int:
        """How many mentions match `where` (cached per store version)."""
        _STORES.setdefault(self.store_path, self.store)
        return _count(self.store_path, self.version, where)

    def document(self, doc_id: str) -> pd.Series | None:
        """The documents-table row of `doc_id` with its text (read for this one article),
        or None."""
        if self.store is not None:
            return self.store.document(doc_id)
        rows = self.documents[self.documents[schema.DOC_ID] == doc_id]
        return None if rows.empty else rows.iloc[0]

    def documents_by_id(self, doc_ids: Iterable[str]) -> dict[str, pd.Series]:
        """doc_id -> documents-table row with its text, for the stored articles among
        `doc_ids`, read together (one query, not one per article)."""
        wanted = {str(d) for d in doc_ids}
        if self.store is not None:
            rows = self.store.documents_with_text(wanted)
        else:
            rows = self.documents[self.documents[schema.DOC_ID].isin(wanted)]
        return {str(row[schema.DOC_ID]): row for _, row in rows.iterrows()}

    def titles(self) -> dict[str, str]:
        """doc_id -> title (the doc_id where the article has none). Do not modify: shared."""
        return _titles(self.store_path, self.version, self.documents)

    # The chronology ---------------------------------------------------------------------------

    @property
    def has_chronology(self) -> bool:
        return self.chronology is not None or (
            self.store is not None and _stored_chronology_size(self.store_path, self.version) > 0)

    def events_count(self, where: MentionQuery | None = None) -> int:
        """How many events of the (curated) chronology hold a mention matching `where`."""
        if self.chronology is not None:
            return len(self._given(where))
        where = None if where is None or where.is_empty else where
        stored = _chronology_count(self.store_path, self.version, where, self.replaced)
        return stored + len(self._curated_under(where))

    def events_top(self, where: MentionQuery | None, limit: int) -> pd.DataFrame:
        """The `limit` most salient dated events under `where` (see key_event_order)."""
        return self.events_top_and_count(where, limit)[0]

    def events_top_and_count(self, where: MentionQuery | None, limit: int) -> tuple[pd.DataFrame, int]:
        """`events_top(where, limit)` and `events_count(where)`, from one pass over a store's
        mentions (a filter change on a big store costs one join, not two)."""
        return self.events_top_and_counts(where, limit)[:2]

    def events_top_and_counts(self, where: MentionQuery | None,
                              limit: int) -> tuple[pd.DataFrame, int, int]:
        """`events_top_and_count(where, limit)` and how many mentions match `where` (as
        `count(where)`), the three from the store's one pass when it can give them."""
        if self.chronology is not None:
            given = self._given(where)
            table = given[given[schema.DATE_START].notna()].reset_index(drop=True)
            top = table.iloc[np.sort(key_event_order(table)[:limit])].reset_index(drop=True)
            return top, len(given), self.count(where or self.query())
        where = None if where is None or where.is_empty else where
        top, events, mentions = _top(self.store_path, self.version, where, limit, self)
        return top, events, self.count(where or self.query()) if mentions is None else mentions

    def _top(self, where: MentionQuery | None, limit: int) -> tuple[pd.DataFrame, int, int | None]:
        ranked = self.store.ranked_under(where, exclude_keys=self.replaced, limit=limit)
        stored, total = ranked.rows, ranked.events
        # the hidden mentions and deleted articles are in `where` (see query), so the
        # store's count of matching mentions is the views' count
        extra = self._curated_under(where)
        total += len(extra)
        extra = extra[extra[schema.DATE_START].notna()]
        if extra.empty:
            return stored, total, ranked.mentions
        both = pd.concat([stored, extra], ignore_index=True)
        return (both.iloc[np.sort(key_event_order(both)[:limit])].reset_index(drop=True), total,
                ranked.mentions)

    def event(self, key: str, where: MentionQuery | None = None) -> pd.Series | None:
        """The (curated) chronology row of the event `key` when it holds a mention matching
        `where`, else None: one event named by a link or chosen in a search, read alone."""
        if self.chronology is not None:
            table = self._given(where)
            hit = table[table[schema.EVENT_KEY] == key]
            return hit.iloc[0] if len(hit) else None
        curated = self.curated
        if curated is not None and key in set(curated[schema.EVENT_KEY]):
            rows = curated[curated[schema.EVENT_KEY] == key]
        elif key in self.replaced or self.store is None:
            return None
        else:
            rows = self.store.chronology_touching(keys=[key])
        if rows.empty:
            return None
        row = rows.iloc[0]
        if where is not None and not where.is_empty:
            members = tuple(sorted(schema.as_str_list(row[schema.MENTION_IDS])))
            if not members or not self.store.count_mentions(  # type: ignore[union-attr]
                    dataclasses.replace(where, event_ids=members)):
                return None
        return row

    def events_all(self, where: MentionQuery | None = None,
                   limit: int | None = None) -> pd.DataFrame:
        """The events under `where` (the first `limit` stored, and the curated ones): for an
        export the user asked for."""
        if self.chronology is not None:
            return self._given(where).iloc[:limit]
        where = None if where is None or where.is_empty else where
        stored = self.store.chronology(where, exclude_keys=self.replaced, limit=limit)
        extra = self._curated_under(where)
        return stored if extra.empty else pd.concat([stored, extra], ignore_index=True)

    def _given(self, where: MentionQuery | None) -> pd.DataFrame:
        table = self.chronology
        if where is None or where.is_empty:
            return table
        ids = self.mentions(where, columns=[schema.EVENT_ID], order_by=())[schema.EVENT_ID]
        return chronology_for_mentions(table, ids)

    def _curated_under(self, where: MentionQuery | None) -> pd.DataFrame:
        rows = self.curated
        if rows is None or rows.empty:
            return schema.empty_chronology()
        if where is None:
            return rows
        held = {m for cell in rows[schema.MENTION_IDS] for m in schema.as_str_list(cell)}
        ids = self.store.mentions(dataclasses.replace(where, event_ids=tuple(sorted(held))),
                                  columns=[schema.EVENT_ID], order_by=())[schema.EVENT_ID]
        return chronology_for_mentions(rows, ids)


def store_path(root: Path) -> str:
    """The store the dashboard uses: $TIMELINE_STORE, else data/store/ beside app.py."""
    return os.environ.get(ENV_VAR, "").strip() or str(root / "data" / "store")


@st.cache_resource(show_spinner="Reading the bundled articles for the first time…")
def seeded_store(path: str, seeds: str) -> EventStore:
    """The store at `path`, shared by every session of this server: on the very first start
    (a store never written) filled from `seeds`; mentions made by older rules are extracted
    again. A read-only store is opened as it is. A seed file that is not an article is left
    out and listed in the sidebar's notes."""
    store = EventStore(path)
    seeding = seed_store(store, seeds)
    store.notices.extend(f"{problem.path} was not loaded: {problem.reason}"
                         for problem in seeding.problems)
    # A filter on one actor or on event types is then answered from memory (made in the
    # background, again after each write; SQL meanwhile): the commonest filter change.
    store.prepare_facet_index()
    # The actor and place gazetteers of the evidence cards, built beside the facet index (the
    # first card shown would otherwise wait ~3 s for them; extraction runs in worker processes).
    evidence.prepare()
    return store


# Caches: st.cache_resource hands every session the same object (no copy per rerun); what they
# hold is never modified. Keyed by the store's path and version.

@st.cache_resource(show_spinner=False, max_entries=4)
def _documents(path: str, version: tuple) -> pd.DataFrame:
    return _STORES[path].documents()  # the listing leaves the texts out


@st.cache_resource(show_spinner=False, max_entries=4)
def _titles(path: str, version: tuple, _documents: pd.DataFrame) -> dict[str, str]:
    titles = _documents[schema.TITLE].fillna(_documents[schema.DOC_ID])
    return dict(zip(_documents[schema.DOC_ID], titles))


@st.cache_resource(show_spinner=False, max_entries=64)
def _count(path: str, version: tuple, where: MentionQuery) -> int:
    return _STORES[path].count_mentions(where)


@st.cache_resource(show_spinner=False, max_entries=64)
def _chronology_count(path: str, version: tuple, where: MentionQuery | None,
                      replaced: frozenset[str]) -> int:
    return _STORES[path].count_chronology(where, exclude_keys=replaced)


@st.cache_resource(show_spinner=False, max_entries=16)
def _top(path: str, version: tuple, where: MentionQuery | None, limit: int,
         _corpus: Corpus) -> tuple[pd.DataFrame, int, int | None]:
    """The most salient events under `where` (a few thousand rows: what the story draws), how
    many events it holds and how many mentions match it (None for every mention), shared by
    the sessions until the store changes. Never modified by its readers."""
    return _corpus._top(where, limit)


@st.cache_resource(show_spinner=False, max_entries=4)
def _stored_chronology_size(path: str, version: tuple) -> int:
    return _STORES[path].count_chronology()


@st.cache_resource(show_spinner=False, max_entries=4)
def facets(path: str, version: tuple, where: MentionQuery) -> Facets:
    """The filter options under `where` (the removed mentions left out), from SQL aggregates:
    actors and event types most frequent first, statuses present, articles in order of
    their first dated mention, the dates' span."""
    store = _STORES[path]
    spelling = _spellings(path, version)[0]
    actors = _actor_counts(path, version, where)
    if spelling:   # one entry per person whatever the accents an article kept ("José Ramos", "Jose Ramos")
        actors = actors.assign(value=[spelling.get(a, a) for a in actors["value"].astype(str)])
        actors = actors.groupby("value", as_index=False)["n"].sum().sort_values(["n", "value"], ascending=[False, True])
    types = store.facet_values(schema.EVENT_TYPE, where)
    statuses = set(store.facet_values(schema.STATUS, where)["value"].astype(str))
    low, high = store.date_span(where)
    return Facets(
        actors=tuple(actors["value"].astype(str)),
        actor_counts=tuple(int(n) for n in actors["n"]),
        event_types=tuple(types["value"].astype(str)),
        statuses=tuple(s for s in schema.STATUSES if s in statuses),
        doc_ids=tuple(store.doc_ids_by_date(where)),
        date_min=None if low is None else low.date(),
        date_max=None if high is None else high.date(),
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def _actor_counts(path: str, version: tuple, where: MentionQuery) -> pd.DataFrame:
    """Each actor name of the mentions under `where` with how many mentions name it (one SQL
    aggregate, shared by the facets and the spellings: the dashboard's first, unfiltered
    facets and the spellings read it once). Never modified by its readers."""
    return _STORES[path].facet_values(schema.ACTORS, where)


@st.cache_resource(show_spinner=False, max_entries=4)
def _spellings(path: str, version: tuple) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The one spelling of each stored actor name (searchfold.one_spelling_per_name, over every
    name the store holds, so a filter keeps its choice) and, for each spelling, the names written
    so: only the names that have another spelling are listed. Once per store version: costs the
    distinct names, not the mentions."""
    names = _actor_counts(path, version, MentionQuery())["value"].astype(str)
    spelling = {a: s for a, s in one_spelling_per_name(names).items() if a != s}
    written: dict[str, list[str]] = {}
    for name, chosen in spelling.items():
        written.setdefault(chosen, [chosen]).append(name)
    return spelling, {k: tuple(v) for k, v in written.items()}


# The stores opened by this process, by path (the cached functions above take the path as
# their key, not the store object, which cannot be hashed).
_STORES: dict[str, EventStore] = {}


def _notes(store: EventStore) -> tuple[str, ...]:
    notes = []
    if not store.writable:
        notes.append(f"The store at {store.path} is read-only: it is shown as it is, and "
                     "articles cannot be added here.")
        lag = _lag_note(str(store.path), store.version())
        if lag is not None:
            notes.append(lag[0].upper() + lag[1:])
    notes += [n for n in (*store.damage(), *store.notices) if n not in notes]
    return tuple(notes)


@st.cache_data(show_spinner=False, max_entries=4)
def _lag_note(path: str, version: tuple) -> str | None:
    """What of a read-only store is out of date and how to refresh it (sync.read_only_lag: at
    most two counts in SQL), once per store version, not on every rerun."""
    return read_only_lag(_STORES[path]).note(Path(path))


@st.cache_data(show_spinner="Merging the new articles into the chronology…", max_entries=8)
def _synced(path: str, seeds: str, version: tuple) -> str:
    """Bring the stored chronology in step with the stored mentions, once per store version
    (an article added by this dashboard, another session or `timeline ingest`); in step, it
    costs two counts in SQL."""
    return sync_chronology(seeded_store(path, seeds)).action


@dataclass(frozen=True)
class _Replay:
    curation: Curation | None
    curated: pd.DataFrame | None
    replaced: frozenset[str]


@st.cache_resource(show_spinner=False, max_entries=4)
def _replayed(path: str, version: tuple) -> _Replay:
    """The user's edits replayed over the stored events they touch, given the mentions of
    those events and of the articles they name: the cost is the edits', not the store's."""
    store = _STORES[path]
    edits = store.edits()
    if edits.empty:
        return _Replay(None, None, frozenset())
    footprint = edit_footprint(edits)
    touched = store.chronology_touching(footprint.keys, footprint.mention_ids,
                                        footprint.doc_ids)
    held = {m for cell in touched[schema.MENTION_IDS] for m in schema.as_str_list(cell)}
    held |= footprint.mention_ids
    docs = set(footprint.doc_ids)
    parts = [store.mentions(MentionQuery(event_ids=tuple(sorted(held))))] if held else []
    if docs:
        parts.append(store.mentions(MentionQuery(doc_ids=tuple(sorted(docs)))))
    mentions = (pd.concat(parts, ignore_index=True).drop_duplicates(schema.EVENT_ID)
                if parts else schema.empty_events())
    documents = store.documents()
    documents = documents[documents[schema.DOC_ID].isin(
        set(mentions[schema.DOC_ID].dropna()) | docs)]
    replay = curate(touched, edits, mentions, documents)
    return _Replay(replay, replay.chronology,
                   frozenset(touched[schema.EVENT_KEY].dropna().astype(str)))


@st.cache_resource(show_spinner="Putting the mentions together into events…", max_entries=2)
def _merged(path: str, version: tuple) -> pd.DataFrame | None:
    """A chronology merged from the mentions, for a store that holds none (read-only, made
    before there was one), when it is small enough; None otherwise."""
    from timeline.corpus.chronology import chronology

    store = _STORES[path]
    if store.count_mentions() > MAX_MERGED_MENTIONS:
        return None
    mentions = store.mentions()
    return chronology(mentions, store.documents()) if len(mentions) else None


def load_corpus(root: Path) -> Corpus:
    """The corpus the dashboard shows, from its store (seeded on first start), with the
    user's corrections (the edits log) laid over the chronology and the mentions."""
    path, seeds = store_path(root), str(root / "seeds")
    store = seeded_store(path, seeds)
    _STORES[path] = store
    if store.writable and store.needs_rebuild():  # damage found since the server started
        repair_store(store)
    if store.writable:
        _synced(path, seeds, store.version())
    version = store.version()
    documents = _documents(path, version)
    replay = _replayed(path, version)
    hidden: frozenset[str] = frozenset()
    deleted: frozenset[str] = frozenset()
    if replay.curation is not None:
        hidden, deleted = replay.curation.hidden_mentions, replay.curation.deleted_articles
        if deleted:
            documents = documents[~documents[schema.DOC_ID].isin(deleted)]
    given = None
    if _stored_chronology_size(path, version) == 0:
        given = _merged(path, version)
    corpus = Corpus(documents=documents, store_path=path, store=store, notes=_notes(store),
                    chronology=given, curation=replay.curation, curated=replay.curated,
                    replaced=replay.replaced, hidden=hidden, deleted=deleted)
    for note in corpus.notes:
        st.sidebar.warning(as_plain_markdown(note))
    return corpus
