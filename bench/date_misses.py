"""Training dates and statuses missed, by kind: a reading for choosing date and status rules
(tests/article_scores.py's matching), not a test. Training articles are listed; validation
articles are counted only (no sentence, no article name, no category of theirs is printed
beyond the totals).

A gold event whose rows (those whose sentence holds its anchor) give none of its dates is put in
the first kind that fits, against the first such row:
  no row       no row's sentence holds the anchor
  inherited    the row's date came from another sentence
  year         the right day or month, in another year
  wider        the row's interval holds the gold's (a month for a day, a year for a month)
  narrower     the gold's interval holds the row's
  earlier      the row's interval ends before the gold's starts
  later        the row's interval starts after the gold's ends
  overlap      the two intervals overlap, neither holding the other
A dated event with the wrong status is counted as "said planned" or "said occurred" (what the
row gave).

Run: PYTHONPATH=src .venv/bin/python bench/date_misses.py [--list]
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import pathlib
import sys
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from article_scores import articles_by_role, date_matches, rows_containing  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"


def date_kind(row: dict[str, Any], event: dict[str, Any]) -> str:
    """The kind of date miss (the module's list) of `row` against the gold `event`."""
    got = row["date_start"].date(), row["date_end"].date()
    want = dt.date.fromisoformat(event["start"]), dt.date.fromisoformat(event["end"])
    if row["date_inherited"]:
        return "inherited"
    # the same day and month in another year; a row dated 29 February is left to the kinds below
    leap_day = (got[0].month, got[0].day) == (2, 29)
    if got[0].year != want[0].year and not leap_day and (got[0].month, got[0].day) == (want[0].month, want[0].day):
        return "year"
    if got[0] <= want[0] and want[1] <= got[1]:
        return "wider"
    if want[0] <= got[0] and got[1] <= want[1]:
        return "narrower"
    if got[1] < want[0]:
        return "earlier"
    if got[0] > want[1]:
        return "later"
    return "overlap"


def tally(names: list[str], listing: bool) -> tuple[collections.Counter[str], collections.Counter[str], collections.Counter[str]]:
    """(date misses by kind, status misses by what the row said, totals: events, dated, status)
    over the articles `names`; each miss printed when `listing` (training only)."""
    dates: collections.Counter[str] = collections.Counter()
    statuses: collections.Counter[str] = collections.Counter()
    totals: collections.Counter[str] = collections.Counter()
    for name in names:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        for event in gold["events"]:
            totals["events"] += 1
            rows = rows_containing(events, text, event["anchor"])
            dated = [r for r in rows if date_matches(r, event["start"], event["end"], event["gran"])]
            want = f"{event['start']}..{event['end']} {event['gran']}"
            if not dated:
                kind = date_kind(rows[0], event) if rows else "no row"
                dates[kind] += 1
                if listing:
                    got = (f"{rows[0]['date_start'].date()}..{rows[0]['date_end'].date()} {rows[0]['timex_text']!r}"
                           f" ({rows[0]['date_rule'][:70]})") if rows else "-"
                    print(f"DATE {kind:9} | {name} pub {gold['published']} | want {want} | got {got} | "
                          f"{event['anchor'][:90]!r}")
                continue
            totals["dated"] += 1
            row = dated[0]
            if row["status"] == event["status"]:
                totals["status"] += 1
                continue
            statuses[f"said {row['status']}"] += 1
            if listing:
                sentence = row["sentence"].replace("\n", " ")
                print(f"STATUS said {row['status']:8} | {name} pub {gold['published']} | {want} "
                      f"{row['timex_text']!r} | {sentence[:200]!r}")
    return dates, statuses, totals


def main() -> None:
    roles = articles_by_role()
    dates, statuses, totals = tally(roles["training"], "--list" in sys.argv)
    print(f"\ntraining: events {totals['events']}, dated {totals['dated']}, status {totals['status']}")
    print("date misses:", sum(dates.values()))
    for kind, n in dates.most_common():
        print(f"  {kind:10} {n}")
    print("status misses:", sum(statuses.values()))
    for kind, n in statuses.most_common():
        print(f"  {kind:14} {n}")
    _, _, totals = tally(roles["validation"], False)   # counts only: never listed
    print(f"validation: events {totals['events']}, dated {totals['dated']}, status {totals['status']}")


if __name__ == "__main__":
    main()
