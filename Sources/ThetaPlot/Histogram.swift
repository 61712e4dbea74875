import Foundation

/// Histogram binning.
///
/// Bin count: given, or the Freedman–Diaconis rule, width h = 2·IQR·n^(-1/3), giving
/// ceil((max − min) / h) bins, clamped to 5...60; when the IQR is 0 (many equal values) Sturges'
/// rule ceil(log2 n) + 1 is used instead. Bins are equal-width over [min, max]; the last bin is
/// closed on the right, so the maximum is counted. Heights are densities,
/// count / (n · width), so the bars' total area is 1 and a probability density overlays them.
public enum Histogram {
    /// Edges and density heights of the finite values; nil when there are none.
    public static func bins(_ values: [Double], count: Int? = nil) -> (edges: [Double], heights: [Double])? {
        let xs = values.filter(\.isFinite).sorted()
        guard let lo = xs.first, let hi = xs.last else { return nil }
        let n = xs.count
        var k = count ?? defaultCount(sorted: xs)
        k = max(1, min(k, 1000))
        var a = lo, b = hi
        if a == b { a -= 0.5; b += 0.5 }  // all values equal: one unit-wide bin around them
        let width = (b - a) / Double(k)
        var counts = [Int](repeating: 0, count: k)
        for x in xs {
            let i = Int(((x - a) / width).rounded(.down))
            counts[min(max(i, 0), k - 1)] += 1
        }
        let edges = (0...k).map { $0 == k ? b : a + Double($0) * width }
        let heights = counts.map { Double($0) / (Double(n) * width) }
        return (edges, heights)
    }

    /// The Freedman–Diaconis bin count (Sturges when the IQR is 0), clamped to 5...60.
    static func defaultCount(sorted xs: [Double]) -> Int {
        let n = xs.count
        let sturges = Int(log2(Double(max(n, 1))).rounded(.up)) + 1
        guard n >= 4, let lo = xs.first, let hi = xs.last, hi > lo else { return max(5, min(sturges, 60)) }
        let iqr = quantile(xs, 0.75) - quantile(xs, 0.25)
        guard iqr > 0 else { return max(5, min(sturges, 60)) }
        let h = 2 * iqr * pow(Double(n), -1.0 / 3.0)
        return max(5, min(Int(((hi - lo) / h).rounded(.up)), 60))
    }

    /// Linear-interpolation quantile of sorted values (NumPy's default, "linear").
    static func quantile(_ xs: [Double], _ q: Double) -> Double {
        guard !xs.isEmpty else { return .nan }
        let pos = q * Double(xs.count - 1)
        let i = Int(pos.rounded(.down))
        let f = pos - Double(i)
        return i + 1 < xs.count ? xs[i] + f * (xs[i + 1] - xs[i]) : xs[i]
    }
}
