"""Large corpora for benchmarks, made from the repository's own articles.

The seed articles and the test articles (tests/articles/*.txt) are extracted once; copy `k`
of an article gets a new doc_id and event ids, a text with one line added at its end (so a
new content hash; the offsets of the mentions stay right) and dates shifted by `k` weeks
(wrapped over about twenty years), and its mention rows are the original's, shifted, not
extracted again. Nothing random: copy `k` is always the same article.

    from corpus_factory import base_articles, copies, fill_store
    base = base_articles()                 # [(Document, mentions)], extracted once
    fill_store(EventStore(path), base, 0, 10_000)   # copies 0..9,999, in batches

Used by bench/bench_store.py; other benchmarks (the dashboard's) can reuse it.
"""
from __future__ import annotations

import dataclasses
import pathlib

import pandas as pd

from timeline import schema
from timeline.documents import Document, content_hash, load_corpus

REPO = pathlib.Path(__file__).resolve().parents[1]
FOLDERS = (REPO / "seeds", REPO / "tests" / "articles")
WRAP_WEEKS = 52 * 20

Article = tuple[Document, pd.DataFrame]


def base_articles() -> list[Article]:
    """The repository's articles with their mentions, each extracted once."""
    from timeline.extract.events import extract_document

    documents = []
    for folder in FOLDERS:
        contents = load_corpus(folder)
        if contents.problems:  # a measurement over fewer articles than it says would mislead
            raise contents.problems[0]
        documents += contents.documents
    return [(d, extract_document(d)) for d in documents]


def copy_of(article: Article, k: int) -> Article:
    """Copy `k` of an article: new ids, a distinct text, dates `k` weeks later (wrapped)."""
    document, mentions = article
    shift = pd.Timedelta(weeks=k % WRAP_WEEKS)
    copy = copy_document(document, k)
    doc_id = copy.doc_id
    rows = mentions.assign(**{
        schema.DOC_ID: doc_id,
        schema.EVENT_ID: mentions[schema.EVENT_ID] + f"~{k}",
        schema.DATE_START: mentions[schema.DATE_START] + shift,
        schema.DATE_END: mentions[schema.DATE_END] + shift,
    })
    return copy, schema.validate(rows)


def copy_document(document: Document, k: int) -> Document:
    """Copy `k` of an article without its mentions."""
    shift = pd.Timedelta(weeks=k % WRAP_WEEKS)
    text = f"{document.text}\n\n(Archive copy {k}.)"
    published = (pd.Timestamp(document.published) + shift).date() if document.published \
        else None
    return dataclasses.replace(document, doc_id=f"{document.doc_id}~{k}", text=text,
                               published=published, content_hash=content_hash(text))


def copies(base: list[Article], start: int, count: int) -> list[Article]:
    """Copies number start..start+count-1, cycling over the base articles; the mention rows
    of the whole batch are made at once (one take and vectorised shifts)."""
    import numpy as np

    table, offsets = _combined(tuple(id(a) for a in base), base)
    numbers = np.arange(start, start + count)
    which, k = numbers % len(base), numbers // len(base)
    lengths = offsets[which + 1] - offsets[which]
    take = np.concatenate([np.arange(offsets[i], offsets[i + 1]) for i in which]) \
        if count else np.array([], dtype=int)
    rows = table.iloc[take].reset_index(drop=True)
    copy_k = np.repeat(k, lengths)
    shift = pd.to_timedelta(np.repeat((k % WRAP_WEEKS) * 7, lengths), unit="D")
    suffix = pd.Series([f"~{n}" for n in copy_k], dtype="string")
    rows[schema.DOC_ID] = rows[schema.DOC_ID] + suffix
    rows[schema.EVENT_ID] = rows[schema.EVENT_ID] + suffix
    rows[schema.DATE_START] = rows[schema.DATE_START] + shift
    rows[schema.DATE_END] = rows[schema.DATE_END] + shift
    ends = np.cumsum(lengths)
    out = []
    for n, i, kk, end in zip(numbers, which, k, ends):
        document, _ = base[i]
        out.append((copy_document(document, int(kk)), rows.iloc[end - lengths[n - start]:end]))
    return out


_COMBINED: dict[tuple[int, ...], tuple[pd.DataFrame, object]] = {}


def _combined(key: tuple[int, ...], base: list[Article]) -> tuple[pd.DataFrame, object]:
    import numpy as np

    if key not in _COMBINED:
        frames = [m for _, m in base]
        offsets = np.concatenate([[0], np.cumsum([len(m) for m in frames])])
        _COMBINED[key] = (schema.validate(pd.concat(frames, ignore_index=True)), offsets)
    return _COMBINED[key]


def fill_store(store, base: list[Article], start: int, count: int,
               batch: int = 1000) -> int:
    """Add copies start..start+count-1 to `store` in batches (EventStore.add_many); returns
    how many mention rows were added. A new store records the copies' mentions as the current
    rules' (base_articles extracted them in this process), so a dashboard started on it does
    not extract every article again."""
    from timeline.corpus.ingest import extractor_fingerprint

    rows = 0
    for first in range(start, start + count, batch):
        pending = copies(base, first, min(batch, start + count - first))
        store.add_many(pending, extractor=extractor_fingerprint())
        rows += sum(len(m) for _, m in pending)
    return rows
