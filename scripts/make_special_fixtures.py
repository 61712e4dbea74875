#!/usr/bin/env python3
"""Reference values for ThetaTensor's special functions and random generator.

Writes plain-text fixtures under Tests/ThetaTensorTests/Fixtures/special/. Each file starts
with `#` comment lines naming the columns and the source; every other line holds
whitespace-separated numbers printed with 17 significant digits ('%.17g'), which round-trip
a double exactly.

Special-function values come from SciPy. Every SciPy value is cross-checked against mpmath at
60 decimal digits; where SciPy's relative error exceeds 1e-14 the mpmath value (rounded to
the nearest double) is written instead and the row is counted in the file header, so the
fixtures are as accurate as a double allows.

The random-generator fixtures come from an independent pure-Python implementation of
SplitMix64 and PCG64-DXSM (the algorithms documented in Sources/ThetaTensor/RandomGenerator.swift),
written from the published algorithms, not from the Swift code.

Usage:  pip install scipy numpy mpmath;  python3 scripts/make_special_fixtures.py   (about 10 minutes: the
        incomplete gamma/beta references run at 420 digits)
        python3 scripts/make_special_fixtures.py --constants   (prints the constant tables in
        SpecialGamma.swift and SpecialIncompleteGamma.swift)
        python3 scripts/make_special_fixtures.py --log-table   (prints the entries of
        VectorMath+LogTable.swift; about 4 minutes)
"""
import math
import os

import mpmath
import numpy as np
import scipy
from scipy import special as sp

mpmath.mp.dps = 60
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Tests", "ThetaTensorTests", "Fixtures", "special")
TOL = 1e-14
# Digits for the incomplete gamma and beta references: one side is computed as 1 minus the
# other, which must hold down to 1e-300 and beyond.
DEEP = 420


def g17(v):
    return "%.17g" % v


def checked(scipy_value, mp_value):
    """Returns (value, replaced) where value is SciPy's unless mpmath disagrees beyond TOL."""
    ref = float(mp_value)
    s = float(scipy_value)
    if ref == 0.0 or math.isinf(ref):
        return (ref, s != ref)
    if abs(s - ref) <= TOL * abs(ref):
        return (s, False)
    if os.environ.get("VERBOSE"):
        print("  replaced", s, "by", ref, "rel", abs(s - ref) / abs(ref))
    return (ref, True)


def write(name, columns, rows, note=""):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        f.write("# columns: %s\n" % " ".join(columns))
        f.write("# source: SciPy %s (cross-checked with mpmath %s at %d digits)%s\n"
                % (scipy.__version__, mpmath.__version__, mpmath.mp.dps, note))
        for r in rows:
            f.write(" ".join(g17(v) for v in r) + "\n")
    print("wrote", path, len(rows), "rows")


def unary(name, xs, scipy_f, mp_f):
    rows, replaced = [], 0
    for x in xs:
        v, rep = checked(scipy_f(x), mp_f(mpmath.mpf(x)))
        replaced += rep
        rows.append((x, v))
    write(name + ".txt", ["x", name], rows,
          "; %d value(s) replaced by mpmath" % replaced if replaced else "")


def logspace(lo, hi, n):
    return [float(v) for v in np.logspace(lo, hi, n)]


# ---------------------------------------------------------------- gamma family

def lgamma_points():
    xs = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.1, 0.5, 0.9, 0.999, 1.0 - 2**-30,
          1.0 + 2**-30, 1.001, 1.5, 1.9, 1.999, 2.0 + 2**-30, 2.5, 3.0, 3.7, 7.5, 10.0, 12.25,
          30.5, 100.0, 171.5, 1000.5, 1e5, 1e10, 1e15, 1e50, 1e100, 1e200, 1e305, 2.5e305]
    xs += logspace(-3, 3, 25)
    # negative non-integers, away from lgamma's own zeros (handled in the Swift test)
    xs += [-1e-10, -0.001, -0.5, -0.9, -1.5, -2.5, -3.3, -4.9, -10.3, -20.75, -100.7, -170.5,
           -1000.25, -12345.5, -1e5 - 0.5]
    return xs


