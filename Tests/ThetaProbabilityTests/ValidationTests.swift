import Foundation
import XCTest
import ThetaAutodiff
import ThetaProbability
import ThetaTensor

/// Constructor validation and argument resolution: messages name the parameter, its value
/// or shape, and the constraint.
final class ValidationTests: XCTestCase {
    let t = Tape()
    func c(_ v: Double) -> (label: String?, value: Variable) { (nil, t.constant(Tensor(v))) }
    func named(_ l: String, _ v: [Double]) -> (label: String?, value: Variable) { (l, t.constant(Tensor(v))) }

    func message(_ family: String, _ args: [(label: String?, value: Variable)]) -> String? {
        probabilityError { () throws(ProbabilityError) in try Families.make(family, args) }?.message
    }

    func testParameterConstraints() {
        XCTAssertEqual(message("Normal", [c(0), c(-1)]), "Normal: sigma must be positive, got -1")
        XCTAssertEqual(message("Gamma", [c(0), c(1)]), "Gamma: shape must be positive, got 0")
        XCTAssertEqual(message("Bernoulli", [c(1.5)]), "Bernoulli: p must be in [0, 1] (unit), got 1.5")
        XCTAssertEqual(message("Normal", [named("mu", [0, 1]), named("sigma", [1, -2, 3])].prefix(1) + [(label: "sigma", value: t.constant(Tensor([1, -2])))]),
                       "Normal: sigma must be positive, got -2 at index [1] of a tensor [2]")
        XCTAssertEqual(message("Uniform", [c(2), c(1)]), "Uniform: low must be less than high, got low 2 and high 1")
        XCTAssertEqual(message("Binomial", [c(2.5), c(0.5)]), "Binomial: n must be a non-negative integer, got 2.5")
        XCTAssertTrue(message("Categorical", [named("p", [0.5, 0.6])])?.contains("Categorical: p must be a simplex") ?? false)
        let notPD: (label: String?, value: Variable) = ("cov", t.constant(Tensor(unchecked: [2, 2], scalars: [1, 2, 2, 1])))
        XCTAssertEqual(message("MultivariateNormal", [named("mu", [0, 0]), notPD]),
                       "MultivariateNormal: cov must be symmetric positive definite, got 1 at index [0, 0] of a tensor [2, 2]")
        XCTAssertEqual(probabilityError { () throws(ProbabilityError) in try Normal(mu: self.t.constant(Tensor(0)), sigma: self.t.constant(Tensor(-1))) }?.kind, .invalidParameter)
    }

    func testShapes() {
        XCTAssertEqual(message("Normal", [named("mu", [0, 1, 2]), named("sigma", [1, 2])]),
                       "Normal: the shapes of mu [3], sigma [2] do not broadcast")
        let m = message("MultivariateNormal", [named("mu", [0, 0, 0]), ("cov", t.constant(Tensor(unchecked: [2, 2], scalars: [1, 0, 0, 1])))])
        XCTAssertEqual(m, "MultivariateNormal: mu of shape [3] needs cov of shape [..., 3, 3], got [2, 2]")
    }

    func testArgumentResolution() throws {
        XCTAssertEqual(message("Normal", [c(0)]), "Normal: missing parameter sigma (expected mu, sigma)")
        XCTAssertEqual(message("Normal", [c(0), c(1), c(2)]), "Normal takes 2 parameters (mu, sigma), got 3")
        XCTAssertEqual(message("Normal", [c(0), named("mu", [1])]), "Normal: mu is given twice")
        XCTAssertEqual(message("Normal", [c(0), named("sd", [1])]), "Normal: unknown parameter 'sd' (expected mu, sigma)")
        XCTAssertEqual(message("Gaussian", [c(0)]), "unknown distribution family 'Gaussian'")
        let b = try Families.make("Bernoulli", [named("logits", [0.3])])
        XCTAssertEqual(b.parameters.map(\.name), ["logits"])
        let mvn = try Families.make("MultivariateNormal", [named("mu", [0, 0]), ("scale_tril", t.constant(Tensor(unchecked: [2, 2], scalars: [1, 0, 0.5, 1])))])
        XCTAssertEqual(mvn.parameters.map(\.name), ["mu", "scale_tril"])
        let n = try Families.make("Normal", [(label: "sigma", value: t.constant(Tensor(2))), (label: "mu", value: t.constant(Tensor(1)))])
        XCTAssertEqual(n.summary, "Normal(mu: 1, sigma: 2)")
        XCTAssertEqual(Families.all.count, 17)
    }

    func testLogpOutsideSupportIsMinusInfinityNeverNaN() throws {
        let t = Tape()
        let c = { (v: Double) in t.constant(Tensor(v)) }
        let cases: [(any Distribution, [Double])] = [
            (try Exponential(rate: c(2)), [-1]), (try Gamma(shape: c(2), rate: c(1)), [-1, 0]),
            (try Beta(alpha: c(2), beta: c(2)), [-0.1, 1.1, 0, 1]), (try LogNormal(mu: c(0), sigma: c(1)), [-1, 0]),
            (try Uniform(low: c(0), high: c(1)), [-0.5, 1.5]), (try Poisson(rate: c(2)), [-1, 1.5]),
            (try Binomial(n: c(5), p: c(0.3)), [6, -1, 2.5]), (try Geometric(p: c(0.3)), [-2, 0.5]),
            (try Bernoulli(p: c(0.3)), [0.5, 2]), (try Categorical(p: t.constant(Tensor([0.5, 0.5]))), [2, -1, 0.5]),
        ]
        for (d, xs) in cases {
            let x = t.leaf(Tensor(xs))
            let lp = try d.logp(x)
            for v in lp.scalars { XCTAssertEqual(v, -.infinity, "\(d.summary) at \(xs)") }
            let g = try t.gradient(of: lp.value.scalars.allSatisfy { $0 == -.infinity } ? x.sum() : lp.sum(), wrt: [x])[0]
            XCTAssertFalse(g.scalars.contains { $0.isNaN }, d.family)
        }
        // Gradients at the edge of the parameter range stay finite where the value is finite.
        let p = t.leaf(Tensor(0))
        let lp = try Bernoulli(p: p).logp(Tensor([0, 0]))
        XCTAssertEqual(lp.scalars, [0, 0])
        XCTAssertFalse(try t.gradient(of: lp.sum(), wrt: [p])[0].scalars[0].isNaN)
    }

    func testNotAvailable() throws {
        let t = Tape()
        let e = probabilityError { () throws(ProbabilityError) in try Categorical(p: t.constant(Tensor([0.5, 0.5]))).cdf(t.constant(Tensor(0))) }
        XCTAssertEqual(e?.kind, .notAvailable)
        XCTAssertEqual(e?.message, "Categorical has no closed-form cdf")
        XCTAssertEqual(probabilityError { () throws(ProbabilityError) in try Cauchy(mu: t.constant(Tensor(0)), gamma: t.constant(Tensor(1))).mean() }?.message,
                       "Cauchy has no mean (it is undefined)")
        let d = Density(on: t) { x in try x.square().negated() }
        XCTAssertEqual(try d.logp(Tensor(2)).scalars, [-4])
        var rng = RandomGenerator(seed: 1)
        XCTAssertEqual(probabilityError { () throws(ProbabilityError) in try d.sample([2], using: &rng) }?.kind, .notAvailable)
        XCTAssertTrue(try StudentT(nu: t.constant(Tensor(0.7)), mu: t.constant(Tensor(0)), sigma: t.constant(Tensor(1))).mean().scalars[0].isNaN)
    }
}
