"""Who and where from the article's discourse: an event whose sentence names no participant or
place takes those of the happening it refers to ("the talks", "the truce"), of the role it names
("the envoy", "both sides"), the venue of the headline or dateline, or the country the article
is about; and says so in its context_rule. An event whose sentence names its actors keeps
exactly those."""
from __future__ import annotations

import pytest

from timeline import extract_events, schema
from timeline.datafiles import load_yaml
from timeline.errors import ResourceError
from timeline.extract.discourse import build_rules

EXAMPLES = load_yaml("discourse.yaml")["examples"]


def event(text: str, published: str, timex: str) -> dict:
    events = extract_events(text, published=published)
    rows = [r for r in events.to_dict("records") if r[schema.TIMEX_TEXT] == timex]
    assert rows, f"no event dated by {timex!r}: {list(events[schema.TIMEX_TEXT])}"
    return rows[0]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["timex"])
def test_discourse_examples_of_the_data_file(example, monkeypatch):
    # Each example shows its rule's reading: the rules alone. The participant model then weighs
    # the rules' names among the article's others (tests/test_participants.py tests its choices).
    import dataclasses

    from timeline.extract import events as extraction
    from timeline.extract.discourse.participants import model

    monkeypatch.setattr(extraction, "participant_model", lambda: dataclasses.replace(model(), active=False))
    row = event(example["text"], str(example["published"]), example["timex"])
    assert row[schema.ACTORS] == example["actors"]
    assert row[schema.LOCATIONS] == example["places"]
    for words in example["rule"]:
        assert words in row[schema.CONTEXT_RULE]


def test_talks_that_resume_take_the_participants_and_venue_of_the_talks_named_before():
    text = ("Russian and Ukrainian delegations held talks in Istanbul on Tuesday.\n\n"
            "Shelling went on in the east, officials said.\n\n"
            "The talks resumed on Friday.")
    row = event(text, "2022-03-31", "Friday")
    assert row[schema.ACTORS] == ["Russia", "Ukraine"]
    assert row[schema.LOCATIONS] == ["Istanbul"]
    assert row[schema.CONTEXT_RULE] == "actors from paragraph 1 (the talks); place from paragraph 1 (the talks)"


def test_a_live_blogs_entries_of_the_day_happen_at_its_headlines_venue():
    # No dateline, a venue in the headline: the blog is written from there (headline_venue_days).
    text = ("Live: Andean talks in Lima on the border dispute\n\n"
            "10:05 The ministers have taken their seats in the conference hall.\n\n"
            "11:40 Bolivia's minister speaks today, and her tone is sharp.\n\n"
            "12:15 The morning session ended an hour ago.")
    for timex in ("today", "an hour ago"):
        row = event(text, "2011-05-12", timex)
        assert row[schema.LOCATIONS] == ["Lima"]
        assert "(an entry of the day it is written from)" in row[schema.CONTEXT_RULE]


def test_a_dated_story_or_an_older_entry_takes_no_headline_venue():
    # A dateline says where the story is told from, not where every entry happened; an entry
    # of last week is no live entry.
    dated = ("Andean talks in Lima on the border dispute\n\nQUITO, May 12 - Bolivia's minister spoke today.")
    assert event(dated, "2011-05-12", "today")[schema.LOCATIONS] != ["Lima"]
    older = ("Live: Andean talks in Lima on the border dispute\n\n"
             "11:40 Bolivia's minister spoke last week, and her tone was sharp.")
    assert "(an entry of the day it is written from)" not in event(older, "2011-05-12", "last week")[schema.CONTEXT_RULE]


def test_a_state_that_becomes_independent_is_the_place_of_its_independence():
    text = "Eritrea became independent on 24 May 1993, two years after its war ended."
    row = event(text, "2003-05-24", "24 May 1993")
    assert row[schema.LOCATIONS] == ["Eritrea"]
    assert "(became independent)" in row[schema.CONTEXT_RULE]
    owned = "Few states have recognised Somaliland's declaration of independence of May 1991."
    assert event(owned, "2011-05-18", "May 1991")[schema.LOCATIONS] == ["Somaliland"]


def test_independence_said_of_another_date_or_from_a_state_places_nothing():
    # the date is the saying's, not the independence's; a state it became independent from
    said = "The minister said on Monday that his country would never recognise Kosovo's independence."
    assert "became independent" not in event(said, "2023-03-20", "Monday")[schema.CONTEXT_RULE]
    source = "The war began in 1977, two years after independence from Portugal."
    assert event(source, "1992-10-05", "1977")[schema.LOCATIONS] != ["Portugal"]


def test_the_capital_is_the_capital_of_the_dateline_country_when_no_country_leads():
    text = ("AMMAN, March 3 - Jordan and Syria reopened their main border crossing on Sunday.\n\n"
            "Syria's trucks queued for hours. Crowds gathered in the capital on Monday night.")
    row = event(text, "2019-03-05", "Monday night")
    assert row[schema.LOCATIONS] == ["Amman"]
    assert "the dateline, the capital of Jordan (the capital)" in row[schema.CONTEXT_RULE]
    west = ("AMMAN, March 3 - Jordan and Syria reopened their main border crossing on Sunday.\n\n"
            "A bus overturned west of the capital on Monday night.")
    assert "(the capital)" not in event(west, "2019-03-05", "Monday night")[schema.CONTEXT_RULE]


def test_the_dateline_capital_stands_for_the_capital_only_when_its_country_is_named():
    # Filed from Amman about Syria and Iraq: Jordan is never named, so "the capital" is not Amman.
    text = ("AMMAN, March 3 - Syria and Iraq reopened their main border crossing on Sunday.\n\n"
            "Trucks queued for hours. Crowds gathered in the capital on Monday night.")
    row = event(text, "2019-03-05", "Monday night")
    assert row[schema.LOCATIONS] == []
    assert "(the capital)" not in row[schema.CONTEXT_RULE]


def test_the_capital_of_a_country_named_after_it_is_not_the_dateline_capital():
    # "the capital of Lebanon" names its own country (discourse.yaml capital_owner_words)
    text = ("AMMAN, March 3 - Jordan and Syria reopened their main border crossing on Sunday.\n\n"
            "Syria's trucks queued for hours. Crowds gathered in the capital of Lebanon on Monday night.")
    assert "(the capital)" not in event(text, "2019-03-05", "Monday night")[schema.CONTEXT_RULE]


