/// Errors are data: a kind, a message, the span it points at, an optional hint, and (for runtime
/// errors inside functions) the chain of calls that led there. Rendering is a separate step
/// (`DiagnosticRenderer`).
public struct Diagnostic: Error, Sendable {
    public enum Kind: String, Sendable {
        /// Lexing or parsing failed (exit status 2).
        case syntax
        /// A static error found by the resolver: undefined name, misplaced `break` (exit status 2).
        case resolve
        /// An error while running (exit status 1).
        case runtime
        /// The user interrupted with Ctrl-C (exit status 130).
        case interrupted
    }

    /// One entry of the call chain: the function called, the span of the call site, and how
    /// many times in a row that same call was left (recursion through one call site collapses
    /// into one frame).
    public struct Frame: Sendable {
        public let function: String
        public let callSite: Span
        public internal(set) var repeats: Int
        public init(function: String, callSite: Span, repeats: Int = 1) {
            self.function = function
            self.callSite = callSite
            self.repeats = repeats
        }
    }

    public var kind: Kind
    public var message: String
    public var span: Span?
    public var hint: String?
    /// The calls the error passed through, innermost first. Deep recursion keeps only the
    /// `innermostKept` innermost calls and the `outermostKept` outermost ones; `omittedCalls`
    /// counts the calls between them, so recording a call stays O(1) however deep the stack.
    public private(set) var trace: [Frame]
    public private(set) var omittedCalls: Int = 0
    public static let innermostKept = 16
    public static let outermostKept = 4

    /// Records that the error left a call to `function` made at `callSite` (called while
    /// unwinding, from the innermost call outwards).
    public mutating func recordCall(_ function: String, at callSite: Span) {
        if let last = trace.last, last.callSite.start == callSite.start, last.callSite.end == callSite.end,
           last.callSite.file === callSite.file, last.function == function {
            trace[trace.count - 1].repeats += 1
            return
        }
        if trace.count == Self.innermostKept + Self.outermostKept {
            trace.remove(at: Self.innermostKept)
            omittedCalls += 1
        }
        trace.append(Frame(function: function, callSite: callSite))
    }

    public init(_ kind: Kind, _ message: String, at span: Span?, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.hint = hint
        self.trace = []
    }

    /// The process exit status this error ends `theta` with.
    public var exitStatus: Int32 {
        switch kind {
        case .syntax, .resolve: return 2
        case .runtime: return 1
        case .interrupted: return 130
        }
    }

    public var label: String {
        switch kind {
        case .syntax: return "syntax error"
        case .resolve: return "error"
        case .runtime: return "error"
        case .interrupted: return "interrupted"
        }
    }
}

/// Renders a diagnostic as a person reads it:
///
///     error: undefined name 'mdoel'
///       --> first.gm:3:1
///        |
///      3 | mdoel.logp(3)
///        | ^^^^^
///        = hint: did you mean 'model'?
///     called from:
///       f at first.gm:7:1
public enum DiagnosticRenderer {
    public static func render(_ d: Diagnostic, color: Bool = false) -> String {
        let red = color ? "\u{1B}[1;31m" : "", bold = color ? "\u{1B}[1m" : ""
        let blue = color ? "\u{1B}[1;34m" : "", reset = color ? "\u{1B}[0m" : ""
        var out = "\(red)\(d.label)\(reset)\(bold): \(d.message)\(reset)\n"
        if let span = d.span {
            let (line, col) = span.location
            let gutter = String(repeating: " ", count: String(line).count)
            out += "\(gutter)\(blue)-->\(reset) \(span.file.name):\(line):\(col)\n"
            let text = span.file.lineText(line)
            out += "\(gutter) \(blue)|\(reset)\n"
            out += "\(blue)\(line) |\(reset) \(text)\n"
            // Caret under the span, clipped to the first line; tabs are kept so it lines up.
            let (endLine, endCol) = span.file.location(of: span.end)
            let lineLength = text.unicodeScalars.count
            let width = endLine == line ? max(1, endCol - col) : max(1, lineLength - col + 1)
            var pad = ""
            for (i, ch) in text.unicodeScalars.enumerated() where i < col - 1 { pad.append(ch == "\t" ? "\t" : " ") }
            if col - 1 > lineLength { pad += String(repeating: " ", count: col - 1 - lineLength) }
            out += "\(gutter) \(blue)|\(reset) \(pad)\(red)\(String(repeating: "^", count: width))\(reset)\n"
            if let hint = d.hint { out += "\(gutter) \(blue)=\(reset) hint: \(hint)\n" }
        } else if let hint = d.hint {
            out += "  = hint: \(hint)\n"
        }
        if !d.trace.isEmpty {
            out += "called from:\n"
            for (i, f) in d.trace.enumerated() {
                if i == Diagnostic.innermostKept && d.omittedCalls > 0 {
                    out += "  ... \(d.omittedCalls) more calls\n"
                }
                out += "  \(f.function) at \(f.callSite.description)"
                out += f.repeats > 1 ? " (\(f.repeats) calls in a row)\n" : "\n"
            }
        }
        return out
    }
}
