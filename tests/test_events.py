"""Events from articles: the seed's nine events, our own test articles scored against their gold
files, the rules' examples, and the committed seed events kept in step with the extractor."""
from __future__ import annotations

import csv
import json
import pathlib

import pandas as pd
import pytest

import timeline
from timeline.present import exports
from timeline import schema
from timeline.errors import InputError
from timeline.datafiles import load_yaml
from timeline.extract.events import extract_document, extract_events, extract_file
from timeline.extract.status import cues as status_cues

from article_scores import articles_by_role, date_matches, held_out_articles, named, rows_containing
from held_out_misses import HELD_OUT_MISSES

REPO = pathlib.Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "articles"
SHARED_SEED_GOLD = REPO.parent / "shared" / "eval" / "seed_gold.json"
SEED_PUBLISHED = "2016-02-03"
INHERIT_EXAMPLES = load_yaml("event_types.yaml")["events"]["inherit_examples"]

# The seed's nine events (our own fact list; ../shared/eval/seed_gold.json says the same, and is
# checked too when it is there). anchor, start, end, status, actors that must be there, places.
SEED_EVENTS = [
    ("formally suspended faltering peace talks in Geneva Wednesday", "2016-02-03", "2016-02-03", "occurred",
     "suspension", ["United Nations"], ["Geneva"]),
    ("Syrian airstrikes in northwest Aleppo", "2016-01-27", "2016-02-03", "occurred", "military",
     ["Russia", "Syria"], ["Aleppo"]),
    ("since Russia opened its air campaign last September", "2015-09-01", "2015-09-30", "occurred", "military",
     ["Russia"], []),
    ("John Kirby added Wednesday", "2016-02-03", "2016-02-03", "occurred", "statement",
     ["John Kirby", "United States"], []),
    ("The ISSG is scheduled to meet in Munich on Feb. 11", "2016-02-11", "2016-02-11", "planned", "meeting",
     ["ISSG"], ["Munich"]),
    ("took down a Russian airliner over the Sinai late last year", "2015-09-01", "2015-12-31", "occurred", "attack",
     ["Islamic State", "Russia"], ["Sinai"]),
    ("the talks would resume on Feb. 25", "2016-02-25", "2016-02-25", "planned", "resumption",
     ["Staffan de Mistura"], []),
    ("Last week, de Mistura said", "2016-01-25", "2016-01-31", "occurred", "statement", ["Staffan de Mistura"], []),
    ("by Monday, he had shifted gears", "2016-02-01", "2016-02-01", "occurred", "statement",
     ["Staffan de Mistura"], []),
]


@pytest.fixture(scope="module")
def seed_events(seed_text: str) -> pd.DataFrame:
    return extract_events(seed_text, published=SEED_PUBLISHED, doc_id="000_37ce115855780b04")


# The seed ------------------------------------------------------------------------------------
@pytest.mark.parametrize("anchor, start, end, status, event_type, actors, places", SEED_EVENTS,
                         ids=[e[0][:40] for e in SEED_EVENTS])
def test_seed_event_has_its_date_status_type_actors_and_places(seed_events, seed_text, anchor, start, end, status,
                                                               event_type, actors, places):
    rows = rows_containing(seed_events, seed_text, anchor)
    right = [r for r in rows if r["date_start"] == pd.Timestamp(start) and r["date_end"] == pd.Timestamp(end)]
    assert right, f"no row dated {start}..{end} for {anchor!r}: {[(r['date_start'], r['timex_text']) for r in rows]}"
    row = right[0]
    assert row["status"] == status
    assert row["event_type"] == event_type
    assert set(actors) <= set(row["actors"])
    assert set(places) <= set(row["locations"])


@pytest.mark.skipif(not SHARED_SEED_GOLD.exists(), reason="../shared/eval is not beside this checkout")
def test_seed_matches_the_shared_gold_file(seed_events, seed_text):
    gold = json.loads(SHARED_SEED_GOLD.read_text())
    for event in gold["events"]:
        rows = [r for r in rows_containing(seed_events, seed_text, event["anchor"])
                if date_matches(r, event["start"], event["end"], event["gran"])]
        assert rows, event["anchor"]
        assert rows[0]["status"] == event["status"]
        assert all(named(a, rows[0]["actors"]) for a in event["actors"])
        assert all(named(p, rows[0]["locations"]) for p in event["locations"])


def test_seed_rows_name_the_resolution_rule_and_sentence_offsets(seed_events, seed_text):
    for row in seed_events.to_dict("records"):
        assert seed_text[row["char_start"]:row["char_end"]] == row["sentence"]
        assert seed_text[row["timex_start"]:row["timex_end"]] == row["timex_text"]
        assert "->" in row["date_rule"]
        assert 0.0 < row["confidence"] <= 1.0
    wednesday = seed_events[seed_events["timex_text"] == "Wednesday"].iloc[0]
    assert wednesday["date_rule"] == "Wednesday -> publication day 2016-02-03"


def test_seed_has_no_event_for_now(seed_events):
    assert "now" not in set(seed_events["timex_text"].str.lower())


