/// The `tanh` table (`VectorMath+Logistic.swift`): `T_j = tanh(j/64)` for `j = 0, …, 2047`,
/// each rounded to the nearest Double. `tanh` reads entries `0 … 1222` (its argument is
/// clamped to `tanhSaturation = 19.1`, and `round(64·19.1 − 1/2) = 1222`); from `j = 1220`
/// on the entries are exactly 1 (`1 − tanh(19.0625) < 2^-54`). The table has a power-of-two
/// length so that the index, masked to `tanhTableBits` bits, stays inside it for any input,
/// NaN included. 16 KB, as the fine tables (`VectorMath+FineTable.swift`).
///
/// Derivation, computed once at first use in double-double arithmetic (`DoubleDouble`):
/// `e^{1/32}` from its Taylor series through `h^20/20!` (`h = 1/32`, Horner form, each factor
/// `h/k` known to 2^-106), then `e^{2^b/32}` for `b = 1, …, 10` by squaring and `e^{j/32}` as
/// the product over the binary digits of `j`, all to about 2^-93 relative. With
/// `E = e^{2b} − 1` (`b = j/64`; the subtraction of 1 is exact in double-double, and loses at
/// most five of the 106 bits, at `j = 1`), `tanh(b) = E/(E + 2)` is one double-double
/// quotient: a Double quotient corrected by its residual. Each `T_j` is thus known to about
/// 2^-90 relative before its one rounding.
extension VectorMath {
    /// `log2` of the number of entries.
    @usableFromInline static let tanhTableBits = 11
    /// `T_0, …, T_1023`: 1024 Doubles, allocated once and never written again.
    @usableFromInline nonisolated(unsafe) static let tanhTable: UnsafePointer<Double> = makeTanhTable()

    static func makeTanhTable() -> UnsafePointer<Double> {
        let count = 1 << tanhTableBits
        let table = UnsafeMutablePointer<Double>.allocate(capacity: count)
        // powers[b] = e^{2^b / 32}.
        var powers = [DoubleDouble]()
        var p = tanhExpThirtySecond()
        for _ in 0..<tanhTableBits {
            powers.append(p)
            p = p * p
        }
        for j in 0..<count {
            var v = DoubleDouble(1, 0)
            for b in 0..<tanhTableBits where j & (1 << b) != 0 { v = v * powers[b] }
            // E = v − 1 (v.hi − 1 is exact while v.hi < 2^53; beyond, the 1 it may lose is
            // far below an ulp of the result, which is then 1), then D = E + 2.
            let e = DoubleDouble.fastTwoSum(v.hi - 1, v.lo)
            let s = DoubleDouble.twoSum(e.hi, 2)
            let d = DoubleDouble.fastTwoSum(s.hi, s.lo + e.lo)
            // E/D: q1 = E.hi/D.hi, then the residual E − q1·D (q1·D.hi exact) over D.hi.
            let q1 = e.hi / d.hi
            let m = DoubleDouble.twoProduct(q1, d.hi)
            let rho = ((e.hi - m.hi) - m.lo) + (e.lo - q1 * d.lo)
            table[j] = q1 + rho / d.hi
        }
        return UnsafePointer(table)
    }

    /// `e^{1/32}` in double-double: `1 + h(1 + h/2(1 + h/3(…(1 + h/20))))`, `h = 1/32`
    /// (the first omitted term, `h^21/21!`, is below 2^-170).
    static func tanhExpThirtySecond() -> DoubleDouble {
        var acc = DoubleDouble(1, 0)
        for k in stride(from: 20, through: 1, by: -1) {
            let kd = Double(k)
            let inv = 1 / kd
            // 1/k = inv + (1 − inv·k)/k, the residual exact in one fused multiply-add.
            let factor = DoubleDouble(inv / 32, (1 as Double).addingProduct(-inv, kd) / kd / 32)
            let prod = acc * factor
            let s = DoubleDouble.twoSum(1, prod.hi)
            acc = DoubleDouble.fastTwoSum(s.hi, s.lo + prod.lo)
        }
        return acc
    }
}
