import Foundation
import XCTest
import ThetaNotebook
import ThetaRuntime
import ThetaSyntax

/// Every example rendered to all three formats; golden notebooks for a few files, re-recorded on
/// purpose (THETA_RECORD=1) and reviewed as diffs; the .ipynb validated by nbformat itself when
/// python3 and nbformat are installed (CI installs them).
final class ExampleNotebookTests: XCTestCase {
    /// Golden sources: the tour example and a plotting notebook kept beside the snapshots.
    static var goldenSources: [URL] {
        [Paths.examples.appendingPathComponent("00-tour.gm"), Paths.snapshots.appendingPathComponent("plots.gm")]
    }

    static func render(_ url: URL) throws -> Notebook {
        // Named by base name so snapshots do not depend on where the repository is.
        let text = try String(contentsOf: url, encoding: .utf8)
        return NotebookRunner(seed: 0, version: "test").run(SourceFile(name: url.lastPathComponent, text: text))
    }

    func testEveryExampleRendersToAllThreeFormats() throws {
        let files = try Paths.exampleFiles()
        XCTAssertFalse(files.isEmpty)
        for url in files {
            let nb = try Self.render(url)
            XCTAssertEqual(nb.failedCells, 0, "\(url.lastPathComponent) has a failing cell")
            let ipynb = IPynbWriter.render(nb)
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(ipynb.utf8)), url.lastPathComponent)
            let html = HTMLWriter.render(nb)
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
            XCTAssertFalse(html.contains("<script"))
            let (md, figures) = MarkdownWriter.render(nb)
            XCTAssertFalse(md.isEmpty)
            for f in figures {
                XCTAssertNil(xmlProblem(f.svg), "\(url.lastPathComponent): \(f.path)")
                XCTAssertTrue(md.contains("](\(f.path))"))
            }
        }
    }

    func testGoldenNotebooks() throws {
        for url in Self.goldenSources {
            let nb = try Self.render(url)
            let stem = url.deletingPathExtension().lastPathComponent
            try assertSnapshot(IPynbWriter.render(nb), named: "\(stem).ipynb")
            try assertSnapshot(MarkdownWriter.render(nb).text, named: "\(stem).md")
        }
    }

    func testNotebooksPassNbformatValidation() throws {
        // python3 as found on PATH (where pip installed nbformat).
        let python = "/usr/bin/env"
        guard run(python, ["python3", "-c", "import nbformat"]).status == 0 else {
            throw XCTSkip("python3 with nbformat is not installed (pip install nbformat)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("theta-nb-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for url in try Paths.exampleFiles() + Self.goldenSources {
            let out = dir.appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".ipynb")
            try Data(IPynbWriter.render(try Self.render(url)).utf8).write(to: out)
            paths.append(out.path)
        }
        let script = Paths.repository.appendingPathComponent("scripts/validate_notebooks.py").path
        let r = run(python, ["python3", script] + paths)
        XCTAssertEqual(r.status, 0, r.output)
    }

    private func run(_ executable: String, _ args: [String]) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
