"""Reading the edits log: which edits are in effect (undo), what each touches (its footprint), and
the log as a user reads it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from timeline import schema
from timeline.corpus.curation.mention_index import _payload_spans
from timeline.corpus.curation.rules import CurationRules, rules


@dataclass(frozen=True)
class SkippedEdit:
    """An edit the replay could not apply, and why (in words for the user)."""

    edit_id: str
    action: str
    reason: str


@dataclass(frozen=True)
class Curation:
    """The result of replaying an edits log over a chronology."""

    chronology: pd.DataFrame                # curated, schema.CHRONOLOGY_COLUMNS
    skipped: tuple[SkippedEdit, ...] = ()
    undone: frozenset[str] = frozenset()    # edit_ids cancelled by an undo in effect
    hidden_mentions: frozenset[str] = frozenset()
    deleted_articles: frozenset[str] = frozenset()
    applied: tuple[str, ...] = ()           # edit_ids applied, in order

    def reasons(self) -> dict[str, str]:
        """edit_id -> why it was skipped."""
        return {s.edit_id: s.reason for s in self.skipped}


@dataclass(frozen=True)
class _Record:
    edit_id: str
    action: str
    target: str
    payload: dict[str, Any]


class _Stale(Exception):
    """An edit whose target is gone; its message is the reason shown to the user."""


@dataclass(frozen=True)
class Footprint:
    """What an edits log can touch: the events it names (`keys`), the mentions its anchors
    hold (`mention_ids`) and the articles of its sentence anchors and deletions (`doc_ids`).
    A replay over only the stored events touching these (`EventStore.chronology_touching`),
    given only the mentions of those events and articles, gives the same curated rows as a
    replay over the whole chronology: the dashboard's curation costs the edits, not the store.
    """

    keys: frozenset[str] = frozenset()
    mention_ids: frozenset[str] = frozenset()
    doc_ids: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.keys or self.mention_ids or self.doc_ids)


def edit_footprint(edits: pd.DataFrame | None) -> Footprint:
    """The footprint of the edits in effect in `edits` (bounded by the log's limits)."""
    records, _skipped, _undone = _effective_records(edits)
    keys: set[str] = set()
    ids: set[str] = set()
    docs: set[str] = set()
    for rec in records:
        payload = rec.payload
        if rec.action == "delete_article":
            docs.add(rec.target)
        elif rec.action == "hide_mention":
            ids.add(rec.target)
        else:
            keys.add(rec.target)
        if isinstance(payload.get("other"), str):
            keys.add(payload["other"])
        for name in ("anchor", "other_anchor"):
            held = payload.get(name)
            if isinstance(held, dict):
                ids.update(str(m) for m in held.get("mention_ids") or [] if isinstance(m, str))
                docs.update(str(s[0]) for s in held.get("spans") or []
                            if isinstance(s, list) and s and isinstance(s[0], str))
        if isinstance(payload.get("mentions"), list):
            ids.update(str(m) for m in payload["mentions"] if isinstance(m, str))
        docs.update(str(s[0]) for s in _payload_spans(payload)
                    if isinstance(s, list) and s and isinstance(s[0], str))
    return Footprint(frozenset(keys), frozenset(ids), frozenset(docs))


def edit_log(edits: pd.DataFrame | None, curation: Curation | None = None) -> pd.DataFrame:
    """The edits as a user reads them: when, what (one line), who, and their state ("in
    effect", "undone", or "skipped: why"), newest first."""
    columns = [schema.EDIT_ID, schema.EDITED_AT, schema.ACTION, "what", schema.AUTHOR, "state"]
    if edits is None or edits.empty:
        return pd.DataFrame({c: [] for c in columns})
    table = schema.validate_edits(edits)
    reasons = curation.reasons() if curation else {}
    undone = curation.undone if curation else _effective_records(table)[2]
    rows = []
    said: dict[str, str] = {}
    for row in table.to_dict("records"):
        edit_id = str(row[schema.EDIT_ID])
        state = ("undone" if edit_id in undone else
                 f"skipped: {reasons[edit_id]}" if edit_id in reasons else "in effect")
        said[edit_id] = what = _summary(row, said)
        rows.append({schema.EDIT_ID: edit_id, schema.EDITED_AT: row[schema.EDITED_AT],
                     schema.ACTION: row[schema.ACTION], "what": what,
                     schema.AUTHOR: row[schema.AUTHOR], "state": state})
    return pd.DataFrame(rows, columns=columns).iloc[::-1].reset_index(drop=True)


def last_in_effect(edits: pd.DataFrame | None, action_undo: bool = False) -> str | None:
    """The edit_id of the newest edit in effect that is not an undo (with `action_undo`: the
    newest undo in effect, whose undo redoes what it cancelled), or None."""
    if edits is None or edits.empty:
        return None
    table = schema.validate_edits(edits)
    _records, _skipped, undone = _effective_records(table)
    for edit_id, action in zip(table[schema.EDIT_ID][::-1], table[schema.ACTION][::-1]):
        if str(edit_id) not in undone and (action == "undo") == action_undo:
            return str(edit_id)
    return None


def _summary(row: Mapping[str, Any], earlier: Mapping[str, str]) -> str:
    """One line for the edits list: "changed headline, status of “UN suspends talks”"."""
    action, target = str(row[schema.ACTION]), str(row[schema.TARGET])
    try:
        payload = json.loads(str(row[schema.PAYLOAD]))
    except ValueError:
        payload = {}
    payload = payload if isinstance(payload, dict) else {}

    def name(anchor_key: str, fallback: str) -> str:
        anchored = payload.get(anchor_key)
        label = anchored.get("label") if isinstance(anchored, dict) else None
        return f"“{label}”" if isinstance(label, str) and label else fallback

    if action == "edit":
        changed = payload.get("set") if isinstance(payload.get("set"), dict) else {}
        return f"changed {', '.join(map(str, changed)) or 'nothing'} of {name('anchor', target)}"
    if action == "merge":
        other = str(payload.get("other", "?"))
        return f"merged {name('other_anchor', other)} into {name('anchor', target)}"
    if action == "split":
        moved = payload.get("mentions") if isinstance(payload.get("mentions"), list) else []
        return f"split {len(moved)} mention(s) out of {name('anchor', target)}"
    if action == "hide_mention":
        return f"hid mention {target}"
    if action == "delete_article":
        label = payload.get("label")
        return f"deleted article {f'“{label}”' if isinstance(label, str) and label else target}"
    if action == "undo":
        return f"undid: {earlier[target]}" if target in earlier else f"undid {target}"
    return f"{action} {target}"


def _effective_records(edits: pd.DataFrame | None
                       ) -> tuple[list[_Record], list[SkippedEdit], set[str]]:
    """The records in effect (parsed, not undone, not undos), the skipped ones with their
    reasons, and the edit_ids undone. An undo cancels an earlier edit when it is itself in
    effect: read from the newest back, so an undo of an undo restores the edit."""
    if edits is None or edits.empty:
        return [], [], set()
    r = rules()
    table = schema.validate_edits(edits)
    skipped: list[SkippedEdit] = []
    parsed: list[_Record] = []
    for n, row in enumerate(table.itertuples(index=False)):
        edit_id = str(getattr(row, schema.EDIT_ID) or "")
        action = str(getattr(row, schema.ACTION) or "")
        if n >= r.edits_per_replay:
            skipped.append(SkippedEdit(edit_id, action, f"the log holds more than "
                                       f"{r.edits_per_replay:,} edits; later ones are not replayed"))
            continue
        record, reason = _parse(edit_id, action, getattr(row, schema.TARGET),
                                getattr(row, schema.PAYLOAD), r)
        if record is None:
            skipped.append(SkippedEdit(edit_id, action, reason))
        else:
            parsed.append(record)
    position = {rec.edit_id: i for i, rec in enumerate(parsed)}
    cancelled: set[str] = set()
    for i in range(len(parsed) - 1, -1, -1):
        rec = parsed[i]
        if rec.action != "undo" or rec.edit_id in cancelled:
            continue
        if position.get(rec.target, len(parsed)) >= i:
            skipped.append(SkippedEdit(rec.edit_id, rec.action,
                                       f"undoes {rec.target}, which is not an earlier edit"))
            continue
        cancelled.add(rec.target)
    records = [rec for rec in parsed if rec.action != "undo" and rec.edit_id not in cancelled]
    return records, skipped, cancelled


def _parse(edit_id: str, action: str, target: Any, payload: Any,
           r: CurationRules) -> tuple[_Record | None, str]:
    if not edit_id:
        return None, "the edit has no edit_id"
    if action not in schema.EDIT_ACTIONS:
        return None, f"unknown action {action[:40]!r}"
    target = str(target) if isinstance(target, str) else ""
    if not target:
        return None, f"the {action} edit names no target"
    text = payload if isinstance(payload, str) else "{}"
    if len(text) > r.payload_chars:
        return None, f"its payload is too large ({len(text):,} characters)"
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return None, "its payload is not valid JSON"
    if not isinstance(data, dict):
        return None, "its payload is not a JSON object"
    return _Record(edit_id, action, target, data), ""
