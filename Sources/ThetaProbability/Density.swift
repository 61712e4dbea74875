import ThetaAutodiff
import ThetaTensor

/// `Density(logp_fn)`: an unnormalized target given by its log-density, for reverse KL
/// (`KL(q || Density(f))`). It has `logp` and nothing else: no sampler, no moments.
public struct Density: Distribution {
    /// The log-density; errors it throws other than `ProbabilityError` are reported with
    /// kind `.numeric` and their description.
    public let function: (Variable) throws -> Variable
    public let name: String
    public let tape: Tape
    public let eventShape: [Int]

    public init(name: String = "Density", eventShape: [Int] = [], on tape: Tape,
                _ function: @escaping (Variable) throws -> Variable) {
        self.function = function
        self.name = name
        self.tape = tape
        self.eventShape = eventShape
    }

    public var family: String { "Density" }
    public var parameters: [(name: String, value: Variable)] { [] }
    public var batchShape: [Int] { [] }
    public var isReparameterized: Bool { false }
    public var support: Constraint { .real }
    /// An unnormalized density: its integral need not be 1.
    public var isNormalized: Bool { false }

    public func logp(_ x: Variable) throws(ProbabilityError) -> Variable {
        do { return try function(x) } catch let e as ProbabilityError { throw e } catch {
            throw ProbabilityError(.numeric, "\(name): \(error)")
        }
    }

    public func sample(_ sampleShape: [Int], using rng: inout RandomGenerator) throws(ProbabilityError) -> Variable {
        throw ProbabilityError(.notAvailable, "\(name) is an unnormalized density: it has no sampler (use it as the target p in KL(q || p))")
    }
}
