import Foundation
import ThetaTensor

/// The generated 2-D toy sets of density-estimation papers. Each is a function of
/// `(n, noise, seed)` only: a fresh `RandomGenerator(seed:)` draws every random number, so the
/// same arguments give the same points. Columns are `x1`, `x2`; rows are exchangeable (the
/// structured sets are shuffled, as scikit-learn's `shuffle=True` does).
///
/// `noise` is the standard deviation of independent Gaussian noise added to each coordinate,
/// except for `pinwheel`, where it is the radial spread (the tangential spread is a third of it).
public enum GeneratedSets {
    public static let names = ["moons", "circles", "swissroll", "pinwheel", "checkerboard", "gaussians8"]

    /// The largest generated set we agree to build.
    public static let maxCount = 100_000_000

    /// The noise used when none is given.
    public static func defaultNoise(_ name: String) -> Double {
        switch name {
        case "moons": return 0.1
        case "circles": return 0.05
        case "swissroll": return 0.2
        case "pinwheel": return 0.3
        case "gaussians8": return 0.5 / 2.0.squareRoot()
        default: return 0
        }
    }

    /// Builds the set `name` with `n` points.
    public static func make(_ name: String, n: Int, noise: Double? = nil, seed: UInt64 = 0) throws(DataError) -> Dataset {
        guard names.contains(name) else { throw DataError("no generated data set '\(name)'") }
        guard n >= 0, n <= maxCount else {
            throw DataError("\(name): n must be between 0 and \(maxCount), got \(n)")
        }
        let sigma = noise ?? defaultNoise(name)
        guard sigma.isFinite, sigma >= 0 else {
            throw DataError("\(name): noise must be a finite number ≥ 0, got \(sigma)")
        }
        var rng = RandomGenerator(seed: seed)
        var xy = [Double](repeating: 0, count: 2 * n)
        switch name {
        case "moons": moons(&xy, n, sigma, &rng)
        case "circles": circles(&xy, n, sigma, &rng)
        case "swissroll": swissroll(&xy, n, sigma, &rng)
        case "pinwheel": pinwheel(&xy, n, sigma, &rng)
        case "checkerboard": checkerboard(&xy, n, sigma, &rng)
        default: gaussians8(&xy, n, sigma, &rng)
        }
        let data = Dataset(unchecked: xy, rows: n, columns: ["x1", "x2"])
        return data.shuffled(using: &rng)
    }

    /// `k`-th of `count` points evenly spaced on `[0, end]` (both ends included), as
    /// `numpy.linspace`.
    static func linspace(_ k: Int, _ count: Int, _ end: Double) -> Double {
        count > 1 ? end * Double(k) / Double(count - 1) : 0
    }

    /// scikit-learn's `make_moons`: ⌊n/2⌋ points on the upper unit half-circle
    /// (cos t, sin t), t ∈ [0, π], and the rest on the lower one shifted to
    /// (1 − cos t, 1/2 − sin t), evenly spaced in t.
    static func moons(_ xy: inout [Double], _ n: Int, _ sigma: Double, _ rng: inout RandomGenerator) {
        let outer = n / 2, inner = n - outer
        for k in 0..<outer {
            let t = linspace(k, outer, .pi)
            xy[2 * k] = cos(t); xy[2 * k + 1] = sin(t)
        }
        for k in 0..<inner {
            let t = linspace(k, inner, .pi)
            xy[2 * (outer + k)] = 1 - cos(t); xy[2 * (outer + k) + 1] = 0.5 - sin(t)
        }
        addNoise(&xy, sigma, &rng)
    }

    /// scikit-learn's `make_circles` with `factor = 0.5`: ⌊n/2⌋ points evenly spaced on the
    /// unit circle (t = 2πk/count, endpoint excluded) and the rest on the circle of radius 1/2.
    static func circles(_ xy: inout [Double], _ n: Int, _ sigma: Double, _ rng: inout RandomGenerator) {
        let outer = n / 2, inner = n - outer
        for k in 0..<outer {
            let t = 2 * .pi * Double(k) / Double(outer)
            xy[2 * k] = cos(t); xy[2 * k + 1] = sin(t)
        }
        for k in 0..<inner {
            let t = 2 * .pi * Double(k) / Double(inner)
            xy[2 * (outer + k)] = 0.5 * cos(t); xy[2 * (outer + k) + 1] = 0.5 * sin(t)
        }
        addNoise(&xy, sigma, &rng)
    }

    /// The 2-D Swiss roll (scikit-learn's `make_swiss_roll`, coordinates x and z, scaled by
    /// 1/5): t = 1.5π(1 + 2u) with u uniform on [0, 1), the point (t cos t, t sin t) / 5.
    static func swissroll(_ xy: inout [Double], _ n: Int, _ sigma: Double, _ rng: inout RandomGenerator) {
        for k in 0..<n {
            let t = 1.5 * .pi * (1 + 2 * rng.uniform())
            xy[2 * k] = t * cos(t) / 5; xy[2 * k + 1] = t * sin(t) / 5
        }
        addNoise(&xy, sigma, &rng)
    }

    /// Five spiral arms (the "pinwheel" of Johnson et al. 2016): for arm c = k mod 5, a
    /// feature f = (1 + σ·z₁, σ/3·z₂) rotated by the angle 2πc/5 + exp(f₁)/4, scaled by 2.
    static func pinwheel(_ xy: inout [Double], _ n: Int, _ sigma: Double, _ rng: inout RandomGenerator) {
        for k in 0..<n {
            let f0 = 1 + sigma * rng.normal(), f1 = sigma / 3 * rng.normal()
            let a = 2 * .pi * Double(k % 5) / 5 + 0.25 * exp(f0)
            let c = cos(a), s = sin(a)
            xy[2 * k] = 2 * (f0 * c + f1 * s); xy[2 * k + 1] = 2 * (-f0 * s + f1 * c)
        }
    }

    /// A 4 × 4 checkerboard on [−4, 4)²: x₁ = 4u − 2, x₂ = u' − 2b + (⌊x₁⌋ mod 2) with b a
    /// fair bit, the point 2·(x₁, x₂); so ⌊p₁/2⌋ + ⌊p₂/2⌋ is always even.
    static func checkerboard(_ xy: inout [Double], _ n: Int, _ sigma: Double, _ rng: inout RandomGenerator) {
        for k in 0..<n {
            let x1 = 4 * rng.uniform() - 2
            let parity = Double(((Int(x1.rounded(.down)) % 2) + 2) % 2)
            let x2 = rng.uniform() - 2 * Double(rng.below(2)) + parity
            xy[2 * k] = 2 * x1; xy[2 * k + 1] = 2 * x2
        }
        addNoise(&xy, sigma, &rng)
    }

    /// Eight Gaussians centred on the circle of radius 2√2 at angles kπ/4 (point k takes
    /// centre k mod 8).
    static func gaussians8(_ xy: inout [Double], _ n: Int, _ sigma: Double, _ rng: inout RandomGenerator) {
        let radius = 2 * 2.0.squareRoot()
        for k in 0..<n {
            let t = Double(k % 8) * .pi / 4
            xy[2 * k] = radius * cos(t); xy[2 * k + 1] = radius * sin(t)
        }
        addNoise(&xy, sigma, &rng)
    }

    static func addNoise(_ xy: inout [Double], _ sigma: Double, _ rng: inout RandomGenerator) {
        if sigma == 0 { return }
        for i in xy.indices { xy[i] += sigma * rng.normal() }
    }
}
