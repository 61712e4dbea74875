/// One item of a basic (NumPy) index expression such as `x[1, 2:5, ::-1, None]`.
public enum TensorIndex: Sendable, Equatable {
    /// A single position (negative counts from the end); removes the axis.
    case at(Int)
    /// A Python slice `start:stop:step`; `nil` parts take their defaults, out-of-range bounds
    /// clamp, a negative step walks backwards, a zero step is an error.
    case range(start: Int?, stop: Int?, step: Int?)
    /// The whole axis (`:`).
    case all
    /// A new axis of extent 1 (`None` / `np.newaxis`); consumes no axis of the tensor.
    case newAxis
}

/// A strided view of a tensor selected by an index expression.
@usableFromInline
struct IndexView {
    var shape: [Int]
    var strides: [Int]
    var offset: Int
}

extension Tensor {
    /// Basic indexing with NumPy semantics. Items apply to the leading axes; axes left over
    /// are taken whole. The result is a fresh tensor.
    /// - Throws: more items than axes, a zero step, or an `.at` position out of range
    ///   (naming the index, the axis and its extent).
    public func index(_ items: [TensorIndex]) throws(TensorError) -> Tensor {
        let view = try resolveView(items)
        _ = try Tensor.elementCount(view.shape)
        let out = scalars.withUnsafeBufferPointer {
            Tensor.stridedCopy($0, shape: view.shape, strides: view.strides, offset: view.offset)
        }
        return Tensor(unchecked: view.shape, scalars: out)
    }

    /// Writes `value`, broadcast to the selected region's shape, into the region selected by
    /// `items` (NumPy `x[items] = value`).
    /// - Throws: as `index`, or when `value` does not broadcast to the region.
    public mutating func assign(_ items: [TensorIndex], _ value: Tensor) throws(TensorError) {
        let view = try resolveView(items)
        let joined = try Tensor.broadcastShape(value.shape, view.shape, op: "assign")
        guard joined == view.shape else {
            throw TensorError("assign: value of shape \(Tensor.describe(value.shape)) cannot be broadcast to the selected region of shape \(Tensor.describe(view.shape))")
        }
        let valueStrides = Tensor.broadcastStrides(from: value.shape, to: view.shape)
        value.scalars.withUnsafeBufferPointer { src in
            scalars.withUnsafeMutableBufferPointer { dst in
                Tensor.stridedWrite(dst, shape: view.shape, strides: view.strides, offset: view.offset,
                                    value: src, valueStrides: valueStrides)
            }
        }
    }

    /// Resolves an index expression to a strided view of `self`'s buffer.
    @usableFromInline
    func resolveView(_ items: [TensorIndex]) throws(TensorError) -> IndexView {
        let consumed = items.reduce(0) { n, item in item == .newAxis ? n : n + 1 }
        guard consumed <= rank else {
            throw TensorError("index: too many indices (\(consumed)) for shape \(Tensor.describe(shape)) (rank \(rank))")
        }
        let own = Tensor.strides(shape)
        var view = IndexView(shape: [], strides: [], offset: 0)
        var axis = 0
        for item in items {
            switch item {
            case .newAxis:
                view.shape.append(1)
                view.strides.append(0)
            case .all:
                view.shape.append(shape[axis])
                view.strides.append(own[axis])
                axis += 1
            case .at(let i):
                let extent = shape[axis]
                let j = i < 0 ? i + extent : i
                guard j >= 0, j < extent else {
                    throw TensorError("index: index \(i) is out of range for axis \(axis) with extent \(extent)")
                }
                view.offset += j * own[axis]
                axis += 1
            case .range(let start, let stop, let step):
                let (first, count, by) = try Tensor.sliceBounds(start: start, stop: stop, step: step,
                                                                extent: shape[axis])
                view.offset += first * own[axis]
                view.shape.append(count)
                view.strides.append(by * own[axis])
                axis += 1
            }
        }
        while axis < rank {
            view.shape.append(shape[axis])
            view.strides.append(own[axis])
            axis += 1
        }
        return view
    }

    /// Python's `slice(start, stop, step).indices(extent)`: the first position, the number of
    /// positions and the step. With step `s > 0`, defaults are `0` and `extent` and bounds
    /// clamp to `[0, extent]`; with `s < 0`, defaults are `extent − 1` and "before the start"
    /// and bounds clamp to `[−1, extent − 1]`. Negative bounds first get `extent` added.
    public static func sliceBounds(start: Int?, stop: Int?, step: Int?,
                                   extent: Int) throws(TensorError) -> (first: Int, count: Int, step: Int) {
        let s = step ?? 1
        guard s != 0 else { throw TensorError("index: slice step cannot be zero") }
        guard s != Int.min else { throw TensorError("index: slice step \(s) is out of range") }
        func resolve(_ v: Int, low: Int, high: Int) -> Int {
            let w = v < 0 ? v + extent : v
            return Swift.min(Swift.max(w, low), high)
        }
        if s > 0 {
            let a = start.map { resolve($0, low: 0, high: extent) } ?? 0
            let b = stop.map { resolve($0, low: 0, high: extent) } ?? extent
            let count = b > a ? 1 + (b - a - 1) / s : 0
            return (a, count, s)
        } else {
            let a = start.map { resolve($0, low: -1, high: extent - 1) } ?? extent - 1
            let b = stop.map { resolve($0, low: -1, high: extent - 1) } ?? -1
            let count = a > b ? 1 + (a - b - 1) / (-s) : 0
            return (count > 0 ? a : 0, count, s)
        }
    }
}
