"""A plan reported again and again, in a real browser: Chromium against `streamlit run` on a
small store whose one event was announced for the same earlier day by three wires before it
happened on another day. The chart draws that earlier day once (one hollow mark and one
dotted line), not once per report: on a big store each report drew the same mark again."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from live_dashboard import BROWSER_MARKS, launch_chromium, running_dashboard

from timeline import schema
from timeline.corpus.ingest import extractor_fingerprint
from timeline.corpus.store import EventStore
from timeline.corpus.sync import chronology_fingerprint
from timeline.documents import document_from_text

pytestmark = BROWSER_MARKS

EARLIER_DATES = """() => { const t = document.querySelector('.js-plotly-plot').data
    .find(t => t.name === 'earlier date');
    return t ? Array.from(t.x).map((x, i) => String(x) + '|' + t.y[i]) : null; }"""
WIRES = ("North Wire", "East Wire", "South Wire")


@pytest.fixture
def store(tmp_path, make_events):
    path = tmp_path / "store"
    store = EventStore(str(path))
    history = []
    for i, wire in enumerate(WIRES):  # three announcements of talks on 10 March
        doc_id = f"announce-{i}"
        text = f"Envoys will meet in Oslo on 10 March, {wire} reported."
        store.add(document_from_text(text, f"2021-03-0{i + 1}", title=f"Talks set ({wire})",
                                     source=wire, doc_id=doc_id),
                  make_events(dict(event_id=f"{doc_id}-1", doc_id=doc_id, status="planned",
                                   date_start="2021-03-10", event_type="talks",
                                   actors=["Norway"], locations=["Oslo"], sentence=text)))
        history.append({"status": "planned", "date_start": "2021-03-10",
                        "date_end": "2021-03-10", "doc_id": doc_id,
                        "published": f"2021-03-0{i + 1}", "event_id": f"{doc_id}-1"})
    text = "Envoys met in Oslo on 14 March after a delay."
    store.add(document_from_text(text, "2021-03-15", title="Talks held", source="West Wire",
                                 doc_id="held"),
              make_events(dict(event_id="held-1", doc_id="held", date_start="2021-03-14",
                               event_type="talks", actors=["Norway"], locations=["Oslo"],
                               sentence=text)))
    history.append({"status": "occurred", "date_start": "2021-03-14", "date_end": "2021-03-14",
                    "doc_id": "held", "published": "2021-03-15", "event_id": "held-1"})
    ids = [h["event_id"] for h in history]
    store.write_chronology(pd.DataFrame([dict(
        event_key="talks", date_start="2021-03-14", date_end="2021-03-14", granularity="day",
        event_type="talks", status="occurred", headline="Envoys meet in Oslo",
        actors=["Norway"], locations=["Oslo"], mention_ids=ids,
        doc_ids=[h["doc_id"] for h in history], n_mentions=4, n_articles=4,
        sources=[*WIRES, "West Wire"], first_reported="2021-03-01",
        last_reported="2021-03-15", status_history=json.dumps(history), salience=0.9,
        salience_reason="four articles", representative_id="held-1")]))
    # The mentions are the current rules' and the chronology is in step with them: the
    # dashboard shows them as they are (no extraction, no merge on its start).
    store.replace_events(schema.empty_events(), extractor_fingerprint(), doc_ids=[])
    store.record_chronology_stamp({**store.state_stamp(), "rules": chronology_fingerprint()})
    return path


def test_a_plan_date_three_articles_reported_is_drawn_once(store):
    from playwright.sync_api import sync_playwright

    with running_dashboard(store) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url, wait_until="domcontentloaded")
            page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=90_000)
            page.get_by_text("1 of 1 events").first.wait_for(timeout=60_000)
            page.wait_for_function(EARLIER_DATES, timeout=60_000)
            earlier = page.evaluate(EARLIER_DATES)
        finally:
            browser.close()
    assert earlier is not None, "the chart shows that the plan changed"
    assert len(earlier) == 1 and earlier[0].startswith("2021-03-10"), earlier
