import Content
import Foundation
import Model
import Rendering
import Reports

/// A previous build of the site, what a board saw last time (`ANCIEN`, FORMAT.md §5): its
/// folder or its `donnees/conventions.json`, compared with the project now.
public enum Ancien {
    /// Why `ANCIEN` cannot be compared, in French, naming the file.
    public struct Erreur: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Reads `ANCIEN`: a folder (its `donnees/conventions.json`) or a file. Never traps,
    /// whatever the bytes.
    public static func lire(_ chemin: String) throws(Erreur) -> Instantane {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: chemin, isDirectory: &isDir) else {
            throw Erreur(message: "« \(chemin) » introuvable\u{00A0}: donnez le dossier d'un site produit par ctg build, ou son fichier donnees/conventions.json")
        }
        let fichier = isDir.boolValue ? join(chemin, "donnees/conventions.json") : chemin
        if isDir.boolValue, !FileManager.default.fileExists(atPath: fichier) {
            throw Erreur(message: "« \(fichier) » introuvable\u{00A0}: « \(chemin) » n'est pas le dossier d'un site produit par ctg build")
        }
        guard let data = FileManager.default.contents(atPath: fichier) else {
            throw Erreur(message: "« \(fichier) » ne peut pas être lu")
        }
        do {
            return try Instantane.lire(Array(data))
        } catch {
            throw Erreur(message: "« \(fichier) »\u{00A0}: \(error.message)")
        }
    }

    /// `ANCIEN` compared with the checked project, its `conventions.json` made in memory as
    /// `ctg build` writes it (`projets`: with the drafts, as `--projets` builds). When ANCIEN
    /// is a review build, so is the project's: drafts and findings are compared like for like.
    public static func comparer(_ ancien: Instantane, avec checked: CheckedProject, projets: Bool) throws -> Comparaison {
        let renderer = try SiteRenderer(projectTemplates: nil)
        let map = renderer.siteMap(project: checked.project, report: checked.report, findings: checked.findings,
                                   options: RenderOptions(revue: ancien.revue, projets: projets || ancien.revue), cartes: false)
        ProcessLifetime.keep(map)
        return try comparer(ancien, avec: map)
    }

    /// `ANCIEN` compared with the `conventions.json` of a site map (`ctg serve --depuis`).
    public static func comparer(_ ancien: Instantane, avec map: SiteMap) throws -> Comparaison {
        let nouveau = try Instantane.lire(map.conventionsJSON())
        // Both sides are kept until `ctg diff` exits (freeing them is a tenth of its time).
        ProcessLifetime.keep(ancien)
        ProcessLifetime.keep(nouveau)
        return Comparaison.comparer(ancien, nouveau)
    }
}
