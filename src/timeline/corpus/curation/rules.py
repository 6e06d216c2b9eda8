"""The curation rules (`resources/curation.yaml`, read and validated once) and the fields an edit
may set."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Final

import pandas as pd

from timeline import schema
from timeline.datafiles import load_yaml, require

RESOURCE: Final = "curation.yaml"
# The fields an edit may set, with the kind of value each takes.
DATE_FIELDS: Final = (schema.DATE_START, schema.DATE_END)
LIST_FIELDS: Final = (schema.ACTORS, schema.LOCATIONS)
EDITABLE_FIELDS: Final = (schema.DATE_START, schema.DATE_END, schema.GRANULARITY, schema.STATUS,
                          schema.EVENT_TYPE, schema.ACTORS, schema.LOCATIONS, schema.HEADLINE,
                          schema.SALIENCE)
# What a change of membership marks on an event (merge, split, hidden mention, deleted article).
MEMBERSHIP: Final = schema.MENTION_IDS
SPLIT_KEY_PREFIX: Final = "ev-split-"
_SNIPPET_CHARS: Final = 90
# The tables hold nanosecond timestamps: the days they can hold, as ISO text.
FIRST_DAY: Final = (pd.Timestamp.min.date() + dt.timedelta(days=1)).isoformat()
LAST_DAY: Final = pd.Timestamp.max.date().isoformat()


@dataclass(frozen=True)
class CurationRules:
    """resources/curation.yaml, validated."""

    granularities: tuple[str, ...]
    payload_chars: int
    edits_per_replay: int
    headline_chars: int
    list_items: int
    list_item_chars: int
    anchor_mentions: int
    split_mentions: int
    author_chars: int


@functools.cache
def rules() -> CurationRules:
    """The curation rules, read and validated once."""
    data = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    grans = data.get("granularities")
    require(isinstance(grans, list) and grans and all(isinstance(g, str) and g for g in grans),
            RESOURCE, "granularities", "must be a non-empty list of names")
    limits = data.get("limits")
    require(isinstance(limits, dict), RESOURCE, "limits", "must be a mapping")
    names = [f for f in CurationRules.__dataclass_fields__ if f != "granularities"]
    values = {}
    for name in names:
        value = limits.get(name)
        require(isinstance(value, int) and not isinstance(value, bool) and value > 0,
                RESOURCE, f"limits.{name}", "must be a positive whole number")
        values[name] = value
    unknown = sorted(set(limits) - set(names))
    require(not unknown, RESOURCE, "limits", f"unknown limits: {', '.join(map(str, unknown))}")
    return CurationRules(granularities=tuple(grans), **values)
