/// The table behind `exp`: `2^{j/64} = hi_j + lo_j` for `j = 0, …, 63`, each entry as an
/// unevaluated sum of two Doubles (`hi_j` the value rounded, `lo_j` the remainder), so the
/// table carries about 106 bits.
///
/// Derivation, computed once at first use in double-double arithmetic (no pasted constants):
/// `2^{1/2} = √2`, `2^{1/4} = √(2^{1/2})`, …, `2^{1/64}` by six double-double square roots
/// starting from 2, then `2^{j/64} = Π_{b : bit b of j set} 2^{2^b/64}` by double-double
/// products over the binary digits of `j` (at most six factors). Each double-double
/// operation is accurate to a few units of 2^-104, so every entry is within about 2^-100
/// relative of the true value: `hi_j` is the correctly rounded Double (barring a value that
/// close to a rounding boundary, which `VectorMathTableTests` rules out against the x87
/// extended `exp2`) and `hi_j + lo_j` is exact far below the accuracy `exp` needs.
///
/// The double-double building blocks need no fused multiply-add: products are made exact by
/// Veltkamp's split (Dekker's `twoProduct`).
extension VectorMath {
    /// `hi_0, lo_0, hi_1, lo_1, …`: 128 Doubles, allocated once and never written again.
    /// Immutable after its (thread-safe, lazy) initialization, hence shareable.
    @usableFromInline nonisolated(unsafe) static let expTable: UnsafePointer<Double> = makeExpTable()

    static func makeExpTable() -> UnsafePointer<Double> {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 128)
        // roots[b] = 2^{2^b / 64}: roots[5] = √2, roots[4] = 2^{1/4}, …, roots[0] = 2^{1/64}.
        var roots = [DoubleDouble](repeating: DoubleDouble(1, 0), count: 6)
        var r = DoubleDouble(2, 0)
        for b in stride(from: 5, through: 0, by: -1) {
            r = r.squareRoot()
            roots[b] = r
        }
        for j in 0..<64 {
            var v = DoubleDouble(1, 0)
            for b in 0..<6 where j & (1 << b) != 0 { v = v * roots[b] }
            table[2 * j] = v.hi
            table[2 * j + 1] = v.lo
        }
        return UnsafePointer(table)
    }
}

/// A double-double number `hi + lo` with `|lo| ≤ ulp(hi)/2`: just the operations the table
/// needs (Dekker 1971; Shewchuk 1997).
struct DoubleDouble {
    var hi: Double
    var lo: Double

    init(_ hi: Double, _ lo: Double) { self.hi = hi; self.lo = lo }

    /// `a + b = s + e` exactly, for `|a| ≥ |b|` (Fast2Sum).
    static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(s, b - (s - a))
    }

    /// `a + b = s + e` exactly, for any order of magnitudes (Knuth's TwoSum).
    static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bv = s - a
        return DoubleDouble(s, (a - (s - bv)) + (b - bv))
    }

    /// Veltkamp's split: `a = hi + lo` with each half of at most 26 significant bits, so
    /// that products of halves are exact.
    static func split(_ a: Double) -> (hi: Double, lo: Double) {
        let c = 134_217_729.0 * a   // 2^27 + 1
        let hi = c - (c - a)
        return (hi, a - hi)
    }

    /// `a·b = p + e` exactly (Dekker), barring overflow and underflow.
    static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        let (ah, al) = split(a), (bh, bl) = split(b)
        let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
        return DoubleDouble(p, e)
    }

    /// The product, to about 2^-104 relative: `hi·hi'` exactly plus the cross terms.
    static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let p = twoProduct(x.hi, y.hi)
        return fastTwoSum(p.hi, p.lo + (x.hi * y.lo + x.lo * y.hi))
    }

    /// The square root of a positive value, to about 2^-104 relative: one Newton step from
    /// the Double root `s`, `√v ≈ s + (v − s²)/(2s)`, with `s²` exact.
    func squareRoot() -> DoubleDouble {
        let s = hi.squareRoot()
        let sq = DoubleDouble.twoProduct(s, s)
        let d = (((hi - sq.hi) - sq.lo) + lo) / (2 * s)
        return DoubleDouble.fastTwoSum(s, d)
    }
}
