import ThetaTensor

/// Reductions over one axis or all axes, softmax and log-softmax. Axes may be negative
/// (counting from the end); the recorded primitive holds them normalized.
extension Variable {
    /// Records `r` of `self` over `axis` (nil: all axes) as the primitive `make(k, keepDims)`.
    @inline(__always)
    private func reduction(_ r: Reduction, axis: Int?, keepDims: Bool,
                           _ make: (Int?, Bool) -> Primitive) throws(AutodiffError) -> Variable {
        let probe = make(axis, keepDims)
        try tape.check(self, probe)
        let k: Int?
        let v: Tensor
        do throws(TensorError) {
            if let axis {
                let n = try Tensor.normalizeAxis(axis, rank: value.rank, shape: value.shape, op: r.rawValue)
                k = n
                v = try value.reduce(r, axes: [n], keepDims: keepDims)
            } else {
                k = nil
                v = try value.reduce(r, axes: nil, keepDims: keepDims)
            }
        } catch {
            throw tape.forwardError(error, probe)
        }
        return try tape.record(make(k, keepDims), v, self)
    }

    /// Σ of all elements, a rank-0 result.
    public func sum() throws(AutodiffError) -> Variable { try sum(axis: nil) }

    /// Σ over `axis` (nil: every axis); with `keepDims` the axis stays with extent 1.
    public func sum(axis: Int?, keepDims: Bool = false) throws(AutodiffError) -> Variable {
        try reduction(.sum, axis: axis, keepDims: keepDims) { .sum(axis: $0, keepDims: $1) }
    }

    /// The mean of all elements.
    public func mean() throws(AutodiffError) -> Variable { try mean(axis: nil) }

    /// The mean over `axis` (nil: every axis).
    public func mean(axis: Int?, keepDims: Bool = false) throws(AutodiffError) -> Variable {
        try reduction(.mean, axis: axis, keepDims: keepDims) { .mean(axis: $0, keepDims: $1) }
    }

    /// The maximum over `axis` (nil: every axis). At ties the gradient is shared evenly by the
    /// maximal entries (PyTorch `amax`).
    public func max(axis: Int?, keepDims: Bool = false) throws(AutodiffError) -> Variable {
        try reduction(.max, axis: axis, keepDims: keepDims) { .max(axis: $0, keepDims: $1) }
    }

    /// `log Σ e^x` over `axis` (nil: every axis), computed as `m + log Σ e^{x − m}`.
    /// Recorded over a short last axis, the forward pass also keeps the softmax (the
    /// derivative) for the backward pass (`logSumExpWithSoftmax`).
    public func logSumExp(axis: Int?, keepDims: Bool = false) throws(AutodiffError) -> Variable {
        if tape.isRecording, isTracked, let axis, axis == -1 || axis == value.rank - 1,
           let (v, w) = value.logSumExpWithSoftmax(keepDims: keepDims) {
            let op = Primitive.logSumExpWithSoftmax(axis: value.rank - 1, keepDims: keepDims, softmax: 0)
            try tape.check(self, op)
            let rw = try tape.constantReference(w)
            return try tape.push(.logSumExpWithSoftmax(axis: value.rank - 1, keepDims: keepDims, softmax: rw),
                                 v, index, Tape.noInput)
        }
        return try reduction(.logsumexp, axis: axis, keepDims: keepDims) { .logSumExp(axis: $0, keepDims: $1) }
    }

    /// `e^{x_i} / Σ_j e^{x_j}` along `axis`.
    public func softmax(axis: Int = -1) throws(AutodiffError) -> Variable {
        try normalized(axis: axis, log: false)
    }

    /// `x_i − log Σ_j e^{x_j}` along `axis`.
    public func logSoftmax(axis: Int = -1) throws(AutodiffError) -> Variable {
        try normalized(axis: axis, log: true)
    }

    private func normalized(axis: Int, log: Bool) throws(AutodiffError) -> Variable {
        let probe: Primitive = log ? .logSoftmax(axis: axis) : .softmax(axis: axis)
        try tape.check(self, probe)
        let k: Int
        let v: Tensor
        do throws(TensorError) {
            // A rank-0 tensor is one slice of one element (as `Tensor.softmax` reads it).
            k = try Tensor.normalizeAxis(axis, rank: Swift.max(value.rank, 1), shape: value.shape, op: probe.name)
            v = log ? try value.logSoftmax(axis: axis) : try value.softmax(axis: axis)
        } catch {
            throw tape.forwardError(error, probe)
        }
        return try tape.record(log ? .logSoftmax(axis: k) : .softmax(axis: k), v, self)
    }
}
