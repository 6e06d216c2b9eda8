"""A corpus of news articles of our own making, written from a reference chronology, for tests
and benchmarks that need hundreds of articles over several years (tests and bench/ import it).

Each happening of the reference is reported by a varying number of articles: a key entry by
10 to 30, a minor one by 1 to 3, from different outlets and days, each in its own style:

- ``wire``: a dispatch the same day ("... on Tuesday"), or the next day;
- ``analysis``: two to six days later ("last Tuesday");
- ``background``: months later ("on 3 February 2016", "in February 2016", "last February");
- ``preview``: days before ("are due to meet in Geneva on Friday", "next week"), status planned;
- ``postponement``: for an entry with ``postponed_from``, the new date of a plan that was put off.

Sentences are built from the entry's summary and from templates, in varied orders, with noise
(comments, undated background) and sometimes a recall of an earlier entry. Random but seeded:
the same seed gives the same corpus, byte for byte. `make_corpus` also returns the ground truth:
which article reports which entry, on which dates as written.

Every text here is our own writing; dates, names and places are those of the reference file.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from timeline.corpus.reference import Reference, ReferenceEntry, bundled_reference

# Outlets (invented) and the styles they write in.
OUTLETS: dict[str, tuple[str, ...]] = {
    "Levant Wire": ("wire", "preview", "postponement"),
    "Meridian News Agency": ("wire", "preview", "postponement"),
    "The Geneva Observer": ("wire", "analysis", "preview"),
    "Crescent Daily": ("wire", "analysis", "background"),
    "Northern Ledger": ("analysis", "background", "preview"),
    "Atlas Weekly": ("analysis", "background"),
    "The Long View": ("background",),
    "Policy Quarterly Review": ("background", "analysis"),
}
KEY_REPORTS = (10, 30)      # articles per key entry
MINOR_REPORTS = (1, 3)      # articles per other entry
# Shares of each style among the articles of one entry (a style that does not fit the entry
# gives its turn to the wire).
STYLE_WEIGHTS = {"wire": 40, "analysis": 15, "background": 25, "preview": 15, "postponement": 5}

# Types whose happening can be announced ahead; the words of the announcement.
PREVIEWS: dict[str, tuple[str, ...]] = {
    "talks": ("Delegations are due to open talks{in_place} {when}, diplomats said.",
              "Talks{in_place} are expected to begin {when}, according to officials.",
              "The next round of negotiations is scheduled to start{in_place} {when}."),
    "meeting": ("{actors} {be} scheduled to meet{in_place} {when}.",
                "{actors} will meet{in_place} {when}, officials said."),
    "resumption": ("The talks{in_place} are set to resume {when}.",
                   "Negotiators will return to the table{in_place} {when}, the UN said."),
    "ceasefire": ("A ceasefire is due to take effect {when}.",
                  "The truce will come into force {when}, officials said."),
    "resolution": ("The Security Council is expected to vote on a draft resolution {when}.",
                   "The Security Council will put the draft resolution to a vote {when}, diplomats said."),
    "agreement": ("{actors} {be} expected to sign an agreement{in_place} {when}.",),
}
# Undated sentences that could sit in any article about the conflict.
NOISE = (
    "Diplomats cautioned that deep divisions remained between the two sides.",
    "A spokesman declined to give further details.",
    "Aid agencies repeated their appeal for safe access to besieged areas.",
    "The war has killed hundreds of thousands of people and driven millions from their homes.",
    '"Nobody should expect miracles," one Western diplomat said.',
    "Analysts said much would depend on the outside powers that back each side.",
    "Opposition figures said they had little trust in the government's promises.",
    "Officials in the capital gave no immediate response.",
    "The fate of the country's president remains the hardest question of all.",
    "Residents described long queues for bread and fuel.",
    '"We have heard such promises before," said a teacher who fled the fighting.',
    "Human rights groups called for those responsible for abuses to be held to account.",
    "Neighbouring countries host millions of refugees from the conflict.",
    "Few expected a quick breakthrough.",
)
ANALYSIS_OPENERS = (
    "{When}, {event}, and few observers were surprised.",
    "It took some time to take stock of what happened {when}: {event}.",
    "{When}, {event}, and the consequences are still unfolding.",
)
BACKGROUND_OPENERS = (
    "{When}, {event}.",
    "It was {when} that {event}.",
    "Recall what happened {when}: {event}.",
)
RECALLS = (
    "That came after an earlier moment: {when}, {event}.",
    "Many still remember how, {when}, {event}.",
    "Background: {when}, {event}.",
)
TITLES = {
    "wire": ("{headline}", "{headline}, officials say", "Update: {headline}"),
    "analysis": ("Analysis: {headline}", "What it means: {headline}", "After the week: {headline}"),
    "background": ("Looking back: {headline}", "The long road: {headline}", "Explainer: {headline}"),
    "preview": ("Ahead of the week: {headline}", "Coming up: {headline}", "Diplomats prepare: {headline}"),
    "postponement": ("Delayed: {headline}", "New date set: {headline}"),
}
_MONTH_ABBR = {1: "Jan.", 2: "Feb.", 3: "March", 4: "April", 5: "May", 6: "June", 7: "July",
               8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}


@dataclass(frozen=True)
class Article:
    doc_id: str
    title: str
    source: str
    published: dt.date
    text: str
    style: str
    entry_id: str               # the happening the article is about


@dataclass(frozen=True)
class Report:
    """Ground truth: article `doc_id` reports entry `entry_id` as happening (or planned)
    within `start`..`end`, written as `phrase`."""

    doc_id: str
    entry_id: str
    start: dt.date
    end: dt.date
    granularity: str            # day | week | month | year
    phrase: str
    status: str                 # occurred | planned
    main: bool                  # the article's subject (False: a recalled earlier entry)


@dataclass
class Corpus:
    articles: list[Article]
    reports: list[Report]
    reference: Reference
    _by_doc: dict[str, list[Report]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for r in self.reports:
            self._by_doc.setdefault(r.doc_id, []).append(r)

    def reports_of(self, doc_id: str) -> list[Report]:
        return list(self._by_doc.get(doc_id, []))

    def articles_reporting(self, entry_id: str) -> list[str]:
        """The doc_ids of the articles that report `entry_id` (as subject or as background)."""
        return sorted({r.doc_id for r in self.reports if r.entry_id == entry_id})

    def write_markdown(self, folder: str | Path) -> list[Path]:
        """One `<doc_id>.md` per article, with YAML front matter (title, source, published)."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for a in self.articles:
            meta = yaml.safe_dump({"title": a.title, "source": a.source, "published": a.published},
                                  sort_keys=False, allow_unicode=True)
            path = out / f"{a.doc_id}.md"
            path.write_text(f"---\n{meta}---\n\n{a.text}\n", encoding="utf-8")
            paths.append(path)
        return paths

    def write_jsonl(self, path: str | Path) -> Path:
        """One JSON object per line: text, published, title, source, doc_id."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as f:
            for a in self.articles:
                f.write(json.dumps({"text": a.text, "published": a.published.isoformat(), "title": a.title,
                                    "source": a.source, "doc_id": a.doc_id}, ensure_ascii=False) + "\n")
        return target

    def truth_table(self) -> list[dict[str, object]]:
        return [{"doc_id": r.doc_id, "entry_id": r.entry_id, "start": r.start.isoformat(), "end": r.end.isoformat(),
                 "granularity": r.granularity, "phrase": r.phrase, "status": r.status, "main": r.main}
                for r in self.reports]


def make_corpus(seed: int = 0, reference: Reference | None = None, min_articles: int = 300) -> Corpus:
    """At least `min_articles` articles written from `reference` (the bundled Syria chronology
    by default), with their ground truth. Deterministic for a given seed."""
    reference = reference or bundled_reference()
    rng = random.Random(seed)
    drafts: list[tuple[Article, list[Report]]] = []
    seen_hashes: set[str] = set()
    rounds = 0
    while len(drafts) < min_articles:
        for entry in reference.entries:
            low, high = KEY_REPORTS if entry.key else MINOR_REPORTS
            count = rng.randint(low, high) if rounds == 0 else rng.randint(0, 1)
            for i in range(count):
                # A plan that was put off is told at least once as such.
                style = "postponement" if rounds == 0 and i == 0 and entry.postponed_from else None
                draft = _article(entry, reference, rng, style)
                digest = hashlib.sha256(" ".join(draft[0].text.split()).encode()).hexdigest()
                if digest in seen_hashes:  # the same text twice would be one article in a store
                    continue
                seen_hashes.add(digest)
                drafts.append(draft)
        rounds += 1
    drafts.sort(key=lambda d: (d[0].published, d[0].entry_id, d[0].source, d[0].title, d[0].text))
    articles, reports = [], []
    for i, (article, found) in enumerate(drafts):
        doc_id = f"mk{i:04d}-{article.published.isoformat()}"
        articles.append(Article(doc_id, article.title, article.source, article.published, article.text,
                                article.style, article.entry_id))
        reports += [Report(doc_id, *_fields(r)) for r in found]
    return Corpus(articles, reports, reference)


def _fields(r: Report) -> tuple:
    return (r.entry_id, r.start, r.end, r.granularity, r.phrase, r.status, r.main)


# One article ---------------------------------------------------------------------------------------

def _article(entry: ReferenceEntry, reference: Reference, rng: random.Random,
             style: str | None = None) -> tuple[Article, list[Report]]:
    style = style or _style(entry, rng)
    outlet = rng.choice([o for o, styles in OUTLETS.items() if style in styles])
    build = {"wire": _wire, "analysis": _analysis, "background": _background, "preview": _preview,
             "postponement": _postponement}[style]
    published, lead, report = build(entry, rng)
    sentences = [lead]
    body = rng.sample(NOISE, rng.randint(1, 3))
    reports = [report]
    earlier = [e for e in reference.entries if e.end < min(entry.start, published) - dt.timedelta(days=20)]
    if earlier and rng.random() < 0.35:
        recalled = rng.choice(earlier)
        when, phrase, start, end, granularity = _absolute_phrase(recalled, published, rng)
        body.append(rng.choice(RECALLS).format(when=when, event=_clause(recalled.summary)))
        reports.append(Report("", recalled.id, start, end, granularity, phrase, "occurred", False))
    rng.shuffle(body)
    sentences += body
    if rng.random() < 0.25:  # some writers open with a comment before the news
        sentences[0], sentences[1] = sentences[1], sentences[0]
    # A few paragraphs: the first sentence alone, then the rest two by two.
    paragraphs = [sentences[0]] + [" ".join(sentences[i:i + 2]) for i in range(1, len(sentences), 2)]
    text = "\n\n".join(paragraphs)
    if style == "wire" and entry.place and rng.random() < 0.5:
        text = f"{entry.place.upper()} — {text}"
    title = rng.choice(TITLES[style]).format(headline=entry.headline)
    return Article("", title, outlet, published, text, style, entry.id), reports


def _style(entry: ReferenceEntry, rng: random.Random) -> str:
    if entry.precision != "day":
        return "background"
    styles = dict(STYLE_WEIGHTS)
    if entry.event_type not in PREVIEWS:
        styles.pop("preview")
    if entry.postponed_from is None:
        styles.pop("postponement")
    return rng.choices(list(styles), weights=list(styles.values()))[0]


def _wire(entry: ReferenceEntry, rng: random.Random) -> tuple[dt.date, str, Report]:
    day = entry.start
    published = day + dt.timedelta(days=rng.choice((0, 0, 1)))
    weekday = calendar.day_name[day.weekday()]
    phrase = rng.choice((f"on {weekday}", f"early on {weekday}", f"late on {weekday}", f"on {weekday}"))
    lead = f"{phrase[0].upper()}{phrase[1:]}, {_clause(entry.summary)}."
    return published, lead, Report("", entry.id, day, day, "day", weekday, "occurred", True)


def _analysis(entry: ReferenceEntry, rng: random.Random) -> tuple[dt.date, str, Report]:
    day = entry.start
    published = day + dt.timedelta(days=rng.randint(2, 6))
    weekday = calendar.day_name[day.weekday()]
    when = f"last {weekday}"
    template = rng.choice(ANALYSIS_OPENERS)
    lead = template.format(when=when, When=when[0].upper() + when[1:], event=_clause(entry.summary))
    return published, _sentence(lead), Report("", entry.id, day, day, "day", when, "occurred", True)


def _background(entry: ReferenceEntry, rng: random.Random) -> tuple[dt.date, str, Report]:
    published = entry.end + dt.timedelta(days=rng.randint(30, 420))
    when, phrase, start, end, granularity = _absolute_phrase(entry, published, rng)
    template = rng.choice(BACKGROUND_OPENERS)
    lead = template.format(when=when, When=when[0].upper() + when[1:], event=_clause(entry.summary))
    return published, _sentence(lead), Report("", entry.id, start, end, granularity, phrase, "occurred", True)


def _preview(entry: ReferenceEntry, rng: random.Random) -> tuple[dt.date, str, Report]:
    day = entry.start
    ahead = rng.randint(1, 12)
    published = day - dt.timedelta(days=ahead)
    start = end = day
    granularity = "day"
    monday = day - dt.timedelta(days=day.weekday())
    if ahead <= 6 and rng.random() < 0.8:
        phrase = calendar.day_name[day.weekday()]
        when = f"on {phrase}"
    elif published < monday and (monday - published).days <= 7 and rng.random() < 0.7:
        # Announced in the week before: "next week" is the whole of that week.
        phrase = when = "next week"
        start, end, granularity = monday, monday + dt.timedelta(days=6), "week"
    else:
        phrase = f"{calendar.month_name[day.month]} {day.day}"
        when = f"on {phrase}"
    lead = rng.choice(PREVIEWS[entry.event_type]).format(
        when=when, in_place=f" in {entry.place}" if entry.place and entry.place != "Syria" else "",
        actors=_actors(entry), be="are" if len(entry.actors) > 1 else "is")
    return published, lead, Report("", entry.id, start, end, granularity, phrase, "planned", True)


def _postponement(entry: ReferenceEntry, rng: random.Random) -> tuple[dt.date, str, Report]:
    assert entry.postponed_from is not None
    day, first = entry.start, entry.postponed_from
    latest = (day - first).days - 1
    published = day - dt.timedelta(days=rng.randint(1, max(1, min(6, latest))))
    weekday = calendar.day_name[day.weekday()]
    first_text = f"{calendar.month_name[first.month]} {first.day}"
    lead = rng.choice((
        f"The talks, first set for {first_text}, will now open on {weekday}, the UN said.",
        f"The UN has put off the talks, which had been due on {first_text}; they will now start on {weekday}.",
    ))
    return published, lead, Report("", entry.id, day, day, "day", weekday, "planned", True)


def _absolute_phrase(entry: ReferenceEntry, published: dt.date,
                     rng: random.Random) -> tuple[str, str, dt.date, dt.date, str]:
    """A phrase that dates `entry` in an article of `published`, without needing the week:
    (words to insert, the time expression, start, end, granularity)."""
    d = entry.start
    month = calendar.month_name[d.month]
    if entry.precision == "year":
        return f"in {d.year}", str(d.year), entry.start, entry.end, "year"
    month_end = dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    months_later = (published.year - d.year) * 12 + published.month - d.month
    choices = ["month"]
    if entry.precision == "day":
        choices += ["day", "day", "day_us"]
    if 1 <= months_later <= 11:
        choices.append("last_month_name")
    kind = rng.choice(choices)
    if kind == "day":
        phrase = f"{d.day} {month} {d.year}"
        return f"on {phrase}", phrase, d, d, "day"
    if kind == "day_us":
        phrase = f"{_MONTH_ABBR[d.month]} {d.day}, {d.year}"
        return f"on {phrase}", phrase, d, d, "day"
    if kind == "last_month_name":
        return f"last {month}", f"last {month}", d.replace(day=1), month_end, "month"
    phrase = f"{month} {d.year}"
    return rng.choice((f"in {phrase}", f"back in {phrase}")), phrase, d.replace(day=1), month_end, "month"


# Common words that open a summary; any other first word is a name and keeps its capital.
_COMMON_OPENERS = frozenset({"The", "A", "An", "Two", "More", "Rebels", "Rockets", "Opposition", "Government",
                             "Security", "Indirect", "Speaking", "After", "Armed", "Foreign"})


def _clause(summary: str) -> str:
    """The summary as a clause to follow other words: no final full stop, and a lower-case
    first word unless it is a name ("The UN envoy" -> "the UN envoy", "Kofi Annan" stays)."""
    text = summary.rstrip(".").strip()
    first = text.split(" ", 1)[0]
    return first.lower() + text[len(first):] if first in _COMMON_OPENERS else text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", '"')) else text + "."


def _actors(entry: ReferenceEntry) -> str:
    names = list(entry.actors[:2]) or ["The parties"]
    return " and ".join(names)


def main(argv: list[str] | None = None) -> int:
    """`python tests/corpus_maker.py OUT [--seed N]`: OUT/articles/*.md, OUT/corpus.jsonl and
    OUT/truth.json (which article reports which entry on which dates)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--min-articles", type=int, default=300)
    args = parser.parse_args(argv)
    corpus = make_corpus(seed=args.seed, min_articles=args.min_articles)
    corpus.write_markdown(args.out / "articles")
    corpus.write_jsonl(args.out / "corpus.jsonl")
    (args.out / "truth.json").write_text(json.dumps(corpus.truth_table(), indent=1), encoding="utf-8")
    print(f"{len(corpus.articles)} articles, {len(corpus.reports)} reports of "
          f"{len({r.entry_id for r in corpus.reports})} entries -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
