import Model

extension SiteMap {
    /// The board's dossier (`territoires/ID/dossier/index.html`): the dashboard as seen from
    /// that page, then every annex in full, for a board that reads on paper. It is rendered
    /// with the dashboard's own template, which adds the cover note and the annexes when the
    /// context holds `dossier`.
    func dossierContext(entry i: Int, swift: SwiftBlocks = SwiftBlocks(), blocks: PageBlocks = PageBlocks(),
                        shared: DashboardShared = DashboardShared()) -> Ctx {
        let e = entries[i]
        var out = DashboardBuilder(map: self, index: i, path: e.dossierPath, swift: swift, blocks: blocks, shared: shared).context()
        let frame = PageFrame(map: self, path: e.dossierPath)
        var ariane = frame.filAriane(e, courant: false)
        ariane.append(("Dossier du conseil d'administration", nil))
        out.merge(frame.layout(titre: "Dossier – \(e.titre)", filAriane: ariane,
                               impression: (e.titre, "Dossier du conseil d'administration – situation au \(Format.date(date))"))) { _, layout in layout }
        let annexes: [Any] = e.convention.annexes.indices.map { k in
            let a = e.convention.annexes[k]
            let ancre = "Annexe-" + e.annexSlugs[k]
            return ctx([
                "titre": a.titre,
                "ancre": ancre,
                "url": frame.url(e.annexPath(k)),
                "contenu": Self.nested(html(ofRendered: shared.annexe(k, of: e.convention), source: a.file, page: e.dossierPath), prefix: ancre),
            ])
        }
        out["dossier"] = ctx([
            "date": Format.date(date),
            "urlTableauDeBord": frame.url(e.path),
            "annexes": annexes.isEmpty ? nil : ctx(["items": annexes]),
        ])
        out["urlDossier"] = nil
        return out
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
