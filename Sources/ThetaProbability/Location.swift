import Foundation
import ThetaAutodiff
import ThetaTensor

/// Location–scale families with closed-form densities: Laplace, Cauchy, Logistic.

/// `Laplace(mu, b)`: density `exp(−|x − μ|/b)/(2b)`.
public struct Laplace: LocationScaleFamily {
    public let mu: Variable
    public let b: Variable
    public let batchShape: [Int]
    static let familyName = "Laplace", scaleName = "b"
    var scale: Variable { b }

    public init(mu: Variable, b: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Self.prepare(mu, b, validate: validate)
        self.mu = mu
        self.b = b
    }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((x - mu).abs() / b).negated() - (b * 2).log() }
    }

    /// Inversion: `ε = −sign(u)·log1p(−2|u|)`, `u` uniform on (−½, ½).
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try locationScaleSample(sampleShape, &rng) { r in
            let u = r.uniformOpen() - 0.5
            return u < 0 ? Foundation.log1p(2 * u) : -Foundation.log1p(-2 * u)
        }
    }

    /// `½e^z` for `z < 0`, `1 − ½e^{−z}` otherwise (`z = (x − μ)/b`).
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let z = try standardized(x)
            let left = mask(z.value) { $0 < 0 }
            let zero = tape.scalar(0)
            let zl = try Variable.select(where: left, z, zero), zr = try Variable.select(where: left, zero, z)
            return try Variable.select(where: left, zl.exp() * 0.5, 1 - zr.negated().exp() * 0.5)
        }
    }

    public func mean() throws(ProbabilityError) -> Variable { try locationMean() }
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
public struct Cauchy: LocationScaleFamily {
    public let mu: Variable
    public let gamma: Variable
    public let batchShape: [Int]
    static let familyName = "Cauchy", scaleName = "gamma"
    var scale: Variable { gamma }

    public init(mu: Variable, gamma: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Self.prepare(mu, gamma, validate: validate)
        self.mu = mu
        self.gamma = gamma
    }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let z = try standardized(x)
            return try z.square().log1p().negated() - gamma.log() - Constants.logPi
        }
    }

    /// `ε = tan(π(u − ½))`.
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try locationScaleSample(sampleShape, &rng) { r in
            Foundation.tan(Double.pi * (r.uniformOpen() - 0.5))
        }
    }

    /// `½ + atan(z)/π`, as `atan(−1/z)/π` for `z < 0` so the left tail keeps precision.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let z = try standardized(x)
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
public struct Logistic: LocationScaleFamily {
    public let mu: Variable
    public let s: Variable
    public let batchShape: [Int]
    static let familyName = "Logistic", scaleName = "s"
    var scale: Variable { s }

    public init(mu: Variable, s: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Self.prepare(mu, s, validate: validate)
        self.mu = mu
        self.s = s
    }

    /// `−|z| − 2 softplus(−|z|) − log s` (symmetric form, exact in both tails).
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let a = try standardized(x).abs()
            return try a.negated() - a.negated().softplus() * 2 - s.log()
        }
    }

    /// `ε = logit(u)`.
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try locationScaleSample(sampleShape, &rng) { r in
            let u = r.uniformOpen()
            return Foundation.log(u) - Foundation.log1p(-u)
        }
    }

    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try standardized(x).sigmoid() }
    }

    public func mean() throws(ProbabilityError) -> Variable { try locationMean() }
    /// `s²π²/3`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (s.square() * (Double.pi * Double.pi / 3)).expanded(to: batchShape) }
    }
    /// `log s + 2`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (s.log() + 2).expanded(to: batchShape) }
    }
}
