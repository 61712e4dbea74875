import Foundation
import ThetaAutodiff
import ThetaProbability
import ThetaSyntax
import ThetaTensor

/// The result of `minimize` / `maximize`: the loss reached, its history, the steps taken and the
/// time they took. Shown as a one-line summary.
final class FitValue: ThetaObject {
    let history: [Double]
    /// (step, held-out loss) at each report, when the fit was given `validate:`.
    var validation: [(step: Int, loss: Double)] = []
    let seconds: Double
    let optimizer: String
    let stoppedEarly: Bool
    let maximizing: Bool

    init(history: [Double], seconds: Double, optimizer: String, stoppedEarly: Bool, maximizing: Bool) {
        self.history = history; self.seconds = seconds; self.optimizer = optimizer
        self.stoppedEarly = stoppedEarly; self.maximizing = maximizing
    }

    var typeName: String { "fit" }
    var memberNames: [String] { ["loss", "history", "steps", "seconds", "validation"] }

    func field(_ name: String) throws -> Value? {
        switch name {
        case "loss": return .number(history.last ?? .nan)
        case "history": return history.isEmpty ? .list([]) : .tensor(Tensor(history))
        case "steps": return .number(Double(history.count))
        case "seconds": return .number(seconds)
        case "validation":
            return validation.isEmpty ? .none : .tensor(Tensor(validation.map(\.loss)))
        default: return nil
        }
    }

    func summary() -> String {
        let what = maximizing ? "objective" : "loss"
        guard let last = history.last, let first = history.first else { return "fit: no steps taken" }
        var s = "fit: \(history.count) steps in \(Display.short(seconds)) s, \(what) \(Display.short(last))"
        if history.count > 1 { s += " (from \(Display.short(first)))" }
        s += ", \(optimizer)"
        if let v = validation.last { s += ", held-out \(Display.short(v.loss))" }
        if stoppedEarly { s += ", stopped early" }
        return s
    }
}

/// An optimizer as a value (`adam(lr: 0.05)`): the method and its settings; each fit makes its
/// own `Optimizer` state from it.
final class OptimizerValue: ThetaObject {
    let method: Optimizer.Method
    init(_ m: Optimizer.Method) { method = m }
    var typeName: String { "optimizer" }
    func summary() -> String { Optimizer(method).summary }
}

/// What `minimize` asks for a loss at each step: a function of no arguments, or a divergence
/// (on the next batch of its data when `batch:` is given, else on all of it).
enum FitObjective {
    case function(Value)
    case divergence(DivergenceValue, BatchPlan?)

    func loss(_ ctx: CallContext) throws -> Value {
        switch self {
        case .function(let f): return try Calls.callValue(f, [], ctx: ctx)
        case .divergence(let d, let plan):
            return try d.loss(batch: try plan?.next(&ctx.runtime.rng), ctx)
        }
    }
}

/// Mini-batches of data rows, as PyTorch's DataLoader with shuffle: each epoch a fresh random
/// permutation of the rows, cut into batches of `size` in order; the last, partial batch is kept.
final class BatchPlan {
    let data: Tensor
    let size: Int
    private var order: [Int] = []
    private var position = 0

    init(data: Tensor, size: Int) { self.data = data; self.size = size }

    var rows: Int { data.shape.first ?? 0 }
    /// Batches per epoch.
    var batchesPerEpoch: Int { (rows + size - 1) / size }

    func next(_ rng: inout RandomGenerator) throws -> Tensor {
        if position >= order.count {
            order = (try? rng.permutation(rows)) ?? Array(0..<rows)
            position = 0
        }
        let end = min(position + size, order.count)
        let picked = Tensor(unchecked: [end - position], scalars: order[position..<end].map(Double.init))
        position = end
        do { return try data.gather(picked, axis: 0) } catch { throw Diagnostic(.runtime, error.message, at: nil) }
    }
}

