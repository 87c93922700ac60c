import ArgumentParser
import Dispatch
import Foundation
import Preview
import Site

/// `ctg serve [DIR] [--port N] [--depuis ANCIEN]`: preview with live reload, on 127.0.0.1 only.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Prévisualise le site (mode revue, projets inclus) avec rechargement automatique.",
        discussion: """
        Le site est servi sur 127.0.0.1 seulement et reconstruit à chaque enregistrement \
        dans content/ ou templates/. Un fichier invalide n'arrête pas le serveur : les dernières \
        pages valides restent servies et les erreurs s'affichent dans le navigateur. \
        Avec --depuis ANCIEN, les pages montrent ce qui a changé depuis ce site produit \
        auparavant, comme ctg build --depuis, et le suivent à chaque enregistrement.
        Exemples : ctg serve . --port 8081    ctg serve . --depuis /srv/ctg/seance-mars
        """)

    @Argument(help: "Dossier du projet (contient content/).")
    var dir: String = "."

    @Option(name: .long, help: "Port d'écoute sur 127.0.0.1 (0 = un port libre).")
    var port: Int = 8080

    @Option(name: .long, help: "Site produit auparavant (son dossier, ou son fichier donnees/conventions.json) : les pages montrent ce qui a changé depuis.")
    var depuis: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("le port doit être compris entre 0 et 65535") }
    }

    func run() async throws {
        let server: PreviewServer
        do {
            let ancien = try depuis.map { chemin throws(Ancien.Erreur) in try Ancien.lire(chemin) }
            server = try PreviewServer(root: dir, port: UInt16(port), ancien: ancien)
        } catch {
            Console.error("ctg serve : \(error)")
            throw ExitCode(2)
        }
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let task = Task {
            try await server.run(onListening: { port in
                Console.out("Prévisualisation sur http://127.0.0.1:\(port)/ — Ctrl-C pour arrêter.")
            }, onRebuild: { r in
                let ms = Int((r.seconds * 1000).rounded())
                // The first build is not a rebuild: every file of the site is new.
                if r.first {
                    Console.out("Site construit en \(ms) ms\(r.errors > 0 ? ", \(r.errors) erreur\(r.errors > 1 ? "s" : "") (affichées sur les pages et dans controle/index.html)" : "").")
                    return
                }
                Console.out("Reconstruit en \(ms) ms : \(r.changedFiles) fichier\(r.changedFiles > 1 ? "s" : "") modifié\(r.changedFiles > 1 ? "s" : "")\(r.errors > 0 ? ", \(r.errors) erreur\(r.errors > 1 ? "s" : "")" : "").\(ProcessInfo.processInfo.environment["CTG_PROFIL"] != nil ? " (" + r.laps.joined(separator: ", ") + ")" : "")")
            })
        }
        let sources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            s.setEventHandler { task.cancel() }
            s.resume()
            return s
        }
        defer { sources.forEach { $0.cancel() } }
        do {
            try await task.value
        } catch is CancellationError {
        } catch let e as PreviewError {
            Console.error("ctg serve : \(e)")
            throw ExitCode(2)
        } catch {
            if task.isCancelled { return }
            Console.error("ctg serve : \(error)")
            throw ExitCode(2)
        }
        await server.stop()
        print("Arrêt du serveur.")
    }
}
