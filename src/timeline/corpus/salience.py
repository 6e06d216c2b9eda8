"""Salience: how much an event matters to the story, from what the corpus says of it.

Attention is counted in articles, each article's word for a day weighted by how it says it:

- a recall (an article published more than `recall_after_days` after the day, naming it as
  background) counts `recall_weight` times: the happenings a story keeps returning to are its
  key events;
- a recent day (the corpus's last article published on it or at most `recall_after_days` after
  it) named by at least `recent_min_articles` articles could not have been recalled yet: its
  reports count as recalls would (a day one article names is not yet shown to be news: the
  saying quoted in the latest article of three does not outrank the meeting two reported). Otherwise a story's
  latest happenings rank below older ones only because nobody has looked back on them yet (the
  fall of a capital in the collection's last week loses to a skirmish of its first, recalled
  since). This depends on the corpus's last publication day: an update that moves it rescores
  the days that stop or start being recent (chronology.update_chronology_rows);
- an entry of a chronology counts `entry_weight` times: a sentence that opens with its date
  ("March 17 - The Security Council votes ...") in an article with at least
  `chronology_entries` such sentences about different days. A newsroom's own timeline, a
  factbox, a "what happened so far" has already chosen the days worth telling again, which is
  what a key event is. Times of day ("March 21, 2011 at 2:20 pm | Reply") are not entries:
  they stamp readers' comments.

Each event gets the attention of its own articles ("event") and that of every article naming its
day at all ("day": the news of the day), the articles it leads and its outlets. The raw score is
the weight of its kind (`type_weights`: all the same for now, see the data file; and
`planned_factor` for a plan; `reactions.factor` for a saying made on the day of another
happening: a reaction is news because of what it reacts to, see below) times a weighted sum of
log(1 + value); salience is
1 - exp(-score / scale), so 0..1 and absolute: an
article's word depends on that article alone, so adding an article changes the salience of the
events whose days it names only. Weights are data (`resources/chronology/salience.yaml`), and the
reason says the counts in words.

A reaction: an event of a kind in `reactions.kinds` (a statement) on the days of an occurred
happening of a kind in `reactions.to` (a suspension, an agreement, a strike...) of the same
chronology. "The spokesman added on Wednesday that it was difficult" is told because the talks
were suspended that Wednesday: a newsroom leads with the suspension and quotes the spokesman
under it. So the reaction weighs `reactions.factor` times, and the most salient happening of
those days takes the reaction's own score when that is more (the articles quoting reactions on
the suspension's day are covering the suspension): the happening ranks above its reactions, and
the days rank as before. A saying on days when nothing else happened is the news of its day and
keeps its weight ("the president announced on Friday that she would resign"). Only events of
the same days are compared, so an article still changes only the salience of the events whose
days it names.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from timeline.datafiles import load_yaml, require

RESOURCE = "chronology/salience.yaml"
EVENT_TYPES = "event_types.yaml"   # the kinds of event the reaction rule names
FEATURES = ("event", "day", "leads", "outlets")
# What the reason says of a reaction, and of the happening that takes its attention.
REACTION_REASON = "a saying on the day of a happening: ranks below it"
LENT_REASON = "the sayings of its day count for it"
RECENT_REASON = "too recent to have been recalled: its reports count as recalls"


@dataclass(frozen=True, slots=True)
class SalienceRules:
    weights: dict[str, float]
    scale: float
    recall_weight: float
    recall_after_days: int
    recent_min_articles: int
    entry_weight: float
    entry_offset: int
    chronology_entries: int
    news_window_days: int
    lead_sentences: int
    planned_factor: float
    type_weights: dict[str, float]
    reaction_factor: float
    reaction_kinds: frozenset[str]
    happening_kinds: frozenset[str]

    def type_weight(self, event_type: str) -> float:
        return self.type_weights.get(event_type, self.type_weights.get("other", 1.0))

    def word(self, published: int | None, end: int | None, entry: bool, recent: bool = False) -> float:
        """How much an article published on `published` naming a happening that ended on `end`
        (days since 1970) counts: a later recall and a chronology's entry more; a report of a
        `recent` happening (see `recent`) as a recall."""
        recall = recent or (published is not None and end is not None and published - end > self.recall_after_days)
        return (self.recall_weight if recall else 1.0) * (self.entry_weight if entry else 1.0)

    def in_last_days(self, end: int | None, last: int | None) -> bool:
        """Whether a happening that ended on `end` is too recent for a corpus whose last article
        was published on `last` to have recalled it (a day still to come is not: it is a plan)."""
        return end is not None and last is not None and 0 <= last - end <= self.recall_after_days

    def recent(self, end: int | None, last: int | None, naming: int) -> bool:
        """`in_last_days`, and news: its days (the most named of them) named by `naming` articles,
        at least `recent_min_articles`."""
        return self.in_last_days(end, last) and naming >= self.recent_min_articles


@functools.cache
def rules() -> SalienceRules:
    data: Any = load_yaml(RESOURCE)
    require(isinstance(data, dict), RESOURCE, "top level", "must be a mapping")
    feats = data.get("features") or {}
    for name in FEATURES:
        require(isinstance(feats.get(name), (int, float)) and feats[name] >= 0, RESOURCE,
                f"features.{name}", "must be a number >= 0")
    require(set(feats) <= set(FEATURES), RESOURCE, "features", f"unknown: {sorted(set(feats) - set(FEATURES))}")
    for name in ("news_window_days", "recall_after_days", "lead_sentences", "entry_offset", "chronology_entries",
                 "recent_min_articles"):
        require(isinstance(data.get(name), int) and data[name] >= 0, RESOURCE, name, "must be a whole number >= 0")
    for name in ("planned_factor", "recall_weight", "entry_weight", "scale"):
        require(isinstance(data.get(name), (int, float)) and data[name] >= 0, RESOURCE, name, "must be a number >= 0")
    tw = data.get("type_weights") or {}
    require(all(isinstance(v, (int, float)) and v > 0 for v in tw.values()), RESOURCE, "type_weights",
            "must map event types to positive numbers")
    reactions = data.get("reactions")
    require(isinstance(reactions, dict), RESOURCE, "reactions", "must be a mapping (factor, kinds, to)")
    require(isinstance(reactions.get("factor"), (int, float)) and 0 < reactions["factor"] <= 1, RESOURCE,
            "reactions.factor", "must be a number in (0, 1]")
    for name in ("kinds", "to"):
        require(isinstance(reactions.get(name), list) and reactions[name]
                and all(isinstance(k, str) and k for k in reactions[name]), RESOURCE,
                f"reactions.{name}", "must be a non-empty list of event types")
    require(not set(reactions["kinds"]) & set(reactions["to"]), RESOURCE, "reactions",
            "a kind cannot be both a reaction and what is reacted to")
    known = {t.get("name") for t in load_yaml(EVENT_TYPES).get("types", []) if isinstance(t, dict)}
    unknown = sorted((set(reactions["kinds"]) | set(reactions["to"])) - known)
    require(not unknown, RESOURCE, "reactions", f"not event types of {EVENT_TYPES}: {unknown}")
    return SalienceRules(weights={k: float(v) for k, v in feats.items()}, scale=float(data["scale"]) or 1.0,
                         recall_weight=float(data["recall_weight"]), recall_after_days=data["recall_after_days"],
                         recent_min_articles=data["recent_min_articles"],
                         entry_weight=float(data["entry_weight"]), entry_offset=data["entry_offset"],
                         chronology_entries=data["chronology_entries"], news_window_days=data["news_window_days"],
                         lead_sentences=data["lead_sentences"], planned_factor=float(data["planned_factor"]),
                         type_weights={k: float(v) for k, v in tw.items()},
                         reaction_factor=float(reactions["factor"]), reaction_kinds=frozenset(reactions["kinds"]),
                         happening_kinds=frozenset(reactions["to"]))


def raw_score(counts: dict[str, float], event_type: str, planned: bool, r: SalienceRules | None = None) -> float:
    """The unnormalised salience of an event from its counts: "attention" and "day_attention"
    (the weighted word of the event's articles and of every article naming its day), "leads",
    "outlets", and "reacts" (1 for a reaction: a saying on the day of another happening)."""
    r = r or rules()
    get, weight = counts.get, r.weights.get
    values = (get("attention", 0.0), get("day_attention", 0.0), get("leads", 0), get("outlets", 0))  # FEATURES
    total = sum([weight(f, 0.0) * math.log1p(max(v, 0.0)) for f, v in zip(FEATURES, values)])
    reacting = r.reaction_factor if get("reacts", 0) and event_type in r.reaction_kinds else 1.0
    return total * r.type_weight(event_type) * (r.planned_factor if planned else 1.0) * reacting


def squash(raw: float, r: SalienceRules | None = None) -> float:
    """The salience 0..1 of a raw score: 1 - exp(-raw / scale)."""
    r = r or rules()
    return 1.0 - math.exp(-max(raw, 0.0) / r.scale)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def reason(counts: dict[str, float]) -> str:
    """"reported by 14 articles from 5 outlets; 9 of them on its day or just after; recalled in
    9 later articles; leads 3 articles; its day is named in 30 articles, 12 of them later;
    listed in 2 chronologies; said on the day of another happening"."""
    return _reason(*(counts.get(k, 0) for k in _REASON_COUNTS))


# what `reason` reads; many events have the same counts, so each set of them is written once
_REASON_COUNTS = ("articles", "outlets", "news_of_day", "recalls", "leads", "day_articles", "day_recalls",
                  "day_chronologies", "reacts", "recent")


@functools.lru_cache(maxsize=10_000)
def _reason(articles: float, outlets: float, news_of_day: float, recalls: float, leads: float,
            day_articles: float, day_recalls: float, day_chronologies: float, reacts: float,
            recent: float) -> str:
    parts = [f"reported by {_plural(int(articles), 'article')}"
             + (f" from {_plural(int(outlets), 'outlet')}" if outlets else "")]
    if news_of_day:
        parts.append(f"{int(news_of_day)} of them on its day or just after")
    if recalls:
        parts.append(f"recalled in {_plural(int(recalls), 'later article')}")
    if recent:
        parts.append(RECENT_REASON)
    if leads:
        parts.append(f"leads {_plural(int(leads), 'article')}")
    if day_articles > articles:
        part = f"its day is named in {_plural(int(day_articles), 'article')}"
        if day_recalls > recalls:
            part += f", {int(day_recalls)} of them later"
        parts.append(part)
    if day_chronologies:
        parts.append(f"listed in {_plural(int(day_chronologies), 'chronology', 'chronologies')}")
    if reacts:
        parts.append(REACTION_REASON)
    return "; ".join(parts)
