#!/usr/bin/python3
"""Expected challenge metric values, computed with scikit-learn and numpy, for MetricFixtureTests.

Run with Debian's interpreter, which has python3-sklearn (scikit-learn 1.2.1, numpy 1.24.2 on Debian 12):

    /usr/bin/python3 tests/CollabBot.Core.Tests/Challenges/Fixtures/make_fixtures.py

It rewrites metrics.json next to this file. Everything is drawn from a fixed numpy seed, so running it again with
the same library versions writes the same file. The versions used are recorded in the file.

Each case is a truth (ids, labels), a submission (scores, or one probability column per class), the challenge's
seed and public fraction, and for every metric the value on all rows, on the public part and on the private part.
The public part is computed here independently of the C# code, from the rule documented in PublicSplit.cs:
rank ids by the first 8 bytes (big-endian) of HMAC-SHA256(seed, UTF-8 id), ties by id; the first
floor(fraction * n + 0.5) ids are public.

Metric definitions (the C# engine must agree to 1e-9 relative):
  auc          sklearn.metrics.roc_auc_score(y, s)
  accuracy     binary: accuracy_score(y, s >= 0.5); multi-class: accuracy_score(y, columns[argmax(P, axis=1)])
  logloss      log_loss(y, s, labels=[0, 1]) / log_loss(y, P in sorted class order, labels=sorted classes);
               eps='auto' = float64 machine epsilon; 1.2.1 clips to [eps, 1-eps], then renormalises each row
  rmse         mean_squared_error(y, s, squared=False)
  mae          mean_absolute_error(y, s)
  rejection@E  fpr, tpr, _ = roc_curve(y, s, drop_intermediate=False); eb = numpy.interp(E, tpr, fpr);
               1 / eb, or infinity when eb == 0 (written as the string "Infinity")
"""

import hashlib
import hmac
import json
import math
import os
import platform
import sys

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    log_loss,
    mean_absolute_error,
    mean_squared_error,
    roc_auc_score,
    roc_curve,
)

rng = np.random.default_rng(20261125)
cases = []


def public_mask(ids, seed, fraction):
    keys = [(int.from_bytes(hmac.new(seed, i.encode("utf-8"), hashlib.sha256).digest()[:8], "big"), i) for i in ids]
    order = sorted(range(len(ids)), key=lambda r: keys[r])
    count = min(len(ids), int(math.floor(fraction * len(ids) + 0.5)))
    mask = [False] * len(ids)
    for rank in range(count):
        mask[order[rank]] = True
    return mask


def number(x):
    x = float(x)
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def rejection(y, s, e):
    fpr, tpr, _ = roc_curve(y, s, drop_intermediate=False)
    eb = float(np.interp(e, tpr, fpr))
    return math.inf if eb == 0 else 1.0 / eb


def binary_metric(name, y, s):
    y = np.asarray(y, dtype=int)
    s = np.asarray(s, dtype=np.float64)
    if name == "auc":
        return roc_auc_score(y, s)
    if name == "accuracy":
        return accuracy_score(y, (s >= 0.5).astype(int))
    if name == "logloss":
        return log_loss(y, s, labels=[0, 1])
    if name == "rmse":
        return mean_squared_error(y, s, squared=False)
    if name == "mae":
        return mean_absolute_error(y, s)
    if name.startswith("rejection@"):
        return rejection(y, s, float(name.split("@")[1]))
    raise ValueError(name)


def regression_metric(name, y, s):
    y = np.asarray(y, dtype=np.float64)
    s = np.asarray(s, dtype=np.float64)
    if name == "rmse":
        return mean_squared_error(y, s, squared=False)
    if name == "mae":
        return mean_absolute_error(y, s)
    raise ValueError(name)


