@testable import CTGCommands
import Foundation
import Model
@testable import Rules
import Testing

/// `Tests/CTGTests/Fixtures/rules/…`, found from this file's path.
func rulesFixture(_ name: String, file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Fixtures/rules/\(name)").path
}

@Suite("Check: output formats")
struct CheckOutputTests {
    /// Set `CTG_REGENERATE_GOLDEN=1` to rewrite the golden file on purpose, then read the diff.
    @Test("text output of a file with several findings matches the golden file")
    func golden() async throws {
        let root = rulesFixture("golden")
        let outcome = await CheckCommand.execute(root: root, format: .text, color: false)
        #expect(outcome.code == 1)
        let goldenPath = root + "/expected.txt"
        if ProcessInfo.processInfo.environment["CTG_REGENERATE_GOLDEN"] != nil {
            try outcome.stdout.write(toFile: goldenPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: goldenPath, encoding: .utf8)
        #expect(outcome.stdout == expected)
        #expect(outcome.stdout.hasSuffix("6 erreurs, 3 avertissements dans 1 convention\n"))
    }

    @Test("JSON has exactly FORMAT.md §5's keys, in order, and null for no convention")
    func jsonShape() throws {
        let findings = [
            Finding(.cleInconnue, at: SourceLocation(file: "content/site.yml", line: 3, column: 1), "clé « \"x\" »\n"),
            Finding(.dureeQuatreAns, at: SourceLocation(file: "content/territoires/é.md", line: 14, column: 1), "La période…", convention: "e"),
        ]
        let text = JSONReport.render(findings, conventions: 8, cadres: [("e", .cnaf2020), ("f", .cnaf2013)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        // The contract's keys, and the frameworks after them (FORMAT.md §5 does not name them).
        #expect(Set(object.keys) == ["version", "conventions", "errors", "warnings", "findings", "cadres"])
        #expect(object["cadres"] as? [String: String] == ["e": "cnaf-2020", "f": "cnaf-2013"])
        #expect(object["version"] as? Int == 1)
        #expect(object["conventions"] as? Int == 8)
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        let list = try #require(object["findings"] as? [[String: Any]])
        #expect(list.count == 2)
        #expect(Set(list[0].keys) == ["rule", "severity", "file", "line", "column", "convention", "message", "cadre"])
        #expect(list[0]["convention"] is NSNull)
        #expect(list[0]["cadre"] is NSNull)
        #expect(list[1]["cadre"] as? String == "cnaf-2020")
        #expect(list[0]["message"] as? String == "clé « \"x\" »\n")
        #expect(list[1]["severity"] as? String == "error")
        #expect(list[1]["file"] as? String == "content/territoires/é.md")
        #expect(list[1]["line"] as? Int == 14 && list[1]["column"] as? Int == 1)
        #expect(list[1]["convention"] as? String == "e")
        // Key order is the contract's, byte for byte.
        let keys = ["\"version\"", "\"conventions\"", "\"errors\"", "\"warnings\"", "\"findings\"", "\"rule\"", "\"severity\"",
                    "\"file\"", "\"line\"", "\"column\"", "\"convention\"", "\"message\"", "\"cadre\"", "\"cadres\""]
        let offsets = keys.map { text.range(of: $0)!.lowerBound }
        #expect(offsets == offsets.sorted())
        #expect(JSONReport.render([], conventions: 0).contains("\"findings\": []"))
    }

    @Test("the JSON of a real check agrees with its findings")
    func jsonOfAProject() async throws {
        let outcome = await CheckCommand.execute(root: rulesFixture("golden"), format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 6)
        #expect(object["warnings"] as? Int == 3)
        let first = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(first["rule"] as? String == "deliberation-ca")
        #expect(first["severity"] as? String == "warning")
        #expect(first["convention"] as? String == "lille-2015")
        // lille-2015 starts in 2015 and names no framework: cnaf-2013 (FORMAT.md §3).
        #expect(first["cadre"] as? String == "cnaf-2013")
        #expect(object["cadres"] as? [String: String] == ["lille-2015": "cnaf-2013"])
    }

    @Test("SARIF 2.1.0: driver ctg with every rule, results with level and region")
    func sarif() async throws {
        let outcome = await CheckCommand.execute(root: rulesFixture("golden"), format: .sarif)
        #expect(outcome.code == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "ctg")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == RuleID.allCases.map(\.rawValue))
        #expect(rules.allSatisfy { (($0["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 9)
        let r = results[1]
        #expect(r["ruleId"] as? String == "type-invalide")
        #expect(r["level"] as? String == "error")
        #expect(((r["message"] as? [String: Any])?["text"] as? String)?.contains("locale") == true)
        let physical = try #require(((r["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "content/territoires/lille-2015.md")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 3 && region["startColumn"] as? Int == 10)
        #expect(results[0]["level"] as? String == "warning")
        #expect(r["properties"] as? [String: String] == ["convention": "lille-2015", "cadre": "cnaf-2013"])
        #expect((run["properties"] as? [String: Any])?["cadres"] as? [String: String] == ["lille-2015": "cnaf-2013"])
        #expect(SARIFReport.uri("content/territoires/é x.md") == "content/territoires/%C3%A9%20x.md")
    }

    @Test("the caret stands under the column: tabs kept, multi-byte characters counted once")
    func caret() {
        let f = Finding(.lienCasse, at: SourceLocation(file: "f.md", line: 2, column: 9), "m")
        let out = TextReport.render([f], conventions: 1, color: false) { _, n in n == 2 ? "é\tà [x](y)" : nil }
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "f.md:2:9: erreur[lien-casse]: m")
        #expect(lines[1] == " 2 | é\tà [x](y)")
        #expect(lines[2] == "   |  \t      ^")
        #expect(lines.last == "")
        #expect(out.hasSuffix("1 erreur, aucun avertissement dans 1 convention\n"))
    }

    @Test("no source line, a column past the end, control characters, a very long line")
    func oddLines() {
        let none = TextReport.render([Finding(.yamlInvalide, at: .start(of: "x.md"), "vide")], conventions: 1, color: false) { _, _ in nil }
        #expect(none == "x.md:1:1: erreur[yaml-invalide]: vide\n\naucune erreur, aucun avertissement dans 1 convention\n".replacingOccurrences(of: "aucune erreur", with: "1 erreur"))
        let (text, caret) = TextReport.excerpt("ab\u{1}c", column: 40)
        #expect(text == "ab\u{FFFD}c" && caret == 4)
        let long = String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000)
        let (cut, at) = TextReport.excerpt(long, column: 1001)
        #expect(cut.unicodeScalars.count <= TextReport.window + 2)
        #expect(Array(cut.unicodeScalars)[at] == "X")
    }

    @Test("colour only when asked")
    func colour() {
        let f = [Finding(.gouvernance, at: .start(of: "a.md"), "m")]
        #expect(!TextReport.render(f, conventions: 1, color: false) { _, _ in "---" }.contains("\u{1B}["))
        let coloured = TextReport.render(f, conventions: 1, color: true) { _, _ in "---" }
        #expect(coloured.contains("\u{1B}[1;35mavertissement[gouvernance]\u{1B}[0m"))
    }

    @Test("counts in French: singular, plural, none")
    func summary() {
        let e = Finding(.chronologie, at: .start(of: "a"), "m"), w = Finding(.gouvernance, at: .start(of: "a"), "m")
        #expect(TextReport.summary([e, e, w], conventions: 8) == "2 erreurs, 1 avertissement dans 8 conventions")
        #expect(TextReport.summary([w, w], conventions: 1) == "aucune erreur, 2 avertissements dans 1 convention")
        #expect(TextReport.summary([], conventions: 0) == "aucune erreur, aucun avertissement dans aucune convention")
    }
}
