"""`timeline extract`: a readable chronology, CSV/JSON/Parquet output, folders and progress, and
bad input that ends in a message and a non-zero exit, never a traceback."""
from __future__ import annotations

import json
import pathlib

import pandas as pd
import pytest
from click.testing import CliRunner

from timeline import schema
from timeline.cli import main

ARTICLE = ("Envoys Meet in Geneva\n\n"
           "GENEVA — The U.N. envoy met both delegations in Geneva on Monday, officials said. "
           "The talks will resume on March 3, the envoy said.\n")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(folder: pathlib.Path, name: str, data: bytes | str, published: str | None = "2021-02-24") -> pathlib.Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if published:
        (folder / (path.stem + ".meta.yaml")).write_text(f"published: {published}\n")
    return path


def assert_clean_failure(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Error:" in result.output


def test_extract_prints_a_readable_chronology_oldest_first(runner, seeds_dir):
    result = runner.invoke(main, ["extract", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line[:4].isdigit()]
    assert len(lines) >= 9
    assert [line[:10] for line in lines] == sorted(line[:10] for line in lines)
    assert any(line.startswith("2016-02-11") and "Meeting (planned)" in line and "Munich" in line for line in lines)
    assert "Wednesday -> publication day 2016-02-03" in result.output


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_extract_writes_the_events_table(runner, tmp_path, suffix):
    article = write(tmp_path, "geneva.txt", ARTICLE)
    out = tmp_path / f"events{suffix}"
    result = runner.invoke(main, ["extract", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        table = pd.read_csv(out, encoding="utf-8-sig")
    elif suffix == ".json":
        table = pd.DataFrame(json.loads(out.read_text()))
    else:
        table = pd.read_parquet(out)
    events = schema.validate(table)
    assert list(events["date_start"].dt.date.astype(str)) == ["2021-02-22", "2021-03-03"]
    assert list(events["status"]) == ["occurred", "planned"]
    assert "Geneva" in events["locations"].iloc[0]


def test_published_option_dates_an_article_without_metadata(runner, tmp_path):
    article = write(tmp_path, "undated.txt", ARTICLE, published=None)
    result = runner.invoke(main, ["extract", str(article), "--published", "2021-02-24"])
    assert result.exit_code == 0, result.output
    assert "2021-03-03" in result.output


def test_csv_output_neutralises_spreadsheet_formulas(runner, tmp_path):
    article = write(tmp_path, "formula.txt", "=HYPERLINK(\"http://x\") The envoys met in Geneva on Monday.\n")
    out = tmp_path / "events.csv"
    result = runner.invoke(main, ["extract", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert table["sentence"].iloc[0].startswith("'=HYPERLINK")
    assert not any(str(v).startswith(("=", "+", "@")) for v in table.to_numpy().ravel())


def test_many_files_show_a_progress_bar_and_one_bad_file_does_not_lose_the_others(runner, tmp_path):
    for i in range(6):
        write(tmp_path, f"article_{i}.txt", ARTICLE)
    write(tmp_path, "broken.txt", b"\x00\x01\x02binary\x00" * 50)
    out = tmp_path / "events.csv"
    result = runner.invoke(main, ["extract", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert "Extracting" in result.output
    assert "broken.txt" in result.output and "Traceback" not in result.output
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == 12


def test_a_folder_with_bad_files_extracts_the_good_one_and_names_each_bad_one_with_its_reason(
        runner, mixed_folder, mixed_folder_reasons):
    result = runner.invoke(main, ["extract", str(mixed_folder)])
    assert_clean_failure(result)  # some files could not be read: the exit status says so
    assert "Prague" in result.output  # the good article's events are printed all the same
    for name, reason in mixed_folder_reasons.items():
        (line,) = [line for line in result.output.splitlines() if f"{name}:" in line]
        assert reason in line
    assert "3 of 4 files could not be read" in result.output


@pytest.mark.parametrize("name, data, published, message", [
    ("empty.txt", b"", "2021-02-24", "empty.txt"),
    ("binary.txt", bytes(range(256)) * 20, "2021-02-24", "binary.txt"),
    ("utf16_no_bom.txt", "Caf\u00e9 talks ".encode("utf-16-le") * 50, "2021-02-24", "utf16_no_bom.txt"),
    ("mixed.txt", ("Caf\u00e9 " * 20).encode() + bytes(range(128, 160)) * 3, "2021-02-24", "mixed.txt"),
    ("undated.txt", ARTICLE.encode(), None, "no publication date"),
    ("huge.txt", (ARTICLE * 40000).encode()[:5_300_000], "2021-02-24", "huge.txt"),
    ("notes.pdf", b"%PDF-1.4 ...", "2021-02-24", "notes.pdf"),
])
def test_bad_input_is_a_message_and_a_non_zero_exit(runner, tmp_path, name, data, published, message):
    path = write(tmp_path, name, data, published)
    result = runner.invoke(main, ["extract", str(path)])
    assert_clean_failure(result)
    assert message in result.output


def test_html_with_scripts_gives_events_without_script_text(runner, tmp_path):
    page = ("<!doctype html><html><head><title>Envoys meet</title>"
            "<meta property=\"article:published_time\" content=\"2021-02-24\">"
            "<script>var talks = 'resume on Friday'; alert('x')</script></head><body><article>"
            f"<p>{ARTICLE}</p><p>The delegations will travel to Vienna on Thursday for a new round.</p>"
            "</article><script>document.write('=cmd')</script></body></html>")
    path = write(tmp_path, "page.html", page, published=None)
    out = tmp_path / "events.json"
    result = runner.invoke(main, ["extract", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    events = json.loads(out.read_text())
    assert events and not [e for e in events if "alert" in e["sentence"] or "document.write" in e["sentence"]]


@pytest.mark.parametrize("args, message", [
    (["extract", "missing-folder/"], "no such file or folder"),
    (["extract", "seeds", "--published", "2016-02-30"], "is not a date"),
    (["extract", "seeds", "-o", "events.xlsx"], "-o must end in"),
])
def test_bad_arguments_are_usage_messages(runner, args, message):
    result = runner.invoke(main, args)
    assert_clean_failure(result)
    assert message in result.output


def test_an_output_that_cannot_be_written_is_a_message(runner, tmp_path, seeds_dir):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(main, ["extract", str(seeds_dir), "-o", str(blocker / "events.csv")])
    assert_clean_failure(result)
    assert "cannot be written" in result.output


def test_a_folder_without_articles_is_a_message(runner, tmp_path):
    (tmp_path / "notes.yaml").write_text("a: 1\n")
    result = runner.invoke(main, ["extract", str(tmp_path)])
    assert_clean_failure(result)
    assert "no article files" in result.output
