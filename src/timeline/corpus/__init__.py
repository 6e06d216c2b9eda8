"""The corpus layer: the store of articles and mentions, ingest, and what is built on them."""
