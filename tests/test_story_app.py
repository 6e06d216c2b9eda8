"""The story view in the dashboard (AppTest, headless): it opens on the chronology, labels the key
events, drills down into every article that reports an event, follows the filters, keeps its
state in the URL, and keeps the per-mention timeline one click away.

The corpus's chronology is what the store will provide as `Corpus.chronology`; here it is built
by hand from the seed's mentions (one event per day and type, a made-up salience), so these
tests fix the view's behaviour whatever the chronology function decides.
"""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest
from test_app import (  # noqa: F401 - the fixtures are used by name
    APP,
    assert_no_exception,
    chart_spec,
    drawn_charts,
    seed_events,
    seeded_template,
    shown_html,
    shown_text,
    store,
)
from story_chronology import HOSTILE, hand_made_chronology
from story_hover import point_key

from timeline import schema
from timeline.ui import keys


@pytest.fixture
def with_chronology(monkeypatch):
    """The corpus's chronology replaced by the hand-made one (Corpus.chronology is what the
    views read; the store's own is tested elsewhere)."""
    import dataclasses

    from timeline.ui import data

    load = data.load_corpus

    def with_hand_made(root):  # type: ignore[no-untyped-def]
        corpus = load(root)
        return dataclasses.replace(corpus, chronology=hand_made_chronology(corpus.events),
                                   curation=None)

    monkeypatch.setattr(data, "load_corpus", with_hand_made)


@pytest.fixture
def story_app(store, with_chronology) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert_no_exception(at)
    return at


def story_spec(at: AppTest) -> dict:
    return json.loads(chart_spec(at, keys.STORY_CHART))


def drawn_keys(spec: dict) -> list[str]:
    return [point_key(k) for t in spec["data"] if t.get("mode") == "markers"
            for k in t.get("customdata") or []]


def test_the_dashboard_opens_on_the_chronology_one_mark_per_event(story_app, seed_events):
    spec = story_spec(story_app)
    chronology = hand_made_chronology(seed_events)
    assert spec["layout"]["meta"]["story"] is True
    drawn = drawn_keys(spec)
    assert len(drawn) == len(set(drawn))  # one mark per event
    background = spec["layout"]["meta"]["background"]
    assert len(drawn) + background == len(chronology)
    assert any(f"{len(chronology)} of {len(chronology)} events" in c.value for c in story_app.caption)


def test_without_streamlits_plotly_script_the_story_is_streamlits_own_chart(
        store, with_chronology, monkeypatch):
    """The chart component borrows the Plotly script Streamlit ships; a Streamlit build
    without it draws the same figure with st.plotly_chart."""
    from timeline.ui import plotly_chart

    monkeypatch.setattr(plotly_chart, "plotly_script_address", lambda: None)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert_no_exception(at)
    assert not at.get("bidi_component")
    (chart,) = [c for c in at.get("plotly_chart") if keys.STORY_CHART in c.proto.id]
    assert json.loads(chart.proto.spec)["layout"]["meta"]["story"] is True

def test_the_key_events_are_labelled_and_escaped(story_app):
    labels = [a["text"] for a in story_spec(story_app)["layout"].get("annotations", [])
              if str(a.get("name", "")).startswith("key:")]
    assert labels and all(" · " in text for text in labels)
    assert "<img" not in json.dumps(story_spec(story_app))


def test_choosing_an_event_shows_every_article_that_reports_it(story_app, seed_events):
    chronology = hand_made_chronology(seed_events)
    busiest = chronology.sort_values(schema.N_MENTIONS, ascending=False).iloc[0]
    story_app.selectbox(key=keys.SELECTED_STORY_EVENT).set_value(busiest[schema.EVENT_KEY]).run()
    assert_no_exception(story_app)
    html = shown_html(story_app)
    cards = html.count('class="tl-evidence"')
    assert cards == len(busiest[schema.MENTION_IDS]) or (
        cards >= 3 and any(e.label.endswith("more reports") for e in story_app.expander))
    text = shown_text(story_app)
    assert f"Why it counts: reported {busiest[schema.N_MENTIONS]} times" in text
    assert "Status history" in text
    for mention_id in busiest[schema.MENTION_IDS][:3]:
        sentence = seed_events.set_index(schema.EVENT_ID).loc[mention_id, schema.SENTENCE]
        assert " ".join(str(sentence).split()) in " ".join(text.split())
    assert story_app.query_params.get(keys.URL_STORY_EVENT) == busiest[schema.EVENT_KEY]


