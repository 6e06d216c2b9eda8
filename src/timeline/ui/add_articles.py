"""Adding articles: upload .txt/.md/.html files or paste text, with a publication date for
articles that carry none. Extraction runs on the spot and the store keeps the result.

The forms' submit callbacks do the work before the page is drawn, so the new events are on
every view of the same rerun; their outcome is kept in session state and shown in the tab.
Reading and extracting an article runs in a worker process bounded in time (ui/worker.py),
stopped when the browser goes away; only a finished extraction is stored.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from timeline import schema
from timeline.corpus.ingest import extractor_fingerprint
from timeline.corpus.store import EventStore
from timeline.documents import EARLIEST_PUBLISHED, MAX_BYTES
from timeline.ui import keys, worker
from timeline.ui.errors import GENERIC_MESSAGE, as_plain_markdown, describe

log = logging.getLogger("timeline.ui")

UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm"]
# The documents module refuses larger files; the server cap (.streamlit/config.toml) is a
# little above it so that people get this message rather than the uploader's.
MAX_UPLOAD_MB = MAX_BYTES / (1024 * 1024)
MAX_PASTE_CHARS = 500_000
PASTED = "pasted text"
# The date pickers reach back to historians' sources (Streamlit's default stops ten years back)
# and a year ahead (an embargoed article); the documents module refuses what the store cannot hold.
EARLIEST_DATE = max(dt.date(1900, 1, 1), EARLIEST_PUBLISHED)
LATEST_AHEAD = dt.timedelta(days=366)


@dataclass(frozen=True)
class Outcome:
    """One line of the report: `kind` is success, info or error."""

    kind: str
    message: str


def _no_date_message(name: str) -> str:
    return (f"{name}: the article carries no publication date. Pick its publication date "
            "in the date field and add it again (relative dates such as 'Wednesday' are "
            "resolved against it).")


def _pick_date_message(name: str) -> str:
    return (f"{name}: pick the article's publication date in the date field (relative dates "
            "such as 'Wednesday' are resolved against it).")


def _latest_date() -> dt.date:
    return dt.date.today() + LATEST_AHEAD


def _session_alive() -> Callable[[], bool]:
    """Whether the browser session that submitted the form is still connected (Streamlit's
    runtime knows; outside a running server, e.g. in AppTest, always True)."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    if context is None or not runtime.exists():
        return lambda: True
    instance, session_id = runtime.get_instance(), context.session_id
    return lambda: instance.is_active_session(session_id)


def _add(store: EventStore, name: str, job: worker.Job) -> Outcome:
    """Read and extract in the worker, then store: the store is only written once the
    extraction has finished, so a stopped or failed one loses nothing."""
    alive = _session_alive()
    result = worker.run_bounded(job, worker.EXTRACTION_TIMEOUT_S, alive)
    if result.status == "done":
        document = result.document
        try:
            if store.contains(document.content_hash):
                title = document.title or document.doc_id
                return Outcome("info", f"“{title}” is already in the store; nothing added.")
            if (store.documents()[schema.DOC_ID] == document.doc_id).any():
                # Another article of the same name ("article.txt" twice) keeps its doc_id; this
                # one gets it suffixed with its hash (as ingest.add_document does), and the
                # events their ids from it: extracted again.
                document = dataclasses.replace(
                    document, doc_id=f"{document.doc_id}-{document.content_hash[:8]}")
                result = worker.run_bounded(worker.Extract(document), worker.EXTRACTION_TIMEOUT_S, alive)
            if result.status == "done":
                return _stored(store, document, result.events)
        except Exception as error:  # noqa: BLE001 - shown as a message, never a traceback
            message = describe(error)
            return Outcome("error", message if name in message else f"{name}: {message}")
    return _not_done(name, result)


def _stored(store: EventStore, document, events) -> Outcome:  # type: ignore[no-untyped-def]
    title = document.title or document.doc_id
    # add_many checks and writes under the store's lock: an article of the same name stored by
    # another session since the check above is kept apart with a suffixed id, never refused.
    if not store.add_many([(document, events)], extractor=extractor_fingerprint())[0]:
        return Outcome("info", f"“{title}” is already in the store; nothing added.")
    return Outcome("success", f"Added “{title}”: {len(events)} dated events.")


