"""The command line: `timeline extract PATH... [--published DATE] [-o OUT.csv|.json|.parquet]`.

The group is open for more commands (`@main.command()`). Library errors become one-line
messages with a non-zero exit (click.ClickException), never tracebacks.
"""
from __future__ import annotations

import datetime as dt
import pathlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from timeline.errors import TimelineError
from timeline.present.sizes import SIZE_PRESETS, preset_label  # light: no pandas

if TYPE_CHECKING:
    import pandas as pd

    from timeline.corpus.pipeline import IngestSummary
    from timeline.corpus.store import EventStore
    from timeline.documents import Document

OUTPUT_SUFFIXES = (".csv", ".json", ".parquet")
PROGRESS_FROM = 5  # files: show a progress bar from this many on


@click.group()
@click.version_option(package_name="timeline")
def main() -> None:
    """Turn news articles about diplomacy into a chronology of dated events."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=pathlib.Path))
@click.option("--published", metavar="YYYY-MM-DD",
              help="Publication date for articles whose metadata has none.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=pathlib.Path),
              help="Write the events to OUT.csv, OUT.json or OUT.parquet instead of printing them.")
def extract(paths: tuple[pathlib.Path, ...], published: str | None, output: pathlib.Path | None) -> None:
    """Extract the dated events of the articles at PATHS (files or folders of .txt, .md, .html)."""
    from timeline.extract.events import extract_document

    pub = _parse_date(published)
    if output is not None and output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise click.UsageError(f"-o must end in {', '.join(OUTPUT_SUFFIXES)} (got {output.name!r})")
    files = list(_article_files(paths))
    if not files:
        raise click.ClickException("no article files (.txt, .md, .html) in the paths given")
    tables, failures = [], []
    with click.progressbar(files, label="Extracting", file=sys.stderr,
                           hidden=len(files) < PROGRESS_FROM) as bar:
        for file in bar:
            try:
                tables.append(extract_document(_load(file, pub)))
            except TimelineError as exc:
                failures.append(str(exc))
            except Exception as exc:  # a bug must not lose the other files' events, nor show a traceback
                failures.append(f"{file}: could not be processed ({type(exc).__name__}: {exc})")
    if not tables:
        raise click.ClickException(failures[0] if len(files) == 1 else
                                   "no article could be read:\n" + "\n".join(failures))
    for message in failures:
        click.echo(f"Error: {message}", err=True)
    events = _concat(tables)
    if output is None:
        click.echo(chronology(events))
    else:
        _write(events, output)
        click.echo(f"{len(events)} events from {len(tables)} article(s) written to {output}", err=True)
    if failures:
        raise click.ClickException(f"{len(failures)} of {len(files)} files could not be read (see above)")


def chronology(events: pd.DataFrame) -> str:
    """The events as readable lines, oldest first: date, type, status, who, where, sentence."""
    from timeline.present import describe
    from timeline import schema

    if events.empty:
        return "No dated events found."
    lines = []
    for row in events.sort_values([schema.DATE_START, schema.DOC_ID, schema.CHAR_START]).to_dict("records"):
        where = ", ".join(schema.as_str_list(row[schema.LOCATIONS]))
        lines.append(f"{describe.resolved_date(row)}  {describe.headline(row)}" + (f"  @ {where}" if where else ""))
        lines.append(f"    {describe.snippet(row[schema.SENTENCE])}")
        lines.append(f"    [{row[schema.DOC_ID]}; date: {row[schema.DATE_RULE]}]")
    return "\n".join(lines)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD", param_hint="--published") from None


def _article_files(paths: tuple[pathlib.Path, ...]) -> Iterator[pathlib.Path]:
    from timeline.documents import is_article_file
    from timeline.folders import walk_folder

    for path in paths:
        if path.is_dir():
            # the files `timeline ingest` and the dashboard's seeding read from a folder
            walk = walk_folder(path, is_article_file)
            for skipped in walk.skipped:
                click.echo(f"Skipped: {skipped.message}", err=True)
            yield from walk.files
        elif path.exists():
            yield path
        else:
            raise click.ClickException(f"{path}: no such file or folder")


def _load(file: pathlib.Path, published: dt.date | None) -> Document:
    from timeline.documents import load_document

    return load_document(file, published=published)


def _concat(tables: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    from timeline import schema

    non_empty = [t for t in tables if not t.empty]
    return schema.validate(pd.concat(non_empty, ignore_index=True)) if non_empty else schema.empty_events()


def _write(events: pd.DataFrame, output: pathlib.Path) -> None:
    from timeline.present import exports

    suffix = output.suffix.lower()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".csv":
            output.write_bytes(exports.events_to_csv(events))
        elif suffix == ".json":
            output.write_bytes(exports.events_to_json(events))
        else:
            events.to_parquet(output, index=False)
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot be written: {exc.strerror or exc}") from None


# --- timeline chart ------------------------------------------------------------------------------
CHART_SUFFIXES = (".svg", ".png", ".html")
EVENTS_SUFFIXES = (".csv", ".json", ".parquet")
SEED_EVENTS = pathlib.Path("data") / "seed_events.csv"
CHART_VIEWS = ("story", "timeline", "activity", "map")


@dataclass(frozen=True)
class ChartInput:
    """What a chart is drawn from: the mentions (for the filters and the mention views), the
    articles when known, and the chronology (one row per real-world event) when the story
    needs it: the store's own, curated, or computed from the mentions."""

    mentions: pd.DataFrame
    documents: pd.DataFrame | None = None
    chronology: pd.DataFrame | None = None


