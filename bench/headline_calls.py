"""Every `headlines.headline` call of one chronology per TRAINING article (tests/articles/
batches.yaml roles; validation and held-out articles are never built), recorded with its inputs,
so that headline rules can be read and re-run on the same calls.

  record OUT.jsonl          one chronology per training article, each call and its line
  rerun IN.jsonl OUT.jsonl  the same calls through the current code (no extraction)
  diff A.jsonl B.jsonl      the calls whose line changed, with row number and sentence
  time IN.jsonl [N]         CPU seconds of `headline` alone over the calls x N (best of 5)

Run from the repository root with PYTHONPATH=src.
"""
from __future__ import annotations

import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from article_scores import articles_by_role  # noqa: E402

from timeline.corpus import chronology, headlines  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
FIELDS = ("sentence", "actors", "locations", "status", "event_type", "timex")


def record(out: pathlib.Path) -> None:
    calls: list[dict] = []
    original = headlines.headline

    def recording(sentence, actors, locations, status, event_type, timex=""):  # type: ignore[no-untyped-def]
        line = original(sentence, actors, locations, status, event_type, timex)
        calls.append({"article": article, "sentence": sentence, "actors": list(actors), "locations": list(locations),
                      "status": status, "event_type": event_type, "timex": timex, "headline": line})
        return line

    headlines.headline = recording  # chronology calls it as headlines.headline
    try:
        for article in articles_by_role()["training"]:
            gold = json.loads((ARTICLES / f"{article}.gold.json").read_text())
            text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
            events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
            chronology.chronology(events)
    finally:
        headlines.headline = original
    out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls), encoding="utf-8")
    print(f"{len(calls)} calls -> {out}")


def _load(path: pathlib.Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def rerun(src: pathlib.Path, out: pathlib.Path) -> None:
    calls = _load(src)
    for c in calls:
        c["headline"] = headlines.headline(*(c[f] for f in FIELDS))
    out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls), encoding="utf-8")


def diff(a: pathlib.Path, b: pathlib.Path) -> None:
    changed = 0
    for n, (x, y) in enumerate(zip(_load(a), _load(b))):
        if x["headline"] != y["headline"]:
            changed += 1
            print(f"[{n}] {x['article']} ({x['status']}, {x['event_type']}, {x['timex']!r}, {x['actors']}, {x['locations']})")
            print(f"    S: {x['sentence']}")
            print(f"    - {x['headline']}\n    + {y['headline']}")
    print(f"{changed} changed")


def timing(src: pathlib.Path, repeat: int) -> None:
    args = [tuple(c[f] for f in FIELDS) for c in _load(src)]
    best = float("inf")
    for _ in range(5):
        t = time.process_time()
        for _ in range(repeat):
            for a in args:
                headlines.headline(*a)
        best = min(best, time.process_time() - t)
    print(f"{len(args)} calls x{repeat}: best {best:.3f} s")


if __name__ == "__main__":
    cmd, *rest = sys.argv[1:]
    if cmd == "record":
        record(pathlib.Path(rest[0]))
    elif cmd == "rerun":
        rerun(pathlib.Path(rest[0]), pathlib.Path(rest[1]))
    elif cmd == "diff":
        diff(pathlib.Path(rest[0]), pathlib.Path(rest[1]))
    elif cmd == "time":
        timing(pathlib.Path(rest[0]), int(rest[1]) if len(rest) > 1 else 4)
