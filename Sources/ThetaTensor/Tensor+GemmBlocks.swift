import COpenBLAS

/// Matrix products cut into blocks that OpenBLAS runs through its small-matrix kernels.
///
/// OpenBLAS (0.3.21, x86-64) sends a `dgemm` of at most 10⁶ multiply-adds (`m·n·k`) to
/// kernels that read the operands in place; above that it packs both operands into
/// buffers first. For the shapes of small networks the packing costs a fifth to a third of
/// the product. Measured on one thread (GFLOP/s, one call / in blocks): `256×64×64` 45 / 56,
/// `128×64×512` 34 / 56, `1437×64×512` 45 / 55, `Aᵀ·B` with `m = n = 64, k = 1000` 43 / 55;
/// but `128×512×64` 48 / 45 and `512×256×256` 52 / 45 (wide outputs lose). So a product above
/// the limit with an output at most 128 wide and the other two axes multiplying to at most
/// 65536 is computed as several products under it:
/// - `A·B` by blocks of rows of `A` and `C`;
/// - `Aᵀ·B` (a weight gradient `xᵀ·g`) by blocks of the shared axis `k`, summed into `C`
///   by `β = 1` after the first (the same additions in another order);
/// - `A·Bᵀ` (an input gradient `g·Wᵀ`), whose small kernel OpenBLAS does not enable, by
///   writing `Bᵀ` out once when it is small (`n·k ≤ 16384`) and taking the `A·B` path.
/// Other products keep one call.
extension Tensor {
    /// OpenBLAS's small-matrix limit on `m·n·k`.
    @usableFromInline static let smallProductLimit = 1_000_000

    /// How many blocks to cut an axis of `extent` into when the other two axes multiply to
    /// `other` and the output is `n` wide: 1 (no cut) unless the product exceeds the limit,
    /// `n ≤ 128` and `other ≤ 65536`; otherwise the fewest blocks of `⌈extent / blocks⌉`
    /// that each stay within the limit.
    @inlinable
    static func smallBlocks(extent: Int, other: Int, n: Int) -> Int {
        guard n <= 128, other <= 65536, other > 0, extent * other > smallProductLimit else { return 1 }
        let room = smallProductLimit - other          // ⌈extent/b⌉·other ≤ extent·other/b + other
        return (extent * other + room - 1) / room
    }

    /// `C = A·B + β·C` (`A` m×k with rows of k, `B` k×n with rows `ldb` apart, `C` m×n,
    /// row-major) as one `dgemm` or as blocks of rows (`smallBlocks`).
    @usableFromInline
    static func dgemmRows(_ A: UnsafePointer<Double>, _ B: UnsafePointer<Double>, _ C: UnsafeMutablePointer<Double>,
                          m: Int, n: Int, k: Int, ldb: Int, beta: Double) {
        let blocks = smallBlocks(extent: m, other: n * k, n: n)
        let rows = (m + blocks - 1) / blocks
        var i = 0
        while i < m {
            let mc = Swift.min(rows, m - i)
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(mc), Int32(n), Int32(k),
                        1, A + i * k, Int32(k), B, Int32(ldb), beta, C + i * n, Int32(n))
            i += mc
        }
    }

    /// `C = op(A)·op(B)` with at least one operand transposed (`A` stored m×k or k×m, `B`
    /// stored k×n or n×k), by blocks where that helps (see the type's notes), else one call.
    static func dgemmTransposed(_ A: UnsafePointer<Double>, _ ta: Bool, _ B: UnsafePointer<Double>, _ tb: Bool,
                                _ C: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int) {
        if ta && !tb {
            // Aᵀ·B: blocks of the shared axis, each Aᵀ_c·B_c added into C.
            let blocks = smallBlocks(extent: k, other: m * n, n: n)
            if blocks > 1 {
                let step = (k + blocks - 1) / blocks
                var l = 0
                while l < k {
                    let kc = Swift.min(step, k - l)
                    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(m), Int32(n), Int32(kc),
                                1, A + l * m, Int32(m), B + l * n, Int32(n), l == 0 ? 0 : 1, C, Int32(n))
                    l += kc
                }
                return
            }
        } else if !ta && tb && n * k <= 16384 && smallBlocks(extent: m, other: n * k, n: n) > 1 {
            // A·Bᵀ: Bᵀ written out (k×n), then the row blocks of A·B.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: n * k) { buffer in
                guard let bt = buffer.baseAddress else { return }
                for j in 0..<n {
                    let row = B + j * k
                    for l in 0..<k { bt[l * n + j] = row[l] }
                }
                dgemmRows(A, bt, C, m: m, n: n, k: k, ldb: n, beta: 0)
            }
            return
        }
        cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, A, Int32(ta ? m : k), B, Int32(tb ? k : n),
                    0, C, Int32(n))
    }
}
