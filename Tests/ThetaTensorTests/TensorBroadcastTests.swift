import XCTest
@testable import ThetaTensor

/// The one broadcasting mechanism: result shapes, the coalesced walk, and size checks.
final class TensorBroadcastTests: XCTestCase {
    /// The NumPy definition, element by element: result index `i` reads `a` at `i` with each
    /// broadcast axis (extent 1, or missing on the left) pinned to 0.
    func naiveZip(_ a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double) throws -> Tensor {
        let shape = try Tensor.broadcastShape(a.shape, b.shape, op: "test")
        let n = shape.reduce(1, *)
        func offset(_ index: [Int], _ s: [Int]) -> Int {
            var o = 0, step = 1
            for k in stride(from: s.count - 1, through: 0, by: -1) {
                let i = s[k] == 1 ? 0 : index[index.count - s.count + k]
                o += i * step
                step *= s[k]
            }
            return o
        }
        var out = [Double]()
        for linear in 0..<n {
            var index = [Int](repeating: 0, count: shape.count), rest = linear
            for k in stride(from: shape.count - 1, through: 0, by: -1) { index[k] = rest % shape[k]; rest /= shape[k] }
            out.append(f(a.scalars[offset(index, a.shape)], b.scalars[offset(index, b.shape)]))
        }
        return Tensor(unchecked: shape, scalars: out)
    }

    func testEveryBroadcastLayoutMatchesTheDefinition() throws {
        // Encodes both source positions in each result: a·1000 + b identifies them uniquely.
        let pairs: [([Int], [Int])] = [
            ([3, 1], [1, 4]), ([2, 3, 4], [4]), ([4], [2, 3, 4]), ([2, 1, 4], [3, 1]), ([2, 3, 4], [2, 1, 4]),
            ([2, 3, 4], [2, 3, 1]), ([1, 3, 1], [2, 1, 5]), ([2, 3, 1, 5], [3, 4, 1]), ([5, 1, 1], [1, 1]),
            ([1], [3, 2]), ([3, 1, 2, 1], [1, 4, 1, 3]), ([2, 1], [1, 1]), ([6, 1, 7], [6, 2, 7]),
        ]
        for (sa, sb) in pairs {
            let a = iotaT(sa), b = iotaT(sb)
            let got = try Tensor.zip(a, b, op: "test") { $0 * 1000 + $1 }
            XCTAssertEqual(got, try naiveZip(a, b) { $0 * 1000 + $1 }, "\(sa) with \(sb)")
            // Symmetric: swapping the operands swaps the roles.
            XCTAssertEqual(try Tensor.zip(b, a, op: "test") { $1 * 1000 + $0 }, got, "\(sb) with \(sa)")
        }
    }

    func testCoalescingMergesContiguousAxesAndDropsUnitAxes() {
        // [2, 3, 4] + [4]: strides [12, 4, 1] and [0, 0, 1] become one outer axis of 6.
        let c = Tensor.coalesceBroadcast(shape: [2, 3, 4], [12, 4, 1], [0, 0, 1])
        XCTAssertEqual(c.shape, [6, 4]); XCTAssertEqual(c.sa, [4, 1]); XCTAssertEqual(c.sb, [0, 1])
        // Equal layouts collapse to a single run.
        let d = Tensor.coalesceBroadcast(shape: [2, 1, 3], [3, 3, 1], [3, 0, 1])
        XCTAssertEqual(d.shape, [6]); XCTAssertEqual(d.sa, [1]); XCTAssertEqual(d.sb, [1])
        // A column against a row cannot merge.
        let e = Tensor.coalesceBroadcast(shape: [3, 4], [1, 0], [0, 1])
        XCTAssertEqual(e.shape, [3, 4])
    }

    func testWalkVisitsRankZeroOnceAndEmptyShapesNever() {
        var visits: [[Int]] = []
        Tensor.forEachBroadcastRun(shape: [], [], []) { l, a, b, n, _, _ in visits.append([l, a, b, n]) }
        XCTAssertEqual(visits, [[0, 0, 0, 1]])
        visits = []
        Tensor.forEachBroadcastOffset(shape: [3, 0, 2], [0, 2, 1], [2, 0, 1]) { visits.append([$0, $1, $2]) }
        XCTAssertEqual(visits, [])
        // [2, 2] reading a column and a row: offsets by the definition.
        Tensor.forEachBroadcastOffset(shape: [2, 2], [1, 0], [0, 1]) { visits.append([$0, $1, $2]) }
        XCTAssertEqual(visits, [[0, 0, 0], [1, 0, 1], [2, 1, 0], [3, 1, 1]])
    }

    func testShapeErrorsNameOperationAndBothShapes() {
        let a = iotaT([2, 3]), b = iotaT([4])
        assertTError(["+", "[2, 3]", "[4]", "cannot be broadcast"]) { try Tensor.add(a, b) }
        assertTError(["-", "[2, 3]", "[4]"]) { try Tensor.sub(a, b) }
        assertTError(["*", "[2, 3]", "[4]"]) { try Tensor.mul(a, b) }
        assertTError(["/", "[2, 3]", "[4]"]) { try Tensor.div(a, b) }
        assertTError(["^", "[2, 3]", "[4]"]) { try Tensor.pow(a, b) }
        assertTError(["%", "[2, 3]", "[4]"]) { try Tensor.mod(a, b) }
        assertTError(["where", "[2, 3]", "[4]"]) { try Tensor.select(where: Tensor(1), a, b) }
    }

    func testHugeBroadcastResultsThrowBeforeAllocating() throws {
        // 2^20 × 2^20 = 2^40 elements from two 8 MiB operands.
        let col = try Tensor.zeros([1 << 20, 1]), row = try Tensor.zeros([1, 1 << 20])
        assertTError(["too large"]) { try Tensor.add(col, row) }
        assertTError(["too large"]) { try Tensor.compare(col, row, .lt) }
        assertTError(["too large"]) { try Tensor.select(where: col, row, Tensor(0)) }
        assertTError(["too large"]) { try col.broadcast(to: [1 << 20, 1 << 20]) }
        assertTError(["too large"]) { try Tensor.zeros([1_000_000, 1_000_000]) }
        assertTError(["too large"]) { try Tensor.full([1_000_000_000_000], 1) }
        assertTError(["reshape"]) { try Tensor([1, 2]).reshaped([-1, 1 << 40, 1 << 40]) }
        assertTError(["reshape", "negative"]) { try Tensor([1, 2]).reshaped([-1, -2]) }
    }

    func testRowBroadcastKernelOnLongRows() throws {
        // Bias add [rows, cols] + [cols] and column scaling [rows, cols] * [rows, 1] at sizes
        // past any unrolling: compare with the definition.
        let m = iotaT([7, 301]), bias = iotaT([301]), scale = iotaT([7, 1])
        XCTAssertEqual(try Tensor.add(m, bias), try naiveZip(m, bias, +))
        XCTAssertEqual(try Tensor.mul(m, scale), try naiveZip(m, scale, *))
        XCTAssertEqual(try Tensor.sub(scale, m), try naiveZip(scale, m, -))
    }
}
