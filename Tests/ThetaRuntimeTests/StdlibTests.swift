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

    /// matmul_add is x @ W + b (the bias fused into the product when it is a row), with
    /// gradients through it, and plain tensors work as well as tracked ones.
    func testMatMulAddIsTheAffineMapAndDifferentiates() throws {
        var shown: [String] = []
        let interp = Interpreter(seed: 0) { shown.append($0) }
        try interp.run(SourceFile(name: "t.gm", text: """
            x = [[1, 2, 3], [0, 1, 0], [2, -1, 1], [1, 1, 1]]
            W = [[1, 0], [0.5, 2], [-1, 1]]
            b = [0.25, -3]
            max(abs(matmul_add(x, W, b) - (x @ W + b))) < 1e-12
            max(abs(matmul_add(x, W, [[1], [2], [3], [4]]) - (x @ W + [[1], [2], [3], [4]]))) < 1e-12
            g = grad((W, b) => sum(matmul_add(x, W, b) ^ 2), W, b)
            h = grad((W, b) => sum((x @ W + b) ^ 2), W, b)
            max(abs(g[0] - h[0])) < 1e-10 and max(abs(g[1] - h[1])) < 1e-10

            """))
        XCTAssertEqual(shown, ["true", "true", "true"])
    }
}
