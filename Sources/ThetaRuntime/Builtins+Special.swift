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

/// The special functions, one builtin each; a number stays a number. They are not yet
/// differentiable: inside `grad` they are an error rather than a silent zero gradient.
let specialBuiltins: [Builtin] = SpecialFunction.allCases.map { f in
    Builtin(builtinName(f), [.init("x")], doc: specialDocs[f] ?? "\(f.rawValue)(x), elementwise.") { args, ctx in
        switch args[0] {
        case .number(let x): return .number(f.apply(x))
        case .tracked: throw ctx.error("\(builtinName(f)) is not differentiable yet")
        default: return Value.from(try args.tensor(0).apply(f))
        }
    }
}
