"""Fit the participant model (logistic regression over extract/discourse/participants.py's
features) and measure it LEAVE-ONE-BATCH-OUT over the training batches: for each training batch
of tests/articles/batches.yaml and for the tuned rest, fit on the other training batches
(threshold chosen on those too) and score that batch, beside the current rules on the same batch.
Then, with --write, fit on all the training gold and write resources/participant_model.yaml.
Validation events are never fitted on, in any mode.

Needs scikit-learn (the `train` extra: `pip install -e '.[train]'`); the tool itself only reads
the coefficients. Reads bench/participant_features.py's events file (run that first).

With --protocol: fit on the training articles only (each event's role, from batches.yaml by
tests/article_scores.py's `articles_by_role()`; the seed's gold with them when
bench/participant_features.py found it), choose the threshold
by 5-fold cross-validation by article, and score the validation articles, pooled, beside the rules,
with the recall reached at precision 0.70, 0.65 and 0.60. Held-out articles are never in the
events file (bench/participant_features.py leaves them out by role); the script refuses a file
that holds one. With --boost --write it writes the boosted trees (version 2).
With --spread N it then refits N times with fixed seeds (the training articles dealt to the
cross-validation folds in a shuffled order, and the trees fitted on a resample of the training
articles drawn with replacement) and prints each refit's threshold and validation recall and
precision, and their range: how far a refit moves by chance, the yardstick for any change to the
model (session 21: recall 0.647-0.669 over six resamples, about the gap between two fits).

With --training-spread N (instead of --protocol) it reads no validation event: the threshold is
chosen as --protocol chooses it (with --keep-precision too), then the trees are refitted N times on
resamples of the training articles drawn with replacement (seed 0: all of them, once each) and
each refit is scored on all the training events at that threshold, beside the shipped file: how far
a refit moves training recall and precision by chance, the yardstick a change kept on training
must beat before validation is checked once (the protocol; --spread scores validation at every
refit).

With --tune it cross-validates a few shapes of trees (SHAPES) on the training articles alone and
stops: the shape (TREES, DEPTH, RATE) is chosen there, never on validation.

On a shared machine run it with OMP_NUM_THREADS=1: the trees' threads fighting other jobs for
two cores made one fit take minutes instead of seconds.

Run: .venv/bin/python bench/participant_fit.py [--events FILE] [--tune] [--training-spread N] [--protocol [--spread N] [--keep-precision]] [--boost] [--write [--active]] [--drop]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import pathlib
import random
import sys
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import numpy as np  # noqa: E402
import yaml  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from article_scores import articles_by_role, named  # noqa: E402
from participant_features import TUNED  # noqa: E402
from timeline.extract.discourse.participants import FEATURES, MODEL_FILE, build_model, decide, model as shipped  # noqa: E402

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


Scored = list[tuple[dict, list[float] | None]]   # (event, its candidates' scores) pairs


def probabilities(model: Any, events: list[dict]) -> list[list[float] | None]:
    """Each event's candidates' scores (None for an event without candidates): one call to the
    model over all the candidates (a call an event cost seconds)."""
    x, _ = matrix(events)
    flat = list(model.predict_proba(x)[:, 1]) if len(x) else []
    out: list[list[float] | None] = []
    at = 0
    for e in events:
        n = len(e["candidates"])
        out.append(flat[at:at + n] if n else None)
        at += n
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


ROLES = ("training", "validation")   # the roles an events file may hold (never held_out)
TREES, DEPTH, RATE = 150, 3, 0.1   # the boosted model (--boost): how many trees, how deep, the learning rate
SHAPES = ((2, 150, 0.1), (3, 75, 0.1), (3, 150, 0.1), (3, 300, 0.05), (4, 150, 0.1), (4, 100, 0.05))   # tried by --tune
TARGETS = (0.70, 0.65, 0.60)   # the precisions at which --protocol reports the validation recall


def f1(r: float, p: float) -> float:
    return 2 * r * p / max(r + p, 1e-9)


def fit_by_articles(events: list[dict], boost: bool = False, folds: int = 5, seed: int | None = None,
                    shape: tuple[int, int, float] | None = None) -> tuple[Any, float, Scored]:
    """A model fitted on `events` and its threshold, chosen by cross-validation by article: each
    article's candidates scored by a model fitted without it (in `folds` groups of articles), the
    threshold the one with the best F1 of actors over them all. The articles are dealt to the
    folds in name order, or with `seed` in an order shuffled by it. `shape`: the trees' (depth,
    how many, learning rate), the module's by default."""
    x, y = matrix(events)
    model = _classifier(boost, shape).fit(x, y)
    articles = sorted({e["article"] for e in events})
    if seed is not None:
        random.Random(seed).shuffle(articles)
    fold_of = {a: i % folds for i, a in enumerate(articles)}
    scored: Scored = []
    for g in range(folds):
        inner = _classifier(boost, shape).fit(*matrix([e for e in events if fold_of[e["article"]] != g]))
        held = [e for e in events if fold_of[e["article"]] == g]
        scored += list(zip(held, probabilities(inner, held)))
    best = max(THRESHOLDS, key=lambda t: f1(*score([e for e, _ in scored],
                                                   [chosen(e, p, t, t if boost else None) for e, p in scored])))
    return model, float(best), scored


