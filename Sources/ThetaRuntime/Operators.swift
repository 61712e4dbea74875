import Foundation
import ThetaSyntax
import ThetaTensor

/// The meaning of the operators on values. Numbers are handled inline by the operator nodes;
/// everything else comes here. Tensor arithmetic broadcasts like NumPy (ThetaTensor does it);
/// shape errors are located at the operator.
enum Operators {
    static func binary(_ op: BinaryOp, _ a: Value, _ b: Value, span: Span, rt: Runtime) throws -> Value {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return numeric(op, x, y)
        case (.string(let x), .string(let y)):
            switch op {
            case .add: return .string(x + y)
            case .eq: return .bool(x == y)
            case .ne: return .bool(x != y)
            case .lt: return .bool(x < y)
            case .le: return .bool(x <= y)
            case .gt: return .bool(x > y)
            case .ge: return .bool(x >= y)
            default: break
            }
        case (.list(let x), .list(let y)) where op == .add:
            return .list(x + y)
        case (.tracked, _), (_, .tracked):
            return try Differentiable.binary(op, a, b, span: span, rt: rt)
        case (.parameter, _), (_, .parameter):
            return try binary(op, try rt.numeric(a, at: span), try rt.numeric(b, at: span), span: span, rt: rt)
        default:
            break
        }
        if isNumeric(a) && isNumeric(b) {
            return try tensorBinary(op, a, b, span: span)
        }
        switch op {
        case .eq: return .bool(Equality.equal(a, b))
        case .ne: return .bool(!Equality.equal(a, b))
        default:
            throw Diagnostic(.runtime, "cannot apply '\(op.rawValue)' to \(a.typeName) and \(b.typeName)", at: span,
                             hint: hint(op, a, b))
        }
    }

    private static func hint(_ op: BinaryOp, _ a: Value, _ b: Value) -> String? {
        if case .string = a, op == .add { return "use string interpolation: \"text \\(value)\"" }
        if case .string = b, op == .add { return "use string interpolation: \"text \\(value)\"" }
        return nil
    }

    static func isNumeric(_ v: Value) -> Bool {
        switch v {
        case .number, .tensor: return true
        default: return false
        }
    }

    @inline(__always)
    static func numeric(_ op: BinaryOp, _ x: Double, _ y: Double) -> Value {
        switch op {
        case .add: return .number(x + y)
        case .sub: return .number(x - y)
        case .mul: return .number(x * y)
        case .div: return .number(x / y)
        case .mod: return .number(Tensor.flooredMod(x, y))
        case .pow: return .number(Foundation.pow(x, y))
        case .matmul: return .number(x * y)
        case .eq: return .bool(x == y)
        case .ne: return .bool(x != y)
        case .lt: return .bool(x < y)
        case .le: return .bool(x <= y)
        case .gt: return .bool(x > y)
        case .ge: return .bool(x >= y)
        }
    }

    static func tensorBinary(_ op: BinaryOp, _ a: Value, _ b: Value, span: Span) throws -> Value {
        let x = try Coerce.tensor(a, at: span, what: "left operand")
        let y = try Coerce.tensor(b, at: span, what: "right operand")
        do throws(TensorError) {
            switch op {
            case .add: return Value.from(try Tensor.add(x, y))
            case .sub: return Value.from(try Tensor.sub(x, y))
            case .mul: return Value.from(try Tensor.mul(x, y))
            case .div: return Value.from(try Tensor.div(x, y))
            case .mod: return Value.from(try Tensor.mod(x, y))
            case .pow: return Value.from(try Tensor.pow(x, y))
            case .matmul:
                if x.rank == 0 || y.rank == 0 {
                    throw TensorError("@: matrix product needs tensors of rank ≥ 1, got shapes \(Tensor.describe(x.shape)) and \(Tensor.describe(y.shape))")
                }
                return Value.from(try Tensor.matmul(x, y))
            case .eq: return Value.from(try Tensor.compare(x, y, op: "==") { $0 == $1 })
            case .ne: return Value.from(try Tensor.compare(x, y, op: "!=") { $0 != $1 })
            case .lt: return Value.from(try Tensor.compare(x, y, op: "<") { $0 < $1 })
            case .le: return Value.from(try Tensor.compare(x, y, op: "<=") { $0 <= $1 })
            case .gt: return Value.from(try Tensor.compare(x, y, op: ">") { $0 > $1 })
            case .ge: return Value.from(try Tensor.compare(x, y, op: ">=") { $0 >= $1 })
            }
        } catch {
            throw Diagnostic(.runtime, error.message, at: span)
        }
    }

    static func negate(_ v: Value, span: Span, rt: Runtime) throws -> Value {
        switch v {
        case .number(let x): return .number(-x)
        case .tensor(let t): return .tensor(t.negated())
        case .tracked(let t): return try Differentiable.negate(t, span: span, rt: rt)
        case .parameter(let p): return try negate(try rt.resolve(p, at: span), span: span, rt: rt)
        default: throw Diagnostic(.runtime, "cannot negate \(v.typeName)", at: span)
        }
    }

    /// Truth of a condition: bools; numbers (non-zero); none (false); a one-element tensor;
    /// strings and lists (non-empty). A many-element tensor is ambiguous and an error.
    static func truth(_ v: Value, span: Span) throws -> Bool {
        switch v {
        case .bool(let b): return b
        case .number(let x): return x != 0
        case .none: return false
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .tracked(let t): return try truth(t.plain, span: span)
        case .parameter(let p): return try truth(p.plain, span: span)
        case .tensor(let t):
            if t.count == 1 { return t.scalars[0] != 0 }
            throw Diagnostic(.runtime, "a tensor of shape \(Tensor.describe(t.shape)) is not a single truth value", at: span,
                             hint: "use any(...) or all(...), or compare one element")
        default:
            throw Diagnostic(.runtime, "\(v.typeName) is not a truth value", at: span)
        }
    }
}

/// Structural equality used by `==` on non-numeric values.
enum Equality {
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.none, .none): return true
        case (.string(let x), .string(let y)): return x == y
        case (.tensor(let x), .tensor(let y)): return x == y
        case (.parameter(let x), .parameter(let y)): return x === y
        case (.parameter(let x), _): return equal(x.plain, b)
        case (_, .parameter(let y)): return equal(a, y.plain)
        case (.tracked(let x), _): return equal(x.plain, b)
        case (_, .tracked(let y)): return equal(a, y.plain)
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.record(let x), .record(let y)):
            return x.names == y.names && zip(x.values, y.values).allSatisfy { equal($0, $1) }
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y
        case (.model(let x), .model(let y)): return x === y
        case (.modelType(let x), .modelType(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }
}
