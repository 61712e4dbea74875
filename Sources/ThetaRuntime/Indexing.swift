import ThetaAutodiff
import ThetaSyntax
import ThetaTensor

/// One evaluated index item: a position, a slice, or a whole axis.
enum IndexArg {
    case at(Int, Span)
    case slice(start: Int?, stop: Int?, step: Int?, Span)

    var tensorIndex: TensorIndex {
        switch self {
        case .at(let i, _): return .at(i)
        case .slice(let a, let b, let s, _): return .range(start: a, stop: b, step: s)
        }
    }
}

/// `x[i]`, `x[i, j]`, `x[a:b]` on lists, strings and tensors (NumPy semantics: negative
/// indices count from the end, slices clamp), and the matching assignments.
enum Indexing {
    static func get(_ v: Value, _ items: [IndexArg], span: Span) throws -> Value {
        switch v {
        case .tensor(let t):
            do { return Value.from(try t.index(items.map(\.tensorIndex))) }
            catch { throw Diagnostic(.runtime, error.message, at: span) }
        case .list(let xs):
            let item = try single(items, of: "a list", span: span)
            switch item {
            case .at(let i, let s): return xs[try position(i, count: xs.count, what: "list", span: s)]
            case .slice(let a, let b, let st, let s):
                return .list(try sliceIndices(a, b, st, count: xs.count, span: s).map { xs[$0] })
            }
        case .string(let str):
            let chars = Array(str)
            let item = try single(items, of: "a string", span: span)
            switch item {
            case .at(let i, let s): return .string(String(chars[try position(i, count: chars.count, what: "string", span: s)]))
            case .slice(let a, let b, let st, let s):
                return .string(String(try sliceIndices(a, b, st, count: chars.count, span: s).map { chars[$0] }))
            }
        case .number:
            throw Diagnostic(.runtime, "a number cannot be indexed", at: span)
        default:
            throw Diagnostic(.runtime, "\(v.typeName) cannot be indexed", at: span)
        }
    }

    /// `container[items] = newValue`, returning the changed container (value semantics).
    static func set(_ container: Value, _ items: [IndexArg], _ newValue: Value, span: Span) throws -> Value {
        switch container {
        case .tensor(var t):
            let value = try Coerce.tensor(newValue, at: span, what: "the assigned value")
            do { try t.assign(items.map(\.tensorIndex), value) }
            catch { throw Diagnostic(.runtime, error.message, at: span) }
            return .tensor(t)
        case .list(var xs):
            guard case .at(let i, let s) = try single(items, of: "a list", span: span) else {
                throw Diagnostic(.runtime, "assigning to a slice of a list is not supported", at: span)
            }
            xs[try position(i, count: xs.count, what: "list", span: s)] = newValue
            return .list(xs)
        default:
            throw Diagnostic(.runtime, "cannot assign into an element of \(container.typeName)", at: span,
                             hint: "only tensors and lists have assignable elements")
        }
    }

    /// Row `i` of a tensor's first axis.
    static func row(_ t: Tensor, _ i: Int, span: Span) throws -> Tensor {
        do { return try t.index([.at(i)]) } catch { throw Diagnostic(.runtime, error.message, at: span) }
    }

    private static func single(_ items: [IndexArg], of what: String, span: Span) throws -> IndexArg {
        guard items.count == 1, let first = items.first else {
            throw Diagnostic(.runtime, "\(what) takes one index, got \(items.count)", at: span)
        }
        return first
    }

    static func position(_ i: Int, count: Int, what: String, span: Span) throws -> Int {
        let j = i < 0 ? i + count : i
        guard j >= 0, j < count else {
            throw Diagnostic(.runtime, "index \(i) is out of range for a \(what) of length \(count)", at: span,
                             hint: count == 0 ? "it is empty" : "valid indices are 0 to \(count - 1), or -\(count) to -1 from the end")
        }
        return j
    }

    static func sliceIndices(_ a: Int?, _ b: Int?, _ st: Int?, count: Int, span: Span) throws -> [Int] {
        do {
            let (start, n, step) = try Tensor.sliceBounds(start: a, stop: b, step: st, extent: count)
            return (0..<n).map { start + $0 * step }
        } catch {
            throw Diagnostic(.runtime, error.message, at: span)
        }
    }
}

/// `x[items]` where items are evaluated to positions and slices.
final class IndexNode: Node {
    let base: Node
    let items: [IndexItemNode]
    init(base: Node, items: [IndexItemNode], span: Span) { self.base = base; self.items = items; super.init(span: span) }

    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = try rt.numeric(try base.eval(f, rt), at: span)
        if case .list(let xs) = v, items.count == 1, case .single(let n) = items[0] {
            return xs[try Indexing.position(try IndexItemNode.int(try n.eval(f, rt), n.span), count: xs.count, what: "list", span: n.span)]
        }
        let args = try IndexItemNode.evalAll(items, f, rt)
        if case .tracked(let t) = v {
            let x = t.variable, index = args.map(\.tensorIndex)
            return try Differentiable.recording(rt, span) { () throws(AutodiffError) in try x.index(index) }
        }
        return try Indexing.get(v, args, span: span)
    }
}

/// An index item before evaluation.
enum IndexItemNode {
    case single(Node)
    case slice(Node?, Node?, Node?, Span)

    static func int(_ v: Value, _ span: Span) throws -> Int {
        switch v {
        case .number(let x) where x == x.rounded() && abs(x) < 9e15: return Int(x)
        case .number(let x):
            throw Diagnostic(.runtime, "an index must be a whole number, got \(Display.number(x))", at: span)
        case .tensor(let t) where t.count == 1 && t.scalars[0] == t.scalars[0].rounded() && abs(t.scalars[0]) < 9e15:
            return Int(t.scalars[0])
        default:
            throw Diagnostic(.runtime, "an index must be a whole number, got \(v.typeName)", at: span,
                             hint: "gather(x, indices) selects by a tensor of indices")
        }
    }

    static func evalAll(_ items: [IndexItemNode], _ f: Frame, _ rt: Runtime) throws -> [IndexArg] {
        try items.map { item in
            switch item {
            case .single(let n): return .at(try int(try n.eval(f, rt), n.span), n.span)
            case .slice(let a, let b, let c, let span):
                func bound(_ n: Node?) throws -> Int? {
                    guard let n else { return nil }
                    let v = try n.eval(f, rt)
                    if case .none = v { return nil }
                    return try int(v, n.span)
                }
                return .slice(start: try bound(a), stop: try bound(b), step: try bound(c), span)
            }
        }
    }
}