def digamma_points():
    xs = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.1, 0.5, 0.9, 1.0, 1.25, 1.4,
          1.45, 1.46, 1.47, 1.5, 1.75, 2.0, 2.5, 3.0, 5.5, 9.99, 10.0, 10.01, 25.0, 100.0,
          1e3, 1e5, 1e8, 1e15, 1e50, 1e150, 1e300]
    # near the positive zero x0 = 1.4616321449683623...
    x0 = 1.4616321449683623
    xs += [x0 + d for d in (-1e-3, -1e-6, -1e-9, 1e-9, 1e-6, 1e-3)]
    xs += logspace(-2, 2, 21)
    xs += [-1e-10, -0.1, -0.25, -0.75, -1.1, -1.9, -2.25, -3.75, -10.1, -50.5, -100.9,
           -1e4 - 0.3]
    return xs


def trigamma_points():
    xs = [1e-150, 1e-10, 1e-5, 0.001, 0.1, 0.5, 1.0, 1.5, 2.0, 3.5, 9.0, 10.0, 11.0, 50.0,
          1e3, 1e6, 1e10, 1e20, 1e100, 1e150]
    xs += logspace(-2, 3, 21)
    xs += [-1e-10, -0.1, -0.5, -0.9, -1.5, -2.7, -10.2, -99.5, -1e4 - 0.25]
    return xs


def lbeta_rows():
    pairs = [(0.5, 0.5), (1.0, 1.0), (1.0, 2.0), (2.0, 3.0), (0.1, 0.2), (1e-5, 1e-5),
             (1e-10, 3.0), (3.0, 1e-10), (0.5, 1e3), (1e-3, 1e5), (5.0, 1e10), (0.2, 1e15),
             (10.0, 10.0), (12.5, 37.5), (100.0, 200.0), (1e3, 1e3), (1e5, 1e5),
             (1e5, 3e7), (1e10, 1e10), (1e8, 1e12), (7.0, 0.3), (20.0, 0.01), (15.0, 2.5e6)]
    rows, replaced = [], 0
    for a, b in pairs:
        v, rep = checked(sp.betaln(a, b), mpmath.log(mpmath.beta(mpmath.mpf(a), mpmath.mpf(b))))
        replaced += rep
        rows.append((a, b, v))
    write("lbeta.txt", ["a", "b", "lbeta"], rows,
          "; %d value(s) replaced by mpmath" % replaced if replaced else "")


# ---------------------------------------------------------------- error function

def erf_rows():
    xs = [0.0, 1e-300, 1e-20, 1e-8, 1e-3, 0.1, 0.25, 0.4, 0.5, 0.75, 0.84375, 1.0, 1.25,
          1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 5.9, 6.0, 8.0, 10.0, 15.0, 20.0, 25.0, 26.0, 26.5]
    xs += [-x for x in xs if x != 0.0]
    rows, replaced = [], 0
    for x in xs:
        e, r1 = checked(sp.erf(x), mpmath.erf(mpmath.mpf(x)))
        c, r2 = checked(sp.erfc(x), mpmath.erfc(mpmath.mpf(x)))
        replaced += r1 + r2
        rows.append((x, e, c))
    write("erf.txt", ["x", "erf", "erfc"], rows,
          "; %d value(s) replaced by mpmath" % replaced if replaced else "")


def mp_erfinv(y):
    return mpmath.erfinv(mpmath.mpf(y))


def mp_erfcinv(q):
    q = mpmath.mpf(q)
    lq = mpmath.log(q)
    return mpmath.findroot(lambda x: mpmath.log(mpmath.erfc(x)) - lq, mpmath.sqrt(-lq) * 0.9 + 0.1)


def erfinv_rows():
    ys = [0.0, 1e-300, 1e-20, 1e-8, 1e-3, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999,
          1 - 1e-6, 1 - 1e-9, 1 - 1e-12, 1 - 1e-15, 1 - 2**-52, 1 - 2**-53]
    ys += [-y for y in ys if y != 0.0]
    rows, replaced = [], 0
    for y in ys:
        v, rep = checked(sp.erfinv(y), mp_erfinv(y))
        replaced += rep
        rows.append((y, v))
    write("erfinv.txt", ["y", "erfinv"], rows,
          "; %d value(s) replaced by mpmath" % replaced if replaced else "")
    qs = [1e-300, 1e-100, 1e-50, 1e-20, 1e-10, 1e-5, 0.001, 0.1, 0.5, 0.9, 1.0, 1.1, 1.5, 1.9,
          1.999, 2 - 1e-10, 2 - 2**-52]
    # the far tail down to the smallest subnormal, where erfc near the root underflows
    qs = [1e-305, 2.2250738585072014e-308, 1e-308, 1e-310, 3e-315, 1e-320, 1e-322,
          5e-324] + qs
    rows, replaced = [], 0
    for q in qs:
        v, rep = checked(sp.erfcinv(q), -mp_erfinv(q - 1) if q >= 1 else mp_erfcinv(q))
        replaced += rep
        rows.append((q, v))
    write("erfcinv.txt", ["q", "erfcinv"], rows,
          "; %d value(s) replaced by mpmath" % replaced if replaced else "")


