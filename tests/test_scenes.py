"""Undated event sentences under the date that governs them: the next sentence of a scene told on
a known day (event_types.yaml inherit_scene), and what must stay undated (background, plans, the
present, another paragraph)."""
from __future__ import annotations

import pytest

from timeline.extract.events import extract_events

PUBLISHED = "2031-05-14"   # a Wednesday


def _inherited(text: str) -> list[tuple[str, str]]:
    events = extract_events(text, published=PUBLISHED)
    rows = events[events["date_inherited"]]
    return [(str(r["date_start"].date()), r["sentence"]) for _, r in rows.iterrows()]


@pytest.mark.parametrize("second", [
    # the subject points back to the scene's actors, its verb at once after it
    "Both men spoke afterwards of a fresh start.",
    "In a short joint statement, they agreed to reopen the border crossings.",
    "Neither leader spoke to the waiting reporters.",
    "The two ministers then signed a protocol on fishing rights.",
])
def test_the_next_sentence_of_a_scene_told_on_a_known_day_takes_that_day(second):
    text = f"The foreign ministers of Aland and Borvia met at a lakeside hotel in Vale on Monday. {second}"
    assert _inherited(text) == [("2031-05-12", second)]


def test_the_scene_is_the_main_clause_not_a_day_recalled_after_it():
    text = ("The prime minister of Aland met the Borvian president in Vale on Monday, three weeks after "
            "the election of 20 April. Both men spoke afterwards of a fresh start.")
    assert _inherited(text) == [("2031-05-12", "Both men spoke afterwards of a fresh start.")]


def test_the_evidence_says_where_the_date_came_from():
    events = extract_events("The foreign ministers of Aland and Borvia met in Vale on Monday. "
                            "Both men spoke afterwards of a fresh start.", published=PUBLISHED)
    row = events[events["date_inherited"]].iloc[0]
    assert row["date_rule"].startswith("inherited from the previous sentence: Monday")


@pytest.mark.parametrize("text", [
    # background: the verb is no event word, or tells an earlier time
    "The foreign ministers of Aland and Borvia met in Vale on Monday. They had served together in the army.",
    "The foreign ministers of Aland and Borvia met in Vale on Monday. Both men are veterans of the border war.",
    "The foreign ministers of Aland and Borvia met in Vale on Monday. Troops had attacked the hotel afterwards.",
    # the present tense is the writer's now, not the scene
    "The foreign minister of Aland met his Borvian counterpart in Vale on Monday. He says the border will reopen.",
    # another paragraph is another scene
    "The foreign ministers of Aland and Borvia met in Vale on Monday.\n\nBoth men spoke of a fresh start.",
    # a sentence of plans is no scene
    "The two armies will pull back to the lines they held before 3 March and finish by 30 June. "
    "They agreed to exchange prisoners.",
    # the scene's date is a month, not a known day
    "The talks began in late January, a month after the floods of 26 December. Both sides said the disaster "
    "had changed the mood.",
])
def test_a_sentence_that_does_not_go_on_with_the_scene_gets_no_date(text):
    assert _inherited(text) == []


STORY = ("Kenya and Somalia signed a maritime border treaty in Addis Ababa on Monday, ending a quarrel of forty years. "
         "The ceremony lasted an hour.\n\n")


@pytest.mark.parametrize("elsewhere", [
    "In Nairobi, the Kenyan opposition said the treaty gave away too much.",
    "In Mogadishu, however, several hundred people protested outside the parliament.",
])
def test_a_scene_in_another_city_told_at_the_story_day_takes_that_day(elsewhere):
    events = extract_events(STORY + elsewhere, published=PUBLISHED)
    rows = events[events["sentence"] == elsewhere]
    assert [str(d.date()) for d in rows["date_start"]] == ["2031-05-12"]
    assert rows["date_rule"].iloc[0].startswith("the story's day, seen from elsewhere")


@pytest.mark.parametrize("elsewhere", [
    # background, or a time to come, before the event word
    "In Mogadishu, the opposition had long said the treaty gave away too much.",
    "In Mogadishu, the opposition will hold a rally against the treaty.",
    # the present: the writer's now
    "In Mogadishu, the opposition says the treaty gives away too much.",
    # no event word
    "In Mogadishu, the mood is calm.",
    # a country is no scene of its own: the story may be about it
    "In Somalia, the opposition said the treaty gave away too much.",
])
def test_an_opening_city_without_an_act_told_in_the_past_gets_no_date(elsewhere):
    events = extract_events(STORY + elsewhere, published=PUBLISHED)
    assert events[events["sentence"] == elsewhere].empty