def multiclass_metric(name, y, p, columns):
    classes = sorted(columns)
    p = np.asarray(p, dtype=np.float64)
    if name == "accuracy":
        predicted = np.asarray(columns, dtype=object)[np.argmax(p, axis=1)]
        return accuracy_score(np.asarray(y, dtype=object), predicted)
    if name == "logloss":
        in_class_order = p[:, [columns.index(c) for c in classes]]
        return log_loss(np.asarray(y, dtype=object), in_class_order, labels=classes)
    raise ValueError(name)


def add(name, kind, ids, labels, scores, metrics, fraction, columns=None, seed=None):
    seed = seed if seed is not None else rng.bytes(32)
    mask = public_mask(ids, seed, fraction)
    pub = [i for i, m in enumerate(mask) if m]
    pri = [i for i, m in enumerate(mask) if not m]

    def compute(metric, rows):
        if not rows:
            return None
        y = [labels[r] for r in rows]
        s = [scores[r] for r in rows]
        if kind == "binary":
            return number(binary_metric(metric, y, s))
        if kind == "regression":
            return number(regression_metric(metric, y, s))
        return number(multiclass_metric(metric, y, s, columns))

    everything = list(range(len(ids)))
    expected = {m: {"all": compute(m, everything), "public": compute(m, pub), "private": compute(m, pri)} for m in metrics}
    case = {
        "name": name,
        "kind": kind,
        "metrics": metrics,
        "seed": seed.hex(),
        "public_fraction": fraction,
        "public_mask": "".join("1" if m else "0" for m in mask),
        "ids": ids,
        "labels": [int(v) if kind == "binary" else (float(v) if kind == "regression" else v) for v in labels],
        "scores": [[float(v) for v in row] for row in scores] if kind == "multiclass" else [float(v) for v in scores],
        "expected": expected,
    }
    if columns is not None:
        case["columns"] = columns
    cases.append(case)


def ids_for(n, prefix="ev"):
    return [f"{prefix}{i:06d}" for i in range(n)]


BINARY_METRICS = ["auc", "accuracy", "logloss", "rmse", "mae", "rejection@0.3", "rejection@0.5", "rejection@0.1"]


def add_binary(name, labels, scores, fraction, ids=None, metrics=None):
    """A binary case whose seed leaves both classes in each non-empty part, so ROC metrics stay computable
    (a part without one class makes the truth refuse them, which has a test of its own)."""
    ids = ids or ids_for(len(labels))
    metrics = metrics or BINARY_METRICS
    roc = any(m == "auc" or m.startswith("rejection@") for m in metrics)
    for _ in range(100):
        seed = rng.bytes(32)
        mask = public_mask(ids, seed, fraction)
        parts = [[labels[i] for i, m in enumerate(mask) if m], [labels[i] for i, m in enumerate(mask) if not m]]
        if not roc or all(len(p) == 0 or len(set(p)) == 2 for p in parts):
            break
    else:
        raise RuntimeError(f"{name}: no seed leaves both classes in each part")
    add(name, "binary", ids, labels, scores, metrics, fraction, seed=seed)


# --- binary: tiny inputs -------------------------------------------------------------------------------------------
add_binary("binary tiny: one positive, one negative", [0, 1], [0.2, 0.8], 1.0)
add_binary("binary tiny: one positive, one negative, inverted", [1, 0], [0.2, 0.8], 0.0)
add_binary("binary tiny: three rows, a tie across classes", [0, 1, 1], [0.5, 0.5, 0.9], 1.0)
add_binary("binary tiny: four rows, all tied", [0, 1, 0, 1], [0.4, 0.4, 0.4, 0.4], 1.0)

# --- binary: random sizes ------------------------------------------------------------------------------------------
for k, n in enumerate([5, 17, 64, 250, 999, 1500, 3000]):
    prevalence = rng.uniform(0.1, 0.9)
    labels = (rng.random(n) < prevalence).astype(int)
    labels[0], labels[1] = 0, 1
    scores = np.clip(labels * rng.uniform(0.1, 0.4) + rng.normal(0.4, 0.2, n), 0, 1)
    fraction = [0.5, 0.3, 0.77, 0.5, 0.1, 0.9, 0.5][k]
    add_binary(f"binary random n={n}", labels.tolist(), scores.tolist(), fraction)

