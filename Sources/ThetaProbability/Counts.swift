import Foundation
import ThetaAutodiff
import ThetaTensor

/// Count families: Binomial, Poisson, Geometric. Their CDFs are step functions of `x`
/// (no gradient in `x`) with exact gradients in the probability or rate.

/// Whether `v` is a non-negative integer.
@inline(__always) func isCount(_ v: Double) -> Bool { v >= 0 && v.isFinite && v == v.rounded() }

/// `Binomial(n, p)`: `P(k) = C(n, k) p^k (1 − p)^{n−k}` on `0 … n`.
public struct Binomial: Distribution {
    public let n: Variable
    public let p: Variable
    public let batchShape: [Int]

    public init(n: Variable, p: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Binomial", [("n", n, .nonnegativeInteger), ("p", p, .unit)], validate: validate)
        self.n = n
        self.p = p
    }

    public var family: String { "Binomial" }
    public var parameters: [(name: String, value: Variable)] { [("n", n), ("p", p)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { false }
    public var isDiscrete: Bool { true }
    public var support: Constraint {
        if let c = n.value.scalarValue { return .integerInterval(0, Int(c)) }
        return .dependent("integers 0...n")
    }
    public var tape: Tape { n.tape }

    /// `−log(n + 1) − log B(n − k + 1, k + 1) + k log p + (n − k) log1p(−p)`, with `0·log 0 = 0`
    /// at `k = 0` and `k = n`.
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        let shape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        return try ad { () throws(AutodiffError) in
            let inside = try tensor2 { () throws(TensorError) in
                try Tensor.zip(x.value, n.value, op: "Binomial") { k, c in isCount(k) && k <= c ? 1 : 0 }.broadcast(to: shape)
            }
            return try restricted(x, inside: inside, safe: 0) { k throws(AutodiffError) in
                let rest = try n - k
                let logChoose = try (n + 1).log().negated() - Variable.lbeta(rest + 1, k + 1)
                let q = try weightedLog1pNeg(rest, p)
                return try (logChoose + xlogy(k, p) + q).expanded(to: shape)
            }
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let s = sampleShape + batchShape
        let c = try expanded(n.value, s, family), q = try expanded(p.value, s, family)
        var out = [Double](repeating: 0, count: c.count)
        for i in 0..<c.count {
            out[i] = Double(try tensor(family) { () throws(TensorError) in try rng.binomial(count: Int(c[i]), probability: q[i]) })
        }
        return tape.constant(Tensor(unchecked: s, scalars: out))
    }

    /// `P(X ≤ ⌊x⌋) = 1 − I_p(k + 1, n − k)` (the complement computed directly);
    /// `∂/∂p = −n·C(n−1, k) p^k (1 − p)^{n−1−k}`.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        let shape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        let xs = try expanded(x.value, shape, family), c = try expanded(n.value, shape, family)
        let q = try expanded(p.value, shape, family)
        var value = [Double](repeating: 0, count: xs.count), slope = value
        for i in 0..<xs.count {
            let k = xs[i].rounded(.down)
            if k < 0 { value[i] = 0; continue }
            if k >= c[i] { value[i] = 1; continue }
            value[i] = Special.betaIc(k + 1, c[i] - k, q[i])
            let logTerm = -Foundation.log(c[i]) - Special.lbeta(c[i] - k, k + 1)
                + (k > 0 ? k * Foundation.log(q[i]) : 0) + (c[i] - 1 - k > 0 ? (c[i] - 1 - k) * Foundation.log1p(-q[i]) : 0)
            slope[i] = -c[i] * Foundation.exp(logTerm)
        }
        let v = Tensor(unchecked: shape, scalars: value), d = Tensor(unchecked: shape, scalars: slope)
        return try ad { () throws(AutodiffError) in try Variable.implicit(value: v, inputs: [(p, d)], on: tape) }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (n * p).expanded(to: batchShape) }
    }
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (n * p * (1 - p)).expanded(to: batchShape) }
    }
}

/// `w·log1p(−p)` with `0·(−inf) = 0` where `w = 0` (and `p = 1` safe there).
func weightedLog1pNeg(_ w: Variable, _ p: Variable) throws(AutodiffError) -> Variable {
    let zero = mask(w.value) { $0 == 0 }
    if !zero.scalars.contains(1) { return try w * p.negated().log1p() }
    let t = w.tape
    let ps = try Variable.select(where: zero, t.scalar(0), p)
    return try Variable.select(where: zero, t.scalar(0), w * ps.negated().log1p())
}

/// `Poisson(rate)`: `P(k) = λ^k e^{−λ}/k!` on `0, 1, 2, …`.
public struct Poisson: Distribution {
    public let rate: Variable
    public let batchShape: [Int]

