"""The dashboard's data: the event store (seeded from the bundled corpus on first start) and
what the views read from it.

- One `EventStore` per server process (it is thread-safe), opened, refreshed and seeded once;
  a read-only store is shown as it is, with a note, and nothing tries to write to it.
- The mentions and the article list (without the articles' texts) are cached under the
  store's version, so an article added in one session or by `timeline ingest` in another
  terminal shows in every session on its next rerun; reading never takes the writer lock.
- An article's text is read when its evidence is shown (`Corpus.document`), one at a time.
- `Corpus.store` answers filtered, aggregated and paged queries (`mentions`, `count_mentions`,
  `facet_values`, `mention_counts`) for views that ask for what they show.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from timeline import schema
from timeline.corpus.ingest import repair_store, seed_store
from timeline.corpus.store import ENV_VAR, EventStore
from timeline.ui.errors import as_plain_markdown


@dataclass(frozen=True)
class Corpus:
    """What the views show: every mention, the article list (titles, sources, dates; no
    texts), the store they come from, and notes about it (read-only, damage found)."""

    events: pd.DataFrame
    documents: pd.DataFrame
    store_path: str
    store: EventStore | None = field(default=None, compare=False, repr=False)
    notes: tuple[str, ...] = ()

    @property
    def writable(self) -> bool:
        return self.store is None or self.store.writable

    def document(self, doc_id: str) -> pd.Series | None:
        """The documents-table row of `doc_id` with its text (read for this one article),
        or None."""
        if self.store is not None:
            return self.store.document(doc_id)
        rows = self.documents[self.documents[schema.DOC_ID] == doc_id]
        return None if rows.empty else rows.iloc[0]

    def titles(self) -> dict[str, str]:
        """doc_id -> title (the doc_id where the article has none)."""
        titles = self.documents[schema.TITLE].fillna(self.documents[schema.DOC_ID])
        return dict(zip(self.documents[schema.DOC_ID], titles))


def store_path(root: Path) -> str:
    """The store the dashboard uses: $TIMELINE_STORE, else data/store/ beside app.py."""
    return os.environ.get(ENV_VAR, "").strip() or str(root / "data" / "store")


@st.cache_resource(show_spinner="Reading the bundled articles for the first time…")
def seeded_store(path: str, seeds: str) -> EventStore:
    """The store at `path`, shared by every session of this server: on the very first start
    (a store never written) filled from `seeds`; mentions made by older rules are extracted
    again. A read-only store is opened as it is."""
    store = EventStore(path)
    seed_store(store, seeds)
    return store


@st.cache_data(show_spinner=False, max_entries=4)
def _read_tables(path: str, seeds: str, version: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    # `version` is part of the cache key only: a store written since is read again.
    store = seeded_store(path, seeds)
    events = store.mentions()  # sorted by date, article and position in the store
    return events, store.documents()  # the listing leaves the texts out


def _notes(store: EventStore) -> tuple[str, ...]:
    notes = []
    if not store.writable:
        notes.append(f"The store at {store.path} is read-only: it is shown as it is, and "
                     "articles cannot be added here.")
    notes += [n for n in (*store.damage(), *store.notices) if n not in notes]
    return tuple(notes)


def load_corpus(root: Path) -> Corpus:
    """The corpus the dashboard shows, from its store (seeded on first start)."""
    path, seeds = store_path(root), str(root / "seeds")
    store = seeded_store(path, seeds)
    if store.writable and store.needs_rebuild():  # damage found since the server started
        repair_store(store)
    events, documents = _read_tables(path, seeds, store.version())
    corpus = Corpus(events=events, documents=documents, store_path=path, store=store,
                    notes=_notes(store))
    for note in corpus.notes:
        st.sidebar.warning(as_plain_markdown(note))
    return corpus
