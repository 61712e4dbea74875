import XCTest
import ThetaSyntax
import ThetaRuntime

/// What a person reads when a program fails while running: the rendered diagnostic, with its
/// location, caret, hint and chain of calls, compared with text written by hand.
final class RuntimeDiagnosticSnapshotTests: XCTestCase {
    func render(_ source: String) -> String {
        let interp = Interpreter(seed: 0) { _ in }
        do {
            try interp.run(SourceFile(name: "demo.gm", text: source))
            return "<no error>"
        } catch {
            return DiagnosticRenderer.render(error)
        }
    }

    func testErrorInsideFunctionsListsTheCallChain() {
        XCTAssertEqual(render("fn inner(v) = v + \"s\"\nfn outer(v) = inner(v)\nouter(1)\n"), """
        error: cannot apply '+' to number and string
         --> demo.gm:1:15
          |
        1 | fn inner(v) = v + "s"
          |               ^^^^^^^
          = hint: use string interpolation: "text \\(value)"
        called from:
          inner at demo.gm:2:15
          outer at demo.gm:3:1

        """)
    }

    func testShapeMismatchNamesBothShapes() {
        XCTAssertEqual(render("a = zeros(2, 3)\nb = ones(3, 2)\nc = a + b\n"), """
        error: +: shapes [2, 3] and [3, 2] cannot be broadcast together (axis 0: 2 vs 3)
         --> demo.gm:3:5
          |
        3 | c = a + b
          |     ^^^^^

        """)
    }

    func testIndexOutOfRange() {
        XCTAssertEqual(render("m = [[1, 2], [3, 4]]\nm[2, 0]\n"), """
        error: index: index 2 is out of range for axis 0 with extent 2
         --> demo.gm:2:1
          |
        2 | m[2, 0]
          | ^^^^^^^

        """)
    }

    func testRunawayRecursionCollapsesRepeatedCalls() {
        XCTAssertEqual(render("fn f(n) = f(n + 1)\nf(0)\n"), """
        error: runaway recursion: more than 200000 nested calls
         --> demo.gm:1:11
          |
        1 | fn f(n) = f(n + 1)
          |           ^^^^^^^^
          = hint: a function calls itself without reaching a base case?
        called from:
          f at demo.gm:1:11 (199999 calls in a row)
          f at demo.gm:2:1

        """)
    }

    func testMutualRecursionKeepsBothEndsOfTheChain() {
        let text = render("""
        fn even(n) = if n == 0 { true } else { odd(n - 1) }
        fn odd(n) = if n == 0 { false } else { even(n - 1) }
        even(1000000)

        """)
        let lines = text.split(separator: "\n").map(String.init)
        guard let from = lines.firstIndex(of: "called from:") else { return XCTFail(text) }
        let chain = Array(lines[(from + 1)...])
        XCTAssertEqual(chain.count, Diagnostic.innermostKept + Diagnostic.outermostKept + 1, text)
        XCTAssertEqual(chain.first, "  odd at demo.gm:1:40")
        XCTAssertEqual(chain[Diagnostic.innermostKept], "  ... 199980 more calls")
        XCTAssertEqual(chain.last, "  even at demo.gm:3:1")
    }

    func testUnknownNamedArgumentSuggestsTheParameter() {
        XCTAssertEqual(render("fn f(x, scale = 1) = x * scale\nf(1, scal: 2)\n"), """
        error: f has no parameter named 'scal'
         --> demo.gm:2:6
          |
        2 | f(1, scal: 2)
          |      ^^^^^^^
          = hint: did you mean 'scale'?

        """)
    }
}
