"""Benchmark: what the participant model costs extract_events when it decides (participant_model.yaml
`active: true`) against the rules alone (`active: false`), on the same articles (the seed and
tests/articles, but those listed in --holdout), passes alternating, best of
--repeat, in this process's CPU time. Prints documents per CPU-second of each and their ratio.

Run: .venv/bin/python bench/bench_participants.py [--repeat 3] [--holdout FILE]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

from timeline.extract import events  # noqa: E402
from timeline.extract.discourse import participants  # noqa: E402


def articles(hold: pathlib.Path | None) -> list[tuple[str, str]]:
    """The test articles but those `hold` lists (one path or name a line): never read, even to time."""
    held = {pathlib.Path(line.strip()).name for line in hold.read_text().splitlines() if line.strip()} if hold else set()
    out = []
    for path in sorted((ROOT / "tests" / "articles").glob("*.gold.json")):
        if path.name.removesuffix(".gold.json") in held:
            continue
        gold = json.loads(path.read_text())
        out.append(((path.parent / gold["text_file"]).read_text(encoding="utf-8"), gold["published"]))
    return out


def run(docs: list[tuple[str, str]], active: bool) -> float:
    fitted = dataclasses.replace(participants.model(), active=active)
    events.participant_model = lambda: fitted
    start = time.process_time()
    for text, published in docs:
        events.extract_events(text, published=published)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--holdout", type=pathlib.Path, default=None,
                        help="a file listing articles never to read (one path or name a line)")
    args = parser.parse_args()
    docs = articles(args.holdout)
    run(docs, True)   # warm: gazetteers and rules loaded once
    best = {False: float("inf"), True: float("inf")}
    for _ in range(args.repeat):
        for active in (False, True):
            best[active] = min(best[active], run(docs, active))
    rules, model = len(docs) / best[False], len(docs) / best[True]
    print(f"{len(docs)} articles: rules alone {rules:.0f} docs/CPU-s, with the participant model {model:.0f} docs/CPU-s "
          f"(ratio {model / rules:.3f}; CPU s {best[False]:.3f} -> {best[True]:.3f}; load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
