"""What a reader asks the store for: `MentionQuery` (the dashboard's filters as one SQL
condition with parameters) and the checks on the column names that go into SQL."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from timeline import schema
from timeline.errors import InputError
from timeline.searchfold import SEPARATORS, fold_compatibility

FREQUENCIES = ("day", "week", "month", "quarter", "year")


@dataclass(frozen=True)
class MentionQuery:
    """Which mentions a reader wants. Empty tuples / None / "" mean no restriction.

    The same semantics as the dashboard's filters: facets combine with AND, values inside one
    facet with OR; an event matches a date range when its interval overlaps it; `text` is a
    case-insensitive plain substring of the sentence, the date as written or an actor.

    `search` is the dashboard's search: a needle already folded by the caller (case, accents,
    spelling variants, spaces and dashes: `timeline.present.filters.search_key`), matched
    against the sentence, the date as written and the actors folded the same way in SQL, with
    `variants` ((whole-word pattern, canonical form) pairs, RE2 syntax) replaced first.
    `event_ids` keeps only those mentions; `hidden_ids` and `deleted_docs` leave out mentions a
    user hid and the mentions of articles they deleted (curation). `sample_every` k > 1 keeps
    about one matching mention in k, the same ones on every call (a chart's even sample).
    """

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""
    search: str = ""
    variants: tuple[tuple[str, str], ...] = ()
    event_ids: tuple[str, ...] = ()
    hidden_ids: tuple[str, ...] = ()
    deleted_docs: tuple[str, ...] = ()
    sample_every: int = 1  # keep one mention in k, picked by a hash of its id (stable)

    def __post_init__(self) -> None:
        object.__setattr__(self, "variants", tuple((str(p), str(c)) for p, c in self.variants))
        object.__setattr__(self, "search", str(self.search or ""))
        for name in ("actors", "event_types", "statuses", "doc_ids", "event_ids", "hidden_ids",
                     "deleted_docs"):
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
        if self.search:
            clauses.append(search_sql(self.search, self.variants))
        if self.event_ids:
            clauses.append("list_contains($q_ids, event_id)")
            params["q_ids"] = list(self.event_ids)
        if self.hidden_ids:
            clauses.append("NOT list_contains($q_hidden, event_id)")
            params["q_hidden"] = list(self.hidden_ids)
        if self.deleted_docs:
            clauses.append("NOT list_contains($q_deleted, doc_id)")
            params["q_deleted"] = list(self.deleted_docs)
        if self.sample_every > 1:
            clauses.append("hash(event_id) % $q_every = 0")
            params["q_every"] = int(self.sample_every)
        return " AND ".join(clauses), params

    @property
    def is_empty(self) -> bool:
        """True when every mention matches."""
        return self == MentionQuery()


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# DuckDB has no NFKD: its strip_accents leaves ligatures and full-width letters ("ﬁ", "Ｇｅｎｅｖａ")
# as they are, which the pandas filter folds. The store registers the same Arrow function instead.
FOLD_FUNCTION = "timeline_fold"


def register_search_functions(connection: duckdb.DuckDBPyConnection) -> None:
    """Make `search_sql`'s folding function known to `connection` (vectorised: one Arrow call
    per chunk of rows)."""
    connection.create_function(FOLD_FUNCTION, fold_compatibility, ["VARCHAR"], "VARCHAR",
                               type="arrow")
# The fields a search looks in; actors joined by a newline, which folding removes, as the
# pandas filter joins them.
_SEARCHED = ("sentence", "timex_text", "array_to_string(actors, chr(10))")


def search_sql(needle: str, variants: Sequence[tuple[str, str]]) -> str:
    """A condition: the folded `needle` occurs in the sentence, the date as written or the
    actors, each folded as `timeline.present.filters` folds them: lower case, accents
    stripped, `variants` replaced by their canonical form, spaces and dashes removed.

    Only rows holding a variant word (found by one scan for the variant words, a superset)
    are rewritten; in the others the needle is matched as a pattern that allows spaces and
    dashes between its characters, which is the same test without rewriting the text.
    RE2: linear time, no backtracking. The connection needs `register_search_functions`."""
    # Letters and digits as they are, anything else by its code point (nothing to escape).
    spaced = f"{SEPARATORS}*".join(ch if ch.isalnum() else f"\\x{{{ord(ch):x}}}"
                                    for ch in needle)
    words = sorted({w for p, _ in variants for w in re.findall(r"[^\\()?:|]+", p)
                    if w != "b"}, key=len, reverse=True)
    tests = []
    for field in _SEARCHED:
        text = f"{FOLD_FUNCTION}(lower(coalesce({field}, '')))"
        plain = f"regexp_matches({text}, {_sql_literal(spaced)})"
        if not words:
            tests.append(plain)
            continue
        rewritten = text
        for pattern, canonical in variants:
            rewritten = (f"regexp_replace({rewritten}, {_sql_literal(pattern)}, "
                         f"{_sql_literal(canonical)}, 'g')")
        folded = f"regexp_replace({rewritten}, {_sql_literal(SEPARATORS + '+')}, '', 'g')"
        tests.append(f"(CASE WHEN regexp_matches({text}, {_sql_literal('|'.join(words))}) "
                     f"THEN contains({folded}, {_sql_literal(needle)}) ELSE {plain} END)")
    return "(" + " OR ".join(tests) + ")"


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
