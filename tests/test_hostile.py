"""Hostile and odd input (issue 7): crafted metadata, huge or strange names, dates outside the
range the tables can hold, legacy encodings. Each is refused with a short, clear message or
simply works; none takes the machine down or ends in a raw traceback."""
from __future__ import annotations

import datetime as dt
import pathlib
import time

import pytest

from timeline.documents import document_from_bytes, load_document
from timeline.errors import DocumentError, InputError


def _alias_bomb(levels: int = 9) -> str:
    """YAML whose nested aliases stand for 9**levels strings in a few hundred bytes."""
    names = "abcdefghijklmnop"
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip(names, names[1:levels]):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + f"\ntitle: *{names[levels - 1]}\nsource: *{names[levels - 1]}\n"


def test_front_matter_with_an_alias_bomb_is_refused_at_once(tmp_path):
    article = tmp_path / "bomb.md"
    article.write_text("---\n" + _alias_bomb() + "published: 2020-01-01\n---\n\nTalks resumed on Monday.\n")
    assert article.stat().st_size < 1000
    # refused before the aliases are expanded (before the fix: a minute and gigabytes)
    with pytest.raises(DocumentError) as caught:
        load_document(article)
    assert "aliases" in str(caught.value) and "bomb.md" in str(caught.value)
    assert len(str(caught.value)) < 300


def test_a_sidecar_with_an_alias_bomb_is_refused(tmp_path):
    (tmp_path / "talks.txt").write_text("Talks resumed on Monday.\n")
    (tmp_path / "talks.meta.yaml").write_text(_alias_bomb() + "published: 2020-01-01\n")
    with pytest.raises(DocumentError, match=r"talks\.meta\.yaml: .*aliases"):
        load_document(tmp_path / "talks.txt")


@pytest.mark.parametrize(
    ("metadata", "field"),
    [
        ("title: [" + ", ".join(["'" + "x" * 50 + "'"] * 200) + "]", "title"),
        ("source: {" + ", ".join(f"k{i}: '{'y' * 40}'" for i in range(200)) + "}", "source"),
        ("published: '" + "9" * 5000 + "'", "published"),
        ("published: [" + ", ".join(["2020-01-01"] * 500) + "]", "published"),
    ],
)
def test_a_bad_metadata_value_is_quoted_back_only_briefly(tmp_path, metadata, field):
    article = tmp_path / "long_values.md"
    article.write_text(f"---\n{metadata}\n---\n\nTalks resumed on Monday.\n")
    with pytest.raises(DocumentError) as caught:
        load_document(article, published=None)
    message = str(caught.value)
    assert "long_values.md" in message
    assert len(message) < 300, message


def test_an_article_with_a_254_character_name_loads(tmp_path):
    article = tmp_path / ("t" * 250 + ".txt")
    article.write_text("Talks in Geneva\n\nDelegates met on Friday.\n")
    doc = load_document(article, published="2020-02-29")
    assert doc.text.endswith("met on Friday.") and doc.published == dt.date(2020, 2, 29)


def test_a_path_longer_than_the_file_system_allows_is_refused_with_a_message(tmp_path):
    with pytest.raises(DocumentError, match="cannot be opened"):
        load_document(tmp_path / ("t" * 300 + ".txt"), published="2020-02-29")


def test_a_huge_sidecar_is_refused_before_it_is_read(tmp_path):
    (tmp_path / "talks.txt").write_text("Talks resumed on Monday.\n")
    (tmp_path / "talks.meta.yaml").write_text("title: x\n" + "# padding\n" * 100_000)
    with pytest.raises(DocumentError, match=r"talks\.meta\.yaml: is [\d,]+ bytes"):
        load_document(tmp_path / "talks.txt")


# Publication dates the tables cannot hold (item 9) ------------------------------------------

@pytest.mark.parametrize("published", ["1500-06-01", "1677-09-21", "2262-04-12", "9999-12-31"])
def test_a_publication_date_outside_the_supported_range_is_refused_naming_it(published):
    with pytest.raises(InputError) as caught:
        document_from_bytes(b"Talks resumed on Monday in Geneva.", "old.txt", published)
    message = str(caught.value)
    assert f"old.txt: the publication date {published} is outside the supported range" in message
    assert "1677-09-22" in message and "2262-04-11" in message


