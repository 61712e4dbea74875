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

    /// `g = f(g, x)` elementwise with `x` broadcast against `g`. When the shapes agree and
    /// `g`'s buffer is not shared, `g` is overwritten in place (no allocation): the backward
    /// pass uses this to turn an incoming gradient it owns into a contribution.
    @inlinable @inline(__always)
    static func update(_ g: inout Tensor, with x: Tensor, op: String,
                       _ f: (Double, Double) -> Double) throws(TensorError) {
        guard g.shape == x.shape else {
            g = try Tensor.zip(g, x, op: op, f)
            return
        }
        if g.count == 1 {
            g.scalars[0] = f(g.scalars[0], x.scalars[0])
            return
        }
        g.scalars.withUnsafeMutableBufferPointer { gp in
            x.scalars.withUnsafeBufferPointer { xp in
                for k in 0..<Swift.min(gp.count, xp.count) { gp[k] = f(gp[k], xp[k]) }
            }
        }
    }

    /// `g = f(g)` elementwise, in place when `g`'s buffer is not shared.
    @inlinable @inline(__always)
    static func update(_ g: inout Tensor, _ f: (Double) -> Double) {
        if g.count == 1 {
            g.scalars[0] = f(g.scalars[0])
            return
        }
        g.scalars.withUnsafeMutableBufferPointer { gp in
            for k in 0..<gp.count { gp[k] = f(gp[k]) }
        }
    }

    /// A tensor of `shape` (whose element count is known valid) filled with `v`.
    @inlinable
    static func filled(_ v: Double, _ shape: [Int]) -> Tensor {
        var n = 1
        for d in shape { n &*= d }
        return Tensor(unchecked: shape, scalars: [Double](repeating: v, count: n))
    }
}
