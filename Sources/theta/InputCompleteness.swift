// TODO(syntax): once `Parser.isIncomplete(_:)` lands from the `syntax` branch, make
// `InputCompleteness.isIncomplete` call it and delete `fallbackIsIncomplete` below.

/// Whether REPL input needs more lines before it can be run.
enum InputCompleteness {
    /// True when `text` is an unfinished entry: an open `(`, `[` or `{`, an unterminated string,
    /// or a last token that must be followed by more (a binary operator, `,`, `=`, `=>`, `and`,
    /// `or`, `not`). Anything else, including text with a syntax error, is complete, so the
    /// parser gets to report the error.
    static func isIncomplete(_ text: String) -> Bool {
        fallbackIsIncomplete(text)
    }

    /// A bracket-and-token scan standing in for the parser's own answer (see the TODO above).
    static func fallbackIsIncomplete(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        // Each open bracket, or an interpolation `\(` inside a string, pushes an entry; a string
        // in progress is tracked separately so `#` and brackets inside it are ignored.
        var stack: [Unicode.Scalar] = []
        var inString = false
        var lastToken = ""          // the last significant token outside strings and comments
        while i < scalars.count {
            let c = scalars[i]
            if inString {
                if c == "\\" {
                    if i + 1 < scalars.count, scalars[i + 1] == "(" {
                        stack.append("i")   // interpolation: code until the matching `)`
                        inString = false
                        i += 2
                        continue
                    }
                    i += 2
                    continue
                }
                if c == "\"" { inString = false; lastToken = "\"" }
                i += 1
                continue
            }
            switch c {
            case "#":
                while i < scalars.count, scalars[i] != "\n" { i += 1 }
                continue
            case "\"":
                inString = true
            case "(", "[", "{":
                stack.append(c)
                lastToken = String(c)
            case ")":
                if stack.last == "i" { stack.removeLast(); inString = true; i += 1; continue }
                if !stack.isEmpty { stack.removeLast() } else { return false }
                lastToken = ")"
            case "]", "}":
                if !stack.isEmpty { stack.removeLast() } else { return false }
                lastToken = String(c)
            case " ", "\t", "\r", "\n":
                break
            default:
                if isWordScalar(c) {
                    var word = ""
                    while i < scalars.count, isWordScalar(scalars[i]) {
                        word.unicodeScalars.append(scalars[i])
                        i += 1
                    }
                    lastToken = word
                    continue
                }
                var op = ""
                while i < scalars.count, "+-*/%@^=!<>|,.:;&".unicodeScalars.contains(scalars[i]) {
                    op.unicodeScalars.append(scalars[i])
                    i += 1
                }
                if op.isEmpty { op = String(c); i += 1 }
                lastToken = op
                continue
            }
            i += 1
        }
        if inString || !stack.isEmpty { return true }
        return continuationTokens.contains(lastToken)
    }

    /// Tokens after which a line cannot end an entry.
    static let continuationTokens: Set<String> = [
        "+", "-", "*", "/", "%", "@", "^", "=", "==", "!=", "<", "<=", ">", ">=", "||", "|>",
        "=>", ",", ".", "and", "or", "not",
    ]

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }
}
