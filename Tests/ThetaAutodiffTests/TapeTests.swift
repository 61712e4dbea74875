import XCTest
import ThetaAutodiff
import ThetaTensor

/// Recording, no-grad scopes, accumulation, seeds, errors and their origin tags.
final class TapeTests: XCTestCase {
    func testLeafUsedManyTimesAccumulates() throws {
        // y = x·x·x + x + x  ⇒  dy/dx = 3x² + 2
        let tape = Tape()
        let x = tape.leaf(makeT([3], [0.5, -2, 3]))
        let y = try x * x * x + x + x
        let g = try tape.gradient(of: y.sum(), wrt: [x])
        assertClose(g[0], makeT([3], [2.75, 14, 29]))
    }

    func testTinyOpsChainAccumulatesOverManySteps() throws {
        // The tiny_ops recursion for 200 steps against the hand-derived adjoint recursion.
        let tape = Tape()
        let z0 = tape.leaf(makeT([1], [0.5])), w = tape.leaf(makeT([1], [0.9])), b = tape.leaf(makeT([1], [0.1]))
        var z = z0
        var zs: [Double] = []
        for _ in 0..<200 {
            zs.append(z.value.scalars[0])
            z = try z + 0.01 * (z * w + b).tanh()
        }
        XCTAssertEqual(tape.count, 3 + 5 * 200)
        let g = try tape.gradient(of: z.sum(), wrt: [z0, w, b])
        var gz = 1.0, gw = 0.0, gb = 0.0
        for zi in zs.reversed() {
            let t = tanh(zi * 0.9 + 0.1)
            let d = gz * 0.01 * (1 - t * t)
            gw += d * zi
            gb += d
            gz += d * 0.9
        }
        XCTAssertEqual(g[0].scalars[0], gz, accuracy: 1e-13)
        XCTAssertEqual(g[1].scalars[0], gw, accuracy: 1e-13)
        XCTAssertEqual(g[2].scalars[0], gb, accuracy: 1e-13)
    }

    func testNoGradScopeComputesValuesAndRecordsNothing() throws {
        let tape = Tape()
        let x = tape.leaf(makeT([2], [1, 2]))
        let before = tape.count
        let y = try tape.withoutRecording { () throws(AutodiffError) -> Variable in
            try (x * x + 1).exp().sum()
        }
        XCTAssertEqual(tape.count, before)
        XCTAssertFalse(y.isTracked)
        XCTAssertFalse(tape.isRecording == false)
        XCTAssertEqual(y.value.scalars[0], exp(2) + exp(5), accuracy: 1e-12)
        // Nothing flows back through the no-grad result.
        let g = try tape.gradient(of: y, wrt: [x])
        assertClose(g[0], makeT([2], [0, 0]))
    }

    func testNoGradScopesNestAndRestore() throws {
        let tape = Tape()
        let x = tape.leaf(Tensor(2))
        try tape.withoutRecording { () throws(AutodiffError) in
            XCTAssertFalse(tape.isRecording)
            tape.withoutRecording { XCTAssertFalse(tape.isRecording) }
            XCTAssertFalse(tape.isRecording)
            _ = try x * x
        }
        XCTAssertTrue(tape.isRecording)
        // Restored after a throw as well.
        _ = expectError { () throws(AutodiffError) in
            try tape.withoutRecording { () throws(AutodiffError) in _ = try x.reshaped([3]) }
        }
        XCTAssertTrue(tape.isRecording)
        XCTAssertTrue(try (x * x).isTracked)
    }

    func testConstantsTakePartWithoutGradient() throws {
        let tape = Tape()
        let x = tape.leaf(makeT([2], [1, 2]))
        let c = tape.constant(makeT([2], [3, 4]))
        let k = try c * c   // no tracked operand: not recorded
        XCTAssertFalse(k.isTracked)
        let nodes = tape.count
        let y = try x * k
        XCTAssertEqual(tape.count, nodes + 1)
        let g = try tape.gradient(of: y.sum(), wrt: [x, c])
        assertClose(g[0], makeT([2], [9, 16]))
        assertClose(g[1], makeT([2], [0, 0]))
    }

    func testGradientOfAnIntermediateAndOfAnUnusedLeaf() throws {
        let tape = Tape()
        let x = tape.leaf(makeT([2], [1, 2]))
        let unused = tape.leaf(makeT([3], [1, 1, 1]))
        let h = try x * 3
        let y = try (h * h).sum()
        let g = try tape.gradient(of: y, wrt: [h, x, unused])
        assertClose(g[0], makeT([2], [6, 12]))     // 2h
        assertClose(g[1], makeT([2], [18, 36]))    // 2h·3
        assertClose(g[2], makeT([3], [0, 0, 0]))
    }

    func testTapeCanBeDifferentiatedTwice() throws {
        let tape = Tape()
        let x = tape.leaf(makeT([2], [1, 2]))
        let y = try x.square().sum()
        let g1 = try tape.gradient(of: y, wrt: [x])
        let g2 = try tape.gradient(of: y, wrt: [x])
        assertClose(g1[0], makeT([2], [2, 4]))
        assertClose(g2[0], g1[0])
    }

    func testNonScalarOutputNeedsASeed() throws {
        let tape = Tape()
        let x = tape.leaf(makeT([2], [1, 2]))
        tape.currentOrigin = 41
        let y = try x * x
        let error = expectError { () throws(AutodiffError) in try tape.gradient(of: y, wrt: [x]) }
        XCTAssertEqual(error?.kind, .seedRequired)
        XCTAssertEqual(error?.origin, 41)
        let g = try tape.gradient(of: y, wrt: [x], seed: makeT([2], [1, 10]))
        assertClose(g[0], makeT([2], [2, 40]))
        // A one-element output of any rank needs none.
        let z = try x.sum(axis: 0, keepDims: true)
        XCTAssertEqual(try tape.gradient(of: z, wrt: [x])[0].scalars, [1, 1])
    }

