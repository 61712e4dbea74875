import Foundation
import ThetaAutodiff
import ThetaTensor

/// A set of admissible values: for parameters (checked when a distribution is built), for
/// supports, and for learnable parameters (which are stored unconstrained and mapped in by
/// `bijector`).
public enum Constraint: Sendable, Equatable, CustomStringConvertible {
    /// Any finite or infinite real (NaN excluded).
    case real
    /// `x > 0`.
    case positive
    /// `x ≥ 0`.
    case nonnegative
    /// `0 ≤ x ≤ 1`.
    case unit
    /// Non-negative entries summing to 1 (within 1e-6) along the last axis.
    case simplex
    /// `a ≤ x ≤ b`.
    case interval(Double, Double)
    /// `x > a`.
    case lower(Double)
    /// `x < b`.
    case upper(Double)
    /// Integers.
    case integer
    /// `0, 1, 2, ...`
    case nonnegativeInteger
    /// `0` or `1`.
    case boolean
    /// The integers `a ... b`.
    case integerInterval(Int, Int)
    /// Real vectors (last axis is the event).
    case realVector
    /// Lower-triangular matrices with a positive diagonal (last two axes).
    case lowerCholesky
    /// Symmetric positive-definite matrices (last two axes).
    case positiveDefinite
    /// A support that depends on the parameters (`Uniform`'s `[low, high]`, `Binomial`'s
    /// `0...n`), described in words; `check` accepts every value.
    case dependent(String)

    /// The name the language and messages use: `positive`, `interval(0, 1)`.
    public var description: String {
        switch self {
        case .real: return "real"
        case .positive: return "positive"
        case .nonnegative: return "nonnegative"
        case .unit: return "unit"
        case .simplex: return "simplex"
        case .interval(let a, let b): return "interval(\(Format.number(a)), \(Format.number(b)))"
        case .lower(let a): return "lower(\(Format.number(a)))"
        case .upper(let b): return "upper(\(Format.number(b)))"
        case .integer: return "integer"
        case .nonnegativeInteger: return "nonnegative_integer"
        case .boolean: return "boolean"
        case .integerInterval(let a, let b): return "integer_interval(\(a), \(b))"
        case .realVector: return "real_vector"
        case .lowerCholesky: return "lower_cholesky"
        case .positiveDefinite: return "positive_definite"
        case .dependent(let s): return s
        }
    }

    /// How a message says it: "must be positive", "must be in interval(0, 1)".
    var requirement: String {
        switch self {
        case .real: return "must be a real number (not NaN)"
        case .positive, .nonnegative: return "must be \(description)"
        case .unit: return "must be in [0, 1] (unit)"
        case .simplex: return "must be a simplex (non-negative, summing to 1 along the last axis)"
        case .interval(let a, let b): return "must be in [\(Format.number(a)), \(Format.number(b))] (interval)"
        case .lower(let a): return "must be greater than \(Format.number(a)) (lower)"
        case .upper(let b): return "must be less than \(Format.number(b)) (upper)"
        case .integer: return "must be an integer"
        case .nonnegativeInteger: return "must be a non-negative integer"
        case .boolean: return "must be 0 or 1"
        case .integerInterval(let a, let b): return "must be an integer from \(a) to \(b)"
        case .realVector: return "must be a real vector"
        case .lowerCholesky: return "must be lower triangular with a positive diagonal (lower_cholesky)"
        case .positiveDefinite: return "must be symmetric positive definite"
        case .dependent(let s): return "must be in \(s)"
        }
    }

    /// Whether every entry (every event, for vector and matrix constraints) satisfies it.
    public func check(_ t: Tensor) -> Bool { firstViolation(t) == nil }

