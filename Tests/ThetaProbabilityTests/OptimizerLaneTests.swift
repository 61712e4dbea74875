import Foundation
import XCTest
import ThetaTensor
@testable import ThetaProbability

/// The lane (SIMD8) Adam update against the scalar formula written out here, bit for bit.
final class OptimizerLaneTests: XCTestCase {
    /// Deterministic pseudo-random doubles in `[lo, hi)` (64-bit LCG, top 53 bits).
    func randoms(_ n: Int, _ lo: Double, _ hi: Double, seed: UInt64) -> [Double] {
        var s = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<n).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return lo + (hi - lo) * Double(s >> 11) * 0x1p-53
        }
    }

    func testAdamLanesAreBitIdenticalToTheScalarFormula() throws {
        let (lr, b1, b2, eps) = (0.003, 0.9, 0.999, 1e-8)
        // Lengths around the lane width: lanes only, tail only, both.
        for n in [1, 7, 8, 9, 16, 37, 1000] {
            let opt = Optimizer(.adam(lr: lr, beta1: b1, beta2: b2, eps: eps))
            var params = [Tensor(unchecked: [n], scalars: randoms(n, -2, 2, seed: UInt64(n))),
                          Tensor(unchecked: [n, 1], scalars: randoms(n, -1, 1, seed: UInt64(n) + 99))]
            var theta = params.map(\.scalars)
            var m = params.map { [Double](repeating: 0, count: $0.count) }
            var v = m
            for t in 1...6 {
                let grads = params.indices.map { i in
                    // Widely spread magnitudes, exact zeros included.
                    randoms(n, -1, 1, seed: UInt64(1000 * t + 10 * i + n)).enumerated().map { j, x in
                        j % 5 == 0 ? 0 : x * Foundation.pow(10, Double(j % 7) - 3)
                    }
                }
                try opt.step(&params, zip(params, grads).map { Tensor(unchecked: $0.0.shape, scalars: $0.1) })
                // PyTorch's Adam, element by element.
                let correction1 = 1 - Foundation.pow(b1, Double(t))
                let correction2Root = (1 - Foundation.pow(b2, Double(t))).squareRoot()
                let stepSize = lr / correction1
                for i in theta.indices {
                    for j in 0..<n {
                        let g = grads[i][j]
                        m[i][j] += (g - m[i][j]) * (1 - b1)
                        v[i][j] = v[i][j] * b2 + (1 - b2) * g * g
                        let denom = v[i][j].squareRoot() / correction2Root + eps
                        theta[i][j] -= stepSize * (m[i][j] / denom)
                    }
                    let same = zip(params[i].scalars, theta[i]).allSatisfy { $0.bitPattern == $1.bitPattern }
                    XCTAssertTrue(same, "n=\(n) parameter \(i) step \(t)")
                }
            }
        }
    }
}
