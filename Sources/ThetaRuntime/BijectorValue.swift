import ThetaAutodiff
import ThetaProbability
import ThetaSyntax
import ThetaTensor

/// A bijector as a value, for `Transformed(base, b)`: the elementwise maps `exp sigmoid tanh
/// softplus` (written as those builtins), `affine(scale, shift)` (whose scale and shift may be
/// learnable) and chains, written as a list applied first to last.
final class BijectorValue: ThetaObject, ParameterHolder {
    indirect enum Recipe {
        case exp, sigmoid, tanh, softplus
        case affine(scale: Value, shift: Value)
        case chain([Recipe])
    }

    let recipe: Recipe
    init(_ r: Recipe) { recipe = r }

    var typeName: String { "bijector" }

    var heldValues: [Value] { Self.values(recipe) }
    private static func values(_ r: Recipe) -> [Value] {
        switch r {
        case .affine(let s, let t): return [s, t]
        case .chain(let rs): return rs.flatMap(values)
        default: return []
        }
    }

    func summary() -> String { Self.describe(recipe) }
    private static func describe(_ r: Recipe) -> String {
        switch r {
        case .exp: return "exp"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softplus: return "softplus"
        case .affine(let s, let t): return "affine(\(Display.brief(s)), \(Display.brief(t)))"
        case .chain(let rs): return "[" + rs.map(describe).joined(separator: ", ") + "]"
        }
    }

    /// The ThetaProbability bijector, its affine scale and shift read now (tracked in a fit).
    func bijector(_ ctx: CallContext) throws -> Bijector { try Self.make(recipe, ctx) }
    private static func make(_ r: Recipe, _ ctx: CallContext) throws -> Bijector {
        switch r {
        case .exp: return .exp
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .softplus: return .softplus
        case .affine(let s, let t):
            return .affine(scale: try Differentiable.variable(s, ctx.runtime, at: ctx.span, what: "affine: scale"),
                           shift: try Differentiable.variable(t, ctx.runtime, at: ctx.span, what: "affine: shift"))
        case .chain(let rs): return .chain(try rs.map { try make($0, ctx) })
        }
    }

    /// A bijector from a value: a BijectorValue, one of the builtins exp / sigmoid / tanh /
    /// softplus, or a list of these (a chain).
    static func from(_ v: Value, _ ctx: CallContext) throws -> Recipe {
        switch v {
        case .object(let b as BijectorValue): return b.recipe
        case .builtin(let b):
            switch b.name {
            case "exp": return .exp
            case "sigmoid": return .sigmoid
            case "tanh": return .tanh
            case "softplus": return .softplus
            default: break
            }
        case .list(let items): return .chain(try items.map { try from($0, ctx) })
        default: break
        }
        throw ctx.error("a bijector must be exp, sigmoid, tanh, softplus, affine(scale, shift) or a list of them, got \(v.typeName)")
    }
}
