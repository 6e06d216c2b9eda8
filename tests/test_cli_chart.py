"""`timeline chart`: the dashboard's charts from the command line, for reports and scripts."""
from __future__ import annotations

import pathlib
import re

import pytest
from click.testing import CliRunner

from timeline.present import exports
from timeline.cli import main

CHROMIUM = pathlib.Path("/usr/bin/chromium")


@pytest.fixture
def events_file(tmp_path, sample_events):
    path = tmp_path / "events.csv"
    path.write_bytes(exports.events_to_csv(sample_events))
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def event_ids_in(page: str) -> set[str]:
    return set(re.findall(r"\b[ab]-[a-z-]+\b", page)) & {
        "a-meet", "a-week", "a-month", "a-plan", "b-lavrov", "b-fuzzy", "b-same-day", "b-plan-month"}


def test_chart_of_an_events_file_with_an_actor_filter(tmp_path, events_file):
    out = tmp_path / "russia.html"
    result = run("chart", str(events_file), "--actor", "Russia", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "timeline of 3 of 8 events written to" in result.output
    # Choosing Russia includes what Lavrov said; events without Russia are not drawn.
    assert event_ids_in(out.read_text(encoding="utf-8")) == {"b-lavrov", "b-fuzzy", "b-same-day"}


@pytest.mark.parametrize("suffix", [".json", ".parquet"])
def test_chart_reads_the_events_files_that_extract_writes(tmp_path, sample_events, suffix):
    path = tmp_path / f"events{suffix}"
    if suffix == ".json":
        path.write_bytes(exports.events_to_json(sample_events))
    else:
        sample_events.to_parquet(path, index=False)
    out = tmp_path / "all.html"
    result = run("chart", str(path), "--status", "planned", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert event_ids_in(out.read_text(encoding="utf-8")) == {"a-plan", "b-plan-month"}


@pytest.mark.parametrize("view", ["activity", "map"])
def test_chart_draws_the_other_views(tmp_path, events_file, view):
    out = tmp_path / f"{view}.html"
    result = run("chart", str(events_file), "--view", view, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1_000_000  # self-contained: plotly.js inline


def test_chart_without_events_uses_the_seed_corpus_events(tmp_path, events_file, monkeypatch):
    (tmp_path / "data").mkdir()
    events_file.rename(tmp_path / "data" / "seed_events.csv")
    monkeypatch.chdir(tmp_path)
    result = run("chart", "--type", "meeting", "-o", "meetings.html")
    assert result.exit_code == 0, result.output
    assert "3 of 8 events" in result.output


def test_chart_without_events_or_seed_file_says_what_to_give(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("chart", "-o", "x.html")
    assert result.exit_code == 2
    assert "give an events file or articles" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "figure.gif"], "-o must end in .svg, .png, .html"),
        (["--from", "2023-02-30", "-o", "f.html"], "not a date of the form YYYY-MM-DD"),
        (["--status", "rumoured", "-o", "f.html"], "Invalid value for '--status'"),
        (["--lane", "colour", "-o", "f.html"], "Invalid value for '--lane'"),
    ],
)
def test_chart_refuses_bad_options_with_a_usage_message(events_file, args, message):
    result = run("chart", str(events_file), *args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"a": 1}]', "not an events table: the table lacks the columns"),
        ("{not json", "cannot be read as an events table"),
    ],
)
def test_chart_of_a_file_that_is_not_an_events_table_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("chart", str(path), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_chart_of_a_missing_file_names_it(tmp_path):
    result = run("chart", str(tmp_path / "nowhere.csv"), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1 and "nowhere.csv: no such file" in result.output


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (CI installs it)")
def test_chart_as_svg_through_the_local_chromium(tmp_path, events_file):
    out = tmp_path / "figure.svg"
    result = run("chart", str(events_file), "--lane", "event_type", "--label", "2", "-o", str(out))
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Meeting" in svg


@pytest.mark.parametrize(("args", "message"), [
    (["--actor", "Rusia"], "no actor 'Rusia' in these events; did you mean 'Russia'?"),
    (["--actor", "russia"], "did you mean 'Russia'?"),
    (["--actor", "Atlantis"], "no actor 'Atlantis' in these events"),
    (["--type", "summitry"], "no event type 'summitry'"),
])
def test_chart_of_an_actor_or_type_not_in_the_events_says_so(tmp_path, events_file, args, message):
    out = tmp_path / "chart.html"
    result = run("chart", str(events_file), *args, "-o", str(out))
    assert result.exit_code != 0
    assert message in result.output
    assert not out.exists()


def test_unknown_values_in_a_shared_link_are_named_with_suggestions(sample_events):
    from timeline.present.filters import facet_values, unknown_in_query_params

    unknown = unknown_in_query_params(
        {"actor": ["Russia", "Sergei Lavorv"], "type": "nonsense"}, facet_values(sample_events))
    assert [(u.facet, u.value, u.suggestions) for u in unknown] == [
        ("actor", "Sergei Lavorv", ("Sergei Lavrov",)), ("type", "nonsense", ())]
    assert unknown[0].message() == ("no actor 'Sergei Lavorv' in these events; "
                                    "did you mean 'Sergei Lavrov'?")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_chart_for_a_report_carries_title_caption_credit_and_the_preset_size(tmp_path, events_file):
    out = tmp_path / "chart.svg"
    result = run("chart", str(events_file), "--title", "Sudan & the Jeddah talks",
                 "--caption", "Dated events, May 2023", "--credit", "Source: Invented Wire",
                 "--preset", "slide", "-o", str(out))
    assert result.exit_code == 0, result.output
    svg = out.read_text()
    assert 'width="1600"' in svg and 'height="900"' in svg
    assert "<image" not in svg
    import html
    text = html.unescape(svg)
    assert "Sudan & the Jeddah talks" in text and "Dated events, May 2023" in text
    assert "Source: Invented Wire" in text


def test_chart_presets_are_listed_in_the_help():
    result = run("chart", "--help")
    assert "slide: Slide 16:9 (1600 × 900)" in " ".join(result.output.split())
