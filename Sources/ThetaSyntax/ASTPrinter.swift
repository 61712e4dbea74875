/// Prints an AST as S-expressions, for tests and debugging. One line per statement.
///
///     x = -a^2 + f(1, k: 2)   ->   (= x (+ (- (^ a 2)) (call f 1 (k: 2))))
///
/// Forms: numbers in shortest form (`3`, `2.5`), `"text"` and `(str "a" x)` for interpolation,
/// names bare, `(list ...)`, `(record (a: 1))`, `(- x)` / `(not x)`, `(op a b)`, `(and a b)`,
/// `(call f args)` with named args `(k: v)`, `(index x items)` with slices `(: a b s)` (`_` for
/// an absent bound), `(. x f)`, `(|| p q)`, `(if c then else)`, `(block ...)`,
/// `(fn name (params) body)` (`(fn (params) body)` for lambdas, a default `(k = 2)`),
/// `(model Name (params) body)`, `(for x xs body)`, `(while c body)`, `(break)`, `(continue)`,
/// `(return [e])`, `(import "p")`, `(= target value)`, and `(hide e)` for an expression
/// statement hidden by `;`.
public enum ASTPrinter {
    public static func print(_ program: Program) -> String {
        program.statements.map(print).joined(separator: "\n")
    }

    public static func print(_ s: Stmt) -> String {
        switch s.kind {
        case .expr(let e, let hidden): return hidden ? "(hide \(print(e)))" : print(e)
        case .assign(let t, let v): return "(= \(print(t)) \(print(v)))"
        case .function(let f): return print(f)
        case .model(let m): return "(model \(m.name) \(params(m.parameters)) \(print(m.body)))"
        case .forIn(let v, _, let it, let body): return "(for \(v) \(print(it)) \(print(body)))"
        case .whileLoop(let c, let body): return "(while \(print(c)) \(print(body)))"
        case .breakLoop: return "(break)"
        case .continueLoop: return "(continue)"
        case .returnValue(let e): return e.map { "(return \(print($0)))" } ?? "(return)"
        case .importFile(let p): return "(import \(quote(p)))"
        }
    }

    public static func print(_ b: Block) -> String {
        "(block" + b.statements.map { " " + print($0) }.joined() + ")"
    }

    public static func print(_ f: FunctionDecl) -> String {
        let name = f.name.map { $0 + " " } ?? ""
        return "(fn \(name)\(params(f.parameters)) \(print(f.body)))"
    }

    static func params(_ ps: [Parameter]) -> String {
        "(" + ps.map { p in p.defaultValue.map { "(\(p.name) = \(print($0)))" } ?? p.name }.joined(separator: " ") + ")"
    }

    public static func print(_ e: Expr) -> String {
        switch e.kind {
        case .number(let v): return number(v)
        case .string(let parts):
            if parts.isEmpty { return "\"\"" }
            if parts.count == 1, case .text(let s) = parts[0] { return quote(s) }
            return "(str" + parts.map { part -> String in
                switch part {
                case .text(let s): return " " + quote(s)
                case .expr(let x): return " " + print(x)
                }
            }.joined() + ")"
        case .bool(let b): return b ? "true" : "false"
        case .none: return "none"
        case .name(let n): return n
        case .list(let xs): return "(list" + xs.map { " " + print($0) }.joined() + ")"
        case .record(let fs): return "(record" + fs.map { " (\($0.name): \(print($0.value)))" }.joined() + ")"
        case .unary(let op, let x): return "(\(op.rawValue) \(print(x)))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(print(a)) \(print(b)))"
        case .logical(let op, let a, let b): return "(\(op.rawValue) \(print(a)) \(print(b)))"
        case .call(let f, let args):
            return "(call \(print(f))" + args.map { a in
                " " + (a.label.map { "(\($0): \(print(a.value)))" } ?? print(a.value))
            }.joined() + ")"
        case .index(let x, let items):
            return "(index \(print(x))" + items.map { item -> String in
                switch item {
                case .single(let i): return " " + print(i)
                case .slice(let a, let b, let s, _):
                    return " (: \(a.map(print) ?? "_") \(b.map(print) ?? "_")" + (s.map { " " + print($0) } ?? "") + ")"
                }
            }.joined() + ")"
        case .field(let x, let f): return "(. \(print(x)) \(f))"
        case .lambda(let f): return print(f)
        case .ifElse(let c, let t, let el):
            return "(if \(print(c)) \(print(t))" + (el.map { " " + print($0) } ?? "") + ")"
        case .divergencePair(let p, let q): return "(|| \(print(p)) \(print(q)))"
        }
    }

    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
