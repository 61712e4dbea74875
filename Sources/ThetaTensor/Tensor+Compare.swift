/// Elementwise comparisons and the elementwise extrema `minimum`, `maximum` and `clamp`,
/// all broadcast like NumPy (through `Tensor.zip`).
///
/// Comparisons follow IEEE 754 as NumPy does: any comparison with NaN is false except `!=`,
/// which is true; `-0 == 0`. Results are 1.0 for true and 0.0 for false.

/// The six comparison operators.
public enum Comparison: String, CaseIterable, Sendable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="

    /// The comparison at one pair of points.
    @inlinable
    public func holds(_ x: Double, _ y: Double) -> Bool {
        switch self {
        case .eq: return x == y
        case .ne: return x != y
        case .lt: return x < y
        case .le: return x <= y
        case .gt: return x > y
        case .ge: return x >= y
        }
    }
}

extension Tensor {
    /// `a ⋈ b` elementwise as 1/0, broadcast; the error for incompatible shapes names the
    /// operator and both shapes.
    public static func compare(_ a: Tensor, _ b: Tensor, _ c: Comparison) throws(TensorError) -> Tensor {
        switch c {
        case .eq: return try zip(a, b, op: c.rawValue) { $0 == $1 ? 1 : 0 }
        case .ne: return try zip(a, b, op: c.rawValue) { $0 != $1 ? 1 : 0 }
        case .lt: return try zip(a, b, op: c.rawValue) { $0 < $1 ? 1 : 0 }
        case .le: return try zip(a, b, op: c.rawValue) { $0 <= $1 ? 1 : 0 }
        case .gt: return try zip(a, b, op: c.rawValue) { $0 > $1 ? 1 : 0 }
        case .ge: return try zip(a, b, op: c.rawValue) { $0 >= $1 ? 1 : 0 }
        }
    }

    /// Elementwise comparison by an arbitrary predicate, 1.0 for true and 0.0 for false
    /// (`op` names it in errors). Prefer `compare(_:_:_: Comparison)` for the six operators.
    public static func compare(_ a: Tensor, _ b: Tensor, op: String,
                               _ f: (Double, Double) -> Bool) throws(TensorError) -> Tensor {
        try zip(a, b, op: op) { f($0, $1) ? 1 : 0 }
    }

    /// The smaller of `x` and `y`; NaN if either is NaN (NumPy `minimum`).
    @inlinable
    public static func minimumNaN(_ x: Double, _ y: Double) -> Double {
        (x < y || x.isNaN) ? x : y
    }

    /// The larger of `x` and `y`; NaN if either is NaN (NumPy `maximum`).
    @inlinable
    public static func maximumNaN(_ x: Double, _ y: Double) -> Double {
        (x > y || x.isNaN) ? x : y
    }

    /// Elementwise minimum with broadcasting; NaN propagates.
    public static func minimum(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        try zip(a, b, op: "minimum") { minimumNaN($0, $1) }
    }

    /// Elementwise maximum with broadcasting; NaN propagates.
    public static func maximum(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        try zip(a, b, op: "maximum") { maximumNaN($0, $1) }
    }

    /// `clamp(x, lo, hi) = minimum(maximum(x, lo), hi)`, NumPy `clip`: either bound may be
    /// absent; the three broadcast together; when `lo > hi` the result is `hi`; a NaN in `x`
    /// or in a bound gives NaN.
    public static func clamp(_ x: Tensor, min lo: Tensor?, max hi: Tensor?) throws(TensorError) -> Tensor {
        var y = x
        if let lo {
            // Broadcast first against all three shapes, so the error names the clamp operands.
            if let hi { _ = try broadcastShape(try broadcastShape(x.shape, lo.shape, op: "clamp"), hi.shape, op: "clamp") }
            y = try zip(y, lo, op: "clamp") { maximumNaN($0, $1) }
        }
        if let hi { y = try zip(y, hi, op: "clamp") { minimumNaN($0, $1) } }
        return y
    }

    /// `clamp` with scalar bounds, in one pass: `min(max(x, lo), hi)` elementwise.
    public func clamped(min lo: Double = -.infinity, max hi: Double = .infinity) -> Tensor {
        mapKernel { Tensor.minimumNaN(Tensor.maximumNaN($0, lo), hi) }
    }
}
