"""Exports of the events table and of charts, for reports: CSV, JSON, TimelineJS JSON, a
Markdown chronology with its sources, and figures as PNG/SVG (kaleido + the machine's Chromium)
or self-contained offline HTML.

Article text is untrusted: CSV cells are neutralised so that a spreadsheet never runs them as
formulas (OWASP "CSV injection"); HTML and Markdown outputs escape it.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from timeline.present import describe
from timeline.present.sizes import DEFAULT_PRESET, SIZE_PRESETS
from timeline import schema
from timeline.errors import InputError, TimelineError

if TYPE_CHECKING:
    import plotly.graph_objects as go

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice, Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """`value` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame, path_or_buf: str | IO[str] | None = None) -> str | None:
    """Write `df` as CSV with list columns joined by "; " and formulas neutralised.

    Returns the CSV text when `path_or_buf` is None (like DataFrame.to_csv).
    """
    out = df.copy()
    for col in schema.LIST_COLUMNS:
        if col in out.columns:
            out[col] = [("; ".join(schema.as_str_list(v))) for v in out[col]]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    return out.to_csv(path_or_buf, index=False)


# --- Exports for reports -----------------------------------------------------------------------
# Every function takes an events table (schema.EVENT_COLUMNS, e.g. the filtered view) and, where
# sources are cited, the documents table (schema.DOCUMENT_COLUMNS). Article text is untrusted
# in every medium: formulas neutralised (CSV), HTML escaped (TimelineJS, Plotly), Markdown
# escaped (chronology).

# CSV: Excel opens a UTF-8 file correctly only when it starts with a byte-order mark; LibreOffice,
# Sheets and pandas read the BOM transparently.
CSV_ENCODING: Final = "utf-8-sig"
DOCUMENT_EXTRA_COLUMNS: Final = (schema.TITLE, schema.SOURCE, schema.PUBLISHED)
MARKDOWN_SENTENCE_LIMIT: Final = 400
# Characters that Markdown (CommonMark/GFM) may read as syntax or raw HTML in the middle of a
# line (every line we write starts with our own text, so line-start syntax such as "#" or "-"
# cannot arise; "(" only matters after "]", which is escaped).
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|~&])")
_CHROME_NAMES: Final = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEFAULT_BROWSER: Final = "/usr/bin/chromium"
IMAGE_FORMATS: Final = ("png", "svg")


def events_to_csv(events: pd.DataFrame, documents: pd.DataFrame | None = None) -> bytes:
    """The events as CSV bytes for spreadsheets: UTF-8 with a BOM (so Excel reads accents),
    dates as YYYY-MM-DD, list columns joined with "; ", cells a spreadsheet would run as
    formulas (=, +, -, @, tab, CR) prefixed with "'". With `documents`, each row also carries
    its article's title, source and publication date."""
    table = _dated_copy(schema.validate(events))
    if documents is not None and not documents.empty:
        docs = schema.validate_documents(documents)
        extra = docs[[schema.DOC_ID, *DOCUMENT_EXTRA_COLUMNS]].drop_duplicates(schema.DOC_ID)
        extra = extra.assign(**{schema.PUBLISHED: _iso_dates(extra[schema.PUBLISHED])})
        table = table.merge(extra, on=schema.DOC_ID, how="left")
    buffer = io.StringIO()
    to_csv(table, buffer)
    return buffer.getvalue().encode(CSV_ENCODING)


def events_to_json(events: pd.DataFrame) -> bytes:
    """The events as a UTF-8 JSON array of objects: every schema column, dates as "YYYY-MM-DD",
    actors and locations as arrays, missing values as null. `schema.validate(pd.DataFrame(
    json.loads(data)))` reads it back."""
    return json.dumps(_records(schema.validate(events)), ensure_ascii=False, indent=1).encode("utf-8")


