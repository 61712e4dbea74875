import Foundation
import ThetaTensor

/// First-order optimizers whose updates follow PyTorch's formulas operation for operation
/// (torch.optim.SGD, Adam and RMSprop with their default options), so a fit takes the same
/// steps as the same fit in PyTorch up to rounding.
///
/// An optimizer owns its per-parameter state (moments, step count) and updates the parameters
/// it is given in place: `step(&parameters, gradients)`, the two lists in the same order every
/// time.
public final class Optimizer {
    public enum Method: Sendable, Equatable {
        /// `b ← μ b + g` (b = g at the first step), `θ ← θ − lr b`; plain SGD when μ = 0.
        case sgd(lr: Double, momentum: Double)
        /// `m ← β1 m + (1 − β1) g`, `v ← β2 v + (1 − β2) g²`,
        /// `θ ← θ − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε)`.
        case adam(lr: Double, beta1: Double, beta2: Double, eps: Double)
        /// `v ← α v + (1 − α) g²`, `θ ← θ − lr g / (√v + ε)`.
        case rmsprop(lr: Double, alpha: Double, eps: Double)
    }

    public let method: Method
    /// Steps taken so far.
    public private(set) var steps = 0
    private var first: [[Double]] = []
    private var second: [[Double]] = []

    public init(_ method: Method) { self.method = method }

    /// The method's name and settings, as a fit shows them.
    public var summary: String {
        switch method {
        case .sgd(let lr, let m): return m == 0 ? "sgd(lr: \(lr))" : "sgd(lr: \(lr), momentum: \(m))"
        case .adam(let lr, _, _, _): return "adam(lr: \(lr))"
        case .rmsprop(let lr, _, _): return "rmsprop(lr: \(lr))"
        }
    }

    /// Forgets the moments and the step count.
    public func reset() {
        steps = 0
        first = []
        second = []
    }

    /// Updates every parameter by its gradient.
    /// - Throws: when the lists differ in length or a gradient's shape is not its parameter's.
    public func step(_ parameters: inout [Tensor], _ gradients: [Tensor]) throws(TensorError) {
        guard parameters.count == gradients.count else {
            throw TensorError("optimizer: \(parameters.count) parameters but \(gradients.count) gradients")
        }
        for (p, g) in zip(parameters, gradients) where p.shape != g.shape {
            throw TensorError("optimizer: gradient of shape \(Tensor.describe(g.shape)) for a parameter of shape \(Tensor.describe(p.shape))")
        }
        if first.count != parameters.count {
            first = parameters.map { [Double](repeating: 0, count: $0.count) }
            second = parameters.map { [Double](repeating: 0, count: $0.count) }
            steps = 0
        }
        steps += 1
        for i in parameters.indices {
            update(&parameters[i].scalars, gradients[i].scalars, &first[i], &second[i])
        }
    }

    private func update(_ theta: inout [Double], _ g: [Double], _ m: inout [Double], _ v: inout [Double]) {
        let n = theta.count
        theta.withUnsafeMutableBufferPointer { p in
        g.withUnsafeBufferPointer { g in
        m.withUnsafeMutableBufferPointer { m in
        v.withUnsafeMutableBufferPointer { v in
            switch method {
            case .sgd(let lr, let mu):
                // Lanes first (the same operations per element), then the remainder.
                var j = 0
                if let pp = p.baseAddress, let gp = g.baseAddress, let mp = m.baseAddress {
                    j = Optimizer.sgdLanes(UnsafeMutableRawPointer(pp), UnsafeRawPointer(gp),
                                           UnsafeMutableRawPointer(mp), n, lr: lr,
                                           momentum: mu, first: steps == 1)
                }
                if mu == 0 {
                    while j < n { p[j] -= lr * g[j]; j += 1 }
                } else if steps == 1 {
                    while j < n { m[j] = g[j]; p[j] -= lr * m[j]; j += 1 }
                } else {
                    while j < n { m[j] = mu * m[j] + g[j]; p[j] -= lr * m[j]; j += 1 }
                }
            case .adam(let lr, let b1, let b2, let eps):
                let t = Double(steps)
                let correction1 = 1 - pow(b1, t)
                let correction2Root = (1 - pow(b2, t)).squareRoot()
                let stepSize = lr / correction1
                // Eight lanes at a time, then the remainder one by one: the same operations
                // in the same order per element (no fused multiply-add), so the lanes give
                // the bits of the scalar loop.
                var j = 0
                if let pp = p.baseAddress, let gp = g.baseAddress, let mp = m.baseAddress, let vp = v.baseAddress {
                    j = Optimizer.adamLanes(UnsafeMutableRawPointer(pp), UnsafeRawPointer(gp),
                                            UnsafeMutableRawPointer(mp), UnsafeMutableRawPointer(vp), n,
                                            b1: b1, b2: b2, eps: eps,
                                            stepSize: stepSize, correction2Root: correction2Root)
                }
                while j < n {
                    m[j] += (g[j] - m[j]) * (1 - b1)      // torch: exp_avg.lerp_(grad, 1 - beta1)
                    v[j] = v[j] * b2 + (1 - b2) * g[j] * g[j]
                    let denom = v[j].squareRoot() / correction2Root + eps
                    p[j] -= stepSize * (m[j] / denom)
                    j += 1
                }
            case .rmsprop(let lr, let alpha, let eps):
                var j = 0
                if let pp = p.baseAddress, let gp = g.baseAddress, let vp = v.baseAddress {
                    j = Optimizer.rmspropLanes(UnsafeMutableRawPointer(pp), UnsafeRawPointer(gp),
                                               UnsafeMutableRawPointer(vp), n, lr: lr, alpha: alpha, eps: eps)
                }
                while j < n {
                    v[j] = v[j] * alpha + (1 - alpha) * g[j] * g[j]
                    p[j] -= lr * (g[j] / (v[j].squareRoot() + eps))
                    j += 1
                }
            }
        }}}}
    }
}
