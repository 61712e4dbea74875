import ThetaTensor

/// Elementwise kernels with a fast path for one-element tensors: a tiny tensor costs one
/// allocation (its scalar buffer) and no loop set-up. Larger tensors use ThetaTensor's one
/// broadcasting mechanism (`Tensor.zip`) and its `mapKernel`.
@usableFromInline
enum Kernel {
    /// `f` applied to `a` and `b` broadcast together.
    @inlinable @inline(__always)
    static func zip(_ a: Tensor, _ b: Tensor, op: String,
                    _ f: (Double, Double) -> Double) throws(TensorError) -> Tensor {
        if a.count == 1, b.count == 1, a.shape == b.shape {
            return Tensor(unchecked: a.shape, scalars: [f(a.scalars[0], b.scalars[0])])
        }
        return try Tensor.zip(a, b, op: op, f)
    }

    /// `f` applied to every element of `a`.
    @inlinable @inline(__always)
    static func map(_ a: Tensor, _ f: (Double) -> Double) -> Tensor {
        if a.count == 1 { return Tensor(unchecked: a.shape, scalars: [f(a.scalars[0])]) }
        return a.mapKernel(f)
    }

    /// A tensor of `shape` (whose element count is known valid) filled with `v`.
    @inlinable
    static func filled(_ v: Double, _ shape: [Int]) -> Tensor {
        var n = 1
        for d in shape { n &*= d }
        return Tensor(unchecked: shape, scalars: [Double](repeating: v, count: n))
    }
}
