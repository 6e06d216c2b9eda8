"""Actors as on news nobody tuned on: the pooled training and validation scores of
bench/score_batches.py with the gazetteer's people left out (actors.yaml `people`), beside the
scores with them.

Why: the gazetteer was filled from the training articles' people, so training finds nearly
every person by name, while a fresh article's people are mostly unknown to it; validation's low
actor recall (session 30: 0.54 against training's 0.78) is largely names found nowhere (bench/
participant_features.py: 19% of validation's gold actors are no candidate at all, 5% of
training's). With the people left out, a rule that finds people from the words around them
(actors.yaml `context`) can be written and gated on training articles as if they were fresh.
The states' and organisations' entries stay (their dated heads too), as a fresh article's
states are known. Session 30, actor recall with -> without the people: at its start training
0.7773 -> 0.6691, validation 0.5388 -> 0.4379; after who30's context rules 0.7777 -> 0.6773 and
0.5413 -> 0.4569.

Not a test; prints two tables. Held-out articles are never read.

Run: PYTHONPATH=src .venv/bin/python bench/unknown_people.py
"""
from __future__ import annotations

import pathlib
import sys
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "bench")]

from article_scores import Scores, articles_by_role  # noqa: E402
from score_batches import score  # noqa: E402
from timeline.extract import actors  # noqa: E402

# A person no article names: the gazetteer requires a non-empty list of people.
_NOBODY = {"name": "Nobody Namedhere", "for": ["United States"]}


def _line(label: str, s: Scores) -> str:
    return (f"{label:28} events {s.events:5}  actors R {s.recall('actors'):.4f} ({s.actors[0]}/{s.actors[1]})"
            f"  P {s.precision('actors'):.4f} ({s.actors_given[0]}/{s.actors_given[1]})")


def _without_people(load: Any) -> Any:
    def loaded(name: str) -> Any:
        data = load(name)
        if name == actors.RESOURCE:
            data = {**data, "people": [_NOBODY]}
        return data
    return loaded


def main() -> None:
    roles = articles_by_role()
    for label, patch in (("with the gazetteer's people", False), ("without them", True)):
        load = actors.load_yaml
        if patch:
            actors.load_yaml = _without_people(load)
        actors.gazetteer.cache_clear()
        try:
            print(label)
            for role in ("training", "validation"):
                print("  " + _line(role, score(roles[role])))
        finally:
            actors.load_yaml = load
            actors.gazetteer.cache_clear()


if __name__ == "__main__":
    main()
