import COpenBLAS

/// The matrix product with NumPy `matmul` (`@`) semantics, computed by OpenBLAS.
///
/// - 1-d · 1-d: the dot product, a rank-0 tensor.
/// - A 1-d left operand is a row `[1, k]`, a 1-d right operand a column `[k, 1]`; the
///   inserted axis is removed from the result.
/// - 2-d · 2-d: `C[i, j] = Σ_l A[i, l]·B[l, j]`.
/// - Rank ≥ 3: stacks of matrices in the last two axes; the leading (batch) axes broadcast.
///
/// Every product goes to OpenBLAS (`cblas_dgemm`, or `cblas_dgemv` when one side is a
/// vector, `cblas_ddot` for two vectors); there is no hand-written product loop. The operands
/// are contiguous row-major, so each matrix is passed as is with its row length as leading
/// dimension. A stack of `a` against a single matrix `b` is one `dgemm` with the stack folded
/// into the rows; other stacks are one BLAS call per matrix of the broadcast batch.
extension Tensor {
    public static func matmul(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        guard a.rank >= 1, b.rank >= 1 else {
            throw TensorError("@: operands must have at least one axis, got shapes \(describe(a.shape)) and \(describe(b.shape))")
        }
        let kAxisA = a.rank - 1
        let kAxisB = b.rank == 1 ? 0 : b.rank - 2
        let k = a.shape[kAxisA]
        guard k == b.shape[kAxisB] else {
            throw TensorError("@: shapes \(describe(a.shape)) and \(describe(b.shape)) are not aligned: \(k) (axis \(kAxisA)) != \(b.shape[kAxisB]) (axis \(kAxisB))")
        }
        let m = a.rank == 1 ? 1 : a.shape[a.rank - 2]
        let n = b.rank == 1 ? 1 : b.shape[b.rank - 1]
        let batchA = a.rank > 2 ? Array(a.shape[..<(a.rank - 2)]) : []
        let batchB = b.rank > 2 ? Array(b.shape[..<(b.rank - 2)]) : []
        let batch: [Int]
        do {
            batch = try broadcastShape(batchA, batchB, op: "@")
        } catch {
            throw TensorError("@: batch axes of shapes \(describe(a.shape)) and \(describe(b.shape)) cannot be broadcast together")
        }
        var outShape = batch
        if a.rank >= 2 { outShape.append(m) }
        if b.rank >= 2 { outShape.append(n) }
        let total = try elementCount(outShape)
        for d in [m, n, k] where d > Int(Int32.max) {
            throw TensorError("@: extent \(d) of shapes \(describe(a.shape)) and \(describe(b.shape)) exceeds the BLAS limit")
        }
        if total == 0 { return Tensor(unchecked: outShape, scalars: []) }
        if k == 0 { return Tensor(unchecked: outShape, scalars: [Double](repeating: 0, count: total)) }

        if a.rank == 1 && b.rank == 1 {
            let dot = a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    cblas_ddot(Int32(k), pa.baseAddress, 1, pb.baseAddress, 1)
                }
            }
            return Tensor(unchecked: [], scalars: [dot])
        }
        let out = [Double](unsafeUninitializedCapacity: total) { buf, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    guard let A = pa.baseAddress, let B = pb.baseAddress, let C = buf.baseAddress else { return }
                    if batchB.isEmpty && total / n <= Int(Int32.max) {
                        // One product: the batch of `a` (if any) folds into its rows.
                        gemm(A, B, C, m: total / n, n: n, k: k)
                    } else {
                        let sa = broadcastStrides(from: batchA, to: batch)
                        let sb = broadcastStrides(from: batchB, to: batch)
                        let matA = m * k, matB = k * n, matC = m * n
                        forEachBroadcastOffset(shape: batch, sa, sb) { i, ia, ib in
                            gemm(A + ia * matA, B + ib * matB, C + i * matC, m: m, n: n, k: k)
                        }
                    }
                }
            }
            initialized = total
        }
        return Tensor(unchecked: outShape, scalars: out)
    }

    /// `C = A·B + β·C` for row-major `A (m×k)`, `B (k×n)`, `C (m×n)`, all contiguous, by
    /// OpenBLAS; `1 ≤ k`, and `m`, `n`, `k` fit in `Int32` (checked by the callers). With
    /// `β = 0` (the default) `C`'s prior contents are not read.
    @usableFromInline
    static func gemm(_ A: UnsafePointer<Double>, _ B: UnsafePointer<Double>,
                     _ C: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int, beta: Double = 0) {
        if n == 1 {
            // C (m) = A (m×k) · b (k)
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(k), 1, A, Int32(k), B, 1, beta, C, 1)
        } else if m == 1 {
            // C (n) = Bᵀ (n×k) · a (k), reading B (k×n) transposed.
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), 1, B, Int32(n), A, 1, beta, C, 1)
        } else {
            dgemmRows(A, B, C, m: m, n: n, k: k, ldb: n, beta: beta)
        }
    }
}

