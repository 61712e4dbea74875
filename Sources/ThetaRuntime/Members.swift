import ThetaAutodiff
import ThetaSyntax
import ThetaTensor

/// Fields and methods of values: `x.shape`, `r.name`, `m.logp(x)`, `t.sum(axis: 0)`.
///
/// Tensors, numbers, lists and strings have no methods of their own: `x.f(args)` calls the
/// builtin `f(x, args)` when `f` is in the receiver's method set (so `x.sum(axis: 0)` is
/// `sum(x, axis: 0)`), which keeps one implementation per operation.
enum Members {
    /// Builtins usable as methods of tensors and numbers.
    static let tensorMethods: Set<String> = [
        "sum", "mean", "max", "min", "prod", "logsumexp", "var", "std", "argmax", "argmin",
        "exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu", "softplus", "log1p", "expm1",
        "lgamma", "digamma", "erf", "softmax", "log_softmax", "reshape", "transpose", "flatten", "len",
        "squeeze", "expand_dims", "gather", "any", "all", "round", "floor", "ceil", "tolist",
    ]
    static let listMethods: Set<String> = ["len", "map", "filter", "reduce", "reverse", "sort", "contains", "enumerate", "zip", "sum"]
    static let stringMethods: Set<String> = ["len", "upper", "lower", "split", "strip", "contains", "startswith", "endswith", "replace", "join"]

    static func field(_ v: Value, _ name: String, span: Span, rt: Runtime) throws -> Value {
        switch v {
        case .record(let r):
            if let x = r[name] { return x }
            throw Diagnostic(.runtime, "the record has no field '\(name)'", at: span, hint: fieldHint(name, r.names))
        case .model(let m):
            if let x = m.member(name) { return x }
            throw Diagnostic(.runtime, "\(m.type.name) has no field or method '\(name)'", at: span,
                             hint: fieldHint(name, m.type.memberOrder))
        case .tensor(let t):
            if let x = tensorField(t, name) { return x }
        case .number(let x):
            if let f = tensorField(Tensor(x), name) { return f }
        case .parameter(let p):
            return try field(try rt.resolve(p, at: span), name, span: span, rt: rt)
        case .tracked(let t):
            if name == "T" {
                let x = t.variable
                return try Differentiable.recording(rt, span) { () throws(AutodiffError) in try x.transposed() }
            }
            if let f = tensorField(t.variable.value, name) { return f }
        case .object(let o):
            if let x = try o.field(name) { return x }
            if o.memberNames.contains(name) { return .boundMethod(BoundMethod(receiver: v, name: name)) }
            throw Diagnostic(.runtime, "\(o.typeName) has no field '\(name)'", at: span, hint: fieldHint(name, o.memberNames))
        default:
            break
        }
        if methodSet(v).contains(name) { return .boundMethod(BoundMethod(receiver: v, name: name)) }
        throw Diagnostic(.runtime, "\(v.typeName) has no field '\(name)'", at: span,
                         hint: fieldHint(name, memberNames(of: v)))
    }

    static func tensorField(_ t: Tensor, _ name: String) -> Value? {
        switch name {
        case "shape": return .tensor(Tensor(t.shape.map(Double.init)))
        case "T": return Value.from(t.T)
        case "rank", "ndim": return .number(Double(t.rank))
        case "size": return .number(Double(t.count))
        default: return nil
        }
    }

    static func methodSet(_ v: Value) -> Set<String> {
        switch v {
        case .tensor, .number, .tracked, .parameter: return tensorMethods
        case .list: return listMethods
        case .string: return stringMethods
        default: return []
        }
    }

    /// Every field and method name of a value (completion and hints).
    static func memberNames(of v: Value) -> [String] {
        switch v {
        case .record(let r): return r.names
        case .model(let m): return m.type.memberOrder
        case .tensor, .number: return ["shape", "T", "rank", "size"] + tensorMethods.sorted()
        case .object(let o): return o.memberNames
        default: return methodSet(v).sorted()
        }
    }

    private static func fieldHint(_ name: String, _ names: [String]) -> String? {
        if let s = Suggest.closest(to: name, in: names) { return "did you mean '\(s)'?" }
        if names.isEmpty { return nil }
        return "it has: " + names.prefix(12).joined(separator: ", ")
    }

    static func callMethod(_ r: Value, _ name: String, positional: [Value], positionalSpans: [Span],
                           named: [(String, Value, Span)], span: Span, rt: Runtime) throws -> Value {
        switch r {
        case .model, .record:
            let f = try field(r, name, span: span, rt: rt)
            return try Calls.call(f, positional: positional, positionalSpans: positionalSpans, named: named, span: span, rt: rt)
        case .object(let o):
            var args = Arguments(values: positional, spans: positionalSpans, given: positional.map { _ in true },
                                 rest: [], restSpans: [], callSpan: span, functionName: name, parameterNames: [])
            args.named = named
            if let v = try o.callMethod(name, args, CallContext(runtime: rt, span: span)) { return v }
            let f = try field(r, name, span: span, rt: rt)
            // A member the object lists but neither holds as a field nor answers as a method
            // would bounce back here forever: it is not callable.
            if case .boundMethod(let b) = f, b.name == name, case .object(let same) = b.receiver, same === o {
                throw Diagnostic(.runtime, "\(o.typeName) has no method '\(name)'", at: span,
                                 hint: try o.field(name) == nil ? nil : "'\(name)' is a field: write it without ()")
            }
            return try Calls.call(f, positional: positional, positionalSpans: positionalSpans, named: named, span: span, rt: rt)
        default:
            guard methodSet(r).contains(name), let b = Builtins.table[name] else {
                throw Diagnostic(.runtime, "\(r.typeName) has no method '\(name)'", at: span,
                                 hint: fieldHint(name, memberNames(of: r)))
            }
            return try Calls.call(.builtin(b), positional: [r] + positional, positionalSpans: [span] + positionalSpans,
                                  named: named, span: span, rt: rt)
        }
    }
}

/// `x.name`
final class FieldNode: Node {
    let base: Node
    let name: String
    init(base: Node, name: String, span: Span) { self.base = base; self.name = name; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = try base.eval(f, rt)
        if case .model(let m) = v, let slot = m.type.members[name] {
            let x = m.frame.slots[slot]
            if case .unset = x {} else { return x }
        }
        return try Members.field(v, name, span: span, rt: rt)
    }
}
