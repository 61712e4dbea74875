import Foundation
import XCTest

/// The `theta` command run as a user runs it: arguments, exit statuses, what goes to stdout and
/// what to stderr.
final class CommandTests: XCTestCase {
    func testVersionPrintsAndSucceeds() throws {
        let r = try ThetaBinary.run(["--version"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasPrefix("theta "), r.stdout)
    }

    func testEvalPrintsTheValue() throws {
        let r = try ThetaBinary.run(["eval", "fn f(n) = if n < 2 { n } else { f(n - 1) + f(n - 2) }; f(20)"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "6765\n")
    }

    func testRunShowsTopLevelValuesAndHidesSemicolon() throws {
        let dir = try ThetaBinary.temporaryDirectory()
        let path = try ThetaBinary.write("x = 2\nx * 21\nx + 1;\n\"done\"\n", named: "a.gm", in: dir)
        for args in [["run", path], [path]] {
            let r = try ThetaBinary.run(args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "42\ndone\n", "\(args)")  // a shown string is its text
        }
    }

    func testRuntimeErrorExitsOneWithLocatedDiagnosticAndCallChain() throws {
        let dir = try ThetaBinary.temporaryDirectory()
        let path = try ThetaBinary.write("""
            fn inner(v) = v + "s"
            fn outer(v) = inner(v)
            print("before")
            outer(1)
            print("after")

            """, named: "fail.gm", in: dir)
        let r = try ThetaBinary.run(["run", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "before\n", "the run stops at the error")
        XCTAssertTrue(r.stderr.contains("fail.gm:1:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot apply '+' to number and string"), r.stderr)
        XCTAssertTrue(r.stderr.contains("^"), "a caret marks the span: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("inner at \(path):2:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("outer at \(path):4:"), r.stderr)
    }

    func testCheckReportsStaticErrorsWithoutRunning() throws {
        let dir = try ThetaBinary.temporaryDirectory()
        let path = try ThetaBinary.write("""
            print("side effect")
            fn f(a, a) = a
            y = undefined_name + 1
            break

            """, named: "bad.gm", in: dir)
        let r = try ThetaBinary.run(["check", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertFalse(r.stdout.contains("side effect"), "check must not run the program")
        XCTAssertTrue(r.stderr.contains("duplicate parameter 'a'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("undefined name 'undefined_name'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("break"), r.stderr)
        let ok = try ThetaBinary.write("x = 1\nx + 1\n", named: "ok.gm", in: dir)
        XCTAssertEqual(try ThetaBinary.run(["check", ok]).status, 0)
    }

    func testSyntaxErrorExitsTwo() throws {
        let dir = try ThetaBinary.temporaryDirectory()
        let path = try ThetaBinary.write("x = (1 + 2\nprint(x)\n", named: "syntax.gm", in: dir)
        let r = try ThetaBinary.run(["run", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("syntax.gm:"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testInvalidUTF8IsALocatedErrorNotACrash() throws {
        let dir = try ThetaBinary.temporaryDirectory()
        let path = try ThetaBinary.write(Array("x = 1\ny = \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8),
                                         named: "bytes.gm", in: dir)
        let r = try ThetaBinary.run(["run", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("bytes.gm:2:"), r.stderr)
    }

    func testUsageErrorsExitTwo() throws {
        XCTAssertEqual(try ThetaBinary.run(["run", "/nonexistent/file.gm"]).status, 2)
        XCTAssertEqual(try ThetaBinary.run(["run"]).status, 2)
        XCTAssertEqual(try ThetaBinary.run(["eval", "1", "--seed", "banana"]).status, 2)
        XCTAssertEqual(try ThetaBinary.run(["--no-such-flag"]).status, 2)
    }

    func testDeepRecursionWorksAndRunawayRecursionIsAnError() throws {
        let deep = try ThetaBinary.run(["eval", "fn d(n) = if n == 0 { 0 } else { 1 + d(n - 1) }; d(10000)"])
        XCTAssertEqual(deep.status, 0, deep.stderr)
        XCTAssertEqual(deep.stdout, "10000\n")
        let runaway = try ThetaBinary.run(["eval", "fn f(n) = f(n + 1); f(0)"])
        XCTAssertEqual(runaway.status, 1)
        XCTAssertTrue(runaway.stderr.contains("runaway recursion"), runaway.stderr)
        XCTAssertTrue(runaway.stderr.contains("calls in a row"), "the chain is collapsed: \(runaway.stderr)")
    }

    func testPipedSessionEvaluatesEachEntryAndGoesOnAfterErrors() throws {
        let r = try ThetaBinary.run([], input: "fn add(a, b) {\n  a + b\n}\nadd(2, 3)\nadd(1)\nadd(10, 20)\n")
        XCTAssertEqual(r.stdout, "5\n30\n")
        XCTAssertTrue(r.stderr.contains("missing its argument 'b'"), r.stderr)
        XCTAssertEqual(r.status, 1, "a piped session reports its last failure")
    }

    func testSameFileAndSeedPrintTheSameNumbers() throws {
        let dir = try ThetaBinary.temporaryDirectory()
        let path = try ThetaBinary.write("randn(3)\nrandint(0, 100, 5)\n", named: "s.gm", in: dir)
        let first = try ThetaBinary.run(["run", path])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(try ThetaBinary.run(["run", path]).stdout, first.stdout, "default seed 0 both times")
        XCTAssertEqual(try ThetaBinary.run(["run", path, "--seed", "0"]).stdout, first.stdout)
        let seven = try ThetaBinary.run(["run", path, "--seed", "7"])
        XCTAssertEqual(seven.status, 0, seven.stderr)
        XCTAssertNotEqual(seven.stdout, first.stdout, "another seed draws other numbers")
        XCTAssertEqual(try ThetaBinary.run([path, "--seed", "7"]).stdout, seven.stdout)
        let inScript = try ThetaBinary.write("seed(7)\nrandn(3)\nrandint(0, 100, 5)\n", named: "t.gm", in: dir)
        XCTAssertEqual(try ThetaBinary.run(["run", inScript]).stdout, seven.stdout, "seed(7) in the script = --seed 7")
    }

    func testInterruptedRunExits130() throws {
        let p = Process()
        p.executableURL = try ThetaBinary.require()
        p.arguments = ["eval", "i = 0; while true { i += 1 }"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 0.5)
        p.interrupt()  // SIGINT, as Ctrl-C sends
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .exit, "theta handles SIGINT rather than dying of it")
        XCTAssertEqual(p.terminationStatus, 130)
    }

    func testRenderWritesANotebookAndReportsFailingCells() throws {
        let dir = try ThetaBinary.temporaryDirectory()
        let path = try ThetaBinary.write("# %%\nx = 21\nx * 2\n# %%\nundefined_name\n# %%\nx + 1\n", named: "nb.gm", in: dir)
        let out = dir.appendingPathComponent("nb.ipynb")
        let r = try ThetaBinary.run(["render", path, "-o", out.path])
        XCTAssertEqual(r.status, 1, "a failing cell makes the render exit 1: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("undefined name 'undefined_name'"), r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        XCTAssertEqual(json?["nbformat"] as? Int, 4)
        XCTAssertEqual(json?["nbformat_minor"] as? Int, 5)
        let cells = json?["cells"] as? [[String: Any]] ?? []
        XCTAssertEqual(cells.count, 3)
        let lastOutputs = cells.last?["outputs"] as? [[String: Any]] ?? []
        XCTAssertFalse(lastOutputs.isEmpty, "the cell after the failing one still ran")
    }
}
