import Foundation
import ThetaTensor

/// Elementwise binary operations with NumPy broadcasting. A `Double` operand of `+`, `-` and
/// `*` is folded into one `affine` node; other constant operands are recorded as constants.
extension Tape {
    /// Records an elementwise binary primitive computed by `f` with broadcasting.
    @inline(__always)
    func binary(_ op: Primitive, _ a: Variable, _ b: Variable,
                _ f: (Double, Double) -> Double) throws(AutodiffError) -> Variable {
        try check(a, op)
        try check(b, op)
        let v: Tensor
        do throws(TensorError) {
            v = try Kernel.zip(a.value, b.value, op: op.name, f)
        } catch {
            throw forwardError(error, op)
        }
        return try record(op, v, a, b)
    }

    /// Records an elementwise unary primitive computed by ThetaTensor's kernel for `f`.
    @inline(__always)
    func unary(_ op: Primitive, _ a: Variable, _ f: UnaryFunction) throws(AutodiffError) -> Variable {
        try check(a, op)
        return try record(op, Kernel.apply(f, a.value), a)
    }

    /// Records an elementwise unary primitive computed by `f`.
    @inline(__always)
    func unary(_ op: Primitive, _ a: Variable, _ f: (Double) -> Double) throws(AutodiffError) -> Variable {
        try check(a, op)
        return try record(op, Kernel.map(a.value, f), a)
    }
}

extension Variable {
    public static func + (l: Variable, r: Variable) throws(AutodiffError) -> Variable {
        try l.tape.binary(.add, l, r) { $0 + $1 }
    }
    public static func - (l: Variable, r: Variable) throws(AutodiffError) -> Variable {
        try l.tape.binary(.sub, l, r) { $0 - $1 }
    }
    public static func * (l: Variable, r: Variable) throws(AutodiffError) -> Variable {
        try l.tape.binary(.mul, l, r) { $0 * $1 }
    }
    public static func / (l: Variable, r: Variable) throws(AutodiffError) -> Variable {
        try l.tape.binary(.div, l, r) { $0 / $1 }
    }
    public static prefix func - (x: Variable) throws(AutodiffError) -> Variable {
        try x.tape.unary(.neg, x) { -$0 }
    }

    /// `self ^ exponent` elementwise, both differentiable (`log` of a negative base makes the
    /// exponent's gradient NaN, as in PyTorch).
    public func pow(_ exponent: Variable) throws(AutodiffError) -> Variable {
        try tape.binary(.pow, self, exponent) { Foundation.pow($0, $1) }
    }

    /// `self ^ p` for a constant `p`. The common exponents 2, 1/2 and −1 go to their own
    /// primitives (square, sqrt, division), which are exact and several times cheaper than `pow`.
    public func pow(_ p: Double) throws(AutodiffError) -> Variable {
        switch p {
        case 2: return try square()
        case 0.5: return try sqrt()
        case -1: return try 1.0 / self
        default: return try tape.unary(.powConst(p), self) { Foundation.pow($0, p) }
        }
    }

    /// Elementwise minimum; at ties each side receives half the gradient.
    public static func minimum(_ a: Variable, _ b: Variable) throws(AutodiffError) -> Variable {
        try a.tape.binary(.minimum, a, b) { $0 <= $1 || $0.isNaN ? $0 : $1 }
    }

    /// Elementwise maximum; at ties each side receives half the gradient.
    public static func maximum(_ a: Variable, _ b: Variable) throws(AutodiffError) -> Variable {
        try a.tape.binary(.maximum, a, b) { $0 >= $1 || $0.isNaN ? $0 : $1 }
    }

    /// `min(max(x, lower), upper)`; a nil bound is no bound. The gradient passes where
    /// `lower ≤ x ≤ upper` (PyTorch `clamp`).
    public func clamp(min lower: Double? = nil, max upper: Double? = nil) throws(AutodiffError) -> Variable {
        let lo = lower ?? -.infinity, hi = upper ?? .infinity
        return try tape.unary(.clamp(lower: lo, upper: hi), self) { x in
            x.isNaN ? x : Swift.min(Swift.max(x, lo), hi)
        }
    }

    /// `scale·x + shift`, one node.
    public func affine(scale: Double, shift: Double) throws(AutodiffError) -> Variable {
        let op = Primitive.affine(scale: scale, shift: shift)
        if shift == 0 { return try tape.unary(op, self) { $0 * scale } }
        if scale == 1 { return try tape.unary(op, self) { $0 + shift } }
        return try tape.unary(op, self) { $0 * scale + shift }
    }

    public static func + (l: Variable, r: Double) throws(AutodiffError) -> Variable { try l.affine(scale: 1, shift: r) }
    public static func + (l: Double, r: Variable) throws(AutodiffError) -> Variable { try r.affine(scale: 1, shift: l) }
    public static func - (l: Variable, r: Double) throws(AutodiffError) -> Variable { try l.affine(scale: 1, shift: -r) }
    public static func - (l: Double, r: Variable) throws(AutodiffError) -> Variable { try r.affine(scale: -1, shift: l) }
    public static func * (l: Variable, r: Double) throws(AutodiffError) -> Variable { try l.affine(scale: r, shift: 0) }
    public static func * (l: Double, r: Variable) throws(AutodiffError) -> Variable { try r.affine(scale: l, shift: 0) }
    /// Division by a constant divides (it does not multiply by the reciprocal), so results
    /// agree with `Tensor.div` to the last bit.
    public static func / (l: Variable, r: Double) throws(AutodiffError) -> Variable {
        try l / l.tape.constant(Tensor(r))
    }
    public static func / (l: Double, r: Variable) throws(AutodiffError) -> Variable {
        try r.tape.constant(Tensor(l)) / r
    }

    /// `where(condition ≠ 0, a, b)` elementwise, all three broadcast together. The condition
    /// carries no gradient.
    public static func select(where condition: Tensor, _ a: Variable, _ b: Variable) throws(AutodiffError) -> Variable {
        let tape = a.tape
        let probe = Primitive.select(condition: 0)
        try tape.check(a, probe)
        try tape.check(b, probe)
        let v: Tensor
        do throws(TensorError) {
            v = try Tensor.select(where: condition, a.value, b.value)
        } catch {
            throw tape.forwardError(error, probe)
        }
        guard tape.isRecording, a.isTracked || b.isTracked else { return Variable(untracked: v, tape: tape) }
        let c = try tape.constantReference(condition)
        return try tape.push(.select(condition: c), v, tape.reference(a), tape.reference(b))
    }
}
