import Foundation
import XCTest
import ThetaSyntax
@testable import ThetaRuntime

/// Runs every script under Tests/Golden/ and checks its output against the inline expectations:
///
/// - `# expect: TEXT` — the next line of output is exactly TEXT.
/// - `# expect error: TEXT` — the next output is an error whose message contains TEXT; when the
///   comment trails code, the error must point at that line.
///
/// Scripts run statement by statement (as a REPL would), so one file can hold several errors.
final class GoldenTests: XCTestCase {
    static var goldenRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden")
    }

    enum Expectation: Equatable {
        case output(String, line: Int)
        case error(String, line: Int, trailing: Bool)
    }

    static func expectations(in text: String) -> [Expectation] {
        var out: [Expectation] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if let r = line.range(of: "# expect error: ") {
                let trailing = !line[..<r.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty
                out.append(.error(String(line[r.upperBound...]), line: i + 1, trailing: trailing))
            } else if let r = line.range(of: "# expect: ") {
                out.append(.output(String(line[r.upperBound...]), line: i + 1))
            }
        }
        return out
    }

    enum Actual { case output(String), error(Diagnostic) }

    func testGoldenScripts() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.goldenRoot.path)
            .filter { $0.hasSuffix(".gm") }.sorted()
        // GOLDEN=substring runs only the matching scripts (for re-running one area by hand).
        let only = ProcessInfo.processInfo.environment["GOLDEN"]
        XCTAssertGreaterThan(files.count, 6, "golden scripts are missing")
        for rel in files where only.map({ rel.contains($0) }) ?? true {
            let url = Self.goldenRoot.appendingPathComponent(rel)
            let data = try Data(contentsOf: url)
            let text = String(decoding: data, as: UTF8.self)
            let expected = Self.expectations(in: text)
            XCTAssertFalse(expected.isEmpty, "\(rel) has no expectations")
            var actual: [Actual] = []
            let interp = Interpreter(seed: 0) { shown in
                for l in shown.split(separator: "\n", omittingEmptySubsequences: false) { actual.append(.output(String(l))) }
            }
            interp.runEach(SourceFile(name: rel, bytes: Array(data))) { actual.append(.error($0)) }
            compare(rel, expected, actual)
        }
    }

    private func compare(_ file: String, _ expected: [Expectation], _ actual: [Actual]) {
        for (k, e) in expected.enumerated() {
            guard k < actual.count else {
                XCTFail("\(file): expected \(e) but the output ended after \(actual.count) lines")
                return
            }
            switch (e, actual[k]) {
            case (.output(let want, let line), .output(let got)):
                XCTAssertEqual(got, want, "\(file):\(line)")
                if got != want { return }
            case (.error(let want, let line, let trailing), .error(let d)):
                let text = d.message + (d.hint.map { " (hint: \($0))" } ?? "")
                XCTAssertTrue(text.contains(want), "\(file):\(line): error '\(text)' does not contain '\(want)'")
                // A trailing expectation must be reached by the error: its own span, or the
                // call site of one of the calls it passed through (the statement that started
                // the failing chain).
                if trailing, let span = d.span {
                    let lines = [span.location.line] + d.trace.map { $0.callSite.location.line }
                    XCTAssertTrue(lines.contains(line), "\(file):\(line): error points at lines \(lines): \(d.message)")
                }
            case (.output(let want, let line), .error(let d)):
                XCTFail("\(file):\(line): expected '\(want)' but got error: \(DiagnosticRenderer.render(d))")
                return
            case (.error(let want, let line, _), .output(let got)):
                XCTFail("\(file):\(line): expected an error containing '\(want)' but got output '\(got)'")
                return
            }
        }
        if actual.count > expected.count {
            let extra = actual[expected.count...].map { a -> String in
                switch a {
                case .output(let s): return s
                case .error(let d): return "error: " + d.message
                }
            }
            XCTFail("\(file): unexpected extra output: \(extra.prefix(5))")
        }
    }
}
