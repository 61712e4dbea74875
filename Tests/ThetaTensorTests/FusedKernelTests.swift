import XCTest
import Foundation
@testable import ThetaTensor

/// The fused kernels (`Tensor+MatMulAdd`, `Tensor+LogSumExpSoftmax`, `Tensor+ShortAxisLanes`)
/// against references written out here with naive loops and Foundation's libm.
final class FusedKernelTests: XCTestCase {
    func values(_ n: Int, phase: Double = 0) -> [Double] {
        (0..<n).map { (i: Int) -> Double in 6 * Foundation.sin(0.7 * Double(i) + phase) * Foundation.cos(0.13 * Double(i)) }
    }

    /// `a @ b + bias` by a triple loop, `a` `[rows, k]` (leading axes folded), `b` `[k, n]`,
    /// the bias read at column `j` (or its single element).
    func naiveAffine(_ a: Tensor, _ b: Tensor, _ bias: Tensor) -> [Double] {
        let k = b.shape[0], n = b.shape[1], rows = a.count / k
        var out = [Double](repeating: 0, count: rows * n)
        for r in 0..<rows {
            for j in 0..<n {
                var s = 0.0
                for l in 0..<k { s += a.scalars[r * k + l] * b.scalars[l * n + j] }
                out[r * n + j] = s + (bias.count == 1 ? bias.scalars[0] : bias.scalars[j])
            }
        }
        return out
    }

    func testFusesBiasAcceptsOnlyARowBroadcastThatKeepsTheProductShape() {
        XCTAssertTrue(Tensor.fusesBias([4, 3], [3, 5], [5]))
        XCTAssertTrue(Tensor.fusesBias([4, 3], [3, 5], [1, 5]))
        XCTAssertTrue(Tensor.fusesBias([4, 3], [3, 5], []))
        XCTAssertTrue(Tensor.fusesBias([4, 3], [3, 5], [1]))
        XCTAssertTrue(Tensor.fusesBias([2, 4, 3], [3, 5], [1, 1, 5]))
        XCTAssertFalse(Tensor.fusesBias([4, 3], [3, 5], [4, 1]), "a column bias")
        XCTAssertFalse(Tensor.fusesBias([4, 3], [3, 5], [4, 5]), "a full bias")
        XCTAssertFalse(Tensor.fusesBias([4, 3], [3, 5], [2, 1, 5]), "a bias that adds an axis")
        XCTAssertFalse(Tensor.fusesBias([3], [3, 5], [5]), "a vector left operand")
        XCTAssertFalse(Tensor.fusesBias([2, 4, 3], [2, 3, 5], [5]), "a stack on the right")
        XCTAssertFalse(Tensor.fusesBias([4, 3], [2, 5], [5]), "misaligned")
    }

    func testMatMulAddMatchesTheNaiveAffineMap() throws {
        let cases: [([Int], [Int], [Int])] = [
            ([7, 3], [3, 5], [5]), ([7, 3], [3, 5], [1, 5]), ([7, 3], [3, 5], []),
            ([2, 6, 4], [4, 9], [9]), ([256, 64], [64, 64], [64]), ([300, 2], [2, 64], [64]),
            ([256, 64], [64, 2], [2]), ([5, 4], [4, 1], [1]), ([1, 4], [4, 6], [6]),
        ]
        for (sa, sb, sc) in cases {
            let a = makeT(sa, values(sa.reduce(1, *), phase: 0.2))
            let b = makeT(sb, values(sb.reduce(1, *), phase: 1.1))
            let c = makeT(sc, values(sc.reduce(1, *), phase: 2.3))
            let y = try Tensor.matmulAdd(a, b, c)
            XCTAssertEqual(y.shape, Array(sa.dropLast()) + [sb[1]], "\(sa) \(sb) \(sc)")
            let want = naiveAffine(a, b, c)
            for (u, v) in zip(y.scalars, want) {
                XCTAssertEqual(u, v, accuracy: 1e-12 * Swift.max(1, Swift.abs(v)), "\(sa) \(sb) \(sc)")
            }
        }
    }

