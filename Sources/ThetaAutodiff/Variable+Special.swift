import Foundation
import ThetaTensor

/// Special functions as differentiable operations (values from ThetaTensor's `Special`,
/// derivatives in `Tape.propagate`), and `implicit`, a node whose local derivatives the
/// caller supplies.
extension Variable {
    /// `log |Γ(x)|` elementwise; poles give `+inf`.
    public func lgamma() throws(AutodiffError) -> Variable { try tape.unary(.lgamma, self) { Special.lgamma($0) } }
    /// Digamma `ψ(x)` elementwise; its derivative is trigamma.
    public func digamma() throws(AutodiffError) -> Variable { try tape.unary(.digamma, self) { Special.digamma($0) } }
    /// The error function elementwise.
    public func erf() throws(AutodiffError) -> Variable { try tape.unary(.erf, self) { Special.erf($0) } }
    /// `1 − erf(x)`, with full relative precision in the right tail.
    public func erfc() throws(AutodiffError) -> Variable { try tape.unary(.erfc, self) { Special.erfc($0) } }
    /// `log σ(x) = −softplus(−x)`, exact far into both tails.
    public func logSigmoid() throws(AutodiffError) -> Variable { try tape.unary(.logSigmoid, self) { Special.logSigmoid($0) } }
    /// `atan x` elementwise.
    public func atan() throws(AutodiffError) -> Variable { try tape.unary(.atan, self) { Foundation.atan($0) } }

    /// `log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b)` elementwise with broadcasting,
    /// computed without cancelling large terms (`Special.lbeta`).
    public static func lbeta(_ a: Variable, _ b: Variable) throws(AutodiffError) -> Variable {
        try a.tape.binary(.lbeta, a, b) { Special.lbeta($0, $1) }
    }

    /// A variable holding `value` whose derivative with respect to each `inputs[k].variable`
    /// is the elementwise tensor `inputs[k].derivative` (of `value`'s shape; the variable's
    /// shape must broadcast to it, and its gradient is summed over the broadcast axes).
    ///
    /// For values computed outside the tape whose derivatives are known: implicit
    /// reparameterization (`dx/dα = −(∂F/∂α)/f`), CDFs through special functions. The value
    /// is taken as given; nothing checks that the derivatives belong to it.
    /// - Throws: `.forward` when a derivative's shape differs from `value`'s, or an input's
    ///   shape does not broadcast to it.
    public static func implicit(value: Tensor, inputs: [(variable: Variable, derivative: Tensor)],
                                on tape: Tape) throws(AutodiffError) -> Variable {
        let probe = Primitive.implicit(derivative: 0)
        var result = tape.constant(value)
        for (x, d) in inputs {
            try tape.check(x, probe)
            guard d.shape == value.shape else {
                throw AutodiffError(.forward, operation: probe.name,
                                    message: "implicit: a derivative of shape \(Tensor.describe(d.shape)) for a value of shape \(Tensor.describe(value.shape))",
                                    origin: tape.currentOrigin)
            }
            let joint = try? Tensor.broadcastShape(x.shape, value.shape, op: probe.name)
            guard joint == value.shape else {
                throw AutodiffError(.forward, operation: probe.name,
                                    message: "implicit: an input of shape \(Tensor.describe(x.shape)) does not broadcast to the value's shape \(Tensor.describe(value.shape))",
                                    origin: tape.currentOrigin)
            }
            guard tape.isRecording, x.isTracked else { continue }
            let dref = try tape.constantReference(d)
            let through = result.isTracked ? result.index : Tape.noInput
            result = try tape.push(.implicit(derivative: dref), value, x.index, through)
        }
        return result
    }
}
