import XCTest
import ThetaData
import ThetaTensor

/// Every dtype, byte order, memory order and format version NumPy writes, against the float64
/// values NumPy itself converts them to (npy/manifest.txt).
final class NPYReaderTests: XCTestCase {
    func testEveryFixtureMatchesNumPysValues() throws {
        let manifest = try Fixtures.text("npy", "manifest.txt")
        var checked = 0
        for line in manifest.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            let name = String(parts[0])
            let t = try NPYReader.read(path: try Fixtures.path("npy", name))
            XCTAssertEqual(t.shape, Fixtures.shape(parts[1]), name)
            assertSameBits(t.scalars, Fixtures.values(parts[2]), name)
            checked += 1
        }
        // 12 kinds; 9 of them in two byte orders; 2 Fortran, 2 versions, scalar, empty.
        XCTAssertEqual(checked, 27)
    }

    func testDecodeFromMemoryEqualsReadFromFile() throws {
        let path = try Fixtures.path("npy", "fortran_3d.npy")
        let fromFile = try NPYReader.read(path: path)
        let fromMemory = try NPYReader.decode(try Fixtures.bytes("npy", "fortran_3d.npy"), name: "fortran_3d.npy")
        XCTAssertEqual(fromFile, fromMemory)
        // Fortran order: element [i, j, k] is 0.5 · (12 i + 4 j + k) in NumPy's arange layout.
        XCTAssertEqual(fromFile.shape, [2, 3, 4])
        XCTAssertEqual(fromFile.scalars[1 * 12 + 2 * 4 + 3], 0.5 * 23)
    }
}