def test_a_scene_in_another_city_while_the_story_recalls_the_past_gets_no_date():
    recalled = "The first talks had opened in Geneva on 3 March 2010. In Mogadishu, the opposition said the talks were a trap."
    events = extract_events(STORY + recalled, published=PUBLISHED)
    assert events[events["sentence"] == "In Mogadishu, the opposition said the talks were a trap."].empty


def test_another_speaker_after_a_saying_speaks_at_the_same_occasion():
    text = ("Abiy Ahmed told reporters in Ankara on Monday that the quarrel was over. "
            "Hassan Sheikh Mohamud said the sea would stay Somali.")
    assert _inherited(text) == [("2031-05-12", "Hassan Sheikh Mohamud said the sea would stay Somali.")]


@pytest.mark.parametrize("second", [
    "Hassan Sheikh Mohamud says the sea will stay Somali.",           # the present: now, not that day
    "Hassan Sheikh Mohamud had said in the spring that the sea would stay Somali.",   # another time
])
def test_another_speaker_in_the_present_or_at_another_time_gets_no_date(second):
    assert _inherited(f"Abiy Ahmed told reporters in Ankara on Monday that the quarrel was over. {second}") == []


def test_a_speaker_after_an_event_that_is_no_saying_takes_no_date_from_it():
    text = ("Troops of both sides withdrew from the border town on Monday. "
            "Hassan Sheikh Mohamud said the sea would stay Somali.")
    assert _inherited(text) == []


def test_who_stayed_out_of_the_scenes_act_did_so_that_day():
    text = ("Kenya and Ethiopia signed a truce in Addis Ababa on Monday. "
            "Somalia did not sign, after a quarrel over the text.")
    events = extract_events(text, published=PUBLISHED)
    rows = events[events["date_inherited"]]
    assert [(str(r["date_start"].date()), r["sentence"]) for _, r in rows.iterrows()] == [
        ("2031-05-12", "Somalia did not sign, after a quarrel over the text.")]


@pytest.mark.parametrize("second", [
    "Somalia did not attend the regional games, after a quarrel over visas.",   # not the scene's act
    "Somalia did not meet the envoys, after a quarrel over visas.",
    "After a quarrel over the text, Somalia has refused to sign.",   # the refusal not in the first clause, a perfect
])
def test_a_refusal_of_another_act_gets_no_date_from_the_scene(second):
    assert _inherited(f"Kenya and Ethiopia signed a truce in Addis Ababa on Monday. {second}") == []


def test_a_quotation_attributed_after_it_is_a_saying_of_the_story_day_whatever_it_names():
    text = ("Kenya suspended the ratification of the maritime treaty on Monday.\n\n"
            "\"We are not tearing it up,\" the minister said, adding that Kenya would ratify it once Somalia did.")
    events = extract_events(text, published=PUBLISHED)
    rows = events[events["date_inherited"]]
    assert [(str(r["date_start"].date()), r["event_type"], r["status"]) for _, r in rows.iterrows()] == [
        ("2031-05-12", "statement", "occurred")]


def test_a_quotation_naming_another_act_in_a_paragraph_recalling_the_past_gets_no_date():
    text = ("Kenya suspended the ratification of the maritime treaty on Monday.\n\n"
            "Kenyan exports collapsed after the border closed on 3 March 2029.\n\n"
            "\"We are ready to start shipments as soon as the ports are safe,\" the minister said.")
    events = extract_events(text, published=PUBLISHED)
    assert events[events["date_inherited"]].empty


TREATY = ("Kenya and Somalia signed a maritime border treaty in Addis Ababa on Monday.\n\n"
          "Under the treaty, both navies will leave the disputed waters within 30 days.\n\n"
          "The text runs to forty pages.\n\n")


def _quote_rows(text: str, quote: str) -> list[str]:
    events = extract_events(text + quote, published=PUBLISHED)
    return [str(d.date()) for d in events[events["sentence"] == quote]["date_start"]]


def test_one_of_the_story_actors_quoted_further_on_speaks_on_the_story_day():
    assert _quote_rows(TREATY, "\"This is a day of peace,\" the Kenyan foreign minister told reporters.") == ["2031-05-12"]


