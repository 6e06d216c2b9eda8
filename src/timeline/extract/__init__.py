"""Article-level extraction: sentences, actors, places, event types, status -> mention rows."""
