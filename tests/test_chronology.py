"""The chronology: mentions of many articles merged into events, with keys, history, headlines
and salience. Each hard case of merging has its own short article(s), written for this test."""
from __future__ import annotations

import datetime as dt
import gc
import json

import pandas as pd
import pytest

import timeline
from timeline import schema
from timeline.corpus import headlines, merge
from timeline.corpus.chronology import chronology, update_chronology, update_chronology_rows
from timeline.errors import InputError
from timeline.present.rows import records


def mentions(*articles: tuple[str, dt.date, str]) -> pd.DataFrame:
    """The concatenated mentions of (doc_id, published, text) articles."""
    return pd.concat([timeline.extract_events(text, published=published, doc_id=doc)
                      for doc, published, text in articles], ignore_index=True)


def documents(*articles: tuple[str, dt.date, str], sources: dict[str, str] | None = None) -> pd.DataFrame:
    rows = [{schema.DOC_ID: doc, schema.TITLE: doc, schema.SOURCE: (sources or {}).get(doc, ""),
             schema.PUBLISHED: pd.Timestamp(published), schema.PATH: "", schema.TEXT: text,
             schema.CONTENT_HASH: doc} for doc, published, text in articles]
    return schema.validate_documents(pd.DataFrame(rows))


def history(row: pd.Series) -> list[tuple[str, str, str]]:
    return [(h["status"], h["date_start"], h["doc_id"]) for h in json.loads(row[schema.STATUS_HISTORY])]


def day(value: object) -> str:
    return str(value)[:10]


# --- the hard cases of merging --------------------------------------------------------------------
ANNOUNCED = ("announce", dt.date(2016, 2, 3),
             "Foreign ministers of the ISSG will meet in Munich next week to discuss a ceasefire in Syria.")
HELD = ("held", dt.date(2016, 2, 12),
        "The ISSG foreign ministers met in Munich on Thursday and agreed to seek a cessation of hostilities in Syria.")


def test_a_meeting_announced_for_next_week_and_then_held_is_one_event_with_its_history():
    chron = chronology(mentions(ANNOUNCED, HELD), documents(ANNOUNCED, HELD))
    assert len(chron) == 1
    event = chron.iloc[0]
    assert day(event[schema.DATE_START]) == "2016-02-11" and event[schema.STATUS] == "occurred"
    assert history(event) == [("planned", "2016-02-08", "announce"), ("occurred", "2016-02-11", "held")]
    assert event[schema.N_ARTICLES] == 2


def test_talks_running_overnight_reported_on_both_days_are_one_event_over_both_days():
    chron = chronology(mentions(
        ("wed", dt.date(2015, 2, 12), "Leaders of Russia, Ukraine, France and Germany negotiated through the "
                                      "night in Minsk on Wednesday."),
        ("thu", dt.date(2015, 2, 13), "After talks in Minsk that ran through the night, the leaders of Russia, "
                                      "Ukraine, France and Germany agreed on a ceasefire on Thursday."),
    ))
    assert len(chron) == 1
    assert (day(chron.iloc[0][schema.DATE_START]), day(chron.iloc[0][schema.DATE_END])) == ("2015-02-11", "2015-02-12")


TRUCE_DAY = ("truce", dt.date(2016, 2, 28), "A nationwide truce in Syria took effect on Saturday, the United Nations said.")
TRUCE_LATER = ("recalled", dt.date(2016, 3, 20), "Last month's truce in Syria has largely held, the United Nations said.")


def test_a_coarse_mention_joins_the_one_day_level_event_it_refers_to():
    chron = chronology(mentions(TRUCE_DAY, TRUCE_LATER))
    truce = chron[chron[schema.EVENT_TYPE] == "ceasefire"]
    assert len(truce) == 1
    assert day(truce.iloc[0][schema.DATE_START]) == "2016-02-27"
    assert set(truce.iloc[0][schema.DOC_IDS]) == {"truce", "recalled"}


