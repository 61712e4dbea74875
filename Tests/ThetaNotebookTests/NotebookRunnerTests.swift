import Foundation
import XCTest
import ThetaNotebook
import ThetaRuntime

/// Running a file cell by cell: outputs in order, errors recorded with true line numbers, later
/// cells still running, and every output format the same bytes on every render.
final class NotebookRunnerTests: XCTestCase {
    static let source = """
        # %% [markdown]
        # # Title
        # Some *text*.

        # %%
        x = 2
        print("a")
        print("b")
        x + 1

        # %%
        y = 10
        x * [1, 2]
        error("boom")
        y = 20

        # %%
        y
        hist([1, 2, 2, 3])
        """

    func testCellsOutputsAndErrors() throws {
        let nb = notebook(Self.source)
        XCTAssertEqual(nb.cells.map(\.kind), [.markdown, .code, .code, .code])
        XCTAssertEqual(nb.cells[0].source, "# Title\nSome *text*.")
        XCTAssertEqual(nb.cells.map(\.executionCount), [nil, 1, 2, 3])
        XCTAssertEqual(nb.cells[1].outputs, [.stream("a\nb\n"), .value(text: "3", svg: nil)])
        // The error stops its cell (y stays 10) and is reported at the file's own line 14.
        let outputs = nb.cells[2].outputs
        XCTAssertEqual(outputs.first, .value(text: "[2, 4]", svg: nil))
        guard case .error(let name, let message, let traceback)? = outputs.last else { return XCTFail("\(outputs)") }
        XCTAssertEqual(name, "error")
        XCTAssertEqual(message, "boom")
        XCTAssertTrue(traceback.contains { $0.contains("test.gm:14:1") }, "\(traceback)")
        XCTAssertEqual(nb.failedCells, 1)
        // The next cell runs.
        XCTAssertEqual(nb.cells[3].outputs.first, .value(text: "10", svg: nil))
        guard case .value(let text, let svg?)? = nb.cells[3].outputs.last else { return XCTFail("\(nb.cells[3].outputs)") }
        XCTAssertTrue(text.hasPrefix("plot: histogram"))
        XCTAssertNil(xmlProblem(svg))
    }

    func testAFileWithoutMarkersIsOneCodeCell() {
        let nb = notebook("1 + 1\n2 + 2\n")
        XCTAssertEqual(nb.cells.count, 1)
        XCTAssertEqual(nb.cells[0].outputs, [.value(text: "2", svg: nil), .value(text: "4", svg: nil)])
    }

    func testAFitShowsItsSummaryWithoutTimeAndItsLossCurve() throws {
        let nb = notebook("a = learn(0.0)\nf = minimize(() => (a - 1)^2, steps: 3, optimizer: sgd(lr: 0.25))\nf\n")
        let outputs = nb.cells[0].outputs
        XCTAssertEqual(outputs.count, 2)
        // Losses 1, 0.25, 0.0625 (the error halves each step).
        XCTAssertEqual(outputs.first, .value(text: "fit: 3 steps, loss 0.0625 (from 1), sgd(lr: 0.25)", svg: nil))
        guard case .value(_, let svg?)? = outputs.last else { return XCTFail("\(outputs)") }
        XCTAssertTrue(svg.contains(">step<"))
    }

    func testSyntaxErrorInOneCellLeavesTheOthers() {
        let nb = notebook("# %%\n1 +\n# %%\n5\n")
        guard case .error(let name, _, let tb)? = nb.cells[0].outputs.first else { return XCTFail("\(nb.cells[0].outputs)") }
        XCTAssertEqual(name, "syntax error")
        XCTAssertTrue(tb.joined().contains("test.gm:2"), "\(tb)")
        XCTAssertEqual(nb.cells[1].outputs, [.value(text: "5", svg: nil)])
    }

    func testEveryFormatIsTheSameBytesOnEveryRender() {
        let a = notebook(Self.source), b = notebook(Self.source)
        XCTAssertEqual(IPynbWriter.render(a), IPynbWriter.render(b))
        XCTAssertEqual(HTMLWriter.render(a), HTMLWriter.render(b))
        XCTAssertEqual(MarkdownWriter.render(a).text, MarkdownWriter.render(b).text)
        XCTAssertEqual(MarkdownWriter.render(a).figures, MarkdownWriter.render(b).figures)
    }

