import COpenBLAS

/// The affine map of a dense layer, `a @ b + bias`, with the bias added by the product itself.
///
/// `dgemm` computes `C = α·A·B + β·C`. With `C` filled beforehand with the bias repeated
/// along the rows and `β = 1`, one call gives `A·B + bias`: the bias costs one write of `C`
/// (the pass that `β = 0` spends zeroing it) instead of a separate elementwise pass over the
/// product and a second buffer. Each element is `bias_j + Σ_l A_il·B_lj` with the product
/// summed first, as `matmul` then `add` give (a BLAS kernel may round the final addition
/// differently from a separate pass, by at most an ulp of the result).
///
/// The fused path takes `a` of rank ≥ 2 (its batch axes fold into the rows), `b` a single
/// matrix `[k, n]`, and a bias that broadcasts to the product's shape without adding axes:
/// shape `[]`, `[n]`, `[1]`, `[1, n]`, ... (every extent 1 but the last, which is `n` or 1).
/// Any other operands give `add(matmul(a, b), bias)`, with those operations' errors.
extension Tensor {
    /// Whether `matmulAdd` of these shapes takes the fused path (`fusesBias`): the result then
    /// has the product's shape `a.shape[..<(rank−1)] + [n]`.
    public static func fusesBias(_ a: [Int], _ b: [Int], _ bias: [Int]) -> Bool {
        guard a.count >= 2, b.count == 2, a[a.count - 1] == b[0], bias.count <= a.count else { return false }
        let n = b[1]
        for (i, d) in bias.enumerated() {
            if i == bias.count - 1 {
                guard d == n || d == 1 else { return false }
            } else {
                guard d == 1 else { return false }
            }
        }
        return true
    }

    /// `a @ b + bias` (NumPy `matmul`, then broadcasting `+`), fused into the product when
    /// `fusesBias(a.shape, b.shape, bias.shape)`.
    /// - Throws: the errors of `matmul` and `add` for operands they reject.
    public static func matmulAdd(_ a: Tensor, _ b: Tensor, _ bias: Tensor) throws(TensorError) -> Tensor {
        guard fusesBias(a.shape, b.shape, bias.shape) else { return try add(matmul(a, b), bias) }
        let k = b.shape[0], n = b.shape[1]
        let outShape = Array(a.shape.dropLast()) + [n]
        let total = try elementCount(outShape)
        if total == 0 { return Tensor(unchecked: outShape, scalars: []) }
        let rows = total / n
        guard rows <= Int(Int32.max), n <= Int(Int32.max), k <= Int(Int32.max) else {
            return try add(matmul(a, b), bias)
        }
        let out = [Double](unsafeUninitializedCapacity: total) { buf, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    bias.scalars.withUnsafeBufferPointer { pc in
                        guard let A = pa.baseAddress, let B = pb.baseAddress, let C = buf.baseAddress,
                              let c = pc.baseAddress else { return }
                        // C = the bias repeated along the rows.
                        if pc.count == n {
                            for r in 0..<rows { (C + r * n).initialize(from: c, count: n) }
                        } else {
                            C.initialize(repeating: c[0], count: total)
                        }
                        if k > 0 { gemm(A, B, C, m: rows, n: n, k: k, beta: 1) }
                    }
                }
            }
            initialized = total
        }
        return Tensor(unchecked: outShape, scalars: out)
    }
}
