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
        résultat déjà connus ; les résultats manquants sont à remplir. La feuille (CSV en \
        UTF-8 avec points-virgules et virgules décimales, XLSX ou ODS) s'ouvre telle quelle \
        dans Excel et LibreOffice. Rangez-la à côté de la convention et nommez-la dans son \
        en-tête : « tableur: resultats.xlsx » ; ctg check et ctg build lisent alors ses résultats.
        Exemple : ctg tableur roubaix-2014 --format xlsx --sortie content/territoires/roubaix-2014-resultats.xlsx
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case csv, xlsx, ods
    }

    @Argument(help: "Identifiant de la convention (roubaix-2014).")
    var id: String

    @Argument(help: "Dossier du projet (contient content/), le dossier courant par défaut.")
    var dir: String = "."

    @Option(name: .long, help: "Format de la feuille : csv, xlsx (Excel) ou ods (LibreOffice).")
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
        let project: Project
        do { project = try await ProjectLoader.load(root: root, html: false) } catch {
            return Outcome(bytes: nil, stderr: "ctg tableur : \(error)\n", code: 2)
        }
        guard let c = project.conventions.first(where: { $0.id.value == id }) else {
            let ids = project.conventions.map(\.id.value).sorted()
            return Outcome(bytes: nil, stderr: "ctg tableur : aucune convention « \(id) » dans le projet\(Suggestion.phrase(for: id, in: ids))\n", code: 2)
        }
        let feuille: [UInt8]
        switch format {
        case .csv: feuille = Tableur.ecrireCSV(c)
        case .xlsx: feuille = Classeur.ecrireXLSX(Tableur.feuille(c), nom: "Résultats")
        case .ods: feuille = Classeur.ecrireODS(Tableur.feuille(c), nom: "Résultats")
        }
        guard let sortie else { return Outcome(bytes: feuille, stderr: "", code: 0) }
        guard FileManager.default.createFile(atPath: sortie, contents: Data(feuille)) else {
            return Outcome(bytes: nil, stderr: "ctg tableur : « \(sortie) » ne peut pas être écrit\n", code: 2)
        }
        return Outcome(bytes: nil, stderr: "Feuille écrite dans \(sortie) : nommez-la dans l'en-tête de la convention (« tableur: \((sortie as NSString).lastPathComponent) »).\n", code: 0)
    }
}
