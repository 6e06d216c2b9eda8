"""Reference chronologies: a curated list of what happened in a peace process, shown beside the
events extracted from articles, and the link between the two (`match_reference`).

The format (``format: timeline-reference``, ``version: 1``) is YAML (so JSON too), one mapping:

- ``format``, ``version``: the format's name and version (this module reads version 1);
- ``title``, ``region``: what the chronology covers;
- ``license``, ``credit``: the file's own terms and who compiled it (optional but expected);
- ``entries``: a list, each entry a mapping with
  - ``id``: unique in the file (letters, digits, ``-``, ``_``, ``.``);
  - ``date`` and ``precision``: ``2016-02-03`` with ``day``, ``2016-02`` with ``month`` or ``2016``
    with ``year``; the entry covers that whole day, month or year;
  - ``type``: an event type of ``resources/event_types.yaml`` (``talks``, ``ceasefire``...);
  - ``actors``: canonical names as ``resources/actors.yaml`` spells them where listed there;
  - ``place``: optional, as ``resources/places.yaml`` names it;
  - ``headline``: a short label; ``summary``: one sentence;
  - ``link``: an http(s) address of a primary or reputable public source;
  - ``key``: optional, true for the turning points of the story;
  - ``postponed_from``: optional, the date first announced for an event that was put off.

Bundled files live in ``resources/reference/`` and are loaded once (`bundled_reference`); any
other file in the same format is read with `load_reference` from a path or from bytes (an
upload), at most `MAX_REFERENCE_BYTES`. Every problem raises an error naming the file and the
entry: a bad date, an unknown precision or type, a missing or non-http link.

How an extracted event matches an entry is data too (``resources/reference/matching.yaml``):
the event's interval must lie inside the entry's day, month or year, and its type, actors and
place must agree by at least a minimum score; the best-scoring entry wins (precise before eager).
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from timeline import schema
from timeline.datafiles import load_yaml, require
from timeline.errors import InputError, ResourceError
from timeline.extract.event_types import require_known_types, vocabulary

if TYPE_CHECKING:
    import pandas as pd

FORMAT = "timeline-reference"
VERSIONS = (1,)
PRECISIONS = ("day", "month", "year")
MAX_REFERENCE_BYTES = 2 * 1024 * 1024   # a reference file is text: thousands of entries fit easily
MAX_ENTRIES = 20_000                    # bounds the work of validation and matching
MAX_LIST = 100                          # actors per entry
MAX_TEXT = 2_000                        # characters of a headline, summary or link
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,119}")
_DATE = {"day": re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "month": re.compile(r"(\d{4})-(\d{2})"),
         "year": re.compile(r"(\d{4})")}
_LINK = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_BUNDLED = "reference"


class _TextDateLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so that a bad one ("2019-02-30") is reported
    by name and entry here instead of failing inside PyYAML."""


_TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_MATCHING = "reference/matching.yaml"


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """One happening of the reference chronology; it covers `start`..`end` (inclusive)."""

    id: str
    date: str                    # as written: 2016-02-03, 2016-02 or 2016
    precision: str               # day | month | year
    start: dt.date
    end: dt.date
    event_type: str
    actors: tuple[str, ...]
    place: str | None
    headline: str
    summary: str
    link: str
    key: bool = False
    postponed_from: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """A validated reference chronology: its header and its entries in date order."""

    name: str                    # where it came from (file name), for messages
    title: str
    region: str
    version: int
    license: str
    credit: str
    entries: tuple[ReferenceEntry, ...]

    def entry(self, entry_id: str) -> ReferenceEntry:
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise KeyError(entry_id)


# Loading -----------------------------------------------------------------------------------------

def load_reference(source: str | Path | bytes, name: str | None = None) -> Reference:
    """Read and validate a reference file from a path or from its bytes (an upload: give its
    `name` for messages). InputError naming the file (and entry) when anything is wrong."""
    if isinstance(source, bytes):
        label = name or "the reference file"
        data = source
        _check_size(label, len(data))
    else:
        path = Path(source)
        label = name or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(f"{label}: cannot be read ({exc.strerror or exc})") from None
        _check_size(label, size)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{label}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{label}: not UTF-8 text") from None
    try:
        parsed = yaml.load(text, Loader=_TextDateLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise InputError(f"{label}: not valid YAML: {exc}") from None
    return parse_reference(parsed, label)


@functools.cache
def bundled_reference(name: str = "syria_peace_process") -> Reference:
    """A reference file shipped in resources/reference/, validated once."""
    where = f"{_BUNDLED}/{name}.yaml"
    try:
        return parse_reference(load_yaml(where), f"resources/{where}")
    except InputError as exc:  # a broken bundled file is a resource error, not the user's input
        raise ResourceError(str(exc)) from None


def bundled_names() -> list[str]:
    """The names of the bundled reference files (for `bundled_reference`)."""
    folder = resources.files("timeline.resources") / _BUNDLED
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir()
                  if p.name.endswith(".yaml") and p.name != "matching.yaml")


