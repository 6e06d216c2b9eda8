"""The reference chronology as context: a band of its entries in the story figure, under the
lanes, on the story's own time axis (one chart, not two)."""
from __future__ import annotations

import itertools
import json

import pandas as pd
import plotly.io as pio
import pytest

from test_story import chronology, crowded_chronology, event, label_boxes, marks, top_of_marks

from timeline.corpus.reference import bundled_reference, load_reference, reference_table
from timeline.present.charts import event_ids_from_selection
from timeline.present.charts.reference_band import (
    KEY_NAME,
    OTHER_NAME,
    ReferenceBand,
    band_entry_ids,
)
from timeline.present.charts.story import story_figure


@pytest.fixture
def syria() -> ReferenceBand:
    return ReferenceBand(reference_table(bundled_reference()), title="Syria")


@pytest.fixture
def talks() -> pd.DataFrame:
    return chronology(
        event("suspend", "2016-02-03", headline="UN suspends Geneva talks", n_articles=20,
              salience=0.95),
        event("truce", "2016-02-27", event_type="ceasefire", headline="Truce begins",
              n_articles=9, salience=0.9),
        event("munich", "2016-02-11", headline="ISSG meets in Munich", n_articles=4, salience=0.7))


def band_traces(fig) -> dict[str, object]:
    return {t.name: t for t in fig.data if t.name in (KEY_NAME, OTHER_NAME)}


def test_the_story_draws_every_entry_of_the_reference_in_a_band_under_its_lanes(talks, syria):
    fig = story_figure(talks, reference=syria)
    assert sorted(band_entry_ids(fig.data)) == sorted(syria.entries["id"])
    traces = band_traces(fig)
    assert traces[KEY_NAME].marker.size > traces[OTHER_NAME].marker.size
    band_y = {y for t in traces.values() for y in t.y}
    assert len(band_y) == 1
    (y,) = band_y
    assert all(y < m["y"] for m in marks(fig).values())  # under every lane
    assert fig.layout.yaxis.range[0] < y  # above the density strip, inside the plot
    assert "Reference" in fig.layout.yaxis.ticktext
    assert fig.layout.meta["reference"]["entries"] == len(syria.entries)


def test_the_band_never_sets_the_axis(talks, syria):
    """The reference covers 2011 to today; the view still opens on the story's key events."""
    assert story_figure(talks, reference=syria).layout.xaxis.range == \
        story_figure(talks).layout.xaxis.range


def test_linked_entries_are_ringed_and_counted(talks):
    table = reference_table(bundled_reference())
    some = frozenset(table["id"][:3])
    fig = story_figure(talks, reference=ReferenceBand(table, some, "Syria"))
    assert fig.layout.meta["reference"]["linked"] == 3
    widths = [w for trace in band_traces(fig).values()
              for i, w in zip(trace.ids, trace.marker.line.width) if i in some]
    assert widths == [2, 2, 2]


def test_a_click_on_the_band_selects_no_extracted_event(talks, syria):
    fig = story_figure(talks, reference=syria)
    points = [{"customdata": t.customdata[0] if t.customdata is not None else None,
               "curve_number": n} for n, t in enumerate(fig.data)
              if t.name in (KEY_NAME, OTHER_NAME)]
    assert points and event_ids_from_selection({"selection": {"points": points}}) == []


def test_labels_stay_apart_and_over_the_marks_with_the_band(syria):
    fig = story_figure(crowded_chronology(), key_events=20, reference=syria)
    boxes = label_boxes(fig)
    assert len(boxes) >= 3
    for a, b in itertools.combinations(boxes, 2):
        assert not a.intersects(b)
    assert max(b.y1 for b in boxes) <= top_of_marks(fig)


def test_the_band_stays_when_the_story_is_redrawn_for_a_report(talks, syria):
    again = story_figure(talks, reference=syria).at_size(1200, 675)
    assert (again.layout.width, again.layout.height) == (1200, 675)
    assert sorted(band_entry_ids(again.data)) == sorted(syria.entries["id"])


def test_the_figure_with_its_band_made_without_validation_is_the_validated_one(
        talks, syria, monkeypatch):
    from timeline.present.charts import story

    made = {}
    for checked in (False, True):
        monkeypatch.setattr(story, "VALIDATE", checked)
        made[checked] = json.loads(pio.to_json(story_figure(talks, reference=syria)))
    assert made[False] == made[True]


def test_an_uploaded_reference_is_shown_escaped(talks):
    text = b"""format: timeline-reference
version: 1
title: "<b>Test</b> process"
region: Nowhere
license: CC BY 4.0
credit: us
entries:
  - id: one
    date: 2020-01-05
    precision: day
    type: meeting
    actors: []
    headline: "<script>alert(1)</script> envoys meet"
    summary: "A <i>meeting</i>."
    link: https://example.org/a
"""
    reference = load_reference(text, "test.yaml")
    fig = story_figure(talks, reference=ReferenceBand(reference_table(reference),
                                                       title=reference.title))
    page = json.dumps(fig.to_plotly_json(), default=str)
    assert "<script>" not in page and "<b>Test" not in page
    assert "&lt;script&gt;" in page
