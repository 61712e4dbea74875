import ThetaTensor

/// Cholesky factorization and triangular solves on the last two axes, differentiable.
extension Variable {
    /// The lower Cholesky factor `L` of each symmetric positive-definite matrix (`A = L·Lᵀ`);
    /// only the lower triangle is read, and gradients flow to it.
    /// - Throws: `.forward` for non-square or not positive-definite matrices.
    public func cholesky() throws(AutodiffError) -> Variable {
        try tape.check(self, .cholesky)
        let v: Tensor
        do throws(TensorError) {
            v = try LinearAlgebra.cholesky(value)
        } catch {
            throw tape.forwardError(error, .cholesky)
        }
        return try tape.record(.cholesky, v, self)
    }

    /// `X = L⁻¹B` for lower-triangular `L` `[..., n, n]` and `B` `[..., n, k]` with equal
    /// batch axes (broadcast them first); only the lower triangle of `L` is read.
    public static func solveLower(_ l: Variable, _ b: Variable) throws(AutodiffError) -> Variable {
        let tape = l.tape
        try tape.check(l, .triangularSolve)
        try tape.check(b, .triangularSolve)
        let v: Tensor
        do throws(TensorError) {
            v = try LinearAlgebra.solveLower(l.value, b.value)
        } catch {
            throw tape.forwardError(error, .triangularSolve)
        }
        return try tape.record(.triangularSolve, v, l, b)
    }
}
