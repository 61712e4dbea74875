import XCTest
import Foundation
@testable import ThetaTensor

/// The fine tables (`VectorMath+FineTable.swift`) and the log-sum-exp kernels built on them
/// (`VectorMath+LogSumExp.swift`), against extended-precision references computed here.
final class VectorMathFineTests: XCTestCase {
    /// `D_j = 2^{j/2048} − 1` and `T_j = 2^{j/2048}` against
    /// the x87 `exp2` (64-bit significand): each within half an ulp (plus the reference's own
    /// error), that is, correctly rounded.
    func testFineTablesMatchExtendedPowersOfTwo() throws {
        #if arch(x86_64) && !os(Windows)
        for j in 0..<2048 {
            let p = Foundation.exp2(Float80(j) / 2048)
            let t = VectorMath.fineExpTable[j], d = VectorMath.fineTable[j]
            // The reference carries about 2^-64 absolute (a thousandth of an ulp of T).
            XCTAssertLessThanOrEqual(Swift.abs(Float80(t) - p), Float80(t.ulp) * 0.501, "T j = \(j)")
            XCTAssertLessThanOrEqual(Swift.abs(Float80(d) - (p - 1)), Float80(d.ulp) * 0.501 + 0x1p-63, "D j = \(j)")
        }
        XCTAssertEqual(VectorMath.fineTable[0], 0)
        XCTAssertEqual(VectorMath.fineExpTable[0], 1)
        #else
        throw XCTSkip("needs Float80")
        #endif
    }

    /// Platform-independent identities: `T_1024 = √2`, `T_j·T_{2048−j} = 2` to within two ulps,
    /// and `D_j = T_j − 1` to within an ulp of `T_j`.
    func testFineTablesSatisfyIdentities() {
        XCTAssertEqual(VectorMath.fineExpTable[1024], 2.0.squareRoot())
        for j in 1..<2048 {
            XCTAssertEqual(VectorMath.fineExpTable[j] * VectorMath.fineExpTable[2048 - j], 2, accuracy: 2 * 2.0.ulp, "j = \(j)")
            XCTAssertEqual(VectorMath.fineTable[j], VectorMath.fineExpTable[j] - 1, accuracy: VectorMath.fineExpTable[j].ulp, "j = \(j)")
        }
    }

    /// The `log` table (`VectorMath+LogTable.swift`): `logc = −log(invc)` to within 0.1 ulp
    /// against the x87 `log`, `(1, 0)` next to 1, and `|z·invc − 1|` within the bound the
    /// polynomial assumes at both ends of every subinterval.
    func testLogTableEntries() throws {
        let off: UInt64 = 0x3FE6_0000_0000_0000
        for i in 0..<512 {
            let invc = VectorMath.logTable[2 * i], logc = VectorMath.logTable[2 * i + 1]
            let zLow = Double(bitPattern: off + (UInt64(i) << 43))
            let zHigh = Double(bitPattern: off + (UInt64(i + 1) << 43)).nextDown
            let bound = i == 320 ? 0x1p-9 : 0x1p-10
            XCTAssertLessThanOrEqual(Swift.abs(zLow * invc - 1), bound, "i = \(i)")
            XCTAssertLessThanOrEqual(Swift.abs(zHigh * invc - 1), bound, "i = \(i)")
            if i == 319 || i == 320 {
                XCTAssertEqual(invc, 1)
                XCTAssertEqual(logc, 0)
                continue
            }
            #if arch(x86_64) && !os(Windows)
            let exact = -Foundation.log(Float80(invc))
            XCTAssertLessThanOrEqual(Swift.abs(Float80(logc) - exact), Float80(logc.ulp) * 0.1 + Swift.abs(exact) * 0x1p-63,
                                     "i = \(i)")
            #endif
        }
    }