# Our own articles: each gold written before the extractor first ran on it (first scores: README) --------
GOLD_FILES = sorted(ARTICLES.glob("*.gold.json"))
# The pooled ratchet below scores training and validation articles only: held-out batches are
# measured by the integrator, before and after a session's rules (tests/articles/batches.yaml).
RATCHET_FILES = [p for p in GOLD_FILES if p.name.removesuffix(".gold.json") not in held_out_articles()]
# Dates the tagger (issue 2) resolves wrongly today: kept visible here, not hidden.
KNOWN_TAGGER_GAPS: dict[tuple[str, str], str] = {}
# Gold events of the issue-11 articles the extractor missed on their first run (not found, or
# dated wrongly), keyed by (article file stem, gold anchor), each with why. The gold stays the
# truth: the test xfails strictly, so a fix makes it pass and its entry must then be removed.
# The misses of held-out batches (tests/articles/batches.yaml) live apart, in
# tests/held_out_misses.py: whoever writes rules does not open that file.
KNOWN_MISSES: dict[tuple[str, str], str] = {
    ("burundi_arusha_2000", "Mandela briefs U.N. Security Council on Burundi talks (January)"):
        "a month alone in brackets on a 'Related:' headline line gives no event",
    ("oslo_accords_analysis_2018", "sign the Declaration of Principles"):
        "the next sentence of the same scene, without a time expression, inherits no date",
    ("tashkent_declaration_1966", "he and President Mohammad Ayub Khan of Pakistan signed an agreement"):
        "the signing 'a few hours' before the death 'early today' takes the death's date",
    # The fresh batch (ten articles written for issue 11 after the rules were tuned), first run.
    # The second fresh batch (ten articles written for issue 11 in session 13, gold before any run), first run.
    ("macedonia_ohrid_2001", "The day after it ended, Ahmeti announced that the NLA had disbanded"):
        "'the day after it ended' (an operation's end, 'thirty days' after its start) is no time expression",
    ("bougainville_referendum_2019", "two weeks before Papua New Guinea's own independence"):
        "'two weeks before' an event with no date of its own stays a duration (P2W)",
    ("east_timor_ballot_1999", "At the same hour, the Special Representative of the Secretary-General, Ian Martin, announced the result in Dili"):
        "'at the same hour' as the lede's 'this evening' is no time expression",
    ("east_timor_ballot_1999", "Two local UNAMET staff members were killed in Atsabe on the day of the vote"):
        "'on the day of the vote' is no time expression (the vote was dated 'on Monday' before)",
    ("east_timor_ballot_1999", "in the days since, militias opposed to independence have attacked the Mission's offices in Maliana"):
        "'in the days since' (the vote) is no time expression",
    # The third fresh batch: its one miss ('last until Jan. 9') fixed in session 21 (dates21).
    # The fourth fresh batch (eleven articles written for issue 11 in session 14, gold before any
    # run; listed in tests/articles/batches.yaml), first run.
    ("karabakh_truce_briefing_2020", "\"There will be no Turkish peacekeepers,\" he said"):
        "a quotation at 'the same briefing' (the lede's, on Tuesday) gives no row",
    ("world_briefing_2014", "The deal followed 18 months of secret talks, held mostly in Canada"):
        "'18 months of secret talks' up to the day of the deal is a duration: no row",
    ("rwanda_arusha_encyclopedia_1993", "to be installed within 37 days"):
        "'within 37 days' of a past signing (no date in its sentence) gives no row",
    ("armenia_turkey_analysis_2010", "two days before Armenians mark the anniversary of the 1915 massacres"):
        "'two days before' the coming anniversary is no time expression: the row takes Thursday",
    ("istanbul_talks_liveblog_2022", "Mevlut Cavusoglu, said a meeting of the two foreign ministers could follow"):
        "the entry's row for 'The delegations are expected to ..., and Cavusoglu said' is the plan's (planned talks), not the saying's",
    ("india_pakistan_lahore_1999", "signed a separate memorandum under which each side will notify the other"):
        "an undated sentence after the signing 'on Sunday afternoon' gives no row",
    ("ivory_coast_ouagadougou_2008", "It set out to hold elections within ten months"):
        "'within ten months' of a plan set out a year before gives no row",
    # The sixth fresh batch (ten articles written for issue 11 in session 15, gold before any run;
    # listed in tests/articles/batches.yaml), first run.
    ("libya_geneva_unpress_2020", "Secretary-General António Guterres welcomed the agreement in a statement issued in New York"):
        "an undated reaction in a release dated by its lede's 'today' takes the embargo's '2011' later in the sentence",
    ("cuba_us_thaw_2014", "a year after the two countries broke off relations"):
        "'imposed in February 1962, a year after the two countries broke off relations' gives the month a "
        "year before (February 1961), not the year 1961",
    ("northern_ireland_st_andrews_2006", "On the first morning, the Reverend Ian Paisley walked out of the Fairmont hotel"):
        "'On the first morning' of talks whose third day is the Friday is no time expression: no row",
    ("northern_ireland_st_andrews_2006", "By the evening of the third day the 80-year-old leader of the Democratic Unionist Party had agreed to a plan"):
        "'By the evening of the third day' (the Friday of the next paragraph) is no time expression: no row",
    ("lebanon_doha_analysis_2008", "the opposition began dismantling the tent city it had pitched in downtown Beirut"):
        "'Within hours of the signing' (dated 'last Wednesday' before) gives no date: the row takes 'December 2006' of the relative clause",
    ("lebanon_doha_analysis_2008", "After five days of talks in a hotel, the emir, Sheikh Hamad bin Khalifa Al Thani, announced the deal."):
        "'After five days of talks' ending in the signing 'last Wednesday' is a duration: no row",
    ("peru_ecuador_brasilia_1998", "\"Today there are no winners nor losers; today wins the peace,\" declared Mahuad in his discourse, visibly moved."):
        "'Today' inside a quotation of yesterday's speech is read as the day of publication",
    # The seventh fresh batch (ten articles written for issue 11 in session 16, gold before any
    # run; listed in tests/articles/batches.yaml), first run.
    ("angola_bicesse_wire_1991", "the delegations initialled the text only on May 1"):
        "a bare 'May 1' after 'in April 1990' takes the narrative year 1990, not the publication's 1991",
    # The eighth fresh batch (ten articles written for issue 11 in session 17, gold before any
    # run; listed in tests/articles/batches.yaml), first run.
    ("gambia_ecowas_liveblog_2017", "gave Yahya Jammeh until noon today to hand over power"):
        "a deadline 'until noon today' told in a morning entry is read as occurred, not as still ahead",
    # The ninth fresh batch (ten articles written for issue 11 in session 17, gold before any run;
    # listed in tests/articles/batches.yaml), first run.
    ("ecuador_colombia_rio_group_liveblog_2008", "Daniel Ortega says Nicaragua will restore the relations with Colombia"):
        "a live blog's present-tense 'says' gives no row of its own: the sentence's one row is the 'yesterday' of its relative clause",
    ("chad_libya_aouzou_dispatch_1994", "addressed the nation on the national radio in the evening"):
        "'in the evening', after a lede's 'yesterday evening' and 'on Thursday', gives no row",
    ("chad_libya_aouzou_dispatch_1994", "In Tripoli, the official agency JANA indicated that the Jamahiriya \"takes note\" of the judgment"):
        "an undated reaction in a dispatch gives no row",
    ("world_bulletin_2020", "Kosovo and Israel agreed to recognise each other"):
        "the past clause of a sentence whose only date is a deadline ('by July next year') takes that date, planned",
    ("world_bulletin_2020", "before the storm passes close to the island on Sunday"):
        "a brief's present tense 'passes ... on Sunday' is read as the past Sunday, occurred, not the coming one",
    # The tenth fresh batch (ten articles written for issue 11 in session 18, gold before any run;
    # listed in tests/articles/batches.yaml), first run.
    ("india_pakistan_simla_wire_1972", "Mr. Bhutto was to fly back to Pakistan this afternoon"):
        "'was to fly back ... this afternoon', a plan of the publication day told in the past, is read as occurred",
    ("beagle_channel_encyclopedia_1984", "The Argentine junta prepared an operation to occupy the islands, set for 22 December 1978"):
        "an operation 'set for' a date and then called off is read as occurred",
    ("afghanistan_geneva_unpress_1988", "The Secretary-General intends the mission to be in place by the time the agreements enter into force"):
        "'by the time the agreements enter into force', whose date two paragraphs before is 15 May, takes a week from publication",
    ("hong_kong_joint_declaration_longread_2014", "London gave way on administration that winter"):
        "'that winter', after a paragraph dated 1983, gives no row",
    ("moldova_dniester_dispatch_1992", "the first Russian peacekeeping battalions could enter the security zone before the end of the month"):
        "'could enter ... before the end of the month' is read as occurred, not planned",
    ("world_bulletin_2024", "Next year's conference is to be held in Belém"):
        "'Next year's ... in November' is read as the whole next year, not its November",
    # The eleventh fresh batch (ten articles written for issue 11 in session 20, gold before any
    # run; listed in tests/articles/batches.yaml), first run.
    ("berlin_quadripartite_dispatch_1971", "The opposition CDU/CSU reserved its judgement"):
        "an undated reaction after a reaction dated 'in the evening' gives no row",
    ("berlin_quadripartite_dispatch_1971", "described the day as \"a good day for Berlin\""):
        "an undated reaction ('described the day as') gives no row",
    ("south_sudan_compromise_liveblog_2015", "opened by saying the region's patience had \"run out\""):
        "a live blog entry's speech takes the date of 'since the start of 2014' in its subject's relative clause",
    ("south_sudan_compromise_liveblog_2015", "has chaired the mediation of the regional bloc IGAD since the start of 2014"):
        "'the start of 2014' is read as January to April, wider than the month the gold allows",
    ("panama_canal_longread_1999", "Panama broke off relations with Washington for several months"):
        "an undated sentence after one dated '9 January 1964' ('In the riots that followed') gives no row",
    ("algeria_evian_interview_2012", "answered the ceasefire with bombings and murders in Algiers and Oran"):
        "the spring named in the sentence before ('the worst spring of the whole war') gives this sentence no row",
    # The twelfth fresh batch (ten articles written for issue 11 in session 21, gold before any
    # run; listed in tests/articles/batches.yaml), first run. Held out in sessions 21-22; validation since session 23.
    ("moscow_treaty_dispatch_1970", "the West German delegation handed the Soviet Foreign Ministry a letter on German unity"):
        "'Before the ceremony', a ceremony the lede dates 'this afternoon', is no time expression: no row",
    ("moscow_treaty_dispatch_1970", "This evening Mr. Brandt speaks to the people of the Federal Republic on television"):
        "a dispatch's present tense 'speaks ... this evening' (a speech still to come) is read as occurred",
    ("el_salvador_honduras_longread_2019", "Salvadoran settlers driven out of Honduras in the spring and early summer of that year"):
        "'in the spring ... of that year' after 'the summer of 1969' in the paragraph before takes the publication year 2019",
    ("el_salvador_honduras_longread_2019", "Its team won the play-off 3-2 in extra time"):
        "an undated sentence after one dated 'On 26 June' (its match 'the day before' told there) gives no row",
    ("indus_waters_qa_2025", "India also closed the Attari land crossing"):
        "an undated sentence ('India also closed') after one dated 'on Wednesday evening' gives no row",
    ("indus_waters_qa_2025", "Pakistan closed its airspace to Indian airlines"):
        "a sentence that names 'the Simla Agreement of 1972' takes 1972, not the Thursday of the sentence before",
    ("bolivia_chile_icj_interview_2018", "President Evo Morales, who travelled to The Hague to hear the judgment read, called it unjust"):
        "an undated reaction right after a ruling dated 'On Monday' gives no row",
    ("bolivia_chile_icj_interview_2018", "In Santiago, President Sebastián Piñera said the court had put things in their place"):
        "an undated reaction from another capital ('In Santiago, President ... said') gives no row",
    # The thirteenth fresh batch (ten articles written for issue 11 in session 22 by thirteenth22, gold
    # before any run; listed in tests/articles/batches.yaml), first run. Held out in sessions 22-23; validation since session 24.
    ('aukus_press_review_2021', 'The papers expect it this week.'):
        "'expect it this week' (a call still to come) is read as occurred",
    ('guyana_venezuela_argyle_corrected_2023', 'to meet again in Brazil within the next three months'):
        "'within the next three months' after 'agreed ... to meet again' stays a duration: no row",
    ('guyana_venezuela_argyle_corrected_2023', 'Two days later the Venezuelan leader presented a new map'):
        "'Two days later' takes the year of 'since 2015' in the sentence before, not the referendum's day",
    ('bakassi_handover_keydates_2008', 'six years after the International Court of Justice ruled that the marshy territory belonged to its neighbour'):
        "'six years after' a ruling counted back from Thursday is dated to a month, not the year",
    # The fourteenth fresh batch (ten articles written for issue 11 in session 23 by fourteenth23, gold
    # before any run; listed in tests/articles/batches.yaml), first run. Held out in sessions 23-25; validation since session 26.
    ('reykjavik_summit_tv_transcript_1986', 'at about six-thirty this evening they walked out of the house'):
        "'this evening' in a past-tense sentence ('they walked out') is read as planned",
    ('reykjavik_summit_tv_transcript_1986', 'We heard from Secretary of State George Shultz a short while ago.'):
        "'a short while ago' in an anchor's lead-in to a taped statement gives no row",
    ('brazil_argentina_nuclear_timeline_1991', 'July: Sarney visits the Pilcaniyeu plant with Alfonsín'):
        "a timeline entry opening with a bare month and a colon ('July:') under a year heading gives no row",
    ('brazil_argentina_nuclear_timeline_1991', 'April: Alfonsín visits the Aramar centre at Iperó'):
        "a timeline entry opening with a bare month and a colon ('April:') under a year heading gives no row",
    ('basic_treaty_court_summary_1973', 'Counsel for Bavaria told reporters in the courtroom'):
        "an undated statement late in a release dated by its dateline ('told reporters in the courtroom') gives no row",
    ('basic_treaty_court_summary_1973', 'A spokesman for the Federal Government in Bonn said the Chancellor, Willy Brandt, welcomed the decision.'):
        "an undated reaction late in a release dated by its dateline ('a spokesman ... said') gives no row",
    ('india_china_kazan_readout_2024', 'Officials in both capitals have spoken of a meeting before the end of the year.'):
        "'before the end of the year' takes the year of 'December 2019' in the sentence before, occurred",
    ('india_china_kazan_readout_2024', 'The summit closes on Thursday with an outreach session chaired by Putin.'):
        "'closes on Thursday' (the publication day, still to come) is read as occurred",
    # The fifteenth fresh batch (ten articles written for issue 11 in sessions 24-25 by fifteenth24/fifteenth25, gold before any run; listed in tests/articles/batches.yaml), first run. Held out in sessions 25-26; validation since session 26's end.
    ("prespa_name_deal_newsletter_2018", "had lunch in Otesevo, on the Macedonian side"):
        "the lunch after 'Afterwards', with no time expression, gives no row",
    ("gulf_geneva_editorial_1991", "and left it lying on the table"):
        "a sentence with no time expression after the meeting's gives no row",
    ("gulf_geneva_editorial_1991", "The day after that vote, Mr Bush offered"):
        "'The day after that vote' (counted from an event) gives no row",
    ("gulf_geneva_editorial_1991", "Iraq's release of the foreign hostages early that month"):
        "'early that month' after 'December' is read as early January 1991, the publication month",
    ("gulf_geneva_editorial_1991", "with a vote expected on Saturday"):
        "'on Saturday' of a vote expected is read as the Saturday before publication, not the next one",
    ("sino_soviet_border_photo_captions_2019", "Chinese troops ambushed a Soviet border patrol here on this day"):
        "'on this day' is read as the publication day, not the caption's dateline date",
    ("sino_soviet_border_photo_captions_2019", "after the second and heavier battle for the island"):
        "a caption dated only by its dateline ('ZHENBAO ISLAND, 15 March 1969.') gives no row",
    ("sino_soviet_border_photo_captions_2019", "Alexei Kosygin at the funeral of Ho Chi Minh"):
        "the funeral takes the death's date ('a week earlier'), not the caption's dateline date",
    ("sino_soviet_border_photo_captions_2019", "talked for about three and a half hours in the terminal"):
        "a caption sentence without a time expression, dated by its dateline, gives no row",
    ("sino_soviet_border_photo_captions_2019", "Mikhail Gorbachev and Deng Xiaoping shake hands"):
        "a caption dated only by its dateline ('BEIJING, 16 May 1989.') gives no row",
    ("sino_soviet_border_photo_captions_2019", "The agreement on the eastern section of the border is signed"):
        "a caption dated only by its dateline ('BEIJING, 16 May 1989.') gives no row",
    ("sino_soviet_border_photo_captions_2019", "their foreign ministers sign a supplementary agreement"):
        "a caption dated only by its dateline ('BEIJING, 16 May 1989.') gives no row",
    ("sino_soviet_border_photo_captions_2019", "exchange the protocol that completed the demarcation"):
        "a caption dated only by its dateline ('BEIJING, 16 May 1989.') gives no row",
    ("lockerbie_handover_briefing_1999", "They landed at Valkenburg air base, were arrested by the Dutch authorities"):
        "a sentence with no time expression after 'This morning' gives no row",
    ("lockerbie_handover_briefing_1999", "to send that report to the Council later today"):
        "'We expect ... to send ... later today' is given the status occurred, not planned",
    ("kosovo_air_campaign_speech_1999", "the withdrawal of Yugoslav forces from Kosovo has begun"):
        "'A short while ago' is no time expression; the sentence gives no row",
    ("anglo_irish_hansard_1985", "in by-elections early in the new year"):
        "'early in the new year' is not read; the row takes 'Christmas' from the same sentence",
    ("falklands_radio_script_1982", "where he spent the weekend in talks with the Argentine President, General Leopoldo Galtieri"):
        "'the weekend' in the relative clause is not read; the row takes the arrival's 'this afternoon'",
    ("falklands_radio_script_1982", "It is ten days since Argentine forces landed near Port Stanley"):
        "'ten days since' gives no row",
    ("falklands_radio_script_1982", "The next day the United Nations Security Council in New York passed resolution 502"):
        "'The next day' is counted from the publication day, not from the landing ten days before",
    ("korea_armistice_diary_1953", "The plenary sessions are called off until further notice."):
        "a sentence with no time expression, in a dated diary entry, gives no row",
    # The sixteenth fresh batch (held out in sessions 26-27, validation since; seven articles written for issue 11 in session 26 by sixteenth26, gold before any run; listed in tests/articles/batches.yaml), first run.
    ("new_start_factbox_2023", "A meeting of the treaty's Bilateral Consultative Commission, due to open in Cairo on Nov. 29, was postponed by Moscow on the eve of the talks"):
        "'Nov. 29' is placed in the publication year (2023); 'on the eve of the talks' is not read: the postponement is 2022-11-28",
    ("albright_obituary_2022", "the NATO bombing campaign against Yugoslavia that began on March 24"):
        "'March 24' is placed in the publication year (2022), not the paragraph's 1999",
    ("albright_obituary_2022", "On October 23, 2000, she became the most senior American official ever to visit North Korea"):
        "dated 2000-10-23 alone: 'two days of talks' does not make it 23-24 October",
    ("mali_ouagadougou_translated_2013", "the parties undertake to observe a ceasefire with immediate effect"):
        "'with immediate effect' is no time expression; the sentence after the signing's gives no row",
    ("mali_ouagadougou_translated_2013", "created by the Security Council in April"):
        "'in April' in a sentence of what is expected is read forward, as April 2014, not April 2013",
    ("geneva_summit_notebook_2021", "The two leaders agreed that their ambassadors, who left their posts this spring, would go back"):
        "the agreement takes 'this spring' (when the ambassadors left), not the summit day",
    ("geneva_summit_notebook_2021", "They also issued a joint statement that a nuclear war"):
        "the statement takes 'in the coming weeks' (the dialogue's first meeting), not the summit day",
    ("geneva_summit_notebook_2021", 'Putin went first, calling Biden "a very balanced and professional man"'):
        "a sentence with no time expression, in the summit's paragraph, gives no row",
    ("geneva_summit_notebook_2021", "Biden spoke later, outdoors, saying he had handed Putin a list"):
        "'later' is no time expression; the sentence gives no row",
    ("german_polish_border_letter_2020", "six weeks after unification"):
        "'six weeks after unification' (counted back from the treaty) is no time expression; the row holds the treaty's 'November 14, 1990'",
    ("week_in_review_recap_2015", "clear up questions about the possible military side of its past work by the end of the year"):
        "'the end of the year' is read as September-December 2015, wider than December",
    ("week_in_review_recap_2015", "defended it for over an hour at a news conference on Wednesday"):
        "'on Wednesday' is read as the Wednesday after publication (22 July), not the week's 15 July",
    ("week_in_review_recap_2015", "In a televised address the same day, President Hassan Rouhani told Iranians"):
        "'the same day' is counted from 'Wednesday' read as 22 July, not 15 July",
    ("week_in_review_recap_2015", "is expected to attend as the Cuban flag is raised over his country's mission in Washington"):
        "a sentence with no time expression after 'on Monday' gives no row",
    # The seventeenth fresh batch (held out in sessions 27-28, validation since; eight articles written for issue 11 in session 27 by seventeenth27, gold before any run; listed in tests/articles/batches.yaml), first run; session 28's rules fixed none of them.
    ('chiapas_ruiz_magazine_profile_1998', 'resigned early in January'):
        "dated 1998-01-01..1998-01-31 ('January'), not 1998-01-01..1998-01-10",
    ('darfur_joint_communique_sitrep_2004', 'since the fighting intensified early in 2003'):
        "dated 2003-01-01..2003-12-31 ('2003'), not 2003-01-01..2003-04-30",
    ('ma_xi_singapore_thread_2015', 'the leaders of China and Taiwan meet for the first time'):
        "dated 1949-01-01..1949-12-31 ('1949'), not 2015-11-07..2015-11-07",
    ('ma_xi_singapore_thread_2015', 'The handshake in front of the cameras lasted well over a minute'):
        'no row holds the anchor',
    ('ma_xi_singapore_thread_2015', 'Xi: the two sides are one family'):
        'no row holds the anchor',
    ('ma_xi_singapore_thread_2015', "Ma: both sides should respect each other's values"):
        "dated 2012-11-06..2015-11-07 ('recent years'), not 2015-11-07..2015-11-07",
    ('ma_xi_singapore_thread_2015', 'Then they went behind closed doors with their delegations'):
        'no row holds the anchor',
    ('ma_xi_singapore_thread_2015', "Ma's press conference now"):
        'no row holds the anchor',
    ('ma_xi_singapore_thread_2015', 'Zhang Zhijun briefed for Beijing'):
        'no row holds the anchor',
    ('ma_xi_singapore_thread_2015', 'Ma is due back in Taipei tonight'):
        'status occurred, not planned',
    ('malta_summit_week_ahead_1989', 'hold their first full summit at the end of it'):
        "dated 1989-11-09..1989-11-09 ('9 November'); 1989-11-24..1989-11-24 ('Friday'), not 1989-12-02..1989-12-03",
    ('malta_summit_week_ahead_1989', 'has called a two-hour general strike across the country from noon'):
        "dated 1989-11-20..1989-11-20 ('noon'), not 1989-11-27..1989-11-27",
    ('malta_summit_week_ahead_1989', 'Gorbachev arrives in Rome for a three-day state visit'):
        'no row holds the anchor',
    ('malta_summit_week_ahead_1989', 'Gorbachev goes to Milan'):
        'no row holds the anchor',
    ('malta_summit_week_ahead_1989', 'The two leaders are to meet on warships anchored in Marsaxlokk Bay'):
        'no row holds the anchor',
    ('malta_summit_week_ahead_1989', 'European Community heads of government meet in Strasbourg'):
        "dated 1988-12-08..1988-12-09 ('8-9 December'), not 1989-12-08..1989-12-09",
    ('salt_doubletalk_book_review_2022', 'Richard Nixon and Leonid Brezhnev signed the Anti-Ballistic Missile Treaty'):
        "dated 1922-05-26..1922-05-26 ('a century ago today'), not 1972-05-26..1972-05-26",
    ('salt_doubletalk_book_review_2022', 'was flown to Moscow only on the day of the ceremony'):
        'no row holds the anchor',
    ('salt_doubletalk_book_review_2022', 'His memoir of the talks, published eight years later'):
        "dated 1930-01-01..1930-12-31 ('eight years later'), not 1980-01-01..1980-12-31",
    ('solomon_islands_committee_chronology_2003', "Mr Ulufa'alu resigns in the following days"):
        'no row holds the anchor',
    ('sudan_constitutional_declaration_au_communique_2019', 'warmly congratulates the Sudanese parties'):
        "dated 2019-04-11..2019-04-11 ('11 April 2019'), not 2019-08-17..2019-08-17",
    ('wye_river_update_wire_1998', 'urged the two leaders to keep going'):
        'no row holds the anchor',
    # headings28's articles (session 28): a key-dates chronology and a delegation log, dates as headings.
    ("two_plus_four_delegation_log_1990", "The Soviet delegation tabled a draft settlement"):
        "under its date heading, 'would have' reads as background (date_headings background_words): no row",
    # The eighteenth fresh batch (held out in sessions 28-29, validation since; eight articles written for issue 11 in session 28 by eighteenth28, gold before any run; listed in tests/articles/batches.yaml), first run; session 29's rules fixed none of them.
    ('brioni_declaration_museum_panels_1991', 'The answer came on 27 June'):
        "dated 2021-06-27..2021-06-27 ('27 June'), not 1991-06-27..1991-06-27",
    ('brioni_declaration_museum_panels_1991', "The evening before, units of the Yugoslav People's Army had left their barracks"):
        'no row holds the anchor',
    ('brioni_declaration_museum_panels_1991', 'The war that followed lasted ten days'):
        'no row holds the anchor',
    ('brioni_declaration_museum_panels_1991', "sent its foreign ministers' troika to Yugoslavia at the end of June"):
        "dated 2021-06-21..2021-06-30 ('the end of June'), not 1991-06-21..1991-06-30",
    ('brioni_declaration_museum_panels_1991', 'on 1 July the Croatian Stjepan Mesić'):
        "dated 2021-07-01..2021-07-01 ('1 July'); 2021-05-01..2021-05-31 ('May'), not 1991-07-01..1991-07-01",
    ('brioni_declaration_museum_panels_1991', 'whose election the Serbian members had blocked since May'):
        "dated 2021-07-01..2021-07-01 ('1 July'); 2021-05-01..2021-05-31 ('May'), not 1991-05-01..1991-05-31",
    ('brioni_declaration_museum_panels_1991', 'After a day of argument they agreed a text'):
        'no row holds the anchor',
    ('brioni_declaration_museum_panels_1991', 'over the summer the fighting moved there'):
        "dated 2021-06-01..2021-08-31 ('summer'), not 1991-06-21..1991-09-22",
    ('chittagong_hill_tracts_guidebook_1997', 'From the late 1970s the government moved hundreds of thousands of Bengali settlers into the hills'):
        'no row holds the anchor',
    ('laos_neutrality_on_this_day_1962', 'of fourteen governments today signed a declaration guaranteeing the neutrality'):
        "dated 2012-07-23..2012-07-23 ('today'), not 1962-07-23..1962-07-23",
    ('laos_neutrality_on_this_day_1962', 'At the start of 1961 the Pathet Lao and their neutralist allies'):
        "dated 1961-01-01..1961-04-30 ('the start of 1961'); 2012-03-01..2012-03-31 ('March'), not 1961-01-01..1961-01-31",
    ('laos_neutrality_on_this_day_1962', 'A ceasefire was proclaimed in early May'):
        "dated 2012-05-01..2012-05-10 ('early May'), not 1961-05-01..1961-05-10",
    ('laos_neutrality_on_this_day_1962', 'In early June, Kennedy and Nikita Khrushchev, meeting in Vienna'):
        "dated 2012-06-01..2012-06-10 ('early June'), not 1961-06-01..1961-06-10",
    ('laos_neutrality_on_this_day_1962', 'American military advisers left by the October deadline'):
        'no row holds the anchor',
    ('laos_neutrality_on_this_day_1962', 'The coalition itself broke down within a year'):
        'no row holds the anchor',
    ('new_caledonia_referendum_what_we_know_2021', 'are called to the polls on Sunday'):
        "dated 2021-12-05..2021-12-05 ('Sunday'), not 2021-12-12..2021-12-12",
    ('nicaragua_sapoa_radio_bulletin_1988', 'Offensive military operations are to stop across the country for sixty days starting on the first of April'):
        "dated 1988-04-01..1988-04-30 ('April'), not 1988-04-01..1988-04-01",
    ('nicaragua_sapoa_radio_bulletin_1988', "During the first fifteen days the Resistance's units inside the country are to move into zones"):
        "dated 1988-03-28..1988-03-28 ('Monday'), not 1988-04-01..1988-04-15",
    ('nicaragua_sapoa_radio_bulletin_1988', 'in Managua on the sixth of April'):
        "dated 1988-04-01..1988-04-30 ('April'), not 1988-04-06..1988-04-06",
    ('rhodes_armistice_lecture_1949', 'and on 24 February they signed'):
        "dated 2009-02-24..2009-02-24 ('24 February'), not 1949-02-24..1949-02-24",
    ('somalia_djibouti_ngo_field_blog_2008', 'the Ethiopian troops who have been in the country since the end of 2006'):
        "dated 2008-06-01..2008-06-30 ('June'); 2006-09-01..2006-12-31 ('the end of 2006'), not 2006-11-15..2006-12-31",
    ('somalia_djibouti_ngo_field_blog_2008', 'the rout of the Islamic Courts by Ethiopian troops in the last days of 2006'):
        "dated 2007-01-01..2007-12-31 ('2007'); 2006-01-01..2006-12-31 ('2006'), not 2006-12-20..2006-12-31",
    ('sudan_addis_ababa_finding_aid_1972', 'met for preparatory talks in Addis Ababa late in 1971'):
        "dated 1971-01-01..1971-12-31 ('1971'), not 1971-09-01..1971-12-31",
    ('sudan_addis_ababa_finding_aid_1972', 'in September of that year imposed Islamic law across the country'):
        "dated 1983-06-01..1983-06-30 ('June 1983'); 1972-01-01..1972-12-31 ('1972'), not 1983-09-01..1983-09-30",
    # The nineteenth fresh batch (held out in sessions 29-30, validation since; eight articles written
    # for issue 11 in session 29 by nineteenth29, gold before any run; listed in
    # tests/articles/batches.yaml), first run on e9698d4; session 30's rules fixed none of them
    # (reasons as the run on 13a9e73 gives them).
    ('mindanao_mnlf_oral_history_1996', 'ran into the final days of August 1996'):
        "dated 1996-08-01..1996-08-31 ('August 1996'), not 1996-08-24..1996-08-31",
    ('eta_ceasefire_debate_rebuttal_2007', 'On 29 December, at his end-of-year press conference in Madrid'):
        'dated 2007-12-29..2007-12-29 (\'29 December\'); 2008-01-01..2008-12-31 ("a year\'s time"); 2007-12-29..2007-12-29 (\'that day\'), not 2006-12-29..2006-12-29',
    ('congo_lusaka_ceasefire_trade_press_1999', 'sent troops to rescue him later that August'):
        "dated 1997-08-01..1997-08-31 ('August'), not 1998-08-03..1998-08-31",
    ('honduras_accord_pool_report_2009', 'Speaking to the pool afterwards'):
        'no row holds the anchor',
    ('honduras_accord_pool_report_2009', 'Insulza was due to issue a statement from Washington tonight'):
        'status occurred, not planned',
    # The twentieth fresh batch (held out in sessions 30-31, training since session 31's middle; eight
    # articles written for issue 11 in session 30 by twentieth30, gold before any run; listed in
    # tests/articles/batches.yaml), first run on f62e282's code; the rules of sessions 30 and 31 fixed
    # none of them (reasons as the run on 1c0a586 gives them). story31b fixed 18 (suez 15, portsmouth
    # 3): an account told on is not cut by recent_days; told as past yet ahead, the story's year.
    ('portsmouth_treaty_exhibition_catalogue_1905', 'The President had offered his good offices to both governments in June'):
        "dated 2005-06-01..2005-06-30 ('June'); 2005-05-27..2005-05-28 ('27 and 28 May'), not 1905-06-01..1905-06-30",
    ('portsmouth_treaty_exhibition_catalogue_1905', 'the Russian fleet was destroyed in the Tsushima Strait on 27 and 28 May'):
        "dated 2005-06-01..2005-06-30 ('June'); 2005-05-27..2005-05-28 ('27 and 28 May'), not 1905-05-27..1905-05-28",
    ('portsmouth_treaty_exhibition_catalogue_1905', 'The talks stalled through the middle of the month'):
        "dated 2005-06-11..2005-06-20 ('the middle of the month'), not 1905-08-10..1905-08-25",
    ('portsmouth_treaty_exhibition_catalogue_1905', 'Witte walked out of the building to tell the waiting reporters'):
        'no row holds the anchor',
    ('portsmouth_treaty_exhibition_catalogue_1905', 'On the day of the signing, crowds in Tokyo who had been promised far more burned police boxes'):
        'no row holds the anchor',
    ('lausanne_treaty_biography_excerpt_1923', "Curzon's train left Lausanne that evening with the conference suspended behind it"):
        "dated 2024-02-04..2024-02-04 ('that evening'), not 1923-02-04..1923-02-04",
    ('agreed_framework_quiz_answers_1994', 'begin to do at the Yongbyon reactor in May 1994'):
        'no row holds the anchor',
    ('agreed_framework_quiz_answers_1994', 'crossed the demilitarized zone at Panmunjom on June 15, 1994'):
        'no row holds the anchor',
    ('agreed_framework_quiz_answers_1994', 'Kim Young-sam of South Korea was due to travel to Pyongyang on July 25'):
        "dated 2024-07-25..2024-07-25 ('July 25'), not 1994-07-25..1994-07-25",
    ('anglo_irish_treaty_corrections_column_1921', 'It was agreed on that date'):
        "dated 1921-07-11..1921-07-11 ('noon on 11 July'), not 1921-07-09..1921-07-09",
    ('anglo_irish_treaty_corrections_column_1921', 'some hours after Lloyd George had warned them'):
        "dated 1921-12-06..1921-12-06 ('Tuesday, 6 December 1921'); 2021-12-11..2021-12-14 ('three days'), not 1921-12-05..1921-12-05",
    ('indo_lanka_accord_daybook_1987', "Gandhi and Jayewardene sign the Indo-Sri Lanka Accord at President's House this afternoon"):
        'status occurred, not planned',
    ('indo_lanka_accord_daybook_1987', 'Joint statement expected afterwards.'):
        'no row holds the anchor',
    ('indo_lanka_accord_daybook_1987', "Gandhi inspects a naval guard of honour at President's House on Thursday morning"):
        "dated 1987-07-23..1987-07-23 ('Thursday morning'), not 1987-07-30..1987-07-30",
    ('indo_lanka_accord_daybook_1987', 'before flying back to New Delhi'):
        "dated 1987-07-23..1987-07-23 ('Thursday morning'), not 1987-07-30..1987-07-30",
    ('indo_lanka_accord_daybook_1987', 'a ceasefire is to take effect within 48 hours of the signing'):
        "dated 1987-07-23..1987-07-25 ('48 hours'); 1987-07-26..1987-07-26 ('72 hours after that'), not 1987-07-29..1987-07-31",
    ('indo_lanka_accord_daybook_1987', 'hand in their weapons within 72 hours after that'):
        "dated 1987-07-23..1987-07-25 ('48 hours'); 1987-07-26..1987-07-26 ('72 hours after that'), not 1987-07-29..1987-08-03",
    ('indo_lanka_accord_daybook_1987', 'External Affairs Ministry briefing on the accord'):
        'no row holds the anchor',
    ('indo_lanka_accord_daybook_1987', 'Tamil Nadu state government expected to comment on the accord.'):
        'no row holds the anchor',
    ('mohali_cricket_diplomacy_sports_page_2011', 'India beat Pakistan by 29 runs'):
        "dated 2011-03-26..2011-03-26 ('Saturday'), not 2011-03-30..2011-03-30",
    ('mohali_cricket_diplomacy_sports_page_2011', "to reach Saturday's World Cup final against Sri Lanka in Mumbai"):
        "dated 2011-03-26..2011-03-26 ('Saturday'), not 2011-04-02..2011-04-02",
    ('mohali_cricket_diplomacy_sports_page_2011', 'who had flown in from Islamabad to Chandigarh on the day of the match'):
        'no row holds the anchor',
    ('mohali_cricket_diplomacy_sports_page_2011', 'In the evening Singh gave a dinner for Gilani and his delegation.'):
        "dated 2011-03-31..2011-03-31 ('the evening'), not 2011-03-30..2011-03-30",
    ('mohali_cricket_diplomacy_sports_page_2011', 'Gilani accepted within a day.'):
        'no row holds the anchor',
    ('mohali_cricket_diplomacy_sports_page_2011', 'Officials on both sides said afterwards'):
        'no row holds the anchor',
    ('chaco_peace_talk_page_1935', 'That is the day the protocol was signed in Buenos Aires'):
        "dated 1935-06-14..1935-06-14 ('noon on 14 June'), not 1935-06-12..1935-06-12",
    ('chaco_peace_talk_page_1935', 'That is the day Paraguay formally declared war'):
        "dated 1932-01-01..1932-12-31 ('almost a year earlier'); 1932-06-15..1932-06-15 ('15 June 1932'), not 1933-05-10..1933-05-10",
    ('suez_ceasefire_debate_brief_1956', 'Pearson received the Nobel Peace Prize later that year.'):
        "dated 1957-01-10..1957-12-31 ('later that year'), not 1957-01-01..1957-12-31",
    ('suez_ceasefire_debate_brief_1956', 'Eisenhower was re-elected on 6 November'):
        "dated 2016-11-06..2016-11-06 ('6 November'), not 1956-11-06..1956-11-06",
    ('suez_ceasefire_debate_brief_1956', 'on 5 November, Nikolai Bulganin sent letters to London, Paris and Tel Aviv'):
        "dated 2016-11-05..2016-11-05 ('5 November'), not 1956-11-05..1956-11-05",
    ('suez_ceasefire_debate_brief_1956', 'Soviet tanks crushed the Hungarian uprising on 4 November'):
        "dated 2016-11-04..2016-11-04 ('4 November'), not 1956-11-04..1956-11-04",
}
KNOWN_MISSES.update(HELD_OUT_MISSES)


