import ThetaAutodiff
import ThetaSyntax
import ThetaTensor

/// A tensor recorded on the runtime's tape while `grad` (later: a fit) is running: arithmetic
/// and the differentiable builtins on it record nodes, so gradients flow back through it.
/// Programs see it as a tensor (or a number, for one element without axes); anything that is
/// not differentiable reads its value.
public final class Tracked {
    public let variable: Variable
    init(_ variable: Variable) { self.variable = variable }

    /// The plain value: a number for rank 0, else a tensor.
    public var plain: Value { Value.from(variable.value) }
}

/// Where tape nodes came from: each origin tag names the span of the expression that recorded
/// the node, so an error found in the backward pass points at a `.gm` line.
final class Origins {
    private var spans: [Span] = []
    private var index: [Key: Int32] = [:]

    struct Key: Hashable {
        let file: ObjectIdentifier
        let start: Int
        let end: Int
    }

    /// The tag for `span`, registering it the first time.
    func tag(_ span: Span) -> Int32 {
        let key = Key(file: ObjectIdentifier(span.file), start: span.start, end: span.end)
        if let t = index[key] { return t }
        let t = Int32(truncatingIfNeeded: spans.count)
        spans.append(span)
        index[key] = t
        return t
    }

    /// The span a tag names.
    func span(_ tag: Int32) -> Span? {
        let i = Int(tag)
        return i >= 0 && i < spans.count ? spans[i] : nil
    }
}
