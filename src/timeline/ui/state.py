"""Widget values that outlive a run which does not draw their widget.

The dashboard draws a tab's content only while the tab is open (app.py): hidden content
costs the server a script run's work and the browser its rendering, every run. Streamlit
drops the value of a widget that a run does not draw, so a title typed in the Export tab
would be gone after a look at the Timeline; writing the value back under its own key before
any widget is drawn makes it the user's value, which Streamlit keeps. (A form sends nothing
until submitted, so a tab holding a form is drawn always: app.py.)
"""
from __future__ import annotations

from collections.abc import Iterable

import streamlit as st


def keep_widget_values(widget_keys: Iterable[str]) -> None:
    """Keep the values of the widgets `widget_keys` (those that hold one) for later runs."""
    state = st.session_state
    for key in widget_keys:
        if key in state:
            state[key] = state[key]
