import ThetaSyntax
import ThetaTensor
import ThetaAutodiff
import Synchronization

/// How control leaves a statement: normally, or by `break`, `continue` or `return`.
@usableFromInline
enum Flow: UInt8 {
    case normal, breakLoop, continueLoop, returnValue
}

/// Mutable execution state reached through a pointer, so the hot paths (every call and loop
/// iteration) pay no exclusivity checks.
@usableFromInline
struct ExecState {
    @usableFromInline var flow: Flow = .normal
    @usableFromInline var returnValue: Value = .none
    /// Current depth of Theta calls.
    @usableFromInline var depth: Int = 0
    /// Lowest stack address we allow before reporting runaway recursion (0: unknown).
    @usableFromInline var stackLimit: UInt = 0
}

/// The state of one running program: globals, output, randomness and execution state.
/// Builtins receive it through `CallContext`.
public final class Runtime {
    public let globals = Globals()
    @usableFromInline let state: UnsafeMutablePointer<ExecState>
    /// Where displayed values and `print` output go.
    public var output: (String) -> Void
    /// Shows a top-level expression's value itself (a notebook's rich outputs, a terminal's
    /// drawing of a plot) and returns true, or returns false to have it shown as text through
    /// `output`. Nil: every value is shown as text.
    public var showValue: ((Value) -> Bool)?
    /// Where a long computation (a fit) draws its progress line; nil when output is not a
    /// terminal, and then nothing is drawn.
    public var progress: ((String) -> Void)?
    /// The seed the generator was last set to.
    public internal(set) var seed: UInt64
    /// The one generator all of a program's randomness comes from (`seed(n)` resets it).
    var rng: RandomGenerator
    /// Source files already imported (by absolute path), so each runs once.
    var imported: Set<String> = []
    /// How many globals are builtins (the rest belong to the user and `:reset` forgets them).
    var builtinGlobalCount = 0
    /// The tape that records operations on `.tracked` values while `grad` runs.
    let tape = Tape()
    /// True while a `grad` is taking gradients (they do not nest yet).
    var differentiating = false
    /// Source spans of the tape's origin tags.
    let origins = Origins()
    /// Identifies the fit step running now; a parameter whose `fitToken` equals it is a leaf
    /// of this step's tape. Incremented by every step (and when a fit ends).
    var fitToken = 0

    /// Deepest Theta call nesting allowed; deeper is "runaway recursion".
    public static let maxDepth = 200_000

    /// Set by `Interpreter.requestInterrupt` (Ctrl-C); checked at calls and loop back-edges.
    static let interruptFlag = Atomic<Bool>(false)

    init(seed: UInt64, output: @escaping (String) -> Void) {
        self.seed = seed
        self.rng = RandomGenerator(seed: seed)
        self.output = output
        state = .allocate(capacity: 1)
        state.initialize(to: ExecState())
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Throws `.interrupted` if Ctrl-C was pressed since the last check.
    @inline(__always)
    func checkInterrupt(_ span: Span) throws {
        if Runtime.interruptFlag.load(ordering: .relaxed) {
            Runtime.interruptFlag.store(false, ordering: .relaxed)
            throw Diagnostic(.interrupted, "interrupted", at: span)
        }
    }

    /// Calls `body` one level deeper, failing cleanly on runaway recursion instead of
    /// overflowing the stack.
    @inline(__always)
    func enterCall(_ span: Span) throws {
        let s = state
        s.pointee.depth += 1
        if s.pointee.depth > Runtime.maxDepth || belowStackLimit() {
            s.pointee.depth -= 1
            throw Diagnostic(.runtime, "runaway recursion: more than \(s.pointee.depth) nested calls", at: span,
                             hint: "a function calls itself without reaching a base case?")
        }
        if Runtime.interruptFlag.load(ordering: .relaxed) {
            s.pointee.depth -= 1
            try checkInterrupt(span)
        }
    }

    @inline(__always)
    func exitCall() { state.pointee.depth -= 1 }

    @inline(__always)
    func belowStackLimit() -> Bool {
        let limit = state.pointee.stackLimit
        if limit == 0 { return false }
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } < limit
    }
}
