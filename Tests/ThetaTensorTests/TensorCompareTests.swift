import XCTest
import Foundation
@testable import ThetaTensor

/// Comparisons, minimum / maximum / clamp and the closed set of binary functions, by hand.
final class TensorCompareTests: XCTestCase {
    func testComparisonsGiveOneAndZeroWithIEEENaNRules() throws {
        let a = Tensor([1, 2, 3, .nan, -0.0]), b = Tensor([2, 2, 2, .nan, 0])
        XCTAssertEqual(try Tensor.compare(a, b, .eq), Tensor([0, 1, 0, 0, 1]))
        XCTAssertEqual(try Tensor.compare(a, b, .ne), Tensor([1, 0, 1, 1, 0]))
        XCTAssertEqual(try Tensor.compare(a, b, .lt), Tensor([1, 0, 0, 0, 0]))
        XCTAssertEqual(try Tensor.compare(a, b, .le), Tensor([1, 1, 0, 0, 1]))
        XCTAssertEqual(try Tensor.compare(a, b, .gt), Tensor([0, 0, 1, 0, 0]))
        XCTAssertEqual(try Tensor.compare(a, b, .ge), Tensor([0, 1, 1, 0, 1]))
        for c in Comparison.allCases {
            XCTAssertEqual(try Tensor.compare(a, b, c).scalars, Swift.zip(a.scalars, b.scalars).map { c.holds($0, $1) ? 1 : 0 })
        }
    }

    func testComparisonsBroadcastAndNameShapesInErrors() throws {
        let col = makeT([3, 1], [1, 2, 3]), row = Tensor([2, 3])
        XCTAssertEqual(try Tensor.compare(col, row, .lt), makeT([3, 2], [1, 1, 0, 1, 0, 0]))
        XCTAssertEqual(try Tensor.compare(Tensor(2), row, .eq), Tensor([1, 0]))
        assertTError(["<=", "[3]", "[2]"]) { try Tensor.compare(Tensor([1, 2, 3]), row, .le) }
    }

    func testMinimumAndMaximumPropagateNaNFromEitherSide() throws {
        let a = Tensor([1, .nan, 5, -.infinity]), b = Tensor([3, 2, .nan, 0])
        let lo = try Tensor.minimum(a, b), hi = try Tensor.maximum(a, b)
        XCTAssertEqual(lo.scalars[0], 1); XCTAssertEqual(hi.scalars[0], 3)
        XCTAssertTrue(lo.scalars[1].isNaN && hi.scalars[1].isNaN)
        XCTAssertTrue(lo.scalars[2].isNaN && hi.scalars[2].isNaN)
        XCTAssertEqual(lo.scalars[3], -.infinity); XCTAssertEqual(hi.scalars[3], 0)
        XCTAssertEqual(try Tensor.maximum(makeT([2, 1], [0, 10]), Tensor([1, 5, 20])),
                       makeT([2, 3], [1, 5, 20, 10, 10, 20]))
        assertTError(["minimum", "[2]", "[3]"]) { try Tensor.minimum(Tensor([1, 2]), Tensor([1, 2, 3])) }
    }

    func testClampIsMaximumThenMinimum() throws {
        let x = Tensor([-5, -1, 0, 1, 5, .nan])
        XCTAssertEqual(x.clamped(min: -1, max: 2).scalars.dropLast(), [-1, -1, 0, 1, 2])
        XCTAssertTrue(x.clamped(min: -1, max: 2).scalars[5].isNaN)
        // One-sided bounds.
        XCTAssertEqual(Tensor([-3, 3]).clamped(min: 0), Tensor([0, 3]))
        XCTAssertEqual(Tensor([-3, 3]).clamped(max: 0), Tensor([-3, 0]))
        // Crossed bounds give the upper bound everywhere (NumPy clip).
        XCTAssertEqual(Tensor([-3, 0, 3]).clamped(min: 2, max: 1), Tensor([1, 1, 1]))
        // Tensor bounds broadcast: per-column lower bounds [0, 10], upper bound 11.
        let m = makeT([2, 2], [-1, 5, 3, 20])
        XCTAssertEqual(try Tensor.clamp(m, min: Tensor([0, 10]), max: Tensor(11)), makeT([2, 2], [0, 10, 3, 11]))
        XCTAssertEqual(try Tensor.clamp(m, min: nil, max: nil), m)
        assertTError(["clamp", "[2, 2]", "[3]"]) { try Tensor.clamp(m, min: Tensor([0, 1, 2]), max: nil) }
        assertTError(["clamp", "[3]"]) { try Tensor.clamp(m, min: Tensor(0), max: Tensor([0, 1, 2])) }
    }

    func testFlooredModTakesTheSignOfTheDivisor() throws {
        // Python: -7 % 3 == 2, 7 % -3 == -2, -7 % -3 == -1, 7.5 % 2 == 1.5.
        XCTAssertEqual(try Tensor.mod(Tensor([-7, 7, -7, 7.5]), Tensor([3, -3, -3, 2])), Tensor([2, -2, -1, 1.5]))
        XCTAssertTrue(try Tensor.mod(Tensor([1]), Tensor([0])).scalars[0].isNaN)
    }

    func testBinaryDispatchAgreesWithPointwiseDefinition() throws {
        let xs = Tensor([-2.5, -1, 0, 0.5, 3, .nan]), ys = Tensor([2, -0.5, 1, 4, -3, 1])
        for f in BinaryFunction.allCases {
            let got = try Tensor.binary(f, xs, ys)
            for i in 0..<xs.count {
                let want = f.apply(xs.scalars[i], ys.scalars[i])
                XCTAssertTrue(got.scalars[i] == want || (got.scalars[i].isNaN && want.isNaN), "\(f) at \(i)")
            }
            // Scalar-broadcast fast paths give the same values as the general one.
            let scalarRight = try Tensor.binary(f, xs, Tensor(1.5))
            let expanded = try Tensor.binary(f, xs, Tensor.full([6], 1.5))
            XCTAssertTrue(Tensor.allClose(scalarRight, expanded, rtol: 0, atol: 0, equalNaN: true), "\(f) scalar right")
            let scalarLeft = try Tensor.binary(f, Tensor(1.5), ys)
            XCTAssertTrue(Tensor.allClose(scalarLeft, try Tensor.binary(f, Tensor.full([6], 1.5), ys),
                                          rtol: 0, atol: 0, equalNaN: true), "\(f) scalar left")
            assertTError([f.symbol, "[6]", "[4]"]) { try Tensor.binary(f, xs, Tensor.zeros([4])) }
        }
        // Closed forms for the arithmetic operators.
        XCTAssertEqual(try Tensor.binary(.pow, Tensor([2, 9, 4]), Tensor([10, 0.5, -1])), Tensor([1024, 3, 0.25]))
        XCTAssertEqual(try Tensor.binary(.div, Tensor([1, -1, 0]), Tensor([0, 0, 4])), Tensor([.infinity, -.infinity, 0]))
    }
}
