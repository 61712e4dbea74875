import Foundation

// MARK: - Incomplete beta function for one parameter much larger than the other

extension Special {
    /// Whether `incompleteBeta` takes the large-parameter expansion: one parameter at least
    /// 1000 times the other (and at least 1000), the other at most 30. There the continued
    /// fraction cancels (losing up to 1e-9 relative at a ratio of 1e7), while the expansion's
    /// terms fall by a factor of about `small²/large²` each.
    @usableFromInline
    static func betaUsesLargeExpansion(_ a: Double, _ b: Double) -> Bool {
        let small = Swift.min(a, b), large = Swift.max(a, b)
        return small <= 30 && large >= 1000 * Swift.max(small, 1)
    }

    /// `(I_x(a, b), 1 − I_x(a, b))` for `b ≫ a` (see `betaUsesLargeExpansion`), with
    /// `y = 1 − x`; one of `x` and `y` is exact (the caller's argument, or its complement formed
    /// by Sterbenz's lemma).
    ///
    /// Derivation (the idea of DiDonato & Morris's BGRAT and of Temme's large-`b` expansion,
    /// written out here). Substituting `t = 1 − e^{−v}` in `B(x; a, b) = ∫₀ˣ t^{a−1}(1−t)^{b−1} dt`:
    ///
    ///     B(x; a, b) = ∫₀^w (1 − e^{−v})^{a−1} e^{−(b−1)v} e^{−v} dv,   w = −log(1 − x).
    ///
    /// Since `(1 − e^{−v})/v = e^{−v/2}·sinh(v/2)/(v/2)`, the integrand is
    /// `v^{a−1} e^{−Tv} f(v)` with `T = b + (a−1)/2` and `f(v) = exp((a−1)·φ(v))`,
    /// `φ(v) = log(sinh(v/2)/(v/2)) = Σ_{k≥1} B_{2k} v^{2k} / (2k·(2k)!)` (Bernoulli numbers;
    /// convergent for `|v| < 2π`). Expanding `f(v) = Σ_n d_n v^{2n}` and integrating term by term,
    ///
    ///     B(x; a, b) = Σ_n d_n Γ(a+2n) T^{−(a+2n)} P(a+2n, T·w),
    ///
    /// and with `Q` in place of `P` for the integral from `w` to `∞`; the two add up to
    /// `B(a, b)` (the part of the integral beyond `v = 2π`, where the series in `v` stops
    /// converging, is of relative size `e^{−2πT}`: nothing). So, with the weights
    /// `ω_n = d_n (a)_{2n} / T^{2n}` (`(a)_{2n}` the rising factorial, `ω_0 = 1`),
    ///
    ///     I_x(a, b) = Σ ω_n P(a+2n, Tw) / Σ ω_n,   1 − I_x(a, b) = Σ ω_n Q(a+2n, Tw) / Σ ω_n,
    ///
    /// each a sum of terms of one sign after the first few (no cancellation), computed from
    /// the regularized incomplete gamma functions, whose own tails are accurate. The `d_n`
    /// follow from `f = exp(g)`, `g = (a−1)φ = Σ γ_k z^k` in `z = v²`:
    /// `d_0 = 1`, `n·d_n = Σ_{k=1}^{n} k γ_k d_{n−k}`. The sum stops when a weight falls below
    /// 1e-17 of the total; with `T ≥ 1000` and `a ≤ 30` that takes a handful of terms.
    @usableFromInline
    static func betaLargeB(_ a: Double, _ b: Double, _ x: Double, _ y: Double) -> (i: Double, ic: Double) {
        let t = b + (a - 1) / 2
        // w = −log(1 − x) from whichever of x, y is exact.
        let w = y <= 0.5 ? -Foundation.log(y) : -Foundation.log1p(-x)
        let u = t * w
        let terms = bernoulliTerms.count
        var gammaK = [Double](repeating: 0, count: terms + 1)
        for k in 1...terms { gammaK[k] = (a - 1) * bernoulliTerms[k - 1] }
        var d = [Double](repeating: 0, count: terms + 1)
        d[0] = 1
        var weight = 1.0
        let first = incompleteGamma(a, u)
        var sumW = 1.0, sumP = first.p, sumQ = first.q
        for n in 1...terms {
            var s = 0.0
            for k in 1...n { s += Double(k) * gammaK[k] * d[n - k] }
            d[n] = s / Double(n)
            let m = Double(2 * n)
            weight *= (a + m - 2) * (a + m - 1) / (t * t)   // (a)_{2n} / T^{2n}
            let omega = d[n] * weight
            let g = incompleteGamma(a + m, u)
            sumW += omega
            sumP += omega * g.p
            sumQ += omega * g.q
            if Swift.abs(omega) <= 1e-17 * Swift.abs(sumW) { break }
        }
        return (sumP / sumW, sumQ / sumW)
    }

    /// `B_{2k} / (2k·(2k)!)` for `k = 1, …, 10`: the Taylor coefficients of
    /// `log(sinh(v/2)/(v/2))` in `v^{2k}` (exact rationals, rounded).
    @usableFromInline
    static let bernoulliTerms: [Double] = [
        1.0 / 24, -1.0 / 2880, 1.0 / 181_440, -1.0 / 9_676_800, 1.0 / 479_001_600,
        -691.0 / 15_692_092_416_000, 1.0 / 1_046_139_494_400, -3617.0 / 170_729_965_486_080_000,
        43867.0 / 91_963_695_909_076_992_000, -174_611.0 / 16_057_153_253_965_824_000_000,
    ]
}