def test_a_coarse_mention_stays_apart_when_two_events_of_its_month_fit_it():
    second = ("second", dt.date(2016, 2, 20),
              "A local truce in Syria took effect on Thursday around Homs, the United Nations said.")
    chron = chronology(mentions(TRUCE_DAY, second, TRUCE_LATER))
    truces = chron[chron[schema.EVENT_TYPE] == "ceasefire"]
    assert sorted(r[schema.GRANULARITY] for _, r in truces.iterrows()) == ["day", "day", "month"]


def test_a_council_vote_and_a_ministers_meeting_on_the_same_day_in_the_same_city_stay_apart():
    chron = chronology(mentions(
        ("ny", dt.date(2016, 2, 13), "The Security Council voted in New York on Friday to extend the mission in "
                                     "South Sudan. Separately, foreign ministers met in New York on Friday to "
                                     "discuss aid to Yemen."),
    ))
    assert len(chron) == 2
    assert set(chron[schema.EVENT_TYPE]) == {"resolution", "meeting"}


def test_two_sentences_of_one_article_about_one_happening_are_one_event():
    chron = chronology(mentions(
        ("geneva", dt.date(2016, 2, 4), "The United Nations suspended the Syria peace talks in Geneva on Wednesday. "
                                        "On Wednesday, the UN envoy suspended the talks in Geneva after the Syrian "
                                        "government stepped up its offensive."),
    ))
    assert len(chron) == 1 and chron.iloc[0][schema.N_MENTIONS] == 2


def test_a_postponement_links_the_planned_date_to_the_actual_one_without_claiming_the_first():
    chron = chronology(mentions(
        ("late", dt.date(2016, 3, 24), "The talks, which had been due to open on March 8, finally opened in Geneva "
                                       "on March 23, the UN said."),
    ))
    assert len(chron) == 1
    event = chron.iloc[0]
    assert day(event[schema.DATE_START]) == "2016-03-23" and event[schema.STATUS] == "occurred"
    assert history(event) == [("postponed", "2016-03-08", "late"), ("occurred", "2016-03-23", "late")]
    assert not (chron[schema.DATE_START] == pd.Timestamp("2016-03-08")).any()


def test_a_plan_for_the_old_date_joins_the_event_it_was_moved_to():
    plan = ("plan", dt.date(2016, 3, 1), "The UN said the Syria talks would open in Geneva on March 8.")
    late = ("late", dt.date(2016, 3, 24), "The Syria talks, which had been due to open on March 8, finally opened "
                                          "in Geneva on March 23, the UN said.")
    chron = chronology(mentions(plan, late), documents(plan, late))
    assert len(chron) == 1
    assert history(chron.iloc[0]) == [("planned", "2016-03-08", "plan"), ("postponed", "2016-03-08", "late"),
                                      ("occurred", "2016-03-23", "late")]


@pytest.mark.parametrize("sentence, planned, actual", merge.rules().plan_examples)
def test_plan_cue_examples_of_the_data_file_mark_the_moved_date_only(sentence, planned, actual):
    found = merge.mention_features(mentions(("x", dt.date(2016, 6, 1), sentence)))
    cued = {f.sentence[f.timex_offset:].startswith(planned): merge.plan_cue_before(f, merge.rules()) for f in found}
    assert cued == {True: True, False: False}, [f.sentence[f.timex_offset:] for f in found]


# --- keys, incremental updates ----------------------------------------------------------------------
UNRELATED = ("yemen", dt.date(2016, 4, 12), "Yemen's warring parties agreed to a truce that took effect on "
                                            "Sunday in Kuwait, the UN envoy said.")


def test_the_same_corpus_gives_the_same_keys():
    a = chronology(mentions(ANNOUNCED, HELD, TRUCE_DAY))
    b = chronology(mentions(TRUCE_DAY, HELD, ANNOUNCED))
    assert sorted(a[schema.EVENT_KEY]) == sorted(b[schema.EVENT_KEY])


def test_adding_an_article_keeps_the_keys_of_the_events_it_does_not_touch():
    before = chronology(mentions(ANNOUNCED, HELD, TRUCE_DAY))
    after = chronology(mentions(ANNOUNCED, HELD, TRUCE_DAY, UNRELATED))
    assert set(before[schema.EVENT_KEY]) < set(after[schema.EVENT_KEY])


