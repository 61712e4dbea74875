import XCTest
@testable import ThetaData
import ThetaTensor

/// Theta writes the same bytes as `np.save` for float64 arrays of every rank.
final class NPYWriterTests: XCTestCase {
    func testBytesEqualNumPysSave() throws {
        for name in ["rank0", "rank1", "rank2", "rank3", "empty", "long", "wide"] {
            let expected = try Fixtures.bytes("write", name + ".npy")
            let t = try NPYReader.decode(expected, name: name)
            XCTAssertEqual(NPYWriter.encode(t), expected, name)
        }
    }

    func testHeaderIsAlignedAndRoundTrips() throws {
        let dir = try temporaryDirectory()
        for shape in [[], [1], [9], [10], [3, 7], [2, 0, 5], [100_000]] as [[Int]] {
            let n = shape.reduce(1, *)
            let t = try Tensor(shape: shape, scalars: (0..<n).map { Double($0) * 0.37 - 11 })
            let bytes = NPYWriter.encode(t)
            let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            XCTAssertEqual((10 + headerLength) % 64, 0, "data must start on a 64-byte boundary for \(shape)")
            XCTAssertEqual(bytes[10 + headerLength - 1], 10, "the header ends with a newline")
            let path = dir + "/t.npy"
            try NPYWriter.write(t, path: path)
            XCTAssertEqual(try NPYReader.read(path: path), t)
        }
    }

    func testVeryLongHeaderUsesVersion2() {
        // A header longer than 65535 bytes needs format 2.0 (a 4-byte length).
        let header = NPYHeader.encode(shape: [Int](repeating: 1, count: 30_000))
        XCTAssertEqual(header[6], 2)
        let length = Int(header[8]) | Int(header[9]) << 8 | Int(header[10]) << 16 | Int(header[11]) << 24
        XCTAssertEqual((12 + length) % 64, 0)
    }
}
