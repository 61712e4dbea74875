import Foundation

/// Draws a plot with Unicode characters for a terminal `width` columns wide: title, y tick
/// labels on an axis with `┤` ticks, the layers (braille dots for lines and points, block
/// elements for histogram bars, shades for heat maps), an x axis with `┬` ticks and labels, the
/// x label, and a legend line. With `color` each layer gets an ANSI 256-colour; without it the
/// output is plain text (what a pipe, a file or `NO_COLOR` gets).
public struct TerminalPlot {
    public var width: Int
    public var color: Bool

    public init(width: Int = 80, color: Bool = false) {
        self.width = max(24, min(width, 400))
        self.color = color
    }

    /// Rows of the plotting area: about a quarter of the width (cells are twice as tall as wide),
    /// between 6 and 20.
    var rows: Int { max(6, min(20, width / 4)) }

    /// The drawing, lines joined by newlines, no trailing newline.
    public func render(_ plot: Plot) -> String {
        var lines: [String] = []
        if let title = plot.title { lines.append(centered(title, in: width)) }
        if let grid = plot.imageGrid {
            lines += TerminalImages(width: width, color: color).render(grid.images, columns: grid.columns)
            return lines.joined(separator: "\n")
        }
        let b = Bounds(plot.layers)
        let yt = Ticks.values(b.yMin, b.yMax, target: max(3, rows / 3))
        let ylabels = Ticks.labels(yt)
        let margin = (ylabels.map(\.count).max() ?? 1) + 1
        let columns = max(8, width - margin - 1)
        var canvas = CharacterCanvas(columns: columns, rows: rows)
        for (i, layer) in plot.layers.enumerated() { draw(layer.mark, layer: i, bounds: b, on: &canvas) }

        // Rows: y labels at the rows nearest their ticks.
        var labelAt: [Int: String] = [:]
        for (v, s) in zip(yt, ylabels) {
            let r = Int(((b.yMax - v) / (b.yMax - b.yMin) * Double(rows * 4 - 1) / 4).rounded(.down))
            if r >= 0, r < rows, labelAt[r] == nil { labelAt[r] = s }
        }
        for r in 0..<rows {
            let label = labelAt[r] ?? ""
            let axis = labelAt[r] == nil ? "│" : "┤"
            lines.append(String(repeating: " ", count: margin - 1 - label.count) + label + " " + axis + canvas.line(r, color: color))
        }
        lines += xAxis(b, margin: margin, columns: columns)
        if let xl = plot.xLabel { lines.append(String(repeating: " ", count: margin + 1) + centered(xl, in: columns)) }
        lines += legend(plot.layers)
        return lines.map { $0.trailingSpacesRemoved }.joined(separator: "\n")
    }

    func draw(_ mark: Mark, layer: Int, bounds b: Bounds, on canvas: inout CharacterCanvas) {
        let dw = Double(canvas.dotWidth - 1), dh = Double(canvas.dotHeight - 1)
        func dx(_ x: Double) -> Double { (x - b.xMin) / (b.xMax - b.xMin) * dw }
        func dy(_ y: Double) -> Double { (b.yMax - y) / (b.yMax - b.yMin) * dh }
        switch mark {
        case .line(let xs, let ys):
            var last: (Double, Double)? = nil
            for (x, y) in zip(xs, ys) {
                guard x.isFinite, y.isFinite else { last = nil; continue }
                let p = (dx(x), dy(y))
                if let q = last { canvas.segment(q.0, q.1, p.0, p.1, layer: layer) } else { canvas.segment(p.0, p.1, p.0, p.1, layer: layer) }
                last = p
            }
        case .points(let xs, let ys):
            for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite {
                canvas.dot(Int(dx(x).rounded()), Int(dy(y).rounded()), layer: layer)
            }
        case .bars(let edges, let heights):
            for c in 0..<canvas.columns {
                let x = b.xMin + (Double(c) + 0.5) / Double(canvas.columns) * (b.xMax - b.xMin)
                guard let i = edges.indices.dropLast().first(where: { edges[$0] <= x && x <= edges[$0 + 1] }),
                      i < heights.count, heights[i].isFinite else { continue }
                let frac = (heights[i] - max(b.yMin, 0)) / (b.yMax - b.yMin)
                canvas.bar(column: c, eighths: Int((frac * Double(canvas.rows * 8)).rounded()), layer: layer)
            }
        case .heat(let g):
            let (lo, hi) = g.valueRange
            let span = hi > lo ? hi - lo : 1
            for r in 0..<canvas.rows {
                for c in 0..<canvas.columns {
                    let x = b.xMin + (Double(c) + 0.5) / Double(canvas.columns) * (b.xMax - b.xMin)
                    let y = b.yMax - (Double(r) + 0.5) / Double(canvas.rows) * (b.yMax - b.yMin)
                    let gc = Int(((x - g.xMin) / (g.xMax - g.xMin) * Double(g.columns)).rounded(.down))
                    let gr = Int(((y - g.yMin) / (g.yMax - g.yMin) * Double(g.rows)).rounded(.down))
                    let v = g.value(row: gr, column: gc)
                    if v.isFinite { canvas.shade(column: c, row: r, level: (v - lo) / span) }
                }
            }
        case .images:
            break
        }
    }

