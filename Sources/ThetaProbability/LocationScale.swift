import ThetaAutodiff
import ThetaTensor

/// What the two-parameter location–scale families share (Normal, LogNormal, Laplace, Cauchy,
/// Logistic): a real location `mu` and a positive scale, checked and broadcast the same way,
/// the standardized value `z = (x − μ)/scale`, and reparameterized draws `μ + scale·ε`.
///
/// A family states its name, the name of its scale parameter and which stored property holds
/// the scale; the protocol supplies `family`, `parameters`, `eventShape`, `isReparameterized`,
/// `support` (the reals; a family over another set declares its own) and `tape`. Everything a
/// family computes differently (density, cdf, moments, entropy) it still declares itself.
protocol LocationScaleFamily: Distribution {
    /// The family's name as the language spells it ("Laplace").
    static var familyName: String { get }
    /// The scale parameter's name in constructor order and in messages ("b").
    static var scaleName: String { get }
    var mu: Variable { get }
    /// The scale parameter (`sigma`, `b`, `gamma`, `s`).
    var scale: Variable { get }
}

extension LocationScaleFamily {
    public var family: String { Self.familyName }
    public var parameters: [(name: String, value: Variable)] { [("mu", mu), (Self.scaleName, scale)] }
    public var eventShape: [Int] { [] }
    public var isReparameterized: Bool { true }
    public var support: Constraint { .real }
    public var tape: Tape { mu.tape }

    /// The batch shape of `(mu, scale)`: they share a tape, `mu` is real and `scale` positive
    /// (when `validate`), and their shapes broadcast; otherwise the error names the family and
    /// the parameter.
    static func prepare(_ mu: Variable, _ scale: Variable, validate: Bool) throws(ProbabilityError) -> [Int] {
        try Parameters.prepare(familyName, [("mu", mu, .real), (scaleName, scale, .positive)], validate: validate)
    }

    /// `z = (x − μ)/scale`.
    func standardized(_ x: Variable) throws(AutodiffError) -> Variable {
        try (x - mu) / scale
    }

    /// `μ + scale·ε` for standard draws `eps` of shape `sampleShape + batchShape`
    /// (reparameterized: gradients reach `mu` and the scale).
    func located(_ eps: Tensor) throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try tape.constant(eps) * scale + mu }
    }

    /// Draws a standard variate with `draw` per entry of `sampleShape + batchShape` and returns
    /// `μ + scale·ε`.
    func locationScaleSample(_ sampleShape: [Int], _ rng: inout RandomGenerator,
                             _ draw: (inout RandomGenerator) -> Double) throws(ProbabilityError) -> Variable {
        try Shapes.checkSample(family, sampleShape)
        return try located(rng.fill(sampleShape + batchShape, draw))
    }

    /// `μ` broadcast to the batch shape (the mean and median of the symmetric families).
    func locationMean() throws(ProbabilityError) -> Variable {
        try ad { () throws(AutodiffError) in try mu.expanded(to: batchShape) }
    }
}