/// The fit loop: each step makes every parameter a leaf of a fresh tape, evaluates the loss,
/// differentiates it and lets the optimizer move the parameters (unconstrained) in place.
enum FitLoop {
    static func run(_ objective: FitObjective, parameters: [LearnableParameter], steps: Int,
                    optimizer method: Optimizer.Method, maximize: Bool, reporting: FitReporting = FitReporting(),
                    ctx: CallContext) throws -> FitValue {
        let rt = ctx.runtime
        guard !rt.differentiating else {
            throw ctx.error("\(maximize ? "maximize" : "minimize") cannot run inside grad or another fit")
        }
        // An adversarial divergence trains two players: its critic (maximizing the divergence
        // estimate) and the model (minimizing it), a step each in turn.
        var critic: GradientStep? = nil
        var players = parameters
        if case .divergence(let d, _) = objective, let criticValue = d.critic {
            var collector = ParameterCollector(globals: rt.globals)
            collector.visit(criticValue)
            let criticParameters = collector.found
            let ids = Set(criticParameters.map(ObjectIdentifier.init))
            players = parameters.filter { !ids.contains(ObjectIdentifier($0)) }
            guard !criticParameters.isEmpty else { throw ctx.error("\(d.name): the critic has no learn(...) parameters") }
            guard !players.isEmpty else { throw ctx.error("\(d.name): the model has no learn(...) parameters apart from the critic's") }
            critic = GradientStep(parameters: criticParameters, optimizer: Optimizer(method), sign: -1)
            if case .wasserstein(.clip(let c)) = d.estimator { critic?.clip = c }
        }
        let model = GradientStep(parameters: players, optimizer: Optimizer(method), sign: maximize ? -1 : 1)
        var history: [Double] = []
        history.reserveCapacity(steps)
        var stoppedEarly = false
        let start = Date()
        let progress = FitProgress(rt.progress, total: steps)
        var validation: [(step: Int, loss: Double)] = []
        rt.differentiating = true
        defer {
            rt.differentiating = false
            rt.fitToken += 1
            for p in parameters { p.leaf = nil; p.constrainedOnTape = nil }
            rt.tape.reset()
            progress.finish()
        }
        do {
            for step in 0..<steps {
                if let critic, case .divergence(let d, let plan) = objective {
                    // The critic's steps first, each on a fresh batch; the model's on the last.
                    var batch: Tensor? = nil
                    for _ in 0..<d.criticSteps {
                        batch = try plan?.next(&rt.rng)
                        try critic.take(step: step, ctx) { try d.criticLoss(batch: batch, ctx) }
                    }
                    let loss = try model.take(step: step, ctx) { try d.loss(batch: batch, ctx) }
                    history.append(loss)
                } else {
                    history.append(try model.take(step: step, ctx) { try objective.loss(ctx) })
                }
                progress.update(step: step + 1, loss: history[history.count - 1], elapsed: Date().timeIntervalSince(start))
                if let every = reporting.every, (step + 1) % every == 0 || step + 1 == steps {
                    var line = "step \(step + 1): loss \(Display.short(history[history.count - 1]))"
                    if let v = try reporting.validate(step: step + 1, ctx) {
                        validation.append(v)
                        line += ", held-out \(Display.short(v.loss))"
                    }
                    progress.clear()
                    rt.output(line)
                }
            }
            if reporting.every == nil, let v = try reporting.validate(step: history.count, ctx) { validation.append(v) }
        } catch let d as Diagnostic where d.kind == .interrupted {
            stoppedEarly = true
        }
        let optimizerSummary = Optimizer(method).summary
        let fit = FitValue(history: history, seconds: Date().timeIntervalSince(start), optimizer: optimizerSummary,
                           stoppedEarly: stoppedEarly, maximizing: maximize)
        fit.validation = validation
        return fit
    }
    /// The error for a NaN or infinite loss, located at the first operation whose result was
    /// not finite.
    static func nonFinite(_ loss: Double, step: Int, rt: Runtime, ctx: CallContext) -> Diagnostic {
        let what = loss.isNaN ? "nan" : "infinite"
        if let node = rt.tape.firstNonFiniteNode(), let span = rt.origins.span(node.origin) {
            return Diagnostic(.runtime, "the loss became \(what) at step \(step + 1): this \(node.primitive.name) was the first to give a non-finite value",
                              at: span, hint: "the parameters keep the values at which this happened")
        }
        return ctx.error("the loss became \(what) at step \(step + 1)")
    }
}

