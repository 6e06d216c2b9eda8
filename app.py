"""The dashboard: `streamlit run app.py`. It only composes; the views live in timeline.ui and
the logic in the timeline library."""
from pathlib import Path

import streamlit as st

from timeline.ui import add_articles, export_view, keys, sidebar, timeline_view, views
from timeline.ui.data import load_corpus
from timeline.ui.errors import shown_as_message
from timeline.ui.state import keep_widget_values

ROOT = Path(__file__).resolve().parent

st.set_page_config(page_title="Timeline of diplomacy", page_icon="🗓️", layout="wide")
st.title("Timeline of diplomacy")
keep_widget_values(keys.KEPT_WHILE_HIDDEN)  # some tabs below are drawn only while open

with shown_as_message("The articles could not be loaded"):
    corpus = load_corpus(ROOT)
    # The filters as a query the store evaluates; each view asks for what it shows.
    where = corpus.query(sidebar.render_filters(corpus))

    figure = None
    # The open tab is part of the URL (?tab=Map), so a shared link opens on the same tab, and
    # opening a tab reruns the app: the Chronology, Activity, Map and Export tabs are made and
    # sent only while open (hidden, they cost every run their queries, and the browser the
    # table, charts and code widgets it drew unseen). The Timeline is always made: the Export
    # tab exports its chart.
    tabs = st.tabs(["Timeline", "Chronology", "Activity", "Map", "Add articles", "Export"],
                   key=keys.TAB, bind="query-params")
    with tabs[0], shown_as_message("The timeline"):
        figure = timeline_view.render_timeline(corpus, where)
    with tabs[1], shown_as_message("The chronology"):
        if tabs[1].open:
            views.render_chronology(corpus, where)
    with tabs[2], shown_as_message("The activity chart"):
        if tabs[2].open:
            views.render_activity(corpus, where)
    with tabs[3], shown_as_message("The map"):
        if tabs[3].open:
            views.render_map(corpus, where)
    # The forms send what is typed only when submitted: drawn always (they are light), so that
    # an article half pasted survives a look at another tab.
    with tabs[4], shown_as_message("Adding articles"):
        add_articles.render_add_articles(corpus.store_path)
    with tabs[5], shown_as_message("The exports"):
        if tabs[5].open:
            export_view.render_exports(corpus, where, figure)
