import XCTest
import ThetaAutodiff
import ThetaTensor

/// Central-difference checks of reductions, softmax and log-softmax over all axes and each
/// axis, with and without kept dimensions.
final class ReductionGradientTests: XCTestCase {
    let x = sample([2, 3, 4], phase: 0.4, scale: 2)

    func testSumAndMean() {
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].sum() }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].mean() }
        for axis in [0, 1, 2, -1] {
            for keep in [false, true] {
                assertGradients([x]) { _, v throws(AutodiffError) in try v[0].sum(axis: axis, keepDims: keep) }
                assertGradients([x]) { _, v throws(AutodiffError) in try v[0].mean(axis: axis, keepDims: keep) }
            }
        }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].sum(axis: nil, keepDims: true) }
        assertGradients([Tensor(2.5)]) { _, v throws(AutodiffError) in try v[0].sum() }
    }

    func testMeanGradientIsOneOverCount() throws {
        let tape = Tape()
        let v = tape.leaf(x)
        let g = try tape.gradient(of: v.mean(axis: 1).sum(), wrt: [v])
        XCTAssertTrue(g[0].scalars.allSatisfy { Swift.abs($0 - 1.0 / 3) < 1e-15 })
    }

    func testMax() {
        // Entries are distinct, so the maximum is unique and the function is smooth nearby.
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].max(axis: nil) }
        for axis in [0, 1, -1] {
            for keep in [false, true] {
                assertGradients([x]) { _, v throws(AutodiffError) in try v[0].max(axis: axis, keepDims: keep) }
            }
        }
    }

    func testMaxSharesTiesEvenly() throws {
        let tape = Tape()
        let v = tape.leaf(makeT([2, 3], [1, 4, 4, 2, 0, 1]))
        let g = try tape.gradient(of: v.max(axis: 1).sum(), wrt: [v])
        assertClose(g[0], makeT([2, 3], [0, 0.5, 0.5, 1, 0, 0]))
    }

    func testLogSumExp() {
        for axis in [0, 1, 2, -2] {
            for keep in [false, true] {
                assertGradients([x]) { _, v throws(AutodiffError) in try v[0].logSumExp(axis: axis, keepDims: keep) }
            }
        }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].logSumExp(axis: nil) }
    }

    func testLogSumExpWithAHugeEntry() throws {
        // A naive Σe^x overflows at 1000; the shifted form and its gradient e^{x − y} do not.
        // The loss is ≈ 1000, so rounding limits the difference quotient to about 1e-8 here.
        let t = makeT([2, 3], [1000, 1, 2, 0.5, -1, 3])
        assertGradients([t], step: 1e-5, rtol: 1e-6, atol: 1e-7) { _, v throws(AutodiffError) in
            try v[0].logSumExp(axis: 1)
        }
        assertGradients([t], step: 1e-5, rtol: 1e-6, atol: 1e-7) { _, v throws(AutodiffError) in
            try v[0].logSumExp(axis: nil)
        }
        let tape = Tape()
        let v = tape.leaf(t)
        let y = try v.logSumExp(axis: 1)
        XCTAssertEqual(y.value.scalars[0], 1000, accuracy: 1e-12)
        let g = try tape.gradient(of: y.sum(), wrt: [v])
        XCTAssertEqual(g[0].scalars[0], 1, accuracy: 1e-15)
        XCTAssertTrue(g[0].scalars.allSatisfy(\.isFinite))
    }

    func testSoftmaxAndLogSoftmax() {
        for axis in [0, 1, 2, -1] {
            assertGradients([x]) { _, v throws(AutodiffError) in try v[0].softmax(axis: axis) }
            assertGradients([x]) { _, v throws(AutodiffError) in try v[0].logSoftmax(axis: axis) }
        }
        let wide = makeT([2, 3], [50, -20, 3, 0.1, 0.2, 0.3])
        assertGradients([wide]) { _, v throws(AutodiffError) in try v[0].softmax() }
        assertGradients([wide]) { _, v throws(AutodiffError) in try v[0].logSoftmax() }
    }

    func testSoftmaxOfOneElementHasZeroGradient() throws {
        let tape = Tape()
        let v = tape.leaf(Tensor(3))
        let g = try tape.gradient(of: v.softmax(), wrt: [v])
        XCTAssertEqual(g[0].scalars, [0])
        let h = try tape.gradient(of: v.logSoftmax(), wrt: [v])
        XCTAssertEqual(h[0].scalars, [0])
    }

    func testSoftmaxGradientClosedForm() throws {
        // ∂/∂x_j Σ_i r_i softmax(x)_i = s_j (r_j − Σ_i r_i s_i).
        let tape = Tape()
        let t = makeT([3], [0.2, -1, 0.7])
        let v = tape.leaf(t)
        let r = makeT([3], [1, 2, -1])
        let y = try v.softmax()
        let g = try tape.gradient(of: y, wrt: [v], seed: r)
        let e = t.scalars.map { exp($0) }
        let s = e.map { $0 / e.reduce(0, +) }
        let mean = zip(r.scalars, s).map(*).reduce(0, +)
        for j in 0..<3 { XCTAssertEqual(g[0].scalars[j], s[j] * (r.scalars[j] - mean), accuracy: 1e-15) }
    }
}