add_binary("binary random n=20000, unbounded scores (logits)",
           *(lambda y: (y.tolist(), (y * 1.5 + rng.normal(0, 1.0, y.size)).tolist()))((rng.random(20000) < 0.3).astype(int)),
           0.5)

# --- binary: heavy ties ----------------------------------------------------------------------------------------------
for n, decimals in [(500, 1), (2000, 0), (4000, 2)]:
    labels = (rng.random(n) < 0.4).astype(int)
    scores = np.round(np.clip(labels * 0.3 + rng.random(n) * 0.7, 0, 1), decimals)
    add_binary(f"binary heavy ties n={n}, scores rounded to {decimals} decimals", labels.tolist(), scores.tolist(), 0.5)

labels = (rng.random(1000) < 0.5).astype(int)
add_binary("binary ties: three distinct scores", labels.tolist(), rng.choice([0.0, 0.5, 1.0], 1000).tolist(), 0.5)
add_binary("binary ties: every score equal", labels.tolist(), [0.25] * 1000, 0.5)
add_binary("binary ties: signed zeros are one tie", [0, 1, 0, 1, 1, 0], [-0.0, 0.0, 0.0, -0.0, 1.0, -1.0], 1.0)

# --- binary: signal efficiency landing exactly on tpr values, flat tpr segments ---------------------------------------
labels = [1] * 10 + [0] * 30
scores = [0.95, 0.9, 0.9, 0.85, 0.8, 0.6, 0.6, 0.4, 0.3, 0.1] + [0.9, 0.88, 0.87, 0.86, 0.8, 0.7, 0.65, 0.6, 0.55, 0.5] + [0.45] * 10 + [0.2] * 10
add_binary("binary rejection: E on tpr steps of 1/10", labels, scores, 1.0,
           metrics=["auc", "rejection@0.1", "rejection@0.2", "rejection@0.3", "rejection@0.5", "rejection@0.7", "rejection@0.25", "rejection@0.999"])

# --- binary: epsilon_B = 0 -----------------------------------------------------------------------------------------
labels = [1] * 50 + [0] * 50
scores = [0.9 + i * 0.001 for i in range(50)] + [0.1 + i * 0.001 for i in range(50)]
add_binary("binary separable: rejection infinite at every E", labels, scores, 1.0)
scores = [0.99 - i * 0.001 for i in range(20)] + [0.3 - i * 0.001 for i in range(30)] + [0.5 - i * 0.001 for i in range(50)]
add_binary("binary partly separable: infinite below E=0.4, finite above", labels, scores, 1.0,
           metrics=["auc", "rejection@0.3", "rejection@0.4", "rejection@0.41", "rejection@0.5", "rejection@0.9"])

# --- binary: logloss at exactly 0 and 1 ------------------------------------------------------------------------------
add_binary("logloss: certain and right", [0, 1, 0, 1], [0.0, 1.0, 0.0, 1.0], 1.0, metrics=["logloss", "accuracy", "auc"])
add_binary("logloss: certain and wrong", [0, 1, 0, 1], [1.0, 0.0, 0.0, 1.0], 1.0, metrics=["logloss", "accuracy", "auc"])
labels = (rng.random(600) < 0.5).astype(int)
scores = rng.choice([0.0, 1.0, 0.5, 1e-300, 1 - 1e-17, 2e-16, 0.9999999999999999], 600)
add_binary("logloss: probabilities at and near 0 and 1", labels.tolist(), scores.tolist(), 0.5, metrics=["logloss", "accuracy", "auc", "rmse", "mae"])
add_binary("logloss: one class only (labels=[0, 1])", [1, 1, 1], [0.9, 0.2, 1.0], 1.0, metrics=["logloss", "accuracy", "rmse", "mae"])
add_binary("accuracy: scores exactly 0.5 count as 1", [1, 1, 0, 0], [0.5, 0.5, 0.49999999999999994, 0.0], 1.0, metrics=["accuracy"])

