import ThetaRuntime
import ThetaSyntax

/// Highlights Theta code as HTML using the language's own lexer, so highlighting agrees with
/// what the parser sees. Each token becomes a `<span>` with a short class:
/// `k` keyword, `c` constant (`true false none`), `n` number, `s` string, `b` builtin,
/// `f` other called name, `o` operator, `m` comment. Comments and spaces are the text between
/// tokens (the lexer drops them). After a lexing error the rest is plain text.
public enum SyntaxHighlighter {
    static let builtins: Set<String> = Set(Interpreter.builtinNames)

    public static func html(_ code: String) -> String {
        let file = SourceFile(name: "<cell>", text: code)
        let lexed = Lexer.tokenize(file)
        let tokens = lexed.tokens
        var out = ""
        var pos = 0
        for (i, token) in tokens.enumerated() {
            let cls: String?
            switch token.kind {
            case .newline, .eof: continue
            case .keyword(.model):
                // Contextual: a keyword only when a declaration's name follows (`model Name(`).
                if i + 1 < tokens.count, case .identifier = tokens[i + 1].kind { cls = "k" } else { cls = nil }
            case .keyword(let k): cls = [.true, .false, .none].contains(k) ? "c" : "k"
            case .number: cls = "n"
            case .string: cls = "s"
            case .identifier(let name):
                if builtins.contains(name) { cls = "b" }
                else if i + 1 < tokens.count, tokens[i + 1].kind == .punct(.leftParen) { cls = "f" }
                else { cls = nil }
            case .punct(let p):
                switch p {
                case .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace,
                     .comma, .semicolon, .dot, .colon: cls = nil
                default: cls = "o"
                }
            }
            guard token.span.start >= pos else { continue }
            gap(file, pos, token.span.start, into: &out)
            let text = HTMLEscape.text(file.text(of: token.span))
            out += cls.map { "<span class=\"\($0)\">\(text)</span>" } ?? text
            pos = token.span.end
        }
        gap(file, pos, file.bytes.count, into: &out)
        return out
    }

    /// Text between tokens: spaces, line breaks and comments (`#` to the end of the line). After
    /// a lexing error this is the rest of the cell, shown plain except for comments.
    static func gap(_ file: SourceFile, _ start: Int, _ end: Int, into out: inout String) {
        guard end > start else { return }
        let text = file.text(of: Span(file: file, start: start, end: end))
        var rest = Substring(text)
        while let hash = rest.firstIndex(of: "#") {
            out += HTMLEscape.text(String(rest[..<hash]))
            let lineEnd = rest[hash...].firstIndex(of: "\n") ?? rest.endIndex
            out += "<span class=\"m\">\(HTMLEscape.text(String(rest[hash..<lineEnd])))</span>"
            rest = rest[lineEnd...]
        }
        out += HTMLEscape.text(String(rest))
    }
}

/// Escaping for HTML text and attribute values.
enum HTMLEscape {
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
