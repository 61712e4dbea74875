import XCTest
import ThetaAutodiff
import ThetaTensor

/// The checker itself: its estimates match closed forms, and it reports a wrong gradient.
final class GradientCheckTests: XCTestCase {
    func testNumericEstimateMatchesTheClosedForm() throws {
        // L = Σ r_k x_k³ ⇒ ∂L/∂x_k = 3 r_k x_k².
        let x = makeT([3], [0.5, -1.25, 2])
        let report = try GradientCheck.check([x]) { _, v throws(AutodiffError) in try v[0].pow(3) }
        for k in 0..<3 {
            let exact = 3 * GradientCheck.weight(k) * x.scalars[k] * x.scalars[k]
            XCTAssertEqual(report.numeric[0].scalars[k], exact, accuracy: 1e-7)
            XCTAssertEqual(report.analytic[0].scalars[k], exact, accuracy: 1e-12)
        }
        XCTAssertTrue(report.passed)
    }

    func testAWrongGradientFails() throws {
        // The tape treats the detached factor as a constant (∂ = x), the function is x² (∂ = 2x).
        let report = try GradientCheck.check([makeT([2], [1, 2])]) { _, v throws(AutodiffError) in
            try v[0] * v[0].detached()
        }
        XCTAssertFalse(report.passed)
        XCTAssertEqual(report.maxAbsoluteError, 2 * GradientCheck.weight(1), accuracy: 1e-6)
        XCTAssertTrue(report.description.contains("FAILED"))
    }

    func testAKinkAtTheCheckedPointFails() throws {
        // relu at exactly 0: the tape says 0, the symmetric difference says 1/2.
        let report = try GradientCheck.check([makeT([1], [0])]) { _, v throws(AutodiffError) in try v[0].relu() }
        XCTAssertFalse(report.passed)
    }
}