@main.command()
@click.argument("events", nargs=-1, type=click.Path(path_type=pathlib.Path))
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=pathlib.Path),
              help="Draw a store's corpus instead of EVENTS: its stored chronology, with the "
                   "corrections made in the dashboard.")
@click.option("--actor", "actors", multiple=True, metavar="NAME",
              help="Only events naming this actor (repeatable; a state includes its people).")
@click.option("--type", "event_types", multiple=True, metavar="TYPE", help="Only this event type (repeatable).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(["occurred", "planned"]),
              help="Only events that happened (occurred) or are planned (repeatable).")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="Only events that end on or after this day.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Only events that start on or before this day.")
@click.option("--doc", "doc_ids", multiple=True, metavar="DOC_ID", help="Only events of this article (repeatable).")
@click.option("--query", "-q", default="", help="Only events whose sentence, date or actors contain this text.")
@click.option("--view", type=click.Choice(CHART_VIEWS), default="story", show_default=True,
              help="The story (the chronology, one mark per real-world event, key events "
                   "labelled: the dashboard's first view), the timeline of mentions, actor "
                   "activity over time, or the map of places.")
@click.option("--lane", type=click.Choice(["actor", "event_type", "doc_id"]), default=None,
              help="What the rows are (default: event type for the story, actor for the timeline "
                   "and activity).")
@click.option("--split", is_flag=True,
              help="Story by actor or article: an event in the lane of each of its actors "
                   "(articles), not once.")
@click.option("--publications", is_flag=True, help="Story: a tick on each article's publication day.")
@click.option("--label", "label_count", type=click.IntRange(0, 50), default=None,
              help="Story: label the N key events (default: as in the dashboard). Timeline: label "
                   "the N most confident events (default: none).")
@click.option("--published", metavar="YYYY-MM-DD",
              help="Publication date for articles whose metadata has none (when EVENTS are articles).")
@click.option("--title", default="", help="The chart's title, for a report.")
@click.option("--caption", default="", help="A caption under the chart: what it shows.")
@click.option("--credit", default="", help="A source credit under the caption.")
@click.option("--preset", type=click.Choice(list(SIZE_PRESETS)), default=None,
              help="A size for reports: " + "; ".join(f"{k}: {preset_label(k)}" for k in SIZE_PRESETS) + ".")
