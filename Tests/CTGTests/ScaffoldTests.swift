import ArgumentParser
import CTGCommands
import Content
import Foundation
import Model
import Rules
import Site
import Testing

@Suite("ctg new")
struct ScaffoldTests {
    static let today = Day(year: 2026, month: 11, day: 26)!

    @Test("a new convention checks with warnings at most, for each échelon", arguments: [
        (Echelon.local, "59512"), (Echelon.local, "200093201"), (Echelon.local, "2A004"), (Echelon.departemental, "59"), (Echelon.departemental, "974"),
    ])
    func checksClean(echelon: Echelon, code: String) async throws {
        let text = try Scaffold.convention(id: "test-2027", echelon: echelon, territoire: code, today: Self.today)
        let fx = ProjectFixture(files: ["content/territoires/test-2027.md": text])
        defer { fx.cleanup() }
        let checked = try await Builder.check(root: fx.root)
        #expect(checked.errors == 0, "\(checked.findings)")
        let c = try #require(checked.project.conventions.first)
        // The 2020 framework by default: five years, the common core of fields and one more.
        #expect(c.cadre?.value == .cnaf2020)
        #expect(c.periode?.debut?.value == Day(year: 2027, month: 1, day: 1))
        #expect(c.periode?.fin?.value == Day(year: 2031, month: 12, day: 31))
        #expect(c.champs?.value.map(\.value) == ["petite-enfance", "jeunesse", "parentalite", "acces-aux-droits"])
        #expect(c.axes?.value.compactMap(\.champ?.value) == ["petite-enfance", "jeunesse", "parentalite", "acces-aux-droits"])
        #expect(text.contains("# bonus_territoire:\n#   - type: eaje\n"))
        #expect(c.signature == nil)
        #expect(c.echelon?.value == echelon)
        #expect(c.territoire?.code?.value == code)
        #expect(text.contains("# Le diagnostic partagé"))
    }

    @Test("without --territoire no real code is written, no amount is invented, and every placeholder is a-completer", arguments: [Echelon.local, .departemental])
    func placeholders(echelon: Echelon) async throws {
        let text = try Scaffold.convention(id: "test-2027", echelon: echelon, territoire: nil, today: Self.today)
        #expect(!text.contains("59512") && !text.contains("\"59\""), "a real territory's code in the starter")
        #expect(!text.contains("prestations_legales: 0") && !text.contains("action_sociale: 0"))
        let fx = ProjectFixture(files: ["content/territoires/test-2027.md": text])
        defer { fx.cleanup() }
        let checked = try await Builder.check(root: fx.root)
        #expect(checked.errors == 0, "\(checked.findings)")
        #expect(Set(checked.findings.map(\.rule)) == [.aCompleter, .moyensAffiches])
        let c = try #require(checked.project.conventions.first)
        let code = try #require(c.territoire?.code)
        #expect(checked.findings.contains { $0.rule == .aCompleter && $0.location == code.location })
        // Every text of the plan is a placeholder the rule finds.
        let plan = try #require(c.axes?.value.first)
        let objectif = try #require(plan.objectifs?.value.first)
        for v in [plan.titre, objectif.libelle, objectif.indicateurs?.value.first?.libelle, objectif.actions?.value.first?.libelle] {
            let v = try #require(v)
            #expect(checked.findings.contains { $0.rule == .aCompleter && $0.location == v.location }, "\(v.value)")
        }
    }

    @Test("--cadre cnaf-2013: the four-year starter of the 2013 circular, which its rules accept")
    func cadre2013() async throws {
        let text = try Scaffold.convention(id: "test-2027", echelon: .local, territoire: "59512", today: Self.today, cadre: .cnaf2013)
        let fx = ProjectFixture(files: ["content/territoires/test-2027.md": text])
        defer { fx.cleanup() }
        let checked = try await Builder.check(root: fx.root)
        #expect(checked.errors == 0, "\(checked.findings)")
        let c = try #require(checked.project.conventions.first)
        #expect(c.cadre?.value == .cnaf2013)
        #expect(c.periode?.fin?.value == Day(year: 2030, month: 12, day: 31))
        #expect(c.champs?.value.map(\.value) == ["petite-enfance"])
        #expect(!text.contains("bonus_territoire"))
        // A four-year period starting in 2027 would be cnaf-2020 by its start: the key says otherwise.
        #expect(text.contains("\ncadre: cnaf-2013 "))
    }

