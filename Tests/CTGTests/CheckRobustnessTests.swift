import Content
import Foundation
import Model
@testable import Rules
import Testing

/// A hostile or odd file, and the findings (rule, line) it must give — never a crash.
struct OddFile: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let expected: [String]
    init(_ name: String, _ text: String, _ expected: [String]) {
        self.init(name, Array(text.utf8), expected)
    }
    init(_ name: String, _ bytes: [UInt8], _ expected: [String]) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }
    var testDescription: String { name }
}

let valid = RulesFixture.convention(
    id: "x", echelon: "local", territoire: "  nom: Roubaix\n  type: commune\n  code: \"59512\"\n  departement: \"59\"",
    signataire: "  - nom: Ville de Roubaix\n    type: commune", debut: "2010-01-01", fin: "2013-12-31",
    signature: "2010-01-10", extra: "evaluation:\n  date: 2013-10-22\n  type: finale\n", annee: 2010)

let oddFiles: [OddFile] = [
    OddFile("empty file", "", ["yaml-invalide 1"]),
    OddFile("no front matter", "# Titre\n\nDu texte.\n", ["yaml-invalide 1"]),
    OddFile("front matter never closed", "---\ntitre: x\n", ["yaml-invalide 1"]),
    OddFile("empty front matter", "---\n---\nTexte\n", ["yaml-invalide 1"]),
    OddFile("front matter that is a list", "---\n- a\n- b\n---\n", ["yaml-invalide 2"]),
    OddFile("front matter that is a scalar", "---\njuste un texte\n---\n", ["yaml-invalide 2"]),
    OddFile("front matter that is ~", "---\n~\n---\n", ["yaml-invalide 2"]),
    OddFile("tab indentation", "---\ntitre: x\nterritoire:\n\tnom: Roubaix\n---\n", ["yaml-invalide 4"]),
    OddFile("duplicate keys", "---\ntitre: a\necheLon: local\ntitre: b\n---\n", ["yaml-invalide 4"]),
    OddFile("10,000 opening brackets", "---\ntitre: " + String(repeating: "[", count: 10_000) + "\n---\n", ["yaml-invalide 2"]),
    OddFile("deeply nested block lists", "---\ntitre: x\naxes:\n" + (0..<500).map { String(repeating: "  ", count: $0) + "- " }.joined(separator: "\n") + "a\n---\n", ["yaml-invalide"]),
    OddFile("binary bytes", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF, 0xFE], ["yaml-invalide 1"]),
    OddFile("NUL byte in text", "---\ntitre: a\u{0}b\n---\n", ["yaml-invalide 1"]),
    OddFile("invalid UTF-8 on line 3", Array("---\ntitre: x\n".utf8) + [0xC3, 0x28] + Array("\n---\n".utf8), ["yaml-invalide 3"]),
    OddFile("alias bomb", "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n", ["yaml-invalide 1"]),
    OddFile("a mapping where a text is expected", valid.replacing1("titre: Convention x", "titre: {a: 1}"), ["type-invalide 3"]),
    OddFile("a number where a text is expected is read as written", valid.replacing1("titre: Convention x", "titre: 2014"), []),
    odd("texts where numbers and years are expected", valid.replacing1("    action_sociale: 100", "    action_sociale: beaucoup").replacing1("annee: 2009, valeur", "annee: deux, valeur"),
        ["type-invalide": "beaucoup", "type-invalide ": "deux"]),
    odd("a text where a list of signataires is expected", valid.replacing1("signataires:\n  - nom: Caf du Nord\n    type: caf\n  - nom: Ville de Roubaix\n    type: commune", "signataires: Caf et Ville"),
        ["type-invalide": "Caf et Ville"]),
    odd("a list of texts where the axes are expected", valid.replacing1("  - titre: Axe unique", "  - Axe unique\n  - titre: Axe unique"), ["type-invalide": "- Axe unique"]),
    OddFile("CRLF, BOM and tabs inside values", [0xEF, 0xBB, 0xBF] + Array(valid.replacing1("titre: Convention x", "titre: \"Convention\tx\"").replacingOccurrences(of: "\n", with: "\r\n").utf8), []),
]

/// An odd file whose expected findings are given as rule → a text on the line at fault
/// (a trailing space in the key allows one rule twice).
func odd(_ name: String, _ text: String, _ expected: KeyValuePairs<String, String>) -> OddFile {
    let lines = expected.map { rule, needle in
        "\(rule.trimmingCharacters(in: .whitespaces)) \(position(of: needle, in: text)!.line)"
    }
    return OddFile(name, text, lines.sorted { Int($0.split(separator: " ")[1])! < Int($1.split(separator: " ")[1])! })
}

/// The rule and line of each finding of `file`, as "rule line".
func summary(_ findings: [Finding], file: String) -> [String] {
    findings.filter { $0.location.file == file }.map { "\($0.rule.rawValue) \($0.location.line)" }
}

