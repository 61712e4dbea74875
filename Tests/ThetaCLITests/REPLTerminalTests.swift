import Foundation
import XCTest

/// Drives the real `theta` REPL through a pseudo-terminal as a person would.
final class REPLTerminalTests: XCTestCase {
    func testSessionAtATerminal() throws {
        let exe = try ThetaBinary.require()
        let home = try ThetaBinary.temporaryDirectory()
        var env = ["HOME": home.path, "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1"]
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let term = try PseudoTerminal(executable: exe.path, arguments: [], environment: env)

        try term.expect("θ> ")
        // A multi-line function: the entry continues while the brace is open.
        term.send("fn add(a, b) {\r")
        try term.expect(".. ")
        term.send("  a + b\r")
        try term.expect(".. ")
        term.send("}\r")
        try term.expect("θ> ")
        term.send("add(2, 3)\r")
        try term.expect("5\r\n")
        try term.expect("θ> ")

        // An error is reported with its location and the session goes on.
        term.send("add(1)\r")
        try term.expect("missing its argument 'b'")
        try term.expect("θ> ")
        term.send("add(10, 20)\r")
        try term.expect("30\r\n")
        try term.expect("θ> ")

        // Ctrl-C cancels a running evaluation and returns to the prompt.
        term.send("while true { }\r")
        Thread.sleep(forTimeInterval: 0.5)
        term.send("\u{3}")
        try term.expect("interrupted")
        try term.expect("θ> ")
        // Ctrl-C on a half-typed line drops it. As a person would, the test sees the text
        // echoed before pressing Ctrl-C (the terminal discards unread input on Ctrl-C).
        term.send("add(1,")
        try term.expect("add(1,")
        term.send("\u{3}")
        try term.expect("θ> ")
        term.send(":type add(1, 1)\r")
        try term.expect("number")
        try term.expect("θ> ")

        // Ctrl-D ends the session with status 0 and the history is saved.
        term.send("\u{4}")
        XCTAssertEqual(try term.waitForExit(), 0)
        let history = try String(contentsOf: home.appendingPathComponent(".theta_history"), encoding: .utf8)
        XCTAssertTrue(history.contains("add(2, 3)"), history)
        XCTAssertTrue(history.contains("add(10, 20)"), history)
    }
}
