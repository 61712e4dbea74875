import XCTest
@testable import ThetaSyntax

/// What a person reads: rendered syntax errors, compared with text written by hand.
final class DiagnosticSnapshotTests: XCTestCase {
    func render(_ source: String) -> String {
        render(bytes: Array(source.utf8))
    }

    func render(bytes: [UInt8]) -> String {
        do {
            _ = try Parser.parse(SourceFile(name: "demo.gm", bytes: bytes))
            return "<no error>"
        } catch {
            return DiagnosticRenderer.render(error)
        }
    }

    func testUnterminatedString() {
        XCTAssertEqual(render("x = 1\nname = \"theta\n"), """
        syntax error: this string is never closed
         --> demo.gm:2:8
          |
        2 | name = "theta
          |        ^
          = hint: close it with " on the same line; write \\n for a line break inside it

        """)
    }

    func testUnclosedBracket() {
        XCTAssertEqual(render("fit = minimize(KL(data || model),\n    steps: 500\n"), """
        syntax error: this ( is never closed
         --> demo.gm:1:15
          |
        1 | fit = minimize(KL(data || model),
          |               ^
          = hint: add the matching )

        """)
    }

    /// The lines after an unclosed bracket read as its elements; the error names the bracket,
    /// not the first line that does not fit.
    func testUnclosedBracketFollowedByMoreLines() {
        XCTAssertEqual(render("x = [1, 2\ny = grad(f, 3)\nz = 4\n"), """
        syntax error: this [ is never closed
         --> demo.gm:1:5
          |
        1 | x = [1, 2
          |     ^
          = hint: add the matching ]

        """)
    }

    func testStrayCharacterAfterUnicodeIdentifier() {
        // σ is two bytes but one column: the caret must sit under the $.
        XCTAssertEqual(render("σ = 1\nσ2 = σ $ 2\n"), """
        syntax error: unexpected character '$'
         --> demo.gm:2:8
          |
        2 | σ2 = σ $ 2
          |        ^
          = hint: $ is not part of Theta; names are plain letters, digits and _

        """)
    }

    func testInvalidUTF8() {
        let bytes = Array("μ = 1\nx = \"ab".utf8) + [0xFF] + Array("\"\n".utf8)
        XCTAssertEqual(render(bytes: bytes), """
        syntax error: invalid UTF-8 byte 0xFF
         --> demo.gm:2:8
          |
        2 | x = "ab\u{FFFD}"
          |        ^
          = hint: Theta source must be UTF-8 text

        """)
    }

    func testBadToken() {
        XCTAssertEqual(render("θ = [1, 2\n     3]\n"), """
        syntax error: expected ',' or ']' in the list, found number 3
         --> demo.gm:2:6
          |
        2 |      3]
          |      ^

        """)
        XCTAssertEqual(render("θ = [1, 2,\n     3]\ny = θ[0] *\n"), """
        syntax error: expected an expression, found end of input
         --> demo.gm:3:11
          |
        3 | y = θ[0] *
          |           ^

        """)
        XCTAssertEqual(render("μ = Normal(0, 1) x\n"), """
        syntax error: expected a new line or ';' after the statement, found name 'x'
         --> demo.gm:1:18
          |
        1 | μ = Normal(0, 1) x
          |                  ^
          = hint: statements are separated by new lines or ;

        """)
    }

    func testMismatchedBracket() {
        XCTAssertEqual(render("xs = [1, 2)\n"), """
        syntax error: this ) does not match the [ at 1:6
         --> demo.gm:1:11
          |
        1 | xs = [1, 2)
          |           ^
          = hint: the [ at 1:6 is closed by ]

        """)
    }

    func testDivergenceOutsideCall() {
        XCTAssertEqual(render("d = data || model\n"), """
        syntax error: '||' is only allowed as a divergence's argument
         --> demo.gm:1:10
          |
        1 | d = data || model
          |          ^^
          = hint: write it directly inside a call, e.g. KL(data || model)

        """)
    }
}
