/// Shape manipulation: axis permutation, joining, inserting and removing unit axes,
/// materialized broadcasting. Every result is a fresh contiguous row-major tensor.
extension Tensor {
    /// Resolves a possibly negative axis against `rank` (`-1` is the last axis).
    /// - Throws: when `axis` is outside `-rank..<rank`, naming the axis and the shape.
    public static func normalizeAxis(_ axis: Int, rank: Int, shape: [Int], op: String) throws(TensorError) -> Int {
        let k = axis < 0 ? axis + rank : axis
        guard k >= 0, k < rank else {
            throw TensorError("\(op): axis \(axis) is out of range for shape \(describe(shape)) (rank \(rank))")
        }
        return k
    }

    /// Permutes the axes: result axis `i` is axis `axes[i]` of `self`, so
    /// `result[i_0, ..., i_{r-1}] = self[j]` with `j[axes[k]] = i_k`. `nil` reverses the axes
    /// (the matrix transpose for rank 2).
    /// - Throws: when `axes` is not a permutation of `0..<rank` (negative entries allowed).
    public func transposed(_ axes: [Int]? = nil) throws(TensorError) -> Tensor {
        let rank = self.rank
        var perm: [Int]
        if let axes {
            guard axes.count == rank else {
                throw TensorError("transpose: axes \(axes) do not match shape \(Tensor.describe(shape)) (rank \(rank))")
            }
            perm = []
            perm.reserveCapacity(rank)
            var seen = [Bool](repeating: false, count: rank)
            for a in axes {
                let k = try Tensor.normalizeAxis(a, rank: rank, shape: shape, op: "transpose")
                if seen[k] { throw TensorError("transpose: axis \(a) is repeated in \(axes)") }
                seen[k] = true
                perm.append(k)
            }
        } else {
            perm = Array((0..<rank).reversed())
        }
        return permutedUnchecked(perm)
    }

    /// The matrix transpose (all axes reversed), as NumPy's `.T`.
    public var T: Tensor { permutedUnchecked(Array((0..<rank).reversed())) }

    /// Permutes axes by a permutation already validated.
    @usableFromInline
    func permutedUnchecked(_ perm: [Int]) -> Tensor {
        if perm.count <= 1 || perm == Array(0..<perm.count) { return self }
        let own = Tensor.strides(shape)
        let newShape = perm.map { shape[$0] }
        let newStrides = perm.map { own[$0] }
        let out = scalars.withUnsafeBufferPointer {
            Tensor.stridedCopy($0, shape: newShape, strides: newStrides, offset: 0)
        }
        return Tensor(unchecked: newShape, scalars: out)
    }

    /// Joins tensors along an existing axis. All must have the same rank (at least 1) and
    /// the same extents on every other axis.
    public static func concat(_ ts: [Tensor], axis: Int) throws(TensorError) -> Tensor {
        guard let firstTensor = ts.first else { throw TensorError("concat: needs at least one tensor") }
        let rank = firstTensor.rank
        guard rank >= 1 else { throw TensorError("concat: cannot concatenate rank-0 tensors (use stack)") }
        let k = try normalizeAxis(axis, rank: rank, shape: firstTensor.shape, op: "concat")
        var total = 0
        for t in ts {
            guard t.rank == rank else {
                throw TensorError("concat: shapes \(describe(firstTensor.shape)) and \(describe(t.shape)) differ in rank")
            }
            for d in 0..<rank where d != k && t.shape[d] != firstTensor.shape[d] {
                throw TensorError("concat: shapes \(describe(firstTensor.shape)) and \(describe(t.shape)) differ on axis \(d) (concatenating on axis \(k))")
            }
            total += t.shape[k]
        }
        var outShape = firstTensor.shape
        outShape[k] = total
        let n = try elementCount(outShape)
        var outer = 1
        for d in 0..<k { outer *= outShape[d] }
        var inner = 1
        for d in (k + 1)..<rank { inner *= outShape[d] }
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            guard let dst = buf.baseAddress else { initialized = 0; return }
            let rowWidth = total * inner
            var column = 0
            for t in ts {
                let chunk = t.shape[k] * inner
                t.scalars.withUnsafeBufferPointer { src in
                    guard let s = src.baseAddress else { return }
                    for o in 0..<outer {
                        (dst + o * rowWidth + column).initialize(from: s + o * chunk, count: chunk)
                    }
                }
                column += chunk
            }
            initialized = n
        }
        return Tensor(unchecked: outShape, scalars: out)
    }

    /// Stacks equally shaped tensors along a new axis `axis` (in `-(rank+1)...rank`).
    public static func stack(_ ts: [Tensor], axis: Int) throws(TensorError) -> Tensor {
        guard let firstTensor = ts.first else { throw TensorError("stack: needs at least one tensor") }
        for t in ts where t.shape != firstTensor.shape {
            throw TensorError("stack: shapes \(describe(firstTensor.shape)) and \(describe(t.shape)) differ")
        }
        let k = try normalizeAxis(axis, rank: firstTensor.rank + 1, shape: firstTensor.shape, op: "stack")
        var expanded: [Tensor] = []
        expanded.reserveCapacity(ts.count)
        for t in ts { expanded.append(t.insertingUnitAxis(k)) }
        return try concat(expanded, axis: k)
    }

    /// Inserts an axis of extent 1 at `axis` (in `-(rank+1)...rank`; `-1` appends).
    public func expandDims(axis: Int) throws(TensorError) -> Tensor {
        let k = try Tensor.normalizeAxis(axis, rank: rank + 1, shape: shape, op: "expand_dims")
        return insertingUnitAxis(k)
    }

    @usableFromInline
    func insertingUnitAxis(_ k: Int) -> Tensor {
        var s = shape
        s.insert(1, at: k)
        return Tensor(unchecked: s, scalars: scalars)
    }

    /// Removes axis `axis`, which must have extent 1; with `nil`, removes every axis of extent 1.
    public func squeeze(axis: Int? = nil) throws(TensorError) -> Tensor {
        guard let axis else { return Tensor(unchecked: shape.filter { $0 != 1 }, scalars: scalars) }
        let k = try Tensor.normalizeAxis(axis, rank: rank, shape: shape, op: "squeeze")
        guard shape[k] == 1 else {
            throw TensorError("squeeze: axis \(axis) of shape \(Tensor.describe(shape)) has extent \(shape[k]), not 1")
        }
        var s = shape
        s.remove(at: k)
        return Tensor(unchecked: s, scalars: scalars)
    }

    /// The elements as a rank-1 tensor.
    public func flatten() -> Tensor { Tensor(unchecked: [count], scalars: scalars) }

    /// Materializes the broadcast of `self` to `target` (NumPy `broadcast_to`).
    /// - Throws: when `self` does not broadcast to exactly `target`.
    public func broadcast(to target: [Int]) throws(TensorError) -> Tensor {
        if shape == target { return self }
        let joined = try Tensor.broadcastShape(shape, target, op: "broadcast_to")
        guard joined == target else {
            throw TensorError("broadcast_to: shape \(Tensor.describe(shape)) cannot be broadcast to \(Tensor.describe(target))")
        }
        _ = try Tensor.elementCount(target)
        let strides = Tensor.broadcastStrides(from: shape, to: target)
        let out = scalars.withUnsafeBufferPointer {
            Tensor.stridedCopy($0, shape: target, strides: strides, offset: 0)
        }
        return Tensor(unchecked: target, scalars: out)
    }
}
