#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ThetaSyntax

/// A file that could not be read, with the reason a person needs (a usage error: exit status 2).
struct FileReadError: Error, Equatable {
    let path: String
    let reason: String

    var message: String { "cannot read '\(path)': \(reason)" }
}

/// Reading `.gm` files from disk. The bytes are passed on unchanged, so invalid UTF-8 reaches
/// the lexer, which reports it with a location.
enum SourceLoading {
    /// The file at `path` as a `SourceFile` named by the path as given.
    static func load(_ path: String) throws(FileReadError) -> SourceFile {
        SourceFile(name: path, bytes: try readBytes(path))
    }

    /// Every byte of a regular file; a missing path, a directory or an unreadable file is an error
    /// naming the path and the reason.
    static func readBytes(_ path: String) throws(FileReadError) -> [UInt8] {
        if path.isEmpty { throw FileReadError(path: path, reason: "the path is empty") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw FileReadError(path: path, reason: describe(errno)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw FileReadError(path: path, reason: describe(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileReadError(path: path, reason: "it is a directory")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
            } else if n == 0 {
                return bytes
            } else if errno != EINTR {
                throw FileReadError(path: path, reason: describe(errno))
            }
        }
    }

    /// A short lower-case reason for an `errno` value.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "it is a directory"
        case ENOTDIR: return "a part of the path is not a directory"
        default:
            guard let text = strerror(code) else { return "error \(code)" }
            return String(cString: text).lowercased()
        }
    }
}
