import Foundation

/// Elementwise arithmetic with broadcasting. Each operation names itself in shape errors.
extension Tensor {
    public static func add(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "+") { $0 + $1 } }
    public static func sub(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "-") { $0 - $1 } }
    public static func mul(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "*") { $0 * $1 } }
    public static func div(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "/") { $0 / $1 } }
    public static func pow(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "^") { Foundation.pow($0, $1) } }
    /// Floored modulo (the sign of the divisor), as NumPy's `%` and Python's.
    public static func mod(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "%") { flooredMod($0, $1) } }

    /// `a mod b` with the sign of `b`; `x % 0` is NaN.
    @inlinable
    public static func flooredMod(_ a: Double, _ b: Double) -> Double {
        let r = fmod(a, b)
        return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
    }

    public func negated() -> Tensor { map { -$0 } }

    /// Elementwise comparisons give 1.0 for true and 0.0 for false.
    public static func compare(_ a: Tensor, _ b: Tensor, op: String,
                               _ f: (Double, Double) -> Bool) throws(TensorError) -> Tensor {
        try zip(a, b, op: op) { f($0, $1) ? 1 : 0 }
    }

    /// Sum of all elements.
    public func sum() -> Double {
        scalars.withUnsafeBufferPointer { buf in
            guard let p = buf.baseAddress else { return 0 }
            return Tensor.sumRow(p, buf.count)
        }
    }
}
