"""The one schema of each table, used everywhere: extraction, store, chronology, exports
and charts. Column names are constants here; every read and write goes through `validate*`
and `empty_*`.

- mentions (`EVENT_COLUMNS`, also `MENTION_COLUMNS`): one row per dated event mention in one
  article, as `extract_events` returns them (their id column is `event_id`, kept for the files
  users already have);
- chronology (`CHRONOLOGY_COLUMNS`): one row per real-world event, merged from the mentions of
  any number of articles;
- documents (`DOCUMENT_COLUMNS`): one row per stored article;
- edits (`EDIT_COLUMNS`): the curation log, one row per correction a user made.
"""
from __future__ import annotations

import datetime as dt
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
CONTEXT_RULE: Final = "context_rule"  # readable: "actors from paragraph 2 (the talks); place from the
                                      #   dateline"; empty when all came from the sentence

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
    CONTEXT_RULE: "string",
}
LIST_COLUMNS: Final = (ACTORS, LOCATIONS)
MENTION_COLUMNS: Final = EVENT_COLUMNS  # the mentions table is the events table of one article

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


# Chronology: one row per real-world event -----------------------------------------------------
EVENT_KEY: Final = "event_key"            # stable: the same corpus gives the same keys
HEADLINE: Final = "headline"              # "UN suspends Geneva talks", from the sentences' words
MENTION_IDS: Final = "mention_ids"        # list[str]: event_id of every mention merged into it
DOC_IDS: Final = "doc_ids"                # list[str]: the articles that report it
N_MENTIONS: Final = "n_mentions"
N_ARTICLES: Final = "n_articles"
SOURCES: Final = "sources"                # list[str]: the outlets
FIRST_REPORTED: Final = "first_reported"  # publication day of the first article that reports it
LAST_REPORTED: Final = "last_reported"
STATUS_HISTORY: Final = "status_history"  # JSON list: [{status, date_start, date_end, doc_id,
                                          #   published, event_id}], in order of publication
SALIENCE: Final = "salience"              # 0..1: how much it matters to the story
SALIENCE_REASON: Final = "salience_reason"  # "reported by 14 articles from 5 outlets; ..."
REPRESENTATIVE_ID: Final = "representative_id"  # event_id of the mention shown as its evidence
EDITED_FIELDS: Final = "edited_fields"    # list[str]: the fields a user changed (corpus/curation/);
                                          #   empty for the machine's chronology

# What the chronology says of an event: the mentions' two statuses, and what a later article
# can report of a plan.
CHRONOLOGY_STATUSES: Final = ("occurred", "planned", "postponed", "cancelled")

CHRONOLOGY_COLUMNS: Final[dict[str, str]] = {
    EVENT_KEY: "string",
    DATE_START: "datetime64[ns]",
    DATE_END: "datetime64[ns]",
    GRANULARITY: "string",
    EVENT_TYPE: "string",
    STATUS: "string",
    HEADLINE: "string",
    ACTORS: "object",
    LOCATIONS: "object",
    MENTION_IDS: "object",
    DOC_IDS: "object",
    N_MENTIONS: "Int64",
    N_ARTICLES: "Int64",
    SOURCES: "object",
    FIRST_REPORTED: "datetime64[ns]",
    LAST_REPORTED: "datetime64[ns]",
    STATUS_HISTORY: "string",
    SALIENCE: "float64",
    SALIENCE_REASON: "string",
    REPRESENTATIVE_ID: "string",
    EDITED_FIELDS: "object",
}
CHRONOLOGY_LIST_COLUMNS: Final = (ACTORS, LOCATIONS, MENTION_IDS, DOC_IDS, SOURCES, EDITED_FIELDS)

# Edits: the curation log ------------------------------------------------------------------------
EDIT_ID: Final = "edit_id"
EDITED_AT: Final = "edited_at"            # when the user made it (UTC)
ACTION: Final = "action"                  # edit | merge | split | hide_mention | delete_article | undo
TARGET: Final = "target"                  # the event_key, event_id or doc_id it applies to
PAYLOAD: Final = "payload"                # JSON object: the fields and values it sets
AUTHOR: Final = "author"

