/// UTF-8 decoding and character classes for the lexer, and its character-level errors.
extension Lexer {
    /// Decodes the scalar starting at `offset`, validating it (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF, no truncated sequence before `end`). Nil when invalid.
    func decodeScalar(at offset: Int) -> (Unicode.Scalar, Int)? {
        guard offset < end else { return nil }
        let b0 = bytes[offset]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07)
        default: return nil
        }
        guard offset + length <= end else { return nil }
        for i in 1..<length {
            let b = bytes[offset + i]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// The offset of the first byte that makes the sequence at `offset` invalid: the lead byte
    /// itself, or the first continuation byte that is missing or wrong.
    func firstBadByte(at offset: Int) -> Int {
        let b0 = bytes[offset]
        let length: Int
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return offset
        }
        for i in 1..<length {
            guard offset + i < end, bytes[offset + i] & 0xC0 == 0x80 else { return min(offset + i, end) }
        }
        return offset  // overlong, surrogate or out of range: the sequence as a whole is bad
    }

    func invalidUTF8(at offset: Int) -> Diagnostic {
        let bad = min(firstBadByte(at: offset), max(end - 1, offset))
        let hex = String(bytes[bad], radix: 16, uppercase: true)
        return Diagnostic(.syntax, "invalid UTF-8 byte 0x\(hex.count == 1 ? "0" + hex : hex)",
                          at: span(bad, bad + 1), hint: "Theta source must be UTF-8 text")
    }

    /// A character that no token starts with.
    func stray(_ scalar: Unicode.Scalar, length: Int) -> Diagnostic {
        let hint: String
        switch scalar {
        case "!": hint = "write `not x` for negation and `!=` for not-equal"
        case "?": hint = "Theta has no ? operator; use if c { a } else { b }"
        case "&": hint = "write `and` for logical and"
        case "|": hint = "write `or` for logical or; `|>` is the pipe and `||` separates a divergence's arguments"
        case "'": hint = "strings use double quotes: \"text\""
        case "`": hint = "backquotes are not part of Theta; names are plain letters, digits and _"
        case "$": hint = "$ is not part of Theta; names are plain letters, digits and _"
        case "\\": hint = "a backslash is only used inside strings, as in \"\\n\""
        default: hint = "this character is not part of Theta's syntax"
        }
        let shown = scalar.value < 0x20 || scalar.value == 0x7F
            ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : "'\(Character(scalar))'"
        return Diagnostic(.syntax, "unexpected character \(shown)", at: span(pos, pos + length), hint: hint)
    }

    static func isASCIIIdentifierByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    /// Non-ASCII identifier start: any alphabetic scalar (`μ`, `σ`, `θ`, `é`, `ж`).
    static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic
    }

    /// Non-ASCII identifier continuation: letters, combining marks and decimal digits.
    static func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return isASCIIIdentifierByte(UInt8(s.value)) }
        if s.properties.isAlphabetic { return true }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .decimalNumber: return true
        default: return false
        }
    }
}