def test_an_incremental_update_replaces_only_the_events_near_the_new_mentions():
    old = mentions(ANNOUNCED, TRUCE_DAY)
    new = mentions(HELD)
    previous = chronology(old)
    removed, added = update_chronology_rows(previous, pd.concat([old, new], ignore_index=True), new)
    planned_key = previous.loc[previous[schema.EVENT_TYPE] == "meeting", schema.EVENT_KEY].iloc[0]
    assert removed == [planned_key]
    updated = update_chronology(previous, pd.concat([old, new], ignore_index=True), new)
    full = chronology(pd.concat([old, new], ignore_index=True))
    assert updated[schema.EVENT_KEY].tolist() == full[schema.EVENT_KEY].tolist()
    assert updated[schema.SALIENCE].tolist() == pytest.approx(full[schema.SALIENCE].tolist())
    untouched = previous[previous[schema.EVENT_KEY] != planned_key].reset_index(drop=True)
    assert untouched.equals(updated[updated[schema.EVENT_KEY].isin(untouched[schema.EVENT_KEY])].reset_index(drop=True))


# --- headlines, salience, the table -------------------------------------------------------------------
@pytest.mark.parametrize("example", headlines.rules().examples, ids=lambda e: e["headline"])
def test_headline_examples_of_the_data_file(example):
    assert headlines.headline(example["sentence"], example["actors"], example["locations"], example["status"],
                              example.get("event_type", "other"), example.get("timex", "")) == example["headline"]


def test_headlines_use_only_words_of_the_sentences_the_verb_table_and_the_gazetteers():
    chron = chronology(mentions(ANNOUNCED, HELD, TRUCE_DAY))
    verb_forms = set(headlines.rules().forms) | {v for pair in headlines.rules().forms.values() for v in pair}
    for _, row in chron.iterrows():
        sentences = " ".join(json.dumps(h) for h in [row[schema.ACTORS], row[schema.LOCATIONS]])
        text = " ".join(mentions(ANNOUNCED, HELD, TRUCE_DAY)[schema.SENTENCE]) + " " + sentences
        for word in row[schema.HEADLINE].replace(":", " ").split():
            # a subject phrase opens the line with a capital ("Nationwide truce takes effect")
            assert word in text or word.lower() in text.lower() or word.lower() in verb_forms \
                or word in {"to", "in"}, (word, row[schema.HEADLINE])


def test_a_plan_reads_to_verb_and_a_happening_in_the_third_person():
    chron = chronology(mentions(ANNOUNCED, UNRELATED))
    by_status = dict(zip(chron[schema.STATUS], chron[schema.HEADLINE]))
    assert by_status["planned"] == "ISSG to meet in Munich"


def test_an_event_reported_by_more_articles_and_outlets_ranks_above_a_single_mention():
    arts = [(f"a{i}", dt.date(2016, 2, 28 + i) if i < 2 else dt.date(2016, 3, 20 + i),
             "A nationwide truce in Syria took effect on Feb. 27, the United Nations said.") for i in range(4)]
    lone = ("lone", dt.date(2016, 2, 29), "Jordan's king visited a refugee camp near Amman on Sunday.")
    docs = documents(*arts, lone, sources={"a0": "Reuters", "a1": "AP", "a2": "BBC", "a3": "AP"})
    chron = chronology(mentions(*arts, lone), docs).sort_values(schema.SALIENCE, ascending=False)
    top = chron.iloc[0]
    assert top[schema.EVENT_TYPE] == "ceasefire" and 0 < chron.iloc[-1][schema.SALIENCE] < top[schema.SALIENCE] < 1
    assert top[schema.SALIENCE_REASON].startswith("reported by 4 articles from 3 outlets")
    assert "recalled in 2 later articles" in top[schema.SALIENCE_REASON]
    assert sorted(top[schema.SOURCES]) == ["AP", "BBC", "Reuters"]