# ---------------------------------------------------------------- logistic family

def logistic_rows():
    xs = [-800.0, -745.0, -700.0, -100.0, -40.0, -37.0, -20.0, -5.0, -1.0, -1e-3, -1e-10,
          -1e-300, 0.0, 1e-300, 1e-10, 1e-3, 0.5, 1.0, 2.0, 5.0, 18.0, 20.0, 36.0, 37.0,
          40.0, 100.0, 700.0, 800.0, 1e10]
    rows, replaced = [], 0
    for x in xs:
        m = mpmath.mpf(x)
        mp_sig = 1 / (1 + mpmath.exp(-m))
        mp_sp = mpmath.log1p(mpmath.exp(m))
        s, r1 = checked(sp.expit(x), mp_sig)
        ls, r2 = checked(sp.log_expit(x), -mpmath.log1p(mpmath.exp(-m)))
        sp_sp = float(np.logaddexp(0.0, x))
        spv, r3 = checked(sp_sp, mp_sp)
        replaced += r1 + r2 + r3
        rows.append((x, s, ls, spv))
    write("logistic.txt", ["x", "sigmoid", "log_sigmoid", "softplus"], rows,
          "; softplus from numpy.logaddexp(0, x); %d value(s) replaced by mpmath" % replaced)


def log1p_rows():
    xs = [-1 + 2**-52, -0.999, -0.5, -0.1, -1e-5, -1e-10, -1e-20, -1e-300, 1e-300, 1e-20,
          1e-10, 1e-5, 0.1, 0.5, 1.0, 10.0, 1e5, 1e100, 1e300]
    rows, replaced = [], 0
    for x in xs:
        v, rep = checked(np.log1p(x), mpmath.log1p(mpmath.mpf(x)))
        replaced += rep
        rows.append((x, v))
    write("log1p.txt", ["x", "log1p"], rows, "; numpy.log1p" + ("; %d replaced" % replaced))
    xs = [-745.0, -100.0, -40.0, -10.0, -1.0, -0.5, -1e-5, -1e-10, -1e-20, -1e-300, 1e-300,
          1e-20, 1e-10, 1e-5, 0.1, 0.5, 1.0, 10.0, 100.0, 700.0, 709.5]
    rows, replaced = [], 0
    for x in xs:
        v, rep = checked(np.expm1(x), mpmath.expm1(mpmath.mpf(x)))
        replaced += rep
        rows.append((x, v))
    write("expm1.txt", ["x", "expm1"], rows, "; numpy.expm1" + ("; %d replaced" % replaced))


# ---------------------------------------------------------------- incomplete gamma / beta

def mp_gamma_pq(a, x):
    """P and Q by mpmath; where its hypergeometric series gives up (large a), by the
    textbook power series (x < a + 1) or Legendre continued fraction (x >= a + 1) at 60
    digits, evaluated with the modified Lentz method."""
    try:
        return (mpmath.gammainc(a, 0, x, regularized=True),
                mpmath.gammainc(a, x, mpmath.inf, regularized=True))
    except mpmath.libmp.libhyper.NoConvergence:
        pass
    pref = mpmath.exp(a * mpmath.log(x) - x - mpmath.loggamma(a))
    eps = mpmath.mpf(10) ** (-(mpmath.mp.dps - 10))
    if x < a + 1:
        term = 1 / a
        total = term
        n = 0
        while abs(term) > eps * abs(total):
            n += 1
            term *= x / (a + n)
            total += term
        p = pref * total
        return p, 1 - p
    tiny = mpmath.mpf(10) ** (-(mpmath.mp.dps + 300))
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    i = 0
    while True:
        i += 1
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if d == 0 else d
        c = b + an / c
        c = tiny if c == 0 else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            break
    q = pref * h
    return 1 - q, q