def test_the_truce_takes_its_parties():
    text = ("Israel and Hamas agreed to a four-day truce on Wednesday.\n\n"
            "The truce is due to begin on Friday morning.")
    row = event(text, "2023-11-22", "Friday morning")
    assert set(row[schema.ACTORS]) == {"Israel", "Hamas"}
    assert "(the truce)" in row[schema.CONTEXT_RULE]


def test_both_sides_are_the_parties_to_the_talks():
    text = ("The Colombian government and the FARC resumed talks in Havana on Monday.\n\n"
            "Both sides will sign the accord on 23 March, a negotiator said.")
    row = event(text, "2016-02-01", "23 March")
    assert set(row[schema.ACTORS]) == {"Colombia", "FARC"}
    assert "(both sides)" in row[schema.CONTEXT_RULE]


def test_the_envoy_is_the_person_named_as_envoy_earlier():
    text = ("Foreign Minister Sergei Lavrov met the UN special envoy, Staffan de Mistura, in Moscow.\n\n"
            "The envoy flew to Damascus on Sunday.")
    row = event(text, "2016-02-08", "Sunday")
    assert row[schema.ACTORS][0] == "Staffan de Mistura"
    assert "Sergei Lavrov" not in row[schema.ACTORS]
    # ... and Syria hosts the visit to its capital.
    assert row[schema.CONTEXT_RULE] == "actors from paragraph 1 (the envoy); actors from the capital visited (Syria)"


def test_the_two_men_of_an_account_of_the_past_are_the_pair_named_before():
    # A row dated years before publication still takes the two people "the two men" stands for...
    text = ("Shinzo Abe and Xi Jinping signed a trade pact in Tokyo on Monday.\n\n"
            "Exporters welcomed it.\n\n"
            "The two men first met in Lima in November 2008.")
    row = event(text, "2016-02-10", "November 2008")
    assert {"Shinzo Abe", "Xi Jinping"} <= set(row[schema.ACTORS])
    assert "(the two men)" in row[schema.CONTEXT_RULE]
    # ... but not the one person an office stands for: in the past, the envoy may be another.
    text = ("The UN envoy, Staffan de Mistura, flew to Damascus on Monday.\n\n"
            "Exporters welcomed it.\n\n"
            "The envoy first visited Lima in November 2008.")
    assert event(text, "2016-02-10", "November 2008")[schema.ACTORS] == []


def test_the_two_negotiators_are_the_two_people_named_together_before():
    text = ("Henry Kissinger and Le Duc Tho met in Paris on Monday.\n\n"
            "The talks were long.\n\n"
            "The two negotiators initialled the text on Tuesday.")
    row = event(text, "1973-01-24", "Tuesday")
    assert {"Henry Kissinger", "Le Duc Tho"} <= set(row[schema.ACTORS])
    assert "(the two negotiators)" in row[schema.CONTEXT_RULE]
    # ... not where they are waited for ("for both men"): no one acting.
    text = text.replace("The two negotiators initialled the text on Tuesday.", "Reporters waited for both men on Tuesday.")
    assert event(text, "1973-01-24", "Tuesday")[schema.ACTORS] == []


def test_the_two_countries_of_an_account_of_the_past_are_the_pair_named_before():
    text = ("Peru and Chile signed a fisheries pact in Lima on Monday.\n\n"
            "Exporters welcomed it.\n\n"
            "The two countries first held talks on the sea border in Santiago in July 1998.")
    row = event(text, "2016-02-10", "July 1998")
    assert row[schema.ACTORS] == ["Peru", "Chile"]
    assert row[schema.CONTEXT_RULE] == "actors from paragraph 1 (the two countries)"
    # ... and a row of the past that names no party takes none.
    text = text.replace("The two countries first held talks on the sea border in Santiago in July 1998.",
                        "The sea border was first drawn in July 1952.")
    assert event(text, "2016-02-10", "July 1952")[schema.ACTORS] == []


def test_a_plural_role_named_with_its_holders_lends_no_one_else():
    # "The ministers, X and Y, met": the sentence names who they are.
    text = ("Mevlut Cavusoglu, the Turkish minister, hosted the talks in Antalya on 10 March.\n\n"
            "Sergei Lavrov, the Russian minister, and Dmytro Kuleba, the Ukrainian minister, shook hands on 11 March.\n\n"
            "The foreign ministers, Sergei Lavrov and Dmytro Kuleba, met again in Istanbul on 29 March.")
    row = event(text, "2022-03-30", "29 March")
    assert "Mevlut Cavusoglu" not in row[schema.ACTORS]
    assert "(the foreign ministers)" not in row[schema.CONTEXT_RULE]


def test_the_tail_of_a_hyphenated_office_is_not_that_office():
    # "Under-Secretary-General X" holds another office than "the Secretary-General".
    text = ("The accord was signed in the presence of Secretary-General Javier Pérez de Cuéllar and of "
            "Under-Secretary-General Mirela Fontaine, who led the mediation.\n\n"
            "The Secretary-General flew to Kabul on Sunday.")
    row = event(text, "1988-04-14", "Sunday")
    assert "Javier Pérez de Cuéllar" in row[schema.ACTORS]
    assert "Mirela Fontaine" not in row[schema.ACTORS]


def test_talks_without_a_venue_take_the_dateline_city():
    text = ("DOHA, Qatar — Mediators pressed the two sides to keep talking.\n\n"
            "The talks resume on Sunday.")
    row = event(text, "2023-11-22", "Sunday")
    assert row[schema.LOCATIONS] == ["Doha"]
    assert row[schema.CONTEXT_RULE].endswith("place from the dateline")


def test_a_deal_made_during_the_talks_in_the_story_s_year_takes_the_dateline_city():
    text = ("NAIVASHA, Kenya, Dec. 30 — Sudan and the Sudan People's Liberation Movement signed a final "
            "peace agreement on Thursday.\n\n"
            "Talks between Sudan and the Sudan People's Liberation Movement opened in Naivasha in January 2022. "
            "A deal on sharing oil wealth followed in March, and one on power sharing in May.")
    for timex in ("March", "May"):
        row = event(text, "2022-12-30", timex)
        assert row[schema.LOCATIONS] == ["Naivasha"]
        assert row[schema.CONTEXT_RULE].endswith("place from the dateline")


