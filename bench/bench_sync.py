"""Benchmark: the chronology's update after an ingest, against the batch and the store's size.

Not a test: it prints timings and ratios measured in the same run. Dense stores (about 140
mentions a day: bench/corpus_factory.py copies of the repository's own articles) of two sizes
are filled once and brought in step (`sync_chronology`, a full build) under --work; each
measurement runs on a fresh copy of one of them: add 10 or 100 articles, then time
`sync_chronology` (the update). What should hold: update(100) / update(10) near 10 (cost of the
batch, not of a neighbourhood), and update(100) at 200k / at 100k near 1 (not of the store).
Peak memory (RSS high-water mark) of each update is that of a child process running it alone.

Run: .venv/bin/python bench/bench_sync.py [--sizes 100000 200000] [--work /tmp/syncbench]
"""
from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_dashboard import build  # noqa: E402
from corpus_factory import base_articles  # noqa: E402

from timeline.corpus.store import EventStore  # noqa: E402
from timeline.corpus.sync import chronology_fingerprint, sync_chronology  # noqa: E402

# One step in a child process, so that the update's peak RSS is its own: "fill" adds the
# articles, "sync" times `sync_chronology` on a fresh process (as `timeline ingest` runs it).
_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from timeline.corpus.store import EventStore
from timeline.corpus.sync import sync_chronology
store = EventStore(sys.argv[2])
if sys.argv[3] == "fill":
    from corpus_factory import base_articles, fill_store
    fill_store(store, base_articles(), store.count_documents(), int(sys.argv[4]))
    raise SystemExit(0)
def hwm():   # VmHWM: this process's own peak (ru_maxrss keeps the forking parent's)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
before = hwm()
wall, cpu = time.perf_counter(), time.process_time()
result = sync_chronology(store)
print(json.dumps({"action": result.action, "wall": time.perf_counter() - wall,
                  "cpu": time.process_time() - cpu, "before_mb": before,
                  "peak_mb": hwm()}))
"""


def ready_store(work: pathlib.Path, size: int) -> pathlib.Path:
    """A dense store of `size` mentions with its chronology in step (made once per rules)."""
    path = work / f"dense{size}"
    build(path, base_articles(), size)
    began = time.perf_counter()
    result = sync_chronology(EventStore(str(path)))
    if result.action != "none":
        print(f"  {size:,} mentions: chronology {result.action} in {time.perf_counter() - began:.0f} s "
              f"({result.events:,} events; rules {chronology_fingerprint()})", flush=True)
    return path


def measure(store: pathlib.Path, work: pathlib.Path, added: int) -> dict:
    scratch = work / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(store, scratch)
    subprocess.run([sys.executable, "-c", _CHILD, str(HERE), str(scratch), "fill", str(added)],
                   check=True)
    out = subprocess.run([sys.executable, "-c", _CHILD, str(HERE), str(scratch), "sync"],
                         capture_output=True, text=True, check=True)
    shutil.rmtree(scratch, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000])
    parser.add_argument("--batches", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/syncbench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[tuple[int, int], dict] = {}
    for size in args.sizes:
        store = ready_store(args.work, size)
        for added in args.batches:
            r = results[size, added] = measure(store, args.work, added)
            print(f"{size:>9,} mentions + {added:>4} articles: {r['action']} in {r['wall']:.2f} s "
                  f"({r['cpu']:.2f} s CPU), peak RSS {r['peak_mb']:.0f} MB "
                  f"(at its start: {r['before_mb']:.0f} MB)", flush=True)
    small, large = min(args.batches), max(args.batches)
    for size in args.sizes:
        print(f"batch ratio at {size:,}: update(+{large}) / update(+{small}) = "
              f"{results[size, large]['cpu'] / results[size, small]['cpu']:.2f} (CPU)")
    if len(args.sizes) > 1:
        lo, hi = min(args.sizes), max(args.sizes)
        print(f"store ratio: update(+{large}) at {hi:,} / at {lo:,} = "
              f"{results[hi, large]['cpu'] / results[lo, large]['cpu']:.2f} (CPU)")


if __name__ == "__main__":
    main()
