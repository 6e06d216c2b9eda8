"""The timeline tab. Two views:

- the story (default when the corpus has a chronology): one mark per real-world event, key
  events labelled, a picker that works without a mouse, and the drill-down of the chosen event
  (every article that reports it, with evidence, and its status history);
- the mentions: every dated mention of every article in lanes, as before, with the evidence
  of the chosen mention.

Selection has one home per view, `st.session_state[keys.SELECTED_STORY_EVENT]` (an event_key)
and `st.session_state[keys.SELECTED_EVENT]` (an event_id), the pickers' keys: a click on a
chart or a row of the chronology table writes it through a callback, and tests set it.

Both views ask the store for what they draw (`Corpus.events_top`, `Corpus.mentions`): the
most salient events under the filters, or the matching mentions (an even sample of a large
match), with counts for the captions; a corpus without a chronology shows the mentions only.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline.present import charts
from timeline import schema
from timeline.corpus.query import MentionQuery
from timeline.present.charts.style import chart_style
from timeline.ui import keys
from timeline.ui.choices import segmented_choice
from timeline.ui.data import Corpus
from timeline.present.charts.reference_band import ReferenceBand
from timeline.present.charts.story import key_event_order, story_event_label
from timeline.ui.curation_panel import render_curation
from timeline.ui.reference_view import Context, reference_context, render_link
from timeline.ui.errors import shown_as_message
from timeline.ui.evidence_panel import render_evidence, render_story_evidence
from timeline.ui.plotly_chart import plotly_chart, selection_of
from timeline.present.filters import search_key, spelling_variants
from timeline.present.rows import records

LANES = {"actor": "Actor", "event_type": "Event type", "doc_id": "Article"}  # charts' lanes
STORY_LANES = {"event_type": "Event type", "actor": "Actor", "doc_id": "Article"}
MODES = {"story": "Chronology", "mentions": "Every mention"}
# Marks of the per-mention chart: beyond, an even sample is drawn and the caption says so.
MAX_DRAWN_MENTIONS = 1_000
# What a picker's line reads of an event (story_event_label).
_LABEL_COLUMNS = (schema.DATE_START, schema.DATE_END, schema.GRANULARITY, schema.HEADLINE,
                  schema.EVENT_TYPE, schema.N_ARTICLES)
# Events a search in the story's picker lists: the most salient matches (the count says more).
FOUND_EVENTS = 50
# Events the picker lists without a search: the most salient drawn ones, in date order. Its
# options are sent again on every filter change (they differ, so Streamlit's cache of sent
# messages does not help): all 1,500 drawn events were 104 kB of a filter change on a big
# store. The search reaches any event; a click on the chart any drawn one.
PICKER_EVENTS = 150


def drawn_mentions(corpus: Corpus, where: MentionQuery, matching: int) -> pd.DataFrame:
    """The mentions the per-mention chart draws: every match up to MAX_DRAWN_MENTIONS, else a
    sample spread evenly over them (a hash of the event id picks one in k: the same sample on
    every rerun, and over every date, not the first dates only)."""
    if matching <= MAX_DRAWN_MENTIONS:
        return corpus.mentions(where)
    every = -(-matching // MAX_DRAWN_MENTIONS)
    return corpus.mentions(dataclasses.replace(where, sample_every=every),
                           limit=MAX_DRAWN_MENTIONS)


def _select_from_chart() -> None:
    """The chart's on_select callback: the first clicked event becomes the selected one."""
    selected = charts.event_ids_from_selection(selection_of(keys.CHART))
    if selected:
        st.session_state[keys.SELECTED_EVENT] = selected[0]


def event_labels(events: pd.DataFrame, titles: dict[str, str]) -> dict[str, str]:
    """event_id -> one line naming the event in the picker: date, type, actors, article."""
    days = events[schema.DATE_START].dt.strftime("%Y-%m-%d")
    actors = [", ".join(schema.as_str_list(a)[:3]) or "no actor" for a in events[schema.ACTORS]]
    docs = [titles.get(d, d) for d in events[schema.DOC_ID]]
    return {
        event_id: f"{day} · {kind} · {who} · {title}"[:160]
        for event_id, day, kind, who, title in zip(
            events[schema.EVENT_ID], days, events[schema.EVENT_TYPE], actors, docs)
    }


def restore_view_from_url(corpus: Corpus, where: MentionQuery) -> None:
    """On a session's first run, take the lane and the selected event from the URL (an event
    that passes the filters)."""
    lane = st.query_params.get(keys.URL_LANE)
    if lane in LANES and keys.LANE not in st.session_state:
        st.session_state[keys.LANE] = lane
    restore_selected_event(corpus, where)


