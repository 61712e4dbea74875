/// Constructors. Every size is checked (`elementCount`) before anything is allocated, so an
/// absurd request such as `zeros([1_000_000_000_000])` is an error, not a crash.
extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) throws(TensorError) -> Tensor {
        try Tensor(repeating: 0, shape: shape)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) throws(TensorError) -> Tensor {
        try Tensor(repeating: 1, shape: shape)
    }

    /// A tensor filled with `v`.
    public static func full(_ shape: [Int], _ v: Double) throws(TensorError) -> Tensor {
        try Tensor(repeating: v, shape: shape)
    }

    /// The `n × n` identity matrix.
    public static func eye(_ n: Int) throws(TensorError) -> Tensor {
        var t = try Tensor(repeating: 0, shape: [n, n])
        t.scalars.withUnsafeMutableBufferPointer { buf in
            for i in 0..<n { buf[i * n + i] = 1 }
        }
        return t
    }

    /// `count` evenly spaced values from `a` to `b` inclusive (NumPy `linspace`):
    /// `x_i = a + i·(b − a)/(count − 1)`, with the last value exactly `b`. `count = 1` gives `[a]`.
    public static func linspace(_ a: Double, _ b: Double, count: Int) throws(TensorError) -> Tensor {
        guard count >= 0 else { throw TensorError("linspace: count must be non-negative, got \(count)") }
        let n = try elementCount([count])
        if n == 1 { return Tensor([a]) }
        let step = (b - a) / Double(Swift.max(n - 1, 1))
        let values = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            for i in 0..<n { buf[i] = a + Double(i) * step }
            if n > 1 { buf[n - 1] = b }
            initialized = n
        }
        return Tensor(unchecked: [n], scalars: values)
    }

    /// Values `start, start + step, ...` strictly before `stop` (NumPy `arange`):
    /// `ceil((stop − start)/step)` elements (none when that is not positive), `x_i = start + i·step`.
    /// - Throws: a zero or non-finite step, non-finite bounds, or too many elements.
    public static func arange(start: Double = 0, stop: Double, step: Double = 1) throws(TensorError) -> Tensor {
        guard step != 0 else { throw TensorError("arange: step cannot be zero") }
        guard start.isFinite, stop.isFinite, step.isFinite else {
            throw TensorError("arange: start \(start), stop \(stop) and step \(step) must be finite")
        }
        let span = ((stop - start) / step).rounded(.up)
        guard span <= Double(maxElements) else {
            throw TensorError("arange: \(span) elements exceed the limit of \(maxElements)")
        }
        let n = span > 0 ? Int(span) : 0
        let values = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            for i in 0..<n { buf[i] = start + Double(i) * step }
            initialized = n
        }
        return Tensor(unchecked: [n], scalars: values)
    }

    /// Whether two tensors have the same shape and `|a − b| ≤ atol + rtol·|b|` everywhere
    /// (NumPy `allclose`). NaNs compare equal only when `equalNaN`.
    public static func allClose(_ a: Tensor, _ b: Tensor, rtol: Double = 1e-9, atol: Double = 1e-12,
                                equalNaN: Bool = false) -> Bool {
        guard a.shape == b.shape else { return false }
        for (x, y) in Swift.zip(a.scalars, b.scalars) {
            if x.isNaN || y.isNaN {
                if equalNaN && x.isNaN && y.isNaN { continue }
                return false
            }
            if x == y { continue }   // equal infinities
            if !(Swift.abs(x - y) <= atol + rtol * Swift.abs(y)) { return false }
        }
        return true
    }
}
