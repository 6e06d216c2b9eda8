"""Reference chronologies: the bundled Syria file, loading other files, and linking extracted
events to entries."""
import datetime as dt

import pandas as pd
import pytest

from timeline import schema
from timeline.corpus import reference as ref
from timeline.errors import InputError


# The bundled file --------------------------------------------------------------------------------

def test_bundled_syria_chronology_covers_2011_to_2025_with_sixty_sourced_entries():
    r = ref.bundled_reference()
    assert len(r.entries) >= 60
    assert r.entries[0].start.year == 2011 and r.entries[-1].start.year == 2025
    assert {e.start.year for e in r.entries} >= set(range(2011, 2026))
    assert all(e.link.startswith(("https://undocs.org/", "https://en.wikipedia.org/wiki/")) for e in r.entries)
    assert r.title and r.region == "Syria" and "CC BY" in r.license


def test_bundled_chronology_is_loaded_once():
    assert ref.bundled_reference() is ref.bundled_reference()
    assert "syria_peace_process" in ref.bundled_names()


def test_bundled_chronology_names_actors_as_the_gazetteer_does():
    from timeline.extract.actors import find_actors
    names = sorted({a for e in ref.bundled_reference().entries for a in e.actors})
    unknown = [a for a in names if a not in find_actors(f"On Monday, {a} said it was ready.", dt.date(2016, 1, 4))]
    assert unknown == []


def test_bundled_un_resolutions_link_to_their_symbols():
    for e in ref.bundled_reference().entries:
        if e.id.startswith("resolution-"):
            number, year = e.id.split("-")[1:3]
            assert e.link == f"https://undocs.org/S/RES/{number}({year})"
            assert e.start.year == int(year)


def test_resolution_2254_is_dated_18_december_2015():
    e = ref.bundled_reference().entry("resolution-2254-2015")
    assert (e.start, e.precision, e.event_type, e.key) == (dt.date(2015, 12, 18), "day", "resolution", True)


# Loading any file --------------------------------------------------------------------------------

GOOD = """\
format: timeline-reference
version: 1
title: A small process
region: Somewhere
license: CC0
entries:
  - id: a
    date: 2019-03-05
    precision: day
    type: talks
    actors: [United Nations]
    place: Geneva
    headline: Talks open
    summary: Talks opened.
    link: https://example.org/a
  - id: b
    date: 2019-04
    precision: month
    type: ceasefire
    actors: [Russia, Turkey]
    headline: Truce
    summary: A truce.
    link: http://example.org/b
    key: true
  - id: c
    date: 2020
    precision: year
    type: other
    actors: []
    headline: A year
    summary: Something that year.
    link: https://example.org/c
"""


def test_user_file_is_read_from_bytes_with_each_precision_covering_its_span():
    r = ref.load_reference(GOOD.encode(), name="upload.yaml")
    spans = {e.id: (e.start, e.end) for e in r.entries}
    assert spans == {"a": (dt.date(2019, 3, 5), dt.date(2019, 3, 5)),
                     "b": (dt.date(2019, 4, 1), dt.date(2019, 4, 30)),
                     "c": (dt.date(2020, 1, 1), dt.date(2020, 12, 31))}
    assert r.entry("b").key and not r.entry("a").key


def test_user_file_is_read_from_a_path(tmp_path):
    path = tmp_path / "other.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert ref.load_reference(path).title == "A small process"


