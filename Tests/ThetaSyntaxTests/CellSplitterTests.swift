import XCTest
@testable import ThetaSyntax

final class CellSplitterTests: XCTestCase {
    func cells(_ text: String) -> [(Cell.Kind, String)] {
        CellSplitter.cells(of: SourceFile(name: "t", text: text)).map { ($0.kind, $0.text) }
    }

    func testFileWithoutMarkersIsOneCodeCell() {
        let c = cells("x = 1\ny = 2\n")
        XCTAssertEqual(c.count, 1)
        XCTAssertEqual(c[0].0, .code)
        XCTAssertEqual(c[0].1, "x = 1\ny = 2")
        XCTAssertEqual(cells("").count, 1)
    }

    func testMarkdownAndCodeCells() {
        let text = """
        # %% [markdown]
        # # Title
        # Some *text*.
        #
        #no space

        # %%
        seed(0)
        x = 1

        # %% Second cell
        x
        """
        let c = cells(text)
        XCTAssertEqual(c.map { $0.0 }, [.markdown, .code, .code])
        XCTAssertEqual(c[0].1, "# Title\nSome *text*.\n\nno space")
        XCTAssertEqual(c[1].1, "seed(0)\nx = 1")
        XCTAssertEqual(c[2].1, "x")
    }

    func testTextBeforeFirstMarker() {
        XCTAssertEqual(cells("\n  \n# %%\na").map { $0.1 }, ["a"])
        let c = cells("intro = 1\n# %%\na")
        XCTAssertEqual(c.map { $0.1 }, ["intro = 1", "a"])
        XCTAssertEqual(c[0].0, .code)
    }

    func testCodeCellSpansParse() throws {
        let text = "# %% [md]\n# hi\n# %%\nx = 1\ny = x + 1\n\n# %%\nz = 3\n"
        let file = SourceFile(name: "t", text: text)
        let cs = CellSplitter.cells(of: file)
        XCTAssertEqual(cs.map { $0.kind }, [.markdown, .code, .code])
        XCTAssertEqual(file.text(of: cs[1].span), "x = 1\ny = x + 1")
        let program = try Parser.parse(file, range: cs[1].span.start..<cs[1].span.end)
        XCTAssertEqual(ASTPrinter.print(program), "(= x 1)\n(= y (+ x 1))")
        XCTAssertEqual(program.statements[1].span.location.line, 5)
    }

    func testEmptyCellAfterMarker() {
        let c = CellSplitter.cells(of: SourceFile(name: "t", text: "# %%\n# %%\nx"))
        XCTAssertEqual(c.count, 2)
        XCTAssertEqual(c[0].text, "")
        XCTAssertEqual(c[0].span.start, 5)
    }
}
