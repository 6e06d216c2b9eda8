"""`timeline chronology`: the key events of a store, printed or written (CSV, JSON, Markdown)."""
from __future__ import annotations

import datetime as dt
import json
import pathlib

import pandas as pd
import pytest
from click.testing import CliRunner

from timeline import extract_events, schema
from timeline.cli import _key_events_file, main
from timeline.corpus.chronology import chronology
from timeline.corpus.store import EventStore
from timeline.documents import load_document
from timeline.extract.events import extract_document

ARTICLES = {
    "announce.txt": (dt.date(2016, 2, 3), "ISSG ministers to meet\n\nForeign ministers of the ISSG will meet in "
                                          "Munich next week to discuss a ceasefire in Syria."),
    "held.txt": (dt.date(2016, 2, 12), "Munich meeting\n\nThe ISSG foreign ministers met in Munich on Thursday "
                                       "and agreed to seek a cessation of hostilities in Syria."),
    "recall.txt": (dt.date(2016, 3, 20), "A month on\n\nThe ISSG foreign ministers who met in Munich on Feb. 11 "
                                         "agreed to seek a cessation of hostilities in Syria. =HYPERLINK(\"x\") "
                                         "Rebels said on Saturday that a convoy was hit near Aleppo."),
}


@pytest.fixture
def store(tmp_path: pathlib.Path) -> pathlib.Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    path = tmp_path / "store"
    items = []
    for name, (published, text) in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        document = load_document(folder / name, published=published)
        items.append((document, extract_document(document)))
    EventStore(path).add_many(items)
    return path


