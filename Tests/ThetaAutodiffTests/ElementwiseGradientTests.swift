import XCTest
import ThetaAutodiff
import ThetaTensor

/// Central-difference checks of every elementwise primitive, including broadcast operands.
final class ElementwiseGradientTests: XCTestCase {
    /// Operand shape pairs that exercise `unbroadcast`: equal, [3,1]×[1,4], trailing, rank-0.
    let shapePairs: [([Int], [Int])] = [([2, 3], [2, 3]), ([3, 1], [1, 4]), ([2, 3], [3]), ([], [2, 3]), ([4, 1, 2], [3, 1])]

    func testAddSubMulBroadcast() {
        for (sa, sb) in shapePairs {
            let a = sample(sa, phase: 0.1), b = sample(sb, phase: 0.7)
            assertGradients([a, b]) { _, v throws(AutodiffError) in try v[0] + v[1] }
            assertGradients([a, b]) { _, v throws(AutodiffError) in try v[0] - v[1] }
            assertGradients([a, b]) { _, v throws(AutodiffError) in try v[0] * v[1] }
            assertGradients([b, a]) { _, v throws(AutodiffError) in try v[0] * v[1] }
        }
    }

    func testDivBroadcast() {
        for (sa, sb) in shapePairs {
            let a = sample(sa, phase: 0.2), b = sample(sb, phase: 0.4, scale: 0.5, offset: 1.5)
            assertGradients([a, b]) { _, v throws(AutodiffError) in try v[0] / v[1] }
            assertGradients([b, a]) { _, v throws(AutodiffError) in try v[1] / v[0] }
        }
    }

    func testPowTensorExponentBroadcast() {
        for (sa, sb) in shapePairs {
            let base = sample(sa, phase: 0.3, scale: 0.5, offset: 1.2)
            let exponent = sample(sb, phase: 1.1, scale: 1.5)
            assertGradients([base, exponent]) { _, v throws(AutodiffError) in try v[0].pow(v[1]) }
        }
    }

    func testPowConstant() {
        let x = sample([2, 3], phase: 0.5, scale: 0.5, offset: 1.1)
        for p in [2.0, 3.0, 0.5, -1.5, 0.0] {
            assertGradients([x]) { _, v throws(AutodiffError) in try v[0].pow(p) }
        }
        // Integral exponents on negative bases.
        assertGradients([sample([5], phase: 0.2)]) { _, v throws(AutodiffError) in try v[0].pow(3) }
    }

