/// The command-line forms ArgumentParser does not express directly.
enum ArgumentRouting {
    /// Subcommand names the root command knows.
    static let subcommands: Set<String> = ["run", "eval", "check", "render", "repl", "help"]

    /// Options of `run` that take a value (so the value is not mistaken for the file).
    static let valueOptions: Set<String> = ["--seed"]

    /// Rewrites `theta FILE [options]` (the file anywhere among the options) to
    /// `theta run FILE [options]`; every other form is returned unchanged.
    static func route(_ args: [String]) -> [String] {
        guard let first = args.first, !subcommands.contains(first) else { return args }
        if ["-h", "--help", "--version"].contains(first) { return args }
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { return i + 1 < args.count ? ["run"] + args : args }
            if valueOptions.contains(a) { i += 2; continue }
            if !a.hasPrefix("-") || a == "-" { return ["run"] + args }
            i += 1
        }
        return args
    }
}
