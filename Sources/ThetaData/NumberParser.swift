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
/// The significant digits, up to 19, are accumulated in a `UInt64` w with a decimal exponent q.
/// Fastest path (Clinger 1990): when w < 2⁵³ and |q| ≤ 22, both w and 10^|q| are exact doubles,
/// so one IEEE multiplication or division gives the correctly rounded result. Otherwise the
/// Eisel–Lemire algorithm (`eiselLemire`) decides almost every case with 128-bit products.
/// What remains (more than 19 significant digits, subnormals, undecided products) goes to the
/// C library's `strtod`, which is correctly rounded, on a NUL-terminated copy of the already
/// validated text.
enum NumberParser {
    static let powersOfTen: [Double] = (0...22).map { k in
        var x = 1.0
        for _ in 0..<k { x *= 10 }  // exact: 10^k < 2^53 · 2^k for k ≤ 22
        return x
    }

    /// The number in `p[0..<count]`, or nil when the text is not a number.
    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var i = 0, n = count
        while i < n, p[i] == 32 || p[i] == 9 { i += 1 }
        while n > i, p[n - 1] == 32 || p[n - 1] == 9 { n -= 1 }
        if i == n { return .nan }
        if let (v, end) = decimal(p, from: i, to: n), end == n { return v }
        return word(p + i, n - i)
    }

    /// The decimal number starting exactly at `p[from]` (no leading space) and the offset
    /// where its text ends; nil when no number starts there. The caller checks what follows.
    @inline(__always)
    static func decimal(_ p: UnsafePointer<UInt8>, from: Int, to n: Int) -> (Double, Int)? {
        var i = from
        guard i < n else { return nil }
        var negative = false
        if p[i] == 45 { negative = true; i += 1 } else if p[i] == 43 { i += 1 }
        // Every mantissa digit goes into w (leading zeros add nothing); only when there are
        // more than 19 digits is the count of significant ones needed.
        var w: UInt64 = 0
        let mantissaStart = i
        while i < n {
            let d = p[i] &- 48
            if d >= 10 { break }
            w = w &* 10 &+ UInt64(d)
            i += 1
        }
        var digits = i - mantissaStart
        var fraction = 0
        if i < n, p[i] == 46 {
            i += 1
            let fractionStart = i
            while i < n {
                let d = p[i] &- 48
                if d >= 10 { break }
                w = w &* 10 &+ UInt64(d)
                i += 1
            }
            fraction = i - fractionStart
            digits += fraction
        }
        if digits == 0 { return nil }
        let mantissaEnd = i
        var q = -fraction
        if i < n, p[i] == 101 || p[i] == 69 {
            i += 1
            var expNegative = false
            if i < n, p[i] == 45 { expNegative = true; i += 1 } else if i < n, p[i] == 43 { i += 1 }
            var e = 0, expDigits = 0
            while i < n {
                let d = p[i] &- 48
                if d >= 10 { break }
                if e < 100_000 { e = e &* 10 &+ Int(d) }
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return nil }
            q += expNegative ? -e : e
        }
        if digits > 19 {
            var k = mantissaStart
            while k < mantissaEnd, p[k] == 48 || p[k] == 46 { k += 1 }
            var significant = 0
            while k < mantissaEnd { if p[k] != 46 { significant += 1 }; k += 1 }
            if significant > 19 {
                guard let v = slow(p + from, i - from) else { return nil }
                return (v, i)
            }
        }
        if w == 0 { return (negative ? -0.0 : 0.0, i) }
        if w < (1 << 53), q >= -22, q <= 22 {
            let m = Double(w)
            let v = q < 0 ? m / powersOfTen[-q] : m * powersOfTen[q]
            return (negative ? -v : v, i)
        }
        if let v = eiselLemire(w, q) { return (negative ? -v : v, i) }
        guard let v = slow(p + from, i - from) else { return nil }
        return (v, i)
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