def test_a_deal_of_other_parties_in_the_story_s_year_takes_no_dateline_city():
    text = ("NAIVASHA, Kenya, Dec. 30 — Sudan and the Sudan People's Liberation Movement signed a final "
            "peace agreement on Thursday.\n\n"
            "Talks between Sudan and the Sudan People's Liberation Movement opened in Naivasha in January 2022. "
            "Chad signed a separate deal with Libya in May.")
    assert event(text, "2022-12-30", "May")[schema.LOCATIONS] == []


@pytest.mark.parametrize("sentence, timex, places", [
    ("Negotiators now have until June 30 to turn it into a full agreement.", "June 30", []),   # coming, unnamed
    ("The talks resume on April 20.", "April 20", ["Geneva"]),                                # coming, named
    ("The delegations resumed on Monday.", "Monday", ["Geneva"]),                              # past, unnamed
])
def test_a_coming_row_takes_the_dateline_city_only_when_it_names_its_happening(sentence, timex, places):
    text = ("GENEVA, April 3 — Iran and the six powers agreed on Thursday on the outline of a nuclear deal.\n\n"
            + sentence)
    assert event(text, "2015-04-03", timex)[schema.LOCATIONS] == places


def test_an_agreement_given_in_letters_takes_no_venue_of_the_talks():
    text = ("GENEVA, Aug. 8 — Iran and Iraq agreed on Monday to a ceasefire after talks in Geneva.\n\n"
            "Both governments had accepted the agreement in letters delivered on Sunday.")
    assert event(text, "1988-08-08", "Sunday")[schema.LOCATIONS] == []


@pytest.mark.parametrize("province, country", [("Idlib province", "Syria"), ("Amhara", "Ethiopia")])
def test_a_province_named_most_does_not_stand_for_the_country_the_article_is_about(province, country):
    text = (f"{country}'s army pressed on in {province} on Monday. Shelling hit {province} again on Tuesday. "
            f"Militias in {province} said the strikes went on. A ceasefire took effect on Thursday.")
    row = event(text, "2023-06-01", "Thursday")
    assert row[schema.LOCATIONS] == [country]
    assert f"the country the article is about ({country})" in row[schema.CONTEXT_RULE]


def test_a_sea_named_most_is_no_land_the_article_is_about():
    text = ("Ships sailed the Black Sea on Monday. Tankers crossed the Black Sea on Tuesday. "
            "Ukraine's navy patrolled the Black Sea. A ceasefire took effect in Ukraine on Wednesday. "
            "A ceasefire took effect on Thursday.")
    row = event(text, "2023-06-01", "Thursday")
    assert row[schema.LOCATIONS] == ["Ukraine"]


@pytest.mark.parametrize("headline, venue_country", [
    ("Kenya and Somalia settle their border quarrel after nine days in Geneva", "Switzerland"),
    ("Kenya and Somalia take their sea border quarrel to The Hague", "Netherlands"),
])
def test_where_two_sides_sat_or_were_judged_is_not_the_land_the_article_is_about(headline, venue_country):
    # a stay ("nine days in Geneva") or a court's seat ("to The Hague") is neutral ground, as a
    # venue of talks is: the truce holds in the land the two sides quarrel over
    text = (f"{headline}\n\n"
            "Kenya said on Monday it would reopen the crossings. Somalia said it welcomed the deal. "
            "Kenya and Somalia had traded accusations for months.\n\nClashes in Somalia had closed the road. "
            "A ceasefire took effect on Thursday.")
    row = event(text, "2023-06-02", "Thursday")
    assert row[schema.LOCATIONS] == ["Somalia"]
    assert venue_country not in row[schema.CONTEXT_RULE]


def test_an_island_after_a_signing_and_on_is_the_agreements_venue_for_its_later_rows():
    text = ("Rival factions end feud\n\n"
            "The two factions' leaders signed a peace agreement on Sentosa Island on Saturday.\n\n"
            "The rebel commander signed the text first, earlier in the day.")
    row = event(text, "2019-05-06", "earlier in the day")
    assert row[schema.LOCATIONS] == ["Sentosa Island"]
    assert "(the agreement)" in row[schema.CONTEXT_RULE]


@pytest.mark.parametrize("topic", ["Kashmir", "the Spratly Islands"])
def test_a_land_or_an_archipelago_after_on_is_what_the_agreement_is_about(topic):
    text = (f"The two governments signed an agreement on {topic} on Saturday.\n\n"
            "The rebel commander signed the text first, earlier in the day.")
    assert event(text, "2019-05-06", "earlier in the day")[schema.LOCATIONS] == []


def test_the_signature_of_a_treaty_gives_the_treaty_its_venue():
    text = ("Both governments welcomed the signature, today in the city of Tashkent, of the border treaty.\n\n"
            "The ceremony took place in the presence of the envoy, who signed as a witness on Saturday.")
    row = event(text, "2019-05-04", "Saturday")
    assert row[schema.LOCATIONS] == ["Tashkent"]


def test_talks_without_a_venue_take_the_headline_venue():
    text = ("Venezuela talks open in Bridgetown\n\n"
            "Government and opposition delegates will hold the talks on Tuesday.")
    row = event(text, "2023-10-16", "Tuesday")
    assert row[schema.LOCATIONS] == ["Bridgetown"]
    assert "place from the headline" in row[schema.CONTEXT_RULE]


def test_a_ceasefire_without_a_place_takes_the_country_the_article_is_about():
    text = ("Fighting went on across Ukraine on Saturday.\n\n"
            "Residents in Ukraine said shelling in Ukraine had not stopped.\n\n"
            "Kyiv said a ceasefire would start on Sunday.")
    row = event(text, "2015-02-14", "Sunday")
    assert row[schema.LOCATIONS] == ["Ukraine"]
    assert "the country the article is about (Ukraine)" in row[schema.CONTEXT_RULE]


