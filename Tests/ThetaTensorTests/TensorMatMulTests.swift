import XCTest
import Foundation
@testable import ThetaTensor

final class TensorMatMulTests: XCTestCase {
    /// Deterministic, irregular values.
    func filled(_ shape: [Int], seed: Double) -> Tensor {
        let n = shape.reduce(1, *)
        return Tensor(unchecked: shape, scalars: (0..<n).map { Foundation.sin(Double($0) * 0.7 + seed) })
    }

    /// C = A·B by the definition, for 2-d row-major operands.
    func naive(_ a: Tensor, _ b: Tensor) -> Tensor {
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for l in 0..<k { c[i * n + j] += a.scalars[i * k + l] * b.scalars[l * n + j] } } }
        return Tensor(unchecked: [m, n], scalars: c)
    }

    func test2DMatchesTripleLoopForSmallAndLargeSizes() throws {
        for (m, k, n) in [(1, 1, 1), (2, 3, 4), (5, 7, 3), (8, 8, 8), (33, 17, 29), (64, 64, 64), (100, 1, 50)] {
            let a = filled([m, k], seed: 1), b = filled([k, n], seed: 2)
            assertTClose(try Tensor.matmul(a, b), naive(a, b), rtol: 1e-12, atol: 1e-12)
        }
    }

    func testVectorCases() throws {
        let v = Tensor([1, 2, 3]), w = Tensor([4, 5, 6])
        XCTAssertEqual(try Tensor.matmul(v, w), Tensor(32))
        let m = makeT([2, 3], [1, 0, 2, -1, 3, 1])
        XCTAssertEqual(try Tensor.matmul(m, v), Tensor([7, 8]))
        XCTAssertEqual(try Tensor.matmul(Tensor([1, 2]), m), Tensor([-1, 6, 4]))
        // Above the small-product limit: gemv paths.
        let big = filled([300, 40], seed: 3), x = filled([40], seed: 4), y = filled([300], seed: 5)
        let bx = try Tensor.matmul(big, x)
        assertTClose(bx, try naive(big, x.reshaped([40, 1])).reshaped([300]), rtol: 1e-12, atol: 1e-12)
        let yb = try Tensor.matmul(y, big)
        assertTClose(yb, try naive(y.reshaped([1, 300]), big).reshaped([40]), rtol: 1e-12, atol: 1e-12)
        let dot = try Tensor.matmul(y, y).scalars[0]
        XCTAssertEqual(dot, y.scalars.map { $0 * $0 }.reduce(0, +), accuracy: 1e-12)
    }

    func testBatchedWithBroadcastBatchAxes() throws {
        let a = filled([2, 1, 3, 4], seed: 1), b = filled([3, 4, 5], seed: 2)
        let c = try Tensor.matmul(a, b)
        XCTAssertEqual(c.shape, [2, 3, 3, 5])
        for i in 0..<2 { for j in 0..<3 {
            let ai = try a.index([.at(i), .at(0)]), bj = try b.index([.at(j)])
            assertTClose(try c.index([.at(i), .at(j)]), naive(ai, bj), rtol: 1e-12, atol: 1e-12)
        } }
        // Batched left operand with a plain matrix: folded into one product.
        let d = try Tensor.matmul(filled([4, 30, 20], seed: 6), filled([20, 10], seed: 7))
        XCTAssertEqual(d.shape, [4, 30, 10])
        assertTClose(try d.index([.at(3)]), naive(try filled([4, 30, 20], seed: 6).index([.at(3)]), filled([20, 10], seed: 7)),
                     rtol: 1e-12, atol: 1e-12)
        // Vector against a batch of matrices.
        let e = try Tensor.matmul(Tensor([1, 0, 0, 0]), b)
        XCTAssertEqual(e.shape, [3, 5])
        XCTAssertEqual(try e.index([.at(1)]), try b.index([.at(1), .at(0)]))
        let f = try Tensor.matmul(b, Tensor([0, 0, 0, 0, 1]))
        XCTAssertEqual(f.shape, [3, 4])
        XCTAssertEqual(try f.index([.at(2)]), try b.index([.at(2), .all, .at(4)]))
    }

    func testZeroExtents() throws {
        XCTAssertEqual(try Tensor.matmul(Tensor.zeros([2, 0]), Tensor.zeros([0, 3])), try Tensor.zeros([2, 3]))
        XCTAssertEqual(try Tensor.matmul(Tensor.zeros([0, 4]), Tensor.zeros([4, 3])).shape, [0, 3])
    }

    func testShapeErrorsNameBothShapes() throws {
        assertTError(["@: shapes [2, 3] and [4, 5] are not aligned: 3 (axis 1) != 4 (axis 0)"]) {
            try Tensor.matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
        }
        assertTError(["[3]", "[4]", "not aligned"]) { try Tensor.matmul(Tensor.zeros([3]), Tensor.zeros([4])) }
        assertTError(["[2, 2, 3]", "[3, 3, 1]", "batch"]) {
            try Tensor.matmul(Tensor.zeros([2, 2, 3]), Tensor.zeros([3, 3, 1]))
        }
        assertTError(["[]"]) { try Tensor.matmul(Tensor(2), Tensor.zeros([2])) }
    }

    func testHugeProductsThrowBeforeAllocating() throws {
        // [2^16, 1] @ [1, 2^16] asks for 2^32 elements from operands of 2^16 each.
        let col = try Tensor.zeros([1 << 16, 1]), row = try Tensor.zeros([1, 1 << 16])
        assertTError(["too large"]) { try Tensor.matmul(col, row) }
        // Broadcast batch axes multiply out past the limit too.
        XCTAssertEqual(try Tensor.matmul(try Tensor.zeros([1 << 4, 1, 2, 2]), try Tensor.zeros([1, 1 << 4, 2, 2])).shape,
                       [1 << 4, 1 << 4, 2, 2])
        // 2^15 · 2^15 · 4 = 2^32 result elements.
        assertTError(["too large"]) { try Tensor.matmul(try Tensor.zeros([1 << 15, 1, 2, 2]), try Tensor.zeros([1, 1 << 15, 2, 2])) }
    }

    func testTinyProductsGoThroughBLASAndAreExact() throws {
        // Small integers: every product and sum is exact, so BLAS must give exactly these.
        let a = makeT([2, 2], [1, 2, 3, 4]), b = makeT([2, 2], [5, 6, 7, 8])
        XCTAssertEqual(try Tensor.matmul(a, b), makeT([2, 2], [19, 22, 43, 50]))
        XCTAssertEqual(try Tensor.matmul(Tensor([2]), makeT([1, 1], [3])), Tensor([6]))
        XCTAssertEqual(try Tensor.matmul(makeT([1, 1], [3]), Tensor([2])), Tensor([6]))
        // Stack of 2×2 matrices times one matrix: folded into one product of 4 rows.
        let stack = makeT([2, 2, 2], [1, 0, 0, 1, 0, 1, 1, 0])
        XCTAssertEqual(try Tensor.matmul(stack, b), makeT([2, 2, 2], [5, 6, 7, 8, 7, 8, 5, 6]))
        // One matrix times a stack: one product per batch entry.
        XCTAssertEqual(try Tensor.matmul(b, stack), makeT([2, 2, 2], [5, 6, 7, 8, 6, 5, 8, 7]))
    }
}