@Suite("Check: robustness")
struct CheckRobustnessTests {
    static let file = "content/territoires/x.md"

    @Test("odd and hostile files give findings, never a crash", arguments: oddFiles)
    func oddFile(_ odd: OddFile) async throws {
        let root = try RulesFixture.write([F.site: RulesFixture.site, Self.file: ""])
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data(odd.bytes).write(to: URL(fileURLWithPath: root + "/" + Self.file))
        let project = try await ProjectLoader.load(root: root)
        let findings = Checker.check(project, date: Day(iso: "2016-06-30")!)
        let got = summary(findings, file: Self.file)
        if odd.expected.count == 1, !odd.expected[0].contains(" ") {
            #expect(got.map { String($0.split(separator: " ")[0]) } == odd.expected, "\(findings)")
        } else {
            #expect(got == odd.expected, "\(findings)")
        }
        let lines = String(decoding: odd.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(findings.allSatisfy { $0.location.line >= 1 && $0.location.line <= max(1, lines) && $0.location.column >= 1 })
        // The text report reads the same bytes back without trouble.
        _ = TextReport.render(findings, conventions: 1, color: false) { _, n in
            String(decoding: odd.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(n - 1).first.map(String.init)
        }
    }

    @Test("every problem of every file in one run: a broken file does not hide the others")
    func allFiles() async throws {
        var files = RulesFixture.with(F.roubaix) { $0.replacing1("echelon: local", "echelon: locale") }
        files["content/territoires/zz.md"] = "---\n- a\n---\n"
        files[F.page] = RulesFixture.page + "[x](absent.md)\n"
        let f = try await RulesFixture.check(files)
        #expect(f.map(\.rule) == [.lienCasse, .typeInvalide, .yamlInvalide])
    }

    @Test("a 5 MB convention with 60,000 links is checked in seconds, not minutes (no quadratic work)")
    func bigFile() async throws {
        let paragraph = "Un paragraphe du diagnostic qui renvoie à la [convention précédente](roubaix-2010.md) et au [Nord](nord-2014/index.md#axes), puis continue un peu pour faire du volume.\n\n"
        var body = String(repeating: paragraph, count: 5_000_000 / paragraph.utf8.count + 1)
        body += "Et un [lien cassé](absent.md).\n"
        let files = RulesFixture.with(F.roubaix) { $0 + body }
        #expect(files[F.roubaix]!.utf8.count > 5_000_000)
        let start = Date()
        let f = try await RulesFixture.check(files)
        // Alone it takes about a second; the bound leaves room for a loaded CI machine.
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(f.map(\.rule) == [.lienCasse])
        #expect(f.first?.location.line == RulesFixture.roubaix.split(separator: "\n", omittingEmptySubsequences: false).count + (5_000_000 / paragraph.utf8.count + 1) * 2)
    }

    @Test("fuzz: 300 seeded mutations of a valid convention, no crash, every finding inside its file")
    func fuzz() async throws {
        var rng = SplitMix64(seed: 2013_205)
        let root = try RulesFixture.write([F.site: RulesFixture.site, F.r2010: RulesFixture.roubaix2010])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let url = URL(fileURLWithPath: root + "/" + F.roubaix)
        let base = Array(RulesFixture.roubaix.utf8)
        let alphabet = Array("-:[]{}&*!|>'\"#%@` \t\n\r\u{0}aé2".utf8) + [0xFF, 0xC3, 0x80]
        var findingsSeen = 0
        for _ in 0..<300 {
            var lines = base.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let i = Int(rng.next() % UInt64(max(1, lines.count)))
                switch rng.next() % 5 {
                case 0: if !lines.isEmpty { lines.remove(at: i) }
                case 1: if !lines.isEmpty { lines.insert(lines[i], at: i) }
                case 2: let j = Int(rng.next() % UInt64(max(1, lines.count))); if !lines.isEmpty { lines.swapAt(i, j) }
                case 3:
                    if !lines.isEmpty {
                        let at = Int(rng.next() % UInt64(lines[i].count + 1))
                        let junk = (0..<(1 + Int(rng.next() % 6))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                        lines[i].insert(contentsOf: junk, at: at)
                    }
                default: lines = Array(lines.prefix(i))
                }
            }
            let bytes = Array(lines.joined(separator: [10]))
            try Data(bytes).write(to: url)
            let project = try await ProjectLoader.load(root: root)
            let findings = Checker.check(project, date: Day(iso: "2016-06-30")!)
            findingsSeen += findings.count
            let count = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }).count
            for f in findings where f.location.file == F.roubaix {
                #expect(f.location.line >= 1 && f.location.line <= max(1, count) && f.location.column >= 1, "\(f)")
            }
            _ = TextReport.render(findings, conventions: 2, color: true) { _, _ in String(decoding: bytes, as: UTF8.self) }
            _ = JSONReport.render(findings, conventions: 2)
        }
        #expect(findingsSeen > 300)
    }
}

/// A small deterministic PRNG (SplitMix64): the same seed, the same mutations on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
