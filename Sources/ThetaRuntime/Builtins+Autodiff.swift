import ThetaAutodiff
import ThetaSyntax
import ThetaTensor

/// `grad(f, x, ...)`: reverse-mode gradients of a Theta function, recorded on the runtime's
/// tape (ThetaAutodiff owns every rule).
let autodiffBuiltins: [Builtin] = [
    Builtin("grad", [.init("f")], variadic: true, doc: """
        The gradient of f at a point: grad(f, x) is df/dx, with the shape of x (a number for a
        number). With several points, grad(f, x, y) differentiates f(x, y) in each and returns
        the list [df/dx, df/dy]. f must return one number.
        Inside a fit or another grad the gradient is itself differentiable, so a loss may use
        it (a gradient penalty, a score −grad(energy)) and grad(x => grad(f, x), x) is f''.
        Example: grad(x => sum(x^2), [1, 2, 3]) is [2, 4, 6].
        """) { args, ctx in
        try Gradient.take(args, ctx)
    },
]

enum Gradient {
    static func take(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let rt = ctx.runtime
        guard !args.rest.isEmpty else {
            throw ctx.error("grad needs a point to differentiate at", hint: "grad(f, x)")
        }
        if rt.differentiating { return try nested(args, ctx) }
        let tape = rt.tape
        tape.reset()
        rt.differentiating = true
        defer {
            rt.differentiating = false
            tape.reset()
        }
        var leaves: [Variable] = []
        for (v, s) in zip(args.rest, args.restSpans) {
            leaves.append(tape.leaf(try Coerce.tensor(v, at: s, what: "grad: the point")))
        }
        let y = try scalarValue(of: args[0], at: leaves, ctx)
        let grads: [Tensor]
        do {
            grads = try tape.gradient(of: y, wrt: leaves, seed: Tensor(unchecked: y.shape, scalars: [1]))
        } catch {
            let at = error.origin.flatMap { rt.origins.span($0) } ?? ctx.span
            throw Diagnostic(.runtime, "in the backward pass: \(error.message)", at: at)
        }
        let values = grads.map { Value.from($0) }
        return values.count == 1 ? values[0] : .list(values)
    }

    /// `grad` inside a fit or another `grad`: the gradient is recorded on the running tape
    /// (`Tape.differentiableGradient`), so it is a tracked value that the enclosing loss or
    /// gradient differentiates again. A tracked point is passed to f through a node of its own,
    /// so that only the paths through f's argument count; an untracked point becomes a leaf.
    static func nested(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let rt = ctx.runtime
        let tape = rt.tape
        var points: [Variable] = []
        for (v, s) in zip(args.rest, args.restSpans) {
            let x = try Differentiable.variable(v, rt, at: s, what: "grad: the point")
            if x.isTracked {
                tape.currentOrigin = rt.origins.tag(s)
                do { points.append(try x * 1.0) } catch { throw Diagnostic(.runtime, error.message, at: s) }
            } else {
                points.append(tape.leaf(x.value))
            }
        }
        let y = try scalarValue(of: args[0], at: points, ctx)
        let values = try recordedGradient(of: y, wrt: points, ctx).map(Differentiable.value)
        return values.count == 1 ? values[0] : .list(values)
    }

    /// The gradients of the one-element `y` in `points` (variables on the runtime's tape),
    /// recorded so that they can be differentiated again.
    static func recordedGradient(of y: Variable, wrt points: [Variable], _ ctx: CallContext) throws -> [Variable] {
        let rt = ctx.runtime
        do {
            return try rt.tape.differentiableGradient(of: y, wrt: points, seed: Tensor(unchecked: y.shape, scalars: [1]))
        } catch {
            let at = error.origin.flatMap { rt.origins.span($0) } ?? ctx.span
            throw Diagnostic(.runtime, "in the backward pass of a gradient that is differentiated again: \(error.message)", at: at)
        }
    }

    /// f called at `points` (recorded), checked to return one number.
    private static func scalarValue(of f: Value, at points: [Variable], _ ctx: CallContext) throws -> Variable {
        let result = try Calls.callValue(f, points.map { .tracked(Tracked($0)) }, ctx: ctx)
        let y = try Differentiable.variable(result, ctx.runtime, at: ctx.span, what: "grad: the value of f")
        guard y.value.count == 1 else {
            throw ctx.error("grad needs f to return one number, but it returned a tensor of shape \(Tensor.describe(y.shape))",
                            hint: "reduce it first, for example with sum(...) or mean(...)")
        }
        return y
    }

    /// Runs `body` with the runtime's tape in use for recording: as it is inside a fit or
    /// `grad`, otherwise on a cleared tape that is cleared again afterwards (so `body` must
    /// read the values it needs before returning).
    static func onTape<R>(_ rt: Runtime, _ body: () throws -> R) throws -> R {
        if rt.differentiating { return try body() }
        rt.tape.reset()
        rt.differentiating = true
        defer {
            rt.differentiating = false
            rt.tape.reset()
        }
        return try body()
    }
}
