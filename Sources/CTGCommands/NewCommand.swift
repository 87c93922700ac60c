import ArgumentParser
import Foundation
import Model
import Site

/// `ctg new convention ID`: scaffolds a valid convention file.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Crée un fichier de départ (une convention).",
        discussion: "Exemple : ctg new convention roubaix-2027 --echelon local --territoire 59512",
        subcommands: [NewConvention.self])
}

struct NewConvention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convention",
        abstract: "Écrit content/territoires/ID.md avec toutes les clés obligatoires, commentées.",
        discussion: "Exemples : ctg new convention nord-2027 --echelon departemental --territoire 59    ctg new convention lens-2015 --cadre cnaf-2013")

    @Argument(help: "Identifiant de la convention (minuscules, chiffres, tirets), par exemple roubaix-2027.")
    var id: String

    @Option(name: .long, help: "local (commune, EPCI) ou departemental.")
    var echelon: String = "local"

    @Option(name: .long, help: "Code du territoire : INSEE de la commune, SIREN de l'EPCI ou code du département.")
    var territoire: String?

    @Option(name: .long, help: "Cadre de la convention : cnaf-2020 (circulaire du 16 janvier 2020 : cinq ans, le socle de champs) ou cnaf-2013 (lettre circulaire n° 2013-205 : quatre ans).")
    var cadre: String = Cadre.cnaf2020.rawValue

    @Option(name: .long, help: "Dossier du projet.")
    var dossier: String = "."

    /// Why a file could not be written, in French (Foundation's description is English).
    static func raison(_ error: Error) -> String {
        let ns = error as NSError
        let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
            ?? (ns.domain == NSPOSIXErrorDomain ? ns.code : nil)
        switch posix.map(Int32.init(truncatingIfNeeded:)) {
        case ENAMETOOLONG: return "nom de fichier trop long"
        case EACCES, EPERM: return "accès refusé"
        case ENOSPC, EDQUOT: return "plus de place sur le disque"
        case EROFS: return "disque en lecture seule"
        case ENOENT: return "dossier introuvable"
        case ENOTDIR: return "un élément du chemin n'est pas un dossier"
        case EEXIST: return "le fichier existe déjà"
        case let code?: return "erreur du système (code \(code))"
        case nil:
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteNoPermission: return "accès refusé"
            case .fileWriteOutOfSpace: return "plus de place sur le disque"
            case .fileWriteVolumeReadOnly: return "disque en lecture seule"
            case .fileWriteFileExists: return "le fichier existe déjà"
            case .fileWriteInvalidFileName: return "nom de fichier invalide"
            default: return "erreur d'écriture (code \(ns.code))"
            }
        }
    }

    func run() async throws {
        guard let e = Echelon(rawValue: echelon) else {
            Console.error("ctg new : échelon « \(echelon) » inconnu : « local » ou « departemental »")
            throw ExitCode(2)
        }
        guard let k = Cadre(rawValue: cadre) else {
            Console.error("ctg new : cadre « \(cadre) » inconnu : « cnaf-2020 » ou « cnaf-2013 »")
            throw ExitCode(2)
        }
        let text: String
        do {
            text = try Scaffold.convention(id: id, echelon: e, territoire: territoire, today: Builder.today(), cadre: k)
        } catch {
            Console.error("ctg new : \(error)")
            throw ExitCode(2)
        }
        let dir = dossier + "/content/territoires"
        let path = dir + "/\(id).md"
        let fm = FileManager.default
        if fm.fileExists(atPath: path) || fm.fileExists(atPath: dir + "/\(id)") {
            Console.error("ctg new : « \(path) » existe déjà : je ne l'écrase pas")
            throw ExitCode(2)
        }
        do {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let site = dossier + "/content/site.yml"
            if !fm.fileExists(atPath: site) {
                try Data("titre: Conventions territoriales globales\ncaf: Caf (à compléter)\n".utf8).write(to: URL(fileURLWithPath: site))
                print("Créé : \(site)")
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            Console.error("ctg new : écriture impossible de « \(path) »\u{00A0}: \(Self.raison(error))")
            throw ExitCode(2)
        }
        print("Créé : \(path) — complétez-le, puis lancez « ctg check \(dossier) ».")
    }
}
