"""Loading articles: each format, each encoding, metadata precedence, and every bad input
refused with a message that names the file."""
from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from timeline.documents import (
    MAX_BYTES,
    SUFFIX_FORMATS,
    Document,
    content_hash,
    document_from_bytes,
    document_from_text,
    load_corpus,
    load_document,
)
from timeline.errors import DocumentError, InputError, MissingPublicationDate
from timeline.extract.sentences import split_sentences


@pytest.fixture(scope="module")
def good(document_fixtures: pathlib.Path) -> pathlib.Path:
    return document_fixtures / "good"


@pytest.fixture(scope="module")
def bad(document_fixtures: pathlib.Path) -> pathlib.Path:
    return document_fixtures / "bad"


def test_the_seed_loads_with_its_sidecar_metadata(seeds_dir):
    doc = load_document(seeds_dir / "000_37ce115855780b04.txt")
    assert doc.doc_id == "000_37ce115855780b04"
    assert doc.published == dt.date(2016, 2, 3)
    assert doc.source == "Foreign Policy"
    assert doc.title == "Syria Talks Go off the Rails as Russia Ignores Cease-Fire Call"
    assert doc.format == "text"
    assert doc.text.startswith(doc.title) and doc.text == doc.text.strip()


@pytest.mark.parametrize(
    ("name", "fmt", "published", "title", "source", "phrase"),
    [
        ("yemen_hodeidah.txt", "text", dt.date(2018, 12, 13),
         "Yemen's Warring Parties Agree to Hodeidah Truce After a Week of Talks", "Test Wire",
         "U.N. Secretary-General António Guterres"),
        ("kosovo_dialogue.txt", "text", dt.date(2011, 3, 9),
         "Belgrade and Pristina Open EU-Brokered Dialogue", "Balkan Test Service",
         "independence in Feb. 2008."),
        ("colombia_havana.md", "markdown", dt.date(2016, 6, 23),
         "Colombia and FARC Set Date for Final Accord", "Test Gazette",
         "HAVANA — The Colombian government and the FARC rebels"),
        ("sudan_juba.html", "html", dt.date(2020, 8, 31), "Sudan talks resume in Juba",
         "Test Daily", "would take place on Oct. 3"),
        ("cyprus_cp1252.txt", "text", dt.date(2017, 1, 9),
         "Cyprus Leaders to Resume Talks in Geneva", "Test Mediterranean Desk",
         "“We are closer than ever,” said Espen Barth Eide, the U.N. envoy, at a café"),
        ("ethiopia_utf16.txt", "text", dt.date(2018, 7, 9),
         "Ethiopia and Eritrea Declare End of War", "Test Horn Bureau", "the “state of war”"),
        ("armenia_utf8_bom.txt", "text", dt.date(2020, 10, 10),
         "Armenia and Azerbaijan Foreign Ministers Meet in Moscow", "Test Caucasus Desk",
         "Armenia’s Zohrab Mnatsakanyan"),
    ],
)
def test_each_format_and_encoding_gives_text_and_metadata(good, name, fmt, published, title,
                                                          source, phrase):
    doc = load_document(good / name)
    assert (doc.format, doc.published, doc.title, doc.source) == (fmt, published, title, source)
    assert phrase in doc.text
    assert doc.doc_id == name.rsplit(".", 1)[0]
    assert doc.path == str(good / name)
    for marker in ("---", "\r", "\ufeff", "published:"):
        assert marker not in doc.text


def test_markdown_keeps_words_and_drops_markup_links_images_and_raw_html(good):
    text = load_document(good / "colombia_havana.md").text
    for gone in ("**", "*bilateral", "](", "https://", "2015/09/23", "photo-2016", "#",
                 "<script>", "never in the text"):
        assert gone not in text
    assert "- a definitive bilateral ceasefire\n- the handover of weapons" in text
    sentences = [s.text for s in split_sentences(text)]
    assert "- a definitive bilateral ceasefire" in sentences


def test_html_scripts_styles_and_page_furniture_never_reach_the_text(good):
    text = load_document(good / "sudan_juba.html").text
    for gone in ("trackingMarker", "script text", "inline script marker", "scripted-style",
                 "color: red", "Home", "All rights reserved"):
        assert gone not in text
    assert text.count("\n\n") == 3  # headline and three paragraphs, a blank line between


