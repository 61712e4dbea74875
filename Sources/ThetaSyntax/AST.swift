/// The abstract syntax tree. Every node carries the span of the source it came from.
/// The parser builds it; the resolver (ThetaRuntime) turns it into slot-addressed code.
///
/// Desugarings done by the parser, so later stages never see them:
/// - `x |> f(a, k: v)` is the call `f(x, a, k: v)`; `x |> f` is `f(x)`.
/// - `x += e` (and `-= *= /=`) is `x = x + e` with the target evaluated as written.
/// - `-3` as a literal stays `unary(.negate, number(3))`; folding is the resolver's business.

public struct Expr: Sendable {
    public indirect enum Kind: Sendable {
        case number(Double)
        /// A string literal; interpolations `\(e)` are `.expr` parts.
        case string([StringPart])
        case bool(Bool)
        case none
        case name(String)
        /// `[a, b, c]`: a tensor when every element is a number or same-shape tensor, else a list.
        case list([Expr])
        /// `{a: 1, b: 2}`
        case record([RecordField])
        case unary(UnaryOp, Expr)
        case binary(BinaryOp, Expr, Expr)
        /// `a and b`, `a or b`: short-circuit.
        case logical(LogicalOp, Expr, Expr)
        /// `f(a, k: v)`
        case call(Expr, [Argument])
        /// `x[i, 1:3, -1]`
        case index(Expr, [IndexItem])
        /// `x.name`
        case field(Expr, String)
        /// `fn (x) { }`, `x => e`, `(a, b) => e`: an anonymous function.
        case lambda(FunctionDecl)
        /// `if c { } else if d { } else { }`; `elseBranch` is nil when there is no `else`.
        case ifElse(Expr, Block, Block?)
        /// `p || q`: only valid as an argument of a divergence call; the parser allows it only
        /// directly inside call arguments.
        case divergencePair(Expr, Expr)
    }
    public var kind: Kind
    public var span: Span
    public init(_ kind: Kind, _ span: Span) { self.kind = kind; self.span = span }
}

public enum StringPart: Sendable {
    case text(String)
    case expr(Expr)
}

public struct RecordField: Sendable {
    public var name: String
    public var value: Expr
    public var span: Span
    public init(name: String, value: Expr, span: Span) { self.name = name; self.value = value; self.span = span }
}

public struct Argument: Sendable {
    /// The name of a named argument (`k:` in `f(k: v)`), nil for a positional one.
    public var label: String?
    public var value: Expr
    public var span: Span
    public init(label: String?, value: Expr, span: Span) { self.label = label; self.value = value; self.span = span }
}

public enum IndexItem: Sendable {
    /// `x[i]`
    case single(Expr)
    /// `x[a:b]`, `x[:b]`, `x[a:]`, `x[:]`, `x[a:b:s]`; absent bounds are nil.
    case slice(start: Expr?, stop: Expr?, step: Expr?, span: Span)
}

public enum UnaryOp: String, Sendable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", mod = "%", matmul = "@", pow = "^"
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
}

public enum LogicalOp: String, Sendable {
    case and, or
}

/// A block `{ stmts }`; its value is the value of its last statement when that is an expression.
public struct Block: Sendable {
    public var statements: [Stmt]
    public var span: Span
    public init(statements: [Stmt], span: Span) { self.statements = statements; self.span = span }
}

public struct Parameter: Sendable {
    public var name: String
    public var defaultValue: Expr?
    public var span: Span
    public init(name: String, defaultValue: Expr?, span: Span) {
        self.name = name; self.defaultValue = defaultValue; self.span = span
    }
}

/// A function: `fn name(params) { body }`, `fn name(params) = expr`, or a lambda (name nil).
/// An expression body is stored as a block holding one expression statement.
public struct FunctionDecl: Sendable {
    public var name: String?
    public var parameters: [Parameter]
    public var body: Block
    /// The span of the whole declaration; `nameSpan` the span of the name (or of `fn`/`=>`).
    public var span: Span
    public var nameSpan: Span
    public init(name: String?, parameters: [Parameter], body: Block, span: Span, nameSpan: Span) {
        self.name = name; self.parameters = parameters; self.body = body; self.span = span; self.nameSpan = nameSpan
    }
}

/// `model Name(params) { fields and methods }`
public struct ModelDecl: Sendable {
    public var name: String
    public var parameters: [Parameter]
    public var body: Block
    public var span: Span
    public var nameSpan: Span
    public init(name: String, parameters: [Parameter], body: Block, span: Span, nameSpan: Span) {
        self.name = name; self.parameters = parameters; self.body = body; self.span = span; self.nameSpan = nameSpan
    }
}

public struct Stmt: Sendable {
    public indirect enum Kind: Sendable {
        /// An expression statement. `hidden` is true when a `;` follows it, which hides its value
        /// in notebook-style display.
        case expr(Expr, hidden: Bool)
        /// `target = value`; target is a `.name`, `.index` or `.field` expression.
        case assign(target: Expr, value: Expr)
        case function(FunctionDecl)
        case model(ModelDecl)
        case forIn(variable: String, variableSpan: Span, iterable: Expr, body: Block)
        case whileLoop(condition: Expr, body: Block)
        case breakLoop
        case continueLoop
        case returnValue(Expr?)
        /// `import "path.gm"`
        case importFile(path: String)
    }
    public var kind: Kind
    public var span: Span
    public init(_ kind: Kind, _ span: Span) { self.kind = kind; self.span = span }
}

/// A cell of a notebook-style file (Jupytext percent format).
public struct Cell: Sendable {
    public enum Kind: Sendable { case code, markdown }
    public var kind: Kind
    /// The lines of the cell as written (for markdown cells, with the leading `# ` removed).
    public var text: String
    /// The byte range of the cell in its file.
    public var span: Span
    public init(kind: Kind, text: String, span: Span) { self.kind = kind; self.text = text; self.span = span }
}

/// A parsed file or REPL entry.
public struct Program: Sendable {
    public var statements: [Stmt]
    public var file: SourceFile
    public init(statements: [Stmt], file: SourceFile) { self.statements = statements; self.file = file }
}
