import XCTest
import Foundation
@testable import ThetaTensor

/// Reading the committed reference tables in `Fixtures/special` (written by
/// `scripts/make_special_fixtures.py`; lines starting with `#` are comments).
enum SpecialFixture {
    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "fixture special/\(name) not found in the test bundle" }
    }

    /// The whitespace-separated fields of every non-comment line.
    static func lines(_ name: String) throws -> [[Substring]] {
        guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw Missing(name: name)
        }
        let url = dir.appendingPathComponent("special").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: " ") }
    }

    /// Rows of doubles; a field that does not parse fails the test.
    static func rows(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[Double]] {
        try lines(name).map { fields in
            fields.map { f in
                guard let v = Double(f) else {
                    XCTFail("unparseable field '\(f)' in \(name)", file: file, line: line)
                    return .nan
                }
                return v
            }
        }
    }
}

/// Relative error of `got` against the reference `want`, measured against at least the
/// smallest normal double (subnormal references carry only absolute precision). Equal values
/// (including equal infinities) and NaN against NaN count as exact.
func specialRelativeError(_ got: Double, _ want: Double) -> Double {
    if got == want || (got.isNaN && want.isNaN) { return 0 }
    if got.isNaN || want.isNaN || got.isInfinite || want.isInfinite { return .infinity }
    return (got - want).magnitude / Swift.max(want.magnitude, Double.leastNormalMagnitude)
}

/// Checks `f` against column `column` of every row (arguments in the first `arity` columns);
/// fails naming the worst row when the relative error passes `tolerance`, else returns the
/// worst error seen (printed, so the report can quote it).
@discardableResult
func checkSpecial(_ name: String, column: Int, arity: Int, tolerance: Double = 1e-12,
                  skip: ([Double]) -> Bool = { _ in false },
                  file: StaticString = #filePath, line: UInt = #line,
                  _ f: ([Double]) -> Double) throws -> Double {
    let rows = try SpecialFixture.rows(name, file: file, line: line)
    XCTAssertGreaterThan(rows.count, 5, "fixture \(name) has rows", file: file, line: line)
    var worst = 0.0, worstRow: [Double] = [], worstGot = 0.0
    for row in rows where !skip(row) {
        let got = f(Array(row.prefix(arity)))
        let err = specialRelativeError(got, row[column])
        if !(err <= worst) { worst = err; worstRow = row; worstGot = got }
    }
    print("[special] \(name) column \(column): worst relative error \(worst) at \(worstRow)")
    XCTAssertLessThanOrEqual(worst, tolerance,
                             "\(name): got \(worstGot) for row \(worstRow)", file: file, line: line)
    return worst
}

final class SpecialFixtureTests: XCTestCase {
    func testEveryFixtureFileIsPresentAndParses() throws {
        for name in ["lgamma.txt", "digamma.txt", "trigamma.txt", "lbeta.txt", "erf.txt",
                     "erfinv.txt", "erfcinv.txt", "logistic.txt", "log1p.txt", "expm1.txt",
                     "gammainc.txt", "betainc.txt"] {
            let rows = try SpecialFixture.rows(name)
            XCTAssertGreaterThan(rows.count, 10, name)
            let width = rows.first?.count ?? 0
            XCTAssertTrue(rows.allSatisfy { $0.count == width }, "\(name): ragged rows")
        }
    }

    func testRelativeErrorHelperIsStrictWhereItMatters() {
        XCTAssertEqual(specialRelativeError(1, 1), 0)
        XCTAssertEqual(specialRelativeError(.infinity, .infinity), 0)
        XCTAssertEqual(specialRelativeError(.nan, 1), .infinity)
        XCTAssertEqual(specialRelativeError(1 + 1e-10, 1), 1e-10, accuracy: 1e-16)
        XCTAssertGreaterThan(specialRelativeError(2e-300, 1e-300), 0.5)
    }
}