def test_no_country_is_taken_when_none_dominates():
    text = ("Fighting went on in Ukraine and in Russia on Saturday.\n\n"
            "A ceasefire would start on Sunday, Kyiv said.")
    assert event(text, "2015-02-14", "Sunday")[schema.LOCATIONS] == []


def test_a_quoted_commentator_is_not_a_participant():
    text = ("Jane Porter, an analyst at the Institute for Peace, said the talks were fragile.\n\n"
            "The talks resume on Monday.")
    row = event(text, "2023-03-10", "Monday")
    assert "Jane Porter" not in row[schema.ACTORS]
    assert row[schema.ACTORS] == []


def test_an_event_whose_sentence_names_its_actors_keeps_exactly_those():
    text = ("The UN envoy Hans Grundberg announced talks between Yemen and the Houthis in Muscat.\n\n"
            "Oman said on Monday that the talks would go on.")
    row = event(text, "2022-04-04", "Monday")
    assert row[schema.ACTORS] == ["Oman"]
    assert "actors" not in row[schema.CONTEXT_RULE]


def test_a_statement_about_the_talks_does_not_take_their_venue():
    text = ("Iran and the EU resumed talks in Vienna on Monday.\n\n"
            "Israel's prime minister criticised the talks on Tuesday.")
    assert event(text, "2021-11-30", "Tuesday")[schema.LOCATIONS] == []


def test_background_long_before_publication_takes_nothing_from_the_discourse():
    text = ("Iran and the EU resumed talks in Vienna on Monday.\n\n"
            "Earlier talks broke down in 2015.")
    row = event(text, "2021-11-30", "2015")
    assert row[schema.ACTORS] == [] and row[schema.LOCATIONS] == []
    assert row[schema.CONTEXT_RULE] == ""


def test_a_happening_beyond_reach_lends_nothing():
    filler = "".join(f"Residents of the valley described day {k} of the siege.\n\n" for k in range(12))
    text = ("Officials said a decision was near.\n\n"
            + filler + "Armenia and Azerbaijan held talks in Brussels on Monday.\n\n" + filler
            + "The talks resume on Friday.")
    assert event(text, "2023-05-16", "Friday")[schema.ACTORS] == []


def test_the_lede_stays_in_reach():
    filler = "".join(f"Residents of the valley described day {k} of the siege.\n\n" for k in range(12))
    text = "Armenia and Azerbaijan held talks in Brussels on Monday.\n\n" + filler + "The talks resume on Friday."
    row = event(text, "2023-05-16", "Friday")
    assert row[schema.ACTORS] == ["Armenia", "Azerbaijan"]
    assert row[schema.LOCATIONS] == ["Brussels"]


def test_every_row_has_a_context_rule_empty_when_all_came_from_the_sentence():
    events = extract_events("Russia and Ukraine held talks in Minsk on Monday.", published="2015-02-10")
    assert list(events[schema.CONTEXT_RULE]) == [""]


@pytest.mark.parametrize("change, message", [
    (lambda d: d["happenings"]["talks"].update(place="moon"), "happenings.talks.place"),
    (lambda d: d["roles"][0].update(takes="everyone"), "roles[0].takes"),
    (lambda d: d["happenings"]["meeting"]["nouns"].append("talks"), "'talks' is already in talks"),
    (lambda d: d.update(reach_paragraphs=0), "reach_paragraphs"),
    (lambda d: d["roles"][0].update(subject_only={"after": ["said"]}), "roles[0].subject_only"),
    (lambda d: d["numbered_references"]["numbers"].update(two=2), "numbered_references.numbers"),
    (lambda d: d["numbered_references"]["parties"].append("leaders"), "either people's or parties'"),
    # an office named alone stands for one person, not for the parties ("both sides")
    (lambda d: next(r for r in d["roles"] if r["takes"] == "parties").update(alone=True), ".alone"),
    # "the rebels" takes part beside other names; a person's role does not
    (lambda d: next(r for r in d["roles"] if r["takes"] == "person").update(beside_names=True), ".beside_names"),
    (lambda d: d["possessive_owners"].update(reach=0), "possessive_owners"),
    (lambda d: d["possessive_owners"].pop("heads"), "possessive_owners"),
    (lambda d: d["two_sides"].update(kinds=["person"]), "two_sides.kinds"),
    (lambda d: d["two_sides"].update(balance=2), "balance"),
    # a deal is made during talks only where it takes their venue
    (lambda d: d["happenings"]["agreement"].update(made_during="offensive"), "happenings.agreement.made_during"),
    (lambda d: d.update(absent_markers=[]), "absent_markers"),
    (lambda d: d["roles"][0].update(background="yes"), "roles[0].background"),
    # the articles are compared with a word lowered, so a capitalised one would never match
    (lambda d: d.update(articles=["The", "a"]), "articles"),
])
def test_a_broken_discourse_file_is_refused_with_the_entry_named(change, message):
    import copy

    data = copy.deepcopy(load_yaml("discourse.yaml"))
    change(data)
    with pytest.raises(ResourceError, match="discourse.yaml") as info:
        build_rules(data)
    assert message in str(info.value)


def sea_border_case(more: str = "") -> str:
    """A border case told by its two states (the lede names a dispute, no agreement: no sides of
    the story's own happening), `more` added to its second paragraph; its last sentence an accord
    no one is named with."""
    return ("Peru and Chile argued their sea border before the judges in The Hague on Monday.\n\n"
            "Peru says the line should run south-west from the coast. Chile rejects the claim, and Peru has "
            f"pressed it for years.{more}\n\n"
            "Chile says a fishing accord settled the matter. The accord was signed in Lima on 4 May 1954.")


def test_an_agreement_no_one_is_named_with_takes_the_two_sides_the_article_names_most():
    # the two states it names most, well ahead of any other, made the accord
    row = event(sea_border_case(), "2012-12-04", "4 May 1954")
    assert set(row[schema.ACTORS]) == {"Peru", "Chile"}
    assert "the article's two sides (named most) (the parties to the accord)" in row[schema.CONTEXT_RULE]


