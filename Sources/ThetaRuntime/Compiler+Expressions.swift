import ThetaSyntax
import ThetaTensor

extension Compiler {
    /// Resolves a name read: the innermost function or model scope that declares it, then the
    /// globals (builtins included). Reports an undefined name with a suggestion.
    func lookup(_ name: String, _ span: Span) -> VariableRef? {
        var depth = 0
        var s: Scope? = scope
        while let cur = s, cur.kind != .global {
            if let i = cur.slot(name) { return depth == 0 ? .local(i) : .outer(depth: depth, slot: i) }
            depth += 1
            s = cur.parent
        }
        if let g = globals.lookup(name) { return .global(g) }
        error("undefined name '\(name)'", span, hint: suggestion(for: name))
        return nil
    }

    private func suggestion(for name: String) -> String? {
        var visible: [String] = globals.names
        var s: Scope? = scope
        while let cur = s { visible += cur.orderedNames; s = cur.parent }
        return Suggest.closest(to: name, in: visible).map { "did you mean '\($0)'?" }
    }

    func compileExpr(_ e: Expr) -> Node {
        switch e.kind {
        case .number(let x): return ConstNode(.number(x), span: e.span)
        case .bool(let b): return ConstNode(.bool(b), span: e.span)
        case .none: return ConstNode(.none, span: e.span)
        case .string(let parts):
            if parts.isEmpty { return ConstNode(.string(""), span: e.span) }
            if parts.count == 1, case .text(let t) = parts[0] { return ConstNode(.string(t), span: e.span) }
            return StringNode(parts: parts.map { p in
                switch p {
                case .text(let t): return .text(t)
                case .expr(let x): return .expr(compileExpr(x))
                }
            }, span: e.span)
        case .name(let n):
            switch lookup(n, e.span) {
            case .local(let i)?: return LocalGet(slot: i, name: n, span: e.span)
            case .outer(let d, let i)?: return OuterGet(depth: d, slot: i, name: n, span: e.span)
            case .global(let i)?:
                if !globalsUsed.isEmpty { globalsUsed[globalsUsed.count - 1].insert(i) }
                return GlobalGet(slot: i, name: n, globals: globals, span: e.span)
            case nil: return ConstNode(.none, span: e.span)
            }
        case .list(let xs):
            let nodes = xs.map(compileExpr)
            if !nodes.isEmpty, nodes.allSatisfy({ ($0 as? ConstNode).map { if case .number = $0.value { true } else { false } } ?? false }) {
                let scalars = nodes.compactMap { n -> Double? in
                    if let c = n as? ConstNode, case .number(let x) = c.value { return x }
                    return nil
                }
                return ConstNode(.tensor(Tensor(scalars)), span: e.span)
            }
            return ListNode(elements: nodes, span: e.span)
        case .record(let fields):
            var seen: Set<String> = []
            for f in fields where !seen.insert(f.name).inserted {
                error("field '\(f.name)' appears twice in this record", f.span)
            }
            return RecordNode(names: fields.map(\.name), values: fields.map { compileExpr($0.value) }, span: e.span)
        case .unary(let op, let x):
            let operand = compileExpr(x)
            switch op {
            case .negate:
                if let c = operand as? ConstNode, case .number(let v) = c.value { return ConstNode(.number(-v), span: e.span) }
                return NegateNode(operand: operand, span: e.span)
            case .not:
                return NotNode(operand: operand, span: e.span)
            }
        case .binary(let op, let l, let r):
            let lhs = compileExpr(l), rhs = compileExpr(r)
            if let c = rhs as? ConstNode, case .number(let k) = c.value, op != .matmul {
                return BinaryConstNode(op: op, lhs: lhs, constant: k, span: e.span)
            }
            return BinaryNode(op: op, lhs: lhs, rhs: rhs, span: e.span)
        case .logical(let op, let l, let r):
            return LogicalNode(isAnd: op == .and, lhs: compileExpr(l), rhs: compileExpr(r), span: e.span)
        case .call(let callee, let args):
            let (nodes, labels, labelSpans) = compileArguments(args)
            if case .field(let receiver, let name) = callee.kind {
                return MethodCallNode(receiver: compileExpr(receiver), name: name, args: nodes, labels: labels,
                                      labelSpans: labelSpans, span: e.span)
            }
            return CallNode(callee: compileExpr(callee), args: nodes, labels: labels, labelSpans: labelSpans, span: e.span)
        case .index(let base, let items):
            return IndexNode(base: compileExpr(base), items: items.map(compileIndexItem), span: e.span)
        case .field(let base, let name):
            return FieldNode(base: compileExpr(base), name: name, span: e.span)
        case .lambda(let decl):
            return MakeClosure(code: compileFunction(decl, isMethod: false), span: e.span)
        case .ifElse(let c, let a, let b):
            return IfNode(condition: compileExpr(c), then: compileBlock(a, yieldsLast: true),
                          otherwise: b.map { compileBlock($0, yieldsLast: true) }, span: e.span)
        case .divergencePair(let p, let q):
            return PairNode(lhs: compileExpr(p), rhs: compileExpr(q), span: e.span)
        }
    }

    /// Positional arguments first, then named ones; returns the nodes and the labels of the
    /// named ones (in order). The parser already rejects a positional after a named argument.
    /// The argument nodes (positional first, then named), the labels of the named ones and the
    /// spans of those named arguments (`label: value`), which errors about a label point at.
    func compileArguments(_ args: [Argument]) -> ([Node], [String], [Span]) {
        var positional: [Node] = [], named: [Node] = [], labels: [String] = [], labelSpans: [Span] = []
        for a in args {
            if let label = a.label {
                if labels.contains(label) { error("argument '\(label)' is given twice", a.span) }
                labels.append(label)
                labelSpans.append(a.span)
                named.append(compileExpr(a.value))
            } else {
                positional.append(compileExpr(a.value))
            }
        }
        return (positional + named, labels, labelSpans)
    }

    func compileIndexItem(_ item: IndexItem) -> IndexItemNode {
        switch item {
        case .single(let e): return .single(compileExpr(e))
        case .slice(let a, let b, let c, let span):
            return .slice(a.map(compileExpr), b.map(compileExpr), c.map(compileExpr), span)
        }
    }
}

/// `p || q` as a divergence's argument: a pair of values the divergence reads.
public final class DivergencePair: ThetaObject {
    public let lhs: Value, rhs: Value
    /// The source text of each side (`data`, `model`), for showing the divergence.
    let lhsText: String, rhsText: String
    init(lhs: Value, rhs: Value, lhsText: String, rhsText: String) {
        self.lhs = lhs; self.rhs = rhs; self.lhsText = lhsText; self.rhsText = rhsText
    }
    public var typeName: String { "pair" }
    public func summary() -> String { "\(lhsText) || \(rhsText)" }
}

extension Span {
    /// The source text the span covers.
    var text: String {
        let bytes = file.bytes
        let a = Swift.max(0, Swift.min(start, bytes.count)), b = Swift.max(a, Swift.min(end, bytes.count))
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }
}

final class PairNode: Node {
    let lhs: Node, rhs: Node
    init(lhs: Node, rhs: Node, span: Span) { self.lhs = lhs; self.rhs = rhs; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        .object(DivergencePair(lhs: try lhs.eval(f, rt), rhs: try rhs.eval(f, rt),
                               lhsText: lhs.span.text, rhsText: rhs.span.text))
    }
}