    func testDoubleOperandsFoldIntoAffineOrConstants() {
        let x = sample([2, 3], phase: 0.9, scale: 0.5, offset: 2)
        assertGradients([x]) { _, v throws(AutodiffError) in try 0.3 * v[0] + 2 }
        assertGradients([x]) { _, v throws(AutodiffError) in try 1.5 - v[0] * 4 }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0] - 0.25 }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0] / 3 }
        assertGradients([x]) { _, v throws(AutodiffError) in try 3 / v[0] }
        assertGradients([x]) { _, v throws(AutodiffError) in try -v[0] }
    }

    func testUnaryFunctions() {
        let x = sample([3, 4], phase: 0.2, scale: 1.5)
        let positive = sample([3, 4], phase: 0.6, scale: 0.8, offset: 1.2)
        let cases: [(String, Tensor, (Variable) throws(AutodiffError) -> Variable)] = [
            ("neg", x, { v throws(AutodiffError) in try v.negated() }),
            ("exp", x, { v throws(AutodiffError) in try v.exp() }),
            ("log", positive, { v throws(AutodiffError) in try v.log() }),
            ("sqrt", positive, { v throws(AutodiffError) in try v.sqrt() }),
            ("abs", x, { v throws(AutodiffError) in try v.abs() }),
            ("tanh", x, { v throws(AutodiffError) in try v.tanh() }),
            ("sigmoid", x, { v throws(AutodiffError) in try v.sigmoid() }),
            ("softplus", x, { v throws(AutodiffError) in try v.softplus() }),
            ("relu", x, { v throws(AutodiffError) in try v.relu() }),
            ("log1p", positive, { v throws(AutodiffError) in try v.log1p() }),
            ("expm1", x, { v throws(AutodiffError) in try v.expm1() }),
            ("sin", x, { v throws(AutodiffError) in try v.sin() }),
            ("cos", x, { v throws(AutodiffError) in try v.cos() }),
            ("square", x, { v throws(AutodiffError) in try v.square() }),
        ]
        for (name, input, f) in cases {
            do {
                let report = try GradientCheck.check([input]) { _, v throws(AutodiffError) in try f(v[0]) }
                XCTAssertTrue(report.passed, "\(name): \(report)")
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
    }

    func testSigmoidAndSoftplusOnTheTails() {
        let x = makeT([4], [-30, -8, 8, 30])
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].sigmoid() }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].softplus() }
    }

    func testSqrtAndAbsNearZero() {
        // Close to the singular point of sqrt and the kink of abs, but not at them; the step
        // stays well inside the distance to 0.
        assertGradients([makeT([3], [1e-3, 2e-3, 1e-2])], step: 1e-8, rtol: 1e-5) { _, v throws(AutodiffError) in
            try v[0].sqrt()
        }
        assertGradients([makeT([4], [1e-4, -1e-4, 3e-5, -0.3])], step: 1e-6) { _, v throws(AutodiffError) in
            try v[0].abs()
        }
    }

    func testMinimumMaximumBroadcast() {
        for (sa, sb) in shapePairs {
            let a = sample(sa, phase: 0.1), b = sample(sb, phase: 2.0)
            assertGradients([a, b]) { _, v throws(AutodiffError) in try Variable.minimum(v[0], v[1]) }
            assertGradients([a, b]) { _, v throws(AutodiffError) in try Variable.maximum(v[0], v[1]) }
        }
    }

    func testMinimumMaximumSplitTiesEvenly() throws {
        let tape = Tape()
        let a = tape.leaf(makeT([3], [1, 2, 3])), b = tape.leaf(makeT([3], [1, 5, 0]))
        let g = try tape.gradient(of: Variable.maximum(a, b).sum(), wrt: [a, b])
        assertClose(g[0], makeT([3], [0.5, 0, 1]))
        assertClose(g[1], makeT([3], [0.5, 1, 0]))
        let h = try tape.gradient(of: Variable.minimum(a, b).sum(), wrt: [a, b])
        assertClose(h[0], makeT([3], [0.5, 1, 0]))
        assertClose(h[1], makeT([3], [0.5, 0, 1]))
    }

    func testClamp() {
        // Points away from the bounds -0.5 and 0.6.
        let x = makeT([6], [-1.2, -0.7, -0.1, 0.3, 0.55, 2])
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].clamp(min: -0.5, max: 0.6) }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].clamp(min: 0) }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].clamp(max: 0.4) }
    }

    func testWhereBroadcast() {
        let c = makeT([3, 1], [1, 0, 1])
        let a = sample([3, 4], phase: 0.3), b = sample([4], phase: 1.3)
        assertGradients([a, b]) { _, v throws(AutodiffError) in try Variable.select(where: c, v[0], v[1]) }
        // The condition broadcast up to a larger shape than either branch.
        let wide = makeT([2, 1, 3], [1, 0, 0, 0, 1, 1])
        assertGradients([sample([3], phase: 0.1), sample([2, 1], phase: 0.5)]) { _, v throws(AutodiffError) in
            try Variable.select(where: wide, v[0], v[1])
        }
    }

    func testWhereSendsGradientByCondition() throws {
        let tape = Tape()
        let a = tape.leaf(makeT([3], [1, 2, 3])), b = tape.leaf(makeT([3], [4, 5, 6]))
        let y = try Variable.select(where: makeT([3], [1, 0, 2]), a, b)
        assertClose(y.value, makeT([3], [1, 5, 3]))
        let g = try tape.gradient(of: y.sum(), wrt: [a, b])
        assertClose(g[0], makeT([3], [1, 0, 1]))
        assertClose(g[1], makeT([3], [0, 1, 0]))
    }

    func testTinyOpsStepAgainstHandDerivative() throws {
        // z' = z + 0.01·tanh(zw + b): ∂z'/∂z = 1 + 0.01·(1 − t²)·w, ∂z'/∂w = 0.01·(1 − t²)·z.
        let tape = Tape()
        let z = tape.leaf(makeT([2], [0.5, -1])), w = tape.leaf(makeT([2], [0.9, 2])), b = tape.leaf(makeT([2], [0.1, 0.3]))
        let y = try z + 0.01 * (z * w + b).tanh()
        let g = try tape.gradient(of: y.sum(), wrt: [z, w, b])
        for k in 0..<2 {
            let t = tanh(z.value.scalars[k] * w.value.scalars[k] + b.value.scalars[k])
            let d = 0.01 * (1 - t * t)
            XCTAssertEqual(g[0].scalars[k], 1 + d * w.value.scalars[k], accuracy: 1e-15)
            XCTAssertEqual(g[1].scalars[k], d * z.value.scalars[k], accuracy: 1e-15)
            XCTAssertEqual(g[2].scalars[k], d, accuracy: 1e-15)
        }
    }
}