def restore_selected_event(corpus: Corpus, where: MentionQuery) -> None:
    """On a session's first run, the mention the link names (?event=), if it passes the
    filters."""
    event = st.query_params.get(keys.URL_EVENT)
    if event and keys.SELECTED_EVENT not in st.session_state and _passes(corpus, where, event):
        st.session_state[keys.SELECTED_EVENT] = event


def write_selected_event() -> None:
    """The selected mention into the URL, so that a shared link shows its evidence."""
    _write_param(keys.URL_EVENT, st.session_state.get(keys.SELECTED_EVENT))


def _passes(corpus: Corpus, where: MentionQuery, event_id: object) -> bool:
    return isinstance(event_id, str) and bool(corpus.count(
        dataclasses.replace(where, event_ids=(event_id,))))


def _write_view_to_url(lane: str, event_id: str | None) -> None:
    lane_param = lane if lane != "actor" else None  # the default lane needs no parameter
    for name, value in ((keys.URL_LANE, lane_param), (keys.URL_EVENT, event_id)):
        if value and st.query_params.get(name) != value:
            st.query_params[name] = value
        elif not value and name in st.query_params:
            del st.query_params[name]


def render_chart_options() -> tuple[str, bool, bool]:
    """The lane chooser and the switches: (lane, label key events, a mention in each of its
    actors' lanes). Off, as in the story, a mention is drawn once, in the lane of its
    best-known actor, its other actors named in its hover: a lane per actor drew a mention
    naming four actors four times (on 1,000,000 mentions, 3 MB sent on every filter change)."""
    lanes, split_column, labels = st.columns([3, 2, 1], vertical_alignment="bottom")
    lane = segmented_choice(lanes, "Lanes", list(LANES), format_func=LANES.get, key=keys.LANE,
                            initial="actor")
    split = split_column.toggle("A mention in each actor's lane", key=keys.SPLIT_MENTIONS,
                                disabled=lane != "actor",
                                help="Off: each mention once, in the lane of its best-known "
                                     "actor, with its other actors named.")
    label = labels.toggle("Label key events", value=True, key=keys.LABEL_KEY_EVENTS)
    return lane, label, bool(split) and lane == "actor"


def render_timeline(corpus: Corpus, where: MentionQuery) -> go.Figure:
    """The story of the events under the filters (or, in the mentions view, the mentions): the
    chart, a picker, and the drill-down of the chosen event; returns the figure drawn (the
    exports offer it as it is on screen)."""
    if not corpus.has_chronology:
        return render_mentions(corpus, where)
    from_url = "mentions" if st.query_params.get(keys.URL_MODE) == "mentions" else "story"
    mode = segmented_choice(st, "Show", list(MODES), format_func=MODES.get,
                            key=keys.TIMELINE_MODE, initial=from_url)
    _write_param(keys.URL_MODE, "mentions" if mode == "mentions" else None)
    if mode == "mentions":
        for name in (keys.URL_STORY_LANE, keys.URL_STORY_EVENT):
            _write_param(name, None)
        return render_mentions(corpus, where)
    # The selected mention (?event=) stays: the Chronology tab's table shows and shares it too.
    _write_param(keys.URL_LANE, None)
    return render_story(corpus, where)


def _documents_of(corpus: Corpus, doc_ids: object) -> pd.DataFrame:
    """The article list's rows of the articles drawn (titles for lanes and hovers)."""
    wanted = set(doc_ids)  # type: ignore[arg-type]
    return corpus.documents[corpus.documents[schema.DOC_ID].isin(wanted)]


def render_mentions(corpus: Corpus, where: MentionQuery) -> go.Figure | None:
    """The mentions under the filters in lanes (all of them, or an even sample of a large
    match), the mention picker and the evidence panel; returns the figure drawn."""
    return _mentions(corpus, where)


# A fragment, as the story is: its lanes, labels, a click and the picker rerun it alone.
@st.fragment
def _mentions(corpus: Corpus, where: MentionQuery) -> go.Figure | None:
    with shown_as_message("The timeline"):
        return _mentions_body(corpus, where)
    return None


