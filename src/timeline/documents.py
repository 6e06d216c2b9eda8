"""Articles as `Document`s: plain text, Markdown with front matter, saved HTML pages.

Every way in (a file, an upload's bytes, pasted text) goes through the same checks: a size
bound, binary content refused, a decoding rule, empty text refused, a publication date that
exists. Errors are DocumentError / MissingPublicationDate and name the file.

Decoding rule (bytes -> text):
1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. otherwise valid UTF-8 is UTF-8;
3. UTF-8 (it has real multi-byte characters) with a few stray bytes, at most
   `MAX_STRAY_BYTES`, keeps its text, each stray byte becoming U+FFFD; more than that is
   refused, because reading it in any one encoding would garble part of it - unless
   charset-normalizer finds an East Asian legacy encoding (Shift-JIS, EUC, GB, Big5), whose
   two-byte characters look like many stray bytes;
4. text with no valid multi-byte UTF-8 at all is a legacy 8-bit file: charset-normalizer
   names the encoding; among the Western code pages it hesitates between, cp1252 (the usual
   one of English-language news) is taken when it decodes the bytes.

Metadata, strongest first: the caller's `published`; the sidecar `NAME.meta.yaml`; the file's
own metadata (front matter, HTML meta tags). Keys: title, source, published (or date).
A publication date must lie within the range the tables can hold (EARLIEST_PUBLISHED to
LATEST_PUBLISHED).
"""
from __future__ import annotations

import datetime as dt
import errno
import hashlib
import pathlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from timeline.errors import DocumentError, EmptyDocument, MissingPublicationDate

MAX_BYTES = 2 * 1024 * 1024  # an article is a few dozen KB; 2 MiB leaves room for HTML pages
MAX_STRAY_BYTES = 8
Format = Literal["text", "markdown", "html"]
SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
SIDECAR_SUFFIX = ".meta.yaml"
_TITLE_MAX = 200
SHOWN_MAX = 80  # characters of a bad value quoted back in an error message
_SIDECAR_MAX = 64 * 1024  # a sidecar holds a title, a source and a date

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"\x1f\x8b", "a gzip archive"),
)
# charset-normalizer cannot always tell these apart on English text with a few curly quotes
_WESTERN_CODE_PAGES = frozenset({
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_9", "iso8859_15",
    "iso8859_13", "mac_roman", "mac_latin2", "cp850", "cp437",
})
# East Asian legacy encodings: their two-byte characters are no valid UTF-8, so a file in one
# looks like "UTF-8 with many stray bytes"; charset-normalizer tells them apart reliably.
_CJK_ENCODINGS = frozenset({
    "shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
    "euc_jisx0213", "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004",
    "iso2022_jp_3", "iso2022_jp_ext", "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs",
    "cp950", "euc_kr", "cp949", "johab", "iso2022_kr",
})
# The tables keep dates as pandas nanosecond timestamps, which end here: a publication date
# outside these cannot be stored (and relative dates could not be resolved against it).
EARLIEST_PUBLISHED = dt.date(1677, 9, 22)
LATEST_PUBLISHED = dt.date(2262, 4, 11)
# An HTML page's first tag, read where its first non-blank character is (a template can leave
# any number of blank lines before it: found by _FIRST_NON_BLANK, not a repeat that may run on).
_HTML_START = re.compile(r"<!doctype\s{1,3}html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_FIRST_NON_BLANK = re.compile(r"\S")
# The line that closes front matter: "---" or "...", and perhaps trailing blanks, as wide as a line.
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]{0,80}$", re.MULTILINE)
_FRONT_MATTER_MAX = 20_000
_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Document:
    """An article: its text (normalised: NFC, "\\n" line ends, no surrounding blank space) and
    what is known about it. Sentence offsets and event offsets point into `text`."""

    doc_id: str
    title: str | None
    source: str | None
    published: dt.date | None
    text: str
    path: str | None
    content_hash: str  # sha256 of the text with whitespace collapsed: same article, same hash
    format: Format


