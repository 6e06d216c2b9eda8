"""Fast access to events tables for the presentation layer (filters, charts, exports).

`schema.validate` copies the table and rebuilds every list cell; the dashboard calls the chart
builders on every rerun with tables that are already valid, so these helpers skip that work
when it is not needed and fall back to `schema.validate` when it is.
"""
from __future__ import annotations

import pandas as pd

from timeline import schema


def validated(events: pd.DataFrame) -> pd.DataFrame:
    """`events` as `schema.validate` returns it; the same object when it already conforms
    (columns in order, dtypes, list cells that are lists). Do not modify the result in place."""
    if (
        list(events.columns) == list(schema.EVENT_COLUMNS)
        and all(str(events[c].dtype) == t for c, t in schema.EVENT_COLUMNS.items())
        and isinstance(events.index, pd.RangeIndex) and events.index.start == 0 and events.index.step == 1
        and all(_all_lists(events[c]) for c in schema.LIST_COLUMNS)
    ):
        return events
    return schema.validate(events)


def list_cells(column: pd.Series) -> list[list[str]]:
    """The cells of a list column (actors, locations) as lists of str, without re-parsing
    cells that already are lists."""
    return [v if type(v) is list else schema.as_str_list(v) for v in column]


def names(cell: object) -> list[str]:
    """One list-column cell as a list of str (fast when it already is a list)."""
    return cell if type(cell) is list else schema.as_str_list(cell)  # type: ignore[return-value]


def _all_lists(column: pd.Series) -> bool:
    return all(type(v) is list for v in column)
