/// Kernels for reductions and normalizations along a short axis (fewer than `shortRow`
/// elements per slice), such as a log-sum-exp over the five components of a mixture for
/// each of 100,000 points.
///
/// Done one slice at a time, such an operation pays a vector kernel's set-up and its scalar
/// tail for every five elements. Here the work is restructured so that each elementary
/// function runs once over many slices:
/// - log-sum-exp and (log-)softmax along the last axis take blocks of rows (about 1024
///   elements, in L1): a pass for the row maxima `m`, one vectorised `exp` of `x − m` over
///   the whole block (for log-sum-exp a fused lane loop against the maxima repeated along
///   their rows, `expandRows`), row sums, and one vectorised `log` over the block's sums;
/// - reductions over leading axes with a short contiguous row (`sum` over axis 0 of
///   `[100000, 5]`) accumulate into a tile of several rows (a whole number of 8-lane
///   vectors), folded into one row at the end.
/// Every result is the same function of the same inputs as the row-at-a-time kernels;
/// the softmax kernels even give the same bits (the same operations in the same order, and
/// `VectorMath`'s lane and scalar forms agree). Log-sum-exp here is the two-pass form (row
/// maximum, then the sum); a long row may instead take `VectorMath.logSumExpOnePass`, so the
/// two agree to rounding rather than bit for bit. The tiled sums add in a different order
/// (each tile row is a partial sum of every k-th row).
extension Tensor {
    /// Rows per block of the last-axis kernels: about 1024 elements, which stay in L1.
    @inlinable
    static func blockRows(_ length: Int) -> Int { Swift.max(1, 1024 / Swift.max(length, 1)) }

    /// `out[r] = log Σ_j e^{x[r, j]}` for `rows` contiguous rows of `length ≥ 1` elements,
    /// shifted by the row maximum `m` (so nothing overflows); a row whose maximum is not
    /// finite (NaN, `+inf`, or every entry `-inf`) gives that maximum, as `logSumExpRow`.
    /// With `softmax` given, also writes there the derivative `e^{x − out}` of each row (its
    /// softmax), as the block's exponentials divided by their row sum; a row whose maximum is
    /// not finite gets `e^{x − out}` elementwise (NaN at the entries that made it so).
    static func logSumExpShortRows(_ x: UnsafePointer<Double>, rows: Int, length: Int,
                                   into out: UnsafeMutablePointer<Double>,
                                   softmax: UnsafeMutablePointer<Double>? = nil) {
        // Rows of at most eight: eight rows at a time across the lanes, the rest in blocks.
        let done = length <= 8 ? logSumExpRowLanes(x, rows: rows, length: length, into: out, softmax: softmax) : 0
        if done == rows { return }
        logSumExpShortBlocks(x + done * length, rows: rows - done, length: length, into: out + done,
                             softmax: softmax.map { $0 + done * length })
    }

