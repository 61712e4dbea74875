/// Strided views over a contiguous buffer: the one kernel behind transposes, slices and
/// `broadcast(to:)`.
///
/// A view is `(shape, strides, offset)`: the element at index `i` of the view lives at
/// `offset + Σ_k i[k]·strides[k]` of the source buffer. Strides may be zero (broadcast) or
/// negative (reversed slices).
extension Tensor {
    /// Merges adjacent axes that are laid out as one (`strides[k] == strides[k+1]·shape[k+1]`)
    /// and drops axes of extent 1, so that contiguous runs become a single inner loop.
    @usableFromInline
    static func coalesce(shape: [Int], strides: [Int]) -> (shape: [Int], strides: [Int]) {
        var outShape: [Int] = []
        var outStrides: [Int] = []
        outShape.reserveCapacity(shape.count)
        outStrides.reserveCapacity(shape.count)
        for k in 0..<shape.count where shape[k] != 1 {
            if let lastExtent = outShape.last, let lastStride = outStrides.last,
               lastStride == strides[k] * shape[k] {
                outShape[outShape.count - 1] = lastExtent * shape[k]
                outStrides[outStrides.count - 1] = strides[k]
            } else {
                outShape.append(shape[k])
                outStrides.append(strides[k])
            }
        }
        return (outShape, outStrides)
    }

    /// Copies the view `(shape, strides, offset)` of `source` into a new row-major array.
    ///
    /// The caller guarantees that every addressed element lies inside `source` and that the
    /// product of `shape` is a checked element count. Contiguous inner runs are block copies;
    /// a pure 2-D transpose is tiled so that both sides stay in cache.
    @usableFromInline
    static func stridedCopy(_ source: UnsafeBufferPointer<Double>, shape: [Int], strides: [Int],
                            offset: Int) -> [Double] {
        var n = 1
        for d in shape { n &*= d }
        if n == 0 { return [] }
        guard let base = source.baseAddress else { return [] } // unreachable: n > 0 elements exist
        let (cs, cst) = coalesce(shape: shape, strides: strides)
        let rank = cs.count
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            guard let dst = out.baseAddress else { initialized = 0; return } // unreachable
            let src = base + offset
            if rank == 0 {
                dst[0] = src[0]
            } else if rank == 2 && cst[0] == 1 {
                transposeTiled(src, dst, rows: cs[0], cols: cs[1], colStride: cst[1])
            } else {
                let inner = cs[rank - 1], innerStride = cst[rank - 1]
                var index = [Int](repeating: 0, count: rank)
                var o = 0, w = 0
                while true {
                    if innerStride == 1 {
                        (dst + w).update(from: src + o, count: inner)
                    } else {
                        var p = o
                        for j in 0..<inner { dst[w + j] = src[p]; p += innerStride }
                    }
                    w += inner
                    var axis = rank - 2
                    while axis >= 0 {
                        index[axis] += 1
                        o += cst[axis]
                        if index[axis] < cs[axis] { break }
                        o -= cst[axis] * cs[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                    if axis < 0 { break }
                }
            }
            initialized = n
        }
    }

    /// `dst[r·cols + c] = src[r + c·colStride]`: writes a `rows × cols` row-major matrix read
    /// column-wise from `src`, in 32 × 32 tiles.
    @inline(__always)
    static func transposeTiled(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>,
                               rows: Int, cols: Int, colStride: Int) {
        let tile = 32
        var r0 = 0
        while r0 < rows {
            let r1 = min(r0 + tile, rows)
            var c0 = 0
            while c0 < cols {
                let c1 = min(c0 + tile, cols)
                for r in r0..<r1 {
                    for c in c0..<c1 { dst[r * cols + c] = src[r + c * colStride] }
                }
                c0 = c1
            }
            r0 = r1
        }
    }

    /// Writes `value` (already broadcast-compatible: `valueStrides` has zeros on broadcast
    /// axes) into the view `(shape, strides, offset)` of `dest`.
    @usableFromInline
    static func stridedWrite(_ dest: UnsafeMutableBufferPointer<Double>, shape: [Int],
                             strides: [Int], offset: Int,
                             value: UnsafeBufferPointer<Double>, valueStrides: [Int]) {
        guard let d = dest.baseAddress, let v = value.baseAddress else { return }
        forEachBroadcastOffset(shape: shape, strides, valueStrides) { _, od, ov in
            d[offset + od] = v[ov]
        }
    }
}
