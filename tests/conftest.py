"""Fixtures shared by the whole suite. Others may append fixtures below; keep each one small
and documented."""
from __future__ import annotations

import pathlib
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_TEXT = SEEDS / "000_37ce115855780b04.txt"
DOCUMENT_FIXTURES = REPO / "tests" / "fixtures" / "documents"


@pytest.fixture(autouse=True)
def _main_module_restored():
    """Streamlit's AppTest runs its script as `__main__` and leaves it there; a spawned worker
    process (local ingest workers, a Dask LocalCluster) then runs that script, gone by then,
    as its main module and dies. Each test gets back the `__main__` it started with."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main


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


_MIXED_FOLDER_REASONS = {
    "empty.txt": "is empty",
    "scan.txt": "is a binary file",
    "undated.txt": "no publication date",
}


@pytest.fixture
def mixed_folder(tmp_path: pathlib.Path) -> pathlib.Path:
    """A folder of one good article (invented) among three files that are not articles: one
    with no publication date, an empty one and a binary one (`mixed_folder_reasons`)."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "talks.md").write_text(
        "---\npublished: 2022-06-01\n---\n\nThe foreign ministers met in Prague on Monday "
        "and agreed to meet again in May, officials said.\n", encoding="utf-8")
    (folder / "undated.txt").write_text("The envoys met on Tuesday.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    for name in ("empty.txt", "scan.txt"):  # dated: the date is not what is wrong with them
        (folder / name.replace(".txt", ".meta.yaml")).write_text("published: 2022-06-01\n")
    return folder


@pytest.fixture
def mixed_folder_reasons() -> dict[str, str]:
    """The reason each bad file of `mixed_folder` gives, in the words of documents.py."""
    return dict(_MIXED_FOLDER_REASONS)


@pytest.fixture
def store_dir(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """An empty event-store folder for one test; TIMELINE_STORE points at it, so code that
    opens the default store never touches data/store/."""
    path = tmp_path / "store"
    monkeypatch.setenv("TIMELINE_STORE", str(path))
    return path


# --- Events tables for filters, charts and exports -------------------------------------------
# Hand-made rows about an invented round of talks (not extracted: these fixtures fix what the
# dashboard layer is given, whatever extraction does). `make_events` fills the columns a test
# does not care about, so each test states only what matters to it.

def _event_row(**fields: object) -> dict[str, object]:
    start = fields.get("date_start", "2023-05-06")
    row: dict[str, object] = {
        "doc_id": "doc-a", "event_id": None, "date_start": start, "date_end": start,
        "granularity": "day", "timex_text": "Saturday", "timex_value": None,
        "timex_start": 0, "timex_end": 8, "date_rule": "test row", "date_inherited": False,
        "event_type": "meeting", "status": "occurred", "actors": [], "locations": [],
        "sentence": "Envoys met on Saturday.", "char_start": 0, "char_end": 23, "confidence": 0.8,
        "context_rule": "",
    }
    row.update(fields)
    return row


@pytest.fixture
def make_events():
    """make_events(dict(...), dict(...)) -> a schema-valid events table; missing columns get
    defaults and event ids are ev-0, ev-1, ... unless given."""
    from timeline import schema
    import pandas as pd

    def build(*rows: dict[str, object]):
        table = [_event_row(**row) for row in rows]
        for i, row in enumerate(table):
            row["event_id"] = row["event_id"] or f"ev-{i}"
        if not table:
            return schema.empty_events()
        return schema.validate(pd.DataFrame(table))

    return build


@pytest.fixture
def sample_events(make_events):
    """Eight events from two invented articles: day, week, month and fuzzy dates, planned and
    happened, a person listed with the state they speak for, two events on the same day in the
    same actor lane, and places."""
    return make_events(
        dict(event_id="a-meet", doc_id="doc-a", date_start="2023-05-06", timex_text="Saturday",
             event_type="meeting", actors=["Saudi Arabia", "United States", "Sudan"],
             locations=["Jeddah"], confidence=0.95,
             sentence="Envoys of the two Sudanese factions met in Jeddah on Saturday, Saudi and "
                      "U.S. mediators said."),
        dict(event_id="a-week", doc_id="doc-a", date_start="2023-05-01", date_end="2023-05-07",
             granularity="week", timex_text="this week", event_type="statement",
             actors=["Antony Blinken", "United States"], confidence=0.7,
             sentence="Antony Blinken urged both sides this week to keep talking."),
        dict(event_id="a-month", doc_id="doc-a", date_start="2023-04-01", date_end="2023-04-30",
             granularity="month", timex_text="in April", event_type="attack",
             actors=["Rapid Support Forces", "Sudan"], locations=["Khartoum"], confidence=0.6,
             sentence="Fighting spread across Khartoum in April."),
        dict(event_id="a-plan", doc_id="doc-a", date_start="2023-05-20", timex_text="by May 20",
             event_type="ceasefire", status="planned", actors=["Sudan", "Rapid Support Forces"],
             confidence=0.85, sentence="A truce is due to take effect by May 20."),
        dict(event_id="b-lavrov", doc_id="doc-b", date_start="2023-05-08", timex_text="Monday",
             event_type="statement", actors=["Sergei Lavrov", "Russia"], locations=["Moscow"],
             confidence=0.9,
             sentence="Russian Foreign Minister Sergei Lavrov said on Monday that Moscow backed "
                      "the talks."),
        dict(event_id="b-fuzzy", doc_id="doc-b", date_start="2023-04-20", date_end="2023-05-08",
             granularity="fuzzy", timex_text="in recent weeks", event_type="military",
             actors=["Russia"], confidence=0.4,
             sentence="Russian contractors have been active in recent weeks."),
        dict(event_id="b-same-day", doc_id="doc-b", date_start="2023-05-06", timex_text="May 6",
             event_type="meeting", actors=["Russia", "Sudan"], confidence=0.5,
             sentence="A Russian delegation met Sudanese officials on May 6."),
        dict(event_id="b-plan-month", doc_id="doc-b", date_start="2023-06-01",
             date_end="2023-06-30", granularity="month", timex_text="in June",
             event_type="meeting", status="planned", actors=["United Nations"],
             locations=["Geneva"], confidence=0.65,
             sentence="The United Nations plans to convene both sides in Geneva in June."),
    )


@pytest.fixture
def sample_documents():
    """The documents table of the two articles behind `sample_events`."""
    from timeline import schema
    import pandas as pd

    return schema.validate_documents(pd.DataFrame([
        dict(doc_id="doc-a", title="Sudan's factions meet in Jeddah", source="Invented Wire",
             published="2023-05-07", path="a.txt", text="…", content_hash="a"),
        dict(doc_id="doc-b", title="Moscow backs Sudan talks", source="Invented Daily",
             published="2023-05-09", path="b.txt", text="…", content_hash="b"),
    ]))


HOSTILE_TEXT = '<script>alert(1)</script> & <img src=x onerror=alert(2)>'


@pytest.fixture
def hostile_events(make_events):
    """Events whose article text tries HTML injection and spreadsheet formulas."""
    return make_events(
        dict(event_id="evil-1", sentence=HOSTILE_TEXT + " said on Saturday.",
             timex_text="<b>Saturday</b>", actors=["<img src=x onerror=alert(3)>"],
             locations=["<script>x</script>"], event_type="statement"),
        dict(event_id="evil-2", date_start="2023-05-01", date_end="2023-05-31", granularity="month",
             sentence="=HYPERLINK(\"http://example.invalid\",\"click\")", timex_text="+May",
             actors=["@Mallory", "-Eve"], event_type="<b>type</b>"),
    )


@pytest.fixture
def synthetic_events():
    """synthetic_events(n, seed=0) -> a seeded random events table of n rows (tests/synthetic.py,
    shared with the benchmarks)."""
    from synthetic import synthetic_events as build

    return build


# Browser tests: a module's `store` fixture says which store its real dashboard serves.
@pytest.fixture(scope="module")
def dashboard(store):  # type: ignore[no-untyped-def]
    """`streamlit run app.py` on 127.0.0.1 with the module's store; its base URL."""
    from live_dashboard import running_dashboard

    with running_dashboard(store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from live_dashboard import launch_chromium

    with playwright_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def package_files_loaded_by():
    """A function: the package's files (relative to src/timeline) that the Python statements
    given load when run in a fresh process: what a fingerprint of the files some work depends
    on must hold."""
    import os
    import subprocess

    import timeline

    package = pathlib.Path(timeline.__file__).resolve().parent

    def loaded(statements: str) -> set[pathlib.Path]:
        script = (f"import sys\n{statements}\nprint('\\n'.join(m.__file__ for n, m in sys.modules.items() "
                  "if (n == 'timeline' or n.startswith('timeline.')) and getattr(m, '__file__', None)))")
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(package.parent)}).stdout.split()
        return {pathlib.Path(f).resolve().relative_to(package) for f in out}

    return loaded