@click.option("--width", type=click.IntRange(200, 8000), help="Image width in pixels.")
@click.option("--height", type=click.IntRange(200, 8000), help="Image height in pixels.")
@click.option("--embed", is_flag=True,
              help="Also write OUT.html and OUT.svg beside OUT and print an HTML snippet that "
                   "embeds them in a web page (the interactive chart, the SVG as its fallback).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=pathlib.Path),
              help="figure.svg, figure.png or figure.html (self-contained, works offline).")
def chart(events: tuple[pathlib.Path, ...], store_path: pathlib.Path | None, actors: tuple[str, ...],
          event_types: tuple[str, ...], statuses: tuple[str, ...], date_from: str | None,
          date_to: str | None, doc_ids: tuple[str, ...], query: str, view: str, lane: str | None,
          split: bool, publications: bool, label_count: int | None, published: str | None,
          title: str, caption: str, credit: str, preset: str | None,
          width: int | None, height: int | None, embed: bool, output: pathlib.Path) -> None:
    """Draw the chart of EVENTS: an events file (.csv, .json, .parquet, as written by
    `timeline extract -o`) or articles (files or folders, extracted on the spot), or of a
    store (--store). Without either, the seed corpus's events (data/seed_events.csv).

    The story, the default, is the dashboard's first view: from a store, its chronology as
    stored and corrected; from EVENTS, the chronology computed from their mentions. The title,
    caption, credit and sizes are those of the dashboard's export form."""
    from timeline import schema
    from timeline.present import charts, exports
    from timeline.present.charts.story import chronology_for_mentions
    from timeline.present.filters import EventFilter, facet_values, unknown_values

    suffix = output.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise click.UsageError(f"-o must end in {', '.join(CHART_SUFFIXES)} (got {output.name!r})")
    if store_path is not None and events:
        raise click.UsageError("give EVENTS or --store, not both")
    if view != "story" and (split or publications):
        raise click.UsageError("--split and --publications are options of the story (--view story)")
    event_filter = EventFilter(
        actors=actors, event_types=event_types, statuses=statuses, doc_ids=doc_ids, query=query,
        date_from=_parse_date_option(date_from, "--from"), date_to=_parse_date_option(date_to, "--to"),
    )
    data = (_store_input(store_path, view == "story") if store_path is not None
            else _chart_input(events, _parse_date(published), view == "story"))
    table, documents = data.mentions, data.documents
    unknown = unknown_values(actors, event_types, doc_ids, facet_values(table))
    if unknown:
        raise click.ClickException("; ".join(u.message() for u in unknown))
    shown = table if event_filter.is_empty else event_filter.apply(table)
    size = SIZE_PRESETS[preset][1:] if preset else (None, None)
    want_width, want_height = width or size[0], height or size[1]
    frame_text = {"title": title, "caption": caption, "credit": credit}
    room = exports.ReportFrame(**frame_text).caption_px  # under the plot: caption and credit
    try:
        if view == "story" and data.chronology is not None:
            chronology = (data.chronology if event_filter.is_empty
                          else chronology_for_mentions(data.chronology, shown[schema.EVENT_ID]))
            what = (f"{len(chronology)} events" if event_filter.is_empty
                    else f"{len(chronology)} of {len(data.chronology)} events")
            story_lane = lane or "event_type"
            # Drawn at the size it is written at: its labels are placed in pixels for it.
            figure = charts.story_figure(
                chronology, documents, lane=story_lane, split=split and story_lane != "event_type",
                key_events=label_count, show_publications=publications,
                now=_latest_publication(documents),
                width=want_width, height=want_height - room if want_height else None)
        else:
            what = (f"{len(shown)} of {len(table)} events" if not event_filter.is_empty
                    else f"{len(table)} events")
            if view == "timeline":
                figure = charts.timeline_figure(shown, documents, lane=lane or "actor",
                                                label_key_events=label_count or 0)
            elif view == "activity":
                figure = charts.activity_figure(shown, by=lane or "actor", documents=documents)
            else:
                figure = charts.map_figure(shown)
        frame = exports.ReportFrame(
            **frame_text,
            width=want_width or int(figure.layout.width or 1200),
            height=want_height or int(figure.layout.height or 600) + (room if view == "story" else 0))
        framed = exports.report_figure(figure, frame)
        files = {output: suffix}
        if embed:
            files.update({output.with_suffix(".html"): ".html", output.with_suffix(".svg"): ".svg"})
        made = {path: (exports.figure_to_html(framed, title=title or f"timeline: {view}")
                       if kind == ".html"
                       else exports.figure_to_image(framed, kind[1:], width=frame.width,
                                                    height=frame.height))
                for path, kind in files.items()}
    except TimelineError as exc:
        raise click.ClickException(str(exc)) from None
    for path, content in made.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        except OSError as exc:
            raise click.ClickException(f"{path}: cannot be written: {exc.strerror or exc}") from None
    click.echo(f"{view} of {what} written to {', '.join(str(p) for p in made)}", err=True)
    if embed:
        click.echo(exports.embed_snippet(frame, output.with_suffix(".html").name,
                                         output.with_suffix(".svg").name), nl=False)


