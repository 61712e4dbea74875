import Foundation
import XCTest

/// Every script under examples/ runs to the end without an error, as `theta run` runs it.
final class ExamplesTests: XCTestCase {
    func testEveryExampleRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasSuffix(".gm") }.sorted()
        XCTAssertFalse(files.isEmpty, "no examples found in \(root.path)")
        for name in files {
            let r = try ThetaBinary.run(["run", root.appendingPathComponent(name).path])
            XCTAssertEqual(r.status, 0, "\(name):\n\(r.stderr)")
            XCTAssertEqual(r.stderr, "", name)
            XCTAssertFalse(r.stdout.isEmpty, "\(name) shows nothing")
        }
    }

    /// Same file and seed, same fit, byte for byte: a fit that draws batches and samples from
    /// the generator prints the same output twice.
    func testSameSeedSameFitByteForByte() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")
        let path = root.appendingPathComponent("04-mmd-sampler.gm").path
        let first = try ThetaBinary.run(["run", path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = try ThetaBinary.run(["run", path])
        XCTAssertEqual(Array(first.stdout.utf8), Array(second.stdout.utf8))
    }
}
