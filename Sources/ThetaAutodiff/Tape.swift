import ThetaTensor

/// The recorded nodes as a struct of arrays, all indexed by node.
///
/// Node `i` computed `values[i]` by `ops[i]` from the inputs `lhs[i]` and `rhs[i]`. An input
/// reference `r ≥ 0` names node `r`; `r < 0` (other than `Tape.noInput`) names the constant
/// `constants[-r - 1]`, a value that takes part but receives no gradient. The output value
/// doubles as the value saved for the backward pass, so a node allocates nothing beyond it.
@usableFromInline
struct NodeStorage {
    @usableFromInline var ops: [Primitive] = []
    @usableFromInline var lhs: [Int32] = []
    @usableFromInline var rhs: [Int32] = []
    @usableFromInline var origins: [Int32] = []
    @usableFromInline var values: [Tensor] = []
    @usableFromInline var constants: [Tensor] = []

    @usableFromInline init() {}

    @inlinable
    mutating func append(_ op: Primitive, _ value: Tensor, _ a: Int32, _ b: Int32, origin: Int32) {
        ops.append(op)
        lhs.append(a)
        rhs.append(b)
        origins.append(origin)
        values.append(value)
    }

    mutating func reserve(_ n: Int) {
        ops.reserveCapacity(n)
        lhs.reserveCapacity(n)
        rhs.reserveCapacity(n)
        origins.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    mutating func removeAll() {
        ops.removeAll(keepingCapacity: true)
        lhs.removeAll(keepingCapacity: true)
        rhs.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        constants.removeAll(keepingCapacity: true)
    }
}

/// A reverse-mode tape: operations on its `Variable`s are recorded while `isRecording`, and
/// `gradient(of:wrt:seed:)` runs the backward pass over them.
///
/// An operation is recorded only when at least one operand is tracked (a leaf with
/// `requiresGrad`, or a result of recorded operations); otherwise its result is an untracked
/// variable that costs the tape nothing. Untracked operands of a recorded operation are kept
/// as constants. Not thread-safe: one tape belongs to one thread.
public final class Tape {
    // Exclusivity is not checked dynamically on the tape's state: a tape belongs to one
    // thread, and no access to it overlaps another (appends and reads are sequential).
    @exclusivity(unchecked) @usableFromInline var nodes = NodeStorage()
    /// Copied into every node recorded from now on: an opaque tag the caller maps to a source
    /// location. Errors about a node carry its tag.
    @exclusivity(unchecked) public var currentOrigin: Int32 = 0
    /// False inside `withoutRecording`.
    @exclusivity(unchecked) public private(set) var isRecording = true
    /// When on, the backward pass checks every gradient a rule produces and throws
    /// `.nonFiniteGradient` with the node's origin at the first NaN or infinity.
    public var checksFiniteGradients = false
    /// Incremented by `reset()`; variables of an earlier epoch are rejected.
    @usableFromInline private(set) var epoch: Int32 = 0
    /// Set when a leaf could not be recorded because the tape was full.
    @usableFromInline var overflowed = false

    /// The input reference of a node without that input.
    @usableFromInline static let noInput = Int32.min
    /// The most nodes (and constants) one tape holds.
    @usableFromInline static let capacityLimit = Int(Int32.max) - 1

    /// A tape, optionally with room for `reservingCapacity` nodes.
    public init(reservingCapacity: Int = 0) {
        if reservingCapacity > 0 { nodes.reserve(Swift.min(reservingCapacity, Tape.capacityLimit)) }
    }

    /// The number of recorded nodes.
    public var count: Int { nodes.values.count }

    /// The primitive and origin tag of node `index`, or nil when there is no such node.
    public func node(_ index: Int32) -> (primitive: Primitive, origin: Int32)? {
        let i = Int(index)
        guard i >= 0, i < nodes.ops.count else { return nil }
        return (nodes.ops[i], nodes.origins[i])
    }

