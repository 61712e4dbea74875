import XCTest
import Foundation
@testable import ThetaTensor

final class SpecialIncompleteTests: XCTestCase {
    func testGammaPAndQMatchFixtures() throws {
        try checkSpecial("gammainc.txt", column: 2, arity: 2) { Special.gammaP($0[0], $0[1]) }
        try checkSpecial("gammainc.txt", column: 3, arity: 2) { Special.gammaQ($0[0], $0[1]) }
    }

    /// Every row to 1e-12 relative, including parameter ratios of 1e3 to 2e7 on either side
    /// ((3, 1e5), (0.5, 1e6), (1e5, 1), (1e4, 3), (1.5, 3e7), …) with `x` deep in both tails.
    func testBetaIAndComplementMatchFixtures() throws {
        try checkSpecial("betainc.txt", column: 3, arity: 3) { Special.betaI($0[0], $0[1], $0[2]) }
        try checkSpecial("betainc.txt", column: 4, arity: 3) { Special.betaIc($0[0], $0[1], $0[2]) }
    }

    /// The fixture covers the large-ratio expansion on both sides of the symmetry.
    func testFixtureHasExtremeParameterRatiosOnBothSides() throws {
        let rows = try SpecialFixture.rows("betainc.txt")
        XCTAssertGreaterThan(rows.filter { $0[1] / $0[0] >= 1e4 }.count, 20, "b ≫ a")
        XCTAssertGreaterThan(rows.filter { $0[0] / $0[1] >= 1e4 }.count, 20, "a ≫ b")
    }

    /// `I_x(a, 1) = xᵃ` and `I_x(1, b) = 1 − (1 − x)ᵇ` at ratios where the large-parameter
    /// expansion is taken (closed forms, independent of the fixture).
    func testLargeRatioClosedForms() {
        for x in [0.99995, 0.99999, 0.999993, 0.9999999] {
            let want = Foundation.exp(1e5 * Foundation.log(x))
            XCTAssertEqual(Special.betaI(1e5, 1, x), want, accuracy: 1e-12 * want, "x = \(x)")
        }
        for x in [1e-7, 3e-6, 2e-5, 5e-5] {
            // 1 − I_x(1, b) = (1 − x)^b
            let want = Foundation.exp(2e5 * Foundation.log1p(-x))
            XCTAssertEqual(Special.betaIc(1, 2e5, x), want, accuracy: 1e-12 * want, "x = \(x)")
        }
    }

    func testClosedForms() {
        // P(1, x) = 1 − e^{−x}; Q(1/2, x) = erfc(√x); I_x(a, 1) = xᵃ; I_x(1, b) = 1 − (1−x)ᵇ.
        // (The prefactor exp(a log x − ...) carries a relative error of about |a log x|·ε.)
        for x in [1e-8, 0.3, 1, 2.5, 10, 40] {
            XCTAssertEqual(Special.gammaP(1, x), -Foundation.expm1(-x), accuracy: 1e-13 * -Foundation.expm1(-x))
            XCTAssertEqual(Special.gammaQ(0.5, x), Special.erfc(x.squareRoot()),
                           accuracy: 1e-13 * Special.erfc(x.squareRoot()))
        }
        for x in [1e-6, 0.2, 0.5, 0.9, 0.999] {
            XCTAssertEqual(Special.betaI(3.5, 1, x), Foundation.pow(x, 3.5), accuracy: 1e-14 * Foundation.pow(x, 3.5))
            let c = Foundation.pow(1 - x, 2.5)
            XCTAssertEqual(Special.betaIc(1, 2.5, x), c, accuracy: 1e-13 * c)
        }
    }

    func testEdgeValues() {
        XCTAssertEqual(Special.incompleteGamma(2, 0).p, 0)
        XCTAssertEqual(Special.incompleteGamma(2, 0).q, 1)
        XCTAssertEqual(Special.gammaP(2, .infinity), 1)
        XCTAssertTrue(Special.gammaP(-1, 1).isNaN)
        XCTAssertTrue(Special.gammaP(1, -1).isNaN)
        XCTAssertEqual(Special.betaI(2, 3, 0), 0)
        XCTAssertEqual(Special.betaI(2, 3, 1), 1)
        XCTAssertTrue(Special.betaI(2, 3, 1.5).isNaN)
        XCTAssertTrue(Special.betaI(0, 3, 0.5).isNaN)
    }

    func testPPlusQIsOneAndPIsMonotone() {
        for a in [0.01, 0.7, 3, 45, 800] {
            var last = -1.0
            for k in 0..<60 {
                let x = a * Double(k) / 20 + 1e-3
                let (p, q) = Special.incompleteGamma(a, x)
                XCTAssertEqual(p + q, 1, accuracy: 2e-15, "a = \(a), x = \(x)")
                XCTAssertGreaterThanOrEqual(p, last, "P increases in x (a = \(a), x = \(x))")
                last = p
            }
        }
    }

    func testDerivativeOfPIsTheGammaDensity() {
        // dP/dx = x^{a−1} e^{−x} / Γ(a), checked by central differences.
        for (a, x) in [(0.5, 0.3), (2.0, 1.7), (30.0, 28.0), (300.0, 310.0)] {
            let h = 1e-5 * x
            let fd = (Special.gammaP(a, x + h) - Special.gammaP(a, x - h)) / (2 * h)
            let pdf = Foundation.exp((a - 1) * Foundation.log(x) - x - Special.lgamma(a))
            XCTAssertEqual(fd, pdf, accuracy: 1e-7 * pdf, "a = \(a), x = \(x)")
        }
    }
}
