"""Adding articles: upload .txt/.md/.html files or paste text, with a publication date for
articles that carry none. Extraction runs on the spot and the store keeps the result.

The forms' submit callbacks do the work before the page is drawn, so the new events are on
every view of the same rerun; their outcome is kept in session state and shown in the tab.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from timeline.documents import MAX_BYTES, document_from_text
from timeline.errors import MissingPublicationDate
from timeline.corpus.ingest import add_document, read_upload
from timeline.corpus.store import EventStore
from timeline.ui import keys
from timeline.ui.errors import as_plain_markdown, describe

UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm"]
# The documents module refuses larger files; the server cap (.streamlit/config.toml) is a
# little above it so that people get this message rather than the uploader's.
MAX_UPLOAD_MB = MAX_BYTES / (1024 * 1024)
MAX_PASTE_CHARS = 500_000
PASTED = "pasted text"


@dataclass(frozen=True)
class Outcome:
    """One line of the report: `kind` is success, info or error."""

    kind: str
    message: str


def _no_date_message(name: str) -> str:
    return (f"{name}: the article carries no publication date. Pick its publication date "
            "in the date field and add it again (relative dates such as 'Wednesday' are "
            "resolved against it).")


def _add(store: EventStore, name: str, make_document) -> Outcome:
    try:
        result = add_document(store, make_document())
    except MissingPublicationDate:
        return Outcome("error", _no_date_message(name))
    except Exception as error:  # noqa: BLE001 - shown as a message, never a traceback
        message = describe(error)
        return Outcome("error", message if name in message else f"{name}: {message}")
    if not result.added:
        return Outcome("info", f"“{result.title}” is already in the store; nothing added.")
    return Outcome("success", f"Added “{result.title}”: {result.event_count} dated events.")


def _on_upload(store_path: str) -> None:
    files = st.session_state.get(keys.UPLOAD_FILES) or []
    published: dt.date | None = st.session_state.get(keys.UPLOAD_PUBLISHED)
    store = EventStore(store_path)
    report = []
    for file in files:
        if file.size > MAX_BYTES:
            report.append(Outcome("error", f"{file.name}: larger than {MAX_UPLOAD_MB:g} MB."))
            continue
        data = file.getvalue()
        report.append(_add(store, file.name, lambda: read_upload(data, file.name, published)))
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
        report = [Outcome("error", _no_date_message(title or PASTED))]
    else:
        report = [_add(EventStore(store_path), title or PASTED,
                       lambda: document_from_text(text, published, title=title, source=source))]
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
    _show_report()
    upload, paste = st.columns(2)
    with upload.form(keys.UPLOAD_FORM, clear_on_submit=False):
        st.subheader("Upload articles")
        st.file_uploader(
            f"Text, Markdown or saved HTML pages (up to {MAX_UPLOAD_MB:g} MB each)",
            type=UPLOAD_TYPES, accept_multiple_files=True, key=keys.UPLOAD_FILES)
        st.date_input("Publication date (for articles that carry none)", value=None,
                      key=keys.UPLOAD_PUBLISHED, format="YYYY-MM-DD")
        st.form_submit_button("Add the files", key=keys.UPLOAD_SUBMIT, on_click=_on_upload,
                              args=(store_path,))
    with paste.form(keys.PASTE_FORM, clear_on_submit=False):
        st.subheader("Paste an article")
        st.text_input("Title", key=keys.PASTE_TITLE)
        st.text_input("Source", key=keys.PASTE_SOURCE, placeholder="e.g. Reuters")
        st.date_input("Publication date (required)", value=None, key=keys.PASTE_PUBLISHED,
                      format="YYYY-MM-DD")
        st.text_area("Text", key=keys.PASTE_TEXT, height=200, max_chars=MAX_PASTE_CHARS)
        st.form_submit_button("Add the text", key=keys.PASTE_SUBMIT, on_click=_on_paste,
                              args=(store_path,))