    public init(rate: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Poisson", [("rate", rate, .nonnegative)], validate: validate)
        self.rate = rate
    }

    public var family: String { "Poisson" }
    public var parameters: [(name: String, value: Variable)] { [("rate", rate)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { false }
    public var isDiscrete: Bool { true }
    public var support: Constraint { .nonnegativeInteger }
    public var tape: Tape { rate.tape }

    /// `k log λ − λ − log k!` (`0·log 0 = 0` at `λ = 0`).
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            try restricted(x, inside: mask(x.value, isCount), safe: 0) { k throws(AutodiffError) in
                try xlogy(k, rate) - rate - (k + 1).lgamma()
            }
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let s = sampleShape + batchShape
        let r = try expanded(rate.value, s, family)
        var out = [Double](repeating: 0, count: r.count)
        for i in 0..<r.count {
            out[i] = r[i] == 0 ? 0 : Double(try tensor(family) { () throws(TensorError) in try rng.poisson(rate: r[i]) })
        }
        return tape.constant(Tensor(unchecked: s, scalars: out))
    }

    /// `Q(⌊x⌋ + 1, λ)`; `∂/∂λ = −P(X = ⌊x⌋)`.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        let shape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        let xs = try expanded(x.value, shape, family), r = try expanded(rate.value, shape, family)
        var value = [Double](repeating: 0, count: xs.count), slope = value
        for i in 0..<xs.count {
            let k = xs[i].rounded(.down)
            if k < 0 { continue }
            if r[i] == 0 { value[i] = 1; continue }
            value[i] = Special.gammaQ(k + 1, r[i])
            slope[i] = -Foundation.exp(k * Foundation.log(r[i]) - r[i] - Special.lgamma(k + 1))
        }
        let v = Tensor(unchecked: shape, scalars: value), d = Tensor(unchecked: shape, scalars: slope)
        return try ad { () throws(AutodiffError) in try Variable.implicit(value: v, inputs: [(rate, d)], on: tape) }
    }

    public func mean() throws(ProbabilityError) -> Variable { try ad { () throws(AutodiffError) in try rate.expanded(to: batchShape) } }
    public func variance() throws(ProbabilityError) -> Variable { try mean() }
}

/// `Geometric(p)`: the number of failures before the first success,
/// `P(k) = (1 − p)^k p` on `0, 1, 2, …` (as torch; SciPy's `geom` counts trials, `k + 1`).
public struct Geometric: Distribution {
    public let p: Variable
    public let batchShape: [Int]

    public init(p: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Geometric", [("p", p, .unit)], validate: validate)
        if validate, p.value.scalars.contains(0) {
            throw ProbabilityError(.invalidParameter, "Geometric: p must be in (0, 1], got 0")
        }
        self.p = p
    }

    public var family: String { "Geometric" }
    public var parameters: [(name: String, value: Variable)] { [("p", p)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { false }
    public var isDiscrete: Bool { true }
    public var support: Constraint { .nonnegativeInteger }
    public var tape: Tape { p.tape }

    /// `k log1p(−p) + log p` (`0·log 0 = 0` at `p = 1`).
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            try restricted(x, inside: mask(x.value, isCount), safe: 0) { k throws(AutodiffError) in
                try weightedLog1pNeg(k, p) + p.log()
            }
        }
    }

    /// `⌊log U / log1p(−p)⌋` (inversion).
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let s = sampleShape + batchShape
        let q = try expanded(p.value, s, family)
        var out = [Double](repeating: 0, count: q.count)
        for i in 0..<q.count {
            out[i] = q[i] == 1 ? 0 : (Foundation.log(rng.uniformOpen()) / Foundation.log1p(-q[i])).rounded(.down)
        }
        return tape.constant(Tensor(unchecked: s, scalars: out))
    }

    /// `1 − (1 − p)^{⌊x⌋+1} = −expm1((⌊x⌋ + 1) log1p(−p))`, 0 below 0.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        let shape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        return try ad { () throws(AutodiffError) in
            let k1 = try tensor2 { () throws(TensorError) in try x.value.mapKernel { $0 < 0 ? 0 : $0.rounded(.down) + 1 }.broadcast(to: shape) }
            return try weightedLog1pNeg(tape.constant(k1), p).expm1().negated().expanded(to: shape)
        }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((1 - p) / p).expanded(to: batchShape) }
    }
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((1 - p) / p.square()).expanded(to: batchShape) }
    }
    /// `−((1 − p) log1p(−p) + p log p)/p`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            try ((weightedLog1pNeg(1 - p, p) + p * p.log()) / p).negated().expanded(to: batchShape)
        }
    }
}
