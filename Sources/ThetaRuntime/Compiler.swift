import Foundation
import ThetaSyntax

/// The resolver: turns a parsed program into executable nodes with every name bound to a slot,
/// and collects the static errors (undefined names, `break` outside a loop, `return` outside a
/// function, duplicate parameters) without running anything.
final class Compiler {
    let globals: Globals
    private(set) var diagnostics: [Diagnostic] = []
    var scope: Scope
    var loopDepth = 0
    var functionDepth = 0
    /// Files being compiled right now, to stop import cycles.
    var importStack: [String] = []
    /// For each function being compiled (innermost last), the global slots it reads.
    var globalsUsed: [Set<Int>] = []

    init(globals: Globals) {
        self.globals = globals
        self.scope = Scope(kind: .global, parent: nil)
    }

    func error(_ message: String, _ span: Span, hint: String? = nil) {
        diagnostics.append(Diagnostic(.resolve, message, at: span, hint: hint))
    }

    /// Compiles a program's top-level statements; expression statements display their value
    /// when `display` is true.
    func compileProgram(_ program: Program, display: Bool) -> [Node] {
        var names: [(String, Span)] = []
        AssignedNames.collect(program.statements, into: &names)
        for (n, _) in names { _ = globals.slot(for: n) }
        return program.statements.map { compileStatement($0, topLevel: display) }
    }

    // MARK: statements

    func compileStatement(_ s: Stmt, topLevel: Bool = false) -> Node {
        switch s.kind {
        case .expr(let e, let hidden):
            let node = compileExpr(e)
            return topLevel && !hidden ? DisplayNode(expr: node, span: s.span) : node
        case .assign(let target, let value):
            return compileAssignment(target, compileExpr(value), span: s.span)
        case .function(let decl):
            let code = compileFunction(decl, isMethod: scope.kind == .model)
            let name = decl.name ?? "fn"
            return SetVariable(ref: assignRef(name), value: MakeClosure(code: code, span: decl.span), globals: globals, span: s.span)
        case .model(let decl):
            return SetVariable(ref: assignRef(decl.name), value: compileModel(decl), globals: globals, span: s.span)
        case .forIn(let variable, let variableSpan, let iterable, let body):
            let it = compileExpr(iterable)
            let access = VariableAccess(ref: assignRef(variable), globals: globals, name: variable, span: variableSpan)
            loopDepth += 1
            let b = compileBlock(body, yieldsLast: false)
            loopDepth -= 1
            return ForNode(variable: access, iterable: it, body: b, span: s.span)
        case .whileLoop(let condition, let body):
            let c = compileExpr(condition)
            loopDepth += 1
            let b = compileBlock(body, yieldsLast: false)
            loopDepth -= 1
            return WhileNode(condition: c, body: b, span: s.span)
        case .breakLoop, .continueLoop:
            let isBreak: Bool
            if case .breakLoop = s.kind { isBreak = true } else { isBreak = false }
            if loopDepth == 0 {
                error("'\(isBreak ? "break" : "continue")' outside a loop", s.span,
                      hint: "it can only appear inside 'for' or 'while' in the same function")
            }
            return FlowNode(flow: isBreak ? .breakLoop : .continueLoop, span: s.span)
        case .returnValue(let e):
            if functionDepth == 0 {
                error("'return' outside a function", s.span)
            }
            return ReturnNode(value: e.map(compileExpr), span: s.span)
        case .importFile(let path):
            return compileImport(path, span: s.span)
        }
    }

    func compileBlock(_ b: Block, yieldsLast: Bool) -> Node {
        let nodes = b.statements.map { compileStatement($0) }
        var lastIsExpr = false
        if let last = b.statements.last, case .expr = last.kind { lastIsExpr = true }
        if nodes.count == 1, lastIsExpr, yieldsLast { return nodes[0] }
        return BlockNode(statements: nodes, yieldsLast: yieldsLast && lastIsExpr, span: b.span)
    }

    /// Where an assignment to `name` in the current scope goes.
    func assignRef(_ name: String) -> VariableRef {
        switch scope.kind {
        case .global:
            return .global(globals.slot(for: name))
        case .function, .model:
            if scope.isMethod, scope.slot(name) == nil, let parent = scope.parent, let field = parent.slot(name) {
                return .outer(depth: 1, slot: field)
            }
            return .local(scope.declare(name))
        }
    }

    func compileAssignment(_ target: Expr, _ value: Node, span: Span) -> Node {
        switch target.kind {
        case .name(let n):
            return SetVariable(ref: assignRef(n), value: value, globals: globals, span: span)
        case .index, .field:
            guard let place = compilePlace(target) else { return value }
            return AssignPlace(place: place, value: value, span: span)
        case .list(let items):
            var targets: [VariableAccess] = []
            for item in items {
                guard case .name(let n) = item.kind else {
                    error("only names can be unpacked into", item.span)
                    return value
                }
                targets.append(VariableAccess(ref: assignRef(n), globals: globals, name: n, span: item.span))
            }
            return Unpack(targets: targets, value: value, span: span)
        default:
            error("cannot assign to this expression", target.span, hint: "assign to a name, an element x[i] or a field r.a")
            return value
        }
    }