    /// The flat index of the first entry that violates the constraint (for vector and matrix
    /// constraints, the first entry of the first offending event), or nil.
    public func firstViolation(_ t: Tensor) -> Int? {
        let s = t.scalars
        func first(_ ok: (Double) -> Bool) -> Int? { s.firstIndex { !ok($0) } }
        switch self {
        case .real, .realVector: return first { !$0.isNaN }
        case .positive: return first { $0 > 0 }
        case .nonnegative: return first { $0 >= 0 }
        case .unit: return first { $0 >= 0 && $0 <= 1 }
        case .interval(let a, let b): return first { $0 >= a && $0 <= b }
        case .lower(let a): return first { $0 > a }
        case .upper(let b): return first { $0 < b }
        case .integer: return first { $0.isFinite && $0 == $0.rounded() }
        case .nonnegativeInteger: return first { $0 >= 0 && $0.isFinite && $0 == $0.rounded() }
        case .boolean: return first { $0 == 0 || $0 == 1 }
        case .integerInterval(let a, let b):
            return first { $0 >= Double(a) && $0 <= Double(b) && $0 == $0.rounded() }
        case .dependent: return nil
        case .simplex:
            guard let k = t.shape.last, k > 0 else { return t.count == 0 ? nil : 0 }
            for row in 0..<(t.count / k) {
                var total = 0.0
                for j in 0..<k {
                    let v = s[row * k + j]
                    if !(v >= 0) { return row * k + j }
                    total += v
                }
                if !(Swift.abs(total - 1) <= 1e-6) { return row * k }
            }
            return nil
        case .lowerCholesky, .positiveDefinite:
            guard t.rank >= 2, let n = t.shape.last, t.shape[t.rank - 2] == n else { return t.count == 0 ? nil : 0 }
            for m in 0..<(n == 0 ? 0 : t.count / (n * n)) {
                let o = m * n * n
                for i in 0..<n {
                    for j in 0..<n {
                        let v = s[o + i * n + j]
                        if v.isNaN { return o + i * n + j }
                        if self == .lowerCholesky {
                            if j > i && v != 0 { return o + i * n + j }
                            if j == i && !(v > 0) { return o + i * n + j }
                        } else if j < i && v != s[o + j * n + i] {
                            return o + i * n + j
                        }
                    }
                }
                if self == .positiveDefinite {
                    let one = Tensor(unchecked: [n, n], scalars: Array(s[o..<(o + n * n)]))
                    do { _ = try LinearAlgebra.cholesky(one) } catch { return o }
                }
            }
            return nil
        }
    }

    /// The bijector from unconstrained reals onto the set (nil for discrete sets and
    /// parameter-dependent ones): `positive` softplus, `unit` sigmoid, `simplex` softmax with
    /// the last logit fixed at 0, `interval(a, b)` `a + (b − a)σ`, `lower(a)` `a + softplus`,
    /// `upper(b)` `b − softplus`, `lower_cholesky` softplus on the diagonal.
    public var bijector: Bijector? {
        switch self {
        case .real, .realVector: return .identity
        case .positive, .nonnegative: return .softplus
        case .unit: return .sigmoid
        case .simplex: return .simplex
        case .interval(let a, let b): return .interval(a, b)
        case .lower(let a): return .lower(a)
        case .upper(let b): return .upper(b)
        case .lowerCholesky: return .lowerCholesky
        case .positiveDefinite: return .positiveDefinite
        case .integer, .nonnegativeInteger, .boolean, .integerInterval, .dependent: return nil
        }
    }

    /// Whether values are integers.
    public var isDiscrete: Bool {
        switch self {
        case .integer, .nonnegativeInteger, .boolean, .integerInterval: return true
        default: return false
        }
    }
}

/// Validation of constructor arguments against their constraints.
enum Validate {
    /// Throws unless `value` satisfies `constraint`: "Normal: sigma must be positive, got -1"
    /// (for a tensor: "got -1 at index [1] of a tensor [3]").
    static func parameter(_ family: String, _ name: String, _ value: Tensor,
                          _ constraint: Constraint) throws(ProbabilityError) {
        guard let k = constraint.firstViolation(value) else { return }
        let got: String
        if value.count == 1 {
            got = Format.number(value.scalars[0])
        } else {
            var rest = k, position: [Int] = []
            for st in Tensor.strides(value.shape) { position.append(rest / st); rest %= st }
            got = "\(Format.number(value.scalars[k])) at index \(position) of a tensor \(Tensor.describe(value.shape))"
        }
        throw ProbabilityError(.invalidParameter, "\(family): \(name) \(constraint.requirement), got \(got)")
    }
}
