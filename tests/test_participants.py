"""Who takes part, from the whole article: the two sides of its war, the state an office holder
speaks for. Positive cases are examples in the data files (discourse.yaml, actors.yaml); these
are the cases where the article does not say, and nothing must be added."""
from __future__ import annotations

import itertools
import json
import math

import pytest

from timeline import extract_events, schema
from timeline.datafiles import load_yaml


@pytest.fixture
def rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction with the discourse rules alone (the participant model off): the rules' own
    behaviour, which the model then weighs as one feature among many."""
    import dataclasses

    from timeline.extract import events
    from timeline.extract.discourse.participants import model

    monkeypatch.setattr(events, "participant_model", lambda: dataclasses.replace(model(), active=False))


def row_dated(text: str, published: str, timex: str) -> dict:
    rows = [r for r in extract_events(text, published=published).to_dict("records") if r[schema.TIMEX_TEXT] == timex]
    assert rows, timex
    return rows[0]


def test_a_war_in_an_article_that_names_no_sides_takes_no_one():
    row = row_dated("The war began in 1980.\n\nThousands fled their homes, aid workers said.", "1992-01-17", "1980")
    assert row[schema.ACTORS] == []


def test_a_war_beside_two_outside_powers_named_together_does_not_take_them_as_its_sides():
    text = ("Turkey and Russia urged restraint on Monday.\n\n"
            "The war began in 2014, aid workers said.")
    row = row_dated(text, "2020-01-14", "2014")
    assert row[schema.ACTORS] == []


def test_a_president_in_an_article_naming_no_government_speaks_for_no_state():
    text = "President Tomas Abreu signed the accord on Monday. Abreu said it was a good day."
    row = row_dated(text, "2020-01-14", "Monday")
    assert row[schema.ACTORS] == ["Tomas Abreu"]


def test_they_after_a_sentence_naming_no_party_takes_no_one():
    text = "The negotiations began in Mexico City in August 2021.\n\nThey resumed briefly on 26 November last year."
    row = row_dated(text, "2023-10-18", "26 November last year")
    assert "(they)" not in row[schema.CONTEXT_RULE]


def test_the_two_delegations_after_a_date_are_the_two_sides_not_the_mediators_named_since():
    text = ("Sudan's army and the paramilitary Rapid Support Forces signed a truce on Saturday.\n\n"
            "A committee with representatives of Saudi Arabia and the United States will watch it.\n\n"
            "On 11 May, the two delegations signed a declaration of principles.")
    row = row_dated(text, "2023-05-22", "11 May")
    assert row[schema.ACTORS] == ["Sudan", "Rapid Support Forces"]


def test_both_sides_beside_a_named_envoy_bring_the_two_parties_too():
    text = ("Sri Lanka's government and the Tamil Tigers signed a ceasefire on Friday.\n\n"
            "Erik Solheim, the Norwegian envoy, said on Saturday that both sides had agreed to hold talks.")
    row = row_dated(text, "2002-02-23", "Saturday")
    assert row[schema.ACTORS][:2] == ["Erik Solheim", "Norway"]
    assert set(row[schema.ACTORS][2:]) == {"Sri Lanka", "Liberation Tigers of Tamil Eelam"}
    assert "(both sides)" in row[schema.CONTEXT_RULE]


def test_talks_between_the_two_countries_are_held_by_them():
    text = ("Iran and Saudi Arabia agreed on Friday to restore relations.\n\n"
            "Iraq hosted several rounds of talks between the two countries in 2021.")
    row = row_dated(text, "2023-03-11", "2021")
    assert set(row[schema.ACTORS]) == {"Iraq", "Iran", "Saudi Arabia"}


def test_the_last_two_of_a_list_of_three_are_not_the_two_countries():
    text = ("Israel, the United Arab Emirates and Bahrain signed agreements on Tuesday.\n\n"
            "Israel and the Emirates opened embassies; the first flight between the two countries landed on Aug. 31.")
    row = row_dated(text, "2020-09-16", "Aug. 31")
    assert "Bahrain" not in row[schema.ACTORS]


def test_the_lede_event_takes_no_commentator_nor_anyone_speaking_for_another_party():
    text = ("COLOMBO — Sri Lanka's government and the Tamil Tigers signed a ceasefire on Friday.\n\n"
            "India's foreign minister, Jaswant Singh, welcomed it. \"It is fragile,\" said Ravi Perera, "
            "a Sri Lankan analyst at a Colombo think tank.")
    row = row_dated(text, "2002-02-23", "Friday")
    assert row[schema.ACTORS] == ["Sri Lanka", "Liberation Tigers of Tamil Eelam"]


def test_the_lede_event_does_not_take_a_person_spoken_of_after_a_preposition():
    text = ("With the Syrian government pressing its assault, the United Nations suspended the talks on Wednesday.\n\n"
            "Moscow has given military aid to Syrian President Bashar al-Assad for months.")
    row = row_dated(text, "2016-02-03", "Wednesday")
    assert "Bashar al-Assad" not in row[schema.ACTORS]


def test_the_military_is_the_state_whose_government_the_article_names():
    text = ("MANILA — The Philippine government and the Moro Islamic Liberation Front will sign a deal on Thursday.\n\n"
            "Malaysia brokered the talks, and Malaysian officials will attend.\n\n"
            "Earlier this year, the military launched an offensive in the marshes.")
    row = row_dated(text, "2014-03-24", "Earlier this year")
    assert row[schema.ACTORS][0] == "Philippines"
    assert "the government the article names (Philippines)" in row[schema.CONTEXT_RULE]


def test_the_lede_event_takes_no_one_a_commentator_names_beside_mediation():
    text = ("DOHA — Israel and Hamas agreed on Wednesday to a four-day pause in the fighting.\n\n"
            "Mediation by Turkey would have failed, said Omar Nasser, an analyst at a Doha think tank.")
    row = row_dated(text, "2023-11-22", "Wednesday")
    assert "Turkey" not in row[schema.ACTORS] and "Omar Nasser" not in row[schema.ACTORS]


def test_talks_in_a_capital_are_no_visit_and_bring_no_host():
    text = "Secretary of State Mike Pompeo held talks in Khartoum on Tuesday."
    row = row_dated(text, "2020-08-27", "Tuesday")
    assert "Sudan" not in row[schema.ACTORS]


def test_a_byline_between_headline_and_lede_does_not_hide_the_lede():
    text = ("Cyprus Talks Collapse\n\nBy our diplomatic correspondent\n\n"
            "GENEVA — Talks to reunify Cyprus collapsed on Friday, the United Nations said.\n\n"
            "The Greek Cypriot leader, Nicos Anastasiades, had negotiated for ten days.")
    row = row_dated(text, "2017-07-08", "Friday")
    assert "Nicos Anastasiades" in row[schema.ACTORS]


def test_someone_who_joined_the_talks_is_not_joined_by_the_story_sides():
    text = ("GENEVA — Greek Cypriot and Turkish Cypriot leaders agreed on Monday to resume talks, the United Nations said.\n\n"
            "Sir Alan Duncan, the British minister, joined the talks on Tuesday.")
    row = row_dated(text, "2017-07-05", "Tuesday")
    assert "the lede" not in row[schema.CONTEXT_RULE]


def test_a_previous_round_is_not_the_story_talks():
    text = ("India and Pakistan signed a peace declaration in Tashkent on Monday.\n\n"
            "A previous round of talks ended in March without agreement.")
    row = row_dated(text, "1966-01-11", "March")
    assert row[schema.ACTORS] == []


def test_a_nationality_in_the_lede_is_no_side_of_the_talks():
    text = ("Cypriot leaders resumed talks in the Swiss resort of Crans-Montana on Monday, the United Nations said.\n\n"
            "The talks opened on 28 June.")
    row = row_dated(text, "2017-07-04", "28 June")
    assert "Switzerland" not in row[schema.ACTORS]


def test_a_secretary_general_in_an_article_naming_none_is_no_one():
    text = "The Council voted on Friday.\n\nRelated: Secretary-General condemns deadly strike on Qana (30 July)"
    row = row_dated(text, "2006-08-11", "30 July")
    assert row[schema.ACTORS] == []


def test_a_surname_after_a_suffix_is_not_a_new_person():
    text = ("President Benigno Aquino III welcomed the deal on Thursday.\n\n"
            "The region is to be in place before Aquino leaves office in June 2016.")
    row = row_dated(text, "2014-03-28", "June 2016")
    assert row[schema.ACTORS][0] == "Benigno Aquino III"


def test_who_only_watched_the_lede_signing_is_no_side_of_an_earlier_agreement():
    text = ("The government of Rubia and the Sol Front signed a peace agreement on Wednesday, in the presence of "
            "representatives of the African Union and the United Nations.\n\n"
            "An earlier accord was signed in Libreville in July 2014.")
    row = row_dated(text, "2019-02-06", "July 2014")
    assert "African Union" not in row[schema.ACTORS] and "United Nations" not in row[schema.ACTORS]


def test_an_agreement_in_an_article_whose_lede_names_one_side_takes_no_one():
    text = ("The government of Rubia signed a peace agreement with fourteen armed groups on Wednesday.\n\n"
            "An earlier accord was signed in Libreville in July 2014.")
    row = row_dated(text, "2019-02-06", "July 2014")
    assert row[schema.ACTORS] == []


def test_talks_take_who_the_next_sentence_of_the_paragraph_names_but_not_a_former_office_s_state():
    text = ("Ethiopia and the Tigray People's Liberation Front signed a truce on Wednesday.\n\n"
            "The talks opened on Oct. 25 at a guesthouse. Olusegun Obasanjo was joined by Thandiwe Mokoena, "
            "a former South African deputy president.")
    row = row_dated(text, "2022-11-03", "Oct. 25")
    assert {"Olusegun Obasanjo", "Thandiwe Mokoena"} <= set(row[schema.ACTORS])
    assert "South Africa" not in row[schema.ACTORS]
    assert "the next sentence of paragraph 2" in row[schema.CONTEXT_RULE]


def test_talks_do_not_take_the_names_of_a_next_sentence_with_its_own_date():
    text = ("The talks in Khartoum opened on Monday. That meeting, hosted by Ethiopian Prime Minister Abiy Ahmed, "
            "ended without a deal on June 21.")
    row = row_dated(text, "2018-06-28", "Monday")
    assert "Abiy Ahmed" not in row[schema.ACTORS]


def test_a_lede_naming_an_organisation_only_does_not_take_an_armed_group_from_later(rules_only):
    text = ("World leaders meeting in Berlin on Sunday pledged to respect a United Nations arms embargo.\n\n"
            "The Libyan National Army of Khalifa Haftar attended the conference but refused to sign the declaration.\n\n"
            "An earlier accord was signed in Skhirat in December 2015.")
    row = row_dated(text, "2020-01-20", "December 2015")
    assert "Libyan National Army" not in row[schema.ACTORS]


def test_troops_named_with_a_nationality_are_not_the_home_army():
    text = ("GOMA — Congo's government and the M23 rebels agreed to a truce on Wednesday.\n\n"
            "Kenyan troops fought the rebels near Goma on Saturday.")
    row = row_dated(text, "2022-11-24", "Saturday")
    assert "Democratic Republic of the Congo" not in row[schema.ACTORS]


def test_world_powers_the_article_never_lists_are_no_one():
    text = "LAUSANNE — Iran and six world powers agreed on Thursday on a framework for a nuclear deal."
    row = row_dated(text, "2015-04-03", "Thursday")
    assert row[schema.ACTORS] == ["Iran"]


def test_a_release_line_before_the_lede_does_not_hide_the_story_sides():
    text = ("Secretary-General Witnesses Signing of Final Peace Accord\n\nPress Release SG/SM/96-GUA\n\n"
            "GUATEMALA CITY -- The Government of Guatemala and the URNG today signed the Agreement on a Firm and "
            "Lasting Peace, bringing to a close the longest armed conflict in Central America.\n\n"
            "The parties' Agreement on the Definitive Ceasefire was signed in Oslo on 4 December.")
    row = row_dated(text, "1996-12-29", "4 December")
    assert {"Guatemala", "Unidad Revolucionaria Nacional Guatemalteca"} <= set(row[schema.ACTORS])
    assert "United States" not in row[schema.ACTORS]   # "Central America" is a region, no actor


def test_who_reports_the_lede_event_is_no_side_of_the_story():
    text = ("Russia and Ukraine agreed on Friday on a deal for grain exports, the United Nations said.\n\n"
            "A previous accord was signed in Istanbul in 2019.")
    row = row_dated(text, "2022-07-23", "2019")
    assert set(row[schema.ACTORS]) == {"Russia", "Ukraine"}


def test_a_statement_whose_speaker_is_not_named_keeps_everyone_its_sentence_names():
    # No speaker before the verb ("It was announced ..."): no one is known to be only spoken of.
    text = "It was announced on Monday that Russia and Ukraine had agreed to swap prisoners."
    row = row_dated(text, "2022-09-20", "Monday")
    assert row[schema.ACTORS] == ["Russia", "Ukraine"]


def test_a_name_told_both_as_speaker_and_in_the_reported_words_stays():
    text = "Foreign Minister Sergei Lavrov said on Friday that Russia would attend the talks."
    row = row_dated(text, "2022-09-20", "Friday")
    assert row[schema.ACTORS] == ["Sergei Lavrov", "Russia"]


PARTICIPANTS = "\n\nThe delegations were headed by President Paul Biya for Cameroon and President Teodoro Obiang for Equatorial Guinea."


def test_another_named_agreement_does_not_take_the_participants_the_article_lists():
    row = row_dated("In March 2001 the Bata Agreement ended the shelling." + PARTICIPANTS, "2020-01-10", "March 2001")
    assert row[schema.ACTORS] == []


def test_a_happening_that_is_not_the_sentence_subject_does_not_take_the_listed_participants():
    row = row_dated("Elections under the agreement were held in September 2005." + PARTICIPANTS, "2020-01-10",
                    "September 2005")
    assert row[schema.ACTORS] == []


def test_participants_listed_beyond_reach_are_not_taken():
    far = "\n\n".join(["Rain fell on the lake."] * 8)
    row = row_dated("The agreement was signed on 9 June 2004.\n\n" + far + PARTICIPANTS, "2020-01-10", "9 June 2004")
    assert row[schema.ACTORS] == []


def test_a_dateline_city_named_like_an_actor_stays_what_it_was_while_its_agency_is_dropped():
    # Only what follows the city is the filer's credit: "UNITED NATIONS" is still read as the UN.
    text = "UNITED NATIONS, Aug. 8 (AP) — Iran and Iraq agreed on Monday to a ceasefire, the Secretary-General said."
    row = row_dated(text, "1988-08-09", "Monday")
    assert row[schema.ACTORS] == ["United Nations", "Iran", "Iraq"]
    # ... and, as a dateline, it names where the story was filed (datelines.yaml city_names).
    assert row[schema.LOCATIONS] == ["New York"]


def test_an_unknown_army_named_beside_the_state_is_the_other_side_of_its_war():
    text = ("The accord ended the conflict between the security forces of the Republic of Macedonia and the ethnic "
            "Albanian National Liberation Army (NLA).\n\nThe fighting began in January 2001.")
    row = row_dated(text, "2021-08-13", "January 2001")
    assert row[schema.ACTORS] == ["North Macedonia", "National Liberation Army"]


def rows_by_timex(text: str, published: str) -> dict:
    return {r[schema.TIMEX_TEXT]: r for r in extract_events(text, published=published).to_dict("records")}


@pytest.mark.parametrize("phrase", load_yaml("clauses.yaml")["breaks_between_dates"])
def test_each_clause_break_gives_each_dated_clause_its_own_actors(phrase):
    text = f"Peru signed the accord on 3 March{' ' if phrase[0].isalpha() else ''}{phrase} Chile left the talks on 9 March."
    rows = rows_by_timex(text, "2020-03-20")
    assert rows["3 March"][schema.ACTORS] == ["Peru"]
    assert rows["9 March"][schema.ACTORS] == ["Chile"]


def test_a_clause_without_its_own_subject_keeps_the_subject_before_it():
    text = "Peru and Chile signed the accord on 3 March, and ratified it with Bolivia on 9 March."
    rows = rows_by_timex(text, "2020-03-20")
    assert rows["3 March"][schema.ACTORS] == ["Peru", "Chile"]
    assert rows["9 March"][schema.ACTORS] == ["Peru", "Chile", "Bolivia"]


def test_a_clause_opened_by_a_possessive_or_a_pronoun_goes_on_about_the_subject_before_it():
    text = "Peru tested a missile on 3 March, and its army crossed the border on 9 March."
    rows = rows_by_timex(text, "2020-03-20")
    assert rows["9 March"][schema.ACTORS] == ["Peru"]


def test_a_dated_clause_naming_no_one_takes_no_actor_of_the_other_clause():
    text = "Peru signed the accord on 3 March; the floods reached the coast on 9 March."
    rows = rows_by_timex(text, "2020-03-20")
    assert rows["3 March"][schema.ACTORS] == ["Peru"]
    assert "Peru" not in rows["9 March"][schema.ACTORS]


def test_two_dates_in_one_clause_share_its_actors():
    text = "Peru and Chile met on 3 March and again on 9 March."
    rows = rows_by_timex(text, "2020-03-20")
    assert rows["3 March"][schema.ACTORS] == rows["9 March"][schema.ACTORS] == ["Peru", "Chile"]


def test_an_opening_pronoun_continues_the_subject_of_the_sentence_before_not_its_last_name():
    text = ("President Ana Moreno flew in from Lima on Monday after talks with President Tomas Abreu.\n\n"
            "She is to address the parliament on Tuesday.")
    row = row_dated(text, "2020-03-20", "Tuesday")
    assert "Ana Moreno" in row[schema.ACTORS] and "Tomas Abreu" not in row[schema.ACTORS]


def test_a_pronoun_after_a_sentence_that_opens_with_no_person_takes_the_last_person_named():
    text = ("On Monday, President Tomas Abreu met President Ana Moreno in Lima.\n\n"
            "She is to address the parliament on Tuesday.")
    row = row_dated(text, "2020-03-20", "Tuesday")
    assert "Ana Moreno" in row[schema.ACTORS] and "Tomas Abreu" not in row[schema.ACTORS]


# The participant model (extract/discourse/participants.py, resources/participant_model.yaml) --

def candidates_of(text: str, published: str, timex: str) -> tuple[dict, dict]:
    """(row dated by `timex`, its candidates by name) as participant_candidates gives them."""
    from timeline.extract.events import participant_candidates

    table, candidates = participant_candidates(text, published=published)
    rows = table.to_dict("records")
    k = next(i for i, r in enumerate(rows) if r[schema.TIMEX_TEXT] == timex)
    return rows[k], {c.name: c for c in candidates[k]}


def test_the_participant_model_file_is_valid_and_weighs_only_known_features():
    from timeline.errors import ResourceError
    from timeline.extract.discourse.participants import FEATURES, build_model, model

    fitted = model()
    assert fitted.forest is not None and 0 < fitted.threshold < 1
    good = load_yaml("participant_model.yaml")
    assert set(good["features"]) <= set(FEATURES)
    leaf = [0.5]
    for broken in ({**good, "features": [*good["features"], "word_peace"]},   # a word identity: no such feature
                   {**good, "threshold": 1.5}, {k: v for k, v in good.items() if k != "trees"},
                   {**good, "active": "yes"}, {**good, "version": 3},
                   {**good, "trees": [[[0, 0.5, 1, 7], leaf]]},          # a child outside its tree
                   {**good, "trees": [[[99, 0.5, 1, 2], leaf, leaf]]},   # a feature index out of range
                   {**good, "trees": [[[0, "high", 1, 2], leaf, leaf]]},
                   {**good, "trees": [[[0, 0.5, 1, 2, 0], leaf, leaf]]},  # a split of five numbers
                   {**good, "trees": [[[0, 0.5, 1, 2], leaf, []]]}):      # a leaf with no value
        with pytest.raises(ResourceError, match="participant_model.yaml"):
            build_model(broken)


def test_the_trees_score_a_candidate_as_the_file_says():
    from timeline.extract.discourse.participants import FEATURES, build_model

    one = {"version": 2, "active": True, "threshold": 0.5, "baseline": 0.0, "depth": 1, "features": ["rank2"],
           "trees": [[[0, 0.5, 1, 2], [-2.0], [2.0]]]}
    fitted = build_model(one)
    named_most, named_once = dict.fromkeys(FEATURES, 0.0), dict.fromkeys(FEATURES, 0.0)
    named_most["rank2"] = 1.0
    assert fitted.scores([named_most, named_once]) == pytest.approx([1 / (1 + math.exp(-2)), 1 / (1 + math.exp(2))])


def test_candidates_do_not_change_what_extraction_gives():
    text = "Peru signed the accord on 3 March, while Chile left the talks on 9 March."
    from timeline.extract.events import participant_candidates

    table, candidates = participant_candidates(text, published="2020-03-20")
    assert table.equals(extract_events(text, published="2020-03-20")) and len(candidates) == len(table)


def test_extraction_leaves_out_only_candidates_that_could_change_nothing():
    # extract_events skips the features of the candidates `may_add` refuses (a third of them): each
    # one left out must be neither a rule's name nor one the model may add, and the rest unchanged.
    import pathlib

    from timeline.extract.discourse.participants import may_add
    from timeline.extract.events import participant_candidates

    articles = pathlib.Path(__file__).parent / "articles"
    left_out = 0
    for gold in sorted(articles.glob("*.gold.json"))[:12]:
        data = json.loads(gold.read_text(encoding="utf-8"))
        text = (articles / data["text_file"]).read_text(encoding="utf-8")
        table, every = participant_candidates(text, published=data["published"])
        _, decisive = participant_candidates(text, published=data["published"], decisive=True)
        for row, full, read in zip(table.to_dict("records"), every, decisive):
            kept = {c.name: c.features for c in read}
            assert all(kept[c.name] == c.features for c in full if c.name in kept)
            skipped = [c for c in full if c.name not in kept]
            assert not any(c.name in row[schema.ACTORS] or may_add(c.features) for c in skipped)
            assert len(kept) + len(skipped) == len(full)
            left_out += len(skipped)
    assert left_out > 0


def test_a_row_with_an_obvious_participant_has_it_as_a_candidate_with_its_source_and_role():
    text = ("Talks in Lima\n\nThe foreign ministers of Peru and Chile met in Lima on Monday.\n\n"
            "Peru signed the accord on 3 March, Peru's foreign ministry said.")
    row, found = candidates_of(text, "2020-03-20", "3 March")
    peru = found["Peru"].features
    assert peru["src_span"] == peru["step_own"] == peru["role_opens_clause"] == 1.0
    assert found["Chile"].features["src_prev1"] == 1.0 and found["Chile"].features["src_span"] == 0.0


def test_the_fitted_model_keeps_an_obvious_participant():
    from timeline.extract.discourse.participants import model, rank

    text = ("Norway and Sri Lanka agree truce\n\nNorway's envoy Erik Solheim said on Friday the talks had gone well.\n\n"
            "Sri Lanka's government and the Tamil Tigers signed a ceasefire in Oslo on 22 February, the envoy said.")
    row, found = candidates_of(text, "2002-02-23", "22 February")
    rank(row, list(found.values()), model())
    assert {"Sri Lanka", "Liberation Tigers of Tamil Eelam"} <= set(row[schema.ACTORS])


def test_the_model_gives_a_truce_a_third_party_brokered_the_two_sides_of_the_story(monkeypatch):
    # A truce "brokered by" a third party is the two sides' truce: the article is about them (its
    # headline, its lede, the sentence before), though the row's sentence names only the broker.
    text = ("Armenia and Azerbaijan agree to talks\n\nArmenia and Azerbaijan agreed on Monday to open peace talks, "
            "their foreign ministers said in Brussels.\n\nArmenia accuses Azerbaijan of shelling its border villages. "
            "About 200 soldiers were killed on both sides before a truce brokered by Russia took hold on 14 September.")
    import dataclasses

    from timeline.extract import events as extraction
    from timeline.extract.discourse.participants import model

    monkeypatch.setattr(extraction, "participant_model", lambda: dataclasses.replace(model(), active=True))
    events = extract_events(text, published="2022-10-04")
    row = events[events[schema.TIMEX_TEXT] == "14 September"].iloc[0]
    assert set(row[schema.ACTORS]) == {"Russia", "Armenia", "Azerbaijan"}
    # The evidence says who lent them, and where the article names them nearest the row.
    assert "participant model adds (Azerbaijan: paragraph 2; Armenia: paragraph 2)" in row[schema.CONTEXT_RULE]


def test_a_quoted_commentator_is_not_kept_by_the_model():
    from timeline.extract.discourse.participants import model, rank

    text = ("Jane Porter, an analyst at the Institute for Peace, said the talks were fragile.\n\n"
            "The talks resume on Monday.")
    row, found = candidates_of(text, "2023-03-10", "Monday")
    rank(row, list(found.values()), model())
    assert "Jane Porter" not in row[schema.ACTORS]


# The limits on what the model may add (participants.may_add), each a principle of reading. Each
# test gives every candidate the surest score, so the limit alone keeps the name out.
def sure_adds(text: str, published: str, timex: str) -> list[str]:
    from timeline.extract.discourse.participants import decide

    row, found = candidates_of(text, published, timex)
    _, added = decide(list(row[schema.ACTORS]), [(n, c.features, 1.0) for n, c in found.items()], threshold=0.5)
    return added


def test_even_a_sure_model_adds_no_commentator_to_the_talks():
    text = ("Jane Porter, an analyst at the Institute for Peace, said the talks were fragile.\n\n"
            "Peru and Chile resume the talks on Monday.")
    assert "Jane Porter" not in sure_adds(text, "2023-03-10", "Monday")


def test_even_a_sure_model_gives_a_statement_no_one_but_its_speaker():
    text = "Peru and Chile signed a border treaty in Lima on Monday.\n\nFrance said on Tuesday that the treaty was fragile."
    assert sure_adds(text, "2020-03-20", "Tuesday") == []


def test_even_a_sure_model_gives_the_bloc_not_its_chair():
    text = "Brunei chairs ASEAN this year. The bloc's foreign ministers will meet in June."
    assert sure_adds(text, "2021-04-25", "June") == []


def test_a_sure_model_gives_a_truce_a_body_brokered_the_parties_named_before_but_not_the_body_s_own_meeting():
    # In a truce or talks the organisation the row names is the mediator, and the parties the
    # article named before take part beside it (docs/gold_conventions.md); the same organisation's own
    # meeting is the body acting as itself, and takes no one else.
    story = "Ethiopia and Eritrea fought a border war for two years.\n\n"
    truce = story + "A truce brokered by the African Union took hold on 18 June."
    assert {"Ethiopia", "Eritrea"} <= set(sure_adds(truce, "2000-07-01", "18 June"))
    talks = story + "Talks mediated by the African Union resumed in Algiers on 18 June."
    assert {"Ethiopia", "Eritrea"} <= set(sure_adds(talks, "2000-07-01", "18 June"))
    meeting = story + "The African Union's leaders will meet in Lome on 18 June."
    assert sure_adds(meeting, "2000-07-01", "18 June") == []


def test_even_a_sure_model_adds_no_name_of_another_clause():
    text = "Peru signed the accord on 3 March but Chile left the talks on 9 March."
    assert sure_adds(text, "2020-03-20", "3 March") == [] and sure_adds(text, "2020-03-20", "9 March") == []


def test_even_a_sure_model_adds_no_state_the_article_gives_only_as_a_place():
    # The dateline's country and the venue's are where the talks are, not a party to them.
    text = ("OSLO, Norway - The two delegations met on Friday for a round of talks at a manor house in Finland.\n\n"
            "The round opened on Tuesday.")
    assert {"Norway", "Finland"}.isdisjoint(sure_adds(text, "2019-07-13", "Tuesday"))


def test_even_a_sure_model_keeps_each_line_of_a_list_of_headlines_apart():
    text = ("Related:\n"
            "Envoys meet in Geneva on Monday to save the truce between the two parties\n"
            "Russia and Turkey agree to joint patrols in the north of the country\n"
            "Aid convoy reaches the besieged town for the first time in months")
    assert sure_adds(text, "2019-10-20", "Monday") == []


def test_a_sure_model_gives_an_unnamed_ceasefire_the_story_side():
    text = ("Liberia's Factions Sign Peace Deal in Ghana\n\nLiberia's government and the rebels signed an accord on "
            "Monday.\n\nFighting went on around Monrovia, aid groups in Monrovia said.\n\nThe ceasefire takes effect on Friday.")
    assert "Liberia" in sure_adds(text, "2003-08-19", "Friday")


@pytest.mark.parametrize("limits", list(itertools.product((False, True), repeat=7)))
def test_the_limits_that_skip_unread_candidates_are_may_adds_own(limits):
    # candidates(decisive=True) leaves out what refused_by_row refuses (an organisation row of
    # talks or a truce is not one that acts as itself); may_add refuses the same rows and names
    # through it, and nothing else that the row and the name alone decide
    from timeline.extract.discourse.participants import may_add, refused_by_row

    statement, named, in_words, in_sentence, body, listed, mediated = limits
    features = {"type_speech": float(statement), "share": 0.1 if named else 0.0, "src_span": float(in_words),
                "src_sentence": float(in_sentence), "row_body": float(body), "type_mediated": float(mediated),
                "beyond_list_line": float(listed and not (in_words or in_sentence)), "date_clause": 1.0}
    assert may_add(features) == (not refused_by_row(statement, named, in_words, in_sentence, body and not mediated, listed))


def test_a_brief_of_a_bulletin_is_offered_no_sides_of_the_brief_that_tells_them():
    # The first brief's lede names the sides of its talks; the talks of another brief are another
    # story's: the participant model is not offered those sides as the story's (src_story_sides),
    # while the first brief's own row is.
    text = ("THE DAY IN BRIEF\n\nGood news from Yerevan\n\n"
            "The governments of Armenia and Azerbaijan agreed on Monday to open talks on their border.\n\n"
            "Floods in Niger\n\nHeavy rain flooded villages in Niger and Mali on Tuesday. "
            "The talks opened in Niamey on Wednesday.")
    _, own = candidates_of(text, "2023-07-20", "Monday")
    assert own["Armenia"].features.get("src_story_sides")
    _, other = candidates_of(text, "2023-07-20", "Wednesday")
    assert not any(c.features.get("src_story_sides") for c in other.values())
