import ThetaTensor
import ThetaSyntax

/// A Theta value. Numbers live inline (no heap allocation on the scalar path); tensors, lists,
/// records and strings have value semantics (copy-on-write); functions, model instances and
/// library objects (distributions, data sets, ...) are references.
public enum Value {
    case number(Double)
    case bool(Bool)
    case none
    case string(String)
    /// A tensor of rank ≥ 1 (rank-0 results are normalized to `.number`).
    case tensor(Tensor)
    /// A tensor recorded on the tape while gradients are being taken (`grad`).
    case tracked(Tracked)
    /// A learnable parameter (`learn`); in arithmetic it acts as its constrained value.
    case parameter(LearnableParameter)
    case list([Value])
    case record(Record)
    case function(Closure)
    case builtin(Builtin)
    /// A method bound to its receiver: `m.logp` used as a value.
    case boundMethod(BoundMethod)
    case modelType(ModelType)
    case model(ModelInstance)
    /// Any other library value (ranges, distributions, data sets, divergences, ...).
    case object(any ThetaObject)
    /// A slot that has not been assigned yet. Never visible to programs: reading one is an error.
    case unset

    /// A tensor value, normalizing rank 0 to a number.
    @inlinable
    public static func from(_ t: Tensor) -> Value {
        t.shape.isEmpty ? .number(t.scalars.isEmpty ? .nan : t.scalars[0]) : .tensor(t)
    }

    /// The name of the value's type, as `:type` and error messages show it.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .bool: return "bool"
        case .none: return "none"
        case .string: return "string"
        case .tensor(let t): return "tensor" + Tensor.describe(t.shape)
        case .tracked(let t): return t.plain.typeName
        case .parameter(let p): return "parameter " + p.plain.typeName
        case .list: return "list"
        case .record: return "record"
        case .function, .builtin, .boundMethod: return "function"
        case .modelType: return "model"
        case .model(let m): return m.type.name
        case .object(let o): return o.typeName
        case .unset: return "unset"
        }
    }
}

/// Library values the language does not know by name implement this: they have a type name, a
/// one-line summary, and members (fields and methods) looked up by name.
public protocol ThetaObject: AnyObject {
    var typeName: String { get }
    /// One-line summary shown when the value is displayed.
    func summary() -> String
    /// Names of fields and methods, for completion and error hints.
    var memberNames: [String] { get }
    /// A field's value, or nil when there is no such field (methods are called via `callMethod`).
    func field(_ name: String) throws -> Value?
    /// Calls a method; nil when there is no such method.
    func callMethod(_ name: String, _ args: Arguments, _ ctx: CallContext) throws -> Value?
}

extension ThetaObject {
    public var memberNames: [String] { [] }
    public func field(_ name: String) throws -> Value? { nil }
    public func callMethod(_ name: String, _ args: Arguments, _ ctx: CallContext) throws -> Value? { nil }
}

/// An ordered record `{a: 1, b: 2}` with value semantics.
public struct Record {
    public var names: [String]
    public var values: [Value]
    public init(names: [String] = [], values: [Value] = []) { self.names = names; self.values = values }

    public subscript(name: String) -> Value? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let i = names.firstIndex(of: name) {
                if let v = newValue { values[i] = v } else { names.remove(at: i); values.remove(at: i) }
            } else if let v = newValue {
                names.append(name); values.append(v)
            }
        }
    }
}
