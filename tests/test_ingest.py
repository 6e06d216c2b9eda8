"""Putting articles into the store: seeding once, uploads dated by their own metadata first."""
import datetime as dt
import pathlib

import pytest

from timeline.errors import MissingPublicationDate, StoreError
from timeline.corpus.ingest import (
    add_document, extraction_files, extractor_fingerprint, read_upload, refresh_store, seed_store,
)
from timeline.corpus.store import EventStore

DATED_MARKDOWN = (
    b"---\ntitle: Border talks\npublished: 2022-06-01\n---\n\n"
    b"The ministers met in Prague on Monday, officials said.\n"
)
UNDATED_TEXT = b"The ministers met in Prague on Monday, officials said.\n"


def test_an_upload_keeps_its_own_date_over_the_fallback():
    document = read_upload(DATED_MARKDOWN, "talks.md", dt.date(2020, 1, 1))
    assert document.published == dt.date(2022, 6, 1)


def test_an_undated_upload_takes_the_fallback_date():
    assert read_upload(UNDATED_TEXT, "talks.txt", dt.date(2020, 1, 1)).published == dt.date(
        2020, 1, 1)


def test_an_undated_upload_without_fallback_asks_for_a_date():
    with pytest.raises(MissingPublicationDate):
        read_upload(UNDATED_TEXT, "talks.txt")


def test_the_seed_fills_an_empty_store_once(tmp_path, seeds_dir):
    store = EventStore(tmp_path / "store")
    first = seed_store(store, seeds_dir)
    assert first.added and all(r.added and r.event_count > 0 for r in first.added)
    assert not first.problems
    assert seed_store(store, seeds_dir).added == []  # not empty any more: untouched


def test_the_same_article_twice_is_added_once(tmp_path):
    store = EventStore(tmp_path / "store")
    document = read_upload(DATED_MARKDOWN, "talks.md")
    assert add_document(store, document).added
    again = add_document(store, document)
    assert not again.added and again.event_count == 0
    assert len(store.documents()) == 1


def test_stored_events_made_by_older_rules_are_extracted_again_on_start(tmp_path, seeds_dir):
    store = EventStore(tmp_path / "store")
    seed_store(store, seeds_dir)
    fresh = store.events()
    # as an older version of the rules would have left it: other events, another fingerprint
    store.replace_events(fresh.iloc[:1], extractor="rules-of-an-older-version")

    assert refresh_store(store) == 1
    assert store.extractor() == extractor_fingerprint()
    assert sorted(store.events()["event_id"]) == sorted(fresh["event_id"])
    assert store.documents()["doc_id"].tolist() == ["000_37ce115855780b04"]  # nothing re-uploaded


def test_a_store_made_by_the_current_rules_is_not_extracted_again(tmp_path, seeds_dir):
    store = EventStore(tmp_path / "store")
    seed_store(store, seeds_dir)
    assert store.extractor() == extractor_fingerprint()
    assert refresh_store(store) == 0


def test_a_new_store_written_in_one_batch_is_not_extracted_again_at_the_next_start(tmp_path):
    # A script that fills a store with add_many (a bench, a test fixture, a user's own
    # ingest) names the rules that made the mentions: the dashboard's first start then
    # reads them as they are instead of extracting every article again.
    from timeline.extract.events import extract_document

    store = EventStore(tmp_path / "store")
    document = read_upload(DATED_MARKDOWN, "talks.md")
    assert store.add_many([(document, extract_document(document))],
                          extractor=extractor_fingerprint()) == [True]
    assert store.extractor() == extractor_fingerprint()
    assert refresh_store(EventStore(tmp_path / "store")) == 0


def test_an_upload_into_a_new_store_records_the_rules_that_read_it(tmp_path):
    store = EventStore(tmp_path / "store")
    add_document(store, read_upload(DATED_MARKDOWN, "talks.md"))
    assert refresh_store(store) == 0


def test_a_batch_does_not_vouch_for_mentions_stored_before_it(tmp_path):
    # Mentions of unknown or older rules stay stale: a later batch made by this version's
    # rules leaves the store's record (or its lack of one) as it was.
    from timeline.extract.events import extract_document

    unknown, older = EventStore(tmp_path / "unknown"), EventStore(tmp_path / "older")
    first = read_upload(DATED_MARKDOWN, "talks.md")
    second = read_upload(b"The envoys met in Vienna on Tuesday, the ministry said.\n", "vienna.txt",
                         dt.date(2022, 6, 1))
    for store in (unknown, older):
        store.add_many([(first, extract_document(first))])
    older.replace_events(older.events(), extractor="rules-of-an-older-version")
    for store in (unknown, older):
        store.add_many([(second, extract_document(second))], extractor=extractor_fingerprint())
    assert unknown.extractor() is None and refresh_store(unknown) == 2
    assert refresh_store(older) == 2


