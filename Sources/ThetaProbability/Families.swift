import ThetaAutodiff
import ThetaTensor

/// One parameter of a family's constructor.
public struct ParameterSpec: Sendable, Equatable {
    public let name: String
    public let constraint: Constraint
    /// Trailing axes that belong to one event (1 for a mean vector, 2 for a matrix).
    public let eventRank: Int
    public init(_ name: String, _ constraint: Constraint, eventRank: Int = 0) {
        self.name = name
        self.constraint = constraint
        self.eventRank = eventRank
    }
}

/// A family's constructor forms: `forms[0]` is the positional one; later forms are
/// alternatives chosen by a named argument (`logits:`, `scale_tril:`).
public struct FamilySpec: Sendable {
    public let name: String
    public let forms: [[ParameterSpec]]
    public let isDiscrete: Bool
    /// One line for help text.
    public let summary: String
}

/// The family table behind the language's constructors (`Normal(0, 1)`,
/// `Bernoulli(logits: l)`), with argument resolution and validation. The combinators
/// (`Mixture`, `Independent`, `Transformed`, `Density`) take distributions, bijectors or
/// functions and are built with their own initializers.
public enum Families {
    public static let all: [FamilySpec] = [
        FamilySpec(name: "Normal", forms: [[.init("mu", .real), .init("sigma", .positive)]], isDiscrete: false,
                   summary: "Gaussian with mean mu and standard deviation sigma"),
        FamilySpec(name: "LogNormal", forms: [[.init("mu", .real), .init("sigma", .positive)]], isDiscrete: false,
                   summary: "exp of a Normal(mu, sigma)"),
        FamilySpec(name: "Laplace", forms: [[.init("mu", .real), .init("b", .positive)]], isDiscrete: false,
                   summary: "double exponential with location mu and scale b"),
        FamilySpec(name: "Cauchy", forms: [[.init("mu", .real), .init("gamma", .positive)]], isDiscrete: false,
                   summary: "Cauchy with location mu and scale gamma"),
        FamilySpec(name: "Logistic", forms: [[.init("mu", .real), .init("s", .positive)]], isDiscrete: false,
                   summary: "logistic with location mu and scale s"),
        FamilySpec(name: "StudentT", forms: [[.init("nu", .positive), .init("mu", .real), .init("sigma", .positive)]],
                   isDiscrete: false, summary: "Student's t with nu degrees of freedom, location mu, scale sigma"),
        FamilySpec(name: "Uniform", forms: [[.init("low", .real), .init("high", .real)]], isDiscrete: false,
                   summary: "uniform on [low, high]"),
        FamilySpec(name: "Exponential", forms: [[.init("rate", .positive)]], isDiscrete: false,
                   summary: "exponential with the given rate"),
        FamilySpec(name: "Gamma", forms: [[.init("shape", .positive), .init("rate", .positive)]], isDiscrete: false,
                   summary: "gamma with shape and rate"),
        FamilySpec(name: "Beta", forms: [[.init("alpha", .positive), .init("beta", .positive)]], isDiscrete: false,
                   summary: "beta on [0, 1]"),
        FamilySpec(name: "MultivariateNormal", forms: [
            [.init("mu", .realVector, eventRank: 1), .init("cov", .positiveDefinite, eventRank: 2)],
            [.init("mu", .realVector, eventRank: 1), .init("scale_tril", .lowerCholesky, eventRank: 2)]],
                   isDiscrete: false, summary: "Gaussian vector with mean mu and covariance cov (or its Cholesky factor scale_tril)"),
        FamilySpec(name: "Dirichlet", forms: [[.init("alpha", .positive, eventRank: 1)]], isDiscrete: false,
                   summary: "Dirichlet on the simplex"),
        FamilySpec(name: "Bernoulli", forms: [[.init("p", .unit)], [.init("logits", .real)]], isDiscrete: true,
                   summary: "0 or 1 with P(1) = p (or sigmoid(logits))"),
        FamilySpec(name: "Categorical", forms: [[.init("p", .simplex, eventRank: 1)], [.init("logits", .real, eventRank: 1)]],
                   isDiscrete: true, summary: "an index 0...K-1 with probabilities p (or softmax(logits))"),
        FamilySpec(name: "Binomial", forms: [[.init("n", .nonnegativeInteger), .init("p", .unit)]], isDiscrete: true,
                   summary: "successes in n trials of probability p"),
        FamilySpec(name: "Poisson", forms: [[.init("rate", .nonnegative)]], isDiscrete: true,
                   summary: "counts with the given rate"),
        FamilySpec(name: "Geometric", forms: [[.init("p", .unit)]], isDiscrete: true,
                   summary: "failures before the first success of probability p"),
    ]

    /// The names of the combinators (built with their own initializers).
    public static let combinators = ["Mixture", "Independent", "Transformed", "Density"]

