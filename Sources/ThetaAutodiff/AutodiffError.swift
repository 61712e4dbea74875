import ThetaTensor

/// An error from recording or differentiating: what went wrong, in which operation, and the
/// origin tag of the node concerned (`Tape.currentOrigin` when it was recorded), which the
/// language maps back to a source span.
public struct AutodiffError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A forward operation rejected its operands (shapes, axes, indices).
        case forward
        /// A gradient did not fit its node's shape in the backward pass (including a seed of
        /// the wrong shape).
        case backwardShape
        /// A gradient rule produced NaN or ±inf while `Tape.checksFiniteGradients` was on.
        case nonFiniteGradient
        /// `gradient(of:)` of a tensor with more than one element needs a seed.
        case seedRequired
        /// Variables from two different tapes met in one operation.
        case foreignVariable
        /// A variable recorded before `Tape.reset()` was used afterwards.
        case staleVariable
        /// The tape holds the largest number of nodes an `Int32` index can name.
        case tapeFull
        /// A recorded backward pass (`differentiableGradient`) met a primitive whose gradient
        /// rule has no recorded form, so the gradient could not be differentiated again.
        case notTwiceDifferentiable
    }

    public let kind: Kind
    /// The primitive's name (`Primitive.name`), or the API call for errors outside a node.
    public let operation: String
    public let message: String
    /// The origin tag of the node where the error arose, or nil when no node is concerned.
    public let origin: Int32?

    public init(_ kind: Kind, operation: String, message: String, origin: Int32?) {
        self.kind = kind
        self.operation = operation
        self.message = message
        self.origin = origin
    }

    public var description: String { message }
}
