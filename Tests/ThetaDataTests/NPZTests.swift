import Foundation
import XCTest
@testable import ThetaData
import ThetaTensor
import ZIPFoundation

/// `.npz` archives as `np.savez` (stored) and `np.savez_compressed` (deflated) write them.
final class NPZTests: XCTestCase {
    func testReadsNumPyArchives() throws {
        let manifest = try Fixtures.text("npz", "manifest.txt")
        var byFile: [String: [(String, [Int], [Double])]] = [:]
        for line in manifest.split(separator: "\n") {
            let p = line.split(separator: "\t", omittingEmptySubsequences: false)
            byFile[String(p[0]), default: []].append((String(p[1]), Fixtures.shape(p[2]), Fixtures.values(p[3])))
        }
        XCTAssertEqual(byFile.count, 2)
        for (file, members) in byFile {
            let arrays = try NPZ.read(path: try Fixtures.path("npz", file))
            XCTAssertEqual(arrays.map(\.name).sorted(), members.map(\.0).sorted(), file)
            for (name, shape, values) in members {
                guard let t = arrays.first(where: { $0.name == name })?.tensor else { continue }
                XCTAssertEqual(t.shape, shape, "\(file)[\(name)]")
                assertSameBits(t.scalars, values, "\(file)[\(name)]")
            }
        }
    }

    func testWrittenArchivesHoldNumPyIdenticalMembers() throws {
        let dir = try temporaryDirectory()
        let a = try Tensor(shape: [2, 3], scalars: [0, 0.25, 0.5, 0.75, 1, 1.25])
        let b = Tensor([3, -1, 4, 1, -5])
        for compressed in [false, true] {
            let path = dir + "/out\(compressed ? "_c" : "").npz"
            try NPZ.write([("a", a), ("b", b)], path: path, compressed: compressed)
            // Read with the zip library alone: members are a.npy and b.npy holding np.save's bytes.
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            var members: [String: [UInt8]] = [:]
            for entry in archive {
                var bytes = [UInt8]()
                _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
                members[entry.path] = bytes
                XCTAssertEqual(entry.isCompressed, compressed)
            }
            XCTAssertEqual(members["a.npy"], NPYWriter.encode(a))
            XCTAssertEqual(members["b.npy"], NPYWriter.encode(b))
            let back = try NPZ.read(path: path)
            XCTAssertEqual(back.map(\.name), ["a", "b"])
            XCTAssertEqual(back.map(\.tensor), [a, b])
        }
    }
}
