/// A JSON value written the way Jupyter writes notebooks (`json.dumps(nb, sort_keys=True,
/// indent=1, ensure_ascii=False)`): object keys sorted, one space of indent per level, `": "`
/// after keys, non-ASCII text as is. Written by hand so the bytes are fully determined.
indirect enum JSONText {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([String: JSONText])

    /// Multi-line text as Jupyter stores it: a list of lines, each but the last ending in "\n".
    static func lines(_ text: String) -> JSONText {
        var out: [JSONText] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == "\n" { out.append(.string(current)); current = "" }
        }
        if !current.isEmpty { out.append(.string(current)) }
        return .array(out)
    }

    /// The document text, ending with a newline.
    func document() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let xs):
            if xs.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, x) in xs.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                x.write(into: &out, indent: indent + 1)
                out += i + 1 < xs.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = fields.keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
            for (i, k) in keys.enumerated() {
                out += String(repeating: " ", count: indent + 1)
                Self.quote(k, into: &out)
                out += ": "
                fields[k]?.write(into: &out, indent: indent + 1)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as \n, \t, ... or \u00XX.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
