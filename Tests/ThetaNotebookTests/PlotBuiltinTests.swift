import Foundation
import XCTest
import ThetaPlot
import ThetaRuntime

/// `plot` and the plotting builtins: what each kind of value becomes, checked against closed
/// forms (densities, plain gradient descent) and the builtins' documented layouts.
final class PlotBuiltinTests: XCTestCase {
    func testDistributionAloneIsItsDensityOverMeanPlusMinusFourSd() throws {
        let p = try plotOf("plot(Normal(1, 2))").plot
        XCTAssertEqual(p.layers.count, 1)
        guard case .line(let xs, let ys) = p.layers[0].mark else { return XCTFail("not a line: \(p.layers[0].mark)") }
        XCTAssertEqual(xs.first ?? .nan, -7, accuracy: 1e-12)
        XCTAssertEqual(xs.last ?? .nan, 9, accuracy: 1e-12)
        for (x, y) in zip(xs, ys) {
            let pdf = exp(-(x - 1) * (x - 1) / 8) / (2 * (2 * Double.pi).squareRoot())
            XCTAssertEqual(y, pdf, accuracy: 1e-12)
        }
        XCTAssertEqual(p.yLabel, "density")
    }

    func testDataAndDistributionOverlayHistogramAndCurveOverTheDataRange() throws {
        let p = try plotOf("x = [1, 2, 2, 3]\nplot(x, Normal(0, 1), bins: 2)").plot
        XCTAssertEqual(p.layers.map(\.label), ["x", "Normal(mu: 0, sigma: 1)"])
        guard case .bars(let edges, let heights) = p.layers[0].mark,
              case .line(let xs, _) = p.layers[1].mark else { return XCTFail("\(p.layers)") }
        XCTAssertEqual(edges, [1, 2, 3])
        XCTAssertEqual(heights, [0.25, 0.75])  // counts 1 and 3 of 4, width 1
        // The data's range 1...3 widened by 10% of 2 each side.
        XCTAssertEqual(xs.first ?? .nan, 0.8, accuracy: 1e-12)
        XCTAssertEqual(xs.last ?? .nan, 3.2, accuracy: 1e-12)
    }

    func testTwoDimensionalDistributionIsAHeatMapUnderTheScatter() throws {
        let p = try plotOf("plot([[0, 0], [1, 1]], MultivariateNormal([0, 0], cov: [[1, 0], [0, 1]]))").plot
        XCTAssertEqual(p.layers.count, 2)
        guard case .heat(let g) = p.layers[0].mark, case .points(let xs, let ys) = p.layers[1].mark else {
            return XCTFail("\(p.layers.map(\.mark.kindName))")
        }
        XCTAssertEqual(xs, [0, 1]); XCTAssertEqual(ys, [0, 1])
        XCTAssertEqual(g.xMin, -0.1, accuracy: 1e-12); XCTAssertEqual(g.yMax, 1.1, accuracy: 1e-12)
        for (r, c) in [(0, 0), (10, 30), (47, 47)] {
            let x = g.xMin + (g.xMax - g.xMin) * (Double(c) + 0.5) / Double(g.columns)
            let y = g.yMin + (g.yMax - g.yMin) * (Double(r) + 0.5) / Double(g.rows)
            XCTAssertEqual(g.value(row: r, column: c), exp(-(x * x + y * y) / 2) / (2 * Double.pi), accuracy: 1e-12)
        }
    }

    func testFitPlotsItsLossHistory() throws {
        // Gradient descent on (a - 3)^2 from a = 1 with lr 0.1: a_{k+1} = a_k - 0.2 (a_k - 3),
        // so the error a - 3 shrinks by 0.8 a step and the loss is 4 · 0.64^k.
        let p = try plotOf("a = learn(1.0)\nf = minimize(() => (a - 3)^2, steps: 4, optimizer: sgd(lr: 0.1))\nplot(f)").plot
        guard case .line(let xs, let ys) = p.layers.first?.mark else { return XCTFail("\(p.layers)") }
        XCTAssertEqual(xs, [1, 2, 3, 4])
        for (k, y) in ys.enumerated() { XCTAssertEqual(y, 4 * pow(0.64, Double(k)), accuracy: 1e-9) }
        XCTAssertEqual(p.xLabel, "step")
        XCTAssertEqual(p.yLabel, "loss")
    }

    func testHeatmapOfAMatrixPutsRowZeroAtTheBottom() throws {
        guard case .heat(let g) = try plotOf("heatmap([[1, 2], [3, 4]])").plot.layers[0].mark else { return XCTFail() }
        XCTAssertEqual(g.value(row: 0, column: 1), 2)
        XCTAssertEqual(g.value(row: 1, column: 0), 3)
        XCTAssertEqual([g.xMax, g.yMax], [2, 2])
    }

    func testImagesCutRowsIntoPictures() throws {
        let p = try plotOf("images(reshape(arange(32), 2, 16), shape: [4, 4], columns: 5)").plot
        let grid = try XCTUnwrap(p.imageGrid)
        XCTAssertEqual(grid.images.count, 2)
        XCTAssertEqual(grid.columns, 5)
        XCTAssertEqual(grid.images[1].value(row: 1, column: 2), 16 + 4 + 2)
        XCTAssertThrowsError(try evaluate("images(zeros(3, 15), shape: [4, 4])")) { e in
            XCTAssertTrue("\(e)".contains("not a list of 4×4 pictures"), "\(e)")
        }
    }

    func testOptionsAndErrors() throws {
        let p = try plotOf("line([1, 4, 9], title: \"squares\", xlabel: \"n\", ylabel: \"n^2\")").plot
        XCTAssertEqual([p.title, p.xLabel, p.yLabel], ["squares", "n", "n^2"])
        XCTAssertEqual(try evaluate("plot(randn(10), title: \"t\").title").typeName, "string")
        XCTAssertThrowsError(try evaluate("plot(zeros(5, 3))")) { e in
            XCTAssertTrue("\(e)".contains("has no default picture"), "\(e)")
        }
        XCTAssertThrowsError(try evaluate("scatter([1, 2], [1, 2, 3])")) { e in
            XCTAssertTrue("\(e)".contains("x has 2 numbers but y has 3"), "\(e)")
        }
        XCTAssertThrowsError(try evaluate("plot(3)"))
    }

    func testSaveWritesWellFormedSVG() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("theta-plot-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.svg").path, b = dir.appendingPathComponent("b.svg").path
        _ = try evaluate("p = hist(randn(200))\nsave_plot(p, \"\(a)\")\np.save(\"\(b)\")")
        for path in [a, b] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertNil(xmlProblem(text), path)
            XCTAssertTrue(text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        }
        XCTAssertThrowsError(try evaluate("hist(randn(5)).save(\"\(dir.path)/fig.png\")")) { e in
            XCTAssertTrue("\(e)".contains("must end in .svg"), "\(e)")
        }
    }
}
