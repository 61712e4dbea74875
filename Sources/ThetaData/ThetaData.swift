/// ThetaData: data sets as values: built-in and generated sets, CSV / NPY / NPZ, batching
/// (issue 5). Imports the engine and ThetaProbability, never the language.
import ThetaTensor
import ThetaProbability
