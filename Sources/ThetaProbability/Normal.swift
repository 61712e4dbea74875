import Foundation
import ThetaAutodiff
import ThetaTensor

/// `Normal(mu, sigma)`: density `exp(−z²/2)/(σ√2π)`, `z = (x − μ)/σ`.
public struct Normal: LocationScaleFamily {
    public let mu: Variable
    public let sigma: Variable
    public let batchShape: [Int]
    static let familyName = "Normal", scaleName = "sigma"
    var scale: Variable { sigma }

    /// - Throws: `sigma` not positive, `mu` NaN, shapes that do not broadcast.
    public init(mu: Variable, sigma: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Self.prepare(mu, sigma, validate: validate)
        self.mu = mu
        self.sigma = sigma
    }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try logDensity(x) }
    }

    /// `−z²/2 − log √2π − log σ` as a tape operation, one fused node for a batch of points
    /// against a row of parameters (LogNormal uses it on `log x`).
    func logDensity(_ x: Variable) throws(AutodiffError) -> Variable {
        try Variable.normalLogDensity(x, mu: mu, sigma: sigma)
    }

    /// `μ + σ·ε`, `ε ~ N(0, 1)`.
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let eps = try tensor(family) { () throws(TensorError) in try Tensor.randn(shape: sampleShape + batchShape, using: &rng) }
        return try located(eps)
    }

    /// `½ erfc(−z/√2)`, accurate in the left tail.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try cumulative(x) }
    }

    /// `½ erfc(−z/√2)` as a tape operation (LogNormal uses it on `log x`).
    func cumulative(_ x: Variable) throws(AutodiffError) -> Variable {
        try (standardized(x) * (-1 / Constants.sqrt2)).erfc() * 0.5
    }

    public func mean() throws(ProbabilityError) -> Variable { try locationMean() }
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try sigma.square().expanded(to: batchShape) }
    }
    public func stddev() throws(ProbabilityError) -> Variable { try ad { () throws(AutodiffError) in try sigma.expanded(to: batchShape) } }
    /// `½ + ½ log 2π + log σ`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (sigma.log() + (0.5 + Constants.logSqrt2Pi)).expanded(to: batchShape) }
    }
}

/// `LogNormal(mu, sigma)`: `log X ~ Normal(mu, sigma)`.
public struct LogNormal: LocationScaleFamily {
    public let mu: Variable
    public let sigma: Variable
    public let batchShape: [Int]
    static let familyName = "LogNormal", scaleName = "sigma"
    var scale: Variable { sigma }

    public init(mu: Variable, sigma: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Self.prepare(mu, sigma, validate: validate)
        self.mu = mu
        self.sigma = sigma
    }

    public var support: Constraint { .positive }
    var base: Normal { Normal(unchecked: mu, sigma, batchShape) }

    /// `Normal.logp(log x) − log x` for `x > 0`.
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            try restricted(x, inside: mask(x.value) { $0 > 0 }, safe: 1) { x throws(AutodiffError) in
                let y = try x.log()
                return try base.logDensity(y) - y
            }
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        let n = try base.sample(sampleShape, using: &rng)
        return try ad { () throws(AutodiffError) in try n.exp() }
    }

    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            // log x at x ≤ 0 is −inf or NaN: substitute a tiny positive value (cdf 0 there).
            let inside = mask(x.value) { $0 > 0 }
            let xs = allOnes(inside) ? x : try Variable.select(where: inside, x, tape.scalar(.leastNonzeroMagnitude))
            let c = try base.cumulative(xs.log())
            return allOnes(inside) ? c : try Variable.select(where: inside, c, tape.scalar(0))
        }
    }

    /// `exp(μ + σ²/2)`.
    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (sigma.square() * 0.5 + mu).exp().expanded(to: batchShape) }
    }
    /// `expm1(σ²)·exp(2μ + σ²)`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let s2 = try sigma.square()
            return try (s2.expm1() * (mu * 2 + s2).exp()).expanded(to: batchShape)
        }
    }
    /// `μ + ½ + ½ log 2π + log σ`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (sigma.log() + mu + (0.5 + Constants.logSqrt2Pi)).expanded(to: batchShape) }
    }
}

extension Normal {
    /// A normal whose parameters were checked by another family.
    init(unchecked mu: Variable, _ sigma: Variable, _ batchShape: [Int]) {
        self.mu = mu
        self.sigma = sigma
        self.batchShape = batchShape
    }
}