def _mentions_body(corpus: Corpus, where: MentionQuery) -> go.Figure:
    matching, total = corpus.count(where), corpus.count(corpus.query())
    events = drawn_mentions(corpus, where, matching)
    restore_view_from_url(corpus, where)
    lane, label, split = render_chart_options()
    fig = charts.timeline_figure(events, _documents_of(corpus, events[schema.DOC_ID]),
                                 lane=lane, label_key_events=label, split=split)
    sampled = (f" The chart draws {len(events):,} of them, picked evenly; narrow the filters "
               "to see each one." if len(events) < matching else "")
    st.caption(f"{matching:,} of {total:,} events.{sampled} Filled marks happened; "
               "hollow marks and hatched bars are planned. Click an event to see where it comes from.")
    plotly_chart(fig, key=keys.CHART, on_select=_select_from_chart,
                 config={"displaylogo": False})
    render_event_picker(corpus, events, where)
    selected = st.session_state.get(keys.SELECTED_EVENT)
    _write_view_to_url(lane, selected)
    render_evidence(corpus, selected)
    return fig


def _select_from_story() -> None:
    selected = charts.event_ids_from_selection(selection_of(keys.STORY_CHART))
    if selected:
        st.session_state[keys.SELECTED_STORY_EVENT] = selected[0]


def _write_param(name: str, value: str | None) -> None:
    if value and st.query_params.get(name) != value:
        st.query_params[name] = value
    elif not value and name in st.query_params:
        del st.query_params[name]


def render_story(corpus: Corpus, where: MentionQuery) -> go.Figure | None:
    """The chronology under the filters: options, chart, picker and drill-down (returns the
    figure drawn). The store ranks the events in SQL; only the most salient (the chart's
    max_marks) are read."""
    return _story(corpus, where)


# A fragment: a change of its own widgets (lanes, toggles, a click on the chart, the reference
# file) reruns the story alone, not the sidebar's queries and the other tabs; the filters, a
# tab opened or an edit (st.rerun) rerun the page. A fragment rerun reuses the corpus and
# filters of the page's last run.
@st.fragment
def _story(corpus: Corpus, where: MentionQuery) -> go.Figure | None:
    with shown_as_message("The timeline"):
        return _story_body(corpus, where)
    return None


def _story_body(corpus: Corpus, where: MentionQuery) -> go.Figure:
    limit = chart_style().story.max_marks
    shown, n_shown, n_mentions = corpus.events_top_and_counts(where, limit)
    n_total = corpus.events_count()
    state = st.session_state
    if keys.SELECTED_STORY_EVENT not in state:
        wanted = st.query_params.get(keys.URL_STORY_EVENT)
        state[keys.SELECTED_STORY_EVENT] = wanted or None  # checked against the filters below

    lanes_column, split_column, days_column = st.columns([3, 2, 2], vertical_alignment="bottom")
    url_lane = st.query_params.get(keys.URL_STORY_LANE)
    lane = segmented_choice(lanes_column, "Lanes", list(STORY_LANES), format_func=STORY_LANES.get,
                            key=keys.STORY_LANE,
                            initial=url_lane if url_lane in STORY_LANES else "event_type")
    split = split_column.toggle("An event in each actor's lane", key=keys.STORY_SPLIT,
                                disabled=lane == "event_type",
                                help="Off: each event once, in the lane of its best-known "
                                     "actor, with its other actors named.")
    days = days_column.toggle("Publication days", key=keys.STORY_PUBLICATIONS)
    # The chart's place, filled once the reference band it draws is known (chosen below it). A
    # container, not st.empty(): an empty element sent at a rerun's start would replace the
    # chart in the browser, which then mounts a new one instead of redrawing the one it has.
    chart_slot = st.container()
    with st.expander("Context: a reference chronology, drawn in the band under the lanes",
                     expanded=True):
        store = getattr(corpus, "store", None)
        # Linked over the unfiltered chronology's drawn events, once per store version.
        context = reference_context(corpus.events_top(None, limit),
                                    store.version() if store is not None else n_total)
    view = _story_view(corpus, where, limit, shown, lane, bool(split) and lane != "event_type",
                       bool(days), context)
    fig = view.figure
    drawn = (f" The {len(shown):,} most salient are drawn; find the others with the search "
             "under the chart, or narrow the filters." if len(shown) < n_shown else "")
    width = int(fig.layout.width or 920)
    with chart_slot:
        # The caption first, then the chart: as before the band moved into the chart.
        _caption_and_chart(fig, width, drawn, n_shown, n_total, n_mentions)
    _write_param(keys.URL_STORY_LANE, lane if lane != "event_type" else None)
    _drill_down(corpus, where, shown, view.picker, context.links)
    return fig


