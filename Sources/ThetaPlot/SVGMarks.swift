import Foundation

/// Draws each kind of mark into SVG, in page coordinates given by a `Mapping`.
enum SVGMarks {
    /// Most points a scatter draws; beyond it every k-th point is drawn (k = ceil(n / limit)),
    /// which keeps files small and is deterministic.
    static let pointLimit = 4000

    static func draw(_ mark: Mark, color: String, map: Mapping, into w: inout SVGWriter) {
        switch mark {
        case .bars(let edges, let heights):
            var d = ""
            let base = map.y(max(map.bounds.yMin, 0))
            for (i, h) in heights.enumerated() where i + 1 < edges.count && h.isFinite && h > 0 {
                let x0 = map.x(edges[i]), x1 = map.x(edges[i + 1]), y = map.y(h)
                d += "M\(SVGWriter.num(x0)) \(SVGWriter.num(base))V\(SVGWriter.num(y))H\(SVGWriter.num(x1))V\(SVGWriter.num(base))Z"
            }
            if !d.isEmpty {
                w.raw("<path d=\"\(d)\" fill=\"\(color)\" fill-opacity=\"0.45\" stroke=\"\(color)\" stroke-width=\"0.8\"/>")
            }
        case .line(let xs, let ys):
            var d = ""
            var pen = false
            for (x, y) in zip(xs, ys) {
                guard x.isFinite, y.isFinite else { pen = false; continue }
                d += (pen ? "L" : "M") + "\(SVGWriter.num(map.x(x))) \(SVGWriter.num(map.y(y)))"
                pen = true
            }
            if !d.isEmpty {
                w.raw("<path d=\"\(d)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.2\" stroke-linejoin=\"round\"/>")
            }
        case .points(let xs, let ys):
            let n = min(xs.count, ys.count)
            let stride = max(1, (n + pointLimit - 1) / pointLimit)
            let r = n > 1000 ? 1.8 : 2.8
            w.raw("<g fill=\"\(color)\" fill-opacity=\"0.6\">")
            var i = 0
            while i < n {
                if xs[i].isFinite, ys[i].isFinite {
                    w.raw("<circle cx=\"\(SVGWriter.num(map.x(xs[i])))\" cy=\"\(SVGWriter.num(map.y(ys[i])))\" r=\"\(SVGWriter.num(r))\"/>")
                }
                i += stride
            }
            w.raw("</g>")
        case .heat(let g):
            drawHeat(g, map: map, into: &w)
        case .images:
            break  // drawn by SVGPlot.drawImages
        }
    }

    /// Grid cells as rectangles coloured by the sequential map over the grid's value range,
    /// quantized to 48 levels so runs of equal colour along a row merge into one rectangle.
    static func drawHeat(_ g: Grid, map: Mapping, into w: inout SVGWriter) {
        guard g.rows > 0, g.columns > 0 else { return }
        let (lo, hi) = g.valueRange
        let span = hi > lo ? hi - lo : 1
        let levels = 48
        func level(_ v: Double) -> Int {
            v.isFinite ? min(levels, max(0, Int(((v - lo) / span * Double(levels)).rounded()))) : -1
        }
        let cw = (g.xMax - g.xMin) / Double(g.columns), ch = (g.yMax - g.yMin) / Double(g.rows)
        w.raw("<g shape-rendering=\"crispEdges\">")
        for r in 0..<g.rows {
            var c = 0
            while c < g.columns {
                let l = level(g.value(row: r, column: c))
                var e = c + 1
                while e < g.columns, level(g.value(row: r, column: e)) == l { e += 1 }
                if l >= 0 {
                    let x0 = map.x(g.xMin + Double(c) * cw), x1 = map.x(g.xMin + Double(e) * cw)
                    let yTop = map.y(g.yMin + Double(r + 1) * ch), yBottom = map.y(g.yMin + Double(r) * ch)
                    w.rect(x: x0, y: yTop, width: x1 - x0 + 0.3, height: yBottom - yTop + 0.3,
                           fill: Palette.sequentialHex(Double(l) / Double(levels)))
                }
                c = e
            }
        }
        w.raw("</g>")
    }
}

/// Accumulates SVG text; numbers are written with at most one decimal (`12.5`, `3`).
struct SVGWriter {
    var text = ""

    mutating func open(width: Double, height: Double, title: String) {
        text += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.num(width)) \(Self.num(height))\" "
        text += "width=\"\(Self.num(width))\" height=\"\(Self.num(height))\" "
        text += "font-family=\"-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\" role=\"img\">\n"
        text += "<title>\(Self.escape(title))</title>\n"
        text += "<rect x=\"0\" y=\"0\" width=\"\(Self.num(width))\" height=\"\(Self.num(height))\" fill=\"#ffffff\"/>\n"
    }

    mutating func close() { text += "</svg>\n" }

    mutating func raw(_ s: String) { text += s; text += "\n" }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) {
        raw("<line x1=\"\(Self.num(x1))\" y1=\"\(Self.num(y1))\" x2=\"\(Self.num(x2))\" y2=\"\(Self.num(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.num(width))\"/>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil, opacity: Double? = nil) {
        var s = "<rect x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" width=\"\(Self.num(width))\" height=\"\(Self.num(height))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\"" }
        if let opacity { s += " fill-opacity=\"\(Self.num(opacity, digits: 2))\"" }
        raw(s + "/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String) {
        raw("<circle cx=\"\(Self.num(cx))\" cy=\"\(Self.num(cy))\" r=\"\(Self.num(r))\" fill=\"\(fill)\"/>")
    }

    mutating func text(_ s: String, x: Double, y: Double, size: Double, anchor: String, fill: String = "#111",
                       weight: String? = nil, rotate: Double? = nil) {
        var a = "<text x=\"\(Self.num(x))\" y=\"\(Self.num(y))\" font-size=\"\(Self.num(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if let weight { a += " font-weight=\"\(weight)\"" }
        if let rotate { a += " transform=\"rotate(\(Self.num(rotate)) \(Self.num(x)) \(Self.num(y)))\"" }
        raw(a + ">\(Self.escape(s))</text>")
    }

    /// A coordinate with `digits` decimals at most, trailing zeros dropped, never `-0`.
    static func num(_ x: Double, digits: Int = 1) -> String {
        guard x.isFinite else { return "0" }
        var s = String(format: "%.\(digits)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s
    }

    /// Text escaped for XML content and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // Control characters are not allowed in XML 1.0.
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
