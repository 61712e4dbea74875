import ThetaSyntax
import ThetaTensor

/// `[a, b, c]`: a tensor when every element is a number or all are tensors of one shape
/// (stacked along a new first axis), otherwise a list. `[]` is an empty list.
final class ListNode: Node {
    let elements: [Node]
    init(elements: [Node], span: Span) { self.elements = elements; super.init(span: span) }

    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        for e in elements { values.append(try e.eval(f, rt)) }
        return try ListNode.make(values, span: span)
    }

    static func make(_ values: [Value], span: Span) throws -> Value {
        if values.isEmpty { return .list([]) }
        var allNumbers = true
        var scalars: [Double] = []
        scalars.reserveCapacity(values.count)
        for v in values {
            if case .number(let x) = v { scalars.append(x) } else { allNumbers = false; break }
        }
        if allNumbers { return .tensor(Tensor(scalars)) }
        guard case .tensor(let first) = values[0] else { return .list(values) }
        var rows: [Tensor] = [first]
        for v in values.dropFirst() {
            guard case .tensor(let t) = v, t.shape == first.shape else { return .list(values) }
            rows.append(t)
        }
        do { return .tensor(try Tensor.stack(rows, axis: 0)) }
        catch { throw Diagnostic(.runtime, error.message, at: span) }
    }
}

/// `{a: 1, b: 2}`
final class RecordNode: Node {
    let names: [String]
    let values: [Node]
    init(names: [String], values: [Node], span: Span) { self.names = names; self.values = values; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        var vs: [Value] = []
        for v in values { vs.append(try v.eval(f, rt)) }
        return .record(Record(names: names, values: vs))
    }
}

/// `"text \(expr) more"`: parts are literal text or expressions shown as `print` shows them.
final class StringNode: Node {
    enum Part { case text(String), expr(Node) }
    let parts: [Part]
    init(parts: [Part], span: Span) { self.parts = parts; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        var s = ""
        for p in parts {
            switch p {
            case .text(let t): s += t
            case .expr(let n): s += Display.text(try n.eval(f, rt))
            }
        }
        return .string(s)
    }
}

/// An assignable place: a variable, an element, or a field, possibly nested (`r.a[0] = 1`).
indirect enum LValue {
    case variable(VariableAccess)
    case index(LValue, [IndexItemNode], Span)
    case field(LValue, String, Span)
    /// A field of a value that is not itself assignable, e.g. `make().x = 1`: only reference
    /// values (model instances) can be changed this way.
    case fieldOfValue(Node, String, Span)
}

/// `place = value` for element and field places. Containers with value semantics are taken
/// out of their variable, changed in place and written back, so `x[i] = v` in a loop does not
/// copy `x` each time.
final class AssignPlace: Node {
    let place: LValue
    let value: Node
    init(place: LValue, value: Node, span: Span) { self.place = place; self.value = value; super.init(span: span) }

    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        let v = try value.eval(f, rt)
        try AssignPlace.store(v, into: place, f, rt)
        return .none
    }

    static func store(_ v: Value, into place: LValue, _ f: Frame, _ rt: Runtime) throws {
        switch place {
        case .variable(let a):
            a.write(f, v)
        case .index(let base, let items, let span):
            let args = try IndexItemNode.evalAll(items, f, rt)
            try update(base, f, rt) { container in try Indexing.set(container, args, v, span: span) }
        case .field(let base, let name, let span):
            try update(base, f, rt) { container in try setField(container, name, v, span: span) }
        case .fieldOfValue(let node, let name, let span):
            _ = try setField(try node.eval(f, rt), name, v, span: span)
        }
    }

    /// Reads the value at `place`, transforms it, and stores the result back.
    private static func update(_ place: LValue, _ f: Frame, _ rt: Runtime, _ change: (Value) throws -> Value) throws {
        if case .variable(let a) = place {
            let old = try a.take(f)
            do { a.write(f, try change(old)) } catch { a.write(f, old); throw error }
            return
        }
        let old = try read(place, f, rt)
        try store(try change(old), into: place, f, rt)
    }

    static func read(_ place: LValue, _ f: Frame, _ rt: Runtime) throws -> Value {
        switch place {
        case .variable(let a): return try a.read(f)
        case .index(let base, let items, let span):
            return try Indexing.get(try read(base, f, rt), try IndexItemNode.evalAll(items, f, rt), span: span)
        case .field(let base, let name, let span):
            return try Members.field(try read(base, f, rt), name, span: span, rt: rt)
        case .fieldOfValue(let node, let name, let span):
            return try Members.field(try node.eval(f, rt), name, span: span, rt: rt)
        }
    }

    /// Sets a field: records change by value (the new record is returned), model instances by
    /// reference.
    static func setField(_ container: Value, _ name: String, _ v: Value, span: Span) throws -> Value {
        switch container {
        case .record(var r):
            r[name] = v
            return .record(r)
        case .model(let m):
            guard let slot = m.type.members[name] else {
                throw Diagnostic(.runtime, "\(m.type.name) has no field '\(name)'", at: span,
                                 hint: "fields are the names assigned in the model's body: \(m.type.memberOrder.joined(separator: ", "))")
            }
            m.frame.slots[slot] = v
            return container
        default:
            throw Diagnostic(.runtime, "cannot set a field of \(container.typeName)", at: span)
        }
    }
}
