/// The numeric body of a CSV file (RFC 4180): records separated by LF, CRLF or CR, fields by
/// commas, a field optionally enclosed in double quotes (inside which commas and line breaks
/// are data and `""` is one quote). Every field must be a number (see `NumberParser`); blank
/// lines are skipped, as pandas does.
///
/// Works on raw bytes in `[from, to)` and appends row-major values to `out`. Failures carry
/// byte offsets; `CSVReader` turns them into lines and columns.
enum CSVRows {
    enum Failure: Error {
        /// A record with `fields` fields where the header has a different count.
        case ragged(offset: Int, fields: Int)
        /// The field at `offset` (of `length` bytes, quotes included) in column `column` is not a number.
        case notNumber(offset: Int, length: Int, column: Int)
        /// A quoted field that never closes.
        case unterminatedQuote(offset: Int)
        /// Text after a closing quote before the next comma or line end.
        case afterQuote(offset: Int)
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 }

    /// Parses records of exactly `d` fields into `out` (room for `capacity` values), stopping
    /// before a record that would not fit. Returns the values written and the offset reached
    /// (`to` when everything was parsed).
    static func parse(_ p: UnsafePointer<UInt8>, from: Int, to: Int, columns d: Int,
                      into out: UnsafeMutablePointer<Double>, capacity: Int) throws(Failure) -> (written: Int, next: Int) {
        var i = from
        var written = 0
        while i < to {
            let rowStart = i
            if p[i] == 10 { i += 1; continue }
            if p[i] == 13 { i += 1; if i < to, p[i] == 10 { i += 1 }; continue }
            if written + d > capacity { return (written, rowStart) }
            var col = 0
            while true {
                let fieldStart = i
                var j = i
                while j < to, isSpace(p[j]) { j += 1 }
                let value: Double?
                if j < to, p[j] == 34 {
                    let (v, next) = try quoted(p, at: j, to: to)
                    value = v
                    i = next
                } else if let (v, end) = NumberParser.decimal(p, from: i, to: to),
                          end == to || p[end] == 44 || p[end] == 10 || p[end] == 13 {
                    // The common case: a number directly followed by the field's end.
                    value = v
                    i = end
                } else {
                    j = i
                    while j < to {
                        let c = p[j]
                        if c == 44 || c == 10 || c == 13 { break }
                        j += 1
                    }
                    value = NumberParser.parse(p + i, j - i)
                    i = j
                }
                guard let v = value else {
                    throw .notNumber(offset: fieldStart, length: i - fieldStart, column: col)
                }
                if col < d { out[written + col] = v }
                col += 1
                if i < to, p[i] == 44 { i += 1; continue }
                break
            }
            if col != d { throw .ragged(offset: rowStart, fields: col) }
            written += d
            if i < to {
                if p[i] == 13 { i += 1; if i < to, p[i] == 10 { i += 1 } } else if p[i] == 10 { i += 1 }
            }
        }
        return (written, to)
    }

    /// All records in `[from, to)` as row-major values. The output arrays are sized from an
    /// estimate (untouched capacity costs no memory) and hinted to use huge pages; when the
    /// estimate falls short, parsing continues into another array.
    static func parseAll(_ p: UnsafePointer<UInt8>, from: Int, to: Int, columns d: Int,
                         capacity: Int? = nil) throws(Failure) -> [Double] {
        var result: [Double] = []
        var position = from
        var first = true
        while position < to {
            let room = max(first ? (capacity ?? estimatedValues(p, from: position, to: to)) : estimatedValues(p, from: position, to: to),
                           64 * max(d, 1))
            first = false
            var next = position
            var failure: Failure?
            let start = position
            let part = [Double](unsafeUninitializedCapacity: room) { buf, n in
                n = 0
                guard let base = buf.baseAddress else { return }
                HugePages.advise(UnsafeMutableRawPointer(base), bytes: buf.count * 8)
                do throws(Failure) {
                    (n, next) = try parse(p, from: start, to: to, columns: d, into: base, capacity: buf.count)
                } catch { failure = error }
            }
            if let failure { throw failure }
            if result.isEmpty { result = part } else { result.append(contentsOf: part) }
            position = next
        }
        return result
    }

    /// A guess at the number of values in `[from, to)` from its first line, with room to
    /// spare (capped so that a strange first line cannot ask for much).
    static func estimatedValues(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from, commas = 0
        while i < to, p[i] != 10, i - from < 65_536 { if p[i] == 44 { commas += 1 }; i += 1 }
        let lineLength = max(i - from + 1, 2)
        return min((to - from) / lineLength * (commas + 1) * 9 / 8 + 16, (to - from) / 2 + 16)
    }

    /// A quoted field starting at the quote `p[at]`: its number (nil when not numeric) and the
    /// offset just past it and any trailing spaces.
    static func quoted(_ p: UnsafePointer<UInt8>, at: Int, to: Int) throws(Failure) -> (Double?, Int) {
        let (bytes, next) = try quotedBytes(p, at: at, to: to)
        let v = bytes.withUnsafeBufferPointer { b in
            b.baseAddress.flatMap { NumberParser.parse($0, b.count) } ?? .nan
        }
        return (v, next)
    }

    /// The unescaped content of the quoted field at `p[at]` and the offset after it. Only
    /// spaces may follow the closing quote before a comma, a line end or the end of input.
    static func quotedBytes(_ p: UnsafePointer<UInt8>, at: Int, to: Int) throws(Failure) -> ([UInt8], Int) {
        var i = at + 1
        var content: [UInt8] = []
        while true {
            guard i < to else { throw .unterminatedQuote(offset: at) }
            if p[i] == 34 {
                if i + 1 < to, p[i + 1] == 34 { content.append(34); i += 2; continue }
                break
            }
            content.append(p[i])
            i += 1
        }
        i += 1
        while i < to, isSpace(p[i]) { i += 1 }
        if i < to, p[i] != 44, p[i] != 10, p[i] != 13 { throw .afterQuote(offset: i) }
        return (content, i)
    }

    /// The fields of the record starting at `from` as text (for the header row), and the
    /// offset of the next record.
    static func textRecord(_ p: UnsafePointer<UInt8>, from: Int, to: Int) throws(Failure) -> ([String], Int) {
        var fields: [String] = []
        var i = from
        while true {
            var j = i
            while j < to, isSpace(p[j]) { j += 1 }
            if j < to, p[j] == 34 {
                let (bytes, next) = try quotedBytes(p, at: j, to: to)
                fields.append(String(decoding: bytes, as: UTF8.self))
                i = next
            } else {
                j = i
                while j < to, p[j] != 44, p[j] != 10, p[j] != 13 { j += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(start: p + i, count: j - i), as: UTF8.self))
                i = j
            }
            if i < to, p[i] == 44 { i += 1; continue }
            break
        }
        if i < to {
            if p[i] == 13 { i += 1; if i < to, p[i] == 10 { i += 1 } } else if p[i] == 10 { i += 1 }
        }
        return (fields, i)
    }

    /// 1-based line number of byte `offset` (LF, CRLF and a lone CR each end a line).
    static func line(of offset: Int, in p: UnsafePointer<UInt8>, count: Int) -> Int {
        var line = 1
        var i = 0
        let end = min(offset, count)
        while i < end {
            if p[i] == 10 { line += 1 } else if p[i] == 13, !(i + 1 < count && p[i + 1] == 10) { line += 1 }
            i += 1
        }
        return line
    }
}
