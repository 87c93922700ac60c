import Model
import Reports

/// The page of a field of intervention (`champs/CHAMP/index.html`, `champ.mustache`): for
/// each convention with axes in that field, the objectifs-résultats table of each of those
/// axes, with links to the rows of its dashboard.
struct ChampVue: PageVue {
    static let gabarit = "champ"
    var champ: Contenu

    struct Contenu: Vue {
        var libelle: String
        var code: String
        var nombreAxes: String
        var nombreConventions: String
        var etats: [EtatCompte]
        var captionEtats: String
        /// Made as the page is written (see `Suite`).
        var conventions: ListeParesseuse<ChampConvention>
        var sansAxe: Liste<ConventionLien>
    }

    struct ConventionLien: Vue {
        var titre: String
        var url: String
    }
}

/// One convention on a field's page (`partials/champ-convention`).
struct ChampConvention: Vue {
    var ancre: String
    var titre: String
    var url: String
    var territoire: String?
    var phase: PhaseVue
    var projet: Bool
    var axes: [AxeDuChamp]

    struct AxeDuChamp: Vue {
        var numero: Int
        var titre: String
        var url: String
        var tableau: ObjectifsTableVue
    }
}

extension SiteMap {
    func champVue(_ k: Int) -> (LayoutVue, ChampVue) {
        let ch = champs[k]
        let frame = PageFrame(map: self, path: ch.path)
        let layout = frame.layoutVue(titre: ch.libelle, filAriane: [("Accueil", frame.url(SitePath.accueil)), (ch.libelle, nil)])
        var etats: [EtatIndicateur: Int] = [:]
        var groups: [(entry: Int, axes: [Int])] = []
        for (i, a) in ch.axes {
            if groups.last?.entry == i { groups[groups.count - 1].axes.append(a) } else { groups.append((i, [a])) }
        }
        // The states of the field's indicators, from each convention's summary.
        for (i, a) in ch.axes {
            let e = entries[i]
            guard let axe = e.convention.axes?.value[a] else { continue }
            let objectifs = axe.objectifs?.value ?? []
            for j in objectifs.indices {
                let inds = objectifs[j].indicateurs?.value ?? []
                for n in inds.indices {
                    etats[e.resume.indicateur(axe: a, objectif: j, indicateur: n)?.etat ?? Reports.resume(inds[n], date: date).etat, default: 0] += 1
                }
            }
        }
        let conventions = Suite(count: groups.count) { n -> ChampConvention in
            let g = groups[n]
            let e = self.entries[g.entry]
            // Anchors as on the dashboard, so links land on the right rows.
            let anchors = self.anchors(of: g.entry)
            let base = frame.url(e.path) + "#"
            return ChampConvention(
                ancre: "Convention-\(e.slug)", titre: e.titre, url: frame.url(e.path),
                territoire: e.convention.territoire?.nom?.value, phase: PhaseVue(e.resume.phase), projet: e.resume.phase == .projet,
                axes: g.axes.map { a in
                    let axe = e.convention.axes!.value[a]
                    return .init(numero: a + 1, titre: axe.titre?.value ?? "Axe \(a + 1)", url: base + anchors.axes[a],
                                 tableau: ObjectifsTableVue(axe: axe, numero: a + 1, captionId: "Tableau-\(e.slug)-\(a + 1)",
                                                            regionLabel: "Convention-\(e.slug)", entry: e, anchors: anchors,
                                                            base: base, onPage: false, date: self.date, publication: publication))
                })
        }
        return (layout, ChampVue(champ: .init(
            libelle: ch.libelle,
            code: ch.code,
            nombreAxes: Format.pluriel(ch.axes.count, "axe"),
            nombreConventions: Format.pluriel(groups.count, "convention"),
            etats: EtatCompte.liste(etats),
            captionEtats: "Etats-indicateurs",
            conventions: ListeParesseuse(items: conventions),
            sansAxe: Liste(ch.sansAxe.map { i in .init(titre: entries[i].titre, url: frame.url(entries[i].path)) }))))
    }
}
