import ArgumentParser
import Foundation
import Model
import Site

/// `ctg build [DIR] [--output DIR] [--projets] [--revue]`.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Vérifie le projet puis produit le site statique (par défaut dans DIR/public).",
        discussion: """
        Avec une erreur, rien n'est écrit et le site précédent reste intact, sauf avec --revue \
        qui produit le site quand même et montre chaque constat sur la page concernée \
        et dans controle/index.html.
        Exemple : ctg build . --output /tmp/site --revue
        """)

    @Argument(help: "Dossier du projet (contient content/).")
    var dir: String = "."

    @Option(name: .long, help: "Dossier de sortie (par défaut : DIR/public).")
    var output: String?

    @Flag(name: .long, help: "Inclure les conventions non signées (projets).")
    var projets = false

    @Flag(name: .long, help: "Mode revue : produire le site malgré les erreurs, constats affichés sur les pages ; inclut les projets.")
    var revue = false

    func run() async throws {
        ProcessLifetime.keepUntilExit()
        let start = Date()
        let result: BuildResult
        do {
            result = try await Builder.build(BuildOptions(root: dir, output: output, projets: projets, revue: revue))
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
        if !checked.findings.isEmpty { Console.printFindings(checked, root: dir, summaryOnly: !revue) }
        let seconds = Date().timeIntervalSince(start)
        let out = output ?? (dir == "." ? "public" : dir + "/public")
        print("Site écrit dans \(out) : \(result.pages) pages, \(result.files.count) fichiers, en \(String(format: "%.2f", seconds).replacingOccurrences(of: ".", with: ",")) s (date de référence : \(checked.date.iso)).")
        if revue && checked.errors > 0 { throw ExitCode(1) }
    }
}
