import Foundation
import ThetaAutodiff
import ThetaProbability
import ThetaTensor

/// `theta-bench distributions`: `Normal.logp` and a 5-component `Mixture.logp` over 10^6
/// points, forward and backward (gradients into the parameters), through ThetaProbability's
/// Swift API. The mixture is the gmm1d model of shared/WORKLOADS.md at ten times its data
/// (PyTorch: 15.0 ms per step for 10^5 points × 5 components, forward + backward + Adam).
enum DistributionBench {
    static let points = 1_000_000

    static func run() throws {
        var rng = RandomGenerator(seed: 0)
        let x = try Tensor.randn(shape: [points], using: &rng)
        let column = try x.reshaped([points, 1])
        print("distributions: logp over \(points) points, forward + backward, best of 5 (ms)")

        let normal = try measure { tape in
            let mu = tape.leaf(Tensor(0.3)), sigma = tape.leaf(Tensor(1.7))
            let d = try Normal(mu: mu, sigma: sigma)
            let y = try d.logp(tape.constant(x)).sum()
            return (y, [mu, sigma])
        }
        let mixture = try measure { tape in
            let w = tape.leaf(Tensor([0.1, 0.2, 0.3, 0.2, 0.2]))
            let mus = tape.leaf(try Tensor.linspace(-4, 4, count: 5))
            let sigmas = tape.leaf(try Tensor(repeating: 1, shape: [5]))
            let d = try Mixture(weights: w, component: try Normal(mu: mus, sigma: sigmas))
            let y = try d.logp(tape.constant(column)).sum()
            return (y, [w, mus, sigmas])
        }
        print(String(format: "  %-28@ forward %7.1f   backward %7.1f   total %7.1f", "Normal(mu, sigma)" as NSString,
                     normal.forward * 1e3, normal.backward * 1e3, (normal.forward + normal.backward) * 1e3))
        print(String(format: "  %-28@ forward %7.1f   backward %7.1f   total %7.1f", "Mixture of 5 Normals" as NSString,
                     mixture.forward * 1e3, mixture.backward * 1e3, (mixture.forward + mixture.backward) * 1e3))
    }

    /// Best forward and backward times of `build` (which records logp(x).sum() and returns it
    /// with the leaves), over 5 fresh tapes after a warm-up.
    static func measure(_ build: (Tape) throws -> (Variable, [Variable])) throws -> (forward: Double, backward: Double) {
        var best = (forward: Double.infinity, backward: Double.infinity)
        for rep in 0..<6 {
            let tape = Tape()
            let t0 = Bench.now()
            let (y, leaves) = try build(tape)
            let t1 = Bench.now()
            let grads = try tape.gradient(of: y, wrt: leaves)
            let t2 = Bench.now()
            consume(y.value.scalars[0] + grads[0].scalars[0])
            if rep > 0 { best = (min(best.forward, t1 - t0), min(best.backward, t2 - t1)) }
        }
        return best
    }
}
