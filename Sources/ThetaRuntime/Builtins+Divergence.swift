import ThetaAutodiff
import ThetaProbability
import ThetaSyntax
import ThetaTensor

/// A kernel as a value: `rbf(h)` (h nil: the median heuristic).
final class KernelValue: ThetaObject {
    let bandwidth: Double?
    init(bandwidth: Double?) { self.bandwidth = bandwidth }
    var typeName: String { "kernel" }
    func summary() -> String { bandwidth.map { "rbf(\(Display.short($0)))" } ?? "rbf()" }
}

/// The divergences (`KL`, `MMD`) and the likelihood metrics (`nll`, `bpd`).
let divergenceBuiltins: [Builtin] = [
    Builtin("KL", [.init("pair"), .init("samples", .number(256))], doc: """
        The Kullback–Leibler divergence KL(p || q). KL(data || model) is the cross-entropy
        −E log q(x) (or −E elbo(x) for latent-variable models), the data's unknown entropy left
        out: minimizing it is maximum likelihood. KL(q || p) with q a model that can sample and
        score is estimated with samples: (256) reparameterized draws per step; p may be
        unnormalized. Shown, it prints its estimate; .estimate(n: 10000) gives value and stderr.
        """) { args, ctx in
        let pair = try pairArgument(args, "KL")
        let samples = try args.int(1)
        guard samples >= 2 else { throw args.error(1, "KL: samples must be at least 2, got \(samples)") }
        let q = Capabilities(of: pair.rhs)
        if isData(pair.lhs) {
            if q.logp { return .object(DivergenceValue(name: "KL", pair: pair, estimator: .crossEntropy, ctx: ctx)) }
            if q.elbo { return .object(DivergenceValue(name: "KL", pair: pair, estimator: .negativeElbo, ctx: ctx)) }
            throw ctx.error("KL(data || \(pair.rhsText)): \(pair.rhsText) has no logp or elbo (it has \(q.listing)); try JS, W1 or MMD",
                            hint: "KL from data needs a density: define fn logp(x) (or fn elbo(x)) in the model")
        }
        if case .object(let pd as DistributionValue) = pair.lhs, case .object(let qd as DistributionValue) = pair.rhs,
           (try? klDivergence(pd.build(ctx), qd.build(ctx))) != nil {
            return .object(DivergenceValue(name: "KL", pair: pair, estimator: .closedForm, ctx: ctx))
        }
        let p = Capabilities(of: pair.lhs)
        guard p.sample, p.logp else {
            throw ctx.error("KL(\(pair.lhsText) || \(pair.rhsText)): the left side must be data, or a model with sample and logp (it has \(p.listing))")
        }
        guard q.logp else {
            throw ctx.error("KL(\(pair.lhsText) || \(pair.rhsText)): \(pair.rhsText) has no logp (it has \(q.listing))",
                            hint: "an unnormalized target is enough: Density(x => ...)")
        }
        return .object(DivergenceValue(name: "KL", pair: pair, estimator: .reverseKL(samples: samples), ctx: ctx))
    },
    Builtin("MMD", [.init("pair"), .init("kernel", .noneValue)], doc: """
        Maximum mean discrepancy MMD²(data || q) with a Gaussian kernel, estimated without bias
        from a batch of data and as many samples of q. kernel: rbf(h); without it, h is the
        median pairwise distance of (the first 1,000 rows of) the data. q needs only sample.
        """) { args, ctx in
        let pair = try pairArgument(args, "MMD")
        guard isData(pair.lhs) else { throw ctx.error("MMD(\(pair.lhsText) || \(pair.rhsText)): the left side must be data") }
        let q = Capabilities(of: pair.rhs)
        guard q.sample else {
            throw ctx.error("MMD(data || \(pair.rhsText)): \(pair.rhsText) has no sample (it has \(q.listing))")
        }
        var h: Double? = nil
        switch args[1] {
        case .none: break
        case .object(let k as KernelValue): h = k.bandwidth
        case let v: throw args.error(1, "MMD: kernel must be rbf(h), got \(v.typeName)")
        }
        // The median heuristic looks at the data once, so every batch uses the same kernel.
        if h == nil { h = try KernelMath.medianDistance(try DataRows.tensor(pair.lhs, ctx, what: "the data")) }
        return .object(DivergenceValue(name: "MMD", pair: pair, estimator: .mmd(bandwidth: h), ctx: ctx))
    },
    Builtin("Fisher", [.init("pair"), .init("noise", .number(0.1))], doc: """
        The Fisher divergence ½ E‖∇log p(x) − score(x)‖² between the data and a model with a
        score(x) method, or an energy(x) method (unnormalized −log p, whose score −∇energy is
        taken by differentiating twice), estimated by denoising score matching with Gaussian
        noise of standard deviation noise: (0.1): the model learns the score of the data
        smoothed by that noise.
        """) { args, ctx in
        let pair = try pairArgument(args, "Fisher")
        guard isData(pair.lhs) else { throw ctx.error("Fisher(\(pair.lhsText) || \(pair.rhsText)): the left side must be data") }
        let q = Capabilities(of: pair.rhs)
        guard q.score || q.energy else {
            throw ctx.error("Fisher(data || \(pair.rhsText)): \(pair.rhsText) has no score or energy (it has \(q.listing))")
        }
        let noise = try args.number(1)
        guard noise > 0, noise.isFinite else { throw args.error(1, "Fisher: noise must be positive, got \(Display.number(noise))") }
        return .object(DivergenceValue(name: "Fisher", pair: pair, estimator: .denoisingScore(noise: noise), ctx: ctx))
    },
    adversarial("JS", doc: """
        The Jensen–Shannon divergence as the GAN game: JS(data || q, critic: net). The critic (a
        network giving one logit per sample) learns to tell data from samples of q while q learns
        to fool it, a step each in turn inside minimize. q needs only sample.
        """),
    adversarial("W1", doc: """
        The Wasserstein-1 distance as the WGAN game: W1(data || q, critic: net). The critic is
        kept 1-Lipschitz by a gradient penalty, penalty · E(‖∇critic(x̂)‖ − 1)² at points between
        data and samples (WGAN-GP, penalty: 10), or, given clip: c, by clipping its weights to
        ±c (the original WGAN). q needs only sample.
        """),
    Builtin("rbf", [.init("h", .noneValue)], doc: "The Gaussian kernel exp(−‖a − b‖² / (2h²)); rbf() picks h by the median heuristic.") { args, _ in
        if case .none = args[0] { return .object(KernelValue(bandwidth: nil)) }
        let h = try args.number(0)
        guard h > 0, h.isFinite else { throw args.error(0, "rbf: h must be positive, got \(Display.number(h))") }
        return .object(KernelValue(bandwidth: h))
    },
    Builtin("mmd", [.init("x"), .init("y"), .init("h", .noneValue)], doc: """
        The unbiased estimate of MMD² between two samples (rows of x and of y) with the Gaussian
        kernel of bandwidth h (default: the median pairwise distance of x). Near 0 when x and y
        come from one distribution.
        """) { args, ctx in
        let x = try DataRows.tensor(args[0], ctx, what: "mmd: x"), y = try DataRows.tensor(args[1], ctx, what: "mmd: y")
        guard (x.shape.first ?? 0) >= 2, (y.shape.first ?? 0) >= 2 else { throw ctx.error("mmd needs at least 2 rows in each sample") }
        var h = try KernelMath.medianDistance(x)
        if case .none = args[2] {} else { h = try args.number(2) }
        let tape = ctx.runtime.tape
        do throws(AutodiffError) {
            return .number(try KernelMath.mmd2(tape.constant(x), tape.constant(y), bandwidth: h).value.scalars[0])
        } catch { throw ctx.error(error.message) }
    },
    Builtin("nll", [.init("q"), .init("data")], doc: "The mean negative log-likelihood of the data under q, in nats per point.") { args, ctx in
        .number(try meanNegativeLogLikelihood(args, ctx, "nll"))
    },
    Builtin("bpd", [.init("q"), .init("data")], doc: """
        Bits per dimension: the mean negative log-likelihood of the data under q divided by
        (the number of dimensions · log 2).
        """) { args, ctx in
        let nats = try meanNegativeLogLikelihood(args, ctx, "bpd")
        let x = try DataRows.tensor(args[1], ctx, what: "bpd: the data")
        let dims = x.rank <= 1 ? 1 : x.count / max(x.shape[0], 1)
        return .number(nats / (Double(dims) * 0.6931471805599453))
    },
]

