"""Which events the story view labels as key events, by kind: not a test, a measure for salience.

For the seed article, each test article (tests/articles/*.txt, one chronology each; the batches
held out this session are left out, see HELD_OUT) and the generated Syria corpus
(tests/corpus_maker.py, 300+ articles, one chronology), it draws the story figure at its default
size and reads the events it labelled (`layout.meta["labelled"]`, the key events a reader sees),
then counts them by event type, and counts the statements among them that share their day (or
follow by a day) with an occurred happening of the same chronology: most of those are comments
on it ("the spokesman added that it was difficult"), a few are the happening told as a saying.
It also counts the days holding both a statement and a happening, and on how many of them a
statement ranks at or above every happening of its day.

With `-v` it prints each chronology's labelled events (salience, day, type, R for a statement
on a happening's day, headline), to judge them by reading.

Run: .venv/bin/python bench/key_event_kinds.py [-v] [--no-corpus]
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import sys

import pandas as pd
import yaml

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from timeline import schema  # noqa: E402
from timeline.corpus import salience  # noqa: E402
from timeline.corpus.chronology import chronology  # noqa: E402
from timeline.documents import Document, document_from_text, load_document  # noqa: E402
from timeline.extract.events import extract_document  # noqa: E402
from timeline.present.charts.story import story_figure  # noqa: E402

HELD_OUT = ("tenth fresh batch",)     # never opened this session (docs/measurements.md)
SEED = REPO / "seeds" / "000_37ce115855780b04.txt"
# The kinds of event that are happenings (not sayings, not untyped sentences): salience.yaml's
# `reactions.to`, the kinds a saying reacts to.
HAPPENINGS = salience.rules().happening_kinds
STATEMENT = "statement"


def article_paths() -> list[pathlib.Path]:
    """The seed, then the test articles outside the held-out batches."""
    batches = yaml.safe_load((REPO / "tests" / "articles" / "batches.yaml").read_text())["batches"]
    held = {name for b in batches if b["name"] in HELD_OUT for name in b["articles"]}
    return [SEED] + [p for p in sorted((REPO / "tests" / "articles").glob("*.txt")) if p.stem not in held]


def documents_table(documents: list[Document]) -> pd.DataFrame:
    return pd.DataFrame({schema.DOC_ID: [d.doc_id for d in documents], schema.TITLE: [d.title for d in documents],
                         schema.SOURCE: [d.source for d in documents],
                         schema.PUBLISHED: [pd.Timestamp(d.published) for d in documents]})


def labelled(chron: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rows the story view labels, most salient first."""
    keys = story_figure(chron, documents).layout.meta["labelled"]
    return chron.set_index(schema.EVENT_KEY).loc[keys]


def reacts(row: pd.Series, chron: pd.DataFrame) -> bool:
    """A statement on the day of an occurred happening of `chron`, or the day after it."""
    if row[schema.EVENT_TYPE] != STATEMENT or pd.isna(row[schema.DATE_START]):
        return False
    day = row[schema.DATE_START]
    near = chron[chron[schema.EVENT_TYPE].isin(HAPPENINGS) & (chron[schema.STATUS] == "occurred")
                 & (chron[schema.DATE_START] <= day) & (chron[schema.DATE_END] >= day - pd.Timedelta(days=1))]
    return not near.empty


def count(pairs: list[tuple[pd.DataFrame, pd.DataFrame]]) -> collections.Counter:
    c: collections.Counter = collections.Counter()
    for chron, keys in pairs:
        c["labelled"] += len(keys)
        for _, row in keys.iterrows():
            c[f"type {row[schema.EVENT_TYPE]}"] += 1
            c["statements on a happening's day"] += reacts(row, chron)
        days = chron[chron[schema.DATE_START] == chron[schema.DATE_END]]
        for _, group in days.groupby(schema.DATE_START):
            said = group[group[schema.EVENT_TYPE] == STATEMENT][schema.SALIENCE]
            done = group[group[schema.EVENT_TYPE].isin(HAPPENINGS) & (group[schema.STATUS] == "occurred")]
            if len(said) and len(done):
                c["days with a statement and a happening"] += 1
                c["  a statement ranks at or above the day's happenings"] += int(said.max() >= done[schema.SALIENCE].max())
    return c


def show(name: str, chron: pd.DataFrame, keys: pd.DataFrame) -> None:
    print(f"== {name}")
    for _, row in keys.iterrows():
        print(f"   {row[schema.SALIENCE]:.3f} {str(row[schema.DATE_START])[:10]} {row[schema.EVENT_TYPE]:12s} "
              f"{'R' if reacts(row, chron) else ' '} {row[schema.HEADLINE]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", action="store_true", help="print every chronology's labelled events")
    ap.add_argument("--no-corpus", action="store_true", help="leave out the generated corpus")
    a = ap.parse_args()
    paths = article_paths()
    results = []
    for path in paths:
        doc = load_document(path)
        docs = documents_table([doc])
        chron = chronology(extract_document(doc), docs)
        keys = labelled(chron, docs)
        results.append((chron, keys))
        if a.v or path == SEED:
            show(path.stem, chron, keys)
    sets = [("seed", results[:1]), (f"test articles ({len(results) - 1})", results[1:])]
    if not a.no_corpus:
        from corpus_maker import make_corpus

        corpus = make_corpus()
        docs = [document_from_text(x.text, x.published, title=x.title, source=x.source, doc_id=x.doc_id)
                for x in corpus.articles]
        mentions = pd.concat([extract_document(d) for d in docs], ignore_index=True)
        chron = chronology(mentions, documents_table(docs))
        keys = labelled(chron, documents_table(docs))
        key_days = {e.start for e in corpus.reference.entries if e.key and e.start == e.end}
        show(f"generated corpus ({len(docs)} articles)", chron, keys)
        found = sum(pd.Timestamp(d).date() in key_days for d in keys[schema.DATE_START])
        print(f"   of them on the day of a key entry of the reference: {found} of {len(keys)}")
        sets.append(("generated corpus", [(chron, keys)]))
    for name, pairs in sets:
        c = count(pairs)
        print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items(), key=lambda kv: (not kv[0].startswith(
            ("labelled", "statements", "days", " ")), kv[0]))))


if __name__ == "__main__":
    main()
