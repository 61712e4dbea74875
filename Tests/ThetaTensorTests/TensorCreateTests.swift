import XCTest
@testable import ThetaTensor

final class TensorCreateTests: XCTestCase {
    func testConstantTensors() throws {
        XCTAssertEqual(try Tensor.zeros([2, 3]).scalars, [Double](repeating: 0, count: 6))
        XCTAssertEqual(try Tensor.ones([3]).scalars, [1, 1, 1])
        XCTAssertEqual(try Tensor.full([2], 7), Tensor([7, 7]))
        XCTAssertEqual(try Tensor.zeros([]), Tensor(0))
        XCTAssertEqual(try Tensor.eye(3), makeT([3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]))
        XCTAssertEqual(try Tensor.eye(0).shape, [0, 0])
    }

    func testHugeOrNegativeSizesThrowBeforeAllocating() {
        assertTError(["too large"]) { try Tensor.zeros([1_000_000_000_000]) }
        assertTError(["too large"]) { try Tensor.ones([1 << 40, 1 << 40]) }
        assertTError(["negative"]) { try Tensor.full([-1], 0) }
        assertTError(["too large"]) { try Tensor.eye(1 << 20) }
        assertTError(["limit"]) { try Tensor.arange(stop: 1e18) }
        assertTError(["count"]) { try Tensor.linspace(0, 1, count: -2) }
    }

    func testLinspaceEndpointsAndSpacing() throws {
        XCTAssertEqual(try Tensor.linspace(-4, 4, count: 5), Tensor([-4, -2, 0, 2, 4]))
        XCTAssertEqual(try Tensor.linspace(0, 1, count: 1), Tensor([0]))
        XCTAssertEqual(try Tensor.linspace(0, 1, count: 0).shape, [0])
        let t = try Tensor.linspace(0, 0.3, count: 4)
        XCTAssertEqual(t.scalars[3], 0.3)
        XCTAssertEqual(t.scalars[1], 0.1, accuracy: 1e-16)
    }

    func testArangeCountsLikeNumPy() throws {
        XCTAssertEqual(try Tensor.arange(stop: 4), Tensor([0, 1, 2, 3]))
        XCTAssertEqual(try Tensor.arange(start: 1, stop: 2, step: 0.25), Tensor([1, 1.25, 1.5, 1.75]))
        XCTAssertEqual(try Tensor.arange(start: 5, stop: 0, step: -2), Tensor([5, 3, 1]))
        XCTAssertEqual(try Tensor.arange(start: 3, stop: 1).shape, [0])
        assertTError(["step", "zero"]) { try Tensor.arange(stop: 3, step: 0) }
        assertTError(["finite"]) { try Tensor.arange(stop: .infinity) }
    }

    func testAllClose() {
        XCTAssertTrue(Tensor.allClose(Tensor([1, 2]), Tensor([1 + 1e-12, 2]), rtol: 1e-9))
        XCTAssertFalse(Tensor.allClose(Tensor([1, 2]), Tensor([1.1, 2])))
        XCTAssertFalse(Tensor.allClose(Tensor([1, 2]), makeT([1, 2], [1, 2])))
        XCTAssertFalse(Tensor.allClose(Tensor([.nan]), Tensor([.nan])))
        XCTAssertTrue(Tensor.allClose(Tensor([.nan, .infinity]), Tensor([.nan, .infinity]), equalNaN: true))
    }
}
