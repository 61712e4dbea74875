import ThetaTensor

/// Small builtins the deep families of the stdlib need (vae.gm, gan.gm, ebm.gm, diffusion.gm).
let deepFamilyBuiltins: [Builtin] = [
    Builtin("detach", [.init("x")], doc: """
        The value of x with its gradient stopped: inside a fit or grad, detach(x) is a constant
        equal to x, so no gradient flows back through it (PyTorch's x.detach()). Outside them
        it returns x unchanged. A learnable parameter gives its current (constrained) value.
        Example: the negatives of contrastive divergence, detach(langevin samples).
        """) { args, ctx in
        switch args[0] {
        case .tracked(let t): return Value.from(t.variable.value)
        case .parameter(let p): return Value.from(p.value)
        case .number, .tensor: return args[0]
        default: return Value.from(try args.tensor(0))
        }
    },
]