def _classifier(boost: bool, shape: tuple[int, int, float] | None = None) -> Any:
    if boost:
        from sklearn.ensemble import HistGradientBoostingClassifier

        depth, trees, rate = shape or (DEPTH, TREES, RATE)
        # (no early stopping: it would hold out a random tenth of the candidates, and the fit
        # would change from run to run)
        return HistGradientBoostingClassifier(max_depth=depth, max_iter=trees, learning_rate=rate,
                                              early_stopping=False, random_state=0)
    return LogisticRegression(C=C, max_iter=4000)


def by_role(events: list[dict], role: str) -> list[dict]:
    """The events of `role` ("training" or "validation")."""
    return [e for e in events if e["role"] == role]


def read_events(path: pathlib.Path) -> list[dict]:
    """The events file of bench/participant_features.py, checked to hold no held-out article and
    a known role on every event."""
    events = [json.loads(line) for line in path.read_text().splitlines()]
    held = set(articles_by_role()["held_out"])
    wrong = {e["article"] for e in events if e.get("role") not in ROLES or e["article"] in held}
    if wrong:
        sys.exit(f"{path}: held-out articles or events without a role ({len(wrong)}): "
                 "rerun bench/participant_features.py")
    return events


def protocol(events: list[dict], boost: bool, keep_precision: bool = False) -> tuple:
    """Fit on the training articles only, choose the threshold by cross-validation by article on
    them, and score the validation articles, pooled, beside the rules: recall, precision, F1.
    With `keep_precision`, the threshold is the lowest of the cross-validated F1's plateau (within
    PLATEAU of the best) at which the fitted model's training precision is at least the shipped
    model file's: a refit must not lower precision, and across the plateau F1 cannot tell."""
    train, valid = by_role(events, "training"), by_role(events, "validation")
    model, threshold, scored = training_threshold(train, boost, keep_precision)
    drop = threshold if boost else None   # the trees choose among all candidates, the rules' names too
    r, p = score([e for e, _ in scored], [chosen(e, q, threshold, drop) for e, q in scored])
    rr, rp = score(train, [e["rules"] for e in train])
    print(f"training, cross-validated by article: rules {rr:.3f} / {rp:.3f} F1 {f1(rr, rp):.3f}; "
          f"model {r:.3f} / {p:.3f} F1 {f1(r, p):.3f} (threshold {threshold})")
    for role, evs in (("training", train), ("validation", valid)):
        sr, sp = shipped_score(evs)
        print(f"the shipped model file on {role} (as it is, not refitted): {sr:.3f} / {sp:.3f} F1 {f1(sr, sp):.3f}")
    print(f"{'validation':<22} {'events':>6}  {'rules R / P / F1':<22} {'model R / P / F1':<22}")
    probs = probabilities(model, valid)
    rules = score(valid, [e["rules"] for e in valid])
    got = score(valid, [chosen(e, q, threshold, drop) for e, q in zip(valid, probs)])
    print(f"{'pooled':<22} {len(valid):>6}  {rules[0]:.3f} / {rules[1]:.3f} / {f1(*rules):.3f}  "
          f"{got[0]:.3f} / {got[1]:.3f} / {f1(*got):.3f}")
    curve = [(t, score(valid, [chosen(e, q, t, t if boost else None) for e, q in zip(valid, probs)]))
             for t in np.arange(0.05, 0.96, 0.025)]
    for target in TARGETS:
        ok = [(rp_[0], t) for t, rp_ in curve if rp_[1] >= target]
        best = max(ok, default=None)
        print(f"validation pooled, recall at precision >= {target:.2f}: "
              + (f"{best[0]:.3f} (threshold {best[1]:.3f})" if best else "not reached"))
    return model, threshold, (r, p)


