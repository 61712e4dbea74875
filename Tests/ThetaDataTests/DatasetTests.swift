import XCTest
@testable import ThetaData
import ThetaTensor

/// The data-set API on small tables whose answers are known by construction.
final class DatasetTests: XCTestCase {
    /// Rows i = 0..<n: [i, 10 i].
    func table(_ n: Int) throws -> Dataset {
        try Dataset(samples: Tensor(shape: [n, 2], scalars: (0..<n).flatMap { [Double($0), Double(10 * $0)] }),
                    columns: ["a", "b"])
    }

    func testDigitsTailSplitFollowsTheReadme() throws {
        // shared/data/README.md: rows 0..1436 train, the last 360 test.
        let digits = try BuiltinSets.load("digits")
        let (train, test) = try digits.split(0.8)
        XCTAssertEqual(train.n, 1437)
        XCTAssertEqual(test.n, 360)
        XCTAssertEqual(test.samples.scalars.prefix(65), digits.samples.scalars[(1437 * 65)..<(1438 * 65)])
        XCTAssertEqual(try table(100).split(0.29).train.n, 29)
        XCTAssertThrowsError(try digits.split(1.5))
    }

    func testTakeDropBatches() throws {
        let d = try table(10)
        XCTAssertEqual(try d.take(3).samples.scalars, [0, 0, 1, 10, 2, 20])
        XCTAssertEqual(try d.take(50).n, 10)
        let onlyB = try d.drop(["a"])
        XCTAssertEqual(onlyB.columns, ["b"])
        XCTAssertEqual(onlyB.samples.scalars, (0..<10).map { Double(10 * $0) })
        XCTAssertTrue(dataErrorMessage { _ = try d.drop(["c"]) }.contains("a, b"))
        let batches = try d.batches(4)
        XCTAssertEqual(batches.map(\.n), [4, 4, 2])
        XCTAssertEqual(batches.flatMap { $0.samples.scalars }, d.samples.scalars)
        XCTAssertThrowsError(try d.batches(0))
    }

    func testShuffleIsAPermutationAndSeeded() throws {
        let d = try table(200)
        var r1 = RandomGenerator(seed: 4), r2 = RandomGenerator(seed: 4)
        let s1 = d.shuffled(using: &r1), s2 = d.shuffled(using: &r2)
        XCTAssertEqual(s1, s2)
        XCTAssertNotEqual(s1, d)
        // Every row survives intact: b = 10 a, and the a's are 0..<200 once each.
        let a = try s1.column("a").scalars, b = try s1.column("b").scalars
        XCTAssertEqual(zip(a, b).filter { $0.1 != 10 * $0.0 }.count, 0)
        XCTAssertEqual(a.sorted(), (0..<200).map(Double.init))
    }

    func testBootstrapDrawsRowsUniformly() throws {
        let d = try table(4)
        var rng = RandomGenerator(seed: 9)
        let s = try d.bootstrap(40_000, using: &rng)
        let a = try s.column("a").scalars, b = try s.column("b").scalars
        XCTAssertEqual(zip(a, b).filter { $0.1 != 10 * $0.0 }.count, 0)
        // Each row has probability 1/4: count within 5 standard errors (sd = sqrt(n p (1-p)) ≈ 86.6).
        for i in 0..<4 {
            XCTAssertEqual(Double(a.filter { $0 == Double(i) }.count), 10_000, accuracy: 5 * 86.6)
        }
        XCTAssertThrowsError(try Dataset(samples: Tensor(unchecked: [0, 2], scalars: [])).bootstrap(1, using: &rng))
        XCTAssertTrue(dataErrorMessage { _ = try d.bootstrap(1 << 40, using: &rng) }.contains("too many"))
    }

    func testStandardizeAndBinarize() throws {
        let d = try Dataset(samples: Tensor(shape: [4, 2], scalars: [1, 5, 2, 5, 3, 5, 6, 5]), columns: ["x", "c"])
        let z = d.standardized()
        // Column x: mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5; constant c → 0.
        let x = try z.column("x").scalars
        for (v, raw) in zip(x, [1.0, 2, 3, 6]) { XCTAssertEqual(v, (raw - 3) / 3.5.squareRoot(), accuracy: 1e-15) }
        XCTAssertEqual(try z.column("c").scalars, [0, 0, 0, 0])
        XCTAssertEqual(d.binarized(2.5).samples.scalars, [0, 1, 0, 1, 1, 1, 1, 1])
    }

    func testTensorsAsDataAndSummary() throws {
        XCTAssertThrowsError(try Dataset(samples: Tensor(3)))
        let images = try Dataset(samples: Tensor(repeating: 1, shape: [5, 8, 8]))
        XCTAssertEqual(images.n, 5)
        XCTAssertEqual(images.columns, [])
        XCTAssertTrue(images.summary().hasPrefix("data: 5 samples of shape [8, 8]"))
        let faithful = try BuiltinSets.load("faithful")
        XCTAssertEqual(faithful.summary(),
                       "data: 272 rows × 2 columns (eruptions, waiting); first rows [3.6, 79], [1.8, 54], [3.333, 74], …")
        XCTAssertTrue(dataErrorMessage { _ = try faithful.column("eruption") }.contains("eruptions, waiting"))
    }
}
