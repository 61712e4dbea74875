import ThetaSyntax

/// A compiled function body: parameters, defaults, frame layout and code. Shared by every
/// closure made from the same declaration.
public final class FunctionCode {
    let name: String
    let parameterNames: [String]
    /// Default value expressions, evaluated in the callee's frame (so they may use earlier
    /// parameters); nil for a required parameter.
    let defaults: [Node?]
    let frameSize: Int
    var body: Node
    let span: Span
    let requiredCount: Int
    /// Global slots the body (or a function nested in it) reads: what `params` follows from a
    /// function to the parameters it uses.
    var referencedGlobals: [Int] = []

    init(name: String, parameterNames: [String], defaults: [Node?], frameSize: Int, body: Node, span: Span) {
        self.name = name
        self.parameterNames = parameterNames
        self.defaults = defaults
        self.frameSize = frameSize
        self.body = body
        self.span = span
        var required = 0
        for d in defaults where d == nil { required += 1 }
        self.requiredCount = required
    }

    var signature: String { "\(name)(\(parameterNames.joined(separator: ", ")))" }
}

/// A function value: code plus the frame it closes over.
public final class Closure {
    let code: FunctionCode
    let captured: Frame?
    init(code: FunctionCode, captured: Frame?) { self.code = code; self.captured = captured }
}

/// A `model` declaration: a constructor whose body's top-level names become the instance's fields
/// and methods.
public final class ModelType {
    let code: FunctionCode
    let captured: Frame?
    /// Field and method name → slot in the instance frame.
    let members: [String: Int]
    let memberOrder: [String]
    var name: String { code.name }
    init(code: FunctionCode, captured: Frame?, members: [String: Int], memberOrder: [String]) {
        self.code = code; self.captured = captured; self.members = members; self.memberOrder = memberOrder
    }
}

/// An instance of a model: reference semantics, fields stored in the frame its body ran in.
public final class ModelInstance {
    let type: ModelType
    let frame: Frame
    init(type: ModelType, frame: Frame) { self.type = type; self.frame = frame }

    func member(_ name: String) -> Value? {
        guard let slot = type.members[name] else { return nil }
        let v = frame[slot]
        if case .unset = v { return nil }
        return v
    }

    /// Whether the instance defines a method of this name (what a divergence asks of a model).
    public func hasMethod(_ name: String) -> Bool {
        if case .function? = member(name) { return true }
        return false
    }
}

/// `receiver.method` taken as a value; calling it calls the method on the receiver.
public final class BoundMethod {
    let receiver: Value
    let name: String
    init(receiver: Value, name: String) { self.receiver = receiver; self.name = name }
}

/// A builtin parameter: its name and default (nil when required).
public struct BuiltinParameter: Sendable {
    public let name: String
    public let defaultValue: DefaultValue?
    public init(_ name: String, _ defaultValue: DefaultValue? = nil) { self.name = name; self.defaultValue = defaultValue }

    /// Defaults are plain data so builtin tables stay `Sendable`.
    public enum DefaultValue: Sendable {
        case number(Double), bool(Bool), noneValue, string(String)
        var value: Value {
            switch self {
            case .number(let x): return .number(x)
            case .bool(let b): return .bool(b)
            case .noneValue: return .none
            case .string(let s): return .string(s)
            }
        }
    }
}

/// A function implemented in Swift. Builtins are registered from tables (one table per area),
/// each entry holding name, parameters, documentation and implementation side by side.
public final class Builtin: @unchecked Sendable {
    public let name: String
    public let parameters: [BuiltinParameter]
    /// When true, positional arguments beyond the declared parameters are collected in
    /// `Arguments.rest` (`print(a, b, c)`, `zeros(2, 3)`).
    public let variadic: Bool
    public let doc: String
    let body: (inout Arguments, CallContext) throws -> Value

    public init(_ name: String, _ parameters: [BuiltinParameter] = [], variadic: Bool = false, doc: String,
                _ body: @escaping (inout Arguments, CallContext) throws -> Value) {
        self.name = name; self.parameters = parameters; self.variadic = variadic; self.doc = doc; self.body = body
    }

    var signature: String {
        let ps = parameters.map { $0.defaultValue == nil ? $0.name : "\($0.name): …" }
        return "\(name)(\((ps + (variadic ? ["..."] : [])).joined(separator: ", ")))"
    }
}

/// What a builtin or method may need from its caller: the runtime (randomness, output, calling
/// back into Theta functions) and the span of the call for error messages.
public struct CallContext {
    public let runtime: Runtime
    public let span: Span

    /// A runtime error located at this call.
    public func error(_ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.runtime, message, at: span, hint: hint)
    }
}
