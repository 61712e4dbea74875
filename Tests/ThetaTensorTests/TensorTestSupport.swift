import XCTest
import Foundation
@testable import ThetaTensor

/// Builds a tensor in tests, failing the test (not crashing) on a bad shape.
func makeT(_ shape: [Int], _ scalars: [Double], file: StaticString = #filePath, line: UInt = #line) -> Tensor {
    do { return try Tensor(shape: shape, scalars: scalars) } catch {
        XCTFail("bad test tensor: \(error)", file: file, line: line)
        return Tensor(0)
    }
}

/// `0, 1, ..., n-1` reshaped to `shape`.
func iotaT(_ shape: [Int]) -> Tensor {
    let n = shape.reduce(1, *)
    return Tensor(unchecked: shape, scalars: (0..<n).map(Double.init))
}

/// Asserts shape equality and elementwise closeness.
func assertTClose(_ a: Tensor, _ b: Tensor, rtol: Double = 1e-12, atol: Double = 1e-12,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.shape, b.shape, "shape", file: file, line: line)
    XCTAssertTrue(Tensor.allClose(a, b, rtol: rtol, atol: atol, equalNaN: true),
                  "\(a.scalars) !≈ \(b.scalars)", file: file, line: line)
}

/// Asserts that `body` throws a TensorError whose message contains every fragment.
func assertTError<R>(_ fragments: [String], file: StaticString = #filePath, line: UInt = #line,
                     _ body: () throws -> R) {
    do {
        _ = try body()
        XCTFail("expected an error containing \(fragments)", file: file, line: line)
    } catch let error as TensorError {
        for f in fragments {
            XCTAssertTrue(error.message.contains(f), "'\(error.message)' lacks '\(f)'", file: file, line: line)
        }
    } catch {
        XCTFail("expected a TensorError, got \(error)", file: file, line: line)
    }
}

/// A tensor as written by scripts/make_tensor_fixtures.py: shape and row-major values, each
/// value a string in Python's round-trip form (`repr`), so `nan`/`inf` survive JSON and every
/// double reads back exactly.
struct FixtureTensor: Decodable {
    let shape: [Int]
    let data: [String]

    func tensor(file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let values: [Double] = data.map { text in
            guard let v = Double(text) else {
                XCTFail("fixture value '\(text)' is not a number", file: file, line: line)
                return .nan
            }
            return v
        }
        return makeT(shape, values, file: file, line: line)
    }
}

/// Decodes `Fixtures/tensor/<name>` from the test bundle.
func loadTensorFixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let root = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil),
                             "Fixtures directory missing from the test bundle")
    let data = try Data(contentsOf: root.appendingPathComponent("tensor").appendingPathComponent(name))
    return try JSONDecoder().decode(T.self, from: data)
}

/// Asserts exact agreement up to the sign of zero, NaN matching NaN (for results that are
/// correctly rounded single operations, where NumPy and we must give the same double).
func assertTExact(_ got: Tensor, _ want: Tensor, _ what: String,
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(got.shape, want.shape, "\(what): shape", file: file, line: line)
    guard got.shape == want.shape else { return }
    for (i, (g, w)) in Swift.zip(got.scalars, want.scalars).enumerated() where !(g == w || (g.isNaN && w.isNaN)) {
        XCTFail("\(what): element \(i) is \(g), NumPy gives \(w)", file: file, line: line)
        return
    }
}
