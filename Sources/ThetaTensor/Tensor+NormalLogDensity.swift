import Foundation

/// How one operand of a row-and-column broadcast is read: the output is viewed as a matrix
/// `[rows, cols]` (`cols` its last extent, `rows` the product of the others), and entry
/// `(r, c)` of the operand is element `r·rowStride + c·colStride` of its buffer (a stride 0
/// repeats it along that direction).
public struct RowColumnLayout: Sendable, Equatable {
    public let rowStride: Int
    public let colStride: Int
}

/// The output shape of a broadcast whose every operand either spans the output's leading axes or
/// has extent 1 on all of them, and either spans the last axis or has extent 1 there (`[N, 1]`
/// against `[K]`, `[N, K]` against a scalar, ...): the pattern of a batch of points against a
/// row of parameters, read without materializing any broadcast.
public struct RowColumnBroadcast: Sendable {
    public let shape: [Int]
    public let rows: Int
    public let cols: Int
    public let layouts: [RowColumnLayout]

    /// Whether the first operand is one point per row (`[N, 1]`, read contiguously) and the
    /// other two one value per column (`[K]`): a batch of points against a row of parameters,
    /// the case the lane kernels take.
    public var pointsAgainstRow: Bool {
        guard layouts.count == 3 else { return false }
        let point = RowColumnLayout(rowStride: 1, colStride: 0), column = RowColumnLayout(rowStride: 0, colStride: 1)
        return layouts[0] == point && layouts[1] == column && layouts[2] == column
    }

    /// nil when the shapes do not broadcast, or some operand varies along only part of the
    /// leading axes (`[B, 1, K]` against `[B, N, K]`).
    public init?(_ shapes: [[Int]]) {
        var out: [Int] = []
        for s in shapes {
            guard let joined = try? Tensor.broadcastShape(out, s, op: "broadcast") else { return nil }
            out = joined
        }
        let r = out.count
        let cols = r == 0 ? 1 : out[r - 1]
        let leading = r == 0 ? [] : Array(out[..<(r - 1)])
        let rows = leading.reduce(1, *)
        var layouts: [RowColumnLayout] = []
        for s in shapes {
            let padded = [Int](repeating: 1, count: r - s.count) + s
            let last = r == 0 ? 1 : padded[r - 1]
            let colStride = cols == 1 || last == 1 ? 0 : 1
            let head = r == 0 ? [] : Array(padded[..<(r - 1)])
            let rowStride: Int
            if rows == 1 || head.allSatisfy({ $0 == 1 }) {
                rowStride = 0
            } else if head == leading {
                rowStride = colStride == 1 ? cols : 1
            } else {
                return nil
            }
            layouts.append(RowColumnLayout(rowStride: rowStride, colStride: colStride))
        }
        shape = out
        self.rows = rows
        self.cols = cols
        self.layouts = layouts
    }
}

extension Tensor {
    /// `log √(2π)`.
    public static let logSqrtTwoPi = 0.91893853320467274178

