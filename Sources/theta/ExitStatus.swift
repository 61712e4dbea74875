import ThetaSyntax

/// The process exit statuses `theta` uses (LANGUAGE.md, "The command").
enum ExitStatus: Int32 {
    case success = 0
    /// A runtime error, or `theta help NAME` without documentation.
    case failure = 1
    /// A syntax, resolve or usage error, including a FILE that cannot be read.
    case usage = 2
    /// Ctrl-C stopped the program.
    case interrupted = 130

    /// The status a diagnostic ends the command with (`Diagnostic.exitStatus` decides).
    init(_ diagnostic: Diagnostic) {
        self = ExitStatus(rawValue: diagnostic.exitStatus) ?? .failure
    }
}
