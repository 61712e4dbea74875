/// Discrete samplers on the generator: Poisson, binomial, categorical, permutations. Like the
/// continuous ones they use only `RandomMath` and integer arithmetic, so streams are identical
/// across machines.
extension RandomGenerator {
    /// A Poisson(rate) variate.
    ///
    /// - `rate < 10`: inversion by sequential search, `P(k) = P(k−1)·λ/k` from `P(0) = e^{−λ}`.
    /// - `rate ≥ 10`: PTRS, the transformed rejection with squeeze of Hörmann, "The
    ///   transformed rejection method for generating Poisson random variables" (1993), with
    ///   `b = 0.931 + 2.53√λ`, `a = −0.059 + 0.02483b`, `1/α = 1.1239 + 1.1328/(b − 3.4)`,
    ///   `v_r = 0.9277 − 3.6224/(b − 2)`, accepting `k = ⌊(2a/u_s + b)U + λ + 0.43⌋` when
    ///   `log(V/α / (a/u_s² + b)) ≤ −λ + k log λ − log k!`.
    public mutating func poisson(rate lambda: Double) throws(TensorError) -> Int {
        guard lambda >= 0, lambda < 1e15 else {
            throw TensorError("poisson: rate must be non-negative and below 1e15, got \(lambda)")
        }
        if lambda == 0 { return 0 }
        if lambda < 10 {
            let p0 = RandomMath.exp(-lambda)
            while true {
                var u = uniform()
                var p = p0
                var k = 0
                while u > p && k < 1000 {
                    u -= p
                    k += 1
                    p *= lambda / Double(k)
                }
                if k < 1000 { return k }   // rounding ran past the tail: draw again
            }
        }
        let slam = lambda.squareRoot()
        let logLam = RandomMath.log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        let logInvAlpha = RandomMath.log(invAlpha)
        while true {
            let u = uniform() - 0.5
            let v = uniformOpen()
            let us = 0.5 - Swift.abs(u)
            guard us > 0 else { continue }
            let kd = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            guard kd >= 0, kd < 9e15 else { continue }
            let k = Int(kd)
            if us >= 0.07 && v <= vr { return k }
            if us < 0.013 && v > us { continue }
            let lhs = RandomMath.log(v) + logInvAlpha - RandomMath.log(a / (us * us) + b)
            if lhs <= -lambda + kd * logLam - RandomMath.logFactorial(k) { return k }
        }
    }

    /// A Binomial(count, probability) variate.
    ///
    /// With `p ≤ ½` (else `n − Binomial(n, 1 − p)`): inversion by sequential search when
    /// `np < 10` (`P(k) = P(k−1)·((n+1)s/k − s)`, `s = p/(1−p)`, `P(0) = (1−p)ⁿ`); otherwise
    /// BTRS, the transformed rejection with squeeze of Hörmann, "The generation of binomial
    /// random variates" (1993): `b = 1.15 + 2.53√(npq)`, `a = −0.0873 + 0.0248b + 0.01p`,
    /// `α = (2.83 + 5.1/b)√(npq)`, `v_r = 0.92 − 4.2/b`, `k = ⌊(2a/u_s + b)U + np + ½⌋`,
    /// accepted when `log(Vα/(a/u_s² + b)) ≤ h − log k! − log(n−k)! + (k − m) log(p/q)` with
    /// `m = ⌊(n+1)p⌋`, `h = log m! + log(n−m)!`.
    public mutating func binomial(count n: Int, probability p: Double) throws(TensorError) -> Int {
        guard n >= 0 else { throw TensorError("binomial: count must be non-negative, got \(n)") }
        guard p >= 0, p <= 1 else {
            throw TensorError("binomial: probability must be in [0, 1], got \(p)")
        }
        if p > 0.5 { return n - binomialLow(n, 1 - p) }
        return binomialLow(n, p)
    }

