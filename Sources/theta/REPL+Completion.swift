#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline
import ThetaRuntime

/// What completion asks of the session; `Interpreter`'s facade provides exactly this.
protocol CompletionSource: AnyObject {
    var globalNames: [String] { get }
    func parameterNames(of name: String) -> [String]
    func memberNames(of name: String) -> [String]
}

extension Interpreter: CompletionSource {}

/// Tab completion in the REPL:
/// - a word at the start of a line beginning with `:` completes meta-commands;
/// - after `:load ` readline completes file names;
/// - `name.pre` completes the members of the global `name`;
/// - inside the arguments of `name(` the named parameters of `name` (as `p: `) come first,
///   then global names and keywords;
/// - anything else completes global names and keywords.
final class Completion {
    let source: CompletionSource

    init(source: CompletionSource) { self.source = source }

    /// Keywords offered with global names.
    static let keywords = [
        "fn", "model", "if", "else", "for", "in", "while", "return", "break", "continue",
        "true", "false", "none", "and", "or", "not", "import",
    ]

    /// Characters that end a word; `.` is not one, so `model.lo` is completed as one word.
    static let wordBreaks = " \t\n\"'`@$><=;|&{}()[],+-*/%^!~"

    /// What to offer for `word`, which starts at byte offset `wordStart` of `line`.
    enum Answer: Equatable {
        case names([String])
        case fileNames
    }

    func answer(line: String, wordStart: Int, word: String) -> Answer {
        let before = String(decoding: line.utf8.prefix(max(0, wordStart)), as: UTF8.self)
        let head = before.drop(while: { $0 == " " || $0 == "\t" })
        if head.isEmpty, word.hasPrefix(":") {
            return .names(REPL.metaCommandNames.filter { $0.hasPrefix(word) })
        }
        if head.hasPrefix(":load ") || head.hasPrefix(":l ") { return .fileNames }
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot]), partial = String(word[word.index(after: dot)...])
            guard Self.isIdentifier(base) else { return .names([]) }
            return .names(source.memberNames(of: base).filter { $0.hasPrefix(partial) }
                .sorted().map { "\(base).\($0)" })
        }
        let names = (source.globalNames + Self.keywords).filter { $0.hasPrefix(word) }
        var result = Array(Set(names)).sorted()
        if let callee = Self.enclosingCall(before) {
            let params = source.parameterNames(of: callee).filter { $0.hasPrefix(word) }.map { "\($0): " }
            result = params + result
        }
        return .names(result)
    }

    /// The global name whose call `(` is the innermost one still open at the end of `text`
    /// (nil when the innermost open bracket is not a call of a plain name).
    static func enclosingCall(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var opens: [Int] = []
        var inString = false
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if inString {
                if c == "\\" { i += 2; continue }
                if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "(" || c == "[" || c == "{" {
                opens.append(i)
            } else if c == ")" || c == "]" || c == "}" {
                if !opens.isEmpty { opens.removeLast() }
            }
            i += 1
        }
        guard let open = opens.last, scalars[open] == "(" else { return nil }
        var start = open
        while start > 0, isWordScalar(scalars[start - 1]) { start -= 1 }
        if start == open { return nil }
        if start > 0, scalars[start - 1] == "." { return nil }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[start..<open])
        return isIdentifier(name) ? name : nil
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy(isWordScalar)
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }

    /// The longest common prefix of `names`, cut at a Unicode scalar boundary.
    static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for name in names.dropFirst() {
            let s = Array(name.unicodeScalars)
            var n = 0
            while n < prefix.count, n < s.count, prefix[n] == s[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: prefix)
        return out
    }

    // MARK: readline glue

    /// Makes `completion` the one readline calls.
    static func install(_ completion: Completion) {
        CompletionRegistry.active = completion
        theta_rl_set_word_breaks(CompletionRegistry.wordBreaks)
        theta_rl_set_completion(readlineCompletion)
    }

    /// A readline match list: `[common prefix, match1, ..., NULL]` (or `[match, NULL]` for one
    /// match), allocated with `malloc` because readline frees it.
    static func matchList(_ names: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        guard !names.isEmpty else { return nil }
        let entries = names.count == 1 ? names : [commonPrefix(names)] + names
        let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
        guard let raw = malloc(size) else { return nil }
        let list = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        for (i, e) in entries.enumerated() { list[i] = strdup(e) }
        list[entries.count] = nil
        return list
    }
}

/// The completion readline calls. Readline calls it on the main thread, inside `readline()`,
/// which is the only place `CompletionRegistry.active` is read.
private let readlineCompletion: @convention(c) (
    UnsafePointer<CChar>?, Int32, Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, _ in
    guard let completion = CompletionRegistry.active, let text else { return nil }
    let line = theta_rl_line_buffer().map { String(cString: $0) } ?? ""
    switch completion.answer(line: line, wordStart: Int(start), word: String(cString: text)) {
    case .fileNames:
        theta_rl_set_completion_over(0)
        theta_rl_set_append_character(Int32(UInt8(ascii: " ")))
        return nil
    case .names(let names):
        theta_rl_set_completion_over(1)
        theta_rl_set_append_character(0)
        return Completion.matchList(names)
    }
}

/// The one audited piece of shared mutable state for readline's C callbacks: set once on the main
/// thread before the first `readline()` call and read only by `readlineCompletion`, which
/// readline runs on that same thread.
enum CompletionRegistry {
    nonisolated(unsafe) static var active: Completion?
    /// Kept alive for the process: readline stores the pointer.
    nonisolated(unsafe) static let wordBreaks: UnsafeMutablePointer<CChar>? = strdup(Completion.wordBreaks)
}
