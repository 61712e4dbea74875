import ThetaTensor

/// A data set: n samples, the rows of one tensor, seen as an empirical distribution.
///
/// `samples` has shape `[n, ...]`; row `i` is sample `i`. A rank-2 data set has one name per
/// column (`columns`), so columns are reached by name; a data set of any other rank (images
/// `[n, 8, 8]`, scalars `[n]`) has no column names. Value semantics: every transformation
/// returns a new data set.
public struct Dataset: Sendable, Equatable {
    public let samples: Tensor
    public let columns: [String]

    /// A data set whose rows are the first-axis slices of `samples`.
    /// - Parameter columns: names for the columns of a rank-2 tensor (default `x1 ... xd`);
    ///   must be nil for other ranks.
    /// - Throws: for a rank-0 tensor, or names that do not match the columns.
    public init(samples: Tensor, columns: [String]? = nil) throws(DataError) {
        guard samples.rank >= 1 else {
            throw DataError("a data set needs samples along a first axis; got a single number")
        }
        if samples.rank == 2 {
            let d = samples.shape[1]
            let names = columns ?? (0..<d).map { "x\($0 + 1)" }
            guard names.count == d else {
                throw DataError("\(names.count) column names for \(d) columns")
            }
            self.columns = names
        } else {
            if let columns, !columns.isEmpty {
                throw DataError("only a table (rank-2 samples) has column names; got shape \(Tensor.describe(samples.shape))")
            }
            self.columns = []
        }
        self.samples = samples
    }

    /// The number of samples (rows).
    public var n: Int { samples.shape[0] }
    /// Elements per sample: the product of the shape after the first axis.
    public var rowSize: Int { samples.shape.dropFirst().reduce(1, *) }

    /// All samples as one tensor `[n, ...]` (for a table, `[n, d]`).
    public var x: Tensor { samples }

    /// The column called `name`, as a tensor `[n]`.
    public func column(_ name: String) throws(DataError) -> Tensor {
        guard let j = columns.firstIndex(of: name) else {
            if columns.isEmpty {
                throw DataError("this data set has no named columns (samples of shape \(Tensor.describe(samples.shape)))")
            }
            throw DataError("no column '\(name)'; the columns are \(Dataset.list(columns))")
        }
        return column(at: j)
    }

    /// Column `j` of a table.
    func column(at j: Int) -> Tensor {
        let d = columns.count
        var out = [Double](repeating: 0, count: n)
        samples.scalars.withUnsafeBufferPointer { s in
            for i in 0..<n { out[i] = s[i * d + j] }
        }
        return Tensor(out)
    }

    /// The rows at `indices` (each in `0..<n`), in that order.
    public func rows(_ indices: [Int]) -> Dataset {
        let r = rowSize
        var out = [Double]()
        out.reserveCapacity(indices.count * r)
        samples.scalars.withUnsafeBufferPointer { s in
            for i in indices { out.append(contentsOf: s[(i * r)..<((i + 1) * r)]) }
        }
        return Dataset(unchecked: out, rows: indices.count, like: self)
    }

    /// The rows `range` (a sub-range of `0..<n`).
    public func rows(_ range: Range<Int>) -> Dataset {
        let r = rowSize
        let out = Array(samples.scalars[(range.lowerBound * r)..<(range.upperBound * r)])
        return Dataset(unchecked: out, rows: range.count, like: self)
    }

    /// Rows of the same shape and column names as `model`'s.
    init(unchecked scalars: [Double], rows: Int, like model: Dataset) {
        samples = Tensor(unchecked: [rows] + model.samples.shape.dropFirst(), scalars: scalars)
        columns = model.columns
    }

    /// "a, b, c" with at most `limit` names shown.
    static func list(_ names: [String], limit: Int = 8) -> String {
        if names.count <= limit { return names.joined(separator: ", ") }
        return (names.prefix(limit - 1) + ["…", names[names.count - 1]]).joined(separator: ", ")
    }
}
