import CSystem
import Model

/// The board's dossier made from the dashboard's bytes, when that gives the very bytes the
/// templates would.
///
/// The dossier is the dashboard seen from one folder down (`territoires/ID/dossier/`), with
/// its own head, cover note and the annexes at the end. Rendered a second time, it cost a
/// tenth of a build; most of it is the same bytes. Moving one folder down changes a relative
/// URL in one way: `x` becomes `../x`, and `dossier/x` becomes `x`; in-page anchors (`#x`)
/// and URLs with a scheme stay. That holds for every link of the dashboard's body of blocks
/// but two kinds, made as `#x` on the dashboard and `../index.html#x` in the dossier: the
/// findings list of `--revue`, and a link of the body to an anchor of the convention's own
/// page. For those the dossier is rendered the usual way (`make` returns nil).
struct DossierRelocation {
    let map: SiteMap
    let index: Int

    /// The dossier's bytes from the dashboard's (`dashboard`, as written in Swift, without the
    /// live-reload script), or nil when they cannot be moved (see above) or do not have the
    /// expected shape.
    func make(dashboard u: UnsafeBufferPointer<UInt8>, shared: DashboardShared) -> PageBytes? {
        guard !map.options.revue, map.options.liveReloadScript == nil, bodyMoves(shared.document ?? nil) else { return nil }
        let e = map.entries[index]
        guard let article = memmemIndex(u, "<article class=\"convention\" ", from: 0),
              let lien = memmemIndex(u, "<p class=\"lien-dossier\">", from: article),
              let header = memmemIndex(u, "\n</header>\n", from: lien),
              let end = lastIndex(u, "</article>\n"), end > header else { return nil }
        var h = HTMLBuffer(capacity: u.count + 4096)
        Layout(vue: map.dossierLayout(entry: index)).write(&h) { h in
            // The convention's header, its link to the dossier replaced by the cover note.
            h.append(UnsafeBufferPointer(rebasing: u[article..<lien]))
            h.raw("\n")
            ConventionPage.couverture(&h, date: Format.date(map.date), annexes: !e.convention.annexes.isEmpty,
                                      urlTableauDeBord: PageFrame(map: map, path: e.dossierPath).url(e.path))
            h.raw("\n</header>\n")
            Self.moveDown(UnsafeBufferPointer(rebasing: u[(header + 11)..<end]), into: &h, folder: e.dossierSlug)
            for k in e.convention.annexes.indices {
                let a = map.dossierAnnexe(entry: index, annexe: k, shared: shared)
                ConventionPage.annexe(&h, ancre: a.ancre, titre: a.titre, contenu: a.contenu)
            }
            h.raw("</article>\n")
        }
        return h.take()
    }

    /// False when the body links to an anchor of the convention's own page (`#x` on the
    /// dashboard, `../index.html#x` in the dossier).
    private func bodyMoves(_ document: MarkdownDocument?) -> Bool {
        guard let document else { return true }
        let e = map.entries[index]
        for link in document.links where link.marker != nil {
            if case let .page(path, fragment) = map.target(of: link.destination, in: e.convention.file), path == e.path, fragment != nil {
                return false
            }
        }
        return true
    }

    /// `html` with every relative URL of an `href` or `src` attribute moved one folder down,
    /// into `folder`: `x` becomes `../x`, and `folder/x` becomes `x`.
    static func moveDown(_ u: UnsafeBufferPointer<UInt8>, into out: inout HTMLBuffer, folder: String) {
        let inside = Array((folder + "/").utf8)
        var copied = 0, i = 0
        // Each `="` preceded by ` href` or ` src`, found in C (`ctg_next_url_attribute`): a
        // dashboard has a few thousand attributes and a few dozen links.
        while let base = u.baseAddress, i < u.count {
            let start = ctg_next_url_attribute(base, u.count, i)  // the URL's first byte
            guard start < u.count else { break }
            guard let close = memchrIndex(u, 34, from: start) else { break }
            i = close + 1
            let v = UnsafeBufferPointer(rebasing: u[start..<close])
            guard isRelativeURL(v) else { continue }
            out.append(UnsafeBufferPointer(rebasing: u[copied..<start]))
            if v.count > inside.count, v.prefix(inside.count).elementsEqual(inside) {
                out.append(UnsafeBufferPointer(rebasing: v[(v.startIndex + inside.count)...]))
            } else {
                out.raw("../")
                out.append(v)
            }
            copied = close
        }
        out.append(UnsafeBufferPointer(rebasing: u[copied...]))
    }
}
