import Foundation

/// Axis ranges and "nice" tick values (after Heckbert, "Nice numbers for graph labels",
/// Graphics Gems 1990): the step is (hi − lo) / (target − 1) rounded to 1, 2 or 5 times a power
/// of ten, so about `target` ticks fall inside the range.
public enum Ticks {
    /// The nice number near x: rounded to 1, 2, 5 or 10 times a power of ten (`round`), or the
    /// smallest such number ≥ x (`!round`).
    static func nice(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let e = floor(log10(x))
        let f = x / pow(10, e)
        let nf: Double
        if round {
            nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        } else {
            nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        }
        return nf * pow(10, e)
    }

    /// The step between ticks for a range.
    public static func step(_ lo: Double, _ hi: Double, target: Int) -> Double {
        nice((hi - lo) / Double(max(target - 1, 1)), round: true)
    }

    /// Tick values inside [lo, hi] at a nice step (at least the two ends when the range is
    /// degenerate). Values within 1e-9 steps of zero are exactly zero.
    public static func values(_ lo: Double, _ hi: Double, target: Int = 6) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return [lo] }
        let s = step(lo, hi, target: target)
        let first = (lo / s - 1e-9).rounded(.up)
        var out: [Double] = []
        var k = first
        while k * s <= hi + s * 1e-9, out.count < 50 {
            let v = k * s
            out.append(abs(v) < s * 1e-9 ? 0 : v)
            k += 1
        }
        return out
    }

    /// Labels for ticks at a common step: as many decimals as the step needs (`0.5`, `1`, `1.5`),
    /// or scientific notation for very large or small magnitudes (`2e+06`).
    public static func labels(_ ticks: [Double]) -> [String] {
        guard ticks.count > 1 else { return ticks.map { format($0, decimals: 3) } }
        let s = abs(ticks[1] - ticks[0])
        let biggest = ticks.map(abs).max() ?? 0
        if biggest >= 1e6 || (biggest > 0 && biggest < 1e-4) {
            return ticks.map { $0 == 0 ? "0" : scientific($0) }
        }
        // The fewest decimals that write every tick exactly (to a millionth of the step).
        let decimals = (0...8).first { d in
            ticks.allSatisfy { t in abs((Double(format(t, decimals: d)) ?? .nan) - t) < s * 1e-6 }
        } ?? 8
        return ticks.map { format($0, decimals: decimals) }
    }

    static func format(_ x: Double, decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", x)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
        return s
    }

    static func scientific(_ x: Double) -> String {
        var s = String(format: "%.2g", x)
        s = s.replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
            .replacingOccurrences(of: "e-0", with: "e-")
        return s
    }
}

/// The data rectangle a plot's axes cover.
public struct Bounds: Sendable, Equatable {
    public var xMin: Double, xMax: Double, yMin: Double, yMax: Double

    /// The union of the layers' extents, padded by 4% on each side for lines and points; a
    /// histogram's baseline 0 and a heat map's edges are kept exact. Degenerate ranges widen
    /// to unit width; a plot with nothing finite gets [0, 1] × [0, 1].
    public init(_ layers: [Layer]) {
        var xs: [Double] = [], ys: [Double] = []
        var exactX = false, exactYLow = false, exactY = false
        for layer in layers {
            switch layer.mark {
            case .bars(let e, let h):
                xs += e; ys += h; ys.append(0); exactX = true; exactYLow = true
            case .line(let x, let y), .points(let x, let y):
                for (a, b) in zip(x, y) where a.isFinite && b.isFinite { xs.append(a); ys.append(b) }
            case .heat(let g):
                xs += [g.xMin, g.xMax]; ys += [g.yMin, g.yMax]; exactX = true; exactY = true
            case .images: break
            }
        }
        func range(_ v: [Double]) -> (Double, Double) {
            let f = v.filter(\.isFinite)
            guard var lo = f.min(), var hi = f.max() else { return (0, 1) }
            if lo == hi { lo -= 0.5; hi += 0.5 }
            return (lo, hi)
        }
        var (x0, x1) = range(xs), (y0, y1) = range(ys)
        if !exactX { let p = (x1 - x0) * 0.04; x0 -= p; x1 += p }
        if !exactY {
            let p = (y1 - y0) * 0.04
            if !(exactYLow && y0 == 0) { y0 -= p }
            y1 += p
        }
        xMin = x0; xMax = x1; yMin = y0; yMax = y1
    }
}
