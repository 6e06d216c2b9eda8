"""Finding an edit's mentions again: by id, or by their article and sentence offsets after
re-extraction changed their ids."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from timeline import schema


def _int(value: Any) -> int | None:
    try:
        return None if pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return None


def _payload_spans(payload: Mapping[str, Any]) -> list[Any]:
    spans = payload.get("spans")
    return spans if isinstance(spans, list) else []


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