def test_no_two_sides_when_a_third_party_is_named_nearly_as_often():
    # Bolivia, named about as often as Chile: under two_sides.margin
    row = event(sea_border_case(" Bolivia, Ecuador and Bolivia's allies watched; Bolivia wants a coast too."),
                "2012-12-04", "4 May 1954")
    assert "two sides" not in row[schema.CONTEXT_RULE]


def test_no_two_sides_when_the_second_is_named_far_less_than_the_first():
    # A story about Peru that names Chile now and then (three times to Peru's seven: under
    # two_sides.balance) has no two sides: the accord takes no one from the counts.
    row = event(sea_border_case(" Peru wants a ruling; Peru says Peru has waited. Peru asked for costs."),
                "2012-12-04", "4 May 1954")
    assert "two sides" not in row[schema.CONTEXT_RULE]
    assert row[schema.ACTORS] == []


@pytest.mark.parametrize("told, timex", [
    ("The talks opened in Niamey on Wednesday.", "Wednesday"),
    ("The accord was signed on Wednesday.", "Wednesday"),
])
def test_a_brief_of_a_bulletin_takes_no_sides_from_the_brief_that_tells_them(told, timex):
    # The first brief's lede names the sides of its talks; the talks or accord of another brief
    # are another story's, not theirs.
    text = ("THE DAY IN BRIEF\n\nGood news from Yerevan\n\n"
            "The governments of Armenia and Azerbaijan agreed on Monday to open talks on their border.\n\n"
            "Floods in Niger\n\nHeavy rain flooded villages in Niger and Mali on Tuesday. " + told)
    row = event(text, "2023-07-20", timex)
    assert "Armenia" not in row[schema.ACTORS]
    assert "the lede" not in row[schema.CONTEXT_RULE]


def test_a_brief_of_a_bulletin_borrows_no_one_from_an_earlier_brief():
    # Two unrelated briefs under their titles: "the envoy" of the second is not the first's envoy.
    text = ("THE DAY IN BRIEF\n\n"
            "Armenia and Azerbaijan agree border talks\n\n"
            "Armenia and Azerbaijan agreed on Monday to open talks on their border. The envoy, Toivo Klaar, said "
            "the first round would be held in Brussels.\n\n"
            "Floods in the Sahel\n\n"
            "Heavy rain flooded villages in Niger and Mali on Tuesday. The envoy said on Wednesday that aid would "
            "reach the region by Friday.")
    row = event(text, "2023-07-20", "Wednesday")
    assert row[schema.ACTORS] == []
    assert "envoy" not in row[schema.CONTEXT_RULE]
    # ... while within its own brief the envoy is still found.
    text = text.replace("Floods in the Sahel\n\n", "")
    assert event(text, "2023-07-20", "Wednesday")[schema.ACTORS] == ["Toivo Klaar"]


def test_the_two_leaders_are_the_last_two_people_named_with_a_leaders_title():
    text = ("Prime Minister Nikol Pashinyan of Armenia and President Ilham Aliyev of Azerbaijan met in Brussels in May.\n\n"
            "Their foreign ministers talked on the telephone, officials said.\n\n"
            "The two leaders will meet again on 14 July.")
    row = event(text, "2023-06-01", "14 July")
    assert {"Nikol Pashinyan", "Ilham Aliyev"} <= set(row[schema.ACTORS])
    assert "(the two leaders)" in row[schema.CONTEXT_RULE]


def test_the_spokesman_is_the_person_named_as_spokesman_earlier():
    text = ("State Department spokesman John Kirby said the talks had been paused.\n\n"
            "The spokesman announced on Thursday that aid convoys would resume.")
    row = event(text, "2016-02-05", "Thursday")
    assert row[schema.ACTORS][0] == "John Kirby"


def test_the_mediators_are_the_actors_named_as_mediators():
    text = ("Qatar and Egypt, the mediators, proposed a pause in the fighting.\n\n"
            "The mediators announced a truce on Friday.")
    row = event(text, "2023-11-25", "Friday")
    assert set(row[schema.ACTORS]) == {"Qatar", "Egypt"}


def test_a_meeting_introduced_as_a_new_one_does_not_take_the_venue_of_the_last():
    text = ("The two foreign ministers met in Geneva on Monday.\n\n"
            "Another meeting is planned for 3 June.")
    assert event(text, "2023-05-02", "3 June")[schema.LOCATIONS] == []


def test_the_two_leaders_are_the_two_people_last_named_together():
    text = ("President Salva Kiir and Riek Machar met in Addis Ababa in June.\n\n"
            "The president's spokesman, Ateny Wek Ateny, said the mood was good.\n\n"
            "The two leaders will meet again on 25 July.")
    row = event(text, "2018-07-01", "25 July")
    assert row[schema.ACTORS][:1] == ["Salva Kiir"] and "Riek Machar" in row[schema.ACTORS]
    assert "Ateny Wek Ateny" not in row[schema.ACTORS]


def test_both_sides_after_a_preposition_are_not_who_acts():
    text = ("Israel and Hamas agreed to a truce on Wednesday.\n\n"
            "Crowds marched against both sides on Thursday.")
    assert event(text, "2023-11-23", "Thursday")[schema.ACTORS] == []


def test_both_sides_after_with_take_part_in_the_talks_held_with_them():
    text = ("Sudan and South Sudan agreed on Sunday to reopen their border.\n\n"
            "The African Union envoy, Thabo Mbeki, held separate talks with both sides in Addis Ababa on Wednesday.")
    row = event(text, "2012-09-30", "Wednesday")
    assert {"Sudan", "South Sudan"} <= set(row[schema.ACTORS])
    assert "(both sides)" in row[schema.CONTEXT_RULE]


def test_two_adjectives_named_together_are_not_the_two_sides():
    text = ("India and Pakistan agreed to talks on Monday.\n\n"
            "Soviet and American diplomats welcomed the move.\n\n"
            "The two sides will meet on 4 January.")
    assert set(event(text, "1965-12-20", "4 January")[schema.ACTORS]) == {"India", "Pakistan"}


def test_the_rebels_are_the_armed_group_named_before():
    text = ("The M23 rebels seized the town of Kiwanja last month.\n\n"
            "The rebels must withdraw by Friday.")
    row = event(text, "2022-11-23", "Friday")
    assert row[schema.ACTORS] == ["M23"]