def gold_cases() -> list:
    # pytest prints each xfail's id and reason (-ra): for articles that are not training the
    # test shows neither the anchor nor the reason, so running the suite reads no validation or
    # held-out miss (tests/articles/batches.yaml).
    unread = set(articles_by_role()["validation"]) | held_out_articles()
    cases = []
    for path in GOLD_FILES:
        gold = json.loads(path.read_text())
        stem = path.name.removesuffix(".gold.json")
        for number, event in enumerate(gold["events"]):
            reason = KNOWN_TAGGER_GAPS.get((gold["doc_id"], event["anchor"]))
            marks = [pytest.mark.xfail(reason=reason, strict=False)] if reason else []
            missed = KNOWN_MISSES.get((stem, event["anchor"]))
            if missed and stem in unread:
                missed = "a known miss of a validation or held-out article (its reason is not shown)"
            marks += [pytest.mark.xfail(reason=missed, strict=True)] if missed else []
            # Whoever writes rules deselects these (-m "not held_out"): a held-out case passing or
            # failing is a verdict on the batch that judges the rules (when27 dropped a rule over one).
            marks += [pytest.mark.held_out] if stem in held_out_articles() else []
            shown = f"event {number}" if stem in unread else event["anchor"][:35]
            cases.append(pytest.param(path, event, id=f"{gold['doc_id']}:{shown}", marks=marks))
    return cases


