import Foundation
import ThetaAutodiff
import ThetaTensor

/// `Dirichlet(alpha)` over the simplex in `R^K` (`K` the last axis of `alpha`): density
/// `Π x_k^{α_k − 1} / B(α)`, `B(α) = Π Γ(α_k)/Γ(Σα)`. Samples normalize implicitly
/// reparameterized gammas (`softmax` of their logarithms).
public struct Dirichlet: Distribution {
    public let alpha: Variable
    public let batchShape: [Int]
    public let eventShape: [Int]

    public init(alpha: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Dirichlet", [(name: "alpha", value: alpha, constraint: .positive, eventRank: 1)], validate: validate)
        guard let k = alpha.shape.last, k >= 1 else {
            throw ProbabilityError(.shapeMismatch, "Dirichlet: alpha needs a last axis of at least one category, got shape \(Tensor.describe(alpha.shape))")
        }
        eventShape = [k]
        self.alpha = alpha
    }

    public var family: String { "Dirichlet" }
    public var parameters: [(name: String, value: Variable)] { [("alpha", alpha)] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .simplex }
    public var tape: Tape { alpha.tape }

    /// `log B(α)` over the last axis.
    func logNormalizer() throws(AutodiffError) -> Variable {
        try alpha.lgamma().sum(axis: -1) - alpha.sum(axis: -1).lgamma()
    }

    /// `Σ (α_k − 1) log x_k − log B(α)` on the simplex (entries ≥ 0 summing to 1 within
    /// 1e-6), `-inf` elsewhere.
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        guard x.shape.last == eventShape[0] else {
            throw ProbabilityError(.shapeMismatch, "Dirichlet.logp: x must end in the event shape \(Tensor.describe(eventShape)), got shape \(Tensor.describe(x.shape))")
        }
        return try ad { () throws(AutodiffError) in
            let k = eventShape[0]
            let rows = x.value.count / Swift.max(k, 1)
            var ok = [Double](repeating: 1, count: rows)
            for r in 0..<rows {
                let row = Tensor(unchecked: [k], scalars: Array(x.value.scalars[(r * k)..<((r + 1) * k)]))
                if !Constraint.simplex.check(row) { ok[r] = 0 }
            }
            let eventShape = Array(x.shape.dropLast())
            let inside = Tensor(unchecked: eventShape, scalars: ok)
            let body = { (x: Variable) throws(AutodiffError) -> Variable in
                try (xlogy(alpha - 1, x)).sum(axis: -1) - logNormalizer()
            }
            if allOnes(inside) { return try body(x) }
            let insideRow = Tensor(unchecked: eventShape + [1], scalars: ok)
            let xs = try Variable.select(where: insideRow, x, tape.scalar(1 / Double(k)))
            return try Variable.select(where: inside, body(xs), tape.scalar(-.infinity))
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let lg = try GammaReparameterization.logGamma(alpha, shape: sampleShape + batchShape + eventShape, family: family, using: &rng)
        return try ad { () throws(AutodiffError) in try lg.softmax(axis: -1) }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (alpha / alpha.sum(axis: -1, keepDims: true)).expanded(to: batchShape + eventShape) }
    }
    /// `α_k(α₀ − α_k)/(α₀²(α₀ + 1))`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let a0 = try alpha.sum(axis: -1, keepDims: true)
            return try (alpha * (a0 - alpha) / (a0.square() * (a0 + 1))).expanded(to: batchShape + eventShape)
        }
    }
    /// `log B(α) + (α₀ − K)ψ(α₀) − Σ(α_k − 1)ψ(α_k)`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let a0 = try alpha.sum(axis: -1)
            let k = Double(eventShape[0])
            return try (logNormalizer() + (a0 - k) * a0.digamma() - ((alpha - 1) * alpha.digamma()).sum(axis: -1)).expanded(to: batchShape)
        }
    }
}