def gammainc_rows():
    a_values = [1e-10, 1e-3, 0.1, 0.5, 1.0, 1.5, 3.0, 9.5, 20.0, 50.0, 100.0, 1000.0, 1e4,
                1e5]
    rows, replaced = [], 0
    for a in a_values:
        xs = {a * f for f in (1e-3, 0.1, 0.5, 0.9, 0.99, 1.0, 1.01, 1.1, 2.0, 5.0)}
        xs |= {1e-300, 1e-10, 1e-3, 0.5, 1.0, 2.0, 10.0, 30.0, 100.0, 700.0}
        if a >= 100:
            s = math.sqrt(a)
            xs |= {a + k * s for k in (-20, -10, -5, -2, -1, 1, 2, 5, 10, 20) if a + k * s > 0}
        for x in sorted(xs):
            ma, mx = mpmath.mpf(a), mpmath.mpf(x)
            with mpmath.workdps(DEEP):
                mp_p, mp_q = mp_gamma_pq(ma, mx)
            p, r1 = checked(sp.gammainc(a, x), mp_p)
            q, r2 = checked(sp.gammaincc(a, x), mp_q)
            if p == 0.0 and q == 0.0:
                continue
            # keep only values a double holds as a normal number
            if (p != 0.0 and p < 1e-300) or (q != 0.0 and q < 1e-300):
                continue
            replaced += r1 + r2
            rows.append((a, x, p, q))
    write("gammainc.txt", ["a", "x", "P", "Q"], rows,
          "; mpmath at %d digits here; %d value(s) replaced by mpmath" % (DEEP, replaced))


def mp_betacf(a, b, x):
    """Continued fraction for I_x(a, b) (Abramowitz & Stegun 26.5.8) at 60 digits by the
    modified Lentz method; I_x = x^a (1-x)^b / (a B(a, b)) * cf."""
    tiny = mpmath.mpf(10) ** (-(mpmath.mp.dps + 300))
    eps = mpmath.mpf(10) ** (-(mpmath.mp.dps - 10))
    c = mpmath.mpf(1)
    d = 1 - (a + b) * x / (a + 1)
    d = 1 / (tiny if d == 0 else d)
    h = d
    m = 0
    while True:
        m += 1
        aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        d = 1 + aa * d
        d = 1 / (tiny if d == 0 else d)
        c = 1 + aa / c
        c = tiny if c == 0 else c
        h *= d * c
        aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1 + aa * d
        d = 1 / (tiny if d == 0 else d)
        c = 1 + aa / c
        c = tiny if c == 0 else c
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            return h


def mp_beta_ic(a, b, x):
    """I_x(a, b) and 1 - I_x(a, b): mpmath's betainc, or where that gives up, the continued
    fraction on the side where it converges fast (x < (a+1)/(a+b+2)) and symmetry."""
    try:
        return (mpmath.betainc(a, b, 0, x, regularized=True),
                mpmath.betainc(a, b, x, 1, regularized=True))
    except (ValueError, mpmath.libmp.libhyper.NoConvergence):
        pass
    front = mpmath.exp(a * mpmath.log(x) + b * mpmath.log1p(-x) - mpmath.log(mpmath.beta(a, b)))
    if x < (a + 1) / (a + b + 2):
        i = front * mp_betacf(a, b, x) / a
        return i, 1 - i
    c = front * mp_betacf(b, a, 1 - x) / b
    return 1 - c, c


