import ThetaAutodiff
import ThetaSyntax
import ThetaTensor

/// Runs a tensor operation, locating its error at the call.
@inline(__always)
func tensorOp(_ ctx: CallContext, _ body: () throws(TensorError) -> Tensor) throws -> Value {
    do { return Value.from(try body()) } catch { throw ctx.error(error.message) }
}

/// A shape given as numbers `zeros(2, 3)` or one list/tensor `zeros([2, 3])` / `zeros(x.shape)`.
func shapeArgument(_ values: [Value], _ spans: [Span], _ ctx: CallContext) throws -> [Int] {
    func whole(_ x: Double, _ span: Span) throws -> Int {
        guard x.isFinite, x == x.rounded() else {
            throw Diagnostic(.runtime, "a dimension must be a whole number, got \(Display.number(x))", at: span)
        }
        guard abs(x) <= Double(Tensor.maxElements) else {
            throw Diagnostic(.runtime, "dimension \(Display.number(x)) is too large to allocate (limit \(Tensor.maxElements) elements)", at: span)
        }
        return Int(x)
    }
    if values.count == 1 {
        switch values[0] {
        case .tensor(let t) where t.rank == 1: return try t.scalars.map { try whole($0, spans[0]) }
        case .list(let xs) where xs.isEmpty: return []
        default: break
        }
    }
    return try zip(values, spans).map { v, s in
        guard case .number(let x) = v else {
            throw Diagnostic(.runtime, "a shape is whole numbers, got \(v.typeName)", at: s)
        }
        return try whole(x, s)
    }
}

/// An `axis:` argument: none for all axes, a number, or a list of numbers.
func axesArgument(_ v: Value, _ span: Span) throws -> [Int]? {
    switch v {
    case .none: return nil
    case .number(let x) where x == x.rounded() && abs(x) < 1e9: return [Int(x)]
    case .tensor(let t) where t.rank == 1 && t.scalars.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e9 }):
        return t.scalars.map { Int($0) }
    default: throw Diagnostic(.runtime, "axis must be a whole number or a list of them, got \(v.typeName)", at: span)
    }
}

func tensorList(_ v: Value, _ span: Span, _ what: String) throws -> [Tensor] {
    guard case .list(let xs) = v else {
        if case .tensor(let t) = v {  // a stacked tensor literal: its rows
            return try (0..<(t.shape.first ?? 0)).map { try Indexing.row(t, $0, span: span) }
        }
        throw Diagnostic(.runtime, "\(what) expects a list of tensors, got \(v.typeName)", at: span)
    }
    return try xs.map { try Coerce.tensor($0, at: span, what: what) }
}

private func creation(_ name: String, _ doc: String, _ make: @escaping @Sendable ([Int]) throws(TensorError) -> Tensor) -> Builtin {
    Builtin(name, variadic: true, doc: doc) { args, ctx in
        let shape = try shapeArgument(args.rest, args.restSpans, ctx)
        return try tensorOp(ctx) { () throws(TensorError) in try make(shape) }
    }
}

private func reduction(_ name: String, _ r: Reduction, _ doc: String) -> Builtin {
    Builtin(name, [.init("x"), .init("axis", .noneValue), .init("keepdims", .bool(false))], doc: doc) { args, ctx in
        if TrackedBuiltins.involved(args[0]), r != .argmax, r != .argmin {
            return try TrackedBuiltins.reduce(name, args, ctx)
        }
        let x = try args.tensor(0)
        let axes = try axesArgument(args[1], args.spans[1])
        let keep = try args.bool(2)
        return try tensorOp(ctx) { () throws(TensorError) in try x.reduce(r, axes: axes, keepDims: keep) }
    }
}

