import ThetaTensor

/// Writes a table as CSV the way pandas' `DataFrame.to_csv(index=False)` writes a frame of
/// float64 columns, byte for byte: a header row, LF line ends, each number as its shortest
/// round-trip decimal (Python's `repr`, which Swift's `description` matches: `79.0`, `1e-05`,
/// `1.2345678901234568e+17`), NaN as an empty field, infinities as `inf` / `-inf`. A name is
/// quoted, with `""` for a quote, when it holds a comma, a quote or a line break (Python's
/// `csv.QUOTE_MINIMAL`). pandas and NumPy read every value back exactly.
public enum CSVWriter {
    /// The CSV text of `data`; a data set of numbers (rank 1) is one column named `x1`.
    public static func format(_ data: Dataset) throws(DataError) -> [UInt8] {
        let names: [String]
        switch data.samples.rank {
        case 1: names = ["x1"]
        case 2: names = data.columns
        default:
            throw DataError("CSV holds tables (rows × columns); these samples have shape \(Tensor.describe(data.samples.shape)): save them as .npy")
        }
        var out: [UInt8] = []
        out.reserveCapacity(data.samples.count * 20 + 64)
        for (k, name) in names.enumerated() {
            if k > 0 { out.append(44) }
            appendField(name, to: &out)
        }
        out.append(10)
        let d = names.count
        let s = data.samples.scalars
        for i in 0..<data.n {
            for j in 0..<d {
                if j > 0 { out.append(44) }
                let x = s[i * d + j]
                if x.isNaN { continue }
                out.append(contentsOf: x.description.utf8)
            }
            out.append(10)
        }
        return out
    }

    /// Writes `data` to `path` (atomically: a failed write leaves any old file in place).
    public static func write(_ data: Dataset, path: String) throws(DataError) {
        try FileOutput.write(try format(data), to: path)
    }

    static func appendField(_ text: String, to out: inout [UInt8]) {
        let needsQuotes = text.utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
        guard needsQuotes else { out.append(contentsOf: text.utf8); return }
        out.append(34)
        for b in text.utf8 {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }
}
