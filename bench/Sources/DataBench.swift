import Foundation
import ThetaData
import ThetaTensor

/// Reading data files (issue 5): a 100 MB numeric CSV and a 256 MiB float64 NPY, generated in
/// /tmp on first use (never committed). Compare the CSV figure with pandas' C parser on the
/// same file and the NPY figure with a memcpy of the same size (bench/README.md gives the
/// commands).
enum DataBench {
    static let csvPath = "/tmp/theta-bench-100mb.csv"
    static let npyPath = "/tmp/theta-bench-256mib.npy"

    static func run() {
        do {
            try makeCSV()
            try makeNPY()
            var table = Table(["workload", "size", "best s", "MB/s"])
            let csvBytes = Double(fileSize(csvPath))
            for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
                var rows = 0
                let t = try bestThrowing(reps: 3) { rows = try CSVReader.read(path: csvPath, threads: threads).n }
                table.add(["csv read, \(threads) thread\(threads == 1 ? "" : "s") (\(rows) rows)",
                           mb(csvBytes), fmt(t), fmt(csvBytes / t / 1e6, 0)])
            }
            let npyBytes = Double(fileSize(npyPath))
            var checksum = 0.0
            let tn = try bestThrowing(reps: 5) { checksum = try NPYReader.read(path: npyPath).scalars[12345] }
            consume(checksum)
            table.add(["npy read <f8 (file → tensor)", mb(npyBytes), fmt(tn), fmt(npyBytes / tn / 1e6, 0)])
            let tc = memcpyTime(Int(npyBytes))
            table.add(["memcpy of the same size (warm buffers)", mb(npyBytes), fmt(tc), fmt(npyBytes / tc / 1e6, 0)])
            print("data: reading files (best of several runs)")
            print(table.render())
            print("npy read / memcpy: \(fmt(tc / tn * 100, 0))%")
        } catch {
            print("data: \(error)")
        }
    }

    static func bestThrowing(reps: Int, _ body: () throws -> Void) throws -> Double {
        try body()
        var fastest = Double.infinity
        for _ in 0..<reps {
            let t0 = Bench.now()
            try body()
            fastest = min(fastest, Bench.now() - t0)
        }
        return fastest
    }

    /// Memory bandwidth: copying the same number of bytes between two buffers that are
    /// already faulted in (the steady-state speed of memcpy, an upper bound for any reader).
    static func memcpyTime(_ bytes: Int) -> Double {
        let src = [Double](repeating: 1.5, count: bytes / 8)
        var dst = [Double](repeating: 0, count: bytes / 8)
        return Bench.best(reps: 5) {
            dst.withUnsafeMutableBufferPointer { d in
                src.withUnsafeBufferPointer { s in
                    if let db = d.baseAddress, let sb = s.baseAddress { db.update(from: sb, count: s.count) }
                }
            }
            consume(dst[777])
        }
    }

    /// 8 columns of standard normals written as their shortest round-trip decimals (what
    /// pandas' to_csv writes), about 100 MB.
    static func makeCSV() throws {
        if fileSize(csvPath) > 90_000_000 { return }
        var rng = RandomGenerator(seed: 42)
        var text = "a,b,c,d,e,f,g,h\n"
        text.reserveCapacity(105_000_000)
        while text.utf8.count < 100_000_000 {
            for j in 0..<8 { text += rng.normal().description + (j == 7 ? "\n" : ",") }
        }
        try text.write(toFile: csvPath, atomically: true, encoding: .utf8)
    }

    static func makeNPY() throws {
        if fileSize(npyPath) > 200_000_000 { return }
        let n = 32 * 1024 * 1024
        let t = Tensor(unchecked: [n / 8, 8], scalars: (0..<n).map { sin(Double($0)) })
        try NPYWriter.write(t, path: npyPath)
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func mb(_ bytes: Double) -> String { fmt(bytes / 1e6, 0) + " MB" }
    static func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
}