def test_without_documents_publication_days_are_read_from_the_mentions():
    chron = chronology(mentions(ANNOUNCED, HELD))
    # "next week -> ... from publication 2016-02-03"; the other article says no publication day,
    # so its latest reported happening (the Thursday before it) stands for it.
    assert day(chron.iloc[0][schema.FIRST_REPORTED]) == "2016-02-03"
    assert day(chron.iloc[0][schema.LAST_REPORTED]) == "2016-02-11"
    with_documents = chronology(mentions(ANNOUNCED, HELD), documents(ANNOUNCED, HELD))
    assert day(with_documents.iloc[0][schema.LAST_REPORTED]) == "2016-02-12"


def test_the_chronology_has_the_schema_and_is_reachable_from_the_package():
    chron = timeline.chronology(mentions(ANNOUNCED, HELD))
    assert list(chron.columns) == list(schema.CHRONOLOGY_COLUMNS)
    assert schema.validate_chronology(chron).equals(chron)
    assert chron[schema.SALIENCE].between(0, 1).all()


def test_every_column_of_the_chronology_has_its_schema_dtype_with_and_without_outlets_and_days():
    # one event told by two articles with outlets, one told once, one whose article has no
    # known publication day (its first_reported is missing): the table is built column by
    # column, and must be exactly what the schema's validation makes of it
    plan = ("plan", dt.date(2016, 3, 1), "The United Nations will open new talks in Geneva on 14 March 2016.")
    arts = (ANNOUNCED, HELD, plan)
    chron = chronology(mentions(*arts), documents(ANNOUNCED, HELD, sources={"announce": "AP", "held": "BBC"}))
    assert chron[schema.FIRST_REPORTED].isna().any() and chron[schema.FIRST_REPORTED].notna().any()
    assert (chron[schema.N_MENTIONS] > 1).any() and (chron[schema.N_MENTIONS] == 1).any()
    assert any(chron[schema.SOURCES].map(len))
    pd.testing.assert_frame_equal(schema.validate_chronology(chron), chron, check_exact=True)
    for row in chron.itertuples():   # the history is JSON as json.dumps writes it
        steps = json.loads(row.status_history)
        assert row.status_history == json.dumps(steps, ensure_ascii=False)
        assert [s["event_id"] for s in steps] == row.mention_ids


def test_no_mentions_give_an_empty_chronology_and_a_table_without_columns_a_clear_error():
    assert chronology(schema.empty_events()).empty
    with pytest.raises(InputError, match="lacks the columns"):
        chronology(pd.DataFrame({"doc_id": ["x"]}))


# --- sole event of a day: a wire story and a later recall that share little wording --------------
WIRE_VOTE = ("wire", dt.date(2007, 12, 28),
             "Kenyans voted on Thursday in a presidential election marred by delays at polling stations.")
RECALL_VOTE = ("recall", dt.date(2008, 1, 20),
               "Violence has killed hundreds since the contested ballot of Dec. 27.")


def test_a_recall_with_few_shared_words_joins_the_only_event_of_its_day():
    chron = chronology(mentions(WIRE_VOTE, RECALL_VOTE))
    on_day = chron[chron[schema.DATE_START].astype(str).str.startswith("2007-12-27")]
    assert len(on_day) == 1 and on_day.iloc[0][schema.N_ARTICLES] == 2


def test_a_recall_naming_another_city_stays_apart_from_the_only_event_of_its_day():
    other_city = ("other", dt.date(2009, 1, 20),
                  "Violence broke out in Mombasa after the contested ballot of Dec. 27.")
    chron = chronology(mentions(("wire", dt.date(2008, 12, 28),
                                 "Kenyans voted in Kisumu on Saturday in a presidential election."), other_city))
    on_day = chron[chron[schema.DATE_START].astype(str).str.startswith("2008-12-27")]
    assert len(on_day) == 2


def test_a_coarse_recall_sharing_a_few_words_joins_the_only_event_of_its_interval_that_fits():
    opened = ("opened", dt.date(2008, 1, 30), "Kofi Annan opened mediation talks in Nairobi on Tuesday.")
    recall = ("recall", dt.date(2008, 10, 16),
              "The mediation had opened in late January under heavy pressure.")
    chron = chronology(mentions(opened, recall))
    january = chron[chron[schema.DATE_START].astype(str).str.startswith("2008-01")]
    assert len(january) == 1 and january.iloc[0][schema.N_ARTICLES] == 2


