import XCTest
import Foundation
@testable import ThetaTensor

/// `Tensor.matmul(_:_:transposeA:transposeB:)` against the product of materialised
/// transposes (`transposed` copies, then the plain `matmul`).
final class TensorMatMulTransposeTests: XCTestCase {
    func filled(_ shape: [Int], seed: Double) -> Tensor {
        let n = shape.reduce(1, *)
        return Tensor(unchecked: shape, scalars: (0..<n).map { Foundation.sin(Double($0) * 0.7 + seed) })
    }

    /// The last two axes exchanged by a copy.
    func swapped(_ t: Tensor) throws -> Tensor {
        let r = t.rank
        return try t.transposed(Array(0..<(r - 2)) + [r - 1, r - 2])
    }

    /// Checks every flag combination for stored shapes `sa`, `sb` given in the untransposed
    /// orientation (`op(A)` has shape `sa`, `op(B)` has shape `sb`).
    func check(_ sa: [Int], _ sb: [Int], file: StaticString = #filePath, line: UInt = #line) throws {
        let a = filled(sa, seed: 1), b = filled(sb, seed: 2)
        let want = try Tensor.matmul(a, b)
        for ta in [false, true] { for tb in [false, true] {
            let sa2 = ta ? try swapped(a) : a, sb2 = tb ? try swapped(b) : b
            let got = try Tensor.matmul(sa2, sb2, transposeA: ta, transposeB: tb)
            XCTAssertEqual(got.shape, want.shape, "shape ta=\(ta) tb=\(tb)", file: file, line: line)
            XCTAssertTrue(Tensor.allClose(got, want, rtol: 1e-12, atol: 1e-12, equalNaN: false),
                          "values ta=\(ta) tb=\(tb) for \(sa) @ \(sb)", file: file, line: line)
        } }
    }

    func testTwoDimensional() throws {
        for (m, k, n) in [(1, 1, 1), (2, 3, 4), (5, 7, 3), (1, 6, 4), (6, 5, 1), (33, 17, 29), (64, 64, 64)] {
            try check([m, k], [k, n])
        }
    }

    func testBatched() throws {
        try check([3, 4, 5], [3, 5, 2])
        try check([2, 3, 4, 5], [2, 3, 5, 6])
        try check([4, 5, 6], [6, 3])        // a stack against one matrix
        try check([5, 6], [4, 6, 3])        // one matrix against a stack
    }

    func testBroadcastBatchAxes() throws {
        try check([2, 1, 3, 4], [3, 4, 5])
        try check([1, 3, 4], [2, 4, 2])
        try check([3, 1, 2, 5], [1, 4, 5, 2])
    }

    func testEmptyAndZeroInnerExtent() throws {
        let z = try Tensor.matmul(Tensor(unchecked: [0, 3], scalars: []), filled([2, 3], seed: 1),
                                  transposeA: false, transposeB: true)
        XCTAssertEqual(z.shape, [0, 2])
        let k0 = try Tensor.matmul(Tensor(unchecked: [0, 3], scalars: []), Tensor(unchecked: [0, 2], scalars: []),
                                   transposeA: true, transposeB: false)
        XCTAssertEqual(k0, Tensor(unchecked: [3, 2], scalars: [Double](repeating: 0, count: 6)))
    }

    func testErrors() {
        assertTError(["not aligned"]) {
            try Tensor.matmul(self.filled([2, 3], seed: 0), self.filled([2, 3], seed: 1), transposeA: false, transposeB: false)
        }
        assertTError(["not aligned"]) {
            try Tensor.matmul(self.filled([2, 3], seed: 0), self.filled([4, 3], seed: 1), transposeA: true, transposeB: true)
        }
        assertTError(["at least two axes"]) {
            try Tensor.matmul(self.filled([3], seed: 0), self.filled([3, 2], seed: 1), transposeA: true, transposeB: false)
        }
        assertTError(["cannot be broadcast"]) {
            try Tensor.matmul(self.filled([2, 3, 4], seed: 0), self.filled([3, 3, 4], seed: 1), transposeA: false, transposeB: true)
        }
    }
}