def training_threshold(train: list[dict], boost: bool, keep_precision: bool = False) -> tuple[Any, float, Scored]:
    """The model fitted on the training events, its threshold (cross-validated by article; with
    `keep_precision`, `precision_kept`'s) and the cross-validated scores: training alone."""
    model, threshold, scored = fit_by_articles(train, boost)
    if keep_precision:
        threshold = precision_kept(model, train, scored, boost, threshold)
    return model, threshold, scored


def training_spread(events: list[dict], boost: bool, seeds: int, keep_precision: bool = False) -> None:
    """--training-spread: refits on resamples of the training articles, each scored on all the
    training events at `training_threshold`'s threshold, and their range; no validation event read."""
    train = by_role(events, "training")
    _, threshold, _ = training_threshold(train, boost, keep_precision)
    print(f"the shipped model file on training: {'%.3f / %.3f' % shipped_score(train)}")
    by_article: dict[str, list[dict]] = {}
    for e in train:
        by_article.setdefault(e["article"], []).append(e)
    articles = sorted(by_article)
    drop = threshold if boost else None
    got = []
    for seed in range(seeds):
        rng = random.Random(seed)
        sample = articles if seed == 0 else [rng.choice(articles) for _ in articles]
        model = _classifier(boost).fit(*matrix([e for a in sample for e in by_article[a]]))
        r, p = score(train, [chosen(e, q, threshold, drop) for e, q in zip(train, probabilities(model, train))])
        got.append((r, p))
        print(f"seed {seed}: threshold {threshold}, training {r:.3f} / {p:.3f}"
              + (" (all training articles)" if seed == 0 else " (a resample of them)"), flush=True)
    rs, ps = [r for r, _ in got], [p for _, p in got]
    print(f"over {seeds} seeds: training recall {min(rs):.3f}-{max(rs):.3f}, precision {min(ps):.3f}-{max(ps):.3f}")


PLATEAU = 0.002   # cross-validated F1 this near the best is as good (--keep-precision)


def precision_kept(model: Any, train: list[dict], scored: Scored, boost: bool, best: float) -> float:
    """`protocol`'s threshold with keep_precision (the best F1's `best` when none qualifies)."""
    def cv_f1(t: float) -> float:
        return f1(*score([e for e, _ in scored], [chosen(e, q, t, t if boost else None) for e, q in scored]))

    top = cv_f1(best)
    floor = shipped_score(train)[1]
    own = probabilities(model, train)
    for t in THRESHOLDS:
        if cv_f1(t) >= top - PLATEAU:
            r, p = score(train, [chosen(e, q, t, t if boost else None) for e, q in zip(train, own)])
            print(f"threshold {t}: cross-validated F1 {cv_f1(t):.3f}, training as fitted {r:.3f} / {p:.3f} "
                  f"(the shipped file's precision {floor:.3f})")
            if p >= floor:
                return float(t)
    return best


