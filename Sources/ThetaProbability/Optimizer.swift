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
                if mu == 0 {
                    for j in 0..<n { p[j] -= lr * g[j] }
                } else if steps == 1 {
                    for j in 0..<n { m[j] = g[j]; p[j] -= lr * m[j] }
                } else {
                    for j in 0..<n { m[j] = mu * m[j] + g[j]; p[j] -= lr * m[j] }
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
                for j in 0..<n {
                    v[j] = v[j] * alpha + (1 - alpha) * g[j] * g[j]
                    p[j] -= lr * (g[j] / (v[j].squareRoot() + eps))
                }
            }
        }}}}
    }

    /// The Adam update over the first `n − n mod 8` elements in `SIMD8<Double>` lanes;
    /// returns how many elements it updated. Per lane exactly the scalar loop's operations.
    @inline(__always)
    static func adamLanes(_ p: UnsafeMutableRawPointer, _ g: UnsafeRawPointer,
                          _ m: UnsafeMutableRawPointer, _ v: UnsafeMutableRawPointer, _ n: Int,
                          b1: Double, b2: Double, eps: Double,
                          stepSize: Double, correction2Root: Double) -> Int {
        typealias Lanes = SIMD8<Double>
        let oneMinusB1 = 1 - b1, oneMinusB2 = 1 - b2
        var j = 0
        while j + Lanes.scalarCount <= n {
            let o = j * MemoryLayout<Double>.stride
            let gj = g.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var mj = m.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var vj = v.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            var pj = p.loadUnaligned(fromByteOffset: o, as: Lanes.self)
            mj += (gj - mj) * oneMinusB1
            vj = vj * b2 + oneMinusB2 * gj * gj
            let denom = vj.squareRoot() / correction2Root + eps
            pj -= stepSize * (mj / denom)
            m.storeBytes(of: mj, toByteOffset: o, as: Lanes.self)
            v.storeBytes(of: vj, toByteOffset: o, as: Lanes.self)
            p.storeBytes(of: pj, toByteOffset: o, as: Lanes.self)
            j += Lanes.scalarCount
        }
        return j
    }
}