def _latest_publication(documents: pd.DataFrame | None) -> pd.Timestamp | None:
    """The last publication day of the articles: the story's "now" line (planned events
    after it are ahead)."""
    import pandas as pd

    from timeline import schema

    if documents is None or documents.empty:
        return None
    latest = pd.to_datetime(documents[schema.PUBLISHED], errors="coerce").max()
    return None if pd.isna(latest) else latest


def _parse_date_option(value: str | None, name: str) -> dt.date | None:
    try:
        return _parse_date(value)
    except click.BadParameter:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD", param_hint=name) from None


def _chart_input(paths: tuple[pathlib.Path, ...], published: dt.date | None,
                 with_chronology: bool = False) -> ChartInput:
    """The mentions (and, for articles, the documents) the chart is drawn from, and with
    `with_chronology`, their chronology, computed."""
    if not paths:
        if not SEED_EVENTS.is_file():
            raise click.UsageError(f"no EVENTS given and no {SEED_EVENTS} here: give an events file, "
                                   "articles or --store")
        paths = (SEED_EVENTS,)
    if len(paths) == 1 and paths[0].suffix.lower() in EVENTS_SUFFIXES:
        mentions, documents = _read_events(paths[0]), None
    else:
        mentions, documents = _extract_articles(paths, published)
    if not with_chronology:
        return ChartInput(mentions, documents)
    from timeline.corpus.chronology import chronology

    try:
        return ChartInput(mentions, documents, chronology(mentions, documents))
    except TimelineError as exc:
        raise click.ClickException(f"the chronology could not be made: {exc}") from None


