import XCTest
import ThetaAutodiff
import ThetaTensor

/// A tensor of `shape` with deterministic, distinct entries `offset + scale·sin(1.3·i + phase)`.
func sample(_ shape: [Int], phase: Double = 0, scale: Double = 1, offset: Double = 0) -> Tensor {
    let n = shape.reduce(1, *)
    return Tensor(unchecked: shape, scalars: (0..<n).map { offset + scale * sin(1.3 * Double($0) + phase) })
}

/// Builds a tensor in tests, failing the test (not crashing) on a bad shape.
func makeT(_ shape: [Int], _ scalars: [Double], file: StaticString = #filePath, line: UInt = #line) -> Tensor {
    do { return try Tensor(shape: shape, scalars: scalars) } catch {
        XCTFail("bad test tensor: \(error)", file: file, line: line)
        return Tensor(0)
    }
}

/// Asserts that the tape's gradients of `f` at `inputs` agree with central differences.
func assertGradients(_ inputs: [Tensor], step: Double = 1e-6, rtol: Double = 1e-6, atol: Double = 1e-8,
                     file: StaticString = #filePath, line: UInt = #line,
                     _ f: (Tape, [Variable]) throws(AutodiffError) -> Variable) {
    do {
        let report = try GradientCheck.check(inputs, step: step, rtol: rtol, atol: atol, f)
        XCTAssertTrue(report.passed, report.description, file: file, line: line)
        for (g, x) in zip(report.analytic, inputs) {
            XCTAssertEqual(g.shape, x.shape, "gradient shape", file: file, line: line)
        }
    } catch {
        XCTFail("gradient check threw: \(error)", file: file, line: line)
    }
}

/// Asserts shape equality and elementwise closeness.
func assertClose(_ a: Tensor, _ b: Tensor, rtol: Double = 1e-12, atol: Double = 1e-12,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.shape, b.shape, "shape", file: file, line: line)
    XCTAssertTrue(Tensor.allClose(a, b, rtol: rtol, atol: atol, equalNaN: true),
                  "\(a.scalars) !≈ \(b.scalars)", file: file, line: line)
}

/// Runs `body` and returns the `AutodiffError` it throws, failing the test if it throws none.
func expectError<R>(file: StaticString = #filePath, line: UInt = #line,
                    _ body: () throws(AutodiffError) -> R) -> AutodiffError? {
    do {
        _ = try body()
        XCTFail("expected an AutodiffError", file: file, line: line)
        return nil
    } catch {
        return error
    }
}
