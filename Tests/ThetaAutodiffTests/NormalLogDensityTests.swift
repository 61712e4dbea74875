import XCTest
import ThetaAutodiff
import ThetaTensor

/// The fused normal log density: the same values as the elementwise composition, and gradients
/// (first and second order) against central differences, for every broadcast pattern it takes.
final class NormalLogDensityTests: XCTestCase {
    /// (x, μ, σ) shapes of a row-and-column broadcast.
    let fused: [([Int], [Int], [Int])] = [
        ([6, 1], [4], [4]), ([6, 1], [1, 4], [4]), ([6, 4], [], [6, 4]), ([5], [5], [5]),
        ([], [], []), ([2, 3, 1], [4], [1, 4]), ([2, 3, 4], [2, 3, 4], [4]), ([6, 1], [6, 1], []),
        ([19, 1], [5], [5]), ([16, 1], [1, 3], [3]),   // eight rows across the lanes, and the rows left over
    ]

    func composed(_ x: Variable, _ mu: Variable, _ sigma: Variable) throws(AutodiffError) -> Variable {
        try ((x - mu) / sigma).square().affine(scale: -0.5, shift: -0.91893853320467274178) - sigma.log()
    }

    func testFusedValuesEqualTheCompositionToAnUlp() throws {
        for (sx, sm, ss) in fused {
            let x = sample(sx, phase: 0.1, scale: 2), mu = sample(sm, phase: 0.8), sigma = sample(ss, phase: 1.7, scale: 0.4, offset: 1)
            let fusedValue = try XCTUnwrap(Tensor.normalLogDensity(x, mu, sigma), "\(sx) \(sm) \(ss) should fuse")
            let tape = Tape()
            let reference = try composed(tape.constant(x), tape.constant(mu), tape.constant(sigma)).value
            XCTAssertEqual(fusedValue.shape, reference.shape)
            // The same operations in the same order; a fused multiply-add in the lane kernel may
            // round the last bit differently.
            for (a, b) in zip(fusedValue.scalars, reference.scalars) {
                XCTAssertLessThanOrEqual(abs(a - b), b.ulp, "\(sx) \(sm) \(ss)")
            }
        }
    }

    func testPartialLeadingBroadcastIsNotFusedButGivesTheSameValues() throws {
        let x = sample([2, 1, 3], phase: 0.3), mu = sample([2, 4, 3], phase: 0.9), sigma = sample([3], phase: 0.2, scale: 0.3, offset: 1)
        XCTAssertNil(Tensor.normalLogDensity(x, mu, sigma))
        let tape = Tape()
        let v = try Variable.normalLogDensity(tape.leaf(x), mu: tape.leaf(mu), sigma: tape.leaf(sigma))
        XCTAssertEqual(v.value.scalars, try composed(tape.constant(x), tape.constant(mu), tape.constant(sigma)).value.scalars)
        XCTAssertNil(Tensor.normalLogDensity(x, mu, sample([4], phase: 0.1)), "shapes that do not broadcast")
    }

    func testRecordsOneNode() throws {
        let tape = Tape()
        let x = tape.constant(sample([6, 1])), mu = tape.leaf(sample([4])), sigma = tape.leaf(sample([4], offset: 2))
        let before = tape.count
        _ = try Variable.normalLogDensity(x, mu: mu, sigma: sigma)
        XCTAssertEqual(tape.count - before, 1)
    }

    func testGradientsAgainstCentralDifferences() {
        for (sx, sm, ss) in fused + [([2, 1, 3], [2, 4, 3], [3])] {
            let inputs = [sample(sx, phase: 0.1, scale: 2), sample(sm, phase: 0.8), sample(ss, phase: 1.7, scale: 0.4, offset: 1)]
            assertGradients(inputs) { _, v throws(AutodiffError) in try Variable.normalLogDensity(v[0], mu: v[1], sigma: v[2]) }
            assertSecondOrder(inputs, label: "\(sx) \(sm) \(ss)") { _, v throws(AutodiffError) in
                try Variable.normalLogDensity(v[0], mu: v[1], sigma: v[2])
            }
        }
    }

    func testRowColumnLayouts() throws {
        let b = try XCTUnwrap(RowColumnBroadcast([[6, 1], [4], [1, 4], [6, 4], []]))
        XCTAssertEqual(b.shape, [6, 4])
        XCTAssertEqual([b.rows, b.cols], [6, 4])
        XCTAssertEqual(b.layouts.map { [$0.rowStride, $0.colStride] }, [[1, 0], [0, 1], [0, 1], [4, 1], [0, 0]])
        XCTAssertNil(RowColumnBroadcast([[2, 1, 3], [2, 4, 3]]))
        XCTAssertEqual(RowColumnBroadcast([[19, 1], [5], [1, 5]])?.pointsAgainstRow, true)
        XCTAssertEqual(RowColumnBroadcast([[19, 5], [5], [5]])?.pointsAgainstRow, false)
    }
}
