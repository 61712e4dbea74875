#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline

/// Where the REPL's lines come from.
protocol LineReader: AnyObject {
    /// The next line without its line break; nil at end of input.
    func readLine(prompt: String) -> String?
    /// Whether the last line was cancelled with Ctrl-C (only a terminal can do that).
    func takeCancelled() -> Bool
    /// Records an entered line in history.
    func remember(_ line: String)
    /// Writes history out; called once, at exit.
    func finish()
}

/// Lines from a pipe or file: no prompts, no editing, no history.
final class PlainLineReader: LineReader {
    func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
    func takeCancelled() -> Bool { false }
    func remember(_ line: String) {}
    func finish() {}
}

/// Lines from a terminal through GNU readline, with history in a file.
///
/// History: read at start, stifled to `historyLimit` entries; blank lines and a line equal to the
/// one before are not recorded; at exit the session's new entries are appended to the file
/// (written whole when it does not exist yet) and the file is truncated to the limit.
final class ReadlineLineReader: LineReader {
    static let historyLimit: Int32 = 1000

    private let historyPath: String?
    private var lastRemembered: String?
    private var added: Int32 = 0

    init(historyPath: String?, completion: Completion) {
        theta_rl_configure("theta")
        Completion.install(completion)
        theta_history_stifle(Self.historyLimit)
        self.historyPath = historyPath
        if let path = historyPath {
            _ = read_history(path)
        }
        if let last = theta_history_last() { lastRemembered = String(cString: last) }
    }

    func readLine(prompt: String) -> String? {
        Interrupts.prepareLine()
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    func takeCancelled() -> Bool { Interrupts.takeLineCancelled() }

    func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), line != lastRemembered else { return }
        add_history(line)
        lastRemembered = line
        added += 1
    }

    func finish() {
        guard let path = historyPath else { return }
        let count = min(added, Int32(theta_history_length()))
        if count > 0 {
            if access(path, F_OK) == 0 {
                if append_history(count, path) != 0 { _ = write_history(path) }
            } else {
                _ = write_history(path)
            }
        }
        _ = history_truncate_file(path, Self.historyLimit)
    }

    /// `~/.theta_history`, or nil when `HOME` is not set.
    static func defaultHistoryPath() -> String? {
        guard let home = getenv("HOME") else { return nil }
        let dir = String(cString: home)
        if dir.isEmpty { return nil }
        return dir.hasSuffix("/") ? dir + ".theta_history" : dir + "/.theta_history"
    }
}
