"""Ingest a collection of articles into the store: read, extract in parallel, store in batches.

`ingest(paths, store, workers=, scheduler=, ...)` reads the records of
`timeline.corpus.collections` lazily, groups them into batches, and hands each batch to a
worker: in this process (`workers=1`), on N local processes, or on a Dask cluster
(`scheduler="tcp://HOST:8786"`, through dask.distributed). A worker turns each record into a
`Document`, skips it when the store already holds the same content, and runs the one
extraction function, `timeline.extract.events.extract_document`, unchanged. Each finished
batch is written with one `EventStore.add_many` call, so an interrupted ingest keeps every
batch it finished and, run again, skips them (content hashes) before extracting anything.

A failed article never stops the others: it is counted under its reason (the summary's
`failed`), with its message given to `on_failure`. At most a few batches per worker are in
flight, so memory stays bounded however long the collection is.

The library never prints: progress goes to `on_progress`, the result is an `IngestSummary`.
"""
from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import datetime as dt
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from timeline.corpus.collections import (
    BAD_PUBLICATION_DATE, EMPTY_ARTICLE, NO_PUBLICATION_DATE, NOT_AN_ARTICLE, Article, Columns, Failure,
    count_collection, read_collection,
)
from timeline.corpus.ingest import extractor_fingerprint
from timeline.errors import DocumentError, EmptyDocument, InputError, MissingPublicationDate, StoreError

if TYPE_CHECKING:
    import pandas as pd

    from timeline.corpus.store import EventStore
    from timeline.documents import Document

EXTRACTION_FAILED = "extraction failed"
WORKER_LOST = "worker lost"
DEFAULT_BATCH_SIZE = 32
BATCHES_IN_FLIGHT_PER_WORKER = 2  # one running, one queued: workers never wait for the reader
MAX_EXAMPLES = 5  # messages kept per reason in the summary (all go to on_failure)
STORE_ATTEMPTS = 4  # a busy store (another writer holds it) is tried again, then reported
STORE_RETRY_SECONDS = 1.0
PARENT_CHECK_SECONDS = 1.0
CONNECT_TIMEOUT = "10s"  # a scheduler that does not answer in this time is reported