    /// Binomial for `p ≤ ½`.
    @usableFromInline
    mutating func binomialLow(_ n: Int, _ p: Double) -> Int {
        if n == 0 || p == 0 { return 0 }
        let nd = Double(n)
        let q = 1 - p
        if nd * p < 10 {
            let s = p / q
            let a = (nd + 1) * s
            let r0 = RandomMath.exp(nd * RandomMath.log1p(-p))
            while true {
                var u = uniform()
                var r = r0
                var k = 0
                while u > r && k <= n {
                    u -= r
                    k += 1
                    r *= a / Double(k) - s
                }
                if k <= n { return k }
            }
        }
        let spq = (nd * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = nd * p + 0.5
        let alpha = (2.83 + 5.1 / b) * spq
        let vr = 0.92 - 4.2 / b
        let lpq = RandomMath.log(p / q)
        let m = Int(((nd + 1) * p).rounded(.down))
        let h = RandomMath.logFactorial(m) + RandomMath.logFactorial(n - m)
        while true {
            let u = uniform() - 0.5
            let v = uniformOpen()
            let us = 0.5 - Swift.abs(u)
            guard us > 0 else { continue }
            let kd = ((2 * a / us + b) * u + c).rounded(.down)
            guard kd >= 0, kd <= nd else { continue }
            let k = Int(kd)
            if us >= 0.07 && v <= vr { return k }
            let lhs = RandomMath.log(v * alpha / (a / (us * us) + b))
            let rhs = h - RandomMath.logFactorial(k) - RandomMath.logFactorial(n - k) + Double(k - m) * lpq
            if lhs <= rhs { return k }
        }
    }

    /// An index `i` drawn with probability `w_i / Σw` by inversion of the cumulative sum
    /// (one uniform per draw).
    /// - Throws: when a weight is negative or not finite, or all weights are zero.
    public mutating func categorical<C: Collection>(probabilities w: C) throws(TensorError) -> Int
    where C.Element == Double {
        let total = try Self.checkedTotal(w)
        return categoricalUnchecked(w, total: total)
    }

    /// An index drawn with probability `softmax(logits)_i`: weights `exp(ℓ_i − max ℓ)`, then
    /// inversion. `−∞` logits have probability 0.
    /// - Throws: on NaN or `+∞` logits, or when every logit is `−∞`.
    public mutating func categorical<C: Collection>(logits: C) throws(TensorError) -> Int
    where C.Element == Double {
        try categorical(probabilities: Self.softmaxWeights(logits))
    }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates, Durstenfeld's in-place form:
    /// for `i = n−1 … 1` swap element `i` with a uniform `j ∈ [0, i]`).
    public mutating func permutation(_ n: Int) throws(TensorError) -> [Int] {
        guard n >= 0, n <= Tensor.maxElements else {
            throw TensorError("permutation: n must be between 0 and \(Tensor.maxElements), got \(n)")
        }
        var out = Array(0..<n)
        shuffle(&out)
        return out
    }

    /// Shuffles `items` in place uniformly (Fisher–Yates).
    public mutating func shuffle<T>(_ items: inout [T]) {
        var i = items.count - 1
        while i > 0 {
            let j = Int(below(UInt64(i + 1)))
            items.swapAt(i, j)
            i -= 1
        }
    }

    @usableFromInline
    mutating func categoricalUnchecked<C: Collection>(_ w: C, total: Double) -> Int
    where C.Element == Double {
        let target = uniform() * total
        var acc = 0.0
        var last = 0
        for (i, x) in w.enumerated() {
            if x > 0 {
                acc += x
                last = i
                if target < acc { return i }
            }
        }
        return last    // rounding left target ≥ the computed total: the last positive weight
    }

    static func checkedTotal<C: Collection>(_ w: C) throws(TensorError) -> Double where C.Element == Double {
        var total = 0.0
        for x in w {
            guard x >= 0, x.isFinite else {
                throw TensorError("categorical: probabilities must be finite and non-negative, got \(x)")
            }
            total += x
        }
        guard total > 0, total.isFinite else {
            throw TensorError("categorical: probabilities must have a positive finite sum, got \(total)")
        }
        return total
    }

    static func softmaxWeights<C: Collection>(_ logits: C) throws(TensorError) -> [Double]
    where C.Element == Double {
        var top = -Double.infinity
        for x in logits {
            guard !x.isNaN, x != .infinity else {
                throw TensorError("categorical: logits must not be NaN or +inf, got \(x)")
            }
            top = Swift.max(top, x)
        }
        guard top > -.infinity else { throw TensorError("categorical: every logit is -inf") }
        return logits.map { RandomMath.exp($0 - top) }
    }
}
