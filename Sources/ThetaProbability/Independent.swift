import ThetaAutodiff
import ThetaTensor

/// `Independent(d, dims)`: the last `dims` batch axes of `d` reinterpreted as event axes, so
/// `logp` sums over them (a diagonal Gaussian from a batch of normals).
public struct Independent: Distribution {
    public let base: any Distribution
    public let dims: Int

    public init(_ base: any Distribution, dims: Int) throws(ProbabilityError) {
        guard dims >= 0, dims <= base.batchShape.count else {
            throw ProbabilityError(.shapeMismatch, "Independent: dims must be between 0 and the batch rank \(base.batchShape.count) of \(base.family), got \(dims)")
        }
        self.base = base
        self.dims = dims
    }

    public var family: String { "Independent" }
    public var parameters: [(name: String, value: Variable)] { base.parameters }
    public var batchShape: [Int] { Array(base.batchShape.dropLast(dims)) }
    public var eventShape: [Int] { Array(base.batchShape.suffix(dims)) + base.eventShape }
    public var isReparameterized: Bool { base.isReparameterized }
    public var isDiscrete: Bool { base.isDiscrete }
    public var support: Constraint { base.support }
    public var tape: Tape { base.tape }

    /// `Σ` over the reinterpreted axes.
    func reduce(_ v: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            var r = v
            for _ in 0..<dims { r = try r.sum(axis: -1) }
            return r
        }
    }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable { try reduce(base.logp(x)) }
    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try base.sample(sampleShape, using: &rng)
    }
    public func mean() throws(ProbabilityError) -> Variable { try base.mean() }
    public func variance() throws(ProbabilityError) -> Variable { try base.variance() }
    public func entropy() throws(ProbabilityError) -> Variable { try reduce(base.entropy()) }
}