def test_every_known_miss_names_an_event_of_a_gold_file():
    # A renamed anchor or article would otherwise leave an entry that xfails nothing.
    events = {(p.name.removesuffix(".gold.json"), e["anchor"]) for p in GOLD_FILES
              for e in json.loads(p.read_text())["events"]}
    assert set(KNOWN_MISSES) <= events, set(KNOWN_MISSES) - events


@pytest.fixture(scope="module")
def article_events() -> dict[str, tuple[str, pd.DataFrame]]:
    out = {}
    for path in GOLD_FILES:
        gold = json.loads(path.read_text())
        text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
        out[path.name] = (text, extract_events(text, published=gold["published"], doc_id=gold["doc_id"]))
    return out


def test_there_are_at_least_four_gold_articles_of_300_to_700_words():
    assert len(GOLD_FILES) >= 4
    for path in GOLD_FILES:
        gold = json.loads(path.read_text())
        words = len((path.parent / gold["text_file"]).read_text().split())
        assert 300 <= words <= 700, path.name


@pytest.mark.parametrize("path, event", gold_cases())
def test_unseen_article_event_is_found_with_its_date_and_status(article_events, path, event):
    text, events = article_events[path.name]
    rows = rows_containing(events, text, event["anchor"])
    assert rows, f"no event row holds {event['anchor']!r}"
    dated = [r for r in rows if date_matches(r, event["start"], event["end"], event["gran"])]
    assert dated, f"{event['anchor']!r}: got {[(str(r['date_start'].date()), r['timex_text']) for r in rows]}"
    assert dated[0]["status"] == event["status"]


