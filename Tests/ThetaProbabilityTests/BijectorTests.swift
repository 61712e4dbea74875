import Foundation
import XCTest
import ThetaAutodiff
import ThetaProbability
import ThetaTensor

/// Bijectors: inverse ∘ forward is the identity, log|det J| agrees with a finite-difference
/// Jacobian, constraints map onto their sets; Transformed distributions.
final class BijectorTests: XCTestCase {
    let xs = Tensor([-30, -3.2, -0.4, 0, 0.7, 2.5, 30])

    func elementwise(_ t: Tape) -> [Bijector] {
        [.exp, .sigmoid, .tanh, .softplus, .interval(-2, 5), .lower(1.5), .upper(-1),
         .affine(-2.5, 0.7, on: t), .chain([.softplus, .affine(3, -1, on: t)])]
    }

    func testRoundTripAndJacobian() throws {
        let t = Tape()
        for b in elementwise(t) {
            let x = try t.constant(xs).affine(scale: b.description == "tanh" ? 0.5 : 1, shift: 0)
            let y = try b.forward(x)
            let back = try b.inverse(y.value)
            for (u, v) in zip(back.scalars, x.scalars) where abs(v) <= 5 {
                XCTAssertEqual(u, v, accuracy: 1e-9 * max(1, abs(v)), "\(b) round trip")
            }
            let ladj = try b.logAbsDetJacobian(x).scalars
            for (k, v) in x.scalars.enumerated() where abs(v) <= 3 {
                let h = 1e-6
                let up = try b.forward(t.constant(Tensor(v + h))).scalars[0], down = try b.forward(t.constant(Tensor(v - h))).scalars[0]
                XCTAssertEqual(ladj[k], log(abs((up - down) / (2 * h))), accuracy: 1e-7, "\(b) ladj at \(v)")
            }
        }
    }

    func testSoftplusInverseIsStableAtBothEnds() throws {
        let back = try Bijector.softplus.inverse(Tensor([1e-300, 1e-10, 50, 1e10]))
        XCTAssertEqual(back.scalars[0], log(1e-300), accuracy: 1e-12)
        XCTAssertEqual(back.scalars[1], log(1e-10), accuracy: 1e-9)
        XCTAssertEqual(back.scalars[2], 50, accuracy: 1e-12)
        XCTAssertEqual(back.scalars[3], 1e10)
    }

    func testSimplexBijector() throws {
        let t = Tape()
        let x = t.constant(Tensor(unchecked: [2, 2], scalars: [0.3, -1.2, 2.0, 0.5]))
        let y = try Bijector.simplex.forward(x)
        XCTAssertEqual(y.shape, [2, 3])
        XCTAssertTrue(Constraint.simplex.check(y.value))
        let back = try Bijector.simplex.inverse(y.value)
        for (u, v) in zip(back.scalars, x.scalars) { XCTAssertEqual(u, v, accuracy: 1e-12) }
        // log|det| of x ↦ y[:K−1] against a finite-difference Jacobian (2×2 determinant).
        let ladj = try Bijector.simplex.logAbsDetJacobian(x).scalars
        for r in 0..<2 {
            let x0 = [x.scalars[2 * r], x.scalars[2 * r + 1]]
            var j = [[Double]](repeating: [0, 0], count: 2)
            for c in 0..<2 {
                var up = x0, down = x0
                up[c] += 1e-6; down[c] -= 1e-6
                let fu = try Bijector.simplex.forward(t.constant(Tensor(up))).scalars, fd = try Bijector.simplex.forward(t.constant(Tensor(down))).scalars
                for i in 0..<2 { j[i][c] = (fu[i] - fd[i]) / 2e-6 }
            }
            XCTAssertEqual(ladj[r], log(abs(j[0][0] * j[1][1] - j[0][1] * j[1][0])), accuracy: 1e-7)
        }
    }

    func testConstraintsMapOntoTheirSets() throws {
        let t = Tape()
        let free = t.constant(Tensor(unchecked: [3, 3], scalars: [0.3, -2, 1.1, 4, -0.5, 0.2, -3, 0.8, 1.9]))
        for c: Constraint in [.real, .positive, .unit, .simplex, .interval(-1, 4), .lower(2), .upper(-3), .lowerCholesky, .positiveDefinite] {
            guard let b = c.bijector else { XCTFail("\(c) has no bijector"); continue }
            let y = try b.forward(free)
            XCTAssertTrue(c.check(y.value), "\(c): \(y.scalars)")
            let back = try b.inverse(y.value)
            let again = try b.forward(t.constant(back))
            for (u, v) in zip(again.scalars, y.scalars) { XCTAssertEqual(u, v, accuracy: 1e-9 * max(1, abs(v)), "\(c)") }
        }
        XCTAssertNil(Constraint.nonnegativeInteger.bijector)
        XCTAssertEqual(Constraint.interval(0, 1).description, "interval(0, 1)")
    }

    func testTransformedLogNormalMatchesLogNormal() throws {
        let t = Tape()
        let base = try Normal(mu: t.constant(Tensor(0.3)), sigma: t.constant(Tensor(0.7)))
        let d = try Transformed(base, .exp)
        let ln = try LogNormal(mu: t.constant(Tensor(0.3)), sigma: t.constant(Tensor(0.7)))
        let x = Tensor([0.2, 1, 3.5, -1, 0])
        let a = try d.logp(x).scalars, b = try ln.logp(x).scalars
        for (u, v) in zip(a, b) { if v.isFinite { XCTAssertEqual(u, v, accuracy: 1e-12) } else { XCTAssertEqual(u, v) } }
        let ca = try d.cdf(x).scalars, cb = try ln.cdf(x).scalars
        for (u, v) in zip(ca, cb) { XCTAssertEqual(u, v, accuracy: 1e-12) }
        var rng = RandomGenerator(seed: 3)
        XCTAssertTrue(try d.sample([100], using: &rng).scalars.allSatisfy { $0 > 0 })
        // Gradients flow to an affine bijector's parameters.
        assertGradients([Tensor(1.7), Tensor(0.4), Tensor([0.1, 0.9])]) { tape, v throws(AutodiffError) in
            try pa { () throws(ProbabilityError) in
                let n = try Normal(mu: tape.constant(Tensor(0)), sigma: tape.constant(Tensor(1)))
                return try Transformed(n, .affine(scale: v[0], shift: v[1])).logp(v[2])
            }
        }
    }
}
