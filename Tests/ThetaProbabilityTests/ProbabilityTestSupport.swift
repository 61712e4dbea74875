import Foundation
import XCTest
import ThetaAutodiff
import ThetaProbability
import ThetaTensor

/// A tensor from a JSON value: a number, "inf"/"-inf"/"nan", or nested lists.
func tensorFromJSON(_ v: Any) -> Tensor? {
    func scalar(_ v: Any) -> Double? {
        if let d = v as? Double { return d }
        if let n = v as? NSNumber { return n.doubleValue }
        if let s = v as? String { return s == "inf" ? .infinity : s == "-inf" ? -.infinity : s == "nan" ? .nan : nil }
        return nil
    }
    if let d = scalar(v) { return Tensor(d) }
    guard let list = v as? [Any] else { return nil }
    let parts = list.compactMap(tensorFromJSON)
    guard parts.count == list.count, let first = parts.first else { return nil }
    return Tensor(unchecked: [parts.count] + first.shape, scalars: parts.flatMap(\.scalars))
}

/// Loads `Fixtures/distributions.json`.
func loadFixtures() throws -> [String: Any] {
    guard let url = Bundle.module.url(forResource: "distributions", withExtension: "json", subdirectory: "Fixtures") else {
        throw ProbabilityError(.invalidArgument, "fixture distributions.json not found")
    }
    let data = try Data(contentsOf: url)
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw ProbabilityError(.invalidArgument, "bad fixture file")
    }
    return root
}

/// Builds a family from named tensors on `tape` (untracked).
func make(_ family: String, _ params: [(String, Tensor)], on tape: Tape) throws -> any Distribution {
    try Families.make(family, params.map { (label: $0.0, value: tape.constant($0.1)) })
}

/// Runs probability code inside a gradient check, converting its errors.
func pa<R>(_ body: () throws(ProbabilityError) -> R) throws(AutodiffError) -> R {
    do { return try body() } catch {
        throw AutodiffError(.forward, operation: "probability", message: error.message, origin: nil)
    }
}

/// Asserts that the tape's gradients of `f` at `inputs` agree with central differences.
func assertGradients(_ inputs: [Tensor], step: Double = 1e-6, rtol: Double = 1e-6, atol: Double = 1e-8,
                     file: StaticString = #filePath, line: UInt = #line,
                     _ f: (Tape, [Variable]) throws(AutodiffError) -> Variable) {
    do {
        let report = try GradientCheck.check(inputs, step: step, rtol: rtol, atol: atol, f)
        XCTAssertTrue(report.passed, report.description, file: file, line: line)
    } catch {
        XCTFail("gradient check threw: \(error)", file: file, line: line)
    }
}

/// The sample mean and standard error of the mean of `xs`.
func meanAndError(_ xs: [Double]) -> (mean: Double, se: Double) {
    let n = Double(xs.count)
    let m = xs.reduce(0, +) / n
    let v = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
    return (m, (v / n).squareRoot())
}

/// The error thrown by `body`, failing when none is.
func probabilityError(file: StaticString = #filePath, line: UInt = #line,
                      _ body: () throws(ProbabilityError) -> Any) -> ProbabilityError? {
    do {
        _ = try body()
        XCTFail("expected a ProbabilityError", file: file, line: line)
        return nil
    } catch {
        return error
    }
}
