import XCTest
import Foundation
@testable import ThetaTensor

/// Accuracy of the vectorised kernels over dense sweeps and random points.
///
/// Two references, both independent of the code under test:
/// - the x87 extended-precision libm (`Float80`, 64-bit significand: 11 bits more than
///   Double), whose value is rounded to Double only in the error measure, so the error is the
///   distance to the true value in fractional Double ulps;
/// - glibc's Double functions through Foundation, compared in whole ulps (steps between
///   adjacent Doubles).
/// The buffers go through the public buffer entry points, so the lane forms are measured; a
/// separate test (`VectorMathBufferTests`) checks that the scalar forms agree bit for bit.
final class VectorMathAccuracyTests: XCTestCase {
    /// Runs `kernel` over `xs` and returns (worst error against the extended reference in
    /// ulps, worst whole-ulp distance to the Foundation value, the argument of the first).
    func measure(_ xs: [Double],
                 _ kernel: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void,
                 extended: (Float80) -> Float80, foundation: (Double) -> Double)
        -> (ulp: Double, steps: UInt64, worstAt: Double) {
        var ys = [Double](repeating: 0, count: xs.count)
        xs.withUnsafeBufferPointer { src in
            ys.withUnsafeMutableBufferPointer { dst in
                if let s = src.baseAddress, let d = dst.baseAddress { kernel(s, d, xs.count) }
            }
        }
        var worst = 0.0, worstAt = Double.nan, steps: UInt64 = 0
        for (x, y) in zip(xs, ys) {
            let e = ulpError(y, extended(Float80(x)))
            if e > worst { worst = e; worstAt = x }
            steps = Swift.max(steps, ulpSteps(y, foundation(x)))
        }
        return (worst, steps, worstAt)
    }

    func testExpWithinOneUlpOverTheWholeRange() {
        let xs = sweep(-745.13, 709.78, 200_000) + randomPoints(100_000, -30, 30, seed: 1)
            + sweep(-1, 1, 100_000) + sweep(-745.14, -700, 50_000)
        let m = measure(xs, { VectorMath.exp($0, into: $1, count: $2) },
                        extended: { Foundation.exp($0) }, foundation: { Foundation.exp($0) })
        XCTAssertLessThanOrEqual(m.ulp, 1.0, "worst at \(m.worstAt)")
        XCTAssertLessThanOrEqual(m.steps, 1)
        print("exp: \(m.ulp) ulp (at \(m.worstAt)), \(m.steps) step(s) from glibc")
    }

    func testExpm1WithinTwoUlp() {
        let xs = sweep(-45, 709.78, 100_000) + randomPoints(100_000, -2, 2, seed: 2)
            + sweep(-1e-3, 1e-3, 50_000) + logSweep(1e-300, 1, 20_000).flatMap { [$0, -$0] }
        let m = measure(xs, { VectorMath.expm1($0, into: $1, count: $2) },
                        extended: { Foundation.expm1($0) }, foundation: { Foundation.expm1($0) })
        XCTAssertLessThanOrEqual(m.ulp, 2.0, "worst at \(m.worstAt)")
        XCTAssertLessThanOrEqual(m.steps, 2)
        print("expm1: \(m.ulp) ulp (at \(m.worstAt)), \(m.steps) step(s) from glibc")
    }

    func testLogWithinOneUlp() {
        let xs = logSweep(0x1p-1074, 1e308, 200_000) + sweep(0.5, 2, 100_000)
            + randomPoints(100_000, 0, 100, seed: 3) + sweep(0.999, 1.001, 50_000)
        let m = measure(xs, { VectorMath.log($0, into: $1, count: $2) },
                        extended: { Foundation.log($0) }, foundation: { Foundation.log($0) })
        XCTAssertLessThanOrEqual(m.ulp, 1.0, "worst at \(m.worstAt)")
        XCTAssertLessThanOrEqual(m.steps, 1)
        print("log: \(m.ulp) ulp (at \(m.worstAt)), \(m.steps) step(s) from glibc")
    }

    func testTanhWithinTwoUlpIncludingNearZero() {
        let positive = sweep(0, 20, 200_000) + logSweep(1e-300, 1, 50_000) + randomPoints(100_000, 0, 5, seed: 4)
        let xs = positive + positive.map { -$0 }
        let m = measure(xs, { VectorMath.tanh($0, into: $1, count: $2) },
                        extended: { Foundation.tanh($0) }, foundation: { Foundation.tanh($0) })
        XCTAssertLessThanOrEqual(m.ulp, 2.0, "worst at \(m.worstAt)")
        XCTAssertLessThanOrEqual(m.steps, 3, "glibc's tanh is itself up to about 1.5 ulp off")
        print("tanh: \(m.ulp) ulp (at \(m.worstAt)), \(m.steps) step(s) from glibc")
    }