/// The progress line of a fit on a terminal: step, loss, rate and time left, redrawn at most ten
/// times a second; nothing when the runtime has no progress sink (output is not a terminal).
final class FitProgress {
    private let sink: ((String) -> Void)?
    private let total: Int
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(_ sink: ((String) -> Void)?, total: Int) { self.sink = sink; self.total = total }

    func update(step: Int, loss: Double, elapsed: Double) {
        guard let sink, Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = Date()
        let rate = Double(step) / max(elapsed, 1e-9)
        let left = Double(total - step) / max(rate, 1e-9)
        sink("\r\u{1B}[K  step \(step)/\(total)  loss \(Display.short(loss))  \(Int(rate)) steps/s  \(Display.short(left)) s left")
        drawn = true
    }

    func finish() { clear() }

    /// Erases the line (before other output is printed under it).
    func clear() {
        if drawn, let sink { sink("\r\u{1B}[K") }
        drawn = false
    }
}

/// One gradient step on a group of parameters: each becomes a leaf of a fresh tape (the other
/// parameters read as constants), the loss is evaluated and differentiated, and the optimizer
/// moves the group's unconstrained values. `sign` −1 ascends (a critic maximizing its game).
final class GradientStep {
    let parameters: [LearnableParameter]
    let optimizer: Optimizer
    let sign: Double
    /// When set, each unconstrained value is clipped to [−clip, clip] after the step (WGAN's
    /// weight clipping).
    var clip: Double?

    init(parameters: [LearnableParameter], optimizer: Optimizer, sign: Double) {
        self.parameters = parameters; self.optimizer = optimizer; self.sign = sign
    }

    /// Takes the step; the loss before it.
    @discardableResult
    func take(step: Int, _ ctx: CallContext, _ loss: () throws -> Value) throws -> Double {
        let rt = ctx.runtime
        let tape = rt.tape
        tape.reset()
        rt.fitToken += 1
        var leaves: [Variable] = []
        leaves.reserveCapacity(parameters.count)
        for p in parameters {
            p.fitToken = rt.fitToken
            p.constrainedOnTape = nil
            let leaf = tape.leaf(p.unconstrained)
            p.leaf = leaf
            leaves.append(leaf)
        }
        let y = try Differentiable.variable(try loss(), rt, at: ctx.span, what: "the loss")
        guard y.value.count == 1 else {
            throw ctx.error("the objective must return one number, but it returned a tensor of shape \(Tensor.describe(y.shape))",
                            hint: "reduce it, for example with mean(...) or sum(...)")
        }
        let value = y.value.scalars[0]
        guard value.isFinite else { throw FitLoop.nonFinite(value, step: step, rt: rt, ctx: ctx) }
        let grads: [Tensor]
        do {
            grads = try tape.gradient(of: y, wrt: leaves, seed: Tensor(unchecked: y.shape, scalars: [sign]))
        } catch {
            let at = error.origin.flatMap { rt.origins.span($0) } ?? ctx.span
            throw Diagnostic(.runtime, "in the backward pass at step \(step + 1): \(error.message)", at: at)
        }
        var values = parameters.map(\.unconstrained)
        do { try optimizer.step(&values, grads) } catch { throw ctx.error(error.message) }
        for (p, v) in zip(parameters, values) {
            p.unconstrained = clip.map { c in v.map { Swift.min(Swift.max($0, -c), c) } } ?? v
        }
        return value
    }
}

/// What a fit reports beside its progress line: a line every `every` steps, and the divergence
/// on held-out data (computed without recording, the parameters as they are).
struct FitReporting {
    var every: Int? = nil
    var validation: (DivergenceValue, Tensor)? = nil

    func validate(step: Int, _ ctx: CallContext) throws -> (step: Int, loss: Double)? {
        guard let (d, data) = validation else { return nil }
        let rt = ctx.runtime
        // Parameters read as constants: no fit step owns them now.
        rt.fitToken += 1
        rt.tape.reset()
        let v = try Coerce.tensor(try d.loss(batch: data, ctx), at: ctx.span, what: "the held-out loss")
        rt.tape.reset()
        return (step, v.scalars.first ?? .nan)
    }
}
