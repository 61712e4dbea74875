import ThetaRuntime

/// `theta help NAME` and the REPL's `:help NAME`: documentation of a builtin.
enum HelpTopic {
    /// The documentation of a builtin (kept beside its implementation in the builtin tables),
    /// or nil when there is none.
    static func documentation(of name: String, in interpreter: Interpreter? = nil) -> String? {
        Interpreter.documentation(of: name)
    }

    /// `theta help [NAME]`: 0 when something was shown, 1 when NAME has no documentation.
    static func show(_ names: [String]) -> ExitStatus {
        guard let name = names.first else {
            Output.text(ThetaCommand.helpMessage() + "\n")
            return .success
        }
        if names.count > 1 {
            Output.error("theta: help takes one name, got \(names.count)")
            return .usage
        }
        if let doc = documentation(of: name) {
            Output.text(doc.hasSuffix("\n") ? doc : doc + "\n")
            return .success
        }
        if let sub = subcommandHelp(name) {
            Output.text(sub + "\n")
            return .success
        }
        Output.error("no documentation for \(name)")
        return .failure
    }

    private static func subcommandHelp(_ name: String) -> String? {
        switch name {
        case "run": return ThetaCommand.helpMessage(for: RunCommand.self)
        case "eval": return ThetaCommand.helpMessage(for: EvalCommand.self)
        case "check": return ThetaCommand.helpMessage(for: CheckCommand.self)
        case "repl": return ThetaCommand.helpMessage(for: ReplCommand.self)
        case "render": return ThetaCommand.helpMessage(for: RenderCommand.self)
        default: return nil
        }
    }
}