def test_the_army_is_the_state_the_article_is_about():
    text = ("Fighting spread across Myanmar on Monday.\n\n"
            "Protesters in Myanmar said the crackdown in Myanmar would not stop them.\n\n"
            "The army fired on a crowd on Tuesday.")
    row = event(text, "2021-04-21", "Tuesday")
    assert row[schema.ACTORS] == ["Myanmar"]
    assert "the country the article is about (Myanmar) (the army)" in row[schema.CONTEXT_RULE]


def test_words_told_to_reporters_are_placed_at_the_dateline():
    text = ("CRANS-MONTANA, Switzerland — Talks to reunify Cyprus collapsed early on Friday.\n\n"
            "Guterres told reporters on Friday that the conference had closed without a deal.")
    rows = extract_events(text, published="2017-07-07").to_dict("records")
    told = [r for r in rows if r[schema.SENTENCE].startswith("Guterres")][0]
    assert told[schema.LOCATIONS] == ["Crans-Montana"]
    assert "the dateline" in told[schema.CONTEXT_RULE]


def test_a_statement_of_the_dateline_capital_s_own_state_is_placed_at_the_dateline():
    # Filed from Nairobi, a capital: a Kenyan minister's words were said at the seat of his
    # government; a Tanzanian's words, a coming statement and a statement naming both states are not.
    text = ("NAIROBI, June 3 - Kenya and Tanzania reopened their border crossing on Monday.\n\n"
            "Kenya's trade minister said on Tuesday that lorries were moving again.\n\n"
            "Tanzania's foreign minister said on Tuesday that the queues would ease.\n\n"
            "Kenya's trade minister is expected to report to parliament next week.")
    rows = extract_events(text, published="2019-06-05").to_dict("records")
    kenyan = [r for r in rows if r[schema.SENTENCE].startswith("Kenya's trade minister said")][0]
    assert kenyan[schema.LOCATIONS] == ["Nairobi"]
    assert "the dateline, the seat of Kenya (its statement)" in kenyan[schema.CONTEXT_RULE]
    tanzanian = [r for r in rows if r[schema.SENTENCE].startswith("Tanzania")][0]
    assert "Nairobi" not in tanzanian[schema.LOCATIONS]
    coming = [r for r in rows if "expected" in r[schema.SENTENCE]][0]
    assert "(its statement)" not in coming[schema.CONTEXT_RULE]


def test_a_statement_of_the_dateline_capital_s_state_recalled_from_the_past_is_not_placed_there():
    # the dateline tells where the story is told from now: a past statement recalled was made
    # wherever it was
    text = ("NAIROBI, June 3 - Kenya and Tanzania reopened their border crossing on Monday.\n\n"
            "Kenya's trade minister said in March 2011 that the border would stay shut.")
    row = event(text, "2019-06-05", "March 2011")
    assert "Nairobi" not in row[schema.LOCATIONS]
    assert "(its statement)" not in row[schema.CONTEXT_RULE]


def test_an_office_taken_is_placed_in_the_state_of_the_office():
    # The swearing-in of Malawi's president is in Malawi, wherever the article is filed from;
    # with two states named, the words do not say whose office it is.
    text = ("LUSAKA, May 3 - Zambia and Malawi agreed on Monday to reopen their border.\n\n"
            "Malawi's president, Peter Mutharika, was sworn in on 31 May 2014 after a disputed vote.\n\n"
            "The presidents of Zambia and Malawi both took office in January 2015.")
    row = event(text, "2016-05-04", "31 May 2014")
    assert row[schema.LOCATIONS] == ["Malawi"]
    assert "the state of the office (sworn in)" in row[schema.CONTEXT_RULE]
    assert "(took office)" not in event(text, "2016-05-04", "January 2015")[schema.CONTEXT_RULE]
    # ... but the person holding it says whose office it is, whatever other states are named
    two = "Jakaya Kikwete was sworn in as president on 21 December 2005, with the leaders of Kenya and Uganda looking on."
    row = event(two, "2006-04-04", "21 December 2005")
    assert {"Kenya", "Uganda", "Tanzania"} <= set(row[schema.ACTORS])
    assert row[schema.LOCATIONS] == ["Tanzania"]


def test_a_place_given_something_is_not_where_the_giving_happens():
    # Mauritius receives the islands; Kenya is where the troops go; Oman's ambassador met them,
    # and the meeting's place is Muscat, the "to" after the giving word's own.
    text = ("Britain said on Thursday that it would hand sovereignty over the islands to Mauritius.\n\n"
            "Britain sent troops to Kenya on Friday.\n\n"
            "The hostages were greeted by the U.S. ambassador to Oman and flew to Muscat on Saturday.")
    assert "Mauritius" not in event(text, "2024-10-05", "Thursday")[schema.LOCATIONS]
    assert event(text, "2024-10-05", "Friday")[schema.LOCATIONS] == ["Kenya"]
    saturday = event(text, "2024-10-05", "Saturday")[schema.LOCATIONS]
    assert "Muscat" in saturday and "Oman" not in saturday


@pytest.mark.parametrize("markers", [["to", "to the"], ["to", "on behalf of"]])
def test_the_text_read_for_a_recipient_marker_holds_the_longest_marker_however_spaced(markers):
    # the window before a place is made from the markers themselves: a longer marker widens it
    data = load_yaml("discourse.yaml")
    rules = build_rules({**data, "recipients": {**data["recipients"], "markers": markers}})
    for marker in markers:
        text = "it would hand the islands " + "   ".join(marker.split()) + "   "
        found = rules.recipient_marker.search(text[-rules.recipient_marker_chars:])
        assert found is not None and found.group().split() == marker.split()


def test_a_state_that_became_independent_in_a_relative_clause_is_the_place():
    text = ("The talks opened in Podgorica on Monday.\n\n"
            "Montenegro, which declared independence on 3 June 2006, joined NATO in 2017.")
    row = event(text, "2019-04-04", "3 June 2006")
    assert row[schema.LOCATIONS] == ["Montenegro"]
    assert "the state that became independent (declared independence)" in row[schema.CONTEXT_RULE]


