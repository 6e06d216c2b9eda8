"""Every missed gold place and every wrong extracted place of a set of test articles, by
category (issue 11): (a) never a place mention anywhere in the article, and why; (b) named in
the article as a place but not lent to the row, and where; (c) extracted at another granularity
(a city where the gold gives its country, or the reverse). Matching as tests/article_scores.py:
the row holding the gold's anchor (the one with the gold's dates first); a place counts by its
canonical name only, so a city given for its country is one miss and one wrong place.

Not a test; prints counts. Training articles (the tuned ones and the first three fresh batches)
by default, each miss listed with --list; --validation prints the fourth to ninth batches' counts
only (never an event: their misses are not read to write rules).

Run: .venv/bin/python bench/place_misses.py [--list | --validation]
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import yaml  # noqa: E402

from article_scores import matched_row, named  # noqa: E402
from timeline.extract.discourse import Discourse  # noqa: E402
from timeline.extract.events import extract_events, find_mentions  # noqa: E402
from timeline.extract.places import country_at  # noqa: E402
from timeline.extract.places import gazetteer as place_gazetteer  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
TRAINING_BATCHES = 3          # the first three fresh batches are training
VALIDATION_BATCHES = (3, 9)   # the fourth to the ninth; the tenth is held out

_readers: list[Discourse] = []
_init = Discourse.__init__


def _keep_reader(self: Discourse, *args: Any, **kwargs: Any) -> None:
    _init(self, *args, **kwargs)
    _readers.append(self)


Discourse.__init__ = _keep_reader   # (to ask the article's reader for its country and dateline)


def article_sets() -> tuple[list[str], list[str]]:
    """(training, validation) article names."""
    batches = yaml.safe_load((ARTICLES / "batches.yaml").read_text())["batches"]
    fresh = {name for batch in batches for name in batch["articles"]}
    tuned = sorted(n for p in ARTICLES.glob("*.gold.json") if (n := p.name.removesuffix(".gold.json")) not in fresh)
    training = tuned + [n for b in batches[:TRAINING_BATCHES] for n in b["articles"]]
    validation = [n for b in batches[slice(*VALIDATION_BATCHES)] for n in b["articles"]]
    assert not any("tenth" in b["name"] for b in batches[slice(*VALIDATION_BATCHES)])
    return training, validation


def country_of(name: str) -> str | None:
    """The country a region, city or site lies in, if the gazetteer knows."""
    g = place_gazetteer()
    place = g.places.get(name)
    if place is None:
        return None
    if name in g.country_of:
        return g.country_of[name]
    return country_at(place.lat, place.lon) if place.lat is not None and place.kind in ("city", "site") else None


def categorise(names: list[str]) -> tuple[collections.Counter, collections.Counter, collections.Counter, list]:
    """(missed by category, of them with an empty row, wrong by category, the misses listed)."""
    missed: collections.Counter = collections.Counter()
    empty: collections.Counter = collections.Counter()
    wrong: collections.Counter = collections.Counter()
    listed: list[tuple[str, ...]] = []
    for name in names:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        _readers.clear()
        table = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        reader = _readers[0] if _readers else None
        mentions = find_mentions(text)
        places = {m.place.name for m in mentions.places}
        in_rows = {p for ls in table["locations"] for p in ls}
        demonyms = {a.actors[0] for a in mentions.actors if a.how == "demonym"}
        acting = {a.actors[0] for a in mentions.actors if not a.person}
        country = reader.country() if reader else ()
        filed = reader.filed_from() if reader else ()
        filed_span = reader._filed_span if reader else (0, 0)
        head_end = reader._headline_end if reader else 0
        for event in gold["events"]:
            row = matched_row(table, text, event)
            got = list(row["locations"]) if row else []
            start = row["char_start"] if row else 0
            end = row["char_end"] if row else 0
            for want in event["locations"]:
                if named(want, got):
                    continue
                at = [m.start for m in mentions.places if m.place.name == want]
                if row is None:
                    cat = "no row holds the anchor"
                elif [g for g in got if country_of(g) == want]:
                    cat = "(c) the row has a place inside it"
                elif [g for g in got if country_of(want) == g]:
                    cat = "(c) the row has its country"
                elif want not in places and want not in in_rows:
                    cat = "(a) " + ("its demonym or adjective in the article" if want in demonyms
                                    else "implied by a named city or region of it" if any(country_of(p) == want for p in places)
                                    else "named only as a state acting" if want in acting
                                    else "name in the text, not found as a place" if want.lower() in text.lower()
                                    else "not in the text")
                elif any(start <= a < end for a in at):
                    cat = "(b) in the row's own sentence"
                elif want in filed or any(filed_span[0] <= a < filed_span[1] for a in at):
                    cat = "(b) the dateline"
                elif any(a < head_end for a in at) and all(a < head_end for a in at if a < start):
                    cat = "(b) the headline only (before the row)"
                elif country and want == country[0]:
                    cat = "(b) the article's main country"
                elif any(a < start and start - a <= 600 for a in at):
                    cat = "(b) earlier, within 600 characters"
                elif any(a < start for a in at):
                    cat = "(b) earlier, further"
                else:
                    cat = "(b) only after the row" if at else "(b) only in another row's places"
                missed[cat] += 1
                empty[cat] += not got
                listed.append((cat, name, want, str(got), event["anchor"][:70]))
            for g in got:
                if any(named(w, [g]) for w in event["locations"]):
                    continue
                wrong["granularity (inside or around a gold place)" if any(
                    country_of(g) == w or country_of(w) == g for w in event["locations"])
                      else "the gold gives no place" if not event["locations"]
                      else "the dateline's city, the gold another" if g in filed
                      else "the article's country, the gold another" if country and g == country[0]
                      else "another place"] += 1
    return missed, empty, wrong, listed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list each training miss")
    parser.add_argument("--validation", action="store_true", help="the fourth to ninth batches, counts only")
    args = parser.parse_args()
    training, validation = article_sets()
    missed, empty, wrong, listed = categorise(validation if args.validation else training)
    print(f"missed gold places: {sum(missed.values())}")
    for cat, n in missed.most_common():
        print(f"{n:5d} ({empty[cat]} on a row with no place)  {cat}")
    print(f"wrong places given: {sum(wrong.values())}")
    for cat, n in wrong.most_common():
        print(f"{n:5d}  {cat}")
    if args.list and not args.validation:
        for item in sorted(listed):
            print(" | ".join(item))


if __name__ == "__main__":
    main()
