import Foundation
import ThetaAutodiff
import ThetaTensor

/// `Gamma(shape, rate)`: density `λ^α x^{α−1} e^{−λx}/Γ(α)` on `x > 0`.
/// Samples are reparameterized implicitly (see `GammaReparameterization`).
public struct Gamma: Distribution {
    public let shape: Variable
    public let rate: Variable
    public let batchShape: [Int]

    public init(shape: Variable, rate: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Gamma", [("shape", shape, .positive), ("rate", rate, .positive)], validate: validate)
        self.shape = shape
        self.rate = rate
    }

    public var family: String { "Gamma" }
    public var parameters: [(name: String, value: Variable)] { [("shape", shape), ("rate", rate)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .positive }
    public var tape: Tape { shape.tape }

    /// `α log λ + (α − 1) log x − λx − log Γ(α)`; at `x = 0` the limit (`+inf` for α < 1,
    /// `log λ` for α = 1, `-inf` for α > 1).
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let lp = try restricted(x, inside: mask(x.value) { $0 > 0 }, safe: 1) { x throws(AutodiffError) in
                try shape * rate.log() + (shape - 1) * x.log() - rate * x - shape.lgamma()
            }
            let atZero = mask(x.value) { $0 == 0 }
            guard atZero.scalars.contains(1) else { return lp }
            let limit = try tensor2 { () throws(TensorError) in
                try Tensor.zip(shape.value, rate.value, op: "Gamma") { a, r in a < 1 ? .infinity : (a == 1 ? Foundation.log(r) : -.infinity) }
            }
            return try Variable.select(where: atZero, tape.constant(limit), lp)
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let lg = try GammaReparameterization.logGamma(shape, shape: sampleShape + batchShape, family: family, using: &rng)
        return try ad { () throws(AutodiffError) in try lg.exp() / rate }
    }

    /// `P(α, λx)`; differentiable in `x` and `λ` exactly, in `α` by central differences.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        let y = try ad { () throws(AutodiffError) in try (rate * x).clamp(min: 0) }
        let outShape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        let a = try expanded(shape.value, outShape, family), yv = try expanded(y.value, outShape, family)
        var p = [Double](repeating: 0, count: a.count), dp = p, da = p
        for i in 0..<a.count {
            p[i] = Special.gammaP(a[i], yv[i])
            // ∂P/∂y = y^{α−1}e^{−y}/Γ(α)
            dp[i] = yv[i] > 0 ? Foundation.exp((a[i] - 1) * Foundation.log(yv[i]) - yv[i] - Special.lgamma(a[i])) : 0
            if shape.isTracked { da[i] = GammaReparameterization.dPdA(a[i], yv[i]) }
        }
        let value = Tensor(unchecked: outShape, scalars: p)
        return try ad { () throws(AutodiffError) in
            try Variable.implicit(value: value, inputs: [(y, Tensor(unchecked: outShape, scalars: dp)),
                                                         (shape, Tensor(unchecked: outShape, scalars: shape.isTracked ? da : p.map { _ in 0 }))],
                                  on: tape)
        }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (shape / rate).expanded(to: batchShape) }
    }
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (shape / rate.square()).expanded(to: batchShape) }
    }
    /// `α − log λ + log Γ(α) + (1 − α)ψ(α)`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            try (shape - rate.log() + shape.lgamma() + (1 - shape) * shape.digamma()).expanded(to: batchShape)
        }
    }
}
