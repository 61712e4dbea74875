import XCTest
@testable import ThetaSyntax

final class IncompleteTests: XCTestCase {
    func testOpenBracketsAreIncomplete() {
        XCTAssertTrue(Parser.isIncomplete("f(1,"))
        XCTAssertTrue(Parser.isIncomplete("fn f(x) {"))
        XCTAssertTrue(Parser.isIncomplete("xs = [1, 2"))
        XCTAssertTrue(Parser.isIncomplete("r = {a: 1"))
        XCTAssertTrue(Parser.isIncomplete("for x in xs {\n  y = x\n"))
    }

    func testTrailingOperatorsAreIncomplete() {
        for text in ["x = 1 +", "x =", "f = x =>", "x |>", "a,", "a and", "not", "x.", "if a { } else", "a *\n"] {
            XCTAssertTrue(Parser.isIncomplete(text), text)
        }
    }

    func testCompleteInput() {
        for text in ["", "x = 1", "f(1, 2)", "fn f(x) {\n x\n}", "x = 1 # comment +", "if a { b }", "model"] {
            XCTAssertFalse(Parser.isIncomplete(text), text)
        }
    }

    func testErrorsAreNotIncomplete() {
        // The REPL should report these instead of waiting for more input.
        for text in ["s = \"abc", "x = (1]", "a $ b", "x = 1)"] {
            XCTAssertFalse(Parser.isIncomplete(text), text)
        }
    }
}
