"""Would rows that tell the same happening recover each other's missed actors and places?
(issue 11, session 18: docs/measurements.md, coref19.)

For each gold event matched to a row (tests/article_scores.py's matching), a chain is a set of
other rows of the same article said to tell the same happening; the row takes every name of its
chain it does not have. Counted: missed gold names it would get (recovered) and names it would
get that its gold does not ask for (wrong). Chains:
- oracle: the rows matched to gold events of the same gold type with overlapping gold dates
  (the gold has no event ids; this is the closest oracle), lending their extracted names;
- bound: the same oracle chains lending their GOLD names (what any chain of rows could reach);
- extracted rows within --window paragraphs of the same extracted type with overlapping dates,
  lending every name or only some (see VARIANTS).
Training (every article outside the fresh batches, and batches 1-3) and the validation batches
(4-8, counts only); the ninth and later batches are held out and never read.

Not a test: prints a table. Run: .venv/bin/python bench/chain_oracle.py [--window 3]
"""
from __future__ import annotations

import argparse
import bisect
import json
import pathlib
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


from article_scores import articles_by_role, batches, matched_row, named  # noqa: E402
from timeline.extract.discourse.reading import _kind  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402
from timeline.extract.sentences import split_sentences  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
KEYS = ("actors", "locations")
Row = dict[str, Any]
# name, (row, its chain, a name of the chain, how many chain rows give it) -> whether it is lent
VARIANTS: dict[str, Callable[[Row, list[Row], str, Counter[str]], bool]] = {
    "every name": lambda row, chain, name, count: True,
    "states, organisations, groups": lambda row, chain, name, count: _kind(name) in ("state", "organisation", "armed_group"),
    "given by two rows": lambda row, chain, name, count: count[name] >= 2,
    "to a row with none": lambda row, chain, name, count: True,   # (the key's names empty: see _lend)
    "same days only": lambda row, chain, name, count: all(
        (q["date_start"], q["date_end"]) == (row["date_start"], row["date_end"]) for q in chain),
}


def _sets() -> dict[str, list[str]]:
    """The training articles pooled, then each validation batch (held-out batches never)."""
    sets = {"training": articles_by_role()["training"]}
    for batch in batches():
        if batch["role"] == "validation":
            sets[batch["name"].removesuffix(" fresh batch")] = batch["articles"]
    return sets


def _overlap(a: Row, b: Row) -> bool:
    return a["date_start"] <= b["date_end"] and b["date_start"] <= a["date_end"]


def _lend(counts: Counter[str], key: str, row: Row, want: list[str], lent: set[str]) -> None:
    got = list(row[key])
    lent -= set(got)
    counts["recovered"] += sum(1 for w in want if not named(w, got) and named(w, list(lent)))
    counts["wrong"] += sum(1 for g in lent if not any(named(w, [g]) for w in want))


def measure(names: list[str], window: int) -> dict[tuple[str, str], Counter[str]]:
    out: dict[tuple[str, str], Counter[str]] = {}

    def counts(chain: str, key: str) -> Counter[str]:
        return out.setdefault((chain, key), Counter())
    for name in names:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        rows = events.to_dict("records")
        sentences = split_sentences(text)
        starts = [s.start for s in sentences]

        def paragraph(row: Row) -> int:
            return sentences[bisect.bisect_right(starts, int(row["char_start"])) - 1].paragraph
        matched: list[Row | None] = [matched_row(events, text, event) for event in gold["events"]]
        for i, (event, row) in enumerate(zip(gold["events"], matched)):
            if row is None:
                continue
            same = [j for j, other in enumerate(gold["events"]) if j != i and other["type"] == event["type"]
                    and other["start"] <= event["end"] and event["start"] <= other["end"]]
            mates = [q for j in same if (q := matched[j]) is not None and q is not row]
            chain = [q for q in rows if q["char_start"] != row["char_start"] and q["event_type"] == row["event_type"]
                     and _overlap(q, row) and abs(paragraph(q) - paragraph(row)) <= window]
            for key in KEYS:
                want = event[key]
                c = counts("", key)
                c["gold"] += len(want)
                c["missed"] += sum(1 for w in want if not named(w, list(row[key])))
                _lend(counts("oracle chain, its rows' names", key), key, row, want, {n for q in mates for n in q[key]})
                _lend(counts("oracle chain, its events' gold names (bound)", key), key, row, want,
                      {n for j in same for n in gold["events"][j][key]})
                given = Counter(n for q in chain for n in dict.fromkeys(q[key]))
                for variant, lends in VARIANTS.items():
                    if variant == "to a row with none" and row[key]:
                        continue
                    _lend(counts(f"rows of one type, overlapping dates: {variant}", key), key, row, want,
                          {n for n in given if lends(row, chain, n, given)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--window", type=int, default=3, help="paragraphs between rows of an extracted chain")
    args = parser.parse_args()
    for set_name, names in _sets().items():
        out = measure(names, args.window)
        base = {key: out[("", key)] for key in KEYS}
        print(f"{set_name}: actors missed {base['actors']['missed']} of {base['actors']['gold']}, "
              f"places missed {base['locations']['missed']} of {base['locations']['gold']}")
        for chain in dict.fromkeys(c for c, _ in out if c):
            cells = [f"{out[(chain, k)]['recovered']:>4} / {out[(chain, k)]['wrong']:<4}" for k in KEYS]
            print(f"  {chain:<66} actors recovered / wrong {cells[0]}  places {cells[1]}")


if __name__ == "__main__":
    main()
