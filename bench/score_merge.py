"""Yardstick: how well the chronology merges mentions of one happening across articles.

Not a test (tests/test_merge_gold.py holds the thresholds): it scores a merge function on our
own article families, tests/families/<family>/ (articles with front matter, and a gold.json
written before any extraction ran on them, saying which mentions are the same happening).

For each family:
1. load its articles with `timeline.load_document` and extract them (`timeline.extract_events`);
2. align each gold mention to an extracted row: same article, the row's sentence
   [char_start, char_end) holds the anchor, and the row's time expression overlaps the anchor.
   A gold mention with no such row is an extraction miss, counted apart (coverage), never as a
   merge error;
3. run the merge (default `timeline.chronology(mentions, documents)`) over all the family's
   mentions; a gold mention's cluster is the chronology row whose `mention_ids` holds the
   `event_id` of its row (a row in no cluster counts as a cluster of its own);
4. B-cubed precision, recall and F1 over the aligned gold mentions (Bagga & Baldwin 1998): for
   each mention, the share of its predicted cluster that is in its gold happening (precision)
   and the share of its gold happening that is in its predicted cluster (recall), averaged.

The overall line pools the mentions of every family (each family is merged on its own, as a
corpus of its own). The one-event-per-day baseline (`one_event_per_day`) merges every mention
with the same date interval, which is what counting dates does.

Run: .venv/bin/python bench/score_merge.py [tests/families/*] [--baseline-only]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

import timeline
from timeline import schema
from timeline.documents import Document

FAMILIES_DIR = pathlib.Path(__file__).resolve().parents[1] / "tests" / "families"
GOLD_FILE = "gold.json"
ARTICLE_SUFFIXES = (".md", ".txt", ".html")

# A merge function: the mentions of a corpus (and its documents) -> a table with one row per
# event and a `mention_ids` column (schema.CHRONOLOGY_COLUMNS, or at least that column).
MergeFunction = Callable[[pd.DataFrame, "pd.DataFrame | None"], pd.DataFrame]


class GoldError(ValueError):
    """A gold file that does not match its articles (a missing article, an anchor not found
    exactly once)."""


# Gold ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldMention:
    happening: str
    article: str      # file name in the family folder
    doc_id: str
    anchor: str
    start: int        # offsets of the anchor in the document's text
    end: int


@dataclass
class Family:
    name: str
    documents: list[Document]
    mentions: list[GoldMention]
    happenings: dict[str, dict[str, Any]]


def load_family(folder: str | pathlib.Path) -> Family:
    """A family's articles and its gold mentions located in their texts. GoldError when the
    gold names an article that is not there, or an anchor that is not in its article exactly
    once."""
    directory = pathlib.Path(folder)
    gold_path = directory / GOLD_FILE
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{gold_path}: cannot be read: {exc}") from None
    articles = sorted(p for p in directory.iterdir() if p.suffix in ARTICLE_SUFFIXES)
    documents = {p.name: timeline.load_document(p) for p in articles}
    happenings: dict[str, dict[str, Any]] = {}
    mentions: list[GoldMention] = []
    for happening in gold.get("happenings", []):
        hid = happening["id"]
        if hid in happenings:
            raise GoldError(f"{gold_path}: happening {hid!r} is listed twice")
        happenings[hid] = happening
        for mention in happening["mentions"]:
            name, anchor = mention["article"], mention["anchor"]
            doc = documents.get(name)
            if doc is None:
                raise GoldError(f"{gold_path}: {hid}: no article {name!r} in {directory}")
            count = doc.text.count(anchor)
            if count != 1:
                raise GoldError(f"{gold_path}: {hid}: anchor {anchor!r} is in {name} "
                                f"{count} times, not once")
            start = doc.text.index(anchor)
            mentions.append(GoldMention(hid, name, doc.doc_id, anchor, start, start + len(anchor)))
    seen = [(m.doc_id, m.start, m.end) for m in mentions]
    if len(seen) != len(set(seen)):
        raise GoldError(f"{gold_path}: one anchor is given to two happenings")
    return Family(directory.name, list(documents.values()), mentions, happenings)


def documents_frame(documents: Sequence[Document]) -> pd.DataFrame:
    """The documents table (schema.DOCUMENT_COLUMNS) of loaded articles."""
    rows = [{
        schema.DOC_ID: d.doc_id, schema.TITLE: d.title, schema.SOURCE: d.source,
        schema.PUBLISHED: pd.Timestamp(d.published) if d.published else pd.NaT,
        schema.PATH: d.path, schema.TEXT: d.text, schema.CONTENT_HASH: d.content_hash,
    } for d in documents]
    if not rows:
        return schema.empty_documents()
    return schema.validate_documents(pd.DataFrame(rows))


# Alignment -------------------------------------------------------------------------------------

def align(gold: Sequence[GoldMention], mentions: pd.DataFrame) -> dict[GoldMention, str]:
    """The event_id of the extracted row each gold mention is found as (gold mentions not
    found are absent). Among several candidate rows, the one whose time expression overlaps the
    anchor most, then the first in the table."""
    by_doc: dict[str, list[tuple[int, int, int, int, str]]] = {}
    for row in mentions[[schema.DOC_ID, schema.CHAR_START, schema.CHAR_END, schema.TIMEX_START,
                         schema.TIMEX_END, schema.EVENT_ID]].itertuples(index=False):
        doc_id, c0, c1, t0, t1, event_id = row
        if pd.isna(c0) or pd.isna(c1) or pd.isna(t0) or pd.isna(t1):
            continue
        by_doc.setdefault(str(doc_id), []).append((int(c0), int(c1), int(t0), int(t1), str(event_id)))
    found: dict[GoldMention, str] = {}
    for m in gold:
        best: tuple[int, str] | None = None
        for c0, c1, t0, t1, event_id in by_doc.get(m.doc_id, ()):
            overlap = min(t1, m.end) - max(t0, m.start)
            if c0 <= m.start and m.end <= c1 and overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, event_id)
        if best is not None:
            found[m] = best[1]
    return found


def clusters_of(chronology: pd.DataFrame) -> dict[str, int]:
    """event_id -> the index of the chronology row whose mention_ids hold it."""
    out: dict[str, int] = {}
    for i, ids in enumerate(chronology[schema.MENTION_IDS]):
        for event_id in schema.as_str_list(ids):
            out.setdefault(event_id, i)
    return out


# B-cubed ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    f1: float
    n: int

    @staticmethod
    def of(sums: tuple[float, float], n: int) -> BCubed:
        if n == 0:
            return BCubed(0.0, 0.0, 0.0, 0)
        p, r = sums[0] / n, sums[1] / n
        return BCubed(p, r, 2 * p * r / (p + r) if p + r else 0.0, n)


def bcubed_sums(gold: Mapping[Hashable, Hashable],
                predicted: Mapping[Hashable, Hashable]) -> tuple[float, float]:
    """Sums over the items of `gold` of their B-cubed precision and recall. An item absent
    from `predicted` is a cluster of its own. Linear in the number of items."""
    pred = {item: predicted.get(item, ("singleton", item)) for item in gold}
    gold_size: dict[Hashable, int] = {}
    pred_size: dict[Hashable, int] = {}
    both: dict[tuple[Hashable, Hashable], int] = {}
    for item, g in gold.items():
        p = pred[item]
        gold_size[g] = gold_size.get(g, 0) + 1
        pred_size[p] = pred_size.get(p, 0) + 1
        both[(g, p)] = both.get((g, p), 0) + 1
    precision = recall = 0.0
    for item, g in gold.items():
        p = pred[item]
        precision += both[(g, p)] / pred_size[p]
        recall += both[(g, p)] / gold_size[g]
    return precision, recall


def bcubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> BCubed:
    """B-cubed precision, recall and F1 of a clustering `predicted` (item -> cluster label)
    against `gold` (item -> true label), over the items of `gold`."""
    return BCubed.of(bcubed_sums(gold, predicted), len(gold))


# Scoring ---------------------------------------------------------------------------------------

@dataclass
class FamilyScore:
    name: str
    n_gold: int
    n_aligned: int
    misses: list[GoldMention]
    unmerged: list[GoldMention]   # aligned, but in no row of the merge's output
    score: BCubed
    sums: tuple[float, float] = (0.0, 0.0)
    # per aligned gold mention: (its happening, the merge row it landed in)
    assignment: dict[GoldMention, tuple[str, Any]] = field(default_factory=dict)
    # per aligned gold mention: the extracted date interval, for reading the verbose output
    dates: dict[GoldMention, str] = field(default_factory=dict)
    # aligned gold mentions dated outside their happening's interval: extraction errors, or
    # the planned date of a postponed happening (the gold's "note" and "case" say which)
    off_dates: list[GoldMention] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return self.n_aligned / self.n_gold if self.n_gold else 0.0


@dataclass
class Report:
    families: list[FamilyScore]
    overall: BCubed

    @property
    def n_gold(self) -> int:
        return sum(f.n_gold for f in self.families)

    @property
    def n_aligned(self) -> int:
        return sum(f.n_aligned for f in self.families)

    @property
    def coverage(self) -> float:
        return self.n_aligned / self.n_gold if self.n_gold else 0.0


def extract_family(family: Family) -> pd.DataFrame:
    """The mentions of every article of the family, concatenated."""
    frames = [timeline.extract_events(doc.text, published=doc.published, doc_id=doc.doc_id)
              for doc in family.documents]
    return pd.concat(frames, ignore_index=True) if frames else schema.empty_events()


def score_family(family: Family, merge: MergeFunction,
                 mentions: pd.DataFrame | None = None) -> FamilyScore:
    """B-cubed of `merge` on one family (its mentions extracted unless given)."""
    if mentions is None:
        mentions = extract_family(family)
    aligned = align(family.mentions, mentions)
    merged = merge(mentions, documents_frame(family.documents))
    cluster = clusters_of(merged)
    spans = {str(e): (s, t) for e, s, t in zip(mentions[schema.EVENT_ID],
                                               mentions[schema.DATE_START], mentions[schema.DATE_END])}
    interval = {e: f"{pd.Timestamp(s).date()}..{pd.Timestamp(t).date()}" if pd.notna(s) else "-"
                for e, (s, t) in spans.items()}
    off_dates = []
    for m, e in aligned.items():
        s, t = spans[e]
        gold = family.happenings[m.happening]
        if pd.isna(s) or pd.Timestamp(t) < pd.Timestamp(gold["date_start"]) \
                or pd.Timestamp(s) > pd.Timestamp(gold["date_end"]):
            off_dates.append(m)
    gold_labels = {m: m.happening for m in aligned}
    predicted = {m: ("row", cluster[e]) for m, e in aligned.items() if e in cluster}
    sums = bcubed_sums(gold_labels, predicted)
    return FamilyScore(
        name=family.name, n_gold=len(family.mentions), n_aligned=len(aligned),
        misses=[m for m in family.mentions if m not in aligned],
        unmerged=[m for m, e in aligned.items() if e not in cluster],
        score=BCubed.of(sums, len(aligned)), sums=sums,
        assignment={m: (m.happening, predicted.get(m, ("singleton", m.anchor))[1]) for m in aligned},
        dates={m: interval.get(e, "-") for m, e in aligned.items()},
        off_dates=off_dates,
    )


def score(folders: Iterable[str | pathlib.Path], merge: MergeFunction,
          extracted: Mapping[str, pd.DataFrame] | None = None) -> Report:
    """Each family's B-cubed and the overall one (mentions pooled across families).
    `extracted` may hold each family's mentions by family name, to extract only once."""
    results = []
    for folder in folders:
        family = load_family(folder)
        results.append(score_family(family, merge, (extracted or {}).get(family.name)))
    n = sum(r.n_aligned for r in results)
    sums = (sum(r.sums[0] for r in results), sum(r.sums[1] for r in results))
    return Report(results, BCubed.of(sums, n))


