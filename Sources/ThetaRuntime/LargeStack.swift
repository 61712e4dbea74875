#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on a thread with a large stack, so that deep (10,000-call) recursion in a Theta
/// program works, and records the stack's lower bound so runaway recursion becomes an error
/// before the guard page.
enum LargeStack {
    /// 4 GiB of address space; pages are committed only when touched.
    static let size = 4 << 30
    /// Headroom kept below the limit for the error path and Swift runtime calls.
    static let reserve = 4 << 20

    final class Job: @unchecked Sendable {
        let body: (UInt) -> Void
        init(_ body: @escaping (UInt) -> Void) { self.body = body }
    }

    /// Runs `body(stackLimit)` on a new thread and waits for it. If the thread cannot be made,
    /// runs on the current thread with no limit (0).
    static func run(_ body: @escaping (UInt) -> Void) {
        let job = Job(body)
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, size)
        let context = Unmanaged.passRetained(job).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t? = nil
        #endif
        let rc = pthread_create(&thread, &attr, { raw in
            #if canImport(Glibc)
            guard let raw else { return nil }
            #endif
            let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
            var marker: UInt8 = 0
            let top = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
            job.body(top - UInt(LargeStack.size) + UInt(LargeStack.reserve))
            return nil
        }, context)
        if rc != 0 {
            Unmanaged<Job>.fromOpaque(context).release()
            body(0)
            return
        }
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        if let thread { pthread_join(thread, nil) }
        #endif
    }
}