private func pairArgument(_ args: Arguments, _ name: String) throws -> DivergencePair {
    guard case .object(let pair as DivergencePair) = args[0] else {
        throw args.error(0, "\(name) takes a pair written with ||: \(name)(data || model), got \(args[0].typeName)")
    }
    return pair
}

/// Whether a value is data (rows of samples) rather than a model.
private func isData(_ v: Value) -> Bool {
    switch v {
    case .tensor, .list: return true
    case .object(let o): return o is DatasetValue
    default: return false
    }
}

private func meanNegativeLogLikelihood(_ args: Arguments, _ ctx: CallContext, _ name: String) throws -> Double {
    let x = try DataRows.tensor(args[1], ctx, what: "\(name): the data")
    guard Capabilities(of: args[0]).logp else {
        throw args.error(0, "\(name): \(args[0].typeName) has no logp")
    }
    let lp = try Coerce.tensor(try Invoke.method(args[0], "logp", [Value.from(x)], ctx), at: ctx.span, what: "logp")
    return -(lp.scalars.reduce(0, +) / Double(max(lp.count, 1)))
}

/// JS and W1: adversarial divergences with a critic network.
private func adversarial(_ name: String, doc: String) -> Builtin {
    var parameters: [BuiltinParameter] = [.init("pair"), .init("critic", .noneValue), .init("critic_steps", .number(name == "W1" ? 5 : 1))]
    if name == "W1" { parameters += [.init("penalty", .noneValue), .init("clip", .noneValue)] }
    return Builtin(name, parameters, doc: doc) { args, ctx in
        let pair = try pairArgument(args, name)
        guard isData(pair.lhs) else { throw ctx.error("\(name)(\(pair.lhsText) || \(pair.rhsText)): the left side must be data") }
        let q = Capabilities(of: pair.rhs)
        guard q.sample else { throw ctx.error("\(name)(data || \(pair.rhsText)): \(pair.rhsText) has no sample (it has \(q.listing))") }
        switch args[1] {
        case .model, .function, .builtin, .boundMethod: break
        case .none: throw ctx.error("\(name) needs a critic network: \(name)(data || q, critic: mlp([d, 64, 1]))")
        case let v: throw args.error(1, "\(name): the critic must be a network or function, got \(v.typeName)")
        }
        let estimator: DivergenceValue.Estimator
        if name == "JS" { estimator = .jensenShannon } else { estimator = .wasserstein(try lipschitz(args)) }
        let steps = try args.int(2)
        guard steps >= 1 else { throw args.error(2, "\(name): critic_steps must be at least 1, got \(steps)") }
        let d = DivergenceValue(name: name, pair: pair, estimator: estimator, ctx: ctx)
        d.criticValue = args[1]
        d.criticSteps = steps
        return .object(d)
    }
}

/// W1's Lipschitz constraint from `penalty:` and `clip:` (at most one; the penalty 10 when
/// neither is given).
private func lipschitz(_ args: Arguments) throws -> DivergenceValue.Lipschitz {
    func positive(_ k: Int, _ label: String) throws -> Double {
        let v = try args.number(k)
        guard v > 0, v.isFinite else { throw args.error(k, "W1: \(label) must be positive, got \(Display.number(v))") }
        return v
    }
    switch (args[3], args[4]) {
    case (.none, .none): return .penalty(10)
    case (_, .none): return .penalty(try positive(3, "penalty"))
    case (.none, _): return .clip(try positive(4, "clip"))
    default: throw args.error(4, "W1 takes penalty: or clip:, not both", hint: "penalty: 10 is WGAN-GP; clip: 0.01 is the original weight clipping")
    }
}
