/// Operators: binary levels by precedence climbing, prefix `not` and `-`, `^`, and postfix
/// call / index / field.
///
/// Levels, loosest first (all left-associative except where said):
///
///     1 |>                      pipe: x |> f(a) is f(x, a); x |> f is f(x)
///     2 or
///     3 and
///     4 not                     prefix
///     5 == != < <= > >=         non-associative: a < b < c is an error
///     6 + -
///     7 * / % @
///       unary -                 prefix
///       ^                       right-associative; binds tighter than unary -, so -x^2 = -(x^2)
///       call, index, field      postfix
extension TokenParser {
    enum Infix {
        case pipe, logical(LogicalOp), binary(BinaryOp)
    }

    static let notLevel = 4
    static let comparisonLevel = 5

    /// The infix operator at the current token and its level.
    var infix: (Infix, Int)? {
        switch current.kind {
        case .punct(let p):
            switch p {
            case .pipe: return (.pipe, 1)
            case .equalEqual: return (.binary(.eq), 5)
            case .notEqual: return (.binary(.ne), 5)
            case .less: return (.binary(.lt), 5)
            case .lessEqual: return (.binary(.le), 5)
            case .greater: return (.binary(.gt), 5)
            case .greaterEqual: return (.binary(.ge), 5)
            case .plus: return (.binary(.add), 6)
            case .minus: return (.binary(.sub), 6)
            case .star: return (.binary(.mul), 7)
            case .slash: return (.binary(.div), 7)
            case .percent: return (.binary(.mod), 7)
            case .at: return (.binary(.matmul), 7)
            default: return nil
            }
        case .keyword(.or): return (.logical(.or), 2)
        case .keyword(.and): return (.logical(.and), 3)
        default: return nil
        }
    }

