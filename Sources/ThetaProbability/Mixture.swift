import Foundation
import ThetaAutodiff
import ThetaTensor

/// `Mixture(weights, components)`: density `Σ_k w_k p_k(x)`, computed as
/// `logsumexp_k(log w_k + log p_k(x))`.
///
/// Components come in two forms: one distribution whose last batch axis indexes the `K`
/// components (`Normal(mu: [K], sigma: [K])`, the fast form), or a list of `K`
/// distributions of any families with one event shape. `weights` has shape `[..., K]`
/// (probabilities summing to 1). Sampling picks a component per draw, so it is not
/// reparameterized with respect to the weights.
public struct Mixture: Distribution {
    public enum Components {
        case batched(any Distribution)
        case list([any Distribution])
    }

    public let weights: Variable
    public let components: Components
    public let batchShape: [Int]
    public let eventShape: [Int]
    public let count: Int

    /// A mixture of the `K` components along `component`'s last batch axis.
    public init(weights: Variable, component: any Distribution, validate: Bool = true) throws(ProbabilityError) {
        guard let k = component.batchShape.last else {
            throw ProbabilityError(.shapeMismatch, "Mixture: the components need a batch axis of components, got \(component.family) with batch shape []")
        }
        try self.init(weights: weights, components: .batched(component), k: k,
                      componentBatch: Array(component.batchShape.dropLast()), event: component.eventShape,
                      tape: component.tape, validate: validate)
    }

    /// A mixture of a list of distributions (any families, one event shape).
    public init(weights: Variable, components list: [any Distribution], validate: Bool = true) throws(ProbabilityError) {
        guard let first = list.first else {
            throw ProbabilityError(.invalidArgument, "Mixture: needs at least one component")
        }
        var batch: [(String, [Int])] = []
        for (i, c) in list.enumerated() {
            guard c.eventShape == first.eventShape else {
                throw ProbabilityError(.shapeMismatch, "Mixture: component \(i) (\(c.family)) has event shape \(Tensor.describe(c.eventShape)), component 0 has \(Tensor.describe(first.eventShape))")
            }
            guard c.tape === first.tape else {
                throw ProbabilityError(.invalidArgument, "Mixture: component \(i) belongs to a different tape")
            }
            batch.append(("component \(i)", c.batchShape))
        }
        try self.init(weights: weights, components: .list(list), k: list.count,
                      componentBatch: Shapes.broadcast("Mixture", batch), event: first.eventShape,
                      tape: first.tape, validate: validate)
    }

    init(weights: Variable, components: Components, k: Int, componentBatch: [Int], event: [Int],
         tape: Tape, validate: Bool) throws(ProbabilityError) {
        guard weights.tape === tape else {
            throw ProbabilityError(.invalidArgument, "Mixture: weights belong to a different tape than the components")
        }
        guard weights.shape.last == k else {
            throw ProbabilityError(.shapeMismatch, "Mixture: weights of shape \(Tensor.describe(weights.shape)) for \(k) components (the last axis must be \(k))")
        }
        if validate { try Validate.parameter("Mixture", "weights", weights.value, .simplex) }
        batchShape = try Shapes.broadcast("Mixture", [("weights", Array(weights.shape.dropLast())), ("components", componentBatch)])
        self.weights = weights
        self.components = components
        self.eventShape = event
        self.count = k
    }

    public var family: String { "Mixture" }
    public var parameters: [(name: String, value: Variable)] {
        switch components {
        case .batched(let c): return [("weights", weights)] + c.parameters
        case .list(let cs): return [("weights", weights)] + cs.flatMap(\.parameters)
        }
    }
    public var isReparameterized: Bool { false }
    public var isDiscrete: Bool {
        switch components {
        case .batched(let c): return c.isDiscrete
        case .list(let cs): return cs.allSatisfy(\.isDiscrete)
        }
    }
    public var support: Constraint {
        switch components {
        case .batched(let c): return c.support
        case .list(let cs): return cs.allSatisfy({ $0.support == cs[0].support }) ? cs[0].support : .dependent("union of the components' supports")
        }
    }
    public var tape: Tape { weights.tape }

