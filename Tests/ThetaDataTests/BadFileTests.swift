import Foundation
import XCTest
@testable import ThetaData
import ThetaTensor

/// Bad files give clear, located errors and write nothing.
final class BadFileTests: XCTestCase {
    func csv(_ text: String) -> String {
        dataErrorMessage { _ = try CSVReader.parse(Array(text.utf8), name: "bad.csv") }
    }

    func testRaggedRowNamesItsLine() {
        let m = csv("a,b\n1,2\n3,4\n5,6,7\n8,9\n")
        XCTAssertTrue(m.contains("line 4"), m)
        XCTAssertTrue(m.contains("3 fields") && m.contains("header has 2"), m)
        // Line numbers count CRLF once and lines inside quoted fields.
        let q = csv("a,b\r\n\"1\n\",2\r\n3\r\n")
        XCTAssertTrue(q.contains("line 4"), q)
    }

    func testNonNumericCellNamesLineAndColumn() {
        let m = csv("x,y label\n1,2\n3,abc\n")
        XCTAssertTrue(m.contains("line 3") && m.contains("column 2") && m.contains("'y label'") && m.contains("'abc'"), m)
    }

    func testEmptyFileAndUnclosedQuote() {
        XCTAssertTrue(csv("").contains("empty"))
        XCTAssertTrue(csv("\u{FEFF}\r\n\n").contains("empty"))
        XCTAssertTrue(csv("a,b\n1,\"2\n").contains("never closed"))
        XCTAssertTrue(csv("a,b\n1,\"2\"x\n").contains("after a closing quote"))
    }

    func testMissingFileNamesThePath() {
        for path in ["/nonexistent/dir/data.csv", "/nonexistent/x.npy", "/nonexistent/x.npz"] {
            let m = dataErrorMessage { _ = try DataFiles.load(path) }
            XCTAssertTrue(m.contains(path), m)
        }
        XCTAssertTrue(dataErrorMessage { _ = try DataFiles.load("data.txt") }.contains(".csv, .npy and .npz"))
    }

    /// An NPY file: header text padded as NumPy pads it, then `data`.
    func npy(_ dict: String, _ data: [UInt8]) -> [UInt8] {
        var header = Array(dict.utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(32) }
        header.append(10)
        return NPYHeader.magic + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header + data
    }

    func npyError(_ bytes: [UInt8]) throws -> String {
        let path = try temporaryDirectory() + "/bad.npy"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let fromFile = dataErrorMessage { _ = try NPYReader.read(path: path) }
        let fromMemory = dataErrorMessage { _ = try NPYReader.decode(bytes, name: "bad.npy") }
        XCTAssertFalse(fromMemory.isEmpty)
        return fromFile
    }

    func testLyingShapeIsCaughtBeforeAllocating() throws {
        // 10^12 doubles promised, 16 bytes given: refused from the sizes alone.
        let m = try npyError(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", [UInt8](repeating: 0, count: 16)))
        XCTAssertTrue(m.contains("too large") || m.contains("holds 16"), m)
        let small = try npyError(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", [UInt8](repeating: 0, count: 40)))
        XCTAssertTrue(small.contains("(3, 4)") && small.contains("96 bytes") && small.contains("holds 40"), small)
        let overflow = try npyError(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", []))
        XCTAssertTrue(overflow.contains("too large"), overflow)
    }

    func testTruncatedHeader() throws {
        let full = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", [UInt8](repeating: 0, count: 16))
        for cut in [0, 5, 9, 30, 60] {
            let m = try npyError(Array(full.prefix(cut)))
            XCTAssertTrue(m.contains("truncated") || m.contains("not an NPY file"), "cut at \(cut): \(m)")
        }
    }

    func testUnsupportedDtypesAreNamed() throws {
        for (descr, word) in [("<c16", "complex"), ("<U5", "unicode"), ("|O", "object"), ("<f16", "long double")] {
            let m = try npyError(npy("{'descr': '\(descr)', 'fortran_order': False, 'shape': (1,), }", [UInt8](repeating: 0, count: 16)))
            XCTAssertTrue(m.contains("'\(descr)'") && m.lowercased().contains(word), m)
        }
        let structured = try npyError(npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", [UInt8](repeating: 0, count: 8)))
        XCTAssertTrue(structured.contains("unsupported dtype"), structured)
    }

    func testCorruptZip() throws {
        let dir = try temporaryDirectory()
        let good = try Fixtures.bytes("npz", "compressed.npz")
        // Cut off the central directory; then flip bytes inside the compressed data (CRC).
        var cases: [[UInt8]] = [Array(good.prefix(good.count / 2)), Array("not a zip at all".utf8), []]
        var flipped = good
        for k in 60..<80 { flipped[k] ^= 0x5A }
        cases.append(flipped)
        for (k, bytes) in cases.enumerated() {
            let path = dir + "/c\(k).npz"
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            let m = dataErrorMessage { _ = try NPZ.read(path: path) }
            XCTAssertTrue(m.contains(path), m)
        }
    }

    func testFailedSaveLeavesTheOldFile() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/keep.csv"
        try CSVWriter.write(try Dataset(samples: Tensor(unchecked: [1, 1], scalars: [1])), path: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let cube = try Dataset(samples: Tensor(repeating: 0, shape: [1, 1, 1]))
        _ = dataErrorMessage { try CSVWriter.write(cube, path: path) }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertTrue(dataErrorMessage { try NPYWriter.write(Tensor(1), path: "/nonexistent/dir/x.npy") }.contains("/nonexistent/dir"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["keep.csv"])
    }
}