    /// `expression = pipe`
    func parseExpression() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        return try parseBinary(1)
    }

    /// ```
    /// pipe       = disjunction { "|>" disjunction }
    /// disjunction = conjunction { "or" conjunction }
    /// conjunction = negation { "and" negation }
    /// negation   = "not" negation | comparison
    /// comparison = sum [ ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) sum ]
    /// sum        = product { ( "+" | "-" ) product }
    /// product    = unary { ( "*" | "/" | "%" | "@" ) unary }
    /// ```
    /// Parses operators of level `minLevel` or tighter.
    func parseBinary(_ minLevel: Int) throws -> Expr {
        let saved = depth
        defer { depth = saved }
        var lhs = at(.not) && minLevel <= Self.notLevel ? try parseNot() : try parseUnary()
        while let (op, level) = infix, level >= minLevel {
            lhs = try parseInfix(lhs, op, level)
        }
        return lhs
    }

    /// `negation = "not" , negation | comparison` (the `"not"` branch; the caller takes the other).
    func parseNot() throws -> Expr {
        let notToken = advance()
        try enter()
        defer { depth -= 1 }
        let operand = try parseBinary(Self.notLevel)
        return Expr(.unary(.not, operand), notToken.span.to(operand.span))
    }

    /// The right operand of the infix operator at the current token, combined with `lhs`: one
    /// step of `pipe`, `disjunction`, `conjunction`, `comparison`, `sum`, `product` or `power`
    /// (`lhs , op , operand`). Each operator of a chain counts one level (the caller restores
    /// the depth).
    func parseInfix(_ lhs: Expr, _ op: Infix, _ level: Int) throws -> Expr {
        advance()
        depth += 1
        try checkDepth()
        let rhs = try parseBinary(level + 1)
        let whole = lhs.span.to(rhs.span)
        switch op {
        case .pipe:
            return pipe(lhs, into: rhs, span: whole)
        case .logical(let l):
            return Expr(.logical(l, lhs, rhs), whole)
        case .binary(let b):
            if level == Self.comparisonLevel, let (_, next) = infix, next == Self.comparisonLevel {
                throw Diagnostic(.syntax, "comparisons cannot be chained", at: current.span,
                                 hint: "compare two at a time and join them with and: a < b and b < c")
            }
            return Expr(.binary(b, lhs, rhs), whole)
        }
    }

    /// `x |> f(a, k: v)` is `f(x, a, k: v)` (x joins the outermost call); `x |> g` is `g(x)`.
    func pipe(_ value: Expr, into target: Expr, span: Span) -> Expr {
        let first = Argument(label: nil, value: value, span: value.span)
        if case .call(let callee, let args) = target.kind {
            return Expr(.call(callee, [first] + args), span)
        }
        return Expr(.call(target, [first]), span)
    }

    /// `unary = "-" unary | power`
    func parseUnary() throws -> Expr {
        if at(.minus) { return try parseNegation() }
        if at(.not) { throw notInsideComparison() }
        return try parsePower()
    }

    func parseNegation() throws -> Expr {
        let minus = advance()
        try enter()
        defer { depth -= 1 }
        let operand = try parseUnary()
        return Expr(.unary(.negate, operand), minus.span.to(operand.span))
    }

    func notInsideComparison() -> Diagnostic {
        error("'not' must come before a whole comparison here", at: current.span,
              hint: "put it in parentheses, e.g. a == (not b)")
    }

    /// `power = postfix [ "^" unary ]` (right-associative: `2^3^2` is `2^(3^2)`; `2^-1` is allowed).
    func parsePower() throws -> Expr {
        let base = try parsePostfix()
        guard at(.caret) else { return base }
        advance()
        try enter()
        defer { depth -= 1 }
        let exponent = try parseUnary()
        return Expr(.binary(.pow, base, exponent), base.span.to(exponent.span))
    }

    /// ```
    /// postfix = primary { "(" arguments ")" | "[" indexItems "]" | "." fieldName }
    /// ```
    /// `.T` is an ordinary field. Any keyword may follow `.` as a field name.
    func parsePostfix() throws -> Expr {
        let saved = depth
        defer { depth = saved }
        var e = try parsePrimary()
        while at(.leftParen) || at(.leftBracket) || at(.dot) {
            depth += 1
            try checkDepth()
            e = try parsePostfixOperation(e)
        }
        return e
    }

    /// One step of `postfix`: `"(" , arguments , ")" | "[" , indexItems , "]" | "." , fieldName`
    /// applied to `e`.
    func parsePostfixOperation(_ e: Expr) throws -> Expr {
        switch current.kind {
        case .punct(.leftParen):
            let (args, close) = try parseArguments()
            return Expr(.call(e, args), e.span.to(close))
        case .punct(.leftBracket):
            let (items, close) = try parseIndexItems()
            return Expr(.index(e, items), e.span.to(close))
        default:
            advance()  // .
            let name: String
            switch current.kind {
            case .identifier(let s): name = s
            case .keyword(let k): name = k.rawValue
            default: throw unexpected(expected: "a field name after '.'")
            }
            let nameToken = advance()
            return Expr(.field(e, name), e.span.to(nameToken.span))
        }
    }

    /// ```
    /// indexItems = indexItem { "," indexItem } [ "," ]
    /// indexItem  = expression | [ expression ] ":" [ expression ] [ ":" [ expression ] ]
    /// ```
    func parseIndexItems() throws -> ([IndexItem], Span) {
        let open = advance()
        var items: [IndexItem] = []
        while !at(.rightBracket) {
            items.append(try parseIndexItem())
            if !eat(.comma) { break }
        }
        let close = try expect(.rightBracket, "',' or ']' in the index")
        if items.isEmpty {
            throw Diagnostic(.syntax, "an index needs at least one item", at: open.span.to(close.span),
                             hint: "write x[i], x[a:b] or x[:, j]")
        }
        return (items, close.span)
    }

    /// `indexItem = expression | [ expression ] , ":" , [ expression ] , [ ":" , [ expression ] ]`
    func parseIndexItem() throws -> IndexItem {
        let startSpan = current.span
        var start: Expr? = nil
        if !at(.colon) {
            let e = try parseExpression()
            guard at(.colon) else { return .single(e) }
            start = e
        }
        advance()  // ':'
        func bound() throws -> Expr? {
            at(.colon) || at(.comma) || at(.rightBracket) ? nil : try parseExpression()
        }
        let stop = try bound()
        var step: Expr? = nil
        if eat(.colon) { step = try bound() }
        return .slice(start: start, stop: stop, step: step, span: startSpan.to(previousSpan))
    }
}
