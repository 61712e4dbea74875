/// Vectorised elementary functions over `Double` buffers: `exp`, `expm1`, `log`, `tanh` and
/// the logistic `sigmoid`, written over `SIMD8<Double>` lanes so that a loop over a buffer
/// costs about a nanosecond per element instead of a libm call.
///
/// Every function comes in two forms that give bit-identical results:
/// - a scalar form (`VectorMath.exp(_:)`), which handles the whole IEEE 754 range (NaN,
///   infinities, overflow, gradual underflow, subnormal arguments) and is used for the tail of
///   a buffer and for lanes outside a kernel's fast range;
/// - a lane form over eight lanes, whose main path has no per-element branch: it assumes every
///   lane lies in the fast range, checks that with one mask per vector, and recomputes only the
///   lanes outside it with the scalar form.
/// Because both forms run the same operations in the same order, a result never depends on
/// where in a buffer an element sits.
///
/// Accuracy, against the correctly rounded value (see `VectorMathTests`): `exp` and `log`
/// within 1 ulp, `expm1` and `tanh` within 2 ulp, `sigmoid` within 2.5 ulp.
///
/// Tables: `exp` uses 64 entries of `2^{j/64}` as pairs of Doubles (`VectorMath+ExpTable`);
/// `sigmoid` and the log-sum-exp sum use 2048-entry tables of `2^{j/2048}` and its
/// relatives with a short polynomial (`VectorMath+FineTable`, `VectorMath+FineExp`); `tanh`
/// uses a 2048-entry table of `tanh(j/64)` (`VectorMath+TanhTable`).
///
/// Build note: nothing here assumes an instruction set. The kernels round to an integer by
/// adding `1.5·2^52` (the "shifter"), move integers into exponent fields with 64-bit shifts
/// and adds, and read tables with one scalar load per lane, all of which every target has.
/// They use fused multiply-adds (`fma`), which are one instruction on arm64 and on x86-64
/// release builds (which target Haswell, see Package.swift), and a call to the C library's
/// `fma` on a target without the instruction (x86-64 debug builds): slower, same bits.
public enum VectorMath {
    /// The lane type of the kernels.
    public typealias Lanes = SIMD8<Double>
    @usableFromInline typealias Bits = SIMD8<UInt64>

    /// Number of lanes per vector.
    @usableFromInline static let width = Lanes.scalarCount

    // MARK: Constants shared by the scalar and lane forms

    /// `1 / ln 2`, rounded.
    @usableFromInline static let log2e = 0x1.71547652b82fep+0
    /// `1.5·2^52`: for `|y| < 2^51`, `(y + shifter) − shifter` is `y` rounded to the nearest
    /// integer (ties to even), and the low bits of `y + shifter` hold that integer.
    @usableFromInline static let shifter = 0x1.8p52
    /// `ln 2 = ln2Hi + ln2Lo` (Cody–Waite). `ln2Hi` has 42 significant bits, so `k·ln2Hi` is
    /// exact for `|k| < 2^11`; `ln2Lo` is the rounded remainder.
    @usableFromInline static let ln2Hi = 0x1.62e42fefa3800p-1
    @usableFromInline static let ln2Lo = 0x1.ef35793c76730p-45
    /// Bit pattern of 1.0; adding `k << 52` to it gives the bits of `2^k` for `-1022 ≤ k ≤ 1023`.
    @usableFromInline static let oneBits: UInt64 = 0x3FF0_0000_0000_0000
    /// Sign bit of a Double.
    @usableFromInline static let signBit: UInt64 = 0x8000_0000_0000_0000

    /// `exp` fast range: for `x` in `[expLow, expHigh]` the reduced exponent `k` lies in
    /// `[-1021, 1023]`, so `2^k` and the result are normal numbers.
    @usableFromInline static let expLow = -708.0
    @usableFromInline static let expHigh = 709.0
    /// `ln(DBL_MAX)` is 709.7827...: above `expOverflow` the result is `+inf`.
    @usableFromInline static let expOverflow = 709.79
    /// `ln(2^-1075)` is -745.1332...: below `expUnderflow` the result rounds to 0.
    @usableFromInline static let expUnderflow = -745.14

    /// `|x|` beyond which `tanh(x)` rounds to `±1` (tanh(19.06) = 1 − 5.5e-17).
    @usableFromInline static let tanhSaturation = 19.1
    /// `tanh` reduction: `j = round(tanhScale·|x| − 1/2)`, `r = |x| − j·tanhStep` in `[0, 1/64]`.
    @usableFromInline static let tanhScale = 64.0
    @usableFromInline static let tanhStep = 0x1p-6
    /// Mask of the `tanh` table index (`tanhTableBits` bits).
    @usableFromInline static let tanhIndexMask: UInt64 = 2047
    /// `(tanh r − r)/r³ ≈ tanhC3 + tanhC5·z + tanhC7·z²`, `z = r² ≤ Z = 2^-12`: the Taylor
    /// coefficients −1/3, 2/15, −17/315 with the `c9·z³` term (`c9 = 62/2835`) economized on
    /// `[0, Z]` (`z³ − (Z³/32)·T₃(2z/Z − 1)`, a quadratic): `tanhC3 = −1/3 + c9·Z³/32`,
    /// `tanhC5 = 2/15 − (9/16)·c9·Z²`, `tanhC7 = −17/315 + (3/2)·c9·Z`, each rounded.
    @usableFromInline static let tanhC3 = -0x1.55555555554a2p-2
    @usableFromInline static let tanhC5 = 0x1.111110f7df7dfp-3
    @usableFromInline static let tanhC7 = -0x1.ba0ad602b580bp-5
}

