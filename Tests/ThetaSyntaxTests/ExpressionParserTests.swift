import XCTest
@testable import ThetaSyntax

/// One test per expression production.
final class ExpressionParserTests: XCTestCase {
    func testLiterals() {
        XCTAssertEqual(sexp("1\n2.5\ntrue\nfalse\nnone\n\"s\""), "1\n2.5\ntrue\nfalse\nnone\n\"s\"")
    }

    func testStringInterpolation() {
        XCTAssertEqual(sexp(#""loss = \(fit.loss)!""#), #"(str "loss = " (. fit loss) "!")"#)
        XCTAssertEqual(sexp(#""\(f(1, (2)))""#), "(str (call f 1 2))")
        XCTAssertEqual(sexp(#""a \("b \(c) d") e""#), #"(str "a " (str "b " c " d") " e")"#)
        XCTAssertEqual(sexp(#""\(x |> g)""#), "(str (call g x))")
    }

    func testInterpolationSpansAreInTheFile() throws {
        let p = try Parser.parse(SourceFile(name: "t", text: #"s = "v=\(value)""#))
        guard case .assign(_, let v) = p.statements[0].kind, case .string(let parts) = v.kind,
              case .expr(let inner) = parts[1] else { return XCTFail("shape") }
        XCTAssertEqual(inner.span.start, 9)
        XCTAssertEqual(inner.span.end, 14)
    }

    func testInterpolationErrors() {
        XCTAssertEqual(parseError(#"s = "\()""#)?.message, "empty interpolation")
        XCTAssertEqual(spanText(parseError(#"s = "\(1 2)""#)), "2")
    }

    func testLists() {
        XCTAssertEqual(sexp("[]\n[1, 2, 3,]\n[[1, 2], [3, 4]]"), "(list)\n(list 1 2 3)\n(list (list 1 2) (list 3 4))")
        XCTAssertEqual(sexp("[\n  1,\n  2\n]"), "(list 1 2)")
    }

    func testRecords() {
        XCTAssertEqual(sexp("r = {}"), "(= r (record))")
        XCTAssertEqual(sexp("r = {a: 1, b: x,}"), "(= r (record (a: 1) (b: x)))")
        XCTAssertEqual(sexp("r = {\n  lr: 0.1,\n  steps: 10\n}"), "(= r (record (lr: 0.1) (steps: 10)))")
        XCTAssertEqual(sexp("f({a: {b: 1}})"), "(call f (record (a: (record (b: 1)))))")
    }

    func testRecordErrorMentionsBlocks() {
        let e = parseError("x = { y }")
        XCTAssertEqual(e?.message, "expected ':' after the field name, found '}'")
    }

    func testIndexingAndSlices() {
        XCTAssertEqual(sexp("x[i]"), "(index x i)")
        XCTAssertEqual(sexp("x[i, j]"), "(index x i j)")
        XCTAssertEqual(sexp("x[1:3]"), "(index x (: 1 3))")
        XCTAssertEqual(sexp("x[:, 0]"), "(index x (: _ _) 0)")
        XCTAssertEqual(sexp("x[::2]"), "(index x (: _ _ 2))")
        XCTAssertEqual(sexp("x[-1]"), "(index x (- 1))")
        XCTAssertEqual(sexp("x[1:]"), "(index x (: 1 _))")
        XCTAssertEqual(sexp("x[:n-1, 1::k]"), "(index x (: _ (- n 1)) (: 1 _ k))")
        XCTAssertEqual(parseError("x[]")?.message, "an index needs at least one item")
    }

    func testFieldsAndCalls() {
        XCTAssertEqual(sexp("x.T"), "(. x T)")
        XCTAssertEqual(sexp("f(x)(y)"), "(call (call f x) y)")
        XCTAssertEqual(sexp("m.logp(x)"), "(call (. m logp) x)")
        XCTAssertEqual(sexp("a.b[0].c(1)"), "(call (. (index (. a b) 0) c) 1)")
        XCTAssertEqual(sexp("f()"), "(call f)")
    }

    func testNamedArguments() {
        XCTAssertEqual(sexp("Normal(mu: 0, sigma: 1)"), "(call Normal (mu: 0) (sigma: 1))")
        XCTAssertEqual(sexp("f(a, k: v,)"), "(call f a (k: v))")
        let e = parseError("f(k: 1, a)")
        XCTAssertEqual(e?.message, "a positional argument cannot follow a named one")
        XCTAssertEqual(spanText(e), "a")
    }

    func testDivergencePairOnlyAsArgument() {
        XCTAssertEqual(sexp("KL(data || model)"), "(call KL (|| data model))")
        XCTAssertEqual(sexp("JS(d || g, critic: c)"), "(call JS (|| d g) (critic: c))")
        XCTAssertEqual(sexp("KL(Normal(0, 1) || Normal(1, 2))"), "(call KL (|| (call Normal 0 1) (call Normal 1 2)))")
        for src in ["x = p || q", "[p || q]", "(p || q)", "f(a || b || c)"] {
            let e = parseError(src)
            XCTAssertEqual(e?.message, "'||' is only allowed as a divergence's argument", src)
            XCTAssertEqual(spanText(e), "||", src)
        }
    }

    func testLambdas() {
        XCTAssertEqual(sexp("f = x => x^2"), "(= f (fn (x) (block (^ x 2))))")
        XCTAssertEqual(sexp("g = (a, b) => a + b"), "(= g (fn (a b) (block (+ a b))))")
        XCTAssertEqual(sexp("h = () => 1"), "(= h (fn () (block 1)))")
        XCTAssertEqual(sexp("k = (x, s = 2) => x * s"), "(= k (fn (x (s = 2)) (block (* x s))))")
        XCTAssertEqual(sexp("m = x => {\n  y = x + 1\n  y * 2\n}"), "(= m (fn (x) (block (= y (+ x 1)) (* y 2))))")
        XCTAssertEqual(sexp("map(xs, x => x + 1)"), "(call map xs (fn (x) (block (+ x 1))))")
        XCTAssertEqual(sexp("(x) => x"), "(fn (x) (block x))")
    }

    func testAnonymousFunctions() {
        XCTAssertEqual(sexp("f = fn (x) { x + 1 }"), "(= f (fn (x) (block (+ x 1))))")
        XCTAssertEqual(sexp("f = fn (x, y) = x * y"), "(= f (fn (x y) (block (* x y))))")
        XCTAssertEqual(sexp("fn () = 1"), "(fn () (block 1))")
        XCTAssertEqual(parseError("f = fn g(x) = x")?.message, "a named function is a statement, not an expression")
    }

    func testParenthesesKeepInnerShape() throws {
        XCTAssertEqual(sexp("(a + b) * c"), "(* (+ a b) c)")
        let p = try Parser.parse(SourceFile(name: "t", text: "(a + b)"))
        XCTAssertEqual(p.statements[0].span.end, 7)
    }

    func testExpressionErrors() {
        XCTAssertEqual(parseError("x = ")?.message, "expected an expression, found end of input")
        XCTAssertEqual(parseError("x = )")?.message, "unmatched )")
        XCTAssertEqual(parseError("x = * 2")?.message, "expected an expression, found '*'")
        XCTAssertEqual(parseError("x = +2")?.message, "unary + is not supported")
        XCTAssertEqual(parseError("a.1")?.message, "expected a field name after '.', found number 1")
    }
}
