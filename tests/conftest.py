"""Fixtures shared by the whole suite. Others may append fixtures below; keep each one small
and documented."""
from __future__ import annotations

import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_TEXT = SEEDS / "000_37ce115855780b04.txt"
DOCUMENT_FIXTURES = REPO / "tests" / "fixtures" / "documents"


@pytest.fixture(scope="session")
def seeds_dir() -> pathlib.Path:
    """The seed corpus folder (article files with their .meta.yaml sidecars)."""
    return SEEDS


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The text of the first seed article, exactly as stored."""
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def document_fixtures() -> pathlib.Path:
    """tests/fixtures/documents: small invented articles in every format and encoding."""
    return DOCUMENT_FIXTURES


@pytest.fixture
def store_dir(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """An empty event-store folder for one test; TIMELINE_STORE points at it, so code that
    opens the default store never touches data/store/."""
    path = tmp_path / "store"
    monkeypatch.setenv("TIMELINE_STORE", str(path))
    return path