def test_a_headline_with_markup_is_shown_as_text_in_the_drill_down(story_app):
    story_app.selectbox(key=keys.SELECTED_STORY_EVENT).set_value("ev000").run()
    assert "<img src=x" not in shown_html(story_app)
    assert HOSTILE in shown_text(story_app)


def test_the_filters_narrow_the_chronology(story_app, seed_events):
    before = len(drawn_keys(story_spec(story_app)))
    story_app.multiselect(key=keys.FILTER_STATUSES).set_value(["planned"]).run()
    assert_no_exception(story_app)
    after = drawn_keys(story_spec(story_app))
    planned = set(seed_events.loc[seed_events[schema.STATUS] == "planned", schema.EVENT_ID])
    chronology = hand_made_chronology(seed_events).set_index(schema.EVENT_KEY)
    assert 0 < len(after) < before
    assert all(planned & set(chronology.loc[k, schema.MENTION_IDS]) for k in after)


def test_lanes_by_actor_go_to_the_url_and_a_link_restores_them(story_app, store, with_chronology):
    story_app.segmented_control(key=keys.STORY_LANE).set_value("actor").run()
    assert_no_exception(story_app)
    assert story_spec(story_app)["layout"]["meta"]["lane"] == "actor"
    assert story_app.query_params.get(keys.URL_STORY_LANE) == "actor"
    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.query_params[keys.URL_STORY_LANE] = "actor"
    fresh.run()
    assert story_spec(fresh)["layout"]["meta"]["lane"] == "actor"


def test_every_mention_is_one_click_away_and_the_link_says_so(story_app, seed_events):
    story_app.segmented_control(key=keys.TIMELINE_MODE).set_value("mentions").run()
    assert_no_exception(story_app)
    plotted = {p for t in json.loads(chart_spec(story_app, keys.CHART))["data"]
               for p in t.get("customdata") or []}
    assert plotted >= set(seed_events[schema.EVENT_ID])
    assert story_app.query_params.get(keys.URL_MODE) == "mentions"


def test_without_a_given_chronology_the_dashboard_merges_the_mentions_itself(store, seed_events):
    from timeline.corpus.chronology import chronology

    at = AppTest.from_file(APP, default_timeout=60).run()
    assert_no_exception(at)
    spec = story_spec(at)
    merged = chronology(seed_events)
    assert len(drawn_keys(spec)) + spec["layout"]["meta"]["background"] == len(merged)
    assert set(drawn_keys(spec)) <= set(merged[schema.EVENT_KEY])


def test_a_long_status_history_shows_five_steps_and_folds_the_rest():
    from test_story import chronology, event

    from timeline.ui.evidence_panel import story_header_html

    steps = [{"status": "occurred", "date_start": "2017-04-04", "date_end": "2017-04-04",
              "doc_id": f"doc-{i}", "published": f"2017-04-{4 + i:02d}", "event_id": f"m{i}"}
             for i in range(8)]
    row = chronology(event("attack", "2017-04-04", status_history=json.dumps(steps))).iloc[0]
    page = story_header_html(row, {})
    shown, folded = page.split("<details>")
    assert shown.count("<li>") == 5 and folded.count("<li>") == 3
    assert "<summary>3 more reports</summary>" in folded


def test_the_status_history_lists_each_articles_report_once_in_plain_words():
    """An article that names the plan twice (its first paragraph and again below) is one step
    of the history; a report that it happened reads "happened on", a plan "planned for"."""
    from test_story import chronology, event

    from timeline.ui.evidence_panel import story_header_html

    def step(status, day, doc, published):
        return {"status": status, "date_start": day, "date_end": day, "doc_id": doc,
                "published": published, "event_id": f"{doc}-{len(doc)}"}

    steps = [step("planned", "2019-06-12", "preview", "2019-06-05"),
             step("planned", "2019-06-12", "preview", "2019-06-05"),  # the same article again
             step("planned", "2019-06-12", "agenda", "2019-06-10"),
             step("occurred", "2019-06-12", "report", "2019-06-12")]
    row = chronology(event("summit", "2019-06-12", status="occurred",
                           status_history=json.dumps(steps))).iloc[0]
    page = story_header_html(row, {"preview": "Leaders to meet", "agenda": "The week ahead",
                                   "report": "Leaders meet"}, {"report": "Harbour <Times>"})
    history = page.split('<ol class="tl-history">')[1]
    assert history.count("<li>") == 3
    assert history.count("“Leaders to meet”") == 1
    assert "<li>planned for 12 Jun 2019, in “The week ahead”" in history
    assert "<li>happened on 12 Jun 2019, in “Leaders meet” (Harbour &lt;Times&gt;, published 12 Jun 2019)" in history
    assert "<li>planned for 12 Jun 2019, in “The week ahead” (published 10 Jun 2019)" in history
    assert "occurred" not in page


