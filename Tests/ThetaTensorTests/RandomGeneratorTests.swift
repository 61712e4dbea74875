import XCTest
import Foundation
@testable import ThetaTensor

final class RandomGeneratorTests: XCTestCase {
    /// Known answers from the independent pure-Python PCG64-DXSM in the fixture script.
    func testGeneratorCoreMatchesTheIndependentReference() throws {
        let rows = try SpecialFixture.lines("pcg64dxsm.txt")
        XCTAssertEqual(rows.count, 48)
        var generators: [UInt64: RandomGenerator] = [:]
        for row in rows {
            guard row.count == 3, let seed = UInt64(row[0]), let want = UInt64(row[2]) else {
                XCTFail("bad row \(row)"); continue
            }
            var g = generators[seed] ?? RandomGenerator(seed: seed)
            XCTAssertEqual(g.next(), want, "seed \(seed) index \(row[1])")
            generators[seed] = g
        }
    }

    func testSplitMix64MatchesTheIndependentReference() throws {
        var mixers: [UInt64: SplitMix64] = [:]
        for row in try SpecialFixture.lines("splitmix64.txt") {
            guard let seed = UInt64(row[0]), let want = UInt64(row[2]) else { XCTFail("bad row"); continue }
            var m = mixers[seed] ?? SplitMix64(seed: seed)
            XCTAssertEqual(m.next(), want)
            mixers[seed] = m
        }
    }

    func testUniformBoundedAndNormalStreamsMatchTheReference() throws {
        var generators: [UInt64: RandomGenerator] = [:]
        var counted = 0
        for row in try SpecialFixture.lines("random_streams.txt") {
            guard let seed = UInt64(row[1]) else { XCTFail("bad row"); continue }
            var g = generators[seed] ?? RandomGenerator(seed: seed)
            switch row[0] {
            case "uniform":
                XCTAssertEqual(g.uniform(), Double(row[2]), "uniform, seed \(seed)")
            case "below10":
                XCTAssertEqual(g.below(10), UInt64(row[2]), "below(10), seed \(seed)")
            case "belowbig":
                XCTAssertEqual(g.below((1 << 63) + 5), UInt64(row[2]), "below(2^63+5), seed \(seed)")
            case "normal":
                // The reference uses Python's math.log, ours RandomMath.log: equal to ~1 ulp.
                let want = Double(row[2]) ?? .nan
                XCTAssertEqual(g.normal(), want, accuracy: 1e-14 * Swift.max(1, want.magnitude), "normal, seed \(seed)")
            default:
                XCTFail("unknown kind \(row[0])")
            }
            generators[seed] = g
            counted += 1
        }
        XCTAssertEqual(counted, 64)
    }

    func testSameSeedSameStreamDifferentSeedsDiffer() {
        var a = RandomGenerator(seed: 7), b = RandomGenerator(seed: 7), c = RandomGenerator(seed: 8)
        let xa = (0..<100).map { _ in a.next() }
        let xb = (0..<100).map { _ in b.next() }
        let xc = (0..<100).map { _ in c.next() }
        XCTAssertEqual(xa, xb)
        XCTAssertNotEqual(xa, xc)
        XCTAssertEqual(Set(xa).count, 100, "no repeats in 100 outputs")
        XCTAssertEqual(RandomGenerator(), RandomGenerator(seed: 0), "the default seed is 0")
        XCTAssertEqual(RandomGenerator(seed: -1), RandomGenerator(seed: UInt64.max))
        var d = RandomGenerator(seed: 7)
        var child = d.fork()
        XCTAssertNotEqual(child.next(), d.next(), "a fork is a different stream")
    }

    func testTensorsAreReproducibleForASeed() throws {
        var g1 = RandomGenerator(seed: 42), g2 = RandomGenerator(seed: 42)
        let a = try Tensor.randn(shape: [3, 4], using: &g1)
        let b = try Tensor.randn(shape: [3, 4], using: &g2)
        XCTAssertEqual(a.scalars.map(\.bitPattern), b.scalars.map(\.bitPattern))
        // Row-major filling: a [2, 3] tensor is six successive scalar draws.
        var g3 = RandomGenerator(seed: 5), g4 = RandomGenerator(seed: 5)
        let t = try Tensor.rand(shape: [2, 3], using: &g3)
        XCTAssertEqual(t.scalars, (0..<6).map { _ in g4.uniform() })
    }

