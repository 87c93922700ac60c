import ArgumentParser
import Content
import Foundation
import Model
import Rendering
import Reports
import Site

/// `ctg diff ANCIEN [DIR] [--format text|json]`: what changed since a previous build.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Ce qui a changé depuis un site produit auparavant (ce que le conseil a vu la dernière fois).",
        discussion: """
        ANCIEN est le dossier d'un site produit par ctg build, ou son fichier \
        donnees/conventions.json (une version 1 est lue aussi : ce qu'elle ne contient pas \
        n'est pas comparé, et ctg le dit). Le projet DOSSIER est vérifié et calculé comme \
        ctg build le ferait, sans rien écrire. Un changement par ligne, groupés par convention ; \
        « ! » marque ce qui demande l'attention du conseil : un résultat, une cible, une \
        référence ou une échéance modifiés. Les indicateurs et actions sans « id » \
        (a1-o2-i1) sont appariés par leur position : en insérer un avant eux les fait paraître \
        changés ; donnez un « id » à ce que vous suivez. Si ANCIEN a été produit avec \
        --revue, les constats apparus ou levés sont comparés aussi (le projet est alors \
        calculé comme avec --revue, projets compris). Code de sortie : 0 quels que soient \
        les changements, 2 si ANCIEN ou le dossier ne peuvent pas être lus.
        Exemples : ctg diff /srv/ctg/seance-mars .    ctg diff ancien/donnees/conventions.json --format json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @Argument(help: "Site produit auparavant : son dossier, ou son fichier donnees/conventions.json.")
    var ancien: String

    @Argument(help: "Dossier du projet (contient content/), le dossier courant par défaut.")
    var dir: String = "."

    @Option(name: .long, help: "Format de sortie : text (pour lire) ou json (pour d'autres outils).")
    var format: Format = .text

    @Flag(name: .long, help: "Inclure les conventions non signées (projets), comme ctg build --projets.")
    var projets = false

    func run() async throws {
        ProcessLifetime.keepUntilExit()
        let outcome = await Self.execute(ancien: ancien, root: dir, format: format, projets: projets)
        if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
        FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
        if outcome.code != 0 { throw ExitCode(outcome.code) }
    }

    /// Reads ANCIEN, loads, checks and derives the project, compares; never throws: what
    /// cannot be read is exit code 2 with a French message, any change is exit code 0.
    static func execute(ancien: String, root: String, format: Format, projets: Bool = false) async -> CommandOutcome {
        // ANCIEN is read while the project loads: each keeps a core busy when the other waits.
        let lecture = Task.detached { Result<Instantane, Ancien.Erreur> { () throws(Ancien.Erreur) in try Ancien.lire(ancien) } }
        let projet: Result<CheckedProject, any Error>
        do { projet = .success(try await Builder.check(project: ProjectLoader.load(root: root, html: false))) } catch { projet = .failure(error) }
        let avant: Instantane
        switch await lecture.value {
        case .success(let i): avant = i
        case .failure(let error): return CommandOutcome(stdout: "", stderr: "ctg diff : \(error.message)\n", code: 2)
        }
        let checked: CheckedProject
        let cmp: Comparaison
        do {
            checked = try projet.get()
            cmp = try Ancien.comparer(avant, avec: checked, projets: projets)
        } catch {
            return CommandOutcome(stdout: "", stderr: "ctg diff : \(error)\n", code: 2)
        }
        var stderr = ""
        if checked.errors > 0 {
            let n = checked.errors
            stderr += "ctg diff : le projet a \(n) erreur\(n > 1 ? "s" : "") (ctg check les détaille)\u{00A0}: ctg build ne le publierait pas sans --revue.\n"
        }
        switch format {
        case .text:
            return CommandOutcome(stdout: Evolutions.texte(cmp), stderr: stderr, code: 0)
        case .json:
            // The JSON keeps FORMAT.md §5's shape: what the comparison could not see goes to stderr.
            for r in Evolutions.remarques(cmp) { stderr += "ctg diff : \(r)\n" }
            return CommandOutcome(stdout: Evolutions.json(cmp), stderr: stderr, code: 0)
        }
    }
}
