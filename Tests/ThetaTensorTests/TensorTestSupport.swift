import XCTest
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
