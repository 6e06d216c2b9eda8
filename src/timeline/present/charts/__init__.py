"""Pure Plotly figure builders for the dashboard, the CLI and the exports. They take events
tables (schema.EVENT_COLUMNS) and return `plotly.graph_objects.Figure`; they never import
Streamlit and escape every piece of article text they draw.

- `story_figure(chronology, documents=None, lane="event_type", ...)`: the chronology, one mark
  per real-world event, key events labelled (the view that opens).
- `timeline_figure(events, documents=None, lane="actor", ...)`: the timeline of mentions.
- `activity_figure(events, by="actor", freq="M")`: activity per actor (or type/article) over time.
- `map_figure(events, coordinates=None)`: the places, on a plain lon/lat plot (offline).
- `event_ids_from_selection(selection)`: event ids from `st.plotly_chart(on_select=...)`.
- `event_type_color(event_type)`: the colour of a type in every chart.
"""
from __future__ import annotations

from timeline.present.charts.activity import activity_figure
from timeline.present.charts.places_map import map_figure
from timeline.present.charts.story import story_figure
from timeline.present.charts.style import event_type_color
from timeline.present.charts.timeline_chart import event_ids_from_selection, timeline_figure

__all__ = [
    "activity_figure",
    "event_ids_from_selection",
    "event_type_color",
    "map_figure",
    "story_figure",
    "timeline_figure",
]