    /// A variable holding `value`. With `requiresGrad` it is a leaf node that gradients flow
    /// into (recorded even inside `withoutRecording`, so a leaf is always a leaf); without, an
    /// untracked constant.
    public func leaf(_ value: Tensor, requiresGrad: Bool = true) -> Variable {
        guard requiresGrad else { return Variable(untracked: value, tape: self) }
        guard nodes.values.count < Tape.capacityLimit else {
            overflowed = true
            return Variable(untracked: value, tape: self)
        }
        nodes.append(.leaf, value, Tape.noInput, Tape.noInput, origin: currentOrigin)
        return Variable(value: value, tape: self, index: Int32(nodes.values.count - 1), epoch: epoch)
    }

    /// An untracked variable: takes part in operations, receives no gradient.
    public func constant(_ value: Tensor) -> Variable { Variable(untracked: value, tape: self) }

    /// Runs `body` with recording off: operations compute values and record nothing (their
    /// results are untracked). Nests; the previous state is restored on exit or throw.
    public func withoutRecording<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        let saved = isRecording
        isRecording = false
        defer { isRecording = saved }
        return try body()
    }

    /// Forgets every node, keeping the storage for reuse. Variables recorded before are stale:
    /// using them in an operation or asking for their gradient throws `.staleVariable`.
    public func reset() {
        nodes.removeAll()
        epoch &+= 1
        overflowed = false
    }

    // MARK: - Recording

    /// Throws unless `v` belongs to this tape and, if tracked, to the current epoch.
    @inlinable @inline(__always)
    func check(_ v: Variable, _ op: Primitive) throws(AutodiffError) {
        guard v.tape === self else {
            throw AutodiffError(.foreignVariable, operation: op.name,
                                message: "\(op.name): the operands belong to different tapes",
                                origin: currentOrigin)
        }
        guard v.index < 0 || v.epoch == epoch else {
            throw AutodiffError(.staleVariable, operation: op.name,
                                message: "\(op.name): a variable recorded before the tape was reset was used",
                                origin: currentOrigin)
        }
    }

    /// Wraps a forward `TensorError` as an `AutodiffError` located at the current origin.
    @usableFromInline
    func forwardError(_ error: TensorError, _ op: Primitive) -> AutodiffError {
        AutodiffError(.forward, operation: op.name, message: error.message, origin: currentOrigin)
    }

    /// The input reference for `v`: its node, or a new constant holding its value.
    @inlinable
    func reference(_ v: Variable) throws(AutodiffError) -> Int32 {
        if v.index >= 0 { return v.index }
        return try constantReference(v.value)
    }

    /// Stores `value` as a constant and returns its (negative) reference.
    @usableFromInline
    func constantReference(_ value: Tensor) throws(AutodiffError) -> Int32 {
        guard nodes.constants.count < Tape.capacityLimit else { throw full() }
        nodes.constants.append(value)
        return -Int32(nodes.constants.count)
    }

    @usableFromInline
    func full() -> AutodiffError {
        AutodiffError(.tapeFull, operation: "record",
                      message: "the tape holds \(Tape.capacityLimit) nodes, the most it can index",
                      origin: currentOrigin)
    }

    /// Records `op` with output `value` and inputs `a` and (optionally) `b` when recording is on
    /// and an input is tracked; otherwise returns `value` untracked.
    @inlinable @inline(__always)
    func record(_ op: Primitive, _ value: Tensor, _ a: Variable) throws(AutodiffError) -> Variable {
        guard isRecording, a.index >= 0 else { return Variable(untracked: value, tape: self) }
        return try push(op, value, a.index, Tape.noInput)
    }

    @inlinable @inline(__always)
    func record(_ op: Primitive, _ value: Tensor, _ a: Variable, _ b: Variable) throws(AutodiffError) -> Variable {
        guard isRecording, a.index >= 0 || b.index >= 0 else { return Variable(untracked: value, tape: self) }
        let ra = try reference(a)
        let rb = try reference(b)
        return try push(op, value, ra, rb)
    }

    /// Appends one node (the caller decided it is to be recorded).
    @inlinable @inline(__always)
    func push(_ op: Primitive, _ value: Tensor, _ a: Int32, _ b: Int32) throws(AutodiffError) -> Variable {
        let n = nodes.values.count
        guard n < Tape.capacityLimit else { throw full() }
        nodes.append(op, value, a, b, origin: currentOrigin)
        return Variable(value: value, tape: self, index: Int32(n), epoch: epoch)
    }
}
