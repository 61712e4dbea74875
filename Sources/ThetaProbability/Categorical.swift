import Foundation
import ThetaAutodiff
import ThetaTensor

/// `Categorical(p)` or `Categorical(logits: ℓ)` on `{0, …, K−1}` (`K` the last axis):
/// `P(k) = p_k / Σp` or `softmax(ℓ)_k`.
public struct Categorical: Distribution {
    public enum Form: Sendable { case probs, logits }
    public let parameter: Variable
    public let form: Form
    public let batchShape: [Int]
    public let categories: Int

    public init(p: Variable, validate: Bool = true) throws(ProbabilityError) {
        try self.init(parameter: p, form: .probs, validate: validate)
    }

    public init(logits: Variable, validate: Bool = true) throws(ProbabilityError) {
        try self.init(parameter: logits, form: .logits, validate: validate)
    }

    init(parameter: Variable, form: Form, validate: Bool) throws(ProbabilityError) {
        let name = form == .probs ? "p" : "logits"
        batchShape = try Parameters.prepare("Categorical", [(name: name, value: parameter,
                                                             constraint: form == .probs ? .simplex : .real, eventRank: 1)],
                                            validate: validate)
        guard let k = parameter.shape.last, k >= 1 else {
            throw ProbabilityError(.shapeMismatch, "Categorical: \(name) needs a last axis of at least one category, got shape \(Tensor.describe(parameter.shape))")
        }
        categories = k
        self.parameter = parameter
        self.form = form
    }

    public var family: String { "Categorical" }
    public var parameters: [(name: String, value: Variable)] { [(form == .probs ? "p" : "logits", parameter)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { false }
    public var isDiscrete: Bool { true }
    public var support: Constraint { .integerInterval(0, categories - 1) }
    public var tape: Tape { parameter.tape }

    /// Normalized log-probabilities `[..., K]` (`-inf` for zero probabilities).
    public func logProbs() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try logProbsAD() }
    }

    func logProbsAD() throws(AutodiffError) -> Variable {
        switch form {
        case .logits: return try parameter.logSoftmax(axis: -1)
        case .probs: return try safeLog(parameter) - parameter.sum(axis: -1, keepDims: true).log()
        }
    }

    /// Normalized probabilities `[..., K]`.
    public func probs() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            form == .logits ? try parameter.softmax(axis: -1) : try parameter / parameter.sum(axis: -1, keepDims: true)
        }
    }

    /// `log P(x)` by a flat gather: entry `i` of the broadcast `x` picks `i·K + x_i`.
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        let shape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        let k = categories
        let xs = try expanded(x.value, shape, family)
        var index = [Double](repeating: 0, count: xs.count), inside = index
        for i in 0..<xs.count {
            let v = xs[i]
            let ok = v >= 0 && v < Double(k) && v == v.rounded()
            inside[i] = ok ? 1 : 0
            index[i] = Double(i * k + (ok ? Int(v) : 0))
        }
        let n = xs.count
        return try ad { () throws(AutodiffError) in
            let table = try logProbsAD().expanded(to: shape + [k]).reshaped([n * k])
            let lp = try table.gather(Tensor(unchecked: [n], scalars: index), axis: 0).reshaped(shape)
            let m = Tensor(unchecked: shape, scalars: inside)
            return allOnes(m) ? lp : try Variable.select(where: m, lp, tape.scalar(-.infinity))
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let p = try probs().value
        let k = categories
        let rows = Shapes.count(batchShape)
        let flat = p.scalars
        var out: [Double] = []
        out.reserveCapacity(Shapes.count(sampleShape) * rows)
        for _ in 0..<Shapes.count(sampleShape) {
            for r in 0..<rows {
                let draw = try tensor(family) { () throws(TensorError) in try rng.categorical(probabilities: flat[(r * k)..<((r + 1) * k)]) }
                out.append(Double(draw))
            }
        }
        return tape.constant(Tensor(unchecked: sampleShape + batchShape, scalars: out))
    }

    /// `−Σ p_k log p_k` (zero masses contribute 0).
    public func entropy() throws(ProbabilityError) -> Variable {
        let p = try probs()
        return try ad { () throws(AutodiffError) in try weighted(p, logProbsAD()).sum(axis: -1).negated() }
    }
}
