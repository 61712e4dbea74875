import Foundation
import ThetaAutodiff
import ThetaTensor

/// Where a parameter may live, and the bijection from all reals onto it through which the
/// parameter is stored (`forward`: unconstrained → constrained; `inverse` the other way).
///
/// - real: identity.
/// - positive: softplus, `y = log(1 + eˣ)`, inverse `x = y + log(−expm1(−y))`: both stable for
///   tiny and huge values (exp would overflow the step for large values, softplus grows linearly).
/// - unit: sigmoid, inverse `logit(y) = log y − log1p(−y)`.
/// - interval(a, b): `a + (b − a)·sigmoid(x)`.
/// - lower(a): `a + softplus(x)`.
/// - simplex: softmax along the last axis, inverse `log y` (softmax is shift-invariant, so the
///   stored vector has one redundant degree of freedom, harmless to gradient steps).
public enum ParameterConstraint: Sendable, Equatable {
    case real, positive, unit, simplex
    case interval(Double, Double)
    case lower(Double)

    public var name: String {
        switch self {
        case .real: return "real"
        case .positive: return "positive"
        case .unit: return "unit"
        case .simplex: return "simplex"
        case .interval(let a, let b): return "interval(\(Display.number(a)), \(Display.number(b)))"
        case .lower(let a): return "lower(\(Display.number(a)))"
        }
    }

    /// Whether every element of `y` satisfies the constraint (the simplex: non-negative entries
    /// summing to 1 along the last axis, to 1e-9).
    public func contains(_ y: Tensor) -> Bool {
        switch self {
        case .real: return y.scalars.allSatisfy { !$0.isNaN }
        case .positive: return y.scalars.allSatisfy { $0 > 0 && $0.isFinite }
        case .unit: return y.scalars.allSatisfy { $0 > 0 && $0 < 1 }
        case .interval(let a, let b): return y.scalars.allSatisfy { $0 > a && $0 < b }
        case .lower(let a): return y.scalars.allSatisfy { $0 > a && $0.isFinite }
        case .simplex:
            guard let k = y.shape.last, k > 0, y.scalars.allSatisfy({ $0 > 0 }) else { return false }
            var i = 0
            while i < y.count {
                var s = 0.0
                for j in i..<(i + k) { s += y.scalars[j] }
                if abs(s - 1) > 1e-9 { return false }
                i += k
            }
            return true
        }
    }

    /// The constrained value of `x`, on plain tensors.
    public func forward(_ x: Tensor) -> Tensor {
        switch self {
        case .real: return x
        case .positive: return x.apply(.softplus)
        case .unit: return x.apply(.sigmoid)
        case .interval(let a, let b): return x.map { a + (b - a) * UnaryFunction.sigmoid.apply($0) }
        case .lower(let a): return x.map { a + UnaryFunction.softplus.apply($0) }
        case .simplex: return (try? x.softmax(axis: -1)) ?? x
        }
    }

    /// The constrained value of `x`, recorded on its tape.
    public func forward(_ x: Variable) throws(AutodiffError) -> Variable {
        switch self {
        case .real: return x
        case .positive: return try x.softplus()
        case .unit: return try x.sigmoid()
        case .interval(let a, let b): return try x.sigmoid().affine(scale: b - a, shift: a)
        case .lower(let a): return try x.softplus().affine(scale: 1, shift: a)
        case .simplex: return try x.softmax(axis: -1)
        }
    }

    /// The unconstrained value whose `forward` is `y`.
    /// - Throws: when `y` does not satisfy the constraint, naming the constraint.
    public func inverse(_ y: Tensor) throws(TensorError) -> Tensor {
        guard contains(y) else {
            let shown = y.count == 1 ? Display.number(y.scalars[0]) : "of shape \(Tensor.describe(y.shape))"
            throw TensorError("the value \(shown) is not \(description)")
        }
        func softplusInverse(_ v: Double) -> Double { v > 30 ? v + Foundation.log(-Foundation.expm1(-v)) : Foundation.log(Foundation.expm1(v)) }
        func logit(_ p: Double) -> Double { Foundation.log(p) - Foundation.log1p(-p) }
        switch self {
        case .real: return y
        case .positive: return y.map(softplusInverse)
        case .unit: return y.map(logit)
        case .interval(let a, let b): return y.map { logit(($0 - a) / (b - a)) }
        case .lower(let a): return y.map { softplusInverse($0 - a) }
        case .simplex: return y.map { Foundation.log($0) }
        }
    }

    /// The constraint in words, for errors: "positive", "in the interval (0, 1)", ...
    public var description: String {
        switch self {
        case .real: return "a real number (not nan)"
        case .positive: return "positive"
        case .unit: return "in (0, 1)"
        case .simplex: return "on the simplex (positive, summing to 1 along the last axis)"
        case .interval(let a, let b): return "in the interval (\(Display.number(a)), \(Display.number(b)))"
        case .lower(let a): return "greater than \(Display.number(a))"
        }
    }
}
