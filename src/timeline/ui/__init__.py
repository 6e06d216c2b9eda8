"""The dashboard's Streamlit layer: pages and components composed by `app.py`.

The only package (besides app.py) that imports Streamlit; everything it shows is computed by
the library (`timeline.present.filters`, `timeline.present.charts`, `timeline.present.exports`, `timeline.present.evidence`).
"""
