"""What the benchmarks share: the best of a few timed runs, and the tests' data makers on the
import path. A benchmark is run as `python bench/bench_x.py`, so this folder is on sys.path and
`from timing import best_of` works without installing anything."""
from __future__ import annotations

import pathlib
import sys
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
TESTS = pathlib.Path(__file__).resolve().parents[1] / "tests"


def best_of(repeat: int, function: Callable[[], T]) -> tuple[float, T]:
    """The fastest wall-clock time of `repeat` runs of `function` (at least one), in seconds,
    and the last run's result. The best, not the mean: the machine is shared, and a slow run
    measures the neighbours, not the code."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def import_test_helpers() -> None:
    """Put tests/ on the import path: the benchmarks measure the data the tests are made of
    (tests/synthetic.py, the place sets of tests/test_map.py)."""
    if str(TESTS) not in sys.path:
        sys.path.insert(0, str(TESTS))
