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

    func testErfcinvMatchesFixtures() throws {
        try checkSpecial("erfcinv.txt", column: 1, arity: 1) { Special.erfcinv($0[0]) }
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
        // Subnormal q: documented reduced accuracy, but still finite and in the right place.
        let x = Special.erfcinv(Double.leastNonzeroMagnitude)
        XCTAssertTrue(x > 27 && x < 27.5, "erfcinv(5e-324) = \(x)")
    }
}
