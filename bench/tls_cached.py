"""Salience against journalists' timelines, with the extraction cached between runs.

`../shared/eval/score_tls.py` runs `extract_events` on every article of every topic each time
(minutes); the salience rules only change what `chronology` does with the mentions. This script
caches each topic's mention table (a pickle under bench/out/tls_cache, keyed by the topic file
and the extractor's source files), then builds the chronology and scores it exactly as
score_tls.py does, by importing its functions. Not a test; for tuning salience.yaml. The final
number is always score_tls.py's own.

Run: .venv/bin/python bench/tls_cached.py ../shared/eval/tls/*.json.gz [--eval ../shared/eval] [-v]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import pathlib
import pickle
import sys
import time

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import timeline  # noqa: E402

CACHE = ROOT / "bench" / "out" / "tls_cache"


def _extractor_hash() -> str:
    """A hash of the code and data extraction depends on: a change there invalidates the cache."""
    h = hashlib.sha1()
    for sub in ("temporal", "extract", "resources"):
        for p in sorted((ROOT / "src" / "timeline" / sub).rglob("*")):
            if p.is_file() and p.suffix in (".py", ".yaml", ".yml", ".txt", ".json") and "chronology" not in p.parts:
                h.update(p.read_bytes())
    return h.hexdigest()[:12]


def load_scorer(eval_dir: pathlib.Path):  # noqa: ANN201 - a module
    spec = importlib.util.spec_from_file_location("score_tls", eval_dir / "score_tls.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def mentions_of(path: pathlib.Path, data: dict, version: str) -> pd.DataFrame:
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{path.name}.{version}.pkl"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    frames = []
    for d in data["docs"]:
        try:
            frames.append(timeline.extract_events(d["text"], published=dt.date.fromisoformat(d["published"]),
                                                  doc_id=d["doc_id"]))
        except Exception:  # noqa: BLE001 - counted as score_tls does
            pass
    events = pd.concat(frames, ignore_index=True)
    cached.write_bytes(pickle.dumps(events))
    return events


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--eval", default=str(ROOT.parent.parent / "shared" / "eval"))
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    scorer = load_scorer(pathlib.Path(a.eval))
    version = _extractor_hash()
    ours, base = [], []
    for f in a.files:
        path = pathlib.Path(f)
        data = scorer.load(path)
        events = mentions_of(path, data, version)
        t0 = time.time()
        chron = timeline.chronology(events)
        secs = time.time() - t0
        counts = scorer.collections.Counter(v for vals in data["heideltime"].values() for v in set(vals))
        f_ours, f_base, trivial = [], [], False
        for tl in data["timelines"]:
            ref = sorted(d for d, _ in tl)
            lo, hi, k = ref[0], ref[-1], len(ref)
            window = (dt.date.fromisoformat(hi) - dt.date.fromisoformat(lo)).days + 1
            trivial = trivial or window < 2 * k
            got = scorer.project_days(events, chron, k, lo, hi)
            f_ours.append(scorer.date_f1(got, ref))
            f_base.append(scorer.date_f1(scorer.top_days(counts, k, lo, hi), ref))
            if a.v:
                print(f"  ref: {' '.join(ref)}\n  got: {' '.join(sorted(got))}")
        mine, theirs = sum(f_ours) / len(f_ours), sum(f_base) / len(f_base)
        if not trivial:
            ours.append(round(mine, 3))
            base.append(round(theirs, 3))
        print(f"{data['topic']:24s} mentions {len(events):6d} events {len(chron):6d}  date F1 {mine:.3f}"
              f"  baseline {theirs:.3f}{'  (trivial window)' if trivial else ''}  chronology {secs:.1f} s")
    print(f"mean over {len(ours)} topics: date F1 {round(sum(ours) / max(len(ours), 1), 3)}"
          f"  baseline {round(sum(base) / max(len(base), 1), 3)}")


if __name__ == "__main__":
    main()
