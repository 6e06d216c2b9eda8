"""A fact box or a list of headlines is a sentence a line: a date in one line never takes the
actors or places of the next."""
from __future__ import annotations

from timeline.extract.events import extract_events


def by_date(text: str, published: str = "2016-02-03") -> dict[str, tuple[list[str], list[str]]]:
    table = extract_events(text, published)
    return {r.timex_text: (list(r.actors), list(r.locations)) for r in table.itertuples()}


def test_a_key_dates_box_gives_each_date_the_actors_and_places_of_its_own_line():
    box = ("Key dates\n"
           "* 5 September 2014 - Ukraine and the rebels sign a truce protocol in Minsk\n"
           "* 12 February 2015 - Russia, France and Germany broker a second deal in the same city\n"
           "* 17 July 2014 - A passenger jet is shot down over the east of the country")
    rows = by_date(box)
    assert "Russia" not in rows["5 September 2014"][0]
    assert rows["17 July 2014"] == ([], [])
    assert "Germany" in rows["12 February 2015"][0]


def test_a_list_of_headlines_keeps_each_headline_apart():
    headlines = ("Related:\n"
                 "Envoys meet in Geneva on Monday to save the truce between the two parties\n"
                 "Russia and Turkey agree to joint patrols in the north of the country\n"
                 "Aid convoy reaches the besieged town for the first time in months")
    rows = by_date(headlines)
    assert rows["Monday"] == ([], ["Geneva"])