def test_chronology_prints_the_key_events_most_salient_first(store):
    result = CliRunner().invoke(main, ["chronology", "--store", str(store), "--top", "1"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("2016-02-11  ISSG") and "3 articles" in first
    assert "reported by 3 articles" in result.output.splitlines()[1]


@pytest.mark.parametrize("suffix", [".csv", ".json", ".md"])
def test_chronology_writes_the_key_events(store, tmp_path, suffix):
    out = tmp_path / f"key{suffix}"
    result = CliRunner().invoke(main, ["chronology", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert "ISSG" in text
    if suffix == ".json":
        rows = json.loads(text)
        assert rows[0]["n_articles"] == 3 and rows[0]["status_history"][0]["status"] == "planned"


def test_chronology_csv_neutralises_formulas_and_markdown_escapes_markup():
    published, text = ARTICLES["held.txt"]
    table = chronology(extract_events(text, published=published, doc_id="held"))
    table[schema.HEADLINE] = pd.array(['=HYPERLINK("http://x") <b>'], dtype="string")
    csv = _key_events_file(table, ".csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and ',=HYPERLINK' not in csv
    assert "\\<b\\>" in _key_events_file(table, ".md").decode("utf-8")


def test_an_empty_store_or_a_bad_output_is_a_message(tmp_path, store):
    empty = CliRunner().invoke(main, ["chronology", "--store", str(tmp_path / "none")])
    assert empty.exit_code != 0 and "add articles first" in empty.output
    bad = CliRunner().invoke(main, ["chronology", "--store", str(store), "-o", str(tmp_path / "x.pdf")])
    assert bad.exit_code == 2 and "-o must end in" in bad.output


def test_chronology_lists_the_events_as_the_dashboard_corrected_them(store):
    from timeline.corpus import curation
    from timeline.corpus.sync import sync_chronology

    events_store = EventStore(store)
    sync_chronology(events_store)
    munich = events_store.chronology().sort_values("n_articles", ascending=False).iloc[0]
    events_store.append_edits(curation.edit_event(
        munich, {schema.HEADLINE: "ISSG agrees on a cessation of hostilities (corrected)"},
        events_store.mentions()))
    result = CliRunner().invoke(main, ["chronology", "--store", str(store), "--top", "1"])
    assert result.exit_code == 0, result.output
    assert "ISSG agrees on a cessation of hostilities (corrected)" in result.output.splitlines()[0]


def test_chronology_is_brought_in_step_when_the_merge_rules_changed_since_it_was_stored(store):
    # A store whose chronology was made by an older version (its headlines, merges, salience):
    # the command shows this version's events, as the dashboard would, not the stale table.
    from timeline.corpus.sync import sync_chronology

    events_store = EventStore(store)
    sync_chronology(events_store)
    stale = events_store.chronology()
    stale[schema.HEADLINE] = "Headline of an older version"
    events_store.write_chronology(stale)
    events_store.record_chronology_stamp({**events_store.state_stamp(), "rules": "an older version"})
    result = CliRunner().invoke(main, ["chronology", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "older version" not in result.output
    assert "ISSG" in result.output
    assert "older version" not in " ".join(EventStore(store).chronology()[schema.HEADLINE])


def test_chronology_reads_articles_again_when_the_extraction_rules_changed_and_says_so(store):
    events_store = EventStore(store)
    fresh = events_store.events()
    # as an older version of the rules would have left it: fewer mentions, another fingerprint
    events_store.replace_events(fresh.iloc[:1], extractor="rules-of-an-older-version")
    result = CliRunner().invoke(main, ["chronology", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "extraction rules changed" in result.output
    assert len(EventStore(store).events()) == len(fresh)
    again = CliRunner().invoke(main, ["chronology", "--store", str(store)])
    assert "extraction rules changed" not in again.output  # in step now: nothing to say


def _read_only(monkeypatch, store_path: pathlib.Path) -> dict:
    """Make the store at `store_path` read-only as a read-only mount does (the kernel refuses
    writes, even root's); returns its files' modification times, to check nothing is written."""
    from timeline.corpus import store as store_module

    monkeypatch.setattr(store_module.os, "access", lambda path, mode: not mode & store_module.os.W_OK)
    return {p: p.stat().st_mtime_ns for p in store_path.rglob("*")}


def _counting_merges(monkeypatch) -> list[int]:
    from timeline.corpus import chronology as chronology_module

    calls: list[int] = []
    merge = chronology_module.chronology
    monkeypatch.setattr(chronology_module, "chronology", lambda *a, **k: calls.append(1) or merge(*a, **k))
    return calls


def test_a_read_only_store_made_by_an_older_version_is_shown_as_made_saying_once_how_to_refresh_it(
        store, monkeypatch):
    from timeline.corpus.sync import sync_chronology

    events_store = EventStore(store)
    sync_chronology(events_store)
    older = events_store.chronology()
    older[schema.HEADLINE] = "Headline of an older version"
    events_store.write_chronology(older)
    # as after an upgrade: the events and the chronology made by the rules of an older version
    events_store.replace_events(events_store.events(), extractor="rules-of-an-older-version")
    events_store.record_chronology_stamp({**events_store.state_stamp(), "rules": "an older version"})
    listing = _read_only(monkeypatch, store)
    merges = _counting_merges(monkeypatch)
    for _ in range(2):   # every call reads the stored chronology: none is merged again
        result = CliRunner().invoke(main, ["chronology", "--store", str(store)])
        assert result.exit_code == 0, result.output
        assert "Headline of an older version" in result.output
        assert result.output.count("read-only and out of date") == 1
        assert "extraction rules" in result.output and "chronology was made by an older version" in result.output
        assert f"timeline chronology --store {store}" in result.output
    assert merges == []
    assert {p: p.stat().st_mtime_ns for p in store.rglob("*")} == listing
    # the refresh the note names, where the store can be written, ends it
    monkeypatch.undo()
    assert CliRunner().invoke(main, ["chronology", "--store", str(store)]).exit_code == 0
    _read_only(monkeypatch, store)
    again = CliRunner().invoke(main, ["chronology", "--store", str(store)])
    assert again.exit_code == 0 and "read-only" not in again.output
    assert "Headline of an older version" not in again.output


def test_a_read_only_store_whose_chronology_lacks_an_article_merges_it_in_memory_and_says_so(store, monkeypatch):
    from timeline.corpus.sync import sync_chronology

    events_store = EventStore(store)
    sync_chronology(events_store)
    # no chronology stored with the mentions (a store from before there was one)
    events_store.write_chronology(events_store.chronology().head(0))
    _read_only(monkeypatch, store)
    merges = _counting_merges(monkeypatch)
    result = CliRunner().invoke(main, ["chronology", "--store", str(store), "--top", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Note: ") and "does not hold all of its articles' events" in result.output
    assert "2016-02-11  ISSG" in result.output and merges == [1]