def tune(events: list[dict]) -> None:
    """The trees' shapes of SHAPES, each cross-validated by article on the training articles
    only (its own threshold chosen so): the shape is chosen here, never on validation."""
    train = by_role(events, "training")
    for shape in SHAPES:
        _, threshold, scored = fit_by_articles(train, True, shape=shape)
        r, p = score([e for e, _ in scored], [chosen(e, q, threshold, threshold) for e, q in scored])
        print(f"depth {shape[0]}, {shape[1]} trees, rate {shape[2]}: training cross-validated "
              f"{r:.3f} / {p:.3f} F1 {f1(r, p):.3f} (threshold {threshold})", flush=True)


def shipped_score(events: list[dict]) -> tuple[float, float]:
    """Recall and precision of actors that the model file as it stands gives `events` (its own
    threshold; the trees may drop a rule's name, the logistic model as its file says)."""
    fitted = shipped()
    picks = []
    for e in events:
        if not e["candidates"]:
            picks.append(e["rules"])
            continue
        scored = [(c["name"], dict(zip(FEATURES, c["features"]))) for c in e["candidates"]]
        probs = fitted.scores([f for _, f in scored])
        kept, added = decide(e["rules"], [(n, f, q) for (n, f), q in zip(scored, probs)],
                             fitted.threshold, fitted.drop_threshold)
        picks.append([*kept, *added])
    return score(events, picks)


