import Content
import Foundation
import Model
@testable import Rendering
import Reports
import Testing

@Suite("Loader")
struct LoaderTests {
    @Test("every key is read with the place it came from")
    func positions() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        let p = try await ProjectLoader.load(root: fx.root)
        #expect(p.findings == [])
        let c = try #require(p.conventions.first)
        #expect(c.id.value == "roubaix-2014")
        #expect(c.id.isExplicit == false)
        #expect(c.file == "content/territoires/roubaix-2014.md")
        #expect(c.titre?.value == "Convention territoriale globale de Roubaix 2014-2017")
        #expect(c.titre?.location == SourceLocation(file: c.file, line: 2, column: 8))
        #expect(c.titre?.keyLocation == SourceLocation(file: c.file, line: 2, column: 1))
        #expect(c.territoire?.code?.value == "59512")
        #expect(c.territoire?.location.line == 4)
        #expect(c.periode?.debut?.value == Day(year: 2014, month: 1, day: 1))
        #expect(c.periode?.location == SourceLocation(file: c.file, line: 16, column: 1))
        #expect(c.signataires?.value.count == 2)
        #expect(c.signataires?.value[1].location == SourceLocation(file: c.file, line: 13, column: 5))
        #expect(c.moyens?.value[1].actionSociale?.value.text == "12500000.5")
        let axe = try #require(c.axes?.value.first)
        #expect(axe.id.value == "accueil")
        let obj = try #require(axe.objectifs?.value.first)
        #expect(obj.id.value == "a1-o1")
        let inds = obj.indicateurs?.value ?? []
        #expect(inds.map(\.id.value) == ["places-eaje", "a1-o1-i2"])
        #expect(inds[0].cibles?.value.map(\.annee) == [2015, 2017])
        #expect(inds[0].cibles?.value[1].anneeLocation.line == inds[0].cibles?.value[1].valeurLocation.line)
        #expect(inds[1].reference?.valeur?.value.text == "2.7")
        #expect(obj.actions?.value.map(\.id.value) == ["a1-o1-x1", "relais"])
        #expect(obj.actions?.value[0].etat?.value == .realisee)
        #expect(c.body.firstLine == 76)
        let links = c.document?.links ?? []
        #expect(links.map(\.destination) == ["roubaix-2014.md", "https://example.org/"])
        #expect(links[0].line == 78)
        #expect(links[0].isRelative && !links[1].isRelative)
    }

    @Test("a long text that comes back from one convention to the next is read once: the same storage, the same value")
    func textesLongsPartages() async throws {
        func convention(_ titre: String, pilote: String) -> String {
            """
            ---
            titre: \(titre)
            axes:
              - titre: Accueil
                champ: enfance
                objectifs:
                  - libelle: Développer l'accueil des enfants
                    indicateurs:
                      - libelle: I
                    actions:
                      - libelle: A
                        pilote: \(pilote)
                        partenaires: [Conseil départemental du Nord, "Conseil départemental du Nord"]
            ---
            Corps.
            """
        }
        let fx = ProjectFixture(files: [
            "content/territoires/a.md": convention("Convention territoriale globale de A", pilote: "Direction de l'enfance de la ville"),
            "content/territoires/b.md": convention("Convention territoriale globale de B", pilote: "Direction de l'enfance de la ville"),
            "content/territoires/c.md": convention("Convention territoriale globale de C", pilote: "Direction de l'enfance de la villE"),
        ])
        defer { fx.cleanup() }
        let p = try await ProjectLoader.load(root: fx.root)
        let actions = p.conventions.map { $0.axes!.value[0].objectifs!.value[0].actions!.value[0] }
        func adresse(_ s: String) -> UnsafeRawPointer? {
            var s = s
            return s.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        let pilotes = actions.map { $0.pilote!.value }
        #expect(pilotes == ["Direction de l'enfance de la ville", "Direction de l'enfance de la ville", "Direction de l'enfance de la villE"])
        #expect(adresse(pilotes[0]) == adresse(pilotes[1]), "the same text in two conventions is one string")
        #expect(adresse(pilotes[0]) != adresse(pilotes[2]))
        // Plain or quoted, in one file or across files: one text.
        let partenaires = actions.flatMap { $0.partenaires!.value.map(\.value) }
        #expect(Set(partenaires) == ["Conseil départemental du Nord"] && partenaires.count == 6)
        #expect(Set(partenaires.map(adresse)).count == 1)
        let titres = p.conventions.map { $0.titre!.value }
        #expect(titres == ["Convention territoriale globale de A", "Convention territoriale globale de B", "Convention territoriale globale de C"])
    }

    @Test("derived ids and paths of plan items, inside and beyond the table made once (8 per level)")
    func derivedNames() async throws {
        func indicateurs(_ n: Int) -> String { (1...n).map { "          - libelle: I\($0)\n" }.joined() }
        var yaml = "---\ntitre: T\naxes:\n  - titre: A\n    champ: enfance\n    objectifs:\n"
        for o in 1...10 {
            yaml += "      - libelle: O\(o)\n        indicateurs:\n" + indicateurs(o == 1 || o == 10 ? 9 : 1)
            yaml += "        actions:\n          - libelle: X\n"
        }
        yaml += "---\nCorps.\n"
        let fx = ProjectFixture(files: ["content/territoires/grande.md": yaml])
        defer { fx.cleanup() }
        let p = try await ProjectLoader.load(root: fx.root)
        let c = try #require(p.conventions.first)
        let axe = try #require(c.axes?.value.first)
        #expect(axe.id.value == "a1" && axe.path == "axes[1]")
        let objs = axe.objectifs?.value ?? []
        try #require(objs.count == 10)
        #expect(objs[7].id.value == "a1-o8" && objs[7].path == "axes[1].objectifs[8]")
        #expect(objs[9].id.value == "a1-o10" && objs[9].path == "axes[1].objectifs[10]")
        let first = objs[0].indicateurs?.value ?? [], last = objs[9].indicateurs?.value ?? []
        #expect(first[7].id.value == "a1-o1-i8" && first[7].path == "axes[1].objectifs[1].indicateurs[8]")
        #expect(first[8].id.value == "a1-o1-i9" && first[8].path == "axes[1].objectifs[1].indicateurs[9]")
        #expect(last[8].id.value == "a1-o10-i9" && last[8].path == "axes[1].objectifs[10].indicateurs[9]")
        let action = try #require(objs[9].actions?.value.first)
        #expect(action.id.value == "a1-o10-x1" && action.path == "axes[1].objectifs[10].actions[1]")
        #expect(objs[1].actions?.value.first?.path == "axes[1].objectifs[2].actions[1]")
    }

    @Test("CRLF and a UTF-8 byte order mark do not shift any position")
    func crlfAndBom() async throws {
        let crlf = ProjectFixture.roubaix.replacingOccurrences(of: "\n", with: "\r\n")
        let fx = ProjectFixture(files: [:])
        defer { fx.cleanup() }
        fx.writeBytes("content/territoires/roubaix-2014.md", [0xEF, 0xBB, 0xBF] + Array(crlf.utf8))
        let p = try await ProjectLoader.load(root: fx.root)
        #expect(p.findings == [])
        let c = try #require(p.conventions.first)
        #expect(c.titre?.location == SourceLocation(file: c.file, line: 2, column: 8))
        #expect(c.titre?.value == "Convention territoriale globale de Roubaix 2014-2017")
        #expect(c.periode?.location.line == 16)
    }

    @Test("codes are read as written, never as numbers")
    func codesAsWritten() async throws {
        let text = ProjectFixture.roubaix.replacingOccurrences(of: "code: \"59512\"\n  departement: \"59\"", with: "code: 01001\n  departement: 01")
        let fx = ProjectFixture(files: ["content/territoires/x.md": text])
        defer { fx.cleanup() }
        let c = try #require(try await ProjectLoader.load(root: fx.root).conventions.first)
        #expect(c.territoire?.code?.value == "01001")
        #expect(c.territoire?.departement?.value == "01")
    }

    @Test("bundles: index.md is the convention, other .md are annexes, other files are copied")
    func bundles() async throws {
        let fx = ProjectFixture(files: [
            "content/territoires/nord/index.md": "---\nid: nord-2014\ntitre: T\n---\nVoir [le diagnostic](diagnostic.md).\n",
            "content/territoires/nord/diagnostic.md": "---\ntitre: Diagnostic partagé\n---\n## Besoins\n",
            "content/territoires/nord/notes.md": "# Notes libres\n\ntexte\n",
            "content/territoires/nord/carte.png": "PNG",
            "content/pages/methodologie.md": "---\ntitre: Méthode\n---\nTexte.\n",
        ])
        defer { fx.cleanup() }
        let p = try await ProjectLoader.load(root: fx.root)
        let c = try #require(p.conventions.first)
        #expect(c.id.value == "nord-2014" && c.id.isExplicit && c.isBundle)
        #expect(c.annexes.map(\.slug) == ["diagnostic", "notes"])
        #expect(c.annexes.map(\.titre) == ["Diagnostic partagé", "Notes libres"])
        #expect(c.fichiers == ["content/territoires/nord/carte.png"])
        #expect(p.pages.map(\.slug) == ["methodologie"])
        #expect(p.pages.first?.titre == "Méthode")
        #expect(p.files.contains("content/territoires/nord/carte.png"))
    }

    @Test("a missing content folder cannot be read: ProjectError")
    func noContent() async {
        await #expect(throws: ProjectError.self) {
            _ = try await ProjectLoader.load(root: "/nonexistent-ctg-project")
        }
    }

    @Test("reading findings point at the key or value at fault")
    func readingFindings() async throws {
        var text = ProjectFixture.roubaix
        text = text.replacingOccurrences(of: "echelon: local", with: "echelon: locale")
        text = text.replacingOccurrences(of: "deliberation_ca: 2013-12-10", with: "deliberation_ca: 2013-12-10\nsignatures: 2014-01-15")
        text = text.replacingOccurrences(of: "  debut: 2014-01-01", with: "  debut: 2014-13-01")
        text = text.replacingOccurrences(of: "budget: 120000", with: "budget: \"120000\"")
        let fx = ProjectFixture(files: ["content/territoires/r.md": text])
        defer { fx.cleanup() }
        let p = try await ProjectLoader.load(root: fx.root)
        let f = p.findings.sorted()
        let file = "content/territoires/r.md"
        #expect(f.map(\.rule) == [.typeInvalide, .typeInvalide, .cleInconnue, .typeInvalide])
        #expect(f[0].location == SourceLocation(file: file, line: 3, column: 10))
        #expect(f[0].message.contains("« local »"))
        #expect(f[1].location == SourceLocation(file: file, line: 17, column: 10))
        #expect(f[2].location == SourceLocation(file: file, line: 20, column: 1))
        #expect(f[2].message.contains("vouliez-vous dire « signature » ?"))
        #expect(f[3].message.contains("guillemets"))
        #expect(f.allSatisfy { $0.convention == "r" })
    }

    @Test("keys past the 64th pair of a mapping are read, unknown ones reported")
    func manyPairs() async throws {
        // 70 unknown keys before the convention's own: every known key is past the 64th pair.
        let unknown = (1...70).map { "extra\($0): x\n" }.joined()
        let text = ProjectFixture.roubaix.replacingOccurrences(of: "---\n", with: "---\n" + unknown, options: .anchored)
        let fx = ProjectFixture(files: ["content/territoires/r.md": text])
        defer { fx.cleanup() }
        let p = try await ProjectLoader.load(root: fx.root)
        #expect(p.findings.count == 70)
        #expect(p.findings.allSatisfy { $0.rule == .cleInconnue })
        let c = try #require(p.conventions.first)
        #expect(c.titre?.value == "Convention territoriale globale de Roubaix 2014-2017")
        #expect(c.titre?.location.line == 72)
        #expect(c.axes?.value.first?.objectifs?.value.first?.indicateurs?.value.count == 2)
    }

    @Test("a required key absent is cle-manquante at the mapping that lacks it")
    func missingKey() async throws {
        let text = ProjectFixture.roubaix.replacingOccurrences(of: "  nom: Roubaix\n", with: "")
        let fx = ProjectFixture(files: ["content/territoires/r.md": text])
        defer { fx.cleanup() }
        let f = try await ProjectLoader.load(root: fx.root).findings
        #expect(f.count == 1)
        #expect(f.first?.rule == .cleManquante)
        #expect(f.first?.location == SourceLocation(file: "content/territoires/r.md", line: 4, column: 1))
        #expect(f.first?.message.contains("« nom »") == true)
    }

    @Test("files that are not a front matter give yaml-invalide, never a crash", arguments: [
        ("", 1), ("pas de front matter\n", 1), ("---\ntitre: x\n", 1), ("---\n- a\n- b\n---\n", 2),
        ("---\njuste un texte\n---\n", 2), ("---\ntitre: x\n\tdebut: 1\n---\n", 3),
        ("---\ntitre: a\ntitre: b\n---\n", 3), ("---\ntitre: [a, b\n---\n", 3),
    ])
    func badFiles(text: String, line: Int) async throws {
        let fx = ProjectFixture(files: ["content/territoires/x.md": text])
        defer { fx.cleanup() }
        let p = try await ProjectLoader.load(root: fx.root)
        let f = try #require(p.findings.first)
        #expect(p.findings.count == 1)
        #expect([RuleID.yamlInvalide, .typeInvalide].contains(f.rule))
        #expect(f.location.line == line)
    }

    @Test("invalid UTF-8, NUL bytes and deep nesting are findings")
    func hostileBytes() async throws {
        let fx = ProjectFixture(files: [:])
        defer { fx.cleanup() }
        fx.writeBytes("content/territoires/a.md", Array("---\ntitre: ok\n".utf8) + [0xC3, 0x28] + Array("\n---\n".utf8))
        fx.writeBytes("content/territoires/b.md", Array("---\ntitre: a\u{0}b\n---\n".utf8))
        fx.write("content/territoires/c.md", "---\ntitre: " + String(repeating: "[", count: 10_000) + "\n---\n")
        fx.write("content/territoires/d.md", "---\na: &x [1, 2]\nb: *x\n---\n")
        let p = try await ProjectLoader.load(root: fx.root)
        let byFile = Dictionary(grouping: p.findings, by: { $0.location.file })
        #expect(byFile["content/territoires/a.md"]?.first?.rule == .yamlInvalide)
        #expect(byFile["content/territoires/a.md"]?.first?.location.line == 3)
        #expect(byFile["content/territoires/b.md"]?.first?.rule == .yamlInvalide)
        #expect(byFile["content/territoires/c.md"]?.first?.rule == .yamlInvalide)
        #expect(byFile["content/territoires/d.md"]?.contains { $0.rule == .cleInconnue } == true)
    }
}