@pytest.mark.parametrize("old, new, message", [
    ("date: 2019-03-05", "date: 2019-02-30", "entry 1 (a): bad date '2019-02-30': no such day"),
    ("date: 2019-03-05", "date: 5 March 2019", "entry 1 (a): bad date '5 March 2019'"),
    ("date: 2019-04\n", "date: 2019-04-02\n", "entry 2 (b): bad date '2019-04-02': precision month is written YYYY-MM"),
    ("precision: day", "precision: week", "entry 1 (a): unknown precision 'week'"),
    ("type: talks", "type: negotiation", "entry 1 (a): unknown type 'negotiation'"),
    ("    link: https://example.org/a\n", "", "entry 1 (a): missing 'link'"),
    ("link: https://example.org/a", "link: javascript:alert(1)", "entry 1 (a): 'link' must be an http or https address"),
    ("link: https://example.org/a", "link: ftp://example.org/a", "entry 1 (a): 'link' must be an http or https address"),
    ("id: b", "id: a", "entry 2 (a): the id is already used by entry 1"),
    ("format: timeline-reference", "format: other", "'format' must be 'timeline-reference'"),
    ("version: 1", "version: 7", "version 7 is not one this program reads"),
    ("    headline: Truce\n", "", "entry 2 (b): missing 'headline'"),
])
def test_bad_user_file_is_refused_naming_the_file_and_entry(old, new, message):
    with pytest.raises(InputError) as err:
        ref.load_reference(GOOD.replace(old, new, 1).encode(), name="mine.yaml")
    assert str(err.value).startswith("mine.yaml: ")
    assert message in str(err.value)


def test_oversized_or_binary_or_broken_upload_is_refused_with_a_message():
    with pytest.raises(InputError, match="at most 2 MB"):
        ref.load_reference(b"x" * (ref.MAX_REFERENCE_BYTES + 1), name="big.yaml")
    with pytest.raises(InputError, match="not UTF-8"):
        ref.load_reference(b"\xff\xfe\x00bad", name="bin.yaml")
    with pytest.raises(InputError, match="not valid YAML"):
        ref.load_reference(b"entries: [", name="broken.yaml")
    with pytest.raises(InputError, match="missing.yaml: cannot be read"):
        ref.load_reference("/nonexistent/missing.yaml")


# Matching ----------------------------------------------------------------------------------------

def chronology(*rows: dict) -> pd.DataFrame:
    """A small chronology table: each row gives key, start (and end), type, actors, places."""
    table = []
    for r in rows:
        start = pd.Timestamp(r["start"])
        table.append({
            schema.EVENT_KEY: r["key"], schema.DATE_START: start, schema.DATE_END: pd.Timestamp(r.get("end", start)),
            schema.GRANULARITY: r.get("granularity", "day"), schema.EVENT_TYPE: r.get("type", "other"),
            schema.STATUS: "occurred", schema.HEADLINE: "", schema.ACTORS: r.get("actors", []),
            schema.LOCATIONS: r.get("places", []), schema.MENTION_IDS: [], schema.DOC_IDS: [],
            schema.N_MENTIONS: 1, schema.N_ARTICLES: 1, schema.SOURCES: [],
            schema.FIRST_REPORTED: start, schema.LAST_REPORTED: start, schema.STATUS_HISTORY: "[]",
            schema.SALIENCE: 0.5, schema.SALIENCE_REASON: "", schema.REPRESENTATIVE_ID: "x",
        })
    return schema.validate_chronology(pd.DataFrame(table))


@pytest.fixture
def small():
    return ref.load_reference(GOOD.encode(), name="small.yaml")


def test_event_on_the_entry_day_with_its_type_is_linked(small):
    table = chronology({"key": "e1", "start": "2019-03-05", "type": "talks"})
    assert ref.match_reference(table, small) == {"e1": "a"}


def test_event_on_another_day_is_not_linked_even_with_everything_else_agreeing(small):
    table = chronology({"key": "e1", "start": "2019-03-08", "type": "talks",
                        "actors": ["United Nations"], "places": ["Geneva"]})
    assert ref.match_reference(table, small) == {}


def test_event_a_day_off_is_linked_only_when_more_than_the_type_agrees(small):
    alone = chronology({"key": "e1", "start": "2019-03-06", "type": "talks"})
    assert ref.match_reference(alone, small) == {}
    with_place = chronology({"key": "e1", "start": "2019-03-06", "type": "talks", "places": ["Geneva"]})
    assert ref.match_reference(with_place, small) == {"e1": "a"}


def test_same_day_event_of_an_unrelated_type_and_no_shared_actor_is_not_linked(small):
    table = chronology({"key": "e1", "start": "2019-03-05", "type": "attack", "actors": ["Syria"]})
    assert ref.match_reference(table, small) == {}


def test_month_entry_needs_more_agreement_than_a_day_entry(small):
    weak = chronology({"key": "e1", "start": "2019-04-10", "type": "ceasefire"})
    assert ref.match_reference(weak, small) == {}
    strong = chronology({"key": "e1", "start": "2019-04-10", "type": "ceasefire", "actors": ["Russia"]})
    assert ref.match_reference(strong, small) == {"e1": "b"}


