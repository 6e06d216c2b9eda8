"""Where the year of a bare day-month, month or season comes from (a day or month written
without its year: "on 14 May", "in March", "that spring"), over the training articles: a reading
for choosing the model of the story's time (docs/measurements.md, story31), not a test.

Two tallies:
  all      every such expression tag_times finds in the training texts, by the source of its
           year (read off its explanation): how often each source decides;
  gold     the gold events whose row is dated by such an expression (not inherited), by source,
           right (the gold's date) or wrong, and wrong in the year only (the right day or month).
Validation and held-out articles are never read.

Run: PYTHONPATH=src .venv/bin/python bench/bare_year_sources.py [--list]
"""
from __future__ import annotations

import collections
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from article_scores import articles_by_role, date_matches, rows_containing  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402
from timeline.temporal.tagger import tag_times  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"

# (source, what its explanation says), the first that fits; the order puts the specific first
SOURCES = [
    ("coordinated", "the year of the date joined"),
    ("weekday", "whose "),
    ("from date just read", "year from the date just read"),
    ("year in sentence", "year told just before in the sentence"),
    ("past perfect since", "counted back by a past perfect"),
    ("narrative onwards", "year of the narrative"),
    ("narrative near", "year from the preceding"),
    ("season narrative", "the first after the narrative"),
    ("publication, near past date", "the year before, near the past"),
    ("publication, begun", "the latest one begun by publication"),
    ("publication (tense)", "year from publication"),
    ("publication (season)", "relative to publication"),
    ("said from publication", "year from publication"),
]
_YEARLESS = re.compile(r"\d{4}|\byears?\b|'\d\d\b", re.IGNORECASE)
_BARE_GRANS = {"day", "month", "season"}
# a month or a season named (weekdays, holidays and counted months are not bare dates here)
_CALENDAR_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b\.?"
                            r"|\b(?:spring|summer|autumn|fall|winter)\b", re.IGNORECASE)


def source(explanation: str) -> str:
    for label, said in SOURCES:
        if said in explanation:
            return label
    return "other"


def bare(text: str, granularity: str | None, explanation: str) -> bool:
    """A calendar day, month or season said without a year (nor "this year", "last year")."""
    return granularity in _BARE_GRANS and not _YEARLESS.search(text) and "->" in explanation \
        and _CALENDAR_WORD.search(text) is not None \
        and not any(w in explanation for w in ("from the preceding date", "day from", "week from"))


def main() -> None:
    listing = "--list" in sys.argv
    every: collections.Counter[str] = collections.Counter()
    gold_tally: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for name in articles_by_role()["training"]:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        for t in tag_times(text, gold["published"]):
            if bare(t.text, t.granularity, t.explanation):
                every[source(t.explanation)] += 1
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        for event in gold["events"]:
            rows = [r for r in rows_containing(events, text, event["anchor"]) if not r["date_inherited"]]
            if not rows:
                continue
            dated = [r for r in rows if date_matches(r, event["start"], event["end"], event["gran"])]
            row = (dated or rows)[0]
            rule = str(row["date_rule"])
            if not bare(str(row["timex_text"]), _gran(rule), rule):
                continue
            kind = source(rule)
            if dated:
                gold_tally[kind]["right"] += 1
                continue
            year_only = row["date_start"].year != int(event["start"][:4]) and \
                (row["date_start"].month, row["date_start"].day) == tuple(int(x) for x in event["start"][5:10].split("-"))
            gold_tally[kind]["wrong year" if year_only else "wrong"] += 1
            if listing:
                print(f"{kind:28} {'YEAR' if year_only else 'other'} | {name} pub {gold['published']} | want "
                      f"{event['start']}..{event['end']} | {rule[:110]!r}")
    print("\nall bare days, months and seasons in training texts, by source of the year:")
    for kind, n in every.most_common():
        print(f"  {kind:28} {n:5}")
    print(f"  {'total':28} {sum(every.values()):5}")
    print("\ngold events dated by one (not inherited): right / wrong year / wrong otherwise")
    for kind, c in sorted(gold_tally.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"  {kind:28} {c['right']:5} {c['wrong year']:5} {c['wrong']:5}")
    totals = sum((c for c in gold_tally.values()), collections.Counter())
    print(f"  {'total':28} {totals['right']:5} {totals['wrong year']:5} {totals['wrong']:5}")


def _gran(explanation: str) -> str | None:
    """The granularity of the value an explanation ends in ("... -> 1995-08-30 (...)")."""
    m = re.search(r"-> (\d{4})(-(\d{2}|SP|SU|FA|WI)(-\d{2})?)?", explanation)
    if m is None or m.group(2) is None:
        return None
    return "season" if m.group(3) in ("SP", "SU", "FA", "WI") else "day" if m.group(4) else "month"


if __name__ == "__main__":
    main()
