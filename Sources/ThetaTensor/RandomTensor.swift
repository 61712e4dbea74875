/// Tensors of random numbers. Every constructor takes the generator `inout` and fills the
/// result in row-major order, so a tensor of shape `[2, 3]` holds the same numbers as six
/// successive scalar draws. Shapes are checked before anything is drawn.
extension Tensor {
    /// Uniform on `[0, 1)` (53-bit doubles).
    public static func rand(shape: [Int], using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        try fill(shape) { rng.uniform() }
    }

    /// Uniform on `[low, high)`: `low + (high − low)·U`.
    public static func uniform(low: Double, high: Double, shape: [Int],
                               using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        guard low.isFinite, high.isFinite, low <= high else {
            throw TensorError("uniform: need finite low ≤ high, got low \(low), high \(high)")
        }
        return try fill(shape) { low + (high - low) * rng.uniform() }
    }

    /// Standard normal.
    public static func randn(shape: [Int], using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        try fill(shape) { rng.normal() }
    }

    /// `N(mean, std²)`.
    public static func normal(mean: Double, std: Double, shape: [Int],
                              using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        guard std >= 0, std.isFinite, mean.isFinite else {
            throw TensorError("normal: std must be finite and non-negative and mean finite, got mean \(mean), std \(std)")
        }
        return try fill(shape) { mean + std * rng.normal() }
    }

    /// Uniform integers in `[low, high)`, stored as doubles (exact below 2⁵³).
    public static func randint(low: Int, high: Int, shape: [Int],
                               using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        guard high > low else {
            throw TensorError("randint: high (\(high)) must be greater than low (\(low))")
        }
        let span = UInt64(bitPattern: Int64(high) &- Int64(low))
        return try fill(shape) { Double(low &+ Int(truncatingIfNeeded: rng.below(span))) }
    }

    /// A random permutation of `0, 1, ..., n−1` (as a rank-1 tensor of doubles).
    public static func randperm(_ n: Int, using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        let p = try rng.permutation(n)
        return Tensor(unchecked: [n], scalars: p.map(Double.init))
    }

    /// Exponential(rate).
    public static func exponential(rate: Double = 1, shape: [Int],
                                   using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        guard rate > 0, rate.isFinite else {
            throw TensorError("exponential: rate must be positive and finite, got \(rate)")
        }
        return try fill(shape) { -RandomMath.log(rng.uniformOpen()) / rate }
    }

    /// One Gamma(α_i, 1) draw per element of `shapeParameter` (same shape as it).
    public static func sampleGamma(_ shapeParameter: Tensor, using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        var out = [Double]()
        out.reserveCapacity(shapeParameter.count)
        for a in shapeParameter.scalars { out.append(try rng.gamma(shape: a)) }
        return Tensor(unchecked: shapeParameter.shape, scalars: out)
    }

    /// One Beta(a_i, b_i) draw per element of the broadcast of `a` and `b`.
    public static func sampleBeta(_ a: Tensor, _ b: Tensor, using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        for x in a.scalars { try RandomGenerator.checkGammaShape(x, "beta (a)") }
        for x in b.scalars { try RandomGenerator.checkGammaShape(x, "beta (b)") }
        return try zip(a, b, op: "beta") { x, y in (try? rng.beta(x, y)) ?? .nan }
    }

    /// One Poisson(λ_i) draw per element of `rate`.
    public static func samplePoisson(_ rate: Tensor, using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        var out = [Double]()
        out.reserveCapacity(rate.count)
        for l in rate.scalars { out.append(Double(try rng.poisson(rate: l))) }
        return Tensor(unchecked: rate.shape, scalars: out)
    }

    /// One Binomial(n_i, p_i) draw per element of the broadcast of `count` and `probability`;
    /// counts must be non-negative integers.
    public static func sampleBinomial(count: Tensor, probability: Tensor,
                                      using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        for n in count.scalars {
            guard n >= 0, n == n.rounded(.down), n < 9e15 else {
                throw TensorError("binomial: count must be a non-negative integer, got \(n)")
            }
        }
        for p in probability.scalars {
            guard p >= 0, p <= 1 else { throw TensorError("binomial: probability must be in [0, 1], got \(p)") }
        }
        return try zip(count, probability, op: "binomial") { n, p in
            Double((try? rng.binomial(count: Int(n), probability: p)) ?? 0)
        }
    }

    /// One categorical draw per row of `probabilities` (the last axis holds the `K` weights,
    /// which need not sum to 1): a tensor of indices with the last axis removed.
    public static func categorical(probabilities: Tensor, using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        try categoricalRows(probabilities, "probabilities", using: &rng) { row, g throws(TensorError) in
            try g.categorical(probabilities: row)
        }
    }

    /// One categorical draw per row of `logits` (softmax over the last axis).
    public static func categorical(logits: Tensor, using rng: inout RandomGenerator) throws(TensorError) -> Tensor {
        try categoricalRows(logits, "logits", using: &rng) { row, g throws(TensorError) in
            try g.categorical(logits: row)
        }
    }

    static func categoricalRows(_ t: Tensor, _ what: String, using rng: inout RandomGenerator,
                                _ draw: (ArraySlice<Double>, inout RandomGenerator) throws(TensorError) -> Int)
    throws(TensorError) -> Tensor {
        guard let k = t.shape.last, k > 0 else {
            throw TensorError("categorical: \(what) need a non-empty last axis, got shape \(describe(t.shape))")
        }
        let rows = t.count / k
        var out = [Double]()
        out.reserveCapacity(rows)
        for r in 0..<rows {
            out.append(Double(try draw(t.scalars[(r * k)..<((r + 1) * k)], &rng)))
        }
        return Tensor(unchecked: Array(t.shape.dropLast()), scalars: out)
    }

    /// A tensor of `shape` whose elements are successive results of `draw`.
    static func fill(_ shape: [Int], _ draw: () -> Double) throws(TensorError) -> Tensor {
        let n = try elementCount(shape)
        var out = [Double]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(draw()) }
        return Tensor(unchecked: shape, scalars: out)
    }
}
