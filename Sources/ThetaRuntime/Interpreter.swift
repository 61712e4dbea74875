import Foundation
import ThetaSyntax

/// The language's front door: parse, resolve and run source text, keeping global state between
/// calls (a REPL session, a notebook's cells, or one script).
///
/// Contract for callers (the `theta` command, notebooks, tests):
/// - `run` executes every statement; each top-level expression statement whose value is not
///   `none` and that is not hidden by `;` is passed to `display` as text (notebook-style).
/// - Errors come back as `Diagnostic` values with spans; nothing traps on bad input.
/// - Evaluation runs on a thread with a large stack, so 10,000-deep recursion works and
///   runaway recursion is an error.
public final class Interpreter {
    /// Receives the display text of each shown value and each `print`, one per call, without
    /// a trailing newline.
    public var display: (String) -> Void {
        didSet { runtime.output = display }
    }
    public let runtime: Runtime

    public init(seed: UInt64 = 0, display: @escaping (String) -> Void = { print($0) }) {
        self.display = display
        self.runtime = Runtime(seed: seed, output: display)
        for b in Builtins.all {
            runtime.globals[runtime.globals.slot(for: b.name)] = .builtin(b)
        }
        for (name, value) in Constants.all() {
            runtime.globals[runtime.globals.slot(for: name)] = value
        }
        preludeProblems = Stdlib.load(into: self)
        runtime.builtinGlobalCount = runtime.globals.names.count
    }

    /// Problems loading the stdlib (none in a working installation); its names are missing
    /// when there are any.
    public private(set) var preludeProblems: [Diagnostic] = []

    /// Parses, resolves and runs a file or REPL entry in the global scope.
    public func run(_ file: SourceFile) throws(Diagnostic) {
        let nodes = try compile(file, display: true)
        try execute(nodes)
    }

    /// Parses, resolves and runs the statements in a byte range of a file (a notebook cell) in
    /// the global scope; spans and errors keep the whole file's line numbers.
    public func run(_ file: SourceFile, range: Range<Int>) throws(Diagnostic) {
        let nodes = try compile(file, range: range, display: true)
        try execute(nodes)
    }

    /// Runs a file one top-level statement at a time, as a REPL would: an error in one statement
    /// is passed to `onError` and the next statement still runs. A syntax error stops at once
    /// (nothing after it can be trusted). Used by golden tests and notebook-style tools.
    public func runEach(_ file: SourceFile, onError: (Diagnostic) -> Void) {
        let program: Program
        do { program = try Parser.parse(file) } catch { onError(error); return }
        var names: [(String, Span)] = []
        AssignedNames.collect(program.statements, into: &names)
        for (n, _) in names { _ = runtime.globals.slot(for: n) }
        for statement in program.statements {
            let compiler = Compiler(globals: runtime.globals)
            compiler.importStack = [file.name]
            let node = compiler.compileStatement(statement, topLevel: true)
            if let d = compiler.diagnostics.first { onError(d); continue }
            do { try execute([node]) } catch { onError(error) }
        }
    }

    /// Parses and resolves; throws the first static problem.
    func compile(_ file: SourceFile, range: Range<Int>? = nil, display: Bool) throws(Diagnostic) -> [Node] {
        let program = if let range { try Parser.parse(file, range: range) } else { try Parser.parse(file) }
        return try compile(program, name: file.name, display: display)
    }

    /// Resolves a parsed program (from the file called `name`) against the globals.
    func compile(_ program: Program, name: String, display: Bool) throws(Diagnostic) -> [Node] {
        let compiler = Compiler(globals: runtime.globals)
        compiler.importStack = [name]
        let nodes = compiler.compileProgram(program, display: display)
        if let first = compiler.diagnostics.first { throw first }
        return nodes
    }

    /// Runs compiled top-level nodes on the large-stack thread.
    func execute(_ nodes: [Node]) throws(Diagnostic) {
        let rt = runtime
        let top = Frame(size: 0, parent: nil)
        nonisolated(unsafe) var failure: Diagnostic? = nil
        nonisolated(unsafe) let work = nodes
        LargeStack.run { limit in
            rt.state.pointee = ExecState()
            rt.state.pointee.stackLimit = limit
            do {
                for n in work {
                    _ = try n.eval(top, rt)
                    if rt.state.pointee.flow != .normal { rt.state.pointee.flow = .normal }
                }
            } catch let d as Diagnostic {
                failure = d
            } catch {
                failure = Diagnostic(.runtime, "\(error)", at: nil)
            }
            rt.state.pointee = ExecState()
        }
        Runtime.interruptFlag.store(false, ordering: .relaxed)
        if let failure { throw failure }
    }

    /// Parses and resolves without running: every static problem found (empty when none).
    /// Uses a scratch copy of the globals so the session is unchanged.
    public func check(_ file: SourceFile) -> [Diagnostic] {
        let program: Program
        do { program = try Parser.parse(file) } catch { return [error] }
        let compiler = Compiler(globals: runtime.globals)
        compiler.importStack = [file.name]
        _ = compiler.compileProgram(program, display: false)
        return compiler.diagnostics
    }

    /// Evaluates a single expression and returns its value (for `:type`, tests and tools).
    public func evaluate(_ file: SourceFile) throws(Diagnostic) -> Value {
        let nodes = try compile(file, display: false)
        let slot = runtime.globals.slot(for: "_")
        guard let last = nodes.last else { return .none }
        let capture = SetVariable(ref: .global(slot), value: last, globals: runtime.globals, span: last.span)
        try execute(Array(nodes.dropLast()) + [capture])
        return runtime.globals[slot]
    }

    /// The type name of an expression's value, as `:type` shows it (runs the expression).
    public func typeName(of file: SourceFile) throws(Diagnostic) -> String {
        try evaluate(file).typeName
    }

    /// Forgets every global the user defined; builtins stay.
    public func reset() {
        runtime.globals.truncate(to: runtime.builtinGlobalCount)
        runtime.imported = []
    }

    /// Names in scope at the top level, for completion: builtins and user globals.
    public var globalNames: [String] {
        runtime.globals.names.enumerated().compactMap { i, n in
            if case .unset = runtime.globals[i] { return nil }
            return n
        }
    }

    /// Named parameters of a callable global, for completion of `name(` arguments.
    public func parameterNames(of name: String) -> [String] {
        guard let i = runtime.globals.lookup(name) else { return [] }
        switch runtime.globals[i] {
        case .function(let c): return c.code.parameterNames
        case .builtin(let b): return b.parameters.map(\.name)
        case .modelType(let m): return m.code.parameterNames
        default: return []
        }
    }

    /// Field and method names of a global's value, for completion after `name.`.
    public func memberNames(of name: String) -> [String] {
        guard let i = runtime.globals.lookup(name) else { return [] }
        return Members.memberNames(of: runtime.globals[i])
    }

    /// The documentation of a builtin (`:help NAME`, `theta help NAME`), nil when unknown.
    public static func documentation(of name: String) -> String? {
        Builtins.documentation(name)
    }

    /// Names of every builtin.
    public static var builtinNames: [String] { Builtins.all.map(\.name) }

    /// Asks a running evaluation to stop at its next check (loop back-edge or call); safe to call
    /// from a signal handler or another thread. The evaluation throws an `.interrupted` diagnostic.
    public static func requestInterrupt() {
        Runtime.interruptFlag.store(true, ordering: .relaxed)
    }

    /// Runs `body` on a thread with a large stack and waits for it.
    public static func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        nonisolated(unsafe) var result: T? = nil
        LargeStack.run { _ in result = body() }
        if let result { return result }
        return body()
    }
}
