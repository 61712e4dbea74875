#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ThetaTensor

/// Parses the command line and runs the command: the process's exit status.
///
/// ArgumentParser exits with `EX_USAGE` (64) on bad usage; Theta's contract is 2, so its errors
/// are caught here and mapped. `theta help NAME` is handled before parsing because it shows the
/// documentation of a builtin, not ArgumentParser's help of a subcommand.
func thetaMain(_ arguments: [String]) -> ExitStatus {
    MemoryTuning.configure()
    BLASThreads.useOneUnlessConfigured()
    if arguments.first == "help" {
        return HelpTopic.show(Array(arguments.dropFirst()))
    }
    let routed = ArgumentRouting.route(arguments)
    do {
        let command = try ThetaCommand.parseAsRoot(routed)
        if let sub = command as? any ThetaSubcommand { return sub.execute() }
        var other = command
        try other.run()
        return .success
    } catch {
        let code = ThetaCommand.exitCode(for: error)
        let message = ThetaCommand.fullMessage(for: error)
        if code == .success {
            Output.text(message.hasSuffix("\n") ? message : message + "\n")
            return .success
        }
        Output.error(message)
        return .usage
    }
}

exit(thetaMain(Array(CommandLine.arguments.dropFirst())).rawValue)
