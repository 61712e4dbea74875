import XCTest
import Foundation
@testable import ThetaTensor

final class SpecialGammaTests: XCTestCase {
    func testLgammaMatchesFixturesIncludingNegativeNonIntegers() throws {
        try checkSpecial("lgamma.txt", column: 1, arity: 1) { Special.lgamma($0[0]) }
    }

    func testDigammaMatchesFixtures() throws {
        // Positive arguments: relative error, right up to the zero at x0 = 1.4616...
        try checkSpecial("digamma.txt", column: 1, arity: 1, skip: { $0[0] < 0 }) { Special.digamma($0[0]) }
    }

    func testDigammaOfNegativeArgumentsIsAccurateRelativeToTheReflectionTerms() throws {
        // For x < 0, ψ(x) = ψ(1 − x) − π cot(πx): the error is bounded relative to the size of
        // the two terms (the function's own condition), not to |ψ(x)| near its negative zeros.
        let rows = try SpecialFixture.rows("digamma.txt").filter { $0[0] < 0 }
        XCTAssertGreaterThan(rows.count, 5)
        for row in rows {
            let x = row[0]
            let scale = Swift.max(row[1].magnitude,
                                  Special.digamma(1 - x).magnitude + (Double.pi / Special.tanPi(x)).magnitude)
            XCTAssertLessThanOrEqual((Special.digamma(x) - row[1]).magnitude, 1e-13 * scale, "ψ(\(x))")
            XCTAssertLessThanOrEqual(specialRelativeError(Special.digamma(x), row[1]), 1e-12, "ψ(\(x))")
        }
    }

    func testTrigammaMatchesFixtures() throws {
        try checkSpecial("trigamma.txt", column: 1, arity: 1) { Special.trigamma($0[0]) }
        XCTAssertEqual(Special.polygamma(1, 2.5), Special.trigamma(2.5))
        XCTAssertEqual(Special.polygamma(0, 2.5), Special.digamma(2.5))
        XCTAssertTrue(Special.polygamma(2, 2.5).isNaN, "orders above 1 are not implemented")
    }

    func testLbetaMatchesFixtures() throws {
        // lbeta(1, 1) = 0 exactly; elsewhere relative error.
        try checkSpecial("lbeta.txt", column: 2, arity: 2) { Special.lbeta($0[0], $0[1]) }
    }

    func testClosedForms() {
        let gamma = Special.eulerGamma
        XCTAssertEqual(Special.digamma(1), -gamma, accuracy: 2e-15 * gamma)
        XCTAssertEqual(Special.digamma(0.5), -gamma - 2 * Foundation.log(2.0), accuracy: 4e-15)
        XCTAssertEqual(Special.trigamma(1), Double.pi * Double.pi / 6, accuracy: 4e-16)
        XCTAssertEqual(Special.trigamma(0.5), Double.pi * Double.pi / 2, accuracy: 1e-15)
        XCTAssertEqual(Special.lbeta(2, 3), Foundation.log(1.0 / 12.0), accuracy: 1e-15)
        XCTAssertEqual(Special.lgamma(5), Foundation.log(24.0), accuracy: 1e-15)
        XCTAssertEqual(Special.gammaSign(-0.5), -1)
        XCTAssertEqual(Special.gammaSign(-1.5), 1)
        XCTAssertEqual(Special.gammaSign(3), 1)
    }

    func testRecurrencesHoldAcrossTheBranchBoundaries() {
        // ψ(x + 1) = ψ(x) + 1/x and ψ₁(x + 1) = ψ₁(x) − 1/x², across x = 10 and x = 12 where the
        // asymptotic series take over, and through the Taylor window around the root.
        for x in stride(from: 0.3, through: 14.0, by: 0.37) {
            let d = Special.digamma(x + 1) - Special.digamma(x) - 1 / x
            XCTAssertLessThanOrEqual(d.magnitude, 1e-14 * Swift.max(1, Special.digamma(x + 1).magnitude), "ψ at \(x)")
            let t = Special.trigamma(x + 1) - Special.trigamma(x) + 1 / (x * x)
            XCTAssertLessThanOrEqual(t.magnitude, 1e-14 * Special.trigamma(x), "ψ₁ at \(x)")
        }
    }

    func testDigammaDerivativeIsTrigamma() {
        for x in [0.2, 1.4616, 3.0, 9.99, 25.0, -0.5, -2.3] {
            let h = 1e-5 * Swift.max(1, x.magnitude)
            let fd = (Special.digamma(x + h) - Special.digamma(x - h)) / (2 * h)
            XCTAssertEqual(fd, Special.trigamma(x), accuracy: 1e-7 * Special.trigamma(x), "x = \(x)")
        }
    }

    func testLgamma1pMatchesLgammaAwayFromZeroAndIsLinearNearIt() {
        for a in [-0.4, -0.1, 0.05, 0.3, 0.5, 0.9, 3.0] {
            XCTAssertEqual(Special.lgamma1p(a), Special.lgamma(1 + a), accuracy: 1e-15, "a = \(a)")
        }
        // log Γ(1 + a) = −γ a + ζ(2) a²/2 + O(a³)
        let a = 1e-9
        let expected = -Special.eulerGamma * a + Double.pi * Double.pi / 12 * a * a
        XCTAssertEqual(Special.lgamma1p(a), expected, accuracy: 1e-15 * a)
    }

    func testPolesAndInvalidArguments() {
        XCTAssertTrue(Special.digamma(0).isNaN)
        XCTAssertTrue(Special.digamma(-3).isNaN)
        XCTAssertTrue(Special.digamma(.nan).isNaN)
        XCTAssertEqual(Special.digamma(.infinity), .infinity)
        XCTAssertEqual(Special.trigamma(-2), .infinity)
        XCTAssertEqual(Special.trigamma(.infinity), 0)
        XCTAssertEqual(Special.lgamma(0), .infinity)
        XCTAssertTrue(Special.lbeta(-1, 2).isNaN)
        XCTAssertTrue(Special.lbeta(0, 2).isNaN)
    }
}
