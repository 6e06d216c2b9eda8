"""Salience: how much an event matters to the story, from what the corpus says of it.

Attention is counted in articles, each article's word for a day weighted by how it says it:

- a recall (an article published more than `recall_after_days` after the day, naming it as
  background) counts `recall_weight` times: the happenings a story keeps returning to are its
  key events;
- an entry of a chronology counts `entry_weight` times: a sentence that opens with its date
  ("March 17 - The Security Council votes ...") in an article with at least
  `chronology_entries` such sentences about different days. A newsroom's own timeline, a
  factbox, a "what happened so far" has already chosen the days worth telling again, which is
  what a key event is. Times of day ("March 21, 2011 at 2:20 pm | Reply") are not entries:
  they stamp readers' comments.

Each event gets the attention of its own articles ("event") and that of every article naming its
day at all ("day": the news of the day), the articles it leads and its outlets. The raw score is
the weight of its kind (`type_weights`: all the same for now, see the data file; and
`planned_factor` for a plan) times a weighted sum of log(1 + value); salience is
1 - exp(-score / scale), so 0..1 and absolute: an
article's word depends on that article alone, so adding an article changes the salience of the
events whose days it names only. Weights are data (`resources/chronology/salience.yaml`), and the
reason says the counts in words.
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
    recall_after_days: int
    entry_weight: float
    entry_offset: int
    chronology_entries: int
    news_window_days: int
    lead_sentences: int
    planned_factor: float
    type_weights: dict[str, float]

    def type_weight(self, event_type: str) -> float:
        return self.type_weights.get(event_type, self.type_weights.get("other", 1.0))

    def word(self, published: int | None, end: int | None, entry: bool) -> float:
        """How much an article published on `published` naming a happening that ended on `end`
        (days since 1970) counts: a later recall and a chronology's entry more."""
        recall = published is not None and end is not None and published - end > self.recall_after_days
        return (self.recall_weight if recall else 1.0) * (self.entry_weight if entry else 1.0)


@functools.cache
def rules() -> SalienceRules:
    data: Any = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    feats = data.get("features") or {}
    for name in FEATURES:
        require(isinstance(feats.get(name), (int, float)) and feats[name] >= 0, RESOURCE,
                f"features.{name}", "must be a number >= 0")
    require(set(feats) <= set(FEATURES), RESOURCE, "features", f"unknown: {sorted(set(feats) - set(FEATURES))}")
    for name in ("news_window_days", "recall_after_days", "lead_sentences", "entry_offset", "chronology_entries"):
        require(isinstance(data.get(name), int) and data[name] >= 0, RESOURCE, name, "must be a whole number >= 0")
    for name in ("planned_factor", "recall_weight", "entry_weight", "scale"):
        require(isinstance(data.get(name), (int, float)) and data[name] >= 0, RESOURCE, name, "must be a number >= 0")
    tw = data.get("type_weights") or {}
    require(all(isinstance(v, (int, float)) and v > 0 for v in tw.values()), RESOURCE, "type_weights",
            "must map event types to positive numbers")
    return SalienceRules(weights={k: float(v) for k, v in feats.items()}, scale=float(data["scale"]) or 1.0,
                         recall_weight=float(data["recall_weight"]), recall_after_days=data["recall_after_days"],
                         entry_weight=float(data["entry_weight"]), entry_offset=data["entry_offset"],
                         chronology_entries=data["chronology_entries"], news_window_days=data["news_window_days"],
                         lead_sentences=data["lead_sentences"], planned_factor=float(data["planned_factor"]),
                         type_weights={k: float(v) for k, v in tw.items()})


def raw_score(counts: dict[str, float], event_type: str, planned: bool, r: SalienceRules | None = None) -> float:
    """The unnormalised salience of an event from its counts: "attention" and "day_attention"
    (the weighted word of the event's articles and of every article naming its day), "leads",
    "outlets"."""
    r = r or rules()
    get, weight = counts.get, r.weights.get
    values = (get("attention", 0.0), get("day_attention", 0.0), get("leads", 0), get("outlets", 0))  # FEATURES
    total = sum([weight(f, 0.0) * math.log1p(max(v, 0.0)) for f, v in zip(FEATURES, values)])
    return total * r.type_weight(event_type) * (r.planned_factor if planned else 1.0)


def squash(raw: float, r: SalienceRules | None = None) -> float:
    """The salience 0..1 of a raw score: 1 - exp(-raw / scale)."""
    r = r or rules()
    return 1.0 - math.exp(-max(raw, 0.0) / r.scale)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def reason(counts: dict[str, float]) -> str:
    """"reported by 14 articles from 5 outlets; 9 of them on its day or just after; recalled in
    9 later articles; leads 3 articles; its day is named in 30 articles, 12 of them later;
    listed in 2 chronologies"."""
    return _reason(*(counts.get(k, 0) for k in _REASON_COUNTS))


# what `reason` reads; many events have the same counts, so each set of them is written once
_REASON_COUNTS = ("articles", "outlets", "news_of_day", "recalls", "leads", "day_articles", "day_recalls",
                  "day_chronologies")


@functools.lru_cache(maxsize=10_000)
def _reason(articles: float, outlets: float, news_of_day: float, recalls: float, leads: float,
            day_articles: float, day_recalls: float, day_chronologies: float) -> str:
    parts = [f"reported by {_plural(int(articles), 'article')}"
             + (f" from {_plural(int(outlets), 'outlet')}" if outlets else "")]
    if news_of_day:
        parts.append(f"{int(news_of_day)} of them on its day or just after")
    if recalls:
        parts.append(f"recalled in {_plural(int(recalls), 'later article')}")
    if leads:
        parts.append(f"leads {_plural(int(leads), 'article')}")
    if day_articles > articles:
        part = f"its day is named in {_plural(int(day_articles), 'article')}"
        if day_recalls > recalls:
            part += f", {int(day_recalls)} of them later"
        parts.append(part)
    if day_chronologies:
        parts.append(f"listed in {_plural(int(day_chronologies), 'chronology', 'chronologies')}")
    return "; ".join(parts)
