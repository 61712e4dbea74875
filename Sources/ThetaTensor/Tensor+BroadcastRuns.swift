/// Loops for broadcast walks that coalesce to two axes, `[rows, count]` (the common case:
/// a matrix against a row or a column, `[N, 1]` against `[K]`, ...).
///
/// The general walk (`BroadcastWalk`) advances an odometer once per inner run; when the inner
/// run is short (`[100000, 5] − [5]` has runs of five) that bookkeeping costs more than the
/// arithmetic. Here the two axes are plain nested loops, and a short row repeated against a
/// contiguous operand is tiled: the row is copied `k` times into a small buffer of
/// `T = k·count` elements, so the walk becomes a flat loop over blocks of `T` contiguous
/// elements against a contiguous tile, which the compiler vectorizes. The result is the same
/// elementwise `f(a, b)` at every position; only the loop structure differs.
extension Tensor {
    /// Rows per tile for a row of `count` elements: the smallest multiple making the tile a
    /// whole number of 8-lane vectors, repeated until the tile holds at least 64 elements.
    @inlinable
    static func tileRows(_ count: Int) -> Int {
        var g = count, h = 8
        while h != 0 { (g, h) = (h, g % h) }   // gcd(count, 8)
        let base = 8 / g
        return base * Swift.max(1, 64 / (base * count))
    }

    /// Rows shorter than this are tiled when repeated against a contiguous operand.
    @inlinable static var shortRow: Int { 32 }

    /// `d[r, j] = f(a[r·oa + j·ia], b[r·ob + j·ib])` for `r < rows`, `j < count`, the output
    /// contiguous. The inner loop is specialized for the stride pairs that occur.
    @inlinable @inline(__always)
    static func zipRuns2D(_ d: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                          rows: Int, count: Int, oa: Int, ob: Int, ia: Int, ib: Int,
                          _ f: (Double, Double) -> Double) {
        if ia == 1 && ib == 1 {
            if count < shortRow && oa == count && ob == 0 {
                // a contiguous over the whole output, b one repeated row.
                zipTiled(d, x, y, total: rows * count, count: count) { f($0, $1) }
                return
            }
            if count < shortRow && oa == 0 && ob == count {
                zipTiled(d, y, x, total: rows * count, count: count) { f($1, $0) }
                return
            }
            for r in 0..<rows {
                let dst = d + r * count, xa = x + r * oa, yb = y + r * ob
                for j in 0..<count { dst[j] = f(xa[j], yb[j]) }
            }
        } else if ia == 1 && ib == 0 {
            if oa == 0 && count >= 1 && count <= 8 {
                // One short row against a column (`[K] − [N, 1]`).
                zipColumnByRow(d, y, x, rows: rows, count: count, columnStride: ob) { f($1, $0) }
                return
            }
            for r in 0..<rows {
                let dst = d + r * count, xa = x + r * oa, v = y[r * ob]
                for j in 0..<count { dst[j] = f(xa[j], v) }
            }
        } else if ia == 0 && ib == 1 {
            if ob == 0 && count >= 1 && count <= 8 {
                // A column against one short row (`[N, 1] − [K]`): an outer operation.
                zipColumnByRow(d, x, y, rows: rows, count: count, columnStride: oa) { f($0, $1) }
                return
            }
            for r in 0..<rows {
                let dst = d + r * count, u = x[r * oa], yb = y + r * ob
                for j in 0..<count { dst[j] = f(u, yb[j]) }
            }
        } else {
            for r in 0..<rows {
                let dst = d + r * count, xa = x + r * oa, yb = y + r * ob
                for j in 0..<count { dst[j] = f(xa[j * ia], yb[j * ib]) }
            }
        }
    }

    /// `d[r, j] = f(column[r·columnStride], row[j])` for `r < rows`, `j < count`, `1 ≤ count ≤ 8`:
    /// each output row is one eight-lane operation (the row padded with its first element)
    /// stored whole, its spill overwritten by the rows after it; the last rows, whose eight
    /// lanes would reach past the output, are stored element by element.
    @inlinable @inline(__always)
    static func zipColumnByRow(_ d: UnsafeMutablePointer<Double>, _ column: UnsafePointer<Double>,
                               _ row: UnsafePointer<Double>, rows: Int, count: Int, columnStride: Int,
                               _ f: (Double, Double) -> Double) {
        var padded = SIMD8<Double>(repeating: row[0])
        for j in 0..<count { padded[j] = row[j] }
        let raw = UnsafeMutableRawPointer(d)
        let total = rows * count
        var r = 0
        while r < rows && r * count + 8 <= total {
            let u = column[r * columnStride]
            var v = SIMD8<Double>()
            for j in 0..<8 { v[j] = f(u, padded[j]) }
            raw.storeBytes(of: v, toByteOffset: r * count * 8, as: SIMD8<Double>.self)
            r += 1
        }
        while r < rows {
            let dst = d + r * count, u = column[r * columnStride]
            for j in 0..<count { dst[j] = f(u, row[j]) }
            r += 1
        }
    }

