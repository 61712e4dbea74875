import XCTest
import ThetaAutodiff
import ThetaTensor

/// Asserts that the recorded backward pass of `f` equals the plain one and that differentiating
/// it again agrees with central differences of the plain gradient (`checkSecondOrder`).
func assertSecondOrder(_ inputs: [Tensor], step: Double = 1e-5, rtol: Double = 1e-5, atol: Double = 1e-7,
                       label: String = "", file: StaticString = #filePath, line: UInt = #line,
                       _ f: (Tape, [Variable]) throws(AutodiffError) -> Variable) {
    do {
        let (report, first) = try GradientCheck.checkSecondOrder(inputs, step: step, rtol: rtol, atol: atol, f)
        XCTAssertTrue(report.passed, "\(label) second order: \(report.description)", file: file, line: line)
        XCTAssertLessThanOrEqual(first, 1e-12, "\(label): recorded and plain first derivatives differ", file: file, line: line)
    } catch {
        XCTFail("\(label): second-order check threw: \(error)", file: file, line: line)
    }
}

/// Second derivatives through the recorded backward pass, for every primitive that has one.
final class SecondOrderGradientTests: XCTestCase {
    let shapePairs: [([Int], [Int])] = [([2, 3], [2, 3]), ([3, 1], [1, 4]), ([2, 3], [3]), ([], [2, 3])]

    func testBinaryElementwiseWithBroadcasting() {
        for (sa, sb) in shapePairs {
            let a = sample(sa, phase: 0.1), b = sample(sb, phase: 0.7, scale: 0.5, offset: 1.5)
            assertSecondOrder([a, b]) { _, v throws(AutodiffError) in try (v[0] + v[1]).square() }
            assertSecondOrder([a, b]) { _, v throws(AutodiffError) in try (v[0] - v[1]).exp() }
            assertSecondOrder([a, b]) { _, v throws(AutodiffError) in try v[0] * v[1] * v[0] }
            assertSecondOrder([a, b]) { _, v throws(AutodiffError) in try v[0] / v[1] }
            assertSecondOrder([b, a]) { _, v throws(AutodiffError) in try v[0].pow(v[1]) }
            assertSecondOrder([a, b]) { _, v throws(AutodiffError) in try Variable.minimum(v[0], v[1]) * v[0] }
            assertSecondOrder([a, b]) { _, v throws(AutodiffError) in try Variable.maximum(v[0], v[1]) * v[1] }
        }
    }

    func testUnaryFunctions() {
        let x = sample([3, 4], phase: 0.2, scale: 1.5)
        let positive = sample([3, 4], phase: 0.6, scale: 0.8, offset: 1.2)
        let cases: [(String, Tensor, (Variable) throws(AutodiffError) -> Variable)] = [
            ("neg", x, { v throws(AutodiffError) in try v.negated() * v }),
            ("affine", x, { v throws(AutodiffError) in try (v * 3 + 1).square() }),
            ("exp", x, { v throws(AutodiffError) in try v.exp() }),
            ("log", positive, { v throws(AutodiffError) in try v.log() }),
            ("sqrt", positive, { v throws(AutodiffError) in try v.sqrt() }),
            ("abs", x, { v throws(AutodiffError) in try v.abs() * v }),
            ("tanh", x, { v throws(AutodiffError) in try v.tanh() }),
            ("sigmoid", x, { v throws(AutodiffError) in try v.sigmoid() }),
            ("softplus", x, { v throws(AutodiffError) in try v.softplus() }),
            ("relu", x, { v throws(AutodiffError) in try v.relu() * v }),
            ("log1p", positive, { v throws(AutodiffError) in try v.log1p() }),
            ("expm1", x, { v throws(AutodiffError) in try v.expm1() }),
            ("sin", x, { v throws(AutodiffError) in try v.sin() }),
            ("cos", x, { v throws(AutodiffError) in try v.cos() }),
            ("square", x, { v throws(AutodiffError) in try v.square() * v }),
            ("pow 3", x, { v throws(AutodiffError) in try v.pow(3) }),
            ("pow -1.5", positive, { v throws(AutodiffError) in try v.pow(-1.5) }),
            ("clamp", x, { v throws(AutodiffError) in try v.clamp(min: -0.5, max: 0.7) * v }),
            ("lgamma", positive, { v throws(AutodiffError) in try v.lgamma() }),
            ("erf", x, { v throws(AutodiffError) in try v.erf() }),
            ("erfc", x, { v throws(AutodiffError) in try v.erfc() }),
            ("log_sigmoid", x, { v throws(AutodiffError) in try v.logSigmoid() }),
            ("atan", x, { v throws(AutodiffError) in try v.atan() }),
        ]
        for (name, input, f) in cases {
            assertSecondOrder([input], label: name) { _, v throws(AutodiffError) in try f(v[0]) }
        }
        let a = sample([2, 3], phase: 0.3, scale: 0.5, offset: 2), b = sample([3], phase: 0.9, scale: 0.5, offset: 1.5)
        assertSecondOrder([a, b]) { _, v throws(AutodiffError) in try Variable.lbeta(v[0], v[1]) }
    }

