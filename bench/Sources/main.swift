import Foundation

// theta-bench [workload...]: runs the named workloads (all by default), each printing a table.
// Build and run in release: `swift run -c release theta-bench matmul elementwise tiny_ops`.
// OpenBLAS runs on one thread unless OPENBLAS_NUM_THREADS is set (see BenchSupport.swift).

let workloads = ["matmul", "elementwise", "tiny_ops", "distributions", "data"]
let requested = Array(CommandLine.arguments.dropFirst())
Bench.configureBLAS()
for name in requested.isEmpty ? workloads : requested {
    switch name {
    case "matmul": MatMulBench.run()
    case "elementwise": ElementwiseBench.run()
    case "tiny_ops": try TinyOps.main()
    case "distributions": try DistributionBench.run()
    case "data": DataBench.run()
    default:
        FileHandle.standardError.write(Data("theta-bench: unknown workload '\(name)' (known: \(workloads.joined(separator: ", ")))\n".utf8))
        exit(2)
    }
}
