import Model
import Reports

/// What changed since a previous build (`--depuis ANCIEN`, `evolutions.mustache`, at
/// `evolutions/index.html`): the changes grouped by convention, each convention's title
/// linking to its dashboard, those the board should look at marked in words and counted first.
struct EvolutionsVue: PageVue {
    static let gabarit = "evolutions"
    var evolutions: Contenu

    struct Contenu: Vue {
        /// « Ce qui a changé depuis le 31 mars 2016 ».
        var titre: String
        /// « 5 changements à examiner par le conseil, sur 18 changements dans 4 conventions ».
        var bilan: String
        /// What the comparison could not see or may mislead on (`Evolutions.remarques`).
        var remarques: Liste<String>
        var aucun: Bool
        var groupes: [Groupe]
    }

    /// The changes of one convention.
    struct Groupe: Vue {
        var titre: String
        var id: String
        /// Its dashboard, when it has one on this site (a convention removed has none).
        var url: Optionnel<String>
        var ancre: String
        var bilan: String
        var changements: [ChangementVue]
    }
}

/// One change as a page lists it (`partials/depuis`, `evolutions.mustache`): its sentence,
/// the mark in words of what the board should look at, a link to the row concerned.
struct ChangementVue: Vue {
    var message: String
    var attention: Bool
    /// The row concerned (an indicator, an action, the money table), when the page has it.
    var url: Optionnel<String>
}

/// « Depuis le … » (`partials/depuis`): a convention's changes since ANCIEN, on its
/// dashboard and its dossier, only when it has some.
struct DepuisVue: Vue {
    var titre: String
    var bilan: String
    var urlEvolutions: String
    var changements: [ChangementVue]
}

/// The link of the home page to `evolutions/index.html`.
struct LienEvolutions: Vue {
    var texte: String
    var url: String
}

extension SiteMap {
    /// « le 31 mars 2016 », or « le site précédent » when ANCIEN gives no date.
    var depuisTexte: String {
        options.evolutions?.depuis.flatMap { Day(iso: $0) }.map { "le \(Format.date($0))" } ?? "le site précédent"
    }

    /// « 18 changements, dont 5 à examiner par le conseil »: the count of the attention ones first
    /// when there are some.
    static func bilanChangements(_ cs: [Changement]) -> String {
        let a = cs.count(where: \.attention)
        let n = Format.pluriel(cs.count, "changement")
        guard a > 0 else { return n }
        return "\(Format.pluriel(a, "changement")) à examiner par le conseil, sur \(n)"
    }

    func evolutionsVue() -> (LayoutVue, EvolutionsVue) {
        let frame = PageFrame(map: self, path: SitePath.evolutions)
        let titre = "Ce qui a changé depuis \(depuisTexte)"
        let layout = frame.layoutVue(titre: titre, filAriane: [("Accueil", frame.url(SitePath.accueil)), ("Ce qui a changé", nil)])
        let cs = options.evolutions?.changements ?? []
        var groupes: [EvolutionsVue.Groupe] = []
        var ancres = NameSpace()
        var debut = 0
        while debut < cs.count {
            var fin = debut + 1
            while fin < cs.count, cs[fin].convention == cs[debut].convention { fin += 1 }
            let id = cs[debut].convention
            let k = entryById[id]
            let leurs = Array(cs[debut..<fin])
            groupes.append(.init(
                titre: k.map { entries[$0].titre } ?? options.evolutions?.titres[id] ?? id, id: id,
                url: Optionnel(k.map { frame.url(entries[$0].path) }),
                ancre: ancres.claim("Convention-" + (safeSlug(id) ?? "convention")),
                bilan: Self.bilanChangements(leurs),
                changements: changementsVue(leurs, entry: k, frame: frame, surLaPage: false)))
            debut = fin
        }
        let conventions = Format.pluriel(groupes.count, "convention")
        let bilan = cs.isEmpty ? "Aucun changement depuis \(depuisTexte)."
            : "\(Self.bilanChangements(cs)), dans \(conventions), entre \(depuisTexte) et le \(Format.date(date))."
        return (layout, EvolutionsVue(evolutions: .init(
            titre: titre, bilan: bilan, remarques: Liste(options.evolutions.map(Evolutions.remarques) ?? []), aucun: cs.isEmpty, groupes: groupes)))
    }

    /// The changes `cs` of entry `k` (nil: a convention with no page here), each linked to the
    /// row concerned on its dashboard, or on this page when `surLaPage`.
    func changementsVue(_ cs: [Changement], entry k: Int?, frame: PageFrame, surLaPage: Bool) -> [ChangementVue] {
        cs.map { c in
            var url: String? = nil
            if let k {
                let e = entries[k]
                if let a = ancre(of: c, entry: k) {
                    url = surLaPage ? "#" + a : frame.url(e.path, ancre: a)
                } else if !surLaPage {
                    url = frame.url(e.path)
                }
            }
            return ChangementVue(message: Evolutions.message(c), attention: c.attention, url: Optionnel(url))
        }
    }

    /// Where on entry `k`'s dashboard (and dossier) the row a change concerns is: an
    /// indicator's or an action's anchor, the money table; nil for what has no row there
    /// (what was removed, the convention itself).
    func ancre(of c: Changement, entry k: Int) -> String? {
        let axes = entries[k].convention.axes?.value ?? []
        switch c.type {
        case .indicateurRetire, .actionRetiree, .conventionAjoutee, .conventionRetiree, .constatDisparu: return nil
        // The dashboard's findings, shown in review builds only.
        case .constatApparu: return options.revue ? "Constats" : nil
        case .phaseModifiee, .conventionSignee: return "Identite"
        case .moyensModifies: return entries[k].convention.moyens == nil ? nil : "Moyens"
        default: break
        }
        let anchors = self.anchors(of: k)
        for a in axes.indices {
            let objectifs = axes[a].objectifs?.value ?? []
            for j in objectifs.indices {
                if let id = c.indicateur, let i = (objectifs[j].indicateurs?.value ?? []).firstIndex(where: { $0.id.value == id }) {
                    return anchors.indicateurs[a][j][i]
                }
                if let id = c.action, let x = (objectifs[j].actions?.value ?? []).firstIndex(where: { $0.id.value == id }) {
                    return anchors.actions[a][j][x]
                }
            }
        }
        return nil
    }

    /// Entry `k`'s « Depuis le … » block; nil without `--depuis` or without a change.
    func depuisVue(entry k: Int, frame: PageFrame) -> DepuisVue? {
        guard options.evolutions != nil, let cs = changementsParConvention[entries[k].id], !cs.isEmpty else { return nil }
        return DepuisVue(titre: "Depuis \(depuisTexte)", bilan: Self.bilanChangements(cs),
                         urlEvolutions: frame.url(SitePath.evolutions),
                         changements: changementsVue(cs, entry: k, frame: frame, surLaPage: true))
    }

    /// The home page's line to `evolutions/index.html`; nil without `--depuis`.
    func lienEvolutions(_ frame: PageFrame) -> LienEvolutions? {
        guard let cmp = options.evolutions else { return nil }
        let n = cmp.changements.count
        let texte = n == 0 ? "Aucun changement depuis \(depuisTexte)" : "\(Format.pluriel(n, "changement")) depuis \(depuisTexte)"
        return LienEvolutions(texte: texte, url: frame.url(SitePath.evolutions))
    }
}
