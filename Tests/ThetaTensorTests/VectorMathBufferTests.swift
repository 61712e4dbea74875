import XCTest
import Foundation
@testable import ThetaTensor

/// The buffer drivers and the tensor wiring: the lane and scalar forms agree bit for bit,
/// every buffer length and offset is handled (tails, in place), vectors mixing fast and
/// special lanes are right, and the tensor kernels, logsumexp and softmax use the same values.
final class VectorMathBufferTests: XCTestCase {
    typealias Kernel = (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void

    let kernels: [(String, Kernel, (Double) -> Double)] = [
        ("exp", VectorMath.exp(_:into:count:), VectorMath.exp),
        ("expm1", VectorMath.expm1(_:into:count:), VectorMath.expm1),
        ("log", VectorMath.log(_:into:count:), VectorMath.log),
        ("tanh", VectorMath.tanh(_:into:count:), VectorMath.tanh),
        ("sigmoid", VectorMath.sigmoid(_:into:count:), VectorMath.sigmoid),
    ]

    /// Random points plus special values scattered among them, so vectors mix fast lanes with
    /// lanes the scalar form must handle.
    func mixedPoints(_ n: Int, seed: UInt64) -> [Double] {
        var g = RandomGenerator(seed: seed)
        let specials: [Double] = [.nan, .infinity, -.infinity, 0, -0.0, 1e-310, -1e-310, 720, -720,
                                  -750, 800, 1, -1, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude]
        return (0..<n).map { i in
            if g.below(7) == 0 { return specials[i % specials.count] }
            let u = g.uniform()
            return (g.below(2) == 0 ? 1 : -1) * Foundation.exp(-20 + 30 * u)
        }
    }

    func testLaneFormsAgreeBitForBitWithScalarFormsAtEveryLengthAndOffset() {
        let xs = mixedPoints(4_000, seed: 7)
        for (name, kernel, scalar) in kernels {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 1_000] {
                for offset in 0..<3 {
                    let slice = Array(xs[(offset * 101)..<(offset * 101 + length)])
                    var ys = [Double](repeating: .nan, count: length)
                    slice.withUnsafeBufferPointer { s in
                        ys.withUnsafeMutableBufferPointer { d in
                            if let s = s.baseAddress, let d = d.baseAddress { kernel(s, d, length) }
                        }
                    }
                    for (x, y) in zip(slice, ys) {
                        let z = scalar(x)
                        XCTAssertTrue(y.bitPattern == z.bitPattern || (y.isNaN && z.isNaN),
                                      "\(name)(\(x)): lanes \(y), scalar \(z)")
                    }
                }
            }
        }
    }

    func testInPlaceGivesTheSameResult() {
        let xs = mixedPoints(101, seed: 8)
        for (name, kernel, scalar) in kernels {
            var buf = xs
            buf.withUnsafeMutableBufferPointer { b in
                if let p = b.baseAddress { kernel(p, p, b.count) }
            }
            for (x, y) in zip(xs, buf) {
                let z = scalar(x)
                XCTAssertTrue(y.bitPattern == z.bitPattern || (y.isNaN && z.isNaN), "\(name)(\(x)) in place")
            }
        }
    }

    func testTensorKernelsUseTheVectorisedFunctions() {
        let xs = mixedPoints(1_003, seed: 9)
        let t = Tensor(xs)
        let pairs: [(UnaryFunction, (Double) -> Double)] = [
            (.exp, VectorMath.exp), (.log, VectorMath.log), (.tanh, VectorMath.tanh),
            (.sigmoid, VectorMath.sigmoid), (.expm1, VectorMath.expm1),
        ]
        for (f, scalar) in pairs {
            let y = t.apply(f)
            for (x, v) in zip(xs, y.scalars) {
                let z = scalar(x)
                XCTAssertTrue(v.bitPattern == z.bitPattern || (v.isNaN && z.isNaN), "\(f)(\(x))")
                let w = f.apply(x)
                XCTAssertTrue(v.bitPattern == w.bitPattern || (v.isNaN && w.isNaN), "\(f).apply(\(x))")
            }
        }
    }

    /// logsumexp over long rows against an extended-precision sum; its special cases.
    func testLogSumExpAgainstExtendedPrecision() throws {
        let xs = randomPoints(3 * 1_001, -50, 50, seed: 10)
        let t = Tensor(unchecked: [3, 1_001], scalars: xs)
        let r = try t.reduce(.logsumexp, axes: [1])
        for row in 0..<3 {
            let slice = xs[(row * 1_001)..<((row + 1) * 1_001)]
            let m = Float80(slice.max() ?? 0)
            var s: Float80 = 0
            for x in slice { s += Foundation.exp(Float80(x) - m) }
            let expected = Double(m + Foundation.log(s))
            XCTAssertEqual(r.scalars[row], expected, accuracy: 4e-15 * Swift.abs(expected))
        }
        XCTAssertEqual(try Tensor([-.infinity, -.infinity]).reduce(.logsumexp).scalars, [-.infinity])
        XCTAssertEqual(try Tensor([1, .infinity]).reduce(.logsumexp).scalars, [.infinity])
        XCTAssertTrue(try Tensor([1, .nan, 2]).reduce(.logsumexp).scalars[0].isNaN)
        XCTAssertEqual(try Tensor([1000, 1000]).reduce(.logsumexp).scalars[0], 1000 + Foundation.log(2), accuracy: 1e-12)
    }

    /// softmax and log_softmax along a contiguous axis (the vectorised path) and along a
    /// strided one, against extended-precision values.
    func testSoftmaxAlongContiguousAndStridedAxes() throws {
        let xs = randomPoints(4 * 37, -30, 30, seed: 11)
        let t = Tensor(unchecked: [4, 37], scalars: xs)
        for axis in [1, 0] {
            let s = try t.softmax(axis: axis)
            let ls = try t.logSoftmax(axis: axis)
            for i in 0..<4 {
                for j in 0..<37 {
                    let slice: [Double] = axis == 1 ? (0..<37).map { xs[i * 37 + $0] } : (0..<4).map { xs[$0 * 37 + j] }
                    let m = Float80(slice.max() ?? 0)
                    var z: Float80 = 0
                    for x in slice { z += Foundation.exp(Float80(x) - m) }
                    let x = Float80(xs[i * 37 + j])
                    let logP = Double(x - m - Foundation.log(z))
                    let p = Double(Foundation.exp(x - m) / z)
                    XCTAssertEqual(s.scalars[i * 37 + j], p, accuracy: 4e-16 + 4e-15 * p, "softmax axis \(axis)")
                    XCTAssertEqual(ls.scalars[i * 37 + j], logP, accuracy: 4e-15 * Swift.max(1, Swift.abs(logP)),
                                   "log_softmax axis \(axis)")
                }
            }
        }
        let allInf = try Tensor([-.infinity, -.infinity, -.infinity]).softmax()
        XCTAssertTrue(allInf.scalars.allSatisfy { $0.isNaN }, "an all -inf slice gives NaN")
    }
}
