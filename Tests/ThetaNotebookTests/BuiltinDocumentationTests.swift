import XCTest
import ThetaRuntime

/// `:help NAME` and `theta help NAME` show a builtin's documentation, which lives beside its
/// implementation in the builtin tables: every builtin must have some.
final class BuiltinDocumentationTests: XCTestCase {
    func testEveryBuiltinHasDocumentation() {
        let names = Interpreter.builtinNames
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let doc = Interpreter.documentation(of: name) ?? ""
            let body = doc.split(separator: "\n", maxSplits: 1).dropFirst().joined()
            XCTAssertFalse(body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "builtin '\(name)' has no documentation")
        }
    }

    func testPlottingBuiltinsAreDocumented() {
        for name in ["plot", "hist", "scatter", "line", "heatmap", "images", "save_plot"] {
            XCTAssertTrue(Interpreter.documentation(of: name)?.hasPrefix("\(name)(") == true, name)
        }
    }
}
