@testable import Content
import Foundation
import Model
import Rules
import Testing

/// Where a finding points, and in which words, when libyaml reads the file (issue 24, point 8
/// of its list): lines are broken where editors break them, never past the last line, and
/// libyaml's English does not reach the message.
@Suite("Check: positions")
struct CheckPositionsTests {
    @Test("a site.yml ending in a key without « : » and without a final line feed: its last line, named site.yml")
    func siteYmlLastLine() async throws {
        for text in ["titre: T\ncaf: Caf\ndat", "titre: T\ncaf: Caf\ndat\n"] {
            var files = RulesFixture.files
            files[F.site] = text
            let findings = try await RulesFixture.check(files).filter { $0.location.file == F.site }
            #expect(findings == [Finding(.yamlInvalide, at: SourceLocation(file: F.site, line: 3, column: 1),
                                         "« site.yml » n'est pas valide : « : » attendu après la clé (en lisant une clé)")],
                    "\(text.debugDescription)")
        }
    }

    @Test("U+0085, U+2028 and U+2029 inside a text do not shift the lines and columns after them",
          arguments: ["\u{85}", "\u{2028}", "\u{2029}"])
    func unicodeSeparators(_ separator: String) async throws {
        let files = RulesFixture.with(F.roubaix) {
            $0.replacing1("titre: Convention territoriale globale de Roubaix 2014-2017",
                          "titre: \"Convention\(separator)de Roubaix\"\nnote_a: { b: \"x\(separator)y\", c: 1 }")
                .replacing1("echelon: local", "echelon: locale")
        }
        let text = try #require(files[F.roubaix])
        let note = try #require(position(of: "note_a", in: text))
        let locale = try #require(position(of: "locale", in: text))
        let findings = try await RulesFixture.check(files)
        #expect(findings.map { "\($0.rule.rawValue) \($0.location.line):\($0.location.column)" }
                == ["cle-inconnue \(note.line):\(note.column)", "type-invalide \(locale.line):\(locale.column)"], "\(findings)")
    }

    /// (A front matter's end is the line of its closing `---`, line 3 here: `firstLine` 2.)
    @Test("a libyaml error is said in French, its context too", arguments: [
        ("a: b\nc: @d\n", 3, 4, "l'en-tête YAML n'est pas valide : caractère inattendu (une tabulation ou un signe réservé en début de valeur ?) (en cherchant l'élément suivant)"),
        ("a:\n\tb: c\n", 3, 1, "l'en-tête YAML n'est pas valide : une tabulation décale cette ligne ; YAML n'accepte que des espaces pour l'indentation : remplacez la tabulation par des espaces"),
        // libyaml counts characters, not bytes: an « é » before the tab does not hide it.
        ("titre: Été\nperiode:\n\tdebut: 2022-01-01\n", 4, 1, "l'en-tête YAML n'est pas valide : une tabulation décale cette ligne ; YAML n'accepte que des espaces pour l'indentation : remplacez la tabulation par des espaces"),
        ("a: [b, c\n", 3, 1, "l'en-tête YAML n'est pas valide : « , » ou « ] » attendu dans la liste (dans une liste entre crochets)"),
        ("a: \"b\n", 3, 1, "l'en-tête YAML n'est pas valide : fin de texte inattendue (guillemet ou crochet non fermé ?) (dans un texte entre guillemets)"),
    ])
    func french(_ yaml: String, _ line: Int, _ column: Int, _ message: String) {
        guard case let .failure(f) = FrontMatter.parse(yaml, file: "f.md", firstLine: 2) else {
            Issue.record("\(yaml.debugDescription) read")
            return
        }
        #expect(f == Finding(.yamlInvalide, at: SourceLocation(file: "f.md", line: line, column: column), message))
    }

    @Test("no English from libyaml: every problem and context it can give, and any other, is said in French")
    func noEnglish() {
        let english = ["while scanning for the next token", "while parsing a block node", "found unexpected ':'",
                       "did not find expected whitespace or line break", "invalid length of a UTF-8 sequence",
                       "while parsing", "some problem of a later libyaml", "while doing something new"]
        for e in english {
            let fr = FrontMatter.frenchProblem(e)
            #expect(fr != e && !fr.contains("while") && !fr.contains("found") && !fr.contains("expected"), "\(e) → \(fr)")
        }
    }
}
