"""timeline: news articles about diplomacy -> an explorable chronology of dated events.

Data flows one way: documents -> temporal expressions -> events -> DataFrame/store -> charts
-> app and CLI. The public names below are imported lazily so that `import timeline` stays
cheap (the tagger does not need pandas; the CLI does not need Streamlit).
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "tag_times": "timeline.temporal.tagger",
    "TimeExpression": "timeline.temporal.types",
    "extract_events": "timeline.extract.events",
    "extract_file": "timeline.extract.events",
    "extract_document": "timeline.extract.events",
    "load_document": "timeline.documents",
    "Document": "timeline.documents",
    "chronology": "timeline.corpus.chronology",
    "update_chronology": "timeline.corpus.chronology",
    "TimelineError": "timeline.errors",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
