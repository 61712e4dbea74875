/// The fine tables behind the short-polynomial kernels (`VectorMath+FineExp.swift`), for
/// `j = 0, …, 2047`, each entry rounded to the nearest Double:
/// - `fineTable`: `D_j = 2^{j/2048} − 1`;
/// - `fineExpTable`: `T_j = 2^{j/2048}`.
///
/// Storing `2^{j/2048} − 1` rather than `2^{j/2048}` keeps the digits that matter when the
/// table value is later combined into `e^y − 1` for small `y` (where `2^{j/2048}` rounded
/// would already have lost `log2(1/D_j)` bits of the difference), while `1 + D_j` is still
/// `2^{j/2048}` to within an ulp when the full power is wanted. One Double per entry: 16 KB,
/// which stays in the level-1 cache next to the streams a kernel reads and writes.
///
/// Derivation, computed once at first use in double-double arithmetic (as `expTable`):
/// `2^{2^b/2048}` for `b = 10, 9, …, 0` by eleven successive square roots starting from 2,
/// then `2^{j/2048}` as the product over the binary digits of `j` (at most eleven factors),
/// each double-double operation accurate to a few units of 2^-104 of the product. The
/// subtraction of 1 is exact in double-double, so `D_j` (at least `3.4e-4` for `j ≥ 1`) is
/// known to about 2^-90 relative before its one rounding.
extension VectorMath {
    /// `log2` of the number of entries.
    @usableFromInline static let fineBits = 11
    /// `D_0, …, D_2047`: 2048 Doubles, allocated once and never written again.
    @usableFromInline nonisolated(unsafe) static let fineTable: UnsafePointer<Double> = makeFineTable()

    static func makeFineTable() -> UnsafePointer<Double> {
        // v.hi ∈ [1, 2), so v.hi − 1 is exact (Sterbenz); adding v.lo rounds once.
        makeRootTable { v in (v.hi - 1) + v.lo }
    }

    /// A 2048-entry table whose entry `j` is `entry(2^{j/2048})`, the power formed in
    /// double-double from `fineRoots`; allocated once and never freed.
    static func makeRootTable(_ entry: (DoubleDouble) -> Double) -> UnsafePointer<Double> {
        let count = 1 << fineBits
        let table = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let roots = fineRoots()
        for j in 0..<count {
            var v = DoubleDouble(1, 0)
            for b in 0..<fineBits where j & (1 << b) != 0 { v = v * roots[b] }
            table[j] = entry(v)
        }
        return UnsafePointer(table)
    }

    /// `T_0, …, T_2047`: 2048 Doubles, allocated once and never written again.
    @usableFromInline nonisolated(unsafe) static let fineExpTable: UnsafePointer<Double> = makeFineExpTable()

    static func makeFineExpTable() -> UnsafePointer<Double> {
        makeRootTable { v in v.hi + v.lo }
    }

    /// `roots[b] = 2^{2^b / 2048}` in double-double: `roots[10] = √2`, …, `roots[0] = 2^{1/2048}`.
    static func fineRoots() -> [DoubleDouble] {
        var roots = [DoubleDouble](repeating: DoubleDouble(1, 0), count: fineBits)
        var r = DoubleDouble(2, 0)
        for b in stride(from: fineBits - 1, through: 0, by: -1) {
            r = r.squareRoot()
            roots[b] = r
        }
        return roots
    }

}
