/// Number and string literals.
extension Lexer {
    func isDigit(_ offset: Int) -> Bool {
        offset < end && bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9")
    }

    /// `digits = digit { ["_"] digit }`: an underscore only between two digits.
    mutating func lexDigits() throws(Diagnostic) {
        while pos < end {
            if isDigit(pos) {
                pos += 1
            } else if bytes[pos] == UInt8(ascii: "_") {
                guard isDigit(pos + 1) else {
                    throw Diagnostic(.syntax, "an underscore in a number must stand between two digits",
                                     at: span(pos, pos + 1), hint: "write 1_000, not 1_ or 1__000")
                }
                pos += 1
            } else {
                return
            }
        }
    }

    /// `number = digits [ "." digits ] [ ("e" | "E") ["+" | "-"] digits ]`.
    /// A `.` belongs to the number only when a digit follows it (`1.5`; `x[1:]`; `.5` is an
    /// error asking for `0.5`). A letter straight after a number is an error (`2x`).
    mutating func lexNumber() throws(Diagnostic) {
        let start = pos
        try lexDigits()
        if pos < end && bytes[pos] == UInt8(ascii: ".") && isDigit(pos + 1) {
            pos += 1
            try lexDigits()
        }
        if pos < end && (bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E")) {
            var p = pos + 1
            if p < end && (bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-")) { p += 1 }
            if isDigit(p) {
                pos = p
                try lexDigits()
            }
        }
        if pos < end {
            let b = bytes[pos]
            var letter = b < 0x80 && Self.isASCIIIdentifierByte(b)
            if b >= 0x80, let (scalar, _) = decodeScalar(at: pos) { letter = Self.isIdentifierStart(scalar) }
            if letter {
                let text = String(decoding: bytes[start..<pos], as: UTF8.self)
                throw Diagnostic(.syntax, "a number cannot be followed directly by a letter", at: span(start, pos + 1),
                                 hint: "write \(text) * x for a product, or start names with a letter")
            }
        }
        let digits = bytes[start..<pos].filter { $0 != UInt8(ascii: "_") }
        guard let value = Double(String(decoding: digits, as: UTF8.self)) else {
            throw Diagnostic(.syntax, "malformed number", at: span(start, pos))  // unreachable
        }
        emit(.number(value), at: start, pos)
    }

    /// `string = '"' { character | escape | "\(" expression ")" } '"'` on one line.
    /// Escapes: `\n \t \r \0 \" \\`. An interpolation's bytes are found by lexing them (so
    /// nested parentheses and strings inside work) and are parsed later by the parser.
    mutating func lexString() throws(Diagnostic) {
        let start = pos
        pos += 1
        var segments: [StringSegment] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { segments.append(.text(String(decoding: text, as: UTF8.self))); text.removeAll() }
        }
        while true {
            guard pos < end, bytes[pos] != UInt8(ascii: "\n") else {
                throw Diagnostic(.syntax, "this string is never closed", at: span(start, start + 1),
                                 hint: "close it with \" on the same line; write \\n for a line break inside it")
            }
            let b = bytes[pos]
            switch b {
            case UInt8(ascii: "\""):
                pos += 1
                flush()
                emit(.string(segments), at: start, pos)
                return
            case UInt8(ascii: "\\"):
                let escape: UInt8 = pos + 1 < end ? bytes[pos + 1] : 0
                switch escape {
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "0"): text.append(0x00)
                case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "("):
                    flush()
                    let inner = try interpolation(openAt: pos)
                    segments.append(.interpolation(inner))
                    pos = inner.upperBound + 1
                    continue
                default:
                    let width = escape >= 0x80 ? (decodeScalar(at: pos + 1)?.1 ?? 1) : 1
                    throw Diagnostic(.syntax, "unknown escape in string", at: span(pos, min(pos + 1 + width, end)),
                                     hint: "the escapes are \\n \\t \\r \\0 \\\" \\\\ and \\( expression )")
                }
                pos += 2
            case 0x80...0xFF:
                guard let (_, length) = decodeScalar(at: pos) else { throw invalidUTF8(at: pos) }
                text.append(contentsOf: bytes[pos..<pos + length])
                pos += length
            default:
                text.append(b)
                pos += 1
            }
        }
    }

    /// Finds the expression of an interpolation `\( ... )` whose backslash is at `offset`:
    /// returns the byte range between the parentheses.
    func interpolation(openAt offset: Int) throws(Diagnostic) -> Range<Int> {
        guard interpolationDepth < Self.maxInterpolationDepth else {
            throw Diagnostic(.syntax, "string interpolations nested too deeply", at: span(offset, offset + 2),
                             hint: "at most \(Self.maxInterpolationDepth) levels of \\( inside one another")
        }
        var inner = Lexer(file: file, range: (offset + 2)..<end)
        inner.interpolationDepth = interpolationDepth + 1
        inner.stopWhenBalanced = true
        inner.stack = [(.leftParen, -1, span(offset, offset + 2))]
        try inner.run()
        guard let close = inner.balancedAt else {
            throw Diagnostic(.syntax, "this \\( is never closed", at: span(offset, offset + 2))  // unreachable
        }
        return (offset + 2)..<close
    }
}
