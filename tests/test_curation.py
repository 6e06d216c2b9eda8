"""Curation: a report writer corrects the machine's chronology, and the corrections hold.

The corpus is a hand-made invented round of talks (three articles about a meeting in Doha, a
statement and a planned resumption); its chronology is made by `machine_chronology`, a toy
merge by date (the real merge is tested elsewhere: curation must work over any chronology).
Re-extraction with new rules is simulated by `reextract`: new mention ids, moved sentence
offsets, so every event key changes.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import pathlib

import pandas as pd
import pytest

from timeline import schema
from timeline.corpus import curation
from timeline.corpus.curation import log as curation_log
from timeline.errors import InputError

DOCS = {"doc-a": ("Wire", "2023-05-08"), "doc-b": ("Radio", "2023-05-09"),
        "doc-c": ("Daily", "2023-05-10")}
MENTIONS = [
    # id, doc, day, type, status, actors, places, sentence, sentence start, timex start
    ("a1", "doc-a", "2023-05-06", "meeting", "occurred", ["Qatar", "Sudan"], ["Doha"],
     "Envoys of both sides met in Doha on Saturday.", 0, 34),
    ("a2", "doc-a", "2023-05-20", "talks", "planned", ["Sudan"], [],
     "Talks will resume on May 20.", 60, 81),
    ("b1", "doc-b", "2023-05-06", "meeting", "occurred", ["Sudan"], ["Doha"],
     "The delegations sat down together on Saturday.", 0, 36),
    ("b2", "doc-b", "2023-05-07", "statement", "occurred", ["African Union"], [],
     "The African Union welcomed the meeting on Sunday.", 80, 40),
    ("c1", "doc-c", "2023-05-06", "ceasefire", "occurred", ["Chad"], ["N'Djamena"],
     "A local truce was signed in N'Djamena on Saturday.", 0, 40),
    ("c2", "doc-c", "2023-05-20", "talks", "planned", ["Qatar"], ["Doha"],
     "Qatar will host the next round on May 20.", 70, 100),
]


def make_mentions(prefix: str = "", shift: int = 0) -> pd.DataFrame:
    rows = []
    for mid, doc, day, kind, status, actors, places, sentence, start, timex in MENTIONS:
        rows.append({
            schema.DOC_ID: doc, schema.EVENT_ID: prefix + mid, schema.DATE_START: day,
            schema.DATE_END: day, schema.GRANULARITY: "day", schema.TIMEX_TEXT: "Saturday",
            schema.TIMEX_VALUE: day, schema.TIMEX_START: timex, schema.TIMEX_END: timex + 8,
            schema.DATE_RULE: "test", schema.DATE_INHERITED: False, schema.EVENT_TYPE: kind,
            schema.STATUS: status, schema.ACTORS: actors, schema.LOCATIONS: places,
            schema.SENTENCE: sentence, schema.CHAR_START: start + shift,
            schema.CHAR_END: start + len(sentence) + shift, schema.CONFIDENCE: 0.8,
            schema.CONTEXT_RULE: "",
        })
    return schema.validate(pd.DataFrame(rows))


def documents() -> pd.DataFrame:
    return schema.validate_documents(pd.DataFrame([
        {schema.DOC_ID: d, schema.TITLE: d, schema.SOURCE: src, schema.PUBLISHED: day,
         schema.PATH: None, schema.TEXT: "", schema.CONTENT_HASH: d}
        for d, (src, day) in DOCS.items()]))


def machine_chronology(mentions: pd.DataFrame) -> pd.DataFrame:
    """A toy chronology: one event per day; key from its smallest mention id."""
    rows = []
    for day, group in mentions.groupby(schema.DATE_START, sort=True):
        ids = list(group[schema.EVENT_ID])
        docs = list(dict.fromkeys(group[schema.DOC_ID]))
        history = [{"status": s, "date_start": str(day.date()), "date_end": str(day.date()),
                    "doc_id": d, "published": DOCS[d][1], "event_id": m}
                   for m, d, s in zip(ids, group[schema.DOC_ID], group[schema.STATUS])]
        first = group.iloc[0]
        rows.append({
            schema.EVENT_KEY: "ev-" + min(ids), schema.DATE_START: day, schema.DATE_END: day,
            schema.GRANULARITY: "day", schema.EVENT_TYPE: first[schema.EVENT_TYPE],
            schema.STATUS: first[schema.STATUS], schema.HEADLINE: first[schema.SENTENCE][:40],
            schema.ACTORS: list(first[schema.ACTORS]), schema.LOCATIONS: list(first[schema.LOCATIONS]),
            schema.MENTION_IDS: ids, schema.DOC_IDS: docs, schema.N_MENTIONS: len(ids),
            schema.N_ARTICLES: len(docs), schema.SOURCES: [DOCS[d][0] for d in docs],
            schema.FIRST_REPORTED: min(DOCS[d][1] for d in docs),
            schema.LAST_REPORTED: max(DOCS[d][1] for d in docs),
            schema.STATUS_HISTORY: json.dumps(history), schema.SALIENCE: 0.1 * len(ids),
            schema.SALIENCE_REASON: "", schema.REPRESENTATIVE_ID: ids[0],
        })
    return schema.validate_chronology(pd.DataFrame(rows))


def reextract() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus after a rules change: every mention has a new id and its sentence offsets
    moved (a sentence boundary found two characters later), so every event key changed."""
    mentions = make_mentions(prefix="n", shift=2)
    return mentions, machine_chronology(mentions)


