import ThetaSyntax
import ThetaTensor

/// Randomness: every draw comes from the runtime's one seeded generator, so the same file and
/// seed print the same numbers. Shapes are given as in `zeros`: `randn(2, 3)` or
/// `randn([2, 3])`; no shape gives a number.
let randomBuiltins: [Builtin] = [
    Builtin("seed", [.init("n")], doc: """
        Restarts the random generator from seed n (a whole number; the default seed is 0), so
        what follows draws the same numbers on every run and machine.
        """) { args, ctx in
        let n = try args.number(0)
        guard n.isFinite, n == n.rounded(), abs(n) < 9.0e18 else {
            throw args.error(0, "seed: n must be a whole number, got \(Display.number(n))")
        }
        ctx.runtime.reseed(UInt64(bitPattern: Int64(n)))
        return .none
    },
    Builtin("rand", variadic: true, doc: "Uniform numbers on [0, 1): rand() is one number, rand(2, 3) a tensor.") { args, ctx in
        let shape = try shapeArgument(args.rest, args.restSpans, ctx)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.rand(shape: shape, using: &ctx.runtime.rng) }
    },
    Builtin("randn", variadic: true, doc: "Standard normal numbers: randn() is one number, randn(2, 3) a tensor.") { args, ctx in
        let shape = try shapeArgument(args.rest, args.restSpans, ctx)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.randn(shape: shape, using: &ctx.runtime.rng) }
    },
    Builtin("randint", [.init("low"), .init("high")], variadic: true, doc: """
        Whole numbers drawn uniformly from low (included) to high (excluded), without bias:
        randint(0, 6) is one die roll, randint(0, 6, 10) ten of them.
        """) { args, ctx in
        let low = try args.int(0), high = try args.int(1)
        let shape = try shapeArgument(args.rest, args.restSpans, ctx)
        return try tensorOp(ctx) { () throws(TensorError) in
            try Tensor.randint(low: low, high: high, shape: shape, using: &ctx.runtime.rng)
        }
    },
    Builtin("randperm", [.init("n")], doc: "A random permutation of 0, 1, ..., n-1.") { args, ctx in
        let n = try args.int(0)
        return try tensorOp(ctx) { () throws(TensorError) in try Tensor.randperm(n, using: &ctx.runtime.rng) }
    },
]

extension Runtime {
    /// Restarts the generator from `seed`.
    func reseed(_ seed: UInt64) {
        self.seed = seed
        rng = RandomGenerator(seed: seed)
    }
}
