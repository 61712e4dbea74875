import Foundation
import ThetaTensor

/// Elementwise functions of one argument. Values follow `UnaryFunction` (IEEE 754: `log(0)`
/// is `-inf`, `sqrt(-1)` is NaN); `exp`, `log`, `tanh`, `sigmoid`, `softplus` and `expm1` are its
/// vectorised `VectorMath` kernels, so a variable and a plain tensor give the same bits.
/// Derivatives are in `Tape.propagate`.
extension Variable {
    public func negated() throws(AutodiffError) -> Variable { try tape.unary(.neg, self) { -$0 } }
    public func exp() throws(AutodiffError) -> Variable { try tape.unary(.exp, self, .exp) }
    public func log() throws(AutodiffError) -> Variable { try tape.unary(.log, self, .log) }
    public func sqrt() throws(AutodiffError) -> Variable { try tape.unary(.sqrt, self) { $0.squareRoot() } }
    public func abs() throws(AutodiffError) -> Variable { try tape.unary(.abs, self) { Swift.abs($0) } }
    public func tanh() throws(AutodiffError) -> Variable { try tape.unary(.tanh, self, .tanh) }
    public func sigmoid() throws(AutodiffError) -> Variable { try tape.unary(.sigmoid, self, .sigmoid) }
    public func softplus() throws(AutodiffError) -> Variable { try tape.unary(.softplus, self, .softplus) }
    public func relu() throws(AutodiffError) -> Variable { try tape.unary(.relu, self) { $0 < 0 ? 0 : $0 } }
    public func log1p() throws(AutodiffError) -> Variable { try tape.unary(.log1p, self) { Foundation.log1p($0) } }
    public func expm1() throws(AutodiffError) -> Variable { try tape.unary(.expm1, self, .expm1) }
    public func sin() throws(AutodiffError) -> Variable { try tape.unary(.sin, self) { Foundation.sin($0) } }
    public func cos() throws(AutodiffError) -> Variable { try tape.unary(.cos, self) { Foundation.cos($0) } }
    public func square() throws(AutodiffError) -> Variable { try tape.unary(.square, self) { $0 * $0 } }
}
