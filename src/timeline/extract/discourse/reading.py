"""Reading an article in order: the happenings, role holders and parties it names."""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
from collections import Counter, deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from timeline.extract.phrases import POSSESSIVE_ENDINGS, Token, tokenize
from timeline.extract.places import country_at, datelines
from timeline.extract.places import gazetteer as place_gazetteer
from timeline.extract.sentences import Sentence, credit_spans

from timeline.extract.discourse.rules import _COMMENT, _COUNTRY_KINDS, _DATELINE_PARAGRAPHS, _HAPPENING, _HEADLINE_MAX, _LEDE_KEPT, _LIST_GAP, _PARTIES_KEPT, _RECENT, _ROLE, _STRETCH_STOP, _VENUE_KINDS, _key, rules

_IN_GAP = re.compile(r"\s{1,3}in\s{1,3}")   # "the Burnham army camp in New Zealand"
# The characters before a name in which the few words that introduce it are read (a venue
# preposition, "the defence ministry in", a title): a few words, so each look costs constant time.
_WORDS_BEFORE = 40

if TYPE_CHECKING:
    from timeline.extract.actors import ActorMention
    from timeline.extract.events import Mentions


@dataclass(frozen=True, slots=True)
class _Said:
    """One mention of a happening: where, who took part, where it was held."""

    paragraph: int
    names: tuple[str, ...]
    venue: tuple[str, ...]
    day: dt.date | None = None   # the first day of the date nearest it in its sentence, if any


