import Foundation
import XCTest
import ThetaTensor
@testable import ThetaProbability

/// Optimizer steps against values computed by hand from the published update rules.
final class OptimizerTests: XCTestCase {
    /// Runs the optimizer on one scalar parameter starting at 1 with the given gradients.
    func trajectory(_ method: Optimizer.Method, _ gradients: [Double]) throws -> [Double] {
        let opt = Optimizer(method)
        var params = [Tensor([1.0])]
        var out: [Double] = []
        for g in gradients {
            try opt.step(&params, [Tensor([g])])
            out.append(params[0].scalars[0])
        }
        return out
    }

    func testSGDWithMomentumMatchesHandComputedSteps() throws {
        // b1 = g1 = 0.5, θ1 = 1 − 0.1·0.5 = 0.95; b2 = 0.9·0.5 − 0.25 = 0.2, θ2 = 0.95 − 0.02 = 0.93.
        let t = try trajectory(.sgd(lr: 0.1, momentum: 0.9), [0.5, -0.25])
        XCTAssertEqual(t[0], 0.95, accuracy: 1e-15)
        XCTAssertEqual(t[1], 0.93, accuracy: 1e-15)
        let plain = try trajectory(.sgd(lr: 0.1, momentum: 0), [0.5, -0.25])
        XCTAssertEqual(plain[1], 1 - 0.05 + 0.025, accuracy: 1e-15)
    }

    func testAdamMatchesKingmaAndBaBiasCorrectedForm() throws {
        let (lr, b1, b2, eps) = (0.1, 0.9, 0.999, 1e-8)
        let gs = [0.5, -0.25, 0.125, 2.0]
        let t = try trajectory(.adam(lr: lr, beta1: b1, beta2: b2, eps: eps), gs)
        // Algorithm 1 of Kingma & Ba with ε added to √v̂ (PyTorch's placement).
        var theta = 1.0, m = 0.0, v = 0.0
        for (k, g) in gs.enumerated() {
            let step = Double(k + 1)
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            let mHat = m / (1 - pow(b1, step))
            let vHat = v / (1 - pow(b2, step))
            theta -= lr * mHat / (vHat.squareRoot() + eps)
            XCTAssertEqual(t[k], theta, accuracy: 1e-12, "step \(k + 1)")
        }
        // The first step moves by lr·g/(|g| + ε): almost exactly lr.
        XCTAssertEqual(t[0], 1 - lr * 0.5 / (0.5 + eps), accuracy: 1e-15)
    }

    func testRMSpropMatchesHandComputedSteps() throws {
        let t = try trajectory(.rmsprop(lr: 0.01, alpha: 0.99, eps: 1e-8), [0.5, -0.25])
        // v1 = 0.01·0.25 = 0.0025; θ1 = 1 − 0.01·0.5/(0.05 + ε).
        let theta1 = 1 - 0.01 * 0.5 / (0.05 + 1e-8)
        XCTAssertEqual(t[0], theta1, accuracy: 1e-15)
        // v2 = 0.99·0.0025 + 0.01·0.0625 = 0.0031; θ2 = θ1 + 0.01·0.25/(√0.0031 + ε).
        XCTAssertEqual(t[1], theta1 + 0.01 * 0.25 / (0.0031.squareRoot() + 1e-8), accuracy: 1e-15)
    }

    func testAdamMinimizesAQuadratic() throws {
        // f(θ) = Σ (θ − c)², gradient 2(θ − c): Adam must reach c.
        let c = Tensor([3.0, -1.0, 0.5])
        var params = [try Tensor(repeating: 0, shape: [3])]
        let opt = Optimizer(.adam(lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8))
        for _ in 0..<3000 {
            let g = try Tensor.mul(Tensor(2.0), try Tensor.sub(params[0], c))
            try opt.step(&params, [g])
        }
        for (x, y) in zip(params[0].scalars, c.scalars) { XCTAssertEqual(x, y, accuracy: 1e-3) }
        XCTAssertEqual(opt.steps, 3000)
    }

    /// The eight-lane loops and the scalar remainder apply the same operations: an 11-element
    /// parameter (one vector of eight, a tail of three) with the same value and gradient in
    /// every element stays identical to the bit across elements, and equal to the scalar
    /// trajectory of a one-element parameter, for every method.
    func testLanesAndRemainderGiveTheSameBitsForEveryMethod() throws {
        let methods: [Optimizer.Method] = [
            .sgd(lr: 0.1, momentum: 0), .sgd(lr: 0.1, momentum: 0.9),
            .adam(lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8),
            .rmsprop(lr: 0.01, alpha: 0.99, eps: 1e-8),
        ]
        let gradients = [0.5, -0.25, 0.125, 2.0, -0.75]
        for method in methods {
            let wide = Optimizer(method), single = Optimizer(method)
            var w = [try Tensor(repeating: 0.3, shape: [11])]
            var s = [Tensor([0.3])]
            for g in gradients {
                try wide.step(&w, [try Tensor(repeating: g, shape: [11])])
                try single.step(&s, [Tensor([g])])
                for x in w[0].scalars {
                    XCTAssertEqual(x.bitPattern, s[0].scalars[0].bitPattern, "\(method)")
                }
            }
        }
    }

    func testMismatchedGradientIsAnError() {
        let opt = Optimizer(.sgd(lr: 0.1, momentum: 0))
        var params = [Tensor([1.0, 2.0])]
        XCTAssertThrowsError(try opt.step(&params, [Tensor([1.0])]))
        XCTAssertThrowsError(try opt.step(&params, []))
    }
}
