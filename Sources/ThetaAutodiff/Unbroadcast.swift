import ThetaTensor

/// The adjoint of broadcasting `shape` to `grad.shape`: sums `grad` over the leading axes that
/// broadcasting added and over the axes where `shape` has extent 1 but `grad` does not, and
/// returns a tensor of exactly `shape`.
///
/// If `y = broadcast(x)` then `∂L/∂x_j = Σ_{i : i maps to j} ∂L/∂y_i`. Every binary gradient
/// rule sends its per-operand gradient (of the output's shape) through this one function.
/// - Throws: when `shape` does not broadcast to `grad.shape`.
public func unbroadcast(_ grad: Tensor, to shape: [Int]) throws(TensorError) -> Tensor {
    let gs = grad.shape
    if gs == shape { return grad }
    let lead = gs.count - shape.count
    guard lead >= 0 else {
        throw TensorError("unbroadcast: a gradient of shape \(Tensor.describe(gs)) cannot be reduced to shape \(Tensor.describe(shape))")
    }
    var axes = Array(0..<lead)
    for k in 0..<shape.count where shape[k] != gs[lead + k] {
        guard shape[k] == 1 else {
            throw TensorError("unbroadcast: a gradient of shape \(Tensor.describe(gs)) cannot be reduced to shape \(Tensor.describe(shape))")
        }
        axes.append(lead + k)
    }
    if axes.isEmpty { return try grad.reshaped(shape) }
    return try grad.reduce(.sum, axes: axes, keepDims: true).reshaped(shape)
}

/// `shape` with `axis` (nil: every axis) set to extent 1: the `keepDims` shape of a reduction.
@usableFromInline
func keptShape(_ shape: [Int], axis: Int?) -> [Int] {
    guard let axis else { return [Int](repeating: 1, count: shape.count) }
    var s = shape
    if axis < s.count { s[axis] = 1 }
    return s
}

/// `unbroadcast(f(a, b), to: shape)` for `a` and `b` of one shape (the output's), formed
/// without the full-size temporary when the reduction only sums leading axes (an operand of
/// shape `[K]` or `[1, K]` against an output `[N, K]`): then each column sum is accumulated
/// directly (`Tensor.columnSums`). Otherwise the product is formed and reduced.
/// - Throws: when `shape` does not broadcast to the operands' shape.
@inlinable @inline(__always)
func unbroadcastZip(_ a: Tensor, _ b: Tensor, to shape: [Int], op: String,
                    _ f: (Double, Double) -> Double) throws(TensorError) -> Tensor {
    if a.shape == b.shape, a.shape != shape, let inner = leadingRowLength(a.shape, to: shape) {
        return Tensor(unchecked: shape, scalars: try Tensor.columnSums(a, b, inner: inner, op: op, f))
    }
    return try unbroadcast(Kernel.zip(a, b, op: op, f), to: shape)
}

/// When reducing a tensor of shape `gs` to `shape` (NumPy broadcast order) means summing
/// over a block of leading axes and keeping every trailing one whole (`[N, K] → [K]`,
/// `[N, K] → [1, K]`, `[B, N, K] → [K]`), the number of elements kept per row (the product
/// of the kept trailing extents); nil for any other pattern (`[N, K] → [N, 1]`).
@usableFromInline
func leadingRowLength(_ gs: [Int], to shape: [Int]) -> Int? {
    let lead = gs.count - shape.count
    guard lead >= 0 else { return nil }
    func target(_ k: Int) -> Int { k < lead ? 1 : shape[k - lead] }
    // The kept block: the longest suffix where the extents agree.
    var q = gs.count
    while q > 0 && target(q - 1) == gs[q - 1] { q -= 1 }
    for k in 0..<q where target(k) != 1 { return nil }
    var inner = 1
    for k in q..<gs.count { inner *= gs[k] }
    return inner
}