class Reading:
    """What an article has said so far, read sentence by sentence in order (`read`), and what
    both the actor and the place completions ask of it: the happenings named near a date, the
    dateline, the country the article is about."""

    def __init__(self, text: str, sentences: list[Sentence], mentions: Mentions,
                 published: dt.date | None = None, tokens: list[Token] | None = None) -> None:
        self.rules = rules()
        self._text, self._mentions, self._published = text, mentions, published
        self._scanned: dict[tuple[int, str], list[re.Match[str]]] = {}   # _nearest's scans of a view
        self._place_starts = [m.start for m in mentions.places]
        self._actor_starts = [m.start for m in mentions.actors]
        self._sentence_starts = [s.start for s in sentences]
        self.dated: frozenset[int] = frozenset()   # the starts of the sentences with a date of their own
        self.dates: list[tuple[int, dt.date | None]] = []   # (start, first day) of each event date, in order
        # (start, end, what, key) of each happening, role word and commentator of the article.
        self._words = [(m.start, m.end, *m.value) for m in
                       self.rules.words.find(text, tokenize(text) if tokens is None else tokens)]
        self._word_starts = [w[0] for w in self._words]
        first = sentences[0] if sentences else None
        self._headline = (first is not None and first.paragraph == 0 and "\n" not in first.text
                          and len(first.text) <= _HEADLINE_MAX and first.text[-1:] not in ".!?\"”:;,"
                          and (len(sentences) == 1 or sentences[1].paragraph != first.paragraph))
        self._lede = (first.paragraph if first else 0) + (1 if self._headline else 0)   # its last paragraph
        # A byline between the headline and the lede ("By our diplomatic correspondent") is no lede.
        credits = credit_spans(text)
        bylines = {s.paragraph for s in sentences if any(a <= s.start < b for a, b in credits)}
        while self._lede in bylines:
            self._lede += 1
        self._headline_end = first.end if first is not None and self._headline else 0
        # The paragraphs that tell the lede's event in detail: who signed, chaired, spoke for each side.
        detail = [s for s in sentences if self._lede < s.paragraph <= self._lede + self.rules.lede_detail_paragraphs]
        self._detail = (detail[0].start, detail[-1].end) if detail else (0, 0)
        # A dateline opens one of the article's first paragraphs (after a headline, a standfirst
        # or a byline): it must start before this offset.
        self._dateline_end = 0
        for s in sentences:
            if s.paragraph > self._lede + _DATELINE_PARAGRAPHS:
                break
            self._dateline_end = s.end
        self._recent: dict[str, deque[_Said]] = {k: deque(maxlen=_RECENT) for k in self.rules.place_from}
        self._opening: dict[str, list[_Said]] = {k: [] for k in self.rules.place_from}
        self._holders: list[deque[tuple[int, tuple[str, ...]]]] = [deque(maxlen=r.count + 4) for r in self.rules.roles]
        self._parties: deque[tuple[int, str]] = deque(maxlen=_PARTIES_KEPT)
        # The latest armed groups named ("the rebels").
        self._armed: deque[tuple[int, str]] = deque(maxlen=4)
        # The latest two people, and two states, organisations or groups, named together ("Kiir
        # and Machar", "India and Pakistan"): "the two leaders", "both sides".
        self._pairs: dict[bool, deque[tuple[int, tuple[str, ...]]]] = {True: deque(maxlen=4), False: deque(maxlen=4)}
        self._country: tuple[str, ...] | None = None
        self._brief_country: dict[int, tuple[str, ...]] = {}   # a brief's index -> its country
        self._home: str | None = None
        self._previous: tuple[int, tuple[str, ...]] | None = None
        self._filed_from: tuple[str, ...] | None = None
        self._filed_country: frozenset[str] = frozenset()   # "PRETORIA, South Africa —": South Africa
        self._filed_span = (0, 0)   # the dateline's (start, end)
        self._told_venue: tuple[Any, ...] | None = None   # _lede_venue's, once found
        self._headline_venue: tuple[str, ...] | None = None   # _story_place's, once found
        self._filed_home: tuple[str, ...] | None = None   # _filed_capital's, once found
        self._lent: dict[int, str] = {}   # id(row) -> how a place was given before `complete` (its reason)
        # id(row) -> each actor it got -> the completion step that gave it ("own": its words), and
        # id(row) -> the names the discourse offers it whether or not a step took them (who.py);
        # read by the participant model's candidates (participants.py).
        # Noted only when `noting` (the model decides, or its training table is written).
        self.noting = False
        self.lenders: dict[int, dict[str, str]] = {}
        self.offered: dict[int, dict[str, str]] = {}
        # The cities the article names, and the city each site it names is in (found once a site).
        self._cities = {m.place.name: m.place for m in mentions.places
                        if m.place.kind == "city" and m.place.lat is not None}
        self._sites = {m.place.name: m.place for m in mentions.places
                       if m.place.kind == "site" and m.place.lat is not None}
        self._unplaced_sites = {m.place.name for m in mentions.places if m.place.kind == "site" and m.place.lat is None}
        # ... and the country the article places such a site in, right after it ("the Burnham
        # army camp in New Zealand").
        self._site_country = {m.place.name: n.place.name for m, n in zip(mentions.places, mentions.places[1:])
                              if m.place.name in self._unplaced_sites and n.place.kind == "country"
                              and _IN_GAP.fullmatch(text, m.end, n.start)}
        self._city_of: dict[str, str | None] = {}
        # "at the base", "the mine closed": the sites named so far by the last word of how they
        # were named (a venue word: "Wright-Patterson Air Force Base", "the Panguna copper mine").
        self._sites_by_word: dict[str, list[tuple[int, str]]] = {}
        for m in mentions.places:
            if m.place.kind == "site":
                word = text[m.start:m.end].rsplit(" ", 1)[-1].lower()
                if word in _site_words():
                    self._sites_by_word.setdefault(word, []).append((m.start, m.place.name))
        self._sentences = sentences
        # Where the text is cut into stretches (share_places): each comma, dash, bracket, quote.
        self._stops = [m.end() for m in _STRETCH_STOP.finditer(text)]

    def read(self, sentence: Sentence) -> None:
        """Take note of the happenings, role holders and parties `sentence` names."""
        r, para = self.rules, sentence.paragraph
        inside = self._mentions.actor_mentions(sentence.start, sentence.end)
        found = self._words[bisect.bisect_left(self._word_starts, sentence.start):
                            bisect.bisect_left(self._word_starts, sentence.end)]
        # What "They" of the next sentence may stand for: this one's happenings, then its parties.
        self._previous = (para, tuple(dict.fromkeys(m.actors[0] for m in inside if not m.person and m.how != "demonym")))
        if not inside and bisect.bisect_left(self._place_starts, sentence.start) == \
                bisect.bisect_left(self._place_starts, sentence.end):
            return   # no one and no place: nothing to lend
        comments = [start for start, _, what, _ in found if what == _COMMENT]
        if inside:
            for start, end, what, key in found:
                if what == _ROLE:
                    self._note_role(key, start, end, sentence, inside, comments)
        # A nationality describing a place or a thing ("the Swiss resort") takes no part.
        speakers = () if comments else tuple(dict.fromkeys(n for m in inside if self._acting(m) for n in m.actors))
        for m in inside:
            if not m.person and not comments:
                self._parties.append((para, m.actors[0]))
                if _kind(m.actors[0]) == "armed_group" and (not self._armed or self._armed[-1][1] != m.actors[0]):
                    self._armed.append((para, m.actors[0]))
        if not comments:
            for k, (a, b) in enumerate(zip(inside, inside[1:])):
                # Not the last two of a longer list ("Israel, the United Arab Emirates and Bahrain").
                listed = k > 0 and r.list_before.fullmatch(self._text, inside[k - 1].end, a.start) is not None
                if a.person == b.person and a.actors[0] != b.actors[0] and (a.how, b.how) != ("demonym", "demonym") and \
                        (_LIST_GAP.fullmatch(self._text, a.end, b.start) or r.pair_gap.fullmatch(self._text, a.end, b.start)) \
                        and not _LIST_GAP.match(self._text, b.end) and not listed:
                    names = (*a.actors, *b.actors) if a.person else (a.actors[0], b.actors[0])
                    self._pairs[a.person].append((para, tuple(dict.fromkeys(names))))
        opinion = self._opinion_at(sentence, inside) if speakers and any(w[2] == _HAPPENING for w in found) else None
        for start, end, what, key in found:
            if what != _HAPPENING:
                continue
            venue = self._venue(sentence, start, end)
            # "Netanyahu told Obama that a deal based on the framework would threaten Israel": who
            # speaks of a happening in reported words takes no part in it for that.
            talkers = () if opinion is not None and start > opinion else speakers
            if talkers or venue:
                said = _Said(para, talkers, venue, self._day_near(sentence, start) if venue else None)
                happening = r.kind_of[key]
                self._recent[happening].append(said)
                if para <= self._lede and len(self._opening[happening]) < _LEDE_KEPT:
                    self._opening[happening].append(said)

    def _day_near(self, sentence: Sentence, at: int) -> dt.date | None:
        """The first day of the event date of `sentence` nearest the offset `at`, if it has one."""
        lo = bisect.bisect_left(self.dates, (sentence.start,))
        hi = bisect.bisect_left(self.dates, (sentence.end,))
        near = min(self.dates[lo:hi], key=lambda d: abs(d[0] - at), default=None)
        return _day(near[1]) if near is not None else None

    def _opinion_at(self, sentence: Sentence, inside: list[ActorMention]) -> int | None:
        """Where the first verb of opinion (reported_speech.verbs) of `sentence` ends, when the
        sentence names someone before it (its speaker); None otherwise."""
        verbs = self.rules.opinion_verbs
        if not verbs:
            return None
        for w in _WORD.finditer(self._text, sentence.start, sentence.end):
            if w.group().lower() in verbs:
                return w.end() if inside and inside[0].end <= w.start() else None
        return None

    def _acting(self, m: ActorMention) -> bool:
        """Whether the mention names who acts: not a nationality as an adjective ("the Swiss
        resort", "a Dutch cameraman"), only before a head noun of a party ("the Indonesian
        government", "Syrian forces")."""
        r = self.rules
        if m.how != "demonym" or r.party_heads is None:
            return True
        # "Russian and Ukrainian delegations": the head noun of the last of a list of nationalities.
        actors = self._mentions.actors
        for _ in range(4):
            if r.party_heads.match(self._text, m.end) is not None:
                return True
            k = bisect.bisect_right(self._actor_starts, m.start)
            if k >= len(actors) or actors[k].how != "demonym" or not _LIST_GAP.fullmatch(self._text, m.end, actors[k].start):
                return False
            m = actors[k]
        return False

    def _venue(self, sentence: Sentence, start: int, end: int) -> tuple[str, ...]:
        """The places `sentence` gives as the venue of the happening named at [start, end):
        "the Geneva talks", "talks in Geneva" (see venue_prepositions)."""
        r = self.rules
        lo = bisect.bisect_left(self._place_starts, max(sentence.start, start - r.venue_window))
        hi = bisect.bisect_left(self._place_starts, min(sentence.end, end + r.venue_window))
        found, countries = [], []
        for m in self._mentions.places[lo:hi]:
            if r.bearing.search(self._text, max(0, m.start - 24), m.start) is not None:
                continue   # "talks at a castle north of Stockholm": a reference point, not the venue
            if m.place.kind not in _VENUE_KINDS:
                # A country is a venue only right after the noun, when no city is given ("talks,
                # possibly in Thailand"): "talks to end the war in Yemen" are about Yemen.
                if m.start >= end and m.start - end <= r.country_venue_gap and r.venue_before.search(
                        self._text[end:m.start]) is not None:
                    countries.append(m.place.name)
                continue
            if m.end <= start and self._text[m.end:start].strip(" -") == "":
                found.append(m.place.name)          # "the Geneva talks"
            elif m.start >= end and r.venue_before.search(
                    self._text[max(end, m.start - _WORDS_BEFORE):m.start]) is not None:
                found.append(self._around_dateline(m) or m.place.name)          # "talks in Geneva"
            elif m.start >= end and self._on_venue(m, sentence.start):
                found.append(m.place.name)          # "signed an agreement on Governors Island"
        # (a site no gazetteer places comes with the country the article puts it in)
        return tuple(dict.fromkeys([n for name in found for n in self._with_country(name)] or countries))

    def _on_venue(self, m: Any, sentence_start: int) -> bool:
        """Whether the place mention `m` is a site or an island right after "on", with a verb of
        signing or meeting before it in its sentence (venue_on): "signed an agreement on Governors
        Island", "the talks opened on Governors Island"; not "talks on Kashmir"."""
        r = self.rules
        island = m.place.kind == "region" and m.place.name.rsplit(" ", 1)[-1] in r.venue_on_islands
        if not (m.place.kind == "site" or island):
            return False
        if r.venue_on.search(self._text, max(sentence_start, m.start - 12), m.start) is None:
            return False
        return r.venue_on_verb.search(self._text, max(sentence_start, m.start - r.venue_window), m.start) is not None

    def _with_country(self, name: str) -> tuple[str, ...]:
        """`name`, and the country of a site no gazetteer places when the article says it ("the
        Burnham army camp in New Zealand")."""
        country = self._site_country.get(name)
        return (name, country) if country else (name,)

    def _around_dateline(self, m: Any) -> str | None:
        """The dateline's city, when the venue `m` is a city named after an around word ("at
        Greentree, an estate on Long Island outside New York" under "MANHASSET, New York -") that
        lies within site_city_km of it, or that the dateline names after it: the nearer place
        the story gives."""
        r = self.rules
        if m.place.kind != "city" or m.place.lat is None or \
                r.around_words.search(self._text, max(0, m.start - 32), m.start) is None or not self.filed_from():
            return None
        name = self.filed_from()[0]
        if name == m.place.name:
            return None
        if m.place.name in self._filed_country:
            return name   # "MANHASSET, New York -": the dateline itself says its city is by New York
        home = self._cities.get(name)
        return name if home is not None and _km(home, m.place) <= r.site_city_km else None

    def _note_role(self, key: str, at: int, end: int, sentence: Sentence, inside: list[ActorMention],
                   comments: list[int]) -> None:
        """The actor named nearest the role word `key` (at [at, end)) holds the roles it marks."""
        r = self.rules
        if self._text[end:end + 2] in POSSESSIVE_ENDINGS:
            return   # "the president's spokesman, X": X is not the president
        if at > 0 and self._text[at - 1] == "-" and self._text[at - 2:at - 1].isalpha():
            return   # "Under-Secretary-General X", "Vice-President X": the tail of another office
        for index in r.near_roles[key]:
            role = r.roles[index]
            fits = [m for m in inside if (m.person or role.takes == "any")
                    and max(m.start - end, at - m.end) <= r.role_window]
            if not fits:
                continue
            nearest = min(fits, key=lambda m: max(m.start - end, at - m.end))
            if any(abs(c - nearest.start) <= r.role_window for c in comments):
                continue   # "John Doe, an analyst at ...": a commentator holds no part
            holders = self._holders[index]
            for m in self._coordinated(nearest, inside, before=nearest.end <= at) if role.count > 1 else [nearest]:
                if not holders or holders[-1][1][0] != m.actors[0]:
                    holders.append((sentence.paragraph, m.actors))

    def _coordinated(self, nearest: ActorMention, inside: list[ActorMention], before: bool) -> list[ActorMention]:
        """`nearest` and the actors listed with it, away from the role word ("Qatar and Egypt,
        the mediators": Egypt, then Qatar), in the article's order."""
        k = inside.index(nearest)
        step = -1 if before else 1
        out = [nearest]
        while 0 <= k + step < len(inside):
            a, b = (inside[k + step], inside[k]) if before else (inside[k], inside[k + step])
            if not _LIST_GAP.fullmatch(self._text[a.end:b.start]):
                break
            k += step
            out.append(inside[k])
        return sorted(out, key=lambda m: m.start)

    def _nearest(self, pattern: re.Pattern[str], view: str, at: int, event_type: str | None = None,
                 new_too: bool = False) -> list[re.Match[str]]:
        """The matches of `pattern` in `view`, nearest the date at `at` first, leaving out a
        happening introduced as a new one ("a meeting", "another round") and, given the row's
        `event_type`, happenings of kinds a row of that type is not (`new_too`: keep new ones)."""
        found = []
        scanned = self._scanned.get((id(pattern), view))
        if scanned is None:   # (each row's view is scanned for happenings and roles several times)
            scanned = self._scanned[(id(pattern), view)] = list(pattern.finditer(view))
        for m in scanned:
            if not new_too and self._is_new(view, m):
                continue
            if event_type is not None and event_type not in self.rules.types_of[self.rules.kind_of[_key(m.group())]]:
                continue
            found.append(m)
        return sorted(found, key=lambda m: abs(m.start() - at))

    def _is_new(self, view: str, m: re.Match[str]) -> bool:
        """Whether the happening `m` is introduced as another one ("a meeting", "the 2015 deal")."""
        before = view[max(0, m.start() - _WORDS_BEFORE):m.start()].split()[-3:]
        return any(w.lower() in self.rules.new_markers or any(c.isdigit() for c in w) for w in before)

    def _is_headline(self, said: _Said) -> bool:
        return self._headline and said.paragraph == 0

    def _in_reach(self, said_at: int, para: int) -> bool:
        """Whether what paragraph `said_at` named is in reach of paragraph `para`: the lede always,
        else within `reach` paragraphs; in a bulletin of briefs, only from the start of `para`'s
        own brief (an earlier brief tells another story)."""
        brief = self._brief_start.get(para, -1)
        if said_at < brief:
            return False
        return said_at <= self._lede or para - self.rules.reach <= said_at

    @functools.cached_property
    def _brief_start(self) -> dict[int, int]:
        """In a bulletin of briefs (`_briefs`), each paragraph of a brief -> the paragraph of its
        title; {} for any other article. One pass over the sentences, found once."""
        briefs, out = self._briefs, {}
        k, first = -1, -1
        for s in self._sentences if briefs else ():
            while k + 1 < len(briefs) and briefs[k + 1][0] <= s.start:
                k, first = k + 1, s.paragraph
            if k >= 0:
                out.setdefault(s.paragraph, first)
        return out

    def _where(self, paragraph: int) -> str:
        if self._headline and paragraph == 0:
            return "the headline"
        return f"paragraph {paragraph + (0 if self._headline else 1)}"

    @functools.cached_property
    def _participant_types(self) -> frozenset[str]:
        """The event types of happenings that have participants (talks, agreements, truces)."""
        return frozenset(t for k in self.rules.lends_participants for t in self.rules.types_of[k])

    def _days_before_publication(self, day: dt.date) -> int:
        return 0 if self._published is None else (self._published - day).days

    @functools.cached_property
    def _story_day(self) -> dt.date | None:
        """The day an account of the past is told from: the first date of its lede, when that
        is more than `background_days` before publication (an encyclopedia entry, an analysis
        looking back: "The Arusha Accords ... were signed ... on 4 August 1993"); None for news,
        told from its publication day."""
        lede_end = max((s.end for s in self._sentences if s.paragraph <= self._lede), default=0)
        first = next((_day(day) for start, day in self.dates if start < lede_end and day is not None), None)
        if first is None or self._days_before_publication(first) <= self.rules.background_days:
            return None
        return first

    def _before_story(self, day: Any) -> bool:
        """Whether `day` is background to the story: more than `background_days` before its
        publication and, for an account of the past (_story_day), before the time it tells of."""
        day = _day(day)
        if day is None or self._days_before_publication(day) <= self.rules.background_days:
            return False
        story = self._story_day
        return story is None or (story - day).days > self.rules.background_days

    def country(self, at: int | None = None) -> tuple[str, ...]:
        """The country or region the article is about: the one it names most often (`_points`),
        when that is `country_lead` times as often as any other (and more than once); a country
        and a region inside it are no rivals, and the region is chosen when it holds
        `region_share` of its country's place points (Tigray, not Ethiopia). When none leads so,
        the one leading as a place alone (two sides acting, one land), as also when the one leading
        is never named as a place (a party acting, not its land). In a bulletin of briefs
        (`_briefs`), the text at offset `at` is about its own brief's country, if any."""
        if at is not None and self._briefs and at >= self._briefs[0][0]:
            k = bisect.bisect_right(self._briefs, (at, math.inf)) - 1
            if k not in self._brief_country:
                start, title_end = self._briefs[k]
                end = self._briefs[k + 1][0] if k + 1 < len(self._briefs) else len(self._text)
                self._brief_country[k] = self._country_in(start, end, title_end)
            return self._brief_country[k]
        if self._country is None:
            self._country = self._country_in(0, len(self._text), self._headline_end)
        return self._country

    def _country_in(self, lo: int, hi: int, head_end: int) -> tuple[str, ...]:
        places, acting, home = self._points(lo, hi, head_end)
        found = self._leading(places + acting, home, places)
        # A state that leads only by acting, never named as a place ("Morocco presented a plan",
        # "Morocco said"), is a party to the story, not its land.
        if found and not places[found[0]]:
            found = ()
        return found or self._leading(places, home, places)

    @functools.cached_property
    def _briefs(self) -> list[tuple[int, int]]:
        """(start, end of its title) of each brief of a bulletin ("Morning bulletin: the world in
        brief"): a title paragraph (briefs: short lines, no digit, no closing punctuation) after
        the first paragraph opens one; none unless `brief_titles` of them name a place or a state."""
        r = self.rules
        if not r.brief_titles:
            return []
        credits = credit_spans(self._text)
        by_paragraph: dict[int, list[Sentence]] = {}
        for s in self._sentences:
            by_paragraph.setdefault(s.paragraph, []).append(s)
        first = self._sentences[0].paragraph if self._sentences else 0
        titles, naming = [], 0
        for para, lines in by_paragraph.items():
            if para == first or len(lines) > r.brief_title_lines or any(
                    len(s.text) > r.brief_title_chars or s.text.rstrip("\"”’'")[-1:] in ".!?:;,)" or any(c.isdigit() for c in s.text)
                    or any(a <= s.start < b for a, b in credits) for s in lines):
                continue
            start, end = lines[0].start, lines[-1].end
            titles.append((start, end))
            k = bisect.bisect_left(self._place_starts, start)
            naming += (k < len(self._place_starts) and self._place_starts[k] < end) or any(
                not m.person and m.actors[0] in _states() for m in self._mentions.actor_mentions(start, end))
        return titles if naming >= r.brief_titles else []

    def _points(self, lo: int, hi: int, head_end: int) -> tuple[Counter[str], Counter[str], dict[str, str | None]]:
        """(as a place, as a state acting, each region's country) the points of each country or
        region the text in [lo, hi) names, a mention before `head_end` (its headline) counting
        `headline_weight` times: as a place `place_weight` points, as a state acting one. A city or
        site counts `city_weight` for the country it is in, a region for itself and its country; a
        province (places.yaml feature province, "Idlib region") and a river of one country count
        for their country alone, a sea for no land. Neutral ground counts nothing: the venues of
        talks and meetings (a country too), and the country a dateline names after its city."""
        r = self.rules
        gazetteer = place_gazetteer()
        places: Counter[str] = Counter()
        acting: Counter[str] = Counter()
        home: dict[str, str | None] = {}   # a region -> the country it lies in
        # Where talks or meetings were held is neutral ground, a country too ("Liberia's
        # Warring Factions Sign Peace Deal in Ghana"): not what the article is about ...
        venues = self._venue_names
        # ... unless the article names no country as a place at all ("Live: Kibaki and Odinga
        # sign power-sharing deal in Nairobi"): then the venue is the only land it gives, and its
        # country outweighs a state named once abroad ("In Washington, ...").
        if not any(m.place.kind == "country" for m in self._mentions.places):
            venues = frozenset()
        self.filed_from()   # (sets _filed_span)
        a, b = self._filed_span

        def weight(start: int) -> int:
            return r.headline_weight if start < head_end else 1

        # (by offset: a bulletin's briefs each read their own mentions, so the article costs linear time)
        inside = self._mentions.places[bisect.bisect_left(self._place_starts, lo):bisect.bisect_left(self._place_starts, hi)]
        for m in inside:
            if a <= m.start < b and m.place.name in self._filed_country:
                continue   # "TAIF, Saudi Arabia —": says where the dateline's city lies, no more
            if m.place.kind not in _COUNTRY_KINDS or (m.place.kind == "country" and m.place.name in venues):
                continue
            points = weight(m.start) * r.place_weight   # named as where things happen: counts more
            province = gazetteer.is_province(m.place)
            if province or gazetteer.is_water(m.place.name):
                # a province counts for its country, never standing for it ("Idlib province":
                # Syria); so does a river of one country, and a sea counts for no land
                country = gazetteer.country_of_province(m.place) if province else gazetteer.country_of.get(m.place.name)
                if country is not None:
                    places[country] += points
                continue
            places[m.place.name] += points
            home[m.place.name] = gazetteer.country_of.get(m.place.name)
            if home[m.place.name] is not None:
                places[home[m.place.name]] += points
        for m in self._mentions.actor_mentions(lo, hi):
            # A nationality counts where it names a party ("Albanian rebels"), not a people or
            # a thing ("the ethnic Albanian minority", "an Albanian-majority town").
            if not m.person and m.how in ("gazetteer", "demonym") \
                    and m.actors[0] in _states() and self._acting(m):
                acting[m.actors[0]] += weight(m.start)
        # A city or site named is in its country ("in the northern town of Vavuniya": Sri
        # Lanka), unless it is where talks or meetings were held: venues abroad are neutral ground.
        for m in inside:
            if m.place.kind in ("city", "site") and m.place.lat is not None and m.place.name not in venues:
                country = country_at(m.place.lat, m.place.lon)
                if country is not None:
                    places[country] += weight(m.start) * r.city_weight
        return places, acting, home

    def _leading(self, counts: Counter[str], home: dict[str, str | None], places: Counter[str]) -> tuple[str, ...]:
        """The name leading `counts` by `country_lead` over any other that is not inside it or
        around it (or the region inside it holding `region_share` of its points as a place: a
        state acting, "Azerbaijan said", does not make the war's region less its subject), if any."""
        ranked = counts.most_common()
        if not ranked or ranked[0][1] < 2:
            return ()
        top, points = ranked[0]
        rivals = [n for name, n in ranked[1:] if home.get(name) != top and home.get(top) != name]
        if rivals and points < self.rules.country_lead * rivals[0]:
            return ()
        inside = [name for name, n in ranked if home.get(name) == top and n >= self.rules.region_share * places[top]
                  and places[name] >= self.rules.region_mentions * self.rules.place_weight]
        return (inside[0],) if inside else (top,)

    @functools.cached_property
    def _venue_names(self) -> frozenset[str]:
        """The places the article gives as the venue of a happening ("talks in Geneva"), of a
        stay or a gathering ("23 days in Taif"), and the seats of courts ("to The Hague")."""
        r = self.rules
        starts = [s.start for s in self._sentences]
        out: set[str] = {m.place.name for m in self._mentions.places if m.place.kind in ("city", "site") and (
            m.place.name in r.court_seats
            or r.stay_venue.search(self._text, max(0, m.start - _WORDS_BEFORE), m.start) is not None)}
        for start, end, what, key in self._words:
            if what != _HAPPENING or self.rules.place_from[self.rules.kind_of[key]] != "venue":
                continue
            k = bisect.bisect_right(starts, start) - 1
            if k >= 0:
                out.update(self._venue(self._sentences[k], start, end))
        return frozenset(out)

    def filed_from(self) -> tuple[str, ...]:
        """The place of the article's dateline, if its opening has one."""
        if self._filed_from is None:
            spans = [s for s in datelines(self._text) if s[0] < self._dateline_end]
            # Its first place is the city the story was filed from; what follows ("ARLINGTON,
            # Virginia —", "PRETORIA, South Africa —") only says where that city lies.
            self._filed_span = spans[0] if spans else (0, 0)
            self._filed_from = tuple(self._mentions.places_in(*spans[0], _VENUE_KINDS)[:1]) if spans else ()
            # (a dateline naming a country alone says where the story is: it locates no city)
            self._filed_country = frozenset(self._mentions.places_in(*spans[0]) if self._filed_from else ()) - \
                set(self._filed_from)
        return self._filed_from


