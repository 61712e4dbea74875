import Foundation

/// Reductions over one or more axes.
///
/// - `variance` and `std` are population statistics (ddof 0, NumPy's default):
///   `var = (1/n) Σ (x_i − mean)²`, computed in two passes.
/// - `logsumexp = m + log Σ e^{x_i − m}` with `m = max x_i`, so it never overflows; when every
///   entry is `-inf` the result is `-inf`, and a `+inf` entry gives `+inf`.
/// - `argmax` / `argmin` give the index (as a Double) of the first extreme element; a NaN
///   counts as the extreme (NumPy). Over several axes the index is row-major within the
///   reduced block.
/// - `max` and `min` propagate NaN.
/// - Over an empty axis: `sum` is 0, `prod` 1, `mean`, `variance` and `std` NaN, `logsumexp`
///   `-inf`; `max`, `min`, `argmax` and `argmin` are errors.
public enum Reduction: String, Sendable, CaseIterable {
    case sum, mean, max, min, prod, logsumexp, variance, std, argmax, argmin

    /// Whether the reduction has no value over an empty set.
    @inlinable var needsElements: Bool {
        switch self {
        case .max, .min, .argmax, .argmin: return true
        case .sum, .mean, .prod, .logsumexp, .variance, .std: return false
        }
    }
}

extension Tensor {
    /// Reduces over `axes` (nil: all axes; negative axes count from the end). With `keepDims`
    /// the reduced axes stay as extent 1, so the result broadcasts against `self`.
    ///
    /// - Throws: an axis out of range (naming the axis and the shape), a repeated axis, or
    ///   `max`/`min`/`argmax`/`argmin` over an empty axis.
    public func reduce(_ r: Reduction, axes: [Int]? = nil, keepDims: Bool = false) throws(TensorError) -> Tensor {
        let rank = self.rank
        var reduced = [Bool](repeating: axes == nil, count: rank)
        if let axes {
            for a in axes {
                let k = try Tensor.normalizeAxis(a, rank: rank, shape: shape, op: r.rawValue)
                if reduced[k] { throw TensorError("\(r.rawValue): axis \(a) is repeated in \(axes)") }
                reduced[k] = true
            }
        }
        var outShape: [Int] = []
        var keptShape: [Int] = []
        var length = 1
        for k in 0..<rank {
            if reduced[k] {
                length *= shape[k]
                if keepDims { outShape.append(1) }
            } else {
                outShape.append(shape[k])
                keptShape.append(shape[k])
            }
        }
        var outCount = 1
        for d in keptShape { outCount *= d }
        if length == 0 && outCount > 0 && r.needsElements {
            throw TensorError("\(r.rawValue): cannot reduce over an empty axis of shape \(Tensor.describe(shape))")
        }
        if outCount == 0 { return Tensor(unchecked: outShape, scalars: []) }
        // The reduced axes as one contiguous block [first, last] (or none).
        let first = reduced.firstIndex(of: true) ?? rank
        let last = reduced.lastIndex(of: true) ?? rank - 1
        let contiguousBlock = first > last || !reduced[first...last].contains(false)
        if contiguousBlock {
            var inner = 1
            if first <= last { for k in (last + 1)..<rank { inner *= shape[k] } }
            if inner == 1 {
                let values = Tensor.reduceRows(scalars, rows: outCount, length: length, r)
                return Tensor(unchecked: outShape, scalars: values)
            }
            if r.isStridable {
                let values = Tensor.reduceStrided(scalars, outer: outCount / inner, length: length,
                                                  inner: inner, r)
                return Tensor(unchecked: outShape, scalars: values)
            }
        }
        // General case: move the reduced axes to the end (kept axes in order, then reduced
        // axes in order) and reduce rows.
        let perm = (0..<rank).filter { !reduced[$0] } + (0..<rank).filter { reduced[$0] }
        let moved = try transposed(perm)
        let values = Tensor.reduceRows(moved.scalars, rows: outCount, length: length, r)
        return Tensor(unchecked: outShape, scalars: values)
    }
}