def test_events_of_an_article_that_is_not_stored_are_refused(tmp_path, seeds_dir):
    store = EventStore(tmp_path / "store")
    seed_store(store, seeds_dir)
    stray = store.events().iloc[:1].assign(doc_id="never-stored")
    with pytest.raises(StoreError, match="never-stored"):
        store.replace_events(stray, extractor="x")


def test_two_different_articles_with_the_same_file_name_are_both_kept(tmp_path):
    store = EventStore(tmp_path / "store")
    first = add_document(store, read_upload(UNDATED_TEXT, "article.txt", dt.date(2022, 6, 1)))
    other = b"The envoys met in Vienna on Tuesday, the ministry said.\n"
    second = add_document(store, read_upload(other, "article.txt", dt.date(2022, 6, 1)))

    assert first.added and second.added and first.doc_id != second.doc_id
    assert second.doc_id.startswith("article")
    assert sorted(store.documents()["doc_id"]) == sorted([first.doc_id, second.doc_id])
    assert set(store.events()["doc_id"]) == {first.doc_id, second.doc_id}


def test_the_rules_that_make_mentions_are_what_marks_stored_mentions_stale():
    # Editing a gazetteer, a tagger rule or the extraction code must re-extract the store;
    # editing a merge rule, a query or a chart must not (a million mentions extracted again
    # because a SQL string moved).
    files = {str(f) for f in extraction_files()}
    for made_of in ("extract/events.py", "extract/actors.py", "temporal/tagger.py",
                    "resources/actors.yaml", "resources/places.yaml",
                    "resources/temporal/rules.yaml", "documents.py", "schema.py"):
        assert made_of in files, made_of
    for not_made_of in ("corpus/store.py", "corpus/query.py", "corpus/merge.py", "ui/data.py",
                        "present/filters.py", "cli.py", "resources/chronology/merge.yaml",
                        "resources/search_variants.yaml", "resources/chart_style.yaml"):
        assert not_made_of not in files, not_made_of


def test_every_module_of_the_package_that_extraction_runs_marks_stored_mentions_stale(package_files_loaded_by):
    # searchfold.py sits beside the search, yet the actors' reader folds names with it: a module
    # that extraction imports and the fingerprint leaves out would leave stored mentions made
    # by other rules looking current. Run in a fresh process, so that only extraction imports.
    used = {str(f) for f in package_files_loaded_by(
        "from timeline.documents import document_from_text\n"
        "from timeline.extract.events import extract_document\n"
        "extract_document(document_from_text('Envoys of Chile and Peru met in Lima on Monday.', '2022-06-01'))")}
    used.discard("__init__.py")  # the package's own: imported by any of its modules
    files = {str(f) for f in extraction_files()}
    assert "searchfold.py" in used and used <= files, sorted(used - files)


def an_archive_in_subfolders(root: pathlib.Path) -> pathlib.Path:
    """A researcher's folder sorted by year, with a hidden folder and a link back to the top."""
    for relative, place in (("2021/march/talks.md", "Lima"), ("2022/truce.md", "Quito"),
                            (".drafts/draft.md", "Cusco")):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\npublished: 2022-06-01\n---\n\nThe envoys met in {place} on Monday.\n",
                        encoding="utf-8")
    (root / "2021" / "march" / "up").symlink_to(root, target_is_directory=True)
    return root


def test_seeding_reads_the_subfolders_of_an_archive_and_names_the_link_it_does_not_follow(tmp_path):
    folder = an_archive_in_subfolders(tmp_path / "archive")
    seeding = seed_store(EventStore(tmp_path / "store"), folder)
    # every article at any depth, the hidden folder left out, the loop followed once
    assert sorted(r.doc_id for r in seeding.added) == ["talks", "truce"]
    (problem,) = seeding.problems
    assert problem.path == str(folder / "2021" / "march" / "up") and "already read" in problem.reason