@functools.cache
def _site_words() -> frozenset[str]:
    """The last words of the venue words of places.yaml ("Air Force Base" -> "base", "copper
    mine" -> "mine")."""
    from timeline.extract.places import gazetteer

    return frozenset(v.rsplit(" ", 1)[-1].lower() for v in (*gazetteer().venue_suffixes, *gazetteer().venue_nouns))


# "the base", "the castle": a definite venue word (the words themselves are checked against
# _site_words; the pattern only finds "the" and the next word, so it stays linear).
_WORD = re.compile(r"[A-Za-z]+")

_SITE_ANAPHOR = re.compile(r"(?<![\w-])the\s{1,3}([a-z]{3,12})(?![\w-])", re.IGNORECASE)


@functools.cache
def _title_words() -> frozenset[str]:
    """The words of the actor gazetteer's titles ("foreign", "minister"): skipped when looking
    for the word before a titled name."""
    from timeline.extract.actors import gazetteer

    return frozenset(w for t in gazetteer().titles for w in t.split())


@functools.cache
def _states() -> frozenset[str]:
    """The states of the actor gazetteer that are places too (a state acting is its country)."""
    from timeline.extract.actors import gazetteer
    from timeline.extract.places import gazetteer as places

    return frozenset(a.name for a in gazetteer().actors.values()
                     if a.kind == "state" and (p := places().lookup(a.name)) is not None and p.kind == "country")


