import XCTest
import Foundation
import ThetaAutodiff
import ThetaTensor

/// The backward pass's pending factors (`affine`, `neg` and `−` pass a scale on instead of
/// rewriting the gradient) and the fused rules (`/` and `*` summing a broadcast operand's
/// gradient without a temporary, `logsumexp` formed in one buffer), checked against closed
/// forms and central differences on shapes that take the fused paths (`[N, K]` against
/// `[K]`, short rows, many rows).
final class FusedRuleGradientTests: XCTestCase {
    func testChainOfScalingsMatchesClosedForm() throws {
        // L = Σ −(0.5·x² − 3) + 2·(−x) = Σ −0.5x² + 3 − 2x, ∂L/∂x = −x − 2
        let x0 = sample([300, 5], phase: 0.2)
        let tape = Tape()
        let x = tape.leaf(x0)
        let y = try (-(0.5 * x.square() - 3.0) + 2.0 * (-x)).sum()
        let g = try tape.gradient(of: y, wrt: [x])[0]
        assertClose(g, x0.map { -$0 - 2 }, rtol: 1e-15, atol: 1e-15)
    }

    func testPendingFactorIsAppliedToReturnedGradient() throws {
        // ∂(Σ −3x)/∂x = −3 for every entry, and the gradient of an intermediate too
        let tape = Tape()
        let x = tape.leaf(sample([4, 3]))
        let h = try -x
        let y = try (h * 3.0).sum()
        let gs = try tape.gradient(of: y, wrt: [x, h])
        XCTAssertEqual(gs[0].scalars, [Double](repeating: -3, count: 12))
        XCTAssertEqual(gs[1].scalars, [Double](repeating: 3, count: 12))
    }

    func testContributionsWithDifferentFactorsAreSummed() throws {
        // L = Σ (x − 2x) + Σ (−x)·x = Σ −x − x², ∂L/∂x = −1 − 2x
        let x0 = sample([50, 5], phase: 1.1)
        let tape = Tape()
        let x = tape.leaf(x0)
        let y = try ((x - 2.0 * x).sum() + ((-x) * x).sum())
        let g = try tape.gradient(of: y, wrt: [x])[0]
        assertClose(g, x0.map { -1 - 2 * $0 }, rtol: 1e-14, atol: 1e-14)
    }

    func testBroadcastDivisionAndProductGradientsMatchClosedForms() throws {
        // L = Σ_{r,j} −a_rj / b_j + c_j·a_rj: ∂L/∂b_j = Σ_r a_rj / b_j², ∂L/∂c_j = Σ_r a_rj
        let n = 1003, k = 5
        let a0 = sample([n, k], phase: 0.3), b0 = sample([k], phase: 0.9, scale: 0.5, offset: 2)
        let c0 = sample([k], phase: 2.0)
        let tape = Tape()
        let a = tape.leaf(a0), b = tape.leaf(b0), c = tape.leaf(c0)
        let y = try ((-(a / b)) + a * c).sum()
        let g = try tape.gradient(of: y, wrt: [a, b, c])
        for j in 0..<k {
            let column = (0..<n).reduce(0.0) { $0 + a0.scalars[$1 * k + j] }
            XCTAssertEqual(g[1].scalars[j], column / (b0.scalars[j] * b0.scalars[j]), accuracy: 1e-11)
            XCTAssertEqual(g[2].scalars[j], column, accuracy: 1e-11)
        }
        for r in [0, 500, 1002] {
            for j in 0..<k {
                XCTAssertEqual(g[0].scalars[r * k + j], -1 / b0.scalars[j] + c0.scalars[j], accuracy: 1e-15)
            }
        }
    }

    func testBroadcastDivisionShapesAgainstFiniteDifferences() {
        let cases: [([Int], [Int])] = [([40, 5], [5]), ([40, 5], [1, 5]), ([3, 20, 4], [4]), ([3, 20, 4], [20, 1]), ([5], [40, 5])]
        for (sa, sb) in cases {
            let a = sample(sa, phase: 0.2), b = sample(sb, phase: 0.4, scale: 0.5, offset: 1.5)
            assertGradients([a, b]) { _, v throws(AutodiffError) in try -(v[0] / v[1]) * 0.5 }
            assertGradients([a, b]) { _, v throws(AutodiffError) in try -(v[0] * v[1]) }
        }
    }

    /// A small copy of the gmm1d model: every rule the workload uses, composed.
    func testMixtureLogLikelihoodAgainstFiniteDifferences() {
        let xs = sample([60, 1], phase: 0.1, scale: 3)
        let logits = sample([5], phase: 0.5, scale: 0.3)
        let means = makeT([5], [-4, -2, 0, 2, 4])
        let logScales = sample([5], phase: 1.5, scale: 0.2)
        assertGradients([logits, means, logScales], rtol: 1e-6, atol: 1e-9) { tape, v throws(AutodiffError) in
            let x = tape.constant(xs)
            let z = try (x - v[1]) / v[2].exp()
            let terms = try v[0].logSoftmax() - 0.5 * z.square() - v[2] - 0.5 * Foundation.log(2 * Double.pi)
            return try -(terms.logSumExp(axis: 1).mean())
        }
    }

    func testOverflowingPendingFactorIsReportedWhenChecking() throws {
        let tape = Tape()
        tape.checksFiniteGradients = true
        let x = tape.leaf(makeT([3], [1, 2, 3]))
        let y = try ((x * 1e200) * 1e200).sum()
        let error = expectError { () throws(AutodiffError) in try tape.gradient(of: y, wrt: [x]) }
        XCTAssertEqual(error?.kind, .nonFiniteGradient)
    }
}
