"""Reading and extracting one uploaded or pasted article in a worker process, bounded in time.

The dashboard serves every session from one process: an article that takes minutes to extract
(a pathological paste, a rule gone slow) must not hold it. The work runs in a child process;
the caller waits at most `timeout` seconds, and stops waiting (killing the child) as soon as
`still_wanted()` turns False - the browser that asked has gone. The store is not touched here:
the caller stores the result, so a stopped run loses nothing already stored.

Children come from a fork server that has imported the extraction code once ("forkserver":
the server process itself runs threads, which must not be forked), so each article starts in
milliseconds, not the seconds a fresh interpreter needs for pandas and the rule files.

This module imports no Streamlit: children import it to run `_work`.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
import threading
import time
import types
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from timeline.errors import MissingPublicationDate, TimelineError

EXTRACTION_TIMEOUT_S = 30.0  # a long news article takes about a second; a stuck one is stopped
_POLL_S = 0.2  # how often the caller looks for a result and for the browser having gone
_PRELOAD = ["timeline.ui.worker", "timeline.documents", "timeline.corpus.ingest",
            "timeline.ui.worker_warmup"]

Status = Literal["done", "missing_date", "error", "failed", "timeout", "abandoned"]


@dataclass(frozen=True)
class Upload:
    """An uploaded file: its bytes, its name, and the date to use if it carries none."""

    data: bytes
    name: str
    published: dt.date | None


@dataclass(frozen=True)
class Paste:
    """Pasted text with the form's fields."""

    text: str
    published: dt.date | None
    title: str | None
    source: str | None


@dataclass(frozen=True)
class Extract:
    """A document already read (one renamed to keep apart from another of the same name)."""

    document: Any


Job = Upload | Paste | Extract


@dataclass(frozen=True)
class WorkResult:
    """What came back: a document and its events ("done"), or why not, with a message for
    "error" (the library's own message, written for users) and "failed" (a bug)."""

    status: Status
    document: Any = None
    events: Any = None
    message: str = ""


def _make_document(job: Job) -> Any:
    if isinstance(job, Extract):
        return job.document
    if isinstance(job, Upload):
        from timeline.corpus.ingest import read_upload

        return read_upload(job.data, job.name, job.published)
    from timeline.documents import document_from_text

    return document_from_text(job.text, job.published, title=job.title, source=job.source)


def _work(connection: Any, job: Job) -> None:
    """In the child: read the article, extract its events, send back a WorkResult."""
    try:
        from timeline.extract.events import extract_document

        document = _make_document(job)
        result = WorkResult("done", document, extract_document(document))
    except MissingPublicationDate as error:
        result = WorkResult("missing_date", message=str(error))
    except TimelineError as error:
        result = WorkResult("error", message=str(error))
    except Exception as error:  # noqa: BLE001 - reported to the caller, who logs it
        result = WorkResult("failed", message=f"{type(error).__name__}: {error}")
    connection.send(result)
    connection.close()


@cache
def _context() -> Any:
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows: fresh interpreters
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


@cache
def prepare() -> None:
    """Start the fork server (it loads the rules once, a few seconds) in the background, so
    that the first article added does not wait for it. Safe to call on every page run."""
    import threading
    from multiprocessing import forkserver

    if _context().get_start_method() == "forkserver":
        threading.Thread(target=forkserver.ensure_running, name="timeline-forkserver", daemon=True).start()


_START_LOCK = threading.Lock()
_BARE_MAIN = types.ModuleType("__main__")


def _start_without_main(process: Any) -> None:
    """Start `process` without the child importing this process's `__main__` again.

    multiprocessing's children re-import `__main__` from its file; in a Streamlit server that
    is the app script (Streamlit runs it as `__main__`), so every extraction would run the whole
    dashboard once more in its child, and under AppTest a script already gone. The work needs
    only importable code (`_work`), so `__main__` is hidden while the child is prepared."""
    with _START_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = _BARE_MAIN
        try:
            process.start()
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def run_bounded(job: Job, timeout: float = EXTRACTION_TIMEOUT_S,
                still_wanted: Callable[[], bool] = lambda: True) -> WorkResult:
    """Read and extract `job` in a child process; "timeout" after `timeout` seconds,
    "abandoned" as soon as `still_wanted()` is False. The child is killed in both cases."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_work, args=(sender, job), daemon=True)
    _start_without_main(process)
    sender.close()  # the child holds its own copy; EOF then means it died
    deadline = time.monotonic() + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return WorkResult("timeout")
            if not still_wanted():
                return WorkResult("abandoned")
            if receiver.poll(min(_POLL_S, remaining)):
                try:
                    return receiver.recv()
                except EOFError:  # the child died without a word (killed, out of memory)
                    return WorkResult("failed", message=f"the worker ended with code {process.exitcode}")
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
