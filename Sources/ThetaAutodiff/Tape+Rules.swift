import Foundation
import ThetaTensor

/// Every gradient rule, in one exhaustive `switch` over `Primitive`.
///
/// Node `i` computed `y = values[i]` from `a = value(lhs[i])` and `b = value(rhs[i])`;
/// `s·g` is `∂L/∂y` (of `y`'s shape; `s` the pending factor, see `BackwardPass`). Each rule
/// sends `∂L/∂a = s·g · ∂y/∂a` (and the same for `b`) to `accumulate`. The rules of `+`,
/// `−`, `·`, `/`, `affine`, `neg` and `square` carry the factor (into `accumulate`'s, or
/// into the one pass they make over `g`); every other rule receives `g` with the factor
/// applied. Binary elementwise rules form their contribution at the output's shape and
/// pass it through `unbroadcast` to the operand's shape. Contributions are computed only for
/// node inputs (a reference `≥ 0`), never for constants.
extension BackwardPass {
    mutating func propagate(_ i: Int, _ incoming: consuming Tensor, scale: Double) throws(TensorError) {
        // `g` is owned here: rules whose contribution has g's shape overwrite it in place
        // (`Kernel.update`) as their last use of it.
        var g = incoming
        let s = scale
        let ra = lhs[i], rb = rhs[i]
        switch ops[i] {
        case .add, .sub, .mul, .div, .affine, .neg, .square: break
        default: if s != 1 { Kernel.update(&g) { $0 * s } }
        }
        switch ops[i] {
        case .leaf:
            return

        // MARK: Binary elementwise

        case .add:
            // ∂(a + b) = (1, 1)
            if ra >= 0 { try accumulate(ra, unbroadcast(g, to: value(ra).shape), scale: s) }
            if rb >= 0 { try accumulate(rb, unbroadcast(g, to: value(rb).shape), scale: s) }
        case .sub:
            // ∂(a − b) = (1, −1)
            // (the sign rides on the pending factor: no pass over g)
            if ra >= 0 { try accumulate(ra, unbroadcast(g, to: value(ra).shape), scale: s) }
            if rb >= 0 { try accumulate(rb, unbroadcast(g, to: value(rb).shape), scale: -s) }
        case .mul:
            // ∂(a·b) = (b, a)
            let a = value(ra), b = value(rb)
            if rb >= 0 {
                // g·a summed over b's broadcast axes, without a temporary when a has g's shape
                let c = a.shape == g.shape
                    ? try unbroadcastZip(g, a, to: b.shape, op: "*") { $0 * $1 }
                    : try unbroadcast(Kernel.zip(g, a, op: "*") { $0 * $1 }, to: b.shape)
                try accumulate(rb, c, scale: s)
            }
            if ra >= 0 {
                try Kernel.update(&g, with: b, op: "*") { $0 * $1 }
                try accumulate(ra, unbroadcast(g, to: a.shape), scale: s)
            }
        case .div:
            // ∂(a/b) = (1/b, −a/b² = −y/b): with q = g/b (one pass, in place), the lhs gets q
            // and the rhs −q·y, summed over b's broadcast axes without a temporary
            let a = value(ra), b = value(rb)
            if rb >= 0, b.count > 1, b.shape != g.shape, g.shape == values[i].shape,
               let inner = leadingRowLength(g.shape, to: b.shape), inner == b.count {
                // b one row against g: the quotient and b's column sums in one pass
                let sums = try Tensor.divideRowsAndColumnSums(&g, by: b, times: values[i], inner: inner)
                try accumulate(rb, Tensor(unchecked: b.shape, scalars: sums), scale: -s)
            } else {
                try Kernel.update(&g, with: b, op: "/") { $0 / $1 }
                if rb >= 0 {
                    try accumulate(rb, unbroadcastZip(g, values[i], to: b.shape, op: "/") { $0 * $1 }, scale: -s)
                }
            }
            if ra >= 0 { try accumulate(ra, unbroadcast(g, to: a.shape), scale: s) }
        case .pow:
            // ∂(a^b) = (b·a^{b−1}, y·log a); the second is taken as 0 where y = 0 (so 0^b with
            // b > 0 does not give 0·(−inf)).
            let a = value(ra), b = value(rb)
            if ra >= 0 {
                let d = try Kernel.zip(a, b, op: "^") { x, p in p * Foundation.pow(x, p - 1) }
                try accumulate(ra, unbroadcast(Kernel.zip(g, d, op: "^") { $0 * $1 }, to: a.shape))
            }
            if rb >= 0 {
                let d = try Kernel.zip(values[i], a, op: "^") { y, x in y == 0 ? 0 : y * Foundation.log(x) }
                try accumulate(rb, unbroadcast(Kernel.zip(g, d, op: "^") { $0 * $1 }, to: b.shape))
            }
        case .minimum, .maximum:
            // The selected operand gets g; at a tie each gets g/2.
            let a = value(ra), b = value(rb)
            let isMin = ops[i] == .minimum
            let share = try Kernel.zip(a, b, op: "minimum") { x, z in
                x == z ? 0.5 : ((x < z) == isMin ? 1 : 0)
            }
            if ra >= 0 { try accumulate(ra, unbroadcast(Kernel.zip(g, share, op: "minimum") { $0 * $1 }, to: a.shape)) }
            if rb >= 0 { try accumulate(rb, unbroadcast(Kernel.zip(g, share, op: "minimum") { $0 * (1 - $1) }, to: b.shape)) }

        // MARK: Elementwise with constants

        case .affine(let scale, _):
            // ∂(c·x + t) = c, onto the pending factor
            try accumulate(ra, g, scale: s * scale)
        case .powConst(let p):
            // ∂(x^p) = p·x^{p−1}; identically 0 for p = 0
            let x = value(ra)
            if p == 0 {
                try accumulate(ra, Kernel.filled(0, x.shape))
            } else {
                try accumulate(ra, Kernel.zip(g, x, op: "^") { g, x in g * p * Foundation.pow(x, p - 1) })
            }
        case .clamp(let lower, let upper):
            // 1 on [lower, upper], else 0
            try Kernel.update(&g, with: value(ra), op: "clamp") { g, x in x >= lower && x <= upper ? g : 0 }
            try accumulate(ra, g)

        // MARK: Elementwise functions

        case .neg:
            try accumulate(ra, g, scale: -s)
        case .exp:
            // (e^x)' = y
            try Kernel.update(&g, with: values[i], op: "exp") { $0 * $1 }
            try accumulate(ra, g)
        case .log:
            // (log x)' = 1/x
            try Kernel.update(&g, with: value(ra), op: "log") { $0 / $1 }
            try accumulate(ra, g)
        case .sqrt:
            // (√x)' = 1/(2y)
            try Kernel.update(&g, with: values[i], op: "sqrt") { $0 / (2 * $1) }
            try accumulate(ra, g)
        case .abs:
            // |x|' = sign x, 0 at 0
            try Kernel.update(&g, with: value(ra), op: "abs") { g, x in x > 0 ? g : (x < 0 ? -g : 0) }
            try accumulate(ra, g)
        case .tanh:
            // tanh' = 1 − y²
            try Kernel.update(&g, with: values[i], op: "tanh") { g, y in g * (1 - y * y) }
            try accumulate(ra, g)
        case .sigmoid:
            // σ' = y(1 − y)
            try Kernel.update(&g, with: values[i], op: "sigmoid") { g, y in g * (y * (1 - y)) }
            try accumulate(ra, g)
        case .softplus:
            // softplus' = σ(x)
            try Kernel.update(&g, with: Kernel.apply(.sigmoid, value(ra)), op: "softplus") { $0 * $1 }
            try accumulate(ra, g)
        case .relu:
            // 1 for x > 0, else 0
            try Kernel.update(&g, with: value(ra), op: "relu") { g, x in x > 0 ? g : 0 }
            try accumulate(ra, g)
        case .log1p:
            // 1/(1 + x)
            try Kernel.update(&g, with: value(ra), op: "log1p") { g, x in g / (1 + x) }
            try accumulate(ra, g)
        case .expm1:
            // (e^x − 1)' = y + 1
            try Kernel.update(&g, with: values[i], op: "expm1") { g, y in g * (y + 1) }
            try accumulate(ra, g)
        case .sin:
            try Kernel.update(&g, with: value(ra), op: "sin") { g, x in g * Foundation.cos(x) }
            try accumulate(ra, g)
        case .cos:
            try Kernel.update(&g, with: value(ra), op: "cos") { g, x in -g * Foundation.sin(x) }
            try accumulate(ra, g)
        case .square:
            // 2x (the pending factor applied in the same pass)
            try Kernel.update(&g, with: value(ra), op: "square") { g, x in (g * s) * (2 * x) }
            try accumulate(ra, g)

        // MARK: Special functions

        case .lgamma:
            // (log Γ)' = ψ
            try Kernel.update(&g, with: value(ra), op: "lgamma") { g, x in g * Special.digamma(x) }
            try accumulate(ra, g)
        case .digamma:
            // ψ' = ψ₁
            try Kernel.update(&g, with: value(ra), op: "digamma") { g, x in g * Special.trigamma(x) }
            try accumulate(ra, g)
        case .erf:
            // erf' = (2/√π) e^{−x²}
            try Kernel.update(&g, with: Kernel.expNegativeSquare(value(ra)), op: "erf") { g, e in g * (1.1283791670955125739 * e) }
            try accumulate(ra, g)
        case .erfc:
            // erfc' = −(2/√π) e^{−x²}
            try Kernel.update(&g, with: Kernel.expNegativeSquare(value(ra)), op: "erfc") { g, e in -g * (1.1283791670955125739 * e) }
            try accumulate(ra, g)
        case .logSigmoid:
            // (log σ)' = 1 − σ(x) = σ(−x)
            try Kernel.update(&g, with: Kernel.apply(.sigmoid, Kernel.map(value(ra)) { -$0 }), op: "log_sigmoid") { $0 * $1 }
            try accumulate(ra, g)
        case .atan:
            // atan' = 1/(1 + x²)
            try Kernel.update(&g, with: value(ra), op: "atan") { g, x in g / (1 + x * x) }
            try accumulate(ra, g)
        case .lbeta:
            // ∂ log B(a, b)/∂a = ψ(a) − ψ(a + b), and symmetrically for b
            let a = value(ra), b = value(rb)
            if ra >= 0 {
                let d = try Kernel.zip(a, b, op: "lbeta") { Special.digamma($0) - Special.digamma($0 + $1) }
                try accumulate(ra, unbroadcast(Kernel.zip(g, d, op: "lbeta") { $0 * $1 }, to: a.shape))
            }
            if rb >= 0 {
                let d = try Kernel.zip(a, b, op: "lbeta") { Special.digamma($1) - Special.digamma($0 + $1) }
                try accumulate(rb, unbroadcast(Kernel.zip(g, d, op: "lbeta") { $0 * $1 }, to: b.shape))
            }
        case .normalLogDensity(let sigma):
            // one pass over g for all three (Tensor.normalLogDensityGradients)
            guard let d = Tensor.normalLogDensityGradients(g, value(ra), value(rb), value(sigma)) else {
                throw TensorError("normal_logp: the gradient of shape \(Tensor.describe(g.shape)) does not fit the operands")
            }
            try accumulate(ra, d.x)
            try accumulate(rb, d.mu)
            try accumulate(sigma, d.sigma)
        case .implicit(let derivative):
            // ∂y/∂lhs = D (elementwise, lhs broadcast to y); ∂y/∂rhs = 1
            if ra >= 0 {
                let d = value(derivative)
                try accumulate(ra, unbroadcast(Kernel.zip(g, d, op: "implicit") { $0 * $1 }, to: value(ra).shape))
            }
            if rb >= 0 { try accumulate(rb, g) }

        // MARK: Reductions

        case .sum(let axis, _):
            // ∂Σx/∂x_j = 1: g spread back over the reduced axis
            let shape = value(ra).shape
            try accumulate(ra, spread(g, over: shape, axis: axis))
        case .mean(let axis, _):
            // 1/n for each of the n reduced entries
            let shape = value(ra).shape
            let n = Double(axis.map { shape[$0] } ?? shape.reduce(1, *))
            try accumulate(ra, spread(Kernel.map(g) { $0 / n }, over: shape, axis: axis))
        case .max(let axis, _):
            // g shared evenly by the entries equal to the maximum
            let x = value(ra)
            let kept = keptShape(x.shape, axis: axis)
            let yk = try values[i].reshaped(kept), gk = try g.reshaped(kept)
            let mask = try Kernel.zip(x, yk, op: "max") { $0 == $1 ? 1 : 0 }
            let ties = try mask.reduce(.sum, axes: axis.map { [$0] }, keepDims: true)
            let share = try Kernel.zip(gk, ties, op: "max") { $0 / $1 }
            try accumulate(ra, Kernel.zip(mask, share, op: "max") { $0 * $1 })
        case .logSumExp(let axis, _):
            // ∂/∂x_j log Σ e^x = e^{x_j − y}: g ⊙ e^{x − y}, y and g repeated along the axis
            try accumulate(ra, value(ra).logSumExpGradient(value: values[i], upstream: g, axis: axis))
        case .logSumExpWithSoftmax(_, _, let softmax):
            // the same derivative, saved by the forward pass: g repeated along the axis ⊙ softmax
            try accumulate(ra, Tensor.rowScaled(value(softmax), by: g))
        case .softmax(let axis):
            // ∂x = y ⊙ (g − Σ_axis g ⊙ y); a single element is constant (∂ = 0)
            let y = values[i]
            if y.rank == 0 { try accumulate(ra, Kernel.filled(0, [])); return }
            let gy = try Kernel.zip(g, y, op: "softmax") { $0 * $1 }
            let s = try gy.reduce(.sum, axes: [axis], keepDims: true)
            let centered = try Kernel.zip(g, s, op: "softmax") { $0 - $1 }
            try accumulate(ra, Kernel.zip(y, centered, op: "softmax") { $0 * $1 })
        case .logSoftmax(let axis):
            // ∂x = g − e^y ⊙ Σ_axis g; a single element is constant (∂ = 0)
            let y = values[i]
            if y.rank == 0 { try accumulate(ra, Kernel.filled(0, [])); return }
            let s = try g.reduce(.sum, axes: [axis], keepDims: true)
            var es = Kernel.apply(.exp, y)
            try Kernel.update(&es, with: s, op: "log_softmax") { $0 * $1 }
            try Kernel.update(&g, with: es, op: "log_softmax") { $0 - $1 }
            try accumulate(ra, g)

        // MARK: Linear algebra and shapes

        case .matmul:
            try matmulRule(g, ra, rb)
        case .matmulAdd(let bias):
            // ∂(a @ b + c): the product's rule for a and b; c gets g summed over its broadcast axes
            if bias >= 0 { try accumulate(bias, unbroadcast(g, to: value(bias).shape)) }
            try matmulRule(g, ra, rb)
        case .cholesky:
            try accumulate(ra, LinearAlgebra.choleskyBackward(values[i], g))
        case .triangularSolve:
            // X = L⁻¹B: B̄ = L⁻ᵀX̄, L̄ = −tril(B̄ Xᵀ)
            let l = value(ra)
            let gb = try LinearAlgebra.solveLower(l, g, transposed: true)
            if ra >= 0 {
                let outer = try Tensor.matmul(gb, LinearAlgebra.transposeLast(values[i]))
                try accumulate(ra, LinearAlgebra.lower(outer.map { -$0 }))
            }
            if rb >= 0 { try accumulate(rb, gb) }
        case .transpose(let perm):
            // the inverse permutation
            var inverse = [Int](repeating: 0, count: perm.count)
            for (k, p) in perm.enumerated() { inverse[p] = k }
            try accumulate(ra, g.transposed(inverse))
        case .reshape:
            try accumulate(ra, g.reshaped(value(ra).shape))
        case .broadcast:
            try accumulate(ra, unbroadcast(g, to: value(ra).shape))
        case .concat(let axis, let inputs):
            // each input gets its slab of g along the axis
            var offset = 0
            for r in inputs {
                let extent = value(r).shape[axis]
                if r >= 0 {
                    let items = [TensorIndex](repeating: .all, count: axis)
                        + [.range(start: offset, stop: offset + extent, step: 1)]
                    try accumulate(r, g.index(items))
                }
                offset += extent
            }
        case .stack(let axis, let inputs):
            // input k gets g at position k of the new axis
            for (k, r) in inputs.enumerated() where r >= 0 {
                try accumulate(r, g.index([TensorIndex](repeating: .all, count: axis) + [.at(k)]))
            }
        case .index(let items):
            // g written into zeros at the selected region (basic indexing never repeats an element)
            var full = Kernel.filled(0, value(ra).shape)
            try full.assign(items, g)
            try accumulate(ra, full)
        case .gather(let axis):
            // repeated indices accumulate
            try accumulate(ra, Tensor.scatterAdd(g, indices: value(rb), axis: axis, shape: value(ra).shape))
        case .select(let condition):
            // g where the condition holds goes to lhs, elsewhere to rhs
            let c = value(condition), zero = Tensor(0)
            if ra >= 0 { try accumulate(ra, unbroadcast(Tensor.select(where: c, g, zero), to: value(ra).shape)) }
            if rb >= 0 { try accumulate(rb, unbroadcast(Tensor.select(where: c, zero, g), to: value(rb).shape)) }
        case .embed(let items):
            // the region that was written
            try accumulate(ra, g.index(items))
        case .scatterAdd(let axis):
            // each entry was added to one place: read it back
            try accumulate(ra, g.gather(value(rb), axis: axis))
        }
    }

