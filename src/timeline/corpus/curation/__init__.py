"""Curation: a report writer corrects the machine's chronology, kept as a log of edits.

Each correction is one record of the edits log (schema.EDIT_COLUMNS): an action, its target
and a JSON payload. The builders below (`edit_event`, `merge_events`, `split_event`,
`hide_mention`, `delete_article`, `undo`) make the records, checking the values a user typed;
`curate` replays a log over a chronology (`apply_edits` returns only the table) and
`apply_edits_to_mentions` drops hidden mentions and deleted articles from a mentions table.

The log is replayed, never the tables edited in place, so the corrections survive
re-extraction when the rules change: the chronology is rebuilt from the new mentions and the
same log is replayed over it. An edit names its event by `event_key` AND carries an anchor,
the mention ids the event held (and, when the mentions were known, each mention's article and
sentence offsets); `resolve_event` finds the event again through them when its key changed
(see there). Hidden mentions and deleted articles are by mention id (with the same sentence
anchor) and by doc_id.

Undo: an `undo` record cancels the edit it names by edit_id; an undo of an undo redoes. A
record that cannot be applied (malformed, too large, or stale: its event is gone) is skipped
with its reason listed in `Curation.skipped`, never an exception.

Costs: the replay is linear in the log (at most `limits.edits_per_replay` records) plus the
size of the chronology and mentions (indexed once per call); each edit costs the size of the
events it touches. Payloads are refused beyond `limits.payload_chars`.
"""

from __future__ import annotations

from timeline.corpus.curation.log import (Curation, Footprint, SkippedEdit, edit_footprint, edit_log,
                                          last_in_effect)
from timeline.corpus.curation.mention_index import match_spans
from timeline.corpus.curation.records import (anchor, clean_changes, delete_article, edit_event, hide_mention,
                                              merge_events, new_edit, split_event, undo)
from timeline.corpus.curation.replay import apply_edits, apply_edits_to_mentions, curate, resolve_event
from timeline.corpus.curation.rules import (DATE_FIELDS, EDITABLE_FIELDS, FIRST_DAY, LAST_DAY, LIST_FIELDS,
                                            MEMBERSHIP, RESOURCE, SPLIT_KEY_PREFIX, CurationRules, rules)

__all__ = ["DATE_FIELDS", "EDITABLE_FIELDS", "FIRST_DAY", "LAST_DAY", "LIST_FIELDS", "MEMBERSHIP", "RESOURCE",
           "SPLIT_KEY_PREFIX", "Curation", "CurationRules", "Footprint", "SkippedEdit", "anchor", "apply_edits",
           "apply_edits_to_mentions", "clean_changes", "curate", "delete_article", "edit_event", "edit_footprint",
           "edit_log", "hide_mention", "last_in_effect", "match_spans", "merge_events", "new_edit",
           "resolve_event", "rules", "split_event", "undo"]
