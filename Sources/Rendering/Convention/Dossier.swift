import Model

extension SiteMap {
    /// The board's dossier (`territoires/ID/dossier/index.html`): the dashboard as seen from
    /// that page, then every annex in full, for a board that reads on paper. It is rendered
    /// with the dashboard's own template, which adds the cover note and the annexes when the
    /// page holds `dossier`.
    func dossierVue(entry i: Int, swift: SwiftBlocks = SwiftBlocks(), blocks: PageBlocks = PageBlocks(),
                    shared: DashboardShared = DashboardShared()) -> DashboardVue {
        let e = entries[i]
        var out = DashboardBuilder(map: self, index: i, path: e.dossierPath, swift: swift, blocks: blocks, shared: shared).vue()
        let frame = PageFrame(map: self, path: e.dossierPath)
        out.layout = dossierLayout(entry: i)
        out.dossier = DashboardVue.DossierVue(
            date: Format.date(date),
            urlTableauDeBord: frame.url(e.path),
            annexes: e.convention.annexes.indices.map { k in
                let a = dossierAnnexe(entry: i, annexe: k, shared: shared)
                return (a.titre, a.ancre, frame.url(e.annexPath(k)), a.contenu)
            })
        out.urlDossier = nil
        return out
    }

    /// The layout of the dossier of entry `i`: its title, breadcrumb and printed header.
    func dossierLayout(entry i: Int) -> LayoutVue {
        let e = entries[i]
        let frame = PageFrame(map: self, path: e.dossierPath)
        var ariane = frame.filAriane(e, courant: false)
        ariane.append(("Dossier du conseil d'administration", nil))
        return frame.layoutVue(titre: "Dossier – \(e.titre)", filAriane: ariane,
                               impression: (e.titre, "Dossier du conseil d'administration – situation au \(Format.date(date))"))
    }

    /// Annex `k` of entry `i` as the dossier shows it: its title, the id of its section and its HTML.
    func dossierAnnexe(entry i: Int, annexe k: Int, shared: DashboardShared) -> (titre: String, ancre: String, contenu: String) {
        let e = entries[i]
        let a = e.convention.annexes[k]
        let ancre = "Annexe-" + e.annexSlugs[k]
        return (a.titre, ancre, Self.nested(html(ofRendered: shared.annexe(k, of: e.convention), source: a.file, page: e.dossierPath), prefix: ancre))
    }

    /// An annex's HTML inside the dossier: headings one level down (the annex title is an
    /// `<h2>`), ids and in-page links prefixed so they cannot clash with the dashboard's.
    static func nested(_ html: String, prefix: String) -> String {
        var s = html
        for level in stride(from: 5, through: 2, by: -1) {
            s = s.replacingOccurrences(of: "<h\(level)", with: "<h\(level + 1)")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        return s.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)-")
            .replacingOccurrences(of: " href=\"#", with: " href=\"#\(prefix)-")
    }
}
