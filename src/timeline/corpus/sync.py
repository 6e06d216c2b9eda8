"""Keep the stored chronology in step with the stored mentions.

The chronology (one row per real-world event) is stored with the corpus, so the dashboard,
the CLI and the exports read it rather than recompute it. Whatever wrote the mentions (the
dashboard's add form, `timeline ingest`, a re-extraction after the rules changed, a repair),
`sync_chronology` brings the chronology up to date afterwards:

- mentions the chronology does not hold yet, and none of its own gone: the events near them are
  merged again (`update_chronology_rows`), the others keep their keys and values;
- mentions gone or changed (an article removed, rules changed), or more new mentions than old:
  the chronology is made again from all mentions.

It compares mention ids only (in SQL, two anti-join counts: the check costs no memory), so a
crash between writing mentions and writing the chronology is repaired by the next call. Once
found in step, the state of both (from the store's manifest) is recorded with a fingerprint of
the rules that made the chronology (merging, salience, headlines): until a writer changes either,
the check reads nothing at all; after an upgrade or an edit of those rules the chronology is made
again (a chronology with no record of its rules, from a version before the record, too).
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from timeline import schema
from timeline.corpus import merge

if TYPE_CHECKING:
    from timeline.corpus.store import EventStore

# More new mentions than this share of the corpus: one full build costs less than an update.
_REBUILD_SHARE = 0.5
# What makes a chronology out of mentions: its code here and its rule files.
_CHRONOLOGY_CODE = ("chronology.py", "merge.py", "salience.py", "headlines.py")


@functools.cache
def chronology_fingerprint() -> str:
    """A hash of the code and rule files that turn mentions into the chronology: a chronology
    stored under other rules is made again. Computed once per process."""
    here = Path(__file__).resolve().parent
    files = [here / name for name in _CHRONOLOGY_CODE]
    files += sorted((here.parent / "resources" / "chronology").glob("*.yaml"))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class SyncResult:
    """What `sync_chronology` did: nothing, an update of the events near new mentions, or a
    full build; and how many events the chronology holds now."""

    action: Literal["none", "update", "rebuild"]
    events: int


def sync_chronology(store: EventStore) -> SyncResult:
    """Bring `store`'s chronology up to date with its mentions (see the module's docstring)."""
    from timeline.corpus.chronology import chronology, update_chronology_rows

    # In step (the common case): the state recorded when it last was, unchanged (the manifest
    # alone), else two anti-join counts in DuckDB; nothing is read into memory.
    before = store.state_stamp()
    recorded = store.chronology_stamp()
    if recorded == {**before, "rules": chronology_fingerprint()}:
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
    # An update reads the new mentions, those near them in time and the events and articles
    # they touch (in SQL): its cost is the batch's neighbourhood, not the store.
    new_mentions = store.mentions_not_in_chronology()
    days = pd.Timedelta(days=merge.rules().days_apart)
    dated = new_mentions[new_mentions[schema.DATE_START].notna()]
    ends = dated[schema.DATE_END].fillna(dated[schema.DATE_START])
    windows = list(zip(dated[schema.DATE_START] - days, ends + days))
    mentions, previous = store.update_context(windows, new_mentions[schema.EVENT_ID])
    documents = store.documents()
    documents = documents[documents[schema.DOC_ID].isin(set(mentions[schema.DOC_ID]))]
    removed, added = update_chronology_rows(previous, mentions, new_mentions, documents)
    store.replace_chronology_rows(removed, added)
    _record(store, before)
    return SyncResult("update", store.count_chronology())


def _record(store: EventStore, before: dict[str, list[int]]) -> None:
    """Record the mentions as they were before this sync read them, with the chronology as it
    is now: a write of either since makes the next call check again."""
    store.record_chronology_stamp({"mentions": before["mentions"],
                                   "chronology": store.state_stamp()["chronology"],
                                   "rules": chronology_fingerprint()})
