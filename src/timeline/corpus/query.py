"""What a reader asks the store for: `MentionQuery` (the dashboard's filters as one SQL
condition with parameters) and the checks on the column names that go into SQL."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from timeline import schema
from timeline.errors import InputError

FREQUENCIES = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True)
class MentionQuery:
    """Which mentions a reader wants. Empty tuples / None / "" mean no restriction.

    The same semantics as the dashboard's filters: facets combine with AND, values inside one
    facet with OR; an event matches a date range when its interval overlaps it; `text` is a
    case-insensitive plain substring of the sentence, the date as written or an actor.
    """

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""

    def __post_init__(self) -> None:
        for name in ("actors", "event_types", "statuses", "doc_ids"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str)
                               else tuple(str(v) for v in value))
        object.__setattr__(self, "text", (self.text or "").strip())

    def sql(self) -> tuple[str, dict[str, Any]]:
        """A WHERE condition over the mention columns, and its parameters."""
        clauses, params = ["TRUE"], {}
        if self.actors:
            clauses.append("list_has_any(actors, $q_actors)")
            params["q_actors"] = list(self.actors)
        for column, values in ((schema.EVENT_TYPE, self.event_types),
                               (schema.STATUS, self.statuses), (schema.DOC_ID, self.doc_ids)):
            if values:
                clauses.append(f"list_contains($q_{column}, {column})")
                params[f"q_{column}"] = list(values)
        if self.date_from is not None:
            clauses.append("date_end >= $q_from")
            params["q_from"] = pd.Timestamp(self.date_from).to_pydatetime()
        if self.date_to is not None:
            clauses.append("date_start <= $q_to")
            params["q_to"] = pd.Timestamp(self.date_to).to_pydatetime()
        if self.text:
            clauses.append("(contains(lower(coalesce(sentence, '')), $q_text) "
                           "OR contains(lower(coalesce(timex_text, '')), $q_text) "
                           "OR len(list_filter(actors, lambda a: contains(lower(a), $q_text))) > 0)")
            params["q_text"] = self.text.lower()
        return " AND ".join(clauses), params


def checked_columns(columns: Sequence[str] | None, allowed: tuple[str, ...]) -> list[str]:
    if columns is None:
        return list(allowed)
    unknown = [c for c in columns if c not in allowed]
    if unknown:
        raise InputError(f"no such columns: {', '.join(map(str, unknown))[:200]}")
    return list(columns)


def sql_type(dtype: str) -> str:
    return {"string": "VARCHAR", "datetime64[ns]": "TIMESTAMP_NS", "Int64": "BIGINT",
            "bool": "BOOLEAN", "float64": "DOUBLE", "object": "VARCHAR[]"}[dtype]
