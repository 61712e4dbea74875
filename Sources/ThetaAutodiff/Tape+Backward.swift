import ThetaTensor

/// The state of one backward pass: read-only copies of the tape's arrays and one optional
/// gradient per node, filled from the output down.
///
/// A gradient is held as a tensor and a pending scalar factor: node `i`'s gradient is
/// `scales[i] · grads[i]`. Rules that only scale their incoming gradient (`affine`, `neg`,
/// the `−` of a subtraction) pass it on with a new factor instead of rewriting it, and the
/// factor is applied where the gradient is next read anyway (in the rule that consumes it,
/// in a sum of contributions, or when a result is returned): a chain like
/// `−(0.5·square(x))` costs one pass over the gradient instead of three.
struct BackwardPass {
    let ops: [Primitive]
    let lhs: [Int32]
    let rhs: [Int32]
    let values: [Tensor]
    let constants: [Tensor]
    /// `grads[i]`: ∂L/∂(value of node i) accumulated so far, nil while nothing has arrived.
    var grads: [Tensor?]
    /// `scales[i]`: the pending factor of `grads[i]` (1 when none).
    var scales: [Double]
    let checksFinite: Bool
    /// Set by `accumulate` when checking is on and a contribution is not finite.
    var sawNonFinite = false

    init(_ nodes: NodeStorage, count: Int, checksFinite: Bool) {
        ops = nodes.ops
        lhs = nodes.lhs
        rhs = nodes.rhs
        values = nodes.values
        constants = nodes.constants
        grads = [Tensor?](repeating: nil, count: count)
        scales = [Double](repeating: 1, count: count)
        self.checksFinite = checksFinite
    }

    /// The value behind an input reference (a node's output or a constant).
    @inline(__always)
    func value(_ r: Int32) -> Tensor {
        r >= 0 ? values[Int(r)] : constants[Int(-(r + 1))]
    }

    /// Adds the contribution `s·c` to the gradient of the node `r` (constants receive
    /// nothing). The first contribution is stored as it is, with its factor pending; a second
    /// one is summed into the first (`t·total + s·c`, in place when the buffer is not shared;
    /// with both factors 1 this is exactly `total + c`).
    /// - Throws: when `c`'s shape differs from the gradient already there.
    @inline(__always)
    mutating func accumulate(_ r: Int32, _ c: Tensor, scale s: Double = 1) throws(TensorError) {
        guard r >= 0 else { return }
        if checksFinite && !sawNonFinite && (!s.isFinite || !c.scalars.allSatisfy(\.isFinite)) { sawNonFinite = true }
        let j = Int(r)
        guard var total = grads[j] else {
            grads[j] = c
            scales[j] = s
            return
        }
        grads[j] = nil   // leaves `total` the only owner, so the sum below does not copy
        let t = scales[j]
        guard total.shape == c.shape else {
            throw TensorError("a gradient of shape \(Tensor.describe(c.shape)) cannot be added to one of shape \(Tensor.describe(total.shape))")
        }
        if total.count == 1 {
            total.scalars[0] = total.scalars[0] * t + c.scalars[0] * s
        } else {
            total.scalars.withUnsafeMutableBufferPointer { d in
                c.scalars.withUnsafeBufferPointer { e in
                    for k in 0..<Swift.min(d.count, e.count) { d[k] = d[k] * t + e[k] * s }
                }
            }
        }
        scales[j] = 1
        grads[j] = total
    }

    /// `s·g`, the factor applied (`g` itself when `s` is 1).
    @inline(__always)
    static func applied(_ g: consuming Tensor, _ s: Double) -> Tensor {
        var g = g
        if s != 1 { Kernel.update(&g) { $0 * s } }
        return g
    }
}

extension Tape {
    /// Reverse-mode gradients of `y` with respect to each of `xs`.
    ///
    /// Computes `∂L/∂x` for `L = Σ_i seed_i · y_i`; the seed defaults to 1 when `y` has one
    /// element and is required otherwise. Contributions of a variable used several times are
    /// summed. A variable `y` does not depend on (an untracked one, a node recorded after `y`,
    /// or one off every path) gets zeros of its shape. The tape is left intact, so it can be
    /// differentiated again.
    /// - Throws: `.seedRequired`; `.backwardShape` for a seed of the wrong shape or a rule
    ///   whose gradient does not fit; `.nonFiniteGradient` when checking is on; `.foreignVariable`,
    ///   `.staleVariable`, `.tapeFull`. Errors about a node carry its origin tag.
    public func gradient(of y: Variable, wrt xs: [Variable], seed: Tensor? = nil) throws(AutodiffError) -> [Tensor] {
        let start = try gradientSeed(y, xs, seed)
        func zeros(_ x: Variable) -> Tensor { Kernel.filled(0, x.value.shape) }
        guard y.index >= 0 else { return xs.map(zeros) }

        let top = Int(y.index)
        var keep = [Bool](repeating: false, count: top + 1)
        for x in xs where x.index >= 0 && Int(x.index) <= top { keep[Int(x.index)] = true }
        var pass = BackwardPass(nodes, count: top + 1, checksFinite: checksFiniteGradients)
        pass.grads[top] = start
        for i in stride(from: top, through: 0, by: -1) {
            guard let g = pass.grads[i] else { continue }
            if !keep[i] { pass.grads[i] = nil }
            let s = pass.scales[i]
            do throws(TensorError) {
                try pass.propagate(i, consume g, scale: s)
            } catch {
                let name = pass.ops[i].name
                throw AutodiffError(.backwardShape, operation: name,
                                    message: "\(name) (backward): \(error.message)", origin: nodes.origins[i])
            }
            if pass.sawNonFinite {
                let name = pass.ops[i].name
                throw AutodiffError(.nonFiniteGradient, operation: name,
                                    message: "\(name) (backward): the gradient is not finite (NaN or infinity)",
                                    origin: nodes.origins[i])
            }
        }
        return xs.map { x in
            guard x.index >= 0, Int(x.index) <= top, let g = pass.grads[Int(x.index)] else { return zeros(x) }
            return BackwardPass.applied(g, pass.scales[Int(x.index)])
        }
    }

    /// Throws unless `v` belongs to this tape and, if tracked, to the current epoch.
    func checkForGradient(_ v: Variable) throws(AutodiffError) {
        guard v.tape === self else {
            throw AutodiffError(.foreignVariable, operation: "gradient",
                                message: "gradient: a variable belongs to a different tape", origin: nil)
        }
        guard v.index < 0 || v.epoch == epoch else {
            throw AutodiffError(.staleVariable, operation: "gradient",
                                message: "gradient: a variable recorded before the tape was reset was used", origin: nil)
        }
    }
}
