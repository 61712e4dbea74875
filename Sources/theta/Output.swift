#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline
import ThetaSyntax

/// Where `theta` writes: values to standard output, errors to standard error.
///
/// Standard output is flushed before anything goes to standard error and after every value, so the
/// two streams interleave in the order things happened even when they are pipes.
enum Output {
    /// Writes one displayed value and a newline to standard output.
    static func value(_ text: String) {
        fputs(text, theta_stdout())
        fputs("\n", theta_stdout())
        fflush(theta_stdout())
    }

    /// Writes text to standard output as is.
    static func text(_ text: String) {
        fputs(text, theta_stdout())
        fflush(theta_stdout())
    }

    /// Redraws the progress line on standard error (the text carries its own carriage return).
    static func progress(_ text: String) {
        fflush(theta_stdout())
        fputs(text, theta_stderr())
        fflush(theta_stderr())
    }

    /// Writes text to standard error (a newline is added when missing).
    static func error(_ text: String) {
        fflush(theta_stdout())
        fputs(text, theta_stderr())
        if !text.hasSuffix("\n") { fputs("\n", theta_stderr()) }
        fflush(theta_stderr())
    }

    /// A diagnostic rendered for standard error; Ctrl-C shows as one line.
    static func diagnostic(_ d: Diagnostic) {
        if d.kind == .interrupted {
            error(d.span.map { "interrupted at \($0.description)" } ?? "interrupted")
        } else {
            error(DiagnosticRenderer.render(d, color: colorOnStderr))
        }
    }

    /// Colour only when standard error is a terminal, `NO_COLOR` is unset and `TERM` is not `dumb`.
    static var colorOnStderr: Bool {
        guard isatty(STDERR_FILENO) == 1, getenv("NO_COLOR") == nil else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }
}
