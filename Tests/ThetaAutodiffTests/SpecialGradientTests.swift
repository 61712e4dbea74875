import XCTest
import ThetaAutodiff
import ThetaTensor

/// Central-difference checks of the special-function, implicit and linear-algebra primitives.
final class SpecialGradientTests: XCTestCase {
    func testLgammaDigammaOnPositiveAndNegativeArguments() {
        let positive = sample([3, 4], phase: 0.3, scale: 2, offset: 2.5)   // 0.5 ... 4.5
        let negative = makeT([3], [-0.5, -1.7, -2.3])
        for x in [positive, negative] {
            assertGradients([x], rtol: 1e-6) { _, v throws(AutodiffError) in try v[0].lgamma() }
            assertGradients([x], rtol: 1e-6) { _, v throws(AutodiffError) in try v[0].digamma() }
        }
    }

    func testErfErfcLogSigmoidAtan() {
        let x = sample([2, 5], phase: 0.1, scale: 2.5)
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].erf() }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].erfc() }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].atan() }
        let wide = makeT([5], [-40, -3, 0, 3, 40])
        assertGradients([wide]) { _, v throws(AutodiffError) in try v[0].logSigmoid() }
    }

    func testLogSigmoidValuesStayFiniteInTheTails() throws {
        let t = Tape()
        let y = try t.constant(makeT([2], [-800, 800])).logSigmoid()
        XCTAssertEqual(y.scalars[0], -800)
        XCTAssertEqual(y.scalars[1], -0.0, accuracy: 1e-300)
    }

    func testLbetaBroadcast() {
        let a = sample([3, 1], phase: 0.2, scale: 1, offset: 2)
        let b = sample([1, 4], phase: 0.9, scale: 1.5, offset: 3)
        assertGradients([a, b], rtol: 1e-6) { _, v throws(AutodiffError) in try Variable.lbeta(v[0], v[1]) }
    }

    func testLbetaMatchesLgammaDefinition() throws {
        let t = Tape()
        let a = t.constant(makeT([3], [0.5, 2, 7.5])), b = t.constant(makeT([3], [1.5, 3, 0.25]))
        let direct = try Variable.lbeta(a, b)
        let viaLgamma = try a.lgamma() + b.lgamma() - (a + b).lgamma()
        assertClose(direct.value, viaLgamma.value, rtol: 1e-13, atol: 1e-13)
    }

    /// `implicit` with the exact derivative of a known function is indistinguishable from it:
    /// y = a²·b (value given), with ∂y/∂a = 2ab and ∂y/∂b = a², a broadcast over b's batch.
    func testImplicitChainsSeveralInputsAndUnbroadcasts() {
        let a = sample([3], phase: 0.4, scale: 1, offset: 0.2)
        let b = sample([2, 3], phase: 1.2, scale: 1, offset: 0.5)
        assertGradients([a, b]) { tape, v throws(AutodiffError) in
            let av = try v[0].broadcast(to: [2, 3]).value, bv = v[1].value
            let value = Tensor(unchecked: [2, 3], scalars: zip(av.scalars, bv.scalars).map { $0 * $0 * $1 })
            let da = Tensor(unchecked: [2, 3], scalars: zip(av.scalars, bv.scalars).map { 2 * $0 * $1 })
            let db = Tensor(unchecked: [2, 3], scalars: av.scalars.map { $0 * $0 })
            return try Variable.implicit(value: value, inputs: [(v[0], da), (v[1], db)], on: tape)
        }
    }

    func testImplicitRejectsMismatchedDerivative() {
        let t = Tape()
        let x = t.leaf(Tensor([1, 2]))
        let e = expectError { () throws(AutodiffError) in
            try Variable.implicit(value: Tensor([1, 2]), inputs: [(x, Tensor([1, 2, 3]))], on: t)
        }
        XCTAssertEqual(e?.kind, .forward)
    }

    /// A symmetric positive-definite input built as `B·Bᵀ + 3I` (so every `B` is valid).
    private func spd(_ tape: Tape, _ b: Variable) throws(AutodiffError) -> Variable {
        let n = b.shape[b.shape.count - 1]
        var eye = [Double](repeating: 0, count: n * n)
        for i in 0..<n { eye[i * n + i] = 3 }
        let bt = try b.transposed(Array(0..<(b.shape.count - 2)) + [b.shape.count - 1, b.shape.count - 2])
        return try Variable.matmul(b, bt) + tape.constant(Tensor(unchecked: [n, n], scalars: eye))
    }

    func testCholeskyReconstructsAndDifferentiates() throws {
        let t = Tape()
        let a = try spd(t, t.constant(sample([2, 3, 3], phase: 0.5)))
        let l = try a.cholesky()
        let lt = try LinearAlgebra.transposeLast(l.value)
        assertClose(try Tensor.matmul(l.value, lt), a.value, rtol: 1e-12, atol: 1e-12)
        for k in 0..<2 { XCTAssertEqual(l.value.scalars[k * 9 + 1], 0) }   // upper triangle zero
        assertGradients([sample([2, 3, 3], phase: 0.5)], rtol: 1e-5, atol: 1e-7) { tape, v throws(AutodiffError) in
            try self.spd(tape, v[0]).cholesky()
        }
        // The gradient with respect to a general (non-symmetric) input is that of the lower triangle.
        let base = try spd(t, t.constant(sample([3, 3], phase: 1.5))).value
        assertGradients([base], rtol: 1e-5, atol: 1e-7) { _, v throws(AutodiffError) in try v[0].cholesky() }
    }

    func testCholeskyRejectsIndefinite() {
        let t = Tape()
        let e = expectError { () throws(AutodiffError) in try t.constant(makeT([2, 2], [1, 2, 2, 1])).cholesky() }
        XCTAssertTrue(e?.message.contains("not positive definite") ?? false)
    }

    func testTriangularSolve() throws {
        let t = Tape()
        let l = try spd(t, t.constant(sample([2, 3, 3], phase: 0.7))).cholesky()
        let b = t.constant(sample([2, 3, 2], phase: 0.1))
        let x = try Variable.solveLower(l, b)
        assertClose(try Tensor.matmul(l.value, x.value), b.value, rtol: 1e-12, atol: 1e-12)
        assertGradients([l.value, b.value], rtol: 1e-6) { _, v throws(AutodiffError) in
            try Variable.solveLower(v[0], v[1])
        }
        let back = try LinearAlgebra.solveLower(l.value, b.value, transposed: true)
        assertClose(try Tensor.matmul(LinearAlgebra.transposeLast(l.value), back), b.value, rtol: 1e-12, atol: 1e-12)
    }
}
