"""Salience: how much an event matters to the story, from what the corpus says of it.

Each event gets counts (articles and outlets that report it, articles published on its day or
just after that report it, articles of those days that name its day at all - the news of the
day -, later articles that recall it, articles it leads) and a weight for its kind (an
agreement over a comment). The raw score is the type's weight times a weighted sum of
log(1 + count); salience is that score over the corpus's highest, so 0..1. Weights are data
(`resources/chronology/salience.yaml`), and the reason says the counts in words.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require

RESOURCE = "chronology/salience.yaml"
FEATURES = ("articles", "outlets", "news_of_day", "day_news", "recalls", "leads")


@dataclass(frozen=True, slots=True)
class SalienceRules:
    weights: dict[str, float]
    news_window_days: int
    recall_after_days: int
    lead_sentences: int
    planned_factor: float
    type_weights: dict[str, float]

    def type_weight(self, event_type: str) -> float:
        return self.type_weights.get(event_type, self.type_weights.get("other", 1.0))


@functools.cache
def rules() -> SalienceRules:
    data: Any = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    feats = data.get("features") or {}
    for name in FEATURES:
        require(isinstance(feats.get(name), (int, float)) and feats[name] >= 0, RESOURCE,
                f"features.{name}", "must be a number >= 0")
    require(set(feats) <= set(FEATURES), RESOURCE, "features", f"unknown: {sorted(set(feats) - set(FEATURES))}")
    for name in ("news_window_days", "recall_after_days", "lead_sentences"):
        require(isinstance(data.get(name), int) and data[name] >= 0, RESOURCE, name, "must be a whole number >= 0")
    require(isinstance(data.get("planned_factor"), (int, float)), RESOURCE, "planned_factor", "must be a number")
    tw = data.get("type_weights") or {}
    require(all(isinstance(v, (int, float)) and v > 0 for v in tw.values()), RESOURCE, "type_weights",
            "must map event types to positive numbers")
    return SalienceRules(weights={k: float(v) for k, v in feats.items()},
                         news_window_days=data["news_window_days"], recall_after_days=data["recall_after_days"],
                         lead_sentences=data["lead_sentences"], planned_factor=float(data["planned_factor"]),
                         type_weights={k: float(v) for k, v in tw.items()})


def raw_score(counts: dict[str, int], event_type: str, planned: bool, r: SalienceRules | None = None) -> float:
    r = r or rules()
    total = sum(r.weights[f] * math.log1p(counts.get(f, 0)) for f in FEATURES)
    return total * r.type_weight(event_type) * (r.planned_factor if planned else 1.0)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def reason(counts: dict[str, int]) -> str:
    """"reported by 14 articles from 5 outlets; 9 of them on its day or just after; recalled in
    9 later articles; leads 3 articles"."""
    parts = [f"reported by {_plural(counts.get('articles', 0), 'article')}"
             + (f" from {_plural(counts['outlets'], 'outlet')}" if counts.get("outlets") else "")]
    if counts.get("news_of_day"):
        parts.append(f"{counts['news_of_day']} of them on its day or just after")
    if counts.get("recalls"):
        parts.append(f"recalled in {_plural(counts['recalls'], 'later article')}")
    if counts.get("leads"):
        parts.append(f"leads {_plural(counts['leads'], 'article')}")
    if counts.get("day_news"):
        parts.append(f"its day is named by {_plural(counts['day_news'], 'article')} of that day")
    return "; ".join(parts)
