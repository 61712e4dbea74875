#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline
import ThetaRuntime
import ThetaSyntax

/// The interactive session (`theta` with no arguments).
///
/// On a terminal, lines are read with GNU readline (history in `~/.theta_history`, tab
/// completion, prompt `θ> ` and continuation `.. `); with piped input, lines are read plainly,
/// without prompts. Either way an entry is the lines gathered while the input is incomplete
/// (`InputCompleteness`), and each entry runs in the same interpreter, its shown values printed.
/// An error prints its diagnostic and the session goes on. A line starting with `:` is a
/// meta-command (`REPL+Commands.swift`).
///
/// Exit status: 0 on a terminal (Ctrl-D or `:quit`); with piped input, the status of the last
/// entry that failed (0 when none did), so `theta < script` can be checked by a shell.
final class REPL {
    let session: Session
    let interactive: Bool
    let reader: LineReader
    let primaryPrompt: String
    let continuationPrompt: String
    /// The status the piped session ends with: that of the last failed entry.
    var lastFailure: ExitStatus = .success

    init(session: Session, interactive: Bool? = nil) {
        self.session = session
        let isTTY = interactive ?? (isatty(STDIN_FILENO) == 1)
        self.interactive = isTTY
        if isTTY {
            // `θ` counts as one column only when readline knows the encoding is UTF-8.
            primaryPrompt = theta_locale_is_utf8() != 0 ? "θ> " : "theta> "
            continuationPrompt = String(repeating: " ", count: primaryPrompt.count - 3) + ".. "
            reader = ReadlineLineReader(
                historyPath: ReadlineLineReader.defaultHistoryPath(),
                completion: Completion(source: session.interpreter))
        } else {
            primaryPrompt = ""
            continuationPrompt = ""
            reader = PlainLineReader()
        }
    }

    /// Runs the session to its end.
    func start() -> ExitStatus {
        Interrupts.install(cancelsLine: interactive)
        var pending: [String] = []
        loop: while true {
            guard let line = reader.readLine(prompt: pending.isEmpty ? primaryPrompt : continuationPrompt) else {
                if interactive {
                    Output.text("\n")
                } else if !pending.isEmpty {
                    evaluate(pending.joined(separator: "\n"))
                }
                break loop
            }
            if reader.takeCancelled() {
                pending.removeAll()
                continue
            }
            reader.remember(line)
            if pending.isEmpty {
                let trimmed = line.trimmingWhitespace()
                if trimmed.isEmpty { continue }
                if trimmed.hasPrefix(":") {
                    if metaCommand(trimmed) == .quit { break loop }
                    continue
                }
            }
            pending.append(line)
            let entry = pending.joined(separator: "\n")
            if InputCompleteness.isIncomplete(entry) { continue }
            pending.removeAll()
            evaluate(entry)
        }
        reader.finish()
        return interactive ? .success : lastFailure
    }

    /// Runs one entry and reports its error, if any.
    func evaluate(_ text: String) {
        let name = interactive ? "<repl>" : "<stdin>"
        if let d = session.run(SourceFile(name: name, text: text)) {
            report(d)
        }
    }

    func report(_ d: Diagnostic) {
        Output.diagnostic(d)
        lastFailure = ExitStatus(d)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
