import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for reading with POSIX calls: its size is known before anything is read, so
/// readers can check a header's claims against it before allocating, and bulk data can be read
/// straight into its final buffer. Errors name the path.
final class FileInput {
    let path: String
    let size: Int
    private let fd: Int32

    init(path: String) throws(DataError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileInput.openError(path, errno) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw FileInput.openError(path, e)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw DataError("\(path) is a directory, not a file")
        }
        self.fd = fd
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    static func openError(_ path: String, _ code: Int32) -> DataError {
        switch code {
        case ENOENT: return DataError("no such file: \(path)")
        case EACCES: return DataError("permission denied: \(path)")
        default: return DataError("cannot open \(path): \(String(cString: strerror(code)))")
        }
    }

    /// Reads exactly `count` bytes into `buffer`, or throws naming how many were read.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(DataError) {
        var done = 0
        while done < count {
            let r = Glibc.read(fd, buffer + done, min(count - done, 1 << 30))
            if r < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if r == 0 { throw DataError("\(path) ended after \(done) of \(count) expected bytes") }
            done += r
        }
    }

    /// Reads exactly `count` bytes starting at byte `offset` of the file.
    func read(at offset: Int, into buffer: UnsafeMutableRawPointer, count: Int) throws(DataError) {
        var done = 0
        while done < count {
            let r = pread(fd, buffer + done, min(count - done, 1 << 30), off_t(offset + done))
            if r < 0 {
                if errno == EINTR { continue }
                throw DataError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if r == 0 { throw DataError("\(path) ended after \(offset + done) bytes, \(count - done) fewer than expected") }
            done += r
        }
    }

    /// `count` bytes from byte `offset` as an array.
    func bytes(at offset: Int, count: Int) throws(DataError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var failure: DataError?
        out.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress, count > 0 else { return }
            do throws(DataError) { try read(at: offset, into: base, count: count) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    /// The next `count` bytes as an array.
    func readBytes(_ count: Int) throws(DataError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var failure: DataError?
        out.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress, count > 0 else { return }
            do throws(DataError) { try read(into: base, count: count) } catch { failure = error }
        }
        if let failure { throw failure }
        return out
    }

    /// Calls `body` with the whole file mapped read-only (no copy); falls back to reading it
    /// when it cannot be mapped. `size` must be > 0. (A file truncated by another process
    /// while mapped is outside this contract.)
    func withContents<R>(_ body: (UnsafePointer<UInt8>, Int) throws(DataError) -> R) throws(DataError) -> R {
        if let m = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), m != MAP_FAILED {
            defer { munmap(m, size) }
            return try body(m.assumingMemoryBound(to: UInt8.self), size)
        }
        let bytes = try bytes(at: 0, count: size)
        let result: Result<R, DataError> = bytes.withUnsafeBufferPointer { b in
            Result { () throws(DataError) in
                guard let base = b.baseAddress else { throw DataError("cannot read \(path)") }
                return try body(base, b.count)
            }
        }
        return try result.get()
    }

    /// The whole file (from the start) as bytes.
    static func readAll(_ path: String) throws(DataError) -> [UInt8] {
        let f = try FileInput(path: path)
        return try f.readBytes(f.size)
    }
}

/// Writing a whole file at once: the bytes go to a temporary file beside the target, which is
/// renamed over it only when complete, so a failed save loses nothing that was there.
enum FileOutput {
    static func write(_ bytes: [UInt8], to path: String) throws(DataError) {
        try replace(path) { tmp throws(DataError) in
            guard FileManager.default.createFile(atPath: tmp, contents: Data(bytes)) else {
                throw DataError("cannot write \(path)")
            }
        }
    }

    /// Runs `body` to write a temporary file, then moves it to `path`.
    static func replace(_ path: String, _ body: (String) throws(DataError) -> Void) throws(DataError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw DataError("cannot write \(path): no such directory \(dir)")
        }
        let tmp = dir + "/.\(url.lastPathComponent).\(getpid()).tmp"
        do {
            try body(tmp)
        } catch {
            unlink(tmp)
            throw error
        }
        guard rename(tmp, path) == 0 else {
            let e = errno
            unlink(tmp)
            throw DataError("cannot write \(path): \(String(cString: strerror(e)))")
        }
    }
}
