import ThetaAutodiff
import ThetaTensor

/// Documentation of each special function builtin.
private let specialDocs: [SpecialFunction: String] = [
    .lgamma: "log |Γ(x)|, elementwise.",
    .digamma: "ψ(x) = d/dx log Γ(x), elementwise.",
    .trigamma: "ψ'(x), the derivative of digamma, elementwise.",
    .erf: "The error function 2/√π ∫₀ˣ e^(-t²) dt, elementwise.",
    .erfc: "1 - erf(x), accurate far into the right tail.",
    .erfinv: "The inverse of erf on (-1, 1).",
    .erfcinv: "The inverse of erfc on (0, 2).",
    .logSigmoid: "log(sigmoid(x)) without underflow.",
    .logit: "log(p / (1 - p)), the inverse of sigmoid.",
]

/// The builtin name of each special function (Theta spells them in snake case).
private func builtinName(_ f: SpecialFunction) -> String {
    switch f {
    case .logSigmoid: return "log_sigmoid"
    default: return f.rawValue
    }
}

/// The special functions, one builtin each; a number stays a number. lgamma, digamma, erf,
/// erfc and log_sigmoid are differentiable; the others, inside `grad` or a fit, are an error
/// rather than a silent zero gradient.
let specialBuiltins: [Builtin] = SpecialFunction.allCases.map { f in
    Builtin(builtinName(f), [.init("x")], doc: specialDocs[f] ?? "\(f.rawValue)(x), elementwise.") { args, ctx in
        switch args[0] {
        case .number(let x): return .number(f.apply(x))
        case .tracked, .parameter:
            let x = try Differentiable.variable(args[0], ctx.runtime, at: args.spans[0], what: builtinName(f))
            if !x.isTracked { return Value.from(x.value.apply(f)) }
            return try Differentiable.recording(ctx.runtime, ctx.span) { () throws(AutodiffError) in
                switch f {
                case .lgamma: return try x.lgamma()
                case .digamma: return try x.digamma()
                case .erf: return try x.erf()
                case .erfc: return try x.erfc()
                case .logSigmoid: return try x.logSigmoid()
                case .trigamma, .erfinv, .erfcinv, .logit:
                    throw AutodiffError(.forward, operation: builtinName(f),
                                        message: "\(builtinName(f)) is not differentiable yet", origin: nil)
                }
            }
        default: return Value.from(try args.tensor(0).apply(f))
        }
    }
}