@pytest.fixture
def corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    mentions = make_mentions()
    return mentions, machine_chronology(mentions)


def event(chronology: pd.DataFrame, holding: str) -> dict:
    """The row of the event holding the mention `holding`."""
    rows = [r for r in chronology.to_dict("records") if holding in r[schema.MENTION_IDS]]
    assert len(rows) == 1, f"{holding} is held by {len(rows)} events"
    return rows[0]


def log(*records: pd.DataFrame) -> pd.DataFrame:
    return pd.concat(records, ignore_index=True)


# --- Each action ---------------------------------------------------------------------------------

def test_editing_an_event_sets_the_values_and_marks_only_the_edited_fields(corpus):
    mentions, chron = corpus
    edits = curation.edit_event(event(chron, "a1"), {
        schema.HEADLINE: "Sudan's rivals meet in Doha", schema.DATE_START: "2023-05-05",
        schema.STATUS: "occurred", schema.ACTORS: ["Sudan", "Qatar", "Sudan"]}, mentions)
    out = curation.apply_edits(chron, edits, mentions)
    edited = event(out, "a1")
    assert edited[schema.HEADLINE] == "Sudan's rivals meet in Doha"
    assert edited[schema.DATE_START] == pd.Timestamp("2023-05-05")
    assert edited[schema.ACTORS] == ["Sudan", "Qatar"]
    assert edited[schema.EDITED_FIELDS] == [schema.DATE_START, schema.STATUS, schema.HEADLINE,
                                            schema.ACTORS]  # in the schema's order
    assert event(out, "b2")[schema.EDITED_FIELDS] == []
    assert event(out, "b2")[schema.HEADLINE] == event(chron, "b2")[schema.HEADLINE]


def test_an_edited_date_moves_the_event_in_date_order(corpus):
    mentions, chron = corpus
    edits = curation.edit_event(event(chron, "a2"), {schema.DATE_START: "2023-05-01",
                                                     schema.DATE_END: "2023-05-01"})
    out = curation.apply_edits(chron, edits, mentions)
    assert out.iloc[0][schema.MENTION_IDS] == ["a2", "c2"]


def test_salience_is_kept_unless_the_user_sets_it(corpus):
    mentions, chron = corpus
    before = event(chron, "a1")[schema.SALIENCE]
    headline = curation.edit_event(event(chron, "a1"), {schema.HEADLINE: "Talks in Doha"})
    assert event(curation.apply_edits(chron, headline), "a1")[schema.SALIENCE] == before
    salience = curation.edit_event(event(chron, "a1"), {schema.SALIENCE: 0.95})
    assert event(curation.apply_edits(chron, salience), "a1")[schema.SALIENCE] == 0.95


@pytest.mark.parametrize("changes, named", [
    ({schema.STATUS: "maybe"}, "status"),
    ({schema.EVENT_TYPE: "picnic"}, "event_type"),
    ({schema.GRANULARITY: "fortnight"}, "granularity"),
    ({schema.DATE_START: "next Tuesday"}, "date_start"),
    ({schema.DATE_START: "1500-01-01"}, "outside the dates"),
    ({schema.HEADLINE: "   "}, "headline"),
    ({schema.HEADLINE: "x" * 301}, "headline"),
    ({schema.SALIENCE: 2}, "salience"),
    ({schema.ACTORS: "Sudan"}, "actors"),
    ({schema.ACTORS: ["x" * 121]}, "actors"),
    ({schema.DATE_END: "2023-05-01"}, "before it starts"),
    ({schema.SENTENCE: "rewritten"}, "cannot be edited"),
])
def test_an_unacceptable_value_is_refused_with_a_message_naming_the_field(corpus, changes, named):
    _mentions, chron = corpus
    with pytest.raises(InputError, match=named):
        curation.edit_event(event(chron, "a1"), changes)


