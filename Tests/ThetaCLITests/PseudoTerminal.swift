import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process attached to a new pseudo-terminal, driven as a person at a keyboard would:
/// `send` types bytes, `expect` waits until the screen output contains a text.
///
/// The child runs in its own session (`setsid`) with the terminal's slave side as stdin, stdout
/// and stderr, so it is its controlling terminal: `isatty` is true, readline edits lines, and
/// the Ctrl-C character becomes SIGINT through the terminal's line discipline.
final class PseudoTerminal {
    enum Failure: Error, CustomStringConvertible {
        case system(String)
        case timeout(waitingFor: String, transcript: String)
        var description: String {
            switch self {
            case .system(let s): return s
            case .timeout(let w, let t): return "timed out waiting for \(w.debugDescription); transcript:\n\(t)"
            }
        }
    }

    private let master: Int32
    private let pid: pid_t
    /// Everything the child has written so far.
    private(set) var transcript = ""
    /// Where the next `expect` starts looking.
    private var cursor: String.Index

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        // posix_openpt/grantpt/unlockpt/ptsname are hidden from Swift's Glibc module, so this
        // does what they do on Linux: open the multiplexer, unlock the slave, ask its number.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw Failure.system("cannot open /dev/ptmx") }
        let TIOCSPTLCK: UInt = 0x4004_5431, TIOCGPTN: UInt = 0x8004_5430
        var unlock: Int32 = 0, number: Int32 = 0
        guard ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
            close(master)
            throw Failure.system("cannot unlock the pseudo-terminal")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 24, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid, the first terminal the session leader opens becomes its controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setsid: Int16 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26)
        posix_spawnattr_setflags(&attributes, setsid)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failure.system("posix_spawn failed: \(rc)") }
        pid = child
        cursor = transcript.startIndex
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Types `text` (use "\r" for Return, "\u{3}" for Ctrl-C, "\u{4}" for Ctrl-D).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buf in
            var off = 0
            while off < buf.count {
                let n = write(master, buf.baseAddress! + off, buf.count - off)
                if n <= 0 { break }
                off += n
            }
        }
    }

    /// Waits until the output after the previous match contains `text`, and moves past it.
    func expect(_ text: String, timeout: TimeInterval = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let r = transcript.range(of: text, range: cursor..<transcript.endIndex) {
                cursor = r.upperBound
                return
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw Failure.timeout(waitingFor: text, transcript: transcript) }
            if !readAvailable(waitMilliseconds: Int32(min(left, 0.2) * 1000)) {
                if !transcript[cursor...].contains(text) && childExited {
                    throw Failure.timeout(waitingFor: text + " (the child exited)", transcript: transcript)
                }
            }
        }
    }

    /// Reads what is ready; false when nothing came within the wait.
    @discardableResult
    private func readAvailable(waitMilliseconds: Int32) -> Bool {
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, waitMilliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &buffer, buffer.count)
        guard n > 0 else { return false }
        let offset = transcript.distance(from: transcript.startIndex, to: cursor)
        transcript += String(decoding: buffer[0..<n], as: UTF8.self)
        cursor = transcript.index(transcript.startIndex, offsetBy: offset)
        return true
    }

    private var exitStatus: Int32?
    private var childExited: Bool {
        if exitStatus != nil { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exitStatus = status; return true }
        return false
    }

    /// Waits for the child to exit and returns its exit code (or 128 + signal).
    func waitForExit(timeout: TimeInterval = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while !childExited {
            guard Date() < deadline else { throw Failure.timeout(waitingFor: "exit", transcript: transcript) }
            readAvailable(waitMilliseconds: 50)
        }
        let status = exitStatus ?? 0
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