EDIT_ACTIONS: Final = ("edit", "merge", "split", "hide_mention", "delete_article", "undo")

EDIT_COLUMNS: Final[dict[str, str]] = {
    EDIT_ID: "string",
    EDITED_AT: "datetime64[ns]",
    ACTION: "string",
    TARGET: "string",
    PAYLOAD: "string",
    AUTHOR: "string",
}


def empty_events() -> pd.DataFrame:
    """An events table with no rows and the right columns and dtypes."""
    return _coerce(pd.DataFrame({c: [] for c in EVENT_COLUMNS}), EVENT_COLUMNS)


def empty_documents() -> pd.DataFrame:
    return _coerce(pd.DataFrame({c: [] for c in DOCUMENT_COLUMNS}), DOCUMENT_COLUMNS)


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """The events table `df` with exactly the schema's columns, in order, with their dtypes.

    Raises InputError naming the missing columns (a table without `context_rule`, from before
    it existed, gets it empty). List columns accept lists, tuples, numpy
    arrays (from Parquet) or "a; b" strings (from CSV) and always come back as lists of str.
    A table that already conforms is returned as it is (the dashboard re-validates on every
    rerun): treat the result as read-only.
    """
    if _conforms(df, EVENT_COLUMNS):
        return df
    if CONTEXT_RULE not in df.columns and len(df.columns):
        # A table made before the column existed (an export, an older store): nothing was
        # taken from the article's discourse then.
        df = df.assign(**{CONTEXT_RULE: ""})
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


def empty_chronology() -> pd.DataFrame:
    """A chronology table with no rows and the right columns and dtypes."""
    return _coerce(pd.DataFrame({c: [] for c in CHRONOLOGY_COLUMNS}), CHRONOLOGY_COLUMNS,
                   CHRONOLOGY_LIST_COLUMNS)


def validate_chronology(df: pd.DataFrame) -> pd.DataFrame:
    """The chronology table `df` with exactly the schema's columns, in order, with their dtypes
    (list columns as lists of str); InputError naming the missing columns. A table without
    `edited_fields` (the machine's chronology, made before any curation) gets it, empty."""
    if EDITED_FIELDS not in df.columns:
        df = df.assign(**{EDITED_FIELDS: [[] for _ in range(len(df))]})
    return _coerce(df, CHRONOLOGY_COLUMNS, CHRONOLOGY_LIST_COLUMNS)


def empty_edits() -> pd.DataFrame:
    return _coerce(pd.DataFrame({c: [] for c in EDIT_COLUMNS}), EDIT_COLUMNS, ())


def validate_edits(df: pd.DataFrame) -> pd.DataFrame:
    return _coerce(df, EDIT_COLUMNS, ())


def _coerce(df: pd.DataFrame, columns: dict[str, str],
            list_columns: tuple[str, ...] = LIST_COLUMNS) -> pd.DataFrame:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"the table lacks the columns: {', '.join(missing)}")
    out = df.loc[:, list(columns)].copy()
    for col, dtype in columns.items():
        if col in list_columns:
            out[col] = pd.Series([as_str_list(v) for v in out[col]], index=out.index, dtype=object)
        elif dtype.startswith("datetime64"):
            out[col] = pd.to_datetime(out[col]).astype(dtype)
        elif dtype == "bool":
            out[col] = out[col].fillna(False).astype(bool)
        else:
            out[col] = out[col].astype(dtype)
    return out.reset_index(drop=True)


def as_day(value: dt.date | dt.datetime) -> dt.date:
    """A row's date cell as a calendar day: rows built by the extractor hold dates, rows read
    back from a table may hold datetimes (midnight of that day)."""
    return value.date() if isinstance(value, dt.datetime) else value


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
