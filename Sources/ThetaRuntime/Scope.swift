import ThetaSyntax

/// A compile-time scope: the names of one frame and their slots. Function and model bodies
/// are scopes; `if`, `for` and `while` blocks are not. The global scope's names live in
/// `Globals` instead.
final class Scope {
    enum Kind { case global, function, model }
    let kind: Kind
    let parent: Scope?
    /// True for a function declared directly in a model body: assigning a field's name inside
    /// it changes the field rather than making a local.
    let isMethod: Bool
    private(set) var slots: [String: Int] = [:]
    private(set) var order: [String] = []
    var orderedNames: [String] { order }

    init(kind: Kind, parent: Scope?, isMethod: Bool = false) {
        self.kind = kind; self.parent = parent; self.isMethod = isMethod
    }

    var count: Int { order.count }

    /// Declares a name (idempotent) and returns its slot.
    @discardableResult
    func declare(_ name: String) -> Int {
        if let i = slots[name] { return i }
        let i = order.count
        slots[name] = i
        order.append(name)
        return i
    }

    func slot(_ name: String) -> Int? { slots[name] }
}

/// Finds the names a block of statements assigns in its own scope: assignment targets, `for`
/// variables and `fn`/`model` declarations, looking into `if`/`for`/`while` blocks (which are
/// not scopes) but not into functions, lambdas or models (which are).
enum AssignedNames {
    static func collect(_ statements: [Stmt], into names: inout [(String, Span)]) {
        for s in statements { collect(s, into: &names) }
    }

    /// The names that only `for` loops bind (no assignment or declaration binds them too): a
    /// model's loop counters, which are not its fields.
    static func loopOnly(_ statements: [Stmt]) -> Set<String> {
        var all: [(String, Span)] = []
        collect(statements, into: &all)
        var loops: [(String, Span)] = []
        collectLoopVariables(statements, into: &loops)
        var counts: [String: Int] = [:]
        for (n, _) in all { counts[n, default: 0] += 1 }
        for (n, _) in loops { counts[n, default: 0] -= 1 }
        return Set(loops.map(\.0).filter { counts[$0, default: 0] == 0 })
    }

    /// The variables of the `for` loops among `statements`, nested loops and `if`/`while`
    /// blocks included (the same places `collect` looks).
    private static func collectLoopVariables(_ statements: [Stmt], into names: inout [(String, Span)]) {
        for s in statements {
            switch s.kind {
            case .forIn(let v, let vs, _, let body):
                names.append((v, vs))
                collectLoopVariables(body.statements, into: &names)
            case .whileLoop(_, let body): collectLoopVariables(body.statements, into: &names)
            case .expr(let e, _):
                if case .ifElse(_, let a, let b) = e.kind {
                    collectLoopVariables(a.statements, into: &names)
                    if let b { collectLoopVariables(b.statements, into: &names) }
                }
            default: break
            }
        }
    }

    static func collect(_ s: Stmt, into names: inout [(String, Span)]) {
        switch s.kind {
        case .expr(let e, _): collect(e, into: &names)
        case .assign(let target, let value):
            if case .name(let n) = target.kind { names.append((n, target.span)) }
            if case .list(let items) = target.kind {
                for item in items { if case .name(let n) = item.kind { names.append((n, item.span)) } }
            }
            collect(value, into: &names)
        case .function(let d): if let n = d.name { names.append((n, d.nameSpan)) }
        case .model(let d): names.append((d.name, d.nameSpan))
        case .forIn(let v, let vs, let iterable, let body):
            names.append((v, vs))
            collect(iterable, into: &names)
            collect(body.statements, into: &names)
        case .whileLoop(let c, let body):
            collect(c, into: &names)
            collect(body.statements, into: &names)
        case .returnValue(let e): if let e { collect(e, into: &names) }
        case .breakLoop, .continueLoop, .importFile: break
        }
    }

    /// Only `if` expressions contain statements of the same scope.
    static func collect(_ e: Expr, into names: inout [(String, Span)]) {
        switch e.kind {
        case .ifElse(let c, let a, let b):
            collect(c, into: &names)
            collect(a.statements, into: &names)
            if let b { collect(b.statements, into: &names) }
        case .binary(_, let l, let r), .logical(_, let l, let r), .divergencePair(let l, let r):
            collect(l, into: &names); collect(r, into: &names)
        case .unary(_, let x), .field(let x, _): collect(x, into: &names)
        case .call(let f, let args):
            collect(f, into: &names)
            for a in args { collect(a.value, into: &names) }
        case .index(let b, _): collect(b, into: &names)
        case .list(let xs): for x in xs { collect(x, into: &names) }
        case .record(let fs): for f in fs { collect(f.value, into: &names) }
        case .number, .string, .bool, .none, .name, .lambda: break
        }
    }
}