def parse_reference(data: Any, name: str) -> Reference:
    """Validate parsed YAML as a reference chronology; InputError naming `name` and the entry."""
    if not isinstance(data, dict):
        raise InputError(f"{name}: a reference file is a mapping with a header and 'entries'")
    if data.get("format") != FORMAT:
        raise InputError(f"{name}: 'format' must be {FORMAT!r}, not {data.get('format')!r}")
    if data.get("version") not in VERSIONS:
        raise InputError(f"{name}: version {data.get('version')!r} is not one this program reads "
                         f"({', '.join(map(str, VERSIONS))})")
    header = {k: _text(data.get(k), name, "header", k, required=k in ("title", "region"))
              for k in ("title", "region", "license", "credit")}
    raw = data.get("entries")
    if not isinstance(raw, list) or not raw:
        raise InputError(f"{name}: 'entries' must be a non-empty list")
    if len(raw) > MAX_ENTRIES:
        raise InputError(f"{name}: {len(raw)} entries; at most {MAX_ENTRIES} are read")
    types = frozenset(vocabulary().types)  # the one loader of event_types.yaml (its fallback among them)
    entries, seen = [], {}
    for i, item in enumerate(raw, start=1):
        entry = _entry(item, name, i, types)
        if entry.id in seen:
            raise InputError(f"{name}: entry {i} ({entry.id}): the id is already used by entry {seen[entry.id]}")
        seen[entry.id] = i
        entries.append(entry)
    entries.sort(key=lambda e: (e.start, e.end))
    return Reference(name=name, version=int(data["version"]), entries=tuple(entries), **header)


def _entry(item: Any, name: str, i: int, types: frozenset[str]) -> ReferenceEntry:
    where = f"entry {i}"
    if not isinstance(item, dict):
        raise InputError(f"{name}: {where}: must be a mapping")
    entry_id = item.get("id")
    if not isinstance(entry_id, str) or not _ID.fullmatch(entry_id):
        raise InputError(f"{name}: {where}: 'id' must be a short name of letters, digits, '-', '_' or '.'")
    where = f"entry {i} ({entry_id})"
    precision = item.get("precision")
    if precision not in PRECISIONS:
        raise InputError(f"{name}: {where}: unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}")
    date_text = _date_text(item.get("date"))
    start, end = _interval(date_text, precision, name, where, "date")
    postponed = None
    if item.get("postponed_from") is not None:
        postponed, _ = _interval(_date_text(item["postponed_from"]), "day", name, where, "postponed_from")
    event_type = item.get("type")
    if event_type not in types:
        raise InputError(f"{name}: {where}: unknown type {event_type!r}; use one of {', '.join(sorted(types))}")
    actors = item.get("actors", [])
    if (not isinstance(actors, list) or len(actors) > MAX_LIST
            or not all(isinstance(a, str) and a.strip() and len(a) <= 200 for a in actors)):
        raise InputError(f"{name}: {where}: 'actors' must be a list of at most {MAX_LIST} names")
    place = item.get("place")
    if place is not None and (not isinstance(place, str) or not place.strip() or len(place) > 200):
        raise InputError(f"{name}: {where}: 'place' must be a name")
    link = item.get("link")
    if link is None or link == "":
        raise InputError(f"{name}: {where}: missing 'link' (an http or https address of its source)")
    if not isinstance(link, str) or len(link) > MAX_TEXT or not _LINK.fullmatch(link.strip()):
        raise InputError(f"{name}: {where}: 'link' must be an http or https address, not {str(link)[:80]!r}")
    key = item.get("key", False)
    if not isinstance(key, bool):
        raise InputError(f"{name}: {where}: 'key' must be true or false")
    return ReferenceEntry(
        id=entry_id, date=date_text, precision=precision, start=start, end=end, event_type=event_type,
        actors=tuple(dict.fromkeys(a.strip() for a in actors)), place=place.strip() if place else None,
        headline=_text(item.get("headline"), name, where, "headline", required=True),
        summary=_text(item.get("summary"), name, where, "summary", required=True),
        link=link.strip(), key=key, postponed_from=postponed,
    )


