"""Who takes part, from the whole article: the two sides of its war, the state an office holder
speaks for. Positive cases are examples in the data files (discourse.yaml, actors.yaml); these
are the cases where the article does not say, and nothing must be added."""
from __future__ import annotations

from timeline import extract_events, schema


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