def test_merging_two_events_gives_one_event_with_the_mentions_articles_and_names_of_both(corpus):
    mentions, chron = corpus
    edits = curation.merge_events(event(chron, "a1"), event(chron, "b2"), mentions)
    out = curation.apply_edits(chron, edits, mentions, documents())
    assert len(out) == len(chron) - 1
    merged = event(out, "b2")
    assert merged[schema.EVENT_KEY] == event(chron, "a1")[schema.EVENT_KEY]
    assert sorted(merged[schema.MENTION_IDS]) == ["a1", "b1", "b2", "c1"]
    assert merged[schema.N_MENTIONS] == 4 and merged[schema.N_ARTICLES] == 3
    assert "African Union" in merged[schema.ACTORS]
    assert merged[schema.DATE_START] == pd.Timestamp("2023-05-06")  # the kept event's date
    assert set(merged[schema.EDITED_FIELDS]) == {schema.MENTION_IDS, schema.ACTORS}
    history = json.loads(merged[schema.STATUS_HISTORY])
    assert sorted(h["event_id"] for h in history) == ["a1", "b1", "b2", "c1"]


def test_a_merged_event_keeps_its_own_corrections_and_not_those_of_the_absorbed_one(corpus):
    mentions, chron = corpus
    edits = log(curation.edit_event(event(chron, "b2"), {schema.HEADLINE: "AU statement",
                                                         schema.SALIENCE: 0.9}),
                curation.merge_events(event(chron, "a1"), event(chron, "b2"), mentions))
    merged = event(curation.apply_edits(chron, edits, mentions), "b2")
    assert merged[schema.HEADLINE] == event(chron, "a1")[schema.HEADLINE]
    assert merged[schema.SALIENCE] == 0.9  # the user's importance is not lost
    assert merged[schema.EDITED_FIELDS] == [schema.ACTORS, schema.MENTION_IDS, schema.SALIENCE]


def test_splitting_moves_the_chosen_mentions_into_a_new_event_described_by_them(corpus):
    mentions, chron = corpus
    edits = curation.split_event(event(chron, "a1"), ["c1"], mentions)
    out = curation.apply_edits(chron, edits, mentions, documents())
    assert len(out) == len(chron) + 1
    old, new = event(out, "a1"), event(out, "c1")
    assert old[schema.MENTION_IDS] == ["a1", "b1"] and old[schema.N_ARTICLES] == 2
    assert old[schema.SOURCES] == ["Wire", "Radio"]
    assert new[schema.MENTION_IDS] == ["c1"] and new[schema.DOC_IDS] == ["doc-c"]
    assert new[schema.EVENT_TYPE] == "ceasefire" and new[schema.LOCATIONS] == ["N'Djamena"]
    assert new[schema.SOURCES] == ["Daily"]
    assert new[schema.REPRESENTATIVE_ID] == "c1"
    assert new[schema.EVENT_KEY] != old[schema.EVENT_KEY]
    assert old[schema.EDITED_FIELDS] == new[schema.EDITED_FIELDS] == [schema.MENTION_IDS]


@pytest.mark.parametrize("moved, message", [([], "choose"), (["a1", "b1", "c1"], "at least one"),
                                            (["b2"], "does not hold")])
def test_a_split_that_moves_nothing_everything_or_foreign_mentions_is_refused(corpus, moved, message):
    mentions, chron = corpus
    with pytest.raises(InputError, match=message):
        curation.split_event(event(chron, "a1"), moved, mentions)


def test_hiding_a_mention_removes_it_from_its_event_and_from_the_mentions(corpus):
    mentions, chron = corpus
    edits = curation.hide_mention("c1", mentions)
    out = curation.apply_edits(chron, edits, mentions)
    assert event(out, "a1")[schema.MENTION_IDS] == ["a1", "b1"]
    assert event(out, "a1")[schema.N_MENTIONS] == 2
    assert event(out, "a1")[schema.EDITED_FIELDS] == [schema.MENTION_IDS]
    shown = curation.apply_edits_to_mentions(mentions, edits)
    assert "c1" not in set(shown[schema.EVENT_ID]) and len(shown) == len(mentions) - 1


def test_hiding_the_only_mention_of_an_event_removes_the_event(corpus):
    mentions, chron = corpus
    out = curation.apply_edits(chron, curation.hide_mention("b2", mentions), mentions)
    assert len(out) == len(chron) - 1
    assert not any("b2" in ids for ids in out[schema.MENTION_IDS])


def test_a_mention_is_hidden_from_the_event_that_holds_it_after_merges_and_splits(corpus):
    mentions, chron = corpus
    merge = curation.merge_events(event(chron, "a1"), event(chron, "a2"), mentions)
    merged = event(curation.apply_edits(chron, merge, mentions), "a2")
    split = curation.split_event(merged, ["a2", "c2"], mentions)
    edits = log(merge, split, curation.hide_mention("c2", mentions),
                curation.hide_mention("b1", mentions))
    out = curation.apply_edits(chron, edits, mentions)
    assert event(out, "a2")[schema.MENTION_IDS] == ["a2"]
    assert event(out, "a1")[schema.MENTION_IDS] == ["a1", "c1"]
    assert sorted(m for ids in out[schema.MENTION_IDS] for m in ids) == ["a1", "a2", "b2", "c1"]


