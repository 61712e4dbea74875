import ThetaTensor

/// The data-set API: selections, splits, batches and per-column transformations. Every
/// operation returns new data; randomness comes only from the generator passed in.
extension Dataset {
    /// The first `count` rows (all of them when `count ≥ n`).
    public func take(_ count: Int) throws(DataError) -> Dataset {
        guard count >= 0 else { throw DataError("take: the count must be 0 or more, got \(count)") }
        return rows(0..<min(count, n))
    }

    /// The data set without the named columns.
    public func drop(_ names: [String]) throws(DataError) -> Dataset {
        for name in names where !columns.contains(name) {
            throw DataError("drop: no column '\(name)'; the columns are \(Dataset.list(columns))")
        }
        let keep = columns.indices.filter { !names.contains(columns[$0]) }
        let d = columns.count
        var out = [Double]()
        out.reserveCapacity(n * keep.count)
        samples.scalars.withUnsafeBufferPointer { s in
            for i in 0..<n { for j in keep { out.append(s[i * d + j]) } }
        }
        return Dataset(unchecked: out, rows: n, columns: keep.map { columns[$0] })
    }

    /// Rows `0 ..< ⌊n·fraction⌋` and the rest: a deterministic tail split (for digits and 0.8,
    /// rows 0...1436 and the last 360). Shuffle first for a random split.
    public func split(_ fraction: Double) throws(DataError) -> (train: Dataset, test: Dataset) {
        guard fraction >= 0, fraction <= 1 else {
            throw DataError("split: the fraction must be between 0 and 1, got \(fraction)")
        }
        // The small allowance keeps products such as 0.29 · 100 = 28.999999999999996 at 29.
        let k = min(n, Int((Double(n) * fraction + 1e-9).rounded(.down)))
        return (rows(0..<k), rows(k..<n))
    }

    /// The rows in a uniformly random order (Fisher–Yates with `rng`).
    public func shuffled(using rng: inout RandomGenerator) -> Dataset {
        rows(Dataset.permutation(n, using: &rng))
    }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates, unbiased integer draws).
    static func permutation(_ n: Int, using rng: inout RandomGenerator) -> [Int] {
        var p = Array(0..<n)
        if n < 2 { return p }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(rng.below(UInt64(i + 1)))
            p.swapAt(i, j)
        }
        return p
    }

    /// Consecutive batches of `size` rows; the last one holds the remainder.
    public func batches(_ size: Int) throws(DataError) -> [Dataset] {
        guard size >= 1 else { throw DataError("batches: the size must be at least 1, got \(size)") }
        return stride(from: 0, to: n, by: size).map { rows($0..<min($0 + size, n)) }
    }

    /// `count` rows drawn uniformly with replacement: a sample from the empirical
    /// distribution (a bootstrap sample).
    public func bootstrap(_ count: Int, using rng: inout RandomGenerator) throws(DataError) -> Dataset {
        guard count >= 0 else { throw DataError("sample: the count must be 0 or more, got \(count)") }
        guard n > 0 || count == 0 else { throw DataError("sample: the data set is empty") }
        do { _ = try Tensor.elementCount([count] + samples.shape.dropFirst()) } catch {
            throw DataError("sample: \(count) samples are too many to hold (\(error.message))")
        }
        var idx = [Int](repeating: 0, count: count)
        for k in 0..<count { idx[k] = Int(rng.below(UInt64(n))) }
        return rows(idx)
    }

    /// Each feature (each element position of a sample) shifted to mean 0 and scaled to
    /// standard deviation 1 over the rows: z = (x − mean) / std, with the population std.
    /// A constant feature has std 0 and is only centred.
    public func standardized() -> Dataset {
        let r = rowSize
        var mean = [Double](repeating: 0, count: r), m2 = [Double](repeating: 0, count: r)
        let s = samples.scalars
        for i in 0..<n { for j in 0..<r { mean[j] += s[i * r + j] } }
        let count = Double(max(n, 1))
        for j in 0..<r { mean[j] /= count }
        for i in 0..<n { for j in 0..<r { let d = s[i * r + j] - mean[j]; m2[j] += d * d } }
        let scale = m2.map { v -> Double in let sd = (v / count).squareRoot(); return sd > 0 ? 1 / sd : 1 }
        var out = s
        for i in 0..<n { for j in 0..<r { out[i * r + j] = (s[i * r + j] - mean[j]) * scale[j] } }
        return Dataset(unchecked: out, rows: n, like: self)
    }

    /// 1 where a value is greater than `threshold`, else 0 (NaN gives 0).
    public func binarized(_ threshold: Double) -> Dataset {
        Dataset(unchecked: samples.scalars.map { $0 > threshold ? 1 : 0 }, rows: n, like: self)
    }

    /// A table of `rows` rows with the given column names.
    init(unchecked scalars: [Double], rows: Int, columns: [String]) {
        samples = Tensor(unchecked: [rows, columns.count], scalars: scalars)
        self.columns = columns
    }
}