// MARK: - Buffer drivers

extension VectorMath {
    /// Whether any lane of `v` has its top bit set: an OR of halves, then one test. The
    /// kernels express "some lane is outside the fast range" this way, in integer
    /// arithmetic on the bit patterns, because the standard library's mask reductions (`all`,
    /// `any`) call a generic routine that is not inlined into the lane loop.
    @usableFromInline @inline(__always)
    static func anyTopBit(_ v: Bits) -> Bool {
        let q = v.lowHalf | v.highHalf
        let h = q.lowHalf | q.highHalf
        return (h[0] | h[1]) >= signBit
    }

    /// `scalar` applied lane by lane: the path for a vector with a lane outside a kernel's
    /// fast range. Out of line, so that the lane loop, which rarely takes it, keeps its
    /// values in registers.
    @usableFromInline @inline(never)
    static func scalarLanes(_ x: Lanes, _ scalar: (Double) -> Double) -> Lanes {
        var y = Lanes()
        for i in 0..<width { y[i] = scalar(x[i]) }
        return y
    }

    /// `dst[i] = lane(src[i])` over `count` elements: whole vectors through `lane`, the
    /// remaining `count mod 8` elements through `scalar`. `src` and `dst` may be the same buffer.
    @inline(__always)
    static func map(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, _ count: Int,
                    _ lane: (Lanes) -> Lanes, _ scalar: (Double) -> Double) {
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        var i = 0
        while i &+ width <= count {   // count ≤ Int.max / 8: it is a buffer's length
            let x = s.loadUnaligned(fromByteOffset: i &* 8, as: Lanes.self)
            d.storeBytes(of: lane(x), toByteOffset: i &* 8, as: Lanes.self)
            i &+= width
        }
        while i < count {
            dst[i] = scalar(src[i])
            i += 1
        }
    }

    /// `e^x` elementwise over `count` elements from `src` into `dst` (which may equal `src`).
    public static func exp(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>, count: Int) {
        let table = expTable
        map(src, dst, count, { exp($0, table: table) }, { exp($0) })
    }

    /// `e^x − 1` elementwise.
    public static func expm1(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>, count: Int) {
        map(src, dst, count, { expm1($0) }, { expm1($0) })
    }

    /// Natural logarithm elementwise.
    public static func log(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>, count: Int) {
        let table = logTable
        map(src, dst, count, { log($0, table: table) }, { log($0) })
    }

    /// Hyperbolic tangent elementwise.
    public static func tanh(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>, count: Int) {
        let table = tanhTable
        map(src, dst, count, { tanh($0, table: table) }, { tanh($0) })
    }

    /// Logistic function `1 / (1 + e^{-x})` elementwise.
    public static func sigmoid(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>, count: Int) {
        let table = fineTable
        map(src, dst, count, { sigmoid($0, table: table) }, { sigmoid($0) })
    }

    /// `Σ e^{src[i] − shift}` over `count` elements, with `dst[i] = e^{src[i] − shift}` when
    /// `dst` is given. Eight-lane partial sums, added lane by lane at the end.
    public static func sumExp(_ src: UnsafePointer<Double>, shift: Double, count: Int,
                              into dst: UnsafeMutablePointer<Double>? = nil) -> Double {
        let s = UnsafeRawPointer(src)
        let m = Lanes(repeating: shift)
        let table = expTable
        var acc = Lanes()
        var i = 0
        if let dst {
            let d = UnsafeMutableRawPointer(dst)
            while i + width <= count {
                let e = exp(s.loadUnaligned(fromByteOffset: i * 8, as: Lanes.self) - m, table: table)
                d.storeBytes(of: e, toByteOffset: i * 8, as: Lanes.self)
                acc += e
                i += width
            }
        } else {
            while i + width <= count {
                acc += exp(s.loadUnaligned(fromByteOffset: i * 8, as: Lanes.self) - m, table: table)
                i += width
            }
        }
        var total = acc.sum()
        while i < count {
            let e = exp(src[i] - shift)
            dst?[i] = e
            total += e
            i += 1
        }
        return total
    }
}

// MARK: - Fused multiply-add

extension VectorMath {
    /// `a·b + c` rounded once (IEEE 754 fusedMultiplyAdd). A single instruction wherever the
    /// target has one (x86-64 release builds target Haswell, arm64 always has it); elsewhere
    /// the C library's `fma`, slower but the same value, so results never depend on the build.
    @usableFromInline @inline(__always)
    static func fma(_ a: Double, _ b: Double, _ c: Double) -> Double { c.addingProduct(a, b) }

    /// Lane form of `fma`.
    @usableFromInline @inline(__always)
    static func fma(_ a: Lanes, _ b: Lanes, _ c: Lanes) -> Lanes { c.addingProduct(a, b) }
}
