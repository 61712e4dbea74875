import Foundation
import ThetaPlot
import ThetaSyntax
import ThetaTensor

/// A plot as a Theta value (`plot(data, model)`): it holds the plot model, shows as a one-line
/// summary in text, and is drawn by whoever displays it (Unicode in a terminal, SVG in a
/// notebook; see `Runtime.showValue`). `p.save("fig.svg")` writes it.
public final class PlotValue: ThetaObject {
    public let plot: Plot
    public init(_ plot: Plot) { self.plot = plot }

    public var typeName: String { "plot" }
    public func summary() -> String { plot.summary }
    public var memberNames: [String] { ["title", "save"] }

    public func field(_ name: String) throws -> Value? {
        switch name {
        case "title":
            if let t = plot.title { return .string(t) }
            return Value.none
        default: return nil
        }
    }

    public func callMethod(_ name: String, _ args: Arguments, _ ctx: CallContext) throws -> Value? {
        guard name == "save" else { return nil }
        guard args.values.count == 1, case .string(let path) = args.values[0] else {
            throw ctx.error("save takes one argument, the path of the .svg file: p.save(\"fig.svg\")")
        }
        try PlotValue.writeSVG(plot, to: path, ctx)
        return Value.none
    }

    /// The plot a value draws as, when displayed: a plot, or a fit's loss curve; nil for
    /// everything else. Notebooks and the terminal use this to draw values.
    public static func plot(of v: Value) -> Plot? {
        switch v {
        case .object(let p as PlotValue): return p.plot
        case .object(let f as FitValue): return lossCurve(f)
        default: return nil
        }
    }

    /// A value's text for documents that must be the same on every run (rendered notebooks):
    /// `Display.show`, except that a fit leaves out the wall time it took.
    public static func reproducibleText(of v: Value) -> String {
        guard case .object(let f as FitValue) = v, let last = f.history.last, let first = f.history.first else {
            return Display.show(v)
        }
        var s = "fit: \(f.history.count) steps, \(f.maximizing ? "objective" : "loss") \(Display.short(last))"
        if f.history.count > 1 { s += " (from \(Display.short(first)))" }
        s += ", \(f.optimizer)"
        if f.stoppedEarly { s += ", stopped early" }
        return s
    }

    /// The loss (or objective) against the step number, steps counted from 1.
    static func lossCurve(_ f: FitValue) -> Plot? {
        guard !f.history.isEmpty else { return nil }
        let what = f.maximizing ? "objective" : "loss"
        let xs = (1...f.history.count).map(Double.init)
        return Plot(xLabel: "step", yLabel: what, layers: [Layer(label: "", mark: .line(xs: xs, ys: f.history))])
    }

    /// Writes a value's plot as SVG when the value draws as a plot (a plot or a fit) and returns
    /// true; returns false for other values, so a general `save` can try plots first.
    public static func save(_ v: Value, to path: String, _ ctx: CallContext) throws -> Bool {
        guard let plot = plot(of: v) else { return false }
        try writeSVG(plot, to: path, ctx)
        return true
    }

