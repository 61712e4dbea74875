import ThetaTensor

/// A backward pass whose every step is itself recorded on the tape (PyTorch's
/// `create_graph=True`): the gradients it returns are variables, functions of the same leaves,
/// so they can be differentiated again — a gradient penalty `(‖∇ₓD(x)‖ − 1)²` trained in D's
/// weights, score matching through `−∇ₓE(x)`, a Hessian-vector product `∇(v·∇f)`.
///
/// The rules are those of `Tape+Rules.swift` written with `Variable` operations instead of
/// tensor kernels (`Tape+DifferentiableRules.swift`); they are slower, and used only when a
/// gradient has to be differentiated.
struct DifferentiablePass {
    /// `grads[i]`: ∂L/∂(value of node i) accumulated so far, as a recorded variable.
    var grads: [Variable?]
    /// `needed[i]`: node `i` depends on one of the variables differentiated against, so a
    /// gradient sent to it can reach them. Gradients are formed only for needed inputs.
    let needed: [Bool]
}

extension Tape {
    /// Gradients of `y` with respect to each of `xs`, recorded on this tape so that they are
    /// differentiable in turn (in `xs` and in every other leaf they depend on).
    ///
    /// Computes `∂L/∂x` for `L = Σ_i seed_i · y_i`, the seed defaulting to 1 when `y` has one
    /// element. A variable of `xs` that `y` does not depend on gets untracked zeros. With
    /// recording off (`withoutRecording`) the results are untracked values.
    /// - Throws: `.seedRequired`, `.backwardShape`, `.notTwiceDifferentiable` for a node whose
    ///   rule has no recorded form (the Cholesky factor, triangular solves, implicit
    ///   derivatives, digamma), `.foreignVariable`, `.staleVariable`, `.tapeFull`. Errors about
    ///   a node carry its origin tag.
    public func differentiableGradient(of y: Variable, wrt xs: [Variable], seed: Tensor? = nil) throws(AutodiffError) -> [Variable] {
        let start = try gradientSeed(y, xs, seed)
        func zeros(_ x: Variable) -> Variable { constant(Kernel.filled(0, x.value.shape)) }
        guard y.index >= 0 else { return xs.map(zeros) }
        let top = Int(y.index)

        // Which nodes lie on a path from some x: only their gradients are formed.
        var needed = [Bool](repeating: false, count: top + 1)
        for x in xs where x.index >= 0 && Int(x.index) <= top { needed[Int(x.index)] = true }
        for i in 0...top where !needed[i] {
            needed[i] = inputs(of: i).contains { $0 >= 0 && needed[Int($0)] }
        }
        var pass = DifferentiablePass(grads: [Variable?](repeating: nil, count: top + 1), needed: needed)
        pass.grads[top] = constant(start)

        let savedOrigin = currentOrigin
        defer { currentOrigin = savedOrigin }
        for i in stride(from: top, through: 0, by: -1) where needed[i] {
            guard let g = pass.grads[i] else { continue }
            // The recorded steps of node i's rule are located where node i was.
            currentOrigin = nodes.origins[i]
            do throws(AutodiffError) {
                try differentiablePropagate(i, g, &pass)
            } catch where error.kind == .forward {
                let name = nodes.ops[i].name
                throw AutodiffError(.backwardShape, operation: name,
                                    message: "\(name) (backward): \(error.message)", origin: nodes.origins[i])
            }
        }
        return xs.map { x in
            guard x.index >= 0, Int(x.index) <= top, let g = pass.grads[Int(x.index)] else { return zeros(x) }
            return g
        }
    }

    /// The checked seed of a backward pass from `y`: `seed` when its shape fits, else ones for
    /// a one-element `y`.
    func gradientSeed(_ y: Variable, _ xs: [Variable], _ seed: Tensor?) throws(AutodiffError) -> Tensor {
        try checkForGradient(y)
        for x in xs { try checkForGradient(x) }
        if overflowed { throw full() }
        let yOrigin = y.index >= 0 ? nodes.origins[Int(y.index)] : nil
        if let seed {
            guard seed.shape == y.value.shape else {
                throw AutodiffError(.backwardShape, operation: "gradient",
                                    message: "gradient: the seed of shape \(Tensor.describe(seed.shape)) does not match the output of shape \(Tensor.describe(y.value.shape))",
                                    origin: yOrigin)
            }
            return seed
        }
        guard y.value.count == 1 else {
            throw AutodiffError(.seedRequired, operation: "gradient",
                                message: "gradient: the output has shape \(Tensor.describe(y.value.shape)); a non-scalar output needs a seed of that shape",
                                origin: yOrigin)
        }
        return Kernel.filled(1, y.value.shape)
    }

    /// The input references of node `i` (nodes and constants).
    func inputs(of i: Int) -> [Int32] {
        switch nodes.ops[i] {
        case .concat(_, let refs), .stack(_, let refs): return refs
        default:
            var r: [Int32] = []
            if nodes.lhs[i] != Tape.noInput { r.append(nodes.lhs[i]) }
            if nodes.rhs[i] != Tape.noInput { r.append(nodes.rhs[i]) }
            if case .matmulAdd(let bias) = nodes.ops[i] { r.append(bias) }
            if case .normalLogDensity(let sigma) = nodes.ops[i] { r.append(sigma) }
            return r
        }
    }

    /// The variable behind an input reference: node `r` as a tracked variable, or the
    /// constant as an untracked one.
    func variable(_ r: Int32) -> Variable {
        if r >= 0 { return Variable(value: nodes.values[Int(r)], tape: self, index: r, epoch: epoch) }
        return Variable(untracked: nodes.constants[Int(-(r + 1))], tape: self)
    }
}
