"""Bylines and credit lines: the reporter is no actor, the bureau no place, its date no event."""
from __future__ import annotations

from timeline.extract.actors import find_actors
from timeline.extract.events import extract_events

PUBLISHED = "2016-02-03"


def rows(text: str) -> list[tuple[str, list[str], list[str]]]:
    table = extract_events(text, PUBLISHED)
    return [(r.timex_text, list(r.actors), list(r.locations)) for r in table.itertuples()]


def test_a_byline_at_the_top_gives_no_actor_no_place_and_no_event():
    text = ("By Jim Muir\nBBC News, Beirut, 3 February 2016\n\n"
            "The delegations met in Geneva on Monday. Jim Muir says the talks went on on Tuesday.")
    assert rows(text) == [("Monday", [], ["Geneva"]), ("Tuesday", [], [])]


def test_a_credit_line_at_the_bottom_lends_no_place_to_the_last_event():
    text = ("Envoy Halima Osei met both delegations on Friday and said talks would resume "
            "(Reporting by Ana Ruiz in Geneva and Tom Lee in Nairobi; Editing by Dan Grey)")
    assert rows(text) == [("Friday", ["Halima Osei"], [])]


def test_reporting_and_editing_credits_name_no_actor():
    text = ("The two sides signed the accord in Doha on Saturday.\n\n"
            "Reporting by Ana Ruiz; additional reporting by Tom Lee in Cairo on Sunday; Editing by Dan Grey")
    assert find_actors(text) == []
    assert rows(text) == [("Saturday", [], ["Doha"])]


def test_a_reporter_named_in_the_credits_is_no_actor_when_the_story_quotes_them():
    text = "Ana Ruiz, Reuters, Kabul\n\nTalks began on Monday, Ruiz said from the capital."
    assert find_actors(text) == []


def test_a_person_of_the_story_whose_name_is_like_a_byline_stays_an_actor():
    text = "By Monday, envoy Halima Osei had met both sides."
    assert find_actors(text) == ["Halima Osei"]
