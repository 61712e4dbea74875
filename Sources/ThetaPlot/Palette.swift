import Foundation

/// Colours: one per layer, in order (a colour-blind-friendly qualitative set, Okabe & Ito 2008),
/// and a perceptually ordered sequential map for heat maps and images (anchors of matplotlib's
/// viridis, linearly interpolated).
public enum Palette {
    /// Layer colours for SVG.
    static let hex = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
    /// The same colours as ANSI 256-colour indices for terminals.
    static let ansi = [25, 178, 36, 166, 175, 74, 185, 248]

    public static func color(_ i: Int) -> String { hex[i % hex.count] }
    static func ansiColor(_ i: Int) -> Int { ansi[i % ansi.count] }

    /// Viridis anchors at t = 0, 0.125, ..., 1 (RGB 0–255).
    static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]

    /// The sequential colour for t in [0, 1] (clamped; nan is the lowest colour).
    static func sequential(_ t: Double) -> (r: Int, g: Int, b: Int) {
        let u = t.isFinite ? min(max(t, 0), 1) : 0
        let pos = u * Double(viridis.count - 1)
        let i = min(Int(pos.rounded(.down)), viridis.count - 2)
        let f = pos - Double(i)
        let a = viridis[i], b = viridis[i + 1]
        func mix(_ p: Double, _ q: Double) -> Int { Int((p + f * (q - p)).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    static func sequentialHex(_ t: Double) -> String {
        let c = sequential(t)
        return String(format: "#%02x%02x%02x", c.r, c.g, c.b)
    }

    /// The nearest colour of the ANSI 256-colour 6×6×6 cube to the sequential colour.
    static func sequentialANSI(_ t: Double) -> Int {
        let c = sequential(t)
        func level(_ v: Int) -> Int { min(5, max(0, Int((Double(v) / 255 * 5).rounded()))) }
        return 16 + 36 * level(c.r) + 6 * level(c.g) + level(c.b)
    }
}
