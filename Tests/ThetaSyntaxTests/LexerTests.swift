import XCTest
@testable import ThetaSyntax

final class LexerTests: XCTestCase {
    func testNumbers() {
        XCTAssertEqual(tokenKinds("42 3.14 1e-3 1_000 2.5E+2 7e3"),
                       ["num:42", "num:3.14", "num:0.001", "num:1000", "num:250", "num:7000", "EOF"])
    }

    func testNumberFollowedByDotIsField() {
        XCTAssertEqual(tokenKinds("x[1:] 2.T"), ["id:x", "[", "num:1", ":", "]", "num:2", ".", "id:T", "EOF"])
    }

    func testNumberErrors() {
        XCTAssertEqual(spanText(lexError("x = 1_")), "_")
        XCTAssertEqual(spanText(lexError("x = 1__0")), "_")
        XCTAssertEqual(spanText(lexError("y = 2x")), "2x")
        let leadingDot = lexError("y = .5")
        XCTAssertEqual(spanText(leadingDot), ".5")
        XCTAssertEqual(leadingDot?.hint, "write 0.5")
    }

    func testStringsWithEscapes() {
        XCTAssertEqual(tokenKinds(#""a\tb\n\"q\" \\ end""#), ["str:a\tb\n\"q\" \\ end", "EOF"])
    }

    func testStringInterpolationRanges() {
        // "x = \(f(a, ")")) ok": the inner range covers f(a, ")").
        let src = #""x = \(f(a, ")")) ok""#
        let kinds = tokenKinds(src)
        let inner = src.utf8.count - 5   // up to the `)` that closes the interpolation
        XCTAssertEqual(kinds, ["str:x = {7..<\(inner)} ok", "EOF"])
        let file = SourceFile(name: "t", text: src)
        XCTAssertEqual(file.text(of: Span(file: file, start: 7, end: inner)), #"f(a, ")")"#)
    }

    func testUnicodeIdentifiers() {
        XCTAssertEqual(tokenKinds("μ σ2 θ_hat é"), ["id:μ", "id:σ2", "id:θ_hat", "id:é", "EOF"])
    }

    func testKeywords() {
        XCTAssertEqual(tokenKinds("fn model if else for in while return break continue true false none and or not import"),
                       Keyword.allCases.map { "kw:\($0.rawValue)" } + ["EOF"])
    }

    func testOperators() {
        XCTAssertEqual(tokenKinds("+ - * / % @ ^ == != < <= > >= = => |> || . , : ; += -= *= /="),
                       ["+", "-", "*", "/", "%", "@", "^", "==", "!=", "<", "<=", ">", ">=", "=", "=>", "|>", "||",
                        ".", ",", ":", ";", "+=", "-=", "*=", "/=", "EOF"])
    }

    func testCommentsAreSkipped() {
        XCTAssertEqual(tokenKinds("a # comment ( [ \"\n b"), ["id:a", "NL", "id:b", "EOF"])
    }

    func testNewlineEndsStatementAtTopLevelAndInBraces() {
        XCTAssertEqual(tokenKinds("a\n\n\nb"), ["id:a", "NL", "id:b", "EOF"])
        XCTAssertEqual(tokenKinds("{\na\nb\n}"), ["{", "id:a", "NL", "id:b", "NL", "}", "EOF"])
    }

    func testNewlineJoinedInsideParensAndBrackets() {
        XCTAssertEqual(tokenKinds("f(a\n, b\n)"), ["id:f", "(", "id:a", ",", "id:b", ")", "EOF"])
        XCTAssertEqual(tokenKinds("[1\n2]"), ["[", "num:1", "num:2", "]", "EOF"])
    }

    func testNewlineJoinedAfterOperatorOrComma() {
        XCTAssertEqual(tokenKinds("a +\nb"), ["id:a", "+", "id:b", "EOF"])
        XCTAssertEqual(tokenKinds("a |>\nf"), ["id:a", "|>", "id:f", "EOF"])
        XCTAssertEqual(tokenKinds("x =\n1"), ["id:x", "=", "num:1", "EOF"])
        XCTAssertEqual(tokenKinds("{a: 1,\nb: 2}"), ["{", "id:a", ":", "num:1", ",", "id:b", ":", "num:2", "}", "EOF"])
        XCTAssertEqual(tokenKinds("a\n+ b"), ["id:a", "NL", "+", "id:b", "EOF"])
    }

    func testNoLeadingNewline() {
        XCTAssertEqual(tokenKinds("\n\n# c\nx"), ["id:x", "EOF"])
    }

    func testSpans() {
        let lexed = Lexer.tokenize(SourceFile(name: "t", text: "σ = 10"))
        XCTAssertEqual(lexed.tokens.map { $0.span.start }, [0, 3, 5, 7])
        XCTAssertEqual(lexed.tokens.map { $0.span.end }, [2, 4, 7, 7])
        XCTAssertEqual(lexed.tokens[1].span.location.column, 3)
    }

    func testClosingIndices() {
        let lexed = Lexer.tokenize(SourceFile(name: "t", text: "f((a), [b])"))
        XCTAssertEqual(lexed.closing, [-1, 9, 4, -1, -1, -1, 8, -1, -1, -1, -1])
    }

    // MARK: Errors and their spans

    func testUnterminatedStringPointsAtOpeningQuote() {
        let e = lexError("x = 1\ny = \"abc\nz = 2")
        XCTAssertEqual(e?.message, "this string is never closed")
        XCTAssertEqual(e?.span?.start, 10)
        XCTAssertEqual(spanText(e), "\"")
    }

    func testUnknownEscape() {
        let e = lexError(#"s = "a\qb""#)
        XCTAssertEqual(e?.message, "unknown escape in string")
        XCTAssertEqual(spanText(e), #"\q"#)
    }

    func testStrayCharacters() {
        for (src, bad) in [("a $ b", "$"), ("`x`", "`"), ("a ? b : c", "?"), ("!a", "!"), ("a | b", "|"), ("a & b", "&"),
                           ("x = ∑", "∑")] {
            let e = lexError(src)
            XCTAssertEqual(e?.kind, .syntax, src)
            XCTAssertTrue(e?.message.hasPrefix("unexpected character") ?? false, src)
            XCTAssertEqual(spanText(e), bad, src)
            XCTAssertNotNil(e?.hint, src)
        }
    }

    func testDoubleStarSuggestsCaret() {
        let e = lexError("x**2")
        XCTAssertEqual(spanText(e), "**")
        XCTAssertEqual(e?.hint, "powers are written with ^, as in x^2")
    }

    func testInvalidUTF8PointsAtBadByte() {
        var bytes = Array("x = 1\ny = ".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array(" 2".utf8))
        let lexed = Lexer.tokenize(SourceFile(name: "t", bytes: bytes))
        XCTAssertEqual(lexed.error?.message, "invalid UTF-8 byte 0xFF")
        XCTAssertEqual(lexed.error?.span?.start, 10)
        XCTAssertEqual(lexed.error?.span?.end, 11)
    }

    func testInvalidUTF8InsideStringAndComment() {
        // A lead byte 0xCE (start of σ) followed by an ASCII byte: the bad byte is the second one.
        let inString = Array("s = \"a".utf8) + [0xCE, 0x41] + Array("\"".utf8)
        XCTAssertEqual(Lexer.tokenize(SourceFile(name: "t", bytes: inString)).error?.span?.start, 7)
        let inComment = Array("# c".utf8) + [0xC0, 0x80]   // overlong encoding
        XCTAssertEqual(Lexer.tokenize(SourceFile(name: "t", bytes: inComment)).error?.span?.start, 3)
    }

    func testUnclosedBracketPointsAtOpening() {
        let e = lexError("x = f(1,\n  [2, 3]\n")
        XCTAssertEqual(e?.message, "this ( is never closed")
        XCTAssertEqual(e?.span?.start, 5)
    }

    func testMismatchedBracket() {
        let e = lexError("x = (1, 2]")
        XCTAssertEqual(e?.message, "this ] does not match the ( at 1:5")
        XCTAssertEqual(e?.span?.start, 9)
        XCTAssertEqual(spanText(lexError("x = 1)")), ")")
        XCTAssertEqual(lexError("x = 1)")?.message, "unmatched )")
    }

    func testUnclosedInterpolation() {
        let e = lexError(#"s = "a \(x + 1""#)
        XCTAssertEqual(e?.message, "this string is never closed")
        let e2 = lexError("s = \"a \\(x + 1")
        XCTAssertEqual(e2?.message, "this \\( is never closed")
        XCTAssertEqual(spanText(e2), "\\(")
    }
}
