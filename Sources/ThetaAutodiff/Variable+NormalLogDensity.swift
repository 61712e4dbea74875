import ThetaTensor

/// The normal log density as one recorded node.
extension Variable {
    /// `−½((x − μ)/σ)² − log √(2π) − log σ`, broadcast. When the shapes are a row-and-column
    /// broadcast (`RowColumnBroadcast`: a batch of points against a row of parameters) this is
    /// one pass forward and one backward (`normalLogDensity` node); otherwise it is composed of
    /// elementwise operations, with the same values.
    public static func normalLogDensity(_ x: Variable, mu: Variable, sigma: Variable) throws(AutodiffError) -> Variable {
        let tape = x.tape
        let probe = Primitive.normalLogDensity(sigma: 0)
        try tape.check(x, probe)
        try tape.check(mu, probe)
        try tape.check(sigma, probe)
        guard let v = Tensor.normalLogDensity(x.value, mu.value, sigma.value) else {
            return try ((x - mu) / sigma).square().affine(scale: -0.5, shift: -Tensor.logSqrtTwoPi) - sigma.log()
        }
        guard tape.isRecording, x.isTracked || mu.isTracked || sigma.isTracked else {
            return Variable(untracked: v, tape: tape)
        }
        let rs = try tape.reference(sigma)
        return try tape.push(.normalLogDensity(sigma: rs), v, tape.reference(x), tape.reference(mu))
    }
}