    @Test("an invalid id or code is refused")
    func refused() {
        #expect(throws: Scaffold.Error.self) { try Scaffold.convention(id: "Roubaix 2027", echelon: .local, territoire: nil, today: Self.today) }
        #expect(throws: Scaffold.Error.self) { try Scaffold.convention(id: "x", echelon: .departemental, territoire: "20", today: Self.today) }
        #expect(throws: Scaffold.Error.self) { try Scaffold.convention(id: "x", echelon: .local, territoire: "5951", today: Self.today) }
    }

    @Test("a refused id comes with a valid one to use, in French", arguments: [
        ("ÉTÉ", "identifiant « ÉTÉ » invalide : lettres minuscules sans accent, chiffres et tirets (par exemple « ete »)"),
        ("Roubaix 2027", "identifiant « Roubaix 2027 » invalide : lettres minuscules sans accent, chiffres et tirets (par exemple « roubaix-2027 »)"),
        ("Lille_Été", "identifiant « Lille_Été » invalide : lettres minuscules sans accent, chiffres et tirets (par exemple « lille-ete »)"),
        ("***", "identifiant « *** » invalide : lettres minuscules sans accent, chiffres et tirets (par exemple « roubaix-2027 »)"),
        ("", "l'identifiant est vide\u{00A0}: donnez-en un en lettres minuscules sans accent, chiffres et tirets, par exemple « roubaix-2027 »"),
        (String(repeating: "a", count: 300),
         "identifiant trop long (300 caractères)\u{00A0}: il devient un nom de fichier et l'adresse d'une page, 100 caractères au plus (par exemple « \(String(repeating: "a", count: 100)) »)"),
        (String(repeating: "lille-", count: 50) + "2027",
         "identifiant trop long (304 caractères)\u{00A0}: il devient un nom de fichier et l'adresse d'une page, 100 caractères au plus (par exemple « \(String(repeating: "lille-", count: 15))lille »)"),
    ])
    func refusedWithSuggestion(_ id: String, _ message: String) {
        do {
            _ = try Scaffold.convention(id: id, echelon: .local, territoire: nil, today: Self.today)
            Issue.record("« \(id) » accepted")
        } catch {
            #expect("\(error)" == message)
        }
        if let s = message.split(separator: "« ").last?.split(separator: " »").first, !id.isEmpty {
            #expect(isValidId(String(s)) && s.utf8.count <= Scaffold.maxIdLength, "the suggestion « \(s) » is itself valid")
        }
    }

    @Test("an id of 100 characters is taken, and the file is written")
    func longestId() throws {
        let id = String(repeating: "a", count: 100)
        #expect(try Scaffold.convention(id: id, echelon: .local, territoire: nil, today: Self.today).contains("Convention territoriale globale \(id)"))
    }

    @Test("the command writes the file, never over an existing one, and exits 2 on refusal")
    func command() async throws {
        let fx = ProjectFixture(files: [:])
        defer { fx.cleanup() }
        func run(_ args: [String]) async -> Int32 {
            do {
                var command = try CTG.parseAsRoot(args)
                if var a = command as? AsyncParsableCommand { try await a.run() } else { try command.run() }
                return 0
            } catch {
                return CTG.exitCode(for: error).rawValue
            }
        }
        #expect(await run(["new", "convention", "lille-2027", "--dossier", fx.root]) == 0)
        let first = fx.read("content/territoires/lille-2027.md")
        #expect(first?.hasPrefix("---\n") == true)
        fx.write("content/territoires/lille-2027.md", "mien")
        #expect(await run(["new", "convention", "lille-2027", "--dossier", fx.root]) == 2)
        #expect(fx.read("content/territoires/lille-2027.md") == "mien")
        #expect(await run(["new", "convention", "Lille_2027", "--dossier", fx.root]) == 2)
        #expect(await run(["new", "convention", "lille-2015", "--cadre", "cnaf-2013", "--dossier", fx.root]) == 0)
        #expect(fx.read("content/territoires/lille-2015.md")?.contains("\ncadre: cnaf-2013 ") == true)
        #expect(await run(["new", "convention", "lille-2028", "--cadre", "cnaf-2021", "--dossier", fx.root]) == 2)
    }
}
