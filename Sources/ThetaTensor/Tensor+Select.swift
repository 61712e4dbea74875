/// Choosing elements: `where`, and taking entries along an axis by an index tensor
/// (`gather`, with `scatterAdd` as its adjoint for the backward pass).
extension Tensor {
    /// `c ≠ 0 ? a : b` elementwise, all three broadcast together (NumPy `where`).
    /// A NaN condition counts as true (it is not zero).
    public static func select(where c: Tensor, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        if c.shape == a.shape && a.shape == b.shape {
            let n = c.count
            let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
                c.scalars.withUnsafeBufferPointer { pc in
                    a.scalars.withUnsafeBufferPointer { pa in
                        b.scalars.withUnsafeBufferPointer { pb in
                            for i in 0..<n { buf[i] = pc[i] != 0 ? pa[i] : pb[i] }
                        }
                    }
                }
                initialized = n
            }
            return Tensor(unchecked: c.shape, scalars: out)
        }
        let ab = try broadcastShape(a.shape, b.shape, op: "where")
        let shape = try broadcastShape(c.shape, ab, op: "where")
        let n = try elementCount(shape)
        // Broadcast the condition, then walk `a` and `b` with their broadcast strides.
        let cFull = try c.broadcast(to: shape)
        let sa = broadcastStrides(from: a.shape, to: shape)
        let sb = broadcastStrides(from: b.shape, to: shape)
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            cFull.scalars.withUnsafeBufferPointer { pc in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        forEachBroadcastOffset(shape: shape, sa, sb) { i, ia, ib in
                            buf[i] = pc[i] != 0 ? pa[ia] : pb[ib]
                        }
                    }
                }
            }
            initialized = n
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// Takes entries along `axis` at `indices` (NumPy `take(a, indices, axis)`, PyTorch
    /// `index_select` generalized to an index tensor of any shape):
    /// `result.shape = shape[..<axis] + indices.shape + shape[(axis+1)...]` and
    /// `result[o, i..., j] = self[o, indices[i...], j]`.
    ///
    /// Indices are integral doubles; negative ones count from the end.
    /// - Throws: an axis out of range, a non-integral index, or an index outside the extent
    ///   (naming the index and the extent).
    public func gather(_ indices: Tensor, axis: Int) throws(TensorError) -> Tensor {
        let k = try Tensor.normalizeAxis(axis, rank: rank, shape: shape, op: "gather")
        let extent = shape[k]
        let resolved = try Tensor.resolveIndices(indices, extent: extent, op: "gather", axis: axis)
        let outShape = Array(shape[..<k]) + indices.shape + Array(shape[(k + 1)...])
        let n = try Tensor.elementCount(outShape)
        var outer = 1
        for d in 0..<k { outer *= shape[d] }
        var inner = 1
        for d in (k + 1)..<rank { inner *= shape[d] }
        let m = resolved.count
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            scalars.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = buf.baseAddress else { return }
                for o in 0..<outer {
                    let block = s + o * extent * inner
                    for (j, idx) in resolved.enumerated() {
                        (d + (o * m + j) * inner).initialize(from: block + idx * inner, count: inner)
                    }
                }
            }
            initialized = n
        }
        return Tensor(unchecked: outShape, scalars: out)
    }

    /// The adjoint of `gather`: a tensor of `shape` that is zero except that each slice of
    /// `values` is added at its index along `axis` (repeated indices accumulate).
    /// `values.shape` must be `shape[..<axis] + indices.shape + shape[(axis+1)...]`.
    public static func scatterAdd(_ values: Tensor, indices: Tensor, axis: Int,
                                  shape: [Int]) throws(TensorError) -> Tensor {
        let k = try normalizeAxis(axis, rank: shape.count, shape: shape, op: "scatter_add")
        let extent = shape[k]
        let resolved = try resolveIndices(indices, extent: extent, op: "scatter_add", axis: axis)
        let expected = Array(shape[..<k]) + indices.shape + Array(shape[(k + 1)...])
        guard values.shape == expected else {
            throw TensorError("scatter_add: values of shape \(describe(values.shape)) do not match \(describe(expected))")
        }
        let n = try elementCount(shape)
        var outer = 1
        for d in 0..<k { outer *= shape[d] }
        var inner = 1
        for d in (k + 1)..<shape.count { inner *= shape[d] }
        let m = resolved.count
        var out = [Double](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { buf in
            values.scalars.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = buf.baseAddress else { return }
                for o in 0..<outer {
                    let block = d + o * extent * inner
                    for (j, idx) in resolved.enumerated() {
                        let from = s + (o * m + j) * inner
                        let to = block + idx * inner
                        for t in 0..<inner { to[t] += from[t] }
                    }
                }
            }
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// Converts integral-double indices to non-negative positions in `0..<extent`.
    static func resolveIndices(_ indices: Tensor, extent: Int, op: String, axis: Int) throws(TensorError) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(indices.count)
        for v in indices.scalars {
            guard v.isFinite, v.rounded(.towardZero) == v, Swift.abs(v) < 9.0e15 else {
                throw TensorError("\(op): index \(v) is not an integer")
            }
            let i = Int(v)
            let j = i < 0 ? i + extent : i
            guard j >= 0, j < extent else {
                throw TensorError("\(op): index \(i) is out of range for axis \(axis) with extent \(extent)")
            }
            out.append(j)
        }
        return out
    }
}
