import ArgumentParser
@testable import CTGCommands
import Foundation
import Model
import Rules
import Site
import Testing

@Suite("Check: the check and explain commands")
struct CheckCommandTests {
    /// Runs `ctg check` in-process on `files`.
    func run(_ files: [String: String], _ format: CheckCommand.Format = .text) async -> CommandOutcome {
        guard let root = try? RulesFixture.write(files) else { return CommandOutcome(stdout: "", stderr: "écriture impossible", code: -1) }
        defer { try? FileManager.default.removeItem(atPath: root) }
        return await CheckCommand.execute(root: root, format: format)
    }

    @Test("exit code 0 without findings, and the count of conventions")
    func clean() async {
        let out = await run(RulesFixture.files)
        #expect(out.code == 0)
        #expect(out.stderr == "")
        #expect(out.stdout == "aucune erreur, aucun avertissement dans 4 conventions\n")
    }

    @Test("exit code 0 with warnings only")
    func warningsOnly() async {
        let out = await run(RulesFixture.with(F.roubaix) { $0.replacing1("    devenir: integre\n", "") })
        #expect(out.code == 0)
        #expect(out.stdout.contains("avertissement[rationalisation]"))
        #expect(out.stdout.hasSuffix("aucune erreur, 1 avertissement dans 4 conventions\n"))
    }

    @Test("exit code 1 with an error, in every format")
    func error() async {
        let files = RulesFixture.with(F.roubaix) { $0.replacing1("  fin: 2017-12-31", "  fin: 2016-12-31") }
        for format in CheckCommand.Format.allCases {
            let out = await run(files, format)
            #expect(out.code == 1, "\(format)")
        }
        let text = await run(files)
        #expect(text.stdout.hasPrefix("content/territoires/roubaix-2014.md:18:1: erreur[duree-quatre-ans]: la période va du 1er janvier 2014 au 31 décembre 2016, soit 3 ans"))
    }

    @Test("exit code 2 when the folder cannot be read: a French message, no stack trace")
    func unreadable() async {
        let out = await CheckCommand.execute(root: "/nonexistent-ctg-project", format: .json)
        #expect(out.code == 2)
        #expect(out.stdout == "")
        #expect(out.stderr.hasPrefix("ctg check : dossier « /nonexistent-ctg-project/content » introuvable"))
    }

    @Test("arguments: DIR and --format parse; a bad format is refused")
    func parsing() throws {
        let cmd = try #require(try CTG.parseAsRoot(["check", "mon-projet", "--format", "sarif"]) as? CheckCommand)
        #expect(cmd.dir == "mon-projet" && cmd.format == .sarif)
        let byDefault = try #require(try CTG.parseAsRoot(["check"]) as? CheckCommand)
        #expect(byDefault.dir == "." && byDefault.format == .text)
        #expect(throws: (any Error).self) { _ = try CTG.parseAsRoot(["check", "--format", "xml"]) }
        let help = CTG.helpMessage(for: CheckCommand.self)
        #expect(help.contains("Exemples : ctg check ."))
        #expect(help.contains("sarif"))
    }

    @Test("run() ends with ExitCode 1 on errors, like the binary")
    func runThrowsExitCode() async throws {
        let root = try RulesFixture.write(RulesFixture.with(F.roubaix) { $0.replacing1("echelon: local", "echelon: locale") })
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cmd = try #require(try CTG.parseAsRoot(["check", root, "--format", "json"]) as? CheckCommand)
        await #expect(throws: ExitCode(1)) { try await cmd.run() }
    }

    @Test("explain alone lists every rule with its severity")
    func explainList() {
        let out = ExplainCommand.execute(nil)
        #expect(out.code == 0)
        for r in RuleID.allCases {
            #expect(out.stdout.contains("  \(r.rawValue) "), "\(r.rawValue)")
        }
        #expect(out.stdout.contains("gouvernance") && out.stdout.contains("avertissement"))
    }

    @Test("explain RULE: what, why with the circular's §, wrong and right examples")
    func explainOne() {
        let out = ExplainCommand.execute("diagnostic-partage")
        #expect(out.code == 0)
        #expect(out.stdout.hasPrefix("diagnostic-partage (erreur) — Le diagnostic partagé"))
        #expect(out.stdout.contains("« Chaque Ctg est obligatoirement et systématiquement adossée à un diagnostic partagé des besoins du territoire. » (§ 2e partie 2)"))
        #expect(out.stdout.contains("Exemple qui déclenche la règle :") && out.stdout.contains("Le même, corrigé :"))
    }