# Its own fragment: picking an event (or finding one) reruns the picker and the drill-down
# only; the chart (with its reference band) above stays as it is in the browser.
@st.fragment
def _drill_down(corpus: Corpus, where: MentionQuery, shown: pd.DataFrame,
                labels: dict[str, str], links: dict[str, tuple[str, str, str]]) -> None:
    with shown_as_message("The event's articles"):
        event = render_story_picker(corpus, where, shown, labels)
        _write_param(keys.URL_STORY_EVENT, None if event is None else str(event[schema.EVENT_KEY]))
        render_story_evidence(corpus, event)
        render_link(event, links)
        if event is not None and corpus.store is not None:
            with st.expander("Correct this event: date, status, type, actors, places, headline; "
                             "merge, split, hide a mention, delete an article"):
                members = set(schema.as_str_list(event[schema.MENTION_IDS]))
                render_curation(corpus.store, event,
                                corpus.mentions(dataclasses.replace(
                                    corpus.query(), event_ids=tuple(sorted(members)))),
                                other_events=shown, titles=corpus.titles(),
                                replay=getattr(corpus, "curation", None))


def _caption_and_chart(fig: go.Figure, width: int, drawn: str, n_shown: int, n_total: int,
                       n_mentions: int) -> None:
    st.caption(f"{n_shown:,} of {n_total:,} events, from {n_mentions:,} mentions.{drawn} "
               "Bigger marks are reported by more articles; filled marks happened, hollow ones are "
               "planned. Drag the strip under the chart to move in time; click an event to see "
               "every article that reports it.")
    _scroll_when_narrow(width)
    # The chart's own frame, as wide as its labels were laid out for (see _scroll_when_narrow).
    with st.container(key=keys.STORY_FRAME, width=width):
        plotly_chart(fig, key=keys.STORY_CHART, on_select=_select_from_story, width="content",
                     config={"displaylogo": False})


def _scroll_when_narrow(width: int) -> None:
    """On a screen narrower than the chart (a phone, 420 px) the chart keeps the width its
    labels were laid out for and the tab scrolls sideways, rather than squeezing the chart
    until its labels collide."""
    st.html(f"<style>@media (max-width: {width + 80}px) {{ [data-testid='stTabPanel'] "
            f"{{ overflow-x: auto; }} .st-key-{keys.STORY_FRAME} {{ min-width: {width}px; }} }}"
            "</style>")


@dataclasses.dataclass(frozen=True)
class StoryView:
    """What the story draws of a chronology: the figure, and the picker's labels (event_key
    -> label, in date order). Shared by sessions: never modified."""

    figure: go.Figure
    picker: dict[str, str]


def story_view(corpus: Corpus, shown: pd.DataFrame, lane: str, split: bool,
               publications: bool, reference: ReferenceBand | None = None) -> StoryView:
    """The story chart of `shown` (the most salient events), with the reference band if
    any, and its picker's labels."""
    latest = corpus.documents[schema.PUBLISHED].max()
    # The articles' rows are read only by article lanes (titles) and publication ticks: the
    # other views skip finding them (a scan of every article's id on each filter change).
    documents = None
    if lane == "doc_id" or publications:
        drawn_docs = {d for cell in shown[schema.DOC_IDS] for d in schema.as_str_list(cell)}
        documents = _documents_of(corpus, drawn_docs)
    fig = charts.story_figure(
        shown, documents, lane=lane, split=split, show_publications=publications,
        now=None if pd.isna(latest) else latest, reference=reference)
    listed = shown.iloc[np.sort(key_event_order(shown)[:PICKER_EVENTS])] if len(shown) else shown
    return StoryView(fig, picker_labels(listed))


def _story_view(corpus: Corpus, where: MentionQuery, limit: int, shown: pd.DataFrame, lane: str,
                split: bool, publications: bool, context: Context) -> StoryView:
    if corpus.store is None or corpus.chronology is not None:  # a table given as it is
        return story_view(corpus, shown, lane, split, publications, context.band)
    return _shared_story_view(corpus.store_path, corpus.version, where, limit, lane, split,
                              publications, context.ident, corpus, shown, context.band)


# Made once per store version, view and reference, for every session: a rerun that changes
# none (an event picked, an expander opened, a second visitor) draws it again without making
# it (seconds for 3,000 events: one hover text and status history each). `shown` is the
# events_top of the same key; `band` is the reference that `reference` (its content key) names.
@st.cache_resource(show_spinner=False, max_entries=8)
def _shared_story_view(path: str, version: tuple, where: MentionQuery, limit: int, lane: str,
                       split: bool, publications: bool, reference: str, _corpus: Corpus,
                       _shown: pd.DataFrame, _band: ReferenceBand | None) -> StoryView:
    return story_view(_corpus, _shown, lane, split, publications, _band)


