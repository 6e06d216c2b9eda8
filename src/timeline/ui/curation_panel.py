"""The curation panel of the selected event: a report writer corrects the machine.

Compact forms under the event's evidence: edit its fields, merge another event into it, split
chosen mentions into a new event, hide a mention, delete an article (after a confirmation),
undo the last edit or redo the last undone one, and the list of edits made with their time.
Every correction is one record appended to the store's edits log (`store.append_edits`); the
records are made and checked by `timeline.corpus.curation`, and the views show the chronology
with the log replayed (`curation.apply_edits`). A read-only store shows a note and no forms.

Everything shown that comes from articles or users (headlines, names, sentences, titles) is
escaped: widget options are plain text, messages go through `as_plain_markdown`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Final, Protocol

import pandas as pd
import streamlit as st

from timeline import schema
from timeline.corpus import curation
from timeline.errors import TimelineError
from timeline.extract.event_types import vocabulary
from timeline.ui.errors import as_plain_markdown, describe

# Widget keys: each form's keys end with the event's key, so choosing another event gives
# fresh forms. (Kept here: the panel is their only user.)
KEY_PREFIX: Final = "curation_"
AUTHOR_KEY: Final = "curation_author"
NOTICE_KEY: Final = "curation_notice"   # the message of the last correction, shown after rerun
MAX_OPTIONS: Final = 2000               # events offered for a merge: the nearest in date
SNIPPET_CHARS: Final = 110
FIRST_DAY: Final = dt.date.fromisoformat(curation.FIRST_DAY)  # what the tables can hold
LAST_DAY: Final = dt.date.fromisoformat(curation.LAST_DAY)
STATUS_LABELS: Final = {"occurred": "happened", "planned": "planned", "postponed": "postponed",
                        "cancelled": "cancelled"}
FIELD_LABELS: Final = {schema.DATE_START: "date", schema.DATE_END: "date",
                       schema.GRANULARITY: "precision", schema.EVENT_TYPE: "type",
                       schema.LOCATIONS: "places", schema.SALIENCE: "importance",
                       schema.MENTION_IDS: "mentions"}
READ_ONLY_NOTE: Final = ("This store is read-only: corrections cannot be saved here. Open a "
                         "writable store to edit events.")


class EditsStore(Protocol):
    """What the panel needs of the store."""

    def append_edits(self, df: pd.DataFrame) -> None: ...

    def edits(self) -> pd.DataFrame: ...


def _key(name: str, event_key: str) -> str:
    return f"{KEY_PREFIX}{name}_{event_key}"


def render_curation(store: EditsStore, chronology_row: Mapping[str, Any] | pd.Series,
                    mentions_of_event: pd.DataFrame, *,
                    other_events: pd.DataFrame | None = None,
                    titles: Mapping[str, str] | None = None,
                    replay: curation.Curation | None = None) -> None:
    """Draw the curation forms of one event (a row of the chronology, curated) and its
    mentions; `other_events` (the chronology) offers the events it can be merged with,
    `titles` (doc_id -> title) names the articles, `replay` (what `curation.curate` returned
    for the chronology shown) tells which edits were skipped and why."""
    event = dict(chronology_row)
    event_key = str(event.get(schema.EVENT_KEY) or "")
    titles = dict(titles or {})
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.success(as_plain_markdown(notice))
    if not getattr(store, "writable", True):
        st.info(READ_ONLY_NOTE)
        return
    if not event_key:
        st.info("Choose an event to correct it.")
        return
    edited = schema.as_str_list(event.get(schema.EDITED_FIELDS))
    if edited:
        names = dict.fromkeys(FIELD_LABELS.get(f, f) for f in edited)
        st.caption(as_plain_markdown("Corrected by hand: " + ", ".join(names)))
    mentions = schema.validate(mentions_of_event)
    st.text_input("Your name, for the edits log (optional)", key=AUTHOR_KEY, max_chars=80)
    tabs = st.tabs(["Edit", "Merge", "Split", "Hide a mention", "Delete an article", "Edits"])
    with tabs[0]:
        _edit_form(store, event, mentions)
    with tabs[1]:
        _merge_form(store, event, mentions, other_events)
    with tabs[2]:
        _split_form(store, event, mentions, titles)
    with tabs[3]:
        _hide_form(store, event, mentions, titles)
    with tabs[4]:
        _delete_form(store, event, mentions, titles)
    with tabs[5]:
        _history(store, replay)


# --- Forms -----------------------------------------------------------------------------------------

def _edit_form(store: EditsStore, event: dict[str, Any], mentions: pd.DataFrame) -> None:
    event_key = event[schema.EVENT_KEY]
    rules = curation.rules()
    start, end = _day(event.get(schema.DATE_START)), _day(event.get(schema.DATE_END))
    with st.form(_key("edit", event_key), border=False):
        headline = st.text_input("Headline", value=_text(event.get(schema.HEADLINE)),
                                 max_chars=rules.headline_chars, key=_key("headline", event_key))
        first, last, precision = st.columns(3)
        new_start = first.date_input("From", value=start, key=_key("start", event_key),
                                     format="YYYY-MM-DD", min_value=FIRST_DAY,
                                     max_value=LAST_DAY)
        new_end = last.date_input("To", value=end, key=_key("end", event_key),
                                  format="YYYY-MM-DD", min_value=FIRST_DAY, max_value=LAST_DAY)
        granularity = precision.selectbox(
            "Precision", rules.granularities, key=_key("granularity", event_key),
            index=_index(rules.granularities, event.get(schema.GRANULARITY)))
        status_column, type_column = st.columns(2)
        status = status_column.selectbox(
            "Status", schema.CHRONOLOGY_STATUSES, key=_key("status", event_key),
            index=_index(schema.CHRONOLOGY_STATUSES, event.get(schema.STATUS)),
            format_func=lambda s: STATUS_LABELS.get(s, s))
        types = vocabulary().types
        event_type = type_column.selectbox("Type", types, key=_key("type", event_key),
                                           index=_index(types, event.get(schema.EVENT_TYPE)))
        actors_now = schema.as_str_list(event.get(schema.ACTORS))
        places_now = schema.as_str_list(event.get(schema.LOCATIONS))
        actors = st.multiselect("Actors", actors_now, default=actors_now, accept_new_options=True,
                                key=_key("actors", event_key), max_selections=rules.list_items)
        places = st.multiselect("Places", places_now, default=places_now, accept_new_options=True,
                                key=_key("places", event_key), max_selections=rules.list_items)
        if not st.form_submit_button("Save the corrections"):
            return
    wanted = {schema.HEADLINE: headline, schema.DATE_START: new_start, schema.DATE_END: new_end,
              schema.GRANULARITY: granularity, schema.STATUS: status,
              schema.EVENT_TYPE: event_type, schema.ACTORS: actors, schema.LOCATIONS: places}
    current = {schema.HEADLINE: _text(event.get(schema.HEADLINE)), schema.DATE_START: start,
               schema.DATE_END: end, schema.GRANULARITY: event.get(schema.GRANULARITY),
               schema.STATUS: event.get(schema.STATUS), schema.EVENT_TYPE: event.get(schema.EVENT_TYPE),
               schema.ACTORS: actors_now, schema.LOCATIONS: places_now}
    changes = {k: v for k, v in wanted.items() if v != current[k] and v is not None}
    if not changes:
        st.info("Nothing was changed.")
        return
    _write(store, lambda: curation.edit_event(event, changes, mentions, _author()),
           f"Saved: {', '.join(changes)}.")


def _merge_form(store: EditsStore, event: dict[str, Any], mentions: pd.DataFrame,
                other_events: pd.DataFrame | None) -> None:
    event_key = event[schema.EVENT_KEY]
    if other_events is None or other_events.empty:
        st.caption("No other event to merge with.")
        return
    others = _nearest_events(other_events, event)  # the view's chronology: already valid
    if not others:
        st.caption("No other event to merge with.")
        return
    labels = {row[schema.EVENT_KEY]: _event_label(row) for row in others}
    with st.form(_key("merge", event_key), border=False):
        chosen = st.selectbox("The event that is the same happening as this one", list(labels),
                              format_func=labels.get, index=None, key=_key("merge_with", event_key),
                              placeholder="Choose an event…")
        submitted = st.form_submit_button("Merge it into this event")
    if not submitted:
        return
    if chosen is None:
        st.warning("Choose the event to merge into this one.")
        return
    other = next(row for row in others if row[schema.EVENT_KEY] == chosen)
    _write(store, lambda: curation.merge_events(event, other, mentions, _author()),
           "Merged: the two events are one.")


def _split_form(store: EditsStore, event: dict[str, Any], mentions: pd.DataFrame,
                titles: Mapping[str, str]) -> None:
    event_key = event[schema.EVENT_KEY]
    labels = _mention_labels(mentions, titles)
    if len(labels) < 2:
        st.caption("An event with one mention cannot be split.")
        return
    with st.form(_key("split", event_key), border=False):
        chosen = st.multiselect("Mentions that report another happening", list(labels),
                                format_func=labels.get, key=_key("split_ids", event_key),
                                max_selections=min(len(labels) - 1, curation.rules().split_mentions))
        submitted = st.form_submit_button("Move them into a new event")
    if submitted:
        _write(store, lambda: curation.split_event(event, chosen, mentions, _author()),
               f"Split: {len(chosen)} mention(s) moved into a new event.")


def _hide_form(store: EditsStore, event: dict[str, Any], mentions: pd.DataFrame,
               titles: Mapping[str, str]) -> None:
    event_key = event[schema.EVENT_KEY]
    labels = _mention_labels(mentions, titles)
    if not labels:
        st.caption("This event has no mention to hide.")
        return
    with st.form(_key("hide", event_key), border=False):
        chosen = st.selectbox("A mention that is wrong (it disappears from every view and export)",
                              list(labels), format_func=labels.get, index=None,
                              key=_key("hide_id", event_key), placeholder="Choose a mention…")
        submitted = st.form_submit_button("Hide this mention")
    if not submitted:
        return
    if chosen is None:
        st.warning("Choose the mention to hide.")
        return
    _write(store, lambda: curation.hide_mention(chosen, mentions, _author()),
           "Hidden: the mention no longer counts.")


def _delete_form(store: EditsStore, event: dict[str, Any], mentions: pd.DataFrame,
                 titles: Mapping[str, str]) -> None:
    event_key = event[schema.EVENT_KEY]
    doc_ids = list(dict.fromkeys(mentions[schema.DOC_ID].dropna().astype(str)))
    if not doc_ids:
        st.caption("No article reports this event.")
        return
    with st.form(_key("delete", event_key), border=False):
        chosen = st.selectbox("An article to leave out of the chronology", doc_ids,
                              format_func=lambda d: _snippet(titles.get(d, d)), index=None,
                              key=_key("delete_doc", event_key), placeholder="Choose an article…")
        sure = st.checkbox("Yes: remove every mention of this article from every event (undo "
                           "brings them back)", key=_key("delete_sure", event_key))
        submitted = st.form_submit_button("Delete the article")
    if not submitted:
        return
    if chosen is None:
        st.warning("Choose the article to delete.")
        return
    if not sure:
        st.warning("Tick the box to confirm the deletion.")
        return
    _write(store, lambda: curation.delete_article(chosen, _author(), titles.get(chosen, "")),
           f"Deleted: {titles.get(chosen, chosen)}.")


def _history(store: EditsStore, replay: curation.Curation | None) -> None:
    try:
        edits = store.edits()
    except TimelineError as exc:
        st.error(as_plain_markdown(f"The edits log cannot be read: {describe(exc)}"))
        return
    last = curation.last_in_effect(edits)
    last_undo = curation.last_in_effect(edits, action_undo=True)
    undo_column, redo_column = st.columns(2)
    if undo_column.button("Undo the last edit", key=f"{KEY_PREFIX}undo", disabled=last is None):
        _write(store, lambda: curation.undo(str(last), _author()), "Undone.")
    if redo_column.button("Redo what was undone", key=f"{KEY_PREFIX}redo",
                          disabled=last_undo is None):
        _write(store, lambda: curation.undo(str(last_undo), _author()), "Redone.")
    table = curation.edit_log(edits, replay)
    if table.empty:
        st.caption("No edit yet.")
        return
    shown = table.drop(columns=[schema.EDIT_ID, schema.ACTION])
    st.dataframe(shown, hide_index=True, key=f"{KEY_PREFIX}log", column_config={
        schema.EDITED_AT: st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
        "what": st.column_config.TextColumn("What", width="large"),
        schema.AUTHOR: st.column_config.TextColumn("Who"),
        "state": st.column_config.TextColumn("State"),
    })


# --- Helpers ---------------------------------------------------------------------------------------

def _write(store: EditsStore, make: Callable[[], pd.DataFrame], message: str) -> None:
    """Make the record (InputError: the user's value is refused), append it, rerun."""
    try:
        record = make()
        store.append_edits(record)
    except TimelineError as exc:
        st.error(as_plain_markdown(describe(exc)))
        return
    st.session_state[NOTICE_KEY] = message
    st.rerun()


def _author() -> str:
    return str(st.session_state.get(AUTHOR_KEY) or "")


def _nearest_events(chronology: pd.DataFrame, event: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The other events, at most MAX_OPTIONS, the nearest in date first (a same-happening
    duplicate is near), then in date order."""
    others = chronology[chronology[schema.EVENT_KEY] != event.get(schema.EVENT_KEY)]
    start = pd.Timestamp(event.get(schema.DATE_START)) if _day(event.get(schema.DATE_START)) \
        else None
    if start is not None and len(others) > MAX_OPTIONS:
        distance = (others[schema.DATE_START] - start).abs()
        others = others.loc[distance.nsmallest(MAX_OPTIONS).index]
    others = others.sort_values([schema.DATE_START, schema.EVENT_KEY], kind="stable",
                                na_position="last")
    return others.to_dict("records")


def _event_label(row: Mapping[str, Any]) -> str:
    day = _day(row.get(schema.DATE_START))
    when = day.isoformat() if day else "undated"
    return _snippet(f"{when} · {_text(row.get(schema.HEADLINE)) or row.get(schema.EVENT_TYPE)} "
                    f"({row.get(schema.N_ARTICLES) or 0} article(s))")


def _mention_labels(mentions: pd.DataFrame, titles: Mapping[str, str]) -> dict[str, str]:
    labels = {}
    for row in mentions.to_dict("records"):
        doc = str(row[schema.DOC_ID])
        labels[str(row[schema.EVENT_ID])] = _snippet(
            f"{titles.get(doc, doc)}: “{_text(row[schema.SENTENCE])}”")
    return labels


def _snippet(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS - 1] + "…"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _day(value: Any) -> dt.date | None:
    try:
        return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None


def _index(options: tuple[str, ...], value: Any) -> int | None:
    return options.index(value) if value in options else None