def test_event_wider_than_the_entry_is_not_linked(small):
    # "in 2019" cannot be said to be the day the talks opened
    table = chronology({"key": "e1", "start": "2019-01-01", "end": "2019-12-31", "granularity": "year",
                        "type": "talks", "actors": ["United Nations"], "places": ["Geneva"]})
    assert ref.match_reference(table, small) == {}


def test_month_event_inside_a_month_entry_is_linked(small):
    table = chronology({"key": "e1", "start": "2019-04-01", "end": "2019-04-30", "granularity": "month",
                        "type": "agreement", "actors": ["Russia", "Turkey"]})
    assert ref.match_reference(table, small) == {"e1": "b"}


def test_best_entry_wins_when_two_share_a_day():
    r = ref.bundled_reference()
    both = [e.id for e in r.entries if e.start == dt.date(2016, 3, 14)]
    assert sorted(both) == ["geneva-talks-resume-2016", "russian-drawdown-2016"]
    table = chronology(
        {"key": "talks", "start": "2016-03-14", "type": "resumption",
         "actors": ["Staffan de Mistura", "United Nations"], "places": ["Geneva"]},
        {"key": "troops", "start": "2016-03-14", "type": "statement", "actors": ["Vladimir Putin", "Russia"]},
    )
    assert ref.match_reference(table, r) == {"talks": "geneva-talks-resume-2016", "troops": "russian-drawdown-2016"}


def test_many_events_of_one_happening_all_link_to_its_entry():
    r = ref.bundled_reference()
    table = chronology(*[{"key": f"k{i}", "start": "2016-02-03", "type": t, "actors": a}
                         for i, (t, a) in enumerate([("suspension", []), ("talks", ["United Nations"]),
                                                      ("other", ["Staffan de Mistura", "Syria"])])])
    assert set(ref.match_reference(table, r).values()) == {"geneva-talks-suspended-2016"}


def test_empty_chronology_matches_nothing():
    assert ref.match_reference(schema.empty_chronology(), ref.bundled_reference()) == {}


def test_reference_table_has_one_row_per_entry_in_date_order():
    r = ref.bundled_reference()
    table = ref.reference_table(r)
    assert len(table) == len(r.entries)
    assert table[schema.DATE_START].is_monotonic_increasing
    assert table.loc[table["id"] == "geneva-communique-2012", "link"].item() == "https://undocs.org/S/2012/522"


def test_vaguer_mention_holding_a_day_entry_is_linked_when_it_agrees_strongly(small):
    # "back in March 2019, talks opened in Geneva" is the day the talks opened
    vague = {"key": "e1", "start": "2019-03-01", "end": "2019-03-31", "granularity": "month",
             "type": "talks", "places": ["Geneva"]}
    assert ref.match_reference(chronology(vague), small) == {"e1": "a"}
    assert ref.match_reference(chronology({**vague, "places": []}), small) == {}


def test_year_wide_mention_is_never_linked_to_a_day_entry(small):
    table = chronology({"key": "e1", "start": "2019-01-01", "end": "2019-12-31", "granularity": "year",
                        "type": "talks", "actors": ["United Nations"], "places": ["Geneva"]})
    assert ref.match_reference(table, small) == {}


def test_event_that_fits_two_entries_equally_is_left_unlinked():
    twin = GOOD.replace("  - id: c\n", """  - id: a2
    date: 2019-03-05
    precision: day
    type: talks
    actors: [Russia]
    place: Geneva
    headline: Other talks open
    summary: Other talks opened.
    link: https://example.org/a2
  - id: c
""")
    r = ref.load_reference(twin.encode(), name="twin.yaml")
    same = chronology({"key": "e1", "start": "2019-03-05", "type": "talks", "places": ["Geneva"]})
    assert ref.match_reference(same, r) == {}
    told_apart = chronology({"key": "e1", "start": "2019-03-05", "type": "talks", "actors": ["Russia"]})
    assert ref.match_reference(told_apart, r) == {"e1": "a2"}
