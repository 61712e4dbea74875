import Foundation
import ThetaSyntax
import ThetaTensor

/// A lazy integer range `range(n)` / `range(a, b)` / `range(a, b, step)`: loops over it need
/// no tensor.
public final class RangeValue: ThetaObject {
    let start: Int, stop: Int, step: Int
    init(start: Int, stop: Int, step: Int) { self.start = start; self.stop = stop; self.step = step }
    public var typeName: String { "range" }
    public func summary() -> String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }
    var count: Int {
        step > 0 ? max(0, (stop - start + step - 1) / step) : max(0, (start - stop - step - 1) / -step)
    }
    var values: [Value] {
        (0..<count).map { .number(Double(start + $0 * step)) }
    }
}

/// Lists the elements of anything iterable as values (lists, ranges, tensors by rows, strings).
func elements(of v: Value, _ ctx: CallContext, what: String) throws -> [Value] {
    switch v {
    case .list(let xs): return xs
    case .object(let r as RangeValue): return r.values
    case .tensor(let t):
        return try (0..<(t.shape.first ?? 0)).map { Value.from(try Indexing.row(t, $0, span: ctx.span)) }
    case .string(let s): return s.map { .string(String($0)) }
    default: throw ctx.error("\(what) needs a list, range, tensor or string, got \(v.typeName)")
    }
}

let coreBuiltins: [Builtin] = [
    Builtin("print", variadic: true, doc: """
        Prints its arguments separated by spaces, then a newline. Strings print without quotes.
        Example: print("loss", 0.5)
        """) { args, ctx in
        ctx.runtime.output(args.rest.map(Display.text).joined(separator: " "))
        return .none
    },
    Builtin("len", [.init("x")], doc: """
        The number of elements: of a list, characters of a string, rows (first axis) of a tensor,
        fields of a record. A number has no length.
        """) { args, ctx in
        switch args[0] {
        case .list(let xs): return .number(Double(xs.count))
        case .string(let s): return .number(Double(s.count))
        case .tensor(let t): return .number(Double(t.shape.first ?? 0))
        case .tracked(let t) where t.variable.value.rank >= 1: return .number(Double(t.variable.value.shape[0]))
        case .parameter(let p) where p.value.rank >= 1: return .number(Double(p.value.shape[0]))
        case .record(let r): return .number(Double(r.names.count))
        case .object(let r as RangeValue): return .number(Double(r.count))
        case .object(let d as DatasetValue): return .number(Double(d.data.n))
        default: throw args.error(0, "len: \(args[0].typeName) has no length")
        }
    },
    Builtin("range", [.init("a"), .init("b", .noneValue), .init("step", .number(1))], doc: """
        Whole numbers from a (inclusive) to b (exclusive) by step; range(n) counts 0 to n-1.
        Lazy: for i in range(1e6) allocates nothing. tensor(range(n)) makes a tensor.
        """) { args, ctx in
        let a = try args.int(0)
        let step = try args.int(2)
        if step == 0 { throw args.error(2, "range: step cannot be 0") }
        if case .none = args[1] { return .object(RangeValue(start: 0, stop: a, step: step)) }
        return .object(RangeValue(start: a, stop: try args.int(1), step: step))
    },
    Builtin("type", [.init("x")], doc: "The name of a value's type: number, tensor[2, 3], string, list, record, function, ...") { args, _ in
        .string(args[0].typeName)
    },
    Builtin("str", [.init("x")], doc: "A value as text, as print shows it.") { args, _ in
        .string(Display.text(args[0]))
    },
    Builtin("list", [.init("x")], doc: "The elements of a range, tensor (rows), string or list as a list.") { args, ctx in
        .list(try elements(of: args[0], ctx, what: "list"))
    },
    Builtin("tensor", [.init("x")], doc: "A tensor from a number, a list of numbers or same-shape tensors, or a range.") { args, ctx in
        switch args[0] {
        case .number, .tensor: return args[0]
        case .object(let r as RangeValue): return .tensor(Tensor(r.values.compactMap { if case .number(let x) = $0 { x } else { nil } }))
        case .list(let xs):
            let v = try ListNode.make(xs, span: ctx.span)
            if case .list = v { throw args.error(0, "tensor: the list's elements are not numbers or tensors of one shape") }
            return v
        default: throw args.error(0, "tensor: cannot make a tensor from \(args[0].typeName)")
        }
    },
    Builtin("map", [.init("xs"), .init("f")], doc: "Applies f to every element of a list, range, tensor (rows) or string; returns a list (a tensor when every result is a number).") { args, ctx in
        let xs = try elements(of: args[0], ctx, what: "map")
        var out: [Value] = []
        out.reserveCapacity(xs.count)
        for x in xs { out.append(try Calls.callValue(args[1], [x], ctx: ctx)) }
        return try ListNode.make(out, span: ctx.span)
    },
    Builtin("filter", [.init("xs"), .init("f")], doc: "The elements x of xs for which f(x) is true, as a list.") { args, ctx in
        let xs = try elements(of: args[0], ctx, what: "filter")
        var out: [Value] = []
        for x in xs where try Operators.truth(try Calls.callValue(args[1], [x], ctx: ctx), span: ctx.span) { out.append(x) }
        return .list(out)
    },
    Builtin("reduce", [.init("xs"), .init("f"), .init("initial")], doc: "Folds f(acc, x) over the elements, starting from initial.") { args, ctx in
        var acc = args[2]
        for x in try elements(of: args[0], ctx, what: "reduce") { acc = try Calls.callValue(args[1], [acc, x], ctx: ctx) }
        return acc
    },
    Builtin("push", [.init("xs"), .init("x")], doc: "A new list: xs with x appended (lists are values: xs = push(xs, x)).") { args, ctx in
        guard case .list(var xs) = args[0] else { throw args.error(0, "push: expects a list, got \(args[0].typeName)") }
        xs.append(args[1])
        return .list(xs)
    },
    Builtin("keys", [.init("r")], doc: "The field names of a record, as a list of strings.") { args, _ in
        guard case .record(let r) = args[0] else { throw args.error(0, "keys: expects a record, got \(args[0].typeName)") }
        return .list(r.names.map { .string($0) })
    },
    Builtin("assert", [.init("condition"), .init("message", .string("assertion failed"))], doc: "Stops with an error carrying message when condition is false.") { args, ctx in
        if try !Operators.truth(args[0], span: args.spans[0]) { throw ctx.error(Display.text(args[1])) }
        return .none
    },
    Builtin("error", [.init("message")], doc: "Stops the program with an error carrying message.") { args, ctx in
        throw ctx.error(Display.text(args[0]))
    },
    Builtin("clock", doc: "Seconds since an arbitrary start, for timing code.") { _, _ in
        .number(Date().timeIntervalSinceReferenceDate)
    },
]
