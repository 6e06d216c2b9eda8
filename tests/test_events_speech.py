"""Events dated through reported speech (issue 11, item 5), as the timeline shows them: the day a
quoted "yesterday" names, a deadline counted from its announcement, a weekday's coming truce."""
from __future__ import annotations

import datetime as dt

from timeline.extract.events import extract_events


def row_for(table, timex_text):
    rows = table[table["timex_text"] == timex_text]
    assert len(rows) == 1, f"{timex_text!r}: {table[['timex_text', 'timex_value']].to_dict('records')}"
    return rows.iloc[0]


def days(row):
    return row["date_start"].date(), row["date_end"].date()


def test_a_meeting_told_in_a_dated_quotation_is_on_the_day_before_the_quotation_was_said():
    text = 'The UN envoy said on Saturday: "The two delegations met in Geneva yesterday."'
    row = row_for(extract_events(text, "2016-02-03"), "yesterday")
    assert days(row) == (dt.date(2016, 1, 29), dt.date(2016, 1, 29))
    assert "said on Saturday" in row["date_rule"]


def test_a_withdrawal_due_within_a_week_spans_the_week_after_its_announcement():
    text = "The Security Council decided on Monday that foreign troops must withdraw within a week."
    row = row_for(extract_events(text, "2016-02-04"), "a week")
    assert days(row) == (dt.date(2016, 2, 1), dt.date(2016, 2, 8))
    assert row["timex_value"] == "P1W"


def test_a_truce_said_to_take_effect_on_saturday_is_the_coming_saturday_and_planned():
    text = "Both sides said on Monday that Saturday's truce will take effect at dawn."
    row = row_for(extract_events(text, "2016-02-01"), "Saturday")
    assert days(row) == (dt.date(2016, 2, 6), dt.date(2016, 2, 6))
    assert row["status"] == "planned"
