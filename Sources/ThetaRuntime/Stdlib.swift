import Foundation
import ThetaData
import ThetaSyntax

/// The stdlib: Theta source shipped with the runtime (Sources/ThetaRuntime/stdlib, also at the
/// repository's top as `stdlib/`), run into the globals of every interpreter before the
/// program, so its models and functions (`dense`, `mlp`, the deep families) are always in scope.
/// Files run in name order; a file may use what earlier ones defined.
enum Stdlib {
    /// The stdlib's files, read once per process: (name, bytes).
    nonisolated(unsafe) private static var cached: [(String, [UInt8])]?
    private static let lock = NSLock()

    static func files() -> [(String, [UInt8])]? {
        lock.lock()
        defer { lock.unlock() }
        if let c = cached { return c }
        guard let dir = ResourceBundles.directory(module: "ThetaRuntime", folder: "stdlib", containing: "layers.gm"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return nil }
        var out: [(String, [UInt8])] = []
        for name in names.sorted() where name.hasSuffix(".gm") {
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { continue }
            out.append(("stdlib/" + name, Array(data)))
        }
        cached = out
        return out
    }

    /// Runs every stdlib file into `interpreter`; the problems met (a missing stdlib, or an
    /// error in one of its files).
    static func load(into interpreter: Interpreter) -> [Diagnostic] {
        guard let files = files() else {
            return [Diagnostic(.runtime, "the stdlib is missing from this installation: expected the folder Theta_ThetaRuntime.resources/stdlib beside the theta executable", at: nil)]
        }
        var problems: [Diagnostic] = []
        // Every file's top-level names get their global slots first, so a function in one file
        // may use a model defined in a later one (resolved when it is called).
        var programs: [(Program, String)] = []
        for (name, bytes) in files {
            do {
                let program = try Parser.parse(SourceFile(name: name, bytes: bytes))
                var names: [(String, Span)] = []
                AssignedNames.collect(program.statements, into: &names)
                for (n, _) in names { _ = interpreter.runtime.globals.slot(for: n) }
                programs.append((program, name))
            } catch {
                problems.append(error)
            }
        }
        for (program, name) in programs {
            do {
                let nodes = try interpreter.compile(program, name: name, display: false)
                try interpreter.execute(nodes)
            } catch {
                problems.append(error)
            }
        }
        return problems
    }
}
