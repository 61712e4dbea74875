import Foundation
import XCTest
import ThetaAutodiff
import ThetaProbability
import ThetaTensor

/// Fixed-seed moment tests of every sampler: the sample mean within 5 standard errors of the
/// mean, the sample variance within 5 standard errors of the variance (its standard error
/// estimated from the sample's fourth central moment), and the empirical CDF at two points
/// within 5 binomial standard errors of `cdf`.
final class SamplerMomentTests: XCTestCase {
    let n = 40_000

    func check(_ d: any Distribution, seed: UInt64, file: StaticString = #filePath, line: UInt = #line) throws {
        var rng = RandomGenerator(seed: seed)
        let xs = try d.sample([n], using: &rng).value
        XCTAssertEqual(xs.shape, [n] + d.batchShape + d.eventShape, file: file, line: line)
        let s = xs.scalars
        let (m, se) = meanAndError(s)
        if let mu = try? d.mean().value.scalars[0], mu.isFinite {
            XCTAssertLessThanOrEqual(abs(m - mu), 5 * se + 1e-12, "\(d.summary): mean \(m) vs \(mu) (se \(se))", file: file, line: line)
        }
        if let v = try? d.variance().value.scalars[0], v.isFinite {
            let dev2 = s.map { ($0 - m) * ($0 - m) }
            let (sv, sev) = meanAndError(dev2)
            XCTAssertLessThanOrEqual(abs(sv - v), 5 * sev + 1e-12, "\(d.summary): variance \(sv) vs \(v) (se \(sev))", file: file, line: line)
        }
        let sorted = s.sorted()
        for q in [0.25, 0.7] {
            let x = sorted[Int(q * Double(n))]
            guard let c = try? d.cdf(Tensor(x)).value.scalars[0] else { continue }
            let frac = Double(s.filter { $0 <= x }.count) / Double(n)
            let seq = (c * (1 - c) / Double(n)).squareRoot()
            XCTAssertLessThanOrEqual(abs(frac - c), 5 * seq + 1.0 / Double(n), "\(d.summary): F(\(x)) = \(c), empirical \(frac)", file: file, line: line)
        }
    }

    func testContinuousFamilies() throws {
        let t = Tape()
        let c = { (v: Double) in t.constant(Tensor(v)) }
        let ds: [any Distribution] = [
            try Normal(mu: c(1), sigma: c(2)), try LogNormal(mu: c(0.2), sigma: c(0.5)),
            try Laplace(mu: c(1), b: c(2)), try Cauchy(mu: c(-1), gamma: c(0.5)),
            try Logistic(mu: c(-1), s: c(0.5)), try StudentT(nu: c(10), mu: c(1), sigma: c(2)),
            try StudentT(nu: c(1.5), mu: c(0), sigma: c(1)),
            try Uniform(low: c(-1), high: c(3)), try Exponential(rate: c(2)),
            try Gamma(shape: c(0.5), rate: c(2)), try Gamma(shape: c(5), rate: c(1)), try Gamma(shape: c(0.01), rate: c(1)),
            try Beta(alpha: c(0.5), beta: c(2)), try Beta(alpha: c(3), beta: c(3)),
        ]
        for (k, d) in ds.enumerated() { try check(d, seed: UInt64(100 + k)) }
    }

    func testDiscreteFamilies() throws {
        let t = Tape()
        let c = { (v: Double) in t.constant(Tensor(v)) }
        let ds: [any Distribution] = [
            try Bernoulli(p: c(0.3)), try Bernoulli(logits: c(-2)), try Binomial(n: c(20), p: c(0.3)),
            try Binomial(n: c(200), p: c(0.6)), try Poisson(rate: c(4)), try Poisson(rate: c(30)),
            try Geometric(p: c(0.3)),
        ]
        for (k, d) in ds.enumerated() { try check(d, seed: UInt64(200 + k)) }
    }

