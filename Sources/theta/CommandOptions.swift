import ArgumentParser
import ThetaSyntax

/// `--seed N`: the options group of the commands that run code (`run`, `eval`, `render`,
/// `repl`). In help it stands where the group is declared, as the option itself did.
struct SeedOption: ParsableArguments {
    @Option(name: .long, help: "Seed of the random generator (default 0).")
    var seed: UInt64 = 0
}

extension ThetaSubcommand {
    /// The `.gm` file at `path`, or nil after reporting on standard error why it cannot be read
    /// (`theta: cannot read '…': …`); the command then ends with `.usage` (status 2).
    func loadScript(_ path: String) -> SourceFile? {
        do {
            return try SourceLoading.load(path)
        } catch {
            Output.error("theta: \(error.message)")
            return nil
        }
    }
}