    static func writeSVG(_ plot: Plot, to path: String, _ ctx: CallContext) throws {
        guard path.lowercased().hasSuffix(".svg") else {
            throw ctx.error("a plot is saved as SVG; the path must end in .svg, got \"\(path)\"")
        }
        let expanded = (path as NSString).expandingTildeInPath
        do {
            try Data(SVGPlot().render(plot).utf8).write(to: URL(fileURLWithPath: expanded), options: .atomic)
        } catch {
            throw ctx.error("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// Turns values into plot layers as `plot(a, b, ...)` overlays them: 1-D data as a histogram,
/// 2-D data as a scatter, a 1-D distribution (or model with `logp`) as its density curve over
/// the data's range, a 2-D one as a density heat map, a fit as its loss curve, a plot as its
/// layers.
struct PlotBuilder {
    let ctx: CallContext
    var bins: Int? = nil

    /// Points on a density curve, and cells per side of a density heat map.
    static let curvePoints = 201
    static let heatCells = 48

    enum Item {
        case layers([Layer], xLabel: String?, yLabel: String?)
        case data1(Tensor, label: String)
        case data2(Tensor, label: String)
        case density(Value, label: String, eventDims: Int?)
    }

    /// What one argument is, without evaluating densities yet (they need the data's range).
    func classify(_ v: Value, source: String) throws -> Item {
        switch v {
        case .object(let p as PlotValue): return .layers(p.plot.layers, xLabel: p.plot.xLabel, yLabel: p.plot.yLabel)
        case .object(let f as FitValue):
            guard let c = PlotValue.lossCurve(f) else { throw ctx.error("plot: this fit took no steps, so it has no loss curve") }
            return .layers([Layer(label: "loss", mark: c.layers[0].mark)], xLabel: "step", yLabel: c.yLabel)
        case .object(let d as DistributionValue):
            var dims: Int? = nil
            if case .density = d.form {} else if case .list(let es)? = try? d.field("event_shape") {
                dims = es.isEmpty ? 1 : (es.count == 1 ? (try? int(es[0])) ?? nil : 3)
            }
            return .density(v, label: label(source, summary: d.summary()), eventDims: dims)
        case .model(let m) where m.hasMethod("logp"):
            return .density(v, label: label(source, summary: Display.model(m)), eventDims: nil)
        default:
            let t = try data(v, what: "plot")
            let name = Self.sourceLabel(source) ?? "data"
            if t.rank == 1 { return .data1(t, label: name) }
            if t.rank == 2, t.shape[1] == 1 { return .data1(t.reshapedUnchecked([t.shape[0]]), label: name) }
            if t.rank == 2, t.shape[1] == 2 { return .data2(t, label: name) }
            throw ctx.error("plot: data of shape \(Tensor.describe(t.shape)) has no default picture",
                            hint: "1-D data is a histogram and [n, 2] a scatter; for pictures use images(x, shape: [8, 8])")
        }
    }

    /// Data as a tensor: a tensor, list of numbers, data set (its `x`) or a parameter's value.
    func data(_ v: Value, what: String) throws -> Tensor {
        switch v {
        case .object(let o):
            if let x = try o.field("x"), let t = try? Coerce.tensor(x, at: ctx.span, what: what) { return t }
            throw ctx.error("\(what): cannot draw \(o.typeName) (\(o.summary()))")
        case .number: throw ctx.error("\(what): a single number has nothing to draw")
        default: return try Coerce.tensor(v, at: ctx.span, what: what)
        }
    }

    func int(_ v: Value) throws -> Int? {
        if case .number(let x) = v { return Int(x) }
        return nil
    }

    /// A legend label: the distribution's summary, prefixed by the argument's name when the
    /// argument was a name (`model: Normal(mu: 3.488, sigma: 1.139)`).
    func label(_ source: String, summary: String) -> String {
        guard let name = Self.sourceLabel(source), Self.isNamePath(name) else { return summary }
        return "\(name): \(summary)"
    }

    /// The argument's source text when it is short and on one line (`data`, `data.eruptions`).
    static func sourceLabel(_ source: String) -> String? {
        let s = source.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty, s.count <= 32, !s.contains("\n") else { return nil }
        return s
    }

    /// Whether source text is a name or a field path (`model`, `fit.model`).
    static func isNamePath(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    }

    /// The overlay of every item.
    func build(_ items: [Item], title: String?, xLabel: String?, yLabel: String?) throws -> Plot {
        var layers: [Layer] = []
        var xl: String? = nil, yl: String? = nil
        var ones: [Tensor] = [], twos: [Tensor] = []
        for item in items {
            switch item {
            case .data1(let t, _): ones.append(t)
            case .data2(let t, _): twos.append(t)
            default: break
            }
        }
        let twoD = !twos.isEmpty && ones.isEmpty
        for item in items {
            switch item {
            case .layers(let ls, let x, let y):
                layers += ls; xl = xl ?? x; yl = yl ?? y
            case .data1(let t, let label):
                guard let h = Histogram.bins(t.scalars, count: bins) else { throw ctx.error("plot: \(label) has no finite values") }
                layers.append(Layer(label: label, mark: .bars(edges: h.edges, heights: h.heights)))
                yl = yl ?? "density"
            case .data2(let t, let label):
                let s = t.scalars
                layers.append(Layer(label: label, mark: .points(xs: stride(from: 0, to: s.count, by: 2).map { s[$0] },
                                                                ys: stride(from: 1, to: s.count, by: 2).map { s[$0] })))
            case .density(let v, let label, let dims):
                let d = dims ?? (twoD ? 2 : 1)
                if d == 1 {
                    let (lo, hi) = try range1(ones, v)
                    layers.append(Layer(label: label, mark: try curve(v, lo, hi)))
                    yl = yl ?? "density"
                } else if d == 2 {
                    let r = try range2(twos, v)
                    layers.insert(Layer(label: label, mark: try heat(v, r)), at: 0)  // under the points
                } else {
                    throw ctx.error("plot: \(label) has events of more than 2 dimensions; plot samples of two coordinates instead")
                }
            }
        }
        if twoD, layers.count == 1, case .points = layers[0].mark { layers[0].label = "" }
        return Plot(title: title, xLabel: xLabel ?? xl, yLabel: yLabel ?? yl, layers: layers)
    }

    /// The x range of a density curve: the 1-D data's range widened by 10% each side; without
    /// data, mean ± 4 standard deviations; failing that, [-5, 5].
    func range1(_ data: [Tensor], _ v: Value) throws -> (Double, Double) {
        let xs = data.flatMap(\.scalars).filter(\.isFinite)
        if let lo = xs.min(), let hi = xs.max() {
            let pad = hi > lo ? (hi - lo) * 0.1 : 1
            return (lo - pad, hi + pad)
        }
        if case .object(let o) = v, case .number(let m)? = try? o.field("mean"), case .number(let s)? = try? o.field("stddev"),
           m.isFinite, s.isFinite, s > 0 {
            return (m - 4 * s, m + 4 * s)
        }
        return (-5, 5)
    }

    /// The x and y ranges of a heat map: the 2-D data's ranges widened by 10%; without data,
    /// mean ± 3.5 standard deviations per coordinate; failing that, [-4, 4]².
    func range2(_ data: [Tensor], _ v: Value) throws -> (Double, Double, Double, Double) {
        let s = data.flatMap(\.scalars)
        let xs = stride(from: 0, to: s.count, by: 2).map { s[$0] }.filter(\.isFinite)
        let ys = stride(from: 1, to: s.count, by: 2).map { s[$0] }.filter(\.isFinite)
        if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() {
            let px = x1 > x0 ? (x1 - x0) * 0.1 : 1, py = y1 > y0 ? (y1 - y0) * 0.1 : 1
            return (x0 - px, x1 + px, y0 - py, y1 + py)
        }
        if case .object(let o) = v, case .tensor(let m)? = try? o.field("mean"), case .tensor(let sd)? = try? o.field("stddev"),
           m.count == 2, sd.count == 2, sd.scalars.allSatisfy({ $0.isFinite && $0 > 0 }) {
            return (m.scalars[0] - 3.5 * sd.scalars[0], m.scalars[0] + 3.5 * sd.scalars[0],
                    m.scalars[1] - 3.5 * sd.scalars[1], m.scalars[1] + 3.5 * sd.scalars[1])
        }
        return (-4, 4, -4, 4)
    }

    /// exp(logp) at evenly spaced points of [lo, hi].
    func curve(_ v: Value, _ lo: Double, _ hi: Double) throws -> Mark {
        let n = Self.curvePoints
        let xs = (0..<n).map { lo + (hi - lo) * Double($0) / Double(n - 1) }
        let lp = try logp(v, Tensor(xs), count: n)
        return .line(xs: xs, ys: lp.map { exp($0) })
    }

    /// exp(logp) at the centres of a grid of cells over the rectangle.
    func heat(_ v: Value, _ r: (Double, Double, Double, Double)) throws -> Mark {
        let k = Self.heatCells
        var pts: [Double] = []
        pts.reserveCapacity(k * k * 2)
        for row in 0..<k {
            let y = r.2 + (r.3 - r.2) * (Double(row) + 0.5) / Double(k)
            for col in 0..<k { pts += [r.0 + (r.1 - r.0) * (Double(col) + 0.5) / Double(k), y] }
        }
        let lp = try logp(v, Tensor(unchecked: [k * k, 2], scalars: pts), count: k * k)
        return .heat(Grid(xMin: r.0, xMax: r.1, yMin: r.2, yMax: r.3, rows: k, columns: k, values: lp.map { exp($0) }))
    }

    func logp(_ v: Value, _ x: Tensor, count: Int) throws -> [Double] {
        let out = try Invoke.method(v, "logp", [.tensor(x)], ctx)
        let t = try Coerce.tensor(out, at: ctx.span, what: "plot: logp")
        guard t.count == count else {
            throw ctx.error("plot: logp of \(count) points gave shape \(Tensor.describe(t.shape)); a distribution with a batch of parameters draws as several; plot them one by one")
        }
        return t.scalars
    }
}

extension Tensor {
    /// The same scalars in a shape with the same element count.
    func reshapedUnchecked(_ shape: [Int]) -> Tensor { Tensor(unchecked: shape, scalars: scalars) }
}