    func testUniformIsIn0To1WithMeanHalf() {
        var g = RandomGenerator(seed: 1)
        let n = 200_000
        var sum = 0.0, minV = 1.0, maxV = 0.0
        for _ in 0..<n {
            let u = g.uniform()
            sum += u; minV = Swift.min(minV, u); maxV = Swift.max(maxV, u)
            let o = g.uniformOpen()
            XCTAssertTrue(o > 0 && o < 1)
        }
        XCTAssertGreaterThanOrEqual(minV, 0)
        XCTAssertLessThan(maxV, 1)
        XCTAssertEqual(sum / Double(n), 0.5, accuracy: 5 * (1.0 / 12 / Double(n)).squareRoot())
    }

    func testBelowHasNoModuloBias() {
        // With n = 3·2⁶², `next() % n` would give values below 2⁶² probability 1/2; the unbiased
        // answer is 1/3.
        var g = RandomGenerator(seed: 3)
        let n: UInt64 = 3 << 62
        let draws = 60_000
        var low = 0
        for _ in 0..<draws where g.below(n) < (1 << 62) { low += 1 }
        let se = (1.0 / 3 * 2 / 3 / Double(draws)).squareRoot()
        XCTAssertEqual(Double(low) / Double(draws), 1.0 / 3, accuracy: 5 * se)
    }

    func testRandintCoversItsRangeUniformly() throws {
        var g = RandomGenerator(seed: 11)
        let t = try Tensor.randint(low: -3, high: 4, shape: [70_000], using: &g)
        var counts = [Int](repeating: 0, count: 7)
        for x in t.scalars {
            XCTAssertEqual(x, x.rounded())
            guard x >= -3, x < 4 else { XCTFail("out of range \(x)"); return }
            counts[Int(x) + 3] += 1
        }
        // Pearson χ² with 6 degrees of freedom: mean 6, sd √12; accept below mean + 5 sd.
        let e = 10_000.0
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - e) * (Double($1) - e) / e }
        XCTAssertLessThan(chi2, 6 + 5 * 12.0.squareRoot(), "counts \(counts)")
        assertTError(["randint", "greater"]) { try Tensor.randint(low: 2, high: 2, shape: [1], using: &g) }
        // The widest range still works.
        _ = try g.int(low: Int.min, high: Int.max)
    }

    func testRandomMathAgreesWithTheSystemLibraryToAFewUlp() {
        var g = RandomGenerator(seed: 9)
        for _ in 0..<20_000 {
            let x = Foundation.exp(g.uniform() * 1400 - 700)       // 1e-304 ... 1e304
            XCTAssertEqual(RandomMath.log(x), Foundation.log(x), accuracy: 4 * Foundation.log(x).ulp)
            let y = g.uniform() * 1480 - 745
            let e = Foundation.exp(y)
            XCTAssertEqual(RandomMath.exp(y), e, accuracy: 4 * Swift.max(e.ulp, Double.leastNonzeroMagnitude))
            let t = (g.uniform() - 0.5) * 1e-3
            XCTAssertEqual(RandomMath.log1p(t), Foundation.log1p(t), accuracy: 4 * Foundation.log1p(t).ulp)
        }
        XCTAssertEqual(RandomMath.log(Double.leastNonzeroMagnitude), Foundation.log(Double.leastNonzeroMagnitude), accuracy: 1e-12)
        XCTAssertEqual(RandomMath.log(0), -.infinity)
        XCTAssertTrue(RandomMath.log(-1).isNaN)
        XCTAssertEqual(RandomMath.exp(800), .infinity)
        XCTAssertEqual(RandomMath.exp(-800), 0)
        for n in [0, 1, 5, 17, 18, 30, 1000, 1_000_000] {
            let want = Special.lgamma(Double(n) + 1)
            XCTAssertEqual(RandomMath.logFactorial(n), want, accuracy: 1e-13 * Swift.max(1, want), "log \(n)!")
        }
    }
}
