"""The command line: `timeline extract PATH... [--published DATE] [-o OUT.csv|.json|.parquet]`.

The group is open for more commands (`@main.command()`). Library errors become one-line
messages with a non-zero exit (click.ClickException), never tracebacks.
"""
from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from timeline.errors import TimelineError

if TYPE_CHECKING:
    import pandas as pd

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
    from timeline.events import extract_document

    pub = _parse_date(published)
    if output is not None and output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise click.UsageError(f"-o must end in {', '.join(OUTPUT_SUFFIXES)} (got {output.name!r})")
    files = list(_article_files(paths))
    if not files:
        raise click.ClickException("no article files (.txt, .md, .html) in the paths given")
    tables, failures = [], []
    with click.progressbar(files, label="Extracting", file=click.get_text_stream("stderr"),
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
    from timeline import describe, schema

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
    from timeline.documents import SUFFIX_FORMATS

    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                              and p.suffix.lower() in SUFFIX_FORMATS)
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
    from timeline import exports

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


if __name__ == "__main__":
    main()
