import XCTest
@testable import ThetaSyntax

/// Parses `source` and prints it as S-expressions (one line per statement).
func sexp(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let f = SourceFile(name: "test.gm", text: source)
    do {
        return ASTPrinter.print(try Parser.parse(f))
    } catch {
        XCTFail("unexpected error: \(DiagnosticRenderer.render(error))", file: file, line: line)
        return "<error>"
    }
}

/// Parses `source`, expecting a syntax error; returns it.
func parseError(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
    let f = SourceFile(name: "test.gm", text: source)
    do {
        let p = try Parser.parse(f)
        XCTFail("expected an error, got \(ASTPrinter.print(p))", file: file, line: line)
        return nil
    } catch {
        XCTAssertEqual(error.kind, .syntax, file: file, line: line)
        return error
    }
}

/// The source text under a diagnostic's span.
func spanText(_ d: Diagnostic?) -> String? {
    guard let d, let s = d.span else { return nil }
    return s.file.text(of: s)
}

/// Token kinds of `source`, as short strings: `id:x`, `num:3`, `kw:if`, `+`, `NL`, `EOF`, `str:...`.
func tokenKinds(_ source: String) -> [String] {
    let lexed = Lexer.tokenize(SourceFile(name: "t.gm", text: source))
    return lexed.tokens.map { t in
        switch t.kind {
        case .identifier(let s): return "id:\(s)"
        case .number(let v): return "num:\(ASTPrinter.number(v))"
        case .string(let segs):
            return "str:" + segs.map { seg -> String in
                switch seg {
                case .text(let s): return s
                case .interpolation(let r): return "{\(r.lowerBound)..<\(r.upperBound)}"
                }
            }.joined()
        case .keyword(let k): return "kw:\(k.rawValue)"
        case .punct(let p): return p.rawValue
        case .newline: return "NL"
        case .eof: return "EOF"
        }
    }
}

/// The lexer's error for `source`, if any.
func lexError(_ source: String) -> Diagnostic? {
    Lexer.tokenize(SourceFile(name: "t.gm", text: source)).error
}
