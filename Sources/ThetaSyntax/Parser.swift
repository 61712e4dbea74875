/// The parser: tokens in, AST out. Recursive descent, one function per grammar production;
/// each quotes its production from `grammar/theta.ebnf`. The productions are split by category:
/// statements (`Parser+Statements.swift`), operators (`Parser+Expressions.swift`), primary
/// expressions (`Parser+Primary.swift`), functions, models and arguments (`Parser+Functions.swift`).
public enum Parser {
    /// Parses a whole file.
    public static func parse(_ file: SourceFile) throws(Diagnostic) -> Program {
        try parse(file, range: 0..<file.bytes.count)
    }

    /// Parses a byte range of a file (a notebook cell); spans stay relative to the whole file.
    /// Errors are `.syntax` diagnostics located in the file.
    public static func parse(_ file: SourceFile, range: Range<Int>) throws(Diagnostic) -> Program {
        let parser = TokenParser(Lexer.tokenize(file, range: range), file: file, depth: 0)
        do {
            let statements = try parser.parseProgram()
            return Program(statements: statements, file: file)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            // unreachable: the parser throws only Diagnostic values.
            throw Diagnostic(.syntax, "internal parser error: \(error)", at: parser.current.span)
        }
    }

    /// The deepest nesting of expressions and blocks the parser accepts; deeper input is a
    /// located error ("nested too deeply") rather than a stack overflow. A chain of binary
    /// operators or postfix operations counts one level per operator, since it builds a tree
    /// that deep.
    public static let maxDepth = 500
}

/// The token cursor and error helpers shared by the productions.
///
/// Internally the productions use untyped `throws` (every error thrown is a `Diagnostic`; the
/// public entry points convert back to `throws(Diagnostic)`): a typed throw of a ~100-byte
/// error reserves an error buffer at every call site, which in debug builds more than doubled
/// the stack used per nesting level. The recursive path (expression, binary, unary, power,
/// postfix, primary, parentheses) is kept in small functions for the same reason.
final class TokenParser {
    let tokens: [Token]
    let closing: [Int]
    let lexError: Diagnostic?
    let file: SourceFile
    var index = 0
    /// Current nesting (see `Parser.maxDepth`).
    var depth: Int

    init(_ lexed: LexResult, file: SourceFile, depth: Int) {
        self.tokens = lexed.tokens
        self.closing = lexed.closing
        self.lexError = lexed.error
        self.file = file
        self.depth = depth
    }

    // MARK: Cursor

    /// The current token (the final `.eof` once the end is reached).
    var current: Token { tokens[min(index, tokens.count - 1)] }

    func peek(_ k: Int = 1) -> Token { tokens[min(index + k, tokens.count - 1)] }

    @discardableResult
    func advance() -> Token {
        let t = current
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func at(_ p: Punct) -> Bool { current.isPunct(p) }
    func at(_ k: Keyword) -> Bool { current.isKeyword(k) }

    /// Consumes the token if it is `p`.
    func eat(_ p: Punct) -> Bool {
        if at(p) { advance(); return true }
        return false
    }

    func skipNewlines() {
        while current.kind == .newline { advance() }
    }

    /// Consumes `p` or fails with "expected `what`".
    @discardableResult
    func expect(_ p: Punct, _ what: String? = nil, hint: String? = nil) throws -> Token {
        if at(p) { return advance() }
        throw unexpected(expected: what ?? "'\(p.rawValue)'", hint: hint)
    }

    /// A name: an identifier, or the contextual keyword `model` used as a name.
    var atName: Bool {
        switch current.kind {
        case .identifier: return true
        case .keyword(.model): return true
        default: return false
        }
    }

    func expectName(_ what: String) throws -> (String, Span) {
        switch current.kind {
        case .identifier(let s): let t = advance(); return (s, t.span)
        case .keyword(.model): let t = advance(); return ("model", t.span)
        case .keyword(let k):
            throw error("'\(k.rawValue)' is a reserved word and cannot be used as \(what)", at: current.span,
                        hint: "choose another name, e.g. '\(k.rawValue)_'")
        default: throw unexpected(expected: what)
        }
    }

    // MARK: Errors

    /// An error at the current token. When the lexer stopped at an error and the parser has
    /// reached the end of the tokens read before it, the lexer's error is the one to report.
    func unexpected(expected what: String, hint: String? = nil) -> Diagnostic {
        let t = current
        if t.kind == .eof, let lexError { return lexError }
        // A bracket that the whole file never closes, opened before this token, is the cause:
        // `x = [1, 2` followed by more lines reads those lines as the list's elements.
        if let lexError, lexError.message.hasSuffix("is never closed"), let open = lexError.span,
           open.start < t.span.start {
            return lexError
        }
        if t.isPunct(.parallel) {
            return Diagnostic(.syntax, "'||' is only allowed as a divergence's argument", at: t.span,
                              hint: "write it directly inside a call, e.g. KL(data || model)")
        }
        return Diagnostic(.syntax, "expected \(what), found \(t.description)", at: endAwareSpan, hint: hint)
    }

    /// The current token's span; at the end of input, the point just after the last token (so a
    /// caret lands after `x = 1 +`, not on an empty line below it).
    var endAwareSpan: Span {
        let t = current
        guard t.kind == .eof, index > 0, index <= tokens.count - 1 else { return t.span }
        let previous = tokens[index - 1].span
        return Span(file: file, start: previous.end, end: previous.end)
    }

    func error(_ message: String, at span: Span, hint: String? = nil) -> Diagnostic {
        if current.kind == .eof, let lexError { return lexError }
        return Diagnostic(.syntax, message, at: span, hint: hint)
    }

    /// Goes one nesting level deeper, failing at the current token beyond `maxDepth`. The
    /// caller undoes it with `defer { depth -= 1 }` (after a failure the parse is over anyway).
    func enter() throws {
        depth += 1
        try checkDepth()
    }

    func checkDepth() throws {
        if depth > Parser.maxDepth {
            throw error("expression nested too deeply (more than \(Parser.maxDepth) levels)", at: current.span,
                        hint: "split it into smaller pieces with intermediate names")
        }
    }

    func span(_ start: Span, _ end: Span) -> Span { start.to(end) }

    /// The span of the token before the current one (the end of what was just parsed).
    var previousSpan: Span { tokens[max(0, min(index, tokens.count) - 1)].span }
}
