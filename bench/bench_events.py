"""Benchmark: articles per second of `extract_events`, and its peak memory.

Not a test: it prints timings and ratios against baselines measured in the same run, over the
same articles (the seed corpus and tests/articles, repeated to --articles):

- `sentences + tag_times`: splitting sentences and tagging time expressions alone, the part of
  extraction that is not actors, places, event types and the DataFrame (so the ratio shows what
  event extraction costs on top of dates);
- `dateparser search_dates per sentence`: what a naive extractor would do (the scorer's
  baseline: languages=["en"], RELATIVE_BASE set per call), on a tenth of the articles.

Cold start (loading rules and gazetteers, first use of GeoNames) is measured once, apart, with
the resident memory it adds. Peak memory per pass is tracemalloc's peak over the articles once
everything is loaded.

When the TempEval-3 training corpus is there (TimeBank + AQUAINT, 256 news documents: `--eval
DIR`, default `../shared/eval` beside the repository), it also prints `extract_events`
documents per second beside `tag_times` alone on those documents, and their ratio: the share of
extraction time that is the tagger's. Both are timed in this process's CPU time (extraction is
single-threaded), passes alternating, best of --repeat, so other work on a busy machine counts
for neither.

Run: .venv/bin/python bench/bench_events.py [--articles 200] [--repeat 3] [--eval DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable

ROOT = pathlib.Path(__file__).resolve().parents[1]
_BASELINE_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def corpus(count: int) -> list[tuple[str, str]]:
    """(text, published) pairs: the seed and our test articles, repeated to `count`."""
    articles = []
    for gold in sorted((ROOT / "tests" / "articles").glob("*.gold.json")):
        data = json.loads(gold.read_text())
        articles.append(((gold.parent / data["text_file"]).read_text(encoding="utf-8"), data["published"]))
    articles.append(((ROOT / "seeds" / "000_37ce115855780b04.txt").read_text(encoding="utf-8"), "2016-02-03"))
    return [articles[i % len(articles)] for i in range(count)]


def per_second(repeat: int, docs: list[tuple[str, str]], function: Callable[[str, str], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text, published in docs:
            function(text, published)
        best = min(best, time.perf_counter() - started)
    return len(docs) / best


def peak_mib(docs: list[tuple[str, str]], function: Callable[[str, str], object]) -> float:
    tracemalloc.start()
    for text, published in docs:
        function(text, published)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def cold_start() -> tuple[float, float, float]:
    """One extraction in a fresh interpreter, imports and resource loading included: seconds,
    and the process's peak resident MiB before (pandas imported) and after it."""
    code = ("import time, pathlib, resource, pandas; r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
            "t = time.perf_counter(); import timeline; "
            f"timeline.extract_events(pathlib.Path({str(ROOT / 'seeds' / '000_37ce115855780b04.txt')!r})"
            ".read_text(), published='2016-02-03'); "
            "print(time.perf_counter() - t, r / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, before, after = map(float, out.stdout.split())
    return seconds, before, after


def tempeval(folder: pathlib.Path) -> list[tuple[str, str]]:
    """(text, publication date) of the TimeBank and AQUAINT documents in `folder`."""
    docs = []
    for name in ("timebank.jsonl", "aquaint.jsonl"):
        with open(folder / name, encoding="utf-8") as lines:
            docs.extend((d["text"], d["dct"]) for d in map(json.loads, lines))
    return docs


def alternating(repeat: int, docs: list[tuple[str, str]],
                functions: dict[str, Callable[[str, str], object]]) -> dict[str, float]:
    """Documents per CPU second of each function, best of `repeat` passes taken in turn."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, function in functions.items():
            started = time.process_time()
            for text, published in docs:
                function(text, published)
            best[name] = min(best[name], time.process_time() - started)
    return {name: len(docs) / seconds for name, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--eval", type=pathlib.Path, default=ROOT.parent / "shared" / "eval",
                        help="folder with timebank.jsonl and aquaint.jsonl (default: ../shared/eval)")
    args = parser.parse_args()

    from dateparser.search import search_dates

    from timeline.extract.events import extract_events
    from timeline.extract.sentences import split_sentences
    from timeline.temporal.tagger import tag_times

    def extract(text: str, published: str) -> object:
        return extract_events(text, published=published)

    def dates_only(text: str, published: str) -> object:
        return split_sentences(text), tag_times(text, published)

    def dateparser_baseline(text: str, published: str) -> object:
        base = dt.datetime.fromisoformat(published)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        return [search_dates(m.group(), languages=["en"], settings=settings) for m in _BASELINE_SENTENCE.finditer(text)]

    if (args.eval / "timebank.jsonl").exists() and (args.eval / "aquaint.jsonl").exists():
        news = tempeval(args.eval)
        extract(*news[0])
        rates = alternating(args.repeat, news, {"extract_events": extract, "tag_times": tag_times})
        print(f"TimeBank + AQUAINT ({len(news)} documents), CPU time, best of {args.repeat}: extract_events "
              f"{rates['extract_events']:.1f} docs/s, tag_times alone {rates['tag_times']:.1f} docs/s; "
              f"extract_events runs at {rates['extract_events'] / rates['tag_times']:.2f}x the tagger's rate")
    else:
        print(f"(no TimeBank/AQUAINT in {args.eval}: give --eval DIR to compare with tag_times on them)")

    docs = corpus(args.articles)
    few = docs[: max(6, len(docs) // 10)]
    words = sum(len(t.split()) for t, _ in docs) / len(docs)
    print(f"{len(docs)} articles (~{words:.0f} words each), best of {args.repeat}")
    seconds, before, after = cold_start()
    print(f"cold start (fresh interpreter with pandas, one article): {seconds:.2f} s; peak resident memory "
          f"{before:.0f} -> {after:.0f} MiB (rules, gazetteers, GeoNames cities)")

    extract(*docs[0])  # warm: rules and gazetteers loaded
    dates_only(*docs[0])
    dateparser_baseline(*docs[0])
    rates = {
        "extract_events": per_second(args.repeat, docs, extract),
        "sentences + tag_times": per_second(args.repeat, docs, dates_only),
        "dateparser search_dates per sentence": per_second(1, few, dateparser_baseline),
    }
    peaks = {
        "extract_events": peak_mib(docs, extract),
        "sentences + tag_times": peak_mib(docs, dates_only),
        "dateparser search_dates per sentence": peak_mib(few, dateparser_baseline),
    }
    ours = rates["extract_events"]
    print(f"{'':38} {'articles/s':>11} {'extract_events is':>19} {'peak MiB':>9} {'peak ratio':>11}")
    for name, rate in rates.items():
        ratio = "" if name == "extract_events" else f"{ours / rate:.2f}x as fast"
        mem = "" if name == "extract_events" else f"{peaks['extract_events'] / peaks[name]:.2f}x"
        print(f"{name:38} {rate:11.1f} {ratio:>19} {peaks[name]:9.2f} {mem:>11}")


if __name__ == "__main__":
    main()
