import Foundation
import ThetaTensor

extension GradientCheck {
    /// Checks second derivatives: the recorded backward pass (`differentiableGradient`),
    /// differentiated again, against central differences of the ordinary first-order gradient.
    ///
    /// With `L = Σ_k r_k f(x)_k` (the weights of `check`) and fixed weights `v` over the
    /// gradient's entries, the scalar `S(x) = Σ_j Σ_p v_jp ∂L/∂x_jp` is formed on the tape from
    /// the recorded gradients, and its tape gradient (a Hessian-vector product `H·v`) is
    /// compared entry by entry with `(S(x + h·e) − S(x − h·e)) / 2h`, where `S` at the
    /// displaced points is computed by the plain backward pass (`gradient(of:)`, itself checked
    /// against differences of `f` by `check`). The recorded gradients' values are also
    /// compared with the plain ones: `maxFirstOrderDifference` in the result.
    public static func checkSecondOrder(_ inputs: [Tensor], step: Double = 1e-5, rtol: Double = 1e-5,
                                        atol: Double = 1e-7,
                                        _ f: (Tape, [Variable]) throws(AutodiffError) -> Variable)
        throws(AutodiffError) -> (report: Report, maxFirstOrderDifference: Double) {
        /// The weight of the gradient entry at `p` of input `j`.
        func v(_ j: Int, _ p: Int) -> Double { 1 + 0.5 * Foundation.cos(0.9 * Double(p) + 1.3 * Double(j) + 0.2) }
        func weights(_ shape: [Int], _ j: Int) -> Tensor {
            let n = shape.reduce(1, *)
            return Tensor(unchecked: shape, scalars: (0..<n).map { v(j, $0) })
        }

        let tape = Tape()
        let xs = inputs.map { tape.leaf($0) }
        let y = try f(tape, xs)
        let seed = Tensor(unchecked: y.value.shape, scalars: (0..<y.value.count).map(weight))
        let recorded = try tape.differentiableGradient(of: y, wrt: xs, seed: seed)
        let plain = try tape.gradient(of: y, wrt: xs, seed: seed)
        var firstOrder = 0.0
        for (r, p) in zip(recorded, plain) {
            for (a, b) in zip(r.value.scalars, p.scalars) { firstOrder = Swift.max(firstOrder, Swift.abs(a - b)) }
            if r.value.shape != p.shape { firstOrder = .infinity }
        }
        var s = tape.constant(Tensor(0))
        for (j, g) in recorded.enumerated() {
            s = try s + (g * tape.constant(weights(g.value.shape, j))).sum()
        }
        let analytic = try tape.gradient(of: s, wrt: xs)

        /// `S` at `point`, by the plain backward pass on a fresh tape.
        func weightedGradient(_ point: [Tensor]) throws(AutodiffError) -> Double {
            let t = Tape()
            let ls = point.map { t.leaf($0) }
            let out = try f(t, ls)
            let gs = try t.gradient(of: out, wrt: ls, seed: seed)
            var total = 0.0
            for (j, g) in gs.enumerated() {
                for (p, x) in g.scalars.enumerated() { total += v(j, p) * x }
            }
            return total
        }

        let report = try compare(inputs, analytic: analytic, step: step, rtol: rtol, atol: atol, weightedGradient)
        return (report, firstOrder)
    }
}