    func testReductions() {
        let x = sample([3, 4], phase: 0.4, scale: 1.2)
        for axis in [nil, 0, 1] as [Int?] {
            assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].square().sum(axis: axis).exp() }
            assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].tanh().mean(axis: axis, keepDims: true).square() }
            assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].logSumExp(axis: axis) }
            assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].max(axis: axis).square() }
        }
        for axis in [0, 1, -1] {
            assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].softmax(axis: axis) }
            assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].logSoftmax(axis: axis) }
        }
        // logsumexp with one large entry: the shifted form keeps every derivative finite.
        var big = sample([4], phase: 0.1)
        big.scalars[2] = 1000
        assertSecondOrder([big]) { _, v throws(AutodiffError) in try v[0].logSumExp(axis: nil) }
    }

    func testMatrixProductsAndShapes() {
        let shapes: [([Int], [Int])] = [([3, 4], [4, 2]), ([4], [4, 2]), ([3, 4], [4]), ([4], [4]), ([2, 3, 4], [4, 2]), ([2, 3, 4], [2, 4, 5])]
        for (sa, sb) in shapes {
            let a = sample(sa, phase: 0.2), b = sample(sb, phase: 1.1)
            assertSecondOrder([a, b]) { _, v throws(AutodiffError) in try Variable.matmul(v[0], v[1]).tanh() }
        }
        // The fused dense map x @ W + b, with the bias a row or a full matrix.
        for biasShape in [[2], [1, 2], [3, 2]] {
            let inputs = [sample([3, 4], phase: 0.2), sample([4, 2], phase: 1.1), sample(biasShape, phase: 2.3)]
            assertSecondOrder(inputs, label: "matmul_add \(biasShape)") { _, v throws(AutodiffError) in
                try Variable.matmulAdd(v[0], v[1], v[2]).tanh()
            }
        }
        let x = sample([2, 3], phase: 0.5)
        assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].transposed().square().reshaped([3, 2]).sigmoid() }
        assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].reshaped([6]).exp() }
        assertSecondOrder([sample([3, 1], phase: 0.2)]) { _, v throws(AutodiffError) in try v[0].broadcast(to: [2, 3, 4]).tanh() }
        let y = sample([2, 2], phase: 1.4)
        assertSecondOrder([x, y]) { _, v throws(AutodiffError) in try Variable.concat([v[0], v[1], v[0]], axis: 1).square() }
        assertSecondOrder([x, x]) { _, v throws(AutodiffError) in try Variable.stack([v[0], v[1].square()], axis: 1).exp() }
        assertSecondOrder([x]) { _, v throws(AutodiffError) in
            try v[0].index([.all, .range(start: 0, stop: 3, step: 2)]).square() * v[0].index([.at(1), .newAxis]).sum()
        }
        let indices = makeT([4], [2, 0, 2, 1])
        assertSecondOrder([x]) { _, v throws(AutodiffError) in try v[0].gather(indices, axis: 1).square() }
        let condition = makeT([2, 3], [1, 0, 1, 0, 0, 1])
        assertSecondOrder([x, sample([3], phase: 1.4)]) { _, v throws(AutodiffError) in
            try Variable.select(where: condition, v[0].square(), v[1].exp())
        }
    }

    /// The adjoints of indexing are differentiable, and each one's gradient is the other.
    func testIndexingAdjoints() {
        let g = sample([2, 2], phase: 0.8)
        assertSecondOrder([g]) { _, v throws(AutodiffError) in
            try v[0].embedded(in: [2, 4], at: [.all, .range(start: 1, stop: 4, step: 2)]).square()
        }
        let indices = makeT([3], [1, 1, 0])
        assertSecondOrder([sample([2, 3], phase: 0.3)]) { _, v throws(AutodiffError) in
            try v[0].scatterAdded(indices: indices, axis: 1, shape: [2, 2]).square()
        }
    }

    /// A Hessian of known closed form: for f(x) = Σ x_i³ + x_0·x_1 the gradient of v·∇f is
    /// 6 x ⊙ v plus the coupling (v_1, v_0, 0).
    func testHessianVectorProductClosedForm() throws {
        let tape = Tape()
        let x = tape.leaf(makeT([3], [0.5, -1.25, 2]))
        let f = try (x.pow(3).sum() + x.index([.at(0)]) * x.index([.at(1)]))
        let grad = try tape.differentiableGradient(of: f, wrt: [x])[0]
        // ∇f = 3x² + (x_1, x_0, 0)
        assertClose(grad.value, makeT([3], [3 * 0.25 - 1.25, 3 * 1.5625 + 0.5, 12]))
        let v = makeT([3], [1, 2, -1])
        let hv = try tape.gradient(of: (grad * tape.constant(v)).sum(), wrt: [x])[0]
        assertClose(hv, makeT([3], [6 * 0.5 * 1 + 2, 6 * -1.25 * 2 + 1, 6 * 2 * -1]))
    }

    /// The gradient penalty of WGAN-GP, (‖∇ₓD(x)‖² − 1)² averaged over rows, differentiated in
    /// the critic's weights: the use that motivated recorded backward passes.
    func testGradientPenaltyOfAnMLPInItsWeights() {
        let x = sample([5, 2], phase: 0.3, scale: 1.2)
        let w1 = sample([2, 4], phase: 0.6, scale: 0.7), b1 = sample([4], phase: 1.9, scale: 0.2)
        let w2 = sample([4, 1], phase: 2.4, scale: 0.9)
        assertSecondOrder([w1, b1, w2], rtol: 1e-5, atol: 1e-6) { tape, p throws(AutodiffError) in
            let input = tape.leaf(x)
            let d = try Variable.matmul(Variable.matmul(input, p[0]).tanh() + p[1], p[2]).softplus()
            let g = try tape.differentiableGradient(of: d.sum(), wrt: [input])[0]
            return try (g.square().sum(axis: 1) - 1.0).square().mean()
        }
    }

    /// Third derivatives: a recorded gradient recorded again. d³/dx³ sin x = −cos x.
    func testThirdDerivative() throws {
        let tape = Tape()
        let points = makeT([4], [-1.2, 0.1, 0.7, 2.5])
        let x = tape.leaf(points)
        let d1 = try tape.differentiableGradient(of: x.sin().sum(), wrt: [x])[0]
        let d2 = try tape.differentiableGradient(of: d1.sum(), wrt: [x])[0]
        let d3 = try tape.gradient(of: d2.sum(), wrt: [x])[0]
        assertClose(d1.value, points.map { Foundation.cos($0) }, rtol: 1e-15, atol: 1e-15)
        assertClose(d2.value, points.map { -Foundation.sin($0) }, rtol: 1e-15, atol: 1e-15)
        assertClose(d3, points.map { -Foundation.cos($0) }, rtol: 1e-15, atol: 1e-15)
    }

    func testPrimitivesWithoutASecondDerivativeSayWhich() {
        let tape = Tape()
        let x = tape.leaf(makeT([2], [1.5, 2.5]))
        tape.currentOrigin = 7
        guard let y = try? x.digamma().sum() else { return XCTFail("forward failed") }
        tape.currentOrigin = 0
        let error = expectError { () throws(AutodiffError) in try tape.differentiableGradient(of: y, wrt: [x]) }
        XCTAssertEqual(error?.kind, .notTwiceDifferentiable)
        XCTAssertEqual(error?.operation, "digamma")
        XCTAssertEqual(error?.origin, 7)
    }

    /// Only what leads to the differentiated variables gets a gradient: the recorded pass does
    /// not form the gradients of other leaves.
    func testRecordsOnlyTheNeededGradients() throws {
        let tape = Tape()
        let w = tape.leaf(sample([3, 3], phase: 0.2))
        let x = tape.leaf(sample([2, 3], phase: 0.9))
        let y = try Variable.matmul(x, w).tanh().sum()
        let before = tape.count
        _ = try tape.differentiableGradient(of: y, wrt: [x])
        let onlyX = tape.count - before
        let middle = tape.count
        _ = try tape.differentiableGradient(of: y, wrt: [x, w])
        let both = tape.count - middle
        XCTAssertLessThan(onlyX, both, "the gradient in w was formed although only x was asked for")
    }
}
