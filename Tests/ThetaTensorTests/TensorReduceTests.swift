import XCTest
import Foundation
@testable import ThetaTensor

final class TensorReduceTests: XCTestCase {
    /// Naive reference: group every element by its index with the reduced axes removed, then
    /// reduce each group by the textbook formula.
    func reference(_ x: Tensor, _ r: Reduction, axes: [Int]) -> [Double] {
        let rank = x.rank
        let red = Set(axes.map { $0 < 0 ? $0 + rank : $0 })
        var groups: [[Int]: [Double]] = [:]
        var order: [[Int]] = []
        let strides = Tensor.strides(x.shape)
        for linear in 0..<x.count {
            var key: [Int] = []
            for k in 0..<rank where !red.contains(k) { key.append((linear / strides[k]) % x.shape[k]) }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(x.scalars[linear])
        }
        order.sort { $0.lexicographicallyPrecedes($1) }
        return order.map { key in
            let g = groups[key] ?? []
            let n = Double(g.count)
            let mean = g.reduce(0, +) / n
            switch r {
            case .sum: return g.reduce(0, +)
            case .mean: return mean
            case .max: return g.max() ?? .nan
            case .min: return g.min() ?? .nan
            case .prod: return g.reduce(1, *)
            case .logsumexp: return Foundation.log(g.map { Foundation.exp($0) }.reduce(0, +))
            case .variance: return g.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
            case .std: return (g.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
            case .argmax: return Double(g.firstIndex(of: g.max() ?? 0) ?? -1)
            case .argmin: return Double(g.firstIndex(of: g.min() ?? 0) ?? -1)
            }
        }
    }

    func testEveryReductionOverEveryAxisSetMatchesNaiveReference() throws {
        // Values with distinct extremes, moderate magnitudes (so exp in the reference is safe).
        let shape = [2, 3, 4]
        let values: [Double] = (0..<24).map { (i: Int) -> Double in
            let d = Double(i)
            return Foundation.sin(d * 1.7) * 3 + Double(i % 5) * 0.1
        }
        let x = makeT(shape, values)
        let axisSets: [[Int]] = [[0], [1], [2], [-1], [0, 1], [1, 2], [0, 2], [0, 1, 2], [2, 0]]
        for r in Reduction.allCases {
            for axes in axisSets {
                let y = try x.reduce(r, axes: axes)
                let expectedShape = (0..<3).filter { k in !axes.contains(k) && !axes.contains(k - 3) }.map { shape[$0] }
                XCTAssertEqual(y.shape, expectedShape, "\(r) \(axes)")
                let ref = reference(x, r, axes: axes)
                for (g, e) in zip(y.scalars, ref) {
                    XCTAssertEqual(g, e, accuracy: 1e-12 * Swift.max(1, Swift.abs(e)), "\(r) over \(axes)")
                }
                let kept = try x.reduce(r, axes: axes, keepDims: true)
                XCTAssertEqual(kept.rank, 3)
                XCTAssertEqual(kept.scalars, y.scalars)
            }
            let all = try x.reduce(r)
            XCTAssertEqual(all.shape, [Int]())
            XCTAssertEqual(all.scalars[0], reference(x, r, axes: [0, 1, 2])[0],
                           accuracy: 1e-12 * Swift.max(1, Swift.abs(all.scalars[0])), "\(r) over all")
        }
    }

    func testSumOverAxesOfKnownMatrix() throws {
        let x = makeT([2, 3], [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try x.reduce(.sum, axes: [0]), Tensor([5, 7, 9]))
        XCTAssertEqual(try x.reduce(.sum, axes: [1]), Tensor([6, 15]))
        XCTAssertEqual(try x.reduce(.sum, axes: [1], keepDims: true), makeT([2, 1], [6, 15]))
        XCTAssertEqual(try x.reduce(.sum), Tensor(21))
        XCTAssertEqual(try x.reduce(.mean, axes: [0]), Tensor([2.5, 3.5, 4.5]))
        XCTAssertEqual(try x.reduce(.argmax, axes: [0]), Tensor([1, 1, 1]))
        XCTAssertEqual(try x.reduce(.argmin), Tensor(0))
        XCTAssertEqual(try x.reduce(.prod, axes: [1]), Tensor([6, 120]))
    }

    func testLongSumUsesAllElements() throws {
        // Σ_{i<n} i = n(n−1)/2, exact in Double for this n; exercises the SIMD path and its tail.
        for n in [31, 32, 33, 1000, 1_000_003] {
            let x = Tensor((0..<n).map(Double.init))
            XCTAssertEqual(try x.reduce(.sum).scalars[0], Double(n) * Double(n - 1) / 2)
            XCTAssertEqual(x.sum(), Double(n) * Double(n - 1) / 2)
        }
    }

    func testVarianceIsPopulationVariance() throws {
        // [1, 2, 3, 4]: mean 2.5, Σ(x−m)² = 5, population variance 5/4 (ddof 0).
        let x = Tensor([1, 2, 3, 4])
        XCTAssertEqual(try x.reduce(.variance).scalars[0], 1.25)
        XCTAssertEqual(try x.reduce(.std).scalars[0], 1.25.squareRoot())
        // Large offset: the two-pass formula keeps precision.
        let y = Tensor([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4])
        XCTAssertEqual(try y.reduce(.variance).scalars[0], 1.25, accuracy: 1e-6)
    }

    func testLogSumExpNeverOverflows() throws {
        // logsumexp([1000, 0]) = 1000 + log(1 + e^-1000) = 1000 exactly in Double.
        XCTAssertEqual(try Tensor([1000, 0]).reduce(.logsumexp).scalars[0], 1000)
        // logsumexp([1000, 999]) = 1000 + log(1 + e^-1).
        XCTAssertEqual(try Tensor([1000, 999]).reduce(.logsumexp).scalars[0],
                       1000 + Foundation.log(1 + Foundation.exp(-1.0)), accuracy: 1e-12)
        XCTAssertEqual(try Tensor([-1000, -1000]).reduce(.logsumexp).scalars[0],
                       -1000 + Foundation.log(2.0), accuracy: 1e-12)
        XCTAssertEqual(try Tensor([-.infinity, -.infinity]).reduce(.logsumexp).scalars[0], -.infinity)
        XCTAssertEqual(try Tensor([.infinity, 1]).reduce(.logsumexp).scalars[0], .infinity)
        XCTAssertEqual(try Tensor([]).reduce(.logsumexp).scalars[0], -.infinity)
        // Along an axis that is not last (general path).
        let x = makeT([2, 2], [1000, -5, 1000, -5])
        XCTAssertEqual(try x.reduce(.logsumexp, axes: [0]).scalars,
                       [1000 + Foundation.log(2.0), -5 + Foundation.log(2.0)])
    }

    func testNaNPropagatesThroughMaxAndMin() throws {
        let x = Tensor([1, .nan, 3])
        XCTAssertTrue(try x.reduce(.max).scalars[0].isNaN)
        XCTAssertTrue(try x.reduce(.min).scalars[0].isNaN)
        XCTAssertEqual(try x.reduce(.argmax).scalars[0], 1)
        let m = makeT([2, 2], [.nan, 1, 2, 3])
        let colMax = try m.reduce(.max, axes: [0])
        XCTAssertTrue(colMax.scalars[0].isNaN)
        XCTAssertEqual(colMax.scalars[1], 3)
    }

    func testEmptyAxisValues() throws {
        let e = try Tensor.zeros([2, 0])
        XCTAssertEqual(try e.reduce(.sum, axes: [1]), Tensor([0, 0]))
        XCTAssertEqual(try e.reduce(.prod, axes: [1]), Tensor([1, 1]))
        XCTAssertTrue(try e.reduce(.mean, axes: [1]).scalars.allSatisfy(\.isNaN))
        XCTAssertEqual(try e.reduce(.sum, axes: [0]).shape, [0])
        XCTAssertEqual(try e.reduce(.max, axes: [0]).shape, [0])
        let f = try Tensor.zeros([0, 2])
        XCTAssertEqual(try f.reduce(.sum, axes: [0]), Tensor([0, 0]))
        XCTAssertEqual(try f.reduce(.prod, axes: [0]), Tensor([1, 1]))
        assertTError(["max", "empty", "[2, 0]"]) { try e.reduce(.max, axes: [1]) }
        assertTError(["argmin", "empty"]) { try Tensor([]).reduce(.argmin) }
        assertTError(["min", "empty"]) { try f.reduce(.min, axes: [0]) }
    }

    func testAxisErrorsNameAxisAndShape() {
        let x = iotaT([2, 3])
        assertTError(["sum", "axis 2", "[2, 3]"]) { try x.reduce(.sum, axes: [2]) }
        assertTError(["axis -3", "[2, 3]"]) { try x.reduce(.mean, axes: [-3]) }
        assertTError(["repeated"]) { try x.reduce(.sum, axes: [1, -1]) }
    }

    func testEmptyAxisListIsIdentity() throws {
        let x = iotaT([2, 3])
        XCTAssertEqual(try x.reduce(.sum, axes: []), x)
        XCTAssertEqual(try x.reduce(.variance, axes: []), try Tensor.zeros([2, 3]))
    }

    func testSoftmaxRowsSumToOneForHugeInputs() throws {
        let x = makeT([2, 3], [1000, 1001, 1002, -1e308, 0, 1e308])
        let s = try x.softmax()
        let rowSums = try s.reduce(.sum, axes: [1])
        assertTClose(rowSums, Tensor([1, 1]), rtol: 1e-15, atol: 1e-15)
        // softmax([0, 1, 2]) = e^i / (1 + e + e²), shift-invariant.
        let z = 1 + Foundation.exp(1.0) + Foundation.exp(2.0)
        assertTClose(try s.index([.at(0)]), Tensor([1 / z, Foundation.exp(1.0) / z, Foundation.exp(2.0) / z]),
                     rtol: 1e-14)
        XCTAssertEqual(try s.index([.at(1)]).scalars, [0, 0, 1])
        let ls = try x.logSoftmax()
        assertTClose(try ls.index([.at(0)]), Tensor([0, 1, 2]).map { $0 - Foundation.log(z) }, rtol: 1e-14)
    }

    func testSoftmaxAlongFirstAxisMatchesTransposedLastAxis() throws {
        let x = makeT([3, 4], (0..<12).map { Foundation.cos(Double($0)) * 5 })
        let a = try x.softmax(axis: 0)
        let b = try x.T.softmax(axis: -1).T
        assertTClose(a, b, rtol: 1e-14, atol: 1e-16)
        let la = try x.logSoftmax(axis: 0)
        assertTClose(la, a.apply(.log), rtol: 1e-13, atol: 1e-14)
        assertTError(["softmax", "axis 2", "[3, 4]"]) { try x.softmax(axis: 2) }
    }
}

/// Closed forms for the overflow-prone reductions and the vectorized extrema.
final class TensorStableReduceTests: XCTestCase {
    func testSoftmaxOfPlusAndMinusThousand() throws {
        // e^{-2000} underflows to 0: softmax([1000, -1000]) = [1, 0] exactly, and
        // log_softmax = [0, -2000] (x − max − log(1 + e^{-2000}) = x − 1000).
        XCTAssertEqual(try Tensor([1000, -1000]).softmax(), Tensor([1, 0]))
        XCTAssertEqual(try Tensor([1000, -1000]).logSoftmax(), Tensor([0, -2000]))
        // Equal entries far below exp's range: uniform, log 1/2 each.
        XCTAssertEqual(try Tensor([-1000, -1000]).softmax(), Tensor([0.5, 0.5]))
        assertTClose(try Tensor([-1000, -1000]).logSoftmax(), Tensor([-Foundation.log(2.0), -Foundation.log(2.0)]))
        // Along axis 0 of a column layout, with logsumexp kept as [1, 2].
        let x = makeT([2, 2], [1000, -1000, 1000, -1000])
        assertTClose(try x.softmax(axis: 0), makeT([2, 2], [0.5, 0.5, 0.5, 0.5]))
        assertTClose(try x.reduce(.logsumexp, axes: [0], keepDims: true),
                     makeT([1, 2], [1000 + Foundation.log(2.0), -1000 + Foundation.log(2.0)]))
        assertTClose(try x.reduce(.logsumexp, axes: [1], keepDims: true), makeT([2, 1], [1000, 1000]))
        XCTAssertEqual(try x.reduce(.logsumexp, axes: [1]), Tensor([1000, 1000]))
    }

    func testSoftmaxOfLongRowsSumsToOne() throws {
        // 3 rows of 1000 entries spanning ±1000: each row of softmax sums to 1.
        let values: [Double] = (0..<3000).map { (i: Int) -> Double in
            Double(i % 1000) * 2 - 1000 + Double(i / 1000)
        }
        let x = makeT([3, 1000], values)
        let rows = try x.softmax().reduce(.sum, axes: [1])
        assertTClose(rows, Tensor([1, 1, 1]), rtol: 1e-14)
        // logsumexp of 0, 2, ..., 1998 shifted by −1000: 998 + log Σ_{j≥0} e^{−2j}
        // = 998 + log(1/(1 − e^{−2})) to double precision.
        XCTAssertEqual(try x.reduce(.logsumexp, axes: [1]).scalars[0],
                       998 - Foundation.log(1 - Foundation.exp(-2.0)), accuracy: 1e-12)
    }

    func testVectorizedMaxAndMinFindTheExtremeAnywhere() throws {
        for n in [1, 2, 15, 16, 17, 31, 32, 33, 100, 1001] {
            for position in Set([0, n / 2, n - 1]) {
                var v = (0..<n).map { Foundation.sin(Double($0)) }
                v[position] = 5
                XCTAssertEqual(try Tensor(v).reduce(.max).scalars[0], 5, "n \(n) at \(position)")
                XCTAssertEqual(try Tensor(v).reduce(.argmax).scalars[0], Double(position))
                v[position] = -5
                XCTAssertEqual(try Tensor(v).reduce(.min).scalars[0], -5, "n \(n) at \(position)")
                v[position] = .nan
                XCTAssertTrue(try Tensor(v).reduce(.max).scalars[0].isNaN, "NaN at \(position) of \(n)")
                XCTAssertTrue(try Tensor(v).reduce(.min).scalars[0].isNaN, "NaN at \(position) of \(n)")
                XCTAssertTrue(try Tensor(v).reduce(.logsumexp).scalars[0].isNaN)
            }
        }
        let negInf = Tensor([Double](repeating: -.infinity, count: 40))
        XCTAssertEqual(try negInf.reduce(.max).scalars[0], -.infinity)
        XCTAssertEqual(try negInf.reduce(.logsumexp).scalars[0], -.infinity)
    }

    func testColumnMaxAndMinPropagateNaN() throws {
        // Reduced axis followed by a kept axis: the strided accumulator path.
        let x = makeT([3, 2], [1, 5, .nan, 2, 3, 9])
        let hi = try x.reduce(.max, axes: [0]), lo = try x.reduce(.min, axes: [0], keepDims: true)
        XCTAssertTrue(hi.scalars[0].isNaN); XCTAssertEqual(hi.scalars[1], 9)
        XCTAssertEqual(lo.shape, [1, 2]); XCTAssertTrue(lo.scalars[0].isNaN); XCTAssertEqual(lo.scalars[1], 2)
    }
}
