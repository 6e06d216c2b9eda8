"""Pure views of the tables: charts, exports, evidence, filters. No Streamlit here."""