@pytest.mark.parametrize("published", ["1677-09-22", "1900-01-01", "2262-04-11"])
def test_publication_dates_at_the_edges_of_the_range_are_accepted(published):
    doc = document_from_bytes(b"Talks resumed on Monday in Geneva.", "edge.txt", published)
    assert doc.published == dt.date.fromisoformat(published)


def test_a_sidecar_date_outside_the_range_is_refused(tmp_path):
    (tmp_path / "ancient.txt").write_text("Talks resumed on Monday in Geneva.\n")
    (tmp_path / "ancient.meta.yaml").write_text("published: 1066-10-14\n")
    with pytest.raises(DocumentError, match="ancient.txt: the publication date 1066-10-14 is outside"):
        load_document(tmp_path / "ancient.txt")


def test_the_cli_reports_an_out_of_range_date_as_a_failure(tmp_path):
    from click.testing import CliRunner

    from timeline.cli import main

    (tmp_path / "ancient.txt").write_text("Envoys met in Geneva on Monday, officials said.\n")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "ancient.txt"), "--published", "1600-01-02"])
    assert result.exit_code != 0
    assert "outside the supported range" in result.output
    assert "No dated events" not in result.output and "Traceback" not in result.output


# Legacy East Asian encodings (item 12) -------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("東京で和平交渉が再開された。外相は月曜日に会談した。両国は停戦に合意したと発表した。", "shift_jis"),
        ("東京で和平交渉が再開された。外相は月曜日に会談した。両国は停戦に合意したと発表した。", "euc_jp"),
        ("北京和平谈判重新开始。外长星期一会面。两国宣布同意停火并将继续对话。", "gb18030"),
        ("서울에서 평화 회담이 재개되었다. 외무장관은 월요일에 만났다. 양국은 휴전에 합의했다.", "euc_kr"),
    ],
    ids=["shift_jis", "euc_jp", "gb18030", "euc_kr"],
)
def test_east_asian_legacy_encodings_are_decoded(text, encoding):
    doc = document_from_bytes(((text + "\n") * 3).encode(encoding), "legacy.txt", "2020-02-29")
    assert doc.text.startswith(text)
    assert "\ufffd" not in doc.text


# A rule that cannot resolve its match (item 3) ----------------------------------------------

def test_an_idiom_the_tagger_once_crashed_on_leaves_the_rest_of_the_article_dated():
    from timeline.temporal.tagger import tag_times

    found = tag_times("The idea is gaining credence in many quarters. Envoys met on Monday.", "2020-01-01")
    assert [(e.text, e.value) for e in found] == [("Monday", "2019-12-30")]


def test_a_rule_that_fails_on_a_match_is_logged_by_name_and_the_document_goes_on(monkeypatch, caplog):
    from timeline.temporal import kinds
    from timeline.temporal.tagger import tag_times

    def broken(m, rule, ctx):  # a normaliser with a bug: every weekday fails
        raise KeyError("no such weekday")

    monkeypatch.setitem(kinds.KINDS, "weekday", broken)
    with caplog.at_level("WARNING", logger="timeline.temporal.tagger"):
        found = tag_times("Envoys met on Monday. The talks end on 3 March 2020.", "2020-01-01")
    assert [e.text for e in found] == ["3 March 2020"]
    assert any("weekday" in r.getMessage() and "Monday" in r.getMessage() for r in caplog.records)


# Years no calendar has (item 11) ------------------------------------------------------------

@pytest.mark.parametrize("text", ["In the year 10000 talks resumed.", "In the year 0000 talks resumed.",
                                  "Talks resumed in the year 99999."])
def test_a_year_that_cannot_be_is_not_taken_for_the_publication_year(text):
    from timeline.temporal.tagger import tag_times

    assert [e for e in tag_times(text, "2016-02-03") if e.is_dated] == []


# Four-digit clock times in wire copy (item 16) -----------------------------------------------

