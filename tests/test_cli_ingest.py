"""`timeline ingest`: collections of every shape into the store, once each, in parallel and on
a real Dask cluster; failures counted by reason; interrupted and resumed; two at once."""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pathlib
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from timeline import schema
from timeline.cli import main
from timeline.corpus.collections import Columns
from timeline.corpus.pipeline import ingest
from timeline.corpus.store import LOCK_FILE, EventStore

# Short articles of our own writing: invented reports on real kinds of diplomatic events.
ARTICLES = [
    ("Talks resume in Geneva",
     "GENEVA - Envoys from both sides met in Geneva on Monday for the first time since the "
     "talks broke down in March, the U.N. said. A second round is due next week."),
    ("Ceasefire signed",
     "The two governments signed a ceasefire on Saturday after three days of negotiations in "
     "Doha. Monitors will deploy by the end of the month, officials said."),
    ("Summit postponed",
     "The regional summit planned for 12 June was postponed on Thursday, the host said. "
     "Leaders had met in Nairobi in January to prepare it."),
    ("Prisoner exchange",
     "Both sides exchanged 40 prisoners on Tuesday under a deal brokered by Turkey. A further "
     "exchange is expected in the coming weeks."),
]
PUBLISHED = ["2023-04-05", "2022-11-14", "2024-05-17", "2021-08-26"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def rows(**extra):
    return [{"title": t, "text": x, "published": p, **extra}
            for (t, x), p in zip(ARTICLES, PUBLISHED)]


def write_folder(folder: pathlib.Path) -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, ((title, text), published) in enumerate(zip(ARTICLES, PUBLISHED)):
        (folder / f"a{i}.txt").write_text(f"{title}\n\n{text}\n")
        (folder / f"a{i}.meta.yaml").write_text(f"published: {published}\n")
    return folder


def write_table(path: pathlib.Path, table_rows: list[dict]) -> pathlib.Path:
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in table_rows))
    elif path.suffix == ".csv":
        pd.DataFrame(table_rows).to_csv(path, index=False)
    else:
        pq.write_table(pa.Table.from_pylist(table_rows), path)
    return path


def stored(store_path: pathlib.Path) -> pd.DataFrame:
    return EventStore(store_path).documents()


def texts_stored(store_path: pathlib.Path) -> list[str]:
    return sorted(stored(store_path)[schema.TEXT])


def expected_texts() -> list[str]:
    return sorted(f"{title}\n\n{text}" for title, text in ARTICLES)


