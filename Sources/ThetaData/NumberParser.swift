#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal text to `Double`, correctly rounded, without allocating.
///
/// Grammar (after trimming spaces and tabs): `[+-] digits [. digits] [(e|E) [+-] digits]` with
/// at least one digit in the mantissa, or a missing-value word (empty, `NA`, `NaN`, `null`,
/// ...) giving NaN, or `inf` / `infinity` with an optional sign, or `true` / `false` (1 / 0).
///
/// Fast path (Clinger 1990): the significant digits, up to 19, are accumulated in a `UInt64` w
/// with a decimal exponent q. When w < 2⁵³ and |q| ≤ 22, both w and 10^|q| are exact doubles, so
/// one IEEE multiplication or division gives the correctly rounded result. Everything else
/// (more digits, larger exponents) goes to the C library's `strtod`, which is correctly
/// rounded, on a NUL-terminated copy of the already validated text.
enum NumberParser {
    @usableFromInline static let powersOfTen: [Double] = (0...22).map { k in
        var x = 1.0
        for _ in 0..<k { x *= 10 }  // exact: 10^k < 2^53 · 2^k for k ≤ 22
        return x
    }

    /// The number in `p[0..<count]`, or nil when the text is not a number.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0, n = count
        while i < n, p[i] == 32 || p[i] == 9 { i += 1 }
        while n > i, p[n - 1] == 32 || p[n - 1] == 9 { n -= 1 }
        if i == n { return .nan }
        let start = i
        var negative = false
        if p[i] == 45 { negative = true; i += 1 } else if p[i] == 43 { i += 1 }
        var w: UInt64 = 0
        var significant = 0, q = 0
        var digits = 0
        var inexact = false
        while i < n {
            let d = p[i] &- 48
            if d >= 10 { break }
            digits += 1
            if w == 0 && d == 0 {
                // leading zero: not significant
            } else if significant < 19 {
                w = w &* 10 &+ UInt64(d); significant += 1
            } else {
                q += 1
                if d != 0 { inexact = true }
            }
            i += 1
        }
        if i < n, p[i] == 46 {
            i += 1
            while i < n {
                let d = p[i] &- 48
                if d >= 10 { break }
                digits += 1
                if w == 0 && d == 0 {
                    q -= 1
                } else if significant < 19 {
                    w = w &* 10 &+ UInt64(d); significant += 1; q -= 1
                } else if d != 0 {
                    inexact = true
                }
                i += 1
            }
        }
        if digits == 0 { return word(p + start, n - start) }
        if i < n, p[i] == 101 || p[i] == 69 {
            i += 1
            var expNegative = false
            if i < n, p[i] == 45 { expNegative = true; i += 1 } else if i < n, p[i] == 43 { i += 1 }
            var e = 0, expDigits = 0
            while i < n {
                let d = p[i] &- 48
                if d >= 10 { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return nil }
            q += expNegative ? -e : e
        }
        if i != n { return nil }
        if w == 0 { return negative ? -0.0 : 0.0 }
        if !inexact, w < (1 << 53), q >= -22, q <= 22 {
            let m = Double(w)
            let v = q < 0 ? m / powersOfTen[-q] : m * powersOfTen[q]
            return negative ? -v : v
        }
        return slow(p + start, n - start)
    }

    /// `strtod` on a NUL-terminated copy (the text is already known to be a decimal number).
    static func slow(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        if count < 128 {
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buf in
                for k in 0..<count { buf[k] = CChar(bitPattern: p[k]) }
                buf[count] = 0
                return buf.baseAddress.map { strtod($0, nil) }
            }
        }
        var copy = [CChar](repeating: 0, count: count + 1)
        for k in 0..<count { copy[k] = CChar(bitPattern: p[k]) }
        return strtod(copy, nil)
    }

    /// Missing-value words (NaN), infinities and booleans, as pandas reads them.
    static func word(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        guard count <= 12 else { return nil }
        var s = ""
        for k in 0..<count { s.unicodeScalars.append(Unicode.Scalar(p[k])) }
        switch s.lowercased() {
        case "na", "n/a", "#n/a", "nan", "-nan", "+nan", "null", "none", "<na>": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "true": return 1
        case "false": return 0
        default: return nil
        }
    }
}
