import ThetaAutodiff
import ThetaTensor

/// An error from building or using a distribution, constraint or bijector: what kind, and a
/// message that names the family, the parameter, its value or shape, and the constraint
/// ("Normal: sigma must be positive, got -1"). The runtime turns it into a located
/// diagnostic; `origin` carries the tape origin tag when the error arose in a tape operation.
public struct ProbabilityError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A parameter violates its constraint.
        case invalidParameter
        /// Parameter or argument shapes do not fit together.
        case shapeMismatch
        /// The quantity has no closed form (or is undefined) for the family.
        case notAvailable
        /// A bad argument other than a parameter: an unknown family or parameter name, a
        /// missing or repeated argument, a bad sample shape.
        case invalidArgument
        /// A tape or tensor operation failed underneath (the message is the operation's).
        case numeric
    }

    public let kind: Kind
    public let message: String
    /// The tape origin tag of the operation that failed, when there is one.
    public let origin: Int32?

    public init(_ kind: Kind, _ message: String, origin: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.origin = origin
    }

    /// `what` (cdf, mean, variance, entropy, sample, ...) has no closed form for `family`.
    public static func notAvailable(_ what: String, _ family: String) -> ProbabilityError {
        ProbabilityError(.notAvailable, "\(family) has no closed-form \(what)")
    }

    /// Wraps an autodiff error, keeping its message and origin.
    public init(_ error: AutodiffError) {
        self.init(.numeric, error.message, origin: error.origin)
    }

    /// Wraps a tensor error, prefixed with the family or operation concerned.
    public init(_ error: TensorError, _ context: String) {
        self.init(.numeric, "\(context): \(error.message)")
    }

    public var description: String { message }
}

/// Runs tape code, turning its `AutodiffError` into a `ProbabilityError`.
@inline(__always)
func ad<R>(_ body: () throws(AutodiffError) -> R) throws(ProbabilityError) -> R {
    do { return try body() } catch { throw ProbabilityError(error) }
}

/// Runs tensor code, turning its `TensorError` into a `ProbabilityError` naming `context`.
@inline(__always)
func tensor<R>(_ context: String, _ body: () throws(TensorError) -> R) throws(ProbabilityError) -> R {
    do { return try body() } catch { throw ProbabilityError(error, context) }
}