def _extract_articles(paths: tuple[pathlib.Path, ...], published: dt.date | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    from timeline.extract.events import extract_document

    documents, tables = [], []
    for file in _article_files(paths):
        try:
            document = _load(file, published)
            tables.append(extract_document(document))
        except TimelineError as exc:
            click.echo(f"Error: {exc}", err=True)
            continue
        documents.append(document)
    if not documents:
        raise click.ClickException("no article could be read from the paths given")
    return _concat(tables), _documents_table(documents)


def _store_input(path: pathlib.Path, with_chronology: bool) -> ChartInput:
    """A store's mentions, articles and chronology as the dashboard shows them: the stored
    chronology with the edits log replayed over it (hidden mentions and deleted articles left
    out). Like the dashboard, it first brings a writable store in step with this version's
    rules (mentions extracted again, the chronology updated and stored)."""
    from timeline import schema
    from timeline.corpus.curation import apply_edits_to_mentions, curate
    from timeline.corpus.store import EventStore

    if not path.is_dir():
        raise click.ClickException(f"{path}: no store here")
    try:
        store = EventStore(path)
        _refresh(store)
        mentions, documents, edits = store.mentions(), store.documents(), store.edits()
        if mentions.empty:
            raise click.ClickException(f"no dated events in the store at {store.path}: add articles first")
        if not with_chronology:
            return ChartInput(apply_edits_to_mentions(mentions, edits), documents)
        base = _chronology_in_step(store, mentions, documents)
        curation = curate(base, edits, mentions, documents)
    except TimelineError as exc:
        raise click.ClickException(str(exc)) from None
    if curation.hidden_mentions or curation.deleted_articles:
        mentions = apply_edits_to_mentions(mentions, edits)
        documents = documents[~documents[schema.DOC_ID].isin(curation.deleted_articles)]
    return ChartInput(mentions, documents, curation.chronology)


def _refresh(store: EventStore) -> None:
    """Mentions made by older extraction rules are made again from the stored texts, as the
    dashboard does when it starts (a read-only store is read as it is)."""
    from timeline.corpus.ingest import refresh_store, rules_changed

    if rules_changed(store):
        click.echo("The extraction rules changed since these articles were read: reading them again...", err=True)
    refresh_store(store)


def _chronology_in_step(store: EventStore, mentions: pd.DataFrame | None,
                        documents: pd.DataFrame) -> pd.DataFrame:
    """The store's chronology in step with its mentions and the merge rules of this version:
    brought up to date and stored, as the dashboard does. A read-only store's is shown as it was
    made, as the dashboard shows it, with one note on stderr when it is out of date: merging all
    its mentions again on every call (what this did) cost a big store minutes each time (50,000
    mentions ~5 s, a million ~200 s) for events merged from the same, older mentions. Only a
    chronology that lacks some of the stored mentions (a writer cut off between its two writes,
    a store from before chronologies were stored) is merged again, in memory: a read-only store
    has nowhere to keep it, and one refresh where it can be written ends it."""
    from timeline.corpus.chronology import chronology
    from timeline.corpus.sync import read_only_lag, sync_chronology

    if store.writable:
        sync_chronology(store)
        return store.chronology()
    lag = read_only_lag(store)
    note = lag.note(store.path)
    if note is not None:
        click.echo(f"Note: {note}", err=True)
    if lag.chronology_behind:
        return chronology(store.events() if mentions is None else mentions, documents)
    return store.chronology()


def _read_events(path: pathlib.Path) -> pd.DataFrame:
    import json

    import pandas as pd

    from timeline import schema

    if not path.is_file():
        raise click.ClickException(f"{path}: no such file")
    text_columns = {c: "string" for c, t in schema.EVENT_COLUMNS.items() if t == "string" or c in schema.LIST_COLUMNS}
    try:
        suffix = path.suffix.lower()
        if suffix == ".csv":
            table = pd.read_csv(path, encoding="utf-8-sig", dtype=text_columns, keep_default_na=False, na_values=[""])
        elif suffix == ".json":
            table = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
        else:
            table = pd.read_parquet(path)
        return schema.validate(table)
    except TimelineError as exc:
        raise click.ClickException(f"{path}: not an events table: {exc}") from None
    except Exception as exc:  # unreadable file of any kind: one clear line, no traceback
        raise click.ClickException(f"{path}: cannot be read as an events table ({type(exc).__name__}: {exc})") from None


def _documents_table(documents: list[Document]) -> pd.DataFrame:
    import pandas as pd

    from timeline import schema

    rows = [{schema.DOC_ID: d.doc_id, schema.TITLE: d.title, schema.SOURCE: d.source, schema.PUBLISHED: d.published,
             schema.PATH: str(d.path or ""), schema.TEXT: d.text, schema.CONTENT_HASH: d.content_hash}
            for d in documents]
    return schema.validate_documents(pd.DataFrame(rows))


# --- timeline chronology -------------------------------------------------------------------------
CHRONOLOGY_SUFFIXES = (".csv", ".json", ".md")


@main.command("chronology")
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=pathlib.Path),
              help="The store folder (default: $TIMELINE_STORE or data/store).")
@click.option("--top", type=click.IntRange(1, 100_000), default=20, show_default=True,
              help="How many key events, most salient first.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=pathlib.Path),
              help="Write the key events to OUT.csv, OUT.json or OUT.md instead of printing them.")
