import Foundation
import ThetaAutodiff
import ThetaProbability
import ThetaSyntax
import ThetaTensor

/// A divergence as a value: `KL(data || model)`, `KL(q || p)`, `MMD(data || q, kernel: rbf(h))`.
/// It knows its two sides and the estimator it chose from what they can do; `minimize` asks it
/// for a loss on each batch, and shown it prints its current estimate.
final class DivergenceValue: ThetaObject, ParameterHolder {
    enum Estimator {
        /// KL(data || q) up to the data's entropy: −mean log q(x).
        case crossEntropy
        /// KL(data || q) up to the data's entropy through a lower bound: −mean elbo(x).
        case negativeElbo
        /// KL(q || p) = E_q[log q(z) − log p(z)] with reparameterized samples z ~ q.
        case reverseKL(samples: Int)
        /// KL(p || q) of two distributions in closed form (ThetaProbability's table): exact.
        case closedForm
        /// Denoising score matching (Vincent 2011): with x̃ = x + σε, ε ~ N(0, I), the Fisher
        /// divergence to the σ-smoothed data is, up to a constant,
        /// ½ E ‖score(x̃) + ε/σ‖² (summed over coordinates, averaged over the batch). A model
        /// with `score` uses it; one with only `energy` has score −∇ₓE(x̃), a gradient that the
        /// loss differentiates again in the parameters.
        case denoisingScore(noise: Double)
        /// The GAN game (Goodfellow et al. 2014): a critic D (logits) maximizes
        /// E log σ(D(x)) + E log(1 − σ(D(y))), y ~ q; q minimizes the non-saturating
        /// E softplus(−D(y)). At the optimal critic the game's value is 2·JS − log 4.
        case jensenShannon
        /// The Wasserstein-1 game (Arjovsky et al. 2017): a critic maximizes E D(x) − E D(y) under
        /// a Lipschitz constraint; q minimizes −E D(y).
        case wasserstein(Lipschitz)
        /// The unbiased kernel two-sample estimate of MMD², Gaussian kernel of bandwidth h
        /// (nil: the median pairwise distance of the data).
        case mmd(bandwidth: Double?)
    }

    /// How the W1 critic is kept 1-Lipschitz.
    enum Lipschitz {
        /// WGAN-GP (Gulrajani et al. 2017): the critic's objective loses
        /// λ E (‖∇D(x̂)‖ − 1)² at points x̂ = εx + (1 − ε)y on lines between data and samples,
        /// ε ~ U(0, 1) per row.
        case penalty(Double)
        /// The original WGAN: the critic's weights clipped to [−c, c] after each step.
        case clip(Double)
    }

    let name: String
    let pair: DivergencePair
    var lhs: Value { pair.lhs }
    var rhs: Value { pair.rhs }
    let estimator: Estimator
    /// The critic network of an adversarial divergence (JS, W1).
    var critic: Value? {
        switch estimator {
        case .jensenShannon, .wasserstein: return criticValue
        default: return nil
        }
    }
    var criticValue: Value? = nil
    /// The critic's gradient steps per step of the model (adversarial divergences).
    var criticSteps = 1
    /// For showing the current estimate (a value does not outlive its runtime in practice; if
    /// it did, it would show without the estimate).
    private weak var runtime: Runtime?
    private let span: Span

    init(name: String, pair: DivergencePair, estimator: Estimator, ctx: CallContext) {
        self.name = name; self.pair = pair; self.estimator = estimator
        self.runtime = ctx.runtime; self.span = ctx.span
    }

    var typeName: String { "divergence" }
    var heldValues: [Value] { [lhs, rhs] + (critic.map { [$0] } ?? []) }
    var memberNames: [String] { ["estimate"] }
    /// Whether the left side is data that `minimize` may batch.
    var takesData: Bool {
        switch estimator {
        case .crossEntropy, .negativeElbo, .mmd, .denoisingScore, .jensenShannon, .wasserstein: return true
        case .reverseKL, .closedForm: return false
        }
    }

