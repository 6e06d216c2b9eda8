"""Replaying the edits log over a chronology (and over a mentions table): the replay's state and
its actions."""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from timeline import schema
from timeline.corpus import headlines
from timeline.corpus.curation.log import Curation, SkippedEdit, _effective_records, _Record, _Stale
from timeline.corpus.curation.mention_index import _MentionIndex, _payload_spans
from timeline.corpus.curation.records import _iso, _snippet, clean_changes
from timeline.corpus.curation.rules import DATE_FIELDS, LIST_FIELDS, MEMBERSHIP, SPLIT_KEY_PREFIX, rules
from timeline.errors import InputError


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