    /// `Σ e^{x_i − m}` by `sumExpBelow` against an extended sum, at every tail length.
    func testSumExpBelowMatchesExtendedSum() {
        let xs = randomPoints(10_003, -40, 3, seed: 21) + [-.infinity, -800, -707.9, -708.1]
        for count in [1, 7, 8, 9, 100, xs.count] {
            let part = Array(xs.prefix(count))
            let m = part.max() ?? 0
            let total = part.withUnsafeBufferPointer { VectorMath.sumExpBelow($0.baseAddress!, shift: m, count: count) }
            var reference: Float80 = 0
            for x in part { reference += Foundation.exp(Float80(x) - Float80(m)) }
            // Each term within about 1.3 ulp; the rest is the additions' own rounding (the
            // same bound as `VectorMath.sumExp`'s test).
            XCTAssertEqual(total, Double(reference), accuracy: 1e-14 * Double(reference), "count \(count)")
        }
    }

    /// The one-pass log-sum-exp where it applies, against an extended-precision reference.
    func testOnePassLogSumExpAgainstExtendedPrecision() throws {
        for (lo, hi, n, seed) in [(-1.0, 1.0, 100_003, 22 as UInt64), (-300, 250, 4_001, 23), (-30, 5, 17, 24),
                                  (1e6, 1e6 + 40, 1_000, 25), (-1e6 - 40, -1e6, 1_000, 26)] {
            let xs = randomPoints(n, lo, hi, seed: seed)
            let got = xs.withUnsafeBufferPointer { VectorMath.logSumExpOnePass($0.baseAddress!, count: n) }
            let m = Float80(xs.max() ?? 0)
            var s: Float80 = 0
            for x in xs { s += Foundation.exp(Float80(x) - m) }
            let want = Double(m + Foundation.log(s))
            let v = try XCTUnwrap(got, "range [\(lo), \(hi)]")
            XCTAssertEqual(v, want, accuracy: 4e-16 * Swift.max(1, Swift.abs(want)) + 2e-16 * Double(Foundation.log(s)),
                           "range [\(lo), \(hi)], n = \(n)")
        }
    }

    /// Where the one pass cannot vouch for its result it declines, and the reduction still
    /// gives the exact two-pass value (NaN, `+inf`, a spread beyond the shift's reach, an all
    /// `-inf` start); `-inf` entries after a finite start are summed in the one pass.
    func testOnePassDeclinesAndTheReductionFallsBack() throws {
        var base = randomPoints(64, -2, 2, seed: 27)
        func lse(_ v: [Double]) throws -> Double { try Tensor(v).reduce(.logsumexp).scalars[0] }
        func onePass(_ v: [Double]) -> Double? {
            v.withUnsafeBufferPointer { VectorMath.logSumExpOnePass($0.baseAddress!, count: v.count) }
        }
        var withNaN = base; withNaN[40] = .nan
        XCTAssertNil(onePass(withNaN))
        XCTAssertTrue(try lse(withNaN).isNaN)
        var withInf = base; withInf[41] = .infinity
        XCTAssertNil(onePass(withInf))
        XCTAssertEqual(try lse(withInf), .infinity)
        var wide = base; wide[50] = 1000   // 1000 above the provisional shift
        XCTAssertNil(onePass(wide))
        XCTAssertEqual(try lse(wide), 1000)
        var low = base; for i in 0..<8 { low[i] = 2000 }   // the shift far above every later entry
        let lowWant = 2000 + Foundation.log(8.0)
        XCTAssertEqual(try lse(low), lowWant, accuracy: 1e-13)
        var negInf = base; for i in 0..<8 { negInf[i] = -.infinity }
        XCTAssertNil(onePass(negInf))
        var withNegInf = base; withNegInf[30] = -.infinity
        let v = try XCTUnwrap(onePass(withNegInf))
        withNegInf.remove(at: 30)
        base = withNegInf
        let m = base.max() ?? 0
        let want = m + Foundation.log(base.reduce(0) { $0 + Foundation.exp($1 - m) })
        XCTAssertEqual(v, want, accuracy: 1e-15 * Swift.max(1, Swift.abs(want)))
    }
}
