import XCTest
@testable import ThetaData
import ThetaTensor

/// The CSV writer produces exactly the bytes of pandas' `to_csv(index=False)`, so pandas reads
/// back every value; and Theta reads its own files back bit for bit.
final class CSVWriterTests: XCTestCase {
    func testBytesEqualPandasToCSV() throws {
        let values = try NPYReader.read(path: try Fixtures.path("csv", "write_values.npy"))
        let d = try Dataset(samples: values, columns: ["plain", "with space", "has,comma", "has \"quote\""])
        let expected = try Fixtures.bytes("csv", "write_expected.csv")
        let written = try CSVWriter.format(d)
        XCTAssertEqual(String(decoding: written, as: UTF8.self), String(decoding: expected, as: UTF8.self))
    }

    func testRoundTripIsExact() throws {
        let dir = try temporaryDirectory()
        let values = try NPYReader.read(path: try Fixtures.path("csv", "floats.npy"))
        let d = try Dataset(samples: values, columns: ["first col", "b"])
        try CSVWriter.write(d, path: dir + "/f.csv")
        let back = try CSVReader.read(path: dir + "/f.csv")
        XCTAssertEqual(back.columns, d.columns)
        assertSameBits(back.samples.scalars, values.scalars, "round trip")
    }

    func testHigherRankIsRefusedWithAHint() throws {
        let d = try Dataset(samples: Tensor(repeating: 0, shape: [2, 2, 2]))
        XCTAssertTrue(dataErrorMessage { _ = try CSVWriter.format(d) }.contains(".npy"))
    }
}
