"""Which place rules carry over: each rule of the place side switched off in turn, the place
recall and precision scored on the batches the rules were written from and, apart, on batches
held out from them (scored only: this prints totals, never an event).

A rule that does nothing on the held-out batches fits the articles it was written from; one
whose removal raises them does harm on news nobody tuned on (session 15 narrowed two that way:
a parliament with no state named, a military act of the article's own state).

Not a test; prints a table. The rules are switched off by replacing one method for the run.

Run: .venv/bin/python bench/place_ablation.py [--held-out "fourth fresh batch" "fifth fresh batch"]
     [--train "first fresh batch" ... tuned] [--only NAME ...] [--holdout /work/briefs/holdout.txt]
(--holdout: a file listing articles, one a line, "tests/articles/NAME": never read nor scored.)
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections.abc import Callable
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import yaml  # noqa: E402

from article_scores import Scores, score_gold  # noqa: E402
from timeline.extract.discourse import reading, where  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402
from timeline.extract.places import PlaceGazetteer  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
_NONE: Callable[..., Any] = lambda *a, **k: None   # noqa: E731
_EMPTY: Callable[..., Any] = lambda *a, **k: set()   # noqa: E731
_FALSE: Callable[..., Any] = lambda *a, **k: False   # noqa: E731
P, R = where.PlaceSide, reading.Reading

# name -> the methods replaced for the run
ABLATIONS: dict[str, list[tuple[type, str, Callable[..., Any]]]] = {
    "none (as is)": [],
    "states hosting": [(P, "_hosting", _NONE)],
    "'there'": [(P, "_there", _NONE)],
    "seat (capital)": [(P, "_seat", _NONE)],
    "'at the base'": [(P, "_the_site", _NONE)],
    "arrival": [(P, "_arrival", _NONE)],
    "discourse place (venue, country)": [(P, "_place", _NONE)],
    "lede told again": [(P, "_lede_venue", _NONE)],
    "dateline to lede": [(P, "_dateline_to_lede", _NONE)],
    "stretches": [(P, "_share_stretches", _NONE)],
    "town by dateline city": [(P, "_dateline_city_around", _NONE)],
    "reference points": [(P, "_references", _EMPTY)],
    "reported words": [(P, "_reported_places", _EMPTY)],
    "remote (phone call)": [(P, "_remote", _FALSE)],
    "story place": [(P, "_story_place", _NONE)],
    "venue days": [(P, "_same_time", lambda *a, **k: True)],
    "'a new' happening": [(R, "_is_new", _FALSE)],
    "small towns": [(PlaceGazetteer, "_local_town", _NONE)],
    "'the region'": [(PlaceGazetteer, "_with_anaphors", lambda self, text, tokens, found: found)],
    "'independence from'": [(PlaceGazetteer, "_related", _FALSE)],
    "document titles": [(PlaceGazetteer, "_in_title", _FALSE)],
    "appeals (no country)": [(P, "_appeal", _FALSE)],
}


def _articles(batches: list[dict[str, Any]], names: list[str]) -> list[str]:
    fresh = {a for b in batches for a in b["articles"]}
    out = [a for b in batches if b["name"] in names for a in b["articles"]]
    if "tuned" in names:
        out += sorted(n for p in ARTICLES.glob("*.gold.json") if (n := p.name.removesuffix(".gold.json")) not in fresh)
    return out


def _score(names: list[str], texts: dict[str, tuple[dict[str, Any], str]]) -> Scores:
    scores = Scores()
    for name in names:
        gold, text = texts[name]
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        score_gold(ARTICLES / f"{name}.gold.json", events, text, scores)
    return scores


def main() -> None:
    batches = yaml.safe_load((ARTICLES / "batches.yaml").read_text())["batches"]
    parser = argparse.ArgumentParser()
    parser.add_argument("--held-out", nargs="+", default=["fourth fresh batch", "fifth fresh batch"])
    parser.add_argument("--train", nargs="+",
                        default=["first fresh batch", "second fresh batch", "third fresh batch", "tuned"])
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--holdout", type=pathlib.Path, default=None)
    args = parser.parse_args()
    hidden = {pathlib.PurePath(line.strip()).name for line in args.holdout.read_text().splitlines()
              if line.strip()} if args.holdout else set()
    sets = {k: [n for n in names if n not in hidden] for k, names in
            (("train", _articles(batches, args.train)), ("held out", _articles(batches, args.held_out)))}
    texts = {}
    for name in {n for names in sets.values() for n in names}:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        texts[name] = (gold, (ARTICLES / gold["text_file"]).read_text(encoding="utf-8"))
    print(f"{'rule switched off':<34} " + "   ".join(f"{k} ({len(v)}) places R / P" for k, v in sets.items()))
    for label, patches in ABLATIONS.items():
        if args.only and label not in args.only and label != "none (as is)":
            continue
        saved = [(owner, attr, getattr(owner, attr)) for owner, attr, _ in patches]
        for owner, attr, replacement in patches:
            setattr(owner, attr, replacement)
        try:
            cells = [_score(names, texts) for names in sets.values()]
        finally:
            for owner, attr, original in saved:
                setattr(owner, attr, original)
        print(f"{label:<34} " + "   ".join(f"{s.recall('locations'):.3f} / {s.precision('locations'):.3f}"
                                           .ljust(len(k) + 22) for k, s in zip(sets, cells)))


if __name__ == "__main__":
    main()
