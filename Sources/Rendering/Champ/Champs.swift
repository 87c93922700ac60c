import Model
import Reports

/// The page of a field of intervention (`champs/CHAMP/index.html`): for each convention
/// with axes in that field, the objectifs-résultats table of each of those axes, with links
/// to the rows of its dashboard.
///
/// The list is also the built-in `partials/champ-convention` written in Swift (with
/// `partials/objectifs-resultats`), used while the project keeps both; a test checks that
/// both ways give the same bytes.
struct ChampConvention {
    struct AxeDuChamp {
        let numero: Int
        let titre: String
        let url: String
        let tableau: ObjectifsTable
    }

    let ancre: String
    let titre: String
    let url: String
    let territoire: String?
    let phase: Phase
    let axes: [AxeDuChamp]

    /// The section of one convention, as the built-in `partials/champ-convention` writes it.
    func section(_ h: inout HTMLBuffer) {
        h.raw("<section class=\"bloc\" aria-labelledby=\""); h.html(ancre)
        h.raw("\">\n<h2 id=\""); h.html(ancre)
        h.raw("\"><a href=\""); h.text(url); h.raw("\">"); h.text(titre)
        h.raw("</a></h2>\n<p class=\"convention-statut\"><span class=\"phase phase-"); h.html(phase.rawValue)
        h.raw("\">"); h.text(phase.libelle); h.raw("</span>")
        if let territoire { h.raw(" · "); h.text(territoire) }
        h.raw("</p>\n")
        for a in axes {
            h.raw("<h3><span class=\"axe-numero\">Axe "); h.int(a.numero)
            h.raw("</span> <a href=\""); h.text(a.url); h.raw("\">"); h.text(a.titre); h.raw("</a></h3>\n")
            a.tableau.partial(&h)
        }
        h.raw("</section>\n")
    }

    func context(blocks: PageBlocks) -> Ctx {
        ctx([
            "ancre": ancre,
            "titre": titre, "url": url,
            "territoire": territoire,
            "phase": Etiquette.phase(phase),
            "projet": phase == .projet ? true : nil,
            "axes": axes.map { a in
                ctx([
                    "numero": String(a.numero),
                    "titre": a.titre,
                    "url": a.url,
                    "tableau": a.tableau.context(blocks: blocks),
                ])
            },
        ])
    }
}

extension SiteMap {
    func champContext(_ k: Int, blocks: PageBlocks = PageBlocks(), swift: SwiftBlocks = SwiftBlocks()) -> Ctx {
        let ch = champs[k]
        let frame = PageFrame(map: self, path: ch.path)
        var out = frame.layoutVue(titre: ch.libelle, filAriane: [("Accueil", frame.url(SitePath.accueil)), (ch.libelle, nil)]).ctx
        var etats: [EtatIndicateur: Int] = [:]
        var groups: [(entry: Int, axes: [Int])] = []
        for (i, a) in ch.axes {
            if groups.last?.entry == i { groups[groups.count - 1].axes.append(a) } else { groups.append((i, [a])) }
        }
        // The states of the field's indicators, counted before any table is made: the tables
        // are made as the page is written.
        for (i, a) in ch.axes {
            let e = entries[i]
            guard let axe = e.convention.axes?.value[a] else { continue }
            // The states of the convention's summary, in the order of its plan.
            var n = ObjectifsTable.premierIndicateur(axe: a, of: e.convention)
            let objectifs = axe.objectifs?.value ?? []
            for j in objectifs.indices {
                let inds = objectifs[j].indicateurs?.value ?? []
                for i in inds.indices {
                    etats[e.resume.indicateur(n)?.etat ?? Reports.resume(inds[i], date: date).etat, default: 0] += 1
                    n += 1
                }
            }
        }
        func convention(_ g: (entry: Int, axes: [Int])) -> ChampConvention {
            let e = entries[g.entry]
            // Anchors as on the dashboard, so links land on the right rows.
            let anchors = self.anchors(of: g.entry)
            let axes = g.axes.map { a in
                let axe = e.convention.axes!.value[a]
                var tableau = ObjectifsTable(axe: axe, numero: a + 1, captionId: "Tableau-\(e.slug)-\(a + 1)",
                                             frame: frame, entry: e, anchors: anchors, onPage: false)
                tableau.regionLabel = "Convention-\(e.slug)"
                return ChampConvention.AxeDuChamp(numero: a + 1, titre: axe.titre?.value ?? "Axe \(a + 1)",
                                                  url: frame.url(e.path, ancre: anchors.axes[a]), tableau: tableau)
            }
            return ChampConvention(ancre: "Convention-\(e.slug)", titre: e.titre, url: frame.url(e.path),
                                   territoire: e.convention.territoire?.nom?.value, phase: e.resume.phase, axes: axes)
        }
        var list: Ctx? = nil
        if !groups.isEmpty {
            let made = convention
            if swift.champ {
                // Each convention's section made as the page is written, and written by pieces of
                // 64 KB: at 5,000 conventions a field page has 1,700 axes (8 MB), and holding
                // them all before writing them was most of the build's memory beyond the project.
                let html = blocks.add(streaming: { emit in
                    var h = HTMLBuffer(capacity: 1 << 17)
                    for g in groups {
                        made(g).section(&h)
                        if h.count >= 1 << 16 {
                            let last = h.removeLast()
                            try emit(h.bytes)
                            h.removeAll()
                            h.append(last)
                        }
                    }
                    h.removeLast() // the template's line adds it back
                    try emit(h.bytes)
                })
                // A project's own `champ` template may still go through the list: made again then.
                list = ctx(["html": html, "items": LazyList(groups) { made($0).context(blocks: blocks) }])
            } else {
                let conventions = groups.map(made)
                list = ctx(["html": nil, "items": LazyList(conventions) { $0.context(blocks: blocks) }])
            }
        }
        out["champ"] = ctx([
            "libelle": ch.libelle,
            "code": ch.code,
            "nombreAxes": Format.pluriel(ch.axes.count, "axe"),
            "nombreConventions": Format.pluriel(groups.count, "convention"),
            "etats": Etiquette.etats(etats),
            "captionEtats": "Etats-indicateurs",
            "conventions": list,
            "sansAxe": liste(ch.sansAxe.map { i in ctx(["titre": entries[i].titre, "url": frame.url(entries[i].path)]) }),
        ])
        return out
    }
}
