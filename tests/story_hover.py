"""What a story chart's hover says for one point, read from the figure as Plotly reads it: the
trace's hovertemplate filled from the point's customdata (or its hovertext). Test scaffolding:
the browser test that hovers a mark checks the real one."""
from __future__ import annotations

import re
from typing import Any

_FIELD = re.compile(r"%\{(customdata\[(\d+)\]|hovertext|text)\}")


def point_key(cell: Any) -> Any:
    """The event key of a point's customdata: the cell itself, or its first item (a row)."""
    if cell is not None and not isinstance(cell, str) and hasattr(cell, "__len__"):
        return cell[0] if len(cell) else None
    return cell


def rendered_hover(trace: Any, i: int) -> str:
    """The hover of point `i` of `trace` (a Plotly trace or its JSON dict), markup kept,
    without the trace-name box (<extra>)."""
    get = trace.get if isinstance(trace, dict) else lambda name: getattr(trace, name, None)
    template = get("hovertemplate")
    hovertext, text, customdata = get("hovertext"), get("text"), get("customdata")

    def item(values: Any) -> Any:
        if values is None or isinstance(values, str):
            return values or ""
        return values[i]

    def fill(match: re.Match) -> str:
        if match.group(2) is not None:
            row = item(customdata)
            value = row[int(match.group(2))] if row is not None and int(match.group(2)) < len(row) else None
        else:
            value = item(hovertext if match.group(1) == "hovertext" else text)
        return "" if value is None else str(value)

    if not template:
        return str(item(hovertext) or item(text))
    return _FIELD.sub(fill, re.sub(r"<extra>.*?</extra>", "", str(template)))