# Public API ------------------------------------------------------------------------------------

def load_document(path: str | pathlib.Path, published: dt.date | dt.datetime | str | None = None,
                  *, require_published: bool = True) -> Document:
    """Read an article file (.txt, .md, .html) with its sidecar metadata, if any."""
    file = pathlib.Path(path)
    try:
        if not file.is_file():
            raise DocumentError(file, "no such file" if not file.exists() else "not a file")
        size = file.stat().st_size
    except OSError as exc:  # a name too long for the file system, a folder we may not enter
        raise DocumentError(shown(str(file)), f"cannot be opened: {exc.strerror or exc}") from None
    _check_size(file, size)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DocumentError(file, f"cannot be read: {exc.strerror or exc}") from None
    sidecar = _read_sidecar(file)
    return _build(data, file.name, str(file), _doc_id_from_name(file.name), published, sidecar,
                  require_published)


def document_from_bytes(data: bytes, name: str,
                        published: dt.date | dt.datetime | str | None = None,
                        *, require_published: bool = True) -> Document:
    """An uploaded article: its bytes and its file name (which gives format and doc_id)."""
    _check_size(name, len(data))
    return _build(data, name, name, _doc_id_from_name(name), published, {}, require_published)


def document_from_text(text: str, published: dt.date | dt.datetime | str | None,
                       title: str | None = None, source: str | None = None,
                       doc_id: str | None = None, *, require_published: bool = True) -> Document:
    """Pasted text (or a pasted HTML page). doc_id defaults to one derived from the content."""
    name = "pasted text"
    _check_size(name, len(text.encode("utf-8", errors="replace")))
    fmt: Format = "html" if _looks_like_html(text) else "text"
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = title
    if source:
        meta["source"] = source
    return _from_text(_normalise(text), fmt, name, None, doc_id, published, meta,
                      require_published)


def is_article_file(path: pathlib.Path) -> bool:
    """Whether `path` ends as an article may (SUFFIX_FORMATS, any case): the files read from a
    folder by `load_corpus` and by `timeline extract` and `timeline chart`."""
    return path.suffix.lower() in SUFFIX_FORMATS


@dataclass(frozen=True)
class FolderContents:
    """What `load_corpus` read from a folder: the articles, and one DocumentError for each
    subfolder left unread, then for each file that is not an article (its message names the
    file or folder and says why), in path order."""

    documents: list[Document]
    problems: list[DocumentError]


def load_corpus(folder: str | pathlib.Path,
                published: dt.date | dt.datetime | str | None = None) -> FolderContents:
    """Every article in `folder` and its subfolders (.txt, .md, .html; sidecars are read with
    their article), sorted by path: the files `timeline ingest` reads (folders.walk_folder). A
    file that cannot be read (no date, empty, binary, unreadable) does not stop the others: it
    is one of the result's `problems`, as `timeline ingest` counts it, and so is a subfolder
    left unread. A folder that does not exist raises DocumentError."""
    # imported here: extraction imports this module, and folders.py is no extraction code (a change
    # to it must not make stored mentions stale: ingest._EXTRACTION_CODE)
    from timeline.folders import walk_folder

    directory = pathlib.Path(folder)
    if not directory.is_dir():
        raise DocumentError(directory, "no such folder")
    walk = walk_folder(directory, is_article_file)
    files = walk.files
    documents: list[Document] = []
    problems: list[DocumentError] = [DocumentError(s.path, s.reason) for s in walk.skipped]
    for file in files:
        try:
            documents.append(load_document(file, published))
        except DocumentError as exc:
            problems.append(exc)
        except Exception as exc:  # noqa: BLE001 - a reader's bug on one odd file stops only it
            problems.append(DocumentError(file, f"could not be read ({type(exc).__name__}: "
                                                f"{shown(str(exc))})"))
    return FolderContents(documents, problems)


