import ThetaAutodiff
import ThetaTensor

/// Checking a family's parameters when it is built.
enum Parameters {
    /// Checks that the parameters share one tape, satisfy their constraints (when `validate`)
    /// and broadcast, and returns the batch shape: the broadcast of each parameter's shape
    /// without its last `eventRank` axes.
    static func prepare(_ family: String, _ params: [(name: String, value: Variable, constraint: Constraint, eventRank: Int)],
                        validate: Bool) throws(ProbabilityError) -> [Int] {
        if let first = params.first {
            for p in params where p.value.tape !== first.value.tape {
                throw ProbabilityError(.invalidArgument, "\(family): \(p.name) belongs to a different tape than \(first.name)")
            }
        }
        var batches: [(String, [Int])] = []
        for p in params {
            guard p.value.shape.count >= p.eventRank else {
                throw ProbabilityError(.shapeMismatch, "\(family): \(p.name) needs at least \(p.eventRank) axes, got shape \(Tensor.describe(p.value.shape))")
            }
            if validate { try Validate.parameter(family, p.name, p.value.value, p.constraint) }
            batches.append((p.name, Array(p.value.shape.dropLast(p.eventRank))))
        }
        return try Shapes.broadcast(family, batches)
    }

    /// `prepare` for scalar parameters (event rank 0).
    static func prepare(_ family: String, _ params: [(String, Variable, Constraint)],
                        validate: Bool) throws(ProbabilityError) -> [Int] {
        try prepare(family, params.map { ($0.0, $0.1, $0.2, 0) }, validate: validate)
    }
}

extension Variable {
    /// This variable broadcast to `shape` (itself when it already has it).
    func expanded(to shape: [Int]) throws(AutodiffError) -> Variable {
        self.shape == shape ? self : try broadcast(to: shape)
    }
}