def picker_labels(chronology: pd.DataFrame) -> dict[str, str]:
    """event_key -> the picker's line for it, in date order."""
    ordered = chronology.sort_values([schema.DATE_START, schema.EVENT_KEY], kind="stable")
    # only the columns a label reads: every row's mention and article lists made into
    # Python objects cost more than the labels (on 1,500 events of a big store)
    return {key: story_event_label(row)
            for key, row in zip(ordered[schema.EVENT_KEY],
                                records(ordered, _LABEL_COLUMNS))}


def story_search(where: MentionQuery, text: str) -> MentionQuery | None:
    """The mentions the picker's search asks for under the filters `where`: the sidebar's
    folding (case, accents, "cease-fire" for "ceasefire") when the sidebar searches nothing,
    else a plain substring beside the sidebar's search (a query holds one folded search).
    None for an empty search."""
    text = text.strip()
    if not text:
        return None
    if where.search:
        return dataclasses.replace(where, text=text)
    return dataclasses.replace(where, search=search_key(text), variants=spelling_variants())


def render_story_picker(corpus: Corpus, where: MentionQuery, shown: pd.DataFrame,
                        labels: dict[str, str] | None = None) -> pd.Series | None:
    """A select box of events in date order, the chart's selection without a mouse: the drawn
    events, or, with a search, the FOUND_EVENTS most salient events under the filters whose
    reports hold the words (any event of the store, not only the drawn ones). Returns the
    chosen event's row (None when none is chosen, or it no longer passes the filters)."""
    state = st.session_state
    labels = picker_labels(shown) if labels is None else labels
    text = st.text_input("Find any event under the filters", key=keys.STORY_FIND, max_chars=200,
                         placeholder="words of its reports, e.g. ceasefire Geneva",
                         help="Searches every event under the filters, not only those drawn; "
                              f"the {FOUND_EVENTS} most salient matches are listed. Without a "
                              f"search the list holds the {PICKER_EVENTS} most salient drawn "
                              "events; a click on the chart picks any.")
    rows = shown
    query = story_search(where, text)
    if query is not None:
        found, n_found = corpus.events_top_and_count(query, FOUND_EVENTS)
        labels = picker_labels(found)
        rows = found
        st.caption("No event under the filters is reported in these words." if not n_found else
                   f"{n_found:,} events under the filters are reported in these words"
                   + (f"; the {len(found):,} most salient are listed." if n_found > len(found)
                      else "."))
    chosen = state.get(keys.SELECTED_STORY_EVENT)
    event = _event_row(rows, chosen)
    if event is None and chosen:
        event = _event_row(shown, chosen)
        if event is None:  # chosen on another search, or named by a link: still under the filters?
            event = corpus.event(str(chosen), where)
    if event is None:
        state[keys.SELECTED_STORY_EVENT] = None
    options = list(labels)
    if event is not None and chosen not in labels:
        options.insert(0, chosen)  # the chosen event stays offered, as chosen
        labels = {**labels, chosen: story_event_label(event.to_dict())}
    st.selectbox("Event", options, key=keys.SELECTED_STORY_EVENT,
                 format_func=lambda k: labels.get(k, k), placeholder="Choose an event…")
    chosen = state.get(keys.SELECTED_STORY_EVENT)
    if event is None or chosen != event[schema.EVENT_KEY]:
        event = _event_row(rows, chosen) if chosen else None
    return event


def _event_row(rows: pd.DataFrame, key: object) -> pd.Series | None:
    if not key:
        return None
    hit = rows[rows[schema.EVENT_KEY] == key]
    return hit.iloc[0] if len(hit) else None


def render_event_picker(corpus: Corpus, events: pd.DataFrame, where: MentionQuery) -> None:
    """A select box of the drawn events (and the chosen one, chosen elsewhere, while it passes
    the filters): the chart's selection, without the chart."""
    options = list(events[schema.EVENT_ID])
    chosen = st.session_state.get(keys.SELECTED_EVENT)
    if chosen not in options:
        if chosen and _passes(corpus, where, chosen):
            events = pd.concat([events, corpus.mentions(
                dataclasses.replace(where, event_ids=(chosen,)))], ignore_index=True)
            options.append(chosen)
        else:
            st.session_state[keys.SELECTED_EVENT] = None
    labels = event_labels(events, corpus.titles())
    st.selectbox("Event", options, key=keys.SELECTED_EVENT,
                 format_func=lambda e: labels.get(e, e), placeholder="Choose an event…")
