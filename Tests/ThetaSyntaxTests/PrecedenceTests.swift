import XCTest
@testable import ThetaSyntax

final class PrecedenceTests: XCTestCase {
    func testPowerBindsTighterThanUnaryMinus() {
        XCTAssertEqual(sexp("-x^2"), "(- (^ x 2))")
        XCTAssertEqual(sexp("2^-1"), "(^ 2 (- 1))")
        XCTAssertEqual(sexp("-2^-x^2"), "(- (^ 2 (- (^ x 2))))")
    }

    func testPowerIsRightAssociative() {
        XCTAssertEqual(sexp("2^3^2"), "(^ 2 (^ 3 2))")
    }

    func testArithmetic() {
        XCTAssertEqual(sexp("a + b * c"), "(+ a (* b c))")
        XCTAssertEqual(sexp("a - b - c"), "(- (- a b) c)")
        XCTAssertEqual(sexp("a / b % c @ d"), "(@ (% (/ a b) c) d)")
        XCTAssertEqual(sexp("-a * b"), "(* (- a) b)")
        XCTAssertEqual(sexp("a * -b"), "(* a (- b))")
        XCTAssertEqual(sexp("f(x)^2"), "(^ (call f x) 2)")
        XCTAssertEqual(sexp("x.T @ x"), "(@ (. x T) x)")
    }

    func testPipeIsLoosestAndLeftAssociative() {
        XCTAssertEqual(sexp("x |> f(1) |> g"), "(call g (call f x 1))")
        XCTAssertEqual(sexp("a + b |> f"), "(call f (+ a b))")
        XCTAssertEqual(sexp("x |> f(k: 2)"), "(call f x (k: 2))")
        XCTAssertEqual(sexp("x |> m.logp"), "(call (. m logp) x)")
        XCTAssertEqual(sexp("a or b |> f"), "(call f (or a b))")
    }

    func testLogic() {
        XCTAssertEqual(sexp("not a == b"), "(not (== a b))")
        XCTAssertEqual(sexp("a or b and c"), "(or a (and b c))")
        XCTAssertEqual(sexp("not a and b"), "(and (not a) b)")
        XCTAssertEqual(sexp("a and not b or c"), "(or (and a (not b)) c)")
        XCTAssertEqual(sexp("not not a"), "(not (not a))")
        XCTAssertEqual(sexp("a < b + 1"), "(< a (+ b 1))")
    }

    func testComparisonsAreNonAssociative() {
        let e = parseError("a < b < c")
        XCTAssertEqual(e?.message, "comparisons cannot be chained")
        XCTAssertEqual(e?.span?.start, 6)
        XCTAssertNotNil(e?.hint)
        XCTAssertEqual(sexp("(a < b) == c"), "(== (< a b) c)")
    }

    func testNotInsideComparisonNeedsParentheses() {
        XCTAssertEqual(parseError("a == not b")?.message, "'not' must come before a whole comparison here")
        XCTAssertEqual(sexp("a == (not b)"), "(== a (not b))")
    }
}
