import XCTest
@testable import ThetaData
import ThetaTensor
#if canImport(Glibc)
import Glibc
#endif

/// The decimal parser against the C library's correctly rounded `strtod` on random decimals of
/// every length and exponent, so each of its paths (Clinger, Eisel–Lemire, fallback) is checked.
final class NumberParserTests: XCTestCase {
    func parse(_ s: String) -> Double? {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { b in b.baseAddress.flatMap { NumberParser.parse($0, b.count) } }
    }

    func testRandomDecimalsMatchStrtod() {
        var rng = RandomGenerator(seed: 21)
        var mismatches = 0
        for k in 0..<200_000 {
            let digits = 1 + Int(rng.below(k % 2 == 0 ? 19 : 24))
            var mantissa = ""
            for _ in 0..<digits { mantissa.append(Character(Unicode.Scalar(UInt8(48 + rng.below(10))))) }
            let exponent = Int(rng.below(700)) - 360
            let point = Int(rng.below(UInt64(digits + 1)))
            var text = String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
            if k % 3 != 0 { text += "e\(exponent)" }
            if rng.below(2) == 0 { text = "-" + text }
            let expected = strtod(text, nil)
            if parse(text)?.bitPattern != expected.bitPattern {
                mismatches += 1
                if mismatches < 5 { XCTFail("\(text): \(String(describing: parse(text))) != \(expected)") }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    func testShortestReprsOfRandomDoublesRoundTrip() {
        var rng = RandomGenerator(seed: 22)
        for _ in 0..<100_000 {
            let x = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            XCTAssertEqual(parse(x.description)?.bitPattern, x.bitPattern, x.description)
        }
    }

    func testEdgeCases() {
        XCTAssertEqual(parse("4.9406564584124654e-324"), 5e-324)
        XCTAssertEqual(parse("2.4703282292062328e-324"), 5e-324)  // just above half the smallest subnormal
        XCTAssertEqual(parse("1.7976931348623159e308"), .infinity)
        XCTAssertEqual(parse("9007199254740993"), 9007199254740992)  // halfway: to even
        XCTAssertEqual(parse("1e-400"), 0)
        XCTAssertEqual(parse("-0"), 0)
        XCTAssertEqual(parse("-0")?.sign, .minus)
        XCTAssertNil(parse("1e"))
        XCTAssertNil(parse("1.2.3"))
        XCTAssertNil(parse("0x10"))
    }
}
