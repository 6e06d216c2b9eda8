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
    began = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        load_document(article)
    assert time.perf_counter() - began < 5  # before the fix: a minute and gigabytes
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
