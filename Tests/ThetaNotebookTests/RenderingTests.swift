import Foundation
import XCTest
@testable import ThetaPlot

/// The two drawings of the plot model: SVG (well-formed XML with the plot's text) and terminal
/// characters (snapshots at a fixed width; colour only when asked).
final class RenderingTests: XCTestCase {
    /// Fixed plots covering every mark, built from closed forms (no randomness).
    static var plots: [(String, Plot)] {
        let xs = (0...60).map { -3 + Double($0) * 0.1 }
        let pdf = xs.map { exp(-$0 * $0 / 2) / (2 * Double.pi).squareRoot() }
        let bars = Mark.bars(edges: [-3, -2, -1, 0, 1, 2, 3], heights: [0.02, 0.14, 0.34, 0.34, 0.14, 0.02])
        let circle = (0..<40).map { Double($0) * 2 * Double.pi / 40 }
        let grid = Grid(xMin: -1, xMax: 1, yMin: -1, yMax: 1, rows: 10, columns: 10,
                        values: (0..<100).map { i in Double((i / 10) * (i % 10)) })
        let pics = (0..<3).map { k in PixelImage(width: 4, height: 4, values: (0..<16).map { Double(($0 + k) % 5) }) }
        return [
            ("histogram-density", Plot(title: "N(0, 1) <check & escape>", xLabel: "x", yLabel: "density", layers: [
                Layer(label: "binned", mark: bars), Layer(label: "N(0, 1)", mark: .line(xs: xs, ys: pdf)),
            ])),
            ("scatter", Plot(layers: [Layer(label: "", mark: .points(xs: circle.map(cos), ys: circle.map(sin)))])),
            ("heat", Plot(title: "x·y grid", layers: [Layer(label: "values", mark: .heat(grid))])),
            ("images", Plot(title: "pictures", layers: [Layer(label: "", mark: .images(pics, columns: 2))])),
        ]
    }

    func testSVGIsWellFormedXMLWithTitleTicksAndLegend() {
        for (name, plot) in Self.plots {
            let svg = SVGPlot().render(plot)
            XCTAssertNil(xmlProblem(svg), name)
            XCTAssertFalse(svg.contains("<script"), name)
            if let t = plot.title { XCTAssertTrue(svg.contains(SVGWriter.escape(t)), name) }
        }
        let svg = SVGPlot().render(Self.plots[0].1)
        for label in ["-2", "0", "2", "0.1", "0.3", "binned", "N(0, 1)", ">density<", ">x<"] {
            XCTAssertTrue(svg.contains(label), "missing \(label)")
        }
        XCTAssertTrue(svg.contains("&lt;check &amp; escape&gt;"))
    }

    func testSVGIsAPureFunctionOfThePlot() {
        for (_, plot) in Self.plots { XCTAssertEqual(SVGPlot().render(plot), SVGPlot().render(plot)) }
    }

    func testTerminalSnapshotsAtWidth60() throws {
        for (name, plot) in Self.plots {
            let text = TerminalPlot(width: 60, color: false).render(plot)
            for line in text.split(separator: "\n") {
                XCTAssertLessThanOrEqual(line.count, 60, "\(name): \(line)")
            }
            XCTAssertFalse(text.contains("\u{1B}"), "\(name) has escapes without colour")
            try assertSnapshot(text + "\n", named: "terminal-\(name).txt")
        }
    }

    func testTerminalColourOnlyWhenAsked() {
        let plot = Self.plots[0].1
        let coloured = TerminalPlot(width: 60, color: true).render(plot)
        XCTAssertTrue(coloured.contains("\u{1B}[38;5;"))
        // Without the escapes, the coloured drawing has the same characters as the plain one
        // (except the heat map, which uses blocks instead of shades when coloured).
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        XCTAssertEqual(stripped, TerminalPlot(width: 60, color: false).render(plot))
    }

    func testTerminalAxesShowTicksAndLegend() {
        let text = TerminalPlot(width: 60, color: false).render(Self.plots[0].1)
        XCTAssertTrue(text.contains("┤"))
        XCTAssertTrue(text.contains("└"))
        XCTAssertTrue(text.contains("┬"))
        XCTAssertTrue(text.contains("█ binned"))
        XCTAssertTrue(text.contains("━ N(0, 1)"))
        XCTAssertTrue(text.unicodeScalars.contains { $0.value > 0x2800 && $0.value <= 0x28FF }, "no braille")
    }
}
