import Foundation
import ThetaAutodiff
import ThetaTensor

/// `log p` with `log 0 = -inf` and no NaN gradient from the zero entries (they get none).
func safeLog(_ p: Variable) throws(AutodiffError) -> Variable {
    let zero = mask(p.value) { $0 == 0 }
    if !zero.scalars.contains(1) { return try p.log() }
    let t = p.tape
    return try Variable.select(where: zero, t.scalar(-.infinity), Variable.select(where: zero, t.scalar(1), p).log())
}

/// `Σ w·(a − b)` terms with `0·anything = 0` (for KL and entropy sums over masses).
func weighted(_ w: Variable, _ d: Variable) throws(AutodiffError) -> Variable {
    let zero = mask(w.value) { $0 == 0 }
    if !zero.scalars.contains(1) { return try w * d }
    let t = w.tape
    let ds = try Variable.select(where: zero, t.scalar(0), d)
    return try Variable.select(where: zero, t.scalar(0), w * ds)
}

/// `Bernoulli(p)` or `Bernoulli(logits: ℓ)` on `{0, 1}`: `P(1) = p = σ(ℓ)`.
public struct Bernoulli: Distribution {
    public enum Form: Sendable { case probs, logits }
    /// `p` or `logits`, as given.
    public let parameter: Variable
    public let form: Form
    public let batchShape: [Int]

    public init(p: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Bernoulli", [("p", p, .unit)], validate: validate)
        parameter = p
        form = .probs
    }

    public init(logits: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("Bernoulli", [("logits", logits, .real)], validate: validate)
        parameter = logits
        form = .logits
    }

    public var family: String { "Bernoulli" }
    public var parameters: [(name: String, value: Variable)] { [(form == .probs ? "p" : "logits", parameter)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { false }
    public var isDiscrete: Bool { true }
    public var support: Constraint { .boolean }
    public var tape: Tape { parameter.tape }

    /// `p` (for logits, `σ(ℓ)`).
    public func probs() throws(ProbabilityError) -> Variable {
        form == .probs ? parameter : try ad { () throws(AutodiffError) in try parameter.sigmoid() }
    }

    /// `(log P(1), log P(0))`, each exact at the edges (`log1p(−p)`, `log σ(±ℓ)`).
    func logMasses() throws(AutodiffError) -> (one: Variable, zero: Variable) {
        switch form {
        case .logits: return (try parameter.logSigmoid(), try parameter.negated().logSigmoid())
        case .probs:
            let one = try safeLog(parameter)
            let q = parameter.value.mapKernel { $0 == 1 ? 1 : 0 }
            let zero: Variable
            if q.scalars.contains(1) {
                let ps = try Variable.select(where: q, tape.scalar(0), parameter)
                zero = try Variable.select(where: q, tape.scalar(-.infinity), ps.negated().log1p())
            } else {
                zero = try parameter.negated().log1p()
            }
            return (one, zero)
        }
    }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        let shape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        return try ad { () throws(AutodiffError) in
            let (one, zero) = try logMasses()
            let isOne = try tensor2 { () throws(TensorError) in try x.value.mapKernel { $0 == 1 ? 1 : 0 }.broadcast(to: shape) }
            let lp = try Variable.select(where: isOne, one, zero).expanded(to: shape)
            let inside = mask(x.value) { $0 == 0 || $0 == 1 }
            return allOnes(inside) ? lp : try Variable.select(where: inside, lp, tape.scalar(-.infinity))
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let s = sampleShape + batchShape
        let p = try expanded(probs().value, s, family)
        var out = [Double](repeating: 0, count: p.count)
        for i in 0..<p.count { out[i] = rng.uniform() < p[i] ? 1 : 0 }
        return tape.constant(Tensor(unchecked: s, scalars: out))
    }

    /// 0 below 0, `1 − p` on [0, 1), 1 from 1 on.
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        let p = try probs()
        let shape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        return try ad { () throws(AutodiffError) in
            let mid = try (1 - p).expanded(to: shape)
            let below = try tensor2 { () throws(TensorError) in try x.value.mapKernel { $0 < 0 ? 1 : 0 }.broadcast(to: shape) }
            let above = try tensor2 { () throws(TensorError) in try x.value.mapKernel { $0 >= 1 ? 1 : 0 }.broadcast(to: shape) }
            return try Variable.select(where: below, tape.scalar(0), Variable.select(where: above, tape.scalar(1), mid))
        }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        let p = try probs()
        return try ad { () throws(AutodiffError) in try p.expanded(to: batchShape) }
    }
    public func variance() throws(ProbabilityError) -> Variable {
        let p = try probs()
        return try ad { () throws(AutodiffError) in try (p * (1 - p)).expanded(to: batchShape) }
    }
    /// `−p log p − (1 − p) log(1 − p)` (0 at p = 0, 1).
    public func entropy() throws(ProbabilityError) -> Variable {
        let p = try probs()
        return try ad { () throws(AutodiffError) in
            let (one, zero) = try logMasses()
            return try (weighted(p, one) + weighted(1 - p, zero)).negated().expanded(to: batchShape)
        }
    }
}
