/// Special functions of one argument, elementwise over tensors.
///
/// Kept apart from `UnaryFunction` (which already holds `sigmoid`, `softplus`, `log1p` and
/// `expm1`): the raw values of the two enums are disjoint, so `t.apply(.lgamma)` and
/// `t.apply(.exp)` are never ambiguous.
public enum SpecialFunction: String, CaseIterable, Sendable {
    case lgamma, digamma, trigamma, erf, erfc, erfinv, erfcinv, logSigmoid, logit

    /// The function at one point (see `Special` for each method and its accuracy).
    @inlinable
    public func apply(_ x: Double) -> Double {
        switch self {
        case .lgamma: return Special.lgamma(x)
        case .digamma: return Special.digamma(x)
        case .trigamma: return Special.trigamma(x)
        case .erf: return Special.erf(x)
        case .erfc: return Special.erfc(x)
        case .erfinv: return Special.erfinv(x)
        case .erfcinv: return Special.erfcinv(x)
        case .logSigmoid: return Special.logSigmoid(x)
        case .logit: return Special.logit(x)
        }
    }
}

extension Tensor {
    /// Applies a special function to every element.
    public func apply(_ f: SpecialFunction) -> Tensor {
        switch f {
        case .lgamma: return mapKernel { Special.lgamma($0) }
        case .digamma: return mapKernel { Special.digamma($0) }
        case .trigamma: return mapKernel { Special.trigamma($0) }
        case .erf: return mapKernel { Special.erf($0) }
        case .erfc: return mapKernel { Special.erfc($0) }
        case .erfinv: return mapKernel { Special.erfinv($0) }
        case .erfcinv: return mapKernel { Special.erfcinv($0) }
        case .logSigmoid: return mapKernel { Special.logSigmoid($0) }
        case .logit: return mapKernel { Special.logit($0) }
        }
    }

    /// `log B(a, b)` elementwise with broadcasting.
    public static func lbeta(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        try zip(a, b, op: "lbeta") { Special.lbeta($0, $1) }
    }

    /// `P(a, x)` elementwise with broadcasting (the Gamma(a, 1) CDF at x).
    public static func gammaP(_ a: Tensor, _ x: Tensor) throws(TensorError) -> Tensor {
        try zip(a, x, op: "gammaP") { Special.gammaP($0, $1) }
    }

    /// `Q(a, x) = 1 − P(a, x)` elementwise with broadcasting.
    public static func gammaQ(_ a: Tensor, _ x: Tensor) throws(TensorError) -> Tensor {
        try zip(a, x, op: "gammaQ") { Special.gammaQ($0, $1) }
    }

    /// `I_x(a, b)` elementwise with broadcasting over all three arguments.
    public static func betaI(_ a: Tensor, _ b: Tensor, _ x: Tensor) throws(TensorError) -> Tensor {
        // Broadcast a with b first, then the pair with x, carrying (a, b) through an index map.
        let ab = try broadcastShape(a.shape, b.shape, op: "betaI")
        let shape = try broadcastShape(ab, x.shape, op: "betaI")
        let n = try elementCount(shape)
        let sa = broadcastStrides(from: a.shape, to: shape)
        let sb = broadcastStrides(from: b.shape, to: shape)
        let sx = broadcastStrides(from: x.shape, to: shape)
        var out = [Double](repeating: 0, count: n)
        let strides = Tensor.strides(shape)
        for linear in 0..<n {
            var rest = linear, ia = 0, ib = 0, ix = 0
            for k in 0..<shape.count {
                let idx = rest / strides[k]
                rest -= idx * strides[k]
                ia += idx * sa[k]; ib += idx * sb[k]; ix += idx * sx[k]
            }
            out[linear] = Special.betaI(a.scalars[ia], b.scalars[ib], x.scalars[ix])
        }
        return Tensor(unchecked: shape, scalars: out)
    }
}
