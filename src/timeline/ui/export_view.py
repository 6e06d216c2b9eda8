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
from timeline.errors import TimelineError
from timeline.present import exports
from timeline.present.sizes import SIZE_PRESETS, preset_label
from timeline.ui import keys
from timeline.ui.data import Corpus

FILE_STEM = "timeline"


def _button(label: str, make: Callable[[], str | bytes] | bytes | None, suffix: str, mime: str,
            key: str, disabled: bool = False) -> None:
    st.download_button(label, data=make if make is not None else b"",
                       file_name=f"{FILE_STEM}.{suffix}", mime=mime, key=key,
                       on_click="ignore", disabled=disabled or make is None, width="stretch")


def default_credit(corpus: Corpus, events: pd.DataFrame) -> str:
    """"Source: 12 articles (Reuters, AP, …); chart made with timeline"."""
    doc_ids = set(events[schema.DOC_ID].dropna()) if not events.empty else set()
    docs = corpus.documents[corpus.documents[schema.DOC_ID].isin(doc_ids)]
    outlets = list(dict.fromkeys(docs[schema.SOURCE].dropna().astype(str)))
    named = ", ".join(outlets[:3]) + (", …" if len(outlets) > 3 else "")
    count = f"{len(doc_ids)} article{'s' * (len(doc_ids) != 1)}"
    return f"Source: {count}" + (f" ({named})" if named else "") + "; chart made with timeline"


def _frame_form(corpus: Corpus, events: pd.DataFrame) -> exports.ReportFrame:
    title = st.text_input("Title", key=keys.EXPORT_TITLE, max_chars=exports.MAX_FRAME_TEXT,
                          placeholder="e.g. The Geneva talks on Syria, 2016")
    caption = st.text_input("Caption", key=keys.EXPORT_CAPTION,
                            max_chars=exports.MAX_FRAME_TEXT,
                            placeholder="What the chart shows, for the reader")
    if keys.EXPORT_CREDIT not in st.session_state:
        st.session_state[keys.EXPORT_CREDIT] = default_credit(corpus, events)
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


def render_exports(corpus: Corpus, events: pd.DataFrame, fig: go.Figure | None) -> None:
    """The report frame and download buttons for the chart on screen (if it could be drawn),
    and download buttons for the filtered events."""
    documents = corpus.documents
    no_chart = fig is None or events.empty
    st.caption(f"The chart as it is on the Timeline tab, and the {len(events):,} events "
               "that pass the filters.")
    chart, data = st.columns(2)
    with chart:
        st.subheader("Chart for a report")
        frame = _frame_form(corpus, events)
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
        _button("CSV table", lambda: exports.events_to_csv(events, documents), "csv",
                "text/csv", keys.EXPORT_CSV)
        _button("JSON", lambda: exports.events_to_json(events), "json",
                "application/json", keys.EXPORT_JSON)
        _button("TimelineJS JSON", lambda: exports.events_to_timelinejs(events, documents),
                "timelinejs.json", "application/json", keys.EXPORT_TIMELINEJS)
        _button("Markdown chronology with sources",
                lambda: exports.events_to_markdown(events, documents), "md", "text/markdown",
                keys.EXPORT_MARKDOWN)
