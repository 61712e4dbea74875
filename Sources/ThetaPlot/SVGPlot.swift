import Foundation

/// Draws a plot as a standalone SVG document: title, axes with nice ticks and grid lines, axis
/// labels, the layers, and a legend. Only inline presentation attributes are used (no scripts,
/// fonts, ids or external references), so many plots can sit in one HTML page and the file
/// opens anywhere. The output is a pure function of the plot.
public struct SVGPlot {
    public var width: Double = 640
    public var height: Double = 420
    public init() {}

    /// The SVG text (an XML document without a prolog, so it can be inlined in HTML).
    public func render(_ plot: Plot) -> String {
        var w = SVGWriter()
        if let grid = plot.imageGrid {
            let layout = ImageLayout(grid.images, columns: grid.columns, width: width, top: plot.title == nil ? 10 : 40)
            w.open(width: width, height: layout.height, title: plot.title ?? plot.summary)
            drawImages(grid.images, layout: layout, title: plot.title, into: &w)
        } else {
            w.open(width: width, height: height, title: plot.title ?? plot.summary)
            drawAxes(plot, into: &w)
        }
        w.close()
        return w.text
    }

    /// The plotting rectangle, inside the margins left for title, tick labels and axis labels.
    func frame(_ plot: Plot) -> Frame {
        let top: Double = plot.title == nil ? 16 : 40
        let bottom = height - (plot.xLabel == nil ? 36 : 54)
        let left: Double = plot.yLabel == nil ? 58 : 76
        return Frame(left: left, right: width - 18, top: top, bottom: bottom)
    }

    func drawAxes(_ plot: Plot, into w: inout SVGWriter) {
        let f = frame(plot)
        let b = Bounds(plot.layers)
        let map = Mapping(frame: f, bounds: b)
        if let title = plot.title {
            w.text(title, x: width / 2, y: 26, size: 17, anchor: "middle", weight: "600")
        }
        // Grid lines and tick labels.
        let xt = Ticks.values(b.xMin, b.xMax, target: 7), yt = Ticks.values(b.yMin, b.yMax, target: 6)
        for (v, label) in zip(xt, Ticks.labels(xt)) {
            let x = map.x(v)
            w.line(x1: x, y1: f.top, x2: x, y2: f.bottom, stroke: "#e6e6e6")
            w.line(x1: x, y1: f.bottom, x2: x, y2: f.bottom + 5, stroke: "#555")
            w.text(label, x: x, y: f.bottom + 19, size: 13, anchor: "middle", fill: "#333")
        }
        for (v, label) in zip(yt, Ticks.labels(yt)) {
            let y = map.y(v)
            w.line(x1: f.left, y1: y, x2: f.right, y2: y, stroke: "#e6e6e6")
            w.line(x1: f.left - 5, y1: y, x2: f.left, y2: y, stroke: "#555")
            w.text(label, x: f.left - 8, y: y + 4.5, size: 13, anchor: "end", fill: "#333")
        }
        for (i, layer) in plot.layers.enumerated() {
            SVGMarks.draw(layer.mark, color: Palette.color(i), map: map, into: &w)
        }
        w.rect(x: f.left, y: f.top, width: f.right - f.left, height: f.bottom - f.top, fill: "none", stroke: "#888")
        if let xl = plot.xLabel {
            w.text(xl, x: (f.left + f.right) / 2, y: height - 10, size: 14, anchor: "middle", fill: "#222")
        }
        if let yl = plot.yLabel {
            w.text(yl, x: 18, y: (f.top + f.bottom) / 2, size: 14, anchor: "middle", fill: "#222", rotate: -90)
        }
        drawLegend(plot.layers, frame: f, into: &w)
    }

