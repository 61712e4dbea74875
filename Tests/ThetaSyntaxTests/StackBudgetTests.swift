import XCTest
import Foundation
@testable import ThetaSyntax

/// The deepest input the parser accepts fits in a 4 MiB stack even in a debug build (the main
/// thread has 8 MiB), so the depth limit, not the stack, is what stops deep input.
final class StackBudgetTests: XCTestCase {
    func testMaximumNestingFitsInFourMebibytes() {
        let n = Parser.maxDepth - 5
        let half = Parser.maxDepth / 2 - 5  // a call counts two levels (call, argument)
        let third = Parser.maxDepth / 3 - 5  // a nested if three (statement, if, block)
        let inputs = [
            String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n),
            String(repeating: "[", count: n) + String(repeating: "]", count: n),
            String(repeating: "if a {", count: third) + String(repeating: "}", count: third),
            String(repeating: "f(", count: half) + String(repeating: ")", count: half),
            String(repeating: "x => ", count: n) + "1",
            "x = " + String(repeating: "{a: ", count: n) + "1" + String(repeating: "}", count: n),
            "s = " + String(repeating: "-", count: n) + "1",
        ]
        let results = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for text in inputs {
                results.append((try? Parser.parse(SourceFile(name: "t", text: text))) != nil)
            }
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
        done.wait()
        XCTAssertEqual(results.values, Array(repeating: true, count: inputs.count))
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Bool] = []
    func append(_ b: Bool) { lock.lock(); stored.append(b); lock.unlock() }
    var values: [Bool] { lock.lock(); defer { lock.unlock() }; return stored }
}
