import XCTest
import Foundation
@testable import ThetaTensor

/// The vectorised `softplus` kernel: accuracy against the extended-precision libm and the
/// glibc formula it replaced (`x + log1p(e^{−x})` for `x > 0`, else `log1p(eˣ)`), special
/// values, and bit-identity of the scalar and lane forms and of the tensor entry points.
final class VectorMathSoftplusTests: XCTestCase {
    /// The scalar formula the tensor softplus used before the kernel (glibc `exp`, `log1p`).
    static func glibcSoftplus(_ x: Double) -> Double {
        if x > 0 { return x + Foundation.log1p(Foundation.exp(-x)) }
        return Foundation.log1p(Foundation.exp(x))
    }

    static func extendedSoftplus(_ x: Float80) -> Float80 {
        if x > 0 { return x + Foundation.log1p(Foundation.exp(-x)) }
        return Foundation.log1p(Foundation.exp(x))
    }

    func points() -> [Double] {
        sweep(-745, 40, 200_000) + randomPoints(100_000, -10, 10, seed: 11)
            + sweep(-40, -30, 20_000) + logSweep(1e-300, 1, 20_000) + logSweep(1e-300, 1, 20_000).map { -$0 }
            + sweep(-1e-5, 1e-5, 10_001) + sweep(700, 800, 1_000) + sweep(-760, -700, 5_000)
    }

    func testWithinTwoUlpOfTheTrueValueAndOfTheScalarFormula() {
        let xs = points()
        var ys = [Double](repeating: 0, count: xs.count)
        xs.withUnsafeBufferPointer { src in
            ys.withUnsafeMutableBufferPointer { dst in
                if let s = src.baseAddress, let d = dst.baseAddress { VectorMath.softplus(s, into: d, count: xs.count) }
            }
        }
        var worst = 0.0, worstAt = Double.nan, steps: UInt64 = 0, stepsAt = Double.nan
        for (x, y) in zip(xs, ys) {
            let e = ulpError(y, Self.extendedSoftplus(Float80(x)))
            if e > worst { worst = e; worstAt = x }
            let s = ulpSteps(y, Self.glibcSoftplus(x))
            if s > steps { steps = s; stepsAt = x }
        }
        XCTAssertLessThanOrEqual(worst, 2.0, "worst at \(worstAt)")
        XCTAssertLessThanOrEqual(steps, 2, "worst at \(stepsAt)")
        print("softplus: \(worst) ulp (at \(worstAt)), \(steps) step(s) from the glibc formula (at \(stepsAt))")
    }

    func testSpecialValues() {
        XCTAssertEqual(VectorMath.softplus(Double.infinity), .infinity)
        XCTAssertEqual(VectorMath.softplus(-Double.infinity), 0)
        XCTAssertTrue(VectorMath.softplus(Double.nan).isNaN)
        XCTAssertEqual(VectorMath.softplus(0), Foundation.log(2.0), accuracy: 1e-16)
        XCTAssertEqual(VectorMath.softplus(-0.0), Foundation.log(2.0), accuracy: 1e-16)
        XCTAssertEqual(VectorMath.softplus(800), 800)
        XCTAssertEqual(VectorMath.softplus(-800), 0)
        // Far left tail: softplus(x) = eˣ to full relative precision, including subnormals.
        XCTAssertEqual(VectorMath.softplus(-740), Foundation.exp(-740))
        XCTAssertEqual(VectorMath.softplus(-100), Foundation.exp(-100.0), accuracy: 1e-16 * Foundation.exp(-100.0))
        let lanes = VectorMath.softplus(VectorMath.Lanes(.infinity, -.infinity, .nan, 0, 800, -800, -740, 1))
        XCTAssertEqual(lanes[0], .infinity)
        XCTAssertEqual(lanes[1], 0)
        XCTAssertTrue(lanes[2].isNaN)
        XCTAssertEqual(lanes[6], Foundation.exp(-740))
    }

    func testScalarLaneAndTensorFormsAgreeBitForBit() {
        let xs = randomPoints(4_003, -50, 50, seed: 12) + [.nan, .infinity, -.infinity, 0, -0.0, -720, -745.5]
        let t = Tensor(unchecked: [xs.count], scalars: xs)
        let y = t.apply(.softplus)
        for (x, v) in zip(xs, y.scalars) {
            let s = VectorMath.softplus(x)
            XCTAssertTrue(v.bitPattern == s.bitPattern || (v.isNaN && s.isNaN), "at \(x): \(v) vs \(s)")
            XCTAssertTrue(UnaryFunction.softplus.apply(x).bitPattern == s.bitPattern || s.isNaN)
        }
    }
}
