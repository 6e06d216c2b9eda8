"""The dashboard's data: the event store (seeded from the bundled corpus on first start) and
its two tables, cached so that reruns do not re-read Parquet.

The tables are cached under a fingerprint of the store's files, so an article added in one
session (or by the CLI) shows in every session on its next rerun.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from timeline import schema
from timeline.corpus.ingest import seed_store
from timeline.corpus.store import ENV_VAR, EventStore


@dataclass(frozen=True)
class Corpus:
    """Everything the views show: all events, all documents, and where they are stored."""

    events: pd.DataFrame
    documents: pd.DataFrame
    store_path: str

    def document(self, doc_id: str) -> pd.Series | None:
        """The documents-table row of `doc_id`, or None."""
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
    """The store at `path`; on the very first start (empty store) filled from `seeds`."""
    store = EventStore(path)
    seed_store(store, seeds)
    return store


def _fingerprint(path: str) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of the store's files: changes when it is written."""
    found = []
    for folder, _dirs, files in os.walk(path):
        for name in files:
            try:
                stat = os.stat(os.path.join(folder, name))
            except FileNotFoundError:  # a temporary file of a write in progress
                continue
            found.append((os.path.join(folder, name), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


@st.cache_data(show_spinner=False, max_entries=8)
def _read_tables(path: str, fingerprint: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    # `fingerprint` is part of the cache key only: a written store is read again.
    store = EventStore(path)
    events = store.events().sort_values([schema.DATE_START, schema.DOC_ID, schema.CHAR_START],
                                        kind="stable")
    return events.reset_index(drop=True), store.documents()


def load_corpus(root: Path) -> Corpus:
    """The corpus the dashboard shows, from its store (seeded on first start)."""
    path = store_path(root)
    seeded_store(path, str(root / "seeds"))
    events, documents = _read_tables(path, _fingerprint(path))
    return Corpus(events=events, documents=documents, store_path=path)