    func testSeedOfTheWrongShapeIsABackwardErrorAtTheOutputsOrigin() throws {
        let tape = Tape()
        let x = tape.leaf(makeT([2], [1, 2]))
        tape.currentOrigin = 12
        let y = try x.exp()
        let error = expectError { () throws(AutodiffError) in
            try tape.gradient(of: y, wrt: [x], seed: makeT([3], [1, 1, 1]))
        }
        XCTAssertEqual(error?.kind, .backwardShape)
        XCTAssertEqual(error?.origin, 12)
        XCTAssertTrue(error?.message.contains("[3]") == true && error?.message.contains("[2]") == true,
                      error?.message ?? "")
    }

    func testNonFiniteGradientCarriesTheOriginOfTheNodeThatMadeIt() throws {
        let tape = Tape()
        tape.checksFiniteGradients = true
        let x = tape.leaf(makeT([2], [0, 4]))
        tape.currentOrigin = 7
        let s = try x.sqrt()          // ∂√x at 0 is infinite
        tape.currentOrigin = 8
        let y = try (s * 2).sum()
        let error = expectError { () throws(AutodiffError) in try tape.gradient(of: y, wrt: [x]) }
        XCTAssertEqual(error?.kind, .nonFiniteGradient)
        XCTAssertEqual(error?.origin, 7)
        XCTAssertEqual(error?.operation, "sqrt")
        // With checking off the infinity is returned.
        tape.checksFiniteGradients = false
        let g = try tape.gradient(of: y, wrt: [x])
        XCTAssertEqual(g[0].scalars[0], .infinity)
        XCTAssertEqual(g[0].scalars[1], 0.5)
    }

    func testNodesRememberTheirOrigin() throws {
        let tape = Tape()
        tape.currentOrigin = 3
        let x = tape.leaf(Tensor(1))
        tape.currentOrigin = 5
        let y = try x.tanh()
        XCTAssertEqual(tape.node(x.index)?.origin, 3)
        XCTAssertEqual(tape.node(y.index)?.origin, 5)
        XCTAssertEqual(tape.node(y.index)?.primitive, .tanh)
        XCTAssertNil(tape.node(99))
    }

    func testForwardShapeErrorNamesTheOperationAndBothShapes() {
        let tape = Tape()
        tape.currentOrigin = 21
        let a = tape.leaf(makeT([2], [1, 2])), b = tape.leaf(makeT([3], [1, 2, 3]))
        let error = expectError { () throws(AutodiffError) in try a * b }
        XCTAssertEqual(error?.kind, .forward)
        XCTAssertEqual(error?.operation, "*")
        XCTAssertEqual(error?.origin, 21)
        for fragment in ["*", "[2]", "[3]"] {
            XCTAssertTrue(error?.message.contains(fragment) == true, "\(error?.message ?? "") lacks \(fragment)")
        }
        let m = expectError { () throws(AutodiffError) in
            try Variable.matmul(tape.leaf(sample([2, 3])), tape.leaf(sample([4, 2])))
        }
        XCTAssertEqual(m?.operation, "@")
        XCTAssertTrue(m?.message.contains("[2, 3]") == true && m?.message.contains("[4, 2]") == true, m?.message ?? "")
        XCTAssertEqual(expectError { () throws(AutodiffError) in try a.sum(axis: 3) }?.kind, .forward)
        XCTAssertEqual(expectError { () throws(AutodiffError) in try Variable.concat([], axis: 0) }?.kind, .forward)
    }

    func testForeignAndStaleVariablesAreRejected() throws {
        let t1 = Tape(), t2 = Tape()
        let a = t1.leaf(Tensor(1)), b = t2.leaf(Tensor(2))
        XCTAssertEqual(expectError { () throws(AutodiffError) in try a + b }?.kind, .foreignVariable)
        XCTAssertEqual(expectError { () throws(AutodiffError) in try t1.gradient(of: a, wrt: [b]) }?.kind, .foreignVariable)
        t1.reset()
        XCTAssertEqual(t1.count, 0)
        XCTAssertEqual(expectError { () throws(AutodiffError) in try a.exp() }?.kind, .staleVariable)
        let c = t1.leaf(Tensor(3))
        XCTAssertEqual(try t1.gradient(of: c.square(), wrt: [c])[0].scalars, [6])
    }

    func testDetachedStopsTheGradient() throws {
        let tape = Tape()
        let x = tape.leaf(makeT([2], [1, 2]))
        let g = try tape.gradient(of: (x * x.detached()).sum(), wrt: [x])
        assertClose(g[0], makeT([2], [1, 2]))
    }

    func testUnbroadcastSumsBroadcastAxes() throws {
        let g = Tensor(unchecked: [2, 3, 4], scalars: (0..<24).map(Double.init))
        let toRow = try unbroadcast(g, to: [4])
        assertClose(toRow, makeT([4], [60, 66, 72, 78]))
        let toColumn = try unbroadcast(g, to: [3, 1])
        assertClose(toColumn, makeT([3, 1], [60, 92, 124]))
        let toScalar = try unbroadcast(g, to: [])
        XCTAssertEqual(toScalar.scalars, [276])
        XCTAssertThrowsError(try unbroadcast(g, to: [2]))
        XCTAssertThrowsError(try unbroadcast(Tensor(1), to: [2]))
    }
}