def test_an_article_telling_a_night_of_talks_and_the_deal_at_dawn_gives_one_event():
    night = ("night", dt.date(1998, 4, 11),
             "Negotiators from eight parties talked at Stormont through Thursday night. "
             "The parties announced a deal at Stormont on Friday afternoon.")
    chron = chronology(mentions(night))
    assert len(chron) == 1
    assert day(chron.iloc[0][schema.DATE_START]) == "1998-04-09" and day(chron.iloc[0][schema.DATE_END]) == "1998-04-10"


def test_building_a_chronology_never_switches_the_garbage_collector_off_and_restores_it(monkeypatch):
    # a Streamlit server shares the process: other sessions' cycles must still be collected
    def refuse() -> None:
        raise AssertionError("gc.disable() called")
    monkeypatch.setattr(gc, "disable", refuse)
    before = gc.get_threshold()
    chron = chronology(mentions(ANNOUNCED, HELD))
    assert len(chron) == 1 and gc.isenabled() and gc.get_threshold() == before


# --- one person, one name across articles -------------------------------------------------------
FULL = ("full", dt.date(2012, 3, 11),
        "Envoy Tomas Ekberg met the president in Damascus on Saturday to press for a ceasefire.")
SHORT = ("short", dt.date(2012, 3, 11),
         "Mr. Ekberg said after meeting the president in Damascus on Saturday that a ceasefire was close.")


def test_a_surname_alone_in_one_article_is_the_person_another_names_in_full():
    chron = chronology(mentions(FULL, SHORT), documents(FULL, SHORT))
    event = chron[chron[schema.N_ARTICLES] == 2].iloc[0]
    assert "Tomas Ekberg" in list(event[schema.ACTORS]) and "Ekberg" not in list(event[schema.ACTORS])


def told_by_both(first: tuple, second: tuple) -> pd.Series:
    """The one chronology event that both articles tell."""
    chron = chronology(mentions(first, second), documents(first, second))
    (event,) = [row for _, row in chron.iterrows() if row[schema.N_ARTICLES] == 2]
    return event


def test_a_state_is_never_taken_for_the_surname_of_another():
    other = ("south", dt.date(2012, 3, 11),
             "Sudan and South Sudan met in Addis Ababa on Saturday to discuss the border.")
    same = ("south2", dt.date(2012, 3, 11),
            "South Sudan and Sudan held talks in Addis Ababa on Saturday about the border.")
    assert {"Sudan", "South Sudan"} <= set(told_by_both(other, same)[schema.ACTORS])


def test_a_chronologys_records_are_its_rows_as_pandas_makes_them_missing_cells_included():
    given = {schema.EVENT_KEY: ["a", "b"], schema.DATE_START: [pd.Timestamp("2020-01-02"), pd.NaT],
             schema.HEADLINE: ["Envoys meet", None], schema.ACTORS: [["Mali"], []],
             schema.N_ARTICLES: [3, None], schema.SALIENCE: [0.5, None]}
    empty = schema.empty_chronology()
    rows = schema.validate_chronology(pd.DataFrame(
        {c: given.get(c, [None, None]) for c in empty.columns}))
    columns = list(rows.columns)
    expected = rows[columns].to_dict("records")
    made = records(rows, columns)
    assert [list(r) for r in made] == [columns, columns]
    for got, want in zip(made, expected):
        for name in columns:
            assert type(got[name]) is type(want[name]) and (
                got[name] is want[name] or pd.isna(want[name]) or got[name] == want[name]), name


def test_one_event_told_by_two_articles_spelling_a_person_with_and_without_accents_names_them_once():
    plain = ("plain", dt.date(2025, 3, 4),
             "Opposition leader Jose Ramos signed a ceasefire with the army in Lima on 3 March 2025.")
    accented = ("accented", dt.date(2025, 3, 4),
                "Opposition leader José Ramos signed a ceasefire with the army in Lima on 3 March 2025.")
    names = list(told_by_both(plain, accented)[schema.ACTORS])
    assert "José Ramos" in names and "Jose Ramos" not in names