def _date_text(value: Any) -> str:
    # YAML reads 2016-02-03 as a date and 2016 as an int; 2016-02 stays a string.
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:04d}"
    return value if isinstance(value, str) else repr(value)


def _interval(text: str, precision: str, name: str, where: str, field: str) -> tuple[dt.date, dt.date]:
    match = _DATE[precision].fullmatch(text.strip())
    if not match:
        form = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[precision]
        raise InputError(f"{name}: {where}: bad {field} {text!r}: precision {precision} is written {form}")
    parts = [int(p) for p in match.groups()]
    try:
        if precision == "day":
            day = dt.date(*parts)
            return day, day
        if precision == "month":
            first = dt.date(parts[0], parts[1], 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except ValueError:
        raise InputError(f"{name}: {where}: bad {field} {text!r}: no such day") from None


def _text(value: Any, name: str, where: str, field: str, required: bool) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(f"{name}: {where}: missing {field!r}")
        return ""
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise InputError(f"{name}: {where}: {field!r} must be text of at most {MAX_TEXT} characters")
    return " ".join(value.split())


def _check_size(label: str, size: int) -> None:
    if size > MAX_REFERENCE_BYTES:
        raise InputError(f"{label}: {size / 1_048_576:.1f} MB; a reference file may be at most "
                         f"{MAX_REFERENCE_BYTES // 1_048_576} MB")


# Matching ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class MatchingRules:
    """How much each kind of agreement counts, from resources/reference/matching.yaml."""

    same_type: float
    related_type: float
    per_actor: float
    max_actors: int
    same_place: float
    min_score: dict[str, float]          # per entry precision
    day_tolerance: int                   # days an event of a day entry may be off (time zones)
    coarser_max_days: int                # an event this wide may hold a narrower entry ("in March 2011")
    off_day_penalty: float
    related: frozenset[frozenset[str]]


@functools.cache
def matching_rules() -> MatchingRules:
    return build_matching_rules(load_yaml(_MATCHING))


def build_matching_rules(data: Any) -> MatchingRules:
    """The matching rules of matching.yaml's parsed `data`, validated (ResourceError names the entry)."""
    name = _MATCHING
    require(isinstance(data, dict), name, "top level", "must be a mapping")
    weights = data.get("weights")
    require(isinstance(weights, dict), name, "weights", "must be a mapping")
    for k in ("same_type", "related_type", "per_actor", "max_actors", "same_place", "off_day_penalty"):
        require(isinstance(weights.get(k), (int, float)) and weights[k] >= 0, name, f"weights.{k}",
                "must be a number >= 0")
    min_score = data.get("min_score")
    require(isinstance(min_score, dict) and set(min_score) == set(PRECISIONS)
            and all(isinstance(v, (int, float)) and v > 0 for v in min_score.values()),
            name, "min_score", f"needs a positive number for each of {', '.join(PRECISIONS)}")
    tolerance = data.get("day_tolerance", 0)
    require(isinstance(tolerance, int) and 0 <= tolerance <= 3, name, "day_tolerance", "must be 0 to 3 days")
    coarser = data.get("coarser_event_max_days", 0)
    require(isinstance(coarser, int) and 0 <= coarser <= 366, name, "coarser_event_max_days", "must be 0 to 366 days")
    related = []
    for group in data.get("related_types", []):
        require(isinstance(group, list) and len(group) >= 2, name,
                "related_types", f"{group!r}: each group is a list of two or more event types")
        related.append(frozenset(group))
    require_known_types(data, name)
    return MatchingRules(
        same_type=float(weights["same_type"]), related_type=float(weights["related_type"]),
        per_actor=float(weights["per_actor"]), max_actors=int(weights["max_actors"]),
        same_place=float(weights["same_place"]), min_score={k: float(v) for k, v in min_score.items()},
        day_tolerance=tolerance, coarser_max_days=coarser, off_day_penalty=float(weights["off_day_penalty"]),
        related=frozenset(related),
    )


def agreement(entry: ReferenceEntry, event_type: str, actors: list[str], places: list[str],
              rules: MatchingRules | None = None) -> float:
    """How well an event's type, actors and places agree with `entry` (dates aside)."""
    rules = rules or matching_rules()
    score = 0.0
    if event_type == entry.event_type:
        score += rules.same_type
    elif any(event_type in g and entry.event_type in g for g in rules.related):
        score += rules.related_type
    wanted = {a.casefold() for a in entry.actors}
    shared = len(wanted & {a.casefold() for a in actors})
    score += rules.per_actor * min(shared, rules.max_actors)
    if entry.place and entry.place.casefold() in {p.casefold() for p in places}:
        score += rules.same_place
    return score


def match_reference(chronology: pd.DataFrame, reference: Reference) -> dict[str, str]:
    """event_key -> entry id for the chronology's events that match an entry of `reference`.

    An event matches an entry when its whole interval lies within the entry's day, month or year
    (a one-day event may be `day_tolerance` days off a day entry, at a cost), or when the event
    is a little wider than the entry and holds it ("in March 2011" for 18 March 2011); and its
    type, actors and place agree by at least the minimum score of the wider of the two. Each
    event takes its best entry (the highest score, then the narrower entry); when two entries
    tie, the event is ambiguous and is not linked: precise before eager. The cost is linear in
    the events, times the entries of the year around each.
    """
    chronology = schema.validate_chronology(chronology)
    rules = matching_rules()
    entries = reference.entries
    starts = [e.start for e in entries]
    widest = dt.timedelta(days=366 + rules.day_tolerance)  # no entry is longer than a year
    out: dict[str, str] = {}
    for key, start, end, event_type, actors, places in zip(
            chronology[schema.EVENT_KEY], chronology[schema.DATE_START], chronology[schema.DATE_END],
            chronology[schema.EVENT_TYPE], chronology[schema.ACTORS], chronology[schema.LOCATIONS]):
        if start is None or end is None or start != start or end != end:  # NaT: undated
            continue
        s, e = start.date(), end.date()
        if (e - s).days >= 366:
            continue
        lo = bisect.bisect_left(starts, s - widest)
        hi = bisect.bisect_right(starts, e + dt.timedelta(days=rules.day_tolerance))
        ranked: list[tuple[float, int, str]] = []
        for index in range(lo, hi):
            entry = entries[index]
            fit = _fit(entry, s, e, rules)
            if fit is None:
                continue
            off, threshold = fit
            score = agreement(entry, str(event_type), actors, places, rules) - off * rules.off_day_penalty
            if score >= rules.min_score[threshold]:
                ranked.append((score, -PRECISIONS.index(entry.precision), entry.id))
        if not ranked:
            continue
        ranked.sort(reverse=True)
        if len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]:
            continue  # two entries fit as well as each other: ambiguous
        out[str(key)] = ranked[0][2]
    return out


