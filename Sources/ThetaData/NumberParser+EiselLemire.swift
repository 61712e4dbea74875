/// The Eisel–Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", Software:
/// Practice and Experience 51, 2021): the correctly rounded double nearest w · 10^q for a
/// decimal mantissa w < 2⁶⁴ known exactly, using one or two 64 × 64 → 128-bit products with a
/// table of 128-bit approximations of 5^q. When the truncated product leaves the rounding
/// undecided (rare), or the result is subnormal, it returns nil and the caller falls back to
/// `strtod`.
extension NumberParser {
    static func eiselLemire(_ w: UInt64, _ q: Int) -> Double? {
        if w == 0 || q < smallestPowerOfTen { return 0 }  // w < 10^19, so w · 10^-343 < 2^-1075
        if q > largestPowerOfTen { return .infinity }
        // Normalize w so its top bit is set; w · 5^q · 2^q is then computed as a 128-bit
        // product whose leading 55 bits are exact unless the low bits are all ones.
        let lz = w.leadingZeroBitCount
        let wn = w << UInt64(lz)
        let index = 2 * (q - smallestPowerOfTen)
        var (hi, lo) = wn.multipliedFullWidth(by: powersOfFive[index])
        let precisionMask: UInt64 = .max >> 55
        if hi & precisionMask == precisionMask {
            let (hi2, _) = wn.multipliedFullWidth(by: powersOfFive[index + 1])
            let (sum, carry) = lo.addingReportingOverflow(hi2)
            lo = sum
            if carry { hi &+= 1 }
        }
        // The 128-bit product may still be one short of deciding: only safe where 5^q is
        // represented exactly (q in -27...55).
        if lo == .max, q < -27 || q > 55 { return nil }
        let upper = Int(hi >> 63)
        var mantissa = hi >> UInt64(upper + 9)
        // power(q) = ⌊q · log2(10)⌋ + 63, with log2(10) ≈ (152170 + 65536) / 2^16.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upper - lz + 1023
        if power2 <= 0 { return nil }  // subnormal: leave it to strtod
        // A product exactly halfway between two doubles rounds to even; that can only
        // happen for small |q| (5^q exact).
        if lo <= 1, q >= -4, q <= 23, mantissa & 3 == 1, mantissa << UInt64(upper + 9) == hi {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= (2 << 52) {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        if power2 >= 0x7FF { return .infinity }
        return Double(bitPattern: mantissa | UInt64(power2) << 52)
    }
}
