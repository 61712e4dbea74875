import ThetaAutodiff
import ThetaSyntax
import ThetaTensor

/// The bridge between values and the tape: operators and builtins come here when an operand is
/// `.tracked`, and the operation is recorded through ThetaAutodiff's `Variable` API (which owns
/// every gradient rule). Errors become diagnostics at the span of the expression.
enum Differentiable {
    /// The value as a variable on `tape`: tracked values as they are, numbers and tensors as
    /// untracked constants.
    static func variable(_ v: Value, _ rt: Runtime, at span: Span, what: String) throws -> Variable {
        switch v {
        case .tracked(let t): return t.variable
        case .parameter(let p):
            if case .tracked(let t) = try rt.resolve(p, at: span) { return t.variable }
            return rt.tape.constant(p.value)
        default: return rt.tape.constant(try Coerce.tensor(v, at: span, what: what))
        }
    }

    /// A variable as a value: tracked results stay tracked, untracked ones become plain values.
    @inline(__always)
    static func value(_ v: Variable) -> Value {
        v.isTracked ? .tracked(Tracked(v)) : Value.from(v.value)
    }

    /// Runs a recording operation with the tape's origin set to `span`, turning autodiff errors
    /// into located diagnostics.
    @inline(__always)
    static func recording(_ rt: Runtime, _ span: Span, _ body: () throws(AutodiffError) -> Variable) throws -> Value {
        rt.tape.currentOrigin = rt.origins.tag(span)
        do {
            return value(try body())
        } catch {
            throw Diagnostic(.runtime, error.message, at: span)
        }
    }

    /// `a op b` with at least one tracked operand.
    static func binary(_ op: BinaryOp, _ a: Value, _ b: Value, span: Span, rt: Runtime) throws -> Value {
        // A number on one side folds into one affine node.
        if case .number(let k) = b, case .tracked(let t) = a {
            let x = t.variable
            switch op {
            case .add: return try recording(rt, span) { () throws(AutodiffError) in try x + k }
            case .sub: return try recording(rt, span) { () throws(AutodiffError) in try x - k }
            case .mul: return try recording(rt, span) { () throws(AutodiffError) in try x * k }
            case .div: return try recording(rt, span) { () throws(AutodiffError) in try x / k }
            case .pow: return try recording(rt, span) { () throws(AutodiffError) in try x.pow(k) }
            default: break
            }
        }
        if case .number(let k) = a, case .tracked(let t) = b {
            let y = t.variable
            switch op {
            case .add: return try recording(rt, span) { () throws(AutodiffError) in try k + y }
            case .sub: return try recording(rt, span) { () throws(AutodiffError) in try k - y }
            case .mul: return try recording(rt, span) { () throws(AutodiffError) in try k * y }
            case .div: return try recording(rt, span) { () throws(AutodiffError) in try k / y }
            default: break
            }
        }
        let x = try variable(a, rt, at: span, what: "left operand")
        let y = try variable(b, rt, at: span, what: "right operand")
        switch op {
        case .add: return try recording(rt, span) { () throws(AutodiffError) in try x + y }
        case .sub: return try recording(rt, span) { () throws(AutodiffError) in try x - y }
        case .mul: return try recording(rt, span) { () throws(AutodiffError) in try x * y }
        case .div: return try recording(rt, span) { () throws(AutodiffError) in try x / y }
        case .pow: return try recording(rt, span) { () throws(AutodiffError) in try x.pow(y) }
        case .matmul:
            if x.value.rank == 0 || y.value.rank == 0 {
                throw Diagnostic(.runtime, "@: matrix product needs tensors of rank ≥ 1, got shapes \(Tensor.describe(x.shape)) and \(Tensor.describe(y.shape))", at: span)
            }
            return try recording(rt, span) { () throws(AutodiffError) in try Variable.matmul(x, y) }
        case .mod, .eq, .ne, .lt, .le, .gt, .ge:
            // Piecewise constant in the operands (or, for %, not differentiable at the jumps
            // and of slope 1 elsewhere, which is not worth a rule yet): computed on the values.
            return try Operators.binary(op, Value.from(x.value), Value.from(y.value), span: span, rt: rt)
        }
    }

    static func negate(_ t: Tracked, span: Span, rt: Runtime) throws -> Value {
        try recording(rt, span) { () throws(AutodiffError) in try t.variable.negated() }
    }

    /// An elementwise function of a tracked value. Functions that are piecewise constant
    /// (floor, ceil, round, sign) have zero gradient and are computed on the value.
    static func unary(_ f: UnaryFunction, _ t: Tracked, span: Span, rt: Runtime) throws -> Value {
        let x = t.variable
        switch f {
        case .exp: return try recording(rt, span) { () throws(AutodiffError) in try x.exp() }
        case .log: return try recording(rt, span) { () throws(AutodiffError) in try x.log() }
        case .sqrt: return try recording(rt, span) { () throws(AutodiffError) in try x.sqrt() }
        case .abs: return try recording(rt, span) { () throws(AutodiffError) in try x.abs() }
        case .sin: return try recording(rt, span) { () throws(AutodiffError) in try x.sin() }
        case .cos: return try recording(rt, span) { () throws(AutodiffError) in try x.cos() }
        case .tan:
            return try recording(rt, span) { () throws(AutodiffError) in try x.sin() / x.cos() }
        case .tanh: return try recording(rt, span) { () throws(AutodiffError) in try x.tanh() }
        case .sigmoid: return try recording(rt, span) { () throws(AutodiffError) in try x.sigmoid() }
        case .relu: return try recording(rt, span) { () throws(AutodiffError) in try x.relu() }
        case .softplus: return try recording(rt, span) { () throws(AutodiffError) in try x.softplus() }
        case .log1p: return try recording(rt, span) { () throws(AutodiffError) in try x.log1p() }
        case .expm1: return try recording(rt, span) { () throws(AutodiffError) in try x.expm1() }
        case .square: return try recording(rt, span) { () throws(AutodiffError) in try x.square() }
        case .reciprocal: return try recording(rt, span) { () throws(AutodiffError) in try 1.0 / x }
        case .neg: return try recording(rt, span) { () throws(AutodiffError) in try x.negated() }
        case .floor, .ceil, .round, .sign:
            return Value.from(x.value.apply(f))
        }
    }
}
