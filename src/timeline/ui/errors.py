"""Errors become messages, never tracebacks: the library's own errors are shown as they are
(their text is written for users); anything else gets a generic message and goes to the log."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from timeline.errors import TimelineError
from timeline.present.exports import escape_markdown

log = logging.getLogger("timeline.ui")

GENERIC_MESSAGE = (
    "Something went wrong while preparing this view. The details are in the server log; "
    "the rest of the dashboard still works."
)


def describe(error: Exception) -> str:
    """The message to show a user for `error`; unexpected errors are logged, not shown."""
    if isinstance(error, TimelineError):
        return str(error)
    log.exception("unexpected error in the dashboard", exc_info=error)
    return GENERIC_MESSAGE


# Beyond CommonMark, Streamlit reads $…$ as LaTeX and :name: / :red[…] as directives.
_STREAMLIT_SPECIAL = re.compile(r"([$:#!()])")


def as_plain_markdown(text: str) -> str:
    """`text` (which may hold file names and article titles) escaped so that st.error,
    st.success and st.info show it as it is, with no links, formatting or LaTeX."""
    return _STREAMLIT_SPECIAL.sub(r"\\\1", escape_markdown(text))


@contextmanager
def shown_as_message(what: str = "") -> Iterator[None]:
    """Run a block of the page; an error in it becomes one st.error, the page goes on."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - the UI must never show a traceback
        message = describe(error)
        st.error(as_plain_markdown(f"{what}: {message}" if what else message))