def events_to_timelinejs(
    events: pd.DataFrame, documents: pd.DataFrame | None = None, title: str = "Chronology"
) -> bytes:
    """The events as TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html):
    {"title": slide, "events": [slide, ...]}. A slide has start_date/end_date objects at the
    event's precision (a month date gives no day, a year date neither month nor day), a
    headline, the sentence with its source as text, the first actor as group and the event id
    as unique_id. TimelineJS renders text as HTML, so all article text is escaped."""
    events = schema.validate(events)
    titles = _document_index(documents)
    slides = []
    for row in events.to_dict("records"):
        start = describe.as_date(row[schema.DATE_START])
        if start is None:
            continue  # TimelineJS needs a start date; undated events cannot be placed
        end = describe.as_date(row[schema.DATE_END]) or start
        granularity = describe.plain(row[schema.GRANULARITY]) or "day"
        slide: dict[str, object] = {
            "start_date": _tljs_date(start, granularity),
            "text": {"headline": html.escape(describe.headline(row)), "text": _tljs_text(row, titles)},
            "unique_id": describe.plain(row[schema.EVENT_ID]),
            "autolink": False,
        }
        if _tljs_date(end, granularity) != slide["start_date"]:
            slide["end_date"] = _tljs_date(end, granularity)
        written = describe.plain(row[schema.TIMEX_TEXT])
        if granularity not in ("day", "month", "year"):
            slide["display_date"] = html.escape(describe.resolved_date(row) + (f" — “{written}”" if written else ""))
        actors = schema.as_str_list(row[schema.ACTORS])
        if actors:
            slide["group"] = html.escape(actors[0])
        slides.append(slide)
    document = {
        "title": {"text": {"headline": html.escape(title),
                           "text": html.escape(_count_line(len(slides), len(set(events[schema.DOC_ID].dropna()))))}},
        "events": slides,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _count_line(n_events: int, n_articles: int) -> str:
    """"1 dated event from 1 article", "12 dated events from 3 articles"."""
    return (f"{n_events} dated event{'s' * (n_events != 1)} from "
            f"{n_articles} article{'s' * (n_articles != 1)}")


def events_to_markdown(
    events: pd.DataFrame, documents: pd.DataFrame | None = None, title: str = "Chronology"
) -> str:
    """A chronology ready to cite: one line per event in date order (date as resolved, what,
    who, the sentence quoted, a numbered reference to its article) and a "Sources" list
    (title, source, publication date). Article text is Markdown-escaped, so it can neither
    format the page nor inject HTML."""
    events = schema.validate(events)
    docs = _document_index(documents)
    ordered = events.sort_values([schema.DATE_START, schema.DATE_END, schema.EVENT_ID], na_position="last", kind="stable")
    cited = list(dict.fromkeys(describe.plain(d) for d in ordered[schema.DOC_ID]))
    number = {doc_id: i + 1 for i, doc_id in enumerate(cited)}
    lines = [f"# {escape_markdown(title)}", "",
             f"{len(events)} events from {len(cited)} article{'s' * (len(cited) != 1)}.", ""]
    for row in ordered.to_dict("records"):
        what = escape_markdown(describe.headline(row))
        when = escape_markdown(describe.resolved_date(row))
        written = describe.plain(row[schema.TIMEX_TEXT])
        sentence = describe.snippet(row[schema.SENTENCE], MARKDOWN_SENTENCE_LIMIT)
        line = f"- **{when}** — {what}"
        if written:
            line += f" (date as written: “{escape_markdown(written)}”)"
        if sentence:
            line += f": “{escape_markdown(sentence)}”"
        line += f" [{number[describe.plain(row[schema.DOC_ID])]}]"
        lines.append(line)
    lines += ["", "## Sources", ""]
    for doc_id in cited:
        info = docs.get(doc_id, {})
        name = describe.plain(info.get(schema.TITLE)) or doc_id
        parts = [f"*{escape_markdown(name)}*"]
        if describe.plain(info.get(schema.SOURCE)):
            parts.append(escape_markdown(describe.plain(info.get(schema.SOURCE))))
        published = describe.as_date(info.get(schema.PUBLISHED))
        parts.append(f"published {published.isoformat()}" if published else "publication date unknown")
        lines.append(f"{number[doc_id]}. " + ", ".join(parts) + f" (id: `{doc_id.replace('`', '')}`)")
    return "\n".join(lines) + "\n"


def escape_markdown(text: str) -> str:
    """`text` on one line with Markdown syntax and HTML characters backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def figure_to_html(fig: go.Figure, title: str = "timeline") -> bytes:
    """The figure as one self-contained HTML file that works offline: plotly.js is inlined
    (no CDN), MathJax is not loaded."""
    page = fig.to_html(
        include_plotlyjs=True, include_mathjax=False, full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    page = page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)
    return page.encode("utf-8")


MAX_FRAME_TEXT: Final = 300  # characters of a title, caption or credit


@dataclass(frozen=True)
class ReportFrame:
    """What a chart in a report carries around it: a title, a caption (what it shows), a
    source credit, and its size. Text is the user's: it is escaped when drawn."""

    title: str = ""
    caption: str = ""
    credit: str = ""
    width: int = SIZE_PRESETS[DEFAULT_PRESET][1]
    height: int = SIZE_PRESETS[DEFAULT_PRESET][2]

    def __post_init__(self) -> None:
        for name in ("title", "caption", "credit"):
            value = " ".join(str(getattr(self, name) or "").split())[:MAX_FRAME_TEXT]
            object.__setattr__(self, name, value)
        if not (200 <= self.width <= 8000 and 200 <= self.height <= 8000):
            raise InputError(f"a chart's size must be 200 to 8000 pixels a side, not "
                             f"{self.width} × {self.height}")

    @property
    def caption_px(self) -> int:
        """The height (pixels) the caption and the credit take under the plot; 0 without them."""
        lines = sum(1 for line in (self.caption, self.credit) if line)
        return 22 * lines + (12 if lines else 0)


def report_figure(fig: go.Figure, frame: ReportFrame) -> go.Figure:
    """A copy of `fig` dressed for a report: the frame's title, a caption and a credit line
    under the plot, its size, a white background, and every WebGL trace redrawn as an SVG
    trace so that SVG output is fully vector (a WebGL trace reaches an SVG file as a bitmap).

    The story chart (`charts.story.StoryFigure`) is drawn again at the frame's size, less
    the room of the caption and credit, so that its labels are placed for the size printed
    (they are laid out in pixels: a stretched story would move its marks under them), and
    without its overview strip, which pans and zooms on screen and does nothing on paper."""
    import plotly.graph_objects as go

    from timeline.present.charts.story import StoryFigure  # heavy: only charts need it

    under = [line for line in (frame.caption, frame.credit) if line]
    extra = frame.caption_px
    story_size = (frame.width, max(200, frame.height - extra))
    if isinstance(fig, StoryFigure) and fig.can_redraw:
        fig = fig.at_size(*story_size, overview=False)   # paper cannot pan: no overview strip
    out = go.Figure(data=[_as_vector_trace(trace) for trace in fig.data], layout=fig.layout)
    layout = out.layout
    margin_bottom = (layout.margin.b if layout.margin and layout.margin.b is not None else 40)
    out.update_layout(
        width=frame.width, height=frame.height, paper_bgcolor="white",
        margin={"b": margin_bottom + extra},
    )
    if frame.title:
        out.update_layout(title={"text": _plotly_text(frame.title), "x": 0.01, "xanchor": "left"})
    for index, (line, size, colour) in enumerate(
            (line, 13 if line is frame.caption else 11, "#333" if line is frame.caption else "#666")
            for line in under):
        out.add_annotation(
            text=_plotly_text(line), xref="paper", yref="paper", x=0, y=0, xanchor="left",
            yanchor="top", yshift=-(margin_bottom + 6 + 22 * index), showarrow=False,
            align="left", font={"size": size, "color": colour})
    return out


def _as_vector_trace(trace: object) -> object:
    import plotly.graph_objects as go

    if getattr(trace, "type", None) != "scattergl":
        return trace
    spec = {k: v for k, v in trace.to_plotly_json().items() if k != "type"}
    try:
        return go.Scatter(spec)
    except ValueError:  # a WebGL-only property: keep the trace as it is rather than fail
        return trace


def _plotly_text(text: str) -> str:
    """User text for a Plotly label: Plotly reads a subset of HTML in labels, so escape it."""
    return html.escape(text, quote=False)


def embed_snippet(frame: ReportFrame, html_file: str = "timeline.html",
                  image_file: str = "timeline.svg") -> str:
    """An HTML snippet that embeds the exported chart in a web page or a CMS: the interactive
    offline page in an iframe, the SVG as a fallback image, the caption and credit as a
    figcaption. Every piece of user text is escaped."""
    title = html.escape(frame.title or "Timeline", quote=True)
    # The credit on its own line, smaller, as in the image: run into the caption it read as
    # one sentence ("Talks in Geneva Source: 3 articles").
    lines = [html.escape(frame.caption)] if frame.caption else []
    if frame.credit:
        lines.append(f"<small>{html.escape(frame.credit)}</small>")
    caption = "<br>".join(lines)
    return (
        f'<figure class="timeline-chart" style="margin:0;max-width:{frame.width}px">\n'
        f'  <iframe src="{html.escape(html_file, quote=True)}" title="{title}" '
        f'width="{frame.width}" height="{frame.height}" loading="lazy" '
        f'style="border:0;width:100%;aspect-ratio:{frame.width}/{frame.height};height:auto">\n'
        f'    <img src="{html.escape(image_file, quote=True)}" alt="{title}" '
        f'width="{frame.width}" height="{frame.height}">\n'
        f'  </iframe>\n'
        + (f'  <figcaption>{caption}</figcaption>\n' if caption else '')
        + '</figure>\n'
    )


# kaleido 1.x can read the JavaScript context of the blank page it navigated away from when the
# machine is loaded (seen in CI: "kaleido_scopes is not defined"); a fresh browser renders it.
_PAGE_NOT_READY = "kaleido_scopes is not defined"
_RENDER_ATTEMPTS = 2


def figure_to_image(
    fig: go.Figure, fmt: str = "png", *, width: int | None = None, height: int | None = None, scale: float = 2.0
) -> bytes:
    """The figure as PNG or SVG bytes, rendered by kaleido in the machine's Chromium (nothing
    is downloaded: BROWSER_PATH, else chromium/google-chrome on PATH, else /usr/bin/chromium).
    Raises TimelineError when no browser is found or rendering fails."""
    fmt = fmt.lower()
    if fmt not in IMAGE_FORMATS:
        raise InputError(f"image format must be one of {', '.join(IMAGE_FORMATS)}, not {fmt!r}")
    browser = find_browser()
    import kaleido  # heavy; only image export needs it

    # SVG is vector: its size is the figure's; PNG is rendered at `scale` for sharpness.
    opts: dict[str, object] = {"format": fmt, "scale": scale if fmt == "png" else 1}
    opts["width"] = width or fig.layout.width or 1200
    opts["height"] = height or fig.layout.height or 600
    for attempt in range(_RENDER_ATTEMPTS):
        try:
            data = kaleido.calc_fig_sync(fig, opts=opts, kopts={"path": browser, "mathjax": False})
            break
        except Exception as exc:  # kaleido raises many kinds; the user needs one clear message
            if _PAGE_NOT_READY in str(exc) and attempt + 1 < _RENDER_ATTEMPTS:
                continue
            raise TimelineError(f"could not render the chart as {fmt.upper()} with {browser}: {exc}") from exc
    if isinstance(data, str):
        data = data.encode("utf-8")
    return bytes(data)


def find_browser() -> str:
    """The Chromium/Chrome kaleido should drive; TimelineError when there is none."""
    candidates = [os.environ.get("BROWSER_PATH", "")]
    candidates += [shutil.which(name) or "" for name in _CHROME_NAMES]
    candidates.append(DEFAULT_BROWSER)
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise TimelineError(
        "exporting PNG or SVG needs Chromium or Chrome, and none was found: install Debian's "
        "`chromium` package (apt-get install chromium) or set BROWSER_PATH to a Chrome executable"
    )


def _dated_copy(events: pd.DataFrame) -> pd.DataFrame:
    out = events.copy()
    for column in (schema.DATE_START, schema.DATE_END):
        out[column] = _iso_dates(out[column])
    return out


def _iso_dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").astype(object).where(values.notna(), None)


def _records(events: pd.DataFrame) -> list[dict[str, object]]:
    table = _dated_copy(events)
    out = []
    for row in table.to_dict("records"):
        record: dict[str, object] = {}
        for column, value in row.items():
            if column in schema.LIST_COLUMNS:
                record[column] = schema.as_str_list(value)
            elif describe.plain(value) == "":
                record[column] = None if value is None or pd.isna(value) else value
            elif isinstance(value, np.generic):
                record[column] = value.item()
            else:
                record[column] = value
        out.append(record)
    return out


def _document_index(documents: pd.DataFrame | None) -> dict[str, dict[str, object]]:
    if documents is None or documents.empty:
        return {}
    docs = schema.validate_documents(documents)
    return {describe.plain(r[schema.DOC_ID]): r for r in docs.to_dict("records")}


def _tljs_date(day: dt.date, granularity: str) -> dict[str, int]:
    if granularity in ("year", "decade"):
        return {"year": day.year}
    if granularity in ("month", "season", "quarter"):
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def _tljs_text(row: dict[str, object], docs: dict[str, dict[str, object]]) -> str:
    parts = []
    sentence = describe.plain(row[schema.SENTENCE])
    if sentence:
        parts.append(f"<p>“{html.escape(sentence)}”</p>")
    written = describe.plain(row[schema.TIMEX_TEXT])
    if written:
        parts.append(f"<p>Date as written: “{html.escape(written)}”; resolved: "
                     f"{html.escape(describe.resolved_date(row))}</p>")
    actors = schema.as_str_list(row[schema.ACTORS])
    if actors:
        parts.append(f"<p>Actors: {html.escape(', '.join(actors))}</p>")
    info = docs.get(describe.plain(row[schema.DOC_ID]))
    if info:
        published = describe.as_date(info.get(schema.PUBLISHED))
        cite = ", ".join(x for x in (describe.plain(info.get(schema.TITLE)), describe.plain(info.get(schema.SOURCE)),
                                     published.isoformat() if published else "") if x)
        parts.append(f"<p><em>Source: {html.escape(cite)}</em></p>")
    return "".join(parts)


CHRONOLOGY_DATE_COLUMNS: Final = (schema.DATE_START, schema.DATE_END, schema.FIRST_REPORTED,
                                  schema.LAST_REPORTED)


def chronology_to_csv(chronology: pd.DataFrame) -> bytes:
    """The chronology (one row per real-world event, curated or not) as CSV bytes for
    spreadsheets, like `events_to_csv`: UTF-8 with a BOM, dates as YYYY-MM-DD, list columns
    (actors, places, mention and article ids, outlets) joined with "; ", cells a spreadsheet
    would run as formulas prefixed with "'". `edited_fields` names the fields a user corrected
    (empty: the machine's values), so a report can mark them."""
    table = schema.validate_chronology(chronology)
    for column in CHRONOLOGY_DATE_COLUMNS:
        table[column] = _iso_dates(table[column])
    for column in schema.CHRONOLOGY_LIST_COLUMNS:
        table[column] = ["; ".join(schema.as_str_list(v)) for v in table[column]]
    buffer = io.StringIO()
    to_csv(table, buffer)
    return buffer.getvalue().encode(CSV_ENCODING)
