import Foundation
import Model
import Reports

/// What every page shares: where it is, the way back to the root, the navigation.
struct PageFrame {
    let map: SiteMap
    /// Output path of the page.
    let path: String
    private let folders: [Substring]
    /// `../` as many times as the page is deep, and the first folder followed by `/`: most
    /// links leave that folder, so their URL is the prefix and the target (a field page links
    /// to thousands of rows).
    private let racine: String
    private let firstFolder: String?

    init(map: SiteMap, path: String) {
        self.map = map
        self.path = path
        folders = SitePath.folders(of: path)
        racine = String(repeating: "../", count: folders.count)
        firstFolder = folders.first.map { $0 + "/" }
    }

    /// The URL of an output path, seen from this page.
    func url(_ target: String) -> String {
        if let firstFolder, !target.hasPrefix(firstFolder) { return SitePath.encode(racine + target) }
        return SitePath.encode(SitePath.relative(fromDir: folders, to: target))
    }

    /// The URL of an anchor of another page, or of this one.
    func url(_ target: String, ancre: String) -> String { target == path ? "#" + ancre : url(target) + "#" + ancre }

    /// What the layout shows around this page.
    func layoutVue(titre: String, filAriane: [(String, String?)], impression: (titre: String, date: String)? = nil) -> LayoutVue {
        let site = map.project.site
        var nav = [LayoutVue.NavItem(libelle: "Accueil", url: url(SitePath.accueil), courant: path == SitePath.accueil)]
        for p in map.pages {
            nav.append(.init(libelle: p.page.titre, url: url(p.path), courant: path == p.path))
        }
        if map.options.revue {
            nav.append(.init(libelle: "Contrôle", url: url(SitePath.controle), courant: path == SitePath.controle))
        }
        return LayoutVue(
            racine: SitePath.racine(of: path),
            titrePage: titre,
            site: .init(titre: site.titre, caf: site.caf, cafArticle: map.cafArticle, cafSujet: Format.majuscule(map.cafArticle),
                        dateReference: Format.date(map.date), dateReferenceIso: map.date.iso),
            nav: nav,
            urlAccueil: url(SitePath.accueil),
            urlStyle: url(SitePath.style),
            urlAccessibilite: url(SitePath.accessibilite),
            urlConventionsJson: url(SitePath.conventionsJSON),
            urlIndicateursCsv: url(SitePath.indicateursCSV),
            urlCouvertureCsv: url(SitePath.couvertureCSV),
            urlControle: map.options.revue ? url(SitePath.controle) : nil,
            revue: map.options.revue,
            filAriane: Liste(filAriane.map { .init(libelle: $0.0, url: $0.1) }),
            styleImpression: impression.map { "@page{@top-left{content:\(cssString($0.titre))}@top-right{content:\(cssString($0.date))}}" })
    }

    /// The breadcrumb of a convention's pages: Accueil › Département › Convention.
    func filAriane(_ e: ConventionEntry, courant: Bool) -> [(String, String?)] {
        var out: [(String, String?)] = [("Accueil", url(SitePath.accueil))]
        if let d = map.departementByCode[e.departement ?? ""] {
            out.append((map.departements[d].libelle, url(map.departements[d].path)))
        }
        out.append((e.titre, courant ? nil : url(e.path)))
        return out
    }

    /// A link to a convention when it has a page on this site; its title alone otherwise.
    func lienConvention(_ id: String, relation: String? = nil) -> LienConvention {
        if let e = map.entry(id: id) {
            return LienConvention(relation: relation, titre: e.titre, url: url(e.path), phase: e.resume.phase.libelle, absente: false)
        }
        return LienConvention(relation: relation, titre: map.project.conventionsById[id].flatMap { $0.titre?.value } ?? id,
                              url: nil, phase: "", absente: true)
    }
}

/// A CSS string literal: quotes, backslashes, `<` and line breaks escaped, so no text can
/// close the `<style>` element or the string.
func cssString(_ s: String) -> String {
    // By bytes: the characters replaced are ASCII, and every other byte is copied as it is
    // (appending to a String's scalars one by one cost more than the rest of the layout).
    var h = HTMLBuffer(capacity: s.utf8.count + 16)
    h.raw("\"")
    var s = s
    s.withUTF8 { u in
        var start = 0
        for i in 0..<u.count {
            let replacement: StaticString
            switch u[i] {
            case 34: replacement = "\\22 "
            case 92: replacement = "\\5c "
            case 60: replacement = "\\3c "
            case 62: replacement = "\\3e "
            case 10, 13, 9: replacement = " "
            default: continue
            }
            h.append(UnsafeBufferPointer(rebasing: u[start..<i]))
            h.raw(replacement)
            start = i + 1
        }
        h.append(UnsafeBufferPointer(rebasing: u[start...]))
    }
    h.raw("\"")
    return h.out
}
