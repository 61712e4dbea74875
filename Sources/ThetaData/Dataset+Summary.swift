import Foundation
import ThetaTensor

/// How a data set describes itself when shown: size, column names and its first few rows,
/// on one line.
extension Dataset {
    /// `data: 272 rows × 2 columns (eruptions, waiting); first rows [3.6, 79], [1.8, 54], …`
    public func summary(rowsShown: Int = 3) -> String {
        var head: String
        if samples.rank == 2 {
            head = "data: \(Dataset.plural(n, "row")) × \(Dataset.plural(columns.count, "column"))"
            if !columns.isEmpty { head += " (\(Dataset.list(columns)))" }
        } else if samples.rank == 1 {
            head = "data: \(Dataset.plural(n, "number"))"
        } else {
            head = "data: \(Dataset.plural(n, "sample")) of shape \(Tensor.describe(Array(samples.shape.dropFirst())))"
        }
        let shown = min(n, rowsShown)
        if shown == 0 || rowSize == 0 { return head }
        let r = rowSize
        let rowTexts = (0..<shown).map { i -> String in
            let row = samples.scalars[(i * r)..<((i + 1) * r)]
            if samples.rank == 1 { return Dataset.short(row[row.startIndex]) }
            let items = row.count <= 6 ? row.map(Dataset.short)
                : row.prefix(3).map(Dataset.short) + ["…"] + row.suffix(2).map(Dataset.short)
            return "[" + items.joined(separator: ", ") + "]"
        }
        let label = samples.rank == 1 ? "first" : (shown == 1 ? "first row" : "first rows")
        return head + "; \(label) " + rowTexts.joined(separator: ", ") + (n > shown ? ", …" : "")
    }

    static func plural(_ k: Int, _ word: String) -> String { k == 1 ? "1 \(word)" : "\(k) \(word)s" }

    /// A number with at most 4 significant digits; whole numbers exactly.
    static func short(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e6 { return String(Int64(x)) }
        var s = String(format: "%.4g", x)
        s = s.replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
            .replacingOccurrences(of: "e-0", with: "e-")
        return s
    }
}
