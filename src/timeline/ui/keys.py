"""Session-state and widget keys of the dashboard, in one place.

Widgets are driven by these keys from the app and from tests (AppTest sets
`at.session_state[keys.SELECTED_EVENT]`, finds `at.multiselect(key=keys.FILTER_ACTORS)`).
"""
from __future__ import annotations

from typing import Final

# Filters (sidebar); their values mirror the URL query parameters.
FILTER_ACTORS: Final = "filter_actors"
FILTER_EVENT_TYPES: Final = "filter_event_types"
FILTER_STATUSES: Final = "filter_statuses"
FILTER_DATE_RANGE: Final = "filter_date_range"
FILTER_DATE_FULL: Final = "filter_date_full"  # the data's range when the widget was drawn
FILTER_ARTICLES: Final = "filter_articles"
FILTER_TEXT: Final = "filter_text"
FILTER_RESET: Final = "filter_reset"
FILTERS_FROM_URL: Final = "filters_read_from_url"  # the URL is read once per session
URL_UNKNOWN: Final = "url_unknown_values"  # what the shared link asked for that the data lacks

# Timeline view.
LANE: Final = "timeline_lane"
LABEL_KEY_EVENTS: Final = "timeline_label_key_events"
SPLIT_MENTIONS: Final = "timeline_split"  # a mention in each of its actors' lanes
CHART: Final = "timeline_chart"
SELECTED_EVENT: Final = "selected_event"  # event_id shown in the evidence panel
EVENT_PICKER: Final = "event_picker"

# Story view (the chronology: one mark per real-world event).
TIMELINE_MODE: Final = "timeline_mode"          # "story" | "mentions"
STORY_LANE: Final = "story_lane"
STORY_SPLIT: Final = "story_split"              # an event in each of its actors' lanes
STORY_PUBLICATIONS: Final = "story_publications"
STORY_CHART: Final = "story_chart"
STORY_FRAME: Final = "story_frame"  # the fixed-width container of the story chart
SELECTED_STORY_EVENT: Final = "selected_story_event"  # event_key shown in the drill-down
STORY_FIND: Final = "story_find"  # the picker's search: any event under the filters

# The timeline view's URL parameters (the filters' are timeline.present.filters.PARAM_*).
URL_LANE: Final = "lane"
URL_EVENT: Final = "event"
URL_MODE: Final = "view"            # "mentions" (the story is the default and needs none)
URL_STORY_LANE: Final = "story_lane"
URL_STORY_EVENT: Final = "story_event"
TAB: Final = "tab"                   # the open tab: a widget key bound to the URL parameter
VIEW_URL_PARAMS: Final = (URL_LANE, URL_EVENT, URL_MODE, URL_STORY_LANE, URL_STORY_EVENT, TAB)

# Chronology table.
CHRONOLOGY_TABLE: Final = "chronology_table"
CHRONOLOGY_PAGE: Final = "chronology_page"      # the table's page (PAGE_ROWS rows each)

# Activity and map.
ACTIVITY_BY: Final = "activity_by"
ACTIVITY_FREQ: Final = "activity_freq"
ACTIVITY_CHART: Final = "activity_chart"
MAP_CHART: Final = "map_chart"

# Adding articles.
UPLOAD_FORM: Final = "upload_form"
UPLOAD_FILES: Final = "upload_files"
UPLOAD_PUBLISHED: Final = "upload_published"
UPLOAD_SUBMIT: Final = "upload_submit"
PASTE_FORM: Final = "paste_form"
PASTE_TEXT: Final = "paste_text"
PASTE_TITLE: Final = "paste_title"
PASTE_SOURCE: Final = "paste_source"
PASTE_PUBLISHED: Final = "paste_published"
PASTE_SUBMIT: Final = "paste_submit"
ADD_REPORT: Final = "add_report"  # messages of the last add, shown after the rerun

# Exports.
EXPORT_CSV: Final = "export_csv"
EXPORT_JSON: Final = "export_json"
EXPORT_TIMELINEJS: Final = "export_timelinejs"
EXPORT_MARKDOWN: Final = "export_markdown"
EXPORT_HTML: Final = "export_html"
EXPORT_PNG: Final = "export_png"
EXPORT_SVG: Final = "export_svg"
# The report frame of exported charts, and the images made for it.
EXPORT_TITLE: Final = "export_title"
EXPORT_CAPTION: Final = "export_caption"
EXPORT_CREDIT: Final = "export_credit"
EXPORT_PRESET: Final = "export_preset"
EXPORT_MAKE_IMAGES: Final = "export_make_images"
EXPORT_IMAGES: Final = "export_images"  # ((frame, figure json), {"png": bytes, "svg": bytes})
EXPORT_CHRONOLOGY_CSV: Final = "export_chronology_csv"
# The widgets of the tabs drawn only while open (Chronology, Export): Streamlit forgets a
# widget's value on a run that does not draw it, so these are kept across a visit to another
# tab (ui/state.py). Buttons and selections cannot be set: not listed.
KEPT_WHILE_HIDDEN: Final = (CHRONOLOGY_PAGE, EXPORT_TITLE, EXPORT_CAPTION, EXPORT_CREDIT,
                            EXPORT_PRESET)
# The reference chronology shown as context under the story.
REFERENCE_CHOICE: Final = "reference_choice"
REFERENCE_UPLOAD: Final = "reference_upload"
