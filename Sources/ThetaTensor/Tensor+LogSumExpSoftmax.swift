/// Log-sum-exp along a short last axis together with its derivative, for the backward pass.
///
/// `∂/∂x_j log Σ_l e^{x_l} = e^{x_j − y}`, the softmax of the row. The short-row kernel
/// (`logSumExpShortRows`) has the row's exponentials `e^{x − m}` and their sum at hand, so
/// the softmax costs it one multiplication per element; a backward pass given it is then one
/// multiplication per element (`rowScaled`) instead of an `exp` of `x − y` recomputed from
/// the input. Rows of `shortRow` elements or more keep the plain kernels.
extension Tensor {
    /// `(logsumexp(self, axis: −1), softmax(self, axis: −1))` when the last axis has between
    /// 1 and `shortRow − 1` elements (and the tensor rank ≥ 1), else nil. The value is the one
    /// `reduce(.logsumexp, axes: [rank − 1], keepDims:)` gives, to the bit; the softmax is
    /// `e^{x − m} / Σ e^{x − m}` per row (`e^{x − y}` for a row whose maximum is not finite).
    public func logSumExpWithSoftmax(keepDims: Bool) -> (value: Tensor, softmax: Tensor)? {
        guard rank >= 1, let length = shape.last, length >= 1, length < Tensor.shortRow else { return nil }
        let rows = count / length
        var outShape = shape
        if keepDims { outShape[rank - 1] = 1 } else { outShape.removeLast() }
        var weights = [Double]()
        let values = [Double](unsafeUninitializedCapacity: rows) { out, initialized in
            weights = [Double](unsafeUninitializedCapacity: count) { w, written in
                scalars.withUnsafeBufferPointer { xs in
                    guard let x = xs.baseAddress, let d = out.baseAddress, let wp = w.baseAddress else { return }
                    Tensor.logSumExpShortRows(x, rows: rows, length: length, into: d, softmax: wp)
                }
                written = count
            }
            initialized = rows
        }
        return (Tensor(unchecked: outShape, scalars: values), Tensor(unchecked: shape, scalars: weights))
    }

    /// `out[r, j] = g[r]·w[r, j]`: each row of `w` (rows along the last axis) scaled by its
    /// entry of `g`, which has one element per row (any shape of that count, e.g. the reduced
    /// shape with or without the kept axis).
    /// - Throws: when `w` has rank 0 or `g` does not have one element per row.
    public static func rowScaled(_ w: Tensor, by g: Tensor) throws(TensorError) -> Tensor {
        guard w.rank >= 1, let length = w.shape.last else {
            throw TensorError("row scaling: a tensor with rows is needed, got shape \(describe(w.shape))")
        }
        let rows = length == 0 ? 0 : w.count / length
        guard length == 0 || g.count == rows else {
            throw TensorError("row scaling: \(g.count) factors for the \(rows) rows of shape \(describe(w.shape))")
        }
        let n = w.count
        if n == 0 { return w }
        let block = blockRows(length)
        let span = block * length + 8   // room for `expandRows`' last spill
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            w.scalars.withUnsafeBufferPointer { ws in
                g.scalars.withUnsafeBufferPointer { gs in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: span) { scratch in
                        guard let d = buf.baseAddress, let wv = ws.baseAddress, let gv = gs.baseAddress,
                              let ge = scratch.baseAddress else { return }
                        if length <= 8 {
                            // Short rows: a scalar factor per row (no repeated row written out).
                            for r in 0..<rows {
                                let f = gv[r], src = wv + r * length, dst = d + r * length
                                for j in 0..<length { dst[j] = f * src[j] }
                            }
                            return
                        }
                        var r0 = 0
                        while r0 < rows {
                            let nr = Swift.min(block, rows - r0)
                            expandRows(gv + r0, rows: nr, length: length, into: ge)
                            let src = wv + r0 * length, dst = d + r0 * length
                            for i in 0..<(nr * length) { dst[i] = ge[i] * src[i] }
                            r0 += nr
                        }
                    }
                }
            }
            initialized = n
        }
        return Tensor(unchecked: w.shape, scalars: out)
    }
}
