"""The reference chronology as context: a band of its entries on the story's time axis."""
from __future__ import annotations

import json

from timeline.corpus.reference import bundled_reference, load_reference, reference_table
from timeline.present.charts.reference_band import reference_band_figure


def test_the_band_draws_every_entry_of_the_bundled_reference_with_key_entries_apart():
    table = reference_table(bundled_reference())
    fig = reference_band_figure(table, ("2015-06-01", "2016-06-01"), title="Syria")
    drawn = [i for trace in fig.data for i in trace.customdata]
    assert sorted(drawn) == sorted(table["id"])
    sizes = {trace.name: trace.marker.size for trace in fig.data}
    assert sizes["key entries"] > sizes["entries"]
    assert [str(v)[:10] for v in fig.layout.xaxis.range] == ["2015-06-01", "2016-06-01"]


def test_linked_entries_are_ringed_and_counted():
    table = reference_table(bundled_reference())
    some = list(table["id"][:3])
    fig = reference_band_figure(table, None, linked=some)
    assert fig.layout.meta["linked"] == 3
    widths = [w for trace in fig.data for i, w in zip(trace.customdata, trace.marker.line.width)
              if i in some]
    assert widths == [2, 2, 2]


def test_an_uploaded_reference_is_shown_escaped():
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
    try:
        reference = load_reference(text, "test.yaml")
    except Exception as error:  # the format's header names may differ: read the README
        raise AssertionError(f"the documented format did not load: {error}") from None
    fig = reference_band_figure(reference_table(reference), None, title=reference.title)
    page = json.dumps(fig.to_plotly_json(), default=str)
    assert "<script>" not in page and "<b>Test" not in page
    assert "&lt;script&gt;" in page
