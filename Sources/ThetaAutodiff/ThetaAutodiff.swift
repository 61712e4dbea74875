/// ThetaAutodiff: reverse-mode differentiation over ThetaTensor.
import ThetaTensor
