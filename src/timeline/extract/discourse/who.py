"""Who: the actors a row takes from the discourse."""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, deque
from typing import TYPE_CHECKING, Any

from timeline import schema
from timeline.extract.places import gazetteer as place_gazetteer
from timeline.extract.phrases import POSSESSIVE_ENDINGS
from timeline.extract.sentences import Sentence

from timeline.extract.discourse.rules import ABOUT, _BROKER_AFTER, _COMMENT, _DATELINE_PARAGRAPHS, _HAPPENING, _LASTING, _PARTIES_KEPT, _SAYS_AFTER, _key
from timeline.extract.discourse.reading import _WORDS_BEFORE, Reading, _WORD, _kind, _phrase, _qualified, _states, _title_words

if TYPE_CHECKING:
    from timeline.extract.actors import ActorMention


class ActorSide(Reading):
    """Who takes part in a row's event when its sentence names no one (or not everyone)."""

    def read(self, sentence: Sentence) -> None:
        """Take note of what `sentence` says (Reading.read), and of how many it names together."""
        super().read(sentence)
        r = self.rules
        if r.numbered is None:
            return
        inside = self._mentions.actor_mentions(sentence.start, sentence.end)
        words = self._words[bisect.bisect_left(self._word_starts, sentence.start):bisect.bisect_left(self._word_starts, sentence.end)]
        if not inside or any(w[2] == _COMMENT for w in words):
            return   # (a commentator's sentence names no one who acts together)
        for person in (True, False):
            acting = [m for m in inside if m.person == person and self._acting(m)]
            count = len(dict.fromkeys(m.actors[0] for m in acting))
            if count in r.numbered_counts:
                self._counted.setdefault((person, count), deque(maxlen=2)).append(
                    (sentence.start, sentence.paragraph, tuple(dict.fromkeys(n for m in acting for n in m.actors))))
            # ... and each list of them ("Saudi Arabia, the United Arab Emirates, Bahrain and Egypt
            # cut ties with Qatar": four countries, whoever else the sentence names).
            for listed in _lists(self._text, acting, r.list_join):
                n = len(dict.fromkeys(m.actors[0] for m in listed))
                if n != count and n in r.numbered_counts:
                    self._counted.setdefault((person, n), deque(maxlen=2)).append(
                        (sentence.start, sentence.paragraph, tuple(dict.fromkeys(x for m in listed for x in m.actors))))

    @functools.cached_property
    def _counted(self) -> dict[tuple[bool, int], deque[tuple[int, int, tuple[str, ...]]]]:
        """The latest sentences that name exactly n people (with the sides they speak for), or n
        states, organisations and groups: (people?, n) -> (sentence start, paragraph, names), for
        "the three presidents", "all four countries" (numbered_references). Two kept per key."""
        return {}

    def _complete_actors(self, row: dict[str, Any], sentence: Sentence, view: str, at: int, background: bool,
                         why: list[str]) -> None:
        """Give `row` the actors the discourse lends it (`complete`), each reason added to `why`."""
        para, kind = sentence.paragraph, row[schema.EVENT_TYPE]
        if self.noting:
            self.lenders[id(row)] = dict.fromkeys(row[schema.ACTORS], "own")
            self.offered[id(row)] = self._offers(kind, para)
        # Where the sentence names its own actors (offsets in `view`), before any is lent.
        lo = int(row[schema.CHAR_START])
        own = [m.start - lo for m in self._mentions.actor_mentions(lo, int(row[schema.CHAR_END]))
               if m.actors[0] in row[schema.ACTORS]]
        topics = self._reported_actors(row) if kind in self.rules.speaker_types else ()
        if topics:
            row[schema.ACTORS] = [a for a in row[schema.ACTORS] if a not in topics]
            own = [m.start - lo for m in self._mentions.actor_mentions(lo, int(row[schema.CHAR_END]))
                   if m.actors[0] in row[schema.ACTORS]]
            why.append("actors: the speaker, not whom the reported words name (" + ", ".join(topics) + ")")
            if self.noting:
                self.lenders[id(row)].update(dict.fromkeys(topics, "reported_out"))
        if not row[schema.ACTORS]:
            found = self._actors(view, at, para, kind, background, lo)
            if found:
                row[schema.ACTORS], reason = list(found[0]), found[1]
                why.append(f"actors from {reason}")
                self._lent_by(row, "happening_or_role")
        # "They resumed ..., when the two sides signed ... managed by the United Nations": the
        # subject is who the pronoun stands for, whoever else the sentence names.
        they = self._they() if self.rules.plural_subject is not None and self.rules.plural_subject.match(view) else None
        if they and not set(they[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*they[0], *row[schema.ACTORS]]))
            why.append(f"actors from {they[1]}")
            self._lent_by(row, "they")
        named = self._sides_named(view, at, para) if row[schema.ACTORS] else None
        if named and not set(named[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *named[0]]))
            why.append(f"actors from {named[1]}")
            self._lent_by(row, "sides_named")
        titled = self._titled(view, at, para, lo)
        if titled and not set(titled[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *titled[0]]))
            why.append(f"actors from {titled[1]}")
            self._lent_by(row, "sides_named")   # (the participant model weighs it as a role's holder)
        owner = self._possessor(view, lo)
        if owner and not set(owner[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *owner[0]]))
            why.append(f"actors from {owner[1]}")
            self._lent_by(row, "they")   # (the participant model weighs it as a pronoun's referent)
        counted = self._numbered(view, at, sentence)
        if counted and not set(counted[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *counted[0]]))
            why.append(f"actors from {counted[1]}")
            self._lent_by(row, "sides_named")   # (the participant model weighs it as a plural reference)
        people = self._lede_people(row[schema.ACTORS]) if para <= self._lede and not background \
            and kind in self._participant_types else ()
        if people:
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *people]))
            why.append("actors from the paragraphs after the lede")
            self._lent_by(row, "lede_people")
        hosts = self._hosts(int(row[schema.CHAR_START]), int(row[schema.CHAR_END]), row[schema.ACTORS])
        if hosts:
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *hosts]))
            why.append("actors from the capital visited (" + ", ".join(hosts) + ")")
            self._lent_by(row, "hosts")
        sides = self._belligerents(view, at, para, kind)
        if sides and not set(sides[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *sides[0]]))
            why.append(f"actors from {sides[1]}")
            self._lent_by(row, "belligerents")
        ahead = self._named_next(sentence, view, at, kind) if not own else None
        if ahead and not set(ahead[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *ahead[0]]))
            why.append(f"actors from {ahead[1]}")
            self._lent_by(row, "named_next")
        group = self._group(view)
        if group and not set(group[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *group[0]]))
            why.append(f"actors from {group[1]}")
            self._lent_by(row, "group")
        forces = self._home_forces(view, at, kind) if row[schema.ACTORS] else None
        if forces and not set(forces[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *forces[0]]))
            why.append(f"actors from {forces[1]}")
            self._lent_by(row, "home_forces")
        held = self._held_by_story(view, at, kind, background, own, not row[schema.ACTORS], para)
        if held and not set(held[0]) <= set(row[schema.ACTORS]):
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *held[0]]))
            why.append(f"actors from {held[1]}")
            self._lent_by(row, "held_by_story")
        listed = self._listed_participants(view, at, para, kind, row[schema.ACTORS],
                                           self.rules.plural_subject is not None and self.rules.plural_subject.match(view) is not None)
        if listed:
            row[schema.ACTORS] = list(dict.fromkeys([*row[schema.ACTORS], *listed[0]]))
            why.append(f"actors from {listed[1]}")
            self._lent_by(row, "listed")

    def _offers(self, event_type: str, para: int) -> dict[str, str]:
        """What the discourse read so far offers a row of `event_type` in paragraph `para`, each
        name with its source: the participants of the latest happening of its kind in reach, the
        story's sides, the latest two parties and two people named together, the home state."""
        offers: dict[str, str] = {}
        for kind in self._kinds_of_type.get(event_type, ()):
            found = self._participants(kind, para, also=True)
            for n in found[0] if found else ():
                offers.setdefault(n, "happening")
        for n in self._sides_at(para):
            offers.setdefault(n, "story_sides")
        for people in (False, True):
            pairs = [p for p in self._pairs[people] if self._in_reach(p[0], para)]
            for n in pairs[-1][1] if pairs else ():
                offers.setdefault(n, "pair")
        home = self._home_state()
        if home:
            offers.setdefault(home, "home")
        return offers

    @functools.cached_property
    def _kinds_of_type(self) -> dict[str, tuple[str, ...]]:
        """Event type -> the happening kinds (that lend participants) a row of it may be."""
        out: dict[str, tuple[str, ...]] = {}
        for kind in sorted(self.rules.lends_participants):
            for t in self.rules.types_of.get(kind, ()):
                out[t] = (*out.get(t, ()), kind)
        return out

    def _lent_by(self, row: dict[str, Any], step: str) -> None:
        """Note which completion step lent each name `row` has not had before (the participant
        model weighs each step's names apart: `lenders`)."""
        if not self.noting:
            return
        lent = self.lenders.setdefault(id(row), {})
        for name in row[schema.ACTORS]:
            lent.setdefault(name, step)

    def _listed_participants(self, view: str, at: int, para: int, event_type: str, actors: list[str],
                             they: bool) -> tuple[tuple[str, ...], str] | None:
        """Who the article says took part in its talks ("The delegations were headed by Alija
        Izetbegović for Bosnia and Herzegovina, Franjo Tuđman for Croatia ..."), for a row that is
        those talks or their agreement, referred to as known ("They opened on 1 November", "The
        agreement was formally signed in Paris") and still naming no person and at most one party:
        the sentence introduced by one of participants_intro nearest it, within
        participants_paragraphs paragraphs either way (an encyclopedic account says when before who)."""
        r = self.rules
        if r.participants_intro is None or event_type not in r.participants_types:
            return None
        if any(_kind(a) == "person" for a in actors) or \
                sum(1 for a in actors if _kind(a) in ("state", "organisation", "armed_group")) > 1:
            return None
        # Known, and the sentence's subject: "The talks opened", "The agreement was signed" (not
        # "a meeting", not "the Washington Agreement", not "Elections under the agreement"), or "They".
        if not they:
            named = [m for m in self._nearest(r.happenings, view, at, new_too=True)
                     if view[:m.start()].strip().lower() in r.definite_articles and m.group()[:1].islower()
                     and r.kind_of[_key(m.group())] in r.lends_participants]
            if not named:
                return None
        best = None
        for sentence_para, names in self._intros:
            if abs(sentence_para - para) <= r.participants_paragraphs and \
                    (best is None or abs(sentence_para - para) < abs(best[0] - para)):
                best = (sentence_para, names)
        if best is None:
            return None
        return best[1], f"the participants {self._where(best[0])} names"

    @functools.cached_property
    def _intros(self) -> list[tuple[int, tuple[str, ...]]]:
        """(paragraph, actors) of each sentence that says who took part ("The delegations were
        headed by ..."): its states, organisations, groups and people who act. Found once, by one
        scan of the article, the first time a row asks."""
        r = self.rules
        out: list[tuple[int, tuple[str, ...]]] = []
        if r.participants_intro is None:
            return out
        starts = self._sentence_starts
        for m in r.participants_intro.finditer(self._text):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k < 0:
                continue
            s = self._sentences[k]
            names = tuple(dict.fromkeys(n for a in self._mentions.actor_mentions(s.start + (m.end() - s.start), s.end)
                                        if self._acting(a) for n in a.actors))
            if names:
                out.append((s.paragraph, names[:r.max_participants]))
        return out

    def _reported_actors(self, row: dict[str, Any]) -> tuple[str, ...]:
        """The actors a statement's sentence names only in the words it reports ("Saakashvili said
        on Wednesday that Russia had broken the truce": Russia is spoken of, not speaking): those
        named after the first verb of saying whose subject the sentence names before it (or a
        pronoun stands for), except one addressed by the speaker ("called on the United States")."""
        from timeline.extract.actors import gazetteer

        lo, hi = int(row[schema.CHAR_START]), int(row[schema.CHAR_END])
        inside = self._mentions.actor_mentions(lo, hi)
        if not inside:
            return ()
        verbs = self.rules.opinion_verbs
        for w in _WORD.finditer(self._text, lo, hi):
            if w.group().lower() not in verbs:
                continue
            speakers = [m for m in inside if m.end <= w.start()]
            named = {n for m in speakers for n in m.actors}
            # The speaker: named before the verb, or a pronoun's referent (named in no mention here).
            others = {n for m in inside for n in m.actors}
            referents = [a for a in row[schema.ACTORS] if a not in others]
            if not named and not referents:
                return ()
            # Whom the speaker speaks for stays, wherever it is named ("he said Serbia would ...").
            for name in [*named, *referents]:
                actor = gazetteer().actors.get(name)
                named.update(actor.speaks_for(row[schema.DATE_START], gazetteer().former_after) if actor is not None else ())
            # "The Taliban said on Monday that they would resume operations against ...": the
            # speaker tells its own act, whose other side takes part.
            if self.rules.reported_self is not None and self.rules.reported_self.match(self._text, w.end(), min(hi, w.end() + 60)):
                return ()
            keep = self.rules.reported_keep
            spoken = [m.start >= w.end() and not (keep is not None and keep.search(self._text, max(w.end(), m.start - 20), m.start))
                      for m in inside]
            # (A name also named outside the reported words stays: "wrote to Rabin ... Rabin signed".)
            named.update(n for m, said in zip(inside, spoken) if not said for n in m.actors)
            return tuple(dict.fromkeys(n for m, said in zip(inside, spoken) if said for n in m.actors
                                       if n not in named and n in row[schema.ACTORS]))
        return ()

    def _actors(self, view: str, at: int, para: int, event_type: str, background: bool = False, lo: int = 0
                ) -> tuple[tuple[str, ...], str] | None:
        """Who the sentence's role phrase ("the rebels", "both sides") and the happening it is
        ("the ceasefire": of a kind its event type is) stand for: the nearest of each, together.
        For background only the lasting roles count ("the government", "the rebels"), and those
        marked `background` ("the two leaders": the latest two people named together)."""
        r = self.rules
        names: dict[str, None] = {}
        whence = []
        # Role phrases are definite ("the two delegations"): a number before one is a date's
        # ("On 11 May, the two delegations ..."), not another happening's.
        for m in self._nearest(r.role_phrases, view, at, new_too=True):
            index = r.role_of[_key(m.group())]
            if self._not_acting(view, m, index) or _qualified(view, m) or not _as_subject(view, m, r.roles[index]) \
                    or (r.roles[index].alone and not self._alone(view, m, lo)):
                continue   # "talks with the envoy", "marched against both sides": not who acts
            if background and r.roles[index].takes not in _LASTING and not r.roles[index].background:
                continue
            found = self._role(index, view, at, para)
            if found:
                names.update(dict.fromkeys(found[0]))
                whence.append(f"{found[1]} ({_key(m.group())})")
                break
        for m in [] if background else self._told(view, at, event_type):
            if r.kind_of[_key(m.group())] not in r.lends_participants:
                continue
            if self._ratified(view, m) or self._framing(view, m):
                break
            found = self._participants(r.kind_of[_key(m.group())], para, also=True)
            if found:
                for n in found[0]:
                    if len(names) < r.max_participants:
                        names.setdefault(n)
                whence.append(f"{self._where(found[1])} ({_phrase(m)})")
                break
        return (tuple(names), " and ".join(whence)) if names else None

    def _told(self, view: str, at: int, event_type: str) -> list[re.Match[str]]:
        """The happenings of the sentence a row of `event_type` may be, nearest its date first, not
        one introduced as another ("a previous round"); none when the nearest is such a one
        (nearest_new_lends_nothing): "A previous round ended on 12 January, and talks at Montreux
        broke off" tells that round, and a farther happening of the sentence lends it no one."""
        nearest = self._nearest(self.rules.happenings, view, at, event_type, new_too=True)
        if nearest and self.rules.nearest_new_lends_nothing and self._is_new(view, nearest[0]):
            return []
        return [m for m in nearest if not self._is_new(view, m)]

    def _ratified(self, view: str, happening: re.Match[str]) -> bool:
        """Whether the sentence approves or ratifies the happening it names ("the parliament is to
        ratify the accord"): the state at home acts, not who signed it (elsewhere_lends_no_one)."""
        r = self.rules
        kind = r.kind_of[_key(happening.group())]
        return r.elsewhere_lends_no_one and kind in r.elsewhere and r.elsewhere[kind].search(view) is not None

    def _framing(self, view: str, happening: re.Match[str]) -> bool:
        """Whether the happening is named as the frame of what the row tells ("Under the accord,
        the delegations will choose a chairman"): those who act under it are the sentence's own."""
        frames = self.rules.frame_words
        return frames is not None and frames.search(view[max(0, happening.start() - _WORDS_BEFORE):happening.start()]) is not None

    def _home_forces(self, view: str, at: int, event_type: str) -> tuple[tuple[str, ...], str] | None:
        """The state the article is about, for fighting whose sentence names the other side and its
        forces by a role phrase ("Renamo fighters clash with the army again", "clashed with army
        troops in the town of Datu Piang"): in a clash, who is fought with takes part too. Not
        forces named with a nationality ("Kenyan troops")."""
        r = self.rules
        if event_type not in r.country_types:
            return None
        for m in self._nearest(r.role_phrases, view, at, new_too=True):
            index = r.role_of[_key(m.group())]
            if r.roles[index].takes == "home_state" and not _qualified(view, m) and _as_subject(view, m, r.roles[index]):
                found = self._role(index, view, at, 0)
                if found:
                    return found[0], f"{found[1]} ({_key(m.group())})"
        return None

    @functools.cached_property
    def _groups(self) -> dict[str, tuple[str, ...]]:
        """(Read once, the first time a sentence names a group by its head noun.)"""
        return self._group_members(self._sentences)

    def _group_members(self, sentences: list[Sentence]) -> dict[str, tuple[str, ...]]:
        """The groups the article lists by name anywhere ("The six powers are Britain, China,
        France, Germany, Russia and the United States."): head noun -> the states and
        organisations named after the verb in that sentence (at least two)."""
        r = self.rules
        out: dict[str, tuple[str, ...]] = {}
        if r.group_defined is None:
            return out
        for sentence in sentences:
            m = r.group_defined.search(sentence.text)
            if m is None:
                continue
            start = sentence.start + m.end()
            names = tuple(dict.fromkeys(a.actors[0] for a in self._mentions.actor_mentions(start, sentence.end)
                                        if not a.person and self._acting(a)))
            if len(names) >= 2:
                out.setdefault(m.group(1).lower(), names[:r.max_participants])
        return out

    def _group(self, view: str) -> tuple[tuple[str, ...], str] | None:
        """The members of a group the sentence names by its head noun ("Iran and six world powers
        agreed"), when the article lists them somewhere."""
        if self.rules.group_heads is None:
            return None
        for m in self.rules.group_heads.finditer(view):
            members = self._groups.get(m.group().lower())
            if members:
                return members, f"the article's list of the {m.group().lower()}"
        return None

    def _named_next(self, sentence: Sentence, view: str, at: int, event_type: str) -> tuple[tuple[str, ...], str] | None:
        """Who the next sentences of the paragraph name, for talks or a meeting its own sentence
        names no one for ("The talks opened on Oct. 25 at a government guesthouse. Obasanjo was
        joined by Uhuru Kenyatta ..., with observers from the United States"): news often gives
        who took part right after saying when. At most `ahead_sentences` sentences; no one named
        beside a commentator's word."""
        r = self.rules
        if r.ahead_sentences == 0 or event_type not in r.ahead_types:
            return None
        named = [m for m in self._nearest(r.happenings, view, at, event_type)
                 if r.kind_of[_key(m.group())] in r.ahead_kinds]
        if not named and not (event_type in r.type_kind and not self._nearest(r.happenings, view, at, new_too=True)):
            return None
        k = bisect.bisect_right(self._sentence_starts, sentence.start)
        found: dict[str, None] = {}
        for nxt in self._sentences[k:k + r.ahead_sentences]:
            if nxt.paragraph != sentence.paragraph or nxt.start in self.dated:
                break   # a dated sentence tells its own event ("That meeting ... said on the following day")
            words = self._words[bisect.bisect_left(self._word_starts, nxt.start):bisect.bisect_left(self._word_starts, nxt.end)]
            comments = [w[0] for w in words if w[2] == _COMMENT]
            for m in self._mentions.actor_mentions(nxt.start, nxt.end):
                # Not "John Doe, an analyst at ..." beside a commentator's word.
                if self._acting(m) and not any(abs(c - m.start) <= r.role_window for c in comments):
                    found.update(dict.fromkeys(m.actors))
        if not found:
            return None
        return tuple(found)[:r.max_participants], f"the next sentence of {self._where(sentence.paragraph)}"

    def _held_by_story(self, view: str, at: int, event_type: str, background: bool, own: list[int],
                       nobody: bool, para: int) -> tuple[tuple[str, ...], str] | None:
        """The parties of the story's own talks, agreement or truce, for a row that is one of them
        ("The round opened on Tuesday", "The talks began in late January", "They resumed in
        November") whoever else its sentence names (the mediators who "facilitated the talks"):
        the sides the lede names with that happening (`_story_sides`). Not for a happening named
        as another one ("a previous round"), nor for background; nor, in a bulletin, for a row
        of another brief than the lede's."""
        r = self.rules
        if event_type not in self._participant_types or not self._in_sides_brief(para):
            return None
        # An agreement or truce no one is named with ("The framework itself was signed in October
        # 2012", "an earlier accord signed in Geneva in 2002"): the story's sides, in the background too.
        # When the lede names no two sides ("The accord was signed in Algiers on 31 August 1989"
        # in an account of a border case between two states), the article's two sides (`_two_sides`).
        sides = self._story_sides if len(self._story_sides) >= 2 else self._two_sides
        if not own and nobody and event_type in r.agreed_types and len(sides) >= 2:
            named = self._nearest(r.happenings, view, at, event_type, new_too=True)
            label = _phrase(named[0]) if named else f"the {event_type}"
            whose = "the lede" if sides is self._story_sides else "the article's two sides (named most)"
            return sides, f"{whose} (the parties to {label})"
        if background:
            return None
        named = [m for m in self._told(view, at, event_type) if r.kind_of[_key(m.group())] in r.lends_participants]
        if named:
            # The happening is what the sentence tells of ("The talks began in late January"), not
            # what someone named before it joined, discussed or pushed for ("Guterres had joined
            # the conference on 30 June").
            if own and named[0].start() > own[0] and not self._conducted(view, named[0]):
                return None
            label = _phrase(named[0])
        elif own:
            return None
        elif event_type in r.type_kind and not self._nearest(r.happenings, view, at, new_too=True):
            label = f"the {r.type_kind[event_type]}"
        else:
            return None
        sides = self._story_sides
        return (sides, f"the lede (the parties to {label})") if len(sides) >= 2 else None

    def _conducted(self, view: str, happening: re.Match[str]) -> bool:
        """Whether a verb of conducting stands right before the happening ("had hosted the
        negotiations", "has facilitated the talks"): who is named with it hosted the story's
        talks, which their parties still hold (conducting_words)."""
        pattern = self.rules.conducting
        return pattern is not None and pattern.search(view, max(0, happening.start() - _WORDS_BEFORE), happening.start()) is not None

    @functools.cached_property
    def _story_sides(self) -> tuple[str, ...]:
        """The states, organisations and groups the headline and the lede name as holding the
        story's talks, agreement or truce ("The Indonesian government and the separatist Free Aceh
        Movement agreed on Sunday on the full text of a peace accord ..."), and those the people
        named there speak for; not who brokered or mediated it ("the Finnish mediator said"), nor
        in a sentence with a commentator."""
        r = self.rules
        window = r.role_window
        found: dict[str, None] = {}
        lede = self._sides_lede
        if lede is None:
            return ()
        for s in self._sentences:
            # The lede; when it names one state only ("The government of El Salvador and leftist
            # guerrillas have signed a peace treaty"), the armed group the paragraphs that tell it
            # in detail name ("President Alfredo Cristiani and five commanders of the FMLN put
            # their names to the accord").
            if s.paragraph < lede:
                continue
            detail = s.paragraph > lede
            one_state = len(found) == 1 and _kind(next(iter(found))) == "state"
            if s.paragraph > lede + (r.lede_detail_paragraphs if one_state else 0):
                break
            words = self._words[bisect.bisect_left(self._word_starts, s.start):bisect.bisect_left(self._word_starts, s.end)]
            if any(w[2] == _COMMENT for w in words) or not self._names_happening(s):
                continue
            brokers = [m.start() + s.start for m in r.brokering.finditer(s.text)] if r.brokering is not None else []
            # "... in the presence of President X, representatives of the AU and the UN": the rest
            # of the sentence watched.
            watched = min((m.start() + s.start for m in r.witnessing.finditer(s.text)), default=s.end) \
                if r.witnessing is not None else s.end
            for m in self._mentions.actor_mentions(s.start, s.end):
                # "brokered by Qatar", "Qatar, the mediator": the broker word before the name, or
                # just after it ("X agreed on a peace accord, the Finnish mediator said" is a side).
                if m.start >= watched or any(0 <= m.start - b <= window or 0 <= b - m.end <= _BROKER_AFTER for b in brokers):
                    continue
                if not self._acting(m) or self._says(m):
                    continue   # (who says so is the source: "..., the US secretary of state, Antony Blinken, said")
                for n in (m.actors[1:] if m.person else m.actors[:1]):
                    if _kind(n) == "armed_group" or (not detail and _kind(n) in ("state", "organisation")):
                        found.setdefault(n)
            group = self._group(s.text) if not detail else None   # "Iran and six world powers agreed"
            found.update(dict.fromkeys(group[0] if group else ()))
            if detail and len(found) > 1:
                break
        return tuple(found)[:_PARTIES_KEPT]

    @functools.cached_property
    def _sides_lede(self) -> int | None:
        """The paragraph that tells the story's sides (`_story_sides`): the first paragraph (of the
        lede's and the two after it) whose sentence names a talks, agreement or truce; a line of
        the release ("Press Release SG/SM/96-GUA") is no lede."""
        named = -1
        for s in self._sentences:
            if (self._headline and s.paragraph == 0) or s.paragraph < self._lede:
                continue
            if s.paragraph > self._lede + _DATELINE_PARAGRAPHS or -1 < named < s.paragraph:
                break   # (a paragraph that names actors but no such happening: the lede gives no sides)
            if self._names_happening(s):
                return s.paragraph
            if self._mentions.actor_mentions(s.start, s.end):
                named = s.paragraph
        return None

    def _says(self, m: ActorMention) -> bool:
        """Whether a verb of saying follows the mention within its clause ("Antony Blinken, said on
        Thursday", "Qatar said"): the source of the sentence."""
        from timeline.extract.actors import gazetteer

        after = re.split(r"[.;:\n\"“”(]", self._text[m.end:m.end + _SAYS_AFTER])[0]
        words = [w.strip(",").lower() for w in after.split()[:2]]
        return any(w in gazetteer().speech_verbs for w in words)

    def _names_happening(self, s: Sentence) -> bool:
        """Whether sentence `s` names a talks, agreement or truce (a happening with participants)."""
        words = self._words[bisect.bisect_left(self._word_starts, s.start):bisect.bisect_left(self._word_starts, s.end)]
        return any(w[2] == _HAPPENING and self.rules.kind_of[w[3]] in self.rules.lends_participants for w in words)

    def _lede_people(self, parties: list[str]) -> tuple[str, ...]:
        """The people the paragraphs after the lede name as speaking for one of the lede event's
        `parties` ("Prime Minister Ranil Wickremesinghe signed the memorandum ...", "Kosovo's
        prime minister, Albin Kurti, said ..."), not beside a commentator's word: news tells who
        acted for each side just after the lede."""
        wanted = set(parties)
        comments = [w[0] for w in self._words if w[2] == _COMMENT]
        window = self.rules.role_window
        detail = self._mentions.actor_mentions(*self._detail)
        found = [m.actors[0] for m in detail
                 if m.person and not wanted.isdisjoint(m.actors[1:]) and not self._object(m.start)
                 and not any(abs(c - m.start) <= window for c in comments)]
        # And who brokered, mediated or guaranteed it ("The agreement, brokered by Qatar with help
        # from Egypt and the United States, ..."; "Cuban and Norwegian diplomats who act as guarantors").
        brokers = [m.start() + self._detail[0] for m in self.rules.brokering.finditer(self._text[self._detail[0]:self._detail[1]])] \
            if self.rules.brokering is not None else []
        near = [(m.start, m.end, m.actors) for m in detail]
        # A state read as a place ("with help from Egypt and the United States") still brokers.
        lo, hi = bisect.bisect_left(self._place_starts, self._detail[0]), bisect.bisect_left(self._place_starts, self._detail[1])
        near += [(p.start, p.end, (p.place.name,)) for p in self._mentions.places[lo:hi]
                 if p.place.kind == "country" and p.place.name in _states()]
        found += [n for start, end, names in sorted(near)
                  if any(-window <= b - end <= window or -window <= start - b <= window for b in brokers)
                  and not any(abs(c - start) <= window for c in comments) for n in names]
        found += self._signers(comments)
        return tuple(dict.fromkeys(found))[:self.rules.max_participants]

    def _signers(self, comments: list[int]) -> list[str]:
        """The people the paragraphs after the lede name as signing ("President Ana Ruiz signed
        for the government", "Ruiz and the rebel leader, Tomas Vidal, signed the accord in
        Lome"), with the sides they speak for: those of the clause before a verb of lede_signers,
        not spoken of (`_object`) nor beside a commentator's word. News tells who put their names
        to the lede's agreement right after it, whether or not it knows their sides."""
        r = self.rules
        lo, hi = self._detail
        if r.signing is None or lo == hi:
            return []
        out: list[str] = []
        for v in r.signing.finditer(self._text, lo, hi):
            k = bisect.bisect_right(self._sentence_starts, v.start()) - 1
            start = max(self._sentences[k].start, self._text.rfind(";", lo, v.start()) + 1, lo)
            out += [n for m in self._mentions.actor_mentions(start, v.start())
                    if m.person and self._acting(m) and not self._object(m.start)
                    and not any(abs(c - m.start) <= r.role_window for c in comments) for n in m.actors]
        return out

    def _object(self, start: int) -> bool:
        """Whether the name at `start` is the object of a preposition, past its title ("military
        assistance to Syrian President Bashar al-Assad"): someone spoken of, not who acts. Not
        "signed by X": the agent."""
        words = re.split(r"[.!?;:\n\"“”(]", self._text[max(0, start - 60):start])[-1].split()   # this clause only
        title_words = _title_words()
        while words and (words[-1][:1].isupper() or words[-1].lower().strip(",") in title_words):
            words.pop()
        return bool(words) and words[-1].lower() in self.rules.object_markers and words[-1].lower() not in self.rules.agent_markers

    def _hosts(self, start: int, end: int, actors: list[str]) -> tuple[str, ...]:
        """The states whose capital a visitor of the sentence goes to ("Secretary of State Mike
        Pompeo visited Khartoum": Sudan hosts the visit), when someone else is named as visiting."""
        if self.rules.visiting is None or not actors:
            return ()
        from timeline.extract.actors import gazetteer

        states = gazetteer().capital_states
        lo, hi = bisect.bisect_left(self._place_starts, start), bisect.bisect_left(self._place_starts, end)
        found = [states[p.place.name] for p in self._mentions.places[lo:hi]
                 if p.place.name in states and states[p.place.name] not in actors and self._visited(start, p.start)]
        return tuple(dict.fromkeys(found))

    def _visited(self, start: int, place: int) -> bool:
        """Whether a visit word stands right before the place at offset `place` (its sentence
        starting at `start`), for a visit made: not one planned ("will travel to Pristina", "is
        expected to travel to Manila": planned_visit before the visit word)."""
        r = self.rules
        visit = r.visiting.search(self._text, max(start, place - _WORDS_BEFORE), place) if r.visiting is not None else None
        if visit is None:
            return False
        return r.planned_visit is None or r.planned_visit.search(self._text, max(start, visit.start() - _WORDS_BEFORE),
                                                                  visit.start()) is None

    def _not_acting(self, view: str, m: re.Match[str], index: int) -> bool:
        """Whether the role phrase `m` (of roles[index]) follows a word that makes it no one who
        acts ("talks with the envoy", "marched against both sides"); the parties of "talks
        between the two countries" are who holds them."""
        before = view[max(0, m.start() - 20):m.start()].split()[-1:]
        if not before or before[0].lower() not in self.rules.object_markers:
            return False
        return not (self.rules.roles[index].takes == "parties" and before[0].lower() in self.rules.between_markers)

    def _sides_named(self, view: str, at: int, para: int) -> tuple[tuple[str, ...], str] | None:
        """The parties a "both sides", "the two delegations" of the sentence stands for, whoever
        else the sentence names ("The two sides reached the agreement in New York before Javier
        Pérez de Cuéllar stepped down"); the armed group "the rebels" stands for too."""
        r = self.rules
        for m in self._nearest(r.role_phrases, view, at, new_too=True):
            index = r.role_of[_key(m.group())]
            role = r.roles[index]
            # "Carter invited both leaders to Maryland": two or more people, whoever else is named.
            if not (role.takes == "parties" or (role.takes == "person" and role.count >= 2) or role.beside_names) \
                    or self._not_acting(view, m, index):
                continue
            if role.takes == "person" and _NAMED_AFTER.match(view, m.end()) is not None:
                continue   # "The foreign ministers, Sergei Lavrov and Dmytro Kuleba, met": named with its holders
            found = self._role(index, view, at, para)
            if found:
                return found[0], f"{found[1]} ({_key(m.group())})"
        return None

    def _titled(self, view: str, at: int, para: int, lo: int) -> tuple[tuple[str, ...], str] | None:
        """The person an office named alone stands for ("Sisi and the Emir met in Baghdad", "The
        pope is expected to celebrate a mass": a role marked `alone`), whoever else the
        sentence names: the latest person the article named with that title, anywhere before. Not an
        office named with its holder ("the foreign minister, Lars Berg", "Lars Berg, the foreign
        minister", "the Foreign Minister of Norway"), nor one acted upon ("talks with the king"), nor
        its holder's possession ("to end the king's rule")."""
        r = self.rules
        for m in self._nearest(r.role_phrases, view, at, new_too=True):
            index = r.role_of[_key(m.group())]
            if not r.roles[index].alone or _qualified(view, m) or self._not_acting(view, m, index) \
                    or not self._alone(view, m, lo):
                continue
            found = self._role(index, view, at, para)
            if found:
                return found[0], f"{found[1]} ({_key(m.group())})"
        return None

    def _possessor(self, view: str, lo: int) -> tuple[tuple[str, ...], str] | None:
        """Whom "his army", "her delegation" of the sentence (`view`, at `lo` in the article)
        belongs to, when the sentence names no person before it: the first person the previous
        sentence names (its subject, most often), within possessive_reach characters, and the
        sides they speak for (possessive_owners): in "Begin flew home with Sadat. His cabinet
        approved the accords on Sunday.", Begin and Israel."""
        r = self.rules
        m = r.possessive_owner.search(view) if r.possessive_owner is not None else None
        if m is None or any(a.person for a in self._mentions.actor_mentions(lo, lo + m.start())):
            return None
        # The subject of the previous sentence: the first person it names ("Netanyahu told Obama
        # that ... His security cabinet met on Friday": Netanyahu's), within reach.
        k = bisect.bisect_left(self._sentence_starts, lo) - 1
        if k < 0:
            return None
        previous = self._sentences[k]
        people = [a for a in self._mentions.actor_mentions(max(previous.start, lo - r.possessive_reach), lo) if a.person]
        if not people:
            return None
        return people[0].actors, f"the person named before ({_key(m.group())})"

    def _alone(self, view: str, m: re.Match[str], lo: int) -> bool:
        """Whether the office `m` of the sentence (`view`, starting at `lo` in the article) is
        named alone: not with its holder ("the foreign minister, Lars Berg", "Lars Berg, the
        foreign minister", "the Foreign Minister of Norway"), nor as its holder's possession ("to
        end the king's rule": something of the holder, who does not act)."""
        if _NAMED_AFTER.match(view, m.end()) is not None or view[m.end():m.end() + 2] in POSSESSIVE_ENDINGS:
            return False
        before = view[:m.start()].rstrip()
        return not (before.endswith(",") and any(a.person and a.end - lo >= len(before) - 3
                                                 for a in self._mentions.actor_mentions(lo, lo + len(before))))

    def _numbered(self, view: str, at: int, sentence: Sentence) -> tuple[tuple[str, ...], str] | None:
        """Who a plural reference with its number stands for ("the three presidents initialled
        the agreement", "all four countries cut ties"), whoever else the sentence names: the
        latest sentence before it, in reach, that names exactly that many people (with the sides
        they speak for) or states, organisations and groups. Not one that is acted upon ("talks
        with the three presidents"), except the parties of "talks between the four countries";
        nor who speaks of the row's event ("the three countries said they would revive an
        agreement signed in 2001": a verb of saying between the reference and the row's date)."""
        r = self.rules
        if r.numbered is None:
            return None
        for m in r.numbered.finditer(view):
            if any(w.group().lower() in r.opinion_verbs for w in _WORD.finditer(view, m.end(), max(m.end(), at))):
                continue
            person = _key(m.group(2)) in r.numbered_people
            before = view[max(0, m.start() - 20):m.start()].split()[-1:]
            if before and before[0].lower() in r.object_markers and \
                    not (not person and before[0].lower() in r.between_markers):
                continue
            told = [c for c in self._counted.get((person, r.numbered_value[_key(m.group(1))]), ())
                    if c[0] < sentence.start and self._in_reach(c[1], sentence.paragraph)]
            if told:
                return told[-1][2][:r.max_participants], f"{self._where(told[-1][1])} ({_key(m.group())})"
        return None

    def _they(self) -> tuple[tuple[str, ...], str] | None:
        """Who an opening "They" stands for: the states, organisations and groups the previous
        sentence named ("... when the Seleka rebels launched an offensive. They seized Bangui
        ..."). Not a happening's participants: those gather everyone named beside it."""
        if self._previous is None or not self._previous[1]:
            return None
        return self._previous[1], f"{self._where(self._previous[0])} (they)"

    def _belligerents(self, view: str, at: int, para: int, event_type: str) -> tuple[tuple[str, ...], str] | None:
        """The article's two sides, for a row that is a war, a rebellion or fighting ("The war
        began in 1980", "fighting resumed"): the latest two parties named together in reach of
        which one is the state the article is about or an armed group ("the Philippine
        government and the MILF", "Armenia and Azerbaijan"); else that state and the armed group
        the article names most."""
        r = self.rules
        named = [m for m in self._nearest(r.happenings, view, at, event_type, new_too=True)
                 if r.kind_of[_key(m.group())] in r.belligerent_kinds]
        if not named:
            return None
        label = _phrase(named[0])
        home = self._home_state()
        for at_para, names in reversed(self._pairs[False]):
            if self._in_reach(at_para, para) and any(n == home or _kind(n) == "armed_group" for n in names):
                return names, f"{self._where(at_para)} (the two sides of {label})"
        groups = Counter(m.actors[0] for m in self._mentions.actors if not m.person and _kind(m.actors[0]) == "armed_group")
        if home and groups:
            return (home, groups.most_common(1)[0][0]), f"the article's state and armed group ({label})"
        return None

    def _home_state(self) -> str | None:
        """The state whose government the article names, else the country it is about if a state."""
        if self._home is None:
            from timeline.extract.actors import gazetteer

            government = gazetteer().home_government(self._text, self._mentions.actors)
            self._home = government or self._country_state() or ""
        return self._home or None

    def _country_state(self) -> str | None:
        """The state the article is about: its country, or the country of its region (Aceh:
        Indonesia's government)."""
        country = self.country()
        if not country:
            return None
        name = place_gazetteer().country_of.get(country[0], country[0])
        return name if name in _states() else None

    def _participants(self, kind: str, para: int, also: bool = False) -> tuple[tuple[str, ...], int] | None:
        """Who took part in the latest happenings of `kind` in reach (the most recent first, at
        most max_participants), and the paragraph of the latest; with `also`, when those name
        fewer than two parties, then those of the kinds it shares them with ("the talks": the
        parties of the deal the story tells)."""
        names: dict[str, None] = {}
        latest = None
        kinds = (kind, *self.rules.participants_also.get(kind, ())) if also else (kind,)
        for i, k in enumerate(kinds):
            if i and sum(1 for n in names if _kind(n) in ("state", "organisation", "armed_group")) >= 2:
                break
            for said in reversed([*self._opening[k], *self._recent[k]]):
                if not said.names or not self._in_reach(said.paragraph, para):
                    continue
                latest = said.paragraph if latest is None else max(latest, said.paragraph)
                for n in said.names:
                    if len(names) < self.rules.max_participants:
                        names.setdefault(n)
        return (tuple(names), latest) if latest is not None else None

    def _role(self, index: int, view: str, at: int, para: int) -> tuple[tuple[str, ...], str] | None:
        """Who the role phrase of roles[index] stands for, and where the article said so."""
        role = self.rules.roles[index]
        if role.takes == "home_state":   # "the government", "the army": of the country the story is about
            # The state whose government the article names first ("The Philippine government and
            # the MILF ... the military launched an offensive"), else the country it is about.
            home = self._home_state()
            if home is None:
                return None
            why = f"the government the article names ({home})" if home != self._country_state() \
                else f"{ABOUT} ({home})"
            return (home,), why
        if role.takes == "armed_group":
            groups = [g for g in self._armed if self._in_reach(g[0], para)]
            return ((groups[-1][1],), self._where(groups[-1][0])) if groups else None
        if role.count == 2:
            pairs = [p for p in self._pairs[role.takes == "person"] if self._in_reach(p[0], para)]
            # Two parties: those of the story's war or dispute (one of them the article's state
            # or an armed group) before two mediators named together since.
            sides = [p for p in pairs if any(n == self._home_state() or _kind(n) == "armed_group" for n in p[1])] \
                if role.takes == "parties" else []
            if sides or pairs:
                pair = (sides or pairs)[-1]
                return pair[1], self._where(pair[0])
        if role.takes == "parties":
            found = self._sides(view, at, para, role.count)
            return (found[0], self._where(found[1])) if found else None
        # An office named alone ("The Prime Minister returns to Oslo") is its latest holder however
        # long ago the article named them with it (one holder per office: no reach), within the
        # row's own brief in a bulletin.
        brief = self._brief_start.get(para, -1)
        holders = [h for h in self._holders[index]
                   if (h[0] >= brief if role.alone else self._in_reach(h[0], para))][-role.count:]
        if not holders:
            return None
        return tuple(dict.fromkeys(n for _, actors in holders for n in actors)), self._where(holders[-1][0])

    def _sides(self, view: str, at: int, para: int, count: int) -> tuple[tuple[str, ...], int] | None:
        """The parties to the happening the sentence names (or to the latest one named): its
        states, organisations and groups, when there are at least `count` of them."""
        kinds = [self.rules.kind_of[_key(m.group())] for m in self._nearest(self.rules.happenings, view, at)]
        # Else "Both sides agreed ...": the parties to the latest happening named.
        latest = [(said.paragraph, i, kind) for kind, recent in self._recent.items()
                  for i, said in enumerate(recent) if said.names and kind in self.rules.lends_participants]
        if latest:
            kinds.append(max(latest)[2])
        parties = self._party_names
        for kind in kinds:
            found = self._participants(kind, para)
            if found:
                sides = tuple(n for n in found[0] if n in parties)
                if len(sides) == count:   # more, and which are the sides is not known
                    return sides, found[1]
        return None

    def _sides_at(self, para: int) -> tuple[str, ...]:
        """The story's sides (`_story_sides`) for a row of paragraph `para`: none in a bulletin's
        brief other than the one that tells them (another story)."""
        return self._story_sides if self._in_sides_brief(para) else ()

    def _in_sides_brief(self, para: int) -> bool:
        """Whether paragraph `para` is in the brief of a bulletin that tells the story's sides (or
        the article is no bulletin)."""
        if not self._brief_start or self._sides_lede is None:
            return True
        return self._brief_start.get(para, -1) == self._brief_start.get(self._sides_lede, -1)

    @functools.cached_property
    def _two_sides(self) -> tuple[str, ...]:
        """The two parties the article is about: the two states, organisations or groups (of
        two_sides.kinds) it names most as acting, each at least two_sides.mentions times, the
        second `two_sides.margin` times as often as the third and `two_sides.balance` times as
        often as the first; () when no two stand out so, or in a bulletin of briefs (several
        stories). Counted once, over the article's mentions."""
        r = self.rules
        if r.two_sides_mentions == 0 or self._brief_start:
            return ()
        counts = Counter(m.actors[0] for m in self._mentions.actors
                         if not m.person and _kind(m.actors[0]) in r.two_sides_kinds and self._acting(m))
        ranked = counts.most_common(3)
        if len(ranked) < 2 or ranked[1][1] < r.two_sides_mentions or ranked[1][1] < r.two_sides_balance * ranked[0][1]:
            return ()
        if len(ranked) == 3 and ranked[1][1] < r.two_sides_margin * ranked[2][1]:
            return ()
        return ranked[0][0], ranked[1][0]

    @property
    def _party_names(self) -> set[str]:
        return {name for _, name in self._parties}