def _not_done(name: str, result: worker.WorkResult) -> Outcome:
    if result.status == "timeout":
        return Outcome("error", f"{name}: extracting its events took longer than "
                                f"{worker.EXTRACTION_TIMEOUT_S:g} seconds and was stopped; nothing "
                                "was added. Split it into shorter articles (with full stops "
                                "between sentences) and add them again.")
    if result.status == "abandoned":
        return Outcome("info", f"{name}: stopped, as the page was closed; nothing was added.")
    if result.status == "missing_date":
        return Outcome("error", _no_date_message(name))
    if result.status == "error":
        return Outcome("error", result.message if name in result.message else f"{name}: {result.message}")
    log.error("extracting %s failed in the worker: %s", name, result.message)
    return Outcome("error", f"{name}: {GENERIC_MESSAGE}")


def _on_upload(store_path: str) -> None:
    files = st.session_state.get(keys.UPLOAD_FILES) or []
    published: dt.date | None = st.session_state.get(keys.UPLOAD_PUBLISHED)
    store = EventStore(store_path)
    report = []
    for file in files:
        if file.size > MAX_BYTES:
            report.append(Outcome("error", f"{file.name}: larger than {MAX_UPLOAD_MB:g} MB."))
            continue
        report.append(_add(store, file.name, worker.Upload(file.getvalue(), file.name, published)))
    if not files:
        report.append(Outcome("error", "Choose one or more .txt, .md or .html files first."))
    st.session_state[keys.ADD_REPORT] = report


def _on_paste(store_path: str) -> None:
    state = st.session_state
    text = (state.get(keys.PASTE_TEXT) or "").strip()
    published: dt.date | None = state.get(keys.PASTE_PUBLISHED)
    title = (state.get(keys.PASTE_TITLE) or "").strip() or None
    source = (state.get(keys.PASTE_SOURCE) or "").strip() or None
    if not text:
        report = [Outcome("error", "Paste the article's text first.")]
    elif len(text) > MAX_PASTE_CHARS:
        report = [Outcome("error", f"The text is longer than {MAX_PASTE_CHARS:,} characters; "
                                   "split it into articles.")]
    elif published is None:
        report = [Outcome("error", _pick_date_message(title or PASTED))]
    else:
        report = [_add(EventStore(store_path), title or PASTED,
                       worker.Paste(text, published, title, source))]
        if report[0].kind != "error":  # keep the text when it could not be added
            for key in (keys.PASTE_TEXT, keys.PASTE_TITLE, keys.PASTE_SOURCE):
                state[key] = ""
    state[keys.ADD_REPORT] = report


def _show_report() -> None:
    for outcome in st.session_state.get(keys.ADD_REPORT, []):
        show = {"success": st.success, "info": st.info}.get(outcome.kind, st.error)
        show(as_plain_markdown(outcome.message))


def render_add_articles(store_path: str) -> None:
    """The upload form and the paste form, and the outcome of the last submission."""
    worker.prepare()
    _show_report()
    upload, paste = st.columns(2)
    with upload.form(keys.UPLOAD_FORM, clear_on_submit=False):
        st.subheader("Upload articles")
        st.file_uploader(
            f"Text, Markdown or saved HTML pages (up to {MAX_UPLOAD_MB:g} MB each)",
            type=UPLOAD_TYPES, accept_multiple_files=True, key=keys.UPLOAD_FILES)
        st.date_input("Publication date (for articles that carry none)", value=None,
                      key=keys.UPLOAD_PUBLISHED, format="YYYY-MM-DD",
                      min_value=EARLIEST_DATE, max_value=_latest_date())
        st.form_submit_button("Add the files", key=keys.UPLOAD_SUBMIT, on_click=_on_upload,
                              args=(store_path,))
    with paste.form(keys.PASTE_FORM, clear_on_submit=False):
        st.subheader("Paste an article")
        st.text_input("Title", key=keys.PASTE_TITLE)
        st.text_input("Source", key=keys.PASTE_SOURCE, placeholder="e.g. Reuters")
        st.date_input("Publication date (required)", value=None, key=keys.PASTE_PUBLISHED,
                      format="YYYY-MM-DD", min_value=EARLIEST_DATE, max_value=_latest_date())
        st.text_area("Text", key=keys.PASTE_TEXT, height=200, max_chars=MAX_PASTE_CHARS)
        st.form_submit_button("Add the text", key=keys.PASTE_SUBMIT, on_click=_on_paste,
                              args=(store_path,))
