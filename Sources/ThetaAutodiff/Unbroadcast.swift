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