    func testIPynbStructure() throws {
        let text = IPynbWriter.render(notebook(Self.source, seed: 7))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["nbformat"] as? Int, 4)
        XCTAssertEqual(json["nbformat_minor"] as? Int, 5)
        let meta = try XCTUnwrap(json["metadata"] as? [String: Any])
        XCTAssertEqual((meta["kernelspec"] as? [String: Any])?["name"] as? String, "theta")
        XCTAssertEqual((meta["language_info"] as? [String: Any])?["name"] as? String, "theta")
        XCTAssertEqual((meta["theta"] as? [String: Any])?["seed"] as? Int, 7)
        XCTAssertEqual((meta["theta"] as? [String: Any])?["version"] as? String, "9.9.9")
        let cells = try XCTUnwrap(json["cells"] as? [[String: Any]])
        let ids = cells.compactMap { $0["id"] as? String }
        XCTAssertEqual(Set(ids).count, cells.count)
        XCTAssertTrue(ids.allSatisfy { $0.range(of: "^[a-zA-Z0-9-_]{1,64}$", options: .regularExpression) != nil })
        let kinds = (cells[2]["outputs"] as? [[String: Any]])?.compactMap { $0["output_type"] as? String }
        XCTAssertEqual(kinds, ["display_data", "error"])
        let plotData = (cells[3]["outputs"] as? [[String: Any]])?.last?["data"] as? [String: Any]
        XCTAssertNotNil(plotData?["image/svg+xml"])
        XCTAssertNotNil(plotData?["text/plain"])
        XCTAssertTrue(text.hasSuffix("}\n"))
    }

    func testHTMLIsSelfContainedAndHighlighted() {
        let html = HTMLWriter.render(notebook(Self.source))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<link"))
        XCTAssertFalse(html.contains("@import"))
        XCTAssertFalse(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
        XCTAssertTrue(html.contains("<meta name=\"viewport\""))
        XCTAssertTrue(html.contains("<h1>Title</h1>"))
        XCTAssertTrue(html.contains("<em>text</em>"))
        XCTAssertTrue(html.contains("<span class=\"b\">print</span>(<span class=\"s\">&quot;a&quot;</span>)"))
        XCTAssertTrue(html.contains("<figure class=\"plot\">\n<svg"))
        XCTAssertTrue(html.contains("<pre class=\"err\">"))
    }

    func testHighlighterKeepsTheTextAndMarksComments() {
        let code = "fn f(x) = x^2  # square\nmodel = \"a # b\"\nif true { 1e-3 }"
        let html = SyntaxHighlighter.html(code)
        let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&quot;", with: "\"")
        XCTAssertEqual(text, code)
        XCTAssertTrue(html.contains("<span class=\"m\"># square</span>"))
        XCTAssertTrue(html.contains("<span class=\"s\">&quot;a # b&quot;</span>"))
        XCTAssertTrue(html.contains("<span class=\"k\">fn</span>"))
        XCTAssertFalse(html.contains("<span class=\"k\">model</span>"))  // a variable here
        XCTAssertTrue(html.contains("<span class=\"c\">true</span>"))
        XCTAssertTrue(html.contains("<span class=\"n\">1e-3</span>"))
    }

    func testMarkdownLinksFiguresBesideIt() {
        let (text, figures) = MarkdownWriter.render(notebook(Self.source), figureFolder: "out_files")
        XCTAssertEqual(figures.map(\.path), ["out_files/figure-1.svg"])
        XCTAssertTrue(text.contains("](out_files/figure-1.svg)"))
        XCTAssertTrue(text.contains("```theta\nx = 2\n"))
        XCTAssertTrue(text.contains("**Error**"))
        XCTAssertTrue(text.hasPrefix("<!-- Rendered by theta 9.9.9 from test.gm with seed 0. -->"))
    }
}
