"""The known misses (tests/test_events.py's KNOWN_MISSES) of the training articles only: the one
way whoever writes rules reads them. Validation and held-out misses are never printed, so a rule
is not chosen on the batches that judge it (tests/articles/batches.yaml); grepping the test files
would print them too.

Run: .venv/bin/python bench/known_misses.py [ARTICLE_STEM ...]   (training articles only)
"""
from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from article_scores import articles_by_role  # noqa: E402
from test_events import KNOWN_MISSES  # noqa: E402


def training_misses(stems: list[str] | None = None) -> list[tuple[str, str, str]]:
    """(article, anchor, reason) of each known miss of a training article, in `stems` if given."""
    training = set(articles_by_role()["training"])
    wanted = training & set(stems) if stems else training
    return [(stem, anchor, reason) for (stem, anchor), reason in KNOWN_MISSES.items() if stem in wanted]


def main() -> None:
    asked = sys.argv[1:]
    refused = sorted(set(asked) - set(articles_by_role()["training"]))
    if refused:
        print(f"not training articles (their misses are not shown): {', '.join(refused)}", file=sys.stderr)
    misses = training_misses(asked or None)
    for stem, anchor, reason in misses:
        print(f"{stem}: {anchor!r}\n    {reason}")
    print(f"{len(misses)} known misses of training articles")


if __name__ == "__main__":
    main()