    /// The log density of `N(μ, σ²)` at `x`, `−½((x − μ)/σ)² − log √(2π) − log σ`, broadcast
    /// over the three operands in one pass, with the rounding of those operations done one at a
    /// time (the lane kernel may fuse a multiply and an add: within an ulp). nil when the shapes are not a row-and-column broadcast
    /// (`RowColumnBroadcast`); then the caller composes it from elementwise operations.
    public static func normalLogDensity(_ x: Tensor, _ mu: Tensor, _ sigma: Tensor) -> Tensor? {
        guard let b = RowColumnBroadcast([x.shape, mu.shape, sigma.shape]) else { return nil }
        let (lx, lm, ls) = (b.layouts[0], b.layouts[1], b.layouts[2])
        let logSigma = sigma.scalars.map { Foundation.log($0) }
        var out = [Double](repeating: 0, count: b.rows * b.cols)
        out.withUnsafeMutableBufferPointer { o in
            x.scalars.withUnsafeBufferPointer { px in
                mu.scalars.withUnsafeBufferPointer { pm in
                    sigma.scalars.withUnsafeBufferPointer { ps in
                        logSigma.withUnsafeBufferPointer { pl in
                            let laned = b.pointsAgainstRow ? b.rows / 8 * 8 : 0
                            if laned > 0 { normalLogDensityLanes(o, px, pm, ps, pl, rows: laned, cols: b.cols) }
                            for r in laned..<b.rows {
                                let (bx, bm, bs) = (r &* lx.rowStride, r &* lm.rowStride, r &* ls.rowStride)
                                let row = r &* b.cols
                                for c in 0..<b.cols {
                                    let s = bs &+ c &* ls.colStride
                                    let z = (px[bx &+ c &* lx.colStride] - pm[bm &+ c &* lm.colStride]) / ps[s]
                                    o[row &+ c] = (z * z * -0.5 + -logSqrtTwoPi) - pl[s]
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: b.shape, scalars: out)
    }

    /// The gradients of `L = Σ g ⊙ normalLogDensity(x, μ, σ)` in each operand, each of its
    /// operand's shape (summed over the axes it was broadcast along): with `z = (x − μ)/σ`,
    /// `∂/∂x = −z/σ`, `∂/∂μ = z/σ`, `∂/∂σ = (z² − 1)/σ`. One pass over `g`. nil when the shapes
    /// are not a row-and-column broadcast or `g` does not have the output's shape.
    public static func normalLogDensityGradients(_ g: Tensor, _ x: Tensor, _ mu: Tensor, _ sigma: Tensor)
        -> (x: Tensor, mu: Tensor, sigma: Tensor)? {
        guard let b = RowColumnBroadcast([x.shape, mu.shape, sigma.shape]), g.shape == b.shape else { return nil }
        let (lx, lm, ls) = (b.layouts[0], b.layouts[1], b.layouts[2])
        var gx = [Double](repeating: 0, count: x.count)
        var gm = [Double](repeating: 0, count: mu.count)
        var gs = [Double](repeating: 0, count: sigma.count)
        g.scalars.withUnsafeBufferPointer { pg in
            x.scalars.withUnsafeBufferPointer { px in
                mu.scalars.withUnsafeBufferPointer { pm in
                    sigma.scalars.withUnsafeBufferPointer { ps in
                        gx.withUnsafeMutableBufferPointer { ox in
                            gm.withUnsafeMutableBufferPointer { om in
                                gs.withUnsafeMutableBufferPointer { os in
                                    let laned = b.pointsAgainstRow ? b.rows / 8 * 8 : 0
                                    if laned > 0 {
                                        normalLogDensityGradientLanes(pg, px, pm, ps, ox, om, os, rows: laned, cols: b.cols)
                                    }
                                    for r in laned..<b.rows {
                                        let (bx, bm, bs) = (r &* lx.rowStride, r &* lm.rowStride, r &* ls.rowStride)
                                        let row = r &* b.cols
                                        for c in 0..<b.cols {
                                            let (ix, im, s) = (bx &+ c &* lx.colStride, bm &+ c &* lm.colStride, bs &+ c &* ls.colStride)
                                            let inverse = 1 / ps[s]
                                            let z = (px[ix] - pm[im]) * inverse
                                            let w = pg[row &+ c] * inverse
                                            ox[ix] -= w * z
                                            om[im] += w * z
                                            os[s] += w * (z * z - 1)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (Tensor(unchecked: x.shape, scalars: gx), Tensor(unchecked: mu.shape, scalars: gm),
                Tensor(unchecked: sigma.shape, scalars: gs))
    }

    /// The forward pass of `normalLogDensity` for the first `rows` rows (a multiple of 8) of a
    /// `pointsAgainstRow` broadcast, eight rows across the SIMD lanes: the points are eight
    /// consecutive `x`, each column's μ and σ a broadcast scalar. Same operations (the compiler
    /// may fuse `z²·(−½) + c` into one multiply-add: within an ulp).
    private static func normalLogDensityLanes(_ o: UnsafeMutableBufferPointer<Double>, _ px: UnsafeBufferPointer<Double>,
                                              _ pm: UnsafeBufferPointer<Double>, _ ps: UnsafeBufferPointer<Double>,
                                              _ pl: UnsafeBufferPointer<Double>, rows: Int, cols: Int) {
        let shift = SIMD8<Double>(repeating: -logSqrtTwoPi), half = SIMD8<Double>(repeating: -0.5)
        var r = 0
        while r < rows {
            let xv = SIMD8<Double>(UnsafeBufferPointer(rebasing: px[r..<(r &+ 8)]))
            for c in 0..<cols {
                let z = (xv - SIMD8(repeating: pm[c])) / SIMD8(repeating: ps[c])
                let v = (z * z * half + shift) - SIMD8(repeating: pl[c])
                for l in 0..<8 { o[(r &+ l) &* cols &+ c] = v[l] }
            }
            r &+= 8
        }
    }

    /// The backward pass of `normalLogDensity` for the first `rows` rows (a multiple of 8) of a
    /// `pointsAgainstRow` broadcast, eight rows across the lanes: each row's `x` gradient is
    /// summed across the columns in its lane, each column's μ and σ gradients across the rows
    /// in eight lanes, added up at the end.
    private static func normalLogDensityGradientLanes(_ pg: UnsafeBufferPointer<Double>, _ px: UnsafeBufferPointer<Double>,
                                                      _ pm: UnsafeBufferPointer<Double>, _ ps: UnsafeBufferPointer<Double>,
                                                      _ ox: UnsafeMutableBufferPointer<Double>,
                                                      _ om: UnsafeMutableBufferPointer<Double>,
                                                      _ os: UnsafeMutableBufferPointer<Double>, rows: Int, cols: Int) {
        var sumMu = [SIMD8<Double>](repeating: .zero, count: cols)
        var sumSigma = [SIMD8<Double>](repeating: .zero, count: cols)
        let inverses = (0..<cols).map { 1 / ps[$0] }
        let one = SIMD8<Double>(repeating: 1)
        var r = 0
        while r < rows {
            let xv = SIMD8<Double>(UnsafeBufferPointer(rebasing: px[r..<(r &+ 8)]))
            var dx = SIMD8<Double>.zero
            for c in 0..<cols {
                var gv = SIMD8<Double>.zero
                for l in 0..<8 { gv[l] = pg[(r &+ l) &* cols &+ c] }
                let inverse = SIMD8(repeating: inverses[c])
                let z = (xv - SIMD8(repeating: pm[c])) * inverse
                let w = gv * inverse
                let wz = w * z
                dx -= wz
                sumMu[c] += wz
                sumSigma[c] += w * (z * z - one)
            }
            for l in 0..<8 { ox[r &+ l] += dx[l] }
            r &+= 8
        }
        for c in 0..<cols {
            om[c] += sumMu[c].sum()
            os[c] += sumSigma[c].sum()
        }
    }
}