def _kind(name: str) -> str:
    """The kind of a gazetteer actor (state, organisation, armed_group, person); "" if unknown."""
    from timeline.extract.actors import gazetteer

    g = gazetteer()
    actor = g.actors.get(name)
    if actor is not None:
        return actor.kind
    # A group the article names that the gazetteer does not know: an army or front is armed
    # ("the ethnic Albanian National Liberation Army (NLA)", "the Kosovo Liberation Army").
    return "armed_group" if name.rsplit(" ", 1)[-1] in g.armed_group_heads else ""


def _km(a: Any, b: Any) -> float:
    """Great-circle distance between two places with coordinates, in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _qualified(view: str, m: re.Match[str]) -> bool:
    """Whether the role phrase `m` follows a name or nationality that says whose it is ("Kenyan
    troops", "the Tigrayan forces", "Renamo fighters"): a capitalised word right before it that
    does not open the sentence."""
    words = view[max(0, m.start() - 60):m.start()].split()
    if not words or words[-1][-1:] in ",;:—(\"“":
        return False   # "On Tuesday, soldiers fired ...": the phrase opens a clause
    return words[-1][:1].isupper() and (len(words) > 1 or m.start() > len(words[-1]) + 1)


def _day(value: Any) -> dt.date | None:
    """`value` (a date, a datetime or a pandas Timestamp, or None) as a date."""
    if value is None or value != value:   # (None, NaT)
        return None
    return value.date() if isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime") else value


def _phrase(m: re.Match[str]) -> str:
    return "the " + _key(m.group())