def test_a_few_stray_bytes_in_utf8_become_replacement_characters(good):
    doc = load_document(good / "liberia_stray_byte.txt")
    assert "Liberia’s government and two\ufffdrebel movements" in doc.text


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("empty.txt", DocumentError, "is empty"),
        ("blank.txt", DocumentError, "has no text"),
        ("binary.txt", DocumentError, "binary file"),
        ("photo.txt", DocumentError, "PNG image"),
        ("notes.pdf", DocumentError, "PDF document"),
        ("mixed_bytes.txt", DocumentError, "128 bytes that are not UTF-8"),
        ("no_date.txt", MissingPublicationDate, "no publication date"),
        ("undated_page.html", MissingPublicationDate, "no publication date"),
        ("impossible_date.md", DocumentError, "'2016-02-30' is not a real date"),
        ("far_date.txt", DocumentError, "'99999-01-01' is not a real date"),
        ("bad_sidecar.txt", DocumentError, "not valid YAML (line 2"),
        ("script_only.html", DocumentError, "no article text"),
    ],
)
def test_bad_files_are_refused_with_a_message_naming_the_file(bad, name, error, message):
    with pytest.raises(error) as caught:
        load_document(bad / name)
    assert message in str(caught.value)
    assert name.rsplit(".", 1)[0] in str(caught.value)  # the file (or its sidecar) is named
    assert isinstance(caught.value, InputError)


@pytest.mark.parametrize("name", ["no_date.txt", "undated_page.html"])
def test_a_missing_date_is_accepted_when_the_caller_gives_one(bad, name):
    doc = load_document(bad / name, published="2014-09-19")
    assert doc.published == dt.date(2014, 9, 19)


def test_the_callers_date_overrides_the_metadata(good):
    doc = load_document(good / "yemen_hodeidah.txt", published=dt.datetime(2019, 1, 2, 8, 30))
    assert doc.published == dt.date(2019, 1, 2)


def test_an_impossible_date_from_the_caller_is_refused_naming_the_value(bad):
    with pytest.raises(InputError, match=r"no_date.txt: the publication date given '2016-02-30'"):
        load_document(bad / "no_date.txt", published="2016-02-30")


def test_a_document_without_a_date_can_be_loaded_when_not_required(bad):
    doc = load_document(bad / "no_date.txt", require_published=False)
    assert doc.published is None and doc.title == "Talks Stall in Addis Ababa"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Talks in Bogotá resumed on Monday – “a step”, said the señora from the ministry.", "cp1252"),
        ("Переговоры в Женеве приостановлены в среду, заявил посланник ООН.", "cp1251"),
    ],
)
def test_legacy_encodings_are_recognised(text, encoding):
    doc = document_from_bytes(text.encode(encoding), "legacy.txt", "2020-02-29")
    assert doc.text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_refused_with_a_hint(encoding):
    data = "Talks in Doha\n\nDelegates met on Friday.".encode(encoding)
    with pytest.raises(DocumentError, match="doha.txt: looks like UTF-16 without a byte-order"):
        document_from_bytes(data, "doha.txt", "2020-02-29")


def test_a_missing_file_and_an_unsupported_type_are_refused(tmp_path):
    with pytest.raises(DocumentError, match="missing.txt: no such file"):
        load_document(tmp_path / "missing.txt")
    sheet = tmp_path / "sheet.xlsx"
    sheet.write_text("Talks resumed on Monday.")
    with pytest.raises(DocumentError, match=r"sheet.xlsx: has an unsupported file type '.xlsx'"):
        load_document(sheet, published="2020-01-01")


def test_a_five_megabyte_article_is_refused_with_its_size_and_the_limit(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"Talks resumed on Monday in Geneva. " * 150_000)  # ~5 MB
    with pytest.raises(DocumentError) as caught:
        load_document(big, published="2020-01-01")
    assert "huge.txt: is 5.0 MB; the limit for one article is 2.0 MB" in str(caught.value)
    with pytest.raises(DocumentError, match="upload.txt: is 5.0 MB"):
        document_from_bytes(big.read_bytes(), "upload.txt", published="2020-01-01")
    with pytest.raises(DocumentError, match="pasted text: is 5.0 MB"):
        document_from_text(big.read_text(), "2020-01-01")
    assert MAX_BYTES == 2 * 1024 * 1024


def test_an_upload_is_read_like_the_file_with_the_same_name(good):
    path = good / "sudan_juba.html"
    uploaded = document_from_bytes(path.read_bytes(), "sudan_juba.html")
    loaded = load_document(path)
    assert uploaded.text == loaded.text and uploaded.published == loaded.published
    assert uploaded.doc_id == "sudan_juba" and uploaded.path == "sudan_juba.html"


def test_an_upload_without_a_date_names_the_upload():
    with pytest.raises(MissingPublicationDate, match="^notes from Doha.txt: no publication date"):
        document_from_bytes(b"Talks in Doha\n\nDelegates met on Friday.", "notes from Doha.txt")


def test_an_upload_name_becomes_a_safe_doc_id():
    doc = document_from_bytes(b"Delegates met on Friday.", "../notes from Doha.txt", "2020-02-29")
    assert doc.doc_id == "notes-from-Doha"


