"""Event types: every example of the vocabulary, cue priorities, the cue nearest the date, and
quotations; the vocabulary is validated at load."""
from __future__ import annotations

import copy

import pytest

from timeline.datafiles import load_yaml
from timeline.errors import ResourceError
from timeline.extract.event_types import REQUIRED_TYPES, EventTypeVocabulary, classify, vocabulary


@pytest.mark.parametrize("sentence, timex, expected", vocabulary().examples, ids=lambda v: str(v)[:40])
def test_event_type_examples_of_the_vocabulary(sentence, timex, expected):
    start = sentence.index(timex)
    assert classify(sentence, start, start + len(timex)).event_type == expected


def test_the_vocabulary_has_every_required_type():
    assert set(REQUIRED_TYPES) <= set(vocabulary().types)


def classify_at(sentence: str, timex: str) -> str:
    start = sentence.index(timex)
    return classify(sentence, start, start + len(timex)).event_type


@pytest.mark.parametrize("sentence, timex, expected", [
    ("The mediators suspended the talks on Monday.", "Monday", "suspension"),
    ("Talks would resume on Monday.", "Monday", "resumption"),
    ("The ministers are scheduled to meet on Monday.", "Monday", "meeting"),
    ("The spokesman told reporters on Monday that the situation was calm.", "Monday", "statement"),
    ("Warplanes carried out airstrikes on Monday.", "Monday", "military"),
    ("Militants took down an airliner on Monday.", "Monday", "attack"),
    ("Twelve people were killed on Monday.", "Monday", "casualties"),
    ("The first aid convoy reached the town on Monday.", "Monday", "humanitarian"),
    ("The council adopted a resolution on Monday.", "Monday", "resolution"),
    ("The two sides signed an agreement on Monday.", "Monday", "agreement"),
    ("A truce took effect on Monday.", "Monday", "ceasefire"),
    ("The weather on Monday was fine.", "Monday", "other"),
])
def test_each_type_has_its_cue(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_the_cue_nearest_the_date_weighs_more():
    sentence = "Ministers met on Monday, and the army launched airstrikes on Friday."
    assert classify_at(sentence, "Monday") == "meeting"
    assert classify_at(sentence, "Friday") == "military"


def test_cues_inside_a_quotation_count_less_than_the_saying():
    sentence = "The spokesman said Wednesday: “Airstrikes on civilians must end.”"
    assert classify_at(sentence, "Wednesday") == "statement"


def test_cue_words_are_whole_words():
    assert classify_at("The meetinghouse stood empty on Monday.", "Monday") == "other"


def minimal_types() -> list[dict]:
    return [{"name": t, "priority": 1, "cues": [t], "examples": [[f"{t} on Monday", "Monday"]]}
            for t in REQUIRED_TYPES]


def fresh_data() -> dict:
    """event_types.yaml's data to change: a deep copy, as load_yaml's parse is cached and shared."""
    return copy.deepcopy(load_yaml("event_types.yaml"))


def required_lists() -> dict[str, list[str]]:
    """The word lists every vocabulary needs, one word each."""
    return {"content_introducers": ["said"], "that_clause_verbs": ["reported"], "consequence_words": ["killing"],
            "object_verbs": ["welcomed"], "relative_pronouns": ["which"], "aside_participle_endings": ["ing"]}


def test_a_minimal_vocabulary_loads():
    assert EventTypeVocabulary({"types": minimal_types(), **required_lists()}).types == REQUIRED_TYPES


@pytest.mark.parametrize("break_it, message", [
    (lambda t: t.pop(0), "lacks the types"),
    (lambda t: t.append(dict(t[0])), "duplicate type"),
    (lambda t: t[0].update(priority="high"), "numeric priority"),
    (lambda t: t[0].update(cues=["sus*pend"]), "'*' only at a word's end"),
    (lambda t: t[0].update(examples=[["talks on Monday", "Friday"]]), "time expression in it"),
    (lambda t: t[0].pop("examples"), "needs examples"),
])
def test_a_broken_vocabulary_names_file_and_entry(break_it, message):
    types = minimal_types()
    break_it(types)
    with pytest.raises(ResourceError, match="event_types.yaml") as info:
        EventTypeVocabulary({"types": types, **required_lists()})
    assert message in str(info.value)


@pytest.mark.parametrize("extra, key", [
    # the opener and one word at least: one word would make a pattern that silently matches nothing
    ({"apposition": {"openers": ["the"], "words": 1}}, "apposition.words"),
    ({"apposition": {"openers": ["the"], "words": True}}, "apposition.words"),
    ({"head_of_date": {"words": ["of"], "gap": -1}}, "head_of_date"),
    ({"head_of_date": {"words": ["of"], "gap": True}}, "head_of_date"),
])
def test_the_counts_of_the_apposition_and_the_head_of_a_date_are_checked_at_load(extra, key):
    lists = required_lists()
    with pytest.raises(ResourceError, match="event_types.yaml") as info:
        EventTypeVocabulary({"types": minimal_types(), **lists, **extra})
    assert key in str(info.value)


def test_a_verb_to_inflect_is_a_cue_in_every_form_and_a_written_cue_keeps_its_own_type():
    data = fresh_data()
    for entry in data["types"]:
        if entry["name"] == "military":
            entry["inflect"] = ["withdraw", "clash"]
        if entry["name"] == "statement":
            entry["inflect"] = []
    inflected = EventTypeVocabulary(data)
    # the forms the data never wrote ("withdraws", "clashing") are cues of the verb's type
    assert inflected.classify("The army withdraws from the valley on Monday.", 36, 45).event_type == "military"
    assert inflected.classify("Gangs were clashing near the port on Monday.", 34, 43).event_type == "military"
    # "withdrew from the talks" is written as a suspension cue: the inflection does not take it
    assert inflected.classify("The envoy withdrew from the talks on Monday.", 34, 43).event_type == "suspension"
    for entry in data["types"]:
        entry.pop("inflect", None)
    plain = EventTypeVocabulary(data)
    assert plain.classify("The army withdraws from the valley on Monday.", 36, 45).event_type == "other"


@pytest.mark.parametrize("sentence, timex, expected", [
    ("The border war between the two states had ended in June 2000.", "in June 2000", "military"),
    # "since" introduces what the date is reckoned from: a war there is no cue of the reopening
    ("The crossing reopened on Tuesday for the first time since the war.", "on Tuesday", "other"),
    ("Families divided by the war were reunited on Tuesday.", "on Tuesday", "military"),
])
def test_a_war_named_alone_is_military_only_in_the_dates_own_words(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_an_own_clause_only_cue_has_no_stem():
    types = minimal_types()
    types[0]["cues"] = [{"cue": "war*", "own_clause_only": True}]
    with pytest.raises(ResourceError, match="own_clause_only"):
        EventTypeVocabulary({"types": types, **required_lists()})


@pytest.mark.parametrize("verbs", [["talksy"], ["Withdraw"], "withdraw"])
def test_a_verb_to_inflect_must_be_a_lower_case_verb_lemminflect_knows(verbs):
    types = minimal_types()
    types[0]["inflect"] = verbs
    with pytest.raises(ResourceError, match="inflect"):
        EventTypeVocabulary({"types": types, **required_lists()})


def test_an_undated_object_verb_must_be_one_of_the_object_verbs():
    lists = {**required_lists(), "undated_object_verbs": ["welcomed", "hailed"]}
    with pytest.raises(ResourceError, match="event_types.yaml") as info:
        EventTypeVocabulary({"types": minimal_types(), **lists})
    assert "undated_object_verbs" in str(info.value)


@pytest.mark.parametrize("sentence, timex, published, expected", vocabulary().planned_examples,
                         ids=lambda v: str(v)[:40])
def test_a_planned_date_is_not_the_date_of_a_past_saying(sentence, timex, published, expected):
    from timeline.extract.events import extract_events

    events = extract_events(sentence, published=published)
    rows = [r for r in events.to_dict("records") if r["timex_text"] in timex]
    assert [r["event_type"] for r in rows] == [expected]


def test_a_contrast_after_the_date_tells_another_event():
    sentence = "The negotiations began in Lima in May 2021 but stalled two months later."
    assert classify_at(sentence, "May 2021") == "talks"
    assert classify_at(sentence, "two months later") == "suspension"


def test_an_agreement_far_from_a_truce_stays_an_agreement():
    sentence = "The parties signed the agreement on Monday, months after the truce of the spring had failed."
    assert classify_at(sentence, "Monday") == "agreement"


def test_a_list_before_the_date_is_no_other_clause():
    sentence = "The ministers met in Geneva, Vienna, and Paris on Monday."
    assert classify_at(sentence, "Monday") == "meeting"


def test_agreeing_to_a_truce_on_a_date_is_the_truce_but_an_undated_lede_is_the_agreement():
    assert classify_at("The rivals agreed on Friday to a truce in the north.", "on Friday") == "ceasefire"
    # read without a date of its own (an undated lede): the agreement the article tells later
    lede = "The rivals have agreed to a permanent truce in the north."
    assert classify(lede, 0, 0, by_distance=False).event_type == "agreement"


@pytest.mark.parametrize("sentence, expected", [
    ("The secretary-general welcomed the accord as an important step.", "statement"),
    ("The envoy called the signing a rare success.", "statement"),
    # "calls" may be a noun: its object stays the event
    ("Russia has ignored calls for a cease-fire.", "ceasefire"),
])
def test_the_object_of_a_verb_of_judging_is_its_topic_in_a_sentence_without_a_date(sentence, expected):
    assert classify(sentence, 0, 0, by_distance=False).event_type == expected


def test_in_a_sentence_without_a_date_every_introducer_opens_what_it_introduces():
    # the clause of "after" comes first; what "said" introduces is still what was said
    sentence = "Talking to the press after the ceremony, Ms. Lindqvist said the treaty was a fair one."
    assert classify(sentence, 0, 0, by_distance=False).event_type == "statement"
    # with a date of its own, the date's clause decides as before
    assert classify_at("The two ministers signed the treaty on Monday, the spokesman said.", "on Monday") == "agreement"


def test_in_a_sentence_without_a_date_a_subordinate_clause_ends_at_its_comma():
    # "after the signing" is the circumstance; the main clause's saying is the event
    sentence = "Talking to the press after the signing, the minister said that the accord would hold."
    assert classify(sentence, 0, 0, by_distance=False).event_type == "statement"


def test_subordinators_must_be_content_introducers():
    data = {**load_yaml("event_types.yaml"), "subordinators": ["meanwhile"]}
    with pytest.raises(ResourceError, match="subordinators"):
        EventTypeVocabulary(data)


@pytest.mark.parametrize("sentence, timex, expected", [
    # a people's vote on a text is a vote, "other" as an election is
    ("Citizens endorsed the peace accord in a plebiscite on 2 October.", "on 2 October", "other"),
    ("The president put the treaty to a referendum on 9 May.", "on 9 May", "other"),
    # a cabinet's approval is a ratification, still the agreement
    ("The cabinet approved the treaty on 9 May.", "on 9 May", "agreement"),
    # a prize for a peace is the prize
    ("The two leaders received the Nobel Peace Prize in December for the accord.", "in December", "other"),
])
def test_a_popular_vote_or_a_prize_is_not_the_text_it_is_about(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


@pytest.mark.parametrize("sentence, timex, expected", [
    # the participle set off by commas is the setting; the main verb is the event
    ("On Monday, the three ministers, meeting in the capital, accepted the mediators' plan.", "On Monday", "agreement"),
    ("In May, during a state visit to the capital, the two leaders signed a border treaty.", "In May", "agreement"),
    # without the commas the meeting is the event
    ("On Monday the three ministers were meeting in the capital to review the plan.", "On Monday", "meeting"),
])
def test_an_aside_in_ing_describes_the_setting_not_the_event(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_the_words_that_open_a_relative_clause_or_an_aside_are_data():
    vocabulary_of = lambda **lists: EventTypeVocabulary({"types": minimal_types(), **required_lists(), **lists})
    # only the data's pronoun opens a relative clause, only the data's ending an aside
    only_which = vocabulary_of(relative_pronouns=["which"], aside_participle_endings=["ing"])
    assert only_which.relative.search("the port, which the army holds")
    assert not only_which.relative.search("the envoy, who met them")
    assert only_which.aside.search("the ministers, meeting in the capital, agreed")
    assert not only_which.aside.search("the plan, drafted in the capital, held")
    # a capitalised word or an empty list would make a pattern that silently misses every clause
    for key, words in (("relative_pronouns", ["Who"]), ("relative_pronouns", []), ("aside_participle_endings", ["-ed"])):
        with pytest.raises(ResourceError, match="event_types.yaml") as info:
            vocabulary_of(**{key: words})
        assert key in str(info.value)


@pytest.mark.parametrize("sentence, timex, expected", [
    # a person who died is no casualty of the war
    ("The old mediator died in March, before the talks resumed.", "in March", "other"),
    ("She died when her car left the road on 3 May.", "on 3 May", "other"),
    # people counted dead are
    ("Some 300 people died in the province in May.", "in May", "casualties"),
    ("At least 40 civilians have died since Monday.", "since Monday", "casualties"),
])
def test_a_person_who_died_is_other_people_counted_dead_are_casualties(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


@pytest.mark.parametrize("sentence, timex, expected", [
    # the noun a relative clause is about is the subject of the clause's event
    ("The truce, which took hold on Monday, has mostly held.", "on Monday", "ceasefire"),
    # a cue further back in the main clause is still not the clause's
    ("The truce held in the town, which the army had shelled on Monday.", "on Monday", "military"),
])
def test_the_noun_before_a_relative_clause_is_the_subject_of_its_event(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_plural_agreements_and_deals_are_agreements():
    assert classify_at("The civil wars ended with negotiated agreements in 1994 and 1998.", "in 1994") == "agreement"
    assert classify_at("The two rounds produced deals on trade in May.", "in May") == "agreement"


def test_a_government_overthrown_by_force_is_military():
    assert classify_at("The elected president was overthrown by the army in June 1971.", "in June 1971") == "military"


def test_an_adverb_of_a_later_time_after_the_date_tells_a_later_event():
    assert classify_at("Direct negotiations opened in the capital in May 1990 and soon stalled.", "in May 1990") == "talks"
    assert classify_at("The negotiations stalled in May 1990.", "in May 1990") == "suspension"


def test_the_participle_spoken_is_a_saying_or_a_call():
    assert classify_at("The two presidents had spoken by telephone on Friday.", "on Friday") == "talks"
    assert classify_at("10:40 - The foreign minister has spoken in the chamber.", "10:40") == "statement"


@pytest.mark.parametrize("sentence, timex, expected", [
    # a preposition before the relative pronoun opens a relative clause too: the date inside it is its own
    ("The leader will stay on for talks with the king, with whom he has disagreed since 2015.", "since 2015", "other"),
    # ... and, set off by commas, the clause describes its noun, not the event of the date outside it
    ("Shelling around the bridge, over which most of the convoys travel, grew heavier on Friday.", "on Friday", "military"),
    # without the preposition, as before
    ("The leader will stay on for talks with the king, who has been ill since 2015.", "since 2015", "other"),
])
def test_a_relative_clause_may_open_with_a_preposition(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_a_protocol_is_a_text_agreed_as_an_accord_is():
    assert classify_at("The guarantors of the Vienna Protocol of 1921 keep their role.", "1921") == "agreement"
    # the object of a verb of judging, as an accord is: the judging is the event
    assert classify_at("The rebels rejected the protocol on Monday.", "on Monday") == "statement"


def test_a_state_declaring_its_independence_is_politics_not_a_saying():
    assert classify_at("The province declared its independence in May 1993.", "in May 1993") == "other"
    assert classify_at("The province declared a state of emergency in May 1993.", "in May 1993") == "statement"


@pytest.mark.parametrize("sentence, timex, expected", [
    # a span of time counted from an event dates that event
    ("The general met the envoy on Friday, three days after he took office.", "three days", "other"),
    ("The two leaders signed a border accord a year after their armies clashed on the river.", "a year", "military"),
    ("Talks opened in the capital two weeks before the truce took effect.", "two weeks", "ceasefire"),
    # a day, not a span: the sentence's own event
    ("The envoy flew in on Friday after the general took office.", "on Friday", "meeting"),
    ("The two leaders signed a border accord last year after their armies clashed.", "last year", "agreement"),
])
def test_a_span_counted_from_an_event_dates_that_event(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


@pytest.mark.parametrize("sentence, timex, expected", [
    # the noun before "of" and the date is the date's event
    ("The crisis began after the vote of 3 May, when the opposition cried fraud.", "3 May", "other"),
    ("The council created by the peace treaty of 1921 was dissolved in 1936.", "1921", "agreement"),
    ("Families still mourn the border clashes of 4 June.", "4 June", "military"),
    # a noun that is no cue is part of the date: the sentence's cues decide
    ("The rebels walked out of the talks in the early hours of Friday.", "Friday", "suspension"),
])
def test_the_noun_before_of_and_a_date_is_its_event(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_a_titles_dot_ends_no_clause():
    # the object of "welcomed" is read past "Dr.": the welcoming is the event
    assert classify_at("On Monday in the capital, Dr. Lind welcomed the accord.", "On Monday") == "statement"
    assert classify_at("On Monday in the capital, Lind welcomed the accord.", "On Monday") == "statement"


def test_calling_is_a_saying_as_called_is():
    assert classify_at("Two ministers issued statements on Monday calling for a truce.", "on Monday") == "statement"
    assert classify_at("Rebel leaders were calling the accord a betrayal on Monday.", "on Monday") == "statement"


@pytest.mark.parametrize("sentence, timex, expected", [
    # an apposition after a name describes the person: the saying is the event
    ("09:30 Omar Diallo, the leader of the army delegation, spoke for an hour.", "09:30", "statement"),
    ("Omar Diallo, a veteran of many negotiations, spoke on Friday.", "on Friday", "statement"),
    # without the commas the noun is the sentence's own
    ("The army delegation arrived in the capital on Friday.", "on Friday", "meeting"),
])
def test_an_apposition_after_a_name_describes_the_person(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_what_a_happening_went_without_did_not_happen():
    assert classify_at("The second deadline went by without a treaty, and the mediator travelled to both capitals"
                       " in June.", "in June") == "meeting"
    # a round that ended without agreement is failed talks, as before
    assert classify_at("The round ended without agreement on Monday.", "on Monday") == "talks"


def test_a_titles_dot_does_not_end_an_aside():
    # ", meeting Mr. Dunn at the palace," describes the envoys: their act is the speaking
    assert classify_at("The envoys, meeting Mr. Dunn at the palace, spoke to reporters on Monday.",
                       "on Monday") == "statement"


def test_a_noun_before_of_and_a_date_past_a_comma_is_not_the_date_s_head():
    # ", most of Monday" measures the time of the signing; the shelling is not the date's event
    assert classify_at("The envoys signed the accord amid shelling, most of Monday.", "Monday") == "agreement"


def test_an_initials_or_a_titles_dot_does_not_end_a_relative_clause():
    # the date is inside the relative clause: the clause's event, not the main clause's
    assert classify_at("The council lifted the trade ban, which President John F. Dunn imposed in May 1962, a year"
                       " after the two states broke off relations.", "in May 1962") == "other"
    assert classify_at("The council lifted the trade ban, which Mr. Dunn imposed in May 1962, a year after the two"
                       " states broke off relations.", "in May 1962") == "other"


@pytest.mark.parametrize("sentence, timex, expected", [
    # a chamber or a cabinet approving a text is its ratification, whatever sitting it happens at
    ("The assembly is due to approve the accord at a sitting on Thursday, an aide said.", "on Thursday", "agreement"),
    ("Lawmakers in the capital will vote on it next month.", "next month", "agreement"),
    # ... but approving a law is lawmaking
    ("The assembly is due to approve a new budget law on Thursday.", "on Thursday", "other"),
])
def test_a_chamber_approving_a_text_is_its_ratification(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


@pytest.mark.parametrize("sentence, timex, expected", [
    # a peace conference, or a conference told as opening, is a sitting of a negotiation
    ("The conference opened at the old town hall on 4 June.", "on 4 June", "talks"),
    ("The peace conference between the rival factions was held in the port city last week.", "last week", "talks"),
    # a gathering that negotiates nothing stays a meeting, opening or not
    ("The donors' conference opened in the capital on 4 June.", "on 4 June", "meeting"),
    ("A review conference opened in the capital in May.", "in May", "meeting"),
    ("Ministers attended the conference on 4 June.", "on 4 June", "meeting"),
])
def test_a_negotiating_conference_is_talks_a_gathering_a_meeting(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


@pytest.mark.parametrize("sentence, timex, expected", [
    # the parties of a negotiation, or its standing bodies, meeting: a sitting of the negotiation
    ("The two sides met again at the border post on Tuesday.", "on Tuesday", "talks"),
    ("Both sides will meet in the lakeside town next week.", "next week", "talks"),
    ("The contact group met in the capital in March.", "in March", "talks"),
    # alone, the words name no event: the sentence's other cues, or none, decide
    ("Crowds cheered the flags of both sides in the square on Tuesday.", "on Tuesday", "other"),
    ("Shelling hit villages on both sides on Tuesday.", "on Tuesday", "military"),
])
def test_the_two_sides_meeting_is_talks(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_a_compound_only_cue_must_say_true():
    data = fresh_data()
    talks = next(t for t in data["types"] if t["name"] == "talks")
    talks["cues"].append({"cue": "two sides", "compound_only": "yes"})
    with pytest.raises(ResourceError, match="compound_only"):
        EventTypeVocabulary(data)


@pytest.mark.parametrize("sentence, timex, expected", [
    # the talks are the subject: the text they led to is no event of the date
    ("The negotiations that led to the pact opened in the lakeside town in March.", "in March", "talks"),
    ("The talks that produced the treaty began last spring.", "last spring", "talks"),
    # the text itself signed on the date stays the agreement
    ("The treaty was signed last spring after long talks.", "last spring", "agreement"),
])
def test_the_talks_that_produced_a_text_are_the_talks(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


def test_a_call_told_as_a_telephone_talk_or_conversation_is_talks():
    assert classify_at("Late on Friday the two leaders held a telephone talk lasting half an hour.",
                       "Late on Friday") == "talks"
    assert classify_at("The premier had a phone conversation with his neighbour on Monday.", "on Monday") == "talks"


@pytest.mark.parametrize("sentence, timex, expected", [
    # a court's ruling announced is the ruling, not a saying
    ("The panel of judges announced its verdict in the border case on Monday.", "on Monday", "other"),
    ("Crowds gathered on Monday after the announcement of the ruling in the boundary dispute.", "on Monday", "other"),
    # a government announcing something is still a saying
    ("The government announced new measures on Monday.", "on Monday", "statement"),
])
def test_a_ruling_announced_is_the_ruling(sentence, timex, expected):
    assert classify_at(sentence, timex) == expected


@pytest.mark.parametrize("written, is_cue", [
    ("cease-fire", True), ("cease fire", True), ("cease - fire", True), ("cease\n  fire", True),
    ("cease" + " " * 40 + "fire", False),   # a gap this wide is layout, not one phrase
])
def test_a_cue_of_several_words_takes_a_hyphen_or_a_few_spaces_between_them(written, is_cue):
    import re

    from timeline.extract.event_types import cue_pattern

    assert (re.fullmatch(cue_pattern("cease fire"), written) is not None) is is_cue


@pytest.mark.parametrize("sentence, timex, expected, wide", [
    # the head of a date ("the elections of September 1992") names its event: "other", not the
    # resumption the sentence goes on to tell
    ("The rebels rejected the results of the elections of{gap}September 1992, and the war resumed.",
     "September 1992", "other", "resumption"),
    # a date inside what was agreed ("agreed to hold an election by March") dates that content
    ("The two parties agreed{gap}to hold a general election by the end of March.", "March", "other", "agreement"),
])
def test_a_line_break_and_indent_is_read_as_a_space_but_a_wide_gap_is_not(sentence, timex, expected, wide):
    # bounded whitespace, the house form: one to three characters join two words of a phrase
    assert classify_at(sentence.format(gap="\n  "), timex) == expected
    assert classify_at(sentence.format(gap=" " * 40), timex) == wide


def test_the_articles_of_the_event_types_are_the_discourse_s(monkeypatch):
    # "the elections of the September vote", "meeting on Monday to a truce": the articles read
    # after "of" and "to" are discourse.yaml's, so an article added there reaches these rules too
    import importlib

    discourse = importlib.import_module("timeline.extract.discourse.rules")   # (the package's `rules` is a function)

    english = EventTypeVocabulary(fresh_data())
    monkeypatch.setattr(discourse, "definite_articles", lambda: frozenset({"the", "le"}))
    monkeypatch.setattr(discourse, "articles", lambda: frozenset({"the", "a", "an", "le"}))
    french_too = EventTypeVocabulary(fresh_data())
    assert english._head_of_date_words.search("the elections of le ") is None
    assert french_too._head_of_date_words.search("the elections of le ") is not None
    assert english._purpose.match(" to le") is not None and french_too._purpose.match(" to le") is None


def test_what_follows_to_after_a_verb_of_agreeing_is_content_unless_a_listed_determiner_opens_it():
    def built(determiners=None):
        data = fresh_data()
        return EventTypeVocabulary(data if determiners is None else {**data, "complement_determiners": determiners})

    listed = load_yaml("event_types.yaml")["complement_determiners"]
    assert built()._complement.search("agreed to their demands") is None
    assert built([w for w in listed if w != "their"])._complement.search("agreed to their demands") is not None
    with pytest.raises(ResourceError, match="complement_determiners"):
        built(["The"])
