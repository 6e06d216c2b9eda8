"""The participant model's training table: one line per (gold-matched extracted row, candidate
actor), with the candidate's features (extract/discourse/participants.py) and its label (the
candidate is one of the gold event's actors, by tests/article_scores.py's `named`).

Rows are matched to gold events as the tests match them (tests/article_scores.py: the row whose
sentence holds the anchor, preferring one with the gold's dates). Each event carries its
article's role (tests/article_scores.py's `articles_by_role()`: "training" or "validation"; the
seed's gold, when --eval's folder has it, joins training, as the articles the rules were tuned
on). Held-out articles are never read: neither featurised nor written, whatever --holdout says.
Articles listed in the file given with --holdout (one article path or name a line, as
`tests/articles/x_2015`) are left out too.

Prints, per batch of tests/articles/batches.yaml and for the rest, how many gold actors are
among the candidates at all (the ceiling any ranking can reach) beside the rules' recall.

Writes a JSON-lines file of events (their gold, the rules' actors, the candidates) that
bench/participant_fit.py reads, and a CSV of the training table.

Run: .venv/bin/python bench/participant_features.py [--out DIR] [--holdout FILE] [--eval ../shared/eval]
"""
from __future__ import annotations

import argparse
import csv
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import yaml  # noqa: E402

from article_scores import articles_by_role, matched_row, named  # noqa: E402
from timeline.extract.discourse.participants import FEATURES  # noqa: E402
from timeline.extract.events import participant_candidates  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
OUT = ROOT / "bench" / "out" / "participants"
TUNED = "tuned on (the rest)"


def held_out(holdout: pathlib.Path | None) -> set[str]:
    """The articles nobody may fit or tune on: the names listed in `holdout` (paths or names)."""
    if holdout is None:
        return set()
    return {pathlib.Path(line.strip()).name.removesuffix(".gold.json").removesuffix(".txt")
            for line in holdout.read_text().splitlines() if line.strip()}


def gold_files(holdout: pathlib.Path | None, seed_gold: pathlib.Path) -> list[tuple[str, str, pathlib.Path]]:
    """(batch, role, gold path) of every gold file the model may learn from or be scored on: the
    training and validation articles (batches.yaml's roles), never a held-out one."""
    batches = yaml.safe_load((ARTICLES / "batches.yaml").read_text())["batches"]
    batch_of = {name: b["name"] for b in batches for name in b["articles"]}
    role_of = {name: role for role, names in articles_by_role().items() for name in names}
    hold = held_out(holdout)
    out = [(TUNED, "training", seed_gold)] if seed_gold.exists() else []
    for path in sorted(ARTICLES.glob("*.gold.json")):
        name = path.name.removesuffix(".gold.json")
        if name not in hold and role_of.get(name) in ("training", "validation"):
            out.append((batch_of.get(name, TUNED), role_of[name], path))
    return out


def events_of(batch: str, role: str, gold_path: pathlib.Path) -> list[dict]:
    gold = json.loads(gold_path.read_text())
    text = (gold_path.parent / gold["text_file"]).read_text(encoding="utf-8")
    table, candidates = participant_candidates(text, published=gold["published"], doc_id=gold["doc_id"])
    table = table.reset_index(drop=True)
    table["_i"] = range(len(table))
    out = []
    for k, event in enumerate(gold["events"]):
        row = matched_row(table, text, event)
        cands = candidates[row["_i"]] if row is not None else []
        out.append({
            "article": gold_path.name.removesuffix(".gold.json"), "batch": batch, "role": role, "event": k,
            "gold": event["actors"], "rules": list(row["actors"]) if row is not None else [],
            "type": row["event_type"] if row is not None else None,
            "candidates": [{"name": c.name, "label": int(any(named(w, [c.name]) for w in event["actors"])),
                            "features": [c.features[f] for f in FEATURES]} for c in cands],
        })
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    parser.add_argument("--holdout", type=pathlib.Path, default=None,
                        help="a file listing articles never to read (one path or name a line)")
    parser.add_argument("--eval", type=pathlib.Path, default=ROOT.parent / "shared" / "eval",
                        help="the shared yardsticks' folder (its seed_gold.json joins the tuned rest)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    events = [e for batch, role, path in gold_files(args.holdout, args.eval / "seed_gold.json")
              for e in events_of(batch, role, path)]
    with (args.out / "participant_events.jsonl").open("w") as f:
        for e in events:
            f.write(json.dumps(e) + "\n")
    with (args.out / "participant_table.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["article", "batch", "role", "event", "candidate", "label", *FEATURES])
        for e in events:
            for c in e["candidates"]:
                w.writerow([e["article"], e["batch"], e["role"], e["event"], c["name"], c["label"], *c["features"]])
    print(f"{'set':<22} {'events':>6} {'gold actors':>11} {'rules hit':>9} {'ceiling':>8} {'cands/row':>9}")
    # Training batch by batch; validation pooled only (its batches are scored, never read apart).
    sets = {**{b: [e for e in events if e["batch"] == b]
               for b in dict.fromkeys(e["batch"] for e in events if e["role"] == "training")},
            "validation (pooled)": [e for e in events if e["role"] == "validation"]}
    for batch, mine in sets.items():
        if not mine:
            continue
        gold = sum(len(e["gold"]) for e in mine)
        rules = sum(named(g, e["rules"]) for e in mine for g in e["gold"])
        ceiling = sum(named(g, [c["name"] for c in e["candidates"]]) for e in mine for g in e["gold"])
        per_row = sum(len(e["candidates"]) for e in mine) / max(1, sum(bool(e["candidates"]) for e in mine))
        print(f"{batch:<22} {len(mine):>6} {gold:>11} {rules / max(gold, 1):>9.3f} {ceiling / max(gold, 1):>8.3f} {per_row:>9.1f}")
    print(f"{len(events)} events, {sum(len(e['candidates']) for e in events)} (row, candidate) lines -> {args.out}")


if __name__ == "__main__":
    main()
