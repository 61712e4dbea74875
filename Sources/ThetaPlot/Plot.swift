/// ThetaPlot: one plot model, drawn two ways (Unicode characters for a terminal, SVG for
/// notebooks and files). It imports nothing of Theta: the runtime turns values into a `Plot`,
/// the renderers turn a `Plot` into text. Everything here is a pure function of its input, so
/// the same plot always draws as the same bytes.

/// A figure: layers drawn over one pair of axes (or, for images, a grid of small pictures),
/// with an optional title and axis labels.
public struct Plot: Sendable, Equatable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var layers: [Layer]

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, layers: [Layer] = []) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.layers = layers
    }

    /// The images of the plot when it is an image grid (its first images layer), else nil.
    public var imageGrid: (images: [PixelImage], columns: Int)? {
        for layer in layers { if case .images(let xs, let c) = layer.mark { return (xs, c) } }
        return nil
    }

    /// One line naming what the plot shows: `plot: histogram of data, density of Normal(...)`.
    public var summary: String {
        let parts = layers.map { $0.label.isEmpty ? $0.mark.kindName : "\($0.mark.kindName) of \($0.label)" }
        let head = title.map { "plot \"\($0)\"" } ?? "plot"
        return parts.isEmpty ? "\(head): empty" : "\(head): " + parts.joined(separator: ", ")
    }
}

/// One thing drawn on the axes, with the label the legend shows for it.
public struct Layer: Sendable, Equatable {
    public var label: String
    public var mark: Mark
    public init(label: String, mark: Mark) { self.label = label; self.mark = mark }
}

/// How a layer draws. Coordinates are data coordinates; the renderers map them to the page.
public enum Mark: Sendable, Equatable {
    /// A histogram: `edges.count == heights.count + 1`, edges increasing; bar i covers
    /// [edges[i], edges[i+1]] with height heights[i] (a density, so it overlays a density curve).
    case bars(edges: [Double], heights: [Double])
    /// A polyline through (xs[i], ys[i]); non-finite points break the line.
    case line(xs: [Double], ys: [Double])
    /// Points (xs[i], ys[i]).
    case points(xs: [Double], ys: [Double])
    /// Values on a regular grid (a density heat map or a matrix).
    case heat(Grid)
    /// Small pictures drawn in a grid of `columns` columns, without axes.
    case images([PixelImage], columns: Int)

    public var kindName: String {
        switch self {
        case .bars: return "histogram"
        case .line: return "line"
        case .points: return "scatter"
        case .heat: return "heat map"
        case .images(let xs, _): return "\(xs.count) images"
        }
    }
}

/// Values on a `rows × columns` grid covering [xMin, xMax] × [yMin, yMax]. Row-major; row 0 is
/// the row at the bottom (smallest y), column 0 the leftmost.
public struct Grid: Sendable, Equatable {
    public var xMin: Double, xMax: Double, yMin: Double, yMax: Double
    public var rows: Int, columns: Int
    public var values: [Double]

    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double, rows: Int, columns: Int, values: [Double]) {
        self.xMin = xMin; self.xMax = xMax; self.yMin = yMin; self.yMax = yMax
        self.rows = rows; self.columns = columns; self.values = values
    }

    /// The value at (row, column); nan outside the grid.
    public func value(row: Int, column: Int) -> Double {
        guard row >= 0, row < rows, column >= 0, column < columns, row * columns + column < values.count else { return .nan }
        return values[row * columns + column]
    }

    /// Smallest and largest finite values (0...1 when there are none).
    public var valueRange: (Double, Double) {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return (0, 1) }
        return (lo, hi)
    }
}

/// A grey-scale picture: `height` rows of `width` values, row 0 at the top (as an image is read).
public struct PixelImage: Sendable, Equatable {
    public var width: Int, height: Int
    public var values: [Double]
    public init(width: Int, height: Int, values: [Double]) { self.width = width; self.height = height; self.values = values }

    public func value(row: Int, column: Int) -> Double {
        let i = row * width + column
        return i >= 0 && i < values.count ? values[i] : .nan
    }
}
