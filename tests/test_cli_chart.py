"""`timeline chart`: the dashboard's charts from the command line, for reports and scripts."""
from __future__ import annotations

import json
import pathlib
import re

import pytest
from click.testing import CliRunner
from story_hover import point_key

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
    result = run("chart", str(events_file), "--view", "timeline", "--actor", "Russia", "-o", str(out))
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
    result = run("chart", str(path), "--view", "timeline", "--status", "planned", "-o", str(out))
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
    result = run("chart", "--view", "timeline", "--type", "meeting", "-o", "meetings.html")
    assert result.exit_code == 0, result.output
    assert "3 of 8 events" in result.output


def test_chart_without_events_or_seed_file_says_what_to_give(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("chart", "-o", "x.html")
    assert result.exit_code == 2
    assert "give an events file, articles or --store" in result.output


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
def test_the_timeline_as_svg_through_the_local_chromium(tmp_path, events_file):
    out = tmp_path / "figure.svg"
    result = run("chart", str(events_file), "--view", "timeline", "--lane", "event_type", "--label", "2",
                 "-o", str(out))
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


# --- The story: the dashboard's first view, from the command line -------------------------------
# Three short articles of our own about an invented round of talks: the meeting in Oslo is
# reported by more than one, and the chronology holds it once.
TALKS = {
    "plan.md": ("2019-03-04", "Envoys to meet", "Envoys of Norway and Colombia will meet in Oslo on "
                                               "Thursday to prepare a ceasefire, officials said."),
    "held.md": ("2019-03-08", "Oslo meeting", "The envoys of Norway and Colombia met in Oslo on "
                                             "Thursday and agreed to draft a ceasefire."),
    "after.md": ("2019-03-20", "Two weeks on", "The envoys who met in Oslo on March 7 will meet again "
                                              "in Havana next month, Colombia said on Tuesday."),
}


@pytest.fixture
def store(tmp_path):
    from timeline.corpus.store import EventStore
    from timeline.corpus.sync import sync_chronology
    from timeline.documents import load_document
    from timeline.extract.events import extract_document

    folder = tmp_path / "articles"
    folder.mkdir()
    items = []
    for name, (published, title, text) in TALKS.items():
        (folder / name).write_text(f"---\ntitle: {title}\nsource: Invented Wire\npublished: {published}\n"
                                   f"---\n\n{text}\n", encoding="utf-8")
        document = load_document(folder / name)
        items.append((document, extract_document(document)))
    path = tmp_path / "store"
    events_store = EventStore(path)
    events_store.add_many(items)
    sync_chronology(events_store)
    return path


def figure_in(page: str) -> tuple[list[dict], dict]:
    """The data and layout an exported HTML page hands to Plotly.newPlot."""
    decoder = json.JSONDecoder()
    call = page.index("Plotly.newPlot(")
    data_at = page.index("[", page.index(",", call))  # after the div's id
    data, end = decoder.raw_decode(page, data_at)
    layout, _ = decoder.raw_decode(page, page.index("{", end))
    return data, layout


def story_marks(data: list[dict]) -> list[str]:
    return [point_key(key) for trace in data if trace.get("mode") == "markers"
            and trace.get("customdata") for key in trace["customdata"]]


def test_the_story_is_the_default_chart_of_articles_one_mark_per_real_world_event(tmp_path, store):
    from timeline.corpus.store import EventStore

    out = tmp_path / "story.html"
    articles = tmp_path / "articles"
    result = run("chart", str(articles), "-o", str(out))
    assert result.exit_code == 0, result.output
    data, layout = figure_in(out.read_text(encoding="utf-8"))
    assert layout["meta"]["story"] is True
    stored = EventStore(store).chronology()
    assert f"story of {len(stored)} events written to" in result.output
    marks = story_marks(data)
    assert len(marks) == len(set(marks)), "each event drawn once"
    # The Oslo meeting, reported by more than one article, is one mark, and labelled.
    oslo = stored.sort_values("n_articles", ascending=False).iloc[0]
    assert oslo["n_articles"] >= 2
    labels = [a["text"] for a in layout["annotations"] if a.get("name", "").startswith("key:")]
    assert any(" · " in label and "Oslo" in label.replace("<br>", " ") for label in labels), labels


def test_the_story_of_a_store_shows_its_curated_chronology(tmp_path, store):
    from timeline.corpus import curation
    from timeline.corpus.store import EventStore

    events_store = EventStore(store)
    stored = events_store.chronology()
    oslo = stored.sort_values("n_articles", ascending=False).iloc[0]
    events_store.append_edits(curation.edit_event(oslo, {"headline": "Oslo round opens (corrected)"},
                                                  events_store.mentions()))
    out = tmp_path / "curated.html"
    result = run("chart", "--store", str(store), "-o", str(out))
    assert result.exit_code == 0, result.output
    data, layout = figure_in(out.read_text(encoding="utf-8"))
    labels = [a["text"].replace("<br>", " ") for a in layout["annotations"]
              if a.get("name", "").startswith("key:")]
    assert any("Oslo round opens (corrected)" in label for label in labels), labels
    assert f"story of {len(stored)} events" in result.output


def test_the_story_of_a_store_keeps_the_events_the_filters_choose(tmp_path, store):
    from timeline.corpus.store import EventStore

    out = tmp_path / "havana.html"
    result = run("chart", "--store", str(store), "--query", "Havana", "-o", str(out))
    assert result.exit_code == 0, result.output
    total = len(EventStore(store).chronology())
    assert re.search(rf"story of [1-9]\d* of {total} events", result.output), result.output
    data, _layout = figure_in(out.read_text(encoding="utf-8"))
    assert 0 < len(story_marks(data)) < total


@pytest.mark.parametrize(("args", "message"), [
    (["--split"], "--split and --publications are options of the story"),
    (["--store", "somewhere"], "give EVENTS or --store, not both"),
])
def test_story_options_that_do_not_go_together_are_a_usage_message(events_file, args, message):
    view = ["--view", "timeline"] if args == ["--split"] else []
    result = run("chart", str(events_file), *view, *args, "-o", "x.html")
    assert result.exit_code == 2 and message in result.output


def test_a_store_that_is_not_there_is_named(tmp_path):
    result = run("chart", "--store", str(tmp_path / "nowhere"), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1 and "nowhere: no store here" in result.output


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_embed_writes_the_page_and_the_svg_it_names_and_prints_the_snippet(tmp_path, store):
    out = tmp_path / "report" / "talks.png"
    result = run("chart", "--store", str(store), "--title", "Oslo <talks>", "--caption", "Key events",
                 "--preset", "half-page", "--embed", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")
    svg = (tmp_path / "report" / "talks.svg").read_text(encoding="utf-8")
    assert 'width="800"' in svg and 'height="600"' in svg and "<image" not in svg
    page = (tmp_path / "report" / "talks.html").read_text(encoding="utf-8")
    assert figure_in(page)[1]["meta"]["story"] is True
    assert '<iframe src="talks.html"' in result.stdout and '<img src="talks.svg"' in result.stdout
    assert "Oslo &lt;talks&gt;" in result.stdout and "<talks>" not in result.stdout
