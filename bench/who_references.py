"""Issue 11's question for actors, measured: for each actor a training row misses (or gives
wrongly), what in the row's sentence refers to it, and where the article names it before. A
rough reading for choosing rules (tests/article_scores.py's matching), not a test.

The reference is the first of these the sentence holds: a mention of the actor itself (the row
did not take it); a word of the actor's name (a surname the gazetteer missed); a role phrase of
discourse.yaml ("the two sides", "the envoy", "the three presidents"); an office title of the
actor gazetteer after "the" or a possessive ("the Emir", "his foreign minister"); a subject
pronoun opening a clause; another definite noun phrase of a party or a group ("the
delegations", "the council"); a possessive ("his", "its"); nothing. The antecedent is the
nearest earlier sentence whose mentions name the actor.

Training articles only (role training in tests/articles/batches.yaml): every test article outside the fresh batches, and the
training batches.

Run: .venv/bin/python bench/who_references.py [--list]
"""
from __future__ import annotations

import bisect
import collections
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "bench")]

from article_scores import matched_row, named  # noqa: E402
from clause_misses import dt_of, training  # noqa: E402
from timeline.extract.actors import gazetteer  # noqa: E402
from timeline.extract.discourse import rules  # noqa: E402
from timeline.extract.events import extract_events, find_mentions  # noqa: E402
from timeline.extract.sentences import split_sentences  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
_PRONOUN = re.compile(r"(?:^|[.;:,]\s+|\b(?:and|but|when|after|before|that|where|as|while|because|until|since|which)\s+)"
                      r"(he|she|they|it)\b", re.I)
_POSSESSIVE = re.compile(r"\b(?:his|her|its|their)\b", re.I)
_PARTY_NP = re.compile(r"\b(?:the|both|his|her|their|its)\s+(?:[A-Za-z-]+\s+){0,3}?(?:delegations?|sides|parties|"
                       r"countries|states|nations|governments?|leaders?|men|officials|diplomats|rebels|army|military|"
                       r"council|team|powers|signatories|guarantors|administration|authorities|regime|movement|"
                       r"group|bloc|alliance|union|mission|troops|forces|cabinet|head|chief|commander)\b", re.I)
PLACES = ("previous sentence", "earlier in the paragraph", "paragraph before", "lede (paragraphs 0-2)",
          "farther back", "only later", "nowhere")


def _title_phrase() -> re.Pattern[str]:
    titles = sorted(gazetteer().titles, key=len, reverse=True)
    return re.compile(r"\b(?:the|his|her|its|their)\s+(?:[A-Za-z-]+\s+){0,2}?(?:"
                      + "|".join(map(re.escape, titles)) + r")s?\b", re.I)


def reference(sentence: str, actor: str, mentioned: bool, titles: re.Pattern[str]) -> str:
    r = rules()
    words = re.findall(r"[A-Z][\w'-]{2,}", actor) if " " in actor else []
    if mentioned:
        return "a mention of it (not taken)"
    if words and any(re.search(r"\b" + re.escape(w) + r"\b", sentence) for w in words[1:] or words):
        return "a word of its name"
    if r.role_phrases.search(sentence) or (r.numbered is not None and r.numbered.search(sentence)):
        return "a role phrase of discourse.yaml"
    if titles.search(sentence):
        return "an office title ('the Emir')"
    if _PRONOUN.search(sentence):
        return "a subject pronoun"
    if _PARTY_NP.search(sentence):
        return "another party noun phrase"
    if _POSSESSIVE.search(sentence):
        return "a possessive"
    return "nothing"


def antecedent(sentences: list, k: int, named_in: list[int]) -> str:
    earlier = [j for j in named_in if j < k]
    if not earlier:
        return "only later" if any(j > k for j in named_in) else "nowhere"
    j, para = max(earlier), sentences[k].paragraph
    if sentences[j].paragraph == para:
        return "previous sentence" if j == k - 1 else "earlier in the paragraph"
    if sentences[j].paragraph == para - 1:
        return "paragraph before"
    return "lede (paragraphs 0-2)" if sentences[j].paragraph <= 2 else "farther back"


def main() -> None:
    listing = "--list" in sys.argv
    titles = _title_phrase()
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name in training():
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        mentions = find_mentions(text, dt_of(gold["published"]))
        sentences = split_sentences(text)
        starts = [s.start for s in sentences]
        for event in gold["events"]:
            row = matched_row(events, text, event)
            if row is None:
                continue
            lo, hi = int(row["char_start"]), int(row["char_end"])
            k = bisect.bisect_right(starts, lo) - 1
            want, got = event["actors"], list(row["actors"])
            for error, names in (("missing", [w for w in want if not named(w, got)]),
                                 ("wrong", [g for g in got if not any(named(w, [g]) for w in want)])):
                for actor in names:
                    hits = [m for m in mentions.actors if any(named(actor, [a]) or named(a, [actor]) for a in m.actors)]
                    inside = any(lo <= m.start < hi for m in hits)
                    ref = reference(text[lo:hi], actor, inside, titles)
                    where = "-" if inside else antecedent(sentences, k, sorted({bisect.bisect_right(starts, m.start) - 1 for m in hits}))
                    counts[error][(ref, where)] += 1
                    if listing:
                        print(f"{error:7} | {ref:32} | {where:24} | {actor:26} | {name} | {text[lo:hi][:200]!r}")
    refs = ("a mention of it (not taken)", "a word of its name", "a role phrase of discourse.yaml",
            "an office title ('the Emir')", "a subject pronoun", "another party noun phrase", "a possessive", "nothing")
    for error in ("missing", "wrong"):
        print(f"\n| training actors {error}: what the sentence holds | all | " + " | ".join(PLACES) + " |")
        print("| --- | ---: |" + " ---: |" * len(PLACES))
        for ref in refs:
            row = [counts[error][(ref, p)] for p in PLACES]
            total = sum(n for (r, _), n in counts[error].items() if r == ref)
            print(f"| {ref} | {total} | " + " | ".join(map(str, row)) + " |")
        print(f"| total | {sum(counts[error].values())} | " + " | ".join(
            str(sum(n for (_, p), n in counts[error].items() if p == place)) for place in PLACES) + " |")


if __name__ == "__main__":
    main()
