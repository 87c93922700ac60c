import Foundation
import Model
import Mustache
import Reports

/// A Mustache context: plain dictionaries and arrays, read without reflection.
typealias Ctx = [String: Any]

/// A dictionary whose nil values are `absent`: Mustache looks a missing key up in the
/// enclosing contexts (an indicator without findings would show its axe's), so a value that
/// is not there must still be a key, one that renders as nothing and is false.
func ctx(_ pairs: KeyValuePairs<String, Any?>) -> Ctx {
    var out = Ctx(minimumCapacity: pairs.count)
    for (k, v) in pairs { out[k] = v ?? absent }
    return out
}

/// The value of a key that has no value: stops Mustache's lookup (the key is found), then
/// stands for nil (renders empty, is false).
struct Absent: MustacheCustomRepresentation, Sendable {
    var representation: Any? { nil }
}

let absent = Absent()


/// `{items: […]}` or nil when empty, so that a template writes its `<ul>` only around
/// something: `{{#partenaires}}<ul>{{#items}}<li>{{.}}</li>{{/items}}</ul>{{/partenaires}}`.
func liste(_ items: [Any]) -> Ctx? { items.isEmpty ? nil : ["items": items] }

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
            site: .init(titre: site.titre, caf: site.caf, dateReference: Format.date(map.date), dateReferenceIso: map.date.iso),
            nav: nav,
            urlAccueil: url(SitePath.accueil),
            urlStyle: url(SitePath.style),
            urlAccessibilite: url(SitePath.accessibilite),
            urlConventionsJson: url(SitePath.conventionsJSON),
            urlIndicateursCsv: url(SitePath.indicateursCSV),
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
            return LienConvention(relation: relation, titre: e.titre, page: (url(e.path), e.resume.phase.libelle))
        }
        return LienConvention(relation: relation, titre: map.project.conventionsById[id].flatMap { $0.titre?.value } ?? id)
    }

    /// One finding, readable without colour: icon, « Erreur » or « Avertissement », rule, message, place.
    func constat(_ f: Finding, ancre: (page: String, id: String)? = nil) -> Ctx {
        ctx([
            "gravite": f.severity == .error ? "erreur" : "avertissement",
            "libelleGravite": f.severity == .error ? "Erreur" : "Avertissement",
            "icone": f.severity == .error ? "✖" : "⚠",
            "regle": f.rule.rawValue,
            "message": f.message,
            "emplacement": "\(f.location.file):\(f.location.line)",
            "colonne": f.location.column,
            "url": ancre.map { url($0.page, ancre: $0.id) },
        ])
    }

    func constats(_ fs: [Finding]) -> Ctx? { liste(fs.map { constat($0) }) }

    /// `constats(fs)` as the built-in `partials/constats` writes it (findings without a link).
    func constatsHTML(_ fs: [Finding], _ h: inout HTMLBuffer) {
        h.raw("<ul class=\"constats\">\n")
        for f in fs {
            let erreur = f.severity == .error
            h.raw(erreur ? "<li class=\"constat constat-erreur\"><span class=\"constat-icone\" aria-hidden=\"true\">✖</span> <strong>Erreur</strong> <code>"
                : "<li class=\"constat constat-avertissement\"><span class=\"constat-icone\" aria-hidden=\"true\">⚠</span> <strong>Avertissement</strong> <code>")
            h.text(f.rule.rawValue)
            h.raw("</code> : ")
            h.text(f.message)
            h.raw(" <span class=\"constat-lieu\">(")
            h.text("\(f.location.file):\(f.location.line)")
            h.raw(")</span></li>\n")
        }
        h.raw("</ul>\n")
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

/// Labels and icons of states: words always, icons and colours only as a second channel.
enum Etiquette {
    static func etat(_ e: EtatIndicateur) -> Ctx { etatContexts[e]! }

    static func action(_ e: EtatAction) -> Ctx { actionContexts[e]! }

    /// Built once: the same few values are on every row of every page.
    nonisolated(unsafe) static let etatContexts: [EtatIndicateur: Ctx] = Dictionary(uniqueKeysWithValues: EtatIndicateur.allCases.map { e in
        let icone: String
        switch e {
        case .atteint: icone = "✔"
        case .enBonneVoie: icone = "↗"
        case .enRetard: icone = "↘"
        case .nonAtteint: icone = "✘"
        case .nonRenseigne: icone = "?"
        }
        return (e, ["code": e.rawValue, "libelle": e.libelle, "icone": icone,
                    "html": Fragment.badge(code: e.rawValue, libelle: e.libelle)] as Ctx)
    })

    nonisolated(unsafe) static let actionContexts: [EtatAction: Ctx] = Dictionary(uniqueKeysWithValues: EtatAction.allCases.map { e in
        let icone: String
        switch e {
        case .prevue: icone = "○"
        case .enCours: icone = "◐"
        case .realisee: icone = "✔"
        case .abandonnee: icone = "✘"
        }
        return (e, ["code": e.rawValue, "libelle": e.libelle, "icone": icone,
                    "html": Fragment.badge(code: e.rawValue, libelle: e.libelle)] as Ctx)
    })

    static func phase(_ p: Phase) -> Ctx { ["code": p.rawValue, "libelle": p.libelle] }

    /// Indicator counts by state in a fixed order, with their labels.
    static func etats(_ counts: [EtatIndicateur: Int]) -> [Any] {
        EtatIndicateur.allCases.map { e in
            var c = etat(e)
            c["nombre"] = Format.entier(counts[e] ?? 0)
            c["zero"] = (counts[e] ?? 0) == 0 ? true : absent
            return c
        }
    }
}

/// A list whose items become contexts only when a template goes through it: the built-in
/// templates print the HTML of table bodies instead, so these are built for a project's
/// own templates alone.
struct LazyList<T>: MustacheSequence {
    let items: [T]
    let transform: (T) -> Any
    init(_ items: [T], _ transform: @escaping (T) -> Any) {
        self.items = items
        self.transform = transform
    }
    func makeIterator() -> LazyMapSequence<[T], Any>.Iterator { items.lazy.map(transform).makeIterator() }
}