def test_pasted_text_gets_a_doc_id_from_its_content():
    doc = document_from_text("  Truce Talks Open\n\nThe envoys met on Monday.\n", "2021-05-03",
                             source="Pasted")
    assert doc.doc_id == f"text-{doc.content_hash[:16]}"
    assert (doc.title, doc.source, doc.path, doc.format) == ("Truce Talks Open", "Pasted", None, "text")
    assert doc.text == "Truce Talks Open\n\nThe envoys met on Monday."
    named = document_from_text(doc.text, dt.date(2021, 5, 3), title="My title", doc_id="mine")
    assert (named.doc_id, named.title) == ("mine", "My title")


def test_pasted_html_is_read_as_an_html_page(good):
    html = (good / "sudan_juba.html").read_text(encoding="utf-8")
    doc = document_from_text(html, None)
    assert doc.format == "html" and doc.published == dt.date(2020, 8, 31)
    assert "trackingMarker" not in doc.text


@pytest.mark.parametrize("blank", ["", "\n", "\n" * 500 + "  \t"])
def test_pasted_html_after_any_blank_lines_is_read_as_an_html_page(good, blank):
    # a page template can leave many blank lines before the doctype
    html = (good / "sudan_juba.html").read_text(encoding="utf-8")
    assert document_from_text(blank + html, None).format == "html"


def test_pasted_text_without_a_date_is_refused():
    with pytest.raises(MissingPublicationDate, match="pasted text"):
        document_from_text("The envoys met on Monday.", None)


@pytest.mark.parametrize("text", ["", "  \n\t\n "])
def test_pasted_blank_text_is_refused(text):
    with pytest.raises(DocumentError, match="pasted text: has no text"):
        document_from_text(text, "2020-01-01")


def test_the_same_article_uploaded_twice_has_the_same_hash(good):
    data = (good / "yemen_hodeidah.txt").read_bytes()
    first = document_from_bytes(data, "first.txt", "2018-12-13")
    rewrapped = document_from_bytes(data.replace(b"\n", b"\r\n").replace(b" in\nthe", b" in the"),
                                    "second.txt", "2018-12-13")
    other = document_from_text(first.text + " One more sentence.", "2018-12-13")
    assert first.content_hash == rewrapped.content_hash == content_hash(first.text)
    assert other.content_hash != first.content_hash


def test_a_corpus_folder_loads_every_article_and_skips_sidecars(good, seeds_dir):
    contents = load_corpus(good)
    docs = contents.documents
    assert contents.problems == []
    assert [d.doc_id for d in docs] == sorted(
        p.name.rsplit(".", 1)[0] for p in good.iterdir() if not p.name.endswith(".meta.yaml"))
    assert all(isinstance(d, Document) and d.published for d in docs)
    assert [d.doc_id for d in load_corpus(seeds_dir).documents] == ["000_37ce115855780b04"]


def test_bad_files_in_a_corpus_folder_are_each_named_with_their_reason_and_the_rest_load(
        mixed_folder, mixed_folder_reasons):
    contents = load_corpus(mixed_folder)
    assert [d.doc_id for d in contents.documents] == ["talks"]
    assert contents.documents[0].published == dt.date(2022, 6, 1)
    named = {pathlib.Path(p.path).name: p.reason for p in contents.problems}
    assert sorted(named) == sorted(mixed_folder_reasons)
    for name, reason in mixed_folder_reasons.items():
        assert reason in named[name]
    assert all(str(p).startswith(str(mixed_folder)) for p in contents.problems)


def test_a_corpus_folder_of_bad_files_only_loads_nothing_and_names_each_one(bad):
    contents = load_corpus(bad)
    assert contents.documents == []
    articles = sorted(p for p in bad.iterdir() if p.suffix in SUFFIX_FORMATS)
    # one problem per article file, naming it (or its .meta.yaml, when that is what is wrong)
    assert [pathlib.Path(p.path).name.split(".")[0] for p in contents.problems] == [
        p.stem for p in articles]
    with pytest.raises(DocumentError, match="no such folder"):
        load_corpus(bad / "nowhere")


def test_a_reader_failure_on_one_file_is_that_file_s_problem_not_the_folder_s(
        mixed_folder, monkeypatch):
    import timeline.documents as documents

    read = documents.load_document

    def failing_on_talks(path, published=None, **kwargs):  # a bug in a reader, on one file
        if pathlib.Path(path).name == "talks.md":
            raise ValueError("unexpected markup")
        return read(path, published, **kwargs)

    monkeypatch.setattr(documents, "load_document", failing_on_talks)
    contents = load_corpus(mixed_folder)
    assert contents.documents == []
    (problem,) = [p for p in contents.problems if p.path.endswith("talks.md")]
    assert "ValueError" in problem.reason and "unexpected markup" in problem.reason


def test_documents_are_immutable(good):
    doc = load_document(good / "kosovo_dialogue.txt")
    with pytest.raises(AttributeError):
        doc.text = "changed"  # type: ignore[misc]
