/// An n-dimensional array of `Double`, stored contiguously in row-major (C) order.
///
/// Value semantics with copy-on-write: `scalars` is a Swift array, so copying a tensor is O(1)
/// and the first write to a shared copy duplicates the buffer. A rank-0 tensor holds one scalar
/// and has shape `[]`.
public struct Tensor: Sendable, Equatable {
    /// Extent of each axis; the product is `scalars.count`.
    public var shape: [Int] { _shape }
    @usableFromInline var _shape: [Int]
    /// The elements in row-major order.
    public var scalars: [Double]

    /// Builds a tensor from its shape and row-major elements.
    /// - Throws: `TensorError` when the element count does not match the shape.
    public init(shape: [Int], scalars: [Double]) throws(TensorError) {
        let n = try Tensor.elementCount(shape)
        guard n == scalars.count else {
            throw TensorError("\(scalars.count) elements do not fill shape \(Tensor.describe(shape))")
        }
        self._shape = shape
        self.scalars = scalars
    }

    /// Builds a tensor whose shape is known to match (the caller guarantees the count).
    @inlinable
    public init(unchecked shape: [Int], scalars: [Double]) {
        self._shape = shape
        self.scalars = scalars
    }

    /// A rank-0 tensor.
    public init(_ scalar: Double) {
        self._shape = []
        self.scalars = [scalar]
    }

    /// A rank-1 tensor.
    public init(_ vector: [Double]) {
        self._shape = [vector.count]
        self.scalars = vector
    }

    /// A tensor of the given shape filled with one value.
    /// - Throws: when the shape has a negative extent or more elements than memory allows.
    public init(repeating value: Double, shape: [Int]) throws(TensorError) {
        let n = try Tensor.elementCount(shape)
        self._shape = shape
        self.scalars = [Double](repeating: value, count: n)
    }

    @inlinable public var rank: Int { _shape.count }
    @inlinable public var count: Int { scalars.count }
    @inlinable public var isScalar: Bool { shape.isEmpty }
    /// The single element of a tensor with one element (any rank), else nil.
    @inlinable public var scalarValue: Double? { scalars.count == 1 ? scalars[0] : nil }

    /// Row-major strides of `shape` in elements.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = acc
            acc *= shape[i]
        }
        return strides
    }

    /// The largest tensor we agree to allocate: 2^31 elements (16 GiB of doubles).
    public static let maxElements = 1 << 31

    /// Element count of a shape, checked: negative extents and absurd sizes are errors raised
    /// before anything is allocated.
    public static func elementCount(_ shape: [Int]) throws(TensorError) -> Int {
        var n = 1
        for d in shape {
            guard d >= 0 else { throw TensorError("negative dimension \(d) in shape \(describe(shape))") }
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, p <= maxElements else {
                throw TensorError("shape \(describe(shape)) is too large to allocate (limit \(maxElements) elements)")
            }
            n = p
        }
        return n
    }

    /// `[2, 3]` as a person reads it.
    public static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// Returns the same elements with a new shape of equal element count.
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        if inferred.count > 1 { throw TensorError("reshape: only one dimension may be -1, got \(Tensor.describe(newShape))") }
        if let i = inferred.first {
            var probe = newShape
            probe[i] = 1
            // Checked product of the other extents: rejects negative and absurd extents
            // (e.g. `[-1, 1 << 40, 1 << 40]`) instead of overflowing.
            let known: Int
            do { known = try Tensor.elementCount(probe) } catch {
                throw TensorError("reshape: cannot reshape \(Tensor.describe(shape)) into \(Tensor.describe(newShape)): \(error.message)")
            }
            guard known > 0, count % known == 0 else {
                throw TensorError("reshape: cannot reshape \(Tensor.describe(shape)) into \(Tensor.describe(newShape))")
            }
            resolved[i] = count / known
        }
        let n = try Tensor.elementCount(resolved)
        guard n == count else {
            throw TensorError("reshape: cannot reshape \(Tensor.describe(shape)) (\(count) elements) into \(Tensor.describe(newShape))")
        }
        return Tensor(unchecked: resolved, scalars: scalars)
    }
}

/// An error from a tensor operation: a message naming the operation and the shapes involved.
/// The language attaches the source span.
public struct TensorError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
