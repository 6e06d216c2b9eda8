"""The reference chronology shown as context in the story: the bundled one (the Syria peace
process) or a file the user uploads in the same format (another peace process), drawn as a band
of the story figure (one chart, not two), and the links from extracted events to its
entries."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Final

import pandas as pd
import streamlit as st

from timeline import schema
from timeline.corpus.reference import (
    Reference,
    bundled_names,
    bundled_reference,
    load_reference,
    match_reference,
    reference_table,
)
from timeline.errors import TimelineError
from timeline.present.charts.reference_band import ReferenceBand
from timeline.ui import keys
from timeline.ui.errors import as_plain_markdown

NONE = "(none)"


def _chosen_reference() -> tuple[Reference, str] | None:
    """The reference chosen (or uploaded) and a key naming its content, or None."""
    names = [NONE, *bundled_names()]
    st.session_state.setdefault(keys.REFERENCE_CHOICE, names[1] if len(names) > 1 else NONE)
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    choice = left.selectbox("Reference chronology", names, key=keys.REFERENCE_CHOICE,
                            help="A chronology written by hand, shown as context; any file in "
                                 "the same format can be loaded instead (see "
                                 "resources/reference/README.md).")
    upload = right.file_uploader("…or load another reference file (YAML, up to 2 MB)",
                                 type=["yaml", "yml"], key=keys.REFERENCE_UPLOAD)
    if upload is not None:
        data = upload.getvalue()
        try:
            reference = load_reference(data, upload.name)
        except TimelineError as error:
            st.error(as_plain_markdown(str(error)))
            return None
        # Two uploads of the same name may differ: the content names it.
        return reference, "upload:" + hashlib.sha256(data).hexdigest()
    return None if choice == NONE else (bundled_reference(choice), "bundled:" + choice)


@st.cache_resource(show_spinner=False, max_entries=8)
def _links(_chronology: pd.DataFrame, version: object, _reference: Reference,
           ident: str) -> dict[str, str]:
    return match_reference(_chronology, _reference)


@dataclass(frozen=True)
class Context:
    """The reference chosen, as the story draws it: its band (None when none is chosen), a
    key naming its content (for the story's cache), the drill-down's links (event_key ->
    entry headline, date, link) and the credit line. Shared by the sessions: never
    modified."""

    band: ReferenceBand | None
    ident: str
    links: dict[str, tuple[str, str, str]]
    credit: str


NO_CONTEXT: Final = Context(None, "", {}, "")


# Made once per reference file and store version, for every session: a rerun that changes
# neither (an event picked, a filter) reuses it without matching the chronology to the entries.
@st.cache_resource(show_spinner=False, max_entries=8)
def _context(ident: str, version: object, _chronology: pd.DataFrame,
             _reference: Reference) -> Context:
    links = _links(_chronology, version, _reference, ident)
    table = reference_table(_reference)
    entries = {e.id: e for e in _reference.entries}
    band = ReferenceBand(table, frozenset(links.values()), _reference.title)
    return Context(band, ident, {key: (entries[i].headline, entries[i].date, entries[i].link)
                                 for key, i in links.items() if i in entries},
                   _reference.credit or _reference.license or "")


def reference_context(chronology: pd.DataFrame, version: object) -> Context:
    """The reference chooser (a bundled file or an upload) and what the story draws of the
    chosen one: its band, and for each extracted event linked to an entry (entry headline,
    date, link) for the drill-down. `chronology` is the events the links are made over, as
    of the store's `version`."""
    chosen = _chosen_reference()
    if chosen is None:
        return NO_CONTEXT
    reference, ident = chosen
    context = _context(ident, version, chronology, reference)
    band = context.band
    if band is not None:
        st.caption(as_plain_markdown(
            f"{reference.title}: {len(band.entries)} entries ({band.n_linked} linked to "
            "extracted events), drawn in the band under the lanes. "
            + (context.credit or "")))
    return context


def render_link(event: pd.Series | None, links: dict[str, tuple[str, str, str]]) -> None:
    """Under an event's evidence: the reference entry it is linked to, with its source."""
    if event is None:
        return
    found = links.get(str(event[schema.EVENT_KEY]))
    if found:
        headline, date, link = found
        st.markdown(as_plain_markdown(f"In the reference chronology: {date} · {headline}")
                    + f" ([source]({link.replace(')', '%29')}))")
