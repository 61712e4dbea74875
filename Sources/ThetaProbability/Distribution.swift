import ThetaAutodiff
import ThetaTensor

/// A probability distribution over tensors, built per use from parameter variables (the
/// torch.distributions contract).
///
/// Shapes: a distribution holds a *batch* of independent distributions (`batchShape`, the
/// broadcast of its parameters' batch parts), each over events of `eventShape`.
/// `sample(s)` returns `s + batchShape + eventShape`; `logp(x)` takes `x` whose shape ends in
/// `eventShape` and broadcasts its leading part against `batchShape`, returning the
/// log-density (or log-mass) of each event: shape `sample + batch`.
///
/// Everything is computed with `Variable` operations on the parameters' tape, so gradients
/// flow to tracked parameters and to tracked `x`; with untracked values the same code just
/// computes numbers. `logp` outside the support is `-inf` (never NaN, never an error).
public protocol Distribution {
    /// The family's name as the language spells it ("Normal").
    var family: String { get }
    /// The parameters in constructor order, with the names of the form used to build it
    /// (`p` or `logits`, `cov` or `scale_tril`).
    var parameters: [(name: String, value: Variable)] { get }
    var batchShape: [Int] { get }
    var eventShape: [Int] { get }
    /// Whether `sample` is differentiable with respect to the parameters.
    var isReparameterized: Bool { get }
    /// Whether the distribution is over integers (`logp` is a log-mass).
    var isDiscrete: Bool { get }
    /// The set of values with positive density.
    var support: Constraint { get }
    /// The tape the parameters live on (results are made on it).
    var tape: Tape { get }

    func logp(_ x: Variable) throws(ProbabilityError) -> Variable
    func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable
    /// `P(X ≤ x)` elementwise (scalar events only).
    func cdf(_ x: Variable) throws(ProbabilityError) -> Variable
    /// Shape `batch + event`.
    func mean() throws(ProbabilityError) -> Variable
    /// The per-coordinate variance, shape `batch + event`.
    func variance() throws(ProbabilityError) -> Variable
    func stddev() throws(ProbabilityError) -> Variable
    /// The differential (or Shannon) entropy in nats, shape `batch`.
    func entropy() throws(ProbabilityError) -> Variable
}

extension Distribution {
    public var isDiscrete: Bool { false }
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable { throw .notAvailable("cdf", family) }
    public func mean() throws(ProbabilityError) -> Variable { throw .notAvailable("mean", family) }
    public func variance() throws(ProbabilityError) -> Variable { throw .notAvailable("variance", family) }
    public func stddev() throws(ProbabilityError) -> Variable {
        let v = try variance()
        return try ad { () throws(AutodiffError) in try v.sqrt() }
    }
    public func entropy() throws(ProbabilityError) -> Variable { throw .notAvailable("entropy", family) }

    /// `logp` of a plain tensor (an untracked value on the distribution's tape).
    public func logp(_ x: Tensor) throws(ProbabilityError) -> Variable { try logp(tape.constant(x)) }
    public func cdf(_ x: Tensor) throws(ProbabilityError) -> Variable { try cdf(tape.constant(x)) }

    /// `Normal(mu: 0, sigma: 1)`: the family and its parameters (scalars shown as numbers,
    /// tensors by shape).
    public var summary: String {
        let parts = parameters.map { "\($0.name): \(Format.value($0.value.value))" }
        return "\(family)(\(parts.joined(separator: ", ")))"
    }
}

/// Shapes shared by the families.
enum Shapes {
    /// The broadcast of the named shapes, or an error naming them all.
    static func broadcast(_ family: String, _ named: [(String, [Int])]) throws(ProbabilityError) -> [Int] {
        var shape: [Int] = []
        for (_, s) in named {
            guard let joint = try? Tensor.broadcastShape(shape, s, op: family) else {
                let list = named.map { "\($0.0) \(Tensor.describe($0.1))" }.joined(separator: ", ")
                throw ProbabilityError(.shapeMismatch, "\(family): the shapes of \(list) do not broadcast")
            }
            shape = joint
        }
        return shape
    }

    /// Checks a sample shape (non-negative extents).
    static func checkSample(_ family: String, _ s: [Int]) throws(ProbabilityError) {
        guard s.allSatisfy({ $0 >= 0 }) else {
            throw ProbabilityError(.invalidArgument, "\(family).sample: the sample shape \(Tensor.describe(s)) has a negative extent")
        }
    }

    static func count(_ s: [Int]) -> Int { s.reduce(1, *) }
}

/// Numbers as messages show them: integral values without a fraction ("-1", "3"), others in
/// Swift's shortest round-trip form.
enum Format {
    static func number(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), Swift.abs(v) < 1e15 { return String(Int(v)) }
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return "\(v)"
    }

    /// A scalar as a number, a tensor of up to 6 elements as a list, a larger one by shape.
    static func value(_ t: Tensor) -> String {
        if t.count == 1 && t.rank == 0 { return number(t.scalars[0]) }
        if t.count <= 6 && t.rank == 1 { return "[" + t.scalars.map(number).joined(separator: ", ") + "]" }
        return "tensor \(Tensor.describe(t.shape))"
    }
}
