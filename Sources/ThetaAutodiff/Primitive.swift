import ThetaTensor

/// The closed set of differentiable operations a tape records.
///
/// A node holds one primitive, up to two input references (`lhs`, `rhs`) and its output value.
/// Attributes an operation needs to be undone in the backward pass ride along as payloads;
/// axes are stored already normalized (non-negative). Every case has exactly one gradient rule
/// in `Tape.propagate` (`Tape+Rules.swift`), an exhaustive `switch`.
public enum Primitive: Sendable, Equatable {
    /// A differentiable input (`Tape.leaf`): no inputs, no rule.
    case leaf

    // Elementwise, broadcasting: `lhs ∘ rhs`.
    case add, sub, mul, div
    /// `lhs ^ rhs`, both differentiable.
    case pow
    /// Elementwise `min(lhs, rhs)` / `max(lhs, rhs)`; at ties the gradient is split evenly.
    case minimum, maximum

    // Elementwise with constant attributes: input `lhs`.
    /// `y = scale·x + shift` (a Double on either side of `+`, `-`, `*`).
    case affine(scale: Double, shift: Double)
    /// `y = x^p` for a constant exponent `p`.
    case powConst(Double)
    /// `y = min(max(x, lower), upper)`; the gradient passes where `lower ≤ x ≤ upper`.
    case clamp(lower: Double, upper: Double)

    // Elementwise functions of one argument: input `lhs`.
    case neg, exp, log, sqrt, abs, tanh, sigmoid, softplus, relu, log1p, expm1, sin, cos, square

    // Special functions of one argument: input `lhs` (values from ThetaTensor's `Special`).
    /// `log |Γ(x)|`; derivative ψ(x).
    case lgamma
    /// ψ(x); derivative ψ₁(x) (trigamma).
    case digamma
    /// erf(x), erfc(x); derivatives ±(2/√π) e^{−x²}.
    case erf, erfc
    /// `log σ(x) = −softplus(−x)`; derivative σ(−x).
    case logSigmoid
    /// `atan x`; derivative 1/(1 + x²).
    case atan
    /// `log B(lhs, rhs)`, broadcasting; derivatives ψ(a) − ψ(a + b), ψ(b) − ψ(a + b).
    case lbeta
    /// The normal log density `−½((x − μ)/σ)² − log √(2π) − log σ` of `x = lhs` under
    /// `μ = rhs` and the scale `σ` (a node or constant reference), in one pass over a
    /// row-and-column broadcast (`Tensor.normalLogDensity`). Derivatives with `z = (x − μ)/σ`:
    /// `−z/σ`, `z/σ`, `(z² − 1)/σ`.
    case normalLogDensity(sigma: Int32)

    /// A value supplied by the caller, differentiable through a known local derivative: the
    /// node's derivative with respect to `lhs` is the constant tensor referenced by `derivative`
    /// (of the output's shape; `lhs` broadcasts to it), and `rhs`, when present, is a node of
    /// the output's shape whose gradient passes through unchanged (so several inputs chain).
    /// Implicit reparameterization and CDFs use it.
    case implicit(derivative: Int32)

    // Linear algebra on the last two axes (leading axes are a batch, equal in both operands).
    /// The lower Cholesky factor `L` of a symmetric positive-definite `A = L·Lᵀ` (only the
    /// lower triangle of `A` is read).
    case cholesky
    /// `X = L⁻¹B` for lower-triangular `lhs = L` `[..., n, n]` and `rhs = B` `[..., n, k]`.
    case triangularSolve

    // Reductions of `lhs` over one axis (nil: every axis).
    case sum(axis: Int?, keepDims: Bool)
    case mean(axis: Int?, keepDims: Bool)
    /// The maximum; the gradient is split evenly among the entries equal to it.
    case max(axis: Int?, keepDims: Bool)
    /// `log Σ e^{x}`, shifted by the maximum.
    case logSumExp(axis: Int?, keepDims: Bool)
    /// `log Σ e^{x}` over the last axis `axis` (a short one, `Tensor.logSumExpWithSoftmax`),
    /// recorded with its derivative, the softmax of `lhs` along that axis, as the constant
    /// referenced by `softmax` (of `lhs`'s shape). Gradient: `g` repeated along the axis
    /// times the softmax, with no `exp` recomputed. Same value as `logSumExp`.
    case logSumExpWithSoftmax(axis: Int, keepDims: Bool, softmax: Int32)
    case softmax(axis: Int)
    case logSoftmax(axis: Int)

