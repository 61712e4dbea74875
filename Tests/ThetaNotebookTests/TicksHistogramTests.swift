import XCTest
@testable import ThetaPlot

/// Nice tick steps (Heckbert's 1-2-5 rule) and histogram binning, against values worked out by
/// hand from the definitions.
final class TicksHistogramTests: XCTestCase {
    func testTickStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        // range 0..1, 6 ticks wanted: 1/5 = 0.2, mantissa 2 → 0.2.
        XCTAssertEqual(Ticks.step(0, 1, target: 6), 0.2, accuracy: 1e-12)
        // range 0..97: 97/5 = 19.4, mantissa 1.94 rounds to 2 → 20.
        XCTAssertEqual(Ticks.step(0, 97, target: 6), 20, accuracy: 1e-12)
        // range 0..0.0031: 0.00062, mantissa 6.2 rounds to 5 → 0.0005.
        XCTAssertEqual(Ticks.step(0, 0.0031, target: 6), 0.0005, accuracy: 1e-15)
        for (lo, hi) in [(-3.7, 12.1), (0.001, 0.9), (1e5, 3e6), (-1e-3, 2e-3)] {
            let s = Ticks.step(lo, hi, target: 6)
            let mantissa = s / pow(10, floor(log10(s)))
            XCTAssertTrue([1, 2, 5].contains { abs(mantissa - Double($0)) < 1e-9 }, "step \(s) for \(lo)...\(hi)")
        }
    }

    func testTickValuesLieInsideTheRangeAtTheStep() {
        // 1.35 / 5 = 0.27 → step 0.2; ticks from ceil(-0.3 / 0.2) · 0.2 = -0.2 up to 1.0.
        XCTAssertEqual(Ticks.values(-0.3, 1.05), [-0.2, 0, 0.2, 0.4, 0.6, 0.8, 1.0], accuracy: 1e-12)
        let t = Ticks.values(-2.2, 7.9, target: 6)
        XCTAssertEqual(t, [-2, 0, 2, 4, 6], accuracy: 1e-12)
        XCTAssertEqual(Ticks.values(5, 5), [5])
    }

    func testTickLabelsUseTheDecimalsTheStepNeeds() {
        XCTAssertEqual(Ticks.labels([0, 0.5, 1, 1.5]), ["0.0", "0.5", "1.0", "1.5"])
        XCTAssertEqual(Ticks.labels([-20, 0, 20]), ["-20", "0", "20"])
        XCTAssertEqual(Ticks.labels([0, 0.025, 0.05]), ["0.000", "0.025", "0.050"])
        XCTAssertEqual(Ticks.labels([0, 2e6, 4e6]), ["0", "2e6", "4e6"])
    }

    func testHistogramCountsAndDensity() throws {
        // 10 values on [0, 10] in 5 bins of width 2: counts by hand.
        let xs: [Double] = [0, 1, 1.5, 2, 3.9, 4, 7, 8, 9.99, 10]
        let h = try XCTUnwrap(Histogram.bins(xs, count: 5))
        XCTAssertEqual(h.edges, [0, 2, 4, 6, 8, 10], accuracy: 1e-12)
        let counts = h.heights.map { $0 * 10 * 2 }  // density × n × width
        XCTAssertEqual(counts, [3, 2, 1, 1, 3], accuracy: 1e-9)  // 10 is in the last, closed bin
        let area = zip(h.heights, zip(h.edges, h.edges.dropFirst())).map { $0 * ($1.1 - $1.0) }.reduce(0, +)
        XCTAssertEqual(area, 1, accuracy: 1e-12)
    }

    func testHistogramIgnoresNonFiniteValuesAndHandlesOneValue() throws {
        let h = try XCTUnwrap(Histogram.bins([.nan, 3, .infinity], count: 1))
        XCTAssertEqual(h.edges, [2.5, 3.5])
        XCTAssertEqual(h.heights, [1])
        XCTAssertNil(Histogram.bins([.nan]))
    }

    func testFreedmanDiaconisBinCount() {
        // 0, 1, ..., 1000: IQR by linear interpolation = 750 - 250 = 500,
        // h = 2 · 500 · 1001^(-1/3) = 99.967, bins = ceil(1000 / 99.967) = ceil(10.003) = 11.
        let xs = (0...1000).map(Double.init)
        XCTAssertEqual(Histogram.defaultCount(sorted: xs), 11)
        // Many equal values (IQR 0): Sturges, ceil(log2 100) + 1 = 8.
        XCTAssertEqual(Histogram.defaultCount(sorted: Array(repeating: 1, count: 99) + [2]), 8)
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(a) vs \(b)", file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, "\(a) vs \(b)", file: file, line: line) }
}