    /// The loss on `batch` (rows of the data; ignored by reverse KL), recorded on the tape when
    /// a fit is running.
    func loss(batch: Tensor?, _ ctx: CallContext) throws -> Value {
        let rt = ctx.runtime
        switch estimator {
        case .crossEntropy, .negativeElbo:
            let x = try batch ?? DataRows.tensor(lhs, ctx, what: "the data")
            let method = { if case .crossEntropy = self.estimator { return "logp" } else { return "elbo" } }()
            let terms = try Invoke.method(rhs, method, [Value.from(x)], ctx)
            let v = try Differentiable.variable(terms, rt, at: ctx.span, what: "\(method)(x)")
            return try Differentiable.recording(rt, ctx.span) { () throws(AutodiffError) in try v.mean().negated() }
        case .closedForm:
            return Differentiable.value(try closedForm(ctx))
        case .denoisingScore(let sigma):
            let x = try batch ?? DataRows.tensor(lhs, ctx, what: "the data")
            let eps = try Tensor.randn(shape: x.shape, using: &rt.rng)
            let noisy = try Tensor.add(x, try Tensor.mul(Tensor(sigma), eps))
            let s = try score(at: noisy, ctx)
            let target = eps.map { $0 / sigma }
            return try Differentiable.recording(rt, ctx.span) { () throws(AutodiffError) in
                let r = try (s + rt.tape.constant(target)).square()
                let perPoint = r.value.rank <= 1 ? r : try r.sum(axis: r.value.rank - 1)
                return try perPoint.mean() * 0.5
            }
        case .jensenShannon, .wasserstein:
            // The model's turn: its samples scored by the (fixed) critic.
            let x = try batch ?? DataRows.tensor(lhs, ctx, what: "the data")
            let dy = try criticScores(try Invoke.method(rhs, "sample", [.number(Double(x.shape.first ?? 1))], ctx), ctx)
            return try Differentiable.recording(rt, ctx.span) { () throws(AutodiffError) in
                if case .jensenShannon = self.estimator { return try dy.negated().softplus().mean() }
                return try dy.mean().negated()
            }
        case .reverseKL(let n):
            let z = try Invoke.method(lhs, "sample", [.number(Double(n))], ctx)
            let lq = try Differentiable.variable(try Invoke.method(lhs, "logp", [z], ctx), rt, at: ctx.span, what: "logp")
            let lp = try Differentiable.variable(try Invoke.method(rhs, "logp", [z], ctx), rt, at: ctx.span, what: "logp")
            return try Differentiable.recording(rt, ctx.span) { () throws(AutodiffError) in try (lq - lp).mean() }
        case .mmd(let h):
            let x = try batch ?? DataRows.tensor(lhs, ctx, what: "the data")
            let m = x.shape.first ?? 0
            let z = try Invoke.method(rhs, "sample", [.number(Double(m))], ctx)
            let zv = try Differentiable.variable(z, rt, at: ctx.span, what: "sample(n)")
            let bandwidth = try h ?? KernelMath.medianDistance(x)
            return try Differentiable.recording(rt, ctx.span) { () throws(AutodiffError) in
                try KernelMath.mmd2(rt.tape.constant(x), zv, bandwidth: bandwidth)
            }
        }
    }

    /// The estimate with its standard error, from `n` points or samples (nil: all the data,
    /// or 10,000 samples), computed without recording.
    func estimate(n: Int?, _ ctx: CallContext) throws -> (value: Double, standardError: Double) {
        switch estimator {
        case .crossEntropy, .negativeElbo:
            var x = try DataRows.tensor(lhs, ctx, what: "the data")
            if let n, n < (x.shape.first ?? 0) {
                x = try x.index([.range(start: 0, stop: n, step: nil)])
            }
            let method = { if case .crossEntropy = self.estimator { return "logp" } else { return "elbo" } }()
            let terms = try Coerce.tensor(try Invoke.method(rhs, method, [Value.from(x)], ctx), at: ctx.span, what: method)
            return Stats.meanAndError(terms.scalars.map { -$0 })
        case .closedForm:
            let v = try closedForm(ctx).value
            return (v.scalars.reduce(0, +), 0)
        case .reverseKL:
            let count = n ?? 10_000
            let z = try Invoke.method(lhs, "sample", [.number(Double(count))], ctx)
            let lq = try Coerce.tensor(try Invoke.method(lhs, "logp", [z], ctx), at: ctx.span, what: "logp")
            let lp = try Coerce.tensor(try Invoke.method(rhs, "logp", [z], ctx), at: ctx.span, what: "logp")
            return Stats.meanAndError(zip(lq.scalars, lp.scalars).map { $0 - $1 })
        case .mmd, .denoisingScore:
            let v = try Gradient.onTape(ctx.runtime) { try Coerce.tensor(try loss(batch: nil, ctx), at: ctx.span, what: name) }
            return (v.scalars.first ?? .nan, .nan)
        case .jensenShannon, .wasserstein:
            // The critic's game value on the data and as many samples.
            let v = try Coerce.tensor(try criticLoss(batch: nil, penalized: false, ctx), at: ctx.span, what: name).scalars.first ?? .nan
            if case .jensenShannon = estimator { return ((v + 2 * 0.6931471805599453) / 2, .nan) }
            return (v, .nan)
        }
    }