def test_deleting_an_article_removes_its_mentions_from_every_event_and_empty_events(corpus):
    mentions, chron = corpus
    edits = curation.delete_article("doc-b")
    out = curation.apply_edits(chron, edits, mentions, documents())
    assert len(out) == len(chron) - 1  # the statement was reported by doc-b only
    assert all("doc-b" not in docs for docs in out[schema.DOC_IDS])
    meeting = event(out, "a1")
    assert meeting[schema.MENTION_IDS] == ["a1", "c1"] and meeting[schema.N_ARTICLES] == 2
    assert meeting[schema.SOURCES] == ["Wire", "Daily"]
    assert meeting[schema.FIRST_REPORTED] == pd.Timestamp("2023-05-08")
    shown = curation.apply_edits_to_mentions(mentions, edits)
    assert set(shown[schema.DOC_ID]) == {"doc-a", "doc-c"}


def test_deleting_an_article_works_from_the_status_history_without_the_mentions(corpus):
    _mentions, chron = corpus
    out = curation.apply_edits(chron, curation.delete_article("doc-b"))
    assert event(out, "a1")[schema.DOC_IDS] == ["doc-a", "doc-c"]
    assert len(out) == len(chron) - 1


# --- Undo, redo, stale and bad records -------------------------------------------------------------

def test_undo_cancels_an_edit_and_an_undo_of_the_undo_redoes_it(corpus):
    mentions, chron = corpus
    edit = curation.edit_event(event(chron, "a1"), {schema.HEADLINE: "Doha meeting"})
    first_undo = curation.undo(edit[schema.EDIT_ID].iat[0])
    undone = curation.curate(chron, log(edit, first_undo), mentions)
    assert event(undone.chronology, "a1")[schema.HEADLINE] == event(chron, "a1")[schema.HEADLINE]
    assert event(undone.chronology, "a1")[schema.EDITED_FIELDS] == []
    assert edit[schema.EDIT_ID].iat[0] in undone.undone
    redo = curation.undo(first_undo[schema.EDIT_ID].iat[0])
    redone = curation.apply_edits(chron, log(edit, first_undo, redo), mentions)
    assert event(redone, "a1")[schema.HEADLINE] == "Doha meeting"


def test_undo_last_edit_and_redo_pick_the_newest_edit_in_effect(corpus):
    _mentions, chron = corpus
    a = curation.edit_event(event(chron, "a1"), {schema.HEADLINE: "one"})
    b = curation.edit_event(event(chron, "a2"), {schema.HEADLINE: "two"})
    edits = log(a, b)
    assert curation.last_in_effect(edits) == b[schema.EDIT_ID].iat[0]
    edits = log(edits, curation.undo(b[schema.EDIT_ID].iat[0]))
    assert curation.last_in_effect(edits) == a[schema.EDIT_ID].iat[0]
    assert curation.last_in_effect(edits, action_undo=True) == edits[schema.EDIT_ID].iat[-1]
    assert curation.last_in_effect(None) is None


def test_undoing_a_merge_restores_both_events(corpus):
    mentions, chron = corpus
    merge = curation.merge_events(event(chron, "a1"), event(chron, "a2"), mentions)
    out = curation.apply_edits(chron, log(merge, curation.undo(merge[schema.EDIT_ID].iat[0])),
                               mentions)
    pd.testing.assert_frame_equal(out, chron)


def test_an_edit_whose_event_is_gone_is_skipped_with_its_reason(corpus):
    mentions, chron = corpus
    statement = event(chron, "b2")
    edits = log(curation.delete_article("doc-b"),
                curation.edit_event(statement, {schema.HEADLINE: "AU welcomes talks"}, mentions))
    result = curation.curate(chron, edits, mentions)
    assert len(result.skipped) == 1
    skipped = result.skipped[0]
    assert skipped.action == "edit" and skipped.edit_id == edits[schema.EDIT_ID].iat[1]
    assert statement[schema.EVENT_KEY] in skipped.reason and "gone" in skipped.reason
    assert "AU welcomes talks" not in set(result.chronology[schema.HEADLINE])


def test_a_merge_of_events_already_merged_is_skipped_with_its_reason(corpus):
    mentions, chron = corpus
    merge = curation.merge_events(event(chron, "a1"), event(chron, "a2"), mentions)
    again = merge.assign(**{schema.EDIT_ID: "second"})
    result = curation.curate(chron, log(merge, again), mentions)
    assert [s.edit_id for s in result.skipped] == ["second"]
    assert "already one event" in result.skipped[0].reason


def _record(action: str, target: str, payload: str) -> pd.DataFrame:
    return schema.validate_edits(pd.DataFrame([{
        schema.EDIT_ID: f"hand-{action}-{len(payload)}", schema.EDITED_AT: "2023-06-01",
        schema.ACTION: action, schema.TARGET: target, schema.PAYLOAD: payload,
        schema.AUTHOR: ""}]))