@Suite("Loader: bodies read again for rendering")
struct BodyBytesTests {
    /// A build lets the bodies go after loading and reads each again when its page is made,
    /// as bytes (`LecteurProjet.withUTF8`): they must be the body the loader reads, line included,
    /// whatever the file's form (BOM, CR line ends, fences with trailing spaces, `...`).
    @Test("the project's reader gives the body and first line that loading the file gives", arguments: [
        "---\ntitre: A\n---\n# Titre\n\nTexte [lien](b.md).\n",
        "\u{FEFF}---\ntitre: A\n---\nAvec BOM.\n",
        "---\r\ntitre: A\r\n---\r\nLignes CRLF\r\net suite.\r\n",
        "---  \ntitre: A\n...\t\nFin de YAML par trois points.\n",
        "---\ntitre: A\n---\n",
        "---\ntitre: A\n\n\n---\n\n\nÉtendu : é, ü, 😀.\n",
    ])
    func sameBody(text: String) async throws {
        let fx = ProjectFixture(files: ["content/territoires/a.md": text])
        defer { fx.cleanup() }
        let kept = try await ProjectLoader.load(root: fx.root)
        let unloaded = try await ProjectLoader.load(root: fx.root, html: false)
        let body = try #require(unloaded.conventions.first?.body)
        #expect(body.unloadedFrom != nil || body.text.isEmpty, "a body with text was let go")
        let expected = try #require(kept.conventions.first?.body)
        let (bytes, line) = unloaded.lecteur.withUTF8(body) { (Array($0), $1) }
        #expect(String(decoding: bytes, as: UTF8.self) == expected.text)
        #expect(line == expected.firstLine)
        #expect(unloaded.lecteur.texte(body).text == expected.text)
    }