def test_unseen_articles_actor_and_place_recall(article_events):
    hits = {"actors": [0, 0], "locations": [0, 0], "types": [0, 0]}
    # Names given that the gold does not ask for: recall bought by naming everyone is no gain.
    given = {"actors": [0, 0], "locations": [0, 0]}
    for path in RATCHET_FILES:
        text, events = article_events[path.name]
        for event in json.loads(path.read_text())["events"]:
            rows = rows_containing(events, text, event["anchor"])
            dated = [r for r in rows if date_matches(r, event["start"], event["end"], event["gran"])] or rows
            row = dated[0] if dated else {"actors": [], "locations": [], "event_type": None}
            for key, gold_key in (("actors", "actors"), ("locations", "locations")):
                hits[key][0] += sum(named(a, row[key]) for a in event[gold_key])
                hits[key][1] += len(event[gold_key])
                given[key][0] += sum(any(named(want, [g]) for want in event[gold_key]) for g in row[key])
                given[key][1] += len(row[key])
            hits["types"][0] += row["event_type"] == event["type"]
            hits["types"][1] += 1
    recall = {k: a / b for k, (a, b) in hits.items()}
    precision = {k: a / max(b, 1) for k, (a, b) in given.items()}
    # The gold asks, event by event, for who and where a reader of the whole article gives the
    # event, and the issue-11 articles were scored on their first run: a ratchet at the measured
    # recall, never lowered below it. Issue 11 brings actors and places to 0.9.
    # 0.57 and 0.58 before the discourse rules (extract/discourse/) took who and where from
    # the rest of the article.
    # 0.76 (0.64 before): office holders speak for the article's government, the gazetteer's
    # office holders of past peace processes, a war's two sides, an opening "They", parties
    # phrases beside other names, the lede's people and brokers from the paragraphs after it, a
    # surname read in order, the host of a visit.
    # 0.79 (0.784 before): the story's talks, agreement or truce held by the sides its lede names,
    # an agreement no one is named with made by them, the next sentence of talks that name no
    # one, a surname after "III", the Secretary-General in a list of headlines.
    # 0.68 (0.7667 on the 32 articles before, unchanged): the bar moved because the measured set
    # grew by the ten fresh-batch articles, scored on their first run (0.418 on those ten).
    # 0.71 with the fresh batch and the rules above merged (0.719 over all 42 articles).
    # 0.76 (0.719 before; 0.768 by this measure, which leaves out the seed): the gazetteer's missing UN member states and armed groups of past peace
    # processes, groups the article lists ("The six powers are ..."), bloc adjectives ("West African
    # troops"), "both leaders" beside other names, the home army in a clash.
    # 0.78 (0.782 by this measure, precision 0.742): the lede after a release line, the lede's
    # source no side, and main's place rules merged.
    # 0.79 (0.793; precision 0.748): a statement's actors are its speaker's, not whom the reported
    # words name; talks told before who took part take the participants the article lists.
    # 0.73 (0.7819 on the 42 articles before, unchanged): the measured set grew by the second
    # fresh batch (ten articles, session 13), scored on their first run (0.517 on those ten).
    # 0.74 (0.748 over all 52) with the rules above merged.
    # 0.75 (0.753, precision 0.729): a former office holder speaks for no one, names without
    # accents, acronyms defined in brackets ("the United Tajik Opposition (UTO)").
    # 0.74 (0.7414 on fresh13 alone): the dates found for the second fresh batch's live blog,
    # reactions and hosts give their rows' names to events that had no row.
    # 0.75 (0.7511 over all 52): both merged.
    # 0.73 (0.7362 over all 66): the measured set grew by the fourth fresh batch (eleven articles,
    # first run 0.627); the 55 before unchanged at 0.7573.
    # 0.74 (0.7456 over all 66): each dated clause of a sentence its own actors, a regnal title
    # with one name, a title and surname alone resolved, the cabinet or coalition government the
    # article's, a nom de guerre (who14).
    # 0.75 (0.7539 over all 66): rows found for undated sentences of the fourth batch (a Q&A's
    # question, a live blog's entry, the story's signing told again or reacted to) carry names
    # (fresh14), with who14 merged.
    # 0.73 (0.7329 over all 79): the measured set grew by the sixth fresh batch (ten articles,
    # first run 0.603); the 69 before unchanged at 0.7513.
    # 0.73 kept (0.7372 over all 89): the seventh fresh batch's first run is 0.781 (150 of 192);
    # the 79 before unchanged at 0.7337.
    # 0.71 (0.7135, 2075 of 2908, over all 99): the measured set grew by the eighth fresh batch
    # (ten articles, first run 0.515, 159 of 309); the 89 before unchanged at 0.7372 (1916 of 2599).
    # 0.715 (0.7157, 2089 of 2919, over all 99): the measured set grew by the ninth fresh batch
    # (ten articles, session 17, first run 0.541, 173 of 320); the 89 before unchanged at 0.7372.
    # 0.695 (0.6995 over all 109): both batches in the measured set, the 89 before unchanged.
    # 0.715 (0.7166, 2084 of 2908): fresh18's date and type rules give rows (and so names) to five
    # more gold events of the eighth batch; no actor rule changed.
    # 0.705 (0.7060 over all 109): people18's and clause18's rules merged with both new batches.
    # 0.71 (0.7100 over all 109): who18's participants from discourse merged.
    # 0.695 (0.6984, 2452 of 3511, over all 119): the measured set grew by the tenth fresh batch
    # (ten articles, session 18, first run 0.565, 160 of 283); the 109 before unchanged at 0.7100.
    # 0.70 (0.7026 over all 119): session 18's rules merged (who19's offices named alone, 'his
    # cabinet', hosts of the talks, numbered lists; where19, gaz19, types19, head19).
    # 0.69 (0.6923, 2687 of 3881, over all 129): the measured set grew by the eleventh fresh
    # batch (ten articles, session 20, first run 0.595, 220 of 370); the 119 before unchanged at
    # 0.7026 (2467 of 3511).
    # 0.70 kept (0.7046, 2474 of 3511; 0.7026 before): names matched by the shared scorer's rule,
    # case aside and the gold's name or surname anywhere in a name given ("Benigno Aquino" in
    # "Benigno Aquino III"); no extraction changed.
    # 0.735 (0.7371 over all 119): session 20's boosted participant model switched on (fitted on
    # the training articles only: the tuned rest and the first three fresh batches).
    # 0.725 (0.7261 over all 129): the eleventh batch merged after session 20's rules and model.
    # 0.72 (0.7217, 2993 of 4147, over all 139): the measured set grew by the twelfth fresh batch
    # (ten articles, session 21, first run 0.658, 175 of 266); the 129 before unchanged at 0.7261
    # (2818 of 3881).
    # 0.725 (0.7279) over training and validation only (129 articles, 1,705 events): the held-out twelfth batch
    # left the pooled ratchet (tests/articles/batches.yaml, role: held_out), so no rule is chosen on it.
    # 0.755 (0.7552): who22's heads of state and government since 1945, session 22 merged.
    # 0.75 (0.7511) over training and validation (139 articles, 1,821 events): the twelfth batch left
    # held_out for validation in session 23 (its first run and session 22's rules; the thirteenth stays held out).
    # 0.755 (0.7555, 3133 of 4147): who23's chambers, popes, envoys and heads of organisations,
    # a known person's former apposition, "the rebels" beside other names.
    # 0.7593 over the 139 after session 23's merges (rows23, types23, names23, land23, venue23, head23);
    # 0.745 (0.7484) over training and validation (149 articles, 1,942 events): the thirteenth batch left
    # held_out for validation in session 24 (its first run and session 23's rules; the fourteenth stays held out).
    # 0.74 (0.7402) over training and validation (159 articles, 2,074 events): the fourteenth batch left
    # held_out for validation in session 26 (its first run and sessions 23-25's rules; the fifteenth stays held out).
    # 0.725 (0.7271) over training and validation (169 articles, 2,206 events): the fifteenth batch left
    # held_out for validation at the end of session 26 (its first run and session 26's rules; the sixteenth is held out).
    # 0.725 holds (0.7252; 3,803 of 5,244) after session 27's gold change (conv27): the training gold
    # asks for 140 more actors (5,104 -> 5,244: hosts of visits, parties named once, whom a person speaks for).
    # 0.72 (0.7243) after conval27 applied the same conventions to the validation gold (88 events in
    # 31 articles: about 59 more actors asked for), the extractor unchanged.
    # 0.725 (0.7264) over training and validation (176 articles, 2,321 events) at the end of session 27: the sixteenth batch left
    # held_out for validation (its first run and session 27's rules; the seventeenth is held out).
    # 0.73 (0.7321 over the 176) after session 28's merges (fixes28, scenes28, types28); 0.715 (0.7183) over training and validation (184 articles, 2,440 events) at the end of session 28: the seventeenth batch left
    # held_out for validation (its first run and session 28's rules; the eighteenth is held out).
    # 0.7341 over the 186 after session 29's merges (who29's short names of bodies and pairs, who29b's
    # gazetteer people and profile pronouns; when29's heading lines); 0.715 kept (0.7154) over 194
    # articles (2,600 events) at the end of session 29: the eighteenth batch left held_out for validation.
    # 0.7165 over the 194 after session 30's merges (who30's people found from the words around them,
    # where30b's attributive cities no longer acting for their state); 0.705 (0.7062) over 202 articles
    # (2,701 events) at the end of session 30: the nineteenth batch (actors 0.475) left held_out for validation.
    # 0.695 (0.6963) over 210 articles (2,834 events) in session 31's middle: its first round merged
    # (cand31's candidates) and the twentieth batch (actors 0.479) left held_out for training.
    assert recall["actors"] >= 0.695, recall  # issue 11 brings this to 0.9
    # 0.80 (0.68 before; 0.809 with a truce typed an agreement and a briefing dated the sentence
    # before): venues by their kind, dateline cities, places of wars and talks, the
    # country of its politics; the country an article is about counted from the cities it names;
    # "at the base", "It was signed", "They resumed" take the venue named before; a mission's
    # mandate and monitors serve in the country the article is about; a country right after
    # "talks in"; the land of a two-sided conflict.
    # 0.81 (this measure): the region of the war (Nagorno-Karabakh, Aceh) counted against its country as a place only.
    # 0.85: a town outside the dateline's city, states hosting talks, the lede told again with
    # its place, "the region" for the region named before, the Kremlin in Moscow.
    # 0.75 (0.8098 on the 32 articles before, unchanged): the measured set grew by the fresh batch
    # (0.590 on its first run).
    # 0.79 with the fresh batch and the rules above merged (0.791 over all 42 articles).
    # 0.80 (0.806 over all 42 articles): where from the whole article, this round's place rules
    # (README, "Where, from the whole article").
    # 0.72 (0.8060 on the 42 before, unchanged): the measured set grew by the second fresh batch
    # (0.441 on its first run).
    # 0.83 (0.838 by this measure; 0.841 with the seed): the dateline places the lede's event only,
    # or the venue the next paragraph gives it; a venue country is neutral ground; the country's
    # votes, voters and constituent assembly, and an agreement to hold elections (where13).
    # 0.74 (0.749 over all 52) with who13's and where13's rules merged.
    # 0.75 (0.7504) with fresh13's date rules merged (rows found for the second fresh batch).
    # 0.75 (0.7587): states GeoNames names otherwise (East Timor, Togo), Bougainville, a
    # nationality of a people counts for no state, "UNITED NATIONS" datelines (where13).
    # 0.76 (0.760 over all 52): fresh13, who13 and where13 merged.
    # 0.76 (0.7653): voter registration, polling stations, a vote postponed (where13).
    # 0.77 (0.770 over all 52): the above merged with the undated lede's discourse (1a1ef81).
    # 0.78 (0.7855 over all 55, precision 0.7477): a parliament acts in its country's capital
    # and a person comes home to it (GeoNames' capital); an article naming no country as a
    # place is about its venue's country (where14).
    # 0.79 (0.7935, precision 0.7542): the same, and the towns and regions below (where14).
    # 0.80 (0.8065, precision 0.7653): no dateline, the headline's venue is where the story is
    # told from; someone who "flew in" came there; a signing takes no venue of another month.
    # 0.81 (0.8113, precision 0.7771): a reference point is no venue; a clause that a
    # subordinator opens holds its own date's places; "independence from" a country is no place.
    # 0.72 (0.7268 over all 66): the measured set grew by the fourth fresh batch (first run
    # 0.482); the 55 before unchanged at 0.7710.
    # 0.76 (0.7650 over all 66, precision 0.7554): where14's rules above merged with the fourth
    # fresh batch (its articles were not looked at: the integrator scores them).
    # 0.73 (0.7308 over all 79): the measured set grew by the sixth fresh batch (first run
    # 0.509); the 69 before unchanged at 0.7643.
    # 0.72 (0.7222 over all 89): the measured set grew by the seventh fresh batch (ten articles,
    # first run 0.597, 46 of 77); the 79 before unchanged at 0.7330.
    # 0.72 kept: where16's place rules raise the 79 before the seventh batch to 0.7364 (651 of
    # 884); the seventh batch is held out from where16, so the bar over the 89 is the integrator's
    # to re-measure.
    # 0.70 (0.7029, 750 of 1067, over all 99): the measured set grew by the eighth fresh batch
    # (first run 0.491, 52 of 106); the 89 before unchanged at 0.7263 (698 of 961).
    # 0.705 (0.7086, 749 of 1057, over all 99): the measured set grew by the ninth fresh batch
    # (first run 0.531, 51 of 96); the 89 before unchanged at 0.7263.
    # 0.685 (0.6887 over all 109): both batches in the measured set, the 89 before unchanged.
    # 0.73 (0.7315, 703 of 961, over all 89; 0.7253 before): where18's rules (the talks named
    # definitely are one process, a land named by its kind, a row told at a happening); no batch fell.
    # 0.695 (0.6965 over all 109): where18's place rules merged with both new batches.
    # 0.665 (0.6695, 855 of 1277, over all 119): the measured set grew by the tenth fresh batch
    # (first run 0.395, 45 of 114); the 109 before unchanged at 0.6965 (810 of 1163).
    # 0.68 (0.6844 over all 119): session 18's place rules merged (where19's unplaced sites,
    # gaz19's GeoNames countries, territories and big cities named without a context word).
    # 0.67 (0.6703, 931 of 1389, over all 129): the measured set grew by the eleventh fresh batch
    # (first run 0.509, 57 of 112); the 119 before unchanged at 0.6844 (874 of 1277).
    # 0.685 (0.6852): places20's source seats, geo20's scorer rule.
    # 0.67 (0.6710 over all 129): the eleventh batch merged after session 20's rules.
    # 0.665 (0.6655, 985 of 1480, over all 139): the measured set grew by the twelfth fresh batch
    # (first run 0.582, 53 of 91); the 129 before unchanged at 0.6710 (932 of 1389).
    # 0.67 (0.6723): session 21's waters, islands and regions (waters21), merged with the twelfth.
    # 0.675 (0.6782) over training and validation only (129 articles, 1,705 events): the held-out twelfth batch
    # left the pooled ratchet (tests/articles/batches.yaml, role: held_out), so no rule is chosen on it.
    # 0.685 (0.6854): where22's and seas22's place rules, session 22 merged.
    # 0.675 (0.6791) over training and validation (139 articles, 1,821 events): the twelfth batch left
    # held_out for validation in session 23 (its first run and session 22's rules; the thirteenth stays held out).
    # 0.695 (0.6966) over the 139 after session 23's merges (names23's unknown names and towns fought over,
    # land23's bulletins and article country, venue23's place topics);
    # 0.68 (0.6838) over training and validation (149 articles, 1,942 events): the thirteenth batch left
    # held_out for validation in session 24 (its first run and session 23's rules; the fourteenth stays held out).
    # 0.66 (0.6617) over training and validation (159 articles, 2,074 events): the fourteenth batch left
    # held_out for validation in session 26 (its first run and sessions 23-25's rules; the fifteenth stays held out).
    # 0.685 (0.6883; 0.6896 with the rest, over training and the validation of sessions 24-25): where26's place rules (shores and coasts, "along the
    # canal", land heads, localities, temples and bases; a deed's object before its venue, reference
    # points, "independent from", "the fall of Kabul").
    # 0.665 (0.6677) over training and validation with the fourteenth batch (159 articles, 2,074 events), after
    # session 26's merges (who26, when26, who26b, the Central Asian leaders, where26).
    # 0.67 (0.6712) with types26's and where26b's dateline rules merged.
    # 0.66 (0.6639) over training and validation (169 articles, 2,206 events): the fifteenth batch left
    # held_out for validation at the end of session 26 (its first run and session 26's rules; the sixteenth is held out).
    # 0.655 (0.6574; 1,201 of 1,827) after session 27's gold change (conv27), the extractor unchanged:
    # the training gold written to docs/gold_conventions.md (statements under a dateline, a
    # country's own politics, visits, spellings) asks for 24 more places (1,803 -> 1,827), most of which no rule gives yet.
    # 0.65 (0.6515) after conval27 applied the same conventions to the validation gold (about 18 more
    # places asked for: datelines, a country's own politics), the extractor unchanged.
    # 0.66 (0.6617) over training and validation (176 articles, 2,321 events) at the end of session 27: the sixteenth batch left
    # held_out for validation (its first run and session 27's rules; the seventeenth is held out).
    # 0.67 (0.6725 over the 176) after session 28's merges (where28's offices, dateline statements, recipients); 0.65 (0.6551) over training and validation (184 articles, 2,440 events) at the end of session 28: the seventeenth batch left
    # held_out for validation (its first run and session 28's rules; the eighteenth is held out).
    # 0.66 (0.6641 over 194 articles, 2,600 events) at the end of session 29, the eighteenth batch
    # validation now (0.6773 over the 186 after where29's court seats, peninsulas and borders).
    # 0.66 kept (0.6601 over 210 articles) in session 31's middle, the twentieth batch (places 0.483) training.
    assert recall["locations"] >= 0.66, recall  # issue 11 brings this to 0.9
    # 0.84: the narrative year dates oslo's "a day later Rabin signed a letter" right, so its own row
    # is scored now, typed 'agreement' for "signed" (gold 'statement'); issue 11 brings this to 0.85
    # 0.79 (0.8526 on the 32 before, unchanged): the measured set grew by the fresh batch (0.598 first run).
    # 0.80 (0.807): troops arriving are a deployment, a council setting up a mission a resolution,
    # a round beginning talks, "took up arms" and "overran" military, "declares" and "read out" statements.
    # 0.75 (0.8071 on the 42 before, unchanged): the measured set grew by the second fresh batch
    # (0.565 on its first run).
    # 0.77 (0.7783; the 42 before unchanged at 0.8071): a truce that 'was agreed' is the truce,
    # a war that 'came', an intervention, a blockade, a mission enlarged, issues 'settled', a text 'approved'.
    # 0.78 (0.7856): the object of a verb of judging after the date; rows found for reactions.
    # 0.77 (0.7779 over all 55): the measured set grew by the third fresh batch (three articles,
    # first run); the 52 before unchanged at 0.7856.
    # 0.73 (0.7312 over all 66): the measured set grew by the fourth fresh batch (first run
    # 0.519, 81 of 156); the 55 before unchanged at 0.7779.
    # 0.74 (0.7416 over all 66): weapons tests military, 'the Security Council endorsed' a
    # resolution, a live blog's 'announces', rows found for undated sentences (fresh14).
    # 0.73 (0.7322 over all 69): the measured set grew by the fifth fresh batch (three articles,
    # first run); the 66 before unchanged at 0.7416.
    # 0.70 (0.7069 over all 79): the measured set grew by the sixth fresh batch (first run
    # 0.556, 84 of 151); the 69 before unchanged at 0.7322.
    # 0.71 (0.7127, 749 of 1051): fresh15's types ('broken down', 'gone quiet', 'news conference')
    # and rows found for undated quotations.
    # 0.70 (0.7035, 814 of 1157): the measured set grew by the seventh fresh batch (first run
    # 0.613, 65 of 106); the 79 before unchanged at 0.7127 (749 of 1051).
    # 0.695 (0.6992, 902 of 1290): the measured set grew by the eighth fresh batch (first run
    # 0.624, 83 of 133); the 89 before unchanged at 0.7079 (819 of 1157).
    # 0.695 (0.6993, 893 of 1277): the measured set grew by the ninth fresh batch (first run
    # 0.617, 74 of 120); the 89 before unchanged at 0.7079 (819 of 1157).
    # 0.695 kept (0.6993 over all 109, with fresh18's type rules): both batches measured.
    # 0.70 (0.7031, 907 of 1290): fresh18's type cues ('revived the talks', 'tells', 'landed in')
    # and rows found for the eighth batch.
    # 0.695 (0.6965 over all 109 with the ninth batch, fresh18's semicolon rule reverted).
    # 0.70 (0.7064 over all 109): types18's cues merged.
    # 0.70 kept (0.7023, 1085 of 1545, over all 119): the tenth fresh batch's first run is 0.659
    # (89 of 135); the 109 before unchanged at 0.7064 (996 of 1410).
    # 0.705 (0.7094 over all 119): types19's cues merged (talks held, a deal reached, a speech
    # to a body).
    # 0.695 (0.6968, 1188 of 1705, over all 129): the measured set grew by the eleventh fresh
    # batch (first run 92 of 160); the 119 before unchanged at 0.7094 (1096 of 1545).
    # 0.72 (0.7204): types20's rules (recaptured ground, a legislature's call, a plan put forward...).
    # 0.705 (0.7073 over all 129): the eleventh batch merged after session 20's rules.
    # 0.695 (0.6996, 1274 of 1821, over all 139): the measured set grew by the twelfth fresh batch
    # (first run 0.586, 68 of 116); the 129 before unchanged at 0.7073 (1206 of 1705).
    # 0.70 (0.7046): session 21's type rules (types21: a leader receiving, ground taken, the X of
    # the Y) and dates (dates21), merged with the twelfth.
    # 0.71 (0.7126) over training and validation only (129 articles, 1,705 events): the held-out twelfth batch
    # left the pooled ratchet (tests/articles/batches.yaml, role: held_out), so no rule is chosen on it.
    # 0.725 (0.7284): types22's cues and its ratification convention, session 22 merged.
    # 0.72 (0.7210) over training and validation (139 articles, 1,821 events): the twelfth batch left
    # held_out for validation in session 23 (its first run and session 22's rules; the thirteenth stays held out).
    # 0.725 (0.7254) over the 139 after session 23's merges (types23's conventions and cues);
    # 0.715 (0.7178) over training and validation (149 articles, 1,942 events): the thirteenth batch left
    # held_out for validation in session 24 (its first run and session 23's rules; the fourteenth stays held out).
    # 0.705 (0.7078) over training and validation (159 articles, 2,074 events): the fourteenth batch left
    # held_out for validation in session 26 (its first run and sessions 23-25's rules; the fifteenth stays held out).
    # 0.71 (0.7107, 1,474 of 2,074) after session 26's merges (when26's plural present and past plans, types26's
    # judging verbs and 'speaks').
    # 0.695 (0.6985) over training and validation (169 articles, 2,206 events): the fifteenth batch left
    # held_out for validation at the end of session 26 (its first run and session 26's rules; the sixteenth is held out).
    # 0.705 (0.7066) over training and validation (176 articles, 2,321 events) at the end of session 27: the sixteenth batch left
    # held_out for validation (its first run and session 27's rules; the seventeenth is held out); types27's rules.
    # 0.715 (0.7169 over the 176) after session 28's merges (types28, scenes28); 0.705 kept (0.7057) over training and validation (184 articles, 2,440 events) at the end of session 28: the seventeenth batch left
    # held_out for validation (its first run and session 28's rules; the eighteenth is held out).
    # 0.70 (0.7028; 1,745 of 2,483): headings28 added two training articles whose dates are headings
    # (a key-dates chronology and a delegation's log, 43 events, 16 typed right), written to expose the
    # gap; the rule itself raised types on training and validation.
    # 0.705 (0.7069 over 194 articles, 2,600 events) after session 29's second round (types29's approvals,
    # peace conferences, the two sides meeting, talks that produced a text, phone talks, rulings announced).
    # 0.708 (0.7094 over 202 articles, 2,701 events) at the end of session 30: types30's inflected cues and
    # 'war' in its own clause, with the nineteenth batch now validation.
    # 0.708 kept (0.7234 over 210 articles) in session 31's middle: types31's learned model was fitted on
    # the training articles, so the in-sample gain is partly its memory (cross-validated by article it is
    # +5 to +10 of 2,249 on training, +5 on validation: bench/type_fit.py); the bar is not raised on it.
    # 0.70 (0.7001 over 210 articles) at session 31's end: types31's model switched off (type_model.yaml
    # active: false) after it split a night of talks from the deal announced at dawn (test_chronology:
    # 'announced a deal' read as a statement); the twentieth batch (types 0.52) joined training.
    assert recall["types"] >= 0.70, recall
    # Precision of the names given, a floor at its measured value (0.754 and 0.685 when it was
    # first measured): a rule that raises recall must not give events names they do not have.
    # Places 0.70 (0.685 before): a sentence that dates two events gives each the places of its
    # own stretch ("signed in Brazzaville in July 2014 and the agreement reached in Rome ...").
    # 0.71 with the region of the war; 0.72 with the rules above.
    # 0.73 and 0.67 with the fresh batch (0.7536 and 0.6854 on the 32 before, unchanged; 0.639 and
    # 0.637 on the ten new articles' first run): the measured set grew.
    # 0.74 (0.736 before) with the same.
    # Actors 0.75 (0.753): a statement's speaker only, a dateline's agency and country, a
    # common word in a title-case headline ("Rebels Win Amnesty") are no actors of the event.
    # 0.71 and 0.70 with the second fresh batch (0.7422 and 0.7470 on the 42 before, unchanged;
    # 0.590 and 0.536 on the ten new articles' first run): the measured set grew.
    # 0.72 (0.726 over all 52) with the rules above merged.
    # 0.73 (0.732): who speaks of a happening in reported words is no party to it; "Yemen's
    # warring parties", "the envoy for Yemen", "ethnic Albanian" name no state acting.
    # 0.72 (0.7246 over all 55): the third fresh batch (first run 0.500 on its three articles);
    # the 52 before unchanged at 0.7338.
    # 0.71 (0.7163 over all 66): the fourth fresh batch (first run 0.669); the 55 before
    # unchanged at 0.7246.
    # 0.73 (0.7352 over all 66): the same (who14), with a demonym before a thing or in a
    # "-backed"/"-installed" compound, a former office's state and a body's name cut short no
    # actors.
    # 0.74 (0.7409): with a state after a city and a comma no actor, and an opening pronoun the
    # subject of the sentence before (who14).
    # 0.73 (0.7398 over all 69): the measured set grew by the fifth fresh batch (three articles,
    # first run 0.687); the 66 before unchanged at 0.7409.
    # 0.70 (0.7099, 1765 of 2486, over all 79): the measured set grew by the sixth fresh batch
    # (first run 0.543); the 69 before unchanged at 0.7364.
    # 0.70 kept (0.7026, 1918 of 2730, over all 89): the seventh fresh batch's first run is 0.627;
    # the 79 before unchanged at 0.7099.
    # 0.70 kept (0.7001, 2075 of 2964, over all 99): the eighth fresh batch's first run is 0.671
    # (157 of 234); the 89 before unchanged at 0.7026.
    # 0.70 kept (0.7078, 2090 of 2953, over all 99): the ninth fresh batch's first run is 0.771;
    # the 89 before unchanged at 0.7026.
    # 0.70 kept (0.7058 over all 109): both batches measured.
    # 0.71 (0.7134 over all 109): people18's and clause18's rules merged with both new batches.
    # 0.715 (0.7171 over all 109): lede18's limits on lent names and types18 merged.
    # 0.715 kept (0.7157, 2449 of 3422, over all 119): the tenth fresh batch's first run is 0.696
    # (158 of 227); the 109 before unchanged at 0.7171 (2291 of 3195).
    # 0.705 (0.7084, 2684 of 3789, over all 129): the measured set grew by the eleventh fresh
    # batch (first run 0.629, 220 of 350); the 119 before unchanged at 0.7165 (2464 of 3439).
    # 0.73 (0.7320): the participant model switched on drops 20 wrong rule names for 1 right on validation.
    # 0.725 (0.7250 over all 129): the eleventh batch merged after session 20's rules and model.
    # 0.725 kept (0.7258, 2996 of 4128, over all 139): the twelfth fresh batch's first run is
    # 0.738 (175 of 237); the 129 before unchanged at 0.7250 (2821 of 3891).
    # 0.725 kept (0.7252) over training and validation only (129 articles, 1,705 events): the held-out twelfth batch
    # left the pooled ratchet (tests/articles/batches.yaml, role: held_out), so no rule is chosen on it.
    # 0.725 kept (0.7289) over training and validation (139 articles): the twelfth batch joined validation.
    # 0.73 (0.7314, 3132 of 4282): who23's rules above (no state from a former office's
    # apposition; a chamber spoken to does not act).
    # 0.73 kept (0.7326 over the 139 after session 23's merges; 0.7316 over training and validation, 149 articles, 1,942 events): the thirteenth batch left
    # held_out for validation in session 24 (its first run and session 23's rules; the fourteenth stays held out).
    # 0.73 kept (0.7315) over training and validation (159 articles, 2,074 events): the fourteenth batch left
    # held_out for validation in session 26 (its first run and sessions 23-25's rules; the fifteenth stays held out).
    # 0.735 (0.7366, 3317 of 4503, over training and the validation of sessions 24-25): who26's rules (a planned visit
    # hosted by no one yet; a bulletin's brief borrows from no other; Liberia's IGNU is not Libya).
    # 0.73 (0.7323) over training and validation (169 articles, 2,206 events): the fifteenth batch left
    # held_out for validation at the end of session 26 (its first run and session 26's rules; the sixteenth is held out).
    # 0.755 (0.7576) after sessions 27's gold changes (conv27, conval27): names the extractor gave
    # that the old gold lacked (hosts of visits, whom a person speaks for) are now asked for.
    # 0.755 kept (0.7588) over training and validation (176 articles, 2,321 events) at the end of session 27: the sixteenth batch left
    # held_out for validation (its first run and session 27's rules; the seventeenth is held out).
    # 0.755 kept (0.7602 over the 176 after session 28's merges; 0.7562) over training and validation (184 articles, 2,440 events) at the end of session 28: the seventeenth batch left
    # held_out for validation (its first run and session 28's rules; the eighteenth is held out).
    # 0.757 (0.7585 over 194 articles) at the end of session 29.
    # 0.757 kept (0.7611 over 210 articles) in session 31's middle.
    assert precision["actors"] >= 0.757, precision
    # 0.73 and 0.73 with the fresh batch and the rules above merged (0.736 and 0.736 over all 42).
    # Places 0.74 (0.748 over all 42): origins ("monitors from Norway"), world regions and
    # document titles are no places of the event; demonyms after "the" are no cities.
    # 0.76 (0.767): the same rules (where13). 0.77 (0.778): a person's words are not placed
    # where what they speak of happened ("Kirby said on Friday that ... the war in Yemen").
    # 0.73 (0.734 over all 52) with the same merged.
    # 0.74 (0.745 over all 52): fresh13, who13 and where13 merged.
    # 0.74 (0.7415): a reference point "north of Stockholm", a sea describing a port, states
    # GeoNames names otherwise, "in Lome, the capital of Togo" (where13).
    # 0.75 (0.754 over all 52): the same merged.
    # 0.74 (0.7465 over all 55): the third fresh batch (first run 0.545); the 52 before unchanged
    # at 0.7536.
    # 0.75 (0.7542): smaller towns of the article's country, "the Rift Valley", "the city" not a
    # reference point, the venue's country for an article that names no country (where14).
    # 0.76 (0.7628, recall 0.7952): a signing or meeting takes no venue said with a date more
    # than venue_days away (the FARC's accord last November is not at the ELN's talks in Quito).
    # 0.77 (0.7771): the same (where14).
    # 0.72 (0.7294 over all 66): the fourth fresh batch (first run 0.607); the 55 before
    # unchanged at 0.7465.
    # 0.75 (0.7554 over all 66): where14's rules merged with the fourth fresh batch.
    # 0.76 (0.7620 over all 69, recall 0.7643 unchanged in hits): a parliament whose state is not
    # named gets no capital; a military act of the article's own state takes no country from the
    # fallback (where15; both kept because the held-out fourth and fifth batches rose).
    # 0.73 (0.7363 over all 79): the measured set grew by the sixth fresh batch (first run
    # 0.596); the 69 before unchanged at 0.7542. (where15 did not score the sixth batch, held
    # out from it: its two narrowings above raised the 69 to 0.7620; the bar over the 79 stays
    # for the integrator to re-measure.)
    # 0.74 (0.7432 over all 79, 651 of 876): re-measured with fresh15's date rules and where15's
    # narrowings merged.
    # 0.72 (0.7257, 693 of 955, over all 89): the measured set grew by the seventh fresh batch
    # (first run 0.535); the 79 before unchanged at 0.7445.
    # 0.72 kept: where16's place rules raise the 79 before the seventh batch to 0.7497 (650 of
    # 867); the seventh batch is held out from where16 (the bar over the 89: the integrator's).
    # 0.715 (0.7167, 749 of 1045, over all 99): the measured set grew by the eighth fresh batch
    # (first run 0.578, 52 of 90); the 89 before unchanged at 0.7298 (697 of 955).
    # 0.715 (0.7151, 748 of 1046, over all 99): the measured set grew by the ninth fresh batch
    # (first run 0.560, 51 of 91); the 89 before unchanged at 0.7298.
    # 0.70 (0.7036 over all 109): both batches in the measured set, the 89 before unchanged.
    # 0.73 (0.7360, 697 of 947; 0.7298, 697 of 955 before): a place told only in another clause
    # of the sentence than the date's is that clause's (extract/clauses.py: a speaker's frame, a
    # clause joined with its own subject, an 'after' clause, a relative clause); no batch fell.
    # 0.74 (0.7439, 697 of 937): ', and' joins a clause with its own subject too, and 'since'
    # opens a clause of another time; no batch fell.
    # 0.715 (0.7158 over all 109): people18's and clause18's rules merged with both new batches.
    # 0.70 (0.7023, 854 of 1216, over all 119): the measured set grew by the tenth fresh batch
    # (first run 0.511, 45 of 88); the 109 before unchanged at 0.7172 (809 of 1128).
    # 0.71 (0.7144 over all 119): session 18's place rules merged.
    # 0.71 kept (0.7116, 930 of 1307, over all 129): the eleventh fresh batch's first run is
    # 0.671 (57 of 85); the 119 before unchanged at 0.7144 (873 of 1222).
    # 0.715 (0.7170): places20's source seats.
    # 0.71 (0.7140 over all 129): the eleventh batch merged after session 20's rules.
    # 0.71 kept (0.7110, 984 of 1384, over all 139): the twelfth fresh batch's first run is
    # 0.662 (53 of 80); the 129 before unchanged at 0.7140 (931 of 1304).
    # 0.71 kept (0.7145) over training and validation only (129 articles, 1,705 events): the held-out twelfth batch
    # left the pooled ratchet (tests/articles/batches.yaml, role: held_out), so no rule is chosen on it.
    # 0.715 (0.7194): session 22 merged; actors precision 0.725 kept (0.7285).
    # 0.715 kept (0.7151) over training and validation (139 articles): the twelfth batch joined validation.
    # 0.725 (0.7284) over the 139 after session 23's merges;
    # 0.72 (0.7232) over training and validation (149 articles, 1,942 events): the thirteenth batch left
    # held_out for validation in session 24 (its first run and session 23's rules; the fourteenth stays held out).
    # 0.715 (0.7179) over training and validation (159 articles, 2,074 events): the fourteenth batch left
    # held_out for validation in session 26 (its first run and sessions 23-25's rules; the fifteenth stays held out).
    # 0.72 (0.7244) after session 26's merges (where26's reference points and relation words).
    # 0.72 kept (0.7205) over training and validation (169 articles, 2,206 events): the fifteenth batch left
    # held_out for validation at the end of session 26 (its first run and session 26's rules; the sixteenth is held out).
    # 0.72 kept (0.7220) over training and validation (176 articles, 2,321 events) at the end of session 27: the sixteenth batch left
    # held_out for validation (its first run and session 27's rules; the seventeenth is held out).
    # 0.72 kept (0.7281 over the 176 after session 28's merges; 0.7213) over training and validation (184 articles, 2,440 events) at the end of session 28: the seventeenth batch left
    # held_out for validation (its first run and session 28's rules; the eighteenth is held out).
    # 0.715 (0.7198) over 210 articles in session 31's middle: the twentieth batch (place precision
    # 0.589) left held_out for training.
    assert precision["locations"] >= 0.715, precision


