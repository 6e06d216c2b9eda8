"""Salience: how much an event matters to the story, from what the corpus says of it.

Attention is counted in articles, each article's word for a day weighted twice over:

- by when it says it: an article published more than `recall_after_days` after the day recalls
  it as background and counts `recall_weight` times (the happenings a story keeps returning to
  are its key events); one published before the day (a plan, a forecast) counts
  `future_weight` times (the day has not happened yet when it is named);
- by what kind of article says it: an article counts (days it names) ** `retrospective_exponent`
  times. A dispatch names its own day and perhaps the day before: its word measures how much
  news there was. A recap that names many days has already chosen, among all the days of the
  story, those worth telling again: its word is a journalist's selection, which is what a key
  event is.

Each event gets the attention of its own articles ("event") and that of every article naming
its day at all ("day": the news of the day), the articles it leads and its outlets. The raw score
is the type's weight (an agreement over a comment) times a weighted sum of log(1 + value);
salience is 1 - exp(-score / scale), so 0..1 and absolute: adding an article changes the salience
of the events whose days it names only. Weights are data (`resources/chronology/salience.yaml`),
and the reason says the counts in words.
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
    future_weight: float
    retrospective_exponent: float
    recap_days: int
    news_window_days: int
    recall_after_days: int
    lead_sentences: int
    planned_factor: float
    type_weights: dict[str, float]

    def type_weight(self, event_type: str) -> float:
        return self.type_weights.get(event_type, self.type_weights.get("other", 1.0))

    def article_weight(self, days_named: int) -> float:
        """How much an article's word counts, from the number of distinct days it names."""
        return float(max(days_named, 1)) ** self.retrospective_exponent

    def timing_weight(self, published: int | None, start: int | None, end: int | None) -> float:
        """How much naming the days start..end in an article published on `published` counts
        (days since 1970): a later recall more, a mention before they come less."""
        if published is None or start is None or end is None:
            return 1.0
        if published - end > self.recall_after_days:
            return self.recall_weight
        if published < start:
            return self.future_weight
        return 1.0


@functools.cache
def rules() -> SalienceRules:
    data: Any = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    feats = data.get("features") or {}
    for name in FEATURES:
        require(isinstance(feats.get(name), (int, float)) and feats[name] >= 0, RESOURCE,
                f"features.{name}", "must be a number >= 0")
    require(set(feats) <= set(FEATURES), RESOURCE, "features", f"unknown: {sorted(set(feats) - set(FEATURES))}")
    for name in ("news_window_days", "recall_after_days", "lead_sentences", "recap_days"):
        require(isinstance(data.get(name), int) and data[name] >= 0, RESOURCE, name, "must be a whole number >= 0")
    for name in ("planned_factor", "recall_weight", "future_weight", "retrospective_exponent", "scale"):
        require(isinstance(data.get(name), (int, float)) and data[name] >= 0, RESOURCE, name, "must be a number >= 0")
    tw = data.get("type_weights") or {}
    require(all(isinstance(v, (int, float)) and v > 0 for v in tw.values()), RESOURCE, "type_weights",
            "must map event types to positive numbers")
    return SalienceRules(weights={k: float(v) for k, v in feats.items()},
                         recall_weight=float(data["recall_weight"]), future_weight=float(data["future_weight"]),
                         retrospective_exponent=float(data["retrospective_exponent"]),
                         recap_days=data["recap_days"], scale=float(data["scale"]) or 1.0,
                         news_window_days=data["news_window_days"], recall_after_days=data["recall_after_days"],
                         lead_sentences=data["lead_sentences"], planned_factor=float(data["planned_factor"]),
                         type_weights={k: float(v) for k, v in tw.items()})


def raw_score(counts: dict[str, float], event_type: str, planned: bool, r: SalienceRules | None = None) -> float:
    """The unnormalised salience of an event from its counts: "attention" and "day_attention"
    (the weighted articles of the event and of its day), "leads", "outlets"."""
    r = r or rules()
    values = {
        "event": counts.get("attention", 0.0),
        "day": counts.get("day_attention", 0.0),
        "leads": counts.get("leads", 0),
        "outlets": counts.get("outlets", 0),
    }
    total = sum(r.weights.get(f, 0.0) * math.log1p(max(values[f], 0.0)) for f in FEATURES)
    return total * r.type_weight(event_type) * (r.planned_factor if planned else 1.0)


def squash(raw: float, r: SalienceRules | None = None) -> float:
    """The salience 0..1 of a raw score: 1 - exp(-raw / scale)."""
    r = r or rules()
    return 1.0 - math.exp(-max(raw, 0.0) / r.scale)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def reason(counts: dict[str, float], r: SalienceRules | None = None) -> str:
    """"reported by 14 articles from 5 outlets; 9 of them on its day or just after; recalled in
    9 later articles; leads 3 articles; its day is named in 30 articles, 6 of them recaps naming
    8 days or more"."""
    r = r or rules()
    parts = [f"reported by {_plural(int(counts.get('articles', 0)), 'article')}"
             + (f" from {_plural(int(counts['outlets']), 'outlet')}" if counts.get("outlets") else "")]
    if counts.get("news_of_day"):
        parts.append(f"{int(counts['news_of_day'])} of them on its day or just after")
    if counts.get("recalls"):
        parts.append(f"recalled in {_plural(int(counts['recalls']), 'later article')}")
    if counts.get("leads"):
        parts.append(f"leads {_plural(int(counts['leads']), 'article')}")
    day_articles = int(counts.get("day_articles", 0))
    recaps = int(counts.get("day_recaps", 0))
    if day_articles > counts.get("articles", 0) or recaps:
        part = f"its day is named in {_plural(day_articles, 'article')}"
        if recaps:
            part += f", {recaps} of them {'a recap' if recaps == 1 else 'recaps'} naming {r.recap_days} days or more"
        parts.append(part)
    return "; ".join(parts)
