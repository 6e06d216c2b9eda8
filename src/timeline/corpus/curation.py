"""Curation: a report writer corrects the machine's chronology, kept as a log of edits.

Each correction is one record of the edits log (schema.EDIT_COLUMNS): an action, its target
and a JSON payload. The builders below (`edit_event`, `merge_events`, `split_event`,
`hide_mention`, `delete_article`, `undo`) make the records, checking the values a user typed;
`curate` replays a log over a chronology (`apply_edits` returns only the table) and
`apply_edits_to_mentions` drops hidden mentions and deleted articles from a mentions table.

The log is replayed, never the tables edited in place, so the corrections survive
re-extraction when the rules change: the chronology is rebuilt from the new mentions and the
same log is replayed over it. An edit names its event by `event_key` AND carries an anchor,
the mention ids the event held (and, when the mentions were known, each mention's article and
sentence offsets); `resolve_event` finds the event again through them when its key changed
(see there). Hidden mentions and deleted articles are by mention id (with the same sentence
anchor) and by doc_id.

Undo: an `undo` record cancels the edit it names by edit_id; an undo of an undo redoes. A
record that cannot be applied (malformed, too large, or stale: its event is gone) is skipped
with its reason listed in `Curation.skipped`, never an exception.

Costs: the replay is linear in the log (at most `limits.edits_per_replay` records) plus the
size of the chronology and mentions (indexed once per call); each edit costs the size of the
events it touches. Payloads are refused beyond `limits.payload_chars`.
"""
from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from timeline import schema
from timeline.corpus import headlines
from timeline.datafiles import load_yaml, require
from timeline.errors import InputError
from timeline.extract.event_types import vocabulary

RESOURCE: Final = "curation.yaml"

# The fields an edit may set, with the kind of value each takes.
DATE_FIELDS: Final = (schema.DATE_START, schema.DATE_END)
LIST_FIELDS: Final = (schema.ACTORS, schema.LOCATIONS)
EDITABLE_FIELDS: Final = (schema.DATE_START, schema.DATE_END, schema.GRANULARITY, schema.STATUS,
                          schema.EVENT_TYPE, schema.ACTORS, schema.LOCATIONS, schema.HEADLINE,
                          schema.SALIENCE)
# What a change of membership marks on an event (merge, split, hidden mention, deleted article).
MEMBERSHIP: Final = schema.MENTION_IDS
SPLIT_KEY_PREFIX: Final = "ev-split-"
_SNIPPET_CHARS: Final = 90
# The tables hold nanosecond timestamps: the days they can hold, as ISO text.
FIRST_DAY: Final = (pd.Timestamp.min.date() + dt.timedelta(days=1)).isoformat()
LAST_DAY: Final = pd.Timestamp.max.date().isoformat()


@dataclass(frozen=True)
class CurationRules:
    """resources/curation.yaml, validated."""

    granularities: tuple[str, ...]
    payload_chars: int
    edits_per_replay: int
    headline_chars: int
    list_items: int
    list_item_chars: int
    anchor_mentions: int
    split_mentions: int
    author_chars: int


@functools.cache
def rules() -> CurationRules:
    """The curation rules, read and validated once."""
    data = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    grans = data.get("granularities")
    require(isinstance(grans, list) and grans and all(isinstance(g, str) and g for g in grans),
            RESOURCE, "granularities", "must be a non-empty list of names")
    limits = data.get("limits")
    require(isinstance(limits, dict), RESOURCE, "limits", "must be a mapping")
    names = [f for f in CurationRules.__dataclass_fields__ if f != "granularities"]
    values = {}
    for name in names:
        value = limits.get(name)
        require(isinstance(value, int) and not isinstance(value, bool) and value > 0,
                RESOURCE, f"limits.{name}", "must be a positive whole number")
        values[name] = value
    unknown = sorted(set(limits) - set(names))
    require(not unknown, RESOURCE, "limits", f"unknown limits: {', '.join(map(str, unknown))}")
    return CurationRules(granularities=tuple(grans), **values)


# --- Making edit records ------------------------------------------------------------------------

def new_edit(action: str, target: str, payload: Mapping[str, Any] | None = None,
             author: str = "", now: dt.datetime | None = None) -> pd.DataFrame:
    """One edit record (a one-row table of schema.EDIT_COLUMNS) with a fresh edit_id.
    InputError when the action is unknown, the target empty or the payload too large."""
    r = rules()
    if action not in schema.EDIT_ACTIONS:
        raise InputError(f"unknown edit action {action!r}; one of {', '.join(schema.EDIT_ACTIONS)}")
    target = str(target or "").strip()
    if not target:
        raise InputError(f"a {action} edit needs a target")
    text = json.dumps(dict(payload or {}), ensure_ascii=False, sort_keys=True)
    if len(text) > r.payload_chars:
        raise InputError(f"this edit is too large ({len(text):,} characters; at most "
                         f"{r.payload_chars:,})")
    stamp = pd.Timestamp(now if now is not None else dt.datetime.now(dt.timezone.utc))
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    row = {schema.EDIT_ID: uuid.uuid4().hex, schema.EDITED_AT: stamp, schema.ACTION: action,
           schema.TARGET: target, schema.PAYLOAD: text,
           schema.AUTHOR: " ".join(str(author or "").split())[:r.author_chars]}
    return schema.validate_edits(pd.DataFrame([row]))


