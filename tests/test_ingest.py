"""Putting articles into the store: seeding once, uploads dated by their own metadata first."""
import datetime as dt

import pytest

from timeline.errors import MissingPublicationDate
from timeline.ingest import add_document, read_upload, seed_store
from timeline.store import EventStore

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
    assert first and all(r.added and r.event_count > 0 for r in first)
    assert seed_store(store, seeds_dir) == []  # not empty any more: untouched


def test_the_same_article_twice_is_added_once(tmp_path):
    store = EventStore(tmp_path / "store")
    document = read_upload(DATED_MARKDOWN, "talks.md")
    assert add_document(store, document).added
    again = add_document(store, document)
    assert not again.added and again.event_count == 0
    assert len(store.documents()) == 1
