import Foundation
import ThetaTensor

/// Checks a tape's gradients against central finite differences.
///
/// For a function `f` of tensors `x_1 … x_m`, the tape computes `∂L/∂x_j` for the scalar
/// `L = Σ_k r_k · f(x)_k` with fixed, distinct weights `r_k = 1 + ½·sin(1.7k + 0.3)` (so that a
/// rule wrong in a direction that a plain sum cancels, as for softmax, is still caught). Each
/// entry is compared with `(L(x + h·e) − L(x − h·e)) / 2h`, whose error is `O(h²)` plus
/// rounding `O(ε·|L|/h)`. An entry passes when `|analytic − numeric| ≤ atol + rtol·|numeric|`.
public enum GradientCheck {
    public struct Report: Sendable, CustomStringConvertible {
        /// The tape's gradients, one per input.
        public let analytic: [Tensor]
        /// The central-difference estimates, one per input.
        public let numeric: [Tensor]
        /// The largest `|analytic − numeric|`.
        public let maxAbsoluteError: Double
        /// The input, flat position and both values of the entry furthest outside the
        /// tolerance (or the largest error when all pass).
        public let worst: (input: Int, position: Int, analytic: Double, numeric: Double)?
        public let passed: Bool

        public var description: String {
            guard let w = worst else { return "gradient check: no entries" }
            return "gradient check \(passed ? "passed" : "FAILED"): max |error| \(maxAbsoluteError); "
                + "worst at input \(w.input), position \(w.position): analytic \(w.analytic), numeric \(w.numeric)"
        }
    }

    /// The weight of output element `k` in the checked scalar.
    public static func weight(_ k: Int) -> Double { 1 + 0.5 * Foundation.sin(1.7 * Double(k) + 0.3) }

    /// Compares `f`'s tape gradients at `inputs` with central differences of step `step`.
    /// `f` receives a tape and one variable per input and returns a variable of any shape.
    /// - Throws: whatever `f` or the backward pass throws.
    public static func check(_ inputs: [Tensor], step: Double = 1e-6, rtol: Double = 1e-6,
                             atol: Double = 1e-8,
                             _ f: (Tape, [Variable]) throws(AutodiffError) -> Variable) throws(AutodiffError) -> Report {
        let tape = Tape()
        let xs = inputs.map { tape.leaf($0) }
        let y = try f(tape, xs)
        let seed = Tensor(unchecked: y.value.shape, scalars: (0..<y.value.count).map(weight))
        let analytic = try tape.gradient(of: y, wrt: xs, seed: seed)

        /// `L` at `point`, computed without recording.
        func loss(_ point: [Tensor]) throws(AutodiffError) -> Double {
            let t = Tape()
            let out = try t.withoutRecording { () throws(AutodiffError) -> Variable in
                try f(t, point.map { t.constant($0) })
            }
            var total = 0.0
            for (k, v) in out.value.scalars.enumerated() { total += weight(k) * v }
            return total
        }

        return try compare(inputs, analytic: analytic, step: step, rtol: rtol, atol: atol, loss)
    }

    /// Compares `analytic[j]`, the claimed gradient of the scalar `scalar` in input `j`, entry
    /// by entry with central differences of `scalar` of step `step`.
    static func compare(_ inputs: [Tensor], analytic: [Tensor], step: Double, rtol: Double, atol: Double,
                        _ scalar: ([Tensor]) throws(AutodiffError) -> Double) throws(AutodiffError) -> Report {
        var numeric: [Tensor] = []
        var maxError = 0.0
        var worst: (input: Int, position: Int, analytic: Double, numeric: Double)?
        var worstExcess = -Double.infinity
        var passed = true
        for (j, x) in inputs.enumerated() {
            var estimates = [Double](repeating: 0, count: x.count)
            for p in 0..<x.count {
                var point = inputs
                point[j].scalars[p] = x.scalars[p] + step
                let up = try scalar(point)
                point[j].scalars[p] = x.scalars[p] - step
                let down = try scalar(point)
                let n = (up - down) / (2 * step)
                estimates[p] = n
                let a = p < analytic[j].count ? analytic[j].scalars[p] : .nan
                let error = Swift.abs(a - n)
                let bound = atol + rtol * Swift.abs(n)
                if !(error <= bound) { passed = false }   // NaN fails
                // NaN is sticky in the maximum and ranks as the worst entry.
                maxError = error.isNaN || maxError.isNaN ? .nan : Swift.max(maxError, error)
                let excess = error.isNaN ? Double.infinity : error - bound
                if worst == nil || excess > worstExcess {
                    worstExcess = excess
                    worst = (j, p, a, n)
                }
            }
            numeric.append(Tensor(unchecked: x.shape, scalars: estimates))
            if analytic[j].shape != x.shape { passed = false }
        }
        return Report(analytic: analytic, numeric: numeric, maxAbsoluteError: maxError,
                      worst: worst, passed: passed)
    }
}