def edit_event(event: Mapping[str, Any], changes: Mapping[str, Any],
               mentions: pd.DataFrame | None = None, author: str = "") -> pd.DataFrame:
    """The record that sets `changes` (field -> value, fields of EDITABLE_FIELDS) on `event`
    (a chronology row). InputError naming the field when a value is not acceptable."""
    cleaned = clean_changes(changes)
    if not cleaned:
        raise InputError("nothing to change")
    start = cleaned.get(schema.DATE_START, _iso(event.get(schema.DATE_START)))
    end = cleaned.get(schema.DATE_END, _iso(event.get(schema.DATE_END)))
    if start and end and start > end:
        raise InputError(f"the event cannot end ({end}) before it starts ({start})")
    return new_edit("edit", _key(event), {"set": cleaned, "anchor": anchor(event, mentions)},
                    author)


def merge_events(event: Mapping[str, Any], other: Mapping[str, Any],
                 mentions: pd.DataFrame | None = None, author: str = "") -> pd.DataFrame:
    """The record that merges `other` into `event`: one event keeps `event`'s key and fields,
    holds the mentions of both, and names the actors and places of both."""
    if _key(event) == _key(other):
        raise InputError("an event cannot be merged with itself")
    return new_edit("merge", _key(event), {"anchor": anchor(event, mentions),
                                           "other": _key(other),
                                           "other_anchor": anchor(other, mentions)}, author)


def split_event(event: Mapping[str, Any], mention_ids: Iterable[str],
                mentions: pd.DataFrame | None = None, author: str = "") -> pd.DataFrame:
    """The record that moves the mentions `mention_ids` of `event` into a new event."""
    r = rules()
    held = schema.as_str_list(event.get(schema.MENTION_IDS))
    moved = list(dict.fromkeys(str(m) for m in mention_ids))
    if not moved:
        raise InputError("choose the mentions to move into a new event")
    if len(moved) > r.split_mentions:
        raise InputError(f"a split moves at most {r.split_mentions} mentions, not {len(moved)}")
    foreign = [m for m in moved if m not in held]
    if foreign:
        raise InputError(f"the event does not hold the mentions {', '.join(foreign[:5])}")
    if len(moved) >= len(held):
        raise InputError("a split must leave at least one mention in the event")
    return new_edit("split", _key(event), {"anchor": anchor(event, mentions), "mentions": moved,
                                           "spans": _spans(moved, mentions)}, author)


def hide_mention(mention_id: str, mentions: pd.DataFrame | None = None,
                 author: str = "") -> pd.DataFrame:
    """The record that hides one mention (by its event_id) from every view and export."""
    return new_edit("hide_mention", str(mention_id),
                    {"spans": _spans([str(mention_id)], mentions)}, author)


def delete_article(doc_id: str, author: str = "", title: str = "") -> pd.DataFrame:
    """The record that deletes an article: its mentions leave every event. `title` only
    names it in the edits list."""
    return new_edit("delete_article", str(doc_id), {"label": _snippet(str(title or ""))}, author)


def undo(edit_id: str, author: str = "") -> pd.DataFrame:
    """The record that cancels the edit `edit_id` (an undo of an undo redoes)."""
    return new_edit("undo", str(edit_id), {}, author)


def clean_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """`changes` as JSON values (dates "YYYY-MM-DD", lists of names), checked against
    resources/curation.yaml and the vocabularies. InputError naming the field otherwise."""
    r = rules()
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS:
            raise InputError(f"{name!r} cannot be edited; editable: {', '.join(EDITABLE_FIELDS)}")
        if name in DATE_FIELDS:
            day = _iso(value)
            if not day:
                raise InputError(f"{name}: not a date: {str(value)[:40]!r}")
            if not FIRST_DAY <= day <= LAST_DAY:
                raise InputError(f"{name}: {day} is outside the dates the tool can hold "
                                 f"({FIRST_DAY} to {LAST_DAY})")
            out[name] = day
        elif name == schema.GRANULARITY:
            out[name] = _one_of(name, value, r.granularities)
        elif name == schema.STATUS:
            out[name] = _one_of(name, value, schema.CHRONOLOGY_STATUSES)
        elif name == schema.EVENT_TYPE:
            out[name] = _one_of(name, value, vocabulary().types)
        elif name in LIST_FIELDS:
            out[name] = _names(name, value, r)
        elif name == schema.HEADLINE:
            text = " ".join(str(value or "").split()) if isinstance(value, str) else ""
            if not text:
                raise InputError("headline: must not be empty")
            if len(text) > r.headline_chars:
                raise InputError(f"headline: at most {r.headline_chars} characters")
            out[name] = text
        elif name == schema.SALIENCE:
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = float("nan")
            if not 0.0 <= number <= 1.0:
                raise InputError(f"salience: a number from 0 to 1, not {str(value)[:20]!r}")
            out[name] = number
    return out