@pytest.mark.parametrize("before, quote", [
    # a speaker who is none of the story's actors, paragraphs after its day was told
    ("", "\"This is a day of peace,\" a fisherman in Mombasa told reporters."),
    # the story has gone back to a past before the quotation
    ("The two navies had clashed at sea in 2019.\n\n", "\"This is a day of peace,\" the Kenyan foreign minister told reporters."),
])
def test_a_quotation_further_on_by_another_or_after_a_recalled_past_gets_no_date(before, quote):
    assert _quote_rows(TREATY + before, quote) == []


@pytest.mark.parametrize("key, change, named", [
    # same_acts name event types: a misspelt one would silently join no act
    ("inherit_scene", {"same_acts": [["agreement", "cease-fire"]]}, "inherit_scene"),
    # inherit_elsewhere's kinds are place kinds: another word would silently place nothing
    ("inherit_elsewhere", {"kinds": ["town"]}, "inherit_elsewhere.kinds"),
    # an ending that is not the present's must be one of its spellings ("discuss" ends in "s")
    ("present_tense", {"not_endings": ["ed"]}, "present_tense"),
])
def test_the_scene_rules_are_checked_at_load(monkeypatch, key, change, named):
    from timeline.errors import ResourceError
    from timeline.extract import events

    data = events.load_yaml("event_types.yaml")
    broken = {**data, "events": {**data["events"], key: {**data["events"][key], **change}}}
    monkeypatch.setattr(events, "load_yaml", lambda _name: broken)
    events.rules.cache_clear()
    try:
        with pytest.raises(ResourceError, match="event_types.yaml") as info:
            events.rules()
        assert named in str(info.value)
    finally:
        events.rules.cache_clear()


@pytest.mark.parametrize("verb, present", [
    ("says", True), ("warns", True),
    ("said", False), ("discuss", False), ("focus", False),   # present_tense not_endings: no -s of the present
])
def test_a_verb_is_read_as_the_present_by_its_ending(verb, present):
    from timeline.extract.events import _present_tense

    assert _present_tense(verb) is present

# A chronology's or a diary's date headings (event_types.yaml date_headings) ------------------

KEY_DATES = """The Vale process: key dates

8 January 2029
Envoys of Aland and Borvia hold talks in Vale. Both governments sign a protocol on prisoners.
The border river has long been disputed.

March 2029
Rebels attack a convoy near Tarn on 14 March. The UN Security Council adopts a resolution.
"""


def _all_rows(text: str, published: str = PUBLISHED) -> list[tuple[str, str, str, str]]:
    events = extract_events(text, published=published)
    return [(str(r["date_start"].date()), str(r["date_end"].date()), r["granularity"], r["sentence"])
            for _, r in events.iterrows()]


def test_a_date_heading_dates_the_event_lines_under_it_until_the_next_heading():
    assert _all_rows(KEY_DATES) == [
        ("2029-01-08", "2029-01-08", "day", "Envoys of Aland and Borvia hold talks in Vale."),
        ("2029-01-08", "2029-01-08", "day", "Both governments sign a protocol on prisoners."),
        ("2029-03-14", "2029-03-14", "day", "Rebels attack a convoy near Tarn on 14 March."),
        ("2029-03-01", "2029-03-31", "month", "The UN Security Council adopts a resolution."),
    ]   # the background line gets no row; a line with its own day keeps it, in the heading's year


def test_a_heading_row_names_its_heading_in_the_evidence():
    events = extract_events(KEY_DATES, published=PUBLISHED)
    rows = events[events["date_rule"].str.startswith("dated by the heading")]
    assert set(rows["date_rule"].str.split(":").str[0]) == {"dated by the heading '8 January 2029'",
                                                            "dated by the heading 'March 2029'"}
    assert rows["date_inherited"].all()


def test_a_diary_heading_without_a_year_is_in_the_year_of_the_heading_before():
    diary = ("From an envoy's notebook\n\nFriday 9 March 2029.\nWe met the Borvian delegation in Vale.\n\n"
             "Monday 12 March.\nThe two delegations signed the protocol in Tarn. That evening the minister "
             "announced the release of prisoners.\n")
    assert [(r[0], r[3]) for r in _all_rows(diary)] == [
        ("2029-03-09", "We met the Borvian delegation in Vale."),
        ("2029-03-12", "The two delegations signed the protocol in Tarn."),
        ("2029-03-12", "That evening the minister announced the release of prisoners."),
    ]