def test_a_view_choice_the_browser_fails_to_send_is_kept(story_app):
    """Chromium sometimes reports a hidden tab's segmented control as None on a rerun another
    tab triggered: the view the user chose stays, and so does its URL parameter."""
    story_app.segmented_control(key=keys.TIMELINE_MODE).set_value("mentions").run()
    story_app.session_state[keys.TIMELINE_MODE] = None
    story_app.run()
    assert_no_exception(story_app)
    assert story_app.segmented_control(key=keys.TIMELINE_MODE).value == "mentions"
    assert story_app.query_params.get(keys.URL_MODE) == "mentions"


def test_a_row_chosen_in_the_chronology_table_is_shared_by_the_link(story_app, seed_events):
    event = seed_events.iloc[-1]
    story_app.session_state[keys.TAB] = "Chronology"  # the table's tab, where a row is chosen
    story_app.session_state[keys.SELECTED_EVENT] = event[schema.EVENT_ID]
    story_app.run()
    assert_no_exception(story_app)
    assert story_app.query_params.get(keys.URL_EVENT) == event[schema.EVENT_ID]

    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.query_params[keys.URL_EVENT] = event[schema.EVENT_ID]
    fresh.query_params[keys.TAB] = "Chronology"
    fresh.run()
    assert_no_exception(fresh)
    assert fresh.session_state[keys.SELECTED_EVENT] == event[schema.EVENT_ID]
    assert str(event[schema.DATE_RULE]) in shown_text(fresh)


def test_the_story_chart_is_made_once_per_view_and_again_after_an_edit(store, monkeypatch):
    """Choosing an event reruns the page: the chart of the same filters and store is drawn
    from what was made (thousands of hover texts on a big store), until the store changes."""
    from timeline.corpus import curation
    from timeline.corpus.store import EventStore
    from timeline.present import charts

    made = []
    real = charts.story_figure
    monkeypatch.setattr(charts, "story_figure", lambda *a, **k: made.append(1) or real(*a, **k))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert_no_exception(at)
    assert len(made) == 1
    at.selectbox(key=keys.SELECTED_STORY_EVENT).select_index(0).run()
    assert_no_exception(at)
    assert len(made) == 1 and "tl-story" in shown_html(at)  # the drill-down, same chart

    events_store = EventStore(str(store))
    event = events_store.chronology().sort_values(schema.SALIENCE, ascending=False).iloc[0]
    events_store.append_edits(curation.edit_event(
        event, {schema.HEADLINE: "Envoys adjourn the talks"}, events_store.events(),
        author="report writer"))
    at.run()
    assert_no_exception(at)
    assert len(made) == 2 and "Envoys adjourn the talks" in chart_spec(at, keys.STORY_CHART)


def test_the_reference_chronology_is_a_band_of_the_story_chart_not_a_second_chart(story_app):
    from timeline.corpus.reference import bundled_reference

    entries = {e.id for e in bundled_reference().entries}
    (chart,) = drawn_charts(story_app).values()  # the story alone: the band is drawn inside it
    spec = json.loads(chart)
    drawn = {i for t in spec["data"] if str(t.get("name", "")).startswith("reference:")
             for i in t.get("ids") or []}
    assert drawn == entries
    assert spec["layout"]["meta"]["reference"]["entries"] == len(entries)
    assert "Reference" in spec["layout"]["yaxis"]["ticktext"]
    assert any(f"{len(entries)} entries" in c.value for c in story_app.caption)


def test_choosing_no_reference_draws_the_story_without_its_band(story_app):
    from timeline.ui.reference_view import NONE

    story_app.selectbox(key=keys.REFERENCE_CHOICE).set_value(NONE).run()
    assert_no_exception(story_app)
    spec = story_spec(story_app)
    assert not [t for t in spec["data"] if str(t.get("name", "")).startswith("reference:")]
    assert spec["layout"]["meta"]["reference"] is None
    assert "Reference" not in spec["layout"]["yaxis"]["ticktext"]