def chronology_command(store_path: pathlib.Path | None, top: int, output: pathlib.Path | None) -> None:
    """The key events of the stored corpus: mentions merged into events, most salient first,
    with their dates, headlines and number of sources."""
    from timeline.corpus.curation import curate
    from timeline.corpus.store import EventStore

    if output is not None and output.suffix.lower() not in CHRONOLOGY_SUFFIXES:
        raise click.UsageError(f"-o must end in {', '.join(CHRONOLOGY_SUFFIXES)} (got {output.name!r})")
    try:
        store = EventStore(store_path)
        _refresh(store)
        documents = store.documents()
        table = _chronology_in_step(store, None, documents)
        edits = store.edits()
        if not edits.empty:  # the dashboard's corrections, as every view shows them
            table = curate(table, edits, store.mentions(), documents).chronology
    except TimelineError as exc:
        raise click.ClickException(str(exc)) from None
    if table.empty:
        raise click.ClickException(f"no dated events in the store at {store.path}: add articles first")
    key_events = table.sort_values(["salience", "date_start"], ascending=[False, True], kind="stable").head(top)
    if output is None:
        click.echo(_key_event_lines(key_events))
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(_key_events_file(key_events, output.suffix.lower()))
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot be written: {exc.strerror or exc}") from None
    click.echo(f"{len(key_events)} of {len(table)} events written to {output}", err=True)


def _sources_count(row: dict[str, object]) -> str:
    from timeline import schema

    outlets = len(schema.as_str_list(row["sources"]))
    articles = int(row["n_articles"])  # type: ignore[call-overload]
    text = f"{articles} article{'s' if articles != 1 else ''}"
    return text + (f", {outlets} outlet{'s' if outlets != 1 else ''}" if outlets else "")


def _key_event_lines(events: pd.DataFrame) -> str:
    from timeline.present import describe

    lines = []
    for row in events.to_dict("records"):
        lines.append(f"{describe.resolved_date(row)}  {describe.plain(row['headline'])}  "
                     f"[{row['status']}; {_sources_count(row)}; salience {row['salience']:.2f}]")
        lines.append(f"    {describe.plain(row['salience_reason'])}")
    return "\n".join(lines)


def _key_events_file(events: pd.DataFrame, suffix: str) -> bytes:
    import json

    from timeline import schema
    from timeline.present import describe, exports

    if suffix == ".csv":
        out = events.copy()
        for col in schema.CHRONOLOGY_LIST_COLUMNS:
            out[col] = ["; ".join(schema.as_str_list(v)) for v in out[col]]
        return (exports.to_csv(out) or "").encode(exports.CSV_ENCODING)
    if suffix == ".json":
        records = json.loads(events.to_json(orient="records", date_format="iso"))
        for record in records:
            record["status_history"] = json.loads(record["status_history"] or "[]")
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    lines = ["# Key events", "", "| date | event | status | sources | why |", "| --- | --- | --- | --- | --- |"]
    for row in events.to_dict("records"):
        cells = [describe.resolved_date(row), describe.plain(row["headline"]), describe.plain(row["status"]),
                 _sources_count(row), describe.plain(row["salience_reason"])]
        lines.append("| " + " | ".join(exports.escape_markdown(c) for c in cells) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")


LIVE_FAILURES = 20  # failure messages shown as they happen; the rest are counted (and logged)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=pathlib.Path))
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=pathlib.Path),
              help="The store folder (default: $TIMELINE_STORE, else data/store).")
@click.option("--published", metavar="YYYY-MM-DD",
              help="Publication date for articles that have none of their own.")
@click.option("--workers", type=click.IntRange(1, 256), metavar="N",
              help="Local processes extracting (default: the machine's cores).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on the Dask cluster of this scheduler (tcp://HOST:8786) instead.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Articles per task and per store write (what an interruption may redo).")
@click.option("--text-column", default="text", show_default=True, help="Tables: the article text.")
@click.option("--published-column", default="published", show_default=True,
              help="Tables: the publication date.")
