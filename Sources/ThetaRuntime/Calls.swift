import ThetaSyntax
import ThetaTensor

/// Calling values: closures, builtins, model constructors, bound methods. Arguments arrive
/// already evaluated: positional values, then named ones.
enum Calls {
    /// Calls any callable value.
    static func call(_ callee: Value, positional: [Value], positionalSpans: [Span],
                     named: [(String, Value, Span)], span: Span, rt: Runtime) throws -> Value {
        switch callee {
        case .function(let c):
            let frame = Frame(size: c.code.frameSize, parent: c.captured)
            try bind(c.code, frame, positional: positional, positionalSpans: positionalSpans, named: named, span: span, rt: rt)
            return try invoke(c.code, frame, callSpan: span, rt: rt)
        case .builtin(let b):
            var args = try Arguments.bind(b, positional: positional, positionalSpans: positionalSpans, named: named, callSpan: span)
            return try b.body(&args, CallContext(runtime: rt, span: span))
        case .modelType(let m):
            return try construct(m, positional: positional, positionalSpans: positionalSpans, named: named, span: span, rt: rt)
        case .boundMethod(let bm):
            return try Members.callMethod(bm.receiver, bm.name, positional: positional, positionalSpans: positionalSpans,
                                          named: named, span: span, rt: rt)
        case .model(let m) where m.hasMethod("forward"):
            // A network is called like a function: net(x) is net.forward(x).
            return try Members.callMethod(callee, "forward", positional: positional, positionalSpans: positionalSpans,
                                          named: named, span: span, rt: rt)
        default:
            throw Diagnostic(.runtime, "\(callee.typeName) is not a function, so it cannot be called", at: span,
                             hint: Self.notCallableHint(callee))
        }
    }

    private static func notCallableHint(_ v: Value) -> String? {
        switch v {
        case .model: return "a model is called like a function when it defines fn forward(x)"
        case .number, .tensor: return "to multiply, write the operator: 2 * (x + 1)"
        case .list, .tensor: return "to index, use brackets: x[0]"
        default: return nil
        }
    }

    /// Runs a function body in a prepared frame, one call level deeper. An error raised inside
    /// gains this call in its trace.
    @inline(__always)
    static func invoke(_ code: FunctionCode, _ frame: Frame, callSpan: Span, rt: Runtime) throws -> Value {
        try rt.enterCall(callSpan)
        defer { rt.exitCall() }
        var v: Value
        do {
            v = try code.body.eval(frame, rt)
        } catch var d as Diagnostic {
            d.recordCall(code.name, at: callSpan)
            throw d
        }
        let state = rt.state
        if state.pointee.flow == .returnValue {
            state.pointee.flow = .normal
            v = state.pointee.returnValue
            state.pointee.returnValue = .none
        }
        return v
    }

    /// Binds arguments to a function's parameter slots (0..<count), evaluating defaults in the
    /// callee frame for parameters not given.
    static func bind(_ code: FunctionCode, _ frame: Frame, positional: [Value], positionalSpans: [Span],
                     named: [(String, Value, Span)], span: Span, rt: Runtime) throws {
        let params = code.parameterNames
        if positional.count > params.count {
            throw Diagnostic(.runtime, "\(code.name) takes \(Arguments.countPhrase(params.count)) but \(positional.count) were given",
                             at: positionalSpans[params.count], hint: "signature: \(code.signature)")
        }
        for (i, v) in positional.enumerated() { frame.slots[i] = v }
        for (name, v, argSpan) in named {
            guard let i = params.firstIndex(of: name) else {
                throw Diagnostic(.runtime, "\(code.name) has no parameter named '\(name)'", at: argSpan,
                                 hint: Suggest.closest(to: name, in: params).map { "did you mean '\($0)'?" }
                                    ?? "signature: \(code.signature)")
            }
            if i < positional.count {
                throw Diagnostic(.runtime, "argument '\(name)' of \(code.name) is given twice", at: argSpan)
            }
            frame.slots[i] = v
        }
        if positional.count + named.count < params.count { try fillDefaults(code, frame, span: span, rt: rt) }
    }