    /// The legend in the upper right corner of the plotting area, one entry per layer with a
    /// swatch in the layer's colour and shape. Omitted for a single unlabelled layer.
    func drawLegend(_ layers: [Layer], frame f: Frame, into w: inout SVGWriter) {
        let entries = layers.enumerated().filter { !$0.element.label.isEmpty }
        guard !entries.isEmpty else { return }
        let longest = entries.map { $0.element.label.count }.max() ?? 0
        let boxWidth = min(Double(longest) * 7.2 + 42, (f.right - f.left) * 0.6)
        let boxHeight = Double(entries.count) * 18 + 8
        let x0 = f.right - boxWidth - 8, y0 = f.top + 8
        w.rect(x: x0, y: y0, width: boxWidth, height: boxHeight, fill: "#ffffff", stroke: "#bbb", opacity: 0.88)
        for (row, (i, layer)) in entries.enumerated() {
            let y = y0 + 15 + Double(row) * 18
            let color = Palette.color(i)
            switch layer.mark {
            case .heat:
                w.rect(x: x0 + 8, y: y - 8, width: 8, height: 10, fill: Palette.sequentialHex(0.2))
                w.rect(x: x0 + 16, y: y - 8, width: 8, height: 10, fill: Palette.sequentialHex(0.9))
            case .bars, .images:
                w.rect(x: x0 + 8, y: y - 8, width: 16, height: 10, fill: color, stroke: color, opacity: 0.5)
            case .line:
                w.line(x1: x0 + 6, y1: y - 3, x2: x0 + 26, y2: y - 3, stroke: color, width: 2.2)
            case .points:
                w.circle(cx: x0 + 16, cy: y - 3, r: 3.5, fill: color)
            }
            let maxChars = max(4, Int((boxWidth - 42) / 7.2))
            let label = layer.label.count > maxChars ? String(layer.label.prefix(maxChars - 1)) + "…" : layer.label
            w.text(label, x: x0 + 32, y: y + 1, size: 12.5, anchor: "start", fill: "#222")
        }
    }

    /// Images in a grid, each scaled to a square-pixel cell, grey scale from white (low) to
    /// black (high), each image scaled by the range of all images.
    func drawImages(_ images: [PixelImage], layout: ImageLayout, title: String?, into w: inout SVGWriter) {
        if let title { w.text(title, x: width / 2, y: 26, size: 17, anchor: "middle", weight: "600") }
        let all = images.flatMap(\.values).filter(\.isFinite)
        let lo = all.min() ?? 0, hi = all.max() ?? 1
        let span = hi > lo ? hi - lo : 1
        let pixel = layout.pixel
        for (k, img) in images.enumerated() {
            let ox = layout.left + Double(k % layout.columns) * (layout.cellWidth + layout.gap)
            let oy = layout.top + Double(k / layout.columns) * (layout.cellHeight + layout.gap)
            w.rect(x: ox, y: oy, width: Double(img.width) * pixel, height: Double(img.height) * pixel, fill: "#ffffff", stroke: "#ccc")
            for r in 0..<img.height {
                var c = 0
                while c < img.width {
                    let level = greyLevel(img.value(row: r, column: c), lo: lo, span: span)
                    var e = c + 1
                    while e < img.width, greyLevel(img.value(row: r, column: e), lo: lo, span: span) == level { e += 1 }
                    if level > 0 {
                        let g = 255 - level * 255 / 32
                        w.rect(x: ox + Double(c) * pixel, y: oy + Double(r) * pixel, width: Double(e - c) * pixel,
                               height: pixel, fill: String(format: "#%02x%02x%02x", g, g, g))
                    }
                    c = e
                }
            }
        }
    }

    /// Intensity quantized to 0...32 (0 drawn as background).
    func greyLevel(_ v: Double, lo: Double, span: Double) -> Int {
        guard v.isFinite else { return 0 }
        return min(32, max(0, Int(((v - lo) / span * 32).rounded())))
    }
}

/// Where images go: `columns` per row, each image's pixels square, the grid centred, at most
/// 96 page units per image; the page height follows from the number of rows.
struct ImageLayout {
    let columns: Int, rows: Int
    let pixel: Double, gap: Double
    let cellWidth: Double, cellHeight: Double
    let left: Double, top: Double, height: Double

    init(_ images: [PixelImage], columns requested: Int, width: Double, top: Double) {
        columns = max(1, min(requested, images.count))
        rows = max(1, (images.count + columns - 1) / columns)
        gap = 6
        let maxW = Double(images.map(\.width).max() ?? 1), maxH = Double(images.map(\.height).max() ?? 1)
        let fit = (width - 20 - gap * Double(columns - 1)) / Double(columns)
        pixel = max(0.5, min(fit, 96) / max(maxW, maxH))
        cellWidth = maxW * pixel; cellHeight = maxH * pixel
        left = (width - (Double(columns) * cellWidth + gap * Double(columns - 1))) / 2
        self.top = top
        height = (top + Double(rows) * cellHeight + gap * Double(rows - 1) + 12).rounded(.up)
    }
}

/// The plotting rectangle in page coordinates (y grows downward).
struct Frame {
    var left: Double, right: Double, top: Double, bottom: Double
}

/// Data coordinates to page coordinates.
struct Mapping {
    let frame: Frame
    let bounds: Bounds
    func x(_ v: Double) -> Double {
        frame.left + (v - bounds.xMin) / (bounds.xMax - bounds.xMin) * (frame.right - frame.left)
    }
    func y(_ v: Double) -> Double {
        frame.bottom - (v - bounds.yMin) / (bounds.yMax - bounds.yMin) * (frame.bottom - frame.top)
    }
}
