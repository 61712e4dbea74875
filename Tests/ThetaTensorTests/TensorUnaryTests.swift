import XCTest
import Foundation
@testable import ThetaTensor

final class TensorUnaryTests: XCTestCase {
    func testEveryFunctionMatchesItsDefinitionPointwise() {
        let xs: [Double] = [-3.5, -1, -0.25, 0, 0.3, 1, 2.5, 7]
        let t = Tensor(xs)
        for f in UnaryFunction.allCases {
            let y = t.apply(f)
            XCTAssertEqual(y.shape, [xs.count])
            for (i, x) in xs.enumerated() {
                let expected: Double
                switch f {
                case .neg: expected = -x
                case .exp: expected = Foundation.exp(x)
                case .log: expected = Foundation.log(x)
                case .sqrt: expected = Foundation.sqrt(x)
                case .abs: expected = Swift.abs(x)
                case .sin: expected = Foundation.sin(x)
                case .cos: expected = Foundation.cos(x)
                case .tan: expected = Foundation.tan(x)
                case .tanh: expected = Foundation.tanh(x)
                case .sigmoid: expected = 1 / (1 + Foundation.exp(-x))
                case .relu: expected = x > 0 ? x : 0
                case .softplus: expected = Foundation.log(1 + Foundation.exp(x))
                case .log1p: expected = Foundation.log(1 + x)
                case .expm1: expected = Foundation.exp(x) - 1
                case .floor: expected = Foundation.floor(x)
                case .ceil: expected = Foundation.ceil(x)
                case .round: expected = Foundation.round(x)  // no .5 ties in xs except 2.5 handled below
                case .sign: expected = x > 0 ? 1 : (x < 0 ? -1 : 0)
                case .square: expected = x * x
                case .reciprocal: expected = 1 / x
                }
                let got = y.scalars[i]
                if f == .round && x == 2.5 { XCTAssertEqual(got, 2, "round half to even"); continue }
                if f == .round && x == -3.5 { XCTAssertEqual(got, -4, "round half to even"); continue }
                if expected.isNaN { XCTAssertTrue(got.isNaN, "\(f)(\(x))"); continue }
                XCTAssertEqual(got, expected, accuracy: 1e-12 * Swift.max(1, Swift.abs(expected)), "\(f)(\(x))")
                XCTAssertEqual(f.apply(x).bitPattern, got.bitPattern, "scalar and tensor paths agree for \(f)")
            }
        }
    }

    func testLogOfNegativeIsNaNAndLogOfZeroIsMinusInfinity() {
        let y = Tensor([-1, 0]).apply(.log)
        XCTAssertTrue(y.scalars[0].isNaN)
        XCTAssertEqual(y.scalars[1], -.infinity)
    }

    func testSigmoidAndSoftplusAreStableOnBothTails() {
        XCTAssertEqual(UnaryFunction.sigmoid.apply(-1000), 0)
        XCTAssertEqual(UnaryFunction.sigmoid.apply(1000), 1)
        // sigmoid(-40) = e^-40 / (1 + e^-40) ≈ e^-40, with full relative precision.
        XCTAssertEqual(UnaryFunction.sigmoid.apply(-40), Foundation.exp(-40.0), accuracy: 1e-30)
        // softplus(x) = x + log1p(e^-x) → x for large x; ≈ e^x for very negative x.
        XCTAssertEqual(UnaryFunction.softplus.apply(1000), 1000)
        XCTAssertEqual(UnaryFunction.softplus.apply(-800), 0)
        XCTAssertEqual(UnaryFunction.softplus.apply(-40), Foundation.exp(-40.0), accuracy: 1e-30)
        XCTAssertEqual(UnaryFunction.softplus.apply(0), Foundation.log(2.0), accuracy: 1e-15)
    }

    func testNaNPropagatesThroughReluAndSign() {
        XCTAssertTrue(UnaryFunction.relu.apply(.nan).isNaN)
        XCTAssertTrue(UnaryFunction.sign.apply(.nan).isNaN)
        XCTAssertTrue(Tensor([.nan]).apply(.softplus).scalars[0].isNaN)
    }

    func testApplyKeepsShape() {
        let y = iotaT([2, 3, 4]).apply(.square)
        XCTAssertEqual(y.shape, [2, 3, 4])
        XCTAssertEqual(y.scalars[23], 23 * 23)
        XCTAssertEqual(Tensor(4).apply(.sqrt), Tensor(2))
    }
}
