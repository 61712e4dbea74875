import ThetaTensor

/// Documentation of each elementwise function of one argument.
private let unaryDocs: [UnaryFunction: String] = [
    .exp: "e^x, elementwise.", .log: "Natural logarithm, elementwise (log of a negative is nan, log(0) is -inf).",
    .sqrt: "Square root, elementwise (nan for negatives).", .abs: "Absolute value, elementwise.",
    .sin: "Sine (radians), elementwise.", .cos: "Cosine (radians), elementwise.", .tan: "Tangent (radians), elementwise.",
    .tanh: "Hyperbolic tangent, elementwise.", .sigmoid: "1 / (1 + e^-x), elementwise, stable on both tails.",
    .relu: "max(x, 0), elementwise.", .softplus: "log(1 + e^x), elementwise, exact for large |x|.",
    .log1p: "log(1 + x), accurate for small x.", .expm1: "e^x - 1, accurate for small x.",
    .floor: "Largest whole number ≤ x.", .ceil: "Smallest whole number ≥ x.",
    .round: "Nearest whole number, halves to even (round(2.5) = 2).", .sign: "-1, 0 or 1 by the sign of x.",
    .square: "x², elementwise.", .reciprocal: "1 / x, elementwise.",
]

/// The elementwise functions, one builtin each; a number stays a number.
let mathBuiltins: [Builtin] = UnaryFunction.allCases.filter { $0 != .neg }.map { f in
    Builtin(f.rawValue, [.init("x")], doc: unaryDocs[f] ?? "\(f.rawValue)(x), elementwise.") { args, ctx in
        switch args[0] {
        case .number(let x): return .number(f.apply(x))
        case .tracked(let t): return try Differentiable.unary(f, t, span: ctx.span, rt: ctx.runtime)
        case .parameter(let p):
            switch try ctx.runtime.resolve(p, at: ctx.span) {
            case .tracked(let t): return try Differentiable.unary(f, t, span: ctx.span, rt: ctx.runtime)
            case .number(let x): return .number(f.apply(x))
            default: return Value.from(p.value.apply(f))
            }
        default: return Value.from(try args.tensor(0).apply(f))
        }
    }
}
