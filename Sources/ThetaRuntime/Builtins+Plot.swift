import ThetaPlot
import ThetaSyntax
import ThetaTensor

/// How many things `plot` overlays at most (its positional parameters a, b, c, ...).
private let overlayNames = ["a", "b", "c", "d", "e", "f", "g", "h"]

/// Options every plotting builtin takes, after its own parameters.
private let options: [BuiltinParameter] = [
    .init("title", .noneValue), .init("xlabel", .noneValue), .init("ylabel", .noneValue),
]

/// An optional string option (none → nil).
private func optionalString(_ args: Arguments, _ i: Int) throws -> String? {
    if case .none = args[i] { return nil }
    return try args.string(i)
}

/// The source text of argument i, for legend labels.
private func sourceText(_ args: Arguments, _ i: Int) -> String {
    let s = args.spans[i]
    return s.file.text(of: s)
}

/// The options `title`, `xlabel`, `ylabel` starting at parameter index `first`.
private func titled(_ plot: Plot, _ args: Arguments, from first: Int) throws -> Plot {
    var p = plot
    if let t = try optionalString(args, first) { p.title = t }
    if let x = try optionalString(args, first + 1) { p.xLabel = x }
    if let y = try optionalString(args, first + 2) { p.yLabel = y }
    return p
}

private func plotValue(_ p: Plot) -> Value { .object(PlotValue(p)) }