    /// An assignable place. The innermost base must be a variable, unless the place is a field of
    /// an arbitrary expression (which only model instances support at run time).
    func compilePlace(_ e: Expr) -> LValue? {
        switch e.kind {
        case .name(let n):
            guard let ref = lookup(n, e.span) else { return nil }
            return .variable(VariableAccess(ref: ref, globals: globals, name: n, span: e.span))
        case .index(let base, let items):
            guard let b = compilePlace(base) else { return nil }
            return .index(b, items.map(compileIndexItem), e.span)
        case .field(let base, let name):
            switch base.kind {
            case .name, .index, .field:
                guard let b = compilePlace(base) else { return nil }
                return .field(b, name, e.span)
            default:
                return .fieldOfValue(compileExpr(base), name, e.span)
            }
        default:
            error("cannot assign to this expression", e.span)
            return nil
        }
    }

    // MARK: functions and models

    func compileFunction(_ decl: FunctionDecl, isMethod: Bool) -> FunctionCode {
        let outer = scope, outerLoops = loopDepth
        scope = Scope(kind: .function, parent: outer, isMethod: isMethod)
        loopDepth = 0
        functionDepth += 1
        defer { scope = outer; loopDepth = outerLoops; functionDepth -= 1 }

        globalsUsed.append([])
        declareParameters(decl.parameters)
        var names: [(String, Span)] = []
        AssignedNames.collect(decl.body.statements, into: &names)
        for (n, _) in names where !(isMethod && scope.slot(n) == nil && outer.slot(n) != nil) {
            scope.declare(n)
        }
        let defaults = decl.parameters.map { p in p.defaultValue.map(compileExpr) }
        let body = compileBlock(decl.body, yieldsLast: true)
        let code = FunctionCode(name: decl.name ?? "fn", parameterNames: decl.parameters.map(\.name), defaults: defaults,
                                frameSize: scope.count, body: body, span: decl.span)
        code.referencedGlobals = closeGlobalsUsed()
        return code
    }

    /// Ends the innermost function's record of the globals it reads, returning it; the
    /// enclosing function reads them too (through this one), so they join its record.
    private func closeGlobalsUsed() -> [Int] {
        let used = globalsUsed.removeLast()
        if !globalsUsed.isEmpty { globalsUsed[globalsUsed.count - 1].formUnion(used) }
        return used.sorted()
    }

    private func declareParameters(_ params: [Parameter]) {
        for p in params {
            if scope.slot(p.name) != nil {
                error("duplicate parameter '\(p.name)'", p.span, hint: "each parameter needs its own name")
            }
            scope.declare(p.name)
        }
    }

    func compileModel(_ decl: ModelDecl) -> Node {
        let outer = scope, outerLoops = loopDepth, outerFunctions = functionDepth
        scope = Scope(kind: .model, parent: outer)
        loopDepth = 0
        functionDepth = 0
        defer { scope = outer; loopDepth = outerLoops; functionDepth = outerFunctions }

        globalsUsed.append([])
        declareParameters(decl.parameters)
        var names: [(String, Span)] = []
        AssignedNames.collect(decl.body.statements, into: &names)
        for (n, _) in names { scope.declare(n) }
        let defaults = decl.parameters.map { p in p.defaultValue.map(compileExpr) }
        let body = compileBlock(decl.body, yieldsLast: false)
        let code = FunctionCode(name: decl.name, parameterNames: decl.parameters.map(\.name), defaults: defaults,
                                frameSize: scope.count, body: body, span: decl.span)
        code.referencedGlobals = closeGlobalsUsed()
        // Fields and methods are the body's names, less the counters of its loops.
        let counters = AssignedNames.loopOnly(decl.body.statements)
        var members: [String: Int] = [:]
        for (i, n) in scope.orderedNames.enumerated() where !counters.contains(n) { members[n] = i }
        let order = scope.orderedNames.filter { !counters.contains($0) }
        return MakeModelType(code: code, members: members, memberOrder: order, span: decl.span)
    }

    // MARK: imports

    func compileImport(_ path: String, span: Span) -> Node {
        let base = URL(fileURLWithPath: span.file.name).deletingLastPathComponent()
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        let full = url.standardizedFileURL.path
        if importStack.contains(full) {
            error("import cycle: \(path) imports itself", span)
            return ConstNode(.none, span: span)
        }
        guard scope.kind == .global else {
            error("'import' is only allowed at the top level of a file", span)
            return ConstNode(.none, span: span)
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            error("cannot read imported file '\(path)'", span, hint: "looked for \(full); paths are relative to the importing file")
            return ConstNode(.none, span: span)
        }
        let file = SourceFile(name: full, bytes: Array(data))
        do {
            let program = try Parser.parse(file)
            importStack.append(full)
            defer { importStack.removeLast() }
            let nodes = compileProgram(program, display: false)
            return ImportNode(path: full, body: nodes, span: span)
        } catch let d as Diagnostic {
            diagnostics.append(d)
        } catch {
            self.error("cannot import '\(path)': \(error)", span)
        }
        return ConstNode(.none, span: span)
    }
}

/// Runs an imported file's top level once per session.
final class ImportNode: Node {
    let path: String
    let body: [Node]
    init(path: String, body: [Node], span: Span) { self.path = path; self.body = body; super.init(span: span) }
    override func eval(_ f: Frame, _ rt: Runtime) throws -> Value {
        if rt.imported.contains(path) { return .none }
        rt.imported.insert(path)
        for n in body { _ = try n.eval(f, rt) }
        return .none
    }
}
