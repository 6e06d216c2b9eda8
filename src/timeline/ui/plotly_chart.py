"""A Plotly chart that keeps its place in the browser across reruns.

`st.plotly_chart` (Streamlit 1.67) keys its element by a hash of the figure: a new figure (a
filter changed) is a new element, and the browser tears the old chart down and builds the new
one with Plotly.newPlot. This chart is a custom component (`st.components.v2`) keyed by its
widget key only: the browser keeps one Plotly div and draws each new figure into it with
Plotly.react (plotly_chart.js). A click on a mark comes back as st.plotly_chart's selection, so
the callers' selection code is unchanged.

Plotly's script is the one Streamlit serves for its own chart element (found in Streamlit's
static folder): the browser caches it with Streamlit's other scripts, and a page that also
shows an st.plotly_chart loads Plotly once. Without it (another Streamlit build), the chart is
an st.plotly_chart as before.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

COMPONENT_NAME = "timeline_plotly_chart"
_SCRIPT = Path(__file__).with_name("plotly_chart.js")
# The trigger value plotly_chart.js sends on a click.
_SELECT = "select"


@functools.cache
def plotly_script_address() -> str | None:
    """The address, relative to the page, of the script Streamlit's own Plotly chart element
    loads (content-hashed: 'static/js/PlotlyChart.<hash>.js'); None unless exactly one."""
    from streamlit import file_util

    found = sorted((Path(file_util.get_static_dir()) / "static" / "js").glob("PlotlyChart.*.js"))
    return f"./static/js/{found[0].name}" if len(found) == 1 else None


@functools.cache
def _component() -> Callable[..., Any]:
    # Registered once per process; isolate_styles=False: Plotly's styles (hover labels, the
    # mode bar) live in the page's head and do not reach into a shadow root.
    return st.components.v2.component(COMPONENT_NAME, js=_SCRIPT.read_text(encoding="utf-8"),
                                      isolate_styles=False)


def chart_message(fig: go.Figure, plotly: str, config: dict[str, Any]) -> bytes:
    """What the browser's side reads: {"figure", "plotly", "config"} as compact JSON in UTF-8.
    Sent as bytes: the figure's JSON (st.plotly_chart's, unvalidated: the charts validate
    what they build) goes as Plotly wrote it, where a dict would be parsed and written again,
    with spaces, by the component's JSON encoder."""
    settings = json.dumps({"plotly": plotly, "config": config}, separators=(",", ":"))
    return ('{"figure":' + pio.to_json(fig, validate=False) + "," + settings[1:]).encode()


def selection_of(key: str) -> Any:
    """The last click on the chart of widget key `key`, shaped as st.plotly_chart's selection
    ({"points": [{"customdata": ...}, ...]}): what event_ids_from_selection reads."""
    value = st.session_state.get(key)
    if value is not None and hasattr(value, "get") and value.get(_SELECT) is not None:
        return value.get(_SELECT)
    return value  # None, or st.plotly_chart's own state (the fallback)


def plotly_chart(fig: go.Figure, *, key: str, on_select: Callable[[], None],
                 config: dict[str, Any] | None = None, width: str | int = "stretch") -> None:
    """Draw `fig` under widget key `key`; a click on a mark calls `on_select`, which reads the
    click with `selection_of(key)`."""
    address = plotly_script_address()
    if address is None:  # no Plotly script of Streamlit's to share: Streamlit's own chart
        st.plotly_chart(fig, key=key, on_select=on_select, selection_mode="points",
                        width=width, config=config or {})
        return
    responsive = not fig.layout.width  # else Plotly keeps the width the figure was laid out for
    message = chart_message(fig, address, {**(config or {}), "responsive": responsive})
    _component()(key=key, data=message, width=width, on_select_change=on_select)
