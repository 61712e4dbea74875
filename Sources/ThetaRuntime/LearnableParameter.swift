import ThetaAutodiff
import ThetaProbability
import ThetaSyntax
import ThetaTensor

/// A learnable parameter, `learn(init, constraint)`: stored unconstrained (any real value) and
/// read through its constraint's transform, so an optimizer may move it freely and the value a
/// program sees always satisfies the constraint. Shared by reference: a model that holds it and
/// a fit that changes it see the same parameter.
///
/// In arithmetic a parameter acts as its constrained value. While a fit is taking a step
/// (`Runtime.fitToken` equals `fitToken`), reading it gives the constrained value recorded on
/// the tape from a leaf holding the unconstrained value, so gradients reach the leaf.
public final class LearnableParameter {
    public let constraint: Constraint
    /// The map from unconstrained values onto the constraint's set (ThetaProbability's).
    let bijector: Bijector
    /// Whether `learn` was given a number (the value reads back as a number, not a tensor).
    let isScalar: Bool
    /// The unconstrained value the optimizer moves.
    public internal(set) var unconstrained: Tensor {
        didSet { cachedValue = nil }
    }
    private var cachedValue: Tensor?

    /// The fit step this parameter is a leaf of, with its leaf and (once read) constrained value.
    var fitToken = -1
    var leaf: Variable?
    var constrainedOnTape: Variable?

    /// - Throws: when `constrainedValue` is not in the constraint's set (the message names the
    ///   constraint), or the constraint has no bijector (a discrete set).
    init(constrainedValue: Tensor, constraint: Constraint, isScalar: Bool) throws(ProbabilityError) {
        guard let b = constraint.bijector else {
            throw ProbabilityError(.invalidArgument, "a parameter cannot be \(constraint): there is no smooth map onto it")
        }
        if let i = constraint.firstViolation(constrainedValue) {
            let shown = constrainedValue.count == 1 ? Display.number(constrainedValue.scalars[i])
                : "\(Display.number(constrainedValue.scalars[i])) (element \(i))"
            throw ProbabilityError(.invalidParameter, "the value \(shown) is not \(constraint)")
        }
        self.constraint = constraint
        self.bijector = b
        self.isScalar = isScalar
        self.unconstrained = try b.inverse(constrainedValue)
    }

    /// The constrained value.
    public var value: Tensor {
        if let v = cachedValue { return v }
        // Computed on a scratch tape: nothing is recorded for an untracked input.
        let v = (try? bijector.forward(Tape().constant(unconstrained)).value) ?? unconstrained
        cachedValue = v
        return v
    }

    /// The constrained value as a program sees it outside a fit.
    var plain: Value { isScalar ? .number(value.scalars.first ?? .nan) : Value.from(value) }
}

extension Runtime {
    /// A parameter read as a number or tensor: tracked on the tape while a fit step that owns it
    /// is running, otherwise its constrained value.
    func resolve(_ p: LearnableParameter, at span: Span) throws -> Value {
        guard p.fitToken == fitToken, let leaf = p.leaf else { return p.plain }
        if let v = p.constrainedOnTape { return .tracked(Tracked(v)) }
        tape.currentOrigin = origins.tag(span)
        do {
            var v = try p.bijector.forward(leaf)
            if p.isScalar { v = try v.reshaped([]) }
            p.constrainedOnTape = v
            return .tracked(Tracked(v))
        } catch let e as ProbabilityError {
            throw Diagnostic(.runtime, e.message, at: span)
        } catch let e as AutodiffError {
            throw Diagnostic(.runtime, e.message, at: span)
        }
    }

    /// `v` with a parameter replaced by its value (see `resolve(_:at:)`); other values as they are.
    @inline(__always)
    func numeric(_ v: Value, at span: Span) throws -> Value {
        if case .parameter(let p) = v { return try resolve(p, at: span) }
        return v
    }
}
