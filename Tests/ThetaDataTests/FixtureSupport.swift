import Foundation
import XCTest
import ThetaData
import ThetaTensor

/// Access to the committed fixtures written by scripts/make_data_fixtures.py.
enum Fixtures {
    static func url(_ parts: String...) throws -> URL {
        guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw XCTSkip("fixtures are missing from the test bundle")
        }
        return parts.reduce(dir) { $0.appendingPathComponent($1) }
    }

    static func path(_ parts: String...) throws -> String {
        guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw XCTSkip("fixtures are missing from the test bundle")
        }
        return parts.reduce(dir) { $0.appendingPathComponent($1) }.path
    }

    static func text(_ parts: String...) throws -> String {
        let dir = try url()
        return try String(contentsOf: parts.reduce(dir) { $0.appendingPathComponent($1) }, encoding: .utf8)
    }

    static func bytes(_ parts: String...) throws -> [UInt8] {
        let dir = try url()
        return [UInt8](try Data(contentsOf: parts.reduce(dir) { $0.appendingPathComponent($1) }))
    }

    /// "3,4" → [3, 4]; "" → [] (rank 0).
    static func shape(_ s: Substring) -> [Int] {
        s.isEmpty ? [] : s.split(separator: ",").compactMap { Int($0) }
    }

    /// Python reprs ("0.1", "nan", "-inf") as doubles.
    static func values(_ s: Substring) -> [Double] {
        s.split(separator: " ").map { Double(String($0)) ?? .nan }
    }
}

/// Bitwise equality of doubles (NaN equals NaN, -0 differs from +0).
func assertSameBits(_ a: [Double], _ b: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(what): count", file: file, line: line)
    for (i, (x, y)) in zip(a, b).enumerated() where !(x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)) {
        XCTFail("\(what)[\(i)]: \(x) != \(y)", file: file, line: line)
        return
    }
}

/// A fresh temporary directory for files a test writes.
func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("theta-data-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}

/// The message of the DataError `body` throws, or a failure when it does not throw one.
func dataErrorMessage(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
        try body()
        XCTFail("expected an error", file: file, line: line)
    } catch let e as DataError {
        return e.message
    } catch {
        XCTFail("expected a DataError, got \(error)", file: file, line: line)
    }
    return ""
}
