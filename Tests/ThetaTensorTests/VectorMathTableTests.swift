import XCTest
import Foundation
@testable import ThetaTensor

/// The table of `exp` (`VectorMath+ExpTable.swift`): `2^{j/64} = hi_j + lo_j`.
final class VectorMathTableTests: XCTestCase {
    func entry(_ j: Int) -> (hi: Double, lo: Double) {
        (VectorMath.expTable[2 * j], VectorMath.expTable[2 * j + 1])
    }

    /// Against the x87 extended `exp2` (64-bit significand): the pair agrees to the
    /// reference's own precision, and `hi` is the correctly rounded value.
    func testEntriesMatchExtendedPrecisionPowersOfTwo() throws {
        #if arch(x86_64) && !os(Windows)
        for j in 0..<64 {
            let (hi, lo) = entry(j)
            let reference = Foundation.exp2(Float80(j) / 64)
            let pair = Float80(hi) + Float80(lo)
            XCTAssertLessThanOrEqual(Swift.abs(pair - reference) / reference, 0x1p-62, "j = \(j)")
            XCTAssertEqual(hi, Double(reference), "j = \(j): hi is the rounded value")
            XCTAssertLessThanOrEqual(Swift.abs(lo), hi.ulp / 2, "j = \(j): lo is a remainder")
        }
        #else
        throw XCTSkip("needs Float80")
        #endif
    }

    /// Platform-independent identities: `2^0 = 1` exactly, `2^{j/64}·2^{(64−j)/64} = 2` and
    /// `(2^{j/64})² = 2^{2j/64}` to within an ulp of the product.
    func testEntriesSatisfyPowerIdentities() {
        XCTAssertEqual(entry(0).hi, 1)
        XCTAssertEqual(entry(0).lo, 0)
        XCTAssertEqual(entry(32).hi, 2.0.squareRoot())
        for j in 1..<64 {
            let a = entry(j), b = entry(64 - j)
            XCTAssertEqual(a.hi * b.hi, 2, accuracy: 2 * 2.0.ulp, "j = \(j)")
        }
        for j in 1..<32 {
            let a = entry(j), sq = entry(2 * j)
            XCTAssertEqual(a.hi * a.hi, sq.hi, accuracy: 2 * sq.hi.ulp, "j = \(j)")
        }
    }

    /// `exp` at the table's nodes `x = j·(ln 2)/64` is `2^{j/64}` to within an ulp.
    func testExpAtTableNodes() {
        for j in -128...128 {
            let x = Double(j) * (Foundation.log(2.0) / 64)
            XCTAssertEqual(VectorMath.exp(x), Foundation.exp(x), accuracy: Foundation.exp(x).ulp, "j = \(j)")
        }
    }
}
