import XCTest
@testable import ThetaTensor

/// ThetaTensor against NumPy and SciPy, through fixtures written by
/// scripts/make_tensor_fixtures.py (Fixtures/tensor/*.json).
final class TensorFixtureTests: XCTestCase {
    struct BinaryFile: Decodable {
        struct Case: Decodable {
            let a: FixtureTensor, b: FixtureTensor, pow_a: FixtureTensor
            let results: [String: FixtureTensor]
        }
        let cases: [Case]
    }

    /// Fixture name of each comparison (NumPy ufunc names shortened).
    static let comparisonNames: [String: Comparison] = [
        "eq": .eq, "ne": .ne, "lt": .lt, "le": .le, "gt": .gt, "ge": .ge,
    ]

    func testBinaryOperationsAndComparisonsMatchNumPyUnderBroadcasting() throws {
        let file = try loadTensorFixture("binary.json", as: BinaryFile.self)
        XCTAssertGreaterThanOrEqual(file.cases.count, 10)
        for c in file.cases {
            let a = c.a.tensor(), b = c.b.tensor()
            let label = "\(Tensor.describe(a.shape)) with \(Tensor.describe(b.shape))"
            for (name, expected) in c.results {
                let want = expected.tensor()
                if let f = BinaryFunction(rawValue: name) {
                    if f == .pow {
                        // libm pow may differ from NumPy's in the last place.
                        let got = try Tensor.pow(c.pow_a.tensor(), b)
                        assertTClose(got, want, rtol: 1e-14, atol: 0)
                    } else {
                        assertTExact(try Tensor.binary(f, a, b), want, "\(name) \(label)")
                    }
                } else if let cmp = Self.comparisonNames[name] {
                    assertTExact(try Tensor.compare(a, b, cmp), want, "\(name) \(label)")
                } else {
                    XCTFail("unknown operation \(name) in fixture")
                }
            }
        }
    }

    struct ClipFile: Decodable {
        struct Case: Decodable { let x: FixtureTensor, lo: FixtureTensor, hi: FixtureTensor, result: FixtureTensor }
        let cases: [Case]
    }

    func testClampMatchesNumPyClip() throws {
        let file = try loadTensorFixture("clip.json", as: ClipFile.self)
        for c in file.cases {
            let lo = c.lo.tensor(), hi = c.hi.tensor()
            let got = try Tensor.clamp(c.x.tensor(), min: lo, max: hi)
            assertTExact(got, c.result.tensor(), "clip to \(lo.scalars) .. \(hi.scalars)")
            if lo.rank == 0 && hi.rank == 0 {
                assertTExact(c.x.tensor().clamped(min: lo.scalars[0], max: hi.scalars[0]), c.result.tensor(),
                             "scalar clamp to \(lo.scalars[0]) .. \(hi.scalars[0])")
            }
        }
    }

    struct MatMulFile: Decodable {
        struct Case: Decodable { let a: FixtureTensor, b: FixtureTensor, result: FixtureTensor }
        let cases: [Case]
    }

    func testMatmulMatchesNumPyIncludingVectorsAndBroadcastStacks() throws {
        let file = try loadTensorFixture("matmul.json", as: MatMulFile.self)
        XCTAssertGreaterThanOrEqual(file.cases.count, 10)
        for c in file.cases {
            let a = c.a.tensor(), b = c.b.tensor()
            let got = try Tensor.matmul(a, b)
            assertTClose(got, c.result.tensor(), rtol: 1e-12, atol: 1e-12)
        }
    }

    struct ReduceFile: Decodable {
        struct Case: Decodable { let axes: [Int]?, keepdims: Bool, results: [String: FixtureTensor] }
        let x: FixtureTensor
        let cases: [Case]
    }

    func testReductionsWithAxesAndKeepdimsMatchNumPy() throws {
        let file = try loadTensorFixture("reduce.json", as: ReduceFile.self)
        let x = file.x.tensor()
        var checked = Set<String>()
        for c in file.cases {
            for (name, expected) in c.results {
                let r = try XCTUnwrap(Reduction(rawValue: name), "unknown reduction \(name)")
                let got = try x.reduce(r, axes: c.axes, keepDims: c.keepdims)
                assertTClose(got, expected.tensor(), rtol: 1e-12, atol: 1e-12)
                checked.insert(name)
            }
        }
        XCTAssertEqual(checked, Set(Reduction.allCases.map(\.rawValue)), "every reduction is checked")
    }

    struct SoftmaxFile: Decodable {
        struct Case: Decodable {
            let x: FixtureTensor, axis: Int
            let softmax: FixtureTensor, log_softmax: FixtureTensor
            let logsumexp: FixtureTensor, logsumexp_keepdims: FixtureTensor
        }
        let cases: [Case]
    }

    func testSoftmaxLogSoftmaxLogsumexpMatchSciPyAlongEveryAxis() throws {
        let file = try loadTensorFixture("softmax.json", as: SoftmaxFile.self)
        for c in file.cases {
            let x = c.x.tensor()
            assertTClose(try x.softmax(axis: c.axis), c.softmax.tensor(), rtol: 1e-13, atol: 1e-15)
            assertTClose(try x.logSoftmax(axis: c.axis), c.log_softmax.tensor(), rtol: 1e-13, atol: 1e-12)
            assertTClose(try x.reduce(.logsumexp, axes: [c.axis]), c.logsumexp.tensor(), rtol: 1e-13, atol: 1e-12)
            assertTClose(try x.reduce(.logsumexp, axes: [c.axis], keepDims: true), c.logsumexp_keepdims.tensor(),
                         rtol: 1e-13, atol: 1e-12)
            XCTAssertTrue(try x.softmax(axis: c.axis).scalars.allSatisfy(\.isFinite), "softmax overflowed")
        }
    }
}