def test_what_the_discourse_keeps_stays_bounded_however_long_the_article():
    """Each lookup reads only what is kept, so a long article costs linear time."""
    from timeline.extract.discourse import Discourse
    from timeline.extract.events import find_mentions
    from timeline.extract.sentences import split_sentences

    paragraph = ("Russia and Ukraine held talks in Minsk, and the envoy Heidi Tagliavini met the "
                 "spokesman John Kirby at the summit in Geneva after the truce.\n\n")
    for text in (paragraph * 20, paragraph * 400):
        sentences = split_sentences(text)
        discourse = Discourse(text, sentences, find_mentions(text))
        for sentence in sentences:
            discourse.read(sentence)
        kept = (sum(len(d) for d in discourse._recent.values()) + sum(len(o) for o in discourse._opening.values())
                + sum(len(h) for h in discourse._holders) + len(discourse._parties)
                + sum(len(p) for p in discourse._pairs.values()) + len(discourse._armed))
        assert kept <= 150


def test_both_sides_are_two_parties_named_across_a_head_noun():
    text = ("The Philippine government and the Moro Islamic Liberation Front met in Kuala Lumpur in January.\n\n"
            "The two sides will sign the final agreement on 27 March.")
    row = event(text, "2014-03-24", "27 March")
    assert set(row[schema.ACTORS]) == {"Philippines", "Moro Islamic Liberation Front"}


def test_the_government_in_the_background_is_still_the_state_the_article_is_about():
    text = ("Fighting in Aceh went on in Indonesia on Monday.\n\n"
            "Rebels in Indonesia said the army in Indonesia had shelled their villages.\n\n"
            "The government declared martial law in Aceh in May 2003.")
    row = event(text, "2005-07-18", "May 2003")
    assert row[schema.ACTORS] == ["Indonesia"]


def test_met_there_is_the_place_named_just_before():
    text = ("Armenia's prime minister and Azerbaijan's president are due to meet in Brussels on 14 May.\n\n"
            "The two leaders last met there in August.")
    row = event(text, "2023-05-05", "August")
    assert row[schema.LOCATIONS] == ["Brussels"]
    assert "place from the place named before (there)" in row[schema.CONTEXT_RULE]


def test_there_was_is_no_place():
    text = "Talks were held in Brussels on Monday.\n\nThere was no progress on Tuesday."
    assert event(text, "2023-05-05", "Tuesday")[schema.LOCATIONS] == []


def test_an_agreement_approved_at_home_does_not_take_the_venue_of_the_talks():
    text = ("DOHA, Qatar — Israel and Hamas agreed to a truce after talks in Doha.\n\n"
            "Israel's cabinet approved the deal early on Wednesday.\n\n"
            "The two sides signed the deal on Thursday.")
    rows = extract_events(text, published="2023-11-23").to_dict("records")
    approved = [r for r in rows if r[schema.SENTENCE].startswith("Israel's cabinet")][0]
    signed = [r for r in rows if r[schema.SENTENCE].startswith("The two sides")][0]
    # (not Doha; Israel, the land this short text is about once the dateline's "Qatar" no longer
    # counts, may be: its own cabinet acts at home)
    assert "Doha" not in approved[schema.LOCATIONS]
    assert signed[schema.LOCATIONS] == ["Doha"]


def test_the_delegation_is_the_party_named_beside_delegation():
    text = ("The Syrian government delegation, led by Bashar al-Jaafari, met the envoy in Geneva on Monday.\n\n"
            "The delegation walked out on Tuesday.")
    row = event(text, "2016-02-03", "Tuesday")
    assert "Syria" in row[schema.ACTORS]


def test_a_un_release_gives_its_dateline_city_and_its_special_envoy():
    text = ("Geneva (3 February 2016) - The Special Envoy of the Secretary-General for Syria, Staffan de Mistura, "
            "today announced a temporary pause in the intra-Syrian talks.\n\n"
            "The Special Envoy said the talks would resume no later than 25 February.")
    row = event(text, "2016-02-03", "25 February")
    assert row[schema.ACTORS][0] == "Staffan de Mistura"
    assert row[schema.LOCATIONS] == ["Geneva"]
    assert "(the special envoy)" in row[schema.CONTEXT_RULE]


def test_words_told_to_reporters_in_a_sentence_dated_by_the_one_before_are_placed_at_the_dateline():
    events = extract_events("GENEVA, 8 July 2017 — Talks on the island collapsed early on Friday, the "
                            "Secretary-General, António Guterres, announced.\n\nGuterres told reporters that "
                            "the conference had closed without an agreement.", published="2017-07-08")
    told = [r for r in events.to_dict("records") if r[schema.DATE_INHERITED]]
    assert [r[schema.LOCATIONS] for r in told] == [["Geneva"]]
    assert "the dateline (where reporters were told)" in told[0][schema.CONTEXT_RULE]


def test_a_saying_dated_by_the_sentence_before_is_placed_at_the_dateline():
    events = extract_events("LISBON, May 31 (Wire) - The two leaders signed a peace accord on Friday.\n\n"
                            "The foreign minister welcomed the signature as a rare success.", published="1991-05-31")
    said = [r for r in events.to_dict("records") if r[schema.SENTENCE].startswith("The foreign minister")]
    assert [(r[schema.EVENT_TYPE], r[schema.LOCATIONS]) for r in said] == [("statement", ["Lisbon"])]
    assert "the dateline (where reporters were told)" in said[0][schema.CONTEXT_RULE]


def test_happenings_and_role_phrases_are_found_as_the_plain_longest_first_list_finds_them():
    # The patterns are prefix trees (rulebook.phrase_tree), for speed: each phrase, alone, run
    # on into a longer word, or beside its neighbours, matches exactly as the list would.
    import re

    from timeline.extract.discourse.rules import _key, rules

    r = rules()
    for pattern, phrases in ((r.happenings, r.kind_of), (r.role_phrases, r.role_of)):
        keys = sorted({_key(p) for p in phrases}, key=len, reverse=True)
        plain = re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, k.split())) for k in keys)
                           + r")(?![\w-])", re.IGNORECASE)
        texts = [f"On Monday {k.upper()} and {k}s, {k}-{k} and the {k}  {keys[0]} ended." for k in keys]
        texts.append(" ".join(keys))
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_a_parliament_with_a_name_of_its_own_is_not_placed_in_the_capital_of_the_story_country():
    text = ("Fighting in Kenya went on; roads in Kenya were closed.\n\n"
            "The European Parliament voted on Tuesday to send observers.")
    row = event(text, "2008-03-01", "Tuesday")
    assert "Nairobi" not in row[schema.LOCATIONS]
    assert "capital" not in row[schema.CONTEXT_RULE]


