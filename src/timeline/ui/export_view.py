"""Exports for reports: the chart as on screen, framed for a report (title, caption, source
credit, a size preset) as PNG, SVG (fully vector) or offline HTML with an embed snippet, and
the filtered events (CSV, JSON, TimelineJS JSON, Markdown chronology with sources).

Images are rendered when the user asks ("Make the images"), so a failure (no Chromium, a
browser that crashes) is a message on the page, not a silent missing download; data files
are made only when their button is clicked (deferred download data).
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline import schema
from timeline.corpus.query import MentionQuery
from timeline.errors import TimelineError
from timeline.present import exports
from timeline.present.sizes import SIZE_PRESETS, preset_label
from timeline.ui import keys
from timeline.ui.data import Corpus

FILE_STEM = "timeline"
# Rows an export reads when its button is clicked (the file is made then, by a query, never
# kept per rerun); a larger match is cut, and the button says so.
EXPORT_ROWS = 100_000


def _button(label: str, make: Callable[[], str | bytes] | bytes | None, suffix: str, mime: str,
            key: str, disabled: bool = False) -> None:
    st.download_button(label, data=make if make is not None else b"",
                       file_name=f"{FILE_STEM}.{suffix}", mime=mime, key=key,
                       on_click="ignore", disabled=disabled or make is None, width="stretch")


def default_credit(corpus: Corpus, where: MentionQuery) -> str:
    """"Source: 12 articles (Reuters, AP, …); chart made with timeline"."""
    return _credit(corpus.store_path, corpus.version, where, corpus)


@st.cache_resource(show_spinner=False, max_entries=8)
def _credit(path: str, version: tuple, where: MentionQuery, _corpus: Corpus) -> str:
    corpus = _corpus
    doc_ids = set(corpus.store.facet_values(schema.DOC_ID, where)["value"].astype(str))
    docs = corpus.documents[corpus.documents[schema.DOC_ID].isin(doc_ids)]
    outlets = list(dict.fromkeys(docs[schema.SOURCE].dropna().astype(str)))
    named = ", ".join(outlets[:3]) + (", …" if len(outlets) > 3 else "")
    count = f"{len(doc_ids)} article{'s' * (len(doc_ids) != 1)}"
    return f"Source: {count}" + (f" ({named})" if named else "") + "; chart made with timeline"


def _frame_form(corpus: Corpus, where: MentionQuery) -> exports.ReportFrame:
    title = st.text_input("Title", key=keys.EXPORT_TITLE, max_chars=exports.MAX_FRAME_TEXT,
                          placeholder="e.g. The Geneva talks on Syria, 2016")
    caption = st.text_input("Caption", key=keys.EXPORT_CAPTION,
                            max_chars=exports.MAX_FRAME_TEXT,
                            placeholder="What the chart shows, for the reader")
    if keys.EXPORT_CREDIT not in st.session_state:
        st.session_state[keys.EXPORT_CREDIT] = default_credit(corpus, where)
    credit = st.text_input("Source credit", key=keys.EXPORT_CREDIT,
                           max_chars=exports.MAX_FRAME_TEXT)
    preset = st.selectbox("Size", list(SIZE_PRESETS), key=keys.EXPORT_PRESET,
                          format_func=preset_label)
    _label, width, height = SIZE_PRESETS[preset]
    return exports.ReportFrame(title=title, caption=caption, credit=credit, width=width,
                               height=height)


def _images(fig: go.Figure, frame: exports.ReportFrame) -> dict[str, bytes] | None:
    """The PNG and SVG of the framed chart, made on request and kept for this frame and chart
    (a rerun does not render again); None until asked. Failures are shown, not raised."""
    made = st.session_state.get(keys.EXPORT_IMAGES)
    wanted = (frame, fig.to_json())
    if made is not None and made[0] == wanted:
        return made[1]
    if not st.button("Make the PNG and SVG images", key=keys.EXPORT_MAKE_IMAGES):
        return None
    framed = exports.report_figure(fig, frame)
    try:
        with st.spinner("Rendering the chart in Chromium…"):
            images = {fmt: exports.figure_to_image(framed, fmt, width=frame.width,
                                                   height=frame.height)
                      for fmt in exports.IMAGE_FORMATS}
    except TimelineError as exc:
        st.error(f"The images could not be made: {exc}")
        return None
    st.session_state[keys.EXPORT_IMAGES] = (wanted, images)
    return images


def _with_documents(corpus: Corpus, make: Callable[[pd.DataFrame, pd.DataFrame], str | bytes],
                    where: MentionQuery) -> Callable[[], str | bytes]:
    """An export made when its button is clicked: the matching mentions (at most
    EXPORT_ROWS, by date) and the rows of their articles."""
    def made() -> str | bytes:
        events = corpus.mentions(where, limit=EXPORT_ROWS)
        docs = corpus.documents[corpus.documents[schema.DOC_ID].isin(set(events[schema.DOC_ID]))]
        return make(events, docs)
    return made


def render_exports(corpus: Corpus, where: MentionQuery, fig: go.Figure | None) -> None:
    """The report frame and download buttons for the chart on screen (if it could be drawn),
    and download buttons for the filtered events, each made by a query when clicked."""
    matching = corpus.count(where)
    no_chart = fig is None or matching == 0
    cut = (f" (the first {EXPORT_ROWS:,} by date)" if matching > EXPORT_ROWS else "")
    st.caption(f"The chart as it is on the Timeline tab, and the {matching:,} events "
               f"that pass the filters{cut}.")
    chart, data = st.columns(2)
    with chart:
        st.subheader("Chart for a report")
        frame = _frame_form(corpus, where)
        if no_chart:
            st.info("No chart to export: the Timeline tab shows none for these filters.")
            images: dict[str, bytes] | None = None
        else:
            images = _images(fig, frame)
        _button("PNG image", images and images["png"], "png", "image/png", keys.EXPORT_PNG,
                no_chart)
        _button("SVG image (vector)", images and images["svg"], "svg", "image/svg+xml",
                keys.EXPORT_SVG, no_chart)
        framed_html = None if no_chart else (
            lambda: exports.figure_to_html(exports.report_figure(fig, frame),
                                           title=frame.title or FILE_STEM))
        _button("HTML page (works offline)", framed_html, "html", "text/html", keys.EXPORT_HTML,
                no_chart)
        if not no_chart:
            st.caption("Embed in a web page: upload timeline.html and timeline.svg beside it.")
            st.code(exports.embed_snippet(frame, f"{FILE_STEM}.html", f"{FILE_STEM}.svg"),
                    language="html")
    with data:
        st.subheader("Events")
        if corpus.has_chronology:
            _button("Chronology CSV (one row per event, with your corrections)",
                    lambda: exports.chronology_to_csv(corpus.events_all(where, EXPORT_ROWS)),
                    "chronology.csv", "text/csv", keys.EXPORT_CHRONOLOGY_CSV)
        _button("CSV table", _with_documents(corpus, exports.events_to_csv, where), "csv",
                "text/csv", keys.EXPORT_CSV)
        _button("JSON", _with_documents(corpus, lambda e, _d: exports.events_to_json(e), where),
                "json", "application/json", keys.EXPORT_JSON)
        _button("TimelineJS JSON", _with_documents(corpus, exports.events_to_timelinejs, where),
                "timelinejs.json", "application/json", keys.EXPORT_TIMELINEJS)
        _button("Markdown chronology with sources",
                _with_documents(corpus, exports.events_to_markdown, where), "md",
                "text/markdown", keys.EXPORT_MARKDOWN)