def _fit(entry: ReferenceEntry, start: dt.date, end: dt.date, rules: MatchingRules) -> tuple[int, str] | None:
    """How the event's dates fit the entry: (days off, the precision whose minimum score
    applies), or None when they do not fit."""
    if entry.start <= start and end <= entry.end:
        return 0, entry.precision
    if entry.precision == "day" and start == end:
        off = abs((start - entry.start).days)
        return (off, "day") if off <= rules.day_tolerance else None
    width = (end - start).days + 1
    if start <= entry.start and entry.end <= end and width <= rules.coarser_max_days:
        return 0, "month" if width <= 31 else "year"
    return None


def reference_table(reference: Reference) -> pd.DataFrame:
    """The entries as a table (for a context band or an export): one row per entry."""
    import pandas as pd

    return pd.DataFrame({
        "id": [e.id for e in reference.entries],
        schema.DATE_START: pd.to_datetime([e.start for e in reference.entries]),
        schema.DATE_END: pd.to_datetime([e.end for e in reference.entries]),
        "precision": [e.precision for e in reference.entries],
        schema.EVENT_TYPE: [e.event_type for e in reference.entries],
        schema.ACTORS: [list(e.actors) for e in reference.entries],
        "place": [e.place or "" for e in reference.entries],
        schema.HEADLINE: [e.headline for e in reference.entries],
        "summary": [e.summary for e in reference.entries],
        "link": [e.link for e in reference.entries],
        "key": [e.key for e in reference.entries],
    })
