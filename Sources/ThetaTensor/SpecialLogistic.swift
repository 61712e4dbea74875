import Foundation

// MARK: - log1p, expm1 and the logistic family

extension Special {
    /// `log(1 + x)`, accurate for tiny `x` (C library `log1p`, about one ulp).
    @inlinable
    public static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }

    /// `eˣ − 1`, accurate for tiny `x` (C library `expm1`, about one ulp).
    @inlinable
    public static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }

    /// `softplus(x) = log(1 + eˣ)`.
    ///
    /// `x > 0`: `x + log1p(e^{−x})` (no overflow; equals `x` once `e^{−x}` is below half an ulp
    /// of `x`). `x ≤ 0`: `log1p(eˣ)`, which is `eˣ` to full relative precision in the far left
    /// tail (for `x < −37`, `log1p(t) = t` in double) and underflows only with `eˣ` itself.
    /// Agrees with `UnaryFunction.softplus`.
    @inlinable
    public static func softplus(_ x: Double) -> Double {
        if x > 0 { return x + Foundation.log1p(Foundation.exp(-x)) }
        return Foundation.log1p(Foundation.exp(x))
    }

    /// The logistic function `σ(x) = 1/(1 + e^{−x})`: `VectorMath.sigmoid`, the same value as
    /// `UnaryFunction.sigmoid` and the tensor kernel. Neither side overflows and the left tail
    /// keeps full relative precision (`σ(−700) ≈ e^{−700}`); within 2.5 ulp everywhere.
    @inlinable
    public static func sigmoid(_ x: Double) -> Double { VectorMath.sigmoid(x) }

    /// `log σ(x) = −softplus(−x)`: `x` itself far to the left (`log σ(−800) = −800`), and
    /// `−e^{−x}` to full relative precision far to the right.
    @inlinable
    public static func logSigmoid(_ x: Double) -> Double { -softplus(-x) }

    /// The logit, inverse of the logistic function: `log(p/(1 − p))` for `0 ≤ p ≤ 1`, written
    /// as `log p − log1p(−p)` so that `p` near 0 or 1 keeps precision.
    @inlinable
    public static func logit(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        return Foundation.log(p) - Foundation.log1p(-p)
    }
}
