import Foundation
import ThetaTensor

/// Every gradient rule again, in one exhaustive `switch`, written with recorded `Variable`
/// operations so that the backward pass is itself on the tape (`differentiableGradient`).
///
/// The mathematics is that of `Tape+Rules.swift` (see each rule there); here `g` is the
/// incoming gradient as a variable, `a`, `b` the inputs and `y` the output as variables of
/// their nodes. Quantities that are piecewise constant in the inputs (the masks of `relu`,
/// `abs`, `clamp`, `max`, `minimum`, `select`) enter as constants: their derivative is zero
/// wherever it exists. A gradient is formed only for inputs that lead to a differentiated
/// variable (`needed`).
extension Tape {
    func differentiablePropagate(_ i: Int, _ g: Variable, _ pass: inout DifferentiablePass) throws(AutodiffError) {
        let ra = nodes.lhs[i], rb = nodes.rhs[i]
        let op = nodes.ops[i]
        /// Whether input `r` is to receive a gradient.
        func wants(_ r: Int32) -> Bool { r >= 0 && pass.needed[Int(r)] }
        func send(_ r: Int32, _ c: Variable) throws(AutodiffError) {
            guard wants(r) else { return }
            let j = Int(r)
            if let total = pass.grads[j] { pass.grads[j] = try total + c } else { pass.grads[j] = c }
        }
        func a() -> Variable { variable(ra) }
        func b() -> Variable { variable(rb) }
        func y() -> Variable { variable(Int32(i)) }
        func shapeOf(_ r: Int32) -> [Int] { r >= 0 ? nodes.values[Int(r)].shape : nodes.constants[Int(-(r + 1))].shape }
        /// A constant tensor computed from the forward values (a mask or a share).
        func fixed(_ t: Tensor) -> Variable { constant(t) }
        func kernel<T>(_ body: () throws(TensorError) -> T) throws(AutodiffError) -> T {
            do throws(TensorError) { return try body() } catch { throw forwardError(error, op) }
        }

        switch op {
        case .leaf:
            return

        // MARK: Binary elementwise

        case .add:
            if wants(ra) { try send(ra, unbroadcast(g, to: shapeOf(ra))) }
            if wants(rb) { try send(rb, unbroadcast(g, to: shapeOf(rb))) }
        case .sub:
            if wants(ra) { try send(ra, unbroadcast(g, to: shapeOf(ra))) }
            if wants(rb) { try send(rb, unbroadcast(g.negated(), to: shapeOf(rb))) }
        case .mul:
            if wants(ra) { try send(ra, unbroadcast(g * b(), to: shapeOf(ra))) }
            if wants(rb) { try send(rb, unbroadcast(g * a(), to: shapeOf(rb))) }
        case .div:
            // (1/b, −y/b)
            let q = try g / b()
            if wants(ra) { try send(ra, unbroadcast(q, to: shapeOf(ra))) }
            if wants(rb) { try send(rb, unbroadcast((q * y()).negated(), to: shapeOf(rb))) }
        case .pow:
            // (b·a^{b−1}, y·log a with 0 where y = 0)
            if wants(ra) { try send(ra, unbroadcast(g * (b() * a().pow(b() - 1.0)), to: shapeOf(ra))) }
            if wants(rb) {
                let zero = try kernel { () throws(TensorError) in try Kernel.zip(y().value, Tensor(0), op: "^") { y, _ in y == 0 ? 1 : 0 } }
                let logA = try Variable.select(where: zero, constant(Tensor(0)), a().log())
                try send(rb, unbroadcast(g * (y() * logA), to: shapeOf(rb)))
            }
        case .minimum, .maximum:
            let isMin = op == .minimum
            let share = try kernel { () throws(TensorError) in
                try Kernel.zip(a().value, b().value, op: op.name) { x, z in x == z ? 0.5 : ((x < z) == isMin ? 1 : 0) }
            }
            if wants(ra) { try send(ra, unbroadcast(g * fixed(share), to: shapeOf(ra))) }
            if wants(rb) { try send(rb, unbroadcast(g * fixed(share.map { 1 - $0 }), to: shapeOf(rb))) }

        // MARK: Elementwise with constants

        case .affine(let scale, _):
            try send(ra, g * scale)
        case .powConst(let p):
            if p == 0 {
                try send(ra, constant(Kernel.filled(0, shapeOf(ra))))
            } else {
                try send(ra, g * (a().pow(p - 1) * p))
            }
        case .clamp(let lower, let upper):
            try send(ra, g * fixed(a().value.map { $0 >= lower && $0 <= upper ? 1 : 0 }))

        // MARK: Elementwise functions

        case .neg: try send(ra, g.negated())
        case .exp: try send(ra, g * y())
        case .log: try send(ra, g / a())
        case .sqrt: try send(ra, g / (y() * 2.0))
        case .abs: try send(ra, g * fixed(a().value.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }))
        case .tanh: try send(ra, g * (1.0 - y().square()))
        case .sigmoid: try send(ra, g * (y() * (1.0 - y())))
        case .softplus: try send(ra, g * a().sigmoid())
        case .relu: try send(ra, g * fixed(a().value.map { $0 > 0 ? 1 : 0 }))
        case .log1p: try send(ra, g / (a() + 1.0))
        case .expm1: try send(ra, g * (y() + 1.0))
        case .sin: try send(ra, g * a().cos())
        case .cos: try send(ra, (g * a().sin()).negated())
        case .square: try send(ra, g * (a() * 2.0))

        // MARK: Special functions

        case .lgamma: try send(ra, g * a().digamma())
        case .erf: try send(ra, g * (a().square().negated().exp() * 1.1283791670955125739))
        case .erfc: try send(ra, g * (a().square().negated().exp() * -1.1283791670955125739))
        case .logSigmoid: try send(ra, g * a().negated().sigmoid())
        case .atan: try send(ra, g / (a().square() + 1.0))
        case .lbeta:
            let both = try (a() + b()).digamma()
            if wants(ra) { try send(ra, unbroadcast(g * (a().digamma() - both), to: shapeOf(ra))) }
            if wants(rb) { try send(rb, unbroadcast(g * (b().digamma() - both), to: shapeOf(rb))) }
        case .normalLogDensity(let sigma):
            // with z = (x − μ)/σ and w = g/σ: (−w z, w z, w (z² − 1))
            let scale = variable(sigma)
            let w = try g / scale
            let z = try (a() - b()) / scale
            if wants(ra) { try send(ra, unbroadcast((w * z).negated(), to: shapeOf(ra))) }
            if wants(rb) { try send(rb, unbroadcast(w * z, to: shapeOf(rb))) }
            if wants(sigma) { try send(sigma, unbroadcast(w * (z.square() - 1.0), to: shapeOf(sigma))) }
        case .digamma, .implicit, .cholesky, .triangularSolve:
            // ψ's derivative (trigamma) is not a primitive; an implicit node's derivative is a
            // constant whose own dependence on the inputs was not recorded; the factorization
            // rules are matrix algorithms not written as recorded operations.
            throw AutodiffError(.notTwiceDifferentiable, operation: op.name,
                                message: "\(op.name) can be differentiated once but not twice: a gradient through it cannot be differentiated again",
                                origin: nodes.origins[i])

        // MARK: Reductions

        case .sum(let axis, _):
            try send(ra, spread(g, over: shapeOf(ra), axis: axis))
        case .mean(let axis, _):
            let shape = shapeOf(ra)
            let n = Double(axis.map { shape[$0] } ?? shape.reduce(1, *))
            try send(ra, spread(g / n, over: shape, axis: axis))
        case .max(let axis, _):
            let x = a().value
            let kept = keptShape(x.shape, axis: axis)
            let share = try kernel { () throws(TensorError) -> Tensor in
                let mask = try Kernel.zip(x, y().value.reshaped(kept), op: "max") { $0 == $1 ? 1 : 0 }
                let ties = try mask.reduce(.sum, axes: axis.map { [$0] }, keepDims: true)
                return try Kernel.zip(mask, ties, op: "max") { $0 / $1 }
            }
            try send(ra, g.reshaped(kept) * fixed(share))
        case .logSumExp(let axis, _):
            // g ⊙ e^{x − y}
            try send(ra, logSumExpGradient(g, a(), y(), axis: axis))
        case .logSumExpWithSoftmax(let axis, _, _):
            // the same; the saved softmax is a constant, so it is formed again from x
            try send(ra, logSumExpGradient(g, a(), y(), axis: axis))
        case .softmax(let axis):
            if y().value.rank == 0 { try send(ra, constant(Tensor(0))); return }
            let s = try (g * y()).sum(axis: axis, keepDims: true)
            try send(ra, y() * (g - s))
        case .logSoftmax(let axis):
            if y().value.rank == 0 { try send(ra, constant(Tensor(0))); return }
            try send(ra, g - y().exp() * g.sum(axis: axis, keepDims: true))

        // MARK: Linear algebra and shapes

        case .matmul:
            try differentiableMatmulRule(g, ra, rb, wants: wants, send: send)
        case .matmulAdd(let bias):
            if wants(bias) { try send(bias, unbroadcast(g, to: shapeOf(bias))) }
            try differentiableMatmulRule(g, ra, rb, wants: wants, send: send)
        case .transpose(let perm):
            var inverse = [Int](repeating: 0, count: perm.count)
            for (k, p) in perm.enumerated() { inverse[p] = k }
            try send(ra, g.transposed(inverse))
        case .reshape:
            try send(ra, g.reshaped(shapeOf(ra)))
        case .broadcast:
            try send(ra, unbroadcast(g, to: shapeOf(ra)))
        case .concat(let axis, let refs):
            var offset = 0
            for r in refs {
                let extent = shapeOf(r)[axis]
                if wants(r) {
                    let items = [TensorIndex](repeating: .all, count: axis)
                        + [.range(start: offset, stop: offset + extent, step: 1)]
                    try send(r, g.index(items))
                }
                offset += extent
            }
        case .stack(let axis, let refs):
            for (k, r) in refs.enumerated() where wants(r) {
                try send(r, g.index([TensorIndex](repeating: .all, count: axis) + [.at(k)]))
            }
        case .index(let items):
            try send(ra, g.embedded(in: shapeOf(ra), at: items))
        case .gather(let axis):
            try send(ra, g.scatterAdded(indices: b().value, axis: axis, shape: shapeOf(ra)))
        case .select(let condition):
            let c = variable(condition).value, zero = constant(Tensor(0))
            if wants(ra) { try send(ra, unbroadcast(Variable.select(where: c, g, zero), to: shapeOf(ra))) }
            if wants(rb) { try send(rb, unbroadcast(Variable.select(where: c, zero, g), to: shapeOf(rb))) }
        case .embed(let items):
            try send(ra, g.index(items))
        case .scatterAdd(let axis):
            try send(ra, g.gather(b().value, axis: axis))
        }
    }

    /// `unbroadcast` as recorded operations: `g` summed over the axes broadcasting added or
    /// stretched, reshaped to `shape`.
    func unbroadcast(_ g: Variable, to shape: [Int]) throws(AutodiffError) -> Variable {
        let gs = g.value.shape
        if gs == shape { return g }
        let lead = gs.count - shape.count
        let failure = AutodiffError(.backwardShape, operation: "unbroadcast",
                                    message: "unbroadcast: a gradient of shape \(Tensor.describe(gs)) cannot be reduced to shape \(Tensor.describe(shape))",
                                    origin: currentOrigin)
        guard lead >= 0 else { throw failure }
        var axes = Array(0..<lead)
        for k in 0..<shape.count where shape[k] != gs[lead + k] {
            guard shape[k] == 1 else { throw failure }
            axes.append(lead + k)
        }
        var r = g
        for axis in axes.reversed() { r = try r.sum(axis: axis, keepDims: true) }
        return try r.reshaped(shape)
    }

    /// `g ⊙ e^{x − y}` with `y = log Σ_axis e^x` and `g` repeated along the axis.
    private func logSumExpGradient(_ g: Variable, _ x: Variable, _ y: Variable, axis: Int?) throws(AutodiffError) -> Variable {
        let kept = keptShape(x.value.shape, axis: axis)
        return try g.reshaped(kept) * (x - y.reshaped(kept)).exp()
    }

    /// `g` (a reduction's gradient, with or without kept axes) repeated over `shape` along
    /// `axis` (nil: every axis).
    private func spread(_ g: Variable, over shape: [Int], axis: Int?) throws(AutodiffError) -> Variable {
        try g.reshaped(keptShape(shape, axis: axis)).broadcast(to: shape)
    }

    /// The matrix product's rule (`∂A = G·Bᵀ`, `∂B = Aᵀ·G`, 1-d operands promoted) as
    /// recorded operations.
    private func differentiableMatmulRule(_ g: Variable, _ ra: Int32, _ rb: Int32,
                                          wants: (Int32) -> Bool,
                                          send: (Int32, Variable) throws(AutodiffError) -> Void) throws(AutodiffError) {
        let a = variable(ra), b = variable(rb)
        let a2 = a.value.rank == 1 ? try a.reshaped([1, a.value.count]) : a
        let b2 = b.value.rank == 1 ? try b.reshaped([b.value.count, 1]) : b
        var gShape = g.value.shape
        if a.value.rank == 1 { gShape.insert(1, at: Swift.max(gShape.count - (b.value.rank == 1 ? 0 : 1), 0)) }
        if b.value.rank == 1 { gShape.append(1) }
        let g2 = try g.reshaped(gShape)
        func swapLast(_ v: Variable) throws(AutodiffError) -> Variable {
            let r = v.value.rank
            var perm = Array(0..<r)
            perm.swapAt(r - 2, r - 1)
            return try v.transposed(perm)
        }
        if wants(ra) {
            let ga = try Variable.matmul(g2, swapLast(b2))
            try send(ra, unbroadcast(ga, to: a2.value.shape).reshaped(a.value.shape))
        }
        if wants(rb) {
            let gb = try Variable.matmul(swapLast(a2), g2)
            try send(rb, unbroadcast(gb, to: b2.value.shape).reshaped(b.value.shape))
        }
    }
}
