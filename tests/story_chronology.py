"""A chronology built by hand from a store's mentions, for the story view's app and browser
tests until the store provides its own (`Corpus.chronology`): one event per (day, type) of the
mentions; the most reported are the most salient; the first event's headline holds markup, to
show that it is escaped. Test scaffolding, not the chronology function.
"""
from __future__ import annotations

import json

import pandas as pd

from timeline import schema

HOSTILE = "<img src=x onerror=alert(1)> talks"


def hand_made_chronology(events: pd.DataFrame) -> pd.DataFrame:
    """One event per (day, type) of the mentions; the most reported are the most salient."""
    rows = []
    dated = events[events[schema.DATE_START].notna()]
    groups = dated.groupby([schema.DATE_START, schema.EVENT_TYPE], sort=True)
    for i, ((day, kind), group) in enumerate(groups):
        first = group.iloc[0]
        docs = list(dict.fromkeys(group[schema.DOC_ID]))
        history = [{"status": s, "date_start": str(day.date()), "date_end": str(day.date()),
                    "doc_id": d, "published": None, "event_id": e}
                   for s, d, e in zip(group[schema.STATUS], group[schema.DOC_ID], group[schema.EVENT_ID])]
        rows.append({
            "event_key": f"ev{i:03d}", "date_start": day, "date_end": first[schema.DATE_END],
            "granularity": first[schema.GRANULARITY], "event_type": kind,
            "status": first[schema.STATUS],
            "headline": HOSTILE if i == 0 else f"{kind} on {day:%d %B}",
            "actors": sorted({a for v in group[schema.ACTORS] for a in v}),
            "locations": sorted({p for v in group[schema.LOCATIONS] for p in v}),
            "mention_ids": list(group[schema.EVENT_ID]), "doc_ids": docs,
            "n_mentions": len(group), "n_articles": len(docs), "sources": [],
            "first_reported": None, "last_reported": None, "status_history": json.dumps(history),
            "salience": min(1.0, 0.2 + 0.2 * len(group)),
            "salience_reason": f"reported {len(group)} times",
            "representative_id": first[schema.EVENT_ID],
        })
    return schema.validate_chronology(pd.DataFrame(rows))
