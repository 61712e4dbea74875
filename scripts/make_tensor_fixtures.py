#!/usr/bin/env python3
"""Writes NumPy/SciPy reference values for ThetaTensor's tests.

Output: Tests/ThetaTensorTests/Fixtures/tensor/*.json (committed; the tests need no Python).
Run from the repository root:  python3 scripts/make_tensor_fixtures.py

Every number is written as a string in Python's shortest round-trip form (repr), so that
Swift's Double(String) reads back exactly the same double, and so that nan, inf and -inf
survive JSON. A tensor is {"shape": [...], "data": [...]} in row-major order.

Generated with NumPy and SciPy (versions recorded in each file).
"""
import json
import os

import numpy as np
import scipy
import scipy.special as sp

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "ThetaTensorTests", "Fixtures", "tensor")
rng = np.random.default_rng(20240611)


def enc(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [repr(float(v)) for v in a.reshape(-1)]}


def operand(shape, kind):
    """Values that make every operation interesting: small integers (so comparisons hit
    equality and mod hits exact multiples), halves, negatives, and for `special` a NaN, an
    infinity and a signed zero."""
    n = int(np.prod(shape)) if shape else 1
    v = rng.integers(-4, 5, size=n).astype(np.float64) + rng.choice([0.0, 0.5, 0.25], size=n)
    if kind == "positive":
        v = np.abs(v) + 0.5
    if kind == "special" and n >= 4:
        v[0], v[1], v[2] = np.nan, np.inf, -0.0
    return v.reshape(shape)


def meta():
    return {"numpy": np.__version__, "scipy": scipy.__version__,
            "script": "scripts/make_tensor_fixtures.py"}


def write(name, payload):
    payload = {"generated_by": meta(), **payload}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


# Binary elementwise operations under broadcasting.
BROADCAST_PAIRS = [
    ([2, 3], [2, 3]), ([3, 1], [1, 4]), ([2, 3, 4], [4]), ([4], [2, 3, 4]), ([2, 1, 4], [3, 1]),
    ([], [2, 3]), ([2, 3], []), ([1, 1], [5]), ([2, 3, 1, 5], [3, 4, 1]), ([5, 1], [5, 1]),
    ([1], [3, 2]), ([3, 2], [1]), ([2, 1, 3], [2, 4, 1]), ([0, 3], [1, 3]),
]
BINARY = {
    "add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide,
    "mod": np.mod, "minimum": np.minimum, "maximum": np.maximum,
    "eq": np.equal, "ne": np.not_equal, "lt": np.less, "le": np.less_equal,
    "gt": np.greater, "ge": np.greater_equal,
}
cases = []
with np.errstate(all="ignore"):
    for i, (sa, sb) in enumerate(BROADCAST_PAIRS):
        a = operand(sa, "special" if i % 3 == 0 else "plain")
        b = operand(sb, "special" if i % 3 == 1 else "plain")
        results = {name: enc(f(a, b).astype(np.float64)) for name, f in BINARY.items()}
        pa = operand(sa, "positive")   # a positive base keeps pow real for any exponent b
        results["pow"] = enc(np.power(pa, b))
        cases.append({"a": enc(a), "b": enc(b), "pow_a": enc(pa), "results": results})
write("binary.json", {"cases": cases})

# clip(x, lo, hi) with broadcast bounds, crossed bounds and NaN.
clip_cases = []
x = operand([3, 4], "special")
for lo, hi in [(np.array(-1.0), np.array(2.0)), (operand([4], "plain"), np.array(1.5)),
               (operand([3, 1], "plain"), operand([1, 4], "plain")), (np.array(3.0), np.array(-3.0)),
               (np.array(np.nan), np.array(1.0))]:
    with np.errstate(all="ignore"):
        clip_cases.append({"x": enc(x), "lo": enc(lo), "hi": enc(hi), "result": enc(np.clip(x, lo, hi))})
write("clip.json", {"cases": clip_cases})

# matmul with NumPy semantics: vectors, matrices, stacks with broadcast batch axes.
MATMUL = [
    ([3], [3]), ([5, 2], [2]), ([2], [2, 6]), ([4, 3], [3, 5]), ([2, 1, 3, 4], [3, 4, 5]),
    ([4], [2, 4, 3]), ([2, 3, 4], [4]), ([1, 2, 3], [2, 3, 2]), ([2, 3], [4, 3, 2]),
    ([3, 2, 5], [5, 3]), ([2, 2, 1, 3], [1, 3, 2]), ([1, 1], [1, 1]), ([40, 30], [30, 20]),
]
mm = []
for sa, sb in MATMUL:
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    mm.append({"a": enc(a), "b": enc(b), "result": enc(np.matmul(a, b))})
write("matmul.json", {"cases": mm})

# Reductions along axes, with keepdims.
x = rng.standard_normal([3, 4, 5]) * 3
x[1, 2, 3] = x[0, 0, 0]   # a tie for argmax/argmin somewhere
REDUCE = {
    "sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min, "prod": np.prod,
    "variance": np.var, "std": np.std, "logsumexp": sp.logsumexp,
}
red = []
for axes in [None, [0], [1], [2], [-1], [0, 2], [1, 2], [0, 1, 2], [2, 0]]:
    ax = None if axes is None else tuple(axes)
    for keep in [False, True]:
        results = {name: enc(f(x, axis=ax, keepdims=keep)) for name, f in REDUCE.items()}
        if axes is None or len(axes) == 1:
            single = None if axes is None else axes[0]
            results["argmax"] = enc(np.argmax(x, axis=single, keepdims=keep).astype(np.float64))
            results["argmin"] = enc(np.argmin(x, axis=single, keepdims=keep).astype(np.float64))
        red.append({"axes": axes, "keepdims": keep, "results": results})
write("reduce.json", {"x": enc(x), "cases": red})

# softmax / log_softmax / logsumexp along each axis, with entries far outside exp's range.
big = np.array([[1000.0, -1000.0, 0.0, 999.0],
                [-1000.0, -1000.0, -999.0, -1001.0],
                [1e300, 1.0, -1e300, 2.0]])
sm = []
for t in [big, rng.standard_normal([2, 3, 4]) * 50]:
    for axis in range(-t.ndim, t.ndim):
        sm.append({"x": enc(t), "axis": axis,
                   "softmax": enc(sp.softmax(t, axis=axis)),
                   "log_softmax": enc(sp.log_softmax(t, axis=axis)),
                   "logsumexp": enc(sp.logsumexp(t, axis=axis)),
                   "logsumexp_keepdims": enc(sp.logsumexp(t, axis=axis, keepdims=True))})
write("softmax.json", {"cases": sm})
print("wrote", sorted(os.listdir(OUT)))