@dataclass
class IngestSummary:
    """What an ingest did. `failed` counts failures by reason; `examples` keeps the first few
    messages of each reason."""

    added: int = 0
    already_stored: int = 0
    events: int = 0
    failed: collections.Counter[str] = field(default_factory=collections.Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    total: int | None = None  # the records expected (an estimate made before reading)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def failed_count(self) -> int:
        return sum(self.failed.values())

    @property
    def done(self) -> int:
        return self.added + self.already_stored + self.failed_count

    @property
    def articles_per_second(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class Outcome:
    """What a worker made of one record: a document and its events, or a failure, or
    `already_stored` (nothing extracted)."""

    origin: str
    document: Document | None = None
    events: pd.DataFrame | None = None
    already_stored: bool = False
    reason: str | None = None
    message: str | None = None


# The worker side ------------------------------------------------------------------------------

def process_batch(articles: list[Article], fallback_published: dt.date | None,
                  stored_hashes: frozenset[str] | set[str]) -> list[Outcome]:
    """Documents and events of a batch of records (runs on a worker). Articles whose content
    is in `stored_hashes` are not extracted; any one article's failure is its own outcome."""
    from timeline.extract.events import extract_document

    outcomes = []
    for article in articles:
        try:
            document = to_document(article, fallback_published)
        except ArticleError as failed:
            outcomes.append(Outcome(article.origin, reason=failed.reason, message=str(failed)))
            continue
        except Exception as exc:  # noqa: BLE001 - a reader's bug on one odd file stops only it
            outcomes.append(Outcome(article.origin, reason=NOT_AN_ARTICLE,
                                    message=f"{article.origin}: {type(exc).__name__}: {exc}"))
            continue
        if document.content_hash in stored_hashes:
            outcomes.append(Outcome(article.origin, already_stored=True))
            continue
        try:
            events = extract_document(document)
        except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the others
            outcomes.append(Outcome(article.origin, reason=EXTRACTION_FAILED,
                                    message=f"{article.origin}: {type(exc).__name__}: {exc}"))
            continue
        outcomes.append(Outcome(article.origin, document=document, events=events))
    return outcomes


class ArticleError(InputError):
    """A record that gives no Document: `reason` is one of the collections' reasons."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def to_document(article: Article, fallback_published: dt.date | None = None) -> Document:
    """The Document of a record: its own date (row cell, sidecar, the file's metadata) first,
    else `fallback_published`; ArticleError (with its reason) when it cannot be used."""
    from timeline.documents import document_from_bytes, document_from_text, parse_date

    try:
        published = _published(article)
        if article.data is not None:
            document = document_from_bytes(article.data, article.name, published,
                                           require_published=False)
            sidecar = _sidecar(article)
            document = dataclasses.replace(
                document, path=article.origin,
                title=sidecar.get("title") or document.title,
                source=sidecar.get("source") or document.source)
        else:
            document = document_from_text(article.text or "", published, title=article.title,
                                          source=article.source, doc_id=article.doc_id,
                                          require_published=False)
            document = dataclasses.replace(document, path=article.url or article.origin)
    except ArticleError:
        raise
    except MissingPublicationDate as exc:
        raise ArticleError(NO_PUBLICATION_DATE, str(exc)) from None
    except EmptyDocument as exc:
        raise ArticleError(EMPTY_ARTICLE, f"{article.origin}: {exc.reason}") from None
    except DocumentError as exc:
        # a date in the file's own metadata (front matter, HTML) that does not exist
        reason = BAD_PUBLICATION_DATE if "not a real date" in exc.reason else NOT_AN_ARTICLE
        raise ArticleError(reason, f"{article.origin}: {exc.reason}") from None
    if document.published is None:
        if fallback_published is None:
            raise ArticleError(NO_PUBLICATION_DATE,
                          f"{article.origin}: no publication date; give one with --published "
                          "YYYY-MM-DD, or a published column or metadata")
        document = dataclasses.replace(document, published=parse_date(fallback_published,
                                                                       article.origin))
    return document


def _published(article: Article) -> dt.date | None:
    """The record's own publication date (row cell or sidecar), None when it has none."""
    from timeline.documents import parse_date

    value = article.published
    if value is None and article.sidecar is not None:
        value = _sidecar(article).get("published")
    if value is None:
        return None
    try:
        return parse_date(value, article.origin)
    except DocumentError as exc:
        raise ArticleError(BAD_PUBLICATION_DATE, str(exc)) from None


def _sidecar(article: Article) -> dict[str, str]:
    """title, source and published of a file's NAME.meta.yaml, as text."""
    import yaml

    if not article.sidecar:
        return {}
    try:
        # BaseLoader: every value stays text, so an impossible date gets parse_date's message
        data = yaml.load(article.sidecar, Loader=yaml.BaseLoader)  # noqa: S506 - no tags run
    except yaml.YAMLError as exc:
        raise ArticleError(NOT_AN_ARTICLE, f"{article.origin}: its metadata file is not valid "
                                      f"YAML ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        return {}
    keys = {"title": "title", "source": "source", "published": "published", "date": "published"}
    out: dict[str, str] = {}
    for key, name in keys.items():
        value = data.get(key)
        if isinstance(value, str) and value.strip() and name not in out:
            out[name] = value.strip()
    return out


# Local process pools keep the stored hashes in a global of each worker process: they are
# sent once, when the process starts, instead of with every batch.
_WORKER_HASHES: frozenset[str] = frozenset()


def _init_pool_worker(hashes: frozenset[str]) -> None:
    import signal
    import threading

    global _WORKER_HASHES
    _WORKER_HASHES = hashes
    # Ctrl-C reaches the whole process group: the parent stops the ingest, the workers finish
    # their batch quietly instead of dying mid-batch with a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True).start()


def _end_with_parent(parent: int) -> None:
    """A worker whose ingest was killed (kill -9, a closed terminal) would otherwise stay
    behind, orphaned, waiting for work: it ends itself once its parent is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _pool_batch(articles: list[Article], fallback: dt.date | None) -> list[Outcome]:
    return process_batch(articles, fallback, _WORKER_HASHES)


# Runners: where batches run ---------------------------------------------------------------------

class _Runner(Protocol):
    slots: int

    def submit(self, batch: list[Article]) -> Any: ...
    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]: ...
    def close(self, cancel: bool) -> None: ...


class _InProcess:
    """One worker: this process (no pickling, the baseline)."""

    slots = 1

    def __init__(self, fallback: dt.date | None, hashes: frozenset[str]) -> None:
        self._fallback, self._hashes = fallback, hashes

    def submit(self, batch: list[Article]) -> concurrent.futures.Future[list[Outcome]]:
        future: concurrent.futures.Future[list[Outcome]] = concurrent.futures.Future()
        future.set_result(process_batch(batch, self._fallback, self._hashes))
        return future

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        return set(pending), set()

    def close(self, cancel: bool) -> None:
        pass


class _LocalPool:
    """N local processes. They are spawned, not forked: the parent holds threads (pyarrow,
    the progress bar) that a fork would copy in an undefined state."""

    def __init__(self, workers: int, fallback: dt.date | None, hashes: frozenset[str]) -> None:
        self.slots = workers * BATCHES_IN_FLIGHT_PER_WORKER
        self._fallback = fallback
        self._pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_pool_worker, initargs=(hashes,))

    def submit(self, batch: list[Article]) -> Any:
        return self._pool.submit(_pool_batch, batch, self._fallback)

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        done, rest = concurrent.futures.wait(pending,
                                             return_when=concurrent.futures.FIRST_COMPLETED)
        return set(done), set(rest)

    def close(self, cancel: bool) -> None:
        self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _DaskCluster:
    """The workers of a Dask cluster. The stored hashes are scattered to every worker once;
    the workers must run the same extraction rules as this process."""

    def __init__(self, address: str, fallback: dt.date | None, hashes: frozenset[str]) -> None:
        from distributed import Client

        from timeline.corpus.ingest import extractor_fingerprint

        try:
            self._client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address} "
                             f"({type(exc).__name__}: {exc})") from None
        try:
            threads = sum(self._client.nthreads().values())
            if not threads:
                raise InputError(f"the Dask scheduler at {address} has no workers; start "
                                 f"some with `dask worker {address}`")
            mine = extractor_fingerprint()
            theirs = self._client.run(extractor_fingerprint)
            other = sorted(w for w, fingerprint in theirs.items() if fingerprint != mine)
            if other:
                raise InputError(f"the Dask workers {', '.join(other)} run other extraction "
                                 "rules than this machine; install the same timeline there")
            self.slots = threads * BATCHES_IN_FLIGHT_PER_WORKER
            self._fallback = fallback
            # a list of one: scatter would send a bare set's elements one by one
            [self._hashes] = self._client.scatter([hashes], broadcast=True, hash=False)
        except BaseException:
            self._client.close()
            raise

    def submit(self, batch: list[Article]) -> Any:
        return self._client.submit(process_batch, batch, self._fallback, self._hashes,
                                   pure=False)

    def wait(self, pending: set[Any]) -> tuple[set[Any], set[Any]]:
        from distributed import wait

        done, rest = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done), set(rest)

    def close(self, cancel: bool) -> None:
        self._client.close()


# The pipeline ----------------------------------------------------------------------------------

def ingest(paths: Iterable[str | os.PathLike[str]], store: EventStore, *,
           workers: int | None = None, scheduler: str | None = None,
           batch_size: int = DEFAULT_BATCH_SIZE, published: dt.date | None = None,
           columns: Columns = Columns(),
           on_progress: Callable[[IngestSummary], None] | None = None,
           on_failure: Callable[[str, str], None] | None = None) -> IngestSummary:
    """Put every article at `paths` into `store`, extracting on `workers` local processes
    (default: the machine's cores) or on the Dask cluster at `scheduler`. `published` dates
    the articles that have no date of their own. `on_progress(summary)` is called as batches
    finish, `on_failure(reason, message)` for each failed article. Ctrl-C stops it cleanly
    (`interrupted` in the summary): every finished batch is stored, and the next run skips it.
    Raises StoreError when the store cannot be written (batches already stored stay)."""
    from timeline.corpus.ingest import refresh_store
    from timeline.corpus.sync import sync_chronology

    if batch_size < 1:
        raise InputError(f"the batch size must be at least 1 (got {batch_size})")
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise InputError(f"the number of workers must be at least 1 (got {count})")
    paths = list(paths)
    started = time.monotonic()
    summary = IngestSummary()
    runner: _Runner | None = None
    cancel = True
    try:
        summary.total = count_collection(paths, columns, exclude=store.path)
        if on_progress is not None:
            on_progress(summary)  # the total is known before the first batch is done
        stored = frozenset(store.content_hashes())
        if not stored:
            refresh_store(store)  # records which rules make the events, as the dashboard does
        if scheduler:
            runner = _DaskCluster(scheduler, published, stored)
        elif count == 1:
            runner = _InProcess(published, stored)
        else:
            runner = _LocalPool(count, published, stored)
        records = read_collection(paths, columns, exclude=store.path)
        _run(runner, _batches(records, batch_size, summary, on_failure), store, summary,
             started, on_progress, on_failure)
        cancel = False
        if on_progress is not None:
            on_progress(summary)  # failures read after the last batch count too
        if summary.added:
            sync_chronology(store)  # the events of the new articles, merged with the others
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if runner is not None:
            runner.close(cancel)
        summary.seconds = time.monotonic() - started
    return summary


def _batches(records: Iterator[Article | Failure], size: int, summary: IngestSummary,
             on_failure: Callable[[str, str], None] | None) -> Iterator[list[Article]]:
    """Batches of `size` articles; failed records are counted on the way."""
    batch: list[Article] = []
    for record in records:
        if isinstance(record, Failure):
            _fail(summary, record.reason, record.message, on_failure)
            continue
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run(runner: _Runner, batches: Iterator[list[Article]], store: EventStore,
         summary: IngestSummary, started: float,
         on_progress: Callable[[IngestSummary], None] | None,
         on_failure: Callable[[str, str], None] | None) -> None:
    pending: set[Any] = set()
    batch_of: dict[Any, list[Article]] = {}
    exhausted = False
    while True:
        while not exhausted and len(pending) < runner.slots:
            batch = next(batches, None)
            if batch is None:
                exhausted = True
                break
            future = runner.submit(batch)
            pending.add(future)
            batch_of[future] = batch
        if not pending:
            break
        done, pending = runner.wait(pending)
        for future in done:
            batch = batch_of.pop(future)
            try:
                outcomes = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died (killed, out of memory)
                for article in batch:
                    _fail(summary, WORKER_LOST, f"{article.origin}: the worker running it "
                          f"failed ({type(exc).__name__}: {exc})", on_failure)
                continue
            _store(outcomes, store, summary, on_failure)
        summary.seconds = time.monotonic() - started
        if on_progress is not None:
            on_progress(summary)


def _store(outcomes: list[Outcome], store: EventStore, summary: IngestSummary,
           on_failure: Callable[[str, str], None] | None) -> None:
    """Count a batch's outcomes and write its new articles in one add_many call."""
    items = []
    for outcome in outcomes:
        if outcome.document is not None:
            items.append((outcome.document, outcome.events))
        elif outcome.already_stored:
            summary.already_stored += 1
        else:
            _fail(summary, outcome.reason or EXTRACTION_FAILED, outcome.message or outcome.origin,
                  on_failure)
    if not items:
        return
    for attempt in range(STORE_ATTEMPTS):
        try:
            added = store.add_many(items, extractor=extractor_fingerprint())
            break
        except StoreError:
            if attempt == STORE_ATTEMPTS - 1:
                raise
            time.sleep(STORE_RETRY_SECONDS * (attempt + 1))
    for (_, events), was_added in zip(items, added):
        if was_added:
            summary.added += 1
            summary.events += 0 if events is None else len(events)
        else:
            summary.already_stored += 1


def _fail(summary: IngestSummary, reason: str, message: str,
          on_failure: Callable[[str, str], None] | None) -> None:
    summary.failed[reason] += 1
    examples = summary.examples.setdefault(reason, [])
    if len(examples) < MAX_EXAMPLES:
        examples.append(message)
    if on_failure is not None:
        on_failure(reason, message)
