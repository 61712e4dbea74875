import CReadline
import ThetaSyntax

/// The REPL's meta-commands: a line starting with `:`.
extension REPL {
    enum MetaOutcome { case proceed, quit }

    /// Names offered by completion.
    static let metaCommandNames = [":help", ":quit", ":q", ":load", ":reset", ":time", ":type"]

    static let helpText = """
        Theta: a small language for generative models. Type an expression to see its value;
        an unfinished line continues on the next (`..`). Ctrl-C cancels, Ctrl-D quits.

          :help            this list
          :help NAME       documentation of a builtin
          :type EXPR       the type of EXPR's value
          :time EXPR       run EXPR; show the wall time and heap growth
          :load FILE       run a file into this session
          :reset           forget every name you defined
          :quit, :q        leave (as does Ctrl-D)
        """

    /// Runs one meta-command line (already trimmed, starting with `:`).
    func metaCommand(_ line: String) -> MetaOutcome {
        let body = line.dropFirst()
        let name = String(body.prefix(while: { !$0.isWhitespace }))
        let argument = String(body.dropFirst(name.count)).trimmingWhitespace()
        switch name {
        case "help", "h", "?":
            if argument.isEmpty {
                Output.text(Self.helpText + "\n")
            } else if let doc = HelpTopic.documentation(of: argument, in: session.interpreter) {
                Output.text(doc.hasSuffix("\n") ? doc : doc + "\n")
            } else {
                Output.error("no documentation for \(argument)")
            }
        case "quit", "q", "exit":
            return .quit
        case "reset":
            session.interpreter.reset()
            Output.text("session reset\n")
        case "load", "l":
            load(Self.unquoted(argument))
        case "time":
            time(argument)
        case "type", "t":
            type(argument)
        default:
            Output.error("unknown command :\(name); :help lists them")
            lastFailure = .usage
        }
        return .proceed
    }

    /// `:load FILE`: runs the file's statements in this session, values shown.
    func load(_ path: String) {
        guard !path.isEmpty else {
            Output.error(":load needs a file, e.g. :load examples/first.gm")
            lastFailure = .usage
            return
        }
        do {
            let file = try SourceLoading.load(path)
            if let d = session.run(file) { report(d) }
        } catch {
            Output.error("theta: \(error.message)")
            lastFailure = .usage
        }
    }

    /// `:time EXPR`: runs it (values shown) and reports the wall time and how the heap in use
    /// changed (glibc's mallinfo2 before and after; freed buffers kept for reuse still count).
    func time(_ code: String) {
        guard !code.isEmpty else {
            Output.error(":time needs an expression, e.g. :time sum(randn(1000))")
            lastFailure = .usage
            return
        }
        let clock = ContinuousClock()
        let heapBefore = theta_heap_in_use()
        let start = clock.now
        let failure = session.run(SourceFile(name: "<repl>", text: code))
        let elapsed = clock.now - start
        let heapAfter = theta_heap_in_use()
        if let d = failure { report(d) }
        var line = "time: \(Self.format(elapsed))"
        if heapBefore > 0 || heapAfter > 0 {
            line += ", heap \(Self.formatBytes(Int64(heapAfter) - Int64(heapBefore), signed: true)) (\(Self.formatBytes(Int64(heapAfter), signed: false)) in use)"
        }
        Output.text(line + "\n")
    }

    /// `:type EXPR`: the type name of its value.
    func type(_ code: String) {
        guard !code.isEmpty else {
            Output.error(":type needs an expression, e.g. :type [1, 2]")
            lastFailure = .usage
            return
        }
        switch session.typeName(SourceFile(name: "<repl>", text: code)) {
        case .success(let name): Output.text(name + "\n")
        case .failure(let d): report(d)
        }
    }

    /// A duration as a person reads it: `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`.
    static func format(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        let ns = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
        func fixed(_ x: Double) -> String {
            let rounded = (x * 100).rounded() / 100
            return x >= 100 ? String(Int(x.rounded())) : String(rounded)
        }
        if ns < 1e3 { return "\(Int(ns.rounded())) ns" }
        if ns < 1e6 { return "\(fixed(ns / 1e3)) µs" }
        if ns < 1e9 { return "\(fixed(ns / 1e6)) ms" }
        return "\(fixed(ns / 1e9)) s"
    }

    /// A byte count as a person reads it: `512 B`, `+1.5 KB`, `-3.25 MB`, `1.2 GB` (1 KB = 1024 B).
    static func formatBytes(_ n: Int64, signed: Bool) -> String {
        let sign = n < 0 ? "-" : (signed ? "+" : "")
        let m = Double(n.magnitude)
        func fixed(_ x: Double) -> String { String((x * 100).rounded() / 100) }
        if m < 1024 { return "\(sign)\(n.magnitude) B" }
        if m < 1024 * 1024 { return "\(sign)\(fixed(m / 1024)) KB" }
        if m < 1024 * 1024 * 1024 { return "\(sign)\(fixed(m / 1024 / 1024)) MB" }
        return "\(sign)\(fixed(m / 1024 / 1024 / 1024)) GB"
    }

    /// A path with one pair of surrounding quotes removed.
    static func unquoted(_ s: String) -> String {
        for q in ["\"", "'"] where s.count >= 2 && s.hasPrefix(q) && s.hasSuffix(q) {
            return String(s.dropFirst().dropLast())
        }
        return s
    }
}
