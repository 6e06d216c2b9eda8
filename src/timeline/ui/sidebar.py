"""The filters in the sidebar, kept in the URL so that a shared link restores the same view.

The URL is read once per session (before the widgets exist, into their session state); after
that the widgets are the truth and every change is written back to `st.query_params`.
The filter logic itself is `timeline.present.filters.EventFilter`; this module only draws it.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from timeline.extract.actors import gazetteer
from timeline.present.filters import EventFilter, Facets, unknown_in_query_params, UnknownValue
from timeline.ui import keys
from timeline.ui.data import Corpus, facets as store_facets
from timeline.ui.errors import as_plain_markdown

STATUS_LABELS = {"occurred": "happened", "planned": "planned"}
# Options a multiselect sends to the browser (each is part of the page): beyond, the list
# shows the first ones and those chosen, and says how to reach the others.
MAX_OPTIONS = 1_000
KIND_LABELS = {"state": "state", "organisation": "organisation", "armed_group": "armed group",
               "person": "person"}


def _actor_label(counts: dict[str, int]) -> Callable[[str], str]:
    """Option labels: "Russia · state (12)"; a person found from context has no kind."""
    known = gazetteer().actors

    def label(name: str) -> str:
        actor = known.get(name)
        kind = f" · {KIND_LABELS.get(actor.kind, actor.kind)}" if actor else ""
        return f"{name}{kind} ({counts.get(name, 0)})"

    return label


def _url_mapping() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params.keys()}


def _as_lists(params: dict[str, list[str] | str]) -> dict[str, list[str]]:
    return {k: [v] if isinstance(v, str) else list(v) for k, v in params.items()}


def _restore_from_url(flt: EventFilter, facets: Facets) -> None:
    """Put the filter read from the URL into the widgets' state."""
    state = st.session_state
    state[keys.FILTER_ACTORS] = list(flt.actors)
    state[keys.FILTER_EVENT_TYPES] = list(flt.event_types)
    state[keys.FILTER_STATUSES] = [s for s in flt.statuses if s in facets.statuses]
    state[keys.FILTER_ARTICLES] = list(flt.doc_ids)
    state[keys.FILTER_TEXT] = flt.query
    if facets.date_min and (flt.date_from or flt.date_to):
        state[keys.FILTER_DATE_RANGE] = (flt.date_from or facets.date_min,
                                         flt.date_to or facets.date_max)


def _clear() -> None:
    for key in (keys.FILTER_ACTORS, keys.FILTER_EVENT_TYPES, keys.FILTER_STATUSES,
                keys.FILTER_ARTICLES):
        st.session_state[key] = []
    st.session_state[keys.FILTER_TEXT] = ""
    st.session_state.pop(keys.FILTER_DATE_RANGE, None)


def _date_range(
    value: object, facets: Facets
) -> tuple[dt.date | None, dt.date | None]:
    """The chosen range; a bound equal to the data's own bound is no filter at all."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return None, None  # the user has picked only the first day so far
    low, high = value
    return (None if low == facets.date_min else low), (None if high == facets.date_max else high)


def _unknown_note(unknown: UnknownValue) -> str:
    hint = (f" (did you mean {' or '.join(repr(s) for s in unknown.suggestions)}?)"
            if unknown.suggestions else "")
    what = {"actor": "the actor", "type": "the event type", "doc": "the article"}[unknown.facet]
    return (f"The shared link asks for {what} {unknown.value[:80]!r}, which these articles do "
            f"not hold{hint}; that filter is left out.")


def _bounded(options: tuple[str, ...], chosen_key: str) -> list[str]:
    """The first MAX_OPTIONS options, and those chosen (which a widget must offer)."""
    chosen = [c for c in st.session_state.get(chosen_key) or [] if c not in options[:MAX_OPTIONS]]
    return list(options[:MAX_OPTIONS]) + [c for c in chosen if c in set(options)]


def render_filters(corpus: Corpus) -> EventFilter:
    """Draw the filters; return the filter they describe (also written to the URL). The
    options come from SQL aggregates over the store, not from the mentions in memory."""
    facets = store_facets(corpus.store_path, corpus.version, corpus.query())
    if keys.FILTERS_FROM_URL not in st.session_state:
        st.session_state[keys.FILTERS_FROM_URL] = True
        url = _url_mapping()
        # What the link asks for that these articles do not hold is said, not silently dropped.
        st.session_state[keys.URL_UNKNOWN] = [_unknown_note(u) for u in unknown_in_query_params(url, facets)]
        _restore_from_url(EventFilter.from_query_params(url, facets), facets)
    for message in st.session_state.get(keys.URL_UNKNOWN, [])[:5]:
        st.sidebar.warning(as_plain_markdown(message))

    titles = corpus.titles()
    counts = dict(zip(facets.actors, facets.actor_counts))
    bar = st.sidebar
    bar.header("Filters")
    actors = bar.multiselect(
        "Actors", _bounded(facets.actors, keys.FILTER_ACTORS), key=keys.FILTER_ACTORS,
        format_func=_actor_label(counts),
        help="States, organisations and people. A state includes the people who speak for it.",
    )
    event_types = bar.multiselect("Event types", facets.event_types,
                                  key=keys.FILTER_EVENT_TYPES)
    statuses = bar.multiselect("Status", facets.statuses, key=keys.FILTER_STATUSES,
                               format_func=lambda s: STATUS_LABELS.get(s, s))
    date_from = date_to = None
    if facets.date_min is not None:
        full = (facets.date_min, facets.date_max)
        state = st.session_state
        if state.get(keys.FILTER_DATE_RANGE) in (None, state.get(keys.FILTER_DATE_FULL)):
            state[keys.FILTER_DATE_RANGE] = full  # not narrowed: follow the data's range
        state[keys.FILTER_DATE_FULL] = full
        date_value = bar.date_input("Dates", key=keys.FILTER_DATE_RANGE, format="YYYY-MM-DD")
        date_from, date_to = _date_range(date_value, facets)
    articles = _bounded(facets.doc_ids, keys.FILTER_ARTICLES)
    more = len(facets.doc_ids) - min(len(facets.doc_ids), MAX_OPTIONS)
    doc_ids = bar.multiselect(
        "Articles", articles, key=keys.FILTER_ARTICLES, format_func=lambda d: titles.get(d, d),
        help=(f"The {MAX_OPTIONS:,} earliest of {len(facets.doc_ids):,} articles are listed; "
              "search the sentences or narrow the dates to reach the others.") if more else None)
    query = bar.text_input("Search the sentences", key=keys.FILTER_TEXT,
                           placeholder="e.g. ceasefire", max_chars=200)
    bar.button("Clear filters", key=keys.FILTER_RESET, on_click=_clear)

    flt = EventFilter(actors=actors, event_types=event_types, statuses=statuses,
                      date_from=date_from, date_to=date_to, doc_ids=doc_ids, query=query)
    # The timeline view's own parameters (lane, event) stay as they are.
    url = _url_mapping()
    wanted = {**_as_lists(flt.to_query_params()),
              **{k: v for k, v in url.items() if k in keys.VIEW_URL_PARAMS}}
    if wanted != url:
        st.query_params.from_dict(wanted)
    return flt
