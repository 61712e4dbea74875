#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ThetaRuntime
import ThetaSyntax

/// The interpreter is used by one thread at a time: the caller of `Interpreter.onLargeStack`
/// blocks until the body returns, so handing it to that thread is safe.
private struct InterpreterHandle: @unchecked Sendable {
    let interpreter: Interpreter
}

/// One interpreter with the command's plumbing around it: every evaluation runs on a large stack
/// (so 10,000-deep recursion works) with Ctrl-C routed to `Interpreter.requestInterrupt`, values go
/// to standard output, and diagnostics to standard error.
final class Session {
    let interpreter: Interpreter

    init(seed: UInt64) {
        interpreter = Interpreter(seed: seed, display: { Output.value($0) })
        // A broken installation (no stdlib beside the executable) says so, and runs on without it.
        for problem in interpreter.preludeProblems { Output.diagnostic(problem) }
        PlotDisplay.install(on: interpreter)
        // A fit's progress line goes to standard error, and only when that is a terminal.
        if isatty(STDERR_FILENO) == 1 {
            interpreter.runtime.progress = { Output.progress($0) }
        }
    }

    /// Runs a file or entry; the diagnostic that stopped it, if any (not yet reported).
    func run(_ file: SourceFile) -> Diagnostic? {
        let handle = InterpreterHandle(interpreter: interpreter)
        let result: Result<Void, Diagnostic> = Interrupts.whileEvaluating {
            Interpreter.onLargeStack { Result { () throws(Diagnostic) in try handle.interpreter.run(file) } }
        }
        if case .failure(let d) = result { return d }
        return nil
    }

    /// Parses and resolves without running.
    func check(_ file: SourceFile) -> [Diagnostic] {
        let handle = InterpreterHandle(interpreter: interpreter)
        return Interpreter.onLargeStack { handle.interpreter.check(file) }
    }

    /// The type name of an expression's value (runs it).
    func typeName(_ file: SourceFile) -> Result<String, Diagnostic> {
        let handle = InterpreterHandle(interpreter: interpreter)
        return Interrupts.whileEvaluating {
            Interpreter.onLargeStack {
                Result { () throws(Diagnostic) in try handle.interpreter.typeName(of: file) }
            }
        }
    }

    /// Runs and reports: the exit status the command would end with.
    func runReporting(_ file: SourceFile) -> ExitStatus {
        guard let d = run(file) else { return .success }
        Output.diagnostic(d)
        return ExitStatus(d)
    }
}