    @Test("explain lists the rules by framework; explain RULE says its framework")
    func explainCadres() throws {
        let list = ExplainCommand.execute(nil).stdout
        let communes = try #require(list.range(of: "RÈGLES DES DEUX CADRES (cnaf-2013 et cnaf-2020)\n"))
        let seuls2013 = try #require(list.range(of: "CADRE cnaf-2013 SEULEMENT (lettre circulaire Cnaf n° 2013-205 du 18 décembre 2013)\n"))
        let seuls2020 = try #require(list.range(of: "CADRE cnaf-2020 SEULEMENT (circulaire Cnaf du 16 janvier 2020)\n"))
        #expect(communes.upperBound < seuls2013.lowerBound && seuls2013.upperBound < seuls2020.lowerBound)
        // Each rule once, in its framework's section.
        let section2013 = list[seuls2013.upperBound..<seuls2020.lowerBound], section2020 = list[seuls2020.upperBound...]
        #expect(section2013.contains("  duree-quatre-ans ") && !list[..<seuls2013.lowerBound].contains("  duree-quatre-ans "))
        for id in ["duree-ctg", "duree-conseillee", "socle-champs", "transition-cej", "bonus-territoire"] {
            #expect(section2020.contains("  \(id) ") && !list[..<seuls2020.lowerBound].contains("  \(id) "), "\(id)")
        }
        #expect(!section2020.contains("  gouvernance "))
        let one = ExplainCommand.execute("duree-ctg").stdout
        #expect(one.hasPrefix("duree-ctg (erreur) — Le cadre 2020\nCadre : cnaf-2020 seulement (circulaire Cnaf du 16 janvier 2020)\n"))
        #expect(ExplainCommand.execute("gouvernance").stdout.contains("\nCadre : les deux (cnaf-2013 et cnaf-2020)\n"))
        #expect(ExplainCommand.execute("duree-quatre-ans").stdout.contains("\nCadre : cnaf-2013 seulement (lettre circulaire Cnaf n° 2013-205 du 18 décembre 2013)\n"))
    }

    @Test("explain an unknown rule: exit 2 and the closest id")
    func explainUnknown() {
        let out = ExplainCommand.execute("gouvernnance")
        #expect(out.code == 2)
        #expect(out.stdout == "")
        #expect(out.stderr.hasPrefix("ctg explain : règle inconnue « gouvernnance » ; vouliez-vous dire « gouvernance » ?"))
        #expect(ExplainCommand.execute("duree-4-ans").stderr.contains("« duree-quatre-ans »"))
        #expect(ExplainCommand.execute("zzz").code == 2)
    }
}

@Suite("Build: what the command says")
struct BuildCommandTests {
    @Test("a build names every convention left out as a draft")
    func projetsOmis() async throws {
        let files = RulesFixture.with(F.roubaix) { $0.replacing1("signature: 2014-01-15\n", "") }
        let root = try RulesFixture.write(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try await Builder.build(BuildOptions(root: root, output: root + "/public", projets: false, revue: false))
        #expect(result.written)
        #expect(result.projetsOmis == ["roubaix-2014"])
        let text = BuildCommand.compteRendu(result, dir: root, output: root + "/public", secondes: 0.5)
        #expect(text.hasSuffix("1 convention non signée (projet) laissée de côté : roubaix-2014\u{202F}; --projets l'inclut.\n"))
        let avec = try await Builder.build(BuildOptions(root: root, output: root + "/public", projets: true, revue: false))
        #expect(avec.projetsOmis.isEmpty)
        #expect(!BuildCommand.compteRendu(avec, dir: root, output: nil, secondes: 0.5).contains("laissée de côté"))
    }
}

@Suite("Command line: help in French")
struct AideTests {
    @Test("no English left in the help of any command: defaults, values and argument names")
    func aide() {
        let commands: [ParsableCommand.Type] = [BuildCommand.self, CheckCommand.self, ServeCommand.self, ExplainCommand.self, NewCommand.self, NewConvention.self]
        for c in commands {
            let help = CTG.francais(CTG.helpMessage(for: c))
            for english in ["(default:", "(values:", "<dir>", "<output>", "<rule>", "USAGE:", "OPTIONS:\n", "DIR/"] {
                #expect(!help.contains(english), "« \(english) » in the help of \(c)")
            }
        }
        #expect(CTG.francais(CTG.helpMessage(for: CheckCommand.self)).contains("(valeurs\u{00A0}: text, json,"))
        // A default the help wraps after its colon is translated too, its indent kept.
        #expect(CTG.francais("(default:\n                          local)") == "(par défaut\u{00A0}:\n                          local)")
    }
}