def family_folders(root: str | pathlib.Path = FAMILIES_DIR) -> list[pathlib.Path]:
    """The family folders under `root` (those with a gold file), sorted by name."""
    return sorted(p for p in pathlib.Path(root).iterdir() if (p / GOLD_FILE).is_file())


# Baselines -------------------------------------------------------------------------------------

def one_event_per_day(mentions: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The date-counting merge: every mention with the same date interval is one event
    (a month mention is its own event, apart from the days in it)."""
    keys = [
        (str(s), str(e)) for s, e in zip(mentions[schema.DATE_START], mentions[schema.DATE_END])
    ]
    groups: dict[tuple[str, str], list[str]] = {}
    for key, event_id in zip(keys, mentions[schema.EVENT_ID]):
        groups.setdefault(key, []).append(str(event_id))
    return pd.DataFrame({schema.MENTION_IDS: list(groups.values())})


def one_event_per_mention(mentions: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """No merging at all: every mention is its own event (B-cubed precision 1)."""
    return pd.DataFrame({schema.MENTION_IDS: [[str(e)] for e in mentions[schema.EVENT_ID]]})


def chronology_or_none() -> MergeFunction | None:
    """`timeline.chronology` when this checkout has it."""
    import timeline

    return getattr(timeline, "chronology", None)


# Command line ----------------------------------------------------------------------------------

def _line(label: str, s: BCubed) -> str:
    return f"{label:<28} B3 P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  (n={s.n})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("families", nargs="*", help="family folders (default: tests/families/*)")
    parser.add_argument("--baseline-only", action="store_true",
                        help="score only the baselines (no timeline.chronology)")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list each gold mention's happening and merge row, and the misses")
    args = parser.parse_args(argv)
    folders = [pathlib.Path(f) for f in args.families] or family_folders()
    extracted = {}
    for folder in folders:
        family = load_family(folder)
        extracted[family.name] = extract_family(family)

    merges: list[tuple[str, MergeFunction]] = []
    chronology = None if args.baseline_only else chronology_or_none()
    if chronology is not None:
        merges.append(("timeline.chronology", chronology))
    elif not args.baseline_only:
        print("timeline.chronology is not in this checkout: baselines only")
    merges += [("one event per day", one_event_per_day),
               ("one event per mention", one_event_per_mention)]

    first = True
    for label, merge in merges:
        report = score(folders, merge, extracted)
        if first:
            print(f"extraction coverage: {report.n_aligned}/{report.n_gold} gold mentions "
                  f"({report.coverage:.1%}) in {len(report.families)} families")
            for fam in report.families:
                print(f"  {fam.name:<26} {fam.n_aligned}/{fam.n_gold}")
                for m in fam.misses:
                    print(f"    not extracted: {m.article}: {m.anchor!r} ({m.happening})")
                for m in fam.off_dates:
                    print(f"    dated {fam.dates[m]} outside {m.happening}: {m.article}: "
                          f"{m.anchor!r}")
            first = False
        print(f"\n{label}")
        for fam in report.families:
            print("  " + _line(fam.name, fam.score)
                  + (f"  [{len(fam.unmerged)} aligned mentions in no row]" if fam.unmerged else ""))
            if args.verbose:
                for m, (happening, row) in sorted(fam.assignment.items(),
                                                  key=lambda kv: (str(kv[1][1]), kv[0].happening)):
                    print(f"      row {row!s:<8} {happening:<24} {fam.dates[m]:<22} "
                          f"{m.article}: {m.anchor!r}")
        print("  " + _line("overall", report.overall))
    return 0


if __name__ == "__main__":
    sys.exit(main())
