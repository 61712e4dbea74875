import Foundation
import ThetaAutodiff
import ThetaTensor

/// `theta-bench tiny_ops`: per-op dispatch overhead of the tape on tiny tensors
/// (spec in shared/WORKLOADS.md). For n in (1, 16): leaves z0 = 0.5, w = 0.9, b = 0.1 (n
/// elements each), ITERS = 100,000 steps of `z = z + 0.01·tanh(z·w + b)` (5 recorded
/// elementwise ops each), one backward of `z.sum()`, and the same forward without recording.
/// Prints microseconds per elementwise op (median of 3 runs after a warm-up), peak RSS, and
/// checksums compared with an independent scalar recursion and PyTorch's dw.
enum TinyOps {
    static let iterations = 100_000
    static let opsPerIteration = 5
    static let pytorchDW = 1.057857749

    struct Run {
        var fwd = 0.0, bwd = 0.0, nograd = 0.0   // seconds
        var z = Tensor(0), dz0 = Tensor(0), dw = Tensor(0), db = Tensor(0)
        var tapeNodes = 0
    }

    static func main() throws {
        print("tiny_ops: z = z + 0.01*tanh(z*w + b), \(iterations) iterations, \(iterations * opsPerIteration) recorded ops; one thread")
        _ = try run(n: 1, iterations: 10_000)   // warm-up
        var timedLoop = 0.0
        for n in [1, 16] {
            resetPeakRSS()
            let before = rssMiB("VmRSS")
            var runs: [Run] = []
            for _ in 0..<3 { runs.append(try run(n: n, iterations: iterations)) }
            let peak = rssMiB("VmHWM")
            let ops = Double(iterations * opsPerIteration)
            func median(_ f: (Run) -> Double) -> Double { runs.map(f).sorted()[1] }
            let fwd = median(\.fwd) / ops * 1e6, bwd = median(\.bwd) / ops * 1e6
            let nograd = median(\.nograd) / ops * 1e6
            timedLoop += median { $0.fwd + $0.bwd + $0.nograd }
            print(String(format: "n=%-2d fwd_us=%.4f bwd_us=%.4f step_us=%.4f nograd_us=%.4f peak_rss_mib=%.1f (rss before %.1f, %.0f bytes per node; %d nodes)",
                         n, fwd, bwd, fwd + bwd, nograd, peak, before,
                         (peak - before) * 1_048_576 / Double(runs[0].tapeNodes), runs[0].tapeNodes))
            let r = runs[0]
            let ref = reference()
            let uniform = [r.z, r.dz0, r.dw, r.db].allSatisfy { t in t.scalars.allSatisfy { $0 == t.scalars[0] } }
            print(String(format: "n=%-2d z=%.10f dz0=%.10f dw=%.10f db=%.10f (every element equal: %@)",
                         n, r.z.scalars[0], r.dz0.scalars[0], r.dw.scalars[0], r.db.scalars[0], uniform ? "yes" : "NO"))
            print(String(format: "n=%-2d |dw - pytorch 1.057857749| = %.2e; vs scalar recursion: |dz| %.1e |dz0| %.1e |dw| %.1e |db| %.1e",
                         n, Swift.abs(r.dw.scalars[0] - pytorchDW),
                         Swift.abs(r.z.scalars[0] - ref.z), Swift.abs(r.dz0.scalars[0] - ref.dz0),
                         Swift.abs(r.dw.scalars[0] - ref.dw), Swift.abs(r.db.scalars[0] - ref.db)))
        }
        print(String(format: "timed loop (fwd + bwd + nograd, n = 1 and 16, medians): %.3f s (PyTorch 11.89 s)", timedLoop))
    }

    /// One fresh tape: forward with recording, backward, forward without recording.
    static func run(n: Int, iterations: Int) throws -> Run {
        var out = Run()
        let tape = Tape()
        let z0 = tape.leaf(try Tensor.full([n], 0.5))
        let w = tape.leaf(try Tensor.full([n], 0.9))
        let b = tape.leaf(try Tensor.full([n], 0.1))

        var t = now()
        var z = z0
        for _ in 0..<iterations {
            z = try z + 0.01 * (z * w + b).tanh()
        }
        out.fwd = now() - t
        out.tapeNodes = tape.count
        t = now()
        let grads = try tape.gradient(of: z.sum(), wrt: [z0, w, b])
        out.bwd = now() - t
        out.z = z.value
        out.dz0 = grads[0]; out.dw = grads[1]; out.db = grads[2]

        t = now()
        let zFree = try tape.withoutRecording { () throws(AutodiffError) -> Variable in
            var z = z0
            for _ in 0..<iterations {
                z = try z + 0.01 * (z * w + b).tanh()
            }
            return z
        }
        out.nograd = now() - t
        if zFree.value != out.z || zFree.isTracked { print("tiny_ops: WARNING: no-grad forward differs") }
        return out
    }

    /// The same recursion on plain Doubles with the derivative written out by hand:
    /// `z' = z + 0.01·tanh(zw + b)`, so with `d = ∂L/∂z' · 0.01·(1 − tanh²)`,
    /// `∂L/∂z = ∂L/∂z' + d·w`, `∂L/∂w += d·z`, `∂L/∂b += d`.
    static func reference() -> (z: Double, dz0: Double, dw: Double, db: Double) {
        var zs = [Double](repeating: 0, count: iterations)
        var z = 0.5
        let w = 0.9, b = 0.1
        for i in 0..<iterations {
            zs[i] = z
            z = z + 0.01 * Foundation.tanh(z * w + b)
        }
        var gz = 1.0, gw = 0.0, gb = 0.0
        for i in stride(from: iterations - 1, through: 0, by: -1) {
            let t = Foundation.tanh(zs[i] * w + b)
            let d = gz * 0.01 * (1 - t * t)
            gw += d * zs[i]
            gb += d
            gz += d * w
        }
        return (z, gz, gw, gb)
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// A line of /proc/self/status (`VmHWM`, `VmRSS`) in MiB, or -1 where unavailable.
    static func rssMiB(_ key: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let digits = line.split(separator: " ").compactMap { Double($0) }
            if let kb = digits.first { return kb / 1024 }
        }
        return -1
    }

    /// Resets VmHWM to the current RSS (Linux: "5" into /proc/self/clear_refs).
    static func resetPeakRSS() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}
