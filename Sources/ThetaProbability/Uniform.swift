import Foundation
import ThetaAutodiff
import ThetaTensor

/// `Uniform(low, high)`: density `1/(high − low)` on `[low, high]`.
public struct Uniform: Distribution {
    public let low: Variable
    public let high: Variable
    public let batchShape: [Int]

    /// - Throws: NaN bounds, `low ≥ high` anywhere, shapes that do not broadcast.
    public init(low: Variable, high: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Uniform", [("low", low, .real), ("high", high, .real)], validate: validate)
        self.low = low
        self.high = high
        if validate {
            let l = try expanded(low.value, batchShape, "Uniform"), h = try expanded(high.value, batchShape, "Uniform")
            if let k = l.indices.first(where: { !(l[$0] < h[$0]) }) {
                throw ProbabilityError(.invalidParameter, "Uniform: low must be less than high, got low \(Format.number(l[k])) and high \(Format.number(h[k]))")
            }
        }
    }

    public var family: String { "Uniform" }
    public var parameters: [(name: String, value: Variable)] { [("low", low), ("high", high)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint {
        if let l = low.value.scalarValue, let h = high.value.scalarValue { return .interval(l, h) }
        return .dependent("interval(low, high)")
    }
    public var tape: Tape { low.tape }

    /// `−log(high − low)` on `[low, high]`, `-inf` elsewhere.
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        let shape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        return try ad { () throws(AutodiffError) in
            let inside = try tensor2 { () throws(TensorError) in
                let lo = try Tensor.zip(x.value, low.value, op: "Uniform") { $0 >= $1 ? 1 : 0 }
                let hi = try Tensor.zip(x.value, high.value, op: "Uniform") { $0 <= $1 ? 1 : 0 }
                return try Tensor.zip(lo, hi, op: "Uniform") { $0 * $1 }.broadcast(to: shape)
            }
            let lp = try (high - low).log().negated().expanded(to: shape)
            return allOnes(inside) ? lp : try Variable.select(where: inside, lp, tape.scalar(-.infinity))
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let u = rng.fill(sampleShape + batchShape) { $0.uniform() }
        return try ad { () throws(AutodiffError) in try tape.constant(u) * (high - low) + low }
    }

    /// `clamp((x − low)/(high − low), 0, 1)`.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((x - low) / (high - low)).clamp(min: 0, max: 1) }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((low + high) * 0.5).expanded(to: batchShape) }
    }
    /// `(high − low)²/12`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ((high - low).square() * (1.0 / 12)).expanded(to: batchShape) }
    }
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (high - low).log().expanded(to: batchShape) }
    }
}

/// Converts a tensor error inside tape code into an autodiff error (kind `.forward`).
func tensor2<R>(_ body: () throws(TensorError) -> R) throws(AutodiffError) -> R {
    do { return try body() } catch {
        throw AutodiffError(.forward, operation: "distribution", message: error.message, origin: nil)
    }
}

/// `Exponential(rate)`: density `λe^{−λx}` on `x ≥ 0`.
public struct Exponential: Distribution {
    public let rate: Variable
    public let batchShape: [Int]

    public init(rate: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Exponential", [("rate", rate, .positive)], validate: validate)
        self.rate = rate
    }

    public var family: String { "Exponential" }
    public var parameters: [(name: String, value: Variable)] { [("rate", rate)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .nonnegative }
    public var tape: Tape { rate.tape }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            try restricted(x, inside: mask(x.value) { $0 >= 0 }, safe: 0) { x throws(AutodiffError) in
                try rate.log() - rate * x
            }
        }
    }

    /// `E/λ` with `E = −log U` standard exponential.
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let e = rng.fill(sampleShape + batchShape) { -Foundation.log($0.uniformOpen()) }
        return try ad { () throws(AutodiffError) in try tape.constant(e) / rate }
    }

    /// `−expm1(−λ·max(x, 0))`.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (rate * x.clamp(min: 0)).negated().expm1().negated() }
    }

    public func mean() throws(ProbabilityError) -> Variable { try ad { () throws(AutodiffError) in try (1 / rate).expanded(to: batchShape) } }
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (1 / rate.square()).expanded(to: batchShape) }
    }
    /// `1 − log λ`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try (1 - rate.log()).expanded(to: batchShape) }
    }
}
