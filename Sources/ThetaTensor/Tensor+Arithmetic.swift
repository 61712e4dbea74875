import Foundation

/// The elementwise functions of two arguments, broadcast like NumPy. A closed set, so that
/// the language and autodiff can name an operation without passing closures around.
///
/// - `mod` is the floored modulo (the sign of the divisor), as NumPy's `%` and Python's;
///   `x % 0` is NaN.
/// - `pow` follows C's `pow` (IEEE 754 `pow`): `pow(x, 0) = 1` even for NaN `x`,
///   `pow(-8, 1/3)` is NaN.
/// - `minimum` / `maximum` propagate NaN from either side (NumPy `minimum` / `maximum`).
public enum BinaryFunction: String, CaseIterable, Sendable {
    case add, sub, mul, div, pow, mod, minimum, maximum

    /// How the operation is named in error messages: the operator where there is one.
    public var symbol: String {
        switch self {
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .div: return "/"
        case .pow: return "^"
        case .mod: return "%"
        case .minimum: return "minimum"
        case .maximum: return "maximum"
        }
    }

    /// The function at one pair of points.
    @inlinable
    public func apply(_ x: Double, _ y: Double) -> Double {
        switch self {
        case .add: return x + y
        case .sub: return x - y
        case .mul: return x * y
        case .div: return x / y
        case .pow: return Foundation.pow(x, y)
        case .mod: return Tensor.flooredMod(x, y)
        case .minimum: return Tensor.minimumNaN(x, y)
        case .maximum: return Tensor.maximumNaN(x, y)
        }
    }
}

/// Elementwise arithmetic with broadcasting. Each operation names itself in shape errors.
extension Tensor {
    public static func add(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "+") { $0 + $1 } }
    public static func sub(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "-") { $0 - $1 } }
    public static func mul(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "*") { $0 * $1 } }
    public static func div(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "/") { $0 / $1 } }
    /// `a ^ b`; a one-element exponent of 2 or 1/2 (of rank ≤ `a`'s, so the result has `a`'s
    /// shape) is computed as `x·x` or `√x`: exact, and several times cheaper than `pow`.
    public static func pow(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        if b.count == 1, b.rank <= a.rank {
            switch b.scalars[0] {
            case 2: return a.mapKernel { $0 * $0 }
            case 0.5: return a.mapKernel { $0.squareRoot() }
            default: break
            }
        }
        return try zip(a, b, op: "^") { Foundation.pow($0, $1) }
    }
    /// Floored modulo (the sign of the divisor), as NumPy's `%` and Python's.
    public static func mod(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor { try zip(a, b, op: "%") { flooredMod($0, $1) } }

    /// Applies a binary function with broadcasting; the switch happens once, outside the loop.
    public static func binary(_ f: BinaryFunction, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        switch f {
        case .add: return try add(a, b)
        case .sub: return try sub(a, b)
        case .mul: return try mul(a, b)
        case .div: return try div(a, b)
        case .pow: return try pow(a, b)
        case .mod: return try mod(a, b)
        case .minimum: return try minimum(a, b)
        case .maximum: return try maximum(a, b)
        }
    }

    /// `a mod b` with the sign of `b`; `x % 0` is NaN.
    @inlinable
    public static func flooredMod(_ a: Double, _ b: Double) -> Double {
        let r = fmod(a, b)
        return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
    }

    public func negated() -> Tensor { mapKernel { -$0 } }

    /// Sum of all elements.
    public func sum() -> Double {
        scalars.withUnsafeBufferPointer { buf in
            guard let p = buf.baseAddress else { return 0 }
            return Tensor.sumRow(p, buf.count)
        }
    }
}
