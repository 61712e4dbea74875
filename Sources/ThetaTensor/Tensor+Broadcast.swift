/// NumPy broadcasting, in one place. Shapes are aligned at their trailing axes; two extents are
/// compatible when equal or when one of them is 1; the result takes the larger.
///
/// Every broadcasting operation (binary arithmetic, comparisons, `where`, `assign`, batched
/// `matmul`) goes through `broadcastShape` for the result shape and through
/// `forEachBroadcastRun` / `forEachBroadcastOffset` for the walk over the operands.
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

    /// Simplifies a walk over `shape` reading two operands with strides `sa` and `sb`: axes of
    /// extent 1 are dropped, and an axis merges into the one before it when both operands
    /// step over the pair as over one axis (`s[k−1] = s[k]·shape[k]` for both). The walk
    /// visits the same offsets in the same order with the longest possible inner run, e.g.
    /// `[2, 3, 4] + [4]` becomes `[6, 4]` with strides `[4, 1]` and `[0, 1]`.
    @inlinable
    static func coalesceBroadcast(shape: [Int], _ sa: [Int], _ sb: [Int]) -> (shape: [Int], sa: [Int], sb: [Int]) {
        var cs: [Int] = [], ca: [Int] = [], cb: [Int] = []
        cs.reserveCapacity(shape.count); ca.reserveCapacity(shape.count); cb.reserveCapacity(shape.count)
        for k in 0..<shape.count where shape[k] != 1 {
            if let last = cs.last, let la = ca.last, let lb = cb.last,
               la == sa[k] * shape[k], lb == sb[k] * shape[k] {
                cs[cs.count - 1] = last * shape[k]
                ca[ca.count - 1] = sa[k]
                cb[cb.count - 1] = sb[k]
            } else {
                cs.append(shape[k]); ca.append(sa[k]); cb.append(sb[k])
            }
        }
        return (cs, ca, cb)
    }

    /// Applies `f` elementwise to two tensors broadcast together.
    ///
    /// Fast paths: equal shapes, and a one-element operand on either side (whose rank does not
    /// exceed the other's), run as one tight loop over the contiguous buffers. Otherwise the
    /// result shape is checked (an error names both shapes and `op`; an oversized result is
    /// refused before allocation), the walk is coalesced, and each inner run is a loop
    /// specialized for its strides (both contiguous, or one operand fixed). A walk that
    /// coalesces to two axes runs as nested loops (`zipRuns2D`, which tiles short rows).
    @inlinable @inline(__always)
    public static func zip(_ a: Tensor, _ b: Tensor, op: String,
                           _ f: (Double, Double) -> Double) throws(TensorError) -> Tensor {
        if a._shape == b._shape {
            let n = a.scalars.count
            let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        if let d = buf.baseAddress, let x = pa.baseAddress, let y = pb.baseAddress {
                            for i in 0..<n { d[i] = f(x[i], y[i]) }
                        }
                    }
                }
                initialized = n
            }
            return Tensor(unchecked: a._shape, scalars: out)
        }
        if b.scalars.count == 1 && b.rank <= a.rank {
            let y = b.scalars[0]
            return a.mapKernel { f($0, y) }
        }
        if a.scalars.count == 1 && a.rank <= b.rank {
            let x = a.scalars[0]
            return b.mapKernel { f(x, $0) }
        }
        let shape = try broadcastShape(a._shape, b._shape, op: op)
        let n = try elementCount(shape)
        let sa = broadcastStrides(from: a._shape, to: shape)
        let sb = broadcastStrides(from: b._shape, to: shape)
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    guard let d = buf.baseAddress, let x = pa.baseAddress, let y = pb.baseAddress else { return }
                    zipWalk(d, x, y, shape: shape, sa, sb, f)
                }
            }
            initialized = n
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// Visits every index of `shape` in row-major order, one inner run at a time (see
    /// `BroadcastWalk`): `body(linear, offsetA, offsetB, count, strideA, strideB)`.
    @inlinable
    public static func forEachBroadcastRun(shape: [Int], _ sa: [Int], _ sb: [Int],
                                           _ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        var walk = BroadcastWalk(shape: shape, sa, sb)
        while let run = walk.next() {
            body(run.linear, run.a, run.b, walk.count, walk.strideA, walk.strideB)
        }
    }

    /// Visits every index of `shape` in row-major order, calling `body(linear, offsetA, offsetB)`
    /// with the offsets given by the two stride vectors (the element-at-a-time form of
    /// `forEachBroadcastRun`, for walks whose body is not a simple loop).
    @inlinable
    public static func forEachBroadcastOffset(shape: [Int], _ sa: [Int], _ sb: [Int],
                                              _ body: (Int, Int, Int) -> Void) {
        forEachBroadcastRun(shape: shape, sa, sb) { linear, oa, ob, count, ia, ib in
            for j in 0..<count { body(linear + j, oa + j * ia, ob + j * ib) }
        }
    }

    /// Applies `f` to every element.
    @inlinable
    public func map(_ f: (Double) -> Double) -> Tensor {
        mapKernel(f)
    }
}

/// The walk over a broadcast result shape, coalesced (`Tensor.coalesceBroadcast`), as a
/// sequence of inner runs: each `next()` gives the result position `linear` where a run
/// starts and the operand offsets `a`, `b` of its first element; the run covers `count`
/// consecutive result positions, the operands advancing by `strideA` and `strideB`.
/// An iterator rather than a closure, so kernels keep their inner loops in their own body.
/// A shape with a zero extent has no runs; a rank-0 shape has one run of one element.
@usableFromInline
struct BroadcastWalk {
    @usableFromInline let outerShape: [Int]
    @usableFromInline let outerA: [Int]
    @usableFromInline let outerB: [Int]
    @usableFromInline let count: Int
    @usableFromInline let strideA: Int
    @usableFromInline let strideB: Int
    @usableFromInline var index: [Int]
    @usableFromInline var a = 0, b = 0, linear = 0
    @usableFromInline var done: Bool

    @inlinable
    init(shape: [Int], _ sa: [Int], _ sb: [Int]) {
        let (cs, ca, cb) = Tensor.coalesceBroadcast(shape: shape, sa, sb)
        done = shape.contains(0)
        if let inner = cs.last, let ia = ca.last, let ib = cb.last {
            count = inner; strideA = ia; strideB = ib
            outerShape = Array(cs.dropLast()); outerA = Array(ca.dropLast()); outerB = Array(cb.dropLast())
        } else {
            count = 1; strideA = 0; strideB = 0
            outerShape = []; outerA = []; outerB = []
        }
        index = [Int](repeating: 0, count: outerShape.count)
    }

    /// The next run's start, or nil when the walk is over.
    @inlinable
    mutating func next() -> (linear: Int, a: Int, b: Int)? {
        if done { return nil }
        let run = (linear: linear, a: a, b: b)
        linear += count
        // Advance the odometer over the outer axes.
        var axis = outerShape.count - 1
        while axis >= 0 {
            index[axis] += 1
            a += outerA[axis]; b += outerB[axis]
            if index[axis] < outerShape[axis] { break }
            a -= outerA[axis] * outerShape[axis]; b -= outerB[axis] * outerShape[axis]
            index[axis] = 0
            axis -= 1
        }
        if axis < 0 { done = true }
        return run
    }
}
