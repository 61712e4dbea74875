/// The lexer: UTF-8 bytes in, tokens with spans out.
///
/// Line breaks: a line break becomes a `.newline` token (which ends a statement) only when
/// - the innermost open bracket is a `{` or there is none (inside `(` and `[` lines join), and
/// - the previous token can end a statement (not a binary operator, `=`, `=>`, `,`, `.`, `:`,
///   an opening bracket, `not`, `and`, `or`, `in` or `else`; see `Token.continuesLine`).
/// Runs of line breaks give one token, and none is emitted before the first token.
///
/// Brackets are matched here: a closing bracket that does not match is an error at it, and an
/// opening bracket never closed is an error at the opening bracket. For each opening bracket the
/// index of its closing token is recorded in `LexResult.closing`, which lets the parser look
/// past a parenthesised list in O(1) (to see whether `=>` follows it).
///
/// Lexing stops at the first error, which is returned beside the tokens read so far (the
/// parser reports it when it reaches the end of those tokens, so errors come in source order).
public struct LexResult: Sendable {
    /// The tokens, always ending with `.eof`.
    public var tokens: [Token]
    /// `closing[i]` is the index of the bracket token closing the opening bracket `tokens[i]`,
    /// or -1 (other tokens, or a bracket left open when lexing stopped at an error).
    public var closing: [Int]
    public var error: Diagnostic?
}

public struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    var pos: Int
    let end: Int
    var tokens: [Token] = []
    var closing: [Int] = []
    /// Open brackets: the bracket, its token index and its span.
    var stack: [(punct: Punct, index: Int, span: Span)] = []
    /// When lexing the inside of a string interpolation: stop after the `)` that balances the
    /// implicit `(` and report its offset here.
    var stopWhenBalanced = false
    var balancedAt: Int? = nil
    /// Nesting of string interpolations (`"\("\(...)")"`), bounded by `maxInterpolationDepth`.
    var interpolationDepth = 0
    static let maxInterpolationDepth = 64

    init(file: SourceFile, range: Range<Int>) {
        self.file = file
        self.bytes = file.bytes
        self.pos = max(0, min(range.lowerBound, file.bytes.count))
        self.end = max(pos, min(range.upperBound, file.bytes.count))
    }

    /// Lexes the whole file.
    public static func tokenize(_ file: SourceFile) -> LexResult {
        tokenize(file, range: 0..<file.bytes.count)
    }

    /// Lexes a byte range of a file; spans stay relative to the whole file.
    public static func tokenize(_ file: SourceFile, range: Range<Int>) -> LexResult {
        var lexer = Lexer(file: file, range: range)
        do {
            try lexer.run()
            return LexResult(tokens: lexer.tokens, closing: lexer.closing, error: nil)
        } catch {
            lexer.emit(.eof, at: lexer.pos, lexer.pos)
            return LexResult(tokens: lexer.tokens, closing: lexer.closing, error: error)
        }
    }

    func span(_ start: Int, _ end: Int) -> Span { Span(file: file, start: start, end: end) }

    mutating func emit(_ kind: Token.Kind, at start: Int, _ end: Int) {
        tokens.append(Token(kind, span(start, end)))
        closing.append(-1)
    }

    /// Reads tokens to the end of the range (or, for an interpolation, to its closing `)`).
    mutating func run() throws(Diagnostic) {
        while true {
            skipBlanks()
            if pos >= end {
                if let open = stack.last {
                    if stopWhenBalanced && stack.count == 1 {
                        throw Diagnostic(.syntax, "this \\( is never closed", at: open.span,
                                         hint: "an interpolation \\( expr ) needs its closing )")
                    }
                    throw Diagnostic(.syntax, "this \(open.punct.rawValue) is never closed", at: open.span,
                                     hint: "add the matching \(Self.closer(of: open.punct).rawValue)")
                }
                emit(.eof, at: end, end)
                return
            }
            let b = bytes[pos]
            switch b {
            case UInt8(ascii: "\n"):
                lineBreak()
            case UInt8(ascii: "#"):
                try skipComment()
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                try lexNumber()
            case UInt8(ascii: "\""):
                try lexString()
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                lexIdentifier()
            case 0x80...0xFF:
                guard let (scalar, length) = decodeScalar(at: pos) else { throw invalidUTF8(at: pos) }
                if Self.isIdentifierStart(scalar) {
                    lexIdentifier()
                } else {
                    throw stray(scalar, length: length)
                }
            default:
                try lexPunctuation()
                if balancedAt != nil { return }
            }
        }
    }

    /// Spaces, tabs, carriage returns and form feeds separate tokens.
    mutating func skipBlanks() {
        while pos < end {
            let b = bytes[pos]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == 0x0C {
                pos += 1
            } else {
                return
            }
        }
    }

    mutating func lineBreak() {
        let start = pos
        pos += 1
        if let top = stack.last, top.punct != .leftBrace { return }
        guard let last = tokens.last else { return }
        if last.kind == .newline || last.continuesLine { return }
        emit(.newline, at: start, start + 1)
    }

    /// `comment = "#" { any character except line break }`. Its bytes must still be UTF-8.
    mutating func skipComment() throws(Diagnostic) {
        while pos < end && bytes[pos] != UInt8(ascii: "\n") {
            if bytes[pos] < 0x80 {
                pos += 1
            } else {
                guard let (_, length) = decodeScalar(at: pos) else { throw invalidUTF8(at: pos) }
                pos += length
            }
        }
    }

    /// `identifier = letter { letter | digit | "_" }` where letters include Unicode letters.
    /// Keywords are identifiers spelled as a `Keyword`.
    mutating func lexIdentifier() {
        let start = pos
        while pos < end {
            let b = bytes[pos]
            if b < 0x80 {
                guard Self.isASCIIIdentifierByte(b) else { break }
                pos += 1
            } else {
                guard let (scalar, length) = decodeScalar(at: pos), Self.isIdentifierContinue(scalar) else { break }
                pos += length
            }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if let keyword = Keyword(rawValue: text) {
            emit(.keyword(keyword), at: start, pos)
        } else {
            emit(.identifier(text), at: start, pos)
        }
    }

    static func closer(of open: Punct) -> Punct {
        switch open {
        case .leftParen: return .rightParen
        case .leftBracket: return .rightBracket
        default: return .rightBrace
        }
    }

    mutating func open(_ p: Punct, at start: Int) {
        emit(.punct(p), at: start, start + 1)
        stack.append((p, tokens.count - 1, span(start, start + 1)))
    }

    mutating func close(_ p: Punct, at start: Int) throws(Diagnostic) {
        let here = span(start, start + 1)
        guard let top = stack.last else {
            throw Diagnostic(.syntax, "unmatched \(p.rawValue)", at: here,
                             hint: "there is no opening bracket for it to close")
        }
        let expected = Self.closer(of: top.punct)
        guard expected == p else {
            let (line, col) = top.span.location
            throw Diagnostic(.syntax, "this \(p.rawValue) does not match the \(top.punct.rawValue) at \(line):\(col)",
                             at: here, hint: "the \(top.punct.rawValue) at \(line):\(col) is closed by \(expected.rawValue)")
        }
        stack.removeLast()
        // A line break just before a closing `)` or `]` was already dropped; one before `}` stays
        // (blocks end their last statement with it).
        emit(.punct(p), at: start, start + 1)
        if top.index >= 0 { closing[top.index] = tokens.count - 1 }
        if stopWhenBalanced && stack.isEmpty { balancedAt = start }
    }

    /// Operators and punctuation, longest match first.
    mutating func lexPunctuation() throws(Diagnostic) {
        let start = pos
        let b = bytes[pos]
        let next: UInt8 = pos + 1 < end ? bytes[pos + 1] : 0
        func two(_ c: Character) -> Bool { next == c.asciiValue }
        var p: Punct
        switch b {
        case UInt8(ascii: "("): pos += 1; open(.leftParen, at: start); return
        case UInt8(ascii: "["): pos += 1; open(.leftBracket, at: start); return
        case UInt8(ascii: "{"): pos += 1; open(.leftBrace, at: start); return
        case UInt8(ascii: ")"): pos += 1; try close(.rightParen, at: start); return
        case UInt8(ascii: "]"): pos += 1; try close(.rightBracket, at: start); return
        case UInt8(ascii: "}"): pos += 1; try close(.rightBrace, at: start); return
        case UInt8(ascii: "+"): p = two("=") ? .plusAssign : .plus
        case UInt8(ascii: "-"): p = two("=") ? .minusAssign : .minus
        case UInt8(ascii: "*"):
            if two("*") {
                throw Diagnostic(.syntax, "unexpected '**'", at: span(start, start + 2), hint: "powers are written with ^, as in x^2")
            }
            p = two("=") ? .starAssign : .star
        case UInt8(ascii: "/"): p = two("=") ? .slashAssign : .slash
        case UInt8(ascii: "%"): p = .percent
        case UInt8(ascii: "@"): p = .at
        case UInt8(ascii: "^"): p = .caret
        case UInt8(ascii: "="): p = two("=") ? .equalEqual : two(">") ? .arrow : .assign
        case UInt8(ascii: "!"):
            guard two("=") else { throw stray(Unicode.Scalar(b), length: 1) }
            p = .notEqual
        case UInt8(ascii: "<"): p = two("=") ? .lessEqual : .less
        case UInt8(ascii: ">"): p = two("=") ? .greaterEqual : .greater
        case UInt8(ascii: "|"):
            guard two(">") || two("|") else { throw stray(Unicode.Scalar(b), length: 1) }
            p = two(">") ? .pipe : .parallel
        case UInt8(ascii: "."):
            if next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9") && !previousEndsOperand {
                throw Diagnostic(.syntax, "a number needs a digit before its decimal point",
                                 at: span(start, start + 2), hint: "write 0.\(Character(Unicode.Scalar(next)))")
            }
            p = .dot
        case UInt8(ascii: ","): p = .comma
        case UInt8(ascii: ":"): p = .colon
        case UInt8(ascii: ";"): p = .semicolon
        default:
            throw stray(Unicode.Scalar(b), length: 1)
        }
        pos += p.rawValue.utf8.count
        emit(.punct(p), at: start, pos)
    }

    /// True when the last token can end an operand (so a following `.` is field access).
    var previousEndsOperand: Bool {
        guard let last = tokens.last else { return false }
        switch last.kind {
        case .identifier, .number, .string: return true
        case .keyword(let k): return k == .true || k == .false || k == .none || k == .model
        case .punct(let p): return p == .rightParen || p == .rightBracket || p == .rightBrace
        case .newline, .eof: return false
        }
    }
}
