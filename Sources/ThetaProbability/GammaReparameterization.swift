import Foundation
import ThetaAutodiff
import ThetaTensor

/// Gamma variates with implicit reparameterization gradients (Figurnov, Mohamed & Mnih,
/// "Implicit reparameterization gradients", 2018).
///
/// A draw `x ~ Gamma(α, 1)` is held fixed as a quantile: `P(α, x) = u` (the regularized lower
/// incomplete gamma function), so `dx/dα = −(∂P/∂α)/f(x; α)`. Samples are produced as
/// `log x` (no underflow for tiny `α`), whose derivative is
/// `d log x/dα = −(∂P/∂α) / (x·f(x; α))`, `x·f(x) = exp(α log x − x − log Γ(α))`.
///
/// `∂P/∂α` is computed as follows.
/// - `x < α` (and at most 10⁵ terms): the series `P = Σ_{n≥0} x^{α+n}e^{−x}/Γ(α+n+1)`
///   differentiated term by term. Divided by `x·f(x)` it becomes
///   `Σ r_n (log x − ψ(α+n+1))` with `r_0 = 1/α`, `r_n = r_{n−1}·x/(α+n)` and
///   `ψ(α+n+1) = ψ(α+n) + 1/(α+n)`; for `x < α` every term has the same sign, so nothing
///   cancels, and terms fall off geometrically.
/// - otherwise: `∂P/∂α = −Q·∂(log Q)/∂α`, with the derivative of `log Q` by central
///   differences of `Special.gammaQ` (step `10⁻⁴·α`; truncation error about 10⁻⁹ relative,
///   rounding about 10⁻¹⁰ given Q's 10⁻¹³ accuracy). `Q` is the small side there, so its
///   relative accuracy carries over.
enum GammaReparameterization {
    /// `d log x / dα` at a Gamma(α, 1) draw `x = e^{logx}`.
    static func dLogXdAlpha(alpha a: Double, logx: Double) -> Double {
        let x = Foundation.exp(logx)
        if x < a || x == 0 {
            var r = 1 / a
            var psi = Special.digamma(a) + 1 / a   // ψ(a + 1)
            var total = r * (logx - psi)
            var n = 1.0
            while n < 100_000 {
                r *= x / (a + n)
                psi += 1 / (a + n)
                let term = r * (logx - psi)
                total += term
                if Swift.abs(term) <= 1e-17 * Swift.abs(total) { break }
                n += 1
            }
            return -total
        }
        let h = 1e-4 * a
        let up = Foundation.log(Special.gammaQ(a + h, x))
        let down = Foundation.log(Special.gammaQ(a - h, x))
        let dLogQ = (up - down) / (2 * h)
        let logQ = Foundation.log(Special.gammaQ(a, x))
        let logXf = a * logx - x - Special.lgamma(a)
        return dLogQ * Foundation.exp(logQ - logXf)
    }

    /// `log G` for `G ~ Gamma(α, 1)` of shape `shape` (α broadcast to it), differentiable in
    /// `α` through the implicit derivative.
    static func logGamma(_ alpha: Variable, shape: [Int], family: String,
                         using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        let a = try expanded(alpha.value, shape, family)
        let n = a.count
        var values = [Double](repeating: 0, count: n)
        var slopes = [Double](repeating: 0, count: alpha.isTracked ? n : 0)
        for i in 0..<n {
            let lg = try tensor(family) { () throws(TensorError) in try rng.logGamma(shape: a[i]) }
            values[i] = lg
            if alpha.isTracked { slopes[i] = dLogXdAlpha(alpha: a[i], logx: lg) }
        }
        let value = Tensor(unchecked: shape, scalars: values)
        guard alpha.isTracked else { return alpha.tape.constant(value) }
        let d = Tensor(unchecked: shape, scalars: slopes)
        return try ad { () throws(AutodiffError) in try Variable.implicit(value: value, inputs: [(alpha, d)], on: alpha.tape) }
    }

    /// `∂P(a, x)/∂a` by central differences of log P or log Q (whichever is the smaller side),
    /// for CDF gradients with respect to a shape parameter.
    static func dPdA(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x > 0, x.isFinite else { return 0 }
        let h = 1e-4 * a
        let (p, q) = Special.incompleteGamma(a, x)
        if p < 0.5 {
            let d = (Foundation.log(Special.gammaP(a + h, x)) - Foundation.log(Special.gammaP(a - h, x))) / (2 * h)
            return p * d
        }
        let d = (Foundation.log(Special.gammaQ(a + h, x)) - Foundation.log(Special.gammaQ(a - h, x))) / (2 * h)
        return -q * d
    }
}
