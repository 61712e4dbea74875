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

    /// `g = f(g, x)` elementwise with `x` broadcast against `g`. When `x` broadcasts to `g`'s
    /// shape and `g`'s buffer is not shared, `g` is overwritten in place (no allocation): the
    /// backward pass uses this to turn an incoming gradient it owns into a contribution.
    @inlinable @inline(__always)
    static func update(_ g: inout Tensor, with x: Tensor, op: String,
                       _ f: (Double, Double) -> Double) throws(TensorError) {
        guard g.shape == x.shape else {
            try Tensor.zipInPlace(&g, x, op: op, f)
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

    /// `f` applied to every element of `a` through ThetaTensor's vectorised kernels
    /// (`Tensor.apply`); a one-element tensor takes the scalar form, which gives the same bits.
    @inlinable
    static func apply(_ f: UnaryFunction, _ a: Tensor) -> Tensor {
        if a.count == 1 { return Tensor(unchecked: a.shape, scalars: [f.apply(a.scalars[0])]) }
        return a.apply(f)
    }

    /// `e^{−x²}` elementwise (the Gaussian factor of `erf`'s derivative), vectorised.
    static func expNegativeSquare(_ x: Tensor) -> Tensor {
        var t = map(x) { -$0 * $0 }
        if t.count == 1 {
            t.scalars[0] = VectorMath.exp(t.scalars[0])
            return t
        }
        t.scalars.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress { VectorMath.exp(base, into: base, count: p.count) }
        }
        return t
    }

    /// A tensor of `shape` (whose element count is known valid) filled with `v`.
    @inlinable
    static func filled(_ v: Double, _ shape: [Int]) -> Tensor {
        var n = 1
        for d in shape { n &*= d }
        return Tensor(unchecked: shape, scalars: [Double](repeating: v, count: n))
    }
}