def content_hash(text: str) -> str:
    """sha256 of `text` with its whitespace collapsed (rewrapping does not change it)."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_date(value: object, where: object, what: str = "publication date") -> dt.date:
    """`value` (a date, a datetime or an ISO string) as a date; DocumentError naming `where`
    and the value when it is not a real date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
            try:
                result = parse(text)
            except ValueError:
                continue
            return result.date() if isinstance(result, dt.datetime) else result
    raise DocumentError(where, f"the {what} {shown(value)} is not a real date (write it as YYYY-MM-DD)")


def shown(value: object, limit: int = SHOWN_MAX) -> str:
    """`value` as it may appear in a message: a string's repr cut to `limit` characters (cut
    before formatting, so a huge value costs nothing), any other container by its type only."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return repr(value[:limit]) + f"… ({len(value):,} characters)"
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        text = repr(value)
        return text if len(text) <= limit else text[:limit] + "…"
    return f"a {type(value).__name__}"


# Bytes -> text ---------------------------------------------------------------------------------

def _check_size(name: object, size: int) -> None:
    if size > MAX_BYTES:
        raise DocumentError(name, f"is {_megabytes(size)}; the limit for one article is "
                                  f"{_megabytes(MAX_BYTES)} (split it, or save only the article)")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def decode(data: bytes, name: object) -> str:
    """The text of `data` by the module's decoding rule; DocumentError naming `name`."""
    if not data:
        raise EmptyDocument(name, "is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise DocumentError(name, f"starts with a {encoding.upper()} byte-order mark "
                                          f"but is not valid {encoding.upper()}") from None
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise DocumentError(name, f"is {kind}, not an article (use .txt, .md or .html)")
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise DocumentError(name, "looks like UTF-16 without a byte-order mark; save it "
                                      "again as UTF-8 (or UTF-16 with a BOM)")
        raise DocumentError(name, "is a binary file (it contains NUL bytes), not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if multibyte:
        if stray <= MAX_STRAY_BYTES:
            return text
        legacy = _decode_east_asian(data)
        if legacy is not None:
            return legacy
        raise DocumentError(name, f"is UTF-8 with {stray} bytes that are not UTF-8 (up to "
                                  f"{MAX_STRAY_BYTES} are tolerated); save it again as UTF-8")
    return _decode_legacy(data, name)


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly-ASCII text in UTF-16: every other byte is NUL."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    return len(head) >= 8 and (
        (odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0)
        or (even.count(0) >= 0.9 * len(even) and odd.count(0) == 0)
    )


def _decode_east_asian(data: bytes) -> str | None:
    """The text of a Shift-JIS, EUC, GB or Big5 file, when charset-normalizer names one of them."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding not in _CJK_ENCODINGS:
        return None
    return str(best)


def _decode_legacy(data: bytes, name: object) -> str:
    import charset_normalizer  # imported here: only legacy files need it

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DocumentError(name, "is neither UTF-8 nor a text encoding that can be recognised; "
                                  "save it again as UTF-8")
    if best.encoding in _WESTERN_CODE_PAGES:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def _normalise(text: str) -> str:
    """NFC, "\\n" line ends, control characters as spaces, no surrounding blank space."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text))
    return text.strip()


# Metadata --------------------------------------------------------------------------------------

class _MetadataLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as strings, so an impossible date gets our message rather
    than a ValueError from inside the YAML library, and that refuses aliases (`*name`): a few
    hundred bytes of nested aliases stand for billions of values ("billion laughs"), and a
    title or a date never needs one."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in article metadata",
                event.start_mark)
        return super().compose_node(parent, index)


_MetadataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_metadata(source: str, where: object) -> dict[str, Any]:
    try:
        data = yaml.load(source, Loader=_MetadataLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise DocumentError(where, f"its metadata is not valid YAML ({line}{problem})") from None
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise DocumentError(where, "its metadata must be a mapping of keys to values "
                                   "(title:, source:, published:)")
    meta: dict[str, Any] = {}
    for key in ("title", "source"):
        value = data.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            raise DocumentError(where, f"its metadata `{key}` must be text, not {shown(value)}")
        if value is not None and str(value).strip():
            meta[key] = str(value).strip()
    date_value = data.get("published", data.get("date"))
    if date_value is not None and not isinstance(date_value, (str, int, float)):
        raise DocumentError(where, f"its metadata `published` must be a date (YYYY-MM-DD), "
                                   f"not {shown(date_value)}")
    if date_value is not None and str(date_value).strip():
        meta["published"] = parse_date(date_value, where)
    return meta


def _read_sidecar(file: pathlib.Path) -> dict[str, Any]:
    sidecar = file.with_name(file.name[: -len(file.suffix)] + SIDECAR_SUFFIX) if file.suffix \
        else file.with_name(file.name + SIDECAR_SUFFIX)
    try:
        if not sidecar.is_file():
            return {}
        size = sidecar.stat().st_size
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return {}  # the article's name is so long that no sidecar name can exist beside it
        raise DocumentError(sidecar, f"cannot be checked: {exc.strerror or type(exc).__name__}") \
            from None
    if size > _SIDECAR_MAX:
        raise DocumentError(sidecar, f"is {size:,} bytes; a metadata file holds a title, a "
                                     f"source and a date (at most {_SIDECAR_MAX:,} bytes)")
    try:
        source = sidecar.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DocumentError(sidecar, f"cannot be read: {exc.strerror or type(exc).__name__}") \
            from None
    except UnicodeDecodeError:
        raise DocumentError(sidecar, "cannot be read as UTF-8 YAML; save it again as UTF-8") \
            from None
    return _parse_metadata(source, sidecar)


def _split_front_matter(text: str, where: object) -> tuple[dict[str, Any], str]:
    """Metadata from a `---` block at the very top, and the text after it."""
    if not text.startswith("---\n"):
        return {}, text
    end = _FRONT_MATTER_END.search(text, 4, _FRONT_MATTER_MAX)
    if end is None:
        return {}, text  # a horizontal rule, not front matter
    return _parse_metadata(text[4:end.start()], where), text[end.end():]


# Formats ---------------------------------------------------------------------------------------

def _looks_like_html(text: str) -> bool:
    """Whether the text is an HTML page: it opens, past any blank space, with a doctype or an
    html, head or body tag."""
    first = _FIRST_NON_BLANK.search(text)
    return first is not None and _HTML_START.match(text, first.start()) is not None


def _format_of(name: str, text: str) -> Format:
    suffix = pathlib.PurePath(name).suffix.lower()
    fmt = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        if suffix:
            raise DocumentError(name, f"has an unsupported file type {shown(suffix, 20)}; "
                                      "use .txt, .md or .html")
        fmt = "text"
    if fmt == "text" and _looks_like_html(text):
        return "html"  # an HTML page saved under .txt
    return fmt


def _markdown_text(source: str) -> str:
    """Plain text of a Markdown body: markup, link targets, images and raw HTML removed,
    blocks separated by blank lines, list items kept as "- item" lines."""
    from markdown_it import MarkdownIt

    blocks: list[tuple[str, bool]] = []  # (text, inside a list)
    lists: list[list[Any]] = []  # [ordered, counter] per open list
    prefix = ""
    for token in MarkdownIt("commonmark").parse(source):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([token.type == "ordered_list_open", int(token.attrGet("start") or 1) - 1])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            lists[-1][1] += 1
            prefix = f"{lists[-1][1]}. " if lists[-1][0] else "- "
        elif token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
            content = "".join(parts).strip()
            if content:
                blocks.append((prefix + content, bool(lists)))
                prefix = ""
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append((token.content.strip(), False))
    out = []
    for i, (content, in_list) in enumerate(blocks):
        if i:
            out.append("\n" if in_list and blocks[i - 1][1] else "\n\n")
        out.append(content)
    return "".join(out)


def _html_document(html: str, where: object) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of a saved HTML page (trafilatura: boilerplate, scripts and
    styles never reach the text)."""
    import trafilatura  # imported here: slow to import, and only HTML needs it

    extracted: Any = None
    for recall in (False, True):  # the precise pass first, a generous one for odd pages
        try:
            extracted = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=True,
                favor_recall=recall,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception as exc:  # noqa: BLE001 - untrusted markup: any parser failure is the page's
            raise DocumentError(where, f"the HTML page cannot be parsed ({type(exc).__name__})") \
                from None
        if _field(extracted, "text"):
            break
    body = _field(extracted, "text")
    if not body:
        raise DocumentError(where, "no article text found in the HTML page")
    # trafilatura puts one paragraph per line; a blank line marks our paragraphs
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    meta: dict[str, Any] = {}
    if title := _field(extracted, "title"):
        meta["title"] = title
    if source := _field(extracted, "sitename") or _field(extracted, "hostname"):
        meta["source"] = source
    if date := _field(extracted, "date"):
        meta["published"] = parse_date(date, where)
    return text, meta


def _field(extracted: Any, name: str) -> str:
    """A text field of trafilatura's result (an object, or a dict in some versions)."""
    if extracted is None:
        return ""
    value = extracted.get(name) if isinstance(extracted, dict) else getattr(extracted, name, None)
    return value.strip() if isinstance(value, str) else ""


# Assembly --------------------------------------------------------------------------------------

def _doc_id_from_name(name: str) -> str:
    stem = pathlib.PurePath(name).name
    for suffix in SUFFIX_FORMATS:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return _UNSAFE_ID_CHARS.sub("-", stem).strip("-.")[:100]


def _build(data: bytes, name: str, path: str | None, doc_id: str | None,
           published: dt.date | dt.datetime | str | None, sidecar: dict[str, Any],
           require_published: bool) -> Document:
    text = _normalise(decode(data, path or name))
    return _from_text(text, _format_of(name, text), name, path, doc_id, published, sidecar,
                      require_published)


def _from_text(text: str, fmt: Format, name: str, path: str | None, doc_id: str | None,
               published: dt.date | dt.datetime | str | None, overrides: dict[str, Any],
               require_published: bool) -> Document:
    where = path or name
    meta: dict[str, Any] = {}
    if fmt == "html":
        text, meta = _html_document(text, where)
    else:
        meta, text = _split_front_matter(text, where)
        if fmt == "markdown":
            text = _markdown_text(text)
    text = _normalise(text)
    if not text:
        raise EmptyDocument(where, "has no text (it is empty or only whitespace)")
    meta.update(overrides)
    if published is not None and not (isinstance(published, str) and not published.strip()):
        meta["published"] = parse_date(published, where, "publication date given")
    if "published" not in meta and require_published:
        raise MissingPublicationDate(where)
    if "published" in meta and not EARLIEST_PUBLISHED <= meta["published"] <= LATEST_PUBLISHED:
        raise DocumentError(where, f"the publication date {meta['published'].isoformat()} is "
                                   f"outside the supported range {EARLIEST_PUBLISHED.isoformat()} "
                                   f"to {LATEST_PUBLISHED.isoformat()}")
    digest = content_hash(text)
    title = meta.get("title") or _first_line_title(text)
    return Document(
        doc_id=doc_id or f"text-{digest[:16]}",
        title=title,
        source=meta.get("source"),
        published=meta.get("published"),
        text=text,
        path=path,
        content_hash=digest,
        format=fmt,
    )


def _first_line_title(text: str) -> str:
    line = text.split("\n", 1)[0].strip()
    return line if len(line) <= _TITLE_MAX else line[: _TITLE_MAX - 1].rstrip() + "…"
