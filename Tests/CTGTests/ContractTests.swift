import ArgumentParser
@testable import CTGCommands
import Foundation
import Model
@testable import Rendering
import Rules
import Testing

/// Points of FORMAT.md and RULES.md found wrong by a reading of the contract against the
/// tool's output: each test asserts what the contract says.
@Suite("Contract: FORMAT.md and RULES.md to the letter")
struct ContractTests {
    @Test("a misspelt required key is still missing: cle-manquante (error) naming the typo, beside cle-inconnue", arguments: [
        ("  fin: 2017-12-31", "  fn: 2017-12-31", RuleID.cleManquante, "« fn »"),
        ("titre: ", "titr: ", .cleManquante, "« titr »"),
        ("periode:\n", "periodes:\n", .cleManquante, "« periodes »"),
        ("axes:\n", "axe:\n", .planActions, "« axes » est absente"),
    ])
    func misspeltRequired(from: String, to: String, rule: RuleID, says: String) async throws {
        #expect(RulesFixture.roubaix.contains(from))
        let files = RulesFixture.with(F.roubaix) { $0.replacing1(from, to) }
        let text = try #require(files[F.roubaix])
        let findings = try await RulesFixture.check(files).filter { $0.location.file == F.roubaix }
        let missing = try #require(findings.first { $0.rule == rule }, "\(findings)")
        #expect(missing.severity == .error)
        #expect(missing.message.contains(says), "\(missing.message)")
        let typo = try #require(findings.first { $0.rule == .cleInconnue })
        let key = String(to.split(separator: ":").first!)
        #expect(typo.message.contains("vouliez-vous dire"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(typo.location.line == lines.firstIndex { $0.hasPrefix(key + ":") }.map { $0 + 1 })
    }

    @Test("an optional key misspelt gives one finding, the unknown key (its own rule stays silent)")
    func misspeltOptional() async throws {
        let files = RulesFixture.with(F.roubaix) { $0.replacing1("    pilote: Centre social", "    pilot: Centre social") }
        let findings = try await RulesFixture.check(files)
        #expect(findings.map(\.rule) == [.cleInconnue])
    }

    @Test("keys FORMAT.md does not require are not cle-manquante: evaluation's date and type, a moyens row's year")
    func notRequired() async throws {
        let noType = RulesFixture.with(F.r2010) { $0.replacing1("  type: finale\n", "") }
        #expect(try await RulesFixture.check(noType).filter { $0.severity == .error }.isEmpty)
        let noYear = RulesFixture.with(F.roubaix) { $0.replacing1("  - annee: 2015\n    prestations_legales: 250000000", "  - prestations_legales: 250000000") }
        let f = try await RulesFixture.check(noYear)
        #expect(f.map(\.rule) == [.moyensAffiches])
        #expect(f.first?.severity == .warning)
        #expect(f.first?.message.contains("« annee »") == true)
    }

    @Test("every finding in a convention's file names the convention, whichever rule made it")
    func conventionNamed() async throws {
        // chevauchement (across files), id-duplique inside one convention, yaml-invalide.
        var files = RulesFixture.files
        files[F.bis] = RulesFixture.roubaix.replacing1("id: roubaix-2014", "id: roubaix-bis")
        files["content/territoires/vide.md"] = "pas de front matter\n"
        files["content/territoires/liste.md"] = "---\n- a\n---\n"
        files["content/territoires/nord-2014/illisible.md"] = "---\ntitre: [\n---\n"
        files[F.mel] = files[F.mel]!.replacing1("          - libelle: Action unique\n",
            "          - id: zz\n            libelle: A\n            pilote: P\n            echeance: 2016-06-30\n          - id: zz\n            libelle: Action unique\n")
        let findings = try await RulesFixture.check(files)
        let byRule = Dictionary(grouping: findings, by: \.rule)
        #expect(byRule[.chevauchement]?.map(\.convention) == ["roubaix-bis"])
        #expect(Set(byRule[.yamlInvalide]?.map(\.convention) ?? []) == ["vide", "liste", "nord-2014"])
        #expect(byRule[.idDuplique]?.map(\.convention) == ["mel-2015"])
        #expect(findings.first { $0.location.file.hasSuffix("illisible.md") }?.convention == "nord-2014", "an annex's finding names its bundle's convention")
        #expect(findings.filter { $0.location.file.hasPrefix("content/territoires/") }.allSatisfy { $0.convention != nil }, "\(findings.filter { $0.convention == nil })")
    }