# Rules and their examples -----------------------------------------------------------------------
@pytest.mark.parametrize("sentence, published, expected", status_cues().examples, ids=lambda v: str(v)[:40])
def test_status_rule_examples(sentence, published, expected):
    events = extract_events(sentence, published=published)
    assert list(events["status"]) == [expected]


def test_a_sentence_with_two_dates_for_two_events_gives_two_rows():
    text = "The envoy met both delegations on Monday and said talks would resume on March 3."
    events = extract_events(text, published="2021-02-24")
    assert list(events["date_start"].dt.date.astype(str)) == ["2021-02-22", "2021-03-03"]
    # an envoy meeting the parties' delegations is a sitting of the mediation (README, conventions on types)
    assert list(events["event_type"]) == ["talks", "resumption"]
    assert list(events["status"]) == ["occurred", "planned"]


@pytest.mark.parametrize("example", INHERIT_EXAMPLES, ids=lambda e: e["text"][:40])
def test_a_continuing_sentence_inherits_the_date_marked_as_inherited(example):
    events = extract_events(example["text"], published=example["published"])
    inherited = events[events["date_inherited"]]
    assert list(inherited["sentence"]) == [example["inherited"]]
    assert inherited["date_rule"].iloc[0].startswith("inherited from the previous sentence")
    if "date" in example:  # the sentence before holds several dates: the one it points back to
        assert str(inherited["date_start"].iloc[0].date()) == str(example["date"])
    assert inherited["confidence"].iloc[0] < events[~events["date_inherited"]]["confidence"].iloc[0]