    /// `g` (the reduced shape, with or without kept axes) repeated over `shape` along `axis`
    /// (nil: every axis).
    private func spread(_ g: Tensor, over shape: [Int], axis: Int?) throws(TensorError) -> Tensor {
        if axis == nil, g.count == 1 { return Kernel.filled(g.scalars[0], shape) }
        return try g.reshaped(keptShape(shape, axis: axis)).broadcast(to: shape)
    }

    /// `y = a @ b` (NumPy `matmul`). With 1-d operands promoted to `A = [1, k]` or `B = [k, 1]`
    /// and `G` the gradient with the promoted axes restored: `∂A = G·Bᵀ`, `∂B = Aᵀ·G` (last two
    /// axes transposed), each unbroadcast over the batch axes and reshaped back.
    private mutating func matmulRule(_ g: Tensor, _ ra: Int32, _ rb: Int32) throws(TensorError) {
        let a = value(ra), b = value(rb)
        let a2 = a.rank == 1 ? try a.reshaped([1, a.count]) : a
        let b2 = b.rank == 1 ? try b.reshaped([b.count, 1]) : b
        var gShape = g.shape
        if a.rank == 1 { gShape.insert(1, at: Swift.max(gShape.count - (b.rank == 1 ? 0 : 1), 0)) }
        if b.rank == 1 { gShape.append(1) }
        let g2 = try g.reshaped(gShape)
        // Every promoted operand has rank ≥ 2, so the transposes are BLAS flags on the stored
        // matrices rather than copies.
        if ra >= 0 {
            let ga = try Tensor.matmul(g2, b2, transposeA: false, transposeB: true)
            try accumulate(ra, unbroadcast(ga, to: a2.shape).reshaped(a.shape))
        }
        if rb >= 0 {
            let gb: Tensor
            if b2.rank == 2 && a2.rank > 2 && a2.count > 0 && g2.count > 0 {
                // A single matrix against a stack: Σ_batch A_iᵀ·G_i is one product of the
                // stacks folded into rows, `[batch·m, k]ᵀ · [batch·m, n]`, already summed.
                let k = a2.shape[a2.rank - 1], n = g2.shape[g2.rank - 1]
                gb = try Tensor.matmul(a2.reshaped([a2.count / k, k]),
                                       g2.reshaped([g2.count / n, n]),
                                       transposeA: true, transposeB: false)
            } else {
                gb = try Tensor.matmul(a2, g2, transposeA: true, transposeB: false)
            }
            try accumulate(rb, unbroadcast(gb, to: b2.shape).reshaped(b.shape))
        }
    }
}
