import Foundation
import ThetaAutodiff
import ThetaTensor

/// Tape helpers shared by the families: constants, support restriction, `x·log y` with
/// `0·log 0 = 0`.
extension Tape {
    /// An untracked scalar.
    func scalar(_ v: Double) -> Variable { constant(Tensor(v)) }

    /// An untracked tensor of `shape` filled with `v`.
    func filled(_ v: Double, _ shape: [Int]) -> Variable {
        constant(Tensor(unchecked: shape, scalars: [Double](repeating: v, count: Shapes.count(shape))))
    }
}

/// `1` where `inside(x)`, `0` elsewhere.
@inline(__always)
func mask(_ t: Tensor, _ inside: (Double) -> Bool) -> Tensor {
    t.mapKernel { inside($0) ? 1 : 0 }
}

/// Whether every entry of a 0/1 mask is 1.
func allOnes(_ m: Tensor) -> Bool {
    m.scalars.withUnsafeBufferPointer { p in
        for v in p where v == 0 { return false }
        return true
    }
}

/// `body(x)` where `inside ≠ 0` and `-inf` elsewhere. Outside the support `body` sees `safe`
/// in place of `x` (the "double where"), so neither its value nor its gradient is NaN there;
/// `x` receives no gradient from those entries. `inside` broadcasts against `x`.
func restricted(_ x: Variable, inside: Tensor, safe: Double,
                _ body: (Variable) throws(AutodiffError) -> Variable) throws(AutodiffError) -> Variable {
    if allOnes(inside) { return try body(x) }
    let tape = x.tape
    let xs = try Variable.select(where: inside, x, tape.scalar(safe))
    let lp = try body(xs)
    return try Variable.select(where: inside, lp, tape.scalar(-.infinity))
}

/// `x·log y`, taken as 0 where `x = 0` (also when `y = 0`); the zero entries pass no
/// gradient to `y`. Used for log-masses at the edges of the parameter range (`p = 0, 1`).
func xlogy(_ x: Variable, _ y: Variable) throws(AutodiffError) -> Variable {
    let zero = mask(x.value) { $0 == 0 }
    if !zero.scalars.contains(1) { return try x * y.log() }
    let tape = x.tape
    let ys = try Variable.select(where: zero, tape.scalar(1), y)
    return try Variable.select(where: zero, tape.scalar(0), x * ys.log())
}

/// `−softplus(−x)`-style constants.
enum Constants {
    static let logSqrt2Pi = 0.91893853320467274178   // ½ log 2π
    static let log2 = 0.69314718055994530942
    static let logPi = 1.14472988584940017414
    static let sqrt2 = 1.41421356237309504880
    static let pi = Double.pi
}

extension RandomGenerator {
    /// A tensor of `shape` whose entries are successive `draw()`s (row-major).
    mutating func fill(_ shape: [Int], _ draw: (inout RandomGenerator) -> Double) -> Tensor {
        let n = Shapes.count(shape)
        var out = [Double](repeating: 0, count: n)
        for i in 0..<n { out[i] = draw(&self) }
        return Tensor(unchecked: shape, scalars: out)
    }
}

/// The values of `t` broadcast to `shape`, as a flat array (the caller checked the shapes).
func expanded(_ t: Tensor, _ shape: [Int], _ context: String) throws(ProbabilityError) -> [Double] {
    if t.shape == shape { return t.scalars }
    return try tensor(context) { () throws(TensorError) in try t.broadcast(to: shape).scalars }
}