def _lists(text: str, mentions: list[ActorMention], join: re.Pattern[str]) -> list[list[ActorMention]]:
    """The runs of `mentions` (in order) joined by list gaps (`join`, the rules' list_join: "X,
    Y and Z", "X, the Y and Z"): each run of at least two."""
    runs: list[list[ActorMention]] = []
    for a, b in zip(mentions, mentions[1:]):
        if join.fullmatch(text, a.end, b.start):
            if not runs or runs[-1][-1] is not a:
                runs.append([a])
            runs[-1].append(b)
    return runs


# An office followed by its holder's name or country ("the foreign minister, Lars Berg", "the
# Foreign Minister of Norway"): a comma and a capital, a capital, or "of" right after it.
_NAMED_AFTER = re.compile(r"(?:,\s{1,3}|\s{1,3})(?:[A-Z]|of\b)")


def _as_subject(view: str, m: re.Match[str], role: Any) -> bool:
    """Whether the role phrase `m` may stand for someone here: any role anywhere, except one
    that acts only as a subject (role.subject_after), which must open the sentence or follow one
    of those words ("Parliament adopted ...", "officials said the parliament would ...") and go
    on to a lower-case word not in role.not_before ("to restore the parliament", "the parliament
    building": no one acting)."""
    if role.subject_after is None:
        return True
    nxt = _WORD.search(view, m.end())
    if nxt is None or view[m.end():nxt.start()] != " " or not nxt.group()[:1].islower() or nxt.group() in role.not_before:
        return False
    before = view[:m.start()].rstrip()
    return not before or before[-1:] in ".!?\"“”\n" or before.rsplit(None, 1)[-1].lower() in role.subject_after
