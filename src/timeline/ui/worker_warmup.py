"""Imported once by the worker processes' fork server (ui/worker.py): extracting one short
sentence loads every rule file, gazetteer and compiled pattern into that server, so each
worker forked from it starts with them (about 3 seconds each otherwise). Importing this
module does that work; nothing else imports it."""
from __future__ import annotations

from timeline.extract.events import extract_events

extract_events("Envoys met in Geneva on Monday and will meet again next week, officials said.",
               "2020-01-01")