@pytest.mark.parametrize("action, payload, reason", [
    ("edit", "{not json", "not valid JSON"),
    ("edit", "[1, 2]", "not a JSON object"),
    ("rename", "{}", "unknown action"),
    ("edit", json.dumps({"set": {"headline": "x" * 70000}}), "too large"),
    ("edit", json.dumps({"set": {"status": "maybe"}}), "status"),
    ("edit", json.dumps({"set": {}}), "sets no field"),
    ("merge", json.dumps({"other": 5}), "no other event"),
    ("split", json.dumps({"mentions": "a1"}), "no mention"),
    ("undo", "{}", "not an earlier edit"),
])
def test_a_malformed_record_in_the_log_is_skipped_with_its_reason_never_raised(
        corpus, action, payload, reason):
    mentions, chron = corpus
    good = curation.edit_event(event(chron, "a2"), {schema.HEADLINE: "Talks resume"})
    result = curation.curate(chron, log(_record(action, "ev-a1", payload), good), mentions)
    assert len(result.skipped) == 1 and reason in result.skipped[0].reason
    assert event(result.chronology, "a2")[schema.HEADLINE] == "Talks resume"


def test_edits_beyond_the_replay_limit_are_listed_as_skipped(corpus, monkeypatch):
    mentions, chron = corpus
    small = dataclasses.replace(curation.rules(), edits_per_replay=2)
    monkeypatch.setattr(curation_log, "rules", lambda: small)   # where the replay reads its limit
    edits = log(*(curation.edit_event(event(chron, "a1"), {schema.HEADLINE: f"h{i}"})
                  for i in range(3)))
    result = curation.curate(chron, edits, mentions)
    assert event(result.chronology, "a1")[schema.HEADLINE] == "h1"
    assert [s.edit_id for s in result.skipped] == [edits[schema.EDIT_ID].iat[2]]
    assert "more than 2 edits" in result.skipped[0].reason


def test_the_edit_log_reads_newest_first_with_each_edits_state(corpus):
    mentions, chron = corpus
    edit = curation.edit_event(event(chron, "a1"), {schema.HEADLINE: "Doha"}, author="ana")
    gone = log(curation.delete_article("doc-b"),
               curation.edit_event(event(chron, "b2"), {schema.HEADLINE: "AU"}))
    edits = log(edit, curation.undo(edit[schema.EDIT_ID].iat[0]), gone)
    table = curation.edit_log(edits, curation.curate(chron, edits, mentions))
    assert list(table[schema.ACTION]) == ["edit", "delete_article", "undo", "edit"]
    assert table["state"].iat[0].startswith("skipped: event ")
    assert list(table["state"].iloc[1:]) == ["in effect", "in effect", "undone"]
    headline = event(chron, "a1")[schema.HEADLINE]
    assert table["what"].iat[3] == f"changed headline of “{headline}”"
    assert table["what"].iat[2] == f"undid: changed headline of “{headline}”"
    assert table[schema.AUTHOR].iat[3] == "ana"


# --- Re-extraction ---------------------------------------------------------------------------------

def test_every_kind_of_edit_survives_a_reextraction_that_changes_every_event_key(corpus):
    mentions, chron = corpus
    edits = log(
        curation.edit_event(event(chron, "a2"), {schema.HEADLINE: "Doha round resumes"}, mentions),
        curation.merge_events(event(chron, "a1"), event(chron, "b2"), mentions),
        curation.split_event(event(chron, "a1"), ["c1"], mentions),
        curation.hide_mention("c2", mentions),
        curation.delete_article("doc-z"),  # never stored: stale, listed
    )
    before = curation.curate(chron, edits, mentions)
    new_mentions, new_chron = reextract()
    assert not set(new_chron[schema.EVENT_KEY]) & set(chron[schema.EVENT_KEY])
    after = curation.curate(new_chron, edits, new_mentions)
    assert [s.action for s in after.skipped] == [s.action for s in before.skipped] == ["delete_article"]

    def shape(table: pd.DataFrame) -> list[tuple]:
        return [(sorted(m.lstrip("n") for m in row[schema.MENTION_IDS]), row[schema.HEADLINE],
                 row[schema.EDITED_FIELDS]) for row in table.to_dict("records")]

    assert shape(after.chronology) == shape(before.chronology)
    assert after.hidden_mentions == {"nc2"}
    assert "nc2" not in set(curation.apply_edits_to_mentions(new_mentions, edits)[schema.EVENT_ID])


