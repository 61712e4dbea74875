import Foundation
import ThetaAutodiff
import ThetaTensor

/// `MultivariateNormal(mu, cov: Σ)` or `(mu, scale_tril: L)` over `R^d`: density
/// `exp(−½‖L⁻¹(x − μ)‖²)/((2π)^{d/2} Π L_ii)` with `Σ = L·Lᵀ`. Given `cov`, `L` is its
/// Cholesky factor (differentiable). Samples are `μ + Lε` (reparameterized).
public struct MultivariateNormal: Distribution {
    public enum Form: Sendable { case cov, scaleTril }
    public let mu: Variable
    /// `cov` or `scale_tril` as given.
    public let matrix: Variable
    public let form: Form
    /// The lower Cholesky factor `L`.
    public let scaleTril: Variable
    public let batchShape: [Int]
    public let eventShape: [Int]

    public init(mu: Variable, cov: Variable, validate: Bool = true) throws(ProbabilityError) {
        try self.init(mu: mu, matrix: cov, form: .cov, validate: validate)
    }

    public init(mu: Variable, scaleTril: Variable, validate: Bool = true) throws(ProbabilityError) {
        try self.init(mu: mu, matrix: scaleTril, form: .scaleTril, validate: validate)
    }

    init(mu: Variable, matrix: Variable, form: Form, validate: Bool) throws(ProbabilityError) {
        let name = form == .cov ? "cov" : "scale_tril"
        let constraint: Constraint = form == .cov ? .positiveDefinite : .lowerCholesky
        batchShape = try Parameters.prepare("MultivariateNormal", [
            (name: "mu", value: mu, constraint: .realVector, eventRank: 1),
            (name: name, value: matrix, constraint: constraint, eventRank: 2)], validate: validate)
        let d = mu.shape.last ?? 0
        let m = matrix.shape
        guard m.count >= 2, m[m.count - 1] == d, m[m.count - 2] == d else {
            throw ProbabilityError(.shapeMismatch, "MultivariateNormal: mu of shape \(Tensor.describe(mu.shape)) needs \(name) of shape [..., \(d), \(d)], got \(Tensor.describe(m))")
        }
        self.mu = mu
        self.matrix = matrix
        self.form = form
        eventShape = [d]
        scaleTril = form == .scaleTril ? matrix : try ad { () throws(AutodiffError) in try matrix.cholesky() }
    }

    public var family: String { "MultivariateNormal" }
    public var parameters: [(name: String, value: Variable)] {
        [("mu", mu), (form == .cov ? "cov" : "scale_tril", matrix)]
    }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .realVector }
    public var tape: Tape { mu.tape }
    var d: Int { eventShape[0] }

    /// The diagonal of `L`, shape `[..., d]`.
    func diagonal(_ l: Variable) throws(AutodiffError) -> Variable {
        var eye = [Double](repeating: 0, count: d * d)
        for i in 0..<d { eye[i * d + i] = 1 }
        return try (l * tape.constant(Tensor(unchecked: [d, d], scalars: eye))).sum(axis: -1)
    }

    /// `L⁻¹v` for `v` of shape `[..., d]` (batch broadcast against `L`'s), shape `[..., d]`.
    func whiten(_ v: Variable, _ l: Variable) throws(AutodiffError) -> Variable {
        let lead = Array(v.shape.dropLast())
        if l.shape.count == 2 {
            // One matrix: solve for all vectors at once as the columns of a [d, N] matrix.
            let n = lead.reduce(1, *)
            let cols = try v.reshaped([n, d]).transposed([1, 0])
            return try Variable.solveLower(l, cols).transposed([1, 0]).reshaped(lead + [d])
        }
        let batch = try tensor2 { () throws(TensorError) in try Tensor.broadcastShape(lead, Array(l.shape.dropLast(2)), op: "MultivariateNormal") }
        let lb = try l.expanded(to: batch + [d, d])
        let vb = try v.expanded(to: batch + [d]).reshaped(batch + [d, 1])
        return try Variable.solveLower(lb, vb).reshaped(batch + [d])
    }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        guard x.shape.last == d else {
            throw ProbabilityError(.shapeMismatch, "MultivariateNormal.logp: x must end in the event shape [\(d)], got shape \(Tensor.describe(x.shape))")
        }
        return try ad { () throws(AutodiffError) in
            let z = try whiten(x - mu, scaleTril)
            let halfLogDet = try diagonal(scaleTril).log().sum(axis: -1)
            return try z.square().sum(axis: -1).affine(scale: -0.5, shift: -Double(d) * Constants.logSqrt2Pi) - halfLogDet
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let lead = sampleShape + batchShape
        let eps = try tensor(family) { () throws(TensorError) in try Tensor.randn(shape: lead + [d], using: &rng) }
        return try ad { () throws(AutodiffError) in
            let e = tape.constant(eps)
            let l = scaleTril
            if l.shape.count == 2 {
                let lt = try l.transposed([1, 0])
                return try Variable.matmul(e, lt) + mu
            }
            return try Variable.matmul(l, e.reshaped(lead + [d, 1])).reshaped(lead + [d]) + mu
        }
    }

    /// `L·Lᵀ`.
    public func covariance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try Variable.matmul(scaleTril, Bijector.transposeLast(scaleTril)) }
    }

    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try mu.expanded(to: batchShape + eventShape) }
    }
    /// The diagonal of `Σ`: row sums of `L²`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try scaleTril.square().sum(axis: -1).expanded(to: batchShape + eventShape) }
    }
    /// `d/2 (1 + log 2π) + Σ log L_ii`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            try (diagonal(scaleTril).log().sum(axis: -1) + Double(d) * (0.5 + Constants.logSqrt2Pi)).expanded(to: batchShape)
        }
    }
}
