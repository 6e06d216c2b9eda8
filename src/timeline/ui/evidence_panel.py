"""The evidence panel: where an event comes from. Its sentence inside its paragraph (time
expression and actors highlighted), how its date was resolved, and the article's title,
source and publication date. The HTML is built, fully escaped, by `timeline.present.evidence`."""
from __future__ import annotations

import streamlit as st

from timeline import schema
from timeline.present.evidence import event_evidence_html
from timeline.ui.data import Corpus


def render_evidence(corpus: Corpus, event_id: str | None) -> None:
    """Show the evidence of `event_id` (a hint when no event is selected)."""
    if not event_id:
        st.info("Select an event on the chart, in the list above or in the chronology table "
                "to see the sentence it comes from.")
        return
    rows = corpus.events[corpus.events[schema.EVENT_ID] == event_id]
    if rows.empty:
        st.info("The selected event is no longer in the store.")
        return
    event = rows.iloc[0]
    st.html(event_evidence_html(event, corpus.document(event[schema.DOC_ID])))