def spread(events: list[dict], boost: bool, seeds: int) -> None:
    """Refit `seeds` times with fixed seeds and print each refit's validation recall and
    precision and their range. Seed k deals the training articles to the cross-validation folds
    in an order shuffled by k (the threshold) and fits the trees on a resample of the training
    articles drawn with replacement by k (seed 0: all of them, once each)."""
    train, valid = by_role(events, "training"), by_role(events, "validation")
    by_article: dict[str, list[dict]] = {}
    for e in train:
        by_article.setdefault(e["article"], []).append(e)
    articles = sorted(by_article)
    got = []
    for seed in range(seeds):
        _, threshold, _ = fit_by_articles(train, boost, seed=seed)
        rng = random.Random(seed)
        sample = articles if seed == 0 else [rng.choice(articles) for _ in articles]
        model = _classifier(boost).fit(*matrix([e for a in sample for e in by_article[a]]))
        drop = threshold if boost else None
        r, p = score(valid, [chosen(e, q, threshold, drop) for e, q in zip(valid, probabilities(model, valid))])
        got.append((r, p))
        print(f"seed {seed}: threshold {threshold}, validation pooled {r:.3f} / {p:.3f} / F1 {f1(r, p):.3f}"
              + (" (all training articles)" if seed == 0 else " (a resample of them)"))
    rs, ps = [r for r, _ in got], [p for _, p in got]
    print(f"over {seeds} seeds: recall {min(rs):.3f}-{max(rs):.3f}, precision {min(ps):.3f}-{max(ps):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=pathlib.Path,
                        default=ROOT / "bench" / "out" / "participants" / "participant_events.jsonl")
    parser.add_argument("--write", action="store_true", help="fit on all gold and write the model file")
    parser.add_argument("--boost", action="store_true", help="a small gradient-boosted model instead")
    parser.add_argument("--active", action="store_true", help="the written model decides (else the rules do)")
    parser.add_argument("--drop", action="store_true",
                        help="the model may also drop a rule's name it is sure of (a drop threshold is chosen)")
    parser.add_argument("--protocol", action="store_true",
                        help="fit on the training batches only, threshold by cross-validation by article, "
                             "score the validation articles pooled; with --write, write that model")
    parser.add_argument("--keep-precision", action="store_true",
                        help="with --protocol: the lowest threshold of the cross-validated F1's plateau "
                             "keeping the shipped file's training precision")
    parser.add_argument("--training-spread", type=int, default=0, metavar="N",
                        help="refit N times on resamples of the training articles and print the range of their "
                             "training scores at the protocol's threshold (no validation event read), and stop")
    parser.add_argument("--tune", action="store_true",
                        help="cross-validate the trees' shapes (SHAPES) on the training articles and stop")
    parser.add_argument("--spread", type=int, default=0, metavar="N",
                        help="with --protocol: refit N times with fixed seeds and print the range of the validation scores")
    args = parser.parse_args()
    if args.tune:
        tune(read_events(args.events))
        return
    if args.training_spread:
        training_spread(read_events(args.events), args.boost, args.training_spread, args.keep_precision)
        return
    if args.protocol:
        events = read_events(args.events)
        model, threshold, (r, p) = protocol(events, args.boost, args.keep_precision)
        if args.spread:
            spread(events, args.boost, args.spread)
        if args.write:
            train = by_role(events, "training")
            articles = {e["article"] for e in train}
            what = (f"the {len(articles)} training articles (batches.yaml's roles"
                    + (", the seed's gold with them)" if "seed_gold.json" in articles else ")"))
            if args.boost:
                write_trees(model, threshold, args.active, (r, p), train, what,
                            "--keep-precision: the lowest of the F1 plateau keeping the training precision"
                            if args.keep_precision else "")
            else:
                write(model, threshold, None, args.active, (r, p), train, what)
        return
    drops = DROPS if args.drop else (None,)
    if args.write and args.boost and not args.protocol:
        parser.error("only the logistic model can be written (the tool reads its coefficients)")
    events = by_role(read_events(args.events), "training")
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
        if batch != TUNED:
            fresh["rules"].append((test, [e["rules"] for e in test]))
            fresh["model"].append((test, picks))
        print(f"{batch:<22} {len(test):>6}  {rules[0]:.3f} / {rules[1]:.3f}  {mine[0]:.3f} / {mine[1]:.3f}"
              f"  {sum(rules) / 2:.3f} -> {sum(mine) / 2:.3f} {threshold:.3f} {drop or '-'}")
    for who in ("rules", "model"):   # the fresh batches pooled, each scored by a model not fitted on it
        evs = [e for test, _ in fresh[who] for e in test]
        picks = [p for _, ps in fresh[who] for p in ps]
        r, p = score(evs, picks)
        print(f"fresh training batches pooled, {who:<6}: {r:.3f} / {p:.3f} (mean {(r + p) / 2:.3f})")
    if args.write:
        model, threshold, drop = fit(events, drops=drops)
        probs = probabilities(model, events)
        r, p = score(events, [chosen(e, q, threshold, drop) for e, q in zip(events, probs)])
        write(model, threshold, drop, args.active, (r, p), events, "the seed and the training articles")