def test_an_entry_that_opens_with_its_date_governs_its_own_lines():
    entries = ("Annex: chronology\n\n3 June 2027: Aland and Borvia sign a ceasefire in Vale. Borvian troops "
               "withdraw from the river.\n19 June 2027 - Ministers meet in Tarn.\n")
    assert [(r[0], r[3]) for r in _all_rows(entries)] == [
        ("2027-06-03", "3 June 2027: Aland and Borvia sign a ceasefire in Vale."),
        ("2027-06-03", "Borvian troops withdraw from the river."),
        ("2027-06-19", "19 June 2027 - Ministers meet in Tarn."),
    ]


def test_a_day_the_older_carry_over_rules_find_inside_the_heading_stays():
    text = ("Notes\n\nApril 2030\nThe talks on the river opened in Vale.\n\nMay 2030\n"
            "The foreign ministers of Aland and Borvia met in Tarn on Monday, 6 May. "
            "In a short joint statement, they agreed to reopen the border crossings.\n")
    # under "May 2030" the scene's own day (6 May) dates the statement that goes on with it
    assert ("2030-05-06", "In a short joint statement, they agreed to reopen the border crossings.") in \
        [(r[0], r[3]) for r in _all_rows(text)]


def test_a_day_carried_from_another_entry_gives_way_to_the_heading():
    text = ("Log\n\nMonday 4 March 2030.\nThe delegations signed a protocol in Vale.\n\nFriday 8 March 2030.\n"
            "In Tarn, the ministers signed a declaration on the river.\n")
    assert ("2030-03-08", "In Tarn, the ministers signed a declaration on the river.") in \
        [(r[0], r[3]) for r in _all_rows(text)]


@pytest.mark.parametrize("text", [
    # a dateline's or byline's date alone on a line of a normal article is no heading
    "Ministers meet in Vale\n\n3 March 2031\n\nThe ministers of Aland and Borvia met in Vale. "
    "They agreed to reopen the border crossings.\n",
    # one date line is not enough, even over event lines
    "Vale talks\n\n4 April 2031\nEnvoys sign a protocol in Vale.\nRebels attack a convoy near Tarn.\n",
])
def test_a_single_date_line_is_no_heading(text):
    rows = _all_rows(text)
    assert not any(r[0] in ("2031-03-03", "2031-04-04") for r in rows), rows


def test_a_date_counted_from_a_heading_may_cross_into_the_next_year():
    text = ("Key dates\n\nDecember 2029\nAland and Borvia sign a truce in Vale. Borvia's president "
            "resigns the following month.\n\nMarch 2030\nThe truce collapses.\n")
    rows = _all_rows(text, published="2030-04-01")
    assert ("2030-01-01", "2030-01-31") in [(r[0], r[1]) for r in rows if "the following month" in r[3]], rows


def test_an_entry_under_a_heading_is_an_event_without_an_event_word_but_not_the_writers_aside():
    log = ("Diary of the Vale process\n\nSunday 4 March 2029.\nVoters in Aland turned out in large numbers. "
           "The governing party won 54 per cent.\n\nTuesday 6 March.\nThe new president of Aland was sworn in. "
           "We followed it on the radio.\n")
    assert [(r[0], r[2], r[3]) for r in _all_rows(log)] == [
        ("2029-03-04", "day", "Voters in Aland turned out in large numbers."),
        ("2029-03-04", "day", "The governing party won 54 per cent."),
        ("2029-03-06", "day", "The new president of Aland was sworn in."),
    ]   # the diarist's own "We followed it ..." is an aside, not the day's event


def test_a_diary_line_of_weather_or_mood_under_a_heading_gives_no_row():
    diary = ("Notebook of the Corvin mission\n\nMonday 9 April 2029.\nThe envoys landed in Tarsa at dawn. "
             "It was raining hard all morning. The prisoners were quickly released.\n\nWednesday 11 April.\n"
             "The two delegations shook hands in the old customs house. Most of the staff feared another "
             "delay. The opposition leader is sworn in as speaker.\n")
    assert [(r[0], r[3]) for r in _all_rows(diary)] == [
        ("2029-04-09", "The envoys landed in Tarsa at dawn."),
        ("2029-04-09", "The prisoners were quickly released."),
        ("2029-04-11", "The two delegations shook hands in the old customs house."),
        ("2029-04-11", "The opposition leader is sworn in as speaker."),
    ]   # the weather ("was raining hard": a copula and no participle) and the staff's fear are no events
