import Foundation
import ThetaAutodiff
import ThetaTensor

/// `StudentT(nu, mu, sigma)`: density
/// `(1 + z²/ν)^{−(ν+1)/2} / (σ√ν B(ν/2, ½))`, `z = (x − μ)/σ`.
/// Samples are `μ + σZ/√(V/ν)` with `V = 2G`, `G ~ Gamma(ν/2)` implicitly reparameterized.
public struct StudentT: Distribution {
    public let nu: Variable
    public let mu: Variable
    public let sigma: Variable
    public let batchShape: [Int]

    public init(nu: Variable, mu: Variable, sigma: Variable, validate: Bool = true) throws(ProbabilityError) {
        batchShape = try Parameters.prepare("StudentT", [("nu", nu, .positive), ("mu", mu, .real), ("sigma", sigma, .positive)],
                                            validate: validate)
        self.nu = nu
        self.mu = mu
        self.sigma = sigma
    }

    public var family: String { "StudentT" }
    public var parameters: [(name: String, value: Variable)] { [("nu", nu), ("mu", mu), ("sigma", sigma)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .real }
    public var tape: Tape { nu.tape }

    /// `−log B(ν/2, ½) − ½ log ν − log σ − (ν + 1)/2 · log1p(z²/ν)` (the normalizer through
    /// `lbeta`, so large ν does not cancel two huge `lgamma`s).
    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let z = try (x - mu) / sigma
            let half = tape.scalar(0.5)
            return try ((nu + 1) * -0.5) * (z.square() / nu).log1p() - Variable.lbeta(nu * 0.5, half)
                - nu.log() * 0.5 - sigma.log()
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        let s = sampleShape + batchShape
        let zs = try tensor(family) { () throws(TensorError) in try Tensor.randn(shape: s, using: &rng) }
        let halfNu = try ad { () throws(AutodiffError) in try nu * 0.5 }
        let lg = try GammaReparameterization.logGamma(halfNu, shape: s, family: family, using: &rng)
        return try ad { () throws(AutodiffError) in
            // √(ν/V) = exp(½(log ν − log 2 − log G))
            let scale = try ((nu.log() - lg) * 0.5 - 0.5 * Constants.log2).exp()
            return try tape.constant(zs) * scale * sigma + mu
        }
    }

    /// The standard t CDF at one point: through `I_{z²/(ν+z²)}(½, ν/2)` when `|z| < 1` and
    /// `I_{ν/(ν+z²)}(ν/2, ½)` (twice the tail mass) otherwise.
    static func standardCDF(_ z: Double, _ nu: Double) -> Double {
        let z2 = z * z
        if z2 < 1 {
            let ic = Special.betaI(0.5, nu / 2, z2 / (nu + z2))
            return z < 0 ? 0.5 * (1 - ic) : 0.5 * (1 + ic)
        }
        let i = Special.betaI(nu / 2, 0.5, nu / (nu + z2))
        return z < 0 ? 0.5 * i : 1 - 0.5 * i
    }

    /// Differentiable in `x`, `μ`, `σ` exactly and in `ν` by central differences (relative
    /// step 10⁻⁵).
    public func cdf(_ x: Variable) throws(ProbabilityError) -> Variable {
        let z = try ad { () throws(AutodiffError) in try (x - mu) / sigma }
        let outShape = try Shapes.broadcast(family, [("x", x.shape), ("batch", batchShape)])
        let zv = try expanded(z.value, outShape, family), n = try expanded(nu.value, outShape, family)
        var p = [Double](repeating: 0, count: zv.count), dz = p, dn = p
        for i in 0..<zv.count {
            p[i] = StudentT.standardCDF(zv[i], n[i])
            let v = n[i]
            dz[i] = Foundation.exp(-Special.lbeta(v / 2, 0.5) - 0.5 * Foundation.log(v) - (v + 1) / 2 * Foundation.log1p(zv[i] * zv[i] / v))
            if nu.isTracked {
                let h = 1e-5 * v
                dn[i] = (StudentT.standardCDF(zv[i], v + h) - StudentT.standardCDF(zv[i], v - h)) / (2 * h)
            }
        }
        let value = Tensor(unchecked: outShape, scalars: p)
        return try ad { () throws(AutodiffError) in
            try Variable.implicit(value: value, inputs: [(z, Tensor(unchecked: outShape, scalars: dz)),
                                                         (nu, Tensor(unchecked: outShape, scalars: dn))], on: tape)
        }
    }

    /// `μ` where `ν > 1`, NaN elsewhere (undefined).
    public func mean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let m = try mu.expanded(to: batchShape)
            let defined = try tensor2 { () throws(TensorError) in try nu.value.mapKernel { $0 > 1 ? 1 : 0 }.broadcast(to: batchShape) }
            return allOnes(defined) ? m : try Variable.select(where: defined, m, tape.scalar(.nan))
        }
    }

    /// `σ²ν/(ν − 2)` for `ν > 2`, `inf` for `1 < ν ≤ 2`, NaN for `ν ≤ 1`.
    public func variance() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let finite = try tensor2 { () throws(TensorError) in try nu.value.mapKernel { $0 > 2 ? 1 : 0 }.broadcast(to: batchShape) }
            let nuSafe = allOnes(finite) ? nu : try Variable.select(where: nu.value.mapKernel { $0 > 2 ? 1 : 0 }, nu, tape.scalar(3))
            let v = try (sigma.square() * nuSafe / (nuSafe - 2)).expanded(to: batchShape)
            if allOnes(finite) { return v }
            let other = try tensor2 { () throws(TensorError) in try nu.value.mapKernel { $0 > 1 ? Double.infinity : .nan }.broadcast(to: batchShape) }
            return try Variable.select(where: finite, v, tape.constant(other))
        }
    }

    /// `(ν+1)/2·(ψ((ν+1)/2) − ψ(ν/2)) + ½ log ν + log B(ν/2, ½) + log σ`.
    public func entropy() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in
            let a = try (nu + 1) * 0.5, h = try nu * 0.5
            return try (a * (a.digamma() - h.digamma()) + nu.log() * 0.5 + Variable.lbeta(h, tape.scalar(0.5))
                        + sigma.log()).expanded(to: batchShape)
        }
    }
}