def test_an_edit_of_a_split_off_event_finds_it_again_after_reextraction(corpus):
    mentions, chron = corpus
    split = curation.split_event(event(chron, "a1"), ["c1"], mentions)
    split_off = event(curation.apply_edits(chron, split, mentions), "c1")
    edits = log(split, curation.edit_event(split_off, {schema.EVENT_TYPE: "ceasefire",
                                                       schema.HEADLINE: "Truce in N'Djamena"},
                                           mentions))
    new_mentions, new_chron = reextract()
    out = curation.apply_edits(new_chron, edits, new_mentions)
    assert event(out, "nc1")[schema.HEADLINE] == "Truce in N'Djamena"
    assert event(out, "na1")[schema.HEADLINE] == event(new_chron, "na1")[schema.HEADLINE]


def test_a_renamed_event_is_found_by_its_mentions_when_the_old_key_is_gone(corpus):
    mentions, chron = corpus
    edit = curation.edit_event(event(chron, "a2"), {schema.STATUS: "postponed"})
    rekeyed = chron.assign(**{schema.EVENT_KEY: [f"ev-new-{i}" for i in range(len(chron))]})
    out = curation.apply_edits(rekeyed, edit)  # no mentions table: ids alone find it
    assert event(out, "a2")[schema.STATUS] == "postponed"


def test_an_edit_survives_when_the_real_chronology_is_rebuilt_from_re_extracted_mentions():
    from timeline.corpus.chronology import chronology

    mentions = make_mentions()
    before = chronology(mentions, documents())
    edits = log(curation.edit_event(event(before, "a2"), {schema.HEADLINE: "Talks resume in Doha"},
                                    mentions),
                curation.hide_mention("b2", mentions))
    new_mentions = make_mentions(prefix="n", shift=2)
    after = chronology(new_mentions, documents())
    assert not set(after[schema.EVENT_KEY]) & set(before[schema.EVENT_KEY])
    result = curation.curate(after, edits, new_mentions, documents())
    assert result.skipped == ()
    assert event(result.chronology, "na2")[schema.HEADLINE] == "Talks resume in Doha"
    assert not any("nb2" in ids for ids in result.chronology[schema.MENTION_IDS])


# --- Exports ---------------------------------------------------------------------------------------

def test_the_chronology_csv_holds_the_edited_values_and_marks_what_was_edited(corpus):
    from timeline.present import exports

    mentions, chron = corpus
    edits = curation.edit_event(event(chron, "a1"), {schema.HEADLINE: "=cmd|' /C calc'!A0",
                                                     schema.STATUS: "cancelled"})
    data = exports.chronology_to_csv(curation.apply_edits(chron, edits, mentions))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    edited = next(r for r in rows if "a1" in r[schema.MENTION_IDS].split("; "))
    assert edited[schema.HEADLINE] == "'=cmd|' /C calc'!A0"
    assert edited[schema.STATUS] == "cancelled"
    assert edited[schema.EDITED_FIELDS] == "status; headline"
    assert edited[schema.DATE_START] == "2023-05-06"
    assert {r[schema.EDITED_FIELDS] for r in rows if r is not edited} == {""}


# --- The panel (AppTest) ---------------------------------------------------------------------------
# The panel runs on its own page over a small edits log kept in a file: the store's edits log
# as the panel sees it (append_edits, edits, writable). Each AppTest run reads the log again,
# so a new AppTest on the same folder is a restart.

def panel_page(folder: str, holding: str, writable: bool) -> None:
    import pathlib

    import pandas as pd

    from timeline import schema
    from timeline.corpus import curation
    from timeline.ui.curation_panel import render_curation

    class FileLog:
        def __init__(self, path: pathlib.Path, writable: bool) -> None:
            self.path, self.writable = path, writable

        def edits(self) -> pd.DataFrame:
            if not self.path.exists():
                return schema.empty_edits()
            return schema.validate_edits(pd.read_pickle(self.path))

        def append_edits(self, df: pd.DataFrame) -> None:
            both = pd.concat([self.edits(), schema.validate_edits(df)], ignore_index=True)
            both.to_pickle(self.path)

    base = pathlib.Path(folder)
    store = FileLog(base / "edits.pkl", writable)
    mentions = pd.read_pickle(base / "mentions.pkl")
    edits = store.edits()
    replay = curation.curate(pd.read_pickle(base / "chronology.pkl"), edits, mentions)
    chronology = replay.chronology
    shown = curation.apply_edits_to_mentions(mentions, edits)
    row = next(r for r in chronology.to_dict("records") if holding in r[schema.MENTION_IDS])
    render_curation(store, row, shown[shown[schema.EVENT_ID].isin(row[schema.MENTION_IDS])],
                    other_events=chronology, titles=pd.read_pickle(base / "titles.pkl"),
                    replay=replay)


@pytest.fixture
def panel_folder(tmp_path, corpus) -> pathlib.Path:
    mentions, chron = corpus
    mentions.to_pickle(tmp_path / "mentions.pkl")
    chron.to_pickle(tmp_path / "chronology.pkl")
    pd.to_pickle({"doc-a": "Talks in Doha", "doc-b": "**AU** [welcomes](http://x.invalid) talks",
                  "doc-c": "Truce"}, tmp_path / "titles.pkl")
    return tmp_path


