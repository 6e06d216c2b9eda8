"""Fit the event-type model (extract/type_model.py: a multinomial logistic regression over the
type the cues gave and the lemmas around the date) on the TRAINING articles only, measure it by
5-fold cross-validation BY ARTICLE (each article's rows scored by a model that never saw it), and
print the validation batches' pooled types right beside the cues' (a gate, never a choice).
With --write, fit on all the training rows and write resources/type_model.yaml. Held-out articles
are never read.

The rows are the gold events whose matched row is dated in its own sentence (the model reads the
date's clause); the others keep their type and count as they are.

Modes: --scope all (the default: any row, the cues' type one of its features) or other (only
rows at "other": measured, not kept, see docs/measurements.md types31). --min-articles N: a lemma is a feature only when seen in N
training articles or more (so no article's names become features).

Needs scikit-learn (the `train` extra). Run:
  .venv/bin/python bench/type_fit.py [--scope other|all] [--min-articles N] [--write]
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from article_scores import articles_by_role, matched_row  # noqa: E402
from timeline.extract.event_types import classify  # noqa: E402
from timeline.extract.events import extract_events  # noqa: E402
from timeline.extract import type_model  # noqa: E402
from timeline.extract.type_model import RESOURCE, features  # noqa: E402

type_model.model = lambda: None   # the rows are read as the cues alone type them

ARTICLES = ROOT / "tests" / "articles"
CACHE = pathlib.Path("/tmp/type_fit_rows.json")
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
CS = (0.1, 0.3, 1.0)


def rows(names: list[str], role: str) -> list[dict]:
    """Per gold event: its article, gold type, the row's type, and when the row is dated in its
    own sentence the cues' type and the features (the model's input as the tool reads it; the
    model itself is off while these are read)."""
    out = []
    for name in names:
        gold = json.loads((ARTICLES / f"{name}.gold.json").read_text())
        text = (ARTICLES / gold["text_file"]).read_text(encoding="utf-8")
        events = extract_events(text, published=gold["published"], doc_id=gold["doc_id"])
        for event in gold["events"]:
            row = matched_row(events, text, event)
            item = {"article": name, "role": role, "gold": event["type"],
                    "got": "none" if row is None else row["event_type"], "features": None}
            if row is not None and row["timex_start"] is not None:
                sentence = row["sentence"]
                start = int(row["timex_start"]) - int(row["char_start"])
                if 0 <= start <= len(sentence) and sentence[start:start + len(row["timex_text"])] == row["timex_text"]:
                    kind = classify(sentence, start, start + len(row["timex_text"]))
                    if kind.event_type == row["event_type"]:   # the row's type is the cues' (not carried)
                        item["cue_type"] = None if kind.cue is None else kind.event_type
                        item["features"] = features(sentence, start, start + len(row["timex_text"]), item["cue_type"], kind.cue)
            out.append(item)
    return out


def eligible(item: dict, scope: str) -> bool:
    return item["features"] is not None and (scope == "all" or item["got"] == "other")


def vocabulary(items: list[dict], min_articles: int) -> list[str]:
    seen: dict[str, set[str]] = collections.defaultdict(set)
    for item in items:
        for f in item["features"]:
            seen[f].add(item["article"])
    return sorted(f for f, arts in seen.items() if len(arts) >= min_articles or f.startswith("cue="))


def encode(items: list[dict], columns: list[str]) -> np.ndarray:
    index = {f: i for i, f in enumerate(columns)}
    x = np.zeros((len(items), len(columns)))
    for r, item in enumerate(items):
        for f in item["features"]:
            if f in index:
                x[r, index[f]] = 1.0
    return x


def fit(items: list[dict], min_articles: int, c: float) -> tuple[LogisticRegression, list[str]]:
    columns = vocabulary(items, min_articles)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(encode(items, columns), [i["gold"] for i in items])
    return model, columns


def predicted(model: LogisticRegression, columns: list[str], items: list[dict], threshold: float) -> list[str]:
    """Each item's type after the model: the cues' unless the model gives another type at least
    `threshold` probability (as type_model.TypeModel.retype)."""
    if not items:
        return []
    p = model.predict_proba(encode(items, columns))
    out = []
    for item, row in zip(items, p):
        k = int(row.argmax())
        best = model.classes_[k]
        out.append(best if best != item["got"] and row[k] >= threshold else item["got"])
    return out


SEED = 0   # --seed: the articles dealt to the folds in another order (how far the split moves it)


def folds(articles: list[str], k: int = 5) -> list[set[str]]:
    order = sorted(set(articles))
    if SEED:
        random.Random(SEED).shuffle(order)
    return [set(order[i::k]) for i in range(k)]


def cross_validated(train: list[dict], scope: str, min_articles: int, c: float) -> dict[float, int]:
    """Types right over all training gold events with each fold's eligible rows retyped by a
    model fitted on the other folds, per threshold."""
    pool = [i for i in train if eligible(i, scope)]
    fixed = sum(i["gold"] == i["got"] for i in train if not eligible(i, scope))
    right = {t: fixed for t in THRESHOLDS}
    for held in folds([i["article"] for i in train]):
        fitted = [i for i in pool if i["article"] not in held]
        scored = [i for i in pool if i["article"] in held]
        model, columns = fit(fitted, min_articles, c)
        for t in THRESHOLDS:
            right[t] += sum(g == i["gold"] for g, i in zip(predicted(model, columns, scored, t), scored))
    return right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scope", choices=("other", "all"), default="all")
    parser.add_argument("--min-articles", type=int, default=5)
    parser.add_argument("--refresh", action="store_true", help="re-extract the rows (else the cache)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--c", type=float, default=None, help="write with this C (else the best cross-validated)")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    global SEED
    SEED = args.seed
    roles = articles_by_role()
    if args.refresh or not CACHE.exists():
        data = rows(roles["training"], "training") + rows(roles["validation"], "validation")
        CACHE.write_text(json.dumps(data))
    data = json.loads(CACHE.read_text())
    train = [i for i in data if i["role"] == "training"]
    valid = [i for i in data if i["role"] == "validation"]
    base_train = sum(i["gold"] == i["got"] for i in train)
    base_valid = sum(i["gold"] == i["got"] for i in valid)
    pool = [i for i in train if eligible(i, args.scope)]
    print(f"training: {len(train)} gold events, {len(pool)} eligible ({args.scope}); cues' types right {base_train}")
    best = (base_train, None, None)
    for c in CS:
        right = cross_validated(train, args.scope, args.min_articles, c)
        print(f"C={c}: cross-validated types right " + ", ".join(f"t{t}: {n} ({n - base_train:+d})" for t, n in right.items()))
        for t, n in right.items():
            if n > best[0]:
                best = (n, c, t)
    c = args.c if args.c is not None else best[1]
    t = args.threshold if args.threshold is not None else best[2]
    if c is None:
        print("no C and threshold beat the cues in cross-validation")
        return
    model, columns = fit(pool, args.min_articles, c)
    scored = [i for i in valid if eligible(i, args.scope)]
    got = predicted(model, columns, scored, t)
    after = base_valid - sum(i["gold"] == i["got"] for i in scored) + sum(g == i["gold"] for g, i in zip(got, scored))
    fitted_right = base_train - sum(i["gold"] == i["got"] for i in pool) + sum(
        g == i["gold"] for g, i in zip(predicted(model, columns, pool, t), pool))
    print(f"C={c} t={t}: {len(columns)} features; training types on the fit itself {fitted_right} "
          f"(cross-validated {best[0] if args.c is None else 'not chosen here'}); "
          f"validation types {base_valid} -> {after} (pooled, {len(valid)} events)")
    if args.write:
        weights = {f: [round(float(w), 4) for w in model.coef_[:, j]] for j, f in enumerate(columns)
                   if np.abs(model.coef_[:, j]).max() >= 0.005}
        out = {
            "version": 1,
            "active": True,
            "fitted": {"how": f"scikit-learn LogisticRegression(C={c}), bench/type_fit.py --scope {args.scope} "
                              f"--min-articles {args.min_articles}, on {len(pool)} rows of the training articles; "
                              "C and threshold chosen by 5-fold cross-validation by article",
                       "on": dt.date.today().isoformat(),
                       "cross_validated_types_right": [best[0], base_train]},
            "scope": args.scope,
            "threshold": t,
            "classes": [str(k) for k in model.classes_],
            "intercepts": [round(float(b), 4) for b in model.intercept_],
            "weights": weights,
        }
        header = ("# The event-type model (extract/type_model.py), written by bench/type_fit.py --write: a\n"
                  "# multinomial logistic regression; a class's score is its intercept plus the weights of the\n"
                  "# features a date has, the probabilities their softmax. Fitted on training articles only.\n")
        (ROOT / "src" / "timeline" / "resources" / RESOURCE).write_text(
            header + yaml.safe_dump(out, sort_keys=False, allow_unicode=True, default_flow_style=None, width=200), encoding="utf-8")
        print(f"wrote resources/{RESOURCE}")


if __name__ == "__main__":
    main()
