import COpenBLAS
import ThetaTensor

/// `theta-bench matmul`: square matrix products C = A·B at n = 64, 256, 1024, Theta's
/// `Tensor.matmul` (which allocates its result and checks shapes) against `cblas_dgemm`
/// called directly on the same operand buffers into a preallocated result.
///
/// Work: 2n³ floating-point operations per product (n³ multiply-adds), reported as GFLOP/s.
/// The two are timed alternately, best of several repetitions each.
enum MatMulBench {
    static let sizes = [64, 256, 1024]

    static func run() {
        let threads = Bench.configureBLAS()
        print("matmul: C = A·B, float64, OpenBLAS threads = \(threads), best of repetitions")
        var table = Table(["n", "Theta GFLOP/s", "cblas_dgemm GFLOP/s", "Theta / direct"])
        for n in sizes {
            let a = Tensor(unchecked: [n, n], scalars: Bench.values(n * n, seed: 1))
            let b = Tensor(unchecked: [n, n], scalars: Bench.values(n * n, seed: 2))
            var c = [Double](repeating: 0, count: n * n)
            let flops = 2 * Double(n) * Double(n) * Double(n)
            let inner = Bench.innerCount(estimate: flops / 40e9, target: 0.05)
            let reps = n >= 1024 ? 5 : 9

            let theta = {
                do { consume(try Tensor.matmul(a, b).scalars[n + 1]) } catch { print("matmul failed: \(error)") }
            }
            let direct = {
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                                        1, pa.baseAddress, Int32(n), pb.baseAddress, Int32(n), 0, pc.baseAddress, Int32(n))
                        }
                    }
                }
                consume(c[n + 1])
            }
            // Interleave the two so that machine noise hits both alike.
            var tTheta = Double.infinity, tDirect = Double.infinity
            for _ in 0..<3 {
                tDirect = min(tDirect, Bench.best(reps: reps, inner: inner, direct))
                tTheta = min(tTheta, Bench.best(reps: reps, inner: inner, theta))
            }
            let gTheta = flops / tTheta / 1e9, gDirect = flops / tDirect / 1e9
            table.add(["\(n)", fixed(gTheta), fixed(gDirect), fixed(100 * gTheta / gDirect, 0) + "%"])
        }
        print(table.render())
        print("")
    }
}