def run_panel(folder: pathlib.Path, holding: str = "a1", writable: bool = True):
    from streamlit.testing.v1 import AppTest

    return AppTest.from_function(panel_page, args=(str(folder), holding, writable),
                                 default_timeout=30).run()


def saved_edits(folder: pathlib.Path) -> pd.DataFrame:
    path = folder / "edits.pkl"
    return schema.validate_edits(pd.read_pickle(path)) if path.exists() else schema.empty_edits()


def submit(at, label: str):
    return next(b for b in at.button if b.label == label).click().run()


def key_of(at, name: str, event_key: str = "ev-a1") -> str:
    """The widget key of a form field of the event shown (the panel's keys end with it)."""
    from timeline.ui import curation_panel

    return curation_panel._key(name, event_key)


def test_panel_on_a_read_only_store_shows_a_note_and_no_forms(panel_folder):
    from timeline.ui.curation_panel import READ_ONLY_NOTE

    at = run_panel(panel_folder, writable=False)
    assert not at.exception
    assert [i.value for i in at.info] == [READ_ONLY_NOTE]
    assert not at.text_input and not at.button


def test_panel_edit_is_saved_to_the_log_and_shown_marked_after_a_restart(panel_folder):
    from timeline.present import exports

    at = run_panel(panel_folder)
    at.text_input(key=key_of(at, "headline")).input("Sudan talks open in Doha")
    at.selectbox(key=key_of(at, "status")).set_value("postponed")
    at = submit(at, "Save the corrections")
    assert not at.exception and not at.error
    edits = saved_edits(panel_folder)
    assert list(edits[schema.ACTION]) == ["edit"]
    assert set(json.loads(edits[schema.PAYLOAD].iat[0])["set"]) == {schema.HEADLINE, schema.STATUS}

    restarted = run_panel(panel_folder)
    assert restarted.text_input(key=key_of(restarted, "headline")).value == "Sudan talks open in Doha"
    assert any("Corrected by hand" in c.value and "status, headline" in c.value
               for c in restarted.caption)
    mentions, chron = pd.read_pickle(panel_folder / "mentions.pkl"), \
        pd.read_pickle(panel_folder / "chronology.pkl")
    csv_text = exports.chronology_to_csv(curation.apply_edits(chron, edits, mentions)).decode("utf-8-sig")
    assert "Sudan talks open in Doha" in csv_text and "status; headline" in csv_text


def test_panel_refuses_an_end_before_the_start_and_saves_nothing(panel_folder):
    at = run_panel(panel_folder)
    at.date_input(key=key_of(at, "end")).set_value(pd.Timestamp("2023-05-01").date())
    at = submit(at, "Save the corrections")
    assert not at.exception
    assert any("before it starts" in e.value for e in at.error)
    assert saved_edits(panel_folder).empty


def test_panel_merges_the_chosen_event_into_this_one(panel_folder):
    at = run_panel(panel_folder)
    merge_with = at.selectbox(key=key_of(at, "merge_with"))
    assert any(o.startswith("2023-05-07 · ") for o in merge_with.options)
    merge_with.set_value("ev-b2")
    at = submit(at, "Merge it into this event")
    assert not at.exception and not at.error
    assert list(saved_edits(panel_folder)[schema.ACTION]) == ["merge"]
    at = run_panel(panel_folder, holding="b2")  # the statement is now part of the meeting
    assert any("Corrected by hand" in c.value and "mentions" in c.value for c in at.caption)


def test_panel_deletes_an_article_only_after_confirmation_and_escapes_its_title(panel_folder):
    at = run_panel(panel_folder)
    at.selectbox(key=key_of(at, "delete_doc")).set_value("doc-b")
    at = submit(at, "Delete the article")
    assert any("Tick the box" in w.value for w in at.warning)
    assert saved_edits(panel_folder).empty
    at.checkbox(key=key_of(at, "delete_sure")).check()
    at = submit(at, "Delete the article")
    assert not at.exception and not at.error
    assert list(saved_edits(panel_folder)[schema.ACTION]) == ["delete_article"]
    notice = " ".join(s.value for s in at.success)
    assert "\\*\\*AU\\*\\*" in notice and "](" not in notice


def test_panel_undo_and_redo_the_last_edit(panel_folder):
    at = run_panel(panel_folder)
    at.text_input(key=key_of(at, "headline")).input("Doha")
    at = submit(at, "Save the corrections")
    at = run_panel(panel_folder)
    at = at.button(key="curation_undo").click().run()
    assert not at.exception
    edits = saved_edits(panel_folder)
    assert list(edits[schema.ACTION]) == ["edit", "undo"]
    at = run_panel(panel_folder)
    assert at.text_input(key=key_of(at, "headline")).value != "Doha"
    assert at.button(key="curation_undo").disabled
    at = at.button(key="curation_redo").click().run()
    at = run_panel(panel_folder)
    assert at.text_input(key=key_of(at, "headline")).value == "Doha"


