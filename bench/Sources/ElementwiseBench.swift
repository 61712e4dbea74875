import ThetaTensor

/// `theta-bench elementwise`: elementwise kernels and reductions over 10^6 float64 elements,
/// as memory traffic in GB/s, then the bandwidth-bound ones again at 10^7 elements.
///
/// Bytes counted: every operand element read once plus every result element written once
/// (8 bytes each): `a + b` moves 24 bytes per element, `exp(a)` 16, `sum(a)` 8. Reductions
/// that pass over their input twice (logsumexp: a max pass, then an exp-sum pass) are still
/// counted once, so their figure is traffic per logical read. The reference row copies the
/// same buffer with `memcpy` (16 bytes per element), which is what this machine's memory
/// system sustains for a read+write stream of this size.
///
/// At 10^6 elements three 8 MB operands fit in the 32 MB last-level cache, so figures can
/// exceed DRAM bandwidth. At 10^7 a fresh 80 MB result exceeds glibc's largest mmap
/// threshold (32 MB): every `a + b` maps new pages and the kernel zero-fills them on first
/// touch, which costs far more than the addition. Running with
/// `GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=4294967296` keeps such
/// buffers in the heap for reuse and shows the kernel's own speed.
enum ElementwiseBench {
    static let n = 1_000_000
    /// The machine's memory bandwidth as stated in shared/WORKLOADS.md (25-33 GB/s); the
    /// "vs 25 GB/s" column compares against its low end.
    static let statedBandwidth = 25.0

    /// A larger size whose operands (80 MB each) do not fit in the last-level cache, so the
    /// figures are main-memory bandwidth; only the bandwidth-bound cases are repeated there.
    static let large = 10_000_000

    static func run() {
        table(n: n, reps: 30, full: true)
        table(n: large, reps: 8, full: false)
    }

    static func table(n: Int, reps: Int, full: Bool) {
        let a = Tensor(unchecked: [n], scalars: Bench.values(n, seed: 1))
        let b = Tensor(unchecked: [n], scalars: Bench.values(n, seed: 2))
        let side = Int(Double(n).squareRoot())
        let matrix = Tensor(unchecked: [side, n / side], scalars: Array(a.scalars[0..<(side * (n / side))]))
        let row = Tensor(unchecked: [n / side], scalars: Array(b.scalars[0..<(n / side)]))
        let scalar = Tensor(0.5)
        let positive = Tensor(unchecked: [n], scalars: a.scalars.map { Swift.abs($0) + 1e-3 })
        var scratch = [Double](repeating: 0, count: n)

        typealias Case = (name: String, bytesPerElement: Double, body: () throws -> Double)
        let cases: [Case] = [
            ("memcpy (reference)", 16, {
                a.scalars.withUnsafeBufferPointer { src in
                    scratch.withUnsafeMutableBufferPointer { dst in
                        guard let d = dst.baseAddress, let s = src.baseAddress else { return }
                        d.update(from: s, count: n)
                    }
                }
                return scratch[7]
            }),
            ("add  a + b", 24, { try Tensor.add(a, b).scalars[7] }),
            ("mul  a * b", 24, { try Tensor.mul(a, b).scalars[7] }),
            ("add  a + 0.5 (scalar)", 16, { try Tensor.add(a, scalar).scalars[7] }),
            ("add  [\(side),\(n / side)] + [\(n / side)]", 16, { try Tensor.add(matrix, row).scalars[7] }),
            ("exp(a)", 16, { a.apply(.exp).scalars[7] }),
            ("tanh(a)", 16, { a.apply(.tanh).scalars[7] }),
            ("log(|a| + 1e-3)", 16, { positive.apply(.log).scalars[7] }),
            ("sigmoid(a)", 16, { a.apply(.sigmoid).scalars[7] }),
            ("sum(a)", 8, { try a.reduce(.sum).scalars[0] }),
            ("max(a)", 8, { try a.reduce(.max).scalars[0] }),
            ("logsumexp(a)", 8, { try a.reduce(.logsumexp).scalars[0] }),
            ("sum(axis 0) [\(side),\(n / side)]", 8, { try matrix.reduce(.sum, axes: [0]).scalars[7] }),
            ("sum(axis 1) [\(side),\(n / side)]", 8, { try matrix.reduce(.sum, axes: [1]).scalars[7] }),
        ]

        let bandwidthBound: Set<String> = ["memcpy (reference)", "add  a + b", "mul  a * b", "sum(a)", "max(a)"]
        print("elementwise: n = \(n) float64 elements (\(n * 8 / 1_000_000) MB per operand), best of \(reps) repetitions")
        var table = Table(["operation", "time (us)", "GB/s", "vs memcpy", "vs 25 GB/s"])
        var reference = Double.nan
        for c in cases where full || bandwidthBound.contains(c.name) {
            let body = {
                do { consume(try c.body()) } catch { print("\(c.name) failed: \(error)") }
            }
            let t = Bench.best(reps: reps, inner: full ? 5 : 2, body)
            let gbps = c.bytesPerElement * Double(n) / t / 1e9
            if reference.isNaN { reference = gbps }
            table.add([c.name, fixed(t * 1e6, 0), fixed(gbps), fixed(gbps / reference, 2),
                       fixed(gbps / statedBandwidth, 2)])
        }
        print(table.render())
        if !full {
            print("(results over 32 MB are fresh mmap pages each call; see ElementwiseBench.swift for GLIBC_TUNABLES)")
        }
        print("")
    }
}