@pytest.mark.parametrize("example", load_yaml("event_types.yaml")["events"]["vague_event_examples"],
                         ids=lambda e: e["text"][:40])
def test_a_bounded_stretch_ahead_dates_a_planned_event_and_an_open_future_none(example):
    events = extract_events(example["text"], published=str(example["published"]))
    got = [[str(r["date_start"].date()), str(r["date_end"].date()), r["status"]] for r in events.to_dict("records")]
    assert got == [[str(s), str(e), status] for s, e, status in example["dated"]]


def test_a_date_without_event_words_is_kept_as_other_and_less_sure():
    events = extract_events("The rebel group began to fall apart in mid-1996. Envoys met on Monday.",
                            published="1998-03-04")
    kinds = dict(zip(events["timex_text"], zip(events["event_type"], events["confidence"])))
    assert kinds["mid-1996"][0] == "other"
    assert kinds["mid-1996"][1] < kinds["Monday"][1]


def test_a_planned_date_is_not_inherited():
    text = "The envoy said talks would resume on Feb. 25. He also urged the powers to act."
    events = extract_events(text, published="2016-02-03")
    assert not events["date_inherited"].any()


@pytest.mark.parametrize("text", [
    "The ceasefire has held for five years.",
    "Envoys meet every Friday in Geneva.",
    "For now, the talks in Geneva are paused.",
    "No date at all in this sentence about the talks.",
])
def test_durations_sets_and_now_are_not_event_dates(text):
    assert extract_events(text, published="2016-02-03").empty


def test_dates_beyond_what_the_table_holds_are_left_out_not_a_crash():
    events = extract_events("Monks built the abbey in the 11th century. Talks resumed on Monday.",
                            published="2016-02-03")
    assert list(events["timex_text"]) == ["Monday"]


def test_event_ids_are_stable_across_runs_and_differ_between_events(seed_text):
    first = extract_events(seed_text, published=SEED_PUBLISHED, doc_id="a")
    again = extract_events(seed_text, published=SEED_PUBLISHED, doc_id="a")
    other_doc = extract_events(seed_text, published=SEED_PUBLISHED, doc_id="b")
    assert list(first["event_id"]) == list(again["event_id"])
    assert first["event_id"].is_unique
    assert not set(first["event_id"]) & set(other_doc["event_id"])


def test_extract_events_returns_the_schema_even_without_events():
    events = extract_events("Nothing happened.", published="2020-01-01")
    assert list(events.columns) == list(schema.EVENT_COLUMNS)
    assert events.empty
    assert list(extract_events("", published="2020-01-01").columns) == list(schema.EVENT_COLUMNS)


def test_the_events_table_comes_in_the_schema_as_built(seed_events):
    # Built column by column in the final dtypes: validating it finds nothing to change.
    assert schema.validate(seed_events) is seed_events
    assert dict(seed_events.dtypes.astype(str)) == schema.EVENT_COLUMNS
    assert all(type(v) is list for c in schema.LIST_COLUMNS for v in seed_events[c])


def test_the_events_table_is_what_the_public_dataframe_constructor_builds(seed_events):
    # The table skips pandas' per-column checks; a frame built the public way is the same, and
    # appending, filtering and writing it work as on any frame.
    public = pd.DataFrame({c: seed_events[c].array for c in seed_events.columns})
    pd.testing.assert_frame_equal(seed_events, public)
    both = pd.concat([seed_events, seed_events], ignore_index=True)
    assert len(both) == 2 * len(seed_events) and schema.validate(both) is both
    assert seed_events[seed_events["date_inherited"] == False]["char_start"].dtype == "Int64"  # noqa: E712


