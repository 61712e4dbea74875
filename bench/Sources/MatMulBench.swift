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
        runBatched()
    }

    /// A stack of small products, `[batch, n, n] @ [batch, n, n]`, against a loop of direct
    /// `cblas_dgemm` calls: the cost of Theta's batch walk and shape checks per matrix.
    static func runBatched() {
        var table = Table(["batch x n", "Theta GFLOP/s", "dgemm loop GFLOP/s", "Theta / direct"])
        for (batch, n) in [(256, 16), (64, 64)] {
            let count = batch * n * n
            let a = Tensor(unchecked: [batch, n, n], scalars: Bench.values(count, seed: 3))
            let b = Tensor(unchecked: [batch, n, n], scalars: Bench.values(count, seed: 4))
            var c = [Double](repeating: 0, count: count)
            let flops = 2 * Double(batch) * Double(n) * Double(n) * Double(n)
            let inner = Bench.innerCount(estimate: flops / 20e9, target: 0.05)
            let theta = {
                do { consume(try Tensor.matmul(a, b).scalars[n + 1]) } catch { print("matmul failed: \(error)") }
            }
            let direct = {
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            guard let A = pa.baseAddress, let B = pb.baseAddress, let C = pc.baseAddress else { return }
                            for i in 0..<batch {
                                let o = i * n * n
                                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                                            1, A + o, Int32(n), B + o, Int32(n), 0, C + o, Int32(n))
                            }
                        }
                    }
                }
                consume(c[n + 1])
            }
            var tTheta = Double.infinity, tDirect = Double.infinity
            for _ in 0..<3 {
                tDirect = min(tDirect, Bench.best(reps: 7, inner: inner, direct))
                tTheta = min(tTheta, Bench.best(reps: 7, inner: inner, theta))
            }
            let gTheta = flops / tTheta / 1e9, gDirect = flops / tDirect / 1e9
            table.add(["\(batch) x \(n)", fixed(gTheta), fixed(gDirect), fixed(100 * gTheta / gDirect, 0) + "%"])
        }
        print(table.render())
        print("")
    }
}
