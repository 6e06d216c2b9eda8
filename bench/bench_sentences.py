"""Benchmark: `split_sentences` throughput, and its cost on hostile input.

Not a test: it prints timings and ratios against a baseline measured in the same run on the
same text: the naive splitter `re.split(r"(?<=[.!?])\\s+", text)` (no abbreviations, no
quotes, no paragraphs), i.e. the least work any splitter does. Inputs:

- news: the seed article repeated to about 1 MB, and to 5 MB;
- hostile: inputs that stall backtracking splitters ("a. " x 20,000; a 20,000-character line
  without punctuation; 20,000 dots; ellipses; acronyms).

The hostile rows must stay within a small factor of the baseline: the splitter is linear.

Run: .venv/bin/python bench/bench_sentences.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import pathlib
import re

from timing import best_of  # bench/ is on the path when a benchmark runs
from timeline.extract.sentences import split_sentences

ROOT = pathlib.Path(__file__).resolve().parents[1]
NAIVE = re.compile(r"(?<=[.!?])\s+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seed = (ROOT / "seeds" / "000_37ce115855780b04.txt").read_text(encoding="utf-8")
    inputs = {
        "news 1 MB": seed * (1_000_000 // len(seed) + 1),
        "news 5 MB": seed * (5_000_000 // len(seed) + 1),
        "'a. ' x 20,000": "a. " * 20_000,
        "20,000 chars, no punctuation": "word " * 4_000,
        "20,000 dots": "." * 20_000 + "a",
        "20,000 ellipses": "…" * 20_000,
        "'U.S. ' x 5,000": "U.S. " * 5_000,
    }
    split_sentences(seed)  # load the word lists before timing
    print(f"{'input':32} {'chars':>10} {'sentences':>10} {'split_sentences':>16} "
          f"{'naive re.split':>15} {'ratio':>7}")
    for name, text in inputs.items():
        ours, _ = best_of(args.repeat, lambda: split_sentences(text))
        naive, _ = best_of(args.repeat, lambda: NAIVE.split(text))
        count = len(split_sentences(text))
        print(f"{name:32} {len(text):>10,} {count:>10,} {ours * 1000:>13.1f} ms "
              f"{naive * 1000:>12.1f} ms {ours / max(naive, 1e-9):>6.1f}x")


if __name__ == "__main__":
    main()
