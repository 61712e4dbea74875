/// Functions, lambdas, models, parameters and call arguments.
extension TokenParser {
    /// ```
    /// functionDecl = "fn" name parameters functionBody
    /// functionBody = block | "=" expression
    /// ```
    func parseFunctionDecl() throws -> FunctionDecl {
        let fnToken = advance()
        let (name, nameSpan) = try expectName("a function name")
        let parameters = try parseParameters()
        let body = try parseFunctionBody()
        return FunctionDecl(name: name, parameters: parameters, body: body, span: fnToken.span.to(body.span),
                            nameSpan: nameSpan)
    }

    /// `fnExpr = "fn" parameters functionBody` (an anonymous function).
    func parseFunctionExpression() throws -> Expr {
        let fnToken = advance()
        if atName {
            throw error("a named function is a statement, not an expression", at: current.span,
                        hint: "write fn (x) = ... for an anonymous function, or define fn name(x) on its own line")
        }
        guard at(.leftParen) else { throw unexpected(expected: "'(' to start the parameters") }
        let parameters = try parseParameters()
        let body = try parseFunctionBody()
        let decl = FunctionDecl(name: nil, parameters: parameters, body: body, span: fnToken.span.to(body.span),
                                nameSpan: fnToken.span)
        return Expr(.lambda(decl), decl.span)
    }

    /// `functionBody = block | "=" , expression` (`= e` becomes a block holding `e`).
    func parseFunctionBody() throws -> Block {
        if at(.leftBrace) { return try parseBlock() }
        guard at(.assign) else {
            throw unexpected(expected: "'{' or '=' to start the function body",
                             hint: "write fn f(x) { ... } or fn f(x) = expression")
        }
        advance()
        return try expressionBlock()
    }

    /// An expression body stored as a block holding one expression statement.
    func expressionBlock() throws -> Block {
        let e = try parseExpression()
        return Block(statements: [Stmt(.expr(e, hidden: false), e.span)], span: e.span)
    }

    /// ```
    /// lambda = ( name | parameters ) "=>" ( block | expression )
    /// ```
    /// `x => e`, `(a, b) => e`, `() => e`, `(x, k = 2) => e`, `x => { ... }`.
    func parseLambda() throws -> Expr {
        let start = current.span
        let parameters: [Parameter]
        if at(.leftParen) {
            parameters = try parseParameters()
        } else {
            let (name, span) = try expectName("a parameter name")
            parameters = [Parameter(name: name, defaultValue: nil, span: span)]
        }
        let arrow = try expect(.arrow, "'=>'")
        let body = at(.leftBrace) ? try parseBlock() : try expressionBlock()
        let decl = FunctionDecl(name: nil, parameters: parameters, body: body, span: start.to(body.span),
                                nameSpan: arrow.span)
        return Expr(.lambda(decl), decl.span)
    }

    /// ```
    /// parameters = "(" [ parameter { "," parameter } [ "," ] ] ")"
    /// parameter  = name [ "=" expression ]
    /// ```
    /// Duplicate names are left for the resolver to report.
    func parseParameters() throws -> [Parameter] {
        try expect(.leftParen, "'(' to start the parameters")
        var parameters: [Parameter] = []
        while !at(.rightParen) {
            let (name, span) = try expectName("a parameter name")
            var defaultValue: Expr? = nil
            if eat(.assign) { defaultValue = try parseExpression() }
            parameters.append(Parameter(name: name, defaultValue: defaultValue, span: span.to(defaultValue?.span ?? span)))
            if !eat(.comma) { break }
        }
        try expect(.rightParen, "',' or ')' in the parameters")
        return parameters
    }

    /// `modelDecl = "model" name parameters block`
    func parseModelDecl() throws -> Stmt {
        let modelToken = advance()
        let (name, nameSpan) = try expectName("a model name")
        let parameters = at(.leftParen) ? try parseParameters() : []
        let body = try parseBlock()
        let decl = ModelDecl(name: name, parameters: parameters, body: body, span: modelToken.span.to(body.span),
                             nameSpan: nameSpan)
        return Stmt(.model(decl), decl.span)
    }

    /// ```
    /// arguments = "(" [ argument { "," argument } [ "," ] ] ")"
    /// argument  = [ name ":" ] expression [ "||" expression ]
    /// ```
    /// Positional arguments come before named ones. `p || q` (a divergence's pair of
    /// distributions) is allowed only here, directly as an argument.
    func parseArguments() throws -> ([Argument], Span) {
        advance()  // (
        var arguments: [Argument] = []
        var sawLabel = false
        while !at(.rightParen) {
            let start = current.span
            var label: String? = nil
            if atName && peek().isPunct(.colon) {
                label = try expectName("an argument name").0
                advance()  // :
                sawLabel = true
            } else if sawLabel {
                throw error("a positional argument cannot follow a named one", at: current.span,
                            hint: "put positional arguments first: f(a, b, k: v)")
            }
            var value = try parseExpression()
            if at(.parallel) {
                advance()
                let rhs = try parseExpression()
                value = Expr(.divergencePair(value, rhs), value.span.to(rhs.span))
            }
            arguments.append(Argument(label: label, value: value, span: start.to(value.span)))
            if !eat(.comma) { break }
        }
        let close = try expect(.rightParen, "',' or ')' in the arguments")
        return (arguments, close.span)
    }
}
