"""Temporal tagging: finding time expressions in text and resolving them (TimeML TIMEX3)."""
