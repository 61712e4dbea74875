import Foundation
import ThetaData
import ThetaSyntax
import ThetaTensor

/// A data set as a language value: the thin wrapper around `ThetaData.Dataset` that gives it
/// fields (`n`, `columns`, `x`, one per column name) and methods (`split shuffle batches take
/// drop standardize binarize map sample logp column`). Randomness (`shuffle`, `sample`) comes
/// from the runtime's one generator.
///
/// A data set is an empirical distribution: `sample(n)` draws n rows with replacement (a
/// bootstrap) and returns them as a tensor `[n, ...]`; it has no density, so `logp` is an error
/// that says so. `batches(size)` returns a list of data sets (each with its own `x`).
public final class DatasetValue: ThetaObject {
    public let data: Dataset
    public init(_ data: Dataset) { self.data = data }

    public var typeName: String { "data" }
    public func summary() -> String { data.summary() }

    static let fieldNames = ["n", "columns", "x"]
    static let methodNames = ["column", "split", "shuffle", "batches", "take", "drop", "standardize",
                              "binarize", "map", "sample", "logp"]

    public var memberNames: [String] { Self.fieldNames + Self.methodNames + data.columns }

    public func field(_ name: String) throws -> Value? {
        switch name {
        case "n": return .number(Double(data.n))
        case "columns": return .list(data.columns.map { .string($0) })
        case "x": return Value.from(data.x)
        default:
            guard data.columns.contains(name), !Self.methodNames.contains(name) else { return nil }
            return .tensor(try data.column(name))
        }
    }

    /// Data given where data is expected: a data set as it is, a tensor as data whose rows
    /// are samples.
    public static func coerce(_ v: Value, at span: Span, what: String) throws -> Dataset {
        switch v {
        case .object(let d as DatasetValue): return d.data
        case .tensor(let t): return try located(span) { () throws(DataError) in try Dataset(samples: t) }
        case .tracked(let t): return try located(span) { () throws(DataError) in try Dataset(samples: t.variable.value) }
        default:
            throw Diagnostic(.runtime, "\(what) expects data (a data set or a tensor whose rows are samples), got \(v.typeName)", at: span)
        }
    }

    /// Runs a ThetaData operation, turning its error into a diagnostic at `span`.
    static func located<T>(_ span: Span, _ body: () throws(DataError) -> T) throws -> T {
        do { return try body() } catch { throw Diagnostic(.runtime, error.message, at: span) }
    }

    public func callMethod(_ name: String, _ args: Arguments, _ ctx: CallContext) throws -> Value? {
        let a = MethodArguments(name, args, ctx)
        func wrap(_ d: Dataset) -> Value { .object(DatasetValue(d)) }
        func run<T>(_ body: () throws(DataError) -> T) throws -> T { try DatasetValue.located(ctx.span, body) }
        switch name {
        case "column":
            let c = try a.string(0, "name")
            return .tensor(try run { () throws(DataError) in try data.column(c) })
        case "split":
            let f = try a.number(0, "fraction", default: 0.8)
            var d = data
            if try a.bool(1, "shuffle", default: false) { d = d.shuffled(using: &ctx.runtime.rng) }
            let (train, test) = try run { () throws(DataError) in try d.split(f) }
            return .list([wrap(train), wrap(test)])
        case "shuffle":
            try a.none()
            return wrap(data.shuffled(using: &ctx.runtime.rng))
        case "batches":
            let size = try a.int(0, "size")
            return .list(try run { () throws(DataError) in try data.batches(size) }.map(wrap))
        case "take":
            let k = try a.int(0, "n")
            return wrap(try run { () throws(DataError) in try data.take(k) })
        case "drop":
            let names = try a.strings(0, "name")
            return wrap(try run { () throws(DataError) in try data.drop(names) })
        case "standardize":
            try a.none()
            return wrap(data.standardized())
        case "binarize":
            return wrap(data.binarized(try a.number(0, "threshold", default: 0.5)))
        case "sample":
            let k = try a.int(0, "n", default: 1)
            return Value.from(try run { () throws(DataError) in try data.bootstrap(k, using: &ctx.runtime.rng) }.samples)
        case "logp":
            throw ctx.error("a data set is an empirical distribution: it has no density, so logp is undefined",
                            hint: "fit a model with a density to it (minimize(KL(data || q))) and use q.logp, or draw from it with sample(n)")
        case "map":
            return wrap(try mapRows(try a.value(0, "fn"), ctx))
        default:
            return nil
        }
    }

