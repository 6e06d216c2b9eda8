"""The filter a reader sets in the dashboard (and the CLI): what it keeps, and how it survives a
trip through a shared URL."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline.present.filters import EventFilter, facet_values


def ids(table) -> list[str]:
    return table["event_id"].tolist()


@pytest.mark.parametrize(
    ("event_filter", "expected"),
    [
        # A state includes what the people speaking for it said (their rows list the state).
        (EventFilter(actors=("Russia",)), ["b-lavrov", "b-fuzzy", "b-same-day"]),
        (EventFilter(actors=("Sergei Lavrov",)), ["b-lavrov"]),
        # Several values of one facet: any of them.
        (EventFilter(actors=("Antony Blinken", "United Nations")), ["a-week", "b-plan-month"]),
        (EventFilter(statuses=("planned",)), ["a-plan", "b-plan-month"]),
        (EventFilter(event_types=("statement", "attack")), ["a-week", "a-month", "b-lavrov"]),
        (EventFilter(doc_ids=("doc-b",)), ["b-lavrov", "b-fuzzy", "b-same-day", "b-plan-month"]),
        # Facets together: all of them.
        (EventFilter(actors=("Sudan",), statuses=("occurred",)), ["a-meet", "a-month", "b-same-day"]),
        (EventFilter(actors=("Russia",), event_types=("ceasefire",)), []),
        (EventFilter(actors=("Nobody",)), []),
    ],
    ids=lambda v: v.describe() if isinstance(v, EventFilter) else None,
)
def test_filter_keeps_the_matching_events(sample_events, event_filter, expected):
    assert ids(event_filter.apply(sample_events)) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        # An event is in the range when its interval overlaps it: "in April" is in 15–25 April.
        ("2023-04-15", "2023-04-25", ["a-month", "b-fuzzy"]),
        (None, "2023-04-19", ["a-month"]),
        # Both ends inclusive: the week ending on 7 May is in a range starting on 7 May.
        ("2023-05-07", "2023-05-07", ["a-week", "b-fuzzy"]),
        ("2023-06-15", None, ["b-plan-month"]),
        ("2024-01-01", None, []),
    ],
)
def test_date_range_keeps_events_whose_interval_overlaps_it(sample_events, date_from, date_to, expected):
    event_filter = EventFilter(
        date_from=dt.date.fromisoformat(date_from) if date_from else None,
        date_to=dt.date.fromisoformat(date_to) if date_to else None,
    )
    assert ids(event_filter.apply(sample_events)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("MOSCOW", ["b-lavrov"]),                      # sentence, any case
        ("recent weeks", ["b-fuzzy"]),                 # sentence and date as written
        ("by may 20", ["a-plan"]),                     # date as written
        ("lavrov", ["b-lavrov"]),                      # an actor's name
        ("rapid support", ["a-month", "a-plan"]),      # actors only (not in the sentences)
        ("U.S.", ["a-meet"]),                          # a dot is a dot, not "any character"
        (".*", []),                                    # never a regex
        ("[", []),                                     # a broken regex is just text
        ("  Jeddah  ", ["a-meet"]),                    # surrounding spaces ignored
    ],
)
def test_text_query_is_a_case_insensitive_plain_substring(sample_events, query, expected):
    assert ids(EventFilter(query=query).apply(sample_events)) == expected


def test_empty_filter_keeps_everything_and_leaves_the_input_alone(sample_events):
    before = sample_events.copy()
    assert EventFilter().is_empty
    assert ids(EventFilter().apply(sample_events)) == ids(before)
    EventFilter(actors=("Russia",), query="x").apply(sample_events)
    assert sample_events.equals(before)


def test_filter_on_an_empty_table_gives_an_empty_table(make_events):
    assert EventFilter(actors=("Russia",), query="x").apply(make_events()).empty


def test_filter_accepts_lists_datetimes_and_iso_dates_and_stays_hashable():
    event_filter = EventFilter(actors=["Russia"], statuses="planned",
                               date_from=dt.datetime(2023, 5, 1, 14, 0), date_to="2023-05-31")
    assert event_filter.actors == ("Russia",)
    assert event_filter.statuses == ("planned",)
    assert event_filter.date_from == dt.date(2023, 5, 1)
    assert event_filter.to_query_params()["to"] == "2023-05-31"
    assert hash(event_filter) == hash(EventFilter(actors=("Russia",), statuses=("planned",),
                                                  date_from=dt.date(2023, 5, 1),
                                                  date_to=dt.date(2023, 5, 31)))


def test_query_over_a_long_unpunctuated_sentence_is_a_plain_substring(make_events):
    # Linear by construction (Arrow's RE2 for folding, a substring search for matching);
    # bench/ holds the timings.
    events = make_events(dict(sentence="a" * 20_000), dict(sentence="b " * 10_000))
    assert EventFilter(query="a" * 199 + "b").apply(events).empty
    assert len(EventFilter(query="a" * 199).apply(events)) == 1


@pytest.mark.parametrize(
    "event_filter",
    [
        EventFilter(),
        EventFilter(actors=("Russia", "Sergei Lavrov")),
        EventFilter(event_types=("meeting",), statuses=("planned", "occurred")),
        EventFilter(date_from=dt.date(2016, 2, 1), date_to=dt.date(2016, 2, 29)),
        EventFilter(doc_ids=("doc-a",), query="talks & more <b>"),
        EventFilter(actors=("Côte d'Ivoire", "Washington, D.C."), query="cease-fire"),
    ],
    ids=lambda f: f.describe() or "empty",
)
def test_url_round_trip_restores_the_same_filter(event_filter):
    params = event_filter.to_query_params()
    assert all(isinstance(v, (str, list)) for v in params.values())
    assert EventFilter.from_query_params(params) == event_filter


def test_url_leaves_out_facets_without_restriction():
    assert EventFilter().to_query_params() == {}
    assert EventFilter(statuses=("planned",)).to_query_params() == {"status": ["planned"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"bogus": "x", "actor": "Russia"}, EventFilter(actors=("Russia",))),
        ({"from": "2023-13-45", "to": "yesterday"}, EventFilter()),
        ({"from": "2016-02-29"}, EventFilter(date_from=dt.date(2016, 2, 29))),
        ({"from": "2023-05-09", "to": "2023-05-01"},
         EventFilter(date_from=dt.date(2023, 5, 1), date_to=dt.date(2023, 5, 9))),
        ({"status": ["done", "planned", "planned"]}, EventFilter(statuses=("planned",))),
        ({"actor": ["", "   ", "x" * 500, "Sudan\x00", "Sudan"]}, EventFilter(actors=("Sudan",))),
        ({"actor": 5, "type": None, "q": ["a", "b"]}, EventFilter(query="b")),
        ({"q": "z" * 10_000}, EventFilter(query="z" * 200)),
        ({"actor": [f"a{i}" for i in range(1000)]}, EventFilter(actors=tuple(f"a{i}" for i in range(200)))),
    ],
)
def test_malformed_url_parameters_are_dropped_never_raised(params, expected):
    assert EventFilter.from_query_params(params) == expected


def test_a_misbehaving_mapping_gives_the_empty_filter():
    class Broken(dict):
        def get(self, key, default=None):
            raise RuntimeError("boom")

    assert EventFilter.from_query_params(Broken(actor="Russia")) == EventFilter()


def test_url_values_absent_from_the_data_are_dropped_when_facets_are_given(sample_events):
    params = {"actor": ["Russia", "Atlantis"], "type": ["meeting", "parade"], "doc": ["doc-z"]}
    restored = EventFilter.from_query_params(params, facets=facet_values(sample_events))
    assert restored == EventFilter(actors=("Russia",), event_types=("meeting",))


def test_facets_rank_actors_by_number_of_events(sample_events):
    facets = facet_values(sample_events)
    assert facets.actors[:2] == ("Sudan", "Russia")
    assert dict(zip(facets.actors, facets.actor_counts))["Sudan"] == 4
    assert list(facets.actor_counts) == sorted(facets.actor_counts, reverse=True)
    assert facets.event_types[0] == "meeting"
    assert set(facets.event_types) == {"meeting", "statement", "attack", "ceasefire", "military"}
    assert facets.statuses == ("occurred", "planned")
    assert facets.doc_ids == ("doc-a", "doc-b")
    assert (facets.date_min, facets.date_max) == (dt.date(2023, 4, 1), dt.date(2023, 6, 30))


def test_facets_of_an_empty_table_offer_nothing(make_events):
    facets = facet_values(make_events())
    assert facets.actors == () and facets.event_types == () and facets.date_min is None


def _search_variant_examples() -> list[tuple[str, str]]:
    from timeline.datafiles import load_yaml
    return [(e["query"], e["text"]) for e in load_yaml("search_variants.yaml")["examples"]]


@pytest.mark.parametrize(("query", "text"), _search_variant_examples())
def test_search_finds_spelling_variants(make_events, query, text):
    events = make_events(dict(event_id="hit", sentence=text),
                         dict(event_id="miss", sentence="The envoys left Geneva."))
    assert ids(EventFilter(query=query).apply(events)) == ["hit"]


@pytest.mark.parametrize("query", ["ceasefire", "cease-fire", "Cease fire", "CEASE–FIRE"])
def test_search_for_ceasefire_finds_every_way_of_writing_it(make_events, query):
    events = make_events(dict(event_id="a", sentence="A cease-fire took hold."),
                         dict(event_id="b", sentence="The ceasefire held."),
                         dict(event_id="c", sentence="Calls for a cease fire grew."),
                         dict(event_id="d", sentence="Fire broke out."))
    assert ids(EventFilter(query=query).apply(events)) == ["a", "b", "c"]


def test_a_variant_listed_in_two_groups_is_a_resource_error(monkeypatch):
    from timeline.errors import ResourceError
    from timeline import searchfold

    monkeypatch.setattr(searchfold, "load_yaml",
                        lambda name: {"groups": [["kyiv", "kiev"], ["kiev", "kieff"]]})
    searchfold.spelling_variants.cache_clear()
    try:
        with pytest.raises(ResourceError, match="search_variants.yaml: group 2"):
            searchfold.spelling_variants()
    finally:
        searchfold.spelling_variants.cache_clear()


def _two_articles_one_person():
    """Two articles about one person, one of them written without the accents."""
    import pandas as pd

    from timeline.extract.events import extract_events

    first = extract_events("Opposition leader José Ramos signed a ceasefire with the army on 3 March 2025.",
                           "2025-03-04", doc_id="first")
    second = extract_events("Opposition leader Jose Ramos met the army chief in Lima on 9 March 2025.",
                            "2025-03-10", doc_id="second")
    return pd.concat([first, second], ignore_index=True)


def test_a_person_written_with_and_without_accents_is_one_filter_entry_that_finds_both_articles():
    events = _two_articles_one_person()
    facets = facet_values(events)
    assert "José Ramos" in facets.actors and "Jose Ramos" not in facets.actors
    assert facets.actor_counts[facets.actors.index("José Ramos")] == 2
    for chosen in ("José Ramos", "Jose Ramos"):   # a link written without the accents too
        assert set(EventFilter(actors=(chosen,)).apply(events)["doc_id"]) == {"first", "second"}


def test_a_person_written_with_and_without_accents_is_one_lane():
    from timeline.present.charts.lanes import lane_rows

    _, lanes, _ = lane_rows(_two_articles_one_person(), "actor")
    assert "José Ramos" in lanes and "Jose Ramos" not in lanes
