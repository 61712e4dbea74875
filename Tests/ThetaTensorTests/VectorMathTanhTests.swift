import XCTest
import Foundation
@testable import ThetaTensor

/// The `tanh` table (`VectorMath+TanhTable.swift`) and the kernel where its reduction is
/// most delicate, against the x87 extended-precision `tanh` (64-bit significand). The broad
/// sweep is `VectorMathAccuracyTests.testTanhWithinTwoUlpIncludingNearZero`.
final class VectorMathTanhTests: XCTestCase {
    /// `T_j = tanh(j/64)` correctly rounded: within half an ulp of the extended value (plus
    /// the reference's own error, a few units of 2^-64 relative); `T_0 = 0` and the entries
    /// from `j = 1220` (`1 − tanh(19.0625) < 2^-54`) exactly 1.
    func testTanhTableMatchesExtendedTanh() throws {
        #if arch(x86_64) && !os(Windows)
        let count = 1 << VectorMath.tanhTableBits
        for j in 0..<count {
            let ref = Foundation.tanh(Float80(j) / 64)
            let t = VectorMath.tanhTable[j]
            XCTAssertLessThanOrEqual(Swift.abs(Float80(t) - ref), Float80(t.ulp) * 0.501 + 0x1p-63 * ref,
                                     "T j = \(j)")
        }
        XCTAssertEqual(VectorMath.tanhTable[0], 0)
        XCTAssertLessThan(VectorMath.tanhTable[1219], 1)
        for j in 1220..<count { XCTAssertEqual(VectorMath.tanhTable[j], 1, "j = \(j)") }
        #else
        throw XCTSkip("needs Float80")
        #endif
    }

    /// Platform-independent: the table is non-decreasing from `T_0 = 0`, and `T_1` is
    /// `tanh(1/64)` to within two ulps of its series `h − h³/3 + 2h⁵/15 − 17h⁷/315` (`h = 1/64`,
    /// next term below 2^-53 relative), summed in Double.
    func testTanhTableIsMonotoneAndStartsOnTheSeries() {
        for j in 1..<(1 << VectorMath.tanhTableBits) {
            XCTAssertGreaterThanOrEqual(VectorMath.tanhTable[j], VectorMath.tanhTable[j - 1], "j = \(j)")
        }
        let h = 1.0 / 64
        let series = h - h * h * h / 3 + 2 * Foundation.pow(h, 5) / 15 - 17 * Foundation.pow(h, 7) / 315
        XCTAssertEqual(VectorMath.tanhTable[0], 0)
        XCTAssertEqual(VectorMath.tanhTable[1], series, accuracy: 2 * VectorMath.tanhTable[1].ulp)
    }

    /// Within 2 ulp next to every step of the reduction (`|x| = j/64`, where `j` changes and
    /// `r` jumps from 1/64 to 0), across the binade boundaries of the result below 1/4, on a
    /// dense sweep of the first steps, and up to the clamp at 19.1; both signs.
    func testTanhWithinTwoUlpAtTheReductionSteps() throws {
        #if arch(x86_64) && !os(Windows)
        var positive = [Double]()
        for j in 1...1224 {
            let b = Double(j) / 64
            var x = b, y = b
            for _ in 0..<4 { x = x.nextDown; y = y.nextUp; positive += [x, y] }
            positive += [b, b - 1e-9, b + 1e-9, b - 1e-5, b + 1e-5, b - 0x1p-7, b + 0x1p-7]
        }
        for k in 3...9 {   // results near 2^-k: tanh(x) = 2^-k for x just above 2^-k
            let p = Foundation.atanh(Foundation.pow(2, -Double(k)))
            positive += sweep(p * (1 - 1e-6), p * (1 + 1e-6), 2_000)
        }
        positive += sweep(0, 0.1, 200_000) + sweep(19, 19.2, 20_000)
        let xs = positive + positive.map { -$0 }
        var ys = [Double](repeating: 0, count: xs.count)
        xs.withUnsafeBufferPointer { src in
            ys.withUnsafeMutableBufferPointer { dst in
                if let s = src.baseAddress, let d = dst.baseAddress { VectorMath.tanh(s, into: d, count: xs.count) }
            }
        }
        var worst = 0.0, worstAt = Double.nan
        for (x, y) in zip(xs, ys) {
            let e = ulpError(y, Foundation.tanh(Float80(x)))
            if e > worst { worst = e; worstAt = x }
        }
        XCTAssertLessThanOrEqual(worst, 2.0, "worst at \(worstAt)")
        print("tanh at the reduction steps: \(worst) ulp (at \(worstAt))")
        #else
        throw XCTSkip("needs Float80")
        #endif
    }
}
