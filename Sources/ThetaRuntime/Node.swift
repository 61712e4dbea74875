import ThetaSyntax
import ThetaTensor

/// Resolved, executable code: the compiler turns the AST into a tree of nodes whose names are
/// already slots. `eval` returns the node's value; statements return `.none` and signal `break`,
/// `continue` and `return` through `Runtime.state.flow`, which blocks and loops check after
/// every statement.
public class Node {
    let span: Span
    init(span: Span) { self.span = span }

    func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        throw Diagnostic(.runtime, "internal: node cannot be evaluated", at: span)
    }
}

/// A literal.
final class ConstNode: Node {
    let value: Value
    init(_ value: Value, span: Span) { self.value = value; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value { value }
}

/// Error for reading a slot that holds no value yet.
func unsetError(_ name: String, _ span: Span) -> Diagnostic {
    Diagnostic(.runtime, "'\(name)' is used before it is assigned", at: span,
               hint: "assign '\(name)' before this line, or check the spelling")
}

/// A local of the current frame.
final class LocalGet: Node {
    let slot: Int, name: String
    init(slot: Int, name: String, span: Span) { self.slot = slot; self.name = name; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = f.slots[slot]
        if case .unset = v { throw unsetError(name, span) }
        return v
    }
}

/// A variable of an enclosing function's frame, `depth` levels out.
final class OuterGet: Node {
    let depth: Int, slot: Int, name: String
    init(depth: Int, slot: Int, name: String, span: Span) {
        self.depth = depth; self.slot = slot; self.name = name; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = f.ancestor(depth).slots[slot]
        if case .unset = v { throw unsetError(name, span) }
        return v
    }
}

final class GlobalGet: Node {
    let slot: Int, name: String
    let globals: Globals
    init(slot: Int, name: String, globals: Globals, span: Span) {
        self.slot = slot; self.name = name; self.globals = globals; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = globals[slot]
        if case .unset = v {
            throw Diagnostic(.runtime, "'\(name)' is not defined yet", at: span,
                             hint: "it is assigned later in the program; run that line first")
        }
        return v
    }
}

/// Where a name lives, as the resolver found it.
enum VariableRef {
    case local(Int)
    case outer(depth: Int, slot: Int)
    case global(Int)
}

/// Assigns a value to a variable.
final class SetVariable: Node {
    let ref: VariableRef
    let value: Node
    let globals: Globals
    init(ref: VariableRef, value: Node, globals: Globals, span: Span) {
        self.ref = ref; self.value = value; self.globals = globals; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = try value.eval(f, rt)
        switch ref {
        case .local(let s): f.slots[s] = v
        case .outer(let d, let s): f.ancestor(d).slots[s] = v
        case .global(let s): globals[s] = v
        }
        return .none
    }
}

/// Reads and writes a variable by reference, for compound targets like `x[i] = v`.
struct VariableAccess {
    let ref: VariableRef
    let globals: Globals
    let name: String
    let span: Span

    func read(_ f: Frame) throws -> Value {
        let v: Value
        switch ref {
        case .local(let s): v = f.slots[s]
        case .outer(let d, let s): v = f.ancestor(d).slots[s]
        case .global(let s): v = globals[s]
        }
        if case .unset = v { throw unsetError(name, span) }
        return v
    }

    /// Moves the value out (so it can be changed in place without copying its buffer).
    func take(_ f: Frame) throws -> Value {
        let v: Value
        switch ref {
        case .local(let s): v = f.take(s)
        case .outer(let d, let s): v = f.ancestor(d).take(s)
        case .global(let s): v = globals.take(s)
        }
        if case .unset = v { throw unsetError(name, span) }
        return v
    }

    func write(_ f: Frame, _ v: Value) {
        switch ref {
        case .local(let s): f.slots[s] = v
        case .outer(let d, let s): f.ancestor(d).slots[s] = v
        case .global(let s): globals[s] = v
        }
    }
}

/// A sequence of statements; its value is the last statement's value when that is an
/// expression, else none. Stops early when a statement sets a non-normal flow.
final class BlockNode: Node {
    let statements: [Node]
    /// Whether the last statement is an expression whose value is the block's.
    let yieldsLast: Bool
    init(statements: [Node], yieldsLast: Bool, span: Span) {
        self.statements = statements; self.yieldsLast = yieldsLast; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let n = statements.count
        if n == 0 { return .none }
        let state = rt.state
        for i in 0..<(n - 1) {
            _ = try statements[i].eval(f, rt)
            if state.pointee.flow != .normal { return .none }
        }
        let last = try statements[n - 1].eval(f, rt)
        return yieldsLast ? last : .none
    }
}

/// An expression statement at the top level of a program: evaluates and displays its value
/// (unless hidden by `;` or none).
final class DisplayNode: Node {
    let expr: Node
    init(expr: Node, span: Span) { self.expr = expr; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = try expr.eval(f, rt)
        if rt.state.pointee.flow != .normal { return .none }
        switch v {
        case .none, .unset: break
        default: if rt.showValue?(v) != true { rt.output(Display.show(v)) }
        }
        return .none
    }
}
