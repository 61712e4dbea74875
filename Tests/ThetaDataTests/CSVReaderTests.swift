import XCTest
@testable import ThetaData
import ThetaTensor

/// The CSV reader against what pandas reads from the same files.
final class CSVReaderTests: XCTestCase {
    func testTrickyFileMatchesPandas() throws {
        // BOM, CRLF, quoted names with spaces, commas and quotes, quoted numbers, spaces,
        // empty cells, a blank line, NaN and inf.
        let expected = try Fixtures.text("csv", "tricky_expected.txt").split(separator: "\n")
        let d = try CSVReader.read(path: try Fixtures.path("csv", "tricky.csv"))
        XCTAssertEqual(d.columns, expected[0].split(separator: "\t").map(String.init))
        XCTAssertEqual(d.samples.shape, Fixtures.shape(expected[1]))
        assertSameBits(d.samples.scalars, Fixtures.values(expected[2]), "tricky.csv")
        XCTAssertEqual(try d.column("y label").scalars, [1.5, -0.25, 8])
    }

    func testDecimalsAreCorrectlyRounded() throws {
        // Shortest reprs and 25-digit decimals, including subnormals, the largest double and
        // halfway cases, against the doubles NumPy wrote.
        let d = try CSVReader.read(path: try Fixtures.path("csv", "floats.csv"))
        let exact = try NPYReader.read(path: try Fixtures.path("csv", "floats.npy"))
        XCTAssertEqual(d.samples.shape, exact.shape)
        assertSameBits(d.samples.scalars, exact.scalars, "floats.csv")
    }

    func testBuiltinSetsMatchPandasFacts() throws {
        let facts = try Fixtures.text("builtin.txt").split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        for name in ["faithful", "digits"] {
            let d = try BuiltinSets.load(name)
            for f in facts where f[0] == name {
                switch f[1] {
                case "rows": XCTAssertEqual(d.n, Int(f[2]))
                case "columns": XCTAssertEqual(d.columns, f[2].split(separator: ",").map(String.init))
                case "mean":
                    let c = try d.column(f[2]).scalars
                    let mean = c.reduce(0, +) / Double(c.count)
                    XCTAssertEqual(mean, Double(f[3]) ?? .nan, accuracy: 1e-12 * max(1, abs(mean)), "\(name).\(f[2])")
                default: break
                }
            }
        }
    }

    func testParallelParseEqualsSequentialParse() throws {
        // A body over the parallel threshold, parsed in chunks, gives the values written.
        var rng = RandomGenerator(seed: 11)
        var text = "a,b,c\n"
        var values: [Double] = []
        while text.utf8.count < CSVReader.parallelThreshold + 100_000 {
            for j in 0..<3 {
                let x = (rng.uniform() - 0.5) * 1000
                values.append(x)
                text += x.description + (j == 2 ? "\r\n" : ",")
            }
        }
        let d = try CSVReader.parse(Array(text.utf8), name: "big.csv")
        XCTAssertEqual(d.samples.shape, [values.count / 3, 3])
        assertSameBits(d.samples.scalars, values, "big.csv")
    }

    func testOutputGrowsPastAShortEstimate() throws {
        // The first data line is long, the rest short: the size estimate falls far short and
        // parsing continues into further arrays.
        var text = "v\n1234567890.125\n"
        var expected = [1234567890.125]
        for k in 0..<5000 { text += "\(k % 10)\n"; expected.append(Double(k % 10)) }
        let d = try CSVReader.parse(Array(text.utf8), name: "grow.csv")
        XCTAssertEqual(d.samples.scalars, expected)
    }

    func testLineEndingsAndSpecialWords() throws {
        let d = try CSVReader.parse(Array("x,y\r1,true\r2,FALSE\rNA,-Infinity".utf8), name: "cr.csv")
        XCTAssertEqual(d.n, 3)
        assertSameBits(d.samples.scalars, [1, 1, 2, 0, .nan, -.infinity], "cr.csv")
        let headerOnly = try CSVReader.parse(Array("a,b\n".utf8), name: "h.csv")
        XCTAssertEqual(headerOnly.samples.shape, [0, 2])
    }

    func testEmptyAndRepeatedNamesFollowPandas() throws {
        let d = try CSVReader.parse(Array(",a,a\n1,2,3\n".utf8), name: "n.csv")
        XCTAssertEqual(d.columns, ["Unnamed: 0", "a", "a.1"])
    }
}
