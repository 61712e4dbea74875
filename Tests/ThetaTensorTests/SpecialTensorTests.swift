import XCTest
import Foundation
@testable import ThetaTensor

final class SpecialTensorTests: XCTestCase {
    func testSpecialAndUnaryFunctionNamesAreDisjoint() {
        let unary = Set(UnaryFunction.allCases.map(\.rawValue))
        let special = Set(SpecialFunction.allCases.map(\.rawValue))
        XCTAssertTrue(unary.isDisjoint(with: special), "t.apply(.name) must never be ambiguous")
    }

    func testEveryCaseAppliesElementwiseAndAgreesWithTheScalarPath() {
        let t = makeT([2, 3], [0.1, 0.4, 0.75, 1.5, 2.5, 7.25])
        for f in SpecialFunction.allCases {
            let y = t.apply(f)
            XCTAssertEqual(y.shape, [2, 3])
            for (x, v) in zip(t.scalars, y.scalars) {
                XCTAssertEqual(f.apply(x).bitPattern, v.bitPattern, "\(f)(\(x))")
            }
        }
        // and the scalar path is the Special function
        XCTAssertEqual(SpecialFunction.lgamma.apply(4.5), Special.lgamma(4.5))
        XCTAssertEqual(SpecialFunction.erfinv.apply(0.3), Special.erfinv(0.3))
        XCTAssertEqual(SpecialFunction.logSigmoid.apply(-3), Special.logSigmoid(-3))
    }

    func testBinarySpecialFunctionsBroadcast() throws {
        let a = makeT([3, 1], [0.5, 2, 10])
        let x = makeT([1, 4], [0.1, 1, 3, 12])
        let p = try Tensor.gammaP(a, x)
        let q = try Tensor.gammaQ(a, x)
        XCTAssertEqual(p.shape, [3, 4])
        for i in 0..<3 {
            for j in 0..<4 {
                XCTAssertEqual(p.scalars[i * 4 + j], Special.gammaP(a.scalars[i], x.scalars[j]))
                XCTAssertEqual(q.scalars[i * 4 + j], Special.gammaQ(a.scalars[i], x.scalars[j]))
            }
        }
        let lb = try Tensor.lbeta(a, makeT([1], [3]))
        XCTAssertEqual(lb.scalars, a.scalars.map { Special.lbeta($0, 3) })
        let bi = try Tensor.betaI(makeT([2, 1, 1], [1, 2]), makeT([1, 3, 1], [1, 2, 3]), makeT([2], [0.25, 0.5]))
        XCTAssertEqual(bi.shape, [2, 3, 2])
        XCTAssertEqual(bi.scalars[1 * 6 + 2 * 2 + 1], Special.betaI(2, 3, 0.5))
        XCTAssertEqual(bi.scalars[0], 0.25, accuracy: 1e-15, "I_x(1, 1) = x")
        assertTError(["gammaP", "[2]", "[3]"]) { try Tensor.gammaP(makeT([2], [1, 2]), makeT([3], [1, 2, 3])) }
        assertTError(["betaI"]) { try Tensor.betaI(makeT([2], [1, 2]), makeT([3], [1, 2, 3]), Tensor(0.5)) }
    }
}
