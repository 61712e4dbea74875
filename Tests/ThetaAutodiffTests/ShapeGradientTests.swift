import XCTest
import ThetaAutodiff
import ThetaTensor

/// Central-difference checks of the matrix product and the shape primitives.
final class ShapeGradientTests: XCTestCase {
    func testMatmul2D() {
        assertGradients([sample([3, 4], phase: 0.1), sample([4, 5], phase: 0.9)]) { _, v throws(AutodiffError) in
            try Variable.matmul(v[0], v[1])
        }
        // Large enough for the OpenBLAS path (m·n·k > 512).
        assertGradients([sample([9, 8], phase: 0.2), sample([8, 10], phase: 0.3)]) { _, v throws(AutodiffError) in
            try v[0].matmul(v[1])
        }
    }

    func testMatmulOneDimensional() {
        let cases: [([Int], [Int])] = [([4], [4, 5]), ([3, 4], [4]), ([4], [4]), ([4], [2, 4, 3]), ([2, 3, 4], [4])]
        for (sa, sb) in cases {
            assertGradients([sample(sa, phase: 0.3), sample(sb, phase: 1.4)]) { _, v throws(AutodiffError) in
                try Variable.matmul(v[0], v[1])
            }
        }
    }

    func testMatmulBatched() {
        let cases: [([Int], [Int])] = [([2, 3, 4], [2, 4, 5]), ([2, 3, 4], [4, 5]), ([3, 4], [2, 4, 5]),
                                       ([2, 1, 3, 4], [3, 4, 2]), ([1, 3, 4], [2, 4, 2])]
        for (sa, sb) in cases {
            assertGradients([sample(sa, phase: 0.5), sample(sb, phase: 2.1)]) { _, v throws(AutodiffError) in
                try Variable.matmul(v[0], v[1])
            }
        }
    }

    func testTransposeReshapeBroadcast() {
        let x = sample([2, 3, 4], phase: 0.7)
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].transposed() }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].transposed([1, -1, 0]) }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].reshaped([4, -1]) }
        assertGradients([sample([3, 1], phase: 0.2)]) { _, v throws(AutodiffError) in try v[0].broadcast(to: [2, 3, 4]) }
        assertGradients([sample([4], phase: 0.2)]) { _, v throws(AutodiffError) in try v[0].broadcast(to: [3, 4]) }
    }

    func testConcatAndStack() {
        let a = sample([2, 3], phase: 0.1), b = sample([2, 1], phase: 0.5), c = sample([2, 2], phase: 0.9)
        assertGradients([a, b, c]) { _, v throws(AutodiffError) in try Variable.concat(v, axis: 1) }
        assertGradients([a, sample([4, 3], phase: 1.0)]) { _, v throws(AutodiffError) in try Variable.concat(v, axis: 0) }
        let d = sample([2, 3], phase: 1.7)
        for axis in [0, 1, 2, -1] {
            assertGradients([a, d]) { _, v throws(AutodiffError) in try Variable.stack(v, axis: axis) }
        }
    }

    func testConcatWithAConstant() throws {
        let tape = Tape()
        let a = tape.leaf(makeT([2], [1, 2]))
        let k = tape.constant(makeT([1], [5]))
        let y = try Variable.concat([k, a, k], axis: 0)
        assertClose(y.value, makeT([4], [5, 1, 2, 5]))
        let g = try tape.gradient(of: y, wrt: [a], seed: makeT([4], [10, 20, 30, 40]))
        assertClose(g[0], makeT([2], [20, 30]))
    }

    func testIndexAndSlice() {
        let x = sample([3, 4, 2], phase: 0.3)
        let selections: [[TensorIndex]] = [
            [.at(1)],
            [.at(-1), .range(start: 1, stop: 3, step: nil)],
            [.all, .range(start: nil, stop: nil, step: -2), .at(0)],
            [.newAxis, .range(start: 0, stop: 2, step: 1), .all, .at(1)],
        ]
        for items in selections {
            assertGradients([x]) { _, v throws(AutodiffError) in try v[0].index(items) }
        }
    }

    func testGatherWithRepeatedIndices() throws {
        let x = sample([3, 4], phase: 0.6)
        let indices = makeT([2, 2], [0, 3, 3, -1])
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].gather(indices, axis: 1) }
        assertGradients([x]) { _, v throws(AutodiffError) in try v[0].gather(makeT([4], [2, 0, 2, 2]), axis: 0) }
        // Index 3 (and -1, the same column) is taken three times: its gradient is 3 per row.
        let tape = Tape()
        let v = tape.leaf(x)
        let g = try tape.gradient(of: v.gather(indices, axis: 1).sum(), wrt: [v])
        assertClose(g[0], makeT([3, 4], [1, 0, 0, 3, 1, 0, 0, 3, 1, 0, 0, 3]))
    }

    func testCompositeModel() {
        // A small network: log-softmax of relu(x W + b) V, with a batch of 3.
        let inputs = [sample([3, 4], phase: 0.1), sample([4, 5], phase: 0.2, scale: 0.5),
                      sample([5], phase: 0.3, scale: 0.1, offset: 0.2), sample([5, 2], phase: 0.4)]
        assertGradients(inputs) { _, v throws(AutodiffError) in
            let h = try (v[0].matmul(v[1]) + v[2]).relu()
            return try h.matmul(v[3]).logSoftmax(axis: 1).sum(axis: 0)
        }
    }
}
