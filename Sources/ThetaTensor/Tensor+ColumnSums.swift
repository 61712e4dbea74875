/// Column sums of an elementwise function of two tensors, without materialising it.
///
/// The backward pass of a broadcasting product or quotient needs, for an operand of shape
/// `[K]` broadcast against `[N, K]`, the sums `Σ_r f(g[r, j], v[r, j])` over the rows: the
/// adjoint of the broadcast applied to an elementwise product. Forming `f(g, v)` first
/// writes and rereads a temporary as large as the output; here each element is formed and
/// added at once. Short rows (`inner < shortRow`) accumulate into a tile of whole 8-lane
/// vectors, as `reduceShortRows` does; the order of the additions is therefore that of a
/// tiled sum, not strictly row by row.
extension Tensor {
    /// `out[j] = Σ_{r < rows} f(a[r·inner + j], b[r·inner + j])` for `j < inner`, where `a`
    /// and `b` have the same shape and `rows·inner` elements (`inner ≥ 1`, a divisor of the
    /// element count: the product of trailing extents).
    /// - Throws: when the shapes differ or `inner` does not divide the element count.
    @inlinable
    public static func columnSums(_ a: Tensor, _ b: Tensor, inner: Int, op: String,
                                  _ f: (Double, Double) -> Double) throws(TensorError) -> [Double] {
        guard a._shape == b._shape, inner >= 1, a.count % inner == 0 else {
            throw TensorError("\(op): column sums of shapes \(describe(a.shape)) and \(describe(b.shape)) over rows of \(inner)")
        }
        let rows = a.count / inner
        var out = [Double](repeating: 0, count: inner)
        if rows == 0 { return out }
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    guard let x = pa.baseAddress, let y = pb.baseAddress, let acc = po.baseAddress else { return }
                    columnSumsKernel(x, y, rows: rows, inner: inner, into: acc, f)
                }
            }
        }
        return out
    }

    /// The loop of `columnSums`; `acc` holds `inner` zeros on entry.
    @inlinable @inline(__always)
    static func columnSumsKernel(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, rows: Int, inner: Int,
                                 into acc: UnsafeMutablePointer<Double>, _ f: (Double, Double) -> Double) {
        if inner >= shortRow {
            for r in 0..<rows {
                let p = x + r * inner, q = y + r * inner
                for j in 0..<inner { acc[j] += f(p[j], q[j]) }
            }
            return
        }
        let k = tileRows(inner), t = k * inner
        let tiles = rows / k
        withUnsafeTemporaryAllocation(of: Double.self, capacity: t) { tileBuffer in
            guard let tile = tileBuffer.baseAddress else { return }
            tile.initialize(repeating: 0, count: t)
            for q in 0..<tiles {
                let p = x + q * t, w = y + q * t
                for m in 0..<t { tile[m] += f(p[m], w[m]) }
            }
            for m in 0..<k {
                let part = tile + m * inner
                for j in 0..<inner { acc[j] += part[j] }
            }
        }
        for r in (tiles * k)..<rows {
            let p = x + r * inner, q = y + r * inner
            for j in 0..<inner { acc[j] += f(p[j], q[j]) }
        }
    }

    /// The backward pass of `y = a / b` for `b` one row `[K]` (or `[1, K]`) against `[N, K]`,
    /// in one pass: `g[r, j] ← g[r, j] / b[j]` in place (the gradient of `a`), returning
    /// `Σ_r g[r, j]·y[r, j]` with the updated `g` (minus the gradient of `b`, before any
    /// factor). The same operations as `g = g / b` followed by `columnSums(g, y)`, in the same
    /// order, so the same bits; `g`'s buffer is copied first if shared.
    /// - Throws: when `y` does not have `g`'s shape or `b` does not have `inner` elements
    ///   dividing `g`'s count.
    public static func divideRowsAndColumnSums(_ g: inout Tensor, by b: Tensor, times y: Tensor,
                                               inner: Int) throws(TensorError) -> [Double] {
        guard g._shape == y._shape, inner >= 1, b.count == inner, g.count % inner == 0 else {
            throw TensorError("/ (backward): shapes \(describe(g.shape)), \(describe(b.shape)) and \(describe(y.shape)) over rows of \(inner)")
        }
        let rows = g.count / inner
        var out = [Double](repeating: 0, count: inner)
        if rows == 0 { return out }
        let t = inner >= shortRow ? inner : tileRows(inner) * inner
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * t) { scratch in
            guard let divisor = scratch.baseAddress else { return }
            let tile = divisor + t
            b.scalars.withUnsafeBufferPointer { pb in
                y.scalars.withUnsafeBufferPointer { py in
                    g.scalars.withUnsafeMutableBufferPointer { pg in
                        out.withUnsafeMutableBufferPointer { po in
                            guard let row = pb.baseAddress, let w = py.baseAddress, let d = pg.baseAddress,
                                  let acc = po.baseAddress else { return }
                            for m in 0..<t { divisor[m] = row[m % inner] }
                            tile.initialize(repeating: 0, count: t)
                            // Whole tiles of t elements, then the remaining rows one at a time.
                            let tiles = rows * inner / t
                            for q in 0..<tiles {
                                let p = d + q * t, v = w + q * t
                                for m in 0..<t {
                                    let x = p[m] / divisor[m]
                                    p[m] = x
                                    tile[m] += x * v[m]
                                }
                            }
                            if inner >= shortRow {
                                for j in 0..<inner { acc[j] = tile[j] }
                            } else {
                                for m in 0..<(t / inner) {
                                    let part = tile + m * inner
                                    for j in 0..<inner { acc[j] += part[j] }
                                }
                            }
                            for r in (tiles * t / inner)..<rows {
                                let p = d + r * inner, v = w + r * inner
                                for j in 0..<inner {
                                    let x = p[j] / row[j]
                                    p[j] = x
                                    acc[j] += x * v[j]
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
