import CReadline

/// Keeps large tensor buffers in the heap for reuse.
///
/// glibc serves allocations above its mmap threshold (128 KiB at first, growing to at most
/// 32 MiB) with fresh mappings that the kernel zero-fills page by page, and returns them on
/// free. A fit allocates and frees the same large buffers every step, so it would page-fault
/// through every byte of every step (a fifth of gmm1d's time). Raising the threshold and the
/// trim threshold lets freed buffers be reused; memory is returned when the process ends.
enum MemoryTuning {
    static func configure() {
        theta_keep_large_buffers(1 << 30)
    }
}
