import XCTest
@testable import ThetaSyntax

/// One test per statement production, comparing the S-expression of the AST.
final class StatementParserTests: XCTestCase {
    func testSeparators() {
        XCTAssertEqual(sexp("a; b\n\nc;"), "(hide a)\nb\n(hide c)")
        XCTAssertEqual(sexp(";;\n a ;; b"), "(hide a)\nb")
    }

    func testAssignments() {
        XCTAssertEqual(sexp("x = 1"), "(= x 1)")
        XCTAssertEqual(sexp("x[0] = 1"), "(= (index x 0) 1)")
        XCTAssertEqual(sexp("r.a = 2"), "(= (. r a) 2)")
        XCTAssertEqual(sexp("m.w[1, :] = v"), "(= (index (. m w) 1 (: _ _)) v)")
    }

    func testUnpackingAssignments() {
        XCTAssertEqual(sexp("[a, b] = xs"), "(= (list a b) xs)")
        XCTAssertEqual(sexp("a, b, c = f(x)"), "(= (list a b c) (call f x))")
        XCTAssertEqual(sexp("a, b = [1, 2]"), sexp("[a, b] = [1, 2]"))
        XCTAssertEqual(parseError("[a, 1] = xs")?.message, "only names can be unpacked into")
        XCTAssertEqual(spanText(parseError("[a, b.c] = xs")), "b.c")
        XCTAssertNotNil(parseError("[a, b] += xs"))
        XCTAssertNotNil(parseError("a, b"))
    }

    func testCompoundAssignmentsDesugar() {
        XCTAssertEqual(sexp("x += 1\nx -= 2\nx *= 3\nx /= y + 1"),
                       "(= x (+ x 1))\n(= x (- x 2))\n(= x (* x 3))\n(= x (/ x (+ y 1)))")
        XCTAssertEqual(sexp("a[i] += 1"), "(= (index a i) (+ (index a i) 1))")
    }

    func testAssignmentSpans() throws {
        let p = try Parser.parse(SourceFile(name: "t", text: "  total += 1  "))
        XCTAssertEqual(p.statements[0].span.start, 2)
        XCTAssertEqual(p.statements[0].span.end, 12)
    }

    func testFunctionDeclarations() {
        XCTAssertEqual(sexp("fn f(x, k = 2) {\n  y = x * k\n  y\n}"), "(fn f (x (k = 2)) (block (= y (* x k)) y))")
        XCTAssertEqual(sexp("fn sq(x) = x^2"), "(fn sq (x) (block (^ x 2)))")
        XCTAssertEqual(sexp("fn g() {}"), "(fn g () (block))")
        XCTAssertEqual(sexp("fn h(a, b,) = a"), "(fn h (a b) (block a))")
    }

    func testDuplicateParametersAreNotASyntaxError() {
        XCTAssertEqual(sexp("fn f(x, x) = x"), "(fn f (x x) (block x))")
    }

    func testModelDeclaration() {
        let src = """
        model Gaussian(mu0) {
          mu = learn(mu0)
          sigma = learn(1.0, positive)
          fn logp(x) = Normal(mu, sigma).logp(x)
          fn sample(n) = Normal(mu, sigma).sample(n)
        }
        """
        XCTAssertEqual(sexp(src), "(model Gaussian (mu0) (block (= mu (call learn mu0)) (= sigma (call learn 1 positive)) "
                       + "(fn logp (x) (block (call (. (call Normal mu sigma) logp) x))) "
                       + "(fn sample (n) (block (call (. (call Normal mu sigma) sample) n)))))")
    }

    func testModelIsAContextualKeyword() {
        XCTAssertEqual(sexp("model = Normal(0, 1)\nmodel.logp(3)\nf(model: model)"),
                       "(= model (call Normal 0 1))\n(call (. model logp) 3)\n(call f (model: model))")
    }

    func testIfStatementAndExpression() {
        XCTAssertEqual(sexp("if a { b } else if c { d } else { e }"),
                       "(if a (block b) (block (if c (block d) (block e))))")
        XCTAssertEqual(sexp("y = if x > 0 { 1 } else { -1 }"), "(= y (if (> x 0) (block 1) (block (- 1))))")
        XCTAssertEqual(sexp("if a {\n b\n}"), "(if a (block b))")
    }

    func testElseOnTheNextLine() {
        XCTAssertEqual(sexp("if a {\n b\n}\nelse {\n c\n}"), "(if a (block b) (block c))")
    }

    func testForAndWhile() {
        XCTAssertEqual(sexp("for x in xs {\n  s += x\n}"), "(for x xs (block (= s (+ s x))))")
        XCTAssertEqual(sexp("while i < 10 { i += 1; if i == 5 { break } else { continue } }"),
                       "(while (< i 10) (block (= i (+ i 1)) (if (== i 5) (block (break)) (block (continue)))))")
    }

    func testReturn() {
        XCTAssertEqual(sexp("fn f(x) {\n  return\n}"), "(fn f (x) (block (return)))")
        XCTAssertEqual(sexp("fn f(x) { return }"), "(fn f (x) (block (return)))")
        XCTAssertEqual(sexp("fn f(x) { return; }"), "(fn f (x) (block (return)))")
        XCTAssertEqual(sexp("fn f(x) { return x + 1 }"), "(fn f (x) (block (return (+ x 1))))")
    }

    func testImport() {
        XCTAssertEqual(sexp("import \"lib/other.gm\""), "(import \"lib/other.gm\")")
    }

    func testParseRangeKeepsFileSpans() throws {
        let text = "x = 1\n# %%\ny = 2\n"
        let file = SourceFile(name: "t", text: text)
        let p = try Parser.parse(file, range: 11..<17)
        XCTAssertEqual(ASTPrinter.print(p), "(= y 2)")
        XCTAssertEqual(p.statements[0].span.start, 11)
        XCTAssertEqual(p.statements[0].span.location.line, 3)
    }

    func testStatementErrors() {
        XCTAssertEqual(parseError("x = 1 2")?.message, "expected a new line or ';' after the statement, found number 2")
        XCTAssertEqual(parseError("f(x) = 3")?.hint, "to define a function write fn f(...) = ...")
        XCTAssertEqual(parseError("1 + 2 = 3")?.message, "cannot assign to this expression")
        XCTAssertEqual(parseError("for in xs {}")?.message, "'in' is a reserved word and cannot be used as the loop variable")
        XCTAssertEqual(parseError("for x xs {}")?.message, "expected 'in', found name 'xs'")
        XCTAssertEqual(parseError("import x")?.message, "expected a file path in quotes, found name 'x'")
        XCTAssertEqual(parseError("fn f(x) x")?.message, "expected '{' or '=' to start the function body, found name 'x'")
        XCTAssertEqual(parseError("if x = 3 { }")?.message, "expected '{' to start a block, found '='")
    }
}

final class ContextualModelTests: XCTestCase {
    func testFunctionNamedModel() {
        XCTAssertEqual(sexp("fn model(x) = x\nmodel(1)"), "(fn model (x) (block x))\n(call model 1)")
        XCTAssertEqual(sexp("for model in ms { model }"), "(for model ms (block model))")
    }
}
