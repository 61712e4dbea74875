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

    /// `C = A·B` for row-major `A (m×k)`, `B (k×n)`, `C (m×n)`, all contiguous, by OpenBLAS;
    /// `1 ≤ k`, and `m`, `n`, `k` fit in `Int32` (checked by `matmul`).
    @usableFromInline
    static func gemm(_ A: UnsafePointer<Double>, _ B: UnsafePointer<Double>,
                     _ C: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int) {
        if n == 1 {
            // C (m) = A (m×k) · b (k)
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(k), 1, A, Int32(k), B, 1, 0, C, 1)
        } else if m == 1 {
            // C (n) = Bᵀ (n×k) · a (k), reading B (k×n) transposed.
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), 1, B, Int32(n), A, 1, 0, C, 1)
        } else {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                        1, A, Int32(k), B, Int32(n), 0, C, Int32(n))
        }
    }
}
