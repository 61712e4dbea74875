import ThetaAutodiff
import ThetaProbability
import ThetaSyntax
import ThetaTensor

/// A distribution as a value: `Normal(mu, sigma)`, `Mixture(w, components)`, ...
///
/// It keeps the arguments as the program gave them (numbers, tensors, learnable parameters,
/// other distributions, functions) and builds the ThetaProbability distribution from their
/// current values at each use, so a fit that moves a parameter moves the distribution, and
/// gradients flow through `logp` and reparameterized `sample` to the parameters.
final class DistributionValue: ThetaObject, ParameterHolder {
    enum Form {
        /// A family of the table, with labelled or positional arguments.
        case family(String, [(label: String?, value: Value)])
        case mixture(weights: Value, components: [DistributionValue])
        case independent(DistributionValue, dims: Int)
        case transformed(DistributionValue, BijectorValue)
        case density(Value)
    }

    let form: Form
    /// For fields read without a call (`d.mean`): the runtime and the span of the constructor.
    private weak var runtime: Runtime?
    private let span: Span

    init(_ form: Form, ctx: CallContext) {
        self.form = form
        self.runtime = ctx.runtime
        self.span = ctx.span
    }

    var name: String {
        switch form {
        case .family(let f, _): return f
        case .mixture: return "Mixture"
        case .independent: return "Independent"
        case .transformed: return "Transformed"
        case .density: return "Density"
        }
    }

    var typeName: String { "distribution" }

    var heldValues: [Value] {
        switch form {
        case .family(_, let args): return args.map(\.value)
        case .mixture(let w, let cs): return [w] + cs.map { .object($0) }
        case .independent(let d, _): return [.object(d)]
        case .transformed(let d, let b): return [.object(d)] + b.heldValues
        case .density(let f): return [f]
        }
    }

    /// Builds the distribution from the arguments' current values (recorded on the tape when a
    /// fit or `grad` is running).
    func build(_ ctx: CallContext, validate: Bool = false) throws -> any Distribution {
        let rt = ctx.runtime
        func variable(_ v: Value, _ what: String) throws -> Variable {
            try Differentiable.variable(v, rt, at: ctx.span, what: "\(name): \(what)")
        }
        do {
            switch form {
            case .family(let family, let args):
                let vs = try args.enumerated().map { i, a in (label: a.label, value: try variable(a.value, a.label ?? "argument \(i + 1)")) }
                return try Families.make(family, vs, validate: validate)
            case .mixture(let w, let cs):
                let weights = try variable(w, "weights")
                let built = try cs.map { try $0.build(ctx, validate: validate) }
                if built.count == 1 { return try Mixture(weights: weights, component: built[0], validate: validate) }
                return try Mixture(weights: weights, components: built, validate: validate)
            case .independent(let d, let dims):
                return try Independent(try d.build(ctx, validate: validate), dims: dims)
            case .transformed(let d, let b):
                return try Transformed(try d.build(ctx, validate: validate), try b.bijector(ctx))
            case .density(let f):
                return Density(on: rt.tape) { x in
                    let y = try Calls.callValue(f, [Differentiable.value(x)], ctx: ctx)
                    return try Differentiable.variable(y, rt, at: ctx.span, what: "Density: the value of the function")
                }
            }
        } catch let e as ProbabilityError {
            throw Diagnostic(.runtime, e.message, at: ctx.span)
        }
    }

    var memberNames: [String] {
        var names = ["logp", "sample", "cdf", "mean", "variance", "stddev", "entropy", "batch_shape", "event_shape"]
        if case .density = form { names = ["logp"] }
        if case .family(let f, _) = form, let spec = Families.spec(f) {
            for form in spec.forms { for p in form where !names.contains(p.name) { names.append(p.name) } }
        }
        return names
    }

    private func context() throws -> CallContext {
        guard let rt = runtime else { throw Diagnostic(.runtime, "this distribution outlived its program", at: nil) }
        return CallContext(runtime: rt, span: span)
    }

    func field(_ name: String) throws -> Value? {
        switch name {
        case "mean", "variance", "stddev", "entropy", "batch_shape", "event_shape":
            let ctx = try context()
            let d = try build(ctx)
            do {
                switch name {
                case "mean": return Differentiable.value(try d.mean())
                case "variance": return Differentiable.value(try d.variance())
                case "stddev": return Differentiable.value(try d.stddev())
                case "entropy": return Differentiable.value(try d.entropy())
                case "batch_shape": return .list(d.batchShape.map { .number(Double($0)) })
                default: return .list(d.eventShape.map { .number(Double($0)) })
                }
            } catch { throw Diagnostic(.runtime, error.message, at: ctx.span) }
        default:
            // A parameter by name: the argument given for it (the constructors label every one).
            if case .family(_, let args) = form, let given = args.first(where: { $0.label == name }) {
                return given.value
            }
            return nil
        }
    }

    func callMethod(_ name: String, _ args: Arguments, _ ctx: CallContext) throws -> Value? {
        switch name {
        case "logp", "cdf":
            guard args.values.count == 1 else { throw ctx.error("\(name) takes one argument x") }
            let d = try build(ctx)
            let x = try Differentiable.variable(args.values[0], ctx.runtime, at: args.spans.first ?? ctx.span, what: "\(name): x")
            do {
                return Differentiable.value(name == "logp" ? try d.logp(x) : try d.cdf(x))
            } catch { throw Diagnostic(.runtime, error.message, at: ctx.span) }
        case "sample":
            let shape: [Int]
            switch args.values.count {
            case 0: shape = []
            case 1: shape = try shapeArgument([args.values[0]], [args.spans[0]], ctx)
            default: throw ctx.error("sample takes a count or a shape: sample(100) or sample([10, 2])")
            }
            let d = try build(ctx)
            do {
                return Differentiable.value(try d.sample(shape, using: &ctx.runtime.rng))
            } catch { throw Diagnostic(.runtime, error.message, at: ctx.span) }
        default:
            return nil
        }
    }

    /// `Normal(mu: 3.488, sigma: 1.139)`: the family and its parameters' current values.
    func summary() -> String {
        switch form {
        case .family(let f, let args):
            guard let spec = Families.spec(f) else { return f }
            let labels = args.compactMap(\.label)
            let form = spec.forms.first { fm in labels.allSatisfy { l in fm.contains { $0.name == l } } } ?? spec.forms[0]
            var positional = args.filter { $0.label == nil }.makeIterator()
            var parts: [String] = []
            for p in form {
                let v = args.first { $0.label == p.name }?.value ?? positional.next()?.value
                if let v { parts.append("\(p.name): \(Display.brief(v))") }
            }
            return "\(f)(\(parts.joined(separator: ", ")))"
        case .mixture(let w, let cs):
            return "Mixture(weights: \(Display.brief(w)), components: \(cs.count == 1 ? cs[0].summary() : "[" + cs.map { $0.summary() }.joined(separator: ", ") + "]"))"
        case .independent(let d, let dims): return "Independent(\(d.summary()), dims: \(dims))"
        case .transformed(let d, let b): return "Transformed(\(d.summary()), \(b.summary()))"
        case .density: return "Density(logp)"
        }
    }
}