# --- binary: extreme magnitudes and awkward ids ----------------------------------------------------------------------
add_binary("binary extreme magnitudes", [0, 1, 0, 1, 0, 1], [-1e300, 1e300, 1e-300, 5e-324, -5e-324, 0.0], 1.0,
           metrics=["auc", "rejection@0.5", "accuracy"])
add_binary("binary awkward ids (quotes, commas, unicode)", [0, 1, 0, 1, 1, 0], [0.1, 0.7, 0.4, 0.65, 0.3, 0.2], 1.0,
           ids=['a,b', 'q"uote', 'ünïcödé', '🎯-emoji', 'x y', '=1+1'])

# --- multi-class -----------------------------------------------------------------------------------------------------


def add_multiclass(name, n, classes, columns, fraction, unnormalised=0.0, extremes=0.0, ties=0.0):
    labels = rng.choice(classes, n).tolist()
    p = rng.dirichlet(np.ones(len(classes)), n)
    for r in range(n):
        if rng.random() < unnormalised:
            p[r] *= rng.uniform(0.2, 3.0)
        if rng.random() < extremes:
            p[r] = 0.0
            p[r, rng.integers(len(classes))] = 1.0
        if rng.random() < ties:
            a, b = rng.choice(len(classes), 2, replace=False)
            p[r, a] = p[r, b] = p[r].max() + 0.01
    add(name, "multiclass", ids_for(n), labels, p.tolist(), ["accuracy", "logloss"], fraction, columns=columns)


add_multiclass("multiclass 3 classes, sorted columns", 300, ["a", "b", "c"], ["a", "b", "c"], 0.5)
add_multiclass("multiclass 4 classes, shuffled columns, argmax ties", 800, ["e", "mu", "pi", "tau"], ["tau", "e", "pi", "mu"], 0.3, ties=0.2)
add_multiclass("multiclass 5 classes, unnormalised rows", 1200, ["c1", "c2", "c3", "c4", "c5"], ["c3", "c1", "c5", "c2", "c4"], 0.5, unnormalised=0.5)
add_multiclass("multiclass 3 classes, probabilities exactly 0 and 1", 400, ["g", "q", "x"], ["q", "g", "x"], 0.5, extremes=0.4)
add_multiclass("multiclass 10 numeric-looking classes", 2500, [str(i) for i in range(10)], [str(i) for i in [3, 1, 4, 0, 5, 9, 2, 6, 8, 7]], 0.6, ties=0.05, unnormalised=0.1)
add_multiclass("multiclass two named classes", 200, ["b", "s"], ["s", "b"], 0.5)
add("multiclass tiny", "multiclass", ["r1", "r2", "r3"], ["x", "y", "z"], [[0.2, 0.5, 0.3], [0.4, 0.4, 0.2], [0.0, 0.0, 1.0]],
    ["accuracy", "logloss"], 1.0, columns=["x", "y", "z"])

# --- regression ------------------------------------------------------------------------------------------------------
for n, fraction in [(1, 1.0), (7, 0.0), (900, 0.5), (5000, 0.25)]:
    y = rng.normal(10, 5, n)
    add(f"regression n={n}", "regression", ids_for(n), y.tolist(), (y + rng.normal(0, 2, n)).tolist(), ["rmse", "mae"], fraction)
y = np.round(rng.normal(0, 1, 50), 3)
add("regression exact predictions", "regression", ids_for(50), y.tolist(), y.tolist(), ["rmse", "mae"], 0.5)

out = {
    "generator": "tests/CollabBot.Core.Tests/Challenges/Fixtures/make_fixtures.py",
    "python": platform.python_version(),
    "numpy": np.__version__,
    "sklearn": sklearn.__version__,
    "epsilon": float(np.finfo(np.float64).eps),
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "metrics.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {path} (scikit-learn {sklearn.__version__}, numpy {np.__version__}, Python {platform.python_version()})", file=sys.stderr)
