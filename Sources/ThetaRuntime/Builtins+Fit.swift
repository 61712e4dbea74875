import ThetaProbability
import ThetaSyntax

/// Optimizers and `minimize` / `maximize`.
let fitBuiltins: [Builtin] = [
    Builtin("adam", [.init("lr", .number(0.001)), .init("betas", .noneValue), .init("eps", .number(1e-8))], doc: """
        The Adam optimizer (PyTorch's update): adam(lr: 0.05). betas: [0.9, 0.999] by default.
        """) { args, _ in
        let lr = try positive(args, 0, "adam")
        var b1 = 0.9, b2 = 0.999
        if case .tensor(let t) = args[1], t.count == 2 { b1 = t.scalars[0]; b2 = t.scalars[1] }
        else if case .none = args[1] {} else { throw args.error(1, "adam: betas must be a pair like [0.9, 0.999]") }
        guard (0..<1).contains(b1), (0..<1).contains(b2) else { throw args.error(1, "adam: each beta must be in [0, 1)") }
        return .object(OptimizerValue(.adam(lr: lr, beta1: b1, beta2: b2, eps: try positive(args, 2, "adam"))))
    },
    Builtin("sgd", [.init("lr", .number(0.01)), .init("momentum", .number(0))], doc: """
        Stochastic gradient descent, with optional momentum (PyTorch's update): sgd(lr: 0.1, momentum: 0.9).
        """) { args, _ in
        let m = try args.number(1)
        guard m >= 0, m < 1 else { throw args.error(1, "sgd: momentum must be in [0, 1), got \(Display.number(m))") }
        return .object(OptimizerValue(.sgd(lr: try positive(args, 0, "sgd"), momentum: m)))
    },
    Builtin("rmsprop", [.init("lr", .number(0.01)), .init("alpha", .number(0.99)), .init("eps", .number(1e-8))], doc: """
        RMSprop (PyTorch's update): rmsprop(lr: 0.01).
        """) { args, _ in
        let a = try args.number(1)
        guard a > 0, a < 1 else { throw args.error(1, "rmsprop: alpha must be in (0, 1), got \(Display.number(a))") }
        return .object(OptimizerValue(.rmsprop(lr: try positive(args, 0, "rmsprop"), alpha: a, eps: try positive(args, 2, "rmsprop"))))
    },
    fitBuiltin("minimize", maximize: false),
    fitBuiltin("maximize", maximize: true),
]

private func positive(_ args: Arguments, _ i: Int, _ name: String) throws -> Double {
    let x = try args.number(i)
    guard x > 0, x.isFinite else { throw args.error(i, "\(name): \(args.name(i)) must be positive, got \(Display.number(x))") }
    return x
}

private func fitBuiltin(_ name: String, maximize: Bool) -> Builtin {
    Builtin(name, [.init("objective"), .init("steps", .noneValue), .init("epochs", .noneValue), .init("batch", .noneValue),
                   .init("optimizer", .noneValue), .init("over", .noneValue), .init("validate", .noneValue),
                   .init("every", .noneValue)], doc: """
        \(maximize ? "Maximizes" : "Minimizes") an objective by gradient steps on the learnable parameters it
        reaches, changing them in place, and returns the fit (loss, history, steps, seconds).
        The objective is a divergence (KL(data || model), MMD(...)) or a function of no
        arguments returning one number.
        Options: steps: (100, or what epochs: makes), epochs: and batch: (mini-batches of the
        data, a fresh random order each epoch, the last partial batch kept), optimizer:
        (adam(lr: 0.001)), over: (a list of parameters; default: every parameter reached),
        validate: (held-out data: the divergence on it is recorded at each report and at the
        end, as fit.validation), every: (print a report line every k steps).
        Ctrl-C stops early and keeps the parameters reached.
        Example: \(name)(KL(data || model), steps: 500, optimizer: adam(lr: 0.05))
        """) { args, ctx in
        let objective: FitObjective
        var plan: BatchPlan? = nil
        switch args[0] {
        case .function, .builtin, .boundMethod:
            objective = .function(args[0])
        case .object(let d as DivergenceValue):
            if case .none = args[3] {} else {
                guard d.takesData else { throw args.error(3, "\(name): batch: needs a divergence with data on its left, like KL(data || model)") }
                let size = try args.int(3)
                guard size >= 1 else { throw args.error(3, "\(name): batch must be at least 1, got \(size)") }
                plan = BatchPlan(data: try DataRows.tensor(d.lhs, ctx, what: "the data"), size: size)
            }
            objective = .divergence(d, plan)
        case let v:
            throw args.error(0, "\(name): the objective must be a divergence or a function of no arguments, got \(v.typeName)",
                             hint: "write \(name)(KL(data || model)) or \(name)(() => loss_expression)")
        }
        var steps = 100
        if case .none = args[2] {} else {
            let epochs = try args.int(2)
            guard epochs >= 0 else { throw args.error(2, "\(name): epochs must be non-negative, got \(epochs)") }
            guard case .divergence(let d, _) = objective, d.takesData else {
                throw args.error(2, "\(name): epochs: needs a divergence with data on its left, like KL(data || model)")
            }
            let rows = try plan?.rows ?? DataRows.tensor(d.lhs, ctx, what: "the data").shape.first ?? 0
            steps = epochs * (plan?.batchesPerEpoch ?? (rows > 0 ? 1 : 0))
        }
        if case .none = args[1] {} else {
            steps = try args.int(1)
            guard steps >= 0 else { throw args.error(1, "\(name): steps must be non-negative, got \(steps)") }
        }
        var method = Optimizer.Method.adam(lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8)
        switch args[4] {
        case .none: break
        case .object(let o as OptimizerValue): method = o.method
        case let v: throw args.error(4, "\(name): optimizer must be adam(...), sgd(...) or rmsprop(...), got \(v.typeName)")
        }
        var collector = ParameterCollector(globals: ctx.runtime.globals)
        if case .none = args[5] { collector.visit(args[0]) } else { collector.visit(args[5]) }
        let parameters = collector.found
        guard !parameters.isEmpty else {
            throw ctx.error("\(name): nothing to learn: no learn(...) parameter is reachable from the objective",
                            hint: "make the quantities to fit with learn(init), e.g. mu = learn(0.0)")
        }
        var reporting = FitReporting()
        if case .none = args[7] {} else {
            let every = try args.int(7)
            guard every >= 1 else { throw args.error(7, "\(name): every must be at least 1, got \(every)") }
            reporting.every = every
        }
        if case .none = args[6] {} else {
            guard case .divergence(let d, _) = objective, d.takesData else {
                throw args.error(6, "\(name): validate: needs a divergence with data on its left, like KL(data || model)")
            }
            reporting.validation = (d, try DataRows.tensor(args[6], ctx, what: "\(name): validate"))
        }
        return .object(try FitLoop.run(objective, parameters: parameters, steps: steps,
                                       optimizer: method, maximize: maximize, reporting: reporting, ctx: ctx))
    }
}