    // Linear algebra and shapes.
    /// NumPy `matmul` of `lhs` and `rhs` (1-d, 2-d and batched with broadcast batch axes).
    case matmul
    /// `lhs @ rhs + bias` in one product (`Tensor.matmulAdd`, a dense layer's affine map):
    /// `lhs` of rank ≥ 2, `rhs` one matrix, and `bias` (a node or constant reference) of a
    /// shape that broadcasts to the product's without changing it (`Tensor.fusesBias`).
    /// Gradients: the product's for `lhs` and `rhs`, the output gradient summed over the
    /// broadcast axes for `bias`.
    case matmulAdd(bias: Int32)
    /// Result axis `i` is input axis `permutation[i]`.
    case transpose(permutation: [Int])
    case reshape
    /// `broadcast_to` the output's shape.
    case broadcast
    /// Joins `inputs` (node or constant references) along an existing axis.
    case concat(axis: Int, inputs: [Int32])
    /// Stacks `inputs` along a new axis.
    case stack(axis: Int, inputs: [Int32])
    /// Basic (NumPy) indexing: positions, slices, whole axes, new axes.
    case index([TensorIndex])
    /// Entries of `lhs` along `axis` at the integral index tensor referenced by `rhs`.
    case gather(axis: Int)
    /// `condition ≠ 0 ? lhs : rhs`, all broadcast; `condition` references a constant.
    case select(condition: Int32)

    // The adjoints of indexing, so that a gradient can itself be differentiated.
    /// Zeros of the output's shape with `lhs` written at the basic-index region `items`: the
    /// adjoint of `index(items)` (each selects what the other writes).
    case embed([TensorIndex])
    /// Zeros of the output's shape with the entries of `lhs` added along `axis` at the
    /// integral index tensor referenced by `rhs` (repeats accumulate): the adjoint of `gather`.
    case scatterAdd(axis: Int)

    /// The operation's name as error messages show it.
    public var name: String {
        switch self {
        case .leaf: return "leaf"
        case .add: return "+"
        case .sub: return "-"
        case .mul: return "*"
        case .div: return "/"
        case .pow, .powConst: return "^"
        case .minimum: return "minimum"
        case .maximum: return "maximum"
        case .affine: return "affine"
        case .clamp: return "clamp"
        case .neg: return "neg"
        case .exp: return "exp"
        case .log: return "log"
        case .sqrt: return "sqrt"
        case .abs: return "abs"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .softplus: return "softplus"
        case .relu: return "relu"
        case .log1p: return "log1p"
        case .expm1: return "expm1"
        case .sin: return "sin"
        case .cos: return "cos"
        case .square: return "square"
        case .lgamma: return "lgamma"
        case .digamma: return "digamma"
        case .erf: return "erf"
        case .erfc: return "erfc"
        case .logSigmoid: return "log_sigmoid"
        case .atan: return "atan"
        case .lbeta: return "lbeta"
        case .normalLogDensity: return "normal_logp"
        case .implicit: return "implicit"
        case .cholesky: return "cholesky"
        case .triangularSolve: return "triangular_solve"
        case .sum: return "sum"
        case .mean: return "mean"
        case .max: return "max"
        case .logSumExp, .logSumExpWithSoftmax: return "logsumexp"
        case .softmax: return "softmax"
        case .logSoftmax: return "log_softmax"
        case .matmul: return "@"
        case .matmulAdd: return "matmul_add"
        case .transpose: return "transpose"
        case .reshape: return "reshape"
        case .broadcast: return "broadcast_to"
        case .concat: return "concat"
        case .stack: return "stack"
        case .index: return "index"
        case .gather: return "gather"
        case .select: return "where"
        case .embed: return "index (adjoint)"
        case .scatterAdd: return "scatter_add"
        }
    }
}
