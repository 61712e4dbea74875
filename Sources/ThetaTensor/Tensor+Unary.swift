import Foundation

/// The elementwise functions of one argument that the language and autodiff share.
///
/// Special functions (`lgamma`, `digamma`, `erf`, ...) live with the special-function module,
/// not here. Every case follows IEEE 754: `log(-1)` and `sqrt(-1)` are NaN, `log(0)` is `-inf`,
/// and NaN propagates.
public enum UnaryFunction: String, CaseIterable, Sendable {
    case neg, exp, log, sqrt, abs, sin, cos, tan, tanh, sigmoid, relu, softplus, log1p, expm1
    case floor, ceil, round, sign, square, reciprocal

    /// The function at one point.
    ///
    /// - `sigmoid(x) = 1 / (1 + e^{-x})` (`VectorMath.sigmoid`: no overflow on either side,
    ///   full relative precision in the left tail).
    /// - `softplus(x) = log(1 + e^{x}) = max(x, 0) + log1p(e^{-|x|})`, exact for large `|x|`.
    /// - `relu(x) = max(x, 0)`, with `relu(NaN) = NaN`.
    /// - `round` rounds half to even (as NumPy and PyTorch do): `round(2.5) = 2`.
    /// - `sign` is -1, 0 or 1 (`sign(NaN) = NaN`, the sign of zero is kept).
    @inlinable
    public func apply(_ x: Double) -> Double {
        switch self {
        case .neg: return -x
        case .exp: return VectorMath.exp(x)
        case .log: return VectorMath.log(x)
        case .sqrt: return x.squareRoot()
        case .abs: return Swift.abs(x)
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .tanh: return VectorMath.tanh(x)
        case .sigmoid: return UnaryFunction.sigmoid(x)
        case .relu: return x < 0 ? 0 : x
        case .softplus: return UnaryFunction.softplus(x)
        case .log1p: return Foundation.log1p(x)
        case .expm1: return VectorMath.expm1(x)
        case .floor: return x.rounded(.down)
        case .ceil: return x.rounded(.up)
        case .round: return x.rounded(.toNearestOrEven)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : x)
        case .square: return x * x
        case .reciprocal: return 1 / x
        }
    }

    /// Logistic function, stable on both tails (`VectorMath.sigmoid`, the same value the
    /// tensor kernel gives).
    @inlinable
    public static func sigmoid(_ x: Double) -> Double { VectorMath.sigmoid(x) }

    /// `log(1 + e^x)` without overflow for large `x` or loss of precision for very negative `x`
    /// (`VectorMath.softplus`, the same value the tensor kernel gives).
    @inlinable
    public static func softplus(_ x: Double) -> Double { VectorMath.softplus(x) }
}

extension Tensor {
    /// Applies `f` to every element. The switch on `f` happens once, outside the loop.
    public func apply(_ f: UnaryFunction) -> Tensor {
        switch f {
        case .neg: return mapKernel { -$0 }
        case .exp: return bufferKernel(VectorMath.exp(_:into:count:))
        case .log: return bufferKernel(VectorMath.log(_:into:count:))
        case .sqrt: return mapKernel { $0.squareRoot() }
        case .abs: return mapKernel { Swift.abs($0) }
        case .sin: return mapKernel { Foundation.sin($0) }
        case .cos: return mapKernel { Foundation.cos($0) }
        case .tan: return mapKernel { Foundation.tan($0) }
        case .tanh: return bufferKernel(VectorMath.tanh(_:into:count:))
        case .sigmoid: return bufferKernel(VectorMath.sigmoid(_:into:count:))
        case .relu: return mapKernel { $0 < 0 ? 0 : $0 }
        case .softplus: return bufferKernel(VectorMath.softplus(_:into:count:))
        case .log1p: return mapKernel { Foundation.log1p($0) }
        case .expm1: return bufferKernel(VectorMath.expm1(_:into:count:))
        case .floor: return mapKernel { $0.rounded(.down) }
        case .ceil: return mapKernel { $0.rounded(.up) }
        case .round: return mapKernel { $0.rounded(.toNearestOrEven) }
        case .sign: return mapKernel { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }
        case .square: return mapKernel { $0 * $0 }
        case .reciprocal: return mapKernel { 1 / $0 }
        }
    }

    /// Runs a buffer kernel (`VectorMath.exp(_:into:count:)` and its kin) from the contiguous
    /// buffer into a fresh one.
    @inlinable
    public func bufferKernel(
        _ kernel: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void
    ) -> Tensor {
        let n = scalars.count
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            scalars.withUnsafeBufferPointer { src in
                if let s = src.baseAddress, let d = buf.baseAddress { kernel(s, d, n) }
            }
            initialized = n
        }
        return Tensor(unchecked: _shape, scalars: out)
    }

    /// A tight loop applying `f` over the contiguous buffer into a fresh one; `f` is inlined
    /// at each call site.
    @inlinable @inline(__always)
    public func mapKernel(_ f: (Double) -> Double) -> Tensor {
        let n = scalars.count
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            scalars.withUnsafeBufferPointer { src in
                for i in 0..<n { buf[i] = f(src[i]) }
            }
            initialized = n
        }
        return Tensor(unchecked: _shape, scalars: out)
    }
}
