import XCTest
@testable import ThetaTensor

final class TensorIndexTests: XCTestCase {
    let x = iotaT([3, 4])  // [[0 1 2 3] [4 5 6 7] [8 9 10 11]]

    func testAtAndNegativeIndices() throws {
        XCTAssertEqual(try x.index([.at(1)]), Tensor([4, 5, 6, 7]))
        XCTAssertEqual(try x.index([.at(-1)]), Tensor([8, 9, 10, 11]))
        XCTAssertEqual(try x.index([.at(-1), .at(-2)]), Tensor(10))
        XCTAssertEqual(try x.index([.all, .at(2)]), Tensor([2, 6, 10]))
    }

    func testSlicesWithSteps() throws {
        // x[:, 1:3]
        XCTAssertEqual(try x.index([.all, .range(start: 1, stop: 3, step: nil)]), makeT([3, 2], [1, 2, 5, 6, 9, 10]))
        // x[::-1] reverses rows; x[:, ::-2] takes columns 3, 1.
        XCTAssertEqual(try x.index([.range(start: nil, stop: nil, step: -1)]),
                       makeT([3, 4], [8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3]))
        XCTAssertEqual(try x.index([.all, .range(start: nil, stop: nil, step: -2)]),
                       makeT([3, 2], [3, 1, 7, 5, 11, 9]))
        // x[2:0:-1, -1] = [11, 7]
        XCTAssertEqual(try x.index([.range(start: 2, stop: 0, step: -1), .at(-1)]), Tensor([11, 7]))
        // Clamping: x[-100:100] is everything, x[5:] is empty, x[1:1] empty.
        XCTAssertEqual(try x.index([.range(start: -100, stop: 100, step: nil)]), x)
        XCTAssertEqual(try x.index([.range(start: 5, stop: nil, step: nil)]).shape, [0, 4])
        XCTAssertEqual(try x.index([.range(start: 1, stop: 1, step: nil)]).shape, [0, 4])
        // x[10:-10:-1] clamps to rows 2, 1, 0.
        XCTAssertEqual(try x.index([.range(start: 10, stop: -10, step: -1), .at(0)]), Tensor([8, 4, 0]))
        // x[0, 0:4:3] = [0, 3]
        XCTAssertEqual(try x.index([.at(0), .range(start: 0, stop: 4, step: 3)]), Tensor([0, 3]))
    }

    func testSliceBoundsMatchPythonSliceIndices() throws {
        // Values of len(range(*slice(a, b, s).indices(n))) computed by hand from Python rules.
        let v = Tensor((0..<5).map(Double.init))
        func pick(_ a: Int?, _ b: Int?, _ s: Int?) throws -> [Double] {
            try v.index([.range(start: a, stop: b, step: s)]).scalars
        }
        XCTAssertEqual(try pick(nil, nil, 2), [0, 2, 4])
        XCTAssertEqual(try pick(-2, nil, nil), [3, 4])
        XCTAssertEqual(try pick(nil, -2, nil), [0, 1, 2])
        XCTAssertEqual(try pick(nil, nil, -1), [4, 3, 2, 1, 0])
        XCTAssertEqual(try pick(3, nil, -1), [3, 2, 1, 0])
        XCTAssertEqual(try pick(nil, 1, -1), [4, 3, 2])
        XCTAssertEqual(try pick(-1, -6, -2), [4, 2, 0])
        XCTAssertEqual(try pick(1, 4, -1), [])
        XCTAssertEqual(try pick(0, 5, Int.max), [0])
    }

    func testNewAxisAndTrailingAxes() throws {
        XCTAssertEqual(try x.index([.newAxis]).shape, [1, 3, 4])
        XCTAssertEqual(try x.index([.all, .newAxis, .at(0)]), makeT([3, 1], [0, 4, 8]))
        XCTAssertEqual(try x.index([]), x)
        let y = iotaT([2, 3, 4])
        XCTAssertEqual(try y.index([.at(1)]).shape, [3, 4])
        XCTAssertEqual(try y.index([.at(1)]).scalars[0], 12)
    }

    func testIndexErrors() {
        assertTError(["index 3", "axis 0", "extent 3"]) { try x.index([.at(3)]) }
        assertTError(["index -5", "axis 1", "extent 4"]) { try x.index([.all, .at(-5)]) }
        assertTError(["step", "zero"]) { try x.index([.range(start: nil, stop: nil, step: 0)]) }
        assertTError(["too many", "[3, 4]"]) { try x.index([.at(0), .at(0), .at(0)]) }
    }

    func testAssignBroadcastsValue() throws {
        var y = x
        try y.assign([.all, .at(0)], Tensor(-1))
        XCTAssertEqual(y.scalars, [-1, 1, 2, 3, -1, 5, 6, 7, -1, 9, 10, 11])
        XCTAssertEqual(x.scalars[0], 0, "copy-on-write leaves the original alone")
        try y.assign([.range(start: nil, stop: nil, step: -2)], Tensor([100, 200, 300, 400]))
        XCTAssertEqual(try y.index([.at(0)]).scalars, [100, 200, 300, 400])
        XCTAssertEqual(try y.index([.at(2)]).scalars, [100, 200, 300, 400])
        XCTAssertEqual(try y.index([.at(1)]).scalars, [-1, 5, 6, 7])
        try y.assign([.at(1), .at(-1)], Tensor(42))
        XCTAssertEqual(y.scalars[7], 42)
        assertTError(["assign", "[3]", "[2, 4]"]) {
            var z = x
            try z.assign([.range(start: 0, stop: 2, step: nil)], Tensor([1, 2, 3]))
        }
    }
}
