import XCTest
import ThetaAutodiff
import ThetaTensor

/// The fused primitives `matmulAdd` and `logSumExpWithSoftmax`: recorded as one node where
/// they apply, and their gradients against central differences.
final class FusedPrimitiveGradientTests: XCTestCase {
    func testMatMulAddGradientsAgreeWithFiniteDifferences() {
        let cases: [([Int], [Int], [Int])] = [([5, 3], [3, 4], [4]), ([5, 3], [3, 4], [1, 4]),
                                               ([2, 3, 3], [3, 2], []), ([6, 2], [2, 1], [1])]
        for (sa, sb, sc) in cases {
            let inputs = [sample(sa, phase: 0.3), sample(sb, phase: 1.2), sample(sc, phase: 2.5)]
            assertGradients(inputs) { (_, v) throws(AutodiffError) in try Variable.matmulAdd(v[0], v[1], v[2]) }
        }
    }

    func testMatMulAddRecordsOneNodeOrFallsBackToTwo() throws {
        let tape = Tape()
        let x = tape.leaf(sample([4, 3])), w = tape.leaf(sample([3, 2], phase: 1)), b = tape.leaf(sample([2], phase: 2))
        let y = try Variable.matmulAdd(x, w, b)
        XCTAssertEqual(tape.count, 4)
        XCTAssertEqual(tape.node(y.index)?.primitive, .matmulAdd(bias: b.index))
        // A column bias is not a row broadcast: product and sum, two nodes.
        let c = tape.leaf(sample([4, 1], phase: 3))
        let z = try Variable.matmulAdd(x, w, c)
        XCTAssertEqual(tape.count, 7)
        XCTAssertEqual(tape.node(z.index)?.primitive, .add)
        let want = try Tensor.add(Tensor.matmul(x.value, w.value), c.value)
        XCTAssertEqual(z.value, want)
        // Untracked operands record nothing.
        let k = try Variable.matmulAdd(tape.constant(x.value), tape.constant(w.value), tape.constant(b.value))
        XCTAssertFalse(k.isTracked)
        XCTAssertEqual(tape.count, 7)
    }

    func testShortLastAxisLogSumExpRecordsItsSoftmaxAndDifferentiates() throws {
        for shape in [[20, 5], [3, 4, 7], [9, 1]] {
            assertGradients([sample(shape, scale: 3)]) { (_, v) throws(AutodiffError) in try v[0].logSumExp(axis: -1) }
            assertGradients([sample(shape, scale: 3)]) { (_, v) throws(AutodiffError) in
                try v[0].logSumExp(axis: shape.count - 1, keepDims: true)
            }
        }
        let tape = Tape()
        let x = tape.leaf(sample([6, 5]))
        let y = try x.logSumExp(axis: 1)
        guard case .logSumExpWithSoftmax(axis: 1, keepDims: false, _)? = tape.node(y.index)?.primitive else {
            return XCTFail("short last axis: \(String(describing: tape.node(y.index)))")
        }
        XCTAssertEqual(y.value, try x.value.reduce(.logsumexp, axes: [1]))
        // Another axis, or a long last axis, keeps the plain primitive.
        let z = try x.logSumExp(axis: 0)
        XCTAssertEqual(tape.node(z.index)?.primitive, .logSumExp(axis: 0, keepDims: false))
        let long = tape.leaf(sample([2, 40]))
        let u = try long.logSumExp(axis: -1)
        XCTAssertEqual(tape.node(u.index)?.primitive, .logSumExp(axis: 1, keepDims: false))
        assertGradients([sample([3, 40], scale: 2)]) { (_, v) throws(AutodiffError) in try v[0].logSumExp(axis: -1) }
    }
}
