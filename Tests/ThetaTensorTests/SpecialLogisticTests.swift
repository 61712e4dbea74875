import XCTest
import Foundation
@testable import ThetaTensor

final class SpecialLogisticTests: XCTestCase {
    func testSigmoidLogSigmoidSoftplusMatchFixturesOnBothTails() throws {
        try checkSpecial("logistic.txt", column: 1, arity: 1) { Special.sigmoid($0[0]) }
        try checkSpecial("logistic.txt", column: 2, arity: 1) { Special.logSigmoid($0[0]) }
        try checkSpecial("logistic.txt", column: 3, arity: 1) { Special.softplus($0[0]) }
    }

    func testLog1pAndExpm1MatchFixtures() throws {
        try checkSpecial("log1p.txt", column: 1, arity: 1) { Special.log1p($0[0]) }
        try checkSpecial("expm1.txt", column: 1, arity: 1) { Special.expm1($0[0]) }
    }

    func testAgreesWithTheUnaryFunctionEnum() {
        for x in [-800.0, -40, -1, 0, 0.5, 37, 800] {
            XCTAssertEqual(Special.sigmoid(x), UnaryFunction.sigmoid.apply(x))
            XCTAssertEqual(Special.softplus(x), UnaryFunction.softplus.apply(x))
        }
    }

    func testLogitInvertsSigmoid() {
        // σ(x) keeps its digits for x ≤ 0, so logit(σ(x)) = x to rounding there.
        for x in [-30.0, -5, -0.1, 0] {
            XCTAssertEqual(Special.logit(Special.sigmoid(x)), x, accuracy: 1e-14 * Swift.max(1, x.magnitude))
        }
        XCTAssertEqual(Special.logit(0.75), Foundation.log(3.0), accuracy: 1e-15)
        XCTAssertEqual(Special.logit(0), -.infinity)
        XCTAssertEqual(Special.logit(1), .infinity)
        XCTAssertTrue(Special.logit(1.5).isNaN)
        // Closed form near 0: logit(p) = log p − log1p(−p) ≈ log p + p.
        XCTAssertEqual(Special.logit(1e-20), Foundation.log(1e-20), accuracy: 1e-15 * 46)
    }
}
