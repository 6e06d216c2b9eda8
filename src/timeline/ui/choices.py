"""A segmented control whose choice is never lost.

Streamlit can report a required segmented control as None on a rerun that another tab's widget
triggered (seen in Chromium: a click on a row of the Chronology table while the Timeline tab's
"Show" control is hidden). Read as "no choice", that silently reset the view to its default and
dropped it from the shared link. The last real choice is kept beside the widget and put back.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import streamlit as st


def kept_key(key: str) -> str:
    """The session key holding the widget's last real choice."""
    return f"{key}__kept"


def segmented_choice(container: Any, label: str, options: Sequence[str], *, key: str,
                     initial: str, format_func: Callable[[str], Any] = str, **kwargs: Any) -> str:
    """`container.segmented_control(label, options, key=key, required=True)`, but always one of
    `options`: the widget's value, else its last real choice, else `initial`."""
    state = st.session_state
    kept = state.get(kept_key(key))
    if kept not in options:
        kept = initial if initial in options else options[0]
    if state.get(key) not in options:
        state[key] = kept  # before the widget exists in this run: allowed, and sent to the browser
    value = container.segmented_control(label, list(options), format_func=format_func, key=key,
                                        required=True, **kwargs)
    chosen = value if value in options else kept
    state[kept_key(key)] = chosen
    return chosen
