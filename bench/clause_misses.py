"""Issue 11's clause question, measured: of the training articles' wrong and missing actors and
places (tests/article_scores.py's matching), how many are named in the row's own sentence but in
another clause of it than the row's date, by the kind of clause that holds the name (the cue
nearest before it, or between it and the date). A rough reading for choosing rules, not a test.

Training articles only (protocol11.md): every test article outside the fresh batches, and the
first three fresh batches.

Run: .venv/bin/python bench/clause_misses.py [--list]
"""
from __future__ import annotations

import collections
import json
import pathlib
import re
import sys
from collections.abc import Iterator
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


from article_scores import articles_by_role, matched_row, named  # noqa: E402
from timeline.extract.events import Mentions, extract_events, find_mentions  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"

# The cue that opens the clause holding a name, looked for between the date and the name; the
# first kind whose cue is found (nearest the name) names the clause. Checked in this order.
_KINDS = (
    ("quotation", re.compile(r"[\"“”]")),
    ("relative clause", re.compile(r"(?:,\s*|\b)(?:who|whom|whose|which|where)\b|\b(?:that)\s+(?:had|has|have|was|were|is|are|brought|ended|led)\b", re.I)),
    ("'after/before/when' clause", re.compile(r"\b(?:after|before|when|while|since|until|as|because|following|once|whereas|though|although)\b", re.I)),
    ("reported speech frame", re.compile(r"\b(?:said|says|told|announced|according to|reported|added|stated|declared|confirmed|warned)\b", re.I)),
    ("coordinated clause", re.compile(r";|,\s*(?:and|but)\b|\bbut\b|\band\s+(?:the|[A-Z])", re.I)),
    ("participle clause", re.compile(r",\s*\w+(?:ing|ed)\b")),
    ("apposition or list", re.compile(r"[,(—–]")),
)


def training() -> list[str]:
    return articles_by_role()["training"]


def training_events() -> Iterator[tuple[str, str, Mentions, dict[str, Any], Any]]:
    """(article, its text, its mentions, a gold event, the row matched to it or None) for every
    gold event of every training article, each article extracted once."""
    for name in training():
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        mentions = find_mentions(text, dt_of(gold["published"]))
        for event in gold["events"]:
            yield name, text, mentions, event, matched_row(events, text, event)


def _positions(mentions, key: str, name: str, lo: int, hi: int) -> list[int]:
    if key == "actors":
        return [m.start for m in mentions.actor_mentions(lo, hi) if any(named(name, [a]) or named(a, [name]) for a in m.actors)]
    return [m.start for m in mentions.places[:] if lo <= m.start < hi and m.place.name == name]


def kind_between(text: str, a: int, b: int) -> str:
    """The clause kind of the stretch text[a:b] (date to name or name to date)."""
    stretch = text[a:b]
    best = None
    for kind, pattern in _KINDS:
        found = list(pattern.finditer(stretch))
        if found:
            return kind
    return best or "same clause"


_SPEECH_AFTER = re.compile(r"^[^,.;:\"“”]{0,40}?\b(?:said|says|told|announced|reported|added|stated|declared|confirmed|warned)\b", re.I)


def kind_after(text: str, date_end: int, at: int, sentence_end: int) -> str:
    """A name after the date: the subject of a verb of saying that follows it in its clause
    ("..., the ministry in Yerevan said") is the frame's, else the cue between date and name."""
    if _SPEECH_AFTER.search(text[at:sentence_end]):
        return "reported speech frame"
    return kind_between(text, date_end, at)


def main() -> None:
    listing = "--list" in sys.argv
    counts: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for name, text, mentions, event, row in training_events():
        if row is None:
            continue
        if row["timex_start"] is None or row["timex_start"] != row["timex_start"]:
            continue   # a lede's undated event: no date to read clauses from
        lo, hi = int(row["char_start"]), int(row["char_end"])
        t0, t1 = int(row["timex_start"]), int(row["timex_end"])
        for key in ("actors", "locations"):
            want, got = event[key], list(row[key])
            wrong = [g for g in got if not any(named(w, [g]) for w in want)]
            missing = [w for w in want if not named(w, got)]
            right = [g for g in got if g not in wrong]
            for error, names in (("wrong", wrong), ("missing", missing), ("right", right)):
                for n in names:
                    at = _positions(mentions, key, n, lo, hi)
                    if not at:
                        kind = "not named in the sentence"
                    elif not (lo <= t0 < hi):
                        kind = "row dated from elsewhere"
                    else:
                        p = min(at, key=lambda x: abs(x - t0))
                        kind = kind_after(text, t1, p, hi) if p >= t1 else kind_between(text, p, t0)
                    counts[(key, error)][kind] += 1
                    if listing and kind not in ("not named in the sentence",) and error != "right":
                        print(f"{key[:5]} {error:7} {kind:28} {n:22} | {name} | {row['sentence'][:220]}")
    kinds = [k for k, _ in _KINDS] + ["same clause", "row dated from elsewhere", "not named in the sentence"]
    cols = [(k, e) for k in ("actors", "locations") for e in ("wrong", "right", "missing")]
    print("| where the name is | " + " | ".join(f"{k} {e}" for k, e in cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for kind in kinds:
        print(f"| {kind} | " + " | ".join(str(counts[c][kind]) for c in cols) + " |")
    print("| total | " + " | ".join(str(sum(counts[c].values())) for c in cols) + " |")


def dt_of(day: str):
    import datetime as dt
    return dt.date.fromisoformat(day) if day else None


if __name__ == "__main__":
    main()
