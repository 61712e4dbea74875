import Foundation
import XCTest

/// Locates the `theta` executable that `swift build` put beside the test bundle, and runs it
/// as a subprocess with the given arguments and standard input.
enum ThetaBinary {
    /// The built `theta`, or nil when it is not next to the test bundle.
    static var url: URL? {
        var candidates: [URL] = [Bundle.main.bundleURL]
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") {
            candidates.append(b.bundleURL.deletingLastPathComponent())
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for dir in candidates {
            let u = dir.appendingPathComponent("theta")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir), !isDir.boolValue { return u }
        }
        return nil
    }

    static func require() throws -> URL {
        guard let u = url else { throw XCTSkip("the theta executable was not built beside the tests") }
        return u
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `theta args...` to completion with `input` on its standard input.
    static func run(_ args: [String], input: String = "", environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = try require()
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if let directory { p.currentDirectoryURL = directory }
        // Output goes to files, not pipes, so a large output can never block the child.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let inPipe = Pipe()
        let outFile = try FileHandle(forWritingTo: outURL), errFile = try FileHandle(forWritingTo: errURL)
        p.standardInput = inPipe
        p.standardOutput = outFile
        p.standardError = errFile
        try p.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        p.waitUntilExit()
        try outFile.close()
        try errFile.close()
        return Result(status: p.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A fresh temporary directory for one test's files.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("theta-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `bytes` to `name` in `dir` and returns its path.
    static func write(_ bytes: [UInt8], named name: String, in dir: URL) throws -> String {
        let u = dir.appendingPathComponent(name)
        try Data(bytes).write(to: u)
        return u.path
    }

    static func write(_ text: String, named name: String, in dir: URL) throws -> String {
        try write(Array(text.utf8), named: name, in: dir)
    }
}
