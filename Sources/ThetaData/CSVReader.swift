import Foundation
import ThetaTensor

/// Reads a CSV file with a header row into a table. A UTF-8 byte-order mark is skipped; the
/// header's fields name the columns (quoted names may hold spaces, commas and quotes; an empty
/// name becomes `Unnamed: k` and a repeated one `name.1`, as pandas does); every other
/// field must be numeric (see `NumberParser`).
///
/// Large files without quotes in the body are parsed in parallel, one chunk of whole lines
/// per core; the result is the same as the sequential parse.
public enum CSVReader {
    /// Bodies smaller than this are parsed on one thread.
    static let parallelThreshold = 1 << 22

    /// Reads the CSV file at `path`; `threads` caps the parsing threads (default: one per core).
    public static func read(path: String, displayName: String? = nil, threads: Int? = nil) throws(DataError) -> Dataset {
        let file = try FileInput(path: path)
        let name = displayName ?? path
        guard file.size > 0 else { throw DataError("\(name) is empty: a CSV file needs a header row") }
        return try file.withContents { (p, count) throws(DataError) in try parse(p, count: count, name: name, threads: threads) }
    }

    /// Parses CSV text; `name` is how errors refer to it.
    public static func parse(_ bytes: [UInt8], name: String, threads: Int? = nil) throws(DataError) -> Dataset {
        let result: Result<Dataset, DataError> = bytes.withUnsafeBufferPointer { buf in
            Result { () throws(DataError) in
                guard let base = buf.baseAddress else { throw DataError("\(name) is empty: a CSV file needs a header row") }
                return try parse(base, count: buf.count, name: name, threads: threads)
            }
        }
        return try result.get()
    }

    static func parse(_ p: UnsafePointer<UInt8>, count: Int, name: String, threads: Int?) throws(DataError) -> Dataset {
        var start = 0
        if count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
        // Blank lines before the header are skipped.
        while start < count, p[start] == 10 || p[start] == 13 || CSVRows.isSpace(p[start]) { start += 1 }
        guard start < count else { throw DataError("\(name) is empty: a CSV file needs a header row") }
        let names: [String], bodyStart: Int
        do {
            (names, bodyStart) = try CSVRows.textRecord(p, from: start, to: count)
        } catch {
            throw describe(error, p, count, name, columns: [])
        }
        let columns = uniqueNames(names)
        let d = columns.count
        var values: [Double] = []
        do {
            values = try parseBody(p, from: bodyStart, to: count, columns: d, threads: threads)
        } catch {
            throw describe(error, p, count, name, columns: columns)
        }
        let rows = values.count / d
        do {
            return try Dataset(samples: Tensor(unchecked: [rows, d], scalars: values), columns: columns)
        } catch {
            throw DataError("\(name): \(error.message)")
        }
    }

    /// The body, split into per-core chunks at line ends when it is large and has no quotes.
    static func parseBody(_ p: UnsafePointer<UInt8>, from: Int, to: Int, columns d: Int,
                          threads: Int?) throws(CSVRows.Failure) -> [Double] {
        let length = to - from
        let cores = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, 8))
        let hasQuote = length > 0 && memchr(p + from, 34, length) != nil
        if length < parallelThreshold || cores < 2 || hasQuote {
            return try CSVRows.parseAll(p, from: from, to: to, columns: d)
        }
        var bounds = [from]
        for k in 1..<cores {
            var b = max(from + length * k / cores, bounds[bounds.count - 1])
            while b < to, p[b] != 10 { b += 1 }
            if b < to { b += 1 }
            bounds.append(b)
        }
        bounds.append(to)
        let limits = bounds
        let parts = ChunkResults(count: cores)
        let text = SharedBytes(p)
        // The first chunk's array gets room for the whole body, so the others are appended
        // to it without reallocating (capacity never written costs no memory).
        let whole = CSVRows.estimatedValues(p, from: from, to: to)
        DispatchQueue.concurrentPerform(iterations: cores) { k in
            do throws(CSVRows.Failure) {
                let values = try CSVRows.parseAll(text.p, from: limits[k], to: limits[k + 1], columns: d,
                                                  capacity: k == 0 ? whole : nil)
                parts.store(k, .success(values))
            } catch {
                parts.store(k, .failure(error))
            }
        }
        var all: [Double] = []
        for k in 0..<cores {
            switch parts.take(k) {
            case .failure(let e): throw e
            case .success(let xs): if k == 0 { all = xs } else { all.append(contentsOf: xs) }
            }
        }
        return all
    }

    /// pandas' naming of empty and repeated header fields.
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        var out: [String] = []
        for (k, raw) in names.enumerated() {
            var name = raw.isEmpty ? "Unnamed: \(k)" : raw
            if let c = seen[name] {
                var m = c
                while seen["\(name).\(m)"] != nil { m += 1 }
                seen[name] = m + 1
                name = "\(name).\(m)"
            }
            seen[name] = 1
            out.append(name)
        }
        return out
    }

    /// A located message for a parse failure: file, line and, for a cell, column.
    static func describe(_ f: CSVRows.Failure, _ p: UnsafePointer<UInt8>, _ count: Int, _ name: String,
                         columns: [String]) -> DataError {
        switch f {
        case .ragged(let offset, let fields):
            let line = CSVRows.line(of: offset, in: p, count: count)
            return DataError("\(name), line \(line): the row has \(fields) field\(fields == 1 ? "" : "s") but the header has \(columns.count)")
        case .notNumber(let offset, let length, let column):
            let line = CSVRows.line(of: offset, in: p, count: count)
            let text = String(decoding: UnsafeBufferPointer(start: p + offset, count: min(length, 40)), as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            let colName = column < columns.count ? " ('\(columns[column])')" : ""
            return DataError("\(name), line \(line), column \(column + 1)\(colName): '\(text)' is not a number")
        case .unterminatedQuote(let offset):
            let line = CSVRows.line(of: offset, in: p, count: count)
            return DataError("\(name), line \(line): a quoted field is never closed")
        case .afterQuote(let offset):
            let line = CSVRows.line(of: offset, in: p, count: count)
            return DataError("\(name), line \(line): unexpected text after a closing quote")
        }
    }
}

/// The input bytes shared read-only by the parsing threads.
private struct SharedBytes: @unchecked Sendable {
    let p: UnsafePointer<UInt8>
    init(_ p: UnsafePointer<UInt8>) { self.p = p }
}

/// One result slot per chunk; each slot is written by exactly one thread before
/// `concurrentPerform` returns and read only after it, so no two threads touch the same slot.
private final class ChunkResults: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Result<[Double], CSVRows.Failure>>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: .success([]), count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func store(_ k: Int, _ r: Result<[Double], CSVRows.Failure>) { slots[k] = r }
    /// The result of chunk k, leaving the slot empty (so the caller's copy is unique).
    func take(_ k: Int) -> Result<[Double], CSVRows.Failure> {
        let r = slots[k]
        slots[k] = .success([])
        return r
    }
}