    /// `map(fn)`: fn applied to each row. Rows of numbers give data of numbers, rows of tensors
    /// of one shape stack, rows of records of numbers give a table with the records' fields as
    /// columns.
    func mapRows(_ fn: Value, _ ctx: CallContext) throws -> Dataset {
        var outputs: [Value] = []
        outputs.reserveCapacity(data.n)
        let r = data.rowSize
        let rowShape = Array(data.samples.shape.dropFirst())
        for i in 0..<data.n {
            let row = Tensor(unchecked: rowShape, scalars: Array(data.samples.scalars[(i * r)..<((i + 1) * r)]))
            outputs.append(try Calls.callValue(fn, [Value.from(row)], ctx: ctx))
        }
        if case .record(let first)? = outputs.first {
            var scalars: [Double] = []
            scalars.reserveCapacity(outputs.count * first.names.count)
            for (i, v) in outputs.enumerated() {
                guard case .record(let rec) = v, rec.names == first.names else {
                    throw ctx.error("map: row \(i) gave \(v.typeName); every row must give a record with fields \(first.names.joined(separator: ", "))")
                }
                for x in rec.values {
                    guard case .number(let n) = x else {
                        throw ctx.error("map: row \(i): record fields must be numbers, got \(x.typeName)")
                    }
                    scalars.append(n)
                }
            }
            return try DatasetValue.located(ctx.span) { () throws(DataError) in
                try Dataset(samples: Tensor(unchecked: [outputs.count, first.names.count], scalars: scalars), columns: first.names)
            }
        }
        var tensors: [Tensor] = []
        tensors.reserveCapacity(outputs.count)
        for (i, v) in outputs.enumerated() {
            switch v {
            case .number(let x): tensors.append(Tensor(x))
            case .bool(let b): tensors.append(Tensor(b ? 1 : 0))
            case .tensor(let t): tensors.append(t)
            case .tracked(let t): tensors.append(t.variable.value)
            default: throw ctx.error("map: row \(i) gave \(v.typeName); fn must return a number, a tensor or a record of numbers")
            }
        }
        if tensors.isEmpty {
            return data
        }
        let stacked: Tensor
        do { stacked = try Tensor.stack(tensors, axis: 0) } catch {
            throw ctx.error("map: the rows' results differ in shape (\(error.message))")
        }
        let keepNames = stacked.rank == 2 && stacked.shape[1] == data.columns.count && data.samples.rank == 2
        return try DatasetValue.located(ctx.span) { () throws(DataError) in
            try Dataset(samples: stacked, columns: keepNames ? data.columns : nil)
        }
    }
}

/// Positional-or-named arguments of a method call on a library object, located for errors.
struct MethodArguments {
    let method: String
    let args: Arguments
    let ctx: CallContext
    init(_ method: String, _ args: Arguments, _ ctx: CallContext) { self.method = method; self.args = args; self.ctx = ctx }

    /// The argument at position `i` or named `name`, with its span.
    func lookup(_ i: Int, _ name: String) -> (Value, Span)? {
        if let (_, v, s) = args.named.first(where: { $0.0 == name }) { return (v, s) }
        return i < args.values.count ? (args.values[i], args.spans[i]) : nil
    }

    func value(_ i: Int, _ name: String) throws -> Value {
        guard let (v, _) = lookup(i, name) else { throw ctx.error("\(method) is missing its argument '\(name)'") }
        return v
    }

    /// Fails when arguments are given to a method that takes none.
    func none() throws {
        if !args.values.isEmpty || !args.named.isEmpty { throw ctx.error("\(method) takes no arguments") }
    }

    func number(_ i: Int, _ name: String, default d: Double? = nil) throws -> Double {
        guard let (v, s) = lookup(i, name) else {
            if let d { return d }
            throw ctx.error("\(method) is missing its argument '\(name)'")
        }
        switch v {
        case .number(let x): return x
        case .tensor(let t) where t.count == 1: return t.scalars[0]
        default: throw Diagnostic(.runtime, "\(method): '\(name)' must be a number, got \(v.typeName)", at: s)
        }
    }

    func int(_ i: Int, _ name: String, default d: Int? = nil) throws -> Int {
        if lookup(i, name) == nil, let d { return d }
        let x = try number(i, name)
        guard x.isFinite, x == x.rounded(), abs(x) < 9e15 else {
            throw Diagnostic(.runtime, "\(method): '\(name)' must be a whole number, got \(Display.number(x))",
                             at: lookup(i, name)?.1 ?? ctx.span)
        }
        return Int(x)
    }

    func bool(_ i: Int, _ name: String, default d: Bool) throws -> Bool {
        guard let (v, s) = lookup(i, name) else { return d }
        guard case .bool(let b) = v else { throw Diagnostic(.runtime, "\(method): '\(name)' must be true or false", at: s) }
        return b
    }

    func string(_ i: Int, _ name: String) throws -> String {
        let v = try value(i, name)
        guard case .string(let s) = v else {
            throw Diagnostic(.runtime, "\(method): '\(name)' must be a string, got \(v.typeName)", at: lookup(i, name)?.1 ?? ctx.span)
        }
        return s
    }

    /// One string or a list of strings.
    func strings(_ i: Int, _ name: String) throws -> [String] {
        let v = try value(i, name)
        if case .string(let s) = v { return [s] }
        if case .list(let xs) = v {
            return try xs.map { x in
                guard case .string(let s) = x else { throw ctx.error("\(method): '\(name)' must be strings, got \(x.typeName)") }
                return s
            }
        }
        throw ctx.error("\(method): '\(name)' must be a column name or a list of them, got \(v.typeName)")
    }
}
