"""Actors: canonical names from the gazetteer, people found from context, capitals that stand
for their state, demonyms, surnames, periods of office, and a gazetteer validated at load."""
from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.actors import Actor, ActorGazetteer, Affiliation, find_actors, gazetteer
from timeline.datafiles import load_yaml
from timeline.errors import ResourceError
from timeline.searchfold import without_accents

EXAMPLES = load_yaml("actors.yaml")["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["text"][:50])
def test_actor_examples_of_the_gazetteer_file(example):
    assert set(find_actors(example["text"], example.get("published"))) == set(example["actors"])


@pytest.mark.parametrize("text, expected", [
    ("Sergei Lavrov said the strikes would go on.", ["Sergei Lavrov", "Russia"]),
    ("Moscow said the strikes would go on.", ["Russia"]),
    ("The Kremlin rejected the plan.", ["Russia"]),
    ("Damascus rejected the plan.", ["Syria"]),
    ("The Assad regime rejected the plan.", ["Syria"]),
    ("Staffan de Mistura arrived.", ["Staffan de Mistura", "United Nations"]),
    ("John Kirby spoke.", ["John Kirby", "United States"]),
    ("Islamic State militants attacked.", ["Islamic State"]),
])
def test_a_person_or_a_metonym_brings_who_they_speak_for(text, expected):
    assert find_actors(text) == expected


@pytest.mark.parametrize("text", [
    "The talks in Geneva were paused.",
    "Delegates flew to Moscow on Monday.",
    "Fighting continued in Syria.",
    "MOSCOW — The weather was cold.",
    "The envoys met in Hungary.",
])
def test_a_city_or_country_introduced_as_a_place_is_no_actor(text):
    assert find_actors(text) == []


def test_russian_and_syrian_airstrikes_are_by_russia_and_syria():
    assert find_actors("Activists counted Russian and Syrian airstrikes.") == ["Russia", "Syria"]


def test_liberias_interim_government_of_national_unity_is_not_libyas_government_of_national_unity():
    # "Government of National Unity" alone is Libya's (actors.yaml); the longer name is Liberia's
    # interim government of 1990-94, its own actor.
    text = "Amos Sawyer, head of the Interim Government of National Unity, flew home from Cotonou."
    assert "Libya" not in find_actors(text)
    assert "Interim Government of National Unity" in find_actors(text)
    assert find_actors("The IGNU and the NPFL signed the accord.")[0] == "Interim Government of National Unity"
    assert find_actors("Libya's Government of National Unity said it would hold elections.") == ["Libya"]


def test_a_demonym_before_a_non_state_group_is_no_actor():
    assert find_actors("Syrian refugees and Syrian activists gathered.") == []


def test_a_surname_resolves_to_the_full_name_seen_in_the_document():
    text = ("Halima Osei, the mission's chief negotiator, arrived on Monday. "
            "On Tuesday Osei met the delegations.")
    mentions = gazetteer().find(text)
    second = [m for m in mentions if text[m.start:m.end] == "Osei"]
    assert second and second[0].actors == ("Halima Osei",)


def test_a_surname_before_its_namesake_is_named_is_the_person_named_before_it():
    text = ("Envoy Grace Okafor arrived on Monday. Okafor met both sides. "
            "Spokesman Daniel Okafor said the talks were over.")
    mentions = gazetteer().find(text)
    alone = [m for m in mentions if text[m.start:m.end] == "Okafor"]
    assert [m.actors[0] for m in alone] == ["Grace Okafor"]


def test_a_surname_shared_by_two_people_in_the_document_stays_unresolved():
    text = ("Spokesman Daniel Okafor said the talks were over. Envoy Grace Okafor disagreed. "
            "Okafor said nothing more.")
    mentions = gazetteer().find(text)
    assert not [m for m in mentions if text[m.start:m.end] == "Okafor"]


@pytest.mark.parametrize("text, as_person", [
    ("The ministers first met in April and again in May.", False),
    ("Nothing has moved since May, the envoy said.", False),
    ("Elections are due by May 2027.", False),
    ("The accord was signed on 3 May in Oslo.", False),
    ("The vote tabled on Monday put pressure on May.", True),
    ("May said the bill would pass.", True),
])
def test_a_month_name_written_as_a_date_is_not_a_surname(text, as_person):
    """A surname that is also a month ("May") names the person only where no word of time or
    day or year around it makes it a date."""
    document = "Theresa May arrived in Oslo on Monday. " + text
    mentions = gazetteer().find(document)
    later = [m for m in mentions if m.start > len("Theresa May") and document[m.start:m.end] == "May"]
    assert bool(later) == as_person


@pytest.mark.parametrize("written, plain", [
    ("Łukasz Kowalczyk", "Lukasz Kowalczyk"),   # letters decomposition leaves: resources/letters.yaml
    ("Đorđe Petrović", "Dorde Petrovic"),
    ("Søren Ærøe", "Soren Aeroe"),
    ("Pérez", "Perez"),                          # marks decomposition drops
])
def test_a_name_without_its_accents_drops_letters_decomposition_leaves_too(written, plain):
    assert without_accents(written) == plain


def test_a_surname_written_without_a_letter_decomposition_leaves_is_the_person_named_in_full():
    text = ("Jonas Gahr Støre opened the round on Monday. "
            "On Tuesday Minister Store met both delegations.")
    later = [m for m in gazetteer().find(text) if text[m.start:m.end] == "Store"]
    assert [m.actors[0] for m in later] == ["Jonas Gahr Støre"]


def test_a_name_whose_plain_spelling_is_an_english_word_is_no_name_on_its_own():
    assert find_actors("Store shelves in the capital were empty on Monday.") == []


@pytest.mark.parametrize("text", [
    "said Riad Hijab, the HNC's chief coordinator",
    "spokesman Riad Hijab told reporters",
    "Riad Hijab said the talks had failed",
    "according to Riad Hijab, talks had failed",
])
def test_an_unknown_person_is_found_from_context(text):
    assert "Riad Hijab" in find_actors(text)


def test_an_unknown_person_takes_the_organisation_of_the_apposition():
    assert find_actors("said Riad Hijab, the HNC's chief coordinator") == ["Riad Hijab", "High Negotiations Committee"]


@pytest.mark.parametrize("text", [
    "Foreign Policy said the talks had failed.",
    "The State Department said the talks had failed.",
    "On Monday the envoys met.",
])
def test_capitalised_words_that_are_not_people_are_not_found_as_people(text):
    assert all(" " not in a or a in gazetteer().actors for a in find_actors(text))


@pytest.mark.parametrize("published, expected", [
    (dt.date(2016, 2, 3), "Netherlands"),
    (dt.date(2025, 1, 10), "NATO"),
])
def test_who_a_person_speaks_for_depends_on_the_period_of_office(published, expected):
    assert find_actors("Mark Rutte said the talks would go on.", published) == ["Mark Rutte", expected]


def minimal() -> dict:
    return {
        "states": [{"name": "Russia", "aliases": ["Russia"], "capitals": ["Moscow"], "demonyms": ["Russian"]}],
        "organisations": [{"name": "United Nations", "aliases": ["U.N."]}],
        "armed_groups": [{"name": "Islamic State"}],
        "people": [{"name": "Sergei Lavrov", "for": ["Russia"]}],
        "context": {k: ["said"] for k in ("titles", "role_nouns", "speech_verbs", "name_particles",
                                           "not_names", "demonym_non_actor_heads", "subject_pronouns", "possessive_openers", "subject_openers", "expletive_followers", "honorifics", "bloc_nouns",
                                           "organisation_heads", "function_words", "office_words", "office_not_with",
                                           "government_nouns", "government_modifiers")},
    }


def test_a_minimal_gazetteer_loads():
    assert "Sergei Lavrov" in ActorGazetteer(minimal()).actors


@pytest.mark.parametrize("break_it, message", [
    (lambda d: d["people"].append({"name": "Sergei Lavrov"}), "duplicate actor name"),
    (lambda d: d["people"].append({"name": "X Y", "for": ["Atlantis"]}), "unknown actor 'Atlantis'"),
    (lambda d: d["states"].append({"aliases": ["Nowhere"]}), "needs a name"),
    (lambda d: d["states"][0].update(aliases="Russia"), "aliases must be a list"),
    (lambda d: d["people"].append({"name": "A B", "for": [{"actor": "Russia", "from": "soon"}]}), "ISO date"),
    (lambda d: d.pop("context"), "context"),
    (lambda d: d["people"].append({"name": "Xi Jinping", "surname": "Li", "for": ["Russia"]}), "surname must be part"),
    (lambda d: d["organisations"].append({"name": "Duma Club", "chambers": ["Duma"]}), "only states have chambers"),
])
def test_a_broken_gazetteer_names_file_and_entry(break_it, message):
    data = minimal()
    break_it(data)
    with pytest.raises(ResourceError, match="actors.yaml") as info:
        ActorGazetteer(data)
    assert message in str(info.value)


@pytest.mark.parametrize("text, short", [
    ("Halima Osei, the mission's chief negotiator, arrived. Ms Osei said talks would go on.", "Osei"),
    ("Envoy Tomas Ekberg arrived on Monday. Mr. Ekberg said the talks were useful.", "Ekberg"),
    ("Kofi Annan arrived in Geneva. Dr. Annan met both delegations.", "Annan"),
    ("Minister Dalia Okonkwo met the envoys. Minister Okonkwo said talks would resume.", "Okonkwo"),
])
def test_a_title_and_surname_is_the_person_named_in_full_not_a_new_one(text, short):
    mentions = gazetteer().find(text)
    full = mentions[0].actors if mentions[0].person else mentions[1].actors
    later = [m for m in mentions if text[m.start:m.end] == short]
    assert later and all(m.actors == full for m in later)
    assert short not in find_actors(text)


def test_a_surname_before_the_full_name_is_that_person_too():
    text = "Ekberg quits. Special envoy Tomas Ekberg resigned on Monday."
    assert find_actors(text) == ["Tomas Ekberg"]


def test_a_capitalised_title_is_not_part_of_the_name():
    assert find_actors("Prosecutor Fatou Bensouda opened the case.") == ["Fatou Bensouda"]


def test_an_acronym_before_a_title_names_whom_the_person_speaks_for():
    person = [m for m in gazetteer().find("U.N. envoy Halima Osei arrived on Monday.") if m.person]
    assert person and person[0].actors == ("Halima Osei", "United Nations")


def test_a_title_and_surname_shared_by_two_people_stays_apart_from_both():
    text = "Envoy Daniel Okafor spoke. Envoy Grace Okafor disagreed. Mr. Okafor left."
    mentions = gazetteer().find(text)
    last = [m for m in mentions if m.start == text.index("Okafor left")]
    assert last and last[0].actors == ("Okafor",)


@pytest.mark.parametrize("text, person", [
    ("Envoy Ekberg met both delegations on Monday.", "Ekberg"),
    ("President Halvorsen said the truce would hold.", "Halvorsen"),
    ("Chancellor Brandt flew to Moscow.", "Brandt"),
])
def test_one_name_after_a_capitalised_title_is_a_person(text, person):
    assert find_actors(text) == [person]


@pytest.mark.parametrize("text", [
    "General Mills reported higher sales.",          # a firm, not General Mills the officer
    "Chairman Tomas E. Ekberg said sales rose.",     # the name goes on past one word
    "Envoy Negotiator spoke.",                       # a title is no surname
])
def test_a_title_before_a_capitalised_word_is_not_always_a_person(text):
    assert not any(m.person and len(m.actors[0].split()) == 1 for m in gazetteer().find(text))


def test_whom_a_person_speaks_for_found_at_one_mention_holds_at_all_of_them():
    text = "Tomas Ekberg arrived on Monday. U.N. Envoy Ekberg said talks were useful. On Tuesday Ekberg left."
    people = [m.actors for m in gazetteer().find(text) if m.person]
    assert people == [("Tomas Ekberg", "United Nations")] * 3


@pytest.mark.parametrize("text", [
    "He would act if elected President.\nWell, this is the moment to act on Monday.",
    "It is the job of a President. Then he left on Friday.",
])
def test_a_title_that_ends_a_sentence_makes_no_person_of_the_next_word(text):
    assert find_actors(text) == []


def test_two_family_names_alone_are_the_person_named_in_full():
    text = "Envoy Ana María López Obrador arrived on Monday. On Tuesday López Obrador met both sides."
    later = [m for m in gazetteer().find(text) if m.start > text.index("Tuesday")]
    assert later and later[0].actors == ("Ana María López Obrador",)
    assert text[later[0].start:later[0].end] == "López Obrador"


@pytest.mark.parametrize("text, person", [
    ("The talks were chaired by Halima Osei until the death of Tomas Ekberg in May.", "Tomas Ekberg"),
    ("The delegation was led by Halima Osei, a former judge.", "Halima Osei"),
])
def test_a_name_after_led_by_or_the_death_of_is_a_person(text, person):
    assert person in find_actors(text)


def test_a_name_beside_a_person_with_and_between_is_a_person_and_its_full_name_too():
    text = ("Years ago Yohannes Tekle took the hand of Kofi Annan on the lawn. "
            "Later Tekle and Kofi Annan signed the accord.")
    assert find_actors(text) == ["Yohannes Tekle", "Kofi Annan", "United Nations"]


def test_an_opening_word_before_a_full_name_known_from_its_surname_is_left_out():
    text = "Mr. Ekberg flew home. Certainly Tomas Ekberg will return."
    assert find_actors(text) == ["Tomas Ekberg"]


def test_a_titled_name_followed_by_of_a_state_speaks_for_that_state_not_the_one_before_its_title():
    text = "The accord was signed by President Amadou Sall of Senegal and Prime Minister Jorge Vieira of Portugal."
    people = {m.actors[0]: m.actors[1:] for m in gazetteer().find(text) if m.person}
    assert people == {"Amadou Sall": ("Senegal",), "Jorge Vieira": ("Portugal",)}


@pytest.mark.parametrize("published, expected", [
    (dt.date(1999, 6, 1), ["Kofi Annan", "United Nations"]),
    (dt.date(2007, 1, 20), ["Kofi Annan", "United Nations"]),   # weeks after his term: still told as its holder
    (dt.date(2008, 2, 28), ["Kofi Annan"]),                      # mediating years later: for no one of his past
])
def test_a_former_office_holder_speaks_for_no_one_once_every_office_has_long_ended(published, expected):
    assert find_actors("Kofi Annan said the talks would go on.", published) == expected


_TWO_OFFICES = Actor("Ana Vela", "person", (
    Affiliation("Portugal", dt.date(2001, 1, 1), dt.date(2005, 12, 31)),
    Affiliation("United Nations", dt.date(2010, 3, 1), dt.date(2014, 2, 28)),
))


@pytest.mark.parametrize("day, expected", [
    (dt.date(2003, 5, 1), ("Portugal",)),          # within the first office
    (dt.date(2012, 5, 1), ("United Nations",)),    # within the second: not the first as well
    (dt.date(1998, 5, 1), ()),                     # before any office: none that starts later
    (dt.date(2006, 2, 1), ("Portugal",)),          # weeks after a term (the data's former_after)
    (dt.date(2008, 6, 1), ()),                     # long after the first, before the second
    (dt.date(2014, 6, 1), ("United Nations",)),    # after both: the most recent one only
    (dt.date(2019, 6, 1), ()),
])
def test_a_person_speaks_for_an_office_only_within_it_or_just_after_it(day, expected):
    assert _TWO_OFFICES.speaks_for(day, dt.timedelta(days=365)) == expected


def test_an_office_that_ended_is_kept_only_when_the_data_gives_a_time_after_it():
    assert _TWO_OFFICES.speaks_for(dt.date(2006, 2, 1)) == ()
    assert _TWO_OFFICES.speaks_for(None) == ("Portugal", "United Nations")   # no day: every office


@pytest.mark.parametrize("published, expected", [
    (dt.date(1979, 9, 10), ["Robert Mugabe"]),               # a guerrilla leader: Zimbabwe's government was to come
    (dt.date(1985, 3, 1), ["Robert Mugabe", "Zimbabwe"]),
])
def test_a_leader_does_not_speak_for_the_state_he_governs_only_later(published, expected):
    assert find_actors("Robert Mugabe said the talks would go on.", published) == expected


@pytest.mark.parametrize("text, published, wanted, unwanted", [
    # An office taken after the story's day but held on the event's: the event is the office's.
    ("The new secretary-general, Kofi Annan, takes office on 1 January 1997.", "1996-12-18",
     "United Nations", None),
    # A story told while he governs, of a day before he did: he was not yet his state's.
    ("Robert Mugabe signed the ceasefire in London on 21 December 1979.", "1986-05-02",
     None, "Zimbabwe"),
    # ... but a state the sentence names by a mention of its own stays a party
    ("Robert Mugabe and Zimbabwe signed the ceasefire in London on 21 December 1979.", "1986-05-02",
     "Zimbabwe", None),
])
def test_an_event_s_person_speaks_for_the_offices_held_on_the_event_s_day(text, published, wanted, unwanted):
    from timeline.extract.events import extract_events
    rows = extract_events(text, published)
    assert len(rows) == 1
    actors = list(rows.iloc[0]["actors"])
    assert wanted is None or wanted in actors
    assert unwanted is None or unwanted not in actors


def test_a_person_the_context_finds_with_a_past_office_speaks_for_no_one_at_any_mention():
    # As a person of the gazetteer titled so: whom another mention says they speak for is their past.
    text = ("Former Ghanaian foreign minister Halima Osei chaired the talks. "
            "Halima Osei of Ghana said the talks would go on.")
    people = [m.actors for m in gazetteer().find(text) if m.person]
    assert people == [("Halima Osei",), ("Halima Osei",)]


def test_a_name_written_without_its_accents_is_the_same_person():
    text = "Perez de Cuellar said the truce would hold."
    assert find_actors(text, dt.date(1988, 8, 9)) == ["Javier Pérez de Cuéllar", "United Nations"]


def test_an_acronym_is_the_actor_it_was_defined_for_only_after_brackets_define_it():
    text = "The CMA met on Monday. The Coordination of Azawad Movements (CMA) signed the accord."
    found = [(text[m.start:m.end], m.actors) for m in gazetteer().find(text)]
    assert found == [("Coordination of Azawad Movements", ("Coordination of Azawad Movements",))]


def test_a_gazetteer_name_defined_by_its_own_acronym_stays_the_gazetteer_actor():
    assert find_actors("The National Liberation Army (ELN) attacked a pipeline.") == ["ELN"]


@pytest.mark.parametrize("text", [
    "Opposition leader José Ramos said the talks would resume. Later Jose Ramos told reporters the army "
    "must withdraw first, and Ramos called for calm.",
    "Opposition leader Jose Ramos said the talks would resume. Later José Ramos told reporters the army "
    "must withdraw first, and Ramos called for calm.",
])
def test_a_person_unknown_to_the_gazetteer_written_with_and_without_accents_is_one_person(text):
    """One lane, spelt with the accents whichever spelling comes first; the bare surname is
    that one person's, not left unresolved between two."""
    found = [(text[m.start:m.end], m.actors) for m in gazetteer().find(text) if m.person]
    assert [actors for _, actors in found] == [("José Ramos",)] * 3
    assert sorted(written for written, _ in found) == ["Jose Ramos", "José Ramos", "Ramos"]


def test_a_surname_written_without_its_accents_is_the_person_named_with_them():
    text = "Opposition leader José Ramírez said the talks would resume. Ramirez told reporters the army must withdraw."
    assert [(text[m.start:m.end], m.actors) for m in gazetteer().find(text) if m.person] == \
        [("José Ramírez", ("José Ramírez",)), ("Ramirez", ("José Ramírez",))]


def test_one_spelling_per_name_is_chosen_by_accents_then_code_points_whatever_the_order():
    from timeline.searchfold import one_spelling_per_name

    names = ["Jose Ramos", "José Ramos", "Nguyen Van An", "Nguyễn Văn An", "Ana Ruiz", "Ana Ruíz", "Ána Ruiz"]
    for order in (names, names[::-1]):
        spelling = one_spelling_per_name(order)
        assert {spelling[n] for n in names} == {"José Ramos", "Nguyễn Văn An", "Ana Ruíz"}


def test_an_article_spelling_a_person_with_and_without_accents_gives_one_filter_entry():
    from timeline.extract.events import extract_events
    from timeline.present.filters import facet_values

    text = ("Opposition leader José Ramos met the army chief in the capital on 3 March 2025. "
            "On 5 March 2025 opposition leader Jose Ramos signed a ceasefire with the army chief.")
    actors = facet_values(extract_events(text, "2025-03-06")).actors
    assert "José Ramos" in actors and "Jose Ramos" not in actors


@pytest.mark.parametrize("text, people", [
    ("Prime Ministers Borut Pahor and Lena Okafor signed the arbitration deal.", ["Borut Pahor", "Lena Okafor"]),
    ("Lena Okafor and Borut Pahor signed the arbitration deal.", ["Lena Okafor", "Borut Pahor"]),
    ("The accord was signed by Robert Mugabe and Tendai Mhlanga, the two leaders of the front.",
     ["Robert Mugabe", "Tendai Mhlanga"]),
])
def test_a_full_name_joined_by_and_to_a_person_is_a_person(text, people):
    found = find_actors(text)
    assert all(p in found for p in people)


def test_words_of_english_joined_to_a_person_are_no_person():
    assert find_actors("Kofi Annan and Golden Harvest called for restraint.") == ["Kofi Annan", "United Nations"]


@pytest.mark.parametrize("text, expected", [
    ("The accord was signed by Mireille Tanou, who led the talks.", ["Mireille Tanou"]),
    ("Halvard Oyen, whose party holds the north, signed on Monday.", ["Halvard Oyen"]),
    ("Golden Harvest, whose shares fell, said nothing.", []),
])
def test_a_name_before_who_or_whose_is_a_person(text, expected):
    assert find_actors(text) == expected


def test_a_surname_of_two_people_named_before_is_the_one_named_more_often():
    story = ("Tomas Ekberg, who leads the party, met the envoy. The death of Lena Ekberg, who founded it, "
             "was mourned. {again}Ekberg signed on Monday.")
    found = gazetteer().find(story.format(again="Tomas Ekberg, who spoke first, flew home. "))
    assert [m.actors for m in found if m.how == "surname"] == [("Tomas Ekberg",)]
    # ... each named once: which of them signed is not known.
    assert not [m for m in gazetteer().find(story.format(again="")) if m.how == "surname"]


def test_a_state_something_is_handed_to_takes_part_and_stays_a_place():
    from timeline.extract.events import find_mentions
    text = "Britain will hand sovereignty over the islands to Mauritius. The envoy then flew to Mauritius."
    assert find_actors(text) == ["United Kingdom", "Mauritius"]
    handed, flown = [m for m in find_mentions(text).places if m.place.name == "Mauritius"]
    assert handed.start < text.index("The envoy") < flown.start


def test_a_verb_of_transfer_before_and_gives_no_recipient_to_the_next_clause():
    # "and" opens the delegates' own clause: they flew to Morocco, which nobody was handed.
    assert find_actors("Spain ceded the fort and the delegates flew to Morocco.") == ["Spain"]
    assert find_actors("Spain ceded the fort to Morocco.") == ["Spain", "Morocco"]


@pytest.mark.parametrize("text, person", [
    ("Yesterday Mariam Tesfaye and Kofi Annan met in Lima.", "Mariam Tesfaye"),
    ("Meanwhile Halvard Oyen and Kofi Annan met in Lima.", "Halvard Oyen"),
])
def test_a_sentence_s_opening_word_is_not_part_of_a_name_joined_to_a_person(text, person):
    people = [m.actors[0] for m in gazetteer().find(text) if m.person]
    assert people == [person, "Kofi Annan"]


def test_a_relative_pronoun_of_people_counts_however_it_is_capitalised():
    # A headline in title case capitalises the pronoun too.
    text = "Halvard Oyen, Who Led the Northern Rebels, Dies at 80"
    assert [m.actors[0] for m in gazetteer().find(text) if m.person] == ["Halvard Oyen"]
    # ... but a word in capitals is an acronym, no pronoun: it makes no person of the name before it
    assert not [m for m in gazetteer().find("Halvard Oyen, WHO and UNICEF sent teams to the north.") if m.person]


@pytest.mark.parametrize("endings", [["th", 4], "th", ["TH"], ["1st"]])
def test_the_endings_of_an_ordinal_day_are_validated_at_load(endings):
    data = minimal()
    data["context"]["day_ordinal_endings"] = endings
    with pytest.raises(ResourceError, match="day_ordinal_endings"):
        ActorGazetteer(data)



def test_a_court_named_in_full_once_is_the_court_the_story_names_after():
    text = ("Norway and Iceland asked the International Court of Justice in 2019 to draw their fishing line.\n\n"
            "Fishermen in both countries have waited for years. Trawlers still crowd the banks each spring, "
            "and prices have fallen twice.\n\n"
            "Iceland filed its written pleadings with the court in March. The court's judges heard both "
            "sides in June, and the world court will rule on Thursday.")
    short = [(text[m.start:m.end], m.actors) for m in gazetteer().find(text) if m.how == "short_name"]
    assert short == [("the court", ("International Court of Justice",)), ("The court", ("International Court of Justice",)),
                     ("the world court", ("International Court of Justice",))]


def test_a_council_named_in_full_once_is_the_council_the_story_names_after():
    text = ("The United Nations Security Council met on Monday to hear the envoy.\n\n"
            "The Council will vote on the text on Friday, and the council's president will read it.")
    short = [m.actors for m in gazetteer().find(text) if m.how == "short_name"]
    assert short == [("United Nations Security Council",)] * 2


@pytest.mark.parametrize("text", [
    # No court named before: "the court" stands for no one.
    "Lawyers for the two fishermen said the court would rule on Thursday.",
    # A court named only after it is not yet named.
    "The court will rule on Thursday, a month after Iceland went to the International Court of Justice.",
    # The phrase opening another court's own name is not its short name.
    "The International Court of Justice sat in June; the Court of Arbitration for Sport sat in July.",
    # ... after "of the" too (body_name_links).
    "The International Court of Justice sat in June; the Court of the Baltic Ports sat in July.",
    # A council is not a court: each short name stands for a body named with its own word.
    "The International Court of Justice sat in June, and the council met in July.",
])
def test_the_court_is_no_one_when_no_court_was_named_before_or_a_name_goes_on(text):
    assert not [m for m in gazetteer().find(text) if m.how == "short_name"]


@pytest.mark.parametrize("short", [{"The court": "court"}, {"the court": "judge"}, ["the court"]])
def test_a_body_s_short_names_are_validated_at_load(short):
    data = minimal()
    data["context"]["body_short_names"] = short
    with pytest.raises(ResourceError, match="body_short_names"):
        ActorGazetteer(data)


def _pronoun_actors(text: str, opening: str) -> list[str]:
    """The actors of the sentence of `text` opening with `opening`, read with the one before it."""
    from timeline.extract.events import find_mentions
    from timeline.extract.sentences import split_sentences

    sentences = split_sentences(text)
    k = next(i for i, s in enumerate(sentences) if s.text.startswith(opening))
    return find_mentions(text).actors_of(sentences[k], sentences[k - 1])


def test_a_bare_he_of_a_profile_is_the_person_the_piece_is_about():
    body = ("Hugo Banzer died on Monday in Santa Cruz. Mr. Banzer ruled Bolivia twice.\n\n"
            "When he lost the vote of 1978, he praised Augusto Pinochet in a speech. "
            "He returned to power in 1997 after an election.\n")
    profile = "Hugo Banzer, Bolivian general who ruled twice, dies at 75\n\n" + body
    assert _pronoun_actors(profile, "He returned")[:2] == ["Hugo Banzer", "Bolivia"]
    # Without a headline naming him the piece is about no one: the last person named.
    assert _pronoun_actors("Obituaries\n\n" + body, "He returned")[:1] == ["Augusto Pinochet"]
    # A sentence opening with another person's name makes him the "he" of the next.
    told = profile.replace("When he lost the vote of 1978, he praised Augusto Pinochet in a speech.",
                           "Augusto Pinochet sent him an envoy in 1978.")
    assert _pronoun_actors(told, "He returned")[:1] == ["Augusto Pinochet"]
