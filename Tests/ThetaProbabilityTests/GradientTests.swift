import Foundation
import XCTest
import ThetaAutodiff
@testable import ThetaProbability
import ThetaTensor

/// Central-difference checks of logp (with respect to parameters and x), cdf, entropy and
/// reparameterized samples; implicit gamma derivatives against mpmath.
final class GradientTests: XCTestCase {
    let xs = Tensor([-1.3, 0.2, 0.9, 2.4])
    let positive = Tensor([0.3, 0.8, 1.7, 4.1])
    let unit = Tensor([0.05, 0.3, 0.62, 0.97])

    /// Checks logp of `build(params)` at `x`, differentiating every parameter and x.
    func checkLogp(_ params: [Tensor], _ x: Tensor, rtol: Double = 1e-6, withX: Bool = true,
                   file: StaticString = #filePath, line: UInt = #line,
                   _ build: @escaping ([Variable]) throws(ProbabilityError) -> any Distribution) {
        assertGradients(params + [x], rtol: rtol, atol: 1e-7, file: file, line: line) { tape, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in
                let d = try build(Array(v.dropLast()))
                return try d.logp(withX ? v.last! : tape.constant(x))
            }
        }
    }

    func testContinuousLogp() {
        checkLogp([Tensor(0.4), Tensor(1.3)], xs) { v throws(ProbabilityError) in try Normal(mu: v[0], sigma: v[1]) }
        checkLogp([Tensor(0.4), Tensor(0.7)], positive) { v throws(ProbabilityError) in try LogNormal(mu: v[0], sigma: v[1]) }
        checkLogp([Tensor(0.4), Tensor(1.3)], xs) { v throws(ProbabilityError) in try Laplace(mu: v[0], b: v[1]) }
        checkLogp([Tensor(0.4), Tensor(1.3)], xs) { v throws(ProbabilityError) in try Cauchy(mu: v[0], gamma: v[1]) }
        checkLogp([Tensor(0.4), Tensor(1.3)], xs) { v throws(ProbabilityError) in try Logistic(mu: v[0], s: v[1]) }
        checkLogp([Tensor(3.5), Tensor(0.4), Tensor(1.3)], xs) { v throws(ProbabilityError) in try StudentT(nu: v[0], mu: v[1], sigma: v[2]) }
        checkLogp([Tensor(-2), Tensor(3)], xs) { v throws(ProbabilityError) in try Uniform(low: v[0], high: v[1]) }
        checkLogp([Tensor(1.7)], positive) { v throws(ProbabilityError) in try Exponential(rate: v[0]) }
        checkLogp([Tensor(2.5), Tensor(1.5)], positive) { v throws(ProbabilityError) in try Gamma(shape: v[0], rate: v[1]) }
        checkLogp([Tensor(0.7), Tensor(2.5)], unit) { v throws(ProbabilityError) in try Beta(alpha: v[0], beta: v[1]) }
        // Batch parameters broadcast against a [4, 1] x.
        checkLogp([Tensor([0.1, -0.5, 1]), Tensor([1, 2, 0.5])], Tensor(unchecked: [4, 1], scalars: xs.scalars)) { v throws(ProbabilityError) in
            try Normal(mu: v[0], sigma: v[1])
        }
    }

    func testVectorLogp() {
        let l = Tensor(unchecked: [2, 2], scalars: [1.2, 0, 0.4, 0.8])
        let x = Tensor(unchecked: [3, 2], scalars: [0.1, -0.3, 1.2, 0.4, -0.7, 2.0])
        checkLogp([Tensor([0.2, -0.1]), l], x) { v throws(ProbabilityError) in try MultivariateNormal(mu: v[0], scaleTril: v[1], validate: false) }
        // cov built symmetric from a free matrix so every entry's derivative is defined.
        assertGradients([Tensor([0.2, -0.1]), Tensor(unchecked: [2, 2], scalars: [1.2, 0.3, 0.4, 0.8]), x], rtol: 1e-5) { tape, v throws(AutodiffError) in
            let cov = try Variable.matmul(v[1], v[1].transposed()) + tape.constant(Tensor(unchecked: [2, 2], scalars: [0.5, 0, 0, 0.5]))
            return try pa { () throws(ProbabilityError) in try MultivariateNormal(mu: v[0], cov: cov).logp(v[2]) }
        }
        let simplex = Tensor(unchecked: [2, 3], scalars: [0.2, 0.5, 0.3, 0.6, 0.1, 0.3])
        checkLogp([Tensor([0.7, 2.0, 3.5])], simplex, withX: false) { v throws(ProbabilityError) in try Dirichlet(alpha: v[0]) }
    }

    func testDiscreteLogpInParameters() {
        let k = Tensor([0, 1, 1, 0])
        checkLogp([Tensor(0.3)], k, withX: false) { v throws(ProbabilityError) in try Bernoulli(p: v[0]) }
        checkLogp([Tensor(-0.6)], k, withX: false) { v throws(ProbabilityError) in try Bernoulli(logits: v[0]) }
        checkLogp([Tensor([0.2, 1.0, -0.5])], Tensor([0, 2, 1, 1]), withX: false) { v throws(ProbabilityError) in try Categorical(logits: v[0]) }
        checkLogp([Tensor([0.2, 0.5, 0.3])], Tensor([0, 2, 1, 1]), withX: false) { v throws(ProbabilityError) in try Categorical(p: v[0], validate: false) }
        checkLogp([Tensor(0.35)], Tensor([0, 3, 7, 10]), withX: false) { v throws(ProbabilityError) in
            try Binomial(n: v[0].tape.constant(Tensor(10)), p: v[0])
        }
        checkLogp([Tensor(3.2)], Tensor([0, 3, 7, 10]), withX: false) { v throws(ProbabilityError) in try Poisson(rate: v[0]) }
        checkLogp([Tensor(0.35)], Tensor([0, 3, 7, 10]), withX: false) { v throws(ProbabilityError) in try Geometric(p: v[0]) }
    }

    func testMixtureLogp() {
        assertGradients([Tensor([0.3, -0.2, 0.5]), Tensor([-1, 0.5, 2]), Tensor([0.6, 1.1, 0.4]), xs], rtol: 1e-6) { tape, v throws(AutodiffError) in
            let w = try v[0].softmax(axis: -1)
            return try pa { () throws(ProbabilityError) in
                try Mixture(weights: w, component: Normal(mu: v[1], sigma: v[2]), validate: false).logp(v[3])
            }
        }
        assertGradients([Tensor([0.3, -0.2]), Tensor(1.3), positive]) { tape, v throws(AutodiffError) in
            let w = try v[0].softmax(axis: -1)
            return try pa { () throws(ProbabilityError) in
                let comps: [any Distribution] = [try Exponential(rate: v[1]), try Gamma(shape: tape.constant(Tensor(2)), rate: v[1])]
                return try Mixture(weights: w, components: comps, validate: false).logp(v[2])
            }
        }
    }

    func testCdfAndEntropyGradients() {
        assertGradients([Tensor(0.4), Tensor(1.3), xs]) { _, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in try Normal(mu: v[0], sigma: v[1]).cdf(v[2]) }
        }
        // The shape derivative of the Gamma and Beta CDFs is itself a central difference.
        assertGradients([Tensor(2.5), Tensor(1.5), positive], rtol: 1e-5, atol: 1e-7) { _, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in try Gamma(shape: v[0], rate: v[1]).cdf(v[2]) }
        }
        assertGradients([Tensor(0.7), Tensor(2.5), unit], rtol: 1e-5, atol: 1e-7) { _, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in try Beta(alpha: v[0], beta: v[1]).cdf(v[2]) }
        }
        assertGradients([Tensor(3.5), Tensor(0.4), Tensor(1.3), xs], rtol: 1e-5, atol: 1e-7) { _, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in try StudentT(nu: v[0], mu: v[1], sigma: v[2]).cdf(v[3]) }
        }
        assertGradients([Tensor(3.2)]) { tape, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in try Poisson(rate: v[0]).cdf(tape.constant(Tensor([0, 2, 5]))) }
        }
        assertGradients([Tensor(0.35)]) { tape, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in try Binomial(n: tape.constant(Tensor(10)), p: v[0]).cdf(tape.constant(Tensor([0, 3, 9]))) }
        }
        assertGradients([Tensor(2.5), Tensor(1.5)]) { _, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in try Gamma(shape: v[0], rate: v[1]).entropy() }
        }
        assertGradients([Tensor([0.7, 2.0, 3.5])]) { _, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in try Dirichlet(alpha: v[0]).entropy() }
        }
    }

    /// Location–scale samples with a fixed seed are smooth functions of the parameters.
    func testReparameterizedSamples() {
        let makers: [(String, ([Variable]) throws(ProbabilityError) -> any Distribution)] = [
            ("Normal", { v throws(ProbabilityError) in try Normal(mu: v[0], sigma: v[1]) }),
            ("LogNormal", { v throws(ProbabilityError) in try LogNormal(mu: v[0], sigma: v[1]) }),
            ("Laplace", { v throws(ProbabilityError) in try Laplace(mu: v[0], b: v[1]) }),
            ("Logistic", { v throws(ProbabilityError) in try Logistic(mu: v[0], s: v[1]) }),
            ("Uniform", { v throws(ProbabilityError) in
                let high: Variable
                do throws(AutodiffError) { high = try v[1] + 2 } catch { throw ProbabilityError(error) }
                return try Uniform(low: v[0], high: high)
            }),
        ]
        for (name, make) in makers {
            assertGradients([Tensor([0.3, -0.4]), Tensor([0.8, 1.4])]) { _, v throws(AutodiffError) in
                var rng = RandomGenerator(seed: 9)
                return try pa { () throws(ProbabilityError) in try make(v).sample([3], using: &rng) }
            }
            _ = name
        }
        assertGradients([Tensor([0.3, -0.4]), Tensor(unchecked: [2, 2], scalars: [1.2, 0, 0.4, 0.8])]) { _, v throws(AutodiffError) in
            var rng = RandomGenerator(seed: 9)
            return try pa { () throws(ProbabilityError) in try MultivariateNormal(mu: v[0], scaleTril: v[1], validate: false).sample([3], using: &rng) }
        }
    }

    /// `d log x/dα` at Gamma quantiles against mpmath (fixture), to 1e-6 relative.
    func testImplicitGammaDerivativeAgainstMpmath() throws {
        let root = try loadFixtures()
        guard let points = root["gamma_reparam"] as? [[String: Double]] else { return XCTFail("no points") }
        XCTAssertGreaterThan(points.count, 30)
        for p in points {
            guard let a = p["alpha"], let x = p["x"], let e = p["expected"] else { continue }
            let got = GammaReparameterization.dLogXdAlpha(alpha: a, logx: log(x))
            XCTAssertLessThanOrEqual(abs(got - e), 1e-6 * abs(e) + 1e-300, "alpha \(a), x \(x): \(got) vs \(e)")
        }
    }

    /// `d/dα E[X] = 1/λ` and `d/dα E[X²] = (2α + 1)/λ²` for Gamma(α, λ), estimated from
    /// per-sample implicit gradients (one α entry per draw), within 5 standard errors.
    func testImplicitGammaGradientIsUnbiased() throws {
        let n = 20_000
        for (a, rate) in [(0.3, 1.0), (2.5, 2.0)] {
            let tape = Tape()
            let alpha = tape.leaf(try Tensor(repeating: a, shape: [n]))
            let r = tape.constant(Tensor(rate))
            var rng = RandomGenerator(seed: 21)
            let x = try Gamma(shape: alpha, rate: r).sample([], using: &rng)
            let g1 = try tape.gradient(of: x.sum(), wrt: [alpha])[0].scalars
            let (m1, se1) = meanAndError(g1)
            XCTAssertLessThanOrEqual(abs(m1 - 1 / rate), 5 * se1, "alpha \(a): dE[X]/dalpha \(m1) ± \(se1)")
            let g2 = try tape.gradient(of: x.square().sum(), wrt: [alpha])[0].scalars
            let (m2, se2) = meanAndError(g2)
            XCTAssertLessThanOrEqual(abs(m2 - (2 * a + 1) / (rate * rate)), 5 * se2, "alpha \(a): dE[X²]/dalpha \(m2) ± \(se2)")
        }
        // Beta: d/dα E[X] = β/(α+β)².
        let tape = Tape()
        let alpha = tape.leaf(try Tensor(repeating: 1.5, shape: [n]))
        var rng = RandomGenerator(seed: 22)
        let x = try Beta(alpha: alpha, beta: tape.constant(Tensor(2.5))).sample([], using: &rng)
        let g = try tape.gradient(of: x.sum(), wrt: [alpha])[0].scalars
        let (m, se) = meanAndError(g)
        XCTAssertLessThanOrEqual(abs(m - 2.5 / 16), 5 * se)
    }
}
