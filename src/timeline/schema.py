"""The one schema of the events table (and of the documents table), used everywhere:
extraction, store, exports and charts. Column names are constants here; every read and
write goes through `validate`/`empty_events`.
"""
from __future__ import annotations

from typing import Final

import pandas as pd

from timeline.errors import InputError

# Events ---------------------------------------------------------------------------------------
DOC_ID: Final = "doc_id"
EVENT_ID: Final = "event_id"          # stable across runs: derived from doc_id, offsets and date
DATE_START: Final = "date_start"      # inclusive, midnight timestamps
DATE_END: Final = "date_end"          # inclusive
GRANULARITY: Final = "granularity"    # day, week, month, season, quarter, year, decade, fuzzy
TIMEX_TEXT: Final = "timex_text"      # the time expression as written
TIMEX_VALUE: Final = "timex_value"    # its TIMEX3 value
TIMEX_START: Final = "timex_start"    # offsets of the time expression in the document text
TIMEX_END: Final = "timex_end"
DATE_RULE: Final = "date_rule"        # readable: "Wednesday -> publication day 2016-02-03"
DATE_INHERITED: Final = "date_inherited"  # the sentence continues a dated one and took its date
EVENT_TYPE: Final = "event_type"      # from resources/event_types.yaml
STATUS: Final = "status"              # occurred | planned
ACTORS: Final = "actors"              # list[str], canonical names
LOCATIONS: Final = "locations"        # list[str], canonical place names
SENTENCE: Final = "sentence"
CHAR_START: Final = "char_start"      # offsets of the sentence in the document text
CHAR_END: Final = "char_end"
CONFIDENCE: Final = "confidence"      # 0..1

STATUSES: Final = ("occurred", "planned")

EVENT_COLUMNS: Final[dict[str, str]] = {
    DOC_ID: "string",
    EVENT_ID: "string",
    DATE_START: "datetime64[ns]",
    DATE_END: "datetime64[ns]",
    GRANULARITY: "string",
    TIMEX_TEXT: "string",
    TIMEX_VALUE: "string",
    TIMEX_START: "Int64",
    TIMEX_END: "Int64",
    DATE_RULE: "string",
    DATE_INHERITED: "bool",
    EVENT_TYPE: "string",
    STATUS: "string",
    ACTORS: "object",
    LOCATIONS: "object",
    SENTENCE: "string",
    CHAR_START: "Int64",
    CHAR_END: "Int64",
    CONFIDENCE: "float64",
}
LIST_COLUMNS: Final = (ACTORS, LOCATIONS)

# Documents ------------------------------------------------------------------------------------
TITLE: Final = "title"
SOURCE: Final = "source"
PUBLISHED: Final = "published"
PATH: Final = "path"
TEXT: Final = "text"
CONTENT_HASH: Final = "content_hash"  # the same article uploaded twice has the same hash

DOCUMENT_COLUMNS: Final[dict[str, str]] = {
    DOC_ID: "string",
    TITLE: "string",
    SOURCE: "string",
    PUBLISHED: "datetime64[ns]",
    PATH: "string",
    TEXT: "string",
    CONTENT_HASH: "string",
}


def empty_events() -> pd.DataFrame:
    """An events table with no rows and the right columns and dtypes."""
    return _coerce(pd.DataFrame({c: [] for c in EVENT_COLUMNS}), EVENT_COLUMNS)


def empty_documents() -> pd.DataFrame:
    return _coerce(pd.DataFrame({c: [] for c in DOCUMENT_COLUMNS}), DOCUMENT_COLUMNS)


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """The events table `df` with exactly the schema's columns, in order, with their dtypes.

    Raises InputError naming the missing columns. List columns accept lists, tuples, numpy
    arrays (from Parquet) or "a; b" strings (from CSV) and always come back as lists of str.
    A table that already conforms is returned as it is (the dashboard re-validates on every
    rerun): treat the result as read-only.
    """
    if _conforms(df, EVENT_COLUMNS):
        return df
    return _coerce(df, EVENT_COLUMNS)


def _conforms(df: pd.DataFrame, columns: dict[str, str]) -> bool:
    return (
        list(df.columns) == list(columns)
        and all(str(df[c].dtype) == t for c, t in columns.items())
        and isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1
        and all(type(v) is list for c in LIST_COLUMNS if c in columns for v in df[c])
    )


def validate_documents(df: pd.DataFrame) -> pd.DataFrame:
    return _coerce(df, DOCUMENT_COLUMNS)


def _coerce(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"the table lacks the columns: {', '.join(missing)}")
    out = df.loc[:, list(columns)].copy()
    for col, dtype in columns.items():
        if col in LIST_COLUMNS:
            out[col] = pd.Series([as_str_list(v) for v in out[col]], index=out.index, dtype=object)
        elif dtype.startswith("datetime64"):
            out[col] = pd.to_datetime(out[col]).astype(dtype)
        elif dtype == "bool":
            out[col] = out[col].fillna(False).astype(bool)
        else:
            out[col] = out[col].astype(dtype)
    return out.reset_index(drop=True)


def as_str_list(value: object) -> list[str]:
    """A list-column cell as a list of str, whatever form storage gave it."""
    if type(value) is list:  # the common case: skip pd.isna, which is slow on lists
        return [v if type(v) is str else str(v) for v in value]
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(";") if p.strip()]
    try:
        if pd.isna(value):  # type: ignore[arg-type]
            return []
    except (TypeError, ValueError):
        pass
    return [str(v) for v in list(value)]  # type: ignore[call-overload]


def list_cells(column: pd.Series) -> list[list[str]]:
    """The cells of a list column (actors, locations) as lists of str."""
    return [as_str_list(v) for v in column]
