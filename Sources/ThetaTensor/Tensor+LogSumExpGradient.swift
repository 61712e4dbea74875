/// The vector-Jacobian product of `y = logsumexp(x, axis)`.
///
/// `∂y/∂x_j = e^{x_j − y}` (the softmax of the slice), so the gradient of a loss with
/// `∂L/∂y = g` is `g ⊙ e^{x − y}`, with `y` and `g` repeated along the reduced axis. It is
/// formed in one output buffer, a block at a time: the differences `x − y`, one vectorised
/// `exp` over the block, then the product with `g`. No temporary of `x`'s size is made and
/// no `exp` is called per element.
extension Tensor {
    /// `g ⊙ e^{self − y}` with `y` (the log-sum-exp of `self` along `axis`) and `g` (the
    /// incoming gradient) of the reduced shape, with or without the reduced axis kept as
    /// extent 1; `axis` nil means every axis (`y` and `g` then have one element). Where
    /// `self` and `y` are both infinite of the same sign the difference, and so the result,
    /// is NaN (as `exp(x − y)` elementwise gives).
    /// - Throws: an axis out of range, or `y` or `g` not of the reduced element count.
    public func logSumExpGradient(value y: Tensor, upstream g: Tensor, axis: Int?) throws(TensorError) -> Tensor {
        var outer = 1, length = count, inner = 1
        if let axis {
            let k = try Tensor.normalizeAxis(axis, rank: rank, shape: shape, op: "logsumexp")
            length = shape[k]
            outer = 1
            for d in 0..<k { outer *= shape[d] }
            inner = 1
            for d in (k + 1)..<rank { inner *= shape[d] }
        }
        guard y.count == outer * inner, g.count == outer * inner else {
            throw TensorError("logsumexp (backward): value \(Tensor.describe(y.shape)) and gradient \(Tensor.describe(g.shape)) do not match the reduction of \(Tensor.describe(shape))")
        }
        let n = count
        if n == 0 { return self }
        let slab = length * inner   // elements per outer index
        let block = Swift.max(1, 2048 / Swift.max(slab, 1))
        if inner == 1 {
            return Tensor(unchecked: shape, scalars: logSumExpGradientRows(y, g, rows: outer, length: length, block: block))
        }
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            scalars.withUnsafeBufferPointer { xs in
                y.scalars.withUnsafeBufferPointer { ys in
                    g.scalars.withUnsafeBufferPointer { gs in
                        guard let d = buf.baseAddress, let x = xs.baseAddress,
                              let yv = ys.baseAddress, let gv = gs.baseAddress else { return }
                        var o0 = 0
                        while o0 < outer {
                            let no = Swift.min(block, outer - o0)
                            Tensor.shiftedSlabs(x + o0 * slab, d + o0 * slab, yv + o0 * inner,
                                                outer: no, length: length, inner: inner) { $0 - $1 }
                            VectorMath.exp(d + o0 * slab, into: d + o0 * slab, count: no * slab)
                            Tensor.shiftedSlabs(d + o0 * slab, d + o0 * slab, gv + o0 * inner,
                                                outer: no, length: length, inner: inner) { $0 * $1 }
                            o0 += no
                        }
                    }
                }
            }
            initialized = n
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// The gradient along the last axis (rows of `length`): per block of rows, `y` and `g`
    /// repeated along their rows (`expandRows`), then `g·e^{x − y}` in one fused lane loop.
    private func logSumExpGradientRows(_ y: Tensor, _ g: Tensor, rows: Int, length: Int, block: Int) -> [Double] {
        let n = rows * length
        let span = block * length + 8   // room for `expandRows`' last spill
        return [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            scalars.withUnsafeBufferPointer { xs in
                y.scalars.withUnsafeBufferPointer { ys in
                    g.scalars.withUnsafeBufferPointer { gs in
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * span) { scratch in
                            guard let d = buf.baseAddress, let x = xs.baseAddress, let yv = ys.baseAddress,
                                  let gv = gs.baseAddress, let ye = scratch.baseAddress else { return }
                            let ge = ye + span
                            var r0 = 0
                            while r0 < rows {
                                let nr = Swift.min(block, rows - r0)
                                Tensor.expandRows(yv + r0, rows: nr, length: length, into: ye)
                                Tensor.expandRows(gv + r0, rows: nr, length: length, into: ge)
                                Tensor.expOfDifference(x + r0 * length, ye, into: d + r0 * length,
                                                       count: nr * length, times: ge)
                                r0 += nr
                            }
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// `d[o, l, j] = f(x[o, l, j], v[o, j])` over an `[outer, length, inner]` layout: `v`
    /// repeated along the middle axis. `d` may equal `x`.
    @inline(__always)
    static func shiftedSlabs(_ x: UnsafePointer<Double>, _ d: UnsafeMutablePointer<Double>,
                             _ v: UnsafePointer<Double>, outer: Int, length: Int, inner: Int,
                             _ f: (Double, Double) -> Double) {
        if inner == 1 {
            for o in 0..<outer {
                let s = v[o], p = x + o * length, q = d + o * length
                for l in 0..<length { q[l] = f(p[l], s) }
            }
            return
        }
        for o in 0..<outer {
            let vo = v + o * inner
            for l in 0..<length {
                let p = x + (o * length + l) * inner, q = d + (o * length + l) * inner
                for j in 0..<inner { q[j] = f(p[j], vo[j]) }
            }
        }
    }
}
