"""Salience: which events rank as key events, and the reason given in words. The articles are
short and written for this test; each test compares two corpora that differ in one respect."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

import timeline
from timeline import schema
from timeline.corpus import salience
from timeline.corpus.chronology import chronology, update_chronology
from timeline.errors import ResourceError

ENTRIES = [("Feb. 3", "the UN envoy paused the Geneva talks after three days"),
           ("Feb. 11", "foreign ministers met in Munich and agreed to seek a cessation of hostilities"),
           ("Feb. 22", "the United States and Russia announced the terms of a truce"),
           ("Feb. 27", "a nationwide truce took effect across Syria"),
           ("March 14", "the talks resumed in Geneva under UN mediation")]
AS_ENTRIES = "How the Syria talks unfolded this year.\n" + "\n".join(
    f"{date} - {what[0].upper()}{what[1:]}." for date, what in ENTRIES)
AS_PROSE = "How the Syria talks unfolded this year.\n" + "\n".join(
    f"Analysts recall that {what} on {date}." for date, what in ENTRIES)
DISPATCHES = [("d1", dt.date(2016, 2, 28), "A nationwide truce in Syria took effect on Saturday, the UN said."),
              ("d2", dt.date(2016, 2, 28), "Syria's truce began on Saturday with few violations, monitors said.")]


def mentions(*articles: tuple[str, dt.date, str]) -> pd.DataFrame:
    return pd.concat([timeline.extract_events(text, published=published, doc_id=doc)
                      for doc, published, text in articles], ignore_index=True)


def on_day(chron: pd.DataFrame, day: str) -> pd.Series:
    """The most salient single-day event of `day` (the one a key-event list would show)."""
    rows = chron[(chron[schema.DATE_START].astype(str).str[:10] == day)
                 & (chron[schema.DATE_END] == chron[schema.DATE_START])]
    return rows.sort_values(schema.SALIENCE, ascending=False).iloc[0]


def test_a_day_listed_as_an_entry_of_a_chronology_counts_more_than_the_same_day_told_in_prose():
    recap = ("recap", dt.date(2016, 3, 30), AS_ENTRIES)
    prose = ("recap", dt.date(2016, 3, 30), AS_PROSE)
    listed = on_day(chronology(mentions(*DISPATCHES, recap)), "2016-02-27")
    told = on_day(chronology(mentions(*DISPATCHES, prose)), "2016-02-27")
    assert listed[schema.SALIENCE] > told[schema.SALIENCE]
    assert "listed in 1 chronology" in listed[schema.SALIENCE_REASON]
    assert "chronolog" not in told[schema.SALIENCE_REASON]


def test_an_article_with_fewer_dated_entries_than_a_chronology_has_is_not_one():
    few = salience.rules().chronology_entries - 1
    short = ("recap", dt.date(2016, 3, 30), "\n".join(
        f"{date} - {what[0].upper()}{what[1:]}." for date, what in ENTRIES[-few:]))
    assert "chronolog" not in on_day(chronology(mentions(*DISPATCHES, short)), "2016-02-27")[schema.SALIENCE_REASON]


def test_readers_comment_timestamps_do_not_make_an_article_a_chronology():
    comments = ("comments", dt.date(2016, 3, 25), "\n".join(
        f"March {d}, 2016 at {h}:15 pm | Reply {text}" for d, h, text in [
            (21, 2, "I agree with the envoy."), (21, 3, "Nobody will keep this truce."),
            (22, 4, "The talks are a farce."), (23, 5, "Who pays for this?"), (24, 6, "Peace at last, maybe."),
            (25, 7, "Wait and see.")]))
    chron = chronology(mentions(*DISPATCHES, comments))
    assert not chron[schema.SALIENCE_REASON].str.contains("chronolog").any()


def test_a_happening_recalled_weeks_later_ranks_above_one_reported_as_often_only_on_its_day():
    truce = ("truce", dt.date(2016, 2, 28), "A nationwide truce in Syria took effect on Saturday, the UN said.")
    recall = ("later", dt.date(2016, 4, 2), "The truce that took effect on Feb. 27 has largely held, the UN said.")
    again = ("later", dt.date(2016, 2, 28), "The truce that took effect on Feb. 27 has largely held, the UN said.")
    recalled = on_day(chronology(mentions(truce, recall, LATER_NEWS)), "2016-02-27")
    reported = on_day(chronology(mentions(truce, again, LATER_NEWS)), "2016-02-27")
    assert recalled[schema.N_ARTICLES] == reported[schema.N_ARTICLES] == 2
    assert recalled[schema.SALIENCE] > reported[schema.SALIENCE]
    assert "recalled in 1 later article" in recalled[schema.SALIENCE_REASON]
    assert "recalled" not in reported[schema.SALIENCE_REASON]


# An unrelated article published weeks after the truce: the corpus no longer ends on its day.
LATER_NEWS = ("floods", dt.date(2016, 4, 2), "Floods hit northern Kenya on Friday, officials said.")


TRUCE_REPORTS = [("truce", dt.date(2016, 2, 28), "A nationwide truce in Syria took effect on Saturday, the UN said."),
                 ("later", dt.date(2016, 2, 28), "The truce that took effect on Feb. 27 has largely held, the UN said.")]


def test_a_happening_in_the_last_days_of_the_corpus_ranks_as_if_recalled():
    """Nobody could have looked back yet on the news of a corpus's last days: its reports count
    as recalls would, so the latest happenings are not ranked below older ones for that alone."""
    truce = TRUCE_REPORTS
    latest = on_day(chronology(mentions(*truce)), "2016-02-27")
    overtaken = on_day(chronology(mentions(*truce, LATER_NEWS)), "2016-02-27")
    assert latest[schema.N_ARTICLES] == overtaken[schema.N_ARTICLES] == 2
    assert latest[schema.SALIENCE] > overtaken[schema.SALIENCE]
    assert salience.RECENT_REASON in latest[schema.SALIENCE_REASON]
    assert salience.RECENT_REASON not in overtaken[schema.SALIENCE_REASON]


def test_a_saying_in_the_latest_article_alone_does_not_outrank_the_meeting_two_articles_reported():
    """A recent day one article names is not yet shown to be news: it is not counted as recalled."""
    met = [("m1", dt.date(2019, 3, 8), "The envoys of Norway and Colombia met in Oslo on Thursday."),
           ("m2", dt.date(2019, 3, 8), "Norway and Colombia held a meeting in Oslo on Thursday, officials said.")]
    said = ("s1", dt.date(2019, 3, 20), "Colombia said on Tuesday that it was ready to draft a ceasefire.")
    chron = chronology(mentions(*met, said))
    meeting, saying = on_day(chron, "2019-03-07"), on_day(chron, "2019-03-19")
    assert meeting[schema.SALIENCE] > saying[schema.SALIENCE]
    assert salience.RECENT_REASON not in saying[schema.SALIENCE_REASON]


def test_a_day_still_to_come_at_the_corpus_end_is_not_recent():
    plan = ("plan", dt.date(2016, 2, 17), "Ministers will meet in Geneva on Saturday to sign the truce.")
    meeting = on_day(chronology(mentions(plan)), "2016-02-20")
    assert meeting[schema.STATUS] == "planned"
    assert salience.RECENT_REASON not in meeting[schema.SALIENCE_REASON]


def test_an_article_that_moves_the_corpus_end_rescores_the_days_no_longer_recent():
    old = mentions(*TRUCE_REPORTS)
    new = mentions(LATER_NEWS)
    both = pd.concat([old, new], ignore_index=True)
    previous = chronology(old)
    assert previous[schema.SALIENCE_REASON].str.contains(salience.RECENT_REASON, regex=False).any()
    updated = update_chronology(previous, both, new)
    full = chronology(both)
    assert updated[schema.EVENT_KEY].tolist() == full[schema.EVENT_KEY].tolist()
    assert updated[schema.SALIENCE].tolist() == pytest.approx(full[schema.SALIENCE].tolist())
    assert updated[schema.SALIENCE_REASON].tolist() == full[schema.SALIENCE_REASON].tolist()
    assert salience.RECENT_REASON not in on_day(updated, "2016-02-27")[schema.SALIENCE_REASON]


def test_the_reason_says_the_counts_that_are_scored():
    counts = {"articles": 3, "outlets": 2, "news_of_day": 2, "recalls": 1, "leads": 1,
              "day_articles": 5, "day_recalls": 2, "day_chronologies": 2}
    assert salience.reason(counts) == ("reported by 3 articles from 2 outlets; 2 of them on its day or just after; "
                                       "recalled in 1 later article; leads 1 article; its day is named in 5 "
                                       "articles, 2 of them later; listed in 2 chronologies")


@pytest.mark.parametrize("key, value", [("entry_weight", -1), ("recall_weight", "many"), ("chronology_entries", 2.5)])
def test_a_bad_number_in_the_salience_rules_is_refused_with_the_file_and_entry_named(monkeypatch, key, value):
    data = dict(salience.load_yaml(salience.RESOURCE))
    data[key] = value
    monkeypatch.setattr(salience, "load_yaml", lambda name: data)
    with pytest.raises(ResourceError, match=f"salience.yaml: {key}"):
        salience.rules.__wrapped__()


def test_adding_a_chronology_to_a_stored_corpus_gives_the_salience_a_full_build_gives():
    old = mentions(*DISPATCHES, ("visit", dt.date(2016, 3, 2), "Jordan's king visited a refugee camp on Tuesday."))
    new = mentions(("recap", dt.date(2016, 3, 30), AS_ENTRIES))
    both = pd.concat([old, new], ignore_index=True)
    updated = update_chronology(chronology(old), both, new)
    full = chronology(both)
    assert updated[schema.EVENT_KEY].tolist() == full[schema.EVENT_KEY].tolist()
    assert updated[schema.SALIENCE].tolist() == pytest.approx(full[schema.SALIENCE].tolist())
    assert updated[schema.SALIENCE_REASON].tolist() == full[schema.SALIENCE_REASON].tolist()


def test_an_agreement_outranks_a_comment_reported_by_as_many_articles():
    signing = [("a1", dt.date(2016, 3, 2), "The two governments signed a peace agreement in Oslo on Tuesday."),
               ("a2", dt.date(2016, 3, 2), "A peace agreement was signed in Oslo on Tuesday, envoys said.")]
    comment = [("c1", dt.date(2016, 3, 2), "The foreign minister said on Tuesday that Oslo was a fine city."),
               ("c2", dt.date(2016, 3, 2), "On Tuesday the foreign minister said Oslo was a fine city.")]
    agreement = on_day(chronology(mentions(*signing)), "2016-03-01")
    remark = on_day(chronology(mentions(*comment)), "2016-03-01")
    assert agreement[schema.EVENT_TYPE] == "agreement", agreement[schema.EVENT_TYPE]
    assert remark[schema.EVENT_TYPE] != "agreement"
    assert agreement[schema.N_ARTICLES] == remark[schema.N_ARTICLES] == 2
    assert agreement[schema.SALIENCE] > remark[schema.SALIENCE]


def _without_reactions(patch: pytest.MonkeyPatch) -> None:
    """Salience from here on with no kind of event taken for a reaction."""
    rules = dataclasses.replace(salience.rules(), reaction_kinds=frozenset())
    patch.setattr(salience, "rules", lambda: rules)


def _salience_of(chron: pd.DataFrame, found: pd.DataFrame, words: str) -> float:
    """The salience of the event holding the mention whose sentence has `words`."""
    ids = set(found[found[schema.SENTENCE].str.contains(words, regex=False)][schema.EVENT_ID])
    assert ids, f"no mention tells {words!r}"
    rows = chron[[bool(ids & set(m)) for m in chron[schema.MENTION_IDS]]]
    assert len(rows) == 1, rows
    return float(rows.iloc[0][schema.SALIENCE])


@pytest.mark.parametrize("example", salience.load_yaml(salience.RESOURCE)["reactions"]["examples"],
                         ids=lambda e: e["happening"])
def test_each_reaction_example_ranks_below_the_happening_of_its_day_and_would_not_without_the_rule(
        example, monkeypatch):
    found = timeline.extract_events(example["text"], published=example["published"], doc_id="example")
    chron = chronology(found)
    assert _salience_of(chron, found, example["happening"]) > _salience_of(chron, found, example["reaction"])
    _without_reactions(monkeypatch)
    chron = chronology(found)
    assert _salience_of(chron, found, example["happening"]) <= _salience_of(chron, found, example["reaction"])


# Our own article: the spokesman's comment leads it and is quoted twice, the suspension is told once.
SUSPENSION = ("talks", dt.date(2021, 6, 10), (
    "Mediators Halt Lake Talks\n\n"
    "A foreign ministry spokeswoman said on Wednesday that the pause was a setback for the whole region. "
    "\"We regret it,\" she told reporters on Wednesday.\n\n"
    "The African Union suspended the border talks in Kampala on Wednesday after the delegations "
    "walked out over the agenda. No date was set for a new round."))


def test_the_story_labels_a_suspension_before_a_spokeswomans_comment_on_it():
    from timeline.present.charts.story import story_figure

    found = mentions(SUSPENSION)
    chron = chronology(found)
    comment = _salience_of(chron, found, "was a setback")
    suspended = _salience_of(chron, found, "suspended the border talks")
    assert suspended > comment
    labelled = story_figure(chron, key_events=1).layout.meta["labelled"]
    row = chron[chron[schema.EVENT_KEY] == labelled[0]].iloc[0]
    assert row[schema.EVENT_TYPE] == "suspension" and "talks" in row[schema.HEADLINE]
    said = chron[chron[schema.SALIENCE] == comment].iloc[0]
    assert said[schema.SALIENCE_REASON].endswith("ranks below it")
    # Without the rule the comment, told first and twice, ranks at or above the suspension.
    with pytest.MonkeyPatch.context() as patch:
        _without_reactions(patch)
        chron = chronology(found)
        assert _salience_of(chron, found, "was a setback") >= _salience_of(chron, found, "suspended the border talks")


def test_a_saying_on_a_day_when_nothing_else_happened_keeps_its_weight(monkeypatch):
    alone = ("resign", dt.date(2021, 6, 12), "The president announced on Friday that she would resign.")
    found = mentions(alone)
    with_rule = chronology(found)[schema.SALIENCE].tolist()
    _without_reactions(monkeypatch)
    assert chronology(found)[schema.SALIENCE].tolist() == with_rule


@pytest.mark.parametrize("reactions, entry", [
    ({"factor": 1.5, "kinds": ["statement"], "to": ["talks"]}, "reactions.factor"),
    ({"factor": 0.8, "kinds": [], "to": ["talks"]}, "reactions.kinds"),
    ({"factor": 0.8, "kinds": ["statement"], "to": ["statement"]}, "reactions"),
    ({"factor": 0.8, "kinds": ["statment"], "to": ["talks"]}, "reactions")])
def test_bad_reaction_rules_are_refused_with_the_entry_named(monkeypatch, reactions, entry):
    data = dict(salience.load_yaml(salience.RESOURCE))
    data["reactions"] = reactions
    real = salience.load_yaml
    monkeypatch.setattr(salience, "load_yaml", lambda name: data if name == salience.RESOURCE else real(name))
    with pytest.raises(ResourceError, match=f"salience.yaml: {entry}"):
        salience.rules.__wrapped__()