    @Test("a département's page is departements/CODE/index.html with the code as written (2A, 2B)")
    func corsica() async throws {
        let front = "---\ntitre: T\nechelon: local\nsignature: 2014-03-01\nterritoire: { nom: Ajaccio, type: commune, code: \"2A004\", departement: \"2A\" }\nperiode: { debut: 2014-01-01, fin: 2017-12-31 }\naxes:\n  - id: a1\n    titre: A\n    champ: enfance\n---\n"
        let fx = ProjectFixture(files: ["content/territoires/ajaccio.md": front])
        defer { fx.cleanup() }
        let site = try await RenderingFixture.site(fx.root)
        #expect(site.paths.contains("departements/2A/index.html"))
        #expect(!site.paths.contains("departements/2a/index.html"))
        #expect(try #require(site["territoires/ajaccio/index.html"]).contains("href=\"../../departements/2A/index.html\""))
    }

    /// The error that parsing (and, for a command group, running) `arguments` stops with.
    static func stop(_ arguments: [String]) async -> Error? {
        do {
            let command = try CTG.parseAsRoot(arguments)
            // Only groups are run here (they only print their help); a real command is not.
            guard command is CTG || command is NewCommand || String(describing: type(of: command)).contains("HelpCommand") else { return nil }
            var group = command
            try group.run()
            return nil
        } catch {
            return error
        }
    }

    @Test("exit codes of the command line: no command is 2 (help on stderr), --help is 0, bad arguments 2, in French")
    func exitCodes() async throws {
        for args in [[], ["new"]] {
            let end = CTG.outcome(of: try #require(await Self.stop(args)), arguments: args)
            #expect(end.code == 2, "\(args)")
            #expect(end.stdout == nil)
            #expect(end.stderr?.hasPrefix("PRÉSENTATION : ") == true)
        }
        for args in [["--help"], ["help"], ["check", "--help"], ["--version"]] {
            let end = CTG.outcome(of: try #require(await Self.stop(args)), arguments: args)
            #expect(end.code == 0, "\(args)")
            #expect(end.stdout?.isEmpty == false && end.stderr == nil)
        }
        for args in [["check", "--format", "xml"], ["build", "--bogus"], ["check", "a", "b"], ["serve", "--port", "abc"]] {
            let end = CTG.outcome(of: try #require(await Self.stop(args)), arguments: args)
            #expect(end.code == 2, "\(args)")
            #expect(end.stderr?.hasPrefix("Erreur : ") == true, "\(end.stderr ?? "")")
        }
    }

    @Test("ArgumentParser's messages in French; no command is exit 2, --help exit 0")
    func commandLine() {
        let message = CTG.francais("Error: Unknown option '--bogus'\nUsage: ctg build [<dir>]\n  See 'ctg build --help' for more information.")
        #expect(message == "Erreur : option inconnue « --bogus »\nUtilisation : ctg build [<dossier>]\n  Voir « ctg build --help » pour plus d'informations.")
        #expect(CTG.francais("Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'json' or 'sarif'.")
            == "Erreur : la valeur « xml » n'est pas valide pour « --format <format> » ; valeurs possibles : 'text', 'json' ou 'sarif'.")
        let help = CTG.francais(CTG.helpMessage())
        #expect(help.hasPrefix("PRÉSENTATION : "))
        #expect(help.contains("UTILISATION : ctg <commande>"))
        #expect(help.contains("Affiche cette aide."))
        #expect(!help.contains("OVERVIEW") && !help.contains("Show help"))
    }
}