    /// `N / (1 + e)` rounds three times (`e`, the sum, the quotient): 2.5 ulp at worst.
    func testSigmoidWithinTwoAndAHalfUlp() {
        let xs = sweep(-745, 40, 200_000) + randomPoints(100_000, -10, 10, seed: 5) + logSweep(1e-300, 1, 20_000)
        let m = measure(xs, { VectorMath.sigmoid($0, into: $1, count: $2) },
                        extended: { 1 / (1 + Foundation.exp(-$0)) },
                        foundation: { $0 >= 0 ? 1 / (1 + Foundation.exp(-$0)) : Foundation.exp($0) / (1 + Foundation.exp($0)) })
        XCTAssertLessThanOrEqual(m.ulp, 2.5, "worst at \(m.worstAt)")
        XCTAssertLessThanOrEqual(m.steps, 3)
        print("sigmoid: \(m.ulp) ulp (at \(m.worstAt)), \(m.steps) step(s) from glibc formula")
    }

    /// The sum kernel behind logsumexp and softmax: Σ e^{x_i − m} against an extended sum.
    func testSumExpMatchesExtendedSum() {
        let xs = randomPoints(10_003, -20, 5, seed: 6)
        let shift = xs.max() ?? 0
        var out = [Double](repeating: 0, count: xs.count)
        let total = xs.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                src.baseAddress.map { VectorMath.sumExp($0, shift: shift, count: xs.count, into: dst.baseAddress) } ?? .nan
            }
        }
        var reference: Float80 = 0
        for x in xs { reference += Foundation.exp(Float80(x) - Float80(shift)) }
        XCTAssertEqual(total, Double(reference), accuracy: 1e-14 * Double(reference))
        for (x, y) in zip(xs, out) { XCTAssertEqual(y, VectorMath.exp(x - shift)) }
        let bare = xs.withUnsafeBufferPointer { src in
            src.baseAddress.map { VectorMath.sumExp($0, shift: shift, count: xs.count) } ?? .nan
        }
        XCTAssertEqual(bare, total, "with or without the output buffer, the same sum")
    }
}

// MARK: - Measures and point sets

/// `|y − ref|` in units of the spacing of Doubles at `ref` (the subnormal spacing below the
/// normal range). `0` when both are the same infinity or both NaN; `+inf` for a NaN mismatch.
func ulpError(_ y: Double, _ ref: Float80) -> Double {
    if ref.isNaN || y.isNaN { return ref.isNaN && y.isNaN ? 0 : .infinity }
    let r = Double(ref)
    if r.isInfinite || y.isInfinite {
        // A reference beyond DBL_MAX rounds to inf; only an infinite y matches it.
        return y == r ? 0 : .infinity
    }
    let spacing = Float80(Swift.max(r.magnitude.ulp, Double.leastNonzeroMagnitude))
    // Just below a power of two the spacing halves: measure in the finer of the two.
    let below = Float80(r.magnitude.nextDown.ulp)
    return Double((Float80(y) - ref).magnitude / Swift.min(spacing, Swift.max(below, Float80(Double.leastNonzeroMagnitude))))
}

/// Number of representable Doubles between `a` and `b` (0 when equal, both NaN, or ±0).
func ulpSteps(_ a: Double, _ b: Double) -> UInt64 {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
    if a == b { return 0 }
    func key(_ x: Double) -> Int64 {
        let bits = Int64(bitPattern: x.bitPattern)
        return bits < 0 ? Int64.min &- bits : bits   // monotone integer order of Doubles
    }
    let d = key(a).subtractingReportingOverflow(key(b))
    return d.overflow ? .max : d.partialValue.magnitude
}

/// `n` evenly spaced points from `a` to `b`.
func sweep(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
    (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
}

/// `n` points from `a` to `b > a > 0`, evenly spaced in the logarithm.
func logSweep(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
    let la = Foundation.log(a), lb = Foundation.log(b)
    return (0..<n).map { Foundation.exp(la + (lb - la) * Double($0) / Double(n - 1)) }
}

/// `n` uniform points in `[a, b)` from the project's seeded generator.
func randomPoints(_ n: Int, _ a: Double, _ b: Double, seed: UInt64) -> [Double] {
    var g = RandomGenerator(seed: seed)
    return (0..<n).map { _ in a + (b - a) * g.uniform() }
}
