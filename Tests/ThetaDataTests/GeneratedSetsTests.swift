import Foundation
import XCTest
@testable import ThetaData
import ThetaTensor

/// The generated sets have the geometry their definitions promise and depend only on their
/// arguments.
final class GeneratedSetsTests: XCTestCase {
    func points(_ d: Dataset) -> [(Double, Double)] {
        (0..<d.n).map { (d.samples.scalars[2 * $0], d.samples.scalars[2 * $0 + 1]) }
    }

    func testSameArgumentsSamePoints() throws {
        for name in GeneratedSets.names {
            let a = try GeneratedSets.make(name, n: 300, noise: 0.1, seed: 7)
            XCTAssertEqual(a, try GeneratedSets.make(name, n: 300, noise: 0.1, seed: 7), name)
            XCTAssertNotEqual(a, try GeneratedSets.make(name, n: 300, noise: 0.1, seed: 8), name)
            XCTAssertEqual(a.samples.shape, [300, 2])
            XCTAssertEqual(a.columns, ["x1", "x2"])
        }
    }

    func testNoiselessMoonsAndCirclesLieOnTheirCurves() throws {
        for (x, y) in points(try GeneratedSets.make("moons", n: 501, noise: 0)) {
            let upper = abs(x * x + y * y - 1) < 1e-12 && y >= -1e-12
            let lower = abs((x - 1) * (x - 1) + (y - 0.5) * (y - 0.5) - 1) < 1e-12 && y <= 0.5 + 1e-12
            XCTAssertTrue(upper || lower, "(\(x), \(y))")
        }
        let radii = points(try GeneratedSets.make("circles", n: 400, noise: 0)).map { ($0.0 * $0.0 + $0.1 * $0.1).squareRoot() }
        XCTAssertEqual(radii.filter { abs($0 - 1) < 1e-12 }.count, 200)
        XCTAssertEqual(radii.filter { abs($0 - 0.5) < 1e-12 }.count, 200)
    }

    func testNoiseHasTheRequestedSpread() throws {
        // Circles with noise σ: the radial residual of outer points has sd ≈ σ (to first order).
        let sigma = 0.03
        let r = points(try GeneratedSets.make("circles", n: 20_000, noise: sigma, seed: 1))
            .map { ($0.0 * $0.0 + $0.1 * $0.1).squareRoot() }.filter { $0 > 0.75 }.map { $0 - 1 }
        let mean = r.reduce(0, +) / Double(r.count)
        let sd = (r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(r.count)).squareRoot()
        XCTAssertEqual(sd, sigma, accuracy: 0.05 * sigma)
    }

    func testSwissrollCheckerboardGaussians() throws {
        for (x, y) in points(try GeneratedSets.make("swissroll", n: 500, noise: 0)) {
            // (t cos t, t sin t)/5 with t in [1.5π, 4.5π]: radius·5 = t.
            let t = 5 * (x * x + y * y).squareRoot()
            XCTAssertTrue(t >= 1.5 * .pi - 1e-9 && t <= 4.5 * .pi + 1e-9)
            XCTAssertEqual(x, t * cos(t) / 5, accuracy: 1e-9)
        }
        for (x, y) in points(try GeneratedSets.make("checkerboard", n: 2000, noise: 0)) {
            XCTAssertTrue(abs(x) <= 4 && abs(y) <= 4)
            let parity = Int((x / 2).rounded(.down)) + Int((y / 2).rounded(.down))
            XCTAssertEqual(((parity % 2) + 2) % 2, 0, "(\(x), \(y)) is on a dark square")
        }
        let g = points(try GeneratedSets.make("gaussians8", n: 800, noise: 0))
        let centres = Set(g.map { "\((($0.0) * 1e6).rounded()),\((($0.1) * 1e6).rounded())" })
        XCTAssertEqual(centres.count, 8)
        XCTAssertTrue(g.allSatisfy { abs(($0.0 * $0.0 + $0.1 * $0.1) - 8) < 1e-9 })
        let p = points(try GeneratedSets.make("pinwheel", n: 1000))
        XCTAssertTrue(p.allSatisfy { $0.0.isFinite && $0.1.isFinite })
    }

    func testBadArguments() {
        XCTAssertTrue(dataErrorMessage { _ = try GeneratedSets.make("moons", n: -1) }.contains("n must be"))
        XCTAssertTrue(dataErrorMessage { _ = try GeneratedSets.make("moons", n: 5, noise: -1) }.contains("noise"))
        XCTAssertTrue(dataErrorMessage { _ = try GeneratedSets.make("spirals", n: 5) }.contains("spirals"))
    }
}
