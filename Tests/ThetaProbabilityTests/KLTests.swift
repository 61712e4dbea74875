import Foundation
import XCTest
import ThetaAutodiff
import ThetaProbability
import ThetaTensor

/// Every closed form in the KL table against the Monte Carlo estimate (within 5 standard
/// errors), plus exact values where they are known independently.
final class KLTests: XCTestCase {
    func pairs(_ t: Tape) throws -> [(any Distribution, any Distribution)] {
        let c = { (v: Double) in t.constant(Tensor(v)) }
        let v = { (xs: [Double]) in t.constant(Tensor(xs)) }
        let m = { (xs: [Double]) in t.constant(Tensor(unchecked: [2, 2], scalars: xs)) }
        return [
            (try Normal(mu: v([0, 1]), sigma: v([1, 0.5])), try Normal(mu: c(0.5), sigma: c(2))),
            (try LogNormal(mu: c(0.2), sigma: c(0.5)), try LogNormal(mu: c(-0.1), sigma: c(0.8))),
            (try MultivariateNormal(mu: v([0, 1]), cov: m([1, 0.3, 0.3, 0.5])), try MultivariateNormal(mu: v([0.5, 0]), scaleTril: m([1.5, 0, 0.2, 0.9]))),
            (try Bernoulli(p: v([0.3, 0.9])), try Bernoulli(logits: c(0.4))),
            (try Categorical(p: v([0.2, 0.5, 0.3])), try Categorical(logits: v([0.1, -0.3, 0.8]))),
            (try Exponential(rate: c(1.5)), try Exponential(rate: c(0.7))),
            (try Gamma(shape: c(2.5), rate: c(1.5)), try Gamma(shape: c(1.2), rate: c(0.8))),
            (try Beta(alpha: c(2), beta: c(3)), try Beta(alpha: c(1.2), beta: c(0.9))),
            (try Dirichlet(alpha: v([1.5, 2, 3])), try Dirichlet(alpha: v([1, 1, 2]))),
            (try Poisson(rate: c(3)), try Poisson(rate: c(4.5))),
            (try Uniform(low: c(0), high: c(1)), try Uniform(low: c(-1), high: c(2))),
            (try Laplace(mu: c(0.3), b: c(0.8)), try Laplace(mu: c(-0.2), b: c(1.5))),
            (try Geometric(p: c(0.3)), try Geometric(p: c(0.5))),
            (try Independent(Normal(mu: v([0, 1]), sigma: v([1, 2])), dims: 1), try Independent(Normal(mu: v([1, 1]), sigma: c(1.5)), dims: 1)),
        ]
    }

    func testClosedFormsAgreeWithMonteCarlo() throws {
        let t = Tape()
        var covered = Set<KLKey>()
        for (k, (p, q)) in try pairs(t).enumerated() {
            guard let exact = try klDivergence(p, q) else { XCTFail("no closed form for \(p.family)"); continue }
            covered.insert(KLKey(p.family, q.family))
            var rng = RandomGenerator(seed: UInt64(40 + k))
            let (estimate, se) = try klMonteCarlo(p, q, n: 40_000, using: &rng)
            XCTAssertEqual(exact.shape, estimate.shape, p.family)
            for i in 0..<exact.value.count {
                let e = exact.value.scalars[i], mc = estimate.value.scalars[i], s = se.scalars[i]
                XCTAssertLessThanOrEqual(abs(e - mc), 5 * s + 1e-12, "\(p.family): closed \(e), Monte Carlo \(mc) ± \(s)")
                XCTAssertGreaterThanOrEqual(e, -1e-12)
            }
        }
        XCTAssertEqual(covered, Set(KL.pairs), "every table entry is tested")
    }

    func testKnownValuesAndEdges() throws {
        let t = Tape()
        let c = { (v: Double) in t.constant(Tensor(v)) }
        // KL(N(0,1) || N(1,2)) = log 2 + (1 + 1)/8 − ½.
        let n = try klDivergence(Normal(mu: c(0), sigma: c(1)), Normal(mu: c(1), sigma: c(2)))
        XCTAssertEqual(n?.value.scalars[0] ?? .nan, log(2) + 0.25 - 0.5, accuracy: 1e-15)
        let same = try klDivergence(Gamma(shape: c(2), rate: c(3)), Gamma(shape: c(2), rate: c(3)))
        XCTAssertEqual(same?.value.scalars[0] ?? .nan, 0, accuracy: 1e-15)
        let outside = try klDivergence(Uniform(low: c(-1), high: c(2)), Uniform(low: c(0), high: c(1)))
        XCTAssertEqual(outside?.value.scalars[0], .infinity)
        let bern = try klDivergence(Bernoulli(p: c(1)), Bernoulli(p: c(0.5)))
        XCTAssertEqual(bern?.value.scalars[0] ?? .nan, log(2), accuracy: 1e-15)
        XCTAssertNil(try klDivergence(Normal(mu: c(0), sigma: c(1)), Cauchy(mu: c(0), gamma: c(1))))
    }

    func testGradientFlowsThroughClosedForm() {
        assertGradients([Tensor(0.3), Tensor(1.4)]) { tape, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in
                let q = try Normal(mu: tape.constant(Tensor(1)), sigma: tape.constant(Tensor(2)))
                guard let kl = try klDivergence(Normal(mu: v[0], sigma: v[1]), q) else { throw ProbabilityError(.notAvailable, "none") }
                return kl
            }
        }
    }
}
