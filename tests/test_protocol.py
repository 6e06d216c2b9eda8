"""The protocol's tools show rule writers nothing of the batches that judge their rules
(tests/articles/batches.yaml): bench/known_misses.py prints training articles' misses only."""
from __future__ import annotations

import pathlib
import subprocess
import sys

from article_scores import articles_by_role

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _known_misses(*stems: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "known_misses.py"), *stems],
                          capture_output=True, text=True, check=True, cwd=ROOT)


def test_known_misses_prints_training_articles_only():
    roles = articles_by_role()
    printed = _known_misses().stdout
    shown = {line.split(":", 1)[0] for line in printed.splitlines() if line and not line.startswith(" ")}
    shown.discard(printed.splitlines()[-1].split(":", 1)[0])  # the count line
    assert shown and shown <= set(roles["training"])
    assert not shown & (set(roles["validation"]) | set(roles["held_out"]))


def test_known_misses_refuses_a_validation_article_by_name():
    asked = articles_by_role()["validation"][0]
    done = _known_misses(asked)
    assert asked not in done.stdout
    assert "not training articles" in done.stderr and done.stdout.strip().endswith("0 known misses of training articles")


def test_held_out_gold_cases_carry_the_mark_rule_writers_deselect():
    from test_events import gold_cases

    held_out = set(articles_by_role()["held_out"])
    for case in gold_cases():
        path = case.values[0]
        marked = any(mark.name == "held_out" for mark in case.marks)
        assert marked == (path.name.removesuffix(".gold.json") in held_out), case.id
