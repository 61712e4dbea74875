import XCTest
import Foundation
@testable import ThetaTensor

/// The short-axis and tiled kernels (`Tensor+ShortAxis`, `Tensor+BroadcastRuns`,
/// `Tensor+ColumnSums`, `Tensor+LogSumExpGradient`) against references written out here
/// elementwise with Foundation's libm: naive loops over indices, no shared code with the
/// kernels. Sizes are chosen so that every path runs: several blocks of rows, whole tiles
/// and a remainder of rows, row lengths that are and are not multiples of the tile width.
final class ShortAxisKernelTests: XCTestCase {
    /// Deterministic entries spread over about [-6, 6].
    func values(_ n: Int, phase: Double = 0) -> [Double] {
        (0..<n).map { (i: Int) -> Double in
            let t = Double(i)
            let a: Double = Foundation.sin(0.7 * t + phase)
            let b: Double = Foundation.cos(0.13 * t)
            return 6 * a * b
        }
    }

    /// 2500 rows: blocks of rows (1024 / length) and tiles (≥ 8 rows) end with remainders.
    let rows = 2500
    let lengths = [1, 2, 3, 5, 7, 8, 13, 31]

    func testLogSumExpAlongShortLastAxisMatchesNaiveFormula() throws {
        for length in lengths {
            let x = makeT([rows, length], values(rows * length))
            let y = try x.reduce(.logsumexp, axes: [1])
            XCTAssertEqual(y.shape, [rows])
            for r in 0..<rows {
                let row = x.scalars[(r * length)..<((r + 1) * length)]
                let m = row.max() ?? 0
                let expected = m + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - m) })
                XCTAssertEqual(y.scalars[r], expected, accuracy: 1e-15 * Swift.max(1, Swift.abs(expected)),
                               "length \(length), row \(r)")
            }
        }
    }

    func testLogSumExpSpecialRows() throws {
        let inf = Double.infinity, nan = Double.nan
        let x = makeT([6, 3], [
            -inf, -inf, -inf,     // every entry -inf: -inf
            1, inf, 2,            // +inf: +inf
            1, nan, 2,            // NaN after a finite maximum: NaN
            nan, 1, 2,            // NaN first: NaN
            inf, nan, 0,          // +inf and NaN: NaN
            0, -inf, 0,           // -inf among finite entries contributes 0: log 2
        ])
        let y = try x.reduce(.logsumexp, axes: [1])
        XCTAssertEqual(y.scalars[0], -inf)
        XCTAssertEqual(y.scalars[1], inf)
        XCTAssertTrue(y.scalars[2].isNaN)
        XCTAssertTrue(y.scalars[3].isNaN)
        XCTAssertTrue(y.scalars[4].isNaN)
        XCTAssertEqual(y.scalars[5], Foundation.log(2), accuracy: 1e-16)
    }

    func testSoftmaxAndLogSoftmaxAlongShortLastAxis() throws {
        for length in lengths {
            let x = makeT([rows, length], values(rows * length, phase: 0.3))
            let p = try x.softmax(axis: -1), lp = try x.logSoftmax(axis: 1)
            for r in 0..<rows {
                let row = Array(x.scalars[(r * length)..<((r + 1) * length)])
                let m = row.max() ?? 0
                let z = row.reduce(0) { $0 + Foundation.exp($1 - m) }
                for j in 0..<length {
                    let e = Foundation.exp(row[j] - m) / z
                    XCTAssertEqual(p.scalars[r * length + j], e, accuracy: 1e-15, "softmax length \(length)")
                    let le = (row[j] - m) - Foundation.log(z)
                    XCTAssertEqual(lp.scalars[r * length + j], le, accuracy: 1e-14, "log_softmax length \(length)")
                }
            }
        }
    }

    func testSoftmaxRowWithNaNIsNaNAndOthersUntouched() throws {
        let x = makeT([3, 4], [1, 2, .nan, 3, 0, 0, 0, 0, -.infinity, -.infinity, -.infinity, -.infinity])
        for t in [try x.softmax(axis: 1), try x.logSoftmax(axis: 1)] {
            XCTAssertTrue(t.scalars[0..<4].allSatisfy(\.isNaN))
            XCTAssertTrue(t.scalars[8..<12].allSatisfy(\.isNaN), "an all -inf row is NaN")
        }
        let p = try x.softmax(axis: 1)
        for j in 4..<8 { XCTAssertEqual(p.scalars[j], 0.25, accuracy: 1e-16) }
    }

    func testColumnReductionsOfShortRows() throws {
        for inner in lengths {
            let x = makeT([rows, inner], values(rows * inner, phase: 1))
            for r in [Reduction.sum, .mean, .max, .min] {
                let y = try x.reduce(r, axes: [0])
                XCTAssertEqual(y.shape, [inner])
                for j in 0..<inner {
                    let column = (0..<rows).map { x.scalars[$0 * inner + j] }
                    let expected: Double
                    switch r {
                    case .sum: expected = column.reduce(0, +)
                    case .mean: expected = column.reduce(0, +) / Double(rows)
                    case .max: expected = column.max() ?? .nan
                    default: expected = column.min() ?? .nan
                    }
                    XCTAssertEqual(y.scalars[j], expected, accuracy: 1e-11, "\(r) inner \(inner) column \(j)")
                }
            }
            // The product of entries near 1 stays finite over many rows.
            let near = makeT([rows, inner], values(rows * inner).map { 1 + $0 / 4000 })
            let prod = try near.reduce(.prod, axes: [0])
            for j in 0..<inner {
                let expected = (0..<rows).reduce(1.0) { $0 * near.scalars[$1 * inner + j] }
                XCTAssertEqual(prod.scalars[j], expected, accuracy: 1e-12 * Swift.abs(expected))
            }
        }
    }

    func testColumnMaximumPropagatesNaN() throws {
        var s = values(rows * 5)
        s[1234 * 5 + 2] = .nan
        let y = try makeT([rows, 5], s).reduce(.max, axes: [0])
        XCTAssertTrue(y.scalars[2].isNaN)
        XCTAssertFalse(y.scalars[0].isNaN)
    }

    /// Every broadcast pattern of two axes against the definition `f(a[i], b[i])`.
    func testBroadcastTwoAxisPatternsMatchIndexDefinition() throws {
        for count in [1, 3, 5, 8, 31, 33] {
            let full = makeT([rows, count], values(rows * count))
            let row = makeT([count], values(count, phase: 2).map { $0 + 7 })   // nonzero divisor
            let column = makeT([rows, 1], values(rows, phase: 4))
            func check(_ t: Tensor, _ expected: (Int, Int) -> Double, _ what: String) {
                XCTAssertEqual(t.shape, [rows, count], what)
                for r in 0..<rows {
                    for j in 0..<count where t.scalars[r * count + j] != expected(r, j) {
                        XCTFail("\(what): count \(count) at [\(r), \(j)]")
                        return
                    }
                }
            }
            check(try Tensor.sub(full, row), { full.scalars[$0 * count + $1] - row.scalars[$1] }, "full - row")
            check(try Tensor.div(row, full), { row.scalars[$1] / full.scalars[$0 * count + $1] }, "row / full")
            check(try Tensor.sub(column, row), { column.scalars[$0] - row.scalars[$1] }, "column - row")
            check(try Tensor.div(row, column), { row.scalars[$1] / column.scalars[$0] }, "row / column")
            check(try Tensor.mul(full, column), { full.scalars[$0 * count + $1] * column.scalars[$0] }, "full * column")
        }
    }

    func testZipInPlaceMatchesZipAndGrowsWhenNeeded() throws {
        let full = makeT([rows, 5], values(rows * 5))
        let row = makeT([5], [1, 2, 3, 4, 5])
        var a = full
        try Tensor.zipInPlace(&a, row, op: "/") { $0 / $1 }
        XCTAssertEqual(a, try Tensor.div(full, row))
        XCTAssertEqual(full, makeT([rows, 5], values(rows * 5)), "a shared buffer is copied, not written")
        var small = row
        try Tensor.zipInPlace(&small, full, op: "-") { $0 - $1 }
        XCTAssertEqual(small, try Tensor.sub(row, full))
        var bad = row
        assertTError(["[5]", "[3]"]) { try Tensor.zipInPlace(&bad, makeT([3], [1, 2, 3]), op: "+") { $0 + $1 } }
    }

    func testColumnSumsOfProducts() throws {
        for inner in [1, 5, 8, 31, 40] {
            let a = makeT([rows, inner], values(rows * inner)), b = makeT([rows, inner], values(rows * inner, phase: 1))
            let s = try Tensor.columnSums(a, b, inner: inner, op: "*") { $0 * $1 }
            for j in 0..<inner {
                let expected = (0..<rows).reduce(0.0) { $0 + a.scalars[$1 * inner + j] * b.scalars[$1 * inner + j] }
                XCTAssertEqual(s[j], expected, accuracy: 1e-9, "inner \(inner)")
            }
        }
        assertTError(["column sums"]) { try Tensor.columnSums(makeT([2, 3], [1, 2, 3, 4, 5, 6]), makeT([6], [1, 2, 3, 4, 5, 6]), inner: 3, op: "*") { $0 * $1 } }
    }

    /// `∂ logsumexp / ∂x = e^{x − y}` times the incoming gradient, for each axis layout.
    func testLogSumExpGradientMatchesDefinition() throws {
        let x = makeT([40, 5, 3], values(600))
        for axis in [0, 1, 2, -1] {
            let y = try x.reduce(.logsumexp, axes: [axis], keepDims: true)
            let g = makeT(y.shape, values(y.count, phase: 3))
            let d = try x.logSumExpGradient(value: y, upstream: g, axis: axis)
            let yb = try y.broadcast(to: x.shape), gb = try g.broadcast(to: x.shape)
            for i in 0..<x.count {
                let expected = gb.scalars[i] * Foundation.exp(x.scalars[i] - yb.scalars[i])
                XCTAssertEqual(d.scalars[i], expected, accuracy: 1e-15 * Swift.max(1, Swift.abs(expected)), "axis \(axis)")
            }
        }
        let all = try x.reduce(.logsumexp)
        let d = try x.logSumExpGradient(value: all, upstream: Tensor(2), axis: nil)
        XCTAssertEqual(d.scalars.reduce(0, +), 2, accuracy: 1e-12, "the softmax weights sum to one")
        assertTError(["logsumexp"]) { try x.logSumExpGradient(value: Tensor(0), upstream: Tensor(1), axis: 1) }
    }
}
