import Foundation
import ThetaAutodiff
import ThetaTensor

/// `Normal(mu, sigma)`: density `exp(−z²/2)/(σ√2π)`, `z = (x − μ)/σ`.
public struct Normal: Distribution {
    public let mu: Variable
    public let sigma: Variable
    public let batchShape: [Int]

    /// - Throws: `sigma` not positive, `mu` NaN, shapes that do not broadcast.
    public init(mu: Variable, sigma: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Normal", [("mu", mu, .real), ("sigma", sigma, .positive)], validate: validate)
        self.mu = mu
        self.sigma = sigma
    }

    public var family: String { "Normal" }
    public var parameters: [(name: String, value: Variable)] { [("mu", mu), ("sigma", sigma)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .real }
    public var tape: Tape { mu.tape }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let z = try (x - mu) / sigma
            return try z.square().affine(scale: -0.5, shift: -Constants.logSqrt2Pi) - sigma.log()
        }
    }

    /// `μ + σ·ε`, `ε ~ N(0, 1)`.
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let eps = try tensor(family) { () throws(TensorError) in try Tensor.randn(shape: sampleShape + batchShape, using: &rng) }
        return try ad { () throws(AutodiffError) in try tape.constant(eps) * sigma + mu }
    }

    /// `½ erfc(−z/√2)`, accurate in the left tail.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((x - mu) / sigma * (-1 / Constants.sqrt2)).erfc() * 0.5 }
    }

    public func mean() throws(ProbabilityError) -> Variable { try ad { () throws(AutodiffError) in try mu.expanded(to: batchShape) } }
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
public struct LogNormal: Distribution {
    public let mu: Variable
    public let sigma: Variable
    public let batchShape: [Int]

    public init(mu: Variable, sigma: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("LogNormal", [("mu", mu, .real), ("sigma", sigma, .positive)], validate: validate)
        self.mu = mu
        self.sigma = sigma
    }

    public var family: String { "LogNormal" }
    public var parameters: [(name: String, value: Variable)] { [("mu", mu), ("sigma", sigma)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .positive }
    public var tape: Tape { mu.tape }
    var base: Normal { Normal(unchecked: mu, sigma, batchShape) }

    /// `Normal.logp(log x) − log x` for `x > 0`.
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            try restricted(x, inside: mask(x.value) { $0 > 0 }, safe: 1) { x throws(AutodiffError) in
                let y = try x.log()
                let z = try (y - mu) / sigma
                return try z.square().affine(scale: -0.5, shift: -Constants.logSqrt2Pi) - sigma.log() - y
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
            let c = try ((xs.log() - mu) / sigma * (-1 / Constants.sqrt2)).erfc() * 0.5
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
