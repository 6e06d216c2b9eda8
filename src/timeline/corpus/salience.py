"""Salience: how much an event matters to the story, from what the corpus says of it.

Each event gets counts: the articles that report it and those of them that recall it later,
the articles that name its day at all (the news of the day) and their later recalls, the
articles it leads, its outlets. Attention is those articles with each recall counted several
times (the happenings a story keeps returning to are its key events). The raw score is the
type's weight (an agreement over a comment) times a weighted sum of log(1 + count); salience is
1 - exp(-score / scale), so 0..1 and absolute: adding an article changes the salience of the
events it touches only. Weights are data
(`resources/chronology/salience.yaml`), and the reason says the counts in words.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require

RESOURCE = "chronology/salience.yaml"
FEATURES = ("event", "day", "leads", "outlets")


@dataclass(frozen=True, slots=True)
class SalienceRules:
    weights: dict[str, float]
    scale: float
    recall_weight: float
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
    for name in ("planned_factor", "recall_weight", "scale"):
        require(isinstance(data.get(name), (int, float)) and data[name] >= 0, RESOURCE, name, "must be a number >= 0")
    tw = data.get("type_weights") or {}
    require(all(isinstance(v, (int, float)) and v > 0 for v in tw.values()), RESOURCE, "type_weights",
            "must map event types to positive numbers")
    return SalienceRules(weights={k: float(v) for k, v in feats.items()},
                         recall_weight=float(data["recall_weight"]), scale=float(data["scale"]) or 1.0, news_window_days=data["news_window_days"], recall_after_days=data["recall_after_days"],
                         lead_sentences=data["lead_sentences"], planned_factor=float(data["planned_factor"]),
                         type_weights={k: float(v) for k, v in tw.items()})


def raw_score(counts: dict[str, int], event_type: str, planned: bool, r: SalienceRules | None = None) -> float:
    """The unnormalised salience of an event from its counts (see `reason` for their names)."""
    r = r or rules()
    extra = r.recall_weight - 1.0
    values = {
        "event": counts.get("articles", 0) + extra * counts.get("recalls", 0),
        "day": counts.get("day_articles", 0) + extra * counts.get("day_recalls", 0),
        "leads": counts.get("leads", 0),
        "outlets": counts.get("outlets", 0),
    }
    total = sum(r.weights.get(f, 0.0) * math.log1p(values[f]) for f in FEATURES)
    return total * r.type_weight(event_type) * (r.planned_factor if planned else 1.0)


def squash(raw: float, r: SalienceRules | None = None) -> float:
    """The salience 0..1 of a raw score: 1 - exp(-raw / scale)."""
    r = r or rules()
    return 1.0 - math.exp(-max(raw, 0.0) / r.scale)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def reason(counts: dict[str, int]) -> str:
    """"reported by 14 articles from 5 outlets; 9 of them on its day or just after; recalled in
    9 later articles; leads 3 articles; its day is named in 30 articles"."""
    parts = [f"reported by {_plural(counts.get('articles', 0), 'article')}"
             + (f" from {_plural(counts['outlets'], 'outlet')}" if counts.get("outlets") else "")]
    if counts.get("news_of_day"):
        parts.append(f"{counts['news_of_day']} of them on its day or just after")
    if counts.get("recalls"):
        parts.append(f"recalled in {_plural(counts['recalls'], 'later article')}")
    if counts.get("leads"):
        parts.append(f"leads {_plural(counts['leads'], 'article')}")
    if counts.get("day_articles", 0) > counts.get("articles", 0):
        parts.append(f"its day is named in {_plural(counts['day_articles'], 'article')}")
    return "; ".join(parts)