    /// The critic's scores D(y) as a vector (a network's [n, 1] output is flattened).
    private func criticScores(_ y: Value, _ ctx: CallContext) throws -> Variable {
        guard let critic = criticValue else { throw ctx.error("\(name) has no critic") }
        let d = try Differentiable.variable(try Calls.callValue(critic, [y], ctx: ctx), ctx.runtime, at: ctx.span, what: "critic(x)")
        if d.value.rank == 2, d.value.shape[1] == 1 {
            do { return try d.reshaped([d.value.shape[0]]) } catch { throw Diagnostic(.runtime, error.message, at: ctx.span) }
        }
        return d
    }

    /// The critic's objective, which it maximizes: for JS, E log σ(D(x)) + E log(1 − σ(D(y)))
    /// = −E softplus(−D(x)) − E softplus(D(y)); for W1, E D(x) − E D(y), less the gradient
    /// penalty when the critic has one and `penalized`. Samples y ~ q are drawn with q's
    /// parameters fixed.
    func criticLoss(batch: Tensor?, penalized: Bool = true, _ ctx: CallContext) throws -> Value {
        let rt = ctx.runtime
        let x = try batch ?? DataRows.tensor(lhs, ctx, what: "the data")
        let y = try Invoke.method(rhs, "sample", [.number(Double(x.shape.first ?? 1))], ctx)
        let dx = try criticScores(Value.from(x), ctx), dy = try criticScores(y, ctx)
        var penalty: Variable? = nil
        if penalized, case .wasserstein(.penalty(let lambda)) = estimator {
            penalty = try gradientPenalty(x, try Coerce.tensor(y, at: ctx.span, what: "sample(n)"), weight: lambda, ctx)
        }
        return try Differentiable.recording(rt, ctx.span) { () throws(AutodiffError) in
            if case .jensenShannon = self.estimator {
                return try (dx.negated().softplus().mean() + dy.softplus().mean()).negated()
            }
            let game = try dx.mean() - dy.mean()
            return try penalty.map { p throws(AutodiffError) in try game - p } ?? game
        }
    }

    /// WGAN-GP's penalty λ E (‖∇D(x̂)‖ − 1)², x̂ = εx + (1 − ε)y with ε ~ U(0, 1) per row; the
    /// gradient in x̂ is recorded, so the penalty is differentiable in the critic's weights.
    /// The norm is over each row's coordinates (a row of 1-d data is one number).
    private func gradientPenalty(_ x: Tensor, _ y: Tensor, weight lambda: Double, _ ctx: CallContext) throws -> Variable {
        let rt = ctx.runtime
        guard x.shape == y.shape, let n = x.shape.first else {
            throw ctx.error("\(name): the samples of shape \(Tensor.describe(y.shape)) do not match the data rows of shape \(Tensor.describe(x.shape))")
        }
        var epsShape = [Int](repeating: 1, count: x.rank)
        epsShape[0] = n
        let eps = try Tensor.rand(shape: epsShape, using: &rt.rng)
        let between = try Tensor.add(try Tensor.mul(eps, x), try Tensor.mul(eps.map { 1 - $0 }, y))
        guard let critic = criticValue else { throw ctx.error("\(name) has no critic") }
        let point = rt.tape.leaf(between)
        let total = try summedAt(point, ctx) { try Calls.callValue(critic, [$0], ctx: ctx) }
        let g = try Gradient.recordedGradient(of: total, wrt: [point], ctx)[0]
        rt.tape.currentOrigin = rt.origins.tag(ctx.span)
        do {
            let rows = try g.reshaped([n, x.count / Swift.max(n, 1)])
            // ‖·‖ with a floor under the square root, whose derivative is infinite at 0
            let norm = try (rows.square().sum(axis: 1) + 1e-12).sqrt()
            return try (norm - 1.0).square().mean() * lambda
        } catch {
            throw Diagnostic(.runtime, error.message, at: ctx.span)
        }
    }

