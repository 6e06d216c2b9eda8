"""Exports of the events table. Article text is untrusted: CSV cells are neutralised so that a
spreadsheet never runs them as formulas (OWASP "CSV injection")."""
from __future__ import annotations

from typing import IO

import pandas as pd

from timeline import schema

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice, Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """`value` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame, path_or_buf: str | IO[str] | None = None) -> str | None:
    """Write `df` as CSV with list columns joined by "; " and formulas neutralised.

    Returns the CSV text when `path_or_buf` is None (like DataFrame.to_csv).
    """
    out = df.copy()
    for col in schema.LIST_COLUMNS:
        if col in out.columns:
            out[col] = [("; ".join(schema.as_str_list(v))) for v in out[col]]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_cell)
    return out.to_csv(path_or_buf, index=False)
