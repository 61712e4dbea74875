/// The Python literals an NPY header is written in (NumPy writes it with `repr` of a dict):
/// strings in single or double quotes, whole numbers, `True` / `False` / `None`, tuples, lists
/// and dicts with string keys. Nesting is bounded, so no input can exhaust the stack.
enum PythonLiteral: Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([String: PythonLiteral])

    struct Failure: Error { let message: String }

    static let maxDepth = 16

    /// Parses one literal filling `text` (surrounding spaces and newlines allowed).
    static func parse(_ text: String) throws(Failure) -> PythonLiteral {
        var p = Parser(Array(text.unicodeScalars))
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == p.s.count else { throw Failure(message: "unexpected text after the header dict") }
        return v
    }

    private struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        mutating func skipSpace() {
            while i < s.count, s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "\r" { i += 1 }
        }

        mutating func value(depth: Int) throws(Failure) -> PythonLiteral {
            guard depth < PythonLiteral.maxDepth else { throw Failure(message: "the header nests too deeply") }
            skipSpace()
            guard i < s.count else { throw Failure(message: "the header ends early") }
            let c = s[i]
            switch c {
            case "'", "\"": return .string(try string())
            case "(":
                let (items, trailingComma) = try sequence(close: ")", depth: depth)
                // `(x)` is x itself in Python; `(x,)` is a one-tuple.
                if items.count == 1, !trailingComma { return items[0] }
                return .tuple(items)
            case "[": return .list(try sequence(close: "]", depth: depth).0)
            case "{": return try dict(depth: depth)
            default:
                if c == "-" || ("0"..."9").contains(c) { return .int(try integer()) }
                var word = ""
                while i < s.count, s[i].properties.isAlphabetic { word.unicodeScalars.append(s[i]); i += 1 }
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "None": return .none
                default: throw Failure(message: "unexpected '\(word.isEmpty ? String(c) : word)' in the header")
                }
            }
        }

        mutating func string() throws(Failure) -> String {
            let quote = s[i]
            i += 1
            var out = ""
            while i < s.count, s[i] != quote {
                if s[i] == "\\", i + 1 < s.count { i += 1 }
                out.unicodeScalars.append(s[i])
                i += 1
            }
            guard i < s.count else { throw Failure(message: "a string in the header is not closed") }
            i += 1
            return out
        }

        mutating func integer() throws(Failure) -> Int {
            var negative = false
            if s[i] == "-" { negative = true; i += 1 }
            var v = 0, digits = 0
            while i < s.count, s[i].value >= 48, s[i].value <= 57 {
                let d = Int(s[i].value - 48)
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                guard !o1, !o2 else { throw Failure(message: "a number in the header is too large") }
                v = a; digits += 1; i += 1
            }
            if i < s.count, s[i] == "L" { i += 1 }  // Python 2 long suffix
            guard digits > 0 else { throw Failure(message: "a number in the header has no digits") }
            return negative ? -v : v
        }

        mutating func sequence(close: Unicode.Scalar, depth: Int) throws(Failure) -> ([PythonLiteral], Bool) {
            i += 1
            var items: [PythonLiteral] = []
            var trailingComma = false
            while true {
                skipSpace()
                guard i < s.count else { throw Failure(message: "the header ends inside a tuple or list") }
                if s[i] == close { i += 1; return (items, trailingComma) }
                items.append(try value(depth: depth + 1))
                skipSpace()
                trailingComma = false
                if i < s.count, s[i] == "," { i += 1; trailingComma = true; continue }
                guard i < s.count, s[i] == close else { throw Failure(message: "expected ',' or '\(close)' in the header") }
            }
        }

        mutating func dict(depth: Int) throws(Failure) -> PythonLiteral {
            i += 1
            var out: [String: PythonLiteral] = [:]
            while true {
                skipSpace()
                guard i < s.count else { throw Failure(message: "the header dict is not closed") }
                if s[i] == "}" { i += 1; return .dict(out) }
                guard s[i] == "'" || s[i] == "\"" else { throw Failure(message: "a header key must be a string") }
                let key = try string()
                skipSpace()
                guard i < s.count, s[i] == ":" else { throw Failure(message: "expected ':' after '\(key)' in the header") }
                i += 1
                out[key] = try value(depth: depth + 1)
                skipSpace()
                if i < s.count, s[i] == "," { i += 1; continue }
                guard i < s.count, s[i] == "}" else { throw Failure(message: "expected ',' or '}' in the header") }
            }
        }
    }
}