    func testMatMulAddWithoutTheFusedPathIsMatMulThenAdd() throws {
        let a = makeT([4, 3], values(12)), b = makeT([3, 5], values(15, phase: 1))
        let column = makeT([4, 1], values(4, phase: 2))
        let y = try Tensor.matmulAdd(a, b, column)
        assertTClose(y, try Tensor.add(Tensor.matmul(a, b), column), rtol: 0, atol: 0)
        assertTError(["@", "not aligned"]) { try Tensor.matmulAdd(a, makeT([4, 5], values(20)), makeT([5], values(5))) }
        // An empty inner axis leaves the bias alone.
        let e = try Tensor.matmulAdd(makeT([2, 0], []), makeT([0, 3], []), makeT([3], [1, 2, 3]))
        XCTAssertEqual(e.scalars, [1, 2, 3, 1, 2, 3])
    }

    let lengths = [1, 2, 3, 5, 7, 8, 13, 31]

    func testLogSumExpWithSoftmaxGivesTheReductionsBitsAndTheRowsSoftmax() throws {
        let rows = 203   // 25 lane groups of eight and a remainder of three
        for length in lengths {
            let x = makeT([rows, length], values(rows * length, phase: 0.4))
            guard let (y, w) = x.logSumExpWithSoftmax(keepDims: false) else { return XCTFail("length \(length)") }
            let reduced = try x.reduce(.logsumexp, axes: [1])
            XCTAssertEqual(y.shape, [rows])
            XCTAssertEqual(y.scalars.map(\.bitPattern), reduced.scalars.map(\.bitPattern), "length \(length)")
            XCTAssertEqual(w.shape, [rows, length])
            for r in 0..<rows {
                let row = Array(x.scalars[(r * length)..<((r + 1) * length)])
                let m = row.max() ?? 0
                let expected = m + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - m) })
                XCTAssertEqual(y.scalars[r], expected, accuracy: 1e-15 * Swift.max(1, Swift.abs(expected)))
                for j in 0..<length {
                    XCTAssertEqual(w.scalars[r * length + j], Foundation.exp(row[j] - expected), accuracy: 1e-15,
                                   "length \(length) row \(r)")
                }
            }
            let kept = x.logSumExpWithSoftmax(keepDims: true)
            XCTAssertEqual(kept?.value.shape, [rows, 1])
        }
        XCTAssertNil(makeT([4, 32], values(128)).logSumExpWithSoftmax(keepDims: false), "a long axis")
        XCTAssertNil(Tensor(2.0).logSumExpWithSoftmax(keepDims: false), "rank 0")
    }

    /// Rows whose maximum is not finite inside groups of eight: the lane kernel leaves those
    /// groups to the block kernel, and every row still gets its exact value and derivative.
    func testSpecialRowsAmongLaneGroups() throws {
        let inf = Double.infinity, nan = Double.nan
        let length = 3, rows = 40
        var s = values(rows * length, phase: 0.9)
        let specials: [Int: [Double]] = [
            3: [-inf, -inf, -inf], 9: [1, inf, 2], 17: [1, nan, 2], 18: [nan, 1, 2], 30: [0, -inf, 0],
        ]
        for (r, row) in specials { for j in 0..<length { s[r * length + j] = row[j] } }
        let x = makeT([rows, length], s)
        guard let (y, w) = x.logSumExpWithSoftmax(keepDims: false) else { return XCTFail("nil") }
        XCTAssertEqual(y.scalars[3], -inf)
        XCTAssertEqual(y.scalars[9], inf)
        XCTAssertTrue(y.scalars[17].isNaN)
        XCTAssertTrue(y.scalars[18].isNaN)
        XCTAssertEqual(y.scalars[30], Foundation.log(2), accuracy: 1e-16)
        XCTAssertEqual(w.scalars[30 * 3 + 0], 0.5, accuracy: 1e-16)
        XCTAssertEqual(w.scalars[30 * 3 + 1], 0)
        // +inf row: e^{x − inf} is 0 at finite entries, NaN at the infinite one.
        XCTAssertEqual(w.scalars[9 * 3 + 0], 0)
        XCTAssertTrue(w.scalars[9 * 3 + 1].isNaN)
        XCTAssertTrue(w.scalars[(3 * 3)..<(3 * 3 + 3)].allSatisfy(\.isNaN), "an all -inf row")
        for r in 0..<rows where specials[r] == nil {
            let row = Array(s[(r * length)..<((r + 1) * length)])
            let m = row.max() ?? 0
            let expected = m + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - m) })
            XCTAssertEqual(y.scalars[r], expected, accuracy: 1e-15 * Swift.max(1, Swift.abs(expected)), "row \(r)")
            let reduced = try x.reduce(.logsumexp, axes: [1])
            XCTAssertEqual(reduced.scalars[r].bitPattern, y.scalars[r].bitPattern, "row \(r)")
        }
    }

    func testRowScaledMultipliesEachRowByItsFactor() throws {
        for length in [1, 5, 8, 13] {
            let rows = 150
            let w = makeT([rows, length], values(rows * length, phase: 0.1))
            let g = makeT([rows, 1], values(rows, phase: 2.2))
            let out = try Tensor.rowScaled(w, by: g)
            XCTAssertEqual(out.shape, [rows, length])
            for r in 0..<rows {
                for j in 0..<length {
                    XCTAssertEqual(out.scalars[r * length + j], g.scalars[r] * w.scalars[r * length + j], "length \(length)")
                }
            }
        }
        assertTError(["row scaling", "3 factors"]) { try Tensor.rowScaled(makeT([4, 2], values(8)), by: makeT([3], values(3))) }
    }

    /// A column against a short row (`[N, 1] ∘ [K]` and `[K] ∘ [N, 1]`, K ≤ 8) is stored a
    /// row of eight lanes at a time: with few rows the last ones must not write past the
    /// output, and every element must still be `f(column[r], row[j])`.
    func testColumnAgainstShortRowAtTheEdgesOfTheOutput() throws {
        for rows in [1, 2, 3, 4, 9] {
            for count in 2...8 {
                let column = makeT([rows, 1], values(rows, phase: 0.5))
                let row = makeT([count], values(count, phase: 1.5).map { $0 + 9 })
                let a = try Tensor.sub(column, row), b = try Tensor.div(row, column)
                XCTAssertEqual(a.shape, [rows, count])
                XCTAssertEqual(a.count, rows * count)
                for r in 0..<rows {
                    for j in 0..<count {
                        XCTAssertEqual(a.scalars[r * count + j], column.scalars[r] - row.scalars[j], "\(rows)×\(count)")
                        XCTAssertEqual(b.scalars[r * count + j], row.scalars[j] / column.scalars[r], "\(rows)×\(count)")
                    }
                }
            }
        }
    }

    /// The division's backward kernel: the quotient written over g and the column sums of
    /// its product with y, the same bits as `g / b` followed by `columnSums`.
    func testDivideRowsAndColumnSumsMatchesTheTwoPassForm() throws {
        for inner in [2, 5, 8, 13, 40] {
            for rows in [1, 7, 64, 1001] {
                let g0 = makeT([rows, inner], values(rows * inner, phase: 0.3))
                let b = makeT([inner], values(inner, phase: 1.9).map { $0 + 8 })
                let y = makeT([rows, inner], values(rows * inner, phase: 2.7))
                var g = g0
                let sums = try Tensor.divideRowsAndColumnSums(&g, by: b, times: y, inner: inner)
                let q = try Tensor.div(g0, b)
                XCTAssertEqual(g, q, "\(rows)×\(inner)")
                let want = try Tensor.columnSums(q, y, inner: inner, op: "/") { $0 * $1 }
                XCTAssertEqual(sums.map(\.bitPattern), want.map(\.bitPattern), "\(rows)×\(inner)")
                for j in 0..<inner {
                    let naive = (0..<rows).reduce(0.0) { $0 + q.scalars[$1 * inner + j] * y.scalars[$1 * inner + j] }
                    XCTAssertEqual(sums[j], naive, accuracy: 1e-12 * Swift.max(1, Swift.abs(naive)))
                }
                XCTAssertEqual(g0, makeT([rows, inner], values(rows * inner, phase: 0.3)), "a shared buffer is copied")
            }
        }
        var g = makeT([4, 3], values(12))
        assertTError(["/ (backward)"]) { try Tensor.divideRowsAndColumnSums(&g, by: makeT([2], [1, 2]), times: makeT([4, 3], values(12)), inner: 3) }
    }
}
