import Model

/// The board's dossier made from the dashboard's bytes, when that gives the very bytes the
/// templates would.
///
/// The dossier (`territoires/ID/dossier.html`) is the dashboard seen from the same folder,
/// with its own head, cover note and the annexes at the end. Rendered a second time, it cost a
/// tenth of a build; most of it is the same bytes, and every relative URL stays what it is,
/// but for two kinds of link, made as `#x` on the dashboard and `index.html#x` in the
/// dossier: the findings list of `--revue`, and a link of the body to an anchor of the
/// convention's own page. For those the dossier is rendered the usual way (`make` returns nil).
struct DossierRelocation {
    let map: SiteMap
    let index: Int

    /// The dossier's bytes from the dashboard's (`dashboard`, as written in Swift, without the
    /// live-reload script), or nil when they cannot be moved (see above) or do not have the
    /// expected shape.
    func make(dashboard: [UInt8], shared: DashboardShared) -> [UInt8]? {
        guard !map.options.revue, map.options.liveReloadScript == nil, bodyLinksStay(shared.document ?? nil) else { return nil }
        let e = map.entries[index]
        return dashboard.withUnsafeBufferPointer { u -> [UInt8]? in
            guard let article = memmemIndex(u, "<article class=\"convention\" ", from: 0),
                  let lien = memmemIndex(u, "<p class=\"lien-dossier\">", from: article),
                  let header = memmemIndex(u, "\n</header>\n", from: lien),
                  let end = lastIndex(u, "</article>\n"), end > header else { return nil }
            var h = HTMLBuffer(capacity: u.count + 4096)
            Layout(page: map.dossierLayout(entry: index)).write(&h) { h in
                // The convention's header, its link to the dossier replaced by the cover note.
                h.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[article..<lien]))
                h.raw("\n")
                ConventionPage.couverture(&h, date: Format.date(map.date), annexes: !e.convention.annexes.isEmpty,
                                          urlTableauDeBord: PageFrame(map: map, path: e.dossierPath).url(e.path))
                h.raw("\n</header>\n")
                h.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[(header + 11)..<end]))
                for k in e.convention.annexes.indices {
                    let a = map.dossierAnnexe(entry: index, annexe: k, shared: shared)
                    ConventionPage.annexe(&h, ancre: a.ancre, titre: a.titre, contenu: a.contenu)
                }
                h.raw("</article>\n")
            }
            return h.bytes
        }
    }

    /// False when the body links to an anchor of the convention's own page (`#x` on the
    /// dashboard, `index.html#x` in the dossier).
    private func bodyLinksStay(_ document: MarkdownDocument?) -> Bool {
        guard let document else { return true }
        let e = map.entries[index]
        for link in document.links where link.marker != nil {
            if case let .page(path, fragment) = map.target(of: link.destination, in: e.convention.file), path == e.path, fragment != nil {
                return false
            }
        }
        return true
    }
}
