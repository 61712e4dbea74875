/// A named piece of source text: a `.gm` file, a REPL entry or `theta eval` code.
///
/// Text is kept as UTF-8 bytes; spans are byte offsets into it. Line starts are computed once so
/// that a span maps to `line:col` in O(log lines). Columns count Unicode scalars from 1, so a caret
/// lines up under `σ` as a person sees it.
public final class SourceFile: Sendable {
    public let name: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    public convenience init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// 1-based line and column of a byte offset (clamped to the text).
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let o = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        return (lo + 1, Self.scalarCount(bytes[start..<o]) + 1)
    }

    /// The text of a 1-based line, without its line break; invalid UTF-8 shows as U+FFFD.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The source text a span covers.
    public func text(of span: Span) -> String {
        let s = max(0, min(span.start, bytes.count)), e = max(s, min(span.end, bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    /// Number of Unicode scalars in a byte range (continuation bytes are not counted).
    static func scalarCount(_ slice: ArraySlice<UInt8>) -> Int {
        var n = 0
        for b in slice where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}

/// A half-open byte range `[start, end)` in a source file. Every token, AST node and error has one.
public struct Span: Sendable {
    public let file: SourceFile
    public let start: Int
    public let end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both.
    public func to(_ other: Span) -> Span {
        Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    public var location: (line: Int, column: Int) { file.location(of: start) }

    /// `file:line:col`
    public var description: String {
        let (l, c) = location
        return "\(file.name):\(l):\(c)"
    }
}
