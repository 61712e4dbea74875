/// Primary expressions: literals, names, parentheses, lists, records, `if`, lambdas.
extension TokenParser {
    /// ```
    /// primary = number | string | "true" | "false" | "none" | name | lambda | fnExpr
    ///         | "(" expression ")" | list | record | ifExpr
    /// ```
    func parsePrimary() throws -> Expr {
        switch current.kind {
        case .punct(.leftParen): return try parseParenthesized()
        case .punct(.leftBracket): return try parseList()
        case .punct(.leftBrace): return try parseRecord()
        case .keyword(.if): return try parseIf()
        case .keyword(.fn): return try parseFunctionExpression()
        case .identifier, .keyword(.model): return try parseNameOrLambda()
        default: return try parseLiteral()
        }
    }

    /// `"(" expression ")"`; a `lambda` instead when `=>` follows the matching `)`.
    func parseParenthesized() throws -> Expr {
        let close = closing[index]
        if close >= 0, close + 1 < tokens.count, tokens[close + 1].isPunct(.arrow) {
            return try parseLambda()
        }
        let open = advance()
        let inner = try parseExpression()
        let closeToken = try expect(.rightParen, "')'")
        return Expr(inner.kind, open.span.to(closeToken.span))
    }

    /// `name`; a `lambda` instead when `=>` follows the name.
    func parseNameOrLambda() throws -> Expr {
        if peek().isPunct(.arrow) { return try parseLambda() }
        let (name, span) = try expectName("a name")
        return Expr(.name(name), span)
    }

    /// `NUMBER | STRING | "true" | "false" | "none"`
    func parseLiteral() throws -> Expr {
        let t = current
        switch t.kind {
        case .number(let v):
            advance()
            return Expr(.number(v), t.span)
        case .string(let segments):
            advance()
            return try parseStringLiteral(segments, span: t.span)
        case .keyword(.true): advance(); return Expr(.bool(true), t.span)
        case .keyword(.false): advance(); return Expr(.bool(false), t.span)
        case .keyword(.none): advance(); return Expr(.none, t.span)
        case .punct(.plus):
            throw error("unary + is not supported", at: t.span, hint: "remove the +")
        default:
            throw unexpected(expected: "an expression")
        }
    }

    /// `string = '"' { text | "\(" expression ")" } '"'`: each interpolation is parsed from its
    /// own byte range.
    func parseStringLiteral(_ segments: [StringSegment], span: Span) throws -> Expr {
        var parts: [StringPart] = []
        for segment in segments {
            switch segment {
            case .text(let s): parts.append(.text(s))
            case .interpolation(let range): parts.append(.expr(try parseInterpolation(range)))
            }
        }
        return Expr(.string(parts), span)
    }

    /// `interpolation = "\(" , expression , ")"`: the expression between the delimiters, whose
    /// bytes the lexer found at `range`, parsed as a whole expression.
    func parseInterpolation(_ range: Range<Int>) throws -> Expr {
        let inner = TokenParser(Lexer.tokenize(file, range: range), file: file, depth: depth + 1)
        try inner.checkDepth()
        inner.skipNewlines()
        if inner.current.kind == .eof && inner.lexError == nil {
            throw Diagnostic(.syntax, "empty interpolation", at: Span(file: file, start: range.lowerBound - 2, end: range.upperBound + 1),
                             hint: "put an expression inside \\( ), e.g. \"x = \\(x)\"")
        }
        let e = try inner.parseExpression()
        inner.skipNewlines()
        guard inner.current.kind == .eof else { throw inner.unexpected(expected: "')' to end the interpolation") }
        if let err = inner.lexError { throw err }
        return e
    }

    /// `list = "[" [ expression { "," expression } [ "," ] ] "]"`
    func parseList() throws -> Expr {
        let open = advance()
        var elements: [Expr] = []
        while !at(.rightBracket) {
            elements.append(try parseExpression())
            if !eat(.comma) { break }
        }
        let close = try expect(.rightBracket, "',' or ']' in the list")
        return Expr(.list(elements), open.span.to(close.span))
    }

    /// ```
    /// record = "{" [ field { "," field } [ "," ] ] "}"
    /// field  = name ":" expression
    /// ```
    /// A `{` where an expression is expected is always a record (`{}` is the empty record);
    /// blocks only follow `if`, `else`, `for`, `while`, `fn`, `model` and `=>`.
    func parseRecord() throws -> Expr {
        let open = advance()
        var fields: [RecordField] = []
        skipNewlines()
        while !at(.rightBrace) {
            let fieldStart = current.span
            let (name, _) = try expectName("a field name (records are written {name: value})")
            try expect(.colon, "':' after the field name",
                       hint: "a { in an expression starts a record {name: value}; blocks follow if, for, while, fn and =>")
            let value = try parseExpression()
            fields.append(RecordField(name: name, value: value, span: fieldStart.to(value.span)))
            skipNewlines()
            if !eat(.comma) { break }
            skipNewlines()
        }
        let close = try expect(.rightBrace, "',' or '}' in the record")
        return Expr(.record(fields), open.span.to(close.span))
    }

    /// ```
    /// ifExpr = "if" expression block [ { NEWLINE } "else" ( ifExpr | block ) ]
    /// ```
    /// `else` may start the line after the `}` (both `} else {` and `}` / `else {` work).
    /// An `else if` is stored as an else block holding the inner `if` expression.
    func parseIf() throws -> Expr {
        let start = advance()
        try enter()
        defer { depth -= 1 }
        do {
            let condition = try parseExpression()
            let then = try parseBlock()
            var k = 0
            while peek(k).kind == .newline { k += 1 }
            guard peek(k).isKeyword(.else) else {
                return Expr(.ifElse(condition, then, nil), start.span.to(then.span))
            }
            skipNewlines()
            advance()  // else
            let elseBlock: Block
            if at(.if) {
                let inner = try parseIf()
                elseBlock = Block(statements: [Stmt(.expr(inner, hidden: false), inner.span)], span: inner.span)
            } else {
                elseBlock = try parseBlock()
            }
            return Expr(.ifElse(condition, then, elseBlock), start.span.to(elseBlock.span))
        }
    }
}
