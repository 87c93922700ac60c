import Model

extension SiteMap {
    /// The board's dossier (`territoires/ID/dossier/index.html`): the dashboard as seen from
    /// that page, then every annex in full, for a board that reads on paper. It is the
    /// dashboard's own template, which adds the cover note and the annexes when the page has
    /// `dossier`.
    func dossierVue(entry i: Int, shared: DashboardShared = DashboardShared()) -> (layout: LayoutVue, page: DashboardVue) {
        let e = entries[i]
        var out = DashboardBuilder(map: self, index: i, path: e.dossierPath, shared: shared).vue().page
        let frame = PageFrame(map: self, path: e.dossierPath)
        out.dossier = DashboardVue.DossierVue(
            date: Format.date(date),
            urlTableauDeBord: frame.url(e.path),
            annexes: Liste(e.convention.annexes.indices.map { k in
                let a = e.convention.annexes[k]
                let ancre = "Annexe-" + e.annexSlugs[k]
                return .init(titre: a.titre, ancre: ancre, url: frame.url(e.annexPath(k)),
                             contenu: HTML(Self.nested(html(ofRendered: shared.annexe(k, of: e.convention, in: self), source: a.file, page: e.dossierPath), prefix: ancre)))
            }))
        out.urlDossier = nil
        return (dossierLayout(entry: i), out)
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
