import XCTest
import Foundation
@testable import ThetaTensor

/// IEEE special values, range thresholds and exact points, through both the scalar forms and
/// the buffer (lane) forms. Expected values are the IEEE 754 / C99 Annex F definitions, or the
/// extended-precision reference rounded once.
final class VectorMathSpecialValueTests: XCTestCase {
    /// Each value evaluated alone (scalar form) and inside a full vector of its own copies
    /// (lane form); both must give `expected` (NaN matches NaN; the sign of zero is checked).
    func check(_ name: String, _ scalar: (Double) -> Double,
               _ buffer: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void,
               _ cases: [(Double, Double)], file: StaticString = #filePath, line: UInt = #line) {
        for (x, expected) in cases {
            let xs = [Double](repeating: x, count: 8)
            var ys = [Double](repeating: 0, count: 8)
            xs.withUnsafeBufferPointer { s in
                ys.withUnsafeMutableBufferPointer { d in
                    if let s = s.baseAddress, let d = d.baseAddress { buffer(s, d, 8) }
                }
            }
            for (form, y) in [("scalar", scalar(x)), ("lanes", ys[3])] {
                if expected.isNaN {
                    XCTAssertTrue(y.isNaN, "\(name)(\(x)) \(form) = \(y), expected NaN", file: file, line: line)
                } else {
                    XCTAssertEqual(y.bitPattern, expected.bitPattern,
                                   "\(name)(\(x)) \(form) = \(y), expected \(expected)", file: file, line: line)
                }
            }
        }
    }

    /// `f` in extended precision at the Double `x` (not at a Float80 literal), rounded once.
    func extended(_ f: (Float80) -> Float80, _ x: Double) -> Double { Double(f(Float80(x))) }

    func testExpSpecialValuesAndThresholds() {
        let tiny = Double.leastNonzeroMagnitude
        check("exp", VectorMath.exp, VectorMath.exp(_:into:count:), [
            (0, 1), (-0.0, 1), (.infinity, .infinity), (-.infinity, 0), (.nan, .nan),
            (1, extended(Foundation.exp, 1)),
            (709.78, extended(Foundation.exp, 709.78)),
            (709.782712893384, extended(Foundation.exp, 709.782712893384)), // just below DBL_MAX
            (709.7827128933841, .infinity), (710, .infinity), (1e300, .infinity),
            (-708.39, extended(Foundation.exp, -708.39)),                     // near DBL_MIN
            (-720, extended(Foundation.exp, -720)),                           // subnormal
            (-745.13, extended(Foundation.exp, -745.13)),                     // 4.9e-324 region
            (-745.1332191019411, tiny),                                             // rounds up to 2^-1074
            (-745.1332191019412, 0), (-746, 0), (-1e300, 0),
            (0x1p-60, 1), (-0x1p-60, 1), (tiny, 1),
        ])
    }

    func testExpm1SpecialValues() {
        check("expm1", VectorMath.expm1, VectorMath.expm1(_:into:count:), [
            (0, 0), (-0.0, -0.0), (.infinity, .infinity), (-.infinity, -1), (.nan, .nan),
            (1e-300, 1e-300), (-1e-300, -1e-300), (Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude),
            (-40, -1), (-1000, -1), (710, .infinity),
            (1e-10, extended(Foundation.expm1, 1e-10)),
        ])
    }

    func testLogSpecialValuesAndSubnormals() {
        let tiny = Double.leastNonzeroMagnitude
        check("log", VectorMath.log, VectorMath.log(_:into:count:), [
            (1, 0), (0, -.infinity), (-0.0, -.infinity), (-1, .nan), (-.infinity, .nan),
            (.infinity, .infinity), (.nan, .nan), (-tiny, .nan),
            (2, extended(Foundation.log, 2)), (0.5, extended(Foundation.log, 0.5)),
            (tiny, extended(Foundation.log, tiny)),                       // -744.44
            (Double.leastNormalMagnitude, extended(Foundation.log, Double.leastNormalMagnitude)),
            (0x1.8p-1060, extended(Foundation.log, 0x1.8p-1060)),           // subnormal
            (Double.greatestFiniteMagnitude, extended(Foundation.log, Double.greatestFiniteMagnitude)),
            (1.0.nextUp, extended(Foundation.log, 1.0.nextUp)),
            (1.0.nextDown, extended(Foundation.log, 1.0.nextDown)),
        ])
    }

    func testTanhSpecialValuesAndSaturation() {
        check("tanh", VectorMath.tanh, VectorMath.tanh(_:into:count:), [
            (0, 0), (-0.0, -0.0), (.infinity, 1), (-.infinity, -1), (.nan, .nan),
            (1e-300, 1e-300), (-1e-300, -1e-300), (Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude),
            (19.1, 1), (-19.1, -1), (20, 1), (-1e300, -1),
            (0.5, extended(Foundation.tanh, 0.5)),
            (-3, extended(Foundation.tanh, -3)),
        ])
    }

    func testSigmoidSpecialValuesAndTails() {
        check("sigmoid", VectorMath.sigmoid, VectorMath.sigmoid(_:into:count:), [
            (0, 0.5), (-0.0, 0.5), (.infinity, 1), (-.infinity, 0), (.nan, .nan),
            (40, 1), (800, 1), (-800, 0),
            (-720, extended(Foundation.exp, -720)),        // subnormal: sigmoid(x) = e^x
            (-100, extended({ 1 / (1 + Foundation.exp(-$0)) }, -100)),
        ])
    }

    /// Identities that hold exactly in floating point: `exp(k·ln 2)` near powers of two,
    /// `log(2^k) = k·ln 2` to within one rounding, oddness of `tanh`, `sigmoid(x) + sigmoid(-x) = 1`.
    func testIdentities() {
        for k in -1074...1023 {
            let p = Double(sign: .plus, exponent: k, significand: 1)
            let expected = Double(Float80(k) * Foundation.log(Float80(2)))
            XCTAssertLessThanOrEqual(ulpSteps(VectorMath.log(p), expected), 1, "log(2^\(k))")
        }
        for x in sweep(-25, 25, 5001) {
            XCTAssertEqual(VectorMath.tanh(-x), -VectorMath.tanh(x), "tanh is odd at \(x)")
            XCTAssertEqual(VectorMath.sigmoid(x) + VectorMath.sigmoid(-x), 1, accuracy: 2.3e-16, "at \(x)")
        }
    }
}