def betainc_rows():
    pairs = [(0.5, 0.5), (1.0, 1.0), (2.0, 3.0), (0.1, 10.0), (10.0, 0.1), (1e-3, 1e-3),
             (1e-5, 2.0), (5.0, 5.0), (20.0, 40.0), (100.0, 1.5), (150.0, 150.0),
             (1e3, 1e3), (1e4, 5e3), (3.0, 1e5), (0.5, 1e6),
             # parameter ratios of 1e3 and beyond, on both sides (the large-parameter
             # expansion of SpecialIncompleteBeta.swift; I_x(1e5, 1) = x^1e5 is a closed form)
             (1e5, 1.0), (1e4, 3.0), (5.0, 2e4), (2e4, 0.25), (1.5, 3e7), (12.0, 5e4)]
    rows, replaced = [], 0
    for a, b in pairs:
        m = a / (a + b)
        xs = {1e-10, 1e-5, 1e-3, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-8}
        sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
        xs |= {m + k * sd for k in (-10, -4, -2, -1, -0.25, 0.0, 0.25, 1, 2, 4, 10)
               if 0 < m + k * sd < 1}
        for x in sorted(xs):
            ma, mb, mx = mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(x)
            with mpmath.workdps(DEEP):
                mp_i, mp_c = mp_beta_ic(ma, mb, mx)
            i, r1 = checked(sp.betainc(a, b, x), mp_i)
            c, r2 = checked(sp.betaincc(a, b, x), mp_c)
            if (i != 0.0 and i < 1e-300) or (c != 0.0 and c < 1e-300) or (i == 0 and c == 0):
                continue
            replaced += r1 + r2
            rows.append((a, b, x, i, c))
    write("betainc.txt", ["a", "b", "x", "I", "Ic"], rows,
          "; mpmath at %d digits here; %d value(s) replaced by mpmath" % (DEEP, replaced))


# ---------------------------------------------------------------- random generator

M64 = (1 << 64) - 1
M128 = (1 << 128) - 1
PCG_CHEAP_MULTIPLIER = 0xDA942042E4DD58B5


def splitmix64(state):
    """SplitMix64 (Steele, Lea, Flood 2014): returns (new_state, output)."""
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


class PCG64DXSM:
    """PCG64 with the DXSM output function and the 64-bit 'cheap multiplier' LCG step
    (O'Neill; the variant NumPy calls PCG64DXSM), seeded by SplitMix64 as documented in
    RandomGenerator.swift: four SplitMix64 outputs w0..w3 give the initial state
    (w0 << 64 | w1) and the increment (w2 << 64 | w3) | 1; the state is then set by the PCG
    'setseq' recipe: state = 0, step, state += initial, step."""

    def __init__(self, seed):
        s = seed & M64
        words = []
        for _ in range(4):
            s, w = splitmix64(s)
            words.append(w)
        self.inc = ((words[2] << 64) | words[3] | 1) & M128
        self.state = 0
        self.step()
        self.state = (self.state + ((words[0] << 64) | words[1])) & M128
        self.step()

    def step(self):
        self.state = (self.state * PCG_CHEAP_MULTIPLIER + self.inc) & M128

    def next64(self):
        hi = self.state >> 64
        lo = (self.state & M64) | 1
        hi ^= hi >> 32
        hi = (hi * PCG_CHEAP_MULTIPLIER) & M64
        hi ^= hi >> 48
        hi = (hi * lo) & M64
        self.step()
        return hi

    def uniform(self):
        return (self.next64() >> 11) * 2.0 ** -53

    def uniform_open(self):
        return ((self.next64() >> 11) + 0.5) * 2.0 ** -53

    def below(self, n):
        """Uniform integer in [0, n) by Lemire's multiply-and-reject (no modulo bias)."""
        m = self.next64() * n
        low = m & M64
        if low < n:
            t = ((1 << 64) - n) % n
            while low < t:
                m = self.next64() * n
                low = m & M64
        return m >> 64

    def normal_pair(self):
        """Marsaglia's polar method: (u, v) uniform on the square (-1, 1)^2, kept when
        0 < s = u^2 + v^2 < 1; returns (u f, v f) with f = sqrt(-2 log s / s)."""
        while True:
            u = 2.0 * self.uniform() - 1.0
            v = 2.0 * self.uniform() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                f = math.sqrt(-2.0 * math.log(s) / s)
                return u * f, v * f


