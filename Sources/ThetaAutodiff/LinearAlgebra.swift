import Foundation
import ThetaTensor

/// Dense kernels on the last two axes of a tensor (a batch of matrices), for the `cholesky`
/// and `triangularSolve` primitives and their gradient rules. Plain loops: the matrices of
/// multivariate distributions are small, and the batch axes make the work large instead.
public enum LinearAlgebra {
    /// The batch count, `n` and `m` of a tensor of shape `[..., n, m]`.
    static func dims(_ t: Tensor, _ op: String) throws(TensorError) -> (batch: Int, n: Int, m: Int) {
        guard t.rank >= 2 else {
            throw TensorError("\(op): needs a matrix (rank ≥ 2), got shape \(Tensor.describe(t.shape))")
        }
        let n = t.shape[t.rank - 2], m = t.shape[t.rank - 1]
        return (t.shape.dropLast(2).reduce(1, *), n, m)
    }

    /// The lower Cholesky factor `L` of each symmetric positive-definite matrix: `A = L·Lᵀ`,
    /// reading only the lower triangle of `A` (Cholesky–Banachiewicz, row by row).
    /// - Throws: for a non-square matrix, or one that is not positive definite (a pivot ≤ 0
    ///   or NaN), naming the pivot.
    public static func cholesky(_ a: Tensor) throws(TensorError) -> Tensor {
        let (batch, n, m) = try dims(a, "cholesky")
        guard n == m else {
            throw TensorError("cholesky: needs square matrices, got shape \(Tensor.describe(a.shape))")
        }
        var l = [Double](repeating: 0, count: a.count)
        var failed: (Int, Double)?
        a.scalars.withUnsafeBufferPointer { pa in
            l.withUnsafeMutableBufferPointer { pl in
                for b in 0..<batch where failed == nil {
                    let o = b * n * n
                    for i in 0..<n {
                        for j in 0...i {
                            var s = pa[o + i * n + j]
                            for k in 0..<j { s -= pl[o + i * n + k] * pl[o + j * n + k] }
                            if i == j {
                                guard s > 0 else { failed = (i, s); return }
                                pl[o + i * n + i] = s.squareRoot()
                            } else {
                                pl[o + i * n + j] = s / pl[o + j * n + j]
                            }
                        }
                    }
                }
            }
        }
        if let (k, s) = failed {
            throw TensorError("cholesky: the matrix is not positive definite (pivot \(k) is \(s))")
        }
        return Tensor(unchecked: a.shape, scalars: l)
    }

    /// `X = L⁻¹B` (or `L⁻ᵀB` with `transposed`) for lower-triangular `L` `[..., n, n]` and
    /// `B` `[..., n, k]` with equal batch axes; only the lower triangle of `L` is read.
    /// A zero diagonal entry gives infinities (IEEE), not an error.
    public static func solveLower(_ l: Tensor, _ b: Tensor, transposed: Bool = false) throws(TensorError) -> Tensor {
        let (batch, n, m) = try dims(l, "triangular_solve")
        let (bb, bn, k) = try dims(b, "triangular_solve")
        guard n == m, bn == n, bb == batch, l.shape.dropLast(2) == b.shape.dropLast(2) else {
            throw TensorError("triangular_solve: cannot solve with a matrix of shape \(Tensor.describe(l.shape)) for a right-hand side of shape \(Tensor.describe(b.shape))")
        }
        var x = b.scalars
        l.scalars.withUnsafeBufferPointer { pl in
            x.withUnsafeMutableBufferPointer { px in
                for t in 0..<batch {
                    let ol = t * n * n, ox = t * n * k
                    if !transposed {
                        // Forward substitution: x_i = (b_i − Σ_{j<i} L_ij x_j) / L_ii.
                        for i in 0..<n {
                            let d = pl[ol + i * n + i]
                            for j in 0..<i {
                                let lij = pl[ol + i * n + j]
                                if lij == 0 { continue }
                                for c in 0..<k { px[ox + i * k + c] -= lij * px[ox + j * k + c] }
                            }
                            for c in 0..<k { px[ox + i * k + c] /= d }
                        }
                    } else {
                        // Back substitution with Lᵀ: x_i = (b_i − Σ_{j>i} L_ji x_j) / L_ii.
                        for i in stride(from: n - 1, through: 0, by: -1) {
                            let d = pl[ol + i * n + i]
                            for j in (i + 1)..<Swift.max(n, i + 1) {
                                let lji = pl[ol + j * n + i]
                                if lji == 0 { continue }
                                for c in 0..<k { px[ox + i * k + c] -= lji * px[ox + j * k + c] }
                            }
                            for c in 0..<k { px[ox + i * k + c] /= d }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: b.shape, scalars: x)
    }

    /// The last two axes exchanged.
    public static func transposeLast(_ t: Tensor) throws(TensorError) -> Tensor {
        let r = t.rank
        guard r >= 2 else { return t }
        return try t.transposed(Array(0..<(r - 2)) + [r - 1, r - 2])
    }

    /// Each matrix's lower triangle (`strict`: below the diagonal), the rest zero; the
    /// diagonal scaled by `diagonalScale` when not strict.
    static func lower(_ t: Tensor, strict: Bool = false, diagonalScale: Double = 1) throws(TensorError) -> Tensor {
        let (batch, n, m) = try dims(t, "tril")
        var s = t.scalars
        for b in 0..<batch {
            for i in 0..<n {
                for j in 0..<m {
                    let p = b * n * m + i * m + j
                    if j > i || (strict && j == i) { s[p] = 0 } else if j == i { s[p] *= diagonalScale }
                }
            }
        }
        return Tensor(unchecked: t.shape, scalars: s)
    }

    /// The gradient of `L = cholesky(A)` with respect to the lower triangle of `A`, given `Ḡ`.
    ///
    /// With `P = Φ(Lᵀ Ḡ)` (lower triangle, diagonal halved) the symmetric gradient is
    /// `S = sym(L⁻ᵀ P L⁻¹)` (Murray, "Differentiation of the Cholesky decomposition", 2016);
    /// since the forward pass reads only the lower triangle of `A`, an off-diagonal entry
    /// below the diagonal receives `S_ij + S_ji = 2 S_ij` and the upper triangle nothing.
    static func choleskyBackward(_ l: Tensor, _ g: Tensor) throws(TensorError) -> Tensor {
        let p = try lower(Tensor.matmul(transposeLast(l), g), diagonalScale: 0.5)
        // Y = L⁻ᵀ P; Z = Y L⁻¹ = (L⁻ᵀ Yᵀ)ᵀ.
        let y = try solveLower(l, p, transposed: true)
        let z = try transposeLast(solveLower(l, transposeLast(y), transposed: true))
        // sym(Z) = (Z + Zᵀ)/2; lower-triangle gradient: diag Z_ii, below Z_ij + Z_ji.
        let zt = try transposeLast(z)
        let sum = try Tensor.zip(z, zt, op: "cholesky") { $0 + $1 }
        return try lower(sum, diagonalScale: 0.5)
    }
}