    /// Every component's value at `x`, stacked on a new axis before the event axes:
    /// shape `sample + batch + [K]` from `f(component, x)` of shape `sample + batch`.
    func perComponent(_ x: Variable, _ f: (any Distribution, Variable) throws(ProbabilityError) -> Variable) throws(ProbabilityError) -> Variable {
        switch components {
        case .batched(let c):
            // Insert the component axis in x before its event axes.
            var shape = x.shape
            shape.insert(1, at: shape.count - eventShape.count)
            let xk = try ad { () throws(AutodiffError) in try x.reshaped(shape) }
            return try f(c, xk)
        case .list(let cs):
            var parts: [Variable] = []
            for c in cs { parts.append(try f(c, x)) }
            let joint = try Shapes.broadcast("Mixture", parts.enumerated().map { ("component \($0.offset)", $0.element.shape) })
            return try ad { () throws(AutodiffError) in
                var expanded: [Variable] = []
                for p in parts { expanded.append(try p.expanded(to: joint)) }
                return try Variable.stack(expanded, axis: -1)
            }
        }
    }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        let lp = try perComponent(x) { c, x throws(ProbabilityError) in try c.logp(x) }
        return try ad { () throws(AutodiffError) in try (lp + safeLog(weights)).logSumExp(axis: -1) }
    }

    /// `Σ_k w_k F_k(x)` (scalar events).
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        let c = try perComponent(x) { c, x throws(ProbabilityError) in try c.cdf(x) }
        return try ad { () throws(AutodiffError) in try (c * weights).sum(axis: -1) }
    }

    /// Every component's draw, shape `sample + batch + [K] + event`, then one picked per
    /// draw by a one-hot mask drawn from the weights.
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let lead = sampleShape + batchShape
        let all: Variable
        switch components {
        case .batched(let c):
            all = try c.sample(sampleShape, using: &rng)
        case .list(let cs):
            var parts: [Variable] = []
            for c in cs { parts.append(try c.sample(sampleShape, using: &rng)) }
            all = try ad { () throws(AutodiffError) in
                var e: [Variable] = []
                for p in parts { e.append(try p.expanded(to: lead + eventShape)) }
                return try Variable.stack(e, axis: lead.count)
            }
        }
        let w = try expanded(weights.value, Array(weights.shape.dropLast()).isEmpty ? [count] : lead + [count], family)
        let rows = Shapes.count(lead), k = count
        var onehot = [Double](repeating: 0, count: rows * k)
        for r in 0..<rows {
            let base = w.count == k ? 0 : r * k
            let pick = try tensor(family) { () throws(TensorError) in try rng.categorical(probabilities: w[base..<(base + k)]) }
            onehot[r * k + pick] = 1
        }
        let m = Tensor(unchecked: lead + [k] + [Int](repeating: 1, count: eventShape.count), scalars: onehot)
        return try ad { () throws(AutodiffError) in
            try (all.expanded(to: lead + [k] + eventShape) * tape.constant(m)).sum(axis: lead.count)
        }
    }

    /// The weights shaped to broadcast against `batch + [K] + event` values.
    func weightsForEvent() throws(AutodiffError) -> Variable {
        eventShape.isEmpty ? weights : try weights.reshaped(weights.shape + [Int](repeating: 1, count: eventShape.count))
    }

    /// Every component's `f()` stacked to `batch + [K] + event`.
    func stacked(_ f: (any Distribution) throws(ProbabilityError) -> Variable) throws(ProbabilityError) -> Variable {
        switch components {
        case .batched(let c): return try f(c)
        case .list(let cs):
            var parts: [Variable] = []
            for c in cs { parts.append(try f(c)) }
            let b = try Shapes.broadcast("Mixture", parts.enumerated().map { ("component \($0.offset)", Array($0.element.shape.dropLast(eventShape.count))) })
            return try ad { () throws(AutodiffError) in
                var e: [Variable] = []
                for p in parts { e.append(try p.expanded(to: b + eventShape)) }
                return try Variable.stack(e, axis: b.count)
            }
        }
    }

    /// `Σ w_k μ_k`.
    public func mean() throws(ProbabilityError) -> Variable {
        let m = try stacked { c throws(ProbabilityError) in try c.mean() }
        let axis = -1 - eventShape.count
        return try ad { () throws(AutodiffError) in try (m * weightsForEvent()).sum(axis: axis).expanded(to: batchShape + eventShape) }
    }

    /// `Σ w_k (σ_k² + μ_k²) − (Σ w_k μ_k)²`.
    public func variance() throws(ProbabilityError) -> Variable {
        let m = try stacked { c throws(ProbabilityError) in try c.mean() }
        let v = try stacked { c throws(ProbabilityError) in try c.variance() }
        let axis = -1 - eventShape.count
        return try ad { () throws(AutodiffError) in
            let w = try weightsForEvent()
            let mean = try (m * w).sum(axis: axis)
            return try ((v + m.square()) * w).sum(axis: axis) - mean.square()
        }
    }
}
