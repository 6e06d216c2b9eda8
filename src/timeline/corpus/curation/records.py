"""Making edit records: each builder checks the values a user typed and returns one record of the
edits log (schema.EDIT_COLUMNS)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from timeline import schema
from timeline.corpus.curation.mention_index import _MentionIndex
from timeline.corpus.curation.rules import (_SNIPPET_CHARS, DATE_FIELDS, EDITABLE_FIELDS, FIRST_DAY, LAST_DAY,
                                           LIST_FIELDS, CurationRules, rules)
from timeline.errors import InputError
from timeline.extract.event_types import vocabulary


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


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _SNIPPET_CHARS:
        return text
    cut = text[:_SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut + "…"
