"""Benchmark: does `tag_times` take twice as long on twice the text? Not a test: it prints,
for text shapes that once were (or could be) superlinear, the best-of-3 wall time on 20,000
and 40,000 characters and their ratio (about 2 is linear; the tests count work instead, see
tests/test_tagger_properties.py), plus the counted work of each run.

Run: .venv/bin/python bench/bench_tagger_linearity.py [--sizes 20000 40000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter

from timeline import tag_times

SHAPES = {
    "news prose": "On 3 March 2015, the envoys (who met last week) said \"next Tuesday\" would do. ",
    "dates, no full stop": "2015 12 31 ",
    "no whitespace": "2015" + "-" * 120,
    "weekdays in one paragraph": "In 2015 envoys met on Monday and Friday and ",
    "clock-time runs": "at 1500 and at 1630 and ",
    "numbers and slashes": "1999 2000 2001 12/11 3:15 pm ",
    "a URL": "http://example.com/2015/12/31/talks-resumed-in-geneva-on-monday-and-friday/ ",
}


def best_of(text: str, repeat: int) -> tuple[float, int]:
    best, work = float("inf"), Counter()
    for _ in range(repeat):
        work = Counter()
        began = time.perf_counter()
        tag_times(text, "2016-02-03", work=work)
        best = min(best, time.perf_counter() - began)
    return best, sum(work.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[20_000, 40_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tag_times("Warm-up on Monday, 3 March 2015.", "2016-02-03")  # rules loaded before timing
    small, large = args.sizes
    print(f"{'shape':28s} {small:>9,} ch {large:>9,} ch  time ratio  work ratio")
    for name, unit in SHAPES.items():
        texts = [(unit * (size // len(unit) + 1))[:size] for size in (small, large)]
        (t1, w1), (t2, w2) = (best_of(text, args.repeat) for text in texts)
        print(f"{name:28s} {t1:10.3f} s {t2:10.3f} s  {t2 / t1:10.2f}  {w2 / w1:10.2f}")


if __name__ == "__main__":
    main()