    /// `logSumExpShortRows` a block of rows at a time (see the type's notes).
    static func logSumExpShortBlocks(_ x: UnsafePointer<Double>, rows: Int, length: Int,
                                     into out: UnsafeMutablePointer<Double>,
                                     softmax: UnsafeMutablePointer<Double>?) {
        let block = blockRows(length)
        let span = block * length + 8   // room for `expandRows`' last spill
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * span + 2 * block) { scratch in
            guard let e = scratch.baseAddress else { return }
            let shifts = e + span, sums = e + 2 * span, inverses = sums + block
            var r0 = 0
            while r0 < rows {
                let nr = Swift.min(block, rows - r0)
                let src = x + r0 * length
                for r in 0..<nr {
                    let p = src + r * length
                    var m = rowMaximum(p, length)
                    // NaN, +inf or all -inf: the exact NaN-propagating maximum decides.
                    if !m.isFinite { m = extremeRow(p, length, greater: true) }
                    out[r0 + r] = m
                    // The row's shift, kept in `sums` until the sums replace it. A non-finite
                    // maximum fixes the result; shift by 0 so the block's exponentials stay
                    // defined (their values are not used).
                    sums[r] = m.isFinite ? m : 0
                }
                expandRows(sums, rows: nr, length: length, into: shifts)
                expOfDifference(src, shifts, into: e, count: nr * length)
                for r in 0..<nr { sums[r] = rowSum(e + r * length, length) }
                if let softmax {
                    for r in 0..<nr { inverses[r] = 1 / sums[r] }
                    expandRows(inverses, rows: nr, length: length, into: shifts)
                    let w = softmax + r0 * length
                    for i in 0..<(nr * length) { w[i] = e[i] * shifts[i] }
                }
                VectorMath.log(sums, into: sums, count: nr)
                for r in 0..<nr {
                    let m = out[r0 + r]
                    if m.isFinite {
                        out[r0 + r] = m + sums[r]
                    } else if let softmax {
                        let p = src + r * length, w = softmax + (r0 + r) * length
                        for j in 0..<length { w[j] = VectorMath.exp(p[j] - m) }
                    }
                }
                r0 += nr
            }
        }
    }

    /// `out[r·length + j] = v[r]` for `r < rows`, `j < length`: a per-row value repeated
    /// along its row, so that row-wise arithmetic becomes one flat vector loop. Rows of at
    /// most eight take one 8-lane store each, overlapping the next row (later rows overwrite
    /// the spill), so `out` needs room for `rows·length + 8` elements.
    @inline(__always)
    static func expandRows(_ v: UnsafePointer<Double>, rows: Int, length: Int, into out: UnsafeMutablePointer<Double>) {
        if length <= 8 {
            let raw = UnsafeMutableRawPointer(out)
            for r in 0..<rows {
                raw.storeBytes(of: SIMD8<Double>(repeating: v[r]), toByteOffset: r * length * 8, as: SIMD8<Double>.self)
            }
            return
        }
        for r in 0..<rows {
            let q = out + r * length, value = v[r]
            for j in 0..<length { q[j] = value }
        }
    }

    /// `d[i] = e^{x[i] − y[i]}`, times `g[i]` when `g` is given, for `i < count`: one pass,
    /// the lane form of `exp` on whole vectors and the scalar form on the tail (the same
    /// bits either way). `d` may equal `x`, `y` or `g`.
    @inline(__always)
    static func expOfDifference(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
                                into d: UnsafeMutablePointer<Double>, count: Int,
                                times g: UnsafePointer<Double>? = nil) {
        let table = VectorMath.expTable
        let px = UnsafeRawPointer(x), py = UnsafeRawPointer(y), pd = UnsafeMutableRawPointer(d)
        var i = 0
        if let g {
            let pg = UnsafeRawPointer(g)
            while i + 8 <= count {
                let v = px.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
                    - py.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
                let e = VectorMath.exp(v, table: table) * pg.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
                pd.storeBytes(of: e, toByteOffset: i * 8, as: SIMD8<Double>.self)
                i += 8
            }
            while i < count { d[i] = VectorMath.exp(x[i] - y[i]) * g[i]; i += 1 }
        } else {
            while i + 8 <= count {
                let v = px.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
                    - py.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
                pd.storeBytes(of: VectorMath.exp(v, table: table), toByteOffset: i * 8, as: SIMD8<Double>.self)
                i += 8
            }
            while i < count { d[i] = VectorMath.exp(x[i] - y[i]); i += 1 }
        }
    }

    /// The maximum of `n ≥ 1` contiguous elements, branch-free (`v > m ? v : m` compiles to
    /// a max instruction, so unpredictable orderings cost no mispredictions). Exact when no
    /// element is NaN; with a NaN it may return NaN or the maximum of the others, so callers
    /// either check for a non-finite result or let the NaN reach the result another way.
    @inline(__always)
    static func rowMaximum(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
        var m = p[0]
        for j in 1..<n { let v = p[j]; m = v > m ? v : m }
        return m
    }

    /// `p[0] + p[1] + … + p[n−1]` added left to right (`n ≥ 1`); rows of up to six are
    /// unrolled, since straight-line code lets the processor overlap consecutive rows (a
    /// loop of four or five additions stalls on its own exit).
    @inline(__always)
    static func rowSum(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
        switch n {
        case 1: return p[0]
        case 2: return p[0] + p[1]
        case 3: return p[0] + p[1] + p[2]
        case 4: return p[0] + p[1] + p[2] + p[3]
        case 5: return p[0] + p[1] + p[2] + p[3] + p[4]
        case 6: return p[0] + p[1] + p[2] + p[3] + p[4] + p[5]
        default:
            var s = p[0]
            for j in 1..<n { s += p[j] }
            return s
        }
    }

    /// Softmax (`log` false) or log-softmax of `rows` contiguous rows of `length ≥ 1`
    /// elements from `x` into `y`: `y = e^{x − m} / Σ e^{x − m}` or
    /// `y = (x − m) − log Σ e^{x − m}`, `m` the row maximum (NaN for an all `-inf` row, as
    /// the row-at-a-time kernel gives). A NaN entry makes its row's sum NaN, so the whole
    /// row is NaN whatever `rowMaximum` returned, as with the NaN-propagating maximum.
    static func softmaxShortRows(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
                                 rows: Int, length: Int, log: Bool) {
        let block = blockRows(length)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * block) { scratch in
            guard let maxima = scratch.baseAddress else { return }
            let sums = maxima + block
            var r0 = 0
            while r0 < rows {
                let nr = Swift.min(block, rows - r0)
                let src = x + r0 * length, dst = y + r0 * length
                for r in 0..<nr {
                    let p = src + r * length, q = dst + r * length
                    let m = rowMaximum(p, length)
                    maxima[r] = m
                    for j in 0..<length { q[j] = p[j] - m }
                }
                VectorMath.exp(dst, into: dst, count: nr * length)
                for r in 0..<nr { sums[r] = rowSum(dst + r * length, length) }
                if log {
                    VectorMath.log(sums, into: sums, count: nr)
                    for r in 0..<nr {
                        let p = src + r * length, q = dst + r * length
                        let m = maxima[r], logZ = sums[r]
                        for j in 0..<length { q[j] = (p[j] - m) - logZ }
                    }
                } else {
                    for r in 0..<nr {
                        let q = dst + r * length
                        let inverse = 1 / sums[r]
                        for j in 0..<length { q[j] *= inverse }
                    }
                }
                r0 += nr
            }
        }
    }

    /// Reduces `length ≥ 1` rows of `inner < shortRow` contiguous elements at `block` into
    /// `acc[0..<inner]` (sum, mean's sum, prod, max or min; the caller divides for the mean).
    /// Rows are combined a tile of `k = tileRows(inner)` rows at a time, so the inner loop
    /// runs over `k·inner` contiguous elements; the tile's rows are then folded in order, and
    /// the last `length mod k` rows added one by one.
    static func reduceShortRows(_ block: UnsafePointer<Double>, length: Int, inner: Int,
                                _ r: Reduction, into acc: UnsafeMutablePointer<Double>) {
        let k = tileRows(inner), t = k * inner
        let tiles = length / k
        if tiles < 2 {
            acc.initialize(from: block, count: inner)
            for l in 1..<Swift.max(length, 1) { combine(r, acc, block + l * inner, inner) }
            return
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: t) { tileBuffer in
            guard let tile = tileBuffer.baseAddress else { return }
            tile.initialize(from: block, count: t)
            for q in 1..<tiles { combine(r, tile, block + q * t, t) }
            acc.initialize(from: tile, count: inner)
            for m in 1..<k { combine(r, acc, tile + m * inner, inner) }
            for l in (tiles * k)..<length { combine(r, acc, block + l * inner, inner) }
        }
    }

    /// `acc[j] = acc[j] ∘ src[j]` for `j < n`, `∘` the combining step of `r` (`+` for sum and
    /// mean, `·` for prod, NaN-propagating max or min).
    @inline(__always)
    static func combine(_ r: Reduction, _ acc: UnsafeMutablePointer<Double>, _ src: UnsafePointer<Double>, _ n: Int) {
        switch r {
        case .sum, .mean: for j in 0..<n { acc[j] += src[j] }
        case .prod: for j in 0..<n { acc[j] *= src[j] }
        case .max: for j in 0..<n { acc[j] = maximumNaN(src[j], acc[j]) }
        case .min: for j in 0..<n { acc[j] = minimumNaN(src[j], acc[j]) }
        case .logsumexp, .variance, .std, .argmax, .argmin: break   // not stridable: never passed
        }
    }
}
