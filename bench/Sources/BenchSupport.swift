import Foundation
import COpenBLAS

/// Shared machinery for the benchmark workloads: BLAS threading, timing, a result sink and
/// a plain-text table.
///
/// Timing convention: every figure is the best (minimum) of several repetitions after a
/// warm-up run, measured on the monotonic clock. The minimum is the least noisy estimate of
/// what the code costs on a shared machine; other processes only ever add time.
enum Bench {
    /// Pins OpenBLAS to one thread unless `OPENBLAS_NUM_THREADS` was set by the caller.
    ///
    /// OpenBLAS reads `OPENBLAS_NUM_THREADS` once, when the library is loaded (before `main`
    /// runs), so setting the variable from inside the process would be too late; the library
    /// call below changes the thread count directly. Returns the count in effect.
    @discardableResult
    static func configureBLAS() -> Int {
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
            openblas_set_num_threads(1)
        }
        return Int(openblas_get_num_threads())
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) * 1e-9
    }

    /// The best time in seconds per call of `body`: one warm-up call, then `reps`
    /// repetitions of `inner` back-to-back calls each, keeping the fastest repetition.
    static func best(reps: Int, inner: Int = 1, _ body: () -> Void) -> Double {
        body()
        var fastest = Double.infinity
        for _ in 0..<max(reps, 1) {
            let t0 = now()
            for _ in 0..<max(inner, 1) { body() }
            fastest = min(fastest, (now() - t0) / Double(max(inner, 1)))
        }
        return fastest
    }

    /// How many back-to-back calls make one repetition last about `target` seconds, given
    /// a rough single-call estimate.
    static func innerCount(estimate seconds: Double, target: Double = 0.02) -> Int {
        guard seconds > 0 else { return 1 }
        return max(1, min(100_000, Int(target / seconds)))
    }

    /// `n` deterministic, irregular values in [-1, 1] (no special structure for BLAS or the
    /// branch predictor to exploit).
    static func values(_ n: Int, seed: Double) -> [Double] {
        (0..<n).map { sin(Double($0) * 0.618_033_988_75 + seed) }
    }
}

/// Keeps benchmark results observable so the optimiser cannot delete the work producing them.
@inline(never)
func consume(_ x: Double) {
    if x.bitPattern == 0x7FF0_DEAD_BEEF_0001 { print("unreachable sink value") }
}

/// A right-aligned plain-text table with a header rule.
struct Table {
    let headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let w = i < widths.count ? widths[i] : c.count
                let pad = String(repeating: " ", count: max(0, w - c.count))
                return i == 0 ? c + pad : pad + c
            }.joined(separator: "  ")
        }
        var out = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// `x` with `digits` digits after the point.
func fixed(_ x: Double, _ digits: Int = 1) -> String {
    String(format: "%.\(digits)f", x)
}
