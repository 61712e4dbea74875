import XCTest
import Foundation
@testable import ThetaTensor

/// Products cut into blocks under OpenBLAS's small-matrix limit (`Tensor+GemmBlocks`): when
/// they are cut, and that every blocked form (rows of `A·B`, the shared axis of `Aᵀ·B`, the
/// written-out `Bᵀ` of `A·Bᵀ`, with and without a bias) gives the product of a naive loop.
final class GemmBlocksTests: XCTestCase {
    func values(_ n: Int, phase: Double) -> [Double] {
        (0..<n).map { Foundation.sin(0.37 * Double($0) + phase) }
    }

    /// `C[i, j] = Σ_l A[i, l]·B[l, j]` with `A` m×k and `B` k×n given as element functions.
    func naive(m: Int, n: Int, k: Int, _ a: (Int, Int) -> Double, _ b: (Int, Int) -> Double) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for l in 0..<k { s += a(i, l) * b(l, j) }
                c[i * n + j] = s
            }
        }
        return c
    }

    func assertNear(_ got: [Double], _ want: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(got.count, want.count, what, file: file, line: line)
        for (u, v) in zip(got, want) where Swift.abs(u - v) > 1e-11 * Swift.max(1, Swift.abs(v)) {
            XCTFail("\(what): \(u) vs \(v)", file: file, line: line)
            return
        }
    }

    func testSmallBlocksCutsOnlyNarrowProductsJustAboveTheLimit() {
        XCTAssertEqual(Tensor.smallBlocks(extent: 244, other: 64 * 64, n: 64), 1, "at the limit")
        XCTAssertEqual(Tensor.smallBlocks(extent: 256, other: 64 * 64, n: 64), 2)
        XCTAssertEqual(Tensor.smallBlocks(extent: 128, other: 64 * 512, n: 64), 5)
        XCTAssertEqual(Tensor.smallBlocks(extent: 128, other: 512 * 64, n: 512), 1, "a wide output")
        XCTAssertEqual(Tensor.smallBlocks(extent: 1000, other: 256 * 512, n: 64), 1, "large operands")
        // Every block stays within the limit.
        for (extent, other) in [(256, 4096), (1437, 32768), (1000, 65536), (300, 6400)] {
            let b = Tensor.smallBlocks(extent: extent, other: other, n: 64)
            XCTAssertLessThanOrEqual(((extent + b - 1) / b) * other, Tensor.smallProductLimit)
        }
    }

    func testBlockedProductsMatchTheNaiveProduct() throws {
        // (m, n, k): cut into row blocks (256×64×64, 300×64×64, 128×64×512) and not (64×64×64).
        for (m, n, k) in [(256, 64, 64), (300, 64, 64), (128, 64, 512), (64, 64, 64), (700, 32, 100)] {
            let a = makeT([m, k], values(m * k, phase: 0.2)), b = makeT([k, n], values(k * n, phase: 1.3))
            let want = naive(m: m, n: n, k: k, { a.scalars[$0 * k + $1] }, { b.scalars[$0 * n + $1] })
            assertNear(try Tensor.matmul(a, b).scalars, want, "A·B \(m)×\(n)×\(k)")
            // Aᵀ·B with A stored k×m: blocks of the shared axis.
            let at = makeT([k, m], values(m * k, phase: 0.2))
            let wantTN = naive(m: m, n: n, k: k, { at.scalars[$1 * m + $0] }, { b.scalars[$0 * n + $1] })
            assertNear(try Tensor.matmul(at, b, transposeA: true, transposeB: false).scalars, wantTN, "Aᵀ·B \(m)×\(n)×\(k)")
            // A·Bᵀ with B stored n×k: Bᵀ written out when small.
            let bt = makeT([n, k], values(k * n, phase: 1.3))
            let wantNT = naive(m: m, n: n, k: k, { a.scalars[$0 * k + $1] }, { bt.scalars[$1 * k + $0] })
            assertNear(try Tensor.matmul(a, bt, transposeA: false, transposeB: true).scalars, wantNT, "A·Bᵀ \(m)×\(n)×\(k)")
            // With a bias pre-filled (β = 1 in every block).
            let c = makeT([n], values(n, phase: 2.1))
            let wantBias = want.enumerated().map { $0.element + c.scalars[$0.offset % n] }
            assertNear(try Tensor.matmulAdd(a, b, c).scalars, wantBias, "A·B + c \(m)×\(n)×\(k)")
        }
    }
}
