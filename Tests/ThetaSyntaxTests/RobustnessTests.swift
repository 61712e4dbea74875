import XCTest
@testable import ThetaSyntax

/// No input, however bad, crashes the parser: it returns a program or a located syntax error.
final class RobustnessTests: XCTestCase {
    /// SplitMix64: a fixed-seed generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Parses `bytes`; fails the test if an error is not a syntax error inside the file.
    func check(_ bytes: [UInt8], _ what: String) {
        let file = SourceFile(name: "fuzz.gm", bytes: bytes)
        do {
            _ = try Parser.parse(file)
        } catch {
            XCTAssertEqual(error.kind, .syntax, what)
            guard let span = error.span else { return XCTFail("no span: \(what)") }
            XCTAssertTrue(span.start >= 0 && span.start <= span.end && span.end <= bytes.count,
                          "span \(span.start)..<\(span.end) outside \(bytes.count) bytes: \(what)")
            _ = DiagnosticRenderer.render(error)
        }
        _ = Parser.isIncomplete(String(decoding: bytes, as: UTF8.self))
        _ = CellSplitter.cells(of: file)
    }

    static let corpus = [
        "seed(0)\ndata = dataset(\"faithful\").eruptions\nmodel = Normal(learn(0.0), learn(1.0, positive))\n"
            + "fit = minimize(KL(data || model), steps: 500, optimizer: adam(lr: 0.05))\nmodel.logp(3.0);\n",
        "model Gaussian(mu0) {\n  mu = learn(mu0)\n  fn logp(x) = Normal(mu, 1).logp(x)\n}\ng = Gaussian(0.0)\n",
        "fn f(x, k = 2) {\n  if x > 0 { return x^k } else if x == 0 { 0 } else { -x }\n}\nfor i in range(3) { print(\"\\(i): \\(f(i))\") }\n",
        "xs = [[1, 2], [3, 4]]\nys = xs[:, 0] |> map(x => x * 2) |> sum\nr = {a: 1, b: (a, b) => a @ b}\nwhile true { break }\n",
        "# %% [markdown]\n# text\n# %%\nσ = 1e-3; μ = 1_000\nimport \"lib.gm\"\nx[1:3] += not a and b or c\n",
    ]

    func testRandomBytes() {
        var rng = SplitMix(state: 42)
        let alphabet = Array("abxyσμ019_.,:;()[]{}+-*/%@^=<>!|\"\\#\n \t$?`".utf8) + [0xFF, 0xC3, 0x80, 0xE2]
        for round in 0..<2000 {
            let n = Int.random(in: 0..<60, using: &rng)
            var bytes: [UInt8] = []
            for _ in 0..<n {
                if Bool.random(using: &rng) {
                    bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                }
            }
            check(bytes, "random round \(round): \(bytes)")
        }
    }

    func testMutationsOfValidPrograms() {
        var rng = SplitMix(state: 7)
        let pieces = Array("(){}[]\"\\,;:=+-^|>.\n#x1 ".utf8) + Array("fn if else => || |> and not".utf8)
        for p in Self.corpus { check(Array(p.utf8), "valid corpus") }
        for round in 0..<2000 {
            var bytes = Array(Self.corpus[round % Self.corpus.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                guard !bytes.isEmpty else { break }
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes.remove(at: i)
                case 1: bytes.insert(pieces[Int.random(in: 0..<pieces.count, using: &rng)], at: i)
                case 2: bytes[i] = pieces[Int.random(in: 0..<pieces.count, using: &rng)]
                default:
                    let j = Int.random(in: i..<bytes.count, using: &rng)
                    bytes.insert(contentsOf: bytes[i..<j].prefix(20), at: j)
                }
            }
            check(bytes, "mutation round \(round): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    func testValidCorpusParses() throws {
        for p in Self.corpus { _ = try Parser.parse(SourceFile(name: "c.gm", text: p)) }
    }

    // MARK: Deep nesting

    func expectTooDeep(_ source: String, file: StaticString = #filePath, line: UInt = #line) {
        let e = parseError(source, file: file, line: line)
        XCTAssertEqual(e?.message, "expression nested too deeply (more than \(Parser.maxDepth) levels)", file: file, line: line)
        if let s = e?.span { XCTAssertLessThanOrEqual(s.end, source.utf8.count, file: file, line: line) }
    }

    func testHundredThousandParenthesesGiveALocatedError() {
        expectTooDeep(String(repeating: "(", count: 100_000))
        expectTooDeep(String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000))
    }

    func testOtherDeepNestingIsAnError() {
        let n = 100_000
        expectTooDeep(String(repeating: "[", count: n) + String(repeating: "]", count: n))
        expectTooDeep("x = " + String(repeating: "-", count: n) + "1")
        expectTooDeep("x = " + String(repeating: "not ", count: n) + "a")
        expectTooDeep("x = " + Array(repeating: "2", count: n).joined(separator: "^"))
        expectTooDeep("x = " + Array(repeating: "1", count: n).joined(separator: " + "))
        expectTooDeep("f" + String(repeating: "()", count: n))
        expectTooDeep("x" + String(repeating: ".a", count: n))
        expectTooDeep(String(repeating: "if a {", count: n) + String(repeating: "}", count: n))
        expectTooDeep(String(repeating: "x => ", count: n) + "1")
        expectTooDeep("s = " + String(repeating: "{a: ", count: n) + "1" + String(repeating: "}", count: n))
    }

    func testDeepInterpolationIsAnError() {
        var s = "x"
        for _ in 0..<200 { s = "\"\\(" + s + ")\"" }
        let e = parseError(s)
        XCTAssertEqual(e?.message, "string interpolations nested too deeply")
    }

    func testModerateNestingWorks() {
        let n = 200
        XCTAssertEqual(sexp(String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)), "1")
        let sum = Array(repeating: "1", count: 300).joined(separator: " + ")
        XCTAssertTrue(sexp(sum).hasPrefix("(+ (+ "))
    }
}
