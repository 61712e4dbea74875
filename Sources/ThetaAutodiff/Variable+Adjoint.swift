import ThetaTensor

/// The adjoints of indexing as differentiable operations. The backward pass of `index` and
/// `gather` computes them on tensors; a backward pass that is itself recorded
/// (`Tape.differentiableGradient`) needs them as recorded operations, and each one's
/// gradient is the other: `embed`'s is `index`, `scatterAdd`'s is `gather`.
extension Variable {
    /// Zeros of `shape` with `self` written at the basic-index region `items` (`self` has the
    /// region's shape): the adjoint of `index(items)`.
    public func embedded(in shape: [Int], at items: [TensorIndex]) throws(AutodiffError) -> Variable {
        let op = Primitive.embed(items)
        try tape.check(self, op)
        var full: Tensor
        do throws(TensorError) {
            full = try Tensor.zeros(shape)
            let region = try full.index(items)
            guard region.shape == value.shape else {
                throw TensorError("index (adjoint): a value of shape \(Tensor.describe(value.shape)) does not fill the region of shape \(Tensor.describe(region.shape))")
            }
            try full.assign(items, value)
        } catch {
            throw tape.forwardError(error, op)
        }
        return try tape.record(op, full, self)
    }

    /// Zeros of `shape` with the entries of `self` added along `axis` at `indices` (repeats
    /// accumulate): the adjoint of `gather(indices, axis:)`.
    public func scatterAdded(indices: Tensor, axis: Int, shape: [Int]) throws(AutodiffError) -> Variable {
        let probe = Primitive.scatterAdd(axis: axis)
        try tape.check(self, probe)
        let k: Int
        let v: Tensor
        do throws(TensorError) {
            k = try Tensor.normalizeAxis(axis, rank: shape.count, shape: shape, op: "scatter_add")
            v = try Tensor.scatterAdd(value, indices: indices, axis: k, shape: shape)
        } catch {
            throw tape.forwardError(error, probe)
        }
        guard tape.isRecording, isTracked else { return Variable(untracked: v, tape: tape) }
        let ref = try tape.constantReference(indices)
        return try tape.push(.scatterAdd(axis: k), v, index, ref)
    }
}