    /// Σ f(x) over the rows of `x`, recorded: its gradient in `x` is each row's gradient, as
    /// rows do not interact. `f` calls a function or method with the point.
    private func summedAt(_ point: Variable, _ ctx: CallContext, _ f: (Value) throws -> Value) throws -> Variable {
        let v = try Differentiable.variable(try f(.tracked(Tracked(point))), ctx.runtime, at: ctx.span, what: name)
        ctx.runtime.tape.currentOrigin = ctx.runtime.origins.tag(ctx.span)
        do { return try v.sum() } catch { throw Diagnostic(.runtime, error.message, at: ctx.span) }
    }

    /// The model's score at `x`: its `score(x)`, or −∇ₓ energy(x) recorded so that the loss can
    /// be differentiated in the parameters through it.
    private func score(at x: Tensor, _ ctx: CallContext) throws -> Variable {
        let rt = ctx.runtime
        if Capabilities(of: rhs).score {
            return try Differentiable.variable(try Invoke.method(rhs, "score", [Value.from(x)], ctx), rt,
                                               at: ctx.span, what: "score(x)")
        }
        let point = rt.tape.leaf(x)
        let total = try summedAt(point, ctx) { try Invoke.method(self.rhs, "energy", [$0], ctx) }
        let g = try Gradient.recordedGradient(of: total, wrt: [point], ctx)[0]
        do { return try g.negated() } catch { throw Diagnostic(.runtime, error.message, at: ctx.span) }
    }

    /// The closed form of KL(p || q) for two distributions (summed over a batch).
    func closedForm(_ ctx: CallContext) throws -> Variable {
        guard case .object(let p as DistributionValue) = lhs, case .object(let q as DistributionValue) = rhs else {
            throw ctx.error("KL: no closed form here")
        }
        do {
            guard let v = try klDivergence(try p.build(ctx), try q.build(ctx)) else {
                throw ctx.error("KL(\(p.name) || \(q.name)) has no closed form")
            }
            return v.value.count == 1 ? v : try v.sum()
        } catch let e as ProbabilityError {
            throw Diagnostic(.runtime, e.message, at: ctx.span)
        } catch let e as AutodiffError {
            throw Diagnostic(.runtime, e.message, at: ctx.span)
        }
    }

    func callMethod(_ name: String, _ args: Arguments, _ ctx: CallContext) throws -> Value? {
        guard name == "estimate" else { return nil }
        var n: Int? = nil
        for (label, v, span) in args.named {
            guard label == "n", case .number(let x) = v, x >= 2, x == x.rounded() else {
                throw Diagnostic(.runtime, "estimate takes n: (a whole number ≥ 2)", at: span)
            }
            n = Int(x)
        }
        if let first = args.values.first { n = Int(try Coerce.tensor(first, at: ctx.span, what: "n").scalars.first ?? 0) }
        let (value, se) = try estimate(n: n, ctx)
        return .record(Record(names: ["value", "stderr"], values: [.number(value), .number(se)]))
    }

    /// `KL(data || model) = 1.2345 ± 0.0123 (cross-entropy ...)`: the current estimate, computed
    /// without recording.
    func summary() -> String {
        let head = "\(name)(\(pair.summary()))"
        guard let rt = runtime, !rt.differentiating else { return head }
        do {
            let (v, se) = try estimate(n: nil, CallContext(runtime: rt, span: span))
            let error = se.isFinite && se > 0 ? " ± \(Display.short(se))" : ""
            return "\(head) = \(Display.short(v))\(error)  (\(note))"
        } catch let d as Diagnostic {
            return "\(head)  (no estimate: \(d.message))"
        } catch {
            return head
        }
    }

