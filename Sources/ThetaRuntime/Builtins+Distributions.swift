import ThetaProbability
import ThetaSyntax

/// One constructor per family of the table (`Normal`, `Bernoulli`, ...), the combinators
/// (`Mixture`, `Independent`, `Transformed`, `Density`) and `affine` for bijectors.
let distributionBuiltins: [Builtin] = Families.all.map(familyBuiltin) + [
    Builtin("Mixture", [.init("weights"), .init("components")], doc: """
        A mixture: with probability weights[k], a draw of component k. components is a list of
        distributions, or one distribution whose last batch axis indexes the components
        (Normal(mus, sigmas) with mus of shape [K]).
        """) { args, ctx in
        let components: [DistributionValue]
        switch args[1] {
        case .object(let d as DistributionValue): components = [d]
        case .list(let items):
            components = try items.map { item in
                guard case .object(let d as DistributionValue) = item else {
                    throw args.error(1, "Mixture: every component must be a distribution, got \(item.typeName)")
                }
                return d
            }
        case let v: throw args.error(1, "Mixture: components must be a distribution or a list of them, got \(v.typeName)")
        }
        return try validated(DistributionValue(.mixture(weights: args[0], components: components), ctx: ctx), ctx)
    },
    Builtin("Independent", [.init("d"), .init("dims", .number(1))], doc: """
        Treats the last dims batch axes of d as one event: logp sums over them.
        """) { args, ctx in
        guard case .object(let d as DistributionValue) = args[0] else {
            throw args.error(0, "Independent: d must be a distribution, got \(args[0].typeName)")
        }
        return try validated(DistributionValue(.independent(d, dims: try args.int(1)), ctx: ctx), ctx)
    },
    Builtin("Transformed", [.init("base"), .init("bijector")], doc: """
        The distribution of b(x) for x ~ base, with the change-of-variables log-density.
        bijector: exp, sigmoid, tanh, softplus, affine(scale, shift), or a list of them
        applied first to last. Example: Transformed(Normal(0, 1), exp) is LogNormal(0, 1).
        """) { args, ctx in
        guard case .object(let d as DistributionValue) = args[0] else {
            throw args.error(0, "Transformed: base must be a distribution, got \(args[0].typeName)")
        }
        let b = BijectorValue(try BijectorValue.from(args[1], ctx))
        return try validated(DistributionValue(.transformed(d, b), ctx: ctx), ctx)
    },
    Builtin("Density", [.init("logp")], doc: """
        An unnormalized distribution given by its log-density function, as the target p of
        KL(q || p). It has logp and nothing else.
        """) { args, ctx in
        switch args[0] {
        case .function, .builtin, .boundMethod: break
        case let v: throw args.error(0, "Density: logp must be a function of x, got \(v.typeName)")
        }
        return .object(DistributionValue(.density(args[0]), ctx: ctx))
    },
    Builtin("affine", [.init("scale"), .init("shift", .number(0))], doc: "The bijector x ↦ scale·x + shift, for Transformed.") { args, _ in
        .object(BijectorValue(.affine(scale: args[0], shift: args[1])))
    },
]

/// The constructor of one family: its parameters are the names of all its forms, each
/// optional here; the family table resolves which form was meant and validates the values.
private func familyBuiltin(_ spec: FamilySpec) -> Builtin {
    var names: [String] = []
    for form in spec.forms { for p in form where !names.contains(p.name) { names.append(p.name) } }
    let forms = spec.forms.map { "\(spec.name)(\($0.map(\.name).joined(separator: ", ")))" }.joined(separator: " or ")
    return Builtin(spec.name, names.map { BuiltinParameter($0, .noneValue) }, doc: """
        \(spec.summary). \(forms); parameters may be numbers, tensors (batches) or learn(...) parameters.
        """) { args, ctx in
        var given: [(label: String?, value: Value)] = []
        for (i, name) in names.enumerated() where args.given[i] {
            given.append((label: name, value: args[i]))
        }
        return try validated(DistributionValue(.family(spec.name, given), ctx: ctx), ctx)
    }
}

/// Builds the distribution once with validation, so a bad parameter is an error where the
/// distribution is made.
private func validated(_ d: DistributionValue, _ ctx: CallContext) throws -> Value {
    _ = try d.build(ctx, validate: true)
    return .object(d)
}
