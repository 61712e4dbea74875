import COpenBLAS
import Foundation

/// OpenBLAS's thread count. Theta's products are mostly small (a course model's layers), where
/// a second thread costs more in hand-off than it saves, and the reference figures are for one
/// thread; so programs run OpenBLAS on one thread unless `OPENBLAS_NUM_THREADS` says otherwise.
/// (OpenBLAS reads that variable when it loads, before `main`, hence the explicit call.)
public enum BLASThreads {
    /// Sets one thread unless the environment chose a count; returns the count in effect.
    @discardableResult
    public static func useOneUnlessConfigured() -> Int {
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
            openblas_set_num_threads(1)
        }
        return Int(openblas_get_num_threads())
    }
}
