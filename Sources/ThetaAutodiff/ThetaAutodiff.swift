/// ThetaAutodiff: reverse-mode differentiation over ThetaTensor.
///
/// - `Tape` records operations as a struct of arrays (one `Primitive`, two input references,
///   an origin tag and the output value per node); no class and no closure per node.
/// - `Variable` is the handle the caller computes with: a value, its tape and its node index.
/// - `Primitive` is the closed set of differentiable operations; every gradient rule lives in
///   one exhaustive `switch` (`Tape+Rules.swift`), so a primitive without a rule does not compile.
/// - `unbroadcast(_:to:)` is the one adjoint of broadcasting used by every binary rule.
/// - `GradientCheck` compares the tape's gradients with central finite differences.
import ThetaTensor
