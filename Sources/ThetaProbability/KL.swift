import Foundation
import ThetaAutodiff
import ThetaTensor

/// A pair of families, the key of the closed-form KL table.
public struct KLKey: Hashable, Sendable, CustomStringConvertible {
    public let p: String
    public let q: String
    public init(_ p: String, _ q: String) { self.p = p; self.q = q }
    public var description: String { "KL(\(p) || \(q))" }
}

/// Closed-form `KL(p || q) = E_p[log p − log q]`, keyed by the pair of families (the
/// torch.distributions table). Results have the broadcast batch shape of `p` and `q`.
public enum KL {
    public typealias Rule = @Sendable (any Distribution, any Distribution) throws(ProbabilityError) -> Variable

    /// The pairs with a closed form.
    public static var pairs: [KLKey] { Array(table.keys).sorted { ($0.p, $0.q) < ($1.p, $1.q) } }

    static let table: [KLKey: Rule] = [
        KLKey("Normal", "Normal"): { p, q throws(ProbabilityError) in try normal(cast(p), cast(q)) },
        KLKey("LogNormal", "LogNormal"): { p, q throws(ProbabilityError) in
            let a: LogNormal = try cast(p), b: LogNormal = try cast(q)
            return try normal(Normal(unchecked: a.mu, a.sigma, a.batchShape), Normal(unchecked: b.mu, b.sigma, b.batchShape))
        },
        KLKey("MultivariateNormal", "MultivariateNormal"): { p, q throws(ProbabilityError) in try mvn(cast(p), cast(q)) },
        KLKey("Bernoulli", "Bernoulli"): { p, q throws(ProbabilityError) in try bernoulli(cast(p), cast(q)) },
        KLKey("Categorical", "Categorical"): { p, q throws(ProbabilityError) in try categorical(cast(p), cast(q)) },
        KLKey("Exponential", "Exponential"): { p, q throws(ProbabilityError) in
            let a: Exponential = try cast(p), b: Exponential = try cast(q)
            // log(λp/λq) + λq/λp − 1
            return try ad { () throws(AutodiffError) in
                let r = try b.rate / a.rate
                return try r - r.log() - 1
            }
        },
        KLKey("Gamma", "Gamma"): { p, q throws(ProbabilityError) in
            let a: Gamma = try cast(p), b: Gamma = try cast(q)
            // (αp − αq)ψ(αp) − log Γ(αp) + log Γ(αq) + αq(log βp − log βq) + αp(βq − βp)/βp
            return try ad { () throws(AutodiffError) in
                try (a.shape - b.shape) * a.shape.digamma() - a.shape.lgamma() + b.shape.lgamma()
                    + b.shape * (a.rate.log() - b.rate.log()) + a.shape * (b.rate - a.rate) / a.rate
            }
        },
        KLKey("Beta", "Beta"): { p, q throws(ProbabilityError) in
            let a: Beta = try cast(p), b: Beta = try cast(q)
            return try ad { () throws(AutodiffError) in
                let s = try a.alpha + a.beta
                return try Variable.lbeta(b.alpha, b.beta) - Variable.lbeta(a.alpha, a.beta)
                    + (a.alpha - b.alpha) * a.alpha.digamma() + (a.beta - b.beta) * a.beta.digamma()
                    + (b.alpha - a.alpha + b.beta - a.beta) * s.digamma()
            }
        },
        KLKey("Dirichlet", "Dirichlet"): { p, q throws(ProbabilityError) in
            let a: Dirichlet = try cast(p), b: Dirichlet = try cast(q)
            return try ad { () throws(AutodiffError) in
                let a0 = try a.alpha.sum(axis: -1, keepDims: true)
                return try b.logNormalizer() - a.logNormalizer()
                    + ((a.alpha - b.alpha) * (a.alpha.digamma() - a0.digamma())).sum(axis: -1)
            }
        },
        KLKey("Poisson", "Poisson"): { p, q throws(ProbabilityError) in
            let a: Poisson = try cast(p), b: Poisson = try cast(q)
            // λp(log λp − log λq) − λp + λq
            return try ad { () throws(AutodiffError) in try weighted(a.rate, safeLog(a.rate) - safeLog(b.rate)) - a.rate + b.rate }
        },
        KLKey("Uniform", "Uniform"): { p, q throws(ProbabilityError) in
            let a: Uniform = try cast(p), b: Uniform = try cast(q)
            // log((hq − lq)/(hp − lp)) when [lp, hp] ⊆ [lq, hq], else inf
            return try ad { () throws(AutodiffError) in
                let v = try (b.high - b.low).log() - (a.high - a.low).log()
                let inside = try tensor2 { () throws(TensorError) in
                    let lo = try Tensor.zip(a.low.value, b.low.value, op: "KL") { $0 >= $1 ? 1 : 0 }
                    let hi = try Tensor.zip(a.high.value, b.high.value, op: "KL") { $0 <= $1 ? 1 : 0 }
                    return try Tensor.zip(lo, hi, op: "KL") { $0 * $1 }
                }
                return allOnes(inside) ? v : try Variable.select(where: inside, v, v.tape.scalar(.infinity))
            }
        },
        KLKey("Laplace", "Laplace"): { p, q throws(ProbabilityError) in
            let a: Laplace = try cast(p), b: Laplace = try cast(q)
            // −log(bp/bq) + |μp − μq|/bq + (bp/bq)·exp(−|μp − μq|/bp) − 1
            return try ad { () throws(AutodiffError) in
                let r = try a.b / b.b, d = try (a.mu - b.mu).abs()
                return try r.log().negated() + d / b.b + r * (d / a.b).negated().exp() - 1
            }
        },
        KLKey("Geometric", "Geometric"): { p, q throws(ProbabilityError) in
            let a: Geometric = try cast(p), b: Geometric = try cast(q)
            // −H(p) − ((1 − p)/p)·log1p(−q) − log q
            let h = try a.entropy()
            return try ad { () throws(AutodiffError) in
                try h.negated() - weightedLog1pNeg((1 - a.p) / a.p, b.p) - b.p.log()
            }
        },
        KLKey("Independent", "Independent"): { p, q throws(ProbabilityError) in
            let a: Independent = try cast(p), b: Independent = try cast(q)
            guard a.dims == b.dims else {
                throw ProbabilityError(.shapeMismatch, "KL(Independent || Independent): the event dims differ (\(a.dims) and \(b.dims))")
            }
            guard let inner = try klDivergence(a.base, b.base) else {
                throw ProbabilityError.notAvailable("KL", "(\(a.base.family), \(b.base.family))")
            }
            return try a.reduce(inner)
        },
    ]

