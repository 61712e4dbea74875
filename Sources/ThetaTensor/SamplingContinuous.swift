/// Continuous samplers on the generator. Every one uses only `RandomMath` and IEEE basic
/// operations, so streams are identical across machines. Parameters are validated and bad
/// values raise a `TensorError` naming the sampler, the parameter and its value.
extension RandomGenerator {
    /// A standard normal variate by Marsaglia's polar method: `(u, v)` uniform on the square
    /// `(−1, 1)²`, kept when `0 < s = u² + v² < 1`; then `u·f` and `v·f` with
    /// `f = √(−2 log s / s)` are two independent N(0, 1) variates. The second is kept and
    /// returned by the next call.
    public mutating func normal() -> Double {
        if let z = spareNormal {
            spareNormal = nil
            return z
        }
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let f = (-2 * RandomMath.log(s) / s).squareRoot()
                spareNormal = v * f
                return u * f
            }
        }
    }

    /// `N(mean, std²)`.
    public mutating func normal(mean: Double, std: Double) throws(TensorError) -> Double {
        guard std >= 0, std.isFinite, mean.isFinite else {
            throw TensorError("normal: std must be finite and non-negative and mean finite, got mean \(mean), std \(std)")
        }
        return mean + std * normal()
    }

    /// An Exponential(rate) variate by inversion: `−log(U)/rate`, `U` uniform on (0, 1).
    public mutating func exponential(rate: Double = 1) throws(TensorError) -> Double {
        guard rate > 0, rate.isFinite else {
            throw TensorError("exponential: rate must be positive and finite, got \(rate)")
        }
        return -RandomMath.log(uniformOpen()) / rate
    }

    /// A Gamma(shape, 1) variate (multiply by a scale, or divide by a rate, outside).
    ///
    /// Marsaglia & Tsang, "A simple method for generating gamma variables" (2000): for
    /// `a ≥ 1`, with `d = a − ⅓`, `c = 1/√(9d)`, draw `x ~ N(0,1)`, `v = (1 + cx)³` (retry if
    /// `1 + cx ≤ 0`) and `U`; accept `d·v` when `U < 1 − 0.0331x⁴` (squeeze) or
    /// `log U < x²/2 + d(1 − v + log v)`. For `a < 1` the boost `Gamma(a) = Gamma(a + 1)·U^{1/a}`.
    public mutating func gamma(shape a: Double) throws(TensorError) -> Double {
        try Self.checkGammaShape(a, "gamma")
        if a < 1 {
            return marsagliaTsang(a + 1) * RandomMath.exp(RandomMath.log(uniformOpen()) / a)
        }
        return marsagliaTsang(a)
    }

    /// The logarithm of a Gamma(shape, 1) variate, without underflow for tiny shapes
    /// (`log Gamma(a+1) + log(U)/a`): the form `beta` and Dirichlet-type samplers need.
    public mutating func logGamma(shape a: Double) throws(TensorError) -> Double {
        try Self.checkGammaShape(a, "gamma")
        if a < 1 {
            return RandomMath.log(marsagliaTsang(a + 1)) + RandomMath.log(uniformOpen()) / a
        }
        return RandomMath.log(marsagliaTsang(a))
    }

    /// A Beta(a, b) variate as `X/(X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`, evaluated from
    /// the logarithms as the logistic function of `log X − log Y`, so tiny shapes (where `X`
    /// and `Y` would underflow) still give a value in [0, 1].
    public mutating func beta(_ a: Double, _ b: Double) throws(TensorError) -> Double {
        try Self.checkGammaShape(a, "beta (a)")
        try Self.checkGammaShape(b, "beta (b)")
        let lx = try logGamma(shape: a)
        let ly = try logGamma(shape: b)
        let t = lx - ly
        if t >= 0 { return 1 / (1 + RandomMath.exp(-t)) }
        let e = RandomMath.exp(t)
        return e / (1 + e)
    }

    /// Marsaglia–Tsang for `a ≥ 1`.
    @usableFromInline
    mutating func marsagliaTsang(_ a: Double) -> Double {
        let d = a - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniformOpen()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if RandomMath.log(u) < 0.5 * x2 + d * (1 - v + RandomMath.log(v)) { return d * v }
        }
    }

    static func checkGammaShape(_ a: Double, _ name: String) throws(TensorError) {
        guard a > 0, a.isFinite else {
            throw TensorError("\(name): shape must be positive and finite, got \(a)")
        }
    }
}
