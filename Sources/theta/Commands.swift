import ArgumentParser
import ThetaSyntax

/// A subcommand that does its work and says how the process should end.
protocol ThetaSubcommand: ParsableCommand {
    func execute() -> ExitStatus
}

/// `theta`: the root command. `theta` alone opens the REPL and `theta FILE` runs a file
/// (`ArgumentRouting` rewrites those forms before parsing).
struct ThetaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theta",
        abstract: "Theta, a small language for generative models.",
        discussion: """
        theta                 open the REPL
        theta FILE            run a script (same as `theta run FILE`)
        theta help NAME       documentation of a builtin

        Exit status: 0 success, 1 runtime error, 2 syntax or usage error, 130 interrupted.
        """,
        version: ThetaVersion.text,
        subcommands: [RunCommand.self, EvalCommand.self, CheckCommand.self, RenderCommand.self, ReplCommand.self],
        defaultSubcommand: ReplCommand.self
    )
}

/// `theta run FILE [--seed N]`
struct RunCommand: ThetaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script, showing the value of each top-level expression.")

    @ArgumentParser.Argument(help: "The .gm file to run.")
    var file: String

    @OptionGroup var random: SeedOption

    func execute() -> ExitStatus {
        Interrupts.install(cancelsLine: false)
        guard let source = loadScript(file) else { return .usage }
        return Session(seed: random.seed).runReporting(source)
    }
}

/// `theta eval CODE [--seed N]`
struct EvalCommand: ThetaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run code given on the command line.")

    @ArgumentParser.Argument(help: "Theta code, e.g. '1 + 2'.")
    var code: String

    @OptionGroup var random: SeedOption

    func execute() -> ExitStatus {
        Interrupts.install(cancelsLine: false)
        return Session(seed: random.seed).runReporting(SourceFile(name: "<eval>", text: code))
    }
}

/// `theta check FILE`
struct CheckCommand: ThetaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and resolve names without running; exit 2 on any problem.")

    @ArgumentParser.Argument(help: "The .gm file to check.")
    var file: String

    func execute() -> ExitStatus {
        Interrupts.install(cancelsLine: false)
        guard let source = loadScript(file) else { return .usage }
        let problems = Session(seed: 0).check(source)
        for d in problems { Output.diagnostic(d) }
        return problems.isEmpty ? .success : .usage
    }
}

/// `theta repl [--seed N]` (and `theta` alone).
struct ReplCommand: ThetaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the interactive REPL (the default when no arguments are given).")

    @OptionGroup var random: SeedOption

    func execute() -> ExitStatus {
        REPL(session: Session(seed: random.seed)).start()
    }
}