@click.option("--title-column", default="title", show_default=True, help="Tables: the title.")
@click.option("--source-column", default="source", show_default=True, help="Tables: the outlet.")
@click.option("--url-column", default="url", show_default=True, help="Tables: the address.")
@click.option("--id-column", default="doc_id", show_default=True, help="Tables: the article id.")
@click.option("--failures", "failures_log", type=click.Path(dir_okay=False, path_type=pathlib.Path),
              help="Write every failure to this JSON Lines file (reason, message).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[pathlib.Path, ...], store_path: pathlib.Path | None, published: str | None,
           workers: int | None, scheduler: str | None, batch_size: int, text_column: str,
           published_column: str, title_column: str, source_column: str, url_column: str,
           id_column: str, failures_log: pathlib.Path | None, quiet: bool) -> None:
    """Put the articles at PATHS into the store: files and folders (.txt, .md, .html), tables
    with one article a row (.jsonl, .csv, .parquet) and .zip archives of them. Extraction runs
    in parallel; run it again after an interruption and it goes on where it stopped."""
    import json

    from tqdm import tqdm

    from timeline.corpus.collections import Columns
    from timeline.corpus.pipeline import ingest as run_ingest
    from timeline.corpus.store import EventStore

    if scheduler and workers:
        raise click.UsageError("give --workers or --scheduler, not both (a cluster has its own workers)")
    columns = Columns(text=text_column, published=published_column, title=title_column,
                      source=source_column, url=url_column, doc_id=id_column)
    bar = tqdm(total=None, unit="article", file=sys.stderr, disable=quiet or None, dynamic_ncols=True)
    shown = 0
    log = None

    def progress(summary: IngestSummary) -> None:
        if bar.total != summary.total:
            bar.total = summary.total
            bar.refresh()
        bar.set_postfix(added=summary.added, stored=summary.already_stored,
                        failed=summary.failed_count, refresh=False)
        bar.update(summary.done - bar.n)  # redraws, with the counts above

    def failure(reason: str, message: str) -> None:
        nonlocal shown
        if log is not None:
            log.write(json.dumps({"reason": reason, "message": message}) + "\n")
        if shown < LIVE_FAILURES:
            bar.write(f"Error: {message}", file=sys.stderr)
        shown += 1

    try:
        if failures_log is not None:
            failures_log.parent.mkdir(parents=True, exist_ok=True)
            log = open(failures_log, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        store = EventStore(store_path)
        summary = run_ingest(paths, store, workers=workers, scheduler=scheduler,
                             batch_size=batch_size, published=_parse_date(published),
                             columns=columns, on_progress=progress, on_failure=failure)
    except TimelineError as exc:
        raise click.ClickException(f"{exc} (articles stored so far are kept; run again to go on)") from None
    except OSError as exc:
        raise click.ClickException(f"{failures_log}: cannot be written: {exc.strerror or exc}") from None
    finally:
        bar.close()
        if log is not None:
            log.close()
    if summary.done == 0 and not summary.interrupted:
        raise click.ClickException("nothing to ingest: no articles (.txt, .md, .html), tables (.jsonl, "
                                   ".csv, .parquet) or .zip archives in the paths given")
    click.echo(ingest_report(summary, store.path, shown - LIVE_FAILURES), err=True)
    if summary.interrupted:
        sys.exit(130)  # the shell's code for Ctrl-C
    if summary.failed_count:
        sys.exit(1)


def ingest_report(summary: IngestSummary, store_path: pathlib.Path, unshown: int = 0) -> str:
    """The end-of-ingest summary: added, already stored, failed by reason, and the speed."""
    lines = [("Interrupted: " if summary.interrupted else "")
             + f"{summary.added} added ({summary.events} events), {summary.already_stored} already stored, "
             f"{summary.failed_count} failed, in {summary.seconds:.1f} s "
             f"({summary.articles_per_second:.1f} articles/s) -> {store_path}"]
    for reason, count in summary.failed.most_common():
        lines.append(f"  {count} failed: {reason}")
        lines.extend(f"      {example}" for example in summary.examples.get(reason, [])[:2])
    if unshown > 0:
        lines.append(f"  ({unshown} failure messages not shown; --failures FILE writes them all)")
    if summary.interrupted:
        lines.append("Run the same command again to go on: what is stored is skipped.")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