    /// The x axis line with `┬` at ticks, and the tick labels centred under them (a label that
    /// would touch its neighbour or run off the edge is left out).
    func xAxis(_ b: Bounds, margin: Int, columns: Int) -> [String] {
        let xt = Ticks.values(b.xMin, b.xMax, target: max(3, columns / 10))
        let labels = Ticks.labels(xt)
        var axis = Array(repeating: Character("─"), count: columns)
        var text = Array(repeating: Character(" "), count: columns + margin + 1)
        var nextFree = 0
        for (v, s) in zip(xt, labels) {
            let c = Int(((v - b.xMin) / (b.xMax - b.xMin) * Double(columns * 2 - 1) / 2).rounded(.down))
            guard c >= 0, c < columns else { continue }
            axis[c] = "┬"
            let start = margin + 1 + c - s.count / 2
            guard start >= nextFree, start >= 0, start + s.count <= text.count else { continue }
            for (k, ch) in s.enumerated() { text[start + k] = ch }
            nextFree = start + s.count + 1
        }
        return [String(repeating: " ", count: margin) + "└" + String(axis), String(text)]
    }

    /// `█ data  ━ Normal(mu: 0, sigma: 1)`, wrapped to the width.
    func legend(_ layers: [Layer]) -> [String] {
        let entries = layers.enumerated().filter { !$0.element.label.isEmpty }
        guard !entries.isEmpty else { return [] }
        var lines: [String] = [], current = "", currentWidth = 0
        for (i, layer) in entries {
            let symbol: String
            switch layer.mark {
            case .bars: symbol = "█"
            case .line: symbol = "━"
            case .points: symbol = "•"
            case .heat: symbol = "▓"
            case .images: symbol = "▦"
            }
            let maxLabel = max(8, width - 6)
            let label = layer.label.count > maxLabel ? String(layer.label.prefix(maxLabel - 1)) + "…" : layer.label
            let plain = symbol + " " + label
            let shown = color ? "\u{1B}[38;5;\(Palette.ansiColor(i))m\(symbol)\u{1B}[0m \(label)" : plain
            if currentWidth > 0, currentWidth + 2 + plain.count > width {
                lines.append(current); current = ""; currentWidth = 0
            }
            current += (currentWidth > 0 ? "  " : "  ") + shown
            currentWidth += 2 + plain.count
        }
        if currentWidth > 0 { lines.append(current) }
        return lines
    }

    func centered(_ s: String, in w: Int) -> String {
        String(repeating: " ", count: max(0, (w - s.count) / 2)) + s
    }
}

/// Images as a grid of shaded characters, two columns per pixel so pixels are about square.
struct TerminalImages {
    let width: Int
    let color: Bool

    func render(_ images: [PixelImage], columns: Int) -> [String] {
        guard let first = images.first else { return ["(no images)"] }
        let cellWidth = first.width * 2 + 1
        let perRow = max(1, min(columns, width / max(cellWidth, 1)))
        let shown = Array(images.prefix(perRow * 4))
        let all = shown.flatMap(\.values).filter(\.isFinite)
        let lo = all.min() ?? 0, hi = all.max() ?? 1
        let span = hi > lo ? hi - lo : 1
        var lines: [String] = []
        var start = 0
        while start < shown.count {
            let group = shown[start..<min(start + perRow, shown.count)]
            let height = group.map(\.height).max() ?? 0
            for r in 0..<height {
                var line = ""
                for img in group {
                    for c in 0..<img.width {
                        let v = img.value(row: r, column: c)
                        let level = v.isFinite ? min(4, max(0, Int(((v - lo) / span * 4).rounded()))) : 0
                        let ch = CharacterCanvas.shades[level]
                        line += String(repeating: String(ch), count: 2)
                    }
                    line += " "
                }
                lines.append(line.trailingSpacesRemoved)
            }
            lines.append("")
            start += perRow
        }
        if images.count > shown.count { lines.append("(\(shown.count) of \(images.count) images shown)") }
        else if lines.last == "" { lines.removeLast() }
        _ = color
        return lines
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
