import Foundation
import ThetaAutodiff
import ThetaTensor

/// `Beta(alpha, beta)`: density `x^{α−1}(1 − x)^{β−1}/B(α, β)` on `[0, 1]`.
/// Samples are `σ(log G₁ − log G₂)` with `G₁ ~ Gamma(α)`, `G₂ ~ Gamma(β)`, both implicitly
/// reparameterized, so gradients flow to `α` and `β`.
public struct Beta: Distribution {
    public let alpha: Variable
    public let beta: Variable
    public let batchShape: [Int]

    public init(alpha: Variable, beta: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Beta", [("alpha", alpha, .positive), ("beta", beta, .positive)], validate: validate)
        self.alpha = alpha
        self.beta = beta
    }

    public var family: String { "Beta" }
    public var parameters: [(name: String, value: Variable)] { [("alpha", alpha), ("beta", beta)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .unit }
    public var tape: Tape { alpha.tape }

    /// `(α − 1) log x + (β − 1) log1p(−x) − log B(α, β)` inside (0, 1); at 0 and 1 the limits
    /// (`+inf`, `log β` / `log α`, or `-inf`), outside `-inf`.
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let lp = try restricted(x, inside: mask(x.value) { $0 > 0 && $0 < 1 }, safe: 0.5) { x throws(AutodiffError) in
                try (alpha - 1) * x.log() + (beta - 1) * x.negated().log1p() - Variable.lbeta(alpha, beta)
            }
            let edge = mask(x.value) { $0 == 0 || $0 == 1 }
            guard edge.scalars.contains(1) else { return lp }
            // code: 1 → +inf, −1 → −inf, 0 → log of the other parameter, 2 → interior.
            let limit = try tensor2 { () throws(TensorError) in
                let atZero = try Tensor.zip(x.value, alpha.value, op: "Beta") { x, a in x == 0 ? (a < 1 ? 1 : (a == 1 ? 0 : -1)) : 2 }
                let atOne = try Tensor.zip(x.value, beta.value, op: "Beta") { x, b in x == 1 ? (b < 1 ? 1 : (b == 1 ? 0 : -1)) : 2 }
                return try Tensor.zip(atZero, atOne, op: "Beta") { $0 == 2 ? $1 : $0 }
            }
            let logOther = try Variable.select(where: mask(x.value) { $0 == 0 }, beta.log(), alpha.log())
            let plusInf = tape.scalar(.infinity), minusInf = tape.scalar(-.infinity)
            let edgeValue = try Variable.select(where: mask(limit) { $0 == 1 }, plusInf,
                                                Variable.select(where: mask(limit) { $0 == -1 }, minusInf, logOther))
            return try Variable.select(where: edge, edgeValue, lp)
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let s = sampleShape + batchShape
        let g1 = try GammaReparameterization.logGamma(alpha, shape: s, family: family, using: &rng)
        let g2 = try GammaReparameterization.logGamma(beta, shape: s, family: family, using: &rng)
        return try ad { () throws(AutodiffError) in try (g1 - g2).sigmoid() }
    }

    /// `I_x(α, β)`: differentiable in `x` exactly, in `α` and `β` by central differences of
    /// `Special.betaI` (relative step 10⁻⁵; about 8 correct digits).
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        let xc = try ad { () throws(AutodiffError) in try x.clamp(min: 0, max: 1) }
        let outShape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        let a = try expanded(alpha.value, outShape, family), b = try expanded(beta.value, outShape, family)
        let xv = try expanded(xc.value, outShape, family)
        let n = a.count
        var p = [Double](repeating: 0, count: n), dx = p, da = p, db = p
        let tracked = alpha.isTracked || beta.isTracked
        for i in 0..<n {
            p[i] = Special.betaI(a[i], b[i], xv[i])
            if xv[i] > 0 && xv[i] < 1 {
                dx[i] = Foundation.exp((a[i] - 1) * Foundation.log(xv[i]) + (b[i] - 1) * Foundation.log1p(-xv[i]) - Special.lbeta(a[i], b[i]))
                if tracked {
                    let ha = 1e-5 * a[i], hb = 1e-5 * b[i]
                    da[i] = (Special.betaI(a[i] + ha, b[i], xv[i]) - Special.betaI(a[i] - ha, b[i], xv[i])) / (2 * ha)
                    db[i] = (Special.betaI(a[i], b[i] + hb, xv[i]) - Special.betaI(a[i], b[i] - hb, xv[i])) / (2 * hb)
                }
            }
        }
        let value = Tensor(unchecked: outShape, scalars: p)
        return try ad { () throws(AutodiffError) in
            try Variable.implicit(value: value, inputs: [(xc, Tensor(unchecked: outShape, scalars: dx)),
                                                         (alpha, Tensor(unchecked: outShape, scalars: da)),
                                                         (beta, Tensor(unchecked: outShape, scalars: db))], on: tape)
        }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (alpha / (alpha + beta)).expanded(to: batchShape) }
    }
    /// `αβ/((α + β)²(α + β + 1))`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let t = try alpha + beta
            return try (alpha * beta / (t.square() * (t + 1))).expanded(to: batchShape)
        }
    }
    /// `log B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β)`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let t = try alpha + beta
            return try (Variable.lbeta(alpha, beta) - (alpha - 1) * alpha.digamma() - (beta - 1) * beta.digamma()
                        + (t - 2) * t.digamma()).expanded(to: batchShape)
        }
    }
}