let plotBuiltins: [Builtin] = [
    Builtin("plot", overlayNames.enumerated().map { $0.offset == 0 ? .init($0.element) : .init($0.element, .noneValue) }
            + options + [.init("bins", .noneValue)], doc: """
        Draws and overlays whatever it is given (up to 8 things): 1-D data (a tensor [n], a data
        set column) as a histogram of densities; [n, 2] data as a scatter; a 1-D distribution or a
        model with logp as its density curve over the data's range; a 2-D distribution as a
        density heat map; a fit as its loss curve; a plot as its layers. Options: title:, xlabel:,
        ylabel:, bins: (histogram bins; default by the Freedman–Diaconis rule).
        In a terminal it draws with Unicode characters, in a notebook as SVG; save(p, "fig.svg").
        Example: plot(data, model, title: "fit")
        """) { args, ctx in
        let n = overlayNames.count
        var builder = PlotBuilder(ctx: ctx)
        if case .none = args[n + 3] {} else {
            let b = try args.int(n + 3)
            guard b >= 1, b <= 1000 else { throw args.error(n + 3, "plot: bins must be between 1 and 1000, got \(b)") }
            builder.bins = b
        }
        var items: [PlotBuilder.Item] = []
        for i in 0..<n where args.given[i] {
            if case .none = args[i] { continue }
            do { items.append(try builder.classify(args[i], source: sourceText(args, i))) } catch let d as Diagnostic {
                throw Diagnostic(.runtime, d.message, at: args.spans[i], hint: d.hint)
            }
        }
        guard !items.isEmpty else { throw ctx.error("plot needs something to draw: data, a distribution, a fit or a plot") }
        let p = try builder.build(items, title: try optionalString(args, n), xLabel: try optionalString(args, n + 1),
                                  yLabel: try optionalString(args, n + 2))
        return plotValue(p)
    },
    Builtin("hist", [.init("x"), .init("bins", .noneValue)] + options, doc: """
        A histogram of 1-D data (a tensor [n], a list of numbers, a data set column), bars as
        densities (their total area is 1). bins: the number of equal-width bins (default by the
        Freedman–Diaconis rule). Example: hist(randn(1000), bins: 30, title: "N(0, 1)")
        """) { args, ctx in
        let builder = PlotBuilder(ctx: ctx)
        let t = try builder.data(args[0], what: "hist")
        var bins: Int? = nil
        if case .none = args[1] {} else {
            bins = try args.int(1)
            guard let b = bins, b >= 1, b <= 1000 else { throw args.error(1, "hist: bins must be between 1 and 1000") }
        }
        guard let h = Histogram.bins(t.scalars, count: bins) else { throw args.error(0, "hist: no finite values to draw") }
        let label = PlotBuilder.sourceLabel(sourceText(args, 0)) ?? "data"
        return plotValue(try titled(Plot(yLabel: "density", layers: [Layer(label: label, mark: .bars(edges: h.edges, heights: h.heights))]),
                                    args, from: 2))
    },
    Builtin("scatter", [.init("x"), .init("y", .noneValue)] + options, doc: """
        Points: scatter(xy) with xy of shape [n, 2] (rows are points), or scatter(x, y) with two
        tensors of n numbers. Example: scatter(dataset("moons").x)
        """) { args, ctx in
        let builder = PlotBuilder(ctx: ctx)
        let a = try builder.data(args[0], what: "scatter")
        let xs: [Double], ys: [Double]
        if case .none = args[1] {
            guard a.rank == 2, a.shape[1] == 2 else {
                throw args.error(0, "scatter: one argument must have shape [n, 2], got \(Tensor.describe(a.shape))", hint: "or give x and y: scatter(x, y)")
            }
            xs = stride(from: 0, to: a.count, by: 2).map { a.scalars[$0] }
            ys = stride(from: 1, to: a.count, by: 2).map { a.scalars[$0] }
        } else {
            let b = try builder.data(args[1], what: "scatter")
            guard a.count == b.count else { throw args.error(1, "scatter: x has \(a.count) numbers but y has \(b.count)") }
            xs = a.scalars; ys = b.scalars
        }
        return plotValue(try titled(Plot(layers: [Layer(label: "", mark: .points(xs: xs, ys: ys))]), args, from: 2))
    },
    Builtin("line", [.init("x"), .init("y", .noneValue)] + options, doc: """
        A line: line(y) through (i, y[i]) for i = 0, 1, ...; line(x, y) through (x[i], y[i]).
        Example: x = linspace(-3, 3, 100); line(x, exp(-x^2 / 2))
        """) { args, ctx in
        let builder = PlotBuilder(ctx: ctx)
        let a = try builder.data(args[0], what: "line")
        let xs: [Double], ys: [Double]
        if case .none = args[1] {
            xs = (0..<a.count).map(Double.init); ys = a.scalars
        } else {
            let b = try builder.data(args[1], what: "line")
            guard a.count == b.count else { throw args.error(1, "line: x has \(a.count) numbers but y has \(b.count)") }
            xs = a.scalars; ys = b.scalars
        }
        return plotValue(try titled(Plot(layers: [Layer(label: "", mark: .line(xs: xs, ys: ys))]), args, from: 2))
    },
    Builtin("heatmap", [.init("m")] + options, doc: """
        A heat map: of a matrix (shape [rows, columns]; row 0 at the bottom, cell (i, j) covering
        [j, j+1] × [i, i+1]), or of a 2-D distribution's density over mean ± 3.5 standard
        deviations. Example: heatmap([[1, 2], [3, 4]])
        """) { args, ctx in
        switch args[0] {
        case .object(let d as DistributionValue):
            let builder = PlotBuilder(ctx: ctx)
            let item = try builder.classify(args[0], source: sourceText(args, 0))
            if case .density(_, _, let dims) = item, let dims, dims != 2 {
                _ = d
                throw args.error(0, "heatmap: \(d.summary()) is not a distribution of 2-D points", hint: "plot(d) draws a 1-D density as a curve")
            }
            return plotValue(try titled(try builder.build([item], title: nil, xLabel: nil, yLabel: nil), args, from: 1))
        default:
            let m = try PlotBuilder(ctx: ctx).data(args[0], what: "heatmap")
            guard m.rank == 2, m.count > 0 else {
                throw args.error(0, "heatmap: expects a matrix (shape [rows, columns]), got shape \(Tensor.describe(m.shape))")
            }
            let g = Grid(xMin: 0, xMax: Double(m.shape[1]), yMin: 0, yMax: Double(m.shape[0]), rows: m.shape[0],
                         columns: m.shape[1], values: m.scalars)
            return plotValue(try titled(Plot(layers: [Layer(label: "", mark: .heat(g))]), args, from: 1))
        }
    },
    Builtin("images", [.init("x"), .init("shape", .noneValue), .init("columns", .number(8))] + options, doc: """
        Rows of x as grey-scale pictures in a grid: x of shape [n, h*w] with shape: [h, w], or
        [n, h, w]. At most 64 are drawn; columns: pictures per row (default 8).
        Example: images(dataset("digits").x.take(16), shape: [8, 8])
        """) { args, ctx in
        let x = try PlotBuilder(ctx: ctx).data(args[0], what: "images")
        let h: Int, w: Int
        if case .none = args[1] {
            guard x.rank == 3 else {
                throw args.error(0, "images: x of shape \(Tensor.describe(x.shape)) needs shape: [h, w]", hint: "e.g. images(x, shape: [8, 8])")
            }
            h = x.shape[1]; w = x.shape[2]
        } else {
            let s = try shapeArgument([args[1]], [args.spans[1]], ctx)
            guard s.count == 2, s[0] > 0, s[1] > 0 else { throw args.error(1, "images: shape must be [height, width]") }
            h = s[0]; w = s[1]
        }
        let n = x.shape.first ?? 0
        guard x.rank >= 2, n > 0, x.count == n * h * w else {
            throw args.error(0, "images: x of shape \(Tensor.describe(x.shape)) is not a list of \(h)×\(w) pictures")
        }
        let columns = try args.int(2)
        guard columns >= 1 else { throw args.error(2, "images: columns must be at least 1") }
        let pics = (0..<min(n, 64)).map { i in
            PixelImage(width: w, height: h, values: Array(x.scalars[(i * h * w)..<((i + 1) * h * w)]))
        }
        return plotValue(try titled(Plot(layers: [Layer(label: "", mark: .images(pics, columns: columns))]), args, from: 3))
    },
    Builtin("save_plot", [.init("plot"), .init("path")], doc: """
        Writes a plot (or a fit's loss curve) as an SVG file: save_plot(p, "fig.svg"), the same as
        p.save("fig.svg"). The file is replaced only when writing succeeds.
        """) { args, ctx in
        let path = try args.string(1)
        guard try PlotValue.save(args[0], to: path, ctx) else {
            throw args.error(0, "save_plot: expects a plot or a fit, got \(args[0].typeName)")
        }
        return .none
    },
]