    func testCategoricalFrequencies() throws {
        let t = Tape()
        let p = [0.1, 0.6, 0.3]
        let d = try Categorical(p: t.constant(Tensor(p)))
        var rng = RandomGenerator(seed: 7)
        let xs = try d.sample([n], using: &rng).scalars
        for k in 0..<3 {
            let f = Double(xs.filter { $0 == Double(k) }.count) / Double(n)
            XCTAssertLessThanOrEqual(abs(f - p[k]), 5 * (p[k] * (1 - p[k]) / Double(n)).squareRoot())
        }
        let logits = try Categorical(logits: t.constant(Tensor(p.map { log($0) + 3 })))
        let ys = try logits.sample([n], using: &rng).scalars
        let f1 = Double(ys.filter { $0 == 1 }.count) / Double(n)
        XCTAssertLessThanOrEqual(abs(f1 - 0.6), 5 * (0.24 / Double(n)).squareRoot())
    }

    func testVectorFamilies() throws {
        let t = Tape()
        let mu = [1.0, -2.0], cov = [2.0, 0.6, 0.6, 1.0]
        let mvn = try MultivariateNormal(mu: t.constant(Tensor(mu)), cov: t.constant(Tensor(unchecked: [2, 2], scalars: cov)))
        var rng = RandomGenerator(seed: 11)
        let xs = try mvn.sample([n], using: &rng).value
        XCTAssertEqual(xs.shape, [n, 2])
        let a = stride(from: 0, to: 2 * n, by: 2).map { xs.scalars[$0] }, b = stride(from: 1, to: 2 * n, by: 2).map { xs.scalars[$0] }
        let (ma, sea) = meanAndError(a), (mb, seb) = meanAndError(b)
        XCTAssertLessThanOrEqual(abs(ma - mu[0]), 5 * sea)
        XCTAssertLessThanOrEqual(abs(mb - mu[1]), 5 * seb)
        let (cab, secab) = meanAndError(zip(a, b).map { ($0 - ma) * ($1 - mb) })
        XCTAssertLessThanOrEqual(abs(cab - cov[1]), 5 * secab)

        let alpha = [0.5, 2.0, 4.0]
        let dir = try Dirichlet(alpha: t.constant(Tensor(alpha)))
        let ds = try dir.sample([n], using: &rng).value
        XCTAssertEqual(ds.shape, [n, 3])
        let mean = try dir.mean().scalars, variance = try dir.variance().scalars
        for k in 0..<3 {
            let col = stride(from: k, to: 3 * n, by: 3).map { ds.scalars[$0] }
            let (m, se) = meanAndError(col)
            XCTAssertLessThanOrEqual(abs(m - mean[k]), 5 * se)
            let (v, sev) = meanAndError(col.map { ($0 - m) * ($0 - m) })
            XCTAssertLessThanOrEqual(abs(v - variance[k]), 5 * sev)
        }
        for r in 0..<100 { XCTAssertEqual((0..<3).map { ds.scalars[3 * r + $0] }.reduce(0, +), 1, accuracy: 1e-12) }
    }

    func testMixtureAndBatchShapes() throws {
        let t = Tape()
        let comps = try Normal(mu: t.constant(Tensor([-2, 0, 3])), sigma: t.constant(Tensor([0.5, 1, 0.3])))
        let mix = try Mixture(weights: t.constant(Tensor([0.2, 0.5, 0.3])), component: comps)
        try check(mix, seed: 31)
        let list = try Mixture(weights: t.constant(Tensor([0.4, 0.6])),
                               components: [Exponential(rate: t.constant(Tensor(1))), Normal(mu: t.constant(Tensor(5)), sigma: t.constant(Tensor(1)))])
        try check(list, seed: 32)
        var rng = RandomGenerator(seed: 3)
        let batched = try Normal(mu: t.constant(Tensor([0, 1, 2])), sigma: t.constant(Tensor(1)))
        XCTAssertEqual(try batched.sample([4, 5], using: &rng).shape, [4, 5, 3])
        let ind = try Independent(batched, dims: 1)
        XCTAssertEqual(ind.eventShape, [3])
        XCTAssertEqual(try ind.logp(batched.sample([7], using: &rng)).shape, [7])
    }

    func testSameSeedSameSamples() throws {
        let t = Tape()
        let d = try Gamma(shape: t.constant(Tensor([0.5, 3])), rate: t.constant(Tensor(1)))
        var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
        XCTAssertEqual(try d.sample([10], using: &a).value, try d.sample([10], using: &b).value)
    }
}
