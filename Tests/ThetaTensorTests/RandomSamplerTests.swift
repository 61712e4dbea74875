import XCTest
import Foundation
@testable import ThetaTensor

/// Fixed-seed statistical tests. Each checks sample moments against the closed forms with a
/// tolerance of 5 standard errors (the standard error of the variance estimated from the
/// sample's fourth central moment), or a goodness-of-fit statistic against a generous
/// critical value; with a fixed seed each test is deterministic.
final class RandomSamplerTests: XCTestCase {
    func assertMoments(_ xs: [Double], mean: Double, variance: Double, _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        let n = Double(xs.count)
        let m = xs.reduce(0, +) / n
        var m2 = 0.0, m4 = 0.0
        for x in xs { let d = x - m; m2 += d * d; m4 += d * d * d * d }
        m2 /= n; m4 /= n
        XCTAssertEqual(m, mean, accuracy: 5 * (variance / n).squareRoot(), "\(what): mean", file: file, line: line)
        XCTAssertEqual(m2, variance, accuracy: 5 * ((m4 - m2 * m2) / n).squareRoot() + 1e-300,
                       "\(what): variance", file: file, line: line)
    }

    /// Kolmogorov–Smirnov statistic of `xs` against `cdf`; the 0.1% critical value is 1.95/√n.
    func assertKS(_ xs: [Double], _ cdf: (Double) -> Double, _ what: String,
                  file: StaticString = #filePath, line: UInt = #line) {
        let s = xs.sorted()
        let n = Double(s.count)
        var d = 0.0
        for (i, x) in s.enumerated() {
            let f = cdf(x)
            d = Swift.max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        XCTAssertLessThan(d, 1.95 / n.squareRoot(), "\(what): KS statistic", file: file, line: line)
    }

    /// Pearson χ² of integer samples against a pmf, pooling the tails to cells expecting ≥ 20;
    /// accepts below df + 5√(2 df).
    func assertChiSquare(_ xs: [Int], _ pmf: (Int) -> Double, _ what: String,
                         file: StaticString = #filePath, line: UInt = #line) {
        let n = Double(xs.count)
        var counts: [Int: Int] = [:]
        for x in xs { counts[x, default: 0] += 1 }
        let lo = xs.min() ?? 0, hi = xs.max() ?? 0
        var cells: [(observed: Double, expected: Double)] = []
        var obs = 0.0, exp = 0.0
        var cumulative = 0.0
        for k in 0...hi {
            let p = pmf(k)
            cumulative += p
            obs += Double(counts[k] ?? 0)
            exp += n * p
            if exp >= 20 && n * (1 - cumulative) >= 20 && k >= lo {
                cells.append((obs, exp)); obs = 0; exp = 0
            }
        }
        cells.append((obs, exp + n * Swift.max(0, 1 - cumulative)))
        let chi2 = cells.reduce(0.0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
        let df = Double(cells.count - 1)
        XCTAssertGreaterThan(df, 3, what, file: file, line: line)
        XCTAssertLessThan(chi2, df + 5 * (2 * df).squareRoot(), "\(what): χ² = \(chi2), df = \(df)", file: file, line: line)
    }

    func testNormalMomentsAndKS() throws {
        var g = RandomGenerator(seed: 0)
        let xs = try Tensor.randn(shape: [200_000], using: &g).scalars
        assertMoments(xs, mean: 0, variance: 1, "randn")
        assertKS(xs, { 0.5 * Special.erfc(-$0 / 2.0.squareRoot()) }, "randn")
        let ys = try Tensor.normal(mean: 3, std: 0.5, shape: [50_000], using: &g).scalars
        assertMoments(ys, mean: 3, variance: 0.25, "normal(3, 0.5)")
        assertTError(["normal", "std"]) { try Tensor.normal(mean: 0, std: -1, shape: [1], using: &g) }
    }

    func testUniformAndExponentialMoments() throws {
        var g = RandomGenerator(seed: 1)
        let u = try Tensor.uniform(low: -2, high: 6, shape: [100_000], using: &g).scalars
        assertMoments(u, mean: 2, variance: 64.0 / 12, "uniform(-2, 6)")
        let e = try Tensor.exponential(rate: 2.5, shape: [100_000], using: &g).scalars
        assertMoments(e, mean: 0.4, variance: 0.16, "exponential(2.5)")
        assertKS(e, { 1 - Foundation.exp(-2.5 * $0) }, "exponential(2.5)")
        assertTError(["exponential", "rate", "0"]) { try Tensor.exponential(rate: 0, shape: [1], using: &g) }
    }

    func testGammaMomentsAndKSAcrossShapes() throws {
        var g = RandomGenerator(seed: 2)
        for a in [0.05, 0.3, 1.0, 2.5, 40.0] {
            let xs = try Tensor.sampleGamma(try Tensor(repeating: a, shape: [100_000]), using: &g).scalars
            XCTAssertTrue(xs.allSatisfy { $0 >= 0 && $0.isFinite })
            assertMoments(xs, mean: a, variance: a, "gamma(\(a))")
            assertKS(xs, { Special.gammaP(a, $0) }, "gamma(\(a))")
        }
        assertTError(["gamma", "shape", "-1"]) { try g.gamma(shape: -1) }
    }

    func testLogGammaOfTinyShapesDoesNotUnderflow() throws {
        var g = RandomGenerator(seed: 3)
        // Gamma(1e-3) has log-mean ψ(1e-3) ≈ −1000.4 and log-variance ψ₁(1e-3) ≈ 1e6.
        let a = 1e-3
        let xs = try (0..<50_000).map { _ in try g.logGamma(shape: a) }
        XCTAssertTrue(xs.allSatisfy { $0.isFinite })
        assertMoments(xs, mean: Special.digamma(a), variance: Special.trigamma(a), "log gamma(1e-3)")
    }

    func testBetaMomentsIncludingTinyShapes() throws {
        var g = RandomGenerator(seed: 4)
        for (a, b) in [(2.0, 5.0), (0.5, 0.5), (0.01, 0.02), (30.0, 3.0)] {
            let xs = try Tensor.sampleBeta(Tensor(a), try Tensor(repeating: b, shape: [80_000]), using: &g).scalars
            XCTAssertTrue(xs.allSatisfy { $0 >= 0 && $0 <= 1 }, "beta(\(a), \(b)) in [0, 1]")
            let mean = a / (a + b)
            let variance = a * b / ((a + b) * (a + b) * (a + b + 1))
            assertMoments(xs, mean: mean, variance: variance, "beta(\(a), \(b))")
            if a >= 0.5 { assertKS(xs, { Special.betaI(a, b, $0) }, "beta(\(a), \(b))") }
        }
        assertTError(["beta", "shape"]) { try Tensor.sampleBeta(Tensor(0), Tensor(1), using: &g) }
    }

    func testPoissonMomentsAndFitOnBothBranches() throws {
        var g = RandomGenerator(seed: 5)
        for lambda in [0.3, 4.0, 9.99, 10.0, 35.0, 1e4] {
            let xs = try Tensor.samplePoisson(try Tensor(repeating: lambda, shape: [100_000]), using: &g).scalars
            assertMoments(xs, mean: lambda, variance: lambda, "poisson(\(lambda))")
            if lambda < 100 {
                assertChiSquare(xs.map { Int($0) }, { k in
                    Foundation.exp(Double(k) * Foundation.log(lambda) - lambda - Special.lgamma(Double(k) + 1))
                }, "poisson(\(lambda))")
            }
        }
        XCTAssertEqual(try g.poisson(rate: 0), 0)
        assertTError(["poisson", "rate"]) { try g.poisson(rate: -1) }
    }

    func testBinomialMomentsAndFitOnAllBranches() throws {
        var g = RandomGenerator(seed: 6)
        // inversion, BTRS, the p > ½ reflection of each, and a huge count with tiny p.
        for (n, p) in [(20, 0.1), (400, 0.3), (50, 0.9), (1000, 0.75), (1_000_000, 2e-6), (5, 0.5)] {
            let xs = try Tensor.sampleBinomial(count: Tensor(Double(n)), probability: try Tensor(repeating: p, shape: [100_000]), using: &g).scalars
            XCTAssertTrue(xs.allSatisfy { $0 >= 0 && $0 <= Double(n) })
            assertMoments(xs, mean: Double(n) * p, variance: Double(n) * p * (1 - p), "binomial(\(n), \(p))")
            if n <= 1000 && n > 5 {
                assertChiSquare(xs.map { Int($0) }, { k in
                    k > n ? 0 : Foundation.exp(Special.lgamma(Double(n) + 1) - Special.lgamma(Double(k) + 1)
                        - Special.lgamma(Double(n - k) + 1) + Double(k) * Foundation.log(p)
                        + Double(n - k) * Foundation.log1p(-p))
                }, "binomial(\(n), \(p))")
            }
        }
        XCTAssertEqual(try g.binomial(count: 10, probability: 0), 0)
        XCTAssertEqual(try g.binomial(count: 10, probability: 1), 10)
        assertTError(["binomial", "probability"]) { try g.binomial(count: 3, probability: 1.5) }
        assertTError(["binomial", "count"]) { try Tensor.sampleBinomial(count: Tensor(2.5), probability: Tensor(0.5), using: &g) }
    }

    func testCategoricalFrequenciesFromProbabilitiesAndLogits() throws {
        var g = RandomGenerator(seed: 7)
        let p = [0.1, 0.0, 0.6, 0.3]
        let n = 60_000
        let probs = try Tensor(shape: [n, 4], scalars: Array([[Double]](repeating: p, count: n).joined()))
        let draws = try Tensor.categorical(probabilities: probs, using: &g)
        XCTAssertEqual(draws.shape, [n])
        let logits = try Tensor(shape: [n, 4], scalars: Array([[Double]](repeating: p.map { Foundation.log($0) + 7 }, count: n).joined()))
        let fromLogits = try Tensor.categorical(logits: logits, using: &g)
        for sample in [draws, fromLogits] {
            var counts = [Double](repeating: 0, count: 4)
            for x in sample.scalars { counts[Int(x)] += 1 }
            XCTAssertEqual(counts[1], 0, "a zero-probability class is never drawn")
            for k in [0, 2, 3] {
                XCTAssertEqual(counts[k] / Double(n), p[k], accuracy: 5 * (p[k] * (1 - p[k]) / Double(n)).squareRoot())
            }
        }
        assertTError(["categorical", "non-negative"]) { try g.categorical(probabilities: [0.5, -0.1]) }
        assertTError(["categorical", "positive"]) { try g.categorical(probabilities: [0.0, 0.0]) }
        assertTError(["categorical", "-inf"]) { try g.categorical(logits: [-Double.infinity]) }
    }

    func testPermutationIsAPermutationAndUniform() throws {
        var g = RandomGenerator(seed: 8)
        let p = try Tensor.randperm(1000, using: &g)
        XCTAssertEqual(p.scalars.sorted(), (0..<1000).map(Double.init))
        XCTAssertNotEqual(p.scalars, (0..<1000).map(Double.init))
        // All 6 orders of 3 elements equally often (χ² with 5 df).
        var counts: [[Int]: Int] = [:]
        for _ in 0..<60_000 { counts[try g.permutation(3), default: 0] += 1 }
        XCTAssertEqual(counts.count, 6)
        let chi2 = counts.values.reduce(0.0) { $0 + (Double($1) - 10_000) * (Double($1) - 10_000) / 10_000 }
        XCTAssertLessThan(chi2, 5 + 5 * 10.0.squareRoot())
        XCTAssertEqual(try g.permutation(0), [])
        assertTError(["permutation"]) { try g.permutation(-1) }
    }
}
