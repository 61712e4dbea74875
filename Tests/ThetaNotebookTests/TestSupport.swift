import Foundation
import XCTest
import ThetaNotebook
import ThetaRuntime
import ThetaSyntax

/// Paths and helpers shared by the notebook tests.
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let examples = repository.appendingPathComponent("examples")

    static func exampleFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".gm") }.sorted()
            .map { examples.appendingPathComponent($0) }
    }
}

/// Snapshot comparison: the expected text lives in Snapshots/NAME. With THETA_RECORD=1 in the
/// environment the snapshot is (re)written instead, to be reviewed as a diff.
func assertSnapshot(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = Paths.snapshots.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["THETA_RECORD"] == "1" {
        try Data(actual.utf8).write(to: url)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(name); run with THETA_RECORD=1 to record it", file: file, line: line)
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let i = Array(zip(e, a)).firstIndex { $0 != $1 } ?? min(e.count, a.count)
        XCTFail("\(name) differs at line \(i + 1):\n expected: \(i < e.count ? String(e[i]) : "<end>")\n   actual: \(i < a.count ? String(a[i]) : "<end>")",
                file: file, line: line)
    }
}

/// Runs Theta code and returns the value of its last expression.
func evaluate(_ code: String, file: StaticString = #filePath, line: UInt = #line) throws -> Value {
    let interpreter = Interpreter(seed: 0, display: { _ in })
    return try interpreter.evaluate(SourceFile(name: "<test>", text: code))
}

/// The plot a Theta expression makes.
func plotOf(_ code: String) throws -> PlotValue {
    let v = try evaluate(code)
    guard case .object(let o) = v, let p = o as? PlotValue else {
        throw XCTSkip("not a plot: \(v.typeName)")
    }
    return p
}

/// Renders source text as a notebook named `name`.
func notebook(_ text: String, name: String = "test.gm", seed: UInt64 = 0) -> Notebook {
    NotebookRunner(seed: seed, version: "9.9.9").run(SourceFile(name: name, text: text))
}

/// Whether a string is well-formed XML, by Foundation's XMLParser (the error when not).
func xmlProblem(_ text: String) -> String? {
    #if canImport(FoundationXML)
    let parser = FoundationXML.XMLParser(data: Data(text.utf8))
    #else
    let parser = XMLParser(data: Data(text.utf8))
    #endif
    if parser.parse() { return nil }
    return parser.parserError.map { "\($0)" } ?? "not well-formed"
}

#if canImport(FoundationXML)
import FoundationXML
#endif