    /// `d[i] = f(full[i], row[i mod count])` for `i < total` (a whole number of rows): the
    /// row is tiled into a stack buffer of `tileRows(count)` rows and the loop runs over
    /// contiguous blocks of the tile's length.
    @inlinable @inline(__always)
    static func zipTiled(_ d: UnsafeMutablePointer<Double>, _ full: UnsafePointer<Double>,
                         _ row: UnsafePointer<Double>, total: Int, count: Int,
                         _ f: (Double, Double) -> Double) {
        let t = tileRows(count) * count
        withUnsafeTemporaryAllocation(of: Double.self, capacity: t) { tileBuffer in
            guard let tile = tileBuffer.baseAddress else { return }
            for k in 0..<t { tile[k] = row[k % count] }
            var i = 0
            while i + t <= total {
                let dst = d + i, src = full + i
                for k in 0..<t { dst[k] = f(src[k], tile[k]) }
                i += t
            }
            // The tail is whole rows, so it starts at the tile's first element.
            let dst = d + i, src = full + i
            for k in 0..<(total - i) { dst[k] = f(src[k], tile[k]) }
        }
    }
}

extension Tensor {
    /// `d[i] = f(x[offsetA(i)], y[offsetB(i)])` over every index `i` of `shape` (row-major,
    /// `d` contiguous), the offsets given by the strides `sa` and `sb`. The walk is coalesced;
    /// two axes run as nested loops (`zipRuns2D`), more as a `BroadcastWalk` of inner runs,
    /// each a loop specialized for its strides. `d` may equal `x` when `sa` are the row-major
    /// strides of `shape` (each element is read before it is written).
    @inlinable @inline(__always)
    static func zipWalk(_ d: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                        shape: [Int], _ sa: [Int], _ sb: [Int], _ f: (Double, Double) -> Double) {
        let (cs, ca, cb) = coalesceBroadcast(shape: shape, sa, sb)
        if cs.count == 2 {
            zipRuns2D(d, x, y, rows: cs[0], count: cs[1], oa: ca[0], ob: cb[0], ia: ca[1], ib: cb[1], f)
            return
        }
        var walk = BroadcastWalk(shape: shape, sa, sb)
        let count = walk.count, ia = walk.strideA, ib = walk.strideB
        while let run = walk.next() {
            let dst = d + run.linear, xa = x + run.a, yb = y + run.b
            if ia == 1 && ib == 1 {
                for j in 0..<count { dst[j] = f(xa[j], yb[j]) }
            } else if ia == 1 && ib == 0 {
                let v = yb[0]
                for j in 0..<count { dst[j] = f(xa[j], v) }
            } else if ia == 0 && ib == 1 {
                let u = xa[0]
                for j in 0..<count { dst[j] = f(u, yb[j]) }
            } else {
                for j in 0..<count { dst[j] = f(xa[j * ia], yb[j * ib]) }
            }
        }
    }

    /// `a = f(a, b)` elementwise with `b` broadcast against `a`, written into `a`'s buffer
    /// when the broadcast shape is `a`'s own (the buffer is copied first only if shared);
    /// otherwise `a` becomes the new, larger `zip(a, b, op:, f)`. Saves the allocation and
    /// the fresh pages of a result when an owned tensor is updated by a smaller one (a
    /// gradient of shape `[N, K]` scaled by a `[K]` row, say).
    /// - Throws: when the shapes cannot be broadcast together (naming both and `op`).
    @inlinable @inline(__always)
    public static func zipInPlace(_ a: inout Tensor, _ b: Tensor, op: String,
                                  _ f: (Double, Double) -> Double) throws(TensorError) {
        let shape = try broadcastShape(a._shape, b._shape, op: op)
        guard shape == a._shape else {
            a = try zip(a, b, op: op, f)
            return
        }
        let sa = strides(shape)
        let sb = broadcastStrides(from: b._shape, to: shape)
        b.scalars.withUnsafeBufferPointer { pb in
            a.scalars.withUnsafeMutableBufferPointer { pa in
                guard let d = pa.baseAddress, let y = pb.baseAddress else { return }
                zipWalk(d, UnsafePointer(d), y, shape: shape, sa, sb, f)
            }
        }
    }
}
