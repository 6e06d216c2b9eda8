"""Keep the stored chronology in step with the stored mentions.

The chronology (one row per real-world event) is stored with the corpus, so the dashboard,
the CLI and the exports read it rather than recompute it. Whatever wrote the mentions (the
dashboard's add form, `timeline ingest`, a re-extraction after the rules changed, a repair),
`sync_chronology` brings the chronology up to date afterwards:

- mentions the chronology does not hold yet, and none of its own gone: the events they can
  join (`_touched`, read in SQL) are merged again (`update_chronology_rows`), the others keep
  their keys and values. On the test corpora (tests/families, added article by article) the
  result is a full build's, row for row (tests/test_sync.py). The merge is greedy, so on a
  dense store it is not always: on 1,500 factory copies (bench/corpus_factory.py, many
  same-day near-duplicates) plus 30, 1.5% of the full build's events had other members after
  the update (1.1% with the previous update, which merged every mention of the days again);
  events the new mentions cannot reach keep their keys and rows;
- mentions gone or changed (an article removed, rules changed), or more new mentions than old:
  the chronology is made again from all mentions.

It compares mention ids only (in SQL, two anti-join counts: the check costs no memory), so a
crash between writing mentions and writing the chronology is repaired by the next call. Once
found in step, the state of both (from the store's manifest) is recorded with a fingerprint of
the rules that made the chronology (`chronology_files`: the code chronology.py runs, found from
its imports, merging, salience and headlines among it; resources/chronology; and the extraction's
files, which made the mentions and hold the gazetteers the merge reads): until a writer changes
either, the check reads nothing at all; after an upgrade or an edit of those rules the chronology
is made again (a chronology with no record of its rules, from a version before the record, too).
Mentions extracted again by new rules keep their ids when their offsets and dates stay, so the
mention ids alone would not tell that their actors or types changed: the fingerprint does.

A read-only store cannot be brought up to date: `read_only_lag` says what of it is out of date,
and the CLI and the dashboard show it as it was made, with that note.
"""
from __future__ import annotations

import ast
import bisect
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from timeline import schema
from timeline.corpus import merge
from timeline.corpus.ingest import extraction_files, extractor_fingerprint

if TYPE_CHECKING:
    from timeline.corpus.store import EventStore

_EPOCH = pd.Timestamp("1970-01-01")   # day numbers (chronology.py) <-> timestamps

# More new mentions than this share of the corpus: one full build costs less than an update.
_REBUILD_SHARE = 0.5
_PACKAGE = Path(__file__).resolve().parent.parent   # src/timeline
_BUILDER = Path("corpus") / "chronology.py"          # what makes a chronology out of mentions


