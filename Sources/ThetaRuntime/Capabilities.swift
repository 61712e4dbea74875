import ThetaSyntax
import ThetaTensor

/// What a model or distribution can do, read from the methods it has: divergences choose their
/// estimator from this, and name what would work when something is missing.
struct Capabilities {
    var logp = false, elbo = false, sample = false, energy = false, score = false

    init(of v: Value) {
        let names: [String]
        switch v {
        case .model(let m):
            func has(_ n: String) -> Bool { m.hasMethod(n) }
            logp = has("logp"); elbo = has("elbo"); sample = has("sample"); energy = has("energy"); score = has("score")
            return
        case .object(let o): names = o.memberNames
        default: names = []
        }
        logp = names.contains("logp"); elbo = names.contains("elbo"); sample = names.contains("sample")
        energy = names.contains("energy"); score = names.contains("score")
    }

    /// "logp and sample", "sample" or "nothing a divergence can use".
    var listing: String {
        let have = [("logp", logp), ("elbo", elbo), ("sample", sample), ("energy", energy), ("score", score)]
            .filter(\.1).map(\.0)
        return have.isEmpty ? "none of logp, elbo, sample, energy, score" : have.joined(separator: ", ")
    }
}

/// Calls `value.name(args...)` as a program would.
enum Invoke {
    static func method(_ v: Value, _ name: String, _ args: [Value], _ ctx: CallContext) throws -> Value {
        try Members.callMethod(v, name, positional: args, positionalSpans: args.map { _ in ctx.span },
                               named: [], span: ctx.span, rt: ctx.runtime)
    }
}

/// Data as rows of samples: a tensor ([n] or [n, d]), a list of numbers, or a data set (its
/// numeric columns: [n] for one column, [n, d] for several).
enum DataRows {
    static func tensor(_ v: Value, _ ctx: CallContext, what: String) throws -> Tensor {
        switch v {
        case .tensor(let t): return t
        case .list: return try Coerce.tensor(v, at: ctx.span, what: what)
        case .object(let d as DatasetValue):
            let t = d.data.x
            return t.rank == 2 && t.shape[1] == 1 ? (try? t.reshaped([t.shape[0]])) ?? t : t
        default: break
        }
        throw ctx.error("\(what) must be data (a data set or a tensor whose rows are samples), got \(v.typeName)")
    }
}
