print("theta-bench: no workloads yet")