let tensorBuiltins: [Builtin] = [
    creation("zeros", "A tensor of zeros: zeros(2, 3) or zeros([2, 3]).") { s throws(TensorError) in try Tensor.zeros(s) },
    creation("ones", "A tensor of ones: ones(2, 3) or ones([2, 3]).") { s throws(TensorError) in try Tensor.ones(s) },
    Builtin("full", [.init("shape"), .init("value")], doc: "A tensor of the given shape filled with value: full([2, 3], 0.5).") { args, ctx in
        let shape = try shapeArgument([args[0]], [args.spans[0]], ctx)
        let v = try args.number(1)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.full(shape, v) }
    },
    Builtin("eye", [.init("n")], doc: "The n×n identity matrix.") { args, ctx in
        let n = try args.int(0)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.eye(n) }
    },
    Builtin("linspace", [.init("start"), .init("stop"), .init("n", .number(50))], doc: "n evenly spaced numbers from start to stop, both included.") { args, ctx in
        let a = try args.number(0), b = try args.number(1), n = try args.int(2)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.linspace(a, b, count: n) }
    },
    Builtin("arange", [.init("start"), .init("stop", .noneValue), .init("step", .number(1))], doc: "Numbers from start (inclusive) to stop (exclusive) by step; arange(n) is 0..n-1.") { args, ctx in
        var start = try args.number(0)
        var stop: Double
        if case .none = args[1] { stop = start; start = 0 } else { stop = try args.number(1) }
        let step = try args.number(2)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.arange(start: start, stop: stop, step: step) }
    },
    Builtin("reshape", [.init("x")], variadic: true, doc: "The same elements in a new shape: reshape(x, 2, 3) or reshape(x, [2, -1]); -1 is inferred.") { args, ctx in
        let x = try args.tensor(0)
        var dims: [Int] = []
        if args.rest.count == 1, case .tensor(let t) = args.rest[0] { dims = t.scalars.map { Int($0) } }
        else {
            for (v, s) in zip(args.rest, args.restSpans) {
                guard case .number(let d) = v, d == d.rounded(), abs(d) < 1e12 else {
                    throw Diagnostic(.runtime, "reshape: a dimension must be a whole number", at: s)
                }
                dims.append(Int(d))
            }
        }
        if case .tracked(let t) = args[0] { return try TrackedBuiltins.reshape(t.variable, dims, ctx) }
        return try tensorOp(ctx) { () throws(TensorError) in try x.reshaped(dims) }
    },
    Builtin("transpose", [.init("x"), .init("axes", .noneValue)], doc: "Reverses the axes (x.T), or permutes them by axes.") { args, ctx in
        if TrackedBuiltins.involved(args[0]) { return try TrackedBuiltins.transpose(args, ctx) }
        let x = try args.tensor(0)
        let axes = try axesArgument(args[1], args.spans[1])
        return try tensorOp(ctx) { () throws(TensorError) in try x.transposed(axes) }
    },
    Builtin("flatten", [.init("x")], doc: "The elements as a 1-d tensor.") { args, _ in
        .tensor(try args.tensor(0).flatten())
    },
    Builtin("squeeze", [.init("x"), .init("axis", .noneValue)], doc: "Removes axes of extent 1 (all of them, or the one given).") { args, ctx in
        let x = try args.tensor(0), axis = try args.optionalInt(1)
        return try tensorOp(ctx) { () throws(TensorError) in try x.squeeze(axis: axis) }
    },
    Builtin("expand_dims", [.init("x"), .init("axis")], doc: "Inserts an axis of extent 1 at axis.") { args, ctx in
        let x = try args.tensor(0), axis = try args.int(1)
        return try tensorOp(ctx) { () throws(TensorError) in try x.expandDims(axis: axis) }
    },
    Builtin("concat", [.init("xs"), .init("axis", .number(0))], doc: "Joins a list of tensors along an existing axis.") { args, ctx in
        if TrackedBuiltins.involved(args[0]) { return try TrackedBuiltins.join(false, args, ctx) }
        let ts = try tensorList(args[0], args.spans[0], "concat"), axis = try args.int(1)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.concat(ts, axis: axis) }
    },
    Builtin("stack", [.init("xs"), .init("axis", .number(0))], doc: "Joins a list of same-shape tensors along a new axis.") { args, ctx in
        if TrackedBuiltins.involved(args[0]) { return try TrackedBuiltins.join(true, args, ctx) }
        let ts = try tensorList(args[0], args.spans[0], "stack"), axis = try args.int(1)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.stack(ts, axis: axis) }
    },
    Builtin("where", [.init("condition"), .init("a"), .init("b")], doc: "Elementwise choice: a where condition is non-zero, else b (all three broadcast).") { args, ctx in
        if TrackedBuiltins.involved(args[1], args[2]) { return try TrackedBuiltins.select(args, ctx) }
        let c = try args.tensor(0), a = try args.tensor(1), b = try args.tensor(2)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.select(where: c, a, b) }
    },
    Builtin("gather", [.init("x"), .init("indices"), .init("axis", .number(0))], doc: "Selects entries of x along axis by a tensor of indices (negative counts from the end).") { args, ctx in
        if TrackedBuiltins.involved(args[0]) { return try TrackedBuiltins.gather(args, ctx) }
        let x = try args.tensor(0), i = try args.tensor(1), axis = try args.int(2)
        return try tensorOp(ctx) { () throws(TensorError) in try x.gather(i, axis: axis) }
    },
    Builtin("matmul_add", [.init("x"), .init("W"), .init("b")], doc: "x @ W + b, the affine map of a dense layer, with the bias added by the matrix product itself (one pass fewer).") { args, ctx in
        if TrackedBuiltins.involved(args[0], args[1], args[2]) {
            let x = try TrackedBuiltins.variable(args, 0, ctx)
            let w = try TrackedBuiltins.variable(args, 1, ctx)
            let b = try TrackedBuiltins.variable(args, 2, ctx)
            return try TrackedBuiltins.record(ctx) { () throws(AutodiffError) in try Variable.matmulAdd(x, w, b) }
        }
        let x = try args.tensor(0), w = try args.tensor(1), b = try args.tensor(2)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.matmulAdd(x, w, b) }
    },
    Builtin("softmax", [.init("x"), .init("axis", .number(-1))], doc: "exp(x) / sum(exp(x)) along axis, computed without overflow.") { args, ctx in
        if TrackedBuiltins.involved(args[0]) { return try TrackedBuiltins.softmax(false, args, ctx) }
        let x = try args.tensor(0), axis = try args.int(1)
        return try tensorOp(ctx) { () throws(TensorError) in try x.softmax(axis: axis) }
    },
    Builtin("log_softmax", [.init("x"), .init("axis", .number(-1))], doc: "x - logsumexp(x) along axis, computed without overflow.") { args, ctx in
        if TrackedBuiltins.involved(args[0]) { return try TrackedBuiltins.softmax(true, args, ctx) }
        let x = try args.tensor(0), axis = try args.int(1)
        return try tensorOp(ctx) { () throws(TensorError) in try x.logSoftmax(axis: axis) }
    },
    reduction("sum", .sum, "Sum of the elements, or along axis: (keepdims: keeps the reduced axes with extent 1)."),
    reduction("mean", .mean, "Mean of the elements, or along axis:."),
    reduction("prod", .prod, "Product of the elements, or along axis:."),
    reduction("logsumexp", .logsumexp, "log(sum(exp(x))), or along axis:, without overflow."),
    reduction("var", .variance, "Variance (population, dividing by n), or along axis:."),
    reduction("std", .std, "Standard deviation (population, dividing by n), or along axis:."),
    reduction("argmax", .argmax, "Index of the largest element (of the flattened tensor), or along axis:."),
    reduction("argmin", .argmin, "Index of the smallest element (of the flattened tensor), or along axis:."),
    Builtin("max", [.init("x"), .init("y", .noneValue), .init("axis", .noneValue), .init("keepdims", .bool(false))], doc: """
        The largest element of x (or along axis:); max(x, y) is the elementwise maximum.
        """) { args, ctx in
        try extremum(args, ctx, .max) { Swift.max($0, $1) }
    },
    Builtin("min", [.init("x"), .init("y", .noneValue), .init("axis", .noneValue), .init("keepdims", .bool(false))], doc: """
        The smallest element of x (or along axis:); min(x, y) is the elementwise minimum.
        """) { args, ctx in
        try extremum(args, ctx, .min) { Swift.min($0, $1) }
    },
    Builtin("any", [.init("x")], doc: "True when some element is non-zero.") { args, _ in
        .bool(try args.tensor(0).scalars.contains { $0 != 0 })
    },
    Builtin("all", [.init("x")], doc: "True when every element is non-zero.") { args, _ in
        .bool(try args.tensor(0).scalars.allSatisfy { $0 != 0 })
    },
    Builtin("tolist", [.init("x")], doc: "A tensor's rows as a list (numbers for a 1-d tensor).") { args, ctx in
        .list(try elements(of: .tensor(try args.tensor(0)), ctx, what: "tolist"))
    },
]

/// max/min: a reduction of one tensor, or the elementwise extremum of two (NaN propagates).
private func extremum(_ args: Arguments, _ ctx: CallContext, _ r: Reduction,
                      _ pick: @escaping (Double, Double) -> Double) throws -> Value {
    if TrackedBuiltins.involved(args[0], args[1]) { return try TrackedBuiltins.extremum(r == .max, args, ctx) }
    let x = try args.tensor(0)
    if case .none = args[1] {
        let axes = try axesArgument(args[2], args.spans[2])
        let keep = try args.bool(3)
        return try tensorOp(ctx) { () throws(TensorError) in try x.reduce(r, axes: axes, keepDims: keep) }
    }
    let y = try args.tensor(1)
    return try tensorOp(ctx) { () throws(TensorError) in
        try Tensor.zip(x, y, op: r.rawValue) { a, b in a.isNaN || b.isNaN ? .nan : pick(a, b) }
    }
}