@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Rockets struck the port at 1751 GMT, the army said.", "1751 GMT", "2016-02-03T17:51"),
        ("Rockets struck the port on Monday (1751 in Egypt), the army said.", "1751", "2016-02-01T17:51"),
        ("The convoy left at 0930 local time.", "0930 local time", "2016-02-03T09:30"),
        ("The convoy left at 1600 in Cairo.", "1600", "2016-02-03T16:00"),
        ("Shelling began at 1500 and a lull came at 1630.", "1630", "2016-02-03T16:30"),
    ],
)
def test_a_four_digit_clock_time_in_wire_copy_is_a_time_not_a_year(text, expression, value):
    from timeline.temporal.tagger import tag_times

    found = {e.text: e for e in tag_times(text, "2016-02-03")}
    assert expression in found, found
    assert (found[expression].type, found[expression].value) == ("TIME", value)
    assert not any(e.granularity == "year" for e in found.values())


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Monday that the challenges of the 21st century need new rules.",
        "Envoys met on Monday to discuss 21st-century security and the legacy of the 1990s.",
    ],
)
def test_a_century_or_decade_as_setting_dates_no_event(text):
    from timeline import schema
    from timeline.extract.events import extract_events

    events = extract_events(text, "2016-02-03")
    assert not events.empty  # Monday is still an event
    starts = events[schema.DATE_START].dt.year
    assert starts.eq(2016).all(), events[[schema.DATE_START, schema.DATE_END]]


def test_a_decade_something_is_said_to_happen_in_stays_a_date():
    from timeline.temporal.tagger import tag_times

    (found,) = tag_times("In the 1990s, the militia seized the port.", "2016-02-03")
    assert found.is_dated and (found.interval_start, found.interval_end) == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))


# Uploads never hold the server (item 2, the dashboard's side) ---------------------------------

def _no_worker_left() -> bool:
    import multiprocessing

    return not multiprocessing.active_children()


def test_an_extraction_that_runs_out_of_time_is_stopped_and_its_worker_killed():
    from timeline.ui import worker

    # half a megabyte of dated sentences: seconds of work whatever the extractor's speed
    job = worker.Paste("On 3 March 2015 the envoys met in Geneva again. " * 10_000, dt.date(2015, 3, 9), None, None)
    result = worker.run_bounded(job, timeout=1.0)
    assert result.status == "timeout"  # stopped, not finished: seconds of work, a 1 s bound
    assert _no_worker_left()


def test_an_extraction_nobody_waits_for_any_more_is_stopped():
    from timeline.ui import worker

    asked = []

    def still_wanted() -> bool:  # the browser goes away after the first look
        asked.append(1)
        return len(asked) < 2

    job = worker.Paste("On 3 March 2015 the envoys met in Geneva again. " * 10_000, dt.date(2015, 3, 9), None, None)
    assert worker.run_bounded(job, timeout=60, still_wanted=still_wanted).status == "abandoned"
    assert _no_worker_left()


def test_an_article_is_read_and_extracted_in_the_worker_with_its_errors_as_messages():
    from timeline.ui import worker

    done = worker.run_bounded(worker.Upload(b"Envoys met in Geneva on Monday.", "geneva.txt", dt.date(2020, 1, 8)))
    assert done.status == "done" and done.document.doc_id == "geneva" and len(done.events) == 1
    undated = worker.run_bounded(worker.Upload(b"Envoys met in Geneva on Monday.", "geneva.txt", None))
    assert undated.status == "missing_date"
    binary = worker.run_bounded(worker.Upload(bytes(range(256)) * 4, "blob.txt", dt.date(2020, 1, 8)))
    assert binary.status == "error" and "blob.txt" in binary.message


def test_a_huge_bad_publication_date_is_quoted_back_briefly():
    from timeline.temporal.tagger import tag_times

    with pytest.raises(InputError) as caught:
        tag_times("Envoys met on Monday.", "x" * 100_000)
    assert len(str(caught.value)) < 200


def test_a_huge_unsupported_suffix_is_quoted_back_briefly():
    name = "talks." + "x" * 200
    with pytest.raises(DocumentError) as caught:
        document_from_bytes(b"Envoys met on Monday.", name, "2020-01-01")
    assert "unsupported file type" in str(caught.value)
    assert len(str(caught.value)) < len(name) + 120  # the name once, the suffix cut short


def test_the_worker_does_not_run_the_app_script_again(tmp_path, monkeypatch):
    """Streamlit runs the app script as __main__; the extraction child must not import it again
    (it would run the whole dashboard once more per article, or fail on a script gone)."""
    import sys
    import types

    from timeline.ui import worker

    script = tmp_path / "app_script.py"
    script.write_text("raise SystemExit('the app script ran in the worker')\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)
    done = worker.run_bounded(worker.Upload(b"Envoys met in Geneva on Monday.", "geneva.txt",
                                            dt.date(2020, 1, 8)))
    assert done.status == "done", done
    assert sys.modules["__main__"] is fake_main
