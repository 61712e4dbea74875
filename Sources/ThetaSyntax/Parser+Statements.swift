/// Statements and blocks.
extension TokenParser {
    /// `program = { separator } [ statement { separator { separator } statement } ] { separator } EOF`
    /// where `separator = NEWLINE | ";"`.
    func parseProgram() throws -> [Stmt] {
        let statements = try parseStatements(until: nil)
        guard current.kind == .eof else { throw unexpected(expected: "a statement") }
        if let lexError { throw lexError }
        return statements
    }

    /// Statements up to `}` (when `closer` is `.rightBrace`) or the end of input:
    /// `{ separator } , [ statement , { separator , { separator } , statement } ] , { separator }`
    /// (the inside of `program` and of `block`).
    func parseStatements(until closer: Punct?) throws -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            while current.kind == .newline || at(.semicolon) { advance() }
            if current.kind == .eof { return statements }
            if let closer, at(closer) { return statements }
            var stmt = try parseStatement()
            // A statement ends at a separator, before `}`, or at the end of input.
            if at(.semicolon) {
                advance()
                if case .expr(let e, _) = stmt.kind { stmt.kind = .expr(e, hidden: true) }
            } else if current.kind == .newline || current.kind == .eof || at(.rightBrace) {
                // ends here
            } else {
                throw unexpected(expected: "a new line or ';' after the statement",
                                 hint: "statements are separated by new lines or ;")
            }
            statements.append(stmt)
        }
    }

    /// `block = "{" statements "}"`
    func parseBlock() throws -> Block {
        let open = try expect(.leftBrace, "'{' to start a block")
        try enter()
        defer { depth -= 1 }
        do {
            let statements = try parseStatements(until: .rightBrace)
            let close = try expect(.rightBrace, "'}' to close the block")
            return Block(statements: statements, span: open.span.to(close.span))
        }
    }

    /// ```
    /// statement = functionDecl | modelDecl | forStmt | whileStmt | "break" | "continue"
    ///           | returnStmt | importStmt | assignment | expression
    /// ```
    func parseStatement() throws -> Stmt {
        let start = current
        switch current.kind {
        case .keyword(.fn) where peek().kind.isIdentifier || peek().kind == .keyword(.model):
            return Stmt(.function(try parseFunctionDecl()), start.span.to(previousSpan))
        case .keyword(.model) where peek().kind.isIdentifier || peek().kind == .keyword(.model):
            return try parseModelDecl()
        case .keyword(.for): return try parseFor()
        case .keyword(.while): return try parseWhile()
        case .keyword(.break): advance(); return Stmt(.breakLoop, start.span)
        case .keyword(.continue): advance(); return Stmt(.continueLoop, start.span)
        case .keyword(.return): return try parseReturn()
        case .keyword(.import): return try parseImport()
        default: return try parseAssignmentOrExpression()
        }
    }

    /// `forStmt = "for" name "in" expression block`
    func parseFor() throws -> Stmt {
        let start = advance()
        let (name, nameSpan) = try expectName("the loop variable")
        guard at(.in) else { throw unexpected(expected: "'in'", hint: "a loop reads: for x in xs { ... }") }
        advance()
        let iterable = try parseExpression()
        let body = try parseBlock()
        return Stmt(.forIn(variable: name, variableSpan: nameSpan, iterable: iterable, body: body),
                    start.span.to(body.span))
    }

    /// `whileStmt = "while" expression block`
    func parseWhile() throws -> Stmt {
        let start = advance()
        let condition = try parseExpression()
        let body = try parseBlock()
        return Stmt(.whileLoop(condition: condition, body: body), start.span.to(body.span))
    }

    /// `returnStmt = "return" [ expression ]`; the value is absent when a line break, `;`, `}`
    /// or the end of input follows `return`.
    func parseReturn() throws -> Stmt {
        let start = advance()
        if current.kind == .newline || current.kind == .eof || at(.semicolon) || at(.rightBrace) {
            return Stmt(.returnValue(nil), start.span)
        }
        let value = try parseExpression()
        return Stmt(.returnValue(value), start.span.to(value.span))
    }

    /// `importStmt = "import" string` (a string without interpolation).
    func parseImport() throws -> Stmt {
        let start = advance()
        guard case .string(let segments) = current.kind else {
            throw unexpected(expected: "a file path in quotes", hint: "write import \"other.gm\"")
        }
        var path = ""
        for segment in segments {
            guard case .text(let s) = segment else {
                throw error("an import path cannot contain interpolation", at: current.span)
            }
            path += s
        }
        let pathToken = advance()
        return Stmt(.importFile(path: path), start.span.to(pathToken.span))
    }

    /// ```
    /// assignment = target ( "=" | "+=" | "-=" | "*=" | "/=" ) expression
    ///            | names "=" expression
    /// target     = name | postfix "[" indexItems "]" | postfix "." name
    /// names      = name "," name { "," name } | "[" name { "," name } [ "," ] "]"
    /// ```
    /// `x op= e` is stored as `x = x op e`; `a, b = e` as `[a, b] = e`, unpacking a list or a
    /// tensor's first axis into names.
    func parseAssignmentOrExpression() throws -> Stmt {
        var lhs = try parseExpression()
        if at(.comma), case .name = lhs.kind {
            // `a, b = e`: only names, then "="
            var items = [lhs]
            while eat(.comma) {
                let (name, span) = try expectName("a name to assign (a, b = ...)")
                items.append(Expr(.name(name), span))
            }
            guard at(.assign) else {
                throw unexpected(expected: "'='", hint: "several names are assigned at once with a, b = [1, 2]")
            }
            lhs = Expr(.list(items), lhs.span.to(items[items.count - 1].span))
        }
        let op: BinaryOp?
        switch current.kind {
        case .punct(.assign): op = nil
        case .punct(.plusAssign): op = .add
        case .punct(.minusAssign): op = .sub
        case .punct(.starAssign): op = .mul
        case .punct(.slashAssign): op = .div
        default: return Stmt(.expr(lhs, hidden: false), lhs.span)
        }
        let opToken = current
        try checkAssignable(lhs, opToken)
        advance()
        let rhs = try parseExpression()
        let value = op.map { Expr(.binary($0, lhs, rhs), lhs.span.to(rhs.span)) } ?? rhs
        return Stmt(.assign(target: lhs, value: value), lhs.span.to(rhs.span))
    }

    func checkAssignable(_ target: Expr, _ opToken: Token) throws {
        switch target.kind {
        case .name, .index, .field: return
        case .list(let items) where opToken.kind == .punct(.assign) && !items.isEmpty:
            for item in items {
                guard case .name = item.kind else {
                    throw Diagnostic(.syntax, "only names can be unpacked into", at: item.span,
                                     hint: "write [a, b] = xs, then assign elements or fields from a and b")
                }
            }
            return
        case .call(let callee, _):
            var hint = "only a name, an element x[i] or a field r.a can be assigned"
            if case .name(let f) = callee.kind { hint = "to define a function write fn \(f)(...) = ..." }
            throw Diagnostic(.syntax, "cannot assign to a call", at: target.span, hint: hint)
        case .binary(.eq, _, _), .binary(.lt, _, _), .binary(.gt, _, _):
            throw Diagnostic(.syntax, "cannot assign to this expression", at: opToken.span,
                             hint: "to compare, use ==")
        default:
            throw Diagnostic(.syntax, "cannot assign to this expression", at: target.span,
                             hint: "only a name, an element x[i] or a field r.a can be assigned")
        }
    }
}

extension Token.Kind {
    var isIdentifier: Bool {
        if case .identifier = self { return true }
        return false
    }
}