def write(model, threshold: float, drop: float | None, active: bool, rp: tuple[float, float], events: list[dict],
          what: str) -> None:
    """Write resources/participant_model.yaml: the logistic model's weights and threshold."""
    weights = {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0])}
    data = {
        "version": 1,
        "active": active,
        "fitted": {
            "how": f"scikit-learn LogisticRegression(C={C}), bench/participant_fit.py, "
                   f"on {len(events)} gold events ({sum(len(e['candidates']) for e in events)} candidates) of {what}",
            "on": dt.date.today().isoformat(),
            "training_recall_precision": [round(rp[0], 3), round(rp[1], 3)],
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
              "# participants.FEATURES; a feature left out weighs 0.\n")
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    print(f"written {path} (R / P {rp[0]:.3f} / {rp[1]:.3f}, threshold {threshold})")


def write_trees(model, threshold: float, active: bool, rp: tuple[float, float], events: list[dict], what: str,
                how_threshold: str = "") -> None:
    """Write resources/participant_model.yaml as version 2: the boosted trees, node by node (a
    split [feature index, threshold, left, right], a leaf [value]), for participants.Forest to
    read with numpy alone."""
    used: dict[int, int] = {}
    trees = []
    for (predictor,) in model._predictors:
        nodes = []
        for node in predictor.nodes:
            if node["is_leaf"]:
                nodes.append([round(float(node["value"]), 6)])
            else:
                f = used.setdefault(int(node["feature_idx"]), len(used))
                # (the split's threshold kept whole: the trees may cut at a value a feature takes,
                # as "share" at 1/9, and a rounded cut sends that value the other way)
                nodes.append([f, float(node["num_threshold"]), int(node["left"]), int(node["right"])])
        trees.append(nodes)
    data = {
        "version": 2,
        "active": active,
        "fitted": {
            "how": f"scikit-learn HistGradientBoostingClassifier(max_depth={DEPTH}, max_iter={TREES}, "
                   f"learning_rate={RATE}), bench/participant_fit.py --protocol --boost, on {len(events)} gold events "
                   f"({sum(len(e['candidates']) for e in events)} candidates) of {what}; threshold chosen by "
                   f"5-fold cross-validation by article" + (how_threshold and f" ({how_threshold})"),
            "on": dt.date.today().isoformat(),
            "cross_validated_recall_precision": [round(rp[0], 3), round(rp[1], 3)],
        },
        "threshold": threshold,
        "baseline": round(float(np.ravel(model._baseline_prediction)[0]), 6),
        "depth": DEPTH,
        "features": [FEATURES[i] for i in sorted(used, key=used.get)],
        "trees": trees,
    }
    # The tool's reading of the file must give scikit-learn's scores.
    x, _ = matrix(events)
    ours = build_model({**data, "trees": trees}).scores([dict(zip(FEATURES, row)) for row in x])
    assert np.allclose(ours, model.predict_proba(x)[:, 1], atol=1e-4), "the trees as written score otherwise"
    path = ROOT / "src" / "timeline" / "resources" / MODEL_FILE
    path.write_text(trees_file(data))
    print(f"written {path} ({len(trees)} trees, cross-validated R / P {rp[0]:.3f} / {rp[1]:.3f}, threshold {threshold})")


TREES_HEADER = (
    "# The participant model: which of its candidate actors a row takes (extract/discourse/participants.py).\n"
    "# Written by bench/participant_fit.py --protocol --boost --write: boosted decision trees; a\n"
    "# candidate's score is 1 / (1 + exp(-(baseline + the sum of its leaves' values))), kept at threshold\n"
    "# or more. A split is [feature index (into features), threshold, left, right]: go left when the\n"
    "# feature is at most the threshold (children are later nodes of the tree); a leaf is [value].\n")


def _number(v: int | float, leaf: bool) -> str:
    """A node's number as trees_file writes it: an index as it is, a leaf's value to 6 places, a
    threshold in the shortest positional digits that read back as the same float."""
    if isinstance(v, int):
        return str(v)
    return f"{v:.6f}" if leaf else np.format_float_positional(v, trim="0")


def trees_file(data: dict) -> str:
    """The text of participant_model.yaml version 2 for `data` (its trees as write_trees makes them)."""
    body = yaml.safe_dump({k: v for k, v in data.items() if k != "trees"}, sort_keys=False, allow_unicode=True)
    # One tree a line (flow style): the file stays short to read and quick to load.
    # (numbers in fixed point: PyYAML reads "1e-06" as a string; a leaf's value to 6 places, a
    # split's threshold whole, in its shortest exact digits)
    lines = "trees:\n" + "".join(
        "- [" + ",".join("[" + ",".join(_number(v, len(node) == 1) for v in node) + "]"
                         for node in t) + "]\n" for t in data["trees"])
    return TREES_HEADER + body + lines


if __name__ == "__main__":
    main()
