"""Each piece of the narrative-year machinery switched off in turn, over the training articles:
which time expressions change, and against gold whether each was fixed or broken. A reading of
how much training support each frame has (docs/measurements.md, story31), not a test. Validation
and held-out articles are never read.

A gold event decides an expression when one of its rows (not inherited) is dated by it; "fixed"
and "broken" say whether the row's date matches the gold with the piece off and on.

Run: PYTHONPATH=src .venv/bin/python bench/narrative_ablation.py [piece ...]  (all by default)
"""
from __future__ import annotations

import collections
import contextlib
import datetime as dt
import json
import pathlib
import sys
from typing import Callable, Iterator

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from article_scores import articles_by_role, rows_containing  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402
from timeline.temporal import normalise, tagger  # noqa: E402
from timeline.temporal.tagger import tag_times  # noqa: E402
from timeline.temporal.types import TimeExpression  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"


class _Never:
    """A pattern that never matches (a phrase list switched off)."""

    def search(self, *args: object, **kwargs: object) -> None:
        return None


def _without_frame(kind: str) -> Callable[..., str | None]:
    frame = tagger._narrative_frame
    return lambda *args: None if frame(*args) == kind else frame(*args)


# piece -> the module attributes replaced while it is off
PIECES: dict[str, list[tuple[object, str, object]]] = {
    **{f"frame {kind}": [(tagger, "_narrative_frame", _without_frame(kind))]
       for kind in ("anniversary", "question", "heading", "opening")},
    "weekday fits year": [(normalise, "_year_of_weekday", lambda *a: None)],
    "past date near": [(normalise, "_with_past_date", lambda point, *a: point)],
    "year in sentence": [(normalise, "_year_of_the_sentence", lambda *a: None)],
    "flashback": [(tagger, "_flashback", lambda *a: False)],
    "relative aside": [(tagger, "_relative_aside", lambda *a: False)],
    "reporter frame": [(tagger, "reporter_frame", lambda: _Never())],
    "date line": [(tagger, "_date_line", lambda *a: False)],
    "present openers": [(tagger, "present_opener", lambda: _Never())],
    "past perfect since": [(normalise, "past_perfect_since", lambda: _Never())],
    "present perfect since": [(normalise, "present_perfect_since", lambda: _Never())],
    "just before publication": [(normalise, "_just_before_publication", lambda *a: False)],
    "story_step_days 0": [(normalise, "story_step_days", lambda: 0)],
    "recent_days 0": [(tagger, "recent_days", lambda: 0)],
    "narrative_reach 5000": [(tagger, "narrative_reach", lambda: 5000)],
}


@contextlib.contextmanager
def switched_off(piece: str) -> Iterator[None]:
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in PIECES[piece]]
    for obj, name, value in PIECES[piece]:
        setattr(obj, name, value)
    try:
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


def _matches(t: TimeExpression, gold: tuple[str, str, str]) -> bool:
    """article_scores.date_matches on an expression's interval."""
    if t.interval_start is None:
        return False
    want = dt.date.fromisoformat(gold[0]), dt.date.fromisoformat(gold[1])
    if gold[2] == "fuzzy":
        return (t.interval_start <= want[1] and t.interval_end >= want[0]
                and (t.interval_end - t.interval_start).days <= 2 * (want[1] - want[0]).days + 7)
    return (t.interval_start, t.interval_end) == want


def main() -> None:
    docs, golds = [], {}
    for name in articles_by_role()["training"]:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        docs.append((name, text, gold["published"]))
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        golds[name] = collections.defaultdict(list)
        for event in gold["events"]:
            for row in rows_containing(events, text, event["anchor"]):
                if not row["date_inherited"] and row["timex_start"] == row["timex_start"] and row["timex_start"] is not None:
                    golds[name][int(row["timex_start"])].append((event["start"], event["end"], event["gran"]))
    base = {name: {t.start: t for t in tag_times(text, pub)} for name, text, pub in docs}
    for piece in sys.argv[1:] or PIECES:
        tally: collections.Counter[str] = collections.Counter()
        lines = []
        with switched_off(piece):
            for name, text, pub in docs:
                for t in tag_times(text, pub):
                    was = base[name].get(t.start)
                    if was is None or was.value == t.value:
                        continue
                    wanted = golds[name].get(t.start)
                    if not wanted:
                        tally["changed, no gold"] += 1
                        continue
                    on, off = any(_matches(was, g) for g in wanted), any(_matches(t, g) for g in wanted)
                    kind = "fixed" if off and not on else "broken" if on and not off else "both right" if on else "both wrong"
                    tally[kind] += 1
                    lines.append(f"    {kind:10} {name} pub {pub} {was.text!r} {was.value} -> {t.value}")
        print(f"{piece:24} " + (", ".join(f"{k} {n}" for k, n in sorted(tally.items())) or "no change"))
        for line in lines[:8]:
            print(line)


if __name__ == "__main__":
    main()
