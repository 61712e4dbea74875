import Foundation
import RealModule

// MARK: - Error function and its inverses

extension Special {
    /// `erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt`. Wraps the C library (via swift-numerics), accurate to
    /// about one ulp on glibc and Darwin.
    @inlinable
    public static func erf(_ x: Double) -> Double { Double.erf(x) }

    /// `erfc(x) = 1 − erf(x)`, computed directly so it keeps full relative precision deep in the
    /// right tail (`erfc(26) ≈ 5.66e-296`); it underflows to subnormals past x ≈ 26.55.
    @inlinable
    public static func erfc(_ x: Double) -> Double { Double.erfc(x) }

    /// `2/√π`, the derivative of erf at 0.
    @usableFromInline static let twoOverSqrtPi = 1.1283791670955125739

    /// The inverse error function: `erf(erfinv(y)) = y` for `−1 ≤ y ≤ 1`; `±1 ↦ ±∞`, outside
    /// the interval NaN.
    ///
    /// For `|y| ≤ ½`, Newton's method on `f(x) = erf(x) − |y|` from `x = 0`: erf is concave on
    /// `x > 0`, so every tangent lies above the graph and the iterates increase monotonically to
    /// the root. For `|y| > ½`, `q = 1 − |y|` is exact (Sterbenz) and `erfinv(y) = ±erfcinv(q)`,
    /// so values next to ±1 (`1 − 2⁻⁵³`) keep full precision.
    public static func erfinv(_ y: Double) -> Double {
        if y.isNaN || y.magnitude > 1 { return .nan }
        if y == 0 { return y }
        let a = y.magnitude
        let x = a <= 0.5 ? erfinvCentral(a) : erfcinvTail(1 - a)
        return y < 0 ? -x : x
    }

    /// The inverse complementary error function: `erfc(erfcinv(q)) = q` for `0 ≤ q ≤ 2`;
    /// `0 ↦ +∞`, `2 ↦ −∞`, outside NaN. Uses `erfcinv(q) = −erfcinv(2 − q)` (exact for `q ≥ 1`),
    /// `erfcinv(q) = erfinv(1 − q)` for `½ ≤ q ≤ 1`, and for `q < ½` Newton's method on
    /// `g(x) = log erfc(x) − log q` from `x₀ = √(−log q)` (since `erfc(x) < e^{−x²}`, `x₀` lies
    /// right of the root; `log erfc` is concave, so the iterates decrease monotonically to it).
    /// Below `q = 1e-290` (root above 25.8, where erfc near the root approaches and then
    /// crosses into the subnormals and loses its relative precision) the same Newton iteration
    /// runs on the asymptotic expansion of `log erfc` instead (`erfcinvFarTail`), so the
    /// result keeps full precision down to the smallest subnormal `q`.
    public static func erfcinv(_ q: Double) -> Double {
        if q.isNaN || q < 0 || q > 2 { return .nan }
        if q == 0 { return .infinity }
        if q == 2 { return -.infinity }
        if q > 1 { return -erfcinv(2 - q) }
        if q >= 0.5 {
            let y = 1 - q
            return y == 0 ? 0 : erfinvCentral(y)
        }
        return erfcinvTail(q)
    }

    /// Root of `erf(x) = y` for `0 < y ≤ ½` (root below 0.477).
    @usableFromInline
    static func erfinvCentral(_ y: Double) -> Double {
        var x = 0.0
        for _ in 0..<60 {
            let step = (y - erf(x)) / (twoOverSqrtPi * Foundation.exp(-x * x))
            x += step
            if step.magnitude <= 2e-16 * x.magnitude { break }
        }
        return x
    }

    /// Root of `erfc(x) = q` for `0 < q < ½` (root above 0.477).
    @usableFromInline
    static func erfcinvTail(_ q: Double) -> Double {
        if q < 1e-290 { return erfcinvFarTail(q) }
        let logQ = Foundation.log(q)
        var x = (-logQ).squareRoot()
        for _ in 0..<100 {
            let c = erfc(x)
            guard c > 0 else {
                // Past erfc's underflow: step left along the asymptote erfc(x) ≈ e^{−x²}/(x√π).
                x -= 0.5 / x
                continue
            }
            // g/g' with g = log erfc(x) − log q, g' = −(2/√π) e^{−x²} / erfc(x).
            let slope = twoOverSqrtPi * Foundation.exp(-x * x) / c
            let step = (Foundation.log(c) - logQ) / slope
            x += step
            if step.magnitude <= 2e-16 * x { break }
        }
        return x
    }

    /// Root of `erfc(x) = q` for `0 < q < 1e-290` (root above 25.8), subnormal `q` included.
    ///
    /// Newton's method on `g(x) = log erfc(x) − log q` with `log erfc` from the asymptotic
    /// expansion `erfc(x) = e^{−x²}/(x√π) · S(x)`, `S(x) = Σ_{n≥0} (−1)ⁿ (2n−1)!! / (2x²)ⁿ`
    /// (A&S 7.1.23): at `x ≥ 25` the terms fall below 1e-19 by the ninth, long before the series
    /// starts to diverge (near `n = x²`), so `S` is exact to rounding. Nothing underflows: `q`
    /// enters only through `log q`, which a subnormal has to full relative precision. With
    /// `g'(x) = −2x/S(x)` the step is `g·S/(2x)`. The large, nearly cancelling parts of `g`
    /// (`−x²` and `−log q`, both about 700) are subtracted first, with `x²` split exactly by a
    /// fused multiply-add, so `g` carries an absolute error of a few ulps of 700, which moves
    /// the root by about 1e-16 relative. The start `√(−log q)` lies right of the root
    /// (`erfc(x) < e^{−x²}`), and `log erfc` is concave, so the iterates decrease to it.
    @usableFromInline
    static func erfcinvFarTail(_ q: Double) -> Double {
        if q <= 0 { return .infinity }   // erfinv(±1) arrives here with q = 0
        let logQ = Foundation.log(q)
        let halfLogPi = 0.57236494292470008707   // ½ log π
        var x = (-logQ).squareRoot()
        for _ in 0..<50 {
            let x2 = x * x
            let x2Err = (-x2).addingProduct(x, x)   // x·x − x2, exact
            let z = 1 / (2 * x2)
            var term = 1.0, s = 1.0
            for n in 1...12 {
                term *= -Double(2 * n - 1) * z
                s += term
            }
            let g = ((-logQ - x2) - x2Err) - (Foundation.log(x) + halfLogPi) + Foundation.log(s)
            let step = g * s / (2 * x)
            x += step
            if step.magnitude <= 1e-16 * x { break }
        }
        return x
    }
}