    /// Evaluates defaults for every parameter slot still unset; a required one is an error.
    static func fillDefaults(_ code: FunctionCode, _ frame: Frame, span: Span, rt: Runtime) throws {
        for i in 0..<code.parameterNames.count {
            guard case .unset = frame.slots[i] else { continue }
            guard let d = code.defaults[i] else {
                throw Diagnostic(.runtime, "\(code.name) is missing its argument '\(code.parameterNames[i])'", at: span,
                                 hint: "signature: \(code.signature)")
            }
            frame.slots[i] = try d.eval(frame, rt)
        }
    }

    /// Runs a model's body in a fresh frame; the frame becomes the instance.
    static func construct(_ m: ModelType, positional: [Value], positionalSpans: [Span],
                          named: [(String, Value, Span)], span: Span, rt: Runtime) throws -> Value {
        let frame = Frame(size: m.code.frameSize, parent: m.captured)
        try bind(m.code, frame, positional: positional, positionalSpans: positionalSpans, named: named, span: span, rt: rt)
        _ = try invoke(m.code, frame, callSpan: span, rt: rt)
        return .model(ModelInstance(type: m, frame: frame))
    }

    /// Calls a function value from Swift (builtins such as `map` use it).
    public static func callValue(_ f: Value, _ args: [Value], ctx: CallContext) throws -> Value {
        try call(f, positional: args, positionalSpans: Array(repeating: ctx.span, count: args.count),
                 named: [], span: ctx.span, rt: ctx.runtime)
    }
}

/// `f(args)`. The common case, a closure called with exactly its parameters positionally,
/// evaluates the arguments straight into the new frame.
final class CallNode: Node {
    let callee: Node
    let args: [Node]
    /// Labels of the named arguments, which follow the positional ones in `args`.
    let labels: [String]
    /// Spans of the named arguments (`label: value`), for errors about a label.
    let labelSpans: [Span]
    let positionalCount: Int
    init(callee: Node, args: [Node], labels: [String], labelSpans: [Span], span: Span) {
        self.callee = callee; self.args = args; self.labels = labels; self.labelSpans = labelSpans
        self.positionalCount = args.count - labels.count
        super.init(span: span)
    }

    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let fv = try callee.eval(f, rt)
        if case .function(let c) = fv, labels.isEmpty, args.count == c.code.parameterNames.count {
            let frame = Frame(size: c.code.frameSize, parent: c.captured)
            for i in 0..<args.count { frame.slots[i] = try args[i].eval(f, rt) }
            return try Calls.invoke(c.code, frame, callSpan: span, rt: rt)
        }
        var positional: [Value] = []
        positional.reserveCapacity(positionalCount)
        for i in 0..<positionalCount { positional.append(try args[i].eval(f, rt)) }
        var named: [(String, Value, Span)] = []
        for (j, label) in labels.enumerated() {
            named.append((label, try args[positionalCount + j].eval(f, rt), labelSpans[j]))
        }
        return try Calls.call(fv, positional: positional, positionalSpans: args.prefix(positionalCount).map(\.span),
                              named: named, span: span, rt: rt)
    }
}

/// `receiver.name(args)`: a method call, without making a bound-method value.
final class MethodCallNode: Node {
    let receiver: Node
    let name: String
    let args: [Node]
    let labels: [String]
    let labelSpans: [Span]
    init(receiver: Node, name: String, args: [Node], labels: [String], labelSpans: [Span], span: Span) {
        self.receiver = receiver; self.name = name; self.args = args; self.labels = labels
        self.labelSpans = labelSpans
        super.init(span: span)
    }

    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let r = try receiver.eval(f, rt)
        let pc = args.count - labels.count
        if case .model(let m) = r, let slot = m.type.members[name], case .function(let c) = m.frame.slots[slot],
           labels.isEmpty, args.count == c.code.parameterNames.count {
            let frame = Frame(size: c.code.frameSize, parent: c.captured)
            for i in 0..<args.count { frame.slots[i] = try args[i].eval(f, rt) }
            return try Calls.invoke(c.code, frame, callSpan: span, rt: rt)
        }
        var positional: [Value] = []
        for i in 0..<pc { positional.append(try args[i].eval(f, rt)) }
        var named: [(String, Value, Span)] = []
        for (j, label) in labels.enumerated() {
            named.append((label, try args[pc + j].eval(f, rt), labelSpans[j]))
        }
        return try Members.callMethod(r, name, positional: positional, positionalSpans: args.prefix(pc).map(\.span),
                                      named: named, span: span, rt: rt)
    }
}
