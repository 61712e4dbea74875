import Foundation
import ThetaAutodiff
import ThetaTensor

/// Location–scale families with closed-form densities: Laplace, Cauchy, Logistic.

/// Draws a standard variate per entry of `sampleShape + batchShape` and returns
/// `loc + scale·ε` (reparameterized).
func locationScaleSample(_ family: String, _ loc: Variable, _ scale: Variable, _ sampleShape: [Int],
                         _ batchShape: [Int], _ rng: inout RandomGenerator,
                         _ draw: (inout RandomGenerator) -> Double) throws(ProbabilityError) -> Variable {
    try Shapes.checkSample(family, sampleShape)
    let eps = rng.fill(sampleShape + batchShape, draw)
    return try ad { () throws(AutodiffError) in try loc.tape.constant(eps) * scale + loc }
}

/// `Laplace(mu, b)`: density `exp(−|x − μ|/b)/(2b)`.
public struct Laplace: Distribution {
    public let mu: Variable
    public let b: Variable
    public let batchShape: [Int]

    public init(mu: Variable, b: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Laplace", [("mu", mu, .real), ("b", b, .positive)], validate: validate)
        self.mu = mu
        self.b = b
    }

    public var family: String { "Laplace" }
    public var parameters: [(name: String, value: Variable)] { [("mu", mu), ("b", b)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .real }
    public var tape: Tape { mu.tape }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((x - mu).abs() / b).negated() - (b * 2).log() }
    }

    /// Inversion: `ε = −sign(u)·log1p(−2|u|)`, `u` uniform on (−½, ½).
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try locationScaleSample(family, mu, b, sampleShape, batchShape, &rng) { r in
            let u = r.uniformOpen() - 0.5
            return u < 0 ? Foundation.log1p(2 * u) : -Foundation.log1p(-2 * u)
        }
    }

    /// `½e^z` for `z < 0`, `1 − ½e^{−z}` otherwise (`z = (x − μ)/b`).
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let z = try (x - mu) / b
            let left = mask(z.value) { $0 < 0 }
            let zero = tape.scalar(0)
            let zl = try Variable.select(where: left, z, zero), zr = try Variable.select(where: left, zero, z)
            return try Variable.select(where: left, zl.exp() * 0.5, 1 - zr.negated().exp() * 0.5)
        }
    }

    public func mean() throws(ProbabilityError) -> Variable { try ad { () throws(AutodiffError) in try mu.expanded(to: batchShape) } }
    /// `2b²`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (b.square() * 2).expanded(to: batchShape) }
    }
    /// `1 + log 2b`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (b.log() + (1 + Constants.log2)).expanded(to: batchShape) }
    }
}

/// `Cauchy(mu, gamma)`: density `1/(πγ(1 + z²))`. Its mean and variance are undefined.
public struct Cauchy: Distribution {
    public let mu: Variable
    public let gamma: Variable
    public let batchShape: [Int]

    public init(mu: Variable, gamma: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Cauchy", [("mu", mu, .real), ("gamma", gamma, .positive)], validate: validate)
        self.mu = mu
        self.gamma = gamma
    }

    public var family: String { "Cauchy" }
    public var parameters: [(name: String, value: Variable)] { [("mu", mu), ("gamma", gamma)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .real }
    public var tape: Tape { mu.tape }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let z = try (x - mu) / gamma
            return try z.square().log1p().negated() - gamma.log() - Constants.logPi
        }
    }

    /// `ε = tan(π(u − ½))`.
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try locationScaleSample(family, mu, gamma, sampleShape, batchShape, &rng) { r in
            Foundation.tan(Double.pi * (r.uniformOpen() - 0.5))
        }
    }

    /// `½ + atan(z)/π`, as `atan(−1/z)/π` for `z < 0` so the left tail keeps precision.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let z = try (x - mu) / gamma
            let left = mask(z.value) { $0 < 0 }
            let zl = try Variable.select(where: left, z, tape.scalar(-1))
            let l = try (-1 / zl).atan() * (1 / Double.pi)
            let r = try z.atan() * (1 / Double.pi) + 0.5
            return try Variable.select(where: left, l, r)
        }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        throw ProbabilityError(.notAvailable, "Cauchy has no mean (it is undefined)")
    }
    public func variance() throws(ProbabilityError) -> Variable {
        throw ProbabilityError(.notAvailable, "Cauchy has no variance (it is undefined)")
    }
    /// `log 4πγ`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (gamma.log() + Foundation.log(4 * Double.pi)).expanded(to: batchShape) }
    }
}

/// `Logistic(mu, s)`: density `e^{−z}/(s(1 + e^{−z})²)`, cdf `σ(z)`.
public struct Logistic: Distribution {
    public let mu: Variable
    public let s: Variable
    public let batchShape: [Int]

    public init(mu: Variable, s: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Logistic", [("mu", mu, .real), ("s", s, .positive)], validate: validate)
        self.mu = mu
        self.s = s
    }

    public var family: String { "Logistic" }
    public var parameters: [(name: String, value: Variable)] { [("mu", mu), ("s", s)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .real }
    public var tape: Tape { mu.tape }

    /// `−|z| − 2 softplus(−|z|) − log s` (symmetric form, exact in both tails).
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let a = try ((x - mu) / s).abs()
            return try a.negated() - a.negated().softplus() * 2 - s.log()
        }
    }

    /// `ε = logit(u)`.
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try locationScaleSample(family, mu, s, sampleShape, batchShape, &rng) { r in
            let u = r.uniformOpen()
            return Foundation.log(u) - Foundation.log1p(-u)
        }
    }

    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((x - mu) / s).sigmoid() }
    }

    public func mean() throws(ProbabilityError) -> Variable { try ad { () throws(AutodiffError) in try mu.expanded(to: batchShape) } }
    /// `s²π²/3`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (s.square() * (Double.pi * Double.pi / 3)).expanded(to: batchShape) }
    }
    /// `log s + 2`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (s.log() + 2).expanded(to: batchShape) }
    }
}
