"""Fit the participant model (logistic regression over extract/discourse/participants.py's
features) and measure it LEAVE-ONE-BATCH-OUT: for each fresh batch of tests/articles/batches.yaml
and for the tuned rest, fit on everything else (threshold chosen on those too) and score that
batch, beside the current rules on the same batch. Then, with --write, fit on all the gold and
write resources/participant_model.yaml.

Needs scikit-learn (the `train` extra: `pip install -e '.[train]'`); the tool itself only reads
the coefficients. Reads bench/participant_features.py's events file (run that first).

Run: .venv/bin/python bench/participant_fit.py [--events FILE] [--write [--active]] [--drop] [--boost]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from article_scores import named  # noqa: E402
from timeline.extract.discourse.participants import FEATURES, MODEL_FILE, decide  # noqa: E402

C = 1.0   # the regularisation: strong enough that no weight grows on a few articles
THRESHOLDS = np.round(np.arange(0.20, 0.71, 0.025), 3)


def matrix(events: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    rows = [c["features"] for e in events for c in e["candidates"]]
    labels = [c["label"] for e in events for c in e["candidates"]]
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES)), np.array(labels)


DROPS = (None, 0.1, 0.15, 0.2, 0.25, 0.3)   # the drop thresholds tried with --drop (None: the model only adds)


def chosen(e: dict, probabilities: list[float] | None, threshold: float, drop: float | None = None) -> list[str]:
    """The actors a row gets, as the tool gives them (participants.decide, its limits included)."""
    if probabilities is None or not e["candidates"]:
        return e["rules"]
    kept, added = decide(e["rules"], [(c["name"], dict(zip(FEATURES, c["features"])), p)
                                      for c, p in zip(e["candidates"], probabilities)], threshold, drop)
    return [*kept, *added]


def score(events: list[dict], picks: list[list[str]]) -> tuple[float, float]:
    hits = gold = right = given = 0
    for e, got in zip(events, picks):
        hits += sum(named(g, got) for g in e["gold"])
        gold += len(e["gold"])
        right += sum(any(named(w, [n]) for w in e["gold"]) for n in got)
        given += len(got)
    return hits / max(gold, 1), right / max(given, 1)


def probabilities(model, events: list[dict]) -> list[list[float] | None]:
    out = []
    for e in events:
        if not e["candidates"]:
            out.append(None)
            continue
        x = np.array([c["features"] for c in e["candidates"]], dtype=float)
        out.append(list(model.predict_proba(x)[:, 1]))
    return out


def fit(events: list[dict], boost: bool = False, nested: bool = True, drops: tuple = (None,)):
    x, y = matrix(events)
    if boost:
        from sklearn.ensemble import HistGradientBoostingClassifier

        model = HistGradientBoostingClassifier(max_depth=3, max_iter=100, learning_rate=0.1)
    else:
        model = LogisticRegression(C=C, max_iter=2000)
    model.fit(x, y)
    # The threshold that does best on the mean of recall and precision of the training events,
    # each scored by a model fitted without its own batch (as news nobody fitted on would be):
    # a model's scores on its own training rows are too sure of themselves.
    groups = list(dict.fromkeys(e["batch"] for e in events))
    if nested and len(groups) > 2:
        scored: list[tuple[dict, list[float] | None]] = []
        for g in groups:
            inner, _, _ = fit([e for e in events if e["batch"] != g], boost, nested=False)
            held = [e for e in events if e["batch"] == g]
            scored += list(zip(held, probabilities(inner, held)))
    else:
        scored = list(zip(events, probabilities(model, events)))
    best = max(((t, d) for t in THRESHOLDS for d in drops),
               key=lambda td: sum(score([e for e, _ in scored], [chosen(e, p, *td) for e, p in scored])))
    return model, float(best[0]), best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=pathlib.Path,
                        default=ROOT / "bench" / "out" / "participants" / "participant_events.jsonl")
    parser.add_argument("--write", action="store_true", help="fit on all gold and write the model file")
    parser.add_argument("--boost", action="store_true", help="a small gradient-boosted model instead")
    parser.add_argument("--active", action="store_true", help="the written model decides (else the rules do)")
    parser.add_argument("--drop", action="store_true",
                        help="the model may also drop a rule's name it is sure of (a drop threshold is chosen)")
    args = parser.parse_args()
    drops = DROPS if args.drop else (None,)
    if args.write and args.boost:
        parser.error("only the logistic model can be written (the tool reads its coefficients)")
    events = [json.loads(line) for line in args.events.read_text().splitlines()]
    batches = list(dict.fromkeys(e["batch"] for e in events))
    print(f"{'left out':<22} {'events':>6}  {'rules R / P':<14} {'model R / P':<14} {'mean':>13} thr")
    fresh = {"rules": [], "model": []}
    for batch in batches:
        test = [e for e in events if e["batch"] == batch]
        train = [e for e in events if e["batch"] != batch]
        model, threshold, drop = fit(train, args.boost, drops=drops)
        probs = probabilities(model, test)
        rules = score(test, [e["rules"] for e in test])
        picks = [chosen(e, p, threshold, drop) for e, p in zip(test, probs)]
        mine = score(test, picks)
        if batch.endswith("fresh batch"):
            fresh["rules"].append((test, [e["rules"] for e in test]))
            fresh["model"].append((test, picks))
        print(f"{batch:<22} {len(test):>6}  {rules[0]:.3f} / {rules[1]:.3f}  {mine[0]:.3f} / {mine[1]:.3f}"
              f"  {sum(rules) / 2:.3f} -> {sum(mine) / 2:.3f} {threshold:.3f} {drop or '-'}")
    for who in ("rules", "model"):   # the fresh batches pooled, each scored by a model not fitted on it
        evs = [e for test, _ in fresh[who] for e in test]
        picks = [p for _, ps in fresh[who] for p in ps]
        r, p = score(evs, picks)
        print(f"fresh batches pooled, {who:<6}: {r:.3f} / {p:.3f} (mean {(r + p) / 2:.3f})")
    if args.write:
        model, threshold, drop = fit(events, drops=drops)
        weights = {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0])}
        probs = probabilities(model, events)
        r, p = score(events, [chosen(e, q, threshold, drop) for e, q in zip(events, probs)])
        data = {
            "version": 1,
            "active": args.active,
            "fitted": {
                "how": f"scikit-learn LogisticRegression(C={C}), bench/participant_fit.py, "
                       f"on {len(events)} gold events ({sum(len(e['candidates']) for e in events)} candidates)"
                       f" of the seed and tests/articles, hold-out articles excluded",
                "on": dt.date.today().isoformat(),
                "training_recall_precision": [round(r, 3), round(p, 3)],
            },
            "threshold": threshold,
            **({"drop_threshold": drop} if drop is not None else {}),
            "bias": round(float(model.intercept_[0]), 4),
            "features": weights,
        }
        path = ROOT / "src" / "timeline" / "resources" / MODEL_FILE
        header = ("# The participant model: which candidate actors a row keeps (extract/discourse/participants.py).\n"
                  "# Written by bench/participant_fit.py --write; a candidate is kept when\n"
                  "# 1 / (1 + exp(-(bias + sum of weight * feature))) >= threshold. Features are those of\n"
                  "# participants.FEATURES (0/1 except log_count); a feature left out weighs 0.\n")
        path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        print(f"written {path} (training R / P {r:.3f} / {p:.3f}, threshold {threshold})")


if __name__ == "__main__":
    main()
