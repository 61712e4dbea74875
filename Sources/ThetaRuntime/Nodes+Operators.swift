import ThetaSyntax
import ThetaTensor

/// `a op b` for the arithmetic and comparison operators; numbers take an inline fast path.
final class BinaryNode: Node {
    let op: BinaryOp
    let lhs: Node, rhs: Node
    init(op: BinaryOp, lhs: Node, rhs: Node, span: Span) {
        self.op = op; self.lhs = lhs; self.rhs = rhs; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let a = try lhs.eval(f, rt)
        let b = try rhs.eval(f, rt)
        if case .number(let x) = a, case .number(let y) = b { return Operators.numeric(op, x, y) }
        return try Operators.binary(op, a, b, span: span, rt: rt)
    }
}

/// `a + k` with a constant number on the right: the loop counter and recursion shapes
/// (`n - 1`, `i + 1`, `x + 0.5`) skip evaluating a node for the constant.
final class BinaryConstNode: Node {
    let op: BinaryOp
    let lhs: Node
    let constant: Double
    init(op: BinaryOp, lhs: Node, constant: Double, span: Span) {
        self.op = op; self.lhs = lhs; self.constant = constant; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let a = try lhs.eval(f, rt)
        if case .number(let x) = a { return Operators.numeric(op, x, constant) }
        return try Operators.binary(op, a, .number(constant), span: span, rt: rt)
    }
}

final class NegateNode: Node {
    let operand: Node
    init(operand: Node, span: Span) { self.operand = operand; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = try operand.eval(f, rt)
        if case .number(let x) = v { return .number(-x) }
        return try Operators.negate(v, span: span, rt: rt)
    }
}

final class NotNode: Node {
    let operand: Node
    init(operand: Node, span: Span) { self.operand = operand; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        .bool(!(try Operators.truth(try operand.eval(f, rt), span: operand.span)))
    }
}

/// `a and b`, `a or b`: short-circuit; the result is a bool.
final class LogicalNode: Node {
    let isAnd: Bool
    let lhs: Node, rhs: Node
    init(isAnd: Bool, lhs: Node, rhs: Node, span: Span) {
        self.isAnd = isAnd; self.lhs = lhs; self.rhs = rhs; super.init(span: span)
    }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let a = try Operators.truth(try lhs.eval(f, rt), span: lhs.span)
        if isAnd ? !a : a { return .bool(a) }
        return .bool(try Operators.truth(try rhs.eval(f, rt), span: rhs.span))
    }
}