/// The matrix product of operands read transposed in place, without materialising a copy.
///
/// `matmul(a, b, transposeA: ta, transposeB: tb)` is `op(a) @ op(b)` where `op(x)` exchanges
/// the last two axes of `x` when its flag is set: `C[…, i, j] = Σ_l op(A)[…, i, l]·op(B)[…, l, j]`.
/// Both operands must then have at least two axes (a flag on a 1-d operand is an error); the
/// batch axes broadcast as in `matmul(_:_:)`. The flags go to `cblas_dgemm` (or `cblas_dgemv`
/// for a vector side) as `CblasTrans`, with each stored matrix's row length as leading
/// dimension. Without flags this is `matmul(_:_:)`.
extension Tensor {
    public static func matmul(_ a: Tensor, _ b: Tensor,
                              transposeA: Bool, transposeB: Bool) throws(TensorError) -> Tensor {
        if !transposeA && !transposeB { return try matmul(a, b) }
        guard a.rank >= 2, b.rank >= 2 else {
            throw TensorError("@: a transposed product needs operands with at least two axes, got shapes \(describe(a.shape)) and \(describe(b.shape))")
        }
        let ra = a.rank, rb = b.rank
        // op(A) is m×k, op(B) is k×n.
        let m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2]
        let k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1]
        let kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2]
        let n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1]
        guard k == kb else {
            throw TensorError("@: shapes \(describe(a.shape))\(transposeA ? "ᵀ" : "") and \(describe(b.shape))\(transposeB ? "ᵀ" : "") are not aligned: \(k) != \(kb)")
        }
        let batchA = Array(a.shape[..<(ra - 2)])
        let batchB = Array(b.shape[..<(rb - 2)])
        let batch: [Int]
        do {
            batch = try broadcastShape(batchA, batchB, op: "@")
        } catch {
            throw TensorError("@: batch axes of shapes \(describe(a.shape)) and \(describe(b.shape)) cannot be broadcast together")
        }
        let outShape = batch + [m, n]
        let total = try elementCount(outShape)
        for d in [m, n, k] where d > Int(Int32.max) {
            throw TensorError("@: extent \(d) of shapes \(describe(a.shape)) and \(describe(b.shape)) exceeds the BLAS limit")
        }
        if total == 0 { return Tensor(unchecked: outShape, scalars: []) }
        if k == 0 { return Tensor(unchecked: outShape, scalars: [Double](repeating: 0, count: total)) }
        let out = [Double](unsafeUninitializedCapacity: total) { buf, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    guard let A = pa.baseAddress, let B = pb.baseAddress, let C = buf.baseAddress else { return }
                    if batchB.isEmpty && !transposeA && total / n <= Int(Int32.max) {
                        // One product: the batch of `a` (rows not transposed) folds into its rows.
                        gemm(A, false, B, transposeB, C, m: total / n, n: n, k: k)
                    } else {
                        let sa = broadcastStrides(from: batchA, to: batch)
                        let sb = broadcastStrides(from: batchB, to: batch)
                        let matA = m * k, matB = k * n, matC = m * n
                        forEachBroadcastOffset(shape: batch, sa, sb) { i, ia, ib in
                            gemm(A + ia * matA, transposeA, B + ib * matB, transposeB, C + i * matC,
                                 m: m, n: n, k: k)
                        }
                    }
                }
            }
            initialized = total
        }
        return Tensor(unchecked: outShape, scalars: out)
    }

    /// `C = op(A)·op(B)` for one matrix pair, `op(A)` m×k and `op(B)` k×n stored contiguous
    /// row-major (transposed when flagged), `C` m×n. A vector side (`n = 1` or `m = 1`) is
    /// contiguous in either orientation, so it goes to `cblas_dgemv` as the plain product does.
    static func gemm(_ A: UnsafePointer<Double>, _ ta: Bool, _ B: UnsafePointer<Double>, _ tb: Bool,
                     _ C: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int) {
        if n == 1 {
            // C (m) = op(A) · b (k); A is stored m×k, or k×m when transposed.
            if ta {
                cblas_dgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(m), 1, A, Int32(m), B, 1, 0, C, 1)
            } else {
                cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(k), 1, A, Int32(k), B, 1, 0, C, 1)
            }
        } else if m == 1 {
            // C (n) = op(B)ᵀ · a (k); B is stored k×n, or n×k when transposed.
            if tb {
                cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(k), 1, B, Int32(k), A, 1, 0, C, 1)
            } else {
                cblas_dgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), 1, B, Int32(n), A, 1, 0, C, 1)
            }
        } else {
            dgemmTransposed(A, ta, B, tb, C, m: m, n: n, k: k)
        }
    }
}
