import ThetaTensor

/// The affine map of a dense layer, `x @ W + b`, as one recorded node.
extension Variable {
    /// `a @ b + bias`. When `Tensor.fusesBias` accepts the shapes (`a` of rank ≥ 2, `b` one
    /// matrix, a bias broadcasting along the rows) the bias is added by the product itself
    /// (`Tensor.matmulAdd`) and one `matmulAdd` node is recorded; otherwise this is
    /// `matmul(a, b) + bias`, two nodes.
    public static func matmulAdd(_ a: Variable, _ b: Variable, _ bias: Variable) throws(AutodiffError) -> Variable {
        guard Tensor.fusesBias(a.shape, b.shape, bias.shape) else { return try matmul(a, b) + bias }
        let tape = a.tape
        let probe = Primitive.matmulAdd(bias: 0)
        try tape.check(a, probe)
        try tape.check(b, probe)
        try tape.check(bias, probe)
        let v: Tensor
        do throws(TensorError) {
            v = try Tensor.matmulAdd(a.value, b.value, bias.value)
        } catch {
            throw tape.forwardError(error, probe)
        }
        guard tape.isRecording, a.isTracked || b.isTracked || bias.isTracked else {
            return Variable(untracked: v, tape: tape)
        }
        let rc = try tape.reference(bias)
        return try tape.push(.matmulAdd(bias: rc), v, tape.reference(a), tape.reference(b))
    }
}