def test_an_archive_in_subfolders_is_read_alike_by_seeding_ingest_and_extract(tmp_path):
    from click.testing import CliRunner

    from timeline.cli import main
    from timeline.corpus.pipeline import ingest
    from timeline.documents import load_corpus

    folder = an_archive_in_subfolders(tmp_path / "archive")
    contents = load_corpus(folder)
    failures: list[str] = []
    summary = ingest([folder], EventStore(tmp_path / "store"), workers=1,
                     on_failure=lambda reason, message: failures.append(message))
    extracted = CliRunner().invoke(main, ["extract", str(folder)])
    assert [d.doc_id for d in contents.documents] == ["talks", "truce"] and summary.added == 2
    assert "Lima" in extracted.output and "Quito" in extracted.output and "Cusco" not in extracted.output
    loop = str(folder / "2021" / "march" / "up")
    assert [str(p) for p in contents.problems] == failures == [line.removeprefix("Skipped: ") for line in
                                                               extracted.output.splitlines() if line.startswith("Skipped:")]
    assert failures[0].startswith(loop + ":")


def test_a_store_written_before_a_mentions_column_existed_is_extracted_again(tmp_path):
    # An older version wrote mention segments without a column this version's schema has (as
    # `context_rule` was added): re-extracting merges them with new segments, without a traceback.
    import pyarrow.parquet as pq

    from timeline import schema

    store = EventStore(tmp_path / "store")
    for day in range(1, 5):  # one segment per article, so that re-extraction compacts them
        text = f"The ministers met in Prague on {day} June, officials said. Talks resume on {day + 7} June.\n"
        add_document(store, read_upload(text.encode(), f"talks{day}.txt", dt.date(2022, 6, 20)))
    fresh = store.events()
    newest = list(schema.EVENT_COLUMNS)[-1]
    for segment in (tmp_path / "store" / "segments" / "mentions").glob("*.parquet"):
        table = pq.read_table(segment)
        pq.write_table(table.drop_columns([newest]), segment)
    store = EventStore(tmp_path / "store")  # opened as the new version finds it
    assert newest in store.events().columns
    store.replace_events(store.events().iloc[:0], extractor="rules-of-an-older-version", doc_ids=[])

    assert refresh_store(store) == 4
    again = store.events()
    assert sorted(again["event_id"]) == sorted(fresh["event_id"])
    assert newest in again.columns


def test_seeding_from_a_folder_with_bad_files_adds_the_good_ones_and_names_the_others(
        tmp_path, mixed_folder, mixed_folder_reasons):
    seeding = seed_store(EventStore(tmp_path / "store"), mixed_folder)
    assert [r.doc_id for r in seeding.added] == ["talks"]
    named = {problem.path.rsplit("/", 1)[-1]: problem.reason for problem in seeding.problems}
    assert sorted(named) == sorted(mixed_folder_reasons)
    assert all(reason in named[name] for name, reason in mixed_folder_reasons.items())


def test_a_folder_with_bad_files_is_read_alike_by_load_corpus_and_by_timeline_ingest(
        tmp_path, mixed_folder, mixed_folder_reasons):
    """The two ways in from a folder keep the same articles and name the same files, each with
    the same reason."""
    from timeline.corpus.pipeline import ingest
    from timeline.documents import load_corpus

    failures: list[str] = []
    store = EventStore(tmp_path / "store")
    summary = ingest([mixed_folder], store, workers=1,
                     on_failure=lambda reason, message: failures.append(message))
    contents = load_corpus(mixed_folder)
    assert summary.added == len(contents.documents) == 1
    assert sorted(store.documents()["doc_id"]) == [d.doc_id for d in contents.documents]
    assert len(failures) == len(contents.problems) == len(mixed_folder_reasons)
    for name, reason in mixed_folder_reasons.items():
        (message,) = [m for m in failures if m.startswith(str(mixed_folder / name))]
        (problem,) = [p for p in contents.problems if p.path == str(mixed_folder / name)]
        assert reason in message and reason in problem.reason


def test_a_benchmark_store_of_copies_is_not_extracted_again_at_the_next_start(tmp_path, seeds_dir):
    # bench/corpus_factory.py copies the mentions of an extraction made in the same process:
    # the dashboard started on its store (refresh_store) has nothing to extract again
    import importlib.util
    import sys

    from timeline.documents import load_corpus
    from timeline.extract.events import extract_document

    path = pathlib.Path(__file__).resolve().parents[1] / "bench" / "corpus_factory.py"
    spec = importlib.util.spec_from_file_location("corpus_factory", path)
    factory = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, factory)
    spec.loader.exec_module(factory)
    base = [(d, extract_document(d)) for d in load_corpus(seeds_dir).documents[:1]]
    store = EventStore(tmp_path / "store")
    assert factory.fill_store(store, base, 0, 3, batch=2) > 0
    assert refresh_store(EventStore(tmp_path / "store")) == 0
