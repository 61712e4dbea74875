/// ThetaProbability: distributions, constraints and bijectors, the closed-form KL table,
/// divergence estimators, optimizers and the fit loop (issues 4 and 6). Imports the engine only.
import ThetaTensor
import ThetaAutodiff