def test_an_empty_events_table_is_a_fresh_copy_each_time():
    first = extract_events("Nothing happened.", published="2020-01-01")
    del first[schema.DOC_ID]
    assert list(extract_events("Nothing happened.", published="2020-01-01").columns) == list(schema.EVENT_COLUMNS)


def test_extract_events_without_doc_id_derives_one_from_the_text():
    a = extract_events("Talks resumed in Geneva on Jan. 5, 2016.", published="2016-02-03")
    b = extract_events("Talks resumed in Geneva on Jan. 5, 2016.", published="2016-02-03")
    assert a["doc_id"].iloc[0] == b["doc_id"].iloc[0] != ""


@pytest.mark.parametrize("bad", [b"bytes", 42, None])
def test_extract_events_refuses_what_is_not_text(bad):
    with pytest.raises(InputError):
        extract_events(bad, published="2016-02-03")  # type: ignore[arg-type]


def test_extract_events_refuses_an_impossible_publication_date():
    with pytest.raises(InputError):
        extract_events("Talks resumed on Monday.", published="2016-02-30")


# API and the committed data ---------------------------------------------------------------------
def test_public_api_exports_extract_functions():
    assert timeline.extract_events is extract_events
    assert timeline.extract_document is extract_document
    assert timeline.extract_file is extract_file


def test_extract_file_reads_metadata_from_the_sidecar(seeds_dir):
    events = extract_file(seeds_dir / "000_37ce115855780b04.txt")
    assert len(events) >= 9
    assert set(events["doc_id"]) == {"000_37ce115855780b04"}


def test_committed_seed_events_match_a_fresh_extraction(seeds_dir):
    """data/seed_events.csv is made by `timeline extract seeds/ -o data/seed_events.csv`."""
    from timeline.cli import _concat

    fresh = _concat([extract_file(p) for p in sorted(seeds_dir.glob("*.txt"))])
    committed = (REPO / "data" / "seed_events.csv").read_bytes()
    assert exports.events_to_csv(fresh) == committed, "run: timeline extract seeds/ -o data/seed_events.csv"


def test_seed_events_csv_has_no_spreadsheet_formulas():
    with open(REPO / "data" / "seed_events.csv", encoding="utf-8-sig", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "@")]


@pytest.mark.parametrize("text, published, day", load_yaml("datelines.yaml")["filing_day"]["examples"],
                         ids=lambda v: str(v)[:40])
def test_today_in_a_story_counts_from_the_day_its_dateline_names(text, published, day):
    # A morning paper prints on 9 August what its reporter wrote "tonight" under "Aug. 8".
    events = extract_events(text, published=published)
    assert [str(d.date()) for d in events["date_start"]] == [day]


def test_a_live_blog_entry_stamp_dates_its_events_but_not_a_sentence_that_gives_its_own_day():
    blog = ("Live: the ceasefire talks\n\n"
            "16:05 It is over. The two delegations signed the ceasefire in the hotel a few minutes ago.\n\n"
            "12:10 Recap: the mediator suspended the talks on Tuesday. Rebels shelled the port overnight.\n\n"
            "09:30 Good morning.\n")
    events = extract_events(blog, published="2016-02-04")
    by_sentence = {r["sentence"][:20]: (str(r["date_start"].date()), r["event_type"]) for _, r in events.iterrows()}
    assert by_sentence["The two delegations "] == ("2016-02-04", "ceasefire")
    # the recap's suspension is on Tuesday only, not also at the entry's 12:10
    assert [d for s, d in by_sentence.items() if s.startswith("12:10")] == [("2016-02-02", "suspension")]
    # a stamp over no event ("Good morning.", "It is over.") is no row
    assert not [s for s in by_sentence if s.startswith(("09:30", "16:05"))]


@pytest.mark.parametrize("blog, acted, housekeeping", [
    # the stamp's own sentence: what he did at 18:30 is on the timeline, though no cue types it
    ("Live: the peace talks\n\n19:40 - That is all from us for now.\n\n"
     "18:30 - Norway's foreign minister, Jonas Gahr Store, went first.\n", "18:30 - Norway's", "19:40 - That"),
    # a later sentence of the entry
    ("Live: the peace talks\n\n16:05 The session is over. Norway's foreign minister, Jonas Gahr Store, "
     "left the hotel by a side door. More soon.\n", "Norway's foreign", "More soon."),
], ids=["stamp's sentence", "later sentence"])
def test_a_live_blog_entry_with_no_event_word_is_a_row_when_it_names_who_acted(blog, acted, housekeeping):
    events = extract_events(blog, published="2012-10-18")
    sentences = [(r["sentence"], str(r["date_start"].date())) for _, r in events.iterrows()]
    assert [day for sentence, day in sentences if sentence.startswith(acted)] == ["2012-10-18"]
    # the blog's own housekeeping names no one: no row
    assert not [sentence for sentence, _ in sentences if sentence.startswith(housekeeping)]


def test_a_live_blog_entry_whose_first_sentence_says_only_today_still_dates_the_rest_of_the_entry():
    blog = ("Live: the talks\n\n"
            "18:45 That is where we leave our coverage for today. The foreign minister said the talks were useful.\n\n"
            "15:20 The deputy defence minister announces that the army will reduce its activity.\n")
    events = extract_events(blog, published="2022-03-29")
    by_sentence = {r["sentence"][:20]: (str(r["date_start"].date()), r["event_type"], r["status"])
                   for _, r in events.iterrows()}
    assert by_sentence["The foreign minister"] == ("2022-03-29", "statement", "occurred")
    # a present-tense entry ("announces that ... will") is a statement made then, not a plan
    assert by_sentence["15:20 The deputy def"] == ("2022-03-29", "statement", "occurred")


@pytest.mark.parametrize("line", ["17 January 2016", "Thursday, January 14, 2016", "Sunday 17 January 2016."])
def test_a_date_line_under_the_headline_is_no_event(line):
    events = extract_events(f"Iran deal: what comes next\n\n{line}\n\nThe agency confirmed on Saturday that Iran had "
                            "met its commitments.\n", published="2016-01-17")
    assert list(events["timex_text"]) == ["Saturday"]


def test_a_qa_question_on_its_own_line_dates_its_answer_and_is_no_event_itself():
    explainer = ("What happened on Saturday?\n"
                 "Late in the evening the agency said Iran had kept its word. Minutes later the two ministers read a joint statement.\n"
                 "What comes next?\n"
                 "The envoy met the delegations.\n")
    events = extract_events(explainer, published="2016-01-17")
    by_sentence = {r["sentence"][:20]: str(r["date_start"].date()) for _, r in events.iterrows()}
    assert by_sentence == {"Late in the evening ": "2016-01-16", "Minutes later the tw": "2016-01-16"}
    # a question inside a paragraph of the story is no heading: it keeps its own row
    asked = extract_events("Will the envoy meet them on Monday? Diplomats doubt it.", published="2016-01-17")
    assert list(asked["timex_text"]) == ["Monday"]


@pytest.mark.parametrize("text", [
    "CRANS-MONTANA, Switzerland, 8 July 2017 — The envoy met the two leaders on Friday.",
    "DOHA, Qatar (Nov 22) — The envoy met the two leaders on Friday.",
    "BEIRUT, July 8 (Reuters) - The envoy met the two leaders on Friday.",
])
def test_the_date_of_a_dateline_is_not_an_event(text):
    events = extract_events(text, published="2017-07-08")
    assert list(events["timex_text"]) == ["Friday"]


@pytest.mark.parametrize("text, expected", [
    ("The Red Cross said its teams were ready. Its president met the group's leader in Qatar on Monday.",
     "International Committee of the Red Cross"),
    ("Hamas said it would respect the pause. Its armed wing fired rockets at Tel Aviv on Tuesday night.", "Hamas"),
])
def test_an_opening_its_brings_the_subject_of_the_sentence_before(text, expected):
    events = extract_events(text, published="2023-11-22")
    assert expected in events["actors"].iloc[-1]


@pytest.mark.parametrize("example", load_yaml("event_types.yaml")["events"]["contrast_examples"],
                         ids=lambda e: e["text"][:40])
def test_a_date_after_not_is_a_contrast_and_dates_nothing(example):
    events = extract_events(example["text"], published="2022-11-03")
    assert [t.removeprefix("on ") for t in events["timex_text"]] == example["dated"]


def test_an_opening_it_brings_the_group_but_a_dummy_it_does_not(monkeypatch):
    # The pronoun rule alone: with the participant model on, the truce takes the M23 as the
    # article's only party (a reader would), not through the dummy "It".
    import dataclasses

    from timeline.extract import events as extraction
    from timeline.extract.discourse.participants import model

    monkeypatch.setattr(extraction, "participant_model", lambda: dataclasses.replace(model(), active=False))
    text = ("The M23 first took up arms in 2012. It resumed fighting late last year. "
            "It is unclear whether the truce will hold on Friday.")
    events = extract_events(text, published="2022-11-24")
    actors = dict(zip(events["timex_text"], events["actors"]))
    assert "M23" in actors["late last year"]
    assert "M23" not in actors["Friday"]


@pytest.mark.parametrize("text", [
    "The two sides met in Geneva on Tuesday.\n\nThey had met twice before in Vienna.",
    "The two sides signed a deal on Tuesday.\n\nThe rebels will sign the accord next year in Rome.",
    "Envoys met in Geneva on Tuesday. Analysts said the weather was mild.",
    # comment in the present, or on likelihood
    "The pope met the president on Tuesday.\n\nThe pope's visit is important to the talks.",
    "The envoy visited the town on Tuesday. A second visit by the minister appeared more likely.",
])
def test_a_sentence_about_another_time_no_event_or_a_comment_does_not_inherit(text):
    events = extract_events(text, published="2023-10-18")
    assert not events["date_inherited"].any()


def test_the_bloc_is_the_organisation_named_shortly_before():
    text = "Brunei chairs ASEAN this year. The bloc's foreign ministers will meet in June."
    events = extract_events(text, published="2021-04-25")
    june = events[events["sentence"].str.startswith("The bloc")]
    assert list(june["actors"]) == [["ASEAN"]]


@pytest.mark.parametrize("text, group", [
    ("The Contact Group met in Vienna on Monday. The bloc's ministers will meet again in June.", "Contact Group"),
    ("Envoys of the Middle East Quartet met in Cairo on Monday. The quartet will meet again in June.", "Quartet"),
])
def test_the_bloc_or_the_quartet_is_the_group_of_states_named_shortly_before(text, group):
    events = extract_events(text, published="2021-04-25")
    june = events[events["sentence"].str.contains("June")]
    assert list(june["actors"]) == [[group]]


def test_the_tribunal_is_the_body_of_that_name_named_shortly_before():
    text = ("The Eritrea-Ethiopia Boundary Tribunal was set up in 2000 under the accords. "
            "The tribunal ruled on the border in April 2002.")
    events = extract_events(text, published="2002-05-01")
    april = events[events["sentence"].str.startswith("The tribunal")]
    assert list(april["actors"]) == [["Eritrea-Ethiopia Boundary Tribunal"]]


def test_an_opening_it_is_not_a_state_known_only_from_an_adjective():
    text = "The British company sold its stake on Monday. It had been due to expire on Friday evening."
    events = extract_events(text, published="1998-03-04")
    assert "United Kingdom" not in events.iloc[-1]["actors"]


@pytest.mark.parametrize("text, dates", [
    ("The Good Friday Agreement of 1998 ended the Troubles.", ["1998-01-01"]),
    ("The Sunday Times reported on Monday that talks would resume.", ["2019-06-10"]),
    ("Talks resumed on Sunday.", ["2019-06-09"]),
])
def test_a_day_inside_a_name_is_no_date(text, dates):
    events = extract_events(text, published="2019-06-12")
    assert list(events["date_start"].dt.date.astype(str)) == dates


@pytest.mark.parametrize("example", load_yaml("event_types.yaml")["events"]["follow_examples"],
                         ids=lambda e: e["text"][:40])
def test_a_sentence_that_follows_suit_takes_the_event_type_before_it(example):
    events = extract_events(example["text"], published=example["published"])
    assert list(events["event_type"]) == example["types"]


def test_every_fresh_batch_names_gold_articles_and_its_first_run():
    import yaml

    batches = yaml.safe_load((ARTICLES / "batches.yaml").read_text())["batches"]
    names = [name for batch in batches for name in batch["articles"]]
    assert len(names) == len(set(names)), "an article is in two batches"
    assert all((ARTICLES / f"{name}.gold.json").exists() for name in names)
    assert all(set(batch["first_run"]) == {"actors", "actor_precision", "places", "place_precision"}
               for batch in batches)