def test_panel_lists_the_edits_with_a_skipped_ones_reason(panel_folder, corpus):
    _mentions, chron = corpus
    stale = log(curation.delete_article("doc-b"),
                curation.edit_event(event(chron, "b2"), {schema.HEADLINE: "AU"}))
    stale.to_pickle(panel_folder / "edits.pkl")
    at = run_panel(panel_folder)
    shown = at.dataframe[0].value
    assert list(shown["what"]) == [f"changed headline of “{event(chron, 'b2')[schema.HEADLINE]}”",
                                   "deleted article doc-b"]
    assert shown["state"].iat[0].startswith("skipped: event ") and shown["state"].iat[1] == "in effect"


# --- With the store ------------------------------------------------------------------------------

def test_an_edit_kept_in_the_store_survives_a_restart_and_reaches_the_csv(corpus, store_dir):
    from timeline.corpus.store import EventStore
    from timeline.present import exports

    if not hasattr(EventStore, "append_edits"):
        pytest.skip("the store's edits log (append_edits, edits) is not merged yet")
    mentions, chron = corpus
    EventStore(store_dir).append_edits(
        curation.edit_event(event(chron, "a1"), {schema.HEADLINE: "Doha talks"}, mentions))
    edits = EventStore(store_dir).edits()  # a new process reads the same folder
    out = curation.apply_edits(chron, edits, mentions)
    rows = list(csv.DictReader(io.StringIO(exports.chronology_to_csv(out).decode("utf-8-sig"))))
    edited = next(r for r in rows if r[schema.HEADLINE] == "Doha talks")
    assert edited[schema.EDITED_FIELDS] == "headline"


@pytest.mark.parametrize("reextracted", [False, True])
def test_a_replay_over_only_the_events_an_edits_log_touches_gives_the_full_replays_rows(
        monkeypatch, reextracted):
    """The dashboard replays the edits over the events their footprint touches, with only the
    mentions of those events and articles (its cost is the edits', not the store's): the
    curated chronology it shows (untouched rows + those curated rows) is the full replay's,
    also after a re-extraction changed every key and id."""
    monkeypatch.setitem(DOCS, "doc-d", ("Weekly", "2023-07-10"))

    def with_other_article(prefix: str = "", shift: int = 0) -> pd.DataFrame:
        # a fourth article, two months later, that no edit names
        other = make_mentions(prefix=prefix + "d", shift=shift)
        other[schema.DOC_ID] = "doc-d"
        for column in (schema.DATE_START, schema.DATE_END):
            other[column] = other[column] + pd.Timedelta(days=60)
        return schema.validate(pd.concat([make_mentions(prefix, shift), other],
                                         ignore_index=True))

    mentions = with_other_article()
    chron = machine_chronology(mentions)
    edits = log(
        curation.edit_event(event(chron, "a2"), {schema.HEADLINE: "Doha round resumes"}, mentions),
        curation.merge_events(event(chron, "a1"), event(chron, "b2"), mentions),
        curation.split_event(event(chron, "a1"), ["c1"], mentions),
        curation.hide_mention("c2", mentions),
        curation.delete_article("doc-b"),
    )
    if reextracted:
        mentions = with_other_article("n", shift=2)
        chron = machine_chronology(mentions)
    full = curation.curate(chron, edits, mentions, documents())
    footprint = curation.edit_footprint(edits)
    touched = chron[[k in footprint.keys or bool(set(m) & footprint.mention_ids)
                     or bool(set(d) & footprint.doc_ids)
                     for k, m, d in zip(chron[schema.EVENT_KEY], chron[schema.MENTION_IDS],
                                        chron[schema.DOC_IDS])]]
    assert 0 < len(touched) < len(chron)  # a part, not the whole
    held = {m for ids in touched[schema.MENTION_IDS] for m in ids} | footprint.mention_ids
    needed = mentions[mentions[schema.EVENT_ID].isin(held)
                      | mentions[schema.DOC_ID].isin(footprint.doc_ids)]
    part = curation.curate(touched, edits, needed, documents())
    untouched = chron[~chron[schema.EVENT_KEY].isin(set(touched[schema.EVENT_KEY]))]
    shown = pd.concat([untouched, part.chronology], ignore_index=True)

    def rows(table: pd.DataFrame) -> list[tuple]:
        return sorted((row[schema.EVENT_KEY], tuple(sorted(row[schema.MENTION_IDS])),
                       row[schema.HEADLINE], tuple(row[schema.EDITED_FIELDS]))
                      for row in table.to_dict("records"))

    assert rows(shown) == rows(full.chronology)
    assert part.hidden_mentions == full.hidden_mentions
    assert part.deleted_articles == full.deleted_articles
    assert [s.action for s in part.skipped] == [s.action for s in full.skipped]