def test_a_folder_goes_into_the_store_and_a_second_run_adds_nothing(runner, tmp_path):
    folder = write_folder(tmp_path / "news")
    store = tmp_path / "store"
    result = runner.invoke(main, ["ingest", str(folder), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "4 added" in result.output and "0 failed" in result.output
    documents = stored(store)
    assert sorted(documents[schema.DOC_ID]) == ["a0", "a1", "a2", "a3"]
    assert str(documents.loc[documents[schema.DOC_ID] == "a1", schema.PUBLISHED].iloc[0])[:10] \
        == "2022-11-14"
    assert not EventStore(store).events().empty
    again = runner.invoke(main, ["ingest", str(folder), "--store", str(store), "--workers", "1"])
    assert again.exit_code == 0 and "0 added" in again.output and "4 already stored" in again.output
    assert len(stored(store)) == 4


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_a_table_with_one_article_a_row_goes_into_the_store(runner, tmp_path, suffix):
    table = write_table(tmp_path / f"export{suffix}", rows(source="Invented Wire"))
    store = tmp_path / "store"
    result = runner.invoke(main, ["ingest", str(table), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    documents = stored(store).sort_values(schema.DOC_ID)
    assert list(documents[schema.DOC_ID]) == ["export-1", "export-2", "export-3", "export-4"]
    assert list(documents[schema.TITLE]) == [t for t, _ in ARTICLES]
    assert set(documents[schema.SOURCE]) == {"Invented Wire"}
    events = EventStore(store).events()
    # Monday before Wednesday 2023-04-05: the relative date was resolved against the row's date
    assert "2023-04-03" in set(events[schema.DATE_START].astype(str).str[:10])


def test_custom_column_names_are_given_by_options(runner, tmp_path):
    table = write_table(tmp_path / "x.jsonl", [
        {"body": text, "date": published, "headline": title, "link": f"https://example.org/{i}",
         "key": f"story-{i}"}
        for i, ((title, text), published) in enumerate(zip(ARTICLES, PUBLISHED))])
    store = tmp_path / "store"
    result = runner.invoke(main, [
        "ingest", str(table), "--store", str(store), "--workers", "1", "--text-column", "body",
        "--published-column", "date", "--title-column", "headline", "--url-column", "link",
        "--id-column", "key"])
    assert result.exit_code == 0, result.output
    documents = stored(store).sort_values(schema.DOC_ID)
    assert list(documents[schema.DOC_ID]) == ["story-0", "story-1", "story-2", "story-3"]
    assert list(documents[schema.PATH]) == [f"https://example.org/{i}" for i in range(4)]


def test_a_zip_of_files_and_a_table_goes_into_the_store_and_hostile_entries_are_refused(
        runner, tmp_path):
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for i, ((title, text), published) in enumerate(zip(ARTICLES[:2], PUBLISHED)):
            z.writestr(f"files/a{i}.md", f"---\npublished: {published}\n---\n# {title}\n\n{text}\n")
        z.writestr("rows.jsonl", "".join(json.dumps(r) + "\n" for r in rows()[2:]))
        z.writestr("../../etc/cron.txt", "Evil.")
    store = tmp_path / "store"
    result = runner.invoke(main, ["ingest", str(archive), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 1
    assert "4 added" in result.output
    assert "1 failed: refused archive entry" in result.output
    assert "Traceback" not in result.output
    assert len(stored(store)) == 4


def test_rows_without_or_with_impossible_dates_fail_by_reason_and_the_rest_are_stored(
        runner, tmp_path):
    table_rows = rows()
    table_rows[1]["published"] = None
    table_rows[2]["published"] = "2023-02-30"
    table_rows.append({"title": "empty", "text": "", "published": "2023-01-01"})
    table = write_table(tmp_path / "dated.jsonl", table_rows)
    store = tmp_path / "store"
    result = runner.invoke(main, ["ingest", str(table), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 1
    assert "2 added" in result.output and "3 failed" in result.output
    assert "1 failed: no publication date" in result.output
    assert "1 failed: publication date is not a real date" in result.output
    assert "'2023-02-30' is not a real date" in result.output
    assert "1 failed: no text" in result.output
    assert "dated.jsonl line 2" in result.output  # says which row
    assert "Traceback" not in result.output
    assert sorted(stored(store)[schema.DOC_ID]) == ["dated-1", "dated-4"]


def test_published_dates_only_the_articles_without_a_date(runner, tmp_path):
    table_rows = rows()
    table_rows[1]["published"] = None
    table = write_table(tmp_path / "t.csv", table_rows)
    store = tmp_path / "store"
    result = runner.invoke(main, ["ingest", str(table), "--store", str(store), "--workers", "1",
                                  "--published", "2020-01-01"])
    assert result.exit_code == 0, result.output
    dates = stored(store).set_index(schema.DOC_ID)[schema.PUBLISHED].astype(str).str[:10]
    assert dates["t-1"] == "2023-04-05" and dates["t-2"] == "2020-01-01"


def test_every_failure_is_written_to_the_failures_file(runner, tmp_path):
    table = write_table(tmp_path / "t.jsonl", [{"text": "", "published": "2020-01-01"}] * 30)
    log = tmp_path / "failures.jsonl"
    result = runner.invoke(main, ["ingest", str(table), "--store", str(tmp_path / "s"),
                                  "--workers", "1", "--failures", str(log)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(lines) == 30 and {line["reason"] for line in lines} == {"no text"}
    assert "10 failure messages not shown" in result.output


def test_bad_options_end_in_a_message_not_a_traceback(runner, tmp_path):
    result = runner.invoke(main, ["ingest", str(tmp_path), "--workers", "2", "--scheduler",
                                  "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "not both" in result.output
    result = runner.invoke(main, ["ingest", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1",
                                  "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output


def test_a_folder_with_nothing_to_ingest_says_so(runner, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    result = runner.invoke(main, ["ingest", str(tmp_path), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "nothing to ingest" in result.output


def test_a_store_inside_the_folder_ingested_is_not_read_as_articles(runner, tmp_path):
    folder = write_folder(tmp_path / "news")
    for _ in range(2):
        result = runner.invoke(main, ["ingest", str(folder), "--store", str(folder / "store"),
                                      "--workers", "1"])
        assert result.exit_code == 0, result.output
    assert "0 failed" in result.output and "4 already stored" in result.output
    assert len(stored(folder / "store")) == 4


def test_progress_knows_the_total_before_the_first_batch_and_ends_at_it(tmp_path):
    table_rows = rows() + [{"text": "", "published": "2020-01-01"}]
    table = write_table(tmp_path / "t.jsonl", table_rows)
    seen, failed = [], []
    summary = ingest([table], EventStore(tmp_path / "s"), workers=1, batch_size=2,
                     on_progress=lambda s: seen.append((s.done, s.total)),
                     on_failure=lambda reason, message: failed.append(reason))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert failed == ["no text"] and summary.failed == {"no text": 1}


def test_an_empty_file_is_counted_as_empty_not_as_unreadable(tmp_path):
    # a file of no bytes, or of blank lines, is not a damaged article: the summary says it is empty
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "blank.txt").write_bytes(b"")
    (folder / "spaces.md").write_text("---\npublished: 2021-03-01\n---\n\n   \n", encoding="utf-8")
    (folder / "noise.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = CliRunner().invoke(main, ["ingest", str(folder), "--store", str(tmp_path / "store"),
                                       "--published", "2021-03-01", "--workers", "1", "-q"])
    assert "2 failed: empty (no text)" in result.output and "1 failed: not readable as an article" in result.output
    assert f"{folder / 'blank.txt'}: is empty" in result.output


def test_local_processes_store_the_same_as_one_process(tmp_path):
    folder = write_folder(tmp_path / "news")
    table = write_table(tmp_path / "rows.jsonl", rows(title="again")[:2])
    one, two = EventStore(tmp_path / "one"), EventStore(tmp_path / "two")
    first = ingest([folder, table], one, workers=1, batch_size=2)
    second = ingest([folder, table], two, workers=2, batch_size=2)
    assert (first.added, second.added) == (6, 6)
    assert_same_store(one, two)


def assert_same_store(a: EventStore, b: EventStore) -> None:
    keys = [schema.DOC_ID, schema.CONTENT_HASH, schema.TEXT, schema.PUBLISHED]
    pd.testing.assert_frame_equal(
        a.documents()[keys].sort_values(schema.DOC_ID).reset_index(drop=True),
        b.documents()[keys].sort_values(schema.DOC_ID).reset_index(drop=True))
    order = [schema.DOC_ID, schema.EVENT_ID]
    pd.testing.assert_frame_equal(a.events().sort_values(order).reset_index(drop=True),
                                  b.events().sort_values(order).reset_index(drop=True))


def test_a_dask_local_cluster_stores_the_same_as_local_processes(tmp_path):
    from distributed import LocalCluster

    folder = write_folder(tmp_path / "news")
    table = write_table(tmp_path / "rows.parquet", rows(title="cluster")[:3])
    local = EventStore(tmp_path / "local")
    ingest([folder, table], local, workers=2, batch_size=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        on_cluster = EventStore(tmp_path / "cluster")
        summary = ingest([folder, table], on_cluster, scheduler=cluster.scheduler_address,
                         batch_size=2)
        assert (summary.added, summary.failed_count) == (7, 0)
        again = ingest([folder, table], on_cluster, scheduler=cluster.scheduler_address)
        assert (again.added, again.already_stored) == (0, 7)
    assert_same_store(local, on_cluster)


# Interruptions and concurrent writers: real processes ------------------------------------------

def many_articles(folder: pathlib.Path, count: int) -> pathlib.Path:
    """`count` distinct articles (the short ones above, numbered) in one JSON Lines table."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(count):
        (title, text), published = ARTICLES[i % 4], PUBLISHED[i % 4]
        lines.append(json.dumps({"title": f"{title} ({i})", "text": f"Report {i}. {text}",
                                 "published": published}))
    path = folder / "many.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


# The CLI as a terminal runs it, Ctrl-C raising KeyboardInterrupt. A process inherits an ignored
# SIGINT (a shell ignores it in the jobs it starts in the background, so do `nohup` and CI runners
# started that way), and Python then leaves it ignored: a suite run so would send its Ctrl-C to an
# ingest that cannot hear it, which then waits out the store lock the test holds (4 x 30 s).
_AS_FROM_A_TERMINAL = ("import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
                       "runpy.run_module('timeline.cli', run_name='__main__', alter_sys=True)")


def start_ingest(table: pathlib.Path, store: pathlib.Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _AS_FROM_A_TERMINAL, "ingest", str(table), "--store", str(store),
         "--batch-size", "2", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen, seconds: float) -> str:
    """The process's stderr once it ends; if it has not ended within `seconds`, it is killed and
    the test fails with what it printed (a hung ingest says where it stood)."""
    try:
        return process.communicate(timeout=seconds)[1]
    except subprocess.TimeoutExpired:
        process.kill()
        err = process.communicate()[1]
        raise AssertionError(f"the ingest had not ended after {seconds:.0f} s; it printed:\n{err[-2000:]}") from None


def wait_for_first_batch(store: pathlib.Path, process: subprocess.Popen) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if store.exists() and (count := len(EventStore(store).content_hashes())):
            return count
        time.sleep(0.02)
    raise AssertionError("the ingest stored nothing before it ended")


@contextlib.contextmanager
def paused_after_first_batch(store: pathlib.Path, process: subprocess.Popen) -> Iterator[int]:
    """Once the ingest has stored a batch, hold the store's writer lock: the ingest waits at
    its next write, so it is surely still running, part-way, when the test stops it (however
    fast the machine). Yields how many articles are stored."""
    wait_for_first_batch(store, process)
    with open(store / LOCK_FILE, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # waits for the write under way, if any
        try:
            assert process.poll() is None, "the ingest ended before the test could stop it"
            yield len(stored(store))
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def assert_each_article_once(store: pathlib.Path, count: int) -> None:
    documents = stored(store)
    assert len(documents) == count
    assert documents[schema.CONTENT_HASH].is_unique
    assert documents[schema.DOC_ID].is_unique


def children(pid: int) -> list[int]:
    found = []
    for stat_file in pathlib.Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not pathlib.Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_an_ingest_killed_after_its_first_batch_leaves_no_workers_and_goes_on_when_run_again(
        tmp_path):
    table = many_articles(tmp_path / "in", 60)
    store = tmp_path / "store"
    process = start_ingest(table, store, "--workers", "2")
    with paused_after_first_batch(store, process):
        workers = children(process.pid)
        process.kill()
        process.communicate()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert workers and not any(alive(pid) for pid in workers), "orphaned workers stayed"
    partial = len(stored(store))
    assert 0 < partial < 60, "the ingest was not cut short; the test proves nothing"
    again = start_ingest(table, store, "--workers", "2")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"{60 - partial} added" in err and f"{partial} already stored" in err
    assert_each_article_once(store, 60)


def test_ctrl_c_stops_cleanly_with_a_summary_and_the_next_run_finishes(tmp_path):
    table = many_articles(tmp_path / "in", 60)
    store = tmp_path / "store"
    process = start_ingest(table, store, "--workers", "2")
    with paused_after_first_batch(store, process) as partial:
        process.send_signal(signal.SIGINT)
        err = finished(process, 120)   # (it stops at once: 2-3 s at load 16)
    assert process.returncode == 130, err
    assert 0 < partial < 60 and f"Interrupted: {partial} added" in err
    assert "Interrupted:" in err and "Run the same command again" in err
    assert "Traceback" not in err
    again = start_ingest(table, store, "--workers", "2")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert_each_article_once(store, 60)


def test_two_ingests_at_once_into_one_store_store_each_article_once(tmp_path):
    table = many_articles(tmp_path / "in", 40)
    other = tmp_path / "other.jsonl"
    lines = table.read_text().splitlines()
    other.write_text("\n".join(lines[20:] + lines[:20]) + "\n")  # the same, in another order
    store = tmp_path / "store"
    first = start_ingest(table, store, "--workers", "1")
    second = start_ingest(other, store, "--workers", "1")
    errors = [p.communicate(timeout=300)[1] for p in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), errors
    assert_each_article_once(store, 40)
