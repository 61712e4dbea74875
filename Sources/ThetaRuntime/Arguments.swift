import ThetaSyntax
import ThetaTensor

/// The arguments of a builtin call, bound to the builtin's parameters: `values[i]` is the value of
/// parameter `i` (its default when not given), `rest` the extra positional arguments of a
/// variadic builtin. Accessors convert and throw errors located at the offending argument.
public struct Arguments {
    public var values: [Value]
    public var spans: [Span]
    public var given: [Bool]
    public var rest: [Value]
    public var restSpans: [Span]
    public let callSpan: Span
    public let functionName: String
    let parameterNames: [String]
    /// Named arguments not bound to parameters (method calls on library objects bind their own).
    public var named: [(String, Value, Span)] = []

    /// Binds positional then named arguments to `builtin`'s parameters.
    static func bind(_ builtin: Builtin, positional: [Value], positionalSpans: [Span],
                     named: [(String, Value, Span)], callSpan: Span) throws -> Arguments {
        let params = builtin.parameters
        var values = [Value](repeating: .unset, count: params.count)
        var spans = [Span](repeating: callSpan, count: params.count)
        var given = [Bool](repeating: false, count: params.count)
        var rest: [Value] = [], restSpans: [Span] = []
        for (i, v) in positional.enumerated() {
            if i < params.count {
                values[i] = v; spans[i] = positionalSpans[i]; given[i] = true
            } else if builtin.variadic {
                rest.append(v); restSpans.append(positionalSpans[i])
            } else {
                throw Diagnostic(.runtime, "\(builtin.name) takes \(countPhrase(params.count)) but \(positional.count) were given",
                                 at: positionalSpans[i], hint: "signature: \(builtin.signature)")
            }
        }
        for (name, v, span) in named {
            guard let i = params.firstIndex(where: { $0.name == name }) else {
                let names = params.map(\.name)
                throw Diagnostic(.runtime, "\(builtin.name) has no parameter named '\(name)'", at: span,
                                 hint: Suggest.closest(to: name, in: names).map { "did you mean '\($0)'?" }
                                    ?? (names.isEmpty ? "it takes no named arguments" : "its parameters are \(names.joined(separator: ", "))"))
            }
            if given[i] {
                throw Diagnostic(.runtime, "argument '\(name)' of \(builtin.name) is given twice", at: span)
            }
            values[i] = v; spans[i] = span; given[i] = true
        }
        for (i, p) in params.enumerated() where !given[i] {
            guard let d = p.defaultValue else {
                throw Diagnostic(.runtime, "\(builtin.name) is missing its argument '\(p.name)'", at: callSpan,
                                 hint: "signature: \(builtin.signature)")
            }
            values[i] = d.value
        }
        return Arguments(values: values, spans: spans, given: given, rest: rest, restSpans: restSpans,
                         callSpan: callSpan, functionName: builtin.name, parameterNames: params.map(\.name))
    }

    static func countPhrase(_ n: Int) -> String {
        n == 0 ? "no arguments" : n == 1 ? "1 argument" : "\(n) arguments"
    }

    public subscript(i: Int) -> Value { values[i] }

    /// An error located at argument `i`.
    public func error(_ i: Int, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.runtime, message, at: i < spans.count ? spans[i] : callSpan, hint: hint)
    }

    func name(_ i: Int) -> String { i < parameterNames.count ? parameterNames[i] : "argument \(i + 1)" }

    /// A number (a rank-0 value or a one-element tensor).
    public func number(_ i: Int) throws -> Double {
        switch values[i] {
        case .number(let x): return x
        case .tensor(let t) where t.count == 1: return t.scalars[0]
        case .tracked(let t) where t.variable.value.count == 1: return t.variable.value.scalars[0]
        case .parameter(let p) where p.value.count == 1: return p.value.scalars[0]
        case .bool(let b): return b ? 1 : 0
        case let v: throw error(i, "\(functionName): '\(name(i))' must be a number, got \(v.typeName)")
        }
    }

    /// A whole number that fits an Int.
    public func int(_ i: Int) throws -> Int {
        let x = try number(i)
        guard x.isFinite, x == x.rounded(), abs(x) < 9.0e15 else {
            throw error(i, "\(functionName): '\(name(i))' must be a whole number, got \(Display.number(x))")
        }
        return Int(x)
    }

    public func tensor(_ i: Int) throws -> Tensor {
        try Coerce.tensor(values[i], at: i < spans.count ? spans[i] : callSpan, what: "\(functionName): '\(name(i))'")
    }

    public func string(_ i: Int) throws -> String {
        guard case .string(let s) = values[i] else {
            throw error(i, "\(functionName): '\(name(i))' must be a string, got \(values[i].typeName)")
        }
        return s
    }

    public func bool(_ i: Int) throws -> Bool {
        guard case .bool(let b) = values[i] else {
            throw error(i, "\(functionName): '\(name(i))' must be true or false, got \(values[i].typeName)")
        }
        return b
    }

    /// An optional axis: none → nil.
    public func optionalInt(_ i: Int) throws -> Int? {
        if case .none = values[i] { return nil }
        return try int(i)
    }
}

/// Conversions between values shared by operators and builtins.
public enum Coerce {
    /// A value as a tensor: numbers are rank 0, bools 0/1, lists of numbers become tensors.
    public static func tensor(_ v: Value, at span: Span, what: String) throws -> Tensor {
        switch v {
        case .number(let x): return Tensor(x)
        case .tensor(let t): return t
        case .tracked(let t): return t.variable.value
        case .parameter(let p): return p.value
        case .bool(let b): return Tensor(b ? 1 : 0)
        case .list(let items):
            if items.isEmpty { return Tensor([]) }
            throw Diagnostic(.runtime, "\(what) must be a tensor, got a list of \(items.count) values that are not numbers of one shape", at: span)
        default:
            throw Diagnostic(.runtime, "\(what) must be a number or tensor, got \(v.typeName)", at: span)
        }
    }
}

/// "Did you mean" suggestions by edit distance.
enum Suggest {
    static func closest(to name: String, in candidates: [String]) -> String? {
        let a = Array(name.unicodeScalars)
        var best: (String, Int)? = nil
        for c in candidates where c != name {
            let d = distance(a, Array(c.unicodeScalars))
            let limit = max(1, min(a.count, c.unicodeScalars.count) / 3)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