extension Reduction {
    /// Reductions with a per-column accumulator form, used when the reduced block is followed
    /// by kept axes (e.g. `sum` over axis 0 of a matrix).
    @inlinable var isStridable: Bool {
        switch self {
        case .sum, .mean, .max, .min, .prod: return true
        case .logsumexp, .variance, .std, .argmax, .argmin: return false
        }
    }
}

// MARK: - Kernels

extension Tensor {
    /// Reduces each of `rows` consecutive runs of `length` elements to one value.
    @usableFromInline
    static func reduceRows(_ x: [Double], rows: Int, length: Int, _ r: Reduction) -> [Double] {
        if length == 0 {
            return [Double](repeating: emptyValue(r), count: rows)
        }
        return [Double](unsafeUninitializedCapacity: rows) { out, initialized in
            x.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress, let dst = out.baseAddress else { return } // unreachable: length > 0
                if r == .logsumexp && length < shortRow {
                    logSumExpShortRows(base, rows: rows, length: length, into: dst)
                    return
                }
                for row in 0..<rows {
                    out[row] = reduceRow(base + row * length, length, r)
                }
            }
            initialized = rows
        }
    }

    /// The value of a reduction over no elements (those that have one; the others are
    /// rejected before any kernel runs).
    @usableFromInline
    static func emptyValue(_ r: Reduction) -> Double {
        switch r {
        case .sum: return 0
        case .prod: return 1
        case .logsumexp: return -.infinity
        case .mean, .variance, .std, .max, .min, .argmax, .argmin: return .nan
        }
    }

    /// One reduction over a contiguous run of `n >= 1` elements.
    @inline(__always)
    static func reduceRow(_ p: UnsafePointer<Double>, _ n: Int, _ r: Reduction) -> Double {
        switch r {
        case .sum: return sumRow(p, n)
        case .mean: return sumRow(p, n) / Double(n)
        case .prod:
            var acc = 1.0
            for i in 0..<n { acc *= p[i] }
            return acc
        case .max: return extremeRow(p, n, greater: true)
        case .min: return extremeRow(p, n, greater: false)
        case .argmax:
            var m = p[0], at = 0
            for i in 0..<n {
                if p[i] != p[i] { return Double(i) }
                if p[i] > m { m = p[i]; at = i }
            }
            return Double(at)
        case .argmin:
            var m = p[0], at = 0
            for i in 0..<n {
                if p[i] != p[i] { return Double(i) }
                if p[i] < m { m = p[i]; at = i }
            }
            return Double(at)
        case .logsumexp: return logSumExpRow(p, n)
        case .variance: return varianceRow(p, n)
        case .std: return varianceRow(p, n).squareRoot()
        }
    }

    /// Σ p[i], eight independent SIMD accumulators so the loop runs at memory speed.
    @inline(__always)
    static func sumRow(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
        var i = 0
        var total = 0.0
        if n >= 32 {
            let raw = UnsafeRawPointer(p)
            var a0 = SIMD8<Double>(), a1 = SIMD8<Double>(), a2 = SIMD8<Double>(), a3 = SIMD8<Double>()
            let stride = MemoryLayout<Double>.stride
            while i + 32 <= n {
                a0 += raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
                a1 += raw.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Double>.self)
                a2 += raw.loadUnaligned(fromByteOffset: (i + 16) * stride, as: SIMD8<Double>.self)
                a3 += raw.loadUnaligned(fromByteOffset: (i + 24) * stride, as: SIMD8<Double>.self)
                i += 32
            }
            total = ((a0 + a1) + (a2 + a3)).sum()
        }
        while i < n { total += p[i]; i += 1 }
        return total
    }

    /// The maximum (`greater`) or minimum of `n ≥ 1` contiguous elements; NaN when any
    /// element is NaN. Sixteen lanes of running extrema and a lane mask of NaNs seen, so the
    /// loop has no data-dependent branch.
    @inline(__always)
    static func extremeRow(_ p: UnsafePointer<Double>, _ n: Int, greater: Bool) -> Double {
        var i = 0
        var m = p[0]
        if n >= 16 {
            let raw = UnsafeRawPointer(p)
            let width = MemoryLayout<SIMD8<Double>>.stride
            var m0 = raw.loadUnaligned(as: SIMD8<Double>.self)
            var m1 = raw.loadUnaligned(fromByteOffset: width, as: SIMD8<Double>.self)
            var nan = (m0 .!= m0) .| (m1 .!= m1)
            i = 16
            while i + 16 <= n {
                let x0 = raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
                let x1 = raw.loadUnaligned(fromByteOffset: i * 8 + width, as: SIMD8<Double>.self)
                if greater {
                    m0.replace(with: x0, where: x0 .> m0)
                    m1.replace(with: x1, where: x1 .> m1)
                } else {
                    m0.replace(with: x0, where: x0 .< m0)
                    m1.replace(with: x1, where: x1 .< m1)
                }
                nan = nan .| (x0 .!= x0) .| (x1 .!= x1)
                i += 16
            }
            if any(nan) { return .nan }
            if greater { m0.replace(with: m1, where: m1 .> m0) } else { m0.replace(with: m1, where: m1 .< m0) }
            m = greater ? m0.max() : m0.min()
        }
        while i < n {
            let x = p[i]
            m = greater ? maximumNaN(x, m) : minimumNaN(x, m)
            i += 1
        }
        return m
    }

    /// `m + log Σ e^{p[i] − m}` with `m` the maximum; `-inf` for an empty run or all `-inf`.
    /// One pass when `VectorMath.logSumExpOnePass` can vouch for its result (finite entries
    /// spanning less than about 600), else the maximum first and then the sum.
    @inline(__always)
    static func logSumExpRow(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
        if n == 0 { return -.infinity }
        if let v = VectorMath.logSumExpOnePass(p, count: n) { return v }
        let m = extremeRow(p, n, greater: true)
        if !m.isFinite { return m }   // NaN, +inf, or every entry -inf
        return m + VectorMath.log(VectorMath.sumExpBelow(p, shift: m, count: n))
    }

    /// Population variance, two passes: mean first, then the mean squared deviation.
    @inline(__always)
    static func varianceRow(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
        if n == 0 { return .nan }
        let mean = sumRow(p, n) / Double(n)
        var s = 0.0
        for i in 0..<n { let d = p[i] - mean; s += d * d }
        return s / Double(n)
    }

    /// Reduces the middle axis of a `[outer, length, inner]` layout with an `inner`-wide
    /// accumulator row, so each pass is a contiguous, vectorizable loop.
    @usableFromInline
    static func reduceStrided(_ x: [Double], outer: Int, length: Int, inner: Int,
                              _ r: Reduction) -> [Double] {
        let n = outer * inner
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            x.withUnsafeBufferPointer { buf in
                guard let dst = out.baseAddress else { return }
                for o in 0..<outer {
                    let acc = dst + o * inner
                    if length == 0 {
                        acc.initialize(repeating: emptyValue(r), count: inner)
                        continue
                    }
                    guard let base = buf.baseAddress else { return } // unreachable: length > 0
                    let block = base + o * length * inner
                    if inner < shortRow {
                        reduceShortRows(block, length: length, inner: inner, r, into: acc)
                        if r == .mean {
                            let count = Double(length)
                            for j in 0..<inner { acc[j] /= count }
                        }
                        continue
                    }
                    acc.initialize(from: block, count: inner)
                    for l in 1..<length {
                        let row = block + l * inner
                        switch r {
                        case .sum, .mean: for j in 0..<inner { acc[j] += row[j] }
                        case .prod: for j in 0..<inner { acc[j] *= row[j] }
                        case .max: for j in 0..<inner { acc[j] = maximumNaN(row[j], acc[j]) }
                        case .min: for j in 0..<inner { acc[j] = minimumNaN(row[j], acc[j]) }
                        case .logsumexp, .variance, .std, .argmax, .argmin: break // unreachable: not stridable
                        }
                    }
                    if r == .mean {
                        let count = Double(length)
                        for j in 0..<inner { acc[j] /= count }
                    }
                }
            }
            initialized = n
        }
    }
}
