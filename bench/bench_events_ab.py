"""Benchmark: `extract_events` of this checkout against another revision, runs alternating.

On a shared two-core machine a single timing drifts with the neighbours' load, so a speed
change is measured beside the code before it: each round runs one fresh interpreter per side
(BEFORE first, then this checkout), each warms up on one pass over every document (rules,
gazetteers, GeoNames and the tagger's memos loaded, as in a long batch), then times --passes
passes over the TempEval-3 training documents (TimeBank + AQUAINT, from --eval) and over the
seed and tests/articles, in CPU seconds of its own process. Both sides read the same documents
(this checkout's). Each round prints the documents per CPU-second and the load average; the
summary gives each side's best and median and the ratio of the medians.

With --fresh N, each run then extracts N articles of Timeline17 (--eval DIR/tls, shuffled the
same way for both sides) once each: repeated passes over the same few hundred documents hide
what a batch of new articles costs (memos that fill and start over, objects that outlive a
document and so reach the collector's oldest generation).

Run: .venv/bin/python bench/bench_events_ab.py [--before main] [--rounds 4] [--passes 2] [--eval DIR] [--fresh N]
where --before is a git revision (its src/ is taken with `git archive` into a scratch folder)
or a folder holding another checkout.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent

# The child: time extraction from the `timeline` found first on its path (the side's src/).
_CHILD = r"""
import gzip, json, pathlib, random, sys, time
sys.path.insert(0, sys.argv[1])
from events_snapshot import documents
import timeline
from timeline.extract.events import extract_events
src, passes, fresh = pathlib.Path(sys.argv[2]).resolve(), int(sys.argv[4]), int(sys.argv[5])
if not pathlib.Path(timeline.__file__).resolve().is_relative_to(src):
    raise SystemExit(f"timeline imported from {timeline.__file__}, not from {src}")
docs = documents(pathlib.Path(sys.argv[3]))
seed = [d[0] for d in docs].index("seed")   # the TempEval documents come first, then ours
sets = {"tempeval": docs[:seed], "articles": docs[seed:]}
for doc_id, text, published in docs:
    extract_events(text, published=published, doc_id=doc_id)
rates = {}
for name, chosen in sets.items():
    started = time.process_time()
    for _ in range(passes):
        for doc_id, text, published in chosen:
            extract_events(text, published=published, doc_id=doc_id)
    rates[name] = passes * len(chosen) / (time.process_time() - started)
    rates[name + " documents"] = len(chosen)
if fresh:
    news = []
    for path in sorted((pathlib.Path(sys.argv[3]) / "tls").glob("*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            news.extend((d["text"], d["published"]) for d in json.load(f)["docs"])
    random.Random(17).shuffle(news)
    started = time.process_time()
    for text, published in news[:fresh]:
        extract_events(text, published=published)
    rates["fresh"] = min(fresh, len(news)) / (time.process_time() - started)
print(json.dumps(rates))
"""


def side_source(before: str, scratch: pathlib.Path) -> pathlib.Path:
    """The src/ folder of `before`: a checkout's, or a git revision's unpacked into `scratch`."""
    folder = pathlib.Path(before)
    if (folder / "src" / "timeline").is_dir():
        return folder / "src"
    archive = subprocess.run(["git", "archive", before, "src"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive, check=True)
    return scratch / "src"


def run_side(src: pathlib.Path, eval_dir: pathlib.Path, passes: int, fresh: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(HERE), str(src), str(eval_dir), str(passes), str(fresh)],
                         env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the run of {src} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git revision or checkout folder (default: main)")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--passes", type=int, default=2, help="timed passes over the documents per run")
    parser.add_argument("--eval", type=pathlib.Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--fresh", type=int, default=0, help="then N Timeline17 articles once each (DIR/tls)")
    args = parser.parse_args()
    if not (args.eval / "timebank.jsonl").exists():
        raise SystemExit(f"no TimeBank/AQUAINT in {args.eval}: give --eval DIR")

    with tempfile.TemporaryDirectory(prefix="bench_events_ab_") as scratch:
        sides = {"before": side_source(args.before, pathlib.Path(scratch)), "now": ROOT / "src"}
        results: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
        for round_ in range(1, args.rounds + 1):
            for name, src in sides.items():
                rates = run_side(src, args.eval, args.passes, args.fresh)
                results[name].append(rates)
                fresh = f", fresh Timeline17 {rates['fresh']:6.1f} /CPU-s" if args.fresh else ""
                print(f"round {round_} {name:6}: TempEval {rates['tempeval']:6.1f} docs/CPU-s, "
                      f"articles {rates['articles']:6.1f} /CPU-s{fresh} (load {os.getloadavg()[0]:.1f})", flush=True)

    first = results["now"][0]
    print(f"\n{args.rounds} rounds of {args.passes} passes: {first['tempeval documents']:.0f} TempEval documents, "
          f"{first['articles documents']:.0f} articles (seed and tests/articles); before = {args.before}")
    measures = [("tempeval", "TempEval docs/CPU-s"), ("articles", "articles/CPU-s")]
    if args.fresh:
        measures.append(("fresh", f"{args.fresh} fresh Timeline17/CPU-s"))
    for key, label in measures:
        medians = {}
        for name in sides:
            values = [r[key] for r in results[name]]
            medians[name] = statistics.median(values)
            print(f"{label:30} {name:6}: best {max(values):6.1f}  median {medians[name]:6.1f}  "
                  f"all {', '.join(f'{v:.1f}' for v in values)}")
        print(f"{label:30} now / before (medians): {medians['now'] / medians['before']:.3f}")


if __name__ == "__main__":
    main()
