import ThetaSyntax
import ThetaTensor

/// `if c { a } else { b }`: the value of the branch taken (none without an else).
final class IfNode: Node {
    let condition: Node, then: Node
    let otherwise: Node?
    init(condition: Node, then: Node, otherwise: Node?, span: Span) {
        self.condition = condition; self.then = then; self.otherwise = otherwise; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let c = try condition.eval(f, rt)
        let taken: Bool
        if case .bool(let b) = c { taken = b } else { taken = try Operators.truth(c, span: condition.span) }
        if taken { return try then.eval(f, rt) }
        if let o = otherwise { return try o.eval(f, rt) }
        return .none
    }
}

/// `while c { body }`
final class WhileNode: Node {
    let condition: Node, body: Node
    init(condition: Node, body: Node, span: Span) { self.condition = condition; self.body = body; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let state = rt.state
        while true {
            let c = try condition.eval(f, rt)
            let go: Bool
            if case .bool(let b) = c { go = b } else { go = try Operators.truth(c, span: condition.span) }
            if !go { break }
            _ = try body.eval(f, rt)
            switch state.pointee.flow {
            case .normal: break
            case .continueLoop: state.pointee.flow = .normal
            case .breakLoop: state.pointee.flow = .normal; return .none
            case .returnValue: return .none
            }
            try rt.checkInterrupt(span)
        }
        return .none
    }
}

/// `for x in xs { body }` over a range, a list, a tensor's first axis, a string's characters,
/// or a data set's rows.
final class ForNode: Node {
    let variable: VariableAccess
    let iterable: Node, body: Node
    init(variable: VariableAccess, iterable: Node, body: Node, span: Span) {
        self.variable = variable; self.iterable = iterable; self.body = body; super.init(span: span)
    }

    /// Runs one iteration; returns false when the loop must stop.
    @inline(__always)
    private func step(_ v: Value, _ f: Frame, _ rt: Runtime) throws -> Bool {
        variable.write(f, v)
        _ = try body.eval(f, rt)
        let state = rt.state
        switch state.pointee.flow {
        case .normal: break
        case .continueLoop: state.pointee.flow = .normal
        case .breakLoop: state.pointee.flow = .normal; return false
        case .returnValue: return false
        }
        try rt.checkInterrupt(span)
        return true
    }

    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let seq = try iterable.eval(f, rt)
        switch seq {
        case .object(let r as RangeValue):
            var i = r.start
            while r.step > 0 ? i < r.stop : i > r.stop {
                if try !step(.number(Double(i)), f, rt) { break }
                i += r.step
            }
        case .list(let items):
            for v in items where try !step(v, f, rt) { break }
        case .tensor(let t):
            let n = t.shape.first ?? 0
            for i in 0..<n where try !step(Value.from(try Indexing.row(t, i, span: span)), f, rt) { break }
        case .string(let s):
            for ch in s where try !step(.string(String(ch)), f, rt) { break }
        case .record(let r):
            for name in r.names where try !step(.string(name), f, rt) { break }
        case .number(let x):
            throw Diagnostic(.runtime, "cannot loop over the number \(Display.number(x))", at: iterable.span,
                             hint: "to count, write: for i in range(\(Display.number(x))) { ... }")
        default:
            throw Diagnostic(.runtime, "cannot loop over \(seq.typeName)", at: iterable.span)
        }
        return .none
    }
}

final class FlowNode: Node {
    let flow: Flow
    init(flow: Flow, span: Span) { self.flow = flow; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        rt.state.pointee.flow = flow
        return .none
    }
}

final class ReturnNode: Node {
    let value: Node?
    init(value: Node?, span: Span) { self.value = value; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = try value?.eval(f, rt) ?? .none
        rt.state.pointee.returnValue = v
        rt.state.pointee.flow = .returnValue
        return .none
    }
}

/// Makes a closure over the current frame (a `fn` declaration or a lambda).
final class MakeClosure: Node {
    let code: FunctionCode
    init(code: FunctionCode, span: Span) { self.code = code; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        .function(Closure(code: code, captured: f))
    }
}

/// Makes a model constructor over the current frame.
final class MakeModelType: Node {
    let code: FunctionCode
    let members: [String: Int]
    let memberOrder: [String]
    init(code: FunctionCode, members: [String: Int], memberOrder: [String], span: Span) {
        self.code = code; self.members = members; self.memberOrder = memberOrder; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        .modelType(ModelType(code: code, captured: f, members: members, memberOrder: memberOrder))
    }
}

/// `[a, b] = xs` (also written `a, b = xs`): the elements of a list, or the rows of a tensor's
/// first axis, assigned to the names in order. The counts must agree.
final class Unpack: Node {
    let targets: [VariableAccess]
    let value: Node
    init(targets: [VariableAccess], value: Node, span: Span) {
        self.targets = targets; self.value = value; super.init(span: span)
    }

    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = try value.eval(f, rt)
        let count: Int
        let element: (Int) throws -> Value
        switch v {
        case .list(let items):
            count = items.count
            element = { items[$0] }
        case .tensor(let t) where t.rank >= 1:
            count = t.shape[0]
            element = { Value.from(try Indexing.row(t, $0, span: self.value.span)) }
        default:
            throw Diagnostic(.runtime, "cannot unpack \(v.typeName) into \(targets.count) names", at: value.span,
                             hint: "unpacking takes a list or a tensor's rows")
        }
        guard count == targets.count else {
            throw Diagnostic(.runtime, "cannot unpack \(count) \(count == 1 ? "value" : "values") into \(targets.count) names",
                             at: span, hint: "write as many names as there are elements")
        }
        for (i, target) in targets.enumerated() { target.write(f, try element(i)) }
        return .none
    }
}
