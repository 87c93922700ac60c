import ArgumentParser
import Content
import Foundation
import Model

/// `ctg tableur ID [DIR] [--format csv|xlsx|ods] [--sortie FICHIER]`: a convention's results
/// sheet, pre-filled, for staff to complete and name in `tableur:` (FORMAT.md §3).
struct TableurCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tableur",
        abstract: "La feuille de résultats d'une convention, pré-remplie, à compléter dans un tableur.",
        discussion: """
        Une ligne par indicateur et par année (celles de la référence, des cibles, des \
        résultats et de la période) : identifiant, libellé, unité, année, référence, cible et \
        résultat déjà connus ; les résultats manquants sont à remplir. Le fichier CSV (UTF-8, \
        points-virgules, virgules décimales) s'ouvre tel quel dans Excel et LibreOffice. \
        Enregistrez-le au format CSV à côté de la convention et nommez-le dans son en-tête : \
        « tableur: resultats.csv » ; ctg check et ctg build lisent alors ses résultats.
        Exemple : ctg tableur roubaix-2014 --sortie content/territoires/roubaix-2014-resultats.csv
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case csv, xlsx, ods
    }

    @Argument(help: "Identifiant de la convention (roubaix-2014).")
    var id: String

    @Argument(help: "Dossier du projet (contient content/), le dossier courant par défaut.")
    var dir: String = "."

    @Option(name: .long, help: "Format de la feuille : csv.")
    var format: Format = .csv

    @Option(name: .long, help: "Fichier à écrire (par défaut : la sortie standard).")
    var sortie: String?

    func run() async throws {
        let outcome = await Self.execute(id: id, root: dir, format: format, sortie: sortie)
        if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
        if let bytes = outcome.bytes { FileHandle.standardOutput.write(Data(bytes)) }
        if outcome.code != 0 { throw ExitCode(outcome.code) }
    }

    struct Outcome: Sendable, Equatable {
        var bytes: [UInt8]?
        var stderr: String
        var code: Int32
    }

    /// Loads the project and writes the sheet; never throws (exit 2 with a French message).
    static func execute(id: String, root: String, format: Format, sortie: String?) async -> Outcome {
        guard format == .csv else {
            return Outcome(bytes: nil, stderr: "ctg tableur : le format \(format.rawValue) n'est pas encore écrit par ctg ; utilisez --format csv (Excel et LibreOffice l'ouvrent et l'enregistrent)\n", code: 2)
        }
        let project: Project
        do { project = try await ProjectLoader.load(root: root, html: false) } catch {
            return Outcome(bytes: nil, stderr: "ctg tableur : \(error)\n", code: 2)
        }
        guard let c = project.conventions.first(where: { $0.id.value == id }) else {
            let ids = project.conventions.map(\.id.value).sorted()
            return Outcome(bytes: nil, stderr: "ctg tableur : aucune convention « \(id) » dans le projet\(Suggestion.phrase(for: id, in: ids))\n", code: 2)
        }
        let feuille = Tableur.ecrireCSV(c)
        guard let sortie else { return Outcome(bytes: feuille, stderr: "", code: 0) }
        guard FileManager.default.createFile(atPath: sortie, contents: Data(feuille)) else {
            return Outcome(bytes: nil, stderr: "ctg tableur : « \(sortie) » ne peut pas être écrit\n", code: 2)
        }
        return Outcome(bytes: nil, stderr: "Feuille écrite dans \(sortie) : nommez-la dans l'en-tête de la convention (« tableur: \((sortie as NSString).lastPathComponent) »).\n", code: 0)
    }
}