def anchor(event: Mapping[str, Any], mentions: pd.DataFrame | None = None) -> dict[str, Any]:
    """What an edit keeps to find `event` again after re-extraction: up to
    `limits.anchor_mentions` of its mention ids and, when `mentions` is given, their spans."""
    ids = sorted(schema.as_str_list(event.get(schema.MENTION_IDS)))[:rules().anchor_mentions]
    headline = event.get(schema.HEADLINE)
    label = _snippet(headline) if isinstance(headline, str) else ""  # for the edits list only
    return {"mention_ids": ids, "spans": _spans(ids, mentions), "label": label}


def _spans(ids: list[str], mentions: pd.DataFrame | None) -> list[list[Any]]:
    """[doc_id, sentence start, sentence end, time expression start] of each known mention."""
    if mentions is None or mentions.empty:
        return []
    index = _MentionIndex(mentions)
    return [span for i in ids if (span := index.span(i)) is not None]


def _key(event: Mapping[str, Any]) -> str:
    key = event.get(schema.EVENT_KEY)
    if not isinstance(key, str) or not key:
        raise InputError("the event has no event_key")
    return key


def _one_of(name: str, value: Any, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise InputError(f"{name}: {str(value)[:40]!r} is not one of {', '.join(allowed)}")
    return str(value)


def _names(name: str, value: Any, r: CurationRules) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise InputError(f"{name}: a list of names")
    out = list(dict.fromkeys(" ".join(str(v).split()) for v in value if str(v).strip()))
    if len(out) > r.list_items:
        raise InputError(f"{name}: at most {r.list_items} names")
    long = [v for v in out if len(v) > r.list_item_chars]
    if long:
        raise InputError(f"{name}: a name has at most {r.list_item_chars} characters")
    return out


def _iso(value: Any) -> str:
    """"YYYY-MM-DD" for a date-like value, "" for a missing or unreadable one."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return ""
    if isinstance(value, (dt.date, pd.Timestamp)):
        try:
            return pd.Timestamp(value).date().isoformat()
        except (ValueError, OverflowError):
            return ""
    try:
        return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError, OverflowError):
        return ""


# --- Replaying the log ----------------------------------------------------------------------------

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


def apply_edits(chronology: pd.DataFrame, edits: pd.DataFrame | None,
                mentions: pd.DataFrame | None = None,
                documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """The curated chronology: `edits` replayed over `chronology` (see `curate`, which also
    lists the skipped edits and their reasons)."""
    return curate(chronology, edits, mentions, documents).chronology


def curate(chronology: pd.DataFrame, edits: pd.DataFrame | None,
           mentions: pd.DataFrame | None = None,
           documents: pd.DataFrame | None = None) -> Curation:
    """Replay the edits log `edits` (schema.EDIT_COLUMNS, in the order made) over `chronology`.

    Each edit in effect (not undone) is validated and applied in order; one that cannot be is
    skipped with its reason. The columns an edit changes are recomputed (mention_ids, doc_ids,
    n_mentions, n_articles, representative_id, status_history, first/last_reported, and the
    sources when `documents` is given); salience is kept unless the user set it. Each changed
    event lists the fields a user changed in `edited_fields` (a membership change marks
    `mention_ids`). `mentions` (the corpus's mentions table) lets edits find their events by
    sentence offsets after re-extraction, and gives a split-off event its own date, type,
    actors and places; without it, a mention's article is read from the status history.
    """
    table = chronology if _conforms(chronology) else schema.validate_chronology(chronology)
    records, skipped, undone = _effective_records(edits)
    if not records and not skipped:
        return Curation(chronology=table, undone=frozenset(undone))
    state = _State(table, mentions, documents)
    applied: list[str] = []
    for record in records:
        try:
            _APPLY[record.action](state, record)
        except (_Stale, InputError) as exc:
            skipped.append(SkippedEdit(record.edit_id, record.action, str(exc)))
            continue
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # a payload of the right size and action but the wrong shape (hand-edited log)
            skipped.append(SkippedEdit(record.edit_id, record.action,
                                       f"malformed {record.action} edit ({type(exc).__name__})"))
            continue
        applied.append(record.edit_id)
    return Curation(chronology=state.table(), skipped=tuple(skipped),
                    undone=frozenset(undone), hidden_mentions=frozenset(state.hidden),
                    deleted_articles=frozenset(state.deleted), applied=tuple(applied))


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


def apply_edits_to_mentions(mentions: pd.DataFrame, edits: pd.DataFrame | None) -> pd.DataFrame:
    """`mentions` without the hidden mentions and the mentions of deleted articles (edits in
    effect only), for per-mention views and exports. Hidden mentions whose id changed with
    re-extraction are found by their article and sentence offsets."""
    table = schema.validate(mentions)
    records, _skipped, _undone = _effective_records(edits)
    hidden_ids: set[str] = set()
    deleted: set[str] = set()
    index: _MentionIndex | None = None
    for record in records:
        if record.action == "delete_article":
            deleted.add(record.target)
        elif record.action == "hide_mention":
            if index is None:
                index = _MentionIndex(table)
            if index.has(record.target):
                hidden_ids.add(record.target)
            else:
                hidden_ids.update(index.by_spans(_payload_spans(record.payload)))
    if not hidden_ids and not deleted:
        return table
    keep = ~(table[schema.EVENT_ID].isin(hidden_ids) | table[schema.DOC_ID].isin(deleted))
    return table[keep.to_numpy()].reset_index(drop=True)


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


# --- The replay's state ---------------------------------------------------------------------------

class _MentionIndex:
    """Lookups into a mentions table, each built on first use: by id, and by article for
    sentence spans (a replay of field edits alone needs neither)."""

    def __init__(self, mentions: pd.DataFrame) -> None:
        self.table = schema.validate(mentions)

    @functools.cached_property
    def ids(self) -> list[str]:
        return self.table[schema.EVENT_ID].astype(str).tolist()

    @functools.cached_property
    def docs(self) -> list[str]:
        return self.table[schema.DOC_ID].astype(str).tolist()

    @functools.cached_property
    def pos(self) -> dict[str, int]:
        return {m: i for i, m in enumerate(self.ids)}

    @functools.cached_property
    def doc_positions(self) -> dict[str, list[int]]:
        """doc_id -> the positions of its mentions."""
        out: dict[str, list[int]] = {}
        for i, d in enumerate(self.docs):
            out.setdefault(d, []).append(i)
        return out

    def has(self, mention_id: str) -> bool:
        return mention_id in self.pos

    def doc(self, mention_id: str) -> str | None:
        i = self.pos.get(mention_id)
        return None if i is None else self.docs[i]

    def span(self, mention_id: str) -> list[Any] | None:
        i = self.pos.get(mention_id)
        if i is None:
            return None
        row = self.table.iloc[i]
        return [self.docs[i], _int(row[schema.CHAR_START]), _int(row[schema.CHAR_END]),
                _int(row[schema.TIMEX_START])]

    def by_spans(self, spans: Iterable[Any]) -> list[str]:
        """The mentions matching `spans` (see `match_spans`)."""
        return match_spans(spans, self)


def match_spans(spans: Iterable[Any], index: _MentionIndex) -> list[str]:
    """The ids of the mentions that are the same as the anchored ones, when their ids changed.

    An event_id is derived from the doc_id, the offsets and the date, so new rules that move a
    sentence boundary or re-date a mention give it a new id. An anchored mention
    [doc_id, sentence start, sentence end, time expression start] is the current mention of the
    same article whose sentence overlaps the anchored sentence; when several do (one sentence
    with two dates), those whose time expression starts at the same offset are preferred.
    Cost: the mentions of each anchored article.
    """
    positions = index.doc_positions
    found: list[str] = []
    starts = index.table[schema.CHAR_START]
    ends = index.table[schema.CHAR_END]
    timexes = index.table[schema.TIMEX_START]
    for span in spans:
        if not (isinstance(span, list) and len(span) == 4 and isinstance(span[0], str)):
            continue
        doc, start, end, timex = span
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        overlapping = []
        for i in positions.get(doc, []):
            s, e = _int(starts.iat[i]), _int(ends.iat[i])
            if s is not None and e is not None and s < end and start < e:
                overlapping.append(i)
        same_timex = [i for i in overlapping if timex is not None and _int(timexes.iat[i]) == timex]
        found.extend(index.ids[i] for i in (same_timex or overlapping))
    return list(dict.fromkeys(found))


def _int(value: Any) -> int | None:
    try:
        return None if pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return None


def _payload_spans(payload: Mapping[str, Any]) -> list[Any]:
    spans = payload.get("spans")
    return spans if isinstance(spans, list) else []


class _State:
    """The chronology during a replay. Rows an edit touches are copied out of the table into
    `rows` (by key); untouched rows stay in the table, so the cost is the edits', not the
    table's, apart from indexing the mention ids once."""

    def __init__(self, table: pd.DataFrame, mentions: pd.DataFrame | None,
                 documents: pd.DataFrame | None) -> None:
        self.base = table
        self.keys = table[schema.EVENT_KEY].astype(str).tolist()
        self.position = {k: i for i, k in enumerate(self.keys)}
        self.rows: dict[str, dict[str, Any]] = {}
        self.removed: set[str] = set()
        # mention id -> event key: `changed_owner` for the rows copied out (kept up to date by
        # every change), `_base_owner` for the table's rows, built only when an edit needs it
        self.changed_owner: dict[str, str] = {}
        self._base_owner: dict[str, str] | None = None
        self._doc_events: dict[str, list[str]] | None = None
        self._columns: dict[str, Any] | None = None
        self.index = _MentionIndex(mentions) if mentions is not None and not mentions.empty \
            else None
        self.sources: dict[str, str] | None = None
        self.published: dict[str, pd.Timestamp] = {}
        if documents is not None and not documents.empty:
            docs = schema.validate_documents(documents)
            self.sources = {str(d): s.strip() for d, s in zip(docs[schema.DOC_ID], docs[schema.SOURCE])
                            if isinstance(s, str) and s.strip()}
            self.published = {str(d): p for d, p in zip(docs[schema.DOC_ID], docs[schema.PUBLISHED])
                              if not pd.isna(p)}
        self.hidden: set[str] = set()
        self.deleted: set[str] = set()

    # rows

    def get(self, key: str) -> dict[str, Any] | None:
        if key in self.removed:
            return None
        if key not in self.rows:
            i = self.position.get(key)
            if i is None:
                return None
            row = {c: values[i] for c, values in self._arrays().items()}
            for column, dtype in schema.CHRONOLOGY_COLUMNS.items():
                if column in schema.CHRONOLOGY_LIST_COLUMNS:
                    row[column] = list(row[column])
                elif dtype.startswith("datetime64"):
                    row[column] = pd.Timestamp(row[column])  # NaT stays NaT
            self.rows[key] = row
            for m in row[schema.MENTION_IDS]:
                self.changed_owner[m] = key
        return self.rows[key]

    def owner(self, mention_id: str) -> str | None:
        """The key of the event holding `mention_id` now, or None."""
        key = self.changed_owner.get(mention_id)
        if key is not None:
            return key
        if self._base_owner is None:
            lists = self.base[schema.MENTION_IDS].tolist()
            self._base_owner = dict(zip(
                itertools.chain.from_iterable(lists),
                itertools.chain.from_iterable(itertools.repeat(k, len(ids))
                                              for k, ids in zip(self.keys, lists))))
        key = self._base_owner.get(mention_id)
        # a row copied out or removed answers through changed_owner only
        return None if key is None or key in self.rows or key in self.removed else key

    def _arrays(self) -> dict[str, Any]:
        """The table's columns as numpy arrays, made once: reading one row from them is
        a hundred times cheaper than from the DataFrame."""
        if self._columns is None:
            self._columns = {c: self.base[c].to_numpy() for c in schema.CHRONOLOGY_COLUMNS}
        return self._columns

    def exists(self, key: str) -> bool:
        return key not in self.removed and (key in self.rows or key in self.position)

    def remove(self, key: str) -> None:
        row = self.rows.pop(key, None)
        self.removed.add(key)
        for m in (row or {}).get(schema.MENTION_IDS, []):
            if self.changed_owner.get(m) == key:
                del self.changed_owner[m]

    def add(self, row: dict[str, Any]) -> None:
        key = row[schema.EVENT_KEY]
        self.removed.discard(key)
        self.rows[key] = row
        for m in row[schema.MENTION_IDS]:
            self.changed_owner[m] = key

    def events_of_doc(self, doc_id: str) -> list[str]:
        """The keys of the events that hold a mention of `doc_id` now."""
        if self._doc_events is None:
            self._doc_events = {}
            for key, docs in zip(self.keys, self.base[schema.DOC_IDS]):
                for d in docs:
                    self._doc_events.setdefault(d, []).append(key)
        keys = set(self._doc_events.get(doc_id, []))
        keys.update(k for k, row in self.rows.items() if doc_id in row[schema.DOC_IDS])
        return sorted(k for k in keys if self.exists(k) and doc_id in self.get(k)[schema.DOC_IDS])

    # mentions

    def doc_of(self, row: dict[str, Any], mention_id: str) -> str | None:
        if self.index is not None:
            doc = self.index.doc(mention_id)
            if doc is not None:
                return doc
        for entry in _history(row):
            if entry.get("event_id") == mention_id:
                return str(entry.get("doc_id") or "") or None
        return None

    def mentions_of_doc(self, row: dict[str, Any], doc_id: str) -> list[str]:
        return [m for m in row[schema.MENTION_IDS] if self.doc_of(row, m) == doc_id]

    def resolve_mentions(self, ids: Iterable[str], spans: Iterable[Any]) -> list[str]:
        """The anchored mentions as they are now: by id, else by article and sentence."""
        present = [m for m in ids if self.owner(m) is not None]
        if present or self.index is None:
            return present
        return [m for m in self.index.by_spans(spans) if self.owner(m) is not None]

    def table(self) -> pd.DataFrame:
        untouched = [k not in self.removed and k not in self.rows for k in self.keys]
        kept = self.base[untouched]
        frames = [kept]
        if self.rows:
            changed = pd.DataFrame(list(self.rows.values()))
            changed[schema.EDITED_FIELDS] = [
                [c for c in schema.CHRONOLOGY_COLUMNS if c in set(v)]
                for v in changed[schema.EDITED_FIELDS]]
            frames.append(schema.validate_chronology(changed))
        out = pd.concat([f for f in frames if not f.empty], ignore_index=True) \
            if any(not f.empty for f in frames) else schema.empty_chronology()
        if not _conforms(out, check_cells=False):  # both parts conform: concat keeps dtypes
            out = schema.validate_chronology(out)
        # date order; most often only the changed rows move, so sort positions, take once
        order = np.lexsort((out[schema.EVENT_KEY].to_numpy(dtype=object),
                            _sortable(out[schema.DATE_END]), _sortable(out[schema.DATE_START])))
        if (order == np.arange(len(out))).all():
            return out
        return out.take(order).reset_index(drop=True)


def _sortable(dates: pd.Series) -> np.ndarray:
    """Dates as int64 nanoseconds with NaT last."""
    values = dates.to_numpy(dtype="datetime64[ns]").astype("int64")
    return np.where(dates.isna().to_numpy(), np.iinfo("int64").max, values)


def _conforms(table: pd.DataFrame, check_cells: bool = True) -> bool:
    """Whether `table` already has the chronology schema (validating it again costs as much
    as the whole replay of a short log)."""
    columns = schema.CHRONOLOGY_COLUMNS
    if list(table.columns) != list(columns) or any(
            str(table[c].dtype) != t for c, t in columns.items()):
        return False
    return not check_cells or all(type(v) is list for c in schema.CHRONOLOGY_LIST_COLUMNS
                                  for v in table[c])


def resolve_event(state: _State, key: str, anchor_data: Any) -> str:
    """The key of the event an edit meant, now; _Stale with the reason when it is gone.

    1. The anchored mention ids that the chronology holds now; when none do (re-extraction
       gave them new ids) and the mentions table is known, the mentions found by article and
       overlapping sentence offsets (`match_spans`).
    2. Found mentions decide: the event named by `key` when it holds any of them, else the
       event holding most of them (the earliest key on a tie).
    3. No anchored mention is found: the event named by `key`, when it still exists.
    """
    anchor_data = anchor_data if isinstance(anchor_data, dict) else {}
    ids = anchor_data.get("mention_ids")
    ids = [m for m in ids if isinstance(m, str)] if isinstance(ids, list) else []
    if state.exists(key) and set(ids) & set(state.get(key)[schema.MENTION_IDS]):
        return key  # the common case, with no index of every mention
    found = state.resolve_mentions(ids, _payload_spans(anchor_data))
    if found:
        holders = Counter(state.owner(m) for m in found)
        if key in holders:
            return key
        return min(holders, key=lambda k: (-holders[k], k))
    if state.exists(key):
        return key
    raise _Stale(f"event {key} is gone: none of the {len(ids)} mention(s) it held is in the "
                 "chronology any more")


# --- Actions ----------------------------------------------------------------------------------

def _apply_edit(state: _State, rec: _Record) -> None:
    changes = rec.payload.get("set")
    if not isinstance(changes, dict) or not changes:
        raise InputError("the edit sets no field")
    cleaned = clean_changes(changes)
    row = state.get(resolve_event(state, rec.target, rec.payload.get("anchor")))
    assert row is not None
    start = cleaned.get(schema.DATE_START, _iso(row[schema.DATE_START]))
    end = cleaned.get(schema.DATE_END, _iso(row[schema.DATE_END]))
    if start and end and start > end:
        raise InputError(f"the event would end ({end}) before it starts ({start})")
    for name, value in cleaned.items():
        row[name] = pd.Timestamp(value) if name in DATE_FIELDS else value
    _mark(row, cleaned)


def _apply_merge(state: _State, rec: _Record) -> None:
    other_key = rec.payload.get("other")
    if not isinstance(other_key, str):
        raise InputError("the merge names no other event")
    key = resolve_event(state, rec.target, rec.payload.get("anchor"))
    other = resolve_event(state, other_key, rec.payload.get("other_anchor"))
    if key == other:
        raise _Stale(f"{rec.target} and {other_key} are already one event")
    row, absorbed = state.get(key), state.get(other)
    assert row is not None and absorbed is not None
    # marks: the kept event's own, and what the absorbed one adds to it
    edited = set(row[schema.EDITED_FIELDS]) | {MEMBERSHIP}
    for column in LIST_FIELDS:
        joined = list(dict.fromkeys(row[column] + absorbed[column]))
        if joined != row[column]:
            row[column] = joined
            edited.add(column)
    row[schema.MENTION_IDS] = list(dict.fromkeys(row[schema.MENTION_IDS] + absorbed[schema.MENTION_IDS]))
    history = _history(row) + _history(absorbed)
    history.sort(key=lambda h: (str(h.get("published") or "9999"), str(h.get("doc_id") or "")))
    row[schema.STATUS_HISTORY] = json.dumps(history, ensure_ascii=False)
    # the kept event's salience stays, unless only the absorbed one's was set by the user
    if (schema.SALIENCE in absorbed[schema.EDITED_FIELDS]
            and schema.SALIENCE not in row[schema.EDITED_FIELDS]):
        row[schema.SALIENCE] = _float(absorbed[schema.SALIENCE])
        edited.add(schema.SALIENCE)
    row[schema.EDITED_FIELDS] = sorted(edited)
    state.remove(other)
    state.add(row)
    _refresh(state, row)


def _apply_split(state: _State, rec: _Record) -> None:
    moved_ids = rec.payload.get("mentions")
    if not isinstance(moved_ids, list) or not moved_ids:
        raise InputError("the split names no mention to move")
    if len(moved_ids) > rules().split_mentions:
        raise InputError(f"a split moves at most {rules().split_mentions} mentions")
    key = resolve_event(state, rec.target, rec.payload.get("anchor"))
    row = state.get(key)
    assert row is not None
    found = state.resolve_mentions([m for m in moved_ids if isinstance(m, str)],
                                   _payload_spans(rec.payload))
    moved = [m for m in found if state.owner(m) == key]
    if not moved:
        raise _Stale(f"none of the mentions to split out of {rec.target} is in it any more")
    keep = [m for m in row[schema.MENTION_IDS] if m not in set(moved)]
    if not keep:
        raise _Stale(f"the split would leave {rec.target} with no mention")
    new_key = SPLIT_KEY_PREFIX + rec.edit_id[:16]
    if state.exists(new_key):
        raise _Stale(f"the event {new_key} already exists")
    new = {c: (list(v) if isinstance(v, list) else v) for c, v in row.items()}
    new[schema.EVENT_KEY] = new_key
    new[schema.MENTION_IDS] = moved
    new[schema.EDITED_FIELDS] = [MEMBERSHIP]
    moved_set = set(moved)
    history = _history(row)
    new[schema.STATUS_HISTORY] = json.dumps([h for h in history if h.get("event_id") in moved_set],
                                            ensure_ascii=False)
    row[schema.STATUS_HISTORY] = json.dumps([h for h in history if h.get("event_id") not in moved_set],
                                            ensure_ascii=False)
    row[schema.MENTION_IDS] = keep
    _mark(row, [MEMBERSHIP])
    if state.index is not None:
        _describe_from_mentions(new, moved, state.index)
    state.add(new)
    _refresh(state, row)
    _refresh(state, new)


def _apply_hide(state: _State, rec: _Record) -> None:
    found = state.resolve_mentions([rec.target], _payload_spans(rec.payload))
    if not found:
        raise _Stale(f"mention {rec.target} is not in the chronology any more")
    for m in found:
        state.hidden.add(m)
        holder = state.owner(m)
        if holder is not None:
            _drop_mentions(state, holder, {m})


def _apply_delete(state: _State, rec: _Record) -> None:
    doc_id = rec.target
    keys = state.events_of_doc(doc_id)
    if not keys:
        raise _Stale(f"article {doc_id} is not in the chronology any more")
    state.deleted.add(doc_id)
    for key in keys:
        row = state.get(key)
        assert row is not None
        _drop_mentions(state, key, set(state.mentions_of_doc(row, doc_id)), doc_id)


_APPLY = {"edit": _apply_edit, "merge": _apply_merge, "split": _apply_split,
          "hide_mention": _apply_hide, "delete_article": _apply_delete}


def _drop_mentions(state: _State, key: str, ids: set[str], doc_id: str | None = None) -> None:
    """Take `ids` (and, with `doc_id`, that article) out of an event; an event left with no
    mention disappears."""
    row = state.get(key)
    assert row is not None
    row[schema.MENTION_IDS] = [m for m in row[schema.MENTION_IDS] if m not in ids]
    for m in ids:
        if state.changed_owner.get(m) == key:
            del state.changed_owner[m]
    row[schema.STATUS_HISTORY] = json.dumps(
        [h for h in _history(row) if h.get("event_id") not in ids
         and (doc_id is None or h.get("doc_id") != doc_id)], ensure_ascii=False)
    if not row[schema.MENTION_IDS]:
        state.remove(key)
        return
    if doc_id is not None:
        row[schema.DOC_IDS] = [d for d in row[schema.DOC_IDS] if d != doc_id]
    _mark(row, [MEMBERSHIP])
    _refresh(state, row)


def _refresh(state: _State, row: dict[str, Any]) -> None:
    """Recompute the columns that follow from an event's mentions."""
    ids = row[schema.MENTION_IDS]
    docs = [state.doc_of(row, m) for m in ids]
    if all(d is not None for d in docs):
        row[schema.DOC_IDS] = list(dict.fromkeys(d for d in docs if d is not None))
    # else: an article unknown to both the mentions and the history: keep the list as it is
    row[schema.N_MENTIONS] = len(ids)
    row[schema.N_ARTICLES] = len(row[schema.DOC_IDS])
    if row[schema.REPRESENTATIVE_ID] not in ids:
        row[schema.REPRESENTATIVE_ID] = ids[0] if ids else None
    published = [pd.Timestamp(p) for h in _history(row) if (p := _iso(h.get("published")))]
    published += [state.published[d] for d in row[schema.DOC_IDS] if d in state.published]
    if published:
        row[schema.FIRST_REPORTED], row[schema.LAST_REPORTED] = min(published), max(published)
    if state.sources is not None:
        row[schema.SOURCES] = list(dict.fromkeys(
            state.sources[d] for d in row[schema.DOC_IDS] if d in state.sources))


def _describe_from_mentions(row: dict[str, Any], ids: list[str], index: _MentionIndex) -> None:
    """A split-off event's date, type, status, actors, places and headline from its mentions:
    the most common interval (the narrowest on a tie), type and place names."""
    picked = index.table.iloc[[index.pos[m] for m in ids if m in index.pos]]
    if picked.empty:
        return
    intervals = Counter(zip(picked[schema.DATE_START], picked[schema.DATE_END],
                            picked[schema.GRANULARITY].fillna("day")))
    (start, end, gran), _n = min(intervals.items(),
                                 key=lambda kv: (-kv[1], _span_days(kv[0][0], kv[0][1])))
    row[schema.DATE_START], row[schema.DATE_END], row[schema.GRANULARITY] = start, end, str(gran)
    types = Counter(t for t in picked[schema.EVENT_TYPE].dropna())
    if types:
        row[schema.EVENT_TYPE] = types.most_common(1)[0][0]
    statuses = set(picked[schema.STATUS].dropna())
    row[schema.STATUS] = "occurred" if "occurred" in statuses else "planned"
    for column in LIST_FIELDS:
        counts = Counter(v for cell in picked[column] for v in schema.as_str_list(cell))
        row[column] = [v for v, _ in counts.most_common()]
    best = picked.sort_values(schema.CONFIDENCE, ascending=False, kind="stable").iloc[0]
    row[schema.REPRESENTATIVE_ID] = str(best[schema.EVENT_ID])
    # the chronology's own headline writer, so a split-off event reads like the others
    sentence = best[schema.SENTENCE] if isinstance(best[schema.SENTENCE], str) else ""
    timex = best[schema.TIMEX_TEXT] if isinstance(best[schema.TIMEX_TEXT], str) else ""
    row[schema.HEADLINE] = headlines.headline(
        sentence, schema.as_str_list(best[schema.ACTORS]), schema.as_str_list(best[schema.LOCATIONS]),
        row[schema.STATUS], row[schema.EVENT_TYPE], timex) or _snippet(sentence)


def _span_days(start: Any, end: Any) -> float:
    try:
        return float((pd.Timestamp(end) - pd.Timestamp(start)).days)
    except (TypeError, ValueError):
        return float("inf")


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SNIPPET_CHARS:
        return text
    cut = text[:_SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _history(row: Mapping[str, Any]) -> list[dict[str, Any]]:
    try:
        entries = json.loads(row.get(schema.STATUS_HISTORY) or "[]")
    except (TypeError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _mark(row: dict[str, Any], fields: Iterable[str]) -> None:
    row[schema.EDITED_FIELDS] = sorted(set(row[schema.EDITED_FIELDS]) | set(fields))


def _float(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if number != number else number
