import XCTest
import ThetaAutodiff
import ThetaTensor

/// The matrix product's backward rule (transposes passed to BLAS as flags) against the same
/// gradients formed from materialised transposes: `∂A = G·Bᵀ`, `∂B = Aᵀ·G`, summed over
/// broadcast batch axes.
final class MatmulRuleTests: XCTestCase {
    func swapped(_ t: Tensor) throws -> Tensor {
        let r = t.rank
        return try t.transposed(Array(0..<(r - 2)) + [r - 1, r - 2])
    }

    /// `t` summed down to `shape` (leading axes dropped, extent-1 axes kept).
    func reduced(_ t: Tensor, to shape: [Int]) throws -> Tensor {
        var x = t
        let extra = t.rank - shape.count
        if extra > 0 { x = try x.reduce(.sum, axes: Array(0..<extra)) }
        let ones = shape.indices.filter { shape[$0] == 1 && x.shape[$0] != 1 }
        if !ones.isEmpty { x = try x.reduce(.sum, axes: ones, keepDims: true) }
        return x
    }

    func testGradientsEqualTheMaterialisedTransposeProducts() throws {
        let cases: [([Int], [Int])] = [([3, 4], [4, 5]), ([9, 8], [8, 10]), ([2, 3, 4], [2, 4, 5]),
                                       ([2, 3, 4], [4, 5]), ([3, 4], [2, 4, 5]), ([2, 1, 3, 4], [3, 4, 2]),
                                       ([1, 3, 4], [2, 4, 2]), ([4, 6, 7], [7, 1])]
        for (sa, sb) in cases {
            let a = sample(sa, phase: 0.4), b = sample(sb, phase: 1.7)
            let tape = Tape()
            let va = tape.leaf(a), vb = tape.leaf(b)
            let y = try Variable.matmul(va, vb)
            let g = sample(y.value.shape, phase: 2.9)
            let grads = try tape.gradient(of: y, wrt: [va, vb], seed: g)
            let wantA = try reduced(Tensor.matmul(g, swapped(b)), to: sa)
            let wantB = try reduced(Tensor.matmul(swapped(a), g), to: sb)
            assertClose(grads[0], wantA, rtol: 1e-12, atol: 1e-12)
            assertClose(grads[1], wantB, rtol: 1e-12, atol: 1e-12)
        }
    }
}
