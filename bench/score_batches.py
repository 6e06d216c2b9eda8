"""Each fresh batch of test articles: its first-run scores (written when the batch was added,
before the extractor ever ran on it) beside its scores now, and the articles the rules were
tuned on apart. Rules that carry over to news nobody tuned on raise a batch above its first run
by general means; rules written for the articles at hand raise only the tuned line.

Not a test (tests/test_events.py holds the ratchet over all articles); prints a table.

Run: .venv/bin/python bench/score_batches.py [--held-out]  (held-out lines: the integrator's only)
"""
from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import yaml  # noqa: E402

from article_scores import Scores, batches as fresh_batches, score_gold  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"


def score(names: list[str]) -> Scores:
    scores = Scores()
    for name in names:
        gold_path = ARTICLES / f"{name}.gold.json"
        gold = json.loads(gold_path.read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        score_gold(gold_path, events, text, scores)
    return scores


def _row(label: str, s: Scores, first: dict | None) -> str:
    cells = []
    for key, recall, precision in (("actors", "actors", "actor_precision"), ("locations", "places", "place_precision")):
        now = f"{s.recall(key):.3f} / {s.precision(key):.3f}"
        cells.append(f"{first[recall]:.3f} / {first[precision]:.3f} -> {now}" if first else f"{'':>17}{now}")
    return f"{label:<34} {s.events:>6} {s.dated:>6} {s.types:>6}  {cells[0]:<34} {cells[1]}"


def main() -> None:
    # Held-out batches are scored by the integrator only (--held-out): whoever writes rules runs
    # this without it and so never sees them.
    show_held_out = "--held-out" in sys.argv
    batches = fresh_batches()
    fresh = {name for batch in batches for name in batch["articles"]}
    tuned = sorted(name for p in ARTICLES.glob("*.gold.json") if (name := p.name.removesuffix(".gold.json")) not in fresh)
    print(f"{'set (role)':<34} {'events':>6} {'dated':>6} {'types':>6}  "
          f"{'actors R / P: first run -> now':<34} places R / P: first run -> now")
    pooled: dict[str, list[str]] = {"training": list(tuned), "validation": [], "held_out": []}
    for batch in batches:
        pooled[batch["role"]] += batch["articles"]
        if batch["role"] == "held_out" and not show_held_out:
            continue
        print(_row(f"{batch['name']} ({batch['role']})", score(batch["articles"]), batch["first_run"]))
    print(_row("tuned on (the rest; training)", score(tuned), None))
    for role, names in pooled.items():
        if names and (role != "held_out" or show_held_out):  # pooled by role: training and validation are what the ratchet scores
            print(_row(f"all {role} ({len(names)} articles)", score(names), None))

if __name__ == "__main__":
    main()
