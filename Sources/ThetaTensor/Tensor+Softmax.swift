import Foundation

/// Softmax and log-softmax along one axis, shifted by the maximum so that no exponential
/// overflows: `softmax(x)_i = e^{x_i − m} / Σ_j e^{x_j − m}`,
/// `logSoftmax(x)_i = x_i − m − log Σ_j e^{x_j − m}`, `m = max_j x_j`.
/// A slice that is entirely `-inf` gives NaN (as PyTorch); NaN propagates.
extension Tensor {
    public func softmax(axis: Int = -1) throws(TensorError) -> Tensor {
        try softmaxKernel(axis: axis, log: false)
    }

    public func logSoftmax(axis: Int = -1) throws(TensorError) -> Tensor {
        try softmaxKernel(axis: axis, log: true)
    }

    /// Views `self` as `[outer, length, inner]` around `axis` and normalizes along the middle,
    /// with `inner`-wide accumulator rows so that every pass is contiguous.
    private func softmaxKernel(axis: Int, log: Bool) throws(TensorError) -> Tensor {
        let name = log ? "log_softmax" : "softmax"
        // A rank-0 tensor is a single slice of one element.
        let dims = rank == 0 ? [1] : shape
        let k = try Tensor.normalizeAxis(axis, rank: dims.count, shape: shape, op: name)
        let length = dims[k]
        var outer = 1
        for d in 0..<k { outer *= dims[d] }
        var inner = 1
        for d in (k + 1)..<dims.count { inner *= dims[d] }
        let n = count
        if n == 0 { return self }
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            scalars.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = buf.baseAddress else { return }
                if inner == 1 && length < Tensor.shortRow {
                    Tensor.softmaxShortRows(s, d, rows: outer, length: length, log: log)
                    return
                }
                var m = [Double](repeating: 0, count: inner)
                var z = [Double](repeating: 0, count: inner)
                m.withUnsafeMutableBufferPointer { m in
                    z.withUnsafeMutableBufferPointer { z in
                        for o in 0..<outer {
                            let x = s + o * length * inner
                            let y = d + o * length * inner
                            if inner == 1 {
                                Tensor.softmaxContiguous(x, y, length, log: log)
                                continue
                            }
                            for j in 0..<inner { m[j] = x[j] }
                            for l in 1..<length {
                                let row = x + l * inner
                                for j in 0..<inner { m[j] = Tensor.maximumNaN(row[j], m[j]) }
                            }
                            for j in 0..<inner { z[j] = 0 }
                            for l in 0..<length {
                                let row = x + l * inner, outRow = y + l * inner
                                for j in 0..<inner { outRow[j] = row[j] - m[j] }
                                VectorMath.exp(outRow, into: outRow, count: inner)
                                for j in 0..<inner { z[j] += outRow[j] }
                            }
                            if log {
                                for j in 0..<inner { z[j] = VectorMath.log(z[j]) }
                                for l in 0..<length {
                                    let row = x + l * inner, outRow = y + l * inner
                                    for j in 0..<inner { outRow[j] = (row[j] - m[j]) - z[j] }
                                }
                            } else {
                                for j in 0..<inner { z[j] = 1 / z[j] }
                                for l in 0..<length {
                                    let outRow = y + l * inner
                                    for j in 0..<inner { outRow[j] *= z[j] }
                                }
                            }
                        }
                    }
                }
            }
            initialized = n
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    /// One contiguous slice of `n ≥ 1` elements (softmax along the last axis): the maximum,
    /// then `e^{x − m}` and its sum in one vectorised pass, then the normalization.
    private static func softmaxContiguous(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>,
                                          _ n: Int, log: Bool) {
        let m = extremeRow(x, n, greater: true)
        let z = VectorMath.sumExp(x, shift: m, count: n, into: y)
        if log {
            let logZ = VectorMath.log(z)
            for l in 0..<n { y[l] = (x[l] - m) - logZ }
        } else {
            let inverse = 1 / z
            for l in 0..<n { y[l] *= inverse }
        }
    }
}
