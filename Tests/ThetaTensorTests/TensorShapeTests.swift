import XCTest
@testable import ThetaTensor

final class TensorShapeTests: XCTestCase {
    func testMatrixTranspose() throws {
        let x = makeT([2, 3], [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(x.T, makeT([3, 2], [1, 4, 2, 5, 3, 6]))
        XCTAssertEqual(try x.transposed(), x.T)
        XCTAssertEqual(try x.transposed([1, 0]), x.T)
        XCTAssertEqual(try x.transposed([0, 1]), x)
    }

    func testLargeTransposeTiledPathMatchesDefinition() throws {
        let (r, c) = (70, 45)
        let x = iotaT([r, c])
        let y = x.T
        XCTAssertEqual(y.shape, [c, r])
        for i in 0..<c { for j in 0..<r { XCTAssertEqual(y.scalars[i * r + j], x.scalars[j * c + i]) } }
    }

    func testThreeAxisPermutationMatchesDefinition() throws {
        let x = iotaT([2, 3, 4])
        let y = try x.transposed([2, 0, -2])   // result[i, j, k] = x[j, k, i]
        XCTAssertEqual(y.shape, [4, 2, 3])
        for i in 0..<4 { for j in 0..<2 { for k in 0..<3 {
            XCTAssertEqual(y.scalars[(i * 2 + j) * 3 + k], x.scalars[(j * 3 + k) * 4 + i])
        } } }
        XCTAssertEqual(x.T.shape, [4, 3, 2])
        assertTError(["transpose", "repeated"]) { try x.transposed([0, 0, 1]) }
        assertTError(["transpose", "[2, 3, 4]"]) { try x.transposed([0, 1]) }
    }

    func testConcatAndStack() throws {
        let a = makeT([2, 2], [1, 2, 3, 4]), b = makeT([2, 1], [5, 6])
        XCTAssertEqual(try Tensor.concat([a, b], axis: 1), makeT([2, 3], [1, 2, 5, 3, 4, 6]))
        XCTAssertEqual(try Tensor.concat([a, a], axis: 0), makeT([4, 2], [1, 2, 3, 4, 1, 2, 3, 4]))
        XCTAssertEqual(try Tensor.concat([a, b], axis: -1).shape, [2, 3])
        assertTError(["concat", "[2, 2]", "[2, 1]", "axis 1"]) { try Tensor.concat([a, b], axis: 0) }
        assertTError(["concat"]) { try Tensor.concat([], axis: 0) }
        XCTAssertEqual(try Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 0), makeT([2, 2], [1, 2, 3, 4]))
        XCTAssertEqual(try Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 1), makeT([2, 2], [1, 3, 2, 4]))
        XCTAssertEqual(try Tensor.stack([Tensor(1), Tensor(2)], axis: 0), Tensor([1, 2]))
        assertTError(["stack", "[2]", "[3]"]) { try Tensor.stack([Tensor([1, 2]), Tensor([1, 2, 3])], axis: 0) }
    }

    func testSqueezeExpandFlatten() throws {
        let x = iotaT([1, 3, 1])
        XCTAssertEqual(try x.squeeze().shape, [3])
        XCTAssertEqual(try x.squeeze(axis: 0).shape, [3, 1])
        XCTAssertEqual(try x.squeeze(axis: -1).shape, [1, 3])
        assertTError(["squeeze", "extent 3"]) { try x.squeeze(axis: 1) }
        XCTAssertEqual(try x.expandDims(axis: 3).shape, [1, 3, 1, 1])
        XCTAssertEqual(try x.expandDims(axis: -1).shape, [1, 3, 1, 1])
        XCTAssertEqual(try Tensor([1, 2]).expandDims(axis: 0).shape, [1, 2])
        assertTError(["expand_dims", "axis 5"]) { try x.expandDims(axis: 5) }
        XCTAssertEqual(iotaT([2, 3]).flatten(), iotaT([6]))
    }

