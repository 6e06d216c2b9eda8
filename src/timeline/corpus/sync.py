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
found in step, the state of both (from the store's manifest) is recorded: until a writer
changes either, the check reads nothing at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from timeline import schema

if TYPE_CHECKING:
    from timeline.corpus.store import EventStore

# More new mentions than this share of the corpus: one full build costs less than an update.
_REBUILD_SHARE = 0.5


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
    if store.chronology_stamp() == before:
        return SyncResult("none", store.count_chronology())
    missing, stale = store.mention_ids_missing_from_chronology()
    if not missing and not stale:
        _record(store, before)
        return SyncResult("none", store.count_chronology())
    ids = store.mentions(columns=[schema.EVENT_ID], order_by=())[schema.EVENT_ID]
    stored = store.chronology()
    current = set(ids.astype(str))
    covered = {m for cell in stored[schema.MENTION_IDS] for m in schema.as_str_list(cell)}
    new_ids = current - covered
    if not new_ids and covered <= current:
        return SyncResult("none", len(stored))
    mentions = store.events()
    documents = store.documents()
    if covered - current or stored.empty or len(new_ids) > _REBUILD_SHARE * len(current):
        table = chronology(mentions, documents) if len(mentions) else schema.empty_chronology()
        store.write_chronology(table)
        _record(store, before)
        return SyncResult("rebuild", len(table))
    new_mentions = mentions[mentions[schema.EVENT_ID].astype(str).isin(new_ids)]
    removed, added = update_chronology_rows(stored, mentions, new_mentions, documents)
    store.replace_chronology_rows(removed, added)
    _record(store, before)
    return SyncResult("update", len(stored) - len(set(removed)) + len(added))


def _record(store: EventStore, before: dict[str, list[int]]) -> None:
    """Record the mentions as they were before this sync read them, with the chronology as it
    is now: a write of either since makes the next call check again."""
    store.record_chronology_stamp({"mentions": before["mentions"],
                                   "chronology": store.state_stamp()["chronology"]})