    static func cast<D: Distribution>(_ d: any Distribution) throws(ProbabilityError) -> D {
        guard let v = d as? D else {
            throw ProbabilityError(.invalidArgument, "KL: expected \(D.self), got \(d.family)")
        }
        return v
    }

    /// `log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½`.
    static func normal(_ a: Normal, _ b: Normal) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let r = try a.sigma / b.sigma
            let z = try (a.mu - b.mu) / b.sigma
            return try (r.square() + z.square() - 1) * 0.5 - r.log()
        }
    }

    /// `½[tr(Σq⁻¹Σp) + ‖Lq⁻¹(μq − μp)‖² − d + log det Σq − log det Σp]` with
    /// `tr(Σq⁻¹Σp) = ‖Lq⁻¹Lp‖²_F` and `½ log det Σ = Σ log L_ii`.
    static func mvn(_ a: MultivariateNormal, _ b: MultivariateNormal) throws(ProbabilityError) -> Variable {
        guard a.d == b.d else {
            throw ProbabilityError(.shapeMismatch, "KL(MultivariateNormal || MultivariateNormal): dimensions \(a.d) and \(b.d) differ")
        }
        let d = a.d
        return try ad { () throws(AutodiffError) in
            let batch = try tensor2 { () throws(TensorError) in
                try Tensor.broadcastShape(Array(a.scaleTril.shape.dropLast(2)), Array(b.scaleTril.shape.dropLast(2)), op: "KL")
            }
            let lq = try b.scaleTril.expanded(to: batch + [d, d]), lp = try a.scaleTril.expanded(to: batch + [d, d])
            let m = try Variable.solveLower(lq, lp)
            let trace = try m.square().sum(axis: -1).sum(axis: -1)
            let maha = try b.whiten(a.mu - b.mu, b.scaleTril).square().sum(axis: -1)
            let logDet = try b.diagonal(b.scaleTril).log().sum(axis: -1) - a.diagonal(a.scaleTril).log().sum(axis: -1)
            return try (trace + maha - Double(d)) * 0.5 + logDet
        }
    }

    /// `Σ_{x∈{0,1}} P(x)(log P(x) − log Q(x))` with `0·log 0 = 0`.
    static func bernoulli(_ a: Bernoulli, _ b: Bernoulli) throws(ProbabilityError) -> Variable {
        let p = try a.probs()
        return try ad { () throws(AutodiffError) in
            let (a1, a0) = try a.logMasses(), (b1, b0) = try b.logMasses()
            return try weighted(p, a1 - b1) + weighted(1 - p, a0 - b0)
        }
    }

    static func categorical(_ a: Categorical, _ b: Categorical) throws(ProbabilityError) -> Variable {
        guard a.categories == b.categories else {
            throw ProbabilityError(.shapeMismatch, "KL(Categorical || Categorical): \(a.categories) and \(b.categories) categories")
        }
        let p = try a.probs()
        return try ad { () throws(AutodiffError) in try weighted(p, a.logProbsAD() - b.logProbsAD()).sum(axis: -1) }
    }
}

/// `KL(p || q)` in closed form when the table has the pair, else nil.
public func klDivergence(_ p: any Distribution, _ q: any Distribution) throws(ProbabilityError) -> Variable? {
    guard let rule = KL.table[KLKey(p.family, q.family)] else { return nil }
    return try rule(p, q)
}

/// The Monte Carlo estimate `(1/n) Σ [log p(x_i) − log q(x_i)]`, `x_i ~ p`, and its standard
/// error `s/√n` (`s` the sample standard deviation), per batch entry. The estimate is
/// differentiable when `p` is reparameterized.
public func klMonteCarlo(_ p: any Distribution, _ q: any Distribution, n: Int,
                         using rng: inout RandomGenerator) throws(ProbabilityError) -> (estimate: Variable, standardError: Tensor) {
    guard n >= 2 else {
        throw ProbabilityError(.invalidArgument, "klMonteCarlo: needs at least 2 samples, got \(n)")
    }
    let x = try p.sample([n], using: &rng)
    let lp = try p.logp(x), lq = try q.logp(x)
    return try ad { () throws(AutodiffError) in
        let d = try lp - lq
        let mean = try d.mean(axis: 0)
        let dev = try (d.detached() - mean.detached()).square().sum(axis: 0)
        let se = dev.value.mapKernel { ($0 / Double(n - 1) / Double(n)).squareRoot() }
        return (mean, se)
    }
}
