"""The generated corpus (tests/corpus_maker.py): big enough, spread over years, deterministic,
and written so that the extractor finds the dates its ground truth says each article reports."""
import collections
import hashlib
import json

import pandas as pd
import pytest

from corpus_maker import make_corpus
from timeline import extract_events, schema
from timeline.corpus.reference import match_reference
from timeline.documents import load_document


@pytest.fixture(scope="module")
def corpus():
    return make_corpus(seed=0)


@pytest.fixture(scope="module")
def extracted(corpus):
    """The extractor's mentions of a fixed sample of the corpus (every fifth article)."""
    sample = corpus.articles[::5]
    return {a.doc_id: extract_events(a.text, published=a.published, doc_id=a.doc_id) for a in sample}


def _fingerprint(c) -> str:
    return hashlib.sha256(json.dumps(
        [[a.doc_id, a.title, a.source, a.published.isoformat(), a.text] for a in c.articles]).encode()).hexdigest()


def test_corpus_has_300_articles_spread_over_many_years(corpus):
    assert len(corpus.articles) >= 300
    years = collections.Counter(a.published.year for a in corpus.articles)
    assert len(years) >= 10 and max(years.values()) < len(corpus.articles) / 3


def test_same_seed_gives_the_same_corpus_and_another_seed_another(corpus):
    assert _fingerprint(make_corpus(seed=0)) == _fingerprint(corpus)
    assert _fingerprint(make_corpus(seed=1)) != _fingerprint(corpus)


def test_each_article_has_title_source_date_and_its_own_text(corpus):
    assert all(a.title and a.source and a.published and a.text for a in corpus.articles)
    assert len({a.doc_id for a in corpus.articles}) == len(corpus.articles)
    assert len({" ".join(a.text.split()) for a in corpus.articles}) == len(corpus.articles)
    assert len({a.source for a in corpus.articles}) >= 6


def test_key_happenings_are_reported_by_many_articles_and_minor_ones_by_few(corpus):
    main = collections.Counter(r.entry_id for r in corpus.reports if r.main)
    for entry in corpus.reference.entries:
        low, high = (10, 30) if entry.key else (1, 3)
        assert low <= main[entry.id] <= high, entry.id
    geneva = corpus.articles_reporting("geneva-talks-suspended-2016")
    outlets = {a.source for a in corpus.articles if a.doc_id in geneva}
    days = {a.published for a in corpus.articles if a.doc_id in geneva}
    assert len(geneva) >= 10 and len(outlets) >= 3 and len(days) >= 4


def test_styles_report_from_different_days(corpus):
    styles = collections.Counter(a.style for a in corpus.articles)
    assert set(styles) == {"wire", "analysis", "background", "preview", "postponement"}
    by_doc = {a.doc_id: a for a in corpus.articles}
    for r in corpus.reports:
        if not r.main:
            continue
        a = by_doc[r.doc_id]
        lag = (a.published - r.start).days
        assert {"wire": 0 <= lag <= 1, "analysis": 2 <= lag <= 6, "background": a.published > r.end,
                "preview": lag < 0, "postponement": lag < 0}[a.style], (a.style, r)
        if a.style == "analysis":
            assert r.phrase.startswith("last ")
        if a.style in ("preview", "postponement"):
            assert r.status == "planned"
    phrases = {r.phrase for r in corpus.reports}
    assert "next week" in phrases and any(p.startswith("last ") for p in phrases)
    assert {r.granularity for r in corpus.reports} >= {"day", "week", "month"}


def test_extractor_finds_every_reported_date_with_the_right_span(corpus, extracted):
    missing = []
    for doc_id, mentions in extracted.items():
        found = {(s.date(), e.date()) for s, e in zip(mentions[schema.DATE_START], mentions[schema.DATE_END])}
        missing += [(doc_id, r.phrase, r.start) for r in corpus.reports_of(doc_id) if (r.start, r.end) not in found]
    assert missing == []
    assert sum(len(corpus.reports_of(d)) for d in extracted) >= 100


def test_extractor_reads_announcements_as_planned(corpus, extracted):
    planned = [(d, r) for d in extracted for r in corpus.reports_of(d) if r.status == "planned"]
    assert planned
    for doc_id, r in planned:
        m = extracted[doc_id]
        rows = m[(m[schema.DATE_START].dt.date == r.start) & (m[schema.DATE_END].dt.date == r.end)]
        assert (rows[schema.STATUS] == "planned").any(), (doc_id, r.phrase)


def test_most_extracted_reports_link_to_their_reference_entry(corpus, extracted):
    # Each mention alone, as a one-row event of a chronology, must find its entry in the reference.
    hits = total = 0
    for doc_id, m in extracted.items():
        table = schema.validate_chronology(pd.DataFrame({
            schema.EVENT_KEY: m[schema.EVENT_ID], schema.DATE_START: m[schema.DATE_START],
            schema.DATE_END: m[schema.DATE_END], schema.GRANULARITY: m[schema.GRANULARITY],
            schema.EVENT_TYPE: m[schema.EVENT_TYPE], schema.STATUS: m[schema.STATUS], schema.HEADLINE: "",
            schema.ACTORS: m[schema.ACTORS], schema.LOCATIONS: m[schema.LOCATIONS],
            schema.MENTION_IDS: [[x] for x in m[schema.EVENT_ID]], schema.DOC_IDS: [[doc_id]] * len(m),
            schema.N_MENTIONS: 1, schema.N_ARTICLES: 1, schema.SOURCES: [[]] * len(m),
            schema.FIRST_REPORTED: pd.NaT, schema.LAST_REPORTED: pd.NaT, schema.STATUS_HISTORY: "[]",
            schema.SALIENCE: 0.5, schema.SALIENCE_REASON: "", schema.REPRESENTATIVE_ID: m[schema.EVENT_ID]}))
        links = match_reference(table, corpus.reference)
        for r in corpus.reports_of(doc_id):
            keys = m.loc[(m[schema.DATE_START].dt.date == r.start) & (m[schema.DATE_END].dt.date == r.end),
                         schema.EVENT_ID]
            total += 1
            hits += any(links.get(k) == r.entry_id for k in keys)
    assert hits / total >= 0.85


def test_markdown_folder_reads_back_as_articles_with_their_metadata(corpus, tmp_path):
    paths = corpus.write_markdown(tmp_path / "md")
    assert len(paths) == len(corpus.articles)
    for a, path in list(zip(corpus.articles, paths))[::40]:
        doc = load_document(path)
        assert (doc.doc_id, doc.title, doc.source, doc.published) == (a.doc_id, a.title, a.source, a.published)
        assert " ".join(doc.text.split()) == " ".join(a.text.split())


def test_jsonl_holds_one_article_a_line(corpus, tmp_path):
    path = corpus.write_jsonl(tmp_path / "corpus.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(corpus.articles)
    assert set(rows[0]) == {"text", "published", "title", "source", "doc_id"}
    assert rows[7]["doc_id"] == corpus.articles[7].doc_id