    func testBroadcastTo() throws {
        let col = makeT([3, 1], [1, 2, 3])
        XCTAssertEqual(try col.broadcast(to: [2, 3, 4]).shape, [2, 3, 4])
        XCTAssertEqual(try col.broadcast(to: [3, 2]), makeT([3, 2], [1, 1, 2, 2, 3, 3]))
        XCTAssertEqual(try Tensor([1, 2]).broadcast(to: [2, 2]), makeT([2, 2], [1, 2, 1, 2]))
        assertTError(["[3, 1]", "[3]"]) { try col.broadcast(to: [3]) }
        assertTError(["[3, 1]", "[2, 4]"]) { try col.broadcast(to: [2, 4]) }
    }

    func testBroadcastingAddOfColumnAndRow() throws {
        let col = makeT([3, 1], [1, 2, 3]), row = makeT([1, 4], [10, 20, 30, 40])
        let s = try Tensor.add(col, row)
        XCTAssertEqual(s.shape, [3, 4])
        for i in 0..<3 { for j in 0..<4 { XCTAssertEqual(s.scalars[i * 4 + j], Double(i + 1) + Double(10 * (j + 1))) } }
        assertTError(["[3, 1]", "[2, 4]"]) { try Tensor.add(col, iotaT([2, 4])) }
    }

    func testWhereBroadcastsAllThree() throws {
        let c = makeT([2, 1], [1, 0])
        let a = Tensor([1, 2, 3]), b = Tensor(-1)
        XCTAssertEqual(try Tensor.select(where: c, a, b), makeT([2, 3], [1, 2, 3, -1, -1, -1]))
        let same = try Tensor.select(where: Tensor([0, 1, .nan]), Tensor([1, 2, 3]), Tensor([4, 5, 6]))
        XCTAssertEqual(same, Tensor([4, 2, 3]))
        assertTError(["where"]) { try Tensor.select(where: Tensor([1, 0]), Tensor([1, 2, 3]), b) }
    }

    func testGatherAlongAxes() throws {
        let x = iotaT([3, 4])
        XCTAssertEqual(try x.gather(Tensor([2, 0, -1]), axis: 0),
                       makeT([3, 4], [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]))
        XCTAssertEqual(try x.gather(Tensor([1, 1]), axis: 1), makeT([3, 2], [1, 1, 5, 5, 9, 9]))
        let g = try x.gather(makeT([2, 2], [0, 1, 2, 3]), axis: 1)
        XCTAssertEqual(g.shape, [3, 2, 2])
        XCTAssertEqual(try x.gather(Tensor(3), axis: 1), Tensor([3, 7, 11]))
        assertTError(["index 4", "extent 4"]) { try x.gather(Tensor([4]), axis: 1) }
        assertTError(["index -4", "extent 3"]) { try x.gather(Tensor([-4]), axis: 0) }
        assertTError(["not an integer"]) { try x.gather(Tensor([0.5]), axis: 0) }
    }

    func testScatterAddIsAdjointOfGather() throws {
        // <gather(x, i), v> = <x, scatterAdd(v, i)> for all x, v.
        let x = makeT([3, 2], [0.3, -1, 2, 0.7, 5, -2])
        let idx = Tensor([2, 0, 2, 1])
        let v = makeT([4, 2], [1, 2, 3, 4, 5, 6, 7, 8])
        let gx = try x.gather(idx, axis: 0)
        let sv = try Tensor.scatterAdd(v, indices: idx, axis: 0, shape: [3, 2])
        let lhs = zip(gx.scalars, v.scalars).map(*).reduce(0, +)
        let rhs = zip(x.scalars, sv.scalars).map(*).reduce(0, +)
        XCTAssertEqual(lhs, rhs, accuracy: 1e-12)
        XCTAssertEqual(sv, makeT([3, 2], [3, 4, 7, 8, 6, 8]))
    }
}
