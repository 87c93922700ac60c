@testable import Content
import Foundation
import Model
import Rules
import Testing

/// A French decimal comma in a flow mapping (RULES.md, `type-invalide`, v2):
/// `{ annee: 2014, valeur: 27,5 }` is read by YAML as `valeur: 27` and a key `5`. It is one
/// error at the value, « 27,5 : écrivez 27.5 », never read as 27 (issue 24: ctg warned about
/// a key `5`, exited 0 and published 27), in place of the stray key's `cle-inconnue`.
@Suite("Check: decimal comma")
struct CheckDecimalCommaTests {
    static func finding(_ text: String, _ needle: String, nth: Int = 1, _ message: String) throws -> Finding {
        let place = try #require(position(of: needle, in: text, nth: nth))
        return Finding(.typeInvalide, at: SourceLocation(file: F.roubaix, line: place.line, column: place.column), message,
                       convention: "roubaix-2014")
    }

    @Test("reference: { annee: 2013, valeur: 850,5 } is one type-invalide at the value, and no value is read")
    func reference() async throws {
        let files = RulesFixture.with(F.roubaix) {
            $0.replacing1("reference: { annee: 2013, valeur: 850 }", "reference: { annee: 2013, valeur: 850,5 }")
        }
        let text = try #require(files[F.roubaix])
        #expect(try await RulesFixture.check(files) == [try Self.finding(text, "850,5",
            "850,5\u{00A0}: écrivez 850.5 (entre accolades, la virgule sépare deux éléments, et « valeur » se lirait 850)")])
        let root = try RulesFixture.write(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let project = try await ProjectLoader.load(root: root)
        let c = try #require(project.conventions.first { $0.id.value == "roubaix-2014" })
        let indicateur = try #require(c.axes?.value.first?.objectifs?.value.first?.indicateurs?.value.first)
        #expect(indicateur.reference?.annee?.value == 2013)
        #expect(indicateur.reference?.valeur == nil, "27 must never be read for 27,5")
    }

    @Test("two decimal commas in one mapping give two findings, not a duplicate key `5`; the other years are read")
    func twoInOneMapping() async throws {
        let files = RulesFixture.with(F.roubaix) {
            $0.replacing1("resultats: { 2014: 860, 2015: 905 }", "resultats: { 2014: 860,5, 2015: 905,5, 2016: 910 }")
        }
        let text = try #require(files[F.roubaix])
        #expect(try await RulesFixture.check(files) == [
            try Self.finding(text, "860,5", "860,5\u{00A0}: écrivez 860.5 (entre accolades, la virgule sépare deux éléments, et « resultats 2014 » se lirait 860)"),
            try Self.finding(text, "905,5", "905,5\u{00A0}: écrivez 905.5 (entre accolades, la virgule sépare deux éléments, et « resultats 2015 » se lirait 905)"),
        ])
        let root = try RulesFixture.write(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let project = try await ProjectLoader.load(root: root)
        let c = try #require(project.conventions.first { $0.id.value == "roubaix-2014" })
        let indicateur = try #require(c.axes?.value.first?.objectifs?.value.first?.indicateurs?.value.first)
        #expect(indicateur.resultats?.value.map(\.annee) == [2016])
    }

    @Test("thousands written with commas: one finding for the whole number")
    func thousands() async throws {
        let files = RulesFixture.with(F.roubaix) {
            $0.replacing1("cibles: { 2015: 900, 2017: 980 }", "cibles: { 2015: 900, 2017: 1,980,5 }")
        }
        let text = try #require(files[F.roubaix])
        #expect(try await RulesFixture.check(files) == [try Self.finding(text, "1,980,5",
            "1,980,5\u{00A0}: écrivez le nombre avec un point décimal, sans séparateur de milliers (entre accolades, la virgule sépare deux éléments, et « cibles 2017 » se lirait 1)")])
    }

    @Test("what is not a decimal comma stays as it was", arguments: [
        // A number key with its own value is a year: no finding.
        ("cibles: { 2015: 900, 2017: 980 }", "cibles: { 2015: 900, 2016: 950, 2017: 980 }", [String]()),
        // A stray key after a text is an unknown key, as before.
        ("reference: { annee: 2013, valeur: 850 }", "reference: { annee: 2013, valeur: 850, source: Caf, 5 }", ["cle-inconnue", "cle-inconnue"]),
        // In block style, 27,5 is a text: not a number, as before.
        ("    action_sociale: 12000000", "    action_sociale: 12000000,5", ["type-invalide"]),
    ])
    func notDecimalCommas(_ old: String, _ new: String, _ rules: [String]) async throws {
        let files = RulesFixture.with(F.roubaix) { $0.replacing1(old, new) }
        #expect(try await RulesFixture.check(files).map(\.rule.rawValue) == rules)
    }

    @Test("a key repeated after a decimal comma with a value of its own is still a duplicate key", arguments: [
        "a: { b: 1,5, 5: 2 }\n",
        "a: { b: 1,5, 5: [x] }\n",
    ])
    func realDuplicate(_ yaml: String) {
        guard case let .failure(f) = FrontMatter.parse(yaml, file: "f.md", firstLine: 2) else {
            Issue.record("\(yaml.debugDescription) read without its duplicate key")
            return
        }
        #expect(f.rule == .yamlInvalide)
        #expect(f.message.contains("la clé « 5 » apparaît deux fois"))
    }

    @Test("flow collections are marked as such by both readers")
    func flowMarked() throws {
        let yaml = "a: { b: 1 }\nc: [d]\ne:\n  f: 2\ng:\n  - h\n"
        #expect(YAMLFastTests.compare(yaml) != .libyamlOnly)
        guard case let .success(node?) = FrontMatter.parse(yaml, file: "f.md", firstLine: 2),
              case let .mapping(pairs) = node.kind else {
            Issue.record("not read")
            return
        }
        #expect(!node.isFlow)
        #expect(pairs.map(\.value.isFlow) == [true, true, false, false])
        let comma = "a: { b: 27,5 }\n"
        var text = comma
        let tree = text.withUTF8 {
            YAMLEvents.libyaml($0, file: "f.md", firstLine: 2, maxDepth: FrontMatter.maxDepth, maxNodes: FrontMatter.maxNodes)
        }
        guard case let .success(root?) = tree, case let .mapping(top) = root.kind, case let .mapping(inner) = top[0].value.kind else {
            Issue.record("not read")
            return
        }
        #expect(top[0].value.isFlow)
        #expect(inner.map { $0.key.scalar } == ["b", "5"])
    }
}
