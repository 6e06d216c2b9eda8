"""Synthetic events tables of any size, for tests of large-corpus behaviour and for the
benchmarks in bench/ (which import this module). Random but seeded: the same call gives the
same table. Invented names; nothing here is real data."""
from __future__ import annotations

import numpy as np
import pandas as pd

from timeline import schema

STATES = [f"State {c}" for c in "ABCDEFGHIJKLMNOP"]
ORGANISATIONS = ["Union of Nations", "Regional Council", "Relief Agency", "Monitoring Mission"]
# People speak for a state: their rows list the state too, as extraction does.
PEOPLE = {f"Minister {c}": f"State {c}" for c in "ABCDEFGH"}
TYPES = ["meeting", "talks", "statement", "agreement", "ceasefire", "attack", "military",
         "suspension", "resumption", "humanitarian"]
GRANULARITIES = np.array(["day", "week", "month", "fuzzy", "year"])
GRANULARITY_P = [0.6, 0.1, 0.15, 0.1, 0.05]


def synthetic_events(n: int, seed: int = 0, years: int = 3) -> pd.DataFrame:
    """`n` schema-valid events over `years` years, 1 to 3 actors each, 10 per article."""
    rng = np.random.default_rng(seed)
    first = np.datetime64("2014-01-01")
    start = first + rng.integers(0, 365 * years, n).astype("timedelta64[D]")
    granularity = rng.choice(GRANULARITIES, n, p=GRANULARITY_P)
    length = np.select(
        [granularity == "week", granularity == "month", granularity == "fuzzy", granularity == "year"],
        [6, 29, rng.integers(3, 60, n), 364], 0,
    ).astype("timedelta64[D]")
    pool = STATES + ORGANISATIONS + list(PEOPLE)
    weights = np.linspace(3, 1, len(pool))
    weights /= weights.sum()
    picks = rng.choice(len(pool), (n, 3), p=weights)
    counts = rng.integers(1, 4, n)
    actors = []
    for row, k in zip(picks, counts):
        names = list(dict.fromkeys(pool[i] for i in row[:k]))
        names += [PEOPLE[a] for a in names if a in PEOPLE and PEOPLE[a] not in names]
        actors.append(names)
    types = rng.choice(TYPES, n)
    table = pd.DataFrame({
        "doc_id": [f"doc-{i // 10:05d}" for i in range(n)],
        "event_id": [f"ev-{i:06d}" for i in range(n)],
        "date_start": start,
        "date_end": start + length,
        "granularity": granularity,
        "timex_text": [f"on day {i}" for i in range(n)],
        "timex_value": None,
        "timex_start": 0,
        "timex_end": 10,
        "date_rule": "synthetic",
        "date_inherited": False,
        "event_type": types,
        "status": rng.choice(["occurred", "planned"], n, p=[0.8, 0.2]),
        "actors": actors,
        "locations": [[] for _ in range(n)],
        "sentence": [f"Officials reported a {t} involving {', '.join(a)}." for t, a in zip(types, actors)],
        "char_start": 0,
        "char_end": 40,
        "confidence": rng.random(n).round(3),
        "context_rule": "",
    })
    return schema.validate(table)
