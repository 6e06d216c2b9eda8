"""Event types against the gold, by the roles of tests/articles/batches.yaml: types right on
TRAINING (every test article outside the fresh batches, and the batches whose role is training)
and on each VALIDATION batch, then training's confusion (gold type in rows, the matched row's type
in columns; "none": no row holds the anchor) and validation's, as counts only. Held-out batches
are never read here.

With --misses, every TRAINING mismatch: gold type, extracted type, the cue that decided, the
sentence (validation's are counted, never printed).

Not a test; prints tables. Run: .venv/bin/python bench/type_confusion.py [--misses]
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from article_scores import articles_by_role, batches, matched_row  # noqa: E402
from timeline.extract.event_types import classify, vocabulary  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"


def pairs(names: list[str]) -> list[tuple[str, str, str, str]]:
    """(gold type, extracted type or "none", deciding cue, sentence) for every gold event."""
    out = []
    for name in names:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        for event in gold["events"]:
            row = matched_row(events, text, event)
            if row is None:
                out.append((event["type"], "none", "", event["anchor"]))
                continue
            sentence = row["sentence"]
            cue = ""
            # a row dated from another sentence (or the publication day) has its timex elsewhere
            start = -1 if row["timex_start"] is None else int(row["timex_start"]) - int(row["char_start"])
            if 0 <= start <= len(sentence):
                cue = classify(sentence, start, start + len(row["timex_text"])).cue or ""
            out.append((event["type"], row["event_type"], cue, sentence))
    return out


def confusion(counts: collections.Counter[tuple[str, str]], columns: list[str]) -> None:
    """Print gold type (rows) against extracted type (columns) as a markdown table."""
    print("| gold \\ got | " + " | ".join(c[:5] for c in columns) + " |")
    print("| --- " * (len(columns) + 1) + "|")
    for gold_type in sorted({g for g, _ in counts}):
        cells = [f"**{counts[gold_type, c]}**" if c == gold_type else str(counts[gold_type, c]) for c in columns]
        print(f"| {gold_type} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="print every training mismatch")
    args = parser.parse_args()
    training = pairs(articles_by_role()["training"])
    right = sum(g == t for g, t, _, _ in training)
    print(f"training: types {right} of {len(training)} ({right / len(training):.3f})")
    pooled = [0, 0]
    validation_cells: collections.Counter[tuple[str, str]] = collections.Counter()
    for batch in batches():
        if batch["role"] != "validation":
            continue
        name = batch["name"]
        got = pairs(batch["articles"])
        validation_cells.update((g, t) for g, t, _, _ in got)
        hits = sum(g == t for g, t, _, _ in got)
        pooled[0] += hits
        pooled[1] += len(got)
        print(f"{name}: types {hits} of {len(got)}")
    print(f"validation pooled: types {pooled[0]} of {pooled[1]} ({pooled[0] / pooled[1]:.3f})")
    # Validation's confusion as counts only: its sentences are never read to write rules.
    misses = collections.Counter({cell: n for cell, n in validation_cells.items() if cell[0] != cell[1]})
    print("validation's biggest cells: " + ", ".join(f"{g} -> {t} {n}" for (g, t), n in misses.most_common(12)))
    columns = ["none", *sorted(vocabulary().types)]
    print("\ntraining:")
    confusion(collections.Counter((g, t) for g, t, _, _ in training), columns)
    print("\nvalidation (counts only):")
    confusion(validation_cells, columns)
    if args.misses:
        for gold_type, got, cue, sentence in sorted(training):
            if gold_type != got:
                print(f"\n{gold_type} -> {got} [{cue}]\n  {' '.join(sentence.split())[:400]}")


if __name__ == "__main__":
    main()
