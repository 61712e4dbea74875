#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The optimizers' updates on eight parameters at a time (`SIMD8<Double>` lanes), each lane
/// exactly the scalar loop's operations in the same order (no fused multiply-add), so the
/// lanes and the scalar remainder give the same bits.
extension Optimizer {
    /// `√x` lane by lane, correctly rounded (IEEE square root). On Linux `Double.squareRoot()`
    /// keeps C's errno contract (a branch and a libm call for negative inputs) and so is
    /// never vectorised; on x86-64 the SSE2 instruction takes two lanes at a time instead.
    @inline(__always)
    static func squareRoot(_ x: SIMD8<Double>) -> SIMD8<Double> {
        #if arch(x86_64)
        let a = x.lowHalf, b = x.highHalf
        return SIMD8(lowHalf: SIMD4(lowHalf: _mm_sqrt_pd(a.lowHalf), highHalf: _mm_sqrt_pd(a.highHalf)),
                     highHalf: SIMD4(lowHalf: _mm_sqrt_pd(b.lowHalf), highHalf: _mm_sqrt_pd(b.highHalf)))
        #else
        return x.squareRoot()
        #endif
    }

    /// The Adam update over the first `n − n mod 8` elements in `SIMD8<Double>` lanes;
    /// returns how many elements it updated. Per lane exactly the scalar loop's operations.
    @inline(__always)
    static func adamLanes(_ p: UnsafeMutableRawPointer, _ g: UnsafeRawPointer,
                          _ m: UnsafeMutableRawPointer, _ v: UnsafeMutableRawPointer, _ n: Int,
                          b1: Double, b2: Double, eps: Double,
                          stepSize: Double, correction2Root: Double) -> Int {
        typealias Lanes = SIMD8<Double>
        let oneMinusB1 = 1 - b1, oneMinusB2 = 1 - b2
        var j = 0
        while j + Lanes.scalarCount <= n {
            let o = j * MemoryLayout<Double>.stride
            let gj = g.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var mj = m.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var vj = v.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var pj = p.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            mj += (gj - mj) * oneMinusB1
            vj = vj * b2 + oneMinusB2 * gj * gj
            let denom = squareRoot(vj) / correction2Root + eps
            pj -= stepSize * (mj / denom)
            m.storeBytes(of: mj, toByteOffset: o, as: Lanes.self)
            v.storeBytes(of: vj, toByteOffset: o, as: Lanes.self)
            p.storeBytes(of: pj, toByteOffset: o, as: Lanes.self)
            j += Lanes.scalarCount
        }
        return j
    }

    /// The SGD update (plain, momentum's first step, or momentum) over the first
    /// `n − n mod 8` elements in lanes; returns how many elements it updated. Per lane exactly
    /// the scalar loop's operations.
    @inline(__always)
    static func sgdLanes(_ p: UnsafeMutableRawPointer, _ g: UnsafeRawPointer,
                         _ m: UnsafeMutableRawPointer, _ n: Int,
                         lr: Double, momentum mu: Double, first: Bool) -> Int {
        typealias Lanes = SIMD8<Double>
        var j = 0
        while j + Lanes.scalarCount <= n {
            let o = j * MemoryLayout<Double>.stride
            let gj = g.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var pj = p.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            if mu == 0 {
                pj -= lr * gj
            } else {
                let mj = first ? gj : mu * m.loadUnaligned(fromByteOffset: o, as: Lanes.self) + gj
                m.storeBytes(of: mj, toByteOffset: o, as: Lanes.self)
                pj -= lr * mj
            }
            p.storeBytes(of: pj, toByteOffset: o, as: Lanes.self)
            j += Lanes.scalarCount
        }
        return j
    }

    /// The RMSprop update over the first `n − n mod 8` elements in lanes; returns how many
    /// elements it updated. Per lane exactly the scalar loop's operations.
    @inline(__always)
    static func rmspropLanes(_ p: UnsafeMutableRawPointer, _ g: UnsafeRawPointer,
                             _ v: UnsafeMutableRawPointer, _ n: Int,
                             lr: Double, alpha: Double, eps: Double) -> Int {
        typealias Lanes = SIMD8<Double>
        let oneMinusAlpha = 1 - alpha
        var j = 0
        while j + Lanes.scalarCount <= n {
            let o = j * MemoryLayout<Double>.stride
            let gj = g.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var vj = v.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var pj = p.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            vj = vj * alpha + oneMinusAlpha * gj * gj
            pj -= lr * (gj / (squareRoot(vj) + eps))
            v.storeBytes(of: vj, toByteOffset: o, as: Lanes.self)
            p.storeBytes(of: pj, toByteOffset: o, as: Lanes.self)
            j += Lanes.scalarCount
        }
        return j
    }
}
