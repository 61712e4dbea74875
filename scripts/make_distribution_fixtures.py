#!/usr/bin/env python3
"""Reference values for ThetaProbability's distribution tests, written with SciPy (and mpmath
for the implicit reparameterization derivative).

    python3 scripts/make_distribution_fixtures.py

writes Tests/ThetaProbabilityTests/Fixtures/distributions.json: a list of cases
{"family", "params": {name: number or nested list}, "quantity", "x", "expected"} where
quantity is logp, cdf, mean, variance or entropy (x is null for the last three), and
non-finite numbers are the strings "inf", "-inf", "nan". Parameters are random (fixed seed)
plus extreme ones: scales 1e-8 and 1e8, far tails, integer edges. A second list,
"gamma_reparam", holds (alpha, x, d log x / d alpha) at fixed quantiles of Gamma(alpha, 1),
with the derivative -(dP/dalpha)/(x f(x)) from mpmath at 40 digits.
"""
import json
import math
import os

import numpy as np
from scipy import stats, special
import mpmath

rng = np.random.default_rng(20240611)
cases = []


def num(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def nested(v):
    if isinstance(v, (list, tuple, np.ndarray)):
        return [nested(a) for a in v]
    return num(v)


def add(family, params, quantity, x, expected):
    cases.append({"family": family, "params": {k: nested(v) for k, v in params.items()},
                  "quantity": quantity, "x": None if x is None else nested(x), "expected": num(expected)})


def scalar_family(family, params, dist, xs, has_cdf=True, has_moments=True, has_entropy=True, discrete=False,
                  has_mean=True, variance=None):
    for x in xs:
        add(family, params, "logp", x, dist.logpmf(x) if discrete else dist.logpdf(x))
        if has_cdf:
            add(family, params, "cdf", x, dist.cdf(x))
    if has_moments:
        if has_mean:
            add(family, params, "mean", None, dist.mean())
        add(family, params, "variance", None, dist.var() if variance is None else variance)
    if has_entropy:
        add(family, params, "entropy", None, dist.entropy())


def loc_scale_points(mu, s):
    return [mu, mu + 0.3 * s, mu - 2.2 * s, mu + 7 * s, mu - 30 * s, mu + 1.5 * s]


# Location-scale families.
for mu, s in [(0.0, 1.0), (rng.normal(), rng.uniform(0.2, 3)), (1.5, 1e-8), (-3.0, 1e8), (1e6, 2.5)]:
    scalar_family("Normal", {"mu": mu, "sigma": s}, stats.norm(mu, s), loc_scale_points(mu, s))
    scalar_family("Laplace", {"mu": mu, "b": s}, stats.laplace(mu, s), loc_scale_points(mu, s))
    scalar_family("Cauchy", {"mu": mu, "gamma": s}, stats.cauchy(mu, s), loc_scale_points(mu, s), has_moments=False)
    scalar_family("Logistic", {"mu": mu, "s": s}, stats.logistic(mu, s), loc_scale_points(mu, s))
    for nu in [0.7, 3.0, 25.0]:
        # The mean is undefined for nu <= 1 (SciPy says inf, we say NaN as torch): tested apart.
        scalar_family("StudentT", {"nu": nu, "mu": mu, "sigma": s}, stats.t(nu, mu, s), loc_scale_points(mu, s),
                      has_mean=nu > 1)
for nu in [1e-3, 1e8]:
    scalar_family("StudentT", {"nu": nu, "mu": 0.0, "sigma": 1.0}, stats.t(nu, 0, 1), [0.0, 0.5, -3.0, 40.0],
                  has_mean=nu > 1)

for mu, s in [(0.0, 1.0), (0.7, 0.4), (-2.0, 1e-8), (1.0, 3.0)]:
    xs = [math.exp(mu), math.exp(mu + 0.5 * s), math.exp(mu - 3 * s), math.exp(mu + 8 * s), 0.0, -1.0]
    # SciPy's variance is (exp(s^2) - 1) exp(2 mu + s^2), which is 0 for s = 1e-8; expm1 keeps it.
    scalar_family("LogNormal", {"mu": mu, "sigma": s}, stats.lognorm(s, scale=math.exp(mu)), xs,
                  variance=math.expm1(s * s) * math.exp(2 * mu + s * s))

for lo, hi in [(0.0, 1.0), (-2.5, 3.5), (1e-8, 2e-8), (-1e8, 1e8)]:
    w = hi - lo
    scalar_family("Uniform", {"low": lo, "high": hi}, stats.uniform(lo, w),
                  [lo + 0.25 * w, lo, hi, lo - 0.1 * w, hi + 0.1 * w])

for rate in [1.0, 0.37, 1e-8, 1e8]:
    scalar_family("Exponential", {"rate": rate}, stats.expon(scale=1 / rate),
                  [0.0, 0.5 / rate, 3 / rate, 40 / rate, -1.0])

for a, r in [(1.0, 1.0), (0.3, 2.0), (4.5, 0.5), (1e-3, 1.0), (1e3, 1e3), (2.0, 1e8), (7.0, 1e-8)]:
    m = a / r
    xs = [m, 0.1 * m, 3 * m, m + 10 * math.sqrt(a) / r, -1.0]
    scalar_family("Gamma", {"shape": a, "rate": r}, stats.gamma(a, scale=1 / r), xs)

for a, b in [(1.0, 1.0), (0.5, 0.5), (2.0, 5.0), (0.2, 3.0), (1e3, 2e3), (1e-3, 1.0), (3.0, 1.0)]:
    scalar_family("Beta", {"alpha": a, "beta": b}, stats.beta(a, b), [0.5, 0.01, 0.99, 1e-6, -0.5, 1.5])

# Discrete families.
mpmath.mp.dps = 40
for p in [0.3, 0.0, 1.0, 1e-8]:
    scalar_family("Bernoulli", {"p": p}, stats.bernoulli(p), [0, 1, 0.5, 2], discrete=True, has_entropy=False)
    # SciPy forms 1 - p in double precision; mpmath at 40 digits does not.
    pm = mpmath.mpf(p)
    h = -(pm * mpmath.log(pm) if p > 0 else 0) - ((1 - pm) * mpmath.log(1 - pm) if p < 1 else 0)
    add("Bernoulli", {"p": p}, "entropy", None, float(h))
for n, p in [(10, 0.3), (1, 0.5), (0, 0.4), (50, 0.0), (50, 1.0), (1000, 1e-3), (20, 0.999)]:
    scalar_family("Binomial", {"n": n, "p": p}, stats.binom(n, p), [0, 1, n // 2, n, n + 1, -1, 2.5],
                  has_entropy=False, discrete=True)
for r in [1.0, 0.3, 25.0, 1e-8, 1e4]:
    scalar_family("Poisson", {"rate": r}, stats.poisson(r), [0, 1, 3, int(r), int(r) + 40, -1, 1.5],
                  has_entropy=False, discrete=True)
for p in [0.3, 1.0, 1e-6, 0.999]:
    scalar_family("Geometric", {"p": p}, stats.geom(p, loc=-1), [0, 1, 5, 200, -1, 0.5], discrete=True,
                  has_entropy=p < 1)
# SciPy's geom entropy is 0*inf = nan at p = 1; the limit (a point mass) is 0.
add("Geometric", {"p": 1.0}, "entropy", None, 0.0)

for probs in [[0.2, 0.5, 0.3], [1.0, 0.0, 0.0, 0.0], rng.dirichlet([1, 1, 1, 1, 1])]:
    probs = np.asarray(probs, dtype=float)
    for k in range(len(probs)):
        add("Categorical", {"p": probs}, "logp", k, np.log(probs[k]) if probs[k] > 0 else -np.inf)
    add("Categorical", {"p": probs}, "logp", len(probs), -np.inf)
    add("Categorical", {"p": probs}, "entropy", None, stats.entropy(probs))

# Vector families.
for mu, cov in [([0.0, 0.0], [[1.0, 0.0], [0.0, 1.0]]),
                ([1.0, -2.0, 0.5], [[2.0, 0.3, 0.1], [0.3, 1.0, -0.2], [0.1, -0.2, 0.5]]),
                ([0.0, 0.0], [[1e-8, 0.0], [0.0, 1e8]])]:
    # allow_singular only skips SciPy's eigenvalue-ratio test (1e16 here); the matrix is diagonal.
    sd = np.sqrt(np.diag(cov))
    diagonal = not np.any(np.asarray(cov) - np.diag(np.diag(cov)))
    d = None if diagonal else stats.multivariate_normal(mu, cov)
    # SciPy drops eigenvalues below 1e-16 of the largest as singular (its pseudo-determinant):
    # for diagonal covariances the reference is the sum of univariate normals instead.
    for x in [np.asarray(mu), np.asarray(mu) + 0.7 * sd, np.asarray(mu) - 4 * sd]:
        ref = sum(stats.norm(m, s).logpdf(v) for m, s, v in zip(mu, sd, x)) if diagonal else d.logpdf(x)
        add("MultivariateNormal", {"mu": mu, "cov": cov}, "logp", x, ref)
    ref = sum(stats.norm(0, s).entropy() for s in sd) if diagonal else d.entropy()
    add("MultivariateNormal", {"mu": mu, "cov": cov}, "entropy", None, ref)

for alpha in [[1.0, 1.0, 1.0], [0.5, 2.0, 3.5], [1e-3, 1.0], [1e3, 2e3, 5e2]]:
    d = stats.dirichlet(alpha)
    a = np.asarray(alpha)
    for x in [a / a.sum(), np.full(len(a), 1.0 / len(a)), np.asarray([0.9] + [0.1 / (len(a) - 1)] * (len(a) - 1))]:
        add("Dirichlet", {"alpha": alpha}, "logp", x, d.logpdf(x))
    add("Dirichlet", {"alpha": alpha}, "entropy", None, d.entropy())
    cases.append({"family": "Dirichlet", "params": {"alpha": alpha}, "quantity": "mean_vector", "x": None,
                  "expected": nested(d.mean())})
    cases.append({"family": "Dirichlet", "params": {"alpha": alpha}, "quantity": "variance_vector", "x": None,
                  "expected": nested(d.var())})

# Implicit reparameterization: d log x / d alpha = -(dP/dalpha)(alpha, x) / (x f(x; alpha)).
mpmath.mp.dps = 40
reparam = []
for a in [1e-3, 0.1, 0.5, 1.0, 2.5, 10.0, 100.0, 3000.0]:
    for u in [1e-6, 0.05, 0.5, 0.95, 0.999999]:
        x = float(special.gammaincinv(a, u))
        if x <= 0 or not math.isfinite(x):
            continue
        am, xm = mpmath.mpf(a), mpmath.mpf(x)
        dP = mpmath.diff(lambda t: mpmath.gammainc(t, 0, xm, regularized=True), am)
        xf = mpmath.exp(am * mpmath.log(xm) - xm - mpmath.loggamma(am))
        reparam.append({"alpha": a, "x": x, "expected": float(-dP / xf)})

out = os.path.join(os.path.dirname(__file__), "..", "Tests", "ThetaProbabilityTests", "Fixtures", "distributions.json")
with open(out, "w") as f:
    json.dump({"cases": cases, "gamma_reparam": reparam}, f, indent=0)
print(f"wrote {len(cases)} cases and {len(reparam)} reparameterization points to {os.path.normpath(out)}")
