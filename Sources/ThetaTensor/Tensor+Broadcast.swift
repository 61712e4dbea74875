/// NumPy broadcasting, in one place. Shapes are aligned at their trailing axes; two extents are
/// compatible when equal or when one of them is 1; the result takes the larger.
extension Tensor {
    /// The broadcast shape of two shapes, or an error naming both and the operation.
    public static func broadcastShape(_ a: [Int], _ b: [Int], op: String) throws(TensorError) -> [Int] {
        if a == b { return a }
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da }
            else if da == 1 { out[i] = db }
            else {
                throw TensorError("\(op): shapes \(describe(a)) and \(describe(b)) cannot be broadcast together (axis \(i): \(da) vs \(db))")
            }
        }
        return out
    }

    /// Strides for reading a tensor of shape `from` as if it had shape `to` (broadcast axes get
    /// stride 0). `to` must be a broadcast of `from`.
    public static func broadcastStrides(from: [Int], to: [Int]) -> [Int] {
        let own = strides(from)
        var out = [Int](repeating: 0, count: to.count)
        let offset = to.count - from.count
        for i in 0..<from.count where from[i] != 1 { out[i + offset] = own[i] }
        return out
    }

    /// Applies `f` elementwise to two tensors broadcast together.
    ///
    /// Fast paths: equal shapes, and a scalar on either side, run as one tight loop over
    /// contiguous buffers; the general case walks an odometer over the output index.
    @inlinable
    public static func zip(_ a: Tensor, _ b: Tensor, op: String,
                           _ f: (Double, Double) -> Double) throws(TensorError) -> Tensor {
        if a.shape == b.shape {
            let n = a.count
            let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<n { buf[i] = f(pa[i], pb[i]) }
                    }
                }
                initialized = n
            }
            return Tensor(unchecked: a.shape, scalars: out)
        }
        if b.count == 1 && b.rank <= a.rank {
            let y = b.scalars[0]
            return Tensor(unchecked: a.shape, scalars: a.scalars.map { f($0, y) })
        }
        if a.count == 1 && a.rank <= b.rank {
            let x = a.scalars[0]
            return Tensor(unchecked: b.shape, scalars: b.scalars.map { f(x, $0) })
        }
        let shape = try broadcastShape(a.shape, b.shape, op: op)
        let n = try elementCount(shape)
        let sa = broadcastStrides(from: a.shape, to: shape)
        let sb = broadcastStrides(from: b.shape, to: shape)
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    forEachBroadcastOffset(shape: shape, sa, sb) { i, ia, ib in buf[i] = f(pa[ia], pb[ib]) }
                }
            }
            initialized = n
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// Visits every index of `shape` in row-major order, calling `body(linear, offsetA, offsetB)`
    /// with the offsets given by the two stride vectors. The innermost axis is a tight loop.
    @inlinable
    public static func forEachBroadcastOffset(shape: [Int], _ sa: [Int], _ sb: [Int],
                                              _ body: (Int, Int, Int) -> Void) {
        let rank = shape.count
        if rank == 0 { body(0, 0, 0); return }
        if shape.contains(0) { return }
        var index = [Int](repeating: 0, count: rank)
        var oa = 0, ob = 0, linear = 0
        let inner = shape[rank - 1], ia = sa[rank - 1], ib = sb[rank - 1]
        while true {
            var xa = oa, xb = ob
            for _ in 0..<inner { body(linear, xa, xb); linear += 1; xa += ia; xb += ib }
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                oa += sa[axis]; ob += sb[axis]
                if index[axis] < shape[axis] { break }
                oa -= sa[axis] * shape[axis]; ob -= sb[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// Applies `f` to every element.
    @inlinable
    public func map(_ f: (Double) -> Double) -> Tensor {
        Tensor(unchecked: shape, scalars: scalars.map(f))
    }
}
