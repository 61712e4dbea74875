import Foundation

// MARK: - Regularized incomplete gamma functions

extension Special {
    /// The regularized lower incomplete gamma function `P(a, x) = γ(a, x)/Γ(a)`, the CDF of a
    /// Gamma(a, 1) variable, for `a > 0`, `x ≥ 0` (`a = 0` gives 1 for `x > 0`). NaN otherwise.
    public static func gammaP(_ a: Double, _ x: Double) -> Double { incompleteGamma(a, x).p }

    /// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x)`,
    /// computed directly where it is small so the right tail keeps full relative precision.
    public static func gammaQ(_ a: Double, _ x: Double) -> Double { incompleteGamma(a, x).q }

    /// `(P(a, x), Q(a, x))`, each with full relative precision.
    ///
    /// Method (Numerical Recipes §6.2 split, with the refinements below):
    /// - `x < a + 1`: the series `P = xᵃe⁻ˣ/Γ(a+1) · Σ_{n≥0} xⁿ/((a+1)⋯(a+n))`, all terms
    ///   positive; `Q = 1 − P`, which cannot cancel badly there except for small `a`:
    /// - `a < ½`, `x < 1.5`: `Q = −expm1(a log x − log Γ(1+a)) + xᵃ/Γ(1+a) · T` with
    ///   `T = a Σ_{n≥1} (−1)^{n+1} xⁿ/((a+n) n!)` (term-wise integration of `e^{−t}`), with
    ///   `log Γ(1+a)` from its Taylor series, so `Q(1e-10, x)` keeps all its digits;
    /// - `x ≥ a + 1`: Legendre's continued fraction for `Q` (modified Lentz), `P = 1 − Q`.
    /// The prefactor `xᵃe⁻ˣ/Γ(a)` is formed without cancelling large terms: for `a ≥ 10` as
    /// `√(a/2π) · exp(a·log1pmx((x−a)/a) − se(a))` (Temme's form; `se` is Stirling's error),
    /// so its relative error stays near `|exponent|·ε` (below 2e-13 whenever the result is a
    /// normal double). Iterations grow like `√a`; checked against mpmath for `a ≤ 1e5`.
    public static func incompleteGamma(_ a: Double, _ x: Double) -> (p: Double, q: Double) {
        guard !a.isNaN, !x.isNaN, a >= 0, x >= 0 else { return (.nan, .nan) }
        if a == .infinity { return x == .infinity ? (.nan, .nan) : (0, 1) }
        if x == 0 { return a == 0 ? (.nan, .nan) : (0, 1) }
        if a == 0 { return (1, 0) }
        if x == .infinity { return (1, 0) }
        if x < a + 1 {
            let p = gammaSeriesP(a, x)
            if a < 0.5 && x < 1.5 { return (p, gammaSmallAQ(a, x)) }
            return (p, 1 - p)
        }
        let q = gammaContinuedFractionQ(a, x)
        return (1 - q, q)
    }

    /// `xᵃ e⁻ˣ / Γ(a)` for `a > 0`, `x > 0`.
    @usableFromInline
    static func gammaPowerTerm(_ a: Double, _ x: Double) -> Double {
        if a < 10 {
            return Foundation.exp(a * Foundation.log(x) - x - lgamma(a))
        }
        let t = (x - a) / a
        // a·(log(1 + t) − t), in whichever form avoids cancellation.
        let exponent = (t >= -0.5 && t <= 1) ? a * log1pmx(t) : a * Foundation.log(x / a) + (a - x)
        return (a / (2 * Double.pi)).squareRoot() * Foundation.exp(exponent - stirlingError(a))
    }

    /// The series for P (valid for all x, used for x < a + 1).
    @usableFromInline
    static func gammaSeriesP(_ a: Double, _ x: Double) -> Double {
        let front = gammaPowerTerm(a, x)
        if front == 0 { return 0 }
        var ap = a
        var term = 1 / a
        var sum = term
        let limit = 1000 + Int(Swift.min(20 * a.squareRoot(), 1e7))
        for _ in 0..<limit {
            ap += 1
            term *= x / ap
            sum += term
            if term < sum * 1e-17 { break }
        }
        return sum * front
    }

    /// Legendre's continued fraction for Q (x ≥ a + 1):
    /// `Q = xᵃe⁻ˣ/Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− ⋯)))`.
    @usableFromInline
    static func gammaContinuedFractionQ(_ a: Double, _ x: Double) -> Double {
        let front = gammaPowerTerm(a, x)
        if front == 0 { return 0 }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        let limit = 1000 + Int(Swift.min(20 * a.squareRoot(), 1e7))
        for i in 1...limit {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if d.magnitude < tiny { d = tiny }
            c = b + an / c
            if c.magnitude < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if (delta - 1).magnitude < 1e-16 { break }
        }
        return front * h
    }

    /// Q for small `a` (< ½) and `x < 1.5`, where `1 − P` would cancel.
    @usableFromInline
    static func gammaSmallAQ(_ a: Double, _ x: Double) -> Double {
        let e = a * Foundation.log(x) - lgamma1p(a)   // log(xᵃ/Γ(1+a))
        var term = 1.0       // (−1)^{n+1} xⁿ/n!
        var t = 0.0
        for n in 1..<60 {
            term *= (n == 1 ? x : -x / Double(n))
            let add = term / (a + Double(n))
            t += add
            if add.magnitude < 1e-17 * t.magnitude { break }
        }
        return -Foundation.expm1(e) + Foundation.exp(e) * a * t
    }

    /// `log Γ(1 + a)` with full relative precision for small `|a|`.
    ///
    /// For `|a| ≤ ½` Abramowitz & Stegun 6.1.41: `log Γ(1+a) = −log(1+a) + a(1−γ) +
    /// Σ_{k≥2} (−1)^k (ζ(k) − 1) aᵏ/k` (terms below `4⁻ᵏ/k`); otherwise `lgamma(1 + a)`.
    public static func lgamma1p(_ a: Double) -> Double {
        guard a.magnitude <= 0.5 else { return lgamma(1 + a) }
        var sum = 0.0
        for k in stride(from: zetaMinusOne.count - 1, through: 0, by: -1) {
            let n = Double(k + 2)
            sum = sum * -a + zetaMinusOne[k] / n
        }
        sum *= a * a
        return -Foundation.log1p(a) + a * (1 - eulerGamma) + sum
    }

    /// The Euler–Mascheroni constant γ.
    public static let eulerGamma = 0.57721566490153286061

    /// `ζ(k) − 1` for k = 2...31 (mpmath; `scripts/make_special_fixtures.py --constants`).
    @usableFromInline static let zetaMinusOne: [Double] = [
        0.64493406684822641, 0.20205690315959429, 0.082323233711138186, 0.036927755143369927,
        0.01734306198444914, 0.0083492773819228271, 0.0040773561979443396, 0.0020083928260822143,
        0.00099457512781808526, 0.00049418860411946453, 0.00024608655330804832,
        0.00012271334757848915, 6.1248135058704828e-05, 3.0588236307020493e-05,
        1.5282259408651871e-05, 7.6371976378997626e-06, 3.8172932649998402e-06,
        1.908212716553939e-06, 9.5396203387279621e-07, 4.7693298678780645e-07,
        2.38450502727733e-07, 1.1921992596531106e-07, 5.960818905125948e-08,
        2.9803503514652279e-08, 1.4901554828365043e-08, 7.4507117898354301e-09,
        3.7253340247884573e-09, 1.8626597235130491e-09, 9.3132743241966817e-10,
        4.6566290650337837e-10,
    ]
}
