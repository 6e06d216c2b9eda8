"""Who and where from the article's discourse, for events whose own sentence does not say.

Real reporting names the participants once and then refers to "the talks", "the truce", "the
envoy", "both sides": the sentence with the date often names no one ("The talks are to resume
no later than 25 February."). Reading the article in order, `Discourse` keeps the happenings it
has named (talks, meetings, truces, agreements, offensives: resources/discourse.yaml) with their
participants and venue, and the people named beside a role word ("envoy", "spokesman"). A row
whose sentence names no actor takes those of the happening or role its sentence refers to; one
whose sentence names no place takes the happening's venue (the same happening earlier, the
headline's, the dateline's) or, for a truce or an offensive, the country the article is about.
What came from where is written in the row's `context_rule`. A row whose sentence names its
actors (or places) keeps exactly those.

Each kind and role keeps only its latest few holders, so reading a sentence and completing a
row cost the same whatever the article's length.
"""
from __future__ import annotations

from typing import Any

from timeline import schema
from timeline.extract.sentences import Sentence

from timeline.extract.discourse.rules import ABOUT, COUNTRY_PLACE, DiscourseRules, Role, build_rules, rules
from timeline.extract.discourse.who import ActorSide
from timeline.extract.discourse.where import PlaceSide


class Discourse(ActorSide, PlaceSide):
    """What an article has said so far, read sentence by sentence in order (`read`), and the
    completion of a row whose sentence names no one or no place from it (`complete`)."""

    def complete(self, row: dict[str, Any], sentence: Sentence) -> None:
        """Fill the empty actors or places of `row` (an event of `sentence`) from the discourse,
        and say how in its context_rule."""
        why: list[str] = [self._lent.pop(id(row))] if id(row) in self._lent else []
        # Background ("the 2001 security pact"): not the happening the article tells, so it
        # takes neither its participants nor its venue; only the country the story is about.
        background = self._days_before_publication(row[schema.DATE_END]) > self.rules.background_days
        view = row[schema.SENTENCE]
        at = max(0, int(row[schema.TIMEX_START]) - int(row[schema.CHAR_START])) \
            if not row[schema.DATE_INHERITED] and row[schema.TIMEX_START] is not None else 0
        self._complete_actors(row, sentence, view, at, background, why)
        self._complete_places(row, sentence, view, at, background, why)
        row[schema.CONTEXT_RULE] = "; ".join(why)


__all__ = ["ABOUT", "COUNTRY_PLACE", "Discourse", "DiscourseRules", "Role", "build_rules", "rules"]
