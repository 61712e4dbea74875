import ThetaTensor

/// A value computed on a `Tape`: the tensor, the tape, and the node that produced it
/// (`index`, or -1 when untracked: a constant, or a result computed without recording).
///
/// Operations on variables (`x * w + b`, `x.tanh()`, `Variable.matmul(a, b)`, ...) compute the
/// value at once and record a node when an operand is tracked. They throw `AutodiffError`
/// (kind `.forward`) when the operands do not fit, naming the operation and both shapes.
public struct Variable {
    public let value: Tensor
    public let tape: Tape
    /// The node index on `tape`, or -1 when untracked.
    public let index: Int32
    @usableFromInline let epoch: Int32

    @inlinable
    init(value: Tensor, tape: Tape, index: Int32, epoch: Int32) {
        self.value = value
        self.tape = tape
        self.index = index
        self.epoch = epoch
    }

    @inlinable
    init(untracked value: Tensor, tape: Tape) {
        self.value = value
        self.tape = tape
        self.index = -1
        self.epoch = 0
    }

    @inlinable public var shape: [Int] { value.shape }
    @inlinable public var scalars: [Double] { value.scalars }
    /// Whether gradients flow through this variable (it is a recorded node).
    @inlinable public var isTracked: Bool { index >= 0 }

    /// The same value, untracked (PyTorch `detach`).
    public func detached() -> Variable { Variable(untracked: value, tape: tape) }
}