def random_rows():
    lines = ["# columns: seed index next_uint64 (decimal) — PCG64-DXSM seeded by SplitMix64",
             "# source: independent pure-Python implementation in scripts/make_special_fixtures.py"]
    for seed in (0, 42, 2**64 - 1):
        g = PCG64DXSM(seed)
        for i in range(16):
            lines.append("%d %d %d" % (seed, i, g.next64()))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "pcg64dxsm.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    lines = ["# columns: seed index splitmix64_output (decimal), state starting at seed"]
    for seed in (0, 42):
        s = seed
        for i in range(8):
            s, w = splitmix64(s)
            lines.append("%d %d %d" % (seed, i, w))
    with open(os.path.join(OUT, "splitmix64.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    # uniform doubles, bounded integers and polar-method normals, interleaved on one stream
    lines = ["# columns: kind seed value — per seed one stream: 8 uniform, 8 below(10), "
             "8 below(2^63+5), 8 normals (polar method; math.log, so compare to ~1e-15)"]
    for seed in (0, 42):
        g = PCG64DXSM(seed)
        for _ in range(8):
            lines.append("uniform %d %s" % (seed, g17(g.uniform())))
        for _ in range(8):
            lines.append("below10 %d %d" % (seed, g.below(10)))
        for _ in range(8):
            lines.append("belowbig %d %d" % (seed, g.below(2**63 + 5)))
        for _ in range(4):
            a, b = g.normal_pair()
            lines.append("normal %d %s" % (seed, g17(a)))
            lines.append("normal %d %s" % (seed, g17(b)))
    with open(os.path.join(OUT, "random_streams.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote random fixtures")


def log_table_rows():
    """The (invc, logc) pairs of Sources/ThetaTensor/VectorMath+LogTable.swift: for each of the
    512 subintervals of [0.6875, 1.375) (bits(0.6875) + (i << 43) + m, 0 <= m < 2^43), invc is
    a Double near 1/centre for which -log(invc) lies as close as possible to a Double (Gal's
    accurate tables): the search walks outward from the rounded 1/centre, one ulp at a time,
    and stops at an error below 2^-9 ulp or after 20000 steps each way (keeping the best).
    Subintervals 319 and 320, next to 1, get (1, 0)."""
    import struct
    def b2d(b):
        return struct.unpack('<d', struct.pack('<Q', b))[0]
    def d2b(d):
        return struct.unpack('<Q', struct.pack('<d', d))[0]
    off = 0x3FE6000000000000
    rows = []
    with mpmath.workdps(40):
        for i in range(512):
            if i in (319, 320):
                rows.append((1.0, 0.0))
                continue
            zl, zh = b2d(off + (i << 43)), b2d(off + ((i + 1) << 43))
            centre = (mpmath.mpf(zl) + mpmath.mpf(zh)) / 2
            start = d2b(float(1 / centre))
            best = None
            for m in range(20000):
                for sgn in ((1, -1) if m else (1,)):
                    invc = b2d(start + sgn * m)
                    exact = -mpmath.log(mpmath.mpf(invc))
                    logc = float(exact)
                    err = abs(mpmath.mpf(logc) - exact) / math.ulp(logc)
                    if best is None or err < best[0]:
                        best = (err, invc, logc)
                    if err < 2 ** -9:
                        break
                if best[0] < 2 ** -9:
                    break
            rows.append((best[1], best[2]))
    return rows


def print_log_table():
    """Prints the entries of VectorMath+LogTable.swift (a few minutes)."""
    for i, (invc, logc) in enumerate(log_table_rows()):
        print("        %s, %s,   // %d" % (invc.hex(), logc.hex() if logc else "0.0", i))


def print_constants():
    """Prints the mathematical constants hard-coded in the Swift sources (not fixtures)."""
    with mpmath.workdps(50):
        x0 = mpmath.findroot(mpmath.digamma, 1.46)
        hi = float(x0)
        print("digamma root x0 =", x0, "hi =", repr(hi), "lo =", repr(float(x0 - hi)))
        print("psi Taylor c_n = (-1)^(n+1) zeta(n+1, x0), n = 1..13:")
        print(", ".join("%.17g" % float((-1) ** (n + 1) * mpmath.zeta(n + 1, x0))
                        for n in range(1, 14)))
        print("zeta(k) - 1, k = 2..31:")
        print(", ".join("%.17g" % float(mpmath.zeta(k) - 1) for k in range(2, 32)))


if __name__ == "__main__":
    import sys
    if "--log-table" in sys.argv:
        print_log_table()
        sys.exit(0)
    if "--constants" in sys.argv:
        print_constants()
        sys.exit(0)
    unary("lgamma", lgamma_points(), sp.gammaln, lambda m: mpmath.log(abs(mpmath.gamma(m))))
    unary("digamma", digamma_points(), sp.digamma, mpmath.digamma)
    unary("trigamma", trigamma_points(), lambda x: sp.polygamma(1, x),
          lambda m: mpmath.polygamma(1, m))
    lbeta_rows()
    erf_rows()
    erfinv_rows()
    logistic_rows()
    log1p_rows()
    gammainc_rows()
    betainc_rows()
    random_rows()
