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
        guard !rt.differentiating else {
            throw ctx.error("grad inside grad (higher derivatives) is not supported yet")
        }
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
        let result = try Calls.callValue(args[0], leaves.map { .tracked(Tracked($0)) }, ctx: ctx)
        let y = try Differentiable.variable(result, rt, at: ctx.span, what: "grad: the value of f")
        guard y.value.count == 1 else {
            throw ctx.error("grad needs f to return one number, but it returned a tensor of shape \(Tensor.describe(y.shape))",
                            hint: "reduce it first, for example with sum(...) or mean(...)")
        }
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
}