    /// What the estimate means, for display.
    var note: String {
        switch estimator {
        case .crossEntropy: return "cross-entropy −E log q(x); the data's unknown entropy is left out"
        case .negativeElbo: return "−E elbo(x), an upper bound on the cross-entropy; the data's entropy is left out"
        case .reverseKL(let n): return "Monte Carlo over \(n) samples per step"
        case .closedForm: return "exact"
        case .denoisingScore(let s): return "denoising score matching, noise \(Display.short(s)), up to a constant"
        case .jensenShannon: return "from the critic's game value, exact when the critic is optimal"
        case .wasserstein(.clip(let c)): return "critic weights clipped to ±\(Display.short(c))"
        case .wasserstein(.penalty(let l)): return "critic's game value, gradient penalty \(Display.short(l))"
        case .mmd(let h): return h.map { "MMD², Gaussian kernel h = \(Display.short($0))" } ?? "MMD², Gaussian kernel, median-distance bandwidth"
        }
    }
}

/// Mean and standard error of a sample.
enum Stats {
    static func meanAndError(_ xs: [Double]) -> (Double, Double) {
        guard !xs.isEmpty else { return (.nan, .nan) }
        let n = Double(xs.count)
        let mean = xs.reduce(0, +) / n
        guard xs.count > 1 else { return (mean, .nan) }
        let v = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (v / n).squareRoot())
    }
}

/// Kernel two-sample statistics.
enum KernelMath {
    /// Rows of a tensor as a matrix [n, d] ([n] is n points in 1-D).
    static func matrix(_ v: Variable) throws(AutodiffError) -> Variable {
        v.value.rank == 1 ? try v.reshaped([v.value.shape[0], 1]) : v
    }

    /// Squared distances ‖a_i − b_j‖² = ‖a_i‖² + ‖b_j‖² − 2 a_i·b_j, as an [n, m] matrix.
    static func squaredDistances(_ a: Variable, _ b: Variable) throws(AutodiffError) -> Variable {
        let aa = try a.square().sum(axis: 1, keepDims: true)
        let bb = try b.square().sum(axis: 1, keepDims: true).transposed()
        let ab = try Variable.matmul(a, b.transposed())
        return try (aa + bb) - ab * 2.0
    }

    /// Unbiased MMD² with k(a, b) = exp(−‖a − b‖² / (2h²)):
    /// (Σ_{i≠j} k(x_i, x_j))/(n(n−1)) + (Σ_{i≠j} k(z_i, z_j))/(m(m−1)) − 2 mean k(x_i, z_j).
    /// The diagonal terms are k = 1 exactly, so they are subtracted as n and m.
    static func mmd2(_ x0: Variable, _ z0: Variable, bandwidth h: Double) throws(AutodiffError) -> Variable {
        let x = try matrix(x0), z = try matrix(z0)
        let n = Double(x.value.shape[0]), m = Double(z.value.shape[0])
        let scale = -1 / (2 * h * h)
        let kxx = try (squaredDistances(x, x) * scale).exp().sum()
        let kzz = try (squaredDistances(z, z) * scale).exp().sum()
        let kxz = try (squaredDistances(x, z) * scale).exp().mean()
        let within = try (kxx - n) / (n * (n - 1)) + (kzz - m) / (m * (m - 1))
        return try within - kxz * 2.0
    }

    /// The median pairwise distance of (up to 1,000 of) the rows: the bandwidth heuristic.
    static func medianDistance(_ x: Tensor) throws -> Double {
        let rows = x.rank == 1 ? x.shape[0] : x.shape[0]
        let d = x.rank == 1 ? 1 : x.count / max(rows, 1)
        let n = min(rows, 1000)
        var ds: [Double] = []
        ds.reserveCapacity(n * (n - 1) / 2)
        x.scalars.withUnsafeBufferPointer { p in
            for i in 0..<n {
                for j in (i + 1)..<max(n, i + 1) {
                    var s = 0.0
                    for k in 0..<d { let t = p[i * d + k] - p[j * d + k]; s += t * t }
                    ds.append(s.squareRoot())
                }
            }
        }
        guard !ds.isEmpty else { return 1 }
        ds.sort()
        let med = ds[ds.count / 2]
        return med > 0 ? med : 1
    }
}
