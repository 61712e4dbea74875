import ThetaTensor

/// The matrix product, axis permutations, reshaping, broadcasting, joining and selecting.
extension Variable {
    /// NumPy `matmul`: 1-d operands are promoted to a row (left) or a column (right) and the
    /// inserted axis removed again; leading batch axes broadcast.
    public static func matmul(_ a: Variable, _ b: Variable) throws(AutodiffError) -> Variable {
        let tape = a.tape
        try tape.check(a, .matmul)
        try tape.check(b, .matmul)
        let v: Tensor
        do throws(TensorError) {
            v = try Tensor.matmul(a.value, b.value)
        } catch {
            throw tape.forwardError(error, .matmul)
        }
        return try tape.record(.matmul, v, a, b)
    }

    /// `self @ other`.
    public func matmul(_ other: Variable) throws(AutodiffError) -> Variable { try Variable.matmul(self, other) }

    /// Permutes the axes: result axis `i` is axis `axes[i]`; nil reverses them.
    public func transposed(_ axes: [Int]? = nil) throws(AutodiffError) -> Variable {
        let rank = value.rank
        let probe = Primitive.transpose(permutation: axes ?? [])
        try tape.check(self, probe)
        let v: Tensor
        do throws(TensorError) {
            v = try value.transposed(axes)
        } catch {
            throw tape.forwardError(error, probe)
        }
        let perm = axes.map { $0.map { $0 < 0 ? $0 + rank : $0 } } ?? Array((0..<rank).reversed())
        return try tape.record(.transpose(permutation: perm), v, self)
    }

    /// The same elements in a new shape of equal count (one extent may be -1).
    public func reshaped(_ shape: [Int]) throws(AutodiffError) -> Variable {
        try tape.check(self, .reshape)
        let v: Tensor
        do throws(TensorError) {
            v = try value.reshaped(shape)
        } catch {
            throw tape.forwardError(error, .reshape)
        }
        return try tape.record(.reshape, v, self)
    }

    /// NumPy `broadcast_to`.
    public func broadcast(to shape: [Int]) throws(AutodiffError) -> Variable {
        try tape.check(self, .broadcast)
        let v: Tensor
        do throws(TensorError) {
            v = try value.broadcast(to: shape)
        } catch {
            throw tape.forwardError(error, .broadcast)
        }
        return try tape.record(.broadcast, v, self)
    }

    /// Basic (NumPy) indexing: `x[1, 2:5, ::-1, None]` is
    /// `x.index([.at(1), .range(start: 2, stop: 5, step: nil), .range(start: nil, stop: nil, step: -1), .newAxis])`.
    public func index(_ items: [TensorIndex]) throws(AutodiffError) -> Variable {
        let op = Primitive.index(items)
        try tape.check(self, op)
        let v: Tensor
        do throws(TensorError) {
            v = try value.index(items)
        } catch {
            throw tape.forwardError(error, op)
        }
        return try tape.record(op, v, self)
    }

    /// Entries along `axis` at `indices` (integral values, negative from the end):
    /// `result.shape = shape[..<axis] + indices.shape + shape[(axis+1)...]`.
    public func gather(_ indices: Tensor, axis: Int) throws(AutodiffError) -> Variable {
        let probe = Primitive.gather(axis: axis)
        try tape.check(self, probe)
        let k: Int
        let v: Tensor
        do throws(TensorError) {
            k = try Tensor.normalizeAxis(axis, rank: value.rank, shape: value.shape, op: "gather")
            v = try value.gather(indices, axis: k)
        } catch {
            throw tape.forwardError(error, probe)
        }
        guard tape.isRecording, isTracked else { return Variable(untracked: v, tape: tape) }
        let ref = try tape.constantReference(indices)
        return try tape.push(.gather(axis: k), v, index, ref)
    }

    /// Joins variables along an existing axis.
    public static func concat(_ vs: [Variable], axis: Int) throws(AutodiffError) -> Variable {
        try join(vs, axis: axis, stacking: false)
    }

    /// Stacks equally shaped variables along a new axis.
    public static func stack(_ vs: [Variable], axis: Int) throws(AutodiffError) -> Variable {
        try join(vs, axis: axis, stacking: true)
    }

    private static func join(_ vs: [Variable], axis: Int, stacking: Bool) throws(AutodiffError) -> Variable {
        let probe: Primitive = stacking ? .stack(axis: axis, inputs: []) : .concat(axis: axis, inputs: [])
        guard let first = vs.first else {
            throw AutodiffError(.forward, operation: probe.name,
                                message: "\(probe.name): needs at least one tensor", origin: nil)
        }
        let tape = first.tape
        for v in vs { try tape.check(v, probe) }
        let values = vs.map(\.value)
        let k: Int
        let v: Tensor
        do throws(TensorError) {
            if stacking {
                v = try Tensor.stack(values, axis: axis)
                k = try Tensor.normalizeAxis(axis, rank: first.value.rank + 1, shape: first.value.shape, op: "stack")
            } else {
                v = try Tensor.concat(values, axis: axis)
                k = try Tensor.normalizeAxis(axis, rank: first.value.rank, shape: first.value.shape, op: "concat")
            }
        } catch {
            throw tape.forwardError(error, probe)
        }
        guard tape.isRecording, vs.contains(where: \.isTracked) else { return Variable(untracked: v, tape: tape) }
        var refs: [Int32] = []
        refs.reserveCapacity(vs.count)
        for x in vs { refs.append(try tape.reference(x)) }
        let op: Primitive = stacking ? .stack(axis: k, inputs: refs) : .concat(axis: k, inputs: refs)
        return try tape.push(op, v, Tape.noInput, Tape.noInput)
    }
}
