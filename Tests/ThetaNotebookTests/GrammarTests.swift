import Foundation
import XCTest
import ThetaSyntax

/// grammar/theta.tmLanguage.json agrees with the language: every keyword, operator and number
/// form the lexer knows (the EBNF's KEYWORD, OPERATOR and NUMBER) is matched whole by the
/// grammar's rule for it. Patterns are compiled with ICU, whose syntax covers the TextMate
/// (Oniguruma) features used.
final class GrammarTests: XCTestCase {
    struct Rule { let name: String; let regex: NSRegularExpression }

    static func rules(_ group: String) throws -> [Rule] {
        let url = Paths.repository.appendingPathComponent("grammar/theta.tmLanguage.json")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let repo = try XCTUnwrap(json["repository"] as? [String: Any])
        let entry = try XCTUnwrap(repo[group] as? [String: Any], "no rule \(group)")
        let list = (entry["patterns"] as? [[String: Any]]) ?? [entry]
        return try list.compactMap { r in
            guard let m = r["match"] as? String else { return nil }
            return Rule(name: r["name"] as? String ?? "", regex: try NSRegularExpression(pattern: m))
        }
    }

    static func matchesWhole(_ rules: [Rule], _ text: String) -> String? {
        let ns = text as NSString
        for r in rules {
            if let m = r.regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)),
               m.range.location == 0, m.range.length == ns.length { return r.name }
        }
        return nil
    }

    func testEveryKeywordIsHighlighted() throws {
        let rules = try Self.rules("keyword") + Self.rules("constant")
        for k in Keyword.allCases where k != .model {
            XCTAssertNotNil(Self.matchesWhole(rules, k.rawValue), "keyword \(k.rawValue)")
        }
        // "model" is contextual: a keyword only in a declaration.
        let decl = try Self.rules("declaration")
        XCTAssertNil(Self.matchesWhole(rules, "model"))
        XCTAssertTrue(decl.contains { $0.regex.firstMatch(in: "model Gaussian(mu0) {", range: NSRange(location: 0, length: 21)) != nil })
    }

    func testEveryOperatorAndPunctuationIsMatchedWhole() throws {
        let rules = try Self.rules("operator") + Self.rules("punctuation")
        for p in Punct.allCases {
            XCTAssertNotNil(Self.matchesWhole(rules, p.rawValue), "operator \(p.rawValue)")
        }
    }

    func testNumbersTheLexerAcceptsAreMatchedWhole() throws {
        let rules = try Self.rules("number")
        for text in ["42", "3.14", "1e-3", "1_000", "2.5E+3", "0", "10_000.000_1e1_0"] {
            let lexed = Lexer.tokenize(SourceFile(name: "n", text: text))
            guard case .number? = lexed.tokens.first?.kind, lexed.tokens.count == 2 else {
                XCTFail("the lexer does not read \(text) as one number"); continue
            }
            XCTAssertNotNil(Self.matchesWhole(rules, text), text)
        }
    }

    func testCellMarkersCommentsAndStrings() throws {
        let cells = try Self.rules("cell-marker")
        XCTAssertEqual(Self.matchesWhole(cells, "# %% [markdown]"), "meta.separator.cell.markdown.theta")
        XCTAssertEqual(Self.matchesWhole(cells, "# %%"), "meta.separator.cell.code.theta")
        XCTAssertNotNil(Self.matchesWhole(try Self.rules("comment"), "# a comment"))
        let url = Paths.repository.appendingPathComponent("grammar/theta.tmLanguage.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("\"scopeName\": \"source.theta\""))
        XCTAssertTrue(text.contains("\"fileTypes\": [\"gm\"]"))
    }
}
