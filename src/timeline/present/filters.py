"""What the reader has chosen to look at: a pure filter over the events table, and its round trip
through URL query parameters so that a shared link restores the same view.

Semantics (the same in the dashboard, the CLI and the exports):
- Facets combine with AND; the values inside one facet combine with OR.
- Actors: an event matches when ANY of its actors is chosen. A person's event also lists the
  state they speak for (extraction adds it), so choosing "Russia" includes what Lavrov said.
  A name is one entry whatever the accents an article kept: "José Ramos" finds "Jose Ramos"
  (`searchfold.one_spelling_per_name`).
- Date range: an event matches when its interval OVERLAPS [date_from, date_to] (both inclusive):
  "September 2015" is in a range that starts on 15 September. Undated events are left out
  as soon as either end of the range is set.
- Query: a plain substring (never a regex) of the sentence, the date as written, or an actor's
  name, compared after folding case, accents, dashes and spaces, and the spelling variants of
  `resources/search_variants.yaml`: "ceasefire" finds "cease-fire", "Kiev" finds "Kyiv".

No Streamlit here: the app reads `st.query_params` and passes a plain mapping.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline import schema
from timeline.searchfold import (  # noqa: F401 (the app's names)
    fold, one_spelling_per_name, search_key, spelling_variants,
)

# URL parameter names: short, stable, part of the public interface (shared links keep working).
PARAM_ACTOR: Final = "actor"
PARAM_TYPE: Final = "type"
PARAM_STATUS: Final = "status"
PARAM_FROM: Final = "from"
PARAM_TO: Final = "to"
PARAM_DOC: Final = "doc"
PARAM_QUERY: Final = "q"

# Bounds on what a URL may ask for: a hand-edited or hostile link costs nothing.
MAX_VALUES_PER_PARAM: Final = 200
MAX_VALUE_LENGTH: Final = 200
MAX_QUERY_LENGTH: Final = 200


@dataclass(frozen=True)
class EventFilter:
    """The filter state. Empty tuples / None / "" mean "no restriction" on that facet.

    Build it directly (`EventFilter(actors=("Russia",), statuses=("planned",))`) or from URL
    parameters (`EventFilter.from_query_params(...)`). Lists given to the constructor are
    turned into tuples so the filter stays hashable (usable as a cache key).
    """

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    doc_ids: tuple[str, ...] = ()
    query: str = ""

    def __post_init__(self) -> None:
        for name in ("actors", "event_types", "statuses", "doc_ids"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(str(v) for v in value))
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if isinstance(value, dt.datetime | pd.Timestamp):
                object.__setattr__(self, name, value.date())
            elif isinstance(value, str):  # "2016-02-03"; a malformed one raises ValueError
                object.__setattr__(self, name, dt.date.fromisoformat(value))
        object.__setattr__(self, "query", (self.query or "").strip())

    @property
    def is_empty(self) -> bool:
        """True when the filter lets every event through."""
        return self == EventFilter()

    def apply(self, events: pd.DataFrame) -> pd.DataFrame:
        """The rows of `events` (an events table, schema.EVENT_COLUMNS) that match, in order.

        The index is reset; the input is not modified.
        """
        if self.is_empty or events.empty:
            return events.reset_index(drop=True)
        keep = np.ones(len(events), dtype=bool)
        if self.actors:
            # A name chosen finds its other spellings too ("José Ramos" finds "Jose Ramos").
            cells = schema.list_cells(events[schema.ACTORS])
            spelling = one_spelling_per_name({*self.actors, *(a for v in cells for a in v)})
            chosen = {spelling[a] for a in self.actors}
            keep &= np.fromiter(
                (any(spelling[a] in chosen for a in v) for v in cells),
                dtype=bool, count=len(events),
            )
        for column, values in (
            (schema.EVENT_TYPE, self.event_types),
            (schema.STATUS, self.statuses),
            (schema.DOC_ID, self.doc_ids),
        ):
            if values:
                keep &= _bools(events[column].isin(values))
        if self.date_from is not None:
            # Overlap: the event ends on or after the first day of the range.
            keep &= _bools(events[schema.DATE_END] >= pd.Timestamp(self.date_from))
        if self.date_to is not None:
            keep &= _bools(events[schema.DATE_START] <= pd.Timestamp(self.date_to))
        if self.query:
            keep &= _matches_query(events, self.query)
        return events.loc[keep].reset_index(drop=True)

    def to_query_params(self) -> dict[str, list[str] | str]:
        """URL query parameters for this filter; facets without restriction are left out.

        Multi-valued facets are lists (one repeated `?actor=a&actor=b` parameter each), the
        rest are strings: this is the shape `st.query_params.from_dict` takes.
        """
        params: dict[str, list[str] | str] = {}
        for key, values in (
            (PARAM_ACTOR, self.actors),
            (PARAM_TYPE, self.event_types),
            (PARAM_STATUS, self.statuses),
            (PARAM_DOC, self.doc_ids),
        ):
            if values:
                params[key] = list(values)
        if self.date_from is not None:
            params[PARAM_FROM] = self.date_from.isoformat()
        if self.date_to is not None:
            params[PARAM_TO] = self.date_to.isoformat()
        if self.query:
            params[PARAM_QUERY] = self.query
        return params

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, object], facets: Facets | None = None
    ) -> EventFilter:
        """The filter a URL describes. Never raises: unknown keys, malformed dates, unknown
        statuses, over-long or too many values are dropped; a reversed date range is swapped.

        `params` maps a name to a str or a list of str. From Streamlit, pass
        `{k: st.query_params.get_all(k) for k in st.query_params}` so repeated keys survive.
        With `facets` (from `facet_values(events)`), values absent from the data are dropped
        too, so a stale link never pre-selects an option a widget does not offer.
        """
        try:
            actors = _values(params, PARAM_ACTOR)
            types = _values(params, PARAM_TYPE)
            statuses = [s for s in _values(params, PARAM_STATUS) if s in schema.STATUSES]
            doc_ids = _values(params, PARAM_DOC)
            date_from = _parse_date(_last(params, PARAM_FROM))
            date_to = _parse_date(_last(params, PARAM_TO))
            # An over-long query is cut rather than dropped: it still narrows the view.
            query = (_last(params, PARAM_QUERY, max_length=None) or "")[:MAX_QUERY_LENGTH]
        except Exception:  # a mapping that misbehaves is treated as no parameters at all
            return cls()
        if facets is not None:
            actors = [a for a in actors if a in facets.actor_set]
            types = [t for t in types if t in facets.event_types]
            doc_ids = [d for d in doc_ids if d in facets.doc_ids]
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        return cls(
            actors=tuple(dict.fromkeys(actors)),
            event_types=tuple(dict.fromkeys(types)),
            statuses=tuple(dict.fromkeys(statuses)),
            date_from=date_from,
            date_to=date_to,
            doc_ids=tuple(dict.fromkeys(doc_ids)),
            query=query,
        )

    def describe(self) -> str:
        """A short human description ("actor: Russia; status: planned"), "" when empty."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value in ((), None, ""):
                continue
            shown = ", ".join(value) if isinstance(value, tuple) else str(value)
            parts.append(f"{f.name.replace('_', ' ')}: {shown}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Facets:
    """The options a filter can offer for an events table (see `facet_values`)."""

    actors: tuple[str, ...]            # most frequent first, then by name
    actor_counts: tuple[int, ...]      # events per actor, aligned with `actors`
    event_types: tuple[str, ...]       # most frequent first, then by name
    statuses: tuple[str, ...]          # in schema.STATUSES order, only those present
    doc_ids: tuple[str, ...]           # in order of first appearance
    date_min: dt.date | None           # earliest start, None for an empty table
    date_max: dt.date | None           # latest end

    @property
    def actor_set(self) -> frozenset[str]:
        return frozenset(self.actors)


@dataclass(frozen=True)
class UnknownValue:
    """A value a link or a command asked for that the data does not hold, with the closest
    names it does hold (so "Rusia" can be answered with "Russia")."""

    facet: str            # "actor", "type" or "doc"
    value: str
    suggestions: tuple[str, ...]

    def message(self) -> str:
        hint = f"; did you mean {' or '.join(repr(s) for s in self.suggestions)}?" \
            if self.suggestions else ""
        return f"no {_FACET_NAMES[self.facet]} {self.value!r} in these events{hint}"


_FACET_NAMES: Final = {PARAM_ACTOR: "actor", PARAM_TYPE: "event type", PARAM_DOC: "article"}


def unknown_values(actors: Iterable[str], event_types: Iterable[str], doc_ids: Iterable[str],
                   facets: Facets) -> list[UnknownValue]:
    """The asked-for values that are not in the data, each with up to three close matches
    (case-insensitive). Bounded: at most MAX_VALUES_PER_PARAM values per facet are checked."""
    import difflib

    out: list[UnknownValue] = []
    for facet, asked, present in ((PARAM_ACTOR, actors, facets.actors),
                                  (PARAM_TYPE, event_types, facets.event_types),
                                  (PARAM_DOC, doc_ids, facets.doc_ids)):
        known = set(present)
        by_fold = {p.casefold(): p for p in present}
        for value in list(dict.fromkeys(asked))[:MAX_VALUES_PER_PARAM]:
            if value in known:
                continue
            exact_fold = by_fold.get(value.casefold())
            close = [exact_fold] if exact_fold else [
                by_fold[m] for m in difflib.get_close_matches(
                    value.casefold()[:MAX_VALUE_LENGTH], list(by_fold), n=3, cutoff=0.75)]
            out.append(UnknownValue(facet, value, tuple(close)))
    return out


def unknown_in_query_params(params: Mapping[str, object], facets: Facets) -> list[UnknownValue]:
    """What a shared link asks for that the data does not hold (the filter drops them; the
    app says so instead of showing an empty chart without a word)."""
    try:
        return unknown_values(_values(params, PARAM_ACTOR), _values(params, PARAM_TYPE),
                              _values(params, PARAM_DOC), facets)
    except Exception:  # a mapping that misbehaves: from_query_params ignores it too
        return []


def facet_values(events: pd.DataFrame) -> Facets:
    """The values present in `events`, for filter widgets and URL validation."""
    actor_counts: dict[str, int] = {}
    cells = schema.list_cells(events[schema.ACTORS])
    spelling = one_spelling_per_name({a for v in cells for a in v})   # one entry per person
    for value in cells:
        for actor in dict.fromkeys(spelling[a] for a in value):
            actor_counts[actor] = actor_counts.get(actor, 0) + 1
    ranked = sorted(actor_counts.items(), key=lambda item: (-item[1], item[0]))
    types = events[schema.EVENT_TYPE].dropna().astype(str)
    type_counts = types.value_counts()
    ranked_types = sorted(type_counts.index, key=lambda t: (-type_counts[t], t))
    present = set(events[schema.STATUS].dropna().astype(str))
    starts = events[schema.DATE_START].dropna()
    ends = events[schema.DATE_END].dropna()
    return Facets(
        actors=tuple(a for a, _ in ranked),
        actor_counts=tuple(n for _, n in ranked),
        event_types=tuple(ranked_types),
        statuses=tuple(s for s in schema.STATUSES if s in present),
        doc_ids=tuple(dict.fromkeys(events[schema.DOC_ID].dropna().astype(str))),
        date_min=starts.min().date() if len(starts) else None,
        date_max=ends.max().date() if len(ends) else None,
    )


def _bools(mask: pd.Series) -> np.ndarray:
    """A comparison's result as a plain bool array, missing values (NA, NaT) as False."""
    return mask.astype("boolean").fillna(False).to_numpy(dtype=bool)


def _matches_query(events: pd.DataFrame, query: str) -> np.ndarray:
    needle = search_key(query)
    if not needle:  # a query of punctuation only restricts nothing
        return np.ones(len(events), dtype=bool)

    def contains(series: pd.Series) -> np.ndarray:
        values = pa.array(series.astype("string").fillna(""), pa.string())
        found = pc.match_substring(fold(values), needle)
        return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)

    actors = pd.Series(
        ["\n".join(v) for v in schema.list_cells(events[schema.ACTORS])], index=events.index
    )
    return contains(events[schema.SENTENCE]) | contains(events[schema.TIMEX_TEXT]) | contains(actors)


def _values(
    params: Mapping[str, object], key: str, max_length: int | None = MAX_VALUE_LENGTH
) -> list[str]:
    raw = params.get(key)
    if raw is None:
        return []
    items: Iterable[object] = [raw] if isinstance(raw, str) else raw  # type: ignore[assignment]
    try:
        items = list(items)[:MAX_VALUES_PER_PARAM]
    except TypeError:
        return []
    out = []
    for item in items:
        if isinstance(item, str):
            text = item.strip()
            if text and (max_length is None or len(text) <= max_length) and text.isprintable():
                out.append(text)
    return out


def _last(
    params: Mapping[str, object], key: str, max_length: int | None = MAX_VALUE_LENGTH
) -> str | None:
    values = _values(params, key, max_length)
    return values[-1] if values else None


def _parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text) if len(text) <= 10 else None
    except ValueError:
        return None
