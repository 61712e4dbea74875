import XCTest
import Foundation
@testable import ThetaTensor

final class SpecialErrorTests: XCTestCase {
    func testErfAndErfcMatchFixturesDeepIntoTheTail() throws {
        try checkSpecial("erf.txt", column: 1, arity: 1) { Special.erf($0[0]) }
        try checkSpecial("erf.txt", column: 2, arity: 1) { Special.erfc($0[0]) }
        XCTAssertGreaterThan(Special.erfc(26), 5e-296, "erfc(26) does not underflow")
    }

    func testErfinvMatchesFixturesIncludingNextToPlusMinusOne() throws {
        try checkSpecial("erfinv.txt", column: 1, arity: 1) { Special.erfinv($0[0]) }
    }

    func testErfcinvMatchesFixturesDownToTheSmallestSubnormal() throws {
        try checkSpecial("erfcinv.txt", column: 1, arity: 1) { Special.erfcinv($0[0]) }
        let rows = try SpecialFixture.rows("erfcinv.txt")
        XCTAssertGreaterThanOrEqual(rows.filter { $0[0] < Double.leastNormalMagnitude }.count, 5,
                                    "the fixture reaches into the subnormals")
    }

    /// Far tail, independent of the fixture: `erfcinv` is decreasing, and at the root the
    /// asymptotic `log erfc` (A&S 7.1.23, written out here in extended precision) equals `log q`.
    func testErfcinvFarTailIsMonotoneAndSolvesTheAsymptoticEquation() {
        var last = 0.0
        for e in stride(from: -290.0, through: -323.0, by: -0.5) {
            let q = Foundation.pow(10, e)
            let x = Special.erfcinv(q)
            XCTAssertGreaterThan(x, last, "q = \(q)")
            last = x
            #if arch(x86_64) && !os(Windows)
            let xe = Float80(x)
            var s: Float80 = 1, term: Float80 = 1
            for n in 1...15 { term *= -Float80(2 * n - 1) / (2 * xe * xe); s += term }
            let logErfc = -xe * xe - Foundation.log(xe * Float80.pi.squareRoot()) + Foundation.log(s)
            // d log erfc / dx ≈ −2x, so a relative error ε in x shows as 2x²ε here.
            XCTAssertEqual(Double(logErfc), Foundation.log(q), accuracy: 2 * x * x * 2e-15, "q = \(q)")
            #endif
        }
    }

    func testInversesRoundTrip() {
        for x in stride(from: -5.5, through: 5.5, by: 0.173) {
            let y = Special.erf(x)
            if y.magnitude < 0.9 {
                XCTAssertEqual(Special.erfinv(y), x, accuracy: 4e-16 * Swift.max(1, x.magnitude), "x = \(x)")
            }
            let q = Special.erfc(x)
            XCTAssertEqual(Special.erfc(Special.erfcinv(q)), q, accuracy: 1e-14 * q, "x = \(x)")
        }
    }

    func testEdgeValues() {
        XCTAssertEqual(Special.erfinv(1), .infinity)
        XCTAssertEqual(Special.erfinv(-1), -.infinity)
        XCTAssertEqual(Special.erfinv(0), 0)
        XCTAssertTrue(Special.erfinv(1.5).isNaN)
        XCTAssertTrue(Special.erfinv(.nan).isNaN)
        XCTAssertEqual(Special.erfcinv(0), .infinity)
        XCTAssertEqual(Special.erfcinv(2), -.infinity)
        XCTAssertEqual(Special.erfcinv(1), 0)
        XCTAssertTrue(Special.erfcinv(-0.1).isNaN)
        XCTAssertTrue(Special.erfcinv(2.1).isNaN)
        // Subnormal q (the fixture holds reference values down to 5e-324).
        let x = Special.erfcinv(Double.leastNonzeroMagnitude)
        XCTAssertTrue(x > 27 && x < 27.5, "erfcinv(5e-324) = \(x)")
    }
}
