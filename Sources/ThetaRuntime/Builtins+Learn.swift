import ThetaProbability
import ThetaSyntax
import ThetaTensor

/// A constraint as a value: `positive`, `interval(0, 1)`, ... (the second argument of `learn`).
final class ConstraintValue: ThetaObject {
    let constraint: Constraint
    init(_ c: Constraint) { constraint = c }
    var typeName: String { "constraint" }
    func summary() -> String { constraint.description }
}

/// Constants installed as globals beside the builtins (made anew for each interpreter).
enum Constants {
    static func all() -> [(String, Value)] { [
        ("pi", .number(Double.pi)),
        ("e", .number(2.718281828459045)),
        ("inf", .number(.infinity)),
        ("nan", .number(.nan)),
        ("real", .object(ConstraintValue(.real))),
        ("positive", .object(ConstraintValue(.positive))),
        ("unit", .object(ConstraintValue(.unit))),
        ("simplex", .object(ConstraintValue(.simplex))),
    ] }
}

/// `learn`, the constraints that take arguments, and `params`.
let learnBuiltins: [Builtin] = [
    Builtin("learn", [.init("init"), .init("constraint", .noneValue)], doc: """
        A learnable parameter starting at init (a number or tensor), which minimize may change.
        The constraint keeps it where it must live: real (the default), positive, unit (0 to 1),
        simplex, interval(a, b), lower(a). It is stored unconstrained and shown constrained; in
        arithmetic it acts as its value. Example: sigma = learn(1.0, positive)
        """) { args, ctx in
        var constraint = Constraint.real
        switch args[1] {
        case .none: break
        case .object(let o as ConstraintValue): constraint = o.constraint
        case let v:
            throw args.error(1, "learn: the constraint must be real, positive, unit, simplex, interval(a, b) or lower(a), got \(v.typeName)")
        }
        let isScalar: Bool
        switch args[0] {
        case .number: isScalar = true
        case .tensor, .list: isScalar = false
        case .parameter(let p): isScalar = p.isScalar
        case let v: throw args.error(0, "learn: the initial value must be a number or tensor, got \(v.typeName)")
        }
        let initial = try args.tensor(0)
        do throws(ProbabilityError) {
            return .parameter(try LearnableParameter(constrainedValue: initial, constraint: constraint, isScalar: isScalar))
        } catch {
            throw args.error(0, "learn: \(error.message)", hint: "start the parameter inside its constraint")
        }
    },
    Builtin("interval", [.init("low"), .init("high")], doc: "The constraint low < x < high, for learn.") { args, _ in
        let a = try args.number(0), b = try args.number(1)
        guard a.isFinite, b.isFinite, a < b else {
            throw args.error(1, "interval: need finite low < high, got \(Display.number(a)) and \(Display.number(b))")
        }
        return .object(ConstraintValue(.interval(a, b)))
    },
    Builtin("lower", [.init("bound")], doc: "The constraint x > bound, for learn.") { args, _ in
        let a = try args.number(0)
        guard a.isFinite else { throw args.error(0, "lower: the bound must be finite, got \(Display.number(a))") }
        return .object(ConstraintValue(.lower(a)))
    },
    Builtin("params", [.init("x")], doc: """
        The learnable parameters reachable from x (a model, distribution, function, list, ...),
        each once, in the order they are first met.
        """) { args, ctx in
        var collector = ParameterCollector(globals: ctx.runtime.globals)
        collector.visit(args[0])
        return .list(collector.found.map { .parameter($0) })
    },
]
