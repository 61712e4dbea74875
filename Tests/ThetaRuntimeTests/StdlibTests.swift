import XCTest
import ThetaSyntax
@testable import ThetaRuntime

/// The stdlib loads into every interpreter, and its layers behave as documented.
final class StdlibTests: XCTestCase {
    func testStdlibLoadsWithoutProblems() {
        let interp = Interpreter(seed: 0) { _ in }
        XCTAssertEqual(interp.preludeProblems.map(\.message), [])
        XCTAssertTrue(interp.globalNames.contains("dense"))
        XCTAssertTrue(interp.globalNames.contains("mlp"))
    }

    func testStdlibNamesSurviveReset() throws {
        let interp = Interpreter(seed: 0) { _ in }
        interp.reset()
        XCTAssertTrue(interp.globalNames.contains("mlp"))
    }

    /// A dense layer is the affine map x W + b with PyTorch's default initialization:
    /// every entry uniform on ±1/sqrt(n_in).
    func testDenseLayerIsAffineAndInitializedInItsBound() throws {
        var shown: [String] = []
        let interp = Interpreter(seed: 0) { shown.append($0) }
        try interp.run(SourceFile(name: "t.gm", text: """
            d = dense(4, 3)
            x = [[1, 2, 3, 4], [0, 1, 0, 1]]
            max(abs(d(x) - (x @ d.W + d.b))) == 0
            max(abs(d.W)) <= 0.5 and max(abs(d.b)) <= 0.5
            len(params(mlp([4, 8, 8, 2])))

            """))
        XCTAssertEqual(shown, ["true", "true", "6"])
    }
}
