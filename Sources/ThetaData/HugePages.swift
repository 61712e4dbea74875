#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large fresh buffer with transparent huge pages (where the system
/// allows it on request, `madvise` mode), so that filling it costs one page fault per 2 MiB
/// instead of one per 4 KiB. NumPy does the same for large arrays. Only a hint: nothing
/// changes when it is ignored.
enum HugePages {
    static let size = 2 << 20

    static func advise(_ base: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= 2 * size else { return }
        let start = (Int(bitPattern: base) + size - 1) / size * size
        let end = (Int(bitPattern: base) + bytes) / size * size
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, MADV_HUGEPAGE)
        #endif
    }
}
