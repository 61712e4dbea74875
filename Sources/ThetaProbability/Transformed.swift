import ThetaAutodiff
import ThetaTensor

/// `Transformed(base, bijector)`: the law of `y = f(x)`, `x ~ base`, with
/// `log p(y) = log p_base(f⁻¹(y)) − log |det ∂f/∂x|(f⁻¹(y))` (change of variables).
/// Values `y` outside the image of `f` (where `f⁻¹` is NaN) get `-inf`.
public struct Transformed: Distribution {
    public let base: any Distribution
    public let bijector: Bijector

    public init(_ base: any Distribution, _ bijector: Bijector) throws(ProbabilityError) {
        let need = bijector.eventRank
        guard need <= base.eventShape.count || base.eventShape.isEmpty && need == 0 else {
            throw ProbabilityError(.shapeMismatch, "Transformed: the bijector \(bijector) acts on \(need) event axes, but \(base.family) has event shape \(Tensor.describe(base.eventShape))")
        }
        self.base = base
        self.bijector = bijector
    }

    public var family: String { "Transformed" }
    public var parameters: [(name: String, value: Variable)] {
        var ps = base.parameters
        if case .affine(let s, let t) = bijector { ps += [("scale", s), ("shift", t)] }
        return ps
    }
    public var batchShape: [Int] { base.batchShape }
    public var eventShape: [Int] {
        var e = base.eventShape
        if Transformed.containsSimplex(bijector), !e.isEmpty { e[e.count - 1] += 1 }
        return e
    }
    public var isReparameterized: Bool { base.isReparameterized }
    public var support: Constraint { .dependent("the image of \(bijector)") }
    public var tape: Tape { base.tape }

    static func containsSimplex(_ b: Bijector) -> Bool {
        switch b {
        case .simplex: return true
        case .chain(let bs): return bs.contains(where: containsSimplex)
        default: return false
        }
    }

    func logpAD(_ y: Variable) throws(ProbabilityError) -> Variable {
        let x = try bijector.inverse(y)
        let lp = try base.logp(x)
        return try ad { () throws(AutodiffError) in
            var j = try bijector.ladjAD(x)
            for _ in 0..<(base.eventShape.count - bijector.eventRank) { j = try j.sum(axis: -1) }
            return try lp - j
        }
    }

    public func logp(_ y: Variable) throws(ProbabilityError) -> Variable {
        let lp = try logpAD(y)
        let bad = lp.value.mapKernel { $0.isNaN ? 1 : 0 }
        guard bad.scalars.contains(1) else { return lp }
        // Outside the image: recompute at f(0) there (so nothing is NaN) and put -inf.
        let inside = bad.mapKernel { 1 - $0 }
        let eventAxes = eventShape.count
        let yInside = eventAxes == 0 ? inside
            : try tensor(family) { () throws(TensorError) in try inside.reshaped(inside.shape + [Int](repeating: 1, count: eventAxes)) }
        let zeroIn = try ad { () throws(AutodiffError) in tape.filled(0, Array(try bijector.inverseAD(y).shape)) }
        let safe = try bijector.forward(zeroIn)
        let ys = try ad { () throws(AutodiffError) in try Variable.select(where: yInside, y, safe) }
        let lp2 = try logpAD(ys)
        return try ad { () throws(AutodiffError) in try Variable.select(where: inside, lp2, tape.scalar(-.infinity)) }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try bijector.forward(base.sample(sampleShape, using: &rng))
    }

    /// `F(f⁻¹(y))` for increasing `f`, `1 − F(f⁻¹(y))` for decreasing (scalar events).
    public func cdf(_ y: Variable) throws(ProbabilityError) -> Variable {
        guard base.eventShape.isEmpty, let up = bijector.isIncreasing else { throw .notAvailable("cdf", family) }
        var x = try bijector.inverse(y)
        let outside = x.value.mapKernel { $0.isNaN ? 1 : 0 }
        if outside.scalars.contains(1) {
            // Outside the image of f: below it (y < f(0)) the CDF of an increasing f is 0, so
            // x is taken as −inf there, and +inf above.
            let f0 = try bijector.forward(tape.filled(0, y.shape)).value
            let edge = try tensor(family) { () throws(TensorError) in
                try Tensor.zip(y.value, f0, op: "cdf") { ($0 < $1) == up ? -Double.infinity : .infinity }
            }
            let xs = x
            x = try ad { () throws(AutodiffError) in try Variable.select(where: outside, tape.constant(edge), xs) }
        }
        let c = try base.cdf(x)
        return up ? c : try ad { () throws(AutodiffError) in try 1 - c }
    }
}
