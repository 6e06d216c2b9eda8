"""How the extractor does on our own test articles against their gold files: the matching the
tests use (tests/test_events.py) and the per-batch report of bench/score_batches.py.

A gold event is matched to the extracted rows whose sentence holds its anchor, preferring one
with the gold's dates; its actors and places are then counted as found (recall) and the row's
names as asked for (precision). An actor or a place counts by its name or its last word (a
person's surname) anywhere in a name given, case aside: the shared scorer's rule (`named`)."""
from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
from dataclasses import dataclass

import pandas as pd
import yaml


BATCHES = pathlib.Path(__file__).resolve().parent / "articles" / "batches.yaml"


def batches() -> list[dict]:
    """The fresh batches of tests/articles/batches.yaml, each with its name, role and articles."""
    return yaml.safe_load(BATCHES.read_text(encoding="utf-8"))["batches"]


def held_out_articles() -> set[str]:
    """File stems of the articles in held-out batches: left out of every pooled ratchet, so no
    rule is chosen on them (batches.yaml says why)."""
    return set(articles_by_role()["held_out"])


def articles_by_role() -> dict[str, list[str]]:
    """Article file stems by role: "training" (every article outside the fresh batches, and the
    batches whose role is training), "validation" and "held_out" (batches.yaml)."""
    fresh = batches()
    in_batches = {name for batch in fresh for name in batch["articles"]}
    every = sorted(p.name.removesuffix(".gold.json") for p in BATCHES.parent.glob("*.gold.json"))
    roles: dict[str, list[str]] = {"training": [n for n in every if n not in in_batches], "validation": [], "held_out": []}
    for batch in fresh:
        roles[batch["role"]] += batch["articles"]
    return roles


def rows_containing(events: pd.DataFrame, text: str, anchor: str) -> list[dict]:
    start = text.index(anchor)
    end = start + len(anchor)
    return [r for r in events.to_dict("records") if r["char_start"] <= start and end <= r["char_end"]]


def date_matches(row: dict, start: str, end: str, granularity: str) -> bool:
    got_start, got_end = row["date_start"].date(), row["date_end"].date()
    want_start, want_end = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if granularity == "fuzzy":  # overlap, and at most twice as wide plus a week (the scorer's rule)
        return (got_start <= want_end and got_end >= want_start
                and (got_end - got_start).days <= 2 * (want_end - want_start).days + 7)
    return (got_start, got_end) == (want_start, want_end)


def _plain(name: str) -> str:
    """`name` as the names are compared: case folded, one kind of apostrophe, single spaces."""
    return re.sub(r"\s+", " ", name.casefold().replace("’", "'")).strip()


def named(want: str, got: list[str]) -> bool:
    """An actor or place is there when its name or its last word (a person's surname) is a
    whole word of a name given, case aside: "Benigno Aquino" in "Benigno Aquino III", "Annan"
    in "Kofi Annan". The shared scorer's rule (/work/shared/eval/score_events.py, actor_hit),
    less its alias table (the seed's short names: "u.n.", "isis"), which our canonical names
    make moot."""
    keys = {_plain(want), _plain(want).split()[-1]}
    given = [_plain(g) for g in got]
    return any(re.search(r"(?<![\w.])" + re.escape(k) + r"(?!\w)", g) for k in keys for g in given)


@dataclass
class Scores:
    """Counts over a set of gold events: (hits, of how many) for each measure."""

    events: int = 0
    found: int = 0
    dated: int = 0
    status: int = 0
    types: int = 0
    actors: tuple[int, int] = (0, 0)          # gold actors found, gold actors
    locations: tuple[int, int] = (0, 0)
    actors_given: tuple[int, int] = (0, 0)    # names given that the gold asks for, names given
    locations_given: tuple[int, int] = (0, 0)

    def recall(self, key: str) -> float:
        hits, total = getattr(self, key)
        return hits / max(total, 1)

    def precision(self, key: str) -> float:
        hits, total = getattr(self, f"{key}_given")
        return hits / max(total, 1)


def _add(pair: tuple[int, int], hits: int, total: int) -> tuple[int, int]:
    return pair[0] + hits, pair[1] + total


def matched_row(events: pd.DataFrame, text: str, event: dict) -> dict | None:
    """The extracted row scored against gold `event`: among the rows whose sentence holds its
    anchor, the first with the gold's dates, else the first; None when no row holds it."""
    rows = rows_containing(events, text, event["anchor"])
    dated = [r for r in rows if date_matches(r, event["start"], event["end"], event["gran"])]
    return (dated or rows or [None])[0]


def score_gold(gold_path: pathlib.Path, events: pd.DataFrame, text: str, scores: Scores) -> None:
    """Add one gold file's events, matched against its article's extracted `events`, to `scores`."""
    for event in json.loads(gold_path.read_text())["events"]:
        rows = rows_containing(events, text, event["anchor"])
        dated = [r for r in rows if date_matches(r, event["start"], event["end"], event["gran"])]
        row = (dated or rows or [{"actors": [], "locations": [], "event_type": None, "status": None}])[0]
        scores.events += 1
        scores.found += bool(rows)
        scores.dated += bool(dated)
        scores.status += bool(dated) and dated[0]["status"] == event["status"]
        scores.types += row["event_type"] == event["type"]
        for key in ("actors", "locations"):
            want, got = event[key], list(row[key])
            setattr(scores, key, _add(getattr(scores, key), sum(named(a, got) for a in want), len(want)))
            given = f"{key}_given"
            setattr(scores, given, _add(getattr(scores, given), sum(any(named(w, [g]) for w in want) for g in got),
                                        len(got)))
