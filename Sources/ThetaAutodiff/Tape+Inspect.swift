import ThetaTensor

extension Tape {
    /// The first recorded node (in recording order) whose value holds a NaN or an infinity,
    /// with its primitive and origin tag: where a non-finite loss came from.
    public func firstNonFiniteNode() -> (index: Int32, primitive: Primitive, origin: Int32)? {
        for i in 0..<nodes.values.count where nodes.ops[i] != .leaf {
            if nodes.values[i].scalars.contains(where: { !$0.isFinite }) {
                return (Int32(i), nodes.ops[i], nodes.origins[i])
            }
        }
        return nil
    }
}