    static let byName: [String: FamilySpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func spec(_ name: String) -> FamilySpec? { byName[name] }

    /// Resolves positional and named arguments against the family's forms and builds it.
    ///
    /// Positional arguments fill the first form's names in order; a named argument picks the
    /// first form that has every given name (`Bernoulli(logits: l)`,
    /// `MultivariateNormal(m, scale_tril: L)`).
    /// - Throws: `.invalidArgument` for an unknown family or parameter, a missing, repeated or
    ///   surplus argument; `.invalidParameter` / `.shapeMismatch` from validation.
    public static func make(_ family: String, _ arguments: [(label: String?, value: Variable)],
                            validate: Bool = true) throws(ProbabilityError) -> any Distribution {
        guard let spec = byName[family] else {
            throw ProbabilityError(.invalidArgument, "unknown distribution family '\(family)'")
        }
        let labels = arguments.compactMap(\.label)
        guard let form = spec.forms.first(where: { f in labels.allSatisfy { l in f.contains { $0.name == l } } }) else {
            let unknown = labels.first { l in !spec.forms.contains { f in f.contains { $0.name == l } } } ?? labels.joined(separator: ", ")
            let expected = spec.forms.map { $0.map(\.name).joined(separator: ", ") }.joined(separator: " or ")
            let bad = labels.allSatisfy { l in spec.forms.contains { f in f.contains { $0.name == l } } }
            throw ProbabilityError(.invalidArgument, bad
                ? "\(family): the arguments \(labels.joined(separator: ", ")) do not belong to one form (expected \(expected))"
                : "\(family): unknown parameter '\(unknown)' (expected \(expected))")
        }
        var values = [Variable?](repeating: nil, count: form.count)
        var position = 0
        for arg in arguments {
            if let label = arg.label {
                guard let k = form.firstIndex(where: { $0.name == label }) else { continue }
                guard values[k] == nil else {
                    throw ProbabilityError(.invalidArgument, "\(family): \(label) is given twice")
                }
                values[k] = arg.value
            } else {
                guard position < form.count else {
                    throw ProbabilityError(.invalidArgument, "\(family) takes \(form.count) parameter\(form.count == 1 ? "" : "s") (\(form.map(\.name).joined(separator: ", "))), got \(arguments.count)")
                }
                guard values[position] == nil else {
                    throw ProbabilityError(.invalidArgument, "\(family): \(form[position].name) is given twice")
                }
                values[position] = arg.value
                position += 1
            }
        }
        var v: [Variable] = []
        for (k, p) in form.enumerated() {
            guard let x = values[k] else {
                throw ProbabilityError(.invalidArgument, "\(family): missing parameter \(p.name) (expected \(form.map(\.name).joined(separator: ", ")))")
            }
            v.append(x)
        }
        let names = form.map(\.name)
        switch (family, names) {
        case ("Normal", _): return try Normal(mu: v[0], sigma: v[1], validate: validate)
        case ("LogNormal", _): return try LogNormal(mu: v[0], sigma: v[1], validate: validate)
        case ("Laplace", _): return try Laplace(mu: v[0], b: v[1], validate: validate)
        case ("Cauchy", _): return try Cauchy(mu: v[0], gamma: v[1], validate: validate)
        case ("Logistic", _): return try Logistic(mu: v[0], s: v[1], validate: validate)
        case ("StudentT", _): return try StudentT(nu: v[0], mu: v[1], sigma: v[2], validate: validate)
        case ("Uniform", _): return try Uniform(low: v[0], high: v[1], validate: validate)
        case ("Exponential", _): return try Exponential(rate: v[0], validate: validate)
        case ("Gamma", _): return try Gamma(shape: v[0], rate: v[1], validate: validate)
        case ("Beta", _): return try Beta(alpha: v[0], beta: v[1], validate: validate)
        case ("MultivariateNormal", ["mu", "cov"]): return try MultivariateNormal(mu: v[0], cov: v[1], validate: validate)
        case ("MultivariateNormal", _): return try MultivariateNormal(mu: v[0], scaleTril: v[1], validate: validate)
        case ("Dirichlet", _): return try Dirichlet(alpha: v[0], validate: validate)
        case ("Bernoulli", ["p"]): return try Bernoulli(p: v[0], validate: validate)
        case ("Bernoulli", _): return try Bernoulli(logits: v[0], validate: validate)
        case ("Categorical", ["p"]): return try Categorical(p: v[0], validate: validate)
        case ("Categorical", _): return try Categorical(logits: v[0], validate: validate)
        case ("Binomial", _): return try Binomial(n: v[0], p: v[1], validate: validate)
        case ("Poisson", _): return try Poisson(rate: v[0], validate: validate)
        case ("Geometric", _): return try Geometric(p: v[0], validate: validate)
        default: throw ProbabilityError(.invalidArgument, "unknown distribution family '\(family)'")
        }
    }
}
