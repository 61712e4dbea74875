// theta-bench: `swift run -c release theta-bench <workload>`.
switch CommandLine.arguments.dropFirst().first {
case "tiny_ops": try TinyOps.main()
default: print("theta-bench: workloads: tiny_ops")
}