    /// The rules and the pages reach a body only through the project's reader: with the file
    /// gone from the disk, a reader of files in memory still gives the page its body.
    @Test("a body let go is read through the project's reader, not behind its back")
    func readerIsTheWay() async throws {
        let text = "---\ntitre: A\nid: a\nsignature: 2015-01-01\n---\nUn récit [vers b](b.md) à lire.\n"
        let fx = ProjectFixture(files: ["content/site.yml": "titre: T\ncaf: Caf de T\ndate_reference: 2016-06-30\n",
                                        "content/territoires/a.md": text])
        defer { fx.cleanup() }
        var project = try await ProjectLoader.load(root: fx.root, html: false)
        let body = try #require(project.conventions.first?.body)
        let path = try #require(body.unloadedFrom)
        try FileManager.default.removeItem(atPath: path)
        #expect(project.lecteur.texte(body).text.isEmpty, "the disk has no file any more")
        project.lecteur = LecteurProjet(fichiers: [path: Array(text.utf8)])
        #expect(project.lecteur.texte(body).text == "Un récit [vers b](b.md) à lire.\n")
        let report = await ProjectReport.compute(conventions: project.conventions, date: project.site.dateReference!)
        let files = try await SiteRenderer(projectTemplates: nil).render(project: project, report: report, findings: [], options: RenderOptions())
        let page = try #require(files.first { $0.path == "territoires/a/index.html" })
        guard case let .text(html) = page.content else { Issue.record("no page"); return }
        #expect(html.contains("Un récit vers b à lire."), "the body read through the reader, its broken link made plain text")
    }
}
