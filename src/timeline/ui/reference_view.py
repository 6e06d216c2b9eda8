"""The reference chronology shown as context under the story: the bundled one (the Syria peace
process) or a file the user uploads in the same format (another peace process), and the links
from extracted events to its entries."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
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
from timeline.present.charts.reference_band import reference_band_figure
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
class Band:
    """What the reference band shows for one reference, store version and time axis: its
    chart, and the drill-down's links (event_key -> entry headline, date, link). Shared by
    the sessions: never modified."""

    figure: go.Figure
    links: dict[str, tuple[str, str, str]]


# Made once per reference file, store version and time axis, for every session: a rerun that
# changes none of them (an event picked, a filter that keeps the axis) draws it again without
# matching the chronology to the entries and building the chart.
@st.cache_resource(show_spinner=False, max_entries=8)
def _band(ident: str, version: object, view: tuple[object, ...] | None,
          _chronology: pd.DataFrame, _reference: Reference) -> Band:
    links = _links(_chronology, version, _reference, ident)
    table = reference_table(_reference)
    fig = reference_band_figure(
        table, list(view) if view else None,
        title=f"{_reference.title}: {len(table)} entries "
              f"({len(set(links.values()))} linked to extracted events)",
        linked=list(links.values()))
    entries = {e.id: e for e in _reference.entries}
    return Band(fig, {key: (entries[i].headline, entries[i].date, entries[i].link)
                      for key, i in links.items() if i in entries})


def render_reference(chronology: pd.DataFrame, view: list[object] | None,
                     version: object) -> dict[str, tuple[str, str, str]]:
    """Draw the reference band over `view` (the story chart's x range); return, for each
    extracted event linked to an entry, (entry headline, date, link) for the drill-down.
    `chronology` is the events the links are made over, as of the store's `version`."""
    chosen = _chosen_reference()
    if chosen is None:
        return {}
    reference, ident = chosen
    band = _band(ident, version, tuple(str(v) for v in view) if view else None, chronology,
                 reference)
    st.plotly_chart(band.figure, key=keys.REFERENCE_CHART, config={"displaylogo": False})
    st.caption(as_plain_markdown(reference.credit or reference.license or ""))
    return band.links


def render_link(event: pd.Series | None, links: dict[str, tuple[str, str, str]]) -> None:
    """Under an event's evidence: the reference entry it is linked to, with its source."""
    if event is None:
        return
    found = links.get(str(event[schema.EVENT_KEY]))
    if found:
        headline, date, link = found
        st.markdown(as_plain_markdown(f"In the reference chronology: {date} · {headline}")
                    + f" ([source]({link.replace(')', '%29')}))")
