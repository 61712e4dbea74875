import Foundation
import ThetaTensor

/// How values look when shown: notebook-style display, `print`, interpolation and summaries.
public enum Display {
    /// Shortest text that reads back as the same Double: `3`, `2.5`, `1e-05`, `inf`, `nan`.
    public static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e16 {
            if x == 0 { return x.sign == .minus ? "-0" : "0" }
            return String(Int64(x))
        }
        return "\(x)"
    }

    /// A number in a one-line summary: 4 significant digits (`Normal(mu: 3.488, sigma: 1.139)`).
    public static func short(_ x: Double) -> String {
        if x.isNaN || x.isInfinite { return number(x) }
        if x == x.rounded(), abs(x) < 1e6 { return number(x) }
        var s = String(format: "%.4g", x)
        if s.contains("e") {
            // %g writes e-05; keep it, but drop a '+' and leading zeros of the exponent.
            s = s.replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
                .replacingOccurrences(of: "e-0", with: "e-")
        }
        return s
    }

    /// A value in a one-line summary: numbers to 4 significant digits, small tensors as lists
    /// of such numbers, larger ones by shape.
    static func brief(_ v: Value) -> String {
        switch v {
        case .number(let x): return short(x)
        case .parameter(let p): return p.isScalar ? short(p.value.scalars.first ?? .nan) : brief(.tensor(p.value))
        case .tracked(let t): return brief(t.plain)
        case .tensor(let t) where t.rank == 1 && t.count <= 6: return "[" + t.scalars.map(short).joined(separator: ", ") + "]"
        case .tensor(let t): return "tensor" + Tensor.describe(t.shape)
        default: return repr(v)
        }
    }

    /// The text shown for a value at the top level of a notebook or the REPL.
    public static func show(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        default: return repr(v, nested: false)
        }
    }

    /// The text of a value inside `print` or a string interpolation (strings unquoted).
    public static func text(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return repr(v, nested: false)
    }

    /// A value as it would be written: strings quoted, containers recursive.
    public static func repr(_ v: Value, nested: Bool = true) -> String {
        switch v {
        case .number(let x): return number(x)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "none"
        case .unset: return "unset"
        case .string(let s): return quote(s)
        case .tensor(let t): return tensor(t)
        case .tracked(let t): return repr(t.plain, nested: nested)
        case .parameter(let p): return repr(p.plain, nested: nested)
        case .list(let xs): return "[" + xs.map { repr($0) }.joined(separator: ", ") + "]"
        case .record(let r):
            if r.names.isEmpty { return "{}" }
            return "{" + zip(r.names, r.values).map { "\($0): \(repr($1))" }.joined(separator: ", ") + "}"
        case .function(let c): return "fn \(c.code.signature)"
        case .builtin(let b): return "builtin \(b.signature)"
        case .boundMethod(let m): return "method \(m.name) of \(m.receiver.typeName)"
        case .modelType(let m): return "model \(m.code.signature)"
        case .model(let m): return model(m)
        case .object(let o): return o.summary()
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    /// `Gaussian(mu: 0.5, sigma: 1)`: the instance's fields that are not methods.
    static func model(_ m: ModelInstance) -> String {
        var parts: [String] = []
        for name in m.type.memberOrder {
            guard let v = m.member(name) else { continue }
            switch v {
            case .function, .builtin, .boundMethod: continue
            case .number(let x): parts.append("\(name): \(short(x))")
            case .parameter(let p) where p.isScalar: parts.append("\(name): \(short(p.value.scalars.first ?? .nan))")
            case .parameter(let p) where p.value.count <= 6 && p.value.rank <= 1:
                parts.append("\(name): [" + p.value.scalars.map(short).joined(separator: ", ") + "]")
            case .parameter(let p): parts.append("\(name): tensor\(Tensor.describe(p.value.shape))")
            case .tensor(let t) where t.count > 6: parts.append("\(name): tensor\(Tensor.describe(t.shape))")
            default: parts.append("\(name): \(repr(v))")
            }
        }
        return "\(m.type.name)(\(parts.joined(separator: ", ")))"
    }

    /// Tensors print like their literal: `[1, 2, 3]`, and nested rows one per line, columns
    /// aligned. Large tensors show their first and last 3 entries per axis around `...`.
    public static func tensor(_ t: Tensor) -> String {
        if t.rank == 0 { return number(t.scalars.first ?? .nan) }
        let summarize = t.count > 1000
        let texts = elementTexts(t)
        let width = texts.map(\.count).max() ?? 0
        var out = ""
        render(t, texts: texts, width: width, axis: 0, offset: 0, indent: 1, summarize: summarize, into: &out)
        return out
    }

    private static func elementTexts(_ t: Tensor) -> [String] {
        let shortest = t.scalars.map(number)
        if shortest.allSatisfy({ $0.count <= 9 }) { return shortest }
        return t.scalars.map { x in
            if x.isNaN || x.isInfinite || (x == x.rounded() && abs(x) < 1e9) { return number(x) }
            return short6(x)
        }
    }

    private static func short6(_ x: Double) -> String {
        var s = String(format: "%.6g", x)
        s = s.replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
            .replacingOccurrences(of: "e-0", with: "e-")
        return s
    }

    private static func render(_ t: Tensor, texts: [String], width: Int, axis: Int, offset: Int, indent: Int,
                               summarize: Bool, into out: inout String) {
        let n = t.shape[axis]
        let stride = t.shape[(axis + 1)...].reduce(1, *)
        let shown: [Int?] = summarize && n > 6 ? [0, 1, 2, nil, n - 3, n - 2, n - 1] : (0..<n).map { $0 }
        out += "["
        let last = axis == t.rank - 1
        for (k, i) in shown.enumerated() {
            if k > 0 {
                out += ","
                if last { out += " " } else {
                    out += String(repeating: "\n", count: t.rank - 1 - axis)
                    out += String(repeating: " ", count: indent)
                }
            }
            guard let i else { out += "..."; continue }
            if last {
                let s = texts[offset + i]
                out += t.rank > 1 ? String(repeating: " ", count: width - s.count) + s : s
            } else {
                render(t, texts: texts, width: width, axis: axis + 1, offset: offset + i * stride, indent: indent + 1,
                       summarize: summarize, into: &out)
            }
        }
        out += "]"
    }
}
