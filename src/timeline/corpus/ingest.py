"""Put articles into the event store: extract their events and add both, once.

The dashboard's upload and paste forms and its first start (seeding an empty store from the
bundled corpus) go through here, so they behave alike.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.errors import DocumentError, MissingPublicationDate

if TYPE_CHECKING:
    import pandas as pd

    from timeline.documents import Document
    from timeline.corpus.store import EventStore


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
    """Extract `document`'s events and store both; an article already stored is left alone.
    Another article already stored under the same doc_id (two uploads both named
    "article.txt", even at the same moment from two sessions) is kept apart by a doc_id
    suffixed with the start of the content hash: the check and the write happen together,
    under the store's writer lock."""
    from timeline.extract.events import extract_document

    title = document.title or document.doc_id
    if store.contains(document.content_hash):
        return AddResult(document.doc_id, title, False, 0)
    events = extract_document(document)  # outside the lock: extraction is the slow part
    (added,) = store.add_many([(document, events)], extractor=extractor_fingerprint())
    doc_id = store.doc_ids_of([document.content_hash]).get(document.content_hash,
                                                           document.doc_id)
    return AddResult(doc_id, title, added, len(events) if added else 0)


@dataclass(frozen=True)
class Seeding:
    """What `seed_store` did: the articles it added, and the files of the folder it could not
    read (each DocumentError names its file and why), for the caller to show."""

    added: list[AddResult]
    problems: list[DocumentError]


def seed_store(store: EventStore, folder: str | Path) -> Seeding:
    """Fill a store that was never written with the articles of `folder`; a store that holds
    or held articles is not seeded (emptied by its user, or damaged: seeding would hide
    that). Before that, its mentions are made again if the extraction rules changed, and
    rebuilt if a damaged file lost some. A read-only store is left as it is. A file of the
    folder that is not an article does not stop the others: it is one of the `problems`."""
    from timeline.documents import load_corpus

    if not store.writable:
        return Seeding([], [])
    refresh_store(store)
    repair_store(store)
    if not store.is_new():
        return Seeding([], [])
    contents = load_corpus(folder)
    return Seeding([add_document(store, document) for document in contents.documents],
                   contents.problems)


def repair_store(store: EventStore) -> str | None:
    """Rebuild the mentions a damaged store file lost, from the stored article texts (the
    store itself imports no extraction code). Returns what was rebuilt, or None."""
    if not store.writable or not store.needs_rebuild():
        return None
    return store.rebuild_mentions(_extract_documents)


def _extract_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """The mentions of a documents table's articles (with their texts), extracted again."""
    import pandas as pd

    from timeline import schema
    from timeline.extract.events import extract_document

    frames = [extract_document(_stored_document(row)) for row in documents.to_dict("records")]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else schema.empty_events()


# What extraction is made of: the layers under the corpus (code) and the rule files they read.
# The corpus, views and face can change (a new query, a merge rule) without a stored mention
# going stale: re-extracting a million mentions because a SQL string moved would cost minutes.
# searchfold.py is one of them: the actors' reader folds names with it (without_accents,
# one_spelling_per_name), though it sits beside the search it was written for.
_EXTRACTION_CODE = ("temporal", "extract", "documents.py", "schema.py", "datafiles.py", "errors.py",
                    "searchfold.py")
# Rule files of the layers above extraction (merging, curation, charts, search).
_NOT_EXTRACTION_RULES = ("chronology", "reference", "chart_style.yaml", "curation.yaml",
                         "search_variants.yaml")


def extraction_files() -> list[Path]:
    """The files whose content decides what `extract_events` returns, relative to the package:
    the extraction layers' code and the rule files they read."""
    package = Path(__file__).resolve().parent.parent
    files = []
    for file in sorted(package.rglob("*")):
        relative = file.relative_to(package)
        if file.suffix not in (".py", ".yaml") or "__pycache__" in relative.parts:
            continue
        top = relative.parts[0]
        if top == "resources":
            if len(relative.parts) > 1 and relative.parts[1] in _NOT_EXTRACTION_RULES:
                continue
        elif top not in _EXTRACTION_CODE:
            continue
        files.append(relative)
    return files


@functools.cache
def extractor_fingerprint() -> str:
    """A hash of the extraction code and its rule files: stored events made by other rules
    are stale. Computed once per process (a few dozen small files)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for relative in extraction_files():
        digest.update(str(relative).encode() + b"\0" + (package / relative).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def rules_changed(store: EventStore) -> bool:
    """True when a writable store holds mentions made by other extraction rules than this
    version's, which `refresh_store` would make again (a store never extracted, or read-only,
    is not out of date)."""
    recorded = store.extractor()
    return (store.writable and recorded is not None and recorded != extractor_fingerprint()
            and store.count_mentions() > 0)


def refresh_store(store: EventStore) -> int:
    """Extract the stored articles again when the rules that made their events have changed
    since (after an upgrade, or after editing a gazetteer): the store keeps each article's
    text, so nothing needs uploading again. Articles are read a segment at a time. Returns
    how many articles were re-extracted (0 for a read-only store, which is shown as it is)."""
    from timeline import schema

    current = extractor_fingerprint()
    if not store.writable or store.extractor() == current:
        return 0
    count = 0
    for documents in store.iter_documents():
        store.replace_events(_extract_documents(documents), current,
                             doc_ids=documents[schema.DOC_ID])
        count += len(documents)
    if count == 0:
        store.replace_events(schema.empty_events(), current, doc_ids=[])
    return count


def _stored_document(row: dict) -> Document:
    """The Document a documents-table row was made from (its text is the extracted text)."""
    import pandas as pd

    from timeline import schema
    from timeline.documents import SUFFIX_FORMATS, Document

    def optional(value: object) -> str | None:
        return None if value is None or pd.isna(value) else str(value)

    path = optional(row[schema.PATH])
    published = row[schema.PUBLISHED]
    return Document(
        doc_id=str(row[schema.DOC_ID]), title=optional(row[schema.TITLE]),
        source=optional(row[schema.SOURCE]),
        published=None if pd.isna(published) else pd.Timestamp(published).date(),
        text=str(row[schema.TEXT]), path=path, content_hash=str(row[schema.CONTENT_HASH]),
        format=SUFFIX_FORMATS.get(Path(path).suffix.lower(), "text") if path else "text",
    )
