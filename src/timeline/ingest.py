"""Put articles into the event store: extract their events and add both, once.

The dashboard's upload and paste forms and its first start (seeding an empty store from the
bundled corpus) go through here, so they behave alike.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import MissingPublicationDate

if TYPE_CHECKING:
    from timeline.documents import Document
    from timeline.store import EventStore


@dataclass(frozen=True)
class AddResult:
    """What happened to one article: `added` is False when the store already held it."""

    doc_id: str
    title: str
    added: bool
    event_count: int


def read_upload(data: bytes, name: str, fallback_published: dt.date | None = None) -> Document:
    """An uploaded file as a Document, dated by its own metadata (front matter, HTML meta)
    when it has one, else by `fallback_published`; MissingPublicationDate when neither."""
    from timeline.documents import document_from_bytes

    try:
        return document_from_bytes(data, name)
    except MissingPublicationDate:
        if fallback_published is None:
            raise
        return document_from_bytes(data, name, published=fallback_published)


def add_document(store: EventStore, document: Document) -> AddResult:
    """Extract `document`'s events and store both; an article already stored is left alone."""
    from timeline.events import extract_document

    events = extract_document(document)
    added = store.add(document, events)
    title = document.title or document.doc_id
    return AddResult(document.doc_id, title, added, len(events) if added else 0)


def seed_store(store: EventStore, folder: str | Path) -> list[AddResult]:
    """Fill an empty store with the articles of `folder`; a store with articles is untouched."""
    from timeline.documents import load_corpus

    if not store.is_empty():
        return []
    return [add_document(store, document) for document in load_corpus(folder)]
