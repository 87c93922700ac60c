import ArgumentParser
import Foundation
import Model
import Site

/// `ctg build [DIR] [--output DIR] [--projets] [--revue] [--depuis ANCIEN]`.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Vérifie le projet puis produit le site statique (par défaut dans DOSSIER/public).",
        discussion: """
        Avec une erreur, rien n'est écrit et le site précédent reste intact, sauf avec --revue \
        qui produit le site quand même et montre chaque constat sur la page concernée \
        et dans controle/index.html. \
        Avec --depuis ANCIEN (le dossier d'un site produit auparavant, ou son fichier \
        donnees/conventions.json), le site montre ce qui a changé depuis : la page \
        evolutions/index.html, un lien en tête de l'accueil, et sur chaque tableau de bord \
        et chaque dossier un bloc « Depuis le … » (les changements de ctg diff).
        Exemples : ctg build . --output /tmp/site --revue    ctg build . --depuis /srv/ctg/seance-mars
        """)

    @Argument(help: "Dossier du projet (contient content/).")
    var dir: String = "."

    @Option(name: .long, help: "Dossier de sortie (par défaut : DOSSIER/public).")
    var output: String?

    @Flag(name: .long, help: "Inclure les conventions non signées (projets).")
    var projets = false

    @Flag(name: .long, help: "Mode revue : produire le site malgré les erreurs, constats affichés sur les pages ; inclut les projets.")
    var revue = false

    @Option(name: .long, help: "Site produit auparavant (son dossier, ou son fichier donnees/conventions.json) : le site montre ce qui a changé depuis.")
    var depuis: String?

    /// What the command says on stdout of a written site: where, how much, and every
    /// convention left out as a draft.
    static func compteRendu(_ result: BuildResult, dir: String, output: String?, secondes: Double) -> String {
        let out = output ?? (dir == "." ? "public" : dir + "/public")
        var text = "Site écrit dans \(out) : \(result.pages) pages, \(result.files.count) fichiers, en \(String(format: "%.2f", secondes).replacingOccurrences(of: ".", with: ",")) s (date de référence : \(result.checked.date.iso)).\n"
        let omis = result.projetsOmis
        if !omis.isEmpty {
            let n = omis.count
            text += (n == 1 ? "1 convention non signée (projet) laissée de côté : " : "\(n) conventions non signées (projets) laissées de côté : ")
                + omis.joined(separator: ", ") + (n == 1 ? "\u{202F}; --projets l'inclut.\n" : "\u{202F}; --projets les inclut.\n")
        }
        return text
    }

    func run() async throws {
        ProcessLifetime.keepUntilExit()
        let start = Date()
        let result: BuildResult
        do {
            result = try await Builder.build(BuildOptions(root: dir, output: output, projets: projets, revue: revue, depuis: depuis))
        } catch {
            Console.error("ctg build : \(error)")
            throw ExitCode(2)
        }
        let checked = result.checked
        if ProcessInfo.processInfo.environment["CTG_PROFIL"] != nil {
            Console.error(result.timings.map { "\($0.phase) \(Int(($0.seconds * 1000).rounded())) ms" }.joined(separator: ", "))
        }
        if !result.written {
            Console.printFindings(checked, root: dir)
            Console.error("ctg build : \(checked.errors) erreur\(checked.errors > 1 ? "s" : "") : site non produit, le site précédent est intact (corrigez, ou utilisez --revue).")
            throw ExitCode(1)
        }
        // Every finding in full, warnings too: a warning can be why a page is not what was meant.
        if !checked.findings.isEmpty { Console.printFindings(checked, root: dir) }
        let seconds = Date().timeIntervalSince(start)
        print(Self.compteRendu(result, dir: dir, output: output, secondes: seconds), terminator: "")
        if revue && checked.errors > 0 { throw ExitCode(1) }
    }
}
