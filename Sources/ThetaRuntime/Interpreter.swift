import ThetaSyntax

/// The language's front door: parse, resolve and run source text, keeping global state between
/// calls (a REPL session, a notebook's cells, or one script).
///
/// Contract for callers (the `theta` command, notebooks, tests):
/// - `run` executes every statement; each top-level expression statement whose value is not
///   `none` and that is not hidden by `;` is passed to `display` as text (notebook-style).
/// - Errors come back as `Diagnostic` values with spans; nothing traps on bad input.
/// - Run deep programs through `Interpreter.onLargeStack` so 10,000-deep recursion works.
public final class Interpreter {
    /// Receives the display text of each shown value, one value per call, without a newline.
    public var display: (String) -> Void

    public init(seed: UInt64 = 0, display: @escaping (String) -> Void = { print($0) }) {
        self.display = display
        self.seed = seed
    }

    let seed: UInt64

    /// Parses, resolves and runs a file or REPL entry in the global scope.
    public func run(_ file: SourceFile) throws(Diagnostic) {
        throw Diagnostic(.runtime, "the evaluator is not built yet", at: nil)
    }

    /// Parses and resolves without running: every static problem found (empty when none).
    public func check(_ file: SourceFile) -> [Diagnostic] { [] }

    /// The type name of an expression's value, as `:type` shows it (runs the expression).
    public func typeName(of file: SourceFile) throws(Diagnostic) -> String { "none" }

    /// Forgets every global the user defined; builtins stay.
    public func reset() {}

    /// Names in scope at the top level, for completion: builtins and user globals.
    public var globalNames: [String] { [] }

    /// Named parameters of a callable global, for completion of `name(` arguments.
    public func parameterNames(of name: String) -> [String] { [] }

    /// Field and method names of a global's value, for completion after `name.`.
    public func memberNames(of name: String) -> [String] { [] }

    /// Asks a running evaluation to stop at its next check (loop back-edge or call); safe to call
    /// from a signal handler or another thread. The evaluation throws an `.interrupted` diagnostic.
    public static func requestInterrupt() {}

    /// Runs `body` on a thread with a large stack and waits for it.
    public static func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        body()
    }
}
