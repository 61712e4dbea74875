import ThetaAutodiff
import ThetaSyntax
import ThetaTensor

/// The tracked paths of the tensor builtins: when an argument is `.tracked` (inside `grad`),
/// the operation is recorded on the tape so gradients flow through it. Each builtin in
/// Builtins+Tensor.swift asks `TrackedBuiltins.involved` first and comes here when it is true.
enum TrackedBuiltins {
    /// Whether any of `values` (or a list among them) holds a tracked tensor.
    static func involved(_ values: Value...) -> Bool {
        for v in values {
            switch v {
            case .tracked, .parameter: return true
            case .list(let xs) where xs.contains(where: isDifferentiable):
                return true
            default: continue
            }
        }
        return false
    }

    private static func isDifferentiable(_ v: Value) -> Bool {
        switch v {
        case .tracked, .parameter: return true
        default: return false
        }
    }

    static func variable(_ args: Arguments, _ i: Int, _ ctx: CallContext) throws -> Variable {
        try Differentiable.variable(args[i], ctx.runtime, at: args.spans[i], what: "\(args.functionName): '\(args.name(i))'")
    }

    static func record(_ ctx: CallContext, _ body: () throws(AutodiffError) -> Variable) throws -> Value {
        try Differentiable.recording(ctx.runtime, ctx.span, body)
    }

    /// sum, mean, logsumexp over all axes, one axis, or several (reduced one at a time, from
    /// the last, so the remaining axis numbers stay valid).
    static func reduce(_ name: String, _ args: Arguments, _ ctx: CallContext) throws -> Value {
        let x = try variable(args, 0, ctx)
        let axes = try axesArgument(args[1], args.spans[1])
        let keep = try args.bool(2)
        func one(_ v: Variable, _ axis: Int?) throws(AutodiffError) -> Variable {
            switch name {
            case "sum": return try v.sum(axis: axis, keepDims: keep)
            case "mean": return try v.mean(axis: axis, keepDims: keep)
            case "logsumexp": return try v.logSumExp(axis: axis, keepDims: keep)
            case "var", "std":
                let centered = try v - v.mean(axis: axis, keepDims: true)
                let variance = try centered.square().mean(axis: axis, keepDims: keep)
                return name == "var" ? variance : try variance.sqrt()
            default:
                throw AutodiffError(.forward, operation: name, message: "\(name) is not differentiable yet", origin: 0)
            }
        }
        guard let axes, axes.count > 1 else {
            return try record(ctx) { () throws(AutodiffError) in try one(x, axes?.first) }
        }
        let rank = x.value.rank
        let normalized = axes.map { $0 < 0 ? $0 + rank : $0 }.sorted(by: >)
        return try record(ctx) { () throws(AutodiffError) in
            var v = x
            for a in normalized { v = try one(v, a) }
            return v
        }
    }

    /// max(x) / min(x) along axes, or the elementwise maximum / minimum of two values.
    static func extremum(_ isMax: Bool, _ args: Arguments, _ ctx: CallContext) throws -> Value {
        let x = try variable(args, 0, ctx)
        if case .none = args[1] {
            let axes = try axesArgument(args[2], args.spans[2])
            let keep = try args.bool(3)
            guard axes == nil || axes?.count == 1 else {
                throw ctx.error("\(isMax ? "max" : "min") of a tracked tensor takes one axis at a time")
            }
            let axis = axes?.first
            return try record(ctx) { () throws(AutodiffError) in
                isMax ? try x.max(axis: axis, keepDims: keep)
                      : try x.negated().max(axis: axis, keepDims: keep).negated()
            }
        }
        let y = try variable(args, 1, ctx)
        return try record(ctx) { () throws(AutodiffError) in
            isMax ? try Variable.maximum(x, y) : try Variable.minimum(x, y)
        }
    }

    static func softmax(_ log: Bool, _ args: Arguments, _ ctx: CallContext) throws -> Value {
        let x = try variable(args, 0, ctx), axis = try args.int(1)
        return try record(ctx) { () throws(AutodiffError) in
            log ? try x.logSoftmax(axis: axis) : try x.softmax(axis: axis)
        }
    }

    static func reshape(_ x: Variable, _ dims: [Int], _ ctx: CallContext) throws -> Value {
        try record(ctx) { () throws(AutodiffError) in try x.reshaped(dims) }
    }

    static func transpose(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let x = try variable(args, 0, ctx)
        let axes = try axesArgument(args[1], args.spans[1])
        return try record(ctx) { () throws(AutodiffError) in try x.transposed(axes) }
    }

    /// concat / stack of a list whose items may be tracked.
    static func join(_ stacking: Bool, _ args: Arguments, _ ctx: CallContext) throws -> Value {
        guard case .list(let items) = args[0] else {
            throw ctx.error("\(stacking ? "stack" : "concat") expects a list of tensors, got \(args[0].typeName)")
        }
        let vs = try items.map { try Differentiable.variable($0, ctx.runtime, at: args.spans[0], what: args.functionName) }
        let axis = try args.int(1)
        return try record(ctx) { () throws(AutodiffError) in
            stacking ? try Variable.stack(vs, axis: axis) : try Variable.concat(vs, axis: axis)
        }
    }

    static func select(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let c = try args.tensor(0)
        let a = try variable(args, 1, ctx), b = try variable(args, 2, ctx)
        return try record(ctx) { () throws(AutodiffError) in try Variable.select(where: c, a, b) }
    }

    static func gather(_ args: Arguments, _ ctx: CallContext) throws -> Value {
        let x = try variable(args, 0, ctx), i = try args.tensor(1), axis = try args.int(2)
        return try record(ctx) { () throws(AutodiffError) in try x.gather(i, axis: axis) }
    }
}
