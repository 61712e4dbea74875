/// Tokens: what the lexer hands the parser. Every token carries the span of its bytes.

/// Reserved words. `model` is contextual: it starts a declaration only at the start of a
/// statement when a name follows (`model Name(...)`); elsewhere it is an ordinary name, so
/// `model = Normal(0, 1)` and `model.logp(x)` work.
public enum Keyword: String, Sendable, CaseIterable {
    case fn, model, `if`, `else`, `for`, `in`, `while`, `return`, `break`, `continue`
    case `true`, `false`, none, and, or, not, `import`
}

/// Operators and punctuation. Raw values are the spellings.
public enum Punct: String, Sendable, CaseIterable {
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", at = "@", caret = "^"
    case equalEqual = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case assign = "=", arrow = "=>", pipe = "|>", parallel = "||"
    case plusAssign = "+=", minusAssign = "-=", starAssign = "*=", slashAssign = "/="
    case dot = ".", comma = ",", colon = ":", semicolon = ";"
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
}

/// A piece of a string literal: literal text (escapes already decoded) or the byte range of an
/// interpolated expression `\( ... )` (the bytes between the parentheses), which the parser
/// parses on its own.
public enum StringSegment: Sendable, Equatable {
    case text(String)
    case interpolation(Range<Int>)
}

public struct Token: Sendable {
    public enum Kind: Sendable, Equatable {
        case identifier(String)
        case number(Double)
        case string([StringSegment])
        case keyword(Keyword)
        case punct(Punct)
        /// The end of a line that ends a statement (runs of blank lines give one token).
        case newline
        case eof
    }
    public var kind: Kind
    public var span: Span
    public init(_ kind: Kind, _ span: Span) { self.kind = kind; self.span = span }

    /// How an error message names this token: `'+'`, `number 3`, `name 'x'`, `end of line`.
    public var description: String {
        switch kind {
        case .identifier(let s): return "name '\(s)'"
        case .number: return "number \(span.file.text(of: span))"
        case .string: return "string \(Self.clip(span.file.text(of: span)))"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .punct(let p): return "'\(p.rawValue)'"
        case .newline: return "end of line"
        case .eof: return "end of input"
        }
    }

    static func clip(_ s: String) -> String {
        s.unicodeScalars.count <= 24 ? s : String(String.UnicodeScalarView(s.unicodeScalars.prefix(20))) + "...\""
    }

    func isPunct(_ p: Punct) -> Bool { kind == .punct(p) }
    func isKeyword(_ k: Keyword) -> Bool { kind == .keyword(k) }

    /// True for tokens after which a line break does not end the statement: binary operators,
    /// `=`, `=>`, `,`, `.`, `:`, opening brackets, `not` and `else`.
    var continuesLine: Bool {
        switch kind {
        case .punct(let p):
            switch p {
            case .rightParen, .rightBracket, .rightBrace, .semicolon: return false
            default: return true
            }
        case .keyword(let k):
            switch k {
            case .and, .or, .not, .else, .in: return true
            default: return false
            }
        default: return false
        }
    }
}