def test_people_returning_home_are_not_placed_in_a_capital():
    text = "Fighting in Syria went on; roads in Syria were closed.\n\nRefugees returned home on Friday, aid groups said."
    row = event(text, "2015-04-04", "Friday")
    assert "Damascus" not in row[schema.LOCATIONS]


def test_a_parliament_in_another_clause_than_the_rows_date_places_nothing():
    text = ("Israel and Jordan signed a peace treaty on Wednesday.\n\n"
            "Jordan's Parliament is expected to vote on it within weeks, and embassies are to open within months.")
    row = event(text, "1994-10-27", "months")
    assert "Amman" not in row[schema.LOCATIONS]


def test_a_lede_that_names_its_own_venue_keeps_it_whatever_talks_the_next_paragraph_recalls():
    text = ("NAIROBI — Late on Tuesday, the two delegations met in Nairobi for talks chaired by Kenya.\n\n"
            "Last year, on 3 May 2021, the rebel delegation walked out of the Addis Ababa talks.")
    row = event(text, "2022-06-08", "Tuesday")
    assert row[schema.LOCATIONS] == ["Nairobi"]
    assert "place from" not in row[schema.CONTEXT_RULE]


def test_in_a_bulletin_an_accord_takes_no_two_sides_from_the_counts_of_another_brief():
    # Peru and Chile, named most in the first brief, are not the parties to the relief accord
    # of the second: a bulletin of briefs has no two sides of its own (several stories).
    text = ("THE DAY IN BRIEF\n\nSea border case in The Hague\n\n"
            "Peru and Chile argued their sea border before the judges in The Hague on Monday.\n\n"
            "Peru says the line should run south-west from the coast. Chile rejects the claim, and Peru has "
            "pressed it for years. Chile asked the judges to keep the line.\n\n"
            "Chile says a fishing accord settled the matter. The accord was signed in Lima on 4 May 1954.\n\n"
            "Floods in Niger\n\nHeavy rain flooded villages in Niger on Tuesday. A relief accord was signed in "
            "Niamey on 2 December.")
    row = event(text, "2012-12-06", "2 December")
    assert not {"Peru", "Chile"} & set(row[schema.ACTORS])
    assert "two sides" not in row[schema.CONTEXT_RULE]


def test_a_stretch_opened_by_where_happens_at_the_place_named_right_before_it():
    # "in Bukavu, where ...": the relative stands for Bukavu, though Bukavu lies in the
    # stretch of the other date (discourse.yaml place_relatives).
    text = ("The accord was initialled on Saturday in Bukavu, where the two delegations had been "
            "meeting since the middle of March.")
    assert event(text, "2002-04-04", "the middle of March")[schema.LOCATIONS] == ["Bukavu"]
    assert event(text, "2002-04-04", "Saturday")[schema.LOCATIONS] == ["Bukavu"]


def test_a_place_stressed_by_itself_before_where_is_still_the_place_it_stands_for():
    # "in Bukavu itself, where ...": "itself" stresses the town, it is no word the town modifies
    # ("pegged to the US dollar, where it remains" lends nothing).
    text = ("The accord was initialled on Saturday in Bukavu itself, where the two delegations had "
            "been meeting since the middle of March.")
    assert event(text, "2002-04-04", "the middle of March")[schema.LOCATIONS] == ["Bukavu"]


def test_a_courts_acts_happen_at_the_seat_the_article_names_but_not_a_national_courts():
    text = ("Two neighbours took their quarrel over a river island to The Hague in 2016.\n\n"
            "The judges heard both governments in March 2018. The court ruled on Tuesday that the island "
            "belongs to the upstream state.\n\n"
            "Days later the Supreme Court of Ruritania upheld a fishing ban on 4 May.")
    for timex in ("March 2018", "Tuesday"):
        row = event(text, "2019-04-25", timex)
        assert row[schema.LOCATIONS] == ["The Hague"]
        assert "the seat of the court" in row[schema.CONTEXT_RULE]
    assert "the seat of the court" not in event(text, "2019-04-25", "4 May")[schema.CONTEXT_RULE]
    # A court named in another clause than the row's date is not what the row tells.
    joined = ("Two neighbours took their quarrel over a river island to The Hague in 2016.\n\n"
              "Ruritania notified the court of a survey on 2 May, and Freedonia filed its reply on 9 May.")
    assert event(joined, "2019-05-10", "9 May")[schema.LOCATIONS] == []
    # An article that names no seat gives the court's acts no place of their own.
    alone = "The court ruled on Tuesday that the island belongs to the upstream state."
    assert event(alone, "2019-04-25", "Tuesday")[schema.LOCATIONS] == []


def test_here_in_a_dated_story_is_the_city_it_is_filed_from():
    text = ("FROM LISBON TO FOREIGN OFFICE\n\n"
            "1. The two delegations ended their talks without a text.\n\n"
            "2. The minister said he would receive both envoys here early next month.")
    row = event(text, "1975-03-04", "early next month")
    assert row[schema.LOCATIONS] == ["Lisbon"]
    assert "the dateline (here)" in row[schema.CONTEXT_RULE]
    # A "here" in another clause than the row's date places that clause's event, not the row's.
    aside = text.replace("The minister said he would receive both envoys here early next month.",
                         "The envoys, who were received here in January, signed the text on Sunday.")
    assert event(aside, "1975-03-04", "January")[schema.LOCATIONS] == ["Lisbon"]
    assert event(aside, "1975-03-04", "Sunday")[schema.LOCATIONS] == []
    # Without a dateline, "here" says nothing a reader can place.
    bare = "The minister said he would receive both envoys here early next month."
    assert event(bare, "1975-03-04", "early next month")[schema.LOCATIONS] == []
