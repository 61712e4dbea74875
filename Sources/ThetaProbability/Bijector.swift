import Foundation
import ThetaAutodiff
import ThetaTensor

/// An invertible differentiable map `y = f(x)` with the log-absolute-determinant of its
/// Jacobian, for transformed distributions and for storing constrained parameters
/// unconstrained.
///
/// Elementwise bijectors have `eventRank` 0 (`logAbsDetJacobian` has `x`'s shape); `simplex`
/// acts on the last axis (rank 1: `[..., K−1] → [..., K]`), the matrix ones on the last two.
/// Inverses are written to keep precision at the edges (`softplus⁻¹(y) = y + log(−expm1(−y))`,
/// `σ⁻¹(y) = log y − log1p(−y)`, `tanh⁻¹(y) = ½(log1p(y) − log1p(−y))`).
public indirect enum Bijector: CustomStringConvertible {
    case identity
    /// `eˣ`.
    case exp
    /// `σ(x) = 1/(1 + e^{−x})`, onto (0, 1).
    case sigmoid
    /// `tanh x`, onto (−1, 1).
    case tanh
    /// `log(1 + eˣ)`, onto (0, ∞).
    case softplus
    /// `scale·x + shift` (variables, so they may be learnable; broadcast against `x`).
    case affine(scale: Variable, shift: Variable)
    /// `a + (b − a)σ(x)`, onto (a, b).
    case interval(Double, Double)
    /// `a + softplus(x)`, onto (a, ∞).
    case lower(Double)
    /// `b − softplus(x)`, onto (−∞, b).
    case upper(Double)
    /// `softmax([x, 0])` along the last axis: `R^{K−1}` onto the open simplex in `R^K`.
    case simplex
    /// Square matrices to lower-triangular ones with a positive diagonal: the strict lower
    /// triangle kept, the diagonal through softplus, the upper triangle dropped.
    case lowerCholesky
    /// `L·Lᵀ` of `lowerCholesky(x)`: onto symmetric positive-definite matrices.
    case positiveDefinite
    /// The bijectors applied in order (the first to `x` first).
    case chain([Bijector])

    /// `affine` with constant scale and shift on `tape`.
    public static func affine(_ scale: Double, _ shift: Double, on tape: Tape) -> Bijector {
        .affine(scale: tape.scalar(scale), shift: tape.scalar(shift))
    }

    public var description: String {
        switch self {
        case .identity: return "identity"
        case .exp: return "exp"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softplus: return "softplus"
        case .affine(let s, let t): return "affine(scale: \(Format.value(s.value)), shift: \(Format.value(t.value)))"
        case .interval(let a, let b): return "interval(\(Format.number(a)), \(Format.number(b)))"
        case .lower(let a): return "lower(\(Format.number(a)))"
        case .upper(let b): return "upper(\(Format.number(b)))"
        case .simplex: return "simplex"
        case .lowerCholesky: return "lower_cholesky"
        case .positiveDefinite: return "positive_definite"
        case .chain(let bs): return "chain(" + bs.map(\.description).joined(separator: ", ") + ")"
        }
    }

    /// The number of trailing axes one application acts on jointly.
    public var eventRank: Int {
        switch self {
        case .simplex: return 1
        case .lowerCholesky, .positiveDefinite: return 2
        case .chain(let bs): return bs.map(\.eventRank).max() ?? 0
        default: return 0
        }
    }

    /// Whether an elementwise bijector increases (so `cdf` transforms through it); nil for
    /// the multivariate ones.
    var isIncreasing: Bool? {
        switch self {
        case .identity, .exp, .sigmoid, .tanh, .softplus, .interval, .lower: return true
        case .upper: return false
        case .affine(let s, _):
            if s.value.scalars.allSatisfy({ $0 > 0 }) { return true }
            if s.value.scalars.allSatisfy({ $0 < 0 }) { return false }
            return nil
        case .chain(let bs):
            var up = true
            for b in bs { guard let u = b.isIncreasing else { return nil }; up = (up == u) }
            return up
        case .simplex, .lowerCholesky, .positiveDefinite: return nil
        }
    }

    /// `f(x)`.
    public func forward(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try forwardAD(x) }
    }

    /// `f⁻¹(y)`, differentiable in `y` (and in affine parameters).
    public func inverse(_ y: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try inverseAD(y) }
    }

    /// `f⁻¹(y)` of a plain tensor (affine parameters taken at their values).
    public func inverse(_ y: Tensor) throws(ProbabilityError) -> Tensor {
        let t = Tape()
        let b = rebased(on: t)
        return try t.withoutRecording { () throws(ProbabilityError) in try b.inverse(t.constant(y)).value }
    }

    /// `log |det ∂f/∂x|`: `x`'s shape for elementwise bijectors, with the last `eventRank`
    /// axes summed out otherwise.
    public func logAbsDetJacobian(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try ladjAD(x) }
    }

    /// The same bijector with affine parameters as constants on `tape`.
    func rebased(on tape: Tape) -> Bijector {
        switch self {
        case .affine(let s, let t): return .affine(scale: tape.constant(s.value), shift: tape.constant(t.value))
        case .chain(let bs): return .chain(bs.map { $0.rebased(on: tape) })
        default: return self
        }
    }

    // MARK: - Implementations on the tape

    func forwardAD(_ x: Variable) throws(AutodiffError) -> Variable {
        switch self {
        case .identity: return x
        case .exp: return try x.exp()
        case .sigmoid: return try x.sigmoid()
        case .tanh: return try x.tanh()
        case .softplus: return try x.softplus()
        case .affine(let s, let t): return try x * s + t
        case .interval(let a, let b): return try x.sigmoid() * (b - a) + a
        case .lower(let a): return try x.softplus() + a
        case .upper(let b): return try b - x.softplus()
        case .simplex: return try Bijector.padded(x).softmax(axis: -1)
        case .lowerCholesky:
            let (strict, diag) = try Bijector.triangleMasks(x)
            return try x * strict + x.softplus() * diag
        case .positiveDefinite:
            let l = try Bijector.lowerCholesky.forwardAD(x)
            return try Variable.matmul(l, Bijector.transposeLast(l))
        case .chain(let bs):
            var y = x
            for b in bs { y = try b.forwardAD(y) }
            return y
        }
    }

    func inverseAD(_ y: Variable) throws(AutodiffError) -> Variable {
        switch self {
        case .identity: return y
        case .exp: return try y.log()
        case .sigmoid: return try y.log() - y.negated().log1p()
        case .tanh: return try (y.log1p() - y.negated().log1p()) * 0.5
        case .softplus: return try Bijector.softplusInverse(y)
        case .affine(let s, let t): return try (y - t) / s
        case .interval(let a, let b):
            let u = try (y - a) / (b - a)
            return try u.log() - u.negated().log1p()
        case .lower(let a): return try Bijector.softplusInverse(y - a)
        case .upper(let b): return try Bijector.softplusInverse(b - y)
        case .simplex:
            // x_i = log y_i − log y_K
            let k = y.shape.last ?? 0
            let lead = [TensorIndex](repeating: .all, count: Swift.max(y.shape.count - 1, 0))
            let head = try y.index(lead + [.range(start: 0, stop: k - 1, step: 1)])
            let last = try y.index(lead + [.range(start: k - 1, stop: k, step: 1)])
            return try head.log() - last.log()
        case .lowerCholesky:
            let (strict, diag) = try Bijector.triangleMasks(y)
            // Softplus⁻¹ of the diagonal; off the diagonal 1 is substituted so nothing is NaN.
            let one = y.tape.scalar(1)
            let d = try Bijector.softplusInverse(Variable.select(where: diag.value, y, one))
            return try y * strict + d * diag
        case .positiveDefinite:
            return try Bijector.lowerCholesky.inverseAD(y.cholesky())
        case .chain(let bs):
            var x = y
            for b in bs.reversed() { x = try b.inverseAD(x) }
            return x
        }
    }

    func ladjAD(_ x: Variable) throws(AutodiffError) -> Variable {
        switch self {
        case .identity: return try x * 0
        case .exp: return x
        case .sigmoid:
            // log σ(x) + log σ(−x)
            return try x.logSigmoid() + x.negated().logSigmoid()
        case .tanh:
            // log(1 − tanh²x) = 2(log 2 − x − softplus(−2x))
            return try (Constants.log2 - x - (x * -2).softplus()) * 2
        case .softplus, .lower, .upper:
            return try x.logSigmoid()
        case .affine(let s, _):
            let l = try s.abs().log()
            return try l + x * 0
        case .interval(let a, let b):
            return try x.logSigmoid() + x.negated().logSigmoid() + Foundation.log(b - a)
        case .simplex:
            // det of x ↦ (y_1 … y_{K−1}) is Π_{i=1}^{K} y_i.
            return try Bijector.padded(x).logSoftmax(axis: -1).sum(axis: -1)
        case .lowerCholesky:
            let (_, diag) = try Bijector.triangleMasks(x)
            return try (x.logSigmoid() * diag).sum(axis: -1).sum(axis: -1)
        case .positiveDefinite:
            // d(LLᵀ)/dL on lower-triangular L: det = 2ⁿ Π L_ii^{n−i+1} (i from 1), times the
            // softplus diagonal's Jacobian.
            let n = x.shape.last ?? 0
            let l = try Bijector.lowerCholesky.forwardAD(x)
            let (_, diag) = try Bijector.triangleMasks(x)
            var power = [Double](repeating: 0, count: n * n)
            for i in 0..<n { power[i * n + i] = Double(n - i) }
            let p = x.tape.constant(Tensor(unchecked: [n, n], scalars: power))
            let one = x.tape.scalar(1)
            let logDiag = try Variable.select(where: diag.value, l, one).log()
            let det = try (logDiag * p).sum(axis: -1).sum(axis: -1) + Double(n) * Constants.log2
            return try det + (x.logSigmoid() * diag).sum(axis: -1).sum(axis: -1)
        case .chain(let bs):
            let rank = eventRank
            var total: Variable?
            var y = x
            for b in bs {
                var term = try b.ladjAD(y)
                // Sum an elementwise term over the event axes the chain acts on jointly.
                for _ in 0..<(rank - b.eventRank) { term = try term.sum(axis: -1) }
                if let t = total { total = try t + term } else { total = term }
                y = try b.forwardAD(y)
            }
            if let total { return total }
            return try x * 0
        }
    }

    // MARK: - Helpers

    /// `softplus⁻¹(y) = log(eʸ − 1) = y + log(−expm1(−y))`, exact for large and tiny `y`.
    static func softplusInverse(_ y: Variable) throws(AutodiffError) -> Variable {
        try y + y.negated().expm1().negated().log()
    }

    /// `[x, 0]` along the last axis.
    static func padded(_ x: Variable) throws(AutodiffError) -> Variable {
        var shape = x.shape
        if shape.isEmpty { shape = [1] } else { shape[shape.count - 1] = 1 }
        let zero = x.tape.filled(0, shape)
        return try Variable.concat([x.shape.isEmpty ? x.reshaped([1]) : x, zero], axis: -1)
    }

    /// 0/1 masks of the strict lower triangle and the diagonal for `x`'s last two axes.
    static func triangleMasks(_ x: Variable) throws(AutodiffError) -> (Variable, Variable) {
        let n = x.shape.last ?? 0
        var strict = [Double](repeating: 0, count: n * n), diag = strict
        for i in 0..<n {
            for j in 0..<i { strict[i * n + j] = 1 }
            diag[i * n + i] = 1
        }
        let t = x.tape
        return (t.constant(Tensor(unchecked: [n, n], scalars: strict)), t.constant(Tensor(unchecked: [n, n], scalars: diag)))
    }

    static func transposeLast(_ x: Variable) throws(AutodiffError) -> Variable {
        let r = x.shape.count
        return try x.transposed(Array(0..<(r - 2)) + [r - 1, r - 2])
    }
}