def chronology_files() -> list[Path]:
    """The files whose content decides the chronology made of the stored mentions, relative to
    the package: the modules corpus/chronology.py imports, directly or not (read from their
    import statements, wherever in the module they stand), its rule files (resources/chronology)
    and the extraction's files (ingest.extraction_files: they made the mentions, and hold the
    gazetteers merging and headlines read). Derived, not listed: a module the chronology comes to
    import is in the fingerprint without anyone remembering to add it."""
    extraction = set(extraction_files())
    found: set[Path] = set()
    pending = [_BUILDER]
    while pending:
        relative = pending.pop()
        if relative in found or relative in extraction:  # extraction's own imports are its list's
            continue
        found.add(relative)
        tree = ast.parse((_PACKAGE / relative).read_text(encoding="utf-8"), str(relative))
        for node in ast.walk(tree):
            names = ([node.module] + [f"{node.module}.{a.name}" for a in node.names]
                     if isinstance(node, ast.ImportFrom) and node.module and not node.level
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            pending += [module for name in names if (module := _module_file(name)) is not None]
    rules = {path.relative_to(_PACKAGE) for path in (_PACKAGE / "resources" / "chronology").glob("*.yaml")}
    return sorted(found | rules | extraction)


def _module_file(name: str) -> Path | None:
    """The file of the package's module `name` ("timeline.corpus.merge"), None for another
    package's module or a name that is not a module (a function imported from one)."""
    parts = name.split(".")
    if parts[0] != "timeline":
        return None
    base = Path(*parts[1:]) if len(parts) > 1 else Path()
    for candidate in (base / "__init__.py", base.with_suffix(".py") if len(parts) > 1 else None):
        if candidate is not None and (_PACKAGE / candidate).is_file():
            return candidate
    return None


@functools.cache
def chronology_fingerprint() -> str:
    """A hash of the code and rule files that turn mentions into the chronology
    (`chronology_files`): a chronology stored under other rules is made again. Computed once
    per process."""
    digest = hashlib.sha256()
    for relative in chronology_files():
        digest.update(str(relative).encode() + b"\0" + (_PACKAGE / relative).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class SyncResult:
    """What `sync_chronology` did: nothing, an update of the events near new mentions, or a
    full build; and how many events the chronology holds now."""

    action: Literal["none", "update", "rebuild"]
    events: int


def in_step(store: EventStore) -> bool:
    """Whether the stored chronology was made from the mentions as they are, by these rules
    (the manifest and the recorded stamp alone: nothing is read)."""
    return store.chronology_stamp() == {**store.state_stamp(), "rules": chronology_fingerprint()}


@dataclass(frozen=True)
class ReadOnlyLag:
    """How far behind this version a store stands that cannot be brought up to date (read-only:
    a class's shared folder, a read-only mount). Such a store is shown as it was made."""

    events_by_older_rules: bool      # its mentions were extracted by other extraction rules
    chronology_by_older_rules: bool  # its chronology was merged by other rules (or unrecorded ones)
    chronology_behind: bool          # its chronology lacks some stored mentions or holds gone ones

    def note(self, path: Path) -> str | None:
        """One message saying what is out of date and how to refresh it, or None."""
        parts = [what for lagging, what in (
            (self.events_by_older_rules, "its events were read by an older version's extraction rules"),
            (self.chronology_by_older_rules, "its chronology was made by an older version's rules"),
            (self.chronology_behind, "its chronology does not hold all of its articles' events, "
                                     "which are merged again in memory")) if lagging]
        if not parts:
            return None
        return (f"the store at {path} is read-only and out of date: {'; '.join(parts)}. It is shown "
                f"as it is. To refresh it, run `timeline chronology --store {path}` once where the "
                "store can be written (as its owner, or with its folder mounted read-write).")


def read_only_lag(store: EventStore) -> ReadOnlyLag:
    """What of `store` is out of date with this version, read without changing it: the recorded
    fingerprints, and (only when the recorded state no longer matches) two anti-join counts in
    SQL. Nothing is read into memory."""
    recorded = store.chronology_stamp() or {}
    state = store.state_stamp()
    has_chronology = store.count_chronology() > 0
    if recorded.get("mentions") == state["mentions"] and recorded.get("chronology") == state["chronology"]:
        behind = False   # in step with the mentions when last synced, and neither written since
    elif not has_chronology:
        behind = store.count_mentions() > 0
    else:
        behind = store.mention_ids_missing_from_chronology() != (0, 0)
    recorded_extractor = store.extractor()
    return ReadOnlyLag(
        events_by_older_rules=recorded_extractor is not None and recorded_extractor != extractor_fingerprint()
        and store.count_mentions() > 0,
        chronology_by_older_rules=has_chronology and recorded.get("rules") != chronology_fingerprint(),
        chronology_behind=behind)


def sync_chronology(store: EventStore) -> SyncResult:
    """Bring `store`'s chronology up to date with its mentions (see the module's docstring)."""
    from timeline.corpus.chronology import chronology, latest_publication, recency_windows, update_chronology_rows

    # In step (the common case): the state recorded when it last was, unchanged (the manifest
    # alone), else two anti-join counts in DuckDB; nothing is read into memory.
    before = store.state_stamp()
    recorded = store.chronology_stamp()
    if recorded == {**before, "rules": chronology_fingerprint()}:  # in_step, stamp read once
        return SyncResult("none", store.count_chronology())
    held = store.count_chronology()
    # made by other rules (or by a version that did not record them): made again
    other_rules = held > 0 and (recorded or {}).get("rules") != chronology_fingerprint()
    missing, stale = store.mention_ids_missing_from_chronology()
    if not missing and not stale and not other_rules:
        _record(store, before)
        return SyncResult("none", store.count_chronology())
    if other_rules or stale or not held or missing > _REBUILD_SHARE * store.count_mentions():
        mentions = store.events()
        table = (chronology(mentions, store.documents()) if len(mentions)
                 else schema.empty_chronology())
        store.write_chronology(table)
        _record(store, before)
        return SyncResult("rebuild", len(table))
    # An update reads the new mentions, the mentions they could merge with and the events and
    # articles those touch (in SQL): its cost is the batch's, not the store's.
    new_mentions = store.mentions_not_in_chronology()
    touched = _touched(store, new_mentions, merge.rules())
    documents = store.documents()
    # The days that stop or start being recent when the new articles move the corpus's last
    # publication day are scored again (salience.py): their mentions are read too.
    reported = store.chronology_last_reported()
    previous_last = None if reported is None else int((reported - _EPOCH).days)
    last = latest_publication(previous_last, new_mentions, documents)
    windows = [(_EPOCH + pd.Timedelta(days=lo), _EPOCH + pd.Timedelta(days=hi))
               for lo, hi in recency_windows(previous_last, last)]
    mentions, previous = store.update_context(windows, touched)
    documents = documents[documents[schema.DOC_ID].isin(set(mentions[schema.DOC_ID]))]
    removed, added = update_chronology_rows(previous, mentions, new_mentions, documents,
                                            touched=touched, previous_last=previous_last)
    store.replace_chronology_rows(removed, added)
    _record(store, before)
    return SyncResult("update", store.count_chronology())


def _touched(store: EventStore, new_mentions: pd.DataFrame, r: merge.MergeRules) -> set[str]:
    """The ids of the new mentions and of the stored mentions whose events the new ones can
    change, as the merge (corpus/merge.py) looks for candidates:
    - a new day-level mention: every mention of its days, `days_apart` either side, except the
      coarse ones ("in 2016") that share no token (word, actor, place, article) with a new
      day-level mention inside their interval: only through such a token could it draw them;
    - a new coarse mention: the day-level mentions inside its interval that share a token with
      it, on the last `candidates` days that name each token (the merge reads each token's
      latest `candidates` events), and the coarse ones covering its interval that share a token
      (they may merge with it, or find through its tokens the event it joins: `recalled` in
      merge.py), not every mention of its month or year.
    What this leaves out (where an update may differ from a full build): a stored coarse mention
    that a new day-level one reaches only through a chain of other mentions (the new mention
    changes which event a narrower coarse mention joins, and that one's tokens lead a wider one
    elsewhere) keeps its event."""
    out = set(new_mentions[schema.EVENT_ID].astype(str))
    features = merge.mention_features(new_mentions, r)
    day = [m for m in features if m.end - m.start < r.day_level_span]
    coarse = [m for m in features if m.end - m.start >= r.day_level_span]
    one_day = pd.Timedelta(days=1)

    def stamp(day_number: int) -> pd.Timestamp:
        return pd.Timestamp(day_number * one_day.value)

    if day:
        starts_of: dict[str, list[int]] = {}
        for m in day:
            for t in m.tokens:
                starts_of.setdefault(t, []).append(m.start)
        near = store.mentions_near([(stamp(m.start - r.days_apart), stamp(m.end + r.days_apart))
                                    for m in day])
        for x in merge.mention_features(near, r):
            if x.end - x.start < r.day_level_span or any(
                    x.start <= s <= x.end for t in x.tokens for s in starts_of.get(t, ())):
                out.add(x.event_id)
    if coarse:
        words = {t for m in coarse for t in m.words}
        found = store.mentions_near(
            [(stamp(m.start), stamp(m.end)) for m in coarse],
            prefixes={w[:4] for w in words},
            actors={a for m in coarse for a in m.actors}, places={p for m in coarse for p in m.places},
            doc_ids={m.doc_id for m in coarse})
        by_token: dict[str, list[tuple[int, str]]] = {}
        # token -> interval -> the stored coarse mentions of that interval naming it (a token
        # is named by many mentions but over few intervals: months, years)
        wide: dict[str, dict[tuple[int, int], list[str]]] = {}
        wanted = {t for m in coarse for t in m.tokens}
        for x in merge.mention_features(found, r):
            shared = wanted.intersection(x.tokens)
            if x.end - x.start < r.day_level_span:
                for t in shared:
                    by_token.setdefault(t, []).append((x.start, x.event_id))
            else:
                for t in shared:
                    wide.setdefault(t, {}).setdefault((x.start, x.end), []).append(x.event_id)
        for entries in by_token.values():
            entries.sort()
        for m in coarse:
            for t in m.tokens:
                entries = by_token.get(t)
                if entries:
                    out.update(_latest_days(entries, m.start, m.end, r.candidates))
                # a coarse mention as wide or wider over its interval: they may merge among
                # themselves, or it finds the event the new one joins by the new one's tokens
                for (lo, hi), ids in wide.get(t, {}).items():
                    if lo <= m.start and hi >= m.end:
                        out.update(ids)
    return out


def _latest_days(entries: list[tuple[int, str]], lo: int, hi: int, days: int) -> list[str]:
    """The ids of `entries` (sorted (day, id)) dated lo..hi on their last `days` distinct days."""
    end = bisect.bisect_right(entries, (hi, "\uffff"))
    out: list[str] = []
    seen: set[int] = set()
    for i in range(end - 1, -1, -1):
        d, mention_id = entries[i]
        if d < lo or (d not in seen and len(seen) >= days):
            break
        seen.add(d)
        out.append(mention_id)
    return out


def _record(store: EventStore, before: dict[str, list[int]]) -> None:
    """Record the mentions as they were before this sync read them, with the chronology as it
    is now: a write of either since makes the next call check again."""
    store.record_chronology_stamp({"mentions": before["mentions"],
                                   "chronology": store.state_stamp()["chronology"],
                                   "rules": chronology_fingerprint()})
